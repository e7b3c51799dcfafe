"""`idm decisions`: the register of the board's decisions and their conditions, most urgent
first (docs/decisions.md)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, List, Optional, Sequence

from ..inputs.loader import Limits
from .common import CommandResult, emit_problems, finish, require_paths, run_command, start, today
from .console import Console
from .delivery import outputs_for
from .outputs import STDOUT, Target

if TYPE_CHECKING:
    from ..report.decision_register import Row


@dataclass
class DecisionsOptions:
    paths: Sequence[str]               # initiatives and decisions (kind: Decision)
    rules: Sequence[str] = ()
    fmt: str = "text"                  # text, json or csv
    output: Optional[str] = None       # a file; None: standard output
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    db: Optional[str] = None           # the store a decision's based_on.run is looked up in
    project_file: Optional[str] = None  # the .idm.yaml in use (its decisions:), never written over
    console: Console = field(default_factory=Console)


@dataclass
class DecisionsResult(CommandResult):
    rows: List["Row"] = field(default_factory=list)   # the register


def decisions(options: DecisionsOptions) -> DecisionsResult:
    """Exit code 0 the register was written, 2 an input, decision or rule pack could not be
    used (or the register could not be written)."""
    from ..check.run import check as run_check
    from ..report.decision_register import register, write
    from .check import project_decisions, recorded_digest, recorded_run
    o, console = options, options.console
    result = DecisionsResult()
    outputs = outputs_for(console, list(o.paths) + list(o.rules), o.project_file, [o.db],
                          lang=o.lang)
    target = Target(o.fmt, o.output or STDOUT, "--output %s" % o.output)

    def body() -> int:
        require_paths(console, o.paths, o.lang)
        ruleset = start(console, outputs, [target], o.rules, o.limits, o.project_file, o.date,
                        o.lang)
        found = project_decisions(console, o.project_file, o.paths, o.limits, o.lang)
        if found is None:
            return 2
        run = run_check(o.paths, ruleset, today(o.date), None, o.limits, o.jobs,
                        keep_documents=False, decisions=found,
                        known_run=None if o.db is None else recorded_run(o.db),
                        known_digest=None if o.db is None else recorded_digest(o.db))
        emit_problems(console, run.errors, o.lang)
        result.rows = register(run)
        if not outputs.write(target, functools.partial(write, result.rows, o.fmt,
                                                       lang=o.lang)):
            return 2
        return 2 if run.errors else 0
    result.exit_code = run_command(console, body, o.lang)
    finish(result, console, outputs.written)
    return result
