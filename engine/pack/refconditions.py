"""The reference data conditions beside `on_list` (docs/rule-language.md, "Reference data").

- The attribute test `where: {attribute: A, OP: V}`, beside `on_list` or in a named-item test:
  parsed and checked against the data set's declared attributes here; the items it selects are
  the data set's (refdata.select), decided when the pack loads.
- The named-item test `{data: NAME, item: "WCAG 2.1", present: true}`: whether the data set's
  snapshot in force holds an item, found by name or alias as the data set compares names,
  optionally passing a `where`.  `present: false` holds when it does not.  It tests the data, not
  the initiative, so its outcome is known when the pack loads: it compiles to a condition that
  always or never holds, which durable_rules combines with the rest of the rule's condition.

The `on_list` operator (operators/on_list.py) owns the test operators `on_list` and `data_item`
and compiles and explains both through this module.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ..i18n import said
from . import refdata
from .conditions import FALSE, TRUE, Emitter
from .language import FieldType, Node, Parser, Path, Scope, Test, did_you_mean


@dataclass(frozen=True)
class Where:
    attribute: str
    op: str                         # one of refdata.WHERE_OPS
    value: Any                      # a tuple for in / not_in
    params: Tuple[Tuple[str, Any], ...] = ()


def parse_where(parser: Parser, ds: "refdata.DataSet", raw: Any, ypath: str, scope: Scope
                ) -> Where:
    """`raw` (the mapping under `where:`) checked: a declared attribute, one comparison that
    fits its type, values among its allowed ones."""
    form = "{attribute: NAME, equals: VALUE}"
    if not isinstance(raw, dict) or "attribute" not in raw:
        raise parser.fail(ypath, said("refdata.where_form", form=form))
    ops = [k for k in raw if k != "attribute"]
    unknown = [k for k in ops if k not in refdata.WHERE_OPS]
    if unknown:
        hint = difflib.get_close_matches(unknown[0], refdata.WHERE_OPS, n=1)
        raise parser.fail("%s.%s" % (ypath, unknown[0]), said(
            "refdata.where_op", op=repr(unknown[0]), ops=", ".join(refdata.WHERE_OPS),
            hint=did_you_mean(hint[0] if hint else None)))
    if len(ops) != 1:
        raise parser.fail(ypath, said("refdata.where_form", form=form))
    name, op = raw["attribute"], ops[0]
    attribute = ds.attribute(name) if isinstance(name, str) else None
    if attribute is None:
        names = [a.name for a in ds.attributes]
        hint = difflib.get_close_matches(str(name), names, n=1)
        raise parser.fail(ypath + ".attribute", said(
            "refdata.unknown_attribute_of", name=repr(name), data=ds.name,
            hint=did_you_mean(hint[0] if hint else None),
            declared=", ".join(names) or said("rulelang.none")))
    opath = "%s.%s" % (ypath, op)
    used: List[Tuple[str, Any]] = []
    value = parser.resolve_params(raw[op], opath, scope, used)
    kind = attribute.kind
    if op in refdata.ORDERING and (kind not in ("number", "date", "duration") or
                                   (op in ("before", "after") and kind != "date")):
        raise parser.fail(opath, said("refdata.where_order", op=op, name=repr(name),
                                      type=attribute.expected()))
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise parser.fail(opath, said("rulelang.needs_values", op=op))
        for i, v in enumerate(value):
            _fits(parser, attribute, v, "%s[%d]" % (opath, i))
        value = tuple(refdata.plain(v) for v in value)
    else:
        _fits(parser, attribute, value, opath)
        value = refdata.plain(value)
    return Where(name, op, value, tuple((n, tuple(v) if isinstance(v, list) else v)
                                        for n, v in used))


def _fits(parser: Parser, attribute: "refdata.Attribute", value: Any, ypath: str) -> None:
    if attribute.problem(value) is None:
        return
    hint: Optional[str] = None
    if attribute.enum:
        close = difflib.get_close_matches(str(value), [str(v) for v in attribute.enum], n=1)
        hint = close[0] if close else None
    raise parser.fail(ypath, said("refdata.bad_value", value=repr(refdata.plain(value)),
                                  name=repr(attribute.name), expected=attribute.expected(),
                                  hint=did_you_mean(hint)))


def where_words(where: Optional[Where], w: Any) -> str:
    """The attribute test in words (" where status equals 'verplicht'"), or nothing."""
    if where is None:
        return ""
    text = w[where.op].format(p=where.attribute, v=literal(where.value))
    return w["on_list_where"].format(t=text)


def data_set(parser: Parser, name: Any, ypath: str) -> "refdata.DataSet":
    """The data set a test names, or an error with a hint."""
    data = parser.defs.data
    ds = refdata.lookup(data, name, parser.pack)
    if ds is None:
        hint = difflib.get_close_matches(str(name), list(data), n=1)
        raise parser.fail(ypath, said("rulelang.unknown_data", name=repr(name),
                                      hint=did_you_mean(hint[0]) if hint else said(
                                          "rulelang.loaded", names=", ".join(sorted(data))
                                          or said("rulelang.none"))))
    return ds


def literal(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(literal(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "'%s'" % value if isinstance(value, str) else str(value)


FORM = "{data: NAME, item: \"ITEM\", present: true}"


@dataclass(frozen=True)
class NamedItem:
    data: str
    item: str
    present: bool
    found: bool                     # the data set holds it (and it passes `where`)
    where: Optional[Where] = None


def parse_named_item(parser: Parser, raw: Dict[str, Any], ypath: str, scope: Scope) -> Node:
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
        parse_where(parser, ds, raw["where"], ypath + ".where", scope)
    found = ds.find(item)
    holds = found is not None and (where is None or found in refdata.select(ds, where.attribute, where.op,
                                                                     where.value))
    return Test(Path(None, (), "data:" + ds.name), FieldType("any"), "data_item",
                NamedItem(ds.name, item, present, holds, where), None, False, None,
                where.params if where is not None else ())


def compile_named_item(e: Emitter, t: Test, neg: bool) -> Any:
    arg: NamedItem = t.arg
    return TRUE if (arg.found == arg.present) != neg else FALSE


def explain_named_item(t: Test, w: Mapping[str, str]) -> str:
    arg: NamedItem = t.arg
    key = "data_item" if arg.present else "data_item_absent"
    out = w[key].format(d=arg.data, v=literal(arg.item))
    return out + where_words(arg.where, w)
