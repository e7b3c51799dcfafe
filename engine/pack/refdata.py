"""Reference data shipped with rule packs: named lists (such as the Forum Standaardisatie 'pas toe
of leg uit' list) that conditions test against with `on_list:` (docs/rule-language.md,
"Reference data").

A data set is a `kind: ReferenceData` document beside the rule packs.  Rules name the data set,
never its contents, so a newer snapshot replaces the file without touching a rule.  A data set
says how names are compared (`match.normalise`) and which typed attributes its items carry
(`attributes`); a file without `attributes` has the attributes of the first format
(`status`, `functional_scope`, `url`), so it keeps loading and meaning the same.
"""
from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from .. import durations
from ..dates import is_date
from ..errors import Problem
from ..i18n import catalogue, said
from ..inputs.loader import Document
from ..textnorm import DEFAULT_NORMALISE, nfc_strip, normalise_as

ATTRIBUTE_TYPES = ("string", "number", "integer", "boolean")
ATTRIBUTE_FORMATS = ("date", "duration", "uri")
ITEM_KEYS = ("name", "aliases")
# The attributes of a data set that declares none: those of the first format.
V1_ATTRIBUTES: Dict[str, Dict[str, Any]] = {
    "status": {"enum": ["verplicht", "aanbevolen"]},
    "functional_scope": {"type": "string"},
    "url": {"type": "string", "format": "uri"},
}


@dataclass(frozen=True)
class Attribute:
    """A declared attribute: its type, its allowed values (enum) and its format."""

    name: str
    type: str = "string"
    enum: Tuple[Any, ...] = ()
    format: Optional[str] = None

    @property
    def kind(self) -> str:
        """How values compare: "date", "duration", "number", "boolean" or "string"."""
        if self.format in ("date", "duration"):
            return self.format
        if self.type in ("number", "integer"):
            return "number"
        if self.enum and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                             for v in self.enum):
            return "number"
        return "boolean" if self.type == "boolean" else "string"

    def problem(self, value: Any) -> Optional[str]:
        """What is wrong with `value` as a value of this attribute (None: nothing)."""
        if isinstance(value, _dt.date):
            value = value.isoformat()
        if self.enum:
            return None if value in self.enum else "enum"
        if self.type == "boolean":
            return None if isinstance(value, bool) else "type"
        if self.type in ("number", "integer"):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                    (self.type == "integer" and not float(value).is_integer()):
                return "type"
            return None
        if not isinstance(value, str) or not value.strip():
            return "type"
        if self.format == "date" and not is_date(value):
            return "format"
        if self.format == "duration" and durations.parse(value) is None:
            return "format"
        if self.format == "uri" and not value.startswith(("http://", "https://")):
            return "format"
        return None

    def expected(self) -> str:
        """The allowed values in words, for an error message."""
        if self.enum:
            return ", ".join(str(v) for v in self.enum)
        return self.format or self.type


@dataclass(frozen=True)
class DataItem:
    name: str
    status: Optional[str]
    aliases: Tuple[str, ...] = ()
    attributes: Tuple[Tuple[str, Any], ...] = ()     # every attribute value, in file order

    def attribute(self, name: str) -> Any:
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class DataSet:
    name: str
    title: Dict[str, str]
    snapshot: str
    source: str
    items: Tuple[DataItem, ...]
    file: str
    modes: Tuple[str, ...] = DEFAULT_NORMALISE         # match.normalise
    attributes: Tuple[Attribute, ...] = ()
    pack: str = ""                # the pack it belongs to (its name, or its folder without one)
    # The snapshot this one replaced: (its date, its file), or None.
    replaces: Optional[Tuple[str, str]] = None
    declared: bool = False        # declares its own `attributes:` (not those of the first format)

    def names(self, status: Optional[str] = None) -> Tuple[str, ...]:
        """Every name and alias of the items (of one status, when given), in file order."""
        out = []
        for item in self.items:
            if status is None or item.status == status:
                out.extend((item.name,) + item.aliases)
        return tuple(out)

    def statuses(self) -> Tuple[str, ...]:
        return tuple(sorted({i.status for i in self.items if i.status}))

    def attribute(self, name: str) -> Optional[Attribute]:
        return next((a for a in self.attributes if a.name == name), None)

    @property
    def default_match(self) -> bool:
        return set(self.modes) == set(DEFAULT_NORMALISE)

    def key(self, text: str) -> str:
        """A name as this data set compares it (match.normalise)."""
        return normalise_as(text, self.modes)

    def keys(self, items: Optional[Tuple[DataItem, ...]] = None) -> Tuple[str, ...]:
        """The compared form of every name and alias of `items` (default: all), without
        repeats, in file order."""
        out: List[str] = []
        for item in self.items if items is None else items:
            for text in (item.name,) + item.aliases:
                k = self.key(text)
                if k not in out:
                    out.append(k)
        return tuple(out)

    def find(self, text: str) -> Optional[DataItem]:
        """The item `text` names (by name or alias, compared as the data set says)."""
        k = self.key(text)
        return next((i for i in self.items
                     if any(self.key(t) == k for t in (i.name,) + i.aliases)), None)


def snapshot_text(ds: DataSet, lang: str) -> str:
    """A data set's snapshot date, with the date of the snapshot it replaced."""
    if ds.replaces is None:
        return ds.snapshot
    return catalogue(lang)("packs.data_replaces") % {"snapshot": ds.snapshot,
                                                     "older": ds.replaces[0]}


def _attributes(raw: Any) -> Tuple[Attribute, ...]:
    return tuple(Attribute(name, str(spec.get("type") or "string"),
                           tuple(spec.get("enum") or ()), spec.get("format"))
                 for name, spec in (raw or {}).items())


def from_document(doc: Document, pack: str = "") -> DataSet:
    """A DataSet from a document the referencedata schema has accepted (see `problems`)."""
    data: Dict[str, Any] = doc.data
    title = data.get("title") or {}
    if isinstance(title, str):
        title = {"en": title, "nl": title}
    declared = "attributes" in data
    attributes = _attributes(data["attributes"] if declared else V1_ATTRIBUTES)
    known = {a.name for a in attributes}
    items = tuple(DataItem(nfc_strip(str(i["name"])),
                           i.get("status") if "status" in known else None,
                           tuple(nfc_strip(str(a)) for a in i.get("aliases") or ()),
                           tuple((k, plain(v)) for k, v in i.items()
                                 if k not in ITEM_KEYS))
                  for i in data.get("items") or ())
    return DataSet(data["name"], dict(title), plain(data["snapshot"]), data["source"], items,
                   doc.file, modes_of(data), attributes, pack, None, declared)


def modes_of(data: Dict[str, Any]) -> Tuple[str, ...]:
    """`match.normalise` as written (an empty list: exact, NFC and trimmed), or the default."""
    match = data.get("match") or {}
    return tuple(match["normalise"]) if "normalise" in match else DEFAULT_NORMALISE


def plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, _dt.date) else value


def did_you_mean(hint: Optional[str]) -> Any:
    """As language.did_you_mean (which imports the operators, and they this module)."""
    return said("rulelang.did_you_mean", name=repr(hint)) if hint else ""


def problems(doc: Document) -> List[Problem]:
    """What the JSON Schema cannot check of a data set the schema accepted: each item's
    attributes against the declared ones (an undeclared attribute, a value of the wrong type or
    not among the allowed ones), declared enums against the declared type, normalise modes, and
    two items whose names are the same once compared as the data set says."""
    data: Dict[str, Any] = doc.data
    out: List[Problem] = []

    def add(ypath: str, message: Any) -> None:
        line, col = doc.position(ypath)
        out.append(Problem.of(doc.file, message, line, col, ypath))

    declared = data.get("attributes")
    attributes = {a.name: a for a in _attributes(declared if "attributes" in data
                                                 else V1_ATTRIBUTES)}
    for name, spec in (declared or {}).items():
        if name in ITEM_KEYS:
            add("attributes.%s" % name, said("refdata.reserved_attribute", name=repr(name)))
        a = attributes[name]
        for i, v in enumerate(spec.get("enum") or ()):
            untyped = Attribute(name, a.type, (), a.format)
            if untyped.problem(v) is not None:
                add("attributes.%s.enum[%d]" % (name, i), said(
                    "refdata.enum_type", value=repr(v), name=repr(name),
                    expected=untyped.expected()))
    seen: Dict[str, str] = {}
    modes = modes_of(data)
    for i, item in enumerate(data.get("items") or ()):
        for key, value in item.items():
            if key in ITEM_KEYS:
                continue
            ypath = "items[%d].%s" % (i, key)
            a = attributes.get(key)
            if a is None:
                hint = difflib.get_close_matches(key, list(attributes), n=1)
                add(ypath, said("refdata.unknown_attribute", name=repr(key),
                                hint=did_you_mean(hint[0] if hint else None),
                                declared=", ".join(attributes) or said("rulelang.none")))
                continue
            wrong = a.problem(value)
            if wrong is not None:
                hint = difflib.get_close_matches(str(value), [str(v) for v in a.enum], n=1) \
                    if a.enum else []
                add(ypath, said("refdata.bad_value", value=repr(plain(value)),
                                name=repr(key), expected=a.expected(),
                                hint=did_you_mean(hint[0] if hint else None)))
        texts = [("items[%d].name" % i, item.get("name"))] + \
            [("items[%d].aliases[%d]" % (i, j), a) for j, a in enumerate(item.get("aliases") or ())]
        for ypath, text in texts:
            if not isinstance(text, str):
                continue
            k = normalise_as(text, modes)
            if not k:
                add(ypath, said("refdata.empty_name", text=repr(text)))
                continue
            first = seen.get(k)
            if first is not None and first.split(".")[0] != ypath.split(".")[0]:
                add(ypath, said("refdata.same_name", text=repr(text), first=first))
            seen.setdefault(k, ypath)
    return out


def replacement(have: DataSet, new: DataSet) -> Optional[str]:
    """How a data set of the same name loaded later stands to the one loaded: "replace" (from
    another pack, with a later snapshot), "older" (from another pack, not later) or None (the
    same pack: defined twice)."""
    if have.pack == new.pack:
        return None
    return "replace" if new.snapshot > have.snapshot else "older"


def lookup(data: Dict[str, DataSet], name: Any, pack: str = "") -> Optional[DataSet]:
    """The data set a rule names: its own name, or `PACK.NAME` of a named pack."""
    if not isinstance(name, str):
        return None
    if name in data:
        return data[name]
    qualifier, _, short = name.rpartition(".")
    ds = data.get(short) if qualifier else None
    return ds if ds is not None and ds.pack == qualifier else None


# The comparisons an attribute test may make (docs/rule-language.md, "Reference data"); the
# ordering ones only on numbers, dates and durations, before/after only on dates.
WHERE_OPS = ("equals", "not_equals", "in", "not_in", "lt", "le", "gt", "ge", "before", "after")
ORDERING = {"lt": "lt", "le": "le", "gt": "gt", "ge": "ge", "before": "lt", "after": "gt"}


def comparable(attribute: Attribute, value: Any) -> Any:
    """A value of `attribute` as attribute tests compare it: a duration by its length, a date as
    YYYY-MM-DD text, anything else as it is."""
    value = plain(value)
    if attribute.kind == "duration":
        d = durations.parse(value)
        return None if d is None else d.length
    return value


def holds(attribute: Attribute, value: Any, op: str, arg: Any) -> bool:
    """Whether an item's `value` of `attribute` passes the test `op arg` (a missing value never
    does, as a field test on a missing field)."""
    v = comparable(attribute, value)
    if v is None:
        return False
    if op in ("in", "not_in"):
        found = any(v == comparable(attribute, a) for a in arg)
        return found == (op == "in")
    a = comparable(attribute, arg)
    if op == "equals":
        return v == a
    if op == "not_equals":
        return v != a
    cmp = ORDERING[op]
    return {"lt": v < a, "le": v <= a, "gt": v > a, "ge": v >= a}[cmp]


def select(ds: DataSet, attribute: str, op: str, arg: Any) -> Tuple[DataItem, ...]:
    """The items of `ds` whose `attribute` passes the test `op arg`."""
    a = ds.attribute(attribute)
    assert a is not None
    return tuple(i for i in ds.items if holds(a, i.attribute(attribute), op, arg))
