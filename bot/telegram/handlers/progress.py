"""/progress, /done, /undo and the ✅ buttons: each mark is stored, re-planned and explained."""

from __future__ import annotations

import logging

from rapidfuzz import fuzz, process, utils
from telegram import Message, Update

from bot import texts
from bot.domain.progress import (
    CLAIMED_STAGE,
    ProgressSummary,
    RoadmapView,
    human_date,
    human_dates,
    readiness_text,
    stage_order,
)
from bot.services.progress import NoRoadmap, ProgressOutcome, StaleRoadmap, UnknownItem
from bot.telegram import keyboards
from bot.telegram.handlers import jobs
from bot.telegram.handlers import roadmap as roadmap_handlers
from bot.telegram.handlers.common import CHANNEL, WaypointContext, drop_keyboard, edit_html, external_id, send_html
from bot.telegram.html import bold, esc

log = logging.getLogger(__name__)

SURE = 88  # a /done match at least this good (and clearly ahead of the next) is taken without asking
POSSIBLE = 55  # below this nothing is offered
BAR_WIDTH = 10
STATUS_TEXT = {
    "not_started": texts.TG_STATUS_NOT_STARTED,
    "on_track": texts.TG_STATUS_ON_TRACK,
    "behind": texts.TG_STATUS_BEHIND,
    "ahead": texts.TG_STATUS_AHEAD,
    "finished": texts.TG_STATUS_FINISHED,
}


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A text progress bar such as ▰▰▰▱▱▱▱▱▱▱ 30%."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    return "▰" * filled + "▱" * (width - filled) + f" {fraction * 100:.0f}%"


def progress_html(summary: ProgressSummary) -> str:
    """/progress: overall and per-stage bars, hours done vs planned, status and projected end."""
    lines = [
        bold(texts.TG_PROGRESS_TITLE),
        f"<code>{bar(summary.fraction)}</code>",
        esc(texts.TG_PROGRESS_TOTALS.format(done=summary.hours_done, remaining=summary.hours_remaining,
                                            total=summary.hours_planned, items_done=summary.items_done,
                                            items=summary.items_total)),
        esc(STATUS_TEXT[summary.status].format(done=summary.hours_done, expected=summary.hours_expected)),
        esc(texts.TG_PROGRESS_END.format(projected=human_date(summary.projected_end),
                                         planned=human_date(summary.planned_end))),
    ]
    if summary.deadline is not None:
        template = texts.TG_PROGRESS_DEADLINE_OK if summary.projected_end <= summary.deadline else (
            texts.TG_PROGRESS_DEADLINE_LATE)
        lines.append(esc(template.format(deadline=human_date(summary.deadline))))
    lines.append("")
    ready = None if summary.readiness is None else readiness_text(summary.readiness)
    if ready is not None:  # issue 18: what the learner claimed and what a quiz proved
        lines += [f"<i>{esc(line)}</i>" for line in ready.stages.get(CLAIMED_STAGE, [])]
    for number, stage in enumerate(summary.stages, 1):
        lines.append(f"{number}. {esc(stage.title)}")
        lines.append(f"<code>{bar(stage.fraction)}</code> {stage.hours_done:g}/{stage.hours_planned:g} h")
        if ready is not None:
            lines += [f"   <i>{esc(line)}</i>" for line in ready.stages.get(stage.stage_id, [])]
    if ready is not None:
        lines += ["", *(esc(line) for line in ready.tail)]
    return "\n".join(lines)


def _learner(update: Update, context: WaypointContext) -> int | None:
    who = external_id(update)
    return None if who is None else context.services.progress.learner_id(CHANNEL, who)


async def send_progress(context: WaypointContext, chat_id: int, learner_id: int) -> None:
    """Send the progress summary with the roadmap buttons under it, then any catalog-change notices."""
    report = context.services.progress.report(learner_id)
    if report is None:
        await send_html(context, chat_id, esc(texts.TG_NO_PLAN_HINT))
        return
    summary, notices = report
    from bot.telegram.handlers import skillchecks

    html = progress_html(summary)
    closest = jobs.job_service(context).closest(learner_id)  # issue 17: the saved job ad closest to now
    if closest is not None:
        html += "\n\n" + esc(texts.TG_PROGRESS_CLOSEST_JOB.format(title=closest.title, percent=closest.percent))
    await send_html(context, chat_id, html, keyboards.overview_keyboard(summary.version, 1))
    ready = summary.readiness
    if ready is not None and (flagged := skillchecks.flagged_markup(ready)) is not None:
        names = ", ".join(ready.name(s) for s in ready.flagged)
        await send_html(context, chat_id, esc(texts.READY_FLAGGED_HINT.format(skills=names)), flagged)
    await roadmap_handlers.send_notices(context, chat_id, summary.version, notices)


async def progress_command(update: Update, context: WaypointContext) -> None:
    """/progress."""
    chat = update.effective_chat
    learner_id = _learner(update, context)
    if chat is None:
        return
    if learner_id is None:
        await send_html(context, chat.id, esc(texts.TG_NO_PLAN_HINT))
        return
    await send_progress(context, chat.id, learner_id)


def _match(query: str, view: RoadmapView, done: bool) -> list[tuple[int, str, float]]:
    """(item index, title, score) of items whose done-state is not `done`, best first."""
    choices = {i: item.title for i, item in enumerate(view.items) if (item.key in view.done) != done}
    # Catalog ids are matchable too ("ml-specialization").
    found = process.extract(query, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=4)
    return [(int(index), title, float(score)) for title, score, index in found]


async def done_command(update: Update, context: WaypointContext) -> None:
    """/done <name>: mark an item done by (fuzzy) name; confirm when unsure; list items without a name."""
    await _mark_by_name(update, context, done=True)


async def undo_command(update: Update, context: WaypointContext) -> None:
    """/undo [name]: undo the latest mark, or the named one."""
    await _mark_by_name(update, context, done=False)


async def _mark_by_name(update: Update, context: WaypointContext, done: bool) -> None:
    chat = update.effective_chat
    learner_id = _learner(update, context)
    if chat is None:
        return
    view = context.services.progress.view(learner_id) if learner_id is not None else None
    if learner_id is None or view is None:
        await send_html(context, chat.id, esc(texts.TG_NO_PLAN_HINT))
        return
    name = " ".join(context.args or []).strip()
    if not name and not done:
        key = context.services.progress.last_marked(learner_id)
        if key is None:
            await send_html(context, chat.id, esc(texts.TG_NOTHING_TO_UNDO))
            return
        await mark_and_report(update, context, learner_id, key, done=False)
        return
    candidates = _match(name, view, done) if name else []
    if candidates and candidates[0][2] >= SURE and (len(candidates) == 1 or candidates[1][2] < candidates[0][2] - 5):
        # A course an admin retired is never marked silently: the learner confirms they finished it (or re-plans).
        if done and await retired_course(update, context, view, candidates[0][0]):
            return
        await mark_and_report(update, context, learner_id, view.items[candidates[0][0]].key, done=done)
        return
    offered = [c for c in candidates if c[2] >= POSSIBLE]
    action = "m" if done else "u"
    if offered:
        text = esc(texts.TG_DONE_WHICH.format(name=name))
        buttons = [(f"{'✅' if done else '↩'} {title}", index) for index, title, _ in offered]
    else:
        pool = [(i, it.title) for i, it in enumerate(view.items) if (it.key in view.done) != done][:8]
        if not pool:
            await send_html(context, chat.id, esc(texts.TG_NOTHING_TO_MARK if done else texts.TG_NOTHING_TO_UNDO))
            return
        text = esc(texts.TG_DONE_NOT_FOUND.format(name=name) if name else texts.TG_DONE_PICK)
        buttons = [(f"{'✅' if done else '↩'} {title}", index) for index, title in pool]
    markup = keyboards.InlineKeyboardMarkup(
        [[keyboards.InlineKeyboardButton(keyboards.label(label), callback_data=keyboards.roadmap_data(
            view.version, f"{action}{index}"))] for label, index in buttons]
    )
    await send_html(context, chat.id, text, markup)


async def mark_at_and_report(update: Update, context: WaypointContext, learner_id: int, version: int, index: int,
                             done: bool, message: Message | None = None, confirmed: bool = False) -> None:
    """A ✅ / ↩ button for item `index` of roadmap `version`: mark it (or say the button is stale) and report.
    NoRoadmap propagates (the caller answers it)."""
    if update.effective_chat is None:
        return
    if done and not confirmed:
        view = context.services.progress.view(learner_id)
        if view is not None and view.version == version and await retired_course(update, context, view, index):
            return
    try:
        outcome = context.services.progress.mark_at(learner_id, version, index, done=done)
    except StaleRoadmap as stale:
        await stale_roadmap(update, context, stale.view)
        return
    await _report_mark(update, context, outcome, done, message)


async def mark_and_report(update: Update, context: WaypointContext, learner_id: int, key: str, done: bool,
                          message: Message | None = None) -> None:
    """Store the mark, re-plan, redraw the tapped stage and say what changed."""
    chat = update.effective_chat
    if chat is None:
        return
    try:
        outcome = context.services.progress.mark(learner_id, key, done=done)
    except (UnknownItem, NoRoadmap):
        if update.callback_query:
            await update.callback_query.answer(texts.TG_STALE_BUTTON)
        await send_html(context, chat.id, esc(texts.TG_STALE_BUTTON))
        return
    await _report_mark(update, context, outcome, done, message)


async def _report_mark(update: Update, context: WaypointContext, outcome: ProgressOutcome, done: bool,
                       message: Message | None) -> None:
    """Answer the tap, redraw the tapped stage and say what changed."""
    chat = update.effective_chat
    if chat is None:
        return
    if update.callback_query:
        await update.callback_query.answer(texts.TG_MARKED_SHORT if done else texts.TG_UNMARKED_SHORT)
    view = outcome.view
    stage_ids = [s.id for s in view.roadmap.stages]
    following = next_stage_index(view, outcome.item.stage_id)
    if message is not None and view.roadmap.stages:
        index = stage_ids.index(outcome.item.stage_id) if outcome.item.stage_id in stage_ids else following
        await roadmap_handlers.show_stage(context, message, chat.id, view, index)
    if not outcome.changed:
        text = texts.TG_ALREADY_DONE if done else texts.TG_ALREADY_OPEN
        await send_html(context, chat.id, esc(text.format(title=outcome.item.title)))
        return
    lines = [esc((texts.TG_MARKED if done else texts.TG_UNMARKED).format(title=outcome.item.title))]
    finished = stage_finished(outcome)
    if finished is not None:
        lines.append(esc(texts.TG_STAGE_FINISHED.format(title=finished)))
        upcoming = [s for s in view.roadmap.stages if s.id != outcome.item.stage_id]
        lines.append(esc(texts.TG_STAGE_NEXT.format(title=view.roadmap.stages[following].title) if upcoming
                         else texts.TG_ALL_DONE))
    if outcome.changes:
        lines.append(esc(texts.TG_REPLAN_CHANGES))
        lines += [f"• {esc(human_dates(change))}" for change in outcome.changes]
    else:
        lines.append(esc(texts.TG_REPLAN_SAME))
    lines.append(esc(texts.TG_REPLAN_END.format(end=human_date(view.roadmap.totals.end_date))))
    undo = keyboards.InlineKeyboardMarkup([[keyboards.InlineKeyboardButton(
        texts.TG_BUTTON_UNDO if done else texts.TG_BUTTON_REDO,
        callback_data=keyboards.roadmap_data(view.version, f"{'u' if done else 'm'}{view.index_of(outcome.item.key)}"),
    ), keyboards.InlineKeyboardButton(texts.TG_BUTTON_PROGRESS, callback_data=keyboards.roadmap_data(
        view.version, "prog"))]])
    await send_html(context, chat.id, "\n".join(lines), undo)


def next_stage_index(view: RoadmapView, stage_id: str) -> int:
    """The index (in the newest roadmap) of the first stage after `stage_id` in plan order (else the first)."""
    order = [sid for sid, _ in stage_order(view)]
    position = order.index(stage_id) if stage_id in order else -1
    for index, stage in enumerate(view.roadmap.stages):
        if stage.id != stage_id and stage.id in order and order.index(stage.id) > position:
            return index
    return 0


def stage_finished(outcome: ProgressOutcome) -> str | None:
    """The title of the stage this tick finished (nothing of it is left to do), else None."""
    if not outcome.done or not outcome.changed:
        return None
    stage_id = outcome.item.stage_id
    rows = outcome.view.stage_items(stage_id)
    if any(not done for _, _, done in rows):
        return None
    for stage in [*outcome.view.roadmap.stages, *outcome.view.base.stages, *outcome.view.earlier_stages]:
        if stage.id == stage_id:
            return stage.title
    return None


def _is_stage_page(message: Message | None) -> bool:
    """Whether a message is a stage page (its keyboard has ✅ / ↩ marks and the file buttons)."""
    markup = message.reply_markup if message is not None else None
    actions = set()
    for row in markup.inline_keyboard if markup is not None else ():
        for button in row:
            callback = keyboards.parse(button.callback_data if isinstance(button.callback_data, str) else None)
            if callback is not None and callback.scope == "roadmap":
                actions.add(callback.value[:1] if callback.value[1:].isdigit() else callback.value)
    return bool(actions & {"m", "u"}) and "png" in actions


async def stale_roadmap(update: Update, context: WaypointContext, view: RoadmapView) -> None:
    """A ✅ from an older roadmap version (or tampered): say so once and replace the old keyboard right away —
    a stage page becomes the current first stage in place; any other message loses its keyboard and the
    current first stage follows. A second tap on the same old message changes and sends nothing."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    await query.answer(texts.TG_STALE_BUTTON)
    message = query.message if isinstance(query.message, Message) else None
    if not view.roadmap.stages:
        await drop_keyboard(message)
        await send_html(context, chat.id, esc(texts.TG_STALE_BUTTON))
        return
    text, markup = roadmap_handlers.stage_page(view, 0)
    full = f"{esc(texts.TG_STALE_BUTTON)}\n\n{text}"
    if _is_stage_page(message):
        if await edit_html(message, full, markup):
            return
    elif message is not None and message.reply_markup is None:
        return  # its keyboard is already gone: an old tap arriving late
    await drop_keyboard(message)
    await send_html(context, chat.id, full, markup)


async def retired_course(update: Update, context: WaypointContext, view: RoadmapView, index: int) -> bool:
    """✅ (or /done NAME) on a course an admin has retired: say it left the catalog, offer the re-plan and record
    the mark only when the learner confirms they finished it. True when handled (nothing is marked yet)."""
    chat = update.effective_chat
    query = update.callback_query
    item = view.item(index)
    if chat is None or item is None or item.kind != "course" or item.key in view.done:
        return False
    course = context.services.catalog_source().get(item.key.split(":", 1)[1])
    if course is not None and getattr(course, "status", "active") == "active":
        return False
    if query is not None:
        await query.answer(texts.TG_RETIRED_SHORT)
    markup = keyboards.InlineKeyboardMarkup([
        [keyboards.InlineKeyboardButton(texts.TG_RETIRED_CONFIRM,
                                        callback_data=keyboards.roadmap_data(view.version, f"M{index}"))],
        [keyboards.InlineKeyboardButton(texts.TG_BUTTON_REPLAN,
                                        callback_data=keyboards.roadmap_data(view.version, keyboards.REPLAN_ACTION))],
    ])
    await send_html(context, chat.id, esc(texts.TG_RETIRED_COURSE.format(title=item.title)), markup)
    return True
