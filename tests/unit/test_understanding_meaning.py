"""Issue 14: meaning, not keywords. Each test is the general rule behind the issue's examples."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.understanding import MAX_CHARS, resolve_certification, understand
from tests.unit.understood import CATALOG, TODAY, facts

# ---------------------------------------------------------------- topics, questions, other people


@pytest.mark.parametrize(
    "text",
    [
        "LLM stuff pays better",
        "what is pytorch and do I need it?",
        "ideally at a lab working on diffusion",
        "I'd like a Google or AWS certification",
        "everyone talks about RAG and agents these days",
        "is SQL important for data scientists?",
    ],
)
def test_a_topic_mentioned_or_asked_about_is_not_a_skill_known(text: str) -> None:
    f = facts(text)
    assert f.known_skills == [] and f.unknown_skills == []


@pytest.mark.parametrize(
    "text",
    [
        "my friend is an ML engineer and knows PyTorch, Docker and Kubernetes",
        "My wife is a data scientist, she uses SQL and Spark every day",
        'The job ad says "5 years of Python, Kubernetes and AWS, $150k"',
        "my colleague did a bootcamp that cost $12,000 and now works as a data engineer",
    ],
)
def test_other_peoples_skills_jobs_and_money_are_not_the_learners(text: str) -> None:
    f = facts(text)
    assert f.known_skills == [] and f.target_role is None and f.current_role is None
    assert f.years_experience is None and not f.budget_known


def test_the_learners_own_clause_after_someone_elses_still_counts() -> None:
    f = facts("my friend knows PyTorch but I only know Python")
    assert f.known_skills == ["python"]


@pytest.mark.parametrize(
    ("text", "forgotten"),
    [("I used R at uni but forgot all of it", "r-programming"),
     ("I used to know Java but I don't remember any of it", "java"),
     ("did some pandas years ago and have forgotten most of it", "pandas")],
)
def test_a_forgotten_skill_is_not_known(text: str, forgotten: str) -> None:
    f = facts(text)
    assert forgotten not in f.known_skills and forgotten in f.unknown_skills


# ---------------------------------------------------------------- wishes, negation and contrast


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("I do NOT want to be a data scientist ... I want proper ML engineering", "ml-engineer"),
        ("not ML engineer, more like data engineer", "data-engineer"),
        ("anything but data analyst, I'd rather be an AI engineer", "ai-engineer"),
        ("I'm not interested in research or data analysis; I want to go into MLOps", "mlops-engineer"),
    ],
)
def test_a_role_ruled_out_is_never_the_goal(text: str, role: str) -> None:
    assert facts(text).target_role == role


def test_a_question_about_roles_names_no_goal() -> None:
    assert facts("what's the difference between an ML engineer and a data scientist?").target_role is None
    assert facts("should I become a data scientist?").target_role == "data-scientist"


def test_wanting_to_learn_a_skill_is_neither_known_nor_a_role() -> None:
    f = facts("I want to learn pytorch and MLOps")
    assert f.known_skills == [] and f.target_role is None


# ---------------------------------------------------------------- current job and experience


@pytest.mark.parametrize(
    ("text", "job", "years"),
    [
        ("3 yoe as SWE", "swe", 3),
        ("been a backend developer for about 6 years now", "backend developer", 6),
        ("none, I've only done internships", None, 0),
        ("senior backend developer at a bank", "backend developer", None),
        ("I'm a junior data analyst, 2 years", "data analyst", 2),
        ("Statistician here, 6 years in pharma", "statistician", 6),
        ("I teach high school chemistry, 9 years now", "high school chemistry teacher", 9),
    ],
)
def test_current_job_and_years_as_people_say_them(text: str, job: str | None, years: float | None) -> None:
    f = facts(text)
    assert (f.current_role, f.years_experience) == (job, years)


def test_a_job_named_as_the_goal_is_not_the_current_job() -> None:
    f = facts("Aspiring data engineer here")
    assert f.current_role is None and f.target_role == "data-engineer"


# ---------------------------------------------------------------- depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("I know a bit of python and years of SQL", {"python": "basic", "sql": "deep"}),
        ("expert in pandas", {"pandas": "deep"}),
        ("comfortable with scikit-learn", {"scikit-learn": "working"}),
        ("I know numpy and pandas pretty well", {"numpy": "working", "pandas": "working"}),
        ("I know python", {}),
    ],
)
def test_depth_only_when_the_words_give_one(text: str, depth: dict[str, str]) -> None:
    assert facts(text).skill_depth == depth


# ---------------------------------------------------------------- numbers and dates people write


@pytest.mark.parametrize(
    ("text", "hours"),
    [("20+ hours", 20), ("3 to 5 hours", 4), ("5-8h", 6.5), ("2 on weekdays and 5 on weekends", 15),
     ("2h a day", 14), ("3 each weekend day", 6), ("4 hours at the weekend", 4),
     ("1h a day on weekdays plus 4 at the weekend", 9), ("I work 45 hours a week and can study 5", None)],
)
def test_hours_ranges_midpoints_and_parts_that_add_up(text: str, hours: float | None) -> None:
    assert facts(text).hours_per_week == hours


@pytest.mark.parametrize(
    ("text", "deadline"),
    [("about a year", date(2027, 11, 23)), ("in 6 months", date(2027, 5, 23)), ("Q3 2027", date(2027, 9, 30)),
     ("by June 2027", date(2027, 6, 30)), ("by March", date(2027, 3, 31)), ("by next spring", date(2027, 5, 31)),
     ("by winter", date(2027, 2, 28)), ("in 2027", date(2027, 12, 31)), ("by 2028", date(2028, 12, 31)),
     ("end of next year", date(2027, 12, 31)), ("change my deadline to next March", date(2027, 3, 31)),
     ("by March 2027", date(2027, 3, 31))],
)
def test_deadlines_end_where_the_period_ends(text: str, deadline: date) -> None:
    assert facts(text).deadline == deadline


@pytest.mark.parametrize(
    ("text", "problem"),
    [("by March 2020", "past"), ("31 February 2027", "impossible"), ("by the year 9999", "too-far")],
)
def test_past_and_impossible_dates_are_no_deadline_and_say_why(text: str, problem: str) -> None:
    f = facts(text)
    assert f.deadline is None and f.deadline_problem == problem


def test_a_year_in_a_life_story_is_not_a_past_deadline() -> None:
    assert facts("I graduated in 2015 and moved to Berlin").deadline_problem is None


@pytest.mark.parametrize(
    ("text", "budget"),
    [("a few hundred", 300), ("100 max", 100), ("2k budget", 2000), ("$200-500 budget", 350),
     ("free only", 0), ("up to 1.5k", 1500)],
)
def test_budgets_as_people_write_them(text: str, budget: float) -> None:
    f = facts(text)
    assert f.budget_known and f.budget_usd == budget


def test_a_monthly_amount_is_marked_monthly_not_a_total_and_not_a_deadline() -> None:
    f = facts("maybe 50 bucks a month")
    assert f.budget_monthly == 50 and not f.budget_known and f.deadline is None


def test_a_foreign_amount_is_never_read_as_dollars() -> None:
    f = facts("I can spend 300 euros")
    assert not f.budget_known and f.budget_foreign is not None
    assert (f.budget_foreign.amount, f.budget_foreign.currency) == (300, "EUR")


@pytest.mark.parametrize(
    "text",
    ["I earn $90k a year", "I'm 34 and pay 900 in rent", "the AWS exam is about 150 dollars",
     "I spent 200 dollars on a course I never finished", "my mortgage is $2,100 a month"],
)
def test_salaries_ages_and_prices_are_not_a_budget(text: str) -> None:
    f = facts(text)
    assert not f.budget_known and f.budget_monthly is None


def test_an_explicit_correction_is_marked() -> None:
    assert facts("actually 10 hours, not 5").correction
    assert facts("change my deadline to next March").correction
    assert not facts("10 hours a week").correction


# ---------------------------------------------------------------- certificates and other experience


def test_a_certificate_already_held_is_held_not_wished_for() -> None:
    f = facts("I already have the AWS ML associate cert")
    assert f.held_certifications == ["aws-ml-engineer-associate"]
    assert f.certifications == [] and f.known_skills == []


@pytest.mark.parametrize(
    ("name", "cert"),
    [("AWS ML associate", "aws-ml-engineer-associate"), ("AWS machine learning specialty", "aws-ml-specialty"),
     ("Azure AI fundamentals", "azure-ai-fundamentals-ai901"), ("Databricks ML associate", "databricks-ml-associate"),
     ("the CKA", "cka"), ("Google professional ML engineer", "google-professional-ml-engineer")],
)
def test_a_certification_named_without_its_exam_code_resolves(name: str, cert: str) -> None:
    assert resolve_certification(name, CATALOG) == cert


def test_a_held_certificate_whose_exam_was_replaced_is_the_older_one() -> None:
    """AI-900 was replaced by AI-901: a learner who already holds "Azure AI Fundamentals" holds AI-900."""
    assert resolve_certification("Azure AI fundamentals", CATALOG, held=True) == "azure-ai-fundamentals"
    assert facts("I hold the Azure AI Fundamentals cert").held_certifications == ["azure-ai-fundamentals"]


def test_skills_outside_the_vocabulary_are_other_experience() -> None:
    f = facts("I know Go, Terraform, JavaScript and React, and I write my papers in LaTeX")
    assert f.other_experience == ["go", "terraform", "javascript", "react", "latex"]
    assert f.known_skills == []


def test_go_as_a_verb_is_not_a_language() -> None:
    assert facts("let's go, I know python").other_experience == []


# ---------------------------------------------------------------- long and hostile input
# Issue 11 item 6. Speed is measured by `waypoint bench understand` (its "adversarial" line), never by a timed
# test; what a test can pin is that the parsers look at no more than MAX_CHARS, whatever follows.


@pytest.mark.parametrize(
    "text",
    ["1" * 4000, "1 " * 2000, "python " * 572, "$1" * 2000, "by june 2027 " * 308, "I know python and 3 years " * 154,
     "my friend " * 400, "a" * 4000, "²" * 4000],
)
def test_hostile_long_messages_are_read_only_up_to_the_cap(text: str) -> None:
    """A 4,000-character message reads as its first MAX_CHARS characters do, and nothing after them counts."""
    assert len(text) > MAX_CHARS
    head = understand(text[:MAX_CHARS], CATALOG, TODAY)
    assert understand(text, CATALOG, TODAY) == head
    assert understand(text[:MAX_CHARS] + " I want to be a data analyst, 40 hours a week", CATALOG, TODAY) == head


def test_bench_understand_reports_median_p95_and_the_adversarial_worst_case() -> None:
    from bot.bench.understand import run

    lines = run(CATALOG, rounds=1)
    assert any("median" in line and "p95" in line for line in lines)
    worst = next(line for line in lines if line.startswith("adversarial"))
    assert "worst" in worst and "ms" in worst


@pytest.mark.parametrize(
    ("text", "known", "unknown"),
    [
        ("Know SQL? yes. Python? a bit. Stats? no.", ["sql", "python"], ["statistics"]),
        ("I've heard of pandas but never used it", [], ["pandas"]),
        ("Python I tried once but gave up", [], ["python"]),
        ("I've heard about RAG", [], []),
    ],
)
def test_answers_to_its_own_questions_and_things_only_heard_of(text: str, known: list[str], unknown: list[str]) -> None:
    f = facts(text)
    assert (f.known_skills, f.unknown_skills) == (known, unknown)
