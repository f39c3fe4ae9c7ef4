"""The JobQueue jobs of reminders and reviews: their names, (re)scheduling and removal, the weekly check-in
(with retries when Telegram is unreachable) and the daily review polls."""

from __future__ import annotations

import logging
from contextlib import suppress
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Job, JobQueue

from bot.storage.db import DatabaseBusy
from bot.storage.repositories import Reminder, ReviewSlot
from bot.telegram.handlers.common import CHANNEL, WaypointContext, send_html
from bot.telegram.handlers.jobs import job_service
from bot.telegram.handlers.polls import send_question, service
from bot.telegram.views.reminders import check_in

log = logging.getLogger(__name__)

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


def unschedule(job_queue: JobQueue | None, learner_id: int) -> None:
    """Remove the learner's job and any pending retry of it."""
    if job_queue is None:
        return
    for name in (job_name(learner_id), retry_job_name(learner_id), review_job_name(learner_id)):
        for job in job_queue.get_jobs_by_name(name):
            job.schedule_removal()


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
    if not services.reminders.reminder_due(learner_id, CHANNEL, str(job.chat_id)):
        # Stopped, paused or re-assigned elsewhere (another process, a restore): never send a stale reminder.
        log.info("reminder job for learner %s no longer matches the database: removed", learner_id)
        _remove(job)
        unschedule(context.job_queue, learner_id)
        return
    summary = services.progress.summary(learner_id)
    text, markup = check_in(summary, job_service(context).crossings(learner_id))  # issue 17: ads that reached 80%
    try:
        await send_html(context, job.chat_id, text, markup)
    except Forbidden:
        log.info("learner %s blocked the bot: reminders switched off", learner_id)
        services.reminders.stop_reminder(learner_id, reason="forbidden")
        _remove(job)
        unschedule(context.job_queue, learner_id)
        return
    except BadRequest as exc:  # chat gone: same outcome, never retried forever (BadRequest is a NetworkError)
        log.info("reminder for learner %s not deliverable (%s): switched off", learner_id, exc)
        services.reminders.stop_reminder(learner_id, reason="undeliverable")
        _remove(job)
        unschedule(context.job_queue, learner_id)
        return
    except (NetworkError, RetryAfter) as exc:  # TimedOut is a NetworkError; RetryAfter left by the rate limiter
        _retry_later(context, learner_id, job.chat_id, attempt + 1, exc)
        return
    try:
        services.reminders.reminder_sent(learner_id)
    except DatabaseBusy:  # only the "last sent" note is missed; never block the loop or resend for it
        log.info("reminder for learner %s sent; the database was locked, so it is not noted as sent", learner_id)


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
