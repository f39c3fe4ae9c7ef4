"""The planner's data: the Roadmap, its stages and items, warnings, explanations, and the re-plan context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.domain.catalog import (
    Level,
    SalaryBand,
    Status,
)
from bot.domain.profile import LearnerProfile
from bot.domain.progress import item_key

StageKind = Literal["learning", "portfolio", "certification", "job_search"]
ItemKind = Literal["skill", "course", "project", "cert", "step"]


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
    # A re-plan's previous plan: how deep its courses took each skill. A course new to the plan is taken for a skill
    # only past that depth's course being gone (retired, done): ticking an item never adds a course elsewhere.
    previous_reach: tuple[tuple[str, int], ...] | None = None


def W(code: str, text: str) -> PlanWarning:
    """A learner-visible warning with its stable code."""
    return PlanWarning(code=code, text=text)
