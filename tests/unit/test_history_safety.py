"""The history store against hostile or unlucky input (each test on SQLite and PostgreSQL where
it takes `history_url`): secrets in URLs, terminal text, unusable targets, erasure, text that
PostgreSQL refused, runs of other repositories and partial runs, read-only reading, bounded
queries and spreadsheet-safe CSV."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata

import pytest
from tests.cli_streams import captured

from idm import cli
from idm.engine.history import render, schema as t, store as store_module, views
from idm.engine.history.record import open_store
from idm.engine.history.snapshot import take
from idm.engine.history.target import describe, resolve

from .report_fixtures import run_result

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLEAN = os.path.join(ROOT, "examples", "clean.yaml")


def _snap(result=None, root="portfolio", repo=None, partial=False):
    return take(result or run_result(), "check", root, [], {"a.yaml": "00" * 32},
                "2026-11-22T10:00:00Z", repo=repo, partial=partial)


def _run(args):
    with captured() as (out, err):
        code = cli.run(args)
        return code, out.getvalue().decode(), err.getvalue().decode()


def _one_line(code, err):
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err


# -- 4: passwords ------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "postgresql://idm:sekrit@db.example/idm",
    "postgresql://idm@db.example/idm?password=sekrit",
    "postgresql://idm@db.example/idm?sslmode=require&sslpassword=sekrit",
    "postgresql://idm@db.example/idm?PASSWORD=sekrit"])
def test_a_password_on_the_command_line_is_refused_in_every_form(url):
    code, out, err = _run(["history", "--db", url])
    _one_line(code, err)
    assert "IDM_DB_URL" in err and "sekrit" not in err


def test_a_passfile_names_a_file_and_is_accepted_but_never_shown():
    url = resolve("postgresql://idm@db.example/idm?passfile=/home/u/.pgpass")
    assert url.query["passfile"] == "/home/u/.pgpass"
    assert describe(url) == "postgresql://idm@db.example/idm"


def test_no_error_shows_a_password_or_query_string_from_the_environment(tmp_path, monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IDM_DB_URL", "postgresql://idm:sekrit1@/nowhere?host=%s&password=sekrit2"
                       % tmp_path)
    code, out, err = _run(["history"])
    _one_line(code, err)
    assert err.startswith("history: postgresql://idm:***@/nowhere: ")
    assert "sekrit" not in err and "?" not in err
    monkeypatch.setenv("IDM_DB_URL", "postgresql://idm:sekrit1@db.example:port/x?password=s2")
    code, out, err = _run(["history"])
    _one_line(code, err)
    assert "sekrit1" not in err and "s2" not in err


def test_recorded_as_shows_no_query_string(postgres_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = postgres_server.new_database()
    monkeypatch.setenv("IDM_DB_URL", url + "&password=sekrit")   # trust: the server ignores it
    code, out, err = _run(["check", CLEAN, "--date", "2026-11-22", "--jobs", "1", "--record"])
    assert code == 0, err
    assert err.startswith("history: recorded as run 1 in postgresql://idm@/idm_test_")
    assert "sekrit" not in err and "?" not in err and "host=" not in err


# -- 5: terminal text ---------------------------------------------------------------------------

FORGED = "Titel\n::error file=x::forged\x1b]8;;http://evil\x07\u202eevil\u2066"


def _no_raw_controls(text):
    body = text.replace("\n", "")
    assert "\x1b" not in body and "\x07" not in body and "\u202e" not in body
    assert "\u2066" not in body and "\r" not in body
    assert not any(line.startswith("::") for line in text.splitlines()), text


def test_history_and_diff_escape_stored_text(history_url):
    store = open_store(history_url)
    store.record(_snap(root="portfolio\n::error::x\x1b[31m"))
    after = run_result()
    gem2, gem1 = after.initiatives
    after.initiatives = [dataclasses.replace(gem2, title=FORGED,
                                             findings=gem2.findings[1:]), gem1]
    store.record(_snap(after, root="portfolio\n::error::x\x1b[31m"))
    shown = render.diff(views.diff(store), "text", "en")
    _no_raw_controls(shown)
    assert "Titel\\x0a::error file=x::forged\\x1b]8;;http://evil\\x07\\u202eevil\\u2066" in shown
    listed = render.history(views.history(store), "text", "en")
    _no_raw_controls(listed)
    assert "portfolio\\x0a::error::x\\x1b[31m" in listed
    _no_raw_controls(render.history(views.history(store, "GEM-0\n::error::"), "text", "en",
                                    "GEM-0\n::error::"))


def _forged_initiative(tmp_path):
    text = open(CLEAN, encoding="utf-8").read()
    text = text.replace("title: Digitaal aanvragen evenementenvergunning",
                        'title: "Vergunning\\n::error::forged\\e]8;;x\\a\\u202e"')
    text = text.replace("principles:", 'principles:\n  exceptions:\n    - rule: TEC-001\n'
                        '      justification: "ok\\n::error::forged\\e[2J\\u2067"\n'
                        '      approved_by: CIO\n      expires: 2027-01-01', 1) \
        if "principles:" in text else text
    path = tmp_path / "forged.yaml"
    path.write_text(text, "utf-8")
    return path


def test_exceptions_and_explain_escape_input_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _forged_initiative(tmp_path)
    code, out, err = _run(["exceptions", str(path), "--date", "2026-11-22", "--jobs", "1"])
    assert code == 0, err
    assert "ok\\x0a::error::forged\\x1b[2J\\u2067" in out
    _no_raw_controls(out)
    code, out, err = _run(["explain", "LEG-001", "--initiative", str(path), "--date",
                           "2026-11-22"])
    _no_raw_controls(out)
    bad = tmp_path / "x\n::error::y.yaml"
    bad.write_text(open(CLEAN, encoding="utf-8").read(), "utf-8")
    code, out, err = _run(["explain", "LEG-001", "--initiative", str(bad), "--date",
                           "2026-11-22"])
    assert code == 0, err
    assert "x\\x0a::error::y.yaml" in out
    _no_raw_controls(out)


# -- 6: targets that cannot be used -------------------------------------------------------------

@pytest.mark.parametrize("target,says", [
    ("/dev/null/x.sqlite", "a file is in the way"),
    ("in-the-way/x.sqlite", "a file is in the way"),
    ("a-folder", "this looks like an input"),
    ("postgresql://idm@db.example:port/idm", "a port must be a number"),
    ("sqlite:///x.sqlite?mode=bogus", "options after '?'"),
    ("sqlite:///x.sqlite?timeout=abc", "options after '?'")])
def test_a_store_that_cannot_be_used_is_one_line_and_exit_2(tmp_path, monkeypatch, target, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in-the-way").write_text("x")
    (tmp_path / "a-folder").mkdir()
    code, out, err = _run(["check", CLEAN, "--date", "2026-11-22", "--jobs", "1",
                           "--record=" + target])
    _one_line(code, err)
    assert says in err


def _in_read_only(folder, args, cwd):
    """Run idm with `folder` read-only: chmod for a user; for root, who writes anyway, a
    read-only bind mount in a mount namespace of its own (skipped where that is not allowed)."""
    code = "import sys; from idm import cli; sys.exit(cli.run(%r))" % (args,)
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        try:
            return subprocess.run([sys.executable, "-c", code], cwd=str(cwd),
                                  capture_output=True, text=True)
        finally:
            os.chmod(folder, 0o755)
    import shlex
    import shutil
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed: root cannot be given a read-only folder")
    script = "mount --bind -o ro %s %s && exec %s -c %s" % (
        shlex.quote(str(folder)), shlex.quote(str(folder)), shlex.quote(sys.executable),
        shlex.quote(code))
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=str(cwd),
                          capture_output=True, text=True)
    if "mount" in done.stderr and done.returncode not in (0, 2):
        pytest.skip("no mount namespace here: " + done.stderr.strip())
    return done


def test_a_store_in_a_read_only_folder_cannot_be_created_one_line(tmp_path):
    (tmp_path / "ro").mkdir()
    done = _in_read_only(tmp_path / "ro", ["check", CLEAN, "--date", "2026-11-22", "--jobs",
                                           "1", "--record=ro/sub/x.sqlite"], tmp_path)
    _one_line(done.returncode, done.stderr)
    assert done.stderr.startswith("history: ro/sub/x.sqlite: cannot create the store: ")


# -- 9: erasure ---------------------------------------------------------------------------------

def _traces(result):
    """A run naming GEM-001 in a portfolio message and an input error of GEM-009's file."""
    snap = _snap(result)
    row = dict(snap.findings[0], initiative="", rule="POR-001", path="",
               message_en="GEM-001 and GEM-002 share a budget line",
               message_nl="GEM-001 en GEM-002 delen een begrotingsregel")
    snap.findings.append(row)
    snap.input_errors.append({"file": "initiatives/GEM-009.yaml", "line": 3, "column": 1,
                              "message": "id: GEM-009: owner is required"})
    return snap


def test_erase_removes_every_trace_and_says_what(history_url):
    store = open_store(history_url)
    snap = _traces(run_result())
    store.record(snap)
    done = store.erase("GEM-001")
    assert done.total > 0 and done.redacted == 2
    messages = [(r["message_en"], r["message_nl"]) for r in store.rows(t.findings, [1])]
    assert not any("GEM-001" in en or "GEM-001" in nl for en, nl in messages)
    assert ("[erased] and GEM-002 share a budget line",
            "[erased] en GEM-002 delen een begrotingsregel") in messages
    # An initiative whose file had an input error (never loaded) is erasable too.
    gone = store.erase("GEM-009")
    assert gone.deleted["idm_input_errors"] == 1
    assert store.rows(t.input_errors, [1]) == [] or all(
        "GEM-009" not in r["file"] + r["message"] for r in store.rows(t.input_errors, [1]))
    assert done.cleanup in ("checkpointed", "vacuumed")


@pytest.mark.parametrize("ident", ["", "   "])
def test_erase_refuses_an_empty_id(history_url, tmp_path, monkeypatch, ident):
    store = open_store(history_url)
    store.record(_traces(run_result()))
    before = len(store.rows(t.findings, [1]))
    monkeypatch.setenv("IDM_DB_URL", history_url)
    code, out, err = _run(["history", "erase", "--initiative", ident])
    _one_line(code, err)
    assert "empty" in err
    assert len(store.rows(t.findings, [1])) == before


def test_erase_matches_an_id_as_idm_reads_it(history_url):
    store = open_store(history_url)
    result = run_result()
    gem2, gem1 = result.initiatives
    nfc = unicodedata.normalize("NFC", "Café-1")
    result.initiatives = [gem2, dataclasses.replace(gem1, id=nfc)]
    store.record(_snap(result))
    done = store.erase(" " + unicodedata.normalize("NFD", "Café-1"))
    assert done.deleted["idm_initiatives"] == 1
    assert all(not s.present for s in views.history(store, nfc))


def test_erase_leaves_no_name_in_the_sqlite_files_while_another_process_has_them_open(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "h.sqlite"
    store = open_store(str(path))
    result = run_result()
    gem2, gem1 = result.initiatives
    result.initiatives = [gem2, dataclasses.replace(gem1, title="Geheim Project Zwanenmeer")]
    for _ in range(3):
        store.record(_snap(result))
    other = sqlite3.connect(str(path))          # another process reading the same store
    assert other.execute("SELECT count(*) FROM idm_runs").fetchone() == (3,)
    code, out, err = _run(["history", "erase", "--initiative", gem1.id, "--db", str(path)])
    assert code == 0, err
    assert "write-ahead log emptied" in out
    for name in os.listdir(tmp_path):
        data = (tmp_path / name).read_bytes()
        assert b"Zwanenmeer" not in data and gem1.id.encode() not in data, name
    other.close()


def test_erase_on_postgresql_runs_vacuum_and_says_so(postgres_server, monkeypatch):
    monkeypatch.setenv("IDM_DB_URL", postgres_server.new_database())
    open_store(None).record(_snap())
    code, out, err = _run(["history", "erase", "--initiative", "GEM-001"])
    assert code == 0, err
    assert "VACUUM FULL run on idm's tables" in out


# -- 10: text PostgreSQL refused ---------------------------------------------------------------

def test_a_nul_character_and_a_long_rule_id_record_alike_on_both(history_url):
    store = open_store(history_url)
    result = run_result()
    gem2, gem1 = result.initiatives
    long_rule = "CUSTOM-" + "X" * 120
    data = dict(gem1.data, principles={"exceptions": [
        {"rule": long_rule, "justification": "nul\x00here", "approved_by": "CIO",
         "expires": "2027-01-01 or whenever the council decides otherwise, which may take long"}]})
    result.initiatives = [gem2, dataclasses.replace(gem1, title="A\x00B", data=data,
                                                    phase="p" * 100)]
    number = store.record(_snap(result))
    titles = {r["initiative"]: r["title"] for r in store.rows(t.initiatives, [number])}
    assert titles[gem1.id] == "A\\x00B"
    [exc] = store.rows(t.exceptions, [number])
    assert exc["rule"] == long_rule and exc["justification"] == "nul\\x00here"


# -- 11 and 20: like with like ------------------------------------------------------------------

def _repo(tmp_path, name):
    folder = tmp_path / name
    (folder / ".git").mkdir(parents=True)
    (folder / "initiatives").mkdir()
    (folder / "initiatives" / "one.yaml").write_text(open(CLEAN, encoding="utf-8").read())
    return folder


def test_two_repositories_sharing_a_store_are_not_compared(history_url, tmp_path, monkeypatch):
    monkeypatch.setenv("IDM_DB_URL", history_url if "://" in history_url
                       else str(tmp_path / "shared.sqlite"))
    a, b = _repo(tmp_path, "a"), _repo(tmp_path, "b")
    monkeypatch.chdir(a)
    code, out, err = _run(["check", "initiatives", "--date", "2026-11-22", "--jobs", "1",
                           "--record"])
    assert code == 0, err
    monkeypatch.chdir(b)
    code, out, err = _run(["check", "initiatives", "--date", "2026-11-22", "--jobs", "1",
                           "--record", "--since-last"])
    assert code == 0, err
    assert "Since the last recorded run: no run recorded for these inputs" in out
    monkeypatch.chdir(a)
    code, out, err = _run(["check", "initiatives", "--date", "2026-11-22", "--jobs", "1",
                           "--since-last"])
    assert "Since the last recorded run (#1, " in out


def test_runs_recorded_before_repositories_were_kept_still_read_and_compare(history_url):
    store = open_store(history_url)
    old = _snap()
    del old.run["repository"], old.run["partial"]
    store.record(old)
    [run] = store.runs()
    assert run.repository is None and run.partial is None
    assert views.since_last(store, run_result(), "portfolio", "/somewhere").run == run.id


def test_a_partial_run_is_not_the_base_of_a_full_one(history_url):
    store = open_store(history_url)
    full = run_result()
    first = store.record(_snap(full, repo="/r"))
    gem2, gem1 = full.initiatives
    part = run_result()
    part.initiatives = [part.initiatives[1]]
    second = store.record(_snap(part, repo="/r", partial=True))
    assert [r.partial for r in store.runs()] == [False, True]
    doc = json.loads(render.history(views.history(store), "json", "en"))
    assert [r["partial"] for r in doc["runs"]] == [False, True]
    since = views.since_last(store, run_result(), "portfolio", "/r")
    assert (since.run, since.new, since.resolved, since.missing) == (first, 0, 0, 0)
    # A partial run compares the initiatives it checked, with the last run of any kind.
    since = views.since_last(store, part, "portfolio", "/r", partial=True)
    assert (since.run, since.new, since.resolved, since.missing) == (second, 0, 0, 0)


# -- 16 and 21: reading never writes ------------------------------------------------------------

def test_reading_another_programs_database_leaves_it_as_it_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "other.db"
    c = sqlite3.connect(str(db))
    c.execute("CREATE TABLE notes (x)")
    c.commit()
    c.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (["history", "--db", "other.db"], ["diff", "--db", "other.db"],
                 ["report", CLEAN, "--date", "2026-11-22", "--jobs", "1", "--db=other.db",
                  "-o", "board.html"]):
        code, out, err = _run(args)
        assert code == 2 and "not an idm history store" in err, err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert sorted(os.listdir(tmp_path)) == ["board.html", "other.db"]
    (tmp_path / "empty.sqlite").write_bytes(b"")
    code, out, err = _run(["history", "--db", "empty.sqlite"])
    _one_line(code, err)
    assert (tmp_path / "empty.sqlite").read_bytes() == b""


def _old_store(url):
    """A store made by the idm before revision 0002, with one run."""
    from alembic import command
    from alembic.config import Config
    store = open_store(url)
    with store.engine.connect() as conn:
        for table in reversed(t.metadata.sorted_tables):
            conn.exec_driver_sql("DROP TABLE %s" % table.name)
        conn.exec_driver_sql("DROP TABLE idm_alembic_version")
        conn.commit()
    with store.engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", os.path.join(ROOT, "engine", "history",
                                                             "migrations"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO idm_runs (recorded_at, evaluation_date, idm_version, command, root, "
            "gate, exit_code) VALUES ('2026-01-01T00:00:00Z', '2026-01-01', '0.9', 'check', "
            "'portfolio', 'passed', 0)")


def test_an_older_store_is_read_without_migrating_and_migrated_by_a_recording_run(history_url):
    _old_store(history_url)
    reader = open_store(history_url, create=False)
    assert reader.revision == "0001"
    [summary] = views.history(reader)
    assert summary.run.root == "portfolio"
    assert open_store(history_url, create=False).revision == "0001"   # still not migrated
    writer = open_store(history_url)
    writer.record(_snap())
    assert [r.root for r in writer.runs()] == ["portfolio", "portfolio"]
    assert writer.revision == store_module.HEAD


def test_a_store_in_a_read_only_folder_is_read(tmp_path):
    (tmp_path / "ro").mkdir()
    open_store(str(tmp_path / "ro" / "h.sqlite")).record(_snap())
    for name in os.listdir(tmp_path / "ro"):   # as a store copied there, without -wal or -shm
        if name != "h.sqlite":
            os.remove(tmp_path / "ro" / name)
    done = _in_read_only(tmp_path / "ro", ["history", "--db", "ro/h.sqlite"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "portfolio" in done.stdout
    assert os.listdir(tmp_path / "ro") == ["h.sqlite"]


# -- 17: file targets are paths -----------------------------------------------------------------

def test_file_targets_are_paths_not_url_text(tmp_path, monkeypatch):
    folder = tmp_path / "job%2Fmain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = _run(["check", CLEAN, "--date", "2026-11-22", "--jobs", "1",
                           "--record=hist?.sqlite"])
    assert code == 0, err
    assert os.listdir(folder) == ["hist?.sqlite"] or "hist?.sqlite" in os.listdir(folder)
    assert "recorded as run 1 in hist?.sqlite" in err
    code, out, err = _run(["history", "--db", "hist?.sqlite", "--format", "json"])
    assert code == 0 and len(json.loads(out)["runs"]) == 1
    code, out, err = _run(["check", CLEAN, "--date", "2026-11-22", "--jobs", "1",
                           "--record", "-"])
    _one_line(code, err)
    assert not os.path.exists("-")


# -- 12: bounded queries ------------------------------------------------------------------------

_ENDLESS = ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS id, "
            "'' AS recorded_at, '' AS evaluation_date, '' AS idm_version, '' AS command, "
            "'' AS root, '' AS fail_on, '' AS gate, 0 AS exit_code, '' AS repository, "
            "false AS partial FROM r WHERE n < 0")


def _crafted(url):
    """A store whose idm_runs is a view over an endless recursive query."""
    store = open_store(url)
    with store.engine.connect() as conn:
        if store.sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")
            conn.exec_driver_sql("DROP TABLE idm_runs")
        else:
            conn.exec_driver_sql("DROP TABLE idm_runs CASCADE")
        conn.exec_driver_sql("CREATE VIEW idm_runs AS " + _ENDLESS)
        conn.commit()


def test_a_crafted_endless_store_is_stopped_in_time(history_url, monkeypatch):
    _crafted(history_url)
    monkeypatch.setattr(store_module, "QUERY_SECONDS", 1)
    monkeypatch.setenv("IDM_DB_URL", history_url)
    started = time.monotonic()
    code, out, err = _run(["history"])
    assert time.monotonic() - started < 20
    _one_line(code, err)
    assert "took longer than 1 s" in err or "statement timeout" in err


@pytest.mark.parametrize("sig,code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_ends_idm_during_an_endless_query(history_url, tmp_path, sig, code):
    _crafted(history_url)
    env = dict(os.environ, IDM_DB_URL=history_url)
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from idm import cli; "
                             "sys.exit(cli.run(['history']))"], env=env, cwd=str(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3)
    assert proc.poll() is None   # still in the query
    proc.send_signal(sig)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("idm did not end on %s" % sig.name)
    err = proc.stderr.read().decode()
    assert proc.returncode == code and "Traceback" not in err, err


# -- 15: CSV for spreadsheets -------------------------------------------------------------------

def test_csv_cells_never_start_a_formula(history_url, tmp_path, monkeypatch):
    store = open_store(history_url)
    store.record(_snap(root="=HYPERLINK(\"http://evil\")"))
    store.record(_snap(root="\t=1+1"))
    rows = render.history(views.history(store), "csv", "en").splitlines()
    assert rows[1].split(",")[3] == '"\'=HYPERLINK(""http://evil"")"'
    assert rows[2].split(",")[3] == "'\t=1+1"
    monkeypatch.chdir(tmp_path)
    text = open(CLEAN, encoding="utf-8").read()
    assert "principles:" in text
    for lead in ("=", "+", "-", "@"):
        (tmp_path / "x.yaml").write_text(text.replace(
            "principles:", 'principles:\n  exceptions:\n    - rule: TEC-001\n'
            '      justification: "%s1+1 cmd"\n      approved_by: "@CIO"\n'
            '      expires: 2027-01-01' % lead, 1), "utf-8")
        code, out, err = _run(["exceptions", "x.yaml", "--format", "csv", "--date",
                               "2026-11-22"])
        assert code == 0, err
        assert ("'%s1+1 cmd" % lead) in out and "'@CIO" in out
        for line in out.splitlines()[1:]:
            for cell in line.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "-", "@", "\t")), line


def test_a_store_path_with_a_newline_stays_on_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(["check", CLEAN, "--date", "2026-11-22", "--jobs", "1",
                           "--record=h\n::error::x.sqlite"])
    assert code == 0, err
    assert err == "history: recorded as run 1 in h\\x0a::error::x.sqlite\n"
