"""Fuzzing the loaders (issue 8): replay of kept crashing inputs (always), a short hypothesis
fuzz of the same targets (always), and bounded atheris runs (slow)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fuzz.targets import load_initiative, load_rulepack

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REGRESSIONS = os.path.join(ROOT, "tests", "fixtures", "fuzz-regressions")
FUZZ_SECONDS = int(os.environ.get("IDM_FUZZ_SECONDS", "30"))

REPLAY = """
import sys
sys.path.insert(0, %r)
from fuzz.targets import TARGETS
for target, path in zip(sys.argv[1::2], sys.argv[2::2]):
    with open(path, "rb") as fh:
        TARGETS[target](fh.read())
    print("ok", path)
""" % ROOT


def _cases():
    return sorted((t, p) for t in ("loader", "rulepack")
                  for p in glob.glob(os.path.join(REGRESSIONS, t, "*")))


@pytest.mark.parametrize("target, path", _cases(), ids=lambda x: os.path.basename(str(x)))
def test_kept_crashing_inputs_load_or_fail_cleanly(target, path):
    # In a child process: some of these killed the interpreter with SIGSEGV.
    proc = subprocess.run([sys.executable, "-c", REPLAY, target, path],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])


FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
yamlish = st.text(st.sampled_from(list("-:[]{}&*!|>'\"#?,% \n\tab01.") + ["\ufeff", "é"]),
                  max_size=120)


@FUZZ
@given(st.binary(max_size=200) | yamlish.map(lambda s: s.encode("utf-8")))
def test_loader_never_raises_anything_but_input_errors(data):
    load_initiative(data)


@settings(FUZZ, max_examples=15)
@given(yamlish.map(lambda s: ("apiVersion: idm/v1\nkind: RulePack\nname: f\n" + s).encode()))
def test_rulepack_loader_never_raises_anything_but_input_errors(data):
    load_rulepack(data)


@pytest.mark.slow
@pytest.mark.parametrize("target", ["loader", "rulepack"])
def test_atheris_finds_no_crash(target, tmp_path):
    pytest.importorskip("atheris")
    prefix = str(tmp_path / "crash-")
    # libFuzzer's RSS limit (2 GB) reads the peak the child inherits from this process at fork:
    # after the other slow tests pytest itself may hold that much, which libFuzzer then
    # reported as the fuzzed code running out of memory.  The limit stays 2 GB above it.
    import resource
    inherited = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "fuzz", "fuzz_%s.py" % target),
                           "-max_total_time=%d" % FUZZ_SECONDS, "-artifact_prefix=" + prefix,
                           "-rss_limit_mb=%d" % (2048 + inherited)],
                          capture_output=True, text=True, timeout=FUZZ_SECONDS + 300, cwd=ROOT)
    found = glob.glob(prefix + "*")
    for f in found:   # keep them: the replay test above runs them from now on
        shutil.copy(f, os.path.join(REGRESSIONS, target, os.path.basename(f)))
    assert proc.returncode == 0 and not found, (found, proc.stderr[-3000:])
