"""The README opens with the two working commands, CI calls the test one, and the CLI table matches the CLI."""

import re
from pathlib import Path

import typer.main

from bot.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_readme_opens_with_install_run_and_install_test() -> None:
    before_prose = README.split("\n\n", 3)
    assert before_prose[0].startswith("# Waypoint")
    # The first line says what Waypoint is and which Python it needs.
    assert "Telegram bot" in before_prose[0] and "Python 3.11 or newer" in before_prose[0]
    run, test = code_blocks(README)[:2]
    assert "pip install" in run and run.endswith("waypoint run")
    assert "pip install" in test and '".[dev]"' in test and "pytest" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = code_blocks(README)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_every_cli_command_is_in_the_readme_and_back() -> None:
    group = typer.main.get_group(app)
    top = set(group.commands)
    documented = set(re.findall(r"`waypoint (\w+)", README))
    assert top == documented
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            continue
        line = next(line for line in README.splitlines() if line.startswith(f"| `waypoint {name} "))
        listed = set(re.findall(r"(\w+)", line.split("`")[1].removeprefix(f"waypoint {name} ")))
        assert set(subcommands) <= listed, f"waypoint {name}: {set(subcommands) - listed} missing in the README"
