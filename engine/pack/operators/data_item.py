"""`{data: NAME, item: "WCAG 2.1", present: true}`: whether a reference data set (its snapshot in
force) holds a named item, found by name or alias as the data set compares names, optionally
with `where: {attribute: A, OP: V}` on that item.  `present: false` holds when it does not.

It tests the data, not the initiative, so its outcome is known when the pack loads: it compiles
to a condition that always or never holds, which durable_rules combines with the rest of the
rule's condition (a rule whose data lacks the item never fires).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional

from ...i18n import said
from ..conditions import FALSE, TRUE, Emitter
from ..language import FieldType, Node, Parser, Path, Scope, Test
from . import _where
from .on_list import _literal, data_set

ORDER = 110
KEYWORDS = ()               # a condition of its own (`data:` instead of `path:`)
OPS = ("data_item",)
SINGLE_VALUE = False
WORDS = ("data_item", "data_item_absent", "on_list_where")
DOC = """
| `{data: NAME, item: "X", present: true}` (no `path:`) | the reference data set NAME holds an item named X (by name or alias, compared as the data set says); `present: false`: it does not; optional `where: {attribute: A, equals: V}` on that item |
"""
FORM = "{data: NAME, item: \"ITEM\", present: true}"


@dataclass(frozen=True)
class NamedItem:
    data: str
    item: str
    present: bool
    found: bool                     # the data set holds it (and it passes `where`)
    where: Optional[_where.Where] = None


def parse_condition(parser: Parser, raw: Dict[str, Any], ypath: str, scope: Scope) -> Node:
    extra = sorted(set(raw) - {"data", "item", "present", "where"})
    if extra or "item" not in raw:
        raise parser.fail("%s.%s" % (ypath, extra[0]) if extra else ypath,
                          said("refdata.item_form", form=FORM))
    ds = data_set(parser, raw["data"], ypath + ".data")
    item = raw["item"]
    if not isinstance(item, str) or not item.strip():
        raise parser.fail(ypath + ".item", said("refdata.item_form", form=FORM))
    present = raw.get("present", True)
    if not isinstance(present, bool):
        raise parser.fail(ypath + ".present", said("refdata.item_form", form=FORM))
    where = None if raw.get("where") is None else \
        _where.parse(parser, ds, raw["where"], ypath + ".where", scope)
    found = ds.find(item)
    holds = found is not None and (where is None or found in _selected(ds, where))
    return Test(Path(None, (), "data:" + ds.name), FieldType("any"), "data_item",
                NamedItem(ds.name, item, present, holds, where), None, False, None,
                where.params if where is not None else ())


def _selected(ds: Any, where: "_where.Where") -> Any:
    from ..refdata import select
    return select(ds, where.attribute, where.op, where.value)


def parse(f: Any) -> Test:          # pragma: no cover - not a field test (KEYWORDS is empty)
    raise f.fail(said("refdata.item_form", form=FORM))


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    arg: NamedItem = t.arg
    return TRUE if (arg.found == arg.present) != neg else FALSE


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    arg: NamedItem = t.arg
    out = w["data_item" if arg.present else "data_item_absent"].format(d=arg.data,
                                                                         v=_literal(arg.item))
    return out + _where.words(arg.where, w, _literal)
