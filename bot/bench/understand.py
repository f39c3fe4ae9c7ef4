"""`waypoint bench understand`: time per message of understand() over the labelled set."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from bot.bench.stats import percentile, time_calls
from bot.domain.catalog import Catalog
from bot.domain.understanding import understand

TARGET_MEDIAN_MS = 2.0
TARGET_WORST_MS = 10.0
# Adversarial long inputs (4,000 characters each): parsers must stay linear in the length they look at.
ADVERSARIAL: dict[str, str] = {
    "4,000 digits": "7" * 4000,
    "digits and spaces": ("1 " * 2000)[:4000],
    "a repeated word": ("python " * 600)[:4000],
    "a repeated phrase": ("I know python and 3 years " * 160)[:4000],
    "repeated dates": ("by june 2027 " * 320)[:4000],
    "repeated money": ("$1-2 " * 1000)[:4000],
    "one long word": "a" * 4000,
    "someone else, repeated": ("my friend " * 400)[:4000],
}
DEFAULT_CASES = Path(__file__).resolve().parents[2] / "tests" / "data" / "understanding_cases.yaml"


@dataclass(frozen=True)
class Timing:
    """Understanding times over a set of messages."""

    messages: int
    rounds: int
    median_ms: float
    p95_ms: float
    max_ms: float


def load_messages(path: Path = DEFAULT_CASES) -> tuple[date, list[str]]:
    """The labelled set's fixed 'today' and its message texts."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["today"], [str(case["text"]) for case in data["cases"]]


def time_messages(catalog: Catalog, messages: list[str], today: date, rounds: int) -> Timing:
    """Run every message `rounds` times (after one warm-up pass that builds the caches) and time each call."""
    samples = time_calls(lambda text: understand(text, catalog, today), messages, rounds)
    return Timing(len(messages), rounds, percentile(samples, 50), percentile(samples, 95), max(samples))


def worst_adversarial(catalog: Catalog, today: date, rounds: int) -> tuple[str, float]:
    """The slowest adversarial input and its time (the best of `rounds` runs, so a busy machine is not blamed)."""
    understand("warm up: by March 15th 2027, python", catalog, today)
    worst = ("", 0.0)
    for name, text in ADVERSARIAL.items():
        best = float("inf")
        for _ in range(max(rounds, 1)):
            start = time.perf_counter()
            understand(text, catalog, today)
            best = min(best, (time.perf_counter() - start) * 1000)
        if best > worst[1]:
            worst = (name, best)
    return worst


def run(catalog: Catalog, rounds: int = 5, path: Path = DEFAULT_CASES) -> list[str]:
    """The benchmark report as printable lines."""
    today, messages = load_messages(path)
    t = time_messages(catalog, messages, today, rounds)
    verdict = "OK" if t.median_ms <= TARGET_MEDIAN_MS else "SLOW"
    name, worst = worst_adversarial(catalog, today, rounds)
    worst_verdict = "OK" if worst < TARGET_WORST_MS else "SLOW"
    return [
        f"understand: {t.messages} labelled messages x {t.rounds} rounds",
        f"median {t.median_ms:.2f} ms, p95 {t.p95_ms:.2f} ms, max {t.max_ms:.2f} ms per message "
        f"(target median <= {TARGET_MEDIAN_MS:g} ms: {verdict})",
        f"adversarial 4,000-character inputs ({len(ADVERSARIAL)}): worst {worst:.2f} ms ({name}) "
        f"(target < {TARGET_WORST_MS:g} ms: {worst_verdict})",
    ]
