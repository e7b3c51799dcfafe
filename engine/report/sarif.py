"""SARIF 2.1.0 for code-scanning uploads (GitHub, GitLab, Azure DevOps).

One run; every loaded rule in `tool.driver.rules`, each with a `helpUri` to its page of the rule
catalogue; one result per finding, waived ones carrying an external suppression; input errors as
tool execution notifications.  The output is deterministic (no timestamps, no absolute working
directory, everything sorted) so it can be kept as a golden file.

Files are named relative to the root of the git work tree the check runs in (outside git: the
working directory) under the base id `%SRCROOT%`, which `originalUriBaseIds` declares; the same
files checked from anywhere give the same URIs.  GitHub code scanning shows 5,000 results of a
run: beyond `ReportOptions.sarif_max_results` the least important results are left out (errors
are kept first) and the run's `properties` say how many.
"""
from __future__ import annotations

import hashlib
import json
import re
import textwrap
from typing import Any, Dict, Iterable, List, Optional, TextIO, Tuple
from urllib.parse import quote

from ..errors import Problem
from ..i18n import said
from ..model import Finding, Rule, RunResult, Severity
from . import labels
from .options import ReportOptions

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
INFORMATION_URI = "https://idm.example/"
SRCROOT = "%SRCROOT%"
# v2: rule, initiative id and field path only (v1 also hashed the file's path).
FINGERPRINT_KEY = "idm/v2"

LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def render(result: RunResult, lang: str = "en", options: Optional[ReportOptions] = None) -> str:
    """Render `result` as a SARIF 2.1.0 log (JSON text, newline-terminated) in `lang`."""
    labels.check_lang(lang)
    return json.dumps(build_log(result, lang, options), indent=2, ensure_ascii=False) + "\n"


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """The text of `render`, written one result at a time, so a large run's findings are never
    all in memory.  Two passes over the findings in report order: the first counts what the
    results limit keeps, the second writes the kept results between the two halves of the log
    dumped without them, each indented to its place (what one dump of the whole log writes)."""
    labels.check_lang(lang)
    options = options or ReportOptions()
    root = labels.repository_root()
    order = labels.report_order(result)
    selection = Selection(labels.ordered_findings(result, order), options.sarif_max_results,
                          root)
    log = _log(result, lang, options, root, selection, [])
    head, tail = json.dumps(log, indent=2, ensure_ascii=False).split(_EMPTY_RESULTS, 1)
    out.write(head + _EMPTY_RESULTS[:-1])
    index = _rule_index(result)
    first = True
    for finding in labels.ordered_findings(result, order):
        if selection.keep(finding):
            item = json.dumps(_result(finding, index, lang, root, result.baseline_used),
                              indent=2, ensure_ascii=False)
            out.write(("\n" if first else ",\n") + textwrap.indent(item, " " * 8))
            first = False
    out.write(("]" if first else "\n      ]") + tail + "\n")


# Where the run's results go in the dumped log (runs[0] is indented by 6).
_EMPTY_RESULTS = '\n      "results": []'


def build_log(result: RunResult, lang: str = "en", options: Optional[ReportOptions] = None
              ) -> Dict[str, Any]:
    """The SARIF log as plain data, for callers (and tests) that want to inspect it."""
    options = options or ReportOptions()
    root = labels.repository_root()
    findings = sorted(result.all_findings(), key=labels.finding_order)
    selection = Selection(findings, options.sarif_max_results, root)
    index = _rule_index(result)
    results = [_result(f, index, lang, root, result.baseline_used)
               for f in findings if selection.keep(f)]
    return _log(result, lang, options, root, selection, results)


def _rule_index(result: RunResult) -> Dict[str, int]:
    return {rule_id: i for i, rule_id in enumerate(sorted(result.rules))}


def _log(result: RunResult, lang: str, options: ReportOptions, root: str,
         selection: "Selection", results: List[Dict[str, Any]]) -> Dict[str, Any]:
    rules = [result.rules[rule_id] for rule_id in sorted(result.rules)]
    errors = sorted(result.errors, key=labels.problem_order)
    notifications = [_notification(p, root, lang) for p in errors]
    run: Dict[str, Any] = {
        "tool": {"driver": {
            "name": "idm",
            "version": result.tool_version,
            "informationUri": INFORMATION_URI,
            "language": lang,
            "rules": [_descriptor(rule, lang, options.rules_doc_url,
                                  result.severity_defaults().get(rule.id)) for rule in rules],
        }, **_extensions(result)},
        "invocations": [_invocation(notifications, _overrides(result, _rule_index(result)))],
    }
    if selection.uses_base or _uses_base(notifications):
        root = labels.label("srcroot_description", lang)
        run["originalUriBaseIds"] = {SRCROOT: {"description": {"text": root}}}
    run.update({
        "language": lang,
        # PyYAML marks count code points, not UTF-16 units (SARIF's default).
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"evaluationDate": result.date,
                       "failOn": result.fail_on.name if result.fail_on is not None else None},
    })
    dropped = selection.total - selection.kept
    if dropped:
        # The run's property is in English, as all of SARIF's properties; the notice on stderr
        # is in the report's language.
        said_dropped = said("sarif.dropped", dropped=dropped, total=selection.total,
                            limit=options.sarif_max_results)
        note = said_dropped.text("en")
        run["properties"].update({"resultsTotal": selection.total, "resultsDropped": dropped,
                                  "resultsLimit": options.sarif_max_results, "note": note})
        options.notices.append(said("sarif.notice", note=said_dropped).text(lang))
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class Selection:
    """Which findings a run of at most `limit` results keeps (0: all), decided from counts.

    What counts comes first: unwaived findings not in the baseline, by severity (errors first),
    then the waived and baselined ones; within a class, the first in report order.  Built from
    the findings in report order; `keep` is then asked once per finding, in the same order.
    """

    def __init__(self, findings: Iterable[Finding], limit: int, root: str):
        counts: Dict[Tuple[bool, int], int] = {}
        # Per class, the place of its first finding whose location uses %SRCROOT%.
        first_base: Dict[Tuple[bool, int], int] = {}
        base = _BaseCheck(root)
        for f in findings:
            key = _importance(f)
            n = counts.get(key, 0)
            if key not in first_base and base(f.file):
                first_base[key] = n
            counts[key] = n + 1
        self.total = sum(counts.values())
        room = limit if limit and self.total > limit else self.total
        self._take: Dict[Tuple[bool, int], int] = {}
        for key in sorted(counts):
            self._take[key] = min(counts[key], room)
            room -= self._take[key]
        self.kept = sum(self._take.values())
        self.uses_base = any(first_base.get(key, n) < n for key, n in self._take.items())
        self._seen: Dict[Tuple[bool, int], int] = {}

    def keep(self, finding: Finding) -> bool:
        key = _importance(finding)
        n = self._seen.get(key, 0)
        self._seen[key] = n + 1
        return n < self._take.get(key, 0)


def _importance(finding: Finding) -> Tuple[bool, int]:
    return (finding.waived or finding.baselined, -int(finding.severity))


class _BaseCheck:
    """Whether a finding's file is named under %SRCROOT% (see `_artifact`), remembered for the
    last file: an initiative's findings come together."""

    def __init__(self, root: str):
        self._root, self._file, self._answer = root, None, False

    def __call__(self, file: str) -> bool:
        if file != self._file:
            self._file = file
            self._answer = bool(file) and "uriBaseId" in _artifact(file, self._root)
        return self._answer


def fingerprint(finding: Finding) -> str:
    """sha256 of rule id, initiative id and field path.

    The file's path and the line are left out on purpose: a finding keeps its identity when lines
    above it move, when the file is renamed, and wherever the check runs from.  The NUL
    separators keep ("A", "BC") and ("AB", "C") apart.
    """
    parts = (finding.rule, finding.initiative or "", finding.path)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def help_uri(rule: Rule, base: str) -> str:
    """The rule's section in the catalogue `idm rules docs` writes: one page per category,
    a heading per rule (English titles, as in docs/rules/)."""
    anchor = labels.heading_anchor("%s %s" % (rule.id, labels.text(rule.title, "en")))
    if not base.endswith("/"):
        base += "/"
    return "%s%s.md#%s" % (base, quote(rule.category), quote(anchor))


def _uses_base(objects: List[Dict[str, Any]]) -> bool:
    return any(loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uriBaseId")
               for o in objects for loc in o.get("locations", ()))


def _descriptor(rule: Rule, lang: str, doc_url: str, default: Optional[Severity] = None
                ) -> Dict[str, Any]:
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
        "helpUri": help_uri(rule, doc_url),
        "help": {"text": help_text.strip(), "markdown": help_md.strip()},
        "defaultConfiguration": {"level": LEVELS[default or rule.severity]},
        "properties": {"tags": [rule.category, rule.domain]},
    }
    return descriptor


def _result(finding: Finding, index: Dict[str, int], lang: str, root: str,
            baseline_used: bool = False) -> Dict[str, Any]:
    out: Dict[str, Any] = {"ruleId": finding.rule}
    # A finding of a rule missing from RunResult.rules would be an engine bug; still report it
    # rather than point ruleIndex at the wrong descriptor.
    if finding.rule in index:
        out["ruleIndex"] = index[finding.rule]
    out["level"] = LEVELS[finding.severity]
    out["message"] = {"text": labels.text(finding.message, lang)}
    location: Dict[str, Any] = {}
    physical = _physical(finding.file, finding.line, finding.column, root)
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


def _invocation(notifications: List[Dict[str, Any]],
                overrides: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    invocation: Dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides
    return invocation


def _extensions(result: RunResult) -> Dict[str, Any]:
    """The named packs of a run (pack.yaml) as tool extensions, with version and digest."""
    if not result.packs:
        return {}
    out = []
    for p in result.packs:
        ext: Dict[str, Any] = {"name": p["name"], "version": p["version"]}
        props = {k: p[k] for k in ("source", "ref", "commit", "digest") if p.get(k)}
        if props:
            ext["properties"] = props
        out.append(ext)
    return {"extensions": out}


def _overrides(result: RunResult, index: Dict[str, int]) -> List[Dict[str, Any]]:
    """The project's overrides in force (.idm.yaml), as SARIF configuration overrides: the
    descriptors keep the pack's level, each override the level in force and its reason."""
    out = []
    for o in result.overrides:
        if o.lapsed:
            continue
        descriptor: Dict[str, Any] = {"id": o.rule}
        if o.rule in index:   # a switched-off rule has no descriptor in this run
            descriptor["index"] = index[o.rule]
        configuration: Dict[str, Any] = {"enabled": o.enabled}
        if o.enabled and o.severity is not None:
            configuration["level"] = LEVELS[o.severity]
        properties: Dict[str, Any] = {"reason": o.reason, "approvedBy": o.approved_by}
        if o.until is not None:
            properties["until"] = o.until
        out.append({"configuration": configuration, "descriptor": descriptor,
                    "properties": properties})
    return out


def _notification(problem: Problem, root: str, lang: str) -> Dict[str, Any]:
    said = problem.text(lang)
    message = "%s: %s" % (problem.path, said) if problem.path else said
    note: Dict[str, Any] = {"level": "error", "message": {"text": message},
                            "descriptor": {"id": "input-error"}}
    location: Dict[str, Any] = {}
    physical = _physical(problem.file, problem.line, problem.column, root)
    if physical:
        location["physicalLocation"] = physical
    if problem.path:
        location["logicalLocations"] = [{"name": _leaf(problem.path),
                                         "fullyQualifiedName": problem.path, "kind": "property"}]
    if location:
        note["locations"] = [location]
    return note


def _physical(file: str, line: Optional[int], column: Optional[int], root: str
              ) -> Optional[Dict[str, Any]]:
    if not file:
        return None
    physical: Dict[str, Any] = {"artifactLocation": _artifact(file, root)}
    if line is not None and line >= 1:
        region = {"startLine": line}
        if column is not None and column >= 1:
            region["startColumn"] = column
        physical["region"] = region
    return physical


def _artifact(file: str, root: str) -> Dict[str, str]:
    # Standard input has no place in the tree: its name stays as it is wherever idm runs.
    rel = file if file == "<stdin>" else labels.relative_path(file, root)
    if rel.startswith("/") or re.match(r"^[A-Za-z]:/", rel):
        # Outside the repository: an absolute file URI, which needs no base.
        return {"uri": "file://" + ("" if rel.startswith("/") else "/") + quote(rel)}
    return {"uri": quote(rel), "uriBaseId": SRCROOT}


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
