"""`idm dossier FILE`: the review dossier of one initiative, for an architecture board."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..inputs.loader import Limits
from ..model import Severity
from .common import CommandResult, emit_problems, finish, run_command, start, today
from .console import Console
from .delivery import outputs_for
from .outputs import STDOUT, Target


@dataclass
class DossierOptions:
    path: str                          # one initiative file; - reads standard input
    rules: Sequence[str] = ()
    output: Optional[str] = None       # a file; None: standard output
    fmt: str = "html"                  # html (printable on A4) or markdown
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    project_file: Optional[str] = None
    console: Console = field(default_factory=Console)


def dossier(options: DossierOptions) -> CommandResult:
    """Exit code 0 written (findings are the board's to weigh), 2 the initiative or a rule pack
    could not be used, or the dossier could not be written."""
    from ..check.run import check as run_check
    from ..inputs.discovery import read_stream
    from ..report.dossier import write as write_dossier
    console = options.console
    outputs = outputs_for(console, [options.path] + list(options.rules), options.project_file,
                          lang=options.lang)
    target = Target(options.fmt, options.output or STDOUT, "--output %s" % options.output)

    def body() -> int:
        ruleset = start(console, outputs, [target], options.rules, options.limits,
                        options.project_file, options.date, options.lang)
        run = run_check([options.path], ruleset, today(options.date),
                        Severity.error, options.limits, 1,
                        read_stdin=lambda: read_stream(console.stdin(), options.limits.max_bytes))
        emit_problems(console, run.errors, options.lang)
        if run.errors or len(run.initiatives) != 1:
            return 2
        ok = outputs.write(target, lambda out: write_dossier(run, ruleset, out, options.lang,
                                                             options.fmt))
        return 0 if ok else 2
    result = CommandResult(exit_code=run_command(console, body, options.lang))
    finish(result, console, outputs.written)
    return result
