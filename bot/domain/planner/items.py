"""Roadmap items built from chosen skills and courses: self-study hours, prices, certificates."""

from __future__ import annotations

from bot import texts
from bot.domain.catalog import (
    CostModel,
    Course,
    HoursBasis,
    SkillCategory,
    depth_rank,
)
from bot.domain.planner.models import CourseItem, CourseRef, SkillItem
from bot.domain.planner.needs import _DEPTH_NAME
from bot.domain.planner.schedule import _hours
from bot.domain.planner.selection import _Chosen, _Selection

# Share of a skill's hours (which take a learner to a working level) each depth stands at; deep is as much again.
DEPTH_SHARE = {0: 0.0, 1: 0.5, 2: 1.0, 3: 2.0}


def self_study_hours(skill_hours: float, known: int, need: int) -> float:
    """Self-study hours from the depth known to the depth needed (working to deep: the skill's hours again; basic
    to working: half), never more than the plan gives someone starting from nothing (the skill's hours)."""
    if need <= known:
        return 0.0
    if known <= 0:
        return skill_hours
    return _hours(min(skill_hours, skill_hours * (DEPTH_SHARE[need] - DEPTH_SHARE[known])))


def _skill_item(skill_id: str, lead: str, self_study: bool, sel: _Selection) -> SkillItem:
    """A gap skill with why it is there; a skill the learner knows, needed deeper, says so and what is left."""
    skill = sel.catalog.skill_by_id[skill_id]
    known, need = sel.known.get(skill_id, 0), sel.need.get(skill_id, 0)
    # Self-study instead of an oversized course starts where the plan had the skill (a short introduction may come
    # first); a skill no course teaches is studied from what the learner knows.
    start, target = (sel.alone[skill_id][0], sel.alone[skill_id][1]) if skill_id in sel.alone else (known, need)
    hours = self_study_hours(skill.hours, start, target) if self_study and start > 0 else skill.hours
    if skill_id in sel.alone_hours:  # a new language for a programmer: its syntax and idioms, an estimate
        hours = sel.alone_hours[skill_id]
    depth = ""
    if 0 < known < need:
        depth = texts.PLANNER_WHY_SKILL_DEPTH_FROM.format(known=_DEPTH_NAME[known], need=_DEPTH_NAME[need])
        if self_study:
            depth = texts.PLANNER_WHY_SKILL_DEEPEN.format(known=_DEPTH_NAME[start], need=_DEPTH_NAME[need],
                                                          hours=hours)
    if skill_id in sel.alone_hours:
        depth += texts.PLANNER_WHY_SKILL_PROGRAMMER.format(language=sel.programmer, skill=skill.name)
    tail = "" if lead == texts.PLANNER_WHY_SKILL_JOB else f" {skill.why}"
    return SkillItem(id=skill.id, name=skill.name, why=f"{lead}{depth}{tail}".strip(), hours=hours,
                     self_study=self_study)


def _money(usd: float) -> str:
    return texts.PLANNER_FREE if usd == 0 else texts.PLANNER_MONEY.format(usd=round(usd, 2))


def _certificate(course: Course, sel: _Selection) -> tuple[float | None, str]:
    """(what the certificate costs at the learner's pace, how to say it); None when none is planned."""
    if not course.certificate:
        return None, texts.PLANNER_CERT_NONE
    if course.free_certificate:
        return 0.0, texts.PLANNER_CERT_FREE
    fee = course.certificate_cost(sel.pace) or 0.0
    if sel.free_only and fee > 0:
        return None, texts.PLANNER_CERT_AUDIT
    if fee == 0:
        # Included in what the learner pays to study it (a subscription): not a free certificate.
        paid = course.learning_cost(sel.pace) > 0
        return 0.0, texts.PLANNER_CERT_INCLUDED if paid else texts.PLANNER_CERT_FREE
    return round(fee, 2), texts.PLANNER_CERT_COST.format(usd=round(fee, 2))


def _course_item(chosen: _Chosen, sel: _Selection) -> CourseItem:
    """The roadmap entry of a chosen course: what it covers, why it was picked, what it beat."""
    course = chosen.course
    catalog = sel.catalog
    cert_cost, cert_note = _certificate(course, sel)
    wants = bool(sel.profile.wants_certificates)
    why = sel.why.get(course.id, "") + sel.gap_note.get(course.id, "")
    other = sel.beaten.get(course.id)
    # A course the plan also takes is never named as the loser, nor offered "instead".
    if other is not None and other.id in sel.chosen_ids:
        other = None
    if other is not None:
        why += sel.beat_text.get(course.id, "")
    # The certificates a learner asks for are professional ones: a soft-skill course's is no answer to that wish.
    soft = all(s in catalog.skill_by_id and catalog.skill_by_id[s].category is SkillCategory.professional
               for s in course.teaches)
    if wants and course.certificate and cert_cost is not None and not soft:
        why += " " + texts.PLANNER_WHY_COURSE_CERTIFICATE
    if course.cost_model is CostModel.subscription and course.learning_cost(sel.pace) > 0:
        months = course.months_at(sel.pace)  # the total follows the pace: say how
        why += texts.PLANNER_WHY_SUBSCRIPTION.format(monthly=_money(course.monthly_usd or 0), months=months,
                                                     unit="month" if months == 1 else "months")
    alternative = None
    if other is not None:
        names = ", ".join(catalog.skill_by_id[s].name for s in other.teaches if s in chosen.assigned)
        share = (texts.PLANNER_ALTERNATIVE_ALL if all(s in other.teaches for s in chosen.assigned)
                 else texts.PLANNER_ALTERNATIVE_ONLY.format(skills=names or "-"))
        alt_cost = other.learning_cost(sel.pace)
        alternative = CourseRef(id=other.id, title=other.title, provider=other.provider, url=other.url,
                                cost_usd=alt_cost, hours=other.hours,
                                why=texts.PLANNER_WHY_ALTERNATIVE.format(share=share, hours=other.hours,
                                                                         cost=_money(alt_cost)))
    return CourseItem(
        id=course.id, title=course.title, provider=course.provider, url=course.url,
        cost_usd=round(course.learning_cost(sel.pace), 2), hours=course.hours, skills=list(chosen.assigned),
        why=why.strip(), level=course.level, certificate=course.certificate and cert_cost is not None,
        alternative=alternative, verified_on=course.verified_on,
        certificate_cost_usd=cert_cost if wants else None, certificate_note=cert_note,
        about=course.hours_basis is HoursBasis.estimate,
        reaches={s: _DEPTH_NAME[depth_rank(course.teaches[s])] for s in chosen.assigned},
    )
