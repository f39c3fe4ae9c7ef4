"""The catalog audit: verification state, source kind, age and what is due, on literal catalogs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from bot.cli import app
from bot.domain.audit import RECHECK_AFTER_DAYS, audit, catalog_urls
from bot.domain.catalog import Catalog


def _docs() -> dict[str, Any]:
    course = {"id": "py", "title": "Python", "provider": "P", "url": "https://p.example/py", "cost_model": "free",
              "hours": 10, "level": "beginner", "teaches": {"python": "working"}, "source": "https://p.example/py"}
    return {
        "skills.yaml": {"skills": [{"id": "python", "name": "Python", "category": "programming", "hours": 40,
                                    "why": "Everything uses it."}]},
        "courses.yaml": {"courses": [
            {**course, "verified_on": "2026-11-01"},
            {**course, "id": "old", "url": "https://p.example/old", "verified_on": "2025-01-01"},
            {**course, "id": "never", "url": "https://p.example/never", "source": "https://blog.example/list",
             "source_kind": "third_party"},
            {**course, "id": "gone", "status": "retired", "retired_on": "2024-01-01"},
        ]},
    }


def test_states_ages_and_due_entries() -> None:
    report = audit(Catalog.from_documents(_docs()), date(2026, 12, 1))
    states = {r.id: (r.state, r.age_days, r.source_kind.value) for r in report.rows}
    assert states["py"] == ("verified", 30, "provider")
    assert states["old"][0] == "due" and states["old"][1] > RECHECK_AFTER_DAYS
    assert states["never"] == ("unverified", None, "third_party")
    assert {r.id for r in report.due} == {"old", "never"}  # a retired entry is not due
    assert report.counts()["third_party"] == 1 and not report.unsourced


def test_every_cited_url_is_collected_once_with_who_cites_it() -> None:
    urls = catalog_urls(Catalog.from_documents(_docs()))
    assert urls["https://p.example/py"] == ["py.url", "py.source", "old.source", "gone.url", "gone.source"]
    assert "https://blog.example/list" in urls


def test_cli_audit_prints_counts_and_due(tmp_path: Path) -> None:
    for name, doc in _docs().items():
        (tmp_path / name).write_text(yaml.safe_dump(doc), encoding="utf-8")
    result = CliRunner().invoke(app, ["content", "audit", "--dir", str(tmp_path), "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "old" in result.output and "never" in result.output
    assert "4 entries: 1 verified, 1 due, 2 unverified" in result.output
    bad = CliRunner().invoke(app, ["content", "audit", "--dir", str(tmp_path), "--today", "yesterday"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_shipped_catalog_audit_runs_and_every_active_entry_has_a_source() -> None:
    root = Path(__file__).resolve().parents[2] / "content"
    report = audit(Catalog.load(root), date(2026, 12, 1))
    assert report.rows and not report.unsourced
