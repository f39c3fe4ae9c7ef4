"""Privacy: everything about a learner as one JSON document (/export), and erasing it (/delete).

Each public method is one transaction, committed before it returns.
"""

from __future__ import annotations

import secrets
from typing import Any

from bot.domain.progress import Readiness, summarise
from bot.services.base import Service, roadmap_model
from bot.services.progress import view_readiness
from bot.services.roadmaps import load_view
from bot.storage.db import checkpoint_truncate, read_transaction, write_transaction
from bot.storage.repositories import erased_ref


def readiness_json(ready: Readiness) -> dict[str, Any]:
    """Readiness as /export writes it: per stage skills, done and checked (with dates), and the job line."""
    return {
        "stages": [{"id": st.stage_id, "title": st.title, "skills": list(st.skills), "done": list(st.done),
                    "checked": [{"skill": s, "on": on.isoformat()} for s, on in st.checked]}
                   for st in ready.stages],
        "role_skills_needed": ready.role_needed, "role_skills_checked": ready.role_checked,
        "role_skills_without_quiz": ready.role_without_quiz,
        "projects_done": ready.projects_done, "projects_total": ready.projects_total,
        "hours_remaining": ready.hours_remaining, "kept_after_failed_check": list(ready.kept_after_fail),
        "slipping_in_reviews": list(ready.flagged),
    }


class PrivacyService(Service):
    """Export and erasure of one learner's rows."""

    def export(self, learner_id: int) -> dict[str, Any] | None:
        """Every row about the learner as one JSON-ready document."""
        with read_transaction(self.db):
            data = self.repos.learners.export(learner_id)
            latest = self.repos.roadmaps.latest(learner_id)
            view = None if latest is None else load_view(self.repos, learner_id, latest.version, latest.reason,
                                                         roadmap_model(latest))
            summary = None if view is None else summarise(view, self.clock())
            ready = None if view is None or summary is None else view_readiness(
                self.repos, learner_id, view, summary.hours_remaining, self.catalog_source())
        if data is not None and summary is not None and ready is not None:
            data["progress"] = {
                "hours_done": summary.hours_done, "hours_remaining": summary.hours_remaining,
                "hours_total": summary.hours_planned, "items_done": summary.items_done,
                "items_total": summary.items_total,
                "stages": [{"id": s.stage_id, "title": s.title, "hours_done": s.hours_done,
                            "hours_total": s.hours_planned} for s in summary.stages],
                "readiness": readiness_json(ready),
            }
        return data

    def delete(self, learner_id: int) -> dict[str, int]:
        """Erase every row about the learner; rows erased per table."""
        with write_transaction(self.db):
            self.repos.learners.touch(learner_id, self.now())  # take the write lock first (see ProgressService.mark)
            erased = self.repos.learners.delete_all(learner_id)
        checkpoint_truncate(self.db)  # the WAL still holds the erased rows' old pages until checkpointed
        return erased

    def erase(self, channel: str, external_id: str) -> dict[str, int]:
        """Erase everything about this person, learner or not (refused admin attempts too); rows per table."""
        with write_transaction(self.db):
            learner = self.repos.learners.find(channel, external_id)
            if learner is not None:
                erased = self.repos.learners.delete_all(learner.id)
            else:  # never a learner, but audited (a refused admin command): a random salt, never reversible
                pseudonym = erased_ref(channel, external_id, secrets.token_hex(16))
                erased = {"audit_log": self.repos.learners.forget([f"{channel}:{external_id}"], pseudonym)}
        checkpoint_truncate(self.db)  # the WAL still holds the erased rows' old pages until checkpointed
        return erased
