"""Fields declared by packs (docs/rule-language.md, "Fields declared by packs"): read from a
pack's manifest (`fields:` in pack.yaml) and from its RulePack files, checked, and merged into
the one `DeclaredFields` of a run, which validation and the rule language take as data."""
from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ..errors import InputError, Problem
from ..i18n import Text, said
from ..inputs import validate
from ..inputs.fields import (LIST_ITEMS, DeclaredField, DeclaredFields, object_at,
                             property_schema, split_at)
from .manifest import pack_text

Where = Callable[[str], Tuple[Optional[int], Optional[int]]]


@dataclass(frozen=True)
class Found:
    """One declaration as read, with where it is written (for errors)."""

    field: DeclaredField
    where: Where
    ypath: str                  # fields[i] in its file

    def problem(self, message: Text, suffix: str = "") -> Problem:
        ypath = self.ypath + suffix
        line, col = self.where(ypath)
        return Problem.of(self.field.file, message, line, col, ypath)


def declared(raw: Any, pack: str, pack_title: Mapping[str, str], file: str, where: Where
             ) -> Tuple[List[Found], List[Problem]]:
    """The declarations of one `fields:` list (already schema-checked for its shape); a pattern
    that does not compile or could backtrack without end is an error at the pattern."""
    out: List[Found] = []
    problems: List[Problem] = []
    for i, decl in enumerate(raw or []):
        if not isinstance(decl, dict):
            continue
        ypath = "fields[%d]" % i
        bad = _pattern_problems(decl.get("schema"), ypath + ".schema", file, where)
        if bad:
            problems += bad
            continue
        line, col = where(ypath)
        out.append(Found(DeclaredField(
            at=str(decl.get("at", "")), name=str(decl["name"]), schema=decl["schema"], pack=pack,
            title=pack_text(decl.get("title")), description=pack_text(decl.get("description")),
            pack_title=dict(pack_title) or {"en": pack, "nl": pack}, file=file, line=line,
            column=col), where, ypath))
    return out, problems


def _pattern_problems(schema: Any, ypath: str, file: str, where: Where) -> List[Problem]:
    """Patterns are checked like the rule language's regular expressions: a declared field is
    validated on every initiative of a portfolio."""
    from .language import Definitions, Parser
    out: List[Problem] = []
    if not isinstance(schema, dict):
        return out
    if "pattern" in schema:
        try:
            Parser(Definitions(), file, where).regex(schema["pattern"], ypath + ".pattern")
        except InputError as e:
            out.append(e.problem)
    for name, sub in (schema.get("properties") or {}).items():
        out += _pattern_problems(sub, "%s.properties.%s" % (ypath, name), file, where)
    for key in ("items", "additionalProperties"):
        out += _pattern_problems(schema.get(key), "%s.%s" % (ypath, key), file, where)
    return out


def resolve(found: Sequence[Found]) -> Tuple[DeclaredFields, List[Problem]]:
    """The run's declared fields: each `at` must name an object of the format or of another
    declared field; a field the format has is refused, and so is a second declaration of a
    field with another schema (the same schema twice is one field)."""
    base = copy.deepcopy(validate.schema("initiative"))    # the format alone, for "it has it"
    merged = copy.deepcopy(base)
    first: Dict[str, Found] = {}
    accepted: List[DeclaredField] = []
    problems: List[Problem] = []
    pending: List[Tuple[Found, str]] = [(f, "") for f in found]
    while pending:
        later: List[Tuple[Found, str]] = []
        for item, _ in pending:
            f = item.field
            parts = split_at(f.at)
            if parts is None:
                problems.append(item.problem(said("fields.bad_at", at=repr(f.at)), ".at"))
                continue
            node, why = object_at(merged, parts)
            if node is None:     # perhaps an object another declaration adds: try again after
                later.append((item, why))
                continue
            in_format, _ = object_at(base, parts)
            if in_format is not None and f.name in (in_format.get("properties") or {}):
                problems.append(item.problem(said("fields.in_format", path=f.path), ".name"))
            elif f.path in first:
                if not f.same_schema(first[f.path].field):
                    problems.append(item.problem(said("fields.conflict", path=f.path,
                                                      other=first[f.path].field.where),
                                                 ".schema"))
            else:
                first[f.path] = item
                accepted.append(f)
                node.setdefault("properties", {})[f.name] = property_schema(f)
        if len(later) == len(pending):
            for item, why in later:
                problems.append(_at_problem(item, why, merged))
            break
        pending = later
    return DeclaredFields(accepted), problems


def _at_problem(item: Found, why: str, merged: Dict[str, Any]) -> Problem:
    """Why `at` names no object: no such field (with "did you mean"), a list without `[]`, or
    a field that is not an object."""
    at = item.field.at
    if why == "list":
        return item.problem(said("fields.at_list", at=at, items=at + LIST_ITEMS), ".at")
    if why in ("not_object", "not_list"):
        return item.problem(said("fields.at_not_object", at=at), ".at")
    written = at.split(".")
    hint = None
    for n in range(1, len(written) + 1):    # the first name that is not there: its neighbours
        parent, _ = object_at(merged, split_at(".".join(written[:n - 1])) or [])
        name = written[n - 1][:-len(LIST_ITEMS)] if written[n - 1].endswith(LIST_ITEMS) \
            else written[n - 1]
        names = list((parent or {}).get("properties") or {})
        if parent is not None and name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            if close:
                hint = ".".join(written[:n - 1] + [close[0] + written[n - 1][len(name):]]
                                + written[n:])
            break
    from .language import did_you_mean
    return item.problem(said("fields.at_unknown", at=repr(at), hint=did_you_mean(hint)), ".at")
