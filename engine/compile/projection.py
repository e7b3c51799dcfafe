"""Turn an initiative into the facts its compiled rules test (compiler.Plan).

Each attribute holds one normalised value of one field; a missing value (absent, null, empty) is
left out, so durable_rules' own absent-attribute semantics give the conventions' (docs/design/evaluation.md §1, §2).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, Mapping, Optional, Tuple

from .. import durations
from ..pack.transforms import (Count, DateNumber, DurationLength, InSet, ListKey, Matches,
                               Normalised, PlusDuration, Rank, Transform, Value, WithDefault)
from .compiler import DOC, KindKey, Plan
from .regex_time import search
from ..textnorm import is_missing, nfc, nfc_strip, normalise_as, normalise_text

MISSING = object()
Scales = Mapping[str, Tuple[str, ...]]


def get(root: Any, parts: Tuple[str, ...], bound: Mapping[str, Any]) -> Any:
    cur = root
    for part in parts:
        if part.startswith("{"):
            part = bound.get(part[1:-1], MISSING)
            if not isinstance(part, str):
                return MISSING
        if not isinstance(cur, dict) or part not in cur:
            return MISSING
        cur = cur[part]
    return cur


def convert(raw: Any, transform: Transform, scales: Scales) -> Any:
    """The attribute value of one raw field value (MISSING: no attribute)."""
    if isinstance(transform, InSet):
        value = convert(raw, transform.inner, scales)
        return MISSING if value is MISSING else value in transform.members
    if isinstance(transform, WithDefault):      # the default stands in for a missing value
        if raw is MISSING or is_missing(raw):
            raw = transform.default
        transform = transform.inner
    if isinstance(transform, Count):
        if not isinstance(raw, list):
            return 0
        return sum(1 for v in raw if not is_missing(v))
    if raw is MISSING or is_missing(raw):
        return MISSING
    return _PRESENT[type(transform)](raw, transform, scales)


def _value(raw: Any, t: Value, scales: Scales) -> Any:
    if isinstance(raw, str):
        return nfc_strip(raw)
    if isinstance(raw, (dict, list)):
        return 1            # a present mapping or list: only presence is tested
    return raw


def _normalised(raw: Any, t: Normalised, scales: Scales) -> Any:
    return normalise_text(raw) if isinstance(raw, str) else raw


def _list_key(raw: Any, t: ListKey, scales: Scales) -> Any:
    return normalise_as(raw, t.modes) if isinstance(raw, str) else raw


def _date(raw: Any, t: DateNumber, scales: Scales) -> Any:
    return int(raw.replace("-", "")) if isinstance(raw, str) else MISSING


def _duration(raw: Any, t: DurationLength, scales: Scales) -> Any:
    d = durations.parse(raw)
    return MISSING if d is None else d.length


def _plus(raw: Any, t: PlusDuration, scales: Scales) -> Any:
    """The date plus a duration, on the calendar, as YYYYMMDD."""
    d = durations.parse(t.duration)
    out = durations.date_plus(raw, d) if isinstance(raw, str) and d is not None else None
    return MISSING if out is None else out


def _matches(raw: Any, t: Matches, scales: Scales) -> Any:
    return search(t.pattern, nfc(raw)) if isinstance(raw, str) else MISSING


def _rank(raw: Any, t: Rank, scales: Scales) -> Any:
    scale = scales[t.scale]
    return scale.index(raw) + 1 if raw in scale else MISSING


# What each transform gives of a present value (a missing one is MISSING, counts aside).
_PRESENT: Dict[type, Callable[[Any, Any, Scales], Any]] = {
    Value: _value, Normalised: _normalised, ListKey: _list_key, DateNumber: _date,
    DurationLength: _duration,
    PlusDuration: _plus, Matches: _matches, Rank: _rank}


def present_items(value: Any) -> Iterator[Tuple[int, Any]]:
    """(index, item) of the present items of a list; missing items are skipped (evaluation.md §4)."""
    if isinstance(value, list):
        for i, v in enumerate(value):
            if not is_missing(v):
                yield i, v


def nested_items(cur: Any, parts: Tuple[str, ...], prefix: str) -> Iterator[Tuple[str, Any]]:
    """(path, item) of the present items of a list that lies inside the items of other lists
    (operations.procurements.deviations): the path is the item's, such as
    operations.procurements[0].deviations[1]."""
    if isinstance(cur, list):
        for i, item in present_items(cur):
            here = "%s[%d]" % (prefix, i)
            if parts:
                yield from nested_items(item, parts, here)
            else:
                yield here, item
        return
    if parts and isinstance(cur, dict):
        yield from nested_items(cur.get(parts[0]), parts[1:],
                                "%s.%s" % (prefix, parts[0]) if prefix else parts[0])


def present_entries(value: Any) -> Iterator[Tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if not is_missing(v):
                yield k, v


def _converter(transform: Transform, scales: Scales) -> Callable[[Any], Any]:
    """`convert` with the transform decided once: raw value -> attribute value or MISSING
    (the most frequent transforms inlined: projection runs once per fact)."""
    if isinstance(transform, Value):
        def val(raw: Any) -> Any:
            if raw is MISSING or raw is None:
                return MISSING
            if isinstance(raw, str):
                return nfc_strip(raw) if raw.strip() else MISSING
            if isinstance(raw, (dict, list)):
                return MISSING if is_missing(raw) else 1
            return raw
        return val
    if isinstance(transform, DateNumber):
        def date(raw: Any) -> Any:
            if raw is MISSING or is_missing(raw) or not isinstance(raw, str):
                return MISSING
            return int(raw.replace("-", ""))
        return date
    if isinstance(transform, Matches):
        pattern = transform.pattern

        def matches(raw: Any) -> Any:
            if raw is MISSING or not isinstance(raw, str) or not raw.strip():
                return MISSING
            return search(pattern, nfc(raw))
        return matches
    return lambda raw: convert(raw, transform, scales)


def _compiled(plan: Plan, scales: Mapping[str, Tuple[str, ...]]) -> Any:
    """The plan's sources with their converters, kept on the plan (rebuilt if it grew since)."""
    size = len(plan.attrs) + len(plan.lists)
    entry = plan.steps
    if entry is not None and entry[0] == size and entry[1] is scales:
        return entry[2]
    attrs = [(anchor, parts, any(p.startswith("{") for p in parts),
              _converter(transform, scales), name)
             for (anchor, parts, transform), name in plan.attrs.items()]
    lists = [(anchor, parts, name, child) for (anchor, parts), (name, child) in plan.lists.items()]
    plan.steps = (size, scales, (attrs, lists))
    return attrs, lists


def project(plan: Plan, roots: Mapping[str, Any], bound: Mapping[str, Any],
            scales: Mapping[str, Tuple[str, ...]]) -> Dict[str, Any]:
    """The attributes of one fact (or one quantified item) under `plan`."""
    attrs, lists = _compiled(plan, scales)
    out: Dict[str, Any] = {}
    for anchor, parts, has_param, conv, name in attrs:
        if has_param:
            raw = get(roots[anchor], parts, bound)
        else:                                   # get() without bound parameters, inlined
            raw = roots[anchor]
            for part in parts:
                if not isinstance(raw, dict):
                    raw = MISSING
                    break
                raw = raw.get(part, MISSING)
                if raw is MISSING:
                    break
        v = conv(raw)
        if v is not MISSING:
            out[name] = v
    for anchor, parts, name, child in lists:
        items = []
        for _, item in present_items(get(roots[anchor], parts, bound)):
            items.append(project(child, dict(roots, q=item), bound, scales))
        if items:
            out[name] = items
    return out


def facts(kind: KindKey, plan: Plan, doc: Mapping[str, Any],
          scales: Mapping[str, Tuple[str, ...]]) -> Iterator[Tuple[Optional[Any], Dict[str, Any]]]:
    """(item reference, attributes) of every fact of one kind for one initiative.

    The reference is None for the document, the list index for list items and the key for
    mapping entries.
    """
    if kind.mode == DOC:
        yield None, project(plan, {"doc": doc}, {}, scales)
        return
    if kind.mode == "nested":
        for ref, item in nested_items(doc, kind.path, ""):
            yield ref, project(plan, {"doc": doc, "item": item}, {}, scales)
        return
    container = get(doc, kind.path, {})
    if kind.mode == "list":
        for i, item in present_items(container):
            yield i, project(plan, {"doc": doc, "item": item}, {}, scales)
    else:
        for key, value in present_entries(container):
            entry = {"key": key, "value": value}
            yield key, project(plan, {"doc": doc, "item": entry}, {"item.key": key}, scales)
