"""Job ads in Telegram (issue 17), through the real Application and the fake Bot API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.domain.profile import LearnerProfile
from bot.testing.client import ONE_MESSAGE, AppHarness, BotClient, onboard
from bot.testing.fake_bot_api import FakeBotAPI
from bot.testing.updates import message_update

AD = (
    "MLOps Engineer (fully remote, EU time zones)\n\n"
    "You will build the platform our data scientists use to train and ship models: CI/CD for ML, training\n"
    "pipelines, model monitoring and the tooling around them.\n\n"
    "Requirements:\n"
    "- 3+ years in DevOps, platform or ML infrastructure work\n"
    "- Python, Docker and Kubernetes in production\n"
    "- Experience with AWS or GCP\n"
    "- Solid Linux and bash skills\n"
    "- Terraform and TypeScript\n\n"
    "Preferred:\n"
    "- MLflow, Weights & Biases or similar\n"
    "- Airflow\n"
)


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF with `text` in Helvetica, written by hand (no PDF writer needed)."""
    lines = text.splitlines()
    stream = "BT /F1 10 Tf 40 800 Td 12 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for line in lines
    ) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.fixture
async def files_harness(make_app: Callable[..., Any]) -> AsyncIterator[AppHarness]:
    """The application on a fake Bot API that also serves uploaded files."""
    async with make_app(FakeBotAPI()) as h:
        yield h
        assert not h.errors, f"handler errors: {h.errors!r}"
        assert not h.request.unexpected, f"unexpected Bot API methods: {h.request.unexpected}"


def _services(harness: AppHarness) -> Any:
    return harness.app.bot_data["services"]


def _profile(harness: AppHarness, client: BotClient) -> LearnerProfile:
    services = _services(harness)
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    [stored] = services.db.execute("SELECT profile FROM profiles WHERE learner_id = ?", [learner_id]).fetchone()
    return LearnerProfile.model_validate(json.loads(stored))


def _match_message(client: BotClient) -> Any:
    [reply] = [m for m in client.last_messages if "Match today" in (m.text or "") or "no skills" in (m.text or "")]
    return reply


async def test_pasted_ad_after_onboarding_gets_one_match_message(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    known_before = _profile(harness, client).known_skills
    sent = await client.send(AD)
    assert len(sent) == 1
    text = sent[0].text or ""
    assert "MLOps Engineer" in text and "Match today:" in text
    assert "You have: Python" in text
    assert "Your plan teaches:" in text and "(by " in text
    assert "Not in your plan yet:" in text and "Kubernetes" in text
    assert "Not in Waypoint's catalog yet:" in text and "Terraform" in text
    assert "If I aim your plan at this job, you'd be ready by" in text
    labels = [label for label, _ in sent[0].buttons]
    assert any("Aim my plan" in x for x in labels) and any("Save it" in x for x in labels)
    assert all(len(data.encode()) < 64 and data.startswith("v1|x|job:") for _, data in sent[0].buttons)
    # Nothing from the ad became the learner's own skill.
    assert _profile(harness, client).known_skills == known_before


async def test_short_answer_after_onboarding_still_goes_to_the_dialogue(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("I also know Docker and Kubernetes now")
    assert not any("Match today" in t for t in client.texts)
    await client.send(ONE_MESSAGE)  # a long message about oneself, naming skills: still the dialogue's
    assert not any("Match today" in t for t in client.texts)


async def test_pasted_ad_during_onboarding_is_an_answer_not_an_ad(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.send(AD)
    assert not any("Match today" in t for t in client.texts)


async def test_forwarded_ad_is_read(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    short = "Junior ML Engineer wanted: Python, SQL, scikit-learn, Docker. 1+ years. Remote. Apply by Friday."
    origin = {"type": "channel", "date": 1_700_000_000, "message_id": 7,
              "chat": {"id": -100123, "type": "channel", "title": "ML jobs"}}
    await client.process(message_update(short, client.user_id, forward_origin=origin))
    message = _match_message(client)
    assert "Match today:" in (message.text or "")


async def test_job_command_with_text_and_then_paste(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("/job Data scientist wanted. Python, SQL, machine learning, statistics.")
    assert "Match today:" in client.last.text
    await client.send("/job")
    assert "Paste the job ad" in client.last.text
    await client.send("Data analyst. SQL and Tableau.")
    assert "Match today:" in client.last.text


async def test_job_before_onboarding_asks_for_a_plan_first(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/job " + AD)
    assert "make your plan first" in client.last.text


async def test_document_txt_and_pdf_are_read(files_harness: AppHarness) -> None:
    client = BotClient(files_harness)
    await onboard(client)
    fake = files_harness.request
    fake.upload("ad-txt", AD.encode())
    await client.process(message_update(None, client.user_id, document={
        "file_id": "ad-txt", "file_unique_id": "u-txt", "file_name": "ad.txt", "file_size": len(AD)}))
    assert "MLOps Engineer" in client.last.text and "Match today:" in client.last.text
    pdf = tiny_pdf(AD)
    fake.upload("ad-pdf", pdf)
    await client.process(message_update(None, client.user_id, document={
        "file_id": "ad-pdf", "file_unique_id": "u-pdf", "file_name": "Ad.PDF", "file_size": len(pdf)}))
    assert "Match today:" in client.last.text and "Kubernetes" in client.last.text
    await client.process(message_update(None, client.user_id, document={
        "file_id": "big", "file_unique_id": "u-big", "file_name": "ad.pdf", "file_size": 50 * 1024 * 1024}))
    assert "too big" in client.last.text
    await client.process(message_update(None, client.user_id, document={
        "file_id": "x", "file_unique_id": "u-x", "file_name": "ad.docx", "file_size": 10}))
    assert ".txt, .md or .pdf" in client.last.text


async def test_aim_the_plan_adds_missing_skills_keeps_progress_and_says_what_changed(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("/done linear algebra")
    services = _services(harness)
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    before = services.progress.latest_roadmap(learner_id)
    await client.send(AD)
    await client.tap("Aim my plan")
    text = client.last.text or ""
    assert "I aimed your plan at MLOps Engineer" in text
    assert "Skills added for this job:" in text and "Kubernetes" in text
    assert ("New finish date:" in text) != ("End date:" in text)  # the finish date is said once
    after = services.progress.latest_roadmap(learner_id)
    planned = {s.id for stage in after.stages for s in stage.skills}
    assert "kubernetes" in planned
    assert after.totals.end_date >= before.totals.end_date
    profile = _profile(harness, client)
    assert "kubernetes" in profile.target_skills and "kubernetes" not in profile.known_skills
    assert "skill:linear-algebra" in services.progress.view(learner_id).done
    # The same ad now matches with the plan: nothing is missing from it any more.
    await client.send(AD)
    assert "Not in your plan yet" not in client.last.text
    # The aimed ad is kept in /jobs.
    await client.send("/jobs")
    assert "MLOps Engineer" in client.last.text


async def test_save_then_jobs_lists_it_and_delete_erases_it(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send(AD)
    await client.tap("Save it")
    assert any("Saved" in (a.get("text") or "") for a in client.answers)
    await client.send("/jobs")
    # Kubernetes is missing from the plan, so no ready-by date (not "ready by not in your plan yet").
    assert "1. MLOps Engineer:" in client.last.text and "% match now, not in your plan yet" in client.last.text
    db = _services(harness).db
    assert db.execute("SELECT count(*) FROM job_ads WHERE saved = 1").fetchone()[0] == 1
    await client.send("/progress")
    assert any("Closest saved job: MLOps Engineer" in t for t in client.texts)
    await client.tap("Delete 1.")
    assert "No saved job ads" in (client.fake.messages[client.find("").message_id].text or "") or \
        db.execute("SELECT count(*) FROM job_ads").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM job_ads WHERE saved = 1").fetchone()[0] == 0


async def test_dismiss_erases_the_ad(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    message = (await client.send(AD))[0]
    old_button = message.data_for("Dismiss")
    await client.tap("Dismiss")
    assert "erased that ad" in (client.fake.messages[message.message_id].text or "")
    db = _services(harness).db
    assert db.execute("SELECT count(*) FROM job_ads").fetchone()[0] == 0
    await client.process_stale(message, old_button)  # the old button again
    assert any("no longer stored" in (a.get("text") or "") for a in client.answers)


async def test_export_and_delete_include_saved_ads(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send(AD)
    await client.tap("Save it")
    await client.send("/export")
    [document] = [m for m in client.last_messages if m.kind == "document"]
    data = json.loads(document.data)
    assert data["job_ads"][0]["text"] == AD and data["job_ads"][0]["saved"] == 1
    await client.send("/delete")
    await client.tap("Yes, erase it all")
    db = _services(harness).db
    assert db.execute("SELECT count(*) FROM job_ads").fetchone()[0] == 0


async def test_admin_stats_counts_unknown_skills(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send(AD)
    services = _services(harness)
    from bot.telegram.handlers.jobs import job_service

    class _Ctx:
        pass

    ctx: Any = _Ctx()
    ctx.services = services
    assert ("terraform", 1) in job_service(ctx).unknown_counts()


async def test_weekly_reminder_says_when_a_saved_ad_crosses_80_percent(harness: AppHarness) -> None:
    from bot.telegram.handlers.reminder_jobs import job_name

    client = BotClient(harness)
    await onboard(client)
    await client.send("/job Backend engineer. Requirements: Python and SQL.")
    await client.tap("Save it")
    services = _services(harness)
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    services.db.execute("UPDATE job_ads SET last_percent = 50")  # as if the learner knew less when saving
    await client.send("/reminders fri 9 UTC")
    [job] = harness.app.job_queue.get_jobs_by_name(job_name(learner_id))
    await job.run(harness.app)
    text = harness.request.calls_of("sendMessage")[-1].params["text"]
    assert "Weekly check-in" in text and "You now match 100% of a job you saved: Backend engineer" in text
    await job.run(harness.app)
    assert "You now match" not in harness.request.calls_of("sendMessage")[-1].params["text"]  # said once


def _projects(roadmap: Any) -> list[str]:
    return [p.id for stage in roadmap.stages for p in stage.projects]


async def test_aim_keeps_the_roles_projects_and_adds_one_for_the_ads_skills(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    services = _services(harness)
    catalog = services.catalog_source()
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    before = _projects(services.progress.latest_roadmap(learner_id))
    await client.send(AD)
    await client.tap("Aim my plan")
    text = client.last.text or ""
    after = _projects(services.progress.latest_roadmap(learner_id))
    # The role's projects are pinned: all kept, in their order, and one project is added after them.
    assert after[: len(before)] == before and len(after) == len(before) + 1
    added = catalog.project_by_id[after[-1]]
    targets = set(_profile(harness, client).target_skills)
    assert set(added.skills) & targets  # it shows skills the ad added
    assert "Portfolio: kept" in text and f"added {added.title}" in text


async def test_unaim_from_the_job_menu_removes_the_ads_skills_and_keeps_progress(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send("/done linear algebra")
    services = _services(harness)
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    before = services.progress.latest_roadmap(learner_id)
    targets_before = dict(_profile(harness, client).target_skills)
    await client.send(AD)
    await client.tap("Aim my plan")
    aimed_targets = set(_profile(harness, client).target_skills) - set(targets_before)
    assert aimed_targets
    await client.send("/job")
    assert "Paste the job ad" in client.last.text and "Your plan is aimed at: MLOps Engineer" in client.last.text
    await client.tap("Stop aiming at MLOps Engineer")
    text = client.last.text or ""
    assert "Your plan no longer aims at MLOps Engineer" in text and "Skills taken out:" in text
    assert _profile(harness, client).target_skills == targets_before
    after = services.progress.latest_roadmap(learner_id)
    planned = {s.id for stage in after.stages for s in stage.skills}
    assert not planned & (aimed_targets - {s.id for stage in before.stages for s in stage.skills})
    assert _projects(after) == _projects(before)
    assert "skill:linear-algebra" in services.progress.view(learner_id).done
    # The ad stays saved, no longer aimed; the un-aim button of it is stale now.
    await client.send("/jobs")
    assert "MLOps Engineer" in client.last.text and "aimed at it" not in client.last.text
    assert not any("Stop aiming" in label for label, _ in client.last.buttons)


async def test_unaim_button_on_a_saved_ad_in_jobs(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send(AD)
    await client.tap("Aim my plan")
    await client.send("/jobs")
    assert "(your plan is aimed at it)" in client.last.text
    listing = client.last
    button = listing.data_for("Stop aiming")
    await client.tap("Stop aiming at MLOps Engineer")
    assert "no longer aims at MLOps Engineer" in (client.last.text or "")
    await client.process_stale(listing, button)  # the same button again
    assert any("no longer aimed at that ad" in (a.get("text") or "") for a in client.answers)
    assert not _profile(harness, client).target_skills


async def test_two_aimed_ads_unaiming_one_keeps_the_others_skills(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    await client.send(AD)
    await client.tap("Aim my plan")
    first = set(_profile(harness, client).target_skills)
    await client.send("/job Computer vision engineer. Requirements: object detection, OpenCV and image "
                      "processing with Python.")
    await client.tap("Aim my plan")
    both = set(_profile(harness, client).target_skills)
    assert first < both
    await client.send("/job")
    await client.tap("Stop aiming at MLOps Engineer")
    assert set(_profile(harness, client).target_skills) == both - first


async def test_a_bare_job_waits_for_the_ad_across_a_restart(make_app: Callable[..., Any]) -> None:
    async with make_app() as first:
        client = BotClient(first)
        await onboard(client)
        await client.send("/job")
        assert "Paste the job ad" in client.last.text
    async with make_app() as second:  # the bot restarted between "/job" and the ad
        client = BotClient(second)
        await client.send("Data analyst. SQL and Tableau.")
        assert "Match today:" in client.last.text
        await client.send("Data analyst. SQL and Tableau.")  # the wait is over: a short line is chat again
        assert "Match today:" not in client.last.text
        assert not second.errors


async def test_a_command_or_an_old_wait_ends_the_bare_job(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        client = BotClient(h)
        await onboard(client)
        await client.send("/job")
        await client.send("/summary")  # a command instead of the ad
        await client.send("Data analyst. SQL and Tableau.")
        assert "Match today:" not in client.last.text
        await client.send("/job")
        _services(h).db.execute("UPDATE learners SET job_ad_waiting_since = '2000-01-01T00:00:00.000000+00:00'")
        await client.send("Data analyst. SQL and Tableau.")  # a day later it is ordinary chat
        assert "Match today:" not in client.last.text
        assert _services(h).db.execute("SELECT job_ad_waiting_since FROM learners").fetchone()[0] is None
        assert not h.errors


async def test_bare_job_before_onboarding_asks_for_a_plan_and_does_not_wait(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.send("/job")
    assert "make your plan first" in client.last.text
    assert harness.app.bot_data["services"].db.execute(
        "SELECT count(*) FROM learners WHERE job_ad_waiting_since IS NOT NULL").fetchone()[0] == 0


async def test_deleting_an_aimed_ad_takes_its_skills_out_of_the_plan(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    services = _services(harness)
    learner_id = services.progress.learner_id("telegram", str(client.user_id))
    end_before = services.progress.latest_roadmap(learner_id).totals.end_date
    await client.send(AD)
    await client.tap("Aim my plan")
    assert _profile(harness, client).target_skills
    await client.send("/jobs")
    await client.tap("Delete 1.")
    assert any("Your plan no longer aims at MLOps Engineer" in t for t in client.texts)
    assert not _profile(harness, client).target_skills
    assert services.progress.latest_roadmap(learner_id).totals.end_date == end_before
    assert services.db.execute("SELECT count(*) FROM job_ads").fetchone()[0] == 0
