"""Clarifications for free text: surprising money and dates, changes to settled answers, questions about a step."""

from __future__ import annotations

import re
from datetime import date

from bot import texts
from bot.domain.dialogue.fields import FACT_FIELDS, describe
from bot.domain.dialogue.turn import _first_sentence, _Turn
from bot.domain.profile import Education
from bot.domain.understanding import (
    RATES_DATE,
    USD_PER,
    Clarification,
    Facts,
    named_ids,
    usd_value,
)

_ASKS = re.compile(r"\?|^\W*(?:what|what's|whats|wtf|who|how|why|is|are|does|do\s+i\s+need|explain"
                   r"|tell\s+me\s+about)\b", re.IGNORECASE)


def _about(turn: _Turn, text: str) -> bool:
    """A question about a role or skill the catalog knows ("what is mlops?") gets its one-line description."""
    if not _ASKS.search(text):
        return False
    lines = [texts.ABOUT.format(name=r.name, summary=_first_sentence(r.summary))
             for r in (turn.catalog.role_by_id[i] for i in named_ids(text, turn.catalog, "role")[:2])]
    lines += [texts.ABOUT.format(name=s.name, summary=_first_sentence(s.why))
              for s in (turn.catalog.skill_by_id[i] for i in named_ids(text, turn.catalog, "skill")[:2])]
    if not lines:
        return False
    turn.say("\n".join(lines))
    return True


def _months_until(today: date, deadline: date) -> int:
    """Whole months from today to the deadline, at least one."""
    return max(1, round((deadline - today).days / 30.44))


def _money_and_dates(turn: _Turn, facts: Facts) -> tuple[list[Clarification], bool]:
    """Budgets per month or in other currencies, and dates that cannot be deadlines: converted, asked or explained.

    Returns the questions to ask and whether something was said.
    """
    questions: list[Clarification] = []
    noted = False
    if facts.deadline_problem and facts.deadline is None:
        template = {"past": texts.DEADLINE_PAST, "impossible": texts.DEADLINE_IMPOSSIBLE}.get(
            facts.deadline_problem, texts.DEADLINE_TOO_FAR
        )
        turn.say(template.format(said=facts.deadline_said or ""))
        noted = True
    if facts.budget_problem == "negative":
        turn.say(texts.BUDGET_NEGATIVE)
        noted = True
    if facts.budget_foreign is not None and not facts.budget_known:
        currency = facts.budget_foreign.currency
        rate = USD_PER.get(currency.lower())
        if rate is None:
            turn.say(texts.BUDGET_CURRENCY_ASK.format(amount=facts.budget_foreign.amount, currency=currency))
            noted = True
        else:
            usd = usd_value(facts.budget_foreign)
            turn.say(texts.BUDGET_CONVERTED.format(amount=facts.budget_foreign.amount, currency=currency, usd=usd,
                                                   rate=rate, date=RATES_DATE))
            facts.budget_usd, facts.budget_known = usd, True
    if facts.budget_monthly is not None and not facts.budget_known:
        monthly = facts.budget_monthly
        deadline = facts.deadline or turn.profile.deadline
        if deadline is not None and deadline > turn.today:
            months = _months_until(turn.today, deadline)
            total = round(monthly * months, 0)
            turn.say(texts.BUDGET_MONTHLY_CONVERTED.format(monthly=monthly, months=months, total=total))
            facts.budget_usd, facts.budget_known = total, True
        else:
            months = 12
            total = round(monthly * months, 0)
            questions.append(Clarification(
                field="budget_usd", value=f"{total:g}", alternative=f"{monthly:g}",
                prompt=texts.BUDGET_MONTHLY_ASK.format(monthly=monthly, months=months, total=total),
            ))
    return questions, noted


def _hold_changes(turn: _Turn, facts: Facts) -> tuple[Facts, list[Clarification]]:
    """Never overwrite silently: a new value for an answered field is asked about ("deadline 2028-05 → 2027-01?").

    The field the current question asks, and explicit corrections ("actually 10 hours, not 5"), apply at once.
    """
    state = turn.state
    if facts.correction:
        return facts, []
    questions: list[Clarification] = []
    updates: dict[str, object] = {}
    for fact_field, name in FACT_FIELDS.items():
        if name not in state.answered or name == state.step:
            continue
        new = getattr(facts, fact_field)
        if fact_field == "budget_usd":
            if not facts.budget_known:
                continue
        elif new is None:
            continue
        trial = turn.profile.model_copy(deep=True)
        if fact_field == "budget_usd":
            trial.budget_usd, trial.budget_known = new, True
        elif fact_field == "target_role" and new not in turn.catalog.role_by_id:
            continue
        else:
            setattr(trial, fact_field, new)
        old_text, new_text = describe(name, turn.profile, turn.catalog), describe(name, trial, turn.catalog)
        if old_text == new_text:
            continue
        value = "none" if new is None else (new.isoformat() if isinstance(new, date) else
                                            new.value if isinstance(new, Education) else str(new))
        questions.append(Clarification(
            field=fact_field, value=value,
            prompt=texts.CONFIRM_CHANGE.format(label=texts.FIELD_LABELS[name].lower(), old=old_text, new=new_text),
        ))
        updates[fact_field] = None
        if fact_field == "budget_usd":
            updates["budget_known"] = False
    return (facts.model_copy(update=updates) if updates else facts), questions
