"""Inline keyboards: readable labels, and every button's data from the one codec (`bot.telegram.callbacks`)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.dialogue import Option
from bot.telegram.callbacks import Answer, Callback, DoesNotFit, encode

MAX_LABEL = 60  # Telegram shows long labels truncated anyway; keep buttons readable

Rows = Sequence[Sequence[tuple[str, Callback]]]


def label(text: str) -> str:
    """A button label no longer than MAX_LABEL characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def button(text: str, callback: Callback) -> InlineKeyboardButton:
    """One button; its label as given (callers shorten with `label` where a title can be long)."""
    return InlineKeyboardButton(text, callback_data=encode(callback))


def markup(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    """A keyboard from rows of buttons."""
    return InlineKeyboardMarkup([list(row) for row in rows])


def keyboard(rows: Rows) -> InlineKeyboardMarkup:
    """A keyboard from (label, callback) rows; labels are shortened to MAX_LABEL."""
    return markup([[button(label(text), callback) for text, callback in row] for row in rows])


def _answer_data(version: int, value: str, index: int) -> str:
    """An option's data; its index when the value would not fit Telegram's 64 bytes."""
    try:
        return encode(Answer(version, value))
    except DoesNotFit:
        return encode(Answer(version, f"#{index}"))


def options_keyboard(
    options: Sequence[Option], version: int, per_row: int | None = None
) -> InlineKeyboardMarkup | None:
    """One button per dialogue option (two per row for short labels), or None without options."""
    if not options:
        return None
    if per_row is None:
        per_row = 2 if all(len(o.label) <= 18 for o in options) else 1
    buttons = [
        InlineKeyboardButton(label(o.label), callback_data=_answer_data(version, o.value, i))
        for i, o in enumerate(options)
    ]
    return markup([buttons[i : i + per_row] for i in range(0, len(buttons), per_row)])
