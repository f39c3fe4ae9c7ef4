"""The one fake Bot API, bounded as benches run it and unbounded as tests run it, through a real `telegram.Bot`."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Bot
from telegram.error import BadRequest

from bot.testing.fake_bot_api import FakeBotAPI

TOKEN = "123456:TEST-token-not-real"
CHATS = st.lists(st.tuples(st.integers(1, 4), st.text("abc ✅", min_size=1, max_size=5)), max_size=40)


def _run(fake: FakeBotAPI, sends: list[tuple[int, str]]) -> list[int]:
    """Send `sends` (chat, text) through a real Bot on `fake`; return the message ids in order."""

    async def go() -> list[int]:
        async with Bot(TOKEN, request=fake, get_updates_request=fake) as bot:
            return [(await bot.send_message(chat, text)).message_id for chat, text in sends]

    return asyncio.run(go())


@settings(max_examples=40, deadline=None)
@given(sends=CHATS, keep=st.integers(1, 5))
def test_a_bounded_fake_keeps_each_chats_newest_messages_only(sends: list[tuple[int, str]], keep: int) -> None:
    fake = FakeBotAPI(keep_per_chat=keep, record_calls=False)
    ids = _run(fake, sends)
    for chat in {c for c, _ in sends}:
        mine = [(mid, text) for mid, (c, text) in zip(ids, sends, strict=True) if c == chat]
        assert [(m.message_id, m.text) for m in fake.chat_messages(chat)] == mine[-keep:]
        last = fake.last(chat)
        assert last is not None and last.message_id == mine[-1][0]
    assert len(fake.messages) <= keep * len({c for c, _ in sends})
    assert fake.calls == [] and fake.counts["sendMessage"] == len(sends)


@settings(max_examples=40, deadline=None)
@given(sends=CHATS)
def test_an_unbounded_fake_keeps_and_records_everything(sends: list[tuple[int, str]]) -> None:
    fake = FakeBotAPI()
    ids = _run(fake, sends)
    assert [m.message_id for m in fake.messages.values()] == ids
    for chat in {c for c, _ in sends}:
        assert [m.text for m in fake.chat_messages(chat)] == [t for c, t in sends if c == chat]
    assert [c.method for c in fake.calls] == ["getMe", *["sendMessage"] * len(sends)]
    assert fake.counts["getMe"] == 1 and fake.counts["sendMessage"] == len(sends)


def test_find_gives_the_newest_message_with_the_button_and_its_data() -> None:
    fake = FakeBotAPI(keep_per_chat=2, record_calls=False)

    async def go() -> None:
        async with Bot(TOKEN, request=fake, get_updates_request=fake) as bot:
            for n in range(3):
                await bot.send_message(7, f"page {n}", reply_markup={"inline_keyboard": [[
                    {"text": f"✅ item {n}", "callback_data": f"v1|r{n}|m"}]]})  # type: ignore[arg-type]

    asyncio.run(go())
    found = fake.find(7, "✅")
    assert found is not None and found[0].text == "page 2" and found[1] == "v1|r2|m"
    assert fake.find(7, "item 0") is None  # scrolled out
    assert fake.find(8, "✅") is None and fake.last(8) is None


@pytest.mark.parametrize("keep", [1, 3])
def test_an_edit_of_a_message_that_scrolled_out_answers_as_if_it_existed(keep: int) -> None:
    fake = FakeBotAPI(keep_per_chat=keep, record_calls=False)

    async def go() -> None:
        async with Bot(TOKEN, request=fake, get_updates_request=fake) as bot:
            first = await bot.send_message(5, "old")
            for n in range(keep):
                await bot.send_message(5, f"new {n}")
            edited = await bot.edit_message_text("changed", chat_id=5, message_id=first.message_id)
            assert not isinstance(edited, bool) and edited.text == "changed"
            with pytest.raises(BadRequest):  # an id the fake never gave stays unknown
                await bot.edit_message_text("x", chat_id=5, message_id=first.message_id + 1000)

    asyncio.run(go())
    assert all(m.text != "changed" for m in fake.messages.values()), "a scrolled-out message came back"
    assert len(fake.messages) == keep and fake.counts["editMessageText"] == 2


def test_an_edit_of_an_unknown_message_still_fails_on_an_unbounded_fake() -> None:
    fake = FakeBotAPI()

    async def go() -> None:
        async with Bot(TOKEN, request=fake, get_updates_request=fake) as bot:
            with pytest.raises(BadRequest):
                await bot.edit_message_text("x", chat_id=5, message_id=999)

    asyncio.run(go())


@settings(max_examples=20, deadline=None)
@given(sizes=st.lists(st.integers(0, 3000), min_size=1, max_size=5), record=st.booleans())
def test_bytes_uploaded_are_the_bytes_of_every_file_sent(sizes: list[int], record: bool) -> None:
    fake = FakeBotAPI(keep_per_chat=2, record_calls=record)

    async def go() -> None:
        async with Bot(TOKEN, request=fake, get_updates_request=fake) as bot:
            for n, size in enumerate(sizes):
                await bot.send_document(3, document=b"x" * size, filename=f"f{n}.txt")

    asyncio.run(go())
    assert fake.bytes_uploaded == sum(sizes)
    assert fake.counts["sendDocument"] == len(sizes)
    assert len(fake.calls_of("sendDocument")) == (len(sizes) if record else 0)
