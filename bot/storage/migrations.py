"""The schema, as an ordered list of named `sqlite_utils.Migrations` steps; never edit an applied step."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("waypoint")

# Names in registration order; sqlite_utils keeps its own list private, and the CLI, `schema_version`
# and the upgrade tests need to know which step is the latest and which came before which.
MIGRATION_NAMES: list[str] = []


def _step(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register a transactional migration under `name` and remember its place in the order."""

    def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        MIGRATION_NAMES.append(name)
        return MIGRATIONS(name=name)(fn)

    return register


def _script(db: Database, sql: str) -> None:
    """Run each `;`-separated DDL statement through `db.execute`, inside the migration's transaction."""
    # executescript() would COMMIT first and break the migration's all-or-nothing guarantee,
    # so the statements go one by one (none of this DDL contains a literal ';').
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


@_step("0001_initial")
def initial(db: Database) -> None:
    """Learners, their dialogue state, profile, every roadmap version, progress marks and the audit log."""
    _script(
        db,
        """
        CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            external_id TEXT NOT NULL,
            display_name TEXT,
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            UNIQUE (channel, external_id)
        );
        CREATE TABLE dialogue_states (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            state TEXT NOT NULL CHECK (json_valid(state)),
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE profiles (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            profile TEXT NOT NULL CHECK (json_valid(profile)),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE roadmaps (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            created_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            profile TEXT NOT NULL CHECK (json_valid(profile)),
            roadmap TEXT NOT NULL CHECK (json_valid(roadmap)),
            UNIQUE (learner_id, version)
        );
        CREATE TABLE progress_events (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            item TEXT NOT NULL,
            done INTEGER NOT NULL CHECK (done IN (0, 1)),
            on_date TEXT NOT NULL,
            hours REAL CHECK (hours IS NULL OR hours >= 0),
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_progress_events_learner ON progress_events (learner_id, id);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT NOT NULL CHECK (json_valid(detail))
        );
        CREATE INDEX idx_audit_log_actor ON audit_log (actor);
        CREATE INDEX idx_audit_log_target ON audit_log (target)
        """,
    )


@_step("0002_reminders")
def reminders(db: Database) -> None:
    """Weekly progress reminders, one per learner."""
    _script(
        db,
        """
        CREATE TABLE reminders (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
            hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
            minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
            timezone TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
            last_sent_at TEXT,
            disabled_reason TEXT
        );
        CREATE INDEX idx_reminders_active ON reminders (active, paused)
        """,
    )


@_step("0003_catalog_changes")
def catalog_changes(db: Database) -> None:
    """Admin edits to the catalog, kept as an append-only history so every change can be undone."""
    _script(
        db,
        """
        CREATE TABLE catalog_changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'retire', 'undo', 'import')),
            section TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            before TEXT CHECK (before IS NULL OR json_valid(before)),
            after TEXT CHECK (after IS NULL OR json_valid(after)),
            undoes INTEGER REFERENCES catalog_changes(id),
            batch TEXT
        );
        CREATE INDEX idx_catalog_changes_entry ON catalog_changes (entry_id, id)
        """,
    )


@_step("0004_learner_timezone")
def learner_timezone(db: Database) -> None:
    """Each learner's IANA time zone (for reminders and dates), and an index for 'active since' stats."""
    _script(
        db,
        """
        ALTER TABLE learners ADD COLUMN timezone TEXT;
        CREATE INDEX idx_learners_last_seen ON learners (last_seen_at)
        """,
    )


@_step("0005_compressed_roadmaps")
def compressed_roadmaps(db: Database) -> None:
    """Roadmap versions (and their profiles) stored zlib-compressed; the target role kept as plain text.

    Every progress mark stores a whole new version (~33 KB of JSON), so the table is rebuilt with BLOB
    columns and every existing row is compressed in one statement, inside the migration's transaction.
    `target_role` lets /stats count roles without decompressing anything.
    """
    from bot.storage.codec import pack_text

    db.conn.create_function("waypoint_pack", 1, pack_text, deterministic=True)
    _script(
        db,
        """
        ALTER TABLE roadmaps RENAME TO roadmaps_0004;
        CREATE TABLE roadmaps (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            created_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            target_role TEXT,
            profile_z BLOB NOT NULL CHECK (typeof(profile_z) = 'blob'),
            roadmap_z BLOB NOT NULL CHECK (typeof(roadmap_z) = 'blob'),
            UNIQUE (learner_id, version)
        );
        INSERT INTO roadmaps (id, learner_id, version, created_at, reason, target_role, profile_z, roadmap_z)
            SELECT id, learner_id, version, created_at, reason, json_extract(profile, '$.target_role'),
                   waypoint_pack(profile), waypoint_pack(roadmap)
            FROM roadmaps_0004 ORDER BY id;
        DROP TABLE roadmaps_0004
        """,
    )


@_step("0006_roadmap_items")
def roadmap_items(db: Database) -> None:
    """An index of the items in each learner's latest roadmap, so admin scans are one query.

    "Learners whose latest roadmap holds X" (run on every catalog edit and retirement) and completion by
    stage in /stats read this table instead of decompressing every learner's roadmap. RoadmapRepo.add
    replaces a learner's rows whenever it stores a new version; existing roadmaps are indexed here.
    """
    from bot.storage.codec import roadmap_item_rows, unpack

    _script(
        db,
        """
        CREATE TABLE roadmap_items (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            stage_pos INTEGER NOT NULL,
            stage_id TEXT NOT NULL,
            stage_order INTEGER NOT NULL,
            item_key TEXT,
            entry_id TEXT
        );
        CREATE INDEX idx_roadmap_items_entry ON roadmap_items (entry_id, learner_id);
        CREATE INDEX idx_roadmap_items_learner ON roadmap_items (learner_id, stage_pos)
        """,
    )
    latest = db.execute(
        "SELECT r.learner_id, r.roadmap_z FROM roadmaps r "
        "JOIN (SELECT learner_id, max(version) AS v FROM roadmaps GROUP BY learner_id) l "
        "ON r.learner_id = l.learner_id AND r.version = l.v ORDER BY r.learner_id"
    )
    while chunk := latest.fetchmany(1000):
        rows = [row for learner_id, blob in chunk for row in roadmap_item_rows(learner_id, unpack(blob))]
        db.conn.executemany(
            "INSERT INTO roadmap_items (learner_id, stage_pos, stage_id, stage_order, item_key, entry_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )


@_step("0007_skill_checks")
def skill_checks(db: Database) -> None:
    """Skill checks and spaced reviews (issue 18): quiz rounds, the polls sent for them, review cards.

    `skill_checks` is one round of questions about one skill (kind `check`: proving a claimed skill; kind
    `review`: a due review), with its score and the learner's choice after a failed check. `quiz_polls` maps
    Telegram's poll id (a `poll_answer` carries no chat) to the learner, round and question; terminal rounds
    get a made-up id. `skill_reviews` holds one spaced-repetition card per learner and skill (JSON).
    """
    _script(
        db,
        """
        CREATE TABLE skill_checks (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            skill TEXT NOT NULL,
            depth TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('check', 'review')),
            questions TEXT NOT NULL CHECK (json_valid(questions)),
            correct INTEGER NOT NULL DEFAULT 0,
            answered INTEGER NOT NULL DEFAULT 0,
            result TEXT,
            choice TEXT,
            started_at TEXT NOT NULL,
            finished_on TEXT
        );
        CREATE INDEX idx_skill_checks_learner ON skill_checks (learner_id, skill);
        CREATE TABLE quiz_polls (
            poll_id TEXT PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            check_id INTEGER NOT NULL REFERENCES skill_checks(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            correct_option INTEGER NOT NULL,
            chosen INTEGER,
            sent_at TEXT NOT NULL,
            sent_on TEXT NOT NULL
        );
        CREATE INDEX idx_quiz_polls_learner ON quiz_polls (learner_id, sent_on);
        CREATE TABLE skill_reviews (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            skill TEXT NOT NULL,
            card TEXT NOT NULL CHECK (json_valid(card)),
            due TEXT NOT NULL,
            fails_in_row INTEGER NOT NULL DEFAULT 0,
            flagged INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, skill)
        );
        CREATE INDEX idx_skill_reviews_due ON skill_reviews (learner_id, due)
        """,
    )


@_step("0008_job_ads")
def job_ads(db: Database) -> None:
    """Job ads a learner sent (issue 17), and how often ads name technologies the catalog lacks.

    `job_ads` keeps the ad's text (the learner's data: exported and erased with them) and what was read from
    it as JSON; `saved` marks the ones kept for /jobs, unsaved ones are only the few newest (for their buttons).
    `job_ad_unknown_skills` holds counts only, no learner: admins see which skills to add to the catalog.
    """
    _script(
        db,
        """
        CREATE TABLE job_ads (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            ad TEXT NOT NULL,
            saved INTEGER NOT NULL DEFAULT 0 CHECK (saved IN (0, 1)),
            aimed INTEGER NOT NULL DEFAULT 0 CHECK (aimed IN (0, 1)),
            last_percent INTEGER
        );
        CREATE INDEX idx_job_ads_learner ON job_ads (learner_id, saved, id);
        CREATE TABLE job_ad_unknown_skills (
            name TEXT PRIMARY KEY,
            ads INTEGER NOT NULL DEFAULT 0,
            last_seen TEXT NOT NULL
        )
        """,
    )


@_step("0009_reminders_due_index")
def reminders_due_index(db: Database) -> None:
    """A partial index of the reminders the sweep can send: active, unpaused rows by (timezone, weekday, hour).

    The sweep (`ReminderRepo.due_in_hours`, every 10 minutes, weekly and daily) asks per time zone for a few
    local hours; `idx_reminders_active (active, paused)` made each of those queries read every active
    reminder's row, a cost growing with the learners. With this index each query is a few seeks into the rows
    it returns, and the list of time zones (`active_timezones`) is one seek per zone. Paused and stopped
    reminders are left out, so the index holds only what can fire. The old index goes: every query it served
    (`active = 1 AND paused = 0`) is served by this one, and while both exist SQLite, without statistics,
    prefers the old one's two equalities.
    """
    _script(
        db,
        """
        CREATE INDEX idx_reminders_due ON reminders (timezone, weekday, hour) WHERE active = 1 AND paused = 0;
        DROP INDEX idx_reminders_active
        """,
    )


@_step("0010_job_ad_wait_and_aim")
def job_ad_wait_and_aim(db: Database) -> None:
    """The "/job, then the ad" wait survives a restart, and an aimed ad remembers the skills it added (issue 17).

    `learners.job_ad_waiting_since` is set by a bare /job and cleared by the next message; `job_ads.aimed_skills`
    (JSON list of skill ids) is what aiming added to the profile's targets, so un-aiming removes exactly those.
    """
    _script(
        db,
        """
        ALTER TABLE learners ADD COLUMN job_ad_waiting_since TEXT;
        ALTER TABLE job_ads ADD COLUMN aimed_skills TEXT CHECK (aimed_skills IS NULL OR json_valid(aimed_skills))
        """,
    )


@_step("0011_review_time")
def review_time(db: Database) -> None:
    """Issue 18, part 2: a review time of the learner's own, and each review card's recent results.

    `learners.review_hour/review_minute` (NULL = reviews come at the reminder's time). `skill_reviews.reviews`
    counts answered reviews (a card never reviewed is dropped when its item is un-marked), `recent` holds the
    last three results oldest first ('1' right, '0' wrong: the slipping rule reads it), and `refresher` the
    refresher item added to the plan for a slipping skill (JSON, NULL when none). Existing cards are filled
    from the review rounds already answered.
    """
    _script(
        db,
        """
        ALTER TABLE learners ADD COLUMN review_hour INTEGER CHECK (review_hour BETWEEN 0 AND 23);
        ALTER TABLE learners ADD COLUMN review_minute INTEGER CHECK (review_minute BETWEEN 0 AND 59);
        ALTER TABLE skill_reviews ADD COLUMN reviews INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE skill_reviews ADD COLUMN recent TEXT NOT NULL DEFAULT '';
        ALTER TABLE skill_reviews ADD COLUMN refresher TEXT CHECK (refresher IS NULL OR json_valid(refresher));
        CREATE INDEX idx_learners_review_time ON learners (review_hour) WHERE review_hour IS NOT NULL
        """,
    )
    answered: dict[tuple[int, str], list[str]] = {}
    for learner_id, skill, result in db.execute(
        "SELECT learner_id, skill, result FROM skill_checks WHERE kind = 'review' AND result IN ('right', 'wrong') "
        "ORDER BY id"
    ).fetchall():
        answered.setdefault((learner_id, skill), []).append("1" if result == "right" else "0")
    for (learner_id, skill), results in answered.items():
        db.execute("UPDATE skill_reviews SET reviews = ?, recent = ? WHERE learner_id = ? AND skill = ?",
                   [len(results), "".join(results[-3:]), learner_id, skill])


LATEST = MIGRATION_NAMES[-1]
