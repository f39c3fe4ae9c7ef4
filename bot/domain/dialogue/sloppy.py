"""Sloppy-user rules: bare numbers, leading words and role nouns read for the step being asked."""

from __future__ import annotations

import re

from bot import texts
from bot.domain.dialogue.answers import _STEP_UNITS
from bot.domain.dialogue.turn import _role_domains, _Turn
from bot.domain.understanding import (
    GOAL_CUE,
    Facts,
    named_ids,
    normalise_numbers,
    understand,
)

# The Facts fields each question asks for: a strict answer to the question fills these, the rest of the
# message may fill any other field ("yes, and make it 8 hours a week" at the certificates question).
_OWN_FACTS: dict[str, tuple[str, ...]] = {
    "role": ("target_role",),
    "domain": ("domain", "target_role"),
    "education": ("education",),
    "job": ("current_role",),
    "years": ("years_experience",),
    "skills": ("known_skills", "unknown_skills", "skill_depth"),
    "hours": ("hours_per_week",),
    "deadline": ("deadline", "deadline_problem", "deadline_said"),
    "budget": ("budget_usd", "budget_known", "budget_monthly", "budget_foreign", "budget_problem"),
    "certificates": ("wants_certificates",),
}


_LEADING_WORD = re.compile(r"^\W*[\w']+")


# Answer phrases a strict parse may key on, longest first, and the words that may follow one in the same breath
# ("yes please", "no I don't", "sure thing") without making it part of another fact ("no degree").
_ANSWER_PHRASES = sorted({*texts.YES_STARTS, *texts.NO_STARTS, *texts.NO_PREFERENCE_WORDS, *texts.YES_WORDS,
                          *texts.NO_WORDS, *texts.YES_EXACT}, key=len, reverse=True)


_CLAUSE_START = frozenset(
    {"please", "pls", "plz", "thanks", "thank", "thx", "ty", "i", "i'm", "im", "i'd", "id", "i've", "ive", "i'll",
     "we", "it", "it's", "its", "that", "that's", "thats", "this", "sure", "thing", "definitely", "absolutely",
     "really", "not", "never", "but", "and", "because", "cause", "since", "so", "then", "though", "lol", "haha",
     "man", "dude", "mate", "just", "actually", "honestly", "tbh", "btw", "also", "why", "of", "for", "good",
     "great", "fine", "let's", "lets", "go", "do", "to", "you", "your", "sir", "problem", "worries", "way",
     "that'd", "would", "will", "can", "could", "should", "maybe", "perhaps", "probably"}
)


def _leading_word_states_fact(turn: _Turn, text: str, read: Facts) -> bool:
    """The word a strict parse keyed on belongs to a fact the message states, so it does not answer the question.

    "no degree, did some nursing school" at the specialisation question begins with "no", but that "no" is part
    of "no degree" (an education): without the word the message means something else. "no, I'd rather build
    projects" means the same without its "no", so there the "no" is the answer.
    """
    stated = _stated(read)
    if not stated:
        return False
    low = text.strip().lower().replace("’", "'")
    phrase = next((p for p in _ANSWER_PHRASES if low == p or re.match(re.escape(p) + r"(?=\W|$)", low)), None)
    if phrase is not None:
        after = low[len(phrase):]
        if not after.strip() or re.match(r"\s*[,.;:!?()-]", after):
            return False  # "no, I'd rather build projects": the answer stands apart
        if after.split()[0].strip("',.!?") not in _CLAUSE_START:
            return True  # "no degree", "nope python at all": the word qualifies what follows it
        rest = after
    else:
        rest = _LEADING_WORD.sub("", text, count=1)
    if not rest.strip(" ,.;:!?-"):
        return False
    return _stated(understand(_with_unit(turn.state.step, rest), turn.catalog, turn.today)) != stated


def _stated(facts: Facts) -> dict[str, object]:
    """What a message states, without the bookkeeping (the correction flag, midpoints); a field it asks back about
    ("no budget": free only or no limit?) counts as said."""
    stated = {k: v for k, v in facts.model_dump(exclude={"questions", "correction", "midpoints"}).items()
              if v not in (None, [], {}, False)}
    asked = sorted({q.field for q in facts.questions})
    return {**stated, "asked": asked} if asked else stated


_BARE_AMOUNT = re.compile(r"\s*(?:about|around|roughly|approximately|approx\.?|maybe|like|~|almost|nearly|over"
                          r"|at\s+least|up\s+to|max|maximum)?\s*\$?\s*\d+(?:\.\d+)?k?(?:\s*(?:-|to|or)\s*\$?\d+(?:\.\d+)?k?)?\s*"
                          r"(?:\+|ish|or\s+so|max|tops|at\s+most)?\s*[.!]?\s*", re.IGNORECASE)


# A span of time and nothing else ("half a year", "a year and a half", "2 yrs or so"), once numbers are digits.
_BARE_SPAN = re.compile(r"\s*(?:about|around|roughly|approximately|approx\.?|maybe|like|~|max|maximum|at\s+most)?\s*"
                        r"\d+(?:\.\d+)?(?:\s*(?:-|to|or)\s*\d+(?:\.\d+)?)?\s*(?:years?|yrs?|months?|mos?|mths?|weeks?"
                        r"|wks?)\s*(?:or\s+so|ish|max|tops|at\s+most|from\s+now)?\s*[.!]*\s*")


def _with_unit(step_name: str, text: str) -> str:
    """The text with the current question's unit added when it is only a number ("about 3" -> "about 3 years...").

    At the deadline question a bare span of time is how long from now ("a year and a half" -> "in a year and a
    half"), at the years question it is experience; a hedged answer ("like 4? maybe 5") gets the unit after each
    number (`_hedged_with_unit`).
    """
    if step_name in {"deadline", "years"} and _BARE_SPAN.fullmatch(normalise_numbers(text.lower())):
        return "in " + text if step_name == "deadline" else text.rstrip(" .!") + " of experience"
    unit = _STEP_UNITS.get(step_name)
    if unit is None:
        return text
    if not _BARE_AMOUNT.fullmatch(text):
        return _hedged_with_unit(step_name, text)
    return text.rstrip(" .!") + unit


# The unit a number takes inside a hedged answer to a numeric question ("ugh like 4? maybe 5 on a good week").
_EMBEDDED_UNIT = {"hours": " hours", "years": " years of experience", "budget": " dollars"}
_ANY_UNIT = re.compile(r"\d\s*(?:h|hrs?|hours?|years?|yrs?|y|yoe|months?|mos?|weeks?|wks?|days?|k|usd|dollars?|bucks"
                       r"|eur|euros?|gbp|pounds?|rs|rupees?|%)\b|\d\s*[$€£%]|[$€£₹]\s*\d"
                       # a field named in words: "change my hours to 12" says which answer the number is
                       r"|\b(?:hours?|hrs|years?|yrs|months?|budget|deadline|experience|dollars?|bucks|usd|euros?"
                       r"|pounds?)\b", re.IGNORECASE)
_DATE_WORDS = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                         r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{1,4}[/.-]\d{1,2}[/.-]\d",
                         re.IGNORECASE)
_HEDGED_NUMBER = re.compile(
    r"(?<![\w.$€£,/:])(?!(?:19|20)\d\d\b)(\d{1,4}(?:\.\d+)?)(?!\s*(?:-|to\b|or\b)\s*\d)(?=\s*(?:[?!.,;)]|$|-|~|maybe\b|max\b|tops\b"
    r"|ish\b|or\s+so\b|at\s+(?:most|best|least)\b|if\b|on\s+(?:a\s+)?(?:good|bad|busy|slow|quiet)\b"
    r"|(?:a|per|each|every)\s+(?:week|day|night|evening|month)\b|weekly\b|daily\b|monthly\b|(?:in\s+)?total\b))",
    re.IGNORECASE)


def _hedged_with_unit(step_name: str, text: str) -> str:
    """Numbers of a hedged answer to a numeric question get the question's unit: "like 4? maybe 5 on a good week"
    at the hours question is 4 hours; a number that counts something else ("2 kids") or a message with units of its
    own is left as it is."""
    if _ANY_UNIT.search(text) or _DATE_WORDS.search(text):
        return text  # "by January 2027" at the budget question is a date, not an amount
    numbers = [m for m in _HEDGED_NUMBER.finditer(text) if not re.search(
        r"\b(?:by|in|on|at|since|until|till|after|before|from)\s*$", text[: m.start()], re.IGNORECASE)]
    if not numbers or len(numbers) > 3 or len(re.findall(r"\d+(?:\.\d+)?", text)) != len(
            [n for m in numbers for n in re.findall(r"\d+(?:\.\d+)?", text[_range_start(text, m) : m.end()])]):
        return text
    unit = _EMBEDDED_UNIT[step_name]
    for m in reversed(numbers):
        text = text[: m.end()] + unit + text[m.end() :]
    return text


def _range_start(text: str, number: re.Match[str]) -> int:
    """Where a range ending in this number starts ("6-8": at the 6), or the number's own start."""
    before = re.search(r"(\d{1,4}(?:\.\d+)?)\s*(?:-|to|or)\s*$", text[: number.start()])
    return before.start() if before else number.start()


def _for_this_step(turn: _Turn, facts: Facts, text: str) -> Facts:
    """Facts read in the light of the question asked: the specialisation step never changes the role, and a role
    named at the job question without a wish ("scratch that, data engineer") is the job, not a new goal; once the
    role is chosen, a bare field that role offers as a specialisation ("actually make it NLP") is that specialisation.
    """
    if _specialisation_meant(turn, facts, text):
        named = [d for d in named_ids(text, turn.catalog, "domain") if d in _role_domains(turn)]
        return facts.model_copy(update={"target_role": None, "domain": named[0],
                                        "questions": [q for q in facts.questions if q.field != "target_role"]})
    if turn.state.step == "job":
        role = turn.catalog.role_by_id.get(facts.target_role or "")
        if role is None or facts.current_role or GOAL_CUE.search(text.lower()):
            return facts
        return facts.model_copy(update={"target_role": None, "current_role": role.name.lower(),
                                        "questions": [q for q in facts.questions if q.field != "target_role"]})
    if turn.state.step != "domain":
        return facts
    updates: dict[str, object] = {"target_role": None}
    if facts.domain is None:
        offered = _role_domains(turn)
        named = [d for d in named_ids(text, turn.catalog, "domain") if d in offered]
        if named:
            updates["domain"] = named[0]
    updates["questions"] = [q for q in facts.questions if q.field != "target_role"]
    return facts.model_copy(update=updates)


# Words that make a named field a role ("NLP engineer", "become a CV person") rather than a specialisation ("NLP").
_ROLE_NOUN = re.compile(r"\b(?:engineer|engineering|scientist|science|analyst|researcher|research|developer|designer"
                        r"|manager|specialist|expert|role|job|position|career|become|becoming|be\s+an?|work\s+as)\b")


def _specialisation_meant(turn: _Turn, facts: Facts, text: str) -> bool:
    """A new role read from a bare field name the learner's role offers as a specialisation, after the role step."""
    current = turn.profile.target_role
    if turn.state.step in {"role", "quiz1", "quiz2", "quiz3", "quiz", "domain"} or current is None:
        return False
    if facts.target_role in (None, current) or _ROLE_NOUN.search(text.lower()):
        return False
    return any(d in _role_domains(turn) for d in named_ids(text, turn.catalog, "domain"))
