"""Progress use cases: mark/undo items (each re-plans), the roadmap view with what is done, and /progress.

Each public method is one user action in one `db.atomic()`, committed before it returns; front-ends
call these and render the plain data they return.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.domain.admin import roadmap_notices
from bot.domain.catalog import Catalog, depth_rank
from bot.domain.planner import Roadmap, RoadmapItem, replan
from bot.domain.planner.replanning import _diff
from bot.domain.progress import (
    CheckRecord,
    ProgressEvent,
    ProgressSummary,
    Readiness,
    ReadinessItem,
    RoadmapView,
    done_items,
    item_weights,
    make_view,
    readiness,
    stage_order,
    summarise,
)
from bot.domain.skillcheck import CHECK_SIZE, RefresherItem, with_refreshers
from bot.services.base import Service, roadmap_model
from bot.services.roadmaps import CATALOG_REASON, PROGRESS_REASON, load_view, open_refreshers, store_roadmap
from bot.services.skill_checks import enrol_reviews, unenrol_reviews
from bot.storage.db import read_transaction, write_transaction
from bot.storage.repositories import Repositories, learner_ref


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


def view_readiness(repos: Repositories, learner_id: int, view: RoadmapView, hours_remaining: float,
                   catalog: Catalog) -> Readiness:
    """Readiness of the learner's newest roadmap, inside the caller's transaction (issue 18)."""
    from bot import texts  # plain data; here to keep this module's imports to what every use case needs

    taught: dict[str, tuple[str, ...]] = {}
    for stage in [*view.earlier_stages, *view.base.stages, *view.roadmap.stages]:  # newest wins
        for skill in stage.skills:
            taught[f"skill:{skill.id}"] = (skill.id,)
        for course in stage.courses:
            taught[f"course:{course.id}"] = tuple(course.skills)
    for item in view.items:  # a done item of an older version whose stage is gone: what the catalog says
        if item.key not in taught and item.kind == "course":
            entry = catalog.course_by_id.get(item.key.split(":", 1)[1])
            taught[item.key] = tuple(entry.teaches) if entry is not None else ()
        elif item.key not in taught and item.kind == "skill":
            taught[item.key] = (item.key.split(":", 1)[1],)
    items = [ReadinessItem(i.key, i.stage_id, taught.get(i.key, ())) for i in view.items]
    profile = view.roadmap.profile
    role = catalog.role_by_id.get(view.roadmap.role_id)
    needs = {} if role is None else {rs.skill: depth_rank(rs.depth) for rs in role.required_skills}
    checks = [CheckRecord(str(r["skill"]), depth_rank(str(r["depth"])), r["result"] == "passed",
                          date.fromisoformat(str(r["finished_on"])[:10]))
              for r in repos.skill_checks.finished_checks(learner_id) if r["result"] in ("passed", "failed")]
    flagged = tuple(str(r["skill"]) for r in repos.skill_checks.cards(learner_id) if r["flagged"])
    checkable = {s for s in needs if len(catalog.questions_for(s)) >= CHECK_SIZE}
    ready = readiness(stage_order(view), items, view.done, profile.known_skills, needs, checks, hours_remaining,
                      texts.READY_CLAIMED_STAGE, checkable)
    skills = {s for st in ready.stages for s in st.skills} | set(flagged) | set(needs)
    names = {s: catalog.skill_by_id[s].name for s in skills if s in catalog.skill_by_id}
    return replace(ready, flagged=flagged, names=names)


def progress_replan(view: RoadmapView, events: list[ProgressEvent], catalog: Catalog, today: date,
                    refreshers: list[RefresherItem] | None = None) -> Roadmap:
    """The roadmap after a mark or an undo: the base plan re-planned with everything done so far.

    Re-planning from the base (not from the newest re-plan) makes the plan a function of what is done, so
    an undo puts back exactly what the tick took away; `changes` still say what changed since the newest
    roadmap (and a new pace, if the observed one differs)."""
    done = done_items(events)
    # Nothing done (the only tick undone): the plan made from the answers itself, so an undo puts every number
    # back even where a re-plan would weigh the courses differently from the first plan.
    planned = replan(view.base, events, catalog, today) if done else view.base.model_copy(update={"changes": []})
    # The learner's refreshers are part of the plan, so "what changed" never reports them dropped.
    new = with_refreshers(planned, refreshers or [], done)
    from_base = set(_diff(view.base, new, done))
    pace = [change for change in new.changes if change not in from_base]
    return new.model_copy(update={"changes": pace + _diff(view.roadmap, new, done - set(view.done))})


class ProgressService(Service):
    """Marks and undos, the roadmap view with what is done, and the progress summary for one database."""

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
            # A finished course, skill, project or certification puts its skills into the spaced-review schedule;
            # an undo takes out those never reviewed that nothing else done still teaches (issue 18).
            if done:
                enrol_reviews(self.repos, learner_id, key, self.catalog_source(), now)
            else:
                unenrol_reviews(self.repos, learner_id, key, self.catalog_source(), done_items(events))
            new = progress_replan(view, events, self.catalog_source(), today, open_refreshers(self.repos, learner_id))
            version = store_roadmap(self.repos, learner_id, new, new.profile.model_dump(mode="json"), PROGRESS_REASON,
                                    now)
            if not _still_needed(view, new, {e.item for e in events}):
                # The previous version, if it was itself only a mark's re-plan, is superseded: every item of it
                # the learner ever marked is in the new one or in the base plan at the same weight (kept: it is
                # not a mark's re-plan), and the events hold the marks; an alternative course a re-plan swapped
                # in and out is no record of anything. One full version per tap made history grow without limit.
                self.repos.roadmaps.drop_version(learner_id, view.version, PROGRESS_REASON)
            self.repos.audit.log(learner_ref(learner_id), "progress.mark" if done else "progress.undo",
                                 learner_ref(learner_id), {"item": key, "version": version}, now)
            now_done = frozenset(done_items(events))
            fresh = make_view(version, new, view.base, now_done, view.earlier, view.earlier_stages, view.weights)
        return ProgressOutcome(item, done, True, fresh, list(new.changes))

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
            summary = summarise(view, today)
            ready = view_readiness(self.repos, learner_id, view, summary.hours_remaining, catalog)
        return replace(summary, readiness=ready), roadmap_notices(latest.roadmap, catalog)


def _still_needed(view: RoadmapView, new: Roadmap, marked: set[str]) -> bool:
    """Whether the previous version holds a marked item the new plan lacks and the base plan does not hold at
    the same weight: it is where that item counts from (its title, and the hours it weighed when ticked)."""
    base = item_weights(view.base)
    new_keys = {i.key for i in new.items()}
    before = item_weights(view.roadmap)
    return any(key in marked and key not in new_keys and base.get(key) != weight for key, weight in before.items())
