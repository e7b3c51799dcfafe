"""The history store: opening it (SQLite or PostgreSQL through SQLAlchemy), bringing its schema
up to date with the Alembic migrations, recording a run in one transaction, reading runs back,
and the two deletes (retention and erasure).

Concurrency: SQLite runs in WAL mode with a busy timeout and every writing transaction starts
with BEGIN IMMEDIATE, so two recording runs queue instead of failing; PostgreSQL serialises the
migration step with a transaction-scoped advisory lock.  A run is inserted in one transaction:
an interrupted run leaves nothing behind.

Reading never writes: a store opened only to read (idm history, idm diff, --db, --since-last
without --record) is opened read-only (SQLite `mode=ro`, or `immutable=1` in a folder the user
cannot write), is neither migrated nor switched to WAL, and a file that is not an idm store
(another program's database, an empty file) is refused in one line.  Every query is bounded in
time (QUERY_SECONDS): a crafted store cannot hang idm, and a signal still ends it.
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from ..errors import Problem
from ..i18n import Text, said, text_of
from . import schema as t
from .snapshot import Snapshot
from .target import describe, secrets

HEAD = "0006"                 # the newest migration (a test checks it against migrations/)
KNOWN = ("0001", "0002", "0003", "0004", "0005", "0006")   # every revision this idm can migrate from
BUSY_TIMEOUT_MS = 30000       # how long a writer waits for another one
QUERY_SECONDS = 60            # the longest one reading transaction (or statement) may take
WRITE_FACTOR = 10             # a recording transaction may take ten times as long (large runs)
_LOCK_KEY = 0x1D4_0020        # PostgreSQL advisory lock of the migration step
# Columns each revision's idm_runs has: a store of an older revision is read without migrating.
_RUN_COLUMNS = {"0001": ("id", "recorded_at", "evaluation_date", "idm_version", "command",
                         "root", "fail_on", "gate", "exit_code")}
ERASED = "[erased]"           # what an erased initiative id is replaced with in other records


class HistoryError(Exception):
    """The history store cannot be used: str() is the whole one-line message in English,
    `text(lang)` in the user's language."""

    def __init__(self, message: Union[Text, Problem]) -> None:
        self.message = message
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        if isinstance(self.message, Problem):
            return self.message.shown(lang)
        return text_of(self.message, lang)


class NoStore(HistoryError):
    """A store that is only read (--db, --since-last, idm history) does not exist yet."""


@dataclass
class RunRow:
    id: int
    recorded_at: str
    evaluation_date: str
    idm_version: str
    command: str
    root: str
    fail_on: Optional[str]
    gate: str
    exit_code: int
    repository: Optional[str] = None   # None: recorded before idm kept it (revision 0001)
    partial: Optional[bool] = None     # True: --changed-only checked only some initiatives


@dataclass
class Erased:
    """What `erase` removed: rows deleted per table, texts in which the id was replaced, and
    how the freed space was cleaned (`cleanup`, one of CLEANUP's keys)."""

    deleted: Dict[str, int]
    redacted: int
    cleanup: str
    detail: str = ""

    @property
    def total(self) -> int:
        return sum(self.deleted.values())


def _short(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


class Store:
    """One history store.  Open with `Store.open(url)`; every method runs in a transaction of
    its own."""

    def __init__(self, url: Any, engine: Any, writable: bool):
        self.url, self.engine, self.writable = url, engine, writable
        self.sqlite = url.get_backend_name() == "sqlite"
        self.revision: Optional[str] = None
        self.timeout = QUERY_SECONDS

    @classmethod
    def open(cls, url: Any, create: bool = True, write: Optional[bool] = None) -> "Store":
        """Connect.  A writer (`write`, by default `create`) migrates the store, and makes it
        when `create`; a reader only reads.  A missing SQLite file that is not to be created
        is NoStore; a store of an older revision is read as it is."""
        write = create if write is None else write
        try:
            import sqlalchemy  # noqa: F401
        except ImportError as e:   # pragma: no cover - a broken installation
            raise HistoryError(said("store.no_sqlalchemy", error=str(e)))
        if isinstance(url, str):
            from sqlalchemy.engine import make_url
            url = make_url(url)
        if url.get_backend_name() == "sqlite":
            engine = _sqlite_engine(url.database or "", create, write)
        else:
            engine = _postgres_engine(url, write)
        store = cls(url, engine, write)
        with store._guard():
            if write:
                store._migrate()
            else:
                store._check_readable()
        return store

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Database errors become one HistoryError line naming the store, never its secrets."""
        from sqlalchemy.exc import SQLAlchemyError

        from ..errors import escape_controls
        try:
            yield
        except (SQLAlchemyError, OSError, ValueError) as e:
            text = _short(e)
            for s in secrets(self.url):
                text = text.replace(s, "***")
            raise HistoryError(said("store.failed", store=self.where(),
                                    error=escape_controls(text)))

    def where(self) -> str:
        """The store as messages name it: on one line, without secrets."""
        from ..errors import escape_controls
        if self.sqlite:
            return _shown(self.url.database or "")
        return escape_controls(describe(self.url))

    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        with self._guard(), self.engine.connect() as conn, \
                self._bounded(conn, self.timeout * WRITE_FACTOR):
            conn.info["idm_write"] = True   # read by the SQLite begin event
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Any]:
        with self._guard(), self.engine.connect() as conn, self._bounded(conn, self.timeout):
            yield conn

    @contextlib.contextmanager
    def _bounded(self, conn: Any, seconds: float) -> Iterator[None]:
        """SQLite: abort a transaction running longer than `seconds` (PostgreSQL has
        statement_timeout).  The progress handler is where a signal's Python handler runs
        during a long query; sqlite3 swallows what a callback raises, so it is caught on the
        way (sys.unraisablehook) and raised again once the query has stopped."""
        if not self.sqlite:
            yield
            return
        import sqlite3
        raw = conn.connection.dbapi_connection
        deadline = time.monotonic() + seconds
        raised: List[BaseException] = []
        hooks = sys.unraisablehook, sys.excepthook
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 20000)
        sys.unraisablehook = lambda u: raised.append(u.exc_value)
        sys.excepthook = lambda kind, value, tb: raised.append(value)   # Python 3.10's route
        sqlite3.enable_callback_tracebacks(True)
        try:
            yield
        except Exception as e:
            if raised:
                raise raised[0] from None
            if time.monotonic() > deadline:
                raise HistoryError(said("store.too_slow", store=self.where(),
                                        seconds=seconds)) from None
            if "interrupted" in str(getattr(e, "orig", e)):
                # Only a signal handler raising inside the handler stops a query before its
                # deadline; the exception that sqlite3 did not pass on is Ctrl-C's.
                raise KeyboardInterrupt from None
            raise
        finally:
            sqlite3.enable_callback_tracebacks(False)
            sys.unraisablehook, sys.excepthook = hooks
            raw.set_progress_handler(None, 0)

    # -- schema ---------------------------------------------------------------------------

    def _revision(self, conn: Any) -> Optional[str]:
        from sqlalchemy import inspect, text
        if not inspect(conn).has_table("idm_alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM idm_alembic_version")).scalar()

    def _check_readable(self) -> None:
        with self._read() as conn:
            current = self._revision(conn)
        if current is None:
            raise HistoryError(said("store.not_idm_tables", store=self.where()))
        if current not in KNOWN:
            raise HistoryError(said("store.newer", store=self.where(), revision=current))
        self.revision = current

    def _migrate(self) -> None:
        with self._read() as conn:   # the common case: already up to date, no write lock
            current = self._revision(conn)
        if current == HEAD:
            self.revision = HEAD
            return
        with self._write() as conn:
            if not self.sqlite:
                from sqlalchemy import text
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            current = self._revision(conn)   # another writer may have migrated meanwhile
            if current != HEAD:
                if current is not None and current not in KNOWN:
                    raise HistoryError(said("store.newer", store=self.where(),
                                            revision=current))
                from alembic import command
                from alembic.config import Config
                cfg = Config()
                cfg.set_main_option("script_location",
                                    os.path.join(os.path.dirname(__file__), "migrations"))
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        self.revision = HEAD

    # -- writing --------------------------------------------------------------------------

    def record(self, snap: Snapshot) -> int:
        """Insert one run and everything it recorded; the run's number."""
        with self._write() as conn:
            run_id = conn.execute(t.runs.insert().values(**snap.run)).inserted_primary_key[0]
            for table, rows in ((t.rule_packs, snap.rule_packs), (t.inputs, snap.inputs),
                                (t.initiatives, snap.initiatives), (t.coverage, snap.coverage),
                                (t.findings, snap.findings), (t.exceptions, snap.exceptions),
                                (t.input_errors, snap.input_errors), (t.packs, snap.packs),
                                (t.overrides, snap.overrides), (t.params, snap.params),
                                (t.reference_data, snap.reference_data),
                                (t.decisions, snap.decisions)):
                if rows:
                    conn.execute(table.insert(), [dict(r, run_id=run_id) for r in rows])
        return int(run_id)

    def prune(self, before: str) -> int:
        """Delete the runs recorded before the date `before` (YYYY-MM-DD): how many."""
        from sqlalchemy import select
        with self._write() as conn:
            ids = [r[0] for r in conn.execute(
                select(t.runs.c.id).where(t.runs.c.recorded_at < before))]
            for table in t.CHILDREN:
                conn.execute(table.delete().where(table.c.run_id.in_(ids)))
            conn.execute(t.runs.delete().where(t.runs.c.id.in_(ids)))
        return len(ids)

    def erase(self, initiative: str) -> Erased:
        """Remove every trace of one initiative that idm recorded: its rows in every run, the
        input errors and file digests that name it or its files, and its id in other records
        (portfolio messages), replaced by ERASED.  Then the freed space is cleaned: SQLite
        overwrites it (secure_delete) and checkpoints its write-ahead log; PostgreSQL runs
        VACUUM FULL on idm's tables.  `initiative` is matched as idm reads ids (NFC, trimmed)."""
        from sqlalchemy import func, or_, select

        from ..textnorm import nfc_strip
        ident = nfc_strip(initiative)
        if not ident:
            raise HistoryError(said("store.erase_needs_id"))
        deleted: Dict[str, int] = {}
        redacted = 0
        with self._write() as conn:
            if self.sqlite:
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            files = {r[0] for r in conn.execute(select(t.initiatives.c.file).where(
                t.initiatives.c.initiative == ident))}
            for table in t.PER_INITIATIVE:
                n = conn.execute(table.delete().where(table.c.initiative == ident)).rowcount
                deleted[table.name] = n
            named = [self._holds(t.input_errors.c.message, ident),
                     self._holds(t.input_errors.c.file, ident)]
            if files:
                named.append(t.input_errors.c.file.in_(sorted(files)))
            deleted[t.input_errors.name] = conn.execute(
                t.input_errors.delete().where(or_(*named))).rowcount
            for table, columns in ((t.findings, ("message_en", "message_nl", "path", "file")),
                                   (t.inputs, ("file",))):
                for c in columns:
                    col = table.c[c]
                    redacted += conn.execute(table.update().where(self._holds(col, ident)).values(
                        {c: func.replace(col, ident, ERASED)})).rowcount
        return Erased(deleted, redacted, *self._clean_up())

    def _holds(self, column: Any, text: str) -> Any:
        """`column` contains `text`, case and wildcards taken literally (not LIKE)."""
        from sqlalchemy import func
        return (func.instr(column, text) if self.sqlite else func.strpos(column, text)) > 0

    def _clean_up(self) -> Tuple[str, str]:
        """After an erase: ("checkpointed" | "wal_busy" | "vacuumed" | "vacuum_failed", why)."""
        if self.sqlite:
            with self._guard(), self.engine.connect() as conn:
                raw = conn.connection.dbapi_connection   # no transaction around the checkpoint
                busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            return ("wal_busy" if busy else "checkpointed"), ""
        from sqlalchemy.exc import SQLAlchemyError
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.exec_driver_sql("VACUUM FULL " + ", ".join(
                    tb.name for tb in (t.runs,) + t.CHILDREN))
        except SQLAlchemyError as e:
            return "vacuum_failed", _short(e)
        return "vacuumed", ""

    # -- reading --------------------------------------------------------------------------

    def _runs_select(self) -> Any:
        from sqlalchemy import select
        names = _RUN_COLUMNS.get(self.revision or HEAD)
        return select(*[c for c in t.runs.c if names is None or c.name in names])

    def runs(self, root: Optional[str] = None) -> List[RunRow]:
        q = self._runs_select().order_by(t.runs.c.id)
        if root is not None:
            q = q.where(t.runs.c.root == root)
        with self._read() as conn:
            return [RunRow(**r._mapping) for r in conn.execute(q)]

    def has_input(self, sha256: str) -> bool:
        """Whether some recorded run read a file with this SHA-256 (a decision's
        `based_on.digest`: the initiative file its dossier showed)."""
        from sqlalchemy import select
        with self._read() as conn:
            return conn.execute(select(t.inputs.c.id).where(t.inputs.c.sha256 == sha256)
                                .limit(1)).first() is not None

    def run(self, number: int) -> Optional[RunRow]:
        with self._read() as conn:
            r = conn.execute(self._runs_select().where(t.runs.c.id == number)).first()
        return RunRow(**r._mapping) if r is not None else None

    def rows(self, table: Any, run_ids: List[int], initiative: Optional[str] = None
             ) -> List[Dict[str, Any]]:
        """Rows of a child table for some runs, in a stable order."""
        from sqlalchemy import select
        if not run_ids:
            return []
        q = select(table).where(table.c.run_id.in_(run_ids))
        if initiative is not None:
            q = q.where(table.c.initiative == initiative)
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(table.c.run_id,
                                                                      table.c.id))]

    def counts(self, table: Any, run_ids: List[int], initiative: Optional[str] = None
               ) -> Dict[int, int]:
        return {r[0]: r[1] for r in grouped(self, table, [], run_ids, initiative)}


def _shown(path: str) -> str:
    """A store's path as messages show it: relative below the working directory, on one
    line (control characters escaped)."""
    from ..errors import escape_controls
    rel = os.path.relpath(path) if path else path
    return escape_controls(path if not path or rel.startswith("..") else rel)


def _sqlite_engine(path: str, create: bool, writable: bool) -> Any:
    """An engine on the SQLite file `path`, connected through sqlite3 directly (so no character
    of the path is read as URL syntax).  A reader opens it read-only: `mode=ro`, or
    `immutable=1` where the folder cannot be written (SQLite could not make its lock file)."""
    import sqlite3
    from urllib.parse import quote

    import sqlalchemy
    from sqlalchemy.pool import NullPool
    try:
        if create:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            if os.path.isdir(path):
                raise IsADirectoryError(21, "a folder is in the way")
        elif not os.path.exists(path):
            raise NoStore(said("store.nothing_yet", store=_shown(path)))
        elif os.path.isdir(path) or (not writable and os.path.getsize(path) == 0):
            raise HistoryError(said("store.not_a_store", store=_shown(path), what=said(
                "store.a_folder" if os.path.isdir(path) else "store.an_empty_file")))
    except FileExistsError:   # makedirs met a file where a folder of the path should be
        raise HistoryError(said("store.file_in_the_way", store=_shown(path)))
    except OSError as e:
        raise HistoryError(said("store.cannot_create", store=_shown(path),
                                error=str(e.strerror or e)))
    timeout = BUSY_TIMEOUT_MS / 1000
    if writable:
        def connect() -> Any:
            return sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    else:
        mode = "mode=ro" if os.access(os.path.dirname(path) or ".", os.W_OK) else "immutable=1"
        uri = "file:%s?%s" % (quote(os.path.abspath(path)), mode)

        def connect() -> Any:
            return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
    engine = sqlalchemy.create_engine("sqlite://", creator=connect, poolclass=NullPool)
    _sqlite_setup(engine, writable)
    return engine


def _postgres_engine(url: Any, writable: bool) -> Any:
    """An engine whose sessions bound every statement in time and, for a reader, refuse to
    write (set with SET after connecting: a connection pooler may refuse startup options)."""
    import sqlalchemy
    from sqlalchemy import event
    from sqlalchemy.pool import NullPool
    try:
        engine = sqlalchemy.create_engine(url, poolclass=NullPool,
                                          connect_args={"connect_timeout": 10})
    except ImportError:
        raise HistoryError(said("store.no_psycopg"))

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute("SET statement_timeout = %d" % (QUERY_SECONDS * 1000))
            if not writable:
                cur.execute("SET default_transaction_read_only = on")
        dbapi_conn.commit()

    return engine


def _sqlite_setup(engine: Any, writable: bool) -> None:
    """A busy timeout and explicit BEGIN (IMMEDIATE for writers): pysqlite's own transaction
    handling would start the write lock late and fail instead of waiting.  Only a writer
    switches the store to WAL (a setting kept in the file)."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        if writable:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA foreign_keys = ON")
        else:
            cur.execute("PRAGMA query_only = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("idm_write") else "BEGIN")


def run_ids(runs: List[RunRow]) -> List[int]:
    return [r.id for r in runs]


def pair(a: Optional[int], b: Optional[int], runs: List[RunRow]) -> Tuple[RunRow, RunRow]:
    """The two runs `idm diff` compares: given numbers, or the last two."""
    by_id = {r.id: r for r in runs}
    if a is None and b is None:
        if len(runs) < 2:
            raise HistoryError(said("store.diff_needs_two", count=len(runs)))
        return runs[-2], runs[-1]
    if b is None:   # one run given: compare it with the last one
        b = runs[-1].id if runs else None
    for n in (a, b):
        if n not in by_id:
            raise HistoryError(said("store.no_run", run=n))
    return by_id[a], by_id[b]


def grouped(store: Store, table: Any, columns: List[str], run_ids: List[int],
            initiative: Optional[str] = None) -> List[Tuple[Any, ...]]:
    """(run_id, *columns, count) for the rows of `table` in `run_ids`: summaries are counted by
    the database, not by reading every finding of every run."""
    from sqlalchemy import func, select
    if not run_ids:
        return []
    cols = [table.c.run_id] + [table.c[c] for c in columns]
    q = select(*cols, func.count()).where(table.c.run_id.in_(run_ids)).group_by(*cols)
    if initiative is not None:
        q = q.where(table.c.initiative == initiative)
    with store._read() as conn:
        return [tuple(r) for r in conn.execute(q)]
