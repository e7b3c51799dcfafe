"""What scenarios build up: initiatives to check, options, and the result."""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import yaml

from engine.model import RunResult
from engine.rulepack import RuleSet, load_ruleset

MINIMAL = {"apiVersion": "idm/v1", "kind": "Initiative", "id": "INI-TEST",
           "title": "Testinitiatief"}
DEFAULT_DATE = "2026-11-22"   # the date the catalogue's examples assume (starter-rules.md)


@functools.lru_cache(maxsize=None)
def default_ruleset() -> RuleSet:
    return load_ruleset()


def merge(base: Any, extra: Any) -> Any:
    """Deep-merge mappings; anything else in `extra` replaces (null included)."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = merge(base[k], v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(extra)


def initiative(partial: Any, ident: Optional[str] = None) -> Dict[str, Any]:
    doc = merge(MINIMAL, partial or {})
    if ident is not None:
        doc["id"] = ident
    return doc


@dataclass
class World:
    initiatives: List[Dict[str, Any]] = field(default_factory=list)
    date: str = DEFAULT_DATE
    result: Optional[RunResult] = None
    files: Dict[str, str] = field(default_factory=dict)
    exit_code: Optional[int] = None
    stdout: str = ""
    stderr: str = ""

    def write_initiatives(self, folder) -> List[str]:
        paths = []
        for i, doc in enumerate(self.initiatives):
            p = folder / ("initiative-%02d.yaml" % i)
            p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
            paths.append(str(p))
        return paths
