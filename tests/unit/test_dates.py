"""`add_months`: the one calendar month arithmetic of the domain (issue 16)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.dates import add_months

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
MONTHS = st.integers(min_value=-1200, max_value=1200)


@given(DAYS, MONTHS)
def test_the_result_lies_that_many_calendar_months_away_on_the_same_day_or_the_months_last(
        start: date, months: int) -> None:
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day == min(start.day, monthrange(moved.year, moved.month)[1])


@given(DAYS, MONTHS)
def test_a_day_every_month_has_comes_back_unchanged(start: date, months: int) -> None:
    start = start.replace(day=min(start.day, 28))
    assert add_months(add_months(start, months), -months) == start
    assert add_months(start, 0) == start


def test_month_ends_are_clamped_leap_years_included() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
    assert add_months(date(2026, 5, 31), 13) == date(2027, 6, 30)
