"""Weekly check-in reminders and the daily review (issue 18): /reminders to set, pause or stop, /review time;
their JobQueue jobs, persisted in SQLite."""

from __future__ import annotations

import logging
from contextlib import suppress
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, Job, JobQueue

from bot import texts
from bot.domain.skillcheck import parse_time_of_day
from bot.storage.db import DatabaseBusy
from bot.storage.repositories import Reminder, ReviewSlot
from bot.telegram.callbacks import Outdated, ReminderAt, ReminderDay, ReminderSwitch, ReviewAt
from bot.telegram.handlers.common import CHANNEL, WaypointContext, edit_html, external_id, send_html
from bot.telegram.handlers.polls import send_question, service
from bot.telegram.html import esc
from bot.telegram.numbers import ascii_int
from bot.telegram.views.reminders import (
    DEFAULT_TIMEZONE,
    check_in,
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
# A reminder that times out or hits a network error is tried again after these delays (seconds), then
# given up for the week (the weekly job stays); Forbidden and other BadRequests are never retried.
RETRY_DELAYS = (30.0, 120.0)


@dataclass(frozen=True, slots=True)
class ReminderRetry:
    """The data of a one-off retry job: whose reminder, and which retry this is (1 = the first)."""

    learner_id: int
    attempt: int


def job_name(learner_id: int) -> str:
    """The JobQueue name of a learner's reminder job."""
    return f"reminder:{learner_id}"


def review_job_name(learner_id: int) -> str:
    """The JobQueue name of a learner's daily review job (at the reminder's time, issue 18)."""
    return f"review:{learner_id}"


def retry_job_name(learner_id: int) -> str:
    """The JobQueue name of a pending retry of a learner's reminder."""
    return f"reminder-retry:{learner_id}"


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


def schedule(job_queue: JobQueue | None, reminder: Reminder, chat_id: int, review: ReviewSlot | None = None,
             ) -> None:
    """(Re)create the learner's weekly job at their local weekday and time, and the daily review job at
    `review` (the learner's review slot as the service reads it; without one, the reminder's time)."""
    if job_queue is None:
        return
    unschedule(job_queue, reminder.learner_id)
    if not reminder.active or reminder.paused:
        return  # reviews are paused and stopped with the reminder
    at = time(reminder.hour, reminder.minute, tzinfo=ZoneInfo(reminder.timezone))
    # PTB counts days from Sunday = 0; ours (like Python's) from Monday = 0.
    job_queue.run_daily(send_reminder, at, days=((reminder.weekday + 1) % 7,), name=job_name(reminder.learner_id),
                        data=reminder.learner_id, chat_id=chat_id)
    if review is None:
        review = ReviewSlot(reminder.learner_id, str(chat_id), reminder.hour, reminder.minute, reminder.timezone,
                            False)
    schedule_reviews(job_queue, reminder.learner_id, review, chat_id)


def schedule_reviews(job_queue: JobQueue | None, learner_id: int, review: ReviewSlot | None, chat_id: int) -> None:
    """(Re)create the learner's daily review job at their review slot; none when there is no slot."""
    if job_queue is None:
        return
    for job in job_queue.get_jobs_by_name(review_job_name(learner_id)):
        job.schedule_removal()
    if review is None:
        return
    # Due reviews come every day at the same time (quiz polls, at most 3 a day), paused and stopped with reminders.
    at = time(review.hour, review.minute, tzinfo=ZoneInfo(review.timezone))
    job_queue.run_daily(send_reviews, at, name=review_job_name(learner_id), data=learner_id, chat_id=chat_id)


def _review_slot(context: WaypointContext, learner_id: int) -> ReviewSlot | None:
    """The learner's review slot now (their own time, or the reminder's)."""
    return service(context).review_slot(learner_id)


def unschedule(job_queue: JobQueue | None, learner_id: int) -> None:
    """Remove the learner's job and any pending retry of it."""
    if job_queue is None:
        return
    for name in (job_name(learner_id), retry_job_name(learner_id), review_job_name(learner_id)):
        for job in job_queue.get_jobs_by_name(name):
            job.schedule_removal()


def restore_all(application: Application) -> int:
    """Schedule every active reminder from SQLite (at start); returns how many."""
    services = application.bot_data["services"]
    count = 0
    for reminder, who in services.progress.active_reminders():
        chat_id = ascii_int(who)
        if chat_id is not None:  # a user id: their private chat (never a group, whose ids are negative)
            schedule(application.job_queue, reminder, chat_id)
            count += 1
    log.info("re-scheduled %d reminder(s)", count)
    return count


def _retry_later(context: WaypointContext, learner_id: int, chat_id: int, attempt: int, error: Exception) -> None:
    """Schedule retry number `attempt` (1-based) of a reminder that failed in transit, or give up for the week."""
    job_queue: JobQueue | None = context.job_queue
    if attempt > len(RETRY_DELAYS) or job_queue is None:
        log.warning("reminder for learner %s not delivered after %d tries (%s): skipped this week",
                    learner_id, attempt, error)
        return
    delay = RETRY_DELAYS[attempt - 1]
    if isinstance(error, RetryAfter):
        retry_after = error.retry_after
        delay = max(delay, retry_after if isinstance(retry_after, int | float) else retry_after.total_seconds())
    log.info("reminder for learner %s failed (%s): retry %d in %.0f s", learner_id, error, attempt, delay)
    job_queue.run_once(send_reminder, delay, name=retry_job_name(learner_id),
                       data=ReminderRetry(learner_id, attempt), chat_id=chat_id)


def _remove(job: Job) -> None:
    """Remove a job; a one-off retry job has already left the scheduler by the time it runs."""
    with suppress(LookupError):  # APScheduler's JobLookupError
        job.schedule_removal()


async def send_reminder(context: WaypointContext) -> None:
    """The weekly check-in; a learner who blocked the bot has reminders switched off for good.

    A timeout or network error is retried (RETRY_DELAYS) through the JobQueue so that week's reminder is not
    lost; Forbidden and BadRequest switch reminders off and are never retried.
    """
    job = context.job
    if job is None or job.chat_id is None:
        return
    if isinstance(job.data, ReminderRetry):
        learner_id, attempt = job.data.learner_id, job.data.attempt
    elif isinstance(job.data, int):
        learner_id, attempt = job.data, 0
    else:
        return
    services = context.services
    if not services.progress.reminder_due(learner_id, CHANNEL, str(job.chat_id)):
        # Stopped, paused or re-assigned elsewhere (another process, a restore): never send a stale reminder.
        log.info("reminder job for learner %s no longer matches the database: removed", learner_id)
        _remove(job)
        unschedule(context.job_queue, learner_id)
        return
    summary = services.progress.summary(learner_id)
    from bot.telegram.handlers.jobs import job_service  # issue 17: saved job ads that reached 80%

    text, markup = check_in(summary, job_service(context).crossings(learner_id))
    try:
        await send_html(context, job.chat_id, text, markup)
    except Forbidden:
        log.info("learner %s blocked the bot: reminders switched off", learner_id)
        services.progress.stop_reminder(learner_id, reason="forbidden")
        _remove(job)
        unschedule(context.job_queue, learner_id)
        return
    except BadRequest as exc:  # chat gone: same outcome, never retried forever (BadRequest is a NetworkError)
        log.info("reminder for learner %s not deliverable (%s): switched off", learner_id, exc)
        services.progress.stop_reminder(learner_id, reason="undeliverable")
        _remove(job)
        unschedule(context.job_queue, learner_id)
        return
    except (NetworkError, RetryAfter) as exc:  # TimedOut is a NetworkError; RetryAfter left by the rate limiter
        _retry_later(context, learner_id, job.chat_id, attempt + 1, exc)
        return
    try:
        services.progress.reminder_sent(learner_id)
    except DatabaseBusy:  # only the "last sent" note is missed; never block the loop or resend for it
        log.info("reminder for learner %s sent; the database was locked, so it is not noted as sent", learner_id)


async def reminders_command(update: Update, context: WaypointContext) -> None:
    """/reminders [day hour [zone] | tz Zone | pause | resume | stop]."""
    chat = update.effective_chat
    who = external_id(update)
    if chat is None or who is None:
        return
    progress = context.services.progress
    learner_id = progress.learner_id(CHANNEL, who)
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
                zone = progress.set_timezone(learner_id, args[1])
            except ValueError:
                await send_html(context, chat.id, esc(texts.TG_REMINDER_BAD_ZONE.format(zone=args[1])))
                return
            reminder = progress.reminder(learner_id)
            if reminder is not None:
                schedule(job_queue, reminder, int(who), _review_slot(context, learner_id))
            else:
                schedule_reviews(job_queue, learner_id, _review_slot(context, learner_id), int(who))
            await send_html(context, chat.id, esc(texts.TG_REMINDER_ZONE_SET.format(timezone=zone)))
            return
        day = parse_day(args[0])
        at = parse_hour(args[1]) if len(args) > 1 else None
        zone_text = args[2] if len(args) > 2 else (progress.timezone(learner_id) or DEFAULT_TIMEZONE)
        if day is None or at is None:
            await send_html(context, chat.id, esc(texts.TG_REMINDER_USAGE))
            return
        try:
            reminder = progress.set_reminder(learner_id, day, at[0], zone_text, minute=at[1])
        except ValueError:
            await send_html(context, chat.id, esc(texts.TG_REMINDER_BAD_ZONE.format(zone=zone_text)))
            return
        # the learner's private chat, never the chat it was set from
        schedule(job_queue, reminder, int(who), _review_slot(context, learner_id))
        await send_html(context, chat.id, status_html(reminder, reminder.timezone), menu_keyboard(reminder))
        return
    reminder = progress.reminder(learner_id)
    await send_html(context, chat.id, status_html(reminder, progress.timezone(learner_id)), menu_keyboard(reminder))


async def _apply(update: Update, context: WaypointContext, learner_id: int, chat_id: int, action: str) -> None:
    """Pause, resume or stop, then show the status (editing the tapped message when there is one)."""
    progress = context.services.progress
    if action in {"pause", "resume"}:
        reminder = progress.pause_reminder(learner_id, action == "pause")
        if reminder is not None:
            schedule(context.job_queue, reminder, chat_id, _review_slot(context, learner_id))
    else:
        progress.stop_reminder(learner_id)
        unschedule(context.job_queue, learner_id)
        reminder = progress.reminder(learner_id)
    await _show(update, context, status_html(reminder, progress.timezone(learner_id)), menu_keyboard(reminder))


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
            progress = context.services.progress
            zone = progress.timezone(learner_id) or DEFAULT_TIMEZONE
            reminder = progress.set_reminder(learner_id, day, hour, zone)
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


async def send_reviews(context: WaypointContext) -> None:
    """The daily review job at the learner's reminder time: 1-2 due quiz polls, paused with reminders;
    a learner who blocked the bot has reviews (and reminders) switched off."""
    job = context.job
    if job is None or job.chat_id is None or not isinstance(job.data, int):
        return
    learner_id = job.data
    if not service(context).review_due(learner_id, CHANNEL, str(job.chat_id)):
        job.schedule_removal()  # paused or stopped with reminders, or given up since it was scheduled
        return
    due = service(context).due_reviews(learner_id)
    try:
        for asked in due:
            await send_question(context, job.chat_id, learner_id, asked)
    except Forbidden:
        log.info("learner %s blocked the bot: reviews and reminders switched off", learner_id)
        service(context).pause_reviews(learner_id, "forbidden")
        unschedule(context.job_queue, learner_id)
    except BadRequest as exc:
        log.info("review for learner %s not deliverable (%s)", learner_id, exc)
    except TelegramError as exc:  # a network hiccup: the reviews stay due for tomorrow
        log.info("review for learner %s not sent (%s); still due", learner_id, exc)
