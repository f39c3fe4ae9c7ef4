"""Tests of the Markdown rendering of a roadmap."""

from __future__ import annotations

from datetime import date

from bot.domain.planner import plan
from bot.domain.profile import LearnerProfile
from bot.domain.render import roadmap_markdown
from tests.unit.test_planner import ALL_SKILLS, CATALOG, TODAY


def markdown(**fields: object) -> str:
    """The Markdown of an ML-engineer plan with `fields` overriding the profile."""
    base: dict[str, object] = {"target_role": "ml-engineer", "hours_per_week": 10}
    return roadmap_markdown(plan(LearnerProfile.model_validate({**base, **fields}), CATALOG, TODAY))


def test_headings_per_stage_and_totals() -> None:
    text = markdown(wants_certificates=True)
    assert text.startswith("# Your roadmap to ML Engineer\n")
    for heading in ("## Totals", "## 1. Foundations: programming and maths", "## 6. Certification",
                    "## 7. Portfolio", "## 8. Job search"):
        assert heading in text
    assert "*2025-01-06 → " in text and "weeks 1–" in text


def test_courses_show_provider_cost_hours_link_and_alternative() -> None:
    text = markdown()
    assert "| [Course ml-free](https://example.org/ml-free) | Prov | free | about 80 |" in text
    # What is worse about the loser, never its hours and price as if they were faults.
    assert "Picked over Course ml-paid: $49 for the same ground." in text
    assert "Alternative: [Course ml-paid](https://example.org/ml-paid) (Prov)." in text


def test_skills_table_has_the_why() -> None:
    assert "| Pandas | Needed by ML Engineer" not in markdown()  # pandas is a prerequisite, not required
    assert "| Numpy | Prerequisite of Pandas." in markdown()


def test_certifications_projects_steps_and_salary_with_source() -> None:
    text = markdown(wants_certificates=True)
    assert "| [AWS ML Engineer](https://example.org/aws) | AWS | $150 | 40 h |" in text
    assert "- **Churn model** (30 h): Telco churn data. Deliverable: A notebook." in text
    assert "1. Portfolio: Polish GitHub. (5 h)" in text
    assert "- all levels (US, 2024): median $150,000 — source: <https://example.org/bls>" in text


def test_warnings_notices_and_explanations_are_shown() -> None:
    text = markdown(hours_per_week=None, deadline=date(2025, 3, 1), named_certifications=["tf-dev"])
    assert "## Warnings" in text and "10 h/week" in text
    assert "## Notices" in text and "TensorFlow Developer" in text
    assert "**Deadline:** Your deadline 2025-03-01 needs" in text
    assert "- Deadline (2025-03-01): not met" in text


def test_learner_who_knows_everything_gets_a_short_document() -> None:
    text = markdown(known_skills=ALL_SKILLS)
    assert "## 1. Portfolio" in text and "## 2. Job search" in text and "### Courses" not in text


def test_rendering_is_deterministic_and_ends_with_one_newline() -> None:
    text = markdown(domain="nlp")
    assert text == markdown(domain="nlp")
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_a_course_not_yet_verified_says_so_and_a_verified_one_does_not() -> None:
    from bot import texts

    roadmap = plan(LearnerProfile(target_role="ml-engineer", hours_per_week=10), CATALOG, TODAY)
    assert texts.UNVERIFIED_COURSE not in roadmap_markdown(roadmap)  # every test course has verified_on
    stage = next(s for s in roadmap.stages if s.courses)
    unverified = stage.model_copy(update={"courses": [stage.courses[0].model_copy(update={"verified_on": None})]})
    changed = roadmap.model_copy(update={"stages": [unverified if s.id == stage.id else s for s in roadmap.stages]})
    text = roadmap_markdown(changed)
    row = next(line for line in text.splitlines() if line.startswith(f"| [{stage.courses[0].title}]"))
    # Said once for the whole plan, naming the course, never on the row itself.
    lead = texts.UNVERIFIED_COURSE.rstrip(".")
    assert lead not in row
    assert text.count(lead) == 1
    note = next(line for line in text.splitlines() if lead in line)
    assert stage.courses[0].title in note


def test_a_salary_figure_is_shown_with_the_statistic_its_source_states() -> None:
    from bot.domain.catalog import SalaryBand
    from bot.domain.render import _salary

    base = {"label": "entry level (0-2 years)", "median_usd": 97090, "source": "https://example.org/s", "year": 2020}
    assert ": average $97,090 " in _salary(SalaryBand.model_validate({**base, "statistic": "average"}))
    assert ": median $97,090 " in _salary(SalaryBand.model_validate({**base, "statistic": "median"}))
    unstated = _salary(SalaryBand.model_validate(base))
    assert ": $97,090 " in unstated and "median" not in unstated and "average" not in unstated
