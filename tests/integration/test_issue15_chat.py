"""Issue 15 through the real Application: stage congratulations, answers changed after the plan, stale and
retired buttons, refusals that do not disturb, and first impressions."""

from __future__ import annotations

from bot.telegram.callbacks import Mark, encode
from bot.testing.client import AppHarness, BotClient, onboard


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
        await client.process_stale(stage_message, encode(Mark(view.version, left[0], done=True)))
        reports.append(client.last.text)
    assert all("Stage finished" not in r for r in reports[:-1])
    assert f"🎉 Stage finished: {first.title}" in reports[-1]
    assert f"Next up: {second.title}." in reports[-1]
    # The tapped stage message now shows the next stage.
    assert second.title in client.fake.messages[client.find("▶").message_id].text


async def test_changed_answers_after_the_plan_replan_at_once_show_what_changed_and_keep_progress(
        harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    view = _view(harness, client)
    course = next(i for i, item in enumerate(view.items) if item.kind == "course")
    title = view.items[course].title
    await client.process_stale(client.find("▶"), encode(Mark(view.version, course, done=True)))
    await client.send("/progress")
    done_before = client.last.text.split(" h done")[0].rsplit("\n", 1)[-1]
    assert float(done_before) > 0

    await client.send("5 hours a week now")  # "now" makes it an explicit correction: applied at once
    overview = next(m for m in client.last_messages if "Your roadmap to" in (m.text or ""))
    assert "Your answers changed, so I re-planned right away" in overview.text
    assert "Pace: 10 → 5 h/week." in overview.text
    assert f"Progress: {done_before} h done" in overview.text
    versions = _view(harness, client)
    assert versions.roadmap.hours_per_week == 5
    assert any(item.title == title for item in versions.items if item.key in versions.done)

    await client.send("data analyst instead")
    overview = next(m for m in client.last_messages if "Your roadmap to" in (m.text or ""))
    assert "Your roadmap to Data analyst" in overview.text
    assert "Target: Machine learning engineer → Data analyst." in overview.text
    await client.send("/progress")
    assert f"\n{done_before} h done" in client.last.text


async def test_a_stale_tick_replaces_the_old_keyboard_on_the_first_tap_and_later_taps_send_nothing(
        harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    old_stage = client.find("▶")
    old_tick = next(data for label, data in old_stage.buttons if label.startswith("✅"))
    await client.send("5 hours a week now")  # a re-plan: the first stage message is now of an older plan
    current = _view(harness, client)
    sent_before = len(client.fake.messages)
    await client.process_stale(old_stage, old_tick)
    assert "out of date" in client.answers[-1]["text"]
    assert len(client.fake.messages) == sent_before  # no copy of stage 1: the old message was replaced
    replaced = client.fake.messages[old_stage.message_id]
    assert replaced.text.startswith("This button is out of date")
    assert all(data.startswith(f"v1|r{current.version}|") for _, data in replaced.buttons)
    edits = replaced.edits
    # The same old button tapped again (a double tap in flight): nothing is sent or edited.
    await client.process_stale(old_stage, old_tick)
    assert len(client.fake.messages) == sent_before and client.fake.messages[old_stage.message_id].edits == edits
    assert client.fake.not_modified == []
    # The new keyboard works.
    await client.click(replaced, data=next(d for label, d in replaced.buttons if label.startswith("✅")))
    assert client.answers[-1]["text"] == "Marked done"


async def test_no_edit_that_changes_nothing_on_a_double_tap(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("I'm a backend developer. I want to become an ML engineer, 10 hours a week, within a year, "
                      "budget $500, I know python and SQL, yes to certificates, BSc, 3 years experience")
    for _ in range(15):
        asking = client.find("")
        labels = [label for label, _ in asking.buttons]
        if "Make my plan" in " ".join(labels):
            break
        await client.click(asking, label=next(
            (lab for lab in ("No preference", "Done", "Yes", "10 h", "12 months", "Up to $500", "Bachelor's",
                             "Software developer", "3-5", "Machine learning engineer") if lab in labels), labels[0]))
    make = client.find("Make my plan")
    data = make.data_for("Make my plan")
    await client.process_stale(make, data)
    assert any("Your roadmap to" in (m.text or "") for m in client.last_messages)
    await client.process_stale(make, data)  # the second tap of a double tap, on the old keyboard
    await client.process_stale(make, data)
    assert client.fake.not_modified == []
    assert not any("Your roadmap to" in (m.text or "") for m in client.last_messages)


async def test_first_impressions_setup_time_typed_answers_and_one_date_format(harness: AppHarness) -> None:
    import re

    from bot.testing.client import DEFAULT_TAPS

    client = BotClient(harness)
    await client.send("/start")
    greeting = client.last_messages[0].text
    assert "Setup takes about two minutes" in greeting and "/delete erases all of it" in greeting
    assert greeting.count("\n") <= 4  # the old two paragraphs plus one line
    seen: list[str] = [m.text or "" for m in client.last_messages]
    for _ in range(25):
        if any("Your roadmap to" in text for text in seen):
            break
        asking = client.find("")
        labels = [label for label, _ in asking.buttons]
        pick = next((label for label in DEFAULT_TAPS if label in labels), labels[0])
        await client.click(asking, label=pick)
        seen += [m.text or "" for m in client.last_messages]
    hours = next(t for t in seen if "How many hours a week can you study?" in t)
    assert "or type a number" in hours
    deadline = next(t for t in seen if "By when would you like to be job-ready?" in t)
    assert "or type a date, e.g. 'end of June'" in deadline
    await client.send("/summary")
    seen += [m.text or "" for m in client.last_messages]
    await client.send("/progress")
    seen += [m.text or "" for m in client.last_messages]
    everything = "\n".join(seen)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", everything), re.findall(r".{30}\d{4}-\d{2}-\d{2}.{10}", everything)
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b", everything)


async def test_finishing_a_later_stage_first_points_to_the_stage_after_it(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    stages = _view(harness, client).roadmap.stages
    second, third = stages[1], stages[2]
    report = ""
    for _ in range(40):
        view = _view(harness, client)
        left = [i for i, _item, done in view.stage_items(second.id) if not done]
        if not left or view.roadmap.stage(second.id) is None:
            break
        await client.process_stale(client.find("▶"), encode(Mark(view.version, left[0], done=True)))
        report = client.last.text
    assert f"🎉 Stage finished: {second.title}" in report and f"Next up: {third.title}." in report
    shown = [m.text or "" for m in client.last_messages] + [client.fake.messages[client.find("▶").message_id].text]
    assert any(f": {third.title}</b>" in text for text in shown), [t[:80] for t in shown]  # the next stage
