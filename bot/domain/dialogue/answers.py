"""Reading typed answers: numbers, yes/no, refusals and the per-field text parsers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from bot import texts
from bot.domain.dialogue.turn import NEXT, _role_domains, _short, _Turn
from bot.domain.understanding import (
    named_ids,
)

# The units a number may carry at each numeric question, as people abbreviate them ("4 yrs", "10hrs/wk", "$300").
_UNITS: dict[str, str] = {
    "hours": r"(?:h|hrs?|hours?)(?:\s*(?:/|a|per|each|every|p)\s*(?:w|wk|wks|week))?|(?:/|a|per)\s*(?:w|wk|week)",
    "years": r"y|yrs?|years?|yoe|years?\s+(?:of\s+)?(?:exp|experience)|yrs?\s+(?:of\s+)?(?:exp|experience)",
    "budget": r"usd|\$|dollars?|bucks",
}


_NUMBER_WORDS: dict[str, int] = {
    word: n for n, word in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ])
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "a": 1, "an": 1, "a couple": 2, "a couple of": 2}


_NUMBER_WORD = re.compile(
    r"^\s*(?:about|around|roughly|maybe|like)?\s*(a\s+couple(?:\s+of)?|an?|[a-z]+)(?:[\s-]+([a-z]+))?\b"
)


def _spelled_out(text: str) -> str:
    """The text with a leading number in words as digits ("ten years" -> "10 years", "twenty-five" -> "25")."""
    low = text.lower()
    match = _NUMBER_WORD.match(low)
    if match is None or match.group(1) not in _NUMBER_WORDS:
        return text
    value, end = _NUMBER_WORDS[match.group(1)], match.end(1)
    unit = match.group(2)
    if unit in _NUMBER_WORDS and 20 <= value <= 60 and value % 10 == 0 and 0 < _NUMBER_WORDS[unit] < 10:
        value, end = value + _NUMBER_WORDS[unit], match.end(2)  # "twenty-five"
    rest = low[end:]
    if match.group(1) in {"a", "an", "a couple", "a couple of"} and not rest.strip():
        return text  # a bare "a" is no amount
    return f"{value}{rest}"


def _number(text: str, step_name: str | None = None) -> float | None:
    """A bare number ("12", "12.5", "ten"), or one with the question's unit ("12 h", "4 yrs", "ten years"), or None."""
    units = _UNITS.get(step_name or "", r"h|hrs?|hours?|years?|y|usd|\$|dollars?")
    match = re.fullmatch(
        r"\s*\$?\s*(\d{1,6}(?:[.,]\d+)?)\s*(?:" + units + r")?\s*[.!]?\s*", _spelled_out(text).lower()
    )
    return float(match.group(1).replace(",", ".")) if match else None


def _parse_not_sure(turn: _Turn, text: str) -> str | None:
    cleaned = text.strip().lower().rstrip(".!")
    if cleaned in {"not sure", "no idea", "dunno", "don't know", "idk", "?", "i don't know", "not sure yet"}:
        return "role:unsure"
    return "role:unsure" if _no_preference(text) and not named_ids(text, turn.catalog, "role") else None


def _parse_no_preference(turn: _Turn, text: str) -> str | None:
    words = {"no preference", "none", "any", "anything", "no", "not sure", "don't know", "whatever"}
    if text.strip().lower() in words or _no_preference(text) or yes_no(text) == "no":
        return "domain:none"  # "Any specialisation in mind?" - "nope"
    # The specialisation step never changes the role: "nlp" here is the NLP specialisation.
    offered = _role_domains(turn)
    named = [d for d in named_ids(text, turn.catalog, "domain") if d in offered] or [
        d for d in named_ids(text, turn.catalog, "domain") if d in turn.catalog.domain_by_id
    ]
    return _short("domain", named[0]) if named else None


# A bare "none" at a question that offers an empty choice picks it ("none" at education is "No degree").
_NONE_ANSWER = re.compile(r"\s*(?:none|nothing|no|nope|nah|n/?a|neither|zero|no\s+(?:degree|diploma|education)"
                          r"(?:\s+at\s+all)?|none\s+(?:at\s+all|really)|not\s+applicable)\s*[.!]*\s*", re.IGNORECASE)


# A degree said bare at the education question ("master", "ms", "BA", "a bachelors"): in free text such short
# words mean other things ("scrum master", "MS Office"), as an answer to this question they mean the degree.
_BARE_DEGREE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phd", re.compile(r"ph\.?\s?d|doctorate|doctoral|dphil")),
    ("master", re.compile(r"masters?|master'?s|m\.?sc?|m\.?a|mba|meng|mphil|grad(?:uate)?\s+school")),
    ("bachelor", re.compile(r"bachelors?|bachelor'?s|b\.?sc?|b\.?a|beng|b\.?tech|undergrad(?:uate)?|college|uni"
                            r"|university")),
    ("high_school", re.compile(r"high\s?school|hs|secondary(?:\s+school)?|ged|a[- ]levels?")),
    ("bootcamp", re.compile(r"boot\s?-?camp")),
)
_DEGREE_FRAME = re.compile(r"\s*(?:(?:i\s+have|i've\s+got|i\s+got|just|only|a|an|my)\s+)*(?P<d>.+?)"
                           r"(?:\s+(?:degree|diploma|grad(?:uate)?|only))?\s*[.!]*\s*", re.IGNORECASE)


def _parse_education(turn: _Turn, text: str) -> str | None:
    """"none", "no", "n/a": No degree; a bare degree ("master", "BSc"); longer answers are read by understanding."""
    head = re.split(r"[,;:.!?(-]", text, maxsplit=1)[0]
    if _NONE_ANSWER.fullmatch(head) or _NONE_ANSWER.fullmatch(text):
        return "education:none"
    framed = _DEGREE_FRAME.fullmatch(text.strip().lower())
    said = framed.group("d") if framed else ""
    return next((f"education:{value}" for value, pattern in _BARE_DEGREE if pattern.fullmatch(said)), None)


# Words a job title does not start with: an answer or a judgement ("not so important", "maybe later", "idk").
_NOT_A_TITLE = re.compile(r"\s*(?:not|no|never|very|so|too|quite|maybe|probably|perhaps|idk|dunno|whatever|why|what"
                          r"|how|who|when|where|is|are|do|does|can|could|should|would|will|it|that|this|i|i'?m|im|we"
                          r"|yes|yeah|ok|okay|sure|thanks?|please|later|hmm+|lol|haha)\b", re.IGNORECASE)


_NO_JOB = re.compile(r"\s*(?:(?:i'?m|im|i\s+am|currently|right\s+now|at\s+the\s+moment)[\s,]+)*(?:none|nothing|no"
                     r"|no\s+job|not\s+working(?:\s+(?:now|right\s+now|currently|at\s+the\s+moment))?|unemployed"
                     r"|jobless|between\s+jobs|out\s+of\s+work|looking\s+for\s+(?:a\s+)?(?:job|work)|n/?a)\s*[.!]*\s*",
                     re.IGNORECASE)


def _parse_job(turn: _Turn, text: str) -> str | None:
    """"none", "unemployed", "i'm not working right now": the "Not working now" option."""
    return "job:none" if _NO_JOB.fullmatch(text) else None


def _job_fallback(turn: _Turn, text: str) -> str | None:
    """Any short text with letters reads as a job title, stored as said; answers and remarks do not."""
    title = " ".join(text.split())
    if not re.search(r"[^\W\d_]", title) or len(title) > 80 or "?" in title or _NOT_A_TITLE.match(title):
        return None
    turn.profile.current_role = title
    turn.answer("job")
    return NEXT


def _parse_years(turn: _Turn, text: str) -> str | None:
    years = _number(text, "years")
    if years is None and re.fullmatch(
        r"\s*(?:none|zero|no(?:ne)?\s+(?:yet|experience)?|nothing|no|internships?(?:\s+only)?|only\s+(?:an?\s+)?internships?"
        r"|just\s+(?:an?\s+)?internships?|less\s+than\s+(?:a|1|one)\s+year|not\s+yet|never)\s*[.!]?\s*",
        text.lower(),
    ):
        years = 0
    return f"years:{years:g}" if years is not None else None


def _parse_no_skills(turn: _Turn, text: str) -> str | None:
    return "skills:done" if text.strip().lower() in {"none", "nothing", "none yet", "no", "done"} else None


def _parse_hours(turn: _Turn, text: str) -> str | None:
    hours = _number(text, "hours")
    return f"hours:{hours:g}" if hours is not None else None


def _parse_deadline(turn: _Turn, text: str) -> str | None:
    cleaned = text.strip().lower()
    if cleaned in {"no deadline", "none", "no", "no rush", "whenever"}:
        return "deadline:none"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        return f"deadline:{cleaned}"
    months = re.fullmatch(r"(\d{1,3})\s*(?:m|mo|months?)?", cleaned)
    return f"deadline:{months.group(1)}" if months else None


def _parse_budget(turn: _Turn, text: str) -> str | None:
    cleaned = text.strip().lower()
    if cleaned.rstrip(" .!") in {"free", "free only", "nothing", "0", "$0", "nada", "zilch", "zip", "zero", "no $"}:
        return "budget:0"
    if cleaned in {"no limit", "unlimited", "any", "whatever it takes"}:
        return "budget:none"
    amount = _number(cleaned, "budget")
    return f"budget:{amount:g}" if amount is not None else None


def yes_no(text: str) -> str | None:
    """'yes' or 'no' for the many ways people say them ("ok sure", "I guess so", "no, I'd rather build projects")."""
    cleaned = " ".join(re.sub(r"[!.?,;:()]+", " ", text.strip().lower().replace("’", "'")).split())
    if not cleaned:
        return None
    if cleaned in texts.YES_WORDS or cleaned in texts.YES_EXACT:
        return "yes"
    if cleaned in texts.NO_WORDS:
        return "no"
    for word in _NO_STARTS:
        if cleaned == word or cleaned.startswith(word + " "):
            return "no"
    for word in _YES_STARTS:
        if cleaned == word or cleaned.startswith(word + " "):
            return "yes"
    return None


_NO_STARTS = sorted(texts.NO_STARTS, key=len, reverse=True)


_YES_STARTS = sorted(texts.YES_STARTS, key=len, reverse=True)


def _no_preference(text: str) -> bool:
    """"whatever gets me hired fastest", "no idea", "up to you", "no pref": the learner leaves the choice to us."""
    cleaned = " ".join(re.sub(r"[!.?,;:]+", " ", text.strip().lower()).split())
    cleaned = re.sub(r"\b(?:pref|prefs|preferance|prefrence|preferece)\b", "preference", cleaned)
    return any(cleaned == w or cleaned.startswith(w + " ") for w in texts.NO_PREFERENCE_WORDS)


def _parse_yes_no(prefix: str) -> Callable[[_Turn, str], str | None]:
    """A parser mapping yes/no answers to `<prefix>:yes` / `<prefix>:no`."""

    def parse(turn: _Turn, text: str) -> str | None:
        answer = yes_no(text)
        return f"{prefix}:{answer}" if answer else None

    return parse


def _parse_certificates(turn: _Turn, text: str) -> str | None:
    """Yes/no; "whatever gets me hired fastest" is a no: portfolio projects first, certificates are optional."""
    answer = yes_no(text)
    if answer is None and _no_preference(text):
        answer = "no"
    return f"certificates:{answer}" if answer else None


def _parse_summary(turn: _Turn, text: str) -> str | None:
    """"make plan", "ok make it", "sure": make the plan."""
    return "plan:make" if yes_no(text) == "yes" else None


def _parse_done(turn: _Turn, text: str) -> str | None:
    """"show my plan" shows it; "new plan", "plan again" plans again."""
    cleaned = text.strip().lower()
    if re.fullmatch(r"(?:show|see|view|open)(?:\s+(?:me\s+)?(?:my|the))?(?:\s+plan)?[.!]?|(?:my\s+)?plan\??", cleaned):
        return "plan:show"
    if re.fullmatch(r"(?:make\s+(?:a\s+|the\s+|my\s+)?(?:new\s+)?plan|new\s+plan|plan\s+again|re-?plan)[.!]?", cleaned):
        return "plan:make"
    return None


# "skip", "idk", "whatever", "🤷": the learner passes on the question (the whole message, nothing else in it).
_SKIP = re.compile(
    r"\s*(?:(?:ok(?:ay)?|um+|hm+|eh|honestly|sorry|lol)[\s,]+)?"
    r"(?:skip(?:\s+(?:it|this|this\s+one|that|for\s+now))?|pass|next(?:\s+question)?|idk|idc|dunno|i\s+dunno"
    r"|(?:i\s+)?(?:really\s+)?(?:don'?t|dont|do\s+not)\s+(?:really\s+)?(?:know|care)|no\s+(?:idea|clue)|not\s+sure"
    r"|whatever|who\s+knows|(?:i'?d\s+)?(?:rather|prefer)\s+not\s+(?:to\s+)?(?:say|answer)|later|ask\s+me\s+later"
    r"|n/?a|-+|(?:🤷[\u200d\u2640\u2642\ufe0f\U0001F3FB-\U0001F3FF]*\s*)+)"
    r"\s*(?:(?:sorry|lol|haha|tbh)\s*)?[.!…]*\s*(?:🤷[\u200d\u2640\u2642\ufe0f\U0001F3FB-\U0001F3FF]*\s*)*",
    re.IGNORECASE,
)


def _undecorated(text: str) -> str:
    """The words of a message without decorative emoji ("💻 dev", "3 😅" -> "dev", "3"); an emoji-only message is
    kept as sent, since there the emoji is the answer ("🤷", "👍")."""
    kept = "".join(" " if unicodedata.category(c) in {"So", "Sk", "Cs"} or c in _EMOJI_JOINERS else c for c in text)
    return " ".join(kept.split()) if re.search(r"\w", kept) else text


_EMOJI_JOINERS = frozenset("\u200d\ufe0f\ufe0e\u20e3")


def _refusal(text: str) -> bool:
    """ "no", "nope", "none", "neither", "0": the learner turns every option down."""
    return (yes_no(text) == "no" or _NONE_ANSWER.fullmatch(text) is not None or text.strip() == "0"
            or _NONE_OF_THESE.fullmatch(text) is not None)


_NONE_OF_THESE = re.compile(r"\s*(?:none|neither|nothing)\s+(?:of\s+)?(?:these|them|those|the\s+above|really)"
                            r"(?:\s+really)?\s*[.!]*\s*", re.IGNORECASE)


# A bare number at a numeric question is in that question's unit: "about 3" at years, "6-8" at hours.
_STEP_UNITS: dict[str, str] = {"hours": " hours a week", "years": " years of experience", "budget": " dollars in total"}
