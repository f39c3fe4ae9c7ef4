"""Issue 11 item 10 and issue 14's small texts: bounds on the profile, and texts that read as sentences."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from bot import texts
from bot.cli import app
from bot.domain.catalog import Catalog
from bot.domain.dialogue import DialogueState, UserInput, step
from bot.domain.planner import plan
from bot.domain.profile import MIN_HOURS_PER_WEEK, LearnerProfile

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")


@pytest.mark.parametrize("hours", [1e-9, 0.0001, 0.01, 0.49])
def test_tiny_positive_hours_are_refused_by_the_profile(hours: float) -> None:
    with pytest.raises(ValidationError, match="hours per week must be at least"):
        LearnerProfile(target_role="ml-engineer", hours_per_week=hours)


@pytest.mark.parametrize("hours", [None, -3.0, 0.0, MIN_HOURS_PER_WEEK, 10.0, 200.0])
def test_other_hours_are_kept_for_the_planner_to_warn_about(hours: float | None) -> None:
    profile = LearnerProfile(target_role="ml-engineer", hours_per_week=hours)
    roadmap = plan(profile, CATALOG, date(2026, 11, 23))
    assert roadmap.totals.end_date.year < 2200  # never a date overflow


def test_a_far_deadline_is_refused() -> None:
    with pytest.raises(ValidationError, match="deadline must be before"):
        LearnerProfile(deadline=date(9999, 12, 31))


def test_the_cli_names_hours_per_week_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"target_role": "ml-engineer", "hours_per_week": 0.001}), encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", "--profile", str(path), "--dir", str(ROOT / "content")])
    assert result.exit_code == 2
    assert "hours_per_week" in result.output and "at least 0.5" in result.output
    assert "Traceback" not in result.output


def test_zero_hours_in_the_chat_is_a_clear_question_again() -> None:
    state = DialogueState(step="hours", profile=LearnerProfile(target_role="ml-engineer"), answered=["role"])
    result = step(state, UserInput(kind="text", value="0"), CATALOG, date(2026, 11, 23))
    assert result.state.step == "hours" and result.state.profile.hours_per_week is None
    assert any("too little to plan with" in r.text for r in result.replies)


def test_the_ways_out_read_as_a_sentence() -> None:
    """Small text: "...; or (there are no optional items to drop)" is gone."""
    joined = texts.PLANNER_WAYS_JOIN + texts.PLANNER_WAY_NOTHING_TO_DROP
    assert "or (" not in joined and not texts.PLANNER_WAY_NOTHING_TO_DROP.startswith("(")


def test_role_descriptions_are_whole_sentences() -> None:
    """Small text: a role description was cut mid-sentence in the role question."""
    result = step(DialogueState(), UserInput(kind="command", value="/start"), CATALOG, date(2026, 11, 23))
    question = result.replies[-1].text
    for role in CATALOG.roles:
        first = role.summary.split(". ")[0].rstrip(".") + "."
        assert first in question, role.id
