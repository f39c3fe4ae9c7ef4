"""Moving between steps: going to the next one, asking its question, matching pressed buttons."""

from __future__ import annotations

from bot import texts
from bot.domain.dialogue.answers import _STEP_UNITS
from bot.domain.dialogue.model import Option
from bot.domain.dialogue.steps import BUTTONS, STEP_BY_NAME, _applicable_fields
from bot.domain.dialogue.turn import NEXT, STAY, _Turn

_HISTORY_LIMIT = 30


# Steps that are not questions: never pushed on the /back history.
_TRANSIENT = frozenset({"welcome", "paused", "restart"})


def _next_unanswered(turn: _Turn) -> str:
    """The first question still open, or the summary."""
    return next((n for n in _applicable_fields(turn) if n not in turn.state.answered), "summary")


def _go(turn: _Turn, target: str, ask: bool = True) -> None:
    """Move to a step (NEXT = first open question; STAY = here) and ask its question."""
    state = turn.state
    if target == NEXT:
        target = _next_unanswered(turn)
    elif target == STAY:
        target = state.step
    if target not in STEP_BY_NAME or not STEP_BY_NAME[target].applies(turn):
        target = _next_unanswered(turn)
    if target != state.step and state.step not in _TRANSIENT:
        state.history = [*state.history, state.step][-_HISTORY_LIMIT:]
    if target != state.step:
        state.misses = 0
    if target != "skills":
        state.skill_category = None
    state.step = target
    if ask:
        _ask(turn)


def _ask(turn: _Turn) -> None:
    """Ask the open clarification if there is one, otherwise the current step's question."""
    if turn.state.pending:
        turn.say(
            turn.state.pending[0].prompt,
            [Option(label=texts.YES, value="confirm:yes"), Option(label=texts.NO, value="confirm:no")],
        )
        return
    current = STEP_BY_NAME[turn.state.step]
    turn.say(current.question(turn), current.options(turn), current.multi_select(turn))
    if current.name in _STEP_UNITS:
        turn.replies[-1] = turn.replies[-1].model_copy(update={"amount": True})


def _button(turn: _Turn, value: str) -> bool:
    """Apply a button value; False when no handler knows it."""
    prefix, _, arg = value.partition(":")
    handler = BUTTONS.get(prefix)
    if handler is None:
        return False
    if prefix != "confirm":
        turn.state.pending = []
    target = handler(turn, arg)
    if target is None:
        return False
    _go(turn, target)
    return True


def _label_match(turn: _Turn, text: str) -> str | None:
    """The value of the shown option whose label the learner typed."""
    wanted = text.strip().casefold()
    for option in _shown_options(turn):
        label = option.label.casefold().removeprefix("✅").strip()
        if wanted in {label, option.label.casefold()}:
            return option.value
    return None


def _shown_options(turn: _Turn) -> list[Option]:
    if turn.state.pending:
        return [Option(label=texts.YES, value="confirm:yes"), Option(label=texts.NO, value="confirm:no")]
    current = STEP_BY_NAME[turn.state.step]
    return current.options(turn)
