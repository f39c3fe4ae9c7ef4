"""The roadmap as the chat shows it: the overview, one stage page at a time, the catalog notices, the files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.domain.calendar_ics import roadmap_ics
from bot.domain.planner import Roadmap
from bot.domain.planner import Stage as PlannedStage
from bot.domain.progress import ProgressSummary, RoadmapView, human_date, human_dates
from bot.domain.render import SHOWN_ELSEWHERE, roadmap_markdown
from bot.domain.timeline import timeline_png
from bot.telegram.callbacks import (
    Earliest,
    File,
    FileKind,
    FirstStage,
    Mark,
    Overview,
    Progress,
    Replan,
    Stage,
    decode,
)
from bot.telegram.html import bold, esc, link
from bot.telegram.keyboards import button, label, markup


def _d(day: date) -> str:
    return human_date(day)


def overview_html(roadmap: Roadmap, summary: ProgressSummary | None = None) -> str:
    """The short overview: stages, total hours, cost, end date, and whether deadline and budget fit; with
    `summary`, the same hours done + to go = total as /progress."""
    totals = roadmap.totals
    lines = [
        bold(texts.TG_OVERVIEW_TITLE.format(role=roadmap.role_name)),
        esc(texts.TG_OVERVIEW_TOTALS.format(stages=len(roadmap.stages), hours=totals.hours, cost=totals.cost_usd,
                                            weeks=totals.weeks, end=_d(totals.end_date))),
    ]
    if summary is not None:
        lines.append(esc(texts.TG_OVERVIEW_PROGRESS.format(done=summary.hours_done, remaining=summary.hours_remaining,
                                                           total=summary.hours_planned,
                                                           percent=summary.fraction * 100)))
    lines.append("")
    for number, stage in enumerate(roadmap.stages, 1):
        lines.append(esc(texts.TG_OVERVIEW_STAGE.format(number=number, title=stage.title, start=_d(stage.start),
                                                        end=_d(stage.end), hours=stage.hours)))
    lines.append("")
    lines += _fit_lines(roadmap)
    warnings = [w.text for w in roadmap.warnings if w.code not in SHOWN_ELSEWHERE - {"other-experience"}]
    for note in [*roadmap.changes, *roadmap.notices, *warnings]:
        lines.append(f"• {esc(human_dates(note))}")
    lines.append("")
    lines.append(esc(texts.TG_OVERVIEW_HINT))
    return "\n".join(lines).strip()


def _fit_lines(roadmap: Roadmap) -> list[str]:
    """Whether the plan meets the deadline and the budget, with the planner's explanation when it does not."""
    totals, lines = roadmap.totals, []
    deadline = roadmap.profile.deadline
    if deadline is not None:
        if totals.fits_deadline:
            lines.append(esc(texts.TG_FITS_DEADLINE.format(deadline=_d(deadline))))
        else:
            explanation = roadmap.explanations.deadline
            lines.append(bold(texts.TG_MISSES_DEADLINE.format(deadline=_d(deadline))))
            if explanation is not None:
                lines.append(esc(human_dates(explanation.text)))
    if roadmap.profile.budget_usd is not None:
        if totals.fits_budget:
            lines.append(esc(texts.TG_FITS_BUDGET.format(budget=roadmap.profile.budget_usd)))
        else:
            lines.append(bold(texts.TG_MISSES_BUDGET.format(budget=roadmap.profile.budget_usd)))
            if roadmap.explanations.budget is not None:
                lines.append(esc(human_dates(roadmap.explanations.budget.text)))
    return lines


def stage_html(stage: PlannedStage, number: int, count: int, view: RoadmapView) -> str:
    """One stage in full: goal, dates, skills, courses (linked), certifications, projects, steps."""
    lines = [
        bold(texts.TG_STAGE_TITLE.format(number=number, count=count, title=stage.title)),
        f"<i>{esc(stage.goal)}</i>",
        esc(texts.TG_STAGE_DATES.format(start=_d(stage.start), end=_d(stage.end), week_from=stage.week_from,
                                        week_to=stage.week_to, hours=stage.hours)),
    ]
    if stage.skills:
        lines += ["", bold(texts.TG_SECTION_SKILLS)]
        # Names only: the stage page should fit one message so ◀ ▶ can edit it (the why is in the document).
        lines += [f"• {esc(s.name)}" + (f" ({esc(texts.TG_SELF_STUDY)})" if s.self_study else "")
                  for s in stage.skills]
    if stage.courses:
        lines += ["", bold(texts.TG_SECTION_COURSES)]
        lines += _course_lines(stage)
    if stage.certifications:
        lines += ["", bold(texts.TG_SECTION_CERTS)]
        lines += [texts.TG_CERT_LINE.format(name=link(c.name, c.url), issuer=esc(c.issuer), cost=c.cost_usd,
                                            prep_hours=c.prep_hours)
                  for c in stage.certifications]
    if stage.projects:
        lines += ["", bold(texts.TG_SECTION_PROJECTS)]
        lines += [f"• {bold(p.title)} ({p.hours:g} h) – {esc(p.description)}" for p in stage.projects]
    if stage.steps:
        lines += ["", bold(texts.TG_SECTION_STEPS)]
        lines += [f"• {esc(s.text.split(': ', 1)[0])} ({s.hours:g} h)" for s in stage.steps]
    done = [item for _, item, is_done in view.stage_items(stage.id) if is_done]
    if done:
        lines += ["", bold(texts.TG_SECTION_DONE)]
        lines += [f"✔ <s>{esc(item.title)}</s>" for item in done]
    return "\n".join(lines)


def _course_lines(stage: PlannedStage) -> list[str]:
    """Each course of a stage: linked title, provider, cost, hours and the decision (plus its alternative)."""
    lines = []
    for course in stage.courses:
        cost = texts.TG_FREE if course.cost_usd == 0 else f"${course.cost_usd:,.0f}"
        if course.certificate_cost_usd is not None or course.certificate_note == texts.PLANNER_CERT_AUDIT:
            cost += f" · {course.certificate_note}"
        hours = f"~{course.hours:g}" if course.about else f"{course.hours:g}"
        # The decision only (what beat what, and the unverified note, are in the document): a stage page
        # should fit one message.
        why = course.why.split(texts.TG_WHY_CUT, 1)[0].rstrip(".") + "."
        # Unverified facts get a mark and one footnote per page, not the same words on every row.
        mark = "" if course.verified_on else texts.TG_UNVERIFIED_MARK
        lines.append(f"• {link(course.title, course.url)} ({esc(course.provider)}, {esc(cost)}, "
                     f"{hours} h{mark}) – {esc(why)}")
        if course.alternative is not None:
            alt = course.alternative
            lines.append("  " + esc(texts.TG_ALTERNATIVE) + " " + link(alt.title, alt.url)
                         + f" ({esc(alt.provider)}, {alt.hours:g} h)")
    if any(not course.verified_on for course in stage.courses):
        lines.append(esc(texts.TG_UNVERIFIED_FOOTNOTE))
    return lines


def stage_page(view: RoadmapView, index: int) -> tuple[str, InlineKeyboardMarkup]:
    """The text and keyboard of stage `index` (clamped into range) of the current roadmap (a finished stage
    drops out of a re-plan, so these are the stages to page through)."""
    stages = list(view.roadmap.stages)
    index = min(max(index, 0), len(stages) - 1)
    stage = stages[index]
    rows = [(i, item.title, done) for i, item, done in view.stage_items(stage.id)]
    text = stage_html(stage, index + 1, len(stages), view)
    return text, stage_keyboard(view.version, index, len(stages), rows)


def stage_keyboard(version: int, stage_index: int, stage_count: int,
                   items: list[tuple[int, str, bool]]) -> InlineKeyboardMarkup:
    """A stage page: ✅ per item (index, title, done), ◀ ▶ navigation, then the one-tap files."""
    rows: list[list[InlineKeyboardButton]] = []
    for item_index, title, done in items:
        text = f"↩ {title}" if done else f"✅ {title}"
        rows.append([button(label(text), Mark(version, item_index, done=not done))])
    nav: list[InlineKeyboardButton] = []
    if stage_index > 0:
        nav.append(button("◀", Stage(version, stage_index - 1)))
    nav.append(button(f"{stage_index + 1}/{stage_count}", Overview(version)))
    if stage_index < stage_count - 1:
        nav.append(button("▶", Stage(version, stage_index + 1)))
    rows.append(nav)
    rows.extend(files_rows(version))
    return markup(rows)


def files_rows(version: int) -> list[list[InlineKeyboardButton]]:
    """The one-tap buttons for the full roadmap document, the timeline picture and the calendar."""
    return [[button(texts.TG_BUTTON_DOCUMENT, File(version, "document")),
             button(texts.TG_BUTTON_PICTURE, File(version, "picture")),
             button(texts.TG_BUTTON_CALENDAR, File(version, "calendar"))]]


def overview_keyboard(version: int, stage_count: int, accept: date | None = None) -> InlineKeyboardMarkup:
    """Under the overview: take the earliest reachable date as the deadline (when the plan misses its deadline),
    open the first stage, progress, and the files."""
    rows: list[list[InlineKeyboardButton]] = []
    if accept is not None:
        rows.append([button(label(texts.PLANNER_USE_DATE.format(date=human_date(accept))), Earliest(version))])
    if stage_count:
        rows.append([button(texts.TG_BUTTON_STAGES, FirstStage(version))])
    rows.append([button(texts.TG_BUTTON_PROGRESS, Progress(version))])
    rows.extend(files_rows(version))
    return markup(rows)


def accept_date(roadmap: Roadmap) -> date | None:
    """The earliest reachable date a plan that misses its deadline offers as the new deadline, if any."""
    missed = roadmap.explanations.deadline
    return None if missed is None else missed.accept_date


def notices_html(notices: list[str]) -> str:
    """What was retired or changed in the catalog since the plan was made, and what the button does."""
    lines = [bold(texts.CATALOG_NOTICE_TITLE)]
    lines += [f"• {esc(notice)}" for notice in notices]
    lines += ["", esc(texts.TG_CATALOG_NOTICE_HINT)]
    return "\n".join(lines)


def replan_keyboard(version: int) -> InlineKeyboardMarkup:
    """Under a catalog-change notice: re-plan roadmap `version` on the current catalog."""
    return markup([[button(texts.TG_BUTTON_REPLAN, Replan(version))]])


def replanned_html(shown: str) -> str:
    """The tapped notice with what the tap did under it."""
    return f"{shown}\n\n<i>→ {esc(texts.TG_CATALOG_REPLANNED)}</i>"


def stale_html(page: str) -> str:
    """A stage page under the out-of-date note (a ✅ from an older roadmap)."""
    return f"{esc(texts.TG_STALE_BUTTON)}\n\n{page}"


def is_stage_page(keyboard: InlineKeyboardMarkup | None) -> bool:
    """Whether a message's keyboard is a stage page's (it has ✅ / ↩ marks and the file buttons)."""
    decoded = [decode(b.callback_data if isinstance(b.callback_data, str) else None)
               for row in (keyboard.inline_keyboard if keyboard is not None else ()) for b in row]
    marks = any(isinstance(c, Mark) and not c.confirmed for c in decoded)
    return marks and any(isinstance(c, File) and c.kind == "picture" for c in decoded)


def retired_html(title: str) -> str:
    """A ✅ on a course an admin has retired: it left the catalog; confirm or re-plan."""
    return esc(texts.TG_RETIRED_COURSE.format(title=title))


def retired_keyboard(version: int, index: int) -> InlineKeyboardMarkup:
    """Confirm the retired course was finished anyway, or re-plan without it."""
    return markup([[button(texts.TG_RETIRED_CONFIRM, Mark(version, index, done=True, confirmed=True))],
                   [button(texts.TG_BUTTON_REPLAN, Replan(version))]])


@dataclass(frozen=True)
class RoadmapFile:
    """A file to send: its bytes, its name and its HTML caption."""

    data: bytes
    filename: str
    caption: str


def roadmap_file(view: RoadmapView, summary: ProgressSummary, today: date, kind: FileKind) -> RoadmapFile:
    """The roadmap as a Markdown document, the timeline picture or the calendar, with the progress so far."""
    roadmap = view.roadmap
    stamp = roadmap.planned_on.isoformat()
    totals = (summary.hours_done, summary.hours_remaining)
    line = texts.TG_PICTURE_PROGRESS.format(done=summary.hours_done, remaining=summary.hours_remaining,
                                            total=summary.hours_planned)
    if kind == "document":
        return RoadmapFile(roadmap_markdown(roadmap).encode("utf-8"), f"waypoint-roadmap-{stamp}.md",
                           esc(f"{texts.TG_DOCUMENT_CAPTION}\n{line}"))
    if kind == "picture":
        done = {s.stage_id: s.fraction for s in summary.stages}
        return RoadmapFile(timeline_png(roadmap, done, today, hours=totals), f"waypoint-timeline-{stamp}.png",
                           esc(f"{texts.TG_PICTURE_CAPTION}\n{line}"))
    stages = {s.stage_id: (s.hours_done, round(s.hours_planned - s.hours_done, 1)) for s in summary.stages}
    return RoadmapFile(roadmap_ics(roadmap, stages, totals), f"waypoint-{stamp}.ics",
                       esc(f"{texts.TG_CALENDAR_CAPTION}\n{line}"))
