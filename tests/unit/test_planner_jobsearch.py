"""Job-search rules a career coach would sign, over every profile file and over random learners on the shipped
catalog: steps by role family and starting point (no internships or one-page CV for people with years of work,
no "without a PhD" for PhDs, no deployed demo for researchers), an internal move first for experienced people,
no step that repeats a project or contradicts the plan's project count, hours proportionate to the study, the
steps that belong earlier named to start alongside the last learning stage, and no soft-skill course for
professionals who have those skills from work."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import texts
from bot.domain.catalog import DEPTH_RANK, Depth, RoleFamily, Seniority, SkillCategory
from bot.domain.planner import (
    JOB_SEARCH_FLOOR_HOURS,
    JOB_SEARCH_SHARE,
    JOB_SEARCH_START_LEFT,
    PROFESSIONAL_YEARS,
    Roadmap,
    job_search_start,
    plan,
    seniority_label,
    seniority_of,
)
from bot.domain.planner.jobsearch import INDUSTRIES, in_industry, industry_of, related_field
from bot.domain.planner.schedule import _spans
from bot.domain.profile import Education, LearnerProfile
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

STEP = {s.id: s for s in CATALOG.job_search_steps}
STUDENT_ADVICE = re.compile(r"\binterns?(?:hips?)?\b|\bone[- ]page\b|\bnew[- ]grad|\bgraduate programme", re.I)
PROJECT_COUNT = re.compile(r"\b(?:\d+(?:\s*-\s*\d+)?|two|three|four|five)\s+(?:\w+\s+)?(?:projects|analyses)\b", re.I)




ROADMAPS = {p.stem: planned(p) for p in PROFILES}

learners = st.builds(
    LearnerProfile,
    target_role=st.sampled_from([r.id for r in CATALOG.roles]),
    current_role=st.sampled_from([None, "student", "PhD student", "accountant", "nurse", "senior backend engineer",
                                  "postdoctoral researcher", "physicist", "product manager", "teacher",
                                  "data scientist", "web developer", "staff engineer", "UX designer"]),
    years_experience=st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.0, 3.0, 6.0, 9.0, 15.0, 25.0])),
    education=st.one_of(st.none(), st.sampled_from(list(Education))),
    known_skills=st.lists(st.sampled_from([s.id for s in CATALOG.skills]), unique=True, max_size=12),
    hours_per_week=st.sampled_from([1.0, 4.0, 8.0, 15.0, 30.0]),
    budget_usd=st.one_of(st.none(), st.sampled_from([0.0, 300.0])),
)


def job_stage(roadmap: Roadmap) -> Any:
    stage = roadmap.stage("job-search")
    assert stage is not None and roadmap.stages[-1] is stage, "the job search closes every roadmap"
    return stage


def check_job_search(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """Every job-search rule, for one learner and their roadmap."""
    role = CATALOG.role_by_id[roadmap.role_id]
    seniority = seniority_of(prof, role.family)
    assert roadmap.seniority == seniority.value
    stage = job_stage(roadmap)
    ids = [s.id for s in stage.steps]
    projects = {p.id for s in roadmap.stages for p in s.projects}
    for item in stage.steps:
        step = STEP[item.id]
        assert not step.families or role.family in step.families
        assert not step.seniority or seniority in step.seniority
        if seniority is not Seniority.student:
            assert not STUDENT_ADVICE.search(item.text), (item.id, seniority)
        assert not PROJECT_COUNT.search(item.text), (item.id, PROJECT_COUNT.search(item.text))
        assert not set(step.skip_with_projects) & projects, f"{item.id} repeats a project of the plan"
        if role.family is RoleFamily.research:
            assert "deployed" not in item.text.lower(), item.id
            if prof.education is Education.phd:
                assert not re.search(r"(?<!with or )without a phd", item.text, re.I), item.id
    # People with years of work try an internal move first.
    if seniority is not Seniority.student:
        first = "research-collaboration-first" if role.family is RoleFamily.research else "internal-transfer-first"
        assert ids and ids[0] == first, ids
    # Grammatical starting point: "as an experienced professional", never "as a experienced".
    assert f"as {seniority_label(seniority)}:" in stage.goal
    assert not re.search(r"\ba [aeiou]", stage.goal.split(":")[0], re.I), stage.goal
    # Proportionate to the study before it, never more than that study.
    study = sum(s.hours for s in roadmap.stages if s is not stage)
    steps_hours = sum(s.hours for s in stage.steps)
    soft = sum(c.hours for c in stage.courses) + sum(s.hours for s in stage.skills if s.self_study)
    assert steps_hours <= min(study, max(JOB_SEARCH_SHARE * study, JOB_SEARCH_FLOOR_HOURS)) - soft + 1e-6 \
        or not stage.steps
    assert stage.hours <= max(study, soft) + 1e-6
    # The steps that belong earlier are named to start in the stage the job search starts in, from its week.
    learning = [s for s in roadmap.stages if s.kind == "learning"]
    early = [STEP[i].title for i in ids if STEP[i].start_early]
    if early and learning:
        during = [s for s in roadmap.stages[:-1] if s.start <= stage.start and s.hours > 0]
        assert f'week {stage.week_from}, during stage "{during[-1].title}"' in stage.goal, stage.goal
        assert all(t in stage.goal for t in early)
    # No soft-skill course for a professional who has those skills from years of work.
    current = (prof.current_role or "").lower()
    if (prof.years_experience or 0) >= PROFESSIONAL_YEARS and current and "student" not in current:
        for s in roadmap.stages:
            for course in s.courses:
                categories = {CATALOG.skill_by_id[k].category for k in course.skills if k in CATALOG.skill_by_id}
                assert categories != {SkillCategory.professional}, course.id
    check_job_search_start(roadmap)


def check_job_search_start(roadmap: Roadmap) -> None:
    """The job search starts once the learner is into the last part of the study before it: the portfolio has
    begun or at most JOB_SEARCH_START_LEFT of those hours are left, and never before the last learning stage."""
    job, before = roadmap.stages[-1], roadmap.stages[:-1]
    learning = [s for s in before if s.kind == "learning"]
    if job.kind != "job_search" or not learning:
        return
    pace = roadmap.hours_per_week
    starts = [sum(s.hours for s in before[:i]) for i in range(len(before))]
    study = sum(s.hours for s in before)
    portfolio = [starts[i] for i, s in enumerate(before) if s.kind == "portfolio"]
    begun = min([(1 - JOB_SEARCH_START_LEFT) * study, *portfolio])
    point = max(begun, starts[before.index(learning[-1])])
    # A stage that begins within the same day (a day's hours at the pace) is where it starts.
    point = min((s for s in starts if point < s <= point + pace / 7), default=point)
    assert job.start >= learning[-1].start
    # Until the job search starts the study runs at the full pace, so its week says how much study is behind.
    assert job.week_from == int(round(point / pace, 6)) + 1, (job.week_from, point, pace)


@pytest.mark.parametrize("name", sorted(ROADMAPS))
def test_every_profile_gets_a_job_search_a_coach_signs(name: str) -> None:
    check_job_search(*ROADMAPS[name])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(learners)
def test_every_learner_gets_a_job_search_a_coach_signs(prof: LearnerProfile) -> None:
    check_job_search(prof, plan(prof, CATALOG, TODAY))


# ---------------------------------------------------------------- seniority as a coach reads it
@pytest.mark.parametrize(("fields", "expected"), [
    ({"target_role": "ml-researcher", "current_role": "postdoctoral researcher in physics", "years_experience": 5,
      "education": "phd"}, "experienced"),
    ({"target_role": "ml-researcher", "current_role": "physicist", "years_experience": 4, "education": "phd"},
     "experienced"),
    ({"target_role": "ml-researcher", "current_role": "postdoc", "years_experience": 1, "education": "phd"},
     "experienced"),
    ({"target_role": "ml-researcher", "current_role": "research scientist", "years_experience": 10,
      "education": "phd"}, "senior"),
    ({"target_role": "ml-researcher", "current_role": "PhD student", "years_experience": 0, "education": "master"},
     "student"),
    ({"target_role": "deep-learning-engineer", "current_role": "physicist", "years_experience": 4,
      "education": "phd"}, "career_changer"),
    ({"target_role": "ai-product-manager", "current_role": "product manager", "years_experience": 8},
     "senior"),
    ({"target_role": "ai-product-manager", "current_role": "product owner", "years_experience": 4}, "experienced"),
    ({"target_role": "ml-engineer", "current_role": "product manager", "years_experience": 8}, "career_changer"),
    ({"target_role": "data-analyst", "current_role": "accountant", "years_experience": 9}, "career_changer"),
    ({"target_role": "data-scientist", "current_role": "teacher", "years_experience": 20}, "career_changer"),
    ({"target_role": "data-scientist", "current_role": "bootcamp graduate", "years_experience": 0}, "student"),
    ({"target_role": "mlops-engineer", "current_role": "senior backend engineer", "years_experience": 12},
     "senior"),
])
def test_seniority_from_years_education_and_title(fields: dict[str, Any], expected: str) -> None:
    prof = LearnerProfile(hours_per_week=10, **fields)
    role = CATALOG.role_by_id[prof.target_role or ""]
    assert seniority_of(prof, role.family).value == expected
    assert plan(prof, CATALOG, TODAY).seniority == expected


@pytest.mark.parametrize("seniority", list(Seniority))
def test_the_starting_point_reads_grammatically(seniority: Seniority) -> None:
    label = seniority_label(seniority)
    assert label.endswith(texts.PLANNER_SENIORITY_LABELS[seniority.value])
    assert not re.match(r"a [aeiou]", label) and not re.match(r"an [^aeiou]", label)


# ---------------------------------------------------------------- by role family
def steps_for(**fields: Any) -> list[str]:
    return [s.id for s in job_stage(plan(LearnerProfile(hours_per_week=10, **fields), CATALOG, TODAY)).steps]


def test_each_family_prepares_for_its_own_coding_round() -> None:
    engineer = steps_for(target_role="ml-engineer", current_role="student", years_experience=0)
    scientist = steps_for(target_role="data-scientist", current_role="student", years_experience=0)
    researcher = steps_for(target_role="ml-researcher", current_role="postdoc", years_experience=4, education="phd")
    assert "interview-coding" in engineer and "interview-ml-system-design" in engineer
    assert "interview-coding-data" in scientist and "interview-coding" not in scientist
    assert {"interview-product-sense", "interview-experimentation", "interview-statistics"} <= set(scientist)
    assert "interview-coding-research" in researcher and "interview-coding" not in researcher
    assert {"research-statement", "approach-labs", "interview-research"} <= set(researcher)
    assert researcher[0] == "research-collaboration-first" and "internal-transfer-first" not in researcher
    assert not {"experienced-cv", "career-changer-cv", "cv-resume", "portfolio-github"} & set(researcher)


def test_a_product_manager_moves_internally_first_and_is_not_treated_as_a_junior() -> None:
    steps = steps_for(target_role="ai-product-manager", current_role="product manager", years_experience=8)
    assert steps[0] == "internal-transfer-first"
    assert {"product-case-studies", "interview-ai-product", "senior-outreach"} <= set(steps)
    assert not {"internships-new-grad", "cv-resume", "bridging-role", "impact-case-studies"} & set(steps)


def test_a_workshop_paper_is_a_project_or_a_step_never_both() -> None:
    for hours in (8.0, 15.0, 30.0):
        roadmap = plan(LearnerProfile(target_role="ml-researcher", current_role="postdoc", years_experience=4,
                                      education=Education.phd, hours_per_week=hours), CATALOG, TODAY)
        projects = {p.id for s in roadmap.stages for p in s.projects}
        steps = {s.id for s in job_stage(roadmap).steps}
        assert ("research-workshop-paper" in projects) != ("research-publications" in steps)


def test_job_search_hours_shrink_with_seniority_and_stay_within_the_learning() -> None:
    base = {"target_role": "ml-engineer", "hours_per_week": 10, "known_skills": ["python"]}
    changer = job_stage(plan(LearnerProfile(current_role="nurse", years_experience=6, **base), CATALOG, TODAY))
    senior = job_stage(plan(LearnerProfile(current_role="staff engineer", years_experience=15, **base),
                            CATALOG, TODAY))
    assert sum(s.hours for s in senior.steps) < sum(s.hours for s in changer.steps)
    # A learner with little to learn gets a short job search, never longer than the study before it.
    short = plan(LearnerProfile(target_role="data-analyst", current_role="accountant", years_experience=9,
                                hours_per_week=5, known_skills=["sql", "spreadsheets-bi", "data-visualization",
                                                                "statistics", "python", "pandas"]), CATALOG, TODAY)
    stage = job_stage(short)
    study = sum(s.hours for s in short.stages if s is not stage)
    assert stage.hours <= study


def test_professionals_get_no_soft_skill_course_students_may() -> None:
    def soft_courses(**fields: Any) -> list[str]:
        roadmap = plan(LearnerProfile(target_role="data-analyst", hours_per_week=10, budget_usd=500, **fields),
                       CATALOG, TODAY)
        return [c.id for s in roadmap.stages for c in s.courses
                if {CATALOG.skill_by_id[k].category for k in c.skills} == {SkillCategory.professional}]

    assert soft_courses(current_role="accountant", years_experience=9) == []
    assert soft_courses(current_role="postdoctoral researcher", years_experience=4, education=Education.phd) == []
    # A learner who says their communication is basic is taken at their word.
    assert "communication" in {sk.id for s in plan(LearnerProfile(
        target_role="data-analyst", current_role="accountant", years_experience=9, hours_per_week=10,
        skill_depth={"communication": "basic"}), CATALOG, TODAY).stages for sk in s.skills}


def test_a_bridging_role_is_never_the_target_itself() -> None:
    """An accountant aiming at data analyst is not told to aim first for an analyst job: that is the target."""
    for role in CATALOG.roles:
        steps = steps_for(target_role=role.id, current_role="accountant", years_experience=9)
        if role.family in {RoleFamily.analytics, RoleFamily.product}:
            assert "bridging-role" not in steps, role.id
        else:
            assert "bridging-role" in steps, role.id
            assert steps[0] in {"internal-transfer-first", "research-collaboration-first"}, role.id


def test_interview_practice_on_what_the_learner_knows_deeply_takes_half_the_time() -> None:
    def stats_hours(**fields: Any) -> float:
        stage = job_stage(plan(LearnerProfile(target_role="data-scientist", current_role="biostatistician",
                                              years_experience=6, hours_per_week=8, **fields), CATALOG, TODAY))
        return next(s.hours for s in stage.steps if s.id == "interview-statistics")

    deep = stats_hours(known_skills=["statistics", "probability"],
                       skill_depth={"statistics": "deep", "probability": "deep"})
    basic = stats_hours(known_skills=["statistics"], skill_depth={"statistics": "basic"})
    assert deep < basic
    for step in CATALOG.job_search_steps:
        assert set(step.skills) <= set(CATALOG.skill_by_id)


@given(st.lists(st.tuples(st.sampled_from(["learning", "learning", "portfolio", "certification"]),
                          st.floats(0, 400)), min_size=1, max_size=8),
       st.floats(0, 80), st.floats(1, 40))
def test_the_job_search_never_starts_before_most_of_the_study(stages: list[tuple[str, float]], job: float,
                                                              pace: float) -> None:
    """Whatever the stages, the job search starts once the portfolio has begun or at most JOB_SEARCH_START_LEFT
    of the study is left, never before the last learning stage; the study before it runs at the full pace and
    everything ends when the study done one stage after another would."""
    kinds = [k for k, _ in stages] + ["job_search"]
    hours = [round(h, 1) for _, h in stages] + [round(job, 1)]
    begin = job_search_start(hours, kinds, pace)
    if "learning" not in kinds:
        assert begin is None
        return
    assert begin is not None
    point, index = begin
    starts = [sum(hours[:i]) for i in range(len(stages))]
    study = sum(hours[:-1])
    last_learning = max(i for i, k in enumerate(kinds[:-1]) if k == "learning")
    portfolio_begun = any(k == "portfolio" and starts[i] <= point + 1e-9 for i, k in enumerate(kinds[:-1]))
    assert point >= starts[last_learning] - 1e-9
    assert portfolio_begun or point >= (1 - JOB_SEARCH_START_LEFT) * study - 1e-9 or point == starts[last_learning]
    assert starts[index] <= point + 1e-9
    spans = _spans(hours, kinds, pace)
    assert abs(spans[-1][0] - point / pace) < 1e-6
    assert abs(max(end for _, end in spans) - sum(hours) / pace) < 1e-6
    for (begin_week, end_week), h in zip(spans[:-1], hours[:-1], strict=True):
        assert begin_week <= end_week + 1e-9
        if end_week <= point / pace + 1e-9:
            assert abs(end_week - begin_week - h / pace) < 1e-6  # before the job search: the full pace


# ---------------------------------------------------------------- session 4: the learner behind the job search
UNRELATED_TITLES = ["mechanical engineer", "audio engineer", "civil engineer", "nurse", "teacher", "accountant",
                    "translator", "chemical engineer", "sales associate", "lawyer", "electrical engineer",
                    "data entry clerk"]
RELATED_TITLES = ["staff engineer", "senior backend engineer", "software engineer", "database administrator",
                  "data engineer", "web developer", "devops engineer", "machine learning engineer",
                  "solutions architect", "applied scientist"]
SENIOR_ONLY = {"impact-case-studies", "senior-outreach", "interview-senior-loop"}
# Names of particular associations, job boards and employers: they fit no plan in general.
GENERIC_NAMES = re.compile(r"\b(?:AAAI|Data Science Association|Monster|Indeed|AI Job Pro|zengig|Google|Meta|"
                           r"Microsoft|Amazon|Apple|Exponent)\b")
INTERVIEW_STEPS = {s.id for s in CATALOG.job_search_steps if s.id.startswith("interview-") and s.skills}
DEGREE_LINE = texts.PLANNER_JOB_DEGREE_GAP.split("{")[0].strip()
CAREERS = "careers service"

changers = st.builds(
    LearnerProfile,
    target_role=st.sampled_from([r.id for r in CATALOG.roles]),
    current_role=st.sampled_from(UNRELATED_TITLES + RELATED_TITLES),
    years_experience=st.sampled_from([2.0, 5.0, 8.0, 12.0, 25.0]),
    education=st.one_of(st.none(), st.sampled_from(list(Education))),
    known_skills=st.lists(st.sampled_from([s.id for s in CATALOG.skills]), unique=True, max_size=6),
    hours_per_week=st.sampled_from([5.0, 10.0, 20.0]),
)


def check_learner(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """Seniority from related years, interview rounds by the role's skills, the learner's own industry, the
    careers service only at university, the degree line without a degree, no generic names."""
    role = CATALOG.role_by_id[roadmap.role_id]
    seniority = seniority_of(prof, role.family)
    stage = job_stage(roadmap)
    ids = {s.id for s in stage.steps}
    researcher = role.family is RoleFamily.research and prof.education is Education.phd
    if not related_field(prof.current_role, role.family) and not researcher:
        assert seniority in {Seniority.student, Seniority.career_changer}, (prof.current_role, seniority)
        assert not SENIOR_ONLY & ids, ids
        assert texts.PLANNER_SENIORITY_LABELS["senior"] not in stage.goal
    need = {rs.skill: DEPTH_RANK[rs.depth] for rs in role.required_skills}
    for step_id in ids & INTERVIEW_STEPS:
        assert any(need.get(k, 0) >= DEPTH_RANK[Depth.working] for k in STEP[step_id].skills), (role.id, step_id)
    industry = industry_of(prof.current_role)
    for item in stage.steps:
        assert not GENERIC_NAMES.search(item.text), (item.id, GENERIC_NAMES.search(item.text))
        if item.id in {"leverage-domain-expertise", "bridging-role"}:
            others = [i.name for i in INDUSTRIES if industry is None or i.id != industry.id]
            assert not [n for n in others if re.search(rf"\b{re.escape(n)}\b", item.text)], item.text
            if industry is not None:
                assert industry.name in item.text
                own = [p for s in roadmap.stages for p in s.projects
                       if in_industry(CATALOG.project_by_id[p.id], industry)]
                if item.id == "leverage-domain-expertise" and own:
                    assert f'"{own[0].title}"' in item.text, item.text
        if CAREERS in item.text:
            assert prof.education in {Education.bachelor, Education.master, Education.phd}, item.text
    assert (DEGREE_LINE in stage.goal) == (prof.education in {Education.none, Education.high_school,
                                                              Education.bootcamp})


@pytest.mark.parametrize("name", sorted(ROADMAPS))
def test_every_profile_gets_a_job_search_for_who_they_are(name: str) -> None:
    check_learner(*ROADMAPS[name])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changers)
def test_every_generated_learner_gets_a_job_search_for_who_they_are(prof: LearnerProfile) -> None:
    check_learner(prof, plan(prof, CATALOG, TODAY))


@pytest.mark.parametrize("title", UNRELATED_TITLES)
@pytest.mark.parametrize("target", ["ml-engineer", "cv-engineer", "data-scientist", "data-engineer"])
def test_years_in_another_field_make_a_career_changer_however_many(title: str, target: str) -> None:
    prof = LearnerProfile(target_role=target, current_role=title, years_experience=15, hours_per_week=10)
    assert seniority_of(prof, CATALOG.role_by_id[target].family) is Seniority.career_changer
    steps = steps_for(target_role=target, current_role=title, years_experience=15)
    assert "leverage-domain-expertise" in steps and not SENIOR_ONLY & set(steps)


@pytest.mark.parametrize("title", RELATED_TITLES)
def test_years_in_a_related_field_count(title: str) -> None:
    prof = LearnerProfile(target_role="mlops-engineer", current_role=title, years_experience=10, hours_per_week=10)
    assert seniority_of(prof, RoleFamily.engineering) is Seniority.senior


def test_each_role_gets_the_interview_rounds_of_its_own_work() -> None:
    data_engineer = steps_for(target_role="data-engineer", current_role="database administrator",
                              years_experience=14)
    assert "interview-data-engineering" in data_engineer
    assert not {"interview-ml-fundamentals", "interview-ml-system-design"} & set(data_engineer)
    analyst = steps_for(target_role="data-analyst", current_role="nurse", years_experience=5)
    assert {"interview-sql-analytics", "interview-analytics-case"} <= set(analyst)
    assert not {"interview-ml-fundamentals", "interview-ml-system-design", "interview-data-engineering"} & set(analyst)
    engineer = steps_for(target_role="ml-engineer", current_role="student", years_experience=0)
    assert {"interview-ml-fundamentals", "interview-ml-system-design"} <= set(engineer)
    assert "interview-data-engineering" not in engineer


@pytest.mark.parametrize(("title", "industry"), [
    ("nurse", "healthcare"), ("ICU nurse", "healthcare"), ("senior accountant", "finance"),
    ("high school maths teacher", "education"), ("translator", "language"), ("interpreter", "language"),
    ("mechanical engineer", "manufacturing"), ("sales associate", "retail"), ("paralegal", "law"),
    ("warehouse supervisor", "logistics"), ("pharmacist", "healthcare"),
    ("software engineer", None), ("data analyst", None), ("student", None), (None, None),
    ("staff engineer", None), ("PhD student in biology", None),
])
def test_a_title_names_its_industry(title: str | None, industry: str | None) -> None:
    found = industry_of(title)
    assert (found.id if found else None) == industry


def test_a_career_changer_gets_a_project_from_their_industry_when_one_fits() -> None:
    """The same learner with a title that names an industry never has fewer projects from it than with a
    title naming none, and for some roles the catalog's industry project comes in (accountant: finance data)."""
    gained = 0
    for role in CATALOG.roles:
        for title in ("accountant", "translator", "mechanical engineer", "nurse", "sales associate", "teacher"):
            industry = industry_of(title)
            assert industry is not None
            prof = LearnerProfile(target_role=role.id, current_role=title, years_experience=9, hours_per_week=10)
            mine = plan(prof, CATALOG, TODAY)
            plain = plan(prof.model_copy(update={"current_role": "office clerk"}), CATALOG, TODAY)

            def count(roadmap: Roadmap) -> int:
                return sum(1 for s in roadmap.stages for p in s.projects
                           if in_industry(CATALOG.project_by_id[p.id], industry))  # noqa: B023

            assert count(mine) >= count(plain), (role.id, title)
            gained += count(mine) > count(plain)
    assert gained > 0



@pytest.mark.parametrize("title", ["nurse", "pharmacist", "accountant", "auditor", "teacher", "lecturer",
                                   "marketing manager"])
@pytest.mark.parametrize("role", ["data-analyst", "data-scientist"])
@pytest.mark.parametrize("hours", [4.0, 10.0, 20.0])
def test_a_career_changer_into_analytics_gets_a_project_on_their_industrys_data(title: str, role: str,
                                                                               hours: float) -> None:
    """The industries whose people most often move into analytics (healthcare, finance, education, marketing) have
    an analyst and a data-science project of their own, so a nurse, an accountant or a teacher moving into data
    analysis or data science has one in the portfolio, whatever their pace, and never two on the same data."""
    industry = industry_of(title)
    assert industry is not None
    prof = LearnerProfile(target_role=role, current_role=title, years_experience=6, hours_per_week=hours)
    ids = [p.id for s in plan(prof, CATALOG, TODAY).stages for p in s.projects]
    own = [i for i in ids if in_industry(CATALOG.project_by_id[i], industry)]
    assert own, (role, title, ids)
    assert len(ids) == len(set(ids))


def test_the_careers_service_is_for_university_people_only() -> None:
    school = steps_text(target_role="ml-engineer", current_role="student", years_experience=0,
                        education="high_school")
    university = steps_text(target_role="ml-engineer", current_role="student", years_experience=0,
                            education="bachelor")
    assert CAREERS not in school and texts.PLANNER_JOB_STEP_NO_CAREERS_SERVICE.strip() in school
    assert CAREERS in university


def steps_text(**fields: Any) -> str:
    return " ".join(s.text for s in job_stage(plan(LearnerProfile(hours_per_week=10, **fields), CATALOG,
                                                   TODAY)).steps)
