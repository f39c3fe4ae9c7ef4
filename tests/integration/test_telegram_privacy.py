"""/export sends every stored row as JSON; /delete asks first, then erases every row about the learner."""

from __future__ import annotations

import json

from bot.storage.db import table_counts
from bot.storage.repositories import LEARNER_TABLES
from tests.bot_client import BotClient, onboard
from tests.conftest import AppHarness


async def test_export_sends_all_data_as_json(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("/done linear algebra")
    await client.send("/reminders sun 18 UTC")
    await client.send("/export")
    [document] = [m for m in client.last_messages if m.kind == "document"]
    assert document.file_name.endswith(".json")
    data = json.loads(document.data)
    for table in ("learners", *LEARNER_TABLES):
        assert data[table], f"{table} missing from the export"
    assert data["learners"][0]["external_id"] == str(client.user_id)


async def test_delete_asks_then_erases_every_row(harness: AppHarness) -> None:
    client = BotClient(harness)
    other = BotClient(harness, user_id=2002)
    await onboard(client)
    await other.send("/start")
    await client.send("/reminders sun 18 UTC")
    await client.send("/delete")
    await client.tap("No, keep it")
    db = harness.app.bot_data["services"].db
    assert table_counts(db)["roadmaps"] >= 1
    await client.send("/delete")
    confirm = client.find("Yes, erase it all")
    await client.tap("Yes, erase it all")
    assert "everything about you is erased" in harness.request.messages[confirm.message_id].text
    services = harness.app.bot_data["services"]
    assert services.progress.learner_id("telegram", str(client.user_id)) is None
    counts = table_counts(db)
    assert counts["learners"] == 1, "only the other learner is left"
    assert counts["roadmaps"] == 0 and counts["reminders"] == 0 and counts["progress_events"] == 0
    assert not harness.app.job_queue.get_jobs_by_name("reminder:1") or all(
        j.removed for j in harness.app.job_queue.get_jobs_by_name("reminder:1"))
    await client.send("/export")
    assert "nothing stored" in client.last.text
