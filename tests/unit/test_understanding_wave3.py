"""Free-text misreads from terminal QA (session 4, wave 3): "full time" as the study pace, no job now said inside a
longer message, a past job's years, slang for no money, and "a finance guy" as the line of work.

General rules on the shipped catalog, several phrasings each; hypothesis where a rule covers a family of phrasings.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.dialogue import DialogueState
from bot.domain.profile import LearnerProfile
from tests.unit.test_dialogue import Chat
from tests.unit.understood import CATALOG, facts

# ---------------------------------------------------------------- 1. full time is the study pace, 40 hours


@pytest.mark.parametrize("text", [
    "fulltime", "full time", "Full-time!", "full-time studying", "I can study full time", "I can do full time",
    "going fulltime on this", "learning full time", "full time pls", "DS, full time, $0",
    "want MLOps, studying full-time, no degree",
])
def test_full_time_about_study_is_40_hours(text: str) -> None:
    """"full time" said of studying, or as the whole answer / a listed answer, is 40 hours a week."""
    assert facts(text).hours_per_week == 40


@pytest.mark.parametrize("text", [
    "I work full time", "full-time job, want DS", "nurse, full time, want DS", "I'm full time at a bank",
    "I do full time work, want to be a data analyst", "I have a full time job and kids",
])
def test_full_time_about_a_job_is_no_study_hours(text: str) -> None:
    """A full-time job is the job's hours, not the study pace."""
    assert facts(text).hours_per_week is None


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["full time", "fulltime", "full-time", "Full Time"]),
       st.sampled_from(["", "!", ".", " pls", " please"]))
def test_full_time_alone_is_40_hours(said: str, end: str) -> None:
    """However it is spelled and ended, "full time" as the whole message is 40 hours."""
    assert facts(said + end).hours_per_week == 40


# ---------------------------------------------------------------- 2. no job now, inside a longer message


@pytest.mark.parametrize("text", [
    "I'm unemployed, want to be ML engineer", "between jobs right now, python", "out of work since March",
    "got laid off last month, want DS", "laid off from my job as an accountant, 5 yrs, want DS",
    "I'm currently not working, 10h a week", "jobless atm but know sql and pandas",
])
def test_no_job_now_is_said(text: str) -> None:
    """Unemployed, between jobs, out of work, laid off: no current job, whatever else the message says."""
    read = facts(text)
    assert read.not_working is True
    assert read.current_role is None


@pytest.mark.parametrize("text", [
    "I was unemployed for a year, now a data analyst", "was unemployed in 2020, know python", "I'm not unemployed",
    "this is not working", "I'm a nurse, want DS", "afraid to be out of work, want ML",
])
def test_a_past_or_feared_gap_is_no_lack_of_job(text: str) -> None:
    """A gap in the past, a negation or a fear says nothing about having no job now."""
    assert facts(text).not_working is False


@pytest.mark.parametrize(("text", "hours"), [
    ("I'm currently not working, 10h a week", 10), ("out of work, 20 hrs a week", 20),
    ("between jobs so 30h/week", 30),
])
def test_hours_after_no_job_are_study_hours(text: str, hours: float) -> None:
    """"Not working" is no work: the hours said after it are study hours."""
    assert facts(text).hours_per_week == hours


def test_no_job_now_is_stored_like_the_not_working_button() -> None:
    """The dialogue stores no job and zero years, as the "Not working now" button does."""
    chat = Chat(catalog=CATALOG, state=DialogueState(step="job", profile=LearnerProfile(target_role="ml-engineer"),
                                                     answered=["role", "domain", "education"]))
    chat.send("got laid off last month, so I have lots of time")
    assert "job" in chat.state.answered and chat.state.profile.current_role is None
    assert "years" in chat.state.answered and chat.state.profile.years_experience == 0


def test_no_job_now_keeps_the_years_said() -> None:
    """Years said in the same message are kept, not replaced by zero."""
    chat = Chat(catalog=CATALOG, state=DialogueState(step="job", profile=LearnerProfile(target_role="ml-engineer"),
                                                     answered=["role", "domain", "education"]))
    chat.send("unemployed now, 6 years of experience in logistics")
    assert chat.state.profile.current_role is None
    assert chat.state.profile.years_experience == 6


# ---------------------------------------------------------------- 3. a past job's years count


@pytest.mark.parametrize(("text", "years"), [
    ("ex-banker, 15 yrs risk mgmt", 15), ("former teacher, 10 years classroom", 10),
    ("ex-nurse: 8 yrs ICU, want DS", 8), ("used to be an accountant, 12 yrs audit", 12),
    ("retired nurse, 30 years", 30),
])
def test_years_of_a_past_job_are_experience(text: str, years: float) -> None:
    """The years of a past job's field are experience; the past job is no current job."""
    read = facts(text)
    assert read.years_experience == years
    assert read.current_role is None


def test_years_after_a_job_that_are_a_deadline_stay_a_deadline() -> None:
    """"accountant, 2 years deadline" gives no years of experience."""
    assert facts("accountant, 2 years deadline").years_experience is None


# ---------------------------------------------------------------- 4. slang for no money is free only


@pytest.mark.parametrize("text", [
    "no $", "no $$, 10h", "$0", "0$", "zero budget", "zero $", "budget: nada", "nada for budget", "money: zilch",
    "nada $", "no $ to spend, DS", "I have no dollars", "zero bucks",
])
def test_no_money_in_slang_is_free_only(text: str) -> None:
    """However it is said, no money is a budget of 0 (free only)."""
    read = facts(text)
    assert read.budget_known and read.budget_usd == 0


@pytest.mark.parametrize(("text", "budget"), [("no $500 courses", 500), ("budget $300", 300)])
def test_an_amount_is_no_zero_budget(text: str, budget: float) -> None:
    """"no" before an amount does not make the budget zero."""
    assert facts(text).budget_usd == budget


def test_a_bare_none_budget_is_still_asked_back() -> None:
    """"budget none" may mean no money or no limit: it stays unsettled."""
    assert facts("budget none").budget_known is False


# ---------------------------------------------------------------- 5. "a finance guy" names the line of work


@pytest.mark.parametrize(("text", "role"), [
    ("finance guy", "finance"), ("I'm a finance guy", "finance"), ("sales guy here", "sales"),
    ("IT guy, 10h a week", "it"), ("data person", "data"), ("numbers person, want DS", "numbers"),
    ("hey, I'm a finance guy looking to move into ML", "finance"), ("marketing girl here, 5h/week", "marketing"),
    ("I am a sales gal, want to do data analysis", "sales"),
])
def test_a_kind_of_person_is_the_line_of_work(text: str, role: str) -> None:
    """"<field> guy/person/girl/gal" said of oneself is the job, without the person word."""
    assert facts(text).current_role == role


@pytest.mark.parametrize("text", [
    "I'm a people person", "I'm a morning person, 10h", "want to be the data guy at my company",
    "our data guy left", "I'm an aspiring ML guy", "I'm a family man",
])
def test_a_person_word_that_is_no_job_names_none(text: str) -> None:
    """A temperament, a wish or someone else is no current job."""
    assert facts(text).current_role is None


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["finance", "sales", "marketing", "hr", "ops", "logistics"]),
       st.sampled_from(["guy", "person", "girl", "gal"]),
       st.sampled_from(["{f} {p}", "I'm a {f} {p}", "{f} {p} here", "{f} {p}, 10h a week"]))
def test_any_field_person_said_of_oneself(field: str, person: str, shape: str) -> None:
    """Every field, person word and shape of saying it gives the field as the job."""
    assert facts(shape.format(f=field, p=person)).current_role == field


@pytest.mark.parametrize("text", [
    "got laid off in october, 7 yrs as a QA tester before that, want MLOps", "I'm a nurse but got laid off",
    "unemployed, used to be a teacher for 5 years",
])
def test_no_job_now_outranks_a_job_not_said_as_now(text: str) -> None:
    """A job said without "now" next to "laid off" / "unemployed" is the past one: no current job."""
    read = facts(text)
    assert read.current_role is None and read.not_working is True


def test_a_job_said_as_now_after_a_lay_off_is_the_job() -> None:
    """"got laid off, now working as a barista": the job now wins."""
    read = facts("got laid off, now working as a barista")
    assert read.current_role == "barista" and read.not_working is False


@pytest.mark.parametrize("text", ["nada", "zilch", "Nada!", "no $", "zero"])
def test_no_money_slang_at_the_budget_question_is_free_only(text: str) -> None:
    """At the budget question a bare "nada" answers it: free only."""
    chat = Chat(catalog=CATALOG, state=DialogueState(step="budget", profile=LearnerProfile(target_role="ml-engineer"),
                                                     answered=["role", "domain", "education"]))
    chat.send(text)
    assert chat.state.profile.budget_known and chat.state.profile.budget_usd == 0


@pytest.mark.parametrize("text", ["full time", "fulltime", "Full-time!"])
def test_full_time_at_the_hours_question_is_40(text: str) -> None:
    """At the hours question "full time" answers it: 40 hours a week."""
    chat = Chat(catalog=CATALOG, state=DialogueState(step="hours", profile=LearnerProfile(target_role="ml-engineer"),
                                                     answered=["role", "domain", "education"]))
    chat.send(text)
    assert chat.state.profile.hours_per_week == 40


def test_a_full_time_job_at_the_job_question_sets_no_hours() -> None:
    """"I work full time" at the job question stores no study hours."""
    chat = Chat(catalog=CATALOG, state=DialogueState(step="job", profile=LearnerProfile(target_role="ml-engineer"),
                                                     answered=["role", "domain", "education"]))
    chat.send("I work full time")
    assert chat.state.profile.hours_per_week is None


def test_no_job_at_the_years_question_guesses_no_zero_years() -> None:
    """"unemployed, 3 years" at the years question does not answer it with a guessed 0."""
    chat = Chat(catalog=CATALOG, state=DialogueState(step="years", profile=LearnerProfile(target_role="ml-engineer"),
                                                     answered=["role", "domain", "education", "job"]))
    chat.send("unemployed, 3 years")
    assert chat.state.profile.years_experience != 0
