"""Rule 7 in the terminal and the CLI: one command accepts the earliest date reachable at the learner's pace."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.domain.dialogue import UserInput
from bot.services.conversation import ConversationService
from bot.storage.db import open_database
from bot.terminal import EARLIEST_COMMAND, TerminalChat
from tests.unit.test_planner_rules import CATALOG

TODAY = date(2026, 12, 1)


def test_earliest_in_the_terminal_takes_the_reachable_date_as_the_deadline() -> None:
    service = ConversationService(open_database(None), lambda: CATALOG, lambda: TODAY)
    out = io.StringIO()
    chat = TerminalChat(service, "ana", out)
    chat.send(UserInput(kind="command", value="/start"))
    chat.send(UserInput(kind="text", value="ML engineer, 10 hours a week, deadline 2027-01-15, no budget limit"))
    made = chat.send(UserInput(kind="command", value="/plan"))
    chat.show(made)
    assert made.roadmap is not None and not made.roadmap.totals.fits_deadline
    earliest = made.roadmap.totals.end_date
    assert f"Type {EARLIEST_COMMAND} to take {earliest.isoformat()}" in out.getvalue()
    chat.answer(EARLIEST_COMMAND)
    state = service.handle("terminal", "ana", UserInput(kind="command", value="/plan"))
    assert state.roadmap is not None and state.roadmap.profile.deadline == earliest
    assert state.roadmap.totals.fits_deadline


def test_accept_earliest_in_the_cli(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"target_role": "ml-engineer", "hours_per_week": 5, "deadline": "2025-03-01"}))
    runner = CliRunner()
    shown = runner.invoke(app, ["plan", "--profile", str(profile), "--today", "2025-01-06", "--format", "markdown"])
    assert shown.exit_code == 0 and "--accept-earliest" in shown.stdout
    taken = runner.invoke(app, ["plan", "--profile", str(profile), "--today", "2025-01-06", "--accept-earliest"])
    data = json.loads(taken.stdout)
    assert data["totals"]["fits_deadline"] and data["profile"]["deadline"] == data["totals"]["end_date"]


def test_earliest_works_on_the_stored_plan_not_only_right_after_planning() -> None:
    service = ConversationService(open_database(None), lambda: CATALOG, lambda: TODAY)
    chat = TerminalChat(service, "bea", io.StringIO())
    chat.send(UserInput(kind="command", value="/start"))
    chat.send(UserInput(kind="text", value="ML engineer, 10 hours a week, deadline 2027-01-15, no budget limit"))
    made = chat.send(UserInput(kind="command", value="/plan"))
    assert made.roadmap is not None and not made.roadmap.totals.fits_deadline
    chat.show(chat.send(UserInput(kind="command", value="/summary")))  # the plan's buttons are gone now
    assert not any(o.value.startswith("usedate:") for o in chat.options)
    chat.answer(EARLIEST_COMMAND)
    shown = service.handle("terminal", "bea", UserInput(kind="command", value="/plan"))
    assert shown.roadmap is not None and shown.roadmap.profile.deadline == made.roadmap.totals.end_date
    assert shown.roadmap.totals.fits_deadline
