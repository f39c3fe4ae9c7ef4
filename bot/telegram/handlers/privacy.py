"""/export sends every row about the learner as JSON; /delete (confirmed) erases them."""

from __future__ import annotations

import json

from telegram import InputFile, Message, Update

from bot import texts
from bot.telegram import keyboards
from bot.telegram.handlers.common import CHANNEL, WaypointContext, edit_html, external_id, send_html
from bot.telegram.handlers.reminders import unschedule
from bot.telegram.html import esc


async def export_command(update: Update, context: WaypointContext) -> None:
    """/export: all of the learner's data as one JSON document."""
    chat = update.effective_chat
    who = external_id(update)
    if chat is None or who is None:
        return
    progress = context.services.progress
    learner_id = progress.learner_id(CHANNEL, who)
    data = progress.export(learner_id) if learner_id is not None else None
    if data is None:
        await send_html(context, chat.id, esc(texts.TG_NOTHING_STORED))
        return
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    await context.bot.send_document(chat.id, InputFile(body, filename="waypoint-my-data.json"),
                                    caption=esc(texts.TG_EXPORT_CAPTION))


async def delete_command(update: Update, context: WaypointContext) -> None:
    """/delete: ask for confirmation before erasing anything."""
    chat = update.effective_chat
    if chat is None:
        return
    markup = keyboards.confirm_keyboard("del:yes", "del:no", texts.TG_DELETE_YES, texts.TG_DELETE_NO)
    await send_html(context, chat.id, esc(texts.TG_DELETE_CONFIRM), markup)


async def delete_button(update: Update, context: WaypointContext, action: str) -> None:
    """del:yes erases every row about the learner (and their reminder job); del:no keeps everything."""
    query = update.callback_query
    who = external_id(update)
    if query is None or who is None or update.effective_chat is None:
        return
    await query.answer()
    message = query.message if isinstance(query.message, Message) else None
    if action != "del:yes":
        if not await edit_html(message, esc(texts.TG_DELETE_KEPT)):
            await send_html(context, update.effective_chat.id, esc(texts.TG_DELETE_KEPT))
        return
    progress = context.services.progress
    learner_id = progress.learner_id(CHANNEL, who)
    erased = progress.delete(learner_id) if learner_id is not None else {}
    if learner_id is not None:
        unschedule(context.job_queue, learner_id)
    text = esc(texts.TG_DELETED.format(rows=sum(erased.values())))
    if not await edit_html(message, text):
        await send_html(context, update.effective_chat.id, text)
