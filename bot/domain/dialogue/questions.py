"""The steps' questions and their option buttons."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dialogue.fields import describe
from bot.domain.dialogue.model import Option
from bot.domain.dialogue.turn import _first_sentence, _role_domains, _short, _Turn


def _with_current(turn: _Turn, name: str, question: str) -> str:
    """The question, plus the current answer when the learner is changing it."""
    if name in turn.state.answered:
        return f"{question}\n{texts.Q_CURRENT.format(value=describe(name, turn.profile, turn.catalog))}"
    return question


def _role_question(turn: _Turn) -> str:
    if turn.again:  # the descriptions were just shown; asking again repeats only the question and its buttons
        return _with_current(turn, "role", texts.Q_ROLE)
    lines = [texts.Q_ROLE_LINE.format(name=r.name, summary=_first_sentence(r.summary)) for r in turn.catalog.roles]
    return _with_current(turn, "role", texts.Q_ROLE + "\n" + "\n".join(lines))


def _role_options(turn: _Turn) -> list[Option]:
    options = [Option(label=r.name, value=_short("role", r.id)) for r in turn.catalog.roles]
    return [*options, Option(label=texts.NOT_SURE, value="role:unsure")]


def _domain_question(turn: _Turn) -> str:
    role = turn.catalog.role_by_id.get(turn.profile.target_role or "")
    return _with_current(turn, "domain", texts.Q_DOMAIN.format(role=role.name if role else ""))


def _domain_options(turn: _Turn) -> list[Option]:
    options = [Option(label=turn.catalog.domain_by_id[d].name, value=_short("domain", d)) for d in _role_domains(turn)]
    return [*options, Option(label=texts.NO_PREFERENCE, value="domain:none")]


def _categories(catalog: Catalog) -> list[str]:
    """Skill categories that have skills, in the catalog's category order."""
    present = {s.category.value for s in catalog.skills}
    return [c for c in texts.SKILL_CATEGORY_LABELS if c in present]


def _skills_question(turn: _Turn) -> str:
    category = turn.state.skill_category
    if category is None:
        return _with_current(turn, "skills", texts.Q_SKILLS)
    return texts.Q_SKILLS_CATEGORY.format(category=texts.SKILL_CATEGORY_LABELS.get(category, category))


def _skills_options(turn: _Turn) -> list[Option]:
    known = set(turn.profile.known_skills)
    category = turn.state.skill_category
    done = Option(label=texts.DONE, value="skills:done")
    if category is None:
        options = []
        for cat in _categories(turn.catalog):
            label = texts.SKILL_CATEGORY_LABELS[cat]
            count = sum(1 for s in turn.catalog.skills if s.category.value == cat and s.id in known)
            if count:
                label = texts.CATEGORY_WITH_COUNT.format(label=label, count=count)
            options.append(Option(label=label, value=f"cat:{cat}"))
        return [*options, done]
    options = [
        Option(label=texts.CHECKED.format(label=s.name) if s.id in known else s.name, value=_short("skill", s.id))
        for s in turn.catalog.skills
        if s.category.value == category
    ]
    return [*options, Option(label=texts.BACK_TO_CATEGORIES, value="cat:all"), done]


def _options(prefix: str, labels: Mapping[str, str]) -> Callable[[_Turn], list[Option]]:
    """Options from a value -> label table."""
    return lambda turn: [Option(label=label, value=f"{prefix}:{key}") for key, label in labels.items()]


def _done_options(turn: _Turn) -> list[Option]:
    # issue 13: a missed deadline offers its earliest reachable date as one tap.
    missed = turn.roadmap.explanations.deadline if turn.roadmap is not None else None
    use = ([Option(label=texts.PLANNER_USE_DATE.format(date=missed.accept_date.isoformat()),
                   value=f"usedate:{missed.accept_date.isoformat()}")]
           if missed is not None and missed.accept_date is not None else [])
    return [
        *use,
        Option(label=texts.SHOW_PLAN, value="plan:show"),
        Option(label=texts.NEW_PLAN, value="plan:make"),
        Option(label=texts.CHANGE_ANSWERS, value="edit:list"),
    ]
