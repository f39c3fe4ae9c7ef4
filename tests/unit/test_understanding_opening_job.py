"""Terminal findings of the lead: an opening role with years is the job when another role is the goal; years right
before a skill say its depth."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog
from bot.domain.understanding import understand

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("text", "job", "goal", "years"), [
    ("data analyst 3 yrs, excel+sql+tableau, want DS role by next summer, 10h", "data analyst", "data-scientist", 3),
    ("data analyst, 4 years. want to become an ml engineer", "data analyst", "ml-engineer", 4),
    ("data scientist 5y, aiming for mlops", "data scientist", "mlops-engineer", 5),
    ("data engineer for 6 years, I'd like to switch to machine learning engineer", "data engineer", "ml-engineer", 6),
    ("ml engineer 2 yrs. goal: ml researcher", "ml engineer", "ml-researcher", 2),
])
def test_the_opening_role_with_years_is_the_job(text: str, job: str, goal: str, years: float) -> None:
    facts = understand(text, CATALOG, TODAY)
    assert (facts.current_role, facts.target_role, facts.years_experience) == (job, goal, years)
    assert not [q for q in facts.questions if q.field == "target_role"], "no second role asked back"


@pytest.mark.parametrize("text", ["data analyst in 2 years, 10h a week", "ML engineer, 2 years",
                                  "data scientist within 1 year please"])
def test_without_another_goal_the_opening_role_stays_the_goal(text: str) -> None:
    facts = understand(text, CATALOG, TODAY)
    assert facts.current_role is None and facts.target_role is not None


@pytest.mark.parametrize(("text", "skill"), [
    ("I am a backend dev, 5 years python and sql, want to be ml engineer", "python"),
    ("10+ yrs java, want ML", "java"),
    ("data person, 3 yrs sql", "sql"),
    ("embedded dev: 12 years c++", "cpp"),
])
def test_three_or_more_years_right_before_a_skill_make_it_deep(text: str, skill: str) -> None:
    """"5 years python": years of using a skill say how deep it is, with or without "of"."""
    facts = understand(text, CATALOG, TODAY)
    assert facts.skill_depth.get(skill) == "deep", facts.skill_depth


@pytest.mark.parametrize("text", ["I know python, in 3 years i want to be an ml engineer", "2 years python"])
def test_a_deadline_or_a_short_span_is_no_depth(text: str) -> None:
    assert understand(text, CATALOG, TODAY).skill_depth.get("python") != "deep"
