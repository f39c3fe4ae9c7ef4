"""Issue 15, the admin side through the real Application: a retired course ticked by a learner, non-admin
refusals that disturb nothing, and the catalog undo stack, duplicates, form errors and confirmations."""

from __future__ import annotations

from bot import texts
from bot.testing.client import AppHarness, BotClient, onboard
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


async def test_a_non_admin_admin_command_gets_one_short_line_and_nothing_else(
        admin_harness: AppHarness) -> None:  # noqa: F811
    learner = BotClient(admin_harness, LEARNER_ID)
    conversation = admin_harness.app.bot_data["services"].conversation
    await learner.send("I want to become an ML engineer")
    question = learner.find("")
    assert question.buttons
    version = conversation.current_version("telegram", str(LEARNER_ID))
    for command in ("/stats", "/course_add", "/catalog_undo", "/retire cs50p"):
        sent = await learner.send(command)
        assert [m.text for m in sent] == [texts.UNKNOWN_COMMAND.format(command=command.split()[0])]
        assert conversation.current_version("telegram", str(LEARNER_ID)) == version
    # The question the learner was answering still takes its buttons.
    await learner.click(question, data=question.buttons[0][1])
    assert learner.answers and "out of date" not in (learner.answers[-1].get("text") or "")
    assert conversation.current_version("telegram", str(LEARNER_ID)) == version + 1


async def test_catalog_undo_is_an_undo_stack_with_redo(admin_harness: AppHarness) -> None:  # noqa: F811
    admin = BotClient(admin_harness, ADMIN_ID)
    svc = service(admin_harness)
    await admin.send("/course_edit cs50p hours=81")
    await admin.send("/course_edit cs50p level=intermediate")
    await admin.send("/catalog_undo")  # the newest change
    assert svc.effective().course_by_id["cs50p"].level.value == "beginner"
    assert svc.effective().course_by_id["cs50p"].hours == 81
    await admin.send("/catalog_undo")  # then the one before — never the undo itself
    assert svc.effective().course_by_id["cs50p"].hours == 80
    await admin.send("/catalog_undo")
    assert "there is no change to undo" in plain(admin)
    assert svc.effective().course_by_id["cs50p"].hours == 80
    await admin.send("/catalog_redo")
    assert svc.effective().course_by_id["cs50p"].hours == 81
    await admin.send("/catalog_redo")
    assert svc.effective().course_by_id["cs50p"].level.value == "intermediate"
    await admin.send("/catalog_redo")
    assert "there is no undone change to redo" in plain(admin)
    await admin.send("/catalog_undo")
    assert svc.effective().course_by_id["cs50p"].level.value == "beginner"


async def test_an_undo_that_removes_what_learners_hold_asks_first(admin_harness: AppHarness) -> None:  # noqa: F811
    from bot.services.roadmaps import store_roadmap

    admin = BotClient(admin_harness, ADMIN_ID)
    svc = service(admin_harness)
    url = "https://www.deeplearning.ai/courses/deep-learning-specialization/"
    await admin.send("/course_add id=dl-spec title='Deep Learning Specialization' provider=DeepLearning.AI "
                     f"url={url} cost_usd=49 hours=120 level=intermediate skills=python source={url}")
    assert "dl-spec" in svc.effective().course_by_id
    learner = BotClient(admin_harness, LEARNER_ID)
    await onboard(learner)
    found = svc.repos.learners.find("telegram", str(LEARNER_ID))
    assert found is not None
    latest = svc.repos.roadmaps.latest(found.id)
    assert latest is not None
    from bot.domain.planner import Roadmap

    roadmap = Roadmap.model_validate(latest.roadmap)
    stage = roadmap.stages[0]
    course = stage.courses[0].model_copy(update={"id": "dl-spec"})
    held = roadmap.model_copy(update={"stages": [stage.model_copy(update={"courses": [course, *stage.courses[1:]]}),
                                                 *roadmap.stages[1:]]})
    from datetime import UTC, datetime

    with svc.db.conn:
        store_roadmap(svc.repos, found.id, held, latest.profile, "catalog-change", datetime.now(UTC))
    assert svc.affected_learners("dl-spec") == [found.id]

    await admin.send("/catalog_undo")
    asked = admin.last
    assert "takes dl-spec out of the catalog" in asked.text and "1 learner(s)" in asked.text
    assert "dl-spec" in svc.effective().course_by_id  # nothing undone before confirming
    await admin.click(asked, label="No, keep it")
    assert "Nothing was undone" in plain(admin) and "dl-spec" in svc.effective().course_by_id
    await admin.send("/catalog_undo")
    await admin.click(admin.last, label="Yes, undo it")
    assert "dl-spec" not in svc.effective().course_by_id


async def test_duplicates_every_bad_field_and_the_stored_record(admin_harness: AppHarness) -> None:  # noqa: F811
    admin = BotClient(admin_harness, ADMIN_ID)
    svc = service(admin_harness)
    cs50p = svc.effective().course_by_id["cs50p"]
    src = "https://example.org/checked"
    await admin.send(f'/course_add id=cs50p-again title="{cs50p.title}" provider="{cs50p.provider}" '
                     f"url=https://example.org/new cost_usd=0 hours=10 level=beginner skills=python source={src}")
    assert "is the same course as cs50p (same title and provider)" in plain(admin)
    await admin.send(f"/course_add id=cs50p-url title=Other provider=Other url={cs50p.url.rstrip('/').upper()} "
                     f"cost_usd=0 hours=10 level=beginner skills=python source={src}")
    assert "is the same course as cs50p (same URL)" in plain(admin)
    assert "cs50p-again" not in svc.effective().course_by_id and "cs50p-url" not in svc.effective().course_by_id

    await admin.send("/course_add id=bad-one title=T provider=P hours=-3 url=nope skills=nosuch level=weird")
    text = plain(admin)
    for field in ("level:", "hours:", "url:", "teaches:", "cost_model:", "source:"):
        assert field in text, (field, text)

    await admin.send("/course_add id=good-one title='Good One' provider='Good Provider' "
                     "url=https://example.org/good cost_usd=49 hours=12 level=beginner skills=python,sql "
                     f"source={src}")
    text = plain(admin)
    for line in ("id: good-one", "title: Good One", "provider: Good Provider", "cost: $49 once", "hours: 12",
                 "skills: python (", "sql (", "url: https://example.org/good"):
        assert line in text, (line, text)


async def test_guided_course_add_keeps_the_given_fields_when_one_is_corrected(
        admin_harness: AppHarness) -> None:  # noqa: F811
    admin = BotClient(admin_harness, ADMIN_ID)
    svc = service(admin_harness)
    cs50p = svc.effective().course_by_id["cs50p"]
    await admin.send("/course_add")
    answers = {"id": "guided-one", "title": "Guided One", "provider": "Guide", "url": cs50p.url,
               "teaches": "python:basic", "hours": "12", "source": "https://example.org/checked"}
    buttons = {"cost_model": "free", "level": "beginner"}
    for _ in range(9):
        asked = admin.last.text
        field = next(f for f in [*answers, *buttons] if f"{f}?" in asked or f" {f}" in asked.split("\n")[0])
        if field in buttons:
            await admin.tap(buttons[field])
        else:
            await admin.send(answers[field])
    assert "ready to save" in plain(admin)
    await admin.tap("Save")
    assert "is the same course as cs50p (same URL)" in plain(admin)
    assert "url" in admin.last.text.split("\n")[0]  # only the URL is asked again
    await admin.send("https://example.org/guided")
    summary = plain(admin)
    assert "ready to save" in summary  # every other answer kept: straight back to the summary
    for value in ("guided-one", "Guided One", "Guide", "python", "12"):
        assert value in summary
    await admin.tap("Save")
    assert "guided-one" in svc.effective().course_by_id
    assert "url: https://example.org/guided" in plain(admin)
