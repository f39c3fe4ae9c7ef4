"""Issue 14: the terminal is a full front-end (plan views, progress, privacy) over the same services as Telegram."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot import texts
from bot.services.conversation import ConversationService
from bot.services.progress import ProgressService
from bot.storage.db import open_database
from bot.terminal import WIDTH, TerminalChat, run_chat
from tests.integration.test_conversation_service import CATALOG

TODAY = date(2026, 11, 23)
ONBOARDING = [
    "ML engineer specialising in NLP, bachelor's, backend developer for 4 years, I know python and sql",
    "8 hours a week, by December 2027, a few hundred dollars, no certificates",
]


def terminal(db_path: Path | None = None) -> tuple[TerminalChat, io.StringIO, ConversationService]:
    db = open_database(db_path)
    service = ConversationService(db, lambda: CATALOG, lambda: TODAY, now=lambda: datetime(2026, 11, 23, tzinfo=UTC))
    out = io.StringIO()
    chat = TerminalChat(service, "ana", out)
    chat.answer("/start")
    return chat, out, service


def said(out: io.StringIO, start: int) -> str:
    return out.getvalue()[start:]


def planned() -> tuple[TerminalChat, io.StringIO, ConversationService]:
    chat, out, service = terminal()
    for line in ONBOARDING:
        chat.answer(line)
    chat.answer("make plan")
    return chat, out, service


def test_a_full_conversation_onboarding_overview_stage_two_done_and_progress() -> None:
    chat, out, _ = terminal()
    for line in ONBOARDING:
        chat.answer(line)
    mark = len(out.getvalue())
    chat.answer("make plan")
    overview = said(out, mark)
    assert "Your plan: Machine learning engineer, specialising in NLP" in overview
    assert "Foundations: programming and maths" in overview and "Weeks" in overview and "Hours" in overview
    assert "##" not in overview and "|" not in overview  # not the Markdown document
    assert len(overview) < 4000
    mark = len(out.getvalue())
    chat.answer("/plan 2")
    stage = said(out, mark)
    assert "Stage 2 of" in stage and "Goal:" in stage and "Where to learn:" in stage
    mark = len(out.getvalue())
    chat.answer("next")
    assert "Stage 3 of" in said(out, mark)
    mark = len(out.getvalue())
    chat.answer("previous")
    assert "Stage 2 of" in said(out, mark)
    mark = len(out.getvalue())
    chat.answer("/done 1")
    chat.answer("/done numpy")
    marks = said(out, mark)
    assert marks.count("✅ Marked done:") == 2 and "✅ Marked done: NumPy." in marks
    mark = len(out.getvalue())
    chat.answer("/progress")
    progress = said(out, mark)
    assert (texts.TG_PROGRESS_TITLE in progress and "(2 of" in progress and "▰" in progress) or "▱" in progress


def test_every_line_fits_in_100_columns() -> None:
    chat, out, _ = planned()
    for line in ("/plan", "/plan 1", "next", "/progress", "/done 1"):
        chat.answer(line)
    # Everything the terminal prints wraps at 100 columns, except what cannot be cut (a long link).
    too_wide = [line for line in out.getvalue().splitlines() if len(line) > WIDTH and "://" not in line]
    assert not too_wide, too_wide[:3]


def test_stage_numbers_are_checked_and_next_stops_at_the_end() -> None:
    chat, out, _ = planned()
    mark = len(out.getvalue())
    chat.answer("/plan 99")
    assert "There is no stage 99" in said(out, mark)
    view = chat.progress.view(chat._learner() or 0)
    assert view is not None
    chat.answer(f"/plan {len(view.roadmap.stages)}")
    mark = len(out.getvalue())
    chat.answer("next")
    assert texts.TERMINAL_LAST_STAGE in said(out, mark)


def test_plan_markdown_writes_the_whole_document(tmp_path: Path) -> None:
    chat, out, _ = planned()
    target = tmp_path / "plan.md"
    chat.answer(f"/plan --markdown {target}")
    document = target.read_text(encoding="utf-8")
    assert document.startswith("# Your roadmap to Machine learning engineer, specialising in NLP")
    assert "(nlp)" not in document
    assert f"Wrote the whole plan to {target}" in out.getvalue()


def test_done_by_unclear_name_offers_numbered_choices_and_undo_reverts() -> None:
    chat, out, _ = planned()
    mark = len(out.getvalue())
    chat.answer("/done kaggle")
    offered = said(out, mark)
    assert texts.TERMINAL_WHICH in offered or "Is it one of these?" in offered
    chat.answer("1")
    assert "✅ Marked done:" in said(out, mark)
    mark = len(out.getvalue())
    chat.answer("/undo")
    assert "↩ Not done any more:" in said(out, mark)
    mark = len(out.getvalue())
    chat.answer("/undo")
    assert texts.TG_NOTHING_TO_UNDO in said(out, mark)


def test_progress_before_a_plan_says_how_to_get_one() -> None:
    chat, out, _ = terminal()
    mark = len(out.getvalue())
    chat.answer("/progress")
    chat.answer("/done python")
    assert said(out, mark).count(texts.TG_NO_PLAN_HINT) == 2


def test_export_writes_json_and_delete_asks_first(tmp_path: Path) -> None:
    chat, out, service = planned()
    target = tmp_path / "me.json"
    chat.answer(f"/export {target}")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data and "ana" in json.dumps(data)
    mark = len(out.getvalue())
    chat.answer("/delete")
    assert texts.TG_DELETE_CONFIRM in said(out, mark)
    chat.answer("2")
    assert texts.TG_DELETE_KEPT in said(out, mark)
    assert chat._learner() is not None
    chat.answer("/delete")
    chat.answer("1")
    assert "everything about you is erased" in said(out, mark)
    assert ProgressService(service.db, lambda: CATALOG, lambda: TODAY).learner_id("terminal", "ana") is None


def test_summary_and_edit_go_through_the_conversation() -> None:
    chat, out, _ = planned()
    mark = len(out.getvalue())
    chat.answer("/summary")
    assert "• Hours per week: 8 h/week" in said(out, mark)
    mark = len(out.getvalue())
    chat.answer("/edit hours")
    assert "How many hours a week" in said(out, mark)


@pytest.mark.parametrize("word", ["quit", "exit", "/quit", "QUIT"])
def test_quit_words_leave_and_the_rest_is_not_read(word: str) -> None:
    db = open_database(None)
    service = ConversationService(db, lambda: CATALOG, lambda: TODAY)
    out = io.StringIO()
    assert run_chat(service, "bob", io.StringIO(f"{word}\nData engineer\n"), out) == 0
    text = out.getvalue()
    assert text.rstrip().endswith(texts.TERMINAL_BYE)
    assert "> Data engineer" not in text


def test_help_lists_the_terminal_commands() -> None:
    chat, out, _ = terminal()
    chat.answer("/help")
    assert texts.HELP in out.getvalue() and texts.TERMINAL_HELP in out.getvalue()


def test_reminders_say_where_they_come_from() -> None:
    chat, out, _ = terminal()
    chat.answer("/reminders")
    assert texts.TERMINAL_NO_REMINDERS in out.getvalue()
    assert "I don't know the command" not in out.getvalue()


def test_the_overview_says_each_explanation_once() -> None:
    """A missed deadline's ways out are printed once, not again as a note (the same for every warning)."""
    chat, out, _ = terminal()
    for line in ONBOARDING:
        chat.answer(line)
    chat.answer("by next month")
    mark = len(out.getvalue())
    chat.answer("/plan")
    overview = " ".join(said(out, mark).split())
    assert "Deadline" in overview and "not met" in overview
    assert overview.count("What you can do") <= 1 and overview.count("Ways out") <= 1
