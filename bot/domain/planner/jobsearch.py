"""Seniority and the job search: job-search steps and the closing stage."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Depth,
    JobSearchStep,
    Role,
    RoleFamily,
    Seniority,
)
from bot.domain.planner.constants import SENIOR_YEARS
from bot.domain.planner.models import CourseItem, ProjectItem, SkillItem, StepItem, _Context
from bot.domain.planner.schedule import _floor, _hours, _stage_hours, job_search_start
from bot.domain.planner.wording import _article
from bot.domain.profile import Education, LearnerProfile
from bot.domain.progress import item_key

STUDENT_YEARS = 2.0
TECH_WORDS = ("engineer", "developer", "programmer", "software", "data", "analyst", "scientist", "devops", "sre",
              "architect", "it ", "backend", "frontend", "full stack", "web", "ml", "machine learning", "research")
STEP_HOURS_FACTOR: dict[Seniority, float] = {
    Seniority.student: 1.0, Seniority.career_changer: 1.1, Seniority.experienced: 0.9, Seniority.senior: 0.75,
}


# Words in a current job title that carry over to a role family, on top of the technical ones.
FAMILY_WORDS: dict[RoleFamily, tuple[str, ...]] = {
    RoleFamily.product: ("product", "designer", "ux", "user research"),
    RoleFamily.research: ("postdoc", "professor", "lecturer", "phd"),
}
PROFESSIONAL_YEARS = 3.0  # years of work that teach communication and business sense at a working level
JOB_SEARCH_SHARE = 0.35  # the job search takes at most this share of the study hours before it...
JOB_SEARCH_FLOOR_HOURS = 60.0  # ...or this much when that share is smaller, but never more than the study itself
MIN_STEP_HOURS = 0.5
KNOWN_STEP_FACTOR = 0.5  # a refresher, not a course: interview practice on what the learner knows deeply


# A title that says its holder is still learning the job implies no work, whatever the years ("CS student",
# "ML intern", "aspiring data scientist", "learning Python"); "machine learning engineer" or "learning designer"
# is a job, not a learner.
_LEARNER_TITLE = re.compile(
    r"\b(?:students?|interns?|internship|aspiring|wannabe|would-be|future)\b"
    r"|(?<!machine )(?<!deep )(?<!reinforcement )(?<!statistical )(?<!e-)\b(?:learning|studying)\b"
    r"(?!\s*(?:and|&|engineer|scientist|designer|specialist|researcher|manager|lead|consultant|analyst|architect"
    r"|developer|officer|coordinator|technologist|partner)\b)")
# A title of someone starting out: with years unsaid it counts as less than a working professional's.
_JUNIOR_TITLE = re.compile(r"\b(?:junior|jr|trainee|apprentice|entry[- ]level|graduate)\b")
# Words that say there is no job now, whatever else the answer holds.
_NO_JOB = re.compile(r"\b(?:unemployed|jobless|retired|none|nothing|not working|between jobs|no job|looking for)\b")
# Years a job held now counts as when the learner does not say: the entry rules of what a job implies
# (knowledge.EXPERIENCE_SKILLS) take two or three years, and three make a working professional.
ASSUMED_YEARS = PROFESSIONAL_YEARS
ASSUMED_JUNIOR_YEARS = 1.0


def learner_title(role: str) -> bool:
    """Whether a job title says its holder is still learning the job (a student, an intern, an aspiring one)."""
    return bool(_LEARNER_TITLE.search(role.lower()))


def junior_title(role: str) -> bool:
    """Whether a job title says its holder is starting out (junior, trainee, apprentice, graduate)."""
    return bool(_JUNIOR_TITLE.search(role.lower()))


def working_years(profile: LearnerProfile) -> float:
    """Years of work to read a profile by: the stated years (0 included); with years unsaid, a job held now counts
    as ASSUMED_YEARS (a junior one as ASSUMED_JUNIOR_YEARS; a student's, intern's or none as no work)."""
    if profile.years_experience is not None:
        return profile.years_experience
    role = (profile.current_role or "").strip().lower()
    if not role or learner_title(role) or _NO_JOB.search(role):
        return 0.0
    return ASSUMED_JUNIOR_YEARS if junior_title(role) else ASSUMED_YEARS


def seniority_of(profile: LearnerProfile, family: RoleFamily | None = None) -> Seniority:
    """Where the job search starts from, as a coach reads years, education and title: students and under two
    years of work are students; 8+ years in a role that carries over to the target family is senior, fewer is
    experienced; years outside it make a career changer. A PhD is research experience for research roles and a
    product manager's years count for product roles."""
    years = working_years(profile)
    current = (profile.current_role or "").lower()
    words = TECH_WORDS + FAMILY_WORDS.get(family, ()) if family is not None else TECH_WORDS
    relevant = any(word in f"{current} " for word in words)
    # A doctorate is years of research: a postdoc or PhD physicist is an experienced researcher, not a student.
    researcher = family is RoleFamily.research and profile.education is Education.phd and "student" not in current
    if researcher:
        return Seniority.senior if years >= SENIOR_YEARS else Seniority.experienced
    if "student" in current or not current or years < STUDENT_YEARS:
        return Seniority.student
    if not relevant:
        # Nine years as an accountant make a career changer, not a senior ML candidate.
        return Seniority.career_changer
    return Seniority.senior if years >= SENIOR_YEARS else Seniority.experienced


def seniority_label(seniority: Seniority) -> str:
    """'as a career changer', 'as an experienced professional': the starting point with its article."""
    label = texts.PLANNER_SENIORITY_LABELS[seniority.value]
    return f"{_article(label)} {label}"


def _job_search_stage(role: Role, seniority: Seniority, before: list[dict[str, Any]], projects: list[ProjectItem],
                      catalog: Catalog, ctx: _Context, soft_skills: list[SkillItem],
                      soft_courses: list[CourseItem], known: Mapping[str, int], pace: float,
                      ) -> dict[str, Any] | None:
    """The job search for the role's family and the learner's starting point, proportionate to the study before
    it (never more than that study); it starts in the last part of the study (schedule.job_search_start, the
    schedule shares the weeks) and says so, with its share of the weekly hours and the steps to begin with."""
    study = sum(_stage_hours(r) for r in before)
    soft = sum(c.hours for c in soft_courses) + sum(s.hours for s in soft_skills if s.self_study)
    budget = min(study, max(JOB_SEARCH_SHARE * study, JOB_SEARCH_FLOOR_HOURS)) - soft
    steps, early = _job_steps(role, seniority, catalog, ctx, [p.id for p in projects], budget, known)
    steps = [s.model_copy(update={"hours": _hours(s.hours)}) for s in steps]  # whole or half hours, as shown
    if not (steps or soft_skills or soft_courses):
        return None
    what = texts.PLANNER_JOB_SEARCH_WHAT
    if soft_skills:
        what = ", ".join(s.name.lower() for s in soft_skills) + ", " + what
    goal = texts.PLANNER_GOAL_JOB_SEARCH_FOR.format(article=_article(role.name), role=role.name,
                                                    seniority=seniority_label(seniority), what=what)
    mine = sum(s.hours for s in steps) + sum(c.hours for c in soft_courses) + \
        sum(s.hours for s in soft_skills if s.self_study)
    hours = [_stage_hours(r) for r in before]
    begin = job_search_start([*hours, mine], [*(r.get("kind") for r in before), "job_search"])
    if begin is not None:
        # The schedule gives the job search this share of every week from `point` on (schedule.job_search_start).
        point, index = begin
        together = mine + sum(hours) - point
        weekly = _hours(pace * mine / together) if together > 0 else 0.0
        goal += texts.PLANNER_GOAL_JOB_SEARCH_FROM.format(stage=before[index]["title"],
                                                               week=_floor(point / pace) + 1, hours=weekly, pace=pace)
        if early:
            goal += texts.PLANNER_GOAL_JOB_SEARCH_BEGIN.format(steps="; ".join(early))
    return {"id": "job-search", "kind": "job_search", "title": texts.PLANNER_STAGE_TITLES["job-search"],
            "goal": goal, "skills": soft_skills, "courses": soft_courses, "steps": steps}


def _job_steps(role: Role, seniority: Seniority, catalog: Catalog, ctx: _Context,
               projects: Iterable[str] = (), budget: float | None = None,
               known: Mapping[str, int] | None = None) -> tuple[list[StepItem], list[str]]:
    """The job-search steps for the role's family and the learner's starting point, hours scaled to it and held
    within `budget` hours; also the titles of the steps that start alongside the last learning stage.
    A step a planned project already does (a workshop paper) is left out; one rehearsing what the learner knows
    deeply (statistics interviews for a statistician) takes half the time."""
    factor = STEP_HOURS_FACTOR[seniority]
    planned = set(projects)
    picked: list[tuple[JobSearchStep, float]] = []
    for s in sorted(catalog.job_search_steps, key=lambda s: (s.order, s.id)):
        if item_key("step", s.id) in ctx.exclude:
            continue
        if s.families and role.family not in s.families:
            continue
        if s.seniority and seniority not in s.seniority:
            continue
        if planned & set(s.skip_with_projects):
            continue
        deep = bool(s.skills) and all((known or {}).get(k, 0) >= DEPTH_RANK[Depth.deep] for k in s.skills)
        picked.append((s, s.hours * factor * (KNOWN_STEP_FACTOR if deep else 1.0)))
    raw = sum(h for _, h in picked)
    if budget is not None and raw > budget:
        # Proportionate to the learning: every step keeps its share, in half hours, none below half an hour;
        # when even that is too much, the last steps go (only for plans of a few hours).
        scale = max(budget, 0.0) / raw
        picked = [(s, max(MIN_STEP_HOURS, math.floor(h * scale * 2) / 2)) for s, h in picked]
        while picked and sum(h for _, h in picked) > budget + 1e-9:
            picked.pop()
    out = [StepItem(id=s.id, text=texts.PLANNER_STEP.format(title=s.title, description=s.description),
                    hours=round(h, 1)) for s, h in picked]
    early = [s.title for s, _ in picked if s.start_early]
    return out, early
