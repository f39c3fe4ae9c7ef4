"""The table of steps, and the summary/edit helpers that list the steps which apply."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from bot import texts
from bot.domain.dialogue.answers import (
    _job_fallback,
    _parse_budget,
    _parse_certificates,
    _parse_deadline,
    _parse_done,
    _parse_education,
    _parse_hours,
    _parse_job,
    _parse_no_preference,
    _parse_no_skills,
    _parse_not_sure,
    _parse_summary,
    _parse_years,
    _parse_yes_no,
)
from bot.domain.dialogue.buttons import (
    _choose_budget,
    _choose_category,
    _choose_certificates,
    _choose_confirm,
    _choose_deadline,
    _choose_domain,
    _choose_education,
    _choose_hours,
    _choose_job,
    _choose_plan,
    _choose_restart,
    _choose_resume,
    _choose_role,
    _choose_years,
    _skills_done,
    _toggle_skill,
    _use_date,
)
from bot.domain.dialogue.fields import FIELDS, describe
from bot.domain.dialogue.model import Option
from bot.domain.dialogue.questions import (
    _domain_options,
    _domain_question,
    _done_options,
    _options,
    _role_options,
    _role_question,
    _skills_options,
    _skills_question,
    _with_current,
)
from bot.domain.dialogue.quiz import _choose_quiz_result, _quiz_result_question, _quiz_step
from bot.domain.dialogue.turn import Handler, Step, _role_domains, _role_implies_domain, _Turn


def _parse_field_name(turn: _Turn, text: str) -> str | None:
    """At the list of answers, a typed field name ("budget", "the deadline", "hourse") picks it, like /edit."""
    name = _edit_field(turn, text) if len(text) <= 40 else None
    return f"edit:{name}" if name else None


def _parse_summary_or_field(turn: _Turn, text: str) -> str | None:
    """At the summary: a yes makes the plan, a field name opens that answer."""
    return _parse_summary(turn, text) or _parse_field_name(turn, text)


def _summary_question(turn: _Turn) -> str:
    # An unanswered field reads "not answered", not its None meaning ("not working", "no deadline").
    lines = [
        texts.Q_SUMMARY_LINE.format(
            label=texts.FIELD_LABELS[name],
            value=texts.SKIPPED_VALUE if name in turn.state.skipped
            else describe(name, turn.profile, turn.catalog) if name in turn.state.answered else texts.NOT_ANSWERED,
        )
        for name in _applicable_fields(turn)
    ]
    return texts.Q_SUMMARY.format(lines="\n".join(lines))


def _edit_options(turn: _Turn) -> list[Option]:
    return [
        Option(label=texts.EDIT_FIELD.format(label=texts.FIELD_LABELS[name]), value=f"edit:{name}")
        for name in _applicable_fields(turn)
    ]


def _summary_options(turn: _Turn) -> list[Option]:
    return [*_edit_options(turn), Option(label=texts.MAKE_PLAN, value="plan:make")]


def _choose_edit(turn: _Turn, arg: str) -> str | None:
    if arg in _applicable_fields(turn):
        if arg == "skills":
            turn.state.skill_category = None
        return arg
    return "edit"


def _field_step(
    name: str,
    question: str,
    options: Callable[[_Turn], list[Option]],
    choose: Handler,
    parse: Callable[[_Turn, str], str | None] = lambda turn, text: None,
) -> Step:
    """A plain single-choice question about one profile field."""
    return Step(
        name=name,
        question=lambda turn: _with_current(turn, name, question),
        options=options,
        buttons={name: choose},
        parse=parse,
    )


STEPS: tuple[Step, ...] = (
    Step(
        name="welcome",
        question=lambda turn: texts.WELCOME,
        options=lambda turn: [],
        buttons={},
    ),
    Step(
        name="role",
        question=_role_question,
        options=_role_options,
        buttons={"role": _choose_role},
        parse=_parse_not_sure,
    ),
    _quiz_step("quiz1", texts.Q_QUIZ_1),
    _quiz_step("quiz2", texts.Q_QUIZ_2),
    _quiz_step("quiz3", texts.Q_QUIZ_3),
    Step(
        name="quiz",
        question=_quiz_result_question,
        options=lambda turn: [
            Option(label=texts.QUIZ_ACCEPT, value="quiz:accept"),
            Option(label=texts.QUIZ_PICK, value="quiz:pick"),
        ],
        buttons={"quiz": _choose_quiz_result},
        parse=lambda turn, text: {"quiz:yes": "quiz:accept", "quiz:no": "quiz:pick"}.get(
            _parse_yes_no("quiz")(turn, text) or ""
        ),
    ),
    Step(
        name="domain",
        question=_domain_question,
        options=_domain_options,
        buttons={"domain": _choose_domain},
        parse=_parse_no_preference,
        # issue 13: a role that implies its specialisation (an NLP engineer) is not asked for one.
        applies=lambda turn: bool(_role_domains(turn)) and not _role_implies_domain(turn),
    ),
    _field_step(
        "education", texts.Q_EDUCATION, _options("education", texts.EDUCATION_LABELS), _choose_education,
        _parse_education,
    ),
    Step(
        name="job",
        question=lambda turn: _with_current(turn, "job", texts.Q_JOB),
        options=lambda turn: [Option(label=label, value=f"job:{key}") for key, (label, _) in texts.JOB_OPTIONS.items()],
        buttons={"job": _choose_job},
        parse=_parse_job,
        fallback=_job_fallback,
    ),
    _field_step("years", texts.Q_YEARS, _options("years", texts.YEARS_OPTIONS), _choose_years, _parse_years),
    Step(
        name="skills",
        question=_skills_question,
        options=_skills_options,
        buttons={"skills": _skills_done, "skill": _toggle_skill, "cat": _choose_category},
        parse=_parse_no_skills,
        multi_select=lambda turn: turn.state.skill_category is not None,
    ),
    _field_step("hours", texts.Q_HOURS, _options("hours", texts.HOURS_OPTIONS), _choose_hours, _parse_hours),
    _field_step(
        "deadline", texts.Q_DEADLINE, _options("deadline", texts.DEADLINE_OPTIONS), _choose_deadline, _parse_deadline
    ),
    _field_step("budget", texts.Q_BUDGET, _options("budget", texts.BUDGET_OPTIONS), _choose_budget, _parse_budget),
    _field_step(
        "certificates",
        texts.Q_CERTIFICATES,
        lambda turn: [
            Option(label=texts.YES, value="certificates:yes"),
            Option(label=texts.NO, value="certificates:no"),
        ],
        _choose_certificates,
        _parse_certificates,
    ),
    Step(
        name="summary",
        question=_summary_question,
        options=_summary_options,
        buttons={"plan": _choose_plan, "edit": _choose_edit},
        parse=_parse_summary_or_field,
    ),
    Step(
        name="edit",
        question=lambda turn: texts.EDIT_WHICH,
        options=_edit_options,
        buttons={"edit": _choose_edit},
        parse=_parse_field_name,
    ),
    Step(
        name="done",
        # Right after planning the question doubles as the announcement.
        question=lambda turn: texts.PLAN_READY if turn.roadmap is not None else texts.Q_DONE,
        options=_done_options,
        buttons={"plan": _choose_plan, "usedate": _use_date},
        parse=_parse_done,
    ),
    Step(
        name="paused",
        question=lambda turn: texts.Q_PAUSED,
        options=lambda turn: [Option(label=texts.CONTINUE_BUTTON, value="resume:go")],
        buttons={"resume": _choose_resume},
    ),
    Step(
        name="restart",
        question=lambda turn: texts.RESTART_CONFIRM,
        options=lambda turn: [
            Option(label=texts.RESTART_YES, value="restart:yes"),
            Option(label=texts.RESTART_NO, value="restart:no"),
        ],
        buttons={"restart": _choose_restart},
        parse=_parse_yes_no("restart"),
    ),
)


STEP_BY_NAME: dict[str, Step] = {s.name: s for s in STEPS}


# Every button value is "<prefix>:<argument>"; the prefix says which handler applies it, whatever the step.
BUTTONS: dict[str, Handler] = {prefix: handler for s in STEPS for prefix, handler in s.buttons.items()} | {
    "confirm": _choose_confirm
}


def _applicable_fields(turn: _Turn) -> list[str]:
    """The question fields that apply to this learner (a specialisation only where the role has one)."""
    return [name for name in FIELDS if STEP_BY_NAME[name].applies(turn)]


def _edit_field(turn: _Turn, arg: str) -> str | None:
    """The field `/edit <arg>` names: a field name or label, or a word of either."""
    arg = re.sub(r"^(?:(?:change|edit|fix|update|correct|my|the|i\s+want\s+to)\s+)+", "", arg.lower()).strip(" .!?")
    if not arg:
        return None
    fields = _applicable_fields(turn)
    for name in fields:
        label = texts.FIELD_LABELS[name].lower()
        if arg in {name, label} or name.startswith(arg) or arg in label.split():
            return name
    # A typo ("budgt", "deadlne", "hourse") still names the field when it is close to one name only.
    names = {name: name for name in fields} | {texts.FIELD_LABELS[name].lower(): name for name in fields}
    close = difflib.get_close_matches(arg, list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None
