"""What every learner-facing service holds: the database, its repositories, the catalog and the clocks.

Also the two process-wide helpers that keep a learner's update cheap however many learners there are: parsed
roadmaps cached by their stored bytes, and a start-up heap the garbage collector no longer walks.
"""

from __future__ import annotations

import gc
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlite_utils import Database

from bot.domain.catalog import Catalog
from bot.domain.planner import Roadmap
from bot.storage.repositories import Repositories, StoredRoadmap

# About 150 KB of Python objects per parsed roadmap, so 128 of them are ~19 MB whatever the learner count; enough
# for the latest and base plans of ~60 learners active at once (a mark reads each of them two or three times).
ROADMAP_CACHE_SIZE = 128


def utc_now() -> datetime:
    """The current time in UTC (the default `now` of the services)."""
    return datetime.now(UTC)


class RoadmapCache:
    """Parsed `Roadmap` models keyed by the exact bytes they were stored as, least recently used dropped first.

    Keyed by content, never by learner and version: a restored database, a learner id SQLite hands out again,
    or another process's write can only ever produce different bytes, hence a miss, never a stale plan. The
    same bytes always parse to an equal model, and roadmaps are never edited in place (re-plans and
    `model_copy(update=...)` make new objects), so one model can be shared by every reader.
    """

    def __init__(self, size: int = ROADMAP_CACHE_SIZE) -> None:
        """Keep at most `size` models."""
        self.size = size
        self._models: OrderedDict[bytes | str, Roadmap] = OrderedDict()
        self._lock = threading.Lock()  # the reminder sweep and admin uploads read in worker threads
        self.hits = 0
        self.misses = 0

    def get(self, stored: bytes | str) -> Roadmap:
        """The model of a stored `roadmap_z` value (compressed JSON; plain JSON text before migration 0005)."""
        with self._lock:
            found = self._models.get(stored)
            if found is not None:
                self._models.move_to_end(stored)
                self.hits += 1
                return found
            self.misses += 1
        # Parsed outside the lock; JSON straight into the model skips building the intermediate dict.
        text = zlib.decompress(stored) if isinstance(stored, bytes | bytearray | memoryview) else stored
        model = Roadmap.model_validate_json(text)
        with self._lock:
            self._models[stored] = model
            self._models.move_to_end(stored)
            while len(self._models) > self.size:
                self._models.popitem(last=False)
        return model

    def clear(self) -> None:
        """Forget every model."""
        with self._lock:
            self._models.clear()

    def __len__(self) -> int:
        """Models kept now."""
        return len(self._models)


ROADMAPS = RoadmapCache()


def roadmap_model(stored: StoredRoadmap) -> Roadmap:
    """The stored roadmap version as a model, parsed once per distinct stored bytes (see RoadmapCache)."""
    return ROADMAPS.get(stored.roadmap_z)


def settle_heap(warm: Callable[[], object] | None = None) -> int:
    """Once a serving process has started (after `warm()`, e.g. building the effective catalog), move everything
    alive out of the cyclic garbage collector's reach; returns how many objects were frozen.

    A full collection walks every tracked object: with the imports and the catalog that took 200-400 ms on the
    event loop every few seconds under load, stalling every user's update at once (the load bench's p99). Frozen
    objects are still freed by reference counting (a replaced catalog goes); only cycles among them would stay,
    so this is for the process that serves until it exits (`waypoint run`, the benches), never per application
    in a test run.
    """
    if warm is not None:
        warm()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


class Service:
    """Base of the use-case services: one database, the effective catalog, today's date and the time."""

    def __init__(
        self,
        db: Database,
        catalog_source: Callable[[], Catalog],
        clock: Callable[[], date],
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        """Work on `db` with the effective catalog from `catalog_source` and today's date from `clock`."""
        self.db = db
        self.repos = Repositories(db)
        self.catalog_source = catalog_source
        self.clock = clock
        self.now = now

    def learner_id(self, channel: str, external_id: str) -> int | None:
        """The learner's id, if they ever talked to us."""
        learner = self.repos.learners.find(channel, external_id)
        return None if learner is None else learner.id
