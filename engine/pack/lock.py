"""`idm.lock`, beside `.idm.yaml`: what each pack source resolved to (docs/design/packs.md §6).

Written in a fixed key order, so the same resolution gives the same bytes; read with positions,
like every other input."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import List, Optional, Tuple

from ..errors import InputError, Problem
from ..i18n import Said, said
from ..inputs.discovery import display_name
from ..inputs.loader import load_file

LOCK_NAME = "idm.lock"
_KEYS = ("name", "version", "source", "ref", "commit", "digest")


@dataclass(frozen=True)
class LockEntry:
    name: str
    version: str
    source: str                  # without credentials
    digest: str
    ref: Optional[str] = None
    commit: Optional[str] = None
    line: Optional[int] = None

    def matches(self, source: str, ref: Optional[str]) -> bool:
        return self.source == source and self.ref == ref


def lock_path(config_file: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(config_file)), LOCK_NAME)


def read_lock(path: str) -> List[LockEntry]:
    """The entries of a lock file; InputError (one positioned line) when it is not one."""
    shown = display_name(path)
    doc = load_file(path, display=shown)
    data = doc.data

    def bad(message: Said, ypath: str = "") -> InputError:
        line, col = doc.position(ypath) if ypath else (1, 1)
        return InputError(Problem.of(shown, said("lock.write_again", problem=message),
                                     line, col, ypath))

    if not isinstance(data, dict) or data.get("kind") != "PackLock" or \
            data.get("apiVersion") != "idm/v2":
        raise bad(said("lock.not_a_lock"))
    out = []
    for i, raw in enumerate(data.get("packs") or []):
        ypath = "packs[%d]" % i
        if not isinstance(raw, dict):
            raise bad(said("lock.not_a_mapping"), ypath)
        for key in ("name", "version", "source", "digest"):
            if not isinstance(raw.get(key), str) or not raw[key]:
                raise bad(said("lock.missing", key=key), "%s.%s" % (ypath, key))
        unknown = sorted(set(raw) - set(_KEYS))
        if unknown:
            raise bad(said("lock.unknown_field", key=repr(unknown[0])),
                      "%s.%s" % (ypath, unknown[0]))
        out.append(LockEntry(raw["name"], str(raw["version"]), raw["source"], raw["digest"],
                             _opt(raw.get("ref")), _opt(raw.get("commit")),
                             doc.position(ypath)[0]))
    return out


def _opt(value: object) -> Optional[str]:
    return None if value is None else str(value)


def render_lock(entries: List[LockEntry]) -> str:
    """The lock's text: YAML whose every value is a JSON string (valid YAML, no quoting
    surprises)."""
    lines = ["# Written by `idm packs lock`; commit it. `idm packs fetch` fills the cache from it.",
             "apiVersion: idm/v2", "kind: PackLock"]
    lines.append("packs:" + ("" if entries else " []"))
    for e in entries:
        values: List[Tuple[str, Optional[str]]] = [
            ("name", e.name), ("version", e.version), ("source", e.source), ("ref", e.ref),
            ("commit", e.commit), ("digest", e.digest)]
        first = True
        for key, value in values:
            if value is None:
                continue
            lines.append(("  - " if first else "    ") + "%s: %s" % (
                key, json.dumps(value, ensure_ascii=False)))
            first = False
    return "\n".join(lines) + "\n"

