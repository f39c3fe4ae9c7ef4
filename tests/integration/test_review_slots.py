"""Issue 18, part 2: which review rounds fall in a sweep window, for a review time of one's own or the
reminder's, in any time zone, paused and stopped with reminders (SQLite, no Telegram)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.skill_checks import SkillCheckService
from bot.storage.db import open_database
from bot.storage.repositories import Repositories, ReviewScheduleRepo
from tests.integration.test_conversation_service import CATALOG

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]
T = datetime(2026, 3, 1, tzinfo=UTC)


def _setup(own: tuple[int, int] | None, reminder: tuple[int, int] | None, zone: str, paused: bool = False,
           ) -> tuple[SkillCheckService, int]:
    db = open_database(None)
    repos = Repositories(db)
    with db.atomic():
        learner = repos.learners.get_or_create("telegram", "4242", "Ana", T)
        repos.learners.set_timezone(learner.id, zone)
        if reminder is not None:
            repos.reminders.upsert(learner.id, 0, reminder[0], reminder[1], zone)
            repos.reminders.set_paused(learner.id, paused)
        if own is not None:
            ReviewScheduleRepo(db).set_time(learner.id, own[0], own[1])
    return SkillCheckService(db, lambda: CATALOG, lambda: date(2026, 3, 1)), learner.id


@settings(max_examples=60, deadline=None)
@given(own=st.none() | st.tuples(st.integers(0, 23), st.integers(0, 59)),
       reminder=st.none() | st.tuples(st.integers(0, 23), st.integers(0, 59)), zone=st.sampled_from(ZONES),
       start=st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 31)), minutes=st.integers(1, 24 * 60 - 1))
def test_a_round_is_due_exactly_when_its_local_time_falls_in_the_window(
        own: tuple[int, int] | None, reminder: tuple[int, int] | None, zone: str, start: datetime,
        minutes: int) -> None:
    checks, learner_id = _setup(own, reminder, zone)
    begin = start.replace(tzinfo=UTC)
    end = begin + timedelta(minutes=minutes)
    due = checks.reviews_due(begin, end)
    at = own or reminder  # without a choice, the reminder's time
    if at is None:
        assert due == []
        return
    local = ZoneInfo(zone)
    expected = []
    day = begin.astimezone(local).date() - timedelta(days=1)
    while day <= end.astimezone(local).date() + timedelta(days=1):
        moment = datetime.combine(day, time(*at), tzinfo=local)
        # A wall time skipped by a DST change does not exist; zoneinfo maps it like the service does.
        if begin <= moment < end:
            expected.append(moment)
        day += timedelta(days=1)
    assert [m for _, m in due] == expected
    assert all(slot.learner_id == learner_id and slot.chosen == (own is not None) for slot, _ in due)


def test_paused_or_stopped_reminders_pause_reviews_even_at_a_chosen_time() -> None:
    checks, learner_id = _setup((19, 30), (9, 0), "Europe/Berlin", paused=True)
    begin = datetime(2026, 3, 2, tzinfo=UTC)
    assert checks.reviews_due(begin, begin + timedelta(hours=23)) == []
    assert checks.review_time(learner_id).state == "paused"
    with checks.db.atomic():
        checks.repos.reminders.set_paused(learner_id, False)
    assert [m.astimezone(ZoneInfo("Europe/Berlin")).time() for _, m in
            checks.reviews_due(begin, begin + timedelta(hours=23))] == [time(19, 30)]
    with checks.db.atomic():
        checks.repos.reminders.disable(learner_id, "stopped")
    assert checks.reviews_due(begin, begin + timedelta(hours=23)) == []
    assert checks.review_time(learner_id).state == "stopped"


def test_a_bad_review_time_or_zone_changes_nothing() -> None:
    checks, learner_id = _setup((19, 30), None, "UTC")
    for hour, minute, zone in ((24, 0, None), (7, 60, None), (7, 0, "Nowhere/Land"), (-1, 0, None)):
        try:
            checks.set_review_time(learner_id, hour, minute, zone)
        except ValueError:
            pass
        else:
            raise AssertionError((hour, minute, zone))
        assert checks.review_time(learner_id).at == (19, 30)
