"""CatalogAdminService on an in-memory database over a small literal base catalog."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog, Status
from bot.services.catalog_admin import CatalogAdminService
from bot.storage.db import open_database
from bot.storage.repositories import Repositories
from tests.unit.test_admin_domain import base_catalog, base_documents

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
ADMIN = "telegram:42"

NEW_COURSE = (
    "id=dl-spec title='Deep Learning Specialization' provider=Coursera "
    "url=https://www.coursera.org/specializations/deep-learning cost_usd=49 hours=120 level=intermediate "
    "skills=ml-basics,python source=https://www.coursera.org/specializations/deep-learning"
)


class Clock:
    """A clock tests can move."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def service() -> CatalogAdminService:
    return CatalogAdminService(open_database(None), base_catalog(), Clock())


def audit_actions(service: CatalogAdminService) -> list[str]:
    return [e.action for e in reversed(service.repos.audit.recent(100))]


# ---------------------------------------------------------------- change kinds
def test_add_edit_retire_each_write_change_and_audit(service: CatalogAdminService) -> None:
    added = service.add("course", NEW_COURSE, ADMIN)
    assert added.ok, added.problems
    assert service.effective().course_by_id["dl-spec"].verified_on is None  # not claimed unless given

    edited = service.edit("dl-spec", "cost_usd=59 title='Deep Learning (2025)'", ADMIN)
    assert edited.ok and edited.fields == ["title", "price_usd"]
    assert service.effective().course_by_id["dl-spec"].cost_usd == 59

    retired = service.retire("dl-spec", "ml-course", actor=ADMIN)
    assert retired.ok
    course = service.effective().course_by_id["dl-spec"]
    assert course.status is Status.replaced and course.replacement == "ml-course"
    assert course.retired_on is not None and course.retired_on.isoformat() == "2025-03-01"

    changes = service.repos.catalog_changes.all()
    assert [(c.action, c.entry_id, c.actor) for c in changes] == [
        ("add", "dl-spec", ADMIN), ("edit", "dl-spec", ADMIN), ("retire", "dl-spec", ADMIN)]
    assert audit_actions(service) == ["catalog.add", "catalog.edit", "catalog.retire"]
    assert service.repos.audit.recent(1)[0].detail["change_ids"] == [changes[-1].id]


def test_add_and_edit_other_kinds(service: CatalogAdminService) -> None:
    assert service.add("skills", {"id": "docker", "name": "Docker", "category": "mlops", "hours": 10,
                                  "why": "Ship models."}, ADMIN).ok
    assert service.add("certs", "id=sql-cert name='SQL Cert' issuer=Acme url=https://acme.example/sql cost_usd=100 "
                                "skills=sql prep_hours=20 source=https://acme.example/sql", ADMIN).ok
    assert service.add("project", "id=sql-project title='SQL dashboard' skills=sql idea='Sales data' "
                                  "deliverable='A dashboard' difficulty=beginner hours=10", ADMIN).ok
    assert service.edit("ml-engineer", "optional_skills=sql,docker", ADMIN).ok
    assert service.edit("python", "hours=50", ADMIN).ok
    catalog = service.effective()
    assert catalog.role_by_id["ml-engineer"].optional_skills == ["sql", "docker"]
    assert catalog.skill_by_id["python"].hours == 50
    # projects leave the effective catalog when retired; skills and roles cannot be retired
    assert service.retire("sql-project", actor=ADMIN).ok
    assert "sql-project" not in service.effective().project_by_id
    refused = service.retire("python", actor=ADMIN)
    assert not refused.ok and "cannot be retired" in refused.problems[0].message


# ---------------------------------------------------------------- validation
def test_bad_url_names_the_field_and_a_good_example_and_changes_nothing(service: CatalogAdminService) -> None:
    before = service.effective()
    result = service.add("courses", NEW_COURSE.replace("url=https://", "url=http://"), ADMIN)
    assert not result.ok and result.change_id is None
    problem = next(p for p in result.problems if p.field == "url")
    assert problem.entry == "dl-spec"
    assert "must be an https:// URL" in problem.message
    assert problem.example.startswith("an https:// link such as https://")
    assert service.effective() is before
    assert service.repos.catalog_changes.all() == [] and service.repos.audit.recent() == []


def test_whole_catalog_rules_apply_to_each_change(service: CatalogAdminService) -> None:
    # an unknown skill, with a did-you-mean
    unknown = service.edit("py-course", "skills=pyhton", ADMIN)
    assert not unknown.ok
    assert unknown.problems[0].message == "unknown skill 'pyhton'" and unknown.problems[0].example.startswith("python")
    # a prerequisite cycle
    cycle = service.edit("python", "prerequisites=ml-basics", ADMIN)
    assert not cycle.ok and "cycle" in cycle.problems[0].message
    # retiring the only course that teaches a role's skill breaks the role
    assert service.retire("sql-course", actor=ADMIN).ok  # sql is only optional: fine
    assert service.retire("ml-course-2", actor=ADMIN).ok
    broken = service.retire("ml-course", actor=ADMIN)
    assert not broken.ok and "no active course teaches 'ml-basics'" in broken.problems[0].message
    # typed form errors and the id rule
    typed = service.edit("py-course", "hours=ten colour=red", ADMIN)
    assert {p.field for p in typed.problems} == {"hours", "colour"}
    assert not service.edit("py-course", "id=py-2", ADMIN).ok
    assert not service.add("courses", NEW_COURSE.replace("id=dl-spec", "id=python"), ADMIN).ok
    assert not service.edit("nope", "hours=1", ADMIN).ok
    assert not service.edit("py-course", "hours=40", ADMIN).ok  # no change
    assert len(service.repos.catalog_changes.all()) == 2


# ---------------------------------------------------------------- undo and history
def test_undo_and_undo_of_undo(service: CatalogAdminService) -> None:
    first = service.edit("ml-course", "cost_usd=59", ADMIN)
    undo = service.undo(actor=ADMIN)
    assert undo.ok and service.effective().course_by_id["ml-course"].cost_usd == 49
    twice = service.undo(first.change_id, actor=ADMIN)
    assert not twice.ok
    assert twice.problems[0].message == (
        f"change #{first.change_id} was already undone by #{undo.change_id} (undo #{undo.change_id} to redo it)")
    redo = service.undo(undo.change_id, actor=ADMIN)
    assert redo.ok and service.effective().course_by_id["ml-course"].cost_usd == 59
    records = service.history("ml-course")
    assert [(r.action, r.undoes) for r in records] == [("undo", undo.change_id), ("undo", first.change_id),
                                                      ("edit", None)]
    # an add undone removes the entry; undo of that undo restores it
    service.add("courses", NEW_COURSE, ADMIN)
    removed = service.undo(actor=ADMIN)
    assert "dl-spec" not in service.effective().course_by_id
    assert service.undo(removed.change_id, actor=ADMIN).ok
    assert "dl-spec" in service.effective().course_by_id
    assert audit_actions(service).count("catalog.undo") == 4


def test_undo_refuses_when_entry_changed_since(service: CatalogAdminService) -> None:
    first = service.edit("ml-course", "cost_usd=59", ADMIN)
    second = service.edit("ml-course", "hours=100", ADMIN)
    refused = service.undo(first.change_id, actor=ADMIN)
    assert not refused.ok and f"#{second.change_id}" in refused.problems[0].message
    assert not service.undo(999, actor=ADMIN).ok
    fresh = CatalogAdminService(open_database(None), base_catalog(), Clock())
    assert fresh.undo(actor=ADMIN).problems[0].message == "there is no change to undo"


def test_history_newest_first_and_per_entry(service: CatalogAdminService) -> None:
    service.edit("ml-course", "cost_usd=59", ADMIN)
    service.edit("py-course", "hours=45", "cli:alice")
    assert [r.entry_id for r in service.history()] == ["py-course", "ml-course"]
    only = service.history("ml-course")
    assert len(only) == 1 and only[0].changed_fields() == ["price_usd"]
    assert only[0].before is not None and only[0].after is not None
    assert only[0].before["price_usd"] == 49 and only[0].after["price_usd"] == 59


def test_effective_catalog_is_rebuilt_from_the_database(service: CatalogAdminService) -> None:
    service.edit("ml-course", "cost_usd=59", ADMIN)
    other = CatalogAdminService(service.db, base_catalog(), Clock())  # e.g. the bot after a restart
    assert other.effective().course_by_id["ml-course"].cost_usd == 59
    other.edit("ml-course", "cost_usd=69", "cli:alice")  # e.g. the CLI, while the bot runs
    assert service.effective().course_by_id["ml-course"].cost_usd == 69


# ---------------------------------------------------------------- import
IMPORT = """
courses:
  - id: ml-course
    title: Machine Learning Specialization
    provider: Coursera
    url: https://www.coursera.org/specializations/machine-learning-introduction
    cost_usd: 59
    hours: 94
    level: beginner
    skills: [ml-basics, python]
    certificate: true
    verified_on: 2025-02-20
    source: https://www.coursera.org/specializations/machine-learning-introduction
  - id: sql-course
    title: SQL Basics
    provider: Khan Academy
    url: https://www.khanacademy.org/computing/computer-programming/sql
    cost_usd: 0
    hours: 10
    level: beginner
    skills: [sql]
    status: retired
    retired_on: 2025-02-20
    verified_on: 2025-01-10
    source: https://www.khanacademy.org/computing/computer-programming/sql
  - id: stats-course
    title: Statistics
    provider: Khan Academy
    url: https://www.khanacademy.org/math/statistics-probability
    cost_usd: 0
    hours: 30
    level: beginner
    skills: [ml-basics]
    source: https://www.khanacademy.org/math/statistics-probability
"""


def test_import_preview_diff_then_confirm_then_undo_batch(service: CatalogAdminService) -> None:
    preview = service.import_preview(IMPORT, ADMIN)
    assert preview.token and not preview.problems
    assert [d.entry_id for d in preview.diff.added] == ["stats-course"]
    assert [(d.entry_id, d.fields) for d in preview.diff.changed] == [("ml-course", ["price_usd", "verified_on"])]
    assert [d.entry_id for d in preview.diff.retired] == ["sql-course"]
    assert service.repos.catalog_changes.all() == []  # nothing changes before confirmation

    applied = service.import_apply(preview.token, ADMIN)
    assert applied.ok and applied.entries == 3
    catalog = service.effective()
    assert catalog.course_by_id["ml-course"].cost_usd == 59
    assert catalog.course_by_id["sql-course"].status is Status.retired
    assert "stats-course" in catalog.course_by_id
    assert len({c.batch for c in service.repos.catalog_changes.all()}) == 1
    assert audit_actions(service) == ["catalog.import"]
    assert not service.import_apply(preview.token, ADMIN).ok  # a token works once

    undone = service.undo(actor=ADMIN)  # the whole batch
    assert undone.ok and undone.entries == 3
    assert service.effective().counts() == base_catalog().counts()
    assert service.effective().course_by_id["ml-course"].cost_usd == 49


def test_import_rejects_invalid_documents_and_stale_previews(service: CatalogAdminService) -> None:
    bad = service.import_preview(IMPORT.replace("url: https://www.khanacademy.org/math", "url: ftp://x/math"), ADMIN)
    assert bad.token is None and [p.field for p in bad.problems] == ["url"]
    assert service.import_preview("courses: [", ADMIN).problems[0].field == "document"
    assert service.import_preview("widgets: []", ADMIN).problems[0].field == "widgets"
    same = service.import_preview("skills:\n  - {id: python, name: Python, category: programming, hours: 40, "
                                  "why: The language of ML.}", ADMIN)
    assert same.token is None and same.diff.is_empty()
    preview = service.import_preview(IMPORT, ADMIN)
    service.edit("py-course", "hours=41", ADMIN)
    stale = service.import_apply(preview.token or "", ADMIN)
    assert not stale.ok and "changed since the preview" in stale.problems[0].message
    cancelled = service.import_preview(IMPORT, ADMIN)
    assert service.cancel_import(cancelled.token or "")
    assert not service.import_apply(cancelled.token or "", ADMIN).ok


# ---------------------------------------------------------------- export
def test_export_round_trips_and_validates_with_the_cli(service: CatalogAdminService, tmp_path: Path) -> None:
    service.add("courses", NEW_COURSE, ADMIN)
    service.retire("sql-course", actor=ADMIN)
    files = service.export_yaml()
    assert set(files) == set(base_documents())
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert Catalog.load(tmp_path) == service.effective()
    run = subprocess.run([sys.executable, "-m", "bot", "content", "validate", "--dir", str(tmp_path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Catalog OK: 1 roles")


# ---------------------------------------------------------------- learners
def _learner_with_roadmap(service: CatalogAdminService, external_id: str, course_ids: list[str]) -> int:
    repos = Repositories(service.db)
    with service.db.atomic():
        learner = repos.learners.get_or_create("telegram", external_id, None, NOW)
        roadmap = {"stages": [{"id": "learning", "courses": [
            {"id": cid, "key": f"course:{cid}", "title": service.effective().course_by_id[cid].title}
            for cid in course_ids]}]}
        repos.roadmaps.add(learner.id, roadmap, {"target_role": "ml-engineer"}, "first plan", NOW)
    return learner.id


def test_learner_sees_a_notice_after_a_retirement(service: CatalogAdminService) -> None:
    alice = _learner_with_roadmap(service, "1", ["py-course", "ml-course"])
    bob = _learner_with_roadmap(service, "2", ["py-course"])
    assert service.notices_for(alice) == []
    result = service.retire("ml-course", "ml-course-2", actor=ADMIN)
    assert result.ok and result.affected_learners == 1
    assert service.affected_learners("ml-course") == [alice]
    notices = service.notices_for(alice)
    assert notices == ["“Machine Learning Specialization” has been retired; “ML Crash Course” replaces it."]
    assert service.notices_for(bob) == []


def test_stats(service: CatalogAdminService) -> None:
    alice = _learner_with_roadmap(service, "1", ["py-course", "ml-course"])
    _learner_with_roadmap(service, "2", ["py-course"])
    from datetime import date

    from bot.domain.progress import ProgressEvent

    with service.db.atomic():
        service.repos.progress.add(alice, ProgressEvent(item="course:py-course", on=date(2025, 3, 1)), NOW)
    stats = service.stats()
    assert stats.learners == 2 and stats.active_7 == 2 and stats.roadmaps == 2
    assert stats.top_roles == [("ml-engineer", 2)]
    assert stats.stage_completion == [("learning", 0.25, 2)]
    assert stats.top_done == [("course:py-course", 1)]


# ---------------------------------------------------------------- the CLI, over the same service
def test_cli_add_edit_retire_history_undo_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import yaml
    from typer.testing import CliRunner

    from bot.cli import app

    content = tmp_path / "content"
    content.mkdir()
    for name, document in base_documents().items():
        (content / name).write_text(yaml.safe_dump(document), encoding="utf-8")
    monkeypatch.setenv("WAYPOINT_CONTENT_DIR", str(content))
    monkeypatch.setenv("WAYPOINT_DB_PATH", str(tmp_path / "w.db"))
    monkeypatch.setenv("USER", "alice")
    runner = CliRunner()
    entry = tmp_path / "skill.json"
    entry.write_text(json.dumps({"id": "docker", "name": "Docker", "category": "mlops", "hours": 10,
                                 "why": "Ship models."}), encoding="utf-8")

    added = runner.invoke(app, ["content", "add", "skill", str(entry)])
    assert added.exit_code == 0 and added.output.startswith("change #1: add docker"), added.output
    edited = runner.invoke(app, ["content", "edit", "ml-course", "cost_usd=59", "title=ML Specialization (2025)"])
    assert edited.exit_code == 0 and "price_usd: 49 → 59" in edited.output
    refused = runner.invoke(app, ["content", "edit", "ml-course", "url=http://x"])
    assert refused.exit_code == 1 and "url: must be an https:// URL" in refused.output
    assert runner.invoke(app, ["content", "retire", "sql-course"]).exit_code == 0
    assert runner.invoke(app, ["content", "undo"]).exit_code == 0
    history = runner.invoke(app, ["content", "history"])
    assert history.output.splitlines()[0].split()[3:] == ["cli:alice", "undo", "(undoes", "#3)", "courses/sql-course"]
    assert "cli:alice" in history.output
    out = tmp_path / "out"
    assert runner.invoke(app, ["content", "export", str(out)]).exit_code == 0
    validated = runner.invoke(app, ["content", "validate", "--dir", str(out)])
    assert validated.exit_code == 0 and "4 skills" in validated.output, validated.output
    assert Catalog.load(out).course_by_id["ml-course"].cost_usd == 59
