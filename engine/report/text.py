"""The terminal report: findings grouped by initiative, then a one-line summary."""
from __future__ import annotations

import io
from typing import Iterator, List, Optional, TextIO, Tuple

from ..errors import escape_controls
from ..i18n import catalogue
from ..model import DOMAINS, Finding, InitiativeResult, RunResult
from . import labels
from .labels import domain_name, enum, long_date, since_last_line
from .options import ReportOptions
from .parts import Parts, reused
from .states import domain_state

# A domain's state (states.py) in one or two characters: + clean, ! warnings, x errors,
# -! and -x required but missing (warning, error), = only waived findings, ~ not required.
MARKS = {"clean": "+", "warnings": "!", "errors": "x", "missing_warning": "-!",
         "missing_error": "-x", "waived": "=", "not_required": "~"}


def _finding(f: Finding, lang: str) -> str:
    L = catalogue(lang).section("text")  # noqa: N806
    where = f.file or L["portfolio"].lower()
    if f.line is not None:
        where += ":%d:%d" % (f.line, f.column or 1)
    sev = catalogue(lang)("severity." + f.severity.name)
    line = "  %s: %s %s %s: %s" % (where, sev, f.rule, f.path or "-", f.message[lang])
    if f.waiver is not None:
        line += " [%s %s %s: %s]" % (L["waived"], L["until"], long_date(f.waiver.expires, lang),
                                     f.waiver.justification)
    if f.baselined:
        line += " [%s]" % L["baselined"]
    return line


def render(result: RunResult, lang: str = "en",
           options: Optional[ReportOptions] = None) -> str:
    out = io.StringIO()
    write(result, out, lang, options)
    return out.getvalue()


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """The report, one initiative at a time: a large portfolio's report is written, never held
    whole.  With the result cache, an initiative's part the last run wrote is copied."""
    parts = Parts(out, reused(result, "text", lang, options))
    marked = False   # whether a coverage line was written: then the marks are explained
    initiatives = result.initiatives
    for k in range(len(initiatives)):
        found, mark = parts.copied(k)
        if not found:
            text, mark = initiative_text(initiatives[k], lang)
            parts.rendered(k, text, meta=mark)
        marked = marked or bool(mark)
    parts.close()
    for line in _closing(result, lang, marked):
        out.write(escape_controls(line) + "\n")


def initiative_text(r: InitiativeResult, lang: str) -> Tuple[str, bool]:
    """One initiative's part of the report, and whether it has a coverage line."""
    # One line per line: a newline in a file name or an initiative's text could otherwise
    # forge a CI log command (GitHub Actions reads `::error ...` lines on stdout too).
    lines, marked = _initiative_lines(r, lang)
    return "".join(escape_controls(line) + "\n" for line in lines), marked


def _initiative_lines(r: InitiativeResult, lang: str) -> Tuple[List[str], bool]:
    L = catalogue(lang).section("text")  # noqa: N806
    out = ["%s  %s  %s (%s)" % (r.file, r.id, r.title,
                                "%s: %s" % (L["phase"], enum("phase", r.phase, lang).lower())
                                if r.phase else L["none"])]
    marked = False
    if r.coverage:
        cells = []
        for d in DOMAINS:
            c = r.coverage.get(d)
            if c is None:
                continue
            cells.append("%s%s" % (MARKS[domain_state(r, d)], domain_name(d, lang)))
        out.append("  %s: %s" % (L["coverage"], " ".join(cells)))
        marked = bool(cells)
    if not r.findings:
        out.append("  " + L["clean"])
    out.extend(_finding(f, lang) for f in r.findings)
    out.append("")
    return out, marked


def _closing(result: RunResult, lang: str, marked: bool) -> Iterator[str]:
    """The lines after the initiatives: portfolio findings, overrides, the legend of the
    coverage marks (when a coverage line was written), the summary."""
    L = catalogue(lang).section("text")  # noqa: N806
    severity = catalogue(lang).section("severity")
    if result.portfolio_findings:
        yield L["portfolio"]
        yield from (_finding(f, lang) for f in result.portfolio_findings)
        yield ""
    if result.overrides:   # the project's decisions on single rules (.idm.yaml)
        from .labels import override_lines
        yield catalogue(lang)("packs.overrides")
        yield from ("  %s: %s" % (rid, text) for rid, text in override_lines(result, lang))
        yield ""
    if marked:
        yield "%s: %s" % (L["marks"], ", ".join(
            "%s %s" % (mark, catalogue(lang)("report.state." + state))
            for state, mark in MARKS.items()))
    s = result.summary()
    code = result.exit_code()
    verdict = L["pass"] if code == 0 else L["fail"] if code == 1 else L["unusable"]
    fail_on = result.fail_on.name if result.fail_on is not None else "never"
    line = "%s: %s (%s: %s)" % (verdict, labels.total(s, lang), L["fail_on"],
                                severity.get(fail_on, L["never"]))
    if result.baseline_used:
        line += ", %s %s" % (catalogue(lang).grouped(s["baselined"]), L["baselined"])
    if not result.initiatives:
        line += " - " + L["nothing"]
    since = since_last_line(result, lang)
    if since is not None:
        yield since
    yield line
