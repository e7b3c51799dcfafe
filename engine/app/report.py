"""`idm report`: the portfolio dashboard, one self-contained HTML page for a board."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..inputs.loader import Limits
from ..model import Severity
from .cache import result_cache
from .common import CommandResult, emit_problems, finish, require_paths, run_command, start, today
from .console import Console
from .delivery import History, outputs_for
from .outputs import STDOUT, Target


@dataclass
class DashboardOptions:
    paths: Sequence[str]
    rules: Sequence[str] = ()
    output: Optional[str] = None       # a file; None: standard output
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    record_to: Optional[str] = None    # record this run ("": the default store)
    db: Optional[str] = None           # show a store's reviews ("": the default store)
    project_file: Optional[str] = None
    cache: Optional[bool] = None       # --cache / --no-cache / `cache:`; None: on in a project
    console: Console = field(default_factory=Console)
    details: str = "auto"              # initiatives shown in full: auto, all, errors, none


def report(options: DashboardOptions) -> CommandResult:
    """Exit codes as for check: 0 no errors, 1 unwaived errors, 2 an input or rule pack could
    not be used, nothing was checked, the dashboard could not be written or the store used."""
    from ..check.run import check as run_check
    from ..report.html import write_portfolio
    console = options.console
    outputs = outputs_for(console, list(options.paths) + list(options.rules),
                          options.project_file, [None, options.record_to, options.db],
                          options.lang)
    target = Target("html", options.output or STDOUT, "--output %s" % options.output)

    def body() -> int:
        require_paths(console, options.paths, options.lang)
        ruleset = start(console, outputs, [target], options.rules, options.limits,
                        options.project_file, options.date, options.lang)
        history = History(console, options.paths, None, options.record_to, options.db,
                          options.lang) \
            if options.record_to is not None or options.db is not None else None
        from .check import project_decisions, recorded_digest, recorded_run
        found = project_decisions(console, options.project_file, options.paths,
                                  options.limits, options.lang)
        if found is None:
            return 2
        run = run_check(options.paths, ruleset, today(options.date),
                        Severity.error, options.limits, options.jobs, decisions=found,
                        known_run=None if options.db is None else recorded_run(options.db),
                        known_digest=None if options.db is None else recorded_digest(options.db),
                        cache=result_cache(options.project_file, options.cache))
        emit_problems(console, run.errors, options.lang)
        shown = history.step(history.run.dashboard, run) if history is not None else None
        if shown is not None:
            run.since_last = shown.since_last
        written = outputs.write(target, functools.partial(write_portfolio, run,
                                                          lang=options.lang, history=shown,
                                                          details=options.details))
        if history is not None:
            history.record(run, "report", ruleset, options.lang,
                           run.exit_code() if written else 2)
        return 2 if (history is not None and history.failed) or not written \
            else run.exit_code()
    result = CommandResult(exit_code=run_command(console, body, options.lang))
    finish(result, console, outputs.written)
    return result
