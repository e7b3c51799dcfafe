"""Where the history lives: a TARGET from the command line or the environment as a database URL.

TARGET is a file path (an SQLite database, created with its folder), `sqlite:///path`, or a
`postgresql://` URL.  A PostgreSQL password is read from the environment (IDM_DB_URL, or
PGPASSWORD/PGPASSFILE and the other standard PG* variables that libpq reads), never from the
command line, where other users of the machine can see it in the process list: a password in
the user part (`u:pw@`) or in any query option whose name holds "password" (`password=`,
`sslpassword=`) is refused there.  `passfile=` names a file, not a secret, and is accepted.

A file path becomes a URL through SQLAlchemy's URL.create, never by pasting it after
`sqlite:///`: a `%2F`, `?` or `#` in a folder name stays part of the path.  Messages show a URL
without its password and without its query string (see `describe`).
"""
from __future__ import annotations

import os
from typing import Any, Mapping, Optional

from ..errors import InputError
from ..i18n import said

DEFAULT_FILE = os.path.join(".idm", "history.sqlite")
ENV = "IDM_DB_URL"
_INITIATIVE_SUFFIXES = (".yaml", ".yml", ".json")


def resolve(target: Optional[str], env: Mapping[str, str] = os.environ) -> Any:
    """The SQLAlchemy URL (a sqlalchemy.engine.URL) of `target`; empty or None: IDM_DB_URL,
    else .idm/history.sqlite.  InputError, one line, when it cannot name a store."""
    from sqlalchemy.engine import URL, make_url

    from_cli = bool(target)
    text = target or env.get(ENV) or DEFAULT_FILE
    where = "--record/--db" if from_cli else (ENV if env.get(ENV) else "history")
    if "://" not in text:
        if text.strip() == "-":
            raise InputError.at(where, said("store.target.stdout"))
        if from_cli and (os.path.isdir(text) or text.endswith(_INITIATIVE_SUFFIXES)):
            raise InputError.at(text, said("store.target.an_input", option=where))
        return URL.create("sqlite", database=os.path.abspath(text))
    try:
        url = make_url(text)
    except Exception:   # ArgumentError, or ValueError for a port that is not a number
        raise InputError.at(where, said("store.target.not_a_url", url=_masked_text(text)))
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.query:
            raise InputError.at(where, said("store.target.sqlite_options"))
        if not url.database or url.database == "-":
            raise InputError.at(where, said("store.target.no_file", url=describe(url)))
        return URL.create("sqlite", database=os.path.abspath(url.database))
    if backend not in ("postgresql", "postgres"):
        raise InputError.at(where, said("store.target.unsupported", backend=repr(backend)))
    if from_cli and (url.password or any("password" in k.lower() for k in url.query)):
        raise InputError.at(where, said("store.target.password", env=ENV))
    return url.set(drivername="postgresql+psycopg")


def describe(url: Any) -> str:
    """The URL as it may be shown in messages: no driver name, no password, no query string
    (which may hold a password given in the environment)."""
    from sqlalchemy.engine import make_url
    u = make_url(url) if isinstance(url, str) else url
    if u.get_backend_name() == "sqlite":
        return u.database or ""
    u = u.set(drivername=u.get_backend_name(), query={})
    return u.render_as_string(hide_password=True)


def secrets(url: Any) -> list:
    """The strings of `url` that must never be printed: its password and query values."""
    out = [str(url.password)] if url.password else []
    out += [v for vs in url.query.values() for v in ((vs,) if isinstance(vs, str) else vs)]
    return [s for s in out if s]


def _masked_text(text: str) -> str:
    """A string that did not parse as a URL: its scheme and host part only, no user part,
    no path or query (where a password may be)."""
    scheme, _, rest = text.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].rpartition("@")[2]
    return "%s://%s/..." % (scheme, host)
