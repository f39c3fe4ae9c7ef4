"""The Facts one message yields, and the clarifications the dialogue asks back."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from bot.domain.profile import Education


class Clarification(BaseModel):
    """An uncertain match the dialogue should confirm ("Did you mean computer vision engineer?")."""

    field: str = Field(description="Facts field the candidate would fill, e.g. 'target_role'")
    value: str = Field(description="candidate value (a catalog id, or a number as text)")
    prompt: str = Field(description="the question to ask, plain text")
    alternative: str | None = Field(None, description="the value stored on 'No' (None: nothing is stored)")


class ForeignAmount(BaseModel):
    """An amount in a currency other than US dollars, as stated."""

    amount: float
    currency: str = Field(description="ISO code, upper case: EUR, GBP, ...")


class Facts(BaseModel):
    """Everything one message said; every field may be absent."""

    target_role: str | None = Field(None, description="role id")
    domain: str | None = Field(None, description="domain id")
    hours_per_week: float | None = None
    deadline: date | None = None
    budget_usd: float | None = Field(None, description="None with budget_known = no limit; 0 = free only")
    budget_known: bool = False
    wants_certificates: bool | None = None
    education: Education | None = None
    field_of_study: str | None = Field(None, description="subject of the highest degree, lower case: 'physics'")
    current_role: str | None = Field(None, description="current job, free text as stated")
    not_working: bool = Field(False, description="the learner has no job now: unemployed, between jobs, laid off")
    years_experience: float | None = None
    known_skills: list[str] = Field(default=[], description="skill ids")
    unknown_skills: list[str] = Field(default=[], description="skill ids the text negated")
    certifications: list[str] = Field(default=[], description="certification ids named")
    held_certifications: list[str] = Field(default=[], description="certification ids the learner already holds")
    skill_depth: dict[str, str] = Field(default={}, description="skill id -> basic/working/deep, when words give it")
    other_experience: list[str] = Field(default=[], description="skills outside the vocabulary, lower case")
    deadline_problem: str | None = Field(
        None, description="'past', 'impossible' or 'too-far': the date said is no deadline"
    )
    deadline_said: str | None = Field(None, description="the words of an invalid deadline, for the reply")
    budget_monthly: float | None = Field(None, description="a budget stated per month (USD); budget_usd stays unset")
    budget_foreign: ForeignAmount | None = Field(None, description="a budget in another currency, not converted")
    budget_problem: str | None = Field(None, description="'negative' when an amount below zero was stated")
    midpoints: list[str] = Field(default=[], description="fields whose value is the midpoint of a stated range")
    correction: bool = Field(False, description="the message explicitly corrects an earlier answer")
    questions: list[Clarification] = []

    def is_empty(self) -> bool:
        """True when the message said nothing we understood (questions included)."""
        return self == Facts()

    def to_cli_json(self) -> dict[str, Any]:
        """The facts for `waypoint understand --json`: `CLI_KEYS`, absent facts omitted."""
        out: dict[str, Any] = {}
        for key in CLI_KEYS:
            value = getattr(self, key)
            if value is None or value == [] or value == {} or (key == "not_working" and not value):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Education):
                value = value.value
            elif isinstance(value, BaseModel):
                value = value.model_dump()
            out[key] = value
        # A stated "no limit" is a fact too: show it as null rather than dropping it.
        if self.budget_known and self.budget_usd is None:
            out["budget_usd"] = None
        return out


CLI_KEYS: tuple[str, ...] = (
    "target_role",
    "domain",
    "hours_per_week",
    "deadline",
    "budget_usd",
    "wants_certificates",
    "education",
    "field_of_study",
    "current_role",
    "not_working",
    "years_experience",
    "known_skills",
    "skill_depth",
    "held_certifications",
    "other_experience",
    "budget_monthly",
    "budget_foreign",
    "deadline_problem",
)
