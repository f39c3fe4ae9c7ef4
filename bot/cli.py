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
