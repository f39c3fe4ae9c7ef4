"""The ad's title, the catalog role it hires for and its seniority."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.jobad.index import Index, longest
from bot.domain.jobad.model import Seniority
from bot.domain.jobad.text import Tok, scan
from bot.domain.jobad.vocabulary import SENIORITY_WORDS

_TITLE_CUT = re.compile(r"\s+[-|]\s+|\s*\((?:[^)]*\b(?:remote|hybrid|on-?site|office|based|\d+)\b[^)]*)\)|\.\s|\s@\s"
                        r"|,\s+(?=(?:remote|hybrid|on-?site)\b)", re.IGNORECASE)
_TITLE_PREFIX = re.compile(r"^\W*(?:job title|title|position|role|we're hiring|we are hiring|hiring)\s*[:-]?\s*",
                           re.IGNORECASE)


def read_title(text: str, start: int, end: int) -> str:
    """The title line without labels, markup, place or work mode."""
    line = _TITLE_PREFIX.sub("", text[start : min(end, start + 300)].strip().strip("#*_ ").strip())
    cut = _TITLE_CUT.search(line)
    title = line[: cut.start()] if cut and cut.start() > 2 else line
    return title.strip(" -|,.*_#")[:120]  # "**MLOps Engineer** (remote)": the markup left after the cut too


def _roles_in(low_words: list[Tok], idx: Index) -> list[tuple[int, str]]:
    """(length, role id) of each longest role phrase in the words, left to right."""
    words = [t.word for t in low_words if t.word not in {"&", "/"}]
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        hit = longest(words, i, idx.roles, idx.role_lengths)
        if hit is None:
            i += 1
            continue
        n, role = hit
        found.append((n, role))
        i += n
    return found


def read_role(title_low: str, head_low: str, idx: Index, skills: Iterable[str]) -> str | None:
    """The role named in the title, else at the head of the ad, else the one needing most of its skills."""
    for source in (title_low, head_low):
        roles = _roles_in(scan(source, source), idx)
        if roles:
            return max(roles, key=lambda r: r[0])[1]
    wanted = set(skills)
    if not wanted:
        return None
    # No role named: the role whose needed skills cover most of the ad's, then the one sharing most (catalog order).
    scored = [(len(wanted & needs), -k, role) for k, (role, needs) in enumerate(idx.role_skills.items())]
    best = max(scored, default=None)
    return best[2] if best and best[0] > 0 else None


def read_seniority(title_low: str, years: float | None) -> Seniority | None:
    """The level in the title's words, else from the minimum years (0-1 junior ... 8+ staff)."""
    for level, pattern in SENIORITY_WORDS:
        if pattern.search(title_low):
            return level
    if years is None:
        return None
    if years < 2:
        return Seniority.junior
    if years < 5:
        return Seniority.mid
    if years < 8:
        return Seniority.senior
    return Seniority.staff
