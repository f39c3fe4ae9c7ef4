"""Roadmap delivery: the overview, one stage at a time with ◀ ▶ and ✅, and the one-tap files."""

from __future__ import annotations

import logging
from datetime import date

from telegram import InputFile, Message, Update
from telegram.constants import ChatAction, ParseMode

from bot import texts
from bot.domain.calendar_ics import roadmap_ics
from bot.domain.planner import Roadmap, Stage
from bot.domain.progress import ProgressSummary, RoadmapView, human_date, human_dates, summarise
from bot.domain.render import SHOWN_ELSEWHERE, roadmap_markdown
from bot.domain.timeline import timeline_png
from bot.services.progress import NoRoadmap
from bot.telegram import keyboards
from bot.telegram.handlers.common import WaypointContext, drop_keyboard, edit_html, send_html
from bot.telegram.html import bold, esc, link
from bot.telegram.numbers import ascii_int

log = logging.getLogger(__name__)


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
    warnings = [w.text for w in roadmap.warnings if w.code not in SHOWN_ELSEWHERE - {"other-experience"}]
    for note in [*roadmap.changes, *roadmap.notices, *warnings]:
        lines.append(f"• {esc(human_dates(note))}")
    lines.append("")
    lines.append(esc(texts.TG_OVERVIEW_HINT))
    return "\n".join(lines).strip()


def stage_html(stage: Stage, number: int, count: int, view: RoadmapView) -> str:
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
        for course in stage.courses:
            cost = texts.TG_FREE if course.cost_usd == 0 else f"${course.cost_usd:,.0f}"
            if course.certificate_cost_usd is not None or course.certificate_note == texts.PLANNER_CERT_AUDIT:
                cost += f" · {course.certificate_note}"
            hours = f"~{course.hours:g}" if course.about else f"{course.hours:g}"
            # The decision only (what beat what, and the unverified note, are in the document): a stage page
            # should fit one message.
            why = course.why.split(texts.TG_WHY_CUT, 1)[0].rstrip(".") + "."
            if not course.verified_on:
                why += f" ({texts.TG_UNVERIFIED_SHORT})"
            lines.append(f"• {link(course.title, course.url)} ({esc(course.provider)}, {esc(cost)}, "
                         f"{hours} h) – {esc(why)}")
            if course.alternative is not None:
                alt = course.alternative
                lines.append("  " + esc(texts.TG_ALTERNATIVE) + " " + link(alt.title, alt.url)
                             + f" ({esc(alt.provider)}, {alt.hours:g} h)")
    if stage.certifications:
        lines += ["", bold(texts.TG_SECTION_CERTS)]
        lines += [f"• {link(c.name, c.url)} ({esc(c.issuer)}, ${c.cost_usd:,.0f}, {c.prep_hours:g} h prep)"
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


def _stages(view: RoadmapView) -> list[Stage]:
    """Stages to page through: the current roadmap's (a finished stage drops out of a re-plan)."""
    return list(view.roadmap.stages)


def stage_page(view: RoadmapView, index: int) -> tuple[str, keyboards.InlineKeyboardMarkup]:
    """The text and keyboard of stage `index` (clamped into range)."""
    stages = _stages(view)
    index = min(max(index, 0), len(stages) - 1)
    stage = stages[index]
    rows = [(i, item.title, done) for i, item, done in view.stage_items(stage.id)]
    text = stage_html(stage, index + 1, len(stages), view)
    return text, keyboards.stage_keyboard(view.version, index, len(stages), rows)


def accept_date(roadmap: Roadmap) -> date | None:
    """The earliest reachable date a plan that misses its deadline offers as the new deadline, if any."""
    missed = roadmap.explanations.deadline
    return None if missed is None else missed.accept_date


async def send_roadmap(context: WaypointContext, chat_id: int, learner_id: int,
                       view: RoadmapView | None = None, offer_earliest: bool = True) -> None:
    """The overview message, then the first stage with its navigation (of `view` when the caller has it);
    `offer_earliest=False` when the message before it already offers the earliest date."""
    if view is None:
        view = context.services.progress.view(learner_id)
    if view is None:
        await send_html(context, chat_id, esc(texts.NO_PLAN_YET))
        return
    summary = summarise(view, context.services.clock())
    earliest = accept_date(view.roadmap) if offer_earliest else None
    await send_html(context, chat_id, overview_html(view.roadmap, summary),
                    keyboards.overview_keyboard(view.version, len(_stages(view)), earliest))
    if _stages(view):
        text, markup = stage_page(view, 0)
        await send_html(context, chat_id, text, markup)


def notices_html(notices: list[str]) -> str:
    """What was retired or changed in the catalog since the plan was made, and what the button does."""
    lines = [bold(texts.CATALOG_NOTICE_TITLE)]
    lines += [f"• {esc(notice)}" for notice in notices]
    lines += ["", esc(texts.TG_CATALOG_NOTICE_HINT)]
    return "\n".join(lines)


async def send_notices(context: WaypointContext, chat_id: int, version: int, notices: list[str]) -> None:
    """The catalog-change notices with a one-tap re-plan of roadmap `version` (nothing when there are none)."""
    if notices:
        await send_html(context, chat_id, notices_html(notices), keyboards.replan_keyboard(version))


async def replan_for_catalog(update: Update, context: WaypointContext, learner_id: int,
                             message: Message | None) -> None:
    """🔄 Re-plan: re-plan on the current catalog keeping progress, then the new overview (with what changed)."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    context.services.progress.replan_for_catalog(learner_id)
    await query.answer(texts.TG_CATALOG_REPLANNED)
    shown = message.text_html if message is not None and message.text else ""
    if not await edit_html(message, f"{shown}\n\n<i>→ {esc(texts.TG_CATALOG_REPLANNED)}</i>"):
        await drop_keyboard(message)
    await send_roadmap(context, chat.id, learner_id)


async def show_stage(context: WaypointContext, message: Message | None, chat_id: int, view: RoadmapView,
                     index: int) -> None:
    """Show a stage by editing the message that was tapped (or in a new message if that fails)."""
    if not _stages(view):
        await send_html(context, chat_id, esc(texts.TG_ALL_DONE))
        return
    text, markup = stage_page(view, index)
    if not await edit_html(message, text, markup):
        await send_html(context, chat_id, text, markup)


async def send_file(context: WaypointContext, chat_id: int, learner_id: int, kind: str) -> None:
    """Send the roadmap as a Markdown document, the timeline picture or the calendar file."""
    services = context.services
    view = services.progress.view(learner_id)
    if view is None:
        await send_html(context, chat_id, esc(texts.NO_PLAN_YET))
        return
    roadmap = view.roadmap
    stamp = roadmap.planned_on.isoformat()
    summary = summarise(view, services.clock())
    totals = (summary.hours_done, summary.hours_remaining)
    line = texts.TG_PICTURE_PROGRESS.format(done=summary.hours_done, remaining=summary.hours_remaining,
                                            total=summary.hours_planned)
    if kind == "document":
        await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        data = roadmap_markdown(roadmap).encode("utf-8")
        await context.bot.send_document(chat_id, InputFile(data, filename=f"waypoint-roadmap-{stamp}.md"),
                                        caption=esc(f"{texts.TG_DOCUMENT_CAPTION}\n{line}"),
                                        parse_mode=ParseMode.HTML)
    elif kind == "picture":
        await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
        done = {s.stage_id: s.fraction for s in summary.stages}
        png = timeline_png(roadmap, done, services.clock(), hours=totals)
        await context.bot.send_photo(chat_id, InputFile(png, filename=f"waypoint-timeline-{stamp}.png"),
                                     caption=esc(f"{texts.TG_PICTURE_CAPTION}\n{line}"), parse_mode=ParseMode.HTML)
    elif kind == "calendar":
        await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        stages = {s.stage_id: (s.hours_done, round(s.hours_planned - s.hours_done, 1)) for s in summary.stages}
        ics = roadmap_ics(roadmap, stages, totals)
        await context.bot.send_document(chat_id, InputFile(ics, filename=f"waypoint-{stamp}.ics"),
                                        caption=esc(f"{texts.TG_CALENDAR_CAPTION}\n{line}"),
                                        parse_mode=ParseMode.HTML)


FILE_ACTIONS = {"doc": "document", "png": "picture", "ics": "calendar"}


async def roadmap_button(update: Update, context: WaypointContext, learner_id: int, version: int,
                         action: str) -> None:
    """Navigation (o, s<n>), files (doc, png, ics), progress (prog), marks (m<n>, u<n>) and re-plan (rp)."""
    from bot.telegram.handlers import progress as progress_handlers  # the two modules call each other

    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    message = query.message if isinstance(query.message, Message) else None
    number = ascii_int(action[1:])
    if action[:1] in {"m", "u", "M"} and number is not None:
        # A ✅ / ↩ (M: ✅ confirmed on a retired course): the version check, the item lookup and the mark are
        # one transaction in the service.
        confirmed = action[0] == "M"
        target = None if confirmed else message  # a confirmation is not a stage page to redraw
        try:
            await progress_handlers.mark_at_and_report(update, context, learner_id, version, number,
                                                       done=action[0] in {"m", "M"}, message=target,
                                                       confirmed=confirmed)
            if confirmed:
                await drop_keyboard(message)
        except NoRoadmap:
            await query.answer(texts.TG_STALE_BUTTON)
            await send_html(context, chat.id, esc(texts.TG_NO_PLAN_HINT))
        return
    view = context.services.progress.view(learner_id)
    if view is None:
        await query.answer(texts.TG_STALE_BUTTON)
        await send_html(context, chat.id, esc(texts.TG_NO_PLAN_HINT))
        return
    if action in FILE_ACTIONS:
        await query.answer()
        await send_file(context, chat.id, learner_id, FILE_ACTIONS[action])
    elif action == "o":
        await query.answer()
        await send_html(context, chat.id, overview_html(view.roadmap, summarise(view, context.services.clock())),
                        keyboards.overview_keyboard(view.version, len(_stages(view)), accept_date(view.roadmap)))
    elif action == "st":  # from the overview: the first stage in a message of its own
        await query.answer()
        await show_stage(context, None, chat.id, view, 0)
    elif action == "prog":
        await query.answer()
        await progress_handlers.send_progress(context, chat.id, learner_id)
    elif action[:1] == "s" and number is not None:
        await query.answer()
        await show_stage(context, message, chat.id, view, number)
    elif action == keyboards.EARLIEST_ACTION:
        earliest = accept_date(view.roadmap)
        if version != view.version or earliest is None:
            await progress_handlers.stale_roadmap(update, context, view)
            return
        from bot.telegram.handlers import dialogue  # dialogue renders roadmaps through this module

        await query.answer()
        await drop_keyboard(message)
        await dialogue.use_date(update, context, earliest)
    elif action == keyboards.REPLAN_ACTION:
        if version != view.version:
            await progress_handlers.stale_roadmap(update, context, view)
            return
        await replan_for_catalog(update, context, learner_id, message)
    else:
        await progress_handlers.stale_roadmap(update, context, view)
