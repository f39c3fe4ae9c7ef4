"""Years in a job made of explaining and caring for people (nurse, teacher, sales, lawyer...) teach communication
deeply: such a learner is never sent on a communication course or told to self-study it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.planner import Roadmap, plan
from bot.domain.profile import LearnerProfile
from tests.unit.planned_profiles import CATALOG, TODAY

PEOPLE_TITLES = ["nurse", "ICU nurse", "math teacher", "sales manager", "lawyer", "pharmacist", "social worker",
                 "customer support lead", "university lecturer", "management consultant"]


def _communication_in(roadmap: Roadmap) -> bool:
    stages = roadmap.stages
    return any("communication" in c.skills for s in stages for c in s.courses) or any(
        k.id == "communication" for s in stages for k in s.skills)


@settings(max_examples=40, deadline=None)
@given(title=st.sampled_from(PEOPLE_TITLES), years=st.sampled_from([3.0, 6.0, 12.0]),
       role=st.sampled_from([r.id for r in CATALOG.roles]), budget=st.sampled_from([0.0, 300.0, None]))
def test_people_work_teaches_communication(title: str, years: float, role: str, budget: float | None) -> None:
    profile = LearnerProfile(target_role=role, current_role=title, years_experience=years, hours_per_week=8,
                             budget_usd=budget, budget_known=True)
    assert not _communication_in(plan(profile, CATALOG, TODAY))


def test_a_stated_depth_still_wins() -> None:
    profile = LearnerProfile(target_role="data-analyst", current_role="nurse", years_experience=6, hours_per_week=8,
                             known_skills=["communication"], skill_depth={"communication": "basic"})
    assert _communication_in(plan(profile, CATALOG, TODAY))
