"""Board decisions (docs/decisions.md): the decision rules' findings on a small portfolio on three
evaluation dates, and decision files that are not valid."""
from __future__ import annotations

import json
import os

import pytest

from idm import cli
from idm.engine.check.run import check
from idm.engine.inputs.decisions import load_decisions
from idm.engine.pack.rulepack import load_ruleset
from tests.cli_streams import captured

FIXTURE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "decisions")


def _run(args):
    with captured() as (out, err):
        code = cli.run(args)
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def _decision_findings(date: str):
    ruleset = load_ruleset()
    decisions, problems = load_decisions([os.path.join(FIXTURE, "decisions")])
    assert not problems
    result = check([os.path.join(FIXTURE, "initiatives")], ruleset, date,
                   decisions=decisions)
    assert not result.errors
    return sorted((f.rule, f.severity.name, os.path.basename(f.file), f.path)
                  for f in result.portfolio_findings if f.rule.startswith("DEC-"))


# Before every due date: the met conditions show as met, the open one (44 days left) is quiet.
BEFORE_DUE = [
    ("DEC-002", "info", "bes-2026-031.yaml", "conditions[0]"),
    ("DEC-002", "info", "bes-2026-031.yaml", "conditions[2]"),
    ("DEC-004", "error", "bes-2026-033.yaml", "initiative"),
    ("DEC-006", "error", "bes-2026-032.yaml", "phase"),
]
# After V1's due date (met: no DEC-001), V2 due in 10 days and still open.
AFTER_DUE_MET = sorted(BEFORE_DUE + [("DEC-003", "warning", "bes-2026-031.yaml",
                                      "conditions[1].due")])
# After V2's due date, not met.
AFTER_DUE_NOT_MET = sorted(BEFORE_DUE + [("DEC-001", "error", "bes-2026-031.yaml",
                                          "conditions[1].due")])


@pytest.mark.parametrize("date, expected", [("2026-11-01", BEFORE_DUE),
                                            ("2026-12-05", AFTER_DUE_MET),
                                            ("2026-12-20", AFTER_DUE_NOT_MET)])
def test_exactly_the_expected_decision_findings_on_each_date(date, expected):
    assert _decision_findings(date) == expected


def test_the_project_file_names_the_decisions(monkeypatch):
    monkeypatch.chdir(FIXTURE)
    code, out, _ = _run(["check", "--date", "2026-12-20", "--format", "json"])
    assert code == 1
    found = json.loads(out)["portfolio_findings"]
    assert [(f["rule"], f["file"], f["line"], f["column"]) for f in found
            if f["rule"] == "DEC-001"] == [("DEC-001", "decisions/bes-2026-031.yaml", 17, 5)]


def test_a_check_of_other_files_leaves_the_project_decisions_out(monkeypatch):
    monkeypatch.chdir(FIXTURE)
    code, out, _ = _run(["check", "initiatives/parkeren.yaml", "--date", "2026-12-20",
                         "--format", "json"])
    assert not [f for f in json.loads(out)["portfolio_findings"] if f["rule"].startswith("DEC")]


def test_decisions_given_as_inputs_are_recognised_by_their_kind():
    code, out, _ = _run(["check", os.path.join(FIXTURE, "initiatives"),
                         os.path.join(FIXTURE, "decisions", "bes-2026-033.yaml"),
                         "--date", "2026-12-20", "--format", "json"])
    report = json.loads(out)
    assert [f["rule"] for f in report["portfolio_findings"]] == ["DEC-004"]
    assert len(report["initiatives"]) == 3


def _bad(tmp_path, text: str):
    p = tmp_path / "besluit.yaml"
    p.write_text(text, "utf-8")
    return _run(["check", os.path.join(FIXTURE, "initiatives"), str(p), "--date", "2026-12-20"])


BASE = """apiVersion: idm/v1
kind: Decision
id: BES-1
initiative: INI-2026-021
date: 2026-09-15
body: Architectuurboard
outcome: approved-with-conditions
conditions:
"""


@pytest.mark.parametrize("condition, where, words", [
    ("  - {id: V1, text: T, due: 2026-12-01}\n", ":9:5: error: conditions[0]:",
     "exactly one of rule, path"),
    ("  - {id: V1, text: T, due: 2026-12-01, rule: LEG-001, manual: true}\n",
     ":9:5: error: conditions[0]:", "found: rule, manual"),
    ("  - {id: V1, text: T, due: 2026-12-01, rule: LEG-999}\n",
     ":9:40: error: conditions[0].rule:", "rule 'LEG-999'"),
    ("  - {id: V1, text: T, due: 2026-12-01, path: design.privacy.dpia.stat, equals: done}\n",
     ":9:40: error: conditions[0].path:", "did you mean 'design.privacy.dpia.status'"),
    ("  - {id: V1, text: T, due: 2026-12-01, path: owner.name}\n",
     ":9:40: error: conditions[0].path:", "field test"),
    ("  - {id: V1, text: T, due: 2026-12-01, rule: LEG-001, met: true}\n",
     ":9:55: error: conditions[0].met:", "manual: true"),
    ("  - {id: V1, text: T, due: 1 december, manual: true}\n",
     ":9:23: error: conditions[0].due:", "not a date"),
    ("  - {id: V1, text: T, due: 2026-12-01, manual: true}\n"
     "  - {id: V1, text: U, due: 2026-12-01, manual: true}\n",
     ":10:6: error: conditions[1].id:", "used twice"),
])
def test_an_invalid_decision_is_one_line_at_its_place_and_exit_2(tmp_path, condition, where,
                                                                  words):
    code, out, err = _bad(tmp_path, BASE + condition)
    assert code == 2
    lines = [ln for ln in err.splitlines() if "besluit.yaml" in ln]
    assert len(lines) == 1 and where in lines[0] and words in lines[0], err
    assert "Traceback" not in err
    assert "INI-2026-021" in out   # the good files still have their results


def test_the_register_lists_the_conditions_most_urgent_first(monkeypatch):
    monkeypatch.chdir(FIXTURE)
    code, out, _ = _run(["decisions", "--date", "2026-12-20", "--format", "json"])
    assert code == 0
    rows = [(r["decision"], r["condition"], r["state"], r["days_left"], r["flags"])
            for r in json.loads(out)["conditions"]]
    assert rows == [
        ("BES-2026-031", "V2", "overdue", -5, ""),
        ("BES-2026-032", "", "none", "", "moved-on"),
        ("BES-2026-033", "", "none", "", "unknown-initiative"),
        ("BES-2026-031", "V1", "met", -19, ""),
        ("BES-2026-031", "V3", "met", -5, ""),
    ]


def test_the_register_in_dutch_text_and_csv(monkeypatch):
    monkeypatch.chdir(FIXTURE)
    code, out, _ = _run(["decisions", "--date", "2026-12-05", "--lang", "nl"])
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["stand", "uiterlijk", "besluit"]
    assert "verloopt binnenkort  2026-12-15  BES-2026-031" in out
    assert out.rstrip().endswith("3 besluiten, 3 voorwaarden: 1 verloopt binnenkort, 2 vervuld")
    code, out, _ = _run(["decisions", "--date", "2026-12-05", "--format", "csv"])
    assert out.splitlines()[0].startswith("decision,initiative,date,body,outcome,condition")
    assert len(out.splitlines()) == 6


def test_the_register_of_a_bad_decision_is_exit_2(tmp_path):
    bad = tmp_path / "besluit.yaml"
    bad.write_text(BASE.replace("outcome: approved-with-conditions", "outcome: maybe"), "utf-8")
    code, _, err = _run(["decisions", os.path.join(FIXTURE, "initiatives"), str(bad)])
    assert code == 2 and "besluit.yaml:7:1: error: outcome:" in err


def test_the_dashboard_has_a_section_of_decisions_most_urgent_first(monkeypatch, tmp_path):
    import re
    monkeypatch.chdir(FIXTURE)
    out = tmp_path / "dashboard.html"
    code, _, err = _run(["report", "--date", "2026-12-20", "-o", str(out)])
    page = out.read_text("utf-8")
    section = page[page.index('id="decisions"'):]
    section = section[:section.index("</table>")]
    assert re.findall(r'data-state="([a-z-]+)"', section) == [
        "overdue", "none", "none", "met", "met"]
    assert '<a href="#ini-ini-2026-021">INI-2026-021</a>' in section
    assert "Board decisions and their conditions" in page


def test_a_dashboard_without_decisions_has_no_such_section(tmp_path):
    out = tmp_path / "dashboard.html"
    _run(["report", os.path.join(FIXTURE, "initiatives"), "--date", "2026-12-20",
          "-o", str(out)])
    assert 'id="decisions"' not in out.read_text("utf-8")


def test_recorded_runs_keep_the_decisions_and_history_shows_them_between_runs(monkeypatch,
                                                                               tmp_path):
    import shutil
    import sqlite3
    shutil.copytree(FIXTURE, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    for day in ("2026-11-01", "2026-12-05", "2026-12-20"):
        _run(["check", "--date", day, "--record=h.sqlite"])
    with sqlite3.connect("h.sqlite") as db:
        rows = db.execute("select run_id, decision, condition, state from idm_decisions "
                          "where initiative = 'INI-2026-021' order by run_id, id").fetchall()
    assert rows == [(run, "BES-2026-031", c, s) for run, states in (
        (1, ("met", "open", "met")), (2, ("met", "due-soon", "met")),
        (3, ("met", "overdue", "met"))) for c, s in zip(("V1", "V2", "V3"), states)]
    code, out, _ = _run(["history", "INI-2026-021", "--db", "h.sqlite"])
    assert code == 0
    lines = out[out.index("Decisions of the board"):].splitlines()[1:]
    assert lines == [
        "  run 1 (2026-11-01): BES-2026-031 approved with conditions "
        "(2026-09-15, Architectuurboard)",
        "  run 1 (2026-11-01):   V1 met (due 2026-12-01)",
        "  run 1 (2026-11-01):   V2 open (due 2026-12-15)",
        "  run 1 (2026-11-01):   V3 met (due 2026-12-15)",
        "  run 2 (2026-12-05):   V2 due soon (due 2026-12-15)",
        "  run 3 (2026-12-20):   V2 overdue (due 2026-12-15)"]
    code, out, _ = _run(["history", "INI-2026-022", "--db", "h.sqlite", "--format", "json"])
    assert [(d["run"], d["decision"], d["outcome"], d["state"])
            for d in json.loads(out)["decisions"]] == [(1, "BES-2026-032", "deferred", "none")]


@pytest.mark.parametrize("lang, chosen, overdue", [
    ("en", "approved with conditions", "overdue"),
    ("nl", "goedgekeurd onder voorwaarden", "verlopen")])
def test_the_dossier_renders_the_recorded_decision(monkeypatch, tmp_path, lang, chosen, overdue):
    import re
    monkeypatch.chdir(FIXTURE)
    out = tmp_path / "dossier.html"
    code, _, err = _run(["dossier", "initiatives/vergunningen.yaml", "--decision",
                         "decisions/bes-2026-031.yaml", "--date", "2026-12-20", "--lang", lang,
                         "-o", str(out)])
    assert code == 0, err
    page = out.read_text("utf-8")
    block = page[page.index('class="recorded-decision"'):]
    assert '<li class="chosen"><span class="box" aria-hidden="true">☒</span> <strong>%s</strong>' \
        % chosen in block
    assert re.findall(r'data-condition="(V\d)" data-state="([a-z-]+)"', block) == [
        ("V1", "met"), ("V2", "overdue"), ("V3", "met")]
    assert "<strong>%s</strong>" % overdue in block
    assert "M. de Vries (voorzitter), J. Jansen (secretaris), A. Bakker" in block
    assert 'class="earlier-decision"' not in page
    assert 'data-choice="' not in page      # no blank options beside the recorded decision
    md = tmp_path / "dossier.md"
    _run(["dossier", "initiatives/vergunningen.yaml", "--decision", "decisions/bes-2026-031.yaml",
          "--date", "2026-12-20", "--lang", lang, "--format", "markdown", "-o", str(md)])
    text = md.read_text("utf-8")
    assert "- [x] %s" % chosen in text
    assert "| **V2** DPIA uitvoeren en afronden | – |" in text and "| %s |" % overdue in text


def test_without_a_decision_the_dossier_lists_earlier_decisions_above_the_blank_block(
        monkeypatch, tmp_path):
    monkeypatch.chdir(FIXTURE)
    out = tmp_path / "dossier.md"
    code, _, _ = _run(["dossier", "initiatives/vergunningen.yaml", "--date", "2026-12-05",
                       "--format", "markdown", "-o", str(out)])
    text = out.read_text("utf-8")
    section = text[text.index("## 1."):text.index("## 2.")]
    assert section.index("### Earlier decision BES-2026-031") < section.index("- [ ] approve")
    assert "| **V2** DPIA uitvoeren en afronden | – | 5 December 2026 | due soon |" not in section
    assert "| **V2** DPIA uitvoeren en afronden | – | 15 December 2026 | due soon |" in section


def test_a_decision_on_another_initiative_is_refused_at_its_line(monkeypatch):
    monkeypatch.chdir(FIXTURE)
    code, _, err = _run(["dossier", "initiatives/parkeren.yaml", "--decision",
                         "decisions/bes-2026-031.yaml"])
    assert code == 2
    assert "decisions/bes-2026-031.yaml:4:1: error: initiative: this decision is about " \
           "initiative 'INI-2026-021', not about 'INI-2026-022' of the dossier" in err


def test_the_running_header_cannot_be_broken_out_of_by_an_initiative_id():
    from idm.engine.report.dossier import css_string
    import re
    shown = css_string('INI-1"} body { display: none } /*')
    assert re.fullmatch(r"([A-Za-z0-9]|\\[0-9a-f]{6})*", shown), shown


def test_a_decision_on_a_dossier_digest_no_recorded_run_read_is_dec_005(monkeypatch, tmp_path):
    """based_on.digest is the SHA-256 of the initiative file the dossier shows; the history
    store keeps that of every file a recorded run read."""
    import hashlib
    import shutil
    shutil.copytree(FIXTURE, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    _run(["check", "--date", "2026-11-01", "--record=h.sqlite"])
    with open(os.path.join("initiatives", "vergunningen.yaml"), "rb") as fh:
        known = hashlib.sha256(fh.read()).hexdigest()
    base = "apiVersion: idm/v1\nkind: Decision\ninitiative: INI-2026-021\ndate: 2026-09-15\n" \
           "body: Architectuurboard\noutcome: approved\n"
    with open(os.path.join("decisions", "known.yaml"), "w", encoding="utf-8") as fh:
        fh.write("id: BES-K\n" + base + "based_on: {run: 1, digest: 'sha256:%s'}\n" % known)
    with open(os.path.join("decisions", "unknown.yaml"), "w", encoding="utf-8") as fh:
        fh.write("id: BES-U\n" + base + "based_on: {digest: '%s'}\n" % ("0" * 64))
    code, out, _ = _run(["check", "--date", "2026-11-01", "--db", "h.sqlite",
                         "--format", "json"])
    found = [(f["rule"], f["file"]) for f in json.loads(out)["portfolio_findings"]
             if f["rule"] == "DEC-005"]
    assert found == [("DEC-005", os.path.join("decisions", "unknown.yaml"))]
