"""`count: {ge: N}`: the number of present items of a list compared with a whole number."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ...i18n import said
from ..conditions import DURABLE_CMP, FLIP, Emitter
from ..language import FieldTest, Test, kind_words
from ..transforms import COUNT

ORDER = 80
KEYWORDS = ("count",)
OPS = ("count",)
SINGLE_VALUE = False
WORDS = ("count", "count_equals", "count_lt", "count_le", "count_gt", "count_ge")
DOC = """
| `count: {ge: N}` (`lt`, `le`, `gt`, `ge`, `equals`) | the number of present items of list P compares so (0 when P is missing) |
"""
COMPARISONS = ("lt", "le", "gt", "ge", "equals")


def parse(f: FieldTest) -> Test:
    if f.ftype.kind != "array":
        raise f.fail(said("rulelang.count_list", path=str(f.path), type=kind_words(f.ftype)))
    if not isinstance(f.arg, dict) or len(f.arg) != 1:
        raise f.fail(said("rulelang.count_form"))
    (sub, n), = f.arg.items()
    if sub not in COMPARISONS or isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise f.fail(said("rulelang.count_number"))
    return Test(f.path, f.ftype, "count", (sub, n))


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    n = e.name(t.path, COUNT)           # always present: 0 for a missing list
    sub, k = t.arg
    if sub == "equals":
        return {"$neq": {n: k}} if neg else {n: k}
    return {DURABLE_CMP[FLIP[sub] if neg else sub]: {n: k}}


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    sub, n = t.arg
    return w["count"].format(p=t.path, v=w["count_" + sub].format(n=n))
