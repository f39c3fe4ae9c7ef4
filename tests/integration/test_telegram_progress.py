"""Marking progress by button and by /done: each mark is stored, re-planned and explained; undo works."""

from __future__ import annotations

from bot.testing.client import AppHarness, BotClient, onboard


def _versions(harness: AppHarness, client: BotClient) -> list[str]:
    services = harness.app.bot_data["services"]
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    return [v.reason for v in services.progress.repos.roadmaps.versions(learner_id)]


async def test_tick_button_marks_done_replans_and_redraws_the_stage(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    stage = client.find("▶")
    first_tick = next(label for label, _ in stage.buttons if label.startswith("✅"))
    title = first_tick.removeprefix("✅ ")
    old_data = [data for label, data in stage.buttons if label.startswith("✅")][1]
    await client.click(stage, label=first_tick)
    assert client.answers[-1].get("text") == "Marked done"
    report = client.last
    assert report.text.startswith(f"✅ Marked done: {title}") and "re-planned" in report.text
    redrawn = harness.request.messages[stage.message_id]
    assert f"↩ {title}" in [label for label, _ in redrawn.buttons]
    assert "<s>" in redrawn.text
    assert _versions(harness, client)[-1] == "progress"
    # The old keyboard (older roadmap version) is now stale for marks.
    await client.process_stale(stage, old_data)
    assert "out of date" in client.answers[-1]["text"]
    # Undo from the report.
    await client.click(report, label="↩ Undo")
    assert client.last.text.startswith("↩ Not done any more")


async def test_done_command_fuzzy_match_progress_and_undo(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("/done linear algebra")
    assert client.last.text.startswith("✅ Marked done: Linear algebra")
    await client.send("/done lnear algbra")  # already done: nothing left that matches well
    await client.send("/done maths")  # unsure: asks, offering candidates as buttons
    asked = client.last
    assert asked.buttons and all(data.startswith("v1|r") for _, data in asked.buttons)
    await client.click(asked, data=asked.buttons[0][1])
    assert client.last.text.startswith("✅ Marked done")
    await client.send("/progress")
    progress = client.last.text
    assert "Your progress" in progress and "▱" in progress and "Projected end" in progress
    assert "h done +" in progress and "h to go =" in progress
    await client.send("/undo")
    assert client.last.text.startswith("↩ Not done any more")
    reasons = _versions(harness, client)
    # Three marks are three events; each mark's re-plan supersedes the previous one, so history stays small.
    assert reasons == ["onboarding", "progress"]
    services = harness.app.bot_data["services"]
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    assert len(services.progress.repos.progress.events(learner_id)) == 3


async def test_progress_without_a_plan_says_how_to_start(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/progress")
    assert "/start" in client.last.text
    await client.send("/done python")
    assert "/start" in client.last.text
