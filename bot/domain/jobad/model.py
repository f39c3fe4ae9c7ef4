"""What a job ad says, as read: the JobAd model and its enums."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

MAX_CHARS = 20_000


class Seniority(StrEnum):
    """The level an ad hires at."""

    intern = "intern"
    junior = "junior"
    mid = "mid"
    senior = "senior"
    staff = "staff"
    lead = "lead"
    principal = "principal"


class DegreeLevel(StrEnum):
    """The degree an ad asks for."""

    none = "none"
    bachelor = "bachelor"
    master = "master"
    phd = "phd"


# Degrees in order: an ad's lowest level asked, and a learner's gap against it.
DEGREE_RANK = {DegreeLevel.none: 0, DegreeLevel.bachelor: 1, DegreeLevel.master: 2, DegreeLevel.phd: 3}


class WorkMode(StrEnum):
    """Where the work happens."""

    remote = "remote"
    hybrid = "hybrid"
    onsite = "onsite"


class PayPeriod(StrEnum):
    """What a salary figure is paid for."""

    hour = "hour"
    month = "month"
    year = "year"


class Salary(BaseModel):
    """A stated salary or range."""

    min: float
    max: float | None = None
    currency: str = Field(description="ISO code: USD, EUR, GBP, CAD, CHF, AUD, INR")
    period: PayPeriod


class JobAd(BaseModel):
    """What a careful reader takes from a job ad."""

    role: str | None = Field(None, description="closest catalog role id")
    title: str = Field("", description="the title as written")
    seniority: Seniority | None = None
    required_skills: list[str] = Field(default=[], description="catalog skill ids, in order of first mention")
    nice_skills: list[str] = Field(default=[], description="nice-to-have skill ids, never also required")
    years_min: float | None = None
    years_max: float | None = None
    degree: DegreeLevel | None = Field(None, description="None when the ad does not mention a degree")
    degree_required: bool | None = None
    location: str | None = None
    remote: WorkMode | None = None
    salary: Salary | None = None
    unknown_skills: list[str] = Field(default=[], description="technologies asked for that the catalog lacks")
    truncated: bool = Field(False, description="the text was longer than MAX_CHARS and was cut")

    @property
    def skills(self) -> list[str]:
        """Required then nice-to-have skill ids."""
        return [*self.required_skills, *self.nice_skills]
