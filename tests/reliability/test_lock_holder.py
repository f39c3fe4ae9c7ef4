"""Another process holding SQLite's write lock longer than the busy timeout never stalls other users.

The waiting user's update waits for the lock in a worker thread and is then run again: it is answered and
stored once the lock is free, or told to send it again when the lock never frees; nobody else waits meanwhile.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bot import texts
from bot.storage.db import LOOP_BUSY_TIMEOUT_MS, table_counts
from bot.telegram import app as app_module
from bot.testing.client import AppHarness, BotClient


@contextmanager
def write_lock_held(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Another connection (an admin CLI, a second tool) holding the write lock until the block ends."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.01)


async def test_other_users_are_served_while_one_waits_for_the_lock(harness: AppHarness, db_path: Path) -> None:
    waiting, other = BotClient(harness, 1001), BotClient(harness, 2002)
    await other.send("/start")  # other is a learner already: /progress reads the database
    loop = asyncio.get_running_loop()
    with write_lock_held(db_path):
        task = asyncio.ensure_future(waiting.send("/start"))  # its first write needs the lock
        began = loop.time()
        await asyncio.sleep(0.2)  # well past the loop's busy timeout: the update now waits in a thread
        await other.send("/help")
        latency = loop.time() - began
        assert other.texts and not task.done(), "the other user waited for the lock holder"
        # Before: the busy wait ran on the event loop, and /help took the full 10 s busy timeout.
        assert latency < 2.0, f"/help took {latency:.1f} s while another process held the lock"
        busy_ms = harness.app.bot_data["services"].db.execute("PRAGMA busy_timeout").fetchone()[0]
        assert busy_ms <= LOOP_BUSY_TIMEOUT_MS
        await other.send("/progress")
        assert other.texts and not task.done()
        assert not harness.request.chat_messages(1001)
    sent = await asyncio.wait_for(task, timeout=30)
    assert sent and texts.TG_DB_BUSY not in [m.text for m in sent]
    assert harness.app.bot_data["services"].progress.learner_id("telegram", "1001") is not None


async def test_a_lock_that_never_frees_tells_the_user_and_changes_nothing(
        harness: AppHarness, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "WRITE_WAIT_SECONDS", 0.3)
    client = BotClient(harness, 1001)
    db: Any = harness.app.bot_data["services"].db
    before = table_counts(db)
    with write_lock_held(db_path):
        sent = await asyncio.wait_for(client.send("/start"), timeout=30)
    assert [m.text for m in sent] == [texts.TG_DB_BUSY]
    assert table_counts(db) == before
    await client.send("/start")  # the lock is free again: the same message now works
    assert client.texts and texts.TG_DB_BUSY not in client.texts
