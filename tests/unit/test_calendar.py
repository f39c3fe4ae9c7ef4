"""The calendar file: each stage's start and end, and weekly study sessions that add up to the plan's hours."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from bot.config import SHIPPED_CONTENT
from bot.domain.calendar_ics import roadmap_ics, study_sessions
from bot.domain.catalog import Catalog
from bot.domain.planner import Roadmap, plan
from bot.domain.profile import LearnerProfile

TODAY = date(2026, 1, 5)


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    catalog = Catalog.load(SHIPPED_CONTENT)
    return plan(LearnerProfile(target_role="data-scientist", hours_per_week=8), catalog, TODAY)


def test_calendar_has_stage_events_and_weekly_sessions(roadmap: Roadmap) -> None:
    data = roadmap_ics(roadmap)
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    stage_events = [e for e in events if "RRULE" not in e]
    sessions = [e for e in events if "RRULE" in e]
    assert len(stage_events) == 2 * len(roadmap.stages)
    first = roadmap.stages[0]
    starts = {e.decoded("dtstart") for e in stage_events}
    assert first.start in starts and roadmap.stages[-1].end in starts
    assert len({str(e["uid"]) for e in events}) == len(events)
    total = sum(((e.decoded("dtend") - e.decoded("dtstart")) for e in sessions), timedelta())
    assert total == timedelta(hours=8)
    for session in sessions:
        assert session["RRULE"]["FREQ"] == ["WEEKLY"]
        assert session.decoded("dtstart").date() >= first.start


def test_calendar_is_deterministic(roadmap: Roadmap) -> None:
    assert roadmap_ics(roadmap) == roadmap_ics(roadmap)


@pytest.mark.parametrize("hours", [1, 2.5, 5, 10, 15, 20, 40])
def test_study_sessions_add_up(hours: float) -> None:
    sessions = study_sessions(hours)
    assert sum(h for _, h in sessions) == round(hours * 4) / 4
    assert len({day for day, _ in sessions}) == len(sessions) <= 7
