"""Why-texts and warnings about the chosen courses: why a course won, what beat the runner-up, language gaps."""

from __future__ import annotations

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Course,
    Depth,
    Level,
    depth_rank,
)
from bot.domain.planner.constants import CODE_LANGUAGES, LANGUAGE_SKILLS
from bot.domain.planner.items import _money
from bot.domain.planner.models import PlanWarning, ProjectItem, W
from bot.domain.planner.needs import _DEPTH_NAME
from bot.domain.planner.selection import LANGUAGE_NAMES, _Chosen, _course_cost, _gain, _Key, _requires_unmet, _Selection
from bot.domain.planner.wording import _and_list, _cap


def _depth_short_warning(sel: _Selection, projects: list[ProjectItem]) -> PlanWarning | None:
    """One warning for every skill no course in reach takes as deep as the role needs: the skills with the depth
    reached and needed, one piece of advice, and which project of the plan deepens which of them."""
    if not sel.short:
        return None
    skills = sel.catalog.skill_by_id
    listed = [texts.PLANNER_DEPTH_SHORT_SKILL.format(skill=skills[s].name, reached=_DEPTH_NAME[sel.depth(s)],
                                                     need=_DEPTH_NAME[sel.need[s]]) for s in sel.short]
    shown: list[str] = []
    for project in projects:
        names = [skills[s].name for s in sel.short if s in project.skills]
        if names:
            shown.append(texts.PLANNER_DEPTH_SHORT_PROJECT.format(project=project.title,
                                                                  skills=_and_list(names)))
    projects_text = texts.PLANNER_DEPTH_SHORT_PROJECTS.format(projects="; ".join(shown)) if shown else ""
    text = texts.PLANNER_WARN_DEPTH_SHORT.format(
        skills="; ".join(listed), them="it" if len(listed) == 1 else "them", projects=projects_text)
    return W("depth-short", text)


def _course_language_warning(other: list[tuple[str, Course]], sel: _Selection) -> PlanWarning | None:
    """Courses taught in a programming language the learner does not know, said only when it matters (the learner
    chose a language, or the course's language is new to them) and in plain words: which course, which language."""
    chose = sel.profile.programming_language is not None
    by_course: dict[str, tuple[Course, list[str]]] = {}
    for skill_id, course in other:
        lang = course.programming_language.value if course.programming_language else ""
        skill = LANGUAGE_SKILLS.get(lang)
        new_to_them = skill is not None and sel.known.get(skill, 0) < DEPTH_RANK[Depth.basic]
        if lang in CODE_LANGUAGES and (chose or new_to_them):
            by_course.setdefault(course.id, (course, []))[1].append(sel.catalog.skill_by_id[skill_id].name)
    if not by_course:
        return None
    parts = []
    for course, names in by_course.values():
        lang = course.programming_language.value if course.programming_language else ""
        parts.append(texts.PLANNER_COURSE_LANGUAGE_PART.format(
            title=course.title, skills=_and_list(list(dict.fromkeys(names))), language=LANGUAGE_NAMES.get(lang, lang)))
    mine = LANGUAGE_NAMES.get(sel.language, sel.language)
    template = texts.PLANNER_WARN_COURSE_LANGUAGE_CHOSEN if chose else texts.PLANNER_WARN_COURSE_LANGUAGE
    languages = _and_list(list(dict.fromkeys(
        LANGUAGE_NAMES.get(c.programming_language.value, c.programming_language.value)
        for c, _ in by_course.values() if c.programming_language)))
    return W("course-language", template.format(courses="; ".join(parts), language=mine, languages=languages))


def _language_unserved(chosen: list[_Chosen], sel: _Selection) -> PlanWarning | None:
    """One plain line when the learner prefers a language (R, Java, C++) that most of the plan's coding courses are
    not taught in, because the catalog teaches ML in another: what the plan uses instead."""
    preferred = sel.language
    if preferred == "python" or preferred not in CODE_LANGUAGES or sel.ctx.nested:
        return None
    langs: list[str] = [c.course.programming_language.value for c in chosen
             if c.course.programming_language and c.course.programming_language.value in CODE_LANGUAGES]
    if not langs or 2 * langs.count(preferred) >= len(langs):
        return None
    used = max(sorted(set(langs)), key=langs.count)
    return W("language-unserved", texts.PLANNER_WARN_LANGUAGE_UNSERVED.format(
        language=LANGUAGE_NAMES.get(preferred, preferred), used=LANGUAGE_NAMES.get(used, used)))


def _why_pick(course: Course, skill_id: str, key: _Key, sel: _Selection) -> str:
    """What decided the pick: "taught in Python, reaches the deep level the role needs, updated 2025"."""
    skills = sel.catalog.skill_by_id
    reasons: list[str] = []
    lang = course.programming_language.value if course.programming_language else "none"
    if lang in CODE_LANGUAGES:
        reasons.append(texts.PLANNER_WHY_PICK_LANGUAGE.format(language=LANGUAGE_NAMES.get(lang, lang)))
    reached = depth_rank(course.teaches[skill_id])
    if reached >= sel.need[skill_id]:
        reasons.append(texts.PLANNER_WHY_PICK_DEPTH.format(depth=_DEPTH_NAME[sel.need[skill_id]]))
    else:
        reasons.append(texts.PLANNER_WHY_PICK_DEPTH_SHORT.format(skill=skills[skill_id].name,
                                                                 depth=_DEPTH_NAME[reached]))
    if key[8] == 0 and course.level is Level.beginner and sel.depth(skill_id) == 0:
        reasons.append(texts.PLANNER_WHY_PICK_LEVEL.format(level=course.level.value))
    if course.updated is not None:
        reasons.append(texts.PLANNER_WHY_PICK_UPDATED.format(year=course.updated))
    if course.editor_rank == 1:
        reasons.append(texts.PLANNER_WHY_PICK_EDITOR)
    if course.archived or key[1]:
        reasons.append(texts.PLANNER_WHY_PICK_OLD)
    return texts.PLANNER_WHY_PICK.format(reasons=_cap(", ".join(reasons) if reasons else texts.PLANNER_WHY_PICK_FIT))


def _beat_text(course: Course, key: _Key, runner: tuple[_Key, Course], skill_id: str, sel: _Selection) -> str:
    """" Picked over X: what is worse about X", or "" when nothing is (X is then not named at all)."""
    other_key, other = runner
    reason = _beat_reason(key, other_key, other, skill_id, sel, course)
    return texts.PLANNER_WHY_BEAT.format(title=other.title, reason=reason) if reason else ""


def _requirement_name(ref: str, sel: _Selection) -> str:
    """A `requires` entry in words: a course's title, or "Linux and the command line (basic)"."""
    if ":" in ref:
        skill_id, _, depth = ref.partition(":")
        skill = sel.catalog.skill_by_id.get(skill_id)
        return f"{skill.name if skill else skill_id} ({depth})"
    course = sel.catalog.course_by_id.get(ref)
    return course.title if course else ref


def _beat_reason(key: _Key, other_key: _Key, other: Course, skill_id: str, sel: _Selection,
                 course: Course | None = None) -> str:
    """Why the runner-up lost: the first fit criterion where it was worse, else what it costs more of in time or
    money; "" when it is no worse in either (a shorter, free course is never faulted for being short and free)."""
    index = next((i for i, (a, b) in enumerate(zip(key, other_key, strict=True)) if a != b), 10)
    if index == 0:
        lang = other.programming_language.value if other.programming_language else "none"
        return texts.PLANNER_BEAT_LANGUAGE.format(language=LANGUAGE_NAMES.get(lang, lang))
    if index == 1:
        if other.archived:
            return texts.PLANNER_BEAT_ARCHIVED
        return texts.PLANNER_BEAT_STALE.format(year=other.updated)
    if index == 2:
        return texts.PLANNER_BEAT_REQUIRES.format(requires=", ".join(_requirement_name(r, sel)
                                                                     for r in _requires_unmet(other, sel)))
    if index == 3:
        return texts.PLANNER_BEAT_ADVANCED
    if index == 4:
        if all(s in sel.need or s in sel.known for s in other.teaches):
            return texts.PLANNER_BEAT_TOO_LONG.format(hours=other.hours)
        return texts.PLANNER_BEAT_MOSTLY_ELSE.format(hours=other.hours)
    if index == 5:
        return texts.PLANNER_BEAT_OFF_HOME
    if index in (6, 8):
        return texts.PLANNER_BEAT_LEVEL.format(level=other.level.value)
    if index == 7:
        return texts.PLANNER_BEAT_DEPTH.format(hours=other.hours,
                                               depth=_DEPTH_NAME[depth_rank(other.teaches[skill_id])])
    if index == 9:
        return texts.PLANNER_BEAT_RANK
    mine = set(_gain(sel.catalog.course_by_id[key[11]], sel)) if key[11] in sel.catalog.course_by_id else set()
    theirs = [s for s in _gain(other, sel) if s in mine]
    if mine and len(theirs) < len(mine):
        names = ", ".join(sel.catalog.skill_by_id[s].name for s in theirs) or "-"
        return texts.PLANNER_BEAT_NARROWER.format(hours=other.hours, skills=names)
    if course is None or not set(_gain(course, sel)) <= set(_gain(other, sel)):
        return ""  # it covers other ground: being cheaper or shorter is no fault of it
    mine_cost, their_cost = _course_cost(course, sel), _course_cost(other, sel)
    faults = []
    if other.hours > course.hours:
        faults.append(texts.PLANNER_BEAT_LONGER.format(hours=other.hours))
    if their_cost > mine_cost:
        faults.append(texts.PLANNER_BEAT_DEARER.format(cost=_money(their_cost)))
    return texts.PLANNER_BEAT_SAME_GROUND.format(faults=_and_list(faults)) if faults else ""


def _certificate_warnings(chosen: list[_Chosen], sel: _Selection) -> list[PlanWarning]:
    """What certificates cost (when wanted), or which courses are audit only on a free budget."""
    if not sel.profile.wants_certificates:
        return []
    out: list[PlanWarning] = []
    with_cert = [c.course for c in chosen if c.course.certificate]
    if sel.free_only:
        audit = [c for c in with_cert if not c.free_certificate and (c.certificate_cost(sel.pace) or 0) > 0]
        free = [c for c in with_cert if c not in audit]
        if audit:
            costs = ", ".join(f"{c.title} {_money(c.certificate_cost(sel.pace) or 0)}" for c in audit)
            extra = texts.PLANNER_WARN_AUDIT_FREE.format(titles=", ".join(c.title for c in free)) if free else ""
            out.append(W("audit-only", texts.PLANNER_WARN_AUDIT_ONLY.format(
                titles=", ".join(c.title for c in audit), costs=costs, free=extra)))
        return out
    paid = [(c, c.certificate_cost(sel.pace) or 0.0) for c in with_cert]
    paid = [(c, fee) for c, fee in paid if fee > 0]
    if paid:
        total = round(sum(fee for _, fee in paid), 2)
        items = ", ".join(f"{c.title} {_money(fee)}" for c, fee in paid)
        out.append(W("certificate-costs", texts.PLANNER_WARN_CERT_COSTS.format(total=total, pace=sel.pace,
                                                                              items=items)))
    return out
