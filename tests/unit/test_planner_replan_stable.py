"""Ticking an item never adds a course the plan did not have: a re-plan after progress keeps what the first plan
settled (a skill left short of depth, or to self-study, is not suddenly given a new 150 h course)."""

from __future__ import annotations

import pytest

from bot.domain.planner.models import _roadmap_items
from bot.domain.planner.replanning import replan
from bot.domain.progress import ProgressEvent
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned


@pytest.mark.parametrize("name", PROFILES)
def test_a_tick_never_adds_a_course(name: str) -> None:
    _, roadmap = planned(name)
    before = {c.id for s in roadmap.stages for c in s.courses}
    for item in _roadmap_items(list(roadmap.stages))[::3]:
        after = replan(roadmap, [ProgressEvent(item=item.key, on=TODAY)], CATALOG, TODAY)
        added = {c.id for s in after.stages for c in s.courses} - before
        assert not added, (item.key, added)


@pytest.mark.parametrize("name", PROFILES)
def test_a_tick_and_its_undo_keep_every_course(name: str) -> None:
    _, roadmap = planned(name)
    item = _roadmap_items(list(roadmap.stages))[0]
    events = [ProgressEvent(item=item.key, on=TODAY), ProgressEvent(item=item.key, done=False, on=TODAY)]
    after = replan(roadmap, events, CATALOG, TODAY)
    assert {c.id for s in after.stages for c in s.courses} <= {c.id for s in roadmap.stages for c in s.courses}
