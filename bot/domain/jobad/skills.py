"""Skill mentions in an ad (longest catalog phrase, job names left out) and technologies the catalog lacks."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from bot.domain.jobad.index import Index, longest
from bot.domain.jobad.sections import Sentence
from bot.domain.jobad.text import Tok, stem
from bot.domain.jobad.vocabulary import JOB_NOUN_BRIDGE, JOB_NOUNS, NOT_TECH, TECH_WORDS


@dataclass
class Mention:
    """A skill phrase found in an ad, and the level it is placed at."""

    start: int
    end: int
    skill: str
    level: str = "required"  # required, nice, drop


def find_skills(text: str, toks: list[Tok], idx: Index) -> tuple[list[Mention], list[bool]]:
    """Longest catalog phrase at each token; `covered` marks tokens inside a phrase."""
    words = [t.word for t in toks if t.word not in {"&", "/"}]
    real = [t for t in toks if t.word not in {"&", "/"}]
    covered = [False] * len(real)
    mentions: list[Mention] = []
    i = 0
    while i < len(words):
        hit = longest(words, i, idx.skills, idx.skill_lengths)
        if hit is None:
            i += 1
            continue
        n, skill = hit
        start, end = real[i].start, real[i + n - 1].end
        if not skill:
            for k in range(i, i + n):
                covered[k] = True
            i += n
            continue
        original = text[start:end]
        if n == 1 and len(words[i]) <= 2:
            ok = words[i] == "ml" or original.isupper() or original in idx.short_forms
            if not ok or text[end : end + 1] in {"&", "'"}:
                i += 1
                continue
        if skill not in idx.programming and _job_noun_follows(words, i + n):
            for k in range(i, i + n):
                covered[k] = True
            i += n
            continue
        mentions.append(Mention(start, end, skill))
        for k in range(i, i + n):
            covered[k] = True
        i += n
    return mentions, covered


def _job_noun_follows(words: list[str], j: int) -> bool:
    """A job noun follows within three words, over bridge words ("ML platform engineer")."""
    for k in range(j, min(j + 3, len(words))):
        if words[k] in JOB_NOUNS or stem(words[k]) in JOB_NOUNS:
            return True
        if words[k] not in JOB_NOUN_BRIDGE:
            return False
    return False


_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")  # "GPUs", "APIs": plurals, not product names
_CAMEL = re.compile(r"^(?:[A-Z][a-z]+[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]+[A-Za-z]*)$")


def unknown_technologies(text: str, toks: list[Tok], covered: list[bool], asking: list[tuple[int, int]],
                         sentences: list[Sentence], idx: Index) -> list[str]:
    """Technologies asked for in asking sentences that the catalog lacks, as written, once each."""
    real = [t for t in toks if t.word not in {"&", "/"}]
    spans = sorted(asking)
    span_starts = [a for a, _ in spans]
    out: dict[str, str] = {}
    for k, tok in enumerate(real):
        if covered[k]:
            continue
        j = bisect_right(span_starts, tok.start) - 1
        if j < 0 or tok.start >= spans[j][1]:
            continue
        raw = text[tok.start : tok.end]
        low = raw.lower()
        pair = f"{low} {real[k + 1].word}" if k + 1 < len(real) else ""
        if pair in TECH_WORDS:
            name = TECH_WORDS[pair]
        elif low in TECH_WORDS and (low != "go" or raw == "Go"):
            name = TECH_WORDS[low]
        elif raw == "Go" and re.search(r"[,/(]\s*$|\band\s+$", text[max(0, tok.start - 6) : tok.start]):
            name = "Go"
        elif (_CAMEL.match(raw) and not _PLURAL_ACRONYM.match(raw) and low not in NOT_TECH
              and stem(low) not in idx.known_words and len(raw) <= 24):
            name = raw
        else:
            continue
        if stem(name.lower()) in idx.known_words and " " not in name:
            continue
        out.setdefault(name.lower(), name)
    return list(out.values())
