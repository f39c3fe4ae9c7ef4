"""RoadmapView across versions: work done before /edit still counts and can be undone; one-transaction marks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlite_utils import Database

from bot.domain.dialogue import UserInput
from bot.domain.progress import summarise
from bot.services.conversation import ConversationService
from bot.services.progress import ProgressService, StaleRoadmap
from bot.storage.db import open_database
from bot.storage.repositories import Repositories
from tests.integration.test_conversation_service import CATALOG, TODAY, Learner, onboard, service_on


def _edited(db: Database) -> tuple[Learner, ProgressService, str, str]:
    """Onboard, mark a course and a whole-stage skill done, then change an answer and re-plan (reason edit)."""
    learner = Learner(service_on(db))
    first = onboard(learner)
    assert first.roadmap is not None
    progress = ProgressService(db, lambda: CATALOG, lambda: TODAY + timedelta(days=14))
    course = f"course:{first.roadmap.stages[0].courses[0].id}"
    step = f"step:{first.roadmap.stages[-1].steps[0].id}"
    progress.mark(first.learner_id, course)
    progress.mark(first.learner_id, step)
    learner.service = ConversationService(db, lambda: CATALOG, lambda: TODAY + timedelta(days=30))
    learner.command("/edit hours")
    learner.send("20")
    outcome = learner.click("plan:make")
    assert outcome.roadmap is not None and course not in {i.key for i in outcome.roadmap.items()}
    return learner, progress, course, step


def test_work_done_before_an_edit_still_counts_in_progress() -> None:
    db = open_database(None)
    learner, progress, course, step = _edited(db)
    assert learner.last is not None
    view = progress.view(learner.last.learner_id)
    assert view is not None and view.base == view.roadmap  # the edit plan is the new base
    keys = {i.key for i in view.items}
    assert {course, step} <= keys and {course, step} <= view.done
    summary = summarise(view, TODAY + timedelta(days=30))
    assert summary.items_done == 2 and summary.hours_done > 0
    # The outcome of the edit carries the same view (no second read needed to show it).
    assert learner.last.view is not None and {i.key for i in learner.last.view.items} == keys
    report = progress.report(learner.last.learner_id)
    assert report is not None and report[0] == summary


def test_an_item_done_before_an_edit_can_be_undone() -> None:
    db = open_database(None)
    learner, progress, course, _ = _edited(db)
    assert learner.last is not None
    lid = learner.last.learner_id
    assert progress.last_marked(lid) is not None
    outcome = progress.mark(lid, course, done=False)
    assert outcome.changed and course not in outcome.view.done
    assert course not in {i.key for i in outcome.view.earlier}
    again = progress.view(lid)
    assert again is not None and course not in again.done


def test_mark_at_checks_version_and_index_in_the_same_transaction() -> None:
    db = open_database(None)
    learner = Learner(service_on(db))
    first = onboard(learner)
    progress = ProgressService(db, lambda: CATALOG, lambda: TODAY)
    view = progress.view(first.learner_id)
    assert view is not None
    with pytest.raises(StaleRoadmap) as stale:
        progress.mark_at(first.learner_id, view.version + 1, 0)
    assert stale.value.view.version == view.version
    with pytest.raises(StaleRoadmap):
        progress.mark_at(first.learner_id, view.version, len(view.items))
    events = Repositories(db).progress.events(first.learner_id)
    assert events == []  # a stale button records nothing
    outcome = progress.mark_at(first.learner_id, view.version, 0)
    assert outcome.changed and outcome.item.key == view.items[0].key and outcome.view.version == view.version + 1


def test_a_stale_answer_button_changes_nothing() -> None:
    db = open_database(None)
    service = service_on(db)
    started = service.handle("telegram", "7", UserInput(kind="command", value="/start"))
    value = started.replies[-1].options[0].value
    stale = service.handle("telegram", "7", UserInput(kind="button", value=value),
                           expected_version=started.state_version + 1)
    assert stale.stale and stale.replies == [] and stale.state_version == started.state_version
    assert service.current_version("telegram", "7") == started.state_version
    unknown = service.handle("telegram", "nobody", UserInput(kind="button", value=value), expected_version=3)
    assert unknown.stale and unknown.state_version == 0
    assert Repositories(db).learners.find("telegram", "nobody") is None
    fresh = service.handle("telegram", "7", UserInput(kind="button", value=value),
                           expected_version=started.state_version)
    assert not fresh.stale and fresh.state_version == started.state_version + 1
