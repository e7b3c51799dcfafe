"""Portfolio rules: correlate the initiatives of one run inside durable_rules (starter-rules 1.9).

Pairs are an equality join on the `same` value: durable_rules hashes equality joins, so a run of
10,000 initiatives is never compared pair by pair.  `share_none` is a negated pattern over
derived facts "initiatives A and B share a value", themselves found by a join.  Aggregates select
their members per initiative (already evaluated by the Evaluator), sum in Python and test the
aggregate's condition in durable_rules.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Set, Tuple

import durable_rules_engine as dre

from .compiler import FALSE, TRUE, Compiled, KindKey, _Compiler, _Ctx
from .evaluator import Evaluator, _handles_made
from .language import Path
from .projection import MISSING, get, present_items, project
from .rulepack import RuleSet, RuleSpec
from .textnorm import is_missing, nfc_strip, normalise_text

_JOIN_SID = "portfolio"


@dataclass(frozen=True)
class Side:
    doc: int                  # index of the initiative in the run
    ref: Optional[int]        # list index of the item, None for the whole document


def _key(value: Any, normalised: bool) -> Any:
    if value is MISSING or is_missing(value):
        return MISSING
    if isinstance(value, str):
        return normalise_text(value) if normalised else nfc_strip(value)
    return value


def _value_at(doc: Mapping[str, Any], item: Any, path: Path) -> Any:
    return get(item if path.var else doc, path.parts, {})


def pair_matches(spec: RuleSpec, docs: List[Mapping[str, Any]], sides: Iterable[Side]
                 ) -> Dict[Side, Set[int]]:
    """For each side, the other initiatives (indices) it pairs with under the rule."""
    p = spec.pairs
    facts: List[dict] = []
    share_values: List[dict] = []
    for s in sorted(set(sides), key=lambda s: (s.doc, -1 if s.ref is None else s.ref)):
        doc = docs[s.doc]
        item = doc if s.ref is None else get(doc, p.for_each.parts, {})[s.ref]
        same = _key(_value_at(doc, item, p.same), p.same_normalised)
        if same is MISSING:
            continue
        fact = {"_k": "side", "doc": s.doc, "ref": -1 if s.ref is None else s.ref, "key": same}
        if p.differ is not None:
            differ = _key(_value_at(doc, item, p.differ), p.differ_normalised)
            if differ is MISSING:
                continue
            fact["dif"] = differ
        facts.append(fact)
    if p.share_list is not None:
        for d in sorted({f["doc"] for f in facts}):
            values = set()
            for _, it in present_items(get(docs[d], p.share_list.parts, {})):
                v = _key(get(it, p.share_path.parts, {}), p.share_normalised)
                if v is not MISSING:
                    values.add(v)
            share_values.extend({"_k": "sv", "doc": d, "v": v} for v in sorted(values, key=str))

    # Cross-fact tests: inequalities first, the equality join last (guide section 6: the other
    # order crashes the engine).
    b = [{"_k": "side"}, {"$neq": {"doc": {"a": "doc"}}}]
    if p.differ is not None:
        b.append({"$neq": {"dif": {"a": "dif"}}})
    b.append({"key": {"a": "key"}})
    pair_rule: Dict[str, Any] = {"all": [{"a": {"_k": "side"}}, {"b": {"$and": b}}]}
    if p.share_list is not None:
        pair_rule["all"].append({"n$not": {"$and": [{"_k": "sh"}, {"x": {"a": "doc"}},
                                                    {"y": {"b": "doc"}}]}})
    shared_pairs = sorted({(a["doc"], b["doc"]) for a, b in _join(
        {"S": {"all": [{"a": {"_k": "sv"}}, {"b": {"$and": [
            {"_k": "sv"}, {"$neq": {"doc": {"a": "doc"}}}, {"v": {"a": "v"}}]}}]}},
        share_values)}) if share_values else []
    shared_facts = [{"_k": "sh", "x": x, "y": y} for x, y in shared_pairs]
    out: Dict[Side, Set[int]] = defaultdict(set)
    for a, b in _join({"P": pair_rule}, shared_facts + facts):
        side = Side(a["doc"], None if a["ref"] == -1 else a["ref"])
        out[side].add(b["doc"])
    return out


def _join(rules: Dict[str, Any], facts: List[dict]) -> List[Tuple[dict, dict]]:
    """Assert facts into one session of a fresh ruleset; the (a, b) of every firing."""
    rules = dict(rules)
    rules["__seen__"] = {"all": [{"m": {"$or": [{"_k": "side"}, {"_k": "sv"}, {"_k": "sh"}]}}]}
    _handles_made[0] += 1
    h = dre.create_ruleset("idm-join-%d" % _handles_made[0], json.dumps(rules))
    pairs: List[Tuple[dict, dict]] = []
    try:
        for i, f in enumerate(facts):
            rc, off = dre.assert_fact(h, json.dumps(dict(f, sid=_JOIN_SID, id="j%d" % i)))
            try:
                res = dre.start_action_for_state(h, off) if rc == 0 else None
                msgs = res[1] if res else None
                while msgs:
                    if not msgs.startswith('{"__seen__"'):
                        fired = json.loads(msgs)
                        (_, m), = fired.items()
                        pairs.append((m["a"], m["b"]))
                    msgs = dre.complete_and_start_action(h, off)
            except BaseException:
                dre.abandon_action(h, off)
                raise
        if facts:
            dre.delete_state(h, _JOIN_SID)
    finally:
        dre.delete_ruleset(h)
    return pairs


def aggregate_fires(spec: RuleSpec, ruleset: RuleSet, date: str,
                    docs: List[Mapping[str, Any]], members: List[int]) -> Optional[Dict[str, Any]]:
    """The aggregate's values when its condition holds, else None."""
    agg = spec.aggregate
    values: Dict[str, Any] = {}
    if agg.count:
        values[agg.count] = len(members)
    for name, path in agg.sums:
        total = 0
        for d in members:
            v = get(docs[d], path.parts, {})
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                total += v
        values[name] = total
    comp = _Compiler(ruleset, date, ())
    key = KindKey("aggregate")
    kind = comp.kind(key)
    ctx = _Ctx(kind.plan, kind.plan, {"aggregate": "item"})
    expr = comp.expr(spec.when, ctx, False)
    if expr is FALSE:
        return None
    marker = {"_k": key.name}
    kind.rules["agg"] = {"all": [{"m": marker if expr is TRUE else {"$and": [marker, expr]}}]}
    kind.tests["agg"] = 1
    compiled = Compiled(date, {key.name: kind}, {}, (), ())
    ev = Evaluator(compiled, ruleset.defs.scales)
    try:
        attrs = project(kind.plan, {"doc": {}, "item": values}, {}, ruleset.defs.scales)
        attrs.update(_k=key.name, sid="eval", id="f")
        fired = ev._fire(ev._rulesets[key.name], attrs)
    finally:
        ev.close()
    return values if fired else None
