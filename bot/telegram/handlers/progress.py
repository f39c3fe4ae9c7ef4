"""/progress, /done, /undo and the ✅ buttons: each mark is stored, re-planned and explained."""

from __future__ import annotations

import logging

from rapidfuzz import fuzz, process, utils
from telegram import Message, Update

from bot import texts
from bot.domain.progress import RoadmapView
from bot.services.progress import NoRoadmap, ProgressOutcome, StaleRoadmap, UnknownItem
from bot.telegram.callbacks import Mark, Progress
from bot.telegram.handlers import jobs
from bot.telegram.handlers.common import CHANNEL, WaypointContext, drop_keyboard, edit_or_send, external_id, send_html
from bot.telegram.handlers.roadmap import answered_view, send_notices, stale_roadmap
from bot.telegram.html import esc
from bot.telegram.views import progress as views
from bot.telegram.views import roadmap as roadmap_views
from bot.telegram.views.skillchecks import flagged_markup

log = logging.getLogger(__name__)

SURE = 88  # a /done match at least this good (and clearly ahead of the next) is taken without asking
POSSIBLE = 55  # below this nothing is offered


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
    html = views.progress_html(summary)
    closest = jobs.job_service(context).closest(learner_id)  # issue 17: the saved job ad closest to now
    if closest is not None:
        html += "\n\n" + views.closest_job_html(closest.title, closest.percent or 0)
    await send_html(context, chat_id, html, roadmap_views.overview_keyboard(summary.version, 1))
    ready = summary.readiness
    if ready is not None and (flagged := flagged_markup(ready)) is not None:
        await send_html(context, chat_id, views.flagged_hint_html(", ".join(ready.name(s) for s in ready.flagged)),
                        flagged)
    await send_notices(context, chat_id, summary.version, notices)


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


async def progress_button(update: Update, context: WaypointContext, learner_id: int, callback: Progress) -> None:
    """📊 under the overview, a stage or a mark report."""
    if (opened := await answered_view(update, context, learner_id)) is not None:
        await send_progress(context, opened[0], learner_id)


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
    offered = [(index, title) for index, title, score in candidates if score >= POSSIBLE]
    if offered:
        text = esc(texts.TG_DONE_WHICH.format(name=name))
    else:
        offered = [(i, it.title) for i, it in enumerate(view.items) if (it.key in view.done) != done][:8]
        if not offered:
            await send_html(context, chat.id, esc(texts.TG_NOTHING_TO_MARK if done else texts.TG_NOTHING_TO_UNDO))
            return
        text = esc(texts.TG_DONE_NOT_FOUND.format(name=name) if name else texts.TG_DONE_PICK)
    await send_html(context, chat.id, text, views.pick_keyboard(view.version, done, offered))


async def mark_button(update: Update, context: WaypointContext, learner_id: int, callback: Mark) -> None:
    """✅ / ↩ on item `index` of roadmap `version` (or ✅ confirmed on a retired course, whose message then loses
    its keyboard); a roadmap gone since says the button is out of date."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    tapped = query.message if isinstance(query.message, Message) else None
    try:
        # A confirmation is not a stage page to redraw.
        await _mark_at(update, context, learner_id, callback, None if callback.confirmed else tapped)
        if callback.confirmed:
            await drop_keyboard(tapped)
    except NoRoadmap:
        await query.answer(texts.TG_STALE_BUTTON)
        await send_html(context, chat.id, esc(texts.TG_NO_PLAN_HINT))


async def _mark_at(update: Update, context: WaypointContext, learner_id: int, callback: Mark,
                   message: Message | None) -> None:
    """The version check, the item lookup and the mark are one transaction in the service; a retired course
    is asked about first. NoRoadmap propagates (the caller answers it)."""
    if callback.done and not callback.confirmed:
        view = context.services.progress.view(learner_id)
        if view is not None and view.version == callback.version \
                and await retired_course(update, context, view, callback.index):
            return
    try:
        outcome = context.services.progress.mark_at(learner_id, callback.version, callback.index, done=callback.done)
    except StaleRoadmap as stale:
        await stale_roadmap(update, context, stale.view)
        return
    await _report_mark(update, context, outcome, callback.done, message)


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
    index = views.redrawn_stage(outcome)
    if message is not None and index is not None:
        page, keyboard = roadmap_views.stage_page(outcome.view, index)
        await edit_or_send(context, message, chat.id, page, keyboard)
    text, markup = views.mark_report(outcome, done)
    await send_html(context, chat.id, text, markup)


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
    await send_html(context, chat.id, roadmap_views.retired_html(item.title),
                    roadmap_views.retired_keyboard(view.version, index))
    return True
