"""What goes in and out of one dialogue step: the input, its options, the reply, the saved state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.domain.planner import Roadmap
from bot.domain.profile import LearnerProfile
from bot.domain.understanding import (
    Clarification,
)


class UserInput(BaseModel):
    """What the learner sent: free text, a button value, or a command such as "/edit hours"."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["text", "button", "command"]
    value: str


class Option(BaseModel):
    """A button: what it shows and the short value it sends back (≤ 40 ASCII bytes)."""

    model_config = ConfigDict(frozen=True)

    label: str
    value: str


class Reply(BaseModel):
    """One message to the learner: plain text (front-ends escape it) with optional buttons."""

    model_config = ConfigDict(frozen=True)

    text: str
    options: list[Option] = []
    multi_select: bool = False
    # The question asks for an amount (hours, years, dollars): a typed bare number is that amount, not a
    # position in the option list (a terminal that numbers options must not read "4" years as the 4th option).
    amount: bool = False


class DialogueState(BaseModel):
    """Where a learner is in the conversation and what they said so far; JSON-serialisable."""

    step: str = "welcome"
    profile: LearnerProfile = LearnerProfile()
    version: int = 0
    history: list[str] = []
    # Fields the learner answered; needed because some answers are None ("no deadline", "no preference").
    answered: list[str] = []
    pending: list[Clarification] = []
    quiz: dict[str, str] = {}
    skill_category: str | None = None
    planned: bool = False
    # Where /cancel and the /restart confirmation return to.
    resume_step: str | None = None
    # Questions the learner skipped ("skip", "idk"): answered, but with nothing to store.
    skipped: list[str] = []
    # Answers in a row the current question did not understand (the second one offers a way out).
    misses: int = 0


@dataclass(frozen=True)
class StepResult:
    """The new state, what to send, and the new roadmap when one was made."""

    state: DialogueState
    replies: list[Reply]
    roadmap: Roadmap | None = None
    # The learner asked to see their existing plan; the service fetches it (the domain has no storage).
    show_plan: bool = False
