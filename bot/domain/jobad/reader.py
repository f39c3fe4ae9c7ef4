"""`read_job_ad()`: the passes over one ad, in order."""

from __future__ import annotations

from bot.domain.catalog import Catalog
from bot.domain.jobad.index import index_for
from bot.domain.jobad.model import MAX_CHARS, JobAd
from bot.domain.jobad.placing import place_mentions
from bot.domain.jobad.requirements import read_degree, read_years
from bot.domain.jobad.salary import read_salary
from bot.domain.jobad.sections import layout
from bot.domain.jobad.skills import find_skills, unknown_technologies
from bot.domain.jobad.text import prepare, scan
from bot.domain.jobad.title import read_role, read_seniority, read_title
from bot.domain.jobad.workplace import read_location, read_work_mode
from bot.domain.reading import lower_aligned


def read_job_ad(text: str, catalog: Catalog) -> JobAd:
    """Read one job ad against a catalog (see the module docstring for how)."""
    truncated = len(text) > MAX_CHARS
    text = prepare(text[:MAX_CHARS])
    low = lower_aligned(text)
    idx = index_for(catalog)
    toks = scan(text, low)
    mentions, covered = find_skills(text, toks, idx)
    sentences, title_start, title_end, _ = layout(low, text, [m.start for m in mentions])
    asking = place_mentions(low, sentences, mentions)
    required: dict[str, None] = {}
    nice: dict[str, None] = {}
    for m in mentions:
        if m.level == "required":
            required.setdefault(m.skill)
        elif m.level == "nice":
            nice.setdefault(m.skill)
    nice_only = [s for s in nice if s not in required]
    years_min, years_max = read_years(low, sentences, asking)
    degree, degree_required = read_degree(low, sentences)
    title = read_title(text, title_start, title_end)
    role = read_role(title.lower(), low[:600], idx, [*required, *nice_only])
    return JobAd(
        role=role,
        title=title,
        seniority=read_seniority(title.lower(), years_min),
        required_skills=list(required),
        nice_skills=nice_only,
        years_min=years_min,
        years_max=years_max,
        degree=degree,
        degree_required=degree_required,
        location=read_location(text, idx),
        remote=read_work_mode(low, title_end),
        salary=read_salary(text, low),
        unknown_skills=unknown_technologies(text, toks, covered, asking, sentences, idx),
        truncated=truncated,
    )
