"""The QA rules of tests/unit/test_understanding_qa.py through the real Telegram Application (fake Bot API)."""

from __future__ import annotations

from bot.testing.client import AppHarness, BotClient


async def _chat(client: BotClient, *messages: str) -> list[str]:
    said: list[str] = []
    for text in messages:
        await client.send(text)
        said.append("\n".join(client.texts))
    return said


async def test_telegram_a_no_that_belongs_to_a_fact_keeps_the_fact_and_the_question(harness: AppHarness) -> None:
    client = BotClient(harness)
    said = await _chat(client, "/start", "ml engineer, 6h a week", "no degree, did some nursing school")
    assert "No degree" in said[-1]
    assert "Any specialisation in mind?" in said[-1], "the specialisation question is still open"
    said = await _chat(client, "none")
    assert "What is your highest education?" not in said[-1], "education was already answered"


async def test_telegram_sloppy_one_message_keeps_every_fact(harness: AppHarness) -> None:
    client = BotClient(harness)
    said = await _chat(client, "/start", "senior backend dev here, 12 yrs mostly java and go, some python. want to "
                       "move to mlops. can do like 6h a week, company pays for certs so budget whatever")
    reply = said[-1]
    for fact in ("MLOps engineer", "12 years", "6 h/week", "no budget limit", "with certificates", "go"):
        assert fact in reply, fact
    assert "How many years" not in reply


async def test_telegram_plan_request_before_the_last_question_plans(harness: AppHarness) -> None:
    client = BotClient(harness)
    said = await _chat(client, "/start", "data analyst, 5 hours a week", "ok make it")
    assert any("Your roadmap to Data analyst" in t for t in client.texts), said[-1]
