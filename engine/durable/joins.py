"""Pair rules in durable_rules: the join that finds which sides of different initiatives pair.

The main process codes one bucket's compared values as small integers (engine.check.portfolio)
and asserts them here, one session per `same` value: the equality join indexed by the
correlated field.  `share_none` is a negated pattern over derived facts "initiatives A and B
share a value", themselves found by a join.
"""
from __future__ import annotations

import itertools
from array import array
from collections import defaultdict
from typing import Any, Dict, Iterator, Optional, Set, Tuple

from ..pack.rulepack import RuleSpec
from . import session

Side = Tuple[int, Optional[int]]      # (initiative index in the run, list item index or None)
_SID = "portfolio"
_SEEN = "__seen__"


def _ruleset(rules: Dict[str, Any]) -> int:
    rules = dict(rules)
    # Consumes every fact, so none is left over for a later match by mistake.
    rules[_SEEN] = {"all": [{"m": {"$or": [{"_k": "side"}, {"_k": "sv"}, {"_k": "sh"}]}}]}
    return session.create("join-", rules)


class PairJoin:
    """One pair rule's durable_rules rulesets; `matches` runs them one `same` group at a time."""

    def __init__(self, spec: RuleSpec):
        p = spec.pairs
        self.differ, self.share = p.differ is not None, p.share_list is not None
        # Cross-fact tests: inequalities first, the equality join last (the other order
        # crashes the engine: docs/design/durable-rules.md).
        b = [{"_k": "side"}, {"$neq": {"doc": {"a": "doc"}}}]
        if self.differ:
            b.append({"$neq": {"dif": {"a": "dif"}}})
        b.append({"key": {"a": "key"}})
        pair: Dict[str, Any] = {"all": [{"a": {"_k": "side"}}, {"b": {"$and": b}}]}
        if self.share:
            pair["all"].append({"n$not": {"$and": [{"_k": "sh"}, {"x": {"a": "doc"}},
                                                    {"y": {"b": "doc"}}]}})
        self.pair = _ruleset({"P": pair})
        self.shared = _ruleset({"S": {"all": [{"a": {"_k": "sv"}}, {"b": {"$and": [
            {"_k": "sv"}, {"$neq": {"doc": {"a": "doc"}}}, {"v": {"a": "v"}}]}}]}}) \
            if self.share else None

    def close(self) -> None:
        for h in (self.pair, self.shared):
            if h is not None:
                session.delete(h)

    def matches(self, sides: "array[int]", shares: Any
                ) -> Iterator[Tuple[Side, Tuple[bool, bool], Set[int]]]:
        """`sides` holds rows of (doc, ref or -1, same code, differ code, flags); `shares` maps
        a doc to its shared-list codes.  Yields the sides that pair, group by group."""
        groups: Dict[int, array] = defaultdict(lambda: array("q"))
        for k in range(0, len(sides), 5):
            groups[sides[k + 2]].append(k)
        for key in sorted(groups):
            group = sorted(tuple(sides[k:k + 5]) for k in groups.pop(key))
            if len({s[0] for s in group}) < 2:
                continue   # no other initiative has this value: nothing can pair
            # Facts are made as they are asserted and firings reduced to the numbers kept: a
            # group of hundreds of initiatives has tens of thousands of pairs.
            shared: Set[Tuple[int, int]] = set()
            if self.share:
                session.fire_session(self.shared, ({"_k": "sv", "doc": d, "v": v}
                                                   for d in sorted({s[0] for s in group})
                                                   for v in shares.get(d)), _SID, _SEEN,
                                     lambda m: shared.add((m["a"]["doc"], m["b"]["doc"])))
            out: Dict[Tuple[int, int], Set[int]] = defaultdict(set)
            session.fire_session(self.pair, itertools.chain(
                ({"_k": "sh", "x": x, "y": y} for x, y in sorted(shared)),
                ({"_k": "side", "doc": d, "ref": r, "key": k, "dif": f}
                 for d, r, k, f, _ in group)), _SID, _SEEN,
                lambda m: out[(m["a"]["doc"], m["a"]["ref"])].add(m["b"]["doc"]))
            shared.clear()
            flags = {(s[0], s[1]): s[4] for s in group}
            for (d, r), others in sorted(out.items()):
                f = flags[(d, r)]
                yield (d, None if r == -1 else r), (bool(f & 1), bool(f & 2)), others
