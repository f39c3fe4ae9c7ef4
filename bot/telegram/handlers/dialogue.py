"""The conversation: commands, free text and answer buttons go to ConversationService; replies rendered."""

from __future__ import annotations

import logging
from datetime import date

from telegram import Message, Update

from bot import texts
from bot.domain.dialogue import Reply, UserInput
from bot.domain.progress import human_dates
from bot.services.conversation import Outcome
from bot.telegram import keyboards
from bot.telegram.callbacks import Answer
from bot.telegram.handlers import jobs
from bot.telegram.handlers import roadmap as roadmap_handlers
from bot.telegram.handlers.common import (
    CHANNEL,
    COMMANDS,
    WaypointContext,
    display_name,
    drop_keyboard,
    edit_html,
    external_id,
    send_html,
)
from bot.telegram.html import esc
from bot.telegram.numbers import ascii_int

log = logging.getLogger(__name__)

# Commands the dialogue itself understands (the rest have their own handlers).
# The dialogue's button that takes a date as the deadline (bot.domain.dialogue, step "done").
USE_DATE_PREFIX = "usedate:"
DIALOGUE_COMMANDS = ("start", "summary", "edit", "back", "restart", "cancel", "plan")


def polish(text: str) -> str:
    """A dialogue reply as Telegram shows it: the greeting says how long setup takes and what is stored (and
    that /delete erases it), the hours and deadline questions say a typed answer works, and dates read like
    every other date the learner sees."""
    if texts.WELCOME in text:
        text = text.replace(texts.WELCOME, f"{texts.WELCOME}\n{texts.TG_WELCOME_SETUP}")
    for question, hint in ((texts.Q_HOURS, texts.TG_HOURS_TYPED), (texts.Q_DEADLINE, texts.TG_DEADLINE_TYPED)):
        if question in text and hint not in text:
            text = text.replace(question, f"{question} {hint}")
    return human_dates(text)


def help_text() -> str:
    """/help: every learner command with its description (the same list as the command menu)."""
    lines = [esc(texts.TG_HELP_INTRO), ""]
    lines += [f"/{name} – {esc(description)}" for name, description in COMMANDS]
    return "\n".join(lines)


async def use_date(update: Update, context: WaypointContext, day: date) -> None:
    """Take `day` (the earliest date the plan reaches at the learner's pace) as the deadline and plan again."""
    who = external_id(update)
    if who is None or update.effective_chat is None:
        return
    outcome = context.services.conversation.handle(
        CHANNEL, who, UserInput(kind="button", value=f"{USE_DATE_PREFIX}{day.isoformat()}"), display_name(update))
    await render_outcome(context, update.effective_chat.id, outcome)


async def help_command(update: Update, context: WaypointContext) -> None:
    """Send the list of commands."""
    if update.effective_chat:
        await send_html(context, update.effective_chat.id, help_text())


async def dialogue_command(update: Update, context: WaypointContext) -> None:
    """/start, /summary, /edit, /back, /restart, /cancel, /plan: a dialogue command with its argument."""
    message = update.effective_message
    who = external_id(update)
    if message is None or message.text is None or who is None or update.effective_chat is None:
        return
    jobs.forget_wait(update, context)  # a bare /job waits for the ad no longer
    outcome = context.services.conversation.handle(
        CHANNEL, who, UserInput(kind="command", value=message.text.strip()), display_name(update)
    )
    await render_outcome(context, update.effective_chat.id, outcome)


async def text_message(update: Update, context: WaypointContext) -> None:
    """Free text: an answer in the learner's own words (or a job ad, issue 17, when it reads as one)."""
    message = update.effective_message
    who = external_id(update)
    if message is None or not message.text or who is None or update.effective_chat is None:
        return
    if await jobs.maybe_job_ad(update, context):
        return
    outcome = context.services.conversation.handle(
        CHANNEL, who, UserInput(kind="text", value=message.text), display_name(update)
    )
    await render_outcome(context, update.effective_chat.id, outcome)


async def answer_button(update: Update, context: WaypointContext, callback: Answer) -> None:
    """A dialogue option was tapped: check it is current, answer, and edit the question to show it."""
    query = update.callback_query
    who = external_id(update)
    if query is None or who is None or update.effective_chat is None:
        return
    asked = query.message if isinstance(query.message, Message) else None
    service = context.services.conversation
    value = callback.value
    chosen = _pressed_label(asked, query.data)
    if value.startswith("#"):
        value = _value_by_index(context, who, value)
    if not value:
        await stale(update, context)
        return
    # The version check and the step are one transaction: a stale button changes nothing.
    outcome = service.handle(CHANNEL, who, UserInput(kind="button", value=value), display_name(update),
                             expected_version=callback.version)
    if outcome.stale:
        await stale(update, context)
        return
    await query.answer()
    replies = list(outcome.replies)
    if asked is not None and asked.reply_markup and replies and replies[0].multi_select and _was_multi(asked):
        # A tick in a multi-select list: redraw the list in place instead of a new message.
        first = replies.pop(0)
        markup = keyboards.options_keyboard(first.options, outcome.state_version)
        if not await edit_html(asked, esc(polish(first.text)), markup):
            replies.insert(0, first)
    elif asked is not None:
        shown = asked.text_html if asked.text else ""
        if not await edit_html(asked, f"{shown}\n\n<i>→ {esc(chosen or value)}</i>"):
            await drop_keyboard(asked)
    await render_outcome(context, update.effective_chat.id, outcome, replies)


def _was_multi(message: Message) -> bool:
    """Whether a question message was a multi-select list (it has ticks or a Done button)."""
    markup = message.reply_markup
    labels = [b.text for row in markup.inline_keyboard for b in row] if markup else []
    return any(label.startswith("✅") or label == texts.DONE for label in labels)


def _pressed_label(message: Message | None, data: str | None) -> str | None:
    """The label of the button with this callback data on the message, if found."""
    if message is None or message.reply_markup is None:
        return None
    for row in message.reply_markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def _value_by_index(context: WaypointContext, who: str, value: str) -> str:
    """Resolve a '#<index>' callback (a value too long for callback data) against the current question."""
    current = context.services.conversation.current_reply(CHANNEL, who)
    index = ascii_int(value[1:])
    if current is None or index is None:
        return ""
    return current.options[index].value if index < len(current.options) else ""


async def stale(update: Update, context: WaypointContext) -> None:
    """An out-of-date or tampered button: say so kindly and show the current question again."""
    query = update.callback_query
    who = external_id(update)
    if query is None or update.effective_chat is None:
        return
    await query.answer(texts.TG_STALE_BUTTON)
    await drop_keyboard(query.message if isinstance(query.message, Message) else None)
    chat_id = update.effective_chat.id
    current = context.services.conversation.current_reply(CHANNEL, who) if who else None
    version = context.services.conversation.current_version(CHANNEL, who) if who else 0
    if current is None:
        await send_html(context, chat_id, esc(texts.TG_STALE_BUTTON))
        return
    await send_html(
        context, chat_id, f"{esc(texts.TG_STALE_BUTTON)}\n\n{esc(polish(current.text))}",
        keyboards.options_keyboard(current.options, version),
    )


async def render_outcome(
    context: WaypointContext, chat_id: int, outcome: Outcome, replies: list[Reply] | None = None
) -> None:
    """Send the dialogue's replies (buttons carry the state version), then the roadmap and any catalog notices."""
    replies = outcome.replies if replies is None else replies
    for reply in replies:
        markup = keyboards.options_keyboard(reply.options, outcome.state_version)
        await send_html(context, chat_id, esc(polish(reply.text)), markup)
    if outcome.roadmap is not None:
        if outcome.new_roadmap and outcome.roadmap_version == 1:
            from bot.telegram.handlers.skillchecks import send_offer

            await send_offer(context, chat_id, outcome.learner_id)  # prove claimed skills (issue 18)
        offered = any(o.value.startswith(USE_DATE_PREFIX) for reply in replies for o in reply.options)
        await roadmap_handlers.send_roadmap(context, chat_id, outcome.learner_id, outcome.view,
                                            offer_earliest=not offered)
        if outcome.roadmap_version is not None:
            await roadmap_handlers.send_notices(context, chat_id, outcome.roadmap_version, outcome.notices)
