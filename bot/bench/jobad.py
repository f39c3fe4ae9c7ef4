"""Job-ad reading times: per labelled ad (median, p95) and the worst case over 20,000-character adversarial ads.

No CLI command yet (the integration adds `waypoint bench jobad`); call `run()` from Python.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml

from bot.bench.stats import percentile, time_calls
from bot.domain.catalog import Catalog
from bot.domain.jobad import MAX_CHARS, read_job_ad

ROOT = Path(__file__).resolve().parents[2]
AD_FILES = (ROOT / "tests" / "data" / "job_ads.yaml", ROOT / "tests" / "data" / "job_ads_heldout.yaml")
CONTENT = ROOT / "content"


def labelled_ads(paths: tuple[Path, ...] = AD_FILES) -> list[str]:
    """The texts of the labelled ads."""
    out: list[str] = []
    for path in paths:
        if path.exists():
            out += [str(case["text"]) for case in yaml.safe_load(path.read_text(encoding="utf-8"))["ads"]]
    return out


def adversarial_ads(size: int = MAX_CHARS) -> dict[str, str]:
    """Ads built to hit the parser's worst paths, each exactly `size` characters."""
    unit = ("Python, PyTorch/TensorFlow (GCP preferred, not required (no Spark)), A/B testing, is a plus, "
            "no MLflow or similar, 5-8 years, $100k-$200k, PhD in machine learning, we are, bonus, ")
    shapes = {
        "mixed one paragraph": "Senior ML Engineer\n" + unit * (size // len(unit) + 1),
        "skills only": "Python SQL Docker Spark Kubernetes LLMs RAG " * (size // 40 + 1),
        "bullet lines": "\n- Python, SQL (a plus)" * (size // 20 + 1),
        "headings": "Nice to have:\n- Spark\nRequirements:\n- Python\n" * (size // 40 + 1),
        "parentheses": "(" * (size // 2) + ")" * (size // 2),
        "numbers and money": "$1 3 years 1,000, €45k-55k 10+ years " * (size // 30 + 1),
        "negations and cues": "no Python is a plus, not required but preferred: Spark; " * (size // 50 + 1),
        "white space": " \n\t" * (size // 3 + 1),
        "one long token": "a" * size,
        "digits": "1" * size,
        "camel case words": "TypeScript GraphQL LangSmith " * (size // 25 + 1),
    }
    return {name: text[:size] for name, text in shapes.items()}


def run(catalog: Catalog | None = None, rounds: int = 5) -> dict[str, Any]:
    """Median and p95 per labelled ad (ms, after a warm-up pass) and the slowest adversarial 20,000-char ad."""
    catalog = catalog or Catalog.load(CONTENT)
    ads = labelled_ads()
    samples = time_calls(lambda text: read_job_ad(text, catalog), ads, rounds)
    worst: dict[str, float] = {}
    for name, text in adversarial_ads().items():
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            read_job_ad(text, catalog)
            best = min(best, (time.perf_counter() - began) * 1000)
        worst[name] = round(best, 2)
    slowest = max(worst, key=lambda k: worst[k])
    # Linear time: the slowest shape at a quarter, half and the full length.
    scaling: dict[int, float] = {}
    for size in (MAX_CHARS // 4, MAX_CHARS // 2, MAX_CHARS):
        text = adversarial_ads(size)[slowest]
        began = time.perf_counter()
        read_job_ad(text, catalog)
        scaling[size] = round((time.perf_counter() - began) * 1000, 2)
    return {
        "ads": len(ads),
        "rounds": rounds,
        "median_ms": round(percentile(samples, 50), 3),
        "p95_ms": round(percentile(samples, 95), 3),
        "max_ms": round(max(samples), 3) if samples else None,
        "adversarial_chars": MAX_CHARS,
        "adversarial_ms": worst,
        "worst_case": {"ad": slowest, "ms": worst[slowest]},
        "worst_case_by_length_ms": scaling,
    }
