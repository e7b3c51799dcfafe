"""A long report's per-initiative section written by several processes at once.

Writing the report is the last step of a run and ran on one core while the others idled: at
10,000 initiatives the JSON report took 4 s of a 30 s run.  With `jobs` above one, the
initiatives are cut into consecutive ranges; forked processes render every range but the first
into temporary files while this process writes the first, and then their text is copied after
it, in order.  The text is the same as one process writes: each range is rendered by the same
function, and only where it starts differs.  A process that fails (killed, or any error) costs
nothing but time: its range is then rendered here.
"""
from __future__ import annotations

import os
import signal
import tempfile
from typing import Callable, List, TextIO, Tuple

from ..check.workers import die_with_parent, fork_available

MIN_PART = 500       # initiatives per process at least: below that a fork costs more than it saves
_CHUNK = 1 << 20

WriteRange = Callable[[int, int, TextIO], None]   # (first, past the last, out)


def ranges(n: int, jobs: int) -> List[Tuple[int, int]]:
    """Consecutive ranges covering 0 .. n - 1, at most `jobs`, each of MIN_PART or more."""
    parts = max(1, min(jobs, n // MIN_PART))
    cuts = [n * k // parts for k in range(parts + 1)]
    return [(cuts[k], cuts[k + 1]) for k in range(parts)]


def write_parts(n: int, jobs: int, write_range: WriteRange, out: TextIO) -> None:
    """write_range(0, n, out) in effect: ranges after the first rendered by forked processes."""
    parts = ranges(n, jobs) if jobs > 1 and fork_available() else [(0, n)]
    if len(parts) == 1:
        write_range(0, n, out)
        return
    children = [_start(a, b, write_range) for a, b in parts[1:]]
    waited = set()
    try:
        write_range(parts[0][0], parts[0][1], out)
        for (a, b), (pid, spool) in zip(parts[1:], children):
            done = _finished(pid)
            waited.add(pid)
            if done:
                _copy(spool, out)
            else:
                write_range(a, b, out)
    finally:
        for pid, spool in children:
            if pid not in waited:
                _stop(pid)
            spool.close()


def _start(a: int, b: int, write_range: WriteRange) -> Tuple[int, "tempfile._TemporaryFileWrapper"]:
    spool = tempfile.TemporaryFile(prefix="idm-report-")
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:   # the child: render, and never return into the caller's code
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)   # Ctrl-C ends it with the run
            die_with_parent(parent)
            with open(spool.fileno(), "w", encoding="utf-8", newline="", closefd=False) as fh:
                write_range(a, b, fh)
            code = 0
        finally:
            os._exit(code)   # no exit handlers: they belong to the parent (its temporary files)
    return pid, spool


def _finished(pid: int) -> bool:
    """Wait for a child; whether it wrote its whole range."""
    while True:
        try:
            _, status = os.waitpid(pid, 0)
        except InterruptedError:   # pragma: no cover - retried by Python since 3.5
            continue
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _stop(pid: int) -> None:
    """A child still running when this process gives up (an error, Ctrl-C): end it."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _copy(spool: "tempfile._TemporaryFileWrapper", out: TextIO) -> None:
    spool.seek(0)
    with open(spool.fileno(), "r", encoding="utf-8", newline="", closefd=False) as fh:
        for text in iter(lambda: fh.read(_CHUNK), ""):
            out.write(text)
