"""Issue 18 through the real Application and the fake Bot API: quiz polls, poll answers, reviews."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from telegram.constants import PollLimit

from bot.storage.repositories import ReviewScheduleRepo
from bot.telegram.handlers.reminder_jobs import review_job_name, send_reviews
from bot.testing.client import AppHarness, BotClient, onboard
from bot.testing.fake_bot_api import FakeBotAPI
from bot.testing.updates import poll_answer_update

# Claims python and SQL; the ML engineer role needs them at deep and working depth.
CLAIMS = ("I'm a backend developer with 3 years experience and a BSc. I want to become an ML engineer, "
          "10 hours a week, within a year, budget $500, I know python and SQL, yes to certificates")


def _check_limits(fake: FakeBotAPI) -> None:
    for call in fake.calls_of("sendPoll"):
        p = call.params
        options = json.loads(p["options"]) if isinstance(p["options"], str) else p["options"]
        texts = [o["text"] if isinstance(o, dict) else o for o in options]
        assert p["type"] == "quiz" and p["is_anonymous"] in (False, "false")
        assert 1 <= len(p["question"]) <= PollLimit.MAX_QUESTION_LENGTH == 300
        assert 2 <= len(texts) <= 4 and all(1 <= len(t) <= 100 for t in texts)
        raw = p.get("correct_option_ids", p.get("correct_option_id"))
        ids = json.loads(raw) if isinstance(raw, str) else raw
        ids = ids if isinstance(ids, list) else [ids]
        assert len(ids) == 1 and 0 <= int(ids[0]) < len(texts)
        assert len(p["explanation"]) <= 200


def _transcript(client: BotClient) -> list[str]:
    lines = []
    for m in client.history():
        if m.kind == "poll" and m.poll is not None:
            opts = " | ".join(o["text"] for o in m.poll["options"])
            lines.append(f"BOT (quiz poll): {m.poll['question']}  [{opts}]")
        else:
            lines.append(f"BOT: {(m.text or '')[:160]}")
    return lines


async def test_offer_after_first_plan_and_a_passed_check(harness: AppHarness) -> None:
    client = BotClient(harness)
    sent = await onboard(client, CLAIMS)
    offer = next(m for m in sent if "skip these with proof" in (m.text or ""))
    assert "SQL" in (offer.text or "") and any("No thanks" in label for label, _ in offer.buttons)
    await client.click(offer, label="Check SQL")
    for number in range(3):
        [poll] = [m for m in client.last_messages if m.kind == "poll"]
        assert poll.poll is not None and poll.poll["question"].startswith(f"SQL {number + 1}/3")
        await client.answer_right(poll, right=number != 1)
    assert "SQL checked: 2 of 3 right, recorded on 2026-01-05" in client.last.text
    _check_limits(client.fake)
    await client.send("/progress")
    progress = "\n".join(client.texts)
    assert "Checked: SQL" in progress and "Job readiness" in progress
    await client.send("/export")
    [document] = [m for m in client.last_messages if m.kind == "document"]
    data = json.loads(document.data or b"{}")
    assert [r["result"] for r in data["skill_checks"]] == ["passed"]
    assert len(data["quiz_polls"]) == 3
    print("\n".join(_transcript(client)[-8:]))


async def test_failed_check_offers_keep_or_refresher(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    await client.send("/check sql")
    for _ in range(3):
        [poll] = [m for m in client.last_messages if m.kind == "poll"]
        await client.answer_right(poll, right=False)
    assert "0 of 3 right" in client.last.text
    await client.tap("Add a short refresher")
    assert "refresher of SQL" in client.last.text
    services = harness.app.bot_data["services"]
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    roadmap = services.progress.latest_roadmap(learner_id)
    assert "skill:sql" in {i.key for i in roadmap.items()} or any(
        "sql" in i.key for i in roadmap.items())
    assert "sql" not in roadmap.profile.known_skills


async def test_keep_as_known_after_a_failed_check(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    await client.send("/check python")
    for _ in range(3):
        [poll] = [m for m in client.last_messages if m.kind == "poll"]
        await client.answer_right(poll, right=False)
    await client.tap("Keep it as known")
    assert "Python stays as known" in client.last.text
    await client.send("/progress")
    assert "Kept as known after a missed check: Python" in "\n".join(client.texts)


async def test_old_unknown_repeated_and_foreign_poll_answers_are_ignored(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    await client.send("/check sql")
    [first] = [m for m in client.last_messages if m.kind == "poll"]
    # A poll nobody knows (sent before a database restore, or forged): nothing happens.
    assert await client.process(poll_answer_update("no-such-poll", [0], client.user_id)) == []
    # Someone else answering the learner's poll id (a forwarded poll): ignored.
    assert await client.process(poll_answer_update(first.poll["id"], [0], 4242)) == []  # type: ignore[index]
    # A retracted vote carries no options: ignored.
    assert await client.process(poll_answer_update(first.poll["id"], [], client.user_id)) == []  # type: ignore[index]
    await client.answer_right(first)
    [second] = [m for m in client.last_messages if m.kind == "poll"]
    # Answering the first poll again: ignored.
    assert await client.answer_right(first) == []
    # A new check abandons the old round: its polls are old now.
    await client.send("/check sql")
    assert await client.answer_right(second) == []


async def _learner_with_due_review(client: BotClient, harness: AppHarness) -> int:
    await onboard(client, CLAIMS)
    await client.send("/done linear algebra")
    await client.send("/reminders sun 18 UTC")
    services = harness.app.bot_data["services"]
    learner_id: int = services.progress.learner_id("telegram", str(client.user_id))
    checks = services.extra["skill_checks"]
    # Make every card due now (the schedule's first interval is days away).
    past = datetime.now(UTC) - timedelta(days=1)
    for row in checks.repos.skill_checks.cards(learner_id):
        checks.repos.skill_checks.save_card(learner_id, row["skill"], row["card"], past, 0, False, past)
    return learner_id


class _Job(SimpleNamespace):
    """The job a review round runs as: its chat, its learner, and whether it asked to be removed."""

    removed = False

    def schedule_removal(self) -> None:
        self.removed = True


def _job_context(harness: AppHarness, learner_id: int, chat_id: int) -> Any:
    """What a JobQueue callback reads from its context, for the review job run by hand (a small fake)."""
    return SimpleNamespace(application=harness.app, bot=harness.app.bot, job_queue=harness.app.job_queue,
                           services=harness.app.bot_data["services"], job=_Job(chat_id=chat_id, data=learner_id))


async def test_due_review_at_reminder_time_and_daily_cap(harness: AppHarness) -> None:
    client = BotClient(harness)
    learner_id = await _learner_with_due_review(client, harness)
    assert harness.app.job_queue.get_jobs_by_name(review_job_name(learner_id))
    services = harness.app.bot_data["services"]
    cards = services.extra["skill_checks"].repos.skill_checks.cards(learner_id)
    assert cards, "finishing linear algebra puts it under review"
    before = len(client.fake.calls_of("sendPoll"))
    await send_reviews(_job_context(harness, learner_id, client.user_id))
    sent = client.fake.calls_of("sendPoll")[before:]
    assert 1 <= len(sent) <= 2
    _check_limits(client.fake)
    poll = client.polls()[-1]
    assert poll.poll is not None and poll.poll["question"].startswith("Review, ")
    await client.answer_right(poll)
    assert "stays fresh" in client.last.text
    print("\n".join(_transcript(client)[-3:]))
    # Never more than 3 review polls in a day, however often the job runs.
    for row in services.extra["skill_checks"].repos.skill_checks.cards(learner_id):
        services.extra["skill_checks"].repos.skill_checks.save_card(
            learner_id, row["skill"], row["card"], datetime.now(UTC) - timedelta(days=1), 0, False,
            datetime.now(UTC))
    for _ in range(3):
        await send_reviews(_job_context(harness, learner_id, client.user_id))
    assert len(client.fake.calls_of("sendPoll")[before:]) <= 3


async def test_paused_reminders_pause_reviews(harness: AppHarness) -> None:
    client = BotClient(harness)
    learner_id = await _learner_with_due_review(client, harness)
    await client.send("/reminders pause")
    before = len(client.fake.calls_of("sendPoll"))
    await send_reviews(_job_context(harness, learner_id, client.user_id))
    assert len(client.fake.calls_of("sendPoll")) == before


async def test_blocked_bot_pauses_reviews(make_app: Callable[..., Any]) -> None:
    async with make_app() as harness:
        client = BotClient(harness)
        learner_id = await _learner_with_due_review(client, harness)
        client.fake.fail("sendPoll", 403, "Forbidden: bot was blocked by the user")
        await send_reviews(_job_context(harness, learner_id, client.user_id))
        services = harness.app.bot_data["services"]
        reminder = services.reminders.reminder(learner_id)
        assert reminder is not None and not reminder.active
        assert not [j for j in harness.app.job_queue.get_jobs_by_name(review_job_name(learner_id)) if not j.removed]
        before = len(client.fake.calls_of("sendPoll"))
        await send_reviews(_job_context(harness, learner_id, client.user_id))
        assert len(client.fake.calls_of("sendPoll")) == before


async def test_review_command_and_flag_after_repeated_failures(harness: AppHarness) -> None:
    client = BotClient(harness)
    learner_id = await _learner_with_due_review(client, harness)
    services = harness.app.bot_data["services"]
    repo = services.extra["skill_checks"].repos.skill_checks
    for _ in range(2):
        await client.send("/review")
        polls = [m for m in client.last_messages if m.kind == "poll"]
        assert polls
        for poll in polls:
            await client.answer_right(poll, right=False)
        for row in repo.cards(learner_id):
            repo.save_card(learner_id, row["skill"], row["card"], datetime.now(UTC) - timedelta(days=1),
                           row["fails_in_row"], bool(row["flagged"]), datetime.now(UTC))
    assert "keeps slipping" in client.last.text
    await client.send("/progress")
    assert "Slipping in reviews: Linear algebra" in "\n".join(client.texts)
    await client.tap("Refresh Linear algebra")  # one tap: a refresher item joins the current stage
    assert client.last.text.startswith("Added to ") and "Linear algebra" in client.last.text
    view = services.progress.view(learner_id)
    # Progress is kept (the skill stays done); the refresher is a new item of the current (first) stage.
    assert "skill:linear-algebra" in view.done
    [refresher] = ReviewScheduleRepo(services.db).refreshers(learner_id)
    assert refresher["key"] in {i.key for i in view.roadmap.items() if i.stage_id == view.roadmap.stages[0].id}
    assert not any(row["flagged"] for row in repo.cards(learner_id))


async def test_check_usage_and_unknown_skill(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/check sql")
    assert "Make your plan first" in client.last.text
    await onboard(client, CLAIMS)
    await client.send("/check")
    assert "Which skill?" in client.last.text
    await client.send("/check basket weaving")
    assert "don't know the skill" in client.last.text
    assert date(2026, 1, 5)
