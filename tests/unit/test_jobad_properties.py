"""Properties of read_job_ad: any text parses, skill lists are disjoint catalog ids; a 20,000-character
adversarial ad parses (no timing asserted here: see bot/bench/jobad.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.bench.jobad import adversarial_ads, run
from bot.domain.catalog import Catalog
from bot.domain.jobad import MAX_CHARS, JobAd, match, read_job_ad

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")
SKILL_IDS = set(CATALOG.skill_by_id)

# Fragments that exercise the parser's paths: headings, cues, negation, numbers, money, punctuation.
FRAGMENTS = [
    "Requirements:", "Nice to have", "Bonus:", "About us", "Benefits", "- ", "* ", "\n", "\n\n", "(", ")", ",",
    ";", ".", ":", "Python", "PyTorch/TensorFlow", "A/B testing", "MLflow or similar", "LLMs", "Spark", "R",
    "C++", "no", "not required", "is a plus", "preferred", "3-5 years", "10+ years", "PhD", "BS/MS in",
    "degree", "$120k-$150k", "€", "£30/hour", "remote", "hybrid", "on-site", "Senior", "Staff ML Engineer",
    "we are", "you will", "Terraform", "Go", "e.g.", "CV", "equal opportunity", "k8s", "  ", "\t", "🙂", "Ünïcode",
]


def check(ad: JobAd) -> None:
    assert set(ad.required_skills) <= SKILL_IDS
    assert set(ad.nice_skills) <= SKILL_IDS
    assert not set(ad.required_skills) & set(ad.nice_skills)
    assert len(ad.required_skills) == len(set(ad.required_skills))
    assert len(ad.nice_skills) == len(set(ad.nice_skills))
    assert ad.role is None or ad.role in CATALOG.role_by_id
    if ad.years_min is not None and ad.years_max is not None:
        assert ad.years_max >= ad.years_min
    if ad.salary is not None and ad.salary.max is not None:
        assert ad.salary.max >= ad.salary.min
    result = match(ad, {"python": "working"}, {})
    assert result.percent is None or 0 <= result.percent <= 100


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_arbitrary_text_never_crashes(text: str) -> None:
    check(read_job_ad(text, CATALOG))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=80).map(" ".join))
def test_ad_like_text_never_crashes(text: str) -> None:
    check(read_job_ad(text, CATALOG))


def test_adversarial_20k_ads_parse() -> None:
    ads = adversarial_ads()
    for name, text in ads.items():
        assert len(text) == MAX_CHARS, name
        ad = read_job_ad(text, CATALOG)
        check(ad)
        assert not ad.truncated
    assert read_job_ad(ads["mixed one paragraph"], CATALOG).skills


def test_bench_runs() -> None:
    report = run(CATALOG, rounds=1)
    assert report["ads"] >= 60
    assert set(report["adversarial_ms"]) == set(adversarial_ads())


def test_many_short_lines_and_headings_parse() -> None:
    text = "".join(f"Nice to have:\n- Spark {i}\nRequirements:\n- Python\n" for i in range(800))[:MAX_CHARS]
    ad = read_job_ad(text, CATALOG)
    check(ad)
    assert ad.required_skills == ["python"]
    assert ad.nice_skills == ["big-data-spark"]
