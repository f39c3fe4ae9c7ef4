"""The conversation use case: one learner input, one transaction, the dialogue's replies.

Front-ends (Telegram, terminal) call only `ConversationService`; it is synchronous and every call is
committed before it returns, so an acknowledged answer survives the process being killed right after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from bot.domain.admin import roadmap_notices
from bot.domain.catalog import Catalog
from bot.domain.dialogue import FIELDS, DialogueState, Reply, UserInput, current_reply, describe, step
from bot.domain.planner import PlanError, Roadmap, keep_progress, plan
from bot.domain.profile import LearnerProfile
from bot.domain.progress import RoadmapView, done_items, plan_changes
from bot.services.base import Service, roadmap_model
from bot.services.roadmaps import load_view, store_roadmap
from bot.storage.db import read_transaction, write_transaction

# Roadmap reasons stored with each version: the first plan, and any plan after a change of answers.
REASON_ONBOARDING = "onboarding"
REASON_EDIT = "edit"


@dataclass(frozen=True)
class Outcome:
    """What a front-end needs after one input: who, what to say, and the roadmap to show (if any)."""

    learner_id: int
    replies: list[Reply]
    roadmap: Roadmap | None
    state_version: int
    # True when `roadmap` was just planned and stored; False when it is the existing plan, shown again.
    new_roadmap: bool = False
    roadmap_version: int | None = None
    # When an existing plan is shown: what was retired or changed in the catalog since it was made.
    notices: list[str] = field(default_factory=list)
    # The roadmap with what is done, read in the same transaction (None when there is no roadmap to show).
    view: RoadmapView | None = None
    # True when `expected_version` was not the learner's dialogue version: nothing was stepped or stored.
    stale: bool = False


@dataclass
class _Shown:
    """The roadmap an outcome shows, if any: the plan, its stored version, catalog notices and its view."""

    roadmap: Roadmap | None = None
    version: int | None = None
    notices: list[str] = field(default_factory=list)
    view: RoadmapView | None = None


class ConversationService(Service):
    """Steps the dialogue for one learner per call, inside one transaction."""

    def handle(self, channel: str, external_id: str, inp: UserInput, display_name: str | None = None,
               expected_version: int | None = None) -> Outcome:
        """Load the learner's state, step the dialogue, store state, profile and any new roadmap; commit.

        With `expected_version` (the version an answer button was made for) the input is taken only if it is
        still the learner's dialogue version; otherwise nothing is stored and the outcome says `stale`.
        """
        catalog = self.catalog_source()
        today, now = self.clock(), self.now()
        # No await and no I/O other than SQLite in here: the transaction is short and never interleaves.
        with write_transaction(self.db):
            known = self.repos.learners.find(channel, external_id)
            saved = None if known is None else self.repos.dialogue.load(known.id)
            if expected_version is not None:
                current = 0 if saved is None else saved[1]
                if current != expected_version:
                    return Outcome(learner_id=0 if known is None else known.id, replies=[], roadmap=None,
                                   state_version=current, stale=True)
            learner = known
            if learner is None or (display_name and learner.display_name != display_name):
                learner = self.repos.learners.get_or_create(channel, external_id, display_name, now)
            self.repos.learners.touch(learner.id, now)
            state = self._state_from(learner.id, saved, catalog)
            result = step(state, inp, catalog, today)
            new_state = result.state
            profile_json = self._save_step(learner.id, state, new_state, now)
            roadmap: Roadmap | None = result.roadmap
            previous = self.repos.roadmaps.latest(learner.id)
            replanned = show_stored = False
            if roadmap is not None and previous is not None and same_answers(previous.roadmap, new_state.profile):
                # "Make my plan" when the plan already follows these answers (it was re-planned as they
                # changed): show it rather than store a copy.
                roadmap, show_stored = None, True
            elif roadmap is None and previous is not None and new_state.planned and new_state.profile != state.profile:
                # An answer changed after the plan exists: re-plan at once (keeping progress) and say what
                # changed, so no plan view is ever out of date with the answers.
                roadmap = answers_replan(new_state.profile, previous.roadmap, catalog, today)
                replanned = roadmap is not None
            shown = _Shown()
            if roadmap is not None:
                shown = self._store_plan(learner.id, roadmap, profile_json, catalog, today, now)
            elif result.show_plan or show_stored:
                shown = self._stored_plan(learner.id, catalog)
        return Outcome(
            learner_id=learner.id,
            replies=result.replies,
            roadmap=shown.roadmap,
            state_version=new_state.version,
            new_roadmap=(result.roadmap is not None and not show_stored) or replanned,
            roadmap_version=shown.version,
            notices=shown.notices,
            view=shown.view,
        )

    def _save_step(self, learner_id: int, state: DialogueState, new_state: DialogueState,
                   now: datetime) -> dict[str, Any]:
        """Store the stepped dialogue state, and the profile when it changed (or was never stored)."""
        self.repos.dialogue.save(learner_id, new_state.model_dump(mode="json"), new_state.version, now)
        profile_json = new_state.profile.model_dump(mode="json")
        if new_state.profile != state.profile or self.repos.profiles.load(learner_id) is None:
            self.repos.profiles.save(learner_id, profile_json, now)
        return profile_json

    def _store_plan(self, learner_id: int, roadmap: Roadmap, profile_json: dict[str, Any], catalog: Catalog,
                    today: date, now: datetime) -> _Shown:
        """Store a new plan: the first one, or one from changed answers that keeps the progress made so far."""
        previous = self.repos.roadmaps.latest(learner_id)
        reason = REASON_ONBOARDING
        events = self.repos.progress.events(learner_id)
        if previous is not None:
            reason = REASON_EDIT
            old = roadmap_model(previous)
            fresh = roadmap
            roadmap = keep_progress(roadmap, _started_on(previous.roadmap), events, catalog, today)
            done = done_items(events)
            kept = [i.title for i in old.items() if i.key in done]
            if not kept:  # done before the newest roadmap: named by the plan that had them
                kept = [i.title for i in fresh.items() if i.key in done]
            roadmap = roadmap.model_copy(update={"changes": plan_changes(old, roadmap, kept)})
        version = store_roadmap(self.repos, learner_id, roadmap, profile_json, reason, now)
        return _Shown(roadmap, version, [], load_view(self.repos, learner_id, version, reason, roadmap, events))

    def _stored_plan(self, learner_id: int, catalog: Catalog) -> _Shown:
        """The learner's newest stored plan, with what changed in the catalog since it was made."""
        stored = self.repos.roadmaps.latest(learner_id)
        if stored is None:
            return _Shown()
        roadmap = roadmap_model(stored)
        return _Shown(roadmap, stored.version, roadmap_notices(stored.roadmap, catalog),
                      load_view(self.repos, learner_id, stored.version, stored.reason, roadmap))

    def current_version(self, channel: str, external_id: str) -> int:
        """The learner's dialogue version (0 before the first step); buttons older than it are stale."""
        with read_transaction(self.db):
            learner = self.repos.learners.find(channel, external_id)
            if learner is None:
                return 0
            saved = self.repos.dialogue.load(learner.id)
        return 0 if saved is None else saved[1]

    def state(self, channel: str, external_id: str) -> DialogueState | None:
        """The learner's saved dialogue state, if they have talked to Waypoint."""
        with read_transaction(self.db):
            learner = self.repos.learners.find(channel, external_id)
            if learner is None:
                return None
            return self._load_state(learner.id, self.catalog_source())

    def current_reply(self, channel: str, external_id: str) -> Reply | None:
        """The question the learner is looking at now (to redraw it after a stale button), if any."""
        state = self.state(channel, external_id)
        return None if state is None else current_reply(state, self.catalog_source(), self.clock())

    def latest_roadmap(self, learner_id: int) -> Roadmap | None:
        """The learner's newest stored roadmap, or None before the first plan."""
        with read_transaction(self.db):
            stored = self.repos.roadmaps.latest(learner_id)
        return None if stored is None else roadmap_model(stored)

    def _load_state(self, learner_id: int, catalog: Catalog) -> DialogueState:
        """The saved state; a state an older version cannot read is rebuilt from the saved profile."""
        return self._state_from(learner_id, self.repos.dialogue.load(learner_id), catalog)

    def _state_from(self, learner_id: int, saved: tuple[dict[str, Any], int] | None,
                    catalog: Catalog) -> DialogueState:
        """The state from its saved row (already read); rebuilt from the saved profile when unreadable."""
        if saved is not None:
            blob, version = saved
            try:
                return DialogueState.model_validate({**blob, "version": version})
            except ValidationError:
                pass
        else:
            version = 0
        profile_blob = self.repos.profiles.load(learner_id)
        try:
            profile = LearnerProfile.model_validate(profile_blob or {})
        except ValidationError:
            profile = LearnerProfile()
        # Treat every field with a value as answered, so the learner is not asked again what we know.
        answered = [
            name for name in FIELDS if describe(name, profile, catalog) != describe(name, LearnerProfile(), catalog)
        ]
        return DialogueState(profile=profile, answered=answered, version=version, planned=self._has_plan(learner_id))

    def _has_plan(self, learner_id: int) -> bool:
        return self.repos.roadmaps.exists(learner_id)


def same_answers(roadmap_json: dict[str, Any], profile: LearnerProfile) -> bool:
    """Whether a stored roadmap was planned from exactly these answers."""
    stored = roadmap_json.get("profile")
    try:
        return isinstance(stored, dict) and LearnerProfile.model_validate(stored) == profile
    except ValidationError:
        return False


def answers_replan(profile: LearnerProfile, previous: dict[str, Any], catalog: Catalog,
                   today: date) -> Roadmap | None:
    """A fresh plan for changed answers (progress is kept by the caller), or None when the answers no longer
    make a plan (no target role) or the stored plan already follows them."""
    if same_answers(previous, profile):
        return None
    try:
        return plan(profile, catalog, today)
    except PlanError:
        return None


def _started_on(roadmap_json: dict[str, Any]) -> date:
    """The first plan's start date of a stored roadmap (falls back to validating the whole roadmap)."""
    raw = roadmap_json.get("started_on")
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return Roadmap.model_validate(roadmap_json).started_on
