"""Every rule of catalog validation, on small broken literal catalogs, plus the CLI exit codes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import app
from bot.domain.catalog import Catalog, CatalogError, CatalogIssue, find_cycles

Docs = dict[str, dict[str, list[dict[str, Any]]]]


def valid_documents() -> Docs:
    """A tiny catalog that passes every rule; tests copy it and break one thing."""
    return {
        "roles.yaml": {
            "domains": [{"id": "nlp", "name": "NLP", "skills": ["python"]}],
            "roles": [
                {
                    "id": "dev",
                    "name": "Developer",
                    "summary": "Writes code.",
                    "duties": ["Write code"],
                    "required_skills": [{"skill": "python"}, {"skill": "sql", "depth": "basic"}],
                    "domains": ["nlp"],
                    "salary": [
                        {"label": "US average", "median_usd": 100000, "source": "https://example.org/s", "year": 2025}
                    ],
                }
            ],
        },
        "skills.yaml": {
            "skills": [
                {"id": "python", "name": "Python", "category": "programming", "hours": 40, "why": "Useful."},
                {
                    "id": "sql",
                    "name": "SQL",
                    "category": "programming",
                    "hours": 20,
                    "why": "Data.",
                    "prerequisites": ["python"],
                },
            ]
        },
        "courses.yaml": {
            "courses": [
                {
                    "id": "py-course",
                    "title": "Python 101",
                    "provider": "Example",
                    "url": "https://example.org/py",
                    "cost_model": "free",
                    "hours": 10,
                    "hours_basis": "provider",
                    "hours_note": "5 lessons of 1 h video, x2 for exercises",
                    "level": "beginner",
                    "teaches": {"python": "working", "sql": "basic"},
                    "verified_on": "2026-11-23",
                    "source": "https://example.org/py",
                },
            ]
        },
        "certifications.yaml": {
            "certifications": [
                {
                    "id": "cert-a",
                    "name": "Cert A",
                    "issuer": "Example",
                    "url": "https://example.org/a",
                    "cost_usd": 100,
                    "skills": ["python"],
                    "roles": ["dev"],
                    "prep_hours": 10,
                    "verified_on": "2026-11-23",
                    "source": "https://example.org/a",
                },
            ]
        },
        "projects.yaml": {
            "projects": [
                {
                    "id": "proj",
                    "title": "Project",
                    "domain": "nlp",
                    "roles": ["dev"],
                    "skills": ["python"],
                    "idea": "Some data.",
                    "deliverable": "A repo.",
                    "difficulty": "beginner",
                    "hours": 5,
                },
            ]
        },
        "steps.yaml": {
            "job_search_steps": [
                {"id": "cv-resume", "title": "CV", "description": "Write it.", "hours": 2, "order": 1},
            ],
            "education_steps": [
                {"id": "self-study", "title": "Self-study", "description": "Study.", "order": 1},
            ],
        },
    }


def issues_of(docs: Docs) -> list[CatalogIssue]:
    with pytest.raises(CatalogError) as info:
        Catalog.from_documents(docs)
    return info.value.issues


def find(issues: list[CatalogIssue], file: str, entry: str, field: str) -> CatalogIssue:
    for issue in issues:
        if (issue.file, issue.entry, issue.field) == (file, entry, field):
            return issue
    raise AssertionError(f"no issue {file}: {entry}: {field} in:\n" + "\n".join(map(str, issues)))


def item(docs: Docs, file: str, section: str, index: int = 0) -> dict[str, Any]:
    return docs[file][section][index]


def test_valid_catalog_loads() -> None:
    catalog = Catalog.from_documents(valid_documents())
    assert catalog.counts()["skills"] == 2
    assert catalog.get("py-course") is not None


def test_duplicate_id_across_kinds() -> None:
    docs = valid_documents()
    dup = copy.deepcopy(item(docs, "courses.yaml", "courses"))
    dup["id"] = "python"  # a course may not reuse a skill's id
    docs["courses.yaml"]["courses"].append(dup)
    issue = find(issues_of(docs), "courses.yaml", "python", "id")
    assert "duplicate" in issue.message and "skills" in issue.message


def test_duplicate_id_within_a_section() -> None:
    docs = valid_documents()
    docs["projects.yaml"]["projects"].append(copy.deepcopy(item(docs, "projects.yaml", "projects")))
    assert "duplicate" in find(issues_of(docs), "projects.yaml", "proj", "id").message


def test_domain_may_share_its_id_with_a_skill_but_not_with_other_kinds() -> None:
    docs = valid_documents()
    docs["roles.yaml"]["domains"].append({"id": "python", "name": "Python domain"})
    Catalog.from_documents(docs)  # allowed: VOCABULARY.md names e.g. computer-vision as both
    docs["roles.yaml"]["domains"].append({"id": "proj", "name": "Clash"})
    assert "duplicate" in find(issues_of(docs), "roles.yaml", "proj", "id").message


@pytest.mark.parametrize(
    ("file", "section", "field", "value", "entry"),
    [
        ("courses.yaml", "courses", "teaches", {"python": "working", "nope": "basic"}, "py-course"),
        ("skills.yaml", "skills", "prerequisites", ["nope"], "python"),
        ("certifications.yaml", "certifications", "roles", ["nope"], "cert-a"),
        ("projects.yaml", "projects", "domain", "nope", "proj"),
        ("roles.yaml", "roles", "domains", ["nope"], "dev"),
        ("roles.yaml", "domains", "skills", ["nope"], "nlp"),
    ],
)
def test_unknown_references(file: str, section: str, field: str, value: Any, entry: str) -> None:
    docs = valid_documents()
    item(docs, file, section)[field] = value
    issue = find(issues_of(docs), file, entry, field)
    assert "unknown" in issue.message and "'nope'" in issue.message


def test_unknown_required_skill_in_role() -> None:
    docs = valid_documents()
    item(docs, "roles.yaml", "roles")["required_skills"].append({"skill": "nope"})
    assert "'nope'" in find(issues_of(docs), "roles.yaml", "dev", "required_skills").message


def test_prerequisite_cycle_is_printed() -> None:
    docs = valid_documents()
    item(docs, "skills.yaml", "skills", 0)["prerequisites"] = ["sql"]  # python -> sql -> python
    issue = find(issues_of(docs), "skills.yaml", "python", "prerequisites")
    assert "cycle" in issue.message
    assert "python -> sql -> python" in issue.message


def test_self_prerequisite() -> None:
    docs = valid_documents()
    item(docs, "skills.yaml", "skills", 0)["prerequisites"] = ["python"]
    assert "own prerequisite" in find(issues_of(docs), "skills.yaml", "python", "prerequisites").message


def test_find_cycles_reports_each_cycle_once() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["d"], "e": []}
    assert sorted(find_cycles(graph)) == [["a", "b", "c"], ["d"]]


@pytest.mark.parametrize(
    ("file", "section", "field", "entry"),
    [
        ("courses.yaml", "courses", "url", "py-course"),
        ("courses.yaml", "courses", "source", "py-course"),
        ("certifications.yaml", "certifications", "url", "cert-a"),
        ("certifications.yaml", "certifications", "source", "cert-a"),
    ],
)
def test_non_https_urls(file: str, section: str, field: str, entry: str) -> None:
    docs = valid_documents()
    item(docs, file, section)[field] = "http://example.org/insecure"
    assert "https" in find(issues_of(docs), file, entry, field).message


def test_non_https_salary_source() -> None:
    docs = valid_documents()
    item(docs, "roles.yaml", "roles")["salary"][0]["source"] = "example.org"
    assert "https" in find(issues_of(docs), "roles.yaml", "dev", "salary.0.source").message


@pytest.mark.parametrize(
    ("file", "section", "entry"),
    [("courses.yaml", "courses", "py-course"), ("certifications.yaml", "certifications", "cert-a")],
)
def test_negative_costs(file: str, section: str, entry: str) -> None:
    docs = valid_documents()
    field = "price_usd" if section == "courses" else "cost_usd"
    item(docs, file, section)[field] = -5
    if section == "courses":
        item(docs, file, section)["cost_model"] = "one_off"
        item(docs, file, section).pop("cost_usd", None)
    assert "negative" in find(issues_of(docs), file, entry, field).message


@pytest.mark.parametrize(
    ("file", "section", "field", "entry"),
    [
        ("skills.yaml", "skills", "hours", "python"),
        ("courses.yaml", "courses", "hours", "py-course"),
        ("certifications.yaml", "certifications", "prep_hours", "cert-a"),
        ("projects.yaml", "projects", "hours", "proj"),
        ("steps.yaml", "job_search_steps", "hours", "cv-resume"),
    ],
)
def test_zero_hours(file: str, section: str, field: str, entry: str) -> None:
    docs = valid_documents()
    item(docs, file, section)[field] = 0
    assert "more than 0" in find(issues_of(docs), file, entry, field).message


@pytest.mark.parametrize(
    ("file", "section", "entry"),
    [("courses.yaml", "courses", "py-course"), ("certifications.yaml", "certifications", "cert-a")],
)
def test_retired_item_without_date(file: str, section: str, entry: str) -> None:
    docs = valid_documents()
    item(docs, file, section)["status"] = "retired"
    assert "date" in find(issues_of(docs), file, entry, "retired_on").message


def test_replaced_item_needs_a_known_replacement() -> None:
    docs = valid_documents()
    cert = item(docs, "certifications.yaml", "certifications")
    cert.update(status="replaced", retired_on="2026-03-31")
    issues = issues_of(docs)
    assert "replacement" in find(issues, "certifications.yaml", "cert-a", "replacement").message
    cert["replacement"] = "nope"
    assert "'nope'" in find(issues_of(docs), "certifications.yaml", "cert-a", "replacement").message


def test_active_item_with_retirement_date() -> None:
    docs = valid_documents()
    item(docs, "courses.yaml", "courses")["retired_on"] = "2025-01-01"
    assert "active" in find(issues_of(docs), "courses.yaml", "py-course", "retired_on").message


def test_role_needing_a_skill_no_active_course_teaches() -> None:
    docs = valid_documents()
    course = item(docs, "courses.yaml", "courses")
    course["skills"] = ["python"]  # nothing teaches sql any more
    issue = find(issues_of(docs), "roles.yaml", "dev", "required_skills")
    assert "no active course teaches 'sql'" in issue.message


def test_role_skill_taught_only_by_retired_course_is_an_error() -> None:
    docs = valid_documents()
    course = item(docs, "courses.yaml", "courses")
    course.update(status="retired", retired_on="2024-01-01")
    issues = issues_of(docs)
    find(issues, "roles.yaml", "dev", "required_skills")


def test_prerequisites_of_required_skills_must_be_taught_too() -> None:
    docs = valid_documents()
    item(docs, "roles.yaml", "roles")["required_skills"] = [{"skill": "sql"}]
    item(docs, "courses.yaml", "courses")["skills"] = ["sql"]  # python (prerequisite of sql) untaught
    assert "'python'" in find(issues_of(docs), "roles.yaml", "dev", "required_skills").message


def test_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    for name, doc in valid_documents().items():
        (tmp_path / name).write_text(yaml.safe_dump(doc), encoding="utf-8")
    (tmp_path / "projects.yaml").write_text("projects:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        Catalog.load(tmp_path)
    issue = find(info.value.issues, "projects.yaml", "-", "-")
    assert "YAML" in issue.message


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        Catalog.load(tmp_path / "absent")
    assert "not a directory" in info.value.issues[0].message


def test_unknown_section() -> None:
    docs: dict[str, Any] = valid_documents()
    docs["skills.yaml"]["skils"] = []
    issue = find(issues_of(docs), "skills.yaml", "-", "skils")
    assert "unknown section" in issue.message


def test_top_level_must_be_a_mapping() -> None:
    docs: dict[str, Any] = valid_documents()
    docs["extra.yaml"] = ["not", "a", "mapping"]
    assert "mapping" in find(issues_of(docs), "extra.yaml", "-", "-").message


@pytest.mark.parametrize(
    ("file", "section", "field", "value", "entry"),
    [
        ("skills.yaml", "skills", "hours", "lots", "python"),
        ("skills.yaml", "skills", "category", "cooking", "python"),
        ("courses.yaml", "courses", "level", "expert", "py-course"),
        ("courses.yaml", "courses", "verified_on", "yesterday", "py-course"),
        ("certifications.yaml", "certifications", "exam_minutes", "two hours", "cert-a"),
        ("projects.yaml", "projects", "skills", "python", "proj"),
        ("steps.yaml", "job_search_steps", "order", "first", "cv-resume"),
    ],
)
def test_invalid_field_types(file: str, section: str, field: str, value: Any, entry: str) -> None:
    docs = valid_documents()
    item(docs, file, section)[field] = value
    find(issues_of(docs), file, entry, field)


def test_unknown_field_and_bad_id_are_reported() -> None:
    docs = valid_documents()
    item(docs, "courses.yaml", "courses")["colour"] = "blue"
    item(docs, "projects.yaml", "projects")["id"] = "Not Kebab"
    issues = issues_of(docs)
    find(issues, "courses.yaml", "py-course", "colour")
    find(issues, "projects.yaml", "Not Kebab", "id")


def test_all_errors_are_collected_not_just_the_first() -> None:
    docs = valid_documents()
    item(docs, "courses.yaml", "courses")["url"] = "http://example.org"
    item(docs, "certifications.yaml", "certifications")["cost_usd"] = -1
    item(docs, "projects.yaml", "projects")["hours"] = 0
    item(docs, "skills.yaml", "skills", 0)["prerequisites"] = ["sql"]
    item(docs, "roles.yaml", "roles")["domains"] = ["nope"]
    item(docs, "steps.yaml", "job_search_steps")["hours"] = "x"
    issues = issues_of(docs)
    find(issues, "courses.yaml", "py-course", "url")
    find(issues, "certifications.yaml", "cert-a", "cost_usd")
    find(issues, "projects.yaml", "proj", "hours")
    find(issues, "skills.yaml", "python", "prerequisites")
    find(issues, "roles.yaml", "dev", "domains")
    find(issues, "steps.yaml", "cv-resume", "hours")
    assert len(issues) >= 6
    text = str(CatalogError(issues))
    assert f"{len(issues)} problem(s)" in text and "courses.yaml: py-course: url:" in text


def test_to_documents_round_trips() -> None:
    catalog = Catalog.from_documents(valid_documents())
    documents = catalog.to_documents()
    assert set(documents) == {
        "roles.yaml",
        "skills.yaml",
        "courses.yaml",
        "certifications.yaml",
        "projects.yaml",
        "steps.yaml",
    }
    again = Catalog.from_documents(documents)
    assert again == catalog
    assert Catalog.from_documents(yaml.safe_load(yaml.safe_dump(documents))) == catalog


# ------------------------------------------------------------------ CLI
def _write(directory: Path, docs: Docs) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, doc in docs.items():
        (directory / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return directory


def test_cli_validate_ok(tmp_path: Path) -> None:
    directory = _write(tmp_path / "good", valid_documents())
    result = CliRunner().invoke(app, ["content", "validate", "--dir", str(directory)])
    assert result.exit_code == 0, result.output
    assert "Catalog OK" in result.output


def test_cli_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    docs = valid_documents()
    item(docs, "courses.yaml", "courses")["cost_usd"] = -3
    item(docs, "projects.yaml", "projects")["hours"] = 0
    directory = _write(tmp_path / "bad", docs)
    result = CliRunner().invoke(app, ["content", "validate", "--dir", str(directory)])
    assert result.exit_code == 1
    assert "courses.yaml: py-course: price_usd" in result.output
    assert "projects.yaml: proj: hours" in result.output


def test_cli_validate_yaml_error_and_missing_dir(tmp_path: Path) -> None:
    directory = _write(tmp_path / "broken", valid_documents())
    (directory / "skills.yaml").write_text("skills: [\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["content", "validate", "--dir", str(directory)])
    assert result.exit_code == 1 and "skills.yaml" in result.output
    result = CliRunner().invoke(app, ["content", "validate", "--dir", str(tmp_path / "missing")])
    assert result.exit_code == 1


def test_cli_validates_shipped_content() -> None:
    content = Path(__file__).resolve().parents[2] / "content"
    result = CliRunner().invoke(app, ["content", "validate", "--dir", str(content)])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- depth, fit, cost model, hours basis, sources
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"teaches": {"python": "expert"}}, "teaches.python", "basic"),
        ({"teaches": {}}, "teaches", "at least 1"),
        ({"cost_model": "one_off"}, "price_usd", "price"),
        ({"cost_model": "subscription"}, "monthly_usd", "monthly"),
        ({"cost_model": "free_audit_paid_certificate", "certificate": True}, "certificate_usd", "certificate"),
        ({"cost_model": "free_audit_paid_certificate", "certificate_usd": 50}, "certificate", "offer"),
        ({"cost_model": "free", "price_usd": 30}, "cost_model", "free course"),
        ({"cost_model": "gratis"}, "cost_model", "free"),
        ({"hours_note": ""}, "hours_note", "provider's figure"),
        ({"requires": ["nope"]}, "requires", "unknown course"),
        ({"requires": ["python:expert"]}, "requires", "depth"),
        ({"requires": ["ghost:basic"]}, "requires", "unknown skill"),
        ({"requires": ["py-course"]}, "requires", "itself"),
        ({"updated": 20}, "updated", "year"),
        ({"editor_rank": 0}, "editor_rank", "greater than or equal to 1"),
        ({"programming_language": "cobol"}, "programming_language", "python"),
        ({"source": "https://github.com/someone/notes"}, "source", "repository"),
    ],
)
def test_course_schema_rules(changes: dict[str, Any], field: str, words: str) -> None:
    """Each rule of the course schema names the entry and field, with a message a curator can act on."""
    docs = valid_documents()
    item(docs, "courses.yaml", "courses").update(changes)
    issue = find(issues_of(docs), "courses.yaml", "py-course", field)
    assert words in issue.message


def test_requirement_cycles_between_courses_are_reported_as_a_path() -> None:
    docs = valid_documents()
    first = item(docs, "courses.yaml", "courses")
    second = {**first, "id": "py-2", "requires": ["py-course"]}
    first["requires"] = ["py-2"]
    docs["courses.yaml"]["courses"].append(second)
    issue = find(issues_of(docs), "courses.yaml", "py-2", "requires")
    assert "py-2 -> py-course -> py-2" in issue.message


def test_legacy_shape_still_loads_for_stored_admin_changes() -> None:
    """Changes stored before depths and cost models (skills list, cost_usd) keep loading."""
    docs = valid_documents()
    course = item(docs, "courses.yaml", "courses")
    for key in ("teaches", "cost_model", "hours_basis", "hours_note"):
        course.pop(key)
    course.update(skills=["python", "sql"], cost_usd=25, hours=4)
    loaded = Catalog.from_documents(docs).course_by_id["py-course"]
    assert loaded.teaches == {"python": "basic", "sql": "basic"}  # a 4-hour course is an introduction
    assert (loaded.cost_model.value, loaded.price_usd, loaded.cost_usd) == ("one_off", 25, 25)


def test_costs_follow_the_model_and_the_learners_pace() -> None:
    """A subscription's total follows the pace; a paid certificate is priced apart from learning."""
    docs = valid_documents()
    item(docs, "courses.yaml", "courses").update(
        cost_model="subscription", monthly_usd=49, hours=60, suggested_hours_per_week=5, certificate=True)
    course = Catalog.from_documents(docs).course_by_id["py-course"]
    assert course.months_at(None) == 3  # 60 h at 5 h/week is 12 weeks, just under 3 months
    assert course.learning_cost(15) == 49  # 60 h at 15 h/week fits in one month
    assert course.learning_cost(2) == 49 * 7
    assert course.certificate_cost(5) == 0 and not course.free_certificate
    audit = item(docs, "courses.yaml", "courses")
    audit.update(cost_model="free_audit_paid_certificate", monthly_usd=None, certificate_usd=199)
    course = Catalog.from_documents(docs).course_by_id["py-course"]
    assert (course.learning_cost(5), course.certificate_cost(5), course.total_cost(5, True)) == (0, 199, 199)
