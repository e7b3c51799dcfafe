"""The pre-commit hook (.pre-commit-hooks.yaml) run by pre-commit itself against a fixture repository.

pre-commit clones `repo:` at `rev:`, so the working tree (which may hold uncommitted work) is copied
into a temporary git repository and committed there.  pre-commit then builds the hook's virtualenv
with pip, which needs PyPI; nothing else is fetched.  Skipped only when `pre-commit` is not
installed (.ci/run installs it).
"""
from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# Left out of the copy: what git would ignore anyway, and local virtualenvs and caches.
_IGNORED = shutil.ignore_patterns(".git", ".venv*", "*.egg-info", "__pycache__", ".pytest_cache",
                                  ".benchmarks", ".hypothesis", "build", "dist")


def IGNORE(folder, names):
    """As .gitignore: those names anywhere, report.* only at the top (engine/app/report.py is
    source)."""
    ignored = _IGNORED(folder, names)
    if Path(folder).resolve() == ROOT:
        ignored |= set(fnmatch.filter(names, "report.*"))
    return ignored
GIT = ["git", "-c", "user.name=idm tests", "-c", "user.email=idm-tests@example.invalid",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None,
                       reason="the pre-commit executable is not installed (pip install pre-commit)"),
]


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(GIT + list(args), cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


def _commit_all(repo: Path) -> str:
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """(path, commit) of a committed snapshot of this working tree, and a PRE_COMMIT_HOME that the
    scenarios share, so the hook's virtualenv is built once."""
    base = tmp_path_factory.mktemp("precommit")
    src = base / "idm"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    return src, _commit_all(src), base / "home"


def _run_precommit(hook_repo, tmp_path: Path, initiatives: dict, others: dict = None,
                   staged_only: bool = False) -> subprocess.CompletedProcess:
    """pre-commit on a project whose portfolio is initiatives/ (the documented four lines);
    `staged_only`: commit `initiatives` first except the last one, then stage that one and run
    the hooks on the staged files, as `git commit` does."""
    src, rev, home = hook_repo
    project = tmp_path / "project"
    (project / "initiatives").mkdir(parents=True)
    for name, text in (others or {}).items():
        (project / name).write_text(text, "utf-8")
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        "  - repo: %s\n"
        "    rev: %s\n"
        "    hooks:\n"
        "      - id: idm\n"
        "        args: [initiatives/, --date, '2026-11-22', --jobs, '1']\n"
        "        files: ^initiatives/\n" % (src.as_posix(), rev), "utf-8")
    names = list(initiatives)
    for name in names[:-1] if staged_only else names:
        shutil.copy(initiatives[name], project / "initiatives" / name)
    _commit_all(project)
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    if staged_only:
        shutil.copy(initiatives[names[-1]], project / "initiatives" / names[-1])
        _git(project, "add", "-A")
        return subprocess.run(["pre-commit", "run"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=900)
    return subprocess.run(["pre-commit", "run", "--all-files"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)


def test_the_hook_fails_on_an_initiative_with_errors(hook_repo, tmp_path):
    run = _run_precommit(hook_repo, tmp_path, {"clean.yaml": EXAMPLES / "clean.yaml",
                                               "with-findings.yaml": EXAMPLES / "with-findings.yaml"})
    assert run.returncode == 1, run.stdout + run.stderr
    assert "idm compliance gate" in run.stdout and "Failed" in run.stdout, run.stdout
    assert "error LEG-001 design.privacy.purpose" in run.stdout, run.stdout
    assert "FAIL: 2 initiatives" in run.stdout, run.stdout


def test_the_hook_passes_a_clean_initiative(hook_repo, tmp_path):
    run = _run_precommit(hook_repo, tmp_path, {"clean.yaml": EXAMPLES / "clean.yaml"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "idm compliance gate" in run.stdout and "Passed" in run.stdout, run.stdout


def test_a_staged_copy_with_a_known_id_fails_on_the_whole_portfolio(hook_repo, tmp_path):
    # Only the copy is staged, but the hook checks all of initiatives/: POR-002 sees both.
    run = _run_precommit(hook_repo, tmp_path, {"clean.yaml": EXAMPLES / "clean.yaml",
                                               "copy.yaml": EXAMPLES / "clean.yaml"},
                         staged_only=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "POR-002" in run.stdout, run.stdout


def test_yaml_outside_the_portfolio_is_never_read(hook_repo, tmp_path):
    run = _run_precommit(hook_repo, tmp_path, {"clean.yaml": EXAMPLES / "clean.yaml"},
                         others={"mkdocs.yml": "site_name: [unclosed\n"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "mkdocs" not in run.stdout, run.stdout
