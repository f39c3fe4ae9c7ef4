"""Issue 18 in the terminal: /check SKILL and /review ask numbered options; /progress shows readiness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.integration.test_terminal_frontend import planned, said


def _right(chat: object, right: bool) -> str:
    """The number to type for the question on screen (right or wrong)."""
    choices = chat.choices  # type: ignore[attr-defined]
    asked = choices[0].action.args[1]
    correct = asked.question.correct
    return str(correct + 1 if right else (correct + 1) % len(choices) + 1)


def test_check_asks_numbered_options_and_records_the_result() -> None:
    chat, out, _ = planned()
    mark = len(out.getvalue())
    chat.answer("/check sql")
    assert "SQL 1/3:" in said(out, mark) and "\n1. " in said(out, mark)
    for right in (True, True, False):
        chat.answer(_right(chat, right))
    transcript = said(out, mark)
    assert "SQL checked: 2 of 3 right, recorded on 2026-11-23" in transcript
    mark = len(out.getvalue())
    chat.answer("/progress")
    assert "Checked: SQL" in said(out, mark) and "Job readiness" in said(out, mark)
    print(transcript)


def test_failed_check_then_refresher_changes_the_plan() -> None:
    chat, out, _ = planned()
    chat.answer("/check sql")
    for _ in range(3):
        chat.answer(_right(chat, False))
    assert "0 of 3 right" in out.getvalue()
    chat.answer("2")
    assert "refresher of SQL" in out.getvalue()
    learner = chat.progress.learner_id("terminal", "ana")
    assert learner is not None
    roadmap = chat.progress.latest_roadmap(learner)
    assert roadmap is not None and "sql" not in roadmap.profile.known_skills


def test_review_asks_the_due_questions() -> None:
    chat, out, _ = planned()
    mark = len(out.getvalue())
    chat.answer("/review")
    assert "No reviews are due" in said(out, mark)
    chat.answer("/done python")
    learner = chat.progress.learner_id("terminal", "ana")
    assert learner is not None
    repo = chat.checks.repos.skill_checks
    cards = repo.cards(learner)
    if not cards:  # the plan had no python item to finish: put one skill under review directly
        from bot.services.skill_checks import enrol_reviews

        enrol_reviews(chat.checks.repos, learner, "skill:sql", chat.service.catalog_source(), datetime.now(UTC))
        cards = repo.cards(learner)
    for row in cards:
        repo.save_card(learner, row["skill"], row["card"], datetime(2026, 11, 1, tzinfo=UTC), 0, False,
                       datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=1))
    mark = len(out.getvalue())
    chat.answer("/review")
    assert "Review, " in said(out, mark)
    chat.answer(_right(chat, True))
    assert "stays fresh" in said(out, mark)
    print(said(out, mark))
