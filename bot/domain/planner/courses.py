"""Choosing the courses: eligibility, the ranking key, the greedy cover of the gap, and put-back courses."""

from __future__ import annotations

from bot import texts
from bot.domain.catalog import (
    DEPTH_RANK,
    Course,
    Depth,
    Level,
    Status,
    depth_rank,
)
from bot.domain.planner.constants import CATEGORY_RANK
from bot.domain.planner.items import DEPTH_SHARE, self_study_hours
from bot.domain.planner.models import PlanWarning, W
from bot.domain.planner.needs import _DEPTH_NAME
from bot.domain.planner.reasons import _beat_text, _course_language_warning, _language_unserved, _why_pick
from bot.domain.planner.schedule import _hours
from bot.domain.planner.selection import (
    PROGRAMMER_LANGUAGE_SHARE,
    _advanced_too_soon,
    _Chosen,
    _course_cost,
    _expensive,
    _fits_time,
    _gain,
    _home,
    _Key,
    _language_mismatch,
    _level_mismatch,
    _mostly_known,
    _off_target,
    _ranks_of,
    _relevant,
    _requires_unmet,
    _Selection,
    _stale,
    beginner_programming_course,
    new_language_for_programmer,
    no_code_plan,
)
from bot.domain.planner.wording import _and_list
from bot.domain.progress import item_key

DEFAULT_LANGUAGE = "en"
# In course choice a dollar weighs half an hour: a free course that fits beats a paid one of similar length, and
# a $10,000 bootcamp never wins on breadth alone.
FIT_COST_WEIGHT_HOURS_PER_USD = 0.5
# Preference factors multiply a course's price per covered skill-hour (lower is better).
CERTIFICATE_FACTOR = 0.8
ALREADY_PLANNED_FACTOR = 0.5
MAIN_SUBJECT_SHARE = 0.25  # a course is about a skill that is a quarter or more of what it teaches
# A course is oversized when its hours are this many times the self-study hours of what it adds to the plan, and it
# either goes deeper than the plan needs (a 150-hour university course for a working grasp of linear algebra) or
# everything else it teaches is already had (a general CS introduction for a data scientist's algorithms).
OVERSIZED_DEEPER = 3.0
OVERSIZED_REST_KNOWN = 2.5


def _oversized(course: Course, skill_id: str, sel: _Selection, gained: list[str] | None = None) -> bool:
    """Far longer than what it adds is worth, by depth reached against hours: it overshoots the depth needed, or
    it teaches several skills and the learner has all but the ones it adds (or the plan does not need them).
    What it adds is the self-study hours of each gap skill from where it stands to the depth the course reaches,
    never past the depth needed."""
    if course.hours <= 0 or course.id in sel.ctx.prefer_courses:
        return False
    skills, ranks = sel.catalog.skill_by_id, _ranks_of(course, sel)
    gained = _gain(course, sel) if gained is None else gained
    added = sum(self_study_hours(skills[s].hours, sel.depth(s), min(ranks[s], sel.need[s])) for s in gained)
    ratio = course.hours / max(added, 1e-6)
    if ranks.get(skill_id, 0) > sel.need[skill_id] and ratio > OVERSIZED_DEEPER:
        return True
    return ratio > OVERSIZED_REST_KNOWN and _rest_had(course, sel, set(gained))


def _rest_had(course: Course, sel: _Selection, gained: set[str]) -> bool:
    """Everything a course teaches besides what it adds the learner already knows or the plan does not need, and
    what they know is most of it (a data engineer's Data Engineering Zoomcamp, Spark aside)."""
    skills, ranks = sel.catalog.skill_by_id, _ranks_of(course, sel)
    had = unneeded = 0.0
    for s, d in ranks.items():
        if s in gained or s not in skills:
            continue
        if sel.known.get(s, 0) >= d:
            had += skills[s].hours
        elif s not in sel.need:
            unneeded += skills[s].hours
        else:
            return False  # the plan still needs it, from this course or another
    return had > 0 and had >= unneeded


def _course_key(course: Course, skill_id: str, sel: _Selection) -> _Key:
    """Fit first (language, current content, requirements, level, depth, editors' rank), then time and cost."""
    skills = sel.catalog.skill_by_id
    gained = _gain(course, sel)
    value = 0.0
    ranks = _ranks_of(course, sel)
    for s in gained:
        before = sel.depth(s)
        after = min(ranks[s], sel.need[s])
        value += skills[s].hours * (after - before) / sel.need[s]
    price = course.hours + FIT_COST_WEIGHT_HOURS_PER_USD * _course_cost(course, sel)
    if sel.profile.wants_certificates and course.certificate:
        price *= CERTIFICATE_FACTOR
    if course.id in sel.ctx.prefer_courses:
        price *= ALREADY_PLANNED_FACTOR
    advanced_first, level_off = _level_mismatch(course, skill_id, sel)
    short = max(0, sel.need[skill_id] - ranks[skill_id])
    # A course about another field (an MLOps course that touches PyTorch) does not stand in for this one.
    assert sel.cache is not None
    home = sel.cache.home.get(course.id)
    if home is None:
        home = _home(course, [s for s in course.teaches if s in skills], sel.catalog)
    # A course is about a skill when its field is the skill's, or the skill is a quarter or more of what it teaches
    # (CS50 SQL is a SQL course even though databases and modelling add up to more).
    whole = sel.cache.teach_hours.get(course.id) or sum(skills[s].hours for s in course.teaches if s in skills)
    about = whole > 0 and skills[skill_id].hours / whole >= MAIN_SUBJECT_SHARE
    off_home = 0 if home == CATEGORY_RANK[skills[skill_id].category] or about else 1
    # One course that reaches the depth needed beats an introduction plus a second course for the same skill;
    # someone who never coded still starts a new subject with a beginner course.
    return (1 if _language_mismatch(course, sel) else 0, _stale(course, sel),
            1 if _requires_unmet(course, sel) else 0, advanced_first,
            (0 if _fits_time(course, sel) else 1) + (1 if _expensive(course, sel) else 0)
            + (1 if _oversized(course, skill_id, sel, gained) else 0),
            off_home, level_off if not sel.coder and sel.depth(skill_id) == 0 else 0, short, level_off,
            # The editors' pick matters for depth; for a basic level the shorter, cheaper course is the pick.
            (course.editor_rank or 99) if sel.need[skill_id] > DEPTH_RANK[Depth.basic] else 0,
            round(price / max(value, 1e-6), 6), course.id)


def _eligible(course: Course, sel: _Selection, relaxed: bool, left: float | None) -> bool:
    if course.status is not Status.active or course.id in sel.chosen_ids:
        return False
    if item_key("course", course.id) in sel.ctx.exclude:
        return False
    if sel.free_only and course.learning_cost(sel.pace) > 0:
        return False
    if left is not None and _course_cost(course, sel) > left + 1e-9:
        return False
    # A course the plan already had stays eligible in a re-plan even when its share of new material shrank.
    if _off_target(course, sel) or (course.id not in sel.ctx.prefer_courses and not _relevant(course, sel)):
        return False
    if _advanced_too_soon(course, sel):
        return False
    # Taught in a language the learner does not code in and the plan does not teach: out of their reach.
    if course.id not in sel.ctx.prefer_courses and no_code_plan(course, sel):
        return False
    # Someone who already programs never takes a beginner's programming course (learning to code from scratch).
    if sel.programmer and course.id not in sel.ctx.prefer_courses and beginner_programming_course(course, sel):
        return False
    if course.id not in sel.ctx.prefer_courses and _mostly_known(course, sel):
        return False
    if relaxed:
        return True
    if course.language.lower() != (sel.profile.language or DEFAULT_LANGUAGE).lower():
        return False
    return not (sel.profile.format and course.format.lower() != sel.profile.format.lower())


def _choose_courses(topo: list[str], sel: _Selection) -> tuple[list[_Chosen], set[str], list[PlanWarning]]:
    """For each gap skill, prerequisites first, the best-fitting courses until it reaches the depth needed:
    a course closes a skill only up to the depth it reaches, so a short introduction may be followed by a
    deeper course."""
    left = sel.budget
    chosen: list[_Chosen] = []
    relaxed_skills: list[str] = []
    other_language: list[tuple[str, Course]] = []
    short_of_depth: list[str] = []
    for skill_id in topo:
        if new_language_for_programmer(skill_id, sel) and sel.depth(skill_id) < sel.need[skill_id]:
            _study_as_programmer(skill_id, sel)
        while sel.depth(skill_id) < sel.need[skill_id]:
            current = sel.depth(skill_id)
            if _reuse_earlier(skill_id, current, chosen, sel):
                continue
            candidates, relaxed = _candidates(skill_id, current, sel, left)
            if not candidates:
                if sel.depth(skill_id) > sel.known.get(skill_id, 0):
                    short_of_depth.append(skill_id)
                break
            # A re-plan keeps the courses already planned where they still fit, so marking one skill done does
            # not reshuffle the rest of the roadmap.
            prefer = sel.ctx.prefer_courses
            ranked = [(k, c) for _, k, c in sorted((0 if c.id in prefer else 1, _course_key(c, skill_id, sel), c)
                                                   for c in candidates)]
            key, course = ranked[0]
            stop = _stop(key, course, skill_id, current, sel)
            if stop is not None:
                if stop == _ALONE:
                    _study_alone(skill_id, course, sel)
                elif sel.depth(skill_id) > sel.known.get(skill_id, 0):
                    short_of_depth.append(skill_id)
                break
            if relaxed and (sel.profile.language or sel.profile.format):
                relaxed_skills.append(skill_id)
            if key[0]:
                other_language.append((skill_id, course))
            chosen.append(_take(course, skill_id, ranked, sel))
            if left is not None:
                left -= _course_cost(course, sel)
    _drop_covered(chosen, sel)
    _after_requirements(chosen, sel)
    _name_gaps(chosen, sel)
    warnings = _preference_warnings(relaxed_skills, other_language, chosen, sel)
    taught = {s for c in chosen for s in c.assigned}
    uncovered = {s for s in topo if s not in taught or s in sel.alone}
    self_study = _self_study_warning(topo, uncovered, sel)
    if self_study is not None:
        warnings.append(self_study)
    sel.short = list(dict.fromkeys(s for s in short_of_depth if sel.depth(s) < sel.need[s]))
    return chosen, uncovered, warnings


_ALONE, _SHORT = "alone", "short"


def _stop(key: _Key, course: Course, skill_id: str, current: int, sel: _Selection) -> str | None:
    """Why the best course left for a skill is not taken: _ALONE (study it alone), _SHORT (it stops here), or None."""
    prefer = sel.ctx.prefer_courses
    if (key[4] or key[2]) and key[5] and course.id not in prefer:
        # Only a course about another field, mostly not new to the learner or built on what they lack, would
        # teach it (an MLOps course for a data engineer's testing): studying the skill alone is shorter.
        return _SHORT
    if course.id not in prefer and _oversized(course, skill_id, sel):
        # Every course in reach is far longer than what it adds: stated self-study to the depth needed (the
        # course named as material when it costs nothing).
        return _ALONE
    if key[0] and sel.depth(skill_id) > sel.known.get(skill_id, 0):
        return _SHORT  # only the learner's language (or none) takes a started skill deeper: it stops short
    if _settled_before(course, skill_id, current, sel):
        # The previous plan left this skill here (short of depth, or to self-study): a re-plan after a tick keeps
        # that, rather than adding a course the first plan did not take.
        return _SHORT
    return None


def _settled_before(course: Course, skill_id: str, current: int, sel: _Selection) -> bool:
    """In a re-plan: a course new to the plan for a skill its previous plan never took past `current` by a course."""
    previous = sel.ctx.previous_reach
    if previous is None or course.id in sel.ctx.prefer_courses:
        return False
    return current >= dict(previous).get(skill_id, 0)


def _drop_covered(chosen: list[_Chosen], sel: _Selection) -> None:
    """One main course per skill: a course whose every skill other chosen courses teach at least as deep (up to the
    depth needed) is not picked (two short maths videos beside a course covering both), unless another course
    needs it first. Shortest first, so the broader course stays."""
    for c in sorted(chosen, key=lambda c: (c.course.hours, c.course.id)):
        if c.course.id in sel.ctx.prefer_courses or c.course.id in sel.ctx.put_back:
            continue
        others = [o for o in chosen if o is not c]
        # Only a course met no later covers it: an engineering course does not stand in for a core-ML introduction.
        assert sel.cache is not None
        home = sel.cache.home.get(c.course.id, 0)
        earlier = [o for o in others if sel.cache.home.get(o.course.id, 0) <= home]
        ranks = _ranks_of(c.course, sel)
        cover: dict[str, _Chosen] = {}
        for s in c.assigned:
            reached = min(ranks.get(s, 0), sel.need.get(s, 0))
            best = max(earlier, key=lambda o: _ranks_of(o.course, sel).get(s, 0), default=None)
            if best is None or _ranks_of(best.course, sel).get(s, 0) < reached or not _fine_start(best.course, s, sel):
                break
            cover[s] = best
        else:
            if not c.assigned or _needed_first(c, others, sel):
                continue
            chosen.remove(c)
            sel.chosen_ids.discard(c.course.id)
            for s, best in cover.items():
                if s not in best.assigned:
                    best.assigned.append(s)


def _fine_start(course: Course, skill_id: str, sel: _Selection) -> bool:
    """Whether a course is a fit first course for a skill where the learner starts it: someone who never coded
    keeps the introduction before an intermediate course."""
    current = sel.known.get(skill_id, 0)
    if current == 0:
        ideal = {Level.beginner, Level.intermediate} if sel.coder else {Level.beginner}
    else:
        ideal = {Level.beginner, Level.intermediate, Level.advanced}
    return course.level in ideal


def _needed_first(course: _Chosen, others: list[_Chosen], sel: _Selection) -> bool:
    """Whether another chosen course requires this one, or a depth of a skill only this one brings (among the
    learner's skills and the other courses)."""
    for o in others:
        for ref in o.course.requires:
            if ref == course.course.id:
                return True
            skill_id, _, depth = ref.partition(":")
            if not depth or skill_id not in course.course.teaches:
                continue
            wanted = depth_rank(depth)
            if sel.known.get(skill_id, 0) >= wanted or skill_id in sel.alone:
                continue
            if not any(_ranks_of(x.course, sel).get(skill_id, 0) >= wanted for x in others):
                return True
    return False


def _after_requirements(chosen: list[_Chosen], sel: _Selection) -> None:
    """A course that needs a skill the plan teaches comes after the course teaching it, and no earlier stage
    (LLM Zoomcamp after the Docker guide it was said to need first)."""
    for c in list(chosen):
        needed = [ref.partition(":") for ref in c.course.requires if ":" in ref]
        needed_ids = {s for s, _, d in needed if sel.known.get(s, 0) < depth_rank(d)}
        if not needed_ids:
            continue
        teachers = [o for o in chosen if o is not c and any(s in o.assigned for s in needed_ids)]
        if not teachers:
            continue
        c.after = sorted(needed_ids)
        last = max(chosen.index(o) for o in teachers)
        if chosen.index(c) < last:
            chosen.remove(c)
            chosen.insert(last, c)


def _name_gaps(chosen: list[_Chosen], sel: _Selection) -> None:
    """A second course for a skill an earlier course of the plan also teaches says which gap it fills: the depth the
    first does not reach, or the skills the first does not teach."""
    skills = sel.catalog.skill_by_id
    for n, c in enumerate(chosen):
        mine = _ranks_of(c.course, sel)
        earlier = [o for o in chosen[:n] if any(s in sel.need and s in mine for s in _ranks_of(o.course, sel))
                   and c.primary in _ranks_of(o.course, sel)]
        if earlier:
            first = earlier[0]
            theirs = _ranks_of(first.course, sel)
            sel.gap_note[c.course.id] = texts.PLANNER_WHY_GAP_DEEPER.format(
                skill=skills[c.primary].name, title=first.course.title, reached=_DEPTH_NAME[theirs[c.primary]],
                depth=_DEPTH_NAME[min(mine[c.primary], sel.need[c.primary])])
            continue
        # Beside a course of the plan that teaches much of the same (before or after it), it is there for the
        # skills none of the others teaches as far: say which.
        others = [o for o in chosen if o is not c]
        overlap = {id(o): sum(1 for s in _ranks_of(o.course, sel) if s in mine and s in sel.need) for o in others}
        needed = sum(1 for s in mine if s in sel.need)
        shared = sorted((o for o in others if overlap[id(o)] >= 2 and 2 * overlap[id(o)] >= needed),
                        key=lambda o: -overlap[id(o)])
        if shared:
            new = [skills[s].name for s in c.assigned
                   if max((_ranks_of(o.course, sel).get(s, 0) for o in others), default=0) < mine.get(s, 0)]
            if new:
                sel.gap_note[c.course.id] = texts.PLANNER_WHY_GAP_ADDS.format(title=shared[0].course.title,
                                                                            skills=_and_list(new))


def _preference_warnings(relaxed_skills: list[str], other_language: list[tuple[str, Course]],
                         chosen: list[_Chosen], sel: _Selection) -> list[PlanWarning]:
    """Where the choice could not follow the learner: preferences relaxed, courses in another language."""
    warnings: list[PlanWarning] = []
    if relaxed_skills:
        names = ", ".join(sel.catalog.skill_by_id[s].name for s in dict.fromkeys(relaxed_skills))
        warnings.append(W("preference", texts.PLANNER_WARN_PREFERENCE.format(skills=names)))
    language_note = _course_language_warning(other_language, sel)
    if language_note is not None:
        warnings.append(language_note)
    unserved = _language_unserved(chosen, sel)
    if unserved is not None:
        warnings.append(unserved)
    return warnings


def _reuse_earlier(skill_id: str, current: int, chosen: list[_Chosen], sel: _Selection) -> bool:
    """Whether a course already in the plan that teaches this skill, left out until its prerequisites were in
    place, now counts for it (the MLOps course's serving module once REST APIs are learnt): no second course."""
    earlier = max((c for c in chosen if _ranks_of(c.course, sel).get(skill_id, 0) > current),
                  key=lambda c: _ranks_of(c.course, sel)[skill_id], default=None)
    if earlier is None:
        return False
    earlier.assigned.append(skill_id)
    reached = _ranks_of(earlier.course, sel)[skill_id]
    for other in chosen:  # a shallower mention elsewhere no longer counts for it
        if other is not earlier and skill_id in other.assigned and len(other.assigned) > 1 and \
                _ranks_of(other.course, sel)[skill_id] <= reached:
            other.assigned.remove(skill_id)
    sel.covered[skill_id] = max(sel.covered.get(skill_id, 0), reached)
    sel.level[skill_id] = max(sel.level.get(skill_id, 0), reached)
    return True


def _candidates(skill_id: str, current: int, sel: _Selection, left: float | None) -> tuple[list[Course], bool]:
    """The courses that take the skill deeper and fit the learner, and whether their preferences were relaxed."""
    catalog = sel.catalog
    teaching = [c for c in catalog.courses_teaching(skill_id) if _ranks_of(c, sel)[skill_id] > current]
    # An archived course is never the pick while a maintained one teaches the skill at all.
    if any(not c.archived and c.status is Status.active for c in catalog.courses_teaching(skill_id)):
        teaching = [c for c in teaching if not c.archived or c.id in sel.ctx.prefer_courses]
    candidates = [c for c in teaching if _eligible(c, sel, False, left)]
    if candidates:
        return candidates, False
    candidates = [c for c in teaching if _eligible(c, sel, True, left)]
    return candidates, bool(candidates)


def _take(course: Course, skill_id: str, ranked: list[tuple[_Key, Course]], sel: _Selection) -> _Chosen:
    """Put the best-ranked course in the plan: the skills it counts for, its why, what it beat, what it covers."""
    key = ranked[0][0]
    assigned = _assignable(course, skill_id, sel)
    # The runner-up is named only when it is a course of the same field: "picked over" a database
    # certificate says nothing about a command-line course.
    runner = ranked[1] if len(ranked) > 1 and ranked[1][0][5] <= key[5] else None
    if not sel.ctx.nested:  # an adjacent role's plan is only measured, never shown
        sel.why[course.id] = _why_pick(course, skill_id, key, sel)
        beat = _beat_text(course, key, runner, skill_id, sel) if runner is not None else ""
        if beat:  # a runner-up with nothing worse about it is not named
            sel.beat_text[course.id] = beat
            sel.beaten[course.id] = runner[1] if runner is not None else course
    for s, d in _ranks_of(course, sel).items():
        if s in sel.gap and s not in assigned:
            continue  # touched before its prerequisites are learnt: a later course teaches it properly
        sel.covered[s] = max(sel.covered.get(s, 0), d)
        sel.level[s] = max(sel.level.get(s, 0), d)
    sel.chosen_ids.add(course.id)
    return _Chosen(course=course, assigned=assigned, primary=skill_id)


def _study_alone(skill_id: str, course: Course, sel: _Selection) -> None:
    """Self-study takes a skill from where the plan has it to the depth needed, instead of an oversized course; the
    plan counts it as reached, so later courses that require it fit."""
    start, target = sel.depth(skill_id), sel.need[skill_id]
    resource = course if course.learning_cost(sel.pace) == 0 else None
    sel.alone[skill_id] = (start, target, resource)
    sel.level[skill_id] = max(sel.level.get(skill_id, 0), target)


def _study_as_programmer(skill_id: str, sel: _Selection) -> None:
    """A new language for someone who programs in another: its syntax and idioms on their own, to the depth the role
    needs, in an estimate of the hours (PROGRAMMER_LANGUAGE_SHARE of a beginner's), with the shortest free course
    that fits in them as material; no course is scheduled for it."""
    skill = sel.catalog.skill_by_id[skill_id]
    start, target = sel.depth(skill_id), sel.need[skill_id]
    hours = _hours(skill.hours * (DEPTH_SHARE[target] - DEPTH_SHARE[start]) * PROGRAMMER_LANGUAGE_SHARE)
    short = sorted((c for c in sel.catalog.courses_teaching(skill_id) if c.status is Status.active
                    and not c.archived and c.learning_cost(sel.pace) == 0 and 0 < c.hours <= hours),
                   key=lambda c: (c.hours, c.id))
    sel.alone[skill_id] = (start, target, short[0] if short else None)
    sel.alone_hours[skill_id] = hours
    sel.level[skill_id] = max(sel.level.get(skill_id, 0), target)


def _alone(skill_id: str, sel: _Selection) -> tuple[int, int, Course | None]:
    """Where a skill's self-study starts and ends, and the free course to draw on (none for a skill no course
    teaches: from what the learner knows to the depth needed)."""
    return sel.alone.get(skill_id, (sel.known.get(skill_id, 0), sel.need[skill_id], None))


def _self_study_warning(topo: list[str], uncovered: set[str], sel: _Selection) -> PlanWarning | None:
    """One warning for every gap skill studied alone: each with its depth, hours and, where it helps, the free
    material to draw on or the cheapest course the budget leaves out."""
    catalog = sel.catalog
    parts: list[str] = []
    total = 0.0
    for skill_id in (s for s in topo if s in uncovered):
        skill = catalog.skill_by_id[skill_id]
        start, target, resource = _alone(skill_id, sel)
        if skill_id in sel.alone_hours:  # a new language for a programmer: an estimate, no course
            hint = texts.PLANNER_PROGRAMMER_RESOURCE.format(title=resource.title, hours=resource.hours) \
                if resource is not None else ""
            parts.append(texts.PLANNER_SELF_STUDY_PROGRAMMER_PART.format(
                skill=skill.name, depth=_DEPTH_NAME[target], hours=sel.alone_hours[skill_id],
                language=sel.programmer, hint=hint))
            total += sel.alone_hours[skill_id]
            continue
        hours = self_study_hours(skill.hours, start, target)
        paid = sorted((c for c in catalog.courses_teaching(skill_id) if c.status is Status.active),
                      key=lambda c: (c.learning_cost(sel.pace), c.hours, c.id))
        cheapest = paid[0].learning_cost(sel.pace) if paid else 0.0
        hint = ""
        reach = _ranks_of(resource, sel).get(skill_id, 0) if resource is not None else 0
        if resource is not None and reach >= target:
            hint = texts.PLANNER_SELF_STUDY_RESOURCE.format(title=resource.title, hours=resource.hours)
        elif resource is not None:
            # It stops short of the depth needed: set aside for what it repeats, not for its size (_rest_had).
            hint = texts.PLANNER_SELF_STUDY_RESOURCE_SHORT.format(title=resource.title, depth=_DEPTH_NAME[reach],
                                                                  hours=resource.hours)
        elif paid and cheapest > 0 and sel.budget is not None:
            hint = texts.PLANNER_SELF_STUDY_CHEAPEST.format(title=paid[0].title, cost=cheapest)
        parts.append(texts.PLANNER_SELF_STUDY_PART.format(skill=skill.name, depth=_DEPTH_NAME[target],
                                                          hours=hours, hint=hint))
        total += hours
    if not parts:
        return None
    one = len(parts) == 1
    return W("self-study", texts.PLANNER_WARN_SELF_STUDY_GROUP.format(
        skills="; ".join(parts), these="this skill" if one else "these skills", them="it" if one else "them",
        total="" if one else texts.PLANNER_SELF_STUDY_TOTAL.format(hours=total)))


def _assignable(course: Course, skill_id: str, sel: _Selection) -> list[str]:
    """The gap skills a course is counted for: the one it was picked for, and those it adds whose prerequisites
    the learner has or the plan (this course included) teaches by then; an ML introduction that mentions LLMs
    does not stand in for learning them after transformers."""
    skills = sel.catalog.skill_by_id
    gained = _gain(course, sel)
    out = {skill_id}
    changed = True
    while changed:
        changed = False
        for s in gained:
            if s in out:
                continue
            if all(p not in sel.gap or sel.depth(p) > 0 or p in out for p in skills[s].prerequisites):
                out.add(s)
                changed = True
    return [s for s in gained if s in out] or [skill_id]


def _put_back(sel: _Selection) -> list[_Chosen]:
    """Courses the learner un-marked that the plan would otherwise leave out (a finished skill implies what
    they teach): they stay, in the stage of their field, because the learner said they still take them."""
    out: list[_Chosen] = []
    assert sel.cache is not None
    for course_id in sorted(sel.ctx.put_back - sel.chosen_ids):
        course = sel.catalog.course_by_id.get(course_id)
        if course is None or course.status is not Status.active or not any(k in sel.need for k in course.teaches):
            continue  # gone from the catalog, or about nothing this role needs
        chosen = _Chosen(course=course, assigned=[], rank=sel.cache.home.get(course_id, 0))
        sel.why[course_id] = texts.PLANNER_WHY_PUT_BACK
        sel.chosen_ids.add(course_id)
        out.append(chosen)
    return out
