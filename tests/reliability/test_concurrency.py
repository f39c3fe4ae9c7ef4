"""200 simulated users interleaving conversations and progress marks through the real Application.

Updates go through `app.update_queue` → PerUserUpdateProcessor (concurrent updates on), while a second
SQLite connection in a thread writes (terminal learners) and takes online backups, so lock contention is
real. Checks: no handler error (no "database is locked"), no cross-talk, every user's final state right.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.bench.load import QueuedRunner
from bot.config import Settings
from bot.domain.catalog import Catalog
from bot.domain.dialogue import UserInput
from bot.services.conversation import ConversationService
from bot.storage.db import backup_database, open_database, write_transaction
from bot.storage.repositories import Repositories
from bot.testing.client import ONBOARDING_TAPS, PLAN_LABEL, BotClient
from tests.reliability.conftest import Rig

USERS = 200
ROLES = {"Machine learning engineer": "ml-engineer", "Data scientist": "data-scientist",
         "Computer vision engineer": "cv-engineer", "MLOps engineer": "mlops-engineer"}
BASE_ID = 700_000


def _other_connection(db_path: Path, content: Path, stop: threading.Event, done: Counter[str], write: bool) -> None:
    """Another connection backing up (and, if `write`, writing to) the same file while the bot runs."""
    db = open_database(db_path)
    catalog = Catalog.load(content)
    service = ConversationService(db, lambda: catalog, lambda: date(2026, 1, 5))
    n = 0
    while not stop.is_set():
        if write:
            service.handle("terminal", f"side{n % 20}", UserInput(kind="command", value="/start"))
            done["terminal"] += 1
        else:
            stop.wait(0.01)
        if n % 25 == 0:
            backup_database(db_path, db_path.with_name(f"backup{n % 2}.db"))
            done["backup"] += 1
        n += 1
    db.close()


@pytest.mark.slow
async def test_200_users_interleaving_without_cross_talk_or_locks(make_rig, settings: Settings,  # type: ignore[no-untyped-def]
                                                                   db_path: Path) -> None:
    """The bot alone on its database, with online backups taken meanwhile (`waypoint db backup`)."""
    await _interleave(make_rig, settings, db_path, USERS, write=False)


def _hold_write_lock(path: Path, locked: threading.Event, seconds: float) -> None:
    """Another connection (a terminal chat, an admin CLI) holding SQLite's write lock for a moment."""
    other = open_database(path)
    other.conn.execute("BEGIN IMMEDIATE")
    Repositories(other).audit.log("cli:test", "hold", None, None, datetime(2026, 1, 5, tzinfo=UTC))
    locked.set()
    time.sleep(seconds)
    other.conn.execute("COMMIT")
    other.close()


def test_read_then_write_transaction_waits_for_another_writer(tmp_path: Path) -> None:
    """The pattern of ProgressService.mark (read, then write) while another connection holds the write lock."""
    path = tmp_path / "two.db"
    mine = open_database(path)
    now = datetime(2026, 1, 5, tzinfo=UTC)
    learner = Repositories(mine).learners.get_or_create("telegram", "1", None, now)
    locked = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, locked, 0.3))
    holder.start()
    locked.wait(5)
    with write_transaction(mine):
        Repositories(mine).learners.find("telegram", "1")
        Repositories(mine).learners.touch(learner.id, now)
    holder.join()
    assert Repositories(mine).audit.recent(5)[0].action == "hold"


def test_a_deferred_transaction_would_fail_where_write_transaction_waits(tmp_path: Path) -> None:
    """Why write_transaction exists: a deferred BEGIN cannot upgrade after another connection committed."""
    path = tmp_path / "two.db"
    mine, other = open_database(path), open_database(path)
    now = datetime(2026, 1, 5, tzinfo=UTC)
    learner = Repositories(mine).learners.get_or_create("telegram", "1", None, now)
    with pytest.raises(sqlite3.OperationalError, match="locked"), mine.atomic():
        Repositories(mine).learners.find("telegram", "1")  # read first: the snapshot starts here
        with other.atomic():
            Repositories(other).learners.touch(learner.id, now)
        Repositories(mine).learners.touch(learner.id, now)  # then write: SQLITE_BUSY_SNAPSHOT


@pytest.mark.slow
async def test_users_interleaving_while_another_process_writes(make_rig, settings: Settings,  # type: ignore[no-untyped-def]
                                                               db_path: Path) -> None:
    """As above while a second connection writes (a terminal chat or admin CLI on the same file)."""
    await _interleave(make_rig, settings, db_path, USERS, write=True)


async def _interleave(make_rig, settings: Settings, db_path: Path, users: int, write: bool) -> None:  # type: ignore[no-untyped-def]
    stop = threading.Event()
    side: Counter[str] = Counter()
    async with make_rig() as rig:
        rig: Rig
        runner = QueuedRunner(rig.app)
        await rig.app.start()
        thread = threading.Thread(target=_other_connection, args=(db_path, settings.content_dir, stop, side, write))
        thread.start()
        marks: dict[int, int] = {}
        labels = list(ROLES)

        async def user(i: int) -> None:
            uid = BASE_ID + i
            role = labels[i % len(labels)]
            person = BotClient(rig, uid, run=runner, script=(role, *ONBOARDING_TAPS[1:]))
            finish = i % 4 != 3  # one in four stops half-way through the questions
            answered, reached = await person.onboard_until(PLAN_LABEL, max_steps=30 if finish else 5)
            if not finish:
                return
            assert reached, f"user {uid}: no question after {answered} answers"
            await person.tap(PLAN_LABEL)
            marks[uid] = 0
            for _ in range(1 + i % 3):
                label = person.mark_button()
                if label is None:
                    break
                await person.tap(label)
                marks[uid] += 1
            await person.send("/progress")

        try:
            await asyncio.wait_for(asyncio.gather(*(user(i) for i in range(users))), timeout=150)
        finally:
            stop.set()
            thread.join(timeout=30)
            await rig.app.stop()
        assert not rig.errors, f"handler errors: {rig.errors[:3]!r}"
        assert side["backup"] > 0 and (side["terminal"] > 0 or not write), "the other connection never ran"

        services = rig.services
        repos = Repositories(services.db)
        for i in range(users):
            uid = BASE_ID + i
            role = labels[i % len(labels)]
            state = services.conversation.state("telegram", str(uid))
            assert state is not None and state.profile.target_role == ROLES[role], f"user {uid}: wrong role"
            chat = [m.text for m in rig.request.chat_messages(uid)]
            learner = repos.learners.find("telegram", str(uid))
            assert learner is not None
            if uid in marks:
                latest = repos.roadmaps.latest(learner.id)
                assert latest is not None, f"user {uid}: no roadmap"
                assert latest.roadmap["profile"]["target_role"] == ROLES[role]
                events = repos.progress.events(learner.id)
                assert len(events) == marks[uid], f"user {uid}: {len(events)} marks stored, {marks[uid]} made"
                assert any("Your progress" in t or "▰" in t or "▱" in t for t in chat), f"user {uid}: no /progress"
            else:
                assert repos.roadmaps.latest(learner.id) is None
            # Cross-talk: no chat shows another user's role in a roadmap headline.
            for other, other_id in ROLES.items():
                if other != role:
                    assert not any(f"Your roadmap to {other}" in t for t in chat), f"user {uid} got {other_id}'s plan"


def _hold_until(path: Path, locked: threading.Event, release: threading.Event) -> None:
    """Another connection holding SQLite's write lock until told to let go."""
    other = open_database(path)
    other.conn.execute("BEGIN IMMEDIATE")
    Repositories(other).audit.log("cli:test", "hold", None, None, datetime(2026, 1, 5, tzinfo=UTC))
    locked.set()
    release.wait(30)
    other.conn.execute("COMMIT")
    other.close()


def test_reads_do_not_queue_behind_another_writer(tmp_path: Path) -> None:
    """Read-only actions use a deferred snapshot: they answer while another process holds the write lock."""
    path = tmp_path / "reads.db"
    db = open_database(path)
    catalog = Catalog.load(Path(__file__).resolve().parents[2] / "content")
    conversation = ConversationService(db, lambda: catalog, lambda: date(2026, 1, 5))
    conversation.handle("telegram", "1", UserInput(kind="command", value="/start"))
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_until, args=(path, locked, release))
    holder.start()
    try:
        assert locked.wait(5)
        # With the write lock taken elsewhere, a write transaction would wait and then fail as "locked".
        assert conversation.state("telegram", "1") is not None
        assert conversation.current_version("telegram", "1") == 1
    finally:
        release.set()
        holder.join()
