"""`present: true|false` and `missing: true|false`: whether the field has a value."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ...i18n import said
from ..conditions import FALSE, TRUE, Emitter, absent, present
from ..language import FieldTest, Test
from ..transforms import VALUE

ORDER = 10
KEYWORDS = ("present", "missing")
OPS = ("present", "missing")
SINGLE_VALUE = False
WORDS = ("present", "missing")
DOC = """
| `present: true` | P is present (not absent, null or empty) |
| `missing: true` (or `present: false`) | P is absent, null or empty |
"""


def parse(f: FieldTest) -> Test:
    if not isinstance(f.arg, bool):
        raise f.fail(said("rulelang.true_or_false", op=f.key))
    op = f.key if f.arg else ("missing" if f.key == "present" else "present")
    return Test(f.path, f.ftype, op, None, f.default)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    n = e.name(t.path, VALUE)
    want_present = (t.op == "present") != neg
    if t.default is not None:       # never missing: the default stands in
        return TRUE if want_present else FALSE
    return present(n) if want_present else absent(n)


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    return w[t.op].format(p=t.path)
