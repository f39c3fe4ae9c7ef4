"""The terminal chat: a piped session in a subprocess, resumed in a second one, and the line reader."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import texts
from bot.cli import app
from bot.domain.dialogue import Option, UserInput
from bot.services.catalog_admin import CatalogAdminService
from bot.services.conversation import ConversationService
from bot.storage.db import open_database
from bot.terminal import TerminalChat, read_choice, run_chat, untap
from tests.integration.test_conversation_service import CATALOG, ONBOARDING_BUTTONS

ROOT = Path(__file__).resolve().parents[2]


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (the terminal wraps long lines)."""
    return " ".join(text.split())


def chat(db: Path, stdin: str, user: str = "t") -> str:
    """Run `python -m bot chat` with piped input; return its output (it must exit 0)."""
    env = {**os.environ, "WAYPOINT_DB_PATH": str(db)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--user", user, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_piped_session_then_resume_then_plan(tmp_path: Path) -> None:
    db = tmp_path / "tmp.db"
    first = chat(db, "not sure\n4\n1\n1\n1\n")
    assert flat(untap(texts.WELCOME)) in flat(first)  # wrapped at 100 columns; "pick", not "tap"
    assert ". Not sure" in first
    assert "> not sure" in first  # piped input is echoed so the transcript reads as a chat
    assert texts.Q_QUIZ_1 in first and texts.Q_QUIZ_2 in first and texts.Q_QUIZ_3 in first
    assert "looks like a good fit" in first
    assert texts.TERMINAL_BYE in first

    # Numbers, labels and free text mixed, as a person would type them.
    answers = "No preference\nBachelor's\nStudent\n3\nProgramming\n1 2 4\nDone\n10 hours\n6 months\nfree only\nno\n"
    second = chat(db, answers + "Make my plan\n")
    assert texts.WELCOME_BACK in second
    assert "✅ Python" in second
    assert "• Hours per week: 10 h/week" in second
    assert "• Budget: free resources only" in second
    assert texts.PLAN_READY in second
    assert "Your plan: " in second and "Stage" in second  # the overview, not 13-26 KB of Markdown
    assert second.rstrip().endswith(texts.TERMINAL_BYE)

    third = chat(db, "")
    assert texts.WELCOME_BACK_PLANNED in third


def test_run_chat_in_process_resumes_by_user(tmp_path: Path) -> None:
    db = open_database(tmp_path / "w.db")
    service = ConversationService(db, lambda: CATALOG, lambda: date(2026, 3, 15))
    out = io.StringIO()
    assert run_chat(service, "ana", io.StringIO("Data engineer\n"), out) == 0
    assert "> Data engineer" in out.getvalue()
    assert texts.Q_EDUCATION in out.getvalue()
    again = io.StringIO()
    run_chat(service, "ana", io.StringIO(""), again)
    assert texts.WELCOME_BACK in again.getvalue() and texts.Q_EDUCATION in again.getvalue()
    other = io.StringIO()
    run_chat(service, "bob", io.StringIO(""), other)
    assert flat(untap(texts.WELCOME)) in flat(other.getvalue())


OPTIONS = [Option(label="Python", value="skill:python"), Option(label="SQL", value="skill:sql")]


@pytest.mark.parametrize(
    ("line", "multi", "expected"),
    [
        ("1", False, ["skill:python"]),
        ("sql", False, ["skill:sql"]),
        ("1 2", True, ["skill:python", "skill:sql"]),
        ("1, 2", True, ["skill:python", "skill:sql"]),
        ("1 2", False, None),  # several numbers on a single-choice question are an answer in words
        ("40", False, None),  # out of range: "40 hours" rather than option 40
        ("python and sql", False, None),
    ],
)
def test_read_choice(line: str, multi: bool, expected: list[str] | None) -> None:
    assert read_choice(line, OPTIONS, multi) == expected


def test_read_choice_without_options_is_text() -> None:
    assert read_choice("1", [], False) is None


@pytest.mark.slow
def test_run_without_a_token_starts_the_terminal_chat(tmp_path: Path) -> None:
    env = {**os.environ, "WAYPOINT_DB_PATH": str(tmp_path / "run.db"), "TELEGRAM_BOT_TOKEN": "", "USER": "runner"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="/help\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,  # away from the repository's .env
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert texts.TERMINAL_INTRO.format(user="runner") in done.stdout
    assert texts.HELP in done.stdout


def test_plan_in_the_terminal_shows_catalog_notices() -> None:
    db = open_database(None)
    admin = CatalogAdminService(db, CATALOG)
    service = ConversationService(db, admin.effective, lambda: date(2026, 3, 15))
    out = io.StringIO()
    terminal = TerminalChat(service, "ana", out)
    terminal.send(UserInput(kind="command", value="/start"))
    made = None
    for value in ONBOARDING_BUTTONS:
        assert value in [o.value for o in terminal.options], value
        made = terminal.send(UserInput(kind="button", value=value))
    assert made is not None and made.roadmap is not None
    course = made.roadmap.stages[0].courses[0]
    assert admin.retire(course.id, actor="test").ok
    terminal.answer("/plan")
    shown = out.getvalue()
    assert texts.CATALOG_NOTICE_TITLE in shown
    assert texts.ADMIN_NOTICE_RETIRED.format(title=course.title) in shown
    assert texts.TERMINAL_CATALOG_HINT.format(new_plan=texts.NEW_PLAN) in shown


def test_an_unusable_database_path_is_one_clear_line(tmp_path: Path) -> None:
    """A database path that cannot be created gives one line naming it, not a traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(app, ["chat", "--user", "x", "--db", str(blocker / "sub" / "w.db")], input="")
    assert result.exit_code == 1
    assert "Cannot open the database" in result.output and "Traceback" not in result.output
