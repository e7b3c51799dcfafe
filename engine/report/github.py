"""GitHub Actions workflow commands: one `::notice` line with the totals, then an annotation per
unwaived finding and per input error, errors first.

A step shows about 10 annotations of each type, so at most `ReportOptions.max_annotations` of
each are written (errors, then warnings, then notices; the summary counts as a notice); the
summary says how many of each were left out.  Waived findings are deliberately left out: an
approved exception should not keep flagging the pull request.  Escaping follows GitHub's runner
(actions/toolkit `command.ts`): `%`, CR and LF in the message; additionally `:` and `,` in
property values, which would otherwise end the value.  Files are named relative to the root of
the git work tree (outside git: the working directory), where GitHub looks for them, also when
idm runs in a subfolder (a step's `working-directory`).
"""
from __future__ import annotations

import contextlib
import io
import shutil
from typing import Dict, Iterator, List, Optional, TextIO, Tuple

from ..model import RunResult, Severity
from . import labels
from .options import ReportOptions

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


KINDS = ("error", "warning", "notice")


def render(result: RunResult, lang: str = "en", options: Optional[ReportOptions] = None) -> str:
    """Render `result` as GitHub Actions workflow commands, one per line, in `lang`."""
    out = io.StringIO()
    write(result, out, lang, options)
    return out.getvalue()


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """Write the summary, then the annotations of each type, in one pass over the findings in
    report order: beyond its type's cap a line is only counted; the lines kept wait in a
    temporary file that moves to disk past 1 MB (without a cap, a large run's lines would
    otherwise all be in memory)."""
    import tempfile

    labels.check_lang(lang)
    options = options or ReportOptions()
    cap = options.max_annotations
    # The summary is a notice too: it takes one of the notices' places, so it is always shown.
    room = {kind: (cap - (kind == "notice") if cap else None) for kind in KINDS}
    shown, total = dict.fromkeys(KINDS, 0), dict.fromkeys(KINDS, 0)
    with contextlib.ExitStack() as stack:
        kept = {kind: stack.enter_context(tempfile.SpooledTemporaryFile(
            max_size=1 << 20, mode="w+", encoding="utf-8", newline="")) for kind in KINDS}
        for kind, line in _annotations(result, lang):
            total[kind] += 1
            if room[kind] is None or shown[kind] < room[kind]:
                kept[kind].write(line + "\n")
                shown[kind] += 1
        out.write(_summary(result, lang, {k: (shown[k], total[k]) for k in KINDS}) + "\n")
        for kind in KINDS:
            kept[kind].seek(0)
            shutil.copyfileobj(kept[kind], out)


def _annotations(result: RunResult, lang: str) -> Iterator[Tuple[str, str]]:
    """(type, command line) of every input error, then of every unwaived finding in report
    order."""
    root = labels.repository_root()
    for problem in sorted(result.errors, key=labels.problem_order):
        said = problem.text(lang)
        message = "%s: %s" % (problem.path, said) if problem.path else said
        title = "idm: " + labels.label("input_error", lang)
        yield "error", command("error", message, _where(
            problem.file, problem.line, problem.column, root) + [("title", title)])
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
        where = _where(finding.file, finding.line, finding.column, root)
        yield name, command(name, message, where + [("title", title)])


def _summary(result: RunResult, lang: str, shown: Dict[str, Tuple[int, int]]) -> str:
    """The one `::notice` line with the verdict, the totals and what the annotations show."""
    L = labels.label
    code = result.exit_code()
    verdict = L("gate_passed" if code == 0 else "gate_failed" if code == 1 else
                "gate_error" if result.errors else "gate_empty", lang)
    fail_on = result.fail_on.name if result.fail_on is not None else L("fail_on_never", lang)
    text = "%s: %s. %s (%s: %s). %s." % (
        L("gate", lang), verdict, labels.total(result.summary(), lang), L("fail_on", lang), fail_on,
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


def _where(file: str, line: Optional[int], column: Optional[int],
           root: Optional[str] = None) -> List[Tuple[str, str]]:
    """file, line and col of an annotation, the file relative to `root` (default: the working
    directory).  GitHub places an annotation by the file's path in the repository, so the
    report passes the root of the git work tree, as SARIF does."""
    if not file:
        return []
    props = [("file", labels.relative_path(file, root))]
    if line is not None:
        props.append(("line", str(line)))
        if column is not None:
            props.append(("col", str(column)))
    return props
