"""A Markdown report for a GitHub or GitLab pull-request comment or a job summary.

A summary first (the gate verdict, counts by severity and by domain, the blocking findings), then
the details in the order a reviewer needs them: input errors, findings by severity, portfolio
findings, the initiatives, domain coverage per initiative, and the waived findings folded away in
<details>.  A comment takes 65,536 characters, so the report stops adding rows and sections at
`ReportOptions.max_chars` (Unicode characters, as GitHub counts) and ends with one line saying
what was left out and where the full report is.  Finding tables are compact, with the message
second, so the one long column wraps instead of running off the right edge.  Only
GitHub/GitLab-flavoured tables and inline HTML that both render are used.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, TextIO

from ..model import DOMAINS, DomainCoverage, Finding, InitiativeResult, RunResult, Severity
from . import labels
from .options import ReportOptions
from .states import domain_state

_SEVERITIES = sorted(Severity, reverse=True)
_ICONS = {Severity.error: "🔴", Severity.warning: "🟡", Severity.info: "🔵"}
# The domain states (states.py) as GitHub and GitLab show them; each its own symbol.
STATE_ICONS = {"missing_error": "🚫", "errors": "🔴", "missing_warning": "⭕",
               "warnings": "🟡", "waived": "🔷", "clean": "✅", "not_required": "➖"}


@dataclass
class _Block:
    """A part of the report: `head` lines kept together, table `rows` that may be cut from the
    end, then `tail` lines."""

    head: List[str]
    rows: List[str] = field(default_factory=list)
    tail: List[str] = field(default_factory=list)

    def size(self, rows: Optional[int] = None) -> int:
        kept = self.rows if rows is None else self.rows[:rows]
        return sum(len(line) + 1 for line in self.head + kept + self.tail)


def render(result: RunResult, lang: str = "en", options: Optional[ReportOptions] = None) -> str:
    """Render `result` as a Markdown pull-request comment in `lang`, within
    `options.max_chars` characters (0: no limit)."""
    labels.check_lang(lang)
    options = options or ReportOptions()
    # Read once: a large run's results come back from disk on every pass.
    initiatives = sorted(result.initiatives, key=lambda r: (r.id, r.file))
    findings = [f for r in initiatives for f in r.findings] + list(result.portfolio_findings)
    blocks = (_summary_blocks(result, findings, lang)
              + _detail_blocks(result, initiatives, findings, lang))
    out: List[str] = []
    limit = options.max_chars
    whole = _join([line for b in blocks for line in b.head + b.rows + b.tail])
    if not limit or len(whole) <= limit:
        return whole
    # Room for the closing line, counted with every row and section left out.
    reserve = len(_left_out_line(sum(len(b.rows) for b in blocks), len(blocks), limit,
                                 options, lang)) + 2
    room = limit - reserve
    rows_out = sections_out = 0
    for i, block in enumerate(blocks):
        if block.size() <= room:
            out += block.head + block.rows + block.tail
            room -= block.size()
            continue
        # The first block that does not fit: as many of its rows as fit, then nothing more.
        keep = 0
        while keep < len(block.rows) and block.size(keep + 1) <= room:
            keep += 1
        if keep or (not block.rows and i == 0):
            out += block.head + block.rows[:keep] + block.tail
            rows_out += len(block.rows) - keep
        else:
            sections_out += 1
        sections_out += len(blocks) - i - 1
        rows_out += sum(len(b.rows) for b in blocks[i + 1:])
        break
    if rows_out or sections_out:
        while out and out[-1] == "":
            out.pop()
        out += ["", "---", "", _left_out_line(rows_out, sections_out, limit, options, lang)]
    return _join(out)


def _join(lines: List[str]) -> str:
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _left_out_line(rows: int, sections: int, limit: int, options: ReportOptions,
                   lang: str) -> str:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    what = []
    if rows:
        what.append(L("left_out_rows") % rows)
    if sections:
        what.append(L("left_out_sections") % sections)
    where = (", ".join("`%s`" % _cell(f) for f in options.full_reports) if options.full_reports
             else L("full_report_rerun"))
    return "_%s %s_" % (L("left_out") % {"limit": limit, "what": ", ".join(what)},
                        L("full_report") % where)


def _summary_blocks(result: RunResult, findings: List[Finding], lang: str) -> List[_Block]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    blocks = [_Block(_headline(result, lang))]
    active = [f for f in findings if not f.waived]
    if active:
        counts: Dict[str, Dict[Severity, int]] = {}
        for f in active:
            counts.setdefault(f.domain, dict.fromkeys(_SEVERITIES, 0))[f.severity] += 1
        header = [L("domain")] + [L(labels.SEVERITY_HEADINGS[s]) for s in _SEVERITIES]
        rank = {d: i for i, d in enumerate(DOMAINS)}
        rows = [[_cell(labels.domain_name(d, lang))] + [str(counts[d][s]) for s in _SEVERITIES]
                for d in sorted(counts, key=lambda d: (rank.get(d, len(rank)), d))]
        table = _table(header, rows, align=[""] + ["-:"] * len(_SEVERITIES))
        blocks.append(_Block(["### " + L("by_domain"), ""] + table[:2], table[2:-1], [""]))
    blocking = sorted((f for f in active if _blocking(result, f)), key=labels.finding_order)
    if blocking:
        table = _finding_table(blocking, lang)
        blocks.append(_Block(["### %s (%d)" % (L("blocking"), len(blocking)), ""] + table[:2],
                             table[2:-1], [""]))
    return blocks


def _blocking(result: RunResult, finding: Finding) -> bool:
    """Whether `finding` fails the gate (RunResult.failing, for one finding)."""
    return (result.fail_on is not None and not finding.waived and not finding.baselined
            and finding.severity >= result.fail_on)


def _detail_blocks(result: RunResult, initiatives: List[InitiativeResult],
                   findings: List[Finding], lang: str) -> List[_Block]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    blocks: List[_Block] = []

    if result.errors:
        table = _table([L("location"), L("path"), L("message")],
                       [[_code(labels.position(p.file, p.line, p.column)), _code(p.path),
                         _cell(p.message)]
                        for p in sorted(result.errors, key=labels.problem_order)])
        blocks.append(_Block(["### ⚠️ %s (%d)" % (L("input_errors"), len(result.errors)), ""]
                             + table[:2], table[2:-1], [""]))

    active = sorted((f for r in initiatives for f in r.findings if not f.waived),
                    key=labels.finding_order)
    # The blocking findings are in the summary already; the details show the others.
    others = [f for f in active if not _blocking(result, f)]
    # The section heading goes with its first table, never alone at the end of a cut report.
    title = ["### " + L("other_findings" if len(others) < len(active) else "findings"), ""]
    if not active:
        blocks.append(_Block(title + [L("no_findings"), ""]))
    active = others
    for severity in _SEVERITIES:
        group = [f for f in active if f.severity == severity]
        if group:
            heading = L(labels.SEVERITY_HEADINGS[severity])
            table = _finding_table(group, lang)
            blocks.append(_Block(title + ["#### %s %s (%d)" % (_ICONS[severity], heading,
                                                               len(group)), ""]
                                 + table[:2], table[2:-1], [""]))
            title = []

    portfolio = sorted(result.portfolio_findings, key=labels.finding_order)
    if portfolio:
        table = _table([L("rule"), L("message"), L("severity"), L("path")],
                       [[_rule_cell(f, lang), _cell(labels.text(f.message, lang)),
                         _severity_cell(f, lang), _code(f.path)] for f in portfolio])
        blocks.append(_Block(["### " + L("portfolio_findings"), ""] + table[:2], table[2:-1],
                             [""]))

    if initiatives:
        table = _initiative_table(initiatives, lang)
        blocks.append(_Block(["### " + L("initiatives"), ""] + table[:2], table[2:-1], [""]))
        title = ["### " + L("coverage"), ""]
        for initiative in initiatives:
            blocks.append(_Block(title + _coverage(initiative, lang)))
            title = []

    waived = sorted((f for f in findings if f.waived), key=labels.finding_order)
    if waived:
        # A blank line after <summary> is what makes GitHub render the table inside <details>.
        table = _table([L("rule"), L("justification"), L("initiative"), L("path"), L("location"),
                        L("approved_by"), L("expires")],
                       [[_rule_cell(f, lang), _cell(f.waiver.justification),
                         _code(f.initiative or L("portfolio")), _code(f.path),
                         _code(labels.position(f.file, f.line, f.column)),
                         _cell(f.waiver.approved_by), _cell(f.waiver.expires)]
                        for f in waived if f.waiver])
        blocks.append(_Block(["<details>", "<summary>%s (%d)</summary>" % (L("waived_findings"),
                                                                        len(waived)), ""]
                             + table[:2], table[2:-1], ["", "</details>", ""]))
    return blocks


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    out.write(render(result, lang, options))


def escape_cell(value: Optional[str]) -> str:
    """Make `value` safe inside a table cell: HTML-escaped, `|` escaped, line breaks as <br>."""
    value = (value or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"\r\n|\r|\n", "<br>", value)


_cell = escape_cell


def _code(value: Optional[str]) -> str:
    """An inline code span for paths and ids; empty stays empty rather than an empty span."""
    if not value:
        return ""
    # Code spans show entities literally and cannot hold a line break, so only `|` (which GFM
    # tables split on even inside code) and newlines are touched.
    value = re.sub(r"\r\n|\r|\n", " ", value).replace("|", "\\|")
    fence = "``" if "`" in value else "`"
    pad = " " if fence == "``" else ""
    return "%s%s%s%s%s" % (fence, pad, value, pad, fence)


def _headline(result: RunResult, lang: str) -> List[str]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    code = result.exit_code()
    if code == 0:
        icon, verdict = "✅", L("gate_passed")
    elif code == 1:
        icon, verdict = "❌", L("gate_failed")
    else:
        icon, verdict = "⚠️", L("gate_error") if result.errors else L("gate_empty")
    fail_on = result.fail_on.name if result.fail_on is not None else L("fail_on_never")
    summary = result.summary()
    counts = dict(summary["by_severity"], initiatives=summary["initiatives"],
                  waived=summary["waived"], errors=summary["errors"])
    return [
        "## %s idm — %s: %s" % (icon, L("gate"), verdict),
        "",
        "**%d** %s (%s: `%s`) · %s: %s · idm %s" % (
            result.failing_count(), L("failing"), L("fail_on"), fail_on,
            L("evaluation_date"), _cell(result.date), _cell(result.tool_version)),
        "",
        L("summary") % counts,
        "",
    ] + ([labels.since_last_line(result, lang) or "", ""] if result.since_last else [])


def _initiative_table(initiatives: Sequence[InitiativeResult], lang: str) -> List[str]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    header = [L("initiative"), L("title"), L("phase")]
    header += [L(labels.SEVERITY_HEADINGS[s]) for s in _SEVERITIES] + [L("waived"), L("coverage")]
    rows = []
    for r in initiatives:
        row = [_code(r.id), _cell(r.title),
               _cell(labels.enum("phase", r.phase, lang) if r.phase else L("phase_missing"))]
        for severity in _SEVERITIES:
            row.append(str(sum(1 for f in r.findings if not f.waived and f.severity == severity)))
        row.append(str(sum(1 for f in r.findings if f.waived)))
        required = [c for c in r.coverage.values() if c.required]
        covered = sum(1 for c in required if c.covered)
        icon = "✅" if covered == len(required) else "❌"
        row.append("%s %d/%d" % (icon, covered, len(required)) if required else "")
        rows.append(row)
    return _table(header, rows, align=["", "", ""] + ["-:"] * (len(_SEVERITIES) + 1) + [""])


def _coverage(initiative: InitiativeResult, lang: str) -> List[str]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    out = ["#### %s — %s" % (_code(initiative.id), _cell(initiative.title)), ""]
    if not initiative.coverage:
        return out + ["–", ""]
    rows = []
    for cov in _ordered(initiative.coverage.values()):
        state = domain_state(initiative, cov.domain)
        status = "%s %s" % (STATE_ICONS[state], L("state." + state))
        rows.append([_cell(labels.domain_name(cov.domain, lang)), status,
                     L("required") if cov.required else L("not_required"),
                     ", ".join(_code(m) for m in cov.missing)])
    return out + _table([L("domain"), L("state"), L("required_column"), L("missing")], rows)


def _ordered(coverage: Iterable[DomainCoverage]) -> List[DomainCoverage]:
    # The IDM's own domain order reads better than alphabetical; unknown domains go last.
    rank = {d: i for i, d in enumerate(DOMAINS)}
    return sorted(coverage, key=lambda c: (rank.get(c.domain, len(rank)), c.domain))


def _finding_table(findings: Sequence[Finding], lang: str) -> List[str]:
    """Rule, message, then where (initiative, field path, file position) in one cell: the
    message is the only long free text, so it sits second and wraps."""
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    rows = []
    for f in findings:
        owner = f.initiative or L("portfolio")
        where = " ".join(c for c in (_code(owner), _code(f.path)) if c)
        position = labels.position(f.file, f.line, f.column)
        if position:
            where += "<br>" + _code(position)
        rows.append([_rule_cell(f, lang), _cell(labels.text(f.message, lang)), where])
    return _table([L("rule"), L("message"), L("where")], rows)


def _rule_cell(finding: Finding, lang: str) -> str:
    cell = "**%s**" % _cell(finding.rule)
    if finding.baselined:
        cell += " _(%s)_" % labels.label("baselined", lang)
    return cell


def _severity_cell(finding: Finding, lang: str) -> str:
    return "%s %s" % (_ICONS[finding.severity], labels.label(finding.severity.name, lang))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]],
           align: Optional[Sequence[str]] = None) -> List[str]:
    align = align or [""] * len(header)
    rule = ["---" + a[1:] if a.startswith("-") else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]
