"""The terminal report: findings grouped by initiative, then a one-line summary."""
from __future__ import annotations

from typing import Iterator, Optional, TextIO

from ..errors import escape_controls
from ..i18n import catalogue
from ..model import DOMAINS, Finding, RunResult
from . import labels
from .labels import domain_name, enum, long_date, since_last_line
from .options import ReportOptions
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
    return "".join(escape_controls(line) + "\n" for line in lines(result, lang))


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    # One line per line: a newline in a file name or an initiative's text could otherwise
    # forge a CI log command (GitHub Actions reads `::error ...` lines on stdout too).
    for line in lines(result, lang):
        out.write(escape_controls(line) + "\n")


def lines(result: RunResult, lang: str = "en") -> Iterator[str]:
    """The report line by line: a large portfolio's report is written, never held whole."""
    L = catalogue(lang).section("text")  # noqa: N806
    severity = catalogue(lang).section("severity")
    marked = False   # whether a coverage line was written: then the marks are explained
    for r in result.initiatives:
        yield "%s  %s  %s (%s)" % (r.file, r.id, r.title,
                                   "%s: %s" % (L["phase"], enum("phase", r.phase, lang).lower())
                                   if r.phase else L["none"])
        if r.coverage:
            cells = []
            for d in DOMAINS:
                c = r.coverage.get(d)
                if c is None:
                    continue
                cells.append("%s%s" % (MARKS[domain_state(r, d)], domain_name(d, lang)))
            yield "  %s: %s" % (L["coverage"], " ".join(cells))
            marked = marked or bool(cells)
        if not r.findings:
            yield "  " + L["clean"]
        yield from (_finding(f, lang) for f in r.findings)
        yield ""
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
