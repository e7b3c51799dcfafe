"""`--changed-only GITREF` (issue 5, gate behaviour): which input files changed since a git ref.

Changed means what `git diff --name-only GITREF --` lists (committed, staged and unstaged changes)
plus untracked files that are not ignored, so a new initiative in a pull request is checked before
it is committed.  Paths are compared after resolving symlinks and `..`.
"""
from __future__ import annotations

import os
import subprocess
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from ..errors import InputError
from ..i18n import said
from .discovery import STDIN, expand_inputs

OPTION = "--changed-only"


def _git(args: Sequence[str], cwd: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git"] + list(args), cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError.at(OPTION, said("changes.no_git"))


def repository_root(directory: str) -> Optional[str]:
    """The top of the git repository (or submodule) holding `directory`, or None."""
    top = _git(["rev-parse", "--show-toplevel"], directory)
    if top.returncode != 0:
        return None
    return os.path.realpath(top.stdout.decode("utf-8", "surrogateescape").rstrip("\n"))


def changed_files(ref: str, cwd: str = ".") -> FrozenSet[str]:
    """Real paths of the files changed since `ref` in the repository around `cwd`."""
    if not ref or ref.startswith("-"):
        raise InputError.at(OPTION, said("changes.unknown_ref", ref=repr(ref), where=""))
    root = repository_root(cwd)
    if root is None:
        raise InputError.at(OPTION, said("changes.not_in_repository",
                                         folder=os.path.abspath(cwd)))
    # `--end-of-options` keeps a ref such as `--output=x` from being read as an option.
    verify = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"],
                  root)
    if verify.returncode != 0:
        where = "" if root == repository_root(".") else said("changes.in_repository", root=root)
        raise InputError.at(OPTION, said("changes.unknown_ref", ref=repr(ref), where=where))
    listed: List[bytes] = []
    for args in (["diff", "--name-only", "-z", "--no-renames", ref, "--"],
                 ["ls-files", "--others", "--exclude-standard", "-z"]):
        out = _git(args, root)
        if out.returncode != 0:
            message = out.stderr.decode("utf-8", "replace").strip().splitlines()
            raise InputError.at(OPTION, said(
                "changes.git_failed", command=args[0],
                message=message[0] if message else said("changes.git_exit", code=out.returncode)))
        listed += [name for name in out.stdout.split(b"\0") if name]
    return frozenset(os.path.realpath(os.path.join(root, os.fsdecode(name))) for name in listed)


def is_changed(path: str, changed: FrozenSet[str]) -> bool:
    """Whether the input file `path` (as the user or a directory walk named it) is changed."""
    return os.path.realpath(path) in changed


def changed_selector(paths: Sequence[str], ref: str, cwd: str = "."
                     ) -> Tuple[Callable[[str], bool], bool]:
    """A `select` for engine.check.run.check that keeps changed files (and standard input), and
    whether there is anything to check at all: a changed file, or an input problem to report.

    Each input is judged in its own repository (a submodule or another checkout too), so a
    change there is never taken for "unchanged"."""
    if not ref or ref.startswith("-"):
        changed_files(ref, cwd)   # raises: an empty ref or an option is never a ref
    files, problems = expand_inputs(paths)
    changed: Set[str] = set()
    roots: Dict[str, Optional[str]] = {}     # directory -> its repository's top
    done: Set[str] = set()
    for path, _ in files:
        if path == STDIN:
            continue
        folder = os.path.dirname(os.path.realpath(path))
        if folder not in roots:
            roots[folder] = repository_root(folder) if os.path.isdir(folder) else None
        root = roots[folder]
        if root is None:
            raise InputError.at(OPTION, said("changes.not_in_repository", folder=folder))
        if root not in done:
            done.add(root)
            changed |= changed_files(ref, root)
    if not files and paths:
        changed_files(ref, cwd)   # still check the ref, and that there is a repository

    frozen = frozenset(changed)

    def select(path: str) -> bool:
        return path == STDIN or is_changed(path, frozen)

    return select, bool(problems) or any(select(path) for path, _ in files)
