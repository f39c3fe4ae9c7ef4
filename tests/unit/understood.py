"""What the understanding tests share: the shipped catalog, a fixed today, and understand() on them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.domain.catalog import Catalog
from bot.domain.understanding import Facts, understand

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
TODAY = date(2026, 11, 23)


def facts(text: str) -> Facts:
    """understand() on the shipped catalog with a fixed today."""
    return understand(text, CATALOG, TODAY)
