"""`waypoint bench all`: every bench in one report, targets last."""

from __future__ import annotations

import platform
from collections.abc import Sequence
from pathlib import Path

from bot.bench.plan import run as run_plan
from bot.bench.understand import run as run_understand
from bot.bench.updates import run_load, run_updates
from bot.domain.catalog import Catalog


def machine() -> str:
    """One line describing where the figures come from."""
    import os

    return f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"


def section(title: str, lines: Sequence[str]) -> list[str]:
    """A titled block of the combined report."""
    return ["", f"== {title} ==", *lines]


def run_all(catalog: object, sizes: Sequence[int], users: int, duration: float, directory: object = None) -> list[str]:
    """`waypoint bench all`: plan, understand, updates and load in one report, targets last."""
    assert isinstance(catalog, Catalog)
    content = Path(str(directory)) if directory is not None else None
    lines = [f"Waypoint benchmarks ({machine()})"]
    lines += section("planner (waypoint bench plan)", run_plan(catalog))
    lines += section("understanding (waypoint bench understand)", run_understand(catalog))
    update_lines, targets = run_updates(catalog, content_dir=content)
    lines += section("update cost (waypoint bench updates)", update_lines)
    load_lines, load_targets = run_load(catalog, list(sizes), users, duration, content_dir=content)
    lines += section(f"load (waypoint bench load --learners {' '.join(str(n) for n in sizes)})", load_lines)
    lines += section("targets of issue 8", [t.line() for t in [*targets, *load_targets]])
    return lines
