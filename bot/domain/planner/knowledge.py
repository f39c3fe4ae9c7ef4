"""What the learner already knows: stated depths, skills their work and years imply, prerequisite closure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Depth,
    SkillCategory,
    depth_rank,
)
from bot.domain.planner.constants import LANGUAGE_SKILLS, SENIOR_YEARS
from bot.domain.planner.jobsearch import PROFESSIONAL_YEARS, junior_title, learner_title, working_years
from bot.domain.profile import Education, LearnerProfile

# Tools that do not make someone a programmer on their own.
NOT_CODING_SKILLS = frozenset({"git", "sql", "linux-shell"})


# What years in a job imply the learner knows, and how deeply (1 basic, 2 working, 3 deep): keyed by words of their
# current role, the years it takes and the education it needs; a stated depth always wins over these.
@dataclass(frozen=True)
class _Experience:
    words: tuple[str, ...]
    years: float
    skills: Mapping[str, int]
    education: frozenset[Education] = frozenset()


_DEVELOPER_WORDS = ("developer", "software engineer", "software developer", "programmer", "backend", "back-end",
                    "frontend", "front-end", "full stack", "full-stack", "fullstack", "web dev", "staff engineer",
                    "platform engineer", "cloud engineer", "devops", "site reliability", "sre")
_QUANT_WORDS = ("physic", "math", "statistic", "econom", "engineer", "comput", "chemi", "astro", "quantitative",
                "biostat", "operations research", "postdoc")
EXPERIENCE_SKILLS: tuple[_Experience, ...] = (
    _Experience(_DEVELOPER_WORDS, 3.0, {"git": 2, "software-engineering": 2, "data-structures-algorithms": 2,
                                        "testing": 2, "linux-shell": 2, "sql": 1}),
    _Experience(_DEVELOPER_WORDS, 8.0, {"software-engineering": 3, "system-design": 2}),
    # A backend or full-stack developer builds web services over databases every day.
    _Experience(("backend", "back-end", "back end", "full stack", "full-stack", "fullstack"), 3.0,
                {"sql": 2, "databases": 2, "rest-apis": 2}),
    _Experience(("devops", "site reliability", "sre", "cloud engineer", "platform engineer"), 2.0,
                {"linux-shell": 2, "docker": 2, "cloud-platforms": 2, "git": 2}),
    # Someone who writes analysis and model code every day has met lists, dictionaries, sorting and complexity,
    # works in a shared repository and a terminal: a general CS introduction would mostly repeat their job.
    _Experience(("data scientist",), 2.0, {"python": 2, "pandas": 2, "numpy": 2, "scikit-learn": 1, "statistics": 2,
                                           "sql": 2, "ml-fundamentals": 2, "supervised-learning": 2,
                                           "model-evaluation": 2, "feature-engineering": 1, "data-cleaning": 2,
                                           "probability": 2, "linear-algebra": 1, "calculus": 1,
                                           "data-visualization": 2, "git": 2, "data-structures-algorithms": 1,
                                           "software-engineering": 1, "linux-shell": 1}),
    _Experience(("data analyst", "business analyst", "bi analyst"), 2.0,
                {"sql": 2, "spreadsheets-bi": 2, "data-visualization": 2, "statistics": 1, "data-cleaning": 2}),
    # Data engineers run their pipelines in containers, from a shell, on a cloud warehouse.
    _Experience(("data engineer",), 2.0, {"sql": 2, "python": 2, "data-pipelines": 2, "databases": 2, "git": 2,
                                          "docker": 2, "linux-shell": 2, "data-modeling": 2, "cloud-platforms": 1,
                                          "software-engineering": 1, "testing": 1}),
    # A database administrator scripts, versions and reviews changes to production systems.
    _Experience(("database administrator", "dba"), 3.0, {"sql": 3, "databases": 2, "linux-shell": 1,
                                                         "data-modeling": 1, "software-engineering": 1, "git": 1}),
    _Experience(("statistician", "biostatistician"), 2.0, {"statistics": 3, "probability": 2, "data-cleaning": 2,
                                                           "data-visualization": 2, "supervised-learning": 2,
                                                           "model-evaluation": 1}),
    _Experience(("accountant", "auditor", "financial analyst", "bookkeeper", "controller"), 2.0,
                {"spreadsheets-bi": 2}),
    _Experience(("product manager",), 3.0, {"business-acumen": 2, "communication": 2, "ab-testing": 1}),
    # Years after a doctorate are years of reading papers, running studies and presenting them.
    _Experience(("",), 2.0, {"paper-reading": 2, "research-methods": 2, "communication": 2},
                frozenset({Education.phd})),
)

# What a degree implies, by its field (LearnerProfile.field_of_study; for a doctorate the current job's words too,
# "postdoc in physics"): a quantitative field the maths of ML, at working depth after a master's or a doctorate and
# basic after a bachelor's; a doctorate in maths, physics or statistics its own core maths deep, since it is used
# every day of the research; a computing degree algorithms and data structures (working) and programming basics.
_MATHS = ("calculus", "linear-algebra", "statistics", "probability")
_CORE_FIELDS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("physic", "math", "astro"), ("calculus", "linear-algebra", "optimization")),
    (("statistic", "biostat", "econometric", "actuar"), ("statistics", "probability")),
)
_COMPUTING_WORDS = ("computer science", "computing", "computer engineering", "software engineering", "informatics",
                    "comp sci", "compsci", " cs ", " cse ")
_FIELD_QUANT_WORDS = (*_QUANT_WORDS, "data science", "machine learning", "artificial intelligence", "actuar",
                      "econometric", "informatics", " cs ", " cse ")
_DEGREE_DEPTH = {Education.bachelor: 1, Education.master: 2, Education.phd: 2}


# A job title the table above does not name still says what it implies through its words: a data or database
# word with a job word ("ETL developer", "analytics engineer", "SQL administrator", "research data scientist").
_DATA_WORDS = ("data", "database", "sql", "etl", "analytics", "warehouse", "bi ", "dba", "big data")
_BY_WORDS: tuple[tuple[tuple[str, ...], Mapping[str, int]], ...] = (
    # Data engineering and platform titles build pipelines in containers, from a shell, like a data engineer.
    (("engineer", "architect"),
     {"sql": 2, "databases": 2, "data-pipelines": 2, "python": 2, "git": 2, "docker": 2, "linux-shell": 2,
      "data-modeling": 2, "software-engineering": 1}),
    (("developer", "programmer"),
     {"sql": 2, "databases": 2, "data-pipelines": 1, "python": 1, "git": 2, "linux-shell": 1,
      "software-engineering": 1, "data-modeling": 1}),
    (("administrator", "admin", "dba"), {"sql": 2, "databases": 2, "linux-shell": 1, "git": 1,
                                         "software-engineering": 1}),
    (("scientist",), {"python": 2, "pandas": 2, "numpy": 2, "statistics": 2, "sql": 2, "data-cleaning": 2,
                      "data-visualization": 2, "ml-fundamentals": 1, "supervised-learning": 1, "git": 1,
                      "probability": 1}),
    (("analyst",), {"sql": 2, "spreadsheets-bi": 2, "data-visualization": 2, "statistics": 1, "data-cleaning": 2}),
)
WORDS_MIN_YEARS = 2.0  # years in a job a title read from its words takes to imply anything


def _by_words(role: str) -> dict[str, int]:
    """Skills a data or database job title the table does not know implies through its words (first job word)."""
    if not any(word in role for word in _DATA_WORDS):
        return {}
    for words, skills in _BY_WORDS:
        if any(f" {word}" in role for word in words):
            return dict(skills)
    return {}


def degree_skills(profile: LearnerProfile) -> dict[str, int]:
    """Skills (id -> depth 1-3) the learner's degree implies through its field; a field said without the level of
    the degree counts as a bachelor's."""
    education = profile.education
    if education is None and profile.field_of_study:
        education = Education.bachelor
    depth = _DEGREE_DEPTH.get(education) if education is not None else None
    if depth is None:
        return {}
    field = f" {(profile.field_of_study or '').lower()} "
    words = field
    role = (profile.current_role or "").lower()
    if education is Education.phd and not learner_title(role):
        words += f" {role} "  # a doctor's job says the field of the doctorate ("postdoc in physics")
    out: dict[str, int] = {}
    if any(word in words for word in _FIELD_QUANT_WORDS):
        out.update(dict.fromkeys(_MATHS, depth))
        if depth >= DEPTH_RANK[Depth.working]:
            out["optimization"] = DEPTH_RANK[Depth.basic]
    if education is Education.phd:
        for field_words, core in _CORE_FIELDS:
            if any(word in words for word in field_words):
                out.update(dict.fromkeys(core, DEPTH_RANK[Depth.deep]))
    if any(word in field for word in _COMPUTING_WORDS):
        out["data-structures-algorithms"] = DEPTH_RANK[Depth.working]
        language = LANGUAGE_SKILLS.get((profile.programming_language or "python").lower(), "python")
        out[language] = max(out.get(language, 0), DEPTH_RANK[Depth.basic])
    return out


def assumed_job(profile: LearnerProfile) -> bool:
    """Whether the learner named a job they hold but not their years in it: the plan assumes they do that job and
    counts what its entry rule implies (`job_skills`), and says so."""
    return profile.years_experience is None and working_years(profile) > 0 and bool(job_skills(profile))


def experience_skills(profile: LearnerProfile) -> dict[str, int]:
    """Skills (id -> depth 1-3) the learner's stated job, years and education imply: what the job implies
    (`job_skills`) and what the degree's field implies (`degree_skills`); the deeper of the two wins."""
    out = job_skills(profile)
    for skill_id, depth in degree_skills(profile).items():
        out[skill_id] = max(out.get(skill_id, 0), depth)
    return out


def job_skills(profile: LearnerProfile) -> dict[str, int]:
    """Skills (id -> depth 1-3) the learner's job and years imply (with the years after a doctorate): the words of
    a data title, then EXPERIENCE_SKILLS; the deeper wins.

    Years unsaid (None, unlike a stated 0) with a job title: a person who holds the title does that job now, so the
    title implies what the first rule of its words implies (the fewest years the table knows for it) at those
    depths but never deep, since depth takes years the learner stated; a junior, trainee or apprentice title one
    depth less; a student's, intern's or aspiring one's nothing."""
    role = f" {(profile.current_role or '').lower()} "
    out: dict[str, int] = {}
    if learner_title(role):
        return out
    assumed = profile.years_experience is None and working_years(profile) > 0
    years = profile.years_experience or 0.0
    if years >= WORDS_MIN_YEARS or assumed:
        out.update(_by_words(role))
    applied: set[tuple[str, ...]] = set()  # word lists whose first rule applied (years unsaid)
    for rule in EXPERIENCE_SKILLS:
        if rule.education and profile.education not in rule.education:
            continue
        if not any(word in role for word in rule.words):
            continue
        if assumed:
            if rule.words in applied:
                continue
            applied.add(rule.words)
        elif years < rule.years:
            continue
        for skill_id, depth in rule.skills.items():
            out[skill_id] = max(out.get(skill_id, 0), depth)
        if rule.words is _DEVELOPER_WORDS and profile.programming_language:
            language = LANGUAGE_SKILLS.get(profile.programming_language.lower())
            if language:
                out[language] = max(out.get(language, 0), 3 if years >= SENIOR_YEARS else 2)
    if assumed:
        lower = 1 if junior_title(role) else 0
        out = {s: min(d, DEPTH_RANK[Depth.working]) - lower for s, d in out.items()}
        out = {s: d for s, d in out.items() if d > 0}
    return out


# Jobs whose daily work is explaining, persuading and caring for people: years in them teach communication deeply
# (a nurse of six years is not told to self-study communication "to a deep level").
_PEOPLE_WORDS = ("nurse", "teacher", "lecturer", "professor", "tutor", "trainer", "coach", "sales", "account manager",
                 "account executive", "consultant", "manager", "lawyer", "counsel", "attorney", "solicitor", "doctor",
                 "physician", "pharmacist", "therapist", "social worker", "counsellor", "counselor", "recruiter",
                 "customer support", "customer service", "journalist", "editor", "product owner")


def _from_work(profile: LearnerProfile, known: dict[str, int], catalog: Catalog,
               keep_out: frozenset[str]) -> dict[str, int]:
    """Years of professional work teach communication, problem framing and business sense at a working level:
    an accountant of nine years, a postdoc or a staff engineer is not sent on a soft-skill course for them."""
    current = (profile.current_role or "").lower()
    if working_years(profile) < PROFESSIONAL_YEARS or "student" in current or not current:
        return known
    out = dict(known)
    for skill in catalog.skills:
        if skill.category is SkillCategory.professional and skill.id not in profile.skill_depth \
                and skill.id not in keep_out:
            out[skill.id] = max(out.get(skill.id, 0), DEPTH_RANK[Depth.working])
    if any(word in current for word in _PEOPLE_WORDS) and "communication" in catalog.skill_by_id \
            and "communication" not in profile.skill_depth and "communication" not in keep_out:
        out["communication"] = DEPTH_RANK[Depth.deep]
    return out


def _known_depths(profile: LearnerProfile, catalog: Catalog, extra: Iterable[str],
                  learnt: Iterable[tuple[str, int]] = (), keep_out: frozenset[str] = frozenset()) -> dict[str, int]:
    """Known depth (1-3) of every skill: the learner's (working when unsaid), done items (deep), and the
    prerequisites a known skill implies, transitively, at basic or more (up to the skill's own, at most working)."""
    skills = catalog.skill_by_id
    known: dict[str, int] = {}
    for skill_id in [*profile.known_skills, *profile.skill_depth]:
        if skill_id in skills:
            depth = depth_rank(profile.skill_depth.get(skill_id)) or DEPTH_RANK[Depth.working]
            known[skill_id] = max(known.get(skill_id, 0), depth)
    # What years in a job imply stands on its own: it implies no prerequisites (a physicist's research methods
    # say nothing about ML fundamentals; a JavaScript developer's engineering practice says nothing about Python).
    seeds = dict(known)
    for skill_id, depth in experience_skills(profile).items():
        if skill_id in skills and skill_id not in profile.skill_depth and skill_id not in keep_out:
            known[skill_id] = max(known.get(skill_id, 0), depth)
    for skill_id in extra:
        if skill_id in skills:
            known[skill_id] = DEPTH_RANK[Depth.deep]
            seeds[skill_id] = known[skill_id]
    for skill_id, depth in learnt:
        if skill_id in skills:
            known[skill_id] = max(known.get(skill_id, 0), depth)
            seeds[skill_id] = known[skill_id]
    # What the learner said about a skill stands; implication only fills in the skills they did not rate.
    stated = {s for s in profile.skill_depth if s in skills} | keep_out
    stack = sorted(seeds.items())
    while stack:
        skill_id, depth = stack.pop()
        implied = max(DEPTH_RANK[Depth.basic], min(depth, DEPTH_RANK[Depth.working]))
        for prereq in skills[skill_id].prerequisites:
            if prereq in skills and prereq not in stated and known.get(prereq, 0) < implied:
                known[prereq] = implied
                stack.append((prereq, implied))
    return known


def _codes(profile: LearnerProfile, known: Mapping[str, int], catalog: Catalog) -> bool:
    """Whether the learner already programs (a language at working depth), so beginner courses are optional."""
    implied = experience_skills(profile)  # once, not once a skill
    for skill_id, depth in known.items():
        skill = catalog.skill_by_id[skill_id]
        if (skill.category is SkillCategory.programming and skill_id not in NOT_CODING_SKILLS
                and depth >= DEPTH_RANK[Depth.working]
                and (skill_id in profile.known_skills or skill_id in implied)):
            return True
    return False


def _closure(skill_ids: Iterable[str], catalog: Catalog) -> set[str]:
    """The skills plus all their prerequisites."""
    out: set[str] = set()
    stack = list(skill_ids)
    while stack:
        current = stack.pop()
        if current in out or current not in catalog.skill_by_id:
            continue
        out.add(current)
        stack.extend(catalog.skill_by_id[current].prerequisites)
    return out
