"""The project file .idm.yaml: found upwards, validated with positions, paths from its folder."""
from __future__ import annotations

import os

import pytest

from idm import cli
from idm.engine.errors import InputError
from idm.engine.inputs import config
from idm.engine.inputs.config import find_config, load_config
from tests.cli_streams import captured


def test_found_in_the_nearest_parent(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()   # the repository's root: the search stops here
    (tmp_path / ".idm.yaml").write_text("paths: [a/]\n", "utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".idm.yaml").write_text("paths: [c/]\n", "utf-8")
    deep = tmp_path / "b" / "x" / "y"
    deep.mkdir(parents=True)
    assert find_config(str(deep)) == str(tmp_path / "b" / ".idm.yaml")
    assert find_config(str(tmp_path)) == str(tmp_path / ".idm.yaml")


def test_never_above_the_repository_root(tmp_path):
    (tmp_path / ".idm.yaml").write_text("fail-on: never\n", "utf-8")   # planted above
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    (repo / ".git").write_text("gitdir: elsewhere\n", "utf-8")   # a worktree's .git file
    assert find_config(str(repo / "sub")) is None
    assert find_config(str(repo)) is None


def test_outside_a_repository_only_the_working_directory(tmp_path):
    (tmp_path / ".idm.yaml").write_text("fail-on: never\n", "utf-8")   # like /tmp/.idm.yaml
    (tmp_path / "work").mkdir()
    assert find_config(str(tmp_path / "work")) is None
    assert find_config(str(tmp_path)) == str(tmp_path / ".idm.yaml")


@pytest.mark.parametrize("mode, shared, who", [(0o664, True, "group"), (0o646, False, "others"),
                                               (0o666, True, "group and others"),
                                               (0o646, True, "others")])
def test_a_file_others_can_write_is_refused(tmp_path, monkeypatch, mode, shared, who):
    path = tmp_path / ".idm.yaml"
    path.write_text("fail-on: never\n", "utf-8")
    path.chmod(mode)
    # `shared`: the file's group holds other users too (not the user's private group).
    monkeypatch.setattr(config, "_private_group", lambda gid, uid: not shared)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as e:
        find_config()
    assert str(e.value) == (".idm.yaml: error: project file writable by %s; not read. Make it "
                            "writable by its owner only: chmod go-w .idm.yaml" % who)
    with captured() as (out, err):
        code = cli.run(["check", "--date", "2026-11-22"])
    assert code == 2
    assert err.getvalue().decode() == str(e.value) + "\n"


def test_group_writable_in_the_users_private_group_is_fine(tmp_path, monkeypatch):
    """umask 002 with user private groups (Debian, Ubuntu): the group is the user alone."""
    path = tmp_path / ".idm.yaml"
    path.write_text("fail-on: never\n", "utf-8")
    path.chmod(0o664)
    monkeypatch.setattr(config, "_private_group", lambda gid, uid: True)
    assert find_config(str(tmp_path)) == str(path)


def test_private_group_is_the_users_own():
    import grp
    import pwd
    me = pwd.getpwuid(os.getuid())
    group = grp.getgrgid(me.pw_gid)
    assert config._private_group(me.pw_gid, os.getuid()) == (
        group.gr_name == me.pw_name and set(group.gr_mem) <= {me.pw_name})
    others = [g.gr_gid for g in grp.getgrall() if g.gr_gid != me.pw_gid]
    if others:
        assert not config._private_group(others[0], os.getuid())


def test_a_file_of_another_user_is_refused(tmp_path, monkeypatch):
    path = tmp_path / ".idm.yaml"
    path.write_text("fail-on: never\n", "utf-8")
    real = os.stat

    def stat(p, *args, **kwargs):
        st = real(p, *args, **kwargs)
        if os.fspath(p) == str(path):
            values = list(st)
            values[4] = 4242   # st_uid
            return os.stat_result(values)
        return st
    monkeypatch.setattr(os, "stat", stat)
    with pytest.raises(InputError, match=r"^\S*\.idm\.yaml: error: project file owned by "
                       r"another user \(uid 4242\); not read"):
        find_config(str(tmp_path))


def test_the_file_in_use_is_named_on_stderr(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".idm.yaml").write_text("fail-on: never\n", "utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    with captured() as (out, err):
        cli.run(["check", "--date", "2026-11-22", "-"])
    assert err.getvalue().decode().splitlines()[0] == "idm: using project file ../.idm.yaml"


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
