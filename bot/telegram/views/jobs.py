"""Job ads (issue 17) as the chat shows them: the match with aim/save/dismiss, /jobs, the un-aim buttons."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.services.jobs import JobReading, SavedAd, saved_line
from bot.telegram.callbacks import Callback, JobButton, decode
from bot.telegram.html import esc
from bot.telegram.keyboards import keyboard


def _short(title: str, most: int = 40) -> str:
    """A title short enough for a button."""
    return title if len(title) <= most else title[: most - 1].rstrip() + "…"


def reading_keyboard(reading: JobReading) -> InlineKeyboardMarkup | None:
    """Under a read ad: aim the plan at it (when that helps), save it, dismiss it."""
    if reading.ad_id is None:  # never stored: nothing to aim at, save or dismiss
        return None
    rows: list[list[tuple[str, Callback]]] = []
    if reading.can_aim:
        rows.append([(texts.TG_JOB_AIM, JobButton("a", reading.ad_id))])
    rows.append([(texts.TG_JOB_SAVE, JobButton("s", reading.ad_id)),
                 (texts.TG_JOB_DISMISS, JobButton("d", reading.ad_id))])
    return keyboard(rows)


def ask_aimed(aimed: Sequence[tuple[int, str]]) -> tuple[str, InlineKeyboardMarkup]:
    """A bare /job while the plan is aimed at ads: ask for the ad, and offer to stop aiming at each."""
    text = texts.TG_JOB_ASK + "\n\n" + texts.TG_JOB_ASK_AIMED.format(titles=", ".join(title for _, title in aimed))
    return esc(text), keyboard([[(texts.TG_JOB_UNAIM.format(title=_short(title)), JobButton("u", ad_id))]
                                for ad_id, title in aimed])


def saved_list(ads: Sequence[SavedAd]) -> tuple[str, InlineKeyboardMarkup | None]:
    """/jobs: each saved ad with its match now and projected ready-by date, and a delete button each."""
    if not ads:
        return esc(texts.TG_JOBS_NONE), None
    lines = [esc(texts.TG_JOBS_HEADER)]
    buttons: list[list[tuple[str, Callback]]] = []
    for number, ad in enumerate(ads, 1):
        lines.append(esc(saved_line(number, ad)))
        if ad.aimed:
            buttons.append([(texts.TG_JOB_UNAIM.format(title=_short(ad.title)), JobButton("u", ad.id))])
        buttons.append([(texts.TG_JOBS_DELETE.format(n=number, title=ad.title), JobButton("x", ad.id))])
    return "\n".join(lines), keyboard(buttons)


def saved_html(shown: str) -> str:
    """The read ad once saved."""
    return shown + "\n\n" + esc(texts.TG_JOB_SAVED)


def without_save(shown: InlineKeyboardMarkup, ad_id: int) -> InlineKeyboardMarkup:
    """The ad's keyboard once saved: every button but its 💾 save."""
    saved = JobButton("s", ad_id)
    rows = [[(b.text, callback) for b in row
             if (callback := decode(b.callback_data if isinstance(b.callback_data, str) else None)) is not None
             and callback != saved]
            for row in shown.inline_keyboard]
    return keyboard([row for row in rows if row])
