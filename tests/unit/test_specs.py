"""`idm rules test` on the .feature files of a pack: outcomes, errors that never pass, reports,
coverage, and nothing written into the user's tree (engine/authoring/specrun.py, coverage.py)."""
from __future__ import annotations

import json
import os
import textwrap

import pytest

from idm.engine.app.console import Console
from idm.engine.app.rules import RuleTestOptions
from idm.engine.app.rules import test as rules_test
from idm.engine.authoring.coverage import percent
from tests.junit_schema import assert_valid

PACK = """\
apiVersion: idm/v2
kind: RulePack
rules:
  - id: ARC-P01
    title: {en: No accountable, nl: Geen verantwoordelijke}
    severity: warning
    category: technology
    domain: design
    rationale: {en: R., nl: R.}
    remediation: {en: R., nl: R.}
    message: {en: "Nobody accountable.", nl: "Niemand verantwoordelijk."}
    for_each: operations.applications
    when:
      all:
        - {path: item.name, present: true}
        - some: {in: operations.channels, as: ch, where: {path: ch.public, equals: true}}
        - not: {path: design.governance.accountable, present: true}
    at: item.name
  - id: ARC-P02
    title: {en: Never, nl: Nooit}
    severity: info
    category: technology
    domain: design
    rationale: {en: R., nl: R.}
    remediation: {en: R., nl: R.}
    message: {en: "Never.", nl: "Nooit."}
    when:
      all:
        - {path: phase, equals: foundation}
        - {path: phase, equals: initiation}
    at: phase
    examples:
      pass:
        - {phase: foundation}
"""

NL = """\
# language: nl
Functionaliteit: ARC
  Scenario: vuurt op een applicatie
    Gegeven een initiatief met:
      \"\"\"yaml
      operations:
        applications: [{name: Zaaksysteem}]
        channels: [{name: Site, type: website, public: true}]
      \"\"\"
    Als ik het initiatief controleer
    Dan vuurt regel ARC-P01 op "operations.applications[0].name"

  Abstract Scenario: niet zonder openbaar kanaal of met verantwoordelijke
    Gegeven een initiatief met:
      \"\"\"yaml
      operations:
        applications: [{name: Zaaksysteem}]
        channels: [{name: Site, type: website, public: <openbaar>}]
      design: {governance: {accountable: <wie>}}
      \"\"\"
    Als ik het initiatief controleer
    Dan vuurt regel ARC-P01 niet

    Voorbeelden:
      | openbaar | wie    |
      | false    | ~      |
      | true     | Jansen |
"""


def _pack(tmp_path, *features: str, rules: str = PACK) -> str:
    root = tmp_path / "arc"
    (root / "rules").mkdir(parents=True)
    (root / "features").mkdir()
    (root / "pack.yaml").write_text("apiVersion: idm/v2\nkind: Pack\nname: arc\n"
                                    "version: 1.0.0\ntitle: {en: Arc, nl: Arc}\n", "utf-8")
    (root / "rules" / "arc.yaml").write_text(rules, "utf-8")
    for i, text in enumerate(features):
        (root / "features" / ("f%d.feature" % i)).write_text(text, "utf-8")
    return str(root)


def _run(path: str, **kw):
    console = Console()
    result = rules_test(RuleTestOptions([path], console=console, **kw))
    return result, console.stdout_text(), console.stderr_text()


def _tree(root):
    return sorted(os.path.relpath(os.path.join(d, f), root)
                  for d, dirs, files in os.walk(root) for f in files + dirs)


def test_dutch_scenarios_and_outline_rows_pass_and_nothing_is_written(tmp_path, monkeypatch):
    _pack(tmp_path, NL)
    monkeypatch.chdir(tmp_path)
    before = _tree(tmp_path)
    result, out, err = _run("arc")
    assert (result.exit_code, err) == (0, "")
    assert out.endswith("4 passed, 0 failed\n")        # 1 example, 3 scenarios (2 rows)
    assert _tree(tmp_path) == before


def test_a_missed_expectation_fails_with_file_line_and_what_fired(tmp_path, monkeypatch):
    _pack(tmp_path, NL.replace('Dan vuurt regel ARC-P01 op "operations.applications[0].name"',
                               "Dan vuurt regel ARC-P01 niet"))
    monkeypatch.chdir(tmp_path)
    result, out, _ = _run("arc")
    assert result.exit_code == 1
    assert "FAIL arc/features/f0.feature:3: vuurt op een applicatie\n" \
           "  step arc/features/f0.feature:11: Dan vuurt regel ARC-P01 niet\n" \
           "  expected ARC-P01 not to fire\n" \
           "  fired: ARC-P01@operations.applications[0].name\n" in out
    assert out.endswith("3 passed, 1 failed\n")


@pytest.mark.parametrize("step,message", [
    ('Gegeven de evaluatiedatum 2026-02-30', "unusable date 2026-02-30"),
    ('Gegeven een initiatief met:\n      """yaml\n      phase: nonsense\n      """',
     "the initiative of the scenario is not valid:"),
    ("Dan vuurt regel ARC-P99 niet", "unknown rule ARC-P99"),
    ("Dan vuurt regel ARC-P01 niet", 'no check yet'),
    ("Dan groeit er gras", "no step of the step library matches Dan groeit er gras"),
])
def test_a_scenario_that_cannot_run_as_written_is_an_error(tmp_path, monkeypatch, step,
                                                            message):
    feature = ("# language: nl\nFunctionaliteit: F\n  Scenario: S\n    %s\n"
               "    Als ik het initiatief controleer\n" % step) if "Gegeven" in step else (
        "# language: nl\nFunctionaliteit: F\n  Scenario: S\n    %s\n" % step)
    _pack(tmp_path, feature)
    monkeypatch.chdir(tmp_path)
    result, out, _ = _run("arc")
    assert result.exit_code == 2, out
    assert "ERROR arc/features/f0.feature:3: S" in out
    assert message in out
    assert out.endswith("1 passed, 1 failed\n")


def test_english_steps_and_the_dutch_messages_step(tmp_path, monkeypatch):
    english = textwrap.dedent('''\
        Feature: F
          Scenario: fires
            Given an initiative "INI-9" with:
              """yaml
              operations:
                applications: [{name: Zaak}]
                channels: [{name: Site, type: website, public: true}]
              """
            And the evaluation date 2026-01-05
            When I check the initiative
            Then rule ARC-P01 fires on initiative "INI-9" at "operations.applications[0].name"
            And rule ARC-P01 fires 1 time
            And the message of rule ARC-P01 contains "Nobody"
        ''')
    _pack(tmp_path, english)
    monkeypatch.chdir(tmp_path)
    result, out, _ = _run("arc", lang="nl")
    assert (result.exit_code, out) == (0, "2 geslaagd, 0 mislukt\n")


def test_an_unreadable_feature_file_is_one_line_and_exit_2(tmp_path, monkeypatch):
    _pack(tmp_path, "Functionaliteit zonder dubbele punt\n  Scenario: S\n")
    monkeypatch.chdir(tmp_path)
    result, out, err = _run("arc")
    assert result.exit_code == 2
    assert err.startswith("arc/features/f0.feature:1:1: error: not a readable feature file")
    assert len(err.splitlines()) == 1 and out == ""


def test_junit_is_valid_and_names_each_failure(tmp_path, monkeypatch):
    _pack(tmp_path, NL.replace("Dan vuurt regel ARC-P01 niet", "Dan vuurt regel ARC-P01"))
    monkeypatch.chdir(tmp_path)
    result, out, _ = _run("arc", fmt="junit")
    assert result.exit_code == 1
    assert_valid(out)
    assert out.count("<failure ") == 2 and 'tests="4"' in out


def test_coverage_reports_each_leaf_and_a_rule_that_never_fires(tmp_path, monkeypatch):
    _pack(tmp_path, NL)
    monkeypatch.chdir(tmp_path)
    result, out, _ = _run("arc", fmt="json", coverage=True)
    assert result.exit_code == 0
    data = json.loads(out)["coverage"]
    arc1, arc2 = data["rules"]
    assert [(leaf["path"], leaf["true"], leaf["false"]) for leaf in arc1["leaves"]] == [
        ("(fires)", True, True),
        ("when.all[0]", True, False),              # every application has a name
        ("when.all[1].some", True, True),
        ("when.all[1].some.where", True, True),
        ("when.all[2].not", True, True),
    ]
    assert (arc1["percent"], arc2["percent"], arc2["fired"]) == ("80.0", "0.0", False)
    assert {"where": "arc/rules/arc.yaml:19:5", "rule": "ARC-P02", "path": "(fires)",
            "missing": "never true"} in data["uncovered"]


def test_threshold_fails_and_lists_every_uncovered_leaf(tmp_path, monkeypatch):
    _pack(tmp_path, NL)
    monkeypatch.chdir(tmp_path)
    result, out, _ = _run("arc", threshold=100)
    assert result.exit_code == 1
    assert "  arc/rules/arc.yaml:15:11 ARC-P01 when.all[0] (never false)\n" in out
    assert "  arc/rules/arc.yaml:19:5 ARC-P02 (fires) (never true)\n" in out
    assert _run("arc", threshold=40)[0].exit_code == 0


def test_percentages_are_truncated_never_rounded_up():
    assert [percent(2, 3), percent(1999, 2000), percent(0, 5), percent(5, 5)] == \
        ["66.6", "99.9", "0.0", "100.0"]


def test_a_features_folder_that_does_not_exist_is_exit_2_not_an_empty_pass(tmp_path,
                                                                          monkeypatch):
    _pack(tmp_path, NL)
    monkeypatch.chdir(tmp_path)
    result, out, err = _run("arc", features=["specz"])
    assert (result.exit_code, out, err) == (2, "", "specz: error: no such file or directory\n")


def test_a_users_pytest_settings_take_no_part(tmp_path, monkeypatch):
    _pack(tmp_path, NL)
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -x --no-such-option\n", "utf-8")
    (tmp_path / "conftest.py").write_text("raise SystemExit('conftest imported')\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTEST_ADDOPTS", "--also-no-such-option")
    result, out, _ = _run("arc")
    assert (result.exit_code, out) == (0, "4 passed, 0 failed\n")
    assert os.environ["PYTEST_ADDOPTS"] == "--also-no-such-option"


def test_the_leaves_of_portfolio_rules():
    from idm.engine.authoring.coverage import leaves
    from idm.engine.pack.rulepack import load_ruleset
    specs = load_ruleset().by_id()
    assert [leaf.path for leaf in leaves(specs["POR-001"], "rules[0]")] == [
        "(fires)", "portfolio.pairs.for_each", "portfolio.pairs.where.some",
        "portfolio.pairs.where.some.where", "portfolio.pairs.same", "portfolio.pairs.share_none"]
    por3 = leaves(specs["POR-003"], "rules[2]")
    assert [(leaf.path, leaf.node is None) for leaf in por3] == [
        ("(fires)", True), ("portfolio.aggregate.select", False),
        ("when.all[0]", True), ("when.all[1]", True)]


def test_the_leaves_of_a_group_rule_and_their_coverage(monkeypatch):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    monkeypatch.chdir(root)
    result, out, _ = _run("tests/fixtures/groups/suppliers", fmt="json", coverage=True)
    assert result.exit_code == 0
    (rule,) = json.loads(out)["coverage"]["rules"]
    assert [(leaf["path"], leaf["true"], leaf["false"]) for leaf in rule["leaves"]] == [
        ("(fires)", True, True), ("portfolio.groups.for_each", True, True),
        ("portfolio.groups.where", True, True), ("portfolio.groups.by", True, True),
        ("when", True, True)]
