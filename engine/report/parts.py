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

import io
from typing import Any, Callable, List, TextIO, Tuple

from ..check.workers import Forked, fork_available

MIN_PART = 500       # initiatives per process at least: below that a fork costs more than it saves
_CHUNK = 1 << 16

WriteRange = Callable[[int, int, TextIO], None]   # (first, past the last, out)


def ranges(n: int, jobs: int) -> List[Tuple[int, int]]:
    """Consecutive ranges covering 0 .. n - 1, at most `jobs`, each of MIN_PART or more."""
    parts = max(1, min(jobs, n // MIN_PART))
    cuts = [n * k // parts for k in range(parts + 1)]
    return [(cuts[k], cuts[k + 1]) for k in range(parts)]


def write_parts(n: int, jobs: int, write_range: WriteRange, out: TextIO) -> None:
    """write_range(0, n, out) in effect: ranges after the first rendered by forked processes."""
    parts = ranges(n, jobs)
    if len(parts) > 1 and not fork_available():   # asked only then: it imports multiprocessing
        parts = [(0, n)]
    children = [Forked(_rendering(a, b, write_range)) for a, b in parts[1:]]
    try:
        write_range(parts[0][0], parts[0][1], out)
        for (a, b), child in zip(parts[1:], children):
            spool = child.result()
            if spool is None:
                write_range(a, b, out)
            else:
                text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
                for chunk in iter(lambda: text.read(_CHUNK), ""):
                    out.write(chunk)
                text.detach()
    finally:
        for child in children:
            child.close()


def _rendering(a: int, b: int, write_range: WriteRange) -> Callable[[Any], None]:
    def work(spool: Any) -> None:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        write_range(a, b, text)
        text.flush()
        text.detach()
    return work
