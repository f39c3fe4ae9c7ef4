"""Scheduling: the pace, stage hours, and dated stages."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from bot import texts
from bot.domain.planner.constants import DEFAULT_HOURS_PER_WEEK, MAX_SENSIBLE_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from bot.domain.planner.models import PlanWarning, Stage, W
from bot.domain.profile import LearnerProfile


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


# The job search starts once the learner is into the last part of the study before it: when the portfolio
# begins or when this share of those hours is left, whichever comes first, and never before the last learning stage.
# Applying in week 5 of a year's plan, with the basics still ahead, wastes applications a junior gets few of.
JOB_SEARCH_START_LEFT = 0.3


def job_search_start(hours: list[float], kinds: list[Any], pace: float | None = None) -> tuple[float, int] | None:
    """Where the job search (the last stage) starts, as hours of the study before it, and the stage it starts in;
    None when the plan has no job search after learning. With the pace, a stage that begins within the same day
    is where it starts (the dates would show both on one day, and the text must name that stage)."""
    if not kinds or kinds[-1] != "job_search":
        return None
    learning = [i for i, k in enumerate(kinds[:-1]) if k == "learning"]
    if not learning:
        return None
    before = hours[:-1]
    starts = [sum(before[:i]) for i in range(len(before))]
    study = sum(before)
    point = (1 - JOB_SEARCH_START_LEFT) * study
    portfolio = [starts[i] for i, k in enumerate(kinds[:-1]) if k == "portfolio"]
    if portfolio:
        point = min(point, portfolio[0])
    point = max(point, starts[learning[-1]])
    if pace:
        point = min((s for s in starts if point < s <= point + pace / 7), default=point)
    # The stage it starts in: the last one begun by then (a stage that ends exactly there is over).
    index = max(i for i in range(len(before)) if starts[i] <= point + 1e-9 and (
        starts[i] + before[i] > point + 1e-9 or i == len(before) - 1 or before[i] <= 0))
    return point, index


def _schedule(raws: list[dict[str, Any]], today: date, pace: float) -> list[Stage]:
    """Stages one after another at `pace` hours a week, with dates and week numbers; the job search starts once the
    last part of the study is under way (`job_search_start`) and shares the weekly hours with the study left, so
    none of it waits for the rest and the week's hours stay `pace`."""
    spans = _spans([_stage_hours(r) for r in raws], [r.get("kind") for r in raws], pace)
    out: list[Stage] = []
    for index, (raw, (begin, finish)) in enumerate(zip(raws, spans, strict=True), start=1):
        hours = _stage_hours(raw)
        start = today + timedelta(days=_floor(begin * 7))
        end = max(start, today + timedelta(days=_ceil(finish * 7) - 1))
        week_from = _floor(begin) + 1
        week_to = max(week_from, _ceil(finish))
        out.append(Stage(index=index, start=start, end=end, week_from=week_from, week_to=week_to, hours=hours,
                         **raw))
    return out


def _spans(hours: list[float], kinds: list[Any], pace: float) -> list[tuple[float, float]]:
    """(start week, end week) of each stage, as fractions of weeks from the start. The stages before the job search
    follow one another; until the job search starts they have every week's hours, from then on the job search
    takes its share of every week and they have the rest, so all of them end together, when a plan done one stage
    after another would end."""
    begin = job_search_start(hours, kinds, pace)
    if begin is None:
        spans: list[tuple[float, float]] = []
        elapsed = 0.0
        for h in hours:
            spans.append((elapsed / pace, (elapsed + h) / pace))
            elapsed += h
        return spans
    point = begin[0]
    before, job = hours[:-1], hours[-1]
    left = sum(before) - point
    share = left / (left + job) if left + job > 0 else 1.0  # of each week's hours, for the study left

    def week(at: float) -> float:
        """The week (a fraction) by which `at` hours of the study before the job search are done."""
        if at <= point or share <= 0:
            return min(at, point) / pace
        return point / pace + (at - point) / (pace * share)

    spans = []
    elapsed = 0.0
    for h in before:
        spans.append((week(elapsed), week(elapsed + h)))
        elapsed += h
    spans.append((point / pace, (sum(before) + job) / pace))
    return spans


def profile_pace(profile: LearnerProfile) -> float:
    """The learner's weekly hours as the schedule uses them (the default when unsaid)."""
    hours = profile.hours_per_week
    return float(hours) if hours and hours >= MIN_HOURS_PER_WEEK else DEFAULT_HOURS_PER_WEEK


def _years(weeks: int) -> str:
    """Weeks as years in words: "about 1 year", "2.5 years"."""
    years = round(weeks / 52, 1)
    return texts.PLANNER_YEARS.format(years=years) if years != 1 else texts.PLANNER_ONE_YEAR


def _hours(value: float) -> float:
    """Hours as people say them: whole hours, or a half at most."""
    return round(value * 2) / 2 if value < 10 else float(round(value))
