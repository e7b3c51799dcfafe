"""SARIF 2.1.0 for code-scanning uploads (GitHub, GitLab, Azure DevOps).

One run; every loaded rule in `tool.driver.rules`; one result per finding, waived ones carrying an
external suppression; input errors as tool execution notifications.  The output is deterministic
(no timestamps, no absolute working directory, everything sorted) so it can be kept as a golden
file.
"""
from __future__ import annotations

import hashlib
import json
import re
import textwrap
from typing import Any, Dict, List, Optional, TextIO
from urllib.parse import quote

from ..errors import Problem
from ..model import Finding, Rule, RunResult, Severity
from . import labels

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
INFORMATION_URI = "https://idm.example/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "idm/v1"

LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def render(result: RunResult, lang: str = "en") -> str:
    """Render `result` as a SARIF 2.1.0 log (JSON text, newline-terminated) in `lang`."""
    labels.check_lang(lang)
    return json.dumps(build_log(result, lang), indent=2, ensure_ascii=False) + "\n"


def write(result: RunResult, out: TextIO, lang: str = "en") -> None:
    """The same text as `render`, written one result at a time: the log around the results is
    dumped with none, and the results, in report order, go between (each dumped alone and
    indented to its place, which is what one dump of the whole log writes)."""
    labels.check_lang(lang)
    log = build_log(result, lang, with_results=False)
    text = json.dumps(log, indent=2, ensure_ascii=False)
    head, tail = text.split(_EMPTY_RESULTS, 1)
    out.write(head + _EMPTY_RESULTS[:-1])
    index = _rule_index(result)
    first = True
    for f in labels.ordered_findings(result):
        item = json.dumps(_result(f, index, lang, result.baseline_used), indent=2,
                          ensure_ascii=False)
        out.write(("\n" if first else ",\n") + textwrap.indent(item, " " * 8))
        first = False
    out.write(("]" if first else "\n      ]") + tail + "\n")


_EMPTY_RESULTS = '\n      "results": []'   # where the run's results go (runs[0], indent 2)


def _rule_index(result: RunResult) -> Dict[str, int]:
    return {rule_id: i for i, rule_id in enumerate(sorted(result.rules))}


def build_log(result: RunResult, lang: str = "en", with_results: bool = True) -> Dict[str, Any]:
    """The SARIF log as plain data, for callers (and tests) that want to inspect it."""
    rules = [result.rules[rule_id] for rule_id in sorted(result.rules)]
    index = _rule_index(result)
    findings = sorted(result.all_findings(), key=labels.finding_order) if with_results else []
    errors = sorted(result.errors, key=labels.problem_order)
    run: Dict[str, Any] = {
        "tool": {"driver": {
            "name": "idm",
            "version": result.tool_version,
            "informationUri": INFORMATION_URI,
            "language": lang,
            "rules": [_descriptor(rule, lang) for rule in rules],
        }},
        "invocations": [_invocation(errors)],
        "language": lang,
        # PyYAML marks count code points, not UTF-16 units (SARIF's default).
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, lang, result.baseline_used) for f in findings],
        "properties": {"evaluationDate": result.date,
                       "failOn": result.fail_on.name if result.fail_on is not None else None},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def fingerprint(finding: Finding) -> str:
    """sha256 of rule id, relative file, initiative id and field path.

    Line and column are left out on purpose, so a finding keeps its identity when lines above it
    move; the NUL separators keep ("A", "BC") and ("AB", "C") apart.
    """
    parts = (finding.rule, labels.relative_path(finding.file), finding.initiative or "",
             finding.path)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _descriptor(rule: Rule, lang: str) -> Dict[str, Any]:
    remediation = labels.text(rule.remediation, lang)
    text_refs = ["- %s%s" % (ref.title, " <%s>" % ref.url if ref.url else "")
                 for ref in rule.references]
    md_refs = ["- %s" % (_md_link(ref.title, ref.url) if ref.url else _md_escape(ref.title))
               for ref in rule.references]
    heading = labels.label("references", lang)
    help_text, help_md = remediation, _md_escape(remediation)
    if rule.references:
        help_text += "\n\n%s:\n%s" % (heading, "\n".join(text_refs))
        help_md += "\n\n**%s**\n\n%s" % (heading, "\n".join(md_refs))
    descriptor: Dict[str, Any] = {
        "id": rule.id,
        "name": _pascal_name(rule),
        "shortDescription": {"text": labels.text(rule.title, lang)},
        "fullDescription": {"text": labels.text(rule.rationale, lang)},
        "help": {"text": help_text.strip(), "markdown": help_md.strip()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category, rule.domain]},
    }
    url = next((ref.url for ref in rule.references if ref.url), None)
    if url:
        descriptor["helpUri"] = url
    return descriptor


def _result(finding: Finding, index: Dict[str, int], lang: str,
            baseline_used: bool = False) -> Dict[str, Any]:
    out: Dict[str, Any] = {"ruleId": finding.rule}
    # A finding of a rule missing from RunResult.rules would be an engine bug; still report it
    # rather than point ruleIndex at the wrong descriptor.
    if finding.rule in index:
        out["ruleIndex"] = index[finding.rule]
    out["level"] = LEVELS[finding.severity]
    out["message"] = {"text": labels.text(finding.message, lang)}
    location: Dict[str, Any] = {}
    physical = _physical(finding.file, finding.line, finding.column)
    if physical:
        location["physicalLocation"] = physical
    if finding.initiative is None:
        location["logicalLocations"] = [{"name": "portfolio", "kind": "module"}]
    else:
        # The field path is the logical location; the initiative rides along as a property
        # because a SARIF location's logical locations are alternatives, not a hierarchy.
        logical: Dict[str, Any] = {
            "name": _leaf(finding.path) if finding.path else finding.initiative}
        if finding.path:
            logical["fullyQualifiedName"] = finding.path
        logical["kind"] = "property"
        logical["properties"] = {"initiative": finding.initiative}
        location["logicalLocations"] = [logical]
    out["locations"] = [location]
    out["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding)}
    if baseline_used:
        # Only a run compared with a --baseline report knows what is new (SARIF 3.27.24).
        out["baselineState"] = "unchanged" if finding.baselined else "new"
    if finding.waiver is not None:
        out["suppressions"] = [{
            "kind": "external",
            "status": "accepted",
            "justification": finding.waiver.justification,
            "properties": {"approvedBy": finding.waiver.approved_by,
                           "expires": finding.waiver.expires,
                           "exceptionIndex": finding.waiver.index},
        }]
    properties: Dict[str, Any] = {"category": finding.category, "domain": finding.domain}
    if finding.initiative is not None:
        properties["initiative"] = finding.initiative
    out["properties"] = properties
    return out


def _invocation(errors: List[Problem]) -> Dict[str, Any]:
    invocation: Dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [_notification(p) for p in errors]
    return invocation


def _notification(problem: Problem) -> Dict[str, Any]:
    message = "%s: %s" % (problem.path, problem.message) if problem.path else problem.message
    note: Dict[str, Any] = {"level": "error", "message": {"text": message},
                            "descriptor": {"id": "input-error"}}
    location: Dict[str, Any] = {}
    physical = _physical(problem.file, problem.line, problem.column)
    if physical:
        location["physicalLocation"] = physical
    if problem.path:
        location["logicalLocations"] = [{"name": _leaf(problem.path),
                                         "fullyQualifiedName": problem.path, "kind": "property"}]
    if location:
        note["locations"] = [location]
    return note


def _physical(file: str, line: Optional[int], column: Optional[int]) -> Optional[Dict[str, Any]]:
    if not file:
        return None
    rel = labels.relative_path(file)
    if rel.startswith("/") or re.match(r"^[A-Za-z]:/", rel):
        # Outside the working directory: an absolute file URI, which needs no base.
        artifact = {"uri": "file://" + ("" if rel.startswith("/") else "/") + quote(rel)}
    else:
        artifact = {"uri": quote(rel), "uriBaseId": SRCROOT}
    physical: Dict[str, Any] = {"artifactLocation": artifact}
    if line is not None and line >= 1:
        region = {"startLine": line}
        if column is not None and column >= 1:
            region["startColumn"] = column
        physical["region"] = region
    return physical


def _leaf(path: str) -> str:
    """The last step of a field path: `design.privacy.dpia` -> `dpia`; `stakeholders[1]` stays."""
    return path.rsplit(".", 1)[-1]


def _pascal_name(rule: Rule) -> str:
    """SARIF wants a readable, language-neutral identifier: the English title in PascalCase."""
    words = re.findall(r"[A-Za-z0-9]+", labels.text(rule.title, "en"))
    return "".join(w[:1].upper() + w[1:] for w in words) or rule.id


def _md_escape(value: str) -> str:
    # Only what would change the meaning of prose in a help panel: link and emphasis syntax.
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", value)


def _md_link(title: str, url: str) -> str:
    # Parentheses and spaces would end the link destination early.
    safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return "[%s](%s)" % (_md_escape(title), safe)
