"""Markdown rendering of a roadmap: the document the bot sends (pure)."""

from __future__ import annotations

from bot import texts
from bot.domain.catalog import SalaryBand
from bot.domain.planner import Roadmap, Stage

# Warnings the document shows in their own place (the deadline and budget lines, the header).
SHOWN_ELSEWHERE = frozenset({"deadline-missed", "budget-over", "other-experience"})


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (pipes and line breaks would split the row)."""
    return " ".join(text.replace("|", "\\|").split())


def _money(usd: float) -> str:
    return texts.MD_FREE if usd == 0 else f"${usd:,.0f}" if usd == int(usd) else f"${usd:,.2f}"


def hours_text(hours: float) -> str:
    """Hours as people say them: whole hours, or a half at most (never 214.2 h)."""
    return f"{round(hours * 2) / 2:g}" if hours < 10 else f"{round(hours):d}"


def _hours(hours: float) -> str:
    return f"{hours_text(hours)} h"


def _salary(band: SalaryBand) -> str:
    """One salary band as a bullet: figures with the statistic the source states (an average is never called a
    median; an unstated one gets no word), region, year and source."""
    figures = []
    if band.low_usd is not None and band.high_usd is not None:
        figures.append(f"{_money(band.low_usd)}–{_money(band.high_usd)}")
    if band.median_usd is not None:
        word = texts.RENDER_SALARY_STATISTICS.get(band.statistic.strip().lower(), "")
        figures.append(f"{word} {_money(band.median_usd)}".strip())
    shown = ", ".join(figures) or texts.MD_SALARY_NO_FIGURE
    return texts.MD_SALARY_LINE.format(label=band.label, region=band.region, year=band.year, figures=shown,
                                       source=band.source)


def _stage(stage: Stage) -> list[str]:
    """The Markdown lines of one stage."""
    lines = [
        texts.MD_STAGE_TITLE.format(index=stage.index, title=stage.title),
        "",
        texts.MD_STAGE_DATES.format(start=stage.start.isoformat(), end=stage.end.isoformat(),
                                    week_from=stage.week_from, week_to=stage.week_to, hours=_hours(stage.hours)),
        "",
        texts.MD_STAGE_GOAL.format(goal=stage.goal),
        "",
    ]
    if stage.skills:
        lines += texts.MD_SKILLS_TABLE
        for sk in stage.skills:
            extra = texts.MD_SELF_STUDY.format(hours=_hours(sk.hours)) if sk.self_study else ""
            lines.append(f"| {_cell(sk.name)} | {_cell(sk.why + extra)} |")
        lines.append("")
    if stage.courses:
        lines += texts.MD_COURSES_TABLE
        for co in stage.courses:
            cost = _money(co.cost_usd)
            if co.certificate_note and (co.certificate_cost_usd is not None or co.certificate_note ==
                                        texts.PLANNER_CERT_AUDIT):
                cost += f" · {co.certificate_note}"
            hours = texts.MD_ABOUT_HOURS.format(hours=hours_text(co.hours)) if co.about else hours_text(co.hours)
            why = co.why
            if co.alternative is not None:
                alt = co.alternative
                why += texts.MD_ALTERNATIVE.format(title=alt.title, url=alt.url, provider=alt.provider)
            lines.append(f"| [{_cell(co.title)}]({co.url}) | {_cell(co.provider)} | {cost} | "
                         f"{hours} | {_cell(why)} |")
        lines.append("")
    if stage.certifications:
        lines += texts.MD_CERTS_TABLE
        for ce in stage.certifications:
            lines.append(f"| [{_cell(ce.name)}]({ce.url}) | {_cell(ce.issuer)} | {_money(ce.cost_usd)} | "
                         f"{_hours(ce.prep_hours)} | {_cell(ce.why)} |")
        lines.append("")
    if stage.projects:
        lines += [texts.MD_PROJECTS, ""]
        for pr in stage.projects:
            lines.append(f"- **{pr.title}** ({_hours(pr.hours)}): {pr.description} {pr.why}".rstrip())
        lines.append("")
    if stage.steps:
        lines += [texts.MD_STEPS, ""]
        lines += [f"{n}. {sp.text} ({_hours(sp.hours)})" for n, sp in enumerate(stage.steps, start=1)]
        lines.append("")
    return lines


_UPPER = {"ai", "ml", "nlp", "llm", "llms", "cv", "rl", "mlops", "bi"}


def domain_label(domain_id: str) -> str:
    """A specialisation id in words, never the raw id: "generative-ai" -> "generative AI"."""
    return " ".join(w.upper() if w in _UPPER else w for w in domain_id.replace("-", " ").split())


def role_title(roadmap: Roadmap) -> str:
    """The role, with its specialisation in words unless the role's name already says it."""
    if not roadmap.domain_id:
        return roadmap.role_name
    domain = domain_label(roadmap.domain_id)
    if domain.lower() in roadmap.role_name.lower():
        return roadmap.role_name
    return texts.RENDER_ROLE_WITH_DOMAIN.format(role=roadmap.role_name, domain=domain)


def roadmap_markdown(roadmap: Roadmap) -> str:
    """The whole roadmap as a Markdown document: stages, totals, warnings, notices and salaries."""
    profile = roadmap.profile
    title = role_title(roadmap)
    lines = [texts.MD_TITLE.format(title=title), "",
             texts.MD_PLANNED_ON.format(date=roadmap.planned_on.isoformat(), hours=hours_text(roadmap.hours_per_week)),
             ""]
    if roadmap.seniority:
        lines += [texts.RENDER_STARTING_AS.format(seniority=texts.PLANNER_SENIORITY_LABELS[roadmap.seniority]), ""]
    lines += [w.text for w in roadmap.warnings if w.code == "other-experience"]
    if lines[-1] != "":
        lines.append("")
    totals = roadmap.totals
    deadline = profile.deadline.isoformat() if profile.deadline else texts.MD_NO_DEADLINE
    budget = texts.MD_NO_BUDGET if profile.budget_usd is None else _money(profile.budget_usd)
    lines += [
        texts.MD_TOTALS, "",
        texts.MD_TOTAL_TIME.format(hours=_hours(totals.hours), weeks=totals.weeks, start=totals.start.isoformat(),
                                   end=totals.end_date.isoformat()),
        texts.MD_TOTAL_COST.format(cost=_money(totals.cost_usd)),
        texts.MD_TOTAL_DEADLINE.format(deadline=deadline, verdict=texts.MD_DEADLINE_MET if totals.fits_deadline
                                       else texts.MD_DEADLINE_NOT_MET),
        texts.MD_TOTAL_BUDGET.format(budget=budget, verdict=texts.MD_BUDGET_WITHIN if totals.fits_budget
                                     else texts.MD_BUDGET_OVER),
        "",
    ]
    if roadmap.explanations.deadline is not None:
        lines += [texts.MD_DEADLINE_NOTE.format(text=roadmap.explanations.deadline.text), ""]
    if roadmap.explanations.budget is not None:
        lines += [texts.MD_BUDGET_NOTE.format(text=roadmap.explanations.budget.text), ""]
    shown = [w.text for w in roadmap.warnings if w.code not in SHOWN_ELSEWHERE]
    # Said once for the plan, naming the rows, rather than on every course row.
    unverified = list(dict.fromkeys(co.title for st in roadmap.stages for co in st.courses if co.verified_on is None))
    notices = [*roadmap.notices, *([texts.MD_UNVERIFIED_NOTE.format(lead=texts.UNVERIFIED_COURSE.rstrip("."),
                                                                     titles="; ".join(unverified))]
                                   if unverified else [])]
    for heading, entries in ((texts.MD_CHANGES, roadmap.changes), (texts.MD_WARNINGS, shown),
                             (texts.MD_NOTICES, notices)):
        if entries:
            lines += [heading, ""] + [f"- {e}" for e in entries] + [""]
    for stage in roadmap.stages:
        lines += _stage(stage)
    if not roadmap.stages:
        lines += [texts.MD_NOTHING_LEFT, ""]
    if roadmap.salary:
        lines += [texts.MD_SALARIES.format(role=roadmap.role_name), ""] + [_salary(b) for b in roadmap.salary] + [""]
    return "\n".join(lines).rstrip() + "\n"
