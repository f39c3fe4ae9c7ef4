"""Progress events: a learner marking roadmap items done (or undoing a mark)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:  # the planner imports this module
    from bot.domain.planner import Roadmap

ITEM_KINDS = ("skill", "course", "project", "cert", "step")


class ProgressEvent(BaseModel):
    """One mark; `item` is '<kind>:<catalog id>', e.g. 'course:ml-specialization'."""

    model_config = ConfigDict(frozen=True)

    item: str = Field(pattern=r"^(skill|course|project|cert|step):[a-z0-9][a-z0-9-]*$")
    done: bool = True
    on: date
    hours: float | None = Field(None, ge=0, description="hours actually spent, where the learner said")


def human_date(day: date) -> str:
    """A date as every learner-facing message writes it: 30 Jun 2026."""
    return f"{day.day} {day:%b %Y}"


_ISO_DAY = re.compile(r"(?<![\w/.:-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")
_ISO_MONTH = re.compile(r"(?<![\w/.:-])(\d{4})-(\d{2})(?![\w/-])")


def human_dates(text: str) -> str:
    """Every ISO date in a text (2027-01-05, 2028-03) written the way learners read dates (5 Jan 2027,
    Mar 2028), so the summary, the plan and progress all say dates alike."""

    def day(match: re.Match[str]) -> str:
        try:
            return human_date(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return match[0]

    def month(match: re.Match[str]) -> str:
        try:
            return f"{date(int(match[1]), int(match[2]), 1):%b %Y}"
        except ValueError:
            return match[0]

    return _ISO_MONTH.sub(month, _ISO_DAY.sub(day, text))


def item_key(kind: str, entry_id: str) -> str:
    """The progress key of a roadmap item."""
    if kind not in ITEM_KINDS:
        raise ValueError(f"unknown item kind {kind!r}")
    return f"{kind}:{entry_id}"


def done_items(events: Iterable[ProgressEvent]) -> set[str]:
    """Replay marks and undos in order; what is done at the end."""
    done: set[str] = set()
    for event in events:
        if event.done:
            done.add(event.item)
        else:
            done.discard(event.item)
    return done


def item_weights(roadmap: Roadmap) -> dict[str, float]:
    """Hours each markable item of a roadmap weighs in progress: what it adds to the plan's hours.

    A course weighs its hours; a skill one of the chosen courses teaches weighs nothing (its hours are the
    course's, so ticking both never counts them twice); a self-study skill, a certification's preparation,
    a project and a job-search step weigh their own hours. The weights of a roadmap add up to its stages'
    hours, so "hours to go" is the plan's hours.
    """
    weights: dict[str, float] = {}
    for stage in roadmap.stages:
        for skill in stage.skills:
            weights[item_key("skill", skill.id)] = float(skill.hours) if skill.self_study else 0.0
        for course in stage.courses:
            weights[item_key("course", course.id)] = float(course.hours)
        for cert in stage.certifications:
            weights[item_key("cert", cert.id)] = float(cert.prep_hours)
        for project in stage.projects:
            weights[item_key("project", project.id)] = float(project.hours)
        for step in stage.steps:
            weights[item_key("step", step.id)] = float(step.hours)
    return weights


def plan_changes(old: Roadmap, new: Roadmap, kept: list[str] | None = None) -> list[str]:
    """What a plan made from changed answers changed, in plain sentences (progress is kept either way)."""
    from bot import texts  # texts is plain data; imported here to keep this module's imports minimal

    out = [texts.PLAN_CHANGED_INTRO]
    if old.role_id != new.role_id:
        out.append(texts.PLAN_CHANGED_ROLE.format(old=old.role_name, new=new.role_name))
    if old.hours_per_week != new.hours_per_week:
        out.append(texts.PLAN_CHANGED_PACE.format(old=old.hours_per_week, new=new.hours_per_week))
    old_items = {i.key: i.title for i in old.items()}
    new_items = {i.key: i.title for i in new.items()}
    added = [title for key, title in new_items.items() if key not in old_items]
    dropped = [title for key, title in old_items.items() if key not in new_items]
    if dropped:
        out.append(texts.PLAN_CHANGED_DROPPED.format(count=len(dropped), titles=_some(dropped)))
    if added:
        out.append(texts.PLAN_CHANGED_ADDED.format(count=len(added), titles=_some(added)))
    if old.totals.hours != new.totals.hours:
        out.append(texts.PLAN_CHANGED_HOURS.format(old=old.totals.hours, new=new.totals.hours))
    if old.totals.end_date != new.totals.end_date:
        out.append(texts.PLAN_CHANGED_END.format(old=human_date(old.totals.end_date),
                                                 new=human_date(new.totals.end_date)))
    if len(out) == 1:
        out.append(texts.PLAN_CHANGED_NOTHING)
    if kept:
        out.append(texts.PLAN_CHANGED_KEPT.format(titles=_some(kept)))
    return out


def _some(titles: list[str], most: int = 5) -> str:
    """Up to `most` titles, then how many more."""
    shown = ", ".join(titles[:most])
    return shown if len(titles) <= most else f"{shown} (+{len(titles) - most} more)"
