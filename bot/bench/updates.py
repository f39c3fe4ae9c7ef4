"""`waypoint bench updates` and `waypoint bench load`: update cost against an echo bot, and throughput,
latency and memory with 10,000 / 100,000 learners in a file database. Figures only, never assertions.

The applications, the load runs and the sessions live in `bot.bench.load`; this module times each kind of update,
seeds databases, runs the load in a child process per database size (so each peak RSS is that run's own), and
formats the report.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.bench.load import TODAY, bench_api, bench_settings, echo_application, waypoint_application
from bot.bench.stats import Target, peak_rss_mb, percentile, ratio, table
from bot.config import Settings
from bot.domain.catalog import Catalog
from bot.testing.client import ONBOARDING_TAPS, ONE_MESSAGE, PLAN_LABEL, AppHarness, BotClient, feed, running
from bot.testing.updates import callback_update, message_update

SEED_BASE = 10_000_000  # Telegram ids of seeded learners: SEED_BASE + n
NEW_BASE = 50_000_000  # Telegram ids of learners who first write during the load run
PLAN_EVERY = 5  # one seeded learner in this many has a roadmap (33 KB a version), the rest are mid-dialogue
REMINDER_EVERY = 3  # one planned learner in this many has a weekly reminder (restored at start)
# Roles of the seeded learners' template conversations (button labels of the first question).
TEMPLATE_ROLES = ("Machine learning engineer", "Data scientist", "NLP engineer", "Computer vision engineer",
                  "MLOps engineer", "Data engineer")

TARGET_STEP_X = 3.0
TARGET_ROADMAP_X = 30.0
TARGET_PICTURE_MS = 150.0
TARGET_THROUGHPUT_FRACTION = 1 / 3
TARGET_P99_X = 10.0
TARGET_RSS_MB = 300.0
TARGET_SCALE_FRACTION = 0.8  # throughput at the largest database: at least this share of the smallest one's
TARGET_PLANNED_KB = 40.0  # database bytes per learner with a plan (their rows and index entries), at any size
PLANNED_TABLES = ("roadmaps", "roadmap_items", "progress_events", "reminders")  # rows only planned learners have


# ---------------------------------------------------------------- seeding
@dataclass(frozen=True)
class Template:
    """Rows copied to every seeded learner of one kind."""

    state: dict[str, Any]
    version: int
    profile: dict[str, Any]
    roadmap: dict[str, Any] | None
    item_keys: list[str]


def _pick(options: list[Any], script: list[str], at: int) -> tuple[Any, int]:
    """The next scripted option present in `options` (and the new script position), else the first option."""
    for position in range(at, len(script)):
        for option in options:
            if script[position] in option.label:
                return option, position + 1
    return options[0], at


def make_templates(catalog: Catalog, today: date = TODAY) -> tuple[list[Template], list[Template]]:
    """(planned, mid-dialogue) templates from real conversations through ConversationService in memory."""
    from bot.domain.dialogue import UserInput
    from bot.domain.planner import Roadmap
    from bot.services.conversation import ConversationService
    from bot.storage.db import open_database
    from bot.storage.repositories import Repositories

    db = open_database(None)
    service = ConversationService(db, lambda: catalog, lambda: today)
    repos = Repositories(db)
    planned: list[Template] = []
    middle: list[Template] = []
    for role in TEMPLATE_ROLES:
        for stop_after in (4, None):
            who = f"{role}:{stop_after}"
            script = [role, *ONBOARDING_TAPS[1:]]
            at = 0
            outcome = service.handle("seed", who, UserInput(kind="command", value="/start"))
            for taps in range(40):
                if stop_after is not None and taps == stop_after:
                    break
                options = outcome.replies[-1].options if outcome.replies else []
                if not options:
                    raise RuntimeError(f"template {who}: a question without options")
                option, at = _pick(options, script, at)
                outcome = service.handle("seed", who, UserInput(kind="button", value=option.value))
                if outcome.new_roadmap:
                    break
            learner = repos.learners.find("seed", who)
            assert learner is not None
            saved = repos.dialogue.load(learner.id)
            assert saved is not None
            profile = repos.profiles.load(learner.id) or {}
            stored = repos.roadmaps.latest(learner.id)
            if stop_after is None:
                if stored is None:
                    raise RuntimeError(f"template {who}: no roadmap after the scripted onboarding")
                keys = [item.key for item in Roadmap.model_validate(stored.roadmap).items()]
                planned.append(Template(saved[0], saved[1], profile, stored.roadmap, keys[:2]))
            else:
                middle.append(Template(saved[0], saved[1], profile, None, []))
    db.close()
    return planned, middle


@dataclass(frozen=True)
class SeedInfo:
    """What was seeded and how long it took."""

    learners: int
    with_plan: int
    reminders: int
    seconds: float
    size_mb: float


WEEK_MINUTES = 7 * 24 * 60
SLOT_STEP = 7919  # a prime, coprime with WEEK_MINUTES: consecutive reminders land far apart in the week


def reminder_slot(k: int) -> tuple[int, int, int]:
    """(weekday, hour, minute) of the k-th seeded reminder: spread evenly over the week's minutes at any count.

    Seeded reminders all at one hour made the load figures depend on when the bench ran: started shortly before
    that hour, the start-up sweep scheduled every learner's review round at once (66,667 jobs at 1,000,000
    learners) inside the measured process.
    """
    slot = (k * SLOT_STEP) % WEEK_MINUTES
    return slot // (24 * 60), slot // 60 % 24, slot % 60


def planned_external_ids(n: int) -> list[int]:
    """Telegram ids of the seeded learners who have a roadmap."""
    return [SEED_BASE + i for i in range(0, n, PLAN_EVERY)]


# Each table's INSERT, in the order the tables are filled.
SEED_INSERTS: dict[str, str] = {
    "learners": "INSERT INTO learners (id, channel, external_id, display_name, created_at, last_seen_at, timezone) "
                "VALUES (?, 'telegram', ?, ?, ?, ?, NULL)",
    "dialogue_states": "INSERT INTO dialogue_states (learner_id, state, version, updated_at) VALUES (?, ?, ?, ?)",
    "profiles": "INSERT INTO profiles (learner_id, profile, updated_at) VALUES (?, ?, ?)",
    "roadmaps": "INSERT INTO roadmaps (learner_id, version, created_at, reason, target_role, profile_z, roadmap_z) "
                "VALUES (?, 1, ?, 'onboarding', ?, ?, ?)",
    "roadmap_items": "INSERT INTO roadmap_items (learner_id, stage_pos, stage_id, stage_order, item_key, entry_id) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
    "progress_events": "INSERT INTO progress_events (learner_id, item, done, on_date, hours, created_at) "
                       "VALUES (?, ?, 1, ?, NULL, ?)",
    "reminders": "INSERT INTO reminders (learner_id, weekday, hour, minute, timezone, active, paused) "
                 "VALUES (?, ?, ?, ?, 'UTC', 1, 0)",
}


@dataclass(frozen=True)
class Ready:
    """A template serialised once: the exact column values RoadmapRepo and the dialogue would store."""

    state: str
    version: int
    profile: str
    role: str | None
    profile_z: bytes | None
    roadmap_z: bytes | None
    items: list[tuple[Any, ...]]  # roadmap_items rows without the learner
    keys: list[str]

    @classmethod
    def of(cls, t: Template) -> Ready:
        """Serialise a template."""
        from bot.storage.codec import pack, roadmap_item_rows, target_role

        items = [] if t.roadmap is None else [row[1:] for row in roadmap_item_rows(0, t.roadmap)]
        return cls(json.dumps(t.state), t.version, json.dumps(t.profile), target_role(t.profile),
                   None if t.roadmap is None else pack(t.profile), None if t.roadmap is None else pack(t.roadmap),
                   items, t.item_keys)


@dataclass(frozen=True)
class SeedRows:
    """The rows of `n` seeded learners, table by table, every one copied from a serialised template."""

    n: int
    first_id: int  # the database id of the first seeded learner
    planned: list[Ready]
    middle: list[Ready]
    stamp: str  # created/updated timestamps
    day: str  # the date of the progress marks

    def template(self, i: int) -> Ready:
        """The template of the i-th learner: one in PLAN_EVERY has a plan."""
        pool = self.planned if i % PLAN_EVERY == 0 else self.middle
        return pool[(i // PLAN_EVERY) % len(pool)]

    def rows(self, table_name: str) -> Iterator[tuple[Any, ...]]:
        """Every row of one table, learner by learner."""
        for i in range(self.n):
            lid = self.first_id + i
            t = self.template(i)
            if table_name == "learners":
                yield (lid, str(SEED_BASE + i), f"Learner {i}", self.stamp, self.stamp)
            elif table_name == "dialogue_states":
                yield (lid, t.state, t.version, self.stamp)
            elif table_name == "profiles":
                yield (lid, t.profile, self.stamp)
            elif t.roadmap_z is None:
                continue
            elif table_name == "roadmaps":
                yield (lid, self.stamp, t.role, t.profile_z, t.roadmap_z)
            elif table_name == "roadmap_items":
                for item in t.items:
                    yield (lid, *item)
            elif table_name == "progress_events":
                for key in t.keys:
                    yield (lid, key, self.day, self.stamp)
            elif table_name == "reminders" and (i // PLAN_EVERY) % REMINDER_EVERY == 0:
                yield (lid, *reminder_slot(i // PLAN_EVERY // REMINDER_EVERY))


def seed_learners(path: Path, n: int, catalog: Catalog, today: date = TODAY, batch: int = 20_000) -> SeedInfo:
    """Fill a fresh file database with `n` Telegram learners quickly: every row is copied from a template
    serialised once, and each table is filled with one `executemany` per batch inside one transaction.

    Every learner has a dialogue state and profile copied from a real conversation; one in PLAN_EVERY
    finished onboarding (a roadmap as RoadmapRepo stores it, its `roadmap_items` rows, two progress marks), and
    one in REMINDER_EVERY of those has a reminder (at `reminder_slot`, UTC). `batch` only bounds memory (rows per
    executemany).
    """
    from bot.storage.db import open_database

    began = time.perf_counter()
    planned, middle = make_templates(catalog, today)
    db = open_database(path)
    stamp = datetime.combine(today, datetime.min.time(), tzinfo=UTC).isoformat(timespec="microseconds")
    first_id = int(db.execute("SELECT coalesce(max(id), 0) FROM learners").fetchone()[0]) + 1
    db.close()
    seed = SeedRows(n, first_id, [Ready.of(t) for t in planned], [Ready.of(t) for t in middle], stamp,
                    today.isoformat())
    reminders = _bulk_insert(path, seed, batch)
    _flush_to_disk(path)
    with_plan = len(range(0, n, PLAN_EVERY))
    return SeedInfo(n, with_plan, reminders, time.perf_counter() - began, path.stat().st_size / 1e6)


def _bulk_insert(path: Path, seed: SeedRows, batch: int) -> int:
    """Insert every seeded row in one transaction; the number of reminders in the database afterwards."""
    # A throw-away bench file: no journal (a crash while seeding just reseeds), so a million learners are written
    # once instead of once to the WAL and again by the checkpoint; the secondary indexes are dropped and built
    # again afterwards with the migrations' own SQL (one sort each instead of millions of scattered inserts).
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-65536")
        indexes = [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
            f"({', '.join('?' * len(SEED_INSERTS))})", list(SEED_INSERTS))]
        names = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
            f"({', '.join('?' * len(SEED_INSERTS))})", list(SEED_INSERTS))]
        conn.execute("BEGIN")
        for name in names:
            conn.execute(f'DROP INDEX "{name}"')
        for name, sql in SEED_INSERTS.items():
            source = seed.rows(name)
            while chunk := list(itertools.islice(source, batch)):
                conn.executemany(sql, chunk)
        for sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        reminders = int(conn.execute("SELECT count(*) FROM reminders").fetchone()[0])
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    return reminders


def _flush_to_disk(path: Path) -> None:
    """fsync a file written without syncing."""
    # Flushed now, or the load run's first checkpoint (whose fsync waits for every dirty page of the file) pays
    # for the seeding, gigabytes at 1,000,000 learners, inside the measured window.
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# ---------------------------------------------------------------- bench updates
async def timed(app: Any, payload: dict[str, Any]) -> float:
    """Seconds to process one update (de_json included)."""
    began = time.perf_counter()
    await feed(app, payload)
    return time.perf_counter() - began


@dataclass
class Cost:
    """Per-update times of one kind of update."""

    label: str
    samples_ms: list[float]
    note: str = ""

    @property
    def median(self) -> float:
        """Median ms."""
        return statistics.median(self.samples_ms) if self.samples_ms else float("nan")

    @property
    def mean(self) -> float:
        """Mean ms."""
        return statistics.fmean(self.samples_ms) if self.samples_ms else float("nan")


@dataclass
class UpdateCosts:
    """Everything `bench updates` measures."""

    echo_text: Cost
    echo_tap: Cost
    steps: list[Cost] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


async def _echo_costs(samples: int) -> tuple[Cost, Cost]:
    request = bench_api()
    app = echo_application(request, concurrent=False)
    text_ms: list[float] = []
    tap_ms: list[float] = []
    async with running(app):
        for i in range(samples + 20):
            user = 10_000 + i % 50
            spent = await timed(app, message_update("hello there, how are you?", user))
            if i >= 20:  # warm-up
                text_ms.append(spent * 1000)
        for i in range(samples + 20):
            user = 10_000 + i % 50
            last = request.last(user)
            assert last is not None
            spent = await timed(app, callback_update(last, "v1|1|role:ml-engineer", user))
            if i >= 20:
                tap_ms.append(spent * 1000)
    return Cost("echo: text message", text_ms), Cost("echo: button tap", tap_ms)


def _users(base: int, n: int) -> Iterator[int]:
    return iter(range(base, base + n))


async def _waypoint_costs(settings: Settings, learners: int) -> tuple[list[Cost], dict[str, int], list[str]]:
    """Time each kind of step over `learners` fresh users, every one at the same point of the conversation."""
    request = bench_api()
    errors: list[BaseException] = []
    app = waypoint_application(settings, request)
    async with running(app, errors):
        harness = AppHarness(app, request, errors)
        # Warm-up: one learner all the way (imports, catalog indexes, first plan).
        warm = BotClient(harness, 1)
        await warm.onboard()
        people = [BotClient(harness, uid) for uid in _users(100_000, learners)]
        start_ms, tap_ms = await _time_first_steps(app, people)
        text_ms = await _time_free_text(app, [BotClient(harness, uid) for uid in _users(200_000, learners)])
        plan_ms, mark_ms, progress_ms = await _time_plan_and_progress(app, people)
    costs = [
        Cost("dialogue: /start (new learner)", start_ms),
        Cost("dialogue: button answer", tap_ms),
        Cost("dialogue: free-text answer", text_ms, "understanding"),
        Cost("roadmap: plan + send as text", plan_ms, "planner"),
        Cost("progress: ✅ mark + re-plan", mark_ms, "replan"),
        Cost("progress: /progress", progress_ms),
    ]
    return costs, dict(request.counts), [repr(e) for e in errors]


async def _time_first_steps(app: Any, people: list[BotClient]) -> tuple[list[float], list[float]]:
    """Ms of /start as a new learner's first message, then of a button answer (the role question)."""
    start_ms: list[float] = []
    tap_ms: list[float] = []
    for person in people:  # /start as the first message: new learner row, state, first question
        start_ms.append(await timed(app, person.send_payload("/start")) * 1000)
    for person in people:  # a button answer: the role question
        payload = person.tap_payload(ONBOARDING_TAPS[0])
        assert payload is not None, "the first question has no role buttons"
        tap_ms.append(await timed(app, payload) * 1000)
    return start_ms, tap_ms


async def _time_free_text(app: Any, texters: list[BotClient]) -> list[float]:
    """Ms of a free-text answer (everything in one message) at the first question."""
    for person in texters:
        await person.send("/start")
    # free text at the first question: understanding + dialogue
    return [await timed(app, person.send_payload(ONE_MESSAGE)) * 1000 for person in texters]


async def _time_plan_and_progress(app: Any, people: list[BotClient]) -> tuple[list[float], list[float], list[float]]:
    """Ms of the tap that makes the plan, of a ✅ mark, and of /progress, once per learner."""
    plan_ms: list[float] = []
    mark_ms: list[float] = []
    for person in people:
        await person.onboard_until_plan()
    for person in people:  # the tap that plans, stores and sends the roadmap as text
        payload = person.tap_payload(PLAN_LABEL)
        assert payload is not None
        plan_ms.append(await timed(app, payload) * 1000)
    for person in people:  # a ✅ on the first stage page: mark, re-plan, redraw, report
        label = person.mark_button()
        if label is None:
            continue
        payload = person.tap_payload(label)
        assert payload is not None
        mark_ms.append(await timed(app, payload) * 1000)
    progress_ms = [await timed(app, person.send_payload("/progress")) * 1000 for person in people]
    return plan_ms, mark_ms, progress_ms


def update_costs(settings: Settings, learners: int = 100, echo_samples: int = 500) -> UpdateCosts:
    """Run both applications (fresh event loops) and return the per-update figures."""
    echo_text, echo_tap = asyncio.run(_echo_costs(echo_samples))
    steps, calls, errors = asyncio.run(_waypoint_costs(settings, learners))
    return UpdateCosts(echo_text, echo_tap, steps, calls, errors)


def _timed_ms(fn: Any, repeat: int) -> list[float]:
    fn()  # warm-up (fonts, caches)
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def file_costs(catalog: Catalog, repeat: int = 20) -> dict[str, tuple[float, float, int]]:
    """Median and p95 ms and size in bytes of the timeline picture and the calendar file, on their own."""
    from bot.domain.calendar_ics import roadmap_ics
    from bot.domain.planner import plan
    from bot.domain.profile import LearnerProfile
    from bot.domain.timeline import timeline_png

    profile = LearnerProfile(target_role="ml-engineer", hours_per_week=10, wants_certificates=True,
                             deadline=date(2026, 12, 31), known_skills=["python"])
    roadmap = plan(profile, catalog, TODAY)
    done = {stage.id: 0.5 for stage in roadmap.stages[:2]}
    png = _timed_ms(lambda: timeline_png(roadmap, done, TODAY), repeat)
    ics = _timed_ms(lambda: roadmap_ics(roadmap), repeat)
    return {
        "timeline picture (PNG)": (percentile(png, 50), percentile(png, 95), len(timeline_png(roadmap, done, TODAY))),
        "calendar file (.ics)": (percentile(ics, 50), percentile(ics, 95), len(roadmap_ics(roadmap))),
    }


def run_updates(catalog: Catalog, learners: int = 100, content_dir: Path | None = None) -> tuple[list[str],
                                                                                                    list[Target]]:
    """`waypoint bench updates`: report lines and target verdicts."""
    with tempfile.TemporaryDirectory(prefix="waypoint-bench-") as tmp:
        costs = update_costs(bench_settings(Path(tmp) / "bench.db", content_dir), learners=learners)
    files = file_costs(catalog)
    base = costs.echo_text.median
    rows: list[list[object]] = []
    for cost in (costs.echo_text, costs.echo_tap, *costs.steps):
        rows.append([cost.label, len(cost.samples_ms), cost.median, percentile(cost.samples_ms, 95),
                     f"{ratio(cost.median, base):.1f}x"])
    lines = ["Per update, one at a time: de_json → handlers → services → SQLite commit (WAL, file) → replies,",
             "on the same in-memory fake Bot API for both bots; AIORateLimiter off in both (it models Telegram's",
             "30 msg/s limit, not the bot's cost). Ratio = median / the echo bot's median for a text message.",
             *table(["update", "n", "median ms", "p95 ms", "vs echo"], rows, [32, 5, 10, 8, 8])]
    lines.append("")
    lines += table(["generated on its own", "median ms", "p95 ms", "bytes"],
                   [[k, v[0], v[1], v[2]] for k, v in files.items()], [32, 10, 8, 8])
    if costs.errors:
        lines.append(f"handler errors during the run ({len(costs.errors)}): {costs.errors[:3]}")
    calls = ", ".join(f"{k} {v}" for k, v in sorted(costs.calls.items()))
    lines.append(f"Bot API calls made: {calls}")
    by_label = {c.label: c for c in costs.steps}
    step = max(by_label["dialogue: button answer"].median, by_label["dialogue: free-text answer"].median)
    roadmap = by_label["roadmap: plan + send as text"].median
    picture = files["timeline picture (PNG)"][0]
    targets = [
        Target("dialogue step (worst kind) vs echo", f"{ratio(step, base):.1f}x", f"< {TARGET_STEP_X:g}x",
               ratio(step, base) < TARGET_STEP_X),
        Target("roadmap step vs echo", f"{ratio(roadmap, base):.1f}x", f"< {TARGET_ROADMAP_X:g}x",
               ratio(roadmap, base) < TARGET_ROADMAP_X),
        Target("timeline picture", f"{picture:.1f} ms", f"< {TARGET_PICTURE_MS:g} ms", picture < TARGET_PICTURE_MS),
    ]
    return lines, targets


# ---------------------------------------------------------------- bench load
def _summary(result: Any) -> dict[str, Any]:
    return {
        "label": result.label, "updates": result.updates, "seconds": result.seconds,
        "per_second": result.per_second, "p50_ms": percentile(result.latencies_ms, 50),
        "p99_ms": percentile(result.latencies_ms, 99), "kinds": dict(result.kinds),
        "errors": result.errors[:5], "error_count": len(result.errors), "peak_rss_mb": peak_rss_mb(),
    }


def child(args: dict[str, Any]) -> dict[str, Any]:
    """One load run in this (child) process: 'echo', or 'waypoint' on the seeded database `db`."""
    from bot.bench.load import load_echo, load_waypoint

    users, duration = int(args["users"]), float(args["duration"])
    if args["kind"] == "echo":
        return _summary(asyncio.run(load_echo(users, duration)))
    queue = _returning(int(args["learners"]))
    rss_before = peak_rss_mb()
    settings = bench_settings(Path(args["db"]), Path(args["content_dir"]) if args.get("content_dir") else None)
    result = asyncio.run(load_waypoint(settings, users, duration, queue, NEW_BASE))
    return {**_summary(result), "rss_before_mb": rss_before}


def _returning(n: int, seed: int = 8) -> Any:
    """A function giving seeded learners with a plan in random order, each once (None when all have come back),
    without a list of every one of them in the measured process."""
    rng = random.Random(seed)
    planned = len(range(0, n, PLAN_EVERY))
    used: set[int] = set()

    def pick() -> int | None:
        if len(used) >= planned:
            return None
        while (k := rng.randrange(planned)) in used:
            pass
        used.add(k)
        return SEED_BASE + k * PLAN_EVERY

    return pick


def storage_figures(path: Path, learners: int, with_plan: int) -> dict[str, float]:
    """Database bytes per learner, and per learner with a plan: the rows (and index entries) only planned
    learners have, divided among them, plus every learner's share of the rest (dbstat: pages per table)."""
    conn = sqlite3.connect(path)
    try:
        owners = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"))
        sizes: dict[str, int] = {}
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            table_name = owners.get(name, name)
            sizes[table_name] = sizes.get(table_name, 0) + int(size)
    finally:
        conn.close()
    planned = sum(sizes.get(t, 0) for t in PLANNED_TABLES)
    shared = sum(sizes.values()) - planned
    return {"bytes_per_learner": sum(sizes.values()) / max(learners, 1),
            "bytes_per_planned": planned / max(with_plan, 1) + shared / max(learners, 1),
            "roadmap_versions": float(sizes.get("roadmaps", 0))}


def _run_child(args: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bot.bench.updates", json.dumps(args)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"load child failed ({done.returncode}): {done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_load(catalog: Catalog, sizes: list[int], users: int = 50, duration: float = 20.0,
             content_dir: Path | None = None, keep: Path | None = None) -> tuple[list[str], list[Target]]:
    """`waypoint bench load`: the echo bot, then Waypoint with each number of seeded learners."""
    lines = [f"Closed loop: {users} simulated users at once, each sending its next update when the previous one",
             f"was handled; {duration:g} s per run; concurrent updates on (PerUserUpdateProcessor); latency is",
             "from queueing the update (de_json included) to the end of its last handler.",
             "Waypoint mix per session: a new learner onboards by buttons (dialogue steps + the plan) or a seeded",
             "learner with a plan returns (/plan); then up to 3 ✅ marks (each re-plans) and /progress."]
    echo = _run_child({"kind": "echo", "users": users, "duration": duration})
    rows: list[list[object]] = [["echo bot", "-", echo["updates"], echo["per_second"], "100%", echo["p50_ms"],
                                 echo["p99_ms"], "1.0x", echo["peak_rss_mb"], "-", "-"]]
    planned_sizes: list[float] = []
    per_second: list[float] = []
    targets: list[Target] = []
    notes: list[str] = []
    for n in sizes:
        run, storage = _seeded_run(catalog, n, users, duration, content_dir, keep, notes)
        fraction = ratio(run["per_second"], echo["per_second"])
        p99x = ratio(run["p99_ms"], echo["p99_ms"])
        per_learner_kb, planned_kb = storage["bytes_per_learner"] / 1000, storage["bytes_per_planned"] / 1000
        planned_sizes.append(planned_kb)
        per_second.append(run["per_second"])
        rows.append([f"waypoint {n:,}", f"{n:,}", run["updates"], run["per_second"], f"{fraction:.0%}",
                     run["p50_ms"], run["p99_ms"], f"{p99x:.1f}x", run["peak_rss_mb"], per_learner_kb, planned_kb])
        mix = ", ".join(f"{k} {v}" for k, v in sorted(run["kinds"].items()))
        notes.append(f"{n:,} learners: mix {mix}; handler errors {run['error_count']} {run['errors'][:2]}; "
                     f"RSS after start-up {run['rss_before_mb']:.0f} MB")
        targets += _size_targets(n, fraction, p99x, run["peak_rss_mb"], planned_kb)
    if len(sizes) > 1:
        targets += _scale_targets(sizes, per_second, planned_sizes)
    lines += table(["run", "learners", "updates", "updates/s", "of echo", "p50 ms", "p99 ms", "p99/echo",
                    "peak RSS MB", "KB/learner", "KB/planned"], rows, [16, 9, 8, 10, 8, 8, 8, 9, 11, 10, 10])
    lines.append("KB/learner: database pages / learners after the run; KB/planned: the pages of rows only a learner "
                 "with a plan has (roadmap versions, item index, marks, reminder) per such learner, plus every "
                 "learner's share of the rest.")
    lines += notes
    return lines, targets


def _seeded_run(catalog: Catalog, n: int, users: int, duration: float, content_dir: Path | None,
                keep: Path | None, notes: list[str]) -> tuple[dict[str, Any], dict[str, float]]:
    """Seed a database of `n` learners (unless `keep` holds one), run the load on it in a child process and
    measure its storage; the seeding's figures go to `notes`."""
    with tempfile.TemporaryDirectory(prefix="waypoint-load-") as tmp:
        path = (keep or Path(tmp)) / f"load-{n}.db"
        if keep is None or not path.exists():
            info = seed_learners(path, n, catalog)
            notes.append(f"seeded {info.learners:,} learners ({info.with_plan:,} with a roadmap, "
                         f"{info.reminders:,} reminders) in {info.seconds:.1f} s; database {info.size_mb:,.0f} MB")
        run = _run_child({"kind": "waypoint", "users": users, "duration": duration, "db": str(path),
                          "learners": n, "content_dir": str(content_dir) if content_dir else None})
        storage = storage_figures(path, n, len(range(0, n, PLAN_EVERY)))
    return run, storage


def _size_targets(n: int, fraction: float, p99x: float, peak_rss_mb: float, planned_kb: float) -> list[Target]:
    """The verdicts of one database size: throughput and p99 against the echo bot, memory, bytes per plan."""
    targets = [
        Target(f"throughput vs echo ({n:,})", f"{fraction:.1%}", f">= {TARGET_THROUGHPUT_FRACTION:.0%}",
               fraction >= TARGET_THROUGHPUT_FRACTION),
        Target(f"p99 vs echo p99 ({n:,})", f"{p99x:.1f}x", f"< {TARGET_P99_X:g}x", p99x < TARGET_P99_X),
    ]
    if n >= 100_000:
        targets.append(Target(f"peak RSS ({n:,})", f"{peak_rss_mb:.0f} MB", f"< {TARGET_RSS_MB:g} MB",
                              peak_rss_mb < TARGET_RSS_MB))
    targets.append(Target(f"db KB per planned learner ({n:,})", f"{planned_kb:.1f} KB",
                          f"< {TARGET_PLANNED_KB:g} KB", planned_kb < TARGET_PLANNED_KB))
    return targets


def _scale_targets(sizes: list[int], per_second: list[float], planned_sizes: list[float]) -> list[Target]:
    """The verdicts across sizes: throughput and bytes per plan at the largest database against the smallest."""
    scale = ratio(per_second[-1], per_second[0])
    growth = ratio(planned_sizes[-1], planned_sizes[0])
    return [
        Target(f"throughput {sizes[-1]:,} vs {sizes[0]:,}", f"{scale:.0%}", f">= {TARGET_SCALE_FRACTION:.0%}",
               scale >= TARGET_SCALE_FRACTION),
        Target(f"db per planned learner {sizes[-1]:,} vs {sizes[0]:,}", f"{growth:.2f}x", "<= 1.10x",
               growth <= 1.10),
    ]


def main() -> None:
    """Child-process entry: one JSON argument in, one JSON line out."""
    result = child(json.loads(sys.argv[1]))
    print(json.dumps({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in result.items()}))


if __name__ == "__main__":
    main()
