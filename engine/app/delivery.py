"""The steps that check, report and baseline share around a run: where its reports go, writing
them through the command's Outputs, and its history store."""
from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Sequence

from ..model import RunResult
from .console import Console
from .outputs import STDOUT, Outputs, Target

if TYPE_CHECKING:
    from ..pack.rulepack import RuleSet
    from ..report.options import ReportOptions

# Formats that show "since the last recorded run" (--since-last): the others are written before
# the history store is opened, so a store that hangs or breaks costs them nothing.
SHOWS_SINCE_LAST = ("text", "markdown", "html")


def report_targets(fmt: str, output: Optional[str], reports: Sequence[str],
                   configured: bool = False) -> List[Target]:
    """The reports of a check: `fmt` to `output` (standard output when None), then each
    FORMAT:FILE of `reports` (already parsed by the caller), `configured` when the project
    file named them."""
    targets = [Target(fmt, output or STDOUT,
                      "--output %s" % output if output else "--format %s" % fmt)]
    for value in reports:
        f, _, path = value.partition(":")
        targets.append(Target(f, path, "--report %s:%s" % (f, path), configured))
    return targets


def deliver(outputs: Outputs, result: RunResult, targets: Sequence[Target], lang: str = "en",
            report_options: Optional["ReportOptions"] = None,
            before: Optional[Callable[[], None]] = None) -> bool:
    """Write every report (files first, then the one on standard output); False when one
    failed.  `before`, when given, runs once the reports that do not show --since-last are
    written and before the others."""
    from ..report import write
    from ..report.options import ReportOptions
    o = report_options or ReportOptions()
    # A report cut to a limit names the run's other report files that hold everything.
    capped = {"markdown": o.max_chars, "sarif": o.sarif_max_results, "github": o.max_annotations}
    files = [t.path for t in targets if t.path != STDOUT and not capped.get(t.fmt)]

    def options(this: str) -> "ReportOptions":
        return dataclasses.replace(o, full_reports=[f for f in files if f != this])

    if before is None:
        order = sorted(targets, key=lambda t: t.path == STDOUT)
    else:
        order = sorted(targets, key=lambda t: (t.path == STDOUT, t.fmt in SHOWS_SINCE_LAST))
    ok, waiting = True, before
    for t in order:
        if waiting is not None and (t.fmt in SHOWS_SINCE_LAST or t.path == STDOUT):
            waiting()
            waiting = None
        ok = outputs.write(t, functools.partial(write, result, t.fmt, lang=lang,
                                                options=options(t.path))) and ok
    if waiting is not None:
        waiting()
    for notice in dict.fromkeys(o.notices):   # once, however many reports of the format
        outputs.console.error(notice)
    return ok


class History:
    """The history store around one run (engine.history.record.RunHistory): a failing store is
    one line on the console and exit 2, never the loss of a report."""

    def __init__(self, console: Console, paths: Sequence[str],
                 select: Optional[Callable[[str], bool]], record_to: Optional[str],
                 db: Optional[str], lang: str = "en") -> None:
        from ..history.record import RunHistory
        self.console = console
        self.lang = lang
        self.run = RunHistory(paths, select, record_to, db)

    @property
    def failed(self) -> bool:
        return self.run.failed

    def step(self, step: Callable[..., Any], *args: Any) -> Any:
        from ..history.store import HistoryError
        try:
            return step(*args)
        except HistoryError as e:
            self.console.error(e.text(self.lang))
            return None

    def record(self, result: RunResult, command: str, ruleset: "RuleSet", lang: str,
               exit_code: int) -> None:
        """Record the run with the exit code the command ends with (a report that could not
        be written makes it 2)."""
        from ..history.render import label
        done = self.step(self.run.record, result, command, ruleset, exit_code)
        if done is not None:
            self.console.error(label("recorded_as", lang) % done)


def outputs_for(console: Console, inputs: Sequence[str], project_file: Optional[str] = None,
                stores: Sequence[Optional[str]] = (None,), lang: str = "en") -> Outputs:
    """The Outputs of a command that reads `inputs` (files and folders, rule packs included):
    none of them, nor the project file (the one in use and the nearest .idm.yaml), nor the
    history stores `stores` name (None: the default store) is ever written over; its messages
    are in `lang`."""
    from ..inputs.config import find_config
    outputs = Outputs(console, lang)
    outputs.protect_inputs(inputs)
    for path in dict.fromkeys([project_file, find_config()]):
        outputs.protect(path, "project_file")
    for target in stores:
        outputs.protect_store(target)
    return outputs
