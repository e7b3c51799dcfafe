"""Calendar dates as idm reads them: exactly YYYY-MM-DD, on every Python version.

`datetime.date.fromisoformat` accepts `20991231`, `2099-W01-1` and other ISO 8601 forms from
Python 3.11 on, but not on 3.10, so a date that one CI runner accepts another would refuse.
Every date idm reads (--date, --before, dates in initiatives, rule packs, test files and the
project file, stored expiry dates) goes through `parse_date`.
"""
from __future__ import annotations

import datetime as _dt
import re

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_date(text: str) -> _dt.date:
    """The date `text` names; ValueError unless it is exactly YYYY-MM-DD and a real date."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        raise ValueError("%r is not a date YYYY-MM-DD" % (text,))
    return _dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))


def is_date(text: object) -> bool:
    """Whether `text` is a date YYYY-MM-DD (parse_date would accept it)."""
    try:
        parse_date(text)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True
