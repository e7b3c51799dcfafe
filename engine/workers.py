"""Evaluate initiatives in worker processes: both cores, and a crash costs one initiative.

durable_rules 2.0.28 can kill its process with SIGSEGV (guides/durable-rules.md section 11).
Workers are forked after the documents are loaded, so they inherit them and receive only
indices.  A worker reports each initiative as it finishes; when one dies, the initiatives of its
batch that have no result yet are retried one per batch in fresh workers, so the one that kills
the engine is reported as an engine error and every other initiative still gets its findings.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections import deque
from typing import Any, Deque, Dict, List, Mapping, Optional, Sequence, Tuple

from .compiler import Compiled

_STATE: Dict[str, Any] = {}   # what a forked worker inherits: set just before forking


def _worker(conn: Any) -> None:
    from .errors import EngineError
    from .evaluator import Evaluator
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    compiled, scales, docs = _STATE["compiled"], _STATE["scales"], _STATE["docs"]
    ev = Evaluator(compiled, scales)
    while True:
        try:
            batch = conn.recv()
        except EOFError:
            return
        if batch is None:
            return
        for i in batch:
            try:
                conn.send(("ok", i, ev.evaluate(docs[i])))
            except EngineError as e:
                conn.send(("error", i, str(e)))
            except Exception as e:   # noqa: BLE001 - the engine failed; report, keep going
                conn.send(("error", i, "%s: %s" % (type(e).__name__, e)))
        conn.send(("batch", None, None))


class _Worker:
    def __init__(self, ctx: Any):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.batch: List[int] = []
        self.done: set = set()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def fork_available() -> bool:
    return "fork" in mp.get_all_start_methods()


def evaluate_parallel(compiled: Compiled, scales: Mapping[str, Tuple[str, ...]],
                      docs: Sequence[Mapping[str, Any]], jobs: int,
                      on_start: Optional[Any] = None) -> List[Any]:
    """Evaluations in document order.  `on_start(pids)` lets tests kill a worker mid-run."""
    from .run import Evaluation
    if not fork_available():
        from .run import evaluate_all
        return evaluate_all(compiled, scales, docs, jobs=1)
    ctx = mp.get_context("fork")
    _STATE.update(compiled=compiled, scales=scales, docs=docs)
    n = len(docs)
    size = max(1, min(256, n // (jobs * 8) or 1))
    queue: Deque[List[int]] = deque(list(range(k, min(n, k + size))) for k in range(0, n, size))
    results: List[Optional[Evaluation]] = [None] * n
    workers = [_Worker(ctx) for _ in range(min(jobs, len(queue)) or 1)]
    if on_start is not None:
        on_start([w.proc.pid for w in workers])
    try:
        while True:
            for w in workers:
                if not w.batch and queue:
                    w.batch, w.done = queue.popleft(), set()
                    w.conn.send(w.batch)
            busy = [w for w in workers if w.batch]
            if not busy:
                break
            ready = mp.connection.wait([w.conn for w in busy] + [w.proc.sentinel for w in busy])
            for w in busy:
                dead = False
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        while w.conn.poll():
                            kind, i, value = w.conn.recv()
                            if kind == "batch":
                                w.batch = []
                                break
                            w.done.add(i)
                            results[i] = Evaluation(value) if kind == "ok" else \
                                Evaluation(error=value)
                    except (EOFError, OSError):
                        dead = True
                    if w.batch and not w.proc.is_alive():
                        dead = True
                if dead:
                    left = [i for i in w.batch if i not in w.done]
                    code = w.proc.exitcode
                    w.kill()
                    if len(left) == 1 or len(w.batch) == 1:
                        for i in left:
                            results[i] = Evaluation(error=_death(code))
                    else:   # find the culprit: retry what was left one initiative at a time
                        queue.extendleft([i] for i in reversed(left))
                    workers[workers.index(w)] = _Worker(ctx)
    except BaseException:
        for w in workers:
            w.kill()
        raise
    finally:
        _STATE.clear()
    for w in workers:
        w.stop()
    return [r if r is not None else Evaluation(error="no result") for r in results]


def _death(code: Optional[int]) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "signal %d" % -code
        return "the rule engine crashed (%s) on this initiative" % name
    return "the rule engine's worker process exited (code %s) on this initiative" % code
