"""The dialogue with a hurried learner (session 4): "no budget" asked back, replies to a pending question that state
the value themselves, bare spans of time at the deadline question, and several answers in one message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dialogue import DialogueState
from bot.domain.profile import LearnerProfile
from tests.unit.test_dialogue import TODAY, Chat

SHIPPED = Catalog.load(Path(__file__).resolve().parents[2] / "content")


def at(step_name: str, answered: list[str]) -> Chat:
    """A chat standing at `step_name`, with the given questions answered."""
    profile = LearnerProfile(target_role="ml-engineer", hours_per_week=10)
    return Chat(state=DialogueState(step=step_name, profile=profile, answered=answered))


BEFORE_BUDGET = ["role", "domain", "education", "job", "years", "skills", "hours", "deadline"]


@pytest.mark.parametrize("said", ["no budget", "No budget really", "i don't have a budget", "budget: none"])
@pytest.mark.parametrize(("reply", "budget"), [("yes", 0.0), ("Yes", 0.0), ("no", None), ("nope", None)])
def test_no_budget_is_asked_back_once_and_the_yes_or_no_decides(said: str, reply: str, budget: float | None) -> None:
    """"No budget" stores nothing until the one short question is answered: yes is free only, no is no limit."""
    chat = at("budget", BEFORE_BUDGET)
    chat.send(said)
    assert chat.question.text == texts.UNDERSTAND_NO_BUDGET
    assert [o.value for o in chat.question.options] == ["confirm:yes", "confirm:no"]
    assert "budget" not in chat.state.answered and not chat.state.profile.budget_known
    chat.send(reply)
    assert chat.state.profile.budget_known and chat.state.profile.budget_usd == budget
    assert "budget" in chat.state.answered and chat.state.step == "certificates"


@pytest.mark.parametrize(("reply", "budget"), [
    ("no money lol", 0.0), ("no, free stuff only", 0.0), ("nope, I'm broke", 0.0), ("no limit", None),
    ("no, money is no issue", None), ("no, $200", 200.0), ("yes, company pays", None)])
def test_a_reply_that_states_the_asked_field_is_that_value_not_its_yes_or_no(reply: str,
                                                                              budget: float | None) -> None:
    """Rule: a reply to a pending question that itself states the field is the answer, whatever yes or no opens it."""
    chat = at("budget", BEFORE_BUDGET)
    chat.send("no budget")
    chat.send(reply)
    assert chat.state.profile.budget_known and chat.state.profile.budget_usd == budget
    assert not chat.state.pending


def test_no_after_a_role_guess_with_another_role_takes_the_other_role() -> None:
    """"no, data scientist" to "Did you mean data analyst?" is the data scientist, not a bare no."""
    chat = Chat(catalog=SHIPPED)
    chat.command("/start")
    chat.send("data analist")
    assert chat.question.text == "Did you mean data analyst?"
    chat.send("no, data scientist")
    assert chat.state.profile.target_role == "data-scientist"


@pytest.mark.parametrize("text", ["no, data scientist", "nope - ml engineer", "no. data analyst"])
def test_a_no_that_names_a_role_at_the_role_question_is_that_role_not_the_quiz(text: str) -> None:
    """A leading "no" is a refusal ("none of these": the quiz) only when the message names nothing else."""
    chat = Chat(catalog=SHIPPED)
    chat.command("/start")
    chat.send(text)
    assert chat.state.profile.target_role is not None and chat.state.step != "quiz1"


def test_a_bare_no_at_the_role_question_still_starts_the_quiz() -> None:
    chat = Chat(catalog=SHIPPED)
    chat.command("/start")
    chat.send("no")
    assert chat.state.step == "quiz1"


def test_no_budget_in_an_opening_message_is_asked_after_the_rest_is_taken() -> None:
    chat = Chat()
    chat.command("/start")
    chat.send("ml engineer, 10 hours a week, no budget, yes to certificates")
    profile = chat.state.profile
    assert (profile.target_role, profile.hours_per_week, profile.wants_certificates) == ("ml-engineer", 10, True)
    assert chat.question.text == texts.UNDERSTAND_NO_BUDGET
    chat.send("yes")
    assert chat.state.profile.budget_usd == 0.0


@pytest.mark.parametrize("at_step", ["domain", "certificates"])
def test_no_budget_at_a_yes_no_like_question_is_not_its_no(at_step: str) -> None:
    """"no budget" at "Any specialisation?" or "Certificates?" is about money: that question stays open."""
    chat = at(at_step, ["role", "hours"])
    chat.send("no budget")
    assert at_step not in chat.state.answered
    assert chat.question.text == texts.UNDERSTAND_NO_BUDGET


@settings(max_examples=40, deadline=None)
@given(span=st.sampled_from([("half a year", 6), ("a year and a half", 18), ("one and a half years", 18),
                             ("2 years", 24), ("two years", 24), ("about a year", 12), ("18 months", 18),
                             ("a year", 12), ("9 months or so", 9), ("1.5 yrs", 18)]))
def test_a_bare_span_at_the_deadline_question_is_how_long_from_now(span: tuple[str, int]) -> None:
    """Rule: at "By when ...?" a span of time alone is the deadline that far from today."""
    said, months = span
    chat = at("deadline", ["role", "domain", "education", "job", "years", "skills", "hours"])
    chat.send(said)
    year, month = divmod(TODAY.month - 1 + months, 12)
    assert chat.state.profile.deadline == date(TODAY.year + year, month + 1, TODAY.day)
    assert "deadline" in chat.state.answered


def test_a_bare_span_elsewhere_is_still_experience() -> None:
    """At the years question "a year and a half" is experience, not a deadline."""
    chat = at("years", ["role", "domain", "education", "job"])
    chat.send("a year and a half")
    assert chat.state.profile.years_experience == 1.5 and chat.state.profile.deadline is None


@pytest.mark.parametrize(("text", "hours"), [("actually 8 hours not 10", 8), ("oops, make it 12h", 12),
                                             ("sorry i meant 6 hours a week", 6)])
def test_a_correction_of_hours_applies_at_once(text: str, hours: float) -> None:
    chat = at("deadline", ["role", "domain", "education", "job", "years", "skills", "hours"])
    chat.send(text)
    assert chat.state.profile.hours_per_week == hours and not chat.state.pending


BEFORE_HOURS = ["role", "domain", "education", "job", "years", "skills"]


@pytest.mark.parametrize(("said", "hours"), [("ugh like 4? maybe 5 on a good week", 4), ("like 6-8?", 7),
                                             ("hmm 3 or 4 tops", 3.5), ("maybe 2 a day", 14), ("prob 10? idk", 10)])
def test_a_hedged_number_at_the_hours_question_is_in_hours(said: str, hours: float) -> None:
    """Rule: at a numeric question the numbers of a hedged answer ("like 4?") take the question's unit; a question
    mark after a number is hesitation, not a question back."""
    chat = at("hours", BEFORE_HOURS)
    chat.send(said)
    assert chat.state.profile.hours_per_week == hours and "hours" in chat.state.answered


@pytest.mark.parametrize(("said", "budget"), [("prob 200? idk", 200.0), ("ugh, 50 maybe", 50.0)])
def test_a_hedged_number_at_the_budget_question_is_dollars(said: str, budget: float) -> None:
    chat = at("budget", BEFORE_BUDGET)
    chat.send(said)
    assert chat.state.profile.budget_usd == budget


@pytest.mark.parametrize("said", ["I have 2 kids and a job", "what does 10 mean?", "between jobs since 2023"])
def test_a_number_that_counts_something_else_is_no_hours(said: str) -> None:
    chat = at("hours", BEFORE_HOURS)
    chat.send(said)
    assert "hours" not in chat.state.answered
