"""Every file a command writes passes through engine/app/outputs.py (one Outputs): what it
refuses, how it writes, and a scan that finds any other way of writing a file."""
from __future__ import annotations

import ast
import os
import sqlite3

import pytest

from idm.engine.app import (CheckOptions, DocsOptions, DossierOptions, ExceptionsOptions,
                            check, dossier, exceptions, rules_docs)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples")

# ---- no file is written but through Outputs ----

WRITE_MODES = set("wax+")
# Calls that make or replace a file whatever their arguments.
WRITING_CALLS = {
    "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.move",
    "os.replace", "os.rename", "os.link", "os.symlink", "os.truncate", "os.mkfifo",
    "tempfile.mkstemp", "tempfile.mkdtemp", "tempfile.NamedTemporaryFile",
    "tempfile.TemporaryFile", "tempfile.SpooledTemporaryFile", "os.fdopen",
}
# The places allowed to write, each with why.
ALLOWED = {
    "engine/app/outputs.py": "the one writer of every output (atomic, umask, refusals)",
    "engine/check/spool.py": "a portfolio's results spooled to a private temporary folder "
                             "(mkdtemp, mode 0600 files), removed when the run ends",
    "engine/report/junit.py": "an in-memory buffer (SpooledTemporaryFile) that only spills to "
                              "an anonymous temporary file; the report itself goes to its stream",
    "engine/report/github.py": "the same kind of buffer for the annotations kept per type",
    "engine/report/markdown.py": "the same kind of buffer for the rows of a capped report",
    "engine/check/workers.py": "an anonymous temporary file (no name in any folder) that a "
                               "worker process hands its share of a long report back in",
    "engine/pack/cache.py": "the pack cache ($XDG_CACHE_HOME/idm/packs, docs/packs.md): a "
                            "private work folder, entries renamed into place by digest",
    "engine/pack/sources.py": "fetching a pack (git clone, download, folder copy) into a work "
                              "folder of the pack cache",
    "engine/check/fragments.py": "the result cache (.idm/cache, docs/cache.md): its entries "
                                 "(written by the worker that checked the file), the record of "
                                 "the last run and its report parts, each to a temporary name "
                                 "renamed into place (write_atomic), never to a path the user "
                                 "names",
    "engine/pack/archive.py": "extracting a pack archive into a work folder of the pack cache, "
                              "refusing any member that could leave it (docs/packs.md)",
}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return "%s.%s" % (_name(node.value), node.attr)
    return ""


def _mode(call: ast.Call, position: int) -> str:
    for kw in call.keywords:
        if kw.arg == "mode" and isinstance(kw.value, ast.Constant):
            return str(kw.value.value)
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)
    return "r"


def writes(source: str) -> list:
    """(line, what) for every call in `source` that can write a file."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        last = name.rsplit(".", 1)[-1]
        if name in ("open", "io.open", "codecs.open") and WRITE_MODES & set(_mode(node, 1)):
            out.append((node.lineno, "%s(mode %r)" % (name, _mode(node, 1))))
        elif name.endswith(".open") and last == "open" and name not in ("os.open", "io.open") \
                and WRITE_MODES & set(_mode(node, 0)):
            out.append((node.lineno, "%s(mode %r)" % (name, _mode(node, 0))))   # Path.open
        elif name == "os.open" and any(flag in ast.dump(node) for flag in
                                       ("O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND")):
            out.append((node.lineno, "os.open for writing"))
        elif last in ("write_text", "write_bytes"):
            out.append((node.lineno, last))
        elif name in WRITING_CALLS:
            out.append((node.lineno, name))
    return out


def _sources():
    yield "cli.py"
    for root, dirs, files in os.walk(os.path.join(ROOT, "engine")):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for f in sorted(files):
            if f.endswith(".py"):
                yield os.path.relpath(os.path.join(root, f), ROOT).replace(os.sep, "/")


def test_the_scan_finds_each_way_of_writing_a_file():
    found = writes("open(p, 'w')\nopen(p, mode='ab')\nPath(p).write_text('x')\n"
                   "os.open(p, os.O_WRONLY | os.O_CREAT)\nshutil.copy(a, b)\nos.replace(a, b)\n"
                   "p.open('w')\nopen(p)\nopen(p, 'rb')\nos.open(p, os.O_RDONLY)\n")
    assert [line for line, _ in found] == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("path", list(_sources()))
def test_no_file_is_written_but_through_outputs(path):
    if path in ALLOWED:
        return
    with open(os.path.join(ROOT, path), encoding="utf-8") as fh:
        found = writes(fh.read())
    assert found == [], "%s writes a file outside engine/app/outputs.py: %s" % (path, found)


def test_every_allowed_writer_still_writes():
    """An allowance that is no longer needed is removed, not kept as a blind spot."""
    for path in ALLOWED:
        with open(os.path.join(ROOT, path), encoding="utf-8") as fh:
            assert writes(fh.read()), path


# ---- what Outputs refuses ----

@pytest.fixture
def work(tmp_path, monkeypatch):
    folder = tmp_path / "work"
    folder.mkdir()
    for name in ("clean.yaml", "with-findings.yaml"):
        (folder / name).write_bytes(open(os.path.join(EXAMPLES, name), "rb").read())
    monkeypatch.chdir(folder)
    monkeypatch.delenv("IDM_DB_URL", raising=False)
    return folder


def test_a_dossier_over_its_initiative_is_refused_and_the_initiative_unchanged(work):
    before = (work / "clean.yaml").read_bytes()
    result = dossier(DossierOptions("clean.yaml", output="clean.yaml", date="2026-11-22"))
    assert result.exit_code == 2 and result.written == []
    assert result.stderr == ("clean.yaml: error: --output clean.yaml would overwrite the input "
                             "clean.yaml; choose another file\n")
    assert (work / "clean.yaml").read_bytes() == before


def test_the_register_over_an_input_is_refused_and_the_input_unchanged(work):
    before = (work / "with-findings.yaml").read_bytes()
    result = exceptions(ExceptionsOptions(["."], output="with-findings.yaml", fmt="csv",
                                          date="2026-11-22"))
    assert result.exit_code == 2
    assert "would overwrite the input ./with-findings.yaml" in result.stderr
    assert (work / "with-findings.yaml").read_bytes() == before


def test_a_rule_pack_and_the_project_file_are_never_written_over(work):
    (work / "pack").mkdir()
    pack = open(os.path.join(ROOT, "rules", "exceptions.yaml"), "rb").read()
    (work / "pack" / "exc.yaml").write_bytes(pack)
    (work / ".idm.yaml").write_text("paths: [clean.yaml]\n", "utf-8")
    result = check(CheckOptions(["clean.yaml"], rules=["pack"], output="pack/exc.yaml",
                                reports=["json:.idm.yaml"], date="2026-11-22"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "pack/exc.yaml: error: --output pack/exc.yaml would overwrite the input pack/exc.yaml; "
        "choose another file",
        ".idm.yaml: error: --report json:.idm.yaml would overwrite the project file .idm.yaml; "
        "choose another file"]
    assert (work / "pack" / "exc.yaml").read_bytes() == pack
    assert (work / ".idm.yaml").read_text("utf-8") == "paths: [clean.yaml]\n"


def test_a_configured_report_path_linking_out_of_the_tree_is_refused(work, tmp_path):
    outside = tmp_path / "outside.sarif"
    (work / "idm.sarif").symlink_to(outside)
    result = check(CheckOptions(["clean.yaml"], reports=["sarif:idm.sarif"],
                                reports_configured=True, date="2026-11-22"))
    assert result.exit_code == 2 and not outside.exists()
    assert result.stderr == (
        "idm.sarif: error: --report sarif:idm.sarif is a symbolic link to %s, outside the "
        "working directory and the repository; idm does not follow it (remove the link, or "
        "name the file on the command line)\n" % outside)


def test_a_link_named_on_the_command_line_or_staying_inside_is_written_through(work, tmp_path):
    outside = tmp_path / "outside.sarif"
    (work / "idm.sarif").symlink_to(outside)
    (work / "inside.json").symlink_to("reports.json")
    explicit = check(CheckOptions(["clean.yaml"], reports=["sarif:idm.sarif"],
                                  date="2026-11-22"))
    configured = check(CheckOptions(["clean.yaml"], reports=["json:inside.json"],
                                    reports_configured=True, date="2026-11-22"))
    assert explicit.exit_code == 0 and '"version": "2.1.0"' in outside.read_text("utf-8")
    assert configured.exit_code == 0 and (work / "reports.json").exists()
    assert os.path.islink(work / "inside.json")


# ---- writing ----

def test_rules_docs_writes_through_outputs_and_a_page_that_fails_costs_no_other(work):
    (work / "docs" / "legislation.md").mkdir(parents=True)     # a folder in the page's way
    result = rules_docs(DocsOptions("docs"))
    assert result.exit_code == 2
    assert result.stderr == ("docs/legislation.md: error: cannot write the report: is a "
                             "directory\n")
    assert "docs/README.md" in result.written and "docs/legislation.md" not in result.written
    assert (work / "docs" / "README.md").read_text("utf-8").startswith("#")
    assert [p.name for p in (work / "docs").iterdir() if p.name.startswith(".idm-")] == []


def test_rules_docs_never_writes_over_a_rule_pack(work):
    (work / "pack").mkdir()
    readme = open(os.path.join(ROOT, "rules", "exceptions.yaml"), "rb").read()
    (work / "pack" / "README.md").symlink_to("exc.yaml")
    (work / "pack" / "exc.yaml").write_bytes(readme)
    result = rules_docs(DocsOptions("pack", paths=["pack"]))
    assert result.exit_code == 2 and result.written == []
    assert "would overwrite the input pack/exc.yaml" in result.stderr
    assert (work / "pack" / "exc.yaml").read_bytes() == readme


def test_a_run_whose_report_failed_is_recorded_with_exit_code_2(work):
    result = check(CheckOptions(["clean.yaml"], reports=["sarif:missing/idm.sarif"],
                                record_to="runs.sqlite", date="2026-11-22"))
    assert result.exit_code == 2
    with sqlite3.connect("runs.sqlite") as db:
        assert db.execute("SELECT gate, exit_code FROM idm_runs").fetchall() == [("error", 2)]


def test_since_last_writes_the_reports_that_do_not_show_it_before_the_store_is_opened(
        work, monkeypatch):
    """A store that hangs until the run is stopped (SIGTERM) costs no SARIF or JSON report."""
    from idm.engine.history.record import RunHistory

    def hangs_then_stopped(self, result):
        raise SystemExit(143)
    monkeypatch.setattr(RunHistory, "since_last", hangs_then_stopped)
    with pytest.raises(SystemExit):
        check(CheckOptions(["clean.yaml"], since_last=True, output="report.txt",
                           reports=["sarif:idm.sarif", "json:idm.json"], date="2026-11-22"))
    assert (work / "idm.sarif").exists() and (work / "idm.json").exists()
    assert not (work / "report.txt").exists()      # the text report shows what the store says


def test_the_record_target_and_its_journal_are_never_written_over(work):
    first = check(CheckOptions(["clean.yaml"], record_to="runs.sqlite", date="2026-11-22"))
    assert first.exit_code == 0
    store = (work / "runs.sqlite").read_bytes()
    again = check(CheckOptions(["clean.yaml"], record_to="runs.sqlite", output="runs.sqlite",
                               date="2026-11-22"))
    assert again.exit_code == 2
    assert again.stderr == ("runs.sqlite: error: --output runs.sqlite would overwrite the "
                            "history store runs.sqlite; choose another file\n")
    assert (work / "runs.sqlite").read_bytes() == store


def test_a_report_format_given_from_python_is_checked_like_the_command_line(work):
    result = check(CheckOptions(["clean.yaml"], reports=["pdf:out.pdf"], date="2026-11-22"))
    assert result.exit_code == 2 and result.written == [] and not (work / "out.pdf").exists()
    assert result.stderr.startswith("idm: --report 'pdf:out.pdf': expected FORMAT:FILE")
