"""`due_within: D`: a date from the evaluation date up to D ahead of it, on the calendar (an
exception or a condition that is about to lapse)."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ... import durations
from ..conditions import Emitter, absent, combine
from ..language import Test
from ..transforms import DATE, with_default
from .age import parse   # noqa: F401 - the same checks: a date field and a whole duration

ORDER = 75
KEYWORDS = ("due_within",)
OPS = ("due_within",)
SINGLE_VALUE = True
WORDS = ("due_within",)
DOC = """
| `due_within: P30D` | P is a present date on or after the evaluation date, and at most the duration after it |
"""


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    # The last day is the evaluation date plus the duration, a constant of this compile (one
    # compile per evaluation date).
    n = e.name(t.path, with_default(DATE, t.default))
    today = "%04d-%02d-%02d" % (e.today // 10000, e.today // 100 % 100, e.today % 100)
    last = durations.date_plus(today, durations.parse(t.arg))
    if neg:
        return combine(False, [absent(n), {"$lt": {n: e.today}}, {"$gt": {n: last}}])
    return combine(True, [{"$gte": {n: e.today}}, {"$lte": {n: last}}])


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    return w[t.op].format(p=t.path, v=operand())
