"""The dossier's page 1 is the board's decision record: the request, the advice and the conditions
prepared from the blocking findings, the options, the fields a board fills in and the signature
lines; the list of every rule checked is an annex at the end (issue 31)."""
from __future__ import annotations

import os

import pytest

from idm import cli

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATE = "2026-11-22"
WITH_FINDINGS = os.path.join(ROOT, "examples", "with-findings.yaml")
# with-findings: the errors without an exception on the evaluation date (TEC-001's exception
# has expired, but TEC-001 is a warning, so it advises and does not block).
BLOCKING = ["COV-002", "LEG-001", "LEG-004", "LEG-006", "INF-002"]

WORDS = {
    "en": {"title": "1. Decision of the board", "request": "The request", "board": "Architecture board",
           "defer": "defer / refer back", "options": ["approve", "approve with conditions",
                                                      "approve with advisories",
                                                      "defer / refer back", "reject"],
           "fields": ["Motivation", "Next review", "Board", "Meeting date", "Agenda item",
                      "Members present"],
           "signatories": ["Owner", "Chair", "Secretary"], "annex": "Annex A. Every rule checked",
           "asked": "Asked of the board"},
    "nl": {"title": "1. Besluit van het architectuurboard", "request": "De aanvraag",
           "board": "Architectuurboard", "defer": "aanhouden / terugverwijzen",
           "options": ["goedkeuren", "goedkeuren onder voorwaarden", "goedkeuren met adviezen",
                       "aanhouden / terugverwijzen", "afwijzen"],
           "fields": ["Motivering", "Volgende beoordeling", "Orgaan", "Datum vergadering",
                      "Agendapunt", "Aanwezige leden"],
           "signatories": ["Eigenaar", "Voorzitter", "Secretaris"],
           "annex": "Bijlage A. Elke getoetste regel", "asked": "Gevraagd besluit"},
}


def _dossier(tmp_path, lang, fmt="html", path=WITH_FINDINGS, extra=()):
    out = str(tmp_path / ("d." + ("md" if fmt == "markdown" else "html")))
    assert cli.run(["dossier", path, "--date", DATE, "--lang", lang, "--format", fmt,
                    "--output", out] + list(extra)) == 0
    return open(out, encoding="utf-8").read()


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_page_one_is_the_decision_record(tmp_path, lang):
    w = WORDS[lang]
    root = html5lib.parse(_dossier(tmp_path, lang), namespaceHTMLElements=False)
    sections = list(root.iter("section"))
    first = sections[0]
    # The decision record comes first, the annex of rules last.
    assert _text(first.find("h2")) == w["title"]
    assert "decision" in first.get("class")
    assert _text(sections[-1].find("h2")).startswith(w["annex"])
    assert sections[-1].find(".//table[@class='rules-checked']") is not None
    text = _text(first)
    # The request: title, phase, owner, what is asked.
    request = first.find(".//dl[@class='facts request']")
    facts = {_text(dt): _text(dd) for dt, dd in zip(request.iter("dt"), request.iter("dd"))}
    assert list(facts.values())[0] == "INI-2026-031 \u2014 Risicoscore bijstandsaanvragen"
    assert facts[w["asked"]]
    assert facts[w["signatories"][0]] == "Afdeling Werk en Inkomen"   # the owner
    # The advice lists the blocking findings; the conditions table has one row per finding
    # with the owner filled in and the due date blank, and a blank row for the board's own.
    assert [li.get("data-rule") for li in first.iter("li") if li.get("data-rule")] == BLOCKING
    rows = first.find(".//table[@class='conditions seeded']").find("tbody").findall("tr")
    assert [r.get("data-rule") for r in rows] == BLOCKING + [None]
    for row in rows[:-1]:
        cells = row.findall("td")
        assert _text(cells[0]) == "Afdeling Werk en Inkomen" and _text(cells[1]) == ""
    # The options, "defer / refer back" among them, none chosen.
    options = [_text(li) for li in first.iter("li") if li.get("data-choice")]
    assert options == ["\u2610 " + o for o in w["options"]]
    for field in w["fields"]:
        assert field in text, field
    assert w["board"] in text
    signatories = [_text(d.find("p")) for d in first.iter("div") if d.get("data-signatory")]
    assert signatories == w["signatories"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_page_one_in_markdown(tmp_path, lang):
    w = WORDS[lang]
    text = _dossier(tmp_path, lang, "markdown")
    record = text[text.index("## " + w["title"]):text.index("## 2. ")]
    assert "### " + w["request"] in record and "**%s**:" % w["asked"] in record
    for rule in BLOCKING:
        assert "| **%s** " % rule in record, rule
    assert "| **LEG-004** %s | Afdeling Werk en Inkomen | |" % (
        "DPIA required but not carried out" if lang == "en" else
        "DPIA vereist maar niet uitgevoerd") in record
    assert "- [ ] " + w["defer"] in record
    for field in w["fields"]:
        assert "**%s**" % field in record, field
    assert "**%s**: %s" % (w["fields"][2], w["board"]) in record
    assert "| %s |" % " | ".join(w["signatories"]) in record
    # Every rule checked is the annex, after the open items.
    assert text.index("## 5. ") < text.index("## " + w["annex"])
    assert "| **BUS-001** " not in text[:text.index("## " + w["annex"])]


def test_without_blocking_findings_the_advice_says_so(tmp_path):
    text = _dossier(tmp_path, "en", "markdown", os.path.join(ROOT, "examples", "clean.yaml"))
    record = text[text.index("## 1. "):text.index("## 2. ")]
    assert "no blocking findings" in record
    assert "| Condition | Owner | Due |\n|---|---|---|\n| | | |\n" in record


def test_a_portfolio_rule_one_file_cannot_judge_reads_portfolio_only(tmp_path):
    text = _dossier(tmp_path, "en", "markdown", os.path.join(ROOT, "examples", "clean.yaml"))
    assert "| **POR-002** Duplicate initiative id | error | Direction | ? Not judged \u2013 " \
           "portfolio only |" in text


def test_the_record_says_what_changed_since_the_last_review_and_its_run(tmp_path, monkeypatch):
    monkeypatch.delenv("IDM_DB_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    source = open(WITH_FINDINGS, encoding="utf-8").read()
    (tmp_path / "a.yaml").write_text(source, encoding="utf-8")
    # Without a store the record has no history lines.
    text = _dossier(tmp_path, "en", "markdown", "a.yaml")
    assert "Since the last review" not in text and "History run" not in text
    # A --db that names no store is one line and exit 2.
    assert cli.run(["dossier", "a.yaml", "--db", "missing.sqlite",
                    "--output", str(tmp_path / "x.md")]) == 2
    assert not (tmp_path / "x.md").exists()
    assert cli.run(["check", "a.yaml", "--record", "h.sqlite", "--date", DATE]) == 1
    # The purpose stated: LEG-001 is resolved since run 1; this file was never recorded.
    (tmp_path / "a.yaml").write_text(source.replace(
        "    personal_data: true\n",
        "    personal_data: true\n    purpose: Beoordelen van bijstandsaanvragen\n"),
        encoding="utf-8")
    text = _dossier(tmp_path, "en", "markdown", "a.yaml", ["--db", "h.sqlite"])
    record = text[:text.index("## 2. ")]
    assert "- **Since the last review**: compared with run 1 (evaluation date 22 November " \
           "2026): 0 findings added, 1 resolved\n  - Resolved: LEG-001 (design.privacy.purpose)" \
           in record
    assert "History run" not in record
    # Recorded again: the dossier belongs to run 2, still compared with run 1, the review before.
    assert cli.run(["check", "a.yaml", "--record", "h.sqlite", "--date", DATE]) == 1
    page = _dossier(tmp_path, "nl", "html", "a.yaml", ["--db", "h.sqlite"])
    root = html5lib.parse(page, namespaceHTMLElements=False)
    ident = root.find(".//dl[@class='facts identity']")
    facts = {_text(dt): dd for dt, dd in zip(ident.iter("dt"), ident.iter("dd"))}
    assert list(facts) == ["Run in de historie", "Sinds de vorige beoordeling"]
    assert _text(facts["Run in de historie"]) == "2"
    since = facts["Sinds de vorige beoordeling"]
    assert since.text == "vergeleken met run 1 (peildatum 22 november 2026): 0 bevindingen " \
                         "erbij, 1 opgelost"
    assert [_text(e) for e in since.iter("small")] == ["Opgelost: LEG-001 (design.privacy.purpose)"]
