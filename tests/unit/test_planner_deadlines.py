"""Deadline and first-step advice a hiring manager would sign, over every profile file and random learners:
a narrower scope cuts certifications and repeated courses before any project and never takes the portfolio
below its minimum, a "first milestone" is something a learner can show (stages ended by a project), the
shorter first step fits the learner's background (never a role they outrank, never their own job), and the
spare weeks before a deadline never buy a beginner's exercise for a professional."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import texts
from bot.domain.catalog import Level, Seniority
from bot.domain.planner import Roadmap, plan, seniority_of
from bot.domain.planner.deadlines import (
    MIN_PORTFOLIO_PROJECTS,
    _droppable,
    _first_step_candidates,
    _outranks,
    _redundant_courses,
    background_step,
)
from bot.domain.planner.jobsearch import industry_of, related_field
from bot.domain.profile import Education, LearnerProfile
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

PROFESSIONAL_TITLES = ["staff software engineer", "senior backend engineer", "data engineer", "web developer",
                       "database administrator", "data scientist", "devops engineer"]
OTHER_TITLES = ["nurse", "teacher", "accountant", "translator", "mechanical engineer", "audio engineer",
                "sales associate", "civil engineer", "lawyer", "marketing manager", "office manager"]
MILESTONE_COURSES_ONLY = re.compile(texts.PLANNER_ADVICE_MILESTONE.replace("{deadline}", ".+").replace(
    "{stages}", ".+"))

learners = st.builds(
    LearnerProfile,
    target_role=st.sampled_from([r.id for r in CATALOG.roles]),
    current_role=st.sampled_from([None, "student", *PROFESSIONAL_TITLES, *OTHER_TITLES]),
    years_experience=st.sampled_from([0.0, 1.0, 3.0, 6.0, 9.0, 15.0]),
    education=st.one_of(st.none(), st.sampled_from(list(Education))),
    known_skills=st.lists(st.sampled_from([s.id for s in CATALOG.skills]), unique=True, max_size=8),
    hours_per_week=st.sampled_from([3.0, 6.0, 10.0, 20.0]),
    budget_usd=st.one_of(st.none(), st.sampled_from([0.0, 300.0])),
    wants_certificates=st.booleans(),
    deadline=st.one_of(st.none(), st.integers(20, 900).map(lambda d: TODAY + timedelta(days=d))),
)


def all_plans() -> list[tuple[LearnerProfile, Roadmap]]:
    return [planned(p) for p in PROFILES]


def check_deadline(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """Every deadline rule for one learner."""
    missed = roadmap.explanations.deadline
    if missed is None:
        return
    projects = [p for s in roadmap.stages for p in s.projects]
    dropped = [d.key for d in missed.drop]
    dropped_projects = [k for k in dropped if k.startswith("project:")]
    # The portfolio keeps its minimum, and no project goes before a course or certification could.
    assert len(projects) - len(dropped_projects) >= min(MIN_PORTFOLIO_PROJECTS, len(projects)), dropped
    if dropped_projects:
        first = dropped.index(dropped_projects[0])
        assert all(k.startswith("project:") for k in dropped[first:]), dropped
        redundant = {d.key for d in _redundant_courses(roadmap.stages, CATALOG)}
        assert redundant <= set(dropped), (redundant, dropped)
        # A deployed, end-to-end project goes only when every project kept is one too.
        kept = [p for p in projects if f"project:{p.id}" not in dropped]
        if any(p.end_to_end for p in projects if f"project:{p.id}" in dropped):
            assert all(p.end_to_end for p in kept), (dropped, [p.id for p in kept])
    # A milestone is something to show: never a list of courses alone.
    for way in missed.advice:
        assert not MILESTONE_COURSES_ONLY.fullmatch(way), way
        if "first milestone" in way:
            assert any(f'"{p.title}"' in way for p in projects) or any(
                s.title in way for s in roadmap.stages if s.kind == "learning" and s.projects), way
    # A nearer role is never one the learner outranks nor their own job.
    if missed.adjacent_role is not None:
        role = CATALOG.role_by_id[roadmap.role_id]
        assert not _outranks(prof, role, CATALOG.role_by_id[missed.adjacent_role]), missed.adjacent_role


def check_first_step(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """The shorter first step of a slow plan fits the learner's background."""
    role = CATALOG.role_by_id[roadmap.role_id]
    seniority = seniority_of(prof, role.family)
    candidates = _first_step_candidates(prof, role, CATALOG)
    for other in candidates:
        assert not _outranks(prof, role, other)
        if seniority in {Seniority.experienced, Seniority.senior} and related_field(prof.current_role, role.family):
            assert other.adjacent, f"{prof.current_role} sent to the entry role {other.id}"
    slow = [w.text for w in roadmap.warnings if w.code == "pace-too-slow"]
    own = background_step(prof, role)
    if slow and own is not None:
        assert own in slow[0]
    industry = industry_of(prof.current_role)
    if slow and industry is not None and seniority is Seniority.career_changer:
        assert industry.bridge in slow[0] and industry.name in slow[0]


def check_slack(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """The spare weeks never buy a beginner's exercise for someone with years of related work."""
    role = CATALOG.role_by_id[roadmap.role_id]
    if seniority_of(prof, role.family) not in {Seniority.experienced, Seniority.senior}:
        return
    for w in roadmap.warnings:
        if w.code != "deadline-slack":
            continue
        for project in CATALOG.projects:
            if project.difficulty is Level.beginner:
                assert f"({project.title}," not in w.text, (prof.current_role, project.id)


@pytest.mark.parametrize("index", range(len(all_plans())))
def test_deadline_and_first_step_advice_over_every_profile(index: int) -> None:
    prof, roadmap = all_plans()[index]
    check_deadline(prof, roadmap)
    check_first_step(prof, roadmap)
    check_slack(prof, roadmap)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(learners)
def test_deadline_and_first_step_advice_for_generated_learners(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    check_deadline(prof, roadmap)
    check_first_step(prof, roadmap)
    check_slack(prof, roadmap)


# ---------------------------------------------------------------- the cut, step by step
def test_a_tight_deadline_cuts_courses_that_repeat_before_projects() -> None:
    """Every plan of the profile files, given a deadline just short of its end: the drop list starts with
    certifications and courses, and projects only beyond the portfolio's minimum."""
    for prof, full in all_plans():
        for days in (14, 60):
            deadline = full.totals.end_date - timedelta(days=days)
            if deadline <= TODAY:
                continue
            roadmap = plan(prof.model_copy(update={"deadline": deadline}), CATALOG, TODAY)
            check_deadline(prof, roadmap)


def test_the_drop_list_stops_when_enough_is_saved() -> None:
    for _, roadmap in all_plans():
        everything = _droppable(roadmap.stages, set(), float("inf"), CATALOG)
        if len(everything) < 2:
            continue
        need = everything[0].hours
        assert [d.key for d in _droppable(roadmap.stages, set(), need, CATALOG)] == [everything[0].key]
        assert _droppable(roadmap.stages, set(), 0.0, CATALOG) == []


def test_a_course_dropped_as_redundant_leaves_its_skills_taught() -> None:
    for _, roadmap in all_plans():
        redundant = {d.key.split(":", 1)[1] for d in _redundant_courses(roadmap.stages, CATALOG)}
        courses = [c for s in roadmap.stages for c in s.courses]
        kept = [c for c in courses if c.id not in redundant]
        projects = {k for s in roadmap.stages for p in s.projects for k in p.skills}
        for course in courses:
            if course.id not in redundant:
                continue
            for skill in course.skills:
                taught = any(skill in CATALOG.course_by_id[k.id].teaches for k in kept)
                assert taught or skill in projects, (course.id, skill)


# ---------------------------------------------------------------- first steps by background
@pytest.mark.parametrize("title", PROFESSIONAL_TITLES)
@pytest.mark.parametrize("target", ["ml-engineer", "ai-engineer", "nlp-engineer", "data-scientist"])
def test_a_professional_is_never_sent_back_to_the_entry_role(title: str, target: str) -> None:
    prof = LearnerProfile(target_role=target, current_role=title, years_experience=12, hours_per_week=4)
    role = CATALOG.role_by_id[target]
    ids = [r.id for r in _first_step_candidates(prof, role, CATALOG)]
    assert "data-analyst" not in ids
    assert background_step(prof, role) == texts.PLANNER_FIRST_STEP_INTERNAL
    check_first_step(prof, plan(prof, CATALOG, TODAY))


@pytest.mark.parametrize(("title", "industry"), [
    ("translator", "language"), ("nurse", "healthcare"), ("accountant", "finance"), ("teacher", "education"),
    ("mechanical engineer", "manufacturing"), ("audio engineer", "audio"), ("paralegal", "law"),
])
def test_a_career_changer_is_offered_the_data_role_of_their_own_industry(title: str, industry: str) -> None:
    for target in ("ml-engineer", "nlp-engineer", "data-scientist"):
        prof = LearnerProfile(target_role=target, current_role=title, years_experience=9, hours_per_week=4)
        role = CATALOG.role_by_id[target]
        found = industry_of(title)
        assert found is not None and found.id == industry
        own = background_step(prof, role)
        assert own is not None and found.bridge in own
        check_first_step(prof, plan(prof, CATALOG, TODAY))


def test_nobody_is_offered_their_own_job_as_a_first_step() -> None:
    for role in CATALOG.roles:
        for other in CATALOG.roles:
            prof = LearnerProfile(target_role=role.id, current_role=other.name, years_experience=3,
                                  hours_per_week=5)
            assert other.id not in [r.id for r in _first_step_candidates(prof, role, CATALOG)]


def test_a_far_deadline_offers_a_milestone_with_a_project_where_one_fits() -> None:
    """Deadlines at a third and a half of each profile's plan: milestones are offered (not only courses), and
    each names a project whose skills the reached stages teach or the learner knows."""
    found = 0
    for prof, full in all_plans():
        for share in (0.3, 0.5):
            deadline = TODAY + timedelta(days=int((full.totals.end_date - TODAY).days * share))
            roadmap = plan(prof.model_copy(update={"deadline": deadline}), CATALOG, TODAY)
            check_deadline(prof, roadmap)
            missed = roadmap.explanations.deadline
            for way in missed.advice if missed else []:
                if "first milestone" not in way:
                    continue
                found += 1
                learning = [s for s in roadmap.stages if s.kind == "learning"]
                reached = [s for s in learning if f"{s.index}. {s.title}" in way]
                taught = {k.id for s in reached for k in s.skills} | {k for s in reached for c in s.courses
                                                                      for k in c.skills}
                later = {k.id for s in learning if s not in reached for k in s.skills} | {
                    k for s in learning if s not in reached for c in s.courses for k in c.skills}
                project = next(p for s in roadmap.stages for p in s.projects if f'"{p.title}"' in way)
                assert all(k in taught or k not in later for k in project.skills), (way, project.skills)
    assert found > 0
