"""The project file .idm.yaml: found upwards, validated with positions, paths from its folder."""
from __future__ import annotations

import os

from idm.engine.inputs.config import find_config, load_config


def test_found_in_the_nearest_parent(tmp_path, monkeypatch):
    (tmp_path / ".idm.yaml").write_text("paths: [a/]\n", "utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".idm.yaml").write_text("paths: [c/]\n", "utf-8")
    deep = tmp_path / "b" / "x" / "y"
    deep.mkdir(parents=True)
    assert find_config(str(deep)) == str(tmp_path / "b" / ".idm.yaml")
    assert find_config(str(tmp_path)) == str(tmp_path / ".idm.yaml")


def test_paths_reports_and_baseline_are_relative_to_the_file(tmp_path, monkeypatch):
    folder = tmp_path / "repo"
    (folder / "sub").mkdir(parents=True)
    (folder / ".idm.yaml").write_text(
        "paths: [initiatives/, /abs/elsewhere]\nrules: [rules/]\nbaseline: b.json\n"
        "reports: ['sarif:out/idm.sarif']\nlang: nl\n", "utf-8")
    monkeypatch.chdir(folder / "sub")
    config, problems = load_config(str(folder / ".idm.yaml"))
    assert problems == []
    assert config.settings == {
        "paths": [os.path.join("..", "initiatives"), "/abs/elsewhere"],
        "rules": [os.path.join("..", "rules")], "baseline": os.path.join("..", "b.json"),
        "reports": ["sarif:" + os.path.join("..", "out", "idm.sarif")], "lang": "nl"}


def test_an_empty_file_sets_nothing(tmp_path):
    (tmp_path / ".idm.yaml").write_text("# nothing yet\n", "utf-8")
    config, problems = load_config(str(tmp_path / ".idm.yaml"))
    assert problems == [] and config.settings == {}


def test_bad_report_spec_and_url_name_their_positions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".idm.yaml").write_text(
        "reports:\n  - pdf:out.pdf\nrules-doc-url: ftp://x\n", "utf-8")
    config, problems = load_config(".idm.yaml")
    assert config is None
    assert [(p.line, p.column, p.path) for p in problems] == [
        (2, 5, "reports[0]"), (3, 1, "rules-doc-url")]


def test_the_bundled_pack_by_name_is_no_path(tmp_path, monkeypatch):
    (tmp_path / ".idm.yaml").write_text("rules: [idm-default, ./own, idm-default/x.yaml]\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    config, problems = load_config(str(tmp_path / ".idm.yaml"))
    assert problems == []
    assert config.settings["rules"] == ["idm-default", "own", os.path.join("idm-default", "x.yaml")]


def test_a_project_gated_by_the_bundled_pack_by_name_outside_a_source_checkout(tmp_path):
    import subprocess
    import sys
    import shutil
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    shutil.copy(os.path.join(root, "examples", "with-findings.yaml"), tmp_path / "i.yaml")
    (tmp_path / ".idm.yaml").write_text("paths: [i.yaml]\nrules: [idm-default]\n", "utf-8")
    named = subprocess.run([sys.executable, "-m", "idm.cli", "check", "--date", "2026-11-22",
                            "--format", "json"], cwd=tmp_path, capture_output=True, text=True)
    default = subprocess.run([sys.executable, "-m", "idm.cli", "check", "i.yaml", "--date",
                              "2026-11-22", "--format", "json"], cwd=tmp_path, capture_output=True,
                             text=True)
    assert named.returncode == default.returncode == 1, named.stderr
    assert named.stdout == default.stdout
