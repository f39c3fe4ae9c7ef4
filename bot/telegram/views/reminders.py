"""The /reminders menu: what is set, weekday and hour buttons, pause/resume/stop; the weekly check-in."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.services.jobs import SavedAd
from bot.services.progress import ProgressSummary
from bot.services.skill_checks import ReviewTime
from bot.storage.repositories import Reminder
from bot.telegram.callbacks import Callback, ReminderAt, ReminderDay, ReminderSwitch
from bot.telegram.html import esc
from bot.telegram.keyboards import keyboard
from bot.telegram.views.progress import progress_html
from bot.telegram.views.roadmap import overview_keyboard

HOURS = range(7, 23)
DEFAULT_TIMEZONE = "UTC"


def status_html(reminder: Reminder | None, timezone: str | None) -> str:
    """What is set now, in words."""
    if reminder is None or not reminder.active:
        status = texts.TG_REMINDER_NONE
    else:
        status = (texts.TG_REMINDER_PAUSED if reminder.paused else texts.TG_REMINDER_ON).format(
            day=texts.TG_WEEKDAYS[reminder.weekday], hour=reminder.hour, minute=reminder.minute,
            timezone=reminder.timezone)
    return esc(status) + "\n\n" + esc(texts.TG_REMINDER_HOWTO.format(timezone=timezone or DEFAULT_TIMEZONE))


def menu_keyboard(reminder: Reminder | None) -> InlineKeyboardMarkup:
    """Pick a day (then an hour); pause/resume and stop when one is set."""
    days: list[tuple[str, Callback]] = [(texts.TG_WEEKDAYS[i][:3], ReminderDay(i)) for i in range(7)]
    rows = [days[:4], days[4:]]
    if reminder is not None and reminder.active:
        toggle: tuple[str, Callback] = (
            (texts.TG_BUTTON_RESUME, ReminderSwitch("resume")) if reminder.paused
            else (texts.TG_BUTTON_PAUSE, ReminderSwitch("pause")))
        rows.append([toggle, (texts.TG_BUTTON_STOP, ReminderSwitch("stop"))])
    return keyboard(rows)


def hour_question_html(day: int) -> str:
    """After a weekday: which hour."""
    return esc(texts.TG_REMINDER_HOUR.format(day=texts.TG_WEEKDAYS[day]))


def hours_keyboard(day: int) -> InlineKeyboardMarkup:
    """Hours of the day for the chosen weekday."""
    buttons: list[tuple[str, Callback]] = [(f"{h:02d}:00", ReminderAt(day, h)) for h in HOURS]
    return keyboard([buttons[i : i + 4] for i in range(0, len(buttons), 4)])


def check_in(summary: ProgressSummary | None, crossed: Sequence[SavedAd]) -> tuple[str, InlineKeyboardMarkup | None]:
    """The weekly check-in: the reminder, the progress summary with the roadmap buttons, and the saved job ads
    whose match crossed 80% (issue 17)."""
    text = esc(texts.TG_REMINDER)
    markup = None
    if summary is not None:
        text += "\n\n" + progress_html(summary)
        markup = overview_keyboard(summary.version, 1)
    for ad in crossed:
        text += "\n\n" + esc(texts.TG_REMINDER_JOB_CROSSED.format(percent=ad.percent, title=ad.title))
    return text, markup


def review_time_html(when: ReviewTime) -> str:
    """/review time: when reviews come now, and how to change it."""
    return esc(when.describe() + "\n\n" + texts.REVIEW_TIME_ASK)


def review_time_set_html(when: ReviewTime, cleared: bool) -> str:
    """The review time just set (or cleared back to the reminder's), and whether reviews are paused or stopped."""
    if cleared:
        return esc(texts.REVIEW_TIME_CLEARED + " " + when.describe())
    assert when.at is not None
    text = texts.REVIEW_TIME_SET.format(hour=when.at[0], minute=when.at[1], timezone=when.timezone)
    if when.state != "on":
        text += " " + (texts.REVIEW_TIME_PAUSED if when.state == "paused" else texts.REVIEW_TIME_STOPPED)
    return esc(text)

