"""Evaluate compiled rules on initiatives with durable_rules' C module.

Design (docs/design/durable-rules.md): every fact is asserted with a marker
(`_k`), into one shared session, drained of its rule firings and retracted at once, so each
evaluation starts from a clean working memory and no state grows with the portfolio.  Actions are
not Python callbacks: the names of the rules that fired are read from the engine's messages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Tuple

from ..compile.compiler import MAX_ATTRS_PER_RULESET, Compiled, Hit
from ..compile.projection import facts, project
from ..compile.regex_time import budget
from . import session

SID = "eval"
_ALWAYS = frozenset(("_k", "sid", "id"))


@dataclass(frozen=True)
class Firing:
    """One rule firing on one fact: what it means, the fact kind (Compiled.kinds), and the list
    index or mapping key of the fact's item (None for the document fact)."""

    hit: Hit
    fact: str
    item: Optional[Any] = None


@dataclass
class Evaluation:
    """The rule firings of one initiative, or why it could not be evaluated."""

    hits: List[Firing] = field(default_factory=list)
    error: Optional[str] = None


class Evaluator:
    """Owns the durable_rules rulesets of one compiled pack; evaluates one initiative at a time."""

    def __init__(self, compiled: Compiled, scales: Mapping[str, Tuple[str, ...]]):
        self.compiled = compiled
        self.scales = scales
        # Per fact kind: (ruleset handle, the attributes it reads, or None for all of them).
        self._rulesets: Dict[str, List[Tuple[int, Optional[FrozenSet[str]]]]] = {}
        try:
            for name, kind in sorted(compiled.kinds.items()):
                handles: List[Tuple[int, Optional[FrozenSet[str]]]] = []
                self._rulesets[name] = handles
                chunks = kind.chunks_with_attrs()
                whole = len(chunks) == 1 or kind.plan.size() <= MAX_ATTRS_PER_RULESET
                for chunk, attrs in chunks:
                    # Each ruleset is made in a call of its own: a signal (SIGTERM) is handled
                    # between them, and none takes long (compiler.Kind.chunks_with_attrs).
                    handles.append((session.create("", chunk),
                                    None if whole else attrs | _ALWAYS))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        for handles in self._rulesets.values():
            for h, _ in handles:
                session.delete(h)
        self._rulesets = {}

    def __enter__(self) -> "Evaluator":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def evaluate(self, doc: Mapping[str, Any]) -> List[Firing]:
        """Every firing on the initiative's facts, in the order of the durable rule names.  Each
        durable rule fires at most once per fact; the pieces of a split condition share a Hit,
        so a Hit may appear more than once for one fact."""
        hits: set = set()   # (durable rule name, fact kind, item): plain tuples hash fastest
        with budget():   # one time bound for all the regular expressions of this initiative
            self._evaluate(doc, hits)
        meaning = self.compiled.hits
        return [Firing(meaning[rule], name, ref)
                for rule, name, ref in sorted(hits, key=lambda h: (h[0], h[1], str(h[2])))]

    def _evaluate(self, doc: Mapping[str, Any], hits: set) -> None:
        for name, kind in self.compiled.kinds.items():
            handles = self._rulesets.get(name)
            if not handles:
                continue
            for ref, attrs in facts(kind.key, kind.plan, doc, self.scales):
                attrs["_k"] = name
                attrs["sid"] = SID
                attrs["id"] = "f"
                for rule in self._fire(handles, attrs):
                    hits.add((rule, name, ref))

    def holds(self, kind: str, values: Mapping[str, Any]) -> bool:
        """Whether a rule of fact kind `kind` fires on one fact made of `values` (the item) --
        how an aggregate's condition is tested on its count and sums."""
        k = self.compiled.kinds[kind]
        attrs = project(k.plan, {"doc": {}, "item": values}, {}, self.scales)
        attrs.update(_k=kind, sid=SID, id="f")
        return bool(self._fire(self._rulesets[kind], attrs))

    @staticmethod
    def _fire(handles: List[Tuple[int, Optional[FrozenSet[str]]]], attrs: Dict[str, Any]
              ) -> List[str]:
        whole = session.fact_text(attrs)
        # A ruleset that reads a part of a large fact gets only that part: a fact holds at most
        # 254 properties (error 302).
        return session.fire_fact(((h, whole if names is None else
                                   session.fact_text({k: attrs[k] for k in names if k in attrs}))
                                  for h, names in handles), SID, "f")
