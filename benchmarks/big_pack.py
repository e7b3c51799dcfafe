"""Time to load a large rule pack and check the examples with it (issue: 3,000 rules < 10 s).

    python benchmarks/big_pack.py --rules 3000

Prints wall time and the CPU time of all idm processes: on a shared machine the second says more.
Writes a pack of N generated rules (a mix of the condition shapes the language offers: presence,
equality, membership, numeric comparison, regular expression, a list quantifier and a
combination), then times `idm check examples/ --rules PACK` end to end in a fresh process, with
the default pack alongside.  Prints one line: rules, seconds, exit code, findings.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

_CONDITIONS = [
    "{path: owner.name, missing: true}",
    "{path: phase, equals: initiation}",
    "{path: phase, in: [foundation, improvement]}",
    "{path: budget.one_off, gt: %d}",
    "{path: title, matches: 'digitaal%d|platform'}",
    "{some: {in: operations.applications, where: {path: item.hosting, equals: non-eu}}}",
    "{all: [{path: design.privacy.personal_data, equals: true}, {path: design.privacy.dpia, missing: true}]}",
    "{any: [{path: legacy.impact, missing: true}, {path: direction.goals, count: {lt: %d}}]}",
]


def make_pack(n: int) -> str:
    lines = ["apiVersion: idm/v1", "kind: RulePack", "name: bench-big", "rules:"]
    for i in range(n):
        cond = _CONDITIONS[i % len(_CONDITIONS)]
        if "%d" in cond:
            cond = cond % (i + 1)
        lines += [
            "  - id: BIG-%04d" % i,
            "    title: {en: 'Generated rule %d', nl: 'Gegenereerde regel %d'}" % (i, i),
            "    message: {en: 'Rule %d fired.', nl: 'Regel %d vuurde.'}" % (i, i),
            "    category: business",
            "    domain: design",
            "    severity: warning",
            "    when: %s" % cond,
            "    at: title",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rules", type=int, default=3000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pack = os.path.join(tmp, "big.yaml")
        with open(pack, "w", encoding="utf-8") as fh:
            fh.write(make_pack(args.rules))
        cmd = [sys.executable, "-m", "idm.cli", "check", os.path.join(ROOT, "examples"),
               "--rules", os.path.join(ROOT, "rules"), "--rules", pack, "--format", "json",
               "--fail-on", "never", "--date", "2026-06-01", "--jobs", str(args.jobs)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, cwd=ROOT)
        took = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    findings = "-"
    if out.returncode in (0, 1):
        report = json.loads(out.stdout)
        findings = sum(len(i["findings"]) for i in report["initiatives"])
    else:
        sys.stderr.write(out.stderr.decode("utf-8", "replace")[-2000:])
    print("%d rules: %.2f s wall, %.2f s CPU (all processes), exit %d, %s findings, load average "
          "%.1f" % (args.rules, took, cpu, out.returncode, findings, os.getloadavg()[0]))
    return 0 if out.returncode in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
