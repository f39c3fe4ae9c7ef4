"""What every handler shares: typed access to the services, who is talking, and safe sending."""

from __future__ import annotations

import logging
import weakref
from collections import OrderedDict
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
from bot.services.privacy import PrivacyService
from bot.services.progress import ProgressService
from bot.services.reminders import ReminderService
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
    reminders: ReminderService
    privacy: PrivacyService
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
    ("job", texts.TG_CMD_JOB),
    ("jobs", texts.TG_CMD_JOBS),
    ("summary", texts.TG_CMD_SUMMARY),
    ("edit", texts.TG_CMD_EDIT),
    ("back", texts.TG_CMD_BACK),
    ("restart", texts.TG_CMD_RESTART),
    ("cancel", texts.TG_CMD_CANCEL),
    ("check", texts.TG_CMD_CHECK),
    ("review", texts.TG_CMD_REVIEW),
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


# What this process last made each message look like ((chat id, message id) -> (HTML text or None when
# unknown, keyboard JSON or None)): a second edit to the same look is skipped, so a double tap never sends
# an edit that changes nothing ("message is not modified").
# Kept per bot (one per application), so two applications in one process never share it.
_Looks = OrderedDict[tuple[int, int], tuple[str | None, str | None]]
# By the bot object's identity (bots compare equal by their Telegram user), dropped when the bot goes.
_LOOKS_BY_BOT: dict[int, _Looks] = {}
_LOOKS_KEPT = 20_000


def _looks(message: Message) -> _Looks:
    try:
        bot: object = message.get_bot()
    except RuntimeError:
        return OrderedDict()
    looks = _LOOKS_BY_BOT.get(id(bot))
    if looks is None:
        looks = _LOOKS_BY_BOT[id(bot)] = OrderedDict()
        weakref.finalize(bot, _LOOKS_BY_BOT.pop, id(bot), None)
    return looks


def _look_key(message: Message) -> tuple[int, int]:
    return message.chat_id, message.message_id


def _look(message: Message) -> tuple[str | None, str | None] | None:
    return _looks(message).get(_look_key(message))


def _markup_json(markup: InlineKeyboardMarkup | None) -> str | None:
    return markup.to_json() if markup is not None and markup.inline_keyboard else None


def _remember(message: Message, text: str | None, markup: InlineKeyboardMarkup | None) -> None:
    looks, key = _looks(message), _look_key(message)
    looks[key] = (text, _markup_json(markup))
    looks.move_to_end(key)
    while len(looks) > _LOOKS_KEPT:
        looks.popitem(last=False)


async def edit_html(message: Message | None, text: str, markup: InlineKeyboardMarkup | None = None) -> bool:
    """Edit a message's text in place; an edit to what it already shows is not sent (and counts as success).
    False if impossible."""
    if message is None:
        return False
    parts = split_html(text)
    if len(parts) != 1:
        return False
    if _look(message) == (parts[0], _markup_json(markup)):
        return True
    try:
        await message.edit_text(parts[0], parse_mode=ParseMode.HTML, reply_markup=markup,
                                disable_web_page_preview=True)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            _remember(message, parts[0], markup)
            return True
        log.info("could not edit message %s: %s", message.message_id, exc)
        return False
    _remember(message, parts[0], markup)
    return True


async def edit_or_send(context: WaypointContext, message: Message | None, chat_id: int, text: str,
                       markup: InlineKeyboardMarkup | None = None) -> None:
    """Show `text` by editing `message` (the tapped one), or in a new message when that is impossible."""
    if not await edit_html(message, text, markup):
        await send_html(context, chat_id, text, markup)


async def drop_keyboard(message: Message | None) -> None:
    """Remove the inline keyboard from a message; nothing is sent when it has none (as far as this process
    knows: its own edits count), ignoring vanished messages."""
    if message is None:
        return
    look = _look(message)
    if _markup_json(message.reply_markup) is None or (look is not None and look[1] is None):
        return
    try:
        await message.edit_reply_markup(reply_markup=None)
    except BadRequest as exc:
        log.debug("could not drop keyboard of %s: %s", message.message_id, exc)
    _remember(message, look[0] if look is not None else None, None)
