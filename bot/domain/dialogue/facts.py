"""Applying facts understood from free text to the profile, and echoing them back."""

from __future__ import annotations

from pydantic import ValidationError

from bot import texts
from bot.domain.catalog import Depth
from bot.domain.dialogue.fields import (
    FACT_FIELDS,
    FIELDS,
    _cert_names,
    _skill_names,
    describe,
)
from bot.domain.dialogue.turn import _set_role, _Turn
from bot.domain.profile import HOURS_TOO_FEW, HOURS_TOO_MANY, LearnerProfile
from bot.domain.understanding import (
    Clarification,
    Facts,
)

# What the dialogue says of weekly hours the profile refuses as an answer.
_HOURS_PROBLEM = {HOURS_TOO_FEW: texts.HOURS_TOO_FEW, HOURS_TOO_MANY: texts.HOURS_TOO_MANY}

_LIST_FIELDS = frozenset({"known_skills", "unknown_skills", "certifications"})


def _clarified(question: Clarification) -> Facts | None:
    """The facts a clarification would store once confirmed, or None when its value does not fit."""
    list_field = question.field in _LIST_FIELDS
    data: dict[str, object] = {question.field: [question.value] if list_field else question.value}
    if question.field == "budget_usd":
        data = {"budget_usd": None if question.value == "none" else question.value, "budget_known": True}
    try:
        return Facts.model_validate(data)
    except ValidationError:
        return None


def _withhold_guesses(facts: Facts) -> Facts:
    """The facts without the guesses understanding asks about: those wait for the learner's "yes"."""
    updates: dict[str, object] = {}
    lists: dict[str, list[str]] = {}
    for question in facts.questions:
        if not question.prompt or question.field not in Facts.model_fields or question.field == "questions":
            continue
        guess = _clarified(question)
        if guess is None:
            continue
        current, proposed = getattr(facts, question.field), getattr(guess, question.field)
        if question.field in _LIST_FIELDS:
            lists[question.field] = [v for v in lists.get(question.field, current) if v not in proposed]
            updates[question.field] = lists[question.field]
        elif current is not None and current == proposed:
            updates[question.field] = None
            if question.field == "budget_usd":
                updates["budget_known"] = False
    return facts.model_copy(update=updates) if updates else facts


def _echo(
    before: LearnerProfile, before_answered: set[str], turn: _Turn, midpoints: frozenset[str] = frozenset()
) -> list[str]:
    """What changed in the profile, in words: "NLP engineer", "10 h/week", "by 2027-06-01"."""
    after, catalog, parts = turn.profile, turn.catalog, []
    held = [c for c in after.held_certifications if c not in before.held_certifications]
    other = [o for o in after.other_experience if o not in before.other_experience]
    for name in FIELDS:
        if name == "skills":
            added = [s for s in after.known_skills if s not in before.known_skills]
            removed = [s for s in before.known_skills if s not in after.known_skills]
            if added:
                parts.append(texts.ECHO_SKILLS_ADDED.format(value=_skill_names(added, catalog)))
            if removed:
                parts.append(texts.ECHO_SKILLS_REMOVED.format(value=_skill_names(removed, catalog)))
            continue
        # A skipped question has nothing to say back ("education: –"); the skip itself is acknowledged.
        now_answered = name in turn.state.answered and name not in turn.state.skipped
        unchanged = describe(name, before, catalog) == describe(name, after, catalog)
        if not now_answered or (unchanged and name in before_answered):
            continue
        value = describe(name, after, catalog)
        formats = {
            "domain": texts.ECHO_DOMAIN,
            "education": texts.ECHO_EDUCATION,
            "job": texts.ECHO_JOB,
            "years": texts.ECHO_YEARS,
            "budget": texts.ECHO_BUDGET,
        }
        if name == "certificates":
            parts.append(texts.ECHO_CERTIFICATES_YES if after.wants_certificates else texts.ECHO_CERTIFICATES_NO)
        elif name == "domain" and after.domain is None:
            parts.append(texts.NO_DOMAIN)  # not "specialising in no preference"
        elif name == "job" and after.current_role is None:
            parts.append(texts.NOT_WORKING)
        elif name == "budget" and after.budget_usd is None:
            parts.append(texts.ECHO_NO_BUDGET_LIMIT)
        elif name == "budget" and after.budget_usd == 0:
            parts.append(value)
        else:
            said = formats.get(name, "{value}").format(value=value)
            parts.append(texts.ECHO_MIDPOINT.format(value=said) if name in midpoints else said)
    if other:
        parts.append(texts.ECHO_OTHER_EXPERIENCE.format(value=", ".join(other)))
    if held:
        parts.append(texts.ECHO_HELD_CERTS.format(value=_cert_names(held, catalog)))
    return parts


def apply_facts(turn: _Turn, facts: Facts) -> None:
    """Store every fact found into the profile and mark its field answered."""
    profile = turn.profile
    if facts.target_role and facts.target_role in turn.catalog.role_by_id:
        _set_role(turn, facts.target_role)
    if facts.domain and facts.domain in turn.catalog.domain_by_id:
        profile.domain = facts.domain
        turn.answer("domain")
    if facts.education is not None:
        profile.education = facts.education
        turn.answer("education")
    if facts.field_of_study:
        profile.field_of_study = facts.field_of_study  # kept for the plan's context; no question asks it
    if facts.current_role:
        profile.current_role = facts.current_role
        turn.answer("job")
    if facts.years_experience is not None and not LearnerProfile.answer_problem("years_experience",
                                                                                facts.years_experience):
        profile.years_experience = facts.years_experience
        turn.answer("years")
    if facts.not_working and not facts.current_role:
        # like the "Not working now" button: no job, and nobody is asked how long they have done no job
        profile.current_role = None
        turn.answer("job")
        # at the years question the years are what is being answered: never fill them with a guessed 0
        if facts.years_experience is None and "years" not in turn.state.answered and turn.state.step != "years":
            profile.years_experience = 0
            turn.answer("years")
    _apply_skills(turn, facts)
    _apply_time(turn, facts)
    if facts.budget_known or facts.budget_usd is not None:
        profile.budget_usd = facts.budget_usd if facts.budget_usd is None or facts.budget_usd >= 0 else None
        profile.budget_known = True
        turn.answer("budget")
    if facts.wants_certificates is not None:
        profile.wants_certificates = facts.wants_certificates
        turn.answer("certificates")
    for cert in facts.certifications:
        if cert not in profile.named_certifications:
            profile.named_certifications = [*profile.named_certifications, cert]


def _apply_skills(turn: _Turn, facts: Facts) -> None:
    """Store the skills known and unknown, other experience and certifications already held."""
    profile = turn.profile
    known = [s for s in facts.known_skills if s in turn.catalog.skill_by_id]
    unknown = set(facts.unknown_skills)
    if known or unknown:
        merged = [s for s in profile.known_skills if s not in unknown]
        profile.known_skills = merged + [s for s in known if s not in merged and s not in unknown]
        depth = {k: Depth(v) for k, v in facts.skill_depth.items() if k in profile.known_skills}
        profile.skill_depth = {k: v for k, v in {**profile.skill_depth, **depth}.items() if k in profile.known_skills}
        turn.answer("skills")
    if facts.other_experience:
        profile.other_experience = list(dict.fromkeys([*profile.other_experience, *facts.other_experience]))
    held = [c for c in facts.held_certifications if c in turn.catalog.certification_by_id]
    if held:
        profile.held_certifications = list(dict.fromkeys([*profile.held_certifications, *held]))


def _apply_time(turn: _Turn, facts: Facts) -> None:
    """Store the weekly hours and the deadline, or say why a value out of range was not taken."""
    profile = turn.profile
    if facts.hours_per_week is not None:
        problem = LearnerProfile.answer_problem("hours_per_week", facts.hours_per_week)
        if problem:
            turn.say(_HOURS_PROBLEM[problem].format(hours=facts.hours_per_week))
        else:
            profile.hours_per_week = facts.hours_per_week
            turn.answer("hours")
    if facts.deadline is not None:
        if LearnerProfile.answer_problem("deadline", facts.deadline):
            turn.say(texts.DEADLINE_TOO_FAR.format(said=facts.deadline.isoformat()))
        else:
            profile.deadline = facts.deadline
            turn.answer("deadline")


def _apply_and_echo(turn: _Turn, facts: Facts) -> bool:
    """Apply facts and say what was understood; True when anything changed."""
    before, before_answered = turn.profile.model_copy(deep=True), set(turn.state.answered)
    apply_facts(turn, facts)
    midpoints = frozenset(FACT_FIELDS.get(f"{m}_per_week" if m == "hours" else f"{m}_usd", m) for m in facts.midpoints)
    parts = _echo(before, before_answered, turn, midpoints)
    if parts:
        turn.say(texts.GOT_IT.format(facts=", ".join(parts)))
    return bool(parts) or set(turn.state.answered) != before_answered
