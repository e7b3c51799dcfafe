"""Report text kept from the last run (docs/cache.md, "The last run"): per report section
(a format, its language and options), the text each initiative's part of the report had, so
that a re-check after one edit renders one initiative's part instead of 10,000.

A part is used again only under its key: the initiative's cache entry (its file's content, the
rules, date and options) and the portfolio findings attached to it.  Everything else a report
holds (totals, portfolio findings, input errors) is written anew every run.

Each section is up to three files under the cache's `runs` folder: a base and a delta holding
the text of parts one after the other, and an index (the header of an entry: format, name,
digest of the rest; then each part's key, file, place and what the report needs to know of it,
and each file's size and checksum).  All are written under temporary names and renamed into
place, the index last: a run that reads a section while another writes it finds a checksum
wrong and renders every part.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from typing import Any, BinaryIO, Dict, List, Optional, Sequence, Tuple

from . import cachecodec as codec
from .lastrun import trusted

FORMAT = "idm-fragments 2"   # 2: offsets and lengths in bytes


def _checksum() -> Any:
    # Against torn or mixed-up files, not against an attacker (who could rewrite the index
    # too): the fastest digest hashlib has everywhere.
    return hashlib.sha1(usedforsecurity=False)


DELTA_SHARE = 8   # new parts of up to an eighth of the base's text go into a delta file


class Section:
    """One report section of a run: the parts of the last run under their keys, and the parts
    of this run as the report writes them (`put`, in report order).

    Parts are kept as UTF-8 bytes (a report that can take bytes is given them as they are),
    in a base file and a delta file: a run that renders few new parts writes only those (and
    the delta's parts still used) to a new delta, not all 50 MB of a large portfolio's report;
    a run that renders more writes a new base."""

    def __init__(self, folder: str, name: str, keys: Sequence[Optional[str]]):
        self.keys = keys
        self.base = os.path.join(folder, name)
        # key -> (file (0 base, 1 delta), offset, length in bytes, meta) of the last run's parts
        self.old: Dict[str, Tuple[int, int, int, Any]] = {}
        self.blobs: List[memoryview] = []
        self.old_keys: List[str] = []
        # [size, checksum, status when last found whole] of the base file
        self.base_blob: Optional[List[Any]] = None
        self.base_size = 0
        self._load()
        self.parts: List[List[Any]] = []    # [key, file, offset, length, meta] of this run
        self.delta: List[Any] = []
        self.delta_size = 0
        self.full: Optional[BinaryIO] = None    # a new base being written
        self.full_size = 0
        self.tmp = ""
        self.sum = _checksum()
        self.same = True          # every part so far is the last run's, in its place
        self.broken = any(k is None for k in keys)   # a part without a key is never kept

    def _load(self) -> None:
        name = os.path.basename(self.base)
        try:
            with open(self.base + ".idx", "rb") as fh:
                head, _, body = fh.read().partition(b"\n")
            if head != _header(name, body):
                return
            index = json.loads(body.decode("utf-8"))
            blobs, parts = index["blobs"], index["parts"]
            datas, sigs = [], []
            for suffix, blob in zip((".txt", ".dtxt"), blobs):
                if blob is None:
                    datas.append(b"")
                    sigs.append(None)
                    continue
                with open(self.base + suffix, "rb") as fh:
                    st = os.fstat(fh.fileno())
                    data = fh.read()
                sig = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
                # A file is never changed once renamed into place: one whose status is the
                # one recorded when it was last found whole is whole (any write changes its
                # change time); others are checked byte by byte.
                if blob[2] is None or blob[2] != sig or len(data) != blob[0]:
                    digest = _checksum()
                    digest.update(data)
                    if [len(data), digest.hexdigest()] != blob[:2]:
                        return
                sigs.append(trusted(tuple(sig), time.time_ns()))
                datas.append(data)
            old, keys = {}, []
            for key, at, offset, length, meta in parts:
                if not (type(at) is int and 0 <= at < len(datas) and type(offset) is int
                        and type(length) is int and 0 <= offset
                        and offset + length <= len(datas[at])):
                    return
                old[key] = (at, offset, length, meta)
                keys.append(key)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return
        self.old, self.old_keys = old, keys
        self.blobs = [memoryview(d) for d in datas]
        self.base_size = len(datas[0])
        if blobs[0] is not None:
            self.base_blob = [blobs[0][0], blobs[0][1], list(sigs[0]) if sigs[0] else None]
        try:   # recently used (the cache trims the oldest files first; the text files go
            os.utime(self.base + ".idx")   # with their index, and keep their status)
        except OSError:
            pass

    def missing(self) -> int:
        """How many parts of this run the last run did not render."""
        return sum(1 for key in self.keys if key is None or key not in self.old)

    def get(self, k: int) -> Optional[Tuple[memoryview, Any]]:
        """Place k's part of the last run as UTF-8, with what it told the report; None: render
        it."""
        key = self.keys[k]
        found = None if key is None else self.old.get(key)
        if found is None:
            return None
        at, offset, length, meta = found
        return self.blobs[at][offset:offset + length], meta

    def put(self, k: int, text: Optional[str], meta: Any = None,
            data: Optional[memoryview] = None) -> None:
        """Place k's part of this run (after place k - 1's): `text` rendered, or `data`, the
        last run's part as `get` gave it."""
        if self.broken:
            return
        key = self.keys[k]
        # A key names one text: the part of an initiative (its entry, rules, date, options) in
        # one report section, with the portfolio findings attached to it.
        old = self.old.get(key) if data is not None else None  # type: ignore[arg-type]
        if self.same and (old is None or k >= len(self.old_keys) or self.old_keys[k] != key):
            self.same = False
        if data is None:
            try:   # strictly: a text a UTF-8 stream would refuse is not kept either
                data = memoryview(text.encode("utf-8"))  # type: ignore[union-attr]
            except UnicodeEncodeError:
                self.broken = True
                return
        if self.full is not None:
            self._write(key, data, meta)
        elif old is not None and old[0] == 0:
            self.parts.append([key, 0, old[1], old[2], meta])
        else:
            self.parts.append([key, 1, self.delta_size, len(data), meta])
            self.delta.append(data)
            self.delta_size += len(data)
            if self.delta_size * DELTA_SHARE > self.base_size:
                self._start_full()

    def _start_full(self) -> None:
        """Write a new base: the parts so far, then each as it comes."""
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(self.base))
            self.full = os.fdopen(fd, "wb")
        except OSError:
            self.broken = True
            return
        parts, delta = self.parts, self.delta
        self.parts, self.delta = [], []
        at = 0
        for key, blob, offset, length, meta in parts:
            if blob == 0:
                data = self.blobs[0][offset:offset + length]
            else:
                data = delta[at]
                at += 1
            self._write(key, data, meta)

    def _write(self, key: Optional[str], data: Any, meta: Any) -> None:
        try:
            assert self.full is not None
            self.full.write(data)
        except OSError:
            self.broken = True
            return
        self.sum.update(data)
        self.parts.append([key, 0, self.full_size, len(data), meta])
        self.full_size += len(data)

    def close(self) -> None:
        """Keep this run's parts for the next run, unless they are the last run's."""
        try:
            if self.full is not None:
                self.full.close()
            if self.broken or len(self.parts) != len(self.keys) or (
                    self.same and len(self.old_keys) == len(self.keys)):
                return
            if self.full is not None:
                blobs = [[os.path.getsize(self.tmp), self.sum.hexdigest(), None], None]
                os.replace(self.tmp, self.base + ".txt")
                self.tmp = ""
            else:
                data = b"".join(self.delta)
                digest = _checksum()
                digest.update(data)
                blobs = [self.base_blob, [len(data), digest.hexdigest(), None] if data else None]
                if data:
                    write_atomic(self.base + ".dtxt", data)
            body = json.dumps({"blobs": blobs, "parts": self.parts},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            write_atomic(self.base + ".idx", _header(os.path.basename(self.base), body)
                         + b"\n" + body)
        except OSError:
            pass
        finally:
            if self.tmp:
                try:
                    os.unlink(self.tmp)
                except OSError:
                    pass
            self.blobs = []


class Reuse:
    """The report parts of a run that may come from the last run: `keys[k]` is the key of the
    initiative at report place k (None: not from the cache, always rendered)."""

    def __init__(self, folder: str, run: str, keys: Sequence[Optional[str]]):
        self.folder, self.run, self.keys = folder, run, keys

    def section(self, name: str) -> Optional[Section]:
        """The parts of report section `name` (the format and whatever else besides the
        initiative shapes its text: language, options); None when the cache folder cannot be
        made (the report is then rendered in full)."""
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
        except OSError:
            return None
        return Section(self.folder, "%s.%s" % (self.run, codec.digest(name.encode("utf-8"))),
                       self.keys)


def _header(name: str, body: bytes) -> bytes:
    return ("%s %s %s" % (FORMAT, name, codec.digest(body))).encode("ascii")


def write_atomic(path: str, data: bytes) -> None:
    """`data` into `path` under a temporary name renamed into place: readers see the whole old
    file or the whole new one.  OSError when it cannot be written."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


__all__ = ["Reuse", "Section", "write_atomic"]
