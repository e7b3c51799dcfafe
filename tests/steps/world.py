"""What scenarios build up: initiatives to check, options, and the result."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import yaml

from idm.engine.authoring.examples import DEFAULT_DATE, MINIMAL, initiative, merge  # noqa: F401
from idm.engine.authoring.gherkin_steps import SpecWorld
from idm.engine.pack.rulepack import RuleSet, load_ruleset


@functools.lru_cache(maxsize=None)
def default_ruleset() -> RuleSet:
    return load_ruleset()


@dataclass
class World(SpecWorld):
    """The rule steps' world (initiatives, date, result) and what the CLI steps keep."""

    files: Dict[str, str] = field(default_factory=dict)
    exit_code: Optional[int] = None
    stdout: str = ""
    stderr: str = ""
    packs: Dict[str, str] = field(default_factory=dict)    # rule packs of the scenario: name -> YAML
    params: Dict[str, Any] = field(default_factory=dict)   # the project's parameter values
    folder: Any = None            # the scenario's own folder (tmp_path): its packs go there

    def own_ruleset(self) -> Optional[RuleSet]:
        """The scenario's own packs with its parameters, when it gives any."""
        if not self.packs:
            return None
        paths = []
        for name, text in self.packs.items():
            paths.append(self.folder / name)
            paths[-1].write_text(text, "utf-8")
        return load_ruleset([str(p) for p in paths], params=self.params)

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
