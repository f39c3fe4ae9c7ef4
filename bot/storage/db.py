"""Opening the database (WAL, foreign keys, migrations), plus online backup and restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

from sqlite_utils import Database

from bot import texts
from bot.storage.migrations import MIGRATION_NAMES, MIGRATIONS

# How long a writer waits for another connection's lock before "database is locked"; generous,
# because the bot, `waypoint db backup` and the benchmarks may share one file.
BUSY_TIMEOUT_MS = 10_000
# The bot's connection (its thread is the event loop) waits only this long, then waits in a worker thread.
LOOP_BUSY_TIMEOUT_MS = 50
# The bot's connection leaves checkpoints to a worker thread (`checkpoint_wal`, every CHECKPOINT_EVERY_SECONDS):
# a checkpoint copies the WAL into the database file and fsyncs it, 20-50 ms (close to a second on a busy disk)
# that held the event loop, and so every user's update, inside whichever commit crossed SQLite's 1,000-page mark,
# and more often the more scattered a large database's writes are. Past this many pages the connection still
# checkpoints by itself, so the WAL stays bounded if the worker ever stops.
LOOP_AUTOCHECKPOINT_PAGES = 20_000
CHECKPOINT_EVERY_SECONDS = 2.0

# The tables a Waypoint database must have; used to recognise one before restoring it.
TABLES = (
    "learners",
    "dialogue_states",
    "profiles",
    "roadmaps",
    "roadmap_items",
    "progress_events",
    "reminders",
    "audit_log",
    "catalog_changes",
    "job_ads",
    "job_ad_unknown_skills",
    "skill_checks",
    "quiz_polls",
    "skill_reviews",
)


class SchemaError(Exception):
    """The file is not a Waypoint database, is damaged, or was written by a newer Waypoint."""


class DatabaseBusy(sqlite3.OperationalError):
    """Another connection held the write lock for longer than this connection's busy timeout."""


def open_database(path: str | Path | None, on_event_loop: bool = False) -> Database:
    """Open (creating if needed) and migrate the database at `path`; None gives a private in-memory one.

    A write waits up to BUSY_TIMEOUT_MS for another connection's lock, blocking its thread; `on_event_loop`
    connections wait only LOOP_BUSY_TIMEOUT_MS and then wait for longer off the loop (`wait_for_write_lock`).
    """
    if path is None:
        db = Database(memory=True)
    else:
        path = Path(path)
        create_private(path)
        db = Database(path)
    _configure(db)
    if not db.memory:
        # WAL lets readers (backups, /stats) run while the bot writes, and commits cost one fsync less.
        db.enable_wal()
        # In WAL mode NORMAL still survives a killed process (every commit is in the WAL before it
        # returns); only an OS crash or power cut could lose the very last commits.
        db.execute("PRAGMA synchronous=NORMAL")
    check_known_migrations(db)
    MIGRATIONS.apply(db)
    if on_event_loop:  # migrations above may wait with the generous default; later writes use the short one
        db.execute(f"PRAGMA busy_timeout={int(LOOP_BUSY_TIMEOUT_MS)}")
        if not db.memory:
            db.execute(f"PRAGMA wal_autocheckpoint={int(LOOP_AUTOCHECKPOINT_PAGES)}")
    return db


def checkpoint_wal(path: str | Path) -> tuple[int, int] | None:
    """Copy what the WAL holds into the database file, on a connection of its own: call it in a worker thread.

    PASSIVE: it never waits for the bot's readers or writer and never blocks them (their commits keep appending
    to the WAL meanwhile); the writer starts the WAL over once everything in it is copied. Returns (frames in the
    WAL, frames copied), or None when the file could not be checkpointed now (the next call catches up).
    """
    try:
        conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return None if busy else (int(frames), int(copied))
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def database_file(db: Database) -> str | None:
    """The file behind `db`, or None for an in-memory database."""
    return next((str(row[2]) for row in db.execute("PRAGMA database_list") if row[1] == "main" and row[2]), None)


def open_reader(path: str | Path) -> Database:
    """A read-only connection of its own (no migrations, no writes) for work in a worker thread: in WAL mode
    its reads never wait for a writer and never hold the bot's connection or the event loop."""
    return Database(sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True))


def wait_for_write_lock(path: str | Path, timeout: float) -> bool:
    """Block (call it in a worker thread) until the write lock of `path` is free, at most `timeout` seconds.

    Takes and at once releases the lock on a connection of its own; True when it was free. A writer retried
    right after usually gets it, and one that does not simply waits again.
    """
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def create_private(path: Path) -> None:
    """Create `path`'s directory (0700) and an empty file (0600) unless they exist; existing ones are untouched.

    SQLite gives the -wal and -shm files the database file's permissions, so they are private too.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def read_transaction(db: Database) -> AbstractContextManager[Database]:
    """A read-only action: a deferred transaction gives one consistent snapshot without taking the write
    lock, so reads never queue behind another process's writes (WAL lets them run side by side)."""
    return db.atomic()


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One user action as one transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE).

    A plain deferred BEGIN reads a snapshot and fails at once with "database is locked" when it later
    tries to write after another connection (the CLI, an admin tool) committed in between; the busy
    timeout does not help there. BEGIN IMMEDIATE waits (up to the busy timeout) for the lock instead.
    Inside, `db.atomic()` runs as a savepoint, so repository code is unchanged.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusy(str(exc)) from exc
        raise
    try:
        with db.atomic():
            yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


def checkpoint_truncate(db: Database) -> bool:
    """Copy the WAL into the database and truncate it to zero bytes (after an erasure: no old page stays).

    False when another connection's read kept part of the WAL alive; the next checkpoint finishes the job.
    """
    if db.memory or db.conn.in_transaction:
        return False
    try:
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:  # another connection holds a lock the checkpoint needs
        return False
    return not busy


def _configure(db: Database) -> None:
    """Per-connection settings; PRAGMA foreign_keys is silently ignored inside a transaction."""
    if db.conn.in_transaction:  # pragma: no cover - a fresh connection never is
        raise SchemaError(texts.DB_ERR_IN_TRANSACTION)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    # Deleted rows are overwritten with zeros, so an erased learner's id and name do not linger in free pages.
    db.execute("PRAGMA secure_delete=ON")


def applied_migrations(db: Database) -> list[str]:
    """Names of the Waypoint migrations applied to `db`, in the order they were applied."""
    return [m.name for m in MIGRATIONS.applied(db)]


def schema_version(db: Database) -> str:
    """The latest applied Waypoint migration's name, or '' for a database that has none."""
    applied = set(applied_migrations(db))
    known = [name for name in MIGRATION_NAMES if name in applied]
    return known[-1] if known else ""


def check_known_migrations(db: Database) -> None:
    """Refuse a database written by a newer Waypoint: its schema may not match what this code expects."""
    unknown = [name for name in applied_migrations(db) if name not in MIGRATION_NAMES]
    if unknown:
        raise SchemaError(texts.DB_ERR_UNKNOWN_MIGRATIONS.format(names=", ".join(unknown)))


def table_counts(db: Database) -> dict[str, int]:
    """Row count of every Waypoint table that exists in `db`."""
    existing = set(db.table_names())
    # Table names come from the fixed TABLES tuple, never from input, so formatting them in is safe.
    return {
        name: int(db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0]) for name in TABLES if name in existing
    }


def inspect_database(path: str | Path) -> str:
    """Check, read-only, that `path` is an intact Waypoint database; return its schema version."""
    path = Path(path)
    if not path.is_file():
        raise SchemaError(texts.DB_ERR_NO_SUCH_FILE.format(path=path))
    try:
        # mode=ro: validating a candidate must never create or change it.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise SchemaError(texts.DB_ERR_CANNOT_OPEN.format(path=path, error=exc)) from None
    try:
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise SchemaError(texts.DB_ERR_NOT_SQLITE.format(path=path, error=exc)) from None
        if ok != "ok":
            raise SchemaError(texts.DB_ERR_DAMAGED.format(path=path, result=ok))
        db = Database(conn)
        version = schema_version(db)
        if not version:
            raise SchemaError(texts.DB_ERR_NO_MIGRATIONS.format(path=path))
        check_known_migrations(db)
        missing = [name for name in ("learners", "dialogue_states", "profiles") if not db[name].exists()]
        if missing:
            raise SchemaError(texts.DB_ERR_MISSING_TABLES.format(path=path, tables=", ".join(missing)))
        return version
    finally:
        conn.close()


def _copy_pages(source: Path | str, dest: Path | str, source_timeout: float = 5.0, dest_timeout: float = 5.0) -> None:
    """Copy every page of `source` into `dest` with SQLite's online backup API, closing both connections."""
    src = sqlite3.connect(source, timeout=source_timeout)
    try:
        dst = sqlite3.connect(dest, timeout=dest_timeout)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_database(source: str | Path, dest: str | Path) -> None:
    """Copy `source` to `dest` with SQLite's online backup: consistent even while the bot writes."""
    source, dest = Path(source), Path(dest)
    if not source.is_file():
        raise SchemaError(texts.DB_ERR_NO_SUCH_FILE.format(path=source))
    if dest.is_dir():
        raise SchemaError(texts.DB_ERR_IS_DIRECTORY.format(dest=dest, example=dest / "waypoint-backup.db"))
    try:
        create_private(dest)
        _copy_pages(source, dest, source_timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error) as exc:
        raise SchemaError(texts.DB_ERR_CANNOT_WRITE.format(dest=dest, error=exc)) from None


def _intact_page_size(path: Path) -> int | None:
    """The page size of an intact SQLite database at `path`, or None when it is damaged or not a database."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return None
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _sidecars(path: Path) -> list[Path]:
    """The database's WAL and shared-memory files."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _replace_file(source: Path, target: Path) -> None:
    """Make `target` a fresh copy of `source`: for a damaged target, or one with another page size (which the
    backup API cannot change in WAL mode). Only safe with no bot on the file: the caller holds its lock."""
    fresh = target.with_name(target.name + ".restoring")
    fresh.unlink(missing_ok=True)
    create_private(fresh)
    _copy_pages(source, fresh)
    for sidecar in _sidecars(target):  # a leftover WAL would be replayed into the new file
        sidecar.unlink(missing_ok=True)
    os.replace(fresh, target)


def restore_database(source: str | Path, target: str | Path, aside: str | Path | None) -> str:
    """Replace `target`'s content with the validated `source`, saving the old one to `aside`; return version."""
    inspect_database(source)
    source, target = Path(source), Path(target)
    page_size = _intact_page_size(target) if target.is_file() else None
    try:
        if aside is not None and target.is_file():
            if page_size is not None:
                backup_database(target, aside)
            else:  # damaged: kept byte for byte (with its WAL), for whoever wants to look into it later
                create_private(Path(aside))
                shutil.copyfile(target, aside)
                for sidecar, copy in zip(_sidecars(target), _sidecars(Path(aside)), strict=True):
                    if sidecar.exists():
                        shutil.copyfile(sidecar, copy)
        if not target.is_file():
            create_private(target)
            page_size = _intact_page_size(target)
        if page_size is not None and page_size == _intact_page_size(source):
            # Writing through the backup API, not copying the file, keeps the target's WAL and other
            # open connections consistent: they see the restored pages like any other commit.
            _copy_pages(source, target, dest_timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            _replace_file(source, target)
    except (OSError, sqlite3.Error) as exc:
        raise SchemaError(texts.DB_ERR_CANNOT_RESTORE.format(target=target, error=exc)) from None
    # An older backup is brought up to the current schema right away.
    db = open_database(target)
    try:
        return schema_version(db)
    finally:
        db.close()
