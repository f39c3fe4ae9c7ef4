"""A chat client that plays the user, so Telegram tests read like a conversation.

    client = BotClient(harness)
    await client.send("/start")
    await client.click(client.last, label="ML engineer")
    assert "roadmap" in client.last.text
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.testing.fake_bot_api import FakeBotAPI, Sent
from bot.testing.updates import callback_update, message_update, poll_answer_update


@dataclass
class AppHarness:
    """A running application, its fake Bot API and the errors its handlers raised."""

    app: Any
    request: FakeBotAPI
    errors: list[BaseException]


async def feed(app: Any, payload: dict[str, Any]) -> None:
    """One update through the whole stack, inline: de_json then every handler."""
    await app.process_update(Update.de_json(payload, app.bot))


class BotClient:
    """One user chatting with the bot through the fake request layer."""

    def __init__(self, harness: AppHarness, user_id: int = 1001) -> None:
        """Talk as `user_id` in a private chat."""
        self.harness = harness
        self.user_id = user_id
        self.last_messages: list[Sent] = []
        self.answers: list[dict[str, Any]] = []

    @property
    def fake(self) -> Any:
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
        """Feed one raw update; return the messages the bot sent because of it."""
        before = set(self.fake.messages)
        answers_before = len(self.fake.calls_of("answerCallbackQuery"))
        await feed(self.harness.app, payload)
        self.last_messages = [m for mid, m in self.fake.messages.items() if mid not in before]
        self.answers = [c.params for c in self.fake.calls_of("answerCallbackQuery")[answers_before:]]
        return self.last_messages

    async def send(self, text: str) -> list[Sent]:
        """Send a text message (or a /command)."""
        return await self.process(message_update(text, self.user_id))

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
        """The newest message (of the last action, else of the chat) with a button containing `label`."""
        for pool in (self.last_messages, self.history()):
            for message in reversed(pool):
                if any(label in text for text, _ in message.buttons):
                    return message
        raise AssertionError(f"no message with a button {label!r}")

    async def tap(self, label: str) -> list[Sent]:
        """Tap the button containing `label` on the newest message that has one."""
        return await self.click(self.find(label), label=label)


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


# ---------------------------------------------------------------- scripted learners (benches, load tests)
# Answers to the onboarding questions, by button label; the first label found on the question is tapped.
ONBOARDING_TAPS = ("Machine learning engineer", "No preference", "Bachelor's", "Software developer", "3-5",
                   "Programming", "Python", "Done", "10 h", "12 months", "Up to $500", "Yes", "Make my plan")
PLAN_LABEL = "Make my plan"


class Learner:
    """One scripted user among many at once: reads only its chat's newest messages on a (bounded) fake, and
    sends each update through a pluggable runner (inline `feed`, or a bench's queued runner)."""

    def __init__(self, app: Any, request: FakeBotAPI, user_id: int,
                 run: Callable[[Any, dict[str, Any]], Awaitable[Any]] | None = None,
                 script: tuple[str, ...] = ONBOARDING_TAPS) -> None:
        """`run` processes one update (default: inline `feed`); `script` is the button labels answered in order
        (the first is the target role)."""
        self.app, self.request, self.user_id = app, request, user_id
        self.run = run or feed
        self.script = script
        self.script_at = 0  # how far through the script this learner is

    def send_payload(self, text: str) -> dict[str, Any]:
        """The update for a text message."""
        return message_update(text, self.user_id)

    def tap_payload(self, label: str) -> dict[str, Any] | None:
        """The update for tapping the newest button containing `label`, or None if there is none."""
        found = self.request.find(self.user_id, label)
        if found is None:
            return None
        message, data = found
        return callback_update(message, data, self.user_id)

    async def send(self, text: str) -> None:
        """Send a text message."""
        await self.run(self.app, self.send_payload(text))

    async def tap(self, label: str) -> bool:
        """Tap a button by label; False when no message has it."""
        payload = self.tap_payload(label)
        if payload is None:
            return False
        await self.run(self.app, payload)
        return True

    def next_onboarding_tap(self) -> str | None:
        """The label the scripted learner taps next (the first scripted label on the newest question)."""
        last = self.request.last(self.user_id)
        labels = [label for label, _ in last.buttons] if last else []
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
        for message in reversed(self.request.chat_messages(self.user_id)):
            for label, data in message.buttons:
                if label.startswith("✅") and "|r" in data:
                    return label
        return None
