"""/export sends every stored row as JSON; /delete asks first, then erases every row about the learner."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from bot import texts
from bot.storage.db import table_counts
from bot.storage.repositories import LEARNER_TABLES
from bot.telegram.callbacks import DELETE_TTL, DeleteYes, decode, issue_delete
from bot.testing.client import AppHarness, BotClient, onboard


async def test_export_sends_all_data_as_json(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("/done linear algebra")
    await client.send("/reminders sun 18 UTC")
    await client.send("/job Data scientist wanted. Python, SQL, machine learning, statistics.")
    await client.send("/check sql")  # a skill check and its quiz poll (issue 18)
    await client.answer_right(client.polls()[-1])
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


def _learner_rows(harness: AppHarness, client: BotClient) -> int:
    progress = harness.app.bot_data["services"].progress
    return 0 if progress.learner_id("telegram", str(client.user_id)) is None else 1


async def test_an_old_delete_confirmation_is_out_of_date_and_erases_nothing(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    privacy = harness.app.bot_data["services"].privacy
    issued = privacy.now()
    await client.send("/delete")
    old = client.find("Yes, erase it all")
    yes = old.data_for("Yes, erase it all")
    assert re.fullmatch(r"v1\|x\|del:yes:[0-9a-z]+\.[0-9a-f]{12}", yes) and len(yes.encode()) <= 64

    privacy.now = lambda: issued + DELETE_TTL + timedelta(seconds=1)  # the service clock, 10 min later
    await client.tap("Yes, erase it all")
    assert harness.request.messages[old.message_id].text == texts.TG_DELETE_EXPIRED
    assert _learner_rows(harness, client) == 1
    assert table_counts(harness.app.bot_data["services"].db)["roadmaps"] >= 1

    await client.send("/delete")  # a fresh confirmation, answered within 10 minutes, still works
    fresh = client.find("Yes, erase it all")
    privacy.now = lambda: issued + DELETE_TTL + timedelta(minutes=9)
    await client.tap("Yes, erase it all")
    assert "everything about you is erased" in harness.request.messages[fresh.message_id].text
    assert _learner_rows(harness, client) == 0


async def test_forged_or_foreign_delete_confirmations_erase_nothing(harness: AppHarness) -> None:
    client = BotClient(harness)
    other = BotClient(harness, user_id=2002)
    await onboard(client)
    await other.send("/start")
    await other.send("/delete")
    others_yes = other.find("Yes, erase it all").data_for("Yes, erase it all")
    await client.send("/delete")
    message = client.find("Yes, erase it all")
    yes = message.data_for("Yes, erase it all")
    issued, _, mac = yes.removeprefix("v1|x|del:yes:").partition(".")
    later = int(datetime(2099, 1, 1, tzinfo=UTC).timestamp())
    redated = f"v1|x|del:yes:{int(issued, 36) + 1:x}.{mac}"
    forged = [
        "v1|x|del:yes",  # the old token-less button
        "v1|x|del:yes:zzz",  # no MAC
        f"v1|x|del:yes:{issued}.{'0' * 12}",  # wrong MAC
        redated,  # re-dated under the same MAC
        f"v1|x|del:yes:{later:x}.{mac}",
        others_yes,  # another learner's (fresh, genuine) button
    ]
    for data in forged:
        await client.process_stale(message, data)
        assert harness.request.messages[message.message_id].text == texts.TG_DELETE_EXPIRED, data
        assert _learner_rows(harness, client) == 1, data
    assert _learner_rows(harness, other) == 1
    await client.click(message, data=yes)  # the genuine one still works
    assert _learner_rows(harness, client) == 0 and _learner_rows(harness, other) == 1


def _yes(action: str) -> DeleteYes:
    """The "yes" a button with this version-free action decodes to."""
    found = decode(f"v1|x|{action}")
    assert isinstance(found, DeleteYes)
    return found


def test_delete_tokens_check_the_user_the_mac_and_the_age() -> None:
    secret, now = b"k" * 32, datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    action = issue_delete(secret, "1001", now)
    assert action.fresh(secret, "1001", now)
    assert action.fresh(secret, "1001", now + DELETE_TTL)
    assert not action.fresh(secret, "1001", now + DELETE_TTL + timedelta(seconds=1))
    assert not action.fresh(secret, "1001", now - timedelta(minutes=5))  # from the future
    assert not action.fresh(secret, "2002", now)
    assert not action.fresh(b"x" * 32, "1001", now)  # another process (a restart)
    assert not _yes("del:yes").fresh(secret, "1001", now)
    assert not _yes("del:yes:-1.abc").fresh(secret, "1001", now)
