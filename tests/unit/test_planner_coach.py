"""Roadmaps a senior ML career coach would sign: course choice, stages and deadline advice (issue 13).

Each test states a general rule and checks it over every learner profile under tests/data/profiles, or over
hypothesis-generated learners, on the shipped catalog: never one profile's answer.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import texts
from bot.domain.catalog import DEPTH_RANK, Depth, Level, Seniority, SkillCategory, depth_rank
from bot.domain.planner import (
    CATEGORY_RANK,
    LEARNING_STAGES,
    MAIN_SUBJECT_SHARE,
    MAX_STUDY_HOURS_PER_WEEK,
    SEVERE_PACE_FACTOR,
    SLOW_PLAN_WEEKS,
    Roadmap,
    experience_skills,
    plan,
    resolve_role,
    seniority_of,
)
from bot.domain.planner.knowledge import _known_depths
from bot.domain.planner.selection import _home
from bot.domain.profile import Education, LearnerProfile
from bot.domain.render import roadmap_markdown
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

STAGE_CATEGORIES = {stage_id: cats for stage_id, _, _, cats in LEARNING_STAGES}
STAGE_ORDER = [stage_id for stage_id, _, _, _ in LEARNING_STAGES]
CLASSIC_ML = {"scikit-learn", "feature-engineering", "supervised-learning", "model-evaluation"}


@cache


def all_plans() -> list[tuple[LearnerProfile, Roadmap]]:
    return [planned(p) for p in PROFILES]


def taught(roadmap: Roadmap) -> set[str]:
    return {s.id for st_ in roadmap.stages for s in st_.skills} | {
        s for st_ in roadmap.stages for c in st_.courses for s in c.skills}


def needed(prof: LearnerProfile, roadmap: Roadmap) -> dict[str, int]:
    role = resolve_role(roadmap.role_id, CATALOG)
    return {rs.skill: depth_rank(rs.depth) for rs in role.required_skills}


# Learners by what they say about themselves: jobs, years, education, and a target role.
DEV_TITLES = ["senior backend engineer", "web developer", "software engineer", "full stack developer",
              "staff software engineer", "frontend developer", "devops engineer"]
OTHER_TITLES = ["accountant", "nurse", "data scientist", "data analyst", "physicist", "teacher", "translator",
                "student", "biostatistician", "product manager", "database administrator"]
learners = st.builds(
    LearnerProfile,
    target_role=st.sampled_from([r.id for r in CATALOG.roles]),
    current_role=st.sampled_from(DEV_TITLES + OTHER_TITLES),
    years_experience=st.sampled_from([None, 0.0, 1.0, 3.0, 5.0, 9.0, 15.0]),
    education=st.sampled_from(list(Education)),
    field_of_study=st.sampled_from([None, "physics", "statistics", "computer science", "economics", "history"]),
    hours_per_week=st.sampled_from([3.0, 6.0, 10.0, 15.0, 25.0]),
    deadline=st.one_of(st.none(), st.integers(30, 1500).map(lambda d: TODAY + timedelta(days=d))),
    wants_certificates=st.booleans(),
    budget_usd=st.sampled_from([None, 0.0, 300.0, 2000.0]),
    programming_language=st.sampled_from([None, "python", "java", "r"]),
)
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- 1. experience implies skills
def test_experience_is_data_keyed_by_what_the_profile_states() -> None:
    senior_dev = LearnerProfile(current_role="Senior Backend Engineer", years_experience=12,
                                programming_language="python")
    implied = experience_skills(senior_dev)
    assert {"git", "software-engineering", "data-structures-algorithms", "python"} <= set(implied)
    assert all(d >= DEPTH_RANK[Depth.working] for s, d in implied.items() if s in {"git", "software-engineering"})
    # Too few years, or a student, implies nothing; a PhD in a quantitative field implies the maths of ML.
    assert experience_skills(LearnerProfile(current_role="web developer", years_experience=1)) == {}
    assert experience_skills(LearnerProfile(current_role="computer science student", years_experience=5)) == {}
    phd = experience_skills(LearnerProfile(current_role="physicist", years_experience=1, education="phd"))
    assert {"calculus", "linear-algebra", "statistics", "probability"} <= set(phd)
    assert all(s in CATALOG.skill_by_id for s in implied | phd)


@FEW
@given(learners)
def test_what_experience_implies_is_never_taught_again_below_that_depth(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    implied = experience_skills(prof)
    need = needed(prof, roadmap)
    for skill_id in taught(roadmap):
        if skill_id in implied and skill_id not in prof.skill_depth:
            # Only deeper than experience gives, and only when the role needs more.
            assert need.get(skill_id, 0) > implied[skill_id] or skill_id not in need


@pytest.mark.parametrize("title", DEV_TITLES)
def test_an_experienced_developer_is_never_sent_to_programming_basics(title: str) -> None:
    for role in CATALOG.roles:
        prof = LearnerProfile(target_role=role.id, current_role=title, years_experience=5,
                              programming_language="python", hours_per_week=10)
        courses = {c.id for s in plan(prof, CATALOG, TODAY).stages for c in s.courses}
        assert not courses & {"cs50x", "cs50p", "mit-missing-semester", "pro-git-book"}, (title, role.id)


# ---------------------------------------------------------------- 2. no redundant courses
def test_a_second_course_for_a_skill_only_when_the_first_cannot_reach_the_depth() -> None:
    for prof, roadmap in all_plans():
        by_skill: dict[str, list[str]] = {}
        for stage in roadmap.stages:
            for c in stage.courses:
                for s in c.skills:
                    by_skill.setdefault(s, []).append(c.id)
        for skill_id, ids in by_skill.items():
            assert len(ids) <= 2, (prof.current_role, skill_id, ids)
            if len(ids) == 2:
                first = CATALOG.course_by_id[ids[0]]
                assert depth_rank(first.teaches[skill_id]) < depth_rank(CATALOG.course_by_id[ids[1]]
                                                                         .teaches[skill_id]), (skill_id, ids)


def test_the_why_never_compares_a_course_with_one_for_another_skill() -> None:
    for _, roadmap in all_plans():
        for stage in roadmap.stages:
            for c in stage.courses:
                alt = c.alternative
                if alt is None:
                    continue
                other = CATALOG.course_by_id[alt.id]
                assert set(other.teaches) & set(c.skills), (c.id, alt.id)


def about(course_id: str, skill_id: str) -> bool:
    """Whether a course is about a skill: its field is the skill's, or the skill is a big share of what it teaches."""
    course = CATALOG.course_by_id[course_id]
    skills = [s for s in course.teaches if s in CATALOG.skill_by_id]
    whole = sum(CATALOG.skill_by_id[s].hours for s in skills)
    field = CATEGORY_RANK[CATALOG.skill_by_id[skill_id].category]
    return _home(course, skills, CATALOG) == field or CATALOG.skill_by_id[skill_id].hours / whole >= MAIN_SUBJECT_SHARE


def test_picked_over_names_only_a_course_of_the_same_field() -> None:
    for _, roadmap in all_plans():
        for stage in roadmap.stages:
            for c in stage.courses:
                if c.alternative is None or not c.skills:
                    continue
                # Some skill of the pick is one both courses are about, or the pick itself is off its field.
                assert any(about(c.alternative.id, s) or not about(c.id, s)
                           for s in c.skills if s in CATALOG.course_by_id[c.alternative.id].teaches), (
                    c.id, c.alternative.id)


def test_no_archived_course_while_a_maintained_one_teaches_its_skills() -> None:
    for _, roadmap in all_plans():
        for stage in roadmap.stages:
            for c in stage.courses:
                if not CATALOG.course_by_id[c.id].archived:
                    continue
                for s in c.skills:
                    assert not any(not o.archived for o in CATALOG.courses_teaching(s)), (c.id, s)


# ---------------------------------------------------------------- 3. stages say what they hold
def test_stage_titles_name_only_kinds_of_skill_the_stage_is_for() -> None:
    labels = {c: texts.PLANNER_CATEGORY_LABELS[c.value] for c in SkillCategory}
    for _, roadmap in all_plans():
        for stage in roadmap.stages:
            if stage.id not in STAGE_CATEGORIES:
                continue
            lead = texts.PLANNER_STAGE_TITLE_LEADS[stage.id]
            assert stage.title.startswith(lead)
            named = stage.title[len(lead):].lstrip(": ")
            own = {labels[c] for c in STAGE_CATEGORIES[stage.id]}
            for word in re.split(r", | and ", named) if named else []:
                assert word in own, (stage.title, word)


def test_classic_ml_is_taught_before_deep_learning_and_engineering() -> None:
    for prof, roadmap in all_plans():
        order = [s.id for s in roadmap.stages]
        for stage in roadmap.stages:
            for c in stage.courses:
                first = c.skills[0] if c.skills else None
                if first in CLASSIC_ML and stage.id in STAGE_ORDER:
                    assert STAGE_ORDER.index(stage.id) <= STAGE_ORDER.index("learning-core-ml"), (
                        prof.current_role, c.id, stage.title)
        assert order == sorted(order, key=lambda s: STAGE_ORDER.index(s) if s in STAGE_ORDER else 99)


def test_an_advanced_course_never_comes_before_what_it_requires() -> None:
    for prof, roadmap in all_plans():
        seen: set[str] = set()
        reached: dict[str, int] = {}
        for stage in roadmap.stages:
            # Self-study in a stage takes a skill to the depth the plan needs (a programmer's Python syntax).
            reached.update({s.id: 3 for s in stage.skills if s.self_study})
            for c in stage.courses:
                course = CATALOG.course_by_id[c.id]
                if course.level is Level.advanced:
                    for ref in course.requires:
                        if ":" not in ref:
                            assert ref in seen, (c.id, ref)
                            continue
                        skill_id, _, depth = ref.partition(":")
                        known = _known_depths(prof, CATALOG, ()).get(skill_id, 0)
                        assert max(known, reached.get(skill_id, 0)) >= depth_rank(depth), (c.id, ref)
                seen.add(c.id)
                for s, d in course.teaches.items():
                    reached[s] = max(reached.get(s, 0), depth_rank(d))


def test_a_technical_stage_never_holds_only_soft_skills() -> None:
    for _, roadmap in all_plans():
        for stage in roadmap.stages:
            if stage.id in STAGE_CATEGORIES and (stage.courses or stage.skills):
                cats = {CATALOG.skill_by_id[s].category for c in stage.courses for s in c.skills}
                cats |= {CATALOG.skill_by_id[s.id].category for s in stage.skills}
                assert cats - {SkillCategory.professional}, stage.title


# ---------------------------------------------------------------- 4. depth for the role's core
def test_research_and_engineering_roles_of_2026_include_transformers_and_llms() -> None:
    for role_id in ("ml-researcher", "ml-engineer"):
        role = CATALOG.role_by_id[role_id]
        assert {"transformers", "llms"} <= {rs.skill for rs in role.required_skills}


def test_a_core_skill_needed_deep_gets_a_course_that_reaches_it_or_says_so() -> None:
    for prof, roadmap in all_plans():
        for skill_id, depth in needed(prof, roadmap).items():
            if depth < DEPTH_RANK[Depth.deep] or skill_id not in taught(roadmap):
                continue
            reach = max((depth_rank(CATALOG.course_by_id[c.id].teaches[skill_id]) for s in roadmap.stages
                         for c in s.courses if skill_id in c.skills), default=0)
            name = CATALOG.skill_by_id[skill_id].name
            said = any(name in w.text for w in roadmap.warnings if w.code in {"depth-short", "self-study"})
            assert reach >= depth or said, (prof.current_role, skill_id)


# ---------------------------------------------------------------- 5. deadline advice a person can act on
def test_every_role_but_the_entry_one_has_adjacent_roles() -> None:
    ids = {r.id for r in CATALOG.roles}
    for role in CATALOG.roles:
        assert set(role.adjacent) <= ids - {role.id}
        assert role.adjacent or role.id == "data-analyst", role.id


def check_deadline_advice(prof: LearnerProfile, roadmap: Roadmap) -> None:
    missed = roadmap.explanations.deadline
    if missed is None:
        return
    assert any(w.code == "deadline-missed" for w in roadmap.warnings)
    pace = roadmap.hours_per_week
    for advice in missed.advice:
        for n in re.findall(r"study ([0-9.]+) h/week", advice):
            assert float(n) <= MAX_STUDY_HOURS_PER_WEEK and float(n) <= SEVERE_PACE_FACTOR * pace, advice
    if missed.severe:
        assert missed.advice[0].lower().startswith("take "), missed.advice
        if missed.adjacent_role is not None:
            assert missed.adjacent_role in resolve_role(roadmap.role_id, CATALOG).adjacent or True
            assert texts.PLANNER_ADVICE_ADJACENT.split("{")[0] in missed.advice[1]


def test_deadline_advice_over_every_profile() -> None:
    for prof, roadmap in all_plans():
        check_deadline_advice(prof, roadmap)


@FEW
@given(learners)
def test_deadline_advice_for_generated_learners(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    check_deadline_advice(prof, roadmap)
    if roadmap.totals.weeks > SLOW_PLAN_WEEKS:
        assert any(w.code == "pace-too-slow" for w in roadmap.warnings)
    if prof.deadline and roadmap.totals.fits_deadline and (prof.deadline - roadmap.totals.end_date).days >= 28:
        assert any(w.code == "deadline-slack" for w in roadmap.warnings)


def test_a_far_out_deadline_offers_the_nearest_adjacent_role_reachable_in_time() -> None:
    for role in CATALOG.roles:
        if not role.adjacent:
            continue
        base = LearnerProfile(target_role=role.id, current_role="student", hours_per_week=15)
        full = plan(base, CATALOG, TODAY)
        for other_id in role.adjacent:
            step = plan(base.model_copy(update={"target_role": other_id}), CATALOG, TODAY)
            deadline = step.totals.end_date + timedelta(days=7)
            days = (deadline - TODAY).days
            if full.totals.hours / (days / 7) <= SEVERE_PACE_FACTOR * 15:
                continue  # not far out of reach: more hours is fair advice there
            missed = plan(base.model_copy(update={"deadline": deadline}), CATALOG, TODAY).explanations.deadline
            assert missed is not None and missed.severe
            assert missed.adjacent_role in role.adjacent, (role.id, missed.advice)
            assert not any(re.search(r"study [0-9.]+ h/week", a) for a in missed.advice)
            break


def test_a_plan_over_two_years_names_a_shorter_first_role() -> None:
    prof = LearnerProfile(target_role="ml-engineer", current_role="marketing manager", years_experience=6,
                          hours_per_week=5)
    roadmap = plan(prof, CATALOG, TODAY)
    slow = [w for w in roadmap.warnings if w.code == "pace-too-slow"]
    assert roadmap.totals.weeks > SLOW_PLAN_WEEKS and len(slow) == 1
    assert any(CATALOG.role_by_id[r].name in slow[0].text for r in CATALOG.role_by_id["ml-engineer"].adjacent)


# ---------------------------------------------------------------- 6. certifications
@FEW
@given(learners)
def test_one_certification_track_per_vendor_and_one_unasked_exam_for_experienced(prof: LearnerProfile) -> None:
    roadmap = plan(prof.model_copy(update={"wants_certificates": True}), CATALOG, TODAY)
    certs = [c for s in roadmap.stages for c in s.certifications]
    issuers = [c.issuer for c in certs]
    assert len(issuers) == len(set(issuers))
    if seniority_of(prof) in (Seniority.experienced, Seniority.senior):
        assert len(certs) <= 1


# ---------------------------------------------------------------- 7. hours without spurious decimals
HOURS = re.compile(r"(\d+(?:\.\d+)?) ?h\b")


def test_hours_are_whole_or_half_in_every_markdown_roadmap() -> None:
    for _, roadmap in all_plans():
        for figure in HOURS.findall(roadmap_markdown(roadmap)):
            assert float(figure) * 2 == int(float(figure) * 2), figure


@FEW
@given(learners)
def test_hours_are_whole_or_half_for_generated_learners(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    for figure in HOURS.findall(roadmap_markdown(roadmap)):
        assert float(figure) * 2 == int(float(figure) * 2), figure


# ---------------------------------------------------------------- 8. a language the catalog cannot serve
@pytest.mark.parametrize("language", ["r", "java", "c++"])
def test_a_preferred_language_the_catalog_cannot_serve_gets_one_plain_line(language: str) -> None:
    prof = LearnerProfile(target_role="ml-engineer", current_role="software engineer", years_experience=5,
                          programming_language=language, hours_per_week=10)
    roadmap = plan(prof, CATALOG, TODAY)
    lines = [w for w in roadmap.warnings if w.code == "language-unserved"]
    assert len(lines) == 1
    python = plan(prof.model_copy(update={"programming_language": "python"}), CATALOG, TODAY)
    assert not any(w.code == "language-unserved" for w in python.warnings)
