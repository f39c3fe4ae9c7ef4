"""Issue 15, the admin side through the real Application: a retired course ticked by a learner, non-admin
refusals that disturb nothing, and the catalog undo stack, duplicates, form errors and confirmations."""

from __future__ import annotations

from bot import texts
from tests.bot_client import BotClient, onboard
from tests.conftest import AppHarness
from tests.integration.test_admin_telegram import ADMIN_ID, LEARNER_ID, admin_harness, plain, service  # noqa: F401


async def test_ticking_a_just_retired_course_says_it_left_and_marks_only_when_confirmed(
        admin_harness: AppHarness) -> None:  # noqa: F811
    learner = BotClient(admin_harness, LEARNER_ID)
    await onboard(learner)
    progress = admin_harness.app.bot_data["services"].progress
    learner_id = progress.learner_id("telegram", str(LEARNER_ID))
    view = progress.view(learner_id)
    index, course = next((i, item) for i, item in enumerate(view.items) if item.kind == "course")
    stage_message = learner.find("▶")
    tick = next(data for label, data in stage_message.buttons if data.endswith(f"|m{index}"))

    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send(f"/retire {course.key.split(':', 1)[1]}")
    assert "1 learner(s) have it in their latest roadmap" in plain(admin)

    await learner.click(stage_message, data=tick)
    assert learner.answers[-1]["text"] == texts.TG_RETIRED_SHORT
    asked = learner.last
    assert "has just left the catalog" in asked.text and course.title in asked.text
    labels = [label for label, _ in asked.buttons]
    assert labels == [texts.TG_RETIRED_CONFIRM, texts.TG_BUTTON_REPLAN]
    assert course.key not in progress.view(learner_id).done  # nothing recorded yet

    await learner.click(asked, label="Yes, I finished it")
    assert learner.last.text.startswith(f"✅ Marked done: {course.title}")
    assert course.key in progress.view(learner_id).done
    assert admin_harness.request.messages[asked.message_id].buttons == []  # the question is spent
