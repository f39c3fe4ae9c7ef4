"""Seniority and the job search: the learner's field and industry, job-search steps and the closing stage."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Depth,
    JobSearchStep,
    Project,
    Role,
    RoleFamily,
    Seniority,
)
from bot.domain.planner.constants import SENIOR_YEARS
from bot.domain.planner.models import CourseItem, ProjectItem, SkillItem, StepItem, _Context
from bot.domain.planner.schedule import _floor, _hours, _stage_hours, job_search_start
from bot.domain.planner.wording import _and_list, _article
from bot.domain.profile import Education, LearnerProfile
from bot.domain.progress import item_key

STUDENT_YEARS = 2.0
STEP_HOURS_FACTOR: dict[Seniority, float] = {
    Seniority.student: 1.0, Seniority.career_changer: 1.1, Seniority.experienced: 0.9, Seniority.senior: 0.75,
}

# ---------------------------------------------------------------- the learner's field
# Seniority in the job search comes from years in a field related to the target role's family: software,
# data, ML and research work carry over; eight years as a mechanical engineer, a nurse or a teacher do not
# make a senior ML candidate (their projects are their proof, their years show in domain and leadership
# answers). Words are matched as whole words (a trailing "*" matches any ending).
SOFTWARE_WORDS = ("software", "developer*", "programmer*", "backend", "back-end", "frontend", "front-end",
                  "full stack", "fullstack", "full-stack", "web", "devops", "sre", "site reliability", "it",
                  "sysadmin", "system administrator", "systems administrator", "qa", "swe", "sde", "coder",
                  "mobile", "android", "ios", "cloud", "platform", "infrastructure", "tech lead", "cto",
                  "solutions architect*", "enterprise architect*", "systems architect*", "technical architect*",
                  "applied scientist*", "computer scientist*", "systems analyst*")
DATA_WORDS = ("data", "database*", "dba", "analytics", "bi", "business intelligence", "etl", "statistician*",
              "biostatistician*", "quant", "quantitative")
ML_WORDS = ("ml", "machine learning", "ai", "artificial intelligence", "deep learning", "nlp", "computer vision",
            "mlops")
# Words a current title carries over to a role family, on top of software, data and ML work.
FAMILY_WORDS: dict[RoleFamily, tuple[str, ...]] = {
    RoleFamily.product: ("product", "designer*", "ux", "user research*", "analyst*"),
    RoleFamily.research: ("postdoc*", "professor*", "lecturer*", "phd", "research*", "scientist*"),
    RoleFamily.data_science: ("analyst*", "research*", "scientist*"),
    RoleFamily.analytics: ("analyst*",),
}
# "Engineer" alone (staff engineer, senior engineer) is read as software work; these qualifiers name an
# engineering field of its own, which is not software.
OTHER_ENGINEERING = ("mechanical", "civil", "chemical", "electrical", "electronics", "audio", "sound", "structural",
                     "process", "manufacturing", "aerospace", "biomedical", "industrial", "environmental",
                     "nuclear", "mining", "marine", "automotive", "petroleum", "field", "hvac", "maintenance",
                     "production", "quality", "recording", "broadcast", "mixing", "acoustic", "materials",
                     "agricultural", "geotechnical", "hardware", "design", "sales", "service", "biomedical",
                     "mastering", "sound design", "lighting", "building", "site", "project", "water", "energy",
                     "power", "telecom*", "rf", "network", "test", "validation", "reliability", "safety")
ENGINEER = re.compile(r"\bengineer(?:s|ing)?\b")


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One whole-word regex for a list of words ("analyst*" also matches "analysts")."""
    alts = (re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


_TECH = _pattern(SOFTWARE_WORDS + DATA_WORDS + ML_WORDS)
_FAMILY = {family: _pattern(words) for family, words in FAMILY_WORDS.items()}
_OTHER_ENGINEERING = _pattern(OTHER_ENGINEERING)
# Clerical work with a technical word in its title: typing data in is not data work.
_CLERICAL = _pattern(("data entry", "data input", "it support assistant"))


def related_field(current_role: str | None, family: RoleFamily | None) -> bool:
    """Whether a job title is work in a field related to the role family: software, data, ML or research (and
    product or analyst work for product and analytics roles). A mechanical, audio or civil engineer is not."""
    current = (current_role or "").lower()
    if not current or _CLERICAL.search(current):
        return False
    if _TECH.search(current) or (family is not None and family in _FAMILY and _FAMILY[family].search(current)):
        return True
    # A bare or software-sounding "engineer" is software work; a named engineering field is a field of its own.
    return bool(ENGINEER.search(current)) and not _OTHER_ENGINEERING.search(current)


# ---------------------------------------------------------------- the learner's industry
@dataclass(frozen=True)
class Industry:
    """An industry a job title names, with what a plan says about it."""

    id: str  # "healthcare"; its words for the learner are in texts.py
    titles: tuple[str, ...]  # words of a job title in it ("nurse", "pharmacist")
    projects: tuple[str, ...]  # words of a catalog project (id, title or idea) that belongs to it

    @property
    def name(self) -> str:
        """The industry as a plan names it ("language services")."""
        return texts.PLANNER_JOB_INDUSTRY_NAMES[self.id]

    @property
    def employers(self) -> str:
        """Who hires data and ML people in it."""
        return texts.PLANNER_JOB_INDUSTRY_EMPLOYERS[self.id]

    @property
    def bridge(self) -> str:
        """The data or ML role nearest to the learner's work in it."""
        return texts.PLANNER_JOB_INDUSTRY_BRIDGE[self.id]


INDUSTRIES: tuple[Industry, ...] = (
    Industry("healthcare", ("nurse*", "nursing", "doctor*", "physician*", "clinician*", "clinical", "pharmacist*",
                            "pharmacy", "paramedic*", "midwi*", "dentist*", "therapist*", "radiographer*",
                            "medical", "hospital*", "health*", "care worker*", "caregiver*", "surgeon*",
                            "physiotherapist*", "optometrist*", "veterinar*"),
             ("medical", "clinical", "health", "patient*", "disease*", "x-ray", "hospital*", "biomedical", "drug*")),
    Industry("education", ("teacher*", "teaching", "tutor*", "lecturer*", "educator*", "instructor*", "school",
                           "headteacher*", "trainer*", "professor*"),
             ("student*", "school*", "course*", "learning platform", "education*")),
    Industry("finance", ("accountant*", "accounting", "auditor*", "bookkeeper*", "banker*", "banking", "bank",
                         "financial", "finance", "actuar*", "controller*", "tax", "trader*", "underwriter*",
                         "loan*", "insurance", "cfo", "treasurer*", "payroll", "credit"),
             ("fraud", "stock*", "credit", "bank*", "transaction*", "loan*", "insurance", "card",
              "financial statement*")),
    Industry("language", ("translator*", "translation", "interpreter*", "linguist*", "localization",
                                   "localisation", "proofreader*", "copy editor*", "subtitler*", "terminologist*"),
             ("translat*", "multilingual", "linguistic*", "grammar")),
    Industry("retail", ("retail", "store manager*", "shop*", "cashier*", "merchandiser*",
                                       "buyer*", "sales", "e-commerce", "ecommerce", "category manager*"),
             ("sales", "shop*", "e-commerce", "retail", "store*", "fashion")),
    Industry("logistics", ("logistics", "warehouse", "supply chain", "dispatcher*", "procurement", "shipping",
                           "fleet", "truck driver*", "courier*", "operations manager*"),
             ("demand", "inventory", "supply", "driver*", "delivery", "fleet")),
    Industry("manufacturing", ("mechanical", "manufacturing", "industrial", "production",
                                               "process engineer*", "plant", "machinist*", "civil", "chemical",
                                               "electrical", "aerospace", "automotive", "quality engineer*",
                                               "maintenance", "technician*", "structural"),
             ("equipment", "failure*", "defect*", "factory", "maintenance", "sensor*", "machine*")),
    Industry("energy", ("energy", "utility", "utilities", "oil", "gas", "electrician*", "solar", "wind"),
             ("energy", "electricity", "load", "power")),
    Industry("marketing", ("marketing", "marketer*", "seo", "advertising", "brand", "journalist*",
                                     "editor*", "copywriter*", "social media", "communications"),
             ("brand", "marketing", "campaign*", "review*", "social", "news", "sentiment")),
    Industry("audio", ("audio", "sound", "music*", "musician*", "acoustic*", "recording", "mixing",
                                 "mastering", "podcast*", "broadcast*"),
             ("speech", "audio", "podcast*", "voice", "wake-word", "sound")),
    Industry("law", ("lawyer*", "solicitor*", "paralegal*", "attorney*", "legal", "barrister*", "notary"),
             ("legal", "contract*", "law")),
)
_INDUSTRY_TITLES = [(industry, _pattern(industry.titles)) for industry in INDUSTRIES]
_INDUSTRY_PROJECTS = {industry.id: _pattern(industry.projects) for industry in INDUSTRIES}


def industry_of(current_role: str | None) -> Industry | None:
    """The industry a job title names (nurse: healthcare, translator: language services), or None. Software,
    data and ML titles name no industry of their own (a data analyst's industry is not in the title)."""
    current = (current_role or "").lower()
    if not current or related_field(current, None) or "student" in current:
        return None
    # The first word that names an industry wins: "healthcare accountant" works in healthcare.
    found = [(m.start(), i, industry) for i, (industry, rx) in enumerate(_INDUSTRY_TITLES)
             if (m := rx.search(current)) is not None]
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def in_industry(project: Project, industry: Industry) -> bool:
    """Whether a catalog project works on the industry's data (a chest X-ray classifier is healthcare)."""
    text = " ".join((project.id, project.title, project.idea)).lower()
    return bool(_INDUSTRY_PROJECTS[industry.id].search(text))


PROFESSIONAL_YEARS = 3.0  # years of work that teach communication and business sense at a working level
JOB_SEARCH_SHARE = 0.35  # the job search takes at most this share of the study hours before it...
JOB_SEARCH_FLOOR_HOURS = 60.0  # ...or this much when that share is smaller, but never more than the study itself
MIN_STEP_HOURS = 0.5
KNOWN_STEP_FACTOR = 0.5  # a refresher, not a course: interview practice on what the learner knows deeply
# Degrees a university careers service and its alumni come with.
UNIVERSITY = frozenset({Education.bachelor, Education.master, Education.phd})
NO_DEGREE = frozenset({Education.none, Education.high_school, Education.bootcamp})
# Steps that name the learner's industry when their title gives one, and the one that mentions a careers service.
INDUSTRY_STEPS = frozenset({"leverage-domain-expertise", "bridging-role"})
DOMAIN_STEP = "leverage-domain-expertise"  # the step that asks for a project on the industry's data
CAREERS_SERVICE_STEP = "internships-new-grad"


# A title that says its holder is still learning the job implies no work, whatever the years ("CS student",
# "ML intern", "aspiring data scientist", "learning Python"); "machine learning engineer" or "learning designer"
# is a job, not a learner.
_LEARNER_TITLE = re.compile(
    r"\b(?:students?|interns?|internship|aspiring|wannabe|would-be|future)\b"
    r"|(?<!machine )(?<!deep )(?<!reinforcement )(?<!statistical )(?<!e-)\b(?:learning|studying)\b"
    r"(?!\s*(?:and|&|engineer|scientist|designer|specialist|researcher|manager|lead|consultant|analyst|architect"
    r"|developer|officer|coordinator|technologist|partner)\b)")
# A title of someone starting out: with years unsaid it counts as less than a working professional's.
_JUNIOR_TITLE = re.compile(r"\b(?:junior|jr|trainee|apprentice|entry[- ]level|graduate)\b")
# Words that say there is no job now, whatever else the answer holds.
_NO_JOB = re.compile(r"\b(?:unemployed|jobless|retired|none|nothing|not working|between jobs|no job|looking for)\b")
# Years a job held now counts as when the learner does not say: the entry rules of what a job implies
# (knowledge.EXPERIENCE_SKILLS) take two or three years, and three make a working professional.
ASSUMED_YEARS = PROFESSIONAL_YEARS
ASSUMED_JUNIOR_YEARS = 1.0


def learner_title(role: str) -> bool:
    """Whether a job title says its holder is still learning the job (a student, an intern, an aspiring one)."""
    return bool(_LEARNER_TITLE.search(role.lower()))


def junior_title(role: str) -> bool:
    """Whether a job title says its holder is starting out (junior, trainee, apprentice, graduate)."""
    return bool(_JUNIOR_TITLE.search(role.lower()))


def working_years(profile: LearnerProfile) -> float:
    """Years of work to read a profile by: the stated years (0 included); with years unsaid, a job held now counts
    as ASSUMED_YEARS (a junior one as ASSUMED_JUNIOR_YEARS; a student's, intern's or none as no work)."""
    if profile.years_experience is not None:
        return profile.years_experience
    role = (profile.current_role or "").strip().lower()
    if not role or learner_title(role) or _NO_JOB.search(role):
        return 0.0
    return ASSUMED_JUNIOR_YEARS if junior_title(role) else ASSUMED_YEARS


def seniority_of(profile: LearnerProfile, family: RoleFamily | None = None) -> Seniority:
    """Where the job search starts from, as a coach reads years, education and title: students and under two
    years of work are students; 8+ years in a field related to the target family (software, data, ML,
    research) is senior, fewer is experienced; years in another field (a mechanical engineer, a nurse) make a
    career changer, however many. A PhD is research experience for research roles and a product manager's
    years count for product roles."""
    years = working_years(profile)
    current = (profile.current_role or "").lower()
    # A doctorate is years of research: a postdoc or PhD physicist is an experienced researcher, not a student.
    researcher = family is RoleFamily.research and profile.education is Education.phd and "student" not in current
    if researcher:
        return Seniority.senior if years >= SENIOR_YEARS else Seniority.experienced
    if "student" in current or not current or years < STUDENT_YEARS:
        return Seniority.student
    if not related_field(current, family):
        # Nine years as an accountant make a career changer, not a senior ML candidate.
        return Seniority.career_changer
    return Seniority.senior if years >= SENIOR_YEARS else Seniority.experienced


def seniority_label(seniority: Seniority) -> str:
    """'as a career changer', 'as an experienced professional': the starting point with its article."""
    label = texts.PLANNER_SENIORITY_LABELS[seniority.value]
    return f"{_article(label)} {label}"


def _job_search_stage(role: Role, seniority: Seniority, before: list[dict[str, Any]], projects: list[ProjectItem],
                      catalog: Catalog, ctx: _Context, soft_skills: list[SkillItem],
                      soft_courses: list[CourseItem], known: Mapping[str, int], pace: float,
                      profile: LearnerProfile | None = None) -> dict[str, Any] | None:
    """The job search for the role's family and the learner's starting point, proportionate to the study before
    it (never more than that study); it starts in the last part of the study (schedule.job_search_start, the
    schedule shares the weeks) and says so, with its share of the weekly hours and the steps to begin with. A
    learner without a degree is told plainly that most of these roles ask for one, and what makes up for it."""
    study = sum(_stage_hours(r) for r in before)
    soft = sum(c.hours for c in soft_courses) + sum(s.hours for s in soft_skills if s.self_study)
    budget = min(study, max(JOB_SEARCH_SHARE * study, JOB_SEARCH_FLOOR_HOURS)) - soft
    steps, early = _job_steps(role, seniority, catalog, ctx, [p.id for p in projects], budget, known, profile)
    shown = [_hours(s.hours) for s in steps]  # whole or half hours, as shown...
    if sum(shown) > budget + 1e-9:
        # ...rounded down when rounding up would take the steps past their share of the study
        shown = [max(MIN_STEP_HOURS, math.floor(s.hours * 2) / 2) for s in steps]
    steps = [s.model_copy(update={"hours": h}) for s, h in zip(steps, shown, strict=True)]
    if not (steps or soft_skills or soft_courses):
        return None
    what = texts.PLANNER_JOB_SEARCH_WHAT
    if soft_skills:
        what = ", ".join(s.name.lower() for s in soft_skills) + ", " + what
    goal = texts.PLANNER_GOAL_JOB_SEARCH_FOR.format(article=_article(role.name), role=role.name,
                                                    seniority=seniority_label(seniority), what=what)
    mine = sum(s.hours for s in steps) + sum(c.hours for c in soft_courses) + \
        sum(s.hours for s in soft_skills if s.self_study)
    hours = [_stage_hours(r) for r in before]
    begin = job_search_start([*hours, mine], [*(r.get("kind") for r in before), "job_search"], pace)
    if begin is not None:
        # The schedule gives the job search this share of every week from `point` on (schedule.job_search_start).
        point, index = begin
        together = mine + sum(hours) - point
        weekly = _hours(pace * mine / together) if together > 0 else 0.0
        goal += texts.PLANNER_GOAL_JOB_SEARCH_FROM.format(stage=before[index]["title"],
                                                               week=_floor(point / pace) + 1, hours=weekly, pace=pace)
        if early:
            goal += texts.PLANNER_GOAL_JOB_SEARCH_BEGIN.format(steps="; ".join(early))
    if profile is not None:
        goal += _degree_line(profile, role, catalog)
    return {"id": "job-search", "kind": "job_search", "title": texts.PLANNER_STAGE_TITLES["job-search"],
            "goal": goal, "skills": soft_skills, "courses": soft_courses, "steps": steps}


def _degree_line(profile: LearnerProfile, role: Role, catalog: Catalog) -> str:
    """For a learner without a degree: most employers ask for one for these roles (the career guides say so),
    and what makes up for it - the portfolio, a certification, a first job in a nearer role."""
    if profile.education not in NO_DEGREE:
        return ""
    # The usual first job is the adjacent role with the least to learn (fewest required skills).
    nearer = [catalog.role_by_id[r] for r in role.adjacent if r in catalog.role_by_id]
    compensates = [texts.PLANNER_JOB_DEGREE_PORTFOLIO, texts.PLANNER_JOB_DEGREE_CERTIFICATION]
    if nearer:
        entry = min(nearer, key=lambda r: (len(r.required_skills), r.id))
        compensates.append(texts.PLANNER_JOB_DEGREE_FIRST_ROLE.format(role=_lower(entry.name)))
    return texts.PLANNER_JOB_DEGREE_GAP.format(role=_lower(role.name), compensates=_and_list(compensates))


def _lower(name: str) -> str:
    """A role name inside a sentence: "machine learning engineer", but "NLP engineer" keeps its capitals."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _needed(step: JobSearchStep, role: Role) -> bool:
    """Whether the role needs what an interview step rehearses: one of its skills at a working depth or more
    (no ML-fundamentals round for a data engineer, no data-modelling round for an ML engineer)."""
    if not step.skills:
        return True
    need = {rs.skill: DEPTH_RANK[rs.depth] for rs in role.required_skills}
    return any(need.get(k, 0) >= DEPTH_RANK[Depth.working] for k in step.skills)


def _step_text(step: JobSearchStep, profile: LearnerProfile | None, projects: list[Project]) -> str:
    """A step's text for this learner: the industry their title names (and the plan's project from it), the
    careers service only for people at university."""
    description = step.description
    if profile is not None:
        industry = industry_of(profile.current_role)
        if step.id in INDUSTRY_STEPS and industry is not None:
            description += texts.PLANNER_JOB_STEP_INDUSTRY[step.id].format(industry=industry.name,
                                                                   employers=industry.employers,
                                                                   bridge=industry.bridge,
                                                                   article=_article(industry.bridge))
            own = [p.title for p in projects if in_industry(p, industry)]
            if step.id == DOMAIN_STEP and own:
                description += texts.PLANNER_JOB_STEP_INDUSTRY_PROJECT.format(project=own[0])
        if step.id == CAREERS_SERVICE_STEP:
            at_university = profile.education in UNIVERSITY or any(
                w in (profile.current_role or "").lower() for w in ("university", "college", "undergraduate"))
            description += (texts.PLANNER_JOB_STEP_CAREERS_SERVICE if at_university
                            else texts.PLANNER_JOB_STEP_NO_CAREERS_SERVICE)
    return texts.PLANNER_STEP.format(title=step.title, description=description)


def _job_steps(role: Role, seniority: Seniority, catalog: Catalog, ctx: _Context,
               projects: Iterable[str] = (), budget: float | None = None,
               known: Mapping[str, int] | None = None,
               profile: LearnerProfile | None = None) -> tuple[list[StepItem], list[str]]:
    """The job-search steps for the role's family and the learner's starting point, hours scaled to it and held
    within `budget` hours; also the titles of the steps that start alongside the last learning stage.
    A step a planned project already does (a workshop paper) is left out, and so is an interview round on
    skills the role does not need; one rehearsing what the learner knows deeply (statistics interviews for a
    statistician) takes half the time."""
    factor = STEP_HOURS_FACTOR[seniority]
    ordered = list(projects)  # plan order: the first industry project is named, whatever the hash seed
    planned = set(ordered)
    picked: list[tuple[JobSearchStep, float]] = []
    for s in sorted(catalog.job_search_steps, key=lambda s: (s.order, s.id)):
        if item_key("step", s.id) in ctx.exclude:
            continue
        if s.families and role.family not in s.families:
            continue
        if s.seniority and seniority not in s.seniority:
            continue
        if planned & set(s.skip_with_projects):
            continue
        if not _needed(s, role):
            continue
        deep = bool(s.skills) and all((known or {}).get(k, 0) >= DEPTH_RANK[Depth.deep] for k in s.skills)
        picked.append((s, s.hours * factor * (KNOWN_STEP_FACTOR if deep else 1.0)))
    raw = sum(h for _, h in picked)
    if budget is not None and raw > budget:
        # Proportionate to the learning: every step keeps its share, in half hours, none below half an hour;
        # when even that is too much, the last steps go (only for plans of a few hours).
        scale = max(budget, 0.0) / raw
        picked = [(s, max(MIN_STEP_HOURS, math.floor(h * scale * 2) / 2)) for s, h in picked]
        while picked and sum(h for _, h in picked) > budget + 1e-9:
            picked.pop()
    chosen = [catalog.project_by_id[p] for p in ordered if p in catalog.project_by_id]
    out = [StepItem(id=s.id, text=_step_text(s, profile, chosen), hours=round(h, 1)) for s, h in picked]
    early = [s.title for s, _ in picked if s.start_early]
    return out, early
