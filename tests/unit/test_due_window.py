"""`due_in_window`: the one walk over time zones and local days that the weekly reminders and the daily
reviews share (issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.services.reminders import due_in_window

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"]
QUARTERS = (0, 15, 30, 45)
STARTS = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31),
                      timezones=st.just(UTC)).map(lambda moment: moment.replace(second=0, microsecond=0))


def _every_quarter(calls: list[tuple[str, date]]) -> Callable[[str, date, int, int], list[time]]:
    """Rows at every quarter hour of the hours asked, noting each (zone, day) asked."""
    def rows(zone: str, day: date, first: int, last: int) -> list[time]:
        calls.append((zone, day))
        return [time(hour, minute) for hour in range(first, last + 1) for minute in QUARTERS]
    return rows


@given(STARTS, st.integers(min_value=1, max_value=24 * 60 - 1), st.sampled_from(ZONES))
def test_every_moment_in_the_window_is_found_once_per_zone_and_day_asked(
        start: datetime, minutes: int, name: str) -> None:
    end = start + timedelta(minutes=minutes)
    calls: list[tuple[str, date]] = []
    found = due_in_window(start, end, [name], _every_quarter(calls), lambda row: row)
    zone = ZoneInfo(name)
    assert len(calls) == len(set(calls)) <= 2  # one query per local day; a window under a day touches two at most
    for row, moment in found:
        assert start <= moment < end and moment.tzinfo is zone and moment.timetz().replace(tzinfo=None) == row
    instants = {moment.timestamp() for _, moment in found}
    first = start + timedelta(minutes=-start.minute % 15)
    for step in range(0, minutes, 15):
        instant = first + timedelta(minutes=step)
        local = instant.astimezone(zone)
        if instant < end and local.fold == 0 and local.minute in QUARTERS:
            assert instant.timestamp() in instants


def test_an_unknown_zone_is_skipped() -> None:
    start = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    calls: list[tuple[str, date]] = []
    assert due_in_window(start, start + timedelta(hours=2), ["Mars/Olympus", "../etc"], _every_quarter(calls),
                         lambda row: row) == []
    assert calls == []
