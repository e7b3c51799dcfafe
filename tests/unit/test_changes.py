"""engine.inputs.changes: the files changed since a git ref (--changed-only)."""
from __future__ import annotations

import os
import subprocess

import pytest

from idm.engine.inputs.changes import changed_files, changed_selector
from idm.engine.errors import InputError

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c",
       "commit.gpgsign=false"]


def _git(cwd, *args):
    subprocess.run(GIT + list(args), cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/one.yaml", "a/two.yaml", "three.yaml"):
        (tmp_path / name).write_text("x: 1\n", "utf-8")
    (tmp_path / ".gitignore").write_text("ignored.yaml\n", "utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "one")
    return tmp_path


def test_modified_staged_untracked_and_committed_files_are_changed(repo):
    (repo / "a" / "one.yaml").write_text("x: 2\n", "utf-8")
    (repo / "new.yaml").write_text("x: 3\n", "utf-8")
    (repo / "ignored.yaml").write_text("x: 4\n", "utf-8")
    (repo / "three.yaml").unlink()
    # From a subdirectory: git prints paths from the top, which must still resolve.
    changed = changed_files("HEAD", str(repo / "a"))
    assert changed == {os.path.realpath(repo / n) for n in ("a/one.yaml", "new.yaml",
                                                             "three.yaml")}
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "two")
    assert changed_files("HEAD~1", str(repo)) == changed
    assert changed_files("HEAD", str(repo)) == set()


def test_selector_compares_resolved_paths(repo, monkeypatch):
    (repo / "a" / "two.yaml").write_text("x: 2\n", "utf-8")
    monkeypatch.chdir(repo / "a")
    select, anything = changed_selector(["../a/", "."], "HEAD")
    assert anything
    assert select("two.yaml") and select("../a/two.yaml") and not select("one.yaml")
    assert changed_selector(["../three.yaml"], "HEAD")[1] is False


def test_unknown_ref_and_no_repository_are_one_line_errors(repo, tmp_path_factory):
    with pytest.raises(InputError, match=r"^--changed-only: error: unknown git ref 'nope' "):
        changed_files("nope", str(repo))
    with pytest.raises(InputError, match="^--changed-only: error: unknown git ref '--all'"):
        changed_files("--all", str(repo))
    outside = tmp_path_factory.mktemp("outside")
    with pytest.raises(InputError, match="is not inside a git repository$"):
        changed_files("HEAD", str(outside))
