"""Evaluate compiled rules on initiatives with durable_rules' C module.

Design (guides/durable-rules.md sections 1, 2, 4, 10): every fact is asserted with a marker
(`_k`), into one shared session, drained of its rule firings and retracted at once, so each
evaluation starts from a clean working memory and no state grows with the portfolio.  Actions are
not Python callbacks: the names of the rules that fired are read from the engine's messages.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

import durable_rules_engine as dre

from ..compile.compiler import Compiled, Hit
from ..errors import EngineError
from ..compile.projection import facts

SID = "eval"


@dataclass(frozen=True)
class Firing:
    """One rule firing on one fact: what it means, the fact kind (Compiled.kinds), and the list
    index or mapping key of the fact's item (None for the document fact)."""

    hit: Hit
    fact: str
    item: Optional[Any] = None

    def sort_key(self) -> tuple:
        h = self.hit
        return (h.kind.value, h.name, h.variant, self.fact, str(self.item))


@dataclass
class Evaluation:
    """The rule firings of one initiative, or why it could not be evaluated."""

    hits: List[Firing] = field(default_factory=list)
    error: Optional[str] = None


_handles_made = [0]     # ruleset names must be unique within the process


class Evaluator:
    """Owns the durable_rules rulesets of one compiled pack; evaluates one initiative at a time."""

    def __init__(self, compiled: Compiled, scales: Mapping[str, Tuple[str, ...]]):
        self.compiled = compiled
        self.scales = scales
        self._rulesets: Dict[str, List[int]] = {}
        for name, kind in sorted(compiled.kinds.items()):
            handles = []
            for chunk in kind.chunks():
                _handles_made[0] += 1
                handles.append(dre.create_ruleset("idm-%d" % _handles_made[0], json.dumps(chunk)))
            self._rulesets[name] = handles

    def close(self) -> None:
        for handles in self._rulesets.values():
            for h in handles:
                dre.delete_ruleset(h)
        self._rulesets = {}

    def __enter__(self) -> "Evaluator":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def evaluate(self, doc: Mapping[str, Any]) -> List[Firing]:
        """Every firing on the initiative's facts, sorted, unique."""
        meaning = self.compiled.hits
        hits = set()
        for name, kind in self.compiled.kinds.items():
            handles = self._rulesets.get(name)
            if not handles:
                continue
            for ref, attrs in facts(kind.key, kind.plan, doc, self.scales):
                attrs["_k"] = name
                attrs["sid"] = SID
                attrs["id"] = "f"
                for rule in self._fire(handles, attrs):
                    hits.add(Firing(meaning[rule], name, ref))
        return sorted(hits, key=Firing.sort_key)

    @staticmethod
    def _fire(handles: List[int], attrs: Dict[str, Any]) -> List[str]:
        text = json.dumps(attrs)
        gone = '{"sid":"%s","id":"f"}' % SID
        fired: List[str] = []
        for h in handles:
            try:
                rc, off = dre.assert_fact(h, text)
            except dre.error as e:
                raise EngineError("durable_rules refused a fact (error %s)" % (e,)) from None
            if rc == 2:
                raise EngineError("durable_rules still holds a previous fact")
            try:
                res = dre.start_action_for_state(h, off) if rc == 0 else None
                msgs = res[1] if res else None
                while msgs:                       # '{"<rule name>":{"m":{...}}}'
                    fired.append(msgs[2:msgs.index('"', 2)])
                    msgs = dre.complete_and_start_action(h, off)
            except BaseException:
                dre.abandon_action(h, off)        # a leased session would hide later findings
                raise
            finally:
                dre.retract_fact(h, gone)
        return fired
