"""The planner: a personal, explained, scheduled roadmap from a learner profile and the catalog (pure)."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import process

from bot import texts
from bot.domain.catalog import (
    Catalog,
    Certification,
    Course,
    Level,
    Project,
    Role,
    SalaryBand,
    SkillCategory,
    Status,
)
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
# Preference factors multiply a course's price per covered skill-hour (lower is better).
CERTIFICATE_FACTOR = 0.8
ALREADY_PLANNED_FACTOR = 0.5
# Observed pace replaces the planned one only when it differs by more than this share, and only after
# enough time has passed for the figure to mean something.
PACE_TOLERANCE = 0.25
PACE_MIN_DAYS = 14

StageKind = Literal["learning", "portfolio", "certification", "job_search"]
ItemKind = Literal["skill", "course", "project", "cert", "step"]

# Learning stages in order: (stage id, title, goal lead, skill categories).
_LEARNING_STAGE_CATEGORIES: tuple[tuple[str, tuple[SkillCategory, ...]], ...] = (
    ("learning-foundations", (SkillCategory.programming, SkillCategory.math)),
    ("learning-data", (SkillCategory.data,)),
    ("learning-core-ml", (SkillCategory.ml,)),
    ("learning-deep-learning", (SkillCategory.deep_learning,)),
    ("learning-specialisation", (SkillCategory.nlp, SkillCategory.cv, SkillCategory.llm, SkillCategory.research)),
    ("learning-engineering", (SkillCategory.mlops, SkillCategory.engineering, SkillCategory.professional)),
)
LEARNING_STAGES: tuple[tuple[str, str, str, tuple[SkillCategory, ...]], ...] = tuple(
    (stage_id, texts.PLANNER_STAGE_TITLES[stage_id], texts.PLANNER_STAGE_GOALS[stage_id], categories)
    for stage_id, categories in _LEARNING_STAGE_CATEGORIES
)
CATEGORY_RANK: dict[SkillCategory, int] = {
    category: rank for rank, (_, _, _, categories) in enumerate(LEARNING_STAGES) for category in categories
}
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
    planned_on: date
    started_on: date = Field(description="date of the first plan; re-plans keep it to measure pace")
    hours_per_week: float = Field(description="pace the schedule uses")
    stages: list[Stage]
    totals: Totals
    warnings: list[str] = []
    notices: list[str] = []
    changes: list[str] = []
    salary: list[SalaryBand] = []
    explanations: Explanations = Explanations()

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
    for course_id in done_ids["course"]:
        course = catalog.course_by_id.get(course_id)
        if course is not None:
            known.update(course.skills)
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
        extra_known=frozenset(known),
        exclude=frozenset(done),
        prefer_courses=frozenset(c.id for s in roadmap.stages for c in s.courses),
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
def _plan(profile: LearnerProfile, catalog: Catalog, today: date, ctx: _Context) -> Roadmap:
    warnings: list[str] = []
    notices: list[str] = []
    role = resolve_role(profile.target_role, catalog)
    domain = None
    if profile.domain:
        domain = catalog.domain_by_id.get(profile.domain)
        if domain is None:
            warnings.append(texts.PLANNER_WARN_UNKNOWN_DOMAIN.format(domain=profile.domain))

    pace = ctx.pace if ctx.pace is not None else _pace(profile.hours_per_week, warnings)
    budget = profile.budget_usd
    if budget is not None and budget < 0:
        warnings.append(texts.PLANNER_WARN_NEGATIVE_BUDGET.format(budget=budget))
        budget = 0.0

    unknown_known = [s for s in profile.known_skills if s not in catalog.skill_by_id]
    if unknown_known:
        warnings.append(texts.PLANNER_WARN_UNKNOWN_SKILLS.format(skills=", ".join(unknown_known)))
    known = {s for s in profile.known_skills if s in catalog.skill_by_id} | set(ctx.extra_known)

    gap, why = _skill_gap(role, domain, known, catalog)
    # Issue 17: skills of a job ad the learner aimed the plan at join the gap, with their prerequisites.
    for skill_id in sorted(_closure((s for s in profile.target_skills if s not in known), catalog) - known - gap):
        gap.add(skill_id)
        why[skill_id] = texts.PLANNER_WHY_SKILL_JOB
    topo = _topological(gap, catalog)
    eligible = _course_filter(profile, budget)
    chosen, uncovered, cover_warnings = _choose_courses(
        topo, catalog, eligible, budget, profile, ctx)
    warnings.extend(cover_warnings)
    rank = _ranks(topo, chosen, catalog)

    required_closure = _closure([rs.skill for rs in role.required_skills], catalog)
    target_skills = {rs.skill for rs in role.required_skills} | set(domain.skills if domain else [])

    stages_raw: list[dict[str, Any]] = []
    for stage_rank, (stage_id, title, goal, _) in enumerate(LEARNING_STAGES):
        skills = [s for s in topo if rank[s] == stage_rank]
        courses = [c for c in chosen if c.rank == stage_rank]
        if not skills and not courses:
            continue
        skill_items = [_skill_item(s, why[s], s in uncovered, catalog) for s in skills]
        course_items = [_course_item(c, profile, eligible, budget, chosen, catalog)
                        for c in _order_courses(courses, topo)]
        names = ", ".join(i.name for i in skill_items)
        stages_raw.append({"id": stage_id, "kind": "learning", "title": title,
                           "goal": texts.PLANNER_GOAL_LEARNING.format(lead=goal, skills=names),
                           "skills": skill_items, "courses": course_items})

    projects = _choose_projects(role, domain, known, set(gap), target_skills, catalog, ctx)
    if projects:
        stages_raw.append({"id": "portfolio", "kind": "portfolio", "title": texts.PLANNER_STAGE_TITLES["portfolio"],
                           "goal": texts.PLANNER_GOAL_PORTFOLIO.format(
                               role=role.name, count=len(projects), plural="s" if len(projects) > 1 else ""),
                           "projects": projects})

    course_cost = sum(c.course.cost_usd for c in chosen)
    left = None if budget is None else budget - course_cost
    certs, cert_notices, cert_warnings = _choose_certifications(
        profile, role, target_skills, catalog, ctx, left, free_only=budget is not None and budget <= 0)
    notices.extend(cert_notices)
    warnings.extend(cert_warnings)
    if certs:
        names = ", ".join(c.name for c in certs)
        stages_raw.append({"id": "certification", "kind": "certification",
                           "title": texts.PLANNER_STAGE_TITLES["certification"],
                           "goal": texts.PLANNER_GOAL_CERTIFICATION.format(certifications=names),
                           "certifications": certs})

    steps = [
        StepItem(id=s.id, text=texts.PLANNER_STEP.format(title=s.title, description=s.description), hours=s.hours)
        for s in sorted(catalog.job_search_steps, key=lambda s: (s.order, s.id))
        if item_key("step", s.id) not in ctx.exclude
    ]
    if steps:
        stages_raw.append({"id": "job-search", "kind": "job_search", "title": texts.PLANNER_STAGE_TITLES["job-search"],
                           "goal": texts.PLANNER_GOAL_JOB_SEARCH.format(article=_article(role.name), role=role.name),
                           "steps": steps})

    if profile.deadline is not None and profile.deadline < today:
        warnings.append(texts.PLANNER_WARN_DEADLINE_PAST.format(deadline=profile.deadline.isoformat()))

    stages = _schedule(stages_raw, today, pace)
    total_hours = round(sum(s.hours for s in stages), 1)
    cost = round(sum(c.cost_usd for s in stages for c in s.courses)
                 + sum(c.cost_usd for s in stages for c in s.certifications), 2)
    end_date = stages[-1].end if stages else today
    fits_deadline = profile.deadline is None or (profile.deadline >= today and end_date <= profile.deadline)
    fits_budget = budget is None or cost <= budget + 1e-9
    totals = Totals(hours=total_hours, cost_usd=cost, weeks=_ceil(total_hours / pace), start=today,
                    end_date=end_date, fits_deadline=fits_deadline, fits_budget=fits_budget)
    domain_only = set(gap) - required_closure
    explanations = Explanations(
        deadline=None if fits_deadline or profile.deadline is None else
        _deadline_explanation(profile.deadline, today, pace, stages, total_hours, end_date, domain_only),
        budget=None if fits_budget or budget is None else _budget_explanation(budget, cost, stages),
    )
    return Roadmap(
        profile=profile, role_id=role.id, role_name=role.name, domain_id=domain.id if domain else None,
        planned_on=today, started_on=ctx.started_on or today, hours_per_week=pace, stages=stages,
        totals=totals, warnings=warnings, notices=notices, salary=list(role.salary), explanations=explanations,
    )


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


def _pace(hours: float | None, warnings: list[str]) -> float:
    """Weekly hours to schedule with, warning about missing or nonsense values."""
    if hours is None:
        warnings.append(texts.PLANNER_WARN_NO_HOURS.format(hours=DEFAULT_HOURS_PER_WEEK))
        return DEFAULT_HOURS_PER_WEEK
    if hours <= 0:
        warnings.append(texts.PLANNER_WARN_HOURS_TOO_FEW.format(hours=hours, default=DEFAULT_HOURS_PER_WEEK))
        return DEFAULT_HOURS_PER_WEEK
    if hours > MAX_SENSIBLE_HOURS_PER_WEEK:
        warnings.append(texts.PLANNER_WARN_HOURS_TOO_MANY.format(hours=hours, max=MAX_SENSIBLE_HOURS_PER_WEEK))
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


def _skill_gap(role: Role, domain: Any, known: set[str], catalog: Catalog) -> tuple[set[str], dict[str, str]]:
    """Skills to learn, each with why: role and domain skills closed over the prerequisites of unknown ones."""
    why: dict[str, str] = {}
    stack: list[str] = []
    for rs in role.required_skills:
        if rs.skill in catalog.skill_by_id and rs.skill not in known and rs.skill not in why:
            why[rs.skill] = texts.PLANNER_WHY_SKILL_ROLE.format(role=role.name, depth=rs.depth.value)
            stack.append(rs.skill)
    if domain is not None:
        for skill_id in domain.skills:
            if skill_id in catalog.skill_by_id and skill_id not in known and skill_id not in why:
                why[skill_id] = texts.PLANNER_WHY_SKILL_DOMAIN.format(domain=domain.name)
                stack.append(skill_id)
    # Depth-first over prerequisites of skills still to learn; a known skill implies its prerequisites.
    stack.sort(reverse=True)
    while stack:
        current = stack.pop()
        for prereq in sorted(catalog.skill_by_id[current].prerequisites):
            if prereq in catalog.skill_by_id and prereq not in known and prereq not in why:
                why[prereq] = texts.PLANNER_WHY_SKILL_PREREQUISITE.format(skill=catalog.skill_by_id[current].name)
                stack.append(prereq)
    for skill_id in why:
        why[skill_id] = f"{why[skill_id]} {catalog.skill_by_id[skill_id].why}".strip()
    return set(why), why


def _topological(gap: set[str], catalog: Catalog) -> list[str]:
    """Gap skills with prerequisites first; ties by category stage, then id (deterministic)."""
    indegree = {s: 0 for s in gap}
    dependents: dict[str, list[str]] = {s: [] for s in gap}
    for s in gap:
        for p in set(catalog.skill_by_id[s].prerequisites):
            if p in gap:
                indegree[s] += 1
                dependents[p].append(s)

    def key(s: str) -> tuple[int, str]:
        return (CATEGORY_RANK[catalog.skill_by_id[s].category], s)

    heap = [key(s) for s in gap if indegree[s] == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        _, s = heapq.heappop(heap)
        order.append(s)
        for d in dependents[s]:
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(heap, key(d))
    # The catalog forbids cycles; should one slip through, keep the rest rather than lose skills.
    order.extend(sorted(gap - set(order)))
    return order


def _course_filter(profile: LearnerProfile, budget: float | None) -> Callable[[Course, bool], bool]:
    """Whether a course may be chosen; the flag relaxes language/format preferences."""

    def eligible(course: Course, relaxed: bool) -> bool:
        if course.status is not Status.active:
            return False
        if budget is not None and budget <= 0 and course.cost_usd > 0:
            return False
        if relaxed:
            return True
        # Without a stated language, English first: the bot speaks English, so the learner reads it.
        if course.language.lower() != (profile.language or DEFAULT_LANGUAGE).lower():
            return False
        return not (profile.format and course.format.lower() != profile.format.lower())

    return eligible


@dataclass
class _Chosen:
    """A chosen course while planning: its catalog entry, the gap skills assigned to it, its stage."""

    course: Course
    assigned: list[str]
    rank: int = 0


_Score = tuple[float, float, float, str]


def _cover_score(
    course: Course, uncovered: set[str], left: float | None, skill_by_id: Mapping[str, Any],
    profile: LearnerProfile, ctx: _Context,
) -> tuple[_Score, list[str]] | None:
    """(score, newly covered skills) of a course now; None when it covers nothing new or is over budget."""
    new = [s for s in course.skills if s in uncovered]
    if not new or (left is not None and course.cost_usd > left + 1e-9):
        return None
    value = sum(skill_by_id[s].hours for s in new)
    price = course.hours + COST_WEIGHT_HOURS_PER_USD * course.cost_usd
    if profile.wants_certificates and course.certificate:
        price *= CERTIFICATE_FACTOR
    if course.id in ctx.prefer_courses:
        price *= ALREADY_PLANNED_FACTOR
    return (price / value, course.cost_usd, course.hours, course.id), new


def _greedy_cover(
    candidates: list[Course], uncovered: set[str], left: float | None, catalog: Catalog,
    profile: LearnerProfile, ctx: _Context,
) -> list[tuple[Course, list[str]]]:
    """The greedy picks, in order: each time the candidate with the least score (ties cannot happen: the id
    ends the score), until nothing is left to cover or nothing fits.

    Lazy evaluation: a course's score only grows as skills get covered (its covered skill-hours shrink, the
    rest of the score is fixed) and a course over the budget stays over it (the budget only shrinks, costs
    are never negative), so a score computed earlier is a lower bound. The heap's top is re-scored; if it is
    still no worse than the next lower bound it is the true minimum, exactly what a full scan would pick.
    """
    uncovered = set(uncovered)
    picks: list[tuple[Course, list[str]]] = []
    skill_by_id = catalog.skill_by_id
    if any(c.cost_usd < 0 for c in candidates):  # the catalog forbids it; keep the plain scan then
        while uncovered:
            scored = [(found, c) for c in candidates
                      if (found := _cover_score(c, uncovered, left, skill_by_id, profile, ctx)) is not None]
            if not scored:
                break
            (_, new), course = min(scored, key=lambda pair: pair[0][0])
            picks.append((course, new))
            uncovered.difference_update(new)
            if left is not None:
                left -= course.cost_usd
        return picks
    heap: list[tuple[_Score, int]] = []
    for position, course in enumerate(candidates):
        found = _cover_score(course, uncovered, left, skill_by_id, profile, ctx)
        if found is not None:
            heap.append((found[0], position))
    heapq.heapify(heap)
    while uncovered and heap:
        _, position = heapq.heappop(heap)
        course = candidates[position]
        found = _cover_score(course, uncovered, left, skill_by_id, profile, ctx)
        if found is None:
            continue  # covers nothing new or no longer fits the budget: it never will again
        score, new = found
        if heap and heap[0][0] < score:
            heapq.heappush(heap, (score, position))
            continue
        picks.append((course, new))
        uncovered.difference_update(new)
        if left is not None:
            left -= course.cost_usd
    return picks


def _choose_courses(
    topo: list[str], catalog: Catalog, eligible: Callable[[Course, bool], bool], budget: float | None,
    profile: LearnerProfile, ctx: _Context,
) -> tuple[list[_Chosen], set[str], list[str]]:
    """Greedy weighted set cover of the gap: least (hours + weighted cost) per covered skill-hour."""
    warnings: list[str] = []
    uncovered = set(topo)
    left = budget
    chosen: list[_Chosen] = []
    for relaxed in (False, True):
        if not uncovered:
            break
        before = set(uncovered)
        # Each course is checked once, however many gap skills it teaches (ids are unique in a catalog).
        found: dict[str, Course] = {}
        checked: set[str] = set()
        for s in topo:
            if s not in uncovered:
                continue
            for c in catalog.courses_teaching(s):
                if c.id in checked:
                    continue
                checked.add(c.id)
                if eligible(c, relaxed) and item_key("course", c.id) not in ctx.exclude:
                    found[c.id] = c
        candidates = sorted(found.values(), key=lambda c: c.id)
        for course, new in _greedy_cover(candidates, uncovered, left, catalog, profile, ctx):
            chosen.append(_Chosen(course=course, assigned=new))
            uncovered.difference_update(new)
            if left is not None:
                left -= course.cost_usd
        if relaxed and before != uncovered and (profile.language or profile.format):
            names = ", ".join(catalog.skill_by_id[s].name for s in topo if s in before - uncovered)
            warnings.append(texts.PLANNER_WARN_PREFERENCE.format(skills=names))
    chosen = _drop_redundant(chosen, topo, catalog)
    for skill_id in (s for s in topo if s in uncovered):
        skill = catalog.skill_by_id[skill_id]
        paid = sorted((c for c in catalog.courses_teaching(skill_id) if c.status is Status.active),
                      key=lambda c: (c.cost_usd, c.hours, c.id))
        hint = texts.PLANNER_WARN_SELF_STUDY_HINT.format(title=paid[0].title, cost=paid[0].cost_usd) if paid else ""
        warnings.append(texts.PLANNER_WARN_SELF_STUDY.format(skill=skill.name, hint=hint, hours=skill.hours))
    return chosen, uncovered, warnings


def _home(course: Course, skills: Iterable[str], catalog: Catalog) -> int:
    """The stage where most of a course's gap-skill hours lie (ties: the earlier stage)."""
    hours: dict[int, float] = {}
    for skill_id in skills:
        skill = catalog.skill_by_id[skill_id]
        rank = CATEGORY_RANK[skill.category]
        hours[rank] = hours.get(rank, 0.0) + skill.hours
    return min(hours, key=lambda r: (-hours[r], r)) if hours else 0


def _drop_redundant(chosen: list[_Chosen], topo: list[str], catalog: Catalog) -> list[_Chosen]:
    """Drop courses whose gap skills other chosen courses also teach, then give each skill one course."""
    gap = set(topo)
    keep = list(chosen)
    # How many kept courses teach each gap skill: a candidate is redundant when every skill assigned to it
    # is also taught by another kept course (its own count is one of them).
    teaching = {id(c): {s for s in c.course.skills if s in gap} for c in chosen}
    count: dict[str, int] = {}
    for c in chosen:
        for s in teaching[id(c)]:
            count[s] = count.get(s, 0) + 1
    for candidate in reversed(chosen):
        own = teaching[id(candidate)]
        if all(count.get(s, 0) - (1 if s in own else 0) > 0 for s in candidate.assigned):
            keep.remove(candidate)
            for s in own:
                count[s] -= 1
    # Each gap skill goes to the chosen course whose home stage is closest to the skill's own stage, so
    # NumPy is learnt in the data course rather than inside a machine-learning course that also covers it.
    home = {c.course.id: _home(c.course, (s for s in c.course.skills if s in gap), catalog) for c in keep}
    assigned: dict[str, list[str]] = {c.course.id: [] for c in keep}
    for skill_id in topo:
        teachers = [(abs(home[c.course.id] - CATEGORY_RANK[catalog.skill_by_id[skill_id].category]), n, c)
                    for n, c in enumerate(keep) if skill_id in c.course.skills]
        if teachers:
            assigned[min(teachers, key=lambda t: (t[0], t[1]))[2].course.id].append(skill_id)
    return [_Chosen(course=c.course, assigned=assigned[c.course.id]) for c in keep if assigned[c.course.id]]


def _ranks(topo: list[str], chosen: list[_Chosen], catalog: Catalog) -> dict[str, int]:
    """Stage rank of every gap skill and chosen course: by category, pushed later for prerequisites."""
    base = {s: CATEGORY_RANK[catalog.skill_by_id[s].category] for s in topo}
    owner = {s: c for c in chosen for s in c.assigned}
    for c in chosen:
        c.rank = _home(c.course, c.assigned, catalog)
    rank = dict(base)
    changed = True
    # Ranks only grow after the first pass and are bounded by the last stage, so this terminates.
    while changed:
        changed = False
        for s in topo:
            course = owner.get(s)
            floor = max((rank[p] for p in catalog.skill_by_id[s].prerequisites
                         if p in rank and (course is None or owner.get(p) is not course)), default=0)
            if course is None:
                new = max(rank[s], floor)
            else:
                # A course sits in one stage, after the stages teaching prerequisites it does not teach.
                if floor > course.rank:
                    course.rank = floor
                    changed = True
                new = course.rank
            if new != rank[s]:
                rank[s] = new
                changed = True
    return rank


def _order_courses(courses: list[_Chosen], topo: list[str]) -> list[_Chosen]:
    """Courses of a stage with basics first: by the earliest gap skill they teach, then level, then id."""
    position = {s: i for i, s in enumerate(topo)}
    # A course teaching a prerequisite of another course's skill teaches something earlier in `topo`,
    # so sorting by the earliest position puts it first (only mutual cycles can break this).
    return sorted(courses, key=lambda c: (min(position[s] for s in c.assigned), LEVEL_RANK[c.course.level],
                                          c.course.id))


def _skill_item(skill_id: str, why: str, self_study: bool, catalog: Catalog) -> SkillItem:
    skill = catalog.skill_by_id[skill_id]
    return SkillItem(id=skill.id, name=skill.name, why=why, hours=skill.hours, self_study=self_study)


def _money(usd: float) -> str:
    return texts.PLANNER_FREE if usd == 0 else texts.PLANNER_MONEY.format(usd=usd)


def _course_item(
    chosen: _Chosen, profile: LearnerProfile, eligible: Callable[[Course, bool], bool], budget: float | None,
    all_chosen: list[_Chosen], catalog: Catalog,
) -> CourseItem:
    """The roadmap entry of a chosen course: what it covers, why it was picked, one alternative."""
    course = chosen.course
    names = ", ".join(catalog.skill_by_id[s].name for s in chosen.assigned)
    reasons = [texts.PLANNER_WHY_COURSE.format(skills=names, hours=course.hours, cost=_money(course.cost_usd))]
    if profile.wants_certificates and course.certificate:
        reasons.append(texts.PLANNER_WHY_COURSE_CERTIFICATE)
    alternative = _alternative(chosen, eligible, budget, {c.course.id for c in all_chosen}, catalog)
    if alternative is not None:
        reasons.append(texts.PLANNER_WHY_COURSE_OVER.format(title=alternative.title, hours=alternative.hours,
                                                            cost=_money(alternative.cost_usd)))
    return CourseItem(
        id=course.id, title=course.title, provider=course.provider, url=course.url, cost_usd=course.cost_usd,
        hours=course.hours, skills=list(chosen.assigned), why=" ".join(reasons), level=course.level,
        certificate=course.certificate, alternative=alternative, verified_on=course.verified_on,
    )


def _alternative(
    chosen: _Chosen, eligible: Callable[[Course, bool], bool], budget: float | None, taken: set[str],
    catalog: Catalog,
) -> CourseRef | None:
    """The best other course for the same skills, a free one first beside a paid pick."""
    course = chosen.course
    assigned = set(chosen.assigned)
    best: tuple[tuple[int, int, float, str], Course, list[str]] | None = None
    seen: set[str] = set()
    for skill_id in chosen.assigned:
        for other in catalog.courses_teaching(skill_id):
            if other.id in seen or other.id in taken or not eligible(other, True):
                continue
            seen.add(other.id)
            if budget is not None and other.cost_usd > budget:
                continue
            overlap = [s for s in other.skills if s in assigned]
            contrast = 0 if course.cost_usd > 0 and other.cost_usd == 0 else 1
            price = other.hours + COST_WEIGHT_HOURS_PER_USD * other.cost_usd
            key = (-len(overlap), contrast, price, other.id)
            if best is None or key < best[0]:
                best = (key, other, overlap)
    if best is None:
        return None
    _, other, overlap = best
    names = ", ".join(catalog.skill_by_id[s].name for s in overlap)
    share = texts.PLANNER_ALTERNATIVE_ALL if len(overlap) == len(assigned) else texts.PLANNER_ALTERNATIVE_ONLY.format(
        skills=names)
    return CourseRef(id=other.id, title=other.title, provider=other.provider, url=other.url,
                     cost_usd=other.cost_usd, hours=other.hours,
                     why=texts.PLANNER_WHY_ALTERNATIVE.format(share=share, hours=other.hours,
                                                                cost=_money(other.cost_usd)))


def _choose_projects(
    role: Role, domain: Any, known: set[str], gap: set[str], target: set[str], catalog: Catalog, ctx: _Context,
) -> list[ProjectItem]:
    """Up to three projects for the role and domain, by overlap with the skills the role needs."""
    wanted = target | gap
    learned = known | gap
    scored: list[tuple[tuple[int, int, int, float, str], Project]] = []
    for project in catalog.projects:
        if item_key("project", project.id) in ctx.exclude:
            continue
        if project.roles and role.id not in project.roles:
            continue
        if project.domain is not None and (domain is None or project.domain != domain.id):
            continue
        overlap = sum(1 for s in project.skills if s in wanted)
        if overlap == 0:
            continue
        missing = sum(1 for s in project.skills if s not in learned)
        domain_match = 1 if domain is not None and project.domain == domain.id else 0
        scored.append(((-domain_match, missing, -overlap, project.hours, project.id), project))
    scored.sort(key=lambda pair: pair[0])
    cap = max(0, MAX_PROJECTS - ctx.done_projects)
    out: list[ProjectItem] = []
    for _, project in scored[:cap]:
        uses = ", ".join(catalog.skill_by_id[s].name for s in project.skills if s in wanted)
        fit = texts.PLANNER_WHY_PROJECT_FIT.format(domain=domain.name) if domain is not None and project.domain else ""
        out.append(ProjectItem(
            id=project.id, title=project.title,
            description=texts.PLANNER_PROJECT_DESCRIPTION.format(idea=project.idea, deliverable=project.deliverable),
            hours=project.hours, skills=list(project.skills),
            why=texts.PLANNER_WHY_PROJECT.format(skills=uses, fit=fit),
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
) -> tuple[list[CertificationItem], list[str], list[str]]:
    """Certifications to take when wanted (named ones first, extra ones only within budget), notices, warnings.

    With a free-only budget no paid exam is planned; a warning names the best-fitting one and its cost."""
    notices: list[str] = []
    warnings: list[str] = []
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
    out: list[CertificationItem] = []
    skipped_paid: Certification | None = None
    for cert, why in picked:
        if len(out) >= cap or item_key("cert", cert.id) in ctx.exclude:
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
        warnings.append(texts.PLANNER_WARN_FREE_ONLY_EXAM.format(
            planned=planned, name=skipped_paid.name, issuer=skipped_paid.issuer, cost=skipped_paid.cost_usd))
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


def _deadline_explanation(
    deadline: date, today: date, pace: float, stages: list[Stage], total: float, end: date,
    domain_only: set[str],
) -> DeadlineExplanation:
    """The three ways out of a missed deadline: more hours a week, a later date, fewer optional items."""
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
                        for c in stage.courses if set(c.skills) <= domain_only)
            drop.extend(Droppable(key=item_key("skill", s.id), title=s.name, hours=s.hours, cost_usd=0)
                        for s in stage.skills if s.self_study and s.id in domain_only)
    saved = round(sum(d.hours for d in drop), 1)
    after = max(0.0, total - saved)
    end_after = today + timedelta(days=max(0, _ceil(after * 7 / pace) - 1))
    fits_after = deadline >= today and end_after <= deadline
    days = (deadline - today).days
    needed = math.ceil(total / (days / 7) * 10) / 10 if days > 0 else None
    parts = [texts.PLANNER_DEADLINE_LATE.format(pace=pace, end=end.isoformat(), deadline=deadline.isoformat())]
    ways: list[str] = []
    if needed is not None:
        ways.append(texts.PLANNER_WAY_MORE_HOURS.format(needed=needed, pace=pace))
    else:
        parts.append(texts.PLANNER_DEADLINE_PASSED)
    ways.append(texts.PLANNER_WAY_LATER.format(end=end.isoformat()))
    if drop:
        titles = ", ".join(d.title for d in drop)
        enough = texts.PLANNER_WAY_DROP_ENOUGH if fits_after else texts.PLANNER_WAY_DROP_NOT_ENOUGH
        ways.append(texts.PLANNER_WAY_DROP.format(titles=titles, hours=saved, enough=enough))
    else:
        ways.append(texts.PLANNER_WAY_NOTHING_TO_DROP)
    parts.append(texts.PLANNER_WAYS_OUT.format(ways=texts.PLANNER_WAYS_JOIN.join(ways)))
    return DeadlineExplanation(deadline=deadline, hours_per_week=pace, hours_per_week_needed=needed,
                               earliest_date=end, drop=drop, fits_after_dropping=fits_after, text=" ".join(parts))


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
    role = resolve_role(raw.target_role, catalog)
    domain = (resolve_id(raw.domain, {d.id: [d.name, *d.aliases] for d in catalog.domains}, "domain")
              if raw.domain else None)
    skill_names = {s.id: [s.name, *s.aliases] for s in catalog.skills}
    known = list(dict.fromkeys(_resolve_skill(s, skill_names, catalog) for s in raw.known_skills))
    cert_names = {c.id: [c.name] for c in catalog.certifications}
    certs = list(dict.fromkeys(resolve_id(c, cert_names, "certification") for c in raw.named_certifications))
    return LearnerProfile(
        target_role=role.id, domain=domain, education=raw.education, current_role=raw.current_role,
        years_experience=raw.years_experience, known_skills=known, hours_per_week=raw.hours_per_week,
        deadline=raw.deadline, budget_usd=raw.budget_usd, budget_known="budget_usd" in data,
        wants_certificates=raw.wants_certificates, language=raw.language, format=raw.format,
        named_certifications=certs,
    )
