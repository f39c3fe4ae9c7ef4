"""Course choice (coach review, session 4, flaws 2, 3, 12 and the course rows of 15).

Each test states a general rule and checks it over every profile under tests/data/profiles and over
hypothesis-generated learners, on the shipped catalog: never one profile's answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import texts
from bot.domain.catalog import DEPTH_RANK, CostModel, Course, Depth, Level, SkillCategory, depth_rank
from bot.domain.planner import Roadmap, plan
from bot.domain.planner.items import self_study_hours
from bot.domain.planner.knowledge import _closure
from bot.domain.planner.models import CourseItem
from bot.domain.profile import LearnerProfile
from bot.domain.render import roadmap_markdown
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGUAGE_SKILLS = {"python", "r-programming", "java", "cpp", "javascript"}
PICKED_OVER = re.compile(r"Picked over (.+?): (.+?)\.(?: |$)")

# Learners who already program in another language, said every way the profile allows.
programmers = st.builds(
    LearnerProfile,
    target_role=st.sampled_from(["ml-engineer", "ai-engineer", "data-scientist", "cv-engineer", "nlp-engineer",
                                 "mlops-engineer", "deep-learning-engineer"]),
    hours_per_week=st.sampled_from([4.0, 6.0, 10.0, 20.0]),
    budget_usd=st.sampled_from([None, 0.0, 300.0, 2000.0]),
    programming_language=st.sampled_from([None, "java", "c++", "javascript", "r"]),
    other_experience=st.sampled_from([[], ["TypeScript", "React"], ["Go"], ["MATLAB", "DSP"], ["Rust"]]),
    current_role=st.sampled_from(["senior frontend developer", "backend developer", "embedded developer",
                                  "android developer", "software engineer"]),
    years_experience=st.sampled_from([2.0, 5.0, 9.0, 15.0]),
)

# Anyone: coders, people who never coded, any role.
learners = st.builds(
    LearnerProfile,
    target_role=st.sampled_from(sorted(r.id for r in CATALOG.roles)),
    hours_per_week=st.sampled_from([3.0, 6.0, 10.0, 25.0]),
    budget_usd=st.sampled_from([None, 0.0, 150.0, 1000.0]),
    known_skills=st.lists(st.sampled_from(sorted(s.id for s in CATALOG.skills)), max_size=5, unique=True),
    current_role=st.sampled_from([None, "nurse", "product manager", "accountant", "web developer", "student",
                                  "data analyst", "teacher"]),
    years_experience=st.sampled_from([None, 1.0, 4.0, 10.0]),
    wants_certificates=st.booleans(),
)


def items(roadmap: Roadmap) -> Iterator[tuple[int, CourseItem]]:
    """Every course row in plan order, with its position."""
    n = 0
    for stage in roadmap.stages:
        for item in stage.courses:
            yield n, item
            n += 1


def beginner_programming(course: Course) -> bool:
    """A course teaching programming from scratch: beginner level, a language among what it teaches, and nothing
    but programming skills."""
    skills = CATALOG.skill_by_id
    return (course.level is Level.beginner and bool(LANGUAGE_SKILLS & set(course.teaches))
            and all(skills[s].category is SkillCategory.programming for s in course.teaches if s in skills))


def programs_elsewhere(prof: LearnerProfile) -> bool:
    """The rule's reading of "already programs in another language", from the profile alone."""
    if prof.programming_language and prof.programming_language.lower() != "python":
        return True
    depth = prof.skill_depth
    if any(s in LANGUAGE_SKILLS - {"python"} and depth_rank(depth.get(s)) != DEPTH_RANK[Depth.basic]
           for s in prof.known_skills):
        return True
    words = {"typescript", "javascript", "java", "c++", "c#", "go", "rust", "kotlin", "swift", "matlab", "scala"}
    if any(x.strip().lower() in words for x in prof.other_experience):
        return True
    role = (prof.current_role or "").lower()
    return (prof.years_experience or 0) >= 1 and "student" not in role and any(
        w in role for w in ("developer", "software engineer", "programmer", "frontend", "backend"))


def check_programmer(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """No beginner's programming course, no beginner course stacked under a deeper one for the same language, and
    Python (when the plan teaches it) studied as a programmer, in fewer hours than a beginner's."""
    chosen = [CATALOG.course_by_id[c.id] for _, c in items(roadmap)]
    assert not [c.id for c in chosen if beginner_programming(c)], prof
    for lang in LANGUAGE_SKILLS:
        teaching = [c for c in chosen if lang in c.teaches]
        assert not (any(c.level is Level.beginner for c in teaching) and len(teaching) > 1), (prof, lang)
    milestone = roadmap.explanations.deadline.text if roadmap.explanations.deadline else ""
    for course in CATALOG.courses:
        if beginner_programming(course):
            assert course.title not in milestone, prof
    for stage in roadmap.stages:
        for skill in stage.skills:
            if skill.id in LANGUAGE_SKILLS and skill.self_study and "You already program" in skill.why:
                beginner = self_study_hours(CATALOG.skill_by_id[skill.id].hours, 0, DEPTH_RANK[Depth.deep])
                assert 0 < skill.hours < beginner


# ---------------------------------------------------------------- 2. a programmer is no beginner
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_a_programmer_in_another_language_gets_no_beginner_programming_course(path) -> None:  # type: ignore[no-untyped-def]
    prof, roadmap = planned(path)
    if programs_elsewhere(prof):
        check_programmer(prof, roadmap)


@FEW
@given(programmers)
def test_generated_programmers_get_no_beginner_programming_course(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    check_programmer(prof, roadmap)
    python = [k for s in roadmap.stages for k in s.skills if k.id == "python"]
    if python and python[0].self_study:
        # Said as an estimate, with what the learner already programs in.
        assert any("already program" in w.text and "estimate" in w.text for w in roadmap.warnings)


# ---------------------------------------------------------------- 3. one main course per skill
def check_one_main_course(roadmap: Roadmap, prof: LearnerProfile) -> None:
    """No course whose listed skills a single course met no later (and fit to start with) teaches as deep; a
    course listing a skill an earlier course also taught names the gap it fills."""
    rows = list(items(roadmap))
    for n, item in rows:
        reach = {s: depth_rank(CATALOG.course_by_id[item.id].teaches[s]) for s in item.skills}
        for m, other in rows:
            if m == n:
                continue
            theirs = CATALOG.course_by_id[other.id]
            fits = theirs.level is Level.beginner or all(prof.skill_depth.get(s) or s in prof.known_skills
                                                       for s in item.skills)
            if m < n and fits and item.skills and all(depth_rank(theirs.teaches.get(s)) >= reach[s]
                                                      for s in item.skills):
                assert texts.PLANNER_WHY_GAP_DEEPER.split("{")[0].strip() in item.why \
                    or "it adds" in item.why or "requires" in item.why, (item.id, other.id)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_one_main_course_per_skill(path) -> None:  # type: ignore[no-untyped-def]
    prof, roadmap = planned(path)
    check_one_main_course(roadmap, prof)
    # Two short maths videos never sit beside a course covering both at least as deep, met no later.
    chosen = [CATALOG.course_by_id[c.id] for _, c in items(roadmap)]
    for course in chosen:
        for other in chosen:
            if other is course or other.level is not Level.beginner or course.hours >= other.hours:
                continue
            if all(depth_rank(other.teaches.get(s)) >= depth_rank(d) for s, d in course.teaches.items()):
                row = next(c for _, c in items(roadmap) if c.id == course.id)
                later = [c.id for _, c in items(roadmap)].index(other.id) > \
                    [c.id for _, c in items(roadmap)].index(course.id)
                assert later or "requires" in row.why, (course.id, other.id)


@FEW
@given(learners)
def test_generated_learners_get_one_main_course_per_skill(prof: LearnerProfile) -> None:
    check_one_main_course(plan(prof, CATALOG, TODAY), prof)


# ---------------------------------------------------------------- 12. what a plan says about its courses holds
def check_consistent(prof: LearnerProfile, roadmap: Roadmap) -> None:
    rows = list(items(roadmap))
    titles = {c.title for _, c in rows}
    where = {c.id: n for n, c in rows}
    taught: dict[str, int] = {}
    for n, item in rows:
        for s in item.skills:
            taught.setdefault(s, n)
    for n, item in rows:
        for loser, _ in PICKED_OVER.findall(item.why):
            assert loser not in titles, (item.id, loser)  # never named as the loser when the plan takes it
        if item.alternative is not None:
            assert item.alternative.id not in where
        course = CATALOG.course_by_id[item.id]
        for ref in course.requires:
            skill_id, _, depth = ref.partition(":")
            if depth and skill_id in taught and skill_id not in prof.known_skills and skill_id not in item.skills:
                assert taught[skill_id] < n, (item.id, ref)  # never before what it requires
    # What they know implies its prerequisites (distributed training implies some Python).
    codes = any(CATALOG.skill_by_id[s].category is SkillCategory.programming
                for s in _closure(prof.known_skills, CATALOG) if s not in {"git", "sql", "linux-shell"})
    python_in_plan = any("python" in c.skills for _, c in rows) or any(
        k.id == "python" for s in roadmap.stages for k in s.skills)
    if not codes and prof.programming_language is None and not python_in_plan and not prof.current_role:
        for _, item in rows:
            course = CATALOG.course_by_id[item.id]
            assert course.programming_language is None or course.programming_language.value not in {
                "python", "r", "java", "c++", "javascript"}, item.id


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_a_plan_never_contradicts_its_own_course_reasons(path) -> None:  # type: ignore[no-untyped-def]
    prof, roadmap = planned(path)
    check_consistent(prof, roadmap)


@FEW
@given(learners)
def test_generated_plans_never_contradict_their_course_reasons(prof: LearnerProfile) -> None:
    check_consistent(prof, plan(prof, CATALOG, TODAY))


def test_a_product_manager_who_does_not_code_gets_no_course_taught_in_python() -> None:
    for role in ("ai-product-manager",):
        roadmap = plan(LearnerProfile(target_role=role, hours_per_week=6, known_skills=["communication"]),
                       CATALOG, TODAY)
        check_consistent(roadmap.profile, roadmap)
        assert not [c.id for _, c in items(roadmap) if (CATALOG.course_by_id[c.id].programming_language or "")
                    in {"python", "r", "java", "c++", "javascript"}]


# ---------------------------------------------------------------- 15. the course rows' wording
def check_wording(roadmap: Roadmap) -> None:
    for _, item in items(roadmap):
        for _, reason in PICKED_OVER.findall(item.why):
            # A reason against the loser: never its bare hours and price as if they were faults.
            assert not re.fullmatch(r"[\d.]+ h, (free|\$[\d,.]+)", reason), (item.id, reason)
        course = CATALOG.course_by_id[item.id]
        if course.cost_model is CostModel.subscription and item.cost_usd > 0:
            assert " a month x " in item.why, item.id  # the cost follows the pace: say how
    text = roadmap_markdown(roadmap)
    lead = texts.UNVERIFIED_COURSE.rstrip(".")
    unverified = [c.title for _, c in items(roadmap) if c.verified_on is None]
    assert text.count(lead) == (1 if unverified else 0)
    for title in unverified:
        assert title in next(line for line in text.splitlines() if lead in line)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_course_rows_say_what_is_worse_and_what_a_subscription_costs(path) -> None:  # type: ignore[no-untyped-def]
    check_wording(planned(path)[1])


@FEW
@given(learners)
def test_generated_course_rows_say_what_is_worse(prof: LearnerProfile) -> None:
    check_wording(plan(prof, CATALOG, TODAY))
