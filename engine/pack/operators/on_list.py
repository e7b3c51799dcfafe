"""`on_list: NAME` (or `{data: NAME, status: S}`), optionally with `where: {attribute: A, OP: V}`
beside it: the text names an item of a reference data set (of that status, or whose attribute
passes the test).

The values come from the data set when the pack is loaded, so a new snapshot of the data changes
what the rule accepts without a change to the rule.  A test of a data set compared the default
way (case and whitespace) without `where` is the `in` test it always was, compiled and explained
as that (engine.pack.operators.membership).  Otherwise it is an `on_list` test: the projection
gives the value as the data set compares names (transforms.ListKey) and durable_rules tests it
against the compared names and aliases of the selected items.  Which items an attribute test
selects depends on the data alone, so it is decided when the pack loads (as `status:` is).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional, Tuple

from ...i18n import said
from ...textnorm import DEFAULT_NORMALISE
from ..conditions import Emitter, negated
from ..language import FieldTest, Test
from .. import refdata
from ..transforms import NORMALISED, ListKey, with_default
from .. import refconditions as rc

ORDER = 100
KEYWORDS = ("on_list",)
OPS = ("on_list", "data_item")   # the default form is parsed into an `in` test
SINGLE_VALUE = True
WORDS = ("on_list", "on_list_where", "match", "data_item", "data_item_absent") + \
    refdata.WHERE_OPS
DOC = """
| `on_list: NAME` (or `{data: NAME, status: S}`) | P is present text that, compared as the data set says (`match.normalise`; default: case and whitespace), is the name or an alias of an item of the reference data set NAME (of status S); see [Reference data](#reference-data) |
| `on_list: NAME` with `where: {attribute: A, equals: V}` | as `on_list`, and the item's attribute A passes the test (`equals`, `not_equals`, `in`, `not_in`; `lt`, `le`, `gt`, `ge` on numbers, dates and durations; `before`, `after` on dates) |
| `{data: NAME, item: "X", present: true}` (a condition of its own, no `path:`) | the reference data set NAME holds an item named X (by name or alias, compared as the data set says); `present: false`: it holds none; optional `where: {attribute: A, equals: V}` on that item |
"""


@dataclass(frozen=True)
class ListTest:
    """The argument of an `on_list` test: the data set, how it compares names, the compared
    names and aliases of the items the test accepts, and the attribute test that chose them."""

    data: str
    modes: Tuple[str, ...]
    keys: Tuple[str, ...]
    where: Optional[rc.Where] = None


def parse(f: FieldTest) -> Test:
    arg = f.arg
    status, where = None, f.where
    if isinstance(arg, dict):
        extra = set(arg) - {"data", "status", "where"}
        if "data" not in arg or extra:
            raise f.fail(said("rulelang.on_list_form", form="{data: NAME, status: S}"))
        name, status = arg["data"], arg.get("status")
        where = arg.get("where", where)
        wpath = f.ypath + ".where" if "where" in arg else f.ypath.rsplit(".", 1)[0] + ".where"
    else:
        name = arg
        wpath = f.ypath.rsplit(".", 1)[0] + ".where"
    ds = rc.data_set(f.parser, name, f.ypath)
    if status is not None and status not in ds.statuses():
        raise f.parser.fail(f.ypath + ".status", said(
            "rulelang.unknown_status", status=repr(status), name=name,
            statuses=", ".join(ds.statuses()) or said("rulelang.none")))
    f.parser.need_text(f.ftype, f.path, f.ypath, "on_list")
    if f.ftype.enum:
        raise f.fail(said("rulelang.on_list_enum", path=str(f.path),
                          values=", ".join(f.ftype.enum)))
    test = None if where is None else rc.parse_where(f.parser, ds, where, wpath, f.scope)
    if test is None and ds.default_match:
        values = ds.names(status)
        if not values:
            raise f.fail(said("rulelang.data_empty", name=name) if status is None else
                         said("rulelang.data_empty_status", name=name, status=status))
        return Test(f.path, f.ftype, "in", values, f.default, True)
    items = tuple(i for i in ds.items if status is None or i.status == status)
    if test is not None:
        chosen = set(refdata.select(ds, test.attribute, test.op, test.value))
        items = tuple(i for i in items if i in chosen)
    return Test(f.path, f.ftype, "on_list", ListTest(ds.name, ds.modes, ds.keys(items), test),
                f.default, False, None, test.params if test is not None else ())


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    if t.op == "data_item":
        return rc.compile_named_item(e, t, neg)
    arg: ListTest = t.arg
    default_modes = set(arg.modes) == set(DEFAULT_NORMALISE)
    transform = with_default(NORMALISED if default_modes else ListKey(arg.modes), t.default)
    e.name(t.path, transform)
    n, is_member = e.member_name(t.path, transform, arg.keys)
    return negated(n, is_member(not neg), neg)


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    if t.op == "data_item":
        return rc.explain_named_item(t, w)
    arg: ListTest = t.arg
    out = w["on_list"].format(p=t.path, d=arg.data)
    out += rc.where_words(arg.where, w)
    if set(arg.modes) != set(DEFAULT_NORMALISE):
        out += w["match"].format(m=", ".join(arg.modes) or "-")
    return out
