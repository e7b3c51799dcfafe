"""Hover, completion, code actions and definitions, as plain data (server.py sends them).

Every name offered or explained comes from what the engine loaded: the rule set's rules,
predicates, patterns and reference data, and the initiative schema with the packs' fields."""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..authoring.catalogue import rule_markdown
from ..i18n import catalogue
from ..inputs.loader import Document
from ..report import labels
from .fields import Field, children, format_descriptions, known_fields, place_at

_WORD = re.compile(r"[A-Za-z0-9_.\-]+")


def word_at(line: str, character: int) -> Tuple[str, int, int]:
    """The word (rule id, field or definition name) under the cursor, and its range."""
    for m in _WORD.finditer(line):
        if m.start() <= character <= m.end():
            return m.group(0), m.start(), m.end()
    return "", character, character


def _specs(ruleset: Any) -> Dict[str, Any]:
    return {s.id: s for s in ruleset.specs} if ruleset is not None else {}


def rule_hover(ruleset: Any, word: str, lang: str = "en") -> Optional[str]:
    """The rule `word`'s title, rationale, remediation and references in `lang`, in Markdown."""
    spec = _specs(ruleset).get(word)
    return rule_markdown(ruleset, spec, lang) if spec is not None else None


def field_hover(ruleset: Any, lines: Sequence[str], line: int, character: int,
                lang: str = "en") -> Optional[str]:
    """The description of the field whose key is under the cursor: the format's words for it,
    its type and allowed values; a declared field says so."""
    text = lines[line] if 0 <= line < len(lines) else ""
    place = place_at(lines, line, character)
    if place.key is None or character > text.index(place.key) + len(place.key):
        return None
    path = "%s.%s" % (place.parent, place.key) if place.parent else place.key
    f = known_fields(ruleset).get(path)
    if f is None:
        return None
    words = catalogue(lang)
    out = ["**%s**" % path]
    d = f.declared
    described = format_descriptions().get(path) if d is None else " — ".join(
        t for t in (labels.text(d.title, lang), labels.text(d.description, lang)) if t)
    if described:
        out.append(described)
    if f.types:
        out.append("%s: %s" % (words("lsp.hover_type"), ", ".join(f.types)))
    if f.enum:
        out.append("%s: %s" % (words("lsp.hover_values"), ", ".join(f.enum)))
    if d is not None:
        where = os.path.abspath(d.file) + (":%d:%d" % (d.line, d.column or 1) if d.line else "")
        out.append(words("lsp.hover_declared") % {"pack": d.pack, "where": where})
    return "\n\n".join(out)


@dataclass(frozen=True)
class Item:
    """One completion: its label, the text it inserts, and a short detail."""

    label: str
    insert: str
    detail: str = ""
    kind: str = "field"      # field, value, rule, name


def initiative_completions(ruleset: Any, lines: Sequence[str], line: int, character: int,
                           lang: str = "en") -> List[Item]:
    """Field names under the enclosing mapping, or the values of the field whose value is being
    typed: its enum, or rule ids for `principles.exceptions[].rule`."""
    place = place_at(lines, line, character)
    fields = known_fields(ruleset)
    if place.in_value and place.key is not None:
        path = "%s.%s" % (place.parent, place.key) if place.parent else place.key
        if path == "principles.exceptions.rule":
            return [Item(s.id, s.id, labels.text(s.rule.title, lang), "rule")
                    for s in sorted(_specs(ruleset).values(), key=lambda s: s.id)
                    if s.rule.waivable]
        f = fields.get(path)
        return [Item(v, v, path, "value") for v in (f.enum if f else ())]
    return [Item(f.path.rsplit(".", 1)[-1], f.path.rsplit(".", 1)[-1] + ": ", _detail(f), "field")
            for f in children(fields, place.parent)]


def _detail(f: Field) -> str:
    return " | ".join(f.enum) if f.enum else ", ".join(f.types)


# The keys of the rule language after which a name of the pack is written.
_NAME_KEYS = {"predicate": "predicates", "matches_pattern": "patterns", "on_list": "data",
              "data": "data"}


def pack_completions(ruleset: Any, lines: Sequence[str], line: int, character: int,
                     own: str = "") -> List[Item]:
    """Predicate, pattern and reference-data names after `predicate:`, `matches_pattern:`,
    `on_list:` and `data:` (those of the pack `own` unqualified, as its rules write them);
    field paths after `path:` and `at:`."""
    before = lines[line][:character] if 0 <= line < len(lines) else ""
    m = re.search(r"([A-Za-z_]+)\s*:\s*['\"]?[\w.\-]*$", before)
    if m is None or ruleset is None:
        return []
    key = m.group(1)
    defs = ruleset.defs
    if key in _NAME_KEYS:
        table = {"predicates": defs.predicates, "patterns": defs.patterns,
                 "data": defs.data}[_NAME_KEYS[key]]
        names = sorted(n[len(own) + 1:] if own and n.startswith(own + ".") else n
                       for n in table)
        return [Item(n, n, _NAME_KEYS[key][:-1] if key != "data" else "data", "name")
                for n in names]
    if key in ("path", "at", "for_each", "in"):
        return [Item(p, p, _detail(f), "field") for p, f in known_fields(ruleset).items()]
    return []


@dataclass(frozen=True)
class Edit:
    """A text edit: replace the 0-based range with `text`."""

    line: int
    character: int
    end_line: int
    end_character: int
    text: str


def exception_edit(doc: Optional[Document], text: str, rule: str,
                   today: Optional[str] = None) -> Edit:
    """Insert a comply-or-explain exception for `rule` (principles.exceptions) with its
    justification, approver and expiry date to fill in (expiring a year from today)."""
    day = _dt.date.fromisoformat(today) if today else _dt.date.today()
    expires = (day + _dt.timedelta(days=365)).isoformat()
    pos = doc.positions if doc is not None else {}
    lines = text.splitlines()

    def item(col: int) -> str:
        pad = " " * col
        return ("%s- rule: %s\n%s  justification: \"\"\n%s  approved_by: \"\"\n"
                "%s  expires: %s\n" % (pad, rule, pad, pad, pad, expires))

    if "principles.exceptions" in pos:
        _, col = pos["principles.exceptions"]
        under = [ln for p, (ln, _) in pos.items() if p.startswith("principles.exceptions")]
        first = pos.get("principles.exceptions[0]")
        dash = first[1] - 3 if first else col + 1
        at = max(under)
        return Edit(at, 0, at, 0, item(max(dash, 0)))
    if "principles" in pos:
        line, col = pos["principles"]
        inner = [c for p, (_, c) in pos.items() if p.startswith("principles.")]
        child = (min(inner) - 1) if inner else col + 1
        return Edit(line, 0, line, 0, " " * child + "exceptions:\n" + item(child + 2))
    if not text or text.endswith(("\n", "\r")):
        return Edit(len(lines), 0, len(lines), 0, "principles:\n  exceptions:\n" + item(4))
    end = len(lines) - 1      # after the last line, which has no line break yet
    return Edit(end, len(lines[end]), end, len(lines[end]),
                "\nprinciples:\n  exceptions:\n" + item(4))


def definition_in_packs(files: Sequence[str], section: str, name: str
                        ) -> Optional[Tuple[str, int, int]]:
    """(file, 0-based line, column) where `section` (predicates, patterns) defines `name`
    (unqualified or `pack.name`) in one of the pack files."""
    from ..inputs.loader import load_file
    short = name.rsplit(".", 1)[-1]
    for f in files:
        try:
            doc = load_file(f)
        except Exception:   # noqa: BLE001 - a file that does not load defines nothing
            continue
        where = doc.positions.get("%s.%s" % (section, short)) \
            or doc.positions.get("%s.%s" % (section, name))
        if where:
            return f, where[0] - 1, where[1] - 1
    return None


def field_definition(ruleset: Any, lines: Sequence[str], line: int, character: int
                     ) -> Optional[Tuple[str, int, int]]:
    """(file, 0-based line, column) where a pack declares the field whose key is under the
    cursor; None for a field of the format."""
    place = place_at(lines, line, character)
    if place.key is None:
        return None
    path = "%s.%s" % (place.parent, place.key) if place.parent else place.key
    f = known_fields(ruleset).get(path)
    d = f.declared if f is not None else None
    if d is None or not d.file:
        return None
    return d.file, (d.line or 1) - 1, (d.column or 1) - 1


def rule_definition(ruleset: Any, rule: str) -> Optional[Tuple[str, int, int]]:
    """(file, 0-based line, column) of the `id:` of rule `rule` in its pack file."""
    spec = _specs(ruleset).get(rule)
    if spec is None or not spec.rule.file or not os.path.isfile(spec.rule.file):
        return None
    try:
        with open(spec.rule.file, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return None
    m = re.search(r"^(\s*-?\s*)id:\s*['\"]?%s['\"]?\s*$" % re.escape(rule), text, re.MULTILINE)
    if m is None:
        return spec.rule.file, 0, 0
    line = text.count("\n", 0, m.start())
    return spec.rule.file, line, len(m.group(1))
