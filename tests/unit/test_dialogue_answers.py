"""Issue 14: every step accepts what people type there, and nothing is overwritten silently.

Driven on the shipped catalog with the real understanding, each test states the general rule behind the examples.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dialogue import DialogueState, Reply, StepResult, UserInput, describe, step, yes_no
from bot.domain.profile import LearnerProfile

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 11, 23)
EVERYTHING = ["role", "domain", "education", "job", "years", "skills", "hours", "deadline", "budget", "certificates"]


class Chat:
    """A conversation on the shipped catalog."""

    def __init__(self, state: DialogueState | None = None) -> None:
        self.state = state or DialogueState()
        self.last: StepResult | None = None

    def _do(self, kind: str, value: str) -> list[Reply]:
        self.last = step(self.state, UserInput(kind=kind, value=value), CATALOG, TODAY)
        self.state = self.last.state
        return self.last.replies

    def send(self, text: str) -> list[Reply]:
        return self._do("text", text)

    def click(self, value: str) -> list[Reply]:
        return self._do("button", value)

    @property
    def text(self) -> str:
        assert self.last is not None
        return "\n".join(r.text for r in self.last.replies)

    @property
    def question(self) -> Reply:
        assert self.last is not None
        return self.last.replies[-1]


def at_step(name: str, answered: list[str] | None = None, **profile: object) -> Chat:
    """A chat waiting at one question, with the given fields answered."""
    base = {"target_role": "ml-engineer", "hours_per_week": 5.0, "deadline": date(2028, 5, 23)}
    state = DialogueState(step=name, profile=LearnerProfile.model_validate({**base, **profile}),
                          answered=answered if answered is not None else ["role", "hours", "deadline"])
    return Chat(state)


# ---------------------------------------------------------------- never overwrite silently


def test_a_side_fact_that_changes_an_answer_is_asked_about_and_the_question_stays_pending() -> None:
    """At the budget question, a new deadline is echoed as old → new with Yes/No; "no" keeps the old one."""
    chat = at_step("budget")
    chat.send("500 dollars, and I want it done by January 2027")
    assert chat.state.profile.budget_usd == 500
    assert chat.state.profile.deadline == date(2028, 5, 23)  # not yet changed
    assert "deadline: by 2028-05-23 → by 2027-01-31?" in chat.question.text
    assert [o.value for o in chat.question.options] == ["confirm:yes", "confirm:no"]
    chat.send("no")
    assert chat.state.profile.deadline == date(2028, 5, 23)
    assert "Kept deadline" in chat.text


def test_confirming_a_change_applies_it() -> None:
    chat = at_step("budget", answered=["role", "hours", "deadline"])
    chat.send("by January 2027")
    chat.click("confirm:yes")
    assert chat.state.profile.deadline == date(2027, 1, 31)
    assert chat.state.step == "budget"  # the pending question is asked again


def test_a_monthly_budget_never_resets_the_deadline() -> None:
    """Issue example: "maybe 50 bucks a month" at the budget step once reset an 18-month deadline."""
    chat = at_step("budget", deadline=date(2028, 5, 23))
    chat.send("maybe 50 bucks a month")
    assert chat.state.profile.deadline == date(2028, 5, 23)
    # Converted over the months until the deadline, and said so.
    assert chat.state.profile.budget_usd == 50 * 18
    assert "$50 a month × 18 months" in chat.text


def test_a_monthly_budget_without_deadline_is_asked_monthly_or_total() -> None:
    chat = at_step("budget", answered=["role", "hours"], deadline=None)
    chat.send("$30/month")
    assert "$30 a month" in chat.question.text and "$360" in chat.question.text
    chat.send("no")  # no: 30 in total
    assert chat.state.profile.budget_usd == 30


@pytest.mark.parametrize(
    ("said", "hours"),
    [("actually 10 hours, not 5", 10), ("sorry, make it 8 hours a week", 8), ("change my hours to 12", 12)],
)
def test_an_explicit_correction_applies_at_once(said: str, hours: float) -> None:
    chat = at_step("budget")
    chat.send(said)
    assert chat.state.profile.hours_per_week == hours
    assert not chat.state.pending


def test_change_my_deadline_after_the_plan_exists_plans_again() -> None:
    """Issue 15: "change my deadline to next March" is understood after the plan, as the END of March."""
    chat = at_step("summary", answered=EVERYTHING)
    chat.send("make plan")
    assert chat.state.planned and chat.last is not None and chat.last.roadmap is not None
    chat.send("change my deadline to next March")
    assert chat.state.profile.deadline == date(2027, 3, 31)
    assert chat.last.roadmap is not None  # planned again
    assert texts.PLAN_UPDATED in chat.text


# ---------------------------------------------------------------- confirmations and refusals


@pytest.mark.parametrize("said", ["make plan", "ok make it", "ok sure", "I guess so", "yes please", "sure!", "go"])
def test_the_summary_accepts_any_confirmation_as_make_the_plan(said: str) -> None:
    chat = at_step("summary", answered=EVERYTHING)
    chat.send(said)
    assert chat.last is not None and chat.last.roadmap is not None


@pytest.mark.parametrize(
    ("said", "wants"),
    [("no, I'd rather build projects", False), ("nope", False), ("whatever gets me hired fastest", False),
     ("ok sure", True), ("I guess so", True), ("yes please", True), ("definitely, my boss likes them", True)],
)
def test_the_certificates_question_accepts_yes_and_no_in_many_forms(said: str, wants: bool) -> None:
    chat = at_step("certificates")
    chat.send(said)
    assert chat.state.profile.wants_certificates is wants


def test_yes_no_reads_starts_but_not_lookalikes() -> None:
    assert yes_no("ok sure") == "yes" and yes_no("I guess so") == "yes"
    assert yes_no("no, I'd rather build projects") == "no" and yes_no("nah") == "no"
    assert yes_no("good question, what is a cert?") is None
    assert yes_no("not sure") is None


# ---------------------------------------------------------------- numbers people type at each question


@pytest.mark.parametrize(
    ("said", "hours", "midpoint"),
    [("20+ hours", 20, False), ("3 to 5 hours", 4, True), ("2 on weekdays and 5 on weekends", 15, False),
     ("2h a day", 14, False), ("12", 12, False)],
)
def test_hours_as_people_write_them(said: str, hours: float, midpoint: bool) -> None:
    chat = at_step("hours", answered=["role"], hours_per_week=None)
    chat.send(said)
    assert chat.state.profile.hours_per_week == hours
    assert ("middle of the range" in chat.text) is midpoint


@pytest.mark.parametrize("said", ["0", "0 hours a week", "0.2"])
def test_zero_or_tiny_hours_are_asked_again_clearly(said: str) -> None:
    """Issue 11 item 10: never a date overflow, a clear question naming hours per week instead."""
    chat = at_step("hours", answered=["role"], hours_per_week=None)
    chat.send(said)
    assert chat.state.step == "hours" and chat.state.profile.hours_per_week is None
    assert "too little to plan with" in chat.text and "hours a week" in chat.text


@pytest.mark.parametrize(
    ("said", "deadline"),
    [("about a year", date(2027, 11, 23)), ("Q3 2027", date(2027, 9, 30)), ("by March 2027", date(2027, 3, 31)),
     ("next summer", date(2027, 8, 31)), ("end of next year", date(2027, 12, 31))],
)
def test_deadlines_as_people_write_them(said: str, deadline: date) -> None:
    chat = at_step("deadline", answered=["role", "hours"], deadline=None)
    chat.send(said)
    assert chat.state.profile.deadline == deadline


@pytest.mark.parametrize(
    ("said", "words"),
    [("by March 2020", "has already passed"), ("31 February 2027", "not a date"), ("by the year 9999", "too far")],
)
def test_a_past_or_impossible_date_is_explained_not_stored(said: str, words: str) -> None:
    chat = at_step("deadline", answered=["role", "hours"], deadline=None)
    chat.send(said)
    assert chat.state.profile.deadline is None and "deadline" not in chat.state.answered
    assert words in chat.text
    assert chat.state.step == "deadline"


@pytest.mark.parametrize(("said", "budget"), [("a few hundred", 300), ("100 max", 100), ("2k budget", 2000),
                                              ("free only", 0), ("$200-500", 350)])
def test_budgets_as_people_write_them(said: str, budget: float) -> None:
    chat = at_step("budget")
    chat.send(said)
    assert chat.state.profile.budget_usd == budget


def test_a_budget_in_euros_is_converted_with_its_rate_and_date_never_read_as_dollars() -> None:
    chat = at_step("budget")
    chat.send("300 eur")
    assert chat.state.profile.budget_usd == 324
    assert "300 EUR ≈ $324" in chat.text and "rate of 2026-11-02" in chat.text


def test_a_negative_budget_is_explained() -> None:
    chat = at_step("budget")
    chat.send("budget -50")
    assert "can't be negative" in chat.text and "budget" not in chat.state.answered


@pytest.mark.parametrize("said", ["none", "internships only", "none, I've only done internships", "zero"])
def test_years_accepts_none_and_internships(said: str) -> None:
    chat = at_step("years", answered=["role", "job"])
    chat.send(said)
    assert chat.state.profile.years_experience == 0


def test_one_year_is_singular() -> None:
    """Small text from the issue: "1 years"."""
    chat = at_step("years", answered=["role", "job"])
    chat.send("1")
    assert describe("years", chat.state.profile, CATALOG) == "1 year"
    chat = at_step("job", answered=["role"])
    chat.send("I've been a teacher for 1 year")
    assert "1 year of experience" in chat.text and "1 years" not in chat.text


# ---------------------------------------------------------------- steps never misread


def test_the_specialisation_step_never_changes_the_role() -> None:
    """Issue example: typing "nlp" at the specialisation question changed the target role."""
    chat = at_step("domain", answered=["role"])
    chat.send("nlp")
    assert chat.state.profile.target_role == "ml-engineer"
    assert chat.state.profile.domain == "nlp"


def test_a_not_sure_learner_who_names_a_role_gets_it_without_did_you_mean() -> None:
    chat = Chat()
    chat._do("command", "/start")
    chat.send("not sure")
    assert chat.state.step == "quiz1"
    chat.send("actually data scientist")
    assert chat.state.profile.target_role == "data-scientist"
    assert "Did you mean" not in chat.text


def test_the_quiz_accepts_typed_answers() -> None:
    chat = Chat()
    chat._do("command", "/start")
    chat.click("role:unsure")
    chat.send("images and video")
    assert chat.state.quiz == {"quiz1": "images"}
    chat.send("coding mostly")
    assert chat.state.quiz["quiz2"] == "coding"
    chat.send("keep systems running")
    assert chat.state.step == "quiz"


# ---------------------------------------------------------------- held certificates, other experience


def test_a_certificate_already_held_joins_the_profile_and_the_summary() -> None:
    chat = at_step("certificates")
    chat.send("I already have the AWS ML associate cert")
    assert chat.state.profile.held_certifications == ["aws-ml-engineer-associate"]
    chat.state = chat.state.model_copy(update={"answered": EVERYTHING})
    chat._do("command", "/summary")
    assert "already hold: AWS Certified Machine Learning Engineer - Associate" in chat.text


def test_skills_outside_the_vocabulary_are_kept_and_shown_never_an_error() -> None:
    """Issue 13 item 9: Go, Terraform, JavaScript, React, LaTeX are other experience."""
    chat = at_step("skills", answered=["role"])
    chat.send("I know Go, Terraform, JavaScript and React, and I write everything in LaTeX")
    assert chat.state.profile.other_experience == ["go", "terraform", "javascript", "react", "latex"]
    chat.state = chat.state.model_copy(update={"answered": EVERYTHING})
    chat._do("command", "/summary")
    assert "also: go, terraform, javascript, react, latex" in chat.text


def test_depth_from_the_words_reaches_the_profile() -> None:
    chat = at_step("skills", answered=["role"])
    chat.send("I know a bit of python and years of SQL")
    assert chat.state.profile.skill_depth == {"python": "basic", "sql": "deep"}


@pytest.mark.parametrize(
    ("step_name", "said", "field", "value"),
    [("years", "about 3", "years_experience", 3), ("hours", "around 6-8", "hours_per_week", 7),
     ("budget", "300-500", "budget_usd", 400), ("hours", "10ish", "hours_per_week", 10)],
)
def test_a_bare_number_is_read_in_the_unit_of_the_question(step_name: str, said: str, field: str, value: float) -> None:
    chat = at_step(step_name, answered=["role"], hours_per_week=None)
    chat.send(said)
    assert getattr(chat.state.profile, field) == value


@pytest.mark.parametrize("said", ["nope", "no", "not really", "whatever"])
def test_the_specialisation_question_takes_a_no_as_no_preference(said: str) -> None:
    chat = at_step("domain", answered=["role"])
    chat.send(said)
    assert "domain" in chat.state.answered and chat.state.profile.domain is None
