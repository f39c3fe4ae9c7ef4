"""Upgrades from every earlier schema version: a database made by that version keeps its data."""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.domain.progress import ProgressEvent
from bot.storage.db import open_database, schema_version
from bot.storage.migrations import LATEST, MIGRATION_NAMES, MIGRATIONS
from bot.storage.repositories import Repositories, ReviewScheduleRepo

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
T = "2025-11-01T10:00:00.000000+00:00"  # timestamps as the earlier versions stored them
V2_ROADMAP = '{"stages":[{"id":"portfolio","index":2,"projects":[{"id":"p1","key":"project:p1","title":"Ünï"}]}]}'


# What each version's code wrote, in that version's own SQL (so later schema changes cannot
# silently rewrite what "an old database" looks like).
def _seed_0001(db: Database) -> None:
    """Rows the first schema held: a learner mid-plan with two roadmap versions and marks."""
    rows = [
        (
            "INSERT INTO learners (id, channel, external_id, display_name, created_at, last_seen_at) "
            "VALUES (1, 'telegram', '1001', 'Ann', ?, ?)",
            [T, T],
        ),
        (
            "INSERT INTO learners (id, channel, external_id, display_name, created_at, last_seen_at) "
            "VALUES (2, 'terminal', 'bob', NULL, ?, ?)",
            [T, T],
        ),
        ("INSERT INTO dialogue_states VALUES (1, ?, 7, ?)", ['{"step":"summary","version":7}', T]),
        ("INSERT INTO profiles VALUES (1, ?, ?)", ['{"target_role":"ml-engineer","hours_per_week":6}', T]),
        (
            "INSERT INTO roadmaps (learner_id, version, created_at, reason, profile, roadmap) "
            "VALUES (1, 1, ?, ?, ?, ?)",
            [T, "first plan", '{"target_role":"ml-engineer"}', '{"stages":[{"id":"portfolio"}]}'],
        ),
        (
            "INSERT INTO roadmaps (learner_id, version, created_at, reason, profile, roadmap) "
            "VALUES (1, 2, ?, ?, ?, ?)",
            [T, "progress", '{"target_role":"ml-engineer"}', V2_ROADMAP],
        ),
        (
            "INSERT INTO progress_events (learner_id, item, done, on_date, hours, created_at) "
            "VALUES (1, 'skill:python', 1, '2025-10-30', 2.5, ?)",
            [T],
        ),
        (
            "INSERT INTO progress_events (learner_id, item, done, on_date, hours, created_at) "
            "VALUES (1, 'skill:python', 0, '2025-10-31', NULL, ?)",
            [T],
        ),
        ("INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, 'learner:1', 'plan', NULL, '{}')", [T]),
    ]
    for sql, params in rows:
        db.execute(sql, params)


def _seed_0002(db: Database) -> None:
    """A paused reminder, as the reminders version stored it."""
    db.execute(
        "INSERT INTO reminders (learner_id, weekday, hour, minute, timezone, active, paused, last_sent_at) "
        "VALUES (1, 2, 18, 0, 'Europe/Berlin', 1, 1, ?)",
        [T],
    )


def _seed_0003(db: Database) -> None:
    """A catalog edit and its undo."""
    db.execute(
        "INSERT INTO catalog_changes (id, at, actor, action, section, entry_id, before, after) "
        "VALUES (1, ?, 'admin:9', 'edit', 'courses', 'c1', '{\"id\":\"c1\"}', '{\"id\":\"c1\",\"hours\":2}')",
        [T],
    )
    db.execute(
        "INSERT INTO catalog_changes (id, at, actor, action, section, entry_id, before, after, undoes) "
        "VALUES (2, ?, 'admin:9', 'undo', 'courses', 'c1', '{\"id\":\"c1\",\"hours\":2}', '{\"id\":\"c1\"}', 1)",
        [T],
    )


def _seed_0004(db: Database) -> None:
    """A time zone, which only the latest version has."""
    db.execute("UPDATE learners SET timezone = 'Asia/Tokyo' WHERE id = 2")


def _seed_0005(db: Database) -> None:
    """A roadmap stored compressed, with its target role in a column (no item index yet)."""
    db.execute(
        "INSERT INTO roadmaps (learner_id, version, created_at, reason, target_role, profile_z, roadmap_z) "
        "VALUES (2, 1, ?, 'first plan', 'data-scientist', ?, ?)",
        [T, zlib.compress(b'{"target_role":"data-scientist"}', 6),
         zlib.compress(b'{"stages":[{"id":"learning","courses":["course:c1"]}]}', 6)],
    )


def _seed_0006(db: Database) -> None:
    """The item index of that roadmap, as RoadmapRepo.add writes it from 0006 on."""
    db.execute(
        "INSERT INTO roadmap_items (learner_id, stage_pos, stage_id, stage_order, item_key, entry_id) "
        "VALUES (2, 0, 'learning', 0, 'course:c1', 'c1')"
    )


def _seed_0007(db: Database) -> None:
    """A skill check with one answered poll, and a review card (issue 18)."""
    db.execute(
        "INSERT INTO skill_checks (id, learner_id, skill, depth, kind, questions, correct, answered, started_at) "
        "VALUES (1, 2, 'sql', 'working', 'check', '[\"quiz-sql-1\"]', 1, 1, ?)", [T])
    db.execute(
        "INSERT INTO quiz_polls (poll_id, learner_id, check_id, position, question_id, correct_option, chosen, "
        "sent_at, sent_on) VALUES ('p1', 2, 1, 0, 'quiz-sql-1', 1, 1, ?, '2026-01-05')", [T])
    db.execute(
        "INSERT INTO skill_reviews (learner_id, skill, card, due, updated_at) VALUES (2, 'sql', '{}', ?, ?)", [T, T])
def _seed_0008(db: Database) -> None:
    """A saved job ad of that learner, and one unknown skill count."""
    db.execute(
        "INSERT INTO job_ads (learner_id, created_at, title, text, ad, saved) "
        "VALUES (2, ?, 'ML Engineer', 'ML Engineer. Python, SQL.', '{}', 1)", [T]
    )
    db.execute("INSERT INTO job_ad_unknown_skills (name, ads, last_seen) VALUES ('Snowflake', 1, ?)", [T])


def _seed_0009(db: Database) -> None:
    """An active reminder of that learner (0009 adds only an index; the rows are 0002's)."""
    db.execute("INSERT INTO reminders (learner_id, weekday, hour, minute, timezone) VALUES (2, 2, 7, 30, 'Asia/Tokyo')")


def _seed_0010(db: Database) -> None:
    """Issue 17: a bare /job still waiting for its ad, and the skills an aimed ad added."""
    db.execute("UPDATE learners SET job_ad_waiting_since = ? WHERE id = 2", [T])
    db.execute("UPDATE job_ads SET aimed = 1, aimed_skills = '[\"docker\"]' WHERE learner_id = 2")


def _seed_0011(db: Database) -> None:
    """A review time of the learner's own, and the review card's history (issue 18, part 2)."""
    db.execute("UPDATE learners SET review_hour = 19, review_minute = 30 WHERE id = 2")
    db.execute("UPDATE skill_reviews SET reviews = 1, recent = '0' WHERE learner_id = 2 AND skill = 'sql'")


SEEDS: dict[str, Callable[[Database], None]] = {
    "0001_initial": _seed_0001,
    "0002_reminders": _seed_0002,
    "0003_catalog_changes": _seed_0003,
    "0004_learner_timezone": _seed_0004,
    "0005_compressed_roadmaps": _seed_0005,
    "0006_roadmap_items": _seed_0006,
    "0007_skill_checks": _seed_0007,
    "0008_job_ads": _seed_0008,
    "0009_reminders_due_index": _seed_0009,
    "0010_job_ad_wait_and_aim": _seed_0010,
    "0011_review_time": _seed_0011,
}


def _old_database(path: Path, stop_before: str | None) -> list[str]:
    """Build the database an earlier version made (migrations up to `stop_before`), with its rows."""
    # Each version's rows are written right after its migration, in its own SQL, and carried through the
    # later migrations (so 0001's text roadmaps are there to be compressed by 0005).
    end = MIGRATION_NAMES.index(stop_before) if stop_before else len(MIGRATION_NAMES)
    with Database(path) as db:
        db.execute("PRAGMA foreign_keys=ON")
        db.enable_wal()
        for position, name in enumerate(MIGRATION_NAMES[:end]):
            following = MIGRATION_NAMES[position + 1] if position + 1 < len(MIGRATION_NAMES) else None
            MIGRATIONS.apply(db, stop_before=following)
            with db.atomic():
                SEEDS[name](db)
        applied = [m.name for m in MIGRATIONS.applied(db)]
    return applied


def _schema(db: Database) -> list[tuple[str, str, str]]:
    """The schema as (type, name, normalised SQL), to compare an upgraded database with a fresh one."""
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    return [(t, n, re.sub(r"\s+", " ", sql or "").strip()) for t, n, sql in rows]


def test_every_migration_has_a_seed_and_names_are_ordered() -> None:
    assert list(SEEDS) == MIGRATION_NAMES
    assert sorted(MIGRATION_NAMES) == MIGRATION_NAMES
    numbers = [int(n[:4]) for n in MIGRATION_NAMES]
    # Steps are numbered in order; a number may be left for a step another branch appends (0007).
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    assert MIGRATION_NAMES[-1] == LATEST


@pytest.mark.parametrize("stop_before", MIGRATION_NAMES)
def test_upgrade_from_earlier_version_keeps_data(tmp_path: Path, stop_before: str) -> None:
    path = tmp_path / "old.db"
    applied = _old_database(path, stop_before)
    assert applied == MIGRATION_NAMES[: MIGRATION_NAMES.index(stop_before)]

    db = open_database(path)
    try:
        assert schema_version(db) == LATEST
        assert [m.name for m in MIGRATIONS.applied(db)] == MIGRATION_NAMES
        repos = Repositories(db)
        if "0001_initial" in applied:
            ann = repos.learners.find("telegram", "1001")
            assert ann is not None and ann.display_name == "Ann" and ann.timezone is None
            assert ann.created_at == datetime(2025, 11, 1, 10, tzinfo=UTC)
            assert repos.dialogue.load(1) == ({"step": "summary", "version": 7}, 7)
            assert repos.profiles.load(1) == {"target_role": "ml-engineer", "hours_per_week": 6}
            assert [v.version for v in repos.roadmaps.versions(1)] == [1, 2]
            first = repos.roadmaps.get(1, 1)
            assert first is not None and first.roadmap == {"stages": [{"id": "portfolio"}]}
            assert first.profile == {"target_role": "ml-engineer"}
            latest = repos.roadmaps.latest(1)
            assert latest is not None and latest.version == 2 and latest.roadmap == json.loads(V2_ROADMAP)
            # Old rows are compressed by the upgrade, the role kept in its column, the latest plan indexed.
            assert {type(b) for (b,) in db.execute("SELECT roadmap_z FROM roadmaps").fetchall()} == {bytes}
            assert ("ml-engineer", 1) in repos.roadmaps.role_counts()
            assert repos.roadmaps.learners_holding("p1") == [1]
            assert repos.roadmaps.learners_holding("portfolio") == []
            assert ("portfolio", 0.0, 1) in repos.roadmaps.stage_completion()
            exported = repos.learners.export(1)
            assert exported is not None and exported["roadmaps"][1]["roadmap"] == json.loads(V2_ROADMAP)
            assert repos.progress.events(1) == [
                ProgressEvent(item="skill:python", on=date(2025, 10, 30), hours=2.5),
                ProgressEvent(item="skill:python", done=False, on=date(2025, 10, 31)),
            ]
            assert [e.action for e in repos.audit.recent()] == ["plan"]
        else:
            assert repos.learners.count() == 0
        if "0002_reminders" in applied:
            reminder = repos.reminders.get(1)
            assert reminder is not None and reminder.paused and reminder.timezone == "Europe/Berlin"
            assert reminder.last_sent_at == datetime(2025, 11, 1, 10, tzinfo=UTC)
        if "0005_compressed_roadmaps" in applied:
            assert repos.roadmaps.role_counts() == [("data-scientist", 1), ("ml-engineer", 1)]
            bob = repos.roadmaps.latest(2)
            assert bob is not None and bob.profile == {"target_role": "data-scientist"}
            assert repos.roadmaps.learners_holding("c1") == [2]
        if "0002_reminders" in applied:
            # Reminders stored before 0009 are found through its index once they can fire again (0009's own seed
            # adds an active one in Tokyo).
            tokyo = ["Asia/Tokyo"] if "0009_reminders_due_index" in applied else []
            assert repos.reminders.active_timezones() == tokyo
            with db.atomic():
                repos.reminders.set_paused(1, False)
            assert sorted(repos.reminders.active_timezones()) == sorted(["Europe/Berlin", *tokyo])
            for weekday in (2, None):
                due = repos.reminders.due_in_hours("telegram", "Europe/Berlin", weekday, 18, 18)
                assert [r.learner_id for r, _ in due] == [1]
            with db.atomic():
                repos.reminders.set_paused(1, True)
        if "0011_review_time" in applied:
            schedule = ReviewScheduleRepo(db)
            assert schedule.chosen_time(2) == (19, 30)
            [card] = repos.skill_checks.cards(2)
            assert (card["reviews"], card["recent"], card["refresher"]) == (1, "0", None)
        elif "0007_skill_checks" in applied:  # older cards: no review time, no history until answered
            assert ReviewScheduleRepo(db).chosen_time(2) is None
            assert [(c["reviews"], c["recent"]) for c in repos.skill_checks.cards(2)] == [(0, "")]
        if "0003_catalog_changes" in applied:
            changes = [(c.id, c.action, c.undoes) for c in repos.catalog_changes.all()]
            assert changes == [(1, "edit", None), (2, "undo", 1)]

        # The upgraded database works like a new one: write through every repository.
        with db.atomic():
            learner = repos.learners.get_or_create("telegram", "1001", "Ann", NOW)
            repos.learners.set_timezone(learner.id, "Europe/Lisbon")
            version = repos.roadmaps.add(learner.id, {"stages": []}, {"target_role": "mlops-engineer"}, "edit", NOW)
            repos.progress.add(learner.id, ProgressEvent(item="course:c1", on=date(2026, 3, 2)), NOW)
            repos.reminders.upsert(learner.id, 0, 9, 0, "Europe/Lisbon")
            repos.catalog_changes.add("admin:9", "add", "courses", "c2", None, {"id": "c2"}, None, None, NOW)
        assert version == (3 if "0001_initial" in applied else 1)
        stored = repos.learners.get(learner.id)
        assert stored is not None and stored.timezone == "Europe/Lisbon"
        with db.atomic():
            erased = repos.learners.delete_all(learner.id)
        assert erased["learners"] == 1 and repos.learners.find("telegram", "1001") is None
    finally:
        db.close()


@pytest.mark.parametrize("stop_before", MIGRATION_NAMES)
def test_upgraded_schema_equals_fresh_schema(tmp_path: Path, stop_before: str) -> None:
    _old_database(tmp_path / "old.db", stop_before)
    with open_database(tmp_path / "old.db") as upgraded, open_database(tmp_path / "fresh.db") as fresh:
        assert _schema(upgraded) == _schema(fresh)


def test_upgrade_one_step_at_a_time(tmp_path: Path) -> None:
    # An installation that updated at every release ran each migration in its own process.
    path = tmp_path / "w.db"
    for name in MIGRATION_NAMES[1:]:
        with Database(path) as db:
            db.execute("PRAGMA foreign_keys=ON")
            MIGRATIONS.apply(db, stop_before=name)
    with open_database(path) as db:
        assert [m.name for m in MIGRATIONS.applied(db)] == MIGRATION_NAMES


def test_0011_fills_each_cards_history_from_the_reviews_already_answered(tmp_path: Path) -> None:
    """Cards made before 0011 get their answered reviews and last three results from the review rounds."""
    with Database(tmp_path / "h.db") as db:
        MIGRATIONS.apply(db, stop_before="0011_review_time")
        with db.atomic():
            db.execute("INSERT INTO learners (id, channel, external_id, created_at, last_seen_at) "
                       "VALUES (2, 'telegram', '1002', ?, ?)", [T, T])
            db.execute("INSERT INTO skill_reviews (learner_id, skill, card, due, updated_at) "
                       "VALUES (2, 'sql', '{}', ?, ?), (2, 'git', '{}', ?, ?)", [T, T, T, T])
            for result in ("right", "wrong", "wrong", "right", None):
                db.execute("INSERT INTO skill_checks (learner_id, skill, depth, kind, questions, result, started_at) "
                           "VALUES (2, 'sql', 'working', 'review', '[]', ?, ?)", [result, T])
            db.execute("INSERT INTO skill_checks (learner_id, skill, depth, kind, questions, result, started_at) "
                       "VALUES (2, 'sql', 'working', 'check', '[]', 'failed', ?)", [T])
        MIGRATIONS.apply(db)
        rows = {r["skill"]: r for r in Repositories(db).skill_checks.cards(2)}
    assert (rows["sql"]["reviews"], rows["sql"]["recent"]) == (4, "001")  # checks and open rounds not counted
    assert (rows["git"]["reviews"], rows["git"]["recent"]) == (0, "")
