"""The fields an initiative may hold (the format plus the fields the project's packs declare),
and where in a YAML text the cursor is, read from indentation so that a half-typed file works."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ..inputs import validate


@dataclass(frozen=True)
class Field:
    """One field of the format: its path without list indices (`principles.exceptions.rule`)."""

    path: str
    types: Tuple[str, ...]
    enum: Tuple[str, ...] = ()
    declared: Any = None         # the DeclaredField of the pack that adds it, if one does


def initiative_schema(ruleset: Any = None) -> Dict[str, Any]:
    """The initiative schema `idm check` validates against for this rule set: the format's, with
    the fields its packs declare when they declare any."""
    declared = getattr(ruleset, "fields", None)
    if declared:
        from ..inputs.fields import initiative_schema as with_declared
        return with_declared(declared)
    return validate.schema("initiative")


def known_fields(ruleset: Any = None) -> Dict[str, Field]:
    """Every field of an initiative, by path: the one list completion and hover read."""
    schema = initiative_schema(ruleset)
    declared = {f.path.replace("[]", ""): f for f in getattr(ruleset, "fields", None) or ()}
    return {p: Field(p, t, e, declared.get(p)) for p, (t, e) in _walk(schema, schema, "").items()}


def _resolve(node: Any, root: Mapping[str, Any]) -> List[Mapping[str, Any]]:
    """The object schemas a node stands for (through $ref and anyOf/oneOf/allOf)."""
    if not isinstance(node, Mapping):
        return []
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        return _resolve(target, root)
    out = [node]
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key) or ():
            out += _resolve(sub, root)
    return out


def _walk(node: Any, root: Mapping[str, Any], prefix: str
          ) -> Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]]:
    out: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {}
    if prefix.count(".") > 12:
        return out
    for part in _resolve(node, root):
        items = part.get("items")
        if items is not None:
            out.update(_walk(items, root, prefix))
        for name, sub in (part.get("properties") or {}).items():
            path = "%s.%s" % (prefix, name) if prefix else name
            types: List[str] = []
            enum: List[str] = []
            for s in _resolve(sub, root):
                t = s.get("type")
                types += [t] if isinstance(t, str) else list(t or ())
                enum += [str(v) for v in s.get("enum") or () if v is not None]
            out[path] = (tuple(sorted(set(types) - {"null"})), tuple(dict.fromkeys(enum)))
            out.update(_walk(sub, root, path))
    return out


def children(fields: Mapping[str, Field], parent: str) -> List[Field]:
    """The fields directly under `parent` ("" for the top level), in the format's order."""
    depth = parent.count(".") + 1 if parent else 0
    return [f for p, f in fields.items()
            if (p.startswith(parent + ".") if parent else True) and p.count(".") == depth]


_KEY = re.compile(r"^(\s*(?:-\s+)*)([^\s#:'\"-][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(\s|$)")


def _indent(line: str) -> Tuple[int, Optional[str], int]:
    """(column of the line's key, the key or None, where its value starts)."""
    m = _KEY.match(line)
    if m:
        return len(m.group(1)), m.group(2).strip("'\""), m.end()
    stripped = line.lstrip(" ")
    lead = len(line) - len(stripped)
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
        lead = len(line) - len(stripped)
    return lead, None, -1


@dataclass(frozen=True)
class Place:
    """Where the cursor is: the mapping it is in, and the key whose value it is on (if any)."""

    parent: str                 # path of the enclosing mapping, no list indices
    key: Optional[str]          # the key on the cursor's line, if the line has one
    in_value: bool              # after `key:` on the line
    prefix: str                 # the word typed before the cursor


def place_at(lines: Sequence[str], line: int, character: int) -> Place:
    """The place of the cursor at (`line`, `character`) (0-based) in a YAML block text."""
    current = lines[line] if 0 <= line < len(lines) else ""
    before = current[:character].ljust(character)
    col, key, value_at = _indent(current)
    in_value = key is not None and 0 <= value_at - 1 <= character
    word = re.search(r"[\w.\-]*$", before)
    prefix = word.group(0) if word else ""
    if key is None:
        col = len(before) - len(before.lstrip(" -")) if before.strip(" -") == prefix else col
    parts: List[str] = []
    need = col
    for j in range(min(line, len(lines)) - 1, -1, -1):
        text = lines[j]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        c, k, _ = _indent(text)
        if c < need and k is not None:
            parts.append(k)
            need = c
            if c == 0:
                break
        elif c < need:
            need = c
    return Place(".".join(reversed(parts)), key, in_value, prefix)


def strip_indices(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path)


def format_descriptions(root: Optional[str] = None) -> Dict[str, str]:
    """Field path -> the comment the annotated example of docs/initiative-format.md gives it (the
    format's own words); empty where idm is installed without its documentation."""
    root = root or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "docs", "initiative-format.md")
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return {}
    block = text.split("```yaml", 1)[1].split("```", 1)[0] if "```yaml" in text else ""
    lines = block.splitlines()
    out: Dict[str, str] = {}
    for i, raw in enumerate(lines):
        c, key, _ = _indent(raw)
        if key is None or "#" not in raw:
            continue
        place = place_at(lines, i, c)
        full = "%s.%s" % (place.parent, key) if place.parent else key
        out.setdefault(full, raw.split("#", 1)[1].strip())
    return out
