"""idm dossier: the review dossier of one initiative (issue 16)."""
from __future__ import annotations

import os

import pytest

from idm import cli
from idm.engine.report import dossier
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.check.run import check

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATE = "2026-11-22"
FUTURE = os.path.join(ROOT, "tests", "fixtures", "dossier", "future-rule.yaml")
RULES = os.path.join(ROOT, "rules")


@pytest.fixture(scope="module")
def with_future_rule():
    ruleset, problems = load_ruleset_collecting([RULES, FUTURE])
    assert not problems
    result = check([os.path.join(ROOT, "examples", "with-findings.yaml")], ruleset, DATE)
    return result, ruleset


def outcomes(page: str) -> dict:
    root = html5lib.parse(page, namespaceHTMLElements=False)
    return {tr.get("data-rule"): tr.get("data-outcome") for tr in root.iter("tr")
            if tr.get("data-outcome")}


def test_every_rule_with_its_outcome(with_future_rule):
    result, ruleset = with_future_rule
    found = outcomes(dossier.render(result, ruleset, "en"))
    # The decision rules are listed only when a board decision on the initiative was judged.
    assert set(found) == {s.id for s in ruleset.specs if s.subject != "decision"}
    assert found["LEG-004"] == "finding"           # DPIA missing for an AI risk score
    assert found["ORG-004"] == "not_in_force"      # in force from 2027-01-01
    assert found["BUS-001"] == "passed"
    # with-findings' exception for TEC-001 has expired: the finding counts again
    assert found["TEC-001"] == "finding"


def test_a_waived_rule_shows_justification_approver_and_expiry(tmp_path):
    out = str(tmp_path / "d.html")
    # RIV-2026-005 waives TEC-001 until 2027-06-30
    assert cli.run(["dossier", os.path.join(ROOT, "examples", "portfolio", "05-jeugdhulp.yaml"),
                    "--date", DATE, "--output", out]) == 0
    page = open(out, encoding="utf-8").read()
    assert outcomes(page)["TEC-001"] == "waived"
    assert "30 June 2027" in page and "Architectuurboard" in page


def test_sections_and_decision_block_in_dutch(with_future_rule):
    result, ruleset = with_future_rule
    page = dossier.render(result, ruleset, "nl")
    for words in ("Toetsingsdossier", "De zeven W&#39;s", "Toegepaste regelpakketten",
                  "idm-default-legislation", "Kaders die het initiatief noemt", "Participatiewet",
                  "Openstaande punten", "Besluit van het architectuurboard", "Voorzitter", "Handtekening",
                  "22 november 2026", "€\u00a060.000", "Niet van kracht op de peildatum"):
        assert words in page, words
    assert page == dossier.render(result, ruleset, "nl")     # deterministic


def test_markdown_dossier(tmp_path):
    out = str(tmp_path / "d.md")
    assert cli.run(["dossier", os.path.join(ROOT, "examples", "with-findings.yaml"), "--date",
                    DATE, "--format", "markdown", "--output", out]) == 0
    text = open(out, encoding="utf-8").read()
    assert text.startswith("# Review dossier: INI-2026-031")
    assert "| **LEG-004** DPIA required but not carried out |" in text
    assert "- [ ] defer / refer back" in text


def test_an_unusable_file_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    assert cli.run(["dossier", str(bad), "--output", str(tmp_path / "d.html")]) == 2
    assert not (tmp_path / "d.html").exists()
    assert cli.run(["dossier", str(tmp_path), "--output", str(tmp_path / "d.html")]) == 2
