"""Bench maths and formatting shared by every bench: percentiles, call timings, peak RSS, ratios, target
verdicts, text tables."""

from __future__ import annotations

import math
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between closest ranks; nan when empty."""
    if not samples:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


T = TypeVar("T")


def time_calls(call: Callable[[T], object], inputs: Iterable[T], rounds: int) -> list[float]:
    """Milliseconds of each `call(x)` over `rounds` passes through `inputs`, after one untimed warm-up pass
    (which builds the caches the bot also builds once)."""
    items = list(inputs)
    for item in items:
        call(item)
    samples: list[float] = []
    for _ in range(rounds):
        for item in items:
            began = time.perf_counter()
            call(item)
            samples.append((time.perf_counter() - began) * 1000)
    return samples


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB.

    On Linux ru_maxrss survives fork+exec (a child starts with its parent's peak), so the kernel's VmHWM
    of this very process is preferred; elsewhere resource.getrusage (KB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass(frozen=True)
class Target:
    """One target of issue 8 and how the run did against it."""

    name: str
    figure: str
    goal: str
    met: bool | None  # None: not measured

    def line(self) -> str:
        """`name: figure (goal) – met/MISSED`."""
        verdict = "not measured" if self.met is None else ("met" if self.met else "MISSED")
        return f"{self.name:<34} {self.figure:>16}   target {self.goal:<14} {verdict}"


def ratio(value: float, base: float) -> float:
    """value / base, nan if base is zero or nan."""
    return value / base if base and not math.isnan(base) else math.nan


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int]) -> list[str]:
    """Fixed-width text table; the first column is left-aligned, the rest right-aligned."""

    def cell(value: object, width: int, first: bool) -> str:
        text = f"{value:.2f}" if isinstance(value, float) else str(value)
        return text.ljust(width) if first else text.rjust(width)

    out = [" ".join(cell(h, w, i == 0) for i, (h, w) in enumerate(zip(headers, widths, strict=True)))]
    out += [" ".join(cell(v, w, i == 0) for i, (v, w) in enumerate(zip(row, widths, strict=True))) for row in rows]
    return out
