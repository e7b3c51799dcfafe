"""Stage 2, rule packs: the rule language and the loading of packs and coverage profiles."""
