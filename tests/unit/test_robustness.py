"""Failure does not lose results (issue 8): a worker that dies, an engine failure on one
initiative, and interrupts (SIGTERM, Ctrl-C) with --output."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import yaml

import idm.engine.durable.evaluator
from idm.engine.authoring.examples import DEFAULT_DATE, initiative
from idm.engine.compile.compiler import compile_ruleset
from idm.engine.errors import EngineError
from idm.engine.check.run import check
from idm.engine.check.workers import evaluate_parallel, fork_available
from tests.steps.world import default_ruleset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BAD = "INI-BAD"


def _portfolio(folder, n=12, bad=True):
    paths = []
    for i in range(n):
        ident = BAD if bad and i == n // 2 else "INI-%03d" % i
        doc = initiative({"phase": ["initiation", "foundation", "improvement"][i % 3],
                          "owner": {"name": "Team %d" % (i % 4)}}, ident)
        p = folder / ("i-%03d.yaml" % i)
        p.write_text(yaml.safe_dump(doc, sort_keys=False), "utf-8")
        paths.append(str(p))
    return paths


def _findings(result, skip=BAD):
    return sorted((f.initiative, f.rule, f.path, f.message["en"], f.file)
                  for f in result.all_findings() if f.initiative != skip)


def _without_bad(paths):
    return [p for p in paths if BAD not in open(p, encoding="utf-8").read()]


def _patch_evaluate(monkeypatch, action):
    real = idm.engine.durable.evaluator.Evaluator.evaluate

    def evaluate(self, doc):
        if doc.get("id") == BAD:
            action()
        return real(self, doc)
    monkeypatch.setattr(idm.engine.durable.evaluator.Evaluator, "evaluate", evaluate)


@pytest.mark.skipif(not fork_available(), reason="worker processes need fork")
def test_a_worker_that_dies_costs_only_its_initiative(tmp_path, monkeypatch):
    paths = _portfolio(tmp_path)
    ruleset = default_ruleset()
    baseline = check(_without_bad(paths), ruleset, DEFAULT_DATE, jobs=2)
    # Forked workers inherit the patch: the one that gets INI-BAD dies as a SIGSEGV would.
    _patch_evaluate(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    result = check(paths, ruleset, DEFAULT_DATE, jobs=2)
    assert result.exit_code() == 2
    assert [str(p) for p in result.errors] == [
        "i-006.yaml: error: engine error, initiative not checked: the rule engine crashed "
        "(SIGKILL) on this initiative".replace("i-006.yaml", result.errors[0].file)]
    assert result.errors[0].file.endswith("i-006.yaml")
    assert BAD not in [r.id for r in result.initiatives]
    assert _findings(result) == _findings(baseline)
    assert len(result.initiatives) == len(baseline.initiatives) == 11


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_engine_failure_on_one_initiative_costs_only_that_one(tmp_path, monkeypatch, jobs):
    paths = _portfolio(tmp_path)
    ruleset = default_ruleset()
    baseline = check(_without_bad(paths), ruleset, DEFAULT_DATE, jobs=jobs)

    def fail():
        raise EngineError("durable_rules error 303 (simulated)")
    _patch_evaluate(monkeypatch, fail)
    result = check(paths, ruleset, DEFAULT_DATE, jobs=jobs)
    assert result.exit_code() == 2
    assert len(result.errors) == 1
    assert result.errors[0].message == ("engine error, initiative not checked: durable_rules "
                                        "error 303 (simulated)")
    assert _findings(result) == _findings(baseline)


@pytest.mark.skipif(not fork_available(), reason="worker processes need fork")
def test_killing_a_worker_from_outside_mid_run(tmp_path):
    """SIGKILL a worker while it works: the run completes, at most the initiative it held is an
    engine error, and every other evaluation equals a run nobody interfered with."""
    paths = _portfolio(tmp_path, n=400, bad=False)
    ruleset = default_ruleset()
    compiled = compile_ruleset(ruleset, DEFAULT_DATE)
    from idm.engine.inputs.initiatives import load_initiatives
    loaded, problems = load_initiatives(paths)
    assert not problems
    docs = [l.doc.data for l in loaded]
    baseline = evaluate_parallel(compiled, ruleset.defs.scales, docs, 2)
    killed = []

    def on_start(pids):
        def kill_soon():
            time.sleep(0.05)
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])
        threading.Thread(target=kill_soon, daemon=True).start()
    got = evaluate_parallel(compiled, ruleset.defs.scales, docs, 2, on_start=on_start)
    assert killed
    errors = [i for i, ev in enumerate(got) if ev.error is not None]
    assert len(errors) <= 1, [got[i].error for i in errors]
    for i, ev in enumerate(got):
        if i not in errors:
            assert sorted(map(str, ev.hits)) == sorted(map(str, baseline[i].hits)), i
    for i in errors:
        assert "crashed (SIGKILL)" in got[i].error


def _big_portfolio(folder, n):
    folder.mkdir()
    doc = initiative({"phase": "foundation"}, "INI-0")
    text = yaml.safe_dump(doc, sort_keys=False)
    for i in range(n):
        (folder / ("i-%05d.yaml" % i)).write_text(text.replace("INI-0", "INI-%05d" % i), "utf-8")


def _wait_for_spooled_results(spool, proc, timeout: float = 120.0) -> None:
    """Block until a worker's result file under `spool` holds data: the signal that the run is
    under way, whatever the machine's speed (a fixed sleep was early on a loaded machine)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        try:
            for folder in os.listdir(spool):
                path = os.path.join(spool, folder)
                if any(os.path.getsize(os.path.join(path, f)) > 0 for f in os.listdir(path)
                       if f.endswith(".bin")):
                    return
        except (FileNotFoundError, NotADirectoryError):
            pass   # created or removed while we looked
        time.sleep(0.01)
    proc.kill()
    raise AssertionError("no result was spooled within %d s" % timeout)


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupt_stops_cleanly_and_leaves_no_half_report(tmp_path, sig, code):
    _big_portfolio(tmp_path / "portfolio", 6000)
    out = tmp_path / "report.json"
    spool = tmp_path / "tmp"    # where the run keeps its results (more than 200 files)
    spool.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "idm.cli", "check", "portfolio",
                             "--format", "json", "--output", str(out), "--jobs", "2"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, TMPDIR=str(spool)),
                            # As from a terminal: a suite started as a background job ignores
                            # SIGINT, and the child would inherit that.
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for_spooled_results(spool, proc)   # mid-run: workers have written results to disk
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, (proc.returncode, stderr.decode())
    assert b"Traceback" not in stderr + stdout, stderr.decode()
    assert not out.exists()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".idm-")]
    assert not os.listdir(spool), "the run's results were left on disk"
