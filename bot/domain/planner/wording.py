"""Small English helpers the planner's sentences share: articles, lists, capitals."""

from __future__ import annotations

from bot import texts


def _article(noun: str) -> str:
    """'a' or 'an' by how the noun is spoken: an NLP engineer, an ML engineer, a data scientist."""
    first = noun.split()[0] if noun.split() else noun
    # Initialisms are spelled out letter by letter: F, H, L, M, N, R, S, X sound like a vowel.
    if len(first) > 1 and first[:2].isupper():
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[:1].lower() in "aeiou" else "a"


def _and_list(names: list[str]) -> str:
    """Names joined as people write them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + texts.PLANNER_AND + names[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
