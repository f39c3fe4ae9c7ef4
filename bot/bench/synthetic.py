"""Synthetic catalogs N times the size of a real one, for benchmarks (deterministic, no randomness)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.domain.catalog import Catalog

# Sections copied N times; job-search and education steps are a fixed short list in any real catalog.
SCALED = ("roles", "domains", "skills", "courses", "certifications", "projects")
# One course in this many of every copy teaches the *original* skills, so the planner's candidate
# courses for a real role grow with the catalog instead of staying constant.
SHARED_EVERY = 5


def _suffix(entry_id: str, copy: int) -> str:
    return entry_id if copy == 0 else f"{entry_id[:56]}-x{copy}"


def scale_catalog(catalog: Catalog, factor: int) -> Catalog:
    """A catalog `factor` times as big: copy 0 is the original, copy k has ids suffixed `-xk`."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    out: dict[str, list[dict[str, Any]]] = {
        "job_search_steps": [s.model_dump() for s in catalog.job_search_steps],
        "education_steps": [s.model_dump() for s in catalog.education_steps],
    }
    for section in SCALED:
        out[section] = []
    for copy in range(factor):
        for section, entries in (*_copy_graph(catalog, copy).items(), *_copy_offers(catalog, copy).items()):
            out[section] += entries
    return Catalog.model_validate(out)


def _copy_graph(catalog: Catalog, copy: int) -> dict[str, list[dict[str, Any]]]:
    """Copy `copy` of the roles, domains and skills, every reference pointing into the same copy."""
    def ref(entry_id: str) -> str:
        return _suffix(entry_id, copy)

    roles, domains, skills = [], [], []
    for role in catalog.roles:
        data = role.model_dump()
        data["id"] = ref(role.id)
        data["required_skills"] = [{**rs, "skill": ref(rs["skill"])} for rs in data["required_skills"]]
        data["optional_skills"] = [ref(s) for s in role.optional_skills]
        data["domains"] = [ref(d) for d in role.domains]
        roles.append(data)
    for domain in catalog.domains:
        data = domain.model_dump()
        data["id"], data["skills"] = ref(domain.id), [ref(s) for s in domain.skills]
        domains.append(data)
    for skill in catalog.skills:
        data = skill.model_dump()
        data["id"], data["prerequisites"] = ref(skill.id), [ref(p) for p in skill.prerequisites]
        skills.append(data)
    return {"roles": roles, "domains": domains, "skills": skills}


def _copy_offers(catalog: Catalog, copy: int) -> dict[str, list[dict[str, Any]]]:
    """Copy `copy` of the courses, certifications and projects (some courses teach the original skills)."""
    def ref(entry_id: str) -> str:
        return _suffix(entry_id, copy)

    courses, certifications, projects = [], [], []
    for position, course in enumerate(catalog.courses):
        data = course.model_dump()
        shared = copy > 0 and (position + copy) % SHARED_EVERY == 0
        data["id"] = ref(course.id)
        data["skills"] = [s if shared else ref(s) for s in course.skills]
        data["replacement"] = ref(course.replacement) if course.replacement else None
        # Shared copies cost a little more so they compete without always winning.
        data["cost_usd"] = course.cost_usd + (copy % 3)
        courses.append(data)
    for cert in catalog.certifications:
        data = _with_refs(cert, ref)
        data["replacement"] = ref(cert.replacement) if cert.replacement else None
        certifications.append(data)
    for project in catalog.projects:
        data = _with_refs(project, ref)
        data["domain"] = ref(project.domain) if project.domain else None
        projects.append(data)
    return {"courses": courses, "certifications": certifications, "projects": projects}


def _with_refs(entry: Any, ref: Callable[[str], str]) -> dict[str, Any]:
    """A certification or project as data, its id, skills and roles pointing into one copy."""
    data: dict[str, Any] = entry.model_dump()
    data["id"], data["skills"] = ref(entry.id), [ref(s) for s in entry.skills]
    data["roles"] = [ref(r) for r in entry.roles]
    return data


def size(catalog: Catalog) -> int:
    """Number of entries in a catalog."""
    return sum(catalog.counts().values())
