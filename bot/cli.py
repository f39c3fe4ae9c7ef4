"""The `waypoint` command (also `python -m bot`): run, chat, plan, understand, content, db, bench."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from bot.config import Settings, SettingsError, load_settings
from bot.domain.catalog import Catalog, CatalogError

app = typer.Typer(help="Waypoint: plans a learner's way into machine-learning engineering.", no_args_is_help=True)
content_app = typer.Typer(help="Validate and inspect the content catalog.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks that print figures.", no_args_is_help=True)
app.add_typer(content_app, name="content")
app.add_typer(db_app, name="db")
app.add_typer(bench_app, name="bench")


def settings_or_exit() -> Settings:
    """Load settings or exit with the one-line error."""
    try:
        return load_settings()
    except SettingsError as exc:
        typer.echo(f"Configuration error: {exc}", err=True)
        raise typer.Exit(2) from None


def catalog_or_exit(directory: Path | None = None) -> Catalog:
    """Load the catalog (given dir or the configured one) or exit listing every problem."""
    directory = directory or settings_or_exit().content_dir
    try:
        return Catalog.load(directory)
    except CatalogError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None


# ---------------------------------------------------------------- content
@content_app.command("validate")
def content_validate(
    directory: Annotated[Path | None, typer.Option("--dir", help="content directory")] = None,
) -> None:
    """Validate the catalog: exit 0 and print counts, or exit 1 listing every problem."""
    catalog = catalog_or_exit(directory)
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in catalog.counts().items())
    typer.echo(f"Catalog OK: {counts}")


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
    typer.echo(f"free courses: {free}; paid: {len(catalog.courses) - free}; retired courses: {retired_courses}")
    typer.echo(f"retired/replaced certifications: {retired_certs}")
    typer.echo(f"course providers ({len(providers)}): {', '.join(providers)}")


@content_app.command("show")
def content_show(entry_id: str, directory: Annotated[Path | None, typer.Option("--dir")] = None) -> None:
    """Print one entry (any kind) as JSON."""
    catalog = catalog_or_exit(directory)
    entry = catalog.get(entry_id)
    if entry is None:
        from rapidfuzz import process

        close = [m[0] for m in process.extract(entry_id, list(catalog.entries), limit=5)]
        typer.echo(f"No entry '{entry_id}'. Closest ids: {', '.join(close)}", err=True)
        raise typer.Exit(1)
    section = catalog.entries[entry_id][0]
    typer.echo(json.dumps({"kind": section, **entry.model_dump(mode="json")}, indent=2, ensure_ascii=False))


# ---------------------------------------------------------------- db
DbOption = Annotated[Path | None, typer.Option("--db", help="database file (default: WAYPOINT_DB_PATH)")]


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
        typer.echo(f"Cannot migrate {path}: {exc}", err=True)
        raise typer.Exit(1) from None
    with database:
        version = schema_version(database)
    done = f"applied {', '.join(pending)}" if pending else "nothing to apply"
    typer.echo(f"{path}: schema {version} ({done})")


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
    typer.echo(f"database: {path} ({path.stat().st_size} bytes)")
    typer.echo(f"schema version: {version}" + (f" (pending: {', '.join(pending)})" if pending else " (up to date)"))
    for table, n in counts.items():
        typer.echo(f"{table:>16}: {n}")


@db_app.command("backup")
def db_backup(
    dest: Annotated[Path, typer.Argument(help="file to write the backup to")],
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="overwrite an existing file")] = False,
) -> None:
    """Write a consistent copy of the database with SQLite's online backup (safe while the bot runs)."""
    from bot.storage.db import SchemaError, backup_database, inspect_database

    path = _db_path(db)
    if dest.exists() and not force:
        typer.echo(f"{dest} already exists; pass --force to overwrite it", err=True)
        raise typer.Exit(1)
    if dest.exists() and dest.resolve() == path.resolve():
        typer.echo("the backup file must differ from the database", err=True)
        raise typer.Exit(1)
    try:
        inspect_database(path)
        backup_database(path, dest)
        version = inspect_database(dest)
    except SchemaError as exc:
        typer.echo(f"Backup failed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Backed up {path} to {dest} (schema {version})")


@db_app.command("restore")
def db_restore(
    source: Annotated[Path, typer.Argument(help="a backup made by `waypoint db backup`")],
    db: DbOption = None,
) -> None:
    """Replace the database with a backup; the current one is first saved next to it."""
    from datetime import UTC, datetime

    from bot.storage.db import SchemaError, inspect_database, restore_database

    path = _db_path(db)
    try:
        inspect_database(source)
    except SchemaError as exc:
        typer.echo(f"Not restoring: {exc}", err=True)
        raise typer.Exit(1) from None
    if path.exists() and source.resolve() == path.resolve():
        typer.echo("the backup is the database itself; nothing to restore", err=True)
        raise typer.Exit(1)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
    try:
        version = restore_database(source, path, aside)
    except SchemaError as exc:
        typer.echo(f"Restore failed: {exc}", err=True)
        raise typer.Exit(1) from None
    if aside.exists():
        typer.echo(f"Saved the previous database to {aside}")
    typer.echo(f"Restored {source} into {path} (schema {version}); restart the bot to pick it up")


# ---------------------------------------------------------------- run
@app.command("run")
def run() -> None:
    """Start the bot: Telegram when TELEGRAM_BOT_TOKEN is set, otherwise the terminal chat."""
    settings = settings_or_exit()
    catalog = catalog_or_exit(settings.content_dir)
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in catalog.counts().items())
    typer.echo(f"Waypoint catalog: {counts}")


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="waypoint")


if __name__ == "__main__":  # pragma: no cover
    main()
