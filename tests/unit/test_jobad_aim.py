"""Aiming a plan at a job ad (issue 17): the role's projects are pinned and at most one project is added for the
ad's skills (un-aiming is tested through the real Application in tests/integration)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.catalog import Catalog, Depth
from bot.domain.jobad import JobAd
from bot.domain.planner import Roadmap, plan
from bot.domain.profile import LearnerProfile
from bot.services.jobs import aimed_by, project_changes
from bot.storage.repositories import StoredJobAd

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 1, 5)
PROFILES = sorted((ROOT / "tests" / "data" / "profiles").glob("*.json"))
SKILLS = sorted(CATALOG.skill_by_id)


def _profile(path: Path) -> LearnerProfile:
    return LearnerProfile.model_validate(json.loads(path.read_text(encoding="utf-8")))


def _projects(roadmap: Roadmap) -> list[str]:
    return [p.id for stage in roadmap.stages for p in stage.projects]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PROFILES), st.lists(st.sampled_from(SKILLS), min_size=1, max_size=5, unique=True))
def test_aiming_pins_the_roles_projects_and_adds_at_most_one(path: Path, targets: list[str]) -> None:
    profile = _profile(path)
    base = plan(profile, CATALOG, TODAY)
    aimed = plan(profile.model_copy(update={"target_skills": dict.fromkeys(targets, Depth.working)}), CATALOG, TODAY)
    before, after = _projects(base), _projects(aimed)
    assert after[: len(before)] == before
    assert len(after) <= len(before) + 1
    if len(after) > len(before):
        extra = CATALOG.project_by_id[after[-1]]
        planned_before = {s.id for stage in base.stages for s in stage.skills}
        new_skills = {s.id for stage in aimed.stages for s in stage.skills} - planned_before
        assert set(extra.skills) & new_skills  # the added project shows something the ad brought in


def test_project_changes_names_kept_added_and_dropped() -> None:
    profile = _profile(PROFILES[0])
    base = plan(profile, CATALOG, TODAY)
    assert project_changes(base, base) is None
    aimed = plan(profile.model_copy(update={"target_skills": {"kubernetes": Depth.working,
                                                               "model-monitoring": Depth.working}}), CATALOG, TODAY)
    line = project_changes(base, aimed)
    added = [p.title for s in aimed.stages for p in s.projects if p.id not in _projects(base)]
    assert line is not None and line.startswith("Portfolio: kept ") and all(t in line for t in added)
    back = project_changes(aimed, base)
    assert back is not None and "dropped" in back


def _stored(ad_id: int, skills: list[str], aimed_skills: list[str] | None) -> StoredJobAd:
    ad = JobAd(title=f"ad {ad_id}", required_skills=skills)
    return StoredJobAd(id=ad_id, learner_id=1, created_at=datetime(2026, 1, 5, tzinfo=UTC), title=ad.title, text="",
                       ad=ad.model_dump(mode="json"), saved=True, aimed=True, last_percent=None,
                       aimed_skills=aimed_skills)


def test_aimed_by_uses_the_stored_skills_else_those_no_other_aimed_ad_claims() -> None:
    profile = LearnerProfile(target_skills={"docker": Depth.working, "kubernetes": Depth.working, "sql": Depth.working})
    ad = JobAd(required_skills=["docker", "kubernetes", "python"])
    assert aimed_by(["kubernetes", "gone"], ad, [], profile) == ["kubernetes"]  # only targets still there
    other = _stored(2, ["docker"], None)
    assert aimed_by(None, ad, [other], profile) == ["kubernetes"]  # docker is the other ad's
    assert aimed_by(None, ad, [_stored(3, ["python"], ["docker"])], profile) == ["kubernetes"]
    assert aimed_by(None, ad, [], profile) == ["docker", "kubernetes"]  # python was never a target
