"""Benchmarks of issue 7: one table, all figures from one run on the same generated files.

    python benchmarks/run.py [--sizes 100,1000,10000] [--seed 1] [--keep DIR]

Not a unit test.  Needs regopy, zen-engine and clipspy for the peer columns (a peer that cannot
be imported is reported as such).  Writes the table to stdout; RESULTS.md records a run.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from typing import Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]
DATE = "2026-06-01"


def idm_cmd(*args: str) -> List[str]:
    return [sys.executable, os.path.join(ROOT, "cli.py"), *args]


def timed_run(cmd: List[str]) -> Tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit code (peak RSS from /usr/bin/time -v when present)."""
    time_bin = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    full = [time_bin, "-v"] + cmd if time_bin else cmd
    t = time.perf_counter()
    p = subprocess.run(full, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    rss = float("nan")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    if m:
        rss = int(m.group(1)) / 1024
    else:
        import resource
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    code = p.returncode
    if code not in (0, 1):
        raise SystemExit("idm exited %d: %s" % (code, p.stderr[-2000:]))
    return wall, rss, code


def parse_floor(files: List[str]):
    import yaml
    t = time.perf_counter()
    docs = []
    for f in files:
        with open(f, "rb") as fh:
            docs.append(yaml.load(fh.read(), Loader=yaml.CSafeLoader))
    return time.perf_counter() - t, docs


def subset(docs: List[dict]) -> Dict[str, Tuple[float, str]]:
    import peers
    docs = [peers.plain(d) for d in docs]   # not timed: the same input for every engine
    out: Dict[str, Tuple[float, str]] = {}
    idm = peers.Idm(DATE)
    t = time.perf_counter()
    ref = idm.run(docs)
    out["idm"] = (time.perf_counter() - t, "%d findings" % len(ref))
    for cls in peers.PEERS:
        try:
            engine = cls(DATE)
        except ImportError as e:
            out[cls.name] = (float("nan"), "not installed: %s" % e)
            continue
        t = time.perf_counter()
        got = engine.run(docs)
        dt = time.perf_counter() - t
        if got != ref:
            out[cls.name] = (float("nan"), "findings differ from idm (%d extra, %d missing): "
                             "time not counted" % (len(got - ref), len(ref - got)))
        else:
            out[cls.name] = (dt, "findings equal")
    return out


def cold_start(runs: int = 11) -> Tuple[float, List[Tuple[str, float]]]:
    one = os.path.join(ROOT, "examples", "clean.yaml")
    # As on a user's machine, where pip install wrote the bytecode: with PYTHONDONTWRITEBYTECODE
    # set (as on some CI images) every run compiles idm's sources again, about 70 ms more.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    walls = []
    for _ in range(runs + 1):      # the first run writes the bytecode and is not counted
        t = time.perf_counter()
        subprocess.run(idm_cmd("check", one, "--date", DATE), cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
    walls = walls[1:]
    p = subprocess.run([sys.executable, "-X", "importtime", *idm_cmd("check", one, "--date", DATE)[1:]],
                       cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    by_pkg: Dict[str, float] = defaultdict(float)
    for line in p.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            by_pkg[m.group(4).strip().split(".")[0]] += int(m.group(1)) / 1e6   # self time
    top = sorted(by_pkg.items(), key=lambda x: -x[1])[:12]
    return statistics.median(walls), top


def main(argv: List[str] = None) -> int:
    ap = argparse.ArgumentParser(description="idm benchmarks (issue 7)")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="generate into this directory and keep it")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")]
    import generate
    base = a.keep or tempfile.mkdtemp(prefix="idm-bench-")
    print("machine: %d cores, Python %s, %s" % (os.cpu_count() or 0, platform.python_version(),
                                                 platform.platform()))
    rows = []
    try:
        for n in sizes:
            folder = os.path.join(base, str(n))
            if not os.path.isdir(folder):
                generate.generate(n, a.seed, folder)
            files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
            floor, docs = parse_floor(files)
            wall, rss, code = timed_run(idm_cmd("check", folder, "--format", "json", "--date",
                                                DATE, "--jobs", str(a.jobs)))
            sub = subset(docs)
            rows.append((n, floor, wall, rss, code, sub))
            print("size %d done: floor %.2fs idm %.2fs" % (n, floor, wall), file=sys.stderr)
        cold, imports = cold_start()
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)

    peer_names = [k for k in rows[0][5] if k != "idm"]
    print()
    print("| initiatives | parse floor (s) | idm check (s) | initiatives/s | idm / floor | peak RSS (MB) "
          "| subset: idm (s) | " + " | ".join("%s (s) | %s / idm" % (p, p.split(" ")[0])
                                               for p in peer_names) + " |")
    print("|" + " --- |" * (7 + 2 * len(peer_names)))
    for n, floor, wall, rss, code, sub in rows:
        t_idm = sub["idm"][0]
        cells = ["%d" % n, "%.2f" % floor, "%.2f" % wall, "%.0f" % (n / wall), "%.2f" % (wall / floor),
                 "%.0f" % rss, "%.3f" % t_idm]
        for p in peer_names:
            t, note = sub[p]
            cells += ["%.3f" % t if t == t else note, "%.1f" % (t / t_idm) if t == t else "–"]
        print("| " + " | ".join(cells) + " |")
    by_n = {r[0]: r for r in rows}
    if 1000 in by_n and 10000 in by_n:
        print("\nmemory: peak RSS %.0f MB at 10,000 vs %.0f MB at 1,000 (%+.0f%%)"
              % (by_n[10000][3], by_n[1000][3], 100 * (by_n[10000][3] / by_n[1000][3] - 1)))
    for n, *_rest, sub in rows:
        print("subset findings at %d: %s; %s" % (n, sub["idm"][1], "; ".join(
            "%s: %s" % (p, sub[p][1]) for p in peer_names)))
    print("\ncold start: idm check examples/clean.yaml, median of 11 runs: %.3f s" % cold)
    print("import time (self, by top-level module): " +
          ", ".join("%s %.0f ms" % (m, s * 1000) for m, s in imports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
