"""Hurried, sloppy people through the real Application on the fake Bot API: nobody gets stuck or scolded."""

from __future__ import annotations

from bot import texts
from tests.bot_client import BotClient
from tests.conftest import AppHarness

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
    await client.send("0")
    first = client.last_messages[0].text
    await client.send("none")
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
