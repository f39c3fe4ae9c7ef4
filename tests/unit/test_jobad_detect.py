"""Which messages read as job ads (issue 17): the labelled ads mostly do, learners' own messages never do."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.domain.catalog import Catalog
from bot.domain.jobad import read_job_ad
from bot.domain.jobad_detect import looks_like_job_ad

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")


def _texts(name: str, key: str) -> list[str]:
    data = yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else data.get("cases") or data.get("ads") or next(iter(data.values()))
    return [str(item[key]) for item in items if item.get(key)]


def _is_ad(text: str) -> bool:
    ad = read_job_ad(text, CATALOG)
    return looks_like_job_ad(text, skills=len(ad.required_skills) + len(ad.nice_skills))


def test_most_labelled_ads_read_as_ads() -> None:
    ads = [t for name in ("job_ads.yaml", "job_ads_heldout.yaml", "job_ads_heldout2.yaml")
           for t in _texts(name, "text")]
    found = sum(_is_ad(t) for t in ads)
    assert found / len(ads) >= 0.85, f"{found}/{len(ads)}"  # the short rest still works through /job


def test_learners_messages_are_not_ads() -> None:
    messages = _texts("understanding_cases.yaml", "text")
    assert len(messages) > 300
    assert [m for m in messages if _is_ad(m)] == []


def test_forwarded_needs_less_and_first_person_weighs_against() -> None:
    short = "Junior ML Engineer wanted: Python, SQL, scikit-learn, Docker. 1+ years. Remote. Apply by Friday."
    assert looks_like_job_ad(short, forwarded=True) and not looks_like_job_ad(short)
    me = ("I'm a backend developer and I have 5 years of experience with Python. I want to become an ML engineer; "
          "my budget is small and I can study 10 hours a week. I know SQL and Docker, I'm remote, full-time.")
    assert not looks_like_job_ad(me) and not looks_like_job_ad(me, forwarded=True)
