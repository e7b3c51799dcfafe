"""A Markdown summary for a GitHub or GitLab pull-request comment.

Headline with the gate verdict, one overview table of initiatives, domain coverage per
initiative, unwaived findings grouped by severity, portfolio findings, input errors, and the
waived findings folded away in <details>.  Only GitHub/GitLab-flavoured tables and inline HTML
that both render are used.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, List, Optional, Sequence, TextIO

from ..model import DOMAINS, DomainCoverage, Finding, InitiativeResult, RunResult, Severity
from . import labels
from .states import domain_state

_SEVERITIES = sorted(Severity, reverse=True)
_ICONS = {Severity.error: "🔴", Severity.warning: "🟡", Severity.info: "🔵"}
# The domain states (states.py) as GitHub and GitLab show them; each its own symbol.
STATE_ICONS = {"missing_error": "🚫", "errors": "🔴", "missing_warning": "⭕",
               "warnings": "🟡", "waived": "🔷", "clean": "✅", "not_required": "➖"}


def render(result: RunResult, lang: str = "en") -> str:
    """Render `result` as a Markdown pull-request comment in `lang`."""
    labels.check_lang(lang)
    L = functools.partial(labels.label, lang=lang)  # noqa: N806 - reads like a gettext _()
    out: List[str] = []
    out += _headline(result, lang)
    initiatives = sorted(result.initiatives, key=lambda r: (r.id, r.file))

    if initiatives:
        out += ["### " + L("initiatives"), ""]
        out += _initiative_table(initiatives, lang)
        out += ["### " + L("coverage"), ""]
        for initiative in initiatives:
            out += _coverage(initiative, lang)

    out += ["### " + L("findings"), ""]
    active = sorted((f for r in initiatives for f in r.findings if not f.waived),
                    key=labels.finding_order)
    if not active:
        out += [L("no_findings"), ""]
    for severity in _SEVERITIES:
        group = [f for f in active if f.severity == severity]
        if group:
            heading = L(labels.SEVERITY_HEADINGS[severity])
            out += ["#### %s %s (%d)" % (_ICONS[severity], heading, len(group)), ""]
            out += _finding_table(group, lang, with_initiative=True)

    portfolio = sorted(result.portfolio_findings, key=labels.finding_order)
    if portfolio:
        out += ["### " + L("portfolio_findings"), ""]
        out += _table([L("rule"), L("severity"), L("path"), L("message")],
                      [[_rule_cell(f, lang), _severity_cell(f, lang), _code(f.path),
                        _cell(labels.text(f.message, lang))] for f in portfolio])

    if result.errors:
        out += ["### ⚠️ %s (%d)" % (L("input_errors"), len(result.errors)), ""]
        out += _table([L("location"), L("path"), L("message")],
                      [[_code(labels.position(p.file, p.line, p.column)), _code(p.path),
                        _cell(p.message)] for p in sorted(result.errors, key=labels.problem_order)])

    waived = sorted((f for f in result.all_findings() if f.waived), key=labels.finding_order)
    if waived:
        # A blank line after <summary> is what makes GitHub render the table inside <details>.
        out += ["<details>", "<summary>%s (%d)</summary>" % (L("waived_findings"), len(waived)), ""]
        out += _table([L("rule"), L("initiative"), L("path"), L("location"), L("justification"),
                       L("approved_by"), L("expires")],
                      [[_rule_cell(f, lang), _code(f.initiative or L("portfolio")), _code(f.path),
                        _code(labels.position(f.file, f.line, f.column)),
                        _cell(f.waiver.justification), _cell(f.waiver.approved_by),
                        _cell(f.waiver.expires)] for f in waived if f.waiver])
        out += ["</details>", ""]

    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def write(result: RunResult, out: TextIO, lang: str = "en") -> None:
    out.write(render(result, lang))


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


def _finding_table(findings: Sequence[Finding], lang: str, with_initiative: bool) -> List[str]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    header = [L("rule")] + ([L("initiative")] if with_initiative else [])
    header += [L("path"), L("location"), L("message")]
    rows = []
    for f in findings:
        row = [_rule_cell(f, lang)] + ([_code(f.initiative)] if with_initiative else [])
        row += [_code(f.path), _code(labels.position(f.file, f.line, f.column)),
                _cell(labels.text(f.message, lang))]
        rows.append(row)
    return _table(header, rows)


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
