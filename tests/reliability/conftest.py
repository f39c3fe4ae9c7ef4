"""Shared pieces of the reliability suite: the real application on the bench's bounded fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.bench.load import bench_api, waypoint_application
from bot.config import Settings
from bot.testing.client import running
from bot.testing.fake_bot_api import FakeBotAPI
from tests.conftest import TODAY


@dataclass
class Rig:
    """A running Waypoint application, its fake Bot API and the errors handlers raised."""

    app: Any
    request: FakeBotAPI
    errors: list[BaseException] = field(default_factory=list)

    @property
    def services(self) -> Any:
        """The application's services (conversation, progress, db)."""
        return self.app.bot_data["services"]


@pytest.fixture
def make_rig(settings: Settings) -> Callable[..., Any]:
    """`async with make_rig() as rig`: build_application on a bench fake Bot API, rate limiter off, errors recorded."""

    @asynccontextmanager
    async def factory(request: FakeBotAPI | None = None, rate_limited: bool = False) -> AsyncIterator[Rig]:
        fake = request or bench_api()
        rig = Rig(waypoint_application(settings, fake, rate_limited=rate_limited, today=TODAY), fake)
        async with running(rig.app, rig.errors):
            yield rig

    return factory
