"""Conditions rendered in words from the parsed tree."""
from idm.engine.authoring.render import condition_lines, sentence
from idm.engine.pack.rulepack import load_ruleset


def _spec(rule_id):
    rs = load_ruleset()
    return rs, rs.by_id()[rule_id]


def test_sentence_in_both_languages():
    rs, spec = _spec("LEG-001")
    assert sentence(spec.when, "en") == \
        "design.privacy.personal_data is true AND design.privacy.purpose is missing"
    assert sentence(spec.when, "nl") == \
        "design.privacy.personal_data is true EN design.privacy.purpose ontbreekt"


def test_for_each_and_named_patterns():
    rs, spec = _spec("LEG-006")
    assert condition_lines(spec, "en", rs.defs.patterns) == [
        "For each item of operations.applications:",
        "  - all of:",
        "    - design.privacy.personal_data is true",
        "    - item.hosting is 'non-eu'",
    ]


def test_quantifier_sentence():
    rs, spec = _spec("BUS-005")
    assert sentence(spec.when, "en") == (
        "stakeholders is present AND no item of stakeholders satisfies "
        "[item.perspective is 'people']")
