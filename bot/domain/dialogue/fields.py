"""The profile fields the dialogue asks about, how an answer is described back, and making the plan."""

from __future__ import annotations

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dialogue.model import DialogueState
from bot.domain.dialogue.turn import _Turn
from bot.domain.planner import PlanError, plan
from bot.domain.profile import LearnerProfile

# Question fields in the order they are asked; also the names of their steps and of `/edit <field>`.
FIELDS: tuple[str, ...] = (
    "role",
    "domain",
    "education",
    "job",
    "years",
    "skills",
    "hours",
    "deadline",
    "budget",
    "certificates",
)


# Without these the planner has nothing to aim at or to schedule with.
REQUIRED_FOR_PLAN: tuple[str, ...] = ("role", "hours")


# Facts fields and the question field each one answers (for "never overwrite silently").
FACT_FIELDS: dict[str, str] = {
    "target_role": "role",
    "domain": "domain",
    "education": "education",
    "current_role": "job",
    "years_experience": "years",
    "hours_per_week": "hours",
    "deadline": "deadline",
    "budget_usd": "budget",
    "wants_certificates": "certificates",
}


def describe(name: str, profile: LearnerProfile, catalog: Catalog) -> str:
    """A field's current answer in words, for the summary and the echo."""
    match name:
        case "role":
            role = catalog.role_by_id.get(profile.target_role or "")
            return role.name if role else (profile.target_role or texts.NOT_ANSWERED)
        case "domain":
            domain = catalog.domain_by_id.get(profile.domain or "")
            return domain.name if domain else (profile.domain or texts.NO_DOMAIN)
        case "education":
            label = texts.EDUCATION_LABELS[profile.education.value] if profile.education else None
            if profile.field_of_study:
                return texts.EDUCATION_IN_FIELD.format(education=label or texts.EDUCATION_FIELD_ONLY,
                                                      field=profile.field_of_study)
            return label or texts.NOT_ANSWERED
        case "job":
            return profile.current_role or texts.NOT_WORKING
        case "years":
            if profile.years_experience is None:
                return texts.NOT_ANSWERED
            if profile.years_experience == 1:
                return texts.YEAR_VALUE_ONE
            return texts.YEARS_VALUE.format(years=profile.years_experience)
        case "skills":
            skills = _skill_names(profile.known_skills, catalog) or texts.NO_SKILLS
            if profile.other_experience:
                return texts.OTHER_EXPERIENCE_VALUE.format(skills=skills, other=", ".join(profile.other_experience))
            return skills
        case "hours":
            if profile.hours_per_week is None:
                return texts.NOT_ANSWERED
            return texts.HOURS_VALUE.format(hours=profile.hours_per_week)
        case "deadline":
            return (
                texts.DEADLINE_VALUE.format(date=profile.deadline.isoformat())
                if profile.deadline
                else texts.NO_DEADLINE
            )
        case "budget":
            if profile.budget_usd is None:
                return texts.BUDGET_NO_LIMIT if profile.budget_known else texts.NOT_ANSWERED
            return (
                texts.BUDGET_FREE if profile.budget_usd == 0 else texts.BUDGET_UP_TO.format(amount=profile.budget_usd)
            )
        case "certificates":
            if profile.wants_certificates is None:
                value = texts.NOT_ANSWERED
            else:
                value = texts.CERTIFICATES_YES if profile.wants_certificates else texts.CERTIFICATES_NO
            if profile.held_certifications:
                held = _cert_names(profile.held_certifications, catalog)
                return texts.HELD_CERTS_VALUE.format(value=value, held=held)
            return value
    return texts.NOT_ANSWERED


def _cert_names(cert_ids: list[str], catalog: Catalog) -> str:
    """Certification names, by id where the catalog no longer has one."""
    by_id = catalog.certification_by_id
    return ", ".join(by_id[c].name if c in by_id else c for c in cert_ids)


def _skill_names(skill_ids: list[str], catalog: Catalog, shown: int = 8) -> str:
    """Skill names, the first few and a count of the rest."""
    names = [catalog.skill_by_id[s].name if s in catalog.skill_by_id else s for s in skill_ids]
    if len(names) <= shown:
        return ", ".join(names)
    return texts.MORE_SKILLS.format(shown=", ".join(names[:shown]), more=len(names) - shown)


def missing_for_plan(state: DialogueState, catalog: Catalog) -> list[str]:
    """Fields a plan cannot be made without."""
    return [name for name in REQUIRED_FOR_PLAN if name not in state.answered]


def _make_plan(turn: _Turn) -> str:
    """Plan now, or say what is missing and go and ask it."""
    missing = missing_for_plan(turn.state, turn.catalog)
    if missing:
        labels = ", ".join(texts.FIELD_LABELS[name].lower() for name in missing)
        turn.say(texts.PLAN_MISSING.format(missing=labels))
        return missing[0]
    try:
        turn.roadmap = plan(turn.profile, turn.catalog, turn.today)
    except PlanError as exc:
        # The catalog changed under the learner (a role retired): ask the role again rather than fail.
        turn.say(texts.PLAN_FAILED.format(reason=exc))
        turn.unanswer("role")
        return "role"
    turn.state.planned = True
    return "done"
