"""Reading profiles: resolving roles, skills and certifications by name, and profile files from data."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import fuzz, process

from bot import texts
from bot.domain.catalog import (
    Catalog,
    Depth,
    Role,
)
from bot.domain.planner.constants import MIN_HOURS_PER_WEEK
from bot.domain.planner.models import PlanError
from bot.domain.profile import MIN_HOURS_PER_WEEK as PROFILE_MIN_HOURS
from bot.domain.profile import Education, LearnerProfile
from bot.domain.understanding import named_ids, understand

# A skill name this close (0-100) to a known one is a typo to point out, not other experience.
TYPO_SCORE = 85
CERT_NAME_SCORE = 90




def resolve_role(text: str | None, catalog: Catalog) -> Role:
    """The role named by id, name or alias (case-insensitive); PlanError naming the closest matches."""
    if not text:
        raise PlanError(texts.PLANNER_ERR_NO_ROLE)
    # Exact ids, names and aliases (normalised) are looked up in a table built once per catalog; anything
    # else goes through resolve_id, which finds the same first match or raises with the closest ones.
    cached = catalog.__dict__.get("_role_names")
    if cached is None or cached[0] is not catalog.roles:
        table: dict[str, str] = {}
        for r in catalog.roles:
            for label in (r.id, r.name, *r.aliases):
                table.setdefault(_normal(label), r.id)
        cached = (catalog.roles, table)
        catalog.__dict__["_role_names"] = cached
    hit = cached[1].get(_normal(text))
    if hit is not None:
        return catalog.role_by_id[hit]
    # Short forms the conversation understands ("nlp", "CV", "NLP eng"); a mere guess still fails below.
    understood = _understood_role(text, catalog)
    if understood is not None:
        return catalog.role_by_id[understood]
    found = resolve_id(text, {r.id: [r.name, *r.aliases] for r in catalog.roles}, "role")
    return catalog.role_by_id[found]


# Understanding needs a "today" for deadlines only; names of roles and skills do not depend on it.
_ANY_DAY = date(2000, 1, 1)


def _understood_role(text: str, catalog: Catalog) -> str | None:
    """The role understanding reads in a bare name ("NLP eng"), unless it is a guess it would ask about."""
    facts = understand(text, catalog, _ANY_DAY)
    if facts.target_role not in catalog.role_by_id or any(q.field == "target_role" for q in facts.questions):
        return None
    return facts.target_role


def _resolve_skill(text: str, names: Mapping[str, list[str]], catalog: Catalog) -> str:
    """A skill by id, name or alias, else the one skill understanding names exactly in it ("sklearn", "k8s")."""
    try:
        return resolve_id(text, names, "skill")
    except PlanError:
        understood = named_ids(text, catalog, "skill")
        if len(understood) == 1 and understood[0] in catalog.skill_by_id:
            return understood[0]
        raise


def _typo_of_a_skill(text: str, names: Mapping[str, list[str]]) -> bool:
    """True when the text looks like a misspelt skill ("pytorh"), not a skill outside the vocabulary ("Go")."""
    labels = [label for entry_id, more in names.items() for label in (entry_id, *more)]
    found = process.extractOne(_normal(text), [_normal(label) for label in labels], scorer=fuzz.ratio)
    return found is not None and found[1] >= TYPO_SCORE


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").replace("/", " ").split())


def resolve_id(text: str, names: Mapping[str, list[str]], kind: str) -> str:
    """Map an id, name or alias (case-insensitive) to its id; PlanError listing the closest matches."""
    wanted = _normal(text)
    for entry_id, labels in names.items():
        if wanted == _normal(entry_id) or any(wanted == _normal(label) for label in labels):
            return entry_id
    choices = {f"{entry_id}": entry_id for entry_id in names}
    for entry_id, labels in names.items():
        for label in labels:
            choices.setdefault(label, entry_id)
    close: list[str] = []
    for match in process.extract(text, list(choices), limit=10):
        entry_id = choices[match[0]]
        if entry_id not in close:
            close.append(entry_id)
    hint = texts.PLANNER_ERR_CLOSEST.format(names=", ".join(close[:3])) if close else ""
    raise PlanError(texts.PLANNER_ERR_UNKNOWN.format(kind=kind, text=text, hint=hint))



# ---------------------------------------------------------------- profile files (CLI input)
class ProfileFile(BaseModel):
    """The JSON profile file of `waypoint plan --profile`; roles and skills by id, name or alias."""

    model_config = ConfigDict(extra="forbid")

    target_role: str = Field(description="role id, name or alias, e.g. 'ml-engineer' or 'ML Engineer'")
    domain: str | None = Field(None, description="specialisation id, name or alias, e.g. 'nlp'")
    education: Education | None = None
    field_of_study: str | None = Field(None, description="field of the highest degree, e.g. 'physics', "
                                                         "'statistics', 'computer science'")
    current_role: str | None = None
    years_experience: float | None = Field(None, ge=0)
    known_skills: list[str] = Field(default=[], description="skill ids, names or aliases")
    hours_per_week: float | None = None
    deadline: date | None = Field(None, description="ISO date")
    budget_usd: float | None = Field(None, description="null = no limit, 0 = free only")
    wants_certificates: bool | None = None
    language: str | None = None
    format: str | None = None
    named_certifications: list[str] = Field(default=[], description="certification ids or names")
    skill_depth: dict[str, Depth] = Field(default={}, description="skill -> basic, working or deep")
    held_certifications: list[str] = Field(default=[], description="certifications already held (never planned)")
    other_experience: list[str] = Field(default=[], description="tools and skills outside the vocabulary")
    programming_language: str | None = Field(None, description="python (default), r, java, c++")


def profile_from_data(data: object, catalog: Catalog) -> LearnerProfile:
    """Read a profile file's JSON into a LearnerProfile, resolving names; PlanError with one clear line."""
    raw = _validated_file(data)
    assert isinstance(data, Mapping)  # _validated_file refused anything else
    role = resolve_role(raw.target_role, catalog)
    domain = (resolve_id(raw.domain, {d.id: [d.name, *d.aliases] for d in catalog.domains}, "domain")
              if raw.domain else None)
    known, depths, other = _file_skills(raw, catalog)
    certs = [_resolve_cert(c, catalog) for c in raw.named_certifications]
    held = [_resolve_cert(c, catalog) for c in raw.held_certifications]
    language = raw.programming_language.strip().lower() if raw.programming_language else None
    try:
        return _learner(raw, data, role.id, domain, known, depths, certs, held, other, language)
    except ValidationError as exc:
        raise _field_error(exc, more=False) from None


def _field_error(exc: ValidationError, more: bool) -> PlanError:
    """The first problem of a validation error in one line, naming its field (and how many more there are)."""
    errors = exc.errors()
    where = ".".join(str(p) for p in errors[0]["loc"]) or "profile"
    others = texts.PLANNER_ERR_MORE.format(n=len(errors) - 1) if more and len(errors) > 1 else ""
    return PlanError(texts.PLANNER_ERR_FIELD.format(where=where, message=errors[0]["msg"], more=others))


def _validated_file(data: object) -> ProfileFile:
    """The profile file's JSON checked field by field, education spelled loosely, hours a plan can use."""
    if not isinstance(data, Mapping):
        raise PlanError(texts.PLANNER_ERR_NOT_OBJECT)
    if isinstance(data.get("education"), str):
        data = {**data, "education": _normal(data["education"]).replace(" ", "_").replace(".", "")}
    try:
        raw = ProfileFile.model_validate(data)
    except ValidationError as exc:
        raise _field_error(exc, more=True) from None
    hours = raw.hours_per_week
    # Tiny positive hours are refused by the profile itself (its message names hours_per_week); zero, negative
    # and under-an-hour values stop here, in one line.
    if hours is not None and (not math.isfinite(hours) or hours <= 0
                              or PROFILE_MIN_HOURS <= hours < MIN_HOURS_PER_WEEK):
        raise PlanError(texts.PLANNER_ERR_HOURS.format(minimum=MIN_HOURS_PER_WEEK,
                                                       hours=hours if math.isfinite(hours) else 0))
    return raw


def _file_skills(raw: ProfileFile, catalog: Catalog) -> tuple[list[str], dict[str, Depth], list[str]]:
    """Known skill ids, their depths, and other experience (words outside the vocabulary) of a profile file."""
    skill_names = {s.id: [s.name, *s.aliases] for s in catalog.skills}
    known: list[str] = []
    other: list[str] = list(raw.other_experience)
    for text in raw.known_skills:
        # A skill outside the vocabulary (Go, Terraform, React) is kept as other experience, never an error.
        try:
            known.append(_resolve_skill(text, skill_names, catalog))
        except PlanError:
            if _typo_of_a_skill(text, skill_names):
                raise
            other.append(text)
    depths: dict[str, Depth] = {}
    for text, depth in raw.skill_depth.items():
        try:
            skill_id = _resolve_skill(text, skill_names, catalog)
        except PlanError:
            other.append(text)
            continue
        depths[skill_id] = depth
        known.append(skill_id)
    return known, depths, other


def _learner(raw: ProfileFile, data: Mapping[str, Any], role_id: str, domain: str | None, known: list[str],
             depths: dict[str, Depth], certs: list[str], held: list[str], other: list[str],
             language: str | None) -> LearnerProfile:
    return LearnerProfile(
        target_role=role_id, domain=domain, education=raw.education,
        field_of_study=raw.field_of_study.strip() or None if raw.field_of_study else None,
        current_role=raw.current_role,
        years_experience=raw.years_experience, known_skills=list(dict.fromkeys(known)),
        hours_per_week=raw.hours_per_week,
        deadline=raw.deadline, budget_usd=raw.budget_usd, budget_known="budget_usd" in data,
        wants_certificates=raw.wants_certificates, language=raw.language, format=raw.format,
        named_certifications=list(dict.fromkeys(certs)), skill_depth=depths,
        held_certifications=list(dict.fromkeys(held)), other_experience=list(dict.fromkeys(other)),
        programming_language=language,
    )


def _resolve_cert(text: str, catalog: Catalog) -> str:
    """A certification by id or name, or the one understanding names in the text (no exam code needed)."""
    names = {c.id: [c.name] for c in catalog.certifications}
    try:
        return resolve_id(text, names, "certification")
    except PlanError:
        found = [i for i in named_ids(text, catalog, "certification") if i in catalog.certification_by_id]
        if len(found) == 1:
            return found[0]
        # A name written without its exam code or issuer prefix ("Google Professional Machine Learning Engineer").
        wanted = _cert_words(text)
        scored = sorted(((fuzz.token_set_ratio(wanted, _cert_words(c.name)),
                          fuzz.token_sort_ratio(wanted, _cert_words(c.name)), c.id) for c in catalog.certifications),
                        reverse=True)
        if scored and scored[0][0] >= CERT_NAME_SCORE:
            best, runner = scored[0], scored[1] if len(scored) > 1 else None
            if runner is None or best[0] - runner[0] >= 5 or best[1] - runner[1] >= 5:
                return best[2]
        raise


def _cert_words(name: str) -> str:
    """A certification name without exam codes in brackets and filler words, for matching."""
    plain = re.sub(r"\([^)]*\)", " ", name.lower())
    words = [w for w in re.split(r"[^a-z0-9+]+", plain) if w and w not in _CERT_FILLER]
    return " ".join(words)


_CERT_FILLER = frozenset({"certified", "certification", "certificate", "microsoft", "the", "exam"})
