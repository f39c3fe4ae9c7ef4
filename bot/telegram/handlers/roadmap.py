"""Roadmap delivery: the overview, one stage at a time with ◀ ▶, the one-tap files, re-plan, earliest date."""

from __future__ import annotations

import logging
from datetime import date
from typing import get_args

from telegram import InputFile, Message, Update
from telegram.constants import ChatAction, ParseMode

from bot import texts
from bot.domain.progress import RoadmapView, summarise
from bot.telegram.callbacks import Earliest, File, FileKind, FirstStage, Outdated, Overview, Replan, Stage
from bot.telegram.handlers.common import WaypointContext, drop_keyboard, edit_html, edit_or_send, send_html
from bot.telegram.html import esc
from bot.telegram.views import roadmap as views

log = logging.getLogger(__name__)

_FILE_KINDS: tuple[FileKind, ...] = get_args(FileKind)
_UPLOADING = {"document": ChatAction.UPLOAD_DOCUMENT, "picture": ChatAction.UPLOAD_PHOTO,
              "calendar": ChatAction.UPLOAD_DOCUMENT}


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
    earliest = views.accept_date(view.roadmap) if offer_earliest else None
    await send_html(context, chat_id, views.overview_html(view.roadmap, summary),
                    views.overview_keyboard(view.version, len(view.roadmap.stages), earliest))
    if view.roadmap.stages:
        text, markup = views.stage_page(view, 0)
        await send_html(context, chat_id, text, markup)


async def send_notices(context: WaypointContext, chat_id: int, version: int, notices: list[str]) -> None:
    """The catalog-change notices with a one-tap re-plan of roadmap `version` (nothing when there are none)."""
    if notices:
        await send_html(context, chat_id, views.notices_html(notices), views.replan_keyboard(version))


async def show_stage(context: WaypointContext, message: Message | None, chat_id: int, view: RoadmapView,
                     index: int) -> None:
    """Show a stage by editing the message that was tapped (or in a new message if that fails)."""
    if not view.roadmap.stages:
        await send_html(context, chat_id, esc(texts.TG_ALL_DONE))
        return
    text, markup = views.stage_page(view, index)
    await edit_or_send(context, message, chat_id, text, markup)


async def send_file(context: WaypointContext, chat_id: int, learner_id: int, kind: str) -> None:
    """Send the roadmap as a Markdown document, the timeline picture or the calendar file."""
    services = context.services
    view = services.progress.view(learner_id)
    if view is None:
        await send_html(context, chat_id, esc(texts.NO_PLAN_YET))
        return
    file_kind = next((k for k in _FILE_KINDS if k == kind), None)
    if file_kind is None:
        return
    await context.bot.send_chat_action(chat_id, _UPLOADING[file_kind])
    made = views.roadmap_file(view, summarise(view, services.clock()), services.clock(), file_kind)
    upload = InputFile(made.data, filename=made.filename)
    if file_kind == "picture":
        await context.bot.send_photo(chat_id, upload, caption=made.caption, parse_mode=ParseMode.HTML)
    else:
        await context.bot.send_document(chat_id, upload, caption=made.caption, parse_mode=ParseMode.HTML)


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
    text, markup = views.stage_page(view, 0)
    full = views.stale_html(text)
    if views.is_stage_page(message.reply_markup if message is not None else None):
        if await edit_html(message, full, markup):
            return
    elif message is not None and message.reply_markup is None:
        return  # its keyboard is already gone: an old tap arriving late
    await drop_keyboard(message)
    await send_html(context, chat.id, full, markup)


async def current_view(update: Update, context: WaypointContext, learner_id: int) -> RoadmapView | None:
    """The learner's roadmap for a roadmap button; None (after saying the button is out of date) without one."""
    view = context.services.progress.view(learner_id)
    if view is None and update.callback_query is not None and update.effective_chat is not None:
        await update.callback_query.answer(texts.TG_STALE_BUTTON)
        await send_html(context, update.effective_chat.id, esc(texts.TG_NO_PLAN_HINT))
    return view


def _tapped(update: Update) -> Message | None:
    query = update.callback_query
    return query.message if query is not None and isinstance(query.message, Message) else None


async def answered_view(update: Update, context: WaypointContext, learner_id: int) -> tuple[int, RoadmapView] | None:
    """For a roadmap button that shows something: the chat and the learner's roadmap, the tap answered; None
    (after saying the button is out of date) without a roadmap."""
    if update.callback_query is None or update.effective_chat is None:
        return None
    view = await current_view(update, context, learner_id)
    if view is None:
        return None
    await update.callback_query.answer()
    return update.effective_chat.id, view


async def file_button(update: Update, context: WaypointContext, learner_id: int, callback: File) -> None:
    """📄 🖼 📅: the roadmap as a document, a picture or a calendar."""
    if (opened := await answered_view(update, context, learner_id)) is not None:
        await send_file(context, opened[0], learner_id, callback.kind)


async def overview_button(update: Update, context: WaypointContext, learner_id: int, callback: Overview) -> None:
    """The page counter of a stage: the overview again, in a new message."""
    if (opened := await answered_view(update, context, learner_id)) is None:
        return
    chat_id, view = opened
    summary = summarise(view, context.services.clock())
    await send_html(context, chat_id, views.overview_html(view.roadmap, summary),
                    views.overview_keyboard(view.version, len(view.roadmap.stages), views.accept_date(view.roadmap)))


async def stage_button(update: Update, context: WaypointContext, learner_id: int,
                       callback: Stage | FirstStage) -> None:
    """◀ ▶ redraw the tapped stage page; the overview's "stages" sends the first one in a message of its own."""
    if (opened := await answered_view(update, context, learner_id)) is None:
        return
    chat_id, view = opened
    if isinstance(callback, Stage):
        await show_stage(context, _tapped(update), chat_id, view, callback.n)
    else:
        await show_stage(context, None, chat_id, view, 0)


async def earliest_date(update: Update, context: WaypointContext, learner_id: int, callback: Earliest) -> date | None:
    """The earliest reachable date the tapped button offers as the new deadline, its keyboard dropped; None
    (after saying so) when the button is out of date. The dialogue then takes the date like a typed one."""
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return None
    view = await current_view(update, context, learner_id)
    if view is None:
        return None
    earliest = views.accept_date(view.roadmap)
    if callback.version != view.version or earliest is None:
        await stale_roadmap(update, context, view)
        return None
    await query.answer()
    await drop_keyboard(_tapped(update))
    return earliest


async def replan_button(update: Update, context: WaypointContext, learner_id: int, callback: Replan) -> None:
    """🔄 Re-plan: re-plan on the current catalog keeping progress, then the new overview (with what changed)."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    view = await current_view(update, context, learner_id)
    if view is None:
        return
    if callback.version != view.version:
        await stale_roadmap(update, context, view)
        return
    context.services.progress.replan_for_catalog(learner_id)
    await query.answer(texts.TG_CATALOG_REPLANNED)
    message = _tapped(update)
    shown = message.text_html if message is not None and message.text else ""
    if not await edit_html(message, views.replanned_html(shown)):
        await drop_keyboard(message)
    await send_roadmap(context, chat.id, learner_id)


async def outdated_button(update: Update, context: WaypointContext, learner_id: int, callback: Outdated) -> None:
    """A roadmap button this version does not understand: like any out-of-date roadmap button."""
    view = await current_view(update, context, learner_id)
    if view is not None:
        await stale_roadmap(update, context, view)
