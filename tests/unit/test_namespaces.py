"""Pack namespaces: a pack's own predicates and patterns, qualified names across packs."""
from __future__ import annotations

import yaml

from idm.engine.pack.rulepack import load_ruleset, load_ruleset_collecting


def _pack(tmp_path, name, body):
    path = tmp_path / ("%s.yaml" % name)
    path.write_text(yaml.safe_dump(dict({"apiVersion": "idm/v1", "kind": "RulePack",
                                         "name": name}, **body)), "utf-8")
    return str(path)


RULE = {"id": "NS-001", "title": {"en": "t", "nl": "t"}, "message": {"en": "m", "nl": "m"},
        "category": "business", "domain": "design", "severity": "info", "at": "title"}


def test_own_pattern_wins_and_another_pack_qualifies_it(tmp_path):
    shared = _pack(tmp_path, "shared", {"patterns": {"K_GDPR": "^mine$"}})
    own = _pack(tmp_path, "own", {
        "patterns": {"K_GDPR": "^own$"},
        "rules": [dict(RULE, when={"all": [
            {"path": "title", "matches_pattern": "K_GDPR"},
            {"path": "title", "matches_pattern": "shared.K_GDPR"}]})]})
    rs = load_ruleset([shared, own])
    when = rs.by_id()["NS-001"].when
    assert [t.arg for t in when.items] == ["^own$", "^mine$"]
    assert set(rs.defs.patterns) == {"shared.K_GDPR", "own.K_GDPR"}


def test_the_default_packs_names_are_visible_unqualified_and_can_be_redefined(tmp_path):
    own = _pack(tmp_path, "own", {
        "patterns": {"K_GDPR": "^own$"},
        "rules": [dict(RULE, when={"all": [{"path": "title", "matches_pattern": "K_GDPR"},
                                           {"path": "title", "matches_pattern": "K_AI"}]})]})
    from idm.engine.pack.rulepack import default_pack_dir
    rs = load_ruleset([default_pack_dir(), own])
    first, second = rs.by_id()["NS-001"].when.items
    assert first.arg == "^own$" and second.arg == rs.defs.patterns["K_AI"]


def test_a_name_defined_twice_in_one_pack_is_an_error(tmp_path):
    a = _pack(tmp_path, "same", {"predicates": {"p": {"path": "title", "present": True}}})
    b = tmp_path / "same2.yaml"
    b.write_text(yaml.safe_dump({"apiVersion": "idm/v1", "kind": "RulePack", "name": "same",
                                 "predicates": {"p": {"path": "title", "present": True}}}),
                 "utf-8")
    _, problems = load_ruleset_collecting([a, str(b)])
    assert any("predicate 'p' is already defined" in p.message for p in problems)


def test_another_packs_predicate_is_not_visible_unqualified(tmp_path):
    shared = _pack(tmp_path, "shared", {"predicates": {"q": {"path": "title", "present": True}}})
    own = _pack(tmp_path, "own", {"rules": [dict(RULE, when={"predicate": "q"})]})
    _, problems = load_ruleset_collecting([shared, own])
    assert [p.message for p in problems] == ["unknown predicate 'q' (did you mean 'shared.q'?)"]
