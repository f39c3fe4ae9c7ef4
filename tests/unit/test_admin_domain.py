"""Pure admin domain: change records applied to a base catalog, one-line forms, diffs and learner notices."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from bot.domain.admin import (
    ChangeRecord,
    FormError,
    apply_changes,
    apply_changes_leniently,
    catalog_sections,
    describe_change,
    diff_catalogs,
    explain_issues,
    parse_form,
    roadmap_notices,
    search_entries,
    section_for,
)
from bot.domain.catalog import Catalog, CatalogError

TODAY = date(2025, 3, 1)


def base_documents() -> dict[str, Any]:
    """A small but complete catalog, as YAML documents keyed by file name."""
    return {
        "skills.yaml": {
            "skills": [
                {"id": "python", "name": "Python", "category": "programming", "hours": 40,
                 "why": "The language of ML."},
                {"id": "sql", "name": "SQL", "category": "data", "hours": 20, "why": "Data lives in databases."},
                {"id": "ml-basics", "name": "ML basics", "category": "ml", "prerequisites": ["python"],
                 "hours": 60, "why": "The core ideas."},
            ]
        },
        "courses.yaml": {
            "courses": [
                {"id": "py-course", "title": "Python for Everybody", "provider": "Coursera",
                 "url": "https://www.coursera.org/specializations/python", "cost_usd": 0, "hours": 40,
                 "level": "beginner", "skills": ["python"], "verified_on": "2025-01-10",
                 "source": "https://www.coursera.org/specializations/python"},
                {"id": "ml-course", "title": "Machine Learning Specialization", "provider": "Coursera",
                 "url": "https://www.coursera.org/specializations/machine-learning-introduction",
                 "cost_usd": 49, "hours": 94, "level": "beginner", "skills": ["ml-basics", "python"],
                 "certificate": True, "verified_on": "2025-01-10",
                 "source": "https://www.coursera.org/specializations/machine-learning-introduction"},
                {"id": "sql-course", "title": "SQL Basics", "provider": "Khan Academy",
                 "url": "https://www.khanacademy.org/computing/computer-programming/sql", "cost_usd": 0,
                 "hours": 10, "level": "beginner", "skills": ["sql"], "verified_on": "2025-01-10",
                 "source": "https://www.khanacademy.org/computing/computer-programming/sql"},
                {"id": "ml-course-2", "title": "ML Crash Course", "provider": "Google",
                 "url": "https://developers.google.com/machine-learning/crash-course", "cost_usd": 0,
                 "hours": 15, "level": "beginner", "skills": ["ml-basics"], "verified_on": "2025-01-10",
                 "source": "https://developers.google.com/machine-learning/crash-course"},
            ]
        },
        "certifications.yaml": {
            "certifications": [
                {"id": "ml-cert", "name": "ML Associate", "issuer": "Cloud Co", "url": "https://cloud.example.com/ml",
                 "cost_usd": 200, "skills": ["ml-basics"], "roles": ["ml-engineer"], "prep_hours": 40,
                 "verified_on": "2025-01-10", "source": "https://cloud.example.com/ml"},
            ]
        },
        "roles.yaml": {
            "roles": [
                {"id": "ml-engineer", "name": "ML engineer", "summary": "Builds ML systems.",
                 "duties": ["Train models"], "required_skills": [{"skill": "python", "depth": "deep"},
                                                                 {"skill": "ml-basics"}],
                 "optional_skills": ["sql"]},
            ]
        },
        "projects.yaml": {
            "projects": [
                {"id": "churn-project", "title": "Churn model", "roles": ["ml-engineer"], "skills": ["ml-basics"],
                 "idea": "Telco churn data", "deliverable": "A notebook and a report", "difficulty": "beginner",
                 "hours": 20},
            ]
        },
        "steps.yaml": {
            "job_search_steps": [
                {"id": "cv-resume", "title": "CV", "description": "Write a one-page CV.", "hours": 5, "order": 1},
            ]
        },
    }


def base_catalog() -> Catalog:
    """The literal base catalog, validated."""
    return Catalog.from_documents(copy.deepcopy(base_documents()))


def record(id: int, action: str, section: str, entry_id: str, before: Any, after: Any,
           undoes: int | None = None) -> ChangeRecord:
    return ChangeRecord(id=id, actor="test", action=action, section=section, entry_id=entry_id,
                        before=before, after=after, undoes=undoes)


# ---------------------------------------------------------------- applying
def test_apply_changes_edit_add_and_undo_of_undo() -> None:
    base = base_catalog()
    sections = catalog_sections(base)
    before = sections["courses"]["ml-course"]
    after = {**before, "cost_usd": 59.0}
    edit = record(1, "edit", "courses", "ml-course", before, after)
    assert apply_changes(base, [edit]).course_by_id["ml-course"].cost_usd == 59
    undo = record(2, "undo", "courses", "ml-course", after, before, undoes=1)
    assert apply_changes(base, [edit, undo]).course_by_id["ml-course"].cost_usd == 49
    redo = record(3, "undo", "courses", "ml-course", before, after, undoes=2)
    assert apply_changes(base, [edit, undo, redo]).course_by_id["ml-course"].cost_usd == 59

    new = {**sections["courses"]["sql-course"], "id": "sql-2", "title": "More SQL"}
    add = record(4, "add", "courses", "sql-2", None, new)
    assert "sql-2" in apply_changes(base, [add]).course_by_id
    removed = record(5, "undo", "courses", "sql-2", new, None, undoes=4)
    assert "sql-2" not in apply_changes(base, [add, removed]).course_by_id


def test_apply_changes_rejects_invalid_and_lenient_skips() -> None:
    base = base_catalog()
    before = catalog_sections(base)["courses"]["py-course"]
    bad = record(1, "edit", "courses", "py-course", before, {**before, "url": "http://insecure.example"})
    sql = catalog_sections(base)["courses"]["sql-course"]
    good = record(2, "edit", "courses", "sql-course", sql, {**sql, "hours": 11.0})
    with pytest.raises(CatalogError):
        apply_changes(base, [bad])
    catalog, skipped = apply_changes_leniently(base, [bad, good])
    assert skipped == [1]
    assert catalog.course_by_id["sql-course"].hours == 11
    assert catalog.course_by_id["py-course"].url.startswith("https://")


# ---------------------------------------------------------------- one-line forms
def test_parse_form_types_quotes_and_lists() -> None:
    updates = parse_form("courses", "cost_usd=49 hours=94 skills=python,sql title='Deep Learning' certificate=yes "
                                    "verified_on=2025-02-01 replacement=none level=Advanced")
    assert updates == {
        "cost_model": "one_off", "price_usd": 49.0, "monthly_usd": None, "certificate_usd": None,
        "hours": 94.0, "teaches": {"python": "working", "sql": "working"}, "title": "Deep Learning",
        "certificate": True, "verified_on": date(2025, 2, 1), "replacement": None, "level": "advanced",
    }
    depth = parse_form("courses", "teaches=python:deep,sql:basic cost_model=subscription monthly_usd=49")
    assert depth == {"teaches": {"python": "deep", "sql": "basic"}, "cost_model": "subscription", "monthly_usd": 49.0}
    roles = parse_form("roles", "required_skills=python:deep,sql duties='Train models;Ship them, safely'")
    assert [rs.skill for rs in roles["required_skills"]] == ["python", "sql"]
    assert roles["duties"] == ["Train models", "Ship them, safely"]


def test_parse_form_names_each_bad_field_with_an_example() -> None:
    with pytest.raises(FormError) as info:
        parse_form("courses", "cost_usd=cheap hours=ten level=expert colour=red verified_on=yesterday", "x")
    problems = {p.field: p for p in info.value.problems}
    assert set(problems) == {"cost_usd", "hours", "level", "colour", "verified_on"}
    assert "expected a number" in problems["cost_usd"].message and "49" in problems["cost_usd"].example
    assert "beginner, intermediate, advanced" in problems["level"].message
    assert "not a field of a course" in problems["colour"].message
    assert "2025-01-31" in problems["verified_on"].example
    assert str(problems["hours"]).startswith("x: hours: expected a number (got 'ten') — for example")


def test_parse_form_unclosed_quote_and_empty() -> None:
    with pytest.raises(FormError, match="close every quote"):
        parse_form("courses", "title='Deep")
    with pytest.raises(FormError, match="no fields given"):
        parse_form("courses", "   ")


def test_section_for_accepts_kinds_and_sections() -> None:
    assert section_for("course") == "courses"
    assert section_for("certifications") == "certifications"
    assert section_for("cert") == "certifications"
    assert section_for("nonsense") is None


# ---------------------------------------------------------------- explaining, diffs, browsing
def test_explain_issues_gives_good_examples_and_did_you_mean() -> None:
    docs = base_documents()
    docs["courses.yaml"]["courses"][0]["url"] = "www.coursera.org"
    docs["courses.yaml"]["courses"][0]["skills"] = ["pyhton"]
    with pytest.raises(CatalogError) as info:
        Catalog.from_documents(docs)
    problems = {p.field: p for p in explain_issues(info.value.issues, "courses", base_catalog())}
    assert "https://" in problems["url"].message and problems["url"].example.startswith("an https:// link")
    assert problems["teaches"].example.startswith("python")


def test_diff_catalogs_added_changed_retired() -> None:
    old = base_catalog()
    docs = base_documents()
    docs["courses.yaml"]["courses"][1]["cost_usd"] = 59
    docs["courses.yaml"]["courses"][2].update(status="retired", retired_on="2025-02-01")
    docs["courses.yaml"]["courses"].append({**docs["courses.yaml"]["courses"][0], "id": "py-2"})
    del docs["projects.yaml"]
    new = Catalog.from_documents(docs)
    diff = diff_catalogs(old, new)
    assert [d.entry_id for d in diff.added] == ["py-2"]
    assert [(d.entry_id, d.fields) for d in diff.changed] == [("ml-course", ["price_usd"])]
    assert {d.entry_id for d in diff.retired} == {"sql-course", "churn-project"}
    assert describe_change(diff.changed[0].before, diff.changed[0].after) == ["price_usd: 49 → 59"]


def test_search_entries_fuzzy() -> None:
    catalog = base_catalog()
    assert [c.id for c in search_entries(catalog, "courses", "machine lerning")][:1] == ["ml-course"]
    assert len(search_entries(catalog, "courses", "")) == 4


# ---------------------------------------------------------------- learner notices
def test_roadmap_notices_retired_replaced_removed_changed() -> None:
    docs = base_documents()
    docs["courses.yaml"]["courses"][1].update(status="replaced", retired_on="2025-02-01", replacement="ml-course-2")
    docs["courses.yaml"]["courses"][2]["url"] = "https://www.khanacademy.org/sql-new"
    del docs["projects.yaml"]
    catalog = Catalog.from_documents(docs)
    roadmap = {"stages": [
        {"id": "learning", "courses": [
            {"id": "ml-course", "title": "Machine Learning Specialization"},
            {"id": "sql-course", "title": "SQL Basics",
             "url": "https://www.khanacademy.org/computing/computer-programming/sql"},
            {"id": "py-course", "title": "Python for Everybody"},
        ]},
        {"id": "portfolio", "projects": [{"id": "churn-project", "title": "Churn model"}]},
    ]}
    notices = roadmap_notices(roadmap, catalog)
    assert len(notices) == 3
    assert "Machine Learning Specialization" in notices[0] and "ML Crash Course" in notices[0]
    assert "SQL Basics" in notices[1] and "sql-new" in notices[1]
    assert "Churn model" in notices[2] and "no longer" in notices[2]
    assert roadmap_notices({"stages": [{"courses": ["py-course"]}]}, catalog) == []
