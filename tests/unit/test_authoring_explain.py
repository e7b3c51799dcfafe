"""`idm explain --initiative`: per-part verdicts come from durable_rules."""
import os

from idm.engine.authoring.explain import _parts, explain_initiative
from idm.engine.pack.rulepack import load_ruleset

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


def test_the_document_level_part_of_a_per_item_rule_is_explained():
    rs = load_ruleset()
    case = os.path.join(ROOT, "examples", "v1.1", "zaaksysteem-archief.yaml")
    text, _ = explain_initiative(rs, rs.by_id()["LEG-012"], case, "2026-11-22")
    assert "Result: fired at ai_systems" in text
    assert "Once per initiative, at ai_systems:" in text
    assert "ai_systems is missing  -> held" in text


def test_a_list_inside_list_items_is_explained_per_inner_item():
    rs = load_ruleset()
    case = os.path.join(ROOT, "examples", "v1.1", "website-evenementenloket.yaml")
    text, _ = explain_initiative(rs, rs.by_id()["BUS-011"], case, "2026-11-22")
    assert "  operations.procurements[0].deviations[0]:" in text
    assert "item.annual_report_year is missing  -> held" in text
