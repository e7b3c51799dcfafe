"""Markdown reporter: verdict headline, tables, coverage, sections, escaping, both languages."""
from __future__ import annotations

import re

import pytest

from idm.engine.model import Severity
from idm.engine.report import markdown
from idm.engine.report.markdown import escape_cell
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
        "2 initiatives, 6 findings (1 error, 2 warnings, 2 info), 1 waived, 1 input error\n")
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


def test_summary_first_then_the_other_findings_by_severity():
    text = markdown.render(run_result())
    headings = re.findall(r"^###? .*$", text, re.M)
    assert headings[:5] == ["## ⚠️ idm — Compliance gate: could not check every input",
                            "### Findings by domain", "### Blocking findings (3)",
                            "### ⚠️ Input errors (1)", "### Other findings"]
    assert table(section(text, "### Findings by domain")) == [
        ["Domain", "Errors", "Warnings", "Info"],
        ["Direction", "0", "1", "2"], ["Design", "1", "1", "0"]]
    # Compact: the message second, so the one long column wraps; where in one cell.
    assert table(section(text, "### Blocking findings (3)")) == [
        ["Rule", "Message", "Where"],
        ["**LEG-001**", "Purpose of processing not stated.",
         "`GEM-001` `design.privacy.purpose`<br>`initiatives/gem-001.yaml:12:5`"],
        ["**BUS-007**", "Phase not stated.",
         "`GEM-002` `phase`<br>`initiatives/sociaal domein/gem-002.yaml`"],
        ["**COV-005**", "Design not covered.",
         "`GEM-002` `design`<br>`initiatives/sociaal domein/gem-002.yaml:1:1`"],
    ]
    # The details repeat none of the blocking findings: here only the info one is left.
    findings = section(text, "### Other findings")
    assert re.findall(r"^#### .*$", findings, re.M) == ["#### 🔵 Info (1)"]
    # The newline in the message becomes <br>, so the row stays one row.
    info = table(section(text, "#### 🔵 Info (1)"))
    assert info[1][1] == "Goal 'save 100%' has no success criteria,<br>see: plan"
    assert "TEC-001" not in findings and "POR-003" not in findings


def test_without_blocking_findings_every_finding_is_in_the_details():
    text = markdown.render(run_result(errors=[], fail_on=None))
    assert "### Blocking findings" not in text
    findings = section(text, "### Findings")
    assert re.findall(r"^#### .*$", findings, re.M) == [
        "#### 🔴 Errors (1)", "#### 🟡 Warnings (2)", "#### 🔵 Info (1)"]


def test_a_limit_cuts_rows_then_sections_and_says_so():
    from idm.engine.report.options import ReportOptions
    whole = markdown.render(run_result())
    for limit in (600, 900, 1500, 2500):
        text = markdown.render(run_result(), options=ReportOptions(max_chars=limit,
                                                                   full_reports=["r.json"]))
        assert len(text) <= limit
        last = text.rstrip("\n").splitlines()[-1]
        assert re.fullmatch(r"_Left out to stay under %d characters: (\d+ table rows?)?(, )?"
                            r"(\d+ sections?)?\. The full report: `r\.json`\._" % limit,
                            last), last
        # What is kept is the start of the whole report, cut at a line.
        kept = text[:text.rindex("\n---\n")]
        assert whole.startswith(kept)
    assert markdown.render(run_result(), options=ReportOptions(max_chars=len(whole))) == whole


def test_portfolio_input_errors_and_waived_sections():
    text = markdown.render(run_result())
    assert table(section(text, "### Portfolio findings")) == [
        ["Rule", "Message", "Severity", "Path"],
        ["**POR-003**", "Recurring costs dominate the portfolio.", "🔵 info", "`direction.portfolio`"],
    ]
    assert table(section(text, "### ⚠️ Input errors (1)")) == [
        ["Location", "Path", "Message"],
        ["`initiatives/broken.yaml:3:9`", "`design`", "mapping values are not allowed here"],
    ]
    details = text[text.index("<details>"):]
    assert details.startswith("<details>\n<summary>Waived findings (1)</summary>\n\n|")
    assert details.endswith("</details>\n")
    assert table(details)[1] == [
        "**TEC-001**", "Vendor contract ends 2026; exit plan follows", "`GEM-001`",
        "`operations.applications[0].exit_strategy`", "`initiatives/gem-001.yaml:30:7`",
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
    assert text.startswith("## ❌ idm — Compliancepoort: afgekeurd\n")
    for heading in ("### Initiatieven", "### Dekking", "### Overige bevindingen",
                    "### Blokkerende bevindingen (3)", "### Bevindingen per domein",
                    "#### 🔵 Informatie (1)", "### Portfoliobevindingen"):
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


def test_a_report_larger_than_memory_buffers_keeps_every_row_whole_and_in_order():
    """The rows wait in temporary files that move to disk past 1 MB: rows with multi-byte
    characters must come back whole, each once, in report order."""
    import dataclasses

    from idm.engine.report.options import ReportOptions
    result = run_result(errors=[], fail_on=None)
    gem = result.initiatives[0]
    first = gem.findings[0]
    text = "Zeer lange boodschap é ü € 😀 | <b> " * 30
    gem.findings = list(gem.findings) + [
        dataclasses.replace(first, line=1000 + i, message={"en": text + str(i), "nl": "x"})
        for i in range(3000)]
    report = markdown.render(result, options=ReportOptions(max_chars=0))
    assert len(report.encode("utf-8")) > 2 * (1 << 20)
    numbers = [int(n) for n in re.findall(r"😀 \\\| &lt;b&gt; (\d+) \|", report)]
    assert numbers == list(range(3000))
