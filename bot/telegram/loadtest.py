"""The Telegram side of `waypoint bench updates` and `waypoint bench load` (figures, never timed tests).

Everything here runs python-telegram-bot for real (``Update.de_json`` → handlers → services → SQLite →
``Bot.send_message`` → request layer) with only the HTTP transport replaced by `BenchRequest`, a fast
in-memory fake that answers like the Bot API. A bare echo bot on the same fake layer is the baseline.

The shipped application has an `AIORateLimiter` that holds sends to Telegram's ~30 messages per second;
that models Telegram's limit, not the bot's cost, so the benches measure both apps *without* it
(`rate_limited=False`) and say so in the report.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import statistics
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
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
from telegram.request import BaseRequest, RequestData

from bot.config import Settings, load_settings

BENCH_TOKEN = "123456:BENCH-token-not-real"
BOT_ID = 5555
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Waypoint", "username": "waypoint_bench_bot"}
TODAY = date(2026, 1, 5)
KEEP_PER_CHAT = 6  # the newest messages the fake remembers per chat (enough to find the buttons to tap)

_TRUE = b'{"ok":true,"result":true}'


# ---------------------------------------------------------------- the fake Bot API
@dataclass
class BotMessage:
    """A message the bot sent, in its current state (edits applied)."""

    message_id: int
    chat_id: int
    text: str
    markup: dict[str, Any] | None = None
    kind: str = "text"

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of every inline button."""
        if not self.markup:
            return []
        rows = self.markup.get("inline_keyboard") or []
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    def as_dict(self) -> dict[str, Any]:
        """The message as the Bot API shows it inside a callback query."""
        out: dict[str, Any] = {"message_id": self.message_id, "date": 0, "from": BOT_USER,
                               "chat": {"id": self.chat_id, "type": "private" if self.chat_id > 0 else "group"}}
        if self.kind == "text":
            out["text"] = self.text
        else:
            out["document"] = {"file_id": f"f{self.message_id}", "file_unique_id": f"u{self.message_id}"}
        if self.markup:
            out["reply_markup"] = self.markup
        return out


class BenchRequest(BaseRequest):
    """An in-memory Bot API: counts calls, remembers each chat's newest messages, can inject faults."""

    def __init__(self, keep_per_chat: int = KEEP_PER_CHAT) -> None:
        """Start empty."""
        self.counts: Counter[str] = Counter()
        self.keep = keep_per_chat
        self.chats: dict[int, deque[BotMessage]] = {}
        self.by_id: dict[int, BotMessage] = {}
        self.bytes_uploaded = 0
        self.failures: dict[str, list[tuple[int, str, dict[str, Any] | None]]] = {}
        self._ids = itertools.count(1000)

    @property
    def read_timeout(self) -> float | None:
        """No network to wait for."""
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def fail(self, method: str, status: int, description: str, times: int = 1,
             parameters: dict[str, Any] | None = None) -> None:
        """Make the next `times` calls of `method` fail (parameters: e.g. {"retry_after": 1} for 429)."""
        self.failures.setdefault(method, []).extend([(status, description, parameters)] * times)

    def last(self, chat_id: int) -> BotMessage | None:
        """The newest message in a chat."""
        chat = self.chats.get(chat_id)
        return chat[-1] if chat else None

    def find(self, chat_id: int, label: str) -> tuple[BotMessage, str] | None:
        """The newest message in the chat with a button whose label contains `label`, and its data."""
        for message in reversed(self.chats.get(chat_id, ())):
            for text, data in message.buttons():
                if label in text:
                    return message, data
        return None

    def _remember(self, message: BotMessage) -> None:
        chat = self.chats.setdefault(message.chat_id, deque())
        chat.append(message)
        self.by_id[message.message_id] = message
        if len(chat) > self.keep:
            self.by_id.pop(chat.popleft().message_id, None)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call."""
        api = url.rsplit("/", 1)[-1]
        self.counts[api] += 1
        # Real HTTP always gives the event loop a turn; without it no two updates would ever interleave.
        await asyncio.sleep(0)
        if self.failures.get(api):
            status, description, parameters = self.failures[api].pop(0)
            body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
            if parameters:
                body["parameters"] = parameters
            return status, json.dumps(body).encode()
        if api in {"answerCallbackQuery", "sendChatAction", "setMyCommands", "deleteMessage", "deleteWebhook"}:
            return 200, _TRUE
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        if api == "getMe":
            result: Any = BOT_USER
        elif api == "sendMessage":
            message = BotMessage(next(self._ids), int(params["chat_id"]), str(params["text"]),
                                 _markup(params))
            self._remember(message)
            result = {"message_id": message.message_id, "date": 0, "chat": {"id": message.chat_id, "type": "private"},
                      "from": BOT_USER, "text": message.text}
        elif api in {"sendDocument", "sendPhoto"}:
            if request_data is not None and request_data.contains_files:
                for value in request_data.multipart_data.values():
                    if isinstance(value, tuple) and len(value) >= 2 and isinstance(value[1], bytes):
                        self.bytes_uploaded += len(value[1])
            message = BotMessage(next(self._ids), int(params["chat_id"]), "", _markup(params), "document")
            self._remember(message)
            result = message.as_dict()
        elif api in {"editMessageText", "editMessageReplyMarkup"}:
            known = self.by_id.get(int(params.get("message_id", 0)))
            if known is None:  # scrolled out of what the fake keeps: answer as if it existed
                known = BotMessage(int(params.get("message_id", 0)), int(params.get("chat_id", 0)), "")
            if api == "editMessageText":
                known.text = str(params["text"])
            known.markup = _markup(params)
            result = {"message_id": known.message_id, "date": 0, "chat": {"id": known.chat_id, "type": "private"},
                      "text": known.text}
        elif api in {"getUpdates", "getMyCommands"}:
            result = []
        else:
            return 404, json.dumps({"ok": False, "error_code": 404, "description": f"Not Found: {api}"}).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()


def _markup(params: dict[str, Any]) -> dict[str, Any] | None:
    """The reply_markup parameter as a dict (PTB passes it decoded; a JSON string is accepted too)."""
    markup = params.get("reply_markup")
    return json.loads(markup) if isinstance(markup, str) else markup


# ---------------------------------------------------------------- updates
class Updates:
    """Raw update dicts as Telegram sends them, with increasing ids."""

    def __init__(self) -> None:
        """Counters start at 1."""
        self._update = itertools.count(1)
        self._message = itertools.count(1)
        self._query = itertools.count(1)

    @staticmethod
    def user(user_id: int) -> dict[str, Any]:
        """A Telegram user."""
        return {"id": user_id, "is_bot": False, "first_name": f"Learner{user_id}", "username": f"l{user_id}"}

    def text(self, user_id: int, text: str) -> dict[str, Any]:
        """A private text message (a leading /command gets its entity)."""
        message: dict[str, Any] = {"message_id": next(self._message), "date": 0, "text": text,
                                   "chat": {"id": user_id, "type": "private", "first_name": f"Learner{user_id}"},
                                   "from": self.user(user_id)}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return {"update_id": next(self._update), "message": message}

    def callback(self, user_id: int, message: BotMessage, data: str) -> dict[str, Any]:
        """A tap on a button of one of the bot's messages."""
        return {"update_id": next(self._update),
                "callback_query": {"id": str(next(self._query)), "from": self.user(user_id),
                                   "chat_instance": f"ci{user_id}", "data": data, "message": message.as_dict()}}


# ---------------------------------------------------------------- the two applications
def bench_settings(db_path: Path, content_dir: Path | None = None) -> Settings:
    """Settings for a bench run: fake token, the given file database, no .env."""
    extra: dict[str, object] = {} if content_dir is None else {"WAYPOINT_CONTENT_DIR": str(content_dir)}
    return load_settings(TELEGRAM_BOT_TOKEN=BENCH_TOKEN, WAYPOINT_DB_PATH=str(db_path), _env_file=None, **extra)


def waypoint_application(settings: Settings, request: BenchRequest, rate_limited: bool = False,
                         today: date = TODAY) -> Any:
    """The shipped application (`build_application`) on the fake request layer."""
    from bot.services.base import settle_heap
    from bot.telegram.app import build_application

    # Telegram's own send limit is not the bot's cost, so benches run without the rate limiter.
    app = build_application(settings, clock=lambda: today, request=request, rate_limited=rate_limited)
    settle_heap(app.bot_data["services"].catalog_source)  # as `waypoint run` does before it serves
    return app


def echo_application(request: BenchRequest, concurrent: bool = True) -> Any:
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


@asynccontextmanager
async def running(app: Any, errors: list[BaseException] | None = None) -> Any:
    """Initialise the app (and run post_init, as `run_polling` would); record handler errors."""
    sink = errors if errors is not None else []

    async def record(update: object, context: Any) -> None:
        sink.append(context.error)

    app.add_error_handler(record)
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        yield app


async def feed(app: Any, payload: dict[str, Any]) -> None:
    """One update through the whole stack, inline: de_json then every handler."""
    await app.process_update(Update.de_json(payload, app.bot))


async def timed(app: Any, payload: dict[str, Any]) -> float:
    """Seconds to process one update (de_json included)."""
    began = time.perf_counter()
    await app.process_update(Update.de_json(payload, app.bot))
    return time.perf_counter() - began


# ---------------------------------------------------------------- scripted learners
# Answers to the onboarding questions, by button label; the first label found on the question is tapped.
ONBOARDING_TAPS = ("Machine learning engineer", "No preference", "Bachelor's", "Software developer", "3-5",
                   "Programming", "Python", "Done", "10 h", "12 months", "Up to $500", "Yes", "Make my plan")
PLAN_LABEL = "Make my plan"
FREE_TEXT = ("I'm a backend developer with 3 years experience and a BSc. I want to become an ML engineer, "
             "10 hours a week, within a year, budget $500, I know python and SQL, yes to certificates")
ROADMAP_MARKER = "Your roadmap to"


class Learner:
    """One simulated Telegram user driving the real application."""

    def __init__(self, app: Any, request: BenchRequest, updates: Updates, user_id: int,
                 run: Callable[[Any, dict[str, Any]], Awaitable[Any]] | None = None,
                 script: tuple[str, ...] = ONBOARDING_TAPS) -> None:
        """`run` processes one update (default: inline `feed`); the load bench passes its queued runner.
        `script` is the button labels answered in order (the first is the target role)."""
        self.app, self.request, self.updates, self.user_id = app, request, updates, user_id
        self.run = run or feed
        self.script = script
        self.taps: list[str] = []
        self.script_at = 0  # how far through ONBOARDING_TAPS this learner is

    def send_payload(self, text: str) -> dict[str, Any]:
        """The update for a text message."""
        return self.updates.text(self.user_id, text)

    def tap_payload(self, label: str) -> dict[str, Any] | None:
        """The update for tapping the newest button containing `label`, or None if there is none."""
        found = self.request.find(self.user_id, label)
        if found is None:
            return None
        message, data = found
        return self.updates.callback(self.user_id, message, data)

    async def send(self, text: str) -> None:
        """Send a text message."""
        await self.run(self.app, self.send_payload(text))

    async def tap(self, label: str) -> bool:
        """Tap a button by label; False when no message has it."""
        payload = self.tap_payload(label)
        if payload is None:
            return False
        await self.run(self.app, payload)
        self.taps.append(label)
        return True

    def has_roadmap(self) -> bool:
        """Whether a roadmap overview is among the newest messages."""
        return any(ROADMAP_MARKER in m.text for m in self.request.chats.get(self.user_id, ()))

    def next_onboarding_tap(self) -> str | None:
        """The label the scripted learner taps next (the first scripted label on the newest question)."""
        last = self.request.last(self.user_id)
        labels = [label for label, _ in last.buttons()] if last else []
        for position in range(self.script_at, len(self.script)):
            wanted = self.script[position]
            if any(wanted in label for label in labels):
                self.script_at = position + 1
                return wanted
        return labels[0] if labels else None

    async def onboard_until_plan(self, max_steps: int = 30) -> None:
        """/start, then scripted taps up to (not including) the tap that makes the plan."""
        self.script_at = 0
        await self.send("/start")
        for _ in range(max_steps):
            label = self.next_onboarding_tap()
            if label is None:
                raise RuntimeError(f"learner {self.user_id}: no question to answer")
            if label == PLAN_LABEL:
                return
            await self.tap(label)
        raise RuntimeError(f"learner {self.user_id}: no '{PLAN_LABEL}' after {max_steps} taps")

    async def onboard(self) -> None:
        """Onboard fully (the last tap makes the roadmap)."""
        await self.onboard_until_plan()
        await self.tap(PLAN_LABEL)

    def mark_button(self) -> str | None:
        """The label of a ✅ button on the newest stage page, if any."""
        for message in reversed(self.request.chats.get(self.user_id, ())):
            for label, data in message.buttons():
                if label.startswith("✅") and "|r" in data:
                    return label
        return None


# ---------------------------------------------------------------- update cost
@dataclass
class Cost:
    """Per-update times of one kind of update."""

    label: str
    samples_ms: list[float]
    note: str = ""

    @property
    def median(self) -> float:
        """Median ms."""
        return statistics.median(self.samples_ms) if self.samples_ms else float("nan")

    @property
    def mean(self) -> float:
        """Mean ms."""
        return statistics.fmean(self.samples_ms) if self.samples_ms else float("nan")


@dataclass
class UpdateCosts:
    """Everything `bench updates` measures."""

    echo_text: Cost
    echo_tap: Cost
    steps: list[Cost] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


async def _echo_costs(samples: int) -> tuple[Cost, Cost]:
    request = BenchRequest()
    updates = Updates()
    app = echo_application(request, concurrent=False)
    text_ms: list[float] = []
    tap_ms: list[float] = []
    async with running(app):
        for i in range(samples + 20):
            user = 10_000 + i % 50
            spent = await timed(app, updates.text(user, "hello there, how are you?"))
            if i >= 20:  # warm-up
                text_ms.append(spent * 1000)
        for i in range(samples + 20):
            user = 10_000 + i % 50
            last = request.last(user)
            assert last is not None
            spent = await timed(app, updates.callback(user, last, "v1|1|role:ml-engineer"))
            if i >= 20:
                tap_ms.append(spent * 1000)
    return Cost("echo: text message", text_ms), Cost("echo: button tap", tap_ms)


def _users(base: int, n: int) -> Iterator[int]:
    return iter(range(base, base + n))


async def _waypoint_costs(settings: Settings, learners: int) -> tuple[list[Cost], dict[str, int], list[str]]:
    """Time each kind of step over `learners` fresh users, every one at the same point of the conversation."""
    request = BenchRequest()
    updates = Updates()
    errors: list[BaseException] = []
    app = waypoint_application(settings, request)
    start_ms: list[float] = []
    tap_ms: list[float] = []
    text_ms: list[float] = []
    plan_ms: list[float] = []
    mark_ms: list[float] = []
    progress_ms: list[float] = []
    async with running(app, errors):
        # Warm-up: one learner all the way (imports, catalog indexes, first plan).
        warm = Learner(app, request, updates, 1)
        await warm.onboard()
        people = [Learner(app, request, updates, uid) for uid in _users(100_000, learners)]
        for person in people:  # /start as the first message: new learner row, state, first question
            start_ms.append(await timed(app, person.send_payload("/start")) * 1000)
        for person in people:  # a button answer: the role question
            payload = person.tap_payload(ONBOARDING_TAPS[0])
            assert payload is not None, "the first question has no role buttons"
            tap_ms.append(await timed(app, payload) * 1000)
        texters = [Learner(app, request, updates, uid) for uid in _users(200_000, learners)]
        for person in texters:
            await person.send("/start")
        for person in texters:  # free text at the first question: understanding + dialogue
            text_ms.append(await timed(app, person.send_payload(FREE_TEXT)) * 1000)
        for person in people:
            await person.onboard_until_plan()
        for person in people:  # the tap that plans, stores and sends the roadmap as text
            payload = person.tap_payload(PLAN_LABEL)
            assert payload is not None
            plan_ms.append(await timed(app, payload) * 1000)
        for person in people:  # a ✅ on the first stage page: mark, re-plan, redraw, report
            label = person.mark_button()
            if label is None:
                continue
            payload = person.tap_payload(label)
            assert payload is not None
            mark_ms.append(await timed(app, payload) * 1000)
        for person in people:
            progress_ms.append(await timed(app, person.send_payload("/progress")) * 1000)
    costs = [
        Cost("dialogue: /start (new learner)", start_ms),
        Cost("dialogue: button answer", tap_ms),
        Cost("dialogue: free-text answer", text_ms, "understanding"),
        Cost("roadmap: plan + send as text", plan_ms, "planner"),
        Cost("progress: ✅ mark + re-plan", mark_ms, "replan"),
        Cost("progress: /progress", progress_ms),
    ]
    return costs, dict(request.counts), [repr(e) for e in errors]


def update_costs(settings: Settings, learners: int = 100, echo_samples: int = 500) -> UpdateCosts:
    """Run both applications (fresh event loops) and return the per-update figures."""
    echo_text, echo_tap = asyncio.run(_echo_costs(echo_samples))
    steps, calls, errors = asyncio.run(_waypoint_costs(settings, learners))
    return UpdateCosts(echo_text, echo_tap, steps, calls, errors)


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


async def _load_run(app: Any, request: BenchRequest, users: int, duration: float,
                    session: Callable[[Learner, Counter[str]], Awaitable[None]], label: str,
                    errors: list[BaseException], user_base: int) -> LoadResult:
    runner = QueuedRunner(app)
    kinds: Counter[str] = Counter()
    updates = Updates()
    async with running(app, errors):
        await app.start()
        try:
            stop_at = time.perf_counter() + duration
            next_user = itertools.count(user_base)

            async def worker() -> None:
                while time.perf_counter() < stop_at:
                    person = Learner(app, request, updates, next(next_user), run=runner)
                    await session(person, kinds)

            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(users)))
            seconds = time.perf_counter() - began
        finally:
            await app.stop()
    return LoadResult(label, len(runner.latencies_ms), seconds, runner.latencies_ms, kinds,
                      [repr(e) for e in errors], dict(request.counts))


async def echo_session(person: Learner, kinds: Counter[str]) -> None:
    """The baseline's mix: messages and taps, the same count per session as a Waypoint session."""
    for i in range(8):
        await person.send(f"message {i}")
        kinds["echo text"] += 1
        last = person.request.last(person.user_id)
        if last is not None:
            await person.run(person.app, person.updates.callback(person.user_id, last, "v1|1|x"))
            kinds["echo tap"] += 1


def waypoint_session(returning: Callable[[], int | None]) -> Callable[[Learner, Counter[str]], Awaitable[None]]:
    """A Waypoint session: a new learner onboards (dialogue steps + one plan) then marks progress;
    every other session is a seeded learner who already has a plan coming back to mark items."""
    turn = itertools.count()

    async def session(person: Learner, kinds: Counter[str]) -> None:
        seeded = returning() if next(turn) % 2 else None
        if seeded is None:
            person.script_at = 0
            await person.send("/start")
            kinds["dialogue"] += 1
            for _ in range(30):
                label = person.next_onboarding_tap()
                if label is None:
                    return
                await person.tap(label)
                if label == PLAN_LABEL:
                    kinds["plan"] += 1
                    break
                kinds["dialogue"] += 1
        else:
            person.user_id = seeded
            await person.send("/plan")
            kinds["show plan"] += 1
        for _ in range(3):
            label = person.mark_button()
            if label is None:
                break
            await person.tap(label)
            kinds["progress mark"] += 1
        await person.send("/progress")
        kinds["progress view"] += 1

    return session


async def load_echo(users: int, duration: float) -> LoadResult:
    """The echo bot under the same closed-loop load."""
    request = BenchRequest()
    errors: list[BaseException] = []
    return await _load_run(echo_application(request), request, users, duration, echo_session, "echo", errors,
                           user_base=1)


async def load_waypoint(settings: Settings, users: int, duration: float,
                        returning: Callable[[], int | None], new_user_base: int) -> LoadResult:
    """Waypoint under closed-loop load: `users` learners at once, each waiting for its reply."""
    request = BenchRequest()
    errors: list[BaseException] = []
    app = waypoint_application(settings, request)
    return await _load_run(app, request, users, duration, waypoint_session(returning), "waypoint", errors,
                           user_base=new_user_base)
