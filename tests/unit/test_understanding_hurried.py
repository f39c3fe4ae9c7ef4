"""Rules from a QA pass as a hurried, sloppy, chatty person (session 4): certificates said loosely, typos of role
words, spans of time and hours in words, and budgets that say "free" or "no limit" without saying so plainly.

Each test states a general rule over several phrasings (hypothesis where the phrasings combine); many of the
messages are also in the development set, tests/data/understanding_cases.yaml.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.understanding.matcher import matcher_for
from bot.domain.understanding.vocabulary import COMMON_WORDS
from tests.unit.understood import CATALOG, facts

# ---------------------------------------------------------------- certificates

CERT_WORDS = ["certificates", "certs", "certifications", "a cert or two", "some certificates"]


@settings(max_examples=60, deadline=None)
@given(
    yes=st.sampled_from(["yes to {c}", "yeah {c} please", "sure, {c} would be nice", "{c} yes pls", "{c} pls",
                         "I'd take {c}", "{c} sound good", "ok to {c}", "{c} would help", "yep, {c}"]),
    cert=st.sampled_from(CERT_WORDS),
    lead=st.sampled_from(["", "ml engineer, 10h a week, ", "hi! ", "data analyst here. "]),
)
def test_a_yes_aimed_at_certificates_is_the_wish_for_them(yes: str, cert: str, lead: str) -> None:
    """A yes-word or a liking said of certificates, before or after them, is wants_certificates = True."""
    assert facts(lead + yes.format(c=cert)).wants_certificates is True


@settings(max_examples=60, deadline=None)
@given(
    no=st.sampled_from(["no {c}", "nah to {c}", "no to {c}", "don't care about {c}", "not really into {c}",
                        "I'm not doing {c}", "not gonna do {c}", "won't bother getting {c}", "skip {c}",
                        "{c}: nah", "{c} are pointless"]),
    cert=st.sampled_from(["certificates", "certs", "certifications"]),
    lead=st.sampled_from(["", "ml engineer, 10h a week, ", "hi! "]),
)
def test_a_no_aimed_at_certificates_is_no_wish(no: str, cert: str, lead: str) -> None:
    """A no-word or a refusal said of certificates is wants_certificates = False."""
    assert facts(lead + no.format(c=cert)).wants_certificates is False


@pytest.mark.parametrize("text", ["I have no certs", "I don't have any certificates", "yes I have a cert in aws",
                                  "I'm not getting any certificates yet"])
def test_saying_what_one_holds_is_no_wish_either_way(text: str) -> None:
    """Certificates held (or not held yet) say nothing about the wish."""
    assert facts(text).wants_certificates is None


# ---------------------------------------------------------------- role words with a typo

ROLE_TYPOS = [
    ("ml enginer", "ml-engineer"), ("ml engeneer", "ml-engineer"), ("machne learning engineer", "ml-engineer"),
    ("machine lerning enginer", "ml-engineer"), ("data scientst", "data-scientist"),
    ("mlops engneer", "mlops-engineer"), ("ml reseacher", "ml-researcher"),
    ("data analist", "data-analyst"), ("data enginer", "data-engineer"), ("nlp enginer", "nlp-engineer"),
    ("ai enginner", "ai-engineer"), ("deep learnin engineer", "deep-learning-engineer"),
]


@settings(max_examples=60, deadline=None)
@given(typo=st.sampled_from(ROLE_TYPOS),
       frame=st.sampled_from(["{r}", "i want to be an {r}", "wanna become a {r} asap", "{r}, 10h a week",
                              "aiming at {r} roles", "goal: {r}"]))
def test_a_role_name_with_a_typo_is_that_role_asked_back(typo: tuple[str, str], frame: str) -> None:
    """A role's name a letter or two off is that role, as a guess the dialogue confirms ("Did you mean ...?")."""
    said, role = typo
    got = facts(frame.format(r=said))
    assert got.target_role == role
    assert [(q.field, q.value) for q in got.questions if q.field == "target_role"] == [("target_role", role)]


def _one_edit_typos(word: str) -> list[str]:
    """Every word one deleted, doubled or swapped inner letter away (the first letter kept)."""
    out = {word[:i] + word[i + 1:] for i in range(1, len(word))}
    out |= {word[:i] + word[i] + word[i:] for i in range(1, len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)}
    return sorted(out - {word})


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_any_one_letter_slip_in_a_role_word_keeps_the_role(data: st.DataObject) -> None:
    """Property: one slip in the head word of any two-word role name still finds that role."""
    name, role = data.draw(st.sampled_from([("ml engineer", "ml-engineer"), ("data scientist", "data-scientist"),
                                            ("mlops engineer", "mlops-engineer"), ("data analyst", "data-analyst"),
                                            ("ml researcher", "ml-researcher"), ("data engineer", "data-engineer")]))
    head, word = name.split()
    typo = data.draw(st.sampled_from(_one_edit_typos(word)))
    if typo in matcher_for(CATALOG).words or typo in COMMON_WORDS:
        return  # a real word of its own ("engineers") is no typo
    assert facts(f"I want to become a {head} {typo}").target_role == role


@pytest.mark.parametrize("text", [
    "my car engine broke so I'm fixing it myself", "an AI developed by google writes my emails",
    "I analyse data daily", "ml engines are cool", "I developed ml models", "deep learning engines",
    "our data analyses are slow", "I love science"])
def test_ordinary_words_near_role_words_are_no_role(text: str) -> None:
    """Words of their own a letter or two from a role word ("engine", "developed", "analyse") name no role."""
    got = facts(text)
    assert got.target_role is None
    assert not [q for q in got.questions if q.field == "target_role" and q.value != "ml-engineer"]


def test_a_typo_opening_the_message_is_the_goal_not_the_job() -> None:
    """"machne learning engineer, 10h" opens with a role's name (with a slip), not a job title."""
    got = facts("machne learning engineer, 10h a week")
    assert (got.target_role, got.current_role, got.hours_per_week) == ("ml-engineer", None, 10)


# ---------------------------------------------------------------- spans and hours in words


@pytest.mark.parametrize(("text", "deadline"), [
    ("in half a year", date(2027, 5, 23)), ("within half a year", date(2027, 5, 23)),
    ("in a year and a half", date(2028, 5, 23)), ("in one and a half years", date(2028, 5, 23)),
    ("within two and a half years", date(2029, 5, 23)), ("in six months", date(2027, 5, 23)),
    ("by next summer", date(2027, 8, 31)), ("in a couple of months", date(2027, 1, 23)),
    ("aiming for ~1 year", date(2027, 11, 23)), ("shooting for 9 months", date(2027, 8, 23)),
    ("by early 2028", date(2028, 3, 31)), ("by the start of 2028", date(2028, 1, 31)),
    ("by mid 2027", date(2027, 6, 30)), ("by late 2027", date(2027, 12, 31)),
])
def test_durations_in_words_are_deadlines(text: str, deadline: date) -> None:
    """Spans said in words ("half", "and a half", "couple") and parts of a year ("early 2028") end where they end."""
    assert facts(text).deadline == deadline


@pytest.mark.parametrize(("text", "years"), [("two and a half years as a maths teacher", 2.5),
                                             ("nurse for one and a half years", 1.5)])
def test_and_a_half_is_a_half_in_experience_too(text: str, years: float) -> None:
    assert facts(text).years_experience == years


@pytest.mark.parametrize(("text", "hours"), [
    ("twenty-one hours", 21), ("fifteen hrs a week", 15), ("a dozen hours", 12), ("a dozen hours a week", 12),
    ("half a dozen hours weekly", 6), ("a couple dozen hours a week", 24), ("two and a half hours a day", 17.5),
    ("an hour and a half a day", 10.5),
])
def test_hours_in_words_are_hours_per_week(text: str, hours: float) -> None:
    assert facts(text).hours_per_week == hours


@settings(max_examples=40, deadline=None)
@given(n=st.integers(min_value=1, max_value=9), unit=st.sampled_from(["months", "years"]))
def test_n_and_a_half_is_the_same_as_n_point_5(n: int, unit: str) -> None:
    """Property: "in N and a half U" reads as "in N.5 U"."""
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    said = facts(f"job ready in {words[n - 1]} and a half {unit}")
    assert said.deadline == facts(f"job ready in {n}.5 {unit}").deadline is not None


# ---------------------------------------------------------------- budget


@pytest.mark.parametrize("text", ["no budget", "no budget really", "budget: none", "I have no budget",
                                  "I don't have a budget", "no budget at all",
                                  "No experience, want to be a data analyst, 15 hours a week, no budget."])
def test_no_budget_alone_is_asked_back_not_guessed(text: str) -> None:
    """"No budget" is no money or no limit: no budget is stored, and one question asks which (Yes = free only)."""
    got = facts(text)
    assert not got.budget_known and got.budget_usd is None
    asked = [q for q in got.questions if q.field == "budget_usd"]
    assert [(q.value, q.alternative) for q in asked] == [("0", "none")]


@pytest.mark.parametrize(("text", "budget"), [
    ("no budget, only free stuff", 0.0), ("no budget so free courses only", 0.0), ("no budget, I'm broke", 0.0),
    ("no budget limit", None), ("no budget, money is no issue", None), ("no budget, my company pays for it", None),
    ("budget: no limit", None), ("no budget constraints", None),
])
def test_no_budget_settled_by_the_rest_of_the_message_is_read(text: str, budget: float | None) -> None:
    got = facts(text)
    assert got.budget_known and got.budget_usd == budget
    assert not [q for q in got.questions if q.field == "budget_usd"]


@pytest.mark.parametrize("text", [
    "money is tight so ideally free stuff", "money's tight, free stuff preferably", "free resources pls",
    "free stuff please", "free if possible", "can't spend anything", "can't spend a dime", "not a penny",
    "not paying for anything", "broke student", "I'm a broke student lol", "im broke af", "student so broke lol",
    "zero budget", "i have no money"])
def test_money_said_to_be_short_is_free_only(text: str) -> None:
    assert facts(text).budget_usd == 0.0 and facts(text).budget_known


@pytest.mark.parametrize("text", ["I broke into tech last year", "the pipeline broke yesterday",
                                  "budget is none of your business", "free or cheap", "as cheap as possible"])
def test_broke_the_verb_and_hedges_are_no_budget(text: str) -> None:
    """"broke" the verb, a refusal to say, and "cheap" state no budget and ask nothing."""
    got = facts(text)
    assert not got.budget_known and not [q for q in got.questions if q.field == "budget_usd"]


@pytest.mark.parametrize("text", ["my employer pays", "employer covers it", "work will pay for courses",
                                  "the uni pays for my courses", "my company covers training"])
def test_someone_else_paying_is_no_limit(text: str) -> None:
    got = facts(text)
    assert got.budget_known and got.budget_usd is None


@pytest.mark.parametrize(("text", "job"), [("I'm a broke student", "student"),
                                           ("I'm a burnt-out teacher, 10 years", "teacher")])
def test_how_the_learner_feels_is_not_part_of_the_job(text: str, job: str) -> None:
    assert facts(text).current_role == job


# ---------------------------------------------------------------- found talking to the bot (session 4 QA)


@pytest.mark.parametrize(("text", "field", "value"), [
    ("10 hours/week. actually 8 hours not 10", "hours_per_week", 8),
    ("10 hours a week, sorry I mean 6", "hours_per_week", 6),
    ("10 hours a week, wait no, 12", "hours_per_week", 12),
    ("ml engineer, 10h a week. oops, make it 12h", "hours_per_week", 12),
    ("by june, actually make it september 2027", "deadline", date(2027, 9, 30)),
    ("ml engineer in 6 months, scratch that, 9", "deadline", date(2027, 8, 23)),
    ("budget 500, actually 300", "budget_usd", 300),
    ("i'm a dev, 3 years, oops 4 years", "years_experience", 4),
])
def test_a_value_corrected_in_the_same_message_wins(text: str, field: str, value: object) -> None:
    """Rule: what a message says after its correction cue replaces what it said before (a bare number takes the
    unit of the value said last), and the values it takes back ("not 10") are never read."""
    got = facts(text)
    assert getattr(got, field) == value and got.correction


@settings(max_examples=40, deadline=None)
@given(first=st.integers(min_value=2, max_value=40), second=st.integers(min_value=2, max_value=40),
       cue=st.sampled_from(["actually", "sorry I mean", "oops", "wait no,", "scratch that,"]),
       unit=st.sampled_from(["", " hours", " h"]))
def test_any_corrected_hours_figure_wins(first: int, second: int, cue: str, unit: str) -> None:
    """Property: "N hours a week, <cue> M" is M hours a week, whatever N and M."""
    assert facts(f"{first} hours a week, {cue} {second}{unit}").hours_per_week == second


@pytest.mark.parametrize(("text", "hours"), [("want ML engineer job, like 15 hrs a week", 15),
                                             ("land a data job, 10 hrs a week", 10),
                                             ("dream job is data scientist, 6h weekly", 6)])
def test_hours_next_to_the_job_wished_for_are_study_hours(text: str, hours: float) -> None:
    """The job wished for is no work: hours said after it are study hours."""
    assert facts(text).hours_per_week == hours


@pytest.mark.parametrize("text", ["I want to quit my job, I work 40 hours a week", "I work 50 hours a week",
                                  "my job takes 45 hours a week"])
def test_hours_of_the_job_held_are_still_no_study_hours(text: str) -> None:
    assert facts(text).hours_per_week is None


@pytest.mark.parametrize(("text", "job", "years"), [
    ("swe 5 yrs backend java, want mlops engineer", "swe", 5), ("nurse for about 7 years", "nurse", 7),
    ("career changer here!! teacher 10 years, no coding", "teacher", 10), ("hi! nurse 7 yrs", "nurse", 7)])
def test_a_span_right_after_the_job_is_its_length(text: str, job: str, years: float) -> None:
    got = facts(text)
    assert (got.current_role, got.years_experience) == (job, years)


@pytest.mark.parametrize("text", ["nurse, 2 years to get a job in ml",
                                  "I haven't touched code in 10 years. I'm a sales manager now."])
def test_a_span_that_is_no_length_of_the_job_is_no_experience(text: str) -> None:
    assert facts(text).years_experience is None


@pytest.mark.parametrize(("text", "hours", "deadline"), [
    ("I want NLP. 7 hours a week. Actually 9. Deadline June next year.", 9, date(2027, 6, 30)),
    ("10 hours a week, actually 12, and deadline in 6 months", 12, date(2027, 5, 23))])
def test_a_bare_corrected_number_corrects_only_the_value_before_it(text: str, hours: float, deadline: date) -> None:
    """The bare number after the cue corrects the value said last; what the message says after it still counts."""
    got = facts(text)
    assert (got.hours_per_week, got.deadline) == (hours, deadline)


@pytest.mark.parametrize(("text", "hours"), [
    ("I code in R and a bit of python, interested in computer vision, 10-12 hours, budget 200 euros", 11),
    ("career changer from retail management, data analyst is the goal, 6 hours, free stuff only", 6)])
def test_hours_said_as_a_clause_of_their_own_are_study_hours(text: str, hours: float) -> None:
    """In a long message "..., 10-12 hours, ..." answers "how many hours"; hours of something else do not."""
    assert facts(text).hours_per_week == hours


@pytest.mark.parametrize("text", ["I did a course last year, it was 40 hours, and I liked it a lot, now I want more",
                                  "I work in a warehouse and my shifts are long, 10 hours, so I'm tired"])
def test_hours_of_something_else_stay_out(text: str) -> None:
    assert facts(text).hours_per_week is None


@pytest.mark.parametrize(("text", "job"), [
    ("ok so quick: marketing manager, ~7y, excel + some sql", "marketing manager"),
    ("hey, nurse, 7 years, want to do data", "nurse"), ("hi! data analyst here, want to become ml engineer",
                                                         "data analyst"),
    ("Hi! I'm Sam, a QA tester, 2 yrs.", "qa tester"), ("I'm Anna, an accountant", "accountant"),
    ("Hi, I'm Laura. Marketing manager for 7 years, MBA.", "marketing manager"),
    ("sr. data engineer @ a logistics company, 8 yoe", "data engineer")])
def test_greetings_fillers_and_names_before_the_job_are_not_the_job(text: str, job: str) -> None:
    assert facts(text).current_role == job


@pytest.mark.parametrize("text", ["I'm tired, a lot going on", "ok so quick: want ml engineer, 10 h"])
def test_a_filler_or_a_mood_opens_no_job(text: str) -> None:
    assert facts(text).current_role is None


@pytest.mark.parametrize(("text", "hours"), [
    ("I can do 2 hrs most evenings and more at weekends, maybe 4h each day", 18),
    ("2h every evening and 4h each day at the weekend", 18), ("2 hrs a night, weekends 4h a day", 18),
    ("weekends maybe 4h each day", 8), ("2 hrs most evenings", 10), ("2h a day", 14), ("1h every evening", 7),
    ("evenings, maybe an hour a day, plus Saturday mornings (3h)", 10)])
def test_a_rate_per_day_counts_the_days_it_is_about(text: str, hours: float) -> None:
    """Rule: a rate per day is for the days its nearest words name (weekend 2, weekdays or "most evenings" 5,
    otherwise 7; evenings are weekday evenings beside a weekend part), and a weekday and a weekend part add up."""
    assert facts(text).hours_per_week == hours


@settings(max_examples=40, deadline=None)
@given(weekday=st.integers(min_value=1, max_value=4), weekend=st.integers(min_value=1, max_value=8),
       hedge=st.sampled_from(["", "maybe ", "like ", "prob "]))
def test_weekday_and_weekend_parts_always_add_up(weekday: int, weekend: int, hedge: str) -> None:
    """Property: "N most evenings and more at weekends, <hedge>M each day" is 5N + 2M."""
    text = f"{weekday} hrs most evenings and more at weekends, {hedge}{weekend}h each day"
    assert facts(text).hours_per_week == 5 * weekday + 2 * weekend


@pytest.mark.parametrize(("text", "field", "value"), [
    ("want ML eng, deadline 8 months, budget 400. oh and change that to 6 months", "deadline", date(2027, 5, 23)),
    ("10 hours, make that 12", "hours_per_week", 12)])
def test_change_that_and_make_that_correct_the_value_before(text: str, field: str, value: object) -> None:
    assert getattr(facts(text), field) == value


@pytest.mark.parametrize(("text", "hours"), [("summer internship then job by sept 2027, 15ish hrs/wk", 15),
                                             ("a job in 6 months, 10 hours a week", 10)])
def test_hours_after_a_job_with_a_deadline_are_study_hours(text: str, hours: float) -> None:
    """A job with a deadline ("job by sept 2027") is the one wished for, so the hours after it are study hours."""
    assert facts(text).hours_per_week == hours


@pytest.mark.parametrize("text", ["my job by day is 40 hours a week", "I work at a bank, 40 hours a week"])
def test_hours_of_the_job_held_stay_out_with_by_or_at(text: str) -> None:
    assert facts(text).hours_per_week is None


@pytest.mark.parametrize(("text", "years"), [("I work in a call centre, 3 years.", 3),
                                             ("I work at a bank, 5 years", 5),
                                             ("I've been working at a hospital (about 7 years)", 7)])
def test_a_span_after_a_workplace_is_experience(text: str, years: float) -> None:
    assert facts(text).years_experience == years


def test_a_deadline_next_to_a_workplace_is_no_experience() -> None:
    got = facts("i want to finish in 2 years, I work at a bank")
    assert got.years_experience is None and got.deadline == date(2028, 11, 23)


@pytest.mark.parametrize(("text", "role"), [
    ("Want back into work as a data analyst.", "data-analyst"), ("I'd love to work as an ML engineer", "ml-engineer"),
    ("hoping to work as a data scientist next year", "data-scientist")])
def test_work_as_after_a_wish_is_the_goal_not_the_job(text: str, role: str) -> None:
    got = facts(text)
    assert (got.target_role, got.current_role) == (role, None)


@pytest.mark.parametrize(("text", "job"), [("I work as a nurse", "nurse"),
                                           ("I'm working as a barista to get by", "barista")])
def test_work_as_without_a_wish_is_the_job(text: str, job: str) -> None:
    assert facts(text).current_role == job


@pytest.mark.parametrize(("text", "years"), [
    ("software dev 3y (python/django). goal ml engineer. 10h/wk. 1 year. no to certificates", 3),
    ("want to be a data engineer, 2 years", None), ("I'm a nurse. 7 years.", 7),
    ("used to be a HR manager for 6 years", 6)])
def test_a_span_after_the_role_wished_for_is_no_experience(text: str, years: float | None) -> None:
    """A span next to the role wished for ("goal ml engineer. 1 year.") says nothing about experience; next to the
    job held it does; "3y (python)" is three years."""
    assert facts(text).years_experience == years


@pytest.mark.parametrize(("text", "hours"), [("evenings only ~1-2h", 10.5), ("most nights 2h", 10),
                                             ("evenings 2h, weekends 5h", 15), ("weekends 5h", 5)])
def test_a_time_of_day_before_the_figure_is_its_period(text: str, hours: float) -> None:
    """"evenings only ~1-2h" is per evening (every evening 7, most nights 5); "weekends 5h" is 5 at the weekend."""
    assert facts(text).hours_per_week == hours


@pytest.mark.parametrize(("text", "budget"), [
    ("data scientist, no rush, 8-10 hrs a week, free courses, skip certs", 0.0), ("free courses", 0.0)])
def test_a_clause_that_only_names_free_things_is_free_only(text: str, budget: float) -> None:
    assert facts(text).budget_usd == budget


def test_free_things_in_a_story_are_no_budget() -> None:
    assert not facts("I watched free courses on youtube and liked them").budget_known


@pytest.mark.parametrize(("text", "deadline"), [("by dec", date(2026, 12, 31)), ("before mar", date(2027, 3, 31)),
                                                ("job ready by sept", date(2027, 9, 30))])
def test_a_short_month_after_a_deadline_word_is_a_deadline(text: str, deadline: date) -> None:
    assert facts(text).deadline == deadline


@pytest.mark.parametrize("text", ["I was born in dec", "i got laid off by mar", "mar is my sister"])
def test_a_short_month_elsewhere_is_no_deadline(text: str) -> None:
    assert facts(text).deadline is None


@pytest.mark.parametrize(("text", "years"), [("0 exp", 0), ("zero exp, fresh start", 0), ("no exp yet", 0),
                                             ("zero exp with python", None)])
def test_no_exp_is_no_experience(text: str, years: float | None) -> None:
    assert facts(text).years_experience == years


@pytest.mark.parametrize("text", ["yes to certificates but no to bootcamps", "nah to bootcamps", "no bootcamps please"])
def test_a_no_aimed_at_a_kind_of_school_is_no_education(text: str) -> None:
    assert facts(text).education is None
