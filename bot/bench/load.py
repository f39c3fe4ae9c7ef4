"""The Telegram side of `waypoint bench updates` and `waypoint bench load` (figures, never timed tests).

Everything here runs python-telegram-bot for real (``Update.de_json`` → handlers → services → SQLite →
``Bot.send_message`` → request layer) with only the HTTP transport replaced by the test kit's `FakeBotAPI`, bounded
(`bench_api`: each chat's newest messages, no recorded calls). A bare echo bot on the same fake is the baseline.

The shipped application has an `AIORateLimiter` that holds sends to Telegram's ~30 messages per second;
that models Telegram's limit, not the bot's cost, so the benches measure both apps *without* it
(`rate_limited=False`) and say so in the report.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings, load_settings
from bot.testing.client import PLAN_LABEL, AppHarness, BotClient, running
from bot.testing.fake_bot_api import FakeBotAPI
from bot.testing.updates import callback_update

BENCH_TOKEN = "123456:BENCH-token-not-real"
TODAY = date(2026, 1, 5)
KEEP_PER_CHAT = 6  # the newest messages the fake remembers per chat (enough to find the buttons to tap)


def bench_api(keep_per_chat: int = KEEP_PER_CHAT) -> FakeBotAPI:
    """The fake Bot API of a bench: bounded per chat, no recorded calls (counts and bytes only)."""
    return FakeBotAPI(keep_per_chat=keep_per_chat, record_calls=False)


# ---------------------------------------------------------------- the two applications
def bench_settings(db_path: Path, content_dir: Path | None = None) -> Settings:
    """Settings for a bench run: fake token, the given file database, no .env."""
    extra: dict[str, object] = {} if content_dir is None else {"WAYPOINT_CONTENT_DIR": str(content_dir)}
    return load_settings(TELEGRAM_BOT_TOKEN=BENCH_TOKEN, WAYPOINT_DB_PATH=str(db_path), _env_file=None, **extra)


def waypoint_application(settings: Settings, request: FakeBotAPI, rate_limited: bool = False,
                         today: date = TODAY) -> Any:
    """The shipped application (`build_application`) on the fake request layer."""
    from bot.services.base import settle_heap
    from bot.telegram.app import build_application

    # Telegram's own send limit is not the bot's cost, so benches run without the rate limiter.
    app = build_application(settings, clock=lambda: today, request=request, rate_limited=rate_limited)
    settle_heap(app.bot_data["services"].catalog_source)  # as `waypoint run` does before it serves
    return app


def echo_application(request: FakeBotAPI, concurrent: bool = True) -> Any:
    """The baseline: a bare python-telegram-bot echo handler (text back; a tap answered and echoed)."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text or "")

    async def tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and update.effective_chat is not None
        await query.answer()
        await context.bot.send_message(update.effective_chat.id, query.data or "")

    builder = ApplicationBuilder().token(BENCH_TOKEN).request(request).get_updates_request(request)
    app = builder.concurrent_updates(256 if concurrent else False).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(tap))
    return app


# ---------------------------------------------------------------- throughput and latency under load
@dataclass
class LoadResult:
    """Throughput and latency of one application under concurrent simulated users."""

    label: str
    updates: int
    seconds: float
    latencies_ms: list[float]
    kinds: Counter[str]
    errors: list[str]
    calls: dict[str, int]

    @property
    def per_second(self) -> float:
        """Updates per second."""
        return self.updates / self.seconds if self.seconds else float("nan")


class QueuedRunner:
    """Feeds updates through `app.update_queue` (the real fetch → update processor path, concurrent
    updates on) and resolves each when the last handler group has finished with it."""

    DONE_GROUP = 10_000

    def __init__(self, app: Any) -> None:
        """Register the completion marker on `app` (before it starts)."""
        self.app = app
        self.pending: dict[int, tuple[float, asyncio.Future[float]]] = {}
        self.latencies_ms: list[float] = []
        app.add_handler(TypeHandler(Update, self._finished), group=self.DONE_GROUP)

    async def _finished(self, update: Update, context: Any) -> None:
        entry = self.pending.pop(update.update_id, None)
        if entry is not None:
            began, future = entry
            spent = (time.perf_counter() - began) * 1000
            self.latencies_ms.append(spent)
            if not future.done():
                future.set_result(spent)

    async def __call__(self, app: Any, payload: dict[str, Any]) -> float:
        """Queue one update (de_json counted in its latency) and wait until it has been handled."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        began = time.perf_counter()
        self.pending[payload["update_id"]] = (began, future)
        await app.update_queue.put(Update.de_json(payload, app.bot))
        return await future


async def _load_run(app: Any, request: FakeBotAPI, users: int, duration: float,
                    session: Callable[[BotClient, Counter[str]], Awaitable[None]], label: str,
                    errors: list[BaseException], user_base: int) -> LoadResult:
    runner = QueuedRunner(app)
    kinds: Counter[str] = Counter()
    harness = AppHarness(app, request, errors)
    async with running(app, errors):
        await app.start()
        try:
            stop_at = time.perf_counter() + duration
            next_user = itertools.count(user_base)

            async def worker() -> None:
                while time.perf_counter() < stop_at:
                    person = BotClient(harness, next(next_user), run=runner)
                    await session(person, kinds)

            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(users)))
            seconds = time.perf_counter() - began
        finally:
            await app.stop()
    return LoadResult(label, len(runner.latencies_ms), seconds, runner.latencies_ms, kinds,
                      [repr(e) for e in errors], dict(request.counts))


async def echo_session(person: BotClient, kinds: Counter[str]) -> None:
    """The baseline's mix: messages and taps, the same count per session as a Waypoint session."""
    for i in range(8):
        await person.send(f"message {i}")
        kinds["echo text"] += 1
        last = person.fake.last(person.user_id)
        if last is not None:
            await person.process(callback_update(last, "v1|1|x", person.user_id))
            kinds["echo tap"] += 1


def waypoint_session(returning: Callable[[], int | None]) -> Callable[[BotClient, Counter[str]], Awaitable[None]]:
    """A Waypoint session: a new learner onboards (dialogue steps + one plan) then marks progress;
    every other session is a seeded learner who already has a plan coming back to mark items."""
    turn = itertools.count()

    async def session(person: BotClient, kinds: Counter[str]) -> None:
        seeded = returning() if next(turn) % 2 else None
        if seeded is None:
            answered, reached = await person.onboard_until(PLAN_LABEL)
            kinds["dialogue"] += 1 + answered  # /start and each answer
            if not reached:
                return
            await person.tap(PLAN_LABEL)
            kinds["plan"] += 1
        else:
            person.user_id = seeded
            await person.send("/plan")
            kinds["show plan"] += 1
        marks = 0
        while marks < 3 and (mark := person.mark_button()) is not None:
            await person.tap(mark)
            kinds["progress mark"] += 1
            marks += 1
        await person.send("/progress")
        kinds["progress view"] += 1

    return session


async def load_echo(users: int, duration: float) -> LoadResult:
    """The echo bot under the same closed-loop load."""
    request = bench_api()
    errors: list[BaseException] = []
    return await _load_run(echo_application(request), request, users, duration, echo_session, "echo", errors,
                           user_base=1)


async def load_waypoint(settings: Settings, users: int, duration: float,
                        returning: Callable[[], int | None], new_user_base: int) -> LoadResult:
    """Waypoint under closed-loop load: `users` learners at once, each waiting for its reply."""
    request = bench_api()
    errors: list[BaseException] = []
    app = waypoint_application(settings, request)
    return await _load_run(app, request, users, duration, waypoint_session(returning), "waypoint", errors,
                           user_base=new_user_base)
