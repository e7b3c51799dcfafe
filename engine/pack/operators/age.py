"""`older_than: D` and `within: D`: a date measured against the evaluation date, on the calendar."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ... import durations
from ...i18n import said
from ..conditions import Emitter, absent, combine, negated
from ..language import FieldTest, Test, kind_words
from ..transforms import DATE, PlusDuration, with_default

ORDER = 70
KEYWORDS = ("older_than", "within")
OPS = ("older_than", "within")
SINGLE_VALUE = True
WORDS = ("older_than", "within")
DOC = """
| `older_than: P3Y` | P is a present date and P plus the duration is strictly before the evaluation date |
| `within: P30D` | P is a present date on or before the evaluation date, and P plus the duration is on or after it |
"""


def parse(f: FieldTest) -> Test:
    op = f.key
    if f.ftype.kind != "date":
        raise f.fail(said("rulelang.age_needs_date", op=op, path=str(f.path),
                          type=kind_words(f.ftype)))
    d = durations.parse(f.arg)
    if d is None:
        raise f.fail(said("rulelang.age_duration", op=op,
                          problem=durations.describe_problem(f.arg)))
    if not d.whole:
        raise f.fail(said("rulelang.age_whole", op=op, found=repr(f.arg)))
    return Test(f.path, f.ftype, op, d.text, f.default)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    # The projection adds the duration to the date on the calendar (PlusDuration); durable_rules
    # compares both with the evaluation date.
    n = e.name(t.path, with_default(DATE, t.default))
    plus = e.name(t.path, with_default(PlusDuration(t.arg), t.default))
    if t.op == "older_than":                    # date + D < today
        return negated(plus, {"$gte" if neg else "$lt": {plus: e.today}}, neg)
    if neg:                                     # date > today or date + D < today
        return combine(False, [absent(n), absent(plus),
                               {"$gt": {n: e.today}}, {"$lt": {plus: e.today}}])
    return combine(True, [{"$lte": {n: e.today}}, {"$gte": {plus: e.today}}])


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    return w[t.op].format(p=t.path, v=operand())
