"""Slash commands: /start, /edit, /back, /restart, /cancel, /plan and /summary."""

from __future__ import annotations

from bot import texts
from bot.domain.dialogue.buttons import _choose_plan
from bot.domain.dialogue.fields import _make_plan
from bot.domain.dialogue.flow import _TRANSIENT, _go, _next_unanswered
from bot.domain.dialogue.questions import _done_options
from bot.domain.dialogue.steps import _choose_edit, _edit_field, _summary_question
from bot.domain.dialogue.turn import NEXT, STAY, _Turn


def _command(turn: _Turn, raw: str) -> None:
    """A slash command; available at every point."""
    state = turn.state
    name, _, arg = raw.strip().partition(" ")
    name = name.lower().split("@", 1)[0]
    arg = arg.strip().lower()
    if name != "/help" and name != "/summary":
        state.pending = []
    match name:
        case "/start":
            _start(turn)
        case "/restart":
            if state.step != "restart":
                state.resume_step = state.step
            _go(turn, "restart")
        case "/back":
            _back(turn)
        case "/edit":
            field_name = _edit_field(turn, arg)
            if arg and field_name is None:
                turn.say(texts.EDIT_UNKNOWN_FIELD.format(field=arg))
            _go(turn, _choose_edit(turn, field_name or "") or "edit")
        case "/summary":
            if _next_unanswered(turn) == "summary" or state.step in {"summary", "done", "edit"}:
                _go(turn, "summary")
            else:
                turn.say(_summary_question(turn).rsplit("\n\n", 1)[0])
                _go(turn, STAY)
        case "/plan":
            if state.planned and state.step == "done":
                # Nothing changed since the last plan: show it (the front-end adds any catalog notices).
                _go(turn, _choose_plan(turn, "show") or "done")
            else:
                _go(turn, _make_plan(turn))
        case "/help":
            turn.say(texts.HELP)
            _go(turn, STAY if state.step not in {"welcome", "paused"} else NEXT)
        case "/cancel":
            if state.step != "paused":
                state.resume_step = state.step
            state.skill_category = None
            _go(turn, "paused", ask=False)
            turn.say(texts.CANCELLED)
        case _:
            turn.say(texts.UNKNOWN_COMMAND.format(command=name))
            _go(turn, STAY if state.step != "welcome" else NEXT)


def _start(turn: _Turn) -> None:
    """/start: welcome a new learner, or welcome back to where they were."""
    state = turn.state
    if state.step == "welcome" and not state.answered:
        turn.say(texts.WELCOME)
        _go(turn, NEXT)
    elif state.planned:
        turn.say(texts.WELCOME_BACK_PLANNED, _done_options(turn))
        _go(turn, "done", ask=False)
    else:
        turn.say(texts.WELCOME_BACK)
        _go(turn, (state.resume_step or NEXT) if state.step in _TRANSIENT else STAY)


def _back(turn: _Turn) -> None:
    """/back: return to the previous question, if there is one."""
    state = turn.state
    if state.history:
        previous = state.history[-1]
        state.history = state.history[:-1]
        state.step = previous
        _go(turn, STAY)
    else:
        turn.say(texts.NOTHING_TO_GO_BACK_TO)
        _go(turn, STAY)
