"""`idm check`: the gate.  The order of a run is decided here: rule packs first (a gate never
passes on a pack that cannot be used), the baseline and the changed files, the check, the
reports that do not show --since-last, the history store, the other reports, the record."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Sequence

from ..check.baseline import BASELINE_LIMIT
from ..errors import escape_controls
from ..i18n import catalogue
from ..inputs.loader import Limits
from ..model import RunResult, Severity

if TYPE_CHECKING:
    from ..inputs.decisions import Decision
from ..report import FORMATS
from ..report.options import ReportOptions
from .cache import result_cache
from .common import CommandResult, emit_problems, finish, require_paths, run_command, start, today
from .console import Console
from .delivery import History, deliver, outputs_for, report_targets

FAIL_ON = ("error", "warning", "info", "never")


@dataclass
class CheckOptions:
    paths: Sequence[str]               # files and folders; - reads standard input
    rules: Sequence[str] = ()          # rule packs; none: the bundled pack
    fmt: str = "text"                  # the format of the main report
    output: Optional[str] = None       # its file; None: standard output
    reports: Sequence[str] = ()        # more reports, each FORMAT:FILE
    reports_configured: bool = False   # the project file named `reports` (links not followed)
    fail_on: str = "error"             # one of FAIL_ON
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    baseline: Optional[str] = None     # a previous JSON report: its findings do not count
    max_baseline_size: int = BASELINE_LIMIT
    changed_only: Optional[str] = None  # a git ref: only the files changed since it
    record_to: Optional[str] = None    # record this run ("": the default store)
    db: Optional[str] = None           # the store --since-last reads
    since_last: bool = False
    no_waivers: bool = False           # audit: every finding as if no exception existed
    report_options: ReportOptions = field(default_factory=ReportOptions)  # CI consumers' limits
    project_file: Optional[str] = None
    cache: Optional[bool] = None       # --cache / --no-cache / `cache:`; None: on in a project
    console: Console = field(default_factory=Console)


@dataclass
class CheckResult(CommandResult):
    run: Optional[RunResult] = None    # the findings (None when the run did not start)


def check(options: CheckOptions) -> CheckResult:
    """Exit code 0 nothing at or above fail_on, 1 findings at or above it, 2 an input, rule
    pack, report or store could not be used, or nothing was checked."""
    from ..check.run import check as run_check
    from ..inputs.discovery import read_stream
    o, console = options, options.console
    words = catalogue(o.lang)
    result = CheckResult()
    outputs = outputs_for(console, list(o.paths) + list(o.rules) + [o.baseline or ""],
                          o.project_file, [None, o.record_to, o.db], o.lang)
    targets = report_targets(o.fmt, o.output, o.reports, o.reports_configured)

    def body() -> int:
        require_paths(console, o.paths, o.lang)
        for value in o.reports:       # the command line checks them as it parses
            problem = report_value_problem(value, o.lang)
            if problem is not None:
                console.error(words("cli.report_option") % {"problem": problem})
                return 2
        ruleset = start(console, outputs, targets, o.rules, o.limits, o.project_file, o.date,
                        o.lang)
        known = None
        if o.baseline:
            from ..check.baseline import load_baseline
            known = load_baseline(o.baseline, max_bytes=o.max_baseline_size)
        select: Optional[Callable[[str], bool]] = None
        anything = True
        if o.changed_only is not None:
            from ..inputs.changes import changed_selector
            select, anything = changed_selector(o.paths, o.changed_only)
        # Nothing changed: nothing is recorded or compared (the run checked no initiative).
        history = History(console, o.paths, select, o.record_to, o.db, o.lang) \
            if (o.record_to is not None or o.since_last) and anything else None
        read_stdin: Callable[[], bytes] = lambda: read_stream(  # noqa: E731
            console.stdin(), o.limits.max_bytes)
        if history is not None:
            read_stdin = history.run.inputs.reading(read_stdin)
        decisions = project_decisions(console, o.project_file, o.paths, o.limits, o.lang)
        if decisions is None:
            return 2
        run = result.run = run_check(
            o.paths, ruleset, today(o.date),
            None if o.fail_on == "never" else Severity[o.fail_on], o.limits, o.jobs,
            read_stdin=read_stdin, select=select,
            keep_documents=o.record_to is not None or "html" in [t.fmt for t in targets],
            baseline=known, apply_waivers=not o.no_waivers, decisions=decisions,
            known_run=None if o.db is None and o.record_to is None else
            recorded_run(o.db if o.db is not None else o.record_to),
            known_digest=None if o.db is None and o.record_to is None else
            recorded_digest(o.db if o.db is not None else o.record_to),
            cache=result_cache(o.project_file, o.cache))
        emit_problems(console, run.errors, o.lang)
        def compare() -> None:      # --since-last: after the reports that do not show it
            assert history is not None
            run.since_last = history.step(history.run.since_last, run)
        written = deliver(outputs, run, targets, o.lang,
                          dataclasses.replace(o.report_options, jobs=o.jobs),
                          compare if o.since_last and history is not None else None)
        code = run.exit_code() if written else 2
        if history is not None:
            history.record(run, "check", ruleset, o.lang, code)
        if history is not None and history.failed:
            return 2
        if not anything:
            # The one empty run that passes: only changed files were asked for
            # (docs/ci/README.md).  Its reports are still written, so no stale report from an
            # earlier run is uploaded.
            console.error(escape_controls(words("cli.nothing_changed")
                                          % {"ref": o.changed_only}))
            return 0 if written else 2
        return code
    result.exit_code = run_command(console, body, o.lang)
    finish(result, console, outputs.written)
    return result


def project_decisions(console: Console, project_file: Optional[str], paths: Sequence[str],
                      limits: Limits, lang: str) -> Optional[List["Decision"]]:
    """The decisions `.idm.yaml` names (`decisions:`) when the run checks the project's own
    paths: a check of other files leaves them out, or each would name an initiative the run
    does not hold.  None: a decision could not be loaded (its problems are printed)."""
    if not project_file:
        return []
    from ..inputs.config import load_config
    from ..inputs.decisions import load_decisions
    config, _ = load_config(project_file)
    if config is None or not config.settings.get("decisions") or \
            list(paths) != list(config.settings.get("paths") or ()):
        return []
    found, problems = load_decisions(config.settings["decisions"], limits)
    if problems:
        emit_problems(console, problems, lang)
        return None
    return found


def recorded_run(target: Optional[str]) -> Callable[[int], Optional[bool]]:
    """Whether the history store TARGET holds run N (for a decision's based_on.run); None, not
    judged, when the store cannot be read.  Opened only if a decision asks."""
    return _asking(target, lambda store, number: store.run(number) is not None)


def recorded_digest(target: Optional[str]) -> Callable[[str], Optional[bool]]:
    """Whether a run of the history store TARGET read the initiative file of this SHA-256 (a
    decision's based_on.digest, as the dossier shows it); None when the store cannot be read."""
    return _asking(target, lambda store, digest: store.has_input(
        digest[len("sha256:"):] if digest.startswith("sha256:") else digest))


def _asking(target: Optional[str], ask: Callable[[Any, Any], bool]
            ) -> Callable[[Any], Optional[bool]]:
    from ..history.record import open_store
    from ..history.store import HistoryError
    opened: List[Any] = []

    def known(value: Any) -> Optional[bool]:
        try:
            if not opened:
                opened.append(open_store(target, create=False, write=False))
            return ask(opened[0], value)
        except HistoryError:
            return None
    return known


def report_value_problem(value: str, lang: str = "en") -> Optional[str]:
    """What is wrong with a FORMAT:FILE value of --report, in `lang`; None when it is usable."""
    fmt, sep, path = value.partition(":")
    if sep and fmt in FORMATS and path:
        return None
    return catalogue(lang)("cli.report_expected") % {"value": repr(value),
                                                     "formats": ", ".join(FORMATS)}


__all__: List[str] = ["CheckOptions", "CheckResult", "FAIL_ON", "check", "report_value_problem"]
