"""Skill checks and reviews (issue 18) as the chat shows them: the offer, the poll title, results, review time."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup
from telegram.constants import PollLimit

from bot import texts
from bot.domain.progress import Readiness
from bot.services.skill_checks import Asked, RoundResult
from bot.telegram.callbacks import Callback, CheckKeep, CheckRefresh, CheckSkip, CheckStart, Refresher, ReviewAt
from bot.telegram.html import esc
from bot.telegram.keyboards import keyboard

OFFER_BUTTONS = 4  # skills offered as buttons; /check SKILL reaches the rest
REVIEW_HOURS = range(7, 23)  # hours offered as buttons for the review time; /review time 06:45 reaches the rest


def fit(text: str, limit: int) -> str:
    """`text` cut to `limit` characters (with an ellipsis when cut)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def poll_title(asked: Asked) -> str:
    """The poll's question, with the skill and place in the round when they fit in Telegram's 300 characters."""
    template = texts.REVIEW_POLL_TITLE if asked.kind == "review" else texts.CHECK_POLL_TITLE
    title = template.format(skill=asked.skill_name, number=asked.position + 1, total=asked.total,
                            question=asked.question.question)
    return title if len(title) <= PollLimit.MAX_QUESTION_LENGTH else fit(asked.question.question,
                                                                        PollLimit.MAX_QUESTION_LENGTH)


def offer_markup(skills: list[str], names: dict[str, str]) -> InlineKeyboardMarkup:
    """One button per skill to check, and one to skip the offer."""
    rows: list[list[tuple[str, Callback]]] = [[(texts.CHECK_BUTTON.format(skill=names[s]), CheckStart(s))]
                                              for s in skills[:OFFER_BUTTONS]]
    rows.append([(texts.CHECK_OFFER_SKIP, CheckSkip())])
    return keyboard(rows)


def review_time_markup() -> InlineKeyboardMarkup:
    """An hour to pick (on the hour), or back to the reminder's time."""
    hours: list[tuple[str, Callback]] = [(f"{h:02d}:00", ReviewAt(h)) for h in REVIEW_HOURS]
    rows = [hours[i : i + 4] for i in range(0, len(hours), 4)]
    return keyboard([*rows, [(texts.REVIEW_TIME_OFF_BUTTON, ReviewAt(None))]])


def flagged_markup(ready: Readiness) -> InlineKeyboardMarkup | None:
    """One-tap refreshers for skills slipping in reviews."""
    if not ready.flagged:
        return None
    return keyboard([[(texts.PROGRESS_REFRESH_BUTTON.format(skill=ready.name(skill)), Refresher(skill))]
                     for skill in ready.flagged[:OFFER_BUTTONS]])


def result_message(result: RoundResult, today: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """A finished round: a review's verdict (a refresher when it slips), or a check passed or failed (keep the
    claim, or a refresher)."""
    if result.kind == "review":
        if result.flagged:
            return (esc(texts.REVIEW_FLAGGED.format(skill=result.skill_name)),
                    keyboard([[(texts.CHECK_REFRESH, Refresher(result.skill))]]))
        template = texts.REVIEW_RIGHT if result.passed else texts.REVIEW_WRONG
        return esc(template.format(skill=result.skill_name)), None
    if result.passed:
        return esc(texts.CHECK_PASSED.format(skill=result.skill_name, correct=result.correct, total=result.total,
                                             date=today)), None
    text = texts.CHECK_FAILED.format(skill=result.skill_name, correct=result.correct, total=result.total)
    return esc(text), keyboard([[(texts.CHECK_KEEP, CheckKeep(result.check_id))],
                                [(texts.CHECK_REFRESH, CheckRefresh(result.check_id, result.skill))]])
