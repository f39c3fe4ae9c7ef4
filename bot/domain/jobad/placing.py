"""Placing each skill mention: required, nice to have (cues and their reach) or dropped (blurb, perks, negation)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from bot.domain.jobad.sections import Sentence
from bot.domain.jobad.skills import Mention
from bot.domain.jobad.text import spaced

WINDOW = 160  # characters a mention's clause context may reach on each side
_NEG = re.compile(spaced(
    r"\b(?:no|not|never|without|don't need|do not need|doesn't need|don't have to|no need|isn't needed)\b"
    r"(?!\s+(?:only|just|limited|afraid|shy))"
))
NICE_CUE = re.compile(spaced(
    r"nice[- ]to[- ]haves?|good[- ]to[- ]haves?|\bnice\b|\bbonus(?: points)?\b|\bpluses\b|\ba plus\b|\bplus if\b"
    r"|\bextra credit\b|\bpreferred\b|\bpreferably\b|\bideally\b|\bdesirable\b|\bdesired\b|\badvantage(?:ous)?\b"
    r"|\bwould be (?:great|nice|helpful|a plus)\b|\bgreat if\b|\bhelpful\b|\boptional\b|\bnot required\b"
    r"|\bnot essential\b|\bnot a must\b|\bnot mandatory\b|\bwe'd love\b|\bwe would love\b|\bis a plus\b"
    r"|\bdifferentials?\b|\bbeneficial\b|\bappreciated\b|\bstand out\b"
))
# Cues that speak for what follows them, wherever they stand in the sentence.
_LEADING_CUE = re.compile(spaced(
    r"ideally\b|preferably\b|bonus if\b|plus if\b|great if\b|even better if\b|we'd love\b"
    r"|(?:would be |it'd be )?(?:nice|great|helpful|a plus) if\b"
    r"|we would love\b|extra credit (?:if|for)\b|bonus points (?:if|for)\b"
))
_BLURB_COMPANY = re.compile(spaced(
    r"\bwe\b|\bwe're\b|\bwe've\b|\bour\b|\bus\b|\bfounded\b|\bbacked\b|\bheadquartered\b|\bcustomers\b"
    r"|\bclients\b|\bmillion\b|\bstartup\b|\bon a mission\b|\binvestors\b|\bhelps\b|\bbuilds\b|\bdevelops\b"
    r"|\bprovides\b|\bserves\b|\bconnects\b|\bpowers\b|\bis the place\b|\bis (?:a|an|the) (?:leading|fast|global)"
))
_BLURB_OVERRIDE = re.compile(spaced(
    r"\byou\b|\byour\b|\byou'll\b|\byou've\b|\byou're\b|\bexperience\b|\brequire|\bmust\b|\bshould\b"
    r"|\bwe need\b|\blooking for\b|\bwe'd like\b|\bskills?\b|\bknowledge\b|\bfamiliar|\bproficien|\byears?\b"
    r"|\bcandidate"
))
_PERKS = re.compile(spaced(
    r"equal opportunity|without regard|regardless of|discriminat|protected veteran|qualified applicants|"
    r"\bbenefits\b|we offer|health insurance|\bdental\b|401\(?k|\bpto\b|paid leave|holiday|vacation|parental leave"
    r"|stock options|home office budget|learning budget|relocation|visa sponsorship|\bgym\b|\blunch\b|pension"
    r"|\bmedical\b|annual leave|equity\b|salary|pay range|base pay|compensation|send your (?:cv|resume)|apply\b"
))
_DEGREE_SUBJECT = re.compile(
    r"\b(?:degree|bachelor'?s?|master'?s?|ph\.?d|doctorate|bsc|msc|b\.s\.|m\.s\.|bs|ms|ba|ma|beng|meng|mba)"
    r"(?:\s+degree)?\s+(?:in|of)\b"
)
_DEGREE_SUBJECT_END = re.compile(r"related|similar|equivalent|quantitative field|\bwith\b|\band \d|\bplus\b|;|\.\s"
                                 r"|,\s+(?:good|strong|solid|excellent|proven|deep|some|hands-on|fluent|working)\b")


def place_mentions(low: str, sentences: list[Sentence], mentions: list[Mention]) -> list[tuple[int, int]]:
    """Set each mention's level; return the spans of sentences read as asking something (for unknown skills)."""
    starts = [s.start for s in sentences]
    asking: list[tuple[int, int]] = []
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        k = bisect_right(starts, m.start) - 1
        if k < 0 or m.start >= sentences[k].end:
            m.level = "drop"
            continue
        by_sentence.setdefault(k, []).append(m)
    for k, sent in enumerate(sentences):
        ms = by_sentence.get(k, [])
        text = low[sent.start : sent.end]
        if sent.kind == "ignore" or (_PERKS.search(text) and not NICE_CUE.search(text) and not\
                _BLURB_OVERRIDE.search(text)):
            for m in ms:
                m.level = "drop"
            continue
        if sent.kind == "intro" and _BLURB_COMPANY.search(text) and not _BLURB_OVERRIDE.search(text)\
                and not NICE_CUE.search(text):
            for m in ms:
                m.level = "drop"
            continue
        if _PERKS.search(text) and not _BLURB_OVERRIDE.search(text):
            for m in ms:
                m.level = "drop"
            continue
        asking.append((sent.start, sent.end))
        if not ms:
            continue
        _place_in_sentence(low, sent, ms)
    return asking


def _structure(low: str, start: int, end: int) -> tuple[list[int], list[tuple[int, int]]]:
    """Depth-0 clause cuts (commas, colons, 'but') and the parenthesised spans of a sentence."""
    cuts: list[int] = []
    parens: list[tuple[int, int]] = []
    depth, open_at = 0, -1
    for i in range(start, end):
        c = low[i]
        if c == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                parens.append((open_at, i))
        elif depth == 0 and c in ",:":
            cuts.append(i)
    if depth:
        parens.append((open_at, end))
    for m in re.finditer(r"\bbut\b", low[start:end]):
        cuts.append(start + m.start())
    cuts.sort()
    return cuts, parens


@dataclass
class _InSentence:
    """One sentence as the placing reads it: clause cuts, parentheses, mentions blanked, nice ranges marked."""

    low: str
    sent: Sentence
    cuts: list[int]
    parens: list[tuple[int, int]]
    paren_starts: list[int]
    masked: str  # the sentence with its mentions blanked, so cue words inside a phrase do not count
    positions: list[int]  # mention starts
    marks: list[int]  # difference array: +1 at the first nice index of a range, -1 after its last

    def mark(self, lo_pos: int, hi_pos: int) -> None:
        """Mentions starting in [lo_pos, hi_pos) are nice."""
        i, j = bisect_left(self.positions, lo_pos), bisect_left(self.positions, hi_pos)
        if i < j:
            self.marks[i] += 1
            self.marks[j] -= 1


def _place_in_sentence(low: str, sent: Sentence, ms: list[Mention]) -> None:
    """Level of each mention of one sentence; index ranges and bisection keep it O(n log n) in the sentence."""
    cuts, parens = _structure(low, sent.start, sent.end)
    # Mask the mentions so cue words inside a phrase do not count.
    chars = list(low[sent.start : sent.end])
    for m in ms:
        for i in range(m.start - sent.start, min(m.end, sent.end) - sent.start):
            chars[i] = " "
    masked = "".join(chars)
    cues = [(sent.start + c.start(), sent.start + c.end()) for c in NICE_CUE.finditer(masked)]
    view = _InSentence(low, sent, cuts, parens, [a for a, _ in parens], masked, [m.start for m in ms],
                       [0] * (len(ms) + 1))
    if sent.kind == "nice":
        view.mark(sent.start, sent.end + 1)
    for cue_start, cue_end in cues:
        _mark_cue(view, cue_start, cue_end)
    _set_levels(view, ms)


def _mark_cue(view: _InSentence, cue_start: int, cue_end: int) -> None:
    """Mark the mentions a nice-to-have cue speaks for: forward, back over its clause and list, or its parenthesis."""
    low, sent, cuts, parens, positions = view.low, view.sent, view.cuts, view.parens, view.positions
    # Inside parentheses, the cue speaks for its parenthesis, or for the clause just before an empty one.
    k = bisect_right(view.paren_starts, cue_start) - 1
    if k >= 0 and parens[k][0] < cue_start < parens[k][1]:
        p_open = parens[k][0]
        if bisect_left(positions, cue_start) > bisect_right(positions, p_open):
            view.mark(p_open + 1, cue_start)
        else:
            view.mark(_cut_before(cuts, p_open, sent.start), p_open)
        return
    before_i = bisect_left(positions, cue_start)
    skip = _SKIP_PUNCT.match(low, cue_end, sent.end)
    after_cue = skip.end() if skip else cue_end  # "ideally, dbt": the comma does not end its reach
    if _LEADING_CUE.match(low, cue_start) and before_i < len(positions) and positions[before_i] < _cut_after(
            cuts, after_cue, sent.end):
        # A cue that speaks forward ("..., and ideally LLM evals", "Python, preferably with pandas"): what
        # follows it is nice, what came before it stays as it was.
        view.mark(cue_start, _contrast_after(low, cue_end, sent.end))
        return
    followed_by_colon = low[cue_end : cue_end + 2].lstrip().startswith(":")
    left = _cut_before(cuts, cue_start, sent.start)
    has_before = bisect_left(positions, left) < before_i
    if has_before and not followed_by_colon:
        # A trailing cue ("Spark is a plus"): the clause before it, and the list it ends ("Tableau, Looker
        # or Power BI preferred": clauses that are nothing but skills reach back with it).
        view.mark(_list_start(view.masked, cuts, left, sent.start, positions, cue_start), cue_start)
    elif not has_before and not followed_by_colon and before_i > 0:
        # ... and a clause with no skill of its own reaches back one clause ("Docker, experience a plus").
        reach = _cut_before(cuts, left - 1, sent.start) if left > sent.start else sent.start
        reach = max(reach, cue_start - WINDOW)
        if bisect_left(positions, reach) < before_i:
            view.mark(reach, cue_start)
        else:
            view.mark(cue_start, sent.end + 1)
    else:
        view.mark(cue_start, _contrast_after(low, cue_end, sent.end))  # a leading cue ("Bonus: ...", "Ideally ...")


def _set_levels(view: _InSentence, ms: list[Mention]) -> None:
    """Each mention's level: dropped when negated in its clause or the subject of a degree, else nice or required."""
    low, sent, cuts = view.low, view.sent, view.cuts
    negs = [(sent.start + c.start(), sent.start + c.end()) for c in _NEG.finditer(view.masked)]
    neg_starts = [a for a, _ in negs]
    subjects = _merge(_degree_subject_spans(view.masked, sent.start))
    subject_starts = [a for a, _ in subjects]
    running = 0
    for i, m in enumerate(ms):
        running += view.marks[i]
        left = max(_cut_before(cuts, m.start, sent.start), m.start - WINDOW)
        k = bisect_left(neg_starts, m.start) - 1
        negated = k >= 0 and negs[k][0] >= left and negs[k][1] <= m.start and not re.match(
            r"\s*(?:only|just|matter)\b", low[negs[k][1] : negs[k][1] + 8])
        j = bisect_right(subject_starts, m.start) - 1
        in_subject = j >= 0 and subjects[j][0] <= m.start < subjects[j][1]
        if negated or in_subject:
            m.level = "drop"
        elif running > 0:
            m.level = "nice"
        else:
            m.level = "required"


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of spans."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


_CONTRAST = re.compile(r"\b(?:but|however|whereas|while|though|although)\b")


def _contrast_after(low: str, pos: int, end: int) -> int:
    """Where a leading cue's reach ends: at a contrast ("bonus if X, but Y is a must"), else after the sentence."""
    m = _CONTRAST.search(low, pos, end)
    return m.start() if m else end + 1


_SKIP_PUNCT = re.compile(r"[\s,:;-]*")
_LIST_GLUE = re.compile(r"^(?:\s|-|&|/|\b(?:and|or|etc|is|are|would be|also|both|all)\b\.?)*$")


def _list_start(masked: str, cuts: list[int], left: int, floor: int, positions: list[int], cue: int) -> int:
    """Reach back from `left` over clauses that hold a skill and nothing else ("Tableau, Looker or Power BI
    preferred"), when the cue's own clause is such a list item too; `masked` starts at `floor`."""
    base = floor
    if not _LIST_GLUE.match(masked[(left + 1 if left > floor else floor) - base : cue - base]):
        return left
    while left > floor:
        prev = _cut_before(cuts, left, floor)
        segment = masked[(prev + 1 if prev > floor else floor) - base : left - base]
        has_skill = bisect_left(positions, prev) < bisect_left(positions, left)
        if not has_skill or not _LIST_GLUE.match(segment):
            break
        left = prev
    return left


def _cut_after(cuts: list[int], pos: int, ceiling: int) -> int:
    """The first clause cut at or after pos, else the ceiling."""
    k = bisect_left(cuts, pos)
    return cuts[k] if k < len(cuts) and cuts[k] < ceiling else ceiling


def _cut_before(cuts: list[int], pos: int, floor: int) -> int:
    """The last clause cut before pos, else the floor."""
    k = bisect_left(cuts, pos) - 1
    return cuts[k] if k >= 0 and cuts[k] >= floor else floor


def _degree_subject_spans(masked: str, base: int) -> list[tuple[int, int]]:
    """Spans that are the subject of a degree ("BSc in statistics"): skills there are not asked for."""
    spans = []
    for m in _DEGREE_SUBJECT.finditer(masked):
        end_m = _DEGREE_SUBJECT_END.search(masked, m.end(), min(len(masked), m.end() + WINDOW))
        spans.append((base + m.end(), base + (end_m.start() if end_m else min(len(masked), m.end() + WINDOW))))
    return spans
