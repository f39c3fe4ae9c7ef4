"""Tests of `waypoint plan` and `waypoint bench plan` against the literal test catalog written as YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.bench.synthetic import scale_catalog, size
from bot.cli import app
from tests.unit.test_planner import CATALOG, DOCS

runner = CliRunner()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The test catalog as a content directory."""
    directory = tmp_path / "content"
    directory.mkdir()
    for name, document in DOCS.items():
        (directory / name).write_text(yaml.safe_dump(document), encoding="utf-8")
    return directory


def write_profile(tmp_path: Path, data: object) -> Path:
    """A profile file with this JSON content."""
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_plan(content: Path, *args: str) -> tuple[int, str, str]:
    """Run `waypoint plan --dir content ...`: exit code, stdout, stderr."""
    result = runner.invoke(app, ["plan", "--dir", str(content), *args])
    return result.exit_code, result.stdout, result.stderr


def test_plan_prints_json_with_the_issue_keys(tmp_path: Path, content: Path) -> None:
    path = write_profile(tmp_path, {
        "target_role": "Machine learning engineer", "domain": "NLP", "education": "bachelor",
        "current_role": "teacher", "years_experience": 5, "known_skills": ["Python", "git"],
        "hours_per_week": 8, "deadline": "2026-01-31", "budget_usd": None, "wants_certificates": True})
    code, out, _ = run_plan(content, "--profile", str(path), "--today", "2025-01-06")
    assert code == 0
    data = json.loads(out)
    assert {"stages", "totals", "warnings"} <= set(data)
    assert data["totals"]["start"] == "2025-01-06"
    assert data["profile"]["target_role"] == "ml-engineer" and data["profile"]["known_skills"] == ["python", "git"]


def test_plan_prints_markdown(tmp_path: Path, content: Path) -> None:
    path = write_profile(tmp_path, {"target_role": "data-analyst", "hours_per_week": 5})
    code, out, _ = run_plan(content, "--profile", str(path), "--today", "2025-01-06", "--format", "markdown")
    assert code == 0 and out.startswith("# Your roadmap to Data Analyst")


def test_schema_lists_the_profile_keys(content: Path) -> None:
    code, out, _ = run_plan(content, "--schema")
    assert code == 0
    assert {"target_role", "domain", "education", "current_role", "years_experience", "known_skills",
            "hours_per_week", "deadline", "budget_usd", "wants_certificates"} <= set(json.loads(out)["properties"])


@pytest.mark.parametrize(("data", "args", "message"), [
    ({"target_role": "ml enginer"}, [], "Unknown role 'ml enginer'. Closest: ml-engineer"),
    ({"target_role": "ml-engineer", "known_skills": ["pytorh"]}, [], "Closest: pytorch"),
    ({"target_role": "ml-engineer", "deadline": "soon"}, [], "deadline"),
    ({"target_role": "ml-engineer", "years_experience": -2}, [], "years_experience"),
    ({"target_role": "ml-engineer"}, ["--today", "06/01/2025"], "--today"),
    ({"target_role": "ml-engineer"}, ["--format", "pdf"], "--format"),
])
def test_bad_input_is_one_error_line_and_exit_2(
    tmp_path: Path, content: Path, data: object, args: list[str], message: str,
) -> None:
    code, out, err = run_plan(content, "--profile", str(write_profile(tmp_path, data)), *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_unreadable_or_invalid_profile_files(tmp_path: Path, content: Path) -> None:
    code, _, err = run_plan(content, "--profile", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = run_plan(content, "--profile", str(broken))
    assert code == 2 and "not valid JSON" in err and err.count("\n") == 1
    code, _, err = run_plan(content)
    assert code == 2 and "--profile" in err


def test_nonsense_values_warn_instead_of_failing(tmp_path: Path, content: Path) -> None:
    path = write_profile(tmp_path, {"target_role": "ml-engineer", "hours_per_week": 1, "deadline": "2020-01-01",
                                    "budget_usd": -3})
    code, out, _ = run_plan(content, "--profile", str(path), "--today", "2025-01-06")
    assert code == 0
    data = json.loads(out)
    assert len(data["warnings"]) >= 2 and data["totals"]["fits_deadline"] is False
    assert all(w["code"] for w in data["warnings"])


@pytest.mark.parametrize("hours", [0, -3, 0.01])
def test_zero_or_tiny_hours_are_one_line_naming_hours_per_week(tmp_path: Path, content: Path, hours: float) -> None:
    path = write_profile(tmp_path, {"target_role": "ml-engineer", "hours_per_week": hours})
    code, out, err = run_plan(content, "--profile", str(path), "--today", "2025-01-06")
    assert code == 2 and not out
    assert "hours per week" in err.lower() and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_synthetic_catalog_scales_every_section() -> None:
    big = scale_catalog(CATALOG, 3)
    assert size(big) == 3 * (size(CATALOG) - len(CATALOG.job_search_steps)) + len(CATALOG.job_search_steps)
    assert "pytorch-x2" in big.skill_by_id and big.skill_by_id["pytorch-x2"].prerequisites == [
        "neural-networks-x2", "python-x2"]


def test_bench_plan_prints_figures(content: Path) -> None:
    result = runner.invoke(app, ["bench", "plan", "--dir", str(content), "--rounds", "1"])
    assert result.exit_code == 0
    assert "shipped" in result.stdout and "100x" in result.stdout and "growth 100x" in result.stdout


SHIPPED = Path(__file__).resolve().parents[2] / "content"


@pytest.mark.parametrize(("said", "role_id"), [
    ("nlp", "nlp-engineer"), ("CV", "cv-engineer"), ("NLP eng", "nlp-engineer"), ("computer vision", "cv-engineer"),
])
def test_plan_reads_role_short_forms_as_understanding_does(tmp_path: Path, said: str, role_id: str) -> None:
    path = write_profile(tmp_path, {"target_role": said, "hours_per_week": 8})
    code, out, err = run_plan(SHIPPED, "--profile", str(path), "--today", "2025-01-06")
    assert code == 0, err
    assert json.loads(out)["profile"]["target_role"] == role_id


def test_plan_reads_skill_short_forms_but_not_typos(tmp_path: Path) -> None:
    path = write_profile(tmp_path, {"target_role": "nlp", "hours_per_week": 8, "known_skills": ["sklearn", "k8s"]})
    code, out, err = run_plan(SHIPPED, "--profile", str(path), "--today", "2025-01-06")
    assert code == 0, err
    assert json.loads(out)["profile"]["known_skills"] == ["scikit-learn", "kubernetes"]
    path = write_profile(tmp_path, {"target_role": "nlp", "known_skills": ["pytorh"]})
    code, _, err = run_plan(SHIPPED, "--profile", str(path))
    assert code == 2 and "Unknown skill 'pytorh'" in err


def test_plan_still_refuses_a_role_guess(tmp_path: Path) -> None:
    path = write_profile(tmp_path, {"target_role": "computr vison"})
    code, _, err = run_plan(SHIPPED, "--profile", str(path))
    assert code == 2 and "Unknown role 'computr vison'" in err and "cv-engineer" in err
