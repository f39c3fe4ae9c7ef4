"""Course fit by depth and hours, what a job title implies, and one self-study warning (coach review, session 4).

Each test states a general rule and checks it over every profile under tests/data/profiles, or over
hypothesis-generated learners, on the shipped catalog: never one profile's answer.
"""

from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.catalog import DEPTH_RANK, Depth, depth_rank
from bot.domain.planner import (
    CATEGORY_RANK,
    MAIN_SUBJECT_SHARE,
    Roadmap,
    experience_skills,
    job_search_start,
    plan,
    resolve_role,
)
from bot.domain.planner.courses import OVERSIZED_DEEPER, OVERSIZED_REST_KNOWN
from bot.domain.planner.items import self_study_hours
from bot.domain.planner.knowledge import _closure, _known_depths
from bot.domain.planner.schedule import _hours as _hours_shown
from bot.domain.planner.schedule import _spans
from bot.domain.planner.selection import _home
from bot.domain.profile import Education, LearnerProfile
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

WORKING = DEPTH_RANK[Depth.working]
FEW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DATA_WORDS = ["data", "database", "SQL", "ETL", "analytics", "data warehouse", "BI", "big data"]
JOB_WORDS = ["engineer", "developer", "architect", "administrator", "scientist", "analyst"]
NON_DATA_TITLES = ["office administrator", "civil engineer", "sales associate", "nurse", "mechanical engineer",
                   "translator", "system administrator"]


def _needs(roadmap: Roadmap) -> dict[str, int]:
    """Depth the plan needs each of its gap skills at: the role's, else basic (a prerequisite)."""
    role = resolve_role(roadmap.role_id, CATALOG)
    need = {rs.skill: depth_rank(rs.depth) for rs in role.required_skills}
    domain = CATALOG.domain_by_id.get(roadmap.domain_id or "")
    for skill_id in domain.skills if domain else []:
        need.setdefault(skill_id, WORKING)
    for skill_id in _closure(list(need), CATALOG):  # prerequisites, at a basic level at least
        need.setdefault(skill_id, DEPTH_RANK[Depth.basic])
    return need


def oversized_courses(prof: LearnerProfile, roadmap: Roadmap) -> list[str]:
    """Courses in the plan far longer than what they add: every skill they are counted for taken deeper than the
    role needs, or everything else they teach already known, for hours well over the self-study of what they add
    (measured from the learner's starting depths, which only makes the test more lenient)."""
    known = _known_depths(prof, CATALOG, ())
    need = _needs(roadmap)
    out: list[str] = []
    for stage in roadmap.stages:
        for item in stage.courses:
            course = CATALOG.course_by_id[item.id]
            assigned = [s for s in item.skills if s in need and s in course.teaches]
            if not assigned or course.hours <= 0:
                continue
            ranks = {s: depth_rank(d) for s, d in course.teaches.items()}
            added = sum(self_study_hours(CATALOG.skill_by_id[s].hours, known.get(s, 0), min(ranks[s], need[s]))
                        for s in assigned)
            ratio = course.hours / max(added, 1e-6)
            deeper = all(ranks[s] > need[s] for s in assigned)
            rest = [s for s in ranks if s not in assigned and s in CATALOG.skill_by_id]
            had = sum(CATALOG.skill_by_id[s].hours for s in rest if known.get(s, 0) >= ranks[s])
            unneeded = sum(CATALOG.skill_by_id[s].hours for s in rest if known.get(s, 0) < ranks[s] and s not in need)
            rest_known = all(known.get(s, 0) >= ranks[s] or s not in need for s in rest) and 0 < had >= unneeded
            if (deeper and ratio > OVERSIZED_DEEPER) or (rest_known and ratio > OVERSIZED_REST_KNOWN):
                out.append(f"{item.id} ({course.hours:g} h for {added:g} h of {', '.join(assigned)})")
    return out


def self_study_rule(roadmap: Roadmap) -> list[str]:
    """At most one self-study warning, and it names every skill the plan has the learner study alone."""
    warnings = [w.text for w in roadmap.warnings if w.code == "self-study"]
    alone = [s.name for st_ in roadmap.stages for s in st_.skills if s.self_study]
    problems = [f"{len(warnings)} self-study warnings"] if len(warnings) > 1 else []
    if alone and not warnings:
        problems.append(f"self-study skills {alone} without a warning")
    problems += [f"{name} not in the self-study warning" for name in alone if warnings and name not in warnings[0]]
    for text in warnings:
        problems += _material_claims(text)
    return problems


_SKILL_BY_NAME = {s.name: s.id for s in CATALOG.skills}
_COURSE_BY_TITLE = {c.title: c for c in CATALOG.courses}
_PART = re.compile(r"(?:: |; )(?P<skill>[^;:]+?) to an? (?P<target>basic|working|deep) level, about [\d.]+ h "
                   r"\(draw on the parts of the free (?P<title>.+?) about it"
                   r"(?:, which go to an? (?P<reach>basic|working|deep) level)?")


def _material_claims(text: str) -> list[str]:
    """A free course named as self-study material is described truly: "far more than you need" only when it
    reaches the depth the skill is studied to, and the depth it does reach when it stops short."""
    problems = []
    for found in _PART.finditer(text):
        skill, course = _SKILL_BY_NAME.get(found["skill"]), _COURSE_BY_TITLE.get(found["title"])
        if skill is None or course is None:
            problems.append(f"unreadable self-study part: {found.group(0)}")
            continue
        reach, target = depth_rank(course.teaches.get(skill)), DEPTH_RANK[Depth(found["target"])]
        if found["reach"] is None and reach < target:
            problems.append(f"{course.id} called far more than needed for {skill} but reaches only {reach}")
        if found["reach"] is not None and (reach >= target or DEPTH_RANK[Depth(found["reach"])] != reach):
            problems.append(f"{course.id} said to stop short for {skill} at {found['reach']}")
    return problems


# ---------------------------------------------------------------- a / b. depth reached against hours

def test_no_profile_gets_an_oversized_course() -> None:
    """No plan takes a course far longer than what it adds: a university course reaching deep for a working need,
    or a big course whose every other skill the learner already has (a general CS introduction for a coder)."""
    found = {p.name: oversized_courses(*planned(p)) for p in PROFILES}
    assert not {k: v for k, v in found.items() if v}


learners = st.builds(
    LearnerProfile,
    target_role=st.sampled_from([r.id for r in CATALOG.roles]),
    current_role=st.sampled_from(["student", "data scientist", "data analyst", "database administrator",
                                  "ETL developer", "analytics engineer", "web developer", "teacher", "accountant",
                                  "data engineer", "BI developer", "research scientist"]),
    years_experience=st.sampled_from([None, 0.0, 2.0, 4.0, 10.0]),
    education=st.sampled_from(list(Education)),
    hours_per_week=st.sampled_from([4.0, 10.0, 20.0]),
    budget_usd=st.sampled_from([None, 0.0, 300.0]),
    deadline=st.one_of(st.none(), st.integers(60, 900).map(lambda d: TODAY + timedelta(days=d))),
)


@FEW
@given(learners)
def test_generated_learners_get_no_oversized_course_and_one_self_study_warning(prof: LearnerProfile) -> None:
    """The same two rules for any learner: no oversized course, at most one self-study warning naming them all."""
    roadmap = plan(prof, CATALOG, TODAY)
    assert oversized_courses(prof, roadmap) == []
    assert self_study_rule(roadmap) == []


def test_an_oversized_free_course_is_named_as_material_for_self_study() -> None:
    """When the only courses in reach are oversized, the skill is stated self-study to the depth needed (its hours
    count in the plan) and a free oversized course is named as material to draw on."""
    prof = LearnerProfile(target_role="ml-engineer", current_role="student", years_experience=0,
                          education=Education.high_school, hours_per_week=15, budget_usd=0)
    roadmap = plan(prof, CATALOG, TODAY)
    oversized = [c for c in CATALOG.courses if c.learning_cost(15) == 0 and c.hours > 100
                 and all(depth_rank(d) == DEPTH_RANK[Depth.deep] for d in c.teaches.values())]
    text = " ".join(w.text for w in roadmap.warnings if w.code == "self-study")
    planned_ids = {c.id for s in roadmap.stages for c in s.courses}
    named = [c for c in oversized if c.title in text]
    assert named, "a free deep university course should be named as self-study material"
    assert not {c.id for c in named} & planned_ids
    alone = {s.id: s.hours for st_ in roadmap.stages for s in st_.skills if s.self_study}
    for course in named:
        assert set(course.teaches) & set(alone) and all(alone[s] > 0 for s in set(course.teaches) & set(alone))


# ---------------------------------------------------------------- b / c. what a job title implies

@given(st.sampled_from(DATA_WORDS), st.sampled_from(JOB_WORDS), st.sampled_from(["", "senior ", "lead "]),
       st.floats(2, 30))
def test_a_data_title_implies_sql_by_its_words(data: str, job: str, level: str, years: float) -> None:
    """A job title with a data or database word and a job word implies SQL at a working depth, even one the
    experience table does not name ("ETL developer", "analytics architect")."""
    prof = LearnerProfile(target_role="ml-engineer", current_role=f"{level}{data} {job}", years_experience=years)
    assert experience_skills(prof).get("sql", 0) >= WORKING


@given(st.sampled_from(NON_DATA_TITLES), st.floats(0, 30))
def test_a_title_without_data_words_implies_no_sql(title: str, years: float) -> None:
    """The words rule needs a data word: an office administrator or a civil engineer is not taken for a DBA."""
    prof = LearnerProfile(target_role="ml-engineer", current_role=title, years_experience=years)
    assert experience_skills(prof).get("sql", 0) == 0


@given(st.sampled_from(["data engineer", "senior data engineer", "big data engineer", "data platform engineer"]),
       st.floats(2, 30))
def test_a_data_engineer_knows_docker_sql_and_pipelines_at_working_depth(title: str, years: float) -> None:
    """Data engineers run pipelines in containers on SQL databases every day: working depth in all three."""
    implied = experience_skills(LearnerProfile(target_role="mlops-engineer", current_role=title,
                                               years_experience=years))
    assert all(implied.get(s, 0) >= WORKING for s in ("docker", "sql", "data-pipelines")), implied


@given(st.sampled_from(["ETL developer", "data scientist", "database administrator", "analytics engineer",
                        "data engineer"]),
       st.sampled_from(["sql", "python", "docker", "software-engineering"]),
       st.sampled_from(list(Depth)))
def test_the_learners_stated_depth_wins_over_their_title(title: str, skill: str, depth: Depth) -> None:
    """What the learner says about a skill stands, whatever their title implies."""
    prof = LearnerProfile(target_role="ml-engineer", current_role=title, years_experience=10,
                          known_skills=[skill], skill_depth={skill: depth})
    assert _known_depths(prof, CATALOG, ())[skill] == depth_rank(depth)


def test_people_who_code_or_work_with_data_daily_get_no_general_cs_introduction() -> None:
    """A learner whose job implies a programming language or SQL at working depth is not sent on a beginner course
    that mostly repeats what they have: every beginner course in their plan gives them new skill-hours for at
    least a third of its hours (a data scientist's algorithms are self-study, not CS50x); skills the plan does not
    ask for count as new only where they lack them."""
    problems = []
    for path in PROFILES:
        prof, roadmap = planned(path)
        implied = experience_skills(prof)
        if not any(implied.get(s, 0) >= WORKING for s in ("python", "sql", "java", "r-programming")):
            continue
        known = _known_depths(prof, CATALOG, ())
        need = _needs(roadmap)
        for stage in roadmap.stages:
            for item in stage.courses:
                course = CATALOG.course_by_id[item.id]
                if course.level.value != "beginner" or len(course.teaches) < 3:
                    continue
                # New to them: what it adds up to the depth the plan needs, and what it teaches that the plan
                # does not ask for but they do not have (pandas in a data-cleaning book is no repetition).
                new = sum(self_study_hours(CATALOG.skill_by_id[s].hours, known.get(s, 0),
                                           min(depth_rank(d), need[s]) if s in need else depth_rank(d))
                          for s, d in course.teaches.items())
                if new < course.hours / 3:
                    problems.append(f"{path.name}: {item.id} adds {new:g} h of {course.hours:g}")
    assert not problems


def _off_field(course_id: str, assigned: list[str]) -> bool:
    """A skill the course is counted for lies outside its own field and is no main subject of it."""
    course = CATALOG.course_by_id[course_id]
    skills = CATALOG.skill_by_id
    teaches = [s for s in course.teaches if s in skills]
    home = _home(course, teaches, CATALOG)
    whole = sum(skills[s].hours for s in teaches)
    return bool(assigned) and any(CATEGORY_RANK[skills[s].category] != home
                                  and skills[s].hours / whole < MAIN_SUBJECT_SHARE for s in assigned)


def test_a_course_about_another_field_whose_requirements_the_plan_never_meets_is_not_picked() -> None:
    """A course picked for a skill outside its own field needs what it requires in place by the end of the plan
    (no MLOps course, built on ML fundamentals, for a data engineer's Docker or testing)."""
    problems = []
    checked = 0
    for path in PROFILES:
        prof, roadmap = planned(path)
        known = _known_depths(prof, CATALOG, ())
        for stage in roadmap.stages:
            for item in stage.courses:
                course = CATALOG.course_by_id[item.id]
                if not _off_field(item.id, item.skills):
                    continue
                checked += 1
                reached = dict(known)  # what the learner has or the rest of the plan teaches, by its end
                for other_stage in roadmap.stages:
                    for other in other_stage.courses:
                        for s, d in CATALOG.course_by_id[other.id].teaches.items():
                            if other.id != item.id:
                                reached[s] = max(reached.get(s, 0), depth_rank(d))
                    for skill in other_stage.skills:
                        reached[skill.id] = max(reached.get(skill.id, 0), _needs(roadmap).get(skill.id, 1))
                for ref in course.requires:
                    skill_id, _, depth = ref.partition(":")
                    if depth and reached.get(skill_id, 0) < depth_rank(depth):
                        problems.append(f"{path.name}: {item.id} requires {ref}")
    assert checked and not problems


# ---------------------------------------------------------------- d. one self-study warning

def test_every_profile_has_at_most_one_self_study_warning_naming_every_self_study_skill() -> None:
    """Self-study advice comes as one warning (like the depth-short one), naming each skill studied alone."""
    found = {p.name: self_study_rule(planned(p)[1]) for p in PROFILES}
    assert not {k: v for k, v in found.items() if v}


# ---------------------------------------------------------------- e. the job search alongside the last part of study

@FEW
@given(learners)
def test_the_job_search_starts_in_the_last_part_of_study_and_shares_its_weeks(prof: LearnerProfile) -> None:
    """The job search starts in the last part of the study (never before the last learning stage) and ends with the
    plan; from its start the study left shares every week with it, so the weekly hours stay the learner's and the
    plan ends when the hours say."""
    roadmap = plan(prof, CATALOG, TODAY)
    pace = roadmap.hours_per_week
    job = roadmap.stages[-1]
    learning = [s for s in roadmap.stages if s.kind == "learning"]
    assert job.kind == "job_search"
    begin = job_search_start([s.hours for s in roadmap.stages], [s.kind for s in roadmap.stages], pace)
    if learning:
        assert begin is not None and job.start >= learning[-1].start
        left = sum(s.hours for s in roadmap.stages[:-1]) - begin[0]
        weekly = _hours_shown(pace * job.hours / (job.hours + left)) if job.hours + left > 0 else 0.0
        assert f"about {weekly:g} of your {pace:g} h a week" in job.goal
    assert job.end == roadmap.totals.end_date == max(s.end for s in roadmap.stages)
    # Ending when the hours say: the total at the pace, within the rounding of days.
    assert abs((roadmap.totals.end_date - TODAY).days + 1 - roadmap.totals.hours / pace * 7) <= 1.01
    check_shared_weeks([s.hours for s in roadmap.stages], [s.kind for s in roadmap.stages], pace)


def check_shared_weeks(hours: list[float], kinds: list[str | None], pace: float) -> None:
    """Never more than the weekly hours: the study stages follow one another without a gap or an overlap, at the
    full pace before the job search starts and at the pace less the job search's rate after it; all end together,
    when one stage after another would."""
    spans = _spans(hours, kinds, pace)
    total = sum(hours) / pace
    assert abs(max(f for _, f in spans) - total) < 1e-6
    if kinds[-1] != "job_search" or job_search_start(hours, kinds, pace) is None:
        return
    (job_begin, job_end), job = spans[-1], hours[-1]
    job_rate = job / (job_end - job_begin) if job_end - job_begin > 1e-9 else 0.0
    assert job_rate <= pace * (1 + 1e-6) and abs(job_end - total) < 1e-6
    previous = 0.0
    for h, (b, f) in zip(hours[:-1], spans[:-1], strict=True):
        assert abs(b - previous) < 1e-6, "the study stages follow one another"
        previous = f
        if h <= 1e-9 or f - b <= 1e-9:
            continue
        before = max(0.0, min(f, job_begin) - b)  # weeks of this stage before the job search starts
        after = f - b - before
        if after <= 1e-9 or job_rate == 0:
            assert abs(h - pace * (f - b)) < 1e-6 * max(1.0, h)
        else:
            assert abs(h - pace * before - (pace - job_rate) * after) < 1e-6 * max(1.0, h)


@given(st.lists(st.floats(0, 300), min_size=1, max_size=6), st.floats(0, 200), st.floats(1, 40),
       st.integers(0, 5))
def test_the_shared_weeks_never_exceed_the_pace(hours: list[float], job: float, pace: float, last: int) -> None:
    """Whatever the stage hours, the schedule's spans keep every week at the pace at most, end together, and end
    when one stage after another would."""
    kinds: list[str | None] = ["learning" if i <= last else "portfolio" for i in range(len(hours))]
    check_shared_weeks([*hours, job], [*kinds, "job_search"], pace)
