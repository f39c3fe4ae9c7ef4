"""Roadmap history does not grow with taps: marks are events, and a mark's re-plan supersedes the last one."""

from __future__ import annotations

import json

from bot.testing.client import AppHarness, BotClient, onboard


async def test_many_done_and_undo_taps_keep_history_and_export_small(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    progress = harness.app.bot_data["services"].progress
    privacy = harness.app.bot_data["services"].privacy
    learner_id = progress.learner_id("telegram", str(client.user_id))
    view = progress.view(learner_id)
    assert view is not None
    keys = [item.key for item in view.items[:5]]

    def export_size() -> int:
        return len(json.dumps(privacy.export(learner_id), default=str).encode())

    for key in keys:
        progress.mark(learner_id, key, done=True)
    small = export_size()
    for _ in range(100):  # 400 more taps: done and undo on the same items
        for key in keys[:2]:
            progress.mark(learner_id, key, done=False)
            progress.mark(learner_id, key, done=True)
    reasons = [v.reason for v in progress.repos.roadmaps.versions(learner_id)]
    assert reasons == ["onboarding", "progress"], reasons
    assert len(progress.repos.progress.events(learner_id)) == 5 + 400
    # Each tap adds its event and audit row (a few hundred bytes), no longer a full roadmap (~15 kB).
    assert export_size() < small + 400 * 600, (small, export_size())
    final = progress.view(learner_id)
    assert final is not None and set(keys) <= final.done
    assert set(keys) <= {i.key for i in final.items}, "a done item is no longer shown"


async def test_done_items_survive_an_edit_after_superseded_versions(harness: AppHarness) -> None:
    """Items done before a re-plan from changed answers still count after the marks' versions were dropped."""
    client = BotClient(harness)
    await onboard(client)
    progress = harness.app.bot_data["services"].progress
    learner_id = progress.learner_id("telegram", str(client.user_id))
    for title in ("linear algebra", "calculus"):
        await client.send(f"/done {title}")
    view = progress.view(learner_id)
    assert view is not None
    done_before = set(view.done)
    await client.send("/edit")
    await client.send("20 hours a week")
    for _ in range(6):
        labels = [label for label, _ in client.last.buttons] if client.last_messages else []
        pick = next((label for label in ("Make my plan", "Yes", "Done") if label in labels), None)
        if pick is None:
            break
        await client.tap(pick)
    await client.send("/done python")
    after = progress.view(learner_id)
    assert after is not None
    assert done_before <= after.done
    shown = {i.key for i in after.items}
    assert done_before <= shown, "a done item vanished from the roadmap view"
