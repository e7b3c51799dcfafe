"""What the reporters share: their labels (from engine.i18n) in the report's language, the
display strings built from them, and the one order in which every reporter lists findings and
input errors.

Rule texts carry both languages (`Rule.title`); a finding's message is rendered in the report's
language when it is read (`Finding.message[lang]`).
"""
from __future__ import annotations

import heapq
import itertools
import os
import posixpath
from typing import Iterator, List, Mapping, Optional, Sequence, Tuple

from ..errors import Problem
from ..i18n import LANGS, catalogue, known, number
from ..i18n import long_date as i18n_long_date
from ..model import Finding, RunResult, Severity


# Plural section headings per severity, most severe first (the order every report uses).
SEVERITY_HEADINGS = {Severity.error: "errors", Severity.warning: "warnings", Severity.info: "infos"}


def check_lang(lang: str) -> str:
    """Return `lang` if the reporters speak it; a wrong language is a caller bug, not a fallback."""
    if not known(lang):
        raise ValueError("unsupported language %r; expected one of %s" % (lang, ", ".join(LANGS)))
    return lang


def label(key: str, lang: str) -> str:
    """The reporters' own word for `key` in `lang`."""
    return catalogue(lang)("report." + key)


def plural(key: str, n: int, lang: str) -> str:
    """The reporters' own `key` in the plural form for `n`, formatted with `n` as the language
    writes it (thousands grouped from 10,000 on)."""
    text = raw_plural(key, n, lang)
    return text.replace(str(n), number(n, lang), 1) if abs(n) >= 10000 else text


def raw_plural(key: str, n: int, lang: str) -> str:
    """`key` for `n` with `n` as digits only: what the JUnit report has always written."""
    return catalogue(lang).plural("report." + key, n) % n


class Words:
    """The reporters' words in one language, for templates: `L(key)`, and `L.n(key, count)`
    for a count in its plural form."""

    __slots__ = ("lang",)

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str) -> str:
        return label(key, self.lang)

    def n(self, key: str, count: int) -> str:
        return plural(key, count, self.lang)

    def short(self, key: str) -> str:
        """`key` as it fits a narrow column (soft hyphens where it may break)."""
        return short_label(key, self.lang)


def total(s: Mapping[str, object], lang: str) -> str:
    """The run's one total, worded alike in every report: '13 initiatives, 76 findings (11
    errors, 62 warnings, 2 info), 1 waived, 0 input errors' (`s`: RunResult.summary())."""
    words = catalogue(lang)
    by_severity: Mapping[str, int] = s["by_severity"]  # type: ignore[assignment]
    c: Mapping[str, int] = s  # type: ignore[assignment]

    def count(n: int, noun: str) -> str:
        return "%s %s" % (words.grouped(n), words.plural("noun." + noun, n))

    def severity(n: int, name: str) -> str:
        return (words.plural("report.count." + name, n) % n).replace(str(n), words.grouped(n), 1)

    return "%s, %s (%s), %s %s, %s" % (
        count(c["initiatives"], "initiative"), count(c["findings"], "finding"),
        ", ".join(severity(k, sev) for sev, k in by_severity.items()),
        words.grouped(c["waived"]), words("text.waived"), count(c["errors"], "error"))


def text(value: Optional[Mapping[str, str]], lang: str) -> str:
    """Pick `lang` from an {en, nl} text; fall back to English, then to any language, then ''.

    Rule packs are required to carry both languages, but a report must never crash on a gap.
    """
    return catalogue(lang).pick(value)


def since_last_line(result: RunResult, lang: str) -> Optional[str]:
    """The --since-last line of the text, Markdown and HTML reports; None without the option."""
    s = result.since_last
    if s is None:
        return None
    if s.run is None:
        return label("since_last_none", lang)
    line = label("since_last", lang) % {"run": s.run, "at": s.recorded_at, "new": s.new,
                                        "resolved": s.resolved}
    extra = [plural(k, n, lang) for k, n in (("since_last_added", s.added),
                                             ("since_last_missing", s.missing)) if n]
    return line + ("; " + ", ".join(extra) if extra else "")


def domain_name(domain: str, lang: str) -> str:
    """The IDM name of a domain in `lang`, or the key itself for a domain the table lacks."""
    return catalogue(lang).get("report.domain." + domain) or domain


def relative_path(file: str, base: Optional[str] = None) -> str:
    """`file` relative to `base` (default: the working directory) with POSIX separators, as CI
    systems expect.

    A file outside `base` (or on another Windows drive) keeps its absolute path, because a `../`
    path means nothing to a code-scanning upload.
    """
    if not file:
        return ""
    try:
        rel = os.path.relpath(os.path.abspath(file), base)
    except ValueError:  # another drive on Windows
        return file.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return os.path.abspath(file).replace(os.sep, "/")
    return posixpath.normpath(rel.replace(os.sep, "/"))


def repository_root(start: Optional[str] = None) -> str:
    """The root of the git work tree holding `start` (default: the working directory), or
    `start` itself outside git.

    Found by looking for `.git` (a folder, or a file in a linked work tree or submodule) rather
    than by running git, so a report needs no git executable.
    """
    here = os.path.abspath(start or os.getcwd())
    folder = here
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return here
        folder = parent


def heading_anchor(text: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to
    hyphens (how the rule catalogue pages are linked)."""
    kept = "".join(c for c in text.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def position(file: str, line: Optional[int], column: Optional[int] = None) -> str:
    """`file:line:col` as editors and CI logs link it; parts that are unknown are left out."""
    where = relative_path(file)
    if line is not None:
        where += ":%d" % line
        if column is not None:
            where += ":%d" % column
    return where


def finding_order(finding: Finding) -> tuple:
    """Sort key shared by the reporters: (file, line, column, rule, path) as docs/design/style.md
    asks, on the displayed (relative) file, with the initiative last to break ties."""
    return (relative_path(finding.file), finding.line or 0, finding.column or 0,
            finding.rule, finding.path, finding.initiative or "")


def report_order(result: RunResult) -> List[int]:
    """The indices of the run's initiatives in the order of their displayed files (one pass
    over the run; a large run reads its results back from disk for it)."""
    inits = result.initiatives
    return sorted(range(len(inits)), key=lambda k: (relative_path(inits[k].file), k))


def ordered_findings(result: RunResult, order: Optional[Sequence[int]] = None,
                     portfolio: bool = True) -> Iterator[Finding]:
    """The findings of a run in `finding_order`, as one sort of `RunResult.all_findings()`
    gives them, holding one file's findings at a time.

    Every finding of an initiative carries its file, so the initiatives go in the order of their
    displayed files (`order`, from `report_order`); initiatives that share a displayed file are
    merged, and so are the portfolio-level findings (left out with `portfolio=False`).
    """
    inits = result.initiatives
    order = report_order(result) if order is None else order

    def per_file() -> Iterator[Finding]:
        for _, group in itertools.groupby(((relative_path(inits[k].file), inits[k])
                                           for k in order), key=lambda pair: pair[0]):
            runs = [sorted(r.findings, key=finding_order) for _, r in group]
            yield from runs[0] if len(runs) == 1 else heapq.merge(*runs, key=finding_order)

    if not portfolio or not result.portfolio_findings:
        return per_file()
    return heapq.merge(per_file(), sorted(result.portfolio_findings, key=finding_order),
                       key=finding_order)


def problem_order(problem: Problem) -> tuple:
    """Sort key for input errors, by position first like findings."""
    return (relative_path(problem.file), problem.line or 0, problem.column or 0,
            problem.path, problem.message)


def enum(prefix: str, value: object, lang: str, fallback: Optional[str] = None) -> str:
    """The word for an enumerated value (phase, decision, level, theme, ...) in `lang`; a value
    the table lacks is shown as written (or as `fallback`)."""
    found = catalogue(lang).get("report.%s.%s" % (prefix, value))
    if found is not None:
        return found
    return str(value) if fallback is None else fallback


def long_date(value: object, lang: str) -> str:
    """An ISO date as `lang` writes it in full ("22 November 2026" / "22 november 2026")."""
    return i18n_long_date(str(value), lang)


def domain_short(domain: str, lang: str) -> str:
    """A domain name that fits a narrow column (soft hyphen where a word is long)."""
    return catalogue(lang).get("short." + domain) or domain_name(domain, lang)


def short_label(key: str, lang: str) -> str:
    """A label that fits a narrow column (soft hyphen where a word is long)."""
    return catalogue(lang).get("short." + key) or label(key, lang)



def override_lines(result: RunResult, lang: str) -> List[Tuple[str, str]]:
    """(rule id, one line: what changed, the reason, who approved it, until) of each project
    override, for the reports that list them."""
    words = catalogue(lang).section("packs")
    out = []
    for o in result.overrides:
        if not o.enabled:
            what = words["override_disabled"]
        else:
            what = words["override_severity"] % {
                "default": label(o.default.name, lang),
                "severity": label(o.severity.name if o.severity else o.default.name,
                                         lang)}
        parts = [what, o.reason, words["approved_by"] % o.approved_by]
        if o.until:
            parts.append(words["override_until"] % o.until)
        if o.lapsed:
            parts.append(words["override_lapsed_short"])
        out.append((o.rule, "; ".join(parts)))
    return out
