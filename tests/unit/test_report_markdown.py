"""Markdown reporter: verdict headline, tables, coverage, sections, escaping, both languages."""
from __future__ import annotations

import re

import pytest

from engine.model import Severity
from engine.report import markdown
from engine.report.markdown import escape_cell
from tests.unit.report_fixtures import run_result


def section(text: str, heading: str) -> str:
    """The lines under `heading` up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n") + len(heading) + 1
    pattern = re.compile(r"^#{1,%d} " % len(level), re.M)
    nxt = pattern.search(text, start)
    return text[start:nxt.start() if nxt else len(text)]


def table(block: str) -> list:
    """The rows of the first table in `block` as lists of raw cell texts (header included)."""
    lines = block.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    cells = [re.split(r"(?<!\\)\|", row)[1:-1] for row in rows]
    return [[c.strip() for c in row] for i, row in enumerate(cells) if i != 1]


def test_headline_verdicts():
    assert markdown.render(run_result()).startswith(
        "## ⚠️ idm — Compliance gate: could not check every input\n\n"
        "**3** failing findings (fail-on: `warning`) · Evaluation date: 2025-06-30 · idm 0.1.0\n\n"
        "2 initiative(s), 1 error(s), 2 warning(s), 2 info, 1 waived, 1 input error(s)\n")
    assert markdown.render(run_result(errors=[])).startswith(
        "## ❌ idm — Compliance gate: failed\n")
    passed = markdown.render(run_result(errors=[], fail_on=None))
    assert passed.startswith("## ✅ idm — Compliance gate: passed\n\n**0** failing findings "
                             "(fail-on: `never`)")
    empty = markdown.render(run_result(errors=[], initiatives=[], portfolio_findings=[]))
    assert empty.startswith("## ⚠️ idm — Compliance gate: nothing was checked\n")
    assert "No findings." in empty and "### Initiatives" not in empty


def test_initiative_table_escapes_pipes():
    rows = table(section(markdown.render(run_result()), "### Initiatives"))
    assert rows == [
        ["Initiative", "Title", "Phase", "Errors", "Warnings", "Info", "Waived", "Coverage"],
        ["`GEM-001`", "Digitaal loket \\| Wmo", "Foundation", "1", "0", "1", "1", "❌ 3/4"],
        ["`GEM-002`", "Zaakgericht werken", "(not stated: initiation)", "0", "2", "0", "0", "✅ 3/3"],
    ]


def test_coverage_per_domain_with_missing_fields():
    text = markdown.render(run_result())
    gem1 = table(section(text, "#### `GEM-001` — Digitaal loket \\| Wmo"))
    assert gem1 == [
        ["Domain", "State", "Required in this phase", "Missing fields"],
        ["Legacy", "✅ Covered and clean", "required", ""],
        ["Results", "➖ Not required, not described", "not required", "`results.outcomes`"],
        ["Stakeholders", "✅ Covered and clean", "required", ""],
        ["Direction", "✅ Covered and clean", "required", ""],
        ["Design", "🚫 Required, missing (error)", "required",
         "`design.processes`, `design.privacy.personal_data`"],
    ]


def test_findings_grouped_by_severity_without_waived_or_portfolio():
    text = markdown.render(run_result())
    findings = section(text, "### Findings")
    headings = re.findall(r"^#### .*$", findings, re.M)
    assert headings == ["#### 🔴 Errors (1)", "#### 🟡 Warnings (2)", "#### 🔵 Info (1)"]
    assert table(section(text, "#### 🟡 Warnings (2)")) == [
        ["Rule", "Initiative", "Path", "Location", "Message"],
        ["**BUS-007**", "`GEM-002`", "`phase`", "`initiatives/sociaal domein/gem-002.yaml`",
         "Phase not stated."],
        ["**COV-005**", "`GEM-002`", "`design`", "`initiatives/sociaal domein/gem-002.yaml:1:1`",
         "Design not covered."],
    ]
    # The newline in the message becomes <br>, so the row stays one row.
    info = table(section(text, "#### 🔵 Info (1)"))
    assert info[1][-1] == "Goal 'save 100%' has no success criteria,<br>see: plan"
    assert "TEC-001" not in findings and "POR-003" not in findings


def test_portfolio_input_errors_and_waived_sections():
    text = markdown.render(run_result())
    assert table(section(text, "### Portfolio findings")) == [
        ["Rule", "Severity", "Path", "Message"],
        ["**POR-003**", "🔵 info", "`direction.portfolio`", "Recurring costs dominate the portfolio."],
    ]
    assert table(section(text, "### ⚠️ Input errors (1)")) == [
        ["Location", "Path", "Message"],
        ["`initiatives/broken.yaml:3:9`", "`design`", "mapping values are not allowed here"],
    ]
    details = text[text.index("<details>"):]
    assert details.startswith("<details>\n<summary>Waived findings (1)</summary>\n\n|")
    assert details.endswith("</details>\n")
    assert table(details)[1] == [
        "**TEC-001**", "`GEM-001`", "`operations.applications[0].exit_strategy`",
        "`initiatives/gem-001.yaml:30:7`", "Vendor contract ends 2026; exit plan follows",
        "CIO office", "2026-12-31"]


def test_sections_left_out_when_empty():
    text = markdown.render(run_result(errors=[], portfolio_findings=[], fail_on=Severity.error))
    assert "### Portfolio findings" not in text
    assert "Input errors" not in text
    assert "<details>" in text


@pytest.mark.parametrize("raw, cell", [
    ("a | b", "a \\| b"),
    ("line1\nline2\r\nline3\rline4", "line1<br>line2<br>line3<br>line4"),
    ("<script>&", "&lt;script&gt;&amp;"),
    ("back\\slash", "back\\\\slash"),
    (None, ""),
])
def test_escape_cell(raw, cell):
    assert escape_cell(raw) == cell


def test_pipes_and_newlines_in_waiver_and_error_cells():
    result = run_result()
    result.errors = [result.errors[0].__class__("x|y.yaml", "bad | value\nhere", 1, 2, "a|b")]
    text = markdown.render(result)
    rows = table(section(text, "### ⚠️ Input errors (1)"))
    assert rows[1] == ["`x\\|y.yaml:1:2`", "`a\\|b`", "bad \\| value<br>here"]


def test_dutch():
    text = markdown.render(run_result(errors=[]), "nl")
    assert text.startswith("## ❌ idm — Compliancepoort: niet geslaagd\n")
    for heading in ("### Initiatieven", "### Dekking", "### Bevindingen", "#### 🔴 Fouten (1)",
                    "#### 🟡 Waarschuwingen (2)", "### Portfoliobevindingen"):
        assert heading + "\n" in text
    assert "<summary>Uitgezonderde bevindingen (1)</summary>" in text
    assert "| Inrichten | 🚫 Vereist, ontbreekt (fout) | vereist |" in text
    assert "Doelbinding ontbreekt." in text
    assert "Purpose of processing" not in text


def test_deterministic():
    first = markdown.render(run_result())
    assert markdown.render(run_result()) == first
    reordered = run_result()
    reordered.initiatives.reverse()
    for r in reordered.initiatives:
        r.findings.reverse()
    assert markdown.render(reordered) == first
    assert first.endswith("\n") and not first.endswith("\n\n")
