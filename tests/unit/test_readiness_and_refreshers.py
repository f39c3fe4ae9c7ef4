"""Issue 18, part 2, pure rules: the readiness arithmetic, the slipping rule, times of day, refresher placement."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.catalog import Depth, depth_rank
from bot.domain.planner import plan
from bot.domain.profile import LearnerProfile
from bot.domain.progress import CLAIMED_STAGE, CheckRecord, ReadinessItem, latest_checks, readiness
from bot.domain.skillcheck import (
    REFRESHER_MAX_HOURS,
    SLIP_WINDOW,
    parse_time_of_day,
    pick_refresher,
    remember,
    slipping,
    with_refreshers,
)
from tests.integration.test_conversation_service import CATALOG

SKILLS = [f"s{i}" for i in range(8)]
STAGES = [("a", "Stage A"), ("b", "Stage B"), ("c", "Stage C")]
DAY = date(2026, 1, 5)

items_st = st.lists(
    st.builds(ReadinessItem,
              key=st.sampled_from([f"{k}:{i}" for k in ("course", "skill", "project") for i in range(6)]),
              stage_id=st.sampled_from([s for s, _ in STAGES]),
              skills=st.lists(st.sampled_from(SKILLS), max_size=3).map(tuple)),
    max_size=12, unique_by=lambda i: i.key)
checks_st = st.lists(st.builds(CheckRecord, skill=st.sampled_from(SKILLS), depth=st.integers(1, 3),
                               passed=st.booleans(), on=st.dates(DAY, DAY + timedelta(days=60))), max_size=10)


@settings(max_examples=200, deadline=None)
@given(items=items_st, done_share=st.sets(st.integers(0, 11)), claimed=st.lists(st.sampled_from(SKILLS), max_size=4),
       needs=st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 3), max_size=6), checks=checks_st,
       hours=st.floats(-5, 500), checkable=st.sets(st.sampled_from(SKILLS)))
def test_readiness_counts_never_exceed_what_they_count(items: list[ReadinessItem], done_share: set[int],
                                                       claimed: list[str], needs: dict[str, int],
                                                       checks: list[CheckRecord], hours: float,
                                                       checkable: set[str]) -> None:
    done = {item.key for n, item in enumerate(items) if n in done_share}
    ready = readiness(STAGES, items, done, claimed, needs, checks, hours, "Claimed", checkable)
    assert ready.role_without_quiz == len(set(needs) - checkable) <= ready.role_needed
    last = latest_checks(checks)
    assert 0 <= ready.role_checked <= ready.role_needed == len(needs)
    assert ready.role_checked == sum(1 for s, d in needs.items() if s in last and last[s].passed and last[s].depth >= d)
    assert 0 <= ready.projects_done <= ready.projects_total
    assert ready.hours_remaining == max(hours, 0.0)
    seen: list[str] = []
    for stage in ready.stages:
        assert set(stage.done) <= set(stage.skills) and {s for s, _ in stage.checked} <= set(stage.skills)
        # checked means the newest check of that skill passed, dated that day
        assert all(last[s].passed and last[s].on == on for s, on in stage.checked)
        seen += stage.skills
    assert len(seen) == len(set(seen))  # each skill counted in one place only
    if claimed:
        assert ready.stages[0].stage_id == CLAIMED_STAGE and ready.stages[0].done == tuple(dict.fromkeys(claimed))
    done_skills = {s for item in items if item.key in done for s in item.skills}
    for stage in ready.stages[1 if claimed else 0:]:
        assert set(stage.done) == set(stage.skills) & done_skills


def test_a_later_failed_check_takes_back_an_earlier_pass() -> None:
    checks = [CheckRecord("s1", 2, True, DAY), CheckRecord("s1", 2, False, DAY + timedelta(days=3))]
    ready = readiness(STAGES, [], set(), ["s1"], {"s1": 2}, checks, 10.0)
    assert ready.role_checked == 0 and ready.stages[0].checked == () and ready.kept_after_fail == ("s1",)
    # a pass at a shallower depth than the role's proves the skill for its stage but not for the role line
    ready = readiness(STAGES, [], set(), ["s1"], {"s1": 3}, [CheckRecord("s1", 2, True, DAY)], 10.0)
    assert ready.role_checked == 0 and ready.stages[0].checked == (("s1", DAY),)


@given(st.lists(st.booleans(), max_size=12))
def test_slipping_is_two_of_the_last_three_missed(results: list[bool]) -> None:
    recent = ""
    for right in results:
        recent = remember(recent, right)
        assert len(recent) <= SLIP_WINDOW
    assert recent == "".join("1" if r else "0" for r in results)[-SLIP_WINDOW:]
    assert slipping(recent) == (results[-SLIP_WINDOW:].count(False) >= 2)


@given(st.integers(0, 23), st.integers(0, 59))
def test_times_of_day_are_read_in_every_common_spelling(hour: int, minute: int) -> None:
    assert parse_time_of_day(f"{hour}:{minute:02d}") == (hour, minute)
    assert parse_time_of_day(f"{hour:02d}.{minute:02d}") == (hour, minute)
    twelve = hour % 12 or 12
    assert parse_time_of_day(f"{twelve}:{minute:02d}{'pm' if hour >= 12 else 'am'}") == (hour, minute)


@given(st.text(max_size=12))
def test_anything_else_is_not_a_time(text: str) -> None:
    found = parse_time_of_day(text)
    assert found is None or (0 <= found[0] <= 23 and 0 <= found[1] <= 59)


def test_impossible_times_are_refused() -> None:
    for text in ("24:00", "19:60", "13pm", "0am", "", "soon", "7:5", "-1", "١٩:٣٠"):
        assert parse_time_of_day(text) is None, text


PROFILE = LearnerProfile(target_role="ml-engineer", known_skills=["python"], hours_per_week=8, budget_usd=500,
                         budget_known=True, wants_certificates=False)


@settings(max_examples=25, deadline=None)
@given(skill=st.sampled_from(sorted(s.id for s in CATALOG.skills)), depth=st.sampled_from(list(Depth)),
       free=st.booleans())
def test_a_refresher_is_a_short_fitting_course_or_self_study_and_adding_it_keeps_the_hours_right(
        skill: str, depth: Depth, free: bool) -> None:
    roadmap = plan(PROFILE, CATALOG, DAY)
    done = {roadmap.items()[0].key}
    item = pick_refresher(skill, depth, CATALOG, done, roadmap.hours_per_week, free)
    if item.course is not None:
        course = CATALOG.course_by_id[item.course.id]
        assert course.hours <= REFRESHER_MAX_HOURS and item.key not in done
        assert depth_rank(course.teaches[skill]) >= depth_rank(depth)
        assert not free or course.learning_cost(roadmap.hours_per_week) <= 0
    else:
        assert item.step is not None and item.key == f"step:refresh-{skill}" and item.hours >= 1
    item = item.model_copy(update={"stage_id": roadmap.stages[-1].id})
    fresh = with_refreshers(roadmap, [item], set())
    if item.key in {i.key for i in roadmap.items()}:
        assert fresh == roadmap  # already on the roadmap: nothing added twice
        return
    assert item.key in {i.key for i in fresh.items() if i.stage_id == fresh.stages[-1].id}
    assert abs(fresh.totals.hours - round(roadmap.totals.hours + item.hours, 1)) < 0.11
    assert abs(sum(s.hours for s in fresh.stages) - fresh.totals.hours) < 0.11
    assert fresh.totals.end_date >= roadmap.totals.end_date
    assert with_refreshers(fresh, [item], set()) == fresh  # applying it again changes nothing
    assert with_refreshers(roadmap, [item], {item.key}) == roadmap  # a done refresher is not put back
