"""read_job_ad and match: literal ads and learners (issue 17)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog, Depth
from bot.domain.jobad import (
    MAX_CHARS,
    DegreeLevel,
    JobAd,
    PayPeriod,
    Seniority,
    WorkMode,
    match,
    match_message,
    read_job_ad,
)
from bot.domain.profile import Education

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")


def read(text: str) -> JobAd:
    return read_job_ad(text, CATALOG)


# ---------------------------------------------------------------- skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Requirements:\n- PyTorch/TensorFlow", {"pytorch", "tensorflow-keras"}),
        ("Requirements:\n- MLflow or similar", {"experiment-tracking"}),
        ("Requirements:\n- experience with LLMs", {"llms"}),
        ("Requirements:\n- A/B testing", {"ab-testing"}),
        ("Requirements:\n- Spark", {"big-data-spark"}),
        ("Requirements:\n- CNNs and Transformers", {"cnns", "transformers"}),
        ("Requirements:\n- PYTHON, pytorch, Sql", {"python", "pytorch", "sql"}),
        ("Requirements:\n- Hugging Face, Airflow, vLLM", {"transformers", "data-pipelines", "model-serving"}),
        ("Requirements:\n- R and SQL", {"r-programming", "sql"}),
    ],
)
def test_skill_vocabulary(text: str, skills: set[str]) -> None:
    assert set(read(text).required_skills) == skills


def test_words_that_are_not_skills_here() -> None:
    ad = read("Data Scientist\nSend your CV to jobs@example.com. Attention to detail. The rest of the team is R&D.")
    assert ad.required_skills == []


def test_skill_inside_a_job_title_is_not_asked_for() -> None:
    ad = read("NLP Engineer\nYou will mentor our ML engineers.\nRequirements:\n- Python")
    assert ad.required_skills == ["python"]


def test_nice_to_have_sections_and_cues() -> None:
    ad = read(
        "ML Engineer\n"
        "Requirements:\n- Python\n- SQL; Docker is a plus\n- You know one cloud (GCP preferred)\n"
        "Nice to have\n- Spark\n- Kubernetes\n"
    )
    assert ad.required_skills == ["python", "sql", "cloud-platforms"]
    assert set(ad.nice_skills) == {"docker", "big-data-spark", "kubernetes"}


def test_leading_cue_and_inline_label() -> None:
    ad = read("Data Analyst\nSQL and Excel daily.\nBonus points for experience with dbt.\nPreferred: Python; Tableau.")
    assert set(ad.required_skills) == {"sql", "spreadsheets-bi"}
    assert set(ad.nice_skills) == {"data-modeling", "python"}


def test_a_skill_asked_twice_is_required_only() -> None:
    ad = read("Requirements:\n- Python\nNice to have:\n- Python, Docker")
    assert ad.required_skills == ["python"]
    assert ad.nice_skills == ["docker"]


def test_negated_skills_are_not_taken() -> None:
    ad = read("ML Engineer\nPython and SQL. No Kubernetes experience needed; you don't need to know Spark.")
    assert ad.required_skills == ["python", "sql"]
    assert ad.nice_skills == []


def test_blurb_benefits_and_eeo_give_no_skills() -> None:
    ad = read(
        "AI Engineer\n"
        "About us\nWe build LLM agents for banks and were founded in 2020.\n"
        "Requirements\n- Python\n"
        "Benefits\n- Free Coursera courses on deep learning\n"
        "We are an equal opportunity employer and do not discriminate on the basis of race or SQL skills."
    )
    assert ad.required_skills == ["python"]


def test_degree_subject_is_not_a_skill() -> None:
    ad = read("Requirements:\n- MSc in statistics or a related field\n- Python")
    assert ad.required_skills == ["python"]


def test_unknown_technologies() -> None:
    ad = read("Requirements: Terraform, Go and Rust, JAX, Python")
    assert ad.required_skills == ["python"]
    assert ad.unknown_skills == ["Terraform", "Go", "Rust", "JAX"]
    assert read("Requirements: GPUs, TypeScript and LangSmith").unknown_skills == ["TypeScript", "LangSmith"]
    assert read("About us\nWe use Terraform.\nRequirements: Python").unknown_skills == []


# ---------------------------------------------------------------- years, degree, place, pay


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("3-5 years of experience with Python.", (3, 5)),
        ("At least two years of experience.", (2, None)),
        ("5+ years building data pipelines; 2+ years with Spark.", (5, None)),
        ("Minimum of 4 years in analytics.", (4, None)),
        ("We were founded 10 years ago.", (None, None)),
        ("A 4-year degree.", (None, None)),
    ],
)
def test_years(text: str, years: tuple[float | None, float | None]) -> None:
    ad = read("Data Analyst\n" + text)
    assert (ad.years_min, ad.years_max) == years


@pytest.mark.parametrize(
    ("text", "degree", "required"),
    [
        ("BS/MS in Computer Science.", DegreeLevel.bachelor, True),
        ("MS or PhD in machine learning.", DegreeLevel.master, True),
        ("PhD preferred.", DegreeLevel.phd, False),
        ("Bachelor's degree or equivalent practical experience.", DegreeLevel.bachelor, False),
        ("No degree required.", DegreeLevel.none, False),
        ("Currently pursuing a PhD.", None, None),
        ("Python and SQL.", None, None),
    ],
)
def test_degree(text: str, degree: DegreeLevel | None, required: bool | None) -> None:
    ad = read("Research Intern\n" + text)
    assert (ad.degree, ad.degree_required) == (degree, required)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Fully remote (EU).", WorkMode.remote),
        ("Hybrid, 2 days a week in our Berlin office.", WorkMode.hybrid),
        ("On-site in Paris, 5 days.", WorkMode.onsite),
        ("This role is not remote.", WorkMode.onsite),
        ("Python.", None),
    ],
)
def test_work_mode(text: str, mode: WorkMode | None) -> None:
    assert read("Data Scientist\n" + text).remote == mode


def test_location() -> None:
    assert read("ML Engineer\nLocation: Berlin, Germany\n").location == "Berlin, Germany"
    assert read("ML Engineer\nOn-site in Paris. Python.").location == "Paris"
    assert read("Data Engineer\nHybrid - Manchester").location == "Manchester"
    assert read("ML Engineer (3+ years) - fully remote - Python, Docker").location is None


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "period"),
    [
        ("Salary: $150,000 - $190,000 per year", 150_000, 190_000, "USD", PayPeriod.year),
        ("€45k–55k", 45_000, 55_000, "EUR", PayPeriod.year),
        ("£30/hour", 30, None, "GBP", PayPeriod.hour),
        ("Monthly stipend: CHF 5,000", 5_000, None, "CHF", PayPeriod.month),
        ("CAD 150,000 - 175,000", 150_000, 175_000, "CAD", PayPeriod.year),
    ],
)
def test_salary(text: str, low: float, high: float | None, currency: str, period: PayPeriod) -> None:
    salary = read("Data Engineer\n" + text).salary
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == (low, high, currency, period)


def test_no_salary_from_budgets() -> None:
    assert read("Data Engineer\nWe offer a $1,500 learning budget and raised $20M.").salary is None


# ---------------------------------------------------------------- role, title, seniority


@pytest.mark.parametrize(
    ("text", "role", "title", "seniority"),
    [
        ("Staff Machine Learning Engineer - Ads (Remote)\nPython", "ml-engineer", "Staff Machine Learning Engineer",
         Seniority.staff),
        ("Sr. Data Scientist, Growth", "data-scientist", "Sr. Data Scientist, Growth", Seniority.senior),
        ("Junior MLOps Engineer", "mlops-engineer", "Junior MLOps Engineer", Seniority.junior),
        ("Research Intern — Efficient Deep Learning", "ml-researcher", "Research Intern", Seniority.intern),
        ("Principal Data Scientist", "data-scientist", "Principal Data Scientist", Seniority.principal),
        ("Lead Computer Vision Engineer", "cv-engineer", "Lead Computer Vision Engineer", Seniority.lead),
    ],
)
def test_role_title_seniority(text: str, role: str, title: str, seniority: Seniority) -> None:
    ad = read(text)
    assert (ad.role, ad.title, ad.seniority) == (role, title, seniority)


def test_seniority_from_years_and_role_from_skills() -> None:
    ad = read("Requirements:\n- 6+ years with Docker, Kubernetes, MLflow and Kubeflow Pipelines")
    assert ad.title == ""
    assert ad.seniority is Seniority.senior
    assert ad.role == "mlops-engineer"


def test_long_text_is_cut() -> None:
    ad = read("ML Engineer\nPython.\n" + "x " * MAX_CHARS + "\nSpark")
    assert ad.truncated
    assert ad.required_skills == ["python"]


# ---------------------------------------------------------------- match

AD = JobAd(
    role="ml-engineer",
    required_skills=["python", "pytorch", "docker", "kubernetes"],
    nice_skills=["big-data-spark", "experiment-tracking"],
    years_min=3,
    degree=DegreeLevel.master,
    degree_required=True,
)


def test_match_splits_have_planned_missing() -> None:
    result = match(
        AD,
        known_skills={"python": Depth.working, "big-data-spark": Depth.basic},
        planned={"pytorch": date(2027, 3, 1), "docker": date(2027, 1, 15), "experiment-tracking": date(2027, 2, 1)},
    )
    assert result.have == ["python", "big-data-spark"]
    assert list(result.planned) == ["docker", "experiment-tracking", "pytorch"]  # by date
    assert result.missing == ["kubernetes"]
    assert result.missing_required == ["kubernetes"]
    # weights: 4 required x 2 + 2 nice x 1 = 10; python 2, spark at basic 0.5 -> 2.5/10
    assert result.percent == 25
    # planned counted: python 2 + pytorch 2 + docker 2 + tracking 1 + spark 0.5 = 7.5/10
    assert result.percent_planned == 75
    assert result.ready_by is None  # kubernetes is in no plan


def test_a_skill_known_at_working_depth_is_had_even_when_the_plan_deepens_it() -> None:
    """The role's plan may take Python deeper; the ad still counts it as had. Known a little, it waits."""
    planned = {"python": date(2027, 3, 1), "big-data-spark": date(2027, 2, 1)}
    result = match(AD, known_skills={"python": Depth.working, "big-data-spark": Depth.basic}, planned=planned)
    rows = {row.skill: row.status for row in result.skills}
    assert rows["python"] == "have" and rows["big-data-spark"] == "planned"
    assert "python" not in result.planned and result.planned["big-data-spark"] == date(2027, 2, 1)


def test_match_ready_by_is_the_last_required_planned_date() -> None:
    result = match(
        AD,
        known_skills={"python": "deep", "kubernetes": "working"},
        planned={"pytorch": date(2027, 3, 1), "docker": date(2027, 1, 15)},
    )
    assert result.ready_by == date(2027, 3, 1)
    assert result.percent == 40
    assert result.percent_planned == 80


def test_match_gaps_in_years_and_degree() -> None:
    result = match(AD, {}, {}, years_experience=1.5, education=Education.bachelor)
    assert result.years_gap == 1.5
    assert result.degree_gap is DegreeLevel.master
    assert result.percent == 0
    none = match(AD, {}, {}, years_experience=4, education=Education.phd)
    assert none.years_gap is None and none.degree_gap is None
    unknown = match(AD, {}, {})
    assert unknown.years_gap is None and unknown.degree_gap is None


def test_preferred_degree_is_no_gap() -> None:
    ad = AD.model_copy(update={"degree_required": False})
    assert match(ad, {}, {}, education=Education.none).degree_gap is None


def test_match_without_skills() -> None:
    result = match(JobAd(), {"python": Depth.deep}, {})
    assert result.percent is None and result.percent_planned is None
    assert result.have == [] and result.missing == []


def test_match_everything_known() -> None:
    result = match(AD, dict.fromkeys(AD.skills, Depth.working), {})
    assert result.percent == 100 and result.percent_planned == 100
    assert result.ready_by is None and result.missing == []


# ---------------------------------------------------------------- the reply text


def test_match_message() -> None:
    ad = read(
        "Senior ML Engineer\nLocation: Berlin\nHybrid.\nRequirements:\n- 5+ years\n- Python, PyTorch, Kubernetes\n"
        "- MSc in computer science\n- Terraform\nNice to have: Spark\nSalary: €80,000 - €95,000 per year"
    )
    result = match(ad, {"python": Depth.working}, {"pytorch": date(2027, 3, 1)}, years_experience=2,
                   education=Education.bachelor)
    text = match_message(ad, result, CATALOG)
    assert text.splitlines()[0] == "Senior ML Engineer"
    assert "senior level · 5+ years · master's degree required · Berlin · hybrid · 80,000-95,000 EUR a year" in text
    assert "Match today: 29%. With your plan: 57%." in text
    assert "✅ You have: Python" in text
    assert "📅 Your plan teaches: PyTorch (by 01 Mar 2027)" in text
    assert "❌ Not in your plan yet: Kubernetes, Big data with Spark (nice to have)" in text
    assert "3 more years" in text
    assert "requires a master's degree" in text
    assert "Not in Waypoint's catalog yet: Terraform" in text


def test_match_message_without_skills() -> None:
    ad = read("Office manager\nKeep the office tidy.")
    text = match_message(ad, match(ad, {}, {}), CATALOG)
    assert "can't score" in text
