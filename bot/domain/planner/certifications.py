"""Certifications: choosing which (if any) the plan schedules, with notices and warnings."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.domain.catalog import (
    Catalog,
    Certification,
    Course,
    Level,
    Role,
    Seniority,
    Status,
)
from bot.domain.planner.jobsearch import seniority_of
from bot.domain.planner.models import CertificationItem, PlanWarning, W, _Context
from bot.domain.profile import LearnerProfile
from bot.domain.progress import item_key

MAX_CERTIFICATIONS = 2
# Starting points that enter the field as juniors: one associate-level exam at most, never a professional one.
JUNIOR = frozenset({Seniority.student, Seniority.career_changer})
MAX_FREE_CERTIFICATES_NAMED = 3  # free course certificates named for a free-only learner: a short list to pick from


def _active_successor(cert: Certification, catalog: Catalog) -> Certification | None:
    """Follow replacements to the active certification that replaced this one, if any."""
    seen = {cert.id}
    current = cert
    while current.status is not Status.active:
        if current.replacement is None or current.replacement in seen:
            return None
        nxt = catalog.certification_by_id.get(current.replacement)
        if nxt is None:
            return None
        seen.add(nxt.id)
        current = nxt
    return current



def _choose_certifications(
    profile: LearnerProfile, role: Role, target: set[str], catalog: Catalog, ctx: _Context, left: float | None,
    free_only: bool = False, courses: list[Course] | None = None,
) -> tuple[list[CertificationItem], list[str], list[PlanWarning]]:
    """Certifications to take when wanted (named ones first, one more that fits, within budget), notices, warnings.

    A junior gets no professional-level exam they did not ask for. With a free-only budget no paid exam is
    planned; a warning names the best-fitting one and its cost, and the free certificates the plan's courses give
    (or says plainly that none is free)."""
    notices: list[str] = []
    warnings: list[PlanWarning] = []
    named = _named(profile, catalog, notices)
    held = set(profile.held_certifications)
    held_names = [catalog.certification_by_id[c].name for c in profile.held_certifications
                  if c in catalog.certification_by_id]
    if held_names and not ctx.nested:
        warnings.append(W("held-certifications", texts.PLANNER_WARN_HELD_CERT.format(names=", ".join(held_names))))
    named = [c for c in named if c.id not in held]
    if not profile.wants_certificates:
        return [], notices, warnings
    picked = _ranked(named, role, target, catalog)
    cap = max(0, MAX_CERTIFICATIONS - ctx.done_certs)
    # One certification that fits is plenty: a hiring manager weighs projects far above a second exam.
    extra_cap = 1
    junior = seniority_of(profile, role.family) in JUNIOR
    asked = {c.id for c in named}
    out: list[CertificationItem] = []
    skipped_paid: Certification | None = None
    for cert, why in picked:
        if len(out) >= cap or item_key("cert", cert.id) in ctx.exclude or cert.id in held:
            continue
        # One track per vendor, and no second vendor's exam the learner did not ask for once one is planned.
        if cert.id not in asked and (any(c.issuer == cert.issuer for c in out) or len(out) >= extra_cap):
            continue
        # A professional-level exam expects years in the role: not for someone entering it, unless they asked.
        if cert.id not in asked and junior and cert.level is Level.advanced:
            continue
        if free_only and cert.cost_usd > 0:
            skipped_paid = skipped_paid or cert
            continue
        # The first certification stays even over budget (the explanation says so); others must fit.
        if out and left is not None and cert.cost_usd > left + 1e-9:
            continue
        out.append(CertificationItem(id=cert.id, name=cert.name, issuer=cert.issuer, url=cert.url,
                                     cost_usd=cert.cost_usd, prep_hours=cert.prep_hours, status=cert.status,
                                     why=why))
        if left is not None:
            left -= cert.cost_usd
    if skipped_paid is not None:
        planned = "" if out else texts.PLANNER_WARN_NO_CERT_PLANNED
        warnings.append(W("free-only-exam", texts.PLANNER_WARN_FREE_ONLY_EXAM.format(
            planned=planned, name=skipped_paid.name, issuer=skipped_paid.issuer, cost=skipped_paid.cost_usd)
            + _free_certificates(courses or [], bool(out), target, catalog)))
    return out, notices, warnings


def _free_certificates(courses: list[Course], planned: bool, target: set[str], catalog: Catalog) -> str:
    """The free certificates the plan's courses give, named; else the catalog's free-certificate courses on the
    role's skills (the fewest hours per skill first); else, with no free exam planned either, a plain line."""
    free = [c.title for c in courses if c.free_certificate]
    if free:
        return texts.PLANNER_CERT_FREE_OPTIONS.format(courses="; ".join(dict.fromkeys(free)))
    others = sorted((c for c in catalog.courses if c.free_certificate and c.status is Status.active
                     and not c.archived and target & set(c.teaches)),
                    key=lambda c: (c.hours / len(target & set(c.teaches)), c.id))
    if others:
        return texts.PLANNER_CERT_FREE_ELSEWHERE.format(
            courses="; ".join(c.title for c in others[:MAX_FREE_CERTIFICATES_NAMED]))
    return "" if planned else texts.PLANNER_CERT_NONE_FREE


def place_certification_stage(stages_raw: list[dict[str, Any]], stage: dict[str, Any], catalog: Catalog) -> None:
    """Put the certification stage right after the learning stage that teaches the last of its exams' skills, so
    the exam is taken while the material is fresh and before the portfolio and the job search's applications;
    after the last learning stage when no stage teaches them (the learner knows them already)."""
    tested = {s for c in stage.get("certifications", []) if c.id in catalog.certification_by_id
              for s in catalog.certification_by_id[c.id].skills}
    learning = [i for i, r in enumerate(stages_raw) if r.get("kind") == "learning"]
    teaching = [i for i in learning if tested & _taught(stages_raw[i])]
    if teaching:
        at = teaching[-1] + 1
    elif learning:
        at = learning[-1] + 1
    else:
        at = next((i for i, r in enumerate(stages_raw) if r.get("kind") == "job_search"), len(stages_raw))
    stages_raw.insert(at, stage)


def _taught(raw: dict[str, Any]) -> set[str]:
    """The skills a stage teaches: its gap skills and what its courses cover."""
    return {s.id for s in raw.get("skills", [])} | {s for c in raw.get("courses", []) for s in c.skills}


def _named(profile: LearnerProfile, catalog: Catalog, notices: list[str]) -> list[Certification]:
    """The certifications the learner named, a retired one replaced by its active successor (with a notice)."""
    named: list[Certification] = []
    for cert_id in profile.named_certifications:
        cert = catalog.certification_by_id.get(cert_id)
        if cert is None:
            notices.append(texts.PLANNER_NOTICE_UNKNOWN_CERT.format(cert=cert_id))
            continue
        if cert.status is Status.active:
            named.append(cert)
            continue
        successor = _active_successor(cert, catalog)
        when = texts.PLANNER_NOTICE_RETIRED_ON.format(date=cert.retired_on.isoformat()) if cert.retired_on else ""
        if successor is not None:
            notices.append(texts.PLANNER_NOTICE_CERT_REPLACED.format(
                name=cert.name, issuer=cert.issuer, when=when, successor=successor.name,
                successor_issuer=successor.issuer))
            named.append(successor)
        else:
            notices.append(texts.PLANNER_NOTICE_CERT_RETIRED.format(name=cert.name, issuer=cert.issuer, when=when))
    return named


def _ranked(named: list[Certification], role: Role, target: set[str], catalog: Catalog,
            ) -> list[tuple[Certification, str]]:
    """Every candidate with its why: the named ones first, then the role's by how many target skills they test."""
    picked: list[tuple[Certification, str]] = []
    for cert in named:
        if all(cert.id != c.id for c, _ in picked):
            picked.append((cert, texts.PLANNER_WHY_CERT_ASKED))
    candidates = sorted(
        (c for c in catalog.certifications if c.status is Status.active and role.id in c.roles),
        key=lambda c: (-sum(1 for s in c.skills if s in target), -sum(1 for s in c.skills if s in target)
                       / len(c.skills), c.cost_usd, c.id))
    for cert in candidates:
        if all(cert.id != c.id for c, _ in picked):
            tests = (", ".join(catalog.skill_by_id[s].name for s in cert.skills if s in target)
                     or texts.PLANNER_CERT_ITS_FIELD)
            picked.append((cert, texts.PLANNER_WHY_CERT_ROLE.format(role=role.name, skills=tests)))
    return picked
