"""The project file `.idm.yaml`: what a team would otherwise repeat on every command line.

Found in the working directory or the nearest parent that has one, up to the root of the git
repository (only the working directory outside a repository), and only when it belongs to the
user and no one else can write it; or named with --config (docs/security.md, "The project file");
validated against engine/schemas/config.schema.json, so an unknown key or a bad value is an
error with its line and column.  Relative paths in it are relative to the file's own folder,
so the same file works from any subfolder.  The command line wires these settings in and lets
its own options override them; nothing here knows about the command line.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ..errors import InputError, Problem
from ..i18n import said
from . import validate
from .loader import DEFAULT_LIMITS, Document, load_file

CONFIG_NAME = ".idm.yaml"
# Settings holding one path, or a list of paths, or FORMAT:FILE report specs.
_PATH = ("baseline",)
_PATHS = ("paths", "rules", "decisions")
BUNDLED_PACK = "idm-default"   # the bundled pack's name, usable wherever a pack path is
_REPORTS = ("reports",)


@dataclass
class ProjectConfig:
    """A loaded project file: its settings by key, paths already resolved."""

    file: str
    settings: Dict[str, Any] = field(default_factory=dict)
    folder: str = ""                 # the file's folder (absolute): `packs` sources are from it
    doc: Optional[Document] = None   # the file as read, for the positions of packs/overrides

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)


def find_config(start: Optional[str] = None) -> Optional[str]:
    """The project file in force for `start` (default: the working directory), or None.

    Inside a git repository: the nearest `.idm.yaml` from `start` up to the repository's root
    (the first folder upwards holding `.git`), never above it.  Outside one: only `start`
    itself, so a file planted in a shared parent such as /tmp cannot steer the run.  A file
    found this way must be safe to trust (check_trusted), or InputError."""
    folder = os.path.abspath(start or os.getcwd())
    top = repository_root(folder) or folder
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.isfile(candidate):
            check_trusted(candidate)
            return candidate
        if folder == top:
            return None
        folder = os.path.dirname(folder)


def repository_root(folder: str) -> Optional[str]:
    """The first of `folder` and its parents that holds `.git` (a folder, or a file in a
    worktree or submodule), or None."""
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def check_trusted(path: str) -> None:
    """InputError unless `path` belongs to the user running idm (or root) and no one else can
    write it, as git requires of a repository since CVE-2022-24765: otherwise another account
    could plant settings that turn a failing gate into a passing one.  A group-writable file
    is fine when the group is the user's own private group (the default on Debian and Ubuntu,
    umask 002), which holds no one else."""
    st = os.stat(path)
    name = shown_path(path)
    if not hasattr(os, "getuid"):   # no POSIX owners to check
        return
    uid = os.getuid()
    if st.st_uid not in (uid, 0):
        raise InputError.at(name, said("input.config_owner", uid=st.st_uid, file=name))
    group = bool(st.st_mode & 0o020) and not _private_group(st.st_gid, uid)
    others = bool(st.st_mode & 0o002)
    if group or others:
        who = "group_and_others" if group and others else "group" if group else "others"
        raise InputError.at(name, said("input.config_writable", who=said("input.writable_by." + who),
                                       file=name))


def _private_group(gid: int, uid: int) -> bool:
    """Whether `gid` is the user's private group: their primary group, named after them, with
    no other members."""
    try:
        import grp
        import pwd
        group, user = grp.getgrgid(gid), pwd.getpwuid(uid)
    except (ImportError, KeyError):
        return False
    return (gid == user.pw_gid and group.gr_name == user.pw_name
            and all(m == user.pw_name for m in group.gr_mem))


def load_config(path: str) -> Tuple[Optional[ProjectConfig], List[Problem]]:
    """Load and validate a project file: (config, []) or (None, its problems)."""
    name = shown_path(path)
    if not os.path.isfile(path):
        return None, [Problem.of(name, said("input.no_such_file"))]
    folder = os.path.dirname(os.path.abspath(path))
    if _blank(path):   # a file with only comments: no settings yet
        return ProjectConfig(name, folder=folder), []
    try:
        doc = load_file(path, display=name)
    except InputError as e:
        return None, [e.problem]
    if doc.data is None:   # an empty file: no settings
        return ProjectConfig(name, folder=folder), []
    if not isinstance(doc.data, dict):
        return None, [Problem.of(name, said("input.not_a_config",
                                           found=validate.describe(doc.data)), 1, 1)]
    problems = validate.problems(doc, "config")
    if problems:
        return None, problems
    settings: Dict[str, Any] = {}
    for key, value in doc.data.items():
        if key in _PATH:
            value = _resolve(folder, value)
        elif key == "rules":
            # The bundled pack by name is no path (a folder of that name is ./idm-default).
            value = [v if v == BUNDLED_PACK else _resolve(folder, v) for v in value]
        elif key in _PATHS:
            value = [_resolve(folder, v) for v in value]
        elif key in _REPORTS:
            value = [_resolve_report(folder, v) for v in value]
        settings[key] = value
    return ProjectConfig(name, settings, folder, doc), []


def _blank(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(DEFAULT_LIMITS.max_bytes + 1)
    except OSError:
        return False   # the loader reports why it cannot be read
    text = head.decode("utf-8", errors="replace")
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _resolve(folder: str, path: str) -> str:
    """`path` from the project file's folder, shown relative to the working directory."""
    if os.path.isabs(path):
        return path
    return shown_path(os.path.normpath(os.path.join(folder, path)))


def _resolve_report(folder: str, spec: str) -> str:
    fmt, _, path = spec.partition(":")
    return "%s:%s" % (fmt, _resolve(folder, path))


def shown_path(path: str) -> str:
    """A path as idm names it to the user: relative to the working directory where it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:   # another drive on Windows
        return path
