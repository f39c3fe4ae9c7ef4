"""Skill checks and spaced review (issue 18), pure: no Telegram, no SQLite, no clock, no randomness.

A *check* proves a claimed skill: CHECK_SIZE questions at the role's depth, PASS_MARK right to pass.
A *review* keeps a finished skill fresh: each skill a learner finished gets a spaced-repetition card
scheduled by FSRS (the `fsrs` package, py-fsrs, the reference implementation), without fuzzing so the
schedule is deterministic; a right answer is rated Good, a wrong one Again. Every time is passed in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from fsrs import Card, Rating, Scheduler
from pydantic import BaseModel, Field

from bot.domain.catalog import Catalog, Depth, QuizQuestion
from bot.domain.planner import CourseItem, Roadmap, Stage, StepItem
from bot.domain.planner.schedule import _schedule
from bot.domain.profile import LearnerProfile

CHECK_SIZE = 3
PASS_MARK = 2
REVIEWS_PER_SESSION = 2  # quiz polls at one reminder time
REVIEWS_PER_DAY = 3  # never more in one day, whatever the schedule says
FLAG_AFTER_FAILS = 2  # failed reviews among the last SLIP_WINDOW before a skill is flagged for a refresher
SLIP_WINDOW = 3  # the slipping rule looks at this many most recent reviews: 2 of the last 3 missed
REFRESHER_MAX_HOURS = 20.0  # a "short" course: at most this long (else the refresher is self-study)
REFRESHER_STEP_PREFIX = "refresh-"  # the step id of a self-study refresher: refresh-<skill id>
REFRESHER_SELF_SHARE = 0.25  # a self-study refresher takes this share of the skill's learning hours (an estimate)
_DEPTH_ORDER = {Depth.basic: 0, Depth.working: 1, Depth.deep: 2}

# No learning steps: reviews come at most once a day, at the learner's reminder time, so a card goes straight
# to FSRS's day-scale Review state. No fuzzing: the schedule is the same on every run.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def role_depths(profile: LearnerProfile, catalog: Catalog) -> dict[str, Depth]:
    """Skill id -> the depth the learner's target role needs ({} without a known role)."""
    role = catalog.role_by_id.get(profile.target_role or "")
    return {} if role is None else {rs.skill: rs.depth for rs in role.required_skills}


def checkable_skills(profile: LearnerProfile, catalog: Catalog) -> list[str]:
    """Claimed skills the role needs at working depth or more that have enough questions, in claim order."""
    depths = role_depths(profile, catalog)
    return [s for s in dict.fromkeys(profile.known_skills)
            if _DEPTH_ORDER.get(depths.get(s, Depth.basic), 0) >= 1 and len(catalog.questions_for(s)) >= CHECK_SIZE]


def check_depth(skill: str, profile: LearnerProfile, catalog: Catalog) -> Depth:
    """The depth a check of `skill` tests: the role's, else working."""
    return role_depths(profile, catalog).get(skill, Depth.working)


def pick_questions(catalog: Catalog, skill: str, depth: Depth, count: int, offset: int = 0) -> list[QuizQuestion]:
    """`count` questions about `skill`: those at `depth` first, then the nearest depths; rotated by `offset`
    (how many rounds came before) so a second check or review asks other questions where there are any."""
    pool = catalog.questions_for(skill)
    if not pool:
        return []
    ranked = sorted(pool, key=lambda q: abs(_DEPTH_ORDER[q.depth] - _DEPTH_ORDER[depth]))
    at_depth = [q for q in ranked if q.depth is depth]
    head = at_depth if len(at_depth) >= count else ranked
    start = (offset * count) % len(head)
    rotated = head[start:] + head[:start]
    chosen = rotated[:count]
    if len(chosen) < count:
        chosen += [q for q in ranked if q not in chosen][: count - len(chosen)]
    return chosen


def passed(correct: int) -> bool:
    """Whether a check with `correct` right answers proves the skill."""
    return correct >= PASS_MARK


def skills_of_item(key: str, catalog: Catalog) -> list[str]:
    """The skills a done item puts under review: a course's taught skills, a skill itself, the skills a
    project practises or a certification tests; only skills that have questions to review with."""
    kind, _, entry = key.partition(":")
    skills: list[str] = []
    if kind == "course":
        course = catalog.course_by_id.get(entry)
        skills = course.skills if course is not None else []
    elif kind == "skill":
        skills = [entry]
    elif kind == "project":
        project = catalog.project_by_id.get(entry)
        skills = list(project.skills) if project is not None else []
    elif kind == "cert":
        cert = catalog.certification_by_id.get(entry)
        skills = list(cert.skills) if cert is not None else []
    elif kind == "step" and entry.startswith(REFRESHER_STEP_PREFIX):  # a self-study refresher of one skill
        skills = [entry.removeprefix(REFRESHER_STEP_PREFIX)]
    return [s for s in dict.fromkeys(skills) if catalog.questions_for(s)]


def slipping(recent: str) -> bool:
    """Whether a skill keeps failing reviews: FLAG_AFTER_FAILS of its last SLIP_WINDOW results missed
    (`recent` is the results oldest first, '1' right and '0' wrong)."""
    return recent[-SLIP_WINDOW:].count("0") >= FLAG_AFTER_FAILS


def remember(recent: str, correct: bool) -> str:
    """The last SLIP_WINDOW results after one more answer."""
    return (recent + ("1" if correct else "0"))[-SLIP_WINDOW:]


class ReviewCard(BaseModel):
    """One skill's place in a learner's review schedule."""

    skill: str
    card: dict[str, Any] = Field(description="the FSRS card (Card.to_dict())")
    due: datetime
    fails_in_row: int = 0
    flagged: bool = False
    reps: int = 0  # reviews answered
    recent: str = ""  # the last SLIP_WINDOW results, oldest first ('1' right, '0' wrong)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_card(skill: str, now: datetime) -> ReviewCard:
    """A skill just finished: its completion counts as a first good recall, so the first review is days away."""
    now = _utc(now)
    card, _ = SCHEDULER.review_card(Card(card_id=1, due=now), Rating.Good, now)
    return ReviewCard(skill=skill, card=card.to_dict(), due=card.due)


def review(current: ReviewCard, correct: bool, now: datetime) -> ReviewCard:
    """The card after one review answer; flagged while `slipping` (2 of the last 3 missed): one lucky right
    answer after two misses does not clear it, two right ones do."""
    card, _ = SCHEDULER.review_card(Card.from_dict(cast(Any, current.card)), Rating.Good if correct else Rating.Again,
                                    _utc(now))
    fails = 0 if correct else current.fails_in_row + 1
    recent = remember(current.recent, correct)
    return current.model_copy(update={
        "card": card.to_dict(), "due": card.due, "fails_in_row": fails, "reps": current.reps + 1,
        "recent": recent, "flagged": slipping(recent),
    })


def due_cards(cards: list[ReviewCard], now: datetime, sent_today: int) -> list[ReviewCard]:
    """What to ask at this reminder time: due cards, most overdue first, at most REVIEWS_PER_SESSION and never
    past REVIEWS_PER_DAY polls today."""
    room = max(0, min(REVIEWS_PER_SESSION, REVIEWS_PER_DAY - sent_today))
    now = _utc(now)
    due = sorted((c for c in cards if _utc(c.due) <= now), key=lambda c: (c.due, c.skill))
    return due[:room]


def interval_days(card: ReviewCard, now: datetime) -> float:
    """Days from `now` to the card's next review (for schedules and tests)."""
    return (_utc(card.due) - _utc(now)) / timedelta(days=1)


def find_skill(text: str, catalog: Catalog) -> str | None:
    """The skill id a learner typed after /check: its id, name or an alias, any case; None when none fits."""
    wanted = " ".join(text.lower().replace("-", " ").split())
    if not wanted:
        return None
    for skill in catalog.skills:
        names = [skill.id.replace("-", " "), skill.name.lower(), *(a.lower() for a in skill.aliases)]
        if wanted in {" ".join(n.replace("-", " ").split()) for n in names}:
            return skill.id
    return None


_TIME_OF_DAY = re.compile(r"([0-9]{1,2})(?:[:.h]([0-9]{2}))?\s*(am|pm|h)?", re.ASCII)


def parse_time_of_day(text: str) -> tuple[int, int] | None:
    """(hour, minute) from '19:30', '7pm', '7:15am', '19h', '19.30' or '19'; None for anything else."""
    match = _TIME_OF_DAY.fullmatch(text.strip().lower())
    if match is None:
        return None
    hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    return (hour, minute) if hour <= 23 and minute <= 59 else None


# ---------------------------------------------------------------- refreshers (a skill slipping in reviews)
def refresher_depth(skill: str, profile: LearnerProfile, catalog: Catalog) -> Depth:
    """The depth a refresher takes a skill back to: the target role's, else working."""
    return role_depths(profile, catalog).get(skill, Depth.working)


def pick_refresher(skill: str, depth: Depth, catalog: Catalog, taken: Collection[str], pace: float,
                   free_only: bool) -> RefresherItem:
    """The refresher of a slipping skill: the shortest active catalog course of at most REFRESHER_MAX_HOURS that
    teaches it at `depth` or deeper and is not `taken` (done or already on the roadmap; free when the learner's
    budget is free only; cheaper, then the editors' pick, break ties); else a self-study step of
    REFRESHER_SELF_SHARE of the skill's hours, keyed `step:refresh-<skill>` so it never collides with a plan
    item or a done mark."""
    from bot import texts  # plain data

    entry = catalog.skill_by_id.get(skill)
    name = entry.name if entry is not None else skill
    why = texts.REFRESHER_WHY.format(skill=name, depth=depth.value)
    fitting = [c for c in catalog.courses
               if c.status.value == "active" and not c.archived and f"course:{c.id}" not in taken
               and _DEPTH_ORDER.get(c.teaches.get(skill, Depth.basic), 0) >= _DEPTH_ORDER[depth] and skill in c.teaches
               and c.hours <= REFRESHER_MAX_HOURS and (not free_only or c.learning_cost(pace) <= 0)]
    if fitting:
        course = min(fitting, key=lambda c: (c.hours, c.learning_cost(pace), c.editor_rank or 99, c.id))
        item = CourseItem(
            id=course.id, title=course.title, provider=course.provider, url=course.url,
            cost_usd=round(course.learning_cost(pace), 2), hours=course.hours, skills=[skill], why=why,
            level=course.level, certificate=False, verified_on=course.verified_on,
            about=course.hours_basis.value == "estimate", reaches={skill: course.teaches[skill].value})
        return RefresherItem(skill=skill, key=f"course:{course.id}", title=course.title, hours=course.hours,
                             course=item)
    hours = max(1.0, round((entry.hours if entry is not None else 8.0) * REFRESHER_SELF_SHARE))
    step = StepItem(id=f"{REFRESHER_STEP_PREFIX}{skill}", text=texts.REFRESHER_SELF_TITLE.format(skill=name),
                    hours=hours)
    return RefresherItem(skill=skill, key=f"step:{step.id}", title=step.text, hours=hours, step=step)


class RefresherItem(BaseModel):
    """A refresher added to the plan for a slipping skill: a short course or a self-study item, and the stage."""

    skill: str
    key: str
    title: str
    hours: float
    stage_id: str = ""
    course: CourseItem | None = None
    step: StepItem | None = None


def with_refreshers(roadmap: Roadmap, refreshers: Iterable[RefresherItem], done: Collection[str]) -> Roadmap:
    """The roadmap with each open refresher in its stage (the first stage when that one is gone), stages
    re-scheduled at the roadmap's pace from its start; refreshers done or already on the roadmap are left out,
    so applying it twice changes nothing."""
    keys = {i.key for i in roadmap.items()}
    todo = [r for r in refreshers if r.key not in done and r.key not in keys]
    if not todo or not roadmap.stages:
        return roadmap
    fields = [name for name in Stage.model_fields if name not in _SCHEDULED]
    raws: list[dict[str, Any]] = [{name: getattr(stage, name) for name in fields} for stage in roadmap.stages]
    ids = [stage.id for stage in roadmap.stages]
    added_cost = 0.0
    for refresher in todo:
        raw = raws[ids.index(refresher.stage_id)] if refresher.stage_id in ids else raws[0]
        if refresher.course is not None:
            raw["courses"] = [*raw["courses"], refresher.course]
            added_cost += refresher.course.cost_usd
        elif refresher.step is not None:
            raw["steps"] = [*raw["steps"], refresher.step]
        keys.add(refresher.key)
    stages = _schedule(raws, roadmap.totals.start, roadmap.hours_per_week)
    hours = round(sum(s.hours for s in stages), 1)
    end = stages[-1].end
    deadline, budget = roadmap.profile.deadline, roadmap.profile.budget_usd
    cost = round(roadmap.totals.cost_usd + added_cost, 2)
    totals = roadmap.totals.model_copy(update={
        "hours": hours, "cost_usd": cost, "weeks": math.ceil(hours / roadmap.hours_per_week) if hours else 0,
        "end_date": end, "fits_deadline": deadline is None or (deadline >= roadmap.totals.start and end <= deadline),
        "fits_budget": budget is None or cost <= budget + 1e-9})
    return roadmap.model_copy(update={"stages": stages, "totals": totals})


_SCHEDULED = frozenset({"index", "start", "end", "week_from", "week_to", "hours"})
