"""ISO 8601 durations: their length for comparisons and calendar addition for relative dates."""
from __future__ import annotations

import datetime as dt

import pytest

from idm.engine import durations


@pytest.mark.parametrize("text,days", [
    ("P1Y", 365.25), ("P12M", 365.25), ("P6M", 182.625), ("P180D", 180), ("P2W", 14),
    ("P1Y6M", 547.875), ("P1W3D", 10), ("P0D", 0), ("P1.5Y", 547.875)])
def test_length_in_days(text, days):
    assert durations.parse(text).length == days


def test_a_year_equals_twelve_months_and_six_months_exceed_180_days():
    assert durations.parse("P1Y").length == durations.parse("P12M").length
    assert durations.parse("P6M").length > durations.parse("P180D").length


@pytest.mark.parametrize("text", ["PT5H", "P1DT2H", "P", "6M", "P-1Y", "p6m", "", 7, None])
def test_not_a_duration(text):
    assert durations.parse(text) is None


def test_a_time_part_is_named_in_the_message():
    assert "time part" in durations.describe_problem("P1DT2H")
    assert "not an ISO 8601 duration" in durations.describe_problem("six months")


@pytest.mark.parametrize("start,text,end", [
    ("2024-01-31", "P1M", "2024-02-29"),       # clamped to the last day of the month
    ("2024-02-29", "P1Y", "2025-02-28"),
    ("2023-11-30", "P3M", "2024-02-29"),
    ("2023-11-22", "P3Y", "2026-11-22"),
    ("2026-10-23", "P30D", "2026-11-22"),
    ("2026-01-31", "P1M1D", "2026-03-01"),     # months first, then days
    ("2026-01-01", "P2W", "2026-01-15"),
])
def test_calendar_addition(start, text, end):
    got = durations.parse(text).after(dt.date.fromisoformat(start))
    assert got.isoformat() == end
    assert durations.date_plus(start, durations.parse(text)) == int(end.replace("-", ""))


def test_addition_out_of_range_is_none():
    assert durations.date_plus("9999-12-01", durations.parse("P1Y")) is None
