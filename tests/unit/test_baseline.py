"""engine.check.baseline: reading a baseline report and marking the findings it already holds."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from idm.engine.check.baseline import load_baseline, mark
from idm.engine.errors import InputError
from idm.engine.report import render
from idm.engine.report.json_report import render as render_json
from idm.engine.report.sarif import build_log

from .report_fixtures import run_result, shift_lines


def apply_baseline(result, keys):
    """The result as a run with `--baseline` gives it: every finding marked by the check's own
    `mark`, counted again from the findings."""
    for r in result.initiatives:
        r.findings = mark(r.findings, keys)
    result.portfolio_findings = mark(result.portfolio_findings, keys)
    result.baseline_used, result.tally = True, None
    return result


def _write(tmp_path, text: str):
    path = tmp_path / "baseline.json"
    path.write_text(text, "utf-8")
    return str(path)


def test_keys_are_rule_initiative_and_path_of_every_finding(tmp_path):
    keys = load_baseline(_write(tmp_path, render_json(run_result())))
    assert keys == {("TEC-001", "GEM-001", "operations.applications[0].exit_strategy"),
                    ("LEG-001", "GEM-001", "design.privacy.purpose"),
                    ("BUS-006", "GEM-001", "direction.goals[1]"),
                    ("COV-005", "GEM-002", "design"), ("BUS-007", "GEM-002", "phase"),
                    ("POR-003", "", "direction.portfolio")}


def test_a_baselined_run_passes_and_matches_after_lines_moved(tmp_path):
    keys = load_baseline(_write(tmp_path, render_json(run_result())))
    result = apply_baseline(shift_lines(run_result(errors=[]), 7), keys)
    assert [f.baselined for f in result.all_findings()] == [True] * 6
    assert (result.failing(), result.exit_code(), result.summary()["baselined"]) == ([], 0, 6)


def test_only_new_findings_count(tmp_path):
    old = run_result(errors=[])
    old.initiatives[1].findings = old.initiatives[1].findings[:1]   # GEM-001 without LEG-001...
    keys = load_baseline(_write(tmp_path, render_json(old)))
    result = apply_baseline(run_result(errors=[]), keys)
    new = [(f.rule, f.initiative) for f in result.all_findings() if not f.baselined]
    assert new == [("LEG-001", "GEM-001"), ("BUS-006", "GEM-001")]
    assert [f.rule for f in result.failing()] == ["LEG-001"]   # BUS-006 is info, below warning


def test_every_format_marks_baselined_findings(tmp_path):
    old = run_result(errors=[])
    old.initiatives[1].findings = old.initiatives[1].findings[:2]
    result = apply_baseline(run_result(errors=[]),
                            load_baseline(_write(tmp_path, render_json(old))))
    states = {r["ruleId"]: r["baselineState"] for r in build_log(result)["runs"][0]["results"]}
    assert states == {"TEC-001": "unchanged", "LEG-001": "unchanged", "BUS-006": "new",
                      "COV-005": "unchanged", "BUS-007": "unchanged", "POR-003": "unchanged"}
    report = json.loads(render(result, "json"))
    assert report["summary"]["baselined"] == 5 and report["exit_code"] == 0
    assert "[baselined]" in render(result, "text") and "[in baseline]" in render(result, "text", "nl")
    assert ET.fromstring(render(result, "junit")).get("failures") == "0"
    assert "**LEG-001** _(baselined)_" in render(result, "markdown")
    assert "::notice file=initiatives/gem-001.yaml,line=12,col=5,title=LEG-001 " in render(
        result, "github")


def test_without_a_baseline_sarif_has_no_baseline_state():
    assert all("baselineState" not in r for r in build_log(run_result())["runs"][0]["results"])


@pytest.mark.parametrize("text, problem", [
    (None, "baseline: no such file"),
    ("{", "baseline: not JSON: Expecting property name enclosed in double quotes: line 1 "
          "column 2 (char 1)"),
    ("[]", "baseline: not an idm JSON report"),
    ('{"tool": {"name": "idm"}, "initiatives": [{"findings": [{"path": "x"}]}]}',
     "baseline: not an idm JSON report"),
])
def test_unusable_baselines_are_one_input_error(tmp_path, text, problem):
    path = _write(tmp_path, text) if text is not None else str(tmp_path / "missing.json")
    with pytest.raises(InputError) as e:
        load_baseline(path)
    assert str(e.value).startswith("%s: error: %s" % (path, problem)), str(e.value)
    assert "\n" not in str(e.value)
