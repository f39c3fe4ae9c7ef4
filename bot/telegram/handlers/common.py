"""What every handler shares: typed access to the services, who is talking, and safe sending."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlite_utils import Database
from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot import texts
from bot.config import Settings
from bot.domain.catalog import Catalog
from bot.services.conversation import ConversationService
from bot.services.progress import ProgressService
from bot.telegram.html import split_html

log = logging.getLogger(__name__)

CHANNEL = "telegram"


@dataclass
class Services:
    """Everything the handlers use, created once in build_application and kept in bot_data."""

    settings: Settings
    db: Database
    catalog_source: Callable[[], Catalog]
    clock: Callable[[], date]
    conversation: ConversationService
    progress: ProgressService
    extra: dict[str, Any] = field(default_factory=dict)


class WaypointContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The callback context with typed access to the services."""

    @property
    def services(self) -> Services:
        """The application's services."""
        services = self.application.bot_data["services"]
        assert isinstance(services, Services)
        return services


CONTEXT_TYPES = ContextTypes(context=WaypointContext)
WaypointApp = Application[Any, WaypointContext, Any, Any, Any, Any]

# The learner's commands, in menu order; /help and set_my_commands both come from this list.
COMMANDS: list[tuple[str, str]] = [
    ("start", texts.TG_CMD_START),
    ("plan", texts.TG_CMD_PLAN),
    ("progress", texts.TG_CMD_PROGRESS),
    ("done", texts.TG_CMD_DONE),
    ("undo", texts.TG_CMD_UNDO),
    ("reminders", texts.TG_CMD_REMINDERS),
    ("summary", texts.TG_CMD_SUMMARY),
    ("edit", texts.TG_CMD_EDIT),
    ("back", texts.TG_CMD_BACK),
    ("restart", texts.TG_CMD_RESTART),
    ("cancel", texts.TG_CMD_CANCEL),
    ("export", texts.TG_CMD_EXPORT),
    ("delete", texts.TG_CMD_DELETE),
    ("help", texts.TG_CMD_HELP),
]


def external_id(update: Update) -> str | None:
    """The learner's identity on Telegram: the user id (None when the update has no user)."""
    user = update.effective_user
    if user is None or user.is_bot:
        return None
    return str(user.id)


def display_name(update: Update) -> str | None:
    """The user's name as Telegram shows it."""
    user = update.effective_user
    return user.full_name if user else None


async def send_html(
    context: WaypointContext,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send HTML text split under the limit; the keyboard goes under the last part. Returns that part."""
    parts = split_html(text) or [texts.TG_EMPTY]
    sent: Message | None = None
    for number, part in enumerate(parts):
        last = number == len(parts) - 1
        sent = await context.bot.send_message(
            chat_id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if last else None,
            disable_web_page_preview=True,
        )
    return sent


async def edit_html(message: Message | None, text: str, markup: InlineKeyboardMarkup | None = None) -> bool:
    """Edit a message's text in place; 'message is not modified' counts as success. False if impossible."""
    if message is None:
        return False
    parts = split_html(text)
    if len(parts) != 1:
        return False
    try:
        await message.edit_text(parts[0], parse_mode=ParseMode.HTML, reply_markup=markup,
                                disable_web_page_preview=True)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True
        log.info("could not edit message %s: %s", message.message_id, exc)
        return False
    return True


async def drop_keyboard(message: Message | None) -> None:
    """Remove the inline keyboard from a message, ignoring 'not modified' and vanished messages."""
    if message is None:
        return
    try:
        await message.edit_reply_markup(reply_markup=None)
    except BadRequest as exc:
        log.debug("could not drop keyboard of %s: %s", message.message_id, exc)
