"""Button handlers: what pressing each option does to the profile and the step."""

from __future__ import annotations

from datetime import date

from bot import texts
from bot.domain.dates import add_months
from bot.domain.dialogue.facts import _HOURS_PROBLEM, _apply_and_echo, _clarified
from bot.domain.dialogue.fields import FACT_FIELDS, FIELDS, _make_plan, describe
from bot.domain.dialogue.model import DialogueState
from bot.domain.dialogue.questions import _categories
from bot.domain.dialogue.turn import NEXT, STAY, _resolve, _set_role, _Turn
from bot.domain.profile import Education, LearnerProfile


def _choose_role(turn: _Turn, arg: str) -> str | None:
    if arg == "unsure":
        turn.state.quiz = {}
        turn.say(texts.Q_QUIZ_INTRO)
        return "quiz1"
    role_id = _resolve(arg, [r.id for r in turn.catalog.roles])
    if role_id is None:
        return None
    _set_role(turn, role_id)
    return NEXT


def _choose_domain(turn: _Turn, arg: str) -> str | None:
    if arg == "none":
        turn.profile.domain = None
    else:
        domain_id = _resolve(arg, [d.id for d in turn.catalog.domains])
        if domain_id is None:
            return None
        turn.profile.domain = domain_id
    turn.answer("domain")
    return NEXT


def _choose_education(turn: _Turn, arg: str) -> str | None:
    if arg not in Education.__members__:
        return None
    turn.profile.education = Education(arg)
    turn.answer("education")
    return NEXT


def _choose_job(turn: _Turn, arg: str) -> str | None:
    if arg not in texts.JOB_OPTIONS:
        return None
    stored = texts.JOB_OPTIONS[arg][1]
    turn.profile.current_role = stored or None
    turn.answer("job")
    if not stored and "years" not in turn.state.answered:
        # Nobody should be asked how long they have been doing no job.
        turn.profile.years_experience = 0
        turn.answer("years")
    return NEXT


def _numeric_answer(turn: _Turn, arg: str, field: str, question: str) -> tuple[float, str | None] | None:
    """A button's number and why the profile refuses it as an answer to `question` (None: not a number)."""
    try:
        value = float(arg)
    except ValueError:
        return None
    problem = LearnerProfile.answer_problem(field, value)
    if problem is None:
        setattr(turn.profile, field, value)
        turn.answer(question)
    return value, problem


def _choose_years(turn: _Turn, arg: str) -> str | None:
    answer = _numeric_answer(turn, arg, "years_experience", "years")
    return None if answer is None or answer[1] else NEXT


def _choose_category(turn: _Turn, arg: str) -> str | None:
    if arg == "all":
        turn.state.skill_category = None
    elif arg in _categories(turn.catalog):
        turn.state.skill_category = arg
    else:
        return None
    return "skills"


def _toggle_skill(turn: _Turn, arg: str) -> str | None:
    skill_id = _resolve(arg, [s.id for s in turn.catalog.skills])
    if skill_id is None:
        return None
    known = turn.profile.known_skills
    turn.profile.known_skills = [s for s in known if s != skill_id] if skill_id in known else [*known, skill_id]
    turn.state.skill_category = turn.catalog.skill_by_id[skill_id].category.value
    return "skills"


def _skills_done(turn: _Turn, arg: str) -> str | None:
    turn.state.skill_category = None
    turn.answer("skills")
    return NEXT


def _choose_hours(turn: _Turn, arg: str) -> str | None:
    answer = _numeric_answer(turn, arg, "hours_per_week", "hours")
    if answer is None:
        return None
    hours, problem = answer
    if problem is None:
        return NEXT
    if turn.state.step != "hours" or hours < 0:
        return None  # a stale or forged button
    turn.say(_HOURS_PROBLEM[problem].format(hours=hours))
    return STAY


def _choose_deadline(turn: _Turn, arg: str) -> str | None:
    if arg == "none":
        turn.profile.deadline = None
    elif arg.isdigit() and 0 < int(arg) <= 120:
        turn.profile.deadline = add_months(turn.today, int(arg))
    else:
        try:
            turn.profile.deadline = date.fromisoformat(arg)
        except ValueError:
            return None
    turn.answer("deadline")
    return NEXT


def _choose_budget(turn: _Turn, arg: str) -> str | None:
    if arg == "none":
        turn.profile.budget_usd = None
    else:
        try:
            amount = float(arg)
        except ValueError:
            return None
        if amount < 0:
            return None
        turn.profile.budget_usd = amount
    turn.profile.budget_known = True
    turn.answer("budget")
    return NEXT


def _choose_certificates(turn: _Turn, arg: str) -> str | None:
    if arg not in {"yes", "no"}:
        return None
    turn.profile.wants_certificates = arg == "yes"
    turn.answer("certificates")
    return NEXT


def _use_date(turn: _Turn, arg: str) -> str | None:
    """issue 13: accept a date (the earliest reachable one) as the deadline and plan again."""
    try:
        turn.profile.deadline = date.fromisoformat(arg)
    except ValueError:
        return None
    turn.answer("deadline")
    return _make_plan(turn)


def _choose_plan(turn: _Turn, arg: str) -> str | None:
    if arg == "show":
        if not turn.state.planned:
            turn.say(texts.NO_PLAN_YET)
            return NEXT
        turn.show_plan = True
        turn.say(texts.PLAN_SHOWN)
        return "done"
    if arg != "make":
        return None
    return _make_plan(turn)


def _choose_resume(turn: _Turn, arg: str) -> str | None:
    return turn.state.resume_step or NEXT


def _choose_restart(turn: _Turn, arg: str) -> str | None:
    if arg == "no":
        turn.say(texts.RESTART_KEPT)
        return turn.state.resume_step or NEXT
    if arg != "yes":
        return None
    turn.state = DialogueState(version=turn.state.version)
    turn.say(texts.RESTARTED)
    return NEXT


def _choose_confirm(turn: _Turn, arg: str) -> str | None:
    """Answer the first pending clarification ("Did you mean ...?")."""
    if not turn.state.pending or arg not in {"yes", "no"}:
        return None
    question = turn.state.pending.pop(0)
    if arg == "no" and question.alternative is not None:
        question = question.model_copy(update={"value": question.alternative})
        arg = "yes"
    if arg == "yes":
        facts = _clarified(question)
        if facts is None:
            return STAY
        facts.correction = True  # the learner confirmed it
        _apply_and_echo(turn, facts)
    elif question.field in FACT_FIELDS and FACT_FIELDS[question.field] in turn.state.answered:
        name = FACT_FIELDS[question.field]
        turn.say(texts.CHANGE_KEPT.format(label=texts.FIELD_LABELS[name].lower(),
                                          value=describe(name, turn.profile, turn.catalog)))
    # "No" leaves the field as it was: the guess was never stored (see `_withhold_guesses`).
    if turn.state.step in FIELDS and turn.state.step not in turn.state.answered:
        return STAY  # the question that was pending stays pending
    return NEXT
