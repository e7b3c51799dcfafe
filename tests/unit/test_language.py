"""The rule language operator by operator, evaluated through durable_rules.

Each case is (condition, partial initiative, fires?).  Absent, null and empty values are
missing (docs/design/evaluation.md §1); negative comparisons never match a missing value (§2); `not` is
plain negation.
"""
from __future__ import annotations

import pytest
import yaml

from idm.engine.errors import InputError
from idm.engine.pack.rulepack import load_ruleset
from idm.engine.check.run import check
from tests.steps.world import initiative

PURPOSE = "design.privacy.purpose"


def evaluate(tmp_path, when, doc, for_each=None, at="title", date="2026-11-22", extra=None):
    rule = {"id": "T-001", "title": {"en": "t", "nl": "t"}, "message": {"en": "m", "nl": "m"},
            "category": "business", "domain": "design", "severity": "error", "when": when,
            "at": at}
    if for_each is not None:
        rule["for_each"] = for_each
    pack = {"apiVersion": "idm/v1", "kind": "RulePack", "name": "t", "rules": [rule],
            "scales": {"maturity": ["initiation", "basis", "development", "integration",
                                    "transformation"]}}
    if extra:
        pack.update(extra)
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(pack), "utf-8")
    (tmp_path / "i.yaml").write_text(yaml.safe_dump(initiative(doc)), "utf-8")
    result = check([str(tmp_path / "i.yaml")], load_ruleset([str(tmp_path / "pack.yaml")]), date,
                   jobs=1)
    assert not result.errors, result.errors
    return sorted(f.path for f in result.all_findings() if f.rule == "T-001")


def fires(tmp_path, when, doc, **kw):
    return bool(evaluate(tmp_path, when, doc, **kw))


def privacy(**fields):
    return {"design": {"privacy": fields}}


@pytest.mark.parametrize("doc,present", [
    ({}, False),                                   # absent, parent absent too
    ({"design": {"privacy": {}}}, False),          # absent, parent present
    (privacy(purpose=None), False),                # null
    (privacy(purpose=""), False),                  # empty string
    (privacy(purpose=" \u00a0\u2003"), False),     # Unicode whitespace only
    (privacy(purpose="x"), True),
])
def test_present_and_missing(tmp_path, doc, present):
    assert fires(tmp_path, {"path": PURPOSE, "present": True}, doc) is present
    assert fires(tmp_path, {"path": PURPOSE, "missing": True}, doc) is not present
    assert fires(tmp_path, {"path": PURPOSE, "present": False}, doc) is not present


@pytest.mark.parametrize("doc,present", [
    ({"stakeholders": []}, False),
    ({"stakeholders": [None, {}, {"name": "  "}]}, False),   # all items missing
    ({"stakeholders": [None, {"name": "Inwoners"}]}, True),
    ({"design": {"culture": {"training": [None, ""]}}}, False),
])
def test_missing_lists_and_mappings(tmp_path, doc, present):
    path = "stakeholders" if "stakeholders" in doc else "design.culture"
    assert fires(tmp_path, {"path": path, "present": True}, doc) is present


@pytest.mark.parametrize("value,expected", [(True, True), (False, False), (None, False)])
def test_equals_boolean_false_is_present(tmp_path, value, expected):
    doc = privacy(personal_data=value)
    assert fires(tmp_path, {"path": "design.privacy.personal_data", "equals": True}, doc) is expected
    # false is present: "is not true" holds for false and for missing (evaluation.md §1)
    assert fires(tmp_path, {"not": {"path": "design.privacy.personal_data", "equals": True}},
                 doc) is not expected
    assert fires(tmp_path, {"path": "design.privacy.personal_data", "present": True},
                 doc) is (value is not None)


@pytest.mark.parametrize("value,eq,neq", [
    ("public-task", True, False), ("consent", False, True), (None, False, False)])
def test_not_equals_never_matches_missing(tmp_path, value, eq, neq):
    doc = privacy(legal_basis=value)
    assert fires(tmp_path, {"path": "design.privacy.legal_basis", "equals": "public-task"},
                 doc) is eq
    assert fires(tmp_path, {"path": "design.privacy.legal_basis", "not_equals": "public-task"},
                 doc) is neq


@pytest.mark.parametrize("value,inn,notin", [
    ("saas", True, False), ("custom", False, True), (None, False, False)])
def test_in_and_not_in(tmp_path, value, inn, notin):
    doc = {"operations": {"applications": [{"name": "A", "sourcing": value}]}}
    fe = "operations.applications"
    assert fires(tmp_path, {"path": "item.sourcing", "in": ["saas", "bpo"]}, doc,
                 for_each=fe, at="item") is inn
    assert fires(tmp_path, {"path": "item.sourcing", "not_in": ["saas", "bpo"]}, doc,
                 for_each=fe, at="item") is notin


@pytest.mark.parametrize("value,lt,ge", [(1, True, False), (2, False, True), (None, False, False)])
def test_numeric_comparisons_hold_only_on_numbers(tmp_path, value, lt, ge):
    doc = {"design": {"security": {"classification": {"confidentiality": value}}}}
    path = "design.security.classification.confidentiality"
    assert fires(tmp_path, {"path": path, "lt": 2}, doc) is lt
    assert fires(tmp_path, {"path": path, "ge": 2}, doc) is ge
    assert fires(tmp_path, {"not": {"path": path, "lt": 2}}, doc) is not lt


@pytest.mark.parametrize("value,hit", [
    ("AI-toepassing", True), ("aio", False), ("Kunstmatige  intelligentie", False),
    ("kunstmatige intelligentie", True), ("Cafe\u0301 AI", True), (None, False)])
def test_matches_is_python_re_search_on_nfc(tmp_path, value, hit):
    when = {"path": "legacy.impact", "matches": r"(?i)\b(ai|kunstmatige intelligentie)\b"}
    assert fires(tmp_path, when, {"legacy": {"impact": value}}) is hit


def test_matches_pattern_by_name(tmp_path):
    extra = {"patterns": {"K_X": "(?i)avg"}}
    when = {"some": {"in": "principles.legislation",
                     "where": {"path": "item", "matches_pattern": "K_X"}}}
    assert fires(tmp_path, when, {"principles": {"legislation": ["UAVG"]}}, extra=extra)
    assert not fires(tmp_path, when, {"principles": {"legislation": ["Archiefwet"]}},
                     extra=extra)


@pytest.mark.parametrize("items,some,every,none", [
    (None, False, True, True),
    ([], False, True, True),
    ([None, {}], False, True, True),                  # missing items are skipped
    ([{"hosting": "eu"}], False, False, True),
    ([{"hosting": "non-eu"}, {"hosting": "eu"}], True, False, False),
    ([{"hosting": "non-eu"}, None], True, True, False),
    ([{"name": "no hosting"}], False, False, True),
])
def test_quantifiers(tmp_path, items, some, every, none):
    doc = {"operations": {"applications": items}}
    where = {"path": "item.hosting", "equals": "non-eu"}
    for q, expected in (("some", some), ("every", every), ("none", none)):
        when = {q: {"in": "operations.applications", "where": where}}
        assert fires(tmp_path, when, doc) is expected, q
        assert fires(tmp_path, {"not": when}, doc) is not expected, "not " + q


@pytest.mark.parametrize("items,n", [(None, 0), ([None, {"name": "a"}, {"name": "b"}], 2)])
def test_count_counts_present_items(tmp_path, items, n):
    doc = {"operations": {"applications": items}}
    assert fires(tmp_path, {"path": "operations.applications", "count": {"ge": 2}}, doc) is (n >= 2)
    assert fires(tmp_path, {"path": "operations.applications", "count": {"equals": 0}},
                 doc) is (n == 0)


def test_for_each_reports_per_item_with_original_index(tmp_path):
    doc = {"operations": {"applications": [{"hosting": "non-eu"}, None, {"hosting": "non-eu"},
                                           {"hosting": "eu"}]}}
    paths = evaluate(tmp_path, {"path": "item.hosting", "equals": "non-eu"}, doc,
                     for_each="operations.applications", at="item.hosting")
    assert paths == ["operations.applications[0].hosting", "operations.applications[2].hosting"]


@pytest.mark.parametrize("expires,expired", [
    ("2026-11-21", True), ("2026-11-22", False), ("2027-01-01", False), (None, False)])
def test_before_today_is_strict(tmp_path, expires, expired):
    doc = {"principles": {"exceptions": [{"rule": "X", "expires": expires}]}}
    assert fires(tmp_path, {"path": "item.expires", "before": "today"}, doc,
                 for_each="principles.exceptions", at="item") is expired


def test_field_comparison_with_normalised_text(tmp_path):
    when = {"all": [
        {"path": "item.stakeholder", "present": True},
        {"none": {"in": "stakeholders", "as": "s",
                  "where": {"path": "s.name", "equals": {"path": "item.stakeholder"},
                            "normalised": True}}}]}
    doc = {"stakeholders": [{"name": "Afdeling  Vergunningen "}],
           "results": {"outcomes": [{"stakeholder": "afdeling\u00a0vergunningen"},
                                    {"stakeholder": "Raad"}]}}
    assert evaluate(tmp_path, when, doc, for_each="results.outcomes",
                    at="item.stakeholder") == ["results.outcomes[1].stakeholder"]


def test_entries_with_ordinal_scale(tmp_path):
    doc = {"maturity": {"current": {"data": "integration", "web": "basis"},
                        "target": {"data": "basis", "web": "integration", "new": "initiation"}}}
    when = {"path": "item.value", "scale": "maturity",
            "lt": {"path": "maturity.current.{item.key}"}}
    assert evaluate(tmp_path, when, doc, for_each={"entries": "maturity.target"},
                    at="item") == ["maturity.target.data"]


def test_default_gives_the_effective_phase(tmp_path):
    when = {"path": "phase", "default": "initiation", "in": ["initiation"]}
    assert fires(tmp_path, when, {})
    assert fires(tmp_path, when, {"phase": None})
    assert not fires(tmp_path, when, {"phase": "foundation"})


def test_names_known_rule(tmp_path):
    doc = {"principles": {"exceptions": [{"rule": " T-001 "}, {"rule": "T-002"}, {"rule": None}]}}
    assert evaluate(tmp_path, {"path": "item.rule", "names_known_rule": False}, doc,
                    for_each="principles.exceptions",
                    at="item.rule") == ["principles.exceptions[1].rule"]


def test_a_large_disjunction_is_split_for_durable_rules(tmp_path):
    # More $or groups than one durable_rules rule can hold (31 expression slots).
    when = {"any": [{"all": [{"path": "legacy.impact", "matches": "w%d" % i},
                             {"not": {"path": "title", "matches": "t%d" % i}}]}
                    for i in range(20)]}
    assert fires(tmp_path, when, {"legacy": {"impact": "w17"}})
    assert not fires(tmp_path, when, {"legacy": {"impact": "none"}})


@pytest.mark.parametrize("when,message", [
    ({"path": "design.privacy.purpose", "mising": True}, "unknown operator 'mising'"),
    ({"path": "design.privacy.purpse", "missing": True}, "unknown field 'purpse'"),
    ({"path": "budget.one_off", "matches": "x"}, "a regular expression applies to text"),
    ({"path": "title", "lt": 3}, "a numeric comparison needs a number field"),
    ({"some": {"in": "title", "where": {"path": "item", "present": True}}}, "needs a list"),
    ({"path": "title", "matches": "(a+)+$"}, "nests quantifiers"),
    ({"path": "title", "matches": "(unclosed"}, "invalid regular expression"),
    ({"path": "phase", "equals": "startfase"}, "is not a value of phase"),
    ({"predicate": "nope"}, "unknown predicate 'nope'"),
])
def test_bad_conditions_are_load_errors_with_position(tmp_path, when, message):
    with pytest.raises(InputError) as e:
        evaluate(tmp_path, when, {})
    assert message in str(e.value)
    assert str(e.value).startswith(str(tmp_path / "pack.yaml") + ":")


def test_conditions_nested_too_deep_are_refused(tmp_path):
    when = {"path": "title", "present": True}
    for _ in range(40):
        when = {"not": when}
    with pytest.raises(InputError, match="nested deeper than"):
        evaluate(tmp_path, when, {})


def test_null_target_loads_and_counts_as_missing(tmp_path):
    doc = {"results": {"outputs": [{"indicator": "x", "target": None, "baseline": None}]}}
    assert evaluate(tmp_path, {"path": "item.target", "missing": True}, doc,
                    for_each="results.outputs", at="item") == ["results.outputs[0]"]


RETENTION = "design.privacy.retention"


@pytest.mark.parametrize("value,lt6m,eq1y", [
    ("P180D", True, False), ("P6M", False, False), ("P26W", True, False),
    ("P12M", False, True), ("P1Y", False, True), ("P365D", False, False), (None, False, False)])
def test_durations_compare_by_length(tmp_path, value, lt6m, eq1y):
    doc = privacy(retention=value)
    assert fires(tmp_path, {"path": RETENTION, "lt": "P6M"}, doc) is lt6m
    assert fires(tmp_path, {"path": RETENTION, "equals": "P1Y"}, doc) is eq1y
    # a missing duration is neither shorter nor not shorter (negative tests never match it)
    assert fires(tmp_path, {"path": RETENTION, "ge": "P6M"}, doc) is (value is not None
                                                                    and not lt6m)


def test_a_duration_literal_with_a_time_part_is_refused(tmp_path):
    with pytest.raises(InputError, match="time part"):
        evaluate(tmp_path, {"path": RETENTION, "lt": "PT12H"}, {})
    with pytest.raises(InputError, match="is a duration"):
        evaluate(tmp_path, {"path": RETENTION, "equals": "half a year"}, {})


def test_a_time_part_in_a_duration_field_is_a_validation_error(tmp_path):
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump({
        "apiVersion": "idm/v1", "kind": "RulePack", "name": "t", "rules": []}), "utf-8")
    (tmp_path / "i.yaml").write_text(yaml.safe_dump(initiative(privacy(retention="P1DT2H"))),
                                     "utf-8")
    result = check([str(tmp_path / "i.yaml")], load_ruleset([str(tmp_path / "pack.yaml")]),
                   "2026-11-22", jobs=1)
    assert [p.path for p in result.errors] == ["design.privacy.retention"]
    assert "time part" in result.errors[0].message


DPIA = "design.privacy.dpia.date"


@pytest.mark.parametrize("op,arg,date,expected", [
    ("lt", "2026-01-01", "2025-12-31", True), ("lt", "2026-01-01", "2026-01-01", False),
    ("le", "2026-01-01", "2026-01-01", True), ("gt", "today", "2026-11-23", True),
    ("ge", "today", "2026-11-22", True), ("ge", "today", "2026-11-21", False),
    ("before", "2026-01-01", "2025-12-31", True), ("after", "today", "2026-11-22", False),
])
def test_dates_compare_with_literals_and_today(tmp_path, op, arg, date, expected):
    assert fires(tmp_path, {"path": DPIA, op: arg}, privacy(dpia={"date": date})) is expected


def test_before_and_after_another_date_field(tmp_path):
    doc = {"design": {"privacy": {"dpia": {"date": "2026-05-01"}}},
           "principles": {"exceptions": [{"rule": "X", "expires": "2026-04-01"},
                                         {"rule": "Y", "expires": "2026-06-01"}]}}
    assert evaluate(tmp_path, {"path": "item.expires", "before": {"path": DPIA}}, doc,
                    for_each="principles.exceptions", at="item") == ["principles.exceptions[0]"]
    assert evaluate(tmp_path, {"path": "item.expires", "after": {"path": DPIA}}, doc,
                    for_each="principles.exceptions", at="item") == ["principles.exceptions[1]"]


@pytest.mark.parametrize("date,older3y,within30d", [
    ("2023-11-22", False, False),   # + P3Y = the evaluation date: not strictly before
    ("2023-11-21", True, False),
    ("2026-10-23", False, True),    # + P30D = the evaluation date: still within
    ("2026-10-22", False, False),
    ("2026-11-22", False, True),
    ("2026-11-23", False, False),   # in the future: not within
    (None, False, False),
])
def test_dates_relative_to_the_evaluation_date(tmp_path, date, older3y, within30d):
    doc = privacy(dpia={"date": date})
    assert fires(tmp_path, {"path": DPIA, "older_than": "P3Y"}, doc) is older3y
    assert fires(tmp_path, {"path": DPIA, "within": "P30D"}, doc) is within30d
    # `not` is plain negation: it holds on a missing date
    assert fires(tmp_path, {"not": {"path": DPIA, "older_than": "P3Y"}}, doc) is not older3y
    assert fires(tmp_path, {"not": {"path": DPIA, "within": "P30D"}}, doc) is not within30d


def test_relative_dates_clamp_to_the_end_of_the_month(tmp_path):
    # 2024-02-29 + P1Y is 2025-02-28, strictly before 2025-03-01
    doc = privacy(dpia={"date": "2024-02-29"})
    assert fires(tmp_path, {"path": DPIA, "older_than": "P1Y"}, doc, date="2025-03-01")
    assert not fires(tmp_path, {"path": DPIA, "older_than": "P1Y"}, doc, date="2025-02-28")


@pytest.mark.parametrize("when,message", [
    ({"path": "principles.legislation", "equals": "AVG"}, "equals tests one value, but "
     "principles.legislation is a list"),
    ({"path": "design.privacy", "equals": "x"}, "design.privacy is a mapping"),
    ({"path": "title", "matches": "(?i)\bai\b"}, "single quotes or a block scalar"),
    ({"path": DPIA, "older_than": "P1.5Y"}, "whole years"),
    ({"path": DPIA, "within": "PT1H"}, "time part"),
    ({"path": "title", "older_than": "P1Y"}, "measures time from a date"),
    ({"path": DPIA, "lt": "soon"}, "on a date takes today or a date"),
])
def test_operators_checked_against_the_field_type(tmp_path, when, message):
    with pytest.raises(InputError) as e:
        evaluate(tmp_path, when, {})
    assert message in str(e.value)
