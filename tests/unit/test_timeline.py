"""The timeline picture: a PNG with one bar per stage, made quickly and deterministically in shape."""

from __future__ import annotations

import struct
from datetime import date

import pytest

from bot.config import SHIPPED_CONTENT
from bot.domain.catalog import Catalog
from bot.domain.planner import Roadmap, plan
from bot.domain.profile import LearnerProfile
from bot.domain.timeline import timeline_png

TODAY = date(2026, 1, 5)


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    catalog = Catalog.load(SHIPPED_CONTENT)
    profile = LearnerProfile(target_role="ml-engineer", hours_per_week=10, deadline=date(2026, 12, 1),
                             budget_usd=500, budget_known=True, wants_certificates=True)
    return plan(profile, catalog, TODAY)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_timeline_is_a_png_sized_to_the_stages(roadmap: Roadmap) -> None:
    data = timeline_png(roadmap, {roadmap.stages[0].id: 0.5}, TODAY)
    width, height = png_size(data)
    assert width == 900 and height >= 100 + 40 * len(roadmap.stages)
    assert 5_000 < len(data) < 300_000


def test_done_shading_changes_the_picture(roadmap: Roadmap) -> None:
    assert timeline_png(roadmap, {}, TODAY) != timeline_png(roadmap, {s.id: 1.0 for s in roadmap.stages}, TODAY)
