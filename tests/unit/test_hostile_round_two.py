"""Reliability and security, round two (issue 21): processes, streams and report files.

The user-visible promises are scenarios in features/engine/safety.feature; these are the cases
that need a process of their own (signals, standard input, parents that die) or a failure the
machine cannot produce on demand (a full disk, a read-only directory as root)."""
from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time

import pytest
import yaml

from idm import cli
from idm.engine.app import outputs as output_module
from idm.engine.authoring.examples import initiative
from idm.engine.errors import Problem, escape_controls
from idm.engine.app.outputs import OutputError, write_report
from idm.engine.compile.regex_time import RegexTimeout, budget, search
from idm.engine.check.workers import MAX_JOBS, fork_available, run_parallel

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IDM = [sys.executable, "-m", "idm.cli"]


def _good(folder, name="good.yaml", ident="INI-GOOD"):
    path = folder / name
    path.write_text(yaml.safe_dump(initiative({"phase": "initiation"}, ident)), "utf-8")
    return path


def _run(args, cwd, **kw):
    return subprocess.run(IDM + args, cwd=cwd, capture_output=True, timeout=120, **kw)


# ---- 2. regular expressions: a time bound, and SIGTERM inside a match ----

@pytest.mark.parametrize("pattern, text", [
    (r"((a+))+$", "a" * 31 + "!"),
    (r"(?:(?:a*))*$", "a" * 31 + "!"),
    (r"((a|a))+$", "a" * 31 + "!"),
    (r"a*a*a*a*b", "a" * 20000),
])
def test_a_backtracking_match_is_stopped_by_the_budget(pattern, text):
    start = time.monotonic()
    with pytest.raises(RegexTimeout, match="took more than"):
        with budget(0.3):
            search(pattern, text)
    assert time.monotonic() - start < 5


def test_the_budget_is_shared_by_all_matches_of_an_initiative():
    with budget(0.3):
        with pytest.raises(RegexTimeout):
            for _ in range(1000):           # each match alone would finish in time
                search(r"(a|b|c)*x", "abc" * 2000)


def test_ordinary_matches_are_unchanged():
    with budget():
        assert search(r"(?i)\bai\b", "Inzet van AI bij toezicht")
        assert not search(r"(?i)\bai\b", "éai")      # Python's Unicode word boundaries
        assert search(r"algoritm\w*", "algoritmeën")


def test_sigterm_ends_a_run_inside_a_regular_expression(tmp_path):
    code = ("import signal, sys; sys.path.insert(0, %r); from idm import cli; "
            "signal.signal(signal.SIGTERM, cli._on_sigterm); "
            "from idm.engine.compile.regex_time import budget, search; print('ready', flush=True); "
            "b = budget(600); b.__enter__(); search('((a+))+$', 'a' * 60 + '!')" % ROOT)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"ready\n"
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("SIGTERM was not handled inside the regular expression")
    assert proc.returncode == 143, proc.stderr.read()


# ---- 3. standard input is bounded ----

def test_stdin_obeys_max_file_size(tmp_path):
    _good(tmp_path)
    with open("/dev/zero", "rb") as zero:
        out = _run(["check", "-", "good.yaml", "--max-file-size", "1000", "--jobs", "1"],
                   tmp_path, stdin=zero)
    assert out.returncode == 2
    assert out.stderr.decode() == ("<stdin>: error: more than 1000 bytes, the limit (raise it "
                                   "with --max-file-size)\n")
    assert b"INI-GOOD" in out.stdout


# ---- 5, 6. report files ----

def test_a_new_report_gets_the_mode_of_a_normal_write(tmp_path):
    old = os.umask(0o027)
    try:
        write_report(str(tmp_path / "new.txt"), "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o640


def test_a_replaced_report_keeps_its_mode_and_a_link_stays_a_link(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old", "utf-8")
    os.chmod(target, 0o604)
    (tmp_path / "link.txt").symlink_to("report.txt")
    write_report(str(tmp_path / "link.txt"), "new")
    assert os.path.islink(tmp_path / "link.txt")
    assert target.read_text("utf-8") == "new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o604


def test_a_report_to_a_fifo_behind_a_link_is_written_into_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "out").symlink_to("pipe")       # what /dev/stdout is to a pipe
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    write_report(str(tmp_path / "out"), "the report\n")
    reader.join(timeout=30)
    assert got == [b"the report\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.path.islink(tmp_path / "out")


def test_a_full_disk_is_one_line_and_the_previous_report_stays(tmp_path, monkeypatch):
    report = tmp_path / "report.json"
    report.write_text("previous", "utf-8")

    def full(stream):
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(OutputError) as e:
        write_report(str(report), full)
    assert str(e.value) == ("%s: error: cannot write the report: no space left on the device "
                            "(the previous report is unchanged)" % report)
    assert report.read_text("utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]   # no temporary file left


def test_a_read_only_directory_is_one_line(tmp_path, monkeypatch):
    # Tests run as root, which may write anywhere: the refusal is made by mkstemp instead.
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(output_module.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match="cannot write the report: permission denied$"):
        write_report(str(tmp_path / "r.json"), "x")


@pytest.mark.parametrize("target, message", [
    ("/dev/full", "cannot write the report: no space left on the device"),
    ("/dev/null/x", "cannot write the report: a part of the path is not a directory"),
    (".", "cannot write the report: is a directory"),
])
def test_write_failures_on_the_command_line_are_one_line_and_exit_2(tmp_path, target, message):
    _good(tmp_path)
    out = _run(["check", "good.yaml", "--jobs", "1", "--report", "json:" + target], tmp_path)
    assert out.returncode == 2
    assert out.stderr.decode() == "%s: error: %s\n" % (target, message)


def test_a_deeply_nested_baseline_is_an_input_error(tmp_path):
    _good(tmp_path)
    (tmp_path / "baseline.json").write_text("[" * 200000, "utf-8")
    out = _run(["check", "good.yaml", "--baseline", "baseline.json"], tmp_path)
    assert out.returncode == 2
    assert out.stderr.decode().startswith("baseline.json: error: baseline: ")
    assert b"Traceback" not in out.stderr


# ---- 8. processes ----

def _children(pid):
    out = set()
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/children" % (pid, task)) as fh:
            out |= {int(x) for x in fh.read().split()}
    return out


def _alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not fork_available() or not os.path.exists("/proc/self/task"),
                    reason="needs fork and /proc")
def test_workers_die_with_their_parent(tmp_path):
    folder = tmp_path / "portfolio"
    folder.mkdir()
    for i in range(3000):
        _good(folder, "i-%04d.yaml" % i, "INI-%04d" % i)
    proc = subprocess.Popen(IDM + ["check", "portfolio", "--jobs", "2", "--format", "json"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers = set()
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)            # until the workers are there
    assert len(workers) == 2, "the workers did not start"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, "workers outlived their parent"


@pytest.mark.skipif(not fork_available(), reason="needs fork")
def test_jobs_are_capped_at_the_files_and_the_maximum():
    started = []
    run_parallel(lambda i: i, 5, 100000, on_start=started.append)
    assert len(started[0]) == 5
    started.clear()
    run_parallel(lambda i: i, MAX_JOBS + 6, 100000, on_start=started.append)
    assert len(started[0]) == MAX_JOBS


def test_a_symlink_to_stdin_is_refused_without_blocking(tmp_path):
    _good(tmp_path)
    (tmp_path / "in.yaml").symlink_to("/dev/stdin")
    r, w = os.pipe()                      # a writer that never writes nor closes
    try:
        out = _run(["check", "in.yaml", "good.yaml", "--jobs", "1"], tmp_path, stdin=r)
    finally:
        os.close(r)
        os.close(w)
    assert out.returncode == 2
    assert out.stderr.decode() == "in.yaml: error: is a FIFO (named pipe), not a regular file; not read\n"
    assert b"INI-GOOD" in out.stdout


# ---- 9. stderr: control characters are escaped ----

def test_a_newline_in_a_file_name_cannot_forge_a_log_line(tmp_path):
    name = "x\n::error file=README.md::forged.yaml"
    (tmp_path / name).write_text("- not an initiative\n", "utf-8")
    out = _run(["check", name, "--jobs", "1"], tmp_path)
    assert out.returncode == 2
    lines = out.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("x\\x0a::error file=README.md::forged.yaml:")
    assert not [l for l in out.stdout.decode().splitlines() if l.startswith("::")]


def test_escape_controls():
    assert escape_controls("a\tb\x1b[31m\u202e") == "a\\x09b\\x1b[31m\\u202e"
    assert str(Problem("f\r", "m\n")) == "f\\x0d: error: m\\x0a"


def test_cli_has_no_leftover_atomic_writer():
    assert not hasattr(cli, "write_atomically")   # one writer: engine.app.outputs (Outputs)
