"""Skipping a question: the words that skip and the value a skip records."""

from __future__ import annotations

from bot import texts
from bot.domain.dialogue.answers import _SKIP, _refusal
from bot.domain.dialogue.fields import FIELDS
from bot.domain.dialogue.flow import _button, _go
from bot.domain.dialogue.sloppy import _stated, _with_unit
from bot.domain.dialogue.turn import NEXT, STAY, _Turn
from bot.domain.understanding import understand

# What a skip means where the question has an answer for "nothing in particular".
_SKIP_VALUES: dict[str, str] = {
    "role": "role:unsure",
    "quiz1": "quiz1:skip",
    "quiz2": "quiz2:skip",
    "quiz3": "quiz3:skip",
    "domain": "domain:none",
    "skills": "skills:done",
    "deadline": "deadline:none",
}


# Questions that may simply stay open: the planner has a default for each.
_SKIPPABLE = frozenset({"education", "job", "years", "budget", "certificates"})


def _skip(turn: _Turn, text: str) -> bool:
    """Pass on the current question: keep an earlier answer, take its "nothing in particular" answer, leave it
    open, or (where the plan needs it) say why it is needed; False when the text is no skip or nothing applies."""
    state, name = turn.state, turn.state.step
    # "no", "none", "neither" where no option means "nothing": at the role and the quiz "none of these", at a
    # question the plan needs a refusal that deserves the reason.
    refused = name in {*texts.SKIP_NEEDED, "role", "quiz1", "quiz2", "quiz3"} and _refusal(text) and not _stated(
        understand(_with_unit(name, text), turn.catalog, turn.today))  # "no, data scientist" names the role
    if not _SKIP.fullmatch(text) and not refused:
        return False
    if name in FIELDS and name in state.answered:
        _go(turn, NEXT)  # "skip" while changing an answer keeps the answer
        return True
    if name in texts.SKIP_NEEDED:
        turn.say(texts.SKIP_NEEDED[name])
        turn.again = True
        _go(turn, STAY)
        return True
    if name in _SKIP_VALUES:
        return _button(turn, _SKIP_VALUES[name])
    if name not in _SKIPPABLE:
        return False
    turn.answer(name)
    state.skipped.append(name)
    turn.say(texts.SKIPPED.format(field=texts.FIELD_LABELS[name].lower(), name=name))
    _go(turn, NEXT)
    return True


def _way_out(step_name: str) -> str:
    """How to get past a question after two answers it did not understand."""
    if step_name in texts.WAY_OUT:
        return texts.WAY_OUT[step_name]
    return texts.WAY_OUT_SKIP if step_name in _SKIPPABLE or step_name in _SKIP_VALUES else ""
