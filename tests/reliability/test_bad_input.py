"""Bad input: arbitrary text and callback data (hypothesis) and odd updates never raise in a handler;
each gets a friendly reply or is deliberately ignored."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import texts
from bot.bench.load import bench_api, waypoint_application
from bot.config import Settings
from bot.testing.client import feed, running
from bot.testing.fake_bot_api import Sent
from bot.testing.updates import callback_update, message_update, user
from tests.conftest import TODAY

USER = 4242


class Bot:
    """The real application on its own event loop, so synchronous hypothesis tests can drive it."""

    def __init__(self, settings: Settings) -> None:
        """Build and start the app."""
        self.loop = asyncio.new_event_loop()
        self.request = bench_api()
        self.errors: list[BaseException] = []
        self.app = waypoint_application(settings, self.request, today=TODAY)
        self._cm = running(self.app, self.errors)
        self.loop.run_until_complete(self._cm.__aenter__())

    def feed(self, payload: dict[str, Any]) -> int:
        """Process one update; return how many Bot API calls it made."""
        before = sum(self.request.counts.values())
        self.loop.run_until_complete(feed(self.app, payload))
        return sum(self.request.counts.values()) - before

    def close(self) -> None:
        """Shut the app down."""
        self.loop.run_until_complete(self._cm.__aexit__(None, None, None))
        self.loop.close()


@pytest.fixture
def bot(settings: Settings) -> Iterator[Bot]:
    """One running app for a whole hypothesis test."""
    b = Bot(settings)
    yield b
    b.close()


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(text=st.text(min_size=1, max_size=400).filter(lambda t: t.strip()))
def test_any_text_gets_a_reply_and_no_error(bot: Bot, text: str) -> None:
    calls = bot.feed(message_update(text, USER))
    assert not bot.errors, bot.errors
    assert calls >= 1, f"no reply to {text!r}"


@FAST
@given(data=st.one_of(st.text(max_size=80), st.from_regex(r"v1\|(r?\d{1,3}|x)\|[a-z#:0-9-]{0,20}", fullmatch=True)))
def test_any_callback_data_is_answered_without_error(bot: Bot, data: str) -> None:
    if bot.request.last(USER) is None:
        bot.feed(message_update("/start", USER))
    message = bot.request.last(USER)
    assert message is not None
    before = bot.request.counts["answerCallbackQuery"]
    bot.feed(callback_update(message, data, USER))
    assert not bot.errors, bot.errors
    assert bot.request.counts["answerCallbackQuery"] > before, f"the tap on {data!r} was never answered"


def _message(update_id: int, **fields: Any) -> dict[str, Any]:
    base = {"message_id": update_id, "date": 0, "chat": {"id": USER, "type": "private", "first_name": "Odd"},
            "from": user(USER)}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


GROUP = {"id": -100123, "type": "supergroup", "title": "ML study group"}
CHANNEL = {"id": -100999, "type": "channel", "title": "News"}
FILE = {"file_id": "f1", "file_unique_id": "u1"}
ODD: dict[str, tuple[dict[str, Any], str]] = {
    # name: (update, expected: "reply" | "ignore" | "any")
    "edited message": ({"update_id": 1, "edited_message": _message(1, text="edited", edit_date=1)}, "ignore"),
    "sticker": ({"update_id": 2, "message": _message(2, sticker={**FILE, "width": 512, "height": 512,
                                                                 "is_animated": False, "is_video": False,
                                                                 "type": "regular"})}, "reply"),
    "photo": ({"update_id": 3, "message": _message(3, photo=[{**FILE, "width": 90, "height": 90}])}, "reply"),
    "voice": ({"update_id": 4, "message": _message(4, voice={**FILE, "duration": 3})}, "reply"),
    "document": ({"update_id": 5, "message": _message(5, document={**FILE, "file_name": "cv.pdf"})}, "reply"),
    "group text": ({"update_id": 6, "message": _message(6, chat=GROUP, text="hello bot")}, "ignore"),
    "group command": ({"update_id": 7, "message": _message(7, chat=GROUP, text="/start",
                                                           entities=[{"type": "bot_command", "offset": 0,
                                                                      "length": 6}])}, "any"),
    "channel post": ({"update_id": 8, "channel_post": _message(8, chat=CHANNEL, text="post")}, "ignore"),
    "no from": ({"update_id": 9, "message": _message(9, text="anonymous", **{"from": None})}, "any"),
    "forwarded": ({"update_id": 10, "message": _message(10, text="I want to be a data scientist",
                                                        forward_origin={"type": "hidden_user", "date": 0,
                                                                        "sender_user_name": "Someone"})}, "reply"),
    "huge text": ({"update_id": 11, "message": _message(11, text="I know python " * 700)}, "reply"),
    "rtl": ({"update_id": 12, "message": _message(12, text="أريد أن أصبح مهندس تعلم آلي \u200f10 ساعات")}, "reply"),
    "emoji": ({"update_id": 13, "message": _message(13, text="🚀🤖 ML engineer 👩‍💻 10h/week 🇺🇦")}, "reply"),
    "zero-width and nulls": ({"update_id": 14, "message": _message(14, text="\u200b\u200d\x00 python")}, "reply"),
    "location": ({"update_id": 15, "message": _message(15, location={"latitude": 1.0, "longitude": 2.0})}, "reply"),
    "my_chat_member": ({"update_id": 16, "my_chat_member": {
        "chat": {"id": USER, "type": "private"}, "from": user(USER), "date": 0,
        "old_chat_member": {"status": "member", "user": {"id": 5555, "is_bot": True, "first_name": "W"}},
        "new_chat_member": {"status": "kicked", "until_date": 0,
                            "user": {"id": 5555, "is_bot": True, "first_name": "W"}}}}, "ignore"),
    "bot sender": ({"update_id": 17, "message": _message(17, text="hi", **{"from": {"id": 77, "is_bot": True,
                                                                                    "first_name": "Other"}})},
                   "any"),
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_updates_get_a_friendly_reply_or_are_ignored(bot: Bot, name: str) -> None:
    payload, expected = ODD[name]
    sent_before = bot.request.counts["sendMessage"]
    bot.feed(payload)
    assert not bot.errors, bot.errors
    sent = bot.request.counts["sendMessage"] - sent_before
    if expected == "reply":
        assert sent >= 1, f"{name}: no reply"
        assert all(len(m.text or "") <= 4096 for m in bot.request.chat_messages(USER))
    elif expected == "ignore":
        assert sent == 0, f"{name}: should be ignored"
    if name in {"sticker", "photo", "voice", "document", "location"}:
        last = bot.request.last(USER)
        assert isinstance(last, Sent) and texts.TG_UNSUPPORTED.split(".")[0] in (last.text or "")
