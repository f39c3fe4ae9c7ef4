"""Parsed roadmaps cached by their stored bytes (bot.services.base): the cached model is the model the stored
JSON validates to, a cache can never hand out another version's plan, and marks, undos and re-plans give
exactly the same outcomes with the cache as without it."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.services.base as base
from bot.bench.updates import PLAN_EVERY, seed_learners
from bot.config import SHIPPED_CONTENT
from bot.domain.catalog import Catalog
from bot.domain.planner import Roadmap, plan
from bot.domain.profile import LearnerProfile
from bot.services.base import RoadmapCache, roadmap_model, settle_heap
from bot.services.progress import ProgressService, UnknownItem, store_roadmap
from bot.storage.db import open_database
from bot.storage.repositories import Repositories

CATALOG = Catalog.load(SHIPPED_CONTENT)
TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)
ROLES = sorted(role.id for role in CATALOG.roles)


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(role=st.sampled_from(ROLES), hours=st.sampled_from([2.0, 6.0, 10.0, 25.0]),
       budget=st.sampled_from([None, 0.0, 300.0]), certificates=st.booleans(),
       known=st.lists(st.sampled_from(["python", "sql", "git", "statistics"]), unique=True))
def test_a_cached_model_is_what_the_stored_json_validates_to(role: str, hours: float, budget: float | None,
                                                            certificates: bool, known: list[str]) -> None:
    profile = LearnerProfile(target_role=role, hours_per_week=hours, budget_usd=budget,
                             wants_certificates=certificates, known_skills=known, deadline=date(2026, 9, 1))
    roadmap = plan(profile, CATALOG, TODAY)
    with open_database(None) as db:
        repos = Repositories(db)
        learner = repos.learners.get_or_create("telegram", "1", None, NOW).id
        store_roadmap(repos, learner, roadmap, profile.model_dump(mode="json"), "onboarding", NOW)
        stored = repos.roadmaps.latest(learner)
        assert stored is not None
        model = RoadmapCache().get(stored.roadmap_z)
    expected = Roadmap.model_validate(stored.roadmap)
    assert model == expected and model.model_dump_json() == expected.model_dump_json()
    assert model == roadmap  # and both are the plan that was stored


def test_the_cache_is_keyed_by_content_and_bounded() -> None:
    cache = RoadmapCache(size=2)
    first = plan(LearnerProfile(target_role="ml-engineer", hours_per_week=10), CATALOG, TODAY)
    second = plan(LearnerProfile(target_role="data-scientist", hours_per_week=10), CATALOG, TODAY)
    with open_database(None) as db:
        repos = Repositories(db)
        ann, bob = (repos.learners.get_or_create("telegram", who, None, NOW).id for who in ("1", "2"))
        for learner in (ann, bob):  # two learners with the very same plan
            store_roadmap(repos, learner, first, {}, "onboarding", NOW)
        anns, bobs = repos.roadmaps.latest(ann), repos.roadmaps.latest(bob)
        assert anns is not None and bobs is not None
        assert cache.get(anns.roadmap_z) is cache.get(bobs.roadmap_z)  # same bytes: one model, parsed once
        assert (cache.hits, cache.misses) == (1, 1)
        # The same learner id and version number with other content (a restored database, an id SQLite gave
        # out again after an erasure) is another key: never the cached plan of someone else.
        repos.learners.delete_all(ann)
        again = repos.learners.get_or_create("telegram", "3", None, NOW).id
        store_roadmap(repos, again, second, {}, "onboarding", NOW)
        other = repos.roadmaps.latest(again)
        assert other is not None and other.version == anns.version
        assert cache.get(other.roadmap_z) == second != cache.get(bobs.roadmap_z)
        for stored in (anns, other, bobs, other):
            cache.get(stored.roadmap_z)
        assert len(cache) == 2


def _outcomes(tmp_path: Path, cache: RoadmapCache, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Marks, a repeated mark, undos and a catalog re-plan of one seeded learner, as plain data."""
    monkeypatch.setattr(base, "ROADMAPS", cache)
    path = tmp_path / f"cache-{cache.size}.db"
    seed_learners(path, PLAN_EVERY, CATALOG)
    db = open_database(path)
    try:
        service = ProgressService(db, lambda: CATALOG, lambda: TODAY, now=lambda: NOW)
        learner = Repositories(db).learners.find("telegram", "10000000")
        assert learner is not None
        view = service.view(learner.id)
        assert view is not None
        keys = [item.key for item in view.items[:8]]
        steps: list[tuple[str, bool]] = [(keys[2], True), (keys[5], True), (keys[5], True), (keys[2], False),
                                         (keys[7], True), (keys[5], False), (keys[0], False)]
        out: list[Any] = []
        for key, done in steps:
            try:
                outcome = service.mark(learner.id, key, done=done)
            except UnknownItem:  # a mark's re-plan dropped an item it made redundant: the same either way
                out.append(("gone", key))
                continue
            out.append((outcome.item, outcome.done, outcome.changed, outcome.changes, outcome.view.version,
                        outcome.view.roadmap.model_dump_json(), outcome.view.base.model_dump_json(),
                        sorted(outcome.view.done), outcome.view.items, outcome.view.weights))
            report = service.report(learner.id)
            assert report is not None
            out.append(report)
        replanned = service.replan_for_catalog(learner.id)
        out.append((replanned.changes, replanned.view.roadmap.model_dump_json()))
        return out
    finally:
        db.close()


def test_marks_undos_and_replans_are_the_same_with_the_cache_as_without(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cached = RoadmapCache()
    with_cache = _outcomes(tmp_path, cached, monkeypatch)
    assert cached.hits > cached.misses  # each version is read several times per mark
    without = _outcomes(tmp_path, RoadmapCache(size=0), monkeypatch)  # every read parses the stored JSON
    assert with_cache == without


def test_roadmap_model_reads_through_the_shared_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = RoadmapCache()
    monkeypatch.setattr(base, "ROADMAPS", cache)
    with open_database(None) as db:
        repos = Repositories(db)
        learner = repos.learners.get_or_create("telegram", "1", None, NOW).id
        roadmap = plan(LearnerProfile(target_role="ml-engineer", hours_per_week=10), CATALOG, TODAY)
        store_roadmap(repos, learner, roadmap, {}, "onboarding", NOW)
        first, again = repos.roadmaps.latest(learner), repos.roadmaps.latest(learner)
        assert first is not None and again is not None
        assert roadmap_model(first) is roadmap_model(again) and (cache.hits, cache.misses) == (1, 1)


def test_settle_heap_warms_then_takes_the_start_up_heap_out_of_full_collections() -> None:
    warmed: list[bool] = []
    try:
        frozen = settle_heap(lambda: warmed.append(True))
        assert warmed == [True]
        assert frozen > 10_000  # the imports at least
        assert len(gc.get_objects()) < frozen / 10  # what a full collection still walks
    finally:
        gc.unfreeze()  # this test process builds many applications: do not keep them all
