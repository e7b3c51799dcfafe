"""ISO 8601 durations as the rule language reads them (docs/rule-language.md, "Durations").

Only the date parts are allowed: years, months, weeks and days (`P1Y6M`, `P30D`, `P2W`); a time
part (`T...`) is refused, because no rule of ours is about hours.  Two meanings are needed:

- a *length* in days, to compare two durations: (years x 12 + months) x 30.4375 + weeks x 7 +
  days, so P1Y equals P12M and P6M (182.625 days) is longer than P180D;
- *calendar addition* to a date, for `older_than` and `within`: years and months first, clamped
  to the last day of the month (2024-02-29 + P1Y is 2025-02-28), then weeks and days.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Optional

from .dates import parse_date

DAYS_PER_MONTH = 30.4375      # 365.25 / 12: a year of months is exactly P1Y
_NUMBER = r"(\d+(?:\.\d+)?)"
_DURATION = re.compile(r"P(?!$)(?:%sY)?(?:%sM)?(?:%sW)?(?:%sD)?" % ((_NUMBER,) * 4))
# The schema's pattern for a duration field: the same grammar (JSON Schema regex dialect).
SCHEMA_PATTERN = r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?$"


@dataclass(frozen=True)
class Duration:
    years: float = 0
    months: float = 0
    weeks: float = 0
    days: float = 0
    text: str = ""

    @property
    def length(self) -> float:
        """Days, for comparing durations (integral values come out as int)."""
        value = (self.years * 12 + self.months) * DAYS_PER_MONTH + self.weeks * 7 + self.days
        return int(value) if float(value).is_integer() else value

    @property
    def whole(self) -> bool:
        return all(float(v).is_integer() for v in (self.years, self.months, self.weeks,
                                                    self.days))

    def after(self, day: _dt.date) -> _dt.date:
        """`day` plus this duration on the calendar (whole parts only, see `whole`)."""
        months = day.month - 1 + int(self.years) * 12 + int(self.months)
        year, month = day.year + months // 12, months % 12 + 1
        if not 1 <= year <= 9999:
            raise OverflowError("date out of range")
        last = calendar.monthrange(year, month)[1]
        moved = _dt.date(year, month, min(day.day, last))
        return moved + _dt.timedelta(days=int(self.weeks) * 7 + int(self.days))


def _number(text: Optional[str]) -> float:
    if text is None:
        return 0
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def parse(text: object) -> Optional[Duration]:
    """The duration `text` spells, or None (time parts, other text, not a string)."""
    if not isinstance(text, str):
        return None
    m = _DURATION.fullmatch(text.strip())
    if m is None:
        return None
    y, mo, w, d = (_number(g) for g in m.groups())
    return Duration(y, mo, w, d, text.strip())


def describe_problem(text: object) -> str:
    """Why `text` is not a duration, for lint and validation messages."""
    if isinstance(text, str) and re.match(r"\s*P[^T]*T", text):
        return "%r has a time part (T...), which a duration field does not allow; use days, " \
               "weeks, months or years such as P30D or P6M" % text
    return "%r is not an ISO 8601 duration such as P6M, P1Y6M or P30D" % (text,)


def date_plus(iso_date: str, duration: Duration) -> Optional[int]:
    """YYYYMMDD of `iso_date` plus `duration`, or None when it is not a date or out of range."""
    try:
        day = parse_date(iso_date)
        return int(duration.after(day).strftime("%Y%m%d"))
    except (ValueError, OverflowError, TypeError):
        return None
