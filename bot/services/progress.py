"""Progress use cases: mark/undo items (each re-plans), the progress summary, reminders and privacy.

Each public method is one user action in one `db.atomic()`, committed before it returns; front-ends
call these and render the plain data they return.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.admin import roadmap_notices
from bot.domain.catalog import Catalog
from bot.domain.planner import Roadmap, RoadmapItem, Stage, _diff, replan
from bot.domain.progress import ProgressEvent, done_items, item_weights
from bot.services.base import Service, roadmap_model
from bot.storage.db import checkpoint_truncate, read_transaction, write_transaction
from bot.storage.repositories import Reminder, Repositories, erased_ref, learner_ref

PROGRESS_REASON = "progress"
# A re-plan after an admin retired or changed an item of the roadmap; like a progress re-plan it keeps the
# plan the learner's progress is measured against.
CATALOG_REASON = "catalog-change"
REPLAN_REASONS = frozenset({PROGRESS_REASON, CATALOG_REASON})
Status = Literal["not_started", "on_track", "behind", "ahead", "finished"]


class UnknownItem(LookupError):
    """The item is not on the learner's roadmap."""


class NoRoadmap(LookupError):
    """The learner has no roadmap yet."""


class StaleRoadmap(LookupError):
    """A button made for another roadmap version (or an item index that is not on it); carries the current view."""

    def __init__(self, view: RoadmapView) -> None:
        super().__init__(view.version)
        self.view = view


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


@dataclass(frozen=True)
class ProgressOutcome:
    """The result of a mark or undo."""

    item: RoadmapItem
    done: bool
    changed: bool
    view: RoadmapView
    changes: list[str]


@dataclass(frozen=True)
class ReplanOutcome:
    """The result of a re-plan onto the current catalog: the new roadmap and what changed."""

    view: RoadmapView
    changes: list[str]


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

    @property
    def fraction(self) -> float:
        """Overall done share, 0..1."""
        return min(self.hours_done / self.hours_planned, 1.0) if self.hours_planned else 0.0


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


def roadmap_rows(roadmap: Roadmap) -> list[tuple[int, str, int, str | None, str | None]]:
    """The `roadmap_items` rows of a roadmap (without the learner) straight from the model: the rows
    `bot.storage.codec.roadmap_item_rows` reads from its JSON, without walking the dumped dict."""
    rows: list[tuple[int, str, int, str | None, str | None]] = []
    for position, stage in enumerate(roadmap.stages):
        stage_id = stage.id or str(position)
        order = stage.index or position
        for kind, entries in (("skill", stage.skills), ("course", stage.courses), ("cert", stage.certifications),
                              ("project", stage.projects), ("step", stage.steps)):
            for entry in entries:
                entry_id = entry.id
                if entry_id:
                    rows.append((position, stage_id, order, f"{kind}:{entry_id}", entry_id.split(":", 1)[-1]))
    return rows


def store_roadmap(repos: Repositories, learner_id: int, roadmap: Roadmap, profile_json: dict[str, Any],
                  reason: str, now: datetime) -> int:
    """Store a new roadmap version: pydantic writes its JSON text directly (no dict, no json.dumps)."""
    return repos.roadmaps.add_json(learner_id, roadmap.model_dump_json(), profile_json, reason, now,
                                   roadmap_rows(roadmap))


def make_view(version: int, roadmap: Roadmap, base: Roadmap, done: frozenset[str],
              earlier: list[RoadmapItem] | None = None, earlier_stages: list[Stage] | None = None,
              earlier_weights: dict[str, float] | None = None) -> RoadmapView:
    """A view of roadmap `version`; `earlier` done items and their stages are kept only while still needed.
    Each item weighs what it weighs on the newest roadmap that has it (`earlier_weights` for older ones)."""
    items = view_items(roadmap, base, done, earlier)
    keys = {i.key for i in items}
    kept = [i for i in earlier or [] if i.key in keys and i.key in done]
    base_stages = {s.id for s in base.stages}
    kept_stages = {i.stage_id for i in kept} - base_stages
    stages = [s for s in earlier_stages or [] if s.id in kept_stages]
    every = {**(earlier_weights or {}), **item_weights(base), **item_weights(roadmap)}
    weights = {key: every.get(key, 0.0) for key in keys}
    return RoadmapView(version, roadmap, base, done, items, kept, stages, weights)


def load_view(repos: Repositories, learner_id: int, version: int, reason: str, roadmap: Roadmap,
              events: list[ProgressEvent] | None = None) -> RoadmapView:
    """The view of the learner's newest roadmap (given, already in memory) inside the caller's transaction."""
    base, base_version = roadmap, version
    if reason in REPLAN_REASONS:
        for stored_version in reversed(repos.roadmaps.versions(learner_id)):
            if stored_version.version < version and stored_version.reason not in REPLAN_REASONS:
                stored = repos.roadmaps.get(learner_id, stored_version.version)
                if stored is not None:
                    base, base_version = roadmap_model(stored), stored.version
                    break
    done = frozenset(done_items(repos.progress.events(learner_id) if events is None else events))
    missing = done - {i.key for i in roadmap.items()} - {i.key for i in base.items()}
    earlier: list[RoadmapItem] = []
    earlier_stages: list[Stage] = []
    earlier_weights: dict[str, float] = {}
    if missing:
        # Done before a re-plan from changed answers (or dropped by a re-plan of the base): find each in the
        # newest older version that has it, so it still counts and can be undone.
        stage_ids = {s.id for s in base.stages}
        for older in reversed(repos.roadmaps.versions(learner_id)):
            if not missing:
                break
            if older.version >= version or older.version == base_version:
                continue
            stored = repos.roadmaps.get(learner_id, older.version)
            if stored is None:
                continue
            old = roadmap_model(stored)
            found = [i for i in old.items() if i.key in missing]
            if not found:
                continue
            earlier.extend(found)
            weights = item_weights(old)
            earlier_weights.update({i.key: weights.get(i.key, 0.0) for i in found})
            missing -= {i.key for i in found}
            for stage in old.stages:
                if stage.id not in stage_ids and any(i.stage_id == stage.id for i in found):
                    stage_ids.add(stage.id)
                    earlier_stages.append(stage)
    return make_view(version, roadmap, base, done, earlier, earlier_stages, earlier_weights)


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
    base = view.base
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
    # What the base plan's schedule expects by today, plus what was done before the base plan was made.
    base_keys = {i.key for i in base.items()}
    expected = sum(weight.get(k, 0.0) for k in view.done if k not in base_keys and k in weight)
    for stage in base.stages:
        if today >= stage.end:
            expected += stage.hours
        elif today >= stage.start:
            span = max((stage.end - stage.start).days, 1)
            expected += stage.hours * (today - stage.start).days / span
    hours_done = round(done_total, 1)
    hours_remaining = round(left_total, 1)
    planned = round(hours_done + hours_remaining, 1)
    items_total = sum(s.items_total for s in stages)
    items_done = sum(s.items_done for s in stages)
    tolerance = max(base.hours_per_week * 0.5, 2.0)
    status: Status
    if (items_total and items_done == items_total) or (items_done and not view.roadmap.stages):
        status = "finished"
    elif hours_done == 0 and expected <= tolerance:
        status = "not_started"
    elif hours_done < expected - tolerance:
        status = "behind"
    elif hours_done > expected + tolerance:
        status = "ahead"
    else:
        status = "on_track"
    return ProgressSummary(
        version=view.version,
        stages=stages,
        hours_done=hours_done,
        hours_planned=planned,
        hours_expected=round(expected, 1),
        status=status,
        planned_end=base.totals.end_date,
        projected_end=view.roadmap.totals.end_date,
        deadline=base.profile.deadline,
        items_done=items_done,
        items_total=items_total,
        hours_remaining=hours_remaining,
    )


def progress_replan(view: RoadmapView, events: list[ProgressEvent], catalog: Catalog, today: date) -> Roadmap:
    """The roadmap after a mark or an undo: the base plan re-planned with everything done so far.

    Re-planning from the base (not from the newest re-plan) makes the plan a function of what is done, so
    an undo puts back exactly what the tick took away; `changes` still say what changed since the newest
    roadmap (and a new pace, if the observed one differs)."""
    new = replan(view.base, events, catalog, today)
    done = done_items(events)
    from_base = set(_diff(view.base, new, done))
    pace = [change for change in new.changes if change not in from_base]
    return new.model_copy(update={"changes": pace + _diff(view.roadmap, new, done - set(view.done))})


def valid_timezone(name: str) -> str | None:
    """The IANA zone name if it exists (case-insensitive for the common spelling), else None."""
    name = name.strip()
    if not name or ".." in name or name.startswith("/"):
        return None
    for candidate in (name, "/".join(part[:1].upper() + part[1:] for part in name.split("/")), name.upper()):
        try:
            ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return candidate
    return None


class ProgressService(Service):
    """Marks, summaries, reminders, export and erasure for one database."""

    # ---------------------------------------------------------------- roadmap
    def learner_id(self, channel: str, external_id: str) -> int | None:
        """The learner's id, if they ever talked to us."""
        learner = self.repos.learners.find(channel, external_id)
        return None if learner is None else learner.id

    def _view(self, learner_id: int, events: list[ProgressEvent] | None = None) -> RoadmapView | None:
        latest = self.repos.roadmaps.latest(learner_id)
        if latest is None:
            return None
        return load_view(self.repos, learner_id, latest.version, latest.reason,
                         roadmap_model(latest), events)

    def view(self, learner_id: int) -> RoadmapView | None:
        """The newest roadmap with its version and what is done, or None before the first plan."""
        with read_transaction(self.db):
            return self._view(learner_id)

    def latest_roadmap(self, learner_id: int) -> Roadmap | None:
        """The newest roadmap, or None."""
        view = self.view(learner_id)
        return None if view is None else view.roadmap

    def mark(self, learner_id: int, key: str, done: bool = True, hours: float | None = None) -> ProgressOutcome:
        """Record a mark (or undo), re-plan from it and store the new roadmap version."""
        return self._mark(learner_id, key, None, done, hours)

    def mark_at(self, learner_id: int, version: int, index: int, done: bool = True) -> ProgressOutcome:
        """Like `mark`, for item `index` of roadmap `version` (a ✅ button); StaleRoadmap when that is not the
        newest version or has no such item. The check and the mark are one transaction."""
        return self._mark(learner_id, None, (version, index), done, None)

    def _mark(self, learner_id: int, key: str | None, at: tuple[int, int] | None, done: bool,
              hours: float | None) -> ProgressOutcome:
        today = self.clock()
        now = self.now()
        with write_transaction(self.db):
            # Write first: the transaction takes SQLite's write lock now (waiting politely if another
            # connection has it) instead of failing to upgrade a read snapshot later.
            self.repos.learners.touch(learner_id, now)
            events = self.repos.progress.events(learner_id)
            view = self._view(learner_id, events)
            if view is None:
                raise NoRoadmap(learner_id)
            if at is not None:
                found = view.item(at[1]) if at[0] == view.version else None
                if found is None:
                    raise StaleRoadmap(view)
                key = found.key
            assert key is not None
            index = view.index_of(key)
            if index is None:
                raise UnknownItem(key)
            item = view.items[index]
            if (key in view.done) == done:
                return ProgressOutcome(item, done, False, view, [])
            event = ProgressEvent(item=key, done=done, on=today, hours=hours)
            self.repos.progress.add(learner_id, event, now)
            events = [*events, event]
            if done:  # a finished course or skill enters the spaced-review schedule (issue 18)
                from bot.services.skill_checks import enrol_reviews

                enrol_reviews(self.repos, learner_id, key, self.catalog_source(), now)
            new = progress_replan(view, events, self.catalog_source(), today)
            version = store_roadmap(self.repos, learner_id, new, new.profile.model_dump(mode="json"), PROGRESS_REASON,
                                    now)
            if {i.key for i in view.roadmap.items()} <= {i.key for i in [*new.items(), *view.base.items()]}:
                # The previous version, if it was itself only a mark's re-plan, is superseded: every item it
                # had is in the new one or in the base plan (kept: it is not a mark's re-plan), and the events
                # hold the marks. One full version per tap made history and /export grow without limit.
                self.repos.roadmaps.drop_version(learner_id, view.version, PROGRESS_REASON)
            self.repos.audit.log(learner_ref(learner_id), "progress.mark" if done else "progress.undo",
                                 learner_ref(learner_id), {"item": key, "version": version}, now)
            now_done = frozenset(done_items(events))
            fresh = make_view(version, new, view.base, now_done, view.earlier, view.earlier_stages, view.weights)
        return ProgressOutcome(item, done, True, fresh, list(new.changes))

    def notices(self, learner_id: int) -> list[str]:
        """What was retired or changed in the catalog since the learner's newest roadmap was made ([] if none)."""
        with read_transaction(self.db):
            latest = self.repos.roadmaps.latest(learner_id)
        return [] if latest is None else roadmap_notices(latest.roadmap, self.catalog_source())

    def replan_for_catalog(self, learner_id: int) -> ReplanOutcome:
        """Re-plan the newest roadmap on the current catalog, keeping progress; store it (reason catalog-change)."""
        today, now = self.clock(), self.now()
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, now)  # take the write lock first (see mark)
            events = self.repos.progress.events(learner_id)
            view = self._view(learner_id, events)
            if view is None:
                raise NoRoadmap(learner_id)
            new = replan(view.roadmap, events, self.catalog_source(), today)
            version = store_roadmap(self.repos, learner_id, new, new.profile.model_dump(mode="json"), CATALOG_REASON,
                                    now)
            self.repos.audit.log(learner_ref(learner_id), "roadmap.catalog-replan", learner_ref(learner_id),
                                 {"version": version}, now)
            fresh = make_view(version, new, view.base, view.done, view.earlier, view.earlier_stages,
                              view.weights)
        return ReplanOutcome(fresh, list(new.changes))

    def last_marked(self, learner_id: int) -> str | None:
        """The item of the newest 'done' mark that is still done (what a bare /undo undoes)."""
        with read_transaction(self.db):
            events = self.repos.progress.events(learner_id)
        done = done_items(events)
        return next((e.item for e in reversed(events) if e.done and e.item in done), None)

    def summary(self, learner_id: int) -> ProgressSummary | None:
        """Progress against the plan, or None before the first plan."""
        view = self.view(learner_id)
        return None if view is None else summarise(view, self.clock())

    def report(self, learner_id: int) -> tuple[ProgressSummary, list[str]] | None:
        """/progress in one read: the summary and the catalog-change notices; None before the first plan."""
        catalog, today = self.catalog_source(), self.clock()
        with read_transaction(self.db):
            latest = self.repos.roadmaps.latest(learner_id)
            if latest is None:
                return None
            view = load_view(self.repos, learner_id, latest.version, latest.reason,
                             roadmap_model(latest))
        return summarise(view, today), roadmap_notices(latest.roadmap, catalog)

    def stage_done_fractions(self, view: RoadmapView) -> dict[str, float]:
        """Done share per stage id (for the timeline picture)."""
        return {s.stage_id: s.fraction for s in summarise(view, self.clock()).stages}

    # ---------------------------------------------------------------- reminders
    def reminder(self, learner_id: int) -> Reminder | None:
        """The learner's reminder, if set."""
        with read_transaction(self.db):
            return self.repos.reminders.get(learner_id)

    def timezone(self, learner_id: int) -> str | None:
        """The learner's stored time zone, if any."""
        with read_transaction(self.db):
            learner = self.repos.learners.get(learner_id)
        return None if learner is None else learner.timezone

    def set_reminder(self, learner_id: int, weekday: int, hour: int, timezone: str, minute: int = 0) -> Reminder:
        """Set (and switch on) the weekly reminder; also remembers the learner's time zone."""
        zone = valid_timezone(timezone)
        if zone is None:
            raise ValueError(f"unknown time zone {timezone!r}")
        with write_transaction(self.db):
            self.repos.learners.set_timezone(learner_id, zone)
            reminder = self.repos.reminders.upsert(learner_id, weekday, hour, minute, zone)
            self.repos.audit.log(learner_ref(learner_id), "reminder.set", learner_ref(learner_id),
                                 {"weekday": weekday, "hour": hour, "minute": minute, "timezone": zone}, self.now())
        return reminder

    def set_timezone(self, learner_id: int, timezone: str) -> str:
        """Change the learner's time zone (and their reminder's, if any); return the canonical name."""
        zone = valid_timezone(timezone)
        if zone is None:
            raise ValueError(f"unknown time zone {timezone!r}")
        with write_transaction(self.db):
            self.repos.learners.set_timezone(learner_id, zone)
            current = self.repos.reminders.get(learner_id)
            if current is not None and current.active:
                self.repos.reminders.upsert(learner_id, current.weekday, current.hour, current.minute, zone)
                if current.paused:
                    self.repos.reminders.set_paused(learner_id, True)
        return zone

    def pause_reminder(self, learner_id: int, paused: bool) -> Reminder | None:
        """Pause or resume; None when there is no reminder."""
        with write_transaction(self.db):
            if not self.repos.reminders.set_paused(learner_id, paused):
                return None
            return self.repos.reminders.get(learner_id)

    def stop_reminder(self, learner_id: int, reason: str = "stopped") -> bool:
        """Switch the reminder off (the learner asked, or blocked the bot)."""
        with write_transaction(self.db):
            return self.repos.reminders.disable(learner_id, reason)

    def reminder_sent(self, learner_id: int) -> None:
        """Record a delivered reminder."""
        with write_transaction(self.db):
            self.repos.reminders.mark_sent(learner_id, self.now())

    def reminder_due(self, learner_id: int, channel: str, external_id: str) -> bool:
        """Whether this learner's reminder is still on and still theirs, read now from the database.

        Another process (a second bot, `waypoint db restore`) may have stopped it, or given the learner id to
        someone else, since the job was scheduled: a job checks this before sending anything.
        """
        with read_transaction(self.db):
            reminder = self.repos.reminders.get(learner_id)
            learner = self.repos.learners.get(learner_id)
        return (reminder is not None and reminder.active and not reminder.paused and learner is not None
                and learner.channel == channel and learner.external_id == external_id)

    def reminders_due(self, start: datetime, end: datetime, channel: str = "telegram", every_day: bool = False,
                      ) -> list[tuple[Reminder, str, datetime]]:
        """(reminder, external id, moment it is due) of every active reminder of `channel` whose weekly time
        falls in [start, end) (aware datetimes, a window of less than a day), by moment.

        One query per time zone and local day the window touches; nothing is kept per learner in memory.
        """
        if end - start >= timedelta(days=1):
            raise ValueError("a reminder window must be shorter than a day")
        start, end = start.astimezone(UTC), end.astimezone(UTC)  # compare instants, never wall times
        out: list[tuple[Reminder, str, datetime]] = []
        with read_transaction(self.db):
            for name in self.repos.reminders.active_timezones():
                try:
                    zone = ZoneInfo(name)
                except (ValueError, ZoneInfoNotFoundError):
                    continue
                local_start, local_end = start.astimezone(zone), end.astimezone(zone)
                day = local_start.date()
                while day <= local_end.date():
                    hour_from = local_start.hour if day == local_start.date() else 0
                    hour_to = local_end.hour if day == local_end.date() else 23
                    weekday = None if every_day else day.weekday()  # reviews come daily at the same time
                    for reminder, who in self.repos.reminders.due_in_hours(channel, name, weekday,
                                                                           hour_from, hour_to):
                        moment = datetime.combine(day, time(reminder.hour, reminder.minute), tzinfo=zone)
                        if start <= moment < end:
                            out.append((reminder, who, moment))
                    day += timedelta(days=1)
        out.sort(key=lambda entry: (entry[2], entry[0].learner_id))
        return out

    def active_reminders(self) -> list[tuple[Reminder, str]]:
        """(reminder, external id) of every Telegram learner whose reminder is on."""
        with read_transaction(self.db):
            out = []
            for reminder in self.repos.reminders.all_active():
                learner = self.repos.learners.get(reminder.learner_id)
                if learner is not None and learner.channel == "telegram":
                    out.append((reminder, learner.external_id))
            return out

    # ---------------------------------------------------------------- privacy
    def export(self, learner_id: int) -> dict[str, Any] | None:
        """Every row about the learner as one JSON-ready document."""
        with read_transaction(self.db):
            data = self.repos.learners.export(learner_id)
            latest = self.repos.roadmaps.latest(learner_id)
            view = None if latest is None else load_view(self.repos, learner_id, latest.version, latest.reason,
                                                         roadmap_model(latest))
        if data is not None and view is not None:
            summary = summarise(view, self.clock())
            data["progress"] = {
                "hours_done": summary.hours_done, "hours_remaining": summary.hours_remaining,
                "hours_total": summary.hours_planned, "items_done": summary.items_done,
                "items_total": summary.items_total,
                "stages": [{"id": s.stage_id, "title": s.title, "hours_done": s.hours_done,
                            "hours_total": s.hours_planned} for s in summary.stages],
            }
        return data

    def delete(self, learner_id: int) -> dict[str, int]:
        """Erase every row about the learner; rows erased per table."""
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, self.now())  # take the write lock first (see mark)
            erased = self.repos.learners.delete_all(learner_id)
        checkpoint_truncate(self.db)  # the WAL still holds the erased rows' old pages until checkpointed
        return erased

    def erase(self, channel: str, external_id: str) -> dict[str, int]:
        """Erase everything about this person, learner or not (refused admin attempts too); rows per table."""
        with write_transaction(self.db):
            learner = self.repos.learners.find(channel, external_id)
            if learner is not None:
                erased = self.repos.learners.delete_all(learner.id)
            else:  # never a learner, but audited (a refused admin command): a random salt, never reversible
                pseudonym = erased_ref(channel, external_id, secrets.token_hex(16))
                erased = {"audit_log": self.repos.learners.forget([f"{channel}:{external_id}"], pseudonym)}
        checkpoint_truncate(self.db)  # the WAL still holds the erased rows' old pages until checkpointed
        return erased
