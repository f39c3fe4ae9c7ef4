"""Hypothesis properties of the planner over random profiles on the literal test catalog."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.catalog import Status, prerequisite_closure
from bot.domain.planner import Roadmap, plan, replan
from bot.domain.profile import Education, LearnerProfile
from bot.domain.progress import ProgressEvent
from tests.unit.test_planner import ALL_SKILLS, CATALOG, TODAY

profiles = st.builds(
    LearnerProfile,
    target_role=st.sampled_from(["ml-engineer", "data-analyst", "ML Engineer"]),
    domain=st.sampled_from([None, "nlp", "no-such-domain"]),
    known_skills=st.lists(st.sampled_from(ALL_SKILLS), unique=True, max_size=8),
    hours_per_week=st.one_of(st.none(), st.sampled_from([1.0, 3.0, 10.0, 25.0, 200.0])),
    deadline=st.one_of(st.none(), st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))),
    budget_usd=st.one_of(st.none(), st.sampled_from([-10.0, 0.0, 40.0, 60.0, 100.0, 250.0, 1000.0])),
    wants_certificates=st.one_of(st.none(), st.booleans()),
    language=st.sampled_from([None, "en", "fr", "de"]),
    named_certifications=st.lists(st.sampled_from(["aws-ml", "tf-dev", "stats-cert", "nope"]), unique=True,
                                  max_size=2),
    current_role=st.sampled_from([None, "backend dev", "junior data analyst", "postdoc", "ML intern", "nurse"]),
    years_experience=st.sampled_from([None, 0.0, 4.0]),
    education=st.sampled_from([None, *Education]),
    field_of_study=st.sampled_from([None, "physics", "computer science", "history"]),
)


def skill_positions(roadmap: Roadmap) -> dict[str, tuple[int, int]]:
    """(stage index, position in the roadmap) of every skill."""
    out: dict[str, tuple[int, int]] = {}
    for st_ in roadmap.stages:
        for sk in st_.skills:
            out[sk.id] = (st_.index, len(out))
    return out


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_prerequisites_never_after_dependents(prof: LearnerProfile) -> None:
    where = skill_positions(plan(prof, CATALOG, TODAY))
    for skill_id, (stage, position) in where.items():
        for prereq in CATALOG.skill_by_id[skill_id].prerequisites:
            if prereq in where:
                assert where[prereq][0] <= stage and where[prereq][1] < position


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_budget_never_exceeded_when_it_fits(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    cost = sum(c.cost_usd + (c.certificate_cost_usd or 0) for s in roadmap.stages for c in s.courses)
    cost += sum(c.cost_usd for s in roadmap.stages for c in s.certifications)
    assert abs(cost - roadmap.totals.cost_usd) < 1e-6
    if prof.budget_usd is not None and roadmap.totals.fits_budget:
        assert roadmap.totals.cost_usd <= max(prof.budget_usd, 0)
    if prof.budget_usd is not None and prof.budget_usd <= 0:
        assert all(c.cost_usd == 0 for s in roadmap.stages for c in s.courses)
    assert roadmap.totals.fits_budget == (roadmap.explanations.budget is None)


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_no_known_skill_is_taught_again(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    # A known skill (working, as no depth is given) implies its prerequisites at working depth too, transitively;
    # the test catalog's roles need every skill at working depth, so none of them is taught again.
    known = prerequisite_closure(prof.known_skills, CATALOG)
    assert not known & set(skill_positions(roadmap))
    assert not known & {s for st_ in roadmap.stages for c in st_.courses for s in c.skills}


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_no_retired_item(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    for st_ in roadmap.stages:
        for c in st_.courses:
            assert CATALOG.course_by_id[c.id].status is Status.active
            if c.alternative is not None:
                assert CATALOG.course_by_id[c.alternative.id].status is Status.active
        for ce in st_.certifications:
            assert CATALOG.certification_by_id[ce.id].status is Status.active


@settings(max_examples=100, deadline=None)
@given(profiles)
def test_output_is_deterministic(prof: LearnerProfile) -> None:
    assert plan(prof, CATALOG, TODAY).model_dump_json() == plan(prof, CATALOG, TODAY).model_dump_json()


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_schedule_is_consistent(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    assert roadmap.stages, "never an empty roadmap"
    assert roadmap.stages[-1].kind == "job_search"
    previous_end = TODAY
    for st_ in roadmap.stages[:-1]:
        assert previous_end <= st_.start <= st_.end and st_.week_from <= st_.week_to
        previous_end = st_.start
    # The job search starts in the last part of the study: once the portfolio begins or 30% of the study before it
    # is left, whichever comes first, never before the last learning stage (test_planner_jobsearch checks more).
    job, learning = roadmap.stages[-1], [s for s in roadmap.stages if s.kind == "learning"]
    assert job.start >= (learning[-1].start if learning else job.start) and job.start <= job.end
    assert all(s.end <= job.end for s in roadmap.stages)
    assert abs(sum(s.hours for s in roadmap.stages) - roadmap.totals.hours) < 0.05
    if prof.deadline is not None and roadmap.totals.fits_deadline:
        assert roadmap.totals.end_date <= prof.deadline
    assert roadmap.totals.fits_deadline == (roadmap.explanations.deadline is None)


@settings(max_examples=100, deadline=None)
@given(profiles, st.data())
def test_replan_never_shows_done_items(prof: LearnerProfile, data: st.DataObject) -> None:
    first = plan(prof, CATALOG, TODAY)
    keys = [i.key for i in first.items()]
    chosen = data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=6))
    later = TODAY + timedelta(days=data.draw(st.integers(0, 120)))
    events = [ProgressEvent(item=k, on=later) for k in chosen]
    second = replan(first, events, CATALOG, later)
    assert not set(chosen) & {i.key for i in second.items()}
    assert second.hours_per_week > 0


@settings(max_examples=100, deadline=None)
@given(profiles)
def test_every_warning_has_a_stable_code_and_advice_never_asks_over_40_hours(prof: LearnerProfile) -> None:
    roadmap = plan(prof, CATALOG, TODAY)
    assert all(w.code and w.code == w.code.strip().lower() and " " not in w.code for w in roadmap.warnings)
    codes = {w.code for w in roadmap.warnings}
    assert ("deadline-missed" in codes) == (roadmap.explanations.deadline is not None)
    assert ("budget-over" in codes) == (roadmap.explanations.budget is not None)
    missed = roadmap.explanations.deadline
    if missed is not None:
        import re

        asked = [float(n) for n in re.findall(r"study ([0-9.]+) h/week", missed.text)]
        assert all(n <= 40 for n in asked)
        assert missed.accept_date == roadmap.totals.end_date
