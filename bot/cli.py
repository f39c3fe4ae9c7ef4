"""The `waypoint` command (also `python -m bot`): run, chat, plan, understand, content, db, bench."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from bot import texts
from bot.config import Settings, SettingsError, load_settings
from bot.domain.catalog import Catalog, CatalogError
from bot.logs import format_exception_redacted, redact_in_logs

if TYPE_CHECKING:
    from sqlite_utils import Database

app = typer.Typer(help=texts.CLI_APP_HELP, no_args_is_help=True,
                  pretty_exceptions_show_locals=False)  # locals hold the settings, token included
content_app = typer.Typer(help=texts.CLI_CONTENT_HELP, no_args_is_help=True)
db_app = typer.Typer(help=texts.CLI_DB_HELP, no_args_is_help=True)
bench_app = typer.Typer(help=texts.CLI_BENCH_HELP, no_args_is_help=True)
app.add_typer(content_app, name="content")
app.add_typer(db_app, name="db")
app.add_typer(bench_app, name="bench")


def settings_or_exit() -> Settings:
    """Load settings or exit with the one-line error."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(texts.CLI_CONFIG_ERROR.format(error=exc), err=True)
        raise typer.Exit(2) from None
    if settings.telegram_bot_token is not None:
        # Before anything can log or crash: every later log line and traceback shows it redacted.
        redact_in_logs(settings.telegram_bot_token.get_secret_value())
    return settings


def catalog_or_exit(directory: Path | None = None) -> Catalog:
    """Load the catalog (given dir or the configured one) or exit listing every problem."""
    directory = directory or settings_or_exit().content_dir
    try:
        return Catalog.load(directory)
    except CatalogError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None


def open_db_or_exit(path: Path) -> Database:
    """Open (create, migrate) the database or exit with one line saying why it cannot be used."""
    import sqlite3

    from bot.storage.db import SchemaError, open_database

    try:
        return open_database(path)
    except (SchemaError, sqlite3.Error, OSError) as exc:
        typer.echo(texts.CLI_DB_OPEN_FAILED.format(path=path, error=exc), err=True)
        raise typer.Exit(1) from None


# ---------------------------------------------------------------- content
@content_app.command("validate")
def content_validate(
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
) -> None:
    """Validate the catalog: exit 0 and print counts, or exit 1 listing every problem."""
    catalog = catalog_or_exit(directory)
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in catalog.counts().items())
    typer.echo(texts.CLI_CATALOG_OK.format(counts=counts))


@content_app.command("stats")
def content_stats(directory: Annotated[Path | None, typer.Option("--dir")] = None) -> None:
    """Print counts by kind, status, cost and provider."""
    catalog = catalog_or_exit(directory)
    for kind, n in catalog.counts().items():
        typer.echo(f"{kind:>18}: {n}")
    free = sum(1 for c in catalog.courses if c.cost_usd == 0)
    retired_courses = sum(1 for c in catalog.courses if c.status != "active")
    retired_certs = sum(1 for c in catalog.certifications if c.status != "active")
    providers = sorted({c.provider for c in catalog.courses})
    typer.echo(texts.CLI_STATS_COURSES.format(free=free, paid=len(catalog.courses) - free, retired=retired_courses))
    typer.echo(texts.CLI_STATS_RETIRED_CERTS.format(n=retired_certs))
    typer.echo(texts.CLI_STATS_PROVIDERS.format(n=len(providers), providers=", ".join(providers)))


@content_app.command("show")
def content_show(entry_id: str, directory: Annotated[Path | None, typer.Option("--dir")] = None) -> None:
    """Print one entry (any kind) as JSON."""
    catalog = catalog_or_exit(directory)
    entry = catalog.get(entry_id)
    if entry is None:
        from rapidfuzz import process

        close = [m[0] for m in process.extract(entry_id, list(catalog.entries), limit=5)]
        typer.echo(texts.CLI_NO_ENTRY.format(entry=entry_id, closest=", ".join(close)), err=True)
        raise typer.Exit(1)
    section = catalog.entries[entry_id][0]
    typer.echo(json.dumps({"kind": section, **entry.model_dump(mode="json")}, indent=2, ensure_ascii=False))


@content_app.command("audit")
def content_audit(
    directory: Annotated[Path | None, typer.Option("--dir")] = None,
    today: Annotated[str | None, typer.Option("--today", help=texts.CLI_HELP_TODAY)] = None,
    show_all: Annotated[bool, typer.Option("--all", help=texts.CLI_HELP_AUDIT_ALL)] = False,
) -> None:
    """Per course and certification: verification state, source kind, days since checked; list what is due."""
    from datetime import date as _date

    from bot.domain.audit import RECHECK_AFTER_DAYS, audit

    catalog = catalog_or_exit(directory)
    try:
        day = _date.fromisoformat(today) if today else _date.today()
    except ValueError:
        typer.echo(texts.CLI_AUDIT_BAD_TODAY.format(today=today), err=True)
        raise typer.Exit(2) from None
    report = audit(catalog, day)
    rows = report.rows if show_all else report.due
    typer.echo(texts.CLI_AUDIT_HEADER)
    for row in rows:
        age = texts.CLI_AUDIT_AGE.format(days=row.age_days) if row.age_days is not None else texts.CLI_AUDIT_NEVER
        kind = row.section[:-1] + ("" if row.active else texts.CLI_AUDIT_RETIRED)
        typer.echo(f"{row.id:<44}{kind:<15}{row.state:<12}{row.source_kind.value:<12}{age:>8}")
    counts = report.counts()
    summary = ", ".join(f"{counts.get(k, 0)} {k.replace('_', '-')}" for k in
                        ("verified", "due", "unverified", "provider", "third_party"))
    typer.echo(texts.CLI_AUDIT_SUMMARY.format(n=len(report.rows), summary=summary, days=RECHECK_AFTER_DAYS,
                                              due=len(report.due)))
    if report.unsourced:
        typer.echo(texts.CLI_AUDIT_UNSOURCED.format(ids=", ".join(r.id for r in report.unsourced)), err=True)
        raise typer.Exit(1)


@content_app.command("links")
def content_links(
    directory: Annotated[Path | None, typer.Option("--dir")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help=texts.CLI_HELP_TIMEOUT)] = 10.0,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, max=64)] = 8,
) -> None:
    """Check every URL the catalog cites; list broken links and redirects; exit 1 if any is broken."""
    import asyncio

    from bot.services.links import check_catalog, report_lines

    catalog = catalog_or_exit(directory)
    results = asyncio.run(check_catalog(catalog, timeout=timeout, concurrency=concurrency))
    for line in report_lines(results):
        typer.echo(line)
    if any(r.broken for r in results):
        raise typer.Exit(1)


# ---------------------------------------------------------------- db
DbOption = Annotated[Path | None, typer.Option("--db", help=texts.CLI_HELP_DB)]


def _db_path(db: Path | None) -> Path:
    """The --db path, or the configured one."""
    return db if db is not None else settings_or_exit().db_path


@db_app.command("migrate")
def db_migrate(db: DbOption = None) -> None:
    """Create the database if needed and apply every pending migration."""
    from sqlite_utils import Database

    from bot.storage.db import SchemaError, open_database, schema_version
    from bot.storage.migrations import MIGRATION_NAMES, MIGRATIONS

    path = _db_path(db)
    pending = list(MIGRATION_NAMES)
    if path.is_file():
        with Database(path) as probe:
            pending = [m.name for m in MIGRATIONS.pending(probe)]
    try:
        database = open_database(path)
    except SchemaError as exc:
        typer.echo(texts.CLI_MIGRATE_FAILED.format(path=path, error=exc), err=True)
        raise typer.Exit(1) from None
    with database:
        version = schema_version(database)
    done = texts.CLI_MIGRATE_APPLIED.format(names=", ".join(pending)) if pending else texts.CLI_MIGRATE_NOTHING
    typer.echo(texts.CLI_MIGRATE_DONE.format(path=path, version=version, done=done))


@db_app.command("info")
def db_info(db: DbOption = None) -> None:
    """Print the schema version, pending migrations and row counts."""
    from sqlite_utils import Database

    from bot.storage.db import SchemaError, inspect_database, table_counts
    from bot.storage.migrations import MIGRATIONS

    path = _db_path(db)
    try:
        version = inspect_database(path)
    except SchemaError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    with Database(path) as database:
        pending = [m.name for m in MIGRATIONS.pending(database)]
        counts = table_counts(database)
    typer.echo(texts.CLI_INFO_DATABASE.format(path=path, size=path.stat().st_size))
    state = texts.CLI_INFO_PENDING.format(names=", ".join(pending)) if pending else texts.CLI_INFO_UP_TO_DATE
    typer.echo(texts.CLI_INFO_SCHEMA.format(version=version, state=state))
    for table, n in counts.items():
        typer.echo(f"{table:>16}: {n}")


@db_app.command("backup")
def db_backup(
    dest: Annotated[Path, typer.Argument(help=texts.CLI_HELP_BACKUP_DEST)],
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help=texts.CLI_HELP_FORCE)] = False,
) -> None:
    """Write a consistent copy of the database with SQLite's online backup (safe while the bot runs)."""
    from bot.storage.db import SchemaError, backup_database, inspect_database

    path = _db_path(db)
    if dest.is_dir():
        problem = texts.DB_ERR_IS_DIRECTORY.format(dest=dest, example=dest / "waypoint-backup.db")
        typer.echo(texts.CLI_BACKUP_FAILED.format(error=problem), err=True)
        raise typer.Exit(1)
    if dest.exists() and not force:
        typer.echo(texts.CLI_BACKUP_EXISTS.format(dest=dest), err=True)
        raise typer.Exit(1)
    if dest.exists() and dest.resolve() == path.resolve():
        typer.echo(texts.CLI_BACKUP_SAME_FILE, err=True)
        raise typer.Exit(1)
    try:
        inspect_database(path)
        backup_database(path, dest)
        version = inspect_database(dest)
    except SchemaError as exc:
        typer.echo(texts.CLI_BACKUP_FAILED.format(error=exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(texts.CLI_BACKED_UP.format(path=path, dest=dest, version=version))


@db_app.command("restore")
def db_restore(
    source: Annotated[Path, typer.Argument(help=texts.CLI_HELP_RESTORE_SOURCE)],
    db: DbOption = None,
) -> None:
    """Replace the database with a backup; the current one is first saved next to it."""
    from datetime import UTC, datetime

    from bot.storage.db import SchemaError, inspect_database, restore_database
    from bot.storage.lock import DatabaseInUse, DatabaseLock

    path = _db_path(db)
    try:
        inspect_database(source)
    except SchemaError as exc:
        typer.echo(texts.CLI_NOT_RESTORING.format(error=exc), err=True)
        raise typer.Exit(1) from None
    if path.exists() and source.resolve() == path.resolve():
        typer.echo(texts.CLI_RESTORE_SAME_FILE, err=True)
        raise typer.Exit(1)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
    try:
        # A running bot would keep serving (and reminding) from ids that now mean other people.
        with DatabaseLock(path):
            version = restore_database(source, path, aside)
    except DatabaseInUse:
        typer.echo(texts.CLI_RESTORE_IN_USE.format(path=path), err=True)
        raise typer.Exit(1) from None
    except SchemaError as exc:
        typer.echo(texts.CLI_RESTORE_FAILED.format(error=exc), err=True)
        raise typer.Exit(1) from None
    if aside.exists():
        typer.echo(texts.CLI_SAVED_ASIDE.format(aside=aside))
    typer.echo(texts.CLI_RESTORED.format(source=source, path=path, version=version))


# ---------------------------------------------------------------- content: admin changes
def _admin_service(db: Path | None) -> Any:
    """The CatalogAdminService over the configured content and database (the same one the bot uses)."""
    from bot.services.catalog_admin import CatalogAdminService

    settings = settings_or_exit()
    base = catalog_or_exit(settings.content_dir)
    return CatalogAdminService(open_db_or_exit(db if db is not None else settings.db_path), base)


def _admin_result(result: Any) -> None:
    """Print a change result; exit 1 when it was refused."""
    from bot.services.catalog_admin import result_lines

    for line in result_lines(result):
        typer.echo(line, err=not result.ok)
    if not result.ok:
        raise typer.Exit(1)


@content_app.command("add")
def content_add(section: str, file: Path, db: DbOption = None) -> None:
    """Add the entry (or list of entries) in a YAML or JSON file to SECTION (course, cert, skill, role, project)."""
    import yaml

    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))  # JSON is YAML too
    except (OSError, yaml.YAMLError) as exc:
        typer.echo(texts.CLI_CANNOT_READ_ENTRIES.format(file=file, error=exc), err=True)
        raise typer.Exit(1) from None
    service = _admin_service(db)
    for entry in data if isinstance(data, list) else [data]:
        _admin_result(service.add(section, entry, f"cli:{_default_user()}"))


@content_app.command("edit")
def content_edit(entry_id: str, fields: Annotated[list[str], typer.Argument(help="field=value ...")],
                 db: DbOption = None) -> None:
    """Change fields of an entry: waypoint content edit ml-spec cost_usd=49 "title=Deep Learning"."""
    import shlex

    # The shell already removed the quotes; quote each value again for the one-line form parser.
    parts = [f.partition("=") for f in fields]
    form = " ".join(f"{k}={shlex.quote(v)}" if sep else shlex.quote(k) for k, sep, v in parts)
    _admin_result(_admin_service(db).edit(entry_id, form, f"cli:{_default_user()}"))


@content_app.command("retire")
def content_retire(entry_id: str, replacement: Annotated[str | None, typer.Argument()] = None,
                   db: DbOption = None) -> None:
    """Retire an entry, optionally naming its replacement (nothing is ever hard-deleted)."""
    _admin_result(_admin_service(db).retire(entry_id, replacement, actor=f"cli:{_default_user()}"))


@content_app.command("history")
def content_history(entry_id: Annotated[str | None, typer.Argument()] = None, db: DbOption = None,
                    limit: Annotated[int, typer.Option("--limit")] = 20) -> None:
    """Admin changes, newest first: who, when, what changed (before → after)."""
    from bot.services.catalog_admin import history_lines

    for line in history_lines(_admin_service(db).history(entry_id, limit=limit)):
        typer.echo(line)


@content_app.command("undo")
def content_undo(change_id: Annotated[int | None, typer.Argument()] = None, db: DbOption = None) -> None:
    """Undo a change (the latest by default); an undo is itself a change and can be undone."""
    _admin_result(_admin_service(db).undo(change_id, actor=f"cli:{_default_user()}"))


@content_app.command("export")
def content_export(directory: Path, db: DbOption = None) -> None:
    """Write the effective catalog (shipped content + admin changes) as YAML files into DIRECTORY."""
    directory.mkdir(parents=True, exist_ok=True)
    files = _admin_service(db).export_yaml()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    typer.echo(texts.CLI_EXPORTED.format(n=len(files), directory=directory))


# ---------------------------------------------------------------- plan
def _plan_usage_error(message: str) -> NoReturn:
    """Print one clear error line and exit 2 (bad input, never a traceback)."""
    typer.echo(texts.CLI_ERROR.format(message=message), err=True)
    raise typer.Exit(2)


@app.command("plan")
def plan_command(
    profile: Annotated[Path | None, typer.Option("--profile", help=texts.CLI_HELP_PROFILE)] = None,
    today: Annotated[str | None, typer.Option("--today", help=texts.CLI_HELP_PLAN_TODAY)] = None,
    output: Annotated[str, typer.Option("--format", help=texts.CLI_HELP_FORMAT)] = "json",
    schema: Annotated[bool, typer.Option("--schema", help=texts.CLI_HELP_SCHEMA)] = False,
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
    accept_earliest: Annotated[bool, typer.Option(
        "--accept-earliest", help=texts.CLI_HELP_ACCEPT_EARLIEST)] = False,
) -> None:
    """Plan a roadmap from a profile file and print it as JSON or Markdown."""
    from datetime import date

    from pydantic import ValidationError

    from bot.domain.planner import PlanError, ProfileFile, plan, profile_from_data
    from bot.domain.render import roadmap_markdown

    if schema:
        typer.echo(json.dumps(ProfileFile.model_json_schema(), indent=2, ensure_ascii=False))
        return
    if profile is None:
        _plan_usage_error(texts.CLI_PLAN_NO_PROFILE)
    if output not in ("json", "markdown"):
        _plan_usage_error(texts.CLI_PLAN_BAD_FORMAT.format(output=output))
    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError:
        _plan_usage_error(texts.CLI_BAD_TODAY.format(today=today))
    try:
        data = json.loads(profile.read_text(encoding="utf-8"))
    except OSError as exc:
        _plan_usage_error(texts.CLI_CANNOT_READ.format(file=profile, error=exc.strerror or exc))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        _plan_usage_error(texts.CLI_NOT_JSON.format(file=profile, error=exc))
    catalog = catalog_or_exit(directory)
    try:
        learner = profile_from_data(data, catalog)
        roadmap = plan(learner, catalog, day)
        missed = roadmap.explanations.deadline
        if accept_earliest and missed is not None and missed.accept_date is not None:
            roadmap = plan(learner.model_copy(update={"deadline": missed.accept_date}), catalog, day)
    except PlanError as exc:
        _plan_usage_error(str(exc))
    except ValidationError as exc:  # the profile's own bounds ("hours per week must be at least 0.5")
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "profile"
        _plan_usage_error(f"{where}: {str(err['msg']).removeprefix('Value error, ')}")
    if output == "markdown":
        typer.echo(roadmap_markdown(roadmap), nl=False)
        missed = roadmap.explanations.deadline
        if missed is not None and missed.accept_date is not None:
            typer.echo("\n" + texts.PLANNER_CLI_ACCEPT_HINT.format(date=missed.accept_date.isoformat()))
    else:
        typer.echo(json.dumps(roadmap.model_dump(mode="json"), indent=2, ensure_ascii=False))


@bench_app.command("plan")
def bench_plan(
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
    rounds: Annotated[int, typer.Option("--rounds", min=1, help=texts.CLI_HELP_ROUNDS_PROFILES)] = 20,
) -> None:
    """Print median and p95 plan time on the shipped catalog and on 10x and 100x generated ones."""
    from bot.bench.plan import run as run_plan_bench

    catalog = catalog_or_exit(directory)
    for line in run_plan_bench(catalog, rounds):
        typer.echo(line)


# ---------------------------------------------------------------- understand
@app.command("understand")
def understand_cmd(
    text: Annotated[str, typer.Argument(help=texts.CLI_HELP_UNDERSTAND_TEXT)],
    today: Annotated[str | None, typer.Option("--today", help=texts.CLI_HELP_UNDERSTAND_TODAY)] = None,
    as_json: Annotated[bool, typer.Option("--json", help=texts.CLI_HELP_JSON_FACTS)] = False,
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
) -> None:
    """Print the facts understood in TEXT as JSON (absent facts omitted)."""
    from datetime import date

    from bot.domain.understanding import understand

    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError:
        typer.echo(texts.CLI_BAD_TODAY.format(today=today), err=True)
        raise typer.Exit(2) from None
    facts = understand(text, catalog_or_exit(directory), day)
    data = facts.to_cli_json()
    if as_json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key, value in data.items():
        typer.echo(f"{key}: {value}")
    for question in facts.questions:
        typer.echo(f"? {question.prompt}")


@bench_app.command("understand")
def bench_understand(
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
    rounds: Annotated[int, typer.Option("--rounds", min=1, help=texts.CLI_HELP_ROUNDS_MESSAGES)] = 5,
) -> None:
    """Print median and p95 understand() time per message over the labelled set."""
    from bot.bench.understand import run as run_understand_bench

    for line in run_understand_bench(catalog_or_exit(directory), rounds):
        typer.echo(line)


@bench_app.command("accuracy")
def bench_accuracy(
    understanding: Annotated[Path | None, typer.Option("--understanding",
                                                       help=texts.CLI_HELP_UNDERSTANDING_FILE)] = None,
    jobads: Annotated[Path | None, typer.Option("--jobads", help=texts.CLI_HELP_JOBADS_FILE)] = None,
    misses: Annotated[bool, typer.Option("--misses", help=texts.CLI_HELP_MISSES)] = False,
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
) -> None:
    """Print per-field precision/recall of understanding and required/nice skill precision/recall of job ads.

    With neither file given, both development sets are scored; with one given, only that one.
    """
    from bot.bench.accuracy import JOBADS_DEV, UNDERSTANDING_DEV, LabelFileError
    from bot.bench.accuracy import run as run_accuracy

    if understanding is None and jobads is None:
        understanding, jobads = UNDERSTANDING_DEV, JOBADS_DEV
    try:
        lines = run_accuracy(catalog_or_exit(directory), understanding, jobads, misses)
    except LabelFileError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    for line in lines:
        typer.echo(line)


# ---------------------------------------------------------------- bench updates, load, all
LearnersOption = Annotated[list[int] | None, typer.Option("--learners", help=texts.CLI_HELP_LEARNERS_SEEDED)]


@bench_app.command("updates")
def bench_updates(
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
    learners: Annotated[int, typer.Option("--learners", min=5, help=texts.CLI_HELP_LEARNERS_PER_STEP)] = 100,
) -> None:
    """Per-update cost of Waypoint's steps against a bare echo bot on the same fake Bot API."""
    from bot.bench.updates import run_updates

    lines, targets = run_updates(catalog_or_exit(directory), learners, directory)
    for line in [*lines, "", *(t.line() for t in targets)]:
        typer.echo(line)


@bench_app.command("load")
def bench_load(
    learners: LearnersOption = None,
    users: Annotated[int, typer.Option("--users", min=1, help=texts.CLI_HELP_USERS)] = 50,
    duration: Annotated[float, typer.Option("--seconds", min=1, help=texts.CLI_HELP_SECONDS)] = 20.0,
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
) -> None:
    """Throughput, p50/p99 latency and peak RSS with 10,000 and 100,000 learners in the database."""
    from bot.bench.updates import run_load

    lines, targets = run_load(catalog_or_exit(directory), learners or [10_000, 100_000], users, duration, directory)
    for line in [*lines, "", *(t.line() for t in targets)]:
        typer.echo(line)


@bench_app.command("all")
def bench_all(
    learners: LearnersOption = None,
    users: Annotated[int, typer.Option("--users", min=1, help=texts.CLI_HELP_USERS)] = 50,
    duration: Annotated[float, typer.Option("--seconds", min=1, help=texts.CLI_HELP_SECONDS_LOAD)] = 20.0,
    directory: Annotated[Path | None, typer.Option("--dir", help=texts.CLI_HELP_CONTENT_DIR)] = None,
) -> None:
    """Run the plan, understand, updates and load benches and print one report."""
    from bot.bench.report import run_all

    for line in run_all(catalog_or_exit(directory), learners or [10_000, 100_000], users, duration, directory):
        typer.echo(line)


# ---------------------------------------------------------------- run, chat
def _default_user() -> str:
    """The terminal learner's name when --user is not given."""
    import os

    return os.environ.get("USER") or "local"


def _chat(settings: Settings, user: str, db: Path | None) -> int:
    """The terminal conversation on stdin/stdout over the configured (or given) database."""
    from datetime import date

    from bot.services.catalog_admin import CatalogAdminService
    from bot.services.conversation import ConversationService
    from bot.terminal import run_chat

    base = catalog_or_exit(settings.content_dir)
    database = open_db_or_exit(db if db is not None else settings.db_path)
    with database:
        # The same effective catalog as the Telegram bot, so admin changes show up here too.
        admin = CatalogAdminService(database, base)
        service = ConversationService(database, admin.effective, date.today)
        return run_chat(service, user, sys.stdin, sys.stdout)


def _job_text(file: Path) -> str:
    """The text of a job ad file: .pdf through pypdf, anything else as UTF-8 text."""
    if file.suffix.lower() == ".pdf":
        from bot.telegram.handlers.jobs import pdf_text

        try:
            return pdf_text(file.read_bytes())
        except OSError as exc:
            _plan_usage_error(texts.CLI_CANNOT_READ.format(file=file, error=exc.strerror or exc))
        except Exception as exc:  # pypdf raises many kinds of errors on damaged files
            _plan_usage_error(texts.CLI_PDF_NO_TEXT.format(file=file, error=type(exc).__name__))
    try:
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        _plan_usage_error(texts.CLI_CANNOT_READ.format(file=file, error=exc.strerror or exc))


@app.command("job")
def job_command(
    file: Annotated[Path, typer.Argument(help=texts.CLI_HELP_JOB_FILE)],
    user: Annotated[str | None, typer.Option("--user", help=texts.CLI_HELP_JOB_USER)]
    = None,
    db: DbOption = None,
    profile: Annotated[Path | None, typer.Option("--profile", help=texts.CLI_HELP_JOB_PROFILE)]
    = None,
    today: Annotated[str | None, typer.Option("--today", help=texts.CLI_HELP_TODAY)] = None,
) -> None:
    """How close a learner (or a profile file) is to a job ad: have, planned by when, missing, ready by."""
    from datetime import date

    from pydantic import ValidationError

    from bot.domain.planner import PlanError, profile_from_data
    from bot.services.catalog_admin import CatalogAdminService
    from bot.services.jobs import JobService, NoPlanYet, reading_for_profile

    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError:
        _plan_usage_error(texts.CLI_BAD_TODAY.format(today=today))
    text = _job_text(file)
    settings = settings_or_exit()
    base = catalog_or_exit(settings.content_dir)
    if profile is not None:
        try:
            data = json.loads(profile.read_text(encoding="utf-8"))
            reading = reading_for_profile(text, profile_from_data(data, base), base, day)
        except OSError as exc:
            _plan_usage_error(texts.CLI_CANNOT_READ.format(file=profile, error=exc.strerror or exc))
        except (json.JSONDecodeError, UnicodeDecodeError, PlanError, ValidationError) as exc:
            _plan_usage_error(f"{profile}: {str(exc).splitlines()[0]}")
        typer.echo(reading.message)
        return
    database = open_db_or_exit(db if db is not None else settings.db_path)
    with database:
        admin = CatalogAdminService(database, base)
        service = JobService(database, admin.effective, lambda: day)
        from bot.terminal import CHANNEL

        learner_id = service.repos.learners.find(CHANNEL, user or _default_user())
        try:
            if learner_id is None:
                raise NoPlanYet()
            reading = service.preview(learner_id.id, text)
        except NoPlanYet:
            _plan_usage_error(texts.CLI_JOB_NO_LEARNER.format(user=user or _default_user()))
    typer.echo(reading.message)


@app.command("chat")
def chat(
    user: Annotated[str | None, typer.Option("--user", help=texts.CLI_HELP_CHAT_USER)] = None,
    db: DbOption = None,
) -> None:
    """Talk to Waypoint in the terminal; the conversation resumes where it stopped."""
    raise typer.Exit(_chat(settings_or_exit(), user or _default_user(), db))


@app.command("run")
def run() -> None:
    """Start the bot: Telegram when TELEGRAM_BOT_TOKEN is set, otherwise the terminal chat."""
    settings = settings_or_exit()
    if settings.telegram_bot_token is None:
        raise typer.Exit(_chat(settings, _default_user(), None))
    # Imported here so the terminal chat never needs the Telegram stack.
    from bot.storage.lock import DatabaseInUse
    from bot.telegram.app import TokenRejected, run_bot

    catalog_or_exit(settings.content_dir)
    open_db_or_exit(settings.db_path).close()  # fail with one line now, not with a traceback inside the bot
    try:
        run_bot(settings)
    except TokenRejected:
        typer.echo(texts.CLI_TOKEN_REJECTED, err=True)
        raise typer.Exit(1) from None
    except DatabaseInUse:
        typer.echo(texts.CLI_DB_IN_USE.format(path=settings.db_path), err=True)
        raise typer.Exit(1) from None


def main() -> None:
    """Entry point of the console script: an unexpected error is reported with secrets redacted, exit 1."""
    try:
        app(prog_name="waypoint")
    except Exception as exc:  # typer's own report would print locals, the token among them
        sys.stderr.write(format_exception_redacted(exc))
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
