"""Normalising a message before it is read: limits, punctuation, swapped letters, tokens, absurd runs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.reading import lower_aligned

# Longer messages are cut: nobody types more than this about themselves, and it bounds the time
# (every parser is linear in the length it sees; the cap keeps the worst case near 10 ms).
MAX_CHARS = 2_000
MAX_MENTIONS = 80


TRANSLATE = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                           "−": "-", "\u00a0": " ", "＄": "$"})
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
TOKEN = re.compile(r"[^\W_]+(?:[.'&][^\W_]+)*(?:\+\+|#)?")


# Words the meaning of a message hangs on ("I know", "want to", "a week"): a hurried typist swaps two letters of
# them ("i knwo", "wnat", "a weka"), which would lose the whole clause. Fixed in place (same length).
_CUE_WORDS = ("know", "knew", "want", "wanna", "week", "weeks", "learn", "learning", "hours", "years", "month",
              "months", "become", "degree", "budget", "experience", "engineer", "scientist", "python", "about",
              "would", "like")
_SWAPPED: dict[str, str] = {
    w[:i] + w[i + 1] + w[i] + w[i + 2 :]: w for w in _CUE_WORDS for i in range(len(w) - 1) if w[i] != w[i + 1]
}
_SWAPPED = {k: v for k, v in _SWAPPED.items() if k not in _CUE_WORDS and k != "horus"}
_SWAP_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _SWAPPED), key=len, reverse=True)) + r")\b")


def fix_swapped_letters(low: str) -> str:
    """"i knwo pyhton" -> "i know python": cue words with two neighbouring letters swapped, same length."""
    low = _SWAP_RE.sub(lambda m: _SWAPPED[m.group(0)], low)
    # "8hrs a weak": a sound-alike after an hours unit
    return _WEAK_WEEK.sub(r"\1\2week", low) if "weak" in low else low


_WEAK_WEEK = re.compile(r"(\d\s*(?:h|hrs?|hours?))(\s*(?:a|per|each|every|/)\s*)weak\b")


def norm_tokens(phrase: str) -> tuple[str, ...]:
    """The token tuple of an alias or a piece of text, lower-cased."""
    return tuple(t.group(0) for t in TOKEN.finditer(lower_aligned(phrase.translate(TRANSLATE))))


def collapse_runs(text: str) -> str:
    """Cut absurd runs (a 4,000-digit number, a word repeated hundreds of times) so every parser stays linear."""
    text = re.sub(r"\d{12,}", lambda m: "0" * 11, text)
    text = re.sub(r"\b(\w+)((?:\W{1,3}\1\b){8,})", lambda m: " ".join([m.group(1)] * 8), text)
    # A phrase or sentence pasted over and over ("I know python and 3 years " x 160) counts three times.
    text = _REPEATED_PHRASE.sub(lambda m: m.group(1) * 3, text)
    seen: dict[str, int] = {}
    kept: list[str] = []
    for piece in re.split(r"(?<=[.!?\n])", text):
        key = piece.strip().lower()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= 3 or not key:
            kept.append(piece)
    return "".join(kept)


# Tried only at word starts, so a 4,000-letter "word" costs one attempt, not one per letter.
_REPEATED_PHRASE = re.compile(r"(?<!\S)((?:\S{1,30}\s+){2,8}?)\1{4,}")


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
