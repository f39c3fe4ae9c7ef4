"""Shared pieces of the reliability suite: the real application on the fast recording fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.config import Settings
from bot.telegram.loadtest import BenchRequest, Updates, running, waypoint_application
from tests.conftest import TODAY


@dataclass
class Rig:
    """A running Waypoint application, its fake Bot API, an update factory and the errors handlers raised."""

    app: Any
    request: BenchRequest
    updates: Updates
    errors: list[BaseException] = field(default_factory=list)

    @property
    def services(self) -> Any:
        """The application's services (conversation, progress, db)."""
        return self.app.bot_data["services"]


@pytest.fixture
def make_rig(settings: Settings) -> Callable[..., Any]:
    """`async with make_rig() as rig`: build_application on a BenchRequest, rate limiter off, errors recorded."""

    @asynccontextmanager
    async def factory(request: BenchRequest | None = None, rate_limited: bool = False) -> AsyncIterator[Rig]:
        fake = request or BenchRequest()
        rig = Rig(waypoint_application(settings, fake, rate_limited=rate_limited, today=TODAY), fake, Updates())
        async with running(rig.app, rig.errors):
            yield rig

    return factory
