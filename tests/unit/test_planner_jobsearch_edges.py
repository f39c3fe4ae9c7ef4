"""Edges the job-search property test found: the steps shown in whole or half hours stay within their share of the
study, and a job search that starts the same day as a stage names that stage."""

from __future__ import annotations

import pytest

from bot.domain.planner import plan
from bot.domain.profile import LearnerProfile
from tests.unit.planned_profiles import CATALOG, TODAY
from tests.unit.test_planner_jobsearch import check_job_search


@pytest.mark.parametrize("fields", [
    {"target_role": "mlops-engineer", "current_role": "software engineer", "years_experience": 2.0,
     "hours_per_week": 20.0},
    {"target_role": "deep-learning-engineer", "current_role": "accountant", "years_experience": 12.0,
     "hours_per_week": 8.0},
    {"target_role": "deep-learning-engineer", "known_skills": ["python", "linux-shell", "sql", "llm-evaluation"],
     "hours_per_week": 15.0},
])
def test_found_edges_keep_the_job_search_rules(fields: dict[str, object]) -> None:
    profile = LearnerProfile.model_validate(fields)
    check_job_search(profile, plan(profile, CATALOG, TODAY))
