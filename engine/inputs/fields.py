"""Fields that packs add to the initiative format (docs/rule-language.md, "Fields declared by
packs"): the declarations as plain data, and the initiative JSON Schema with them merged in.

The pack loader (engine/pack/fields.py) reads and checks the declarations; validation, the rule
language and `idm schema initiative` take the result as a `DeclaredFields` value, so this stage
knows nothing of packs (docs/design/packs.md §9).
"""
from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

LIST_ITEMS = "[]"      # `at: operations.channels[]`: the items of a list


@dataclass(frozen=True, eq=False)
class DeclaredField:
    """One field a pack declares: where it goes (`at`, "" for the top level), its name, its JSON
    Schema as written, its texts, and where it was declared."""

    at: str
    name: str
    schema: Mapping[str, Any]
    pack: str = ""
    title: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    pack_title: Mapping[str, str] = field(default_factory=dict)   # the declaring pack's title
    file: str = ""
    line: Optional[int] = None
    column: Optional[int] = None

    @property
    def path(self) -> str:
        """`operations.channels[].authentication`."""
        return self.at + "." + self.name if self.at else self.name

    @property
    def where(self) -> str:
        """FILE:LINE:COL of the declaration."""
        if self.line is None:
            return self.file
        return "%s:%d:%d" % (self.file, self.line, self.column or 1)

    def same_schema(self, other: "DeclaredField") -> bool:
        return canonical(self.schema) == canonical(other.schema)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


class DeclaredFields:
    """The declared fields of a run's packs, in declaration order (a field another declared
    field holds comes before it).  Empty: the format alone, validated as before."""

    def __init__(self, fields: Sequence[DeclaredField] = ()):
        self.fields: Tuple[DeclaredField, ...] = tuple(fields)
        self.key = canonical([[f.at, f.name, f.schema] for f in self.fields])

    def __bool__(self) -> bool:
        return bool(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __iter__(self) -> Any:
        return iter(self.fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DeclaredFields) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return "DeclaredFields(%s)" % ", ".join(f.path for f in self.fields)

    def schema(self, base: Mapping[str, Any]) -> Dict[str, Any]:
        """`base` (the initiative schema) with every declared field added where it goes."""
        out = copy.deepcopy(dict(base))
        for f in self.fields:
            node, _ = object_at(out, split_at(f.at) or [])
            if node is not None:
                node.setdefault("properties", {})[f.name] = property_schema(f)
        return out

    def by_pack(self) -> List[Tuple[str, Mapping[str, str], List[DeclaredField]]]:
        """(pack, its title, its fields) in the order the packs first declare a field."""
        out: Dict[str, Tuple[Mapping[str, str], List[DeclaredField]]] = {}
        for f in self.fields:
            out.setdefault(f.pack, (f.pack_title, []))[1].append(f)
        return [(p, t, fs) for p, (t, fs) in out.items()]


NONE = DeclaredFields()


def split_at(at: str) -> Optional[List[str]]:
    """`operations.channels[]` -> ["operations", "channels", "[]"]; "" -> []; None when it is
    not a path of field names."""
    if at == "":
        return []
    out: List[str] = []
    for part in at.split("."):
        items = part.endswith(LIST_ITEMS)
        name = part[:-2] if items else part
        if not name or not (name[0].isalpha() or name[0] == "_") or \
                not all(c.isalnum() or c == "_" for c in name) or LIST_ITEMS in name:
            return None
        out.append(name)
        if items:
            out.append(LIST_ITEMS)
    return out


def _branch(node: Dict[str, Any], root: Mapping[str, Any], want: str) -> Optional[Dict[str, Any]]:
    """The part of a (nullable) schema node that is of type `want`, inlining a reference so
    that an addition changes this place only."""
    if "$ref" in node and set(node) - {"title", "description"} == {"$ref"}:
        target = root.get("$defs", {}).get(str(node["$ref"]).rsplit("/", 1)[-1])
        if not isinstance(target, dict):
            return None
        node.pop("$ref")
        node.update(copy.deepcopy(target))
    for branch in node.get("anyOf") or ():
        if isinstance(branch, dict):
            found = _branch(branch, root, want)
            if found is not None:
                return found
    t = node.get("type")
    types = t if isinstance(t, list) else [t]
    if want in types or (want == "object" and t is None and "properties" in node):
        return node
    return None


def object_at(root: Dict[str, Any], parts: Sequence[str]) -> Tuple[Optional[Dict[str, Any]], str]:
    """The object schema at `parts` of `root`, or (None, why): "unknown" (no such field),
    "list" (a list, whose items need `[]`) or "not_object"."""
    node = _branch(root, root, "object")
    if node is None:
        return None, "not_object"
    for i, part in enumerate(parts):
        if part == LIST_ITEMS:
            continue
        props = node.get("properties") or {}
        if part not in props:
            return None, "unknown"
        child = props[part]
        items = i + 1 < len(parts) and parts[i + 1] == LIST_ITEMS
        if items:
            array = _branch(child, root, "array")
            if array is None or not isinstance(array.get("items"), dict):
                return None, "not_list"
            child = array["items"]
        elif _branch(child, root, "array") is not None and _branch(child, root, "object") is None:
            return None, "list"
        nxt = _branch(child, root, "object")
        if nxt is None:
            return None, "not_object"
        node = nxt
    return node, ""


# How the declared formats are checked: a date and a duration exactly as the format's own
# (its $defs), a URI and an e-mail address by the checks in validate.py.
_FORMAT_REFS = {"date": "#/$defs/date", "duration": "#/$defs/duration"}


def lowered(schema: Mapping[str, Any]) -> Dict[str, Any]:
    """A declared schema as validation uses it: `format: date|duration` is the format's own
    definition, an object with `properties` is closed unless `additionalProperties` says
    otherwise (as every object of the format: a misspelt key is an error), and an
    `enum`/`const` of texts alone makes a text (so that rules and lint know the field's type)."""
    out: Dict[str, Any] = {}
    for k, v in schema.items():
        if k == "properties" and isinstance(v, dict):
            out[k] = {n: lowered(s) if isinstance(s, dict) else s for n, s in v.items()}
        elif k in ("items", "additionalProperties") and isinstance(v, dict):
            out[k] = lowered(v)
        elif k == "format" and v in _FORMAT_REFS:
            out["$ref"] = _FORMAT_REFS[v]
        else:
            out[k] = copy.deepcopy(v)
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False     # closed like the format's objects: typos fail
    if "type" not in out and "$ref" not in out:
        values = out.get("enum") if "enum" in out else [out["const"]] if "const" in out else None
        if values and all(isinstance(x, str) for x in values):
            out["type"] = "string"
    return out


def property_schema(f: DeclaredField) -> Dict[str, Any]:
    """The schema of a declared field in the initiative schema: its own, and empty (null) like
    every field of the format; English title and description for editors."""
    out: Dict[str, Any] = {"anyOf": [lowered(f.schema), {"type": "null"}]}
    if f.title.get("en"):
        out["title"] = f.title["en"]
    desc = f.description.get("en") or ""
    out["description"] = ((desc + " ") if desc else "") + "(declared by pack %s)" % (f.pack or "?")
    return out


@functools.lru_cache(maxsize=8)
def initiative_schema(fields: DeclaredFields) -> Dict[str, Any]:
    """The initiative JSON Schema with the declared fields (the format's own when none)."""
    from .validate import schema
    base = schema("initiative")
    return base if not fields else fields.schema(base)


def values(data: Any, f: DeclaredField) -> List[Tuple[str, Any]]:
    """The values of a declared field on one initiative as (path, value), in document order:
    one per item of each list that `at` goes through (`operations.channels[0].authentication`),
    none where the field is absent or empty."""
    places: List[Tuple[str, Any]] = [("", data)]
    for part in (split_at(f.at) or []) + [f.name]:
        nxt: List[Tuple[str, Any]] = []
        for path, value in places:
            if part == LIST_ITEMS:
                if isinstance(value, list):
                    nxt += [("%s[%d]" % (path, i), v) for i, v in enumerate(value)]
            elif isinstance(value, dict) and value.get(part) is not None:
                nxt.append(((path + "." + part) if path else part, value[part]))
        places = nxt
    return [(p, v) for p, v in places if v not in ("", [], {})]
