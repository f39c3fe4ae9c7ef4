"""Job ads in the terminal (`/job` then paste, an empty line ends it) and `waypoint job FILE` (issue 17)."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.domain.catalog import Catalog
from bot.services.conversation import ConversationService
from bot.services.jobs import JobService
from bot.storage.db import open_database
from bot.terminal import TerminalChat
from tests.integration.test_telegram_jobs import AD, tiny_pdf

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 1, 5)
ONBOARDING = [
    "ML engineer, bachelor's, backend developer for 4 years, I know python and sql",
    "8 hours a week, by December 2027, a few hundred dollars, no certificates",
    "make plan",
]


def planned(db_path: Path | None = None) -> tuple[TerminalChat, io.StringIO]:
    db = open_database(db_path)
    service = ConversationService(db, lambda: CATALOG, lambda: TODAY, now=lambda: datetime(2026, 1, 5, tzinfo=UTC))
    out = io.StringIO()
    chat = TerminalChat(service, "ana", out)
    chat.answer("/start")
    for line in ONBOARDING:
        chat.answer(line)
    assert "Your plan" in out.getvalue()
    return chat, out


def test_terminal_job_paste_until_empty_line_then_aim_save_and_jobs() -> None:
    chat, out = planned()
    mark = len(out.getvalue())
    chat.answer("/job")
    assert "Paste the job ad" in out.getvalue()[mark:]
    for line in AD.splitlines():
        chat.answer(line + "\n")  # the ad's own blank lines are part of it
    assert "Match today" not in out.getvalue()[mark:]  # still pasting
    chat.answer("\n")
    chat.answer("\n")  # two empty lines in a row end it
    shown = out.getvalue()[mark:]
    assert "MLOps Engineer" in shown and "Match today:" in shown and "Not in your plan yet:" in shown
    assert "1. 🎯 Aim my plan at this job" in shown
    mark = len(out.getvalue())
    chat.answer("1")
    aimed = out.getvalue()[mark:]
    assert "I aimed your plan at MLOps Engineer" in aimed
    assert ("New finish date:" in aimed) != ("End date:" in aimed)  # the finish date is said once
    mark = len(out.getvalue())
    chat.answer("/jobs")
    assert "1. MLOps Engineer:" in out.getvalue()[mark:]


def test_terminal_job_on_one_line_and_dismiss() -> None:
    chat, out = planned()
    mark = len(out.getvalue())
    chat.answer("/job Data scientist wanted. Python, SQL, machine learning, statistics.")
    shown = out.getvalue()[mark:]
    assert "Match today:" in shown
    dismiss = next(line for line in shown.splitlines() if "Dismiss" in line).strip().split(".")[0]
    chat.answer(dismiss)
    assert "erased that ad" in out.getvalue()[mark:]
    jobs = JobService(chat.service.db, lambda: CATALOG, lambda: TODAY)
    assert chat.service.db.execute("SELECT count(*) FROM job_ads").fetchone()[0] == 0
    assert jobs.saved(1) == []


def test_job_service_crossings_and_unknown_counts() -> None:
    chat, _ = planned()
    jobs = JobService(chat.service.db, lambda: CATALOG, lambda: TODAY)
    learner = chat.progress.learner_id("terminal", "ana")
    assert learner is not None
    reading = jobs.read(learner, "Backend engineer. Requirements: Python and SQL.")
    assert reading.match.percent == 100 and reading.ad_id is not None
    jobs.save(learner, reading.ad_id)
    jobs.repos.job_ads.set_percent(reading.ad_id, 40)  # as if it was 40% when saved
    [crossed] = jobs.crossings(learner)
    assert crossed.percent == 100
    assert jobs.crossings(learner) == []  # said once
    jobs.read(learner, AD)
    assert ("terraform", 1) in jobs.unknown_counts()


def test_admin_stats_lists_unknown_skills() -> None:
    from bot.services.catalog_admin import CatalogAdminService
    from bot.telegram.handlers.admin.commands import stats_html

    chat, _ = planned()
    jobs = JobService(chat.service.db, lambda: CATALOG, lambda: TODAY)
    learner = chat.progress.learner_id("terminal", "ana")
    assert learner is not None
    jobs.read(learner, AD)
    html = stats_html(CatalogAdminService(chat.service.db, CATALOG))
    assert "not in the catalog yet" in html and "terraform (1)" in html


@pytest.fixture
def no_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("WAYPOINT_CONTENT_DIR", str(ROOT / "content"))
    monkeypatch.chdir(tmp_path)  # no .env here


def test_cli_job_for_a_profile_file_txt_and_pdf(tmp_path: Path, no_token: None) -> None:
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps({"target_role": "ml-engineer", "hours_per_week": 10,
                                   "known_skills": ["python", "sql"]}), encoding="utf-8")
    (tmp_path / "ad.txt").write_text(AD, encoding="utf-8")
    (tmp_path / "ad.pdf").write_bytes(tiny_pdf(AD))
    for name in ("ad.txt", "ad.pdf"):
        result = CliRunner().invoke(app, ["job", str(tmp_path / name), "--profile", str(profile),
                                          "--today", "2026-01-05"])
        assert result.exit_code == 0, result.output
        assert "MLOps Engineer" in result.stdout and "Match today:" in result.stdout
        assert "You have: Python" in result.stdout and "Not in Waypoint's catalog yet:" in result.stdout


def test_cli_job_for_a_stored_learner(tmp_path: Path, no_token: None) -> None:
    db_path = tmp_path / "w.db"
    chat, _ = planned(db_path)
    chat.service.db.close()
    (tmp_path / "ad.md").write_text(AD, encoding="utf-8")
    result = CliRunner().invoke(app, ["job", str(tmp_path / "ad.md"), "--user", "ana", "--db", str(db_path),
                                      "--today", "2026-01-05"])
    assert result.exit_code == 0, result.output
    assert "Match today:" in result.stdout and "Your plan teaches:" in result.stdout
    missing = CliRunner().invoke(app, ["job", str(tmp_path / "ad.md"), "--user", "nobody", "--db", str(db_path)])
    assert missing.exit_code == 2 and "no plan for learner 'nobody'" in missing.stderr


def test_terminal_aim_shows_the_portfolio_then_job_unaim_takes_the_ads_skills_out() -> None:
    chat, out = planned()
    learner = chat._learner()
    assert learner is not None
    before = chat.progress.latest_roadmap(learner)
    projects_before = [p.id for s in before.stages for p in s.projects]
    chat.answer("/job " + AD.replace("\n", " "))
    chat.answer("1")  # aim
    mark = len(out.getvalue())
    chat.answer("/job unaim")
    menu = out.getvalue()[mark:]
    assert "1. ↩ Stop aiming at MLOps Engineer" in menu
    chat.answer("1")
    shown = out.getvalue()[mark:]
    assert "Your plan no longer aims at MLOps Engineer" in shown and "Skills taken out:" in shown
    chat.answer("/jobs")
    assert "match now, not in your plan yet" in out.getvalue()[mark:]  # not "ready by not in your plan"
    after = chat.progress.latest_roadmap(learner)
    assert [p.id for s in after.stages for p in s.projects] == projects_before
    assert after.totals.end_date == before.totals.end_date
    mark = len(out.getvalue())
    chat.answer("/job unaim")
    assert "not aimed at any job ad" in out.getvalue()[mark:]


def test_terminal_jobs_offers_unaim_for_aimed_ads_only() -> None:
    chat, out = planned()
    chat.answer("/job " + AD.replace("\n", " "))
    chat.answer("2")  # save, not aim
    mark = len(out.getvalue())
    chat.answer("/jobs")
    assert "Stop aiming" not in out.getvalue()[mark:]
    chat.answer("/job Computer vision engineer. Requirements: object detection and OpenCV with Python.")
    chat.answer("1")  # aim
    mark = len(out.getvalue())
    chat.answer("/jobs")
    listing = out.getvalue()[mark:]
    assert "Computer vision engineer" in listing and "(your plan is aimed at it)" in listing
    assert "1. ↩ Stop aiming at Computer vision engineer" in listing
    chat.answer("1")
    assert "no longer aims at Computer vision engineer" in out.getvalue()[mark:]


def test_terminal_pasted_ad_with_blank_lines_is_read_whole_and_never_reaches_the_dialogue() -> None:
    chat, out = planned()
    learner = chat._learner()
    assert learner is not None
    profile_before = chat.service.db.execute("SELECT profile FROM profiles").fetchone()[0]
    mark = len(out.getvalue())
    chat.answer("/job")
    for line in ["**MLOps Engineer** (remote, EU)", "", "**What you'll be doing**", "- Ship models to production",
                 "", "**What we're looking for**", "- Docker", "- Kubernetes in production", "",
                 "**You might also have**", "- Terraform"]:
        chat.answer(line + "\n")
    chat.answer("/end")
    shown = out.getvalue()[mark:]
    assert shown.count("Match today:") == 1 and "Kubernetes" in shown and "Terraform" in shown
    assert "MLOps Engineer\n" in shown  # the title without its markdown
    assert "Got it" not in shown  # no line of the ad was read as the learner's answer
    assert chat.service.db.execute("SELECT profile FROM profiles").fetchone()[0] == profile_before


def test_terminal_paste_ended_by_the_end_of_input(tmp_path: Path) -> None:
    db_path = tmp_path / "w.db"
    chat, out = planned(db_path)
    lines = io.StringIO("/job\nData analyst\n\nRequirements\n- SQL\n- Tableau\n")
    mark = len(out.getvalue())
    chat.run(lines, echo=True)
    shown = out.getvalue()[mark:]
    assert "Match today:" in shown and "SQL" in shown
