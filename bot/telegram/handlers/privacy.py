"""/export sends every row about the learner as JSON; /delete (confirmed) erases them."""

from __future__ import annotations

import json
import secrets

from telegram import InputFile, Message, Update

from bot import texts
from bot.telegram.callbacks import DeleteNo, DeleteYes, issue_delete
from bot.telegram.handlers.common import CHANNEL, WaypointContext, edit_or_send, external_id, send_html
from bot.telegram.handlers.reminder_jobs import unschedule
from bot.telegram.html import esc
from bot.telegram.views.privacy import confirm_keyboard


async def export_command(update: Update, context: WaypointContext) -> None:
    """/export: all of the learner's data as one JSON document."""
    chat = update.effective_chat
    who = external_id(update)
    if chat is None or who is None:
        return
    privacy = context.services.privacy
    learner_id = privacy.learner_id(CHANNEL, who)
    data = privacy.export(learner_id) if learner_id is not None else None
    if data is None:
        await send_html(context, chat.id, esc(texts.TG_NOTHING_STORED))
        return
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    await context.bot.send_document(chat.id, InputFile(body, filename="waypoint-my-data.json"),
                                    caption=esc(texts.TG_EXPORT_CAPTION))


DELETE_SECRET_KEY = "delete_confirmation_secret"


def _delete_secret(context: WaypointContext) -> bytes:
    """The key that signs this process's delete confirmations (a restart makes older ones out of date)."""
    secret = context.bot_data.get(DELETE_SECRET_KEY)
    if not isinstance(secret, bytes):
        secret = context.bot_data[DELETE_SECRET_KEY] = secrets.token_bytes(32)
    return secret


async def delete_command(update: Update, context: WaypointContext) -> None:
    """/delete: ask for confirmation before erasing anything; the "yes" expires (callbacks.DELETE_TTL)."""
    chat = update.effective_chat
    who = external_id(update)
    if chat is None or who is None:
        return
    yes = issue_delete(_delete_secret(context), who, context.services.privacy.now())
    await send_html(context, chat.id, esc(texts.TG_DELETE_CONFIRM), confirm_keyboard(yes))


async def delete_button(update: Update, context: WaypointContext, callback: DeleteYes | DeleteNo) -> None:
    """A fresh "yes" erases every row about the learner (and their reminder job); "no" keeps everything.

    An expired, forged or token-less "yes" (see DeleteYes.fresh) erases nothing.
    """
    query = update.callback_query
    who = external_id(update)
    chat = update.effective_chat
    if query is None or who is None or chat is None:
        return
    await query.answer()
    message = query.message if isinstance(query.message, Message) else None
    privacy = context.services.privacy
    if isinstance(callback, DeleteNo):
        await edit_or_send(context, message, chat.id, esc(texts.TG_DELETE_KEPT))
        return
    if not callback.fresh(_delete_secret(context), who, privacy.now()):
        await edit_or_send(context, message, chat.id, esc(texts.TG_DELETE_EXPIRED))
        return
    learner_id = privacy.learner_id(CHANNEL, who)
    erased = privacy.erase(CHANNEL, who)
    if learner_id is not None:
        unschedule(context.job_queue, learner_id)
    await edit_or_send(context, message, chat.id, esc(texts.TG_DELETED.format(rows=sum(erased.values()))))
