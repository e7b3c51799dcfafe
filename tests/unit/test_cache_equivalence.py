"""The result cache never changes a report: after any sequence of edits, renames, deletions,
pack changes, option changes and date changes, every report of a run with the cache is
byte-identical to the same report of a run without it (docs/cache.md)."""
from __future__ import annotations

import glob
import os
import shutil
import tempfile
import time

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from idm import cli
from tests.cli_streams import captured

pytestmark = pytest.mark.own_cache
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples")
FORMATS = ("text", "sarif", "junit", "markdown", "github")   # json is the main report
OBLIGATIONS = os.path.join(EXAMPLES, "packs", "overheidsverplichtingen")
LOKET = os.path.join(ROOT, "features", "packs", "verplichtingen.feature")


def _pool() -> list:
    """Contents a file can be given: every example initiative, an edited one, one a declared
    field makes valid, a broken one and one that is not an initiative."""
    out = []
    for path in sorted(glob.glob(os.path.join(EXAMPLES, "**", "*.yaml"), recursive=True)):
        if os.sep + "packs" + os.sep not in path:
            with open(path, "rb") as fh:
                out.append(fh.read())
    out.append(out[0].replace(b"title:", b"title: Edited", 1))
    out.append(out[-1] + b"\nextra_top_level_field: 1\n")
    out.append(b"id: [unclosed\n")
    out.append(b"- a list\n- not an initiative\n")
    with open(LOKET, encoding="utf-8") as fh:
        text = fh.read()
    start = text.index('"""', text.index("initiatives/loket.yaml")) + 3
    body = text[start:text.index('"""', start)]
    out.append("\n".join(line[6:] for line in body.strip("\n").split("\n")).encode("utf-8"))
    return out


POOL = _pool()
PROJECT = {
    "bundled": "paths: [work]\n",
    "override": "paths: [work]\noverrides:\n  BUS-003:\n    severity: error\n"
                "    reason: budget discipline\n    approved_by: board\n",
    "obligations": "paths: [work]\nrules: [%s]\n" % OBLIGATIONS,
    "obligations-params": "paths: [work]\nrules: [%s]\nparams:\n"
                          "  overheidsverplichtingen.restore_test_interval: P2Y\n" % OBLIGATIONS,
}

step = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 20), st.integers(0, len(POOL) - 1)),
    st.tuples(st.just("add"), st.integers(0, 20), st.integers(0, len(POOL) - 1)),
    st.tuples(st.just("rename"), st.integers(0, 20), st.integers(0, 99)),
    st.tuples(st.just("delete"), st.integers(0, 20), st.just(0)),
    st.tuples(st.just("project"), st.sampled_from(sorted(PROJECT)), st.just(0)),
    st.tuples(st.just("date"), st.sampled_from(["2026-01-01", "2026-11-22", "2027-06-30"]),
              st.just(0)),
    # Every file last changed an hour ago: the cache may take them as unchanged by their
    # status alone (its record of the last run), without reading them.
    st.tuples(st.just("age"), st.just(0), st.just(0)),
    # An edit of the same size with the modification time put back (touch -d): only the
    # change time tells.
    st.tuples(st.just("sneak"), st.integers(0, 20), st.just(0)),
    st.tuples(st.just("options"), st.sampled_from(["", "--no-waivers", "--fail-on warning",
                                                   "--report html:{out}/report.html"]),
              st.just(0)),
)


def _files(work: str) -> list:
    return sorted(os.listdir(work))


def _apply(work: str, state: dict, op: tuple) -> None:
    kind, a, b = op
    names = _files(work)
    if kind == "edit" and names:
        with open(os.path.join(work, names[a % len(names)]), "wb") as fh:
            fh.write(POOL[b])
    elif kind == "add":
        with open(os.path.join(work, "added-%d.yaml" % a), "wb") as fh:
            fh.write(POOL[b])
    elif kind == "rename" and names:
        os.replace(os.path.join(work, names[a % len(names)]),
                   os.path.join(work, "renamed-%d.yaml" % b))
    elif kind == "delete" and len(names) > 1:
        os.unlink(os.path.join(work, names[a % len(names)]))
    elif kind == "project":
        with open(os.path.join(state["root"], ".idm.yaml"), "w", encoding="utf-8") as fh:
            fh.write(PROJECT[a])
    elif kind == "age":
        for name in names:
            then = time.time() - 3600
            os.utime(os.path.join(work, name), (then, then))
    elif kind == "sneak" and names:
        path = os.path.join(work, names[a % len(names)])
        before = os.stat(path)
        with open(path, "rb") as fh:
            data = fh.read()
        flipped = data.replace(b"e", b"a", 1) if b"e" in data else data.replace(b"a", b"e", 1)
        with open(path, "wb") as fh:
            fh.write(flipped)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif kind == "date":
        state["date"] = a
    elif kind == "options":
        state["options"] = a


def _run(state: dict, out: str, cache: str) -> dict:
    os.makedirs(out, exist_ok=True)
    args = ["check", "--date", state["date"], "--jobs", "1", "--format", "json",
            "-o", os.path.join(out, "report.json"), cache]
    args += [a.format(out=out) for a in state["options"].split()]
    for fmt in FORMATS:
        args += ["--report", "%s:%s" % (fmt, os.path.join(out, "report." + fmt))]
    with captured() as (stdout, stderr):
        code = cli.run(args)
        said = stdout.getvalue(), stderr.getvalue()
    reports = {}
    for name in sorted(os.listdir(out)):
        with open(os.path.join(out, name), "rb") as fh:
            reports[name] = fh.read()
    shutil.rmtree(out)
    return {"code": code, "said": said, "reports": reports}


def _equivalent(steps: list) -> None:
    from idm.engine.check import lastrun
    racy, lastrun.RACY_NS = lastrun.RACY_NS, 0   # a file's status is trusted at once
    try:
        _steps(steps)
    finally:
        lastrun.RACY_NS = racy


def _steps(steps: list) -> None:
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as root:
        work = os.path.join(root, "work")
        os.makedirs(work)
        for k, content in enumerate(POOL[:6]):
            with open(os.path.join(work, "ini-%d.yaml" % k), "wb") as fh:
                fh.write(content)
        state = {"root": root, "date": "2026-11-22", "options": ""}
        _apply(work, state, ("project", "bundled", 0))
        os.chdir(root)
        try:
            for op in [("date", "2026-11-22", 0)] + steps:
                _apply(work, state, op)
                cached = _run(state, os.path.join(root, "out-cached"), "--cache")
                again = _run(state, os.path.join(root, "out-again"), "--cache")
                uncached = _run(state, os.path.join(root, "out-plain"), "--no-cache")
                assert cached == uncached, (op, state)
                assert again == uncached, (op, state)
            assert glob.glob(os.path.join(root, ".idm", "cache", "*", "*.json"))
        finally:
            os.chdir(old)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(step, min_size=1, max_size=4))
# Each kind of change at least once, whatever hypothesis draws.
@example([("date", "2027-06-30", 0), ("date", "2026-01-01", 0)])
@example([("project", "override", 0), ("project", "obligations", 0),
          ("edit", 1, len(POOL) - 1), ("project", "obligations-params", 0)])
@example([("rename", 0, 5), ("edit", 2, 6), ("delete", 3, 0), ("add", 1, 2)])
@example([("options", "--no-waivers", 0), ("options", "--report html:{out}/report.html", 0),
          ("edit", 0, len(POOL) - 3)])
@example([("age", 0, 0), ("sneak", 1, 0), ("age", 0, 0), ("edit", 2, 3),
          ("options", "--report html:{out}/report.html", 0), ("age", 0, 0), ("sneak", 2, 0)])
@example([("age", 0, 0), ("edit", 0, 5), ("age", 0, 0), ("project", "obligations", 0),
          ("age", 0, 0), ("rename", 1, 7), ("age", 0, 0)])
def test_reports_with_the_cache_are_those_without_it(steps):
    _equivalent(steps)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(step, min_size=1, max_size=10))
def test_reports_with_the_cache_are_those_without_it_long(steps):
    _equivalent(steps)
