"""Issue 14 through Telegram: a changed answer is asked about with Yes/No buttons; corrections apply at once."""

from __future__ import annotations

from bot.domain.profile import LearnerProfile
from bot.testing.client import AppHarness, BotClient


def _profile(harness: AppHarness, client: BotClient) -> LearnerProfile:
    state = harness.app.bot_data["services"].conversation.state("telegram", str(client.user_id))
    assert state is not None
    profile: LearnerProfile = state.profile
    return profile


async def test_a_side_fact_is_confirmed_with_yes_no_buttons_and_no_keeps_the_answer(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.send("I want to be an ML engineer, 8 hours a week, in 18 months")
    assert _profile(harness, client).deadline is not None
    before = _profile(harness, client).deadline
    # Later, answering something else, the learner mentions another date in passing.
    await client.send("I have a bachelor's, and I'd like to be done by January 2027")
    question = client.find("Yes")
    assert "Change deadline:" in (question.text or "") and "→" in (question.text or "")
    assert {label for label, _ in question.buttons} >= {"Yes", "No"}
    await client.click(question, label="No")
    assert _profile(harness, client).deadline == before
    assert any("Kept deadline" in t for t in client.texts)


async def test_an_explicit_correction_applies_without_asking(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.send("I want to be an ML engineer, 5 hours a week")
    await client.send("actually 10 hours, not 5")
    assert _profile(harness, client).hours_per_week == 10
    assert not any("Change hours per week" in t for t in client.texts)
