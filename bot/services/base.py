"""What every learner-facing service holds: the database, its repositories, the catalog and the clocks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlite_utils import Database

from bot.domain.catalog import Catalog
from bot.storage.repositories import Repositories


def utc_now() -> datetime:
    """The current time in UTC (the default `now` of the services)."""
    return datetime.now(UTC)


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
