"""`on_list: NAME` or `{data: NAME, status: S}`: the text names an item of a reference data set.

It is an `in` test, compared normalised, whose values come from the data set when the pack is
loaded, so a new snapshot of the data changes what the rule accepts without a change to the rule;
it is compiled and explained as that `in` test (engine.pack.operators.membership).
"""
from __future__ import annotations

import difflib

from ...i18n import said
from ..language import FieldTest, Test, did_you_mean
from . import membership

ORDER = 100
KEYWORDS = ("on_list",)
OPS = ()                    # parsed into an `in` test
SINGLE_VALUE = True
WORDS = ()                  # explained as `in`
DOC = """
| `on_list: NAME` (or `{data: NAME, status: S}`) | P is present text that, compared normalised, is the name or an alias of an item of the reference data set NAME (of status S); see [Reference data](#reference-data) |
"""
compile = membership.compile
explain = membership.explain


def parse(f: FieldTest) -> Test:
    arg, data = f.arg, f.parser.defs.data
    status = None
    if isinstance(arg, dict):
        extra = set(arg) - {"data", "status"}
        if "data" not in arg or extra:
            raise f.fail(said("rulelang.on_list_form", form="{data: NAME, status: S}"))
        name, status = arg["data"], arg.get("status")
    else:
        name = arg
    ds = data.get(name) if isinstance(name, str) else None
    if ds is None:
        hint = difflib.get_close_matches(str(name), list(data), n=1)
        raise f.fail(said("rulelang.unknown_data", name=repr(name),
                          hint=did_you_mean(hint[0]) if hint else said(
                              "rulelang.loaded", names=", ".join(sorted(data))
                              or said("rulelang.none"))))
    if status is not None and status not in ds.statuses():
        raise f.parser.fail(f.ypath + ".status", said(
            "rulelang.unknown_status", status=repr(status), name=name,
            statuses=", ".join(ds.statuses()) or said("rulelang.none")))
    f.parser.need_text(f.ftype, f.path, f.ypath, "on_list")
    if f.ftype.enum:
        raise f.fail(said("rulelang.on_list_enum", path=str(f.path),
                          values=", ".join(f.ftype.enum)))
    values = ds.names(status)
    if not values:
        raise f.fail(said("rulelang.data_empty", name=name) if status is None else
                     said("rulelang.data_empty_status", name=name, status=status))
    return Test(f.path, f.ftype, "in", values, f.default, True)
