"""Portfolio rules a hiring manager would sign, over every profile file and over random learners on the shipped
catalog: two or three projects that fit the role and specialisation (one only when the learning takes years),
at least one end to end and deployed, a model-building one for roles that build models, the role's showcase
skills shown (RAG for an AI engineer who needs it), no project repeating another, and project texts that stand
on their own."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.catalog import Depth, Project, SkillCategory, prerequisite_closure
from bot.domain.planner import (
    MAX_MISSING_SKILLS,
    MODEL_SKILLS,
    ONE_PROJECT_WEEKS,
    SPECIAL_CATEGORIES,
    Roadmap,
    builds_models,
    experience_skills,
    plan,
)
from bot.domain.planner.models import _Context
from bot.domain.planner.planning import _known
from bot.domain.planner.projects import learn_while_building
from bot.domain.profile import Education, LearnerProfile
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

SPECIALIST = SPECIAL_CATEGORIES | {SkillCategory.deep_learning}
LEVEL = {"beginner": 0, "intermediate": 1, "advanced": 2}




ROADMAPS = {p.stem: planned(p) for p in PROFILES}

learners = st.builds(
    LearnerProfile,
    target_role=st.sampled_from([r.id for r in CATALOG.roles]),
    domain=st.one_of(st.none(), st.sampled_from([d.id for d in CATALOG.domains])),
    current_role=st.sampled_from([None, "student", "accountant", "nurse", "senior backend engineer", "postdoc",
                                  "product manager", "teacher", "data scientist", "web developer", "SRE"]),
    years_experience=st.one_of(st.none(), st.sampled_from([0.0, 1.0, 3.0, 6.0, 9.0, 15.0, 25.0])),
    education=st.one_of(st.none(), st.sampled_from(list(Education))),
    known_skills=st.lists(st.sampled_from([s.id for s in CATALOG.skills]), unique=True, max_size=10),
    hours_per_week=st.sampled_from([1.0, 3.0, 5.0, 8.0, 12.0, 20.0, 40.0]),
    budget_usd=st.one_of(st.none(), st.sampled_from([0.0, 100.0, 1000.0])),
)


def portfolio_of(roadmap: Roadmap) -> list[Project]:
    stage = roadmap.stage("portfolio")
    return [CATALOG.project_by_id[p.id] for p in stage.projects] if stage else []


def learning_hours(roadmap: Roadmap) -> float:
    return sum(s.hours for s in roadmap.stages if s.kind == "learning")


def fitting(roadmap: Roadmap) -> list[Project]:
    """Catalog projects that name the role and belong to no specialisation or to the plan's."""
    return [p for p in CATALOG.projects if roadmap.role_id in p.roles
            and (p.domain is None or p.domain == roadmap.domain_id)]


def taught_or_known(prof: LearnerProfile, roadmap: Roadmap) -> set[str]:
    taught = {sk.id for s in roadmap.stages for sk in s.skills}
    taught |= {k for s in roadmap.stages for c in s.courses for k in c.skills}
    # What the learner's job and years imply is known too, as the planner counts it (a data scientist's pandas).
    said = [*prof.known_skills, *experience_skills(prof)]
    known = prerequisite_closure([s for s in said if s in CATALOG.skill_by_id], CATALOG)
    return taught | set(known) | {s.id for s in CATALOG.skills if s.category is SkillCategory.professional}


def check_portfolio(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """Every portfolio rule, for one learner and their roadmap."""
    projects = portfolio_of(roadmap)
    role = CATALOG.role_by_id[roadmap.role_id]
    assert 1 <= len(projects) <= 3, "every roadmap has a portfolio of one to three projects"
    weeks = learning_hours(roadmap) / roadmap.hours_per_week
    stage = roadmap.stage("portfolio")
    assert stage is not None
    if weeks <= ONE_PROJECT_WEEKS and len(fitting(roadmap)) >= 2:
        assert len(projects) >= 2, f"{weeks:.0f} weeks of learning leave room for two projects"
    if len(projects) == 1 and weeks > ONE_PROJECT_WEEKS:
        assert "one project that proves the most" in stage.projects[0].why
    # After every stage that teaches their skills.
    learning = [s.index for s in roadmap.stages if s.kind == "learning"]
    assert not learning or stage.index > max(learning)
    # Fits the specialisation: never a project of another specialist domain.
    for p in projects:
        if p.domain is not None and p.domain != roadmap.domain_id:
            assert roadmap.domain_id is None and p.domain in role.domains
            assert not any(CATALOG.skill_by_id[s].category in SPECIALIST for s in CATALOG.domain_by_id[p.domain].skills)
    learnt = taught_or_known(prof, roadmap)
    in_domain = [p for p in fitting(roadmap) if p.domain is not None and p.domain == roadmap.domain_id
                 and len(set(p.skills) - learnt) <= MAX_MISSING_SKILLS]
    if in_domain and (len(projects) >= 2 or any(p.end_to_end for p in in_domain)):
        assert any(p.domain == roadmap.domain_id for p in projects), "the specialisation has its project"
    # End to end and deployed, and for roles that build models, one that builds and deploys a model.
    learnable = [p for p in fitting(roadmap) if len(set(p.skills) - learnt) <= MAX_MISSING_SKILLS]
    if any(p.end_to_end for p in learnable):
        assert any(p.end_to_end for p in projects)
    if builds_models(role) and any(p.end_to_end and set(p.skills) & MODEL_SKILLS for p in learnable):
        assert any(p.end_to_end and set(p.skills) & MODEL_SKILLS for p in projects), "a deployed model"
    # No project is an easier exercise inside another one in the plan, nor has the same skills.
    for a in projects:
        for b in projects:
            if a is not b:
                assert set(a.skills) != set(b.skills), f"{a.id} repeats {b.id}"
                assert not (set(a.skills) <= set(b.skills) and LEVEL[a.difficulty.value] < LEVEL[b.difficulty.value])
    # A project needs at most two skills the plan does not teach (a lone project may need more when nothing
    # else fits), and names them.
    for item, p in zip(stage.projects, projects, strict=True):
        new = [s for s in p.skills if s not in learnt]
        if len(projects) > 1:
            assert len(new) <= MAX_MISSING_SKILLS + 1, (p.id, new)  # +1: implied prerequisites counted loosely
        named = re.search(r"not taught earlier in the plan: ([^.]+)\.", item.why)
        assert len(projects) == 1 or not named or len(named.group(1).split("; ")) <= MAX_MISSING_SKILLS


@pytest.mark.parametrize("name", sorted(ROADMAPS))
def test_every_profile_gets_a_portfolio_a_hiring_manager_signs(name: str) -> None:
    check_portfolio(*ROADMAPS[name])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(learners)
def test_every_learner_gets_a_portfolio_a_hiring_manager_signs(prof: LearnerProfile) -> None:
    check_portfolio(prof, plan(prof, CATALOG, TODAY))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(learners)
def test_the_portfolio_is_deterministic(prof: LearnerProfile) -> None:
    assert [p.id for p in portfolio_of(plan(prof, CATALOG, TODAY))] == \
        [p.id for p in portfolio_of(plan(prof, CATALOG, TODAY))]


@pytest.mark.parametrize("role_id", [r.id for r in CATALOG.roles])
def test_a_deep_specialist_skill_of_the_role_is_shown_when_a_project_can_show_it(role_id: str) -> None:
    """An AI engineer who needs RAG deeply gets a RAG project; an MLOps engineer gets pipelines and serving."""
    role = CATALOG.role_by_id[role_id]
    deep = {rs.skill for rs in role.required_skills if rs.depth is Depth.deep
            and CATALOG.skill_by_id[rs.skill].category in {SkillCategory.llm, SkillCategory.mlops, SkillCategory.cv,
                                                           SkillCategory.nlp, SkillCategory.research}}
    roadmap = plan(LearnerProfile(target_role=role_id, hours_per_week=10), CATALOG, TODAY)
    shown = {s for p in portfolio_of(roadmap) for s in p.skills}
    showable = {s for p in fitting(roadmap) for s in p.skills}
    missing = (deep & showable) - shown
    assert len(missing) <= max(0, len(deep & showable) - 2 * len(portfolio_of(roadmap))), missing


def test_a_data_scientist_gets_an_end_to_end_model_not_only_a_kaggle_competition() -> None:
    for current in ("student", "accountant", "senior backend engineer"):
        roadmap = plan(LearnerProfile(target_role="data-scientist", current_role=current, years_experience=6,
                                      hours_per_week=10), CATALOG, TODAY)
        projects = portfolio_of(roadmap)
        assert any(p.end_to_end and set(p.skills) & MODEL_SKILLS for p in projects), [p.id for p in projects]


def test_an_ml_engineer_builds_a_model_not_only_an_api_and_a_pull_request() -> None:
    for known in ([], ["python", "docker", "rest-apis", "software-engineering", "testing"]):
        roadmap = plan(LearnerProfile(target_role="ml-engineer", known_skills=known, hours_per_week=10),
                       CATALOG, TODAY)
        assert any(set(p.skills) & MODEL_SKILLS for p in portfolio_of(roadmap))


def test_an_ai_engineer_who_needs_rag_gets_a_rag_project() -> None:
    role = CATALOG.role_by_id["ai-engineer"]
    assert any(rs.skill == "rag" and rs.depth is Depth.deep for rs in role.required_skills)
    for hours in (5.0, 10.0, 20.0):
        roadmap = plan(LearnerProfile(target_role="ai-engineer", hours_per_week=hours), CATALOG, TODAY)
        assert any("rag" in p.skills for p in portfolio_of(roadmap))


def test_one_project_only_when_the_learning_takes_years_and_it_says_so() -> None:
    slow = plan(LearnerProfile(target_role="ml-engineer", hours_per_week=2), CATALOG, TODAY)
    assert learning_hours(slow) / 2 > ONE_PROJECT_WEEKS
    stage = slow.stage("portfolio")
    assert stage is not None and len(stage.projects) == 1 and stage.projects[0].end_to_end
    assert "one project that proves the most" in stage.projects[0].why
    # Five hours a week on a short plan is not "very little time": two projects.
    short = plan(LearnerProfile(target_role="data-analyst", hours_per_week=5, known_skills=["sql", "python"]),
                 CATALOG, TODAY)
    assert learning_hours(short) / 5 <= ONE_PROJECT_WEEKS
    assert len(portfolio_of(short)) >= 2


def test_a_senior_engineer_is_not_given_a_beginner_exercise_when_a_harder_project_fits() -> None:
    senior = LearnerProfile(target_role="mlops-engineer", current_role="senior backend engineer",
                            years_experience=12, hours_per_week=8,
                            known_skills=["python", "docker", "kubernetes", "rest-apis", "cloud-platforms", "testing"])
    projects = portfolio_of(plan(senior, CATALOG, TODAY))
    assert all(p.difficulty.value != "beginner" for p in projects), [p.id for p in projects]


# ---------------------------------------------------------------- the catalog's projects
REFERS_ELSEWHERE = re.compile(
    r"\b(?:earlier|previous(?:ly)?|above|from before|you (?:trained|built) (?:earlier|before)|"
    r"the \w+ project|project's|the (?:churn|rag|fraud) (?:model|assistant|project))\b", re.IGNORECASE)


@pytest.mark.parametrize("project", CATALOG.projects, ids=lambda p: p.id)
def test_a_project_stands_alone(project: Project) -> None:
    """A project never refers to an artefact of another project the plan may not hold ("the churn model")."""
    text = f"{project.idea} {project.deliverable}"
    assert not REFERS_ELSEWHERE.search(text), REFERS_ELSEWHERE.search(text)
    for other in CATALOG.projects:
        if other.id != project.id:
            assert other.title.lower() not in text.lower()


@pytest.mark.parametrize("role_id", [r.id for r in CATALOG.roles])
def test_every_role_and_specialisation_has_three_projects_one_end_to_end(role_id: str) -> None:
    role = CATALOG.role_by_id[role_id]
    for domain in [None, *role.domains]:
        named = [p for p in CATALOG.projects if role_id in p.roles and (p.domain is None or p.domain == domain)]
        general = [p for p in CATALOG.projects if (not p.roles or role_id in p.roles) and p.domain in role.domains
                   and domain is None]
        pool = named + general
        assert len(pool) >= 3, (role_id, domain, [p.id for p in pool])
        assert any(p.end_to_end for p in pool), (role_id, domain)
        if builds_models(role):
            assert any(p.end_to_end and set(p.skills) & MODEL_SKILLS for p in pool), (role_id, domain)


# ---------------------------------------------------------------- session 4: no surprise skills, no day-job repeat
def known_depths(prof: LearnerProfile) -> dict[str, int]:
    """What the planner counts as known (stated skills, their prerequisites and what the job implies)."""
    return _known(prof, CATALOG, _Context(), [])


def taught_before(roadmap: Roadmap, stage_id: str) -> set[str]:
    """Skills the stages before `stage_id` teach (their gap skills and what their courses cover)."""
    out: set[str] = set()
    for stage in roadmap.stages:
        if stage.id == stage_id:
            break
        out |= {s.id for s in stage.skills} | {s for c in stage.courses for s in c.skills}
    return out


def surprises(prof: LearnerProfile, roadmap: Roadmap) -> list[tuple[str, str]]:
    """(project, skill) pairs of a chosen project's skill that is neither known, taught before the portfolio, shown
    by an earlier project, nor listed by the project as learnt while building it (with its hours)."""
    stage = roadmap.stage("portfolio")
    if stage is None:
        return []
    known = set(known_depths(prof))
    job = roadmap.stage("job-search")
    # The job search starts alongside the learning, before the portfolio: what it teaches comes first too.
    before = known | taught_before(roadmap, "portfolio") | ({s.id for s in job.skills} if job else set())
    out: list[tuple[str, str]] = []
    for item in stage.projects:
        learnt = item.why.split("You learn while building it", 1)[1] if "You learn while building it" in item.why \
            else ""
        for skill_id in item.skills:
            name = CATALOG.skill_by_id[skill_id].name
            if skill_id not in before and f"{name} to a basic level, about " not in learnt:
                out.append((item.id, skill_id))
        before |= set(item.skills)
    return out


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_profile_project_skills_are_taught_first_or_learnt_while_building(path) -> None:  # type: ignore[no-untyped-def]
    prof, roadmap = planned(path)
    assert not surprises(prof, roadmap)
    for stage in roadmap.stages:
        for item in stage.projects:
            assert "New in this project" not in item.why
            assert item.hours >= CATALOG.project_by_id[item.id].hours


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(learners)
def test_random_learner_project_skills_are_never_a_surprise(prof: LearnerProfile) -> None:
    assert not surprises(prof, plan(prof, CATALOG, TODAY))


def test_learning_a_skill_while_building_adds_its_hours_and_names_free_material() -> None:
    """A project skill the plan does not teach costs the project time, and the why names where to learn it."""
    for skill in CATALOG.skills:
        hours, material = learn_while_building(skill.id, CATALOG)
        assert hours >= 1
        free = [c for c in CATALOG.courses if skill.id in c.teaches and c.learning_cost() == 0]
        if "with the free " in material:
            assert any(c.title in material for c in free), skill.id
        else:
            assert "documentation" in material


def repeats(project: Project, known: dict[str, int]) -> bool:
    depth = {"beginner": 1, "intermediate": 2, "advanced": 3}[project.difficulty.value]
    return all(known.get(s, 0) >= depth for s in project.skills)


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_profile_projects_teach_or_prove_something_new(path) -> None:  # type: ignore[no-untyped-def]
    """No project whose every skill the learner already has at its depth, while a fresh one fits the role."""
    prof, roadmap = planned(path)
    known = known_depths(prof)
    chosen = portfolio_of(roadmap)
    if any(repeats(p, known) for p in chosen):
        assert all(repeats(p, known) for p in chosen)  # only when nothing else is left


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_project_the_learner_already_does_at_work_is_skipped(data: st.DataObject) -> None:
    """A learner who knows every skill of one of the role's projects deeply is never given that project while
    any other fits."""
    project = data.draw(st.sampled_from([p for p in CATALOG.projects if p.roles]))
    role = data.draw(st.sampled_from(project.roles))
    prof = LearnerProfile(target_role=role, known_skills=list(project.skills),
                          skill_depth=dict.fromkeys(project.skills, Depth.deep),
                          current_role=data.draw(st.sampled_from(["product manager", "data analyst", None])),
                          years_experience=8.0, hours_per_week=10.0)
    chosen = portfolio_of(plan(prof, CATALOG, TODAY))
    if project in chosen:
        known = known_depths(prof)
        assert all(repeats(p, known) for p in chosen)


def test_senior_pm_gets_no_ab_test_memo_but_an_ai_feature_project() -> None:
    """The coach's case: a senior PM who runs A/B tests does not rebuild a go/no-go memo for a portfolio."""
    _prof, roadmap = ROADMAPS["35-product-manager-8y-ai-product-manager"]
    ids = {p.id for p in portfolio_of(roadmap)}
    assert "ab-test-analysis" not in ids and ids


ai_pms = st.builds(
    LearnerProfile, target_role=st.just("ai-product-manager"),
    domain=st.one_of(st.none(), st.sampled_from(["generative-ai", "recommender-systems", "tabular-business"])),
    current_role=st.sampled_from([None, "product manager", "senior product manager", "data analyst", "nurse"]),
    years_experience=st.one_of(st.none(), st.sampled_from([0.0, 3.0, 8.0, 15.0])),
    known_skills=st.lists(st.sampled_from([s.id for s in CATALOG.skills if s.category is not SkillCategory.llm]),
                          unique=True, max_size=8),
    hours_per_week=st.sampled_from([3.0, 6.0, 10.0, 20.0]),
    budget_usd=st.one_of(st.none(), st.sampled_from([0.0, 500.0])),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ai_pms)
def test_ai_product_manager_plans_cover_prompting_and_llm_evaluation(prof: LearnerProfile) -> None:
    """An AI PM's plan teaches prompting and evaluating LLM features, in a stage or while building a project."""
    roadmap = plan(prof, CATALOG, TODAY)
    covered = {s for st_ in roadmap.stages for s in [*(i.id for i in st_.skills),
                                                     *(x for c in st_.courses for x in c.skills),
                                                     *(x for p in st_.projects for x in p.skills)]}
    assert {"prompt-engineering", "llm-evaluation"} <= covered
