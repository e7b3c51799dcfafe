"""The project file `.idm.yaml`: what a team would otherwise repeat on every command line.

Found in the working directory or the nearest parent that has one (or named with --config);
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
from . import validate
from .loader import DEFAULT_LIMITS, Document, load_file

CONFIG_NAME = ".idm.yaml"
# Settings holding one path, or a list of paths, or FORMAT:FILE report specs.
_PATH = ("baseline",)
_PATHS = ("paths", "rules")
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
    """The nearest `.idm.yaml` in `start` (default: the working directory) or a parent."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_config(path: str) -> Tuple[Optional[ProjectConfig], List[Problem]]:
    """Load and validate a project file: (config, []) or (None, its problems)."""
    name = _shown(path)
    if not os.path.isfile(path):
        return None, [Problem(name, "no such file")]
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
        return None, [Problem(name, "expected a mapping of settings; found %s"
                              % validate.describe(doc.data), 1, 1)]
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
    return _shown(os.path.normpath(os.path.join(folder, path)))


def _resolve_report(folder: str, spec: str) -> str:
    fmt, _, path = spec.partition(":")
    return "%s:%s" % (fmt, _resolve(folder, path))


def _shown(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:   # another drive on Windows
        return path
