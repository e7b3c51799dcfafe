"""`idm explain --initiative`: per-part verdicts come from durable_rules."""
import os

from engine.authoring.explain import _parts, explain_initiative
from engine.pack.rulepack import load_ruleset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FINDINGS = os.path.join(ROOT, "examples", "with-findings.yaml")


def test_every_rule_explains_on_the_example_without_error():
    rs = load_ruleset()
    for spec in rs.specs:
        text, problems = explain_initiative(rs, spec, FINDINGS, "2026-11-22")
        assert not problems and text.startswith(spec.id)


def test_quantifier_items_get_their_own_verdicts():
    rs = load_ruleset()
    text, _ = explain_initiative(rs, rs.by_id()["BUS-005"], FINDINGS, "2026-11-22")
    assert "item.perspective is 'people'  -> held for items: [0]; value: [0] people, [1] profit" \
        in text
    assert "no item of stakeholders satisfies:  -> not held; value: 2 items" in text


def test_parts_follow_the_tree():
    rs = load_ruleset()
    parts = _parts(rs.by_id()["LEG-001"].when, False)
    assert [(p.depth, p.context) for p in parts] == [(0, "rule"), (1, "rule"), (1, "rule")]
