"""A job named without its years (F3): the person does that job now. The title implies what the first rule of its
words implies at those depths but never deep, a junior title one depth less, a learner's title nothing; stated
years (0 too) and stated depths win; the plan says what it assumed. Checked over every title the experience table
and the data-title words know, over the profile files with their years taken away, and over generated learners."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.catalog import DEPTH_RANK, Depth, depth_rank
from bot.domain.planner import experience_skills, plan, profile_from_data, resolve_role
from bot.domain.planner.jobsearch import ASSUMED_YEARS, learner_title, working_years
from bot.domain.planner.knowledge import (
    EXPERIENCE_SKILLS,
    _by_words,
    _known_depths,
    assumed_job,
    degree_skills,
    job_skills,
)
from bot.domain.profile import Education, LearnerProfile
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY

WORKING = DEPTH_RANK[Depth.working]
# Titles the experience table knows (its words, as people write them) and data titles it reads by their words.
TABLE_TITLES = sorted({w.strip() for rule in EXPERIENCE_SKILLS if not rule.education for w in rule.words if w.strip()})
WORD_TITLES = ["ETL developer", "analytics engineer", "SQL administrator", "BI analyst", "data platform engineer"]
LEARNER_FORMS = ["{} student", "aspiring {}", "{} intern", "learning to be a {}", "future {}", "{} internship"]
JUNIOR_FORMS = ["junior {}", "trainee {}", "{} apprentice", "jr {}", "graduate {}"]


def first_rule_skills(title: str, education: Education | None = None) -> dict[str, int]:
    """What the first rule of each word list naming the title implies, capped at working depth."""
    role = f" {title.lower()} "
    out = dict(_by_words(role))
    seen: set[tuple[str, ...]] = set()
    for rule in EXPERIENCE_SKILLS:
        if rule.words in seen or (rule.education and education not in rule.education):
            continue
        if any(word in role for word in rule.words):
            seen.add(rule.words)
            for skill, depth in rule.skills.items():
                out[skill] = max(out.get(skill, 0), depth)
    return {s: min(d, WORKING) for s, d in out.items()}


@given(st.sampled_from(TABLE_TITLES + WORD_TITLES), st.sampled_from(["", "senior ", "lead "]),
       st.sampled_from([None, *Education]))
def test_a_title_without_years_implies_its_first_rule_never_deep(title: str, level: str,
                                                                 education: Education | None) -> None:
    """Someone who holds a job does it: with years unsaid the title implies its first rule's skills, never deep."""
    prof = LearnerProfile(current_role=f"{level}{title}", education=education)
    implied = experience_skills(prof)
    expected = first_rule_skills(f"{level}{title}", education)
    assert expected, title
    assert all(implied.get(s, 0) >= d for s, d in expected.items()), (title, implied, expected)
    assert all(d <= WORKING for d in job_skills(prof).values()), job_skills(prof)
    degree = degree_skills(prof)  # a doctorate's own maths may be deep; the job never is without years
    assert all(d <= max(WORKING, degree.get(s, 0)) for s, d in implied.items()), implied
    assert assumed_job(prof) and working_years(prof) == ASSUMED_YEARS


@given(st.sampled_from(TABLE_TITLES + WORD_TITLES), st.sampled_from(JUNIOR_FORMS))
def test_a_junior_title_without_years_implies_one_depth_less(title: str, form: str) -> None:
    """A junior, trainee or apprentice title implies one depth less than the same title does (and basic, none)."""
    junior = experience_skills(LearnerProfile(current_role=form.format(title)))
    holder = first_rule_skills(title)
    assert all(junior.get(s, 0) <= max(0, d - 1) for s, d in holder.items()), (form, junior)
    assert all(d < WORKING for d in junior.values())


@given(st.sampled_from(TABLE_TITLES + WORD_TITLES), st.sampled_from(LEARNER_FORMS),
       st.sampled_from([None, 0.0, 2.0, 10.0]))
def test_a_learners_title_implies_nothing(title: str, form: str, years: float | None) -> None:
    """A student, an intern or someone aspiring to a job does not do it yet, whatever the years."""
    prof = LearnerProfile(current_role=form.format(title), years_experience=years)
    assert learner_title(prof.current_role or "")
    assert experience_skills(prof) == {} and not assumed_job(prof)


@pytest.mark.parametrize("title", ["machine learning engineer", "deep learning researcher",
                                   "learning designer", "learning and development specialist", "internal auditor"])
def test_a_job_with_learning_words_is_still_a_job(title: str) -> None:
    """"Machine learning engineer" or "internal auditor" is a job, not a learner's title."""
    assert not learner_title(title)


@given(st.sampled_from(TABLE_TITLES + WORD_TITLES), st.floats(0, 40), st.sampled_from([None, *Education]))
def test_stated_years_win_over_the_assumption(title: str, years: float, education: Education | None) -> None:
    """Stated years (0 included) are read as they are: the assumption only fills in years never said, and a
    stated 0 (or too few years for any rule) implies nothing from the job (a doctorate still implies its maths)."""
    prof = LearnerProfile(current_role=title, years_experience=years, education=education)
    assert not assumed_job(prof) and working_years(prof) == years
    if years < min(r.years for r in EXPERIENCE_SKILLS if not r.education) and education is not Education.phd:
        assert experience_skills(prof) == experience_skills(prof.model_copy(update={"current_role": None}))


@given(st.sampled_from(TABLE_TITLES + WORD_TITLES), st.sampled_from(["sql", "git", "python", "docker", "testing"]),
       st.sampled_from(list(Depth)))
def test_a_stated_depth_wins_over_the_assumption(title: str, skill: str, depth: Depth) -> None:
    prof = LearnerProfile(target_role="ml-engineer", current_role=title, known_skills=[skill],
                          skill_depth={skill: depth})
    assert _known_depths(prof, CATALOG, ())[skill] == depth_rank(depth)


def named_skills(note: str) -> set[str]:
    """The skills an assumption note lists (whole items of its list, "A, B and C")."""
    listed = note.split(": ", 1)[1].split(". ")[0]
    return {s.id for s in CATALOG.skills
            if re.search(rf"(?:^|, | and ){re.escape(s.name)}(?:,| and |$)", listed)}


def without_years(path: object) -> LearnerProfile:
    data = json.loads(path.read_text())  # type: ignore[attr-defined]
    data.pop("years_experience", None)
    return profile_from_data(data, CATALOG)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_a_profile_without_its_years_is_planned_as_someone_doing_the_job(path: object) -> None:
    """Each profile file with its years taken away: the plan says what it assumed (naming the job) exactly when a
    job it knows was named and implies something unsaid, never teaches what the job implies below that depth, and
    never plans more than the same person with no work at all would get (years 0)."""
    prof = without_years(path)
    roadmap = plan(prof, CATALOG, TODAY)
    notes = [w for w in roadmap.warnings if w.code == "assumed-job"]
    unsaid = set(job_skills(prof)) - {*prof.known_skills, *prof.skill_depth}
    assert bool(notes) == (assumed_job(prof) and bool(unsaid))
    if notes:
        assert (prof.current_role or "").strip() in notes[0].text
        # It names what the job implies, not what the degree does.
        named = named_skills(notes[0].text)
        assert named and not named - set(job_skills(prof)), named - set(job_skills(prof))
    implied = experience_skills(prof)
    need = {rs.skill: depth_rank(rs.depth) for rs in resolve_role(roadmap.role_id, CATALOG).required_skills}
    for stage in roadmap.stages:
        for course in stage.courses:
            for skill in course.skills:
                if skill in implied and skill not in prof.skill_depth and skill in need:
                    assert need[skill] > implied[skill], (course.id, skill)
    nothing = plan(prof.model_copy(update={"years_experience": 0.0}), CATALOG, TODAY)
    assert roadmap.totals.hours <= nothing.totals.hours * 1.05 + 1, (roadmap.totals.hours, nothing.totals.hours)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([r.id for r in CATALOG.roles]),
       st.sampled_from(TABLE_TITLES + WORD_TITLES + ["teacher", "nurse", "CS student", "unemployed"]),
       st.sampled_from([None, 0.0, 4.0]), st.sampled_from([3.0, 8.0, 20.0]),
       st.one_of(st.none(), st.integers(60, 900).map(lambda d: TODAY + timedelta(days=d))))
def test_the_plan_says_what_it_assumed(role: str, title: str, years: float | None, hours: float,
                                       deadline: object) -> None:
    """The note about an assumed job appears exactly when the years are unsaid and the job implies something."""
    # (No skills are stated here, so whatever the job implies is unsaid.)
    prof = LearnerProfile(target_role=role, current_role=title, years_experience=years, hours_per_week=hours,
                          deadline=deadline)
    notes = [w for w in plan(prof, CATALOG, TODAY).warnings if w.code == "assumed-job"]
    assert len(notes) == (1 if years is None and job_skills(prof) else 0)


def test_the_hurried_backend_developer_gets_no_general_programming_course() -> None:
    """The finding's learner: "I am a backend dev", Python and SQL, years unsaid: no CS introduction, no Git or
    shell course, no databases course; the plan says it assumed the job."""
    prof = LearnerProfile(target_role="ml-engineer", hours_per_week=8, budget_usd=0, budget_known=True,
                          wants_certificates=False, current_role="backend dev", known_skills=["python", "sql"])
    roadmap = plan(prof, CATALOG, TODAY)
    courses = {c.id for s in roadmap.stages for c in s.courses}
    assert not courses & {"cs50x", "pro-git-book", "mit-missing-semester", "cs50sql", "cs50p"}, courses
    assert any(w.code == "assumed-job" and "backend dev" in w.text for w in roadmap.warnings)


@given(st.sampled_from(["physics", "statistics", "computer science", "mathematics"]),
       st.sampled_from([Education.bachelor, Education.master, Education.phd]),
       st.sampled_from(TABLE_TITLES + WORD_TITLES))
def test_the_assumption_note_names_only_what_the_job_implies(field: str, education: Education, title: str) -> None:
    """The degree's maths is known from the degree, not assumed from the job: the note leaves it out."""
    prof = LearnerProfile(target_role="ml-engineer", current_role=title, education=education, field_of_study=field)
    notes = [w for w in plan(prof, CATALOG, TODAY).warnings if w.code == "assumed-job"]
    assert len(notes) == (1 if job_skills(prof) else 0)
    for note in notes:
        named = named_skills(note.text)
        assert named and named <= set(job_skills(prof)), named - set(job_skills(prof))
