"""The planner's orchestration: plan(profile, catalog, today) -> Roadmap, in named steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from bot import texts
from bot.domain.catalog import (
    Catalog,
    Seniority,
    depth_rank,
)
from bot.domain.planner.certifications import _choose_certifications
from bot.domain.planner.constants import JOB_RANK, LEARNING_STAGES, SLOW_PLAN_WEEKS
from bot.domain.planner.courses import _choose_courses, _put_back
from bot.domain.planner.deadlines import (
    _adjacent_role,
    _budget_explanation,
    _deadline_explanation,
    _severe,
    _slack,
    _slow_warning,
)
from bot.domain.planner.items import _course_item, _skill_item
from bot.domain.planner.jobsearch import _job_search_stage, seniority_of
from bot.domain.planner.knowledge import _closure, _codes, _from_work, _known_depths
from bot.domain.planner.models import Explanations, PlanWarning, Roadmap, Totals, W, _Context
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
from bot.domain.planner.selection import _course_cost, _Selection
from bot.domain.planner.stages import (
    _drop_repeats,
    _order_courses,
    _ranks,
    _settle,
    _stage_goal,
    _stage_title,
    _title_skills,
)
from bot.domain.profile import LearnerProfile


def plan(profile: LearnerProfile, catalog: Catalog, today: date) -> Roadmap:
    """Plan a roadmap for a profile; raise PlanError when the target role is missing or unknown."""
    return _plan(profile, catalog, today, _Context())


def _plan(profile: LearnerProfile, catalog: Catalog, today: date, ctx: _Context) -> Roadmap:
    warnings: list[PlanWarning] = []
    notices: list[str] = []
    role = resolve_role(profile.target_role, catalog)
    domain = _domain(profile, role, catalog, warnings, ctx)

    pace = _pace(profile.hours_per_week, warnings, ctx.pace)
    budget = profile.budget_usd
    if budget is not None and budget < 0:
        warnings.append(W("negative-budget", texts.PLANNER_WARN_NEGATIVE_BUDGET.format(budget=budget)))
        budget = 0.0
    free_only = budget is not None and budget <= 0

    unknown_known = [s for s in profile.known_skills if s not in catalog.skill_by_id]
    other = list(dict.fromkeys([*profile.other_experience, *unknown_known]))
    if other and not ctx.nested:
        warnings.append(W("other-experience", texts.PLANNER_WARN_OTHER_EXPERIENCE.format(items=", ".join(other))))
    known = _known_depths(profile, catalog, ctx.extra_known, ctx.course_depths, ctx.skills_back)
    known = _from_work(profile, known, catalog, ctx.skills_back)
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
    gap = {s for s, d in need.items() if known.get(s, 0) < d}
    topo = _topological(gap, catalog)
    sel = _Selection(profile=profile, catalog=catalog, ctx=ctx, today=today, pace=pace, budget=budget,
                     free_only=free_only, known=known, need=need, gap=gap, coder=_codes(profile, known, catalog))
    chosen, uncovered, cover_warnings = _choose_courses(topo, sel)
    warnings.extend(cover_warnings)
    rank = _ranks(topo, chosen, catalog)
    _drop_repeats(chosen, sel)
    _settle(topo, chosen, rank, catalog)
    chosen.extend(_put_back(sel))

    target_skills = {rs.skill for rs in role.required_skills} | set(domain.skills if domain else [])
    stages_raw: list[dict[str, Any]] = []
    present = {r for r in range(len(LEARNING_STAGES)) if any(rank[s] == r for s in topo)
               or any(c.rank == r for c in chosen)}
    earlier: dict[int, list[tuple[str, str]]] = {}  # stage rank -> (skill, title of the earlier stage) met before
    for stage_rank, (stage_id, _, _, _) in enumerate(LEARNING_STAGES):
        if stage_rank not in present:
            continue
        skills = [s for s in topo if rank[s] == stage_rank]
        courses = [c for c in chosen if c.rank == stage_rank]
        skill_items = [_skill_item(s, why[s], s in uncovered, sel) for s in skills]
        course_items = [_course_item(c, sel) for c in _order_courses(courses, topo)]
        title = _stage_title(stage_id, _title_skills(skills, courses, uncovered), catalog)
        goal, passed_on = _stage_goal(stage_rank, skills, courses, present, earlier.pop(stage_rank, []), catalog)
        for later_rank, skill_id in passed_on:
            earlier.setdefault(later_rank, []).append((skill_id, title))
        stages_raw.append({"id": stage_id, "kind": "learning", "title": title, "goal": goal,
                           "skills": skill_items, "courses": course_items})

    # The role's projects are chosen as if no ad were aimed at (they stay put); an aimed ad adds one more.
    ranked_projects = _rank_projects(role, domain, known, role_gap, target_skills, catalog, ctx)
    learning_hours = sum(_stage_hours(r) for r in stages_raw)
    count = _project_count(pace, learning_hours, ctx)
    seniority = seniority_of(profile, role.family)
    if aimed:  # pinned: the role's projects are the ones its plan without the ad has
        unaimed = _plan(profile.model_copy(update={"target_skills": {}}), catalog, today, replace(ctx, nested=True))
        projects = [p for s in unaimed.stages for p in s.projects]
    else:
        projects = _pick_projects(ranked_projects, count, role, domain, target_skills | gap, set(known) | gap,
                                  catalog, _years_if_one(pace, learning_hours, ctx), seniority is Seniority.senior)
    projects += _aimed_project(gap - role_gap, projects, role, domain, set(known) | gap, catalog, ctx)
    if projects:
        stages_raw.append(_portfolio_stage(role, projects))
    short_warning = _depth_short_warning(sel, projects)
    if short_warning is not None:
        warnings.append(short_warning)

    course_cost = sum(_course_cost(c.course, sel) for c in chosen)
    left = None if budget is None else budget - course_cost
    certs, cert_notices, cert_warnings = _choose_certifications(
        profile, role, target_skills, catalog, ctx, left, free_only=free_only)
    notices.extend(cert_notices)
    warnings.extend(cert_warnings)
    if certs:
        names = ", ".join(c.name for c in certs)
        stages_raw.append({"id": "certification", "kind": "certification",
                           "title": texts.PLANNER_STAGE_TITLES["certification"],
                           "goal": texts.PLANNER_GOAL_CERTIFICATION.format(certifications=names),
                           "certifications": certs})
    warnings.extend(_certificate_warnings(chosen, sel))

    soft_skills = [s for s in topo if rank[s] == JOB_RANK]
    soft_courses = [c for c in chosen if c.rank == JOB_RANK]
    job_stage = _job_search_stage(role, seniority, stages_raw, projects, catalog, ctx,
                                  [_skill_item(s, why[s], s in uncovered, sel) for s in soft_skills],
                                  [_course_item(c, sel) for c in _order_courses(soft_courses, topo)], known)
    if job_stage is not None:
        stages_raw.append(job_stage)

    if profile.deadline is not None and profile.deadline < today:
        warnings.append(W("deadline-past",
                          texts.PLANNER_WARN_DEADLINE_PAST.format(deadline=profile.deadline.isoformat())))

    stages = _schedule(stages_raw, today, pace)
    total_hours = round(sum(s.hours for s in stages), 1)
    cost = round(sum(c.cost_usd + (c.certificate_cost_usd or 0) for s in stages for c in s.courses)
                 + sum(c.cost_usd for s in stages for c in s.certifications), 2)
    end_date = stages[-1].end if stages else today
    fits_deadline = profile.deadline is None or (profile.deadline >= today and end_date <= profile.deadline)
    fits_budget = budget is None or cost <= budget + 1e-9
    totals = Totals(hours=total_hours, cost_usd=cost, weeks=_ceil(total_hours / pace), start=today,
                    end_date=end_date, fits_deadline=fits_deadline, fits_budget=fits_budget)
    if totals.weeks > SLOW_PLAN_WEEKS and not ctx.nested:
        warnings.append(W("pace-too-slow", _slow_warning(profile, role, catalog, today, ctx, pace, total_hours,
                                                         totals.weeks, _plan)))
    required_closure = _closure([rs.skill for rs in role.required_skills], catalog)
    domain_only = set(gap) - required_closure
    deadline_expl = None
    if not fits_deadline and profile.deadline is not None:
        adjacent = None if ctx.nested or not _severe(profile.deadline, today, total_hours, pace) else \
            _adjacent_role(profile, role, catalog, today, ctx, _plan)
        deadline_expl = _deadline_explanation(profile.deadline, today, pace, stages, total_hours, end_date,
                                              domain_only, adjacent)
        warnings.append(W("deadline-missed", deadline_expl.text))
    elif profile.deadline is not None and not ctx.nested:
        slack = _slack(profile.deadline, end_date, pace, ranked_projects, projects, certs, role, profile, catalog, ctx)
        if slack:
            warnings.append(W("deadline-slack", slack))
    budget_expl = None if fits_budget or budget is None else _budget_explanation(budget, cost, stages)
    if budget_expl is not None:
        warnings.append(W("budget-over", budget_expl.text))
    return Roadmap(
        profile=profile, role_id=role.id, role_name=role.name, domain_id=domain.id if domain else None,
        domain_name=domain.name if domain else None, planned_on=today, started_on=ctx.started_on or today,
        hours_per_week=pace, stages=stages,
        totals=totals, warnings=warnings, notices=notices, salary=list(role.salary),
        explanations=Explanations(deadline=deadline_expl, budget=budget_expl), seniority=seniority.value,
    )
