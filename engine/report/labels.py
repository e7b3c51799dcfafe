"""The words the CI reporters share, in English and Dutch, the display strings built from them,
and the one order in which every reporter lists findings and input errors.

Rule and finding texts arrive already translated (`Rule.title`, `Finding.message`); this table holds
only the reporters' own labels, so every language has exactly the same keys (a test checks it).
"""
from __future__ import annotations

import os
import posixpath
from typing import Mapping, Optional

from ..errors import Problem
from ..model import LANGS, Finding, Severity

LABELS = {
    "en": {
        "error": "error",
        "warning": "warning",
        "info": "info",
        "errors": "Errors",
        "warnings": "Warnings",
        "infos": "Info",
        "references": "References",
        "gate_passed": "passed",
        "gate_failed": "failed",
        "gate_error": "could not check every input",
        "gate_empty": "nothing was checked",
        "gate": "Compliance gate",
        "fail_on": "fail-on",
        "fail_on_never": "never",
        "failing": "failing findings",
        "evaluation_date": "Evaluation date",
        "initiatives": "Initiatives",
        "initiative": "Initiative",
        "title": "Title",
        "phase": "Phase",
        "phase_missing": "(not stated: initiation)",
        "waived": "Waived",
        "waived_findings": "Waived findings",
        "coverage": "Coverage",
        "domain": "Domain",
        "status": "Status",
        "severity": "Severity",
        "required": "required",
        "not_required": "not required",
        "missing": "Missing fields",
        "findings": "Findings",
        "no_findings": "No findings.",
        "rule": "Rule",
        "path": "Path",
        "location": "Location",
        "message": "Message",
        "justification": "Justification",
        "approved_by": "Approved by",
        "expires": "Expires",
        "portfolio": "Portfolio",
        "portfolio_findings": "Portfolio findings",
        "input_errors": "Input errors",
        "input_error": "input error",
        "file": "File",
        "finding_count": "%d finding(s)",
        "waived_prefix": "waived",
        "summary": "%(initiatives)d initiative(s), %(error)d error(s), %(warning)d warning(s), "
                   "%(info)d info, %(waived)d waived, %(errors)d input error(s)",
        # Domain names as the IDM names them (seed 000).
        "domain.legacy": "Legacy",
        "domain.results": "Results",
        "domain.stakeholders": "Stakeholders",
        "domain.direction": "Direction",
        "domain.design": "Design",
        "domain.operations": "Operations",
        "domain.principles": "Principles",
        "domain.cadence": "Cadence",
    },
    "nl": {
        "error": "fout",
        "warning": "waarschuwing",
        "info": "info",
        "errors": "Fouten",
        "warnings": "Waarschuwingen",
        "infos": "Informatie",
        "references": "Referenties",
        "gate_passed": "geslaagd",
        "gate_failed": "niet geslaagd",
        "gate_error": "niet alle invoer kon worden gecontroleerd",
        "gate_empty": "er is niets gecontroleerd",
        "gate": "Compliancepoort",
        "fail_on": "fail-on",
        "fail_on_never": "nooit",
        "failing": "blokkerende bevindingen",
        "evaluation_date": "Peildatum",
        "initiatives": "Initiatieven",
        "initiative": "Initiatief",
        "title": "Titel",
        "phase": "Fase",
        "phase_missing": "(niet opgegeven: initiatie)",
        "waived": "Uitgezonderd",
        "waived_findings": "Uitgezonderde bevindingen",
        "coverage": "Dekking",
        "domain": "Domein",
        "status": "Status",
        "severity": "Ernst",
        "required": "vereist",
        "not_required": "niet vereist",
        "missing": "Ontbrekende velden",
        "findings": "Bevindingen",
        "no_findings": "Geen bevindingen.",
        "rule": "Regel",
        "path": "Pad",
        "location": "Locatie",
        "message": "Melding",
        "justification": "Motivering",
        "approved_by": "Goedgekeurd door",
        "expires": "Verloopt",
        "portfolio": "Portfolio",
        "portfolio_findings": "Portfoliobevindingen",
        "input_errors": "Invoerfouten",
        "input_error": "invoerfout",
        "file": "Bestand",
        "finding_count": "%d bevinding(en)",
        "waived_prefix": "uitgezonderd",
        "summary": "%(initiatives)d initiatief/initiatieven, %(error)d fout(en), "
                   "%(warning)d waarschuwing(en), %(info)d info, %(waived)d uitgezonderd, "
                   "%(errors)d invoerfout(en)",
        "domain.legacy": "Nalatenschap",
        "domain.results": "Resultaten",
        "domain.stakeholders": "Belanghebbenden",
        "domain.direction": "Richten",
        "domain.design": "Inrichten",
        "domain.operations": "Verrichten",
        "domain.principles": "Principes",
        "domain.cadence": "Ritme",
    },
}

# Plural section headings per severity, most severe first (the order every report uses).
SEVERITY_HEADINGS = {Severity.error: "errors", Severity.warning: "warnings", Severity.info: "infos"}


def check_lang(lang: str) -> str:
    """Return `lang` if the reporters speak it; a wrong language is a caller bug, not a fallback."""
    if lang not in LANGS:
        raise ValueError("unsupported language %r; expected one of %s" % (lang, ", ".join(LANGS)))
    return lang


def label(key: str, lang: str) -> str:
    """The reporters' own word for `key` in `lang`."""
    return LABELS[lang][key]


def text(value: Optional[Mapping[str, str]], lang: str) -> str:
    """Pick `lang` from an {en, nl} text; fall back to English, then to any language, then ''.

    Rule packs are required to carry both languages, but a report must never crash on a gap.
    """
    if not value:
        return ""
    for key in (lang, "en"):
        if value.get(key):
            return value[key]
    return next((v for v in value.values() if v), "")


def domain_name(domain: str, lang: str) -> str:
    """The IDM name of a domain in `lang`, or the key itself for a domain the table lacks."""
    return LABELS[lang].get("domain." + domain, domain)


def relative_path(file: str) -> str:
    """`file` relative to the working directory with POSIX separators, as CI systems expect.

    A file outside the working directory (or on another Windows drive) keeps its absolute path,
    because a `../` path means nothing to a code-scanning upload.
    """
    if not file:
        return ""
    try:
        rel = os.path.relpath(os.path.abspath(file))
    except ValueError:  # another drive on Windows
        return file.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return os.path.abspath(file).replace(os.sep, "/")
    return posixpath.normpath(rel.replace(os.sep, "/"))


def position(file: str, line: Optional[int], column: Optional[int] = None) -> str:
    """`file:line:col` as editors and CI logs link it; parts that are unknown are left out."""
    where = relative_path(file)
    if line is not None:
        where += ":%d" % line
        if column is not None:
            where += ":%d" % column
    return where


def finding_order(finding: Finding) -> tuple:
    """Sort key shared by the reporters: (file, line, column, rule, path) as style.md section 3
    asks, on the displayed (relative) file, with the initiative last to break ties."""
    return (relative_path(finding.file), finding.line or 0, finding.column or 0,
            finding.rule, finding.path, finding.initiative or "")


def problem_order(problem: Problem) -> tuple:
    """Sort key for input errors, by position first like findings."""
    return (relative_path(problem.file), problem.line or 0, problem.column or 0,
            problem.path, problem.message)
