"""Issue 18, part 2, through the real Application and the fake Bot API: a review time of one's own, /done
putting a course's skills under review (and an undo taking them out), the slipping flag with a one-tap refresher
in the current stage, readiness per stage in /progress and /export, and /done on a retired course."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot import texts
from bot.domain.skillcheck import skills_of_item
from bot.services.skill_checks import SkillCheckService
from bot.storage.repositories import ReviewScheduleRepo
from bot.telegram.app import schedule_due_reminders
from bot.telegram.handlers.reminder_jobs import review_job_name
from bot.testing.client import AppHarness, BotClient, onboard
from tests.integration.test_admin_telegram import ADMIN_ID, LEARNER_ID, admin_harness, plain  # noqa: F401
from tests.integration.test_skill_checks_telegram import CLAIMS


def _services(harness: AppHarness) -> Any:
    return harness.app.bot_data["services"]


def _checks(harness: AppHarness) -> SkillCheckService:
    checks = _services(harness).extra["skill_checks"]
    assert isinstance(checks, SkillCheckService)
    return checks


def _learner(harness: AppHarness, client: BotClient) -> int:
    learner_id = _services(harness).progress.learner_id("telegram", str(client.user_id))
    assert learner_id is not None
    return int(learner_id)


def _review_jobs(harness: AppHarness, learner_id: int) -> list[Any]:
    return [j for j in harness.app.job_queue.get_jobs_by_name(review_job_name(learner_id)) if not j.removed]


def _first_course(harness: AppHarness, learner_id: int) -> tuple[int, Any]:
    view = _services(harness).progress.view(learner_id)
    return next((i, item) for i, item in enumerate(view.items)
                if item.kind == "course" and skills_of_item(item.key, _services(harness).catalog_source()))


def _all_due(harness: AppHarness, learner_id: int) -> None:
    repo = _checks(harness).repos.skill_checks
    past = datetime.now(UTC) - timedelta(days=1)
    for row in repo.cards(learner_id):
        repo.save_card(learner_id, row["skill"], row["card"], past, row["fails_in_row"], bool(row["flagged"]), past)


async def test_review_time_of_its_own_typed_and_by_buttons(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    learner_id = _learner(harness, client)
    await client.send("/review time")
    assert "Reviews are not sent on their own yet" in client.last.text
    assert any(label == "20:00" for label, _ in client.last.buttons)
    await client.send("/review time 19:30 Europe/Berlin")
    assert "19:30 (Europe/Berlin)" in client.last.text
    [job] = _review_jobs(harness, learner_id)
    trigger = str(job.job.trigger)
    assert "hour='19'" in trigger and "minute='30'" in trigger and str(job.job.trigger.timezone) == "Europe/Berlin"
    # Bad input changes nothing and says how to write it.
    for bad in ("/review time 25:00", "/review time soon", "/review time 7pm Mars/Olympus"):
        await client.send(bad)
        assert "Say a time of day" in client.last.text or "don't know the time zone" in client.last.text
        assert _checks(harness).review_time(learner_id).at == (19, 30)
    # One tap on an hour.
    await client.send("/review time")
    await client.tap("08:00")
    assert "08:00 (Europe/Berlin)" in client.last.text
    assert "hour='8'" in str(_review_jobs(harness, learner_id)[0].job.trigger)
    # Off: back to the reminder's time; without a reminder there is no review job at all.
    await client.send("/review time off")
    assert texts.REVIEW_TIME_CLEARED in client.last.text and not _review_jobs(harness, learner_id)
    await client.send("/reminders sun 18 UTC")
    assert "hour='18'" in str(_review_jobs(harness, learner_id)[0].job.trigger)
    await client.send("/review time 7pm")
    assert "hour='19'" in str(_review_jobs(harness, learner_id)[0].job.trigger)
    row = _services(harness).privacy.export(learner_id)["learners"][0]
    assert (row["review_hour"], row["review_minute"]) == (19, 0)


async def test_reviews_come_at_the_review_time_not_the_reminders_and_pause_with_it(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    learner_id = _learner(harness, client)
    await client.send("/done linear algebra")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    soon = now + timedelta(minutes=10)
    later = now + timedelta(hours=3)
    await client.send(f"/reminders {soon.strftime('%a')} {later.hour}:{later.minute:02d} UTC")
    await client.send(f"/review time {soon.hour}:{soon.minute:02d}")
    for job in harness.app.job_queue.jobs():  # only the sweep's one-off jobs are looked at below
        if job.name and job.name.startswith("review:"):
            job.schedule_removal()
    assert schedule_due_reminders(harness.app, now) == 1  # today's review round, at the review time
    [job] = _review_jobs(harness, learner_id)
    assert abs(job.job.trigger.run_date - soon) < timedelta(seconds=1)
    # Paused with reminders: no slot, nothing scheduled, and a job already queued sends nothing.
    await client.send("/reminders pause")
    assert _checks(harness).review_slot(learner_id) is None
    assert _checks(harness).review_time(learner_id).state == "paused"
    assert not _checks(harness).review_due(learner_id, "telegram", str(client.user_id))
    await client.send("/reminders resume")
    assert _checks(harness).review_due(learner_id, "telegram", str(client.user_id))


async def test_done_course_by_name_and_by_button_puts_each_taught_skill_under_review(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    learner_id = _learner(harness, client)
    catalog = _services(harness).catalog_source()
    index, course = _first_course(harness, learner_id)
    taught = set(skills_of_item(course.key, catalog))
    await client.send(f"/done {course.title}")
    assert course.key in _services(harness).progress.view(learner_id).done
    cards = {row["skill"] for row in _checks(harness).repos.skill_checks.cards(learner_id)}
    assert taught <= cards
    # Undo: never reviewed, taught by nothing else done: out of the schedule again.
    await client.send(f"/undo {course.title}")
    assert not taught & {row["skill"] for row in _checks(harness).repos.skill_checks.cards(learner_id)}
    # The ✅ button of the stage page does the same.
    view = _services(harness).progress.view(learner_id)
    index = view.index_of(course.key)
    await client.send("/plan")
    stage = client.find("▶")
    tick = next(data for _, data in stage.buttons if data.endswith(f"|m{index}"))
    await client.click(stage, data=tick)
    assert taught <= {row["skill"] for row in _checks(harness).repos.skill_checks.cards(learner_id)}


async def test_undo_keeps_a_skill_already_reviewed_or_still_taught_by_something_done(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    learner_id = _learner(harness, client)
    catalog = _services(harness).catalog_source()
    _, course = _first_course(harness, learner_id)
    taught = skills_of_item(course.key, catalog)
    await client.send(f"/done {course.title}")
    reviewed = taught[0]
    ReviewScheduleRepo(_services(harness).db).set_history(learner_id, reviewed, 1, "1")
    await client.send(f"/undo {course.title}")
    left = {row["skill"] for row in _checks(harness).repos.skill_checks.cards(learner_id)}
    assert reviewed in left and not set(taught[1:]) & left


async def test_slipping_skill_flagged_in_progress_and_one_tap_adds_a_refresher_to_the_current_stage(
        harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    learner_id = _learner(harness, client)
    _, course = _first_course(harness, learner_id)
    await client.send(f"/done {course.title}")
    progress = _services(harness).progress
    done_before = set(progress.view(learner_id).done)
    repo = _checks(harness).repos.skill_checks
    skill = repo.cards(learner_id)[0]["skill"]
    results = [False, True, False]  # 2 of the last 3 missed: slipping, though the last two were not both wrong
    for right in results:
        for row in repo.cards(learner_id):  # only this skill is due
            due = datetime.now(UTC) + (timedelta(days=-1) if row["skill"] == skill else timedelta(days=30))
            repo.save_card(learner_id, row["skill"], row["card"], due, row["fails_in_row"], bool(row["flagged"]), due)
        await client.send("/review")
        [poll] = [m for m in client.last_messages if m.kind == "poll"]
        await client.answer_right(poll, right=right)
    assert "keeps slipping" in client.last.text
    name = _checks(harness).skill_name(skill)
    await client.send("/progress")
    report = "\n".join(client.texts[-3:])
    assert f"Slipping in reviews: {name}" in report and "2 of the last 3 missed" in report
    await client.tap(f"Refresh {name}")
    added = client.last.text
    assert added.startswith("Added to ") and name in added
    view = progress.view(learner_id)
    first_stage = view.roadmap.stages[0]
    [refresher] = ReviewScheduleRepo(_services(harness).db).refreshers(learner_id)
    assert refresher["stage_id"] == first_stage.id
    assert refresher["key"] in {i.key for i in view.roadmap.items() if i.stage_id == first_stage.id}
    assert done_before <= set(view.done)  # progress kept
    assert not any(r["flagged"] for r in repo.cards(learner_id))
    # A second tap adds nothing; a later mark's re-plan keeps the refresher in the plan.
    await client.tap(f"Refresh {name}")
    assert "already in your plan" in client.last.text
    other = next(i for i in view.items if i.key not in view.done and i.key != refresher["key"])
    await client.send(f"/done {other.title}")
    assert other.key in progress.view(learner_id).done
    assert refresher["key"] in {i.key for i in progress.view(learner_id).roadmap.items()}
    # /export names the refresher and the readiness summary.
    await client.send("/export")
    [document] = [m for m in client.last_messages if m.kind == "document"]
    data = json.loads(document.data or b"{}")
    assert [r["refresher"]["key"] for r in data["skill_reviews"] if r["refresher"]] == [refresher["key"]]
    assert "readiness" in data["progress"]


async def test_progress_and_export_show_readiness_per_stage_and_the_job_line(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client, CLAIMS)
    learner_id = _learner(harness, client)
    await client.send("/check sql")
    for _ in range(3):
        [poll] = [m for m in client.last_messages if m.kind == "poll"]
        await client.answer_right(poll)
    await client.send("/progress")
    report = client.texts[-1] if "Job readiness" in client.texts[-1] else "\n".join(client.texts)
    assert "Claimed at the start: 1 of 2 claimed skills checked by a quiz" in report
    assert "Checked: SQL (5 Jan 2026)" in report
    assert "Job readiness: 1 of " in report and "projects done" in report and "h of the plan to go" in report
    data = _services(harness).privacy.export(learner_id)
    ready = data["progress"]["readiness"]
    assert ready["role_skills_checked"] == 1 and ready["role_skills_needed"] >= 2
    assert ready["stages"][0]["checked"] == [{"skill": "sql", "on": "2026-01-05"}]


async def test_done_by_name_on_a_retired_course_asks_and_marks_only_when_confirmed(
        admin_harness: AppHarness) -> None:  # noqa: F811
    learner = BotClient(admin_harness, LEARNER_ID)
    await onboard(learner)
    progress = admin_harness.app.bot_data["services"].progress
    learner_id = progress.learner_id("telegram", str(LEARNER_ID))
    course = next(item for item in progress.view(learner_id).items if item.kind == "course")
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send(f"/retire {course.key.split(':', 1)[1]}")
    await learner.send(f"/done {course.title}")
    asked = learner.last
    assert "has just left the catalog" in asked.text and course.title in asked.text
    assert [label for label, _ in asked.buttons] == [texts.TG_RETIRED_CONFIRM, texts.TG_BUTTON_REPLAN]
    assert course.key not in progress.view(learner_id).done
    await learner.click(asked, label="Yes, I finished it")
    assert course.key in progress.view(learner_id).done


async def test_a_blocked_learner_with_only_a_review_time_gets_no_more_reviews(make_app: Callable[..., Any]) -> None:
    async with make_app() as harness:
        client = BotClient(harness)
        await onboard(client, CLAIMS)
        learner_id = _learner(harness, client)
        await client.send("/done linear algebra")
        await client.send("/review time 19:30")
        _all_due(harness, learner_id)
        _checks(harness).pause_reviews(learner_id, "forbidden")
        assert _checks(harness).review_slot(learner_id) is None
        assert not _checks(harness).review_due(learner_id, "telegram", str(client.user_id))
