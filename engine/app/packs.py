"""`idm packs lock | fetch | update [NAME] | list`: the project's packs pinned in idm.lock, the
cache filled from it, an update with its rule-level changes, the resolved packs
(engine/pack/packs_command.py does the work; docs/packs.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from ..errors import escape_controls
from ..i18n import catalogue
from .common import CommandResult, Stop, fail, finish, run_command
from .console import Console
from .outputs import Outputs, Target

ACTIONS = ("lock", "fetch", "update", "list")


@dataclass
class PacksOptions:
    action: str                          # one of ACTIONS
    name: Optional[str] = None           # update: only this pack
    project_file: Optional[str] = None   # None: the nearest .idm.yaml
    lang: str = "en"
    console: Console = field(default_factory=Console)


@dataclass
class PacksResult(CommandResult):
    lines: List[str] = field(default_factory=list)   # what the command printed, line by line


def packs(options: PacksOptions) -> PacksResult:
    """Exit codes: 0 done, 2 no project file, a source or pack that cannot be used, a lock or
    cache that does not serve the project (one line on stderr)."""
    from ..inputs.config import find_config, load_config
    from ..pack import packs_command
    from ..pack.lock import LOCK_NAME
    if options.action not in ACTIONS:
        raise ValueError("no packs action %r: one of %s" % (options.action, ", ".join(ACTIONS)))
    console = options.console
    result = PacksResult()

    def body() -> int:
        path = options.project_file or find_config()
        config = None
        if path is not None:
            config, problems = load_config(path)
            if config is None:
                fail(console, problems, options.lang)
        elif options.action != "list":
            console.error(catalogue(options.lang)("cli.packs_no_project"))
            raise Stop(2)
        try:
            if options.action == "lock":
                outcome = packs_command.lock(config, lang=options.lang)
            elif options.action == "fetch":
                outcome = packs_command.fetch(config, lang=options.lang)
            elif options.action == "update":
                outcome = packs_command.update(config, options.name, lang=options.lang)
            else:
                outcome = packs_command.list_packs(config, lang=options.lang)
        except packs_command.PacksError as e:
            console.error(escape_controls(e.text(options.lang)))
            return 2
        lines = list(outcome.lines)
        if outcome.lock_file is not None:
            outputs = Outputs(console, options.lang)
            outputs.protect(config.file if config is not None else None, "project_file")
            text = outcome.lock_text
            if not outputs.write(Target("lock", outcome.lock_file, LOCK_NAME),
                                 text):
                return 2
            lines += outcome.done
        for line in lines:
            console.echo(escape_controls(line))
        result.lines = lines
        return 0

    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result
