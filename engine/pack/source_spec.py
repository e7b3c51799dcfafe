"""A pack source as `.idm.yaml` and `idm.lock` write it (docs/design/packs.md §6): its kind, and
its text without credentials.  Light to import: every evaluating command reads sources, only
`idm packs` fetches them (sources.py)."""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Optional

from ..i18n import Text, text_of

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".zip")


def is_archive(name: str) -> bool:
    return name.lower().split("?", 1)[0].endswith(ARCHIVE_SUFFIXES)


GIT_PREFIXES = ("git+https://", "git+ssh://", "git+file://")


class SourceError(Exception):
    """A source that cannot be fetched; the message holds no credential.  str() is it in
    English, `message` the catalogue message (or the words) to show in the user's language."""

    def __init__(self, message: Text) -> None:
        self.message = message
        super().__init__(text_of(message))


@dataclass(frozen=True)
class Source:
    """A pack source as written in .idm.yaml (`raw`, which may hold credentials)."""

    raw: str
    ref: Optional[str] = None

    @property
    def kind(self) -> str:
        if self.raw.startswith(GIT_PREFIXES):
            return "git"
        if self.raw.startswith("https://"):
            return "url"
        if is_archive(self.raw):
            return "archive"
        return "folder"

    @property
    def remote(self) -> bool:
        """Fetched into the cache (not read from the project's own files)."""
        return self.kind != "folder"

    @property
    def shown(self) -> str:
        """The source without credentials: what the lock, the cache and output hold."""
        return strip_credentials(self.raw)


def strip_credentials(url: str) -> str:
    """`url` without user and password; ssh keeps a user name without password (git@host),
    which is no secret and which ssh needs."""
    if "://" not in url:
        return url
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    userinfo, host = parts.netloc.rsplit("@", 1)
    if parts.scheme.endswith("ssh") and ":" not in userinfo:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


_URL_WITH_USER = re.compile(r"([a-z+]+://)[^/@\s]+@")


def redact(text: str) -> str:
    """A message (from git, for instance) with the userinfo of every URL in it removed."""
    return _URL_WITH_USER.sub(r"\1", text)
