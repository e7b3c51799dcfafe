"""Where a large check's time goes, phase by phase (RESULTS.md quotes its output).

    python benchmarks/phases.py path DIR         # the per-file path, one process, no workers
    python benchmarks/phases.py run DIR [ARGS]   # `idm check DIR --format json ARGS` with timers
                                                 # around the main process's phases

`path` loads, validates, evaluates and stores every file of DIR in this process and sums the
time of each step.  `run` runs the command line in this process (workers are forked as usual)
and prints, on stderr, the wall time of the workers, of the portfolio rules and of the JSON
report, with the CPU seconds of this process and of its workers at the end of each.  The report
goes to stdout.  Not a unit test.
"""
from __future__ import annotations

import os
import resource
import runpy
import sys
import time
from typing import Any, Callable, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def per_file(folder: str) -> None:
    from idm.engine.check.collect import Checking
    from idm.engine.check.spool import FileStore
    from idm.engine.check.task import FileSource, Task
    from idm.engine.inputs.discovery import expand_inputs
    from idm.engine.inputs.loader import DEFAULT_LIMITS
    from idm.engine.pack.rulepack import load_ruleset_collecting

    ruleset, problems = load_ruleset_collecting(None)
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    files, _ = expand_inputs([folder])
    checking = Checking(ruleset, "2026-06-01", False, None, FileStore(), True)
    source = FileSource(files, None, DEFAULT_LIMITS)
    task = Task(checking, source)
    task(0)   # the rule engine's rulesets are made on first use: not part of the path
    spent = {"load + schema check": 0.0, "evaluation": 0.0, "findings, coverage, spooling": 0.0}
    steps = list(spent)
    n = len(files)
    for i in range(n):
        t0 = time.perf_counter()
        loaded, problems = source(i)
        t1 = time.perf_counter()
        if loaded is None:
            continue
        hits = task.ev.evaluate(loaded.doc.data)
        t2 = time.perf_counter()
        checking.outcome(i, loaded, hits, problems)
        t3 = time.perf_counter()
        for step, dt in zip(steps, (t1 - t0, t2 - t1, t3 - t2)):
            spent[step] += dt
    print("%d files, %.2f s" % (n, sum(spent.values())))
    for step, dt in spent.items():
        print("  %-30s %6.2f s  %.2f ms per file" % (step, dt, 1000 * dt / max(n, 1)))


def timed_run(args: List[str]) -> None:
    import idm.engine.check.collect as collect
    import idm.engine.check.run as run
    import idm.engine.report.json_report as json_report

    start = time.perf_counter()

    def timed(owner: Any, name: str, label: str) -> None:
        inner: Callable[..., Any] = getattr(owner, name)

        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            out = inner(*a, **k)
            me = resource.getrusage(resource.RUSAGE_SELF)
            kids = resource.getrusage(resource.RUSAGE_CHILDREN)
            sys.stderr.write("%-16s %6.2f s (at %6.2f s); CPU so far: main %.1f s, workers %.1f s\n"
                             % (label, time.perf_counter() - t, time.perf_counter() - start,
                                me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime))
            return out
        setattr(owner, name, wrapper)

    timed(run, "run_parallel", "workers")
    timed(collect.Collector, "result", "portfolio rules")
    timed(json_report, "write", "JSON report")
    sys.argv = ["idm", "check", *args]
    try:
        runpy.run_module("idm.cli", run_name="__main__")
    finally:
        sys.stderr.write("total %.2f s\n" % (time.perf_counter() - start))


def main(argv: List[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("path", "run"):
        raise SystemExit(__doc__)
    if argv[0] == "path":
        per_file(argv[1])
    else:
        timed_run([argv[1], "--format", "json", *argv[2:]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
