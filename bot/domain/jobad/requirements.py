"""Years of experience and the degree an ad asks for."""

from __future__ import annotations

import re
from bisect import bisect_right

from bot.domain.jobad.model import DEGREE_RANK, DegreeLevel
from bot.domain.jobad.placing import NICE_CUE
from bot.domain.jobad.sections import Sentence
from bot.domain.jobad.text import spaced

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_NUM = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = re.compile(
    r"(?P<pre>at least|minimum of|minimum|min\.?|over|more than|)\s{0,3}" + _NUM.replace("(", "(?P<a>", 1)
    + r"\s{0,3}(?:\+|plus)?\s{0,3}(?:(?:-|to|or)\s{0,3}" + _NUM.replace("(", "(?P<b>", 1) + r"\s{0,3}\+?\s{0,3})?"
    r"(?P<unit>years?|yrs?)\b(?P<post>[^.;\n]{0,50})"
)
_YEARS_BAD_POST = re.compile(r"^\s*(?:old|ago|of age|degree|program|course|contract|in business|warranty)")
_YEARS_BAD_PRE = re.compile(r"(?:founded|for the past|since|been around|we've been|over the last|in the last"
                            r"|within|next|first|after)\s*$")


def read_years(low: str, sentences: list[Sentence], asking: list[tuple[int, int]]) -> tuple[float | None, float | None]:
    """(years_min, years_max): the largest minimum asked for outside nice-to-have text, with its upper bound."""
    best: tuple[float, float | None] | None = None
    starts = [s.start for s in sentences]
    for start, end in asking:
        kind = _kind_at(sentences, starts, start)
        for m in _YEARS.finditer(low, start, end):
            pre_text = low[max(start, m.start() - 25) : m.start("a")]
            if _YEARS_BAD_POST.match(m.group("post")) or _YEARS_BAD_PRE.search(pre_text):
                continue
            if low[m.start("a") - 1 : m.start("a")] in {"-", "."} and m.start("a") > 0:
                continue
            plus = "+" in low[m.end("a") : m.start("unit")] or "plus" in low[m.end("a") : m.start("unit")]
            post = m.group("post")
            if not (plus or m.group("pre") or m.group("b") or re.match(
                    r"\s*(?:of|in|with|as|building|working|doing|applying|leading|hands-on|industry|professional"
                    r"|experience|exp|\)|$|\.|,)", post)):
                continue
            a = _num(m.group("a"))
            b = _num(m.group("b")) if m.group("b") else None
            if a is None or a > 30 or (b is not None and (b < a or b > 40)):
                continue
            if kind != "nice" and (best is None or a > best[0]):
                best = (a, b)
    return best if best is not None else (None, None)


def _num(word: str) -> float | None:
    """A figure or number word as a float; None when it is neither."""
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _kind_at(sentences: list[Sentence], starts: list[int], pos: int) -> str:
    """The section kind of the sentence at pos ("intro" before the first)."""
    k = bisect_right(starts, pos) - 1
    return sentences[k].kind if k >= 0 else "intro"


_DEGREE_LEVELS: list[tuple[DegreeLevel, re.Pattern[str]]] = [
    (DegreeLevel.phd, re.compile(r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral degree\b")),
    (DegreeLevel.master, re.compile(
        r"\bmaster'?s\b|\bmasters?(?=\s+(?:in|degree|of))|\bm\.?sc\b|\bm\.s\.|\bms(?=\s*(?:in|or|degree|/|,))"
        r"|\bmeng\b|\bmba\b")),
    (DegreeLevel.bachelor, re.compile(
        r"\bbachelor'?s?\b|\bb\.?sc\b|\bb\.s\.|\bbs(?=\s*(?:in|or|degree|/|,))|\bba\b(?=\s+in)|\bbeng\b"
        r"|\bundergraduate degree\b|\bdegree\b")),
]
_NO_DEGREE = re.compile(spaced(
    r"\bno (?:college |university |formal )?degree\b|\bdegree (?:is )?not required\b"
    r"|\bwithout a degree\b|\bdon't need a degree\b|\bdegrees? (?:are|is) not (?:needed|required)"
))
_DEGREE_STUDENT = re.compile(r"\b(?:pursuing|enrolled|studying|student|currently|final year|last year)\b")
_DEGREE_STUDENT_AFTER = re.compile(r"^(?:'s)?\s*(?:students?|programmes?|programs?|candidates?|interns?)\b")
_EQUIVALENT = re.compile(spaced(
    r"\bor equivalent\b|\bequivalent (?:practical |work |professional )?experience\b"
    r"|\bor similar experience\b|\bnot required\b|\bbut not required\b"
))


def read_degree(low: str, sentences: list[Sentence]) -> tuple[DegreeLevel | None, bool | None]:
    """(lowest degree asked, required?): preferred when the sentence is soft or allows equivalent experience."""
    required: list[DegreeLevel] = []
    preferred: list[DegreeLevel] = []
    none_said = False
    for sent in sentences:
        if sent.kind == "ignore":
            continue
        text = low[sent.start : sent.end]
        if _NO_DEGREE.search(text):
            none_said = True
            continue
        levels: list[DegreeLevel] = []
        for level, pattern in _DEGREE_LEVELS:
            for m in pattern.finditer(text):
                if _DEGREE_STUDENT_AFTER.match(text[m.end() : m.end() + 15]):
                    continue
                if _DEGREE_STUDENT.search(text[max(0, m.start() - 40) : m.start()]):
                    continue
                if m.group(0) == "degree" and levels:
                    continue  # "Master's degree": the level is already named
                levels.append(level)
        if not levels:
            continue
        lowest = min(levels, key=lambda lv: DEGREE_RANK[lv])
        soft = sent.kind == "nice" or bool(NICE_CUE.search(text)) or bool(_EQUIVALENT.search(text))
        (preferred if soft else required).append(lowest)
    if required:
        return min(required, key=lambda lv: DEGREE_RANK[lv]), True
    if preferred:
        return min(preferred, key=lambda lv: DEGREE_RANK[lv]), False
    if none_said:
        return DegreeLevel.none, False
    return None, None
