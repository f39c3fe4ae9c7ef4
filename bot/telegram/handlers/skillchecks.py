"""Skill checks and reviews (issue 18): /check, /review, quiz polls, poll answers, the daily review job."""

from __future__ import annotations

import inspect
import logging
from typing import Any

from telegram import Poll, Update
from telegram.constants import PollLimit
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ExtBot

from bot import texts
from bot.domain.skillcheck import find_skill, parse_time_of_day
from bot.services.skill_checks import Answered, Asked, SkillCheckService
from bot.telegram.callbacks import CheckKeep, CheckRefresh, CheckSkip, CheckStart, Outdated, Refresher, ReviewAt
from bot.telegram.handlers.common import CHANNEL, WaypointContext, external_id, send_html
from bot.telegram.handlers.reminders import schedule_reviews
from bot.telegram.html import esc
from bot.telegram.numbers import ascii_int
from bot.telegram.views.skillchecks import fit, offer_markup, poll_title, result_message, review_time_markup

log = logging.getLogger(__name__)
# Bot API 9.6 (PTB 22.8) names the right answers `correct_option_ids` and deprecates `correct_option_id`;
# older PTB 22 releases know only the latter.
_MANY_CORRECT = "correct_option_ids" in inspect.signature(ExtBot.send_poll).parameters


def service(context: WaypointContext) -> SkillCheckService:
    """The skill check service of this application."""
    found = context.services.extra["skill_checks"]
    assert isinstance(found, SkillCheckService)
    return found


async def send_question(context: WaypointContext, chat_id: int, learner_id: int, asked: Asked) -> None:
    """Send one question as a native quiz poll and remember its poll id (a poll_answer carries no chat)."""
    question = asked.question
    right: dict[str, Any] = (
        {"correct_option_ids": [question.correct]} if _MANY_CORRECT else {"correct_option_id": question.correct})
    message = await context.bot.send_poll(
        chat_id,
        poll_title(asked),
        [fit(o, PollLimit.MAX_OPTION_LENGTH) for o in question.options],
        is_anonymous=False,  # only a non-anonymous poll sends poll_answer updates
        type=Poll.QUIZ,
        **right,
        explanation=fit(question.explanation, PollLimit.MAX_EXPLANATION_LENGTH),
    )
    if message.poll is not None:
        service(context).sent(learner_id, asked, message.poll.id)


async def send_offer(context: WaypointContext, chat_id: int, learner_id: int) -> None:
    """After the first plan: offer to prove the claimed skills the role needs at working depth or more."""
    checks = service(context)
    skills = checks.offer(learner_id)
    if not skills:
        return
    names = {s: checks.skill_name(s) for s in skills}
    text = texts.CHECK_OFFER.format(skills=", ".join(names[s] for s in skills))
    await send_html(context, chat_id, esc(text), offer_markup(skills, names))


async def _chat_and_learner(update: Update, context: WaypointContext) -> tuple[int, int] | None:
    """The chat and learner of a /check or /review; None (after saying a plan comes first) when unknown."""
    chat, who = update.effective_chat, external_id(update)
    if chat is None or who is None:
        return None
    learner_id = context.services.progress.learner_id(CHANNEL, who)
    if learner_id is None:
        await send_html(context, chat.id, esc(texts.CHECK_NO_PLAN))
        return None
    return chat.id, learner_id


async def check_command(update: Update, context: WaypointContext) -> None:
    """/check SKILL: three quiz polls about it; without a skill, the claimed skills worth checking."""
    found = await _chat_and_learner(update, context)
    if found is None:
        return
    chat_id, learner_id = found
    checks = service(context)
    text = " ".join(context.args or [])
    if not text.strip():
        skills = checks.offer(learner_id)
        if skills:
            names = {s: checks.skill_name(s) for s in skills}
            usage = texts.CHECK_USAGE.format(skills=", ".join(names[s] for s in skills))
            await send_html(context, chat_id, esc(usage), offer_markup(skills, names))
        else:
            await send_html(context, chat_id, esc(texts.CHECK_USAGE_NONE))
        return
    skill = find_skill(text, context.services.catalog_source())
    if skill is None:
        await send_html(context, chat_id, esc(texts.CHECK_UNKNOWN.format(text=text[:60])))
        return
    await _start(context, chat_id, learner_id, skill)


async def _start(context: WaypointContext, chat_id: int, learner_id: int, skill: str) -> None:
    asked = service(context).start_check(learner_id, skill)
    if asked is None:
        name = service(context).skill_name(skill)
        await send_html(context, chat_id, esc(texts.CHECK_NO_QUESTIONS.format(skill=name)))
        return
    await send_question(context, chat_id, learner_id, asked)


async def review_command(update: Update, context: WaypointContext) -> None:
    """/review: the due reviews now (the same limits as at review time); /review time [HH:MM [zone] | off]."""
    found = await _chat_and_learner(update, context)
    if found is None:
        return
    chat_id, learner_id = found
    args = [a for a in (context.args or []) if a.strip()]
    if args and args[0].lower() in {"time", "at", "when"}:
        await _review_time(update, context, chat_id, learner_id, args[1:])
        return
    due = service(context).due_reviews(learner_id)
    if not due:
        await send_html(context, chat_id, esc(texts.REVIEW_NONE_DUE))
        return
    for asked in due:
        await send_question(context, chat_id, learner_id, asked)


async def poll_answer(update: Update, context: WaypointContext) -> None:
    """A quiz answer: found through the stored poll id; unknown, old or repeated answers are ignored."""
    answer = update.poll_answer
    if answer is None or answer.user is None or answer.user.is_bot:
        return
    chosen = answer.option_ids[0] if answer.option_ids else -1
    outcome = service(context).answer(answer.poll_id, str(answer.user.id), chosen)
    if outcome is None:
        log.info("poll answer to an unknown, old or closed poll ignored")
        return
    await _after_answer(context, answer.user.id, outcome)


async def _after_answer(context: WaypointContext, chat_id: int, outcome: Answered) -> None:
    if outcome.next is not None:
        await send_question(context, chat_id, outcome.learner_id, outcome.next)
        return
    result = outcome.result
    if result is None:
        return
    text, markup = result_message(result, context.services.clock().isoformat())
    await send_html(context, chat_id, text, markup)


async def check_button(update: Update, context: WaypointContext, learner_id: int,
                       callback: CheckStart | CheckSkip | CheckKeep | CheckRefresh | Refresher | ReviewAt | Outdated,
                       ) -> None:
    """Start a check, skip the offer, keep a claim, a refresher (after a check, or for a skill slipping in
    reviews), the review hour; a review hour that is no hour says the button is out of date."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    checks = service(context)
    await query.answer()
    match callback:
        case CheckSkip():
            await send_html(context, chat.id, esc(texts.CHECK_SKIPPED))
        case CheckStart(skill):
            await _start(context, chat.id, learner_id, skill)
        case CheckKeep(check_id):
            if checks.keep(learner_id, check_id):
                skill = checks.skill_name(_skill_of(checks, check_id))
                await send_html(context, chat.id, esc(texts.CHECK_KEPT.format(skill=skill)))
        case ReviewAt(hour):
            await _set_review_time(context, chat.id, learner_id, hour, 0, None)
        case Outdated(scope="review-time"):
            await send_html(context, chat.id, esc(texts.TG_STALE_BUTTON))
        case Refresher(skill):  # a skill slipping in reviews: a refresher in the current stage
            await send_html(context, chat.id, esc(checks.add_refresher(learner_id, skill).message))
        case CheckRefresh(check_id, skill):
            roadmap = checks.refresher(learner_id, skill, check_id)
            template = texts.CHECK_REFRESH_NONE if roadmap is None else texts.CHECK_REFRESHED
            await send_html(context, chat.id, esc(template.format(skill=checks.skill_name(skill))))


async def _review_time(update: Update, context: WaypointContext, chat_id: int, learner_id: int,
                       args: list[str]) -> None:
    """/review time: show it with hour buttons; /review time 19:30 [Zone] sets it; /review time off clears it."""
    checks = service(context)
    if not args:
        text = checks.review_time(learner_id).describe() + "\n\n" + texts.REVIEW_TIME_ASK
        await send_html(context, chat_id, esc(text), review_time_markup())
        return
    if args[0].lower() in {"off", "default", "reminder", "clear"} and len(args) == 1:
        await _set_review_time(context, chat_id, learner_id, None, 0, None)
        return
    at = parse_time_of_day(args[0]) if len(args) <= 2 else None
    if at is None:
        await send_html(context, chat_id, esc(texts.REVIEW_TIME_USAGE))
        return
    await _set_review_time(context, chat_id, learner_id, at[0], at[1], args[1] if len(args) == 2 else None)


async def _set_review_time(context: WaypointContext, chat_id: int, learner_id: int, hour: int | None,
                           minute: int, zone: str | None) -> None:
    checks = service(context)
    try:
        when = checks.set_review_time(learner_id, hour, minute, zone)
    except ValueError:
        await send_html(context, chat_id, esc(texts.REVIEW_TIME_BAD_ZONE.format(zone=(zone or "")[:60])))
        return
    who = checks.repos.learners.get(learner_id)
    private = ascii_int(who.external_id) if who is not None else None
    if private is not None:  # the learner's private chat, never a group the command came from
        schedule_reviews(context.job_queue, learner_id, checks.review_slot(learner_id), private)
    if hour is None:
        text = texts.REVIEW_TIME_CLEARED + " " + when.describe()
    else:
        assert when.at is not None
        text = texts.REVIEW_TIME_SET.format(hour=when.at[0], minute=when.at[1], timezone=when.timezone)
        if when.state != "on":
            text += " " + (texts.REVIEW_TIME_PAUSED if when.state == "paused" else texts.REVIEW_TIME_STOPPED)
    await send_html(context, chat_id, esc(text))


def _skill_of(checks: SkillCheckService, check_id: int) -> str:
    round_ = checks.repos.skill_checks.get(check_id)
    return "" if round_ is None else str(round_["skill"])


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
        from bot.telegram.handlers.reminders import unschedule

        unschedule(context.job_queue, learner_id)
    except BadRequest as exc:
        log.info("review for learner %s not deliverable (%s)", learner_id, exc)
    except TelegramError as exc:  # a network hiccup: the reviews stay due for tomorrow
        log.info("review for learner %s not sent (%s); still due", learner_id, exc)
