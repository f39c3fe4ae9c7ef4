"""The planner's orchestration: plan(profile, catalog, today) -> Roadmap, in named steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot import texts
from bot.domain.catalog import (
    Catalog,
    Depth,
    Domain,
    Project,
    Role,
    Seniority,
    depth_rank,
)
from bot.domain.planner.certifications import _choose_certifications, place_certification_stage
from bot.domain.planner.constants import JOB_RANK, LEARNING_STAGES, SLOW_PLAN_WEEKS
from bot.domain.planner.courses import _choose_courses, _put_back
from bot.domain.planner.deadlines import (
    _adjacent_role,
    _budget_explanation,
    _deadline_explanation,
    _severe,
    _slack,
    _slow_warning,
    background_step,
)
from bot.domain.planner.items import _course_item, _skill_item
from bot.domain.planner.jobsearch import _job_search_stage, industry_of, seniority_of
from bot.domain.planner.knowledge import _closure, _codes, _from_work, _known_depths, assumed_job, job_skills
from bot.domain.planner.models import (
    CertificationItem,
    CourseItem,
    Explanations,
    PlanWarning,
    ProjectItem,
    Roadmap,
    SkillItem,
    Stage,
    Totals,
    W,
    _Context,
)
from bot.domain.planner.needs import _domain, _needs, _topological
from bot.domain.planner.profiles import resolve_role
from bot.domain.planner.projects import (
    _aimed_project,
    _pick_projects,
    _portfolio_stage,
    _project_count,
    _rank_projects,
    _years_if_one,
)
from bot.domain.planner.reasons import _certificate_warnings, _depth_short_warning
from bot.domain.planner.schedule import _ceil, _pace, _schedule, _stage_hours
from bot.domain.planner.selection import _Chosen, _course_cost, _Selection
from bot.domain.planner.stages import (
    _drop_repeats,
    _order_courses,
    _ranks,
    _settle,
    _stage_goal,
    _stage_title,
    _title_skills,
)
from bot.domain.planner.wording import _and_list
from bot.domain.profile import LearnerProfile


def plan(profile: LearnerProfile, catalog: Catalog, today: date) -> Roadmap:
    """Plan a roadmap for a profile; raise PlanError when the target role is missing or unknown."""
    return _plan(profile, catalog, today, _Context())


@dataclass(frozen=True)
class _Cover:
    """The learner's gap in stage order and the courses chosen to cover it."""

    topo: list[str]  # gap skills, prerequisites first
    rank: dict[str, int]  # stage rank of every gap skill
    chosen: list[_Chosen]
    uncovered: set[str]  # gap skills no chosen course teaches
    why: dict[str, str]  # why each needed skill is in the plan


def _plan(profile: LearnerProfile, catalog: Catalog, today: date, ctx: _Context) -> Roadmap:
    """One plan: the gap, its courses in stages, projects, certifications, the job search, then the schedule."""
    warnings: list[PlanWarning] = []
    notices: list[str] = []
    role = resolve_role(profile.target_role, catalog)
    domain = _domain(profile, role, catalog, warnings, ctx)
    pace = _pace(profile.hours_per_week, warnings, ctx.pace)
    budget, free_only = _budget(profile, warnings)
    known = _known(profile, catalog, ctx, warnings)
    need, why, role_gap, aimed = _need(profile, role, domain, known, catalog)
    gap = {s for s, d in need.items() if known.get(s, 0) < d}
    topo = _topological(gap, catalog)
    sel = _Selection(profile=profile, catalog=catalog, ctx=ctx, today=today, pace=pace, budget=budget,
                     free_only=free_only, known=known, need=need, gap=gap, coder=_codes(profile, known, catalog))
    cover = _cover(topo, why, sel, warnings)
    target_skills = {rs.skill for rs in role.required_skills} | set(domain.skills if domain else [])
    stages_raw = _learning_stages(cover, sel)
    seniority = seniority_of(profile, role.family)
    ranked_projects, projects = _projects(sel, role, domain, role_gap, target_skills, bool(aimed), stages_raw,
                                          seniority is Seniority.senior)
    if projects:
        stages_raw.append(_portfolio_stage(role, projects))
    short_warning = _depth_short_warning(sel, projects)
    if short_warning is not None:
        warnings.append(short_warning)
    certs = _certifications(sel, role, target_skills, cover.chosen, stages_raw, notices, warnings)
    job_stage = _job_search_stage(role, seniority, stages_raw, projects, catalog, ctx,
                                  *_stage_items(cover, JOB_RANK, sel), known, pace, profile)
    if job_stage is not None:
        stages_raw.append(job_stage)
    if profile.deadline is not None and profile.deadline < today:
        warnings.append(W("deadline-past",
                          texts.PLANNER_WARN_DEADLINE_PAST.format(deadline=profile.deadline.isoformat())))
    stages = _schedule(stages_raw, today, pace)
    totals = _totals(stages, sel)
    explanations = _explain(sel, role, stages, totals, ranked_projects, projects, certs, warnings)
    return Roadmap(
        profile=profile, role_id=role.id, role_name=role.name, domain_id=domain.id if domain else None,
        domain_name=domain.name if domain else None, planned_on=today, started_on=ctx.started_on or today,
        hours_per_week=pace, stages=stages,
        totals=totals, warnings=warnings, notices=notices, salary=list(role.salary),
        explanations=explanations, seniority=seniority.value,
    )


def _budget(profile: LearnerProfile, warnings: list[PlanWarning]) -> tuple[float | None, bool]:
    """The budget to plan with (a negative one, warned about, counts as none) and whether only free courses fit."""
    budget = profile.budget_usd
    if budget is not None and budget < 0:
        warnings.append(W("negative-budget", texts.PLANNER_WARN_NEGATIVE_BUDGET.format(budget=budget)))
        budget = 0.0
    return budget, budget is not None and budget <= 0


def _known(profile: LearnerProfile, catalog: Catalog, ctx: _Context, warnings: list[PlanWarning]) -> dict[str, int]:
    """Known depth of every skill, warning once about experience the catalog cannot place."""
    unknown_known = [s for s in profile.known_skills if s not in catalog.skill_by_id]
    other = list(dict.fromkeys([*profile.other_experience, *unknown_known]))
    if other and not ctx.nested:
        warnings.append(W("other-experience", texts.PLANNER_WARN_OTHER_EXPERIENCE.format(items=", ".join(other))))
    if not ctx.nested and assumed_job(profile):
        implied = job_skills(profile)
        said = {*profile.known_skills, *profile.skill_depth}
        names = [s.name for s in catalog.skills if s.id in implied and s.id not in said]
        if names:  # what the learner said already covers the job: nothing was assumed about their skills
            warnings.append(W("assumed-job", texts.PLANNER_WARN_ASSUMED_JOB.format(
                role=(profile.current_role or "").strip(), skills=_and_list(names))))
    known = _known_depths(profile, catalog, ctx.extra_known, ctx.course_depths, ctx.skills_back)
    return _from_work(profile, known, catalog, ctx.skills_back)


def _need(profile: LearnerProfile, role: Role, domain: Domain | None, known: dict[str, int], catalog: Catalog,
          ) -> tuple[dict[str, int], dict[str, str], set[str], dict[str, Depth]]:
    """Depth each skill is needed at with its why, the role's own gap, and the aimed job ad's skills (issue 17)."""
    chosen_domain = catalog.domain_by_id.get(profile.domain or "")
    need, why = _needs(role, domain, known, catalog, implied=domain is not None and domain is not chosen_domain)
    role_gap = {s for s, d in need.items() if known.get(s, 0) < d}  # before a job ad's skills (issue 17)
    # Issue 17: skills of a job ad the learner aimed the plan at join the needs, with their prerequisites (basic).
    aimed = {s: d for s, d in profile.target_skills.items() if s in catalog.skill_by_id}
    for skill_id in sorted(_closure(aimed, catalog)):
        depth = depth_rank(aimed[skill_id]) if skill_id in aimed else 1
        if depth > need.get(skill_id, 0) and known.get(skill_id, 0) < depth:
            need[skill_id] = depth
            why[skill_id] = texts.PLANNER_WHY_SKILL_JOB
    return need, why, role_gap, aimed


def _cover(topo: list[str], why: dict[str, str], sel: _Selection, warnings: list[PlanWarning]) -> _Cover:
    """The courses covering the gap, each settled into its stage, plus the ones the learner put back."""
    chosen, uncovered, cover_warnings = _choose_courses(topo, sel)
    warnings.extend(cover_warnings)
    rank = _ranks(topo, chosen, sel.catalog)
    _drop_repeats(chosen, sel)
    _settle(topo, chosen, rank, sel.catalog)
    chosen.extend(_put_back(sel))
    return _Cover(topo=topo, rank=rank, chosen=chosen, uncovered=uncovered, why=why)


def _stage_items(cover: _Cover, stage_rank: int, sel: _Selection) -> tuple[list[SkillItem], list[CourseItem]]:
    """The skill and course items of one stage rank, courses in teaching order."""
    skills = [s for s in cover.topo if cover.rank[s] == stage_rank]
    courses = [c for c in cover.chosen if c.rank == stage_rank]
    return ([_skill_item(s, cover.why[s], s in cover.uncovered, sel) for s in skills],
            [_course_item(c, sel) for c in _order_courses(courses, cover.topo)])


def _learning_stages(cover: _Cover, sel: _Selection) -> list[dict[str, Any]]:
    """The learning stages that have a skill or a course, each with its title and goal."""
    stages_raw: list[dict[str, Any]] = []
    present = {r for r in range(len(LEARNING_STAGES)) if any(cover.rank[s] == r for s in cover.topo)
               or any(c.rank == r for c in cover.chosen)}
    earlier: dict[int, list[tuple[str, str]]] = {}  # stage rank -> (skill, title of the earlier stage) met before
    for stage_rank, (stage_id, _, _, _) in enumerate(LEARNING_STAGES):
        if stage_rank not in present:
            continue
        skills = [s for s in cover.topo if cover.rank[s] == stage_rank]
        courses = [c for c in cover.chosen if c.rank == stage_rank]
        skill_items, course_items = _stage_items(cover, stage_rank, sel)
        title = _stage_title(stage_id, _title_skills(skills, courses, cover.uncovered), sel.catalog)
        goal, passed_on = _stage_goal(stage_rank, skills, courses, present, earlier.pop(stage_rank, []),
                                      sel.catalog)
        for later_rank, skill_id in passed_on:
            earlier.setdefault(later_rank, []).append((skill_id, title))
        stages_raw.append({"id": stage_id, "kind": "learning", "title": title, "goal": goal,
                           "skills": skill_items, "courses": course_items})
    return stages_raw


def _projects(sel: _Selection, role: Role, domain: Domain | None, role_gap: set[str], target_skills: set[str],
              aimed: bool, stages_raw: list[dict[str, Any]], senior: bool) -> tuple[list[Project], list[ProjectItem]]:
    """The role's projects ranked, and the ones the plan takes: chosen as if no ad were aimed at (they stay
    put); an aimed ad adds one more."""
    profile, catalog, ctx, pace, known, gap = sel.profile, sel.catalog, sel.ctx, sel.pace, sel.known, sel.gap
    ranked_projects = _rank_projects(role, domain, known, role_gap, target_skills, catalog, ctx)
    learning_hours = sum(_stage_hours(r) for r in stages_raw)
    count = _project_count(pace, learning_hours, ctx)
    if aimed:  # pinned: the role's projects are the ones its plan without the ad has
        unaimed = _plan(profile.model_copy(update={"target_skills": {}}), catalog, sel.today,
                        replace(ctx, nested=True))
        projects = [p for s in unaimed.stages for p in s.projects]
    else:
        projects = _pick_projects(ranked_projects, count, role, domain, target_skills | gap, set(known) | gap,
                                  catalog, _years_if_one(pace, learning_hours, ctx), senior,
                                  industry_of(profile.current_role))
    projects += _aimed_project(gap - role_gap, projects, role, domain, set(known) | gap, catalog, ctx)
    return ranked_projects, projects


def _certifications(sel: _Selection, role: Role, target_skills: set[str], chosen: list[_Chosen],
                    stages_raw: list[dict[str, Any]], notices: list[str], warnings: list[PlanWarning],
                    ) -> list[CertificationItem]:
    """The certifications the money left after courses allows, as their own stage, with their notices."""
    course_cost = sum(_course_cost(c.course, sel) for c in chosen)
    left = None if sel.budget is None else sel.budget - course_cost
    certs, cert_notices, cert_warnings = _choose_certifications(
        sel.profile, role, target_skills, sel.catalog, sel.ctx, left, free_only=sel.free_only,
        courses=[c.course for c in chosen])
    notices.extend(cert_notices)
    warnings.extend(cert_warnings)
    if certs:
        names = ", ".join(c.name for c in certs)
        place_certification_stage(stages_raw, {"id": "certification", "kind": "certification",
                                               "title": texts.PLANNER_STAGE_TITLES["certification"],
                                               "goal": texts.PLANNER_GOAL_CERTIFICATION.format(certifications=names),
                                               "certifications": certs}, sel.catalog)
    warnings.extend(_certificate_warnings(chosen, sel))
    return certs


def _totals(stages: list[Stage], sel: _Selection) -> Totals:
    """Hours, cost, weeks and end of the scheduled plan, and whether it meets the deadline and the budget."""
    deadline, today, budget = sel.profile.deadline, sel.today, sel.budget
    total_hours = round(sum(s.hours for s in stages), 1)
    cost = round(sum(c.cost_usd + (c.certificate_cost_usd or 0) for s in stages for c in s.courses)
                 + sum(c.cost_usd for s in stages for c in s.certifications), 2)
    end_date = stages[-1].end if stages else today
    fits_deadline = deadline is None or (deadline >= today and end_date <= deadline)
    fits_budget = budget is None or cost <= budget + 1e-9
    return Totals(hours=total_hours, cost_usd=cost, weeks=_ceil(total_hours / sel.pace), start=today,
                  end_date=end_date, fits_deadline=fits_deadline, fits_budget=fits_budget)


def _once_per_role() -> Callable[[LearnerProfile, Catalog, date, _Context], Roadmap]:
    """`_plan` for the neighbouring roles of one plan's advice, each role planned once (the slow-plan warning and
    the deadline advice often weigh the same neighbour)."""
    plans: dict[str, Roadmap] = {}

    def plan_other(profile: LearnerProfile, catalog: Catalog, today: date, ctx: _Context) -> Roadmap:
        key = profile.target_role or ""
        if key not in plans:
            plans[key] = _plan(profile, catalog, today, ctx)
        return plans[key]

    return plan_other


def _explain(sel: _Selection, role: Role, stages: list[Stage], totals: Totals, ranked_projects: list[Project],
             projects: list[ProjectItem], certs: list[CertificationItem], warnings: list[PlanWarning],
             ) -> Explanations:
    """Warnings and explanations about time and money: a slow plan, a missed or roomy deadline, an overrun."""
    profile, catalog, today, ctx, pace, budget = sel.profile, sel.catalog, sel.today, sel.ctx, sel.pace, sel.budget
    plan_other = _once_per_role()
    if totals.weeks > SLOW_PLAN_WEEKS and not ctx.nested:
        warnings.append(W("pace-too-slow", _slow_warning(profile, role, catalog, today, ctx, pace, totals.hours,
                                                         totals.weeks, plan_other)))
    domain_only = set(sel.gap) - _closure([rs.skill for rs in role.required_skills], catalog)
    deadline_expl = None
    if not totals.fits_deadline and profile.deadline is not None:
        adjacent = None if ctx.nested or not _severe(profile.deadline, today, totals.hours, pace) else \
            _adjacent_role(profile, role, catalog, today, ctx, plan_other)
        deadline_expl = _deadline_explanation(profile.deadline, today, pace, stages, totals.hours, totals.end_date,
                                              domain_only, adjacent, background_step(profile, role),
                                              catalog)
        warnings.append(W("deadline-missed", deadline_expl.text))
    elif profile.deadline is not None and not ctx.nested:
        slack = _slack(profile.deadline, totals.end_date, pace, ranked_projects, projects, certs, role, profile,
                       catalog, ctx)
        if slack:
            warnings.append(W("deadline-slack", slack))
    budget_expl = None if totals.fits_budget or budget is None else \
        _budget_explanation(budget, totals.cost_usd, stages)
    if budget_expl is not None:
        warnings.append(W("budget-over", budget_expl.text))
    return Explanations(deadline=deadline_expl, budget=budget_expl)
