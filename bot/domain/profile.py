"""The learner's profile: goals and experience, as the dialogue collects them and the planner reads them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from bot import texts
from bot.domain.catalog import Depth

# Below this a plan would stretch over centuries (and past the calendar's end): the value is refused.
# Zero and negative hours stay allowed: the planner warns and plans at its default pace.
MIN_HOURS_PER_WEEK = 0.5
# The latest deadline a profile may hold; later dates are mistakes ("year 9999").
MAX_DEADLINE_YEAR = 2100
# What a learner may answer for weekly study hours: under an hour nothing gets planned, over a hundred nobody
# studies. Stored profiles and profile files keep the looser bound above (the planner warns about them).
MIN_ANSWER_HOURS = 1.0
MAX_ANSWER_HOURS = 100.0
# Longer than a working life: a typo ("300 years"), never stored.
MAX_YEARS_EXPERIENCE = 70.0
# What `LearnerProfile.answer_problem` says of an answer it refuses.
HOURS_TOO_FEW = "hours-too-few"
HOURS_TOO_MANY = "hours-too-many"
OUT_OF_RANGE = "out-of-range"
# Validation context key: the values being set are the learner's own answers, held to the answer bounds.
ANSWER_CONTEXT = "answer"


class Education(StrEnum):
    """Highest education reached."""

    none = "none"
    high_school = "high_school"
    bootcamp = "bootcamp"
    bachelor = "bachelor"
    master = "master"
    phd = "phd"


class LearnerProfile(BaseModel):
    """Everything Waypoint knows about a learner's goals and background; every field may still be unknown."""

    model_config = ConfigDict(extra="forbid")

    target_role: str | None = Field(None, description="role id")
    domain: str | None = Field(None, description="domain id (specialisation)")
    education: Education | None = None
    field_of_study: str | None = Field(None, description="subject of the highest degree as said, e.g. 'physics'")
    current_role: str | None = Field(None, description="current job, free text")
    years_experience: float | None = Field(None, ge=0, le=MAX_YEARS_EXPERIENCE)
    known_skills: list[str] = Field(default=[], description="skill ids the learner already has")
    skill_depth: dict[str, Depth] = Field(default={}, description="depth per known skill, where known")
    hours_per_week: float | None = Field(None, description="study hours per week")
    deadline: date | None = None
    budget_usd: float | None = Field(None, description="None = no limit, 0 = free only")
    budget_known: bool = Field(False, description="True once the learner answered the budget question")
    wants_certificates: bool | None = None
    language: str | None = Field(None, description="preferred course language, e.g. 'en'")
    format: str | None = Field(None, description="preferred course format, e.g. 'self-paced'")
    named_certifications: list[str] = Field(default=[], description="certification ids the learner asked about")
    held_certifications: list[str] = Field(
        default=[], description="certification ids the learner already holds; the planner never schedules them"
    )
    other_experience: list[str] = Field(
        default=[], description="skills and tools outside the catalog's vocabulary (Go, Terraform...), as written"
    )
    target_skills: dict[str, Depth] = Field(
        default={}, description="skill ids a job ad asks for that the plan should teach too (issue 17), never known"
    )
    programming_language: str | None = Field(
        None, description="language the learner codes in (python, r, java, c++); None = python"
    )

    @field_validator("hours_per_week")
    @classmethod
    def _hours_in_range(cls, value: float | None, info: ValidationInfo) -> float | None:
        """Tiny positive hours per week are refused (they would schedule past the calendar's end); an answer
        must lie within MIN_ANSWER_HOURS..MAX_ANSWER_HOURS."""
        if value is None:
            return value
        if info.context and info.context.get(ANSWER_CONTEXT) and not MIN_ANSWER_HOURS <= value <= MAX_ANSWER_HOURS:
            raise ValueError(HOURS_TOO_FEW if value < MIN_ANSWER_HOURS else HOURS_TOO_MANY)
        if 0 < value < MIN_HOURS_PER_WEEK:
            raise ValueError(texts.PROFILE_ERR_MIN_HOURS.format(minimum=MIN_HOURS_PER_WEEK, value=value))
        return value

    @classmethod
    def answer_problem(cls, field: str, value: object) -> str | None:
        """Why `value` is no answer for `field` (HOURS_TOO_FEW, HOURS_TOO_MANY, OUT_OF_RANGE), or None if it is."""
        try:
            cls.model_validate({field: value}, context={ANSWER_CONTEXT: True})
        except ValidationError as exc:
            message = str(exc.errors()[0].get("ctx", {}).get("error", ""))
            return message if message in (HOURS_TOO_FEW, HOURS_TOO_MANY) else OUT_OF_RANGE
        return None

    @field_validator("deadline")
    @classmethod
    def _deadline_in_range(cls, value: date | None) -> date | None:
        """A deadline after MAX_DEADLINE_YEAR is a mistake, not a plan."""
        if value is not None and value.year > MAX_DEADLINE_YEAR:
            raise ValueError(texts.PROFILE_ERR_DEADLINE_YEAR.format(year=MAX_DEADLINE_YEAR + 1,
                                                                    deadline=value.isoformat()))
        return value
