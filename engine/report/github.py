"""GitHub Actions workflow commands: one `::notice` line with the totals, then an annotation per
unwaived finding and per input error, errors first.

A step shows about 10 annotations of each type, so at most `ReportOptions.max_annotations` of
each are written (errors, then warnings, then notices; the summary counts as a notice); the
summary says how many of each were left out.  Waived findings are deliberately left out: an
approved exception should not keep flagging the pull request.  Escaping follows GitHub's runner
(actions/toolkit `command.ts`): `%`, CR and LF in the message; additionally `:` and `,` in
property values, which would otherwise end the value.
"""
from __future__ import annotations

from typing import Dict, List, Optional, TextIO, Tuple

from ..model import RunResult, Severity
from . import labels
from .options import ReportOptions

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


KINDS = ("error", "warning", "notice")


def render(result: RunResult, lang: str = "en", options: Optional[ReportOptions] = None) -> str:
    """Render `result` as GitHub Actions workflow commands, one per line, in `lang`."""
    labels.check_lang(lang)
    options = options or ReportOptions()
    by_kind: Dict[str, List[str]] = {kind: [] for kind in KINDS}
    for problem in sorted(result.errors, key=labels.problem_order):
        message = "%s: %s" % (problem.path, problem.message) if problem.path else problem.message
        title = "idm: " + labels.label("input_error", lang)
        by_kind["error"].append(command("error", message, _where(
            problem.file, problem.line, problem.column) + [("title", title)]))
    for finding in sorted(result.all_findings(), key=labels.finding_order):
        if finding.waived:
            continue
        rule = result.rules.get(finding.rule)
        title = finding.rule + (" " + labels.text(rule.title, lang) if rule else "")
        name = COMMANDS[finding.severity]
        if finding.baselined:
            # Known before the gate (--baseline): visible, but not a red mark on the pull request.
            name = "notice"
            title += " (%s)" % labels.label("baselined", lang)
        message = labels.text(finding.message, lang)
        owner = finding.initiative or labels.label("portfolio", lang).lower()
        # The initiative and field path are what a reviewer needs when the line is only a parent's.
        message += "\n%s: %s" % (owner, finding.path) if finding.path else "\n" + owner
        where = _where(finding.file, finding.line, finding.column)
        by_kind[name].append(command(name, message, where + [("title", title)]))
    cap = options.max_annotations
    # The summary is a notice too: it takes one of the notices' places, so it is always shown.
    room = {kind: (cap - (kind == "notice") if cap else None) for kind in KINDS}
    shown = {kind: lines[:room[kind]] for kind, lines in by_kind.items()}
    lines = [_summary(result, lang, {k: (len(shown[k]), len(by_kind[k])) for k in KINDS})]
    for kind in KINDS:
        lines += shown[kind]
    return "".join(line + "\n" for line in lines)


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    out.write(render(result, lang, options))


def _summary(result: RunResult, lang: str, shown: Dict[str, Tuple[int, int]]) -> str:
    """The one `::notice` line with the verdict, the totals and what the annotations show."""
    L = labels.label
    code = result.exit_code()
    verdict = L("gate_passed" if code == 0 else "gate_failed" if code == 1 else
                "gate_error" if result.errors else "gate_empty", lang)
    summary = result.summary()
    counts = dict(summary["by_severity"], initiatives=summary["initiatives"],
                  waived=summary["waived"], errors=summary["errors"])
    fail_on = result.fail_on.name if result.fail_on is not None else L("fail_on_never", lang)
    text = "%s: %s. %s (%s: %s). %s." % (
        L("gate", lang), verdict, L("summary", lang) % counts, L("fail_on", lang), fail_on,
        L("annotations_shown", lang) % {k: L("shown_of", lang) % n for k, n in shown.items()})
    return command("notice", text, [("title", "idm: %s %s" % (L("gate", lang).lower(),
                                                                verdict))])


def command(name: str, message: str, properties: List[Tuple[str, str]]) -> str:
    """One workflow command `::name k=v,k=v::message`, with data and property values escaped."""
    props = ",".join("%s=%s" % (key, escape_property(value)) for key, value in properties)
    return "::%s%s::%s" % (name, " " + props if props else "", escape_data(message))


def escape_data(value: str) -> str:
    """Escape a command's message: `%` first, so the escapes themselves are not re-escaped."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value: as data, plus `:` and `,`, which delimit properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _where(file: str, line: Optional[int], column: Optional[int]) -> List[Tuple[str, str]]:
    if not file:
        return []
    props = [("file", labels.relative_path(file))]
    if line is not None:
        props.append(("line", str(line)))
        if column is not None:
            props.append(("col", str(column)))
    return props
