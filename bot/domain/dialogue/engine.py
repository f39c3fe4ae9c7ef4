"""The dialogue engine: `step` and `current_reply`."""

from __future__ import annotations

from datetime import date

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dialogue.commands import _command
from bot.domain.dialogue.flow import _ask, _button, _go, _next_unanswered
from bot.domain.dialogue.model import DialogueState, Reply, StepResult, UserInput
from bot.domain.dialogue.steps import STEP_BY_NAME
from bot.domain.dialogue.text import _text
from bot.domain.dialogue.turn import NEXT, STAY, _Turn


def current_reply(state: DialogueState, catalog: Catalog, today: date) -> Reply:
    """The question the learner is looking at now (for front-ends that redraw it)."""
    turn = _Turn(state.model_copy(deep=True), catalog, today)
    _ask(turn)
    return turn.replies[-1]


def step(state: DialogueState, inp: UserInput, catalog: Catalog, today: date) -> StepResult:
    """Advance the conversation by one learner input; pure, never raises on any text."""
    turn = _Turn(state.model_copy(deep=True), catalog, today)
    if inp.kind != "text":
        turn.state.misses = 0
    if turn.state.step not in STEP_BY_NAME:
        # A state saved by an older version of the dialogue: carry on from the first open question.
        turn.state.step = _next_unanswered(turn)
    if inp.kind == "command":
        _command(turn, inp.value)
    elif inp.kind == "button":
        if not _button(turn, inp.value):
            _go(turn, STAY if turn.state.step != "welcome" else NEXT)
    else:
        if turn.state.step == "welcome":
            turn.say(texts.WELCOME)
            turn.state.step = "role"
        _text(turn, inp.value)
    turn.state.version = state.version + 1
    return StepResult(state=turn.state, replies=turn.replies, roadmap=turn.roadmap, show_plan=turn.show_plan)
