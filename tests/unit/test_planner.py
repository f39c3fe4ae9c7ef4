"""Unit tests of the planner: one literal catalog, literal profiles, one rule per test."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.config import SHIPPED_CONTENT
from bot.domain.catalog import Catalog
from bot.domain.planner import PlanError, Roadmap, plan, profile_from_data, replan
from bot.domain.profile import LearnerProfile
from bot.domain.progress import ProgressEvent

TODAY = date(2025, 1, 6)
V = {"verified_on": "2025-01-01", "source": "https://example.org/source"}


def skill(id_: str, category: str, hours: float, *prereqs: str) -> dict[str, Any]:
    """A skill document."""
    return {"id": id_, "name": id_.replace("-", " ").title(), "category": category, "hours": hours,
            "prerequisites": list(prereqs), "why": f"{id_} matters."}


def course(id_: str, cost: float, hours: float, level: str, skills: list[str], **extra: Any) -> dict[str, Any]:
    """A course document."""
    return {"id": id_, "title": f"Course {id_}", "provider": "Prov", "url": f"https://example.org/{id_}",
            "cost_usd": cost, "hours": hours, "level": level, "skills": skills, **V, **extra}


DOCS: dict[str, Any] = {
    "skills.yaml": {"skills": [
        skill("python", "programming", 20),
        skill("git", "programming", 5),
        skill("sql", "programming", 10),
        skill("linear-algebra", "math", 20),
        skill("statistics", "math", 15),
        skill("numpy", "data", 8, "python"),
        skill("pandas", "data", 12, "numpy"),
        skill("ml-fundamentals", "ml", 30, "pandas", "statistics", "linear-algebra"),
        skill("scikit-learn", "ml", 15, "ml-fundamentals"),
        skill("neural-networks", "deep_learning", 25, "ml-fundamentals"),
        skill("pytorch", "deep_learning", 25, "neural-networks", "python"),
        skill("nlp-fundamentals", "nlp", 30, "pytorch"),
        skill("docker", "mlops", 10, "python"),
        skill("model-serving", "mlops", 15, "docker", "scikit-learn"),
    ]},
    "roles.yaml": {
        "roles": [
            {"id": "ml-engineer", "name": "ML Engineer", "aliases": ["machine learning engineer", "MLE"],
             "summary": "Builds ML systems.", "duties": ["ship models"],
             "required_skills": [{"skill": s} for s in
                                 ("python", "sql", "scikit-learn", "pytorch", "docker", "model-serving")],
             "optional_skills": ["git"], "domains": ["nlp"],
             "salary": [{"label": "all levels", "median_usd": 150000, "source": "https://example.org/bls",
                         "year": 2024, "statistic": "median"}]},
            {"id": "data-analyst", "name": "Data Analyst", "summary": "Analyses data.", "duties": ["reports"],
             "required_skills": [{"skill": s} for s in ("sql", "pandas", "statistics")]},
        ],
        "domains": [{"id": "nlp", "name": "Natural language processing", "aliases": ["NLP"],
                     "skills": ["nlp-fundamentals"]}],
    },
    "courses.yaml": {"courses": [
        course("py-free", 0, 25, "beginner", ["python", "git"]),
        course("py-paid", 200, 20, "beginner", ["python"], certificate=True),
        course("math-paid", 49, 40, "beginner", ["linear-algebra", "statistics"], certificate=True),
        course("math-free", 0, 60, "beginner", ["linear-algebra", "statistics"]),
        course("sql-free", 0, 10, "beginner", ["sql"]),
        course("data-free", 0, 20, "beginner", ["numpy", "pandas"]),
        course("ml-paid", 49, 60, "intermediate", ["ml-fundamentals", "scikit-learn"], certificate=True),
        course("ml-free", 0, 80, "intermediate", ["ml-fundamentals", "scikit-learn"]),
        course("dl-free", 0, 50, "intermediate", ["neural-networks", "pytorch"]),
        course("dl-adv", 600, 30, "advanced", ["neural-networks", "pytorch", "nlp-fundamentals"],
               certificate=True),
        course("nlp-free", 0, 30, "intermediate", ["nlp-fundamentals"]),
        course("nlp-fr", 0, 20, "intermediate", ["nlp-fundamentals"], language="fr"),
        course("mlops-free", 0, 35, "intermediate", ["docker", "model-serving"]),
        course("old-ml", 0, 10, "beginner", ["ml-fundamentals", "scikit-learn", "pytorch"], status="retired",
               retired_on="2024-01-01", replacement="ml-free"),
    ]},
    "certifications.yaml": {"certifications": [
        {"id": "aws-ml", "name": "AWS ML Engineer", "issuer": "AWS", "url": "https://example.org/aws",
         "cost_usd": 150, "skills": ["model-serving", "docker", "ml-fundamentals"], "roles": ["ml-engineer"],
         "prep_hours": 40, **V},
        {"id": "tf-dev", "name": "TensorFlow Developer", "issuer": "Google", "url": "https://example.org/tf",
         "cost_usd": 100, "skills": ["neural-networks"], "roles": ["ml-engineer"], "prep_hours": 30,
         "status": "replaced", "retired_on": "2024-05-31", "replacement": "aws-ml", **V},
        {"id": "stats-cert", "name": "Stats Cert", "issuer": "Org", "url": "https://example.org/st",
         "cost_usd": 0, "skills": ["statistics"], "roles": ["data-analyst"], "prep_hours": 10, **V},
    ]},
    "projects.yaml": {"projects": [
        {"id": "churn", "title": "Churn model", "roles": ["ml-engineer", "data-analyst"],
         "skills": ["pandas", "scikit-learn"], "idea": "Telco churn data.", "deliverable": "A notebook.",
         "difficulty": "beginner", "hours": 30},
        {"id": "serve", "title": "Serve a model", "roles": ["ml-engineer"],
         "skills": ["docker", "model-serving", "scikit-learn"], "idea": "Wrap a model in an API.",
         "deliverable": "A container.", "difficulty": "intermediate", "hours": 25},
        {"id": "sentiment", "title": "Sentiment classifier", "domain": "nlp", "roles": ["ml-engineer"],
         "skills": ["nlp-fundamentals", "pytorch"], "idea": "Movie reviews.", "deliverable": "A demo.",
         "difficulty": "intermediate", "hours": 40},
        {"id": "dashboard", "title": "Sales dashboard", "roles": ["data-analyst"], "skills": ["sql", "pandas"],
         "idea": "Sales data.", "deliverable": "A dashboard.", "difficulty": "beginner", "hours": 20},
    ]},
    "steps.yaml": {"job_search_steps": [
        {"id": "portfolio-github", "title": "Portfolio", "description": "Polish GitHub.", "hours": 5, "order": 1},
        {"id": "cv-resume", "title": "CV", "description": "Write a one-page CV.", "hours": 4, "order": 2},
        {"id": "interview-prep", "title": "Interviews", "description": "Practise ML system design.",
         "hours": 20, "order": 3},
    ]},
}
CATALOG = Catalog.from_documents(DOCS)
ALL_SKILLS = [s.id for s in CATALOG.skills]


def catalog_with(section_file: str, section: str, entries: list[dict[str, Any]]) -> Catalog:
    """The test catalog with a section's entries replaced."""
    docs = copy.deepcopy(DOCS)
    docs[section_file][section] = entries
    return Catalog.from_documents(docs)


def profile(**fields: Any) -> LearnerProfile:
    """An ML-engineer profile with 10 h/week and no limits, overridden by `fields`."""
    base: dict[str, Any] = {"target_role": "ml-engineer", "hours_per_week": 10}
    return LearnerProfile(**{**base, **fields})


def skill_stage(roadmap: Roadmap) -> dict[str, int]:
    """Stage index of every skill in the roadmap."""
    return {sk.id: st.index for st in roadmap.stages for sk in st.skills}


def course_ids(roadmap: Roadmap) -> list[str]:
    """Every chosen course id in order."""
    return [c.id for st in roadmap.stages for c in st.courses]


# ---------------------------------------------------------------- skill gap
def test_gap_is_role_skills_closed_over_prerequisites_minus_known() -> None:
    roadmap = plan(profile(known_skills=["python", "linear-algebra"]), CATALOG, TODAY)
    skills = set(skill_stage(roadmap))
    assert skills == {"sql", "statistics", "numpy", "pandas", "ml-fundamentals", "scikit-learn",
                      "neural-networks", "pytorch", "docker", "model-serving"}


def test_each_skill_says_why() -> None:
    roadmap = plan(profile(), CATALOG, TODAY)
    why = {sk.id: sk.why for st in roadmap.stages for sk in st.skills}
    assert why["pytorch"].startswith("Needed by ML Engineer")
    assert why["numpy"].startswith("Prerequisite of Pandas")


def test_domain_adds_its_skills() -> None:
    roadmap = plan(profile(domain="nlp"), CATALOG, TODAY)
    why = {sk.id: sk.why for st in roadmap.stages for sk in st.skills}
    assert why["nlp-fundamentals"].startswith("Needed for Natural language processing")
    assert roadmap.stage("learning-specialisation") is not None


def test_prerequisites_come_before_dependents() -> None:
    roadmap = plan(profile(domain="nlp"), CATALOG, TODAY)
    where = skill_stage(roadmap)
    order = [sk.id for st in roadmap.stages for sk in st.skills]
    for skill_id in where:
        for prereq in CATALOG.skill_by_id[skill_id].prerequisites:
            if prereq in where:
                assert where[prereq] <= where[skill_id]
                assert order.index(prereq) < order.index(skill_id)


def test_category_order_breaking_a_prerequisite_pushes_the_dependent_later() -> None:
    skills = [s for s in DOCS["skills.yaml"]["skills"] if s["id"] != "sql"]
    skills.append(skill("sql", "programming", 10, "pandas"))  # a programming skill needing a data skill
    catalog = catalog_with("skills.yaml", "skills", skills)
    roadmap = plan(profile(), catalog, TODAY)
    where = skill_stage(roadmap)
    assert where["sql"] >= where["pandas"]


def test_stage_ids_and_kinds() -> None:
    roadmap = plan(profile(wants_certificates=True), CATALOG, TODAY)
    assert [s.id for s in roadmap.stages] == [
        "learning-foundations", "learning-data", "learning-core-ml", "learning-deep-learning",
        "learning-engineering", "certification", "portfolio", "job-search"]
    # The exam right after the learning that teaches it, before the portfolio (coach review, session 4).
    assert [s.kind for s in roadmap.stages][-3:] == ["certification", "portfolio", "job_search"]
    assert [s.index for s in roadmap.stages] == list(range(1, 9))


def test_learner_who_knows_everything_gets_portfolio_and_job_search() -> None:
    roadmap = plan(profile(known_skills=ALL_SKILLS), CATALOG, TODAY)
    assert [s.kind for s in roadmap.stages] == ["portfolio", "job_search"]
    assert roadmap.totals.hours > 0


# ---------------------------------------------------------------- courses
def test_courses_cover_the_gap_and_a_free_fit_beats_a_slightly_shorter_paid_one() -> None:
    roadmap = plan(profile(), CATALOG, TODAY)
    chosen = course_ids(roadmap)
    # math-free: 60 h free beats math-paid: 40 h + $49; ml-free 80 h beats ml-paid 60 h + $49.
    assert "math-free" in chosen and "ml-free" in chosen and "py-free" in chosen
    covered = {s for st in roadmap.stages for c in st.courses for s in c.skills}
    assert covered == set(skill_stage(roadmap))


def test_course_says_what_it_covers_and_why_and_has_an_alternative() -> None:
    roadmap = plan(profile(), CATALOG, TODAY)
    ml = next(c for st in roadmap.stages for c in st.courses if c.id == "ml-free")
    assert ml.skills == ["ml-fundamentals", "scikit-learn"]
    assert "Reaches the basic level the role needs" in ml.why
    assert "Picked over Course ml-paid: $49 for the same ground" in ml.why
    assert ml.alternative is not None and ml.alternative.id == "ml-paid"


def test_zero_budget_means_free_courses_only() -> None:
    roadmap = plan(profile(budget_usd=0), CATALOG, TODAY)
    assert all(c.cost_usd == 0 for st in roadmap.stages for c in st.courses)
    assert all(c.alternative is None or c.alternative.cost_usd == 0 for st in roadmap.stages for c in st.courses)
    assert roadmap.totals.cost_usd == 0 and roadmap.totals.fits_budget


def test_small_budget_is_never_exceeded_by_courses() -> None:
    roadmap = plan(profile(budget_usd=60), CATALOG, TODAY)
    assert roadmap.totals.cost_usd <= 60
    assert roadmap.totals.fits_budget


def test_retired_course_is_never_chosen_nor_offered() -> None:
    roadmap = plan(profile(), CATALOG, TODAY)
    offered = {c.id for st in roadmap.stages for c in st.courses}
    offered |= {c.alternative.id for st in roadmap.stages for c in st.courses if c.alternative}
    assert "old-ml" not in offered


def test_certificate_wish_prefers_courses_with_certificate() -> None:
    without = course_ids(plan(profile(domain="nlp"), CATALOG, TODAY))
    with_cert = course_ids(plan(profile(domain="nlp", wants_certificates=True), CATALOG, TODAY))
    assert "ml-free" in without
    # 60 h + $49 with a certificate beats 80 h free when certificates are wanted.
    assert "ml-paid" in with_cert and "ml-free" not in with_cert


def test_language_preference_is_honoured() -> None:
    english = course_ids(plan(profile(domain="nlp", language="en", budget_usd=0), CATALOG, TODAY))
    french = course_ids(plan(profile(domain="nlp", language="fr", budget_usd=0), CATALOG, TODAY))
    assert "nlp-free" in english and "nlp-fr" not in english
    assert "nlp-fr" in french


def test_language_without_courses_falls_back_with_a_warning() -> None:
    roadmap = plan(profile(language="de"), CATALOG, TODAY)
    assert course_ids(roadmap)
    assert any("preferred language" in w for w in roadmap.warning_texts())


def test_advanced_course_is_never_the_introduction() -> None:
    # dl-adv is advanced and teaches neural networks from scratch: never picked before an introduction.
    roadmap = plan(profile(domain="nlp", wants_certificates=True), CATALOG, TODAY)
    assert "dl-adv" not in course_ids(roadmap)


# ---------------------------------------------------------------- certifications
def test_certifications_only_when_wanted() -> None:
    assert plan(profile(), CATALOG, TODAY).stage("certification") is None
    stage = plan(profile(wants_certificates=True), CATALOG, TODAY).stage("certification")
    assert stage is not None and [c.id for c in stage.certifications] == ["aws-ml"]


def test_certification_exam_counts_in_budget() -> None:
    roadmap = plan(profile(wants_certificates=True, budget_usd=100), CATALOG, TODAY)
    assert roadmap.totals.cost_usd > 100
    assert not roadmap.totals.fits_budget
    budget = roadmap.explanations.budget
    assert budget is not None and budget.drop[0].key == "cert:aws-ml" and budget.fits_after_dropping
    assert "raise the budget" in budget.text


def test_free_only_budget_plans_no_paid_exam_and_names_the_best_one() -> None:
    roadmap = plan(profile(wants_certificates=True, budget_usd=0), CATALOG, TODAY)
    assert roadmap.stage("certification") is None
    assert roadmap.totals.cost_usd == 0 and roadmap.totals.fits_budget
    assert roadmap.explanations.budget is None
    warning = next(w for w in roadmap.warning_texts() if "free only" in w)
    assert "AWS ML Engineer" in warning and "$150" in warning


def test_free_only_budget_leaves_out_a_named_paid_exam_too() -> None:
    roadmap = plan(profile(wants_certificates=True, budget_usd=0, named_certifications=["aws-ml"]), CATALOG, TODAY)
    assert not [c for st in roadmap.stages for c in st.certifications]
    assert any("AWS ML Engineer" in w and "$150" in w for w in roadmap.warning_texts())


def test_free_only_budget_still_plans_a_free_certification() -> None:
    free = CATALOG.model_copy(update={"certifications": [
        c.model_copy(update={"cost_usd": 0}) for c in CATALOG.certifications]})
    roadmap = plan(profile(wants_certificates=True, budget_usd=0), free, TODAY)
    stage = roadmap.stage("certification")
    assert stage is not None and [c.id for c in stage.certifications] == ["aws-ml"]
    assert not any("free only" in w for w in roadmap.warning_texts())
    assert roadmap.totals.fits_budget


def test_a_small_budget_keeps_the_first_exam_even_over_budget() -> None:
    roadmap = plan(profile(wants_certificates=True, budget_usd=1), CATALOG, TODAY)
    stage = roadmap.stage("certification")
    assert stage is not None and [c.id for c in stage.certifications] == ["aws-ml"]
    assert not roadmap.totals.fits_budget
    assert not any("free only" in w for w in roadmap.warning_texts())


def test_named_retired_certification_gets_a_notice_naming_its_replacement() -> None:
    roadmap = plan(profile(named_certifications=["tf-dev"]), CATALOG, TODAY)
    assert any("TensorFlow Developer" in n and "retired" in n and "AWS ML Engineer" in n
               for n in roadmap.notices)
    assert roadmap.stage("certification") is None  # not wanted, so only the notice


def test_retired_certification_is_never_planned() -> None:
    roadmap = plan(profile(wants_certificates=True, named_certifications=["tf-dev"]), CATALOG, TODAY)
    certs = [c.id for st in roadmap.stages for c in st.certifications]
    assert certs == ["aws-ml"]


# ---------------------------------------------------------------- projects and job search
def test_projects_fit_role_and_domain() -> None:
    plain = plan(profile(), CATALOG, TODAY).stage("portfolio")
    nlp = plan(profile(domain="nlp"), CATALOG, TODAY).stage("portfolio")
    assert plain is not None and nlp is not None
    assert "sentiment" not in [p.id for p in plain.projects]
    assert nlp.projects[0].id == "sentiment"
    assert "dashboard" not in [p.id for p in nlp.projects]
    assert 1 <= len(nlp.projects) <= 3


def test_job_search_stage_has_steps_and_salary_with_source() -> None:
    roadmap = plan(profile(), CATALOG, TODAY)
    stage = roadmap.stages[-1]
    assert stage.id == "job-search"
    assert [s.id for s in stage.steps] == ["portfolio-github", "cv-resume", "interview-prep"]
    assert roadmap.salary[0].source == "https://example.org/bls"


# ---------------------------------------------------------------- schedule
def test_schedule_dates_and_weeks_follow_hours_per_week() -> None:
    roadmap = plan(profile(known_skills=ALL_SKILLS, hours_per_week=10), CATALOG, TODAY)
    portfolio, job = roadmap.stages
    assert portfolio.hours == 55  # churn 30 + serve 25
    assert (portfolio.start, portfolio.week_from, portfolio.week_to) == (TODAY, 1, 6)
    assert portfolio.end == date(2025, 2, 13)  # 38.5 days → day 39 ends on the 38th day after today
    assert job.start == date(2025, 2, 13) and job.week_from == 6 and job.week_to == 9
    assert roadmap.totals.hours == 84 and roadmap.totals.weeks == 9
    assert roadmap.totals.end_date == job.end


def test_missing_hours_per_week_defaults_to_ten_with_a_warning() -> None:
    roadmap = plan(profile(hours_per_week=None), CATALOG, TODAY)
    assert roadmap.hours_per_week == 10
    assert any("10 h/week" in w for w in roadmap.warning_texts())


@pytest.mark.parametrize("hours", [-5.0, 0.0, 0.5, 0.9, float("nan")])
def test_zero_or_absurdly_few_hours_plan_at_the_default_pace_with_a_warning(hours: float) -> None:
    roadmap = plan(profile(hours_per_week=hours), CATALOG, TODAY)  # the CLI and the chat stop before this
    assert roadmap.hours_per_week == 10 and any(w.code == "hours-too-few" for w in roadmap.warnings)


def test_past_deadline_and_negative_budget_warn_instead_of_failing() -> None:
    roadmap = plan(profile(hours_per_week=1, deadline=date(2024, 1, 1), budget_usd=-3), CATALOG, TODAY)
    assert len(roadmap.warnings) >= 3
    assert not roadmap.totals.fits_deadline
    deadline = roadmap.explanations.deadline
    assert deadline is not None and deadline.hours_per_week_needed is None


def test_missed_deadline_explains_the_three_ways_out() -> None:
    # A budget that pays for the exam (a free-only budget plans no paid certification to drop).
    prof = profile(domain="nlp", wants_certificates=True, deadline=date(2025, 6, 30), budget_usd=300)
    roadmap = plan(prof, CATALOG, TODAY)
    assert not roadmap.totals.fits_deadline
    explanation = roadmap.explanations.deadline
    assert explanation is not None
    assert explanation.hours_per_week_needed is not None and explanation.hours_per_week_needed > 10
    assert explanation.earliest_date == roadmap.totals.end_date
    dropped = {d.key for d in explanation.drop}
    assert "cert:aws-ml" in dropped and "course:nlp-free" in dropped
    assert "h/week" in explanation.text and "drop" in explanation.text


def test_deadline_met_has_no_explanation() -> None:
    roadmap = plan(profile(deadline=date(2030, 1, 1)), CATALOG, TODAY)
    assert roadmap.totals.fits_deadline and roadmap.explanations.deadline is None


# ---------------------------------------------------------------- errors
def test_unknown_role_raises_plan_error_with_closest_matches() -> None:
    with pytest.raises(PlanError, match="ml-engineer"):
        plan(profile(target_role="ml engineeer"), CATALOG, TODAY)


def test_role_by_name_or_alias_is_accepted() -> None:
    assert plan(profile(target_role="Machine Learning Engineer"), CATALOG, TODAY).role_id == "ml-engineer"


def test_missing_role_raises_plan_error() -> None:
    with pytest.raises(PlanError):
        plan(LearnerProfile(), CATALOG, TODAY)


# ---------------------------------------------------------------- json contract
STAGE_KEYS = {"id", "index", "kind", "title", "goal", "start", "end", "week_from", "week_to", "hours", "skills",
              "courses", "certifications", "projects", "steps"}


def test_json_has_the_issue_keys() -> None:
    data = plan(profile(domain="nlp", wants_certificates=True), CATALOG, TODAY).model_dump(mode="json")
    assert {"stages", "totals", "warnings", "profile", "changes", "planned_on", "notices", "salary",
            "explanations"} <= set(data)
    assert set(data["totals"]) == {"hours", "cost_usd", "weeks", "start", "end_date", "fits_deadline",
                                   "fits_budget"}
    for stage in data["stages"]:
        assert set(stage) >= STAGE_KEYS
        for sk in stage["skills"]:
            assert {"id", "name", "why"} <= set(sk)
        for co in stage["courses"]:
            assert {"id", "title", "provider", "url", "cost_usd", "hours", "skills", "why", "alternative"} <= set(co)
        for ce in stage["certifications"]:
            assert {"id", "name", "issuer", "url", "cost_usd", "prep_hours", "status"} <= set(ce)
        for pr in stage["projects"]:
            assert {"id", "title", "description", "hours", "skills"} <= set(pr)
        for st in stage["steps"]:
            assert {"id", "text", "hours"} <= set(st)
    assert data["stages"][0]["start"] == "2025-01-06"


def test_items_have_progress_keys_and_stage_ids() -> None:
    roadmap = plan(profile(wants_certificates=True), CATALOG, TODAY)
    keys = {i.key: i.stage_id for i in roadmap.items()}
    assert keys["course:py-free"] == "learning-foundations"
    assert keys["skill:python"] == "learning-foundations"
    assert keys["cert:aws-ml"] == "certification"
    assert keys["step:cv-resume"] == "job-search"
    assert keys["project:churn"] == "portfolio"


def test_plan_is_deterministic() -> None:
    first = plan(profile(domain="nlp", wants_certificates=True), CATALOG, TODAY).model_dump_json()
    assert first == plan(profile(domain="nlp", wants_certificates=True), CATALOG, TODAY).model_dump_json()


# ---------------------------------------------------------------- re-planning
def done(key: str, on: date, hours: float | None = None) -> ProgressEvent:
    """A done mark."""
    return ProgressEvent(item=key, on=on, hours=hours)


def test_replan_drops_done_items_and_says_what_changed() -> None:
    first = plan(profile(), CATALOG, TODAY)
    later = date(2025, 1, 10)
    second = replan(first, [done("course:py-free", later), done("step:cv-resume", later)], CATALOG, later)
    keys = {i.key for i in second.items()}
    assert "course:py-free" not in keys and "skill:python" not in keys and "step:cv-resume" not in keys
    assert second.planned_on == later and second.started_on == TODAY
    assert second.stages[0].start == later
    assert any(c.startswith("Done: ") and "Course py-free" in c for c in second.changes)


def test_replan_keeps_the_chosen_courses() -> None:
    first = plan(profile(), CATALOG, TODAY)
    second = replan(first, [done("skill:statistics", TODAY)], CATALOG, TODAY)
    assert set(course_ids(second)) <= set(course_ids(first))


def test_replan_uses_observed_pace_when_it_differs() -> None:
    first = plan(profile(hours_per_week=10), CATALOG, TODAY)
    four_weeks = date(2025, 2, 3)
    events = [done("course:py-free", four_weeks, hours=40), done("course:sql-free", four_weeks, hours=40)]
    second = replan(first, events, CATALOG, four_weeks)
    assert second.hours_per_week == 20
    assert any("20 h/week" in c for c in second.changes)


def test_replan_keeps_planned_pace_when_close() -> None:
    first = plan(profile(hours_per_week=10), CATALOG, TODAY)
    four_weeks = date(2025, 2, 3)
    second = replan(first, [done("course:py-free", four_weeks, hours=38)], CATALOG, four_weeks)
    assert second.hours_per_week == 10


def test_replan_does_not_replace_a_done_project() -> None:
    first = plan(profile(), CATALOG, TODAY)
    portfolio = first.stage("portfolio")
    assert portfolio is not None
    done_id = portfolio.projects[0].id
    second = replan(first, [done(f"project:{done_id}", TODAY)], CATALOG, TODAY)
    after = second.stage("portfolio")
    assert after is not None and [p.id for p in after.projects] == [p.id for p in portfolio.projects[1:]]


def test_replan_when_everything_is_done() -> None:
    first = plan(profile(known_skills=ALL_SKILLS), CATALOG, TODAY)
    events = [done(i.key, TODAY) for i in first.items()]
    second = replan(first, events, CATALOG, TODAY)
    assert second.stages == []
    assert "Everything in the plan is done." in second.changes


# ---------------------------------------------------------------- profile files
def test_profile_file_resolves_names_and_aliases() -> None:
    prof = profile_from_data({"target_role": "MLE", "domain": "NLP", "known_skills": ["Python", "numpy"],
                              "budget_usd": None, "education": "high school"}, CATALOG)
    assert prof.target_role == "ml-engineer" and prof.domain == "nlp"
    assert prof.known_skills == ["python", "numpy"]
    assert prof.education is not None and prof.education.value == "high_school"
    assert prof.budget_known


@pytest.mark.parametrize(("data", "message"), [
    ({"target_role": "ml enginer"}, "Closest: ml-engineer"),
    ({"target_role": "ml-engineer", "known_skills": ["pytorh"]}, "Unknown skill 'pytorh'. Closest: pytorch"),
    ({"target_role": "ml-engineer", "hours_per_week": "lots"}, "hours_per_week"),
    ({"target_role": "ml-engineer", "colour": "blue"}, "colour"),
    ([1, 2], "JSON object"),
])
def test_bad_profile_file_is_one_clear_error(data: object, message: str) -> None:
    with pytest.raises(PlanError, match=message) as info:
        profile_from_data(data, CATALOG)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- shipped content smoke test
def test_every_shipped_role_plans() -> None:
    shipped = Catalog.load(Path(__file__).resolve().parents[2] / "content")
    for role in shipped.roles:
        roadmap = plan(LearnerProfile(target_role=role.id, hours_per_week=10, wants_certificates=True),
                       shipped, TODAY)
        assert roadmap.stages[-1].kind == "job_search" or not shipped.job_search_steps


def test_items_are_built_once_and_follow_a_new_stages_list() -> None:
    from bot.domain.planner import plan as make_plan

    catalog = Catalog.load(SHIPPED_CONTENT)
    roadmap = make_plan(LearnerProfile(target_role="ml-engineer", hours_per_week=10), catalog, TODAY)
    first = roadmap.items()
    assert roadmap.items() == first and roadmap.items() is not first  # a fresh list each call
    assert "_items" not in roadmap.model_dump() and Roadmap.model_validate(roadmap.model_dump()) == roadmap
    shorter = roadmap.model_copy(update={"stages": roadmap.stages[1:]})
    assert shorter.items() == [i for i in first if i.stage_id != roadmap.stages[0].id]


@pytest.mark.parametrize(("noun", "article"), [
    ("NLP engineer", "an"), ("MLOps engineer", "an"), ("ML Engineer", "an"),
    ("Data scientist", "a"), ("AI engineer", "an"), ("Computer vision", "a"),
])
def test_job_search_goal_uses_the_right_article(noun: str, article: str) -> None:
    from bot.domain.planner.wording import _article

    assert _article(noun) == article
