"""One bot per database: a second `waypoint run` and `waypoint db restore` refuse while a bot holds it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import texts
from bot.storage.db import open_database
from bot.storage.lock import DatabaseInUse, DatabaseLock, lock_path
from tests.conftest import TOKEN
from tests.reliability.loopback_api import loopback_api

ROOT = Path(__file__).resolve().parents[2]


def _env(db: Path, api: str) -> dict[str, str]:
    return {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "WAYPOINT_BOT_API_BASE_URL": api,
            "WAYPOINT_DB_PATH": str(db), "WAYPOINT_LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}


def _waypoint(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, timeout=60)


def _held(db: Path) -> bool:
    try:
        with DatabaseLock(db):
            return False
    except DatabaseInUse:
        return True


def test_the_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with DatabaseLock(db):
        with pytest.raises(DatabaseInUse):
            DatabaseLock(db).acquire()
        assert lock_path(db).stat().st_mode & 0o777 == 0o600
    with DatabaseLock(db):  # released: taken again at once
        pass


@pytest.mark.slow
def test_a_second_bot_and_a_restore_refuse_while_a_bot_runs(tmp_path: Path) -> None:
    db, backup = tmp_path / "w.db", tmp_path / "backup.db"
    open_database(backup).close()
    with loopback_api() as api:
        env = _env(db, api)
        with (tmp_path / "first.err").open("wb") as err:
            first = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 30
            while not (_held(db) and b"starting" in (tmp_path / "first.err").read_bytes()):
                assert first.poll() is None, (tmp_path / "first.err").read_text()
                assert time.monotonic() < deadline, "the first bot did not start"
                time.sleep(0.1)

            second = _waypoint(env, "run")
            assert second.returncode == 1
            assert second.stderr.decode().strip() == texts.CLI_DB_IN_USE.format(path=db)

            restore = _waypoint(env, "db", "restore", str(backup))
            assert restore.returncode == 1
            assert restore.stderr.decode().strip() == texts.CLI_RESTORE_IN_USE.format(path=db)
            assert first.poll() is None, "the first bot must keep running"
        finally:
            first.send_signal(signal.SIGINT)
            first.wait(timeout=30)
        restore = _waypoint(env, "db", "restore", str(backup))  # no bot any more: the restore goes ahead
        assert restore.returncode == 0, restore.stderr.decode()
