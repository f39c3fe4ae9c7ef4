"""The shipped catalog covers every specialisation, role family and starting point, with honest prerequisites.

Run with `-s` to read each skill's full prerequisite closure (printed for reviewers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog, Project, RoleFamily, Seniority, prerequisite_closure

CONTENT = Path(__file__).resolve().parents[2] / "content"
MIN_PROJECTS = 4
MIN_STEPS = 4
LLM_SKILLS = {"llms", "rag", "prompt-engineering", "ai-agents", "llm-fine-tuning"}
MLOPS_SKILLS = {"ml-pipelines", "model-monitoring", "model-serving"}
# Student advice; a step shown to seniors must not contain it ("internal transfer" is fine, "internship" is not).
STUDENT_ADVICE = re.compile(r"\binterns?(hips?)?\b|\bone[- ]page\b|\bnew[- ]grad|\bgraduate programme")
# A salary source must be an article, not a site's front page or a bare blog index.
HOME_PAGE_PATHS = {"", "/", "/blog", "/blog/", "/index.html"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(CONTENT)


def _closure(catalog: Catalog, skill_id: str) -> set[str]:
    return prerequisite_closure([skill_id], catalog) - {skill_id}


def test_prints_every_skill_prerequisite_closure(catalog: Catalog) -> None:
    lines = []
    for skill in catalog.skills:
        closure = sorted(_closure(catalog, skill.id))
        lines.append(f"{skill.id:28} <- {', '.join(closure) if closure else '(none)'}")
    print("\nPrerequisite closure of every skill (knowing the skill implies knowing these):")
    print("\n".join(lines))
    assert len(lines) == len(catalog.skills)


@pytest.mark.parametrize(
    ("skill", "implied"),
    [
        ("pandas", "python"),
        ("scikit-learn", "pandas"),
        ("pytorch", "python"),
        ("pytorch", "neural-networks"),
        ("statistics", "probability"),
        ("ab-testing", "statistics"),
        ("neural-networks", "calculus"),
        ("transformers", "neural-networks"),
        ("llms", "transformers"),
        ("rag", "vector-databases"),
        ("kubernetes", "docker"),
        ("ml-system-design", "system-design"),
        ("object-detection", "computer-vision"),
        ("research-methods", "paper-reading"),
        ("data-intuition", "statistics"),
    ],
)
def test_true_learning_order_facts(catalog: Catalog, skill: str, implied: str) -> None:
    assert implied in _closure(catalog, skill), f"learning {skill} should come after {implied}"


@pytest.mark.parametrize(
    ("skill", "not_implied"),
    [
        ("java", "python"),
        ("cpp", "python"),
        ("r-programming", "python"),
        ("sql", "python"),
        ("data-visualization", "pandas"),
        ("data-visualization", "python"),
        ("data-cleaning", "pandas"),
        ("spreadsheets-bi", "python"),
        ("rest-apis", "python"),
        ("testing", "python"),
        ("software-engineering", "python"),
        ("system-design", "python"),
        ("prompt-engineering", "python"),
        ("time-series-forecasting", "pandas"),
        ("big-data-spark", "python"),
        ("ab-testing", "python"),
        ("transformers", "sequence-models"),
        ("communication", "python"),
    ],
)
def test_no_false_learning_order(catalog: Catalog, skill: str, not_implied: str) -> None:
    assert not_implied not in _closure(catalog, skill), f"knowing {skill} does not imply knowing {not_implied}"


def test_problem_solving_and_data_intuition_are_skills_roles_use(catalog: Catalog) -> None:
    for skill_id in ("problem-solving", "data-intuition"):
        assert skill_id in catalog.skill_by_id
        users = [r.id for r in catalog.roles
                 if skill_id in r.optional_skills or skill_id in {rs.skill for rs in r.required_skills}]
        assert {"ml-engineer", "data-scientist"} & set(users), (skill_id, users)


def test_llm_skills_are_fast_moving_and_classic_ones_are_not(catalog: Catalog) -> None:
    fast = {s.id for s in catalog.skills if s.fast_moving}
    assert {"llms", "rag", "prompt-engineering", "ai-agents", "llm-fine-tuning", "llm-evaluation"} <= fast
    assert not fast & {"python", "statistics", "linear-algebra", "supervised-learning", "sql", "cnns"}


@pytest.mark.parametrize("role_id", ["ml-engineer", "ai-engineer"])
def test_engineer_roles_need_transformers_and_llms(catalog: Catalog, role_id: str) -> None:
    needed = prerequisite_closure([rs.skill for rs in catalog.role_by_id[role_id].required_skills], catalog)
    assert {"transformers", "llms"} <= needed


def test_every_role_has_a_family_and_the_expected_ones(catalog: Catalog) -> None:
    families = {r.id: r.family for r in catalog.roles}
    assert all(isinstance(f, RoleFamily) for f in families.values())
    assert families["ml-researcher"] is RoleFamily.research
    assert families["data-scientist"] is RoleFamily.data_science
    assert families["data-analyst"] is RoleFamily.analytics
    assert families["ai-product-manager"] is RoleFamily.product
    assert families["ml-engineer"] is RoleFamily.engineering
    # Every family is the family of at least one role, so family-specific steps reach someone.
    assert set(families.values()) == set(RoleFamily)


def test_ml_engineer_has_the_guides_states_industries_and_setting(catalog: Catalog) -> None:
    mle = catalog.role_by_id["ml-engineer"]
    assert mle.top_states == ["CA", "WA", "NY", "TX", "MA"]
    assert {"healthcare", "manufacturing"} <= set(mle.industries)
    assert "remote" in mle.work_setting


def test_salaries_state_their_statistic_and_cite_an_article(catalog: Catalog) -> None:
    bands = [(r.id, b) for r in catalog.roles for b in r.salary]
    assert bands
    for role_id, band in bands:
        assert band.statistic in {"average", "median", "range"}, (role_id, band.label)
        assert band.source.startswith("https://"), (role_id, band.source)
        path = "/" + band.source.split("://", 1)[1].partition("/")[2]
        assert path.rstrip("/") not in {p.rstrip("/") for p in HOME_PAGE_PATHS}, (role_id, band.source)
        if band.statistic != "range":
            assert band.median_usd is not None, (role_id, band.label)


def _specialisations(catalog: Catalog) -> dict[str, Callable[[Project], bool]]:
    family_of = {r.id: r.family for r in catalog.roles}

    def in_family(family: RoleFamily) -> Callable[[Project], bool]:
        return lambda p: any(family_of.get(r) is family for r in p.roles)

    checks: dict[str, Callable[[Project], bool]] = {
        "computer vision": lambda p: p.domain == "computer-vision",
        "nlp": lambda p: p.domain == "nlp",
        "llm applications": lambda p: p.domain == "generative-ai" and bool(LLM_SKILLS & set(p.skills)),
        "mlops": lambda p: "mlops-engineer" in p.roles or bool({"ml-pipelines", "model-monitoring"} & set(p.skills)),
        "data science and analytics": lambda p: bool({"data-scientist", "data-analyst"} & set(p.roles)),
        "forecasting": lambda p: p.domain == "time-series",
        "recommender systems": lambda p: p.domain == "recommender-systems",
        "speech": lambda p: p.domain == "speech",
        "research": lambda p: "ml-researcher" in p.roles,
    }
    for family in RoleFamily:
        checks[f"family {family.value}"] = in_family(family)
    return checks


def test_at_least_four_projects_per_specialisation_and_family(catalog: Catalog) -> None:
    counts = {name: [p.id for p in catalog.projects if check(p)] for name, check in _specialisations(catalog).items()}
    print("\nProjects per specialisation / family:")
    for name, ids in counts.items():
        print(f"  {name:28} {len(ids):2}  {', '.join(ids)}")
    short = {name: len(ids) for name, ids in counts.items() if len(ids) < MIN_PROJECTS}
    assert not short, short


def test_every_specialisation_has_a_deployed_project(catalog: Catalog) -> None:
    for name, check in _specialisations(catalog).items():
        assert any(check(p) and p.end_to_end for p in catalog.projects), name


def test_every_role_has_an_end_to_end_project(catalog: Catalog) -> None:
    for role in catalog.roles:
        assert any(role.id in p.roles and p.end_to_end for p in catalog.projects), role.id


def test_projects_are_concrete_and_realistic(catalog: Catalog) -> None:
    for project in catalog.projects:
        assert project.roles, project.id
        assert 10 <= project.hours <= 200, project.id
        assert len(project.idea) >= 40 and len(project.deliverable) >= 40, project.id
        if project.end_to_end:
            text = project.deliverable.lower()
            assert any(w in text for w in ("url", "space", "deployed", "published", "public")), project.id


def _steps_for(catalog: Catalog, family: RoleFamily, seniority: Seniority) -> list[str]:
    return [s.id for s in catalog.job_search_steps
            if (not s.families or family in s.families) and (not s.seniority or seniority in s.seniority)]


@pytest.mark.parametrize("family", list(RoleFamily))
@pytest.mark.parametrize("seniority", list(Seniority))
def test_every_family_and_seniority_has_enough_steps(catalog: Catalog, family: RoleFamily,
                                                     seniority: Seniority) -> None:
    assert len(_steps_for(catalog, family, seniority)) >= MIN_STEPS


def test_family_specific_steps_exist(catalog: Catalog) -> None:
    by_id = {s.id: s for s in catalog.job_search_steps}
    research = _steps_for(catalog, RoleFamily.research, Seniority.student)
    assert {"research-publications", "research-statement", "approach-labs", "ai-residency"} <= set(research)
    ds = _steps_for(catalog, RoleFamily.data_science, Seniority.experienced)
    assert {"interview-product-sense", "interview-statistics", "interview-experimentation"} <= set(ds)
    eng = _steps_for(catalog, RoleFamily.engineering, Seniority.experienced)
    assert {"interview-coding", "interview-ml-system-design"} <= set(eng)
    senior = _steps_for(catalog, RoleFamily.engineering, Seniority.senior)
    assert {"internal-transfer-first", "interview-senior-loop", "impact-case-studies"} <= set(senior)
    assert "internships-new-grad" in _steps_for(catalog, RoleFamily.engineering, Seniority.student)
    changer = _steps_for(catalog, RoleFamily.data_science, Seniority.career_changer)
    assert {"bridging-role", "leverage-domain-expertise"} <= set(changer)
    assert {"internal-transfer-first", "career-changer-cv"} <= set(changer)
    assert by_id["cv-resume"].seniority == [Seniority.student]
    assert by_id["internships-new-grad"].seniority == [Seniority.student]
    assert "interview-ml-system-design" not in _steps_for(catalog, RoleFamily.analytics, Seniority.student)


@pytest.mark.parametrize("seniority", [Seniority.career_changer, Seniority.experienced, Seniority.senior])
def test_only_students_get_student_advice(catalog: Catalog, seniority: Seniority) -> None:
    for step in catalog.job_search_steps:
        if step.seniority and seniority not in step.seniority:
            continue
        text = f"{step.title} {step.description}".lower()
        assert not STUDENT_ADVICE.search(text), (step.id, seniority, STUDENT_ADVICE.search(text))


def test_research_steps_do_not_assume_the_learner_lacks_a_phd(catalog: Catalog) -> None:
    for step in catalog.job_search_steps:
        if step.families and RoleFamily.research not in step.families:
            continue
        text = f"{step.title} {step.description}".lower()
        assert "without a phd" not in text or "with or without a phd" in text, step.id
        assert "deployed demo" not in text, step.id


def test_step_hours_are_realistic(catalog: Catalog) -> None:
    for step in catalog.job_search_steps:
        assert 2 <= step.hours <= 200, step.id


def test_archived_courses_are_never_an_editor_pick(catalog: Catalog) -> None:
    for course in catalog.courses:
        if course.archived:
            assert course.editor_rank is None, course.id


def test_a_full_university_course_is_deep(catalog: Catalog) -> None:
    # A semester-long university course takes its main skill deep; listing it as basic or working makes the
    # planner pick 100+ hours for a basic need.
    for course in catalog.courses:
        if course.format == "university" and course.hours >= 100:
            assert "deep" in {str(getattr(d, "value", d)) for d in course.teaches.values()}, course.id
