"""The Waypoint catalog: roles, skills, courses, certifications, projects, steps and quizzes, with validation."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot import texts

# Which top-level key of a content document holds which kind of entry, and the file it ships in.
SECTIONS: dict[str, str] = {
    "roles": "roles.yaml",
    "domains": "roles.yaml",
    "skills": "skills.yaml",
    "courses": "courses.yaml",
    "certifications": "certifications.yaml",
    "projects": "projects.yaml",
    "job_search_steps": "steps.yaml",
    "education_steps": "steps.yaml",
    "quizzes": "quizzes.yaml",
}


class Depth(StrEnum):
    """How deeply a role needs a skill, or how well a learner knows it."""

    basic = "basic"
    working = "working"
    deep = "deep"


class Level(StrEnum):
    """Difficulty of a course or project."""

    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


class Status(StrEnum):
    """Lifecycle of a course or certification."""

    active = "active"
    retired = "retired"
    replaced = "replaced"


class SkillCategory(StrEnum):
    """Groups used to order stages and to offer skills in the dialogue."""

    programming = "programming"
    math = "math"
    data = "data"
    ml = "ml"
    deep_learning = "deep_learning"
    nlp = "nlp"
    cv = "cv"
    llm = "llm"
    mlops = "mlops"
    engineering = "engineering"
    research = "research"
    professional = "professional"


class Entry(BaseModel):
    """Common base: every catalog entry has a globally unique kebab-case id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")


class Skill(Entry):
    """Something a learner can learn, with prerequisites and a time estimate."""

    name: str = Field(min_length=1)
    aliases: list[str] = []
    category: SkillCategory
    prerequisites: list[str] = []
    hours: float = Field(description="estimated hours to learn it to working depth")
    why: str = Field(min_length=1, description="why it matters, in one sentence")
    fast_moving: bool = Field(False, description="material older than three years is out of date (LLMs...)")


class CostModel(StrEnum):
    """How a learner pays for a course (what they pay to learn, and what the certificate costs)."""

    free = "free"  # everything free, certificate included when there is one
    free_audit_paid_certificate = "free_audit_paid_certificate"  # learn free; the certificate costs money
    subscription = "subscription"  # content needs a monthly subscription; total follows the learner's pace
    one_off = "one_off"  # one price for the course


class HoursBasis(StrEnum):
    """Where a course's hours come from."""

    provider = "provider"  # the provider states the length; hours_note says how it was converted
    estimate = "estimate"  # our estimate; hours_note gives the rule


class SourceKind(StrEnum):
    """Whose page the facts were checked on."""

    provider = "provider"
    third_party = "third_party"  # allowed only when no provider page could be found


class ProgrammingLanguage(StrEnum):
    """The language a course teaches in (none = no code, or language-neutral)."""

    python = "python"
    r = "r"
    java = "java"
    cpp = "c++"
    javascript = "javascript"
    sql = "sql"
    none = "none"


DEPTH_RANK: dict[Depth, int] = {Depth.basic: 1, Depth.working: 2, Depth.deep: 3}
WEEKS_PER_MONTH = 4.345
# How an old-shape entry (a plain skill list) is read: short courses are introductions.
LEGACY_BASIC_BELOW_HOURS = 10.0


def depth_rank(depth: Depth | str | None) -> int:
    """0 for unknown, 1 basic, 2 working, 3 deep."""
    return DEPTH_RANK.get(Depth(depth), 0) if depth else 0


class Course(Entry):
    """A real course, bootcamp, book or specialisation a learner can take."""

    title: str = Field(min_length=1)
    provider: str = Field(min_length=1)
    url: str
    teaches: dict[str, Depth] = Field(min_length=1, description="skill id -> the depth the course takes it to")
    cost_model: CostModel
    price_usd: float | None = Field(None, description="one_off: the price of the course")
    monthly_usd: float | None = Field(None, description="subscription: USD per month (or the certificate's route)")
    certificate_usd: float | None = Field(None, description="free_audit_paid_certificate: the certificate's fee")
    suggested_hours_per_week: float | None = Field(None, description="the provider's suggested pace")
    financial_aid: bool = False
    pricing_note: str = ""
    hours: float = Field(description="expected study time including exercises")
    hours_basis: HoursBasis = HoursBasis.estimate
    hours_note: str = Field("", description="the provider's figure and the conversion, or our rule")
    level: Level
    programming_language: ProgrammingLanguage | None = None
    requires: list[str] = Field(default=[], description="course ids, or skill:depth, that must come first")
    updated: int | None = Field(None, description="year of the last content revision")
    archived: bool = Field(False, description="still online but no longer maintained")
    editor_rank: int | None = Field(None, ge=1, description="1 = the team's first pick for its skills")
    certificate: bool = False
    language: str = "en"
    format: str = Field("self-paced", description="self-paced, instructor-led, bootcamp, book, university")
    status: Status = Status.active
    retired_on: date | None = None
    replacement: str | None = None
    verified_on: date | None = Field(None, description="when its facts were checked on the source; None = not yet")
    source: str
    source_kind: SourceKind = SourceKind.provider

    @model_validator(mode="before")
    @classmethod
    def _read_legacy_shape(cls, data: Any) -> Any:
        """Accept the pre-depth shape (skills list, cost_usd) that stored admin changes may still hold."""
        if not isinstance(data, Mapping):
            return data
        out = dict(data)
        legacy_skills = out.pop("skills", None)
        if isinstance(legacy_skills, list | tuple):
            hours = out.get("hours")
            short = isinstance(hours, int | float) and hours < LEGACY_BASIC_BELOW_HOURS
            default = Depth.basic.value if short else Depth.working.value
            given = out.get("teaches")
            current: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
            out["teaches"] = {str(s): current.get(s, default) for s in legacy_skills}
        # cost_usd is never dumped by the new shape, so when present it is the (old) author's intent.
        legacy_cost = out.pop("cost_usd", None)
        if legacy_cost is not None and not isinstance(legacy_cost, int | float):
            out.update(cost_model=CostModel.one_off.value, price_usd=legacy_cost)  # let validation name it
        elif isinstance(legacy_cost, int | float) and not isinstance(legacy_cost, bool):
            for name in ("price_usd", "monthly_usd", "certificate_usd"):
                out.pop(name, None)
            if legacy_cost != 0:
                out.update(cost_model=CostModel.one_off.value, price_usd=legacy_cost)
            else:
                out["cost_model"] = CostModel.free.value
        return out

    @property
    def skills(self) -> list[str]:
        """The skill ids it teaches, in catalog order."""
        return list(self.teaches)

    def depth_of(self, skill_id: str) -> Depth | None:
        """The depth it takes a skill to, or None when it does not teach it."""
        return self.teaches.get(skill_id)

    def months_at(self, hours_per_week: float | None) -> int:
        """Whole months of subscription needed at a pace (the provider's pace when none is given)."""
        pace = hours_per_week or self.suggested_hours_per_week or 5.0
        return max(1, math.ceil(self.hours / (pace * WEEKS_PER_MONTH) - 1e-9))

    def learning_cost(self, hours_per_week: float | None = None) -> float:
        """What a learner pays to study it (no certificate), at their pace."""
        if self.cost_model is CostModel.one_off:
            return float(self.price_usd or 0)
        if self.cost_model is CostModel.subscription:
            return float(self.monthly_usd or 0) * self.months_at(hours_per_week)
        return 0.0

    def certificate_cost(self, hours_per_week: float | None = None) -> float | None:
        """What the certificate adds on top of learning it; None when the course gives none."""
        if not self.certificate:
            return None
        if self.cost_model is CostModel.free_audit_paid_certificate:
            if self.certificate_usd is not None:
                return float(self.certificate_usd)
            return float(self.monthly_usd or 0) * self.months_at(hours_per_week)
        return 0.0

    def total_cost(self, hours_per_week: float | None = None, with_certificate: bool = False) -> float:
        """Learning cost, plus the certificate when asked for and offered."""
        extra = self.certificate_cost(hours_per_week) if with_certificate else None
        return self.learning_cost(hours_per_week) + (extra or 0.0)

    @property
    def cost_usd(self) -> float:
        """What learning it costs at the provider's pace (0 = free or free to audit)."""
        return self.learning_cost(None)

    @property
    def free_certificate(self) -> bool:
        """True when it gives a certificate at no cost."""
        return self.certificate and self.cost_model is CostModel.free


class Certification(Entry):
    """A professional certification with its exam facts and lifecycle."""

    name: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    url: str
    cost_usd: float
    exam_minutes: int | None = None
    validity_years: float | None = Field(None, description="None means it does not expire")
    skills: list[str] = Field(min_length=1, description="skills it recommends/tests")
    roles: list[str] = Field(default=[], description="roles it suits")
    prep_hours: float
    level: Level = Level.intermediate
    status: Status = Status.active
    retired_on: date | None = None
    replacement: str | None = None
    note: str = ""
    verified_on: date | None = Field(None, description="when its facts were checked on the source; None = not yet")
    source: str
    source_kind: SourceKind = SourceKind.provider


class RoleFamily(StrEnum):
    """Families of roles that share a job search (interview loops, portfolio, applications)."""

    engineering = "engineering"
    data_science = "data_science"
    research = "research"
    analytics = "analytics"
    product = "product"


class Seniority(StrEnum):
    """Where a learner starts their job search from."""

    student = "student"  # students and juniors with under two years of work
    career_changer = "career_changer"  # working in another field
    experienced = "experienced"  # 2-7 years in a neighbouring technical role
    senior = "senior"  # 8+ years of work


class RoleSkill(BaseModel):
    """A skill a role needs and how deeply."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    skill: str
    depth: Depth = Depth.working


class SalaryBand(BaseModel):
    """A salary figure with where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=1, description="e.g. 'US average' or 'entry level (0-1 years)'")
    region: str = "US"
    low_usd: float | None = None
    high_usd: float | None = None
    median_usd: float | None = None
    source: str
    year: int
    statistic: str = Field("", description="what the figure is, as the source states it: average, median, range")


class Domain(Entry):
    """A specialisation a role may have (NLP, computer vision, recommender systems...)."""

    name: str = Field(min_length=1)
    aliases: list[str] = []
    description: str = ""
    skills: list[str] = Field(default=[], description="extra skills the domain needs")


class Role(Entry):
    """A target job with its duties, skills, salaries and progression."""

    name: str = Field(min_length=1)
    aliases: list[str] = []
    summary: str = Field(min_length=1)
    duties: list[str] = Field(min_length=1)
    required_skills: list[RoleSkill] = Field(min_length=1)
    optional_skills: list[str] = []
    domains: list[str] = Field(default=[], description="specialisations the learner can pick")
    salary: list[SalaryBand] = []
    progression: list[str] = []
    family: RoleFamily = RoleFamily.engineering
    adjacent: list[str] = Field(default=[], description="role ids on the way to this one, nearest first")
    top_states: list[str] = Field(default=[], description="US states with the most openings, per the guides")
    industries: list[str] = Field(default=[], description="industries that hire the most for it")
    work_setting: str = ""


class Project(Entry):
    """A portfolio project idea."""

    title: str = Field(min_length=1)
    domain: str | None = Field(None, description="a domain id, or None for general projects")
    roles: list[str] = []
    skills: list[str] = Field(min_length=1)
    idea: str = Field(min_length=1, description="the dataset or idea")
    deliverable: str = Field(min_length=1)
    difficulty: Level
    hours: float
    end_to_end: bool = Field(False, description="data to a deployed, usable result a reviewer can open")


class JobSearchStep(Entry):
    """One step of the job search (CV, portfolio, networking, interviews...)."""

    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    hours: float
    order: int
    families: list[RoleFamily] = Field(default=[], description="role families it is for; empty = all")
    seniority: list[Seniority] = Field(default=[], description="starting points it is for; empty = all")
    start_early: bool = Field(False, description="begins alongside the last learning stage, not after it")
    skip_with_projects: list[str] = Field(default=[], description="left out when the plan holds one of these "
                                                                  "projects, which already do the step's work")
    skills: list[str] = Field(default=[], description="skills it rehearses: half the time for a learner who "
                                                      "knows them all deeply")


class EducationStep(Entry):
    """One education path (degree, self-study, bootcamp...) and who it fits."""

    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    fits: list[str] = Field(default=[], description="education levels it suits: none, high_school, ...")
    order: int


# Telegram's limits for a quiz poll (sendPoll): question 1-300 characters, each option 1-100, explanation
# 0-200 with at most 2 line feeds. Waypoint keeps 2-4 options so a question fits a phone screen.
QUIZ_QUESTION_MAX = 300
QUIZ_OPTION_MAX = 100
QUIZ_EXPLANATION_MAX = 200
QUIZ_EXPLANATION_MAX_LINE_FEEDS = 2
QUIZ_OPTIONS_MIN = 2
QUIZ_OPTIONS_MAX = 4


class QuizStatus(StrEnum):
    """Lifecycle of a quiz question: retired ones stay in the file (and in learners' history) but are not asked."""

    active = "active"
    retired = "retired"


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units): never less than len(), so within it is within Telegram."""
    return len(text.encode("utf-16-le")) // 2


class QuizQuestion(Entry):
    """One multiple-choice question that checks a skill at a depth; sent as a Telegram quiz poll."""

    skill: str = Field(description="the skill id it checks")
    depth: Depth = Field(description="the depth it tests: basic, working or deep")
    question: str = Field(min_length=1, description=f"at most {QUIZ_QUESTION_MAX} characters")
    options: list[str] = Field(description=f"{QUIZ_OPTIONS_MIN}-{QUIZ_OPTIONS_MAX} distinct answers, "
                                           f"each at most {QUIZ_OPTION_MAX} characters")
    correct: int = Field(description="index of the right option, counted from 0 (Telegram's correct_option_id)")
    explanation: str = Field(min_length=1, description=f"why the answer is right, at most {QUIZ_EXPLANATION_MAX}")
    status: QuizStatus = QuizStatus.active
    retired_on: date | None = None
    source: str | None = Field(None, description="an https:// page the question draws on, when it has one")

    @model_validator(mode="before")
    @classmethod
    def _drop_empty_replacement(cls, data: Any) -> Any:
        """The generic /retire writes replacement=None for every lifecycle kind; a question has none."""
        if isinstance(data, Mapping) and "replacement" in data and data["replacement"] is None:
            return {k: v for k, v in data.items() if k != "replacement"}
        return data

    @property
    def answer(self) -> str:
        """The text of the right option (or '' when `correct` is out of range, which validation reports)."""
        return self.options[self.correct] if 0 <= self.correct < len(self.options) else ""


ENTRY_TYPES: dict[str, type[Entry]] = {
    "roles": Role,
    "domains": Domain,
    "skills": Skill,
    "courses": Course,
    "certifications": Certification,
    "projects": Project,
    "job_search_steps": JobSearchStep,
    "education_steps": EducationStep,
    "quizzes": QuizQuestion,
}


class CatalogIssue(BaseModel):
    """One validation problem, naming where it is."""

    model_config = ConfigDict(frozen=True)

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message}"


class CatalogError(Exception):
    """The catalog is invalid; carries every issue found."""

    def __init__(self, issues: list[CatalogIssue]) -> None:
        self.issues = issues
        lines = "\n".join(f"  - {i}" for i in issues)
        super().__init__(texts.CATALOG_ERR_SUMMARY.format(n=len(issues), lines=lines))


class Catalog(BaseModel):
    """The whole validated catalog; build it with `load` or `from_documents`."""

    model_config = ConfigDict(frozen=True)

    roles: list[Role] = []
    domains: list[Domain] = []
    skills: list[Skill] = []
    courses: list[Course] = []
    certifications: list[Certification] = []
    projects: list[Project] = []
    job_search_steps: list[JobSearchStep] = []
    education_steps: list[EducationStep] = []
    quizzes: list[QuizQuestion] = []

    # ---- lookups (cached: the catalog is immutable) ----
    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        """Roles keyed by id."""
        return {r.id: r for r in self.roles}

    @cached_property
    def domain_by_id(self) -> dict[str, Domain]:
        """Domains keyed by id."""
        return {d.id: d for d in self.domains}

    @cached_property
    def skill_by_id(self) -> dict[str, Skill]:
        """Skills keyed by id."""
        return {s.id: s for s in self.skills}

    @cached_property
    def course_by_id(self) -> dict[str, Course]:
        """Courses keyed by id."""
        return {c.id: c for c in self.courses}

    @cached_property
    def certification_by_id(self) -> dict[str, Certification]:
        """Certifications keyed by id."""
        return {c.id: c for c in self.certifications}

    @cached_property
    def project_by_id(self) -> dict[str, Project]:
        """Projects keyed by id."""
        return {p.id: p for p in self.projects}

    @cached_property
    def entries(self) -> dict[str, tuple[str, Entry]]:
        """Every entry keyed by id, with its section name."""
        out: dict[str, tuple[str, Entry]] = {}
        for section in ENTRY_TYPES:
            for item in getattr(self, section):
                out[item.id] = (section, item)
        return out

    def get(self, entry_id: str) -> Entry | None:
        """Any entry by id, or None."""
        found = self.entries.get(entry_id)
        return found[1] if found else None

    def courses_teaching(self, skill_id: str) -> list[Course]:
        """Courses (any status) that teach a skill."""
        return self._courses_by_skill.get(skill_id, [])

    @cached_property
    def _courses_by_skill(self) -> dict[str, list[Course]]:
        index: dict[str, list[Course]] = {}
        for course in self.courses:
            for skill in course.skills:
                index.setdefault(skill, []).append(course)
        return index

    def questions_for(self, skill_id: str, depth: Depth | str | None = None) -> list[QuizQuestion]:
        """Active quiz questions that check a skill, in catalog order; only those at `depth` when given."""
        wanted = Depth(depth) if depth else None
        return [q for q in self._quizzes_by_skill.get(skill_id, []) if wanted is None or q.depth is wanted]

    @cached_property
    def _quizzes_by_skill(self) -> dict[str, list[QuizQuestion]]:
        index: dict[str, list[QuizQuestion]] = {}
        for question in self.quizzes:
            if question.status is QuizStatus.active:
                index.setdefault(question.skill, []).append(question)
        return index

    def counts(self) -> dict[str, int]:
        """How many entries of each kind."""
        return {section: len(getattr(self, section)) for section in ENTRY_TYPES}

    # ---- building ----
    @classmethod
    def load(cls, directory: str | Path) -> Catalog:
        """Load and validate every `*.yaml` file of a directory; raise CatalogError listing all issues."""
        root = Path(directory)
        if not root.is_dir():
            raise CatalogError([CatalogIssue(file=str(root), entry="-", field="-",
                                             message=texts.CATALOG_ERR_NOT_DIRECTORY)])
        documents: dict[str, Any] = {}
        issues: list[CatalogIssue] = []
        for path in sorted(root.glob("*.yaml")):
            try:
                documents[path.name] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                issues.append(CatalogIssue(file=path.name, entry="-", field="-",
                                           message=texts.CATALOG_ERR_YAML.format(error=exc)))
        if not documents and not issues:
            issues.append(CatalogIssue(file=str(root), entry="-", field="-", message=texts.CATALOG_ERR_NO_FILES))
        if issues:
            raise CatalogError(issues)
        return cls.from_documents(documents)

    @classmethod
    def from_documents(cls, documents: Mapping[str, Any]) -> Catalog:
        """Build from parsed YAML documents keyed by file name; raise CatalogError listing all issues."""
        issues: list[CatalogIssue] = []
        sections: dict[str, list[Entry]] = {name: [] for name in ENTRY_TYPES}
        origin: dict[str, str] = {}
        for file_name, document in documents.items():
            if not isinstance(document, Mapping):
                issues.append(CatalogIssue(file=file_name, entry="-", field="-", message=texts.CATALOG_ERR_NOT_MAPPING))
                continue
            for section, raw_items in document.items():
                if section not in ENTRY_TYPES:
                    known = ", ".join(ENTRY_TYPES)
                    msg = texts.CATALOG_ERR_UNKNOWN_SECTION.format(known=known)
                    issues.append(CatalogIssue(file=file_name, entry="-", field=str(section), message=msg))
                    continue
                if not isinstance(raw_items, list):
                    issues.append(CatalogIssue(file=file_name, entry="-", field=section,
                                               message=texts.CATALOG_ERR_NOT_LIST))
                    continue
                model = ENTRY_TYPES[section]
                for position, raw in enumerate(raw_items):
                    fallback = f"#{position + 1}"
                    entry_id = str(raw.get("id", fallback)) if isinstance(raw, Mapping) else fallback
                    try:
                        item = model.model_validate(raw)
                    except ValidationError as exc:
                        for err in exc.errors():
                            field = ".".join(str(p) for p in err["loc"]) or "-"
                            issues.append(CatalogIssue(file=file_name, entry=entry_id, field=field, message=err["msg"]))
                        continue
                    sections[section].append(item)
                    origin.setdefault(item.id, file_name)
                    origin.setdefault(f"{section}/{item.id}", file_name)
        catalog = cls.model_validate({k: [i.model_dump() for i in v] for k, v in sections.items()})
        issues.extend(validate(catalog, origin))
        if issues:
            raise CatalogError(issues)
        return catalog

    def to_documents(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """The catalog as YAML-ready documents keyed by file name (round-trips through from_documents)."""
        out: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for section, file_name in SECTIONS.items():
            items = [i.model_dump(mode="json", exclude_defaults=True) for i in getattr(self, section)]
            if items:
                out.setdefault(file_name, {})[section] = items
        return out


def _https(url: str) -> bool:
    return url.startswith("https://") and len(url) > len("https://") and " " not in url


def validate(catalog: Catalog, origin: Mapping[str, str] | None = None) -> list[CatalogIssue]:
    """Cross-entry rules: unique ids, known references, no cycles, https URLs, costs, hours, retirements."""
    check = _Checker(catalog, origin or {})
    check.unique_ids()
    check.skills()
    check.courses()
    check.certifications()
    check.roles_and_domains()
    check.projects_steps_quizzes()
    check.prerequisite_cycles()
    return check.issues


class _Checker:
    """The cross-entry rules of `validate`, one method per kind of entry, collecting issues in file order."""

    def __init__(self, catalog: Catalog, origin: Mapping[str, str]) -> None:
        self.catalog, self.origin = catalog, origin
        self.issues: list[CatalogIssue] = []
        self.skill_ids = {s.id for s in catalog.skills}
        self.role_ids = {r.id for r in catalog.roles}
        self.domain_ids = {d.id for d in catalog.domains}
        self.course_ids = {c.id for c in catalog.courses}
        self.cert_ids = {c.id for c in catalog.certifications}

    def add(self, section: str, entry_id: str, field: str, message: str) -> None:
        """Record one issue, in the file the entry came from."""
        # `origin` maps "<section>/<id>" (and plain ids) to the file an entry came from.
        file = self.origin.get(f"{section}/{entry_id}") or self.origin.get(entry_id) or SECTIONS[section]
        self.issues.append(CatalogIssue(file=file, entry=entry_id, field=field, message=message))

    def refs(self, section: str, entry_id: str, field: str, refs: Iterable[str], known: set[str], kind: str) -> None:
        """Every reference names a known entry of its kind."""
        for ref in refs:
            if ref not in known:
                self.add(section, entry_id, field, texts.CATALOG_ERR_UNKNOWN_REF.format(kind=kind, ref=ref))

    def positive(self, section: str, entry_id: str, field: str, value: float) -> None:
        """Hours are more than zero."""
        if value <= 0:
            self.add(section, entry_id, field, texts.CATALOG_ERR_HOURS.format(value=value))

    def url(self, section: str, entry_id: str, field: str, url: str) -> None:
        """Links are https."""
        if not _https(url):
            self.add(section, entry_id, field, texts.CATALOG_ERR_URL.format(url=url))

    def unique_ids(self) -> None:
        """Unique ids across all kinds, so /show <id> and progress keys are never ambiguous."""
        # Exception: a domain may share its id with the skill it is named after (VOCABULARY.md defines
        # both `computer-vision` the domain and `computer-vision` the skill); domains are never progress
        # items, and `Catalog.get`/`entries` resolve such an id to the skill.
        seen: dict[str, str] = {}
        for section in ENTRY_TYPES:
            for item in getattr(self.catalog, section):
                if section == "domains":
                    continue
                if item.id in seen:
                    self.add(section, item.id, "id", texts.CATALOG_ERR_DUPLICATE_ID.format(section=seen[item.id]))
                else:
                    seen[item.id] = section
        domain_ids: set[str] = set()
        for domain in self.catalog.domains:
            if domain.id in domain_ids:
                self.add("domains", domain.id, "id", texts.CATALOG_ERR_DUPLICATE_ID.format(section="domains"))
            elif domain.id in seen and seen[domain.id] != "skills":
                self.add("domains", domain.id, "id", texts.CATALOG_ERR_DUPLICATE_ID.format(section=seen[domain.id]))
            domain_ids.add(domain.id)

    def skills(self) -> None:
        """Skills: known prerequisites (never themselves), hours."""
        for skill in self.catalog.skills:
            self.refs("skills", skill.id, "prerequisites", skill.prerequisites, self.skill_ids, "skill")
            self.positive("skills", skill.id, "hours", skill.hours)
            if skill.id in skill.prerequisites:
                self.add("skills", skill.id, "prerequisites", texts.CATALOG_ERR_OWN_PREREQUISITE)

    def courses(self) -> None:
        """Courses: skills, hours and their basis, links, costs, requirements (no cycle), year, lifecycle."""
        for course in self.catalog.courses:
            self.refs("courses", course.id, "teaches", course.teaches, self.skill_ids, "skill")
            self.positive("courses", course.id, "hours", course.hours)
            self.url("courses", course.id, "url", course.url)
            self.url("courses", course.id, "source", course.source)
            for cost_field, cost_message in _cost_problems(course):
                self.add("courses", course.id, cost_field, cost_message)
            if course.hours_basis is HoursBasis.provider and not course.hours_note.strip():
                self.add("courses", course.id, "hours_note", texts.CATALOG_ERR_HOURS_NOTE)
            for ref in course.requires:
                wrong = _requires_problem(course.id, ref, self.course_ids, self.skill_ids)
                if wrong:
                    self.add("courses", course.id, "requires", wrong)
            if course.updated is not None and not 1980 <= course.updated <= 2100:
                self.add("courses", course.id, "updated", texts.CATALOG_ERR_YEAR.format(year=course.updated))
            _check_lifecycle(self.add, "courses", course.id, course.status, course.retired_on, course.replacement,
                             self.course_ids)
        requires_graph = {c.id: [r for r in c.requires if r in self.course_ids] for c in self.catalog.courses}
        for cycle in find_cycles(requires_graph):
            self.add("courses", cycle[0], "requires",
                     texts.CATALOG_ERR_REQUIREMENT_CYCLE.format(cycle=" -> ".join([*cycle, cycle[0]])))

    def certifications(self) -> None:
        """Certifications: skills, roles, prep hours, links (the issuer's, not a repository), fee, exam, lifecycle."""
        for cert in self.catalog.certifications:
            self.refs("certifications", cert.id, "skills", cert.skills, self.skill_ids, "skill")
            self.refs("certifications", cert.id, "roles", cert.roles, self.role_ids, "role")
            self.positive("certifications", cert.id, "prep_hours", cert.prep_hours)
            self.url("certifications", cert.id, "url", cert.url)
            self.url("certifications", cert.id, "source", cert.source)
            if cert.source_kind is SourceKind.provider and cert.verified_on and _host(cert.source) == "github.com":
                self.add("certifications", cert.id, "source", texts.CATALOG_ERR_ISSUER_REPOSITORY)
            if cert.cost_usd < 0:
                self.add("certifications", cert.id, "cost_usd", texts.CATALOG_ERR_NEGATIVE.format(value=cert.cost_usd))
            if cert.exam_minutes is not None and cert.exam_minutes <= 0:
                self.add("certifications", cert.id, "exam_minutes", texts.CATALOG_ERR_NOT_POSITIVE)
            _check_lifecycle(self.add, "certifications", cert.id, cert.status, cert.retired_on, cert.replacement,
                             self.cert_ids)

    def roles_and_domains(self) -> None:
        """Domains' skills; roles' skills, domains, adjacent roles, salary bands, and every required skill taught."""
        for domain in self.catalog.domains:
            self.refs("domains", domain.id, "skills", domain.skills, self.skill_ids, "skill")
        taught = {s for c in self.catalog.courses if c.status is Status.active for s in c.skills}
        for role in self.catalog.roles:
            required = [rs.skill for rs in role.required_skills]
            self.refs("roles", role.id, "required_skills", required, self.skill_ids, "skill")
            self.refs("roles", role.id, "optional_skills", role.optional_skills, self.skill_ids, "skill")
            self.refs("roles", role.id, "domains", role.domains, self.domain_ids, "domain")
            self.refs("roles", role.id, "adjacent", role.adjacent, self.role_ids, "role")
            for position, band in enumerate(role.salary):
                self.url("roles", role.id, f"salary.{position}.source", band.source)
                for name in ("low_usd", "high_usd", "median_usd"):
                    value = getattr(band, name)
                    if value is not None and value <= 0:
                        self.add("roles", role.id, f"salary.{position}.{name}", texts.CATALOG_ERR_POSITIVE_AMOUNT)
            # A role the planner cannot teach is a broken promise to the learner.
            for skill_id in sorted(_closure(required, self.catalog)):
                if skill_id in self.skill_ids and skill_id not in taught:
                    self.add("roles", role.id, "required_skills", texts.CATALOG_ERR_UNTAUGHT.format(skill=skill_id))

    def projects_steps_quizzes(self) -> None:
        """Projects' and job-search steps' references and hours; each quiz question's own rules."""
        for project in self.catalog.projects:
            self.refs("projects", project.id, "skills", project.skills, self.skill_ids, "skill")
            self.refs("projects", project.id, "roles", project.roles, self.role_ids, "role")
            if project.domain is not None:
                self.refs("projects", project.id, "domain", [project.domain], self.domain_ids, "domain")
            self.positive("projects", project.id, "hours", project.hours)
        project_ids = {p.id for p in self.catalog.projects}
        for step in self.catalog.job_search_steps:
            self.positive("job_search_steps", step.id, "hours", step.hours)
            self.refs("job_search_steps", step.id, "skip_with_projects", step.skip_with_projects, project_ids,
                      "project")
            self.refs("job_search_steps", step.id, "skills", step.skills, self.skill_ids, "skill")
        for question in self.catalog.quizzes:
            for field, message in _quiz_problems(question, self.skill_ids):
                self.add("quizzes", question.id, field, message)

    def prerequisite_cycles(self) -> None:
        """No skill is its own prerequisite through others."""
        graph = {s.id: [p for p in s.prerequisites if p in self.skill_ids] for s in self.catalog.skills}
        for cycle in find_cycles(graph):
            self.add("skills", cycle[0], "prerequisites",
                     texts.CATALOG_ERR_PREREQUISITE_CYCLE.format(cycle=" -> ".join([*cycle, cycle[0]])))


def _quiz_problems(question: QuizQuestion, skills: set[str]) -> list[tuple[str, str]]:
    """What is wrong with a quiz question (Telegram's limits, its options, its skill): each as (field, message)."""
    out: list[tuple[str, str]] = []
    if question.skill not in skills:
        out.append(("skill", texts.CATALOG_ERR_UNKNOWN_REF.format(kind="skill", ref=question.skill)))
    if not question.question.strip():
        out.append(("question", texts.CATALOG_ERR_BLANK))
    if telegram_length(question.question) > QUIZ_QUESTION_MAX:
        out.append(("question", texts.CATALOG_ERR_TOO_LONG.format(length=telegram_length(question.question),
                                                                  limit=QUIZ_QUESTION_MAX)))
    count = len(question.options)
    if not QUIZ_OPTIONS_MIN <= count <= QUIZ_OPTIONS_MAX:
        out.append(("options", texts.CATALOG_ERR_OPTION_COUNT.format(min=QUIZ_OPTIONS_MIN, max=QUIZ_OPTIONS_MAX,
                                                                     count=count)))
    first_at: dict[str, int] = {}
    for position, option in enumerate(question.options):
        if not option.strip():
            out.append((f"options.{position}", texts.CATALOG_ERR_BLANK))
        elif telegram_length(option) > QUIZ_OPTION_MAX:
            out.append((f"options.{position}", texts.CATALOG_ERR_TOO_LONG.format(length=telegram_length(option),
                                                                                 limit=QUIZ_OPTION_MAX)))
        key = " ".join(option.casefold().split())
        if key and key in first_at:
            out.append((f"options.{position}", texts.CATALOG_ERR_REPEATED_OPTION.format(first=first_at[key],
                                                                                       option=option)))
        first_at.setdefault(key, position)
    if not 0 <= question.correct < count:
        wrong = texts.CATALOG_ERR_CORRECT_INDEX if count else texts.CATALOG_ERR_NO_OPTIONS
        out.append(("correct", wrong.format(last=count - 1, correct=question.correct)))
    if not question.explanation.strip():
        out.append(("explanation", texts.CATALOG_ERR_BLANK))
    if telegram_length(question.explanation) > QUIZ_EXPLANATION_MAX:
        out.append(("explanation", texts.CATALOG_ERR_TOO_LONG.format(length=telegram_length(question.explanation),
                                                                     limit=QUIZ_EXPLANATION_MAX)))
    if question.explanation.count("\n") > QUIZ_EXPLANATION_MAX_LINE_FEEDS:
        out.append(("explanation", texts.CATALOG_ERR_LINE_FEEDS.format(n=QUIZ_EXPLANATION_MAX_LINE_FEEDS)))
    if question.status is QuizStatus.retired and question.retired_on is None:
        out.append(("retired_on", texts.CATALOG_ERR_QUIZ_RETIRED_DATE))
    if question.status is QuizStatus.active and question.retired_on is not None:
        out.append(("retired_on", texts.CATALOG_ERR_QUIZ_ACTIVE_DATE))
    if question.source is not None and not _https(question.source):
        out.append(("source", texts.CATALOG_ERR_URL.format(url=question.source)))
    return out


def _host(url: str) -> str:
    """The host of a URL without a leading 'www.'."""
    return url.split("://", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")


def _cost_problems(course: Course) -> list[tuple[str, str]]:
    """What is inconsistent in a course's cost model: each as (field, message)."""
    out: list[tuple[str, str]] = []
    for name in ("price_usd", "monthly_usd", "certificate_usd", "suggested_hours_per_week"):
        value = getattr(course, name)
        if value is not None and value < 0:
            out.append((name, texts.CATALOG_ERR_NEGATIVE.format(value=value)))
    model = course.cost_model
    if model is CostModel.one_off and not course.price_usd:
        out.append(("price_usd", texts.CATALOG_ERR_ONE_OFF_PRICE))
    if model is CostModel.subscription and not course.monthly_usd:
        out.append(("monthly_usd", texts.CATALOG_ERR_SUBSCRIPTION_PRICE))
    if model is CostModel.free_audit_paid_certificate:
        if not course.certificate:
            out.append(("certificate", texts.CATALOG_ERR_AUDIT_CERTIFICATE))
        if not course.certificate_usd and not course.monthly_usd:
            out.append(("certificate_usd", texts.CATALOG_ERR_CERTIFICATE_COST))
    if model is CostModel.free and (course.price_usd or course.monthly_usd or course.certificate_usd):
        out.append(("cost_model", texts.CATALOG_ERR_FREE_PRICE))
    if course.source_kind is SourceKind.provider and course.verified_on and _host(course.source) == "github.com" \
            and _host(course.url) != "github.com":
        out.append(("source", texts.CATALOG_ERR_PROVIDER_REPOSITORY))
    return out


def _requires_problem(course_id: str, ref: str, courses: set[str], skills: set[str]) -> str | None:
    """Why a `requires` entry is wrong, or None: it must be a course id or skill:depth."""
    if ":" in ref:
        skill, _, depth = ref.partition(":")
        if skill not in skills:
            return texts.CATALOG_ERR_UNKNOWN_REF.format(kind="skill", ref=skill)
        if depth not in {d.value for d in Depth}:
            return texts.CATALOG_ERR_DEPTH.format(depth=depth)
        return None
    if ref == course_id:
        return texts.CATALOG_ERR_REQUIRES_ITSELF
    if ref not in courses:
        return texts.CATALOG_ERR_UNKNOWN_COURSE.format(ref=ref)
    return None


def _check_lifecycle(
    add: Any, section: str, entry_id: str, status: Status, retired_on: date | None, replacement: str | None,
    known: set[str],
) -> None:
    if status is not Status.active and retired_on is None:
        add(section, entry_id, "retired_on", texts.CATALOG_ERR_RETIRED_DATE.format(status=status.value))
    if status is Status.replaced and not replacement:
        add(section, entry_id, "replacement", texts.CATALOG_ERR_REPLACEMENT_MISSING)
    if replacement is not None:
        if replacement not in known:
            add(section, entry_id, "replacement",
                texts.CATALOG_ERR_UNKNOWN_REF.format(kind="replacement", ref=replacement))
        elif replacement == entry_id:
            add(section, entry_id, "replacement", texts.CATALOG_ERR_REPLACES_ITSELF)
    if status is Status.active and retired_on is not None:
        add(section, entry_id, "retired_on", texts.CATALOG_ERR_ACTIVE_DATE)


def _closure(skill_ids: Iterable[str], catalog: Catalog) -> set[str]:
    """The skills plus all their prerequisites, transitively."""
    out: set[str] = set()
    stack = list(skill_ids)
    while stack:
        current = stack.pop()
        if current in out:
            continue
        out.add(current)
        skill = catalog.skill_by_id.get(current)
        if skill:
            stack.extend(skill.prerequisites)
    return out


def prerequisite_closure(skill_ids: Iterable[str], catalog: Catalog) -> set[str]:
    """Public form of the transitive prerequisite closure."""
    return _closure(skill_ids, catalog)


def find_cycles(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle found by DFS, each reported once, starting at its smallest id."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    cycles: list[list[str]] = []
    seen_keys: set[tuple[str, ...]] = set()

    for start in sorted(graph):
        if colour[start] != white:
            continue
        # Iterative DFS so deep generated catalogs do not hit the recursion limit.
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                colour[node] = grey
                path.append(node)
            children = graph.get(node, [])
            if index < len(children):
                stack.append((node, index + 1))
                child = children[index]
                if colour.get(child, black) == grey:
                    cycle = path[path.index(child):]
                    pivot = cycle.index(min(cycle))
                    normal = tuple(cycle[pivot:] + cycle[:pivot])
                    if normal not in seen_keys:
                        seen_keys.add(normal)
                        cycles.append(list(normal))
                elif colour.get(child, black) == white:
                    stack.append((child, 0))
            else:
                colour[node] = black
                path.pop()
    return cycles
