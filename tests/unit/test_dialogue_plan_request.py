"""Hurried answers the lead found in the terminal: a plan request is never a "yes" to a question asked back; a
bare degree answers the education question."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog
from bot.domain.dialogue import DialogueState, UserInput, step
from bot.domain.profile import LearnerProfile

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 12, 1)

# Openings after which the bot asks something back about the role.
ASKED_BACK = [
    ("data analyst, python, sql. maybe data scientist or ml engineer? 10h a week", None),
    ("I want to be an ml enginer, 10 h a week", None),
    ("want DS role or ML engineer, 8 hours a week", "data-scientist"),
]
PLAN_REQUESTS = ["make my plan", "ok make the plan", "just make the plan please", "make plan", "plan now"]


def _asked(opening: str) -> DialogueState:
    state = step(DialogueState(), UserInput(kind="command", value="/start"), CATALOG, TODAY).state
    return step(state, UserInput(kind="text", value=opening), CATALOG, TODAY).state


@pytest.mark.parametrize(("opening", "role_before"), ASKED_BACK)
@pytest.mark.parametrize("request_", PLAN_REQUESTS)
def test_a_plan_request_keeps_the_role_as_it_was(opening: str, role_before: str | None, request_: str) -> None:
    state = _asked(opening)
    assert state.pending, "the opening must leave a question asked back"
    role = state.profile.target_role
    after = step(state, UserInput(kind="text", value=request_), CATALOG, TODAY).state
    assert after.profile.target_role == role
    assert after.pending == []


@pytest.mark.parametrize("yes", ["yes", "yep", "sure"])
def test_a_yes_still_confirms(yes: str) -> None:
    state = _asked("I want to be an ml enginer, 10 h a week")
    after = step(state, UserInput(kind="text", value=yes), CATALOG, TODAY).state
    assert after.profile.target_role == "ml-engineer"


@pytest.mark.parametrize(("said", "education"), [
    ("master", "master"), ("Masters.", "master"), ("ms", "master"), ("MA", "master"), ("an MSc", "master"),
    ("ba", "bachelor"), ("BSc", "bachelor"), ("a bachelors", "bachelor"), ("undergrad degree", "bachelor"),
    ("phd", "phd"), ("doctorate", "phd"), ("hs", "high_school"), ("just high school", "high_school"),
    ("bootcamp", "bootcamp"), ("none", "none"),
])
def test_a_bare_degree_answers_the_education_question(said: str, education: str) -> None:
    """At the education question a degree said in one or two words is the answer ("master", "BA", "hs")."""
    state = DialogueState(step="education", profile=LearnerProfile(target_role="data-scientist"),
                          answered=["role", "domain"])
    after = step(state, UserInput(kind="text", value=said), CATALOG, TODAY).state
    assert after.profile.education == education and after.step != "education"


def test_a_degree_word_in_another_sense_is_no_answer() -> None:
    state = DialogueState(step="education", profile=LearnerProfile(target_role="data-scientist"),
                          answered=["role", "domain"])
    after = step(state, UserInput(kind="text", value="scrum master"), CATALOG, TODAY).state
    assert after.profile.education is None
