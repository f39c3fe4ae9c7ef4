"""Free text: understand it, apply the facts it states and answer the step being asked."""

from __future__ import annotations

import re

from bot import texts
from bot.domain.dialogue.answers import _STEP_UNITS, _number, _parse_yes_no, _spelled_out, _undecorated, yes_no
from bot.domain.dialogue.clarify import _ASKS, _about, _hold_changes, _money_and_dates
from bot.domain.dialogue.facts import _apply_and_echo, _echo, _withhold_guesses
from bot.domain.dialogue.fields import FIELDS, _make_plan
from bot.domain.dialogue.flow import _button, _go, _label_match
from bot.domain.dialogue.model import Reply
from bot.domain.dialogue.skip import _skip, _way_out
from bot.domain.dialogue.sloppy import _OWN_FACTS, _for_this_step, _leading_word_states_fact, _with_unit
from bot.domain.dialogue.steps import BUTTONS, STEP_BY_NAME
from bot.domain.dialogue.turn import NEXT, STAY, Step, _Turn
from bot.domain.profile import LearnerProfile
from bot.domain.understanding import (
    Clarification,
    Facts,
    understand,
)

_PLAN_REQUEST = re.compile(
    r"(?:(?:ok(?:ay)?|please|pls|now|just|so|then|fine|alright|yes|yeah|sure|let'?s|go\s+ahead(?:\s+and)?|can\s+you"
    r"|could\s+you)[\s,]+)*(?:make|create|build|generate|give\s+me|show\s+me|do|draw\s+up)\s+"
    r"(?:me\s+)?(?:my|the|a|a\s+new)?\s*(?:plan|roadmap|it)(?:\s+(?:now|please|already|pls))*[\s.!?]*"
    r"|(?:make|my)\s+plan[.!]*|plan\s+(?:it|now)(?:\s+(?:now|please|pls|already))*[.!]*"
)


_SMALL_TALK = re.compile(
    r"(?:(?P<greeting>hi+|hello+|hey+|hallo|hiya|yo|good (?:morning|afternoon|evening)|howdy)"
    r"|(?P<thanks>thanks?(?: you)?|thank you(?: so much)?|thx|ty|cheers))(?: there| waypoint| bot)?[\s!.?👋🙂😊]*"
)


def _text(turn: _Turn, text: str) -> None:
    """Free text: an option label, a strict answer to this step, or anything understanding can read."""
    state = turn.state
    current = STEP_BY_NAME[state.step]
    misses, state.misses = state.misses, 0
    text = _undecorated(text)
    unanswered = _answer_pending(turn, text)
    if unanswered is None:
        return
    start, before, before_answered = len(turn.replies), turn.profile.model_copy(deep=True), set(state.answered)
    if state.step in _STEP_UNITS and _number(text, state.step) is not None:
        text = _spelled_out(text)  # "twenty-one hours" is 21 for every reader, not a range "twenty to one"
    read = understand(_with_unit(state.step, text), turn.catalog, turn.today)
    outcome = _strict_answer(turn, current, text, read)
    if outcome == _ANSWERED:
        _acknowledge(turn, start, before, before_answered)
    elif outcome != _PLANNED:
        _free_text(turn, current, text, read, misses, unanswered)


_ANSWERED, _PLANNED = "answered", "planned"


def _answer_pending(turn: _Turn, text: str) -> list[Clarification] | None:
    """None when the text confirmed a question asked back; else the questions it left unanswered (now dropped)."""
    state = turn.state
    if not state.pending:
        return []
    # "make my plan" is no "yes" to a question asked back ("Did you mean data analyst?"): plan without it.
    plan_now = _PLAN_REQUEST.fullmatch(text.strip().lower())
    confirm = None if plan_now else _parse_yes_no("confirm")(turn, text)
    if confirm and not _states_asked_field(turn, text) and _button(turn, confirm):
        return None
    unanswered, state.pending = state.pending, []
    return unanswered


def _strict_answer(turn: _Turn, current: Step, text: str, read: Facts) -> str | None:
    """An option's label, a plan request, this step's own answer or a skip: _ANSWERED, _PLANNED or None."""
    label = _label_match(turn, text)
    if label and _button(turn, label):
        return _ANSWERED
    if _PLAN_REQUEST.fullmatch(text.strip().lower()):
        # "make plan", "ok make it" at any question: plan now, or say what is still missing. Before the strict
        # parse, so "make my plan" at a yes/no question is never read as its "yes" (certificates nobody asked for).
        _go(turn, _make_plan(turn))
        return _PLANNED
    value = current.parse(turn, text)
    if value and not _leading_word_states_fact(turn, text, read) and _answer_and_facts(turn, value, read):
        return _ANSWERED
    return _ANSWERED if _skip(turn, text) else None


def _free_text(turn: _Turn, current: Step, text: str, read: Facts, misses: int,
               unanswered: list[Clarification]) -> None:
    """Apply what understanding read, ask back what it guessed, and move on (or re-plan once the plan exists)."""
    state = turn.state
    facts = _withhold_guesses(read)
    facts = _for_this_step(turn, facts, text)
    extra, noted = _money_and_dates(turn, facts)
    facts, held_back = _hold_changes(turn, facts)
    changed = _apply_and_echo(turn, facts)
    state.pending = [q for q in facts.questions if q.prompt] + extra + held_back
    if noted and not changed and not state.pending:
        _go(turn, STAY)
        return
    if not changed and not state.pending:
        _not_taken(turn, current, text, misses, unanswered)
        return
    if changed and state.planned and state.step == "done" and not state.pending:
        # "change my deadline to next March" after the plan exists: plan again with it.
        turn.say(texts.PLAN_UPDATED)
        _go(turn, _make_plan(turn))
        return
    # Once the current question is answered (or it was not a question), move on to the next open one.
    stay = state.step in FIELDS and state.step not in state.answered
    _go(turn, STAY if stay else NEXT)


def _states_asked_field(turn: _Turn, text: str) -> bool:
    """The reply to a pending question states that field itself, so its words are the answer, not its yes or no.

    "no money" to "About the budget: free resources only?" is free only (its "no" is no answer), and
    "no, data scientist" to "Did you mean data analyst?" is the data scientist role.
    """
    field = turn.state.pending[0].field
    read = _withhold_guesses(understand(_with_unit(turn.state.step, text), turn.catalog, turn.today))
    if field == "budget_usd":
        return read.budget_known or read.budget_monthly is not None or read.budget_foreign is not None
    return getattr(read, field, None) not in (None, [], {})


def _not_taken(turn: _Turn, current: Step, text: str, misses: int, unanswered: list[Clarification]) -> None:
    """Text that changed nothing: the step's fallback reading, or a friendly reply and the question again."""
    state = turn.state
    before, before_answered = turn.profile.model_copy(deep=True), set(state.answered)
    target = current.fallback(turn, text)
    if target is not None:
        parts = _echo(before, before_answered, turn)
        if parts:
            turn.say(texts.GOT_IT.format(facts=", ".join(parts)))
        _go(turn, target)
        return
    example = texts.EXAMPLES.get(state.step, texts.EXAMPLES["welcome"])
    if unanswered:
        # "lol" at "Change deadline: June → May?": the change is still open, so it is asked again.
        state.pending, example = unanswered, texts.CONFIRM_EXAMPLE
    _say_not_taken(turn, text, misses, unanswered, example)
    turn.again = True
    _go(turn, STAY)


def _say_not_taken(turn: _Turn, text: str, misses: int, unanswered: list[Clarification], example: str) -> None:
    """The reply to text that was not an answer: small talk, a question back, a reaction or a miss."""
    state = turn.state
    # Small talk is not a wrong answer: greet back (or say "you're welcome") before asking again.
    small_talk = _SMALL_TALK.fullmatch(text.strip().lower())
    if small_talk:
        reply = texts.THANKS_REPLY if small_talk.group("thanks") else texts.GREETING_REPLY
        turn.say(reply.format(example=example))
    elif _about(turn, text):
        pass  # "what is mlops?": answered in a line, then the question again
    elif not re.search(r"\w", text) and yes_no(text) is None:
        turn.say(texts.REACTION_REPLY.format(example=example))  # ":)", "😂😂": a reaction, not a wrong answer
    elif _ASKS.search(text) and state.step in texts.WHY_ASKED:
        # "why do you need this?", "how long will it take?": a question back is not a wrong answer.
        turn.say(texts.ASKED_BACK.format(why=texts.WHY_ASKED[state.step]))
    elif _ASKS.search(text) and state.step in texts.ASKED_BACK_AT:
        turn.say(texts.ASKED_BACK_AT[state.step])
    elif yes_no(text) == "yes" and state.step in texts.YES_WHICH:
        turn.say(texts.YES_WHICH[state.step])  # "Any specialisation in mind?" - "yes": not a wrong answer
    elif misses >= 1:
        # The same "didn't catch that" twice is a wall: the second time also offers a way past the question.
        state.misses = misses + 1
        way_out = "" if unanswered else _way_out(state.step)
        turn.say(texts.NOT_UNDERSTOOD_AGAIN.format(example=example, way_out=way_out).strip())
    elif yes_no(text) is not None:
        # "yes" at "By when would you like to be job-ready?": say what kind of answer the question wants.
        state.misses = 1
        turn.say(texts.NOT_A_YES_NO.format(example=example))
    else:
        state.misses = 1
        turn.say(texts.NOT_UNDERSTOOD.format(example=example))


def _acknowledge(turn: _Turn, start: int, before: LearnerProfile, before_answered: set[str]) -> None:
    """A typed answer is said back: everything it changed in one "Got it" line, before the next question."""
    parts = _echo(before, before_answered, turn)
    if not parts:
        return
    head = texts.GOT_IT.split("{", 1)[0]
    turn.replies[start:] = [r for r in turn.replies[start:] if not r.text.startswith(head)]
    turn.replies.insert(start, Reply(text=texts.GOT_IT.format(facts=", ".join(parts))))


def _answer_and_facts(turn: _Turn, value: str, read: Facts) -> bool:
    """Apply a strict answer to the question, plus every other fact the message states; False if it is no answer."""
    prefix, _, arg = value.partition(":")
    handler = BUTTONS.get(prefix)
    if handler is None:
        return False
    state = turn.state
    questions: list[Clarification] = []
    own = _OWN_FACTS.get(state.step)
    if own is not None:
        defaults = {name: Facts.model_fields[name].get_default(call_default_factory=True) for name in own}
        others = read.model_copy(update={**defaults, "questions": [q for q in read.questions if q.field not in own]})
        others = _withhold_guesses(others)
        if not others.is_empty():
            extra, _ = _money_and_dates(turn, others)
            others, held_back = _hold_changes(turn, others)
            _apply_and_echo(turn, others)
            questions = [q for q in others.questions if q.prompt] + extra + held_back
    if prefix != "confirm":
        state.pending = []
    target = handler(turn, arg)
    state.pending = questions
    _go(turn, STAY if target is None else target)
    return True
