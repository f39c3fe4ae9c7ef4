"""What every admin handler shares: the catalog admin service, who acts, the drafts, replies, the command lists."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot import texts
from bot.config import Settings
from bot.services.catalog_admin import CatalogAdminService, ChangeResult
from bot.telegram.handlers.common import WaypointContext
from bot.telegram.html import esc, split_html
from bot.telegram.views.admin import result_html

log = logging.getLogger(__name__)

ADMIN_GROUP = -10
GATE_GROUP = -9
SERVICE_KEY = "catalog_admin"
DRAFTS_KEY = "admin_drafts"
# section -> (browse command, add command, edit command)
KINDS: dict[str, tuple[str, str, str]] = {
    "courses": ("courses", "course_add", "course_edit"),
    "certifications": ("certs", "cert_add", "cert_edit"),
    "skills": ("skills", "skill_add", "skill_edit"),
    "roles": ("roles", "role_add", "role_edit"),
    "projects": ("projects", "project_add", "project_edit"),
    "quizzes": ("quizzes", "quiz_add", "quiz_edit"),
}

# The admin menu, in order; /help for admins and the per-admin command menu both come from this list.
ADMIN_COMMANDS: list[tuple[str, str]] = [
    ("catalog", texts.ADMIN_CMD_CATALOG),
    ("courses", texts.ADMIN_CMD_COURSES),
    ("certs", texts.ADMIN_CMD_CERTS),
    ("skills", texts.ADMIN_CMD_SKILLS),
    ("roles", texts.ADMIN_CMD_ROLES),
    ("projects", texts.ADMIN_CMD_PROJECTS),
    ("quizzes", texts.ADMIN_CMD_QUIZZES),
    ("show", texts.ADMIN_CMD_SHOW),
    ("course_add", texts.ADMIN_CMD_COURSE_ADD),
    ("course_edit", texts.ADMIN_CMD_COURSE_EDIT),
    ("cert_add", texts.ADMIN_CMD_CERT_ADD),
    ("cert_edit", texts.ADMIN_CMD_CERT_EDIT),
    ("skill_add", texts.ADMIN_CMD_SKILL_ADD),
    ("skill_edit", texts.ADMIN_CMD_SKILL_EDIT),
    ("role_add", texts.ADMIN_CMD_ROLE_ADD),
    ("role_edit", texts.ADMIN_CMD_ROLE_EDIT),
    ("project_add", texts.ADMIN_CMD_PROJECT_ADD),
    ("project_edit", texts.ADMIN_CMD_PROJECT_EDIT),
    ("quiz_add", texts.ADMIN_CMD_QUIZ_ADD),
    ("quiz_edit", texts.ADMIN_CMD_QUIZ_EDIT),
    ("retire", texts.ADMIN_CMD_RETIRE),
    ("export_catalog", texts.ADMIN_CMD_EXPORT),
    ("history", texts.ADMIN_CMD_HISTORY),
    ("catalog_undo", texts.ADMIN_CMD_UNDO),
    ("catalog_redo", texts.ADMIN_CMD_REDO),
    ("stats", texts.ADMIN_CMD_STATS),
    ("links", texts.ADMIN_CMD_LINKS),
    ("help", texts.ADMIN_CMD_HELP),
]
# Commands learners also have: for non-admins these fall through to the learner's handlers untouched.
SHARED_COMMANDS = frozenset({"help"})
GATED_COMMANDS = [name for name, _ in ADMIN_COMMANDS if name not in SHARED_COMMANDS]


@dataclass
class Draft:
    """A guided add in progress: which kind, the answers so far, and the field being asked."""

    section: str
    data: dict[str, Any]
    fields: list[str]
    index: int = 0

    @property
    def field(self) -> str | None:
        """The field being asked, or None when every field is answered."""
        return self.fields[self.index] if self.index < len(self.fields) else None


def catalog_admin(context: WaypointContext) -> CatalogAdminService:
    """The catalog admin service of this application."""
    service = context.application.bot_data[SERVICE_KEY]
    assert isinstance(service, CatalogAdminService)
    return service


def admin_settings(context: WaypointContext) -> Settings:
    """The settings the admin handlers were registered with (who is an admin)."""
    settings = context.application.bot_data["admin_settings"]
    assert isinstance(settings, Settings)
    return settings


def actor(update: Update) -> str:
    """Who acts, as the audit log and the change history name them."""
    user = update.effective_user
    return f"telegram:{user.id}" if user else "telegram:?"


def args_text(update: Update) -> str:
    """Everything after the command word, as typed (quotes kept for the one-line form)."""
    text = update.effective_message.text if update.effective_message and update.effective_message.text else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def drafts(context: WaypointContext) -> dict[int, Draft]:
    """The guided adds in progress, by admin id (kept in memory: a restart drops unfinished drafts)."""
    drafts = context.application.bot_data.setdefault(DRAFTS_KEY, {})
    assert isinstance(drafts, dict)
    return drafts


async def reply(update: Update, context: WaypointContext, html: str,
                 markup: InlineKeyboardMarkup | None = None) -> None:
    """Send HTML split under Telegram's limit; the keyboard goes under the last part."""
    chat = update.effective_chat
    assert chat is not None
    parts = split_html(html) or [esc(texts.ADMIN_EMPTY)]
    for number, part in enumerate(parts):
        await context.bot.send_message(chat.id, part, parse_mode=ParseMode.HTML,
                                       reply_markup=markup if number == len(parts) - 1 else None,
                                       disable_web_page_preview=True)


def is_admin(update: Update, settings: Settings) -> bool:
    """Whether the update comes from an admin in a private chat."""
    user, chat = update.effective_user, update.effective_chat
    return bool(user and chat and user.id in settings.admin_ids and chat.type == ChatType.PRIVATE)


async def answer_change(update: Update, context: WaypointContext, result: ChangeResult) -> None:
    """What a change did (with its undo button), or every problem."""
    html, markup = result_html(result, catalog_admin(context).effective())
    await reply(update, context, html, markup)


async def drop_admin_keyboard(update: Update) -> None:
    """Remove the keyboard of the tapped admin message (a vanished one is fine)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError as exc:
        log.debug("could not drop the admin keyboard: %s", exc)
