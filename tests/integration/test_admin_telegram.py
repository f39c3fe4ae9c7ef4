"""Admin commands through Telegram, on the conftest fake Bot API: gating, changes, undo, import, export."""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import texts
from bot.config import load_settings
from bot.domain.catalog import Status
from bot.services import catalog_admin as catalog_admin_service
from bot.services.catalog_admin import CatalogAdminService
from bot.telegram.handlers.admin import commands as admin_commands
from bot.telegram.handlers.admin import common as admin_common
from bot.telegram.html import strip_tags
from bot.testing.client import AppHarness, BotClient, running
from bot.testing.fake_bot_api import FakeBotAPI
from bot.testing.updates import callback_update, message_update
from tests.conftest import TODAY, TOKEN

ADMIN_ID = 4242
LEARNER_ID = 1001
GROUP = {"id": -100777, "type": "group", "title": "Study group"}
COURSE = "cs50p"
GOOD_URL = "https://www.deeplearning.ai/courses/deep-learning-specialization/"
NEW_COURSE = (
    "/course_add id=dl-spec title='Deep Learning Specialization' provider=DeepLearning.AI "
    "url={url} cost_usd=49 hours=120 level=intermediate skills=python source=" + GOOD_URL
)


@pytest.fixture
async def admin_harness(tmp_path: Path) -> AsyncIterator[AppHarness]:
    """The application with one admin; admin handlers registered (by app.py, or here until it does)."""
    from bot.telegram.app import build_application, register_admin_handlers

    settings = load_settings(TELEGRAM_BOT_TOKEN=TOKEN, WAYPOINT_DB_PATH=str(tmp_path / "w.db"),
                             WAYPOINT_ADMIN_IDS=str(ADMIN_ID), _env_file=None)
    fake = FakeBotAPI()
    app = build_application(settings, clock=lambda: TODAY, request=fake)
    if admin_common.SERVICE_KEY not in app.bot_data:
        register_admin_handlers(app, settings, app.bot_data["services"])
    errors: list[BaseException] = []
    async with running(app, errors):
        harness = AppHarness(app, fake, errors)
        yield harness
        assert not errors, f"handler errors: {errors!r}"
        assert not fake.unexpected, f"unexpected Bot API methods: {fake.unexpected}"


def service(h: AppHarness) -> CatalogAdminService:
    svc = h.app.bot_data[admin_common.SERVICE_KEY]
    assert isinstance(svc, CatalogAdminService)
    return svc


def uploads(h: AppHarness) -> FakeBotAPI:
    assert isinstance(h.request, FakeBotAPI)
    return h.request


def audit(h: AppHarness) -> list[tuple[str, str, str | None]]:
    return [(e.actor, e.action, e.target) for e in reversed(service(h).repos.audit.recent(100))]


def plain(client: BotClient) -> str:
    return "\n".join(strip_tags(t) for t in client.texts)


# ---------------------------------------------------------------- gating
async def test_non_admin_gets_the_ordinary_unknown_command_reply_and_is_audited(admin_harness: AppHarness) -> None:
    learner = BotClient(admin_harness, LEARNER_ID)
    await learner.send("/frobnicate")
    ordinary = plain(learner).replace("/frobnicate", "/stats").split("\n")[0]
    await learner.send("/stats")  # the words of any unknown command, one line and nothing else (issue 15)
    assert plain(learner) == ordinary and "/stats" in ordinary
    await learner.send("/course_edit cs50p cost_usd=1")
    assert service(admin_harness).effective().course_by_id[COURSE].cost_usd == 0
    assert service(admin_harness).repos.catalog_changes.all() == []
    assert audit(admin_harness) == [(f"telegram:{LEARNER_ID}", "admin.denied", "/stats"),
                                    (f"telegram:{LEARNER_ID}", "admin.denied", "/course_edit")]


async def test_admin_in_a_group_chat_is_not_an_admin(admin_harness: AppHarness) -> None:
    payload = message_update("/retire cs50p", ADMIN_ID, chat=GROUP)
    new = await BotClient(admin_harness, ADMIN_ID).process(payload)
    assert not any("Retired" in (m.text or "") for m in new)
    assert service(admin_harness).effective().course_by_id[COURSE].status is Status.active
    assert audit(admin_harness) == [(f"telegram:{ADMIN_ID}", "admin.denied", "/retire")]


async def test_forged_admin_button_from_a_non_admin_changes_nothing(admin_harness: AppHarness) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send("/course_edit cs50p cost_usd=5")
    edit_reply = admin.last
    learner = BotClient(admin_harness, LEARNER_ID)
    await learner.process(callback_update(edit_reply, edit_reply.data_for("Undo"), LEARNER_ID))
    assert learner.answers and "out of date" in learner.answers[-1]["text"]
    assert service(admin_harness).effective().course_by_id[COURSE].cost_usd == 5
    assert audit(admin_harness)[-1] == (f"telegram:{LEARNER_ID}", "admin.denied_callback", edit_reply.data_for("Undo"))


# ---------------------------------------------------------------- changes
async def test_one_line_edit_retire_and_undo(admin_harness: AppHarness) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send("/course_edit cs50p cost_usd=49 hours=94 title='Python, the CS50 way'")
    text = plain(admin)
    assert "Changed “Python, the CS50 way” (cs50p)" in text
    assert "cost_model: free → one_off" in text and "price_usd: — → 49" in text
    course = service(admin_harness).effective().course_by_id[COURSE]
    assert (course.cost_usd, course.hours, course.title) == (49, 94, "Python, the CS50 way")

    await admin.send("/course_edit cs50p cost_usd=cheap levle=advanced")
    text = plain(admin)
    assert "Nothing changed" in text and "cost_usd: expected a number (got 'cheap')" in text
    assert "not a field of a course (did you mean level?)" in text

    await admin.send("/retire cs50p cs50x")
    assert "Retired" in plain(admin) and "status: active → replaced" in plain(admin)
    assert service(admin_harness).effective().course_by_id[COURSE].replacement == "cs50x"

    await admin.send("/catalog_undo")
    assert "Undone" in plain(admin) and "/catalog_undo 3 reverts it." in plain(admin)
    assert service(admin_harness).effective().course_by_id[COURSE].status is Status.active
    await admin.click(admin.last, label="Undo")  # undo of the undo, by button
    assert service(admin_harness).effective().course_by_id[COURSE].status is Status.replaced
    await admin.send("/history cs50p")
    assert [line.split(" ")[0] for line in plain(admin).splitlines() if line.startswith("#")] == [
        "#4", "#3", "#2", "#1"]
    assert "(undoes #3)" in plain(admin)


async def test_browse_search_show_and_paginate(admin_harness: AppHarness) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send("/courses")
    first_page = admin.last
    assert "courses:" in plain(admin) and "(page 1/" in plain(admin)
    await admin.click(first_page, label="▶")
    assert "(page 2/" in (admin_harness.request.messages[first_page.message_id].text or "")
    await admin.send("/courses pyhton")
    assert "cs50p" in plain(admin)
    await admin.send("/show cs50p")
    assert "CS50's Introduction to Programming with Python" in plain(admin) and "url:" in plain(admin)
    await admin.send("/show cs50q")
    assert "Closest ids: " in plain(admin) and "cs50p" in plain(admin)
    await admin.send("/catalog")
    assert "courses: " in plain(admin)
    await admin.send("/stats")
    assert "Learners: " in plain(admin)


async def test_admin_help_and_menu_scope(admin_harness: AppHarness) -> None:
    def decoded(value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    calls = admin_harness.request.calls_of("setMyCommands")
    scoped = [c for c in calls if "scope" in c.params and decoded(c.params["scope"])["type"] == "chat"]
    assert scoped and decoded(scoped[0].params["scope"])["chat_id"] == ADMIN_ID
    names = [c["command"] for c in decoded(scoped[0].params["commands"])]
    assert {name for name, _ in admin_common.ADMIN_COMMANDS} <= set(names) and "start" in names
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send("/help")
    for name, _ in admin_common.ADMIN_COMMANDS:
        assert f"/{name} " in plain(admin)
    learner = BotClient(admin_harness, LEARNER_ID)
    await learner.send("/help")
    assert "/course_edit" not in plain(learner)


async def test_guided_add_with_enum_buttons(admin_harness: AppHarness) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send("/skill_add")
    assert "1/" in plain(admin) and "id?" in plain(admin)
    await admin.send("prompt-craft")
    await admin.send("Prompt craft")
    assert [label for label, _ in admin.last.buttons][:3] == ["programming", "math", "data"]
    await admin.tap("llm")
    await admin.send("ten")
    assert "expected a number" in plain(admin)
    await admin.send("10")
    await admin.send("Talking to models well.")
    assert "ready to save" in plain(admin)
    await admin.tap("Save")
    assert "Added “Prompt craft” (prompt-craft)" in plain(admin)
    assert service(admin_harness).effective().skill_by_id["prompt-craft"].hours == 10


# ---------------------------------------------------------------- import / export
async def test_export_then_upload_a_changed_document_preview_and_confirm(admin_harness: AppHarness) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send("/export_catalog")
    documents = {m.file_name: m.data for m in admin.last_messages if m.kind == "document"}
    assert set(documents) >= {"courses.yaml", "skills.yaml", "roles.yaml"}
    exported = yaml.safe_load((documents["courses.yaml"] or b"").decode())
    next(c for c in exported["courses"] if c["id"] == COURSE)["hours"] = 85
    changed = yaml.safe_dump(exported, sort_keys=False, allow_unicode=True)
    uploads(admin_harness).upload("up-courses", changed.encode())
    payload = message_update(None, ADMIN_ID, document={"file_id": "up-courses", "file_unique_id": "uc",
                                                        "file_name": "courses.yaml", "file_size": len(changed)})
    await admin.process(payload)
    text = plain(admin)
    assert "Import preview" in text and "Changed (1)" in text and "hours: 80 → 85" in text
    assert service(admin_harness).effective().course_by_id[COURSE].hours == 80  # not before confirming
    await admin.tap("Apply import")
    assert "Imported 1 entries" in plain(admin)
    assert service(admin_harness).effective().course_by_id[COURSE].hours == 85
    assert audit(admin_harness)[-1][1] == "catalog.import"


async def test_upload_with_a_bad_url_is_refused(admin_harness: AppHarness) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    bad = ("courses:\n  - id: cs50p\n    title: X\n    provider: Y\n    url: www.example.com\n    cost_usd: 0\n"
           "    hours: 1\n    level: beginner\n    skills: [python]\n    source: https://example.com\n")
    uploads(admin_harness).upload("bad", bad.encode())
    await admin.process(message_update(None, ADMIN_ID, document={"file_id": "bad", "file_unique_id": "b",
                                                                 "file_name": "fix.yml"}))
    text = plain(admin)
    assert "Nothing changed" in text and "cs50p · url: must be an https:// URL (got 'www.example.com')" in text
    assert not admin.last.buttons


# ---------------------------------------------------------------- the closing-note transcript
async def test_transcript_bad_url_fix_and_undo(admin_harness: AppHarness, capsys: pytest.CaptureFixture[str]) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    lines: list[str] = []

    async def say(text: str) -> None:
        await admin.send(text)
        lines.append(f"admin> {text}")
        for sent in admin.last_messages:
            lines.extend(f"  bot| {line}" for line in strip_tags(sent.text or "").splitlines())
            if sent.buttons:
                lines.append("  bot| [" + "] [".join(label for label, _ in sent.buttons) + "]")

    await say(NEW_COURSE.format(url="http://deeplearning.ai/dl"))
    assert "dl-spec" not in service(admin_harness).effective().course_by_id
    await say(NEW_COURSE.format(url=GOOD_URL))
    assert "dl-spec" in service(admin_harness).effective().course_by_id
    await say("/catalog_undo")
    assert "dl-spec" not in service(admin_harness).effective().course_by_id
    await say("/history dl-spec")
    # For the closing note: WAYPOINT_SHOW_TRANSCRIPT=1 pytest -k transcript
    if os.environ.get("WAYPOINT_SHOW_TRANSCRIPT"):
        with capsys.disabled():
            print("\n--- transcript: add a course with a bad URL, fix it, undo it ---")
            print("\n".join(lines))
    transcript = "\n".join(lines)
    assert "Nothing changed — the add of dl-spec was refused" in transcript
    assert "url: must be an https:// URL (got 'http://deeplearning.ai/dl')" in transcript
    assert "a good value: an https:// link such as" in transcript
    assert "Added “Deep Learning Specialization” (dl-spec) as change #1." in transcript
    assert "Undone as change #2" in transcript
    assert "/catalog_undo 1 reverts it." in transcript and "/undo" not in transcript.replace("/catalog_undo", "")


async def test_an_admin_who_is_also_a_learner_keeps_the_learners_undo(admin_harness: AppHarness) -> None:
    """/undo is the learner's (their last mark) for admins too; /catalog_undo reverts catalog changes."""
    from bot.testing.client import onboard

    assert "undo" not in {name for name, _ in admin_common.ADMIN_COMMANDS}
    assert "undo" not in admin_common.SHARED_COMMANDS and "catalog_undo" in admin_common.GATED_COMMANDS
    admin = BotClient(admin_harness, ADMIN_ID)
    await onboard(admin)
    svc = service(admin_harness)
    progress = admin_harness.app.bot_data["services"].progress
    me = svc.repos.learners.find("telegram", str(ADMIN_ID))
    assert me is not None
    item = progress.view(me.id).roadmap.stages[0].courses[0]

    await admin.send(f"/course_edit {COURSE} cost_usd=5")
    assert "/catalog_undo 1 reverts it." in plain(admin) and "/undo 1" not in plain(admin)
    await admin.send(f"/done {item.title}")
    assert texts.TG_MARKED.format(title=item.title) in plain(admin)
    assert f"course:{item.id}" in progress.view(me.id).done

    await admin.send("/undo")  # the learner's undo: the mark goes, the catalog change stays
    assert texts.TG_UNMARKED.format(title=item.title) in plain(admin)
    assert f"course:{item.id}" not in progress.view(me.id).done
    assert svc.effective().course_by_id[COURSE].cost_usd == 5
    assert [c.action for c in svc.repos.catalog_changes.all()] == ["edit"]

    await admin.send("/catalog_undo")  # the admin's undo: the catalog change goes
    assert "Undone as change #2" in plain(admin)
    assert svc.effective().course_by_id[COURSE].cost_usd == 0
    await admin.send("/catalog_undo x")
    assert "Usage: /catalog_undo [change-id]" in plain(admin)

    await admin.send("/help")
    assert "/catalog_undo – undo a catalog change" in plain(admin)
    assert f"/undo – {texts.TG_CMD_UNDO}" in plain(admin)
    menu = {c.command: c.description for c in admin_commands.admin_menu(admin_commands.learner_commands())}
    assert menu["undo"] == texts.TG_CMD_UNDO and menu["catalog_undo"] == texts.ADMIN_CMD_UNDO


async def test_a_learner_cannot_use_catalog_undo(admin_harness: AppHarness) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send(f"/course_edit {COURSE} cost_usd=5")
    learner = BotClient(admin_harness, LEARNER_ID)
    await learner.send("/catalog_undo")
    assert service(admin_harness).effective().course_by_id[COURSE].cost_usd == 5
    assert audit(admin_harness)[-1] == (f"telegram:{LEARNER_ID}", "admin.denied", "/catalog_undo")


# ---------------------------------------------------------------- learners see retirements
async def test_a_learner_whose_roadmap_holds_a_retired_course_gets_a_notice(admin_harness: AppHarness) -> None:
    from bot.testing.client import onboard

    learner = BotClient(admin_harness, LEARNER_ID)
    await onboard(learner)
    svc = service(admin_harness)
    found = svc.repos.learners.find("telegram", str(LEARNER_ID))
    assert found is not None
    stored = svc.repos.roadmaps.latest(found.id)
    assert stored is not None
    course_id = next(c["id"] for stage in stored.roadmap["stages"] for c in stage["courses"])
    assert svc.notices_for(found.id) == []
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send(f"/retire {course_id}")
    assert "1 learner(s) have it in their latest roadmap" in plain(admin)
    notices = svc.notices_for(found.id)
    assert len(notices) == 1 and "has been retired" in notices[0]


async def test_after_a_retirement_plan_shows_the_notice_and_one_tap_replans(admin_harness: AppHarness) -> None:
    from bot.testing.client import onboard

    learner = BotClient(admin_harness, LEARNER_ID)
    await onboard(learner)
    svc = service(admin_harness)
    progress = admin_harness.app.bot_data["services"].progress
    found = svc.repos.learners.find("telegram", str(LEARNER_ID))
    assert found is not None
    first = progress.view(found.id)
    done = first.roadmap.stages[0].courses[0]
    progress.mark(found.id, f"course:{done.id}")
    roadmap = progress.view(found.id).roadmap
    planned = {c.id for stage in roadmap.stages for c in stage.courses}
    retired = next(c for stage in roadmap.stages for c in stage.courses)
    replacement = next(c for c in svc.effective().courses
                       if c.status is Status.active and c.id not in planned and c.id != done.id)

    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send(f"/retire {retired.id} {replacement.id}")
    assert "1 learner(s) have it in their latest roadmap" in plain(admin)

    await learner.send("/plan")
    notice = learner.last
    assert texts.CATALOG_NOTICE_TITLE in strip_tags(notice.text or "")
    assert texts.ADMIN_NOTICE_REPLACED.format(title=retired.title, replacement=replacement.title) in plain(learner)
    data = notice.data_for("Re-plan")
    assert re.fullmatch(r"v1\|r\d+\|rp", data) and len(data.encode()) < 64
    await learner.send("/progress")  # the same notice under /progress
    assert learner.last.data_for("Re-plan") == data

    await learner.click(notice, label="Re-plan")
    assert learner.answers and learner.answers[-1]["text"] == texts.TG_CATALOG_REPLANNED
    stored = svc.repos.roadmaps.latest(found.id)
    assert stored is not None and stored.reason == "catalog-change"
    courses = {c["id"] for stage in stored.roadmap["stages"] for c in stage["courses"]}
    assert retired.id not in courses and done.id not in courses  # retired gone, done not taught again
    shown = plain(learner)
    assert f"No longer in the plan: {retired.title}" in shown  # the new overview says what changed
    assert not any(retired.title in label for m in learner.last_messages for label, _ in m.buttons)
    assert f"course:{done.id}" in progress.view(found.id).done
    assert svc.notices_for(found.id) == []

    await learner.process_stale(notice, data)  # the spent button is out of date, nothing re-planned
    assert learner.answers and "out of date" in learner.answers[-1]["text"]
    latest = svc.repos.roadmaps.latest(found.id)
    assert latest is not None and latest.version == stored.version
    await learner.send("/plan")
    assert not any("Re-plan" in label for m in learner.last_messages for label, _ in m.buttons)


async def test_refused_admin_attempts_are_audited_at_a_bounded_rate(admin_harness: AppHarness,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    learner = BotClient(admin_harness, LEARNER_ID)
    svc = service(admin_harness)

    def denied() -> int:
        return sum(1 for _, action, _ in audit(admin_harness) if action.startswith("admin.denied"))

    for _ in range(20):
        await learner.send("/stats")
        assert learner.texts, "every attempt still gets the ordinary reply"
    reply = learner.last
    for _ in range(5):
        await learner.process_stale(reply, "adm|pg|courses|1")
    assert denied() == catalog_admin_service.DENIED_AUDIT_LIMIT
    later = svc.now() + catalog_admin_service.DENIED_AUDIT_WINDOW
    monkeypatch.setattr(svc, "now", lambda: later)
    await learner.send("/stats")
    assert denied() == catalog_admin_service.DENIED_AUDIT_LIMIT + 1, "a new window audits again"
    await BotClient(admin_harness, 3003).send("/stats")
    assert denied() == catalog_admin_service.DENIED_AUDIT_LIMIT + 2, "the limit is per user"
