"""Job ads (issue 17): read an ad against the learner's skills and plan, save it, aim the plan at it.

Nothing from an ad ever becomes the learner's own skill: the ad's skills only join `LearnerProfile.target_skills`
(skills the plan should teach) when the learner asks to aim the plan at it. One transaction per action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from pydantic import ValidationError

from bot import texts
from bot.domain.catalog import DEPTH_RANK, Catalog, Depth
from bot.domain.jobad import MAX_CHARS, JobAd, JobMatch, match, match_message, read_job_ad
from bot.domain.planner import PlanError, Roadmap, experience_skills, keep_progress, plan
from bot.domain.profile import LearnerProfile
from bot.domain.progress import ProgressEvent, done_items, human_date, plan_changes
from bot.services.base import Service, roadmap_model
from bot.services.roadmaps import load_view, store_roadmap
from bot.storage.db import read_transaction, write_transaction
from bot.storage.repositories import Repositories, StoredJobAd

REASON_JOB_AD = "job-ad"
REASON_JOB_AD_UNAIM = "job-ad-unaim"
WAIT_HOURS = 24  # a bare /job waits this long for its ad; a message after that is ordinary chat again
CROSSING_PERCENT = 80  # the weekly reminder says when a saved ad's match reaches this


class NoPlanYet(Exception):
    """The learner has no plan yet: a job ad is read only after onboarding."""


class AdGone(Exception):
    """The ad of a button was dismissed, deleted or belongs to someone else."""


class NotAimed(AdGone):
    """An un-aim button of an ad the plan is no longer aimed at."""


@dataclass(frozen=True)
class JobReading:
    """One ad read against one learner: what the match message says and what aiming the plan would give."""

    ad: JobAd
    match: JobMatch
    message: str
    ready_if_aimed: date | None = None
    can_aim: bool = False
    ad_id: int | None = None


@dataclass(frozen=True)
class AimOutcome:
    """The plan after aiming it at an ad: what changed and the new finish date."""

    learner_id: int
    version: int
    roadmap: Roadmap
    changes: list[str]
    added_skills: list[str]
    old_end: date
    new_end: date
    message: str


@dataclass(frozen=True)
class SavedAd:
    """A saved ad as /jobs lists it."""

    id: int
    title: str
    percent: int | None
    percent_planned: int | None
    ready_by: date | None
    missing: list[str] = field(default_factory=list)
    aimed: bool = False


def known_skills(profile: LearnerProfile, events: list[ProgressEvent], catalog: Catalog) -> dict[str, Depth | None]:
    """The learner's own skills: what they said they know, what their job and years imply (as the planner
    counts them, so a skill the plan leaves out as known is never "missing"), and what they marked done."""
    known: dict[str, Depth | None] = {s: profile.skill_depth.get(s) for s in profile.known_skills}
    by_rank = {rank: depth for depth, rank in DEPTH_RANK.items()}
    for skill, rank in experience_skills(profile).items():
        if skill in catalog.skill_by_id:
            known.setdefault(skill, by_rank.get(rank))
    for key in done_items(events):
        kind, _, entry = key.partition(":")
        if kind == "skill":
            known[entry] = None
        elif kind == "course" and entry in catalog.course_by_id:
            for skill in catalog.course_by_id[entry].skills:
                known.setdefault(skill, None)
    return known


def planned_dates(roadmap: Roadmap | None) -> dict[str, date]:
    """Skill id -> the end date of the roadmap stage that teaches it."""
    out: dict[str, date] = {}
    for stage in roadmap.stages if roadmap is not None else []:
        for skill in stage.skills:
            out.setdefault(skill.id, stage.end)
    return out


def aimed_profile(profile: LearnerProfile, result: JobMatch, catalog: Catalog) -> LearnerProfile:
    """The profile with the ad's skills missing from the plan added as targets (never as known skills)."""
    targets = dict(profile.target_skills)
    for skill in result.missing:
        if skill in catalog.skill_by_id:
            targets.setdefault(skill, Depth.working)
    return profile.model_copy(update={"target_skills": targets})


def assess(ad: JobAd, profile: LearnerProfile, roadmap: Roadmap | None, events: list[ProgressEvent],
           catalog: Catalog, today: date) -> JobReading:
    """Match an ad against a learner and project when they would be ready if the plan took it on."""
    known = known_skills(profile, events, catalog)
    result = match(ad, known, planned_dates(roadmap), profile.years_experience, profile.education)
    can_aim = any(s in catalog.skill_by_id for s in result.missing)
    ready: date | None = result.ready_by
    if can_aim and profile.target_role:
        try:
            fresh = plan(aimed_profile(profile, result, catalog), catalog, today)
        except PlanError:
            fresh = None
        if fresh is not None:
            started = roadmap.started_on if roadmap is not None else today
            projected = keep_progress(fresh, started, events, catalog, today)
            ready = match(ad, known, planned_dates(projected)).ready_by
    lines = [match_message(ad, result, catalog)]
    if can_aim and ready is not None:
        lines.append(texts.JOB_READY_IF_AIMED.format(date=human_date(ready)))
    elif not result.missing and result.ready_by is None and result.percent is not None:
        lines.append(texts.JOB_READY_NOW)
    return JobReading(ad=ad, match=result, message="\n".join(lines), ready_if_aimed=ready, can_aim=can_aim)


def aimed_by(stored: list[str] | None, ad: JobAd, others: list[StoredJobAd], profile: LearnerProfile) -> list[str]:
    """The target skills aiming at `ad` added: as stored, or (aimed before they were stored) the ad's skills
    among the targets that no other aimed ad claims."""
    if stored is not None:
        return [s for s in stored if s in profile.target_skills]
    claimed = {s for o in others for s in (o.aimed_skills or JobAd.model_validate(o.ad).skills)}
    return [s for s in ad.skills if s in profile.target_skills and s not in claimed]


def project_changes(old: Roadmap, new: Roadmap) -> str | None:
    """One line on the portfolio: projects kept, added and dropped (None when it did not change)."""
    before = {p.id: p.title for s in old.stages for p in s.projects}
    after = {p.id: p.title for s in new.stages for p in s.projects}
    if before == after:
        return None
    kept = [t for i, t in after.items() if i in before]
    added = [t for i, t in after.items() if i not in before]
    dropped = [t for i, t in before.items() if i not in after]
    parts = []
    if kept:
        parts.append(texts.JOB_PROJECTS_KEPT.format(titles=", ".join(kept)))
    if added:
        parts.append(texts.JOB_PROJECTS_ADDED.format(titles=", ".join(added)))
    if dropped:
        parts.append(texts.JOB_PROJECTS_DROPPED.format(titles=", ".join(dropped)))
    return texts.JOB_PROJECTS.format(parts="; ".join(parts))


def profile_of(repos: Repositories, learner_id: int) -> LearnerProfile:
    """The learner's stored profile (empty when unreadable)."""
    try:
        return LearnerProfile.model_validate(repos.profiles.load(learner_id) or {})
    except ValidationError:
        return LearnerProfile()


class JobService(Service):
    """Job ads of one learner: read, save, dismiss, delete, aim the plan; saved ads with their match now."""

    # ---- reading
    def read(self, learner_id: int, text: str) -> JobReading:
        """Read an ad for a learner with a plan, store it (unsaved) and count its unknown skills; one write."""
        catalog, today, now = self.catalog_source(), self.clock(), self.now()
        ad = read_job_ad(text, catalog)
        with write_transaction(self.db):
            stored = self.repos.roadmaps.latest(learner_id)
            if stored is None:
                raise NoPlanYet()
            roadmap = Roadmap.model_validate(stored.roadmap)
            reading = assess(ad, profile_of(self.repos, learner_id), roadmap,
                             self.repos.progress.events(learner_id), catalog, today)
            ad_id = self.repos.job_ads.add(learner_id, ad.title, text[:MAX_CHARS], ad.model_dump(mode="json"), now)
            self.repos.job_ads.set_percent(ad_id, reading.match.percent)
            self.repos.job_ads.count_unknown(ad.unknown_skills, now)
        return JobReading(ad=reading.ad, match=reading.match, message=reading.message,
                          ready_if_aimed=reading.ready_if_aimed, can_aim=reading.can_aim, ad_id=ad_id)

    def preview(self, learner_id: int, text: str) -> JobReading:
        """Like `read`, but stores nothing (the command line's `waypoint job FILE`)."""
        catalog, today = self.catalog_source(), self.clock()
        ad = read_job_ad(text, catalog)
        with read_transaction(self.db):
            stored = self.repos.roadmaps.latest(learner_id)
            if stored is None:
                raise NoPlanYet()
            roadmap = Roadmap.model_validate(stored.roadmap)
            profile = profile_of(self.repos, learner_id)
            events = self.repos.progress.events(learner_id)
        return assess(ad, profile, roadmap, events, catalog, today)

    def has_plan(self, learner_id: int) -> bool:
        """Whether the learner finished onboarding (has a roadmap)."""
        with read_transaction(self.db):
            return self.repos.roadmaps.latest(learner_id) is not None

    # ---- buttons
    def save(self, learner_id: int, ad_id: int) -> StoredJobAd:
        """Keep the ad for /jobs."""
        with write_transaction(self.db):
            if not self.repos.job_ads.set_saved(learner_id, ad_id):
                raise AdGone()
            stored = self.repos.job_ads.get(learner_id, ad_id)
        assert stored is not None
        return stored

    def delete(self, learner_id: int, ad_id: int) -> bool:
        """Dismiss or delete an ad: its text is erased. False when it was already gone."""
        with write_transaction(self.db):
            return self.repos.job_ads.delete(learner_id, ad_id)

    def remove(self, learner_id: int, ad_id: int) -> AimOutcome | None:
        """Delete an ad; one the plan is aimed at is un-aimed first (its skills would otherwise stay in the plan
        with no ad left to take them out), in the same transaction. The un-aim outcome, if any; AdGone if gone."""
        with write_transaction(self.db):
            stored = self.repos.job_ads.get(learner_id, ad_id)
            if stored is None:
                raise AdGone()
            outcome = None
            if stored.aimed:
                try:
                    outcome = self.unaim(learner_id, ad_id)
                except NoPlanYet:
                    outcome = None  # no plan to take the skills out of: deleting the ad is all there is to do
            self.repos.job_ads.delete(learner_id, ad_id)
        return outcome

    def aim(self, learner_id: int, ad_id: int) -> AimOutcome:
        """Re-plan with the ad's skills missing from the plan (and their prerequisites); progress kept."""
        catalog = self.catalog_source()
        with write_transaction(self.db):
            stored_ad, ad, old, profile, events = self._aim_context(learner_id, ad_id, must_be_aimed=False)
            result = match(ad, known_skills(profile, events, catalog), planned_dates(old))
            new_profile = aimed_profile(profile, result, catalog)
            added = [s for s in new_profile.target_skills if s not in profile.target_skills]
            outcome = self._replan(learner_id, old, new_profile, events, REASON_JOB_AD,
                                   texts.JOB_AIM_INTRO.format(title=ad.title or texts.JOB_HEADER_UNKNOWN))
            self.repos.job_ads.set_aimed(learner_id, ad_id)
            claimed = list(dict.fromkeys([*(stored_ad.aimed_skills or []), *added]))
            self.repos.job_ads.set_aimed_skills(learner_id, ad_id, claimed)
        return self._outcome(learner_id, outcome, old, added, texts.JOB_AIM_ADDED)

    def _aim_context(self, learner_id: int, ad_id: int, must_be_aimed: bool,
                     ) -> tuple[StoredJobAd, JobAd, Roadmap, LearnerProfile, list[ProgressEvent]]:
        """The stored ad, the ad, the newest roadmap, the profile and the events, inside the caller's transaction;
        AdGone, NotAimed or NoPlanYet when the ad, its aim or the plan is not there."""
        stored_ad = self.repos.job_ads.get(learner_id, ad_id)
        previous = self.repos.roadmaps.latest(learner_id)
        if stored_ad is None:
            raise AdGone()
        if must_be_aimed and not stored_ad.aimed:
            raise NotAimed()
        if previous is None:
            raise NoPlanYet()
        return (stored_ad, JobAd.model_validate(stored_ad.ad), roadmap_model(previous),
                profile_of(self.repos, learner_id), self.repos.progress.events(learner_id))

    def unaim(self, learner_id: int, ad_id: int) -> AimOutcome:
        """Take the skills aiming at the ad added out of the plan's targets and re-plan; progress kept."""
        with write_transaction(self.db):
            stored_ad, ad, old, profile, events = self._aim_context(learner_id, ad_id, must_be_aimed=True)
            others = self.repos.job_ads.aimed(learner_id)
            removed = aimed_by(stored_ad.aimed_skills, ad, [o for o in others if o.id != ad_id], profile)
            targets = {s: d for s, d in profile.target_skills.items() if s not in removed}
            new_profile = profile.model_copy(update={"target_skills": targets})
            outcome = self._replan(learner_id, old, new_profile, events, REASON_JOB_AD_UNAIM,
                                   texts.JOB_UNAIM_INTRO.format(title=ad.title or texts.JOB_HEADER_UNKNOWN))
            self.repos.job_ads.set_aimed_skills(learner_id, ad_id, None)
        return self._outcome(learner_id, outcome, old, removed, texts.JOB_UNAIM_REMOVED)

    def aimed(self, learner_id: int) -> list[tuple[int, str]]:
        """(id, title) of the ads the learner's plan is aimed at, oldest first."""
        with read_transaction(self.db):
            return [(a.id, a.title or texts.JOB_HEADER_UNKNOWN) for a in self.repos.job_ads.aimed(learner_id)]

    def _replan(self, learner_id: int, old: Roadmap, new_profile: LearnerProfile, events: list[ProgressEvent],
                reason: str, intro: str) -> tuple[int, Roadmap, list[str]]:
        """Store the profile (and the dialogue's copy), plan it keeping progress; inside the caller's write."""
        catalog, today, now = self.catalog_source(), self.clock(), self.now()
        profile_json = new_profile.model_dump(mode="json")
        self.repos.profiles.save(learner_id, profile_json, now)
        saved_state = self.repos.dialogue.load(learner_id)
        if saved_state is not None:  # the dialogue's copy of the profile too, so a later edit keeps targets
            blob, state_version = saved_state
            self.repos.dialogue.save(learner_id, {**blob, "profile": profile_json}, state_version, now)
        fresh = plan(new_profile, catalog, today)
        roadmap = keep_progress(fresh, old.started_on, events, catalog, today)
        done = done_items(events)
        kept = [i.title for i in old.items() if i.key in done]
        changes = plan_changes(old, roadmap, kept)
        changes[0] = intro
        projects = project_changes(old, roadmap)
        if projects:
            changes.insert(1, projects)
        roadmap = roadmap.model_copy(update={"changes": changes})
        version = store_roadmap(self.repos, learner_id, roadmap, profile_json, reason, now)
        load_view(self.repos, learner_id, version, reason, roadmap, events)
        return version, roadmap, changes

    def _outcome(self, learner_id: int, replanned: tuple[int, Roadmap, list[str]], old: Roadmap, skills: list[str],
                 template: str) -> AimOutcome:
        version, roadmap, changes = replanned
        catalog = self.catalog_source()
        names = [catalog.skill_by_id[s].name for s in skills if s in catalog.skill_by_id]
        lines = list(changes)
        if names:
            lines.insert(1, template.format(skills=", ".join(names)))
        end = human_date(roadmap.totals.end_date)
        if not any(end in line for line in changes):  # the changes say the new end date when it moved
            lines.append(texts.JOB_AIM_FINISH.format(date=end))
        return AimOutcome(learner_id=learner_id, version=version, roadmap=roadmap,
                          changes=changes, added_skills=skills, old_end=old.totals.end_date,
                          new_end=roadmap.totals.end_date, message="\n".join(lines))

    # ---- waiting for the ad after a bare /job (kept in SQLite: a restart in between loses nothing)
    def wait_for_ad(self, learner_id: int) -> None:
        """A bare /job: the learner's next message is read as the ad."""
        with write_transaction(self.db):
            self.repos.job_ads.set_waiting(learner_id, self.now())

    def take_wait(self, learner_id: int) -> bool:
        """True (and the wait is over) when a bare /job within WAIT_HOURS waits for this message."""
        with read_transaction(self.db):
            since = self.repos.job_ads.waiting_since(learner_id)
        if since is None:
            return False
        with write_transaction(self.db):
            self.repos.job_ads.set_waiting(learner_id, None)
        return self.now() - since <= timedelta(hours=WAIT_HOURS)

    def cancel_wait(self, learner_id: int) -> None:
        """Stop waiting for an ad (a document or a command came instead)."""
        with read_transaction(self.db):
            since = self.repos.job_ads.waiting_since(learner_id)
        if since is not None:
            with write_transaction(self.db):
                self.repos.job_ads.set_waiting(learner_id, None)

    # ---- saved ads
    def saved(self, learner_id: int) -> list[SavedAd]:
        """Saved ads with their match percentage now and projected ready-by date (read only)."""
        catalog, today = self.catalog_source(), self.clock()
        with read_transaction(self.db):
            rows = self.repos.job_ads.saved(learner_id)
            if not rows:
                return []
            stored = self.repos.roadmaps.latest(learner_id)
            roadmap = None if stored is None else Roadmap.model_validate(stored.roadmap)
            profile = profile_of(self.repos, learner_id)
            events = self.repos.progress.events(learner_id)
        return [_saved(row, profile, roadmap, events, catalog, today) for row in rows]

    def closest(self, learner_id: int) -> SavedAd | None:
        """The saved ad the learner is closest to (highest match now), if any."""
        ads = [a for a in self.saved(learner_id) if a.percent is not None]
        return max(ads, key=lambda a: (a.percent or 0, -a.id)) if ads else None

    def crossings(self, learner_id: int, threshold: int = CROSSING_PERCENT) -> list[SavedAd]:
        """Saved ads whose match reached `threshold` since last reported; remembers the new percentages."""
        ads = self.saved(learner_id)
        if not ads:
            return []
        crossed: list[SavedAd] = []
        with write_transaction(self.db):
            rows = {row.id: row for row in self.repos.job_ads.saved(learner_id)}
            for saved in ads:
                row = rows.get(saved.id)
                if row is None or saved.percent is None:
                    continue
                if (row.last_percent or 0) < threshold <= saved.percent:
                    crossed.append(saved)
                if row.last_percent != saved.percent:
                    self.repos.job_ads.set_percent(saved.id, saved.percent)
        return crossed

    def unknown_counts(self, limit: int = 10) -> list[tuple[str, int]]:
        """For admins: technologies ads name most that the catalog lacks."""
        with read_transaction(self.db):
            return self.repos.job_ads.unknown_counts(limit)


def saved_line(number: int, ad: SavedAd) -> str:
    """One line of the saved-ads list (the same in Telegram and the terminal)."""
    ready = (texts.TG_JOBS_READY_BY.format(date=human_date(ad.ready_by)) if ad.ready_by
             else texts.TG_JOBS_NOT_PLANNED)
    percent = "?" if ad.percent is None else str(ad.percent)
    line = texts.TG_JOBS_LINE_AIMED if ad.aimed else texts.TG_JOBS_LINE
    return line.format(n=number, title=ad.title, percent=percent, ready=ready)


def _saved(row: StoredJobAd, profile: LearnerProfile, roadmap: Roadmap | None, events: list[ProgressEvent],
           catalog: Catalog, today: date) -> SavedAd:
    ad = JobAd.model_validate(row.ad)
    result = match(ad, known_skills(profile, events, catalog), planned_dates(roadmap), profile.years_experience,
                   profile.education)
    ready = result.ready_by
    if ready is None and not result.missing_required and result.percent is not None:
        ready = today
    return SavedAd(id=row.id, title=row.title or texts.JOB_HEADER_UNKNOWN, percent=result.percent,
                   percent_planned=result.percent_planned, ready_by=ready, missing=list(result.missing),
                   aimed=row.aimed)


def reading_for_profile(text: str, profile: LearnerProfile, catalog: Catalog, today: date,
                        roadmap: Roadmap | None = None, events: list[ProgressEvent] | None = None,
                        ) -> JobReading:
    """An ad read against a profile (the CLI's --profile): its plan is made here when none is given."""
    if roadmap is None and profile.target_role:
        try:
            roadmap = plan(profile, catalog, today)
        except PlanError:
            roadmap = None
    return assess(read_job_ad(text, catalog), profile, roadmap, events or [], catalog, today)
