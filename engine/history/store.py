"""The history store: opening it (SQLite or PostgreSQL through SQLAlchemy), bringing its schema
up to date with the Alembic migrations, recording a run in one transaction, reading runs back,
and the two deletes (retention and erasure).

Concurrency: SQLite runs in WAL mode with a busy timeout and every writing transaction starts
with BEGIN IMMEDIATE, so two recording runs queue instead of failing; PostgreSQL serialises the
migration step with a transaction-scoped advisory lock.  A run is inserted in one transaction:
an interrupted run leaves nothing behind.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple

from . import schema as t
from .snapshot import Snapshot
from .target import describe

HEAD = "0002"                 # the newest migration (a test checks it against migrations/)
KNOWN = ("0001", "0002")      # every revision this idm can migrate from
BUSY_TIMEOUT_MS = 30000       # how long a writer waits for another one
_LOCK_KEY = 0x1D4_0020        # PostgreSQL advisory lock of the migration step


class HistoryError(Exception):
    """The history store cannot be used: str() is the whole one-line message."""


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


def _short(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


class Store:
    """One history store.  Open with `Store.open(url)`; every method runs in a transaction of
    its own."""

    def __init__(self, url: str, engine: Any):
        self.url, self.engine = url, engine
        self.sqlite = url.startswith("sqlite")

    @classmethod
    def open(cls, url: str, create: bool = True) -> "Store":
        """Connect and migrate.  `create` False: a missing SQLite file is an error, not made."""
        try:
            import sqlalchemy
            from sqlalchemy.pool import NullPool
        except ImportError as e:   # pragma: no cover - a broken installation
            raise HistoryError("history: SQLAlchemy is not installed (%s)" % e)
        if url.startswith("sqlite"):
            path = sqlalchemy.engine.make_url(url).database or ""
            if not create and not os.path.exists(path):
                raise NoStore("history: %s: no history recorded here yet (record runs with "
                                   "--record)" % _shown(path))
            if create and path:
                os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            engine = sqlalchemy.create_engine(url, poolclass=NullPool,
                                              connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _sqlite_setup(engine)
        else:
            try:
                engine = sqlalchemy.create_engine(url, poolclass=NullPool,
                                                  connect_args={"connect_timeout": 10})
            except ImportError:
                raise HistoryError("history: PostgreSQL needs the psycopg driver: pip install "
                                   "'idm[postgres]'")
        store = cls(url, engine)
        with store._guard():
            store._migrate()
        return store

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Database errors become one HistoryError line naming the store."""
        from sqlalchemy.exc import SQLAlchemyError
        try:
            yield
        except SQLAlchemyError as e:
            raise HistoryError("history: %s: %s" % (self.where(), _short(e)))

    def where(self) -> str:
        if self.sqlite:
            return _shown(self.engine.url.database or "")
        return describe(self.url)

    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        with self._guard(), self.engine.connect() as conn:
            conn.info["idm_write"] = True   # read by the SQLite begin event
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Any]:
        with self._guard(), self.engine.connect() as conn:
            yield conn

    # -- schema ---------------------------------------------------------------------------

    def _revision(self, conn: Any) -> Optional[str]:
        from sqlalchemy import inspect, text
        if not inspect(conn).has_table("idm_alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM idm_alembic_version")).scalar()

    def _migrate(self) -> None:
        with self._read() as conn:   # the common case: already up to date, no write lock
            current = self._revision(conn)
        if current == HEAD:
            return
        with self._write() as conn:
            if not self.sqlite:
                from sqlalchemy import text
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            current = self._revision(conn)   # another writer may have migrated meanwhile
            if current == HEAD:
                return
            if current is not None and current not in KNOWN:
                raise HistoryError("history: %s: recorded by a newer idm (schema revision %s); "
                                   "upgrade idm to read it" % (self.where(), current))
            from alembic import command
            from alembic.config import Config
            cfg = Config()
            cfg.set_main_option("script_location",
                                os.path.join(os.path.dirname(__file__), "migrations"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # -- writing --------------------------------------------------------------------------

    def record(self, snap: Snapshot) -> int:
        """Insert one run and everything it recorded; the run's number."""
        with self._write() as conn:
            run_id = conn.execute(t.runs.insert().values(**snap.run)).inserted_primary_key[0]
            for table, rows in ((t.rule_packs, snap.rule_packs), (t.inputs, snap.inputs),
                                (t.initiatives, snap.initiatives), (t.coverage, snap.coverage),
                                (t.findings, snap.findings), (t.exceptions, snap.exceptions),
                                (t.input_errors, snap.input_errors), (t.packs, snap.packs),
                                (t.overrides, snap.overrides)):
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

    def erase(self, initiative: str) -> int:
        """Delete everything recorded about one initiative in every run: how many rows."""
        with self._write() as conn:
            n = 0
            for table in t.PER_INITIATIVE:
                n += conn.execute(table.delete().where(table.c.initiative == initiative)).rowcount
        return n

    # -- reading --------------------------------------------------------------------------

    def runs(self, root: Optional[str] = None) -> List[RunRow]:
        from sqlalchemy import select
        q = select(t.runs).order_by(t.runs.c.id)
        if root is not None:
            q = q.where(t.runs.c.root == root)
        with self._read() as conn:
            return [RunRow(**r._mapping) for r in conn.execute(q)]

    def run(self, number: int) -> Optional[RunRow]:
        from sqlalchemy import select
        with self._read() as conn:
            r = conn.execute(select(t.runs).where(t.runs.c.id == number)).first()
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
    rel = os.path.relpath(path) if path else path
    return path if not path or rel.startswith("..") else rel


def _sqlite_setup(engine: Any) -> None:
    """WAL, a busy timeout and explicit BEGIN (IMMEDIATE for writers): pysqlite's own
    transaction handling would start the write lock late and fail instead of waiting."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
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
            raise HistoryError("history: diff needs two recorded runs; %d recorded" % len(runs))
        return runs[-2], runs[-1]
    if b is None:   # one run given: compare it with the last one
        b = runs[-1].id if runs else None
    for n in (a, b):
        if n not in by_id:
            raise HistoryError("history: no run #%s recorded" % n)
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
