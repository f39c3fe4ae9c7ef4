"""What each mention asserts: known (with a depth), negated or forgotten, wished for, asked about, a cert."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.understanding.clauses import (
    KNOW_CUE,
    LEARN_CUE,
    LIST_JOIN,
    NEG_CUE,
    POST_KNOW,
    POST_KNOW_LIST,
    POST_NEG,
    Segment,
    question_segments,
)
from bot.domain.understanding.mentions import Mention
from bot.domain.understanding.vocabulary import OTHER_TECH

_FORGOT = re.compile(r"\b(?:forgot|forgotten|forget|don'?t\s+remember|do\s+not\s+remember|can'?t\s+remember"
                     r"|lost\s+(?:it|"
                     r"all|touch)|long\s+gone|haven'?t\s+(?:used|touched)\s+(?:it|them)\s+in|no\s+longer\s+(?:know|"
                     r"remember)|gone\s+rusty\s+and\s+forgot|gave\s+up|give\s+up|never\s+(?:used|tried|touched)\s+(?:it|them)"
                     r"|haven'?t\s+(?:touched|used|written|done)\s+(?:any\s+)?(?:code|it|them|anything)\s+(?:in|for|since))\b")
_USED_TO = re.compile(r"\bused\s+to\s+(?:know|use|do|code|write|work\s+with|be\s+good\s+at|program|develop|script)\b"
                      r"[^.;]*$")
_DEPTH_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("basic", re.compile(r"\b(?:a\s+(?:little\s+)?bit\s+(?:of|in)|a\s+little(?:\s+bit)?|little\s+(?:bit\s+)?of|basic"
                         r"|basics\s+of|the\s+basics"
                         r"|beginner|rusty|limited|some\s+basic|some(?=\s*$)|a\s+tiny\s+bit|dabbled\s+(?:in|with)|played\s+(?:a\s+"
                         r"bit\s+)?(?:with|around\s+with)|novice|entry[- ]level|just\s+started|elementary|barely)\b")),
    # "5 years python", "10+ yrs java": three or more years right before the skill, no "of" needed.
    ("deep", re.compile(r"\b(?:years\s+of|\d+\s*\+?\s*years\s+(?:of|with|in)|(?:[3-9]|[1-4]\d)\s*\+?\s*(?:years?|yrs?)"
                        r"(?=\s*$)|expert|advanced|deep|strong|extensive|"
                        r"fluent|mastered|very\s+good|really\s+good|excellent|professionally|in\s+depth|senior[- ]level"
                        r"|a\s+lot\s+of)\b")),
    ("working", re.compile(r"\b(?:working\s+knowledge|comfortable|decent|solid|intermediate|good|proficient|confident"
                           r"|fairly\s+good|pretty\s+good)\b")),
)


@dataclass
class _Reading:
    """The message as the modes read it: as written, with catalog phrases blanked, and its clauses."""

    orig: str
    low: str  # catalog phrases blanked: cue words inside a phrase do not count ("learning" in "deep learning")
    segments: list[Segment]
    mentions: list[Mention]
    asked: set[int]  # clauses that ask something
    bare: dict[int, bool] = field(default_factory=dict)  # clause index -> only a list of names


@dataclass
class _Place:
    """Where one mention stands: its clause, and the blanked text before and after it within that clause."""

    index: int
    seg: Segment
    before: str
    after: str


def assign_modes(low: str, mentions: list[Mention], segments: list[Segment]) -> None:
    """Set each mention's segment and mode (known, negated, wished for, asked about, neutral) and depth."""
    chars = list(low)
    for m in mentions:
        chars[m.start : m.end] = " " * (m.end - m.start)
    reading = _Reading(low, "".join(chars), segments, mentions, question_segments(low, segments))
    seg_index = 0
    previous: Mention | None = None
    for m in mentions:
        while seg_index < len(segments) - 1 and m.start >= segments[seg_index].end:
            seg_index += 1
        seg = segments[seg_index] if segments else Segment(0, len(reading.low), 0, False)
        m.segment = seg_index
        place = _Place(seg_index, seg, reading.low[max(seg.start, m.start - 200) : m.start],
                       reading.low[m.end : min(seg.end, m.end + 200)])
        orig = reading.orig
        answer = _SELF_ANSWER.match(orig[seg.end : seg.end + 20]) if orig[seg.end : seg.end + 1] == "?" else None
        if not m.in_job and answer is not None:
            # "Know SQL? yes. Python? a bit. Stats? no." answers its own questions.
            m.mode = "neg" if answer.group("no") else "know"
            m.depth = "basic" if answer.group("bit") else None
        else:
            m.mode = "know" if m.in_job else _mode(reading, m, place, previous) or m.mode
            if m.mode in {"know", "list"}:
                _set_depth(reading, m, place, previous)
        previous = m


def _mode(reading: _Reading, m: Mention, place: _Place, previous: Mention | None) -> str | None:
    """The mode the words around a mention give it, or None when they give none."""
    low, orig, before, after = reading.low, reading.orig, place.before, place.after
    neg = list(NEG_CUE.finditer(before))
    learn = list(LEARN_CUE.finditer(before))
    if _HEARD_OF.search(before):
        # "I've heard of pandas" names a topic, not a skill; "... but never used it" says it is not known.
        return "neg" if _FORGOT.search(after) or _forgot_later(low, reading.segments, place.index) else "ask"
    if re.search(r"\b(?:interest(?:ed)?|passion(?:ate)?|curious|keen)\s+(?:in|for|about|on|by)\s+$", before):
        return None  # "I have interest for NLP": an interest, whatever "have" says
    if place.index in reading.asked and not KNOW_FIRST.search(before):
        return "ask"
    if (
        _CERT_NEAR_AFTER.match(after)
        or _CERT_NEAR_BEFORE.search(before)
        or _ISSUER_BEFORE.search(orig[max(0, m.start - 30) : m.start])
        or (_LEVEL_AFTER.match(after) and (_ISSUER_WORD.fullmatch(orig[m.start : m.end]) or "role" in m.kinds()))
    ):
        return "cert"  # words of a certification's name ("the AWS ML associate cert") are not skills
    if (
        (neg and (not learn or learn[-1].start() < neg[-1].start())
         and not _CORRECTED_AFTER.search(before, neg[-1].end()))
        or _USED_TO.search(before)
        or _FORGOT.search(after)
        or _forgot_later(low, reading.segments, place.index)
    ):
        return "neg"
    if learn:
        return "learn"
    if POST_NEG.match(after):
        return "neg"
    seg = place.seg
    if (
        POST_KNOW.match(after)
        or POST_KNOW_LIST.match(after)
        or KNOW_CUE.search(low, max(seg.start, m.start - 200), min(seg.end, m.end + 200))
        or _I_USE_IN.search(orig[max(seg.start, m.start - 60) : m.start])
    ):
        return "know"
    if re.search(r"[a-z]\s+(?:w/|using)\s*(?:[\w.+#-]*\s*(?:,|and|&|\+|/)\s*){0,4}$", before):
        return "know"  # "finance analyst w/ excel, vba, sql": the tools of the work
    if re.fullmatch(r"\s*(?:and\s+|but\s+)?(?:only|just)\s+", before):
        return "know"  # "12 years. only excel.": the one tool there is, said on its own
    return _mode_after(reading, m, place, previous)


def _mode_after(reading: _Reading, m: Mention, place: _Place, previous: Mention | None) -> str | None:
    """A mention without cues of its own: it continues the list before it, or is a bare list of names."""
    low, segments, seg, seg_index = reading.low, reading.segments, place.seg, place.index
    if (
        previous is not None
        and previous.mode in {"neg", "learn", "ask", "know"}
        and not seg.contrast
        and segments
        and segments[previous.segment].sentence == seg.sentence
        and previous.segment >= seg_index - 1
        and LIST_JOIN.fullmatch(low[max(previous.end, seg.start) : m.start])
        and not re.search(r"\b(?:more|rather|instead|actually|prefer|only|just)\b", low[previous.end : m.start])
    ):
        # "I don't know statistics, linear algebra or calculus": a list continues the negation.
        return previous.mode
    if (
        previous is not None and previous.mode == "neg" and segments
        and segments[previous.segment].sentence == seg.sentence
        and re.search(r"^[\s,]*(?:but\s+|and\s+)?(?:only|just)\s+(?:\w+\s+){0,2}$",
                      low[max(previous.end, seg.start) : m.start])
    ):
        return "know"  # "never used kubernetes, only docker compose": what is left is known
    if reading.bare.setdefault(seg_index, _bare_list(low, seg, reading.mentions)):
        return "list"
    return None


def _set_depth(reading: _Reading, m: Mention, place: _Place, previous: Mention | None) -> None:
    """The depth of a known skill: the nearest depth words before it, a level after it, or its list's depth."""
    low, seg, seg_index, after = reading.low, place.seg, place.index, place.after
    window = low[max(seg.start, m.start - 60) : m.start]
    if previous is not None and previous.depth and previous.segment == seg_index and LIST_JOIN.fullmatch(
        low[previous.end : m.start]
    ):
        m.depth = previous.depth
    nearest = (-1, 0)
    for depth, cue in _DEPTH_CUES:
        for hit in cue.finditer(window):
            if (hit.end(), -hit.start()) > nearest:
                nearest, m.depth = (hit.end(), -hit.start()), depth
    level = re.match(r"\s*[(:-]?\s*(?:total\s+|complete\s+|absolute\s+)?(basics?|beginner|intermediate|advanced"
                     r"|expert)\b", after)
    if level:
        m.depth = {"basic": "basic", "basics": "basic", "beginner": "basic", "intermediate": "working"}.get(
            level.group(1), "deep"
        )
    if re.match(r"\s*(?:is|are)\s+(?:a\s+bit\s+|quite\s+|very\s+|pretty\s+|super\s+)?rusty\b", after):
        m.depth = "basic"
    post = _POST_DEPTH.match(after)
    if post:
        m.depth = "deep" if post.group("deep") else "basic" if post.group("basic") else "working"
        # "numpy, pandas and matplotlib pretty well": the whole list
        for earlier in reversed(reading.mentions[: reading.mentions.index(m)]):
            if earlier.segment < seg_index - 3 or earlier.mode not in {"know", "list"} or earlier.depth:
                break
            earlier.depth = m.depth


# "no, I meant data engineer", "no wait, SQL": the "no" takes back an earlier answer; what follows is said.
_CORRECTED_AFTER = re.compile(r"\b(?:i\s+meant|i\s+mean|actually|wait|sorry|make\s+it|scratch\s+that|correction)\b")
_ISSUER_BEFORE = re.compile(r"\b(?:aws|azure|google(?:\s+cloud)?|gcp|databricks|nvidia|microsoft)\s+$")
_ISSUER_WORD = re.compile(r"(?:aws|azure|google(?:\s+cloud)?|gcp|databricks|nvidia|microsoft)")
# "the AWS cloud practitioner", "ML engineer associate": a certification's level word close after
_LEVEL_AFTER = re.compile(r"^(?:\s+[a-z0-9-]+){0,2}?\s+(?:practitioner|associate|specialty|speciality|fundamentals"
                          r"|professional)\b")
_CERT_NEAR_AFTER = re.compile(r"^(?:\s+[a-z0-9-]+){0,4}?\s+(?:cert|certs|certificate|certification|certified|exam)\b"
                              r"|^\s+[a-z]{2,3}-?c?\d{2,3}\b")
_CERT_NEAR_BEFORE = re.compile(r"\b(?:certified|certification|certificate|cert)\s+(?:in\s+)?(?:[a-z-]+\s+){0,2}$")
_I_USE_IN = re.compile(r"\bi\s+(?:\w+\s+){0,6}?(?:in|with|using)\s+(?:[a-z]+\s+(?:and|,)\s+)?$")
_POST_DEPTH = re.compile(r"^\s*(?:(?P<deep>very\s+well|really\s+well|extremely\s+well|inside\s+out|fluently"
                         r"|wizard|ninja|guru|power\s+user"
                         r"|(?:very|really|super)\s+good|excellent)\b"
                         r"|(?P<basic>a\s+(?:little|bit)(?:\s+bit)?|little(?:\s+bit)?|so-so|only\s+basics?)(?=\s*(?:[,.;!)]|$|and\b))"
                         r"|(?:pretty|quite|fairly|reasonably)\s+well|well|good|ok|okay|decently)\b")
_SELF_ANSWER = re.compile(r"\?\s*(?:(?P<no>no|nope|not\s+really|never|none)|(?P<bit>a\s+bit|a\s+little|some|basic"
                          r"|basics)|yes|yep|yeah|sure|definitely|of\s+course)\b")
_HEARD_OF = re.compile(r"\bheard\s+(?:of|about)\s+$|\bheard\s+(?:of|about)\s+(?:\w+\s+){0,2}$")
KNOW_FIRST = re.compile(r"\b(?:i\s+know|i'm\s+(?:good|fluent|comfortable)|i\s+(?:use|used|have)|i've\s+(?:used|got))\b")


def _forgot_later(low: str, segments: list[Segment], index: int) -> bool:
    """A following clause of the same sentence says it was forgotten: "I used R at uni but forgot all of it"."""
    if not segments:
        return False
    seg = segments[index]
    for nxt in segments[index + 1 : index + 3]:
        if nxt.sentence != seg.sentence:
            break
        piece = low[nxt.start : nxt.end]
        if _FORGOT.search(piece):
            return True
    return False


def _bare_list(low: str, seg: Segment, mentions: list[Mention]) -> bool:
    """The clause is only a list of names ("python, sql, pandas", "k8s + docker"): read as skills held."""
    chars = list(low[seg.start : seg.end])
    for m in mentions:
        if m.start >= seg.start and m.end <= seg.end:
            chars[m.start - seg.start : m.end - seg.start] = " " * (m.end - m.start)
    # "frontend dev: React, TypeScript": what follows a colon is the list
    rest = re.findall(r"[a-z][a-z'#+.]*", "".join(chars).rsplit(":", 1)[-1])
    return len([w for w in rest if w.strip(".") not in _LIST_WORDS and w.strip(".") not in OTHER_TECH]) == 0


_LIST_WORDS = frozenset({"and", "or", "also", "plus", "some", "a", "bit", "of", "little", "basic", "basics", "the",
                         "skills", "skill", "stack", "tools", "etc", "with", "too", "as", "well", "mostly", "mainly",
                         "decent", "good", "strong", "solid", "advanced", "expert", "beginner", "intermediate", "level",
                         "tech", "known", "know", "knows", "years", "year", "yrs", "exp", "experience", "in", "&"})
