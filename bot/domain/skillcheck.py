"""Skill checks and spaced review (issue 18), pure: no Telegram, no SQLite, no clock, no randomness.

A *check* proves a claimed skill: CHECK_SIZE questions at the role's depth, PASS_MARK right to pass.
A *review* keeps a finished skill fresh: each skill a learner finished gets a spaced-repetition card
scheduled by FSRS (the `fsrs` package, py-fsrs, the reference implementation), without fuzzing so the
schedule is deterministic; a right answer is rated Good, a wrong one Again. Every time is passed in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

from fsrs import Card, Rating, Scheduler
from pydantic import BaseModel, Field

from bot.domain.catalog import Catalog, Depth, QuizQuestion
from bot.domain.profile import LearnerProfile

CHECK_SIZE = 3
PASS_MARK = 2
REVIEWS_PER_SESSION = 2  # quiz polls at one reminder time
REVIEWS_PER_DAY = 3  # never more in one day, whatever the schedule says
FLAG_AFTER_FAILS = 2  # failed reviews in a row before a skill is flagged for a refresher
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
    """The skills a done item puts under review: a course's taught skills, a skill itself; only skills that
    have questions to review with."""
    kind, _, entry = key.partition(":")
    if kind == "course":
        course = catalog.course_by_id.get(entry)
        skills = course.skills if course is not None else []
    elif kind == "skill":
        skills = [entry]
    else:
        skills = []
    return [s for s in skills if catalog.questions_for(s)]


class ReviewCard(BaseModel):
    """One skill's place in a learner's review schedule."""

    skill: str
    card: dict[str, Any] = Field(description="the FSRS card (Card.to_dict())")
    due: datetime
    fails_in_row: int = 0
    flagged: bool = False
    reps: int = 0


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_card(skill: str, now: datetime) -> ReviewCard:
    """A skill just finished: its completion counts as a first good recall, so the first review is days away."""
    now = _utc(now)
    card, _ = SCHEDULER.review_card(Card(card_id=1, due=now), Rating.Good, now)
    return ReviewCard(skill=skill, card=card.to_dict(), due=card.due)


def review(current: ReviewCard, correct: bool, now: datetime) -> ReviewCard:
    """The card after one review answer; FLAG_AFTER_FAILS wrong answers in a row flag it (a right one clears it)."""
    card, _ = SCHEDULER.review_card(Card.from_dict(cast(Any, current.card)), Rating.Good if correct else Rating.Again,
                                    _utc(now))
    fails = 0 if correct else current.fails_in_row + 1
    return current.model_copy(update={
        "card": card.to_dict(), "due": card.due, "fails_in_row": fails, "reps": current.reps + 1,
        "flagged": fails >= FLAG_AFTER_FAILS,
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
