"""Issue 16: the profile's bounds (hours, years, deadline) live on LearnerProfile; the dialogue only asks it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.domain.catalog import Catalog
from bot.domain.dialogue import DialogueState, UserInput, step
from bot.domain.profile import (
    HOURS_TOO_FEW,
    HOURS_TOO_MANY,
    MAX_ANSWER_HOURS,
    MAX_YEARS_EXPERIENCE,
    MIN_ANSWER_HOURS,
    OUT_OF_RANGE,
    LearnerProfile,
)

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("hours", "problem"), [
    (0.0, HOURS_TOO_FEW), (0.5, HOURS_TOO_FEW), (-2.0, HOURS_TOO_FEW), (MIN_ANSWER_HOURS, None), (37.5, None),
    (MAX_ANSWER_HOURS, None), (MAX_ANSWER_HOURS + 0.5, HOURS_TOO_MANY), (1000.0, HOURS_TOO_MANY),
])
def test_an_hours_answer_is_judged_by_the_profile(hours: float, problem: str | None) -> None:
    assert LearnerProfile.answer_problem("hours_per_week", hours) == problem


def test_years_beyond_a_working_life_are_no_profile() -> None:
    with pytest.raises(ValidationError):
        LearnerProfile(years_experience=MAX_YEARS_EXPERIENCE + 1)
    assert LearnerProfile.answer_problem("years_experience", MAX_YEARS_EXPERIENCE + 1) == OUT_OF_RANGE
    assert LearnerProfile.answer_problem("years_experience", -1) == OUT_OF_RANGE
    assert LearnerProfile.answer_problem("years_experience", 12) is None


def test_a_deadline_past_the_calendar_is_no_answer() -> None:
    assert LearnerProfile.answer_problem("deadline", date(2400, 1, 1)) == OUT_OF_RANGE
    assert LearnerProfile.answer_problem("deadline", date(2027, 6, 1)) is None


def test_stored_profiles_keep_the_looser_bounds() -> None:
    """Profile files may hold 0 or 200 hours (the planner warns); only an answer is held to 1..100."""
    assert LearnerProfile(hours_per_week=200.0).hours_per_week == 200.0
    assert LearnerProfile(hours_per_week=0.0).hours_per_week == 0.0


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=400))
def test_the_dialogue_stores_an_hours_answer_exactly_when_the_profile_takes_it(hours: int) -> None:
    state = DialogueState(step="hours", profile=LearnerProfile(target_role="ml-engineer"), answered=["role"])
    result = step(state, UserInput(kind="text", value=f"{hours} hours a week"), CATALOG, TODAY)
    stored = result.state.profile.hours_per_week
    if LearnerProfile.answer_problem("hours_per_week", float(hours)) is None:
        assert stored == hours
    else:
        assert stored is None and result.state.step == "hours"


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=150))
def test_the_years_button_takes_exactly_what_the_profile_takes(years: int) -> None:
    state = DialogueState(step="years", profile=LearnerProfile(target_role="ml-engineer"),
                          answered=["role", "domain", "education", "job"])
    result = step(state, UserInput(kind="button", value=f"years:{years}"), CATALOG, TODAY)
    expected = years if LearnerProfile.answer_problem("years_experience", float(years)) is None else None
    assert result.state.profile.years_experience == expected
