"""Safe extraction of a pack archive, `.tar.gz` or `.zip` (docs/design/packs.md §7).

Only regular files and folders are written, each below the destination: absolute names, `..`,
links, devices and FIFOs are refused, and the number of members and the bytes written are
bounded, so an archive from anywhere cannot write outside the cache or fill the disk."""
from __future__ import annotations

import os
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterator, List, Optional, Tuple

from ..i18n import Text, said, text_of

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 100 * 1024 * 1024      # uncompressed
_CHUNK = 1 << 16


class ArchiveError(Exception):
    """An archive that is refused: the message names the archive and the member.  str() is it
    in English, `message` the catalogue message to show in the user's language."""

    def __init__(self, message: Text) -> None:
        self.message = message
        super().__init__(text_of(message))


@dataclass(frozen=True)
class Limits:
    members: int = MAX_MEMBERS
    total_bytes: int = MAX_TOTAL_BYTES


def _safe_name(archive: str, name: str) -> List[str]:
    """The member's path parts, or ArchiveError when it could leave the destination."""
    if "\0" in name or "\\" in name:
        raise ArchiveError(said("archive.bad_name", archive=archive, member=repr(name)))
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ArchiveError(said("archive.absolute", archive=archive, member=repr(name)))
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ArchiveError(said("archive.dotdot", archive=archive, member=repr(name)))
    return parts


def _members(archive: str, shown: str) -> Iterator[Tuple[List[str], bool, int, BinaryIO]]:
    """(parts, is_dir, declared size, opener) of each member, refusing anything not a regular
    file or folder."""
    if archive.lower().endswith(".zip"):
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                parts = _safe_name(shown, info.filename)
                kind = stat.S_IFMT(info.external_attr >> 16)   # 0: permissions only
                if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
                    raise ArchiveError(said("archive.zip_special", archive=shown,
                                             member=repr(info.filename)))
                is_dir = info.is_dir()
                yield parts, is_dir, info.file_size, (None if is_dir else z.open(info))
        return
    with tarfile.open(archive, "r:*") as t:
        for info in t:
            parts = _safe_name(shown, info.name)
            if info.issym() or info.islnk():
                raise ArchiveError(said("archive.link", archive=shown, member=repr(info.name)))
            if not (info.isreg() or info.isdir()):
                raise ArchiveError(said("archive.special", archive=shown, member=repr(info.name)))
            yield parts, info.isdir(), info.size, (None if info.isdir()
                                                   else t.extractfile(info))


def extract(archive: str, dest: str, shown: Optional[str] = None,
            limits: Limits = Limits()) -> None:
    """Extract `archive` into the empty folder `dest`; one top-level folder holding everything
    (as release archives have) is left out.  ArchiveError when refused; `dest` may then hold
    part of it (the caller extracts into a temporary folder)."""
    shown = shown or archive
    entries = []
    count = total = 0
    try:
        for parts, is_dir, size, fh in _members(archive, shown):
            count += 1
            if count > limits.members:
                raise ArchiveError(said("archive.members", archive=shown, limit=limits.members))
            total += max(size, 0)
            if total > limits.total_bytes:
                raise ArchiveError(said("archive.bytes", archive=shown,
                                        limit=limits.total_bytes))
            if not parts:
                continue
            if is_dir:
                entries.append((parts, None))
                continue
            entries.append((parts, True))
            _write(dest, parts, fh, shown, limits, total - size)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError, zlib.error) as e:   # damaged, encrypted, unknown compression
        if isinstance(e, ArchiveError):
            raise
        raise ArchiveError(said("archive.unreadable", archive=shown, error=str(e)))
    _strip_single_top(dest)


def _write(dest: str, parts: List[str], fh: BinaryIO, shown: str, limits: Limits,
           before: int) -> None:
    target = os.path.join(dest, *parts)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if not os.path.realpath(target).startswith(os.path.realpath(dest) + os.sep):
        raise ArchiveError(said("archive.outside", archive=shown, member=repr("/".join(parts))))
    written = before
    with open(target, "xb") as out:   # x: a second member of the same name is refused
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            written += len(chunk)
            if written > limits.total_bytes:   # a header that lied about the size
                raise ArchiveError(said("archive.bytes", archive=shown,
                                        limit=limits.total_bytes))
            out.write(chunk)


def _strip_single_top(dest: str) -> None:
    names = os.listdir(dest)
    if len(names) != 1 or not os.path.isdir(os.path.join(dest, names[0])):
        return
    top = os.path.join(dest, ".top-" + names[0])
    os.rename(os.path.join(dest, names[0]), top)   # a member may have the folder's name
    for name in os.listdir(top):
        os.rename(os.path.join(top, name), os.path.join(dest, name))
    os.rmdir(top)
