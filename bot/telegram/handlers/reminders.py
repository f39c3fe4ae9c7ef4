"""Weekly check-in reminders and the daily review time (issue 18): /reminders to set, pause or stop, its
buttons, and /review time; the jobs themselves are in `handlers/reminder_jobs.py`."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update

from bot import texts
from bot.domain.skillcheck import parse_time_of_day
from bot.storage.repositories import ReviewSlot
from bot.telegram.callbacks import Outdated, ReminderAt, ReminderDay, ReminderSwitch, ReviewAt
from bot.telegram.handlers.common import CHANNEL, WaypointContext, edit_html, external_id, send_html
from bot.telegram.handlers.polls import service
from bot.telegram.handlers.reminder_jobs import schedule, schedule_reviews, unschedule
from bot.telegram.html import esc
from bot.telegram.numbers import ascii_int
from bot.telegram.views.reminders import (
    DEFAULT_TIMEZONE,
    hour_question_html,
    hours_keyboard,
    menu_keyboard,
    review_time_html,
    review_time_set_html,
    status_html,
)
from bot.telegram.views.skillchecks import review_time_markup

log = logging.getLogger(__name__)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
def parse_day(word: str) -> int | None:
    """Weekday number (Monday = 0) from 'mon', 'Monday', '1'..'7'."""
    word = word.strip().lower()
    number = ascii_int(word)
    if number is not None:
        return number - 1 if 1 <= number <= 7 else None
    return next((i for i, day in enumerate(DAYS) if word.startswith(day) or (len(word) >= 2 and day.startswith(word))),
                None)


def parse_hour(word: str) -> tuple[int, int] | None:
    """(hour, minute) from '18', '18:30', '6pm', '7am'."""
    word = word.strip().lower()
    pm = word.endswith("pm")
    word = word.removesuffix("pm").removesuffix("am").removesuffix("h")
    hour_text, _, minute_text = word.partition(":")
    hour, minute = ascii_int(hour_text), ascii_int(minute_text or "0")
    if hour is None or minute is None:
        return None
    if pm and hour < 12:
        hour += 12
    return (hour, minute) if 0 <= hour <= 23 and 0 <= minute <= 59 else None


def _review_slot(context: WaypointContext, learner_id: int) -> ReviewSlot | None:
    """The learner's review slot now (their own time, or the reminder's)."""
    return service(context).review_slot(learner_id)


async def reminders_command(update: Update, context: WaypointContext) -> None:
    """/reminders [day hour [zone] | tz Zone | pause | resume | stop]."""
    chat = update.effective_chat
    who = external_id(update)
    if chat is None or who is None:
        return
    reminders = context.services.reminders
    learner_id = reminders.learner_id(CHANNEL, who)
    if learner_id is None:
        await send_html(context, chat.id, esc(texts.TG_NO_PLAN_HINT))
        return
    args = [a for a in (context.args or []) if a.strip()]
    job_queue = context.job_queue
    if args:
        word = args[0].lower()
        if word in {"pause", "resume", "stop", "off"}:
            await _apply(update, context, learner_id, int(who), word)
            return
        if word in {"tz", "timezone", "zone"} and len(args) == 2:
            try:
                zone = reminders.set_timezone(learner_id, args[1])
            except ValueError:
                await send_html(context, chat.id, esc(texts.TG_REMINDER_BAD_ZONE.format(zone=args[1])))
                return
            reminder = reminders.reminder(learner_id)
            if reminder is not None:
                schedule(job_queue, reminder, int(who), _review_slot(context, learner_id))
            else:
                schedule_reviews(job_queue, learner_id, _review_slot(context, learner_id), int(who))
            await send_html(context, chat.id, esc(texts.TG_REMINDER_ZONE_SET.format(timezone=zone)))
            return
        day = parse_day(args[0])
        at = parse_hour(args[1]) if len(args) > 1 else None
        zone_text = args[2] if len(args) > 2 else (reminders.timezone(learner_id) or DEFAULT_TIMEZONE)
        if day is None or at is None:
            await send_html(context, chat.id, esc(texts.TG_REMINDER_USAGE))
            return
        try:
            reminder = reminders.set_reminder(learner_id, day, at[0], zone_text, minute=at[1])
        except ValueError:
            await send_html(context, chat.id, esc(texts.TG_REMINDER_BAD_ZONE.format(zone=zone_text)))
            return
        # the learner's private chat, never the chat it was set from
        schedule(job_queue, reminder, int(who), _review_slot(context, learner_id))
        await send_html(context, chat.id, status_html(reminder, reminder.timezone), menu_keyboard(reminder))
        return
    reminder = reminders.reminder(learner_id)
    await send_html(context, chat.id, status_html(reminder, reminders.timezone(learner_id)), menu_keyboard(reminder))


async def _apply(update: Update, context: WaypointContext, learner_id: int, chat_id: int, action: str) -> None:
    """Pause, resume or stop, then show the status (editing the tapped message when there is one)."""
    reminders = context.services.reminders
    if action in {"pause", "resume"}:
        reminder = reminders.pause_reminder(learner_id, action == "pause")
        if reminder is not None:
            schedule(context.job_queue, reminder, chat_id, _review_slot(context, learner_id))
    else:
        reminders.stop_reminder(learner_id)
        unschedule(context.job_queue, learner_id)
        reminder = reminders.reminder(learner_id)
    await _show(update, context, status_html(reminder, reminders.timezone(learner_id)), menu_keyboard(reminder))


async def _show(update: Update, context: WaypointContext, text: str, markup: InlineKeyboardMarkup) -> None:
    query = update.callback_query
    message = query.message if query is not None else None
    if isinstance(message, Message) and await edit_html(message, text, markup):
        return
    if update.effective_chat:
        await send_html(context, update.effective_chat.id, text, markup)


async def reminder_button(update: Update, context: WaypointContext, learner_id: int,
                          callback: ReminderDay | ReminderAt | ReminderSwitch) -> None:
    """A weekday → choose an hour; a weekday and an hour → set; pause, resume or stop."""
    query = update.callback_query
    chat = update.effective_chat
    who = external_id(update)
    if query is None or chat is None or who is None:
        return
    await query.answer()
    match callback:
        case ReminderSwitch(action):
            await _apply(update, context, learner_id, int(who), action)
        case ReminderDay(day):
            await _show(update, context, hour_question_html(day), hours_keyboard(day))
        case ReminderAt(day, hour):
            reminders = context.services.reminders
            zone = reminders.timezone(learner_id) or DEFAULT_TIMEZONE
            reminder = reminders.set_reminder(learner_id, day, hour, zone)
            # the learner's private chat, never a group
            schedule(context.job_queue, reminder, int(who), _review_slot(context, learner_id))
            await _show(update, context, status_html(reminder, zone), menu_keyboard(reminder))


async def review_time(update: Update, context: WaypointContext, chat_id: int, learner_id: int,
                      args: list[str]) -> None:
    """/review time: show it with hour buttons; /review time 19:30 [Zone] sets it; /review time off clears it."""
    checks = service(context)
    if not args:
        await send_html(context, chat_id, review_time_html(checks.review_time(learner_id)), review_time_markup())
        return
    if args[0].lower() in {"off", "default", "reminder", "clear"} and len(args) == 1:
        await _set_review_time(update, context, learner_id, None, 0, None)
        return
    at = parse_time_of_day(args[0]) if len(args) <= 2 else None
    if at is None:
        await send_html(context, chat_id, esc(texts.REVIEW_TIME_USAGE))
        return
    await _set_review_time(update, context, learner_id, at[0], at[1], args[1] if len(args) == 2 else None)


async def _set_review_time(update: Update, context: WaypointContext, learner_id: int, hour: int | None,
                           minute: int, zone: str | None) -> None:
    """Set (or clear, with no hour) the review time and re-schedule the daily review job; say what is set."""
    chat, who = update.effective_chat, external_id(update)
    if chat is None:
        return
    checks = service(context)
    try:
        when = checks.set_review_time(learner_id, hour, minute, zone)
    except ValueError:
        await send_html(context, chat.id, esc(texts.REVIEW_TIME_BAD_ZONE.format(zone=(zone or "")[:60])))
        return
    private = ascii_int(who) if who is not None else None
    if private is not None:  # the learner's private chat, never a group the command came from
        schedule_reviews(context.job_queue, learner_id, checks.review_slot(learner_id), private)
    await send_html(context, chat.id, review_time_set_html(when, cleared=hour is None))


async def review_time_button(update: Update, context: WaypointContext, learner_id: int,
                             callback: ReviewAt | Outdated) -> None:
    """A review hour (or back to the reminder's time); a review hour that is no hour is out of date."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    await query.answer()
    if isinstance(callback, ReviewAt):
        await _set_review_time(update, context, learner_id, callback.hour, 0, None)
    else:
        await send_html(context, chat.id, esc(texts.TG_STALE_BUTTON))
