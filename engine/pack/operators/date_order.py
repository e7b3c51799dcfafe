"""`before` and `after`: a date strictly before / after today, a date literal or another date."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ...i18n import said
from ..conditions import DURABLE_CMP, FLIP, Emitter, date_number, negated
from ..language import FieldTest, Test, date_literal, kind_words
from ..transforms import of_value

ORDER = 60
KEYWORDS = ("before", "after")
OPS = ("before", "after")
SINGLE_VALUE = True
WORDS = ("before", "after", "today")
DOC = """
| `before`, `after: today` | P is a present date strictly before / after the evaluation date (`--date`); a date literal or `{path: Q}` (another date field) works too |
"""


def parse(f: FieldTest) -> Test:
    op, arg = f.key, f.arg
    if f.ftype.kind != "date":
        raise f.fail(said("rulelang.dates_only", op=op, path=str(f.path),
                          type=kind_words(f.ftype)))
    if isinstance(arg, dict):
        ref = f.parser.ref(arg, f.ypath, f.scope)
        if ref.ftype.kind != "date" or ref.times is not None:
            raise f.fail(said("rulelang.date_field", op=op, form="{path: FIELD}",
                              path=str(ref.path),
                              type=kind_words(ref.ftype)))
        # a comparison of two fields: compiled and explained as lt / gt
        return Test(f.path, f.ftype, "lt" if op == "before" else "gt", ref, f.default)
    if arg != "today":
        arg = date_literal(arg)
        if arg is None:
            raise f.fail(said("rulelang.date_value", op=op, form="{path: FIELD}"))
    return Test(f.path, f.ftype, op, arg, f.default)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    n = e.name(t.path, of_value(t))
    day = e.today if t.arg == "today" else date_number(t.arg)
    cmp = {"before": "lt", "after": "gt"}[t.op]
    out = {DURABLE_CMP[FLIP[cmp] if neg else cmp]: {n: day}}
    return negated(n, out, neg)


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    return w[t.op].format(p=t.path, v=operand())
