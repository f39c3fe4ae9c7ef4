"""Bot API faults injected by the fake request layer: handled as a real bot should, nothing lost.

RetryAfter → the rate limiter waits and retries; TimedOut / NetworkError → the step stays committed and the
learner is told to try again; Forbidden on a reminder → reminders switched off; BadRequest "message is not
modified" → ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from telegram.error import NetworkError, TimedOut

from bot import texts
from bot.telegram.handlers.reminder_jobs import send_reminder
from bot.testing.client import BotClient
from bot.testing.fake_bot_api import FakeBotAPI

CHANNEL = "telegram"


def _state(client: BotClient) -> Any:
    return client.harness.app.bot_data["services"].conversation.state(CHANNEL, str(client.user_id))


async def test_retry_after_is_waited_out_and_the_reply_delivered(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(request=fake) as h:
        client = BotClient(h)
        fake.retry_after("sendMessage", 1)
        await client.send("/start")
        assert not h.errors, h.errors
        assert fake.methods().count("sendMessage") >= 2, "the throttled send was retried"
        assert "Which role" in client.last.text


@pytest.mark.parametrize("error", [TimedOut("timed out"), NetworkError("connection reset")])
async def test_transport_error_keeps_the_step_and_tells_the_learner(make_app: Callable[..., Any],
                                                                    error: BaseException) -> None:
    fake = FakeBotAPI()
    async with make_app(request=fake) as h:
        client = BotClient(h)
        await client.send("/start")
        before = _state(client).version
        fake.raise_on("sendMessage", error)
        await client.click(client.find("Machine learning engineer"), label="Machine learning engineer")
        assert [type(e) for e in h.errors] == [type(error)], h.errors
        state = _state(client)
        assert state.version == before + 1 and state.profile.target_role == "ml-engineer", "the answer was lost"
        assert any(texts.TG_ERROR.split(".")[0] in (m.text or "") for m in client.last_messages), \
            "the learner is told to try again"
        h.errors.clear()
        await client.send("/start")  # nothing lost: the conversation continues at the next question
        assert not h.errors
        assert "specialisation" in client.last.text.lower()


async def test_forbidden_reminder_switches_reminders_off(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(request=fake) as h:
        client = BotClient(h)
        await client.send("/start")
        services = h.app.bot_data["services"]
        learner_id = services.progress.learner_id(CHANNEL, str(client.user_id))
        services.reminders.set_reminder(learner_id, 0, 18, "UTC")
        job = h.app.job_queue.run_once(send_reminder, 3600, data=learner_id, chat_id=client.user_id)
        fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
        await job.run(h.app)
        assert not h.errors, h.errors
        reminder = services.reminders.reminder(learner_id)
        assert reminder is not None and not reminder.active and reminder.disabled_reason == "forbidden"
        assert job.removed, "the weekly job is unscheduled too"


async def test_message_not_modified_is_ignored(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(request=fake) as h:
        client = BotClient(h)
        await client.send("/start")
        fake.fail("editMessageText", 400, "Bad Request: message is not modified: specified new message content "
                                           "and reply markup are exactly the same")
        await client.click(client.find("Machine learning engineer"), label="Machine learning engineer")
        assert not h.errors, h.errors
        assert _state(client).profile.target_role == "ml-engineer"
        assert "specialisation" in client.last.text.lower()


async def test_blocked_mid_conversation_loses_nothing(make_app: Callable[..., Any]) -> None:
    fake = FakeBotAPI()
    async with make_app(request=fake) as h:
        client = BotClient(h)
        await client.send("/start")
        fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", times=5)
        fake.fail("editMessageText", 403, "Forbidden: bot was blocked by the user", times=5)
        await client.click(client.find("Machine learning engineer"), label="Machine learning engineer")
        assert _state(client).profile.target_role == "ml-engineer", "the answer given before blocking is kept"
        assert all(type(e).__name__ == "Forbidden" for e in h.errors), h.errors


def test_rate_limiter_is_on_unless_a_bench_turns_it_off(settings: Any) -> None:
    from telegram.ext import AIORateLimiter

    from bot.telegram.app import build_application

    limited = build_application(settings, request=FakeBotAPI())
    bare = build_application(settings, request=FakeBotAPI(), rate_limited=False)
    try:
        assert isinstance(limited.bot.rate_limiter, AIORateLimiter)
        assert bare.bot.rate_limiter is None
    finally:
        for app in (limited, bare):
            app.bot_data["services"].db.close()
