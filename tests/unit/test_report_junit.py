"""JUnit reporter: suites and cases per initiative and rule, verdicts by threshold, counts add up."""
from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from idm.engine.model import Severity
from idm.engine.report import junit
from tests.unit.report_fixtures import EVALUATED, FILE_A, WAIVER, finding, run_result

COUNTS = ("tests", "failures", "errors", "skipped")


def parse(result=None, lang="en") -> ET.Element:
    text = junit.render(result or run_result(), lang)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def outcome(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return tag
    return "pass"


def cases(root: ET.Element, suite: str) -> dict:
    node = root.find("testsuite[@name='%s']" % suite)
    return {c.get("name").split(" ")[0]: c for c in node.findall("testcase")}


def assert_counts_add_up(root: ET.Element) -> None:
    for suite in root.findall("testsuite"):
        found = [outcome(c) for c in suite.findall("testcase")]
        assert int(suite.get("tests")) == len(found)
        assert int(suite.get("failures")) == found.count("failure")
        assert int(suite.get("errors")) == found.count("error")
        assert int(suite.get("skipped")) == found.count("skipped")
    for key in COUNTS[:-1]:
        assert int(root.get(key)) == sum(int(s.get(key)) for s in root.findall("testsuite"))


def test_suites_per_initiative_then_portfolio_then_input_errors():
    root = parse()
    assert root.tag == "testsuites"
    assert [s.get("name") for s in root] == ["GEM-001", "GEM-002", "portfolio", "input-errors"]
    # junit-10.xsd has no `skipped` on <testsuites>; the suites carry it.
    assert {k: root.get(k) for k in COUNTS} == {"tests": "14", "failures": "3", "errors": "1",
                                                 "skipped": None}
    assert_counts_add_up(root)


def test_one_case_per_evaluated_rule_named_by_rule_and_initiative_ids_only():
    root = parse()
    gem1 = root.find("testsuite[@name='GEM-001']")
    names = [c.get("name") for c in gem1.findall("testcase")]
    assert names == ["BUS-006", "BUS-007", "COV-005", "INF-002", "LEG-001", "TEC-001"]
    assert {c.get("classname") for c in gem1.findall("testcase")} == {"idm.GEM-001"}
    # junit-10.xsd allows no `file` on <testcase>: the suite names it.
    assert {c.get("file") for c in gem1.findall("testcase")} == {None}
    assert gem1.get("file") == FILE_A
    props = {p.get("name"): p.get("value") for p in gem1.find("properties")}
    assert props == {"title": "Digitaal loket | Wmo", "phase": "foundation", "file": FILE_A}


def test_verdicts_follow_the_threshold_and_waivers():
    root = parse()
    gem1, gem2 = cases(root, "GEM-001"), cases(root, "GEM-002")
    assert {k: outcome(c) for k, c in gem1.items()} == {
        "BUS-006": "pass", "BUS-007": "pass", "COV-005": "pass", "INF-002": "pass",
        "LEG-001": "failure", "TEC-001": "skipped"}
    assert {k: outcome(c) for k, c in gem2.items()} == {
        "BUS-006": "pass", "BUS-007": "failure", "COV-005": "failure", "INF-002": "pass",
        "LEG-001": "pass", "TEC-001": "pass"}

    failure = gem1["LEG-001"].find("failure")
    assert failure.get("type") == "error"
    # The title (not part of the test's name) leads the message.
    assert failure.get("message") == "Purpose of processing not stated: Purpose of processing not stated."
    assert failure.text == ("[error] design.privacy.purpose (initiatives/gem-001.yaml:12:5): "
                            "Purpose of processing not stated.")
    # A finding without a line still names its file.
    assert "(initiatives/sociaal domein/gem-002.yaml): Phase not stated." in \
        gem2["BUS-007"].find("failure").text
    assert gem2["BUS-007"].find("failure").get("type") == "warning"

    # Below the threshold: passes, but the finding is shown.
    assert gem1["BUS-006"].find("system-out").text == (
        "[info] direction.goals[1] (initiatives/gem-001.yaml:20:7): "
        "Goal 'save 100%' has no success criteria,\nsee: plan")
    assert gem1["BUS-007"].find("system-out") is None

    skipped = gem1["TEC-001"].find("skipped")
    assert skipped.get("message") == \
        "No exit strategy: waived: Vendor contract ends 2026; exit plan follows"


def test_portfolio_and_input_error_suites():
    root = parse()
    por = cases(root, "portfolio")
    assert list(por) == ["POR-003"]
    assert por["POR-003"].get("classname") == "idm.portfolio"
    assert outcome(por["POR-003"]) == "pass"  # info is below the warning threshold
    errors = root.find("testsuite[@name='input-errors']").findall("testcase")
    assert len(errors) == 1
    error = errors[0].find("error")
    assert errors[0].get("classname") == "idm.input-errors"
    assert errors[0].get("name") == "initiatives/broken.yaml:3:9 design"
    assert error.get("type") == "input-error"
    assert error.text == "initiatives/broken.yaml:3:9: error: design: mapping values are not allowed here"


def test_suites_left_out_when_empty():
    root = parse(run_result(errors=[], portfolio_findings=[]))
    assert [s.get("name") for s in root] == ["GEM-001", "GEM-002"]
    assert_counts_add_up(root)


def test_portfolio_finding_at_threshold_fails():
    root = parse(run_result(fail_on=Severity.info))
    assert outcome(cases(root, "portfolio")["POR-003"]) == "failure"
    assert outcome(cases(root, "GEM-001")["BUS-006"]) == "failure"
    assert_counts_add_up(root)


def test_no_threshold_means_nothing_fails():
    root = parse(run_result(fail_on=None, errors=[]))
    assert root.get("failures") == "0"
    assert root.find("testsuite[@name='GEM-001']").get("skipped") == "1"  # still a waiver
    leg = cases(root, "GEM-001")["LEG-001"]
    assert outcome(leg) == "pass"
    assert "Purpose of processing not stated." in leg.find("system-out").text
    assert_counts_add_up(root)


def test_waived_and_failing_findings_of_one_rule():
    result = run_result()
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    gem1.findings.append(finding("LEG-001", "design.privacy.purpose_2", FILE_A, 13, 5, "GEM-001",
                                 waiver=WAIVER))
    gem1.findings.append(finding("LEG-001", "design.privacy.purpose_3", FILE_A, 14, 5, "GEM-001"))
    leg = cases(parse(result), "GEM-001")["LEG-001"]
    failure = leg.find("failure")
    assert failure.get("message") == \
        "Purpose of processing not stated: 2 findings: Purpose of processing not stated."
    assert failure.text.count("\n") == 1
    assert "waived: Vendor contract" in leg.find("system-out").text


def test_finding_of_a_rule_not_listed_as_evaluated_is_not_lost():
    result = run_result()
    gem2 = next(r for r in result.initiatives if r.id == "GEM-002")
    gem2.rules_evaluated = ("BUS-006",)
    assert set(cases(parse(result), "GEM-002")) == {"BUS-006", "BUS-007", "COV-005"}


def test_control_characters_do_not_break_the_xml():
    result = run_result()
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    gem1.findings = [dataclasses.replace(f, message={"en": "bad\x01char <&>", "nl": "x"})
                     if f.rule == "LEG-001" else f for f in gem1.findings]
    failure = cases(parse(result), "GEM-001")["LEG-001"].find("failure")
    assert failure.get("message") == "Purpose of processing not stated: bad\ufffdchar <&>"


def test_duplicate_error_positions_get_distinct_names():
    result = run_result()
    result.errors = result.errors * 2
    names = [c.get("name") for c in parse(result).find("testsuite[@name='input-errors']")]
    assert names == ["initiatives/broken.yaml:3:9 design", "initiatives/broken.yaml:3:9 design (2)"]


def test_dutch():
    root = parse(lang="nl")
    gem1 = cases(root, "GEM-001")
    # --lang never renames a test: a CI server's history stays one history.
    assert [c.get("name") for c in root.iter("testcase")] == \
        [c.get("name") for c in parse().iter("testcase")]
    assert gem1["LEG-001"].find("failure").get("message") == \
        "Doelbinding ontbreekt: Doelbinding ontbreekt."
    assert gem1["LEG-001"].find("failure").text.startswith("[fout] design.privacy.purpose")
    assert gem1["TEC-001"].find("skipped").get("message").startswith("Geen exitstrategie: "
                                                                      "uitgezonderd: ")


def test_deterministic():
    assert junit.render(run_result()) == junit.render(run_result())
    reordered = run_result()
    reordered.initiatives.reverse()
    assert junit.render(reordered) == junit.render(run_result())


def test_every_evaluated_rule_appears_in_every_initiative():
    root = parse()
    for suite in ("GEM-001", "GEM-002"):
        assert sorted(cases(root, suite)) == sorted(EVALUATED)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_counts_add_up_in_both_languages(lang):
    assert_counts_add_up(parse(lang=lang))


def test_the_schema_check_rejects_what_jenkins_rejects():
    """The XSD validation that wraps every JUnit report in the tests (tests/conftest.py) would
    have caught the old output: `skipped` on <testsuites>, `file` on <testcase>."""
    from tests.junit_schema import assert_valid
    good = '<testsuites name="idm"><testsuite name="A" tests="1" failures="0" errors="0">' \
           '<testcase classname="idm.A" name="R-1"/></testsuite></testsuites>'
    assert_valid(good)
    for bad in (good.replace('name="idm"', 'name="idm" skipped="0"'),
                good.replace('name="R-1"', 'name="R-1" file="a.yaml"')):
        with pytest.raises(AssertionError, match="junit-10.xsd"):
            assert_valid(bad)
