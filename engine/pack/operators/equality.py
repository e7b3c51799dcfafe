"""`equals: V` and `not_equals: V`: the value compared with a literal or another field."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ...i18n import said
from ..conditions import Emitter
from ..language import FieldTest, Ref, Test
from ..transforms import of_value
from .membership import one_of

ORDER = 20
KEYWORDS = ("equals", "not_equals")
OPS = ("equals", "not_equals")
SINGLE_VALUE = True
WORDS = ("equals", "not_equals")
DOC = """
| `equals: V` | P is present and equals V (`true`, a number, a string) |
| `not_equals: V` | P is present and differs from V (a missing P does not match) |
"""


def parse(f: FieldTest) -> Test:
    if isinstance(f.arg, dict):
        ref = f.parser.ref(f.arg, f.ypath, f.scope)
        if ref.times is not None:
            raise f.fail(said("rulelang.times_only"))
        return Test(f.path, f.ftype, f.key, ref, f.default, f.normalised, f.scale)
    if isinstance(f.arg, list):
        raise f.fail(said("rulelang.one_value", op=f.key))
    f.parser.literal_fits(f.arg, f.ftype, f.path, f.ypath, f.scale, f.normalised)
    return Test(f.path, f.ftype, f.key, f.arg, f.default, f.normalised, f.scale)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    n = e.name(t.path, of_value(t))
    if isinstance(t.arg, Ref):
        equal = (t.op == "equals") != neg
        return e.compare_field(t, n, "$eq" if equal else "$neq", neg)
    return one_of(e, t, (t.arg,), t.op == "equals", neg)


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    return w[t.op].format(p=t.path, v=operand())
