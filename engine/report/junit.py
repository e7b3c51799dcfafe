"""JUnit XML in the dialect GitLab, Jenkins and Azure DevOps all read, valid against the Jenkins
xunit plugin's junit-10.xsd (the strictest of them; tests validate every report against it).

Mapping: one <testsuite> per initiative, one <testcase> per rule evaluated on it.  A rule fails
when it has unwaived findings at or above `fail_on`; findings below the threshold pass with the
details in <system-out>; a rule whose findings are all waived is <skipped>.  Portfolio-level
findings get a "portfolio" suite and input errors an "input-errors" suite of <error> cases
(the check could not run, which JUnit calls an error, not a failure).  No timestamps or
durations, so the output is deterministic.

Test names are what a CI server tracks a test's history by, so they never depend on --lang: a
case is named by its rule id and its class by the initiative id (`idm.<id>`); the rule's title
goes into the failure or skip message.
"""
from __future__ import annotations

import itertools
import re
import shutil
import xml.etree.ElementTree as ET
from typing import Dict, Iterable, List, Optional, Sequence, TextIO

from ..errors import Problem
from ..model import Finding, InitiativeResult, RunResult
from . import labels
from .options import ReportOptions

# XML 1.0 cannot carry most C0 control characters, even escaped; a stray one in a YAML string
# would make the whole report unreadable to the CI server.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_COUNTS = ("tests", "failures", "errors", "skipped")


def render(result: RunResult, lang: str = "en",
           options: Optional[ReportOptions] = None) -> str:
    """Render `result` as a JUnit XML document (text with an XML declaration) in `lang`."""
    labels.check_lang(lang)
    root = build_tree(result, lang)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """The text of `render`, written one suite at a time, so a large run's findings are never
    all in memory.  A first pass over the initiatives puts them in order; the second builds each
    suite once, counts it and keeps its text in a temporary file (in memory up to 1 MB, then on
    disk) until the root element, which carries the totals, has been written."""
    import tempfile

    labels.check_lang(lang)
    inits = result.initiatives
    keys = sorted((initiative.id, initiative.file, k) for k, initiative in enumerate(inits))
    tail = ET.Element("testsuites")
    _run_suites(tail, result, lang)
    if not keys and not len(tail):
        out.write(render(result, lang))
        return
    totals = dict.fromkeys(_COUNTS, 0)
    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8",
                                       newline="") as suites:
        for suite in itertools.chain(
                (_initiative_suite(ET.Element("testsuites"), result, inits[k], lang)
                 for _, _, k in keys), tail):
            _add(totals, suite)
            ET.indent(suite, space="  ", level=1)
            suite.tail = None
            suites.write("\n  " + ET.tostring(suite, encoding="unicode"))
        root = ET.Element("testsuites", {"name": "idm"})
        # junit-10.xsd allows no `skipped` on <testsuites>; each <testsuite> carries its own.
        for key in _COUNTS[:-1]:
            root.set(key, str(totals[key]))
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  + ET.tostring(root, encoding="unicode").replace(" />", ">"))
        suites.seek(0)
        shutil.copyfileobj(suites, out)
    out.write("\n</testsuites>\n")


def build_tree(result: RunResult, lang: str = "en") -> ET.Element:
    """The <testsuites> element, before indentation."""
    root = ET.Element("testsuites", {"name": "idm"})
    for initiative in sorted(result.initiatives, key=lambda r: (r.id, r.file)):
        _initiative_suite(root, result, initiative, lang)
    _run_suites(root, result, lang)
    for suite in root:
        _count(suite)
    # junit-10.xsd allows no `skipped` on <testsuites>; each <testsuite> carries its own.
    for key in _COUNTS[:-1]:
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    return root


def _add(totals: Dict[str, int], suite: ET.Element) -> None:
    _count(suite)
    for key in _COUNTS:
        totals[key] += int(suite.get(key, "0"))


def _initiative_suite(root: ET.Element, result: RunResult, initiative: InitiativeResult,
                      lang: str) -> ET.Element:
    # A finding of a rule missing from rules_evaluated would otherwise vanish from the report.
    rule_ids = sorted(set(initiative.rules_evaluated) | {f.rule for f in initiative.findings})
    suite = _suite(root, initiative.id, initiative.file)
    props = ET.SubElement(suite, "properties")
    _prop(props, "title", initiative.title)
    _prop(props, "phase", initiative.phase or "")
    _prop(props, "file", labels.relative_path(initiative.file))
    for rule_id, text in labels.override_lines(result, lang):   # .idm.yaml decisions, in every suite
        _prop(props, "idm.override." + rule_id, text)
    for rule_id in rule_ids:
        findings = [f for f in initiative.findings if f.rule == rule_id]
        _rule_case(suite, result, "idm." + initiative.id, rule_id, findings,
                   initiative.file, lang)
    return suite


def _run_suites(root: ET.Element, result: RunResult, lang: str) -> None:
    """The suites after the initiatives': portfolio-level findings, input errors."""
    if result.portfolio_findings:
        suite = _suite(root, "portfolio", "")
        for rule_id in sorted({f.rule for f in result.portfolio_findings}):
            findings = [f for f in result.portfolio_findings if f.rule == rule_id]
            _rule_case(suite, result, "idm.portfolio", rule_id, findings, "", lang)
    if result.errors:
        suite = _suite(root, "input-errors", "")
        _error_cases(suite, result.errors, lang)


def _suite(root: ET.Element, name: str, file: str) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", {"name": _clean(name)})
    if file:
        suite.set("file", _clean(labels.relative_path(file)))
    return suite


def _prop(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, "property", {"name": name, "value": _clean(value)})


def _rule_case(suite: ET.Element, result: RunResult, classname: str, rule_id: str,
               findings: List[Finding], file: str, lang: str) -> None:
    rule = result.rules.get(rule_id)
    title = labels.text(rule.title, lang) if rule else ""
    # junit-10.xsd has no `file` on <testcase>: the suite names the file.
    case = ET.SubElement(suite, "testcase", {"classname": _clean(classname),
                                             "name": _clean(rule_id)})
    findings = sorted(findings, key=labels.finding_order)
    unwaived = [f for f in findings if not f.waived]
    failing = [f for f in unwaived if result.fail_on is not None and not f.baselined
               and f.severity >= result.fail_on]
    others = [f for f in findings if f not in failing]
    if failing:
        worst = max(f.severity for f in failing)
        failure = ET.SubElement(case, "failure", {
            "message": _clean(_titled(title, _summary(failing, lang))),
            "type": worst.name,
        })
        failure.text = _clean(_lines(failing, lang))
    elif findings and not unwaived:
        justifications = _unique(f.waiver.justification for f in findings if f.waiver)
        message = "%s: %s" % (labels.label("waived_prefix", lang), "; ".join(justifications))
        ET.SubElement(case, "skipped", {"message": _clean(_titled(title, message))})
        return
    if others:
        # Below-threshold and waived findings still deserve to be seen next to the verdict.
        ET.SubElement(case, "system-out").text = _clean(_lines(others, lang))


def _error_cases(suite: ET.Element, errors: Sequence[Problem], lang: str) -> None:
    seen: Dict[str, int] = {}
    for problem in sorted(errors, key=labels.problem_order):
        name = labels.position(problem.file, problem.line, problem.column)
        if problem.path:
            name += " " + problem.path
        # CI servers merge test cases with the same name; keep every error visible.
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name += " (%d)" % seen[name]
        case = ET.SubElement(suite, "testcase",
                             {"classname": "idm.input-errors", "name": _clean(name)})
        error = ET.SubElement(case, "error", {"message": _clean(problem.text(lang)),
                                              "type": "input-error"})
        error.text = _clean(_problem_line(problem, lang))


def _count(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    # Attribute order matters to nobody but human readers: name first, then the counts.
    attrs = dict(suite.attrib)
    suite.attrib.clear()
    for key in ("name",) + _COUNTS:
        suite.set(key, attrs.pop(key))
    suite.attrib.update(attrs)


def _titled(title: str, message: str) -> str:
    return "%s: %s" % (title, message) if title else message


def _summary(findings: List[Finding], lang: str) -> str:
    first = labels.text(findings[0].message, lang)
    if len(findings) == 1:
        return first
    return "%s: %s" % (labels.raw_plural("finding_count", len(findings), lang), first)


def _lines(findings: Iterable[Finding], lang: str) -> str:
    out = []
    for f in findings:
        where = labels.position(f.file, f.line, f.column) or labels.label("portfolio", lang)
        line = "[%s] %s (%s): %s" % (labels.label(f.severity.name, lang), f.path or "-", where,
                                     labels.text(f.message, lang))
        if f.waiver is not None:
            line += " [%s: %s]" % (labels.label("waived_prefix", lang), f.waiver.justification)
        if f.baselined:
            line += " [%s]" % labels.label("baselined", lang)
        out.append(line)
    return "\n".join(out)


def _problem_line(problem: Problem, lang: str) -> str:
    return str(Problem(labels.relative_path(problem.file), problem.text(lang), problem.line,
                       problem.column, problem.path))


def _unique(values: Iterable[str]) -> List[str]:
    out: List[str] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def _clean(value: Optional[str]) -> str:
    return _INVALID_XML.sub("\ufffd", value or "")
