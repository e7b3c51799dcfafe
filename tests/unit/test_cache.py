"""The result cache's entries (docs/cache.md): never trusted when they are not what this idm
wrote for this key, written atomically, kept under a size cap."""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys

import pytest

from idm import cli
from idm.engine.check import cache as cache_module
from idm.engine.check.cache import ResultCache, clear, trim
from idm.engine.check.cachecodec import Unusable, digest, dumps, loads
from idm.engine.check.run import check
from idm.engine.model import Finding, Message, Number, Severity
from tests.cli_streams import captured
from tests.steps.world import default_ruleset

pytestmark = pytest.mark.own_cache
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PORTFOLIO = os.path.join(ROOT, "examples", "portfolio")
DATE = "2026-11-22"


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(PORTFOLIO, tmp_path / "work")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _entries(folder) -> list:
    return sorted(glob.glob(os.path.join(str(folder), "??", "*.json")))


def _json(run) -> str:
    from idm.engine.report import render
    return render(run, "json")


def _forget_last_run(folder) -> None:
    """Without the record of the last run (docs/cache.md), a check reads every entry."""
    shutil.rmtree(os.path.join(str(folder), "runs"), ignore_errors=True)


def _run(folder=None):
    cache = ResultCache(str(folder)) if folder is not None else None
    return _json(check(["work"], default_ruleset(), DATE, cache=cache))


def test_values_round_trip_and_keep_their_types():
    finding = Finding("R-1", Severity.warning, "c", "d", Message({"en": "t {n}"}, [("n", Number(2.0))]),
                      "a.b", "f.yaml", 3, None)
    value = [finding, (1, 1.0, True, None), frozenset({"x"}), {"!": 1, (1, None): "k"},
             {"plain": [1, 2]}]
    back = loads(dumps(value))
    assert back[0] == finding and back[0].message.values == finding.message.values
    assert back[1] == (1, 1.0, True, None) and type(back[1][1]) is float
    assert back[2:] == value[2:]


@pytest.mark.parametrize("text", [
    '{"!":"o","c":"Popen","v":[["sh","-c","touch /tmp/pwned"]]}',   # a class it does not know
    '{"!":"o","c":"Finding","v":[1]}',                               # the wrong fields
    '{"!":"e","c":"Severity","v":"catastrophic"}',
    '{"!":"x","v":1}',
    '{"!":"o","c":"Finding"',                                        # torn
])
def test_anything_but_known_data_is_unusable(text):
    with pytest.raises(Unusable):
        loads(text)


def test_a_foreign_entry_with_a_correct_digest_is_ignored_and_rewritten(work):
    folder = work / "cache"
    first = _run(folder)
    entries = _entries(folder)
    # Someone writes a consistent entry (its digest matches) holding a class idm never stores.
    path = entries[0]
    head = open(path, "rb").read().split(b"\n", 1)[0]
    key = head.split(b" ")[2]
    for body in (b'[[{"!":"o","c":"Popen","v":[]}],null,{},null,[]]',
                 b'[[],"a result that is text",{},null,[]]',      # known types, wrong places
                 b'[[],null,{"k":1},{"AGG":5},[["x",1,null]]]'):
        with open(path, "wb") as fh:
            fh.write(b"idm-cache 1 " + key + b" " + digest(body).encode() + b"\n" + body)
        _forget_last_run(folder)
        assert _run(folder) == first == _run(None)
        assert open(path, "rb").read().split(b"\n", 1)[1] != body


def test_an_entry_moved_under_another_key_is_not_used(work):
    folder = work / "cache"
    first = _run(folder)
    a, b = _entries(folder)[:2]
    shutil.copyfile(a, b)   # whole and with a correct digest, but another file's entry
    _forget_last_run(folder)
    assert _run(folder) == first
    assert open(a, "rb").read() != open(b, "rb").read()


def test_an_unwritable_cache_folder_leaves_the_check_as_it_is(work):
    folder = work / "cache"
    folder.write_text("a file where the folder should be")   # unwritable, even for root
    assert _run(folder) == _run(None)
    assert folder.read_text() == "a file where the folder should be"


def test_the_folder_is_trimmed_to_its_cap_oldest_first(work, monkeypatch):
    folder = work / "cache"
    _run(folder)
    _forget_last_run(folder)   # its entries count as in use (the next test)
    entries = _entries(folder)
    every = glob.glob(os.path.join(str(folder), "*", "*"))
    sizes = {p: os.path.getsize(p) for p in every}
    for k, p in enumerate(entries):
        os.utime(p, (1000 + k, 1000 + k))      # entries[0] least recently used
    cap = sum(sizes.values()) - 1
    removed = trim(str(folder), cap)
    left = _entries(folder)
    assert removed >= 1 and entries[0] not in left and entries[-1] in left
    assert sum(sizes[p] for p in glob.glob(os.path.join(str(folder), "*", "*"))) \
        <= cap * cache_module.KEEP_AFTER_TRIM


def test_a_hit_refreshes_an_entry_so_it_is_trimmed_last(work):
    folder = work / "cache"
    _run(folder)
    _forget_last_run(folder)
    for p in _entries(folder):
        os.utime(p, (1000, 1000))
    _run(folder)
    assert all(os.path.getmtime(p) > 1000 for p in _entries(folder))


def test_entries_the_last_run_took_unread_are_trimmed_last(work):
    """A re-check takes unchanged files from the record of the last run without touching their
    entries: they are in use all the same, and an unused entry goes first."""
    folder = work / "cache"
    _run(folder)
    _run(folder)
    entries = _entries(folder)
    for p in entries:
        os.utime(p, (1000, 1000))
    unused = os.path.join(str(folder), "ff", "0" * 38 + ".json")
    os.makedirs(os.path.dirname(unused), exist_ok=True)
    every = glob.glob(os.path.join(str(folder), "*", "*"))
    total = sum(os.path.getsize(p) for p in every)
    with open(unused, "wb") as fh:
        fh.write(b"x" * total)      # half the folder, used longest ago
    os.utime(unused, (2000, 2000))
    assert trim(str(folder), 2 * total - 1) == 1
    assert not os.path.exists(unused) and _entries(folder) == entries


def test_cache_clear_removes_the_entries_and_only_them(work):
    folder = work / "cache"
    _run(folder)
    (folder / "notes.txt").write_text("mine")
    n = len(_entries(folder))
    assert clear(str(folder)) == n
    assert _entries(folder) == [] and (folder / "notes.txt").exists()


def test_concurrent_runs_sharing_a_cache_see_whole_entries(work):
    (work / ".idm.yaml").write_text("paths: [work]\n")
    os.chmod(work / ".idm.yaml", 0o644)
    expected = _run(None)
    cmd = [sys.executable, "-m", "idm.cli", "check", "--date", DATE, "--jobs", "2",
           "--format", "json"]
    procs = [subprocess.Popen(cmd, cwd=str(work), stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL) for _ in range(4)]
    outs = [p.communicate(timeout=300)[0].decode("utf-8") for p in procs]
    assert all(json.loads(o) == json.loads(expected) for o in outs)
    assert outs[0] == expected
    entries = _entries(work / ".idm" / "cache")
    assert len(entries) == 7
    assert not glob.glob(str(work / ".idm" / "cache" / "*" / ".tmp-*"))
    for p in entries:
        head, _, body = open(p, "rb").read().partition(b"\n")
        assert head.endswith(digest(body).encode())


def test_a_one_file_check_outside_a_project_writes_nothing(work):
    with captured() as (out, err):
        code = cli.run(["check", "work/01-omgevingsloket.yaml", "--date", DATE, "--jobs", "1"])
    assert code in (0, 1)
    assert not (work / ".idm").exists()
