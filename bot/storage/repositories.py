"""Typed repositories: the only place with SQL. They never open or commit transactions themselves.

A service wraps one user action in one `with db.atomic():` and calls several repositories inside it;
outside a transaction each write commits on its own. Times are passed in (`now`), never read here.
Timestamps are stored as UTC ISO-8601 text with microseconds so that text order is time order.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from sqlite_utils import Database

from bot import texts
from bot.domain.progress import ProgressEvent
from bot.storage.codec import (
    RoadmapItemRow,
    dump_json,
    pack,
    pack_text,
    roadmap_item_rows,
    target_role,
    unpack,
)
from bot.storage.db import schema_version

CatalogAction = Literal["add", "edit", "retire", "undo", "import"]

# Every table with a learner_id column; delete_all and export walk exactly these (tests check the
# list against the live schema so a new table cannot be forgotten).
LEARNER_TABLES = (
    "dialogue_states", "profiles", "roadmaps", "roadmap_items", "progress_events", "reminders", "job_ads",
    "quiz_polls", "skill_checks", "skill_reviews",
)

# Columns holding JSON text, decoded on export so the export is one JSON document, not nested strings.
_JSON_COLUMNS = {
    "dialogue_states": ("state",),
    "profiles": ("profile",),
    "job_ads": ("ad",),
    "skill_reviews": ("card",),
    "audit_log": ("detail",),
    "catalog_changes": ("before", "after"),
}

# Audit actions kept (pseudonymised, not erased) when their actor erases their data: the catalog's
# history must stay accountable. Everything else a learner did or had done to them is erased.
KEPT_AUDIT_PREFIXES = ("admin.", "catalog.")  # delete_all's two `action LIKE ?` match these

# Columns holding compressed JSON (bot.storage.codec), exported decompressed under their old names.
_PACKED_COLUMNS = {
    "roadmaps": (("profile_z", "profile"), ("roadmap_z", "roadmap")),
}


def _ts(moment: datetime) -> str:
    """A datetime as sortable UTC text; naive datetimes are taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _dt(text: str) -> datetime:
    """Stored timestamp text back to an aware datetime."""
    return datetime.fromisoformat(text)


def _opt_dt(text: str | None) -> datetime | None:
    """Like _dt, for nullable columns."""
    return None if text is None else _dt(text)


def _dump(value: Mapping[str, Any]) -> str:
    """JSON text for a blob; raises on values that are not JSON (services pass model_dump(mode='json'))."""
    return dump_json(value)


def _load(text: str) -> dict[str, Any]:
    """A stored JSON object back to a dict."""
    value = json.loads(text)
    if not isinstance(value, dict):  # pragma: no cover - CHECK(json_valid) plus _dump make this impossible
        raise ValueError(texts.STORE_ERR_NOT_OBJECT)
    return value


def _opt_load(text: str | None) -> dict[str, Any] | None:
    """Like _load, for nullable columns."""
    return None if text is None else _load(text)


def _rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run a parameterised SELECT and return its rows as dicts."""
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _row(db: Database, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    """The first row of a parameterised SELECT, or None."""
    cursor = db.execute(sql, list(params))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _scalar(db: Database, sql: str, params: Sequence[Any] = ()) -> Any:
    """The first column of the first row of a parameterised SELECT."""
    row = db.execute(sql, list(params)).fetchone()
    return None if row is None else row[0]


def learner_ref(learner_id: int) -> str:
    """How audit rows name a learner as actor or target, so erasure can find them."""
    return f"learner:{learner_id}"


def erased_ref(channel: str, external_id: str, created_at: str) -> str:
    """The stable pseudonym that replaces an erased learner in the rows kept for accountability.

    Salted with the learner's creation time (erased with them), so the pseudonym cannot be turned
    back into a Telegram id by hashing every possible id.
    """
    digest = hashlib.sha256(f"{channel}:{external_id}:{created_at}".encode()).hexdigest()
    return f"erased-learner:{digest[:16]}"


# ---------------------------------------------------------------- learners
@dataclass(frozen=True, slots=True)
class Learner:
    """A person talking to Waypoint through one channel ('telegram', 'terminal', ...)."""

    id: int
    channel: str
    external_id: str
    display_name: str | None
    created_at: datetime
    last_seen_at: datetime
    timezone: str | None

    @property
    def refs(self) -> tuple[str, str]:
        """Both names audit rows may use for this learner: 'learner:<id>' and '<channel>:<external id>'."""
        return learner_ref(self.id), f"{self.channel}:{self.external_id}"


def _learner(row: Mapping[str, Any]) -> Learner:
    """A learners row as a Learner."""
    return Learner(
        id=row["id"],
        channel=row["channel"],
        external_id=row["external_id"],
        display_name=row["display_name"],
        created_at=_dt(row["created_at"]),
        last_seen_at=_dt(row["last_seen_at"]),
        timezone=row["timezone"],
    )


class LearnerRepo:
    """Learners, and erasing or exporting everything about one."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def get_or_create(self, channel: str, external_id: str, display_name: str | None, now: datetime) -> Learner:
        """The learner for (channel, external_id), created at `now` if new; a new non-empty name replaces the old."""
        # ON CONFLICT DO NOTHING instead of select-then-insert: two connections racing on a first
        # message cannot both insert, and neither fails.
        self.db.execute(
            "INSERT INTO learners (channel, external_id, display_name, created_at, last_seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, external_id) DO NOTHING",
            [channel, external_id, display_name, _ts(now), _ts(now)],
        )
        learner = self.find(channel, external_id)
        assert learner is not None  # just inserted or already there, in this transaction
        if display_name and learner.display_name != display_name:
            self.db.execute("UPDATE learners SET display_name = ? WHERE id = ?", [display_name, learner.id])
            learner = self.get(learner.id)
            assert learner is not None
        return learner

    def get(self, learner_id: int) -> Learner | None:
        """The learner with this id, if any."""
        row = _row(self.db, "SELECT * FROM learners WHERE id = ?", [learner_id])
        return None if row is None else _learner(row)

    def find(self, channel: str, external_id: str) -> Learner | None:
        """The learner known on `channel` as `external_id`, if any."""
        row = _row(self.db, "SELECT * FROM learners WHERE channel = ? AND external_id = ?", [channel, external_id])
        return None if row is None else _learner(row)

    def touch(self, learner_id: int, now: datetime) -> None:
        """Record that the learner was active at `now`."""
        self.db.execute("UPDATE learners SET last_seen_at = ? WHERE id = ?", [_ts(now), learner_id])

    def set_timezone(self, learner_id: int, timezone: str | None) -> None:
        """Store the learner's IANA time zone name (validated by the caller), or clear it."""
        self.db.execute("UPDATE learners SET timezone = ? WHERE id = ?", [timezone, learner_id])

    def delete_all(self, learner_id: int) -> dict[str, int]:
        """Erase every row about the learner; return rows erased per table (empty if unknown).

        Their admin and catalog actions (audit actions starting with KEPT_AUDIT_PREFIXES, and
        catalog_changes) are kept with the learner's names replaced by `erased_ref(...)`.
        """
        learner = self.get(learner_id)
        if learner is None:
            return {}
        erased: dict[str, int] = {}
        for table in LEARNER_TABLES:
            # Explicit deletes (not just ON DELETE CASCADE) so the counts can be reported.
            erased[table] = self.db.execute(f"DELETE FROM {table} WHERE learner_id = ?", [learner_id]).rowcount
        created = _scalar(self.db, "SELECT created_at FROM learners WHERE id = ?", [learner_id])
        pseudonym = erased_ref(learner.channel, learner.external_id, str(created))
        erased["audit_log"] = self.forget(list(learner.refs), pseudonym)
        erased["learners"] = self.db.execute("DELETE FROM learners WHERE id = ?", [learner_id]).rowcount
        return erased

    def forget(self, refs: list[str], pseudonym: str) -> int:
        """Pseudonymise the kept audit and catalog rows naming any of `refs`, delete the rest; rows deleted.

        Also for someone who never became a learner (a refused admin attempt is audited under their
        Telegram id): their refs are just '<channel>:<external id>'.
        """
        refs = (refs + refs)[:2]  # the SQL below names two refs; one ref is simply given twice
        # Admin and catalog actions stay, with the learner's names replaced by a pseudonym, so the
        # catalog history stays accountable without saying who they were; the rest is erased.
        kept = [f"{prefix}%" for prefix in KEPT_AUDIT_PREFIXES]
        self.db.execute(
            "UPDATE audit_log SET actor = ? WHERE actor IN (?, ?) AND (action LIKE ? OR action LIKE ?)",
            [pseudonym, *refs, *kept],
        )
        self.db.execute(
            "UPDATE audit_log SET target = ? WHERE target IN (?, ?) AND (action LIKE ? OR action LIKE ?)",
            [pseudonym, *refs, *kept],
        )
        self.db.execute("UPDATE catalog_changes SET actor = ? WHERE actor IN (?, ?)", [pseudonym, *refs])
        # A refused admin attempt's detail names the chat, which for a private chat is the Telegram id.
        self.db.execute(
            "UPDATE audit_log SET detail = json_remove(detail, '$.chat_id') "
            "WHERE (actor = ? OR target = ?) AND json_valid(detail) AND json_extract(detail, '$.chat_id') IS NOT NULL",
            [pseudonym, pseudonym],
        )
        return int(self.db.execute(
            "DELETE FROM audit_log WHERE actor IN (?, ?) OR target IN (?, ?)", refs + refs
        ).rowcount)

    def export(self, learner_id: int) -> dict[str, Any] | None:
        """Every row about the learner, keyed by table, JSON columns decoded; None if unknown."""
        learner = self.get(learner_id)
        if learner is None:
            return None
        result: dict[str, Any] = {"schema_version": schema_version(self.db)}
        result["learners"] = _rows(self.db, "SELECT * FROM learners WHERE id = ?", [learner_id])
        for table in LEARNER_TABLES:
            result[table] = _rows(self.db, f"SELECT * FROM {table} WHERE learner_id = ? ORDER BY rowid", [learner_id])
        refs = list(learner.refs)
        result["audit_log"] = _rows(
            self.db, "SELECT * FROM audit_log WHERE actor IN (?, ?) OR target IN (?, ?) ORDER BY id", refs + refs
        )
        result["catalog_changes"] = _rows(
            self.db, "SELECT * FROM catalog_changes WHERE actor IN (?, ?) ORDER BY id", refs
        )
        for table, columns in _JSON_COLUMNS.items():
            for row in result[table]:
                for column in columns:
                    row[column] = _opt_load(row[column])
        for table, packed in _PACKED_COLUMNS.items():
            for row in result[table]:
                for column, name in packed:
                    row[name] = unpack(row.pop(column))
        return result

    def count(self) -> int:
        """Number of learners."""
        return int(_scalar(self.db, "SELECT count(*) FROM learners"))

    def active_since(self, when: datetime) -> int:
        """Number of learners seen at or after `when`."""
        return int(_scalar(self.db, "SELECT count(*) FROM learners WHERE last_seen_at >= ?", [_ts(when)]))

    def ids(self, batch: int = 1000) -> Iterator[int]:
        """Every learner id in ascending order, fetched in batches so 100,000 learners stay cheap."""
        # Keyset pagination: no cursor stays open across yields, so callers may write between them.
        last = 0
        while True:
            chunk = [
                row[0]
                for row in self.db.execute(
                    "SELECT id FROM learners WHERE id > ? ORDER BY id LIMIT ?", [last, batch]
                ).fetchall()
            ]
            yield from chunk
            if len(chunk) < batch:
                return
            last = chunk[-1]


# ---------------------------------------------------------------- dialogue state and profile
class DialogueRepo:
    """Each learner's dialogue state (a JSON blob) and its step version."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def load(self, learner_id: int) -> tuple[dict[str, Any], int] | None:
        """The saved state and version, or None before the first step."""
        row = _row(self.db, "SELECT state, version FROM dialogue_states WHERE learner_id = ?", [learner_id])
        return None if row is None else (_load(row["state"]), int(row["version"]))

    def save(self, learner_id: int, state: Mapping[str, Any], version: int, now: datetime) -> None:
        """Store the state and version, replacing the previous ones."""
        self.db.execute(
            "INSERT INTO dialogue_states (learner_id, state, version, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (learner_id) DO UPDATE SET state = excluded.state, version = excluded.version, "
            "updated_at = excluded.updated_at",
            [learner_id, _dump(state), version, _ts(now)],
        )


class ProfileRepo:
    """Each learner's current profile (a JSON blob)."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def load(self, learner_id: int) -> dict[str, Any] | None:
        """The saved profile, or None."""
        text = _scalar(self.db, "SELECT profile FROM profiles WHERE learner_id = ?", [learner_id])
        return None if text is None else _load(text)

    def save(self, learner_id: int, profile: Mapping[str, Any], now: datetime) -> None:
        """Store the profile, replacing the previous one."""
        self.db.execute(
            "INSERT INTO profiles (learner_id, profile, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (learner_id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at",
            [learner_id, _dump(profile), _ts(now)],
        )


# ---------------------------------------------------------------- roadmaps
class StoredRoadmap:
    """One stored roadmap version with the profile it was planned from.

    The blobs are decompressed and parsed only when `roadmap` or `profile` is first read (then kept on this
    object): most reads only need the version, the reason, or the parsed model that the services cache by
    `roadmap_z` (bot.services.base.roadmap_model), and a roadmap is ~40 KB of JSON.
    """

    __slots__ = ("_profile", "_roadmap", "created_at", "learner_id", "profile_z", "reason", "roadmap_z", "version")

    def __init__(self, learner_id: int, version: int, reason: str, created_at: datetime,
                 roadmap_z: bytes | str, profile_z: bytes | str) -> None:
        """A row as stored: `roadmap_z` and `profile_z` are compressed JSON (plain text before 0005)."""
        self.learner_id = learner_id
        self.version = version
        self.reason = reason
        self.created_at = created_at
        self.roadmap_z = roadmap_z
        self.profile_z = profile_z
        self._roadmap: dict[str, Any] | None = None
        self._profile: dict[str, Any] | None = None

    @property
    def roadmap(self) -> dict[str, Any]:
        """The roadmap as a JSON dict (the same dict on every read of this object)."""
        if self._roadmap is None:
            self._roadmap = unpack(self.roadmap_z)
        return self._roadmap

    @property
    def profile(self) -> dict[str, Any]:
        """The profile it was planned from, as a JSON dict."""
        if self._profile is None:
            self._profile = unpack(self.profile_z)
        return self._profile

    def __repr__(self) -> str:
        """Learner, version and reason (the blobs are long)."""
        return f"StoredRoadmap(learner_id={self.learner_id}, version={self.version}, reason={self.reason!r})"


@dataclass(frozen=True, slots=True)
class RoadmapVersion:
    """A roadmap version without its blobs, for listings."""

    version: int
    reason: str
    created_at: datetime


def _stored_roadmap(row: Mapping[str, Any]) -> StoredRoadmap:
    """A roadmaps row as a StoredRoadmap."""
    return StoredRoadmap(
        learner_id=row["learner_id"],
        version=row["version"],
        reason=row["reason"],
        created_at=_dt(row["created_at"]),
        roadmap_z=row["roadmap_z"],
        profile_z=row["profile_z"],
    )


class RoadmapRepo:
    """Every roadmap version of every learner; versions are never overwritten.

    Roadmaps and profiles are stored zlib-compressed (bot.storage.codec); the items of each learner's
    latest roadmap are also indexed in `roadmap_items` so admin scans over every learner are single queries.
    """

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def add(
        self, learner_id: int, roadmap: Mapping[str, Any], profile: Mapping[str, Any], reason: str, now: datetime
    ) -> int:
        """Store a new version (1 for the learner's first) and return its number."""
        return self._insert(learner_id, pack(roadmap), profile, reason, now, roadmap_item_rows(learner_id, roadmap))

    def add_json(
        self, learner_id: int, roadmap_json: str, profile: Mapping[str, Any], reason: str, now: datetime,
        item_rows: Iterable[tuple[int, str, int, str | None, str | None]] | None = None,
    ) -> int:
        """Like `add`, from the roadmap already serialised as compact JSON text (e.g. pydantic's
        `model_dump_json()`, which writes the same text as `dump_json(model_dump(mode="json"))`).

        `item_rows` are the `roadmap_items` rows without the learner (stage position, stage id, stage order,
        item key, entry id) when the caller has them at hand; otherwise they are read from the JSON.
        """
        rows = (roadmap_item_rows(learner_id, unpack(roadmap_json)) if item_rows is None
                else [(learner_id, *row) for row in item_rows])
        return self._insert(learner_id, pack_text(roadmap_json), profile, reason, now, rows)

    def _insert(
        self, learner_id: int, roadmap_z: bytes, profile: Mapping[str, Any], reason: str, now: datetime,
        rows: list[RoadmapItemRow],
    ) -> int:
        # One INSERT ... SELECT computes the next number and inserts it atomically, so concurrent
        # writers cannot both take the same version (UNIQUE(learner_id, version) backs this up).
        cursor = self.db.execute(
            "INSERT INTO roadmaps (learner_id, version, created_at, reason, target_role, profile_z, roadmap_z) "
            "SELECT ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ? FROM roadmaps WHERE learner_id = ?",
            [learner_id, _ts(now), reason, target_role(profile), pack(profile), roadmap_z, learner_id],
        )
        version = int(_scalar(self.db, "SELECT version FROM roadmaps WHERE id = ?", [cursor.lastrowid]))
        # The new version is the latest (its number is max + 1), so its rows replace the learner's index rows.
        self._replace_items(learner_id, rows)
        return version

    def _replace_items(self, learner_id: int, rows: list[RoadmapItemRow]) -> None:
        """Make the learner's `roadmap_items` rows exactly `rows` (as a multiset), touching only the rows that
        differ: the rows that are no longer there are deleted by rowid, the new ones inserted, the rest kept.

        A mark's re-plan drops the marked item and keeps almost every other item where it was; deleting and
        re-inserting all ~60 rows dirtied one leaf page of the entry index per item, scattered across an index
        that grows with the number of learners (11 ms a mark at 1,000,000 learners against 0.2 ms for the
        difference). Reading the learner's rows is one contiguous range of `idx_roadmap_items_learner`.
        """
        current = self.db.execute(
            "SELECT rowid, learner_id, stage_pos, stage_id, stage_order, item_key, entry_id FROM roadmap_items "
            "WHERE learner_id = ? ORDER BY rowid",
            [learner_id],
        ).fetchall()
        wanted = Counter(tuple(row) for row in rows)
        stale: list[int] = []
        for rowid, *row in current:
            key = tuple(row)
            if wanted[key] > 0:
                wanted[key] -= 1
            else:
                stale.append(rowid)
        if stale:
            self.db.conn.executemany("DELETE FROM roadmap_items WHERE rowid = ?", [(rowid,) for rowid in stale])
        fresh = []
        for row in rows:  # in the roadmap's order, each missing row once per missing copy
            key = tuple(row)
            if wanted[key] > 0:
                wanted[key] -= 1
                fresh.append(key)
        if fresh:
            self.db.conn.executemany(
                "INSERT INTO roadmap_items (learner_id, stage_pos, stage_id, stage_order, item_key, entry_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                fresh,
            )

    def drop_version(self, learner_id: int, version: int, reason: str) -> bool:
        """Delete one stored version if it has this reason and is not the learner's newest; False otherwise."""
        cursor = self.db.execute(
            "DELETE FROM roadmaps WHERE learner_id = ? AND version = ? AND reason = ? "
            "AND version < (SELECT max(version) FROM roadmaps WHERE learner_id = ?)",
            [learner_id, version, reason, learner_id],
        )
        return cursor.rowcount > 0

    def exists(self, learner_id: int) -> bool:
        """Whether the learner has any roadmap (one index probe, no blob read)."""
        return _scalar(self.db, "SELECT 1 FROM roadmaps WHERE learner_id = ? LIMIT 1", [learner_id]) is not None

    def count_for(self, learner_id: int) -> int:
        """How many versions the learner has stored."""
        return int(_scalar(self.db, "SELECT count(*) FROM roadmaps WHERE learner_id = ?", [learner_id]))

    def latest(self, learner_id: int) -> StoredRoadmap | None:
        """The learner's newest roadmap, if any."""
        row = _row(self.db, "SELECT * FROM roadmaps WHERE learner_id = ? ORDER BY version DESC LIMIT 1", [learner_id])
        return None if row is None else _stored_roadmap(row)

    def get(self, learner_id: int, version: int) -> StoredRoadmap | None:
        """One version of the learner's roadmap, if it exists."""
        row = _row(self.db, "SELECT * FROM roadmaps WHERE learner_id = ? AND version = ?", [learner_id, version])
        return None if row is None else _stored_roadmap(row)

    def versions(self, learner_id: int) -> list[RoadmapVersion]:
        """All of the learner's versions, oldest first."""
        return [
            RoadmapVersion(version=r["version"], reason=r["reason"], created_at=_dt(r["created_at"]))
            for r in _rows(
                self.db,
                "SELECT version, reason, created_at FROM roadmaps WHERE learner_id = ? ORDER BY version",
                [learner_id],
            )
        ]

    def count(self) -> int:
        """Number of stored roadmap versions, all learners together."""
        return int(_scalar(self.db, "SELECT count(*) FROM roadmaps"))

    def learners_with_roadmap(self) -> int:
        """Number of learners who have at least one roadmap."""
        return int(_scalar(self.db, "SELECT count(DISTINCT learner_id) FROM roadmaps"))

    def role_counts(self) -> list[tuple[str, int]]:
        """(target role id, learners) from each learner's latest roadmap profile, most common first."""
        rows = self.db.execute(
            "SELECT r.target_role AS role, count(*) AS n "
            "FROM roadmaps r JOIN (SELECT learner_id, max(version) AS v FROM roadmaps GROUP BY learner_id) l "
            "ON r.learner_id = l.learner_id AND r.version = l.v "
            "WHERE role IS NOT NULL GROUP BY role ORDER BY n DESC, role"
        ).fetchall()
        return [(str(role), int(n)) for role, n in rows]

    def learners_holding(self, entry_id: str) -> list[int]:
        """Learners whose latest roadmap holds the catalog entry `entry_id`, by id (one indexed query)."""
        return [
            int(row[0])
            for row in self.db.execute(
                "SELECT DISTINCT learner_id FROM roadmap_items WHERE entry_id = ? ORDER BY learner_id", [entry_id]
            ).fetchall()
        ]

    def stage_completion(self) -> list[tuple[str, float, int]]:
        """(stage id, mean fraction of the stage's items done, learners) over every learner's latest roadmap.

        A stage counts for a learner when it has items; an item is done when the learner's last mark of it
        says so (like done_items()). Stages come in the order of their `index` in the first roadmap (by
        learner id) that has them.
        """
        rows = self.db.execute(
            "WITH done AS ("
            "  SELECT learner_id, item FROM ("
            "    SELECT learner_id, item, done,"
            "           row_number() OVER (PARTITION BY learner_id, item ORDER BY id DESC) AS rn"
            "    FROM progress_events"
            "  ) WHERE rn = 1 AND done = 1"
            "), per_stage AS ("
            "  SELECT i.learner_id, i.stage_pos, i.stage_id, i.stage_order,"
            "         count(DISTINCT i.item_key) AS n, count(DISTINCT d.item) AS k"
            "  FROM roadmap_items i LEFT JOIN done d ON d.learner_id = i.learner_id AND d.item = i.item_key"
            "  WHERE i.item_key IS NOT NULL GROUP BY i.learner_id, i.stage_pos"
            "), ranked AS ("
            "  SELECT stage_id, 1.0 * k / n AS fraction,"
            "         first_value(stage_order) OVER w AS first_order,"
            "         first_value(learner_id) OVER w AS first_learner,"
            "         first_value(stage_pos) OVER w AS first_pos"
            "  FROM per_stage WINDOW w AS (PARTITION BY stage_id ORDER BY learner_id, stage_pos)"
            ") "
            "SELECT stage_id, avg(fraction), count(*) FROM ranked "
            "GROUP BY stage_id ORDER BY min(first_order), min(first_learner), min(first_pos)"
        ).fetchall()
        return [(str(stage_id), float(fraction), int(n)) for stage_id, fraction, n in rows]


# ---------------------------------------------------------------- progress
class ProgressRepo:
    """Progress marks and undos, append-only so they can be replayed in order."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def add(self, learner_id: int, event: ProgressEvent, now: datetime) -> int:
        """Record one event; return its id."""
        cursor = self.db.execute(
            "INSERT INTO progress_events (learner_id, item, done, on_date, hours, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [learner_id, event.item, int(event.done), event.on.isoformat(), event.hours, _ts(now)],
        )
        return int(cursor.lastrowid or 0)

    def events(self, learner_id: int) -> list[ProgressEvent]:
        """The learner's events in the order they were recorded."""
        return [
            ProgressEvent(item=r["item"], done=bool(r["done"]), on=date.fromisoformat(r["on_date"]), hours=r["hours"])
            for r in _rows(
                self.db,
                "SELECT item, done, on_date, hours FROM progress_events WHERE learner_id = ? ORDER BY id",
                [learner_id],
            )
        ]

    def count(self) -> int:
        """Number of progress events, all learners together."""
        return int(_scalar(self.db, "SELECT count(*) FROM progress_events"))

    def item_counts(self, limit: int = 10) -> list[tuple[str, int]]:
        """(item key, learners for whom it is done now), most common first; undone marks do not count."""
        # A learner's last event per item decides whether it is done, exactly like done_items().
        rows = self.db.execute(
            "SELECT item, count(*) AS n FROM ("
            "  SELECT item, done, row_number() OVER (PARTITION BY learner_id, item ORDER BY id DESC) AS rn"
            "  FROM progress_events"
            ") WHERE rn = 1 AND done = 1 GROUP BY item ORDER BY n DESC, item LIMIT ?",
            [limit],
        ).fetchall()
        return [(str(item), int(n)) for item, n in rows]


# ---------------------------------------------------------------- reminders
@dataclass(frozen=True, slots=True)
class Reminder:
    """A learner's weekly reminder: local weekday (0 = Monday) and time in `timezone`."""

    learner_id: int
    weekday: int
    hour: int
    minute: int
    timezone: str
    active: bool
    paused: bool
    last_sent_at: datetime | None
    disabled_reason: str | None


def _reminder(row: Mapping[str, Any]) -> Reminder:
    """A reminders row as a Reminder."""
    return Reminder(
        learner_id=row["learner_id"],
        weekday=row["weekday"],
        hour=row["hour"],
        minute=row["minute"],
        timezone=row["timezone"],
        active=bool(row["active"]),
        paused=bool(row["paused"]),
        last_sent_at=_opt_dt(row["last_sent_at"]),
        disabled_reason=row["disabled_reason"],
    )


class ReminderRepo:
    """Weekly reminders, one per learner."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def upsert(self, learner_id: int, weekday: int, hour: int, minute: int, timezone: str) -> Reminder:
        """Set the learner's schedule; this (re)activates and unpauses it, keeping last_sent_at."""
        if not (0 <= weekday <= 6 and 0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError(texts.STORE_ERR_REMINDER_TIME.format(weekday=weekday, hour=hour, minute=minute))
        self.db.execute(
            "INSERT INTO reminders (learner_id, weekday, hour, minute, timezone, active, paused) "
            "VALUES (?, ?, ?, ?, ?, 1, 0) ON CONFLICT (learner_id) DO UPDATE SET "
            "weekday = excluded.weekday, hour = excluded.hour, minute = excluded.minute, "
            "timezone = excluded.timezone, active = 1, paused = 0, disabled_reason = NULL",
            [learner_id, weekday, hour, minute, timezone],
        )
        reminder = self.get(learner_id)
        assert reminder is not None
        return reminder

    def get(self, learner_id: int) -> Reminder | None:
        """The learner's reminder, if set."""
        row = _row(self.db, "SELECT * FROM reminders WHERE learner_id = ?", [learner_id])
        return None if row is None else _reminder(row)

    def all_active(self) -> list[Reminder]:
        """Reminders to schedule: active and not paused, by learner id."""
        return [
            _reminder(r)
            for r in _rows(self.db, "SELECT * FROM reminders WHERE active = 1 AND paused = 0 ORDER BY learner_id")
        ]

    def active_timezones(self) -> list[str]:
        """The distinct time zones of active, unpaused reminders (a handful, whatever the learner count)."""
        # A skip scan of idx_reminders_due: one seek per zone for the next zone name, never a walk over every
        # reminder (SELECT DISTINCT would read each active reminder's index entry).
        return [str(r[0]) for r in self.db.execute(
            "WITH RECURSIVE zones(name) AS ("
            " SELECT min(timezone) FROM reminders WHERE active = 1 AND paused = 0"
            " UNION ALL"
            " SELECT (SELECT min(timezone) FROM reminders WHERE active = 1 AND paused = 0 AND timezone > zones.name)"
            " FROM zones WHERE zones.name IS NOT NULL"
            ") SELECT name FROM zones WHERE name IS NOT NULL"
        ).fetchall()]

    def due_in_hours(self, channel: str, timezone: str, weekday: int | None, hour_from: int,
                     hour_to: int) -> list[tuple[Reminder, str]]:
        """(reminder, external id) of the channel's active, unpaused reminders in `timezone` set for local
        `weekday` (None: any day, for the daily reviews at the reminder's time) between `hour_from` and `hour_to`
        (inclusive), by learner id."""
        # One literal query for both: the weekday list is the one day seven times, or every day. An IN list keeps
        # idx_reminders_due (timezone, weekday, hour) usable to the end: a seek per day into that day's hours.
        days = list(range(7)) if weekday is None else [weekday] * 7
        return [
            (_reminder(r), str(r["external_id"]))
            for r in _rows(
                self.db,
                "SELECT r.*, l.external_id FROM reminders r JOIN learners l ON l.id = r.learner_id "
                "WHERE r.active = 1 AND r.paused = 0 AND r.timezone = ? AND r.weekday IN (?, ?, ?, ?, ?, ?, ?) "
                "AND r.hour BETWEEN ? AND ? AND l.channel = ? ORDER BY r.learner_id",
                [timezone, *days, hour_from, hour_to, channel],
            )
        ]

    def set_paused(self, learner_id: int, paused: bool) -> bool:
        """Pause or resume; False if the learner has no reminder."""
        cursor = self.db.execute("UPDATE reminders SET paused = ? WHERE learner_id = ?", [int(paused), learner_id])
        return cursor.rowcount > 0

    def disable(self, learner_id: int, reason: str) -> bool:
        """Switch off for good (e.g. 'forbidden' when the learner blocked the bot); False if none."""
        cursor = self.db.execute(
            "UPDATE reminders SET active = 0, disabled_reason = ? WHERE learner_id = ?", [reason, learner_id]
        )
        return cursor.rowcount > 0

    def mark_sent(self, learner_id: int, now: datetime) -> bool:
        """Record a delivery at `now` (so a restart does not send it twice); False if none."""
        cursor = self.db.execute("UPDATE reminders SET last_sent_at = ? WHERE learner_id = ?", [_ts(now), learner_id])
        return cursor.rowcount > 0


# ---------------------------------------------------------------- audit log
@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audited action."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str | None
    detail: dict[str, Any]


class AuditRepo:
    """Who did what. Name learners as `learner_ref(id)` (or '<channel>:<external id>') so erasure finds them."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def log(self, actor: str, action: str, target: str | None, detail: Mapping[str, Any] | None, now: datetime) -> int:
        """Append an entry; return its id."""
        cursor = self.db.execute(
            "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            [_ts(now), actor, action, target, _dump(detail or {})],
        )
        return int(cursor.lastrowid or 0)

    def recent(self, limit: int = 20, target: str | None = None) -> list[AuditEntry]:
        """The newest entries first, optionally only those about `target`."""
        if target is None:
            rows = _rows(self.db, "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit])
        else:
            rows = _rows(self.db, "SELECT * FROM audit_log WHERE target = ? ORDER BY id DESC LIMIT ?", [target, limit])
        return [
            AuditEntry(
                id=r["id"],
                at=_dt(r["at"]),
                actor=r["actor"],
                action=r["action"],
                target=r["target"],
                detail=_load(r["detail"]),
            )
            for r in rows
        ]


# ---------------------------------------------------------------- catalog changes
@dataclass(frozen=True, slots=True)
class CatalogChange:
    """One admin change to the catalog; `before`/`after` are the entry's JSON (None when absent)."""

    id: int
    at: datetime
    actor: str
    action: CatalogAction
    section: str
    entry_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    undoes: int | None
    batch: str | None


def _catalog_change(row: Mapping[str, Any]) -> CatalogChange:
    """A catalog_changes row as a CatalogChange."""
    return CatalogChange(
        id=row["id"],
        at=_dt(row["at"]),
        actor=row["actor"],
        action=row["action"],
        section=row["section"],
        entry_id=row["entry_id"],
        before=_opt_load(row["before"]),
        after=_opt_load(row["after"]),
        undoes=row["undoes"],
        batch=row["batch"],
    )


class CatalogChangeRepo:
    """The append-only history of catalog edits that the effective catalog is rebuilt from."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def add(
        self,
        actor: str,
        action: CatalogAction,
        section: str,
        entry_id: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        undoes: int | None,
        batch: str | None,
        now: datetime,
    ) -> int:
        """Append a change; return its id."""
        if action not in get_args(CatalogAction):
            raise ValueError(texts.STORE_ERR_CATALOG_ACTION.format(action=action))
        cursor = self.db.execute(
            "INSERT INTO catalog_changes (at, actor, action, section, entry_id, before, after, undoes, batch) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                _ts(now),
                actor,
                action,
                section,
                entry_id,
                None if before is None else _dump(before),
                None if after is None else _dump(after),
                undoes,
                batch,
            ],
        )
        return int(cursor.lastrowid or 0)

    def all(self) -> list[CatalogChange]:
        """Every change, oldest first (the order to replay them in)."""
        return [_catalog_change(r) for r in _rows(self.db, "SELECT * FROM catalog_changes ORDER BY id")]

    def get(self, change_id: int) -> CatalogChange | None:
        """One change, if it exists."""
        row = _row(self.db, "SELECT * FROM catalog_changes WHERE id = ?", [change_id])
        return None if row is None else _catalog_change(row)

    def latest(self) -> CatalogChange | None:
        """The newest change, if any."""
        row = _row(self.db, "SELECT * FROM catalog_changes ORDER BY id DESC LIMIT 1")
        return None if row is None else _catalog_change(row)

    def for_entry(self, entry_id: str) -> list[CatalogChange]:
        """Every change to one entry, oldest first."""
        return [
            _catalog_change(r)
            for r in _rows(self.db, "SELECT * FROM catalog_changes WHERE entry_id = ? ORDER BY id", [entry_id])
        ]


# ---------------------------------------------------------------- job ads (issue 17)
# Unsaved ads are kept only for the buttons under their match message: the newest few per learner.
KEEP_UNSAVED_ADS = 5


@dataclass(frozen=True, slots=True)
class StoredJobAd:
    """A job ad a learner sent: its text, what was read from it (JobAd JSON) and whether they saved it."""

    id: int
    learner_id: int
    created_at: datetime
    title: str | None
    text: str
    ad: dict[str, Any]
    saved: bool
    aimed: bool
    last_percent: int | None
    aimed_skills: list[str] | None = None  # what aiming added to the plan's targets (None: aimed before 0010)


def _job_ad(row: Mapping[str, Any]) -> StoredJobAd:
    return StoredJobAd(
        id=row["id"], learner_id=row["learner_id"], created_at=_dt(row["created_at"]), title=row["title"],
        text=row["text"], ad=_load(row["ad"]), saved=bool(row["saved"]), aimed=bool(row["aimed"]),
        last_percent=row["last_percent"], aimed_skills=_skill_list(row.get("aimed_skills")),
    )


def _skill_list(text: str | None) -> list[str] | None:
    """A stored JSON list of skill ids (None when never stored)."""
    value = None if text is None else json.loads(text)
    return [str(v) for v in value] if isinstance(value, list) else None


class JobAdRepo:
    """A learner's job ads (text kept, exported and erased with them) and the anonymous unknown-skill counts."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def add(self, learner_id: int, title: str | None, text: str, ad: Mapping[str, Any], now: datetime) -> int:
        """Store a new (unsaved) ad; older unsaved ads beyond KEEP_UNSAVED_ADS are dropped. Returns its id."""
        cursor = self.db.execute(
            "INSERT INTO job_ads (learner_id, created_at, title, text, ad) VALUES (?, ?, ?, ?, ?)",
            [learner_id, _ts(now), title, text, _dump(ad)],
        )
        ad_id = int(cursor.lastrowid or 0)
        self.db.execute(
            "DELETE FROM job_ads WHERE learner_id = ? AND saved = 0 AND aimed = 0 AND id NOT IN "
            "(SELECT id FROM job_ads WHERE learner_id = ? AND saved = 0 AND aimed = 0 ORDER BY id DESC LIMIT ?)",
            [learner_id, learner_id, KEEP_UNSAVED_ADS],
        )
        return ad_id

    def get(self, learner_id: int, ad_id: int) -> StoredJobAd | None:
        """The learner's ad `ad_id` (None when it is gone or someone else's)."""
        row = _row(self.db, "SELECT * FROM job_ads WHERE id = ? AND learner_id = ?", [ad_id, learner_id])
        return None if row is None else _job_ad(row)

    def saved(self, learner_id: int) -> list[StoredJobAd]:
        """The learner's saved ads, oldest first."""
        rows = _rows(self.db, "SELECT * FROM job_ads WHERE learner_id = ? AND saved = 1 ORDER BY id", [learner_id])
        return [_job_ad(row) for row in rows]

    def set_saved(self, learner_id: int, ad_id: int) -> bool:
        """Keep the ad for /jobs; False when it is gone."""
        return bool(self.db.execute(
            "UPDATE job_ads SET saved = 1 WHERE id = ? AND learner_id = ?", [ad_id, learner_id]).rowcount)

    def set_aimed(self, learner_id: int, ad_id: int) -> bool:
        """Remember the plan was aimed at the ad (it is then kept like a saved one); False when it is gone."""
        return bool(self.db.execute(
            "UPDATE job_ads SET aimed = 1, saved = 1 WHERE id = ? AND learner_id = ?", [ad_id, learner_id]).rowcount)

    def set_aimed_skills(self, learner_id: int, ad_id: int, skills: list[str] | None) -> None:
        """Remember the skills aiming at the ad added (None and not aimed any more: the ad was un-aimed)."""
        self.db.execute("UPDATE job_ads SET aimed_skills = ?, aimed = ? WHERE id = ? AND learner_id = ?",
                        [None if skills is None else json.dumps(skills), int(skills is not None), ad_id, learner_id])

    def aimed(self, learner_id: int) -> list[StoredJobAd]:
        """The ads the learner's plan is aimed at, oldest first."""
        rows = _rows(self.db, "SELECT * FROM job_ads WHERE learner_id = ? AND aimed = 1 ORDER BY id", [learner_id])
        return [_job_ad(row) for row in rows]

    def set_waiting(self, learner_id: int, since: datetime | None) -> None:
        """A bare /job: the learner's next message is the ad (None clears the wait)."""
        self.db.execute("UPDATE learners SET job_ad_waiting_since = ? WHERE id = ?",
                        [None if since is None else _ts(since), learner_id])

    def waiting_since(self, learner_id: int) -> datetime | None:
        """When the learner sent a bare /job still waiting for its ad, if any."""
        value = _scalar(self.db, "SELECT job_ad_waiting_since FROM learners WHERE id = ?", [learner_id])
        return None if value is None else _dt(str(value))

    def set_percent(self, ad_id: int, percent: int | None) -> None:
        """The match percentage last reported (the weekly reminder says when it crosses a threshold)."""
        self.db.execute("UPDATE job_ads SET last_percent = ? WHERE id = ?", [percent, ad_id])

    def delete(self, learner_id: int, ad_id: int) -> bool:
        """Erase the ad and its text; False when it was already gone."""
        return bool(self.db.execute(
            "DELETE FROM job_ads WHERE id = ? AND learner_id = ?", [ad_id, learner_id]).rowcount)

    def count_unknown(self, names: Iterable[str], now: datetime) -> None:
        """Count one more ad naming each of these technologies the catalog lacks (no learner is stored)."""
        for name in sorted({n.strip().lower() for n in names if n.strip()}):
            self.db.execute(
                "INSERT INTO job_ad_unknown_skills (name, ads, last_seen) VALUES (?, 1, ?) "
                "ON CONFLICT(name) DO UPDATE SET ads = ads + 1, last_seen = excluded.last_seen",
                [name[:80], _ts(now)],
            )

    def unknown_counts(self, limit: int = 10) -> list[tuple[str, int]]:
        """The technologies job ads name most that the catalog lacks, with how many ads named each."""
        rows = self.db.execute(
            "SELECT name, ads FROM job_ad_unknown_skills ORDER BY ads DESC, name LIMIT ?", [limit]).fetchall()
        return [(str(name), int(ads)) for name, ads in rows]


# ---------------------------------------------------------------- skill checks and reviews (issue 18)
class SkillCheckRepo:
    """Quiz rounds (checks of claimed skills and due reviews), the polls sent for them, review cards."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def start(self, learner_id: int, skill: str, depth: str, kind: str, question_ids: list[str],
              now: datetime) -> int:
        """Open a round of questions; returns its id."""
        cursor = self.db.execute(
            "INSERT INTO skill_checks (learner_id, skill, depth, kind, questions, started_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [learner_id, skill, depth, kind, json.dumps(question_ids), _ts(now)],
        )
        return int(cursor.lastrowid or 0)

    def get(self, check_id: int) -> dict[str, Any] | None:
        """One round, its question ids decoded."""
        row = _row(self.db, "SELECT * FROM skill_checks WHERE id = ?", [check_id])
        if row is not None:
            row["questions"] = json.loads(row["questions"])
        return row

    def rounds(self, learner_id: int, skill: str) -> int:
        """How many rounds about a skill the learner was ever given."""
        return int(_scalar(self.db, "SELECT count(*) FROM skill_checks WHERE learner_id = ? AND skill = ?",
                           [learner_id, skill]))

    def record(self, check_id: int, correct: bool) -> None:
        """Count one answer of a round."""
        self.db.execute("UPDATE skill_checks SET answered = answered + 1, correct = correct + ? WHERE id = ?",
                        [int(correct), check_id])

    def finish(self, check_id: int, result: str, on: date) -> None:
        """Close a round with its result (passed / failed / reviewed)."""
        self.db.execute("UPDATE skill_checks SET result = ?, finished_on = ? WHERE id = ?",
                        [result, on.isoformat(), check_id])

    def set_choice(self, check_id: int, choice: str) -> None:
        """The learner's choice after a failed check (keep / refresher)."""
        self.db.execute("UPDATE skill_checks SET choice = ? WHERE id = ?", [choice, check_id])

    def finished_checks(self, learner_id: int) -> list[dict[str, Any]]:
        """Finished checks of claimed skills, oldest first."""
        return _rows(self.db, "SELECT * FROM skill_checks WHERE learner_id = ? AND kind = 'check' "
                              "AND result IS NOT NULL ORDER BY id", [learner_id])

    def add_poll(self, poll_id: str, learner_id: int, check_id: int, position: int, question_id: str,
                 correct_option: int, now: datetime, on: date) -> None:
        """Remember a poll sent for a round (a poll_answer names only the poll)."""
        self.db.execute(
            "INSERT INTO quiz_polls (poll_id, learner_id, check_id, position, question_id, correct_option, "
            "sent_at, sent_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [poll_id, learner_id, check_id, position, question_id, correct_option, _ts(now), on.isoformat()],
        )

    def poll(self, poll_id: str) -> dict[str, Any] | None:
        """A stored poll, or None for one this bot never sent (or has forgotten)."""
        return _row(self.db, "SELECT * FROM quiz_polls WHERE poll_id = ?", [poll_id])

    def answer_poll(self, poll_id: str, chosen: int) -> bool:
        """Record the first answer to a poll; False when it was answered already."""
        cursor = self.db.execute("UPDATE quiz_polls SET chosen = ? WHERE poll_id = ? AND chosen IS NULL",
                                 [chosen, poll_id])
        return cursor.rowcount > 0

    def review_polls_on(self, learner_id: int, on: date) -> int:
        """Review questions sent to the learner on a day."""
        return int(_scalar(
            self.db, "SELECT count(*) FROM quiz_polls p JOIN skill_checks c ON c.id = p.check_id "
                     "WHERE p.learner_id = ? AND p.sent_on = ? AND c.kind = 'review'", [learner_id, on.isoformat()]))

    def cards(self, learner_id: int) -> list[dict[str, Any]]:
        """The learner's review cards, card JSON decoded."""
        rows = _rows(self.db, "SELECT * FROM skill_reviews WHERE learner_id = ? ORDER BY due, skill", [learner_id])
        for row in rows:
            row["card"] = json.loads(row["card"])
        return rows

    def save_card(self, learner_id: int, skill: str, card: dict[str, Any], due: datetime, fails_in_row: int,
                  flagged: bool, now: datetime) -> None:
        """Insert or replace one skill's review card."""
        self.db.execute(
            "INSERT INTO skill_reviews (learner_id, skill, card, due, fails_in_row, flagged, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner_id, skill) DO UPDATE SET card = excluded.card, "
            "due = excluded.due, fails_in_row = excluded.fails_in_row, flagged = excluded.flagged, "
            "updated_at = excluded.updated_at",
            [learner_id, skill, json.dumps(card), _ts(due), fails_in_row, int(flagged), _ts(now)],
        )

    def has_card(self, learner_id: int, skill: str) -> bool:
        """Whether the skill is already under review."""
        return _row(self.db, "SELECT 1 FROM skill_reviews WHERE learner_id = ? AND skill = ?",
                    [learner_id, skill]) is not None


# ---------------------------------------------------------------- bundle
class Repositories:
    """Every repository over one database, for services."""

    def __init__(self, db: Database) -> None:
        """Build each repository on `db`."""
        self.db = db
        self.learners = LearnerRepo(db)
        self.dialogue = DialogueRepo(db)
        self.profiles = ProfileRepo(db)
        self.roadmaps = RoadmapRepo(db)
        self.progress = ProgressRepo(db)
        self.reminders = ReminderRepo(db)
        self.audit = AuditRepo(db)
        self.catalog_changes = CatalogChangeRepo(db)
        self.job_ads = JobAdRepo(db)
        self.skill_checks = SkillCheckRepo(db)


__all__ = [
    "AuditEntry",
    "AuditRepo",
    "CatalogAction",
    "CatalogChange",
    "CatalogChangeRepo",
    "DialogueRepo",
    "JobAdRepo",
    "Learner",
    "LearnerRepo",
    "ProfileRepo",
    "ProgressRepo",
    "Reminder",
    "ReminderRepo",
    "Repositories",
    "RoadmapRepo",
    "RoadmapVersion",
    "SkillCheckRepo",
    "StoredJobAd",
    "StoredRoadmap",
    "learner_ref",
    "schema_version",
]


# ---------------------------------------------------------------- review time and review history (issue 18, part 2)
# The review time lives on the learner (learners.review_hour/review_minute, NULL = the reminder's time); the
# time zone of a chosen time is the learner's (else their reminder's, else UTC); a learner with a reminder gets
# reviews only while it is on and unpaused. Two index-friendly halves: reminders followed, and times chosen
# (a partial index on learners.review_hour keeps the second to the few who chose).
_REVIEW_SLOTS = (
    "SELECT * FROM ("
    "SELECT l.id, l.external_id, l.channel, r.hour AS hour, r.minute AS minute, r.timezone AS zone, 0 AS chosen "
    "FROM reminders r JOIN learners l ON l.id = r.learner_id "
    "WHERE r.active = 1 AND r.paused = 0 AND l.review_hour IS NULL "
    "UNION ALL "
    "SELECT l.id, l.external_id, l.channel, l.review_hour AS hour, COALESCE(l.review_minute, 0) AS minute, "
    "COALESCE(l.timezone, r.timezone, 'UTC') AS zone, 1 AS chosen "
    "FROM learners l LEFT JOIN reminders r ON r.learner_id = l.id "
    "WHERE l.review_hour IS NOT NULL AND (r.learner_id IS NULL OR (r.active = 1 AND r.paused = 0))"
    ")"
)
_SLOT_OF_LEARNER = _REVIEW_SLOTS + " WHERE id = ?"
_SLOT_ZONES = f"SELECT DISTINCT zone FROM ({_REVIEW_SLOTS}) ORDER BY zone"
_SLOTS_IN_HOURS = _REVIEW_SLOTS + " WHERE channel = ? AND zone = ? AND hour BETWEEN ? AND ? ORDER BY id"


@dataclass(frozen=True, slots=True)
class ReviewSlot:
    """When a learner's daily review round comes: local hour and minute in `timezone`, and whose chat."""

    learner_id: int
    external_id: str
    hour: int
    minute: int
    timezone: str
    chosen: bool  # the learner picked it (else it is the reminder's time)


def _review_slot(row: Mapping[str, Any]) -> ReviewSlot:
    return ReviewSlot(int(row["id"]), str(row["external_id"]), int(row["hour"]), int(row["minute"]),
                      str(row["zone"]), bool(row["chosen"]))


class ReviewScheduleRepo:
    """A learner's own review time, the daily review slots, and each card's review history and refresher."""

    def __init__(self, db: Database) -> None:
        """Work on `db`."""
        self.db = db

    def set_time(self, learner_id: int, hour: int | None, minute: int | None) -> None:
        """Choose a review time (local, in the learner's time zone), or None to follow the reminder again."""
        if hour is not None and not (0 <= hour <= 23 and 0 <= (minute or 0) <= 59):
            raise ValueError(texts.STORE_ERR_REVIEW_TIME.format(hour=hour, minute=minute))
        self.db.execute("UPDATE learners SET review_hour = ?, review_minute = ? WHERE id = ?",
                        [hour, None if hour is None else (minute or 0), learner_id])

    def chosen_time(self, learner_id: int) -> tuple[int, int] | None:
        """The learner's own review time (hour, minute), or None when reviews follow the reminder."""
        row = _row(self.db, "SELECT review_hour, review_minute FROM learners WHERE id = ?", [learner_id])
        if row is None or row["review_hour"] is None:
            return None
        return int(row["review_hour"]), int(row["review_minute"] or 0)

    def slot(self, learner_id: int) -> ReviewSlot | None:
        """When the learner's reviews come now (None: not at all, or paused or stopped with the reminder)."""
        row = _row(self.db, _SLOT_OF_LEARNER, [learner_id])
        return None if row is None else _review_slot(row)

    def zones(self) -> list[str]:
        """The distinct time zones of review slots (a handful, whatever the learner count)."""
        return [str(r[0]) for r in self.db.execute(_SLOT_ZONES).fetchall()]

    def slots_in_hours(self, channel: str, timezone: str, hour_from: int, hour_to: int) -> list[ReviewSlot]:
        """Review slots of the channel's learners in `timezone` between `hour_from` and `hour_to` (inclusive)."""
        return [_review_slot(r) for r in _rows(self.db, _SLOTS_IN_HOURS, [channel, timezone, hour_from, hour_to])]

    def set_history(self, learner_id: int, skill: str, reviews: int, recent: str) -> None:
        """A card's answered reviews and its last results ('1' right, '0' wrong, oldest first)."""
        self.db.execute("UPDATE skill_reviews SET reviews = ?, recent = ? WHERE learner_id = ? AND skill = ?",
                        [reviews, recent, learner_id, skill])

    def delete_card(self, learner_id: int, skill: str) -> bool:
        """Take a skill out of the review schedule; False when it was not in it."""
        return self.db.execute("DELETE FROM skill_reviews WHERE learner_id = ? AND skill = ?",
                               [learner_id, skill]).rowcount > 0

    def set_refresher(self, learner_id: int, skill: str, item: Mapping[str, Any] | None) -> None:
        """The refresher item added to the plan for a slipping skill (None: none)."""
        self.db.execute("UPDATE skill_reviews SET refresher = ? WHERE learner_id = ? AND skill = ?",
                        [None if item is None else _dump(item), learner_id, skill])

    def refreshers(self, learner_id: int) -> list[dict[str, Any]]:
        """The learner's refresher items (JSON decoded), oldest card first."""
        return [_load(str(r["refresher"])) for r in _rows(
            self.db, "SELECT refresher FROM skill_reviews WHERE learner_id = ? AND refresher IS NOT NULL "
                     "ORDER BY rowid", [learner_id])]


_JSON_COLUMNS["skill_reviews"] = ("card", "refresher")  # exported decoded, like the card
