"""The result cache's record of the last run (docs/cache.md, "The last run"): a re-check after
one edit reads only that file, and nothing in the record is trusted when it is not what this
idm wrote, or when a file changed in a way its status alone does not show."""
from __future__ import annotations

import glob
import os
import shutil
import time

import pytest

from idm import cli
from idm.engine.check import lastrun
from idm.engine.inputs import loader
from tests.cli_streams import captured

pytestmark = pytest.mark.own_cache
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PORTFOLIO = os.path.join(ROOT, "examples", "portfolio")
DATE = "2026-11-22"
FORMATS = ("json", "text", "sarif", "junit", "markdown")


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(PORTFOLIO, tmp_path / "work")
    then = time.time() - 3600
    for name in os.listdir(tmp_path / "work"):
        os.utime(tmp_path / "work" / name, (then, then))
    monkeypatch.chdir(tmp_path)
    # The files were copied just now: their change times are recent, and a status is trusted
    # only two seconds after a change.  The tests do not wait.
    monkeypatch.setattr(lastrun, "RACY_NS", 0)
    return tmp_path


def _reports(tmp_path, cache: str = "--cache", formats=FORMATS) -> dict:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    args = ["check", "work", "--date", DATE, "--jobs", "1", cache, "--format", "json",
            "-o", str(out / "report.json")]
    for fmt in formats[1:]:
        args += ["--report", "%s:%s" % (fmt, out / ("report." + fmt))]
    with captured() as (stdout, stderr):
        code = cli.run(args)
    found = {"code": code, "said": stdout.getvalue()}
    for name in sorted(os.listdir(out)):
        found[name] = (out / name).read_bytes()
    shutil.rmtree(out)
    return found


def _runs(tmp_path) -> list:
    return sorted(glob.glob(str(tmp_path / ".idm" / "cache" / "runs" / "*")))


def _reading(monkeypatch) -> list:
    """The input files the check reads from now on."""
    read: list = []
    real = loader.read_bytes

    def counting(path, name, limit):
        read.append(os.path.basename(path))
        return real(path, name, limit)
    monkeypatch.setattr(loader, "read_bytes", counting)
    from idm.engine.check import cache
    monkeypatch.setattr(cache, "read_bytes", counting)
    return read


def _decoding(monkeypatch) -> list:
    """The cache entries decoded from now on (one item each)."""
    from idm.engine.check.cache import Evaluated
    decoded: list = []
    real = Evaluated.from_json.__func__

    def counting(cls, text):
        decoded.append(1)
        return real(cls, text)
    monkeypatch.setattr(Evaluated, "from_json", classmethod(counting))
    return decoded


def test_a_recheck_after_one_edit_reads_only_that_file(work, monkeypatch):
    plain = _reports(work, "--no-cache")
    assert _reports(work) == plain
    assert _reports(work) == plain
    name = sorted(os.listdir(work / "work"))[2]
    with open(work / "work" / name, "a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    read = _reading(monkeypatch)
    again = _reports(work)
    assert set(read) == {name}
    assert again == _reports(work, "--no-cache")


def test_an_edit_that_changes_what_portfolio_rules_read_runs_them_again(work):
    _reports(work)
    path = work / "work" / sorted(os.listdir(work / "work"))[0]
    text = path.read_text(encoding="utf-8")
    assert "business_functions" in text
    path.write_text(text.replace("business_functions: [", "business_functions: [Nieuw, ", 1),
                    encoding="utf-8")
    assert _reports(work) == _reports(work, "--no-cache")


def test_an_edit_that_keeps_size_and_modification_time_is_seen(work):
    _reports(work)
    path = work / "work" / sorted(os.listdir(work / "work"))[1]
    before = os.stat(path)
    data = bytearray(path.read_bytes())
    at = data.index(b"title: ") + len(b"title: ")
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")   # another title, same size
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    found = _reports(work)
    assert found == _reports(work, "--no-cache")
    assert b'"title": "' + bytes(data[at:at + 5]) in found["report.json"]


@pytest.mark.parametrize("damage", ["flip", "truncate", "swap"])
def test_damaged_report_parts_are_not_used(work, damage):
    plain = _reports(work, "--no-cache")
    _reports(work)
    texts = [p for p in _runs(work) if p.endswith(".txt")]
    assert texts
    for p in texts:
        data = open(p, "rb").read()
        if damage == "flip":
            data = data[:100] + bytes([data[100] ^ 0x01]) + data[101:]
        elif damage == "truncate":
            data = data[:len(data) // 2]
        else:
            data = data[len(data) // 2:] + data[:len(data) // 2]
        with open(p, "wb") as fh:
            fh.write(data)
    assert _reports(work) == plain
    assert _reports(work) == plain


def test_a_foreign_or_edited_record_of_the_last_run_is_ignored(work):
    plain = _reports(work, "--no-cache")
    _reports(work)
    from idm.engine.check.cachecodec import digest
    for p in _runs(work):
        if p.endswith((".json", ".idx", ".kinds")):
            head, _, body = open(p, "rb").read().partition(b"\n")
            body = body.replace(b"INI-", b"XYZ-")   # its digest then no longer matches
            with open(p, "wb") as fh:
                fh.write(head + b"\n" + body)
    assert _reports(work) == plain
    # Rewritten with a digest that matches but a shape this idm never writes.
    for p in _runs(work):
        if p.endswith((".json", ".idx")):
            head, _, _ = open(p, "rb").read().partition(b"\n")
            body = b'{"rows": 1, "parts": [[1, 2, 3]], "blobs": "x"}'
            fmt, name, _ = head.decode().rsplit(" ", 2)
            with open(p, "wb") as fh:
                fh.write(("%s %s %s" % (fmt, name, digest(body))).encode() + b"\n" + body)
    assert _reports(work) == plain


def test_entries_gone_since_the_last_run_are_made_again(work):
    plain = _reports(work, "--no-cache")
    _reports(work)
    for folder in glob.glob(str(work / ".idm" / "cache" / "??")):
        shutil.rmtree(folder)
    assert _reports(work) == plain
    assert _reports(work) == plain


def test_cache_clear_removes_the_record_of_the_last_run(work):
    _reports(work)
    assert _runs(work)
    with captured():
        assert cli.run(["cache", "clear"]) == 0
    assert not (work / ".idm" / "cache").exists()


def test_a_fresh_checkout_with_the_cache_restored_decodes_no_entry(work, monkeypatch):
    """Every file has a new status (a CI job restores .idm/cache into a new clone): each is
    read for its digest, and taken from the last run's record when its content is the same."""
    plain = _reports(work, "--no-cache", ("json", "text"))
    _reports(work, "--cache", ("json", "text"))
    shutil.rmtree(work / "work")
    shutil.copytree(PORTFOLIO, work / "work")
    decoded = _decoding(monkeypatch)
    assert _reports(work, "--cache", ("json", "text")) == plain
    assert decoded == []     # the reports' parts come from the last run's reports too
    assert _reports(work, "--cache", ("json", "text")) == plain


def test_an_edit_portfolio_rules_read_decodes_no_entry_of_other_files(work, monkeypatch):
    """What the portfolio rules read of each file is kept beside the record: they run again
    over it, and the reports' unchanged parts are copied."""
    formats = ("json", "text")
    _reports(work, "--cache", formats)
    path = work / "work" / sorted(os.listdir(work / "work"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("business_functions: [", "business_functions: [Nieuw, ", 1),
                    encoding="utf-8")
    decoded = _decoding(monkeypatch)
    found = _reports(work, "--cache", formats)
    assert found == _reports(work, "--no-cache", formats)
    # The findings of the initiatives sharing the edited business function change: only
    # those are read from their entries.
    assert len(decoded) < len(os.listdir(work / "work")) - 1


def test_a_record_naming_initiatives_the_run_does_not_have_is_not_used(work):
    """A record whose digest matches but whose pair findings point past the run's initiatives
    (written by hand, or by a broken idm) is not used as indices: the run goes the long way."""
    import base64
    import json
    from array import array
    from idm.engine.check.cachecodec import digest
    plain = _reports(work, "--no-cache")
    _reports(work)
    records = [p for p in _runs(work) if p.endswith(".json")]
    assert records
    for p in records:
        head, _, body = open(p, "rb").read().partition(b"\n")
        data = json.loads(body)
        rows = array("i")
        rows.frombytes(base64.b64decode(data["pair_rows"]))
        assert rows, "the example portfolio has pair findings"
        rows[0] = 10 ** 6          # an initiative the run does not have
        rows[1] = 99               # a rule it does not have
        data["pair_rows"] = base64.b64encode(rows.tobytes()).decode()
        body = json.dumps(data).encode()
        fmt, name, _ = head.decode().rsplit(" ", 2)
        with open(p, "wb") as fh:
            fh.write(("%s %s %s" % (fmt, name, digest(body))).encode() + b"\n" + body)
    assert _reports(work) == plain
