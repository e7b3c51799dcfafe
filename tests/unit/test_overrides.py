"""A project's overrides (.idm.yaml) as every report and the history store show them: JSON,
SARIF (valid against the SARIF 2.1.0 schema), JUnit, Markdown, HTML, the dossier and the
recorded run; and none of it in a run without overrides."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from idm import cli
from tests.cli_streams import captured

ROOT = Path(__file__).resolve().parent.parent.parent
SARIF_SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json")
                          .read_text("utf-8"))
OVERRIDES = """paths: [initiatives]
overrides:
  LEG-004:
    severity: warning
    reason: "DPIA process moved to the privacy office; ticket 1234"
    approved_by: "Architectuurboard 2026-11-12"
    until: 2027-06-30
  LEG-007:
    enabled: false
    reason: "GDPR is listed in the municipal register"
    approved_by: "Privacy officer"
"""


def run(*args: str):
    with captured() as (out, err):
        code = cli.run(list(args))
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "initiatives").mkdir()
    shutil.copy(ROOT / "examples" / "with-findings.yaml", tmp_path / "initiatives")
    (tmp_path / ".idm.yaml").write_text(OVERRIDES, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(fmt: str, *extra: str):
    code, out, err = run("check", "--format", fmt, "--date", "2026-11-22", *extra)
    assert code == 1, err
    return out


def test_json_has_the_overrides_and_each_changed_findings_default(project):
    report = json.loads(check("json"))
    assert [o["rule"] for o in report["overrides"]] == ["LEG-004", "LEG-007"]
    assert report["overrides"][0] == {
        "rule": "LEG-004", "enabled": True, "severity": "warning", "severity_default": "error",
        "reason": "DPIA process moved to the privacy office; ticket 1234",
        "approved_by": "Architectuurboard 2026-11-12", "until": "2027-06-30", "lapsed": False}
    findings = [f for i in report["initiatives"] for f in i["findings"]]
    leg4 = [f for f in findings if f["rule"] == "LEG-004"]
    assert leg4 and all(f["severity"] == "warning" and f["severity_default"] == "error"
                        for f in leg4)
    assert not [f for f in findings if f["rule"] == "LEG-007"]
    assert not [f for f in findings if f["rule"] != "LEG-004" and "severity_default" in f]
    assert list(report)[:4] == ["tool", "date", "initiatives", "overrides"]


def test_a_run_without_overrides_has_no_trace_of_them(project):
    (project / ".idm.yaml").write_text("paths: [initiatives]\n", "utf-8")
    out = check("json")
    assert '"overrides"' not in out and "severity_default" not in out and '"packs"' not in out
    assert "ruleConfigurationOverrides" not in check("sarif")


def test_sarif_configuration_overrides_are_valid_sarif(project):
    log = json.loads(check("sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run_ = log["runs"][0]
    overrides = run_["invocations"][0]["ruleConfigurationOverrides"]
    by_rule = {o["descriptor"]["id"]: o for o in overrides}
    assert by_rule["LEG-004"]["configuration"] == {"enabled": True, "level": "warning"}
    assert by_rule["LEG-004"]["properties"]["reason"].startswith("DPIA process moved")
    assert by_rule["LEG-007"]["configuration"] == {"enabled": False}
    rules = run_["tool"]["driver"]["rules"]
    index = by_rule["LEG-004"]["descriptor"]["index"]
    assert rules[index]["id"] == "LEG-004"
    assert rules[index]["defaultConfiguration"]["level"] == "error"   # the pack's
    assert {r["level"] for r in run_["results"] if r["ruleId"] == "LEG-004"} == {"warning"}


@pytest.mark.parametrize("fmt, expected", [
    ("junit", 'name="idm.override.LEG-004" value="severity error \u2192 warning; DPIA process'),
    ("markdown", "- `LEG-007`: switched off; GDPR is listed in the municipal register; "
                 "approved by Privacy officer"),
    ("html", "<li><code>LEG-004</code>: severity error \u2192 warning; DPIA process moved"),
])
def test_junit_markdown_and_html_list_the_overrides(project, fmt, expected):
    assert expected in check(fmt)


def test_the_dossier_lists_the_overrides_in_dutch(project):
    code, out, err = run("dossier", "initiatives/with-findings.yaml", "--format", "markdown",
                         "--lang", "nl", "--date", "2026-11-22")
    assert code == 0, err
    assert "**Bijstellingen**" in out
    assert "- `LEG-004`: ernst fout \u2192 waarschuwing; DPIA process moved to the privacy " \
           "office; ticket 1234; goedgekeurd door Architectuurboard 2026-11-12; tot en met " \
           "2027-06-30" in out


def test_the_recorded_run_keeps_the_overrides(project):
    code, _, err = run("check", "--record=history.sqlite", "--date", "2026-11-22")
    assert code == 1, err
    with sqlite3.connect(str(project / "history.sqlite")) as db:
        rows = db.execute("select rule, enabled, severity, severity_default, reason, "
                          "approved_by, until, lapsed from idm_overrides order by rule").fetchall()
        packs = db.execute("select name, version from idm_packs").fetchall()
    assert rows == [
        ("LEG-004", 1, "warning", "error", "DPIA process moved to the privacy office; ticket 1234",
         "Architectuurboard 2026-11-12", "2027-06-30", 0),
        ("LEG-007", 0, None, "warning", "GDPR is listed in the municipal register",
         "Privacy officer", None, 0)]
    assert packs == [("idm-default", "0.1.0")]


def test_a_lapsed_override_is_a_warning_and_no_longer_applies(project):
    report = json.loads(check("json", "--date", "2027-07-01"))
    findings = [f for i in report["initiatives"] for f in i["findings"]]
    assert {f["severity"] for f in findings if f["rule"] == "LEG-004"} == {"error"}
    lapsed = [f for f in report["portfolio_findings"] if f["path"] == "overrides.LEG-004"]
    assert len(lapsed) == 1 and lapsed[0]["severity"] == "warning"
    assert lapsed[0]["file"] == ".idm.yaml" and lapsed[0]["line"] == 3
    assert report["overrides"][0]["lapsed"] is True
