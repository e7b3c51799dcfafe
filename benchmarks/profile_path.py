"""cProfile of idm's per-file path (load, validate, evaluate, result) in one process.

    python benchmarks/profile_path.py DIR [tottime|cumulative]

DIR: initiatives, e.g. from `python benchmarks/generate.py --count 1000 --seed 1 --out DIR`.
RESULTS.md summarises its output; not a unit test.
"""
from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from idm.engine.check.collect import Checking  # noqa: E402
from idm.engine.check.task import FileSource, Task  # noqa: E402
from idm.engine.inputs.discovery import expand_inputs  # noqa: E402
from idm.engine.inputs.loader import DEFAULT_LIMITS  # noqa: E402
from idm.engine.pack.rulepack import load_ruleset_collecting  # noqa: E402


def main(argv: list) -> int:
    folder, order = argv[0], (argv[1] if len(argv) > 1 else "tottime")
    ruleset, problems = load_ruleset_collecting(None)
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    files, _ = expand_inputs([folder])
    task = Task(Checking(ruleset, "2026-06-01", False), FileSource(files, None, DEFAULT_LIMITS))
    task(0)   # the rule engine's rulesets are made on first use: not part of the path
    profile = cProfile.Profile()
    t = time.perf_counter()
    profile.enable()
    for i in range(len(files)):
        task(i)
    profile.disable()
    print("%d files in %.2f s (profiled)" % (len(files), time.perf_counter() - t))
    pstats.Stats(profile).sort_stats(order).print_stats(25)
    task.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
