"""Shared fixtures: the application on the fake Bot API (bot.testing), a temporary database and settings."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from telegram.error import TelegramError

from bot.config import Settings, load_settings
from bot.testing.client import AppHarness, running
from bot.testing.fake_bot_api import FakeBotAPI

TODAY = date(2026, 1, 5)
TOKEN = "123456:TEST-TOKEN-not-real"


@pytest.fixture
def fake_request() -> FakeBotAPI:
    """A fresh fake Bot API."""
    return FakeBotAPI()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file in a temporary directory."""
    return tmp_path / "waypoint.db"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """Settings with a fake token and a temporary database (no .env read)."""
    return load_settings(TELEGRAM_BOT_TOKEN=TOKEN, WAYPOINT_DB_PATH=str(db_path), _env_file=None)


@pytest.fixture
def make_app(settings: Settings) -> Callable[..., Any]:
    """Build an initialised application (post_init run) on a fake request; use as `async with make_app() as h`."""
    from contextlib import asynccontextmanager

    from bot.telegram.app import build_application

    @asynccontextmanager
    async def factory(request: FakeBotAPI | None = None, today: date = TODAY) -> AsyncIterator[AppHarness]:
        fake = request or FakeBotAPI()
        app = build_application(settings, clock=lambda: today, request=fake)
        errors: list[BaseException] = []
        async with running(app, errors):
            yield AppHarness(app, fake, errors)

    return factory


@pytest.fixture
async def harness(make_app: Callable[..., Any]) -> AsyncIterator[AppHarness]:
    """One running app; fails the test if a handler raised or an unexpected method was called."""
    async with make_app() as h:
        yield h
        assert not h.errors, f"handler errors: {h.errors!r}"
        assert not h.request.unexpected, f"unexpected Bot API methods: {h.request.unexpected}"


def telegram_error(error: BaseException) -> bool:
    """Whether an error came from the Bot API (for tests that provoke faults)."""
    return isinstance(error, TelegramError)
