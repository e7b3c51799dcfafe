"""engine.history: the store on SQLite and PostgreSQL (each test runs on both; the PostgreSQL
variant skips with a reason where no server binaries exist), diffs, retention and reliability."""
from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os

import pytest
from tests.cli_streams import captured

from idm import cli
from idm.engine.history import compare, render, views
from idm.engine.history.record import Inputs, open_store, record
from idm.engine.history.snapshot import take
from idm.engine.history.store import HEAD, HistoryError, Store
from idm.engine.history.target import resolve
from idm.engine.pack.rulepack import load_ruleset

from .report_fixtures import run_result

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _snap(result=None, at="2026-11-22T10:00:00Z"):
    return take(result or run_result(), "check", "portfolio", [], {"a.yaml": "00" * 32}, at)


def _run(args):
    with captured() as (out, err):
        code = cli.run(args)
        return code, out.getvalue().decode(), err.getvalue().decode()


def test_the_migrations_make_exactly_the_schema_and_head_is_current(history_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    from idm.engine.history.schema import metadata
    store = open_store(history_url)
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(
            conn, opts={"version_table": "idm_alembic_version"}), metadata)
    assert diffs == []
    cfg = Config()
    cfg.set_main_option("script_location", os.path.join(ROOT, "engine", "history", "migrations"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD
    open_store(history_url)   # opening again migrates nothing and fails nothing


def test_a_recorded_run_reads_back_with_its_counts(history_url):
    store = open_store(history_url)
    result = run_result()
    number = store.record(_snap(result))
    [summary] = views.history(store)
    s = result.summary()
    assert summary.run.id == number and summary.run.gate == "error"   # it has an input error
    assert summary.initiatives == s["initiatives"] and summary.waived == s["waived"]
    assert sum(summary.findings.values()) + summary.waived == s["findings"]
    assert summary.input_errors == s["errors"]
    [one] = views.history(store, "GEM-002")
    assert one.present and one.findings["warning"] + one.findings["error"] >= 1


def test_run_numbers_are_never_given_again_after_a_prune(history_url):
    store = open_store(history_url)
    first = store.record(_snap(at="2026-01-01T00:00:00Z"))
    second = store.record(_snap(at="2026-06-01T00:00:00Z"))
    assert store.prune("2026-03-01") == 1
    assert [r.id for r in store.runs()] == [second]
    third = store.record(_snap(at="2026-07-01T00:00:00Z"))
    assert third > second > first


def test_erase_removes_an_initiative_from_every_run(history_url):
    store = open_store(history_url)
    store.record(_snap())
    store.record(_snap())
    assert store.erase("GEM-001").total > 0
    assert all(not s.present for s in views.history(store, "GEM-001"))
    assert all(s.present for s in views.history(store, "GEM-002"))


def test_diff_lists_new_resolved_changed_and_a_missing_initiative(history_url):
    store = open_store(history_url)
    before = run_result()
    store.record(_snap(before))
    gem2, gem1 = before.initiatives
    # GEM-001: TEC-001 (waived) resolved, LEG-001 now waived; GEM-002 gone; GEM-003 new.
    waived = dataclasses.replace(gem1.findings[1], waiver=gem1.findings[0].waiver)
    after = run_result()
    after.initiatives = [dataclasses.replace(gem1, findings=[waived] + gem1.findings[2:]),
                         dataclasses.replace(gem2, id="GEM-003", findings=[])]
    store.record(_snap(after))
    d = views.diff(store)
    by = {c.initiative: c for c in d.changes}
    assert [r["rule"] for r in by["GEM-001"].resolved] == ["TEC-001"]
    assert [(a["waived"], b["waived"]) for a, b in by["GEM-001"].changed] == [(False, True)]
    assert by["GEM-002"].presence == "only_a" and not by["GEM-002"].resolved
    assert by["GEM-003"].presence == "only_b"
    assert (d.totals.resolved, d.totals.changed, d.totals.missing, d.totals.added) == (1, 1, 1, 1)
    text = render.diff(d, "text", "nl")
    assert "GEM-002" in text and "niet in run 2" in text
    doc = json.loads(render.diff(d, "json", "en"))
    assert doc["totals"]["initiatives_missing"] == 1


def test_history_renders_as_text_json_and_csv_in_both_languages(history_url):
    store = open_store(history_url)
    store.record(_snap())
    runs = views.history(store)
    assert json.loads(render.history(runs, "json", "en"))["runs"][0]["run"] == 1
    csv_text = render.history(runs, "csv", "nl")
    assert csv_text.splitlines()[0].startswith("run,recorded_at,evaluation_date,root")
    assert "Fouten" in render.history(runs, "text", "nl")


def _record_many(url: str, n: int) -> None:
    store = Store.open(resolve(url))
    for _ in range(n):
        store.record(_snap())


def test_two_processes_recording_at_once_both_land(history_url):
    # Both start on an empty store: the migration and every run must come through.
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                      else "spawn")
    procs = [ctx.Process(target=_record_many, args=(history_url, 5)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    runs = open_store(history_url).runs()
    assert len(runs) == 10 and len({r.id for r in runs}) == 10


class _Interrupted(list):
    def __iter__(self):
        raise KeyboardInterrupt


def test_a_run_interrupted_while_recording_leaves_nothing(history_url):
    store = open_store(history_url)
    snap = _snap()
    snap.input_errors = _Interrupted([{"file": "x"}])   # the last table of the run
    with pytest.raises(KeyboardInterrupt):
        store.record(snap)
    assert store.runs() == []
    assert views.history(store) == []


def test_a_recorded_check_keeps_packs_and_input_digests(history_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.yaml").write_bytes(open(os.path.join(ROOT, "examples", "clean.yaml"),
                                             "rb").read())
    ruleset = load_ruleset()
    from idm.engine.check.run import check
    inputs = Inputs(["one.yaml"])
    result = check(["one.yaml"], ruleset, "2026-11-22")
    store = open_store(history_url)
    number, _ = record(store, result, "check", inputs, ruleset)
    from idm.engine.history import schema as t
    packs = store.rows(t.rule_packs, [number])
    assert {p["name"] for p in packs} >= {"idm-default-business", "idm-default-coverage"}
    assert all(len(p["sha256"]) == 64 and p["version"] for p in packs)
    [inp] = store.rows(t.inputs, [number])
    import hashlib
    assert inp == dict(inp, file="one.yaml",
                       sha256=hashlib.sha256((tmp_path / "one.yaml").read_bytes()).hexdigest())


def test_a_corrupt_store_is_one_line_and_exit_2_with_the_report_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.sqlite").write_bytes(b"this is not a database" * 100)
    code, out, err = _run(["check", os.path.join(ROOT, "examples", "clean.yaml"), "--date",
                           "2026-11-22", "--jobs", "1", "--record=bad.sqlite", "-o", "out.txt",
                           "--report", "json:out.json"])
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("history: bad.sqlite: ") and "Traceback" \
        not in err
    assert (tmp_path / "out.txt").read_text().startswith("PASS") or \
        "PASS" in (tmp_path / "out.txt").read_text()
    assert json.loads((tmp_path / "out.json").read_text())["tool"]["name"] == "idm"


def test_an_unreachable_postgresql_store_is_one_line_and_exit_2(tmp_path, monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(["check", os.path.join(ROOT, "examples", "clean.yaml"), "--date",
                           "2026-11-22", "--jobs", "1", "--record",
                           "postgresql://idm@/nowhere?host=%s" % tmp_path])
    assert code == 2 and err.count("\n") == 1 and err.startswith("history: postgresql://")
    assert "PASS" in out


def test_a_password_on_the_command_line_is_refused_but_read_from_the_environment(monkeypatch):
    code, out, err = _run(["history", "--db", "postgresql://idm:secret@db.example/idm"])
    assert code == 2 and "IDM_DB_URL" in err and "secret" not in err
    monkeypatch.setenv("IDM_DB_URL", "postgresql://idm:secret@db.example/idm")
    assert resolve(None).render_as_string(hide_password=False).startswith(
        "postgresql+psycopg://idm:secret@")


def test_an_input_given_as_the_record_target_is_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "portfolio").mkdir()
    code, out, err = _run(["check", "--record", "portfolio", "x.yaml"])
    assert code == 2 and "--record=TARGET" in err


def test_history_of_a_store_never_recorded_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IDM_DB_URL", raising=False)
    code, out, err = _run(["history"])
    assert code == 2 and err == ("history: .idm/history.sqlite: no history recorded here yet "
                                 "(record runs with --record)\n")
    assert not (tmp_path / ".idm").exists()


def test_since_last_compares_with_the_last_run_of_the_same_inputs(history_url):
    store = open_store(history_url)
    before = run_result()
    store.record(_snap(before))
    after = run_result()
    gem2, gem1 = after.initiatives
    after.initiatives = [gem2, dataclasses.replace(gem1, findings=gem1.findings[1:])]
    s = views.since_last(store, after, "portfolio")
    assert (s.run, s.new, s.resolved, s.added, s.missing) == (1, 0, 1, 0, 0)
    assert views.since_last(store, after, "elsewhere").run is None


def test_exceptions_expiring_within_30_days_of_the_evaluation_date():
    assert compare.expiring("2026-12-22", "2026-11-22")
    assert compare.expiring("2026-01-01", "2026-11-22")   # expired counts too
    assert not compare.expiring("2026-12-23", "2026-11-22")


def test_a_check_without_history_options_never_loads_sqlalchemy(tmp_path):
    import subprocess
    import sys
    code = ("import sys, cli; cli.run(['check', %r, '--date', '2026-11-22', '--jobs', '1', "
            "'-o', %r]); print('sqlalchemy' in sys.modules)"
            % (os.path.join(ROOT, "examples", "clean.yaml"), str(tmp_path / "out.txt")))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out == "False\n"
