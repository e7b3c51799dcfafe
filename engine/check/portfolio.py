"""Portfolio rules: correlate the initiatives of one run inside durable_rules
(docs/design/evaluation.md §9).

Workers reduce each initiative to what these rules read (`PortfolioPart`): per pair rule its
sides (item, `same` value, `differ` value) and shared-list values, per aggregate the values to
sum.  Pair-rule sides are stored in buckets by a stable hash of their `same` value, so that the
main process can join one bucket at a time: it codes that bucket's values as small integers and
hands them to engine.durable.joins, which counts per group of equal `same` values, for each
side, the initiatives it pairs with (linear in the group, never per pair) and lets
durable_rules decide each side's finding.  A group rule (`portfolio.groups`) is the same join
with `by` as its `same` value: per group engine.durable.joins counts the initiatives or items,
and durable_rules tests the rule's `when` on one fact holding that count.  Aggregates sum their
members' values in Python and test the aggregate's condition in durable_rules.
"""
from __future__ import annotations

import json
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import (Any, Callable, Dict, FrozenSet, Iterable, Iterator, List, Mapping, Optional,
                    Tuple)

from .. import durations
from ..compile.compiler import AGGREGATE_KIND, HitKind, compile_aggregate
from ..compile.projection import MISSING, get, present_items
from ..durable.evaluator import Evaluator, Firing
from ..durable.joins import CountJoin, GroupJoin, Side
from ..inputs.initiatives import Loaded
from ..model import Finding, InitiativeResult, Waiver
from ..pack.language import Path
from ..pack.rulepack import RuleSet, RuleSpec
from ..textnorm import is_missing, nfc_strip, normalise_text
from .baseline import Baseline, known
from .findings import data_at, field_texts, make_finding, render, side_path
from .waivers import Waivers, waiver_for



@dataclass
class PortfolioPart:
    """What the portfolio rules read of one initiative, reduced in the worker that loaded it."""

    sides: Dict[str, List[Tuple[Optional[int], Any, Any]]] = field(default_factory=dict)
    shares: Dict[str, FrozenSet[Any]] = field(default_factory=dict)
    sums: Dict[str, Dict[str, float]] = field(default_factory=dict)   # selected by an aggregate
    # (rule id, item index) of each side -> (its finding would be waived, would be baselined)
    marks: Dict[Tuple[str, Optional[int]], Tuple[bool, bool]] = field(default_factory=dict)

    def bucket_records(self, doc: int) -> Iterator[Tuple[str, Record]]:
        """(bucket name, record) for each pair rule and bucket this initiative has sides in: a
        record holds the initiative's sides in that bucket and, for `share_none`, all its shared
        values, so that one bucket alone decides every pair whose `same` value falls in it."""
        for rid in sorted(self.sides):
            by: Dict[int, List[Tuple[Optional[int], Any, Any, int]]] = defaultdict(list)
            for ref, same, dif in self.sides[rid]:
                waived, baselined = self.marks[(rid, ref)]
                by[bucket(same)].append((ref, same, dif, waived + 2 * baselined))
            for b in sorted(by):
                yield bucket_name(rid, b), (doc, by[b], self.shares.get(rid))


# (doc, [(item index, same, differ, waived + 2 * baselined)], shared values or None)
Record = Tuple[int, List[Tuple[Optional[int], Any, Any, int]], Optional[FrozenSet[Any]]]
BUCKETS = 32
# side, (waived, baselined), shown, total, the group's count (group rules; 0 for pair rules)
Match = Tuple[Side, Tuple[bool, bool], List[int], int, int]


def compared(value: Any) -> Any:
    """A value as the pair join compares it (durable_rules on JSON): text as it is; true and 1
    apart; 1 and 1.0 together; a list or mapping (a `same` path may point at one) as canonical
    JSON.  Equal results mean equal values, for the bucket and for the integer code alike."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", int(value) if isinstance(value, float) and value.is_integer() else value)
    return ("j", json.dumps(value, sort_keys=True, ensure_ascii=False))


def bucket(value: Any) -> int:
    """A stable bucket for a compared value; values durable_rules finds equal share it."""
    key = compared(value)
    text = "s:" + key if isinstance(key, str) else "%s:%r" % key
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) % BUCKETS


def bucket_name(rid: str, b: int) -> str:
    return "%s.%d" % (rid, b)


def _key(value: Any, normalised: bool, kind: str = "") -> Any:
    if value is MISSING or is_missing(value):
        return MISSING
    if kind == "duration":
        # A duration compares by its length (durations.py), never by its spelling.
        length = durations.parse(value)
        if length is not None:
            return ("duration", length.length)
    if isinstance(value, str):
        return normalise_text(value) if normalised else nfc_strip(value)
    return value


def _value_at(doc: Mapping[str, Any], item: Any, path: Path) -> Any:
    return get(item if path.var else doc, path.parts, {})


def pair_sides(spec: RuleSpec, doc: Mapping[str, Any], refs: List[Optional[int]]
               ) -> List[Tuple[Optional[int], Any, Any]]:
    """(item index, `same` value, `differ` value) of each side that has the values to pair on."""
    p = spec.pairs
    out = []
    for ref in sorted(set(refs), key=lambda r: -1 if r is None else r):
        item = doc if ref is None else get(doc, p.for_each.parts, {})[ref]
        same = _key(_value_at(doc, item, p.same), p.same_normalised, p.same_kind)
        if same is MISSING:
            continue
        differ = None
        if p.differ is not None:
            differ = _key(_value_at(doc, item, p.differ), p.differ_normalised, p.differ_kind)
            if differ is MISSING:
                continue
        out.append((ref, same, differ))
    return out


def share_values(spec: RuleSpec, doc: Mapping[str, Any]) -> FrozenSet[Any]:
    p = spec.pairs
    values = set()
    for _, it in present_items(get(doc, p.share_list.parts, {})):
        v = _key(get(it, p.share_path.parts, {}), p.share_normalised)
        if v is not MISSING:
            values.add(v)
    return frozenset(values)


def aggregate_values(spec: RuleSpec, doc: Mapping[str, Any]) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for name, path in spec.aggregate.sums:
        v = get(doc, path.parts, {})
        out[name] = v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0
    return out


class _Codes(dict):
    """Values as small integers: values the join finds equal (see `compared`) share a code."""

    def code(self, value: Any) -> int:
        key = compared(value)
        c = self.get(key)
        if c is None:
            c = self[key] = len(self)
        return c


class PortfolioInputs:
    """The aggregates' values of every initiative of a run, folded in as each arrives (a few
    numbers per selected initiative), and the pair joins, run one bucket of stored records at a
    time: memory holds one bucket, not the compared values of the whole portfolio."""

    def __init__(self, specs: Iterable[RuleSpec]):
        self.specs = sorted(specs, key=lambda s: s.id)
        self._members: Dict[str, array] = {s.id: array("q") for s in self.specs
                                           if s.aggregate is not None}
        self._sums: Dict[Tuple[str, str], array] = {
            (s.id, name): array("d") for s in self.specs if s.aggregate is not None
            for name, _ in s.aggregate.sums}

    def add_sums(self, doc: int, sums: Mapping[str, Mapping[str, float]]) -> None:
        for rid, values in sums.items():
            self._members[rid].append(doc)
            for name, value in values.items():
                self._sums[(rid, name)].append(value)

    def matches(self, spec: RuleSpec, records: Callable[[str], Iterable[Record]],
                valid: Callable[[int], bool], id_of: Callable[[int], str], named: int,
                buckets: Iterable[int] = range(BUCKETS), ruleset: Optional[RuleSet] = None,
                date: str = "") -> Iterator[Tuple[int, List[Match]]]:
        """Per bucket of `buckets`: each side of `spec` that pairs, its (waived, baselined), the
        docs of the first `named` other initiatives it pairs with (by id) and how many there are
        (distinct ids).  `records(name)` gives a bucket's records; those of docs not `valid`
        (the initiative failed after its records were written) are left out, as are repeats (a
        retried one).  Buckets are independent: processes may share them out.  A group rule
        (its members grouped alike) needs the `ruleset` and `date` its count is tested on."""
        rid = spec.rule.id
        join: Any = GroupJoin(spec, named)
        if spec.groups is not None:
            if ruleset is None:
                raise ValueError("a group rule's count is tested on its rule set and date")
            join = CountJoin(spec, compile_aggregate(spec, ruleset, date), ruleset.defs.scales,
                             named)
        try:
            for b in buckets:
                codes, rows, shares, seen = _Codes(), array("q"), array("q"), set()
                for doc, sides, values in records(bucket_name(rid, b)):
                    if doc in seen or not valid(doc):
                        continue
                    seen.add(doc)
                    for ref, same, dif, flags in sides:
                        rows.extend((doc, -1 if ref is None else ref, codes.code(same),
                                     codes.code(dif), flags))
                    for v in values or ():
                        shares.extend((doc, codes.code(v)))
                found = join.matches(rows, _Shares(shares), id_of)
                yield b, list(found) if spec.groups is not None else \
                    [(s, f, shown, total, 0) for s, f, shown, total in found]
        finally:
            join.close()

    def aggregate(self, spec: RuleSpec) -> Dict[str, Any]:
        """The aggregate's count and sums over the initiatives it selects, summed in document
        order (a float sum must not depend on which worker finished first)."""
        agg = spec.aggregate
        members = self._members[spec.rule.id]
        order = sorted(range(len(members)), key=members.__getitem__)
        values: Dict[str, Any] = {}
        if agg.count:
            values[agg.count] = len(members)
        for name, _ in agg.sums:
            column = self._sums[(spec.rule.id, name)]
            total: Any = 0
            for k in order:
                v = column[k]
                total += int(v) if v.is_integer() else v
            values[name] = total
        return values


class _Shares:
    """Shared-list codes by document, from rows of (doc, code): one sorted copy and an index,
    not a set per document."""

    def __init__(self, rows: "array[int]"):
        self._keys = array("q", sorted((rows[k] << 32) | rows[k + 1]
                                       for k in range(0, len(rows), 2)))

    def get(self, doc: int) -> List[int]:
        lo = bisect_left(self._keys, doc << 32)
        hi = bisect_right(self._keys, (doc << 32) | 0xFFFFFFFF, lo)
        return [k & 0xFFFFFFFF for k in self._keys[lo:hi]]


def aggregate_fires(spec: RuleSpec, ruleset: RuleSet, date: str, values: Dict[str, Any]
                    ) -> bool:
    """Whether the aggregate's condition holds for its values (count and sums)."""
    compiled = compile_aggregate(spec, ruleset, date)
    if compiled is None:
        return False
    with Evaluator(compiled, ruleset.defs.scales) as ev:
        return ev.holds(AGGREGATE_KIND, values)


@dataclass(frozen=True)
class PendingSide:
    """What the finding of a pair rule on one side of an initiative will show, should it pair:
    kept with the initiative's result until the joins have run."""

    path: str
    line: Optional[int]
    column: Optional[int]
    value: Any
    waiver: Optional[Waiver]
    baselined: bool
    fields: Tuple[Tuple[str, Any], ...] = ()   # field placeholders of the message, shown


Pending = Dict[Tuple[str, Optional[int]], PendingSide]   # (pair rule id, item or None) -> side


def portfolio_part(loaded: Loaded, hits: List[Firing], specs: Mapping[str, RuleSpec],
                   found_waivers: Waivers, baseline: Optional[Baseline]
                   ) -> Tuple[Optional[PortfolioPart], Pending]:
    """What the portfolio rules read of this initiative, and what their findings on it will
    show; the run keeps the first for every initiative, the second with its result."""
    doc = loaded.doc
    refs: Dict[str, List[Any]] = defaultdict(list)
    selected: List[str] = []
    for firing in hits:
        hit = firing.hit
        if hit.kind is HitKind.SIDE:
            refs[hit.name].append(firing.item)
        elif hit.kind is HitKind.SELECT:
            selected.append(hit.name)
    if not refs and not selected:
        return None, {}
    part, pending = PortfolioPart(), {}
    for rid in sorted(refs):
        spec = specs[rid]
        sides = pair_sides(spec, doc.data, refs[rid])
        if not sides:
            continue
        part.sides[rid] = sides
        if spec.pairs.share_list is not None:
            part.shares[rid] = share_values(spec, doc.data)
        waiver = waiver_for(spec, found_waivers)
        for ref, _, _ in sides:
            path = side_path(spec, ref)
            baselined = known(baseline, (rid, loaded.id, path))
            line, col = doc.position(path)
            item = doc.data if ref is None else \
                data_at(doc.data, "%s[%d]" % (".".join(spec.pairs.for_each.parts), ref))
            # A group rule's {value} is its key as this member writes it.
            value = data_at(doc.data, path) if spec.groups is None else \
                _value_at(doc.data, item, spec.pairs.same)
            pending[(rid, ref)] = PendingSide(path, line, col, value, waiver, baselined,
                                              tuple(field_texts(spec, doc.data, item).items()))
            part.marks[(rid, ref)] = (waiver is not None, baselined)
    for rid in sorted(set(selected)):
        part.sums[rid] = aggregate_values(specs[rid], doc.data)
    return part, pending


def pair_finding(spec: RuleSpec, result: InitiativeResult, side: PendingSide,
                 others: Tuple[List[str], int], count: int = 0) -> Finding:
    """The finding of a pair rule on one side, or of a group rule on one member: `others` is
    (first five other ids, how many), `count` the group's count (group rules)."""
    values = dict(side.fields, others=others, value=side.value)
    if spec.groups is not None:
        values["count"] = count
    return make_finding(spec, message=render(spec, values),
                        path=side.path, file=result.file, line=side.line, column=side.column,
                        initiative=result.id, waiver=side.waiver, baselined=side.baselined)


def aggregate_finding(spec: RuleSpec, values: Mapping[str, Any]) -> Finding:
    """The portfolio-level finding of an aggregate rule whose condition holds."""
    return make_finding(spec, message=render(spec, values))
