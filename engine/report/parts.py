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

import dataclasses
import io
from typing import Any, Callable, List, Optional, TextIO, Tuple

from ..check.workers import Forked, fork_available

MIN_PART = 500       # initiatives per process at least: below that a fork costs more than it saves

Piece = Callable[[int], str]              # initiative k's part of the report
Keep = Callable[[int, str], None]         # told each part as it is written, in order


def ranges(n: int, jobs: int) -> List[Tuple[int, int]]:
    """Consecutive ranges covering 0 .. n - 1, at most `jobs`, each of MIN_PART or more."""
    parts = max(1, min(jobs, n // MIN_PART))
    cuts = [n * k // parts for k in range(parts + 1)]
    return [(cuts[k], cuts[k + 1]) for k in range(parts)]


def write_parts(n: int, jobs: int, piece: Piece, sep: Piece, out: TextIO,
                keep: Optional[Keep] = None) -> None:
    """sep(k) + piece(k) for k in 0 .. n - 1, written to `out`, ranges after the first rendered
    by forked processes; `keep(k, piece(k))` is told each part in order, in this process."""
    parts = ranges(n, jobs)
    if len(parts) > 1 and not fork_available():   # asked only then: it imports multiprocessing
        parts = [(0, n)]
    children = [Forked(_rendering(a, b, piece)) for a, b in parts[1:]]

    def here(a: int, b: int) -> None:
        for k in range(a, b):
            text = piece(k)
            out.write(sep(k) + text)   # one write: each costs a call through the console
            if keep is not None:
                keep(k, text)
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
                part = text.read(int(text.readline()))
                out.write(sep(k) + part)
                if keep is not None:
                    keep(k, part)
            text.detach()
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
