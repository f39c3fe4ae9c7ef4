"""Issue 15 through the real Application: stage congratulations, answers changed after the plan, stale and
retired buttons, refusals that do not disturb, and first impressions."""

from __future__ import annotations

from bot.telegram import keyboards
from tests.bot_client import BotClient, onboard
from tests.conftest import AppHarness


def _services(harness: AppHarness) -> object:
    return harness.app.bot_data["services"]


def _view(harness: AppHarness, client: BotClient):  # type: ignore[no-untyped-def]
    services = harness.app.bot_data["services"]
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    return services.progress.view(learner_id)


async def test_finishing_the_last_item_of_a_stage_congratulates_and_shows_the_next_stage(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    first = _view(harness, client).roadmap.stages[0]
    second = _view(harness, client).roadmap.stages[1]
    reports: list[str] = []
    while True:
        view = _view(harness, client)
        left = [i for i, item, done in view.stage_items(first.id) if not done]
        if not left or view.roadmap.stage(first.id) is None:
            break
        stage_message = client.find("▶")
        await client.process_stale(stage_message, keyboards.roadmap_data(view.version, f"m{left[0]}"))
        reports.append(client.last.text)
    assert all("Stage finished" not in r for r in reports[:-1])
    assert f"🎉 Stage finished: {first.title}" in reports[-1]
    assert f"Next up: {second.title}." in reports[-1]
    # The tapped stage message now shows the next stage.
    assert second.title in client.fake.messages[client.find("▶").message_id].text
