"""Re-planning from progress: replan, keep_progress, and the plain-sentence diff of two plans."""

from __future__ import annotations

from datetime import date

from bot import texts
from bot.domain.catalog import (
    Catalog,
    depth_rank,
)
from bot.domain.planner.constants import MAX_SENSIBLE_HOURS_PER_WEEK
from bot.domain.planner.models import Roadmap, _Context
from bot.domain.planner.planning import _plan
from bot.domain.progress import ProgressEvent, done_items

# Observed pace replaces the planned one only when it differs by more than this share, and only after
# enough time has passed for the figure to mean something.
PACE_TOLERANCE = 0.25
PACE_MIN_DAYS = 14


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
        previous_reach=_reach(roadmap),
        pace=pace,
        started_on=started_on,
        done_projects=len(done_ids["project"] & (old_projects | set(catalog.project_by_id))),
        done_certs=len(done_ids["cert"] & (old_certs | set(catalog.certification_by_id))),
    )
    new = _plan(roadmap.profile, catalog, today, ctx)
    changes.extend(_diff(roadmap, new, done))
    return new.model_copy(update={"changes": changes})


def _reach(roadmap: Roadmap) -> tuple[tuple[str, int], ...]:
    """How deep the courses of a plan take each skill (the deepest course wins)."""
    reach: dict[str, int] = {}
    for stage in roadmap.stages:
        for course in stage.courses:
            for skill_id, depth in course.reaches.items():
                reach[skill_id] = max(reach.get(skill_id, 0), depth_rank(depth))
    return tuple(sorted(reach.items()))


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
