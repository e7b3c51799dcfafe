"""`idm rules test`: examples, test files, and the merge onto a minimal initiative."""

from idm.engine.authoring.examples import DocumentChecker, example_initiatives, initiative, merge
from idm.engine.authoring.ruletest import run_tests
from idm.engine.pack.rulepack import load_ruleset


def test_merge_replaces_non_mappings_and_keeps_the_base():
    assert merge({"a": {"b": 1, "c": 2}}, {"a": {"c": None}, "d": [1]}) == \
        {"a": {"b": 1, "c": None}, "d": [1]}
    assert initiative({"title": "X"})["id"] == "INI-TEST"


def test_portfolio_examples_become_several_initiatives():
    docs = example_initiatives({"initiatives": [{"id": "A"}, {}]})
    assert [d["id"] for d in docs] == ["A", "INI-02"]


def test_default_pack_examples_all_pass():
    # How fast they run is a benchmark matter, not a unit test's (a wall-clock limit failed on
    # a loaded machine).
    rs = load_ruleset()
    report, problems = run_tests(rs, [], None)
    assert not problems
    assert not report.failed, "\n".join(c.explain() for c in report.failed)
    assert len(report.cases) > 300


def test_checker_reports_the_rules_that_fire():
    with DocumentChecker(load_ruleset(), "2026-11-22") as checker:
        outcome = checker.fired([initiative({"design": {"privacy": {"personal_data": True}}})])
    assert {"LEG-001", "LEG-002"} <= outcome.fired
