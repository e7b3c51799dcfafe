"""`idm baseline create`: the current findings, for `idm check --baseline`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..errors import escape_controls
from ..i18n import catalogue
from ..inputs.loader import Limits
from ..model import Severity
from .cache import result_cache
from .common import CommandResult, emit_problems, finish, require_paths, run_command, start, today
from .console import Console
from .delivery import deliver, outputs_for
from .outputs import Target


@dataclass
class BaselineOptions:
    paths: Sequence[str]
    output: str                        # the baseline file (a JSON report)
    rules: Sequence[str] = ()
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    project_file: Optional[str] = None
    cache: Optional[bool] = None       # --cache / --no-cache / `cache:`; None: on in a project
    console: Console = field(default_factory=Console)


@dataclass
class BaselineResult(CommandResult):
    findings: int = 0                  # findings in the baseline
    initiatives: int = 0


def create(options: BaselineOptions) -> BaselineResult:
    """Exit code 0 written, 2 an input or rule pack could not be used (nothing is written)."""
    from ..check.run import check as run_check
    console = options.console
    result = BaselineResult()
    outputs = outputs_for(console, list(options.paths) + list(options.rules),
                          options.project_file, lang=options.lang)
    target = Target("json", options.output, "--output %s" % options.output)

    def body() -> int:
        require_paths(console, options.paths, options.lang)
        ruleset = start(console, outputs, [target], options.rules, options.limits,
                        options.project_file, options.date, options.lang)
        run = run_check(options.paths, ruleset, today(options.date),
                        Severity.error, options.limits, options.jobs, keep_documents=False,
                        cache=result_cache(options.project_file, options.cache))
        emit_problems(console, run.errors, options.lang)
        if run.errors or not run.initiatives:
            return 2
        if not deliver(outputs, run, [target], options.lang):
            return 2
        result.findings, result.initiatives = run.summary()["findings"], len(run.initiatives)
        console.error(escape_controls(catalogue(options.lang)("cli.baseline_written") % {
            "file": options.output, "findings": result.findings,
            "initiatives": result.initiatives}))
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console, outputs.written)
    return result
