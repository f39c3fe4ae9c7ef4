"""Weekly reminders: set by buttons or one line, persisted, re-scheduled after a restart, off when blocked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.telegram.handlers.reminders import job_name
from tests.bot_client import BotClient, onboard
from tests.conftest import FakeRequest


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
    # A new process on the same database: post_init re-schedules it.
    async with make_app() as h2:
        [job] = h2.app.job_queue.get_jobs_by_name(job_name(learner_id))
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
    fake = FakeRequest()
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
        reminder = services.progress.reminder(learner_id)
        assert reminder is not None and not reminder.active and reminder.disabled_reason == "forbidden"
        assert services.progress.active_reminders() == []
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
        assert services.progress.reminder(learner_id).last_sent_at is not None
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
