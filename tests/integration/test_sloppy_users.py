"""Hurried, sloppy people through the real Application on the fake Bot API: nobody gets stuck or scolded."""

from __future__ import annotations

import io
import re

import pytest

from bot import texts
from bot.services.conversation import ConversationService
from bot.terminal import TerminalChat
from bot.testing.client import AppHarness, BotClient, onboard
from tests.integration.test_terminal_frontend import planned, said, terminal

SORRY = texts.NOT_UNDERSTOOD.split("{")[0]


async def test_a_student_who_answers_idk_and_whatever_to_everything_still_gets_a_plan(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    shrugs = ["idk", "whatever", "🤷", "dunno", "skip", "no idea", "idk", "whatever", "skip", "pass", "idk"]
    said: list[str] = []
    for shrug in shrugs:
        sent = await client.send(shrug)
        said += [m.text or "" for m in sent]
        if "Which role are you aiming for?" in client.last.text:
            await client.tap("Data scientist")  # the quiz had nothing to go on: the learner picks one
        if "How many hours a week" in client.last.text and "hours" in texts.SKIP_NEEDED:
            await client.send("about 6")
    assert not any(t.startswith(SORRY) for t in said), said
    await client.send("make my plan")
    assert any("Your roadmap to Data scientist" in t for t in client.texts), client.texts[-3:]


async def test_questions_back_are_answered_with_why_the_question_is_asked(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.send("data scientist")
    await client.send("how long will it take?")
    assert texts.WHY_ASKED["domain"] in client.last_messages[0].text
    await client.tap("No preference")
    await client.send("why do you need this?")
    assert texts.WHY_ASKED["education"] in client.last_messages[0].text
    assert "What is your highest education?" in client.last.text, "the question is asked again, with its buttons"
    assert client.last.buttons


async def test_the_same_wrong_answer_twice_offers_a_way_out_and_the_long_role_list_is_not_repeated(
    harness: AppHarness,
) -> None:
    client = BotClient(harness)
    await client.send("/start")
    first_question = client.last.text
    await client.send("zzz")
    first = client.last_messages[0].text
    await client.send("qwerty")
    second = client.last_messages[0].text
    assert first != second and texts.WAY_OUT["role"] in second
    assert len(client.last.text) < len(first_question) and client.last.buttons


async def test_a_typed_answer_is_said_back_and_a_skipped_job_is_not_called_a_job(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.send("ml engineer")
    await client.send("actually make it NLP")
    assert any(m.text and m.text.startswith("Got it") and "Natural language processing" in m.text
               for m in client.last_messages)
    await client.send("bachelors")
    await client.send("skip")
    assert "/edit job" in client.last_messages[0].text
    await client.send("/summary")
    summary = "\n".join(m.text or "" for m in client.last_messages)
    assert f"{texts.FIELD_LABELS['job']}: {texts.SKIPPED_VALUE}" in summary


async def test_a_returning_user_asks_questions_and_changes_the_specialisation_not_the_role(
    harness: AppHarness,
) -> None:
    client = BotClient(harness)
    await onboard(client)  # ML engineer, no preference, a plan
    await client.send("/start")
    assert "Welcome back" in client.last_messages[0].text
    await client.send("how long will it take?")
    assert texts.ASKED_BACK_AT["done"] in client.last_messages[0].text
    sent = await client.send("actually make it NLP")
    roadmap = [m.text or "" for m in sent if "Your roadmap to" in (m.text or "")]
    assert roadmap and "Your roadmap to Machine learning engineer" in roadmap[0], [m.text for m in sent][:3]


async def test_a_nurse_telling_everything_at_once_then_reacting_with_emoji_is_never_scolded(
    harness: AppHarness,
) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.send("Im a nurse, 10 years in ICU, bachelors in nursing, want to become a data scientist, "
                      "can do about 8 hours a week, budget 300 dollars, I know some excel and basic python")
    assert any((m.text or "").startswith("Got it") for m in client.last_messages)
    await client.send("yes")  # "Any specialisation in mind?"
    assert texts.YES_WHICH["domain"] in client.last_messages[0].text
    await client.send("🙏🙏")
    assert not client.last_messages[0].text.startswith(SORRY)
    assert client.last.buttons, "the question comes back with its buttons"


# ---------------------------------------------------------------- the same people in the terminal


def _terminal_at_years() -> tuple[TerminalChat, io.StringIO, ConversationService]:
    chat, out, service = terminal()
    for line in ("data analyst", "no preference", "bachelor's", "waiter"):
        chat.answer(line)
    return chat, out, service


@pytest.mark.parametrize("typed", ["1", "2", "4", "5"])
def test_a_bare_number_at_an_amount_question_is_the_amount_not_an_option_position(typed: str) -> None:
    chat, out, _ = _terminal_at_years()
    assert "How many years of work experience" in out.getvalue()
    chat.answer(typed)
    mark = len(out.getvalue())
    chat.answer("/summary")
    summary = said(out, mark)
    years = "1 year" if typed == "1" else f"{typed} years"
    assert f"{texts.FIELD_LABELS['years']}: {years}" in summary, summary
    chat.answer("skip")  # skills
    chat.answer("3")
    mark = len(out.getvalue())
    chat.answer("/summary")
    assert f"{texts.FIELD_LABELS['hours']}: 3 h/week" in said(out, mark)


def test_amount_questions_show_their_options_unnumbered_with_a_hint() -> None:
    _, out, _ = _terminal_at_years()
    asked = out.getvalue().rsplit("How many years", 1)[-1]
    assert texts.TERMINAL_AMOUNT_HINT in asked and "  1. " not in asked


def test_done_with_a_number_right_after_a_numbered_list_picks_from_that_list() -> None:
    chat, out, _ = planned()
    mark = len(out.getvalue())
    chat.answer("/done python book")
    offered = dict(re.findall(r"^\s+(\d+)\. (.+)$", said(out, mark), re.MULTILINE))
    learner = chat._learner()
    assert offered and learner is not None
    items = [item.title for item in chat.progress.view(learner).items]
    # A number whose place in the list differs from its place in the whole plan tells the two readings apart.
    number, title = next((n, t) for n, t in offered.items() if items[int(n) - 1] != t.strip())
    mark = len(out.getvalue())
    chat.answer(f"/done {number}")
    assert f"✅ Marked done: {title.strip()[:20]}" in said(out, mark)


def test_earliest_without_a_plan_is_explained_not_called_unknown() -> None:
    chat, out, _ = terminal()
    mark = len(out.getvalue())
    chat.answer("/earliest")
    assert texts.TERMINAL_EARLIEST_NO_PLAN in said(out, mark)
    assert "don't know the command" not in said(out, mark)


def test_help_in_the_middle_of_onboarding_ends_with_the_open_question() -> None:
    chat, out, _ = terminal()
    chat.answer("data analyst")
    mark = len(out.getvalue())
    chat.answer("/help")
    shown = said(out, mark).rstrip()
    assert texts.TERMINAL_HELP in shown
    assert shown.index(texts.TERMINAL_HELP) < shown.index("Any specialisation in mind?"), "the question is last"


def test_the_terminal_never_asks_to_tap() -> None:
    chat, out, _ = terminal()
    for line in ("banana", "banana", "data analyst", "yes", "hmm", "/summary", "/edit", "zzz"):
        chat.answer(line)
    assert not re.search(r"\b[Tt]ap\b", out.getvalue()), out.getvalue()
