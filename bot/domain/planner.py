"""The planner: a personal, explained, scheduled roadmap from a learner profile and the catalog (pure)."""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from rapidfuzz import fuzz, process

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Certification,
    Course,
    Depth,
    Domain,
    HoursBasis,
    JobSearchStep,
    Level,
    Project,
    Role,
    RoleFamily,
    SalaryBand,
    Seniority,
    SkillCategory,
    Status,
    depth_rank,
)
from bot.domain.profile import MIN_HOURS_PER_WEEK as PROFILE_MIN_HOURS
from bot.domain.profile import Education, LearnerProfile
from bot.domain.progress import ProgressEvent, done_items, item_key
from bot.domain.understanding import named_ids, understand

DEFAULT_HOURS_PER_WEEK = 10.0
DEFAULT_LANGUAGE = "en"
MAX_SENSIBLE_HOURS_PER_WEEK = 80.0
MAX_PROJECTS = 3
MAX_CERTIFICATIONS = 2
# One dollar weighs as much as six minutes of study when comparing courses: time is the scarcer resource
# for most learners, but a free course should still beat a slightly shorter paid one.
COST_WEIGHT_HOURS_PER_USD = 0.1
# In course choice a dollar weighs half an hour: a free course that fits beats a paid one of similar length, and
# a $10,000 bootcamp never wins on breadth alone.
FIT_COST_WEIGHT_HOURS_PER_USD = 0.5
# Preference factors multiply a course's price per covered skill-hour (lower is better).
CERTIFICATE_FACTOR = 0.8
ALREADY_PLANNED_FACTOR = 0.5
# Observed pace replaces the planned one only when it differs by more than this share, and only after
# enough time has passed for the figure to mean something.
PACE_TOLERANCE = 0.25
PACE_MIN_DAYS = 14
# A skill name this close (0-100) to a known one is a typo to point out, not other experience.
TYPO_SCORE = 85
CERT_NAME_SCORE = 90

StageKind = Literal["learning", "portfolio", "certification", "job_search"]
ItemKind = Literal["skill", "course", "project", "cert", "step"]

# Learning stages in order: (stage id, title, goal lead, skill categories).
_LEARNING_STAGE_CATEGORIES: tuple[tuple[str, tuple[SkillCategory, ...]], ...] = (
    ("learning-foundations", (SkillCategory.programming, SkillCategory.math)),
    ("learning-data", (SkillCategory.data,)),
    ("learning-core-ml", (SkillCategory.ml,)),
    ("learning-deep-learning", (SkillCategory.deep_learning,)),
    ("learning-specialisation", (SkillCategory.nlp, SkillCategory.cv, SkillCategory.llm, SkillCategory.research)),
    ("learning-engineering", (SkillCategory.mlops, SkillCategory.engineering)),
)
LEARNING_STAGES: tuple[tuple[str, str, str, tuple[SkillCategory, ...]], ...] = tuple(
    (stage_id, texts.PLANNER_STAGE_TITLES[stage_id], texts.PLANNER_STAGE_GOALS[stage_id], categories)
    for stage_id, categories in _LEARNING_STAGE_CATEGORIES
)
# Soft skills (communication) are learnt with the job search, never as a technical stage of their own.
JOB_RANK = len(LEARNING_STAGES)
CATEGORY_RANK: dict[SkillCategory, int] = {
    category: rank for rank, (_, _, _, categories) in enumerate(LEARNING_STAGES) for category in categories
} | {SkillCategory.professional: JOB_RANK}
LEVEL_RANK = {Level.beginner: 0, Level.intermediate: 1, Level.advanced: 2}


class PlanError(ValueError):
    """The profile cannot be planned (unknown role, unreadable profile file); the message is one clear line."""


# ---------------------------------------------------------------- roadmap model
class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SkillItem(_Model):
    """A skill of the gap and why it is there."""

    id: str
    name: str
    why: str
    hours: float = Field(description="estimated hours to learn it")
    self_study: bool = Field(False, description="no chosen course teaches it: study from free resources")


class CourseRef(_Model):
    """A course offered as the alternative of a chosen one."""

    id: str
    title: str
    provider: str
    url: str
    cost_usd: float
    hours: float
    why: str


class CourseItem(_Model):
    """A chosen course, the gap skills it covers and why it was picked."""

    id: str
    title: str
    provider: str
    url: str
    cost_usd: float
    hours: float
    skills: list[str] = Field(description="gap skill ids it covers")
    why: str
    level: Level
    certificate: bool
    alternative: CourseRef | None = None
    verified_on: date | None = Field(None, description="when the course's facts were last checked; None = not yet")
    certificate_cost_usd: float | None = Field(None, description="what its certificate costs at the learner's pace, "
                                               "when they want certificates; None = none planned")
    certificate_note: str = Field("", description="free certificate, certificate $N, audit only, no certificate")
    about: bool = Field(False, description="the hours are an estimate (say 'about')")
    reaches: dict[str, str] = Field(default={}, description="depth it takes each of its skills to")


class CertificationItem(_Model):
    """A certification to prepare and pass."""

    id: str
    name: str
    issuer: str
    url: str
    cost_usd: float
    prep_hours: float
    status: Status
    why: str = ""


class ProjectItem(_Model):
    """A portfolio project fitted to role and domain."""

    id: str
    title: str
    description: str
    hours: float
    skills: list[str]
    why: str = ""
    end_to_end: bool = False


class StepItem(_Model):
    """One job-search step."""

    id: str
    text: str
    hours: float


class Stage(_Model):
    """One stage of the roadmap with its dates and items."""

    id: str
    index: int
    kind: StageKind
    title: str
    goal: str
    start: date
    end: date
    week_from: int
    week_to: int
    hours: float
    skills: list[SkillItem] = []
    courses: list[CourseItem] = []
    certifications: list[CertificationItem] = []
    projects: list[ProjectItem] = []
    steps: list[StepItem] = []


class Totals(_Model):
    """Totals of the whole roadmap."""

    hours: float
    cost_usd: float
    weeks: int
    start: date
    end_date: date
    fits_deadline: bool
    fits_budget: bool


class Droppable(_Model):
    """An optional item the learner could drop to meet a deadline or a budget."""

    key: str
    title: str
    hours: float
    cost_usd: float


class DeadlineExplanation(_Model):
    """Why the deadline is not met and the three ways out."""

    deadline: date
    hours_per_week: float
    hours_per_week_needed: float | None = Field(description="None when the deadline is already past")
    earliest_date: date
    drop: list[Droppable]
    fits_after_dropping: bool
    text: str
    severe: bool = Field(False, description="needs over 40 h/week or more than twice the learner's pace")
    accept_date: date | None = Field(None, description="the earliest date at the learner's pace, to accept")
    advice: list[str] = Field(default=[], description="the ways out, most actionable first")
    adjacent_role: str | None = Field(None, description="a neighbouring role reachable by the deadline")
    adjacent_hours: float | None = None


class BudgetExplanation(_Model):
    """Why the budget is not met and the ways out."""

    budget_usd: float
    cost_usd: float
    over_by_usd: float
    drop: list[Droppable]
    fits_after_dropping: bool
    text: str


class Explanations(_Model):
    """Ways out when the deadline or the budget is not met (None when it is)."""

    deadline: DeadlineExplanation | None = None
    budget: BudgetExplanation | None = None


class PlanWarning(_Model):
    """A warning the learner sees, with a stable code for programs (deadline-missed, budget-over...)."""

    code: str
    text: str

    def __str__(self) -> str:
        return self.text


class RoadmapItem(_Model):
    """One markable item of a roadmap."""

    key: str
    kind: ItemKind
    title: str
    hours: float
    stage_id: str


class Roadmap(_Model):
    """A learner's roadmap: ordered, explained, scheduled stages plus totals and warnings."""

    profile: LearnerProfile
    role_id: str
    role_name: str
    domain_id: str | None = None
    domain_name: str | None = None
    planned_on: date
    started_on: date = Field(description="date of the first plan; re-plans keep it to measure pace")
    hours_per_week: float = Field(description="pace the schedule uses")
    stages: list[Stage]
    totals: Totals
    warnings: list[PlanWarning] = []
    notices: list[str] = []
    changes: list[str] = []
    salary: list[SalaryBand] = []
    explanations: Explanations = Explanations()
    seniority: str | None = Field(None, description="student, career_changer, experienced or senior")

    @field_validator("warnings", mode="before")
    @classmethod
    def _plain_warnings(cls, value: Any) -> Any:
        """Roadmaps stored before warnings had codes hold plain strings."""
        if isinstance(value, list):
            return [{"code": "note", "text": v} if isinstance(v, str) else v for v in value]
        return value

    def warning_texts(self) -> list[str]:
        """The warnings as the learner reads them."""
        return [w.text for w in self.warnings]

    def stage(self, stage_id: str) -> Stage | None:
        """The stage with this id, or None."""
        return next((s for s in self.stages if s.id == stage_id), None)

    def items(self) -> list[RoadmapItem]:
        """Every markable item (skills, courses, certifications, projects, steps) in roadmap order.

        Built once per roadmap and kept (outside the fields, so equality and dumps ignore it) for as long
        as `stages` is the same list: a roadmap is not edited in place once made (re-plans and
        `model_copy(update=...)` make new objects), and a new `stages` list is detected.
        """
        cached = self.__dict__.get("_items")
        if cached is not None and cached[0] is self.stages:
            return list(cached[1])
        built = _roadmap_items(self.stages)
        self.__dict__["_items"] = (self.stages, built)
        return list(built)


_ITEM_FIELDS = frozenset(("key", "kind", "title", "hours", "stage_id"))
_set = object.__setattr__


def _item(key: str, kind: str, title: str, hours: float, stage_id: str) -> RoadmapItem:
    """A RoadmapItem from validated stage data: what `RoadmapItem.model_construct` makes, without its overhead
    (every field given, no defaults, no aliases, no extra, no private attributes, no post-init)."""
    item = RoadmapItem.__new__(RoadmapItem)
    _set(item, "__dict__", {"key": key, "kind": kind, "title": title, "hours": hours, "stage_id": stage_id})
    _set(item, "__pydantic_fields_set__", set(_ITEM_FIELDS))
    _set(item, "__pydantic_extra__", None)
    _set(item, "__pydantic_private__", None)
    return item


def _roadmap_items(stages: list[Stage]) -> list[RoadmapItem]:
    """The markable items of the stages, from validated stage data (no need to validate again)."""
    out: list[RoadmapItem] = []
    make = _item
    for st in stages:
        sid = st.id
        for sk in st.skills:
            out.append(make(item_key("skill", sk.id), "skill", sk.name, sk.hours, sid))
        for co in st.courses:
            out.append(make(item_key("course", co.id), "course", co.title, co.hours, sid))
        for ce in st.certifications:
            out.append(make(item_key("cert", ce.id), "cert", ce.name, ce.prep_hours, sid))
        for pr in st.projects:
            out.append(make(item_key("project", pr.id), "project", pr.title, pr.hours, sid))
        for sp in st.steps:
            out.append(make(item_key("step", sp.id), "step", sp.text, sp.hours, sid))
    return out


# ---------------------------------------------------------------- planning context
@dataclass(frozen=True)
class _Context:
    """What a re-plan carries over into planning (empty for a first plan)."""

    extra_known: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()  # progress keys already done
    prefer_courses: frozenset[str] = frozenset()
    pace: float | None = None
    started_on: date | None = None
    done_projects: int = 0
    done_certs: int = 0
    nested: bool = False  # planning an adjacent role for deadline advice: no advice of its own
    course_depths: tuple[tuple[str, int], ...] = ()  # (skill, depth) learnt from finished courses
    put_back: frozenset[str] = frozenset()  # courses the learner un-marked: kept in the plan
    skills_back: frozenset[str] = frozenset()  # skills the learner un-marked: never implied known


def _article(noun: str) -> str:
    """'a' or 'an' by how the noun is spoken: an NLP engineer, an ML engineer, a data scientist."""
    first = noun.split()[0] if noun.split() else noun
    # Initialisms are spelled out letter by letter: F, H, L, M, N, R, S, X sound like a vowel.
    if len(first) > 1 and first[:2].isupper():
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[:1].lower() in "aeiou" else "a"


def plan(profile: LearnerProfile, catalog: Catalog, today: date) -> Roadmap:
    """Plan a roadmap for a profile; raise PlanError when the target role is missing or unknown."""
    return _plan(profile, catalog, today, _Context())


def replan(roadmap: Roadmap, progress: list[ProgressEvent], catalog: Catalog, today: date) -> Roadmap:
    """Re-plan from today: drop done items, use the observed pace when it differs, say what changed."""
    done = done_items(progress)
    done_ids = {kind: {k.split(":", 1)[1] for k in done if k.startswith(kind + ":")} for kind in
                ("skill", "course", "project", "cert", "step")}
    known = set(done_ids["skill"])
    # A course the learner marked done and then put back is theirs to take again: the re-plan keeps it.
    put_back = {e.item.split(":", 1)[1] for e in progress if e.item.startswith("course:") and e.done} - \
        done_ids["course"]
    # Likewise a skill put back is to learn again, whatever finished skills would imply.
    skills_back = {e.item.split(":", 1)[1] for e in progress if e.item.startswith("skill:") and e.done} - \
        done_ids["skill"]
    # A finished course takes its skills only as deep as it teaches them (a basic git chapter is not Pro Git).
    learnt: dict[str, int] = {}
    for course_id in done_ids["course"]:
        course = catalog.course_by_id.get(course_id)
        if course is not None:
            for skill_id, depth in course.teaches.items():
                learnt[skill_id] = max(learnt.get(skill_id, 0), depth_rank(depth))
    old_projects = {p.id for s in roadmap.stages for p in s.projects}
    old_certs = {c.id for s in roadmap.stages for c in s.certifications}
    started_on = roadmap.started_on
    planned_pace = roadmap.hours_per_week
    changes: list[str] = []
    pace: float | None = planned_pace
    elapsed_days = (today - started_on).days
    done_hours = _done_hours(progress, done, roadmap, catalog)
    if elapsed_days >= PACE_MIN_DAYS and done_hours > 0:
        observed = min(round(done_hours / (elapsed_days / 7), 1), MAX_SENSIBLE_HOURS_PER_WEEK)
        if observed > 0 and abs(observed - planned_pace) > PACE_TOLERANCE * planned_pace:
            pace = observed
            changes.append(texts.PLANNER_CHANGE_PACE.format(observed=observed, planned=planned_pace))
    ctx = _Context(
        extra_known=frozenset(known), course_depths=tuple(sorted(learnt.items())), put_back=frozenset(put_back),
        skills_back=frozenset(skills_back),
        exclude=frozenset(done),
        prefer_courses=frozenset({c.id for s in roadmap.stages for c in s.courses} | put_back),
        pace=pace,
        started_on=started_on,
        done_projects=len(done_ids["project"] & (old_projects | set(catalog.project_by_id))),
        done_certs=len(done_ids["cert"] & (old_certs | set(catalog.certification_by_id))),
    )
    new = _plan(roadmap.profile, catalog, today, ctx)
    changes.extend(_diff(roadmap, new, done))
    return new.model_copy(update={"changes": changes})


def keep_progress(
    fresh: Roadmap, started_on: date, progress: list[ProgressEvent], catalog: Catalog, today: date
) -> Roadmap:
    """A plan made from changed answers, minus what the learner has done, still starting on `started_on`.

    The re-plan runs on the fresh plan's own start (today), so the pace the learner just chose is kept
    rather than replaced by the pace observed so far; the stored plan then keeps the first plan's start,
    from which later progress re-plans measure the pace.
    """
    if progress:
        fresh = replan(fresh, progress, catalog, today)
    return fresh.model_copy(update={"started_on": min(started_on, fresh.started_on)})


def _done_hours(progress: list[ProgressEvent], done: set[str], roadmap: Roadmap, catalog: Catalog) -> float:
    """Hours spent on done items: the learner's own figure where given, else the item's estimate."""
    said: dict[str, float] = {}
    for event in progress:
        if event.done and event.hours is not None:
            said[event.item] = event.hours
    planned = {i.key: i.hours for i in roadmap.items()}
    total = 0.0
    for key in sorted(done):
        if key in said:
            total += said[key]
        elif key in planned:
            total += planned[key]
        else:
            total += _catalog_hours(key, catalog)
    return total


def _catalog_hours(key: str, catalog: Catalog) -> float:
    """Estimated hours of an item by its progress key (0 when unknown)."""
    kind, _, entry_id = key.partition(":")
    entry = catalog.get(entry_id)
    if entry is None:
        return 0.0
    if kind == "cert":
        return float(getattr(entry, "prep_hours", 0.0))
    return float(getattr(entry, "hours", 0.0))


def _diff(old: Roadmap, new: Roadmap, done: set[str]) -> list[str]:
    """Plain sentences describing what a re-plan changed."""
    old_items = {i.key: i for i in old.items()}
    new_items = {i.key: i for i in new.items()}
    out: list[str] = []
    finished = [old_items[k].title for k in old_items if k in done]
    if finished:
        out.append(texts.PLANNER_CHANGE_DONE.format(titles=", ".join(finished)))
    removed = [old_items[k].title for k in old_items if k not in new_items and k not in done]
    if removed:
        out.append(texts.PLANNER_CHANGE_REMOVED.format(titles=", ".join(removed)))
    added = [new_items[k].title for k in new_items if k not in old_items]
    if added:
        out.append(texts.PLANNER_CHANGE_ADDED.format(titles=", ".join(added)))
    if old.totals.end_date != new.totals.end_date:
        out.append(texts.PLANNER_CHANGE_END_MOVED.format(old=old.totals.end_date.isoformat(),
                                                         new=new.totals.end_date.isoformat()))
    if not new.stages:
        out.append(texts.PLANNER_CHANGE_ALL_DONE)
    return out


# ---------------------------------------------------------------- the planner proper
MIN_HOURS_PER_WEEK = 1.0
SLOW_PLAN_WEEKS = 104  # two years: say so, with a first milestone role and what more hours would change
MAX_STUDY_HOURS_PER_WEEK = 40.0
SEVERE_PACE_FACTOR = 2.0
SLACK_MIN_DAYS = 28
STALE_AFTER_YEARS = 3
RELEVANT_SHARE = 0.4  # below this share of its hours a course is a poor fit for what it would add
EXPENSIVE_USD = 1000.0
NEW_SHARE = 0.3  # below this share of new material a course mostly repeats what the plan already has
MIN_RELEVANT_SHARE = 0.15  # below this it is never picked: a 180-hour certificate for its communication module
LITTLE_TIME_HOURS_PER_WEEK = 5.0
MANY_HOURS_PER_WEEK = 15.0
ADJACENT_CANDIDATES = 2
ADJACENT_MIN_INSIDE = 0.6
FIRST_STEP_SHARE = 0.8  # a first role on the way must take clearly less than the target's own plan
MAIN_SUBJECT_SHARE = 0.25  # a course is about a skill that is a quarter or more of what it teaches
IMPLIED_DOMAIN_SHARE = 0.5
# Skill categories that make a specialisation: a role whose skills are mostly one of these implies it.
SPECIAL_CATEGORIES = frozenset({SkillCategory.nlp, SkillCategory.cv, SkillCategory.llm})
CODE_LANGUAGES = frozenset({"python", "r", "java", "c++", "javascript"})
# Tools that do not make someone a programmer on their own.
NOT_CODING_SKILLS = frozenset({"git", "sql", "linux-shell"})
SENIOR_YEARS = 8.0
STUDENT_YEARS = 2.0
TECH_WORDS = ("engineer", "developer", "programmer", "software", "data", "analyst", "scientist", "devops", "sre",
              "architect", "it ", "backend", "frontend", "full stack", "web", "ml", "machine learning", "research")
STEP_HOURS_FACTOR: dict[Seniority, float] = {
    Seniority.student: 1.0, Seniority.career_changer: 1.1, Seniority.experienced: 0.9, Seniority.senior: 0.75,
}
# The skill that is knowing each language: once the plan teaches it, courses taught in it fit.
LANGUAGE_SKILLS = {"python": "python", "r": "r-programming", "java": "java", "c++": "cpp", "javascript": "javascript"}
LANGUAGE_NAMES = {"python": "Python", "r": "R", "java": "Java", "c++": "C++", "javascript": "JavaScript"}


# What years in a job imply the learner knows, and how deeply (1 basic, 2 working, 3 deep): keyed by words of their
# current role, the years it takes and the education it needs; a stated depth always wins over these.
@dataclass(frozen=True)
class _Experience:
    words: tuple[str, ...]
    years: float
    skills: Mapping[str, int]
    education: frozenset[Education] = frozenset()


_DEVELOPER_WORDS = ("developer", "software engineer", "software developer", "programmer", "backend", "back-end",
                    "frontend", "front-end", "full stack", "full-stack", "fullstack", "web dev", "staff engineer",
                    "platform engineer", "cloud engineer", "devops", "site reliability", "sre")
_QUANT_WORDS = ("physic", "math", "statistic", "econom", "engineer", "comput", "chemi", "astro", "quantitative",
                "biostat", "operations research", "postdoc")
EXPERIENCE_SKILLS: tuple[_Experience, ...] = (
    _Experience(_DEVELOPER_WORDS, 3.0, {"git": 2, "software-engineering": 2, "data-structures-algorithms": 2,
                                        "testing": 2, "linux-shell": 2, "sql": 1}),
    _Experience(_DEVELOPER_WORDS, 8.0, {"software-engineering": 3, "system-design": 2}),
    _Experience(("devops", "site reliability", "sre", "cloud engineer", "platform engineer"), 2.0,
                {"linux-shell": 2, "docker": 2, "cloud-platforms": 2, "git": 2}),
    _Experience(("data scientist",), 2.0, {"python": 2, "pandas": 2, "numpy": 2, "scikit-learn": 1, "statistics": 2,
                                           "sql": 2, "ml-fundamentals": 2, "supervised-learning": 2,
                                           "model-evaluation": 2, "feature-engineering": 1, "data-cleaning": 2,
                                           "probability": 2, "linear-algebra": 1, "calculus": 1,
                                           "data-visualization": 2, "git": 1}),
    _Experience(("data analyst", "business analyst", "bi analyst"), 2.0,
                {"sql": 2, "spreadsheets-bi": 2, "data-visualization": 2, "statistics": 1, "data-cleaning": 2}),
    _Experience(("data engineer",), 2.0, {"sql": 2, "python": 2, "data-pipelines": 2, "databases": 2, "git": 2}),
    _Experience(("database administrator", "dba"), 3.0, {"sql": 3, "databases": 2, "linux-shell": 1}),
    _Experience(("statistician", "biostatistician"), 2.0, {"statistics": 3, "probability": 2, "data-cleaning": 2,
                                                           "data-visualization": 2, "supervised-learning": 2,
                                                           "model-evaluation": 1}),
    _Experience(("accountant", "auditor", "financial analyst", "bookkeeper", "controller"), 2.0,
                {"spreadsheets-bi": 2}),
    _Experience(("product manager",), 3.0, {"business-acumen": 2, "communication": 2, "ab-testing": 1}),
    # Years after a doctorate are years of reading papers, running studies and presenting them.
    _Experience(("",), 2.0, {"paper-reading": 2, "research-methods": 2, "communication": 2},
                frozenset({Education.phd})),
    # A doctorate in a quantitative field means the maths of ML at working depth.
    _Experience(_QUANT_WORDS, 0.0, {"calculus": 2, "linear-algebra": 2, "statistics": 2, "probability": 2,
                                    "optimization": 1},
                frozenset({Education.phd})),
)


def experience_skills(profile: LearnerProfile) -> dict[str, int]:
    """Skills (id -> depth 1-3) the learner's stated job, years and education imply, from EXPERIENCE_SKILLS."""
    role = f" {(profile.current_role or '').lower()} "
    years = profile.years_experience or 0.0
    out: dict[str, int] = {}
    if "student" in role or "intern" in role:
        return out
    for rule in EXPERIENCE_SKILLS:
        if rule.education and profile.education not in rule.education:
            continue
        if years < rule.years or not any(word in role for word in rule.words):
            continue
        for skill_id, depth in rule.skills.items():
            out[skill_id] = max(out.get(skill_id, 0), depth)
        if rule.words is _DEVELOPER_WORDS and profile.programming_language:
            language = LANGUAGE_SKILLS.get(profile.programming_language.lower())
            if language:
                out[language] = max(out.get(language, 0), 3 if years >= SENIOR_YEARS else 2)
    return out


def W(code: str, text: str) -> PlanWarning:
    """A learner-visible warning with its stable code."""
    return PlanWarning(code=code, text=text)


def _plan(profile: LearnerProfile, catalog: Catalog, today: date, ctx: _Context) -> Roadmap:
    warnings: list[PlanWarning] = []
    notices: list[str] = []
    role = resolve_role(profile.target_role, catalog)
    domain = _domain(profile, role, catalog, warnings, ctx)

    pace = _pace(profile.hours_per_week, warnings, ctx.pace)
    budget = profile.budget_usd
    if budget is not None and budget < 0:
        warnings.append(W("negative-budget", texts.PLANNER_WARN_NEGATIVE_BUDGET.format(budget=budget)))
        budget = 0.0
    free_only = budget is not None and budget <= 0

    unknown_known = [s for s in profile.known_skills if s not in catalog.skill_by_id]
    other = list(dict.fromkeys([*profile.other_experience, *unknown_known]))
    if other and not ctx.nested:
        warnings.append(W("other-experience", texts.PLANNER_WARN_OTHER_EXPERIENCE.format(items=", ".join(other))))
    known = _known_depths(profile, catalog, ctx.extra_known, ctx.course_depths, ctx.skills_back)
    known = _from_work(profile, known, catalog, ctx.skills_back)
    chosen_domain = catalog.domain_by_id.get(profile.domain or "")
    need, why = _needs(role, domain, known, catalog, implied=domain is not None and domain is not chosen_domain)
    role_gap = {s for s, d in need.items() if known.get(s, 0) < d}  # before a job ad's skills (issue 17)
    # Issue 17: skills of a job ad the learner aimed the plan at join the needs, with their prerequisites (basic).
    aimed = {s: d for s, d in profile.target_skills.items() if s in catalog.skill_by_id}
    for skill_id in sorted(_closure(aimed, catalog)):
        depth = depth_rank(aimed[skill_id]) if skill_id in aimed else 1
        if depth > need.get(skill_id, 0) and known.get(skill_id, 0) < depth:
            need[skill_id] = depth
            why[skill_id] = texts.PLANNER_WHY_SKILL_JOB
    gap = {s for s, d in need.items() if known.get(s, 0) < d}
    topo = _topological(gap, catalog)
    sel = _Selection(profile=profile, catalog=catalog, ctx=ctx, today=today, pace=pace, budget=budget,
                     free_only=free_only, known=known, need=need, gap=gap, coder=_codes(profile, known, catalog))
    chosen, uncovered, cover_warnings = _choose_courses(topo, sel)
    warnings.extend(cover_warnings)
    rank = _ranks(topo, chosen, catalog)
    _drop_repeats(chosen, sel)
    _settle(topo, chosen, rank, catalog)
    chosen.extend(_put_back(sel))

    target_skills = {rs.skill for rs in role.required_skills} | set(domain.skills if domain else [])
    stages_raw: list[dict[str, Any]] = []
    present = {r for r in range(len(LEARNING_STAGES)) if any(rank[s] == r for s in topo)
               or any(c.rank == r for c in chosen)}
    earlier: dict[int, list[tuple[str, str]]] = {}  # stage rank -> (skill, title of the earlier stage) met before
    for stage_rank, (stage_id, _, _, _) in enumerate(LEARNING_STAGES):
        if stage_rank not in present:
            continue
        skills = [s for s in topo if rank[s] == stage_rank]
        courses = [c for c in chosen if c.rank == stage_rank]
        skill_items = [_skill_item(s, why[s], s in uncovered, sel) for s in skills]
        course_items = [_course_item(c, sel) for c in _order_courses(courses, topo)]
        title = _stage_title(stage_id, _title_skills(skills, courses, uncovered), catalog)
        goal, passed_on = _stage_goal(stage_rank, skills, courses, present, earlier.pop(stage_rank, []), catalog)
        for later_rank, skill_id in passed_on:
            earlier.setdefault(later_rank, []).append((skill_id, title))
        stages_raw.append({"id": stage_id, "kind": "learning", "title": title, "goal": goal,
                           "skills": skill_items, "courses": course_items})

    # The role's projects are chosen as if no ad were aimed at (they stay put); an aimed ad adds one more.
    ranked_projects = _rank_projects(role, domain, known, role_gap, target_skills, catalog, ctx)
    learning_hours = sum(_stage_hours(r) for r in stages_raw)
    count = _project_count(pace, learning_hours, ctx)
    seniority = seniority_of(profile, role.family)
    if aimed:  # pinned: the role's projects are the ones its plan without the ad has
        unaimed = _plan(profile.model_copy(update={"target_skills": {}}), catalog, today, replace(ctx, nested=True))
        projects = [p for s in unaimed.stages for p in s.projects]
    else:
        projects = _pick_projects(ranked_projects, count, role, domain, target_skills | gap, set(known) | gap,
                                  catalog, _years_if_one(pace, learning_hours, ctx), seniority is Seniority.senior)
    projects += _aimed_project(gap - role_gap, projects, role, domain, set(known) | gap, catalog, ctx)
    if projects:
        stages_raw.append(_portfolio_stage(role, projects))
    short_warning = _depth_short_warning(sel, projects)
    if short_warning is not None:
        warnings.append(short_warning)

    course_cost = sum(_course_cost(c.course, sel) for c in chosen)
    left = None if budget is None else budget - course_cost
    certs, cert_notices, cert_warnings = _choose_certifications(
        profile, role, target_skills, catalog, ctx, left, free_only=free_only)
    notices.extend(cert_notices)
    warnings.extend(cert_warnings)
    if certs:
        names = ", ".join(c.name for c in certs)
        stages_raw.append({"id": "certification", "kind": "certification",
                           "title": texts.PLANNER_STAGE_TITLES["certification"],
                           "goal": texts.PLANNER_GOAL_CERTIFICATION.format(certifications=names),
                           "certifications": certs})
    warnings.extend(_certificate_warnings(chosen, sel))

    soft_skills = [s for s in topo if rank[s] == JOB_RANK]
    soft_courses = [c for c in chosen if c.rank == JOB_RANK]
    job_stage = _job_search_stage(role, seniority, stages_raw, projects, catalog, ctx,
                                  [_skill_item(s, why[s], s in uncovered, sel) for s in soft_skills],
                                  [_course_item(c, sel) for c in _order_courses(soft_courses, topo)], known)
    if job_stage is not None:
        stages_raw.append(job_stage)

    if profile.deadline is not None and profile.deadline < today:
        warnings.append(W("deadline-past",
                          texts.PLANNER_WARN_DEADLINE_PAST.format(deadline=profile.deadline.isoformat())))

    stages = _schedule(stages_raw, today, pace)
    total_hours = round(sum(s.hours for s in stages), 1)
    cost = round(sum(c.cost_usd + (c.certificate_cost_usd or 0) for s in stages for c in s.courses)
                 + sum(c.cost_usd for s in stages for c in s.certifications), 2)
    end_date = stages[-1].end if stages else today
    fits_deadline = profile.deadline is None or (profile.deadline >= today and end_date <= profile.deadline)
    fits_budget = budget is None or cost <= budget + 1e-9
    totals = Totals(hours=total_hours, cost_usd=cost, weeks=_ceil(total_hours / pace), start=today,
                    end_date=end_date, fits_deadline=fits_deadline, fits_budget=fits_budget)
    if totals.weeks > SLOW_PLAN_WEEKS and not ctx.nested:
        warnings.append(W("pace-too-slow", _slow_warning(profile, role, catalog, today, ctx, pace, total_hours,
                                                         totals.weeks)))
    required_closure = _closure([rs.skill for rs in role.required_skills], catalog)
    domain_only = set(gap) - required_closure
    deadline_expl = None
    if not fits_deadline and profile.deadline is not None:
        adjacent = None if ctx.nested or not _severe(profile.deadline, today, total_hours, pace) else \
            _adjacent_role(profile, role, catalog, today, ctx)
        deadline_expl = _deadline_explanation(profile.deadline, today, pace, stages, total_hours, end_date,
                                              domain_only, adjacent)
        warnings.append(W("deadline-missed", deadline_expl.text))
    elif profile.deadline is not None and not ctx.nested:
        slack = _slack(profile.deadline, end_date, pace, ranked_projects, projects, certs, role, profile, catalog, ctx)
        if slack:
            warnings.append(W("deadline-slack", slack))
    budget_expl = None if fits_budget or budget is None else _budget_explanation(budget, cost, stages)
    if budget_expl is not None:
        warnings.append(W("budget-over", budget_expl.text))
    return Roadmap(
        profile=profile, role_id=role.id, role_name=role.name, domain_id=domain.id if domain else None,
        domain_name=domain.name if domain else None, planned_on=today, started_on=ctx.started_on or today,
        hours_per_week=pace, stages=stages,
        totals=totals, warnings=warnings, notices=notices, salary=list(role.salary),
        explanations=Explanations(deadline=deadline_expl, budget=budget_expl), seniority=seniority.value,
    )


def _domain(profile: LearnerProfile, role: Role, catalog: Catalog, warnings: list[PlanWarning],
            ctx: _Context) -> Domain | None:
    """The learner's specialisation, or the one the role implies (an NLP engineer does NLP)."""
    implied = implied_domain(role, catalog)
    if profile.domain:
        domain = catalog.domain_by_id.get(profile.domain)
        if domain is None:
            warnings.append(W("unknown-domain", texts.PLANNER_WARN_UNKNOWN_DOMAIN.format(domain=profile.domain)))
        elif implied is None or domain.id in role.domains:
            return domain
    if implied is not None and not ctx.nested and profile.domain != implied.id:
        warnings.append(W("implied-domain", texts.PLANNER_WARN_IMPLIED_DOMAIN.format(role=role.name,
                                                                                    domain=implied.name)))
    return implied


def implied_domain(role: Role, catalog: Catalog) -> Domain | None:
    """The specialisation a role implies: the one of its domains (with NLP, vision or LLM skills) whose skills
    the role itself requires for the most part; None for general roles."""
    required = {rs.skill for rs in role.required_skills}
    best: tuple[tuple[float, int, str], Domain] | None = None
    for domain_id in role.domains:
        domain = catalog.domain_by_id.get(domain_id)
        if domain is None or not domain.skills:
            continue
        special = [s for s in domain.skills if s in catalog.skill_by_id
                   and catalog.skill_by_id[s].category in SPECIAL_CATEGORIES]
        if not special:
            continue
        overlap = sum(1 for s in domain.skills if s in required)
        share = overlap / len(domain.skills)
        if share <= IMPLIED_DOMAIN_SHARE:
            continue
        key = (-share, -overlap, domain.id)
        if best is None or key < best[0]:
            best = (key, domain)
    return best[1] if best else None


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


def seniority_of(profile: LearnerProfile, family: RoleFamily | None = None) -> Seniority:
    """Where the job search starts from, as a coach reads years, education and title: students and under two
    years of work are students; 8+ years in a role that carries over to the target family is senior, fewer is
    experienced; years outside it make a career changer. A PhD is research experience for research roles and a
    product manager's years count for product roles."""
    years = profile.years_experience or 0.0
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


def _from_work(profile: LearnerProfile, known: dict[str, int], catalog: Catalog,
               keep_out: frozenset[str]) -> dict[str, int]:
    """Years of professional work teach communication, problem framing and business sense at a working level:
    an accountant of nine years, a postdoc or a staff engineer is not sent on a soft-skill course for them."""
    current = (profile.current_role or "").lower()
    if (profile.years_experience or 0.0) < PROFESSIONAL_YEARS or "student" in current or not current:
        return known
    out = dict(known)
    for skill in catalog.skills:
        if skill.category is SkillCategory.professional and skill.id not in profile.skill_depth \
                and skill.id not in keep_out:
            out[skill.id] = max(out.get(skill.id, 0), DEPTH_RANK[Depth.working])
    return out


def _portfolio_stage(role: Role, projects: list[ProjectItem]) -> dict[str, Any]:
    """The portfolio stage: the chosen projects, after every stage that teaches their skills."""
    return {"id": "portfolio", "kind": "portfolio", "title": texts.PLANNER_STAGE_TITLES["portfolio"],
            "goal": texts.PLANNER_GOAL_PORTFOLIO.format(article=_article(role.name), role=role.name,
                                                        count=len(projects), plural="s" if len(projects) > 1 else ""),
            "projects": projects}


def _job_search_stage(role: Role, seniority: Seniority, before: list[dict[str, Any]], projects: list[ProjectItem],
                      catalog: Catalog, ctx: _Context, soft_skills: list[SkillItem],
                      soft_courses: list[CourseItem], known: Mapping[str, int]) -> dict[str, Any] | None:
    """The job search for the role's family and the learner's starting point, proportionate to the study before
    it (never more than that study), saying which steps start alongside the last learning stage."""
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
    learning = [r for r in before if r.get("kind") == "learning"]
    if early and learning:
        goal += texts.PLANNER_GOAL_JOB_SEARCH_EARLY.format(stage=learning[-1]["title"], steps="; ".join(early))
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


def _known_depths(profile: LearnerProfile, catalog: Catalog, extra: Iterable[str],
                  learnt: Iterable[tuple[str, int]] = (), keep_out: frozenset[str] = frozenset()) -> dict[str, int]:
    """Known depth (1-3) of every skill: the learner's (working when unsaid), done items (deep), and the
    prerequisites a known skill implies, transitively, at basic or more (up to the skill's own, at most working)."""
    skills = catalog.skill_by_id
    known: dict[str, int] = {}
    for skill_id in [*profile.known_skills, *profile.skill_depth]:
        if skill_id in skills:
            depth = depth_rank(profile.skill_depth.get(skill_id)) or DEPTH_RANK[Depth.working]
            known[skill_id] = max(known.get(skill_id, 0), depth)
    # What years in a job imply stands on its own: it implies no prerequisites (a physicist's research methods
    # say nothing about ML fundamentals; a JavaScript developer's engineering practice says nothing about Python).
    seeds = dict(known)
    for skill_id, depth in experience_skills(profile).items():
        if skill_id in skills and skill_id not in profile.skill_depth and skill_id not in keep_out:
            known[skill_id] = max(known.get(skill_id, 0), depth)
    for skill_id in extra:
        if skill_id in skills:
            known[skill_id] = DEPTH_RANK[Depth.deep]
            seeds[skill_id] = known[skill_id]
    for skill_id, depth in learnt:
        if skill_id in skills:
            known[skill_id] = max(known.get(skill_id, 0), depth)
            seeds[skill_id] = known[skill_id]
    # What the learner said about a skill stands; implication only fills in the skills they did not rate.
    stated = {s for s in profile.skill_depth if s in skills} | keep_out
    stack = sorted(seeds.items())
    while stack:
        skill_id, depth = stack.pop()
        implied = max(DEPTH_RANK[Depth.basic], min(depth, DEPTH_RANK[Depth.working]))
        for prereq in skills[skill_id].prerequisites:
            if prereq in skills and prereq not in stated and known.get(prereq, 0) < implied:
                known[prereq] = implied
                stack.append((prereq, implied))
    return known


def _needs(role: Role, domain: Domain | None, known: Mapping[str, int], catalog: Catalog, implied: bool = False,
           ) -> tuple[dict[str, int], dict[str, str]]:
    """Depth (1-3) each skill is needed at, with the lead of its why: role and domain skills, and prerequisites
    (basic) of the skills still to learn."""
    skills = catalog.skill_by_id
    need: dict[str, int] = {}
    why: dict[str, str] = {}
    for rs in role.required_skills:
        if rs.skill in skills:
            depth = depth_rank(rs.depth)
            if depth > need.get(rs.skill, 0):
                need[rs.skill] = depth
                # A skill the learner knows less deeply says the depths in its own sentence (see _skill_item).
                why[rs.skill] = texts.PLANNER_WHY_SKILL_ROLE_KNOWN.format(role=role.name) \
                    if 0 < known.get(rs.skill, 0) < depth else \
                    texts.PLANNER_WHY_SKILL_ROLE.format(role=role.name, depth=rs.depth.value)
    # A specialisation the role implies adds nothing to what the role requires (an AI engineer learns no image
    # generation); one the learner chose adds its skills.
    if domain is not None and not implied:
        for skill_id in domain.skills:
            if skill_id in skills and skill_id not in need:
                need[skill_id] = DEPTH_RANK[Depth.working]
                why[skill_id] = texts.PLANNER_WHY_SKILL_DOMAIN.format(domain=domain.name)
    # A skill needed only at a basic level brings no prerequisites: its introduction teaches what it needs.
    stack = sorted((s for s, d in need.items() if known.get(s, 0) < d and d >= DEPTH_RANK[Depth.working]),
                   reverse=True)
    while stack:
        current = stack.pop()
        for prereq in sorted(skills[current].prerequisites):
            if prereq in skills and prereq not in need:
                need[prereq] = DEPTH_RANK[Depth.basic]
                why[prereq] = texts.PLANNER_WHY_SKILL_PREREQUISITE.format(skill=skills[current].name)
                if known.get(prereq, 0) < need[prereq]:
                    stack.append(prereq)
    return need, why


_CATEGORY_ORDER = {category: n for n, category in enumerate(SkillCategory)}
_DEPTH_NAME = {rank: depth.value for depth, rank in DEPTH_RANK.items()}


def _codes(profile: LearnerProfile, known: Mapping[str, int], catalog: Catalog) -> bool:
    """Whether the learner already programs (a language at working depth), so beginner courses are optional."""
    for skill_id, depth in known.items():
        skill = catalog.skill_by_id[skill_id]
        if (skill.category is SkillCategory.programming and skill_id not in NOT_CODING_SKILLS
                and depth >= DEPTH_RANK[Depth.working]
                and (skill_id in profile.known_skills or skill_id in experience_skills(profile))):
            return True
    return False


def _pace(hours: float | None, warnings: list[PlanWarning], observed: float | None = None) -> float:
    """Weekly hours to schedule with; PlanError (one line) for 0 or absurdly few hours."""
    if observed is not None:
        return max(float(observed), MIN_HOURS_PER_WEEK)
    if hours is None:
        warnings.append(W("no-hours", texts.PLANNER_WARN_NO_HOURS.format(hours=DEFAULT_HOURS_PER_WEEK)))
        return DEFAULT_HOURS_PER_WEEK
    if not math.isfinite(hours) or hours < MIN_HOURS_PER_WEEK:
        # The chat asks again and `waypoint plan` stops with one line before this; other callers get a plan
        # at the default pace and a warning, never a date overflow.
        shown = hours if math.isfinite(hours) else 0
        warnings.append(W("hours-too-few", texts.PLANNER_WARN_HOURS_TOO_FEW.format(
            hours=shown, default=DEFAULT_HOURS_PER_WEEK)))
        return DEFAULT_HOURS_PER_WEEK
    if hours > MAX_SENSIBLE_HOURS_PER_WEEK:
        warnings.append(W("hours-too-many", texts.PLANNER_WARN_HOURS_TOO_MANY.format(
            hours=hours, max=MAX_SENSIBLE_HOURS_PER_WEEK)))
        return MAX_SENSIBLE_HOURS_PER_WEEK
    return float(hours)


def _closure(skill_ids: Iterable[str], catalog: Catalog) -> set[str]:
    """The skills plus all their prerequisites."""
    out: set[str] = set()
    stack = list(skill_ids)
    while stack:
        current = stack.pop()
        if current in out or current not in catalog.skill_by_id:
            continue
        out.add(current)
        stack.extend(catalog.skill_by_id[current].prerequisites)
    return out


def _topological(gap: set[str], catalog: Catalog) -> list[str]:
    """Gap skills with prerequisites first; ties by category stage, then id (deterministic)."""
    indegree = {s: 0 for s in gap}
    dependents: dict[str, list[str]] = {s: [] for s in gap}
    for s in gap:
        for p in set(catalog.skill_by_id[s].prerequisites):
            if p in gap:
                indegree[s] += 1
                dependents[p].append(s)

    def key(s: str) -> tuple[int, int, str]:
        category = catalog.skill_by_id[s].category
        return (CATEGORY_RANK[category], _CATEGORY_ORDER[category], s)

    heap = [key(s) for s in gap if indegree[s] == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        *_, s = heapq.heappop(heap)
        order.append(s)
        for d in dependents[s]:
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(heap, key(d))
    # The catalog forbids cycles; should one slip through, keep the rest rather than lose skills.
    order.extend(sorted(gap - set(order)))
    return order



@dataclass
class _Selection:
    """What course choice needs to know about the learner and the plan so far."""

    profile: LearnerProfile
    catalog: Catalog
    ctx: _Context
    today: date
    pace: float
    budget: float | None
    free_only: bool
    known: dict[str, int]
    need: dict[str, int]
    gap: set[str]
    coder: bool
    covered: dict[str, int] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)  # max of known and covered, kept up to date
    cache: _CatalogCache | None = None
    chosen_ids: set[str] = field(default_factory=set)
    why: dict[str, str] = field(default_factory=dict)
    beaten: dict[str, Course] = field(default_factory=dict)
    short: list[str] = field(default_factory=list)  # skills no course in reach takes deep enough

    @property
    def language(self) -> str:
        return (self.profile.programming_language or "python").lower()

    def depth(self, skill_id: str) -> int:
        return self.level.get(skill_id, 0)

    def __post_init__(self) -> None:
        self.level = dict(self.known)
        self.cache = _cache(self.catalog)


@dataclass
class _CatalogCache:
    """What course choice derives from a catalog once: depth ranks per course, each course's home stage, the
    skills that belong to a specialisation."""

    ranks: dict[str, dict[str, int]]
    home: dict[str, int]
    special: frozenset[str]
    teach_hours: dict[str, float] = field(default_factory=dict)  # skill hours a course teaches, summed


def _cache(catalog: Catalog) -> _CatalogCache:
    cached = catalog.__dict__.get("_planner_cache")
    if cached is not None and cached[0] is catalog.courses:
        return cached[1]
    built = _CatalogCache(
        ranks={c.id: {s: depth_rank(d) for s, d in c.teaches.items()} for c in catalog.courses},
        home={c.id: _home(c, [s for s in c.teaches if s in catalog.skill_by_id], catalog) for c in catalog.courses},
        special=frozenset(s for d in catalog.domains for s in d.skills),
        teach_hours={c.id: sum(catalog.skill_by_id[s].hours for s in c.teaches if s in catalog.skill_by_id)
                     for c in catalog.courses},
    )
    catalog.__dict__["_planner_cache"] = (catalog.courses, built)
    return built


def _ranks_of(course: Course, sel: _Selection) -> dict[str, int]:
    assert sel.cache is not None
    found = sel.cache.ranks.get(course.id)
    if found is None or len(found) != len(course.teaches):  # a course not from this catalog's list
        return {s: depth_rank(d) for s, d in course.teaches.items()}
    return found


@dataclass
class _Chosen:
    """A chosen course while planning: its catalog entry, the gap skills assigned to it, its stage."""

    course: Course
    assigned: list[str]
    rank: int = 0
    primary: str = ""  # the skill it was picked for: it decides the course's stage


def _course_cost(course: Course, sel: _Selection) -> float:
    """What the learner pays for a course at their pace, with the certificate when they want certificates."""
    cost = course.learning_cost(sel.pace)
    if sel.profile.wants_certificates and not sel.free_only:
        cost += course.certificate_cost(sel.pace) or 0.0
    return cost


def _language_mismatch(course: Course, sel: _Selection) -> bool:
    """Taught in a language the learner does not code in: neither theirs, nor one the plan has taught them by now,
    nor the language the course itself teaches (a Python course for a Java developer who needs Python)."""
    lang = course.programming_language.value if course.programming_language else "none"
    if lang not in CODE_LANGUAGES or lang == sel.language:
        return False
    skill = LANGUAGE_SKILLS.get(lang)
    if skill is None:
        return True
    if sel.depth(skill) >= DEPTH_RANK[Depth.basic]:
        return False  # known, or taught earlier in the plan
    return not (skill in sel.need and skill in course.teaches)  # the plan needs this language: learn it here


def _off_target(course: Course, sel: _Selection) -> bool:
    """True when most of a course is about a specialisation the plan does not include (image generation in
    an NLP plan)."""
    skills = sel.catalog.skill_by_id
    assert sel.cache is not None
    special = sel.cache.special
    off = [s for s in course.teaches if s not in sel.need and s not in sel.known and s in skills
           and (skills[s].category in SPECIAL_CATEGORIES or s in special)]
    return bool(off) and 2 * len(off) >= len(course.teaches)


def _advanced_too_soon(course: Course, sel: _Selection) -> bool:
    """An advanced course is never someone's introduction: it needs its `requires` met, or every gap skill it
    would be picked for already started."""
    if course.level is not Level.advanced:
        return False
    if course.requires:
        return bool(_requires_unmet(course, sel))
    return any(sel.depth(s) == 0 for s in _gain(course, sel))


def _relevance(course: Course, sel: _Selection) -> float:
    """The share of a course's hours spent on skills the learner's role needs (or builds on)."""
    skills = sel.catalog.skill_by_id
    useful = sum(skills[s].hours for s in course.teaches if s in skills and (s in sel.need or s in sel.known))
    return useful / course.hours if course.hours > 0 else 1.0


def _expensive(course: Course, sel: _Selection) -> bool:
    """A course dearer than EXPENSIVE_USD that the learner's stated budget does not cover on purpose: a $9,900
    bootcamp is a last resort, never a pick when free or cheap courses fit."""
    cost = _course_cost(course, sel)
    return cost > EXPENSIVE_USD and (sel.budget is None or cost > sel.budget / 2)


def _fits_time(course: Course, sel: _Selection) -> bool:
    """Most of the course is about what the role needs, and a fair share of it is new to the learner."""
    if course.hours <= 0:
        return True
    gained = sum(sel.catalog.skill_by_id[s].hours for s in _gain(course, sel))
    return _relevance(course, sel) >= RELEVANT_SHARE and gained / course.hours >= NEW_SHARE


def _mostly_known(course: Course, sel: _Selection) -> bool:
    """A course that would mostly repeat what the learner knows, for less new material than studying it alone
    (CS50P for a data scientist, only for its testing module): self-study of the gap is the better pick."""
    if course.hours <= 0:
        return False
    skills = sel.catalog.skill_by_id
    gained = sum(skills[s].hours for s in _gain(course, sel))
    known = sum(skills[s].hours for s in course.teaches if s in skills and sel.known.get(s, 0) > 0)
    return gained / course.hours < NEW_SHARE and known > gained


def _relevant(course: Course, sel: _Selection) -> bool:
    """Whether what the course would add is more than a sliver of it (not a 180-hour certificate taken for its
    communication module)."""
    gained = sum(sel.catalog.skill_by_id[s].hours for s in _gain(course, sel))
    if course.hours <= 0:
        return True
    share = gained / course.hours
    # Never pay for what you already know: a paid course must mostly teach what the plan still lacks.
    if share < RELEVANT_SHARE and _course_cost(course, sel) > 0:
        return False
    return share >= MIN_RELEVANT_SHARE


def _requires_unmet(course: Course, sel: _Selection) -> list[str]:
    """The `requires` of a course that neither the plan so far nor the learner's skills satisfy."""
    out: list[str] = []
    for ref in course.requires:
        if ":" in ref:
            skill_id, _, depth = ref.partition(":")
            if sel.depth(skill_id) < depth_rank(depth):
                out.append(ref)
            continue
        if ref in sel.chosen_ids or item_key("course", ref) in sel.ctx.exclude:
            continue
        other = sel.catalog.course_by_id.get(ref)
        if other is None or any(sel.depth(s) < depth_rank(d) for s, d in other.teaches.items()):
            out.append(ref)
    return out


def _stale(course: Course, sel: _Selection) -> int:
    """2 archived, 1 older than three years on a fast-moving topic it is picked for, 0 current."""
    if course.archived:
        return 2
    fast = any(sel.catalog.skill_by_id[s].fast_moving for s in course.teaches
               if s in sel.gap and s in sel.catalog.skill_by_id)
    if fast and course.updated is not None and sel.today.year - course.updated > STALE_AFTER_YEARS:
        return 1
    return 0


def _level_mismatch(course: Course, skill_id: str, sel: _Selection) -> tuple[int, int]:
    """(advanced before its introduction, level off where the learner starts) for one skill."""
    current = sel.depth(skill_id)
    if current == 0:
        ideal = {Level.beginner, Level.intermediate} if sel.coder else {Level.beginner}
    elif current == DEPTH_RANK[Depth.basic]:
        ideal = {Level.beginner, Level.intermediate}
    else:
        ideal = {Level.intermediate, Level.advanced}
    # An advanced course whose `requires` the learner meets is no one's too-early introduction (CS229 for a PhD).
    advanced_first = 1 if course.level is Level.advanced and current == 0 and (
        not course.requires or _requires_unmet(course, sel)) else 0
    return advanced_first, 0 if course.level in ideal else 1


def _gain(course: Course, sel: _Selection) -> list[str]:
    """Gap skills a course would take deeper than the plan has them, short of what is needed."""
    level, need, gap = sel.level, sel.need, sel.gap
    return [s for s, d in _ranks_of(course, sel).items()
            if s in gap and level.get(s, 0) < need[s] and d > level.get(s, 0)]


_Key = tuple[int, int, int, int, int, int, int, int, int, int, float, str]


def _course_key(course: Course, skill_id: str, sel: _Selection) -> _Key:
    """Fit first (language, current content, requirements, level, depth, editors' rank), then time and cost."""
    skills = sel.catalog.skill_by_id
    gained = _gain(course, sel)
    value = 0.0
    ranks = _ranks_of(course, sel)
    for s in gained:
        before = sel.depth(s)
        after = min(ranks[s], sel.need[s])
        value += skills[s].hours * (after - before) / sel.need[s]
    price = course.hours + FIT_COST_WEIGHT_HOURS_PER_USD * _course_cost(course, sel)
    if sel.profile.wants_certificates and course.certificate:
        price *= CERTIFICATE_FACTOR
    if course.id in sel.ctx.prefer_courses:
        price *= ALREADY_PLANNED_FACTOR
    advanced_first, level_off = _level_mismatch(course, skill_id, sel)
    short = max(0, sel.need[skill_id] - ranks[skill_id])
    # A course about another field (an MLOps course that touches PyTorch) does not stand in for this one.
    assert sel.cache is not None
    home = sel.cache.home.get(course.id)
    if home is None:
        home = _home(course, [s for s in course.teaches if s in skills], sel.catalog)
    # A course is about a skill when its field is the skill's, or the skill is a quarter or more of what it teaches
    # (CS50 SQL is a SQL course even though databases and modelling add up to more).
    whole = sel.cache.teach_hours.get(course.id) or sum(skills[s].hours for s in course.teaches if s in skills)
    about = whole > 0 and skills[skill_id].hours / whole >= MAIN_SUBJECT_SHARE
    off_home = 0 if home == CATEGORY_RANK[skills[skill_id].category] or about else 1
    # One course that reaches the depth needed beats an introduction plus a second course for the same skill;
    # someone who never coded still starts a new subject with a beginner course.
    return (1 if _language_mismatch(course, sel) else 0, _stale(course, sel),
            1 if _requires_unmet(course, sel) else 0, advanced_first,
            (0 if _fits_time(course, sel) else 1) + (1 if _expensive(course, sel) else 0),
            off_home, level_off if not sel.coder and sel.depth(skill_id) == 0 else 0, short, level_off,
            # The editors' pick matters for depth; for a basic level the shorter, cheaper course is the pick.
            (course.editor_rank or 99) if sel.need[skill_id] > DEPTH_RANK[Depth.basic] else 0,
            round(price / max(value, 1e-6), 6), course.id)


def _eligible(course: Course, sel: _Selection, relaxed: bool, left: float | None) -> bool:
    if course.status is not Status.active or course.id in sel.chosen_ids:
        return False
    if item_key("course", course.id) in sel.ctx.exclude:
        return False
    if sel.free_only and course.learning_cost(sel.pace) > 0:
        return False
    if left is not None and _course_cost(course, sel) > left + 1e-9:
        return False
    # A course the plan already had stays eligible in a re-plan even when its share of new material shrank.
    if _off_target(course, sel) or (course.id not in sel.ctx.prefer_courses and not _relevant(course, sel)):
        return False
    if _advanced_too_soon(course, sel):
        return False
    if course.id not in sel.ctx.prefer_courses and _mostly_known(course, sel):
        return False
    if relaxed:
        return True
    if course.language.lower() != (sel.profile.language or DEFAULT_LANGUAGE).lower():
        return False
    return not (sel.profile.format and course.format.lower() != sel.profile.format.lower())


def _choose_courses(topo: list[str], sel: _Selection) -> tuple[list[_Chosen], set[str], list[PlanWarning]]:
    """For each gap skill, prerequisites first, the best-fitting courses until it reaches the depth needed:
    a course closes a skill only up to the depth it reaches, so a short introduction may be followed by a
    deeper course."""
    catalog = sel.catalog
    warnings: list[PlanWarning] = []
    left = sel.budget
    chosen: list[_Chosen] = []
    relaxed_skills: list[str] = []
    other_language: list[tuple[str, Course]] = []
    short_of_depth: list[str] = []
    for skill_id in topo:
        while sel.depth(skill_id) < sel.need[skill_id]:
            current = sel.depth(skill_id)
            # A course already in the plan that teaches this skill, left out until its prerequisites were in place,
            # now counts for it (the MLOps course's serving module once REST APIs are learnt): no second course.
            earlier = max((c for c in chosen if _ranks_of(c.course, sel).get(skill_id, 0) > current),
                          key=lambda c: _ranks_of(c.course, sel)[skill_id], default=None)
            if earlier is not None:
                earlier.assigned.append(skill_id)
                reached = _ranks_of(earlier.course, sel)[skill_id]
                for other in chosen:  # a shallower mention elsewhere no longer counts for it
                    if other is not earlier and skill_id in other.assigned and len(other.assigned) > 1 and \
                            _ranks_of(other.course, sel)[skill_id] <= reached:
                        other.assigned.remove(skill_id)
                sel.covered[skill_id] = max(sel.covered.get(skill_id, 0), reached)
                sel.level[skill_id] = max(sel.level.get(skill_id, 0), reached)
                continue
            teaching = [c for c in catalog.courses_teaching(skill_id) if _ranks_of(c, sel)[skill_id] > current]
            # An archived course is never the pick while a maintained one teaches the skill at all.
            if any(not c.archived and c.status is Status.active for c in catalog.courses_teaching(skill_id)):
                teaching = [c for c in teaching if not c.archived or c.id in sel.ctx.prefer_courses]
            candidates = [c for c in teaching if _eligible(c, sel, False, left)]
            relaxed = False
            if not candidates:
                candidates = [c for c in teaching if _eligible(c, sel, True, left)]
                relaxed = bool(candidates)
            if not candidates:
                if sel.depth(skill_id) > sel.known.get(skill_id, 0):
                    short_of_depth.append(skill_id)
                break
            # A re-plan keeps the courses already planned where they still fit, so marking one skill done does
            # not reshuffle the rest of the roadmap.
            prefer = sel.ctx.prefer_courses
            ranked = [(k, c) for _, k, c in sorted((0 if c.id in prefer else 1, _course_key(c, skill_id, sel), c)
                                                   for c in candidates)]
            key, course = ranked[0]
            if key[4] and key[5] and course.id not in prefer:
                # Only a course about another field, mostly not new to the learner, would teach it (an MLOps course
                # for a data engineer's testing): studying the skill on its own is shorter and says so.
                if sel.depth(skill_id) > sel.known.get(skill_id, 0):
                    short_of_depth.append(skill_id)
                break
            if key[0] and sel.depth(skill_id) > sel.known.get(skill_id, 0):
                # Only the learner's language (or none) takes a started skill deeper; say it stops short.
                short_of_depth.append(skill_id)
                break
            if relaxed and (sel.profile.language or sel.profile.format):
                relaxed_skills.append(skill_id)
            if key[0]:
                other_language.append((skill_id, course))
            assigned = _assignable(course, skill_id, sel)
            # The runner-up is named only when it is a course of the same field: "picked over" a database
            # certificate says nothing about a command-line course.
            runner = ranked[1] if len(ranked) > 1 and ranked[1][0][5] <= key[5] else None
            if not sel.ctx.nested:  # an adjacent role's plan is only measured, never shown
                sel.why[course.id] = _why_pick(course, skill_id, key, runner, sel)
            if runner is not None:
                sel.beaten[course.id] = runner[1]
            for s, d in _ranks_of(course, sel).items():
                if s in sel.gap and s not in assigned:
                    continue  # touched before its prerequisites are learnt: a later course teaches it properly
                sel.covered[s] = max(sel.covered.get(s, 0), d)
                sel.level[s] = max(sel.level.get(s, 0), d)
            sel.chosen_ids.add(course.id)
            chosen.append(_Chosen(course=course, assigned=assigned, primary=skill_id))
            if left is not None:
                left -= _course_cost(course, sel)
    if relaxed_skills:
        names = ", ".join(catalog.skill_by_id[s].name for s in dict.fromkeys(relaxed_skills))
        warnings.append(W("preference", texts.PLANNER_WARN_PREFERENCE.format(skills=names)))
    language_note = _course_language_warning(other_language, sel)
    if language_note is not None:
        warnings.append(language_note)
    unserved = _language_unserved(chosen, sel)
    if unserved is not None:
        warnings.append(unserved)
    taught = {s for c in chosen for s in c.assigned}
    uncovered = {s for s in topo if s not in taught}
    for skill_id in (s for s in topo if s in uncovered):
        skill = catalog.skill_by_id[skill_id]
        paid = sorted((c for c in catalog.courses_teaching(skill_id) if c.status is Status.active),
                      key=lambda c: (c.learning_cost(sel.pace), c.hours, c.id))
        cheapest = paid[0].learning_cost(sel.pace) if paid else 0.0
        hours = self_study_hours(skill.hours, sel.known.get(skill_id, 0), sel.need[skill_id])
        if paid and cheapest > 0 and (sel.budget is not None):
            hint = texts.PLANNER_WARN_SELF_STUDY_HINT.format(title=paid[0].title, cost=cheapest)
            text = texts.PLANNER_WARN_SELF_STUDY.format(skill=skill.name, hint=hint, hours=hours)
        else:
            text = texts.PLANNER_WARN_SELF_STUDY_FIT.format(skill=skill.name, depth=_DEPTH_NAME[sel.need[skill_id]],
                                                            hours=hours)
        warnings.append(W("self-study", text))
    sel.short = list(dict.fromkeys(s for s in short_of_depth if sel.depth(s) < sel.need[s]))
    return chosen, uncovered, warnings


def _depth_short_warning(sel: _Selection, projects: list[ProjectItem]) -> PlanWarning | None:
    """One warning for every skill no course in reach takes as deep as the role needs: the skills with the depth
    reached and needed, one piece of advice, and which project of the plan deepens which of them."""
    if not sel.short:
        return None
    skills = sel.catalog.skill_by_id
    listed = [texts.PLANNER_DEPTH_SHORT_SKILL.format(skill=skills[s].name, reached=_DEPTH_NAME[sel.depth(s)],
                                                     need=_DEPTH_NAME[sel.need[s]]) for s in sel.short]
    shown: list[str] = []
    for project in projects:
        names = [skills[s].name for s in sel.short if s in project.skills]
        if names:
            shown.append(texts.PLANNER_DEPTH_SHORT_PROJECT.format(project=project.title,
                                                                  skills=_and_list(names)))
    projects_text = texts.PLANNER_DEPTH_SHORT_PROJECTS.format(projects="; ".join(shown)) if shown else ""
    text = texts.PLANNER_WARN_DEPTH_SHORT.format(
        skills="; ".join(listed), them="it" if len(listed) == 1 else "them", projects=projects_text)
    return W("depth-short", text)


def _and_list(names: list[str]) -> str:
    """Names joined as people write them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + texts.PLANNER_AND + names[-1]


def _course_language_warning(other: list[tuple[str, Course]], sel: _Selection) -> PlanWarning | None:
    """Courses taught in a programming language the learner does not know, said only when it matters (the learner
    chose a language, or the course's language is new to them) and in plain words: which course, which language."""
    chose = sel.profile.programming_language is not None
    by_course: dict[str, tuple[Course, list[str]]] = {}
    for skill_id, course in other:
        lang = course.programming_language.value if course.programming_language else ""
        skill = LANGUAGE_SKILLS.get(lang)
        new_to_them = skill is not None and sel.known.get(skill, 0) < DEPTH_RANK[Depth.basic]
        if lang in CODE_LANGUAGES and (chose or new_to_them):
            by_course.setdefault(course.id, (course, []))[1].append(sel.catalog.skill_by_id[skill_id].name)
    if not by_course:
        return None
    parts = []
    for course, names in by_course.values():
        lang = course.programming_language.value if course.programming_language else ""
        parts.append(texts.PLANNER_COURSE_LANGUAGE_PART.format(
            title=course.title, skills=_and_list(list(dict.fromkeys(names))), language=LANGUAGE_NAMES.get(lang, lang)))
    mine = LANGUAGE_NAMES.get(sel.language, sel.language)
    template = texts.PLANNER_WARN_COURSE_LANGUAGE_CHOSEN if chose else texts.PLANNER_WARN_COURSE_LANGUAGE
    languages = _and_list(list(dict.fromkeys(
        LANGUAGE_NAMES.get(c.programming_language.value, c.programming_language.value)
        for c, _ in by_course.values() if c.programming_language)))
    return W("course-language", template.format(courses="; ".join(parts), language=mine, languages=languages))


def _language_unserved(chosen: list[_Chosen], sel: _Selection) -> PlanWarning | None:
    """One plain line when the learner prefers a language (R, Java, C++) that most of the plan's coding courses are
    not taught in, because the catalog teaches ML in another: what the plan uses instead."""
    preferred = sel.language
    if preferred == "python" or preferred not in CODE_LANGUAGES or sel.ctx.nested:
        return None
    langs: list[str] = [c.course.programming_language.value for c in chosen
             if c.course.programming_language and c.course.programming_language.value in CODE_LANGUAGES]
    if not langs or 2 * langs.count(preferred) >= len(langs):
        return None
    used = max(sorted(set(langs)), key=langs.count)
    return W("language-unserved", texts.PLANNER_WARN_LANGUAGE_UNSERVED.format(
        language=LANGUAGE_NAMES.get(preferred, preferred), used=LANGUAGE_NAMES.get(used, used)))


def _assignable(course: Course, skill_id: str, sel: _Selection) -> list[str]:
    """The gap skills a course is counted for: the one it was picked for, and those it adds whose prerequisites
    the learner has or the plan (this course included) teaches by then; an ML introduction that mentions LLMs
    does not stand in for learning them after transformers."""
    skills = sel.catalog.skill_by_id
    gained = _gain(course, sel)
    out = {skill_id}
    changed = True
    while changed:
        changed = False
        for s in gained:
            if s in out:
                continue
            if all(p not in sel.gap or sel.depth(p) > 0 or p in out for p in skills[s].prerequisites):
                out.add(s)
                changed = True
    return [s for s in gained if s in out] or [skill_id]


def _why_pick(course: Course, skill_id: str, key: _Key, runner: tuple[_Key, Course] | None,
              sel: _Selection) -> str:
    """What decided the pick and what it beat: "taught in Python, reaches the deep level the role needs,
    updated 2025; picked over X: 5 h, reaches only a basic level"."""
    skills = sel.catalog.skill_by_id
    reasons: list[str] = []
    lang = course.programming_language.value if course.programming_language else "none"
    if lang in CODE_LANGUAGES:
        reasons.append(texts.PLANNER_WHY_PICK_LANGUAGE.format(language=LANGUAGE_NAMES.get(lang, lang)))
    reached = depth_rank(course.teaches[skill_id])
    if reached >= sel.need[skill_id]:
        reasons.append(texts.PLANNER_WHY_PICK_DEPTH.format(depth=_DEPTH_NAME[sel.need[skill_id]]))
    else:
        reasons.append(texts.PLANNER_WHY_PICK_DEPTH_SHORT.format(skill=skills[skill_id].name,
                                                                 depth=_DEPTH_NAME[reached]))
    if key[8] == 0 and course.level is Level.beginner and sel.depth(skill_id) == 0:
        reasons.append(texts.PLANNER_WHY_PICK_LEVEL.format(level=course.level.value))
    if course.updated is not None:
        reasons.append(texts.PLANNER_WHY_PICK_UPDATED.format(year=course.updated))
    if course.editor_rank == 1:
        reasons.append(texts.PLANNER_WHY_PICK_EDITOR)
    if course.archived or key[1]:
        reasons.append(texts.PLANNER_WHY_PICK_OLD)
    text = texts.PLANNER_WHY_PICK.format(reasons=_cap(", ".join(reasons) if reasons else texts.PLANNER_WHY_PICK_FIT))
    if runner is not None:
        other_key, other = runner
        text += texts.PLANNER_WHY_BEAT.format(title=other.title, reason=_beat_reason(key, other_key, other,
                                                                                     skill_id, sel))
    return text


def _requirement_name(ref: str, sel: _Selection) -> str:
    """A `requires` entry in words: a course's title, or "Linux and the command line (basic)"."""
    if ":" in ref:
        skill_id, _, depth = ref.partition(":")
        skill = sel.catalog.skill_by_id.get(skill_id)
        return f"{skill.name if skill else skill_id} ({depth})"
    course = sel.catalog.course_by_id.get(ref)
    return course.title if course else ref


def _beat_reason(key: _Key, other_key: _Key, other: Course, skill_id: str, sel: _Selection) -> str:
    """Why the runner-up lost: the first fit criterion where it was worse, else its time and cost."""
    index = next((i for i, (a, b) in enumerate(zip(key, other_key, strict=True)) if a != b), 10)
    if index == 0:
        lang = other.programming_language.value if other.programming_language else "none"
        return texts.PLANNER_BEAT_LANGUAGE.format(language=LANGUAGE_NAMES.get(lang, lang))
    if index == 1:
        if other.archived:
            return texts.PLANNER_BEAT_ARCHIVED
        return texts.PLANNER_BEAT_STALE.format(year=other.updated)
    if index == 2:
        return texts.PLANNER_BEAT_REQUIRES.format(requires=", ".join(_requirement_name(r, sel)
                                                                     for r in _requires_unmet(other, sel)))
    if index == 3:
        return texts.PLANNER_BEAT_ADVANCED
    if index == 4:
        if all(s in sel.need or s in sel.known for s in other.teaches):
            return texts.PLANNER_BEAT_TOO_LONG.format(hours=other.hours)
        return texts.PLANNER_BEAT_MOSTLY_ELSE.format(hours=other.hours)
    if index == 5:
        return texts.PLANNER_BEAT_OFF_HOME
    if index in (6, 8):
        return texts.PLANNER_BEAT_LEVEL.format(level=other.level.value)
    if index == 7:
        return texts.PLANNER_BEAT_DEPTH.format(hours=other.hours,
                                               depth=_DEPTH_NAME[depth_rank(other.teaches[skill_id])])
    if index == 9:
        return texts.PLANNER_BEAT_RANK
    mine = set(_gain(sel.catalog.course_by_id[key[11]], sel)) if key[11] in sel.catalog.course_by_id else set()
    theirs = [s for s in _gain(other, sel) if s in mine]
    if mine and len(theirs) < len(mine):
        names = ", ".join(sel.catalog.skill_by_id[s].name for s in theirs) or "-"
        return texts.PLANNER_BEAT_NARROWER.format(hours=other.hours, skills=names)
    return texts.PLANNER_BEAT_TIME.format(hours=other.hours, cost=_money(_course_cost(other, sel)))


def _put_back(sel: _Selection) -> list[_Chosen]:
    """Courses the learner un-marked that the plan would otherwise leave out (a finished skill implies what
    they teach): they stay, in the stage of their field, because the learner said they still take them."""
    out: list[_Chosen] = []
    assert sel.cache is not None
    for course_id in sorted(sel.ctx.put_back - sel.chosen_ids):
        course = sel.catalog.course_by_id.get(course_id)
        if course is None or course.status is not Status.active or not any(k in sel.need for k in course.teaches):
            continue  # gone from the catalog, or about nothing this role needs
        chosen = _Chosen(course=course, assigned=[], rank=sel.cache.home.get(course_id, 0))
        sel.why[course_id] = texts.PLANNER_WHY_PUT_BACK
        sel.chosen_ids.add(course_id)
        out.append(chosen)
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _home(course: Course, skills: Iterable[str], catalog: Catalog) -> int:
    """The stage where most of a course's gap-skill hours lie (ties: the earlier stage)."""
    hours: dict[int, float] = {}
    for skill_id in skills:
        skill = catalog.skill_by_id[skill_id]
        rank = CATEGORY_RANK[skill.category]
        hours[rank] = hours.get(rank, 0.0) + skill.hours
    return min(hours, key=lambda r: (-hours[r], r)) if hours else 0


def _ranks(topo: list[str], chosen: list[_Chosen], catalog: Catalog) -> dict[str, int]:
    """Stage rank of every gap skill and chosen course: by category, pushed later for prerequisites (a course
    after the courses teaching prerequisites of its skills); communication goes with the job search."""
    owner: dict[str, _Chosen] = {}
    for c in chosen:
        for s in c.assigned:
            owner.setdefault(s, c)  # the course that introduces a skill is where its dependents may start
    for c in chosen:
        # A course sits in the stage of the skill it was picked for (scikit-learn's course in classic ML, not
        # in engineering because it also serves a model), pushed later only for prerequisites.
        # A deep-learning book picked for the optimisation it also teaches stays with deep learning.
        primary = catalog.skill_by_id.get(c.primary)
        home = _home(c.course, [s for s in c.course.teaches if s in catalog.skill_by_id], catalog)
        c.rank = max(CATEGORY_RANK[primary.category], home) if primary else _home(c.course, c.assigned, catalog)
    rank = {s: CATEGORY_RANK[catalog.skill_by_id[s].category] for s in topo}
    changed = True
    while changed:
        changed = False
        for s in topo:
            course = owner.get(s)
            floor = max((rank[p] for p in catalog.skill_by_id[s].prerequisites
                         if p in rank and (course is None or owner.get(p) is not course)), default=0)
            if course is None:
                new = max(rank[s], floor)
            else:
                if floor > course.rank:
                    course.rank = floor
                    changed = True
                new = course.rank
            if new != rank[s]:
                rank[s] = new
                changed = True
    return rank


def _drop_repeats(chosen: list[_Chosen], sel: _Selection) -> None:
    """In the order the learner meets them, a course lists a skill only when it takes it deeper than the courses
    before it (no Docker on the MLOps course after the data-engineering course taught it further)."""
    ordered = sorted(chosen, key=lambda c: c.rank)  # stable: chosen order within a stage
    reach: dict[str, int] = {}
    for c in ordered:
        ranks = _ranks_of(c.course, sel)
        for s in list(c.assigned):
            if reach.get(s, 0) >= ranks.get(s, 0) and len(c.assigned) > 1 and s != c.primary:
                c.assigned.remove(s)
            else:
                reach[s] = max(reach.get(s, 0), ranks.get(s, 0))
    # A skill a course only touches on the way (not what it was picked for) is not listed there when a later
    # course teaches it further: an ML introduction does not count as the first of three NLP courses.
    later: dict[str, int] = {}
    for c in reversed(ordered):
        ranks = _ranks_of(c.course, sel)
        for s in list(c.assigned):
            if s != c.primary and len(c.assigned) > 1 and later.get(s, 0) > ranks.get(s, 0):
                c.assigned.remove(s)
        for s in c.assigned:
            later[s] = max(later.get(s, 0), ranks.get(s, 0))


def _settle(topo: list[str], chosen: list[_Chosen], rank: dict[str, int], catalog: Catalog) -> None:
    """After each course lists only what it takes furthest, a skill sits in the stage of a course that lists it
    (never a row in one stage taught by a course in another), and a course comes no earlier than the
    prerequisites of what it lists; a move that would put a skill after one that builds on it is not made."""
    skills = catalog.skill_by_id
    dependents: dict[str, list[str]] = {s: [] for s in topo}
    for s in topo:
        for p in skills[s].prerequisites:
            if p in dependents:
                dependents[p].append(s)
    for c in chosen:
        floor = max((rank[p] for s in c.assigned for p in skills[s].prerequisites
                     if p in rank and p not in c.assigned), default=c.rank)
        if floor > c.rank and all(rank[d] >= floor for s in c.assigned for d in dependents.get(s, [])
                                  if d not in c.assigned):
            c.rank = floor
            for s in c.assigned:
                if s in rank and rank[s] < floor:
                    rank[s] = floor
    listing: dict[str, set[int]] = {}
    for c in chosen:
        for s in c.assigned:
            listing.setdefault(s, set()).add(c.rank)
    changed = True
    while changed:  # dependents first, so a skill can follow a dependent that moved on; each moves once at most
        changed = False
        for s in reversed(topo):
            if s not in listing or rank[s] in listing[s]:
                continue
            new = min(listing[s])
            if all(rank[p] <= new for p in skills[s].prerequisites if p in rank) and \
                    all(rank[d] >= new for d in dependents[s]):
                rank[s] = new
                changed = True


def _order_courses(courses: list[_Chosen], topo: list[str]) -> list[_Chosen]:
    """Courses of a stage in the order they were chosen (prerequisites first, introductions before depth)."""
    return list(courses)


def _title_skills(skills: list[str], courses: list[_Chosen], uncovered: set[str]) -> list[str]:
    """What a stage is for: the skills its courses were picked for and its self-study skills (not what a course
    touches in passing)."""
    return [*(s for s in skills if s in uncovered), *(s for c in courses for s in ([c.primary] if c.primary
                                                                                 else c.assigned))]


def _stage_goal(stage_rank: int, skills: list[str], courses: list[_Chosen], present: set[int],
                met_before: list[tuple[str, str]], catalog: Catalog) -> tuple[str, list[tuple[int, str]]]:
    """A learning stage's goal names the skills of the stage's own kind; a skill of another kind that a course here
    teaches on the way is named apart ("also covered by these courses"), or left to the later stage about it,
    which then says it builds on it. Returns the goal and the (later stage rank, skill) pairs passed on."""
    own_categories = LEARNING_STAGES[stage_rank][3]
    lead = LEARNING_STAGES[stage_rank][2]
    by_course = {s for c in courses for s in c.assigned}
    own: list[str] = []
    also: list[str] = []
    apart: list[str] = []
    passed_on: list[tuple[int, str]] = []
    for skill_id in skills:
        category = catalog.skill_by_id[skill_id].category
        home = CATEGORY_RANK[category]
        if category in own_categories:
            own.append(skill_id)
        elif home > stage_rank and home in present and home < JOB_RANK:
            passed_on.append((home, skill_id))
        elif skill_id in by_course:
            also.append(skill_id)
        else:
            apart.append(skill_id)
    name = {s: catalog.skill_by_id[s].name for s in [*skills, *(s for s, _ in met_before)]}
    by_stage: dict[str, list[str]] = {}
    for skill_id, stage_title in met_before:
        by_stage.setdefault(stage_title, []).append(name[skill_id])
    begun = [texts.PLANNER_GOAL_BEGUN.format(skills=_and_list(names), stage=stage_title)
             for stage_title, names in by_stage.items()]
    if own:
        goal = texts.PLANNER_GOAL_LEARNING.format(lead=lead, skills=", ".join(name[s] for s in own))
    elif not skills and courses:
        # Only courses that take further what earlier stages began (every skill here was met before).
        deeper = list(dict.fromkeys(catalog.skill_by_id[s].name for c in courses for s in c.assigned))
        if deeper:
            stages = list(by_stage)
            where = "" if not stages else texts.PLANNER_GOAL_BEGUN_IN.format(
                stages=_and_list([f'"{t}"' for t in stages]), plural="s" if len(stages) > 1 else "")
            return texts.PLANNER_GOAL_DEEPEN.format(lead=lead, skills=_and_list(deeper), where=where), passed_on
        goal = texts.PLANNER_GOAL_LEAD.format(lead=lead)
    else:
        goal = texts.PLANNER_GOAL_LEAD.format(lead=lead)
    if also:
        goal += texts.PLANNER_GOAL_ALSO_COURSES.format(skills=", ".join(name[s] for s in also))
    if apart:
        goal += texts.PLANNER_GOAL_ALSO_HERE.format(skills=", ".join(name[s] for s in apart))
    if begun:
        goal += texts.PLANNER_GOAL_BUILDS_ON.format(parts="; and on ".join(begun))
    return goal, passed_on


def _stage_title(stage_id: str, skill_ids: Iterable[str], catalog: Catalog) -> str:
    """A stage title that says what it holds: its lead and the kinds of skill in it that belong to the stage (a
    deep-learning book that also teaches optimisation keeps the title "Deep learning")."""
    own = next((cats for sid, _, _, cats in LEARNING_STAGES if sid == stage_id), ())
    categories: list[SkillCategory] = []
    for s in skill_ids:
        category = catalog.skill_by_id[s].category
        if own and category not in own:
            continue
        if category not in categories:
            categories.append(category)
    categories.sort(key=lambda c: list(SkillCategory).index(c))
    labels = [texts.PLANNER_CATEGORY_LABELS[c.value] for c in categories]
    lead = texts.PLANNER_STAGE_TITLE_LEADS[stage_id]
    if not labels or (len(labels) == 1 and labels[0].lower() == lead.lower()):
        return lead
    joined = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + texts.PLANNER_AND + labels[-1]
    return texts.PLANNER_STAGE_TITLE.format(lead=lead, labels=joined)


# Share of a skill's hours (which take a learner to a working level) each depth stands at; deep is as much again.
_DEPTH_SHARE = {0: 0.0, 1: 0.5, 2: 1.0, 3: 2.0}


def self_study_hours(skill_hours: float, known: int, need: int) -> float:
    """Self-study hours from the depth known to the depth needed (working to deep: the skill's hours again; basic
    to working: half), never more than the plan gives someone starting from nothing (the skill's hours)."""
    if need <= known:
        return 0.0
    if known <= 0:
        return skill_hours
    return _hours(min(skill_hours, skill_hours * (_DEPTH_SHARE[need] - _DEPTH_SHARE[known])))


def _skill_item(skill_id: str, lead: str, self_study: bool, sel: _Selection) -> SkillItem:
    """A gap skill with why it is there; a skill the learner knows, needed deeper, says so and what is left."""
    skill = sel.catalog.skill_by_id[skill_id]
    known, need = sel.known.get(skill_id, 0), sel.need.get(skill_id, 0)
    hours = skill.hours
    depth = ""
    if 0 < known < need:
        depth = texts.PLANNER_WHY_SKILL_DEPTH_FROM.format(known=_DEPTH_NAME[known], need=_DEPTH_NAME[need])
        if self_study:
            hours = self_study_hours(skill.hours, known, need)
            depth = texts.PLANNER_WHY_SKILL_DEEPEN.format(known=_DEPTH_NAME[known], need=_DEPTH_NAME[need],
                                                          hours=hours)
    tail = "" if lead == texts.PLANNER_WHY_SKILL_JOB else f" {skill.why}"
    return SkillItem(id=skill.id, name=skill.name, why=f"{lead}{depth}{tail}".strip(), hours=hours,
                     self_study=self_study)


def _money(usd: float) -> str:
    return texts.PLANNER_FREE if usd == 0 else texts.PLANNER_MONEY.format(usd=round(usd, 2))


def _certificate(course: Course, sel: _Selection) -> tuple[float | None, str]:
    """(what the certificate costs at the learner's pace, how to say it); None when none is planned."""
    if not course.certificate:
        return None, texts.PLANNER_CERT_NONE
    if course.free_certificate:
        return 0.0, texts.PLANNER_CERT_FREE
    fee = course.certificate_cost(sel.pace) or 0.0
    if sel.free_only and fee > 0:
        return None, texts.PLANNER_CERT_AUDIT
    if fee == 0:
        # Included in what the learner pays to study it (a subscription): not a free certificate.
        paid = course.learning_cost(sel.pace) > 0
        return 0.0, texts.PLANNER_CERT_INCLUDED if paid else texts.PLANNER_CERT_FREE
    return round(fee, 2), texts.PLANNER_CERT_COST.format(usd=round(fee, 2))


def _course_item(chosen: _Chosen, sel: _Selection) -> CourseItem:
    """The roadmap entry of a chosen course: what it covers, why it was picked, what it beat."""
    course = chosen.course
    catalog = sel.catalog
    cert_cost, cert_note = _certificate(course, sel)
    wants = bool(sel.profile.wants_certificates)
    why = sel.why.get(course.id, "")
    if wants and course.certificate and cert_cost is not None:
        why += " " + texts.PLANNER_WHY_COURSE_CERTIFICATE
    other = sel.beaten.get(course.id)
    alternative = None
    if other is not None and other.id not in sel.chosen_ids:  # never offer as "instead" what the plan also takes
        names = ", ".join(catalog.skill_by_id[s].name for s in other.teaches if s in chosen.assigned)
        share = (texts.PLANNER_ALTERNATIVE_ALL if all(s in other.teaches for s in chosen.assigned)
                 else texts.PLANNER_ALTERNATIVE_ONLY.format(skills=names or "-"))
        alt_cost = other.learning_cost(sel.pace)
        alternative = CourseRef(id=other.id, title=other.title, provider=other.provider, url=other.url,
                                cost_usd=alt_cost, hours=other.hours,
                                why=texts.PLANNER_WHY_ALTERNATIVE.format(share=share, hours=other.hours,
                                                                         cost=_money(alt_cost)))
    return CourseItem(
        id=course.id, title=course.title, provider=course.provider, url=course.url,
        cost_usd=round(course.learning_cost(sel.pace), 2), hours=course.hours, skills=list(chosen.assigned),
        why=why.strip(), level=course.level, certificate=course.certificate and cert_cost is not None,
        alternative=alternative, verified_on=course.verified_on,
        certificate_cost_usd=cert_cost if wants else None, certificate_note=cert_note,
        about=course.hours_basis is HoursBasis.estimate,
        reaches={s: _DEPTH_NAME[depth_rank(course.teaches[s])] for s in chosen.assigned},
    )


def _certificate_warnings(chosen: list[_Chosen], sel: _Selection) -> list[PlanWarning]:
    """What certificates cost (when wanted), or which courses are audit only on a free budget."""
    if not sel.profile.wants_certificates:
        return []
    out: list[PlanWarning] = []
    with_cert = [c.course for c in chosen if c.course.certificate]
    if sel.free_only:
        audit = [c for c in with_cert if not c.free_certificate and (c.certificate_cost(sel.pace) or 0) > 0]
        free = [c for c in with_cert if c not in audit]
        if audit:
            costs = ", ".join(f"{c.title} {_money(c.certificate_cost(sel.pace) or 0)}" for c in audit)
            extra = texts.PLANNER_WARN_AUDIT_FREE.format(titles=", ".join(c.title for c in free)) if free else ""
            out.append(W("audit-only", texts.PLANNER_WARN_AUDIT_ONLY.format(
                titles=", ".join(c.title for c in audit), costs=costs, free=extra)))
        return out
    paid = [(c, c.certificate_cost(sel.pace) or 0.0) for c in with_cert]
    paid = [(c, fee) for c, fee in paid if fee > 0]
    if paid:
        total = round(sum(fee for _, fee in paid), 2)
        items = ", ".join(f"{c.title} {_money(fee)}" for c, fee in paid)
        out.append(W("certificate-costs", texts.PLANNER_WARN_CERT_COSTS.format(total=total, pace=sel.pace,
                                                                              items=items)))
    return out


# ---------------------------------------------------------------- projects
# A plan whose learning alone takes longer than this at the learner's pace gets the one project that proves the most.
ONE_PROJECT_WEEKS = 156
# Skills that mean training a model: a project with one of them builds a model, not only serves or analyses one.
MODEL_SKILLS = frozenset({
    "supervised-learning", "unsupervised-learning", "gradient-boosting", "neural-networks", "cnns",
    "sequence-models", "transformers", "generative-models", "llm-fine-tuning", "time-series-forecasting",
    "recommender-systems", "reinforcement-learning", "object-detection", "computer-vision", "speech-processing",
    "nlp-fundamentals",
})
# Categories whose skills a portfolio can show; maths, languages and soft skills show in every project.
SHOWN_CATEGORIES = frozenset({
    SkillCategory.data, SkillCategory.ml, SkillCategory.deep_learning, SkillCategory.nlp, SkillCategory.cv,
    SkillCategory.llm, SkillCategory.mlops, SkillCategory.engineering, SkillCategory.research,
})
MAX_MISSING_SKILLS = 2  # a project may need two skills the plan does not teach (learnt while doing it), not more
REDUNDANT_SHARE = 0.6  # a project whose skills the chosen ones already show at this share adds little


def _domain_fits(project: Project, role: Role, domain: Domain | None, learned: set[str], catalog: Catalog) -> bool:
    """A project of a specialisation fits that specialisation; a plan without one may take projects of the
    role's general domains (business data, forecasting) that need at most MAX_MISSING_SKILLS skills the plan does
    not teach, never of a specialist one (vision, language, LLMs)."""
    if project.domain is None:
        return True
    if domain is not None:
        return project.domain == domain.id
    general = catalog.domain_by_id.get(project.domain)
    specialist = SPECIAL_CATEGORIES | {SkillCategory.deep_learning}
    return (general is not None and project.domain in role.domains
            and not any(catalog.skill_by_id[s].category in specialist
                        for s in general.skills if s in catalog.skill_by_id)
            and sum(1 for s in project.skills if s not in learned) <= MAX_MISSING_SKILLS)


def _rank_projects(
    role: Role, domain: Domain | None, known: Mapping[str, int], gap: set[str], target: set[str], catalog: Catalog,
    ctx: _Context,
) -> list[Project]:
    """Projects that fit the role and specialisation, best first: specialisation, skills the plan teaches or
    the learner knows, end to end, most of the role's skills shown."""
    wanted = target | gap
    learned = set(known) | gap
    # A role no project names borrows the projects that show most of its skills (an AI product manager's
    # experiment analysis), so every roadmap has a portfolio.
    scored = _score_projects(role, domain, wanted, learned, catalog, ctx, False)
    named = any(role.id in p.roles and _domain_fits(p, role, domain, learned, catalog) for p in catalog.projects)
    if not named:
        scored = _score_projects(role, domain, wanted, learned, catalog, ctx, True)
    return [p for _, p in sorted(scored, key=lambda pair: pair[0])]


def _score_projects(role: Role, domain: Domain | None, wanted: set[str], learned: set[str], catalog: Catalog,
                    ctx: _Context, any_role: bool) -> list[tuple[tuple[int, int, int, int, float, str], Project]]:
    scored: list[tuple[tuple[int, int, int, int, float, str], Project]] = []
    for project in catalog.projects:
        if item_key("project", project.id) in ctx.exclude:
            continue
        if project.roles and role.id not in project.roles and not any_role:
            continue
        if not _domain_fits(project, role, domain, learned, catalog):
            continue
        overlap = sum(1 for s in project.skills if s in wanted)
        if overlap == 0:
            continue
        missing = sum(1 for s in project.skills if s not in learned)
        domain_match = 1 if domain is not None and project.domain == domain.id else 0
        role_match = 1 if role.id in project.roles else 0
        scored.append(((-domain_match, missing, -role_match, -overlap - (1 if project.end_to_end else 0),
                        project.hours, project.id), project))
    return scored


def _aimed_project(aimed: set[str], picked: list[ProjectItem], role: Role, domain: Domain | None,
                   learned: set[str], catalog: Catalog, ctx: _Context) -> list[ProjectItem]:
    """Issue 17: the catalog project (of any role) showing most of a job ad's new skills the picked ones miss."""
    uncovered = aimed - {s for p in picked for s in p.skills}
    taken = {p.id for p in picked}
    fits = [(-len(uncovered & set(p.skills)), p.hours, p.id, p) for p in catalog.projects
            if p.id not in taken and uncovered & set(p.skills) and item_key("project", p.id) not in ctx.exclude
            and (p.domain is None or (domain is not None and p.domain == domain.id))]
    if not fits:
        return []
    return _pick_projects([min(fits, key=lambda f: f[:3])[3]], 1, role, domain, aimed, learned, catalog, None)[:1]


def _project_count(pace: float, learning_hours: float, ctx: _Context) -> int:
    """Two projects, three with plenty of time a week; one when the learning alone takes over three years at
    the learner's pace; minus the ones already done."""
    weeks = learning_hours / pace if pace > 0 else float("inf")
    wanted = 1 if weeks > ONE_PROJECT_WEEKS else 3 if pace >= MANY_HOURS_PER_WEEK else 2
    if ctx.done_projects:
        return max(0, MAX_PROJECTS - ctx.done_projects) if wanted > 1 else 0
    return wanted


def _years_if_one(pace: float, learning_hours: float, ctx: _Context) -> float | None:
    """The years the learning takes when that is why the plan holds one project (so it can say so), else None."""
    weeks = learning_hours / pace if pace > 0 else float("inf")
    return round(weeks / 52, 1) if weeks > ONE_PROJECT_WEEKS and not ctx.done_projects else None


def builds_models(role: Role) -> bool:
    """Whether the role trains models itself (an ML engineer, a data scientist), not only serves or uses them."""
    return any(rs.skill in MODEL_SKILLS and DEPTH_RANK[rs.depth] >= DEPTH_RANK[Depth.working]
               for rs in role.required_skills)


def _showcase(role: Role, domain: Domain | None, catalog: Catalog) -> set[str]:
    """The skills a hiring manager for this role most wants to see in a portfolio: among those a project can
    show, the ones the role needs most deeply (RAG for an AI engineer, A/B testing for an AI product manager),
    and the specialisation's own."""
    showable = [rs for rs in role.required_skills
                if rs.skill in catalog.skill_by_id and catalog.skill_by_id[rs.skill].category in SHOWN_CATEGORIES]
    top = max((DEPTH_RANK[rs.depth] for rs in showable), default=0)
    return {rs.skill for rs in showable if DEPTH_RANK[rs.depth] == top} | {
        s for s in (domain.skills if domain else []) if s in catalog.skill_by_id}


def _models(project: Project) -> bool:
    return any(s in MODEL_SKILLS for s in project.skills)


def _easier_part(small: Project, big: Project) -> bool:
    """Whether `small` is an easier exercise inside `big` (serving a model, inside a whole MLOps pipeline)."""
    return set(small.skills) <= set(big.skills) and LEVEL_RANK[small.difficulty] < LEVEL_RANK[big.difficulty]


def _choose_projects(ranked: list[Project], count: int, role: Role, domain: Domain | None, learned: set[str],
                     wanted: set[str], catalog: Catalog, senior: bool = False) -> list[Project]:
    """`count` projects that together prove the most, one at a time: first the specialisation, an end-to-end
    deployed project (one that builds a model, for roles that build models), a model-building one, then the
    showcase skills not yet shown; never one that mostly repeats a chosen one, nor one needing skills the plan
    does not teach when another fits, nor a beginner's exercise for a senior engineer when a harder one fits."""
    builder = builds_models(role)
    showcase = _showcase(role, domain, catalog)
    chosen: list[Project] = []
    for slot in range(min(count, len(ranked))):
        last = slot == count - 1
        shown = {s for p in chosen for s in p.skills}
        has_domain = domain is not None and any(c.domain == domain.id for c in chosen)
        has_e2e = any(c.end_to_end for c in chosen)
        has_model = any(_models(c) for c in chosen)
        has_e2e_model = any(c.end_to_end and _models(c) for c in chosen)
        best: tuple[tuple[int, ...], Project] | None = None
        for index, p in enumerate(ranked):
            if p in chosen:
                continue
            gains = 0
            if domain is not None and p.domain == domain.id and not has_domain:
                gains += 8
            if builder and p.end_to_end and _models(p) and not has_e2e_model:
                gains += 4
            if p.end_to_end and not has_e2e:
                gains += 16 if last else 2  # the last place goes to a deployed project if none is in yet
            if builder and _models(p) and not has_model:
                gains += 1
            new_showcase = sum(1 for s in p.skills if s in showcase and s not in shown)
            repeats = (not new_showcase and sum(1 for s in p.skills if s in shown) >= REDUNDANT_SHARE * len(p.skills)
                       ) or any(_easier_part(p, c) or _easier_part(c, p) for c in chosen)
            fits = sum(1 for s in p.skills if s not in learned) <= MAX_MISSING_SKILLS
            level_ok = not (senior and role.family is RoleFamily.engineering and p.difficulty is Level.beginner)
            if chosen and not fits:
                continue  # only the first place may need more new skills, so that there is a portfolio at all
            new_wanted = sum(1 for s in p.skills if s in wanted and s not in shown)
            on_show = sum(1 for s in p.skills if s in showcase)
            key = (int(fits), int(not repeats), gains, int(level_ok), new_showcase, on_show, new_wanted, -index)
            if best is None or key > best[0]:
                best = (key, p)
        if best is None:
            break
        chosen.append(best[1])
    # The specialisation first, then easier before harder: each project builds on the one before it.
    return sorted(chosen, key=lambda p: (domain is None or p.domain != domain.id, LEVEL_RANK[p.difficulty], p.hours,
                                         p.id))


def _pick_projects(ranked: list[Project], count: int, role: Role, domain: Domain | None, wanted: set[str],
                   learned: set[str], catalog: Catalog, years: float | None, senior: bool = False,
                   ) -> list[ProjectItem]:
    """The portfolio items: the chosen projects with what each shows and why it is there."""
    if count <= 0 or not ranked:
        return []
    out: list[ProjectItem] = []
    before = set(learned)  # a skill the first project introduces is not new again in the next one
    for project in _choose_projects(ranked, count, role, domain, learned, wanted, catalog, senior):
        uses = ", ".join(catalog.skill_by_id[s].name for s in project.skills if s in wanted)
        new = [catalog.skill_by_id[s].name for s in project.skills if s not in before and s in catalog.skill_by_id]
        before |= set(project.skills)
        fit = texts.PLANNER_WHY_PROJECT_FIT.format(domain=domain.name) \
            if domain is not None and project.domain == domain.id else ""
        if project.end_to_end:
            fit += texts.PLANNER_WHY_PROJECT_E2E
        if new:
            fit += texts.PLANNER_WHY_PROJECT_NEW.format(skills="; ".join(new))  # names hold commas
        if years is not None:
            fit += texts.PLANNER_WHY_PROJECT_ONE.format(years=f"{years:g}")
        out.append(ProjectItem(
            id=project.id, title=project.title,
            description=texts.PLANNER_PROJECT_DESCRIPTION.format(idea=project.idea, deliverable=project.deliverable),
            hours=project.hours, skills=list(project.skills), why=texts.PLANNER_WHY_PROJECT.format(
                skills=uses or ", ".join(project.skills), fit=fit),
            end_to_end=project.end_to_end,
        ))
    return out


def _active_successor(cert: Certification, catalog: Catalog) -> Certification | None:
    """Follow replacements to the active certification that replaced this one, if any."""
    seen = {cert.id}
    current = cert
    while current.status is not Status.active:
        if current.replacement is None or current.replacement in seen:
            return None
        nxt = catalog.certification_by_id.get(current.replacement)
        if nxt is None:
            return None
        seen.add(nxt.id)
        current = nxt
    return current



def _choose_certifications(
    profile: LearnerProfile, role: Role, target: set[str], catalog: Catalog, ctx: _Context, left: float | None,
    free_only: bool = False,
) -> tuple[list[CertificationItem], list[str], list[PlanWarning]]:
    """Certifications to take when wanted (named ones first, extra ones only within budget), notices, warnings.

    With a free-only budget no paid exam is planned; a warning names the best-fitting one and its cost."""
    notices: list[str] = []
    warnings: list[PlanWarning] = []
    named: list[Certification] = []
    for cert_id in profile.named_certifications:
        cert = catalog.certification_by_id.get(cert_id)
        if cert is None:
            notices.append(texts.PLANNER_NOTICE_UNKNOWN_CERT.format(cert=cert_id))
            continue
        if cert.status is Status.active:
            named.append(cert)
            continue
        successor = _active_successor(cert, catalog)
        when = texts.PLANNER_NOTICE_RETIRED_ON.format(date=cert.retired_on.isoformat()) if cert.retired_on else ""
        if successor is not None:
            notices.append(texts.PLANNER_NOTICE_CERT_REPLACED.format(
                name=cert.name, issuer=cert.issuer, when=when, successor=successor.name,
                successor_issuer=successor.issuer))
            named.append(successor)
        else:
            notices.append(texts.PLANNER_NOTICE_CERT_RETIRED.format(name=cert.name, issuer=cert.issuer, when=when))
    held = set(profile.held_certifications)
    held_names = [catalog.certification_by_id[c].name for c in profile.held_certifications
                  if c in catalog.certification_by_id]
    if held_names and not ctx.nested:
        warnings.append(W("held-certifications", texts.PLANNER_WARN_HELD_CERT.format(names=", ".join(held_names))))
    named = [c for c in named if c.id not in held]
    if not profile.wants_certificates:
        return [], notices, warnings
    picked: list[tuple[Certification, str]] = []
    for cert in named:
        if all(cert.id != c.id for c, _ in picked):
            picked.append((cert, texts.PLANNER_WHY_CERT_ASKED))
    candidates = sorted(
        (c for c in catalog.certifications if c.status is Status.active and role.id in c.roles),
        key=lambda c: (-sum(1 for s in c.skills if s in target), -sum(1 for s in c.skills if s in target)
                       / len(c.skills), c.cost_usd, c.id))
    for cert in candidates:
        if all(cert.id != c.id for c, _ in picked):
            tests = (", ".join(catalog.skill_by_id[s].name for s in cert.skills if s in target)
                     or texts.PLANNER_CERT_ITS_FIELD)
            picked.append((cert, texts.PLANNER_WHY_CERT_ROLE.format(role=role.name, skills=tests)))
    cap = max(0, MAX_CERTIFICATIONS - ctx.done_certs)
    # With years of work behind them, a learner's CV puts certifications last: one that fits is plenty.
    extra_cap = 1 if seniority_of(profile) in (Seniority.experienced, Seniority.senior) else cap
    asked = {c.id for c in named}
    out: list[CertificationItem] = []
    skipped_paid: Certification | None = None
    for cert, why in picked:
        if len(out) >= cap or item_key("cert", cert.id) in ctx.exclude or cert.id in held:
            continue
        # One track per vendor, and no second vendor's exam the learner did not ask for once one is planned.
        if cert.id not in asked and (any(c.issuer == cert.issuer for c in out) or len(out) >= extra_cap):
            continue
        if free_only and cert.cost_usd > 0:
            skipped_paid = skipped_paid or cert
            continue
        # The first certification stays even over budget (the explanation says so); others must fit.
        if out and left is not None and cert.cost_usd > left + 1e-9:
            continue
        out.append(CertificationItem(id=cert.id, name=cert.name, issuer=cert.issuer, url=cert.url,
                                     cost_usd=cert.cost_usd, prep_hours=cert.prep_hours, status=cert.status,
                                     why=why))
        if left is not None:
            left -= cert.cost_usd
    if skipped_paid is not None:
        planned = "" if out else texts.PLANNER_WARN_NO_CERT_PLANNED
        warnings.append(W("free-only-exam", texts.PLANNER_WARN_FREE_ONLY_EXAM.format(
            planned=planned, name=skipped_paid.name, issuer=skipped_paid.issuer, cost=skipped_paid.cost_usd)))
    return out, notices, warnings



def _ceil(value: float) -> int:
    """Ceiling that ignores float noise (21.000000000000004 is 21)."""
    return math.ceil(round(value, 6))


def _floor(value: float) -> int:
    return math.floor(round(value, 6))


def _stage_hours(raw: Mapping[str, Any]) -> float:
    """Study time of a stage: courses, self-study skills, certification prep, projects and steps."""
    hours = sum(c.hours for c in raw.get("courses", []))
    hours += sum(s.hours for s in raw.get("skills", []) if s.self_study)
    hours += sum(c.prep_hours for c in raw.get("certifications", []))
    hours += sum(p.hours for p in raw.get("projects", []))
    hours += sum(s.hours for s in raw.get("steps", []))
    return round(hours, 1)


def _schedule(raws: list[dict[str, Any]], today: date, pace: float) -> list[Stage]:
    """Stages one after another at `pace` hours a week, with dates and week numbers."""
    out: list[Stage] = []
    elapsed = 0.0
    for index, raw in enumerate(raws, start=1):
        hours = _stage_hours(raw)
        start = today + timedelta(days=_floor(elapsed * 7 / pace))
        week_from = _floor(elapsed / pace) + 1
        elapsed += hours
        end = max(start, today + timedelta(days=_ceil(elapsed * 7 / pace) - 1))
        week_to = max(week_from, _ceil(elapsed / pace))
        out.append(Stage(index=index, start=start, end=end, week_from=week_from, week_to=week_to, hours=hours,
                         **raw))
    return out




@dataclass(frozen=True)
class _Adjacent:
    """A neighbouring role reachable by the deadline."""

    role: Role
    hours: float
    end: date


def _adjacent_role(profile: LearnerProfile, role: Role, catalog: Catalog, today: date,
                   ctx: _Context) -> _Adjacent | None:
    """The role that shares the most of the target's skills and is reachable by the deadline at the learner's
    pace (a data analyst before a data scientist); None when none is. At most a few candidates are planned."""
    deadline = profile.deadline
    if deadline is None or deadline <= today:
        return None
    listed = _first_step_role(profile, role, catalog, today, ctx, math.inf, before=deadline)
    if listed is not None:
        return listed
    target = _closure([rs.skill for rs in role.required_skills], catalog)
    known = _known_depths(profile, catalog, ctx.extra_known, ctx.course_depths, ctx.skills_back)
    scored: list[tuple[float, str, Role]] = []
    weeks = (deadline - today).days / 7
    for other in catalog.roles:
        if other.id == role.id or other.id in role.adjacent or (
                other.family is RoleFamily.product and role.family is not RoleFamily.product):
            continue
        skills = _closure([rs.skill for rs in other.required_skills], catalog)
        if not skills:
            continue
        # A step on the way: mostly the target's own skills, and the least left to learn for this learner.
        inside = len(skills & target) / len(skills)
        if inside >= ADJACENT_MIN_INSIDE:
            left = sum(catalog.skill_by_id[s].hours for s in skills if s in catalog.skill_by_id and s not in known)
            if left / profile_pace(profile) <= weeks:  # a lower bound: more left than fits is never reachable
                scored.append((left, other.id, other))
    scored.sort(key=lambda t: (t[0], t[1]))
    nested = replace(ctx, nested=True)
    for _, _, other in scored[:ADJACENT_CANDIDATES]:
        candidate = profile.model_copy(update={"target_role": other.id, "domain": None, "deadline": None,
                                               "wants_certificates": False})
        try:
            roadmap = _plan(candidate, catalog, today, nested)
        except PlanError:
            continue
        if roadmap.totals.end_date <= deadline:
            return _Adjacent(role=other, hours=roadmap.totals.hours, end=roadmap.totals.end_date)
    return None


def _gap_hours(profile: LearnerProfile, role: Role, catalog: Catalog, ctx: _Context) -> float:
    """A quick measure of how far a role is for this learner: the hours of the skills (with prerequisites) they
    still lack. Used to pick which neighbouring role to plan in full."""
    known = _known_depths(profile, catalog, ctx.extra_known, ctx.course_depths, ctx.skills_back)
    need = {rs.skill: depth_rank(rs.depth) for rs in role.required_skills}
    return sum(catalog.skill_by_id[s].hours for s in _closure(need, catalog)
               if s in catalog.skill_by_id and known.get(s, 0) < need.get(s, 1))


def _first_step_role(profile: LearnerProfile, role: Role, catalog: Catalog, today: date, ctx: _Context,
                     total: float, before: date | None = None) -> _Adjacent | None:
    """The first of the role's adjacent roles (roles.yaml `adjacent`, nearest first) whose own plan for this
    learner is clearly shorter and done by `before`; with no date, the nearest one that looks reachable within
    two years at their pace, else the one with the least left to learn (one full plan, to keep planning fast).
    None when none is."""
    others = [r for r in (catalog.role_by_id.get(i) for i in role.adjacent) if r is not None and r.id != role.id]
    if before is None and others:
        gaps = {r.id: _gap_hours(profile, r, catalog, ctx) for r in others}
        target_gap = _gap_hours(profile, role, catalog, ctx)
        # Courses and projects take about twice the bare skill hours: a rough screen, not a figure to show.
        fits = [r for r in others if gaps[r.id] < target_gap and 2 * gaps[r.id] / profile_pace(profile)
                <= SLOW_PLAN_WEEKS]
        others = fits[:1] or [min(others, key=lambda r: (gaps[r.id], r.id))]
    elif before is not None:
        # The bare hours left to learn are a lower bound of a plan: skip neighbours that cannot fit in time.
        weeks = max(0, (before - today).days) / 7
        others = [r for r in others if _gap_hours(profile, r, catalog, ctx) / profile_pace(profile) <= weeks]
    nested = replace(ctx, nested=True)
    for other in others:
        candidate = profile.model_copy(update={"target_role": other.id, "domain": None, "deadline": None,
                                               "wants_certificates": False})
        try:
            roadmap = _plan(candidate, catalog, today, nested)
        except PlanError:
            continue
        if roadmap.totals.hours >= FIRST_STEP_SHARE * total:
            continue
        if before is None or roadmap.totals.end_date <= before:
            return _Adjacent(role=other, hours=roadmap.totals.hours, end=roadmap.totals.end_date)
    return None


def profile_pace(profile: LearnerProfile) -> float:
    """The learner's weekly hours as the schedule uses them (the default when unsaid)."""
    hours = profile.hours_per_week
    return float(hours) if hours and hours >= MIN_HOURS_PER_WEEK else DEFAULT_HOURS_PER_WEEK


def _slow_warning(profile: LearnerProfile, role: Role, catalog: Catalog, today: date, ctx: _Context, pace: float,
                  total: float, weeks: int) -> str:
    """A plan of more than two years at the learner's pace: say so plainly, with a first role on the way."""
    text = texts.PLANNER_WARN_SLOW_LEAD.format(pace=pace, years=_years(weeks))
    step = _first_step_role(profile, role, catalog, today, ctx, total)
    if step is not None:
        text += " " + texts.PLANNER_WARN_SLOW_STEP.format(
            role=step.role.name, hours=_hours(step.hours), years=_years(_ceil(step.hours / pace)))
    if pace < DEFAULT_HOURS_PER_WEEK:
        text += " " + texts.PLANNER_WARN_SLOW_MORE.format(
            hours=DEFAULT_HOURS_PER_WEEK, other_years=_years(_ceil(total / DEFAULT_HOURS_PER_WEEK)))
    return text


def _years(weeks: int) -> str:
    """Weeks as years in words: "about 1 year", "2.5 years"."""
    years = round(weeks / 52, 1)
    return texts.PLANNER_YEARS.format(years=years) if years != 1 else texts.PLANNER_ONE_YEAR


def _hours(value: float) -> float:
    """Hours as people say them: whole hours, or a half at most."""
    return round(value * 2) / 2 if value < 10 else float(round(value))


def _severe(deadline: date, today: date, total: float, pace: float) -> bool:
    """The deadline needs more than 40 h/week or more than twice the learner's pace (or has passed)."""
    days = (deadline - today).days
    if days <= 0:
        return True
    needed = total / (days / 7)
    return needed > MAX_STUDY_HOURS_PER_WEEK or needed > SEVERE_PACE_FACTOR * pace


def _deadline_explanation(
    deadline: date, today: date, pace: float, stages: list[Stage], total: float, end: date,
    domain_only: set[str], adjacent: _Adjacent | None,
) -> DeadlineExplanation:
    """A missed deadline: when it is far out of reach, lead with what is reachable (the earliest date at the
    learner's pace, an adjacent role, a first milestone, a narrower scope) and put more hours last, never
    above 40 a week; when it is close, more hours first."""
    drop: list[Droppable] = []
    for stage in stages:
        if stage.kind == "portfolio":
            drop.extend(Droppable(key=item_key("project", p.id), title=p.title, hours=p.hours, cost_usd=0)
                        for p in stage.projects[1:])
        if stage.kind == "certification":
            drop.extend(Droppable(key=item_key("cert", c.id), title=c.name, hours=c.prep_hours,
                                  cost_usd=c.cost_usd) for c in stage.certifications)
        if stage.kind == "learning" and domain_only:
            drop.extend(Droppable(key=item_key("course", c.id), title=c.title, hours=c.hours, cost_usd=c.cost_usd)
                        for c in stage.courses if c.skills and set(c.skills) <= domain_only)
            drop.extend(Droppable(key=item_key("skill", s.id), title=s.name, hours=s.hours, cost_usd=0)
                        for s in stage.skills if s.self_study and s.id in domain_only)
    saved = round(sum(d.hours for d in drop), 1)
    after = max(0.0, total - saved)
    end_after = today + timedelta(days=max(0, _ceil(after * 7 / pace) - 1))
    fits_after = deadline >= today and end_after <= deadline
    days = (deadline - today).days
    needed = math.ceil(total / (days / 7) * 2) / 2 if days > 0 else None  # whole or half hours, rounded up
    severe = needed is None or needed > MAX_STUDY_HOURS_PER_WEEK or needed > SEVERE_PACE_FACTOR * pace
    ways: list[str] = []
    hours_way = None
    if needed is not None and needed <= MAX_STUDY_HOURS_PER_WEEK:
        hours_way = texts.PLANNER_ADVICE_HOURS.format(needed=needed, pace=pace)
    elif needed is not None:
        hours_way = texts.PLANNER_ADVICE_HOURS_NONE
    if not severe and hours_way is not None:
        ways.append(hours_way)
    ways.append(texts.PLANNER_ADVICE_EARLIEST.format(end=end.isoformat()))
    if adjacent is not None:
        ways.append(texts.PLANNER_ADVICE_ADJACENT.format(role=adjacent.role.name, hours=_hours(adjacent.hours),
                                                         end=adjacent.end.isoformat()))
    reachable = [s for s in stages if s.kind == "learning" and s.end <= deadline]
    if severe and reachable and deadline >= today:
        names = ", ".join(f"{s.index}. {s.title}" for s in reachable)
        ways.append(texts.PLANNER_ADVICE_MILESTONE.format(deadline=deadline.isoformat(), stages=names))
    elif severe and deadline > today:
        # No whole stage fits: the first courses that do are still a milestone to aim for.
        budget_hours = (deadline - today).days / 7 * pace
        done: list[str] = []
        spent = 0.0
        for course in (c for s in stages if s.kind == "learning" for c in s.courses):
            spent += course.hours
            if spent > budget_hours:
                break
            done.append(course.title)
        if done:
            ways.append(texts.PLANNER_ADVICE_MILESTONE.format(deadline=deadline.isoformat(), stages=", ".join(done)))
    if drop:
        enough = texts.PLANNER_WAY_DROP_ENOUGH if fits_after else texts.PLANNER_WAY_DROP_NOT_ENOUGH
        ways.append(texts.PLANNER_ADVICE_DROP.format(titles=", ".join(d.title for d in drop), hours=saved,
                                                     enough=enough))
    # Far out of reach, more hours a week is no advice: more than 40, or more than twice the learner's pace.
    if needed is None:
        lead = texts.PLANNER_DEADLINE_LATE.format(pace=pace, end=end.isoformat(), deadline=deadline.isoformat())
        lead += " " + texts.PLANNER_DEADLINE_PASSED
    elif severe:
        shown = (texts.PLANNER_DEADLINE_NEEDED_HOURS.format(needed=needed) if needed <= MAX_STUDY_HOURS_PER_WEEK
                 else texts.PLANNER_DEADLINE_NEEDED_TOO_MANY)
        lead = texts.PLANNER_DEADLINE_OUT_OF_REACH.format(deadline=deadline.isoformat(), needed=shown, pace=pace,
                                                          end=end.isoformat())
    else:
        lead = texts.PLANNER_DEADLINE_MILD.format(pace=pace, end=end.isoformat(), deadline=deadline.isoformat())
    ways = [_cap(ways[0]), *ways[1:]] if ways else ways
    text = f"{lead} {texts.PLANNER_ADVICE_LEAD.format(ways=texts.PLANNER_WAYS_JOIN.join(ways))}"
    return DeadlineExplanation(
        deadline=deadline, hours_per_week=pace, hours_per_week_needed=needed, earliest_date=end, drop=drop,
        fits_after_dropping=fits_after, text=text, severe=severe, accept_date=end, advice=ways,
        adjacent_role=adjacent.role.id if adjacent else None,
        adjacent_hours=adjacent.hours if adjacent else None,
    )


def _slack(
    deadline: date, end: date, pace: float, ranked: list[Project], projects: list[ProjectItem],
    certs: list[CertificationItem], role: Role, profile: LearnerProfile, catalog: Catalog, ctx: _Context,
) -> str | None:
    """What the weeks between the plan's end and the deadline could buy, when there are four or more."""
    days = (deadline - end).days
    if days < SLACK_MIN_DAYS:
        return None
    spare = round(days / 7 * pace, 1)
    buys: list[str] = []
    taken = {p.id for p in projects}
    extra = next((p for p in ranked if p.id not in taken and p.hours <= spare), None)
    if extra is not None:
        buys.append(texts.PLANNER_SLACK_PROJECT.format(title=extra.title, hours=extra.hours))
    if not certs:
        held = set(profile.held_certifications)
        wanted = {rs.skill for rs in role.required_skills}
        cert = next((c for c in sorted(catalog.certifications,
                                       key=lambda c: (-sum(1 for s in c.skills if s in wanted), c.prep_hours, c.id))
                     if c.status is Status.active and role.id in c.roles and c.id not in held
                     and c.prep_hours <= spare), None)
        if cert is not None:
            buys.append(texts.PLANNER_SLACK_CERT.format(name=cert.name, hours=cert.prep_hours))
    if not buys:
        buys.append(texts.PLANNER_SLACK_REST)
    return texts.PLANNER_SLACK.format(end=end.isoformat(), weeks=days // 7, deadline=deadline.isoformat(),
                                      hours=spare, buy=texts.PLANNER_SLACK_OR.join(buys))


def _budget_explanation(budget: float, cost: float, stages: list[Stage]) -> BudgetExplanation:
    """Ways out of an exceeded budget: raise it, or drop the optional paid items (certification exams)."""
    paid = sorted(
        (Droppable(key=item_key("cert", c.id), title=c.name, hours=c.prep_hours, cost_usd=c.cost_usd)
         for s in stages for c in s.certifications if c.cost_usd > 0),
        key=lambda d: (-d.cost_usd, d.key))
    # Drop the dearest first and stop as soon as the plan fits: suggest no more than needed.
    drop: list[Droppable] = []
    for item in paid:
        if cost - sum(d.cost_usd for d in drop) <= budget + 1e-9:
            break
        drop.append(item)
    saved = round(sum(d.cost_usd for d in drop), 2)
    over = round(cost - budget, 2)
    fits_after = cost - saved <= budget + 1e-9
    text = texts.PLANNER_BUDGET_OVER.format(cost=cost, over=over, budget=budget)
    if drop:
        text += texts.PLANNER_BUDGET_DROP.format(titles=", ".join(d.title for d in drop), saved=saved)
    else:
        text += texts.PLANNER_BUDGET_END
    return BudgetExplanation(budget_usd=budget, cost_usd=cost, over_by_usd=over, drop=drop,
                             fits_after_dropping=fits_after, text=text)




def resolve_role(text: str | None, catalog: Catalog) -> Role:
    """The role named by id, name or alias (case-insensitive); PlanError naming the closest matches."""
    if not text:
        raise PlanError(texts.PLANNER_ERR_NO_ROLE)
    # Exact ids, names and aliases (normalised) are looked up in a table built once per catalog; anything
    # else goes through resolve_id, which finds the same first match or raises with the closest ones.
    cached = catalog.__dict__.get("_role_names")
    if cached is None or cached[0] is not catalog.roles:
        table: dict[str, str] = {}
        for r in catalog.roles:
            for label in (r.id, r.name, *r.aliases):
                table.setdefault(_normal(label), r.id)
        cached = (catalog.roles, table)
        catalog.__dict__["_role_names"] = cached
    hit = cached[1].get(_normal(text))
    if hit is not None:
        return catalog.role_by_id[hit]
    # Short forms the conversation understands ("nlp", "CV", "NLP eng"); a mere guess still fails below.
    understood = _understood_role(text, catalog)
    if understood is not None:
        return catalog.role_by_id[understood]
    found = resolve_id(text, {r.id: [r.name, *r.aliases] for r in catalog.roles}, "role")
    return catalog.role_by_id[found]


# Understanding needs a "today" for deadlines only; names of roles and skills do not depend on it.
_ANY_DAY = date(2000, 1, 1)


def _understood_role(text: str, catalog: Catalog) -> str | None:
    """The role understanding reads in a bare name ("NLP eng"), unless it is a guess it would ask about."""
    facts = understand(text, catalog, _ANY_DAY)
    if facts.target_role not in catalog.role_by_id or any(q.field == "target_role" for q in facts.questions):
        return None
    return facts.target_role


def _resolve_skill(text: str, names: Mapping[str, list[str]], catalog: Catalog) -> str:
    """A skill by id, name or alias, else the one skill understanding names exactly in it ("sklearn", "k8s")."""
    try:
        return resolve_id(text, names, "skill")
    except PlanError:
        understood = named_ids(text, catalog, "skill")
        if len(understood) == 1 and understood[0] in catalog.skill_by_id:
            return understood[0]
        raise


def _typo_of_a_skill(text: str, names: Mapping[str, list[str]]) -> bool:
    """True when the text looks like a misspelt skill ("pytorh"), not a skill outside the vocabulary ("Go")."""
    labels = [label for entry_id, more in names.items() for label in (entry_id, *more)]
    found = process.extractOne(_normal(text), [_normal(label) for label in labels], scorer=fuzz.ratio)
    return found is not None and found[1] >= TYPO_SCORE


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").replace("/", " ").split())


def resolve_id(text: str, names: Mapping[str, list[str]], kind: str) -> str:
    """Map an id, name or alias (case-insensitive) to its id; PlanError listing the closest matches."""
    wanted = _normal(text)
    for entry_id, labels in names.items():
        if wanted == _normal(entry_id) or any(wanted == _normal(label) for label in labels):
            return entry_id
    choices = {f"{entry_id}": entry_id for entry_id in names}
    for entry_id, labels in names.items():
        for label in labels:
            choices.setdefault(label, entry_id)
    close: list[str] = []
    for match in process.extract(text, list(choices), limit=10):
        entry_id = choices[match[0]]
        if entry_id not in close:
            close.append(entry_id)
    hint = texts.PLANNER_ERR_CLOSEST.format(names=", ".join(close[:3])) if close else ""
    raise PlanError(texts.PLANNER_ERR_UNKNOWN.format(kind=kind, text=text, hint=hint))



# ---------------------------------------------------------------- profile files (CLI input)
class ProfileFile(BaseModel):
    """The JSON profile file of `waypoint plan --profile`; roles and skills by id, name or alias."""

    model_config = ConfigDict(extra="forbid")

    target_role: str = Field(description="role id, name or alias, e.g. 'ml-engineer' or 'ML Engineer'")
    domain: str | None = Field(None, description="specialisation id, name or alias, e.g. 'nlp'")
    education: Education | None = None
    current_role: str | None = None
    years_experience: float | None = Field(None, ge=0)
    known_skills: list[str] = Field(default=[], description="skill ids, names or aliases")
    hours_per_week: float | None = None
    deadline: date | None = Field(None, description="ISO date")
    budget_usd: float | None = Field(None, description="null = no limit, 0 = free only")
    wants_certificates: bool | None = None
    language: str | None = None
    format: str | None = None
    named_certifications: list[str] = Field(default=[], description="certification ids or names")
    skill_depth: dict[str, Depth] = Field(default={}, description="skill -> basic, working or deep")
    held_certifications: list[str] = Field(default=[], description="certifications already held (never planned)")
    other_experience: list[str] = Field(default=[], description="tools and skills outside the vocabulary")
    programming_language: str | None = Field(None, description="python (default), r, java, c++")


def profile_from_data(data: object, catalog: Catalog) -> LearnerProfile:
    """Read a profile file's JSON into a LearnerProfile, resolving names; PlanError with one clear line."""
    if not isinstance(data, Mapping):
        raise PlanError(texts.PLANNER_ERR_NOT_OBJECT)
    if isinstance(data.get("education"), str):
        data = {**data, "education": _normal(data["education"]).replace(" ", "_").replace(".", "")}
    try:
        raw = ProfileFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "profile"
        more = texts.PLANNER_ERR_MORE.format(n=len(exc.errors()) - 1) if len(exc.errors()) > 1 else ""
        raise PlanError(texts.PLANNER_ERR_FIELD.format(where=where, message=err["msg"], more=more)) from None
    hours = raw.hours_per_week
    # Tiny positive hours are refused by the profile itself (its message names hours_per_week); zero, negative
    # and under-an-hour values stop here, in one line.
    if hours is not None and (not math.isfinite(hours) or hours <= 0
                              or PROFILE_MIN_HOURS <= hours < MIN_HOURS_PER_WEEK):
        raise PlanError(texts.PLANNER_ERR_HOURS.format(minimum=MIN_HOURS_PER_WEEK,
                                                       hours=hours if math.isfinite(hours) else 0))
    role = resolve_role(raw.target_role, catalog)
    domain = (resolve_id(raw.domain, {d.id: [d.name, *d.aliases] for d in catalog.domains}, "domain")
              if raw.domain else None)
    skill_names = {s.id: [s.name, *s.aliases] for s in catalog.skills}
    known: list[str] = []
    other: list[str] = list(raw.other_experience)
    for text in raw.known_skills:
        # A skill outside the vocabulary (Go, Terraform, React) is kept as other experience, never an error.
        try:
            known.append(_resolve_skill(text, skill_names, catalog))
        except PlanError:
            if _typo_of_a_skill(text, skill_names):
                raise
            other.append(text)
    depths: dict[str, Depth] = {}
    for text, depth in raw.skill_depth.items():
        try:
            skill_id = _resolve_skill(text, skill_names, catalog)
        except PlanError:
            other.append(text)
            continue
        depths[skill_id] = depth
        known.append(skill_id)
    certs = [_resolve_cert(c, catalog) for c in raw.named_certifications]
    held = [_resolve_cert(c, catalog) for c in raw.held_certifications]
    language = raw.programming_language.strip().lower() if raw.programming_language else None
    try:
        return _learner(raw, data, role.id, domain, known, depths, certs, held, other, language)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "profile"
        raise PlanError(texts.PLANNER_ERR_FIELD.format(where=where, message=err["msg"], more="")) from None


def _learner(raw: ProfileFile, data: Mapping[str, Any], role_id: str, domain: str | None, known: list[str],
             depths: dict[str, Depth], certs: list[str], held: list[str], other: list[str],
             language: str | None) -> LearnerProfile:
    return LearnerProfile(
        target_role=role_id, domain=domain, education=raw.education, current_role=raw.current_role,
        years_experience=raw.years_experience, known_skills=list(dict.fromkeys(known)),
        hours_per_week=raw.hours_per_week,
        deadline=raw.deadline, budget_usd=raw.budget_usd, budget_known="budget_usd" in data,
        wants_certificates=raw.wants_certificates, language=raw.language, format=raw.format,
        named_certifications=list(dict.fromkeys(certs)), skill_depth=depths,
        held_certifications=list(dict.fromkeys(held)), other_experience=list(dict.fromkeys(other)),
        programming_language=language,
    )


def _resolve_cert(text: str, catalog: Catalog) -> str:
    """A certification by id or name, or the one understanding names in the text (no exam code needed)."""
    names = {c.id: [c.name] for c in catalog.certifications}
    try:
        return resolve_id(text, names, "certification")
    except PlanError:
        found = [i for i in named_ids(text, catalog, "certification") if i in catalog.certification_by_id]
        if len(found) == 1:
            return found[0]
        # A name written without its exam code or issuer prefix ("Google Professional Machine Learning Engineer").
        wanted = _cert_words(text)
        scored = sorted(((fuzz.token_set_ratio(wanted, _cert_words(c.name)),
                          fuzz.token_sort_ratio(wanted, _cert_words(c.name)), c.id) for c in catalog.certifications),
                        reverse=True)
        if scored and scored[0][0] >= CERT_NAME_SCORE:
            best, runner = scored[0], scored[1] if len(scored) > 1 else None
            if runner is None or best[0] - runner[0] >= 5 or best[1] - runner[1] >= 5:
                return best[2]
        raise


def _cert_words(name: str) -> str:
    """A certification name without exam codes in brackets and filler words, for matching."""
    plain = re.sub(r"\([^)]*\)", " ", name.lower())
    words = [w for w in re.split(r"[^a-z0-9+]+", plain) if w and w not in _CERT_FILLER]
    return " ".join(words)


_CERT_FILLER = frozenset({"certified", "certification", "certificate", "microsoft", "the", "exam"})
