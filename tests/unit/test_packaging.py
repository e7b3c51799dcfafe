"""What `pip install` puts in a user's environment: one top-level package, idm, holding all of it."""
from __future__ import annotations

import fnmatch
import os
import subprocess

try:
    import tomllib
except ImportError:   # Python 3.10
    tomllib = None

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _setuptools():
    if tomllib is None:
        pytest.skip("tomllib is Python 3.11+")
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]


def _tracked(*folders):
    out = subprocess.run(["git", "ls-files", *folders], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout")
    return out.stdout.split()


def test_everything_installs_under_the_one_package_idm():
    conf = _setuptools()
    assert conf["package-dir"] == {"idm": "."}
    assert all(p == "idm" or p.startswith("idm.") for p in conf["packages"])
    assert "py-modules" not in conf


def test_every_python_package_of_the_source_tree_is_installed():
    conf = _setuptools()
    folders = {os.path.dirname(f) for f in _tracked("engine", "rules") if f.endswith("/__init__.py")}
    assert sorted("idm." + d.replace("/", ".") for d in folders) == sorted(
        p for p in conf["packages"] if p != "idm")


def test_every_data_file_of_the_source_tree_is_installed():
    conf = _setuptools()
    packages = sorted(conf["packages"], key=len, reverse=True)
    missing = []
    for f in _tracked("engine", "rules"):
        if f.endswith(".py") and "/migrations/versions/" not in f:
            continue
        dotted = "idm." + os.path.dirname(f).replace("/", ".")
        owner = next(p for p in packages if dotted == p or dotted.startswith(p + "."))
        rel = os.path.relpath(f, owner[4:].replace(".", "/"))
        patterns = conf["package-data"].get(owner, []) + conf["package-data"].get("*", [])
        if not any(fnmatch.fnmatch(rel, pat) and rel.count("/") == pat.count("/") for pat in patterns):
            missing.append(f)
    assert missing == []


def test_the_generic_names_are_not_importable_from_outside_the_source_tree(tmp_path):
    import sys
    code = "import importlib.util as u; print([n for n in ('cli', 'engine', 'rules') if u.find_spec(n)])"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert out.stdout.strip() == "[]"
    ok = subprocess.run([sys.executable, "-c", "import idm.cli, idm.engine, idm.rules"], cwd=tmp_path)
    assert ok.returncode == 0
