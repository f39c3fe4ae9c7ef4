"""Roadmap delivery: overview, stage navigation, the three files, and safe splitting of long texts."""

from __future__ import annotations

import json

from bot.telegram.html import MESSAGE_LIMIT, strip_tags, tg_len
from bot.testing.client import AppHarness, BotClient, onboard


async def test_stage_navigation_edits_the_stage_message(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    stage = client.find("▶")
    await client.click(stage, label="▶")
    edited = harness.request.messages[stage.message_id]
    assert "Stage 2/" in edited.text and edited.edits >= 1
    await client.click(edited, label="◀")
    assert "Stage 1/" in harness.request.messages[stage.message_id].text


async def test_document_picture_and_calendar_are_sent(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    overview = client.find("📄 Roadmap")
    await client.click(overview, label="📄 Roadmap")
    [document] = [m for m in client.last_messages if m.kind == "document"]
    assert document.file_name.endswith(".md") and b"#" in document.data and len(document.data) > 1000
    await client.click(overview, label="🖼 Timeline")
    [photo] = [m for m in client.last_messages if m.kind == "photo"]
    assert photo.data.startswith(b"\x89PNG") and 5_000 < len(photo.data) < 400_000
    await client.click(overview, label="📅 Calendar")
    [calendar] = [m for m in client.last_messages if m.kind == "document"]
    assert calendar.file_name.endswith(".ics")
    assert calendar.data.startswith(b"BEGIN:VCALENDAR") and b"RRULE:FREQ=WEEKLY" in calendar.data
    assert "sendChatAction" in harness.request.methods()


async def test_a_long_roadmap_is_split_under_the_limit_never_inside_a_tag(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    services = harness.app.bot_data["services"]
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    stored = services.progress.repos.roadmaps.latest(learner_id)
    roadmap = stored.roadmap
    # Make one stage enormous: many long-winded skills with HTML-looking names.
    stage = roadmap["stages"][0]
    template = stage["skills"][0]
    stage["skills"] = [
        {**template, "id": f"s{i}", "name": f"<Skill {i}> & co" + " and a long-winded name" * 4,
         "why": "because " * 40} for i in range(60)
    ]
    with services.db.atomic():
        services.progress.repos.roadmaps.add(learner_id, roadmap, stored.profile, "test", services.progress.now())
    await client.tap("Show my plan")
    sent = [c.params for c in harness.request.calls_of("sendMessage")]
    start = max(i for i, p in enumerate(sent) if "Stage 1/" in p["text"])
    end = next(i for i in range(start, len(sent)) if sent[i].get("reply_markup"))
    long_parts = [p["text"] for p in sent[start : end + 1]]
    assert len(long_parts) >= 2, "the stage needed several messages"
    for text in long_parts:
        assert tg_len(text) <= MESSAGE_LIMIT
        assert text.count("<b>") == text.count("</b>") and text.count("<a ") == text.count("</a>")
        assert "<Skill" not in text
    joined = "".join(strip_tags(t) for t in long_parts)
    missing = [i for i in range(60) if f"<Skill {i}> & co" not in joined]
    assert not missing, missing
    # Only the last part carries the keyboard.
    with_keyboard = [p for p in sent if p["text"] in long_parts and p.get("reply_markup")]
    assert len(with_keyboard) == 1 and with_keyboard[0]["text"] == long_parts[-1]
    assert json.dumps(with_keyboard[0]["reply_markup"])  # plain JSON, as Telegram expects
