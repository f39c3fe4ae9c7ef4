"""Everything else: stickers, photos, voice, edited messages, channel posts, errors."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden

from bot import texts
from bot.telegram.handlers.common import WaypointContext, send_html
from bot.telegram.html import esc

log = logging.getLogger(__name__)


async def unsupported_message(update: Update, context: WaypointContext) -> None:
    """A sticker, photo, voice note, file... in a private chat: say what works instead."""
    chat = update.effective_chat
    if chat is None or chat.type != "private" or update.effective_user is None:
        return  # groups, channels and anonymous posts are deliberately ignored
    await send_html(context, chat.id, esc(texts.TG_UNSUPPORTED))


async def on_error(update: object, context: WaypointContext) -> None:
    """Log the failure with the update id; tell the user, in plain words, that nothing was lost."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None and update.effective_user is not None:
        if update.callback_query is not None:
            try:
                await update.callback_query.answer()
            except Exception:
                log.debug("could not answer callback of update %s", update_id)
        try:
            await send_html(context, update.effective_chat.id, esc(texts.TG_ERROR))
        except Forbidden:
            log.info("user of update %s blocked the bot", update_id)
        except Exception:
            log.exception("could not tell the user of update %s about the error", update_id)
