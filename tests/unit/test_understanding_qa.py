"""Rules found by talking to the bot as hurried, sloppy, chatty people do (QA pass after issue 14).

Each test states a general rule; the messages are examples of it (they are also in the development set,
tests/data/understanding_cases.yaml, with their labels).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dialogue import DialogueState, StepResult, UserInput, step
from bot.domain.profile import Education, LearnerProfile
from bot.domain.understanding import understand

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 11, 23)


class Chat:
    """A conversation on the shipped catalog with the real understanding."""

    def __init__(self, state: DialogueState | None = None) -> None:
        self.state = state or DialogueState()
        self.last: StepResult | None = None

    def send(self, text: str, kind: str = "text") -> str:
        self.last = step(self.state, UserInput(kind=kind, value=text), CATALOG, TODAY)  # type: ignore[arg-type]
        self.state = self.last.state
        return "\n".join(r.text for r in self.last.replies)


def at_step(name: str, answered: list[str] | None = None, **profile: object) -> Chat:
    """A chat waiting at one question, with the given fields answered."""
    base = {"target_role": "ml-engineer", "hours_per_week": 5.0}
    state = DialogueState(step=name, profile=LearnerProfile.model_validate({**base, **profile}),
                          answered=answered if answered is not None else ["role", "hours"])
    return Chat(state)


def facts(text: str):  # type: ignore[no-untyped-def]
    return understand(text, CATALOG, TODAY)


# ---------------------------------------------------------------- the dialogue


@pytest.mark.parametrize(
    ("step_name", "text", "field", "check"),
    [
        ("domain", "no degree, did some nursing school", "education", lambda p: p.education is Education.none),
        ("domain", "no python yet tbh", "skills", lambda p: "python" not in p.known_skills),
        ("certificates", "no degree, just a bootcamp", "education", lambda p: p.education is Education.bootcamp),
        ("certificates", "no sql or python yet", "skills", lambda p: "python" not in p.known_skills),
    ],
)
def test_a_leading_yes_or_no_that_belongs_to_a_stated_fact_does_not_answer_the_question(
        step_name: str, text: str, field: str, check) -> None:  # type: ignore[no-untyped-def]
    """"no degree ..." at a yes/no-like question states an education; its "no" is no answer to the question."""
    chat = at_step(step_name)
    chat.send(text)
    assert step_name not in chat.state.answered, "the pending question stays pending"
    assert chat.state.step == step_name
    assert check(chat.state.profile)


@pytest.mark.parametrize(
    ("step_name", "text", "own", "expect"),
    [
        ("certificates", "no, but fyi I'm a nurse, 7 years now", "certificates",
         {"wants_certificates": False, "current_role": "nurse", "years_experience": 7}),
        ("certificates", "yes please. btw I have a master's", "certificates",
         {"wants_certificates": True, "education": Education.master}),
        ("domain", "no preference, I'm a data analyst", "domain", {"domain": None, "current_role": "data analyst"}),
        ("education", "none, I work as a welder", "education",
         {"education": Education.none, "current_role": "welder"}),
    ],
)
def test_a_strict_answer_also_keeps_every_other_fact_the_message_states(
        step_name: str, text: str, own: str, expect: dict[str, object]) -> None:
    """The question is answered and the rest of the message fills its own fields, nothing is dropped."""
    chat = at_step(step_name)
    chat.send(text)
    assert own in chat.state.answered
    for name, value in expect.items():
        assert getattr(chat.state.profile, name) == value, name


@pytest.mark.parametrize("text", ["none", "None.", "no", "n/a", "nothing", "no degree at all", "nah"])
def test_none_at_a_question_with_an_empty_choice_picks_it(text: str) -> None:
    """At the education question every way of saying "none" is the "No degree" option."""
    chat = at_step("education")
    chat.send(text)
    assert "education" in chat.state.answered
    assert chat.state.profile.education is Education.none


@pytest.mark.parametrize("text", ["ok make it", "just make it", "make plan", "ok just make the plan already",
                                  "can you make it now", "go ahead and make it"])
def test_a_plan_request_at_any_question_plans_with_what_is_known_or_says_what_is_missing(text: str) -> None:
    """At a question before the last, "ok make it" makes the plan when role and hours are known."""
    chat = at_step("education")
    chat.send(text)
    assert chat.last is not None and chat.last.roadmap is not None
    assert chat.state.step == "done"
    missing = at_step("job", answered=["role"], hours_per_week=None)
    reply = missing.send(text)
    assert texts.PLAN_MISSING.format(missing=texts.FIELD_LABELS["hours"].lower()) in reply
    assert missing.state.step == "hours"
    assert missing.state.profile.current_role is None, "a plan request is no job title"


@pytest.mark.parametrize(("step_name", "text"), [("deadline", "yes"), ("years", "yes"), ("hours", "nope"),
                                                 ("budget", "yeah")])
def test_a_bare_yes_or_no_at_an_open_question_says_what_kind_of_answer_it_wants(step_name: str, text: str) -> None:
    chat = at_step(step_name, answered=["role"])
    reply = chat.send(text)
    # A "no" where the plan needs an answer says why it is needed (tests/unit/test_dialogue_sloppy.py).
    wanted = texts.SKIP_NEEDED[step_name] if step_name in texts.SKIP_NEEDED and text == "nope" else \
        texts.NOT_A_YES_NO.format(example=texts.EXAMPLES[step_name])
    assert wanted in reply
    assert chat.state.step == step_name and step_name not in chat.state.answered


@pytest.mark.parametrize("text", ["5 hours a week now", "now I can only do 4h", "wait, 8 hours a week"])
def test_a_value_said_to_hold_from_now_on_is_an_explicit_correction(text: str) -> None:
    """"5 hours a week now" after hours were answered changes them at once (no "Change ...?" question)."""
    chat = at_step("budget", answered=["role", "hours"], hours_per_week=10.0)
    chat.send(text)
    assert chat.state.profile.hours_per_week != 10.0
    assert not chat.state.pending


# ---------------------------------------------------------------- understanding


@pytest.mark.parametrize(("text", "years"), [
    ("senior backend dev here, 12 yrs mostly java and go", 12),
    ("8 years mainly python and sql", 8),
    ("3 years doing QA automation", 3),
])
def test_years_followed_by_what_they_were_spent_on_are_experience(text: str, years: float) -> None:
    assert facts(text).years_experience == years


@pytest.mark.parametrize(("text", "deadline"), [("in 2 years mostly", True), ("within 3 years mainly remote", True)])
def test_years_after_a_deadline_word_stay_a_deadline(text: str, deadline: bool) -> None:
    got = facts(text)
    assert got.years_experience is None
    assert (got.deadline is not None) is deadline


@pytest.mark.parametrize(("text", "tools"), [
    ("mostly java and go", {"go"}),
    ("python, go and some sql", {"go"}),
    ("I want to go and learn python", set()),
    ("let's go", set()),
    ("go for it, I know python", set()),
])
def test_a_plain_english_tool_name_in_lower_case_is_a_tool_only_in_a_list_of_tools(text: str, tools: set[str]) -> None:
    assert set(facts(text).other_experience) == tools


@pytest.mark.parametrize(("text", "skill"), [("some python", "python"), ("I know some SQL", "sql"),
                                             ("did some pandas at uni", "pandas")])
def test_some_before_a_skill_is_basic_depth(text: str, skill: str) -> None:
    got = facts(text)
    assert skill in got.known_skills
    assert got.skill_depth.get(skill) == "basic"


@pytest.mark.parametrize("text", ["company pays for certs so budget whatever", "my employer covers certifications",
                                  "work will sponsor any cert I want"])
def test_someone_paying_for_certificates_means_certificates_yes_and_no_budget_limit(text: str) -> None:
    got = facts(text)
    assert got.wants_certificates is True
    assert got.budget_known and got.budget_usd is None


@pytest.mark.parametrize(("text", "skills", "hours"), [
    ("i knwo pyhton and sql, 8hrs a weak", {"python", "sql"}, 8),
    ("I konw python", {"python"}, None),
    ("i wnat to learn sql, 5 huors a week", set(), 5),
])
def test_cue_words_with_two_letters_swapped_still_carry_their_meaning(
        text: str, skills: set[str], hours: float | None) -> None:
    """"knwo", "wnat", "huors", "a weak" after hours: a slip of the fingers loses no clause."""
    got = facts(text)
    assert set(got.known_skills) == skills
    assert got.hours_per_week == hours


def test_a_three_word_name_with_a_slip_in_every_word_is_still_offered() -> None:
    got = facts("i want to be a machin lerning enginer")
    assert got.target_role == "ml-engineer"
    assert any(q.field == "target_role" for q in got.questions), "a guess is asked back, never assumed"
    assert facts("my maths is weak").is_empty()


@pytest.mark.parametrize(("text", "depth"), [
    ("python a little, excel very good", {"python": "basic", "spreadsheets-bi": "deep"}),
    ("I know python a bit and sql very well", {"python": "basic", "sql": "deep"}),
    ("sql a little bit", {"sql": "basic"}),
])
def test_a_depth_said_after_the_skill_counts_like_one_said_before(text: str, depth: dict[str, str]) -> None:
    assert facts(text).skill_depth == depth


@pytest.mark.parametrize(("text", "job"), [("I have 2 year experience like analyst in bank", "analyst"),
                                           ("3 years exp as a nurse", "nurse")])
def test_experience_like_or_as_a_job_is_the_current_job_not_the_goal(text: str, job: str) -> None:
    got = facts(text)
    assert got.current_role == job
    assert got.target_role is None and not got.questions


@pytest.mark.parametrize("text", ["not so important", "maybe later", "idk", "why do you need that?", "yes"])
def test_the_job_question_takes_titles_not_answers_or_remarks_as_a_job(text: str) -> None:
    chat = at_step("job")
    chat.send(text)
    assert chat.state.profile.current_role is None
    # "idk" passes on the question (left open, shown as skipped) instead of asking it forever.
    assert "job" not in chat.state.answered or "job" in chat.state.skipped


@pytest.mark.parametrize("text", ["none", "unemployed", "i'm not working right now", "between jobs", "n/a"])
def test_no_job_in_any_words_is_the_not_working_option(text: str) -> None:
    chat = at_step("job")
    chat.send(text)
    assert "job" in chat.state.answered and chat.state.profile.current_role is None


@pytest.mark.parametrize("text", ["no pref", "no preferance", "whatever, no pref"])
def test_no_preference_abbreviated_or_misspelt_is_no_preference(text: str) -> None:
    chat = at_step("domain")
    chat.send(text)
    assert "domain" in chat.state.answered and chat.state.profile.domain is None
    role = Chat(DialogueState(step="role"))
    role.send(text)
    assert role.state.step == "quiz1", "no preference at the role question is 'not sure': the quiz"


@pytest.mark.parametrize(("step_name", "text", "field", "value"), [
    ("years", "4 yrs", "years_experience", 4), ("years", "4 yrs exp", "years_experience", 4),
    ("years", "12 yoe", "years_experience", 12), ("hours", "10hrs/wk", "hours_per_week", 10),
    ("hours", "6 h per week", "hours_per_week", 6), ("hours", "8/wk", "hours_per_week", 8),
    ("budget", "300 bucks", "budget_usd", 300),
])
def test_a_number_with_the_question_unit_abbreviated_answers_it(
        step_name: str, text: str, field: str, value: float) -> None:
    chat = at_step(step_name, answered=["role"])
    chat.send(text)
    assert step_name in chat.state.answered
    assert getattr(chat.state.profile, field) == value


@pytest.mark.parametrize(("text", "job"), [("scratch that, data engineer", "data engineer"),
                                           ("data analyst", "data analyst")])
def test_a_role_named_at_the_job_question_without_a_wish_is_the_job_not_a_new_goal(text: str, job: str) -> None:
    chat = at_step("job")
    chat.send(text)
    assert chat.state.profile.current_role == job
    assert chat.state.profile.target_role == "ml-engineer"
    wish = at_step("job")
    wish.send("i want to be a data engineer")
    assert wish.state.profile.current_role is None


@pytest.mark.parametrize(("text", "hours"), [("Can give 2 hrs daily weekdays and 5 hrs on weekends.", 15),
                                             ("1h daily on weekdays", 5), ("I can study 3 weekdays", None)])
def test_a_daily_amount_on_weekdays_is_five_days_with_or_without_on(text: str, hours: float | None) -> None:
    assert facts(text).hours_per_week == hours


@pytest.mark.parametrize("text", ["worked in retail management for like 9 years", "coding for about 9 years"])
def test_a_filler_word_between_for_and_the_years_keeps_them_experience(text: str) -> None:
    assert facts(text).years_experience == 9


@pytest.mark.parametrize(("text", "role"), [("no i meant data engineer", "data-engineer"),
                                            ("no wait, data engineer", "data-engineer"),
                                            ("nope, actually nlp engineer", "nlp-engineer")])
def test_a_no_followed_by_a_correction_takes_back_the_old_answer_not_the_new_one(text: str, role: str) -> None:
    got = facts(text)
    assert got.target_role == role
    assert got.correction
    assert facts("not data engineer").target_role is None, "a plain negation still rules a role out"


@pytest.mark.parametrize(("step_name", "text", "name"), [("role", "what is mlops?", "MLOps engineer"),
                                                         ("hours", "do i need pytorch?", "PyTorch")])
def test_a_question_about_a_role_or_skill_is_answered_and_the_question_asked_again(
        step_name: str, text: str, name: str) -> None:
    chat = at_step(step_name, answered=["role"] if step_name != "role" else [])
    reply = chat.send(text)
    assert f"{name}: " in reply
    assert "didn't catch" not in reply
    assert chat.state.step == step_name


@pytest.mark.parametrize(("text", "education"), [("whats a phd", None), ("do I need a master's?", None),
                                                 ("I have a master's. do I need a phd?", Education.master),
                                                 ("is a bootcamp enough? I have a BSc", Education.bachelor)])
def test_an_education_named_in_a_question_is_not_the_learners(text: str, education: Education | None) -> None:
    assert facts(text).education == education
