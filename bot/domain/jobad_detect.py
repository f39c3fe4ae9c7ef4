"""Whether a message reads as a job ad (issue 17): a cheap rule on length, structure and ad vocabulary.

Pure and linear. The Telegram front-end asks it only after onboarding and only when the dialogue is not
waiting for an answer (a forwarded message is the learner's explicit choice, so it needs less evidence).
A learner describing themselves ("I'm a developer, I know Python...") is not an ad: first-person sentences
weigh against it.
"""

from __future__ import annotations

import re

# Phrases that job ads use and learners rarely write about themselves.
AD_PHRASES: tuple[str, ...] = (
    "requirements", "responsibilities", "qualifications", "we are looking for", "we're looking for",
    "we are hiring", "we're hiring", "you will", "you'll", "nice to have", "nice-to-have", "preferred",
    "must have", "must-have", "what we offer", "benefits", "salary", "apply", "about the role", "about us",
    "the role", "years of experience", "years' experience", "experience with", "experience in", "full-time",
    "full time", "part-time", "remote", "hybrid", "on-site", "onsite", "position", "candidate", "our team",
    "join", "bonus", "equity", "responsible for", "job description", "hiring", "degree in", "bs/ms", "phd",
    "engineer", "scientist", "analyst", "researcher", "per year", "per annum", "/year", "k-",
    "intern", "wanted", "needed", "contract", "freelance", "mission", "office", "yrs", "+ years", "we need",
    "you're", "you are", "your ", "ideally", "we offer", "we build", "we make", "stack", "location",
    "desired", "a plus", "might also have", "perks",
)
MIN_CHARS = 160  # pasted text shorter than this is an answer, not an ad (/job reads any length)
MIN_CHARS_FORWARDED = 60
_BULLET = re.compile(r"^\s*(?:[-*•·▪–]|\d+[.)])\s+", re.MULTILINE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|my|me)\b")


def ad_score(text: str) -> int:
    """How many distinct ad phrases the text uses."""
    low = " ".join(text.lower().split())
    return sum(1 for phrase in AD_PHRASES if phrase in low)


def looks_like_job_ad(text: str, forwarded: bool = False, skills: int = 0) -> bool:
    """Whether `text` should be read as a job ad rather than as an answer to the dialogue.

    `skills` is how many catalog skills the ad reader found in it (more evidence when it is given).
    """
    stripped = text.strip()
    if len(stripped) < (MIN_CHARS_FORWARDED if forwarded else MIN_CHARS):
        return False
    score = ad_score(stripped)
    lines = [line for line in stripped.splitlines() if line.strip()]
    bullets = len(_BULLET.findall(stripped))
    first_person = len(_FIRST_PERSON.findall(stripped.lower()))
    if first_person >= 3 and first_person * 2 > score:
        return False  # someone telling about themselves, even at length
    if forwarded:
        return score >= 2 or skills >= 2
    structured = len(lines) >= 4 or bullets >= 2
    return (structured and score >= 4) or (score >= 3 and skills >= 3) or score >= 7
