"""A throwaway PostgreSQL server for the history tests: initdb and pg_ctl in a temporary folder,
reached over a Unix socket in that folder only, stopped and removed after the session.

Without PostgreSQL's server binaries (or psycopg) the PostgreSQL variants skip with the reason
(fail, with IDM_TEST_POSTGRES=required as in CI); they never pass without running.  As root the
server runs as the `postgres` user (initdb refuses root).
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from typing import Iterator, List, Optional

import pytest

USER = "idm"


def _bindir() -> Optional[str]:
    found = shutil.which("pg_ctl")
    if found:
        return os.path.dirname(os.path.realpath(found))
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(d.split("/")[-2])
                  if d.split("/")[-2].isdigit() else 0)
    return dirs[-1] if dirs and os.path.exists(os.path.join(dirs[-1], "pg_ctl")) else None


class Server:
    def __init__(self, bindir: str):
        self.bindir = bindir
        self.root = tempfile.mkdtemp(prefix="idm-pg-")
        self.data = os.path.join(self.root, "data")
        self.prefix: List[str] = []
        if os.geteuid() == 0:
            import pwd
            pw = pwd.getpwnam("postgres")   # KeyError: no such user, handled by the fixture
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        subprocess.run(self.prefix + [os.path.join(self.bindir, args[0])] + list(args[1:]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        self._run("initdb", "-D", self.data, "-U", USER, "-A", "trust", "-E", "UTF8",
                  "--no-locale")
        self._run("pg_ctl", "-D", self.data, "-l", os.path.join(self.root, "log"), "-w",
                  "-o", "-c listen_addresses='' -c unix_socket_directories=%s -c fsync=off "
                        "-p 5432" % self.root, "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        """A fresh, empty database: its URL (no password: trust over the private socket)."""
        import psycopg
        name = "idm_test_%d" % next(self._names)
        with psycopg.connect(host=self.root, port=5432, user=USER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute("CREATE DATABASE %s" % name)
        return "postgresql://%s@/%s?host=%s&port=5432" % (USER, name, self.root)


def _unavailable(reason: str) -> None:
    """Skip with the reason; fail where PostgreSQL must be there (.ci/run sets the variable)."""
    if os.environ.get("IDM_TEST_POSTGRES") == "required":
        pytest.fail("PostgreSQL is required here (IDM_TEST_POSTGRES=required): " + reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    bindir = _bindir()
    if bindir is None:
        _unavailable("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's "
                    "postgresql package to run the PostgreSQL variants")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test]')")
    try:
        server = Server(bindir)
    except KeyError:
        _unavailable("running as root without a 'postgres' user to run the server as")
    try:
        server.start()
    except subprocess.CalledProcessError as e:
        server.stop()
        pytest.fail("PostgreSQL did not start: %s" % (e.stderr or b"").decode(errors="replace"))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def history_url(request, tmp_path) -> str:
    """A fresh history store of each kind: a file for SQLite, a new database for PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "store" / "history.sqlite")
    return request.getfixturevalue("postgres_server").new_database()
