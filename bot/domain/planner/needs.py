"""What the role needs: its domain, the skills (with depths) it asks for, and their topological order."""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Depth,
    Domain,
    Role,
    SkillCategory,
    depth_rank,
)
from bot.domain.planner.constants import CATEGORY_RANK, SPECIAL_CATEGORIES
from bot.domain.planner.models import PlanWarning, W, _Context
from bot.domain.profile import LearnerProfile

IMPLIED_DOMAIN_SHARE = 0.5


def _domain(profile: LearnerProfile, role: Role, catalog: Catalog, warnings: list[PlanWarning],
            ctx: _Context) -> Domain | None:
    """The learner's specialisation, or the one the role implies (an NLP engineer does NLP)."""
    implied = implied_domain(role, catalog)
    if profile.domain:
        domain = catalog.domain_by_id.get(profile.domain)
        if domain is None:
            warnings.append(W("unknown-domain", texts.PLANNER_WARN_UNKNOWN_DOMAIN.format(domain=profile.domain)))
        elif implied is None or domain.id in role.domains:
            return domain
    if implied is not None and not ctx.nested and profile.domain != implied.id:
        warnings.append(W("implied-domain", texts.PLANNER_WARN_IMPLIED_DOMAIN.format(role=role.name,
                                                                                    domain=implied.name)))
    return implied


def implied_domain(role: Role, catalog: Catalog) -> Domain | None:
    """The specialisation a role implies: the one of its domains (with NLP, vision or LLM skills) whose skills
    the role itself requires for the most part; None for general roles."""
    required = {rs.skill for rs in role.required_skills}
    best: tuple[tuple[float, int, str], Domain] | None = None
    for domain_id in role.domains:
        domain = catalog.domain_by_id.get(domain_id)
        if domain is None or not domain.skills:
            continue
        special = [s for s in domain.skills if s in catalog.skill_by_id
                   and catalog.skill_by_id[s].category in SPECIAL_CATEGORIES]
        if not special:
            continue
        overlap = sum(1 for s in domain.skills if s in required)
        share = overlap / len(domain.skills)
        if share <= IMPLIED_DOMAIN_SHARE:
            continue
        key = (-share, -overlap, domain.id)
        if best is None or key < best[0]:
            best = (key, domain)
    return best[1] if best else None


def _needs(role: Role, domain: Domain | None, known: Mapping[str, int], catalog: Catalog, implied: bool = False,
           ) -> tuple[dict[str, int], dict[str, str]]:
    """Depth (1-3) each skill is needed at, with the lead of its why: role and domain skills, and prerequisites
    (basic) of the skills still to learn."""
    skills = catalog.skill_by_id
    need: dict[str, int] = {}
    why: dict[str, str] = {}
    for rs in role.required_skills:
        if rs.skill in skills:
            depth = depth_rank(rs.depth)
            if depth > need.get(rs.skill, 0):
                need[rs.skill] = depth
                # A skill the learner knows less deeply says the depths in its own sentence (see _skill_item).
                why[rs.skill] = texts.PLANNER_WHY_SKILL_ROLE_KNOWN.format(role=role.name) \
                    if 0 < known.get(rs.skill, 0) < depth else \
                    texts.PLANNER_WHY_SKILL_ROLE.format(role=role.name, depth=rs.depth.value)
    # A specialisation the role implies adds nothing to what the role requires (an AI engineer learns no image
    # generation); one the learner chose adds its skills.
    if domain is not None and not implied:
        for skill_id in domain.skills:
            if skill_id in skills and skill_id not in need:
                need[skill_id] = DEPTH_RANK[Depth.working]
                why[skill_id] = texts.PLANNER_WHY_SKILL_DOMAIN.format(domain=domain.name)
    # A skill needed only at a basic level brings no prerequisites: its introduction teaches what it needs.
    stack = sorted((s for s, d in need.items() if known.get(s, 0) < d and d >= DEPTH_RANK[Depth.working]),
                   reverse=True)
    while stack:
        current = stack.pop()
        for prereq in sorted(skills[current].prerequisites):
            if prereq in skills and prereq not in need:
                need[prereq] = DEPTH_RANK[Depth.basic]
                why[prereq] = texts.PLANNER_WHY_SKILL_PREREQUISITE.format(skill=skills[current].name)
                if known.get(prereq, 0) < need[prereq]:
                    stack.append(prereq)
    return need, why


_CATEGORY_ORDER = {category: n for n, category in enumerate(SkillCategory)}
_DEPTH_NAME = {rank: depth.value for depth, rank in DEPTH_RANK.items()}


def _topological(gap: set[str], catalog: Catalog) -> list[str]:
    """Gap skills with prerequisites first; ties by category stage, then id (deterministic)."""
    indegree = {s: 0 for s in gap}
    dependents: dict[str, list[str]] = {s: [] for s in gap}
    for s in gap:
        for p in set(catalog.skill_by_id[s].prerequisites):
            if p in gap:
                indegree[s] += 1
                dependents[p].append(s)

    def key(s: str) -> tuple[int, int, str]:
        category = catalog.skill_by_id[s].category
        return (CATEGORY_RANK[category], _CATEGORY_ORDER[category], s)

    heap = [key(s) for s in gap if indegree[s] == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        *_, s = heapq.heappop(heap)
        order.append(s)
        for d in dependents[s]:
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(heap, key(d))
    # The catalog forbids cycles; should one slip through, keep the rest rather than lose skills.
    order.extend(sorted(gap - set(order)))
    return order
