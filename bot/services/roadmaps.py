"""Roadmap history: store a new roadmap version, and read the newest one as a view (with the plan it grew from
and the done items of older versions).

Helpers for the use cases that plan (conversation, progress, job ads, skill checks): each runs inside the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from bot.domain.planner import Roadmap, RoadmapItem, Stage
from bot.domain.progress import ProgressEvent, RoadmapView, done_items, item_weights, make_view
from bot.domain.skillcheck import RefresherItem, with_refreshers
from bot.services.base import roadmap_model
from bot.storage.repositories import Repositories, ReviewScheduleRepo

# The reason stored with a roadmap version made by a mark or an undo.
PROGRESS_REASON = "progress"
# A re-plan after an admin retired or changed an item of the roadmap; like a progress re-plan it keeps the
# plan the learner's progress is measured against.
CATALOG_REASON = "catalog-change"
# A refresher item added for a slipping skill (issue 18) changes no answer either: the plan the learner's pace is
# measured against stays the one before it.
REFRESHER_ITEM_REASON = "refresher"
# Re-plans that change no answer: a view measures progress against the newest version made otherwise.
REPLAN_REASONS = frozenset({PROGRESS_REASON, CATALOG_REASON, REFRESHER_ITEM_REASON})


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


def open_refreshers(repos: Repositories, learner_id: int) -> list[RefresherItem]:
    """The refresher items the learner added for slipping skills (issue 18), inside the caller's transaction."""
    return [RefresherItem.model_validate(item) for item in ReviewScheduleRepo(repos.db).refreshers(learner_id)]


def apply_refreshers(repos: Repositories, learner_id: int, roadmap: Roadmap,
                     done: Collection[str] | None = None) -> Roadmap:
    """`roadmap` with the learner's open refreshers in their stages: every stored plan keeps them, whichever
    use case made it (a mark's re-plan, /edit, a job ad, a catalog change)."""
    refreshers = open_refreshers(repos, learner_id)
    if not refreshers:
        return roadmap
    if done is None:
        done = done_items(repos.progress.events(learner_id))
    return with_refreshers(roadmap, refreshers, done)


def store_roadmap(repos: Repositories, learner_id: int, roadmap: Roadmap, profile_json: dict[str, Any],
                  reason: str, now: datetime) -> int:
    """Store a new roadmap version (with the learner's open refreshers): pydantic writes its JSON text directly
    (no dict, no json.dumps)."""
    roadmap = apply_refreshers(repos, learner_id, roadmap)
    return repos.roadmaps.add_json(learner_id, roadmap.model_dump_json(), profile_json, reason, now,
                                   roadmap_rows(roadmap))


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
    base_keys = {i.key for i in base.items()}
    missing = done - {i.key for i in roadmap.items()} - base_keys
    # A done item of the base plan weighs what it weighed on the newer plan it was ticked on, if one is kept.
    reweigh = (done & base_keys) - {i.key for i in roadmap.items()}
    earlier: list[RoadmapItem] = []
    earlier_stages: list[Stage] = []
    earlier_weights: dict[str, float] = {}
    if missing or reweigh:
        # Done before a re-plan from changed answers (or dropped by a re-plan of the base): find each in the
        # newest older version that has it, so it still counts and can be undone.
        stage_ids = {s.id for s in base.stages}
        for older in reversed(repos.roadmaps.versions(learner_id)):
            if not missing and not reweigh:
                break
            if older.version >= version or older.version == base_version:
                continue
            stored = repos.roadmaps.get(learner_id, older.version)
            if stored is None:
                continue
            old = roadmap_model(stored)
            weights = item_weights(old)
            for key in reweigh & weights.keys():
                earlier_weights[key] = weights[key]
            reweigh -= weights.keys()
            found = [i for i in old.items() if i.key in missing]
            if not found:
                continue
            earlier.extend(found)
            earlier_weights.update({i.key: weights.get(i.key, 0.0) for i in found})
            missing -= {i.key for i in found}
            for stage in old.stages:
                if stage.id not in stage_ids and any(i.stage_id == stage.id for i in found):
                    stage_ids.add(stage.id)
                    earlier_stages.append(stage)
    return make_view(version, roadmap, base, done, earlier, earlier_stages, earlier_weights)
