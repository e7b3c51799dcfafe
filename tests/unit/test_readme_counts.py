"""The README's counts of the default pack are the pack's (tools/readme_counts.py makes them)."""
from __future__ import annotations

import re

from tools import readme_counts


def test_readme_states_the_default_packs_rule_counts():
    with open(readme_counts.README, encoding="utf-8") as fh:
        text = fh.read()
    assert readme_counts.updated(text) == text, \
        "README.md is out of date: run python tools/readme_counts.py"


def test_the_sentence_counts_every_rule():
    said = readme_counts.sentence()
    total = int(re.search(r"has (\d+) rules", said).group(1))
    parts = [int(n) for n in re.findall(r"`[A-Z]+`, (\d+)\)", said)]
    assert total == sum(parts) and total > 0
