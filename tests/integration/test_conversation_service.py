"""ConversationService on a real SQLite database with the shipped catalog."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot import texts
from bot.config import SHIPPED_CONTENT
from bot.domain.catalog import Catalog
from bot.domain.dialogue import UserInput
from bot.domain.planner import Roadmap
from bot.services.catalog_admin import CatalogAdminService
from bot.services.conversation import REASON_EDIT, REASON_ONBOARDING, ConversationService, Outcome
from bot.services.progress import ProgressService
from bot.storage.db import open_database
from bot.storage.repositories import Repositories

TODAY = date(2026, 3, 15)
CATALOG = Catalog.load(SHIPPED_CONTENT)


def service_on(db: Database) -> ConversationService:
    """A service with a fixed clock and the shipped catalog."""
    return ConversationService(db, lambda: CATALOG, lambda: TODAY, now=lambda: datetime(2026, 3, 15, 12, 0, tzinfo=UTC))


class Learner:
    """One learner talking through the service."""

    def __init__(self, service: ConversationService, who: str = "42") -> None:
        self.service = service
        self.who = who
        self.last: Outcome | None = None

    def _do(self, kind: str, value: str) -> Outcome:
        self.last = self.service.handle("telegram", self.who, UserInput(kind=kind, value=value), "Ada")
        return self.last

    def send(self, text: str) -> Outcome:
        return self._do("text", text)

    def click(self, value: str) -> Outcome:
        assert self.last is not None
        offered = [o.value for o in self.last.replies[-1].options]
        assert value in offered, f"{value} not in {offered}"
        return self._do("button", value)

    def command(self, value: str) -> Outcome:
        return self._do("command", value)


# The buttons a learner taps after /start, through the shipped catalog's questions, up to the plan.
ONBOARDING_BUTTONS = (
    "role:nlp-engineer", "education:bachelor",  # the role implies NLP: no specialisation question
    "job:developer", "years:3", "cat:programming",
    "skill:python", "skill:git", "skills:done", "hours:10", "deadline:12", "budget:100", "certificates:no",
    "plan:make",
)


def onboard(learner: Learner) -> Outcome:
    """Buttons only, through the shipped catalog's questions."""
    learner.command("/start")
    for value in ONBOARDING_BUTTONS:
        outcome = learner.click(value)
    return outcome


def test_buttons_only_onboarding_stores_state_profile_and_roadmap() -> None:
    db = open_database(None)
    learner = Learner(service_on(db))
    outcome = onboard(learner)
    assert outcome.new_roadmap and isinstance(outcome.roadmap, Roadmap)
    assert outcome.roadmap_version == 1
    assert outcome.replies[-1].text == texts.PLAN_READY
    repos = Repositories(db)
    stored = repos.roadmaps.latest(outcome.learner_id)
    assert stored is not None and stored.reason == REASON_ONBOARDING
    assert stored.profile["target_role"] == "nlp-engineer"
    assert stored.profile["known_skills"] == ["python", "git"]
    assert repos.profiles.load(outcome.learner_id) == stored.profile
    saved = repos.dialogue.load(outcome.learner_id)
    assert saved is not None and saved[1] == outcome.state_version
    assert learner.service.current_version("telegram", "42") == outcome.state_version
    assert learner.service.latest_roadmap(outcome.learner_id) == outcome.roadmap


def test_changing_an_answer_replans_with_reason_edit() -> None:
    db = open_database(None)
    learner = Learner(service_on(db))
    first = onboard(learner)
    learner.command("/edit hours")
    learner.send("20")
    outcome = learner.click("plan:make")
    assert outcome.roadmap_version == 2
    assert outcome.roadmap is not None and first.roadmap is not None
    assert outcome.roadmap.totals != first.roadmap.totals
    stored = Repositories(db).roadmaps.latest(outcome.learner_id)
    assert stored is not None and stored.reason == REASON_EDIT and stored.profile["hours_per_week"] == 20


def test_show_plan_returns_the_stored_roadmap_without_storing_another() -> None:
    db = open_database(None)
    learner = Learner(service_on(db))
    made = onboard(learner)
    learner.command("/start")
    shown = learner.click("plan:show")
    assert not shown.new_roadmap
    assert shown.roadmap == made.roadmap and shown.roadmap_version == 1
    assert Repositories(db).roadmaps.count() == 1


def test_one_free_text_message_fills_most_fields() -> None:
    learner = Learner(service_on(open_database(None)))
    outcome = learner.send(
        "Hi! I'm a backend developer with a bachelor's degree, I know python, SQL and git. "
        "I want to become an NLP engineer, I can study 10 hours a week, ideally by June 2027, "
        "and I can spend up to $300. Certificates would be nice."
    )
    text = "\n".join(r.text for r in outcome.replies)
    assert "Got it:" in text
    state = learner.service.state("telegram", "42")
    assert state is not None
    profile = state.profile
    assert profile.target_role == "nlp-engineer"
    assert profile.hours_per_week == 10
    assert profile.deadline is not None
    assert profile.education is not None and profile.education.value == "bachelor"
    assert profile.budget_usd == 300 and profile.wants_certificates is True
    # The answered questions are skipped: the next one asked is one that is still open.
    assert state.step not in {"role", "hours", "deadline"}
    assert {"role", "hours", "deadline"} <= set(state.answered)


def test_resume_after_restart_with_a_file_database(tmp_path: Path) -> None:
    path = tmp_path / "waypoint.db"
    db = open_database(path)
    learner = Learner(service_on(db))
    learner.command("/start")
    learner.click("role:data-engineer")  # a role without specialisations
    learner.click("education:master")
    db.close()

    # A new process: a new connection and a new service; the conversation goes on where it stopped.
    reopened = open_database(path)
    again = Learner(service_on(reopened))
    outcome = again.command("/start")
    assert outcome.replies[0].text == texts.WELCOME_BACK
    assert outcome.replies[-1].text.startswith(texts.Q_JOB)
    state = again.service.state("telegram", "42")
    assert state is not None and state.profile.target_role == "data-engineer"
    assert state.profile.education is not None and state.profile.education.value == "master"
    reopened.close()


def test_a_failing_step_commits_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(None)
    learner = Learner(service_on(db))
    learner.command("/start")
    before = learner.service.current_version("telegram", "42")

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("bot.services.conversation.step", broken)
    with pytest.raises(RuntimeError):
        learner.command("/help")
    assert learner.service.current_version("telegram", "42") == before


def test_an_unreadable_saved_state_is_rebuilt_from_the_profile() -> None:
    db = open_database(None)
    learner = Learner(service_on(db))
    learner.command("/start")
    outcome = learner.click("role:data-analyst")
    repos = Repositories(db)
    with db.atomic():
        repos.dialogue.save(outcome.learner_id, {"step": 12, "nonsense": True}, 9, datetime.now(UTC))
    learner.command("/start")
    state = learner.service.state("telegram", "42")
    assert state is not None and state.profile.target_role == "data-analyst"
    assert "role" in state.answered and state.version == 10


def test_current_reply_redraws_the_open_question() -> None:
    learner = Learner(service_on(open_database(None)))
    assert learner.service.current_reply("telegram", "42") is None
    learner.command("/start")
    reply = learner.service.current_reply("telegram", "42")
    assert reply is not None and reply.text.startswith(texts.Q_ROLE)


def test_edit_replan_keeps_progress_and_the_first_start_date() -> None:
    db = open_database(None)
    learner = Learner(service_on(db))
    first = onboard(learner)
    assert first.roadmap is not None
    done_course = first.roadmap.stages[0].courses[0]
    progress = ProgressService(db, lambda: CATALOG, lambda: TODAY + timedelta(days=14))
    progress.mark(first.learner_id, f"course:{done_course.id}")

    later = TODAY + timedelta(days=30)
    learner.service = ConversationService(db, lambda: CATALOG, lambda: later)
    learner.command("/edit hours")
    outcome = learner.send("20")  # a changed answer re-plans at once (issue 15)
    new = outcome.roadmap
    assert new is not None and outcome.new_roadmap
    shown = learner.click("plan:make")  # the plan already follows the answers: shown, not stored again
    assert not shown.new_roadmap and shown.roadmap == new and shown.roadmap_version == outcome.roadmap_version
    assert done_course.id not in {c.id for s in new.stages for c in s.courses}
    assert f"course:{done_course.id}" not in {i.key for i in new.items()}
    assert any(done_course.title in change for change in new.changes)
    # The first plan's start is kept (pace is measured from it); the new answer's pace is used as given.
    assert new.started_on == TODAY and new.planned_on == later
    assert new.hours_per_week == 20
    stored = Repositories(db).roadmaps.latest(outcome.learner_id)
    assert stored is not None and stored.reason == REASON_EDIT and stored.roadmap == new.model_dump(mode="json")


def test_showing_the_plan_after_a_retirement_carries_the_notices() -> None:
    db = open_database(None)
    admin = CatalogAdminService(db, CATALOG)
    service = ConversationService(db, admin.effective, lambda: TODAY)
    learner = Learner(service)
    first = onboard(learner)
    assert first.roadmap is not None and first.notices == []
    course = first.roadmap.stages[0].courses[0]
    assert admin.retire(course.id, actor="test").ok
    shown = learner.command("/plan")
    assert not shown.new_roadmap and shown.roadmap == first.roadmap
    assert shown.notices == [texts.ADMIN_NOTICE_RETIRED.format(title=course.title)]
