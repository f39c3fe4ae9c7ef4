"""Deadline and budget explanations: adjacent and first-step roles, slack, and the slow-plan warning."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Depth,
    Level,
    Project,
    Role,
    RoleFamily,
    Seniority,
    Status,
    depth_rank,
)
from bot.domain.planner.constants import DEFAULT_HOURS_PER_WEEK, SLOW_PLAN_WEEKS
from bot.domain.planner.jobsearch import industry_of, related_field, seniority_of
from bot.domain.planner.knowledge import _closure, _known_depths
from bot.domain.planner.models import (
    BudgetExplanation,
    CertificationItem,
    CourseItem,
    DeadlineExplanation,
    Droppable,
    PlanError,
    ProjectItem,
    Roadmap,
    Stage,
    _Context,
)
from bot.domain.planner.schedule import _ceil, _hours, _years, profile_pace
from bot.domain.planner.wording import _article, _cap
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
# A portfolio a hiring manager can judge: a deadline never cuts it below this many projects (nor below what the
# plan has) while a course could go instead.
MIN_PORTFOLIO_PROJECTS = 2
# Roles a software engineer reaches first on the way to an ML engineering role: the platform, serving and data
# teams next to the ML team, where their engineering counts at once.
SOFTWARE_FIRST_STEPS = ("mlops-engineer", "ai-engineer", "data-engineer")
PROFESSIONALS = frozenset({Seniority.experienced, Seniority.senior})
OVERLAP_SHARE = 0.5  # a course whose other skills the plan's other courses teach at this share mostly repeats them




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
                other.family is RoleFamily.product and role.family is not RoleFamily.product) or \
                _outranks(profile, role, other):
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


def _software_background(profile: LearnerProfile, role: Role) -> bool:
    """A learner whose years are software or data work that counts for the target (a staff engineer)."""
    return seniority_of(profile, role.family) in PROFESSIONALS and related_field(profile.current_role, role.family)


def _outranks(profile: LearnerProfile, target: Role, other: Role) -> bool:
    """Whether a first step would be a step down for this learner: their own job, or the entry role (one with
    no role before it, a data analyst) for someone with years of related work."""
    current = (profile.current_role or "").lower()
    names = [other.name.lower(), other.id.replace("-", " "), *(a.lower() for a in other.aliases)]
    if current and any(len(n) > 3 and n in current for n in names):
        return True
    return not other.adjacent and _software_background(profile, target)


def _first_step_candidates(profile: LearnerProfile, role: Role, catalog: Catalog) -> list[Role]:
    """The roles to try as a first step, nearest first: for a software professional aiming at an ML
    engineering role, the platform, serving and data roles next to it; then the role's own adjacent roles;
    never one the learner outranks."""
    ids = list(role.adjacent)
    if _software_background(profile, role) and role.family is RoleFamily.engineering:
        ids = [i for i in SOFTWARE_FIRST_STEPS if i not in ids] + ids
    out: list[Role] = []
    for other in (catalog.role_by_id.get(i) for i in ids):
        if other is not None and other.id != role.id and not _outranks(profile, role, other):
            out.append(other)
    return out


def background_step(profile: LearnerProfile, role: Role) -> str | None:
    """A first step that comes from the learner's background rather than the catalog's roles: an internal
    move to an ML platform or serving team for a software professional, the data role of their own industry
    for a career changer (a linguistic-data or LLM-evaluation role for a translator). None when neither."""
    if _software_background(profile, role):
        return texts.PLANNER_FIRST_STEP_INTERNAL
    industry = industry_of(profile.current_role)
    if industry is not None and seniority_of(profile, role.family) is Seniority.career_changer:
        return texts.PLANNER_FIRST_STEP_INDUSTRY.format(article=_article(industry.bridge), bridge=industry.bridge,
                                                        industry=industry.name)
    return None


def _first_step_role(profile: LearnerProfile, role: Role, catalog: Catalog, today: date, ctx: _Context,
                     total: float, plan_role: PlanRole, before: date | None = None) -> _Adjacent | None:
    """The first of the role's adjacent roles (roles.yaml `adjacent`, nearest first) whose own plan for this
    learner is clearly shorter and done by `before`; with no date, the nearest one that looks reachable within
    two years at their pace, else the one with the least left to learn (one full plan, to keep planning fast).
    None when none is."""
    others = _first_step_candidates(profile, role, catalog)
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
    own = background_step(profile, role)
    if own is not None:
        text += " " + texts.PLANNER_WARN_SLOW_BACKGROUND.format(step=own)
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
    domain_only: set[str], adjacent: _Adjacent | None, background: str | None = None,
    catalog: Catalog | None = None,
) -> DeadlineExplanation:
    """A missed deadline: when it is far out of reach, lead with what is reachable (the earliest date at the
    learner's pace, an adjacent role or one from their background, a milestone they can show, a narrower scope)
    and put more hours last, never above 40 a week; when it is close, more hours first. A narrower scope drops
    what repeats or is optional first and keeps the portfolio."""
    days = (deadline - today).days
    available = max(0.0, days / 7 * pace)
    drop = _droppable(stages, domain_only, total - available, catalog)
    saved = round(sum(d.hours for d in drop), 1)
    after = max(0.0, total - saved)
    end_after = today + timedelta(days=max(0, _ceil(after * 7 / pace) - 1))
    fits_after = deadline >= today and end_after <= deadline
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
    if severe and background is not None:
        ways.append(texts.PLANNER_ADVICE_BACKGROUND.format(step=background))
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


def _redundant_courses(stages: list[Stage], catalog: Catalog | None) -> list[Droppable]:
    """Courses the plan can do without, longest first: one whose every skill in the plan another kept course
    also teaches at least as deep (a second intro to machine learning); then an intro that mostly repeats the
    others (half or more of what it teaches, they teach as deep) and takes its own skills only to a basic
    level that a planned project practises. What a dropped course relied on stays covered by the ones kept."""
    courses = [c for s in stages if s.kind == "learning" for c in s.courses]
    practised = {k for s in stages for p in s.projects for k in p.skills}
    kept = list(courses)
    relied: dict[str, int] = {}  # skill -> depth a kept course must still teach
    out: list[Droppable] = []

    def teaches(item: CourseItem, skill: str) -> int:
        course = catalog.course_by_id.get(item.id) if catalog is not None else None
        depth = course.teaches.get(skill) if course is not None else item.reaches.get(skill)
        return depth_rank(depth)

    def covered(needs: dict[str, int], without: CourseItem) -> bool:
        return all(any(teaches(o, k) >= d for o in kept if o is not without) for k, d in needs.items())

    def repeats(course: CourseItem) -> bool:
        full = catalog.course_by_id.get(course.id) if catalog is not None else None
        if full is None or not set(course.skills) <= practised or any(
                depth_rank(course.reaches.get(k)) > DEPTH_RANK[Depth.basic] for k in course.skills):
            return False
        rest = [k for k in full.teaches if k not in course.skills]
        again = sum(1 for k in rest if any(teaches(o, k) >= depth_rank(full.teaches[k])
                                           for o in kept if o is not course))
        return bool(rest) and again >= OVERLAP_SHARE * len(rest)

    for strict in (True, False):
        for course in sorted(kept, key=lambda c: (-c.hours, c.id)):
            if not course.skills:
                continue
            own = {k: depth_rank(course.reaches.get(k, "basic")) for k in course.skills}
            if strict and not covered(relied | own, course):
                continue
            if not strict and not (repeats(course) and covered(relied, course)):
                continue
            kept.remove(course)
            if strict:
                relied |= {k: max(d, relied.get(k, 0)) for k, d in own.items()}
            out.append(Droppable(key=item_key("course", course.id), title=course.title, hours=course.hours,
                                 cost_usd=course.cost_usd))
    return out


def _droppable(stages: list[Stage], domain_only: set[str], to_save: float = math.inf,
               catalog: Catalog | None = None) -> list[Droppable]:
    """What could go to meet the deadline, in the order a coach cuts: certifications, courses that repeat
    another course, the specialisation's own courses and self-study skills, and only then projects beyond the
    portfolio's minimum; no more than the hours to save need (all of them when even that is not enough)."""
    candidates: list[Droppable] = []
    for stage in stages:
        if stage.kind == "certification":
            candidates.extend(Droppable(key=item_key("cert", c.id), title=c.name, hours=c.prep_hours,
                                        cost_usd=c.cost_usd) for c in stage.certifications)
    candidates.extend(_redundant_courses(stages, catalog))
    seen = {d.key for d in candidates}
    for stage in stages:
        if stage.kind == "learning" and domain_only:
            candidates.extend(d for d in (
                Droppable(key=item_key("course", c.id), title=c.title, hours=c.hours, cost_usd=c.cost_usd)
                for c in stage.courses if c.skills and set(c.skills) <= domain_only) if d.key not in seen)
            candidates.extend(Droppable(key=item_key("skill", sk.id), title=sk.name, hours=sk.hours, cost_usd=0)
                              for sk in stage.skills if sk.self_study and sk.id in domain_only)
    projects = [p for s in stages for p in s.projects]
    keep = min(MIN_PORTFOLIO_PROJECTS, len(projects))
    # The deployed, end-to-end projects stay longest (a hiring manager opens those first), then the earlier
    # ones (the specialisation's comes first); the rest go from the last kept backwards.
    by_value = sorted(range(len(projects)), key=lambda i: (not projects[i].end_to_end, i))
    candidates.extend(Droppable(key=item_key("project", projects[i].id), title=projects[i].title,
                                hours=projects[i].hours, cost_usd=0) for i in reversed(by_value[keep:]))
    if to_save <= 0:
        return []
    drop: list[Droppable] = []
    for item in candidates:
        if sum(d.hours for d in drop) >= to_save - 1e-9:
            break
        drop.append(item)
    return drop


def _milestone(stages: list[Stage], deadline: date, today: date, pace: float) -> str | None:
    """For a deadline far out of reach, something the learner can show an employer by then: the learning
    stages that fit, ended by a project whose skills they teach (or that a reached stage holds). Courses alone
    are no milestone: None when no project fits."""
    if deadline <= today:
        return None
    budget_hours = (deadline - today).days / 7 * pace
    learning = [s for s in stages if s.kind == "learning"]
    taught_anywhere = {k for s in learning for k in [*(sk.id for sk in s.skills), *(k for c in s.courses
                                                                                    for k in c.skills)]}
    projects = [p for s in stages if s.kind != "learning" for p in s.projects]
    best: str | None = None
    spent = 0.0
    taught: set[str] = set()
    for count, stage in enumerate(learning, start=1):
        spent += stage.hours
        if spent > budget_hours:
            break
        taught |= {sk.id for sk in stage.skills} | {k for c in stage.courses for k in c.skills}
        names = ", ".join(f"{s.index}. {s.title}" for s in learning[:count])
        if stage.projects:  # a stage that ends with a project is itself a milestone to show
            best = texts.PLANNER_ADVICE_MILESTONE_PROJECT.format(deadline=deadline.isoformat(), stages=names,
                                                                 project=stage.projects[-1].title)
            continue
        # A project needs only skills the reached stages teach, or ones no stage teaches (known already).
        ready = [p for p in projects if spent + p.hours <= budget_hours
                 and all(k in taught or k not in taught_anywhere for k in p.skills)]
        if ready:
            project = min(ready, key=lambda p: (p.hours, p.id))
            best = texts.PLANNER_ADVICE_MILESTONE_PROJECT.format(deadline=deadline.isoformat(), stages=names,
                                                                 project=project.title)
    return best


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
    # A beginner's exercise is no use to someone with years of related work (a senior backend engineer).
    professional = seniority_of(profile, role.family) in PROFESSIONALS
    extra = next((p for p in ranked if p.id not in taken and p.hours <= spare
                  and not (professional and p.difficulty is Level.beginner)), None)
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
