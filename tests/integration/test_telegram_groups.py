"""Learner features are private: in a group chat the bot points to a private chat and shows nothing personal."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.telegram.app import DEEP_LINK_PAYLOAD, private_chat_link
from bot.testing.client import AppHarness, BotClient, onboard
from bot.testing.fake_bot_api import BOT_USER, Sent
from bot.testing.updates import callback_update, message_update, user

GROUP_ID = -100777
GROUP = {"id": GROUP_ID, "type": "supergroup", "title": "ML study group"}
PERSONAL_COMMANDS = ("/export", "/summary", "/progress", "/plan", "/reminders", "/reminders sun 18 UTC",
                     "/done linear algebra", "/undo", "/edit", "/start", "/delete", "/restart", "/help",
                     f"/plan@{BOT_USER['username']}", "/catalog")


async def _in_group(client: BotClient, text: str) -> list[Sent]:
    return await client.process(message_update(text, client.user_id, chat=GROUP, sender=user(client.user_id)))


def _group_texts(harness: AppHarness) -> list[str]:
    return [m.text or m.caption or "" for m in harness.request.chat_messages(GROUP_ID)]


async def test_learner_commands_in_a_group_show_nothing_personal(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("/done linear algebra")
    private = [m.text or "" for m in client.history() if m.text]
    link = private_chat_link(str(BOT_USER["username"]))
    for command in PERSONAL_COMMANDS:
        sent = await _in_group(client, command)
        assert [m.kind for m in sent] == ["text"], command
        assert sent[0].chat_id == GROUP_ID and link in (sent[0].text or ""), command
        assert sent[0].text == texts.TG_GROUP_PRIVATE_ONLY.format(link=link)
        assert not sent[0].buttons
    # The group holds the hint and nothing else: no roadmap, progress, profile or data file.
    assert set(_group_texts(harness)) == {texts.TG_GROUP_PRIVATE_ONLY.format(link=link)}
    assert [m.kind for m in harness.request.chat_messages(GROUP_ID)] == ["text"] * len(PERSONAL_COMMANDS)
    assert not harness.request.calls_of("sendDocument"), "the export went somewhere"
    assert private and not any(line in _group_texts(harness) for line in private)


async def test_reminders_are_never_set_from_or_sent_to_a_group(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await _in_group(client, "/reminders sun 18 UTC")
    reminders = harness.app.bot_data["services"].reminders
    learner_id = reminders.learner_id("telegram", str(client.user_id))
    assert reminders.reminder(learner_id) is None
    await client.send("/reminders sun 18 UTC")  # privately it works, and the job targets the private chat
    jobs = harness.app.job_queue.get_jobs_by_name(f"reminder:{learner_id}")
    assert [j.chat_id for j in jobs] == [client.user_id]


async def test_other_group_traffic_is_ignored_and_buttons_answer_briefly(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    roadmap = next(m for m in reversed(client.history()) if m.buttons)
    before = len(harness.request.messages)
    for text in ("hello all", "/plan@some_other_bot", "/notacommand", "I know python"):
        await _in_group(client, text)
    assert len(harness.request.messages) == before, "plain group chatter got a reply"
    group_copy: dict[str, Any] = {**roadmap.as_dict(), "chat": GROUP}
    payload = callback_update(roadmap, roadmap.buttons[0][1], client.user_id)
    payload["callback_query"]["message"] = group_copy
    await client.process(payload)
    assert client.answers and client.answers[-1].get("text") == texts.TG_GROUP_BUTTON_PRIVATE
    assert not client.last_messages and not _group_texts(harness)


async def test_the_deep_link_opens_the_private_chat(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send(f"/start {DEEP_LINK_PAYLOAD}")
    fresh = BotClient(harness, 2002)
    await fresh.send("/start")
    assert client.texts == fresh.texts, "the link's payload changes nothing about the welcome"
