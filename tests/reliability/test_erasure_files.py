"""/delete leaves no byte of the Telegram id or name in the database files (db, -wal, -shm)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.storage.db import checkpoint_truncate
from bot.testing.client import AppHarness, BotClient, onboard
from bot.testing.updates import callback_update, message_update, user

USER_ID = 7391846205
NAME = "Quintessa"


def _leftovers(db_path: Path, *needles: bytes) -> dict[str, list[bytes]]:
    """Which of `needles` each database file still holds."""
    found: dict[str, list[bytes]] = {}
    for path in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        if path.exists():
            data = path.read_bytes()
            hits = [n for n in needles if n in data]
            if hits:
                found[path.name] = hits
    return found


async def _send(client: BotClient, text: str) -> None:
    await client.process(message_update(text, client.user_id, sender=user(client.user_id, NAME)))


async def _erase(client: BotClient) -> None:
    await _send(client, "/delete")
    confirm = client.find("Yes, erase it all")
    await client.tap("Yes, erase it all")
    assert "everything about you is erased" in (client.fake.messages[confirm.message_id].text or "")


async def test_erasure_leaves_no_id_or_name_in_the_database_files(make_app: Callable[..., Any],
                                                                    db_path: Path) -> None:
    async with make_app() as h:
        harness: AppHarness = h
        client = BotClient(harness, USER_ID)
        other = BotClient(harness, 2002)
        await _send(client, "/start")
        await onboard(client)
        await _send(client, "/done linear algebra")
        await _send(client, "/reminders sun 18 UTC")
        await _send(client, "/stats")  # an admin command: audited as admin.denied, with the chat id in detail
        await client.process(callback_update(client.last, "adm|pg|courses|1", USER_ID))
        await other.send("/start")
        assert _leftovers(db_path, str(USER_ID).encode(), NAME.encode()), "the test must see the id before"
        # SQLite checkpoints on its own every 1,000 pages: the rows are in the database file itself by now.
        assert checkpoint_truncate(harness.app.bot_data["services"].db)
        assert list(_leftovers(db_path, str(USER_ID).encode())) == ["waypoint.db"]
        await _erase(client)
        assert not harness.errors
        assert not _leftovers(db_path, str(USER_ID).encode(), NAME.encode())
        assert harness.app.bot_data["services"].progress.learner_id("telegram", "2002") is not None


async def test_someone_who_only_tried_admin_commands_is_erased_too(make_app: Callable[..., Any],
                                                                   db_path: Path) -> None:
    async with make_app() as h:
        client = BotClient(h, USER_ID)
        await BotClient(h, 2002).send("/start")
        await _send(client, "/stats")
        await _send(client, "/catalog")
        assert _leftovers(db_path, str(USER_ID).encode())
        await _erase(client)
        assert not _leftovers(db_path, str(USER_ID).encode(), NAME.encode())
