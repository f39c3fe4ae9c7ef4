"""Crash consistency in Telegram mode: the real bot process (`python -m bot run`) against the Bot API emulator,
SIGKILLed while a learner's ✅ marks and an admin's catalog edits are in flight.

The bot replies only after the transaction committed, so every reply the emulator received is an acknowledged
write that must be in the database after the kill; and every write is all or nothing: a mark is its progress
event, its roadmap version, its `roadmap_items` rows and its audit row together; a catalog change is its
`catalog_changes` row and its audit row together. After a restart the bot answers again on the same file.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.config import SHIPPED_CONTENT
from bot.domain.catalog import Catalog
from bot.services.progress import ProgressService
from bot.storage.codec import roadmap_item_rows, unpack
from bot.storage.db import open_database
from bot.storage.repositories import Repositories
from tests.e2e.test_e2e_bot import ONE_MESSAGE, node_modules  # noqa: F401  (the fixture)
from tests.e2e.ttapi import BotMessage, ManagedProcess, TelegramTestAPI

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

LEARNER = 7301
ADMIN = 7302
COURSE = "cs50p"
TAPS = ("No preference", "Done", "Yes", "Make my plan")
ROUNDS = 3  # kills per test; each lands at a random moment of a burst of marks and edits
MARKED = re.compile(r"✅ Marked done: (.+)\.")
CHANGED = re.compile(r"\(" + COURSE + r"\) as change #(\d+)")


@pytest.fixture(scope="module")
def tg(node_modules: Path) -> Iterator[TelegramTestAPI]:  # noqa: F811
    with TelegramTestAPI(node_modules) as emulator:
        yield emulator


class Bot:
    """The real bot with one admin; started by PID and killed with SIGKILL by PID."""

    def __init__(self, tg: TelegramTestAPI, db: Path, logs: Path) -> None:
        self.tg, self.db, self.logs, self.starts = tg, db, logs, 0
        self.proc: ManagedProcess | None = None

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WAYPOINT_", "TELEGRAM_"))}
        api = self.tg.bot_env()
        env.update({"TELEGRAM_BOT_TOKEN": api["TELEGRAM_BOT_TOKEN"],
                    "WAYPOINT_BOT_API_BASE_URL": api["TELEGRAM_BASE_URL"],
                    "WAYPOINT_BOT_API_FILE_URL": api["TELEGRAM_BASE_FILE_URL"], "WAYPOINT_DB_PATH": str(self.db),
                    "WAYPOINT_ADMIN_IDS": str(ADMIN), "WAYPOINT_LOG_LEVEL": "INFO"})
        self.starts += 1
        self.proc = ManagedProcess([sys.executable, "-m", "bot", "run"], env=env, cwd=str(self.logs),
                                   log_path=str(self.logs / f"bot-{self.starts}.log"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if "Application started" in self.proc.log_text():
                return
            assert self.proc.is_running(), f"bot exited early:\n{self.proc.log_text()[-3000:]}"
            time.sleep(0.1)
        raise AssertionError(f"bot not started in 30 s:\n{self.proc.log_text()[-3000:]}")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.proc.kill()  # SIGKILL to this PID only: no shutdown hook, no checkpoint
        self.proc.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.stop()


def _texts(messages: list[BotMessage]) -> list[str]:
    return [m.text or m.caption or "" for m in messages]


def _onboard(tg: TelegramTestAPI) -> list[str]:
    """Onboard the learner to a plan; the titles of the items on the first stage page."""
    tg.send_text(LEARNER, LEARNER, "/start")
    tg.wait_for_bot_messages(LEARNER, timeout=15, min_count=2, settle=0.6)
    tg.send_text(LEARNER, LEARNER, ONE_MESSAGE)
    replies = tg.wait_for_bot_messages(LEARNER, timeout=15, settle=0.6)
    for _ in range(10):
        if any("Your roadmap to" in t for t in _texts(replies)):
            break
        question = [m for m in tg.get_bot_messages(LEARNER) if m.buttons][-1]
        pick = next((label for label in TAPS if label in question.button_texts), question.button_texts[0])
        tg.press_button(LEARNER, question, text=pick)
        replies = tg.wait_for_bot_messages(LEARNER, timeout=15, settle=0.6)
    stage = next(m for m in replies if "Stage 1/" in (m.text or ""))
    return [label.removeprefix("✅ ") for label in stage.button_texts if label.startswith("✅ ")]


def _check_database(db: Path, marked: set[str], changes: dict[int, int | None]) -> tuple[int, int]:
    """Every acknowledged write is there and nothing is half-applied; (marks, catalog changes) stored."""
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    database = open_database(db)
    try:
        repos = Repositories(database)
        catalog = Catalog.load(SHIPPED_CONTENT)
        learner = repos.learners.find("telegram", str(LEARNER))
        assert learner is not None
        view = ProgressService(database, lambda: catalog, date.today).view(learner.id)
        assert view is not None
        done_titles = {item.title for item in view.items if item.key in view.done}
        assert marked <= done_titles, f"acknowledged marks lost: {marked - done_titles}"
        # A mark is one transaction: its event and its audit row are both there or both missing.
        events = len(repos.progress.events(learner.id))
        audited = database.execute("SELECT count(*) FROM audit_log WHERE action IN ('progress.mark', "
                                   "'progress.undo') AND actor = ?", [f"learner:{learner.id}"]).fetchone()[0]
        assert events == audited, (events, audited)
        # The item index holds exactly the newest roadmap's rows.
        latest = repos.roadmaps.latest(learner.id)
        assert latest is not None
        rows = database.execute("SELECT learner_id, stage_pos, stage_id, stage_order, item_key, entry_id FROM "
                                "roadmap_items WHERE learner_id = ? ORDER BY rowid", [learner.id]).fetchall()
        assert rows == [tuple(r) for r in roadmap_item_rows(learner.id, latest.roadmap)]
        blob = database.execute("SELECT roadmap_z FROM roadmaps WHERE learner_id = ? ORDER BY version DESC",
                                [learner.id]).fetchone()[0]
        assert unpack(blob) == latest.roadmap
        # Catalog changes: each acknowledged one is stored with its value; each has its audit row.
        stored = {int(i): json.loads(after) for i, after in database.execute(
            "SELECT id, after FROM catalog_changes WHERE entry_id = ?", [COURSE])}
        for change, cost in changes.items():
            assert change in stored, f"acknowledged change #{change} lost"
            assert cost is None or stored[change]["cost_usd"] == cost
        audited_ids = [i for (detail,) in database.execute(
            "SELECT detail FROM audit_log WHERE action LIKE 'catalog.%'") for i in json.loads(detail)["change_ids"]]
        assert sorted(audited_ids) == sorted(stored), (audited_ids, sorted(stored))
        return events, len(stored)
    finally:
        database.close()


def test_sigkill_during_marks_and_admin_edits_loses_no_acknowledged_write(tg: TelegramTestAPI, tmp_path: Path) -> None:
    rng = random.Random(11)
    bot = Bot(tg, tmp_path / "waypoint.db", tmp_path)
    bot.start()
    marked: set[str] = set()
    changes: dict[int, int | None] = {}
    try:
        titles = _onboard(tg)
        assert len(titles) >= 2, titles
        cost = 100
        for round_number in range(ROUNDS):
            # A burst: every remaining item of the page by /done, and admin edits, none waiting for a reply.
            for title in titles:
                tg.send_text(LEARNER, LEARNER, f"/done {title}")
                cost += 1
                tg.send_text(ADMIN, ADMIN, f"/course_edit {COURSE} cost_usd={cost}")
            time.sleep(rng.uniform(0.05, 1.2))  # the kill lands somewhere in the burst
            bot.kill()
            for text in _texts(tg.wait_for_bot_messages(LEARNER, timeout=1.0, min_count=10**6, settle=0.1)):
                marked.update(MARKED.findall(text))
            for text in _texts(tg.wait_for_bot_messages(ADMIN, timeout=1.0, min_count=10**6, settle=0.1)):
                value = re.search(r"cost_usd: \S+ → (\d+)", text)
                for change in CHANGED.findall(text):
                    changes[int(change)] = int(value.group(1)) if value else None
            marks, stored = _check_database(bot.db, marked, changes)
            print(f"round {round_number + 1}: {len(marked)} marks and {len(changes)} edits acknowledged; "
                  f"{marks} marks and {stored} edits stored")
            bot.start()
            # Undo the marks so the next burst has work to do again (updates the emulator still held for the
            # killed bot are delivered to the new one first: Telegram's polling is at least once).
            marked.clear()
            for title in titles:
                tg.send_text(LEARNER, LEARNER, f"/undo {title}")
                tg.wait_for_bot_messages(LEARNER, timeout=10, settle=0.3)
        tg.send_text(LEARNER, LEARNER, "/progress")
        assert any("Your progress" in t for t in _texts(tg.wait_for_bot_messages(LEARNER, timeout=15, settle=0.5)))
    finally:
        bot.stop()
    logs = "".join(p.read_text(errors="replace") for p in sorted(tmp_path.glob("bot-*.log")))
    assert "Traceback" not in logs, logs[-3000:]
