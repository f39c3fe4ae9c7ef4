"""Issue 18, part 2, in the terminal: /review time, readiness in /progress, /refresh for a slipping skill, and
/done on a retired course, over the same services as Telegram."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from bot import texts
from bot.domain.catalog import Catalog
from bot.services.conversation import ConversationService
from bot.storage.db import open_database
from bot.storage.repositories import ReviewScheduleRepo
from bot.terminal import TerminalChat
from tests.integration.test_conversation_service import CATALOG
from tests.integration.test_terminal_frontend import ONBOARDING, TODAY, planned, said
from tests.integration.test_terminal_skill_checks import _right


def test_review_time_is_set_shown_refused_when_bad_and_cleared() -> None:
    chat, out, _ = planned()
    learner = chat.progress.learner_id("terminal", "ana")
    assert learner is not None
    mark = len(out.getvalue())
    chat.answer("/review time")
    assert "Reviews are not sent on their own yet" in said(out, mark)
    chat.answer("/review time 19:30 Europe/Lisbon")
    assert "19:30 (Europe/Lisbon)" in said(out, mark)
    for bad in ("/review time 19:75", "/review time tomorrow", "/review time 8 Nowhere/Land"):
        chat.answer(bad)
        assert chat.checks.review_time(learner).at == (19, 30)
    assert "Say a time of day" in said(out, mark) and "don't know the time zone 'Nowhere/Land'" in said(out, mark)
    chat.answer("/review time off")
    assert texts.REVIEW_TIME_CLEARED in said(out, mark) and chat.checks.review_time(learner).at is None


def test_progress_shows_readiness_per_stage_and_the_job_line() -> None:
    chat, out, _ = planned()
    chat.answer("/check sql")
    for _ in range(3):
        chat.answer(_right(chat, True))
    mark = len(out.getvalue())
    chat.answer("/progress")
    shown = " ".join(said(out, mark).split())
    assert "Claimed at the start: 1 of 2 claimed skills checked by a quiz" in shown
    assert "Checked: SQL (23 Nov 2026)" in shown
    assert "Job readiness: 1 of " in shown and "h of the plan to go" in shown


def test_a_slipping_skill_gets_a_refresher_in_the_current_stage_with_one_command() -> None:
    chat, out, _ = planned()
    learner = chat.progress.learner_id("terminal", "ana")
    assert learner is not None
    view = chat.progress.view(learner)
    assert view is not None
    course = next(i for i in view.items if i.kind == "course")
    chat.answer(f"/done {course.title}")
    repo = chat.checks.repos.skill_checks
    skill = repo.cards(learner)[0]["skill"]
    for right in (False, False):
        for row in repo.cards(learner):
            due = datetime(2026, 11, 23, tzinfo=UTC) + (timedelta(days=-1) if row["skill"] == skill else
                                                         timedelta(days=30))
            repo.save_card(learner, row["skill"], row["card"], due, row["fails_in_row"], bool(row["flagged"]), due)
        chat.answer("/review")
        chat.answer(_right(chat, right))
    mark = len(out.getvalue())
    chat.answer("/progress")
    assert "Slipping in reviews" in said(out, mark) and "/refresh SKILL" in said(out, mark)
    chat.answer(f"/refresh {skill}")
    assert "Added to " in said(out, mark)
    [refresher] = ReviewScheduleRepo(chat.checks.db).refreshers(learner)
    roadmap = chat.progress.latest_roadmap(learner)
    assert roadmap is not None and refresher["key"] in {i.key for i in roadmap.items()}
    assert course.key in chat.progress.view(learner).done  # type: ignore[union-attr]
    chat.answer("/refresh")
    assert texts.TERM_REFRESH_NONE in said(out, mark)


def test_done_on_a_retired_course_asks_first() -> None:
    holder = [CATALOG]
    db = open_database(None)
    service = ConversationService(db, lambda: holder[0], lambda: TODAY, now=lambda: datetime(2026, 11, 23, tzinfo=UTC))
    out = io.StringIO()
    chat = TerminalChat(service, "ana", out)
    for line in ["/start", *ONBOARDING, "make plan"]:
        chat.answer(line)
    learner = chat.progress.learner_id("terminal", "ana")
    assert learner is not None
    view = chat.progress.view(learner)
    assert view is not None
    course = next(i for i in view.items if i.kind == "course")
    data = CATALOG.model_dump()
    for entry in data["courses"]:
        if entry["id"] == course.key.split(":", 1)[1]:
            entry["status"], entry["retired_on"] = "retired", "2026-11-01"
    holder[0] = Catalog.model_validate(data)
    mark = len(out.getvalue())
    chat.answer(f"/done {course.title}")
    assert "has just left the catalog" in said(out, mark) and "1. Yes, I finished it" in said(out, mark)
    assert course.key not in chat.progress.view(learner).done  # type: ignore[union-attr]
    chat.answer("3")
    assert texts.TERM_LEFT_AS_IS in said(out, mark)
    chat.answer(f"/done {course.title}")
    chat.answer("1")
    assert course.key in chat.progress.view(learner).done  # type: ignore[union-attr]
