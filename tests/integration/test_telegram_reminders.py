"""Weekly reminders: set by buttons or one line, persisted, re-scheduled after a restart, off when blocked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram.error import NetworkError, TimedOut

from bot.telegram.app import schedule_due_reminders
from bot.telegram.handlers.reminder_jobs import RETRY_DELAYS, ReminderRetry, job_name, retry_job_name
from bot.testing.client import BotClient, onboard
from bot.testing.fake_bot_api import FakeBotAPI


async def _weekly_job(h: Any, client: BotClient) -> tuple[int, Any]:
    await onboard(client)
    await client.send("/reminders wed 8 UTC")
    learner_id = h.app.bot_data["services"].progress.learner_id("telegram", str(client.user_id))
    [job] = h.app.job_queue.get_jobs_by_name(job_name(learner_id))
    return learner_id, job


def _retries(h: Any, learner_id: int) -> list[Any]:
    return [j for j in h.app.job_queue.get_jobs_by_name(retry_job_name(learner_id)) if not j.removed]


@pytest.mark.parametrize("error", [TimedOut("timed out"), NetworkError("connection reset")])
async def test_transport_error_retries_the_reminder_later(make_app: Callable[..., Any], error: Exception) -> None:
    fake = FakeBotAPI()
    async with make_app(fake) as h:
        client = BotClient(h)
        learner_id, job = await _weekly_job(h, client)
        services = h.app.bot_data["services"]
        fake.raise_on("sendMessage", error)
        await job.run(h.app)
        assert services.reminders.reminder(learner_id).last_sent_at is None
        [retry] = _retries(h, learner_id)
        assert retry.data == ReminderRetry(learner_id, 1) and retry.chat_id == client.user_id
        assert abs((retry.job.trigger.run_date - datetime.now(UTC)).total_seconds() - RETRY_DELAYS[0]) < 10
        sends = len(fake.calls_of("sendMessage"))
        await retry.run(h.app)  # the network is back: delivered, recorded, no further retry
        assert len(fake.calls_of("sendMessage")) == sends + 1
        assert "Weekly check-in" in fake.calls_of("sendMessage")[-1].params["text"]
        assert services.reminders.reminder(learner_id).last_sent_at is not None
        assert [j for j in _retries(h, learner_id) if j is not retry] == []
        assert not job.removed and services.reminders.reminder(learner_id).active
        assert not h.errors


async def test_reminder_retries_are_bounded(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(fake) as h:
        client = BotClient(h)
        learner_id, job = await _weekly_job(h, client)
        services = h.app.bot_data["services"]
        fake.raise_on("sendMessage", TimedOut("timed out"), times=len(RETRY_DELAYS) + 5)
        sends = len(fake.calls_of("sendMessage"))
        await job.run(h.app)
        for attempt in range(1, len(RETRY_DELAYS) + 1):
            [retry] = _retries(h, learner_id)
            assert retry.data == ReminderRetry(learner_id, attempt)
            retry.schedule_removal()  # as the JobQueue does after a one-off job runs
            await retry.run(h.app)
        assert _retries(h, learner_id) == []  # given up for this week...
        assert len(fake.calls_of("sendMessage")) == sends + 1 + len(RETRY_DELAYS)
        reminder = services.reminders.reminder(learner_id)
        assert reminder.active and reminder.last_sent_at is None
        assert not job.removed  # ...but next week's reminder is still on
        assert not h.errors


async def test_forbidden_on_a_retry_switches_reminders_off(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(fake) as h:
        client = BotClient(h)
        learner_id, job = await _weekly_job(h, client)
        services = h.app.bot_data["services"]
        fake.raise_on("sendMessage", NetworkError("connection reset"))
        await job.run(h.app)
        [retry] = _retries(h, learner_id)
        fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
        sends = len(fake.calls_of("sendMessage"))
        retry.schedule_removal()  # a one-off job has left the scheduler when it runs
        await retry.run(h.app)
        assert len(fake.calls_of("sendMessage")) == sends + 1  # never retried
        reminder = services.reminders.reminder(learner_id)
        assert reminder is not None and not reminder.active and reminder.disabled_reason == "forbidden"
        assert job.removed and _retries(h, learner_id) == []
        assert not h.errors


async def test_stopping_reminders_cancels_a_pending_retry(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(fake) as h:
        client = BotClient(h)
        learner_id, job = await _weekly_job(h, client)
        fake.raise_on("sendMessage", TimedOut("timed out"))
        await job.run(h.app)
        assert len(_retries(h, learner_id)) == 1
        await client.send("/reminders stop")
        assert _retries(h, learner_id) == []
        assert not h.errors


async def test_reminder_set_by_buttons_is_scheduled_and_restored_after_restart(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        client = BotClient(h)
        await onboard(client)
        await client.send("/reminders tz Europe/Berlin")
        assert "Europe/Berlin" in client.last.text
        await client.send("/reminders")
        await client.tap("Sun")
        await client.tap("18:00")
        status = h.request.messages[client.find("Pause").message_id].text
        assert "Sunday at 18:00 (Europe/Berlin)" in status
        learner_id = h.app.bot_data["services"].progress.learner_id("telegram", str(client.user_id))
        [job] = h.app.job_queue.get_jobs_by_name(job_name(learner_id))
        assert job.chat_id == client.user_id
        trigger = job.job.trigger
        assert "sun" in str(trigger) and "18" in str(trigger)
        assert not h.errors
    # A new process on the same database: the reminder sweep schedules it once it is due soon (start-up no
    # longer loads every reminder into the JobQueue).
    async with make_app() as h2:
        berlin = ZoneInfo("Europe/Berlin")
        now = datetime.now(berlin)
        due = datetime.combine(now.date() + timedelta(days=(6 - now.weekday()) % 7), dtime(18, 0), tzinfo=berlin)
        if due <= now:
            due += timedelta(days=7)
        schedule_due_reminders(h2.app, now=due - timedelta(minutes=5))
        schedule_due_reminders(h2.app, now=due - timedelta(minutes=4))  # overlapping sweeps: still one job
        [job] = h2.app.job_queue.get_jobs_by_name(job_name(learner_id))
        assert job.data == learner_id and abs(job.job.trigger.run_date - due) < timedelta(seconds=1)
        assert job.data == learner_id
        client = BotClient(h2)
        await client.send("/reminders pause")
        assert "paused" in client.last.text
        assert not h2.app.job_queue.get_jobs_by_name(job_name(learner_id)) or all(
            j.removed for j in h2.app.job_queue.get_jobs_by_name(job_name(learner_id)))
        await client.send("/reminders stop")
        assert "No weekly reminder" in client.last.text
        assert not h2.errors


async def test_blocked_user_has_reminders_switched_off(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(fake) as h:
        client = BotClient(h)
        await onboard(client)
        await client.send("/reminders mon 7pm UTC")
        assert "Monday at 19:00 (UTC)" in client.last.text
        services = h.app.bot_data["services"]
        learner_id = services.progress.learner_id("telegram", str(client.user_id))
        [job] = h.app.job_queue.get_jobs_by_name(job_name(learner_id))
        fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", times=5)
        await job.run(h.app)
        reminder = services.reminders.reminder(learner_id)
        assert reminder is not None and not reminder.active and reminder.disabled_reason == "forbidden"
        assert services.reminders.active_reminders() == []
        sends = len(fake.calls_of("sendMessage"))
        assert sends >= 1 and sends - 0 <= len(fake.calls) and not h.errors


async def test_reminder_delivers_a_check_in_with_progress(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        client = BotClient(h)
        await onboard(client)
        await client.send("/reminders fri 9 UTC")
        services = h.app.bot_data["services"]
        learner_id = services.progress.learner_id("telegram", str(client.user_id))
        [job] = h.app.job_queue.get_jobs_by_name(job_name(learner_id))
        await job.run(h.app)
        last = h.request.calls_of("sendMessage")[-1].params
        assert "Weekly check-in" in last["text"] and "Your progress" in last["text"]
        assert services.reminders.reminder(learner_id).last_sent_at is not None
        assert not h.errors


async def test_bad_time_zone_and_usage(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        client = BotClient(h)
        await client.send("/start")
        await client.send("/reminders mon 18 Mars/Olympus")
        assert "don't know the time zone" in client.last.text
        await client.send("/reminders someday")
        assert "/reminders sun 18:00" in client.last.text
        assert not h.errors



@pytest.mark.parametrize("change", ["stopped", "paused", "reassigned", "erased"])
async def test_a_reminder_job_rereads_its_row_before_sending(make_app: Callable[..., Any], change: str) -> None:
    """Another process (a second bot, a restore) changed the row after the job was scheduled: nothing is sent."""
    async with make_app() as h:
        services = h.app.bot_data["services"]
        client = BotClient(h)
        learner_id, job = await _weekly_job(h, client)
        db = services.db
        with db.conn:  # written behind the job's back, as another connection would
            if change == "stopped":
                db.execute("UPDATE reminders SET active = 0 WHERE learner_id = ?", [learner_id])
            elif change == "paused":
                db.execute("UPDATE reminders SET paused = 1 WHERE learner_id = ?", [learner_id])
            elif change == "reassigned":  # a restored backup where this id is someone else
                db.execute("UPDATE learners SET external_id = '31337' WHERE id = ?", [learner_id])
            else:
                db.execute("DELETE FROM reminders WHERE learner_id = ?", [learner_id])
        before = len(h.request.calls_of("sendMessage"))
        await job.run(h.app)
        assert len(h.request.calls_of("sendMessage")) == before
        assert job.removed


async def test_a_current_reminder_is_still_sent_after_the_check(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        client = BotClient(h)
        _, job = await _weekly_job(h, client)
        await job.run(h.app)
        assert h.request.calls_of("sendMessage")[-1].params["chat_id"] == client.user_id
        assert not job.removed
