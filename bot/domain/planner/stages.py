"""Learning stages: ranking skills and courses into stages, dropping repeats, settling, titles and goals."""

from __future__ import annotations

from collections.abc import Iterable

from bot import texts
from bot.domain.catalog import (
    Catalog,
    SkillCategory,
)
from bot.domain.planner.constants import CATEGORY_RANK, JOB_RANK, LEARNING_STAGES
from bot.domain.planner.selection import _Chosen, _home, _ranks_of, _Selection
from bot.domain.planner.wording import _and_list


def _ranks(topo: list[str], chosen: list[_Chosen], catalog: Catalog) -> dict[str, int]:
    """Stage rank of every gap skill and chosen course: by category, pushed later for prerequisites (a course
    after the courses teaching prerequisites of its skills); communication goes with the job search."""
    owner: dict[str, _Chosen] = {}
    for c in chosen:
        for s in c.assigned:
            owner.setdefault(s, c)  # the course that introduces a skill is where its dependents may start
    for c in chosen:
        # A course sits in the stage of the skill it was picked for (scikit-learn's course in classic ML, not
        # in engineering because it also serves a model), pushed later only for prerequisites.
        # A deep-learning book picked for the optimisation it also teaches stays with deep learning.
        primary = catalog.skill_by_id.get(c.primary)
        home = _home(c.course, [s for s in c.course.teaches if s in catalog.skill_by_id], catalog)
        c.rank = max(CATEGORY_RANK[primary.category], home) if primary else _home(c.course, c.assigned, catalog)
    rank = {s: CATEGORY_RANK[catalog.skill_by_id[s].category] for s in topo}
    changed = True
    rounds = 0
    while changed:
        changed = False
        for s in topo:
            course = owner.get(s)
            floor = max((rank[p] for p in catalog.skill_by_id[s].prerequisites
                         if p in rank and (course is None or owner.get(p) is not course)), default=0)
            if course is None:
                new = max(rank[s], floor)
            else:
                if floor > course.rank:
                    course.rank = floor
                    changed = True
                new = course.rank
            if new != rank[s]:
                rank[s] = new
                changed = True
        for c in chosen:  # a course never sits in a stage before the one teaching what it requires
            changed = _requirements_first(c, owner, rank, catalog) or changed
        rounds += 1
        if rounds > MAX_RANK_ROUNDS:  # a circle of requirements: keep what is settled rather than loop
            break
    return rank


MAX_RANK_ROUNDS = 50


def _requirements_first(c: _Chosen, owner: dict[str, _Chosen], rank: dict[str, int], catalog: Catalog) -> bool:
    """The course teaching a skill this course requires moves up to its stage when what that course builds on
    allows (the Docker guide before LLM Zoomcamp), else this course moves down to that course's stage."""
    changed = False
    for skill_id in c.after:
        teacher = owner.get(skill_id)
        if teacher is None or teacher is c or teacher.rank <= c.rank:
            continue
        floor = max((rank[p] for s in teacher.assigned for p in catalog.skill_by_id[s].prerequisites
                     if p in rank and owner.get(p) is not teacher), default=0)
        if floor <= c.rank:
            teacher.rank = c.rank
        else:
            c.rank = teacher.rank
        changed = True
    return changed


def _drop_repeats(chosen: list[_Chosen], sel: _Selection) -> None:
    """In the order the learner meets them, a course lists a skill only when it takes it deeper than the courses
    before it (no Docker on the MLOps course after the data-engineering course taught it further)."""
    ordered = sorted(chosen, key=lambda c: c.rank)  # stable: chosen order within a stage
    reach: dict[str, int] = {}
    for c in ordered:
        ranks = _ranks_of(c.course, sel)
        for s in list(c.assigned):
            if reach.get(s, 0) >= ranks.get(s, 0) and len(c.assigned) > 1 and s != c.primary:
                c.assigned.remove(s)
            else:
                reach[s] = max(reach.get(s, 0), ranks.get(s, 0))
    # A skill a course only touches on the way (not what it was picked for) is not listed there when a later
    # course teaches it further: an ML introduction does not count as the first of three NLP courses.
    later: dict[str, int] = {}
    for c in reversed(ordered):
        ranks = _ranks_of(c.course, sel)
        for s in list(c.assigned):
            if s != c.primary and len(c.assigned) > 1 and later.get(s, 0) > ranks.get(s, 0):
                c.assigned.remove(s)
        for s in c.assigned:
            later[s] = max(later.get(s, 0), ranks.get(s, 0))


def _settle(topo: list[str], chosen: list[_Chosen], rank: dict[str, int], catalog: Catalog) -> None:
    """After each course lists only what it takes furthest, a skill sits in the stage of a course that lists it
    (never a row in one stage taught by a course in another), and a course comes no earlier than the
    prerequisites of what it lists; a move that would put a skill after one that builds on it is not made."""
    skills = catalog.skill_by_id
    dependents: dict[str, list[str]] = {s: [] for s in topo}
    for s in topo:
        for p in skills[s].prerequisites:
            if p in dependents:
                dependents[p].append(s)
    for c in chosen:
        floor = max((rank[p] for s in c.assigned for p in skills[s].prerequisites
                     if p in rank and p not in c.assigned), default=c.rank)
        if floor > c.rank and all(rank[d] >= floor for s in c.assigned for d in dependents.get(s, [])
                                  if d not in c.assigned):
            c.rank = floor
            for s in c.assigned:
                if s in rank and rank[s] < floor:
                    rank[s] = floor
    listing: dict[str, set[int]] = {}
    for c in chosen:
        for s in c.assigned:
            listing.setdefault(s, set()).add(c.rank)
    changed = True
    while changed:  # dependents first, so a skill can follow a dependent that moved on; each moves once at most
        changed = False
        for s in reversed(topo):
            if s not in listing or rank[s] in listing[s]:
                continue
            new = min(listing[s])
            if all(rank[p] <= new for p in skills[s].prerequisites if p in rank) and \
                    all(rank[d] >= new for d in dependents[s]):
                rank[s] = new
                changed = True


def _order_courses(courses: list[_Chosen], topo: list[str]) -> list[_Chosen]:
    """Courses of a stage in the order they were chosen (prerequisites first, introductions before depth)."""
    return list(courses)


def _title_skills(skills: list[str], courses: list[_Chosen], uncovered: set[str]) -> list[str]:
    """What a stage is for: the skills its courses were picked for and its self-study skills (not what a course
    touches in passing)."""
    return [*(s for s in skills if s in uncovered), *(s for c in courses for s in ([c.primary] if c.primary
                                                                                 else c.assigned))]


def _stage_goal(stage_rank: int, skills: list[str], courses: list[_Chosen], present: set[int],
                met_before: list[tuple[str, str]], catalog: Catalog) -> tuple[str, list[tuple[int, str]]]:
    """A learning stage's goal names the skills of the stage's own kind; a skill of another kind that a course here
    teaches on the way is named apart ("also covered by these courses"), or left to the later stage about it,
    which then says it builds on it. Returns the goal and the (later stage rank, skill) pairs passed on."""
    own_categories = LEARNING_STAGES[stage_rank][3]
    lead = LEARNING_STAGES[stage_rank][2]
    by_course = {s for c in courses for s in c.assigned}
    own: list[str] = []
    also: list[str] = []
    apart: list[str] = []
    passed_on: list[tuple[int, str]] = []
    for skill_id in skills:
        category = catalog.skill_by_id[skill_id].category
        home = CATEGORY_RANK[category]
        if category in own_categories:
            own.append(skill_id)
        elif home > stage_rank and home in present and home < JOB_RANK:
            passed_on.append((home, skill_id))
        elif skill_id in by_course:
            also.append(skill_id)
        else:
            apart.append(skill_id)
    name = {s: catalog.skill_by_id[s].name for s in [*skills, *(s for s, _ in met_before)]}
    by_stage: dict[str, list[str]] = {}
    for skill_id, stage_title in met_before:
        by_stage.setdefault(stage_title, []).append(name[skill_id])
    begun = [texts.PLANNER_GOAL_BEGUN.format(skills=_and_list(names), stage=stage_title)
             for stage_title, names in by_stage.items()]
    if own:
        goal = texts.PLANNER_GOAL_LEARNING.format(lead=lead, skills=", ".join(name[s] for s in own))
    elif not skills and courses:
        # Only courses that take further what earlier stages began (every skill here was met before).
        deeper = list(dict.fromkeys(catalog.skill_by_id[s].name for c in courses for s in c.assigned))
        if deeper:
            stages = list(by_stage)
            where = "" if not stages else texts.PLANNER_GOAL_BEGUN_IN.format(
                stages=_and_list([f'"{t}"' for t in stages]), plural="s" if len(stages) > 1 else "")
            return texts.PLANNER_GOAL_DEEPEN.format(lead=lead, skills=_and_list(deeper), where=where), passed_on
        goal = texts.PLANNER_GOAL_LEAD.format(lead=lead)
    else:
        goal = texts.PLANNER_GOAL_LEAD.format(lead=lead)
    if also:
        goal += texts.PLANNER_GOAL_ALSO_COURSES.format(skills=", ".join(name[s] for s in also))
    if apart:
        goal += texts.PLANNER_GOAL_ALSO_HERE.format(skills=", ".join(name[s] for s in apart))
    if begun:
        goal += texts.PLANNER_GOAL_BUILDS_ON.format(parts="; and on ".join(begun))
    return goal, passed_on


def _stage_title(stage_id: str, skill_ids: Iterable[str], catalog: Catalog) -> str:
    """A stage title that says what it holds: its lead and the kinds of skill in it that belong to the stage (a
    deep-learning book that also teaches optimisation keeps the title "Deep learning")."""
    own = next((cats for sid, _, _, cats in LEARNING_STAGES if sid == stage_id), ())
    categories: list[SkillCategory] = []
    for s in skill_ids:
        category = catalog.skill_by_id[s].category
        if own and category not in own:
            continue
        if category not in categories:
            categories.append(category)
    categories.sort(key=lambda c: list(SkillCategory).index(c))
    labels = [texts.PLANNER_CATEGORY_LABELS[c.value] for c in categories]
    lead = texts.PLANNER_STAGE_TITLE_LEADS[stage_id]
    if not labels or (len(labels) == 1 and labels[0].lower() == lead.lower()):
        return lead
    joined = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + texts.PLANNER_AND + labels[-1]
    return texts.PLANNER_STAGE_TITLE.format(lead=lead, labels=joined)
