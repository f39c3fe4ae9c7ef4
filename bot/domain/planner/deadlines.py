"""Deadline and budget explanations: adjacent and first-step roles, slack, and the slow-plan warning."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot import texts
from bot.domain.catalog import (
    Catalog,
    Project,
    Role,
    RoleFamily,
    Status,
    depth_rank,
)
from bot.domain.planner.constants import DEFAULT_HOURS_PER_WEEK, SLOW_PLAN_WEEKS
from bot.domain.planner.knowledge import _closure, _known_depths
from bot.domain.planner.models import (
    BudgetExplanation,
    CertificationItem,
    DeadlineExplanation,
    Droppable,
    PlanError,
    ProjectItem,
    Roadmap,
    Stage,
    _Context,
)
from bot.domain.planner.schedule import _ceil, _hours, _years, profile_pace
from bot.domain.planner.wording import _cap
from bot.domain.profile import LearnerProfile
from bot.domain.progress import item_key

# The planner itself, passed in: neighbouring roles are planned in full, and planning.py imports this module.
PlanRole = Callable[[LearnerProfile, Catalog, date, _Context], Roadmap]


MAX_STUDY_HOURS_PER_WEEK = 40.0
SEVERE_PACE_FACTOR = 2.0
SLACK_MIN_DAYS = 28
ADJACENT_CANDIDATES = 2
ADJACENT_MIN_INSIDE = 0.6
FIRST_STEP_SHARE = 0.8  # a first role on the way must take clearly less than the target's own plan




@dataclass(frozen=True)
class _Adjacent:
    """A neighbouring role reachable by the deadline."""

    role: Role
    hours: float
    end: date


def _adjacent_role(profile: LearnerProfile, role: Role, catalog: Catalog, today: date,
                   ctx: _Context, plan_role: PlanRole) -> _Adjacent | None:
    """The role that shares the most of the target's skills and is reachable by the deadline at the learner's
    pace (a data analyst before a data scientist); None when none is. At most a few candidates are planned."""
    deadline = profile.deadline
    if deadline is None or deadline <= today:
        return None
    listed = _first_step_role(profile, role, catalog, today, ctx, math.inf, plan_role, before=deadline)
    if listed is not None:
        return listed
    target = _closure([rs.skill for rs in role.required_skills], catalog)
    known = _known_depths(profile, catalog, ctx.extra_known, ctx.course_depths, ctx.skills_back)
    scored: list[tuple[float, str, Role]] = []
    weeks = (deadline - today).days / 7
    for other in catalog.roles:
        if other.id == role.id or other.id in role.adjacent or (
                other.family is RoleFamily.product and role.family is not RoleFamily.product):
            continue
        skills = _closure([rs.skill for rs in other.required_skills], catalog)
        if not skills:
            continue
        # A step on the way: mostly the target's own skills, and the least left to learn for this learner.
        inside = len(skills & target) / len(skills)
        if inside >= ADJACENT_MIN_INSIDE:
            left = sum(catalog.skill_by_id[s].hours for s in skills if s in catalog.skill_by_id and s not in known)
            if left / profile_pace(profile) <= weeks:  # a lower bound: more left than fits is never reachable
                scored.append((left, other.id, other))
    scored.sort(key=lambda t: (t[0], t[1]))
    nested = replace(ctx, nested=True)
    for _, _, other in scored[:ADJACENT_CANDIDATES]:
        roadmap = _plan_as(other, profile, catalog, today, nested, plan_role)
        if roadmap is None:
            continue
        if roadmap.totals.end_date <= deadline:
            return _Adjacent(role=other, hours=roadmap.totals.hours, end=roadmap.totals.end_date)
    return None


def _plan_as(other: Role, profile: LearnerProfile, catalog: Catalog, today: date, nested: _Context,
             plan_role: PlanRole) -> Roadmap | None:
    """The learner's plan for another role, with no domain, deadline or certificates; None when it cannot be made."""
    candidate = profile.model_copy(update={"target_role": other.id, "domain": None, "deadline": None,
                                           "wants_certificates": False})
    try:
        return plan_role(candidate, catalog, today, nested)
    except PlanError:
        return None


def _gap_hours(profile: LearnerProfile, role: Role, catalog: Catalog, ctx: _Context) -> float:
    """A quick measure of how far a role is for this learner: the hours of the skills (with prerequisites) they
    still lack. Used to pick which neighbouring role to plan in full."""
    known = _known_depths(profile, catalog, ctx.extra_known, ctx.course_depths, ctx.skills_back)
    need = {rs.skill: depth_rank(rs.depth) for rs in role.required_skills}
    return sum(catalog.skill_by_id[s].hours for s in _closure(need, catalog)
               if s in catalog.skill_by_id and known.get(s, 0) < need.get(s, 1))


def _first_step_role(profile: LearnerProfile, role: Role, catalog: Catalog, today: date, ctx: _Context,
                     total: float, plan_role: PlanRole, before: date | None = None) -> _Adjacent | None:
    """The first of the role's adjacent roles (roles.yaml `adjacent`, nearest first) whose own plan for this
    learner is clearly shorter and done by `before`; with no date, the nearest one that looks reachable within
    two years at their pace, else the one with the least left to learn (one full plan, to keep planning fast).
    None when none is."""
    others = [r for r in (catalog.role_by_id.get(i) for i in role.adjacent) if r is not None and r.id != role.id]
    if before is None and others:
        gaps = {r.id: _gap_hours(profile, r, catalog, ctx) for r in others}
        target_gap = _gap_hours(profile, role, catalog, ctx)
        # Courses and projects take about twice the bare skill hours: a rough screen, not a figure to show.
        fits = [r for r in others if gaps[r.id] < target_gap and 2 * gaps[r.id] / profile_pace(profile)
                <= SLOW_PLAN_WEEKS]
        others = fits[:1] or [min(others, key=lambda r: (gaps[r.id], r.id))]
    elif before is not None:
        # The bare hours left to learn are a lower bound of a plan: skip neighbours that cannot fit in time.
        weeks = max(0, (before - today).days) / 7
        others = [r for r in others if _gap_hours(profile, r, catalog, ctx) / profile_pace(profile) <= weeks]
    nested = replace(ctx, nested=True)
    for other in others:
        roadmap = _plan_as(other, profile, catalog, today, nested, plan_role)
        if roadmap is None:
            continue
        if roadmap.totals.hours >= FIRST_STEP_SHARE * total:
            continue
        if before is None or roadmap.totals.end_date <= before:
            return _Adjacent(role=other, hours=roadmap.totals.hours, end=roadmap.totals.end_date)
    return None


def _slow_warning(profile: LearnerProfile, role: Role, catalog: Catalog, today: date, ctx: _Context, pace: float,
                  total: float, weeks: int, plan_role: PlanRole) -> str:
    """A plan of more than two years at the learner's pace: say so plainly, with a first role on the way."""
    text = texts.PLANNER_WARN_SLOW_LEAD.format(pace=pace, years=_years(weeks))
    step = _first_step_role(profile, role, catalog, today, ctx, total, plan_role)
    if step is not None:
        text += " " + texts.PLANNER_WARN_SLOW_STEP.format(
            role=step.role.name, hours=_hours(step.hours), years=_years(_ceil(step.hours / pace)))
    if pace < DEFAULT_HOURS_PER_WEEK:
        text += " " + texts.PLANNER_WARN_SLOW_MORE.format(
            hours=DEFAULT_HOURS_PER_WEEK, other_years=_years(_ceil(total / DEFAULT_HOURS_PER_WEEK)))
    return text


def _severe(deadline: date, today: date, total: float, pace: float) -> bool:
    """The deadline needs more than 40 h/week or more than twice the learner's pace (or has passed)."""
    days = (deadline - today).days
    if days <= 0:
        return True
    needed = total / (days / 7)
    return needed > MAX_STUDY_HOURS_PER_WEEK or needed > SEVERE_PACE_FACTOR * pace


def _deadline_explanation(
    deadline: date, today: date, pace: float, stages: list[Stage], total: float, end: date,
    domain_only: set[str], adjacent: _Adjacent | None,
) -> DeadlineExplanation:
    """A missed deadline: when it is far out of reach, lead with what is reachable (the earliest date at the
    learner's pace, an adjacent role, a first milestone, a narrower scope) and put more hours last, never
    above 40 a week; when it is close, more hours first."""
    drop = _droppable(stages, domain_only)
    saved = round(sum(d.hours for d in drop), 1)
    after = max(0.0, total - saved)
    end_after = today + timedelta(days=max(0, _ceil(after * 7 / pace) - 1))
    fits_after = deadline >= today and end_after <= deadline
    days = (deadline - today).days
    needed = math.ceil(total / (days / 7) * 2) / 2 if days > 0 else None  # whole or half hours, rounded up
    severe = needed is None or needed > MAX_STUDY_HOURS_PER_WEEK or needed > SEVERE_PACE_FACTOR * pace
    ways: list[str] = []
    hours_way = None
    if needed is not None and needed <= MAX_STUDY_HOURS_PER_WEEK:
        hours_way = texts.PLANNER_ADVICE_HOURS.format(needed=needed, pace=pace)
    elif needed is not None:
        hours_way = texts.PLANNER_ADVICE_HOURS_NONE
    if not severe and hours_way is not None:
        ways.append(hours_way)
    ways.append(texts.PLANNER_ADVICE_EARLIEST.format(end=end.isoformat()))
    if adjacent is not None:
        ways.append(texts.PLANNER_ADVICE_ADJACENT.format(role=adjacent.role.name, hours=_hours(adjacent.hours),
                                                         end=adjacent.end.isoformat()))
    milestone = _milestone(stages, deadline, today, pace) if severe else None
    if milestone is not None:
        ways.append(milestone)
    if drop:
        enough = texts.PLANNER_WAY_DROP_ENOUGH if fits_after else texts.PLANNER_WAY_DROP_NOT_ENOUGH
        ways.append(texts.PLANNER_ADVICE_DROP.format(titles=", ".join(d.title for d in drop), hours=saved,
                                                     enough=enough))
    lead = _deadline_lead(deadline, pace, end, needed, severe)
    ways = [_cap(ways[0]), *ways[1:]] if ways else ways
    text = f"{lead} {texts.PLANNER_ADVICE_LEAD.format(ways=texts.PLANNER_WAYS_JOIN.join(ways))}"
    return DeadlineExplanation(
        deadline=deadline, hours_per_week=pace, hours_per_week_needed=needed, earliest_date=end, drop=drop,
        fits_after_dropping=fits_after, text=text, severe=severe, accept_date=end, advice=ways,
        adjacent_role=adjacent.role.id if adjacent else None,
        adjacent_hours=adjacent.hours if adjacent else None,
    )


def _droppable(stages: list[Stage], domain_only: set[str]) -> list[Droppable]:
    """What could go to meet the deadline: projects after the first, certifications, and the domain's own
    courses and self-study skills."""
    drop: list[Droppable] = []
    for stage in stages:
        if stage.kind == "portfolio":
            drop.extend(Droppable(key=item_key("project", p.id), title=p.title, hours=p.hours, cost_usd=0)
                        for p in stage.projects[1:])
        if stage.kind == "certification":
            drop.extend(Droppable(key=item_key("cert", c.id), title=c.name, hours=c.prep_hours,
                                  cost_usd=c.cost_usd) for c in stage.certifications)
        if stage.kind == "learning" and domain_only:
            drop.extend(Droppable(key=item_key("course", c.id), title=c.title, hours=c.hours, cost_usd=c.cost_usd)
                        for c in stage.courses if c.skills and set(c.skills) <= domain_only)
            drop.extend(Droppable(key=item_key("skill", s.id), title=s.name, hours=s.hours, cost_usd=0)
                        for s in stage.skills if s.self_study and s.id in domain_only)
    return drop


def _milestone(stages: list[Stage], deadline: date, today: date, pace: float) -> str | None:
    """For a deadline far out of reach, what can be done by then: whole learning stages, else the first courses."""
    reachable = [s for s in stages if s.kind == "learning" and s.end <= deadline]
    if reachable and deadline >= today:
        names = ", ".join(f"{s.index}. {s.title}" for s in reachable)
        return texts.PLANNER_ADVICE_MILESTONE.format(deadline=deadline.isoformat(), stages=names)
    if deadline > today:
        # No whole stage fits: the first courses that do are still a milestone to aim for.
        budget_hours = (deadline - today).days / 7 * pace
        done: list[str] = []
        spent = 0.0
        for course in (c for s in stages if s.kind == "learning" for c in s.courses):
            spent += course.hours
            if spent > budget_hours:
                break
            done.append(course.title)
        if done:
            return texts.PLANNER_ADVICE_MILESTONE.format(deadline=deadline.isoformat(), stages=", ".join(done))
    return None


def _deadline_lead(deadline: date, pace: float, end: date, needed: float | None, severe: bool) -> str:
    """The first sentence about a missed deadline: passed, far out of reach, or close."""
    # Far out of reach, more hours a week is no advice: more than 40, or more than twice the learner's pace.
    if needed is None:
        lead = texts.PLANNER_DEADLINE_LATE.format(pace=pace, end=end.isoformat(), deadline=deadline.isoformat())
        return lead + " " + texts.PLANNER_DEADLINE_PASSED
    if severe:
        shown = (texts.PLANNER_DEADLINE_NEEDED_HOURS.format(needed=needed) if needed <= MAX_STUDY_HOURS_PER_WEEK
                 else texts.PLANNER_DEADLINE_NEEDED_TOO_MANY)
        return texts.PLANNER_DEADLINE_OUT_OF_REACH.format(deadline=deadline.isoformat(), needed=shown, pace=pace,
                                                          end=end.isoformat())
    return texts.PLANNER_DEADLINE_MILD.format(pace=pace, end=end.isoformat(), deadline=deadline.isoformat())


def _slack(
    deadline: date, end: date, pace: float, ranked: list[Project], projects: list[ProjectItem],
    certs: list[CertificationItem], role: Role, profile: LearnerProfile, catalog: Catalog, ctx: _Context,
) -> str | None:
    """What the weeks between the plan's end and the deadline could buy, when there are four or more."""
    days = (deadline - end).days
    if days < SLACK_MIN_DAYS:
        return None
    spare = round(days / 7 * pace, 1)
    buys: list[str] = []
    taken = {p.id for p in projects}
    extra = next((p for p in ranked if p.id not in taken and p.hours <= spare), None)
    if extra is not None:
        buys.append(texts.PLANNER_SLACK_PROJECT.format(title=extra.title, hours=extra.hours))
    if not certs:
        held = set(profile.held_certifications)
        wanted = {rs.skill for rs in role.required_skills}
        cert = next((c for c in sorted(catalog.certifications,
                                       key=lambda c: (-sum(1 for s in c.skills if s in wanted), c.prep_hours, c.id))
                     if c.status is Status.active and role.id in c.roles and c.id not in held
                     and c.prep_hours <= spare), None)
        if cert is not None:
            buys.append(texts.PLANNER_SLACK_CERT.format(name=cert.name, hours=cert.prep_hours))
    if not buys:
        buys.append(texts.PLANNER_SLACK_REST)
    return texts.PLANNER_SLACK.format(end=end.isoformat(), weeks=days // 7, deadline=deadline.isoformat(),
                                      hours=spare, buy=texts.PLANNER_SLACK_OR.join(buys))


def _budget_explanation(budget: float, cost: float, stages: list[Stage]) -> BudgetExplanation:
    """Ways out of an exceeded budget: raise it, or drop the optional paid items (certification exams)."""
    paid = sorted(
        (Droppable(key=item_key("cert", c.id), title=c.name, hours=c.prep_hours, cost_usd=c.cost_usd)
         for s in stages for c in s.certifications if c.cost_usd > 0),
        key=lambda d: (-d.cost_usd, d.key))
    # Drop the dearest first and stop as soon as the plan fits: suggest no more than needed.
    drop: list[Droppable] = []
    for item in paid:
        if cost - sum(d.cost_usd for d in drop) <= budget + 1e-9:
            break
        drop.append(item)
    saved = round(sum(d.cost_usd for d in drop), 2)
    over = round(cost - budget, 2)
    fits_after = cost - saved <= budget + 1e-9
    text = texts.PLANNER_BUDGET_OVER.format(cost=cost, over=over, budget=budget)
    if drop:
        text += texts.PLANNER_BUDGET_DROP.format(titles=", ".join(d.title for d in drop), saved=saved)
    else:
        text += texts.PLANNER_BUDGET_END
    return BudgetExplanation(budget_usd=budget, cost_usd=cost, over_by_usd=over, drop=drop,
                             fits_after_dropping=fits_after, text=text)
