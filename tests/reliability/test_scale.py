"""Scale (issue 11): nothing at start or per update grows with the number of learners.

Reminders are swept into the JobQueue when due (not all loaded at start), a mark whose items did not move writes
no `roadmap_items` rows, and `waypoint bench load` seeds and reports at a tiny size (the 1,000,000-learner run
is a bench, never a test).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.bench.updates import PLAN_EVERY, reminder_slot, run_load, seed_learners
from bot.config import SHIPPED_CONTENT
from bot.domain.catalog import Catalog
from bot.services.progress import ProgressService
from bot.services.reminders import ReminderService
from bot.storage.codec import roadmap_item_rows
from bot.storage.db import open_database
from bot.storage.repositories import Repositories
from bot.telegram.app import CHECKPOINT_JOB, REMINDER_SWEEP_JOB, schedule_due_reminders
from bot.telegram.handlers.reminder_jobs import job_name, review_job_name
from bot.testing.client import BotClient

CATALOG = Catalog.load(SHIPPED_CONTENT)


def _learner(repos: Repositories, who: str, channel: str = "telegram") -> int:
    return repos.learners.get_or_create(channel, who, None, datetime(2026, 1, 1, tzinfo=UTC)).id


def test_reminders_due_reads_only_the_window_in_each_time_zone(tmp_path: Path) -> None:
    db = open_database(tmp_path / "r.db")
    repos = Repositories(db)
    service = ReminderService(db, lambda: CATALOG, lambda: date(2026, 3, 1))
    # Sunday 29 March 2026: Europe/Berlin moves from UTC+1 to UTC+2 at 01:00 UTC.
    berlin_sun_18 = _learner(repos, "1")
    service.set_reminder(berlin_sun_18, 6, 18, "Europe/Berlin")  # 16:00 UTC after the change
    tokyo_mon_1 = _learner(repos, "2")
    service.set_reminder(tokyo_mon_1, 0, 1, "Asia/Tokyo", minute=30)  # Sunday 16:30 UTC
    utc_sun_16 = _learner(repos, "3")
    service.set_reminder(utc_sun_16, 6, 16, "UTC", minute=59)
    paused = _learner(repos, "4")
    service.set_reminder(paused, 6, 16, "UTC", minute=10)
    service.pause_reminder(paused, True)
    terminal = _learner(repos, "someone", channel="terminal")
    db.execute("INSERT INTO reminders (learner_id, weekday, hour, minute, timezone) VALUES (?, 6, 16, 5, 'UTC')",
               [terminal])
    db.conn.commit()

    start = datetime(2026, 3, 29, 15, 55, tzinfo=UTC)
    due = service.reminders_due(start, start + timedelta(minutes=40))
    assert [(r.learner_id, who, at.astimezone(UTC)) for r, who, at in due] == [
        (berlin_sun_18, "1", datetime(2026, 3, 29, 16, 0, tzinfo=UTC)),
        (tokyo_mon_1, "2", datetime(2026, 3, 29, 16, 30, tzinfo=UTC)),
    ]
    later = service.reminders_due(start + timedelta(minutes=40), start + timedelta(minutes=70))
    assert [r.learner_id for r, _, _ in later] == [utc_sun_16]
    # The week before, Berlin's 18:00 was 17:00 UTC: the wall-clock time is kept, not the UTC offset.
    week_before = datetime(2026, 3, 22, 16, 50, tzinfo=UTC)
    assert [(r.learner_id, at.astimezone(UTC).hour) for r, _, at in
            service.reminders_due(week_before, week_before + timedelta(minutes=20))] == [(utc_sun_16, 16),
                                                                                    (berlin_sun_18, 17)]
    db.close()


async def test_start_up_schedules_only_what_is_due_and_sweeps_never_double(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        services = h.app.bot_data["services"]
        repos = Repositories(services.db)
        ids = [_learner(repos, str(9000 + i)) for i in range(50)]
        services.db.conn.commit()
        now = datetime.now(ZoneInfo("UTC"))
        soon = now + timedelta(minutes=7)
        for i, learner_id in enumerate(ids):
            when = soon if i == 0 else now + timedelta(days=2, hours=i % 20)
            services.reminders.set_reminder(learner_id, when.weekday(), when.hour, "UTC", minute=when.minute)
        assert h.app.job_queue.get_jobs_by_name(REMINDER_SWEEP_JOB)
        assert h.app.job_queue.get_jobs_by_name(CHECKPOINT_JOB)  # WAL checkpoints off the event loop
        before = {job.name for job in h.app.job_queue.jobs()}
        # The weekly reminder and that day's review round (daily, at the reminder's time: issue 18).
        assert schedule_due_reminders(h.app) == 2
        assert schedule_due_reminders(h.app) == 0  # overlapping sweeps: never twice
        added = {job.name for job in h.app.job_queue.jobs()} - before
        assert added == {job_name(ids[0]), review_job_name(ids[0])}
        [job] = h.app.job_queue.get_jobs_by_name(job_name(ids[0]))
        assert job.chat_id == 9000 and job.data == ids[0]


def _item_rows(db: Any, learner_id: int) -> dict[int, tuple[Any, ...]]:
    """The learner's `roadmap_items` rows by rowid."""
    return {row[0]: tuple(row[1:]) for row in db.execute(
        "SELECT rowid, learner_id, stage_pos, stage_id, stage_order, item_key, entry_id FROM roadmap_items "
        "WHERE learner_id = ?", [learner_id]).fetchall()}


def test_a_mark_rewrites_only_the_index_rows_that_changed(tmp_path: Path) -> None:
    seed_learners(tmp_path / "s.db", PLAN_EVERY * 2, CATALOG)
    db = open_database(tmp_path / "s.db")
    repos = Repositories(db)
    service = ProgressService(db, lambda: CATALOG, lambda: date(2026, 1, 5))
    learner = repos.learners.find("telegram", "10000000")
    assert learner is not None
    marked: list[str] = []
    # Four marks on items of the plan as it stands at each tap (a mark's re-plan may drop items it makes
    # redundant), then two undos.
    for step in range(6):
        view = service.view(learner.id)
        assert view is not None
        if step < 4:
            key, done = next(i.key for i in view.items if i.key not in view.done), True
            marked.append(key)
        else:
            key, done = marked[5 - step], False
        before = _item_rows(db, learner.id)
        service.mark(learner.id, key, done=done)
        latest = repos.roadmaps.latest(learner.id)
        assert latest is not None
        after = _item_rows(db, learner.id)
        wanted = Counter(tuple(r) for r in roadmap_item_rows(learner.id, latest.roadmap))
        assert Counter(after.values()) == wanted  # exactly the newest roadmap's items
        # A row whose item did not move keeps its rowid (nothing written for it); only the difference is.
        kept = {rowid for rowid, row in after.items() if before.get(rowid) == row}
        written = (len(before) - len(kept)) + (len(after) - len(kept))
        old = Counter(before.values())
        assert written == sum(((old - wanted) + (wanted - old)).values())
    db.close()


def test_seeding_matches_what_the_bot_stores_and_the_load_report_has_the_targets(tmp_path: Path) -> None:
    n = 60
    info = seed_learners(tmp_path / "seed.db", n, CATALOG)
    assert (info.learners, info.with_plan) == (n, n // PLAN_EVERY)
    db = open_database(tmp_path / "seed.db")
    repos = Repositories(db)
    for learner_id in [row[0] for row in db.execute("SELECT learner_id FROM roadmaps")]:
        latest = repos.roadmaps.latest(learner_id)
        assert latest is not None
        rows = db.execute("SELECT learner_id, stage_pos, stage_id, stage_order, item_key, entry_id FROM roadmap_items "
                          "WHERE learner_id = ? ORDER BY rowid", [learner_id]).fetchall()
        assert rows == [tuple(r) for r in roadmap_item_rows(learner_id, latest.roadmap)]
    assert db.execute("SELECT count(*) FROM learners").fetchone()[0] == n
    db.close()
    # The seeded reminders are spread over the week, so the figures never depend on the hour the bench runs.
    slots = [reminder_slot(k) for k in range(6_000)]
    per_hour = Counter((weekday, hour) for weekday, hour, _ in slots)
    share = len(slots) / (7 * 24)
    assert len(per_hour) == 7 * 24 and max(per_hour.values()) <= 1.2 * share  # no hour of the week crowded
    assert len(set(slots)) == len(slots)  # no two on the same minute until the week is full

    lines, targets = run_load(CATALOG, [40, 80], users=3, duration=1.0)
    report = "\n".join(lines)
    assert "KB/planned" in report and "handler errors 0" in report
    names = [t.name for t in targets]
    assert "throughput 80 vs 40" in names and "db per planned learner 80 vs 40" in names
    assert any(name.startswith("db KB per planned learner") for name in names)


async def test_talking_to_the_bot_keeps_no_per_user_memory_in_the_process(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        people = [BotClient(h, user_id=7000 + n) for n in range(12)]
        for person in people:
            await person.send("/start")
            await person.send("I want to become a data scientist")
            await person.send("/summary")
        # python-telegram-bot keeps a dict per user once `context.user_data` is read: none is left behind.
        assert dict(h.app.user_data) == {}
        # A bare /job waits for the ad in SQLite (it survives a restart), never in the process's memory.
        waiting, other = people[0], people[1]
        await waiting.send("/job")
        await other.send("/job")
        assert dict(h.app.user_data) == {}
        await waiting.send("/start")
        await other.send("Data engineer wanted: Python, SQL, Airflow, Spark, 3 years of experience.")
        assert dict(h.app.user_data) == {}
        assert not h.errors
