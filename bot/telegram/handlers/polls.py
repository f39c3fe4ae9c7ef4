"""Quiz polls (issue 18): the skill check service of this application, and one question sent as a native quiz."""

from __future__ import annotations

import inspect
from typing import Any

from telegram import Poll
from telegram.constants import PollLimit
from telegram.ext import ExtBot

from bot.services.skill_checks import Asked, SkillCheckService
from bot.telegram.handlers.common import WaypointContext
from bot.telegram.views.skillchecks import fit, poll_title

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
