"""`idm history [show|prune|erase]` and `idm diff`: the recorded runs of a history store."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .common import CommandResult, Stop, finish, run_command
from .console import Console


def _call(console: Console, lang: str, fn: Callable[..., Any], *args: Any) -> Any:
    """A store step; a store that cannot be used is one line (in `lang`) and exit 2."""
    from ..history.store import HistoryError
    try:
        return fn(*args)
    except HistoryError as e:
        console.error(e.text(lang))
        raise Stop(2)


def _store(console: Console, lang: str, db: Optional[str], write: bool = False) -> Any:
    """An existing store, opened read-only unless the command writes (prune, erase)."""
    from ..history.record import open_store
    return _call(console, lang, open_store, db, False, write)

@dataclass
class HistoryOptions:
    initiative: Optional[str] = None   # that initiative in every run; None: the runs
    db: Optional[str] = None           # the store; None: $IDM_DB_URL, else .idm/history.sqlite
    fmt: str = "text"                  # text, json or csv
    lang: str = "en"
    console: Console = field(default_factory=Console)


@dataclass
class ShownResult(CommandResult):
    text: str = ""


def show(options: HistoryOptions) -> ShownResult:
    """Runs over time.  Exit code 0 shown, 2 the store cannot be read."""
    from ..history import render, views
    console = options.console
    result = ShownResult()

    def body() -> int:
        store = _store(console, options.lang, options.db)
        rows = _call(console, options.lang, views.history, store, options.initiative)
        decided = _call(console, options.lang, views.decisions_between, store,
                        options.initiative) if options.initiative is not None else []
        result.text = render.history(rows, options.fmt, options.lang, options.initiative,
                                     decided)
        console.echo(result.text, nl=False)
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result


@dataclass
class PruneOptions:
    before: str                        # YYYY-MM-DD: runs recorded before it are deleted
    db: Optional[str] = None
    lang: str = "en"
    console: Console = field(default_factory=Console)


@dataclass
class EraseOptions:
    initiative: str                    # whose records are deleted from every run
    db: Optional[str] = None
    lang: str = "en"
    console: Console = field(default_factory=Console)


@dataclass
class DeletedResult(CommandResult):
    deleted: int = 0                   # runs (prune) or records (erase) deleted


def prune(options: PruneOptions) -> DeletedResult:
    """Delete runs recorded before a date (retention under the AVG/GDPR)."""
    from ..history.render import pruned
    console = options.console
    result = DeletedResult()

    def body() -> int:
        store = _store(console, options.lang, options.db, write=True)
        result.deleted = _call(console, options.lang, store.prune, options.before)
        console.echo(pruned(result.deleted, options.before, store.where(), options.lang))
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result


def erase(options: EraseOptions) -> DeletedResult:
    """Delete everything recorded about one initiative (erasure under the AVG/GDPR): its rows,
    its id in other records, and the freed space (see Store.erase)."""
    from ..history.render import erased
    console = options.console
    result = DeletedResult()

    def body() -> int:
        store = _store(console, options.lang, options.db, write=True)
        done = _call(console, options.lang, store.erase, options.initiative)
        result.deleted = done.total
        console.echo(erased(done, options.initiative, store.where(), options.lang), nl=False)
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result


@dataclass
class DiffOptions:
    run_a: Optional[int] = None        # default: the last two runs; one given: it and the last
    run_b: Optional[int] = None
    db: Optional[str] = None
    fmt: str = "text"                  # text or json
    lang: str = "en"
    console: Console = field(default_factory=Console)


def diff(options: DiffOptions) -> ShownResult:
    """New, resolved and changed findings between two runs.  Exit code 0 shown, 2 the store
    cannot be read."""
    from ..history import render, views
    console = options.console
    result = ShownResult()

    def body() -> int:
        store = _store(console, options.lang, options.db)
        compared = _call(console, options.lang, views.diff, store, options.run_a, options.run_b)
        result.text = render.diff(compared, options.fmt, options.lang)
        console.echo(result.text, nl=False)
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result
