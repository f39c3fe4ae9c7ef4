"""`waypoint db backup/restore` on awkward targets (one clear line, no traceback) and private file modes."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.storage.db import backup_database, inspect_database, open_database
from bot.storage.repositories import Repositories

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WAYPOINT_DB_PATH pointing at a fresh path; cwd moved so no stray .env is read."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "data" / "waypoint.db"
    monkeypatch.setenv("WAYPOINT_DB_PATH", str(path))
    return path


def _one_clean_line(result: object) -> str:
    """The command failed with exit 1 and one line of output, not a traceback."""
    exit_code, output, exception = (getattr(result, n) for n in ("exit_code", "output", "exception"))
    assert exit_code == 1, output
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1, output
    return str(output)


def _backup_with_learner(path: Path, external_id: str, page_size: int | None = None) -> None:
    if page_size is not None:  # the page size is fixed when the first table is created
        with sqlite3.connect(path) as conn:
            conn.execute(f"PRAGMA page_size={int(page_size)}")
            conn.execute("VACUUM")
    with open_database(path) as db:
        Repositories(db).learners.get_or_create("telegram", external_id, None, NOW)


def test_restore_over_a_damaged_database_works_and_keeps_the_damaged_file(cli_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    _backup_with_learner(backup, "1")
    open_database(cli_db).close()
    garbage = b"this is not sqlite at all" * 200
    cli_db.write_bytes(garbage)
    result = CliRunner().invoke(app, ["db", "restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert inspect_database(cli_db)
    with open_database(cli_db) as db:
        assert Repositories(db).learners.find("telegram", "1") is not None
    [aside] = cli_db.parent.glob("waypoint.before-restore-*.db")
    assert aside.read_bytes() == garbage


def test_restore_a_backup_with_another_page_size(cli_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    _backup_with_learner(backup, "8", page_size=8192)
    with open_database(cli_db) as db:  # a live WAL-mode target with the default 4096-byte pages
        Repositories(db).learners.get_or_create("telegram", "4", None, NOW)
    result = CliRunner().invoke(app, ["db", "restore", str(backup)])
    assert result.exit_code == 0, result.output
    with open_database(cli_db) as db:
        repos = Repositories(db)
        assert repos.learners.find("telegram", "8") is not None and repos.learners.find("telegram", "4") is None
        assert db.execute("PRAGMA page_size").fetchone()[0] == 8192


def test_backup_to_a_directory_or_an_unwritable_path_is_one_line(cli_db: Path, tmp_path: Path) -> None:
    open_database(cli_db).close()
    runner = CliRunner()
    output = _one_clean_line(runner.invoke(app, ["db", "backup", str(tmp_path)]))
    assert "is a directory" in output
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    output = _one_clean_line(runner.invoke(app, ["db", "backup", str(blocker / "b.db")]))
    assert "Backup failed" in output and "cannot write" in output


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_wal_backups_and_asides_are_private(cli_db: Path, tmp_path: Path) -> None:
    with open_database(cli_db) as db:
        Repositories(db).learners.get_or_create("telegram", "1", None, NOW)
        assert _mode(cli_db.parent) == 0o700
        for path in (cli_db, cli_db.with_name("waypoint.db-wal"), cli_db.with_name("waypoint.db-shm")):
            assert _mode(path) == 0o600, path
    backup = tmp_path / "new-dir" / "b.db"
    backup_database(cli_db, backup)
    assert _mode(backup) == 0o600 and _mode(backup.parent) == 0o700
    assert CliRunner().invoke(app, ["db", "restore", str(backup)]).exit_code == 0
    [aside] = cli_db.parent.glob("waypoint.before-restore-*.db")
    assert _mode(aside) == 0o600
