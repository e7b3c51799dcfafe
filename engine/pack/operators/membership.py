"""`in: [V, ...]` and `not_in: [V, ...]`: whether the value is one of a list of literals."""
from __future__ import annotations

from typing import Any, Callable, Mapping, Tuple

from ...i18n import said
from ..conditions import Emitter, negated
from ..language import FieldTest, Test
from ..transforms import of_value

ORDER = 30
KEYWORDS = ("in", "not_in")
OPS = ("in", "not_in")
SINGLE_VALUE = True
WORDS = ("in", "not_in")
DOC = """
| `in: [V, ...]` | P is present and equals one of the values |
| `not_in: [V, ...]` | P is present and equals none of them |
"""


def parse(f: FieldTest) -> Test:
    if not isinstance(f.arg, list) or not f.arg:
        raise f.fail(said("rulelang.needs_values", op=f.key))
    for i, v in enumerate(f.arg):
        f.parser.literal_fits(v, f.ftype, f.path, "%s[%d]" % (f.ypath, i), f.scale, f.normalised)
    return Test(f.path, f.ftype, f.key, tuple(f.arg), f.default, f.normalised, f.scale)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    e.name(t.path, of_value(t))
    return one_of(e, t, t.arg, t.op == "in", neg)


def one_of(e: Emitter, t: Test, values: Tuple[Any, ...], member: bool, neg: bool) -> Any:
    """The value is (member) or is not one of `values` (literals of the rule); negated, also
    when it is missing."""
    literals = tuple(e.literal(t, v) for v in values)
    n, is_member = e.member_name(t.path, of_value(t), literals)
    return negated(n, is_member(member != neg), neg)


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    return w[t.op].format(p=t.path, v=operand())
