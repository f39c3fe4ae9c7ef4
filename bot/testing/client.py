"""One chat client that plays the user, for the tests and the benches alike.

    client = BotClient(harness)
    await client.send("/start")
    await client.click(client.last, label="ML engineer")
    assert "roadmap" in client.last.text

A test drives one client inline and reads what each action produced (`last`, `texts`, `answers`); a bench or a
load test drives thousands at once, each client sending its updates through a pluggable `run` (a queued runner)
and answering the questions from a script (`onboard_until`, `onboard`, `mark_button`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from telegram import Update

from bot.testing.fake_bot_api import FakeBotAPI, Sent
from bot.testing.updates import callback_update, message_update, poll_answer_update

Runner = Callable[[Any, dict[str, Any]], Awaitable[Any]]


@dataclass
class AppHarness:
    """A running application, its fake Bot API and the errors its handlers raised."""

    app: Any
    request: FakeBotAPI
    errors: list[BaseException]


class Running(Protocol):
    """Anything that holds a running application and its fake Bot API (an `AppHarness`, a test rig)."""

    app: Any
    request: FakeBotAPI


async def feed(app: Any, payload: dict[str, Any]) -> None:
    """One update through the whole stack, inline: de_json then every handler."""
    await app.process_update(Update.de_json(payload, app.bot))


@asynccontextmanager
async def running(app: Any, errors: list[BaseException] | None = None) -> AsyncIterator[Any]:
    """Initialise the app (and run post_init, as `run_polling` would); record handler errors in `errors`."""
    sink = errors if errors is not None else []

    async def record(update: object, context: Any) -> None:
        sink.append(context.error)

    app.add_error_handler(record)
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        yield app


# Answers to the onboarding questions, by button label; the first label found on the question is tapped.
ONBOARDING_TAPS = ("Machine learning engineer", "No preference", "Bachelor's", "Software developer", "3-5",
                   "Programming", "Python", "Done", "10 h", "12 months", "Up to $500", "Yes", "Make my plan")
PLAN_LABEL = "Make my plan"


class BotClient:
    """One user chatting with the bot through the fake request layer, in their private chat."""

    def __init__(self, harness: Running, user_id: int = 1001, run: Runner | None = None,
                 script: tuple[str, ...] = ONBOARDING_TAPS) -> None:
        """Talk as `user_id` in a private chat; `run` processes one update (default: inline `feed`); `script` is
        the button labels `onboard_until` answers in order (the first is the target role)."""
        self.harness = harness
        self.user_id = user_id
        self.run = run or feed
        self.script = script
        self.script_at = 0  # how far through the script this user is
        self.last_messages: list[Sent] = []
        self.answers: list[dict[str, Any]] = []

    @property
    def app(self) -> Any:
        """The running application."""
        return self.harness.app

    @property
    def fake(self) -> FakeBotAPI:
        """The fake Bot API."""
        return self.harness.request

    @property
    def last(self) -> Sent:
        """The newest message the bot sent in reply to the last action."""
        assert self.last_messages, "the bot sent nothing"
        return self.last_messages[-1]

    @property
    def texts(self) -> list[str]:
        """Texts (or captions) of the messages the last action produced."""
        return [m.text or m.caption or "" for m in self.last_messages]

    def history(self) -> list[Sent]:
        """Every message the bot sent to this chat, in their current state."""
        return self.fake.chat_messages(self.user_id)

    async def process(self, payload: dict[str, Any]) -> list[Sent]:
        """Run one raw update; return the messages the bot sent meanwhile (with updates of other users running
        at the same time, theirs too)."""
        newest, calls = self.fake.newest_id, len(self.fake.calls)
        await self.run(self.app, payload)
        self.last_messages = self.fake.sent_after(newest)
        self.answers = [c.params for c in self.fake.calls[calls:] if c.method == "answerCallbackQuery"]
        return self.last_messages

    def send_payload(self, text: str) -> dict[str, Any]:
        """The update for a text message (or a /command) from this user."""
        return message_update(text, self.user_id)

    def tap_payload(self, label: str) -> dict[str, Any] | None:
        """The update for tapping the newest button of this chat containing `label`, or None if there is none."""
        found = self.fake.find(self.user_id, label)
        if found is None:
            return None
        message, data = found
        return callback_update(message, data, self.user_id)

    async def send(self, text: str) -> list[Sent]:
        """Send a text message (or a /command)."""
        return await self.process(self.send_payload(text))

    async def click(self, message: Sent, data: str | None = None, label: str | None = None) -> list[Sent]:
        """Tap a button of `message`, chosen by its callback data or (part of) its label."""
        current = self.fake.messages.get(message.message_id, message)
        if data is None:
            assert label is not None, "give data or label"
            data = current.data_for(label)
        return await self.process(callback_update(current, data, self.user_id))

    async def process_stale(self, message: Sent, data: str) -> list[Sent]:
        """Tap `message` with arbitrary callback data (an old or forged button)."""
        return await self.process(callback_update(message, data, self.user_id))

    def polls(self) -> list[Sent]:
        """Every quiz poll the bot sent to this chat, in order."""
        return [m for m in self.history() if m.kind == "poll"]

    async def answer_poll(self, poll: Sent, option: int) -> list[Sent]:
        """Answer a poll the bot sent (option counted from 0)."""
        assert poll.poll is not None
        return await self.process(poll_answer_update(poll.poll["id"], [option], self.user_id))

    async def answer_right(self, poll: Sent, right: bool = True) -> list[Sent]:
        """Answer a quiz poll rightly (or wrongly)."""
        assert poll.poll is not None
        correct = int(poll.poll["correct_option_ids"][0])
        return await self.answer_poll(poll, correct if right else (correct + 1) % len(poll.poll["options"]))

    def find(self, label: str) -> Sent:
        """The newest message (of the last action, else of the chat) with a button containing `label`; never a
        message in another user's private chat, which this user could not tap."""
        mine = [m for m in self.last_messages if m.chat_id == self.user_id or m.chat_id < 0]
        for pool in (mine, self.history()):
            for message in reversed(pool):
                if any(label in text for text, _ in message.buttons):
                    return message
        raise AssertionError(f"no message with a button {label!r}")

    async def tap(self, label: str) -> list[Sent]:
        """Tap the button containing `label` on the newest message that has one."""
        return await self.click(self.find(label), label=label)

    # ---- scripted answers (benches, load tests)
    def next_onboarding_tap(self) -> str | None:
        """The label the scripted user taps next (the first scripted label on the newest question)."""
        last = self.fake.last(self.user_id)
        labels = [label for label, _ in last.buttons] if last else []
        for position in range(self.script_at, len(self.script)):
            wanted = self.script[position]
            if any(wanted in label for label in labels):
                self.script_at = position + 1
                return wanted
        return labels[0] if labels else None

    async def onboard_until(self, stop: str = PLAN_LABEL, max_steps: int = 30) -> tuple[int, bool]:
        """/start, then tap the scripted answer to each question until the next one would be `stop` (left
        untapped): how many answers were tapped, and whether `stop` was reached (not when a question had no
        button, or after `max_steps` answers)."""
        self.script_at = 0
        await self.send("/start")
        for taps in range(max_steps):
            label = self.next_onboarding_tap()
            if label is None:
                return taps, False
            if label == stop:
                return taps, True
            await self.tap(label)
        return max_steps, False

    async def onboard_until_plan(self, max_steps: int = 30) -> None:
        """/start, then scripted taps up to (not including) the tap that makes the plan."""
        taps, reached = await self.onboard_until(PLAN_LABEL, max_steps)
        if not reached:
            why = f"no '{PLAN_LABEL}' after {max_steps} taps" if taps == max_steps else "no question to answer"
            raise RuntimeError(f"learner {self.user_id}: {why}")

    async def onboard(self) -> None:
        """Onboard fully (the last tap makes the roadmap)."""
        await self.onboard_until_plan()
        await self.tap(PLAN_LABEL)

    def mark_button(self) -> str | None:
        """The label of a ✅ button on the newest stage page, if any."""
        for message in reversed(self.fake.chat_messages(self.user_id)):
            for label, data in message.buttons:
                if label.startswith("✅") and "|r" in data:
                    return label
        return None


ONE_MESSAGE = (
    "I'm a backend developer with 3 years experience and a BSc. I want to become an ML engineer, "
    "10 hours a week, within a year, budget $500, I know python and SQL, yes to certificates"
)
ROADMAP_MARKER = "Your roadmap to"
# Answers a learner in a hurry taps when a question is left.
DEFAULT_TAPS = ("No preference", "Done", "Yes", "Make my plan", "10 h", "12 months", "Up to $500", "Bachelor's",
                "Software developer", "3-5", "Machine learning engineer")


async def onboard(client: BotClient, text: str = ONE_MESSAGE, max_steps: int = 20) -> list[Sent]:
    """Tell the bot everything in one message, then tap sensible defaults until the roadmap arrives."""
    sent = await client.send(text)
    collected = list(sent)
    for _ in range(max_steps):
        if any(ROADMAP_MARKER in (m.text or "") for m in collected):
            return collected
        asking = [m for m in client.last_messages if m.buttons] or [client.fake.messages[client.find("").message_id]]
        message = asking[-1]
        labels = [label for label, _ in message.buttons]
        pick = next((label for label in DEFAULT_TAPS if label in labels), labels[0])
        collected += await client.click(message, label=pick)
    raise AssertionError(f"no roadmap after {max_steps} taps: {[m.text for m in collected][-3:]}")
