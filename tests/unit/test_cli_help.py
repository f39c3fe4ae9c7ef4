"""`waypoint --help` and every subcommand's help are for users: no internal issue numbers."""

from __future__ import annotations

import re

import typer.main
from typer.testing import CliRunner

from bot.cli import app


def _paths(command: object, prefix: list[str]) -> list[list[str]]:
    out = [prefix]
    for name, sub in (getattr(command, "commands", None) or {}).items():
        out += _paths(sub, [*prefix, name])
    return out


def test_no_help_text_names_an_issue_number() -> None:
    runner = CliRunner()
    for path in _paths(typer.main.get_group(app), []):
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert not re.search(r"\bissues?\s*#?\d", result.output, flags=re.I), (path, result.output)
