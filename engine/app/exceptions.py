"""`idm exceptions`: the comply-or-explain register of the initiatives in PATHS."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, List, Optional, Sequence

from ..inputs.loader import Limits
from .cache import result_cache
from .common import CommandResult, emit_problems, finish, require_paths, run_command, start, today
from .console import Console
from .delivery import outputs_for
from .outputs import STDOUT, Target

if TYPE_CHECKING:
    from ..report.register import Entry


@dataclass
class ExceptionsOptions:
    paths: Sequence[str]
    rules: Sequence[str] = ()
    fmt: str = "text"                  # text, json or csv
    output: Optional[str] = None       # a file; None: standard output
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    project_file: Optional[str] = None  # the .idm.yaml in use: never written over
    cache: Optional[bool] = None       # --cache / --no-cache / `cache:`; None: on in a project
    console: Console = field(default_factory=Console)


@dataclass
class ExceptionsResult(CommandResult):
    entries: List["Entry"] = field(default_factory=list)   # the register


def exceptions(options: ExceptionsOptions) -> ExceptionsResult:
    """Exit code 0 the register was written, 2 an input or rule pack could not be used (or the
    register could not be written)."""
    from ..check.run import check as run_check
    from ..report.register import register, write
    console = options.console
    result = ExceptionsResult()
    outputs = outputs_for(console, list(options.paths) + list(options.rules),
                          options.project_file, lang=options.lang)
    target = Target(options.fmt, options.output or STDOUT, "--output %s" % options.output)

    def body() -> int:
        require_paths(console, options.paths, options.lang)
        ruleset = start(console, outputs, [target], options.rules, options.limits,
                        options.project_file, options.date, options.lang)
        run = run_check(options.paths, ruleset, today(options.date),
                        None, options.limits, options.jobs,
                        cache=result_cache(options.project_file, options.cache))
        emit_problems(console, run.errors, options.lang)
        result.entries = register(run)
        if not outputs.write(target, functools.partial(write, result.entries, options.fmt,
                                                       lang=options.lang)):
            return 2
        return 2 if run.errors and not run.initiatives else 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console, outputs.written)
    return result
