"""A long report's per-initiative section written by several processes at once, and from the
parts the last run rendered.

Writing the report is the last step of a run and ran on one core while the others idled: at
10,000 initiatives the JSON report took 4 s of a 30 s run.  With `jobs` above one, the
initiatives are cut into consecutive ranges; forked processes render every range but the first
into temporary files while this process writes the first, and then their text is copied after
it, in order.  The text is the same as one process writes: each range is rendered by the same
function, and only where it starts differs.  A process that fails (killed, or any error) costs
nothing but time: its range is then rendered here.

With the result cache, a part whose initiative and attached portfolio findings are those of the
last run is copied from that run's report (engine/check/fragments.py); this process is told
each part in order, to keep them for the next run.
"""
from __future__ import annotations

import codecs
import dataclasses
import io
import os
from typing import Any, Callable, List, Optional, TextIO, Tuple

from ..check.workers import Forked, fork_available

MIN_PART = 500       # initiatives per process at least: below that a fork costs more than it saves
CHUNK = 1 << 18      # bytes of parts written at once

Piece = Callable[[int], str]              # initiative k's part of the report


def ranges(n: int, jobs: int) -> List[Tuple[int, int]]:
    """Consecutive ranges covering 0 .. n - 1, at most `jobs`, each of MIN_PART or more."""
    parts = max(1, min(jobs, n // MIN_PART))
    cuts = [n * k // parts for k in range(parts + 1)]
    return [(cuts[k], cuts[k + 1]) for k in range(parts)]


class Parts:
    """Writes initiatives' parts of a report to `out`: the last run's part where `section` (the
    result cache's report section, or None) has it, else the part rendered; and tells the
    section each part, in order, for the next run.

    Where `out` is a UTF-8 file or standard output, parts go to its bytes as they are: 50 MB
    of a large report are neither decoded nor encoded again."""

    def __init__(self, out: TextIO, section: Any = None):
        self.out, self.section = out, section
        self.raw = _bytes_of(out) if section is not None else None
        self.pending: List[Any] = []     # bytes written in chunks: a write costs a call
        self.size = 0

    def _write(self, data: Any) -> None:
        self.pending.append(data)
        self.size += len(data)
        if self.size >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            assert self.raw is not None
            self.raw[0](b"".join(self.pending))
            self.pending, self.size = [], 0

    def copied(self, k: int, sep: str = "") -> Tuple[bool, Any]:
        """Write the last run's part k after `sep`, if there is one: (found, what it told)."""
        got = self.section.get(k) if self.section is not None else None
        if got is None:
            return False, None
        data, meta = got
        if self.raw is not None:
            if sep:
                self._write(sep.encode("utf-8", self.raw[1]))
            self._write(data)
        else:
            self.out.write(sep + str(data, "utf-8"))
        self.section.put(k, None, meta, data)
        return True, meta

    def rendered(self, k: int, text: str, sep: str = "", meta: Any = None) -> None:
        """Write part k as rendered, after `sep` (one write: each costs a call through the
        console)."""
        if self.raw is not None:
            self._write((sep + text).encode("utf-8", self.raw[1]))
        else:
            self.out.write(sep + text)
        if self.section is not None:
            self.section.put(k, text, meta)

    def close(self) -> None:
        """After the last part: before `out` is written to again."""
        if self.raw is not None:
            self._flush()
        if self.section is not None:
            self.section.close()


def _bytes_of(out: Any) -> Optional[Tuple[Callable[[Any], Any], str]]:
    """A function writing bytes where `out` writes its text, after what `out` wrote so far,
    and the error handler `out` encodes with; None when `out` writes no UTF-8 bytes as they
    are (a console in another encoding, a text buffer, line ends translated)."""
    binary = getattr(out, "binary", None)    # the command line's standard output
    if callable(binary):
        return binary()
    buffer, encoding = getattr(out, "buffer", None), getattr(out, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n":
        return None
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    out.flush()
    return buffer.write, out.errors or "strict"


def write_parts(n: int, jobs: int, piece: Piece, sep: Piece, out: TextIO,
                section: Any = None) -> None:
    """sep(k) + piece(k) for k in 0 .. n - 1, written to `out` (through `Parts`: the last
    run's parts where the result cache has them), ranges after the first rendered by forked
    processes."""
    parts = ranges(n, jobs)
    if len(parts) > 1 and not fork_available():   # asked only then: it imports multiprocessing
        parts = [(0, n)]
    children = [Forked(_rendering(a, b, piece)) for a, b in parts[1:]]
    writer = Parts(out, section)

    def here(a: int, b: int) -> None:
        for k in range(a, b):
            if not writer.copied(k, sep(k))[0]:
                writer.rendered(k, piece(k), sep(k))
    try:
        here(parts[0][0], parts[0][1])
        for (a, b), child in zip(parts[1:], children):
            spool = child.result()
            if spool is None:
                here(a, b)
                continue
            # Each part as its length in characters on a line of its own, then its text.
            text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
            for k in range(a, b):
                writer.rendered(k, text.read(int(text.readline())), sep(k))
            text.detach()
        writer.close()
    finally:
        for child in children:
            child.close()


def reused(result: Any, fmt: str, lang: str, options: Any) -> Any:
    """The parts of this report the last run rendered (engine/check/fragments.py), or None: a
    run without the result cache.  Its name holds all that shapes a part besides the
    initiative: the format, the language and the report options (the rules, date and idm
    version are in the run's key)."""
    if getattr(result, "reuse", None) is None:
        return None
    shaped = "" if options is None else repr(dataclasses.replace(options, jobs=1))
    return result.reuse.section("\0".join([fmt, lang, shaped]))


def jobs_for(section: Any, options: Any) -> int:
    """Processes to render a report's parts with: one when the last run's parts cover all but
    a few (a fork costs more than copying them)."""
    jobs = options.jobs if options is not None else 1
    if section is not None and section.missing() < MIN_PART:
        return 1
    return jobs


def _rendering(a: int, b: int, piece: Piece) -> Callable[[Any], None]:
    def work(spool: Any) -> None:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        for k in range(a, b):
            part = piece(k)
            text.write("%d\n" % len(part))
            text.write(part)
        text.flush()
        text.detach()
    return work
