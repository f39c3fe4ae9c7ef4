"""Course-selection state and the per-course tests: context of one choice, cached catalog ranks, filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.domain.catalog import (
    DEPTH_RANK,
    Catalog,
    Course,
    Depth,
    Level,
    SkillCategory,
    depth_rank,
)
from bot.domain.planner.constants import CATEGORY_RANK, CODE_LANGUAGES, LANGUAGE_SKILLS, SPECIAL_CATEGORIES
from bot.domain.planner.knowledge import _DEVELOPER_WORDS
from bot.domain.planner.models import _Context
from bot.domain.profile import LearnerProfile
from bot.domain.progress import item_key

LANGUAGE_NAMES = {"python": "Python", "r": "R", "java": "Java", "c++": "C++", "javascript": "JavaScript"}
LANGUAGE_SKILL_IDS = frozenset(LANGUAGE_SKILLS.values())
STALE_AFTER_YEARS = 3
RELEVANT_SHARE = 0.4  # below this share of its hours a course is a poor fit for what it would add
EXPENSIVE_USD = 1000.0
NEW_SHARE = 0.3  # below this share of new material a course mostly repeats what the plan already has
MIN_RELEVANT_SHARE = 0.15  # below this it is never picked: a 180-hour certificate for its communication module
# Someone who already programs in another language learns a new one's syntax and idioms, not programming: an
# estimate of a third of the hours a beginner course gives it (about 20 h of Python to a working level).
PROGRAMMER_LANGUAGE_SHARE = 1 / 3
# Programming languages a learner may list as other experience (lower case): knowing one makes them a programmer.
OTHER_CODE_LANGUAGES = frozenset({
    "typescript", "javascript", "js", "ts", "java", "c", "c++", "cpp", "c#", "go", "golang", "rust", "kotlin",
    "swift", "scala", "ruby", "php", "matlab", "julia", "r", "perl", "haskell", "dart", "objective-c", "f#",
    "elixir", "erlang", "lua", "fortran", "cobol", "clojure", "groovy", "visual basic", "vb.net", "delphi",
})
PROGRAMMER_MIN_YEARS = 1.0  # years in a developer job that make someone a programmer


@dataclass
class _Selection:
    """What course choice needs to know about the learner and the plan so far."""

    profile: LearnerProfile
    catalog: Catalog
    ctx: _Context
    today: date
    pace: float
    budget: float | None
    free_only: bool
    known: dict[str, int]
    need: dict[str, int]
    gap: set[str]
    coder: bool
    covered: dict[str, int] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)  # max of known and covered, kept up to date
    cache: _CatalogCache | None = None
    chosen_ids: set[str] = field(default_factory=set)
    why: dict[str, str] = field(default_factory=dict)
    beaten: dict[str, Course] = field(default_factory=dict)
    short: list[str] = field(default_factory=list)  # skills no course in reach takes deep enough
    # Skills studied alone instead of an oversized course: the depths the self-study starts from and reaches, and
    # the free course to draw on.
    alone: dict[str, tuple[int, int, Course | None]] = field(default_factory=dict)
    # Self-study hours that differ from the skill's share (a new language for someone who already programs).
    alone_hours: dict[str, float] = field(default_factory=dict)
    programmer: str = ""  # the language (or job) that makes the learner a programmer already; "" when none
    beat_text: dict[str, str] = field(default_factory=dict)  # course id -> "Picked over X: ..." said on its row
    gap_note: dict[str, str] = field(default_factory=dict)  # course id -> the gap a second course fills

    @property
    def language(self) -> str:
        return (self.profile.programming_language or "python").lower()

    def depth(self, skill_id: str) -> int:
        return self.level.get(skill_id, 0)

    def __post_init__(self) -> None:
        self.level = dict(self.known)
        self.cache = _cache(self.catalog)
        self.programmer = programs_in(self.profile, self.known, self.catalog)


def programs_in(profile: LearnerProfile, known: dict[str, int], catalog: Catalog) -> str:
    """What makes the learner a programmer in a language other than Python, in words ("TypeScript", "C++", "your
    work as a senior frontend developer"); "" for someone who does not code or codes only in Python."""
    chosen = (profile.programming_language or "").lower()
    if chosen and chosen != "python":
        return LANGUAGE_NAMES.get(chosen, profile.programming_language or chosen)
    for skill_id in sorted(set(LANGUAGE_SKILLS.values()) - {"python"}):
        if known.get(skill_id, 0) >= DEPTH_RANK[Depth.working] and skill_id in catalog.skill_by_id:
            return catalog.skill_by_id[skill_id].name
    for item in [*profile.other_experience, *profile.known_skills]:
        if item.strip().lower() in OTHER_CODE_LANGUAGES:
            return item.strip()
    role = (profile.current_role or "").lower()
    if (profile.years_experience or 0) >= PROGRAMMER_MIN_YEARS and "student" not in role and "intern" not in role \
            and any(word in role for word in _DEVELOPER_WORDS):
        return profile.current_role or role
    return ""


def new_language_for_programmer(skill_id: str, sel: _Selection) -> bool:
    """A programming language the plan must teach to someone who already programs in another, from below a working
    level: they learn its syntax and idioms, never a beginner's programming course."""
    return bool(sel.programmer) and skill_id in LANGUAGE_SKILL_IDS and sel.depth(skill_id) < DEPTH_RANK[Depth.working]


def beginner_programming_course(course: Course, sel: _Selection) -> bool:
    """A beginner's course in programming (its field is programming and it teaches a language from scratch): an
    introduction an experienced programmer never takes."""
    assert sel.cache is not None
    return (course.level is Level.beginner and any(s in LANGUAGE_SKILL_IDS for s in course.teaches)
            and sel.cache.home.get(course.id) == CATEGORY_RANK[SkillCategory.programming])


@dataclass
class _CatalogCache:
    """What course choice derives from a catalog once: depth ranks per course, each course's home stage, the
    skills that belong to a specialisation."""

    ranks: dict[str, dict[str, int]]
    home: dict[str, int]
    special: frozenset[str]
    teach_hours: dict[str, float] = field(default_factory=dict)  # skill hours a course teaches, summed


def _cache(catalog: Catalog) -> _CatalogCache:
    cached = catalog.__dict__.get("_planner_cache")
    if cached is not None and cached[0] is catalog.courses:
        return cached[1]
    built = _CatalogCache(
        ranks={c.id: {s: depth_rank(d) for s, d in c.teaches.items()} for c in catalog.courses},
        home={c.id: _home(c, [s for s in c.teaches if s in catalog.skill_by_id], catalog) for c in catalog.courses},
        special=frozenset(s for d in catalog.domains for s in d.skills),
        teach_hours={c.id: sum(catalog.skill_by_id[s].hours for s in c.teaches if s in catalog.skill_by_id)
                     for c in catalog.courses},
    )
    catalog.__dict__["_planner_cache"] = (catalog.courses, built)
    return built


def _ranks_of(course: Course, sel: _Selection) -> dict[str, int]:
    assert sel.cache is not None
    found = sel.cache.ranks.get(course.id)
    if found is None or len(found) != len(course.teaches):  # a course not from this catalog's list
        return {s: depth_rank(d) for s, d in course.teaches.items()}
    return found


@dataclass
class _Chosen:
    """A chosen course while planning: its catalog entry, the gap skills assigned to it, its stage."""

    course: Course
    assigned: list[str]
    rank: int = 0
    primary: str = ""  # the skill it was picked for: it decides the course's stage
    after: list[str] = field(default_factory=list)  # skills it requires that the plan teaches: it comes after them


def _course_cost(course: Course, sel: _Selection) -> float:
    """What the learner pays for a course at their pace, with the certificate when they want certificates."""
    cost = course.learning_cost(sel.pace)
    if sel.profile.wants_certificates and not sel.free_only:
        cost += course.certificate_cost(sel.pace) or 0.0
    return cost


def _language_mismatch(course: Course, sel: _Selection) -> bool:
    """Taught in a language the learner does not code in: neither theirs, nor one the plan has taught them by now,
    nor the language the course itself teaches (a Python course for a Java developer who needs Python)."""
    lang = course.programming_language.value if course.programming_language else "none"
    if lang not in CODE_LANGUAGES or lang == sel.language:
        return False
    skill = LANGUAGE_SKILLS.get(lang)
    if skill is None:
        return True
    if sel.depth(skill) >= DEPTH_RANK[Depth.basic]:
        return False  # known, or taught earlier in the plan
    return not (skill in sel.need and skill in course.teaches)  # the plan needs this language: learn it here


def no_code_plan(course: Course, sel: _Selection) -> bool:
    """The learner does not code, chose no language, and the plan teaches them none: a course taught in one is out
    of their reach (ML Crash Course for a product manager whose plan has no Python)."""
    lang = course.programming_language.value if course.programming_language else "none"
    if lang not in CODE_LANGUAGES:
        return False
    skill = LANGUAGE_SKILLS.get(lang, "")
    return (not sel.coder and not sel.programmer and sel.profile.programming_language is None
            and sel.depth(skill) < DEPTH_RANK[Depth.basic] and skill not in sel.need)


def _off_target(course: Course, sel: _Selection) -> bool:
    """True when most of a course is about a specialisation the plan does not include (image generation in
    an NLP plan)."""
    skills = sel.catalog.skill_by_id
    assert sel.cache is not None
    special = sel.cache.special
    off = [s for s in course.teaches if s not in sel.need and s not in sel.known and s in skills
           and (skills[s].category in SPECIAL_CATEGORIES or s in special)]
    return bool(off) and 2 * len(off) >= len(course.teaches)


def _advanced_too_soon(course: Course, sel: _Selection) -> bool:
    """An advanced course is never someone's introduction: it needs its `requires` met, or every gap skill it
    would be picked for already started."""
    if course.level is not Level.advanced:
        return False
    if course.requires:
        return bool(_requires_unmet(course, sel))
    return any(sel.depth(s) == 0 for s in _gain(course, sel))


def _relevance(course: Course, sel: _Selection) -> float:
    """The share of a course's hours spent on skills the learner's role needs (or builds on)."""
    skills = sel.catalog.skill_by_id
    useful = sum(skills[s].hours for s in course.teaches if s in skills and (s in sel.need or s in sel.known))
    return useful / course.hours if course.hours > 0 else 1.0


def _expensive(course: Course, sel: _Selection) -> bool:
    """A course dearer than EXPENSIVE_USD that the learner's stated budget does not cover on purpose: a $9,900
    bootcamp is a last resort, never a pick when free or cheap courses fit."""
    cost = _course_cost(course, sel)
    return cost > EXPENSIVE_USD and (sel.budget is None or cost > sel.budget / 2)


def _fits_time(course: Course, sel: _Selection) -> bool:
    """Most of the course is about what the role needs, and a fair share of it is new to the learner."""
    if course.hours <= 0:
        return True
    gained = sum(sel.catalog.skill_by_id[s].hours for s in _gain(course, sel))
    return _relevance(course, sel) >= RELEVANT_SHARE and gained / course.hours >= NEW_SHARE


def _mostly_known(course: Course, sel: _Selection) -> bool:
    """A course that would mostly repeat what the learner knows, for less new material than studying it alone
    (CS50P for a data scientist, only for its testing module): self-study of the gap is the better pick."""
    if course.hours <= 0:
        return False
    skills = sel.catalog.skill_by_id
    gained = sum(skills[s].hours for s in _gain(course, sel))
    known = sum(skills[s].hours for s in course.teaches if s in skills and sel.known.get(s, 0) > 0)
    return gained / course.hours < NEW_SHARE and known > gained


def _relevant(course: Course, sel: _Selection) -> bool:
    """Whether what the course would add is more than a sliver of it (not a 180-hour certificate taken for its
    communication module)."""
    gained = sum(sel.catalog.skill_by_id[s].hours for s in _gain(course, sel))
    if course.hours <= 0:
        return True
    share = gained / course.hours
    # Never pay for what you already know: a paid course must mostly teach what the plan still lacks.
    if share < RELEVANT_SHARE and _course_cost(course, sel) > 0:
        return False
    return share >= MIN_RELEVANT_SHARE


def _requires_unmet(course: Course, sel: _Selection) -> list[str]:
    """The `requires` of a course that neither the plan so far nor the learner's skills satisfy."""
    out: list[str] = []
    for ref in course.requires:
        if ":" in ref:
            skill_id, _, depth = ref.partition(":")
            if sel.depth(skill_id) < depth_rank(depth):
                out.append(ref)
            continue
        if ref in sel.chosen_ids or item_key("course", ref) in sel.ctx.exclude:
            continue
        other = sel.catalog.course_by_id.get(ref)
        if other is None or any(sel.depth(s) < depth_rank(d) for s, d in other.teaches.items()):
            out.append(ref)
    return out


def _stale(course: Course, sel: _Selection) -> int:
    """2 archived, 1 older than three years on a fast-moving topic it is picked for, 0 current."""
    if course.archived:
        return 2
    fast = any(sel.catalog.skill_by_id[s].fast_moving for s in course.teaches
               if s in sel.gap and s in sel.catalog.skill_by_id)
    if fast and course.updated is not None and sel.today.year - course.updated > STALE_AFTER_YEARS:
        return 1
    return 0


def _level_mismatch(course: Course, skill_id: str, sel: _Selection) -> tuple[int, int]:
    """(advanced before its introduction, level off where the learner starts) for one skill."""
    current = sel.depth(skill_id)
    if current == 0:
        ideal = {Level.beginner, Level.intermediate} if sel.coder else {Level.beginner}
    elif current == DEPTH_RANK[Depth.basic]:
        ideal = {Level.beginner, Level.intermediate}
    else:
        ideal = {Level.intermediate, Level.advanced}
    # An advanced course whose `requires` the learner meets is no one's too-early introduction (CS229 for a PhD).
    advanced_first = 1 if course.level is Level.advanced and current == 0 and (
        not course.requires or _requires_unmet(course, sel)) else 0
    return advanced_first, 0 if course.level in ideal else 1


def _gain(course: Course, sel: _Selection) -> list[str]:
    """Gap skills a course would take deeper than the plan has them, short of what is needed."""
    level, need, gap = sel.level, sel.need, sel.gap
    return [s for s, d in _ranks_of(course, sel).items()
            if s in gap and level.get(s, 0) < need[s] and d > level.get(s, 0)]


_Key = tuple[int, int, int, int, int, int, int, int, int, int, float, str]


def _home(course: Course, skills: Iterable[str], catalog: Catalog) -> int:
    """The stage where most of a course's gap-skill hours lie (ties: the earlier stage)."""
    hours: dict[int, float] = {}
    for skill_id in skills:
        skill = catalog.skill_by_id[skill_id]
        rank = CATEGORY_RANK[skill.category]
        hours[rank] = hours.get(rank, 0.0) + skill.hours
    return min(hours, key=lambda r: (-hours[r], r)) if hours else 0
