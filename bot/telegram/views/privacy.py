"""/delete's confirmation: a signed "yes" and a "no"."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.telegram.callbacks import DeleteNo, DeleteYes
from bot.telegram.keyboards import button, markup


def confirm_keyboard(yes: DeleteYes) -> InlineKeyboardMarkup:
    """"Yes, erase it all" (signed for one user, expiring) and "No, keep it"."""
    return markup([[button(texts.TG_DELETE_YES, yes), button(texts.TG_DELETE_NO, DeleteNo())]])
