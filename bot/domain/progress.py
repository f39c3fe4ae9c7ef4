"""Progress events (a learner marking roadmap items done, or undoing a mark), the roadmap view they make and its
summary, and readiness: pure, today is passed in."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot import texts

if TYPE_CHECKING:  # the planner imports this module
    from bot.domain.planner import Roadmap, RoadmapItem, Stage

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
        raise ValueError(texts.PROGRESS_ERR_ITEM_KIND.format(kind=kind))
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


# ---------------------------------------------------------------- the roadmap view and its summary
@dataclass(frozen=True)
class RoadmapView:
    """The newest roadmap with its version, the plan it grew from (`base`) and what is done."""

    version: int
    roadmap: Roadmap
    base: Roadmap
    done: frozenset[str]
    items: list[RoadmapItem] = field(default_factory=list)
    # Done items of older versions that neither the newest roadmap nor the base has (a plan made after
    # /edit leaves out what was done before), and the older stages of those that the base no longer has.
    earlier: list[RoadmapItem] = field(default_factory=list)
    earlier_stages: list[Stage] = field(default_factory=list)
    # Hours each item weighs in progress (`bot.domain.progress.item_weights`), from the version it is on.
    weights: dict[str, float] = field(default_factory=dict)

    def item(self, index: int) -> RoadmapItem | None:
        """The markable item with this index (stable for this version), if any."""
        return self.items[index] if 0 <= index < len(self.items) else None

    def index_of(self, key: str) -> int | None:
        """The index of an item key, if it is on the roadmap."""
        return next((i for i, item in enumerate(self.items) if item.key == key), None)

    def stage_items(self, stage_id: str) -> list[tuple[int, RoadmapItem, bool]]:
        """(index, item, done) of one stage: what is left, then what is done."""
        rows = [(i, it, it.key in self.done) for i, it in enumerate(self.items) if it.stage_id == stage_id]
        return sorted(rows, key=lambda row: row[2])


def view_items(
    latest: Roadmap, base: Roadmap, done: frozenset[str], earlier: list[RoadmapItem] | None = None
) -> list[RoadmapItem]:
    """Markable items: the newest roadmap's, then those of the base plan a re-plan dropped (done ones), then
    done items of older versions (`earlier`) that neither has."""
    items = latest.items()
    seen = {i.key for i in items}
    for item in [*base.items(), *(earlier or [])]:
        # An item a re-plan dropped without it being done (retired, no longer needed) is not shown again.
        if item.key not in seen and item.key in done:
            seen.add(item.key)
            items.append(item)
    return items


def make_view(version: int, roadmap: Roadmap, base: Roadmap, done: frozenset[str],
              earlier: list[RoadmapItem] | None = None, earlier_stages: list[Stage] | None = None,
              earlier_weights: dict[str, float] | None = None) -> RoadmapView:
    """A view of roadmap `version`; `earlier` done items and their stages are kept only while still needed.
    Each item weighs what it weighs on the newest roadmap that has it: this one, else the newer versions behind
    it (`earlier_weights`: a done item weighs what it weighed on the plan it was ticked on), else the base plan."""
    items = view_items(roadmap, base, done, earlier)
    keys = {i.key for i in items}
    kept = [i for i in earlier or [] if i.key in keys and i.key in done]
    base_stages = {s.id for s in base.stages}
    kept_stages = {i.stage_id for i in kept} - base_stages
    stages = [s for s in earlier_stages or [] if s.id in kept_stages]
    every = {**item_weights(base), **(earlier_weights or {}), **item_weights(roadmap)}
    weights = {key: every.get(key, 0.0) for key in keys}
    return RoadmapView(version, roadmap, base, done, items, kept, stages, weights)


Status = Literal["not_started", "on_track", "behind", "ahead", "finished"]


@dataclass(frozen=True)
class StageProgress:
    """How far one stage of the plan is."""

    stage_id: str
    title: str
    hours_planned: float
    hours_done: float
    items_total: int
    items_done: int

    @property
    def fraction(self) -> float:
        """Done share, 0..1."""
        if self.hours_planned > 0:
            return min(self.hours_done / self.hours_planned, 1.0)
        return self.items_done / self.items_total if self.items_total else 0.0


@dataclass(frozen=True)
class ProgressSummary:
    """Everything /progress shows."""

    version: int
    stages: list[StageProgress]
    hours_done: float
    hours_planned: float  # hours_done + hours_remaining
    hours_expected: float
    status: Status
    planned_end: date
    projected_end: date
    deadline: date | None
    items_done: int
    items_total: int
    hours_remaining: float = 0.0  # the current plan's hours not done
    # Checked vs claimed or done skills and the job line (issue 18); extra evidence, not part of the arithmetic.
    readiness: Readiness | None = field(default=None, compare=False)

    @property
    def fraction(self) -> float:
        """Overall done share, 0..1."""
        return min(self.hours_done / self.hours_planned, 1.0) if self.hours_planned else 0.0


def stage_order(view: RoadmapView) -> list[tuple[str, str]]:
    """(stage id, title) of every stage progress is shown for: stages of done items no plan has any more,
    the base plan's, then the newest roadmap's; titles as the newest roadmap words them."""
    titles: dict[str, str] = {}
    for stage in [*view.earlier_stages, *view.base.stages, *view.roadmap.stages]:
        titles.setdefault(stage.id, stage.title)
    for stage in view.roadmap.stages:
        titles[stage.id] = stage.title
    return list(titles.items())


def summarise(view: RoadmapView, today: date) -> ProgressSummary:
    """Per-stage and overall progress, and whether the learner is on track.

    Hours done are the weights of the items marked done, each item once; hours to go are the weights of the
    newest roadmap's items not done (its plan hours); the total is their sum, for every stage and overall.
    """
    stages, done_total, left_total = _stage_progress(view)
    expected = _expected_hours(view, today)
    hours_done = round(done_total, 1)
    hours_remaining = round(left_total, 1)
    items_total = sum(s.items_total for s in stages)
    items_done = sum(s.items_done for s in stages)
    return ProgressSummary(
        version=view.version,
        stages=stages,
        hours_done=hours_done,
        hours_planned=round(hours_done + hours_remaining, 1),
        hours_expected=round(expected, 1),
        status=_status(view, hours_done, expected, items_done, items_total),
        planned_end=view.base.totals.end_date,
        projected_end=view.roadmap.totals.end_date,
        deadline=view.base.profile.deadline,
        items_done=items_done,
        items_total=items_total,
        hours_remaining=hours_remaining,
    )


def _stage_progress(view: RoadmapView) -> tuple[list[StageProgress], float, float]:
    """Each stage's progress (its done items and the newest roadmap's), and the hours done and to go overall."""
    latest = {i.key for i in view.roadmap.items()}
    weight = view.weights
    stages: list[StageProgress] = []
    done_total = left_total = 0.0
    for stage_id, title in stage_order(view):
        items = [i for i in view.items if i.stage_id == stage_id and (i.key in view.done or i.key in latest)]
        if not items:
            continue
        done_hours = sum(weight.get(i.key, 0.0) for i in items if i.key in view.done)
        left_hours = sum(weight.get(i.key, 0.0) for i in items if i.key not in view.done)
        done_total += done_hours
        left_total += left_hours
        stages.append(StageProgress(stage_id, title, round(done_hours + left_hours, 1), round(done_hours, 1),
                                    len(items), sum(1 for i in items if i.key in view.done)))
    return stages, done_total, left_total


def _expected_hours(view: RoadmapView, today: date) -> float:
    """What the base plan's schedule expects done by today, plus what was done before the base plan was made."""
    base_keys = {i.key for i in view.base.items()}
    expected = sum(view.weights.get(k, 0.0) for k in view.done if k not in base_keys and k in view.weights)
    for stage in view.base.stages:
        if today >= stage.end:
            expected += stage.hours
        elif today >= stage.start:
            span = max((stage.end - stage.start).days, 1)
            expected += stage.hours * (today - stage.start).days / span
    return expected


def _status(view: RoadmapView, hours_done: float, expected: float, items_done: int, items_total: int) -> Status:
    """Finished, not started, behind, ahead or on track against the schedule, give or take half a week's hours
    (2 at least)."""
    tolerance = max(view.base.hours_per_week * 0.5, 2.0)
    if (items_total and items_done == items_total) or (items_done and not view.roadmap.stages):
        return "finished"
    if hours_done == 0 and expected <= tolerance:
        return "not_started"
    if hours_done < expected - tolerance:
        return "behind"
    if hours_done > expected + tolerance:
        return "ahead"
    return "on_track"


# ---------------------------------------------------------------- readiness (issue 18)
CLAIMED_STAGE = "claimed"  # the pseudo-stage of skills the learner claimed before the plan


@dataclass(frozen=True)
class CheckRecord:
    """One finished check of a skill: the depth it tested (1 basic .. 3 deep), passed or not, and when."""

    skill: str
    depth: int
    passed: bool
    on: date


@dataclass(frozen=True)
class ReadinessItem:
    """A markable roadmap item as readiness sees it: its key, stage and the skills it teaches."""

    key: str
    stage_id: str
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageReadiness:
    """One stage's evidence: the skills it teaches, those counted done, and those proven by a check (with date).

    For the claimed pseudo-stage, `done` is the claimed skills (the learner's word)."""

    stage_id: str
    title: str
    skills: tuple[str, ...]
    done: tuple[str, ...]
    checked: tuple[tuple[str, date], ...]


@dataclass(frozen=True)
class Readiness:
    """What /progress shows about proof: per stage, checked vs claimed or done; and the job-readiness line."""

    stages: tuple[StageReadiness, ...]
    role_needed: int  # skills the target role requires
    role_checked: int  # of those, proven by a passed check at the role's depth or deeper
    projects_done: int
    projects_total: int
    hours_remaining: float
    kept_after_fail: tuple[str, ...] = ()  # claimed, but their newest check failed (kept as known)
    flagged: tuple[str, ...] = ()  # slipping in reviews
    role_without_quiz: int = 0  # of the role's skills, those the catalog has too few questions to check
    names: Mapping[str, str] = field(default_factory=dict)  # skill id -> name, for the front-ends

    def name(self, skill: str) -> str:
        """A skill's name (its id when unnamed)."""
        return self.names.get(skill, skill)


def latest_checks(checks: Iterable[CheckRecord]) -> dict[str, CheckRecord]:
    """The newest check of each skill (a later failed check takes back an earlier pass); input oldest first."""
    out: dict[str, CheckRecord] = {}
    for check in checks:
        out[check.skill] = check
    return out


def readiness(
    stages: Iterable[tuple[str, str]],
    items: Iterable[ReadinessItem],
    done: Collection[str],
    claimed: Iterable[str],
    role_needs: Mapping[str, int],
    checks: Iterable[CheckRecord],
    hours_remaining: float,
    claimed_title: str = "",
    checkable: Collection[str] | None = None,
) -> Readiness:
    """The readiness summary, pure: `stages` are (id, title) in plan order, `items` the roadmap's markable items,
    `done` the done keys, `claimed` the skills claimed at the start, `role_needs` skill -> depth (1-3) the role
    requires, `checks` the finished checks oldest first, `checkable` the skills with enough questions to check
    (None: all). A skill is done when its own item is done or a done
    course teaches it; checked when its newest check passed (for the role line: at the role's depth or more)."""
    last = latest_checks(checks)
    passed = {s: c for s, c in last.items() if c.passed}
    items = list(items)
    done_skills: set[str] = set()
    for item in items:
        if item.key in done:
            done_skills.update(item.skills)
    out: list[StageReadiness] = []
    claimed_skills = tuple(dict.fromkeys(claimed))
    if claimed_skills:
        out.append(StageReadiness(CLAIMED_STAGE, claimed_title, claimed_skills, claimed_skills,
                                  tuple((s, passed[s].on) for s in claimed_skills if s in passed)))
    seen = set(claimed_skills)
    for stage_id, title in stages:
        skills = tuple(dict.fromkeys(s for i in items if i.stage_id == stage_id for s in i.skills if s not in seen))
        if not skills:
            continue
        seen.update(skills)
        out.append(StageReadiness(stage_id, title, skills, tuple(s for s in skills if s in done_skills),
                                  tuple((s, passed[s].on) for s in skills if s in passed)))
    role_checked = sum(1 for s, depth in role_needs.items() if s in passed and passed[s].depth >= depth)
    projects = {i.key for i in items if i.key.startswith("project:")}
    return Readiness(
        stages=tuple(out), role_needed=len(role_needs), role_checked=role_checked,
        projects_done=len(projects & set(done)), projects_total=len(projects),
        hours_remaining=max(hours_remaining, 0.0),
        kept_after_fail=tuple(s for s in claimed_skills if s in last and not last[s].passed),
        role_without_quiz=0 if checkable is None else sum(1 for s in role_needs if s not in checkable),
    )


@dataclass(frozen=True)
class ReadinessText:
    """Readiness in plain sentences: a line per stage id (the claimed pseudo-stage too), then the tail lines."""

    stages: dict[str, list[str]]
    tail: list[str]


def readiness_text(ready: Readiness) -> ReadinessText:
    """The sentences both front-ends show for readiness (Telegram escapes them, the terminal prints them)."""
    from bot import texts  # plain data, as in plan_changes

    stages: dict[str, list[str]] = {}
    for stage in ready.stages:
        if not stage.done and not stage.checked:
            continue
        claimed = stage.stage_id == CLAIMED_STAGE
        line = texts.READY_STAGE.format(checked=len(stage.checked), done=len(stage.done),
                                        what=texts.READY_WHAT_CLAIMED if claimed else texts.READY_WHAT_DONE)
        lines = [texts.READY_TITLED.format(title=stage.title, line=line) if claimed else line]
        if stage.checked:
            lines.append(texts.READY_CHECKED.format(skills=", ".join(
                texts.READY_CHECKED_ONE.format(skill=ready.name(s), date=human_date(on)) for s, on in stage.checked)))
        stages[stage.stage_id] = lines
    no_quiz = "" if not ready.role_without_quiz else texts.READY_NO_QUIZ_ONE if ready.role_without_quiz == 1 \
        else texts.READY_NO_QUIZ.format(count=ready.role_without_quiz)
    tail = [texts.READY_JOB.format(checked=ready.role_checked, needed=ready.role_needed, no_quiz=no_quiz,
                                   projects_done=ready.projects_done, projects_total=ready.projects_total,
                                   hours=f"{round(ready.hours_remaining * 2) / 2:g}")]
    if ready.kept_after_fail:
        tail.append(texts.PROGRESS_KEPT_FAILED.format(skills=", ".join(ready.name(s) for s in ready.kept_after_fail)))
    if ready.flagged:
        tail.append(texts.PROGRESS_FLAGGED.format(skills=", ".join(ready.name(s) for s in ready.flagged)))
    return ReadinessText(stages, tail)
