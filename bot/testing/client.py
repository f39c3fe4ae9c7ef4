"""A chat client that plays the user, so Telegram tests read like a conversation.

    client = BotClient(harness)
    await client.send("/start")
    await client.click(client.last, label="ML engineer")
    assert "roadmap" in client.last.text
"""

from __future__ import annotations

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
        await self.harness.app.process_update(Update.de_json(payload, self.harness.app.bot))
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
# Answers a learner in a hurry taps when a question is left.
DEFAULT_TAPS = ("No preference", "Done", "Yes", "Make my plan", "10 h", "12 months", "Up to $500", "Bachelor's",
                "Software developer", "3-5", "Machine learning engineer")


async def onboard(client: BotClient, text: str = ONE_MESSAGE, max_steps: int = 20) -> list[Sent]:
    """Tell the bot everything in one message, then tap sensible defaults until the roadmap arrives."""
    sent = await client.send(text)
    collected = list(sent)
    for _ in range(max_steps):
        if any("Your roadmap to" in (m.text or "") for m in collected):
            return collected
        asking = [m for m in client.last_messages if m.buttons] or [client.fake.messages[client.find("").message_id]]
        message = asking[-1]
        labels = [label for label, _ in message.buttons]
        pick = next((label for label in DEFAULT_TAPS if label in labels), labels[0])
        collected += await client.click(message, label=pick)
    raise AssertionError(f"no roadmap after {max_steps} taps: {[m.text for m in collected][-3:]}")
