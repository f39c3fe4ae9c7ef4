"""Every learner profile under tests/data/profiles, planned on the shipped catalog, read by the rules of issue 13.

The profiles are people a coach meets (students who never coded, career changers from accounting, teaching,
nursing and linguistics, physics PhDs, seniors moving to MLOps, zero-budget web developers, 5 h/week learners,
tight deadlines, every role). The checks are the general rules, so they keep holding as the catalog changes.
"""

from __future__ import annotations

import json
import re

import pytest

from bot.domain.catalog import DEPTH_RANK, Depth, SkillCategory, depth_rank
from bot.domain.planner import Roadmap, implied_domain, profile_from_data, seniority_of
from bot.domain.profile import LearnerProfile
from bot.domain.render import roadmap_markdown
from tests.unit.planned_profiles import CATALOG, PROFILES, planned

SPECIAL = {SkillCategory.nlp, SkillCategory.cv, SkillCategory.llm}


def test_there_are_at_least_25_profiles_covering_every_role() -> None:
    assert len(PROFILES) >= 25
    roles = {profile_from_data(json.loads(p.read_text()), CATALOG).target_role for p in PROFILES}
    assert {r.id for r in CATALOG.roles} <= roles




@pytest.fixture(scope="module", params=PROFILES, ids=[p.stem for p in PROFILES])
def case(request: pytest.FixtureRequest) -> tuple[LearnerProfile, Roadmap]:
    return planned(request.param)


def test_every_warning_has_a_code_and_is_shown(case: tuple[LearnerProfile, Roadmap]) -> None:
    _, roadmap = case
    text = roadmap_markdown(roadmap)
    for warning in roadmap.warnings:
        assert warning.code and warning.text in text


def test_prerequisites_come_first_and_nothing_known_is_taught_again(case: tuple[LearnerProfile, Roadmap]) -> None:
    prof, roadmap = case
    role = CATALOG.role_by_id[roadmap.role_id]
    needed = {rs.skill: depth_rank(rs.depth) for rs in role.required_skills}
    order = [sk.id for s in roadmap.stages for sk in s.skills]
    for position, skill_id in enumerate(order):
        for prereq in CATALOG.skill_by_id[skill_id].prerequisites:
            if prereq in order:
                assert order.index(prereq) < position
    for skill_id in order:
        if skill_id in prof.known_skills:
            known = depth_rank(prof.skill_depth.get(skill_id)) or DEPTH_RANK[Depth.working]
            assert needed.get(skill_id, 0) > known, f"{skill_id} is known well enough"


def test_the_portfolio_fits_and_has_an_end_to_end_project_when_one_fits(case: tuple[LearnerProfile, Roadmap]) -> None:
    _, roadmap = case
    portfolio = roadmap.stage("portfolio")
    assert portfolio is not None, "every roadmap has a portfolio"
    assert 1 <= len(portfolio.projects) <= 3
    # One project only when the learning alone takes over three years at the learner's pace.
    learning = sum(s.hours for s in roadmap.stages if s.kind == "learning")
    if len(portfolio.projects) == 1:
        assert learning / roadmap.hours_per_week > 156 or len(fitting_projects(roadmap)) == 1
    # A role no fitting project names borrows the projects that show most of its skills.
    named = any(roadmap.role_id in p.roles and (p.domain is None or p.domain == roadmap.domain_id)
                for p in CATALOG.projects)
    for item in portfolio.projects:
        project = CATALOG.project_by_id[item.id]
        assert not named or not project.roles or roadmap.role_id in project.roles
        assert project.domain is None or project.domain == roadmap.domain_id or (
            roadmap.domain_id is None and general_domain(project.domain, roadmap.role_id))
    fitting_e2e = [p for p in CATALOG.projects if p.end_to_end and (not named or not p.roles
                                                                    or roadmap.role_id in p.roles)
                   and (p.domain is None or p.domain == roadmap.domain_id)]
    if fitting_e2e:
        assert any(p.end_to_end for p in portfolio.projects)
    learning = [s.index for s in roadmap.stages if s.kind == "learning"]
    assert not learning or portfolio.index > max(learning)


def general_domain(domain_id: str, role_id: str) -> bool:
    """A domain of the role without specialist skills (business data, forecasting), open to plans without one."""
    domain = CATALOG.domain_by_id[domain_id]
    specialist = SPECIAL | {SkillCategory.deep_learning}
    return domain_id in CATALOG.role_by_id[role_id].domains and not any(
        CATALOG.skill_by_id[s].category in specialist for s in domain.skills)


def fitting_projects(roadmap: Roadmap) -> list[str]:
    return [p.id for p in CATALOG.projects if (not p.roles or roadmap.role_id in p.roles)
            and (p.domain is None or p.domain == roadmap.domain_id
                 or (roadmap.domain_id is None and general_domain(p.domain, roadmap.role_id)))]


def test_job_search_fits_family_and_seniority(case: tuple[LearnerProfile, Roadmap]) -> None:
    prof, roadmap = case
    assert roadmap.stages[-1].id == "job-search"
    role = CATALOG.role_by_id[roadmap.role_id]
    seniority = seniority_of(prof, role.family)
    for item in roadmap.stages[-1].steps:
        step = next(s for s in CATALOG.job_search_steps if s.id == item.id)
        assert not step.families or role.family in step.families
        assert not step.seniority or seniority in step.seniority


def test_deadline_advice_is_actionable(case: tuple[LearnerProfile, Roadmap]) -> None:
    _, roadmap = case
    missed = roadmap.explanations.deadline
    if missed is None:
        return
    assert missed.accept_date == roadmap.totals.end_date
    assert all(float(n) <= 40 for n in re.findall(r"study ([0-9.]+) h/week", missed.text))
    if missed.severe:
        assert missed.advice[0].lower().startswith("take ")


def test_specialisation_language_and_certificates(case: tuple[LearnerProfile, Roadmap]) -> None:
    prof, roadmap = case
    role = CATALOG.role_by_id[roadmap.role_id]
    if implied_domain(role, CATALOG) is not None:
        assert roadmap.domain_id is not None
    domain = CATALOG.domain_by_id.get(roadmap.domain_id or "")
    wanted = {rs.skill for rs in role.required_skills} | set(domain.skills if domain else [])
    language = prof.programming_language or "python"
    codes = {w.code for w in roadmap.warnings}
    for stage in roadmap.stages:
        for item in stage.courses:
            course = CATALOG.course_by_id[item.id]
            off = [s for s in course.teaches if CATALOG.skill_by_id[s].category in SPECIAL and s not in wanted
                   and s not in prof.known_skills]
            assert 2 * len(off) < len(course.teaches), f"{course.id} is about another specialisation"
            lang = course.programming_language.value if course.programming_language else "none"
            # The learner's language, or one they know or the plan teaches them (an ML engineer learns Python).
            learnt = ({k for s in roadmap.stages for c in s.courses for k in c.skills if k in CATALOG.skill_by_id
                       and c.reaches} | set(prof.known_skills)
                      | {k.id for s in roadmap.stages for k in s.skills if k.self_study})
            skill = {"python": "python", "r": "r-programming", "java": "java", "c++": "cpp"}.get(lang)
            if lang in {"python", "r", "java", "c++", "javascript"} and lang != language and skill not in learnt:
                assert "course-language" in codes
            if item.certificate_note.startswith("free"):
                assert course.free_certificate or (course.certificate_cost(roadmap.hours_per_week) or 0) == 0
    if prof.budget_usd == 0:
        assert roadmap.totals.cost_usd == 0
    held = set(prof.held_certifications)
    assert not held & {c.id for s in roadmap.stages for c in s.certifications}


def test_other_experience_is_shown(case: tuple[LearnerProfile, Roadmap]) -> None:
    prof, roadmap = case
    text = roadmap_markdown(roadmap)
    for item in prof.other_experience:
        assert item in text


def test_deep_learning_first_and_no_soft_skill_only_technical_stage(case: tuple[LearnerProfile, Roadmap]) -> None:
    _, roadmap = case
    category = {s.id: s.category for s in CATALOG.skills}
    framework_stage = min((s.index for s in roadmap.stages for c in s.courses
                           if any(category[k] is SkillCategory.deep_learning for k in c.skills)), default=None)
    hours = {s.id: s.hours for s in CATALOG.skills}

    def about_a_specialisation(course_id: str) -> bool:
        taught = CATALOG.course_by_id[course_id].teaches
        special = sum(hours[k] for k in taught if category[k] in SPECIAL)
        return special * 2 > sum(hours[k] for k in taught)

    special_stages = [s.index for s in roadmap.stages for c in s.courses if about_a_specialisation(c.id)]
    if framework_stage is not None and special_stages:
        assert framework_stage <= min(special_stages)
    for stage in roadmap.stages:
        if stage.kind == "learning" and stage.courses:
            assert not all(category[k] is SkillCategory.professional for c in stage.courses for k in c.skills)
    assert "requires" not in roadmap_markdown(roadmap) and ":basic first" not in roadmap_markdown(roadmap)
