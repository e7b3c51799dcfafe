"""What scenarios build up: initiatives to check, options, and the result."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import yaml

from idm.engine.authoring.examples import DEFAULT_DATE, MINIMAL, initiative, merge  # noqa: F401
from idm.engine.model import RunResult
from idm.engine.pack.rulepack import RuleSet, load_ruleset


@functools.lru_cache(maxsize=None)
def default_ruleset() -> RuleSet:
    return load_ruleset()


@dataclass
class World:
    initiatives: List[Dict[str, Any]] = field(default_factory=list)
    decisions: List[Dict[str, Any]] = field(default_factory=list)   # board decisions, as files
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
        for i, doc in enumerate(self.decisions):
            p = folder / ("besluit-%02d.yaml" % i)
            p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
            paths.append(str(p))
        return paths
