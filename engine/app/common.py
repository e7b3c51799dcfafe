"""What every command of the application layer shares: its result, how it stops early with an
exit code, and how it loads the rule packs."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, List, NoReturn, Optional, Sequence

from ..errors import InputError, Problem
from ..i18n import catalogue
from ..inputs.loader import Limits
from .console import Console
from .outputs import Outputs, Target

if TYPE_CHECKING:
    from ..pack.rulepack import RuleSet


@dataclass
class CommandResult:
    """What a command did: its exit code (0, 1 or 2 as the command documents), the files it
    wrote, and what it said on standard output and standard error (when its console keeps
    them, as the default console of the Python API does)."""
    exit_code: int = 0
    written: List[str] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""


class Stop(Exception):
    """Ends a command early with an exit code (its messages are already on the console)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run_command(console: Console, body: Callable[[], int], lang: str = "en") -> int:
    """The exit code of `body`; an unusable input anywhere in it is one line (in `lang`) and
    exit 2."""
    try:
        return body()
    except Stop as e:
        return e.code
    except InputError as e:
        console.error(e.problem.shown(lang))
        return 2


def finish(result: CommandResult, console: Console, written: Sequence[str] = ()) -> None:
    """Fill in what the console kept and the files written."""
    result.written = list(written)
    result.stdout, result.stderr = console.stdout_text(), console.stderr_text()


def emit_problems(console: Console, problems: Sequence[Problem], lang: str = "en") -> None:
    for p in problems:
        console.error(p.shown(lang))


def fail(console: Console, problems: Sequence[Problem], lang: str = "en") -> NoReturn:
    """Unusable input: every problem on stderr (in `lang`), exit code 2."""
    emit_problems(console, problems, lang)
    raise Stop(2)


def load_ruleset(console: Console, paths: Sequence[str], limits: Limits,
                 project_file: Optional[str] = None, date: Optional[str] = None,
                 lang: str = "en") -> "RuleSet":
    """The rule set of the packs at `paths` (the bundled pack when none); with a project file,
    its `packs:` (from idm.lock and the cache, never the network) when `paths` are not given
    otherwise than by its `rules:`, and its overrides and params on the evaluation `date`
    (docs/design/packs.md §5).  Exit 2 when unusable."""
    from ..pack.project import project_ruleset
    config = None
    if project_file is not None:
        from ..inputs.config import load_config
        config, problems = load_config(project_file)
        if config is None:
            fail(console, problems, lang)
    given = bool(paths) and (config is None or list(paths) != list(config.get("rules") or []))
    ruleset, problems = project_ruleset(paths, given, config, today(date), limits)
    if problems:
        fail(console, problems, lang)
    return ruleset


def today(date: Optional[str]) -> str:
    """The evaluation date: `date` (YYYY-MM-DD), else today."""
    return date or _dt.date.today().isoformat()


def start(console: Console, outputs: Outputs, targets: Sequence[Target], rules: Sequence[str],
          limits: Limits, project_file: Optional[str] = None, date: Optional[str] = None,
          lang: str = "en") -> "RuleSet":
    """The first steps of a command that writes: no output that Outputs refuses, then the rule
    packs with the project's packs and overrides (exit 2 with every problem otherwise, before
    anything is written)."""
    refused = outputs.refuse(targets)
    if refused:
        fail(console, refused, lang)
    return load_ruleset(console, rules, limits, project_file, date, lang)


def require_paths(console: Console, paths: Sequence[str], lang: str = "en") -> None:
    """Exit 2 with one line when neither the command line nor the project file names inputs."""
    if not paths:
        console.error(catalogue(lang)("cli.no_paths"))
        raise Stop(2)
