"""Skill checks and reviews (issue 18): /check, /review, the offer after the first plan, poll answers."""

from __future__ import annotations

import logging

from telegram import Update

from bot import texts
from bot.domain.skillcheck import find_skill
from bot.services.skill_checks import Answered
from bot.telegram.callbacks import CheckKeep, CheckRefresh, CheckSkip, CheckStart, Outdated, Refresher
from bot.telegram.handlers.common import CHANNEL, WaypointContext, external_id, send_html
from bot.telegram.handlers.polls import send_question, service
from bot.telegram.handlers.reminders import review_time
from bot.telegram.html import esc
from bot.telegram.views.skillchecks import offer_markup, result_message

log = logging.getLogger(__name__)


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
        await review_time(update, context, chat_id, learner_id, args[1:])
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
                       callback: CheckStart | CheckSkip | CheckKeep | CheckRefresh | Refresher | Outdated) -> None:
    """Start a check, skip the offer, keep a claim, a refresher (after a check, or for a skill slipping in
    reviews); a check button this version does not understand is only answered."""
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
                skill = checks.skill_name(checks.skill_of_check(check_id))
                await send_html(context, chat.id, esc(texts.CHECK_KEPT.format(skill=skill)))
        case Refresher(skill):  # a skill slipping in reviews: a refresher in the current stage
            await send_html(context, chat.id, esc(checks.add_refresher(learner_id, skill).message))
        case CheckRefresh(check_id, skill):
            roadmap = checks.refresher(learner_id, skill, check_id)
            template = texts.CHECK_REFRESH_NONE if roadmap is None else texts.CHECK_REFRESHED
            await send_html(context, chat.id, esc(template.format(skill=checks.skill_name(skill))))
