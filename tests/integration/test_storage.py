"""The storage layer against a real SQLite database: pragmas, repositories, erasure, export, CLI backup."""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database
from typer.testing import CliRunner

from bot.cli import app
from bot.domain.progress import ProgressEvent
from bot.storage.codec import roadmap_item_rows
from bot.storage.db import (
    LOOP_AUTOCHECKPOINT_PAGES,
    TABLES,
    SchemaError,
    checkpoint_wal,
    inspect_database,
    open_database,
    schema_version,
)
from bot.storage.migrations import LATEST, MIGRATIONS
from bot.storage.repositories import LEARNER_TABLES, Repositories, learner_ref

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def db() -> Iterator[Database]:
    """A migrated in-memory database."""
    database = open_database(None)
    yield database
    database.close()


@pytest.fixture
def repos(db: Database) -> Repositories:
    """Every repository over the in-memory database."""
    return Repositories(db)


SMALL_ROADMAP = {"stages": [1, {"id": "learning", "courses": [{"id": "c1", "key": "course:c1"}]}]}


def _populate(repos: Repositories, external_id: str) -> int:
    """Give one learner a row in every table that can hold something about them; return the id."""
    learner = repos.learners.get_or_create("telegram", external_id, f"user {external_id}", NOW)
    repos.dialogue.save(learner.id, {"step": "hours", "history": ["welcome"]}, 3, NOW)
    repos.profiles.save(learner.id, {"target_role": "ml-engineer", "hours_per_week": 8}, NOW)
    repos.roadmaps.add(learner.id, {"stages": []}, {"target_role": "ml-engineer"}, "first plan", NOW)
    repos.roadmaps.add(learner.id, SMALL_ROADMAP, {"target_role": "ml-engineer"}, "progress", NOW)
    repos.progress.add(learner.id, ProgressEvent(item="skill:python", on=date(2026, 3, 1), hours=4), NOW)
    repos.reminders.upsert(learner.id, 0, 18, 30, "Europe/Berlin")
    repos.job_ads.add(learner.id, "ML Engineer", "ML Engineer. Python, SQL.", {"title": "ML Engineer"}, NOW)
    check = repos.skill_checks.start(learner.id, "sql", "working", "check", ["quiz-sql-1"], NOW)
    repos.skill_checks.add_poll(f"poll-{external_id}", learner.id, check, 0, "quiz-sql-1", 1, NOW, date(2026, 3, 1))
    repos.skill_checks.save_card(learner.id, "sql", {}, NOW, 0, False, NOW)
    repos.audit.log(learner_ref(learner.id), "plan", None, {"v": 1}, NOW)
    repos.audit.log("admin:1", "erase-request", learner_ref(learner.id), None, NOW)
    repos.audit.log(f"telegram:{external_id}", "start", None, {}, NOW)
    return learner.id


# ---------------------------------------------------------------- opening
def test_open_database_configures_connection_and_schema(db: Database) -> None:
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert schema_version(db) == LATEST
    assert set(TABLES) <= set(db.table_names())
    assert not db.conn.in_transaction


def test_file_database_uses_wal_and_creates_parent(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "w.db"
    database = open_database(path)
    try:
        assert path.is_file()
        assert database.journal_mode == "wal"
        assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        database.close()


def test_the_bots_connection_leaves_checkpoints_to_a_worker_that_never_waits_for_it(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    bot_db = open_database(path, on_event_loop=True)
    try:
        # The loop's commits no longer checkpoint (and fsync) at 1,000 pages, only past a far bound.
        assert bot_db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == LOOP_AUTOCHECKPOINT_PAGES > 1000
        repos = Repositories(bot_db)
        with bot_db.atomic():
            for n in range(300):
                learner = repos.learners.get_or_create("telegram", str(n), None, NOW).id
                repos.dialogue.save(learner, {"note": "x" * 500}, 1, NOW)
        done = checkpoint_wal(path)
        assert done is not None and done[0] > 0 and done[1] == done[0]  # everything copied into the file
        # A write transaction held open on the bot's connection: the checkpoint neither waits nor fails.
        bot_db.conn.execute("BEGIN IMMEDIATE")
        repos.dialogue.save(1, {"note": "y"}, 2, NOW)
        began = datetime.now(UTC)
        assert checkpoint_wal(path) is not None
        assert datetime.now(UTC) - began < timedelta(seconds=1)
        bot_db.conn.execute("COMMIT")
        assert repos.dialogue.load(1) == ({"note": "y"}, 2)
    finally:
        bot_db.close()
    plain = open_database(path)  # the CLI and tools keep SQLite's own checkpoints
    try:
        assert plain.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    finally:
        plain.close()
    assert checkpoint_wal(tmp_path / "missing" / "none.db") is None


def test_migrations_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    first = open_database(path)
    applied = [m.name for m in MIGRATIONS.applied(first)]
    MIGRATIONS.apply(first)  # again on the same connection
    first.close()
    second = open_database(path)  # and again on a restart
    try:
        assert [m.name for m in MIGRATIONS.applied(second)] == applied
        assert MIGRATIONS.pending(second) == []
    finally:
        second.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    open_database(path).close()
    with Database(path) as raw:
        raw["_sqlite_migrations"].insert({"migration_set": "waypoint", "name": "9999_future", "applied_at": "x"})
    with pytest.raises(SchemaError, match="9999_future"):
        open_database(path)


def test_foreign_keys_enforced_and_cascade(repos: Repositories, db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        repos.profiles.save(12345, {"x": 1}, NOW)
    learner_id = _populate(repos, "1")
    db.execute("DELETE FROM learners WHERE id = ?", [learner_id])
    for table in LEARNER_TABLES:
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_atomic_rollback_leaves_nothing(repos: Repositories, db: Database) -> None:
    with pytest.raises(RuntimeError), db.atomic():
        learner = repos.learners.get_or_create("telegram", "7", "Ann", NOW)
        repos.dialogue.save(learner.id, {"step": "role"}, 1, NOW)
        repos.roadmaps.add(learner.id, {}, {}, "first plan", NOW)
        raise RuntimeError("killed mid-action")
    assert repos.learners.count() == 0
    assert all(n == 0 for n in _counts(db).values())


def _counts(db: Database) -> dict[str, int]:
    """Row count of every Waypoint table."""
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


# ---------------------------------------------------------------- learners
def test_learner_get_or_create_find_touch(repos: Repositories) -> None:
    ann = repos.learners.get_or_create("telegram", "42", "Ann", NOW)
    assert ann.id > 0 and ann.display_name == "Ann" and ann.created_at == NOW and ann.timezone is None
    again = repos.learners.get_or_create("telegram", "42", None, NOW + timedelta(hours=1))
    assert again == ann  # no name given: nothing changes, not even created_at
    renamed = repos.learners.get_or_create("telegram", "42", "Anna", NOW)
    assert renamed.id == ann.id and renamed.display_name == "Anna"
    other = repos.learners.get_or_create("terminal", "42", None, NOW)
    assert other.id != ann.id
    assert repos.learners.find("telegram", "42") == renamed
    assert repos.learners.find("telegram", "nobody") is None
    assert repos.learners.get(999) is None

    later = NOW + timedelta(days=3)
    repos.learners.touch(ann.id, later)
    repos.learners.set_timezone(ann.id, "Asia/Tokyo")
    stored = repos.learners.get(ann.id)
    assert stored is not None and stored.last_seen_at == later and stored.timezone == "Asia/Tokyo"
    assert repos.learners.count() == 2
    assert repos.learners.active_since(NOW + timedelta(days=1)) == 1
    assert repos.learners.active_since(NOW) == 2


def test_timestamps_normalised_to_utc(repos: Repositories) -> None:
    tokyo = timezone(timedelta(hours=9))
    learner = repos.learners.get_or_create("telegram", "1", None, datetime(2026, 3, 2, 18, 30, tzinfo=tokyo))
    assert learner.created_at == NOW and learner.created_at.utcoffset() == timedelta(0)
    naive = repos.learners.get_or_create("telegram", "2", None, datetime(2026, 3, 2, 9, 30))
    assert naive.created_at == NOW


def test_learner_ids_iterate_in_batches(repos: Repositories) -> None:
    made = [repos.learners.get_or_create("telegram", str(i), None, NOW).id for i in range(7)]
    assert list(repos.learners.ids(batch=3)) == made
    assert list(repos.learners.ids(batch=7)) == made


# ---------------------------------------------------------------- dialogue, profile
def test_dialogue_and_profile_roundtrip(repos: Repositories) -> None:
    learner = repos.learners.get_or_create("telegram", "1", None, NOW)
    assert repos.dialogue.load(learner.id) is None
    repos.dialogue.save(learner.id, {"step": "role", "note": "naïve ✓"}, 1, NOW)
    repos.dialogue.save(learner.id, {"step": "hours"}, 2, NOW)
    assert repos.dialogue.load(learner.id) == ({"step": "hours"}, 2)

    assert repos.profiles.load(learner.id) is None
    repos.profiles.save(learner.id, {"target_role": "nlp-engineer"}, NOW)
    repos.profiles.save(learner.id, {"target_role": "mlops-engineer", "known_skills": ["python"]}, NOW)
    assert repos.profiles.load(learner.id) == {"target_role": "mlops-engineer", "known_skills": ["python"]}


def test_non_json_blob_is_rejected(repos: Repositories) -> None:
    learner = repos.learners.get_or_create("telegram", "1", None, NOW)
    with pytest.raises(TypeError):
        repos.profiles.save(learner.id, {"deadline": date(2027, 1, 1)}, NOW)


# ---------------------------------------------------------------- roadmaps
def test_roadmap_versions(repos: Repositories) -> None:
    ann = repos.learners.get_or_create("telegram", "1", None, NOW).id
    bob = repos.learners.get_or_create("telegram", "2", None, NOW).id
    assert repos.roadmaps.latest(ann) is None
    assert repos.roadmaps.add(ann, {"n": 1}, {"target_role": "ml-engineer"}, "first plan", NOW) == 1
    assert repos.roadmaps.add(bob, {"n": 1}, {"target_role": "data-scientist"}, "first plan", NOW) == 1
    later = NOW + timedelta(days=1)
    assert repos.roadmaps.add(ann, {"n": 2}, {"target_role": "nlp-engineer"}, "role changed", later) == 2

    latest = repos.roadmaps.latest(ann)
    assert latest is not None
    assert (latest.version, latest.roadmap, latest.profile, latest.reason, latest.created_at) == (
        2,
        {"n": 2},
        {"target_role": "nlp-engineer"},
        "role changed",
        later,
    )
    first = repos.roadmaps.get(ann, 1)
    assert first is not None and first.roadmap == {"n": 1}
    assert repos.roadmaps.get(ann, 3) is None
    assert [(v.version, v.reason) for v in repos.roadmaps.versions(ann)] == [(1, "first plan"), (2, "role changed")]
    assert repos.roadmaps.count() == 3
    assert repos.roadmaps.learners_with_roadmap() == 2
    # Only the latest version counts: Ann's first role is gone from the stats.
    assert repos.roadmaps.role_counts() == [("data-scientist", 1), ("nlp-engineer", 1)]


def test_roadmaps_are_stored_compressed(repos: Repositories, db: Database) -> None:
    ann = repos.learners.get_or_create("telegram", "1", None, NOW).id
    roadmap = {"stages": [{"id": f"stage-{i}", "courses": [{"id": f"c{i}-{j}", "title": "Ünïcode course " * 3}
                                                        for j in range(30)]} for i in range(6)]}
    repos.roadmaps.add(ann, roadmap, {"target_role": "ml-engineer", "hours_per_week": 6}, "first plan", NOW)
    blob, profile_blob, role = db.execute("SELECT roadmap_z, profile_z, target_role FROM roadmaps").fetchone()
    assert isinstance(blob, bytes) and isinstance(profile_blob, bytes) and role == "ml-engineer"
    text = json.dumps(roadmap, ensure_ascii=False, separators=(",", ":")).encode()
    assert zlib.decompress(blob) == text and len(blob) < len(text) / 5
    stored = repos.roadmaps.latest(ann)
    assert stored is not None and stored.roadmap == roadmap
    assert stored.profile == {"target_role": "ml-engineer", "hours_per_week": 6}
    with pytest.raises(sqlite3.IntegrityError):  # only compressed blobs go in
        db.execute("UPDATE roadmaps SET roadmap_z = '{}'")


def _roadmap(*stages: tuple[str, list[str]]) -> dict[str, object]:
    return {"stages": [{"id": sid, "index": i, "courses": [{"id": c, "key": f"course:{c}"} for c in courses]}
                       for i, (sid, courses) in enumerate(stages)]}


def test_learners_holding_reads_only_the_latest_roadmap(repos: Repositories) -> None:
    ann, bob, cid = (repos.learners.get_or_create("telegram", str(n), None, NOW).id for n in (1, 2, 3))
    repos.roadmaps.add(ann, _roadmap(("a", ["x", "y"])), {}, "first plan", NOW)
    repos.roadmaps.add(bob, _roadmap(("a", ["x"]), ("b", ["x"])), {}, "first plan", NOW)
    repos.roadmaps.add(cid, _roadmap(("a", ["y"])), {}, "first plan", NOW)
    assert repos.roadmaps.learners_holding("x") == [ann, bob]
    assert repos.roadmaps.learners_holding("y") == [ann, cid]
    repos.roadmaps.add(ann, _roadmap(("a", ["y"])), {}, "progress", NOW)  # x left Ann's plan
    assert repos.roadmaps.learners_holding("x") == [bob]
    assert repos.roadmaps.learners_holding("nothing") == []
    repos.learners.delete_all(bob)
    assert repos.roadmaps.learners_holding("x") == []


def _item_rows(db: Database, learner_id: int) -> dict[int, tuple[object, ...]]:
    return {row[0]: tuple(row[1:]) for row in db.execute(
        "SELECT rowid, learner_id, stage_pos, stage_id, stage_order, item_key, entry_id FROM roadmap_items "
        "WHERE learner_id = ?", [learner_id]).fetchall()}


# A roadmap: stages (id) each with courses from a small pool, so versions share, lose and repeat items.
_stages = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.lists(st.sampled_from("pqrstu"), max_size=5)),
                   max_size=4)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(versions=st.lists(_stages, min_size=1, max_size=6))
def test_index_rows_follow_the_latest_roadmap_writing_only_the_difference(
        versions: list[list[tuple[str, list[str]]]]) -> None:
    with open_database(None) as db:
        repos = Repositories(db)
        ann = repos.learners.get_or_create("telegram", "1", None, NOW).id
        bob = repos.learners.get_or_create("telegram", "2", None, NOW).id
        repos.roadmaps.add(bob, _roadmap(("a", ["p", "q"])), {}, "first plan", NOW)
        bobs = _item_rows(db, bob)
        for stages in versions:
            roadmap = _roadmap(*stages)
            before = _item_rows(db, ann)
            repos.roadmaps.add(ann, roadmap, {}, "progress", NOW)
            after = _item_rows(db, ann)
            wanted = Counter(roadmap_item_rows(ann, roadmap))
            assert Counter(after.values()) == wanted
            # Rows whose item stayed keep their rowid: only the difference is deleted and inserted.
            kept = {rowid for rowid, row in after.items() if before.get(rowid) == row}
            old = Counter(before.values())
            written = (len(before) - len(kept)) + (len(after) - len(kept))
            assert written == sum(((old - wanted) + (wanted - old)).values())
            assert _item_rows(db, bob) == bobs  # nobody else's rows move


def test_stored_roadmap_reads_its_blobs_only_when_asked(repos: Repositories, db: Database) -> None:
    ann = repos.learners.get_or_create("telegram", "1", None, NOW).id
    assert not repos.roadmaps.exists(ann)
    repos.roadmaps.add(ann, {"stages": [], "n": 1}, {"target_role": "ml-engineer"}, "first plan", NOW)
    assert repos.roadmaps.exists(ann)
    stored = repos.roadmaps.latest(ann)
    assert stored is not None
    assert stored.roadmap_z == db.execute("SELECT roadmap_z FROM roadmaps").fetchone()[0]
    assert stored.roadmap == {"stages": [], "n": 1} and stored.roadmap is stored.roadmap  # parsed once
    assert stored.profile == {"target_role": "ml-engineer"}
    assert "ml-engineer" not in repr(stored) and "version=1" in repr(stored)
    repos.learners.delete_all(ann)
    assert not repos.roadmaps.exists(ann)


def test_stage_completion_counts_the_last_mark(repos: Repositories) -> None:
    ann, bob = (repos.learners.get_or_create("telegram", str(n), None, NOW).id for n in (1, 2))
    repos.roadmaps.add(ann, _roadmap(("a", ["x", "y"]), ("b", ["z"]), ("empty", [])), {}, "first plan", NOW)
    repos.roadmaps.add(bob, _roadmap(("b", ["z", "z"])), {}, "first plan", NOW)
    day = date(2026, 3, 1)
    repos.progress.add(ann, ProgressEvent(item="course:x", on=day), NOW)
    repos.progress.add(ann, ProgressEvent(item="course:z", on=day), NOW)
    repos.progress.add(ann, ProgressEvent(item="course:z", done=False, on=day), NOW)  # undone
    repos.progress.add(bob, ProgressEvent(item="course:z", on=day), NOW)
    repos.progress.add(bob, ProgressEvent(item="course:x", on=day), NOW)  # not in Bob's plan
    assert repos.roadmaps.stage_completion() == [("a", 0.5, 1), ("b", 0.5, 2)]


# ---------------------------------------------------------------- progress
def test_progress_events_and_item_counts(repos: Repositories) -> None:
    ann = repos.learners.get_or_create("telegram", "1", None, NOW).id
    bob = repos.learners.get_or_create("telegram", "2", None, NOW).id
    events = [
        ProgressEvent(item="skill:python", on=date(2026, 3, 1), hours=3.5),
        ProgressEvent(item="course:ml-specialization", on=date(2026, 3, 2)),
        ProgressEvent(item="course:ml-specialization", done=False, on=date(2026, 3, 2)),
    ]
    ids = [repos.progress.add(ann, e, NOW) for e in events]
    assert ids == sorted(ids)
    repos.progress.add(bob, ProgressEvent(item="skill:python", on=date(2026, 3, 1)), NOW)
    repos.progress.add(bob, ProgressEvent(item="step:cv-resume", on=date(2026, 3, 1)), NOW)
    assert repos.progress.events(ann) == events
    assert repos.progress.count() == 5
    # Ann undid the course, so it is done for nobody.
    assert repos.progress.item_counts() == [("skill:python", 2), ("step:cv-resume", 1)]
    assert repos.progress.item_counts(limit=1) == [("skill:python", 2)]


# ---------------------------------------------------------------- reminders
def test_reminders_lifecycle(repos: Repositories) -> None:
    ann = repos.learners.get_or_create("telegram", "1", None, NOW).id
    bob = repos.learners.get_or_create("telegram", "2", None, NOW).id
    assert repos.reminders.get(ann) is None
    assert not repos.reminders.set_paused(ann, True)
    reminder = repos.reminders.upsert(ann, 4, 19, 0, "Europe/Paris")
    assert (reminder.weekday, reminder.hour, reminder.minute, reminder.timezone) == (4, 19, 0, "Europe/Paris")
    assert reminder.active and not reminder.paused and reminder.last_sent_at is None
    repos.reminders.upsert(bob, 0, 8, 15, "UTC")
    assert [r.learner_id for r in repos.reminders.all_active()] == [ann, bob]

    assert repos.reminders.set_paused(ann, True)
    assert [r.learner_id for r in repos.reminders.all_active()] == [bob]
    assert repos.reminders.mark_sent(bob, NOW)
    assert repos.reminders.disable(bob, "forbidden")
    disabled = repos.reminders.get(bob)
    assert disabled is not None and not disabled.active and disabled.disabled_reason == "forbidden"
    assert disabled.last_sent_at == NOW
    assert repos.reminders.all_active() == []

    again = repos.reminders.upsert(bob, 1, 9, 0, "UTC")  # the learner sets it up again
    assert again.active and again.disabled_reason is None and again.last_sent_at == NOW
    with pytest.raises(ValueError):
        repos.reminders.upsert(ann, 7, 0, 0, "UTC")


_reminder_rows = st.lists(st.tuples(st.sampled_from(["UTC", "Europe/Berlin", "Asia/Tokyo"]), st.integers(0, 6),
                                     st.integers(0, 23), st.booleans(), st.booleans(),
                                     st.sampled_from(["telegram", "terminal"])), max_size=25)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(rows=_reminder_rows, zone=st.sampled_from(["UTC", "Europe/Berlin", "Asia/Tokyo"]),
       weekday=st.one_of(st.none(), st.integers(0, 6)), hours=st.tuples(st.integers(0, 23), st.integers(0, 23)))
def test_reminder_sweep_reads_exactly_the_due_rows(rows: list[tuple[str, int, int, bool, bool, str]], zone: str,
                                                   weekday: int | None, hours: tuple[int, int]) -> None:
    hour_from, hour_to = sorted(hours)
    with open_database(None) as db:
        repos = Repositories(db)
        expected = []
        for n, (timezone_name, day, hour, active, paused, channel) in enumerate(rows):
            learner = repos.learners.get_or_create(channel, str(n), None, NOW).id
            db.execute("INSERT INTO reminders (learner_id, weekday, hour, minute, timezone, active, paused) "
                       "VALUES (?, ?, ?, 0, ?, ?, ?)", [learner, day, hour, timezone_name, int(active), int(paused)])
            if (active and not paused and timezone_name == zone and (weekday is None or day == weekday)
                    and hour_from <= hour <= hour_to and channel == "telegram"):
                expected.append(learner)
        due = repos.reminders.due_in_hours("telegram", zone, weekday, hour_from, hour_to)
        assert [r.learner_id for r, _ in due] == expected
        assert repos.reminders.active_timezones() == sorted({z for z, _, _, a, p, _ in rows if a and not p})


def test_reminder_sweep_queries_seek_the_partial_due_index(repos: Repositories, db: Database) -> None:
    for n in range(30):
        learner = repos.learners.get_or_create("telegram", str(n), None, NOW).id
        repos.reminders.upsert(learner, n % 7, n % 24, 0, ("UTC", "Asia/Tokyo")[n % 2])
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        repos.reminders.active_timezones()
        repos.reminders.due_in_hours("telegram", "UTC", 3, 17, 18)
        repos.reminders.due_in_hours("telegram", "UTC", None, 17, 18)  # the daily reviews: any weekday
    finally:
        db.conn.set_trace_callback(None)
    assert len(statements) == 3
    plans = ["\n".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")) for sql in statements]
    zones, weekly, daily = plans
    # A seek per zone name, never a walk over every reminder.
    assert "idx_reminders_due (timezone>?)" in zones and "SCAN reminders" not in zones
    for plan in (weekly, daily):  # the whole key: zone, each day, the hour range
        assert "USING INDEX idx_reminders_due (timezone=? AND weekday=? AND hour>? AND hour<?)" in plan
    assert "idx_reminders_active" not in "".join(plans)
    partial = db.execute("SELECT sql FROM sqlite_master WHERE name = 'idx_reminders_due'").fetchone()[0]
    assert "WHERE active = 1 AND paused = 0" in partial


# ---------------------------------------------------------------- audit, catalog changes
def test_audit_log(repos: Repositories) -> None:
    first = repos.audit.log("admin:1", "catalog.add", "course:x", {"why": "new"}, NOW)
    second = repos.audit.log("admin:1", "stats", None, None, NOW + timedelta(seconds=1))
    assert second > first
    recent = repos.audit.recent()
    assert [e.id for e in recent] == [second, first]
    assert recent[1].detail == {"why": "new"} and recent[0].detail == {} and recent[0].target is None
    assert [e.id for e in repos.audit.recent(target="course:x")] == [first]
    assert len(repos.audit.recent(limit=1)) == 1


def test_catalog_changes(repos: Repositories) -> None:
    assert repos.catalog_changes.latest() is None
    added = repos.catalog_changes.add("admin:1", "add", "courses", "c1", None, {"id": "c1"}, None, None, NOW)
    edited = repos.catalog_changes.add(
        "admin:1", "edit", "courses", "c1", {"id": "c1"}, {"id": "c1", "hours": 3}, None, None, NOW
    )
    repos.catalog_changes.add("admin:2", "import", "skills", "s1", None, {"id": "s1"}, None, "batch-1", NOW)
    undo = repos.catalog_changes.add(
        "admin:1", "undo", "courses", "c1", {"id": "c1", "hours": 3}, {"id": "c1"}, edited, None, NOW
    )
    assert [c.id for c in repos.catalog_changes.all()] == [added, edited, added + 2, undo]
    latest = repos.catalog_changes.latest()
    assert latest is not None and latest.id == undo and latest.undoes == edited and latest.action == "undo"
    got = repos.catalog_changes.get(added + 2)
    assert got is not None and got.batch == "batch-1" and got.before is None and got.after == {"id": "s1"}
    assert repos.catalog_changes.get(999) is None
    assert [c.id for c in repos.catalog_changes.for_entry("c1")] == [added, edited, undo]
    with pytest.raises(ValueError):
        repos.catalog_changes.add("a", "delete", "courses", "c1", None, None, None, None, NOW)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):  # undoes must name a real change
        repos.catalog_changes.add("a", "undo", "courses", "c1", None, None, 999, None, NOW)


# ---------------------------------------------------------------- erasure and export
def _tables_with_learner_id(db: Database) -> list[str]:
    """Every table in the live schema that has a learner_id column."""
    return [t for t in db.table_names() if "learner_id" in db[t].columns_dict]


def test_learner_tables_cover_the_schema(db: Database) -> None:
    assert sorted(_tables_with_learner_id(db)) == sorted(LEARNER_TABLES)


def test_delete_all_erases_every_row_about_the_learner(repos: Repositories, db: Database) -> None:
    ann = _populate(repos, "1")
    bob = _populate(repos, "2")
    repos.catalog_changes.add("admin:1", "add", "courses", "c1", None, {"id": "c1"}, None, None, NOW)
    before = _counts(db)

    erased = repos.learners.delete_all(ann)

    assert erased == {
        "dialogue_states": 1,
        "profiles": 1,
        "roadmaps": 2,
        "roadmap_items": 1,
        "progress_events": 1,
        "reminders": 1,
        "job_ads": 1,
        "quiz_polls": 1,
        "skill_checks": 1,
        "skill_reviews": 1,
        "audit_log": 3,
        "learners": 1,
    }
    for table in _tables_with_learner_id(db):
        assert db.execute(f"SELECT count(*) FROM {table} WHERE learner_id = ?", [ann]).fetchone()[0] == 0, table
    assert db.execute("SELECT count(*) FROM learners WHERE id = ?", [ann]).fetchone()[0] == 0
    refs = [learner_ref(ann), "telegram:1"]
    for column in ("actor", "target"):
        hits = db.execute(f"SELECT count(*) FROM audit_log WHERE {column} IN (?, ?)", refs).fetchone()[0]
        assert hits == 0, column
    # Bob and the catalog history are untouched.
    after = _counts(db)
    assert {t: before[t] - after[t] for t in TABLES if before[t] != after[t]} == erased
    assert repos.learners.get(bob) is not None and len(repos.roadmaps.versions(bob)) == 2
    assert repos.learners.delete_all(ann) == {}


def test_export_contains_every_row_about_the_learner(repos: Repositories, db: Database) -> None:
    ann = _populate(repos, "1")
    _populate(repos, "2")
    exported = repos.learners.export(ann)
    assert exported is not None
    json.dumps(exported)  # JSON-ready as it is
    assert exported["schema_version"] == LATEST
    assert exported["learners"][0]["id"] == ann
    for table in _tables_with_learner_id(db):
        rows = db.execute(f"SELECT count(*) FROM {table} WHERE learner_id = ?", [ann]).fetchone()[0]
        assert len(exported[table]) == rows > 0, table
        assert all(row["learner_id"] == ann for row in exported[table])
    assert len(exported["audit_log"]) == 3
    assert exported["dialogue_states"][0]["state"] == {"step": "hours", "history": ["welcome"]}
    assert exported["roadmaps"][1]["roadmap"] == SMALL_ROADMAP
    assert exported["roadmaps"][1]["profile"] == {"target_role": "ml-engineer"}
    assert "roadmap_z" not in exported["roadmaps"][1] and "profile_z" not in exported["roadmaps"][1]
    assert exported["audit_log"][0]["detail"] == {"v": 1}
    assert repos.learners.export(999) is None


def test_delete_all_keeps_an_admins_catalog_actions_under_a_pseudonym(repos: Repositories, db: Database) -> None:
    admin = _populate(repos, "42")
    bob = _populate(repos, "2")
    me = "telegram:42"
    change = repos.catalog_changes.add(me, "edit", "courses", "c1", {"id": "c1"}, {"id": "c1", "hours": 5},
                                       None, None, NOW)
    repos.audit.log(me, "catalog.edit", "c1", {"change_ids": [change]}, NOW)
    repos.audit.log(me, "admin.denied", "/stats", None, NOW)
    repos.audit.log("telegram:2", "admin.denied", "/stats", None, NOW)  # bob's own: untouched
    repos.audit.log("admin:1", "admin.note", learner_ref(admin), None, NOW)  # an admin action about them

    exported = repos.learners.export(admin)  # before erasure the export has them, under their own name
    assert exported is not None
    assert {"catalog.edit", "admin.denied", "admin.note"} <= {r["action"] for r in exported["audit_log"]}
    assert [c["id"] for c in exported["catalog_changes"]] == [change]
    assert exported["catalog_changes"][0]["after"] == {"id": "c1", "hours": 5}

    erased = repos.learners.delete_all(admin)

    assert erased["audit_log"] == 3  # the learner's own rows (_populate) go
    refs = [learner_ref(admin), me]
    for column in ("actor", "target"):
        hits = db.execute(f"SELECT count(*) FROM audit_log WHERE {column} IN (?, ?)", refs).fetchone()[0]
        assert hits == 0, column
    assert db.execute("SELECT count(*) FROM catalog_changes WHERE actor IN (?, ?)", refs).fetchone()[0] == 0
    kept = {(e.action, e.target): e for e in repos.audit.recent(100)}
    pseudonym = kept[("catalog.edit", "c1")].actor
    assert re.fullmatch(r"erased-learner:[0-9a-f]{16}", pseudonym)
    assert kept[("catalog.edit", "c1")].detail == {"change_ids": [change]}
    assert kept[("admin.denied", "/stats")].actor in {pseudonym, "telegram:2"}
    assert sorted(e.actor for e in repos.audit.recent(100) if e.action == "admin.denied") == sorted(
        [pseudonym, "telegram:2"])
    assert kept[("admin.note", pseudonym)].actor == "admin:1"
    [record] = repos.catalog_changes.all()
    assert (record.id, record.actor, record.after) == (change, pseudonym, {"id": "c1", "hours": 5})
    # Bob (another learner) keeps everything, and his audit rows still name him.
    assert repos.learners.get(bob) is not None
    bob_export = repos.learners.export(bob)
    assert bob_export is not None and len(bob_export["audit_log"]) == 4
    # Learner rows other than the kept admin/catalog ones are erased as before.
    assert repos.learners.get(admin) is None and repos.learners.export(admin) is None


# ---------------------------------------------------------------- CLI: migrate, info, backup, restore
@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WAYPOINT_DB_PATH pointing at a fresh path; cwd moved so no stray .env is read."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "data" / "waypoint.db"
    monkeypatch.setenv("WAYPOINT_DB_PATH", str(path))
    return path


def test_cli_migrate_and_info(cli_db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["db", "info"])
    assert result.exit_code == 1
    result = runner.invoke(app, ["db", "migrate"])
    assert result.exit_code == 0, result.output
    assert "0001_initial" in result.output and LATEST in result.output
    result = runner.invoke(app, ["db", "migrate"])
    assert result.exit_code == 0 and "nothing to apply" in result.output
    with open_database(cli_db) as database:
        Repositories(database).learners.get_or_create("telegram", "1", None, NOW)
    result = runner.invoke(app, ["db", "info"])
    assert result.exit_code == 0, result.output
    assert f"schema version: {LATEST} (up to date)" in result.output
    assert "learners: 1" in result.output


def test_cli_backup_restore_roundtrip(cli_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    database = open_database(cli_db)
    repos = Repositories(database)
    with database.atomic():
        ann = _populate(repos, "1")
    backup = tmp_path / "backups" / "b.db"

    # The bot keeps writing: an uncommitted transaction is open while the backup runs.
    with database.atomic():
        _populate(repos, "2")
        result = runner.invoke(app, ["db", "backup", str(backup)])
    assert result.exit_code == 0, result.output
    assert inspect_database(backup) == LATEST
    with Database(backup) as copy:
        assert copy.execute("SELECT count(*) FROM learners").fetchone()[0] == 1  # committed state only

    assert runner.invoke(app, ["db", "backup", str(backup)]).exit_code == 1  # no silent overwrite
    assert runner.invoke(app, ["db", "backup", str(backup), "--force"]).exit_code == 0

    # Damage after the backup, then restore.
    with database.atomic():
        repos.learners.delete_all(ann)
    remaining = repos.learners.count()
    database.close()
    result = runner.invoke(app, ["db", "restore", str(backup)])
    assert result.exit_code == 0, result.output

    with open_database(cli_db) as restored:
        r = Repositories(restored)
        assert r.learners.count() == 2
        assert r.learners.find("telegram", "1") is not None
        assert r.dialogue.load(ann) == ({"step": "hours", "history": ["welcome"]}, 3)
        assert len(r.roadmaps.versions(ann)) == 2
    asides = list(cli_db.parent.glob("waypoint.before-restore-*.db"))
    assert len(asides) == 1
    with Database(asides[0]) as aside:
        assert aside.execute("SELECT count(*) FROM learners").fetchone()[0] == remaining == 1


def test_cli_restore_refuses_a_foreign_file(cli_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["db", "migrate"]).exit_code == 0
    foreign = tmp_path / "other.db"
    with Database(foreign) as other:
        other["things"].insert({"a": 1})
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    for bad in (foreign, garbage, tmp_path / "missing.db"):
        result = runner.invoke(app, ["db", "restore", str(bad)])
        assert result.exit_code == 1, bad
        assert "Not restoring" in result.output
    assert list(cli_db.parent.glob("*before-restore*")) == []
    assert inspect_database(cli_db) == LATEST
