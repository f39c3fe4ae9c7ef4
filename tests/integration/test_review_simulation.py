"""Issue 18, part 2: what the review schedule does over 30 simulated days for one learner, through the real
services (ProgressService marks, SkillCheckService rounds, answers by poll id, the review slot, refreshers) on a
moving clock. Run with -s to read the day-by-day log:

    .venv/bin/pytest -q -s -p no:cacheprovider tests/integration/test_review_simulation.py
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.domain.skillcheck import REVIEWS_PER_DAY, REVIEWS_PER_SESSION, skills_of_item
from bot.services.conversation import ConversationService
from bot.storage.db import open_database
from bot.storage.repositories import ReviewScheduleRepo
from bot.terminal import TerminalChat
from tests.integration.test_conversation_service import CATALOG
from tests.integration.test_terminal_frontend import ONBOARDING

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
REVIEW_AT = time(19, 30)


@dataclass
class Clock:
    """The simulated time every service reads."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()


def simulate(days: int = 30) -> tuple[list[str], list[int], dict[str, object]]:
    clock = Clock(START)
    db = open_database(None)
    service = ConversationService(db, lambda: CATALOG, clock.today, now=clock.now)
    chat = TerminalChat(service, "ana", io.StringIO())
    for line in ["/start", *ONBOARDING, "make plan"]:
        chat.answer(line)
    progress, checks = chat.progress, chat.checks
    learner = progress.learner_id("terminal", "ana")
    assert learner is not None
    checks.set_review_time(learner, REVIEW_AT.hour, REVIEW_AT.minute, "UTC")
    view = progress.view(learner)
    assert view is not None
    courses = [i for i in view.items if i.kind == "course" and len(skills_of_item(i.key, CATALOG)) >= 1]
    finish = {0: courses[0], 4: courses[1], 10: courses[2]}
    slipping = skills_of_item(courses[0].key, CATALOG)[0]  # wrong until its refresher is done
    wrong_once = {(skills_of_item(courses[1].key, CATALOG)[0], 1)}
    log: list[str] = [f"review time {REVIEW_AT:%H:%M} UTC; {slipping} answered wrongly until its refresher is done"]
    per_day: list[int] = []
    sessions: list[int] = []
    answered: dict[str, int] = {}
    refresher = ""
    refreshed = False  # the learner answers the slipping skill right once its refresher is done
    for day in range(days):
        clock.moment = START + timedelta(days=day)
        item = finish.get(day)
        if item is not None:
            progress.mark(learner, item.key)
            names = ", ".join(skills_of_item(item.key, CATALOG))
            mine = refresher and item.key == ReviewScheduleRepo(checks.db).refreshers(learner)[0]["key"]
            log.append(f"day {day:2d} 09:00  /done {item.title} -> under review: {names}"
                       + (" (the refresher)" if mine else ""))
        if day == 12:  # the learner also asks for reviews in the morning: the day's cap still holds
            morning = checks.due_reviews(learner)
            log.append(f"day {day:2d} 09:00  /review asked by hand: {len(morning)} due now")
            for asked in morning:
                checks.answer(checks.sent(learner, asked), "ana", asked.question.correct)
        clock.moment = datetime.combine(clock.today(), REVIEW_AT, tzinfo=UTC)
        window = checks.reviews_due(clock.moment - timedelta(minutes=5), clock.moment + timedelta(minutes=5),
                                     channel="terminal")
        assert [slot.learner_id for slot, _ in window] == [learner]  # the daily round is due at the review time
        due = checks.due_reviews(learner)
        for asked in due:
            answered[asked.skill] = answered.get(asked.skill, 0) + 1
            right = (asked.skill != slipping or refreshed) and (asked.skill, answered[asked.skill]) not in wrong_once
            chosen = asked.question.correct if right else (asked.question.correct + 1) % len(asked.question.options)
            result = checks.answer(checks.sent(learner, asked), "ana", chosen)
            assert result is not None and result.result is not None
            card = next(r for r in checks.repos.skill_checks.cards(learner) if r["skill"] == asked.skill)
            next_in = (datetime.fromisoformat(card["due"]) - clock.moment) / timedelta(days=1)
            flag = "  SLIPPING (2 of last 3 missed)" if result.result.flagged else ""
            log.append(f"day {day:2d} {REVIEW_AT:%H:%M}  review {asked.skill:<22} {'right' if right else 'wrong'}"
                       f" -> next in {next_in:4.1f} d (day {day + next_in:4.1f}){flag}")
            if result.result.flagged and not refresher:
                refresher = checks.add_refresher(learner, asked.skill).message
                log.append(f"day {day:2d} {REVIEW_AT:%H:%M}  one tap on Refresh: {refresher}")
                key = ReviewScheduleRepo(checks.db).refreshers(learner)[0]["key"]
                finish[day + 3] = next(i for i in progress.view(learner).items if i.key == key)  # type: ignore[union-attr]
        if item is not None and item.key.startswith(("step:refresh-", "course:")) and refresher and not refreshed:
            refreshed = item.key == ReviewScheduleRepo(checks.db).refreshers(learner)[0]["key"]
        if not due:
            log.append(f"day {day:2d} {REVIEW_AT:%H:%M}  nothing due")
        per_day.append(checks.repos.skill_checks.review_polls_on(learner, clock.today()))
        sessions.append(len(due))
    final = progress.view(learner)
    assert final is not None
    return log, per_day, {"refresher": refresher, "done": set(final.done), "finished": {i.key for i in finish.values()},
                          "sessions": sessions, "items": {i.key for i in final.items}}


def test_thirty_days_of_reviews_for_one_learner_through_the_services() -> None:
    log, per_day, state = simulate()
    print("\n".join(log))
    print("review polls per day:", per_day, "total", sum(per_day))
    assert max(per_day) <= REVIEWS_PER_DAY
    assert max(state["sessions"]) <= REVIEWS_PER_SESSION  # type: ignore[arg-type]
    assert sum(per_day) > 0 and str(state["refresher"]).startswith("Added to ")  # the slipping skill's refresher
    assert state["finished"] <= state["done"]  # type: ignore[operator]  # progress kept through the refresher
    # The slipping offer comes once, on a wrong answer, and not again while its refresher is still to do.
    offers = [line for line in log if "SLIPPING" in line]
    assert offers and all(" wrong " in line for line in offers)
    tapped = next(n for n, line in enumerate(log) if "one tap on Refresh" in line)
    done = next(n for n, line in enumerate(log) if line.endswith("(the refresher)"))
    assert not [line for line in log[tapped + 1:done] if "SLIPPING" in line]
    assert simulate()[0] == log  # deterministic: FSRS without fuzzing, a simulated clock
