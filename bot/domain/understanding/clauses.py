"""Sentences and clauses of a message, and the cue words that say what a clause asserts."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[!?;\n]+|\.(?=\s|$)|\s[-*•]\s")
_SEGMENT_SPLIT = re.compile(
    r",|\(|\)|\b(?P<contrast>but|though|although|however|whereas|except)\b"
    r"|\b(?:and|so|also)\b(?=\s+(?:i|i'm|im|i've|i'd|my)\b)"
)
NEG_CUE = re.compile(
    r"\b(?:no|not|never|don't|dont|do not|doesn't|haven't|havent|have not|hasn't|didn't|zero|without|lack"
    r"|lacking|can't|cannot|unfamiliar|unknown|nothing|nor|neither|forgot|forgotten)\b"
    r"(?!\s+(?:much|a lot|great|very|that|so|too|an expert|expert|super|only|just|sure|bad|limit|budget))"
)
POST_NEG = re.compile(r"^\s*(?:[:=-]\s*)?(?:no|none|nope|not yet|never|0|zero)\b")
POST_KNOW = re.compile(r"^\s*(?:[:=-]\s*)?(?:yes|yep|ok|okay|fine|good|solid|strong|decent|done|fluently"
                       r"|(?:total|complete|absolute)\s+(?:beginner|novice|noob|newbie)"
                       r"|(?:very|pretty|quite|really)\s+well|(?:is|are)\s+(?:a\s+bit\s+|quite\s+|very\s+|pretty\s+)?rusty|✓|✔|✅)\b"
                       r"|^\s*(?:is|are)\s+"
                       r"(?:fine|ok|okay|good|solid|strong|decent|my\s+(?:daily|main|everyday)|what\s+i\s+use)")
POST_KNOW_LIST = re.compile(r"^(?:\s*(?:,|and|&|\+)\s*[\w .+#-]{1,25}?)\s+(?:is|are)\s+(?:fine|ok|okay|good"
                            r"|solid|strong|"
                            r"decent|my\s+(?:daily|main|everyday)|what\s+i\s+use)")
LEARN_CUE = re.compile(
    r"\b(?:learn|learning|study|studying|pick up|get better at|improve|master|get into|dive into|explore"
    r"|teach me|wanna|want|wants|would like|i'd like|hope|plan|planning|aim|goal|interested in|curious"
    r"|eager|excited|dream|need to|needs to|should i|practice|practise|course|courses|cert\w*|build)\b"
)
KNOW_CUE = re.compile(
    r"\b(?:know|knows|knew|familiar|experience|experienced|used|use|using|worked|work with|comfortable"
    r"|proficient|fluent|good at|good with|decent|skills?|skilled|background|code in|coding in|coding|written"
    r"|wrote|built|did|done|have|i've|ive|strong|solid|basic|basics|some|bit of|little|expert|exposure"
    r"|stack|tools|daily|every\s+day|at\s+work|day[- ]to[- ]day|self[- ]taught|doing|write|writing|analy[sz]e\w*"
    r"|program\w*|script\w*|all\s+day|a\s+ton|lots\s+of|a\s+lot\s+of|for\s+everything|just\s+started|started\s+with"
    r"|wizard|ninja|guru|power\s+user|in\s+prod(?:uction)?)\b"
)
INTEREST_CUE = re.compile(
    r"\b(?:interest\w*|focus\w*|speciali[sz]\w*|work on|working on|work in|into|passion\w*|love|like"
    r"|domain|field|area|build\w*|industry|fascinated|curious|want|wanna|would like|dream|goal)\b"
)
FASCINATION = re.compile(r"\b(?:fascinat\w*|enjoy\w*|especially|passion\w*|love|fun|cool|exciting|interesting)\b")
GOAL_CUE = re.compile(
    r"\b(?:i'd\s+love|love\s+to|go\s+into|going\s+into|move\s+into|want|wanna|would like|i'd like|become"
    r"|becoming|goal|aim|aiming|target|dream|hope|plan"
    r"|switch|transition|move|moving|pivot|get into|break into|land|career|job as|role as|position"
    r"|interested|looking|trying|to be)\b"
)


LIST_JOIN = re.compile(r"[\s,]*(?:(?:and|or|nor|&|\+|plus|also|such as|like|e\.g\.|including)\s+)?(?:\w+\s+){0,3}")


@dataclass
class Segment:
    """A clause of the message: its span, sentence and whether it opened with a contrast ('but')."""

    start: int
    end: int
    sentence: int
    contrast: bool


def split_segments(low: str) -> list[Segment]:
    """Split into sentences, then commas and 'but'-like joints."""
    out: list[Segment] = []
    sentence_start = 0
    for sentence, end_match in enumerate([*_SENTENCE_END.finditer(low), None]):
        sentence_end = end_match.start() if end_match else len(low)
        start, contrast = sentence_start, False
        for cut in _SEGMENT_SPLIT.finditer(low, sentence_start, sentence_end):
            out.append(Segment(start, cut.start(), sentence, contrast))
            start, contrast = cut.end() if cut.group("contrast") is None else cut.start(), bool(
                cut.group("contrast")
            )
        out.append(Segment(start, sentence_end, sentence, contrast))
        sentence_start = end_match.end() if end_match else len(low)
    return [s for s in out if s.end > s.start]
QUESTION_START = re.compile(r"^\W*(?:and\s+|so\s+|also\s+|but\s+)?(?:(?:what|how)\b(?!\s+(?:i|i'm|i've|i'd|we"
                            r"|really)\b)"
                             r"|(?:what's|whats|is|are|which|why|where|when|who|isn't|wdyt|any\s+idea)\b"
                             # A modal opens a question only before its subject: "would love to ..." is a wish.
                             r"|(?:do|does|should|can|could|would|will)\s+(?:i|you|we|it|this|that|there|he|she|they"
                             r"|my|the|a|an|ml|data|sql|python|[a-z]+\s+engineers?)\b)")


def question_segments(low: str, segments: list[Segment]) -> set[int]:
    """Indexes of segments that ask something ("what is pytorch", "do I need it?")."""
    out: set[int] = set()
    for i, seg in enumerate(segments):
        piece = low[seg.start : seg.end]
        ends_sentence = i + 1 == len(segments) or segments[i + 1].sentence != seg.sentence
        asked = ends_sentence and low[seg.end : seg.end + 1] == "?"
        if QUESTION_START.match(piece) or (asked and not re.search(r"\b(?:i\s+know|i'm|i\s+have|i've)\b", piece)):
            out.add(i)
    return out


CORRECTION_CUE = re.compile(
    r"\b(?:actually|correction|i\s+meant|i\s+mean|sorry,?\s+(?:i\s+meant|make\s+it|it'?s)|change\s+(?:my|the|it|that)"
    r"|update\s+(?:my|the)|make\s+(?:it|that)|"
    r"set\s+(?:my|the|it)|switch\s+(?:my|the|it|to)|instead|not\s+\d+(?:\.\d+)?\s*(?:h|hours?|months?|\$|usd|"
    r"dollars?)?\s*(?:,|but|$)|changed\s+my\s+mind|let'?s\s+(?:say|do|make\s+it)|scratch\s+that|oops|(?:^|[.,;!]\s*|\b(?:no|oh|hmm+|ok|okay)\s+)wait\b(?!\s+(?:to|for|until)\b))"
    # a new value said to hold from now on: "5 hours a week now", "now I can only do 4h"
    r"|\w\s+now\s*[.!]*\s*$|^\W*now\s+(?:it'?s|i\s+(?:can|have|only)|only)\b"
)
