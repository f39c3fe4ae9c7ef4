"""The onboarding conversation as data: a table of steps, each with its question, options and parsers."""

from bot.domain.dialogue.answers import yes_no
from bot.domain.dialogue.engine import current_reply, step
from bot.domain.dialogue.fields import FIELDS, describe
from bot.domain.dialogue.model import DialogueState, Option, Reply, StepResult, UserInput
from bot.domain.dialogue.quiz import suggest_role
from bot.domain.dialogue.steps import STEPS
from bot.domain.dialogue.turn import MAX_VALUE_BYTES

__all__ = [
    "FIELDS",
    "MAX_VALUE_BYTES",
    "STEPS",
    "DialogueState",
    "Option",
    "Reply",
    "StepResult",
    "UserInput",
    "current_reply",
    "describe",
    "step",
    "suggest_role",
    "yes_no",
]
