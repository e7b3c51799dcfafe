"""Rule firings of one initiative to its findings and coverage: where each finding points, what
its message says, and the one constructor every finding of a run goes through."""
from __future__ import annotations

import datetime as _dt
import functools
import re
from collections import defaultdict
from typing import Any, Dict, List, Mapping, Optional, Set, Tuple, Union

from ..compile.compiler import DOC, Compiled, HitKind
from ..compile.projection import MISSING
from ..durable.evaluator import Firing
from ..inputs.initiatives import Loaded
from ..inputs.loader import Document
from ..model import (NOT_GIVEN, Choice, Cut, Day, DomainCoverage, Finding, InitiativeResult,
                     Message, NotGiven, Number, Others, Waiver, bounded)
from ..pack.language import initiative_type
from ..pack.rulepack import RuleSet, RuleSpec
from ..messages import placeholders
from ..textnorm import nfc_strip
from .waivers import Waivers, waiver_for


def render(spec: RuleSpec, values: Mapping[str, Any], data: Any = None,
           item: Any = MISSING, template: Optional[Mapping[str, str]] = None,
           paths: Tuple[str, str] = ("", "")) -> Message:
    """The rule's message with its placeholders' values: fields of the document (`data`) and of
    the reported item (`{item.name}`), the rule's parameters, then `values` (`others`: the other
    initiatives of a pair finding, as (first ids, how many)); numbers and dates among them are
    written in the report's language when the message is shown.  `template`: a message other than
    the rule's (the `once:` part of a per-item rule).  `paths`: where the finding points and
    where the reported item is, so a value of an enumerated field is shown in the report's
    language (`Choice`)."""
    template = template or spec.rule.message
    shown: List[Tuple[str, Union[str, Others, Number, Day, Cut, NotGiven, Choice]]] = list(
        field_texts(spec, data, item, template, paths[1]).items())
    shown += [(k, localised(v)) for k, v in spec.params.items()]
    shown += [(k, localised(v)) for k, v in spec.message_params.items()]
    for k, v in values.items():
        if k == "others":
            ids, total = v
            shown.append((k, Others(tuple(_short(i) for i in ids), total)))
        elif k == "key" and isinstance(v, str):
            shown.append((k, Choice(v)))
        else:
            shown.append((k, chosen(v, paths[0]) if k == "value" else localised(v)))
    return Message(template, shown)


def _short(ident: str) -> str:
    """An id a pair finding names, cut like any quoted value (ids are rarely long)."""
    cut = bounded(str(ident))
    return cut if isinstance(cut, str) else cut.text + "\u2026"


def field_texts(spec: RuleSpec, data: Any, item: Any,
                template: Optional[Mapping[str, str]] = None, item_path: str = ""
                ) -> Dict[str, Union[str, Number, Day, Cut, NotGiven, Choice]]:
    """Every placeholder of the rule's messages that names a field (`{title}`, `{item.name}`),
    shown as its value in the document or the item; a missing field as "(not given)".
    `item_path`: where the item is in the document ("" when unknown)."""
    out: Dict[str, Union[str, Number, Day, Cut, NotGiven, Choice]] = {}
    for text in (template or spec.rule.message).values():
        for name in placeholders(text):
            if name in out or name in spec.params or name in spec.message_params or \
                    name in FILLED or \
                    (name == "count" and spec.groups is not None):   # the group's count
                continue
            if name == "item" or name.startswith("item."):
                if item is not MISSING:
                    at = item_path + name[4:] if item_path else ""
                    out[name] = chosen(item if name == "item" else data_at(item, name[5:]), at)
            elif data is not None:
                out[name] = chosen(data_at(data, name), name)
    return out


def chosen(v: Any, path: str) -> Union[str, Number, Day, Cut, NotGiven, Choice]:
    """`localised(v)`, but a value of an enumerated field of the format at `path` as a Choice."""
    if isinstance(v, str) and path and v in enum_values(re.sub(r"\[\d+\]", "", path)):
        return Choice(v)
    return localised(v)


@functools.lru_cache(maxsize=512)
def enum_values(path: str) -> Tuple[str, ...]:
    """The values the format allows at a field path without indexes ("a.b.c"); () when the
    field is not enumerated or unknown."""
    t: Any = initiative_type()
    for part in path.split("."):
        if t is not None and t.kind == "array":
            t = t.item
        t = t.prop(part) if t is not None and t.kind == "object" else None
        if t is None:
            return ()
    while t.kind == "array" and t.item is not None:
        t = t.item
    return t.enum


FILLED = ("value", "missing", "key", "others")   # placeholders the engine fills itself
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def localised(v: Any) -> Union[str, Number, Day, Cut, NotGiven]:
    """A value as a message shows it, numbers and dates written in the report's language; a
    missing value (or one that shows as nothing) as "(not given)"."""
    if isinstance(v, (Number, Day, Cut, NotGiven)):   # shown already (a pair finding's side)
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Number(v)
    if isinstance(v, _dt.date) or (isinstance(v, str) and _ISO_DATE.fullmatch(v)):
        return Day(str(v)[:10])
    text = show(v)
    return bounded(text) if text.strip() else NOT_GIVEN


def show(v: Any) -> str:
    """A value as a message shows it."""
    if v is MISSING or v is None:
        return ""
    if isinstance(v, list):
        return ", ".join(show(x) for x in v if x is not None)
    if isinstance(v, dict):
        return ", ".join("%s: %s" % (k, show(x)) for k, x in v.items())
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def make_finding(spec: RuleSpec, *, message: Message, path: str = "", file: str = "",
                 line: Optional[int] = None, column: Optional[int] = None,
                 initiative: Optional[str] = None, waiver: Optional[Waiver] = None,
                 baselined: bool = False) -> Finding:
    """The one place a finding is made: the rule's metadata plus where and what."""
    r = spec.rule
    return Finding(rule=r.id, severity=r.severity, category=r.category, domain=r.domain,
                   message=message, path=path, file=file, line=line, column=column,
                   initiative=initiative, waiver=waiver, baselined=baselined)


def item_path(compiled: Compiled, kind: str, ref: Any) -> str:
    """The path of the list item or mapping entry a per-item fact stands for."""
    key = compiled.kinds[kind].key
    if key.mode == "nested":
        return ref                  # the item's own path (projection.nested_items)
    base = ".".join(key.path)
    if key.mode == "list":
        return "%s[%d]" % (base, ref)
    return "%s.%s" % (base, ref)


def resolve(path: Any, item: Optional[str], key: Any) -> str:
    """A target path as the finding shows it: `item.x` of list item 3 is `list[3].x`."""
    if path.var is None:
        parts = [str(key) if p.startswith("{") else p for p in path.parts]
        return ".".join(parts)
    if item is None:
        return ".".join(path.parts)
    if key is not None and (not path.parts or path.parts[0] in ("key", "value")):
        return item            # a mapping entry: item, item.key, item.value
    return ".".join([item] + list(path.parts))


def side_path(spec: RuleSpec, ref: Optional[int]) -> str:
    """Where the finding of a pair rule on this side (list item `ref`, or the document) points."""
    item = None
    if ref is not None:
        item = "%s[%d]" % (".".join(spec.pairs.for_each.parts), ref)
    return resolve(spec.target.path, item, None)


def data_at(data: Any, path: str) -> Any:
    """The value at a finding's path, MISSING when there is none."""
    cur = data
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("["):
            idx = int(part[1:-1])
            if not isinstance(cur, list) or idx >= len(cur):
                return MISSING
            cur = cur[idx]
        else:
            if not isinstance(cur, dict) or part not in cur:
                return MISSING
            cur = cur[part]
    return cur


def _finding(spec: RuleSpec, doc: Document, initiative: str, path: str,
             values: Mapping[str, Any], waiver: Optional[Waiver], item: Any = MISSING,
             template: Optional[Mapping[str, str]] = None, item_path: str = "") -> Finding:
    line, col = doc.position(path)
    values = dict(values)
    values.setdefault("value", data_at(doc.data, path))
    message = render(spec, values, doc.data, item, template, (path, item_path))
    return make_finding(spec, message=message, path=path,
                        file=doc.file, line=line, column=col, initiative=initiative, waiver=waiver)


def initiative_result(loaded: Loaded, hits: List[Firing], ruleset: RuleSet,
                      specs: Dict[str, RuleSpec], compiled: Compiled, found_waivers: Waivers,
                      apply_waivers: bool = True) -> InitiativeResult:
    """The coverage and findings of one evaluated initiative (not yet sorted or baselined).

    `apply_waivers` False (--no-waivers) reports every finding as if no exception existed;
    which exceptions waive nothing (a rule with `waives_nothing`, EXC-005) is decided as if
    they applied."""
    doc = loaded.doc
    data = doc.data
    res = InitiativeResult(loaded.id, str(data.get("title", "")), doc.file, data.get("phase"), data,
                           rules_evaluated=compiled.evaluated)
    fired: Dict[Tuple[str, str, Any], Set[int]] = defaultdict(set)
    cov_missing: Dict[str, Set[int]] = defaultdict(set)
    required: Set[str] = set()
    for firing in hits:
        hit = firing.hit
        if hit.kind is HitKind.MISSING:
            cov_missing[hit.name].add(hit.variant)
        elif hit.kind is HitKind.REQUIRED:
            required.add(hit.name)
        elif hit.kind is HitKind.RULE and hit.name in specs:
            fired[(hit.name, firing.fact, firing.item)].add(hit.variant)
    if ruleset.profiles is not None:
        for domain, fields in ruleset.profiles.fields.items():
            missing = tuple(fields[i] for i in sorted(cov_missing.get(domain, ())))
            res.coverage[domain] = DomainCoverage(domain, domain in required, not missing, missing)
    used: Set[int] = set()            # exceptions that waive a finding here
    stale: List[Tuple[int, Finding]] = []
    for (rid, kind, ref), variants in sorted(fired.items(), key=lambda x: (x[0][0], x[0][1],
                                                                          str(x[0][2]))):
        if -1 not in variants:
            continue
        spec = specs[rid]
        waiver = waiver_for(spec, found_waivers)
        if waiver is not None:
            used.add(waiver.index)
        item = item_path(compiled, kind, ref) if ref is not None else None
        entry_key = ref if ref is not None and compiled.kinds[kind].key.mode == "entries" else None
        t = spec.target
        template = None
        if spec.once is not None and compiled.kinds[kind].key.mode == DOC:
            t = spec.once.target        # the document-level part of a per-item rule
            template = spec.once.message
        missing = [resolve(c, item, entry_key) for i, c in enumerate(t.candidates)
                   if i in variants]
        if t.first_missing:
            path = missing[0] if missing else resolve(t.candidates[0], item, entry_key)
        else:
            path = resolve(t.path, item, entry_key)
        values: Dict[str, Any] = {"missing": missing}
        shown: Any = MISSING                # the reported item, for {item.FIELD}
        if item is not None:
            shown = data_at(data, item)
        if entry_key is not None:
            values["key"] = entry_key     # a maturity theme: a word of the language
            shown = {"key": entry_key, "value": shown}
        finding = _finding(spec, doc, loaded.id, path, values,
                           waiver if apply_waivers else None, shown, template,
                           item if item is not None and entry_key is None else "")
        if spec.waives_nothing:
            stale.append((ref, finding))
        else:
            res.findings.append(finding)
    for ref, finding in stale:
        named = specs.get(nfc_strip(str(data_at(data, "principles.exceptions[%d].rule" % ref))))
        portfolio = named is not None and (named.pairs is not None or named.aggregate is not None)
        if ref not in used and not portfolio:
            res.findings.append(finding)
    return res
