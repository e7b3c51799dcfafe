"""Pair and group rules in durable_rules: which sides of different initiatives pair, and
which groups are large enough, decided per group.

The main process codes one bucket's compared values as small integers (engine.check.portfolio)
and hands them here.  Per group of sides with the same `same` value, Python counts for each
side the initiatives it pairs with (bitsets over the group's ids; never per pair), and
durable_rules decides each side's finding from one fact per group and one per side, one
session per bucket.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
import heapq
from typing import (Any, Callable, Dict, FrozenSet, Iterator, List, Mapping, Optional,
                    Set, Tuple)

from ..compile.compiler import AGGREGATE_KIND, Compiled
from ..pack.rulepack import RuleSpec
from . import session
from .evaluator import Evaluator

Side = Tuple[int, Optional[int]]      # (initiative index in the run, list item index or None)
_SID = "portfolio"
_SEEN = "__seen__"


def _ruleset(rules: Dict[str, Any]) -> int:
    rules = dict(rules)
    # Consumes every fact, so none is left over for a later match by mistake.
    rules[_SEEN] = {"all": [{"m": {"$or": [{"_k": "side"}, {"_k": "grp"}]}}]}
    return session.create("join-", rules)


class GroupJoin:
    """One pair rule over one bucket's groups (sides with the same `same` value), linear in the
    group: never a fact or a firing per pair of initiatives.

    Per group, Python counts for each side how many initiatives (distinct ids) it pairs with:
    the members of the group as bitsets over their ids in sorted order, one bitset per shared
    value (`share_none`) and one per `differ` value held alone, so that "the others that share
    no value with this side and record another `differ` value" is a few bitwise operations,
    done once per distinct (shared values, `differ` value) of the group.  durable_rules then
    decides each finding from one fact per group (its number of initiatives) and one per side
    (how many of them do not pair with it): the side has a finding when the group holds more.
    """

    def __init__(self, spec: RuleSpec, named: int = 5):
        p = spec.pairs
        self.named = named        # how many other initiatives a finding names
        self.differ, self.share = p.differ is not None, p.share_list is not None
        # The ordering test before the equality join (the other order crashes the engine:
        # docs/design/durable-rules.md).
        self.rules = _ruleset({"P": {"all": [
            {"g": {"_k": "grp"}},
            {"s": {"$and": [{"_k": "side"}, {"$lt": {"x": {"g": "n"}}}, {"key": {"g": "key"}}]}}]}})

    def close(self) -> None:
        session.delete(self.rules)

    def matches(self, sides: "array[int]", shares: Any, id_of: Callable[[int], str]
                ) -> Iterator[Tuple[Side, Tuple[bool, bool], List[int], int]]:
        """`sides` holds rows of (doc, ref or -1, same code, differ code, flags); `shares` maps
        a doc to its shared-list codes.  Yields the sides that pair, in (doc, ref) order within
        each group, groups in code order."""
        groups: Dict[int, array] = defaultdict(lambda: array("q"))
        for k in range(0, len(sides), 5):
            groups[sides[k + 2]].append(k)
        facts: List[dict] = []
        counted: Dict[int, Tuple[List[Tuple[int, int, int]], Dict[Tuple[int, int], tuple]]] = {}
        for key in sorted(groups):
            group = sorted(tuple(sides[k:k + 5]) for k in groups.pop(key))
            if len({s[0] for s in group}) < 2:
                continue   # no other initiative has this value: nothing can pair
            n, found = self._count(group, shares, id_of)
            facts.append({"_k": "grp", "key": key, "n": n})
            for (d, r), (excluded, _, _) in found.items():
                facts.append({"_k": "side", "key": key, "doc": d, "ref": r, "x": excluded})
            counted[key] = ([(s[0], s[1], s[4]) for s in group], found)
        fired: Set[Tuple[int, int, int]] = set()
        # Each group's fact comes before its sides', and a side can fire only when it is
        # asserted: sides are retracted at once, so the session holds the group facts only.
        session.fire_session(self.rules, facts, _SID, _SEEN,
                             lambda m: fired.add((m["s"]["key"], m["s"]["doc"], m["s"]["ref"])),
                             transient=lambda f: f["_k"] == "side")
        del facts
        for key in sorted(counted):
            group, found = counted.pop(key)
            for d, r, f in group:
                if (key, d, r) in fired:
                    _, shown, total = found[(d, r)]
                    yield (d, None if r == -1 else r), (bool(f & 1), bool(f & 2)), shown, total

    def _count(self, group: List[tuple], shares: Any, id_of: Callable[[int], str]
               ) -> Tuple[int, Dict[Tuple[int, int], Tuple[int, List[int], int]]]:
        """The group's number of initiatives (distinct ids), and per side (doc, ref): how many
        of them do not pair with it, the docs of the first five that do, how many do."""
        # A doc's class: its shared values and its `differ` values in this group; docs of one
        # class pair with exactly the same others.
        difs: Dict[int, Set[int]] = defaultdict(set)
        for d, _, _, dif, _ in group:
            difs[d].add(dif)
        klass = {d: (frozenset(shares.get(d)) if self.share else None,
                     frozenset(v) if self.differ else None) for d, v in difs.items()}
        # Initiatives are counted and named by id: docs with one id are one entity, which pairs
        # when any of its docs (other than the side's own) does.
        entity: Dict[str, Dict[tuple, List[int]]] = defaultdict(lambda: defaultdict(list))
        named_by: Dict[str, List[int]] = defaultdict(list)   # an entity's first two docs
        for d in sorted(difs):
            i = id_of(d)
            entity[i][klass[d]].append(d)
            if len(named_by[i]) < 2:
                named_by[i].append(d)
        ids = sorted(entity)
        pos = {i: k for k, i in enumerate(ids)}
        every = (1 << len(ids)) - 1
        sharing: Dict[int, int] = defaultdict(int)     # shared value -> entities with it
        alone: Dict[int, int] = defaultdict(int)       # differ value -> entities with only it
        mixed: List[str] = []      # entities whose docs are of several classes: tested one by one
        for i in ids:
            classes = entity[i]
            if len(classes) > 1:
                mixed.append(i)
                continue
            sig, dv = next(iter(classes))
            bit = 1 << pos[i]
            for v in sig or ():
                sharing[v] |= bit
            if dv is not None and len(dv) == 1:
                alone[next(iter(dv))] |= bit
        mixed_bits = sum(1 << pos[i] for i in mixed)

        def pairs(c: tuple, sig: Optional[FrozenSet[int]], dif: int) -> bool:
            """Whether a doc of class `c` pairs with a side of shared values `sig`, value dif."""
            return (sig is None or c[0].isdisjoint(sig)) and (c[1] is None or bool(c[1] - {dif}))

        cache: Dict[Tuple[Any, int], Tuple[int, List[str]]] = {}
        out: Dict[Tuple[int, int], Tuple[int, List[int], int]] = {}
        for d, r, _, dif, _ in group:
            sig, _ = klass[d]
            q = (sig, dif if self.differ else 0)
            if q not in cache:
                mask = every & ~mixed_bits
                for v in sig or ():
                    mask &= ~sharing.get(v, 0)
                if self.differ:
                    mask &= ~alone.get(dif, 0)
                for i in mixed:
                    if any(pairs(c, sig, dif) for c in entity[i]):
                        mask |= 1 << pos[i]
                first, m = [], mask
                while m and len(first) <= self.named:   # one spare: the side's own id
                    low = m & -m
                    first.append(ids[low.bit_length() - 1])
                    m ^= low
                cache[q] = (mask.bit_count(), first)
            count, first = cache[q]
            own, classes = id_of(d), entity[id_of(d)]
            whole = any(pairs(c, sig, dif) for c in classes)
            rest = any(pairs(c, sig, dif) for c, docs in classes.items()
                       if len(docs) > (klass[d] == c))
            if whole and not rest:
                count -= 1
                first = [i for i in first if i != own]
            # Any doc of an entity names it; not the side's own (its id is named only when
            # another doc with that id pairs).
            shown = [named_by[i][named_by[i][0] == d] for i in first[:self.named]]
            out[(d, r)] = (len(ids) - count, shown, count)
        return len(ids), out


class CountJoin:
    """One group rule over one bucket's groups (members with the same `by` value), linear in
    the group: Python counts each group's initiatives (distinct ids) or items, and
    durable_rules decides from one fact per group (its `count`) whether the rule's `when`
    holds; every member of a group for which it holds gets a finding.

    The decision depends on the count alone, so it is taken once per distinct count and reused
    for the groups of that size (a portfolio of 10,000 singleton groups asks once)."""

    def __init__(self, spec: RuleSpec, compiled: Optional[Compiled],
                 scales: Mapping[str, Tuple[str, ...]], named: int = 5):
        self.named = named
        self.items = spec.pairs.count == "items"
        self.evaluator = Evaluator(compiled, scales) if compiled is not None else None
        self._decided: Dict[int, bool] = {}

    def close(self) -> None:
        if self.evaluator is not None:
            self.evaluator.close()

    def holds(self, count: int) -> bool:
        if self.evaluator is None:     # the condition can never hold
            return False
        if count not in self._decided:
            self._decided[count] = self.evaluator.holds(AGGREGATE_KIND, {"count": count})
        return self._decided[count]

    def matches(self, sides: "array[int]", shares: Any, id_of: Callable[[int], str]
                ) -> Iterator[Tuple[Side, Tuple[bool, bool], List[int], int, int]]:
        """`sides` holds rows of (doc, ref or -1, key code, unused, flags), as for pair rules.
        Yields each member of a group whose count satisfies the rule: (doc, ref), (waived,
        baselined), the docs of the first other initiatives (by id), how many other initiatives
        there are, and the group's count; members in (doc, ref) order, groups in code order."""
        groups: Dict[int, array] = defaultdict(lambda: array("q"))
        for k in range(0, len(sides), 5):
            groups[sides[k + 2]].append(k)
        for key in sorted(groups):
            group = sorted((sides[k], sides[k + 1], sides[k + 4]) for k in groups.pop(key))
            # Initiatives are counted and named by id: files with one id are one initiative.
            named_by: Dict[str, List[int]] = {}     # id -> its first two docs in the group
            for d, _, _ in group:
                docs = named_by.setdefault(id_of(d), [])
                if len(docs) < 2 and d not in docs:
                    docs.append(d)
            count = len(group) if self.items else len(named_by)
            if not self.holds(count):
                continue
            # The first ids in sorted order, one spare for the member's own id.
            first = heapq.nsmallest(self.named + 1, named_by)
            for d, r, f in group:
                own = id_of(d)
                twin = len(named_by[own]) > 1    # another file with the member's id is in it
                total = len(named_by) - (0 if twin else 1)
                ids = [i for i in first if i != own or twin][:self.named]
                shown = [named_by[i][named_by[i][0] == d] for i in ids]
                yield (d, None if r == -1 else r), (bool(f & 1), bool(f & 2)), shown, total, count

