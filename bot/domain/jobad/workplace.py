"""Where the work happens: remote, hybrid or on site, and the location."""

from __future__ import annotations

import re

from bot.domain.jobad.index import Index
from bot.domain.jobad.model import WorkMode
from bot.domain.jobad.text import spaced, tokens

_HYBRID = re.compile(spaced(r"\bhybrid\b|\b\d (?:days?|x) (?:a|per) week (?:in|at) (?:the |our )?(?:office|hq)"))
_REMOTE = re.compile(r"\b(?:fully |100% |remote[- ]first|remote[- ]friendly)?remote\b|\bwork from home\b|\bwfh\b"
                     r"|\bwork(?:ing)? remotely\b")
_ONSITE = re.compile(spaced(
    r"\bon[- ]?site\b|\bin[- ]office\b|\boffice[- ]based\b|\bin (?:the|our) office \d|\bin person\b"
    r"|\bnot remote\b|\bno remote\b|\bremote is not\b|\b5 days (?:a week )?in (?:the |our )?office"
    r"|\b(?:work|working|based) (?:from|in|at|out of) (?:our|the) (?!home\b)(?:[\w-]+ ){0,2}office\b"
))
_NOT_REMOTE = re.compile(spaced(r"\b(?:not|no|isn't|is not)\s+(?:a\s+)?(?:fully\s+)?remote\b"))


def read_work_mode(low: str, title_end: int) -> WorkMode | None:
    """Hybrid, remote or on site; when both remote and on site are said, the head of the ad decides."""
    head = low[: max(title_end, 0) + 400]
    hybrid = _HYBRID.search(low)
    if hybrid and not re.search(r"\b(?:not|no)\s+hybrid", low[max(0, hybrid.start() - 8) : hybrid.end()]):
        return WorkMode.hybrid
    if _NOT_REMOTE.search(low):
        return WorkMode.onsite
    remote, onsite = _REMOTE.search(low), _ONSITE.search(low)
    if remote and onsite:
        rh, oh = _REMOTE.search(head), _ONSITE.search(head)
        if oh and not rh:
            return WorkMode.onsite
        return WorkMode.remote if rh or remote.start() < onsite.start() else WorkMode.onsite
    if remote:
        return WorkMode.remote
    if onsite:
        return WorkMode.onsite
    return None


_LOCATION_LINE = re.compile(r"^[^\S\n]{0,8}(?:[-*#>|]{1,4}[^\S\n]{0,4})?(?:location|based in|office|where)[^\S\n]{0,4}:"
                            r"[^\S\n]{0,4}"
                            r"(?P<v>[^\n]{1,80})", re.IGNORECASE | re.M)
_LOCATION_PHRASE = re.compile(
    r"\b(?i:hybrid|on-?site|office|based|located|remote)\s*(?:in|,|-|\()\s*(?:our\s+)?"
    r"(?P<v>[A-Z][\w']+(?:[ -][A-Z][\w']+){0,2}(?:,\s*[A-Z]{2}\b)?)"
)
_MODE_WORDS = re.compile(r"\b(?:remote|hybrid|on-?site|in office|office|fully|only|days?|week)\b", re.IGNORECASE)


def read_location(text: str, idx: Index) -> str | None:
    """A labelled location line, else a place after a work-mode word; None when neither."""
    m = _LOCATION_LINE.search(text)
    if m:
        value = m.group("v").strip().rstrip(".")
        return value[:80] or None
    for m in _LOCATION_PHRASE.finditer(text, 0, min(len(text), 3000)):
        value = m.group("v").strip()
        if not _MODE_WORDS.fullmatch(value) and tokens(value) not in idx.skills:  # "remote - Python" is no place
            return value
    return None
