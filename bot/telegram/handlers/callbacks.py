"""One entry point for every inline button: parse and validate its data, then dispatch by scope."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.telegram import keyboards
from bot.telegram.handlers import dialogue, jobs, privacy, reminders, skillchecks
from bot.telegram.handlers import roadmap as roadmap_handlers
from bot.telegram.handlers.common import CHANNEL, WaypointContext, external_id


async def button(update: Update, context: WaypointContext) -> None:
    """Route a callback query; anything unparseable or unknown is treated as an out-of-date button."""
    query = update.callback_query
    who = external_id(update)
    if query is None:
        return
    if who is None or update.effective_chat is None:
        await query.answer()
        return
    callback = keyboards.parse(query.data)
    if callback is None:
        await dialogue.stale(update, context)
        return
    if callback.scope == "dialogue":
        await dialogue.answer_button(update, context, callback)
        return
    learner_id = context.services.progress.learner_id(CHANNEL, who)
    if callback.scope == "misc" and callback.value.startswith("del:"):
        await privacy.delete_button(update, context, callback.value)
        return
    if learner_id is None:
        await query.answer(texts.TG_STALE_BUTTON)
        return
    if callback.scope == "roadmap":
        await roadmap_handlers.roadmap_button(update, context, learner_id, callback.version, callback.value)
    elif callback.value.startswith("rem:"):
        await reminders.reminder_button(update, context, learner_id, callback.value)
    elif callback.value.startswith("job:"):
        await jobs.job_button(update, context, learner_id, callback.value)
    elif callback.value.startswith("chk:"):
        await skillchecks.check_button(update, context, learner_id, callback.value)
    else:
        await dialogue.stale(update, context)
