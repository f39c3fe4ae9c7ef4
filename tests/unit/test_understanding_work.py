"""The learner's work as free text: current job, years of work, certificates held, tools outside the catalog.

General rules on the shipped catalog, with hypothesis properties where a rule covers a family of phrasings.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.understanding import NUMBER_WORDS, normalise_numbers
from tests.unit.understood import TODAY, facts

_WORD_OF = {v: k for k, v in NUMBER_WORDS.items() if k != "fourty"}



def in_words(n: int) -> str:
    """1..99 in English words ('twenty three')."""
    if n in _WORD_OF:
        return _WORD_OF[n]
    return f"{_WORD_OF[n - n % 10]} {_WORD_OF[n % 10]}"


# ---------------------------------------------------------------- current job


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("im a SWE II at a fintech, 4 yrs in", "swe"),
        ("SDE 2 at amazon, 3.5 yrs", "sde"),
        ("postdoc in physics here", "postdoc"),
        ("currently teaching high school maths", "high school maths teacher"),
        ("was a line cook, now a warehouse supervisor", "warehouse supervisor"),
        ("I'm not a developer, I'm a biologist", "biologist"),
        ("fifteen years in banking as a credit risk analyst", "credit risk analyst"),
        ("over a decade as a sysadmin", "sysadmin"),
        ("i do payroll at a hospital (payroll specialist)", "payroll specialist"),
        ("I'm a QA automation engineer with 4 years experience", "qa automation engineer"),
        ("sr. data engineer @ a logistics company", "data engineer"),
        ("Business analyst in insurance, 4 yrs", "business analyst"),
        ("worked as a lab technician for 4 yrs then I've been a QA specialist since 2022", "qa specialist"),
        ("I've been a nurse for 15 years, now I'm a nurse educator", "nurse educator"),
        ("freelance translator (german/english) for 7 years", "translator"),
    ],
)
def test_current_job_phrasings(text: str, job: str) -> None:
    """Titles with grades, brackets, workplaces, 'now', negations and spans of years are read whole."""
    assert facts(text).current_role == job


@pytest.mark.parametrize(
    "text",
    [
        "i'm a certified kubernetes administrator",  # a certificate
        "i'm no longer a teacher, quit in august",  # a past job
        "data engineer, 3 yrs exp",  # a catalog role alone first is the goal
        "not ML engineer, more like data engineer",
        "I want to become a data analyst in 2 years as a career change",
    ],
)
def test_no_current_job(text: str) -> None:
    """Certificates, past jobs, negations and goals are not the current job."""
    assert facts(text).current_role is None


# ---------------------------------------------------------------- years of work


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("been coding since 2015, backend mostly", 11),
        ("Ops analyst at a bank, joined in 2021", 5),
        ("I started working in 2019 as a support engineer", 7),
        ("two decades in finance", 20),
        ("a decade of experience in IT support", 10),
        ("18 months as a data analyst intern", 1.5),
        ("yrs of exp: 7", 7),
        ("im a SWE II at a fintech, 4 yrs in, mostly Go", 4),
        ("twenty years a plumber, my knees are done", 20),
        ("6 years of teaching, then 2 in edtech", 8),
        ("5 yrs as PM, before that 3 as a dev", 8),
        ("research assistant in a neuroscience lab, matlab + python, 3 years.", 3),
        ("I've lived in Berlin since 2019", None),
        ("I graduated from uni in 2019", None),
        ("I want to switch within 2 years", None),
    ],
)
def test_years_of_work(text: str, years: float | None) -> None:
    """Start years, decades, months, spans said in turn, and years after an opening job; not homes or goals."""
    assert facts(text).years_experience == years


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=45), st.sampled_from(
    ["{n} years of experience as a nurse", "I've been a teacher for {n} years", "{n} yrs as a backend dev",
     "chef for {n} years, burned out", "{n} years in banking as an analyst"]))
def test_years_number_words_and_digits_agree(n: int, template: str) -> None:
    """'fifteen years' and '15 years' give the same years of work, in every phrasing."""
    digits = facts(template.format(n=n)).years_experience
    words = facts(template.format(n=in_words(n))).years_experience
    assert digits == words == n


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1970, max_value=2026), st.sampled_from(
    ["working as a teacher since {y}", "been coding since {y}", "I'm a nurse, since {y}",
     "I have been working in tech since {y}"]))
def test_years_since_a_start_year(year: int, template: str) -> None:
    """'since YEAR' in a clause about work is today's year minus that year."""
    assert facts(template.format(y=year)).years_experience == TODAY.year - year


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=20),
       st.sampled_from(["then", "before that", "after that"]))
def test_years_said_in_turn_add_up(first: int, second: int, joint: str) -> None:
    """'N years as X, then M as Y' is N + M years of work."""
    assert facts(f"{first} years as a nurse, {joint} {second} as a teacher").years_experience == first + second


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["since", "2015", "years", "yrs", "as", "a", "nurse", "then", "before that", "decade", "decades", "months", "in",
     "joined", "for", "7", "twenty", "over", ",", ".", "exp:", "yoe", "half", "a couple of", "1999", "3000"]),
    max_size=30))
def test_years_parsing_never_crashes_and_stays_in_range(words: list[str]) -> None:
    """Any jumble of the words years are said with gives no error and a number of years a career can have."""
    years = facts(" ".join(words)).years_experience
    assert years is None or 0 <= years <= 120


# ---------------------------------------------------------------- certificates held


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("passed azure AI fundamentals last spring", ["azure-ai-fundamentals"]),
        ("got my CKA last year", ["cka"]),
        ("tensorflow dev certificate holder (2022)", ["tensorflow-developer-certificate"]),
        ("i'm a certified kubernetes administrator", ["cka"]),
        ("my certs are the CKAD and the Databricks ML professional", ["ckad", "databricks-ml-professional"]),
        ("certs: azure ai engineer associate (2024), cka (2023)", ["azure-ai-engineer-associate", "cka"]),
        ("I got the nvidia genai LLM associate cert last month", ["nvidia-nca-genl"]),
        ("I've got the AWS AI practitioner, want the ML engineer associate next", ["aws-ai-practitioner"]),
        ("i did the google data analytics cert on coursera", []),
        ("I have the AWS cloud practitioner, thats about it", []),
        ("got azure fundamentals (az-900) at work", []),
        ("failed the CKAD twice, never passed it", []),
    ],
)
def test_held_certificates_named_loosely(text: str, held: list[str]) -> None:
    """A held certificate is read without its exam code; names outside the catalog resolve to nothing."""
    assert facts(text).held_certifications == held


def test_certificate_names_are_not_skills_goals_or_domains() -> None:
    """The words of a certificate's name ("AWS", "ML engineer", "genai") say nothing about skills or goals."""
    assert facts("I have the AWS cloud practitioner").known_skills == []
    f = facts("no certs yet, but i'd like the google ML engineer one")
    assert (f.target_role, f.wants_certificates) == (None, True)
    assert facts("I got the nvidia genai LLM associate cert").domain is None


# ---------------------------------------------------------------- tools outside the catalog, budgets


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        ("php and wordpress for 8 years as a web developer", ["php", "wordpress"]),
        ("flutter + dart mobile apps, firebase backend", ["flutter", "dart", "firebase"]),
        ("Power Query and DAX in Power BI are my daily bread", ["power query", "dax"]),
        ("java developer (spring boot, microservices)", ["spring"]),
        ("I want to learn React and Terraform", []),
        ("Terraform seems cool, should I learn it", []),
        ("php developers earn less than ML engineers", []),
        ("my brother codes in PHP", []),
        ("C$300", []),
    ],
)
def test_other_tools(text: str, tools: list[str]) -> None:
    """A tool named plainly is experience; one wished for, asked about or said of others is not."""
    assert facts(text).other_experience == tools


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.sampled_from(["lakh", "lakhs", "lac"]))
def test_lakh_amounts(n: int, word: str) -> None:
    """'N lakh rupees' is N x 100,000 INR, written as plain digits."""
    assert normalise_numbers(f"{n} {word}") == str(n * 100_000)
    f = facts(f"budget {n} {word} rupees")
    assert f.budget_foreign is not None
    assert (f.budget_foreign.amount, f.budget_foreign.currency) == (n * 100_000, "INR")


def test_big_scaled_amounts_stay_plain_digits() -> None:
    """Scaled amounts never turn into exponent notation ('2000k' is 2000000, not 2e+06)."""
    assert normalise_numbers("2000k") == "2000000"
    assert normalise_numbers("2 crore") == "20000000"


# ---------------------------------------------------------------- deadlines that are spans of work


@pytest.mark.parametrize(
    "text",
    [
        "operations manager in logistics, a bit over 7 years",
        "roughly four years in data, mostly reporting",
        "not employed right now, finished my masters in june",
        "i'm no longer a teacher, quit in august. 11 years in the classroom",
    ],
)
def test_spans_of_work_and_past_events_are_no_deadline(text: str) -> None:
    """Years of work and months of past events are not when the learner wants to be ready."""
    assert facts(text).deadline is None


def test_over_n_years_is_still_a_deadline_when_it_is_the_plan() -> None:
    """'over 2 years' after the study time is the plan's length."""
    assert facts("maybe 5 hours a week, over 2 years").deadline == date(2028, 11, 23)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("been freelancing as a web designer since 2020", "current_role", "web designer"),
        ("Currently: junior accountant. Excel", "current_role", "accountant"),
        ("Jr. Data Analyst here, about 1.5 yrs in.", "current_role", "data analyst"),
        ("Jr. Data Analyst here, about 1.5 yrs in.", "years_experience", 1.5),
        ("quit my job as a lawyer in march after 9 years", "years_experience", 9),
        ("CKAD certified, 3 yrs k8s in prod", "held_certifications", ["ckad"]),
        ("python total beginner", "skill_depth", {"python": "basic"}),
        ("forgot all my linear algebra and calculus from uni", "unknown_skills", ["linear-algebra", "calculus"]),
        ("i have no certifications whatsoever", "wants_certificates", None),
        ("I have no certs and would like one", "wants_certificates", True),
        ("a secondary school chemistry teacher", "education", None),
    ],
)
def test_more_work_phrasings(text: str, field: str, value: object) -> None:
    """Self-introductions, spans ending a job, 'X certified', levels after a skill, and what is held vs wished."""
    assert getattr(facts(text), field) == value
