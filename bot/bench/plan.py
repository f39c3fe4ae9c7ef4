"""`waypoint bench plan`: planner timings on the shipped catalog and on 10x and 100x synthetic ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.bench.stats import percentile, time_calls
from bot.bench.synthetic import scale_catalog, size
from bot.domain.catalog import Catalog
from bot.domain.planner import plan
from bot.domain.profile import LearnerProfile

TARGET_P95_MS = 20.0
TODAY = date(2025, 1, 6)


@dataclass(frozen=True)
class Timing:
    """Plan times on one catalog."""

    label: str
    entries: int
    median_ms: float
    p95_ms: float


def profiles(catalog: Catalog) -> list[LearnerProfile]:
    """Benchmark profiles: every role from scratch (with its first domain and certificates) and on a budget."""
    out: list[LearnerProfile] = []
    for role in catalog.roles:
        domain = role.domains[0] if role.domains else None
        out.append(LearnerProfile(target_role=role.id, domain=domain, hours_per_week=10, wants_certificates=True,
                                  deadline=date(2025, 12, 31)))
        out.append(LearnerProfile(target_role=role.id, hours_per_week=5, budget_usd=0, known_skills=["python"]))
    return out


def time_plans(label: str, catalog: Catalog, people: list[LearnerProfile], rounds: int) -> Timing:
    """Median and p95 of single plan() calls over `rounds` passes through `people`."""
    samples = time_calls(lambda person: plan(person, catalog, TODAY), people, rounds)
    p95 = percentile(samples, 95)
    return Timing(label, size(catalog), percentile(samples, 50), p95)


def run(catalog: Catalog, rounds: int = 20) -> list[str]:
    """Run the benchmark and return the report lines."""
    people = profiles(catalog)
    timings = [time_plans("shipped", catalog, people, rounds)]
    for factor in (10, 100):
        timings.append(time_plans(f"{factor}x", scale_catalog(catalog, factor), people, max(3, rounds // factor)))
    lines = [f"{'catalog':<8} {'entries':>8} {'median ms':>10} {'p95 ms':>8}"]
    lines += [f"{t.label:<8} {t.entries:>8} {t.median_ms:>10.2f} {t.p95_ms:>8.2f}" for t in timings]
    base = timings[0]
    for t in timings[1:]:
        size_ratio = t.entries / base.entries
        time_ratio = t.median_ms / base.median_ms
        verdict = "no worse than linear" if time_ratio <= size_ratio else "WORSE than linear"
        lines.append(f"growth {t.label}: size x{size_ratio:.0f}, median time x{time_ratio:.2f} "
                     f"(growth ratio {time_ratio / size_ratio:.3f}; {verdict})")
    met = "met" if base.p95_ms < TARGET_P95_MS else "NOT met"
    lines.append(f"target p95 < {TARGET_P95_MS:g} ms on the shipped catalog: {met}")
    return lines
