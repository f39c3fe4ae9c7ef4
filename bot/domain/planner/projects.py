"""Portfolio projects: ranking, scoring and picking them, and the portfolio stage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Depth,
    Domain,
    Level,
    Project,
    Role,
    RoleFamily,
    SkillCategory,
    Status,
)
from bot.domain.planner.constants import LEVEL_RANK, SPECIAL_CATEGORIES
from bot.domain.planner.jobsearch import Industry, in_industry
from bot.domain.planner.models import ProjectItem, _Context
from bot.domain.planner.wording import _article
from bot.domain.progress import item_key

MAX_PROJECTS = 3
MANY_HOURS_PER_WEEK = 15.0


def _portfolio_stage(role: Role, projects: list[ProjectItem]) -> dict[str, Any]:
    """The portfolio stage: the chosen projects, after every stage that teaches their skills."""
    return {"id": "portfolio", "kind": "portfolio", "title": texts.PLANNER_STAGE_TITLES["portfolio"],
            "goal": texts.PLANNER_GOAL_PORTFOLIO.format(article=_article(role.name), role=role.name,
                                                        count=len(projects), plural="s" if len(projects) > 1 else ""),
            "projects": projects}


# ---------------------------------------------------------------- projects
# A plan whose learning alone takes longer than this at the learner's pace gets the one project that proves the most.
ONE_PROJECT_WEEKS = 156
# Skills that mean training a model: a project with one of them builds a model, not only serves or analyses one.
MODEL_SKILLS = frozenset({
    "supervised-learning", "unsupervised-learning", "gradient-boosting", "neural-networks", "cnns",
    "sequence-models", "transformers", "generative-models", "llm-fine-tuning", "time-series-forecasting",
    "recommender-systems", "reinforcement-learning", "object-detection", "computer-vision", "speech-processing",
    "nlp-fundamentals",
})
# Categories whose skills a portfolio can show; maths, languages and soft skills show in every project.
SHOWN_CATEGORIES = frozenset({
    SkillCategory.data, SkillCategory.ml, SkillCategory.deep_learning, SkillCategory.nlp, SkillCategory.cv,
    SkillCategory.llm, SkillCategory.mlops, SkillCategory.engineering, SkillCategory.research,
})
# The depth a project takes its skills to, by its difficulty: a beginner's exercise proves a basic level.
PROJECT_DEPTH = {Level.beginner: 1, Level.intermediate: 2, Level.advanced: 3}
# A skill a project introduces is learnt while building it to a basic level: this share of its working hours.
BASIC_SHARE = 0.5
MAX_MISSING_SKILLS = 2  # a project may need two skills the plan does not teach (learnt while doing it), not more
REDUNDANT_SHARE = 0.6  # a project whose skills the chosen ones already show at this share adds little


def _domain_fits(project: Project, role: Role, domain: Domain | None, learned: set[str], catalog: Catalog) -> bool:
    """A project of a specialisation fits that specialisation; a plan without one may take projects of the
    role's general domains (business data, forecasting) that need at most MAX_MISSING_SKILLS skills the plan does
    not teach, never of a specialist one (vision, language, LLMs)."""
    if project.domain is None:
        return True
    if domain is not None:
        return project.domain == domain.id
    general = catalog.domain_by_id.get(project.domain)
    specialist = SPECIAL_CATEGORIES | {SkillCategory.deep_learning}
    return (general is not None and project.domain in role.domains
            and not any(catalog.skill_by_id[s].category in specialist
                        for s in general.skills if s in catalog.skill_by_id)
            and sum(1 for s in project.skills if s not in learned) <= MAX_MISSING_SKILLS)


def _rank_projects(
    role: Role, domain: Domain | None, known: Mapping[str, int], gap: set[str], target: set[str], catalog: Catalog,
    ctx: _Context,
) -> list[Project]:
    """Projects that fit the role and specialisation, best first: specialisation, skills the plan teaches or
    the learner knows, end to end, most of the role's skills shown."""
    wanted = target | gap
    learned = set(known) | gap
    # A role no project names borrows the projects that show most of its skills (an AI product manager's
    # experiment analysis), so every roadmap has a portfolio.
    scored = _score_projects(role, domain, wanted, learned, catalog, ctx, False)
    named = any(role.id in p.roles and _domain_fits(p, role, domain, learned, catalog) for p in catalog.projects)
    if not named:
        scored = _score_projects(role, domain, wanted, learned, catalog, ctx, True)
    ranked = [p for _, p in sorted(scored, key=lambda pair: pair[0])]
    # A project must teach or prove something new: one whose every skill the learner already has at its depth
    # (an A/B-test memo for a product manager who runs A/B tests) goes, unless nothing else is left.
    fresh = [p for p in ranked if not repeats_known(p, known)]
    return fresh or ranked


def repeats_known(project: Project, known: Mapping[str, int]) -> bool:
    """Whether the learner already knows every skill of the project at the depth the project takes it to."""
    depth = PROJECT_DEPTH[project.difficulty]
    return all(known.get(s, 0) >= depth for s in project.skills)


def learn_while_building(skill_id: str, catalog: Catalog) -> tuple[float, str]:
    """Hours to learn a skill a project introduces to a basic level while building it, and the free material
    to learn it from: the shortest free catalog course teaching it, else its documentation and tutorials."""
    skill = catalog.skill_by_id[skill_id]
    free = sorted((c for c in catalog.courses
                   if skill_id in c.teaches and c.status is Status.active and not c.archived
                   and c.learning_cost() == 0),
                  key=lambda c: (c.hours, c.id))
    hours = _round_hours(skill.hours * BASIC_SHARE)
    if free and free[0].hours <= hours * 2:
        course = free[0]
        return max(hours, _round_hours(min(course.hours, skill.hours))), texts.PLANNER_PROJECT_LEARN_COURSE.format(
            course=course.title)
    return hours, texts.PLANNER_PROJECT_LEARN_DOCS


def _round_hours(value: float) -> float:
    """Whole hours, at least one."""
    return float(max(1, round(value)))


def _score_projects(role: Role, domain: Domain | None, wanted: set[str], learned: set[str], catalog: Catalog,
                    ctx: _Context, any_role: bool) -> list[tuple[tuple[int, int, int, int, float, str], Project]]:
    scored: list[tuple[tuple[int, int, int, int, float, str], Project]] = []
    for project in catalog.projects:
        if item_key("project", project.id) in ctx.exclude:
            continue
        if project.roles and role.id not in project.roles and not any_role:
            continue
        if not _domain_fits(project, role, domain, learned, catalog):
            continue
        overlap = sum(1 for s in project.skills if s in wanted)
        if overlap == 0:
            continue
        missing = sum(1 for s in project.skills if s not in learned)
        domain_match = 1 if domain is not None and project.domain == domain.id else 0
        role_match = 1 if role.id in project.roles else 0
        scored.append(((-domain_match, missing, -role_match, -overlap - (1 if project.end_to_end else 0),
                        project.hours, project.id), project))
    return scored


def _aimed_project(aimed: set[str], picked: list[ProjectItem], role: Role, domain: Domain | None,
                   learned: set[str], catalog: Catalog, ctx: _Context) -> list[ProjectItem]:
    """Issue 17: the catalog project (of any role) showing most of a job ad's new skills the picked ones miss."""
    uncovered = aimed - {s for p in picked for s in p.skills}
    taken = {p.id for p in picked}
    fits = [(-len(uncovered & set(p.skills)), p.hours, p.id, p) for p in catalog.projects
            if p.id not in taken and uncovered & set(p.skills) and item_key("project", p.id) not in ctx.exclude
            and (p.domain is None or (domain is not None and p.domain == domain.id))]
    if not fits:
        return []
    return _pick_projects([min(fits, key=lambda f: f[:3])[3]], 1, role, domain, aimed, learned, catalog, None)[:1]


def _project_count(pace: float, learning_hours: float, ctx: _Context) -> int:
    """Two projects, three with plenty of time a week; one when the learning alone takes over three years at
    the learner's pace; minus the ones already done."""
    weeks = learning_hours / pace if pace > 0 else float("inf")
    wanted = 1 if weeks > ONE_PROJECT_WEEKS else 3 if pace >= MANY_HOURS_PER_WEEK else 2
    if ctx.done_projects:
        return max(0, MAX_PROJECTS - ctx.done_projects) if wanted > 1 else 0
    return wanted


def _years_if_one(pace: float, learning_hours: float, ctx: _Context) -> float | None:
    """The years the learning takes when that is why the plan holds one project (so it can say so), else None."""
    weeks = learning_hours / pace if pace > 0 else float("inf")
    return round(weeks / 52, 1) if weeks > ONE_PROJECT_WEEKS and not ctx.done_projects else None


def builds_models(role: Role) -> bool:
    """Whether the role trains models itself (an ML engineer, a data scientist), not only serves or uses them."""
    return any(rs.skill in MODEL_SKILLS and DEPTH_RANK[rs.depth] >= DEPTH_RANK[Depth.working]
               for rs in role.required_skills)


def _showcase(role: Role, domain: Domain | None, catalog: Catalog) -> set[str]:
    """The skills a hiring manager for this role most wants to see in a portfolio: among those a project can
    show, the ones the role needs most deeply (RAG for an AI engineer, A/B testing for an AI product manager),
    and the specialisation's own."""
    showable = [rs for rs in role.required_skills
                if rs.skill in catalog.skill_by_id and catalog.skill_by_id[rs.skill].category in SHOWN_CATEGORIES]
    top = max((DEPTH_RANK[rs.depth] for rs in showable), default=0)
    return {rs.skill for rs in showable if DEPTH_RANK[rs.depth] == top} | {
        s for s in (domain.skills if domain else []) if s in catalog.skill_by_id}


def _models(project: Project) -> bool:
    return any(s in MODEL_SKILLS for s in project.skills)


def _easier_part(small: Project, big: Project) -> bool:
    """Whether `small` is an easier exercise inside `big` (serving a model, inside a whole MLOps pipeline)."""
    return set(small.skills) <= set(big.skills) and LEVEL_RANK[small.difficulty] < LEVEL_RANK[big.difficulty]


def _choose_projects(ranked: list[Project], count: int, role: Role, domain: Domain | None, learned: set[str],
                     wanted: set[str], catalog: Catalog, senior: bool = False,
                     industry: Industry | None = None) -> list[Project]:
    """`count` projects that together prove the most, one at a time: first the specialisation, an end-to-end
    deployed project (one that builds a model, for roles that build models), a model-building one, then the
    showcase skills not yet shown; never one that mostly repeats a chosen one, nor one needing skills the plan
    does not teach when another fits, nor a beginner's exercise for a senior engineer when a harder one fits."""
    builder = builds_models(role)
    showcase = _showcase(role, domain, catalog)
    chosen: list[Project] = []
    for slot in range(min(count, len(ranked))):
        last = slot == count - 1
        shown = {s for p in chosen for s in p.skills}
        has_domain = domain is not None and any(c.domain == domain.id for c in chosen)
        has_e2e = any(c.end_to_end for c in chosen)
        has_model = any(_models(c) for c in chosen)
        has_e2e_model = any(c.end_to_end and _models(c) for c in chosen)
        has_industry = industry is None or any(in_industry(c, industry) for c in chosen)
        best: tuple[tuple[int, ...], Project] | None = None
        for index, p in enumerate(ranked):
            if p in chosen:
                continue
            gains = 0
            if domain is not None and p.domain == domain.id and not has_domain:
                gains += 8
            if industry is not None and not has_industry and in_industry(p, industry):
                gains += 6  # a career changer's own industry: one project on the data they know
            if builder and p.end_to_end and _models(p) and not has_e2e_model:
                gains += 4
            if p.end_to_end and not has_e2e:
                gains += 16 if last else 2  # the last place goes to a deployed project if none is in yet
            if builder and _models(p) and not has_model:
                gains += 1
            new_showcase = sum(1 for s in p.skills if s in showcase and s not in shown)
            repeats = (not new_showcase and sum(1 for s in p.skills if s in shown) >= REDUNDANT_SHARE * len(p.skills)
                       ) or any(_easier_part(p, c) or _easier_part(c, p) for c in chosen)
            fits = sum(1 for s in p.skills if s not in learned) <= MAX_MISSING_SKILLS
            level_ok = not (senior and role.family is RoleFamily.engineering and p.difficulty is Level.beginner)
            if chosen and not fits:
                continue  # only the first place may need more new skills, so that there is a portfolio at all
            new_wanted = sum(1 for s in p.skills if s in wanted and s not in shown)
            on_show = sum(1 for s in p.skills if s in showcase)
            key = (int(fits), int(not repeats), gains, int(level_ok), new_showcase, on_show, new_wanted, -index)
            if best is None or key > best[0]:
                best = (key, p)
        if best is None:
            break
        chosen.append(best[1])
    # The specialisation first, then easier before harder: each project builds on the one before it.
    return sorted(chosen, key=lambda p: (domain is None or p.domain != domain.id, LEVEL_RANK[p.difficulty], p.hours,
                                         p.id))


def _pick_projects(ranked: list[Project], count: int, role: Role, domain: Domain | None, wanted: set[str],
                   learned: set[str], catalog: Catalog, years: float | None, senior: bool = False,
                   industry: Industry | None = None) -> list[ProjectItem]:
    """The portfolio items: the chosen projects with what each shows and why it is there."""
    if count <= 0 or not ranked:
        return []
    out: list[ProjectItem] = []
    before = set(learned)  # a skill the first project introduces is not new again in the next one
    for project in _choose_projects(ranked, count, role, domain, learned, wanted, catalog, senior, industry):
        uses = ", ".join(catalog.skill_by_id[s].name for s in project.skills if s in wanted)
        # A skill the plan does not teach before the project is never a surprise: the project lists it as learnt
        # while building it, with the hours and the free material for that, and its hours include them.
        new = [s for s in project.skills if s not in before and s in catalog.skill_by_id]
        before |= set(project.skills)
        extra = 0.0
        learnt: list[str] = []
        for skill_id in new:
            hours, material = learn_while_building(skill_id, catalog)
            extra += hours
            learnt.append(texts.PLANNER_PROJECT_LEARNT_SKILL.format(
                skill=catalog.skill_by_id[skill_id].name, hours=f"{hours:g}", material=material))
        fit = texts.PLANNER_WHY_PROJECT_FIT.format(domain=domain.name) \
            if domain is not None and project.domain == domain.id else ""
        if project.end_to_end:
            fit += texts.PLANNER_WHY_PROJECT_E2E
        if learnt:
            fit += texts.PLANNER_WHY_PROJECT_LEARNT.format(skills="; ".join(learnt))  # names hold commas
        if years is not None:
            fit += texts.PLANNER_WHY_PROJECT_ONE.format(years=f"{years:g}")
        out.append(ProjectItem(
            id=project.id, title=project.title,
            description=texts.PLANNER_PROJECT_DESCRIPTION.format(idea=project.idea, deliverable=project.deliverable),
            hours=project.hours + extra, skills=list(project.skills), why=texts.PLANNER_WHY_PROJECT.format(
                skills=uses or ", ".join(project.skills), fit=fit),
            end_to_end=project.end_to_end,
        ))
    return out
