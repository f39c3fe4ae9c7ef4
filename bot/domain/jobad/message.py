"""The one plain-text reply about an ad and a learner's match (strings in bot/texts.py)."""

from __future__ import annotations

from datetime import date

from bot import texts as t
from bot.domain.catalog import Catalog
from bot.domain.jobad.matching import JobMatch
from bot.domain.jobad.model import DegreeLevel, JobAd


def match_message(ad: JobAd, result: JobMatch, catalog: Catalog) -> str:
    """The one plain-text message about an ad and a learner's match (strings in bot/texts.py)."""
    names = {s.id: s.name for s in catalog.skills}
    facts = _ad_facts(ad)
    lines = [t.JOB_HEADER.format(title=ad.title) if ad.title else t.JOB_HEADER_UNKNOWN]
    if facts:
        lines.append(t.JOB_FACTS.format(facts=" · ".join(facts)))
    if result.percent is None:
        lines.append(t.JOB_MATCH_NONE)
    else:
        lines.append(" ".join([t.JOB_MATCH_TODAY.format(percent=result.percent),
                               t.JOB_MATCH_PLANNED.format(percent=result.percent_planned)]))
    lines += _skill_lines(result, names)
    if result.ready_by:
        lines.append(t.JOB_READY_BY.format(date=_day(result.ready_by)))
    if result.years_gap:
        lines.append(t.JOB_YEARS_GAP.format(years=result.years_gap))
    if result.degree_gap:
        lines.append(t.JOB_DEGREE_GAP.format(degree=t.JOB_DEGREE_NAMES[result.degree_gap.value]))
    if ad.unknown_skills:
        lines.append(t.JOB_UNKNOWN.format(skills=", ".join(ad.unknown_skills)))
    return "\n".join(lines)


def _ad_facts(ad: JobAd) -> list[str]:
    """The ad's level, years, degree, place, work mode and salary, as short phrases."""
    facts: list[str] = []
    if ad.seniority:
        facts.append(t.JOB_SENIORITY.format(seniority=ad.seniority.value))
    if ad.years_min is not None:
        facts.append(t.JOB_YEARS_RANGE.format(low=f"{ad.years_min:g}", high=f"{ad.years_max:g}")
                     if ad.years_max is not None else t.JOB_YEARS_MIN.format(years=f"{ad.years_min:g}"))
    if ad.degree is DegreeLevel.none:
        facts.append(t.JOB_NO_DEGREE)
    elif ad.degree is not None:
        template = t.JOB_DEGREE_REQUIRED if ad.degree_required else t.JOB_DEGREE_PREFERRED
        facts.append(template.format(degree=t.JOB_DEGREE_NAMES[ad.degree.value]))
    if ad.location:
        facts.append(ad.location)
    if ad.remote:
        facts.append(t.JOB_MODE_NAMES[ad.remote.value])
    if ad.salary:
        s = ad.salary
        facts.append(t.JOB_SALARY_RANGE.format(low=s.min, high=s.max, currency=s.currency, period=s.period.value)
                     if s.max is not None else
                     t.JOB_SALARY.format(low=s.min, currency=s.currency, period=s.period.value))
    return facts


def _skill_lines(result: JobMatch, names: dict[str, str]) -> list[str]:
    """The skills had, planned (with their dates) and missing; nice-to-haves marked."""

    def name(skill: str, required: bool) -> str:
        """A skill's name; a nice-to-have one marked so."""
        label = names.get(skill, skill)
        return label if required else t.JOB_NICE_MARK.format(skill=label)

    lines: list[str] = []
    have = [name(r.skill, r.required) for r in result.skills if r.status == "have"]
    planned = sorted((r for r in result.skills if r.status == "planned" and r.by), key=lambda r: r.by or date.max)
    missing = [name(r.skill, r.required) for r in result.skills if r.status == "missing"]
    if have:
        lines.append(t.JOB_HAVE.format(skills=", ".join(have)))
    if planned:
        lines.append(t.JOB_PLANNED.format(skills=", ".join(
            t.JOB_PLANNED_ITEM.format(skill=name(r.skill, r.required), date=_day(r.by)) for r in planned)))
    if missing:
        lines.append(t.JOB_MISSING.format(skills=", ".join(missing)))
    return lines


def _day(day: date | None) -> str:
    """A date as the reply writes it; nothing for none."""
    return day.strftime(t.JOB_DATE_FORMAT) if day else ""
