"""The learner profiles of tests/data/profiles planned once on the shipped catalog, shared by the planner tests.

Each roadmap is planned the first time a test asks for it and kept for the session: five test modules read the
same 39 plans, and planning them once per module made the suite plan them five times.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from bot.config import SHIPPED_CONTENT
from bot.domain.catalog import Catalog
from bot.domain.planner import Roadmap, plan, profile_from_data
from bot.domain.profile import LearnerProfile

TODAY = date(2026, 12, 1)
CATALOG = Catalog.load(SHIPPED_CONTENT)
PROFILES = sorted((Path(__file__).resolve().parents[1] / "data" / "profiles").glob("*.json"))


@cache
def planned(path: Path) -> tuple[LearnerProfile, Roadmap]:
    """A profile file's learner and roadmap (planned once; callers must not change them)."""
    prof = profile_from_data(json.loads(path.read_text()), CATALOG)
    return prof, plan(prof, CATALOG, TODAY)
