"""One entry point for every learner's inline button: decode its data, then one `match` to its handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Update

from bot import texts
from bot.telegram.callbacks import (
    Answer,
    CheckKeep,
    CheckRefresh,
    CheckSkip,
    CheckStart,
    DeleteNo,
    DeleteYes,
    Earliest,
    File,
    FirstStage,
    JobButton,
    Mark,
    Outdated,
    Overview,
    Progress,
    Refresher,
    ReminderAt,
    ReminderDay,
    ReminderSwitch,
    Replan,
    ReviewAt,
    Stage,
    decode,
)
from bot.telegram.handlers import dialogue, jobs, privacy, progress, reminders, roadmap, skillchecks
from bot.telegram.handlers.common import CHANNEL, WaypointContext, external_id

C = TypeVar("C")
LearnerHandler = Callable[[Update, WaypointContext, int, C], Awaitable[None]]


async def button(update: Update, context: WaypointContext) -> None:
    """Route a callback query; anything unparseable or unknown is treated as an out-of-date button."""
    query = update.callback_query
    if query is None:
        return
    if external_id(update) is None or update.effective_chat is None:
        await query.answer()
        return
    callback = decode(query.data)
    match callback:
        case Answer():
            await dialogue.answer_button(update, context, callback)
        case DeleteYes() | DeleteNo():  # no learner needed: a "no" from someone never seen is still answered
            await privacy.delete_button(update, context, callback)
        case Mark():
            await _as_learner(update, context, progress.mark_button, callback)
        case Progress():
            await _as_learner(update, context, progress.progress_button, callback)
        case Overview():
            await _as_learner(update, context, roadmap.overview_button, callback)
        case Stage() | FirstStage():
            await _as_learner(update, context, roadmap.stage_button, callback)
        case File():
            await _as_learner(update, context, roadmap.file_button, callback)
        case Replan():
            await _as_learner(update, context, roadmap.replan_button, callback)
        case Earliest():
            await _as_learner(update, context, _use_earliest, callback)
        case Outdated(scope="roadmap"):
            await _as_learner(update, context, roadmap.outdated_button, callback)
        case ReminderDay() | ReminderAt() | ReminderSwitch():
            await _as_learner(update, context, reminders.reminder_button, callback)
        case JobButton():
            await _as_learner(update, context, jobs.job_button, callback)
        case CheckStart() | CheckSkip() | CheckKeep() | CheckRefresh() | Refresher() | Outdated(scope="check"):
            await _as_learner(update, context, skillchecks.check_button, callback)
        case ReviewAt() | Outdated(scope="review-time"):
            await _as_learner(update, context, reminders.review_time_button, callback)
        case Outdated(scope="reminder" | "job"):
            await _as_learner(update, context, _out_of_date, callback)
        case Outdated(scope="misc"):
            await _as_learner(update, context, _stale, callback)
        case _:  # malformed, foreign, or an admin button that reached the learner's side
            await dialogue.stale(update, context)


async def _as_learner(update: Update, context: WaypointContext, handler: LearnerHandler[C], callback: C) -> None:
    """Call `handler` for the learner who tapped; a button from someone with no learner row is out of date."""
    who = external_id(update)
    learner_id = None if who is None else context.services.progress.learner_id(CHANNEL, who)
    if learner_id is None:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.TG_STALE_BUTTON)
        return
    await handler(update, context, learner_id, callback)


async def _use_earliest(update: Update, context: WaypointContext, learner_id: int, callback: Earliest) -> None:
    """The earliest reachable date as the new deadline: the dialogue takes it like a typed date."""
    earliest = await roadmap.earliest_date(update, context, learner_id, callback)
    if earliest is not None:
        await dialogue.use_date(update, context, earliest)


async def _out_of_date(update: Update, context: WaypointContext, learner_id: int, callback: Outdated) -> None:
    """A reminder or job button this version does not understand: say it is out of date."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.TG_STALE_BUTTON)


async def _stale(update: Update, context: WaypointContext, learner_id: int, callback: Outdated) -> None:
    """A version-free button of no family this version knows: the dialogue's out-of-date answer."""
    await dialogue.stale(update, context)
