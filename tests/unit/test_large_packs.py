"""Large rule packs (issue 21, case 4): long membership lists and facts of many attributes.

durable_rules took more than ten minutes to create a ruleset with one `$or` of 850 branches (the
`names_known_rule` test of an 800-rule pack), and refuses a fact of more than 254 properties
(error 302).  The load time of a 3,000-rule pack is measured in benchmarks/big_pack.py."""
from __future__ import annotations

import os
import sys

import yaml

from idm.engine.authoring.examples import DEFAULT_DATE, initiative
from idm.engine.compile.compiler import MAX_OR_VALUES, attributes_of, compile_ruleset
from idm.engine.pack.rulepack import load_ruleset
from idm.engine.check.run import check

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from big_pack import make_pack  # noqa: E402


def _pack(tmp_path, rules, name="extra.yaml"):
    doc = {"apiVersion": "idm/v1", "kind": "RulePack", "name": "extra", "rules": rules}
    p = tmp_path / name
    p.write_text(yaml.safe_dump(doc, sort_keys=False), "utf-8")
    return str(p)


def _rule(rid, when):
    return {"id": rid, "title": {"en": "T", "nl": "T"}, "message": {"en": "M", "nl": "M"},
            "category": "business", "domain": "design", "severity": "warning",
            "when": when, "at": "title"}


def _fired(paths, ruleset):
    result = check(paths, ruleset, DEFAULT_DATE)
    assert not result.errors, result.errors
    return sorted((f.initiative, f.rule) for f in result.all_findings()
                  if f.rule.startswith("ORG-"))


def test_a_long_in_list_gives_the_same_findings_as_a_short_one(tmp_path):
    names = ["Team %d" % i for i in range(40)]
    rules = [_rule("ORG-001", {"path": "owner.name", "in": names}),
             _rule("ORG-002", {"path": "owner.name", "not_in": names}),
             _rule("ORG-003", {"path": "owner.name", "in": names[:3]}),
             _rule("ORG-004", {"not": {"path": "owner.name", "in": names}})]
    ruleset = load_ruleset([_pack(tmp_path, rules)])
    assert len(names) > MAX_OR_VALUES
    paths = []
    for i, owner in enumerate(["Team 1", "Team 39", "Iemand anders", None]):
        doc = initiative({"owner": {"name": owner} if owner else None}, "INI-%d" % i)
        p = tmp_path / ("i%d.yaml" % i)
        p.write_text(yaml.safe_dump(doc), "utf-8")
        paths.append(str(p))
    assert _fired(paths, ruleset) == [
        ("INI-0", "ORG-001"), ("INI-0", "ORG-003"),
        ("INI-1", "ORG-001"),
        ("INI-2", "ORG-002"), ("INI-2", "ORG-004"),
        ("INI-3", "ORG-004"),
    ]


def test_no_ruleset_gets_an_or_longer_than_the_limit_or_a_fact_too_large(tmp_path):
    pack = tmp_path / "big.yaml"
    pack.write_text(make_pack(600), "utf-8")   # 75 distinct regular expressions, 600 rule ids
    ruleset = load_ruleset([os.path.join(ROOT, "rules"), str(pack)])
    compiled = compile_ruleset(ruleset, DEFAULT_DATE)

    def longest_or(node):
        if isinstance(node, dict):
            here = len(node["$or"]) if isinstance(node.get("$or"), list) else 0
            return max([here] + [longest_or(v) for v in node.values()])
        if isinstance(node, list):
            return max([0] + [longest_or(v) for v in node])
        return 0

    for kind in compiled.kinds.values():
        for chunk, attrs in kind.chunks_with_attrs():
            assert len(attrs) <= 200
            for rule in chunk.values():
                assert attributes_of(rule) <= attrs
                assert longest_or(rule) <= MAX_OR_VALUES + 2


def test_a_fact_of_more_than_254_attributes_is_split_over_rulesets(tmp_path):
    # 260 different regular expressions on the title: 260 attributes of the initiative's fact.
    rules = [_rule("ORG-%03d" % i, {"path": "title", "matches": ("Digitaal|q%d" if i % 2 else
                                                                   "^q%d$") % i})
             for i in range(260)]
    ruleset = load_ruleset([_pack(tmp_path, rules)])
    result = check([os.path.join(ROOT, "examples", "clean.yaml")], ruleset, DEFAULT_DATE)
    assert not result.errors, result.errors
    fired = sorted(f.rule for f in result.all_findings())
    assert fired == ["ORG-%03d" % i for i in range(1, 260, 2)]
