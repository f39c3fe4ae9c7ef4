"""Calendar arithmetic the domain shares (pure: the dates are passed in)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later (earlier when negative), clamped to that month's length:
    31 Jan + 1 month = 28 Feb (29 in a leap year)."""
    years, month_index = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month_index + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))
