"""Benchmarks of issues 7 and 15: all figures from one run on the same generated files.

    python benchmarks/run.py [--sizes 100,1000,10000] [--seed 1] [--keep DIR]
                             [--profiles generated,realistic] [--formats json,html]
                             [--shared 10000] [--groups 10000] [--no-peers]

Two corpus profiles (benchmarks/generate.py): `generated` (vocabularies grow with the
portfolio, groups stay small) and `realistic` (fixed vocabularies with Zipf-like popularity:
groups of hundreds or thousands).  Per profile and size: the parse floor, `idm check` for each
format (wall, CPU of all its processes, peak RSS) and the SHA-256 of the JSON report (run from
the corpus' parent directory, so the digest does not depend on where the files are).  Then the
`shared` portfolio: one business function common to all --shared initiatives, which must
finish in under a minute.  Then the `groups` case (issue 29): a group rule over
--groups initiatives that all have a service of one supplier, against the pair rules of the
bundled pack on the same files (the `shared` portfolio with that service added): the group rule
must be as fast as the pair rules, its memory flat.  Not a unit test.  The peer columns need regopy, zen-engine and
clipspy (a peer that cannot be imported is reported as such); they run on the generated
profile.  Writes the tables to stdout, then one line per target of the portfolio-scale issue
(met or MISSED, with the figure); RESULTS.md records a run.
"""
from __future__ import annotations

import argparse
import hashlib
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
from typing import Any, Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]
DATE = "2026-06-01"


def idm_cmd(*args: str) -> List[str]:
    return [sys.executable, "-m", "idm.cli", *args]


def timed_run(cmd: List[str], cwd: str = ROOT) -> Dict[str, object]:
    """Wall seconds, CPU seconds (user + sys of the process and its workers), peak RSS in MB
    (the largest single process, from /usr/bin/time -v when present), exit code, and the
    SHA-256 of what it wrote to stdout."""
    time_bin = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    full = [time_bin, "-v"] + cmd if time_bin else cmd
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        p = subprocess.run(full, cwd=cwd, stdout=out, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t
        out.seek(0)
        for chunk in iter(lambda: out.read(1 << 20), b""):
            digest.update(chunk)
    rss = cpu = float("nan")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    if m:
        rss = int(m.group(1)) / 1024
        user = re.search(r"User time \(seconds\): ([\d.]+)", p.stderr)
        system = re.search(r"System time \(seconds\): ([\d.]+)", p.stderr)
        if user and system:
            cpu = float(user.group(1)) + float(system.group(1))
    else:
        import resource
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    code = p.returncode
    if code not in (0, 1):
        raise SystemExit("idm exited %d: %s" % (code, p.stderr[-2000:]))
    return {"wall": wall, "cpu": cpu, "rss": rss, "code": code, "sha256": digest.hexdigest()}


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


def check_cmd(folder: str, fmt: str, jobs: int) -> List[str]:
    return idm_cmd("check", folder, "--format", fmt, "--date", DATE, "--jobs", str(jobs))


# Issue 15's targets: wall time over the single-process parse floor at 10,000 initiatives.
FLOOR_RATIO = {"realistic": 2.0, "generated": 1.5}
MAX_GROWTH = 11.0      # 10x the initiatives at most this many times the time
MAX_RSS_MB = 150.0     # every measured format, at 10,000


def target_lines(rows: List[tuple], shared: Dict[str, object] = None,
                 shared_n: int = 0) -> List[str]:
    """One line per target of issue 15 that this run measured: met or MISSED, with the figure."""
    out = []

    def say(ok: bool, text: str) -> None:
        out.append("target %s: %s" % ("met" if ok else "MISSED", text))

    for profile, n, floor, runs, _ in rows:
        if n == 10000 and profile in FLOOR_RATIO:
            ratio = runs["json"]["wall"] / floor
            say(ratio <= FLOOR_RATIO[profile], "%s %d at most %.1fx the parse floor: %.2fx"
                % (profile, n, FLOOR_RATIO[profile], ratio))
        if n == 10000:
            worst = max(runs, key=lambda f: runs[f]["rss"])
            say(runs[worst]["rss"] < MAX_RSS_MB, "%s %d peak RSS under %.0f MB in every format: "
                "largest %.0f MB (%s)" % (profile, n, MAX_RSS_MB, runs[worst]["rss"], worst))
    by = {(r[0], r[1]): r[3]["json"] for r in rows}
    for (profile, n), hi in sorted(by.items()):
        lo = by.get((profile, n // 10))
        if lo is not None and n // 10 >= 1000:
            growth = hi["wall"] / lo["wall"]
            say(growth <= MAX_GROWTH, "%s %d -> %d at most x%.0f the time: x%.1f wall"
                % (profile, n // 10, n, MAX_GROWTH, growth))
    if shared is not None:
        say(shared["wall"] < 60, "one business function shared by all %d under a minute: "
            "%.1f s" % (shared_n, shared["wall"]))
    return out


# The group rule of the `groups` case: every initiative's saas service counted per supplier.
GROUP_PACK = """\
apiVersion: idm/v2
kind: RulePack
name: bench-groups
params:
  max_services_per_supplier: {type: integer, default: 3}
rules:
  - id: SUP-001
    title: {en: Many services on one supplier, nl: Veel diensten bij een leverancier}
    message:
      en: "Supplier '{value}' runs services for {count} initiatives, also for {others}"
      nl: "Leverancier '{value}' levert diensten aan {count} initiatieven, ook aan {others}"
    category: portfolio
    domain: operations
    severity: warning
    portfolio:
      groups:
        for_each: operations.applications
        where: {path: item.sourcing, in: [saas, bpo]}
        by: {path: item.supplier, normalised: true}
        count: initiatives
    when: {path: count, ge: {param: max_services_per_supplier}}
    at: item.supplier
"""
GROUP_SLACK = 1.10     # "as fast as": within the noise of one run on a shared machine


def groups_case(base: str, n: int, seed: int, jobs: int) -> Dict[str, Dict[str, object]]:
    """`idm check` of the `suppliers` portfolio of n initiatives with the bundled pair rules
    (rules/portfolio.yaml) and with the group rule alone: wall, CPU, peak RSS of each."""
    import generate
    rel = os.path.join("suppliers", str(n))
    if not os.path.isdir(os.path.join(base, rel)):
        generate.generate(n, seed, os.path.join(base, rel), "suppliers")
    pack = os.path.join(base, "group-pack")
    os.makedirs(pack, exist_ok=True)
    with open(os.path.join(pack, "suppliers.yaml"), "w", encoding="utf-8") as fh:
        fh.write(GROUP_PACK)
    pairs = os.path.join(ROOT, "rules", "portfolio.yaml")
    return {name: timed_run(check_cmd(rel, "json", jobs) + ["--rules", rules], cwd=base)
            for name, rules in (("pairs", pairs), ("groups", pack))}


# Issue 36's targets: a warm re-check after one edit, against the cold check that filled the
# cache, at 10,000 initiatives.
RECHECK_RATIO, RECHECK_SECONDS = 0.05, 1.0


EDITS = (
    # (kind, what it changes in a file): a comment changes nothing a rule reads; a title changes
    # the initiative's report; an application's name changes what the portfolio rules read.
    ("comment", lambda text, k: text + "# edited for the re-check benchmark %d\n" % k),
    ("title", lambda text, k: re.sub(r"(?m)^title: .*$", "title: Edited title %d" % k, text,
                                     count=1)),
    ("application", lambda text, k: re.sub(r"(applications:[ \t]*\n[ \t]*- \{name: )",
                                           r"\g<1>Renamed%d " % k, text, count=1)),
)
WARM_RUNS = 5   # edits of a comment line, each in another file: the median is the figure


def recheck_case(base: str, profile: str, n: int, seed: int, jobs: int) -> Dict[str, object]:
    """`idm check --cache` on a fresh copy of a corpus: without the cache, cold (filling it),
    warm on the same files, then warm after each kind of edit (EDITS) in one file, each
    compared with a run without the cache on the same files; the median of WARM_RUNS re-checks
    after a comment edit.  Then a one-file (pre-commit) check without and with a warm cache."""
    import generate
    folder = os.path.join(base, "recheck", profile, str(n))
    work = os.path.join(folder, "work")
    if not os.path.isdir(work):
        generate.generate(n, seed, work, profile)
    shutil.rmtree(os.path.join(folder, ".idm"), ignore_errors=True)
    files = sorted(os.path.join(work, f) for f in os.listdir(work))
    floor, docs = parse_floor(files)
    del docs

    def run(*extra: str) -> Dict[str, object]:
        return timed_run(idm_cmd("check", "work", "--format", "json", "--date", DATE,
                                 "--jobs", str(jobs), *extra), cwd=folder)

    def edit(at: int, how: Any, k: int) -> None:
        """The first file from files[at] on that the edit changes (not every initiative has
        an application), edited."""
        for path in files[at:] + files[:at]:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            changed = how(text, k)
            if changed != text:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(changed)
                return
        raise AssertionError("no file to edit: %r" % (how,))
    out: Dict[str, object] = {"floor": floor}
    out["plain"] = run("--no-cache")
    out["cold"] = run("--cache")
    out["warm_same"] = run("--cache")
    time.sleep(2.1)   # the files the cold run read just after they were written are trusted now
    for k, (kind, how) in enumerate(EDITS):
        edit(len(files) // 2 + 10 * k, how, k)
        out["warm_" + kind] = run("--cache")
        out["plain_" + kind] = run("--no-cache")
    warm = []
    for k in range(WARM_RUNS):
        edit(len(files) // 3 + k, EDITS[0][1], 100 + k)
        warm.append(run("--cache"))
    out["warm"] = {"wall": statistics.median(r["wall"] for r in warm),
                   "sha256": warm[-1]["sha256"]}
    out["plain_after"] = run("--no-cache")
    one = os.path.relpath(files[1], folder)
    plain, cached = [], []
    for _ in range(7):   # interleaved, the median of each: a one-file run is mostly start-up
        plain.append(timed_run(idm_cmd("check", one, "--date", DATE, "--no-cache"), cwd=folder))
        cached.append(timed_run(idm_cmd("check", one, "--date", DATE, "--cache"), cwd=folder))
    out["one_plain"] = {"wall": statistics.median(r["wall"] for r in plain)}
    out["one_cached"] = {"wall": statistics.median(r["wall"] for r in cached)}
    return out


def main(argv: List[str] = None) -> int:
    ap = argparse.ArgumentParser(description="idm benchmarks (issues 7 and 15)")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="generate into this directory and keep it")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--profiles", default="generated,realistic")
    ap.add_argument("--formats", default="json,html",
                    help="report formats measured at every size (json always first)")
    ap.add_argument("--shared", type=int, default=10000,
                    help="initiatives of the one-shared-business-function test (0: skip)")
    ap.add_argument("--groups", type=int, default=10000,
                    help="initiatives on one supplier of the group-rule test (0: skip)")
    ap.add_argument("--no-peers", action="store_true", help="skip the peer engines' subset")
    ap.add_argument("--recheck", default="1000,10000",
                    help="sizes of the re-check-after-one-edit case, per profile (issue 36; "
                         "empty: skip)")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")]
    profiles = a.profiles.split(",")
    formats = ["json"] + [f for f in a.formats.split(",") if f and f != "json"]
    import generate
    base = a.keep or tempfile.mkdtemp(prefix="idm-bench-")
    print("machine: %d cores, Python %s, %s" % (os.cpu_count() or 0, platform.python_version(),
                                                 platform.platform()))
    rows = []
    rechecks: List[Tuple[str, int, Dict[str, object]]] = []
    shared = groups = None
    try:
        for profile in profiles:
            for n in sizes:
                rel = os.path.join(profile, str(n))
                folder = os.path.join(base, rel)
                if not os.path.isdir(folder):
                    generate.generate(n, a.seed, folder, profile)
                files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
                floor, docs = parse_floor(files)
                runs = {fmt: timed_run(check_cmd(rel, fmt, a.jobs), cwd=base) for fmt in formats}
                sub = subset(docs) if profile == "generated" and not a.no_peers else None
                del docs
                rows.append((profile, n, floor, runs, sub))
                print("%s %d done: floor %.2fs idm %.2fs (CPU %.2fs)" % (
                    profile, n, floor, runs["json"]["wall"], runs["json"]["cpu"]),
                    file=sys.stderr)
        if a.shared:
            rel = os.path.join("shared", str(a.shared))
            if not os.path.isdir(os.path.join(base, rel)):
                generate.generate(a.shared, a.seed, os.path.join(base, rel), "shared")
            shared = timed_run(check_cmd(rel, "json", a.jobs), cwd=base)
        if a.groups:
            groups = groups_case(base, a.groups, a.seed, a.jobs)
        rechecks = [(profile, n, recheck_case(base, profile, n, a.seed, a.jobs))
                    for profile in profiles for n in
                    [int(x) for x in a.recheck.split(",") if x]]
        cold, imports = cold_start()
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)

    extra = formats[1:]
    print()
    print("| profile | initiatives | parse floor (s) | idm check (s) | CPU (s) | initiatives/s "
          "| idm / floor | peak RSS (MB) | " +
          "".join("%s: idm check (s) | %s: peak RSS (MB) | " % (f, f) for f in extra) +
          "JSON report SHA-256 |")
    print("|" + " --- |" * (9 + 2 * len(extra)))
    for profile, n, floor, runs, sub in rows:
        j = runs["json"]
        cells = [profile, "%d" % n, "%.2f" % floor, "%.2f" % j["wall"], "%.2f" % j["cpu"],
                 "%.0f" % (n / j["wall"]), "%.2f" % (j["wall"] / floor), "%.0f" % j["rss"]]
        for f in extra:
            cells += ["%.2f" % runs[f]["wall"], "%.0f" % runs[f]["rss"]]
        cells.append("`%s`" % j["sha256"][:16])
        print("| " + " | ".join(cells) + " |")
    for profile in profiles:
        by_n = {r[1]: r for r in rows if r[0] == profile}
        for lo, hi in ((100, 1000), (1000, 10000)):
            if lo in by_n and hi in by_n:
                a_, b_ = by_n[lo][3]["json"], by_n[hi][3]["json"]
                print("%s growth %d -> %d: wall x%.1f, CPU x%.1f, peak RSS %+.0f%%" % (
                    profile, lo, hi, b_["wall"] / a_["wall"], b_["cpu"] / a_["cpu"],
                    100 * (b_["rss"] / a_["rss"] - 1)))
    for profile, n, floor, runs, sub in rows:
        print("JSON report SHA-256, %s %d: %s" % (profile, n, runs["json"]["sha256"]))
    if shared is not None:
        print("\none business function shared by all %d initiatives (realistic otherwise): "
              "idm check %.2f s wall, %.2f s CPU, peak RSS %.0f MB: %s" % (
                  a.shared, shared["wall"], shared["cpu"], shared["rss"],
                  "under a minute" if shared["wall"] < 60 else "NOT under a minute"))
        print("JSON report SHA-256, shared %d: %s" % (a.shared, shared["sha256"]))

    if groups is not None:
        print("\n| %d initiatives on one supplier | idm check (s) | CPU (s) | peak RSS (MB) | "
              "JSON report SHA-256 |" % a.groups)
        print("| --- | --- | --- | --- | --- |")
        for name, label in (("pairs", "pair rules (rules/portfolio.yaml)"),
                            ("groups", "group rule SUP-001")):
            g = groups[name]
            print("| %s | %.2f | %.2f | %.0f | `%s` |" % (label, g["wall"], g["cpu"], g["rss"],
                                                         g["sha256"][:16]))

    print()
    for line in target_lines(rows, shared, a.shared):
        print(line)
    if groups is not None:
        g, p_ = groups["groups"], groups["pairs"]
        print("target %s: a group of all %d on one supplier as fast as the pair rules: "
              "%.2f s against %.2f s (x%.2f), peak RSS %.0f MB against %.0f MB" % (
                  "met" if g["wall"] <= GROUP_SLACK * p_["wall"] else "MISSED", a.groups,
                  g["wall"], p_["wall"], g["wall"] / p_["wall"], g["rss"], p_["rss"]))

    peered = [r for r in rows if r[4] is not None]
    if peered:
        peer_names = [k for k in peered[0][4] if k != "idm"]
        print()
        print("| initiatives | subset: idm (s) | " + " | ".join(
            "%s (s) | %s / idm" % (p, p.split(" ")[0]) for p in peer_names) + " |")
        print("|" + " --- |" * (2 + 2 * len(peer_names)))
        for _, n, _, _, sub in peered:
            t_idm = sub["idm"][0]
            cells = ["%d" % n, "%.3f" % t_idm]
            for p in peer_names:
                t, note = sub[p]
                cells += ["%.3f" % t if t == t else note, "%.1f" % (t / t_idm) if t == t else "–"]
            print("| " + " | ".join(cells) + " |")
        for _, n, _, _, sub in peered:
            print("subset findings at %d: %s; %s" % (n, sub["idm"][1], "; ".join(
                "%s: %s" % (p, sub[p][1]) for p in peer_names)))
    if rechecks:
        print("\n| profile | initiatives | parse floor (s) | no cache (s) | cold, filling the "
              "cache (s) | warm, same files (s) | warm after a comment edit (s, median of %d) "
              "| after a title edit (s) | after an application edit (s) | warm / cold | "
              "warm / floor | one file, no cache (s) | one file, cache (s) | same JSON |"
              % WARM_RUNS)
        print("|" + " --- |" * 14)
    for profile, n, r in rechecks:
        same = r["warm"]["sha256"] == r["plain_after"]["sha256"] and \
            r["cold"]["sha256"] == r["plain"]["sha256"] == r["warm_same"]["sha256"] and \
            all(r["warm_" + kind]["sha256"] == r["plain_" + kind]["sha256"]
                for kind, _ in EDITS)
        print("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f %% | %.2f | "
              "%.2f | %.2f | %s |"
              % (profile, n, r["floor"], r["plain"]["wall"], r["cold"]["wall"],
                 r["warm_same"]["wall"], r["warm"]["wall"], r["warm_title"]["wall"],
                 r["warm_application"]["wall"],
                 100 * r["warm"]["wall"] / r["cold"]["wall"], r["warm"]["wall"] / r["floor"],
                 r["one_plain"]["wall"], r["one_cached"]["wall"], "yes" if same else "NO"))
    for profile, n, r in rechecks:
        if n == 10000:
            w, c = r["warm"]["wall"], r["cold"]["wall"]
            print("target %s: %s %d warm re-check after one edit at most %.0f %% of the cold "
                  "check: %.1f %%" % ("met" if w <= RECHECK_RATIO * c else "MISSED", profile,
                                      n, 100 * RECHECK_RATIO, 100 * w / c))
            print("target %s: %s %d warm re-check after one edit under %.0f s: %.2f s" % (
                "met" if w < RECHECK_SECONDS else "MISSED", profile, n, RECHECK_SECONDS, w))
        print("target %s: %s %d one-file check with the cache no slower than without: "
              "%.2f s against %.2f s" % (
                  "met" if r["one_cached"]["wall"] <= r["one_plain"]["wall"] * 1.05 else
                  "MISSED", profile, n, r["one_cached"]["wall"], r["one_plain"]["wall"]))
    print("\ncold start: idm check examples/clean.yaml, median of 11 runs: %.3f s" % cold)
    print("import time (self, by top-level module): " +
          ", ".join("%s %.0f ms" % (m, s * 1000) for m, s in imports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
