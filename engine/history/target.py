"""Where the history lives: a TARGET from the command line or the environment as a database URL.

TARGET is a file path (an SQLite database, created with its folder), `sqlite:///path`, or a
`postgresql://` URL.  A PostgreSQL password is read from the environment (IDM_DB_URL, or
PGPASSWORD/PGPASSFILE and the other standard PG* variables that libpq reads), never from the
command line, where other users of the machine can see it in the process list.
"""
from __future__ import annotations

import os
from typing import Mapping, Optional

from ..errors import InputError

DEFAULT_FILE = os.path.join(".idm", "history.sqlite")
ENV = "IDM_DB_URL"
_INITIATIVE_SUFFIXES = (".yaml", ".yml", ".json")


def resolve(target: Optional[str], env: Mapping[str, str] = os.environ) -> str:
    """The SQLAlchemy URL of `target`; empty or None: IDM_DB_URL, else .idm/history.sqlite."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from_cli = bool(target)
    text = target or env.get(ENV) or DEFAULT_FILE
    where = "--record/--db" if from_cli else (ENV if env.get(ENV) else "history")
    if "://" not in text:
        if from_cli and (os.path.isdir(text) or text.endswith(_INITIATIVE_SUFFIXES)):
            raise InputError.at(text, "%s: this looks like an input, not a history store; "
                                "write --record=TARGET, or put --record after the inputs" % where)
        return "sqlite:///" + os.path.abspath(text)
    try:
        url = make_url(text)
    except ArgumentError:
        raise InputError.at(where, "not a database URL: %s" % _hide_password(text))
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.render_as_string(hide_password=False)
    if backend not in ("postgresql", "postgres"):
        raise InputError.at(where, "unsupported database %r: use a file path, sqlite:///PATH or "
                            "postgresql://..." % backend)
    if from_cli and url.password:
        raise InputError.at(where, "a password on the command line is visible to every user of "
                            "this machine: put it in %s or PGPASSWORD instead" % ENV)
    url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def describe(url: str) -> str:
    """The URL as it may be shown in messages: without its password or driver name."""
    return _hide_password(url.replace("postgresql+psycopg://", "postgresql://", 1))


def _hide_password(text: str) -> str:
    try:
        from sqlalchemy.engine import make_url
        return make_url(text).render_as_string(hide_password=True)
    except Exception:   # not a URL at all: show it as it was given
        return text
