"""`lt`, `le`, `gt`, `ge`: order of numbers, dates, durations or ranks, with a literal or a field."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ... import durations
from ...i18n import said
from ..conditions import DURABLE_CMP, FLIP, Emitter, negated
from ..language import FieldTest, Ref, Test, date_literal, kind_words
from ..transforms import of_value

ORDER = 50
KEYWORDS = ("lt", "le", "gt", "ge")
OPS = ("lt", "le", "gt", "ge")
SINGLE_VALUE = True
WORDS = ("lt", "le", "gt", "ge", "times", "today")
DOC = """
| `lt`, `le`, `gt`, `ge: N` | P is a present number and compares so with N |
| `lt`, `le`, `gt`, `ge: D` on a date | P is a present date and compares so with D: a date `2026-01-01` or `today` (the evaluation date) |
| `lt`, `le`, `gt`, `ge: P6M` on a duration | P is a present duration and compares so by length with the duration (below) |
| `lt`, `le`, `gt`, `ge: {path: Q}` | compare with another field Q of the same document (numbers, dates, durations, ranks); both present |
"""


def parse(f: FieldTest) -> Test:
    op, arg, ftype, path, scale = f.key, f.arg, f.ftype, f.path, f.scale
    if isinstance(arg, dict):
        ref = f.parser.ref(arg, f.ypath, f.scope)
        left = scale is not None or ftype.numeric or ftype.kind in ("date", "duration")
        if not left:
            raise f.fail(said("rulelang.compare_kinds", op=op, path=str(path),
                              type=kind_words(ftype)))
        if scale is None and ref.ftype.kind != ftype.kind and not \
                (ref.ftype.numeric and ftype.numeric):
            raise f.fail(said("rulelang.cannot_compare", path=str(path), type=kind_words(ftype),
                              other=str(ref.path), other_type=kind_words(ref.ftype)))
        return Test(path, ftype, op, ref, f.default, False, scale)
    if scale is not None:
        f.parser.literal_fits(arg, ftype, path, f.ypath, scale)
    elif ftype.kind == "date":
        if arg != "today":
            arg = date_literal(arg)
            if arg is None:
                raise f.fail(said("rulelang.compare_date", op=op))
    elif ftype.kind == "duration":
        d = durations.parse(arg)
        if d is None:
            raise f.fail(said("rulelang.compare_duration", op=op,
                              problem=durations.describe_problem(arg)))
        arg = d.text
    elif not ftype.numeric:
        raise f.fail(said("rulelang.compare_number_field", op=op, path=str(path),
                          type=kind_words(ftype)))
    elif isinstance(arg, bool) or not isinstance(arg, (int, float)):
        raise f.fail(said("rulelang.compare_number", op=op, found=repr(arg)))
    return Test(path, ftype, op, arg, f.default, False, scale)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    n = e.name(t.path, of_value(t))
    cmp_op = DURABLE_CMP[FLIP[t.op] if neg else t.op]
    if isinstance(t.arg, Ref):
        return e.compare_field(t, n, cmp_op, neg)
    return negated(n, {cmp_op: {n: e.literal(t, t.arg)}}, neg)


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    return w[t.op].format(p=t.path, v=operand())
