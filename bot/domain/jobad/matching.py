"""How close a learner is to an ad today and once their plan is done."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel, Field

from bot.domain.catalog import Depth, depth_rank
from bot.domain.jobad.model import DEGREE_RANK, DegreeLevel, JobAd
from bot.domain.profile import Education

REQUIRED_WEIGHT = 2.0
NICE_WEIGHT = 1.0
BASIC_CREDIT = 0.5


class SkillMatch(BaseModel):
    """One skill of the ad and where the learner stands on it."""

    skill: str
    required: bool
    status: str = Field(description="have, planned or missing")
    depth: Depth | None = Field(None, description="the learner's depth when they have it")
    by: date | None = Field(None, description="when the plan teaches it, for planned skills")


class JobMatch(BaseModel):
    """How close a learner is to an ad today and at the end of their plan."""

    have: list[str] = []
    planned: dict[str, date] = Field(default={}, description="skill id -> the date the plan teaches it by")
    missing: list[str] = Field(default=[], description="skills neither known nor in the plan")
    skills: list[SkillMatch] = []
    percent: int | None = Field(None, description="match today, 0-100; None when the ad names no skill")
    percent_planned: int | None = Field(None, description="match once every planned skill is learnt")
    ready_by: date | None = Field(None, description="when every required skill is known, if the plan covers them")
    years_gap: float | None = Field(None, description="years of experience short of the ad's minimum")
    degree_gap: DegreeLevel | None = Field(None, description="the required degree the learner lacks")

    @property
    def missing_required(self) -> list[str]:
        """Required skills neither known nor planned."""
        return [s.skill for s in self.skills if s.required and s.status == "missing"]


_EDU_RANK = {Education.none: 0, Education.high_school: 0, Education.bootcamp: 0, Education.bachelor: 1,
             Education.master: 2, Education.phd: 3}


def match(ad: JobAd, known_skills: Mapping[str, Depth | str | None], planned: Mapping[str, date],
          years_experience: float | None = None, education: Education | None = None) -> JobMatch:
    """Compare an ad with what a learner knows and what their plan teaches by when.

    Match percentage: each required skill weighs `REQUIRED_WEIGHT` (2), each nice-to-have `NICE_WEIGHT` (1);
    a known skill earns its full weight (half when the learner knows it only at basic depth), anything else 0.
    `percent` is the earned share of the total weight, rounded; `percent_planned` counts planned skills as
    known at working depth. With no skill in the ad both are None. `ready_by` is the latest date among the
    required skills the plan teaches; None when no required skill waits for the plan (all known already) or
    when a required skill is missing from the plan. Years and degree are reported as gaps, never folded into
    the percentage.
    """
    rows: list[SkillMatch] = []
    earned = earned_planned = total = 0.0
    for skill, required in [*((s, True) for s in ad.required_skills), *((s, False) for s in ad.nice_skills)]:
        weight = REQUIRED_WEIGHT if required else NICE_WEIGHT
        total += weight
        row, credit, credit_planned = _skill_row(skill, required, known_skills, planned)
        earned += weight * credit
        earned_planned += weight * credit_planned
        rows.append(row)
    planned_out = {r.skill: r.by for r in rows if r.status == "planned" and r.by is not None}
    ready = max((r.by for r in rows if r.required and r.status == "planned" and r.by is not None), default=None)
    years_gap, degree_gap = _gaps(ad, years_experience, education)
    return JobMatch(
        have=[r.skill for r in rows if r.skill in known_skills],
        planned=dict(sorted(planned_out.items(), key=lambda kv: kv[1])),
        missing=[r.skill for r in rows if r.status == "missing"],
        skills=rows,
        percent=round(100 * earned / total) if total else None,
        percent_planned=round(100 * earned_planned / total) if total else None,
        ready_by=None if any(r.required and r.status == "missing" for r in rows) else ready,
        years_gap=years_gap,
        degree_gap=degree_gap,
    )


def _skill_row(skill: str, required: bool, known_skills: Mapping[str, Depth | str | None],
               planned: Mapping[str, date]) -> tuple[SkillMatch, float, float]:
    """Where the learner stands on one skill, with the share of its weight earned today and once the plan is done."""
    if skill in known_skills:
        given = known_skills[skill]
        depth = Depth(given) if given else None
        credit = BASIC_CREDIT if depth_rank(depth) == 1 else 1.0
        # Only a skill known a little and deepened by the plan waits for it; an ad asks for working use, so
        # a skill known at working depth or more is had, even when the role's plan takes it deeper.
        if skill in planned and credit < 1.0:
            row = SkillMatch(skill=skill, required=required, status="planned", depth=depth, by=planned[skill])
            return row, credit, 1.0
        return SkillMatch(skill=skill, required=required, status="have", depth=depth), credit, credit
    if skill in planned:
        return SkillMatch(skill=skill, required=required, status="planned", by=planned[skill]), 0.0, 1.0
    return SkillMatch(skill=skill, required=required, status="missing"), 0.0, 0.0


def _gaps(ad: JobAd, years_experience: float | None, education: Education | None,
          ) -> tuple[float | None, DegreeLevel | None]:
    """The years of experience short of the ad's minimum, and the required degree the learner lacks."""
    years_gap = None
    if ad.years_min is not None and years_experience is not None and years_experience < ad.years_min:
        years_gap = ad.years_min - years_experience
    degree_gap = None
    if (ad.degree not in (None, DegreeLevel.none) and ad.degree_required and education is not None
            and _EDU_RANK[education] < DEGREE_RANK[ad.degree]):
        degree_gap = ad.degree
    return years_gap, degree_gap
