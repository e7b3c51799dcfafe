"""`{data: NAME, item: "WCAG 2.1", present: true}`: whether a reference data set (its snapshot in
force) holds a named item, found by name or alias as the data set compares names, optionally
with `where: {attribute: A, OP: V}` on that item.  `present: false` holds when it does not.

It tests the data, not the initiative, so its outcome is known when the pack loads: it compiles
to a condition that always or never holds, which durable_rules combines with the rest of the
rule's condition (a rule whose data lacks the item never fires).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional

from ...i18n import said
from ..conditions import FALSE, TRUE, Emitter
from ..language import FieldType, Node, Parser, Path, Scope, Test
from .. import refdata
from . import _where

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
    ds = _where.data_set(parser, raw["data"], ypath + ".data")
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


def _selected(ds: "refdata.DataSet", where: "_where.Where") -> Any:
    return refdata.select(ds, where.attribute, where.op, where.value)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    arg: NamedItem = t.arg
    return TRUE if (arg.found == arg.present) != neg else FALSE


def explain(t: Test, w: Mapping[str, str]) -> str:
    arg: NamedItem = t.arg
    out = w["data_item" if arg.present else "data_item_absent"].format(d=arg.data,
                                                                         v=_where.literal(arg.item))
    return out + _where.words(arg.where, w, _where.literal)
