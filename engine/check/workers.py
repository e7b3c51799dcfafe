"""Evaluate initiatives in worker processes: both cores, and a crash costs one initiative.

durable_rules 2.0.28 can kill its process with SIGSEGV (docs/design/durable-rules.md).
Workers are forked with the task they run (load, validate and evaluate one input file), so they
inherit the compiled rules and receive only indices: parsing, the largest cost of a portfolio
run, uses every core too.  A worker reports each batch of files as it finishes it; when one
dies, the files of its batch are retried one per batch in fresh workers, so the one that kills
the engine (or libyaml) is reported as an engine error and every other file still gets its
findings.
"""
from __future__ import annotations

import os
import signal
from collections import deque
from typing import Any, Callable, Deque, Dict, List, Mapping, Optional, Sequence, Tuple

from ..compile.compiler import Compiled
from ..durable.evaluator import Evaluation
from ..i18n import Said, said

_STATE: Dict[str, Any] = {}   # what a forked worker inherits: set just before forking

MAX_JOBS = 64                  # --jobs above this is taken as 64 (and never above the files)
Outcome = Tuple[str, Any]      # ("ok", what the task returned) or ("error", message)
_OK: Outcome = ("ok", None)    # shared by the results a collect() reduced to nothing


def die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the parent dies, even mid-evaluation in C code.
    Elsewhere the pipe to the parent does it: its end closes, recv() and send() fail."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)        # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:                         # it died before prctl took effect
        os._exit(1)


def _worker(conn: Any, parent: int) -> None:
    from ..errors import EngineError
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    # The parent's ends of every worker's pipe were inherited by fork: closed here, so that
    # the parent's death closes each pipe and no worker waits on it for ever.
    for other in _STATE.get("parent_ends", ()):
        try:
            other.close()
        except OSError:
            pass
    task = _STATE["task"]
    flush = getattr(task, "flush", None)
    while True:
        try:
            batch = conn.recv()
        except EOFError:
            return
        if batch is None:
            return
        # A batch's outcomes go back in one message: one per file cost the parent, which
        # shares the cores with the workers, a third of a millisecond each.  A worker that
        # dies mid-batch loses them all, and the batch is retried file by file.
        out = []
        for i in batch:
            try:
                out.append(("ok", i, task(i)))
            except EngineError as e:
                out.append(("error", i, str(e)))
            except Exception as e:   # noqa: BLE001 - the engine failed; report, keep going
                out.append(("error", i, "%s: %s" % (type(e).__name__, e)))
        if flush is not None:
            flush()
        conn.send(out)


class _Worker:
    def __init__(self, ctx: Any):
        self.conn, child = ctx.Pipe()
        ends = _STATE.setdefault("parent_ends", [])
        ends[:] = [c for c in ends if not c.closed] + [self.conn]
        self.proc = ctx.Process(target=_worker, args=(child, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.batch: Sequence[int] = []

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


class Forked:
    """`work(spool)` run in a forked process that writes what it makes into `spool`, a
    temporary file: the parent goes on with its own share meanwhile.  `result()` waits for the
    process and gives the file, rewound, or None when the process did not finish its work
    (killed, or any error): the parent then does that work itself.  The process ends with the
    parent (and with Ctrl-C), and never runs the parent's exit handlers."""

    def __init__(self, work: Callable[[Any], None]):
        import tempfile
        self.spool: Any = tempfile.TemporaryFile(prefix="idm-part-")
        parent = os.getpid()
        try:
            self.pid = os.fork()
        except OSError:     # no process to be had (a limit): the parent does this work itself
            self.pid = -1
            return
        if self.pid == 0:   # the child: never returns into the caller's code
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                die_with_parent(parent)
                work(self.spool)
                self.spool.flush()
                code = 0
            finally:
                os._exit(code)   # not the parent's exit handlers (its temporary files)

    def result(self) -> Any:
        pid, self.pid = self.pid, 0
        if pid <= 0:   # it could not be forked (or was waited for already)
            return None
        _, status = os.waitpid(pid, 0)
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            return None
        self.spool.seek(0)
        return self.spool

    def close(self) -> None:
        """End the process if it still runs (the parent gave up: an error, Ctrl-C)."""
        if self.pid > 0:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0
        self.spool.close()


def fork_available() -> bool:
    import multiprocessing as mp
    return "fork" in mp.get_all_start_methods()


def _keep(i: int, value: Any) -> Any:
    return value


def run_serial(task: Callable[[int], Any], n: int,
               collect: Callable[[int, Any], Any] = _keep) -> List[Outcome]:
    from ..errors import EngineError
    out: List[Outcome] = []
    for i in range(n):
        try:
            out.append(("ok", collect(i, task(i))))
        except EngineError as e:
            out.append(("error", str(e)))
    return out


def run_parallel(task: Callable[[int], Any], n: int, jobs: int,
                 on_start: Optional[Callable[[List[int]], None]] = None,
                 collect: Callable[[int, Any], Any] = _keep) -> List[Outcome]:
    """task(0) ... task(n - 1) in forked workers, outcomes in index order.

    The task is inherited by fork, never pickled; only indices go out and its (picklable)
    results come back; a task with a `flush()` has it called before a batch's results leave
    the worker.  `on_start(pids)` lets tests kill a worker mid-run.  `collect(i, result)`
    runs in this process as each result arrives; what it returns is kept in the result's place
    (a large run keeps a digest, not every result at once).
    """
    if jobs <= 1 or n <= 1 or not fork_available():
        return run_serial(task, n, collect)
    import multiprocessing as mp   # not for a one-file check: start-up time counts in CI
    import multiprocessing.connection
    ctx = mp.get_context("fork")
    _STATE.update(task=task)
    jobs = min(jobs, MAX_JOBS)
    size = max(1, min(64, n // (jobs * 8) or 1))
    queue: Deque[Sequence[int]] = deque(range(k, min(n, k + size)) for k in range(0, n, size))
    results: List[Optional[Outcome]] = [None] * n
    workers = [_Worker(ctx) for _ in range(min(jobs, len(queue)) or 1)]
    if on_start is not None:
        on_start([w.proc.pid for w in workers])
    try:
        while True:
            for w in workers:
                if not w.batch and queue:
                    w.batch = queue.popleft()
                    w.conn.send(w.batch)
            busy = [w for w in workers if w.batch]
            if not busy:
                break
            ready = mp.connection.wait([w.conn for w in busy] + [w.proc.sentinel for w in busy])
            for w in busy:
                dead = False
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        if w.conn.poll():
                            for kind, i, value in w.conn.recv():
                                if kind == "ok":
                                    value = collect(i, value)
                                results[i] = _OK if kind == "ok" and value is None \
                                    else (kind, value)
                            w.batch = []
                    except (EOFError, OSError):
                        dead = True
                    if w.batch and not w.proc.is_alive():
                        dead = True
                if dead:
                    left = list(w.batch)   # its outcomes come in one message: none arrived
                    code = w.proc.exitcode
                    w.kill()
                    if len(left) == 1:
                        for i in left:
                            results[i] = ("error", _death(code))
                    else:   # find the culprit: retry what was left one index at a time
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
    return [r if r is not None else ("error", "no result") for r in results]


class _Evaluate:
    """Evaluate docs[i]; the Evaluator is made on first use, inside the process that uses it."""

    def __init__(self, compiled: Compiled, scales: Mapping[str, Tuple[str, ...]],
                 docs: Sequence[Mapping[str, Any]]):
        self.compiled, self.scales, self.docs = compiled, scales, docs
        self.ev: Any = None

    def __call__(self, i: int) -> Any:
        if self.ev is None:
            from ..durable.evaluator import Evaluator
            self.ev = Evaluator(self.compiled, self.scales)
        return self.ev.evaluate(self.docs[i])


def evaluate_parallel(compiled: Compiled, scales: Mapping[str, Tuple[str, ...]],
                      docs: Sequence[Mapping[str, Any]], jobs: int,
                      on_start: Optional[Callable[[List[int]], None]] = None) -> List[Any]:
    """Evaluations of already loaded documents, in document order."""
    task = _Evaluate(compiled, scales, docs)
    out = run_parallel(task, len(docs), jobs, on_start)
    if task.ev is not None:
        task.ev.close()
    return [Evaluation(v) if k == "ok" else Evaluation(error=v) for k, v in out]


def _death(code: Optional[int]) -> Said:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "signal %d" % -code
        return said("check.engine_crashed", signal=name)
    return said("check.worker_exited", code=code)
