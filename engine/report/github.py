"""GitHub Actions workflow commands: one annotation line per unwaived finding and per input error.

Waived findings are deliberately left out: an approved exception should not keep flagging the
pull request.  Escaping follows GitHub's runner (actions/toolkit `command.ts`): `%`, CR and LF in
the message; additionally `:` and `,` in property values, which would otherwise end the value.
"""
from __future__ import annotations

from typing import Iterator, List, Optional, TextIO, Tuple

from ..model import RunResult, Severity
from . import labels

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def render(result: RunResult, lang: str = "en") -> str:
    """Render `result` as GitHub Actions workflow commands, one per line, in `lang`."""
    return "".join(line + "\n" for line in _lines(result, lang))


def write(result: RunResult, out: TextIO, lang: str = "en") -> None:
    """The same lines as `render`, written as they are made (one initiative's findings held
    at a time)."""
    for line in _lines(result, lang):
        out.write(line + "\n")


def _lines(result: RunResult, lang: str) -> Iterator[str]:
    labels.check_lang(lang)
    for problem in sorted(result.errors, key=labels.problem_order):
        message = "%s: %s" % (problem.path, problem.message) if problem.path else problem.message
        title = "idm: " + labels.label("input_error", lang)
        yield command("error", message, _where(problem.file, problem.line, problem.column)
                      + [("title", title)])
    for finding in labels.ordered_findings(result):
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
        yield command(name, message, where + [("title", title)])


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
