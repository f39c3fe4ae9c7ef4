"""The onboarding conversation as data: a table of steps, each with its question, options and parsers."""

from __future__ import annotations

import difflib
import re
import unicodedata
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bot import texts
from bot.domain.catalog import Catalog, Depth
from bot.domain.dates import add_months
from bot.domain.planner import PlanError, Roadmap, implied_domain, plan
from bot.domain.profile import MAX_DEADLINE_YEAR, Education, LearnerProfile
from bot.domain.understanding import (
    GOAL_CUE,
    RATES_DATE,
    USD_PER,
    Clarification,
    Facts,
    named_ids,
    understand,
    usd_value,
)

# ---------------------------------------------------------------- public data


class UserInput(BaseModel):
    """What the learner sent: free text, a button value, or a command such as "/edit hours"."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["text", "button", "command"]
    value: str


class Option(BaseModel):
    """A button: what it shows and the short value it sends back (≤ 40 ASCII bytes)."""

    model_config = ConfigDict(frozen=True)

    label: str
    value: str


class Reply(BaseModel):
    """One message to the learner: plain text (front-ends escape it) with optional buttons."""

    model_config = ConfigDict(frozen=True)

    text: str
    options: list[Option] = []
    multi_select: bool = False
    # The question asks for an amount (hours, years, dollars): a typed bare number is that amount, not a
    # position in the option list (a terminal that numbers options must not read "4" years as the 4th option).
    amount: bool = False


class DialogueState(BaseModel):
    """Where a learner is in the conversation and what they said so far; JSON-serialisable."""

    step: str = "welcome"
    profile: LearnerProfile = LearnerProfile()
    version: int = 0
    history: list[str] = []
    # Fields the learner answered; needed because some answers are None ("no deadline", "no preference").
    answered: list[str] = []
    pending: list[Clarification] = []
    quiz: dict[str, str] = {}
    skill_category: str | None = None
    planned: bool = False
    # Where /cancel and the /restart confirmation return to.
    resume_step: str | None = None
    # Questions the learner skipped ("skip", "idk"): answered, but with nothing to store.
    skipped: list[str] = []
    # Answers in a row the current question did not understand (the second one offers a way out).
    misses: int = 0


@dataclass(frozen=True)
class StepResult:
    """The new state, what to send, and the new roadmap when one was made."""

    state: DialogueState
    replies: list[Reply]
    roadmap: Roadmap | None = None
    # The learner asked to see their existing plan; the service fetches it (the domain has no storage).
    show_plan: bool = False


# Question fields in the order they are asked; also the names of their steps and of `/edit <field>`.
FIELDS: tuple[str, ...] = (
    "role",
    "domain",
    "education",
    "job",
    "years",
    "skills",
    "hours",
    "deadline",
    "budget",
    "certificates",
)
# Without these the planner has nothing to aim at or to schedule with.
REQUIRED_FOR_PLAN: tuple[str, ...] = ("role", "hours")
MAX_VALUE_BYTES = 40
# The dialogue asks again below this many study hours a week (the profile itself refuses less than 0.5).
MIN_DIALOGUE_HOURS = 1.0
MAX_DIALOGUE_HOURS = 100.0
# Facts fields and the question field each one answers (for "never overwrite silently").
FACT_FIELDS: dict[str, str] = {
    "target_role": "role",
    "domain": "domain",
    "education": "education",
    "current_role": "job",
    "years_experience": "years",
    "hours_per_week": "hours",
    "deadline": "deadline",
    "budget_usd": "budget",
    "wants_certificates": "certificates",
}
_HISTORY_LIMIT = 30
# Steps that are not questions: never pushed on the /back history.
_TRANSIENT = frozenset({"welcome", "paused", "restart"})

# Which role each quiz answer points to, and how strongly; roles missing from the catalog are ignored.
QUIZ_SCORES: dict[str, dict[str, int]] = {
    "quiz1:products": {"ai-engineer": 3, "ml-engineer": 2},
    "quiz1:data": {"data-scientist": 3, "data-analyst": 2},
    "quiz1:research": {"ml-researcher": 3, "deep-learning-engineer": 1},
    "quiz1:language": {"nlp-engineer": 3, "ai-engineer": 1},
    "quiz1:images": {"cv-engineer": 3, "deep-learning-engineer": 1},
    "quiz1:infra": {"mlops-engineer": 3, "data-engineer": 2},
    "quiz2:coding": {"ml-engineer": 2, "mlops-engineer": 1, "ai-engineer": 1, "data-engineer": 1},
    "quiz2:maths": {"ml-researcher": 2, "data-scientist": 2, "deep-learning-engineer": 1},
    "quiz2:both": {"ml-engineer": 1, "data-scientist": 1, "deep-learning-engineer": 1},
    "quiz3:ship": {"ml-engineer": 2, "ai-engineer": 2},
    "quiz3:story": {"data-analyst": 2, "data-scientist": 2},
    "quiz3:paper": {"ml-researcher": 2, "deep-learning-engineer": 2},
    "quiz3:ops": {"mlops-engineer": 2, "data-engineer": 2},
}


# ---------------------------------------------------------------- one turn of the conversation


@dataclass
class _Turn:
    """The mutable working copy of one `step` call."""

    state: DialogueState
    catalog: Catalog
    today: date
    replies: list[Reply] = field(default_factory=list)
    roadmap: Roadmap | None = None
    show_plan: bool = False
    # The question is being asked again right after it was asked: its short form, without long descriptions.
    again: bool = False

    def say(self, text: str, options: list[Option] | None = None, multi_select: bool = False) -> None:
        """Queue a reply."""
        self.replies.append(Reply(text=text, options=options or [], multi_select=multi_select))

    @property
    def profile(self) -> LearnerProfile:
        """The profile being edited."""
        return self.state.profile

    def answer(self, name: str) -> None:
        """Record that a field was answered."""
        if name not in self.state.answered:
            self.state.answered.append(name)
        if name in self.state.skipped:
            self.state.skipped.remove(name)

    def unanswer(self, name: str) -> None:
        """Forget that a field was answered (its value no longer fits)."""
        if name in self.state.answered:
            self.state.answered.remove(name)


# A button handler applies a value (the part after "prefix:") and says where to go:
# NEXT = the first unanswered question, STAY = ask the current step again, a step name, or None = invalid.
NEXT = "<next>"
STAY = "<stay>"
Handler = Callable[[_Turn, str], str | None]


@dataclass(frozen=True)
class Step:
    """One screen of the dialogue: its question, its buttons and how free text maps onto them."""

    name: str
    question: Callable[[_Turn], str]
    options: Callable[[_Turn], list[Option]]
    buttons: Mapping[str, Handler]
    # Strict parse of the whole text into a button value, tried before understanding ("12" at hours).
    parse: Callable[[_Turn, str], str | None] = lambda turn, text: None
    # Last resort when understanding found nothing (any text is a plausible job title).
    fallback: Callable[[_Turn, str], str | None] = lambda turn, text: None
    applies: Callable[[_Turn], bool] = lambda turn: True
    multi_select: Callable[[_Turn], bool] = lambda turn: False


def _short(prefix: str, entry_id: str) -> str:
    """A button value for a catalog id, hashed when the id would not fit Telegram's callback data."""
    value = f"{prefix}:{entry_id}"
    if len(value.encode()) <= MAX_VALUE_BYTES:
        return value
    return f"{prefix}:~{zlib.crc32(entry_id.encode()):08x}"


def _resolve(arg: str, ids: list[str]) -> str | None:
    """The catalog id a button argument names (plain or hashed), or None."""
    if arg in ids:
        return arg
    if arg.startswith("~"):
        return next((i for i in ids if f"~{zlib.crc32(i.encode()):08x}" == arg), None)
    return None


def _with_current(turn: _Turn, name: str, question: str) -> str:
    """The question, plus the current answer when the learner is changing it."""
    if name in turn.state.answered:
        return f"{question}\n{texts.Q_CURRENT.format(value=describe(name, turn.profile, turn.catalog))}"
    return question


def _first_sentence(text: str, limit: int = 170) -> str:
    """The description's whole first sentence; only an overlong one is cut, at a clause boundary if it can be."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    head = sentence[:limit]
    cut = max(head.rfind(", "), head.rfind(" - "), head.rfind("; "))
    if cut > limit // 2:
        return head[:cut].rstrip() + "…"
    # Otherwise at a word boundary, so the line never ends mid-word.
    return head.rsplit(" ", 1)[0].rstrip(",;:- ") + "…"


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


# ---------------------------------------------------------------- role and quiz


def _role_question(turn: _Turn) -> str:
    if turn.again:  # the descriptions were just shown; asking again repeats only the question and its buttons
        return _with_current(turn, "role", texts.Q_ROLE)
    lines = [texts.Q_ROLE_LINE.format(name=r.name, summary=_first_sentence(r.summary)) for r in turn.catalog.roles]
    return _with_current(turn, "role", texts.Q_ROLE + "\n" + "\n".join(lines))


def _role_options(turn: _Turn) -> list[Option]:
    options = [Option(label=r.name, value=_short("role", r.id)) for r in turn.catalog.roles]
    return [*options, Option(label=texts.NOT_SURE, value="role:unsure")]


def _set_role(turn: _Turn, role_id: str) -> None:
    """Set the target role; a specialisation the new role does not offer is dropped and asked again."""
    profile = turn.profile
    if role_id != profile.target_role:
        role = turn.catalog.role_by_id.get(role_id)
        if profile.domain is not None and role is not None and profile.domain not in role.domains:
            profile.domain = None
            turn.unanswer("domain")
    profile.target_role = role_id
    turn.answer("role")


def _choose_role(turn: _Turn, arg: str) -> str | None:
    if arg == "unsure":
        turn.state.quiz = {}
        turn.say(texts.Q_QUIZ_INTRO)
        return "quiz1"
    role_id = _resolve(arg, [r.id for r in turn.catalog.roles])
    if role_id is None:
        return None
    _set_role(turn, role_id)
    return NEXT


def _parse_not_sure(turn: _Turn, text: str) -> str | None:
    cleaned = text.strip().lower().rstrip(".!")
    if cleaned in {"not sure", "no idea", "dunno", "don't know", "idk", "?", "i don't know", "not sure yet"}:
        return "role:unsure"
    return "role:unsure" if _no_preference(text) and not named_ids(text, turn.catalog, "role") else None


def _quiz_step(name: str, question: str) -> Step:
    """One quiz question; its answers are scored by QUIZ_SCORES."""
    following = {"quiz1": "quiz2", "quiz2": "quiz3", "quiz3": "quiz"}[name]

    def options(turn: _Turn) -> list[Option]:
        return [Option(label=label, value=f"{name}:{key}") for key, label in texts.QUIZ_OPTIONS[name].items()]

    def choose(turn: _Turn, arg: str) -> str | None:
        if arg == "skip":  # "idk" to a quiz question: it scores nothing
            turn.state.quiz.pop(name, None)
        elif arg not in texts.QUIZ_OPTIONS[name]:
            return None
        else:
            turn.state.quiz[name] = arg
        if following == "quiz" and not turn.state.quiz:
            # Nothing to suggest from: the first catalog role would be a guess dressed up as a result.
            turn.say(texts.QUIZ_NOTHING_PICKED)
            return "role"
        return following

    def parse(turn: _Turn, text: str) -> str | None:
        # A learner who names a role after all gets it, without a "did you mean" detour.
        roles = [r for r in named_ids(text, turn.catalog, "role") if r in turn.catalog.role_by_id]
        if len(roles) == 1:
            return _short("role", roles[0])
        if _SKIP.fullmatch(text) or _refusal(text):
            return f"{name}:skip"  # "no idea" is no vote for the "idea" answer, "neither" none at all
        key = _quiz_answer(name, text)
        return f"{name}:{key}" if key else None

    return Step(name=name, question=lambda turn: question, options=options, buttons={name: choose}, parse=parse)


_QUIZ_WORDS: dict[str, tuple[str, ...]] = {
    "products": ("product", "build", "app", "feature", "users"),
    "data": ("data", "analys", "analyz", "dashboard", "numbers", "insight"),
    "research": ("research", "paper", "science", "theory"),
    "language": ("language", "text", "nlp", "words", "chatbot", "llm"),
    "images": ("image", "video", "vision", "picture", "photo", "camera"),
    "infra": ("infra", "devops", "cloud", "server", "pipeline", "system", "ops"),
    "coding": ("cod", "program", "software", "develop"),
    "maths": ("math", "stat", "proof", "equation"),
    "both": ("both", "equal", "either", "mix"),
    "ship": ("ship", "feature", "users", "launch", "product"),
    "story": ("story", "dataset", "insight", "analys"),
    "paper": ("paper", "idea", "research", "experiment"),
    "ops": ("running", "systems", "ops", "reliab", "smooth", "infra"),
}


def _quiz_answer(name: str, text: str) -> str | None:
    """The quiz option a typed answer means ("coding mostly" -> coding), when exactly one fits."""
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return None
    hits = [
        key
        for key in texts.QUIZ_OPTIONS[name]
        if any(w.startswith(stem) for w in words for stem in _QUIZ_WORDS.get(key, ()))
        or text.strip().lower() in texts.QUIZ_OPTIONS[name][key].lower()
    ]
    return hits[0] if len(hits) == 1 else None


def suggest_role(answers: Mapping[str, str], catalog: Catalog) -> str | None:
    """The catalog role the quiz answers point to most; ties go to the catalog's order."""
    if not catalog.roles:
        return None
    scores = {r.id: 0 for r in catalog.roles}
    for question, answer in answers.items():
        for role_id, points in QUIZ_SCORES.get(f"{question}:{answer}", {}).items():
            if role_id in scores:
                scores[role_id] += points
    return max(scores, key=lambda role_id: scores[role_id])


def _quiz_result_question(turn: _Turn) -> str:
    role = turn.catalog.role_by_id.get(suggest_role(turn.state.quiz, turn.catalog) or "")
    if role is None:
        return texts.Q_ROLE
    return texts.Q_QUIZ_RESULT.format(role=role.name, summary=_first_sentence(role.summary))


def _choose_quiz_result(turn: _Turn, arg: str) -> str | None:
    if arg == "pick":
        return "role"
    suggestion = suggest_role(turn.state.quiz, turn.catalog)
    if arg != "accept" or suggestion is None:
        return None
    _set_role(turn, suggestion)
    return NEXT


# ---------------------------------------------------------------- specialisation, education, job


def _role_domains(turn: _Turn) -> list[str]:
    role = turn.catalog.role_by_id.get(turn.profile.target_role or "")
    return [d for d in role.domains if d in turn.catalog.domain_by_id] if role else []


def _role_implies_domain(turn: _Turn) -> bool:
    role = turn.catalog.role_by_id.get(turn.profile.target_role or "")
    return role is not None and implied_domain(role, turn.catalog) is not None


def _domain_question(turn: _Turn) -> str:
    role = turn.catalog.role_by_id.get(turn.profile.target_role or "")
    return _with_current(turn, "domain", texts.Q_DOMAIN.format(role=role.name if role else ""))


def _domain_options(turn: _Turn) -> list[Option]:
    options = [Option(label=turn.catalog.domain_by_id[d].name, value=_short("domain", d)) for d in _role_domains(turn)]
    return [*options, Option(label=texts.NO_PREFERENCE, value="domain:none")]


def _choose_domain(turn: _Turn, arg: str) -> str | None:
    if arg == "none":
        turn.profile.domain = None
    else:
        domain_id = _resolve(arg, [d.id for d in turn.catalog.domains])
        if domain_id is None:
            return None
        turn.profile.domain = domain_id
    turn.answer("domain")
    return NEXT


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


def _choose_education(turn: _Turn, arg: str) -> str | None:
    if arg not in Education.__members__:
        return None
    turn.profile.education = Education(arg)
    turn.answer("education")
    return NEXT


# A bare "none" at a question that offers an empty choice picks it ("none" at education is "No degree").
_NONE_ANSWER = re.compile(r"\s*(?:none|nothing|no|nope|nah|n/?a|neither|zero|no\s+(?:degree|diploma|education)"
                          r"(?:\s+at\s+all)?|none\s+(?:at\s+all|really)|not\s+applicable)\s*[.!]*\s*", re.IGNORECASE)


def _parse_education(turn: _Turn, text: str) -> str | None:
    """"none", "no", "n/a": No degree (other answers are read by understanding: "bachelor in physics")."""
    head = re.split(r"[,;:.!?(-]", text, maxsplit=1)[0]
    return "education:none" if _NONE_ANSWER.fullmatch(head) or _NONE_ANSWER.fullmatch(text) else None


def _choose_job(turn: _Turn, arg: str) -> str | None:
    if arg not in texts.JOB_OPTIONS:
        return None
    stored = texts.JOB_OPTIONS[arg][1]
    turn.profile.current_role = stored or None
    turn.answer("job")
    if not stored and "years" not in turn.state.answered:
        # Nobody should be asked how long they have been doing no job.
        turn.profile.years_experience = 0
        turn.answer("years")
    return NEXT


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


def _choose_years(turn: _Turn, arg: str) -> str | None:
    try:
        years = float(arg)
    except ValueError:
        return None
    if not 0 <= years <= 70:
        return None
    turn.profile.years_experience = years
    turn.answer("years")
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


# ---------------------------------------------------------------- skills (multi-select by category)


def _categories(catalog: Catalog) -> list[str]:
    """Skill categories that have skills, in the catalog's category order."""
    present = {s.category.value for s in catalog.skills}
    return [c for c in texts.SKILL_CATEGORY_LABELS if c in present]


def _skills_question(turn: _Turn) -> str:
    category = turn.state.skill_category
    if category is None:
        return _with_current(turn, "skills", texts.Q_SKILLS)
    return texts.Q_SKILLS_CATEGORY.format(category=texts.SKILL_CATEGORY_LABELS.get(category, category))


def _skills_options(turn: _Turn) -> list[Option]:
    known = set(turn.profile.known_skills)
    category = turn.state.skill_category
    done = Option(label=texts.DONE, value="skills:done")
    if category is None:
        options = []
        for cat in _categories(turn.catalog):
            label = texts.SKILL_CATEGORY_LABELS[cat]
            count = sum(1 for s in turn.catalog.skills if s.category.value == cat and s.id in known)
            if count:
                label = texts.CATEGORY_WITH_COUNT.format(label=label, count=count)
            options.append(Option(label=label, value=f"cat:{cat}"))
        return [*options, done]
    options = [
        Option(label=texts.CHECKED.format(label=s.name) if s.id in known else s.name, value=_short("skill", s.id))
        for s in turn.catalog.skills
        if s.category.value == category
    ]
    return [*options, Option(label=texts.BACK_TO_CATEGORIES, value="cat:all"), done]


def _choose_category(turn: _Turn, arg: str) -> str | None:
    if arg == "all":
        turn.state.skill_category = None
    elif arg in _categories(turn.catalog):
        turn.state.skill_category = arg
    else:
        return None
    return "skills"


def _toggle_skill(turn: _Turn, arg: str) -> str | None:
    skill_id = _resolve(arg, [s.id for s in turn.catalog.skills])
    if skill_id is None:
        return None
    known = turn.profile.known_skills
    turn.profile.known_skills = [s for s in known if s != skill_id] if skill_id in known else [*known, skill_id]
    turn.state.skill_category = turn.catalog.skill_by_id[skill_id].category.value
    return "skills"


def _skills_done(turn: _Turn, arg: str) -> str | None:
    turn.state.skill_category = None
    turn.answer("skills")
    return NEXT


def _parse_no_skills(turn: _Turn, text: str) -> str | None:
    return "skills:done" if text.strip().lower() in {"none", "nothing", "none yet", "no", "done"} else None


# ---------------------------------------------------------------- time, money, certificates


def _choose_hours(turn: _Turn, arg: str) -> str | None:
    try:
        hours = float(arg)
    except ValueError:
        return None
    if not MIN_DIALOGUE_HOURS <= hours <= MAX_DIALOGUE_HOURS:
        if turn.state.step != "hours" or hours < 0:
            return None  # a stale or forged button
        turn.say((texts.HOURS_TOO_FEW if hours < MIN_DIALOGUE_HOURS else texts.HOURS_TOO_MANY).format(hours=hours))
        return STAY
    turn.profile.hours_per_week = hours
    turn.answer("hours")
    return NEXT


def _parse_hours(turn: _Turn, text: str) -> str | None:
    hours = _number(text, "hours")
    return f"hours:{hours:g}" if hours is not None else None


def _choose_deadline(turn: _Turn, arg: str) -> str | None:
    if arg == "none":
        turn.profile.deadline = None
    elif arg.isdigit() and 0 < int(arg) <= 120:
        turn.profile.deadline = add_months(turn.today, int(arg))
    else:
        try:
            turn.profile.deadline = date.fromisoformat(arg)
        except ValueError:
            return None
    turn.answer("deadline")
    return NEXT


def _parse_deadline(turn: _Turn, text: str) -> str | None:
    cleaned = text.strip().lower()
    if cleaned in {"no deadline", "none", "no", "no rush", "whenever"}:
        return "deadline:none"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        return f"deadline:{cleaned}"
    months = re.fullmatch(r"(\d{1,3})\s*(?:m|mo|months?)?", cleaned)
    return f"deadline:{months.group(1)}" if months else None


def _choose_budget(turn: _Turn, arg: str) -> str | None:
    if arg == "none":
        turn.profile.budget_usd = None
    else:
        try:
            amount = float(arg)
        except ValueError:
            return None
        if amount < 0:
            return None
        turn.profile.budget_usd = amount
    turn.profile.budget_known = True
    turn.answer("budget")
    return NEXT


def _parse_budget(turn: _Turn, text: str) -> str | None:
    cleaned = text.strip().lower()
    if cleaned in {"free", "free only", "nothing", "0", "$0"}:
        return "budget:0"
    if cleaned in {"no limit", "unlimited", "any", "whatever it takes"}:
        return "budget:none"
    amount = _number(cleaned, "budget")
    return f"budget:{amount:g}" if amount is not None else None


def _choose_certificates(turn: _Turn, arg: str) -> str | None:
    if arg not in {"yes", "no"}:
        return None
    turn.profile.wants_certificates = arg == "yes"
    turn.answer("certificates")
    return NEXT


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


def _parse_field_name(turn: _Turn, text: str) -> str | None:
    """At the list of answers, a typed field name ("budget", "the deadline", "hourse") picks it, like /edit."""
    name = _edit_field(turn, text) if len(text) <= 40 else None
    return f"edit:{name}" if name else None


def _parse_summary_or_field(turn: _Turn, text: str) -> str | None:
    """At the summary: a yes makes the plan, a field name opens that answer."""
    return _parse_summary(turn, text) or _parse_field_name(turn, text)


def _parse_done(turn: _Turn, text: str) -> str | None:
    """"show my plan" shows it; "new plan", "plan again" plans again."""
    cleaned = text.strip().lower()
    if re.fullmatch(r"(?:show|see|view|open)(?:\s+(?:me\s+)?(?:my|the))?(?:\s+plan)?[.!]?|(?:my\s+)?plan\??", cleaned):
        return "plan:show"
    if re.fullmatch(r"(?:make\s+(?:a\s+|the\s+|my\s+)?(?:new\s+)?plan|new\s+plan|plan\s+again|re-?plan)[.!]?", cleaned):
        return "plan:make"
    return None


def _options(prefix: str, labels: Mapping[str, str]) -> Callable[[_Turn], list[Option]]:
    """Options from a value -> label table."""
    return lambda turn: [Option(label=label, value=f"{prefix}:{key}") for key, label in labels.items()]


# ---------------------------------------------------------------- summary, done, edit, pause, restart


def _summary_question(turn: _Turn) -> str:
    # An unanswered field reads "not answered", not its None meaning ("not working", "no deadline").
    lines = [
        texts.Q_SUMMARY_LINE.format(
            label=texts.FIELD_LABELS[name],
            value=texts.SKIPPED_VALUE if name in turn.state.skipped
            else describe(name, turn.profile, turn.catalog) if name in turn.state.answered else texts.NOT_ANSWERED,
        )
        for name in _applicable_fields(turn)
    ]
    return texts.Q_SUMMARY.format(lines="\n".join(lines))


def _edit_options(turn: _Turn) -> list[Option]:
    return [
        Option(label=texts.EDIT_FIELD.format(label=texts.FIELD_LABELS[name]), value=f"edit:{name}")
        for name in _applicable_fields(turn)
    ]


def _summary_options(turn: _Turn) -> list[Option]:
    return [*_edit_options(turn), Option(label=texts.MAKE_PLAN, value="plan:make")]


def _done_options(turn: _Turn) -> list[Option]:
    # issue 13: a missed deadline offers its earliest reachable date as one tap.
    missed = turn.roadmap.explanations.deadline if turn.roadmap is not None else None
    use = ([Option(label=texts.PLANNER_USE_DATE.format(date=missed.accept_date.isoformat()),
                   value=f"usedate:{missed.accept_date.isoformat()}")]
           if missed is not None and missed.accept_date is not None else [])
    return [
        *use,
        Option(label=texts.SHOW_PLAN, value="plan:show"),
        Option(label=texts.NEW_PLAN, value="plan:make"),
        Option(label=texts.CHANGE_ANSWERS, value="edit:list"),
    ]


def _use_date(turn: _Turn, arg: str) -> str | None:
    """issue 13: accept a date (the earliest reachable one) as the deadline and plan again."""
    try:
        turn.profile.deadline = date.fromisoformat(arg)
    except ValueError:
        return None
    turn.answer("deadline")
    return _make_plan(turn)


def _choose_edit(turn: _Turn, arg: str) -> str | None:
    if arg in _applicable_fields(turn):
        if arg == "skills":
            turn.state.skill_category = None
        return arg
    return "edit"


def _choose_plan(turn: _Turn, arg: str) -> str | None:
    if arg == "show":
        if not turn.state.planned:
            turn.say(texts.NO_PLAN_YET)
            return NEXT
        turn.show_plan = True
        turn.say(texts.PLAN_SHOWN)
        return "done"
    if arg != "make":
        return None
    return _make_plan(turn)


def _choose_resume(turn: _Turn, arg: str) -> str | None:
    return turn.state.resume_step or NEXT


def _choose_restart(turn: _Turn, arg: str) -> str | None:
    if arg == "no":
        turn.say(texts.RESTART_KEPT)
        return turn.state.resume_step or NEXT
    if arg != "yes":
        return None
    turn.state = DialogueState(version=turn.state.version)
    turn.say(texts.RESTARTED)
    return NEXT


def _choose_confirm(turn: _Turn, arg: str) -> str | None:
    """Answer the first pending clarification ("Did you mean ...?")."""
    if not turn.state.pending or arg not in {"yes", "no"}:
        return None
    question = turn.state.pending.pop(0)
    if arg == "no" and question.alternative is not None:
        question = question.model_copy(update={"value": question.alternative})
        arg = "yes"
    if arg == "yes":
        facts = _clarified(question)
        if facts is None:
            return STAY
        facts.correction = True  # the learner confirmed it
        _apply_and_echo(turn, facts)
    elif question.field in FACT_FIELDS and FACT_FIELDS[question.field] in turn.state.answered:
        name = FACT_FIELDS[question.field]
        turn.say(texts.CHANGE_KEPT.format(label=texts.FIELD_LABELS[name].lower(),
                                          value=describe(name, turn.profile, turn.catalog)))
    # "No" leaves the field as it was: the guess was never stored (see `_withhold_guesses`).
    if turn.state.step in FIELDS and turn.state.step not in turn.state.answered:
        return STAY  # the question that was pending stays pending
    return NEXT


_LIST_FIELDS = frozenset({"known_skills", "unknown_skills", "certifications"})


def _clarified(question: Clarification) -> Facts | None:
    """The facts a clarification would store once confirmed, or None when its value does not fit."""
    list_field = question.field in _LIST_FIELDS
    data: dict[str, object] = {question.field: [question.value] if list_field else question.value}
    if question.field == "budget_usd":
        data = {"budget_usd": None if question.value == "none" else question.value, "budget_known": True}
    try:
        return Facts.model_validate(data)
    except ValidationError:
        return None


def _withhold_guesses(facts: Facts) -> Facts:
    """The facts without the guesses understanding asks about: those wait for the learner's "yes"."""
    updates: dict[str, object] = {}
    lists: dict[str, list[str]] = {}
    for question in facts.questions:
        if not question.prompt or question.field not in Facts.model_fields or question.field == "questions":
            continue
        guess = _clarified(question)
        if guess is None:
            continue
        current, proposed = getattr(facts, question.field), getattr(guess, question.field)
        if question.field in _LIST_FIELDS:
            lists[question.field] = [v for v in lists.get(question.field, current) if v not in proposed]
            updates[question.field] = lists[question.field]
        elif current is not None and current == proposed:
            updates[question.field] = None
            if question.field == "budget_usd":
                updates["budget_known"] = False
    return facts.model_copy(update=updates) if updates else facts


# ---------------------------------------------------------------- the table


def _field_step(
    name: str,
    question: str,
    options: Callable[[_Turn], list[Option]],
    choose: Handler,
    parse: Callable[[_Turn, str], str | None] = lambda turn, text: None,
) -> Step:
    """A plain single-choice question about one profile field."""
    return Step(
        name=name,
        question=lambda turn: _with_current(turn, name, question),
        options=options,
        buttons={name: choose},
        parse=parse,
    )


STEPS: tuple[Step, ...] = (
    Step(
        name="welcome",
        question=lambda turn: texts.WELCOME,
        options=lambda turn: [],
        buttons={},
    ),
    Step(
        name="role",
        question=_role_question,
        options=_role_options,
        buttons={"role": _choose_role},
        parse=_parse_not_sure,
    ),
    _quiz_step("quiz1", texts.Q_QUIZ_1),
    _quiz_step("quiz2", texts.Q_QUIZ_2),
    _quiz_step("quiz3", texts.Q_QUIZ_3),
    Step(
        name="quiz",
        question=_quiz_result_question,
        options=lambda turn: [
            Option(label=texts.QUIZ_ACCEPT, value="quiz:accept"),
            Option(label=texts.QUIZ_PICK, value="quiz:pick"),
        ],
        buttons={"quiz": _choose_quiz_result},
        parse=lambda turn, text: {"quiz:yes": "quiz:accept", "quiz:no": "quiz:pick"}.get(
            _parse_yes_no("quiz")(turn, text) or ""
        ),
    ),
    Step(
        name="domain",
        question=_domain_question,
        options=_domain_options,
        buttons={"domain": _choose_domain},
        parse=_parse_no_preference,
        # issue 13: a role that implies its specialisation (an NLP engineer) is not asked for one.
        applies=lambda turn: bool(_role_domains(turn)) and not _role_implies_domain(turn),
    ),
    _field_step(
        "education", texts.Q_EDUCATION, _options("education", texts.EDUCATION_LABELS), _choose_education,
        _parse_education,
    ),
    Step(
        name="job",
        question=lambda turn: _with_current(turn, "job", texts.Q_JOB),
        options=lambda turn: [Option(label=label, value=f"job:{key}") for key, (label, _) in texts.JOB_OPTIONS.items()],
        buttons={"job": _choose_job},
        parse=_parse_job,
        fallback=_job_fallback,
    ),
    _field_step("years", texts.Q_YEARS, _options("years", texts.YEARS_OPTIONS), _choose_years, _parse_years),
    Step(
        name="skills",
        question=_skills_question,
        options=_skills_options,
        buttons={"skills": _skills_done, "skill": _toggle_skill, "cat": _choose_category},
        parse=_parse_no_skills,
        multi_select=lambda turn: turn.state.skill_category is not None,
    ),
    _field_step("hours", texts.Q_HOURS, _options("hours", texts.HOURS_OPTIONS), _choose_hours, _parse_hours),
    _field_step(
        "deadline", texts.Q_DEADLINE, _options("deadline", texts.DEADLINE_OPTIONS), _choose_deadline, _parse_deadline
    ),
    _field_step("budget", texts.Q_BUDGET, _options("budget", texts.BUDGET_OPTIONS), _choose_budget, _parse_budget),
    _field_step(
        "certificates",
        texts.Q_CERTIFICATES,
        lambda turn: [
            Option(label=texts.YES, value="certificates:yes"),
            Option(label=texts.NO, value="certificates:no"),
        ],
        _choose_certificates,
        _parse_certificates,
    ),
    Step(
        name="summary",
        question=_summary_question,
        options=_summary_options,
        buttons={"plan": _choose_plan, "edit": _choose_edit},
        parse=_parse_summary_or_field,
    ),
    Step(
        name="edit",
        question=lambda turn: texts.EDIT_WHICH,
        options=_edit_options,
        buttons={"edit": _choose_edit},
        parse=_parse_field_name,
    ),
    Step(
        name="done",
        # Right after planning the question doubles as the announcement.
        question=lambda turn: texts.PLAN_READY if turn.roadmap is not None else texts.Q_DONE,
        options=_done_options,
        buttons={"plan": _choose_plan, "usedate": _use_date},
        parse=_parse_done,
    ),
    Step(
        name="paused",
        question=lambda turn: texts.Q_PAUSED,
        options=lambda turn: [Option(label=texts.CONTINUE_BUTTON, value="resume:go")],
        buttons={"resume": _choose_resume},
    ),
    Step(
        name="restart",
        question=lambda turn: texts.RESTART_CONFIRM,
        options=lambda turn: [
            Option(label=texts.RESTART_YES, value="restart:yes"),
            Option(label=texts.RESTART_NO, value="restart:no"),
        ],
        buttons={"restart": _choose_restart},
        parse=_parse_yes_no("restart"),
    ),
)
STEP_BY_NAME: dict[str, Step] = {s.name: s for s in STEPS}
# Every button value is "<prefix>:<argument>"; the prefix says which handler applies it, whatever the step.
BUTTONS: dict[str, Handler] = {prefix: handler for s in STEPS for prefix, handler in s.buttons.items()} | {
    "confirm": _choose_confirm
}


# ---------------------------------------------------------------- describing answers


def describe(name: str, profile: LearnerProfile, catalog: Catalog) -> str:
    """A field's current answer in words, for the summary and the echo."""
    match name:
        case "role":
            role = catalog.role_by_id.get(profile.target_role or "")
            return role.name if role else (profile.target_role or texts.NOT_ANSWERED)
        case "domain":
            domain = catalog.domain_by_id.get(profile.domain or "")
            return domain.name if domain else (profile.domain or texts.NO_DOMAIN)
        case "education":
            return texts.EDUCATION_LABELS[profile.education.value] if profile.education else texts.NOT_ANSWERED
        case "job":
            return profile.current_role or texts.NOT_WORKING
        case "years":
            if profile.years_experience is None:
                return texts.NOT_ANSWERED
            if profile.years_experience == 1:
                return texts.YEAR_VALUE_ONE
            return texts.YEARS_VALUE.format(years=profile.years_experience)
        case "skills":
            skills = _skill_names(profile.known_skills, catalog) or texts.NO_SKILLS
            if profile.other_experience:
                return texts.OTHER_EXPERIENCE_VALUE.format(skills=skills, other=", ".join(profile.other_experience))
            return skills
        case "hours":
            if profile.hours_per_week is None:
                return texts.NOT_ANSWERED
            return texts.HOURS_VALUE.format(hours=profile.hours_per_week)
        case "deadline":
            return (
                texts.DEADLINE_VALUE.format(date=profile.deadline.isoformat())
                if profile.deadline
                else texts.NO_DEADLINE
            )
        case "budget":
            if profile.budget_usd is None:
                return texts.BUDGET_NO_LIMIT if profile.budget_known else texts.NOT_ANSWERED
            return (
                texts.BUDGET_FREE if profile.budget_usd == 0 else texts.BUDGET_UP_TO.format(amount=profile.budget_usd)
            )
        case "certificates":
            if profile.wants_certificates is None:
                value = texts.NOT_ANSWERED
            else:
                value = texts.CERTIFICATES_YES if profile.wants_certificates else texts.CERTIFICATES_NO
            if profile.held_certifications:
                held = _cert_names(profile.held_certifications, catalog)
                return texts.HELD_CERTS_VALUE.format(value=value, held=held)
            return value
    return texts.NOT_ANSWERED


def _cert_names(cert_ids: list[str], catalog: Catalog) -> str:
    """Certification names, by id where the catalog no longer has one."""
    by_id = catalog.certification_by_id
    return ", ".join(by_id[c].name if c in by_id else c for c in cert_ids)


def _skill_names(skill_ids: list[str], catalog: Catalog, shown: int = 8) -> str:
    """Skill names, the first few and a count of the rest."""
    names = [catalog.skill_by_id[s].name if s in catalog.skill_by_id else s for s in skill_ids]
    if len(names) <= shown:
        return ", ".join(names)
    return texts.MORE_SKILLS.format(shown=", ".join(names[:shown]), more=len(names) - shown)


def _echo(
    before: LearnerProfile, before_answered: set[str], turn: _Turn, midpoints: frozenset[str] = frozenset()
) -> list[str]:
    """What changed in the profile, in words: "NLP engineer", "10 h/week", "by 2027-06-01"."""
    after, catalog, parts = turn.profile, turn.catalog, []
    held = [c for c in after.held_certifications if c not in before.held_certifications]
    other = [o for o in after.other_experience if o not in before.other_experience]
    for name in FIELDS:
        if name == "skills":
            added = [s for s in after.known_skills if s not in before.known_skills]
            removed = [s for s in before.known_skills if s not in after.known_skills]
            if added:
                parts.append(texts.ECHO_SKILLS_ADDED.format(value=_skill_names(added, catalog)))
            if removed:
                parts.append(texts.ECHO_SKILLS_REMOVED.format(value=_skill_names(removed, catalog)))
            continue
        # A skipped question has nothing to say back ("education: –"); the skip itself is acknowledged.
        now_answered = name in turn.state.answered and name not in turn.state.skipped
        unchanged = describe(name, before, catalog) == describe(name, after, catalog)
        if not now_answered or (unchanged and name in before_answered):
            continue
        value = describe(name, after, catalog)
        formats = {
            "domain": texts.ECHO_DOMAIN,
            "education": texts.ECHO_EDUCATION,
            "job": texts.ECHO_JOB,
            "years": texts.ECHO_YEARS,
            "budget": texts.ECHO_BUDGET,
        }
        if name == "certificates":
            parts.append(texts.ECHO_CERTIFICATES_YES if after.wants_certificates else texts.ECHO_CERTIFICATES_NO)
        elif name == "domain" and after.domain is None:
            parts.append(texts.NO_DOMAIN)  # not "specialising in no preference"
        elif name == "job" and after.current_role is None:
            parts.append(texts.NOT_WORKING)
        elif name == "budget" and after.budget_usd is None:
            parts.append(texts.ECHO_NO_BUDGET_LIMIT)
        elif name == "budget" and after.budget_usd == 0:
            parts.append(value)
        else:
            said = formats.get(name, "{value}").format(value=value)
            parts.append(texts.ECHO_MIDPOINT.format(value=said) if name in midpoints else said)
    if other:
        parts.append(texts.ECHO_OTHER_EXPERIENCE.format(value=", ".join(other)))
    if held:
        parts.append(texts.ECHO_HELD_CERTS.format(value=_cert_names(held, catalog)))
    return parts


# ---------------------------------------------------------------- applying understood facts


def apply_facts(turn: _Turn, facts: Facts) -> None:
    """Store every fact found into the profile and mark its field answered."""
    profile = turn.profile
    if facts.target_role and facts.target_role in turn.catalog.role_by_id:
        _set_role(turn, facts.target_role)
    if facts.domain and facts.domain in turn.catalog.domain_by_id:
        profile.domain = facts.domain
        turn.answer("domain")
    if facts.education is not None:
        profile.education = facts.education
        turn.answer("education")
    if facts.current_role:
        profile.current_role = facts.current_role
        turn.answer("job")
    if facts.years_experience is not None and 0 <= facts.years_experience <= 70:
        profile.years_experience = facts.years_experience
        turn.answer("years")
    known = [s for s in facts.known_skills if s in turn.catalog.skill_by_id]
    unknown = set(facts.unknown_skills)
    if known or unknown:
        merged = [s for s in profile.known_skills if s not in unknown]
        profile.known_skills = merged + [s for s in known if s not in merged and s not in unknown]
        depth = {k: Depth(v) for k, v in facts.skill_depth.items() if k in profile.known_skills}
        profile.skill_depth = {k: v for k, v in {**profile.skill_depth, **depth}.items() if k in profile.known_skills}
        turn.answer("skills")
    if facts.other_experience:
        profile.other_experience = list(dict.fromkeys([*profile.other_experience, *facts.other_experience]))
    held = [c for c in facts.held_certifications if c in turn.catalog.certification_by_id]
    if held:
        profile.held_certifications = list(dict.fromkeys([*profile.held_certifications, *held]))
    if facts.hours_per_week is not None:
        if facts.hours_per_week < MIN_DIALOGUE_HOURS:
            turn.say(texts.HOURS_TOO_FEW.format(hours=facts.hours_per_week))
        elif facts.hours_per_week > MAX_DIALOGUE_HOURS:
            turn.say(texts.HOURS_TOO_MANY.format(hours=facts.hours_per_week))
        else:
            profile.hours_per_week = facts.hours_per_week
            turn.answer("hours")
    if facts.deadline is not None:
        if facts.deadline.year > MAX_DEADLINE_YEAR:
            turn.say(texts.DEADLINE_TOO_FAR.format(said=facts.deadline.isoformat()))
        else:
            profile.deadline = facts.deadline
            turn.answer("deadline")
    if facts.budget_known or facts.budget_usd is not None:
        profile.budget_usd = facts.budget_usd if facts.budget_usd is None or facts.budget_usd >= 0 else None
        profile.budget_known = True
        turn.answer("budget")
    if facts.wants_certificates is not None:
        profile.wants_certificates = facts.wants_certificates
        turn.answer("certificates")
    for cert in facts.certifications:
        if cert not in profile.named_certifications:
            profile.named_certifications = [*profile.named_certifications, cert]


def _apply_and_echo(turn: _Turn, facts: Facts) -> bool:
    """Apply facts and say what was understood; True when anything changed."""
    before, before_answered = turn.profile.model_copy(deep=True), set(turn.state.answered)
    apply_facts(turn, facts)
    midpoints = frozenset(FACT_FIELDS.get(f"{m}_per_week" if m == "hours" else f"{m}_usd", m) for m in facts.midpoints)
    parts = _echo(before, before_answered, turn, midpoints)
    if parts:
        turn.say(texts.GOT_IT.format(facts=", ".join(parts)))
    return bool(parts) or set(turn.state.answered) != before_answered


# ---------------------------------------------------------------- navigation


def _applicable_fields(turn: _Turn) -> list[str]:
    """The question fields that apply to this learner (a specialisation only where the role has one)."""
    return [name for name in FIELDS if STEP_BY_NAME[name].applies(turn)]


def _next_unanswered(turn: _Turn) -> str:
    """The first question still open, or the summary."""
    return next((n for n in _applicable_fields(turn) if n not in turn.state.answered), "summary")


def missing_for_plan(state: DialogueState, catalog: Catalog) -> list[str]:
    """Fields a plan cannot be made without."""
    return [name for name in REQUIRED_FOR_PLAN if name not in state.answered]


def _make_plan(turn: _Turn) -> str:
    """Plan now, or say what is missing and go and ask it."""
    missing = missing_for_plan(turn.state, turn.catalog)
    if missing:
        labels = ", ".join(texts.FIELD_LABELS[name].lower() for name in missing)
        turn.say(texts.PLAN_MISSING.format(missing=labels))
        return missing[0]
    try:
        turn.roadmap = plan(turn.profile, turn.catalog, turn.today)
    except PlanError as exc:
        # The catalog changed under the learner (a role retired): ask the role again rather than fail.
        turn.say(texts.PLAN_FAILED.format(reason=exc))
        turn.unanswer("role")
        return "role"
    turn.state.planned = True
    return "done"


def _go(turn: _Turn, target: str, ask: bool = True) -> None:
    """Move to a step (NEXT = first open question; STAY = here) and ask its question."""
    state = turn.state
    if target == NEXT:
        target = _next_unanswered(turn)
    elif target == STAY:
        target = state.step
    if target not in STEP_BY_NAME or not STEP_BY_NAME[target].applies(turn):
        target = _next_unanswered(turn)
    if target != state.step and state.step not in _TRANSIENT:
        state.history = [*state.history, state.step][-_HISTORY_LIMIT:]
    if target != state.step:
        state.misses = 0
    if target != "skills":
        state.skill_category = None
    state.step = target
    if ask:
        _ask(turn)


def _ask(turn: _Turn) -> None:
    """Ask the open clarification if there is one, otherwise the current step's question."""
    if turn.state.pending:
        turn.say(
            turn.state.pending[0].prompt,
            [Option(label=texts.YES, value="confirm:yes"), Option(label=texts.NO, value="confirm:no")],
        )
        return
    current = STEP_BY_NAME[turn.state.step]
    turn.say(current.question(turn), current.options(turn), current.multi_select(turn))
    if current.name in _STEP_UNITS:
        turn.replies[-1] = turn.replies[-1].model_copy(update={"amount": True})


def current_reply(state: DialogueState, catalog: Catalog, today: date) -> Reply:
    """The question the learner is looking at now (for front-ends that redraw it)."""
    turn = _Turn(state.model_copy(deep=True), catalog, today)
    _ask(turn)
    return turn.replies[-1]


# ---------------------------------------------------------------- inputs


def _button(turn: _Turn, value: str) -> bool:
    """Apply a button value; False when no handler knows it."""
    prefix, _, arg = value.partition(":")
    handler = BUTTONS.get(prefix)
    if handler is None:
        return False
    if prefix != "confirm":
        turn.state.pending = []
    target = handler(turn, arg)
    if target is None:
        return False
    _go(turn, target)
    return True


def _label_match(turn: _Turn, text: str) -> str | None:
    """The value of the shown option whose label the learner typed."""
    wanted = text.strip().casefold()
    for option in _shown_options(turn):
        label = option.label.casefold().removeprefix("✅").strip()
        if wanted in {label, option.label.casefold()}:
            return option.value
    return None


def _shown_options(turn: _Turn) -> list[Option]:
    if turn.state.pending:
        return [Option(label=texts.YES, value="confirm:yes"), Option(label=texts.NO, value="confirm:no")]
    current = STEP_BY_NAME[turn.state.step]
    return current.options(turn)


_PLAN_REQUEST = re.compile(
    r"(?:(?:ok(?:ay)?|please|pls|now|just|so|then|fine|alright|yes|yeah|sure|let'?s|go\s+ahead(?:\s+and)?|can\s+you"
    r"|could\s+you)[\s,]+)*(?:make|create|build|generate|give\s+me|show\s+me|do|draw\s+up)\s+"
    r"(?:me\s+)?(?:my|the|a|a\s+new)?\s*(?:plan|roadmap|it)(?:\s+(?:now|please|already|pls))*[\s.!?]*"
    r"|(?:make|my)\s+plan[.!]*|plan\s+(?:it|now)(?:\s+(?:now|please|pls|already))*[.!]*"
)
_SMALL_TALK = re.compile(
    r"(?:(?P<greeting>hi+|hello+|hey+|hallo|hiya|yo|good (?:morning|afternoon|evening)|howdy)"
    r"|(?P<thanks>thanks?(?: you)?|thank you(?: so much)?|thx|ty|cheers))(?: there| waypoint| bot)?[\s!.?👋🙂😊]*"
)


def _text(turn: _Turn, text: str) -> None:
    """Free text: an option label, a strict answer to this step, or anything understanding can read."""
    state = turn.state
    current = STEP_BY_NAME[state.step]
    misses, state.misses = state.misses, 0
    text = _undecorated(text)
    unanswered: list[Clarification] = []
    if state.pending:
        confirm = _parse_yes_no("confirm")(turn, text)
        if confirm and _button(turn, confirm):
            return
        unanswered, state.pending = state.pending, []
    start, before, before_answered = len(turn.replies), turn.profile.model_copy(deep=True), set(state.answered)
    if state.step in _STEP_UNITS and _number(text, state.step) is not None:
        text = _spelled_out(text)  # "twenty-one hours" is 21 for every reader, not a range "twenty to one"
    read = understand(_with_unit(state.step, text), turn.catalog, turn.today)
    label = _label_match(turn, text)
    if label and _button(turn, label):
        _acknowledge(turn, start, before, before_answered)
        return
    if _PLAN_REQUEST.fullmatch(text.strip().lower()):
        # "make plan", "ok make it" at any question: plan now, or say what is still missing. Before the strict
        # parse, so "make my plan" at a yes/no question is never read as its "yes" (certificates nobody asked for).
        _go(turn, _make_plan(turn))
        return
    value = current.parse(turn, text)
    if value and not _leading_word_states_fact(turn, text, read) and _answer_and_facts(turn, value, read):
        _acknowledge(turn, start, before, before_answered)
        return
    if _skip(turn, text):
        _acknowledge(turn, start, before, before_answered)
        return
    facts = _withhold_guesses(read)
    facts = _for_this_step(turn, facts, text)
    extra, noted = _money_and_dates(turn, facts)
    facts, held_back = _hold_changes(turn, facts)
    changed = _apply_and_echo(turn, facts)
    state.pending = [q for q in facts.questions if q.prompt] + extra + held_back
    if noted and not changed and not state.pending:
        _go(turn, STAY)
        return
    if not changed and not state.pending:
        before, before_answered = turn.profile.model_copy(deep=True), set(state.answered)
        target = current.fallback(turn, text)
        if target is not None:
            parts = _echo(before, before_answered, turn)
            if parts:
                turn.say(texts.GOT_IT.format(facts=", ".join(parts)))
            _go(turn, target)
            return
        example = texts.EXAMPLES.get(state.step, texts.EXAMPLES["welcome"])
        if unanswered:
            # "lol" at "Change deadline: June → May?": the change is still open, so it is asked again.
            state.pending, example = unanswered, texts.CONFIRM_EXAMPLE
        # Small talk is not a wrong answer: greet back (or say "you're welcome") before asking again.
        small_talk = _SMALL_TALK.fullmatch(text.strip().lower())
        if small_talk:
            reply = texts.THANKS_REPLY if small_talk.group("thanks") else texts.GREETING_REPLY
            turn.say(reply.format(example=example))
        elif _about(turn, text):
            pass  # "what is mlops?": answered in a line, then the question again
        elif not re.search(r"\w", text) and yes_no(text) is None:
            turn.say(texts.REACTION_REPLY.format(example=example))  # ":)", "😂😂": a reaction, not a wrong answer
        elif _ASKS.search(text) and state.step in texts.WHY_ASKED:
            # "why do you need this?", "how long will it take?": a question back is not a wrong answer.
            turn.say(texts.ASKED_BACK.format(why=texts.WHY_ASKED[state.step]))
        elif _ASKS.search(text) and state.step in texts.ASKED_BACK_AT:
            turn.say(texts.ASKED_BACK_AT[state.step])
        elif yes_no(text) == "yes" and state.step in texts.YES_WHICH:
            turn.say(texts.YES_WHICH[state.step])  # "Any specialisation in mind?" - "yes": not a wrong answer
        elif misses >= 1:
            # The same "didn't catch that" twice is a wall: the second time also offers a way past the question.
            state.misses = misses + 1
            way_out = "" if unanswered else _way_out(state.step)
            turn.say(texts.NOT_UNDERSTOOD_AGAIN.format(example=example, way_out=way_out).strip())
        elif yes_no(text) is not None:
            # "yes" at "By when would you like to be job-ready?": say what kind of answer the question wants.
            state.misses = 1
            turn.say(texts.NOT_A_YES_NO.format(example=example))
        else:
            state.misses = 1
            turn.say(texts.NOT_UNDERSTOOD.format(example=example))
        turn.again = True
        _go(turn, STAY)
        return
    if changed and state.planned and state.step == "done" and not state.pending:
        # "change my deadline to next March" after the plan exists: plan again with it.
        turn.say(texts.PLAN_UPDATED)
        _go(turn, _make_plan(turn))
        return
    # Once the current question is answered (or it was not a question), move on to the next open one.
    stay = state.step in FIELDS and state.step not in state.answered
    _go(turn, STAY if stay else NEXT)


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
# What a skip means where the question has an answer for "nothing in particular".
_SKIP_VALUES: dict[str, str] = {
    "role": "role:unsure",
    "quiz1": "quiz1:skip",
    "quiz2": "quiz2:skip",
    "quiz3": "quiz3:skip",
    "domain": "domain:none",
    "skills": "skills:done",
    "deadline": "deadline:none",
}
# Questions that may simply stay open: the planner has a default for each.
_SKIPPABLE = frozenset({"education", "job", "years", "budget", "certificates"})


def _skip(turn: _Turn, text: str) -> bool:
    """Pass on the current question: keep an earlier answer, take its "nothing in particular" answer, leave it
    open, or (where the plan needs it) say why it is needed; False when the text is no skip or nothing applies."""
    state, name = turn.state, turn.state.step
    # "no", "none", "neither" where no option means "nothing": at the role and the quiz "none of these", at a
    # question the plan needs a refusal that deserves the reason.
    refused = name in {*texts.SKIP_NEEDED, "role", "quiz1", "quiz2", "quiz3"} and _refusal(text)
    if not _SKIP.fullmatch(text) and not refused:
        return False
    if name in FIELDS and name in state.answered:
        _go(turn, NEXT)  # "skip" while changing an answer keeps the answer
        return True
    if name in texts.SKIP_NEEDED:
        turn.say(texts.SKIP_NEEDED[name])
        turn.again = True
        _go(turn, STAY)
        return True
    if name in _SKIP_VALUES:
        return _button(turn, _SKIP_VALUES[name])
    if name not in _SKIPPABLE:
        return False
    turn.answer(name)
    state.skipped.append(name)
    turn.say(texts.SKIPPED.format(field=texts.FIELD_LABELS[name].lower(), name=name))
    _go(turn, NEXT)
    return True


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


def _way_out(step_name: str) -> str:
    """How to get past a question after two answers it did not understand."""
    if step_name in texts.WAY_OUT:
        return texts.WAY_OUT[step_name]
    return texts.WAY_OUT_SKIP if step_name in _SKIPPABLE or step_name in _SKIP_VALUES else ""


def _acknowledge(turn: _Turn, start: int, before: LearnerProfile, before_answered: set[str]) -> None:
    """A typed answer is said back: everything it changed in one "Got it" line, before the next question."""
    parts = _echo(before, before_answered, turn)
    if not parts:
        return
    head = texts.GOT_IT.split("{", 1)[0]
    turn.replies[start:] = [r for r in turn.replies[start:] if not r.text.startswith(head)]
    turn.replies.insert(start, Reply(text=texts.GOT_IT.format(facts=", ".join(parts))))


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
    """What a message states, without the bookkeeping (questions asked back, the correction flag)."""
    return {k: v for k, v in facts.model_dump(exclude={"questions", "correction", "midpoints"}).items()
            if v not in (None, [], {}, False)}


def _answer_and_facts(turn: _Turn, value: str, read: Facts) -> bool:
    """Apply a strict answer to the question, plus every other fact the message states; False if it is no answer."""
    prefix, _, arg = value.partition(":")
    handler = BUTTONS.get(prefix)
    if handler is None:
        return False
    state = turn.state
    questions: list[Clarification] = []
    own = _OWN_FACTS.get(state.step)
    if own is not None:
        defaults = {name: Facts.model_fields[name].get_default(call_default_factory=True) for name in own}
        others = read.model_copy(update={**defaults, "questions": [q for q in read.questions if q.field not in own]})
        others = _withhold_guesses(others)
        if not others.is_empty():
            extra, _ = _money_and_dates(turn, others)
            others, held_back = _hold_changes(turn, others)
            _apply_and_echo(turn, others)
            questions = [q for q in others.questions if q.prompt] + extra + held_back
    if prefix != "confirm":
        state.pending = []
    target = handler(turn, arg)
    state.pending = questions
    _go(turn, STAY if target is None else target)
    return True


# A bare number at a numeric question is in that question's unit: "about 3" at years, "6-8" at hours.
_STEP_UNITS: dict[str, str] = {"hours": " hours a week", "years": " years of experience", "budget": " dollars in total"}
_BARE_AMOUNT = re.compile(r"\s*(?:about|around|roughly|approximately|approx\.?|maybe|like|~|almost|nearly|over"
                          r"|at\s+least|up\s+to|max|maximum)?\s*\$?\s*\d+(?:\.\d+)?k?(?:\s*(?:-|to|or)\s*\$?\d+(?:\.\d+)?k?)?\s*"
                          r"(?:\+|ish|or\s+so|max|tops|at\s+most)?\s*[.!]?\s*", re.IGNORECASE)


def _with_unit(step_name: str, text: str) -> str:
    """The text with the current question's unit added when it is only a number ("about 3" -> "about 3 years...")."""
    unit = _STEP_UNITS.get(step_name)
    if unit is None or not _BARE_AMOUNT.fullmatch(text):
        return text
    return text.rstrip(" .!") + unit


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


_ASKS = re.compile(r"\?|^\W*(?:what|what's|whats|wtf|who|how|why|is|are|does|do\s+i\s+need|explain"
                   r"|tell\s+me\s+about)\b", re.IGNORECASE)


def _about(turn: _Turn, text: str) -> bool:
    """A question about a role or skill the catalog knows ("what is mlops?") gets its one-line description."""
    if not _ASKS.search(text):
        return False
    lines = [texts.ABOUT.format(name=r.name, summary=_first_sentence(r.summary))
             for r in (turn.catalog.role_by_id[i] for i in named_ids(text, turn.catalog, "role")[:2])]
    lines += [texts.ABOUT.format(name=s.name, summary=_first_sentence(s.why))
              for s in (turn.catalog.skill_by_id[i] for i in named_ids(text, turn.catalog, "skill")[:2])]
    if not lines:
        return False
    turn.say("\n".join(lines))
    return True


def _months_until(today: date, deadline: date) -> int:
    """Whole months from today to the deadline, at least one."""
    return max(1, round((deadline - today).days / 30.44))


def _money_and_dates(turn: _Turn, facts: Facts) -> tuple[list[Clarification], bool]:
    """Budgets per month or in other currencies, and dates that cannot be deadlines: converted, asked or explained.

    Returns the questions to ask and whether something was said.
    """
    questions: list[Clarification] = []
    noted = False
    if facts.deadline_problem and facts.deadline is None:
        template = {"past": texts.DEADLINE_PAST, "impossible": texts.DEADLINE_IMPOSSIBLE}.get(
            facts.deadline_problem, texts.DEADLINE_TOO_FAR
        )
        turn.say(template.format(said=facts.deadline_said or ""))
        noted = True
    if facts.budget_problem == "negative":
        turn.say(texts.BUDGET_NEGATIVE)
        noted = True
    if facts.budget_foreign is not None and not facts.budget_known:
        currency = facts.budget_foreign.currency
        rate = USD_PER.get(currency.lower())
        if rate is None:
            turn.say(texts.BUDGET_CURRENCY_ASK.format(amount=facts.budget_foreign.amount, currency=currency))
            noted = True
        else:
            usd = usd_value(facts.budget_foreign)
            turn.say(texts.BUDGET_CONVERTED.format(amount=facts.budget_foreign.amount, currency=currency, usd=usd,
                                                   rate=rate, date=RATES_DATE))
            facts.budget_usd, facts.budget_known = usd, True
    if facts.budget_monthly is not None and not facts.budget_known:
        monthly = facts.budget_monthly
        deadline = facts.deadline or turn.profile.deadline
        if deadline is not None and deadline > turn.today:
            months = _months_until(turn.today, deadline)
            total = round(monthly * months, 0)
            turn.say(texts.BUDGET_MONTHLY_CONVERTED.format(monthly=monthly, months=months, total=total))
            facts.budget_usd, facts.budget_known = total, True
        else:
            months = 12
            total = round(monthly * months, 0)
            questions.append(Clarification(
                field="budget_usd", value=f"{total:g}", alternative=f"{monthly:g}",
                prompt=texts.BUDGET_MONTHLY_ASK.format(monthly=monthly, months=months, total=total),
            ))
    return questions, noted


def _hold_changes(turn: _Turn, facts: Facts) -> tuple[Facts, list[Clarification]]:
    """Never overwrite silently: a new value for an answered field is asked about ("deadline 2028-05 → 2027-01?").

    The field the current question asks, and explicit corrections ("actually 10 hours, not 5"), apply at once.
    """
    state = turn.state
    if facts.correction:
        return facts, []
    questions: list[Clarification] = []
    updates: dict[str, object] = {}
    for fact_field, name in FACT_FIELDS.items():
        if name not in state.answered or name == state.step:
            continue
        new = getattr(facts, fact_field)
        if fact_field == "budget_usd":
            if not facts.budget_known:
                continue
        elif new is None:
            continue
        trial = turn.profile.model_copy(deep=True)
        if fact_field == "budget_usd":
            trial.budget_usd, trial.budget_known = new, True
        elif fact_field == "target_role" and new not in turn.catalog.role_by_id:
            continue
        else:
            setattr(trial, fact_field, new)
        old_text, new_text = describe(name, turn.profile, turn.catalog), describe(name, trial, turn.catalog)
        if old_text == new_text:
            continue
        value = "none" if new is None else (new.isoformat() if isinstance(new, date) else
                                            new.value if isinstance(new, Education) else str(new))
        questions.append(Clarification(
            field=fact_field, value=value,
            prompt=texts.CONFIRM_CHANGE.format(label=texts.FIELD_LABELS[name].lower(), old=old_text, new=new_text),
        ))
        updates[fact_field] = None
        if fact_field == "budget_usd":
            updates["budget_known"] = False
    return (facts.model_copy(update=updates) if updates else facts), questions


def _command(turn: _Turn, raw: str) -> None:
    """A slash command; available at every point."""
    state = turn.state
    name, _, arg = raw.strip().partition(" ")
    name = name.lower().split("@", 1)[0]
    arg = arg.strip().lower()
    if name != "/help" and name != "/summary":
        state.pending = []
    match name:
        case "/start":
            if state.step == "welcome" and not state.answered:
                turn.say(texts.WELCOME)
                _go(turn, NEXT)
            elif state.planned:
                turn.say(texts.WELCOME_BACK_PLANNED, _done_options(turn))
                _go(turn, "done", ask=False)
            else:
                turn.say(texts.WELCOME_BACK)
                _go(turn, (state.resume_step or NEXT) if state.step in _TRANSIENT else STAY)
        case "/restart":
            if state.step != "restart":
                state.resume_step = state.step
            _go(turn, "restart")
        case "/back":
            if state.history:
                previous = state.history[-1]
                state.history = state.history[:-1]
                state.step = previous
                _go(turn, STAY)
            else:
                turn.say(texts.NOTHING_TO_GO_BACK_TO)
                _go(turn, STAY)
        case "/edit":
            field_name = _edit_field(turn, arg)
            if arg and field_name is None:
                turn.say(texts.EDIT_UNKNOWN_FIELD.format(field=arg))
            _go(turn, _choose_edit(turn, field_name or "") or "edit")
        case "/summary":
            if _next_unanswered(turn) == "summary" or state.step in {"summary", "done", "edit"}:
                _go(turn, "summary")
            else:
                turn.say(_summary_question(turn).rsplit("\n\n", 1)[0])
                _go(turn, STAY)
        case "/plan":
            if state.planned and state.step == "done":
                # Nothing changed since the last plan: show it (the front-end adds any catalog notices).
                _go(turn, _choose_plan(turn, "show") or "done")
            else:
                _go(turn, _make_plan(turn))
        case "/help":
            turn.say(texts.HELP)
            _go(turn, STAY if state.step not in {"welcome", "paused"} else NEXT)
        case "/cancel":
            if state.step != "paused":
                state.resume_step = state.step
            state.skill_category = None
            _go(turn, "paused", ask=False)
            turn.say(texts.CANCELLED)
        case _:
            turn.say(texts.UNKNOWN_COMMAND.format(command=name))
            _go(turn, STAY if state.step != "welcome" else NEXT)


def _edit_field(turn: _Turn, arg: str) -> str | None:
    """The field `/edit <arg>` names: a field name or label, or a word of either."""
    arg = re.sub(r"^(?:(?:change|edit|fix|update|correct|my|the|i\s+want\s+to)\s+)+", "", arg.lower()).strip(" .!?")
    if not arg:
        return None
    fields = _applicable_fields(turn)
    for name in fields:
        label = texts.FIELD_LABELS[name].lower()
        if arg in {name, label} or name.startswith(arg) or arg in label.split():
            return name
    # A typo ("budgt", "deadlne", "hourse") still names the field when it is close to one name only.
    names = {name: name for name in fields} | {texts.FIELD_LABELS[name].lower(): name for name in fields}
    close = difflib.get_close_matches(arg, list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


# ---------------------------------------------------------------- the engine


def step(state: DialogueState, inp: UserInput, catalog: Catalog, today: date) -> StepResult:
    """Advance the conversation by one learner input; pure, never raises on any text."""
    turn = _Turn(state.model_copy(deep=True), catalog, today)
    if inp.kind != "text":
        turn.state.misses = 0
    if turn.state.step not in STEP_BY_NAME:
        # A state saved by an older version of the dialogue: carry on from the first open question.
        turn.state.step = _next_unanswered(turn)
    if inp.kind == "command":
        _command(turn, inp.value)
    elif inp.kind == "button":
        if not _button(turn, inp.value):
            _go(turn, STAY if turn.state.step != "welcome" else NEXT)
    else:
        if turn.state.step == "welcome":
            turn.say(texts.WELCOME)
            turn.state.step = "role"
        _text(turn, inp.value)
    turn.state.version = state.version + 1
    return StepResult(state=turn.state, replies=turn.replies, roadmap=turn.roadmap, show_plan=turn.show_plan)
