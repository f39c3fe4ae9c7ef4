"""Skill checks and spaced review (issue 18): prove a claimed skill, review finished ones, readiness.

One use case per method, each one transaction committed before it returns. Front-ends send the questions
(Telegram quiz polls, terminal numbered options) and hand the answers back by poll id: a Telegram
`poll_answer` names only the poll and the user, so the stored poll is the only way back to the round.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from bot import texts
from bot.domain.catalog import Catalog, Depth, QuizQuestion
from bot.domain.planner import PlanError, Roadmap, keep_progress, plan
from bot.domain.profile import LearnerProfile
from bot.domain.progress import ProgressEvent, done_items
from bot.domain.skillcheck import (
    CHECK_SIZE,
    ReviewCard,
    check_depth,
    checkable_skills,
    due_cards,
    new_card,
    passed,
    pick_questions,
    pick_refresher,
    refresher_depth,
    review,
    role_depths,
    skills_of_item,
    with_refreshers,
)
from bot.services.base import Service
from bot.services.reminders import due_in_window, valid_timezone
from bot.services.roadmaps import REFRESHER_ITEM_REASON, load_view, open_refreshers, store_roadmap
from bot.storage.db import read_transaction, write_transaction
from bot.storage.repositories import Repositories, ReviewScheduleRepo, ReviewSlot, learner_ref

REFRESHER_REASON = "edit"  # a refresher changes the answers (the skill is no longer known): like /edit
_DEPTH_ORDER = {Depth.basic: 0, Depth.working: 1, Depth.deep: 2}


@dataclass(frozen=True)
class ReviewTime:
    """When a learner's reviews come: `at` (hour, minute) in `timezone`, chosen or the reminder's; state is
    on, paused or stopped (with the reminder), or none (no time and no reminder)."""

    chosen: bool
    at: tuple[int, int] | None
    timezone: str
    state: str

    def describe(self) -> str:
        """When reviews come, in words (the learner's own time, or the reminder's; paused or stopped with it)."""
        if self.at is None:
            return texts.REVIEW_TIME_NONE
        hour, minute = self.at
        template = texts.REVIEW_TIME_NOW if self.chosen else texts.REVIEW_TIME_FOLLOWS
        text = template.format(hour=hour, minute=minute, timezone=self.timezone)
        if self.state == "paused":
            text += " " + texts.REVIEW_TIME_PAUSED
        elif self.state == "stopped":
            text += " " + texts.REVIEW_TIME_STOPPED
        return text


@dataclass(frozen=True)
class Asked:
    """One question to put to the learner: which round, which place in it, and the question."""

    check_id: int
    kind: str  # check / review
    skill: str
    skill_name: str
    position: int
    total: int
    question: QuizQuestion


@dataclass(frozen=True)
class RoundResult:
    """A finished round: a check (passed or not) or one review answer."""

    check_id: int
    kind: str
    skill: str
    skill_name: str
    correct: int
    total: int
    passed: bool
    flagged: bool = False  # a review that failed once too often


@dataclass(frozen=True)
class Answered:
    """What one answer led to: the next question of the round, or the round's result."""

    learner_id: int
    external_id: str
    correct: bool
    next: Asked | None = None
    result: RoundResult | None = None


def enrol_reviews(repos: Repositories, learner_id: int, item_key: str, catalog: Catalog, now: datetime) -> list[str]:
    """Put the skills of a done course or skill under review (inside the caller's transaction); new skill ids."""
    added = []
    for skill in skills_of_item(item_key, catalog):
        if not repos.skill_checks.has_card(learner_id, skill):
            card = new_card(skill, now)
            repos.skill_checks.save_card(learner_id, skill, card.card, card.due, 0, False, now)
            added.append(skill)
    return added


def unenrol_reviews(repos: Repositories, learner_id: int, item_key: str, catalog: Catalog,
                    still_done: set[str]) -> list[str]:
    """An item marked undone: take out of the review schedule each of its skills never reviewed yet that no
    item still done teaches (and that has no refresher); the skill ids taken out."""
    others = {s for key in still_done if key != item_key for s in skills_of_item(key, catalog)}
    schedule = ReviewScheduleRepo(repos.db)
    cards = {row["skill"]: row for row in repos.skill_checks.cards(learner_id)}
    removed = []
    for skill in skills_of_item(item_key, catalog):
        row = cards.get(skill)
        if row is None or skill in others or int(row.get("reviews") or 0) > 0 or row.get("refresher"):
            continue
        if schedule.delete_card(learner_id, skill):
            removed.append(skill)
    return removed


@dataclass(frozen=True)
class RefresherOutcome:
    """What a refresher tap led to: the message to show and the roadmap stored (None when nothing changed)."""

    message: str
    roadmap: Roadmap | None = None


class SkillCheckService(Service):
    """Checks of claimed skills, due reviews, answers by poll id, refreshers and readiness."""

    # ---------------------------------------------------------------- reading
    def _profile(self, learner_id: int) -> LearnerProfile | None:
        raw = self.repos.profiles.load(learner_id)
        return None if raw is None else LearnerProfile.model_validate(raw)

    def offer(self, learner_id: int) -> list[str]:
        """Claimed skills the role needs at working depth or more, with questions, not yet checked."""
        catalog = self.catalog_source()
        with read_transaction(self.db):
            profile = self._profile(learner_id)
            checked = {row["skill"] for row in self.repos.skill_checks.finished_checks(learner_id)}
        return [] if profile is None else [s for s in checkable_skills(profile, catalog) if s not in checked]

    def skill_of_check(self, check_id: int) -> str:
        """The skill a check round (a claimed-skill check or a review) was about; "" for an unknown round."""
        with read_transaction(self.db):
            round_ = self.repos.skill_checks.get(check_id)
        return "" if round_ is None else str(round_["skill"])

    def skill_name(self, skill: str) -> str:
        """The skill's name in the current catalog (its id when it is gone)."""
        entry = self.catalog_source().skill_by_id.get(skill)
        return entry.name if entry is not None else skill

    # ---------------------------------------------------------------- asking
    def start_check(self, learner_id: int, skill: str) -> Asked | None:
        """Open a check of a skill (CHECK_SIZE questions at the role's depth); the first question, or None
        when the skill has too few questions. An unfinished earlier round about it is abandoned."""
        catalog = self.catalog_source()
        now = self.now()
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, now)
            profile = self._profile(learner_id) or LearnerProfile()
            depth = check_depth(skill, profile, catalog)
            offset = self.repos.skill_checks.rounds(learner_id, skill)
            questions = pick_questions(catalog, skill, depth, CHECK_SIZE, offset)
            if len(questions) < CHECK_SIZE:
                return None
            self.db.execute("UPDATE skill_checks SET result = 'abandoned', finished_on = ? WHERE learner_id = ? "
                            "AND skill = ? AND result IS NULL", [self.clock().isoformat(), learner_id, skill])
            check_id = self.repos.skill_checks.start(learner_id, skill, depth.value, "check",
                                                     [q.id for q in questions], now)
        return Asked(check_id, "check", skill, self.skill_name(skill), 0, len(questions), questions[0])

    def due_reviews(self, learner_id: int) -> list[Asked]:
        """The reviews due now (at most 2 at a time, 3 a day): one round of one question each, opened now."""
        catalog, now, today = self.catalog_source(), self.now(), self.clock()
        out: list[Asked] = []
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, now)
            cards = [_card(row) for row in self.repos.skill_checks.cards(learner_id)]
            sent = self.repos.skill_checks.review_polls_on(learner_id, today)
            for card in due_cards(cards, now, sent):
                offset = self.repos.skill_checks.rounds(learner_id, card.skill)
                questions = pick_questions(catalog, card.skill, Depth.working, 1, offset)
                if not questions:
                    continue
                self.db.execute("UPDATE skill_checks SET result = 'abandoned', finished_on = ? WHERE learner_id = ? "
                                "AND skill = ? AND kind = 'review' AND result IS NULL",
                                [today.isoformat(), learner_id, card.skill])
                check_id = self.repos.skill_checks.start(learner_id, card.skill, questions[0].depth.value, "review",
                                                         [questions[0].id], now)
                out.append(Asked(check_id, "review", card.skill, self.skill_name(card.skill), 0, 1, questions[0]))
        return out

    def sent(self, learner_id: int, asked: Asked, poll_id: str | None = None) -> str:
        """Remember that a question went out (as Telegram poll `poll_id`, or a made-up id); returns the id."""
        poll_id = poll_id or f"local-{secrets.token_hex(8)}"
        with write_transaction(self.db):
            self.repos.skill_checks.add_poll(poll_id, learner_id, asked.check_id, asked.position, asked.question.id,
                                             asked.question.correct, self.now(), self.clock())
        return poll_id

    def answer(self, poll_id: str, external_id: str, chosen: int) -> Answered | None:
        """Record an answer to a stored poll; None for an unknown or old poll, a second answer, someone else's
        poll, a retracted vote (no option) or a round already closed: those are ignored."""
        catalog, now, today = self.catalog_source(), self.now(), self.clock()
        with write_transaction(self.db):
            poll = self.repos.skill_checks.poll(poll_id)
            if poll is None or chosen < 0:
                return None
            learner = self.repos.learners.get(int(poll["learner_id"]))
            round_ = self.repos.skill_checks.get(int(poll["check_id"]))
            if learner is None or learner.external_id != external_id or round_ is None or round_["result"]:
                return None
            if int(poll["position"]) != int(round_["answered"]):
                return None  # an earlier question of the round, answered again from an old message
            if not self.repos.skill_checks.answer_poll(poll_id, chosen):
                return None
            right = chosen == int(poll["correct_option"])
            self.repos.skill_checks.record(round_["id"], right)
            questions: list[str] = round_["questions"]
            answered = int(round_["answered"]) + 1
            correct = int(round_["correct"]) + int(right)
            skill, kind = str(round_["skill"]), str(round_["kind"])
            name = catalog.skill_by_id[skill].name if skill in catalog.skill_by_id else skill
            if answered < len(questions):
                question = next((q for q in catalog.quizzes if q.id == questions[answered]), None)
                if question is not None:
                    asked = Asked(round_["id"], kind, skill, name, answered, len(questions), question)
                    return Answered(learner.id, external_id, right, next=asked)
            flagged = False
            if kind == "review":
                rows = [r for r in self.repos.skill_checks.cards(learner.id) if r["skill"] == skill]
                if rows:
                    card = review(_card(rows[0]), right, now)
                    self.repos.skill_checks.save_card(learner.id, skill, card.card, card.due, card.fails_in_row,
                                                      card.flagged, now)
                    ReviewScheduleRepo(self.db).set_history(learner.id, skill, card.reps, card.recent)
                    # Slipping again while its refresher is still to do: no new offer (the refresher is the answer).
                    raw = rows[0].get("refresher")
                    key = json.loads(raw)["key"] if raw else None
                    open_refresher = key is not None and key not in done_items(self.repos.progress.events(learner.id))
                    # ...and a right answer is praised, never met with "keeps slipping" (/progress still lists it
                    # until 2 of the last 3 are right).
                    flagged = card.flagged and not right and not open_refresher
                result = "right" if right else "wrong"
                ok = right
            else:
                ok = passed(correct)
                result = "passed" if ok else "failed"
            self.repos.skill_checks.finish(round_["id"], result, today)
            self.repos.audit.log(learner_ref(learner.id), f"skill.{kind}", learner_ref(learner.id),
                                 {"skill": skill, "correct": correct, "of": len(questions)}, now)
        return Answered(learner.id, external_id, right,
                        result=RoundResult(round_["id"], kind, skill, name, correct, len(questions), ok, flagged))

    # ---------------------------------------------------------------- after a failed check
    def keep(self, learner_id: int, check_id: int) -> bool:
        """The learner keeps a failed skill as known; False for a round that is not theirs or not failed."""
        with write_transaction(self.db):
            round_ = self.repos.skill_checks.get(check_id)
            if round_ is None or round_["learner_id"] != learner_id or round_["result"] != "failed":
                return False
            self.repos.skill_checks.set_choice(check_id, "keep")
        return True

    def refresher(self, learner_id: int, skill: str, check_id: int | None = None) -> Roadmap | None:
        """Let the plan include a refresher of `skill`: it is no longer counted as known (its depth drops below
        the role's), and the plan is made again from the changed answers, keeping progress. The new roadmap, or
        None when there is no plan or the skill was not claimed."""
        catalog, today, now = self.catalog_source(), self.clock(), self.now()
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, now)
            profile = self._profile(learner_id)
            previous = self.repos.roadmaps.latest(learner_id)
            if profile is None or previous is None:
                return None
            if check_id is not None:
                round_ = self.repos.skill_checks.get(check_id)
                if round_ is not None and round_["learner_id"] == learner_id:
                    self.repos.skill_checks.set_choice(check_id, "refresher")
            if skill in profile.known_skills:
                depth = role_depths(profile, catalog).get(skill, Depth.working)
                lower = Depth.basic if depth is not Depth.basic else None
                depths = dict(profile.skill_depth)
                if lower is None:
                    depths.pop(skill, None)
                else:
                    depths[skill] = lower
                profile = profile.model_copy(update={
                    "known_skills": [s for s in profile.known_skills if s != skill], "skill_depth": depths})
            else:
                # Not claimed: a skill finished in the plan that keeps failing reviews. Its done mark is taken
                # back, so the re-plan puts it into the plan again; one taught by a done course cannot be.
                key = f"skill:{skill}"
                if key not in done_items(self.repos.progress.events(learner_id)):
                    return None
                self.repos.progress.add(learner_id, ProgressEvent(item=key, done=False, on=today), now)
            try:
                fresh = plan(profile, catalog, today)
            except PlanError:
                return None
            events = self.repos.progress.events(learner_id)
            old = Roadmap.model_validate(previous.roadmap)
            roadmap = keep_progress(fresh, old.started_on, events, catalog, today)
            profile_json = profile.model_dump(mode="json")
            self.repos.profiles.save(learner_id, profile_json, now)
            state = self.repos.dialogue.load(learner_id)
            if state is not None:
                data, version = state
                data = {**data, "profile": profile_json, "version": version + 1}
                self.repos.dialogue.save(learner_id, data, version + 1, now)
            store_roadmap(self.repos, learner_id, roadmap, profile_json, REFRESHER_REASON, now)
            self._unflag(learner_id, skill, now)
            self.repos.audit.log(learner_ref(learner_id), "skill.refresher", learner_ref(learner_id),
                                 {"skill": skill}, now)
        return roadmap

    def _unflag(self, learner_id: int, skill: str, now: datetime) -> None:
        for row in self.repos.skill_checks.cards(learner_id):
            if row["skill"] == skill and row["flagged"]:
                card = _card(row)
                self.repos.skill_checks.save_card(learner_id, skill, card.card, card.due, 0, False, now)

    # ---------------------------------------------------------------- refreshers of slipping skills
    def flagged(self, learner_id: int) -> list[str]:
        """Skill ids slipping in reviews (2 of the last 3 missed)."""
        with read_transaction(self.db):
            return [str(r["skill"]) for r in self.repos.skill_checks.cards(learner_id) if r["flagged"]]

    def add_refresher(self, learner_id: int, skill: str) -> RefresherOutcome:
        """One tap on a slipping skill: a refresher item (a short catalog course at the depth needed, else
        self-study) joins the current stage; done items stay done and the plan is re-scheduled around it."""
        catalog, now = self.catalog_source(), self.now()
        name = self.skill_name(skill)
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, now)
            latest = self.repos.roadmaps.latest(learner_id)
            if latest is None:
                return RefresherOutcome(texts.REFRESHER_NO_PLAN)
            view = load_view(self.repos, learner_id, latest.version, latest.reason,
                             Roadmap.model_validate(latest.roadmap))
            open_now = [r for r in open_refreshers(self.repos, learner_id)
                        if r.skill == skill and r.key not in view.done]
            if open_now:
                return RefresherOutcome(texts.REFRESHER_ALREADY.format(skill=name, title=open_now[0].title))
            row = next((r for r in self.repos.skill_checks.cards(learner_id) if r["skill"] == skill), None)
            if row is None or not row["flagged"]:
                return RefresherOutcome(texts.REFRESHER_NOT_FLAGGED.format(skill=name))
            roadmap = view.roadmap
            if not roadmap.stages:
                return RefresherOutcome(texts.REFRESHER_PLAN_FINISHED.format(skill=name))
            profile = roadmap.profile
            depth = refresher_depth(skill, profile, catalog)
            free_only = profile.budget_usd is not None and profile.budget_usd <= 0
            stage = roadmap.stages[0]  # the current stage: re-plans leave out what is done, so it comes first
            taken = set(view.done) | {i.key for i in view.items}
            item = pick_refresher(skill, depth, catalog, taken, roadmap.hours_per_week, free_only)
            item = item.model_copy(update={"stage_id": stage.id})
            schedule = ReviewScheduleRepo(self.db)
            schedule.set_refresher(learner_id, skill, item.model_dump(mode="json"))
            card = _card(row)
            # The flag is answered; it comes back only on fresh evidence (2 of the next 3 reviews missed).
            self.repos.skill_checks.save_card(learner_id, skill, card.card, card.due, 0, False, now)
            schedule.set_history(learner_id, skill, card.reps, "")
            fresh = with_refreshers(roadmap, [item], view.done)
            store_roadmap(self.repos, learner_id, fresh, profile.model_dump(mode="json"), REFRESHER_ITEM_REASON,
                          now)
            self.repos.audit.log(learner_ref(learner_id), "skill.refresher", learner_ref(learner_id),
                                 {"skill": skill, "item": item.key, "stage": stage.id}, now)
        if item.course is not None:
            message = texts.REFRESHER_COURSE_ADDED.format(stage=stage.title, title=item.title, hours=item.hours,
                                                          skill=name, depth=depth.value)
        else:
            message = texts.REFRESHER_SELF_ADDED.format(stage=stage.title, hours=item.hours, skill=name)
        return RefresherOutcome(message, fresh)

    # ---------------------------------------------------------------- review time (issue 18, part 2)
    def _schedule_repo(self) -> ReviewScheduleRepo:
        return ReviewScheduleRepo(self.db)

    def review_time(self, learner_id: int) -> ReviewTime:
        """When reviews come: the learner's own time, or their reminder's; and whether they are paused/stopped."""
        with read_transaction(self.db):
            repo = self._schedule_repo()
            chosen = repo.chosen_time(learner_id)
            slot = repo.slot(learner_id)
            reminder = self.repos.reminders.get(learner_id)
            learner = self.repos.learners.get(learner_id)
        zone = (learner.timezone if learner is not None else None) or (
            reminder.timezone if reminder is not None else None) or "UTC"
        if chosen is None and reminder is not None:
            chosen_or_reminder: tuple[int, int] | None = (reminder.hour, reminder.minute)
            zone = reminder.timezone
        else:
            chosen_or_reminder = chosen
        state = "on" if slot is not None else ("none" if chosen_or_reminder is None else (
            "paused" if reminder is not None and reminder.active and reminder.paused else "stopped"))
        return ReviewTime(chosen is not None, chosen_or_reminder, zone, state)

    def set_review_time(self, learner_id: int, hour: int | None, minute: int = 0,
                        timezone: str | None = None) -> ReviewTime:
        """Choose the daily review time (local; `timezone` also becomes the learner's), or None to follow the
        reminder's time again. ValueError for an unknown zone or an impossible time; nothing changes then."""
        zone = None if timezone is None else valid_timezone(timezone)
        if timezone is not None and zone is None:
            raise ValueError(texts.SCHEDULE_ERR_UNKNOWN_ZONE.format(timezone=timezone))
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, self.now())
            self._schedule_repo().set_time(learner_id, hour, minute)
            if zone is not None:
                self.repos.learners.set_timezone(learner_id, zone)
                current = self.repos.reminders.get(learner_id)
                if current is not None and current.active:  # one zone per learner: the reminder follows
                    self.repos.reminders.upsert(learner_id, current.weekday, current.hour, current.minute, zone)
                    if current.paused:
                        self.repos.reminders.set_paused(learner_id, True)
            self.repos.audit.log(learner_ref(learner_id), "review.time", learner_ref(learner_id),
                                 {"hour": hour, "minute": minute if hour is not None else None, "timezone": zone},
                                 self.now())
        return self.review_time(learner_id)

    def review_slot(self, learner_id: int) -> ReviewSlot | None:
        """When the learner's daily review round comes now (None: never, or paused/stopped with reminders)."""
        with read_transaction(self.db):
            return self._schedule_repo().slot(learner_id)

    def review_due(self, learner_id: int, channel: str, external_id: str) -> bool:
        """Whether a review job for this learner should still send: a slot exists and is still theirs."""
        with read_transaction(self.db):
            slot = self._schedule_repo().slot(learner_id)
            learner = self.repos.learners.get(learner_id)
        return (slot is not None and learner is not None and learner.channel == channel
                and learner.external_id == external_id)

    def reviews_due(self, start: datetime, end: datetime, channel: str = "telegram",
                    ) -> list[tuple[ReviewSlot, datetime]]:
        """(slot, moment) of every review round of `channel` whose daily local time falls in [start, end)
        (aware datetimes, a window shorter than a day), by moment; one query per zone and local day."""
        if end - start >= timedelta(days=1):
            raise ValueError(texts.SCHEDULE_ERR_REVIEW_WINDOW)
        with read_transaction(self.db):
            repo = self._schedule_repo()
            out = due_in_window(start, end, repo.zones(),
                                lambda zone, _day, first, last: repo.slots_in_hours(channel, zone, first, last),
                                lambda slot: time(slot.hour, slot.minute))
        out.sort(key=lambda entry: (entry[1], entry[0].learner_id))
        return out

    def pause_reviews(self, learner_id: int, reason: str = "forbidden") -> None:
        """A learner who blocked the bot: the reminder is switched off, and so are reviews at a chosen time."""
        with write_transaction(self.db):
            self.repos.reminders.disable(learner_id, reason)
            self._schedule_repo().set_time(learner_id, None, None)


def _card(row: dict[str, Any]) -> ReviewCard:
    return ReviewCard(skill=row["skill"], card=row["card"], due=datetime.fromisoformat(row["due"]),
                      fails_in_row=int(row["fails_in_row"]), flagged=bool(row["flagged"]),
                      reps=int(row.get("reviews") or 0), recent=str(row.get("recent") or ""))
