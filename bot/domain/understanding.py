"""Free-text understanding: turn one learner message into Facts about goals and background.

Meaning, not keywords. How it works, in passes over one message, each linear in its length:

1. Normalise: curly quotes and dashes become ASCII, number words become digits ("ten hours" -> "10 hours",
   "a year" -> "1 year"), absurd runs are collapsed (a 4,000-digit number, a word or sentence pasted hundreds
   of times) and the text is cut at `MAX_CHARS`; at most `MAX_MENTIONS` catalog phrases are weighed.
2. Whose words: clauses whose subject is someone else ("my friend knows PyTorch", "the job ad says ...",
   a quoted advert) are blanked before anything is read, up to a first-person clause ("but I only know Python").
3. Phrase matching against a `Matcher` built once per catalog: every role, domain, skill and certification
   name and alias, plus built-in short forms. Typos are caught with rapidfuzz's optimal-string-alignment
   distance. Tools outside the vocabulary (Go, Terraform, React, LaTeX) are matched from `OTHER_TECH`.
4. What is asserted: each mention gets a mode from its clause - known ("I know", "I use ... at work", a bare
   list), negated or forgotten ("no SQL yet", "used R but forgot it": `unknown_skills`), wished for ("want
   to learn"), asked about (a question: neither list) or a certificate's name. Only first-person present
   knowledge is a known skill, with a depth when the words give one ("a bit of" basic, "comfortable"
   working, "years of"/"expert"/"very well" deep). Roles ruled out ("I do NOT want to be a data scientist",
   "not ML engineer") are never the goal; roles named in a question are no goal.
5. Numbers and dates on the normalised text: hours, deadline, budget, years, education, certificates,
   current job, and certificates already held ("I already have the AWS ML associate cert").

Label conventions (the labelled sets in tests/data/ use them; the dialogue echoes them):
- Ranges are their midpoint ("5-8h" -> 6.5, "$200-500" -> 350) and `midpoints` names the field, so the
  reply can say so. "20+" is 20, "2h a day" 14, "N on weekdays" 5N, "N each weekend day" 2N, "N at the
  weekend" N, and parts add up.
- A deadline ends where its period ends: "in 6 months" the same day number 6 months on, "about/within a year"
  +12 months, a month its last day ("by June 2027" -> 2027-06-30; without a year the next such month), a
  quarter its last day, a season its last day (winter: the end of February after), a year ("in 2027",
  "by 2028", "end of next year") December 31st. A past, impossible or absurdly far date is no deadline:
  `deadline_problem` says which, so the dialogue can say what is wrong.
- Budgets are totals in US dollars ("2k" 2000, "a few hundred" 300, "100 max" 100); a monthly amount is
  `budget_monthly` and an amount in another currency `budget_foreign` (never read as dollars; the dialogue
  converts at the fixed `USD_PER` rates of `RATES_DATE` and says so). Salaries, rent and prices of other
  things are no budget.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dates import add_months
from bot.domain.profile import Education


class Clarification(BaseModel):
    """An uncertain match the dialogue should confirm ("Did you mean computer vision engineer?")."""

    field: str = Field(description="Facts field the candidate would fill, e.g. 'target_role'")
    value: str = Field(description="candidate value (a catalog id, or a number as text)")
    prompt: str = Field(description="the question to ask, plain text")
    alternative: str | None = Field(None, description="the value stored on 'No' (None: nothing is stored)")


class ForeignAmount(BaseModel):
    """An amount in a currency other than US dollars, as stated."""

    amount: float
    currency: str = Field(description="ISO code, upper case: EUR, GBP, ...")


class Facts(BaseModel):
    """Everything one message said; every field may be absent."""

    target_role: str | None = Field(None, description="role id")
    domain: str | None = Field(None, description="domain id")
    hours_per_week: float | None = None
    deadline: date | None = None
    budget_usd: float | None = Field(None, description="None with budget_known = no limit; 0 = free only")
    budget_known: bool = False
    wants_certificates: bool | None = None
    education: Education | None = None
    current_role: str | None = Field(None, description="current job, free text as stated")
    years_experience: float | None = None
    known_skills: list[str] = Field(default=[], description="skill ids")
    unknown_skills: list[str] = Field(default=[], description="skill ids the text negated")
    certifications: list[str] = Field(default=[], description="certification ids named")
    held_certifications: list[str] = Field(default=[], description="certification ids the learner already holds")
    skill_depth: dict[str, str] = Field(default={}, description="skill id -> basic/working/deep, when words give it")
    other_experience: list[str] = Field(default=[], description="skills outside the vocabulary, lower case")
    deadline_problem: str | None = Field(
        None, description="'past', 'impossible' or 'too-far': the date said is no deadline"
    )
    deadline_said: str | None = Field(None, description="the words of an invalid deadline, for the reply")
    budget_monthly: float | None = Field(None, description="a budget stated per month (USD); budget_usd stays unset")
    budget_foreign: ForeignAmount | None = Field(None, description="a budget in another currency, not converted")
    budget_problem: str | None = Field(None, description="'negative' when an amount below zero was stated")
    midpoints: list[str] = Field(default=[], description="fields whose value is the midpoint of a stated range")
    correction: bool = Field(False, description="the message explicitly corrects an earlier answer")
    questions: list[Clarification] = []

    def is_empty(self) -> bool:
        """True when the message said nothing we understood (questions included)."""
        return self == Facts()

    def to_cli_json(self) -> dict[str, Any]:
        """The facts for `waypoint understand --json`: `CLI_KEYS`, absent facts omitted."""
        out: dict[str, Any] = {}
        for key in CLI_KEYS:
            value = getattr(self, key)
            if value is None or value == [] or value == {}:
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Education):
                value = value.value
            elif isinstance(value, BaseModel):
                value = value.model_dump()
            out[key] = value
        # A stated "no limit" is a fact too: show it as null rather than dropping it.
        if self.budget_known and self.budget_usd is None:
            out["budget_usd"] = None
        return out


CLI_KEYS: tuple[str, ...] = (
    "target_role",
    "domain",
    "hours_per_week",
    "deadline",
    "budget_usd",
    "wants_certificates",
    "education",
    "current_role",
    "years_experience",
    "known_skills",
    "skill_depth",
    "held_certifications",
    "other_experience",
    "budget_monthly",
    "budget_foreign",
    "deadline_problem",
)

# Longer messages are cut: nobody types more than this about themselves, and it bounds the time
# (every parser is linear in the length it sees; the cap keeps the worst case near 10 ms).
MAX_CHARS = 2_000
MAX_MENTIONS = 80

# Approximate USD value of one unit (fixed on purpose: the domain has no network and no clock).
RATES_DATE = "2026-11-02"
USD_PER: dict[str, float] = {"usd": 1.0, "eur": 1.08, "gbp": 1.27, "cad": 0.73, "aud": 0.66, "inr": 0.012}

# ---------------------------------------------------------------- vocabulary

# Extra phrasings for the canonical ids (docs/VOCABULARY.md); used only when the catalog has the id.
EXTRA_ALIASES: dict[str, tuple[str, list[str]]] = {
    "ml-engineer": ("role", ["ml engineer", "ml eng", "ml engineering", "machine learning engineering",
                             "mle", "ml engineers", "machine learning engineers"]),
    "data-scientist": ("role", ["ds", "data science", "data scientist", "data scientists"]),
    "nlp-engineer": ("role", ["nlp", "nlp engineer", "nlp engineering", "nlp eng"]),
    "cv-engineer": ("role", ["cv", "computer vision", "cv engineer", "computer vision engineer", "cv eng"]),
    "deep-learning-engineer": ("role", ["dl engineer", "deep learning engineer", "deep learning engineering"]),
    "mlops-engineer": ("role", ["mlops", "ml ops", "mlops engineer", "mlops engineering"]),
    "ml-researcher": ("role", ["ml researcher", "ai researcher", "ml research", "research scientist"]),
    "ai-engineer": ("role", ["ai engineer", "llm engineer", "llm eng", "llm engineering", "ai engineering",
                             "genai engineer", "llm developer", "llm dev", "ai developer"]),
    "data-engineer": ("role", ["data engineer", "data engineering"]),
    "data-analyst": ("role", ["data analyst", "data analytics", "data analysis"]),
    "vector-databases": ("skill", ["vector databases", "vector database"]),
    "nlp": ("domain", ["nlp", "natural language processing"]),
    "computer-vision": ("domain", ["computer vision", "cv"]),
    "speech": ("domain", ["speech"]),
    "recommender-systems": ("domain", ["recommender systems", "recommendation systems", "recommenders"]),
    "time-series": ("domain", ["time series", "forecasting"]),
    "reinforcement-learning": ("domain", ["reinforcement learning"]),
    "generative-ai": ("domain", ["generative ai", "genai", "gen ai"]),
    "tabular-business": ("domain", ["fraud", "churn", "pricing", "fintech"]),
    "spreadsheets-bi": ("skill", ["spreadsheets", "spreadsheet"]),
    "ml-fundamentals": ("skill", ["machine learning", "ml"]),
    "statistics": ("skill", ["statistics", "stats"]),
    "sql": ("skill", ["sql"]),
}

# A goal that names only the field ("get into ML", "AI") is asked back, never assumed.
WEAK_ROLE: dict[str, str] = {
    "ml": "ml-engineer",
    "machine learning": "ml-engineer",
    "ai": "ai-engineer",
    "artificial intelligence": "ai-engineer",
}

# Ordinary English words that some aliases also are ("text", "research"): they count as a skill or
# domain only when the sentence is clearly about skills or interests, and are never fuzzy-matched.
COMMON_WORDS = frozenset(
    [
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "ads", "agents", "analysis", "analyst", "api", "apis", "arrays", "attention", "audio", "back",
        "basic", "basics", "be", "because", "been", "before", "being", "best", "better", "between", "bias",
        "big", "bit", "both", "build", "but", "by", "can", "charts", "classification", "cloud",
        "clustering", "code", "coding", "collaboration", "complexity", "control", "cool", "could", "data",
        "day", "decision", "deployment", "derivatives", "design", "detection", "development", "did",
        "distributions", "do", "documentation", "does", "doing", "done", "each", "evals", "experience",
        "features", "few", "for", "from", "fun", "generative", "get", "good", "gradients", "great", "had",
        "has", "have", "help", "her", "here", "him", "his", "how", "i", "if", "images", "in", "inference",
        "into", "is", "it", "its", "job", "just", "language", "learn", "learning", "less", "like", "little",
        "lot", "make", "many", "me", "metrics", "model", "models", "monitoring", "more", "most", "much",
        "my", "need", "new", "no", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
        "out", "over", "own", "papers", "people", "personalization", "precision", "presentation", "pricing",
        "prompts", "queries", "ranking", "really", "recall", "regression", "recommendations", "research",
        "risk", "same", "serving", "shell", "should", "so", "some", "spare", "speech", "still", "streaming",
        "such", "take", "terminal", "testing", "text", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "thing", "think", "this", "those", "through", "time", "to", "too",
        "tracking", "translation", "under", "until", "up", "use", "used", "using", "very", "video",
        "vision", "voice", "want", "was", "way", "we", "well", "were", "what", "when", "where", "which",
        "while", "who", "why", "will", "with", "work", "working", "would", "writing", "year", "years",
        "you", "your", "vectors", "containers", "deep", "tuning", "free", "trial"
    ]
)

# Words that never start or end a catalog phrase: n-grams beginning or ending with one are not fuzzy-matched.
FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "i", "i'm", "im", "my", "me", "you", "your", "we", "our", "it", "its", "is", "am",
        "are", "was", "be", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "by",
        "from", "as", "that", "this", "what", "how", "just", "really", "very", "some", "any", "no", "not",
        "do", "don't", "can", "can't", "have", "has", "had", "will", "would", "about", "into", "than",
        "then", "there", "here"
    ]
)

# Alias spellings of two letters or fewer that are safe in lower case; others need upper case ("R", "DE").
SHORT_LOWER_OK = frozenset({"ml", "dl", "rl", "cv", "ds", "tf", "np", "pd", "py", "nn", "ai"})

# Nouns that end a job title ("backend developer", "high school teacher").
JOB_NOUNS = frozenset(
    [
        "developer", "developers", "dev", "devs", "engineer", "engineers", "programmer", "coder", "analyst",
        "scientist", "teacher", "student", "manager", "designer", "consultant", "accountant", "researcher",
        "administrator", "admin", "sysadmin", "tester", "nurse", "doctor", "physician", "lawyer",
        "physicist", "mathematician", "statistician", "economist", "marketer", "intern", "technician",
        "architect", "specialist", "officer", "writer", "journalist", "editor", "lecturer", "professor",
        "tutor", "assistant", "clerk", "cashier", "driver", "chef", "cook", "barista", "waiter", "waitress",
        "recruiter", "founder", "freelancer", "contractor", "lead", "director", "coordinator", "operator",
        "mechanic", "electrician", "pharmacist", "biologist", "chemist", "geologist", "musician", "artist",
        "photographer", "translator", "banker", "trader", "actuary", "auditor", "sre", "devops", "dba",
        "pilot", "librarian", "postdoc", "owner", "representative", "rep", "salesperson", "agent",
        "support", "qa", "pm", "swe", "sde", "teach", "strategist", "planner", "executive", "associate", "instructor",
        "trainer", "candidate", "servant", "worker", "employee", "nurse", "paramedic", "veterinarian", "vet",
        "surgeon", "dentist", "therapist", "psychologist", "soldier", "sergeant", "captain", "firefighter",
        "policeman", "policewoman", "farmer", "carpenter", "plumber", "welder", "machinist", "baker", "butcher",
        "cleaner", "janitor", "receptionist", "secretary", "bookkeeper", "underwriter", "broker", "realtor",
        "supervisor", "educator", "paralegal", "advisor", "adviser", "controller", "ux", "sde", "swe"
    ]
)

# Nouns that are never jobs although they end like one ("list", "christian" aside, these come up in messages).
_NOT_JOBS = frozenset({"list", "playlist", "checklist", "wishlist", "exist", "assist", "insist", "resist", "consist",
                       "persist", "twist", "wrist", "fist", "mist", "gist", "schist", "asian", "indian", "italian",
                       "russian", "canadian", "brazilian", "australian", "christian", "median", "guardian", "meridian"})


def is_job_noun(word: str) -> bool:
    """A noun that ends a job title: the listed ones, and "-ist"/"-ian" words (agronomist, technician)."""
    word = word.strip(".,;:!?()'\"").lower()
    if word in JOB_NOUNS or word.rstrip("s") in JOB_NOUNS:
        return True
    stem = word[:-1] if word.endswith("s") else word
    return len(stem) > 5 and stem.endswith(("ist", "ian")) and stem not in _NOT_JOBS


_ROLE_STOP = frozenset({"and", "with", "at", "in", "for", "who", "but", "from", "looking", "wanting", "trying",
                        "that", "to", "of", "on", "by", "since", "currently", "&", "working", "so", "i"})
ROLE_POSTFIX_TARGET = re.compile(r"\W*(?:wannabe|aspirant|hopeful|to be|in training|in the making)\b")
ROLE_ADJ_TARGET = re.compile(r"\b(?:aspiring|wannabe|would-be|future|budding|want|wanna|hope|becom)")

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000}

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}
SEASON_END = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}
# A deadline further away than this many years is no plan ("by 2999").
MAX_DEADLINE_YEARS = 30

# ---------------------------------------------------------------- text helpers

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                            "−": "-", "\u00a0": " ", "＄": "$"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
TOKEN = re.compile(r"[^\W_]+(?:[.'&][^\W_]+)*(?:\+\+|#)?")


def _lower_aligned(text: str) -> str:
    """Lower-case without changing the length, so offsets into the original stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# Words the meaning of a message hangs on ("I know", "want to", "a week"): a hurried typist swaps two letters of
# them ("i knwo", "wnat", "a weka"), which would lose the whole clause. Fixed in place (same length).
_CUE_WORDS = ("know", "knew", "want", "wanna", "week", "weeks", "learn", "learning", "hours", "years", "month",
              "months", "become", "degree", "budget", "experience", "engineer", "scientist", "python", "about",
              "would", "like")
_SWAPPED: dict[str, str] = {
    w[:i] + w[i + 1] + w[i] + w[i + 2 :]: w for w in _CUE_WORDS for i in range(len(w) - 1) if w[i] != w[i + 1]
}
_SWAPPED = {k: v for k, v in _SWAPPED.items() if k not in _CUE_WORDS and k != "horus"}
_SWAP_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _SWAPPED), key=len, reverse=True)) + r")\b")


def _fix_swapped_letters(low: str) -> str:
    """"i knwo pyhton" -> "i know python": cue words with two neighbouring letters swapped, same length."""
    low = _SWAP_RE.sub(lambda m: _SWAPPED[m.group(0)], low)
    # "8hrs a weak": a sound-alike after an hours unit
    return _WEAK_WEEK.sub(r"\1\2week", low) if "weak" in low else low


_WEAK_WEEK = re.compile(r"(\d\s*(?:h|hrs?|hours?))(\s*(?:a|per|each|every|/)\s*)weak\b")


def _norm_tokens(phrase: str) -> tuple[str, ...]:
    """The token tuple of an alias or a piece of text, lower-cased."""
    return tuple(t.group(0) for t in TOKEN.finditer(_lower_aligned(phrase.translate(_TRANSLATE))))


_NUM_WORD_RE = re.compile(
    r"\b(?:(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|hundred|thousand|a)"
    r"(?:[\s-]+(?:and\s+)?(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r"|hundred|thousand))*)\b"
)
_UNITS = r"(?:hours?|hrs?|days?|weeks?|months?|years?|yrs?|decades?|minutes?|mins?)"


def _words_to_number(words: str) -> int | None:
    """'twenty five' -> 25, 'two hundred' -> 200, 'a hundred' -> 100; None when not a number."""
    total, current = 0, 0
    parts = [p for p in re.split(r"[\s-]+", words) if p and p != "and"]
    if parts == ["a"]:
        return None
    for part in parts:
        if part == "a":
            current = 1
        elif part in NUMBER_WORDS:
            current += NUMBER_WORDS[part]
        elif part in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[part]
            if part == "thousand":
                total, current = total + current, 0
        else:
            return None
    return total + current


def normalise_numbers(low: str) -> str:
    """Spell numbers as digits: 'ten hours' -> '10 hours', 'a year and a half' -> '1.5 year'."""
    low = re.sub(r"\b(?:yaer|yera|yeaer|yr)(s?)\b", r"year\1", low)
    low = re.sub(r"(\d)\s*-?ish\b", r"\1", low)
    low = re.sub(r"\bbetween\s+(\$?\s?\d+(?:\.\d+)?)\s*(?:\w+\s+)?and\s+(?=\$?\s?\d)", r"\1-", low)
    low = re.sub(r"\b(?:hrous|hosur|huors|horus)\b", "hours", low)
    low = re.sub(r"\b(?:monht|mnoth|moth)(s?)\b", r"month\1", low)
    low = re.sub(r"\b(?:a|one)\s+(" + _UNITS + r")\s+and\s+a\s+half\b", r"1.5 \1", low)
    low = re.sub(r"\bhalf\s+(?:an?\s+)?(" + _UNITS + r")\b", r"0.5 \1", low)
    low = re.sub(r"\b(?:a\s+)?couple\s+(?:of\s+)?(?=" + _UNITS + r"|\w+\s+" + _UNITS + r")", "2 ", low)
    low = re.sub(r"\ba\s+few\s+(?=" + _UNITS + r")", "3 ", low)
    # "a year" is one year, but "hours a week" keeps its "a": it is a rate, not a count.
    # ("twenty one years" keeps its "one": it is part of the number)
    low = re.sub(r"(?<![\w$€£-])(\w+\s+)?(?:an?|one)\s+(?=" + _UNITS + r"\b)",
                 lambda m: m.group(0) if m.group(1) and re.match(_UNITS + r"|\d|h\b|usd|dollars?|euros?|bucks"
                                                                          r"|quid|pounds?|eur|gbp|rupees?|twenty|thirty"
                                                                          r"|forty|fourty|fifty|sixty|seventy|eighty"
                                                                          r"|ninety", m.group(1))
                 else (m.group(1) or "") + "1 ", low)

    def repl(m: re.Match[str]) -> str:
        value = _words_to_number(m.group(0))
        return m.group(0) if value is None else str(value)

    low = _NUM_WORD_RE.sub(repl, low)
    # "1.5k" -> "1500", "2 lakh" -> "200000", "2,000" and "2,00,000" -> plain digits: every amount one number.
    low = re.sub(r"(\d+(?:\.\d+)?)\s?(k|lakhs?|lacs?|crores?)\b",
                 lambda m: _plain(float(m.group(1)) * _SCALE[m.group(2).rstrip("s")]), low)
    low = re.sub(r"(?<=\d),(?=\d\d(?:,\d\d)*,\d{3}\b)", "", low)
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", low)


_SCALE = {"k": 1_000, "lakh": 100_000, "lac": 100_000, "crore": 10_000_000}


def _plain(value: float) -> str:
    """A number as plain digits: 1500.0 -> '1500', 2.5 -> '2.5', never in exponent form."""
    return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- catalog index


@dataclass(frozen=True)
class Target:
    """What an alias names: a catalog entry of one kind."""

    kind: str  # role, domain, skill, cert
    id: str


@dataclass
class Matcher:
    """Phrase index over a catalog, built once per catalog."""

    phrases: dict[tuple[str, ...], set[Target]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    max_len: int = 1
    # Fuzzy candidates keyed by first letter: joined phrase strings of six letters or more.
    fuzzy: dict[str, list[str]] = field(default_factory=dict)
    by_joined: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Phrase lengths (longest first) by first token, so most tokens cost one dict lookup.
    lengths: dict[str, list[int]] = field(default_factory=dict)
    # The catalog's own spellings of one- and two-letter aliases ("Go", "R"), matched case-sensitively.
    short_forms: set[str] = field(default_factory=set)
    role_domains: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, catalog: Catalog) -> Matcher:
        """Index every name, alias and id (with hyphens as spaces) of roles, domains, skills and certs."""
        m = cls()
        for role in catalog.roles:
            m.labels[role.id] = role.name
            m.role_domains[role.id] = tuple(role.domains)
            m._add_all("role", role.id, [role.name, *role.aliases, role.id])
        for dom in catalog.domains:
            m.labels[dom.id] = dom.name
            m._add_all("domain", dom.id, [dom.name, *dom.aliases, dom.id])
        for skill in catalog.skills:
            m.labels[skill.id] = skill.name
            m._add_all("skill", skill.id, [skill.name, *skill.aliases, skill.id])
        for cert in catalog.certifications:
            m.labels[cert.id] = cert.name
            m._add_all("cert", cert.id, [cert.name, cert.id])
        known = {kind: set(ids) for kind, ids in (
            ("role", catalog.role_by_id), ("domain", catalog.domain_by_id), ("skill", catalog.skill_by_id))}
        for entry_id, (kind, aliases) in EXTRA_ALIASES.items():
            if entry_id in known[kind]:
                m._add_all(kind, entry_id, aliases)
        for phrase in m.phrases:
            m.lengths.setdefault(phrase[0], []).append(len(phrase))
        for first, sizes in m.lengths.items():
            m.lengths[first] = sorted(set(sizes), reverse=True)
        for phrase in m.phrases:
            joined = " ".join(phrase)
            if len(joined) >= 6 and not (len(phrase) == 1 and joined in COMMON_WORDS):
                m.fuzzy.setdefault(joined[0], []).append(joined)
                m.by_joined[joined] = phrase
        return m

    def _add_all(self, kind: str, entry_id: str, names: Iterable[str]) -> None:
        for name in names:
            variants = {name, name.replace("-", " ")}
            # "ML engineer" also reads as "ML engineering"/"ML engineers"; keep the index symmetric.
            for suffix, alt in (("engineer", "engineering"), ("engineer", "engineers"), ("scientist", "science"),
                                ("analyst", "analytics"), ("researcher", "research")):
                if kind == "role" and name.lower().endswith(suffix) and " " in name:
                    variants.add(name[: -len(suffix)] + alt)
            if len(name.strip()) <= 2:
                self.short_forms.add(name.strip())
            for variant in variants:
                tokens = _norm_tokens(variant)
                if tokens:
                    self.phrases.setdefault(tokens, set()).add(Target(kind, entry_id))
                    self.max_len = max(self.max_len, len(tokens))


_MATCHERS: dict[int, tuple[Catalog, Matcher]] = {}


def matcher_for(catalog: Catalog) -> Matcher:
    """The cached Matcher of a catalog (keyed by identity; the catalog is immutable)."""
    cached = _MATCHERS.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    if len(_MATCHERS) > 16:  # admin edits make new catalogs; keep only a few indexes alive
        _MATCHERS.clear()
    built = Matcher.build(catalog)
    _MATCHERS[id(catalog)] = (catalog, built)
    return built


# ---------------------------------------------------------------- clauses and mentions

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
    r"|proficient|fluent|good at|good with|decent|skills?|skilled|background|code in|coding in|written"
    r"|wrote|built|did|done|have|i've|ive|strong|solid|basic|basics|some|bit of|little|expert|exposure"
    r"|stack|tools|daily|every\s+day|at\s+work|day[- ]to[- ]day|self[- ]taught|doing|write|writing|analy[sz]e\w*"
    r"|program\w*|script\w*|all\s+day|a\s+ton|for\s+everything|just\s+started|started\s+with"
    r"|wizard|ninja|guru|power\s+user|in\s+prod(?:uction)?)\b"
)
INTEREST_CUE = re.compile(
    r"\b(?:interest\w*|focus\w*|speciali[sz]\w*|work on|working on|work in|into|passion\w*|love|like"
    r"|domain|field|area|build\w*|industry|fascinated|curious|want|wanna|would like|dream|goal)\b"
)
_FASCINATION = re.compile(r"\b(?:fascinat\w*|enjoy\w*|especially|passion\w*|love|fun|cool|exciting|interesting)\b")
GOAL_CUE = re.compile(
    r"\b(?:i'd\s+love|love\s+to|go\s+into|going\s+into|move\s+into|want|wanna|would like|i'd like|become"
    r"|becoming|goal|aim|aiming|target|dream|hope|plan"
    r"|switch|transition|move|moving|pivot|get into|break into|land|career|job as|role as|position"
    r"|interested|looking|trying|to be)\b"
)


_LIST_JOIN = re.compile(r"[\s,]*(?:(?:and|or|nor|&|\+|plus|also|such as|like|e\.g\.|including)\s+)?(?:\w+\s+){0,3}")


@dataclass
class Segment:
    """A clause of the message: its span, sentence and whether it opened with a contrast ('but')."""

    start: int
    end: int
    sentence: int
    contrast: bool


def _segments(low: str) -> list[Segment]:
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


@dataclass
class Mention:
    """A catalog phrase found in the text."""

    start: int
    end: int
    text: str  # as written
    targets: set[Target]
    fuzzy: bool
    weak: bool
    segment: int = 0
    mode: str = "neutral"  # neutral, know, list, neg, learn, ask, cert
    depth: str | None = None
    in_job: bool = False  # inside the current job title ("Java dev"): the learner works with it

    def kinds(self) -> set[str]:
        """Kinds of entry the phrase may name."""
        return {t.kind for t in self.targets}

    def ids(self, kind: str) -> list[str]:
        """Ids of one kind the phrase names, sorted for determinism."""
        return sorted(t.id for t in self.targets if t.kind == kind)


def _find_mentions(text: str, low: str, matcher: Matcher) -> list[Mention]:
    """Longest exact phrase at each token, then fuzzy matches for the tokens left over."""
    tokens = [(t.start(), t.end(), t.group(0)) for t in TOKEN.finditer(low)]
    mentions: list[Mention] = []
    covered = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        found = None
        for n in matcher.lengths.get(tokens[i][2], ()):
            if i + n > len(tokens):
                continue
            key = tuple(t[2] for t in tokens[i : i + n])
            targets = matcher.phrases.get(key)
            original = text[tokens[i][0] : tokens[i + n - 1][1]]
            if targets and _short_ok(key, original, low, tokens[i][0], matcher.short_forms):
                found = (n, targets)
                break
        if found:
            n, targets = found
            start, end = tokens[i][0], tokens[i + n - 1][1]
            weak = n == 1 and tokens[i][2] in COMMON_WORDS
            mentions.append(Mention(start, end, text[start:end], set(targets), False, weak))
            for k in range(i, i + n):
                covered[k] = True
            i += n
        else:
            i += 1
    # Typos: try trigrams, bigrams, then single words among the uncovered tokens (each distinct query once).
    seen: dict[str, Any] = {}
    plain = [t[2] for t in tokens]
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            # Cheap tests first: most n-grams start or end with a function word.
            if n > 1 and (plain[i] in FUNCTION_WORDS or plain[i + n - 1] in FUNCTION_WORDS):
                continue
            if n == 1 and (plain[i] in COMMON_WORDS or not plain[i].isalpha()):
                continue
            if covered[i] or covered[i + n - 1] or (n == 3 and covered[i + 1]):
                continue
            words = plain[i : i + n]
            query = " ".join(words)
            if len(query) < 6:
                continue
            choices = matcher.fuzzy.get(query[0])
            if not choices:
                continue
            # About one slip per word: "machin lerning enginer" is three letters off a three-word name.
            limit = 1 if len(query) <= 8 else 3 if n == 3 and len(query) >= 18 else 2
            if query in seen:
                best = seen[query]
            else:
                best = seen[query] = process.extractOne(query, choices, scorer=OSA.distance, score_cutoff=limit)
            if best is None or best[1] == 0:
                continue
            phrase = matcher.by_joined[best[0]]
            if len(phrase) != n or abs(len(best[0]) - len(query)) > limit:
                continue
            start, end = tokens[i][0], tokens[i + n - 1][1]
            mentions.append(Mention(start, end, text[start:end], set(matcher.phrases[phrase]), True, False))
            for k in range(i, i + n):
                covered[k] = True
    mentions.sort(key=lambda m: m.start)
    return mentions


def _short_ok(key: tuple[str, ...], original: str, low: str, start: int, short_forms: set[str]) -> bool:
    """Aliases of one or two letters need upper case or the catalog's spelling ("R", "Go") unless safe ("ml")."""
    if len(key) != 1 or len(key[0]) > 2:
        return True
    word = key[0]
    if word == "cv":
        # "my CV", "CV writing" is a résumé, not computer vision.
        before = low[max(0, start - 8) : start]
        after = low[start + 2 : start + 20]
        if re.search(r"\b(?:my|your|a|the|our)\s+$", before) or re.match(
            r"\s+(?:writing|review|and cover|and resume|template|update)", after
        ):
            return False
    if word in SHORT_LOWER_OK:
        return True
    if low[start + len(word) : start + len(word) + 1] in {"&", "'"}:
        return False
    return original.isupper() or original in short_forms


_FORGOT = re.compile(r"\b(?:forgot|forgotten|forget|don'?t\s+remember|do\s+not\s+remember|can'?t\s+remember"
                     r"|lost\s+(?:it|"
                     r"all|touch)|long\s+gone|haven'?t\s+(?:used|touched)\s+(?:it|them)\s+in|no\s+longer\s+(?:know|"
                     r"remember)|gone\s+rusty\s+and\s+forgot|gave\s+up|give\s+up|never\s+(?:used|tried|touched)\s+(?:it|them)"
                     r"|haven'?t\s+(?:touched|used|written|done)\s+(?:any\s+)?(?:code|it|them|anything)\s+(?:in|for|since))\b")
_USED_TO = re.compile(r"\bused\s+to\s+(?:know|use|do|code|write|work\s+with|be\s+good\s+at|program|develop|script)\b"
                      r"[^.;]*$")
_QUESTION_START = re.compile(r"^\W*(?:and\s+|so\s+|also\s+|but\s+)?(?:(?:what|how)\b(?!\s+(?:i|i'm|i've|i'd|we"
                             r"|really)\b)"
                             r"|(?:what's|whats|is|are|which|why|where|when|who|isn't|wdyt|any\s+idea)\b"
                             # A modal opens a question only before its subject: "would love to ..." is a wish.
                             r"|(?:do|does|should|can|could|would|will)\s+(?:i|you|we|it|this|that|there|he|she|they"
                             r"|my|the|a|an|ml|data|sql|python|[a-z]+\s+engineers?)\b)")
_DEPTH_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("basic", re.compile(r"\b(?:a\s+(?:little\s+)?bit\s+(?:of|in)|a\s+little(?:\s+bit)?|little\s+(?:bit\s+)?of|basic"
                         r"|basics\s+of|the\s+basics"
                         r"|beginner|rusty|limited|some\s+basic|some(?=\s*$)|a\s+tiny\s+bit|dabbled\s+(?:in|with)|played\s+(?:a\s+"
                         r"bit\s+)?(?:with|around\s+with)|novice|entry[- ]level|just\s+started|elementary|barely)\b")),
    ("deep", re.compile(r"\b(?:years\s+of|\d+\s*\+?\s*years\s+(?:of|with|in)|expert|advanced|deep|strong|extensive|"
                        r"fluent|mastered|very\s+good|really\s+good|excellent|professionally|in\s+depth|senior[- ]level"
                        r"|a\s+lot\s+of)\b")),
    ("working", re.compile(r"\b(?:working\s+knowledge|comfortable|decent|solid|intermediate|good|proficient|confident"
                           r"|fairly\s+good|pretty\s+good)\b")),
)


def _question_segments(low: str, segments: list[Segment]) -> set[int]:
    """Indexes of segments that ask something ("what is pytorch", "do I need it?")."""
    out: set[int] = set()
    for i, seg in enumerate(segments):
        piece = low[seg.start : seg.end]
        ends_sentence = i + 1 == len(segments) or segments[i + 1].sentence != seg.sentence
        asked = ends_sentence and low[seg.end : seg.end + 1] == "?"
        if _QUESTION_START.match(piece) or (asked and not re.search(r"\b(?:i\s+know|i'm|i\s+have|i've)\b", piece)):
            out.add(i)
    return out


def _assign_modes(low: str, mentions: list[Mention], segments: list[Segment]) -> None:
    """Set each mention's segment and mode (known, negated, wished for, asked about, neutral) and depth."""
    # Cue words inside a catalog phrase do not count ("learning" in "deep learning", "learn" in "scikit-learn").
    asked = _question_segments(low, segments)
    orig = low
    chars = list(low)
    for m in mentions:
        chars[m.start : m.end] = " " * (m.end - m.start)
    low = "".join(chars)
    bare: dict[int, bool] = {}
    seg_index = 0
    previous: Mention | None = None
    for m in mentions:
        while seg_index < len(segments) - 1 and m.start >= segments[seg_index].end:
            seg_index += 1
        seg = segments[seg_index] if segments else Segment(0, len(low), 0, False)
        m.segment = seg_index
        start = max(seg.start, m.start - 200)
        before = low[start : m.start]
        after = low[m.end : min(seg.end, m.end + 200)]
        neg = list(NEG_CUE.finditer(before))
        learn = list(LEARN_CUE.finditer(before))
        answer = _SELF_ANSWER.match(orig[seg.end : seg.end + 20]) if orig[seg.end : seg.end + 1] == "?" else None
        if m.in_job:
            m.mode = "know"
        elif answer is not None:
            # "Know SQL? yes. Python? a bit. Stats? no." answers its own questions.
            m.mode = "neg" if answer.group("no") else "know"
            m.depth = "basic" if answer.group("bit") else None
            previous = m
            continue
        elif _HEARD_OF.search(before):
            # "I've heard of pandas" names a topic, not a skill; "... but never used it" says it is not known.
            m.mode = "neg" if _FORGOT.search(after) or _forgot_later(low, segments, seg_index) else "ask"
        elif seg_index in asked and not KNOW_FIRST.search(before):
            m.mode = "ask"
        elif (
            _CERT_NEAR_AFTER.match(after)
            or _CERT_NEAR_BEFORE.search(before)
            or _ISSUER_BEFORE.search(orig[max(0, m.start - 30) : m.start])
            or (_LEVEL_AFTER.match(after) and (_ISSUER_WORD.fullmatch(orig[m.start : m.end]) or "role" in m.kinds()))
        ):
            m.mode = "cert"  # words of a certification's name ("the AWS ML associate cert") are not skills
        elif (
            (neg and (not learn or learn[-1].start() < neg[-1].start())
             and not _CORRECTED_AFTER.search(before, neg[-1].end()))
            or _USED_TO.search(before)
            or _FORGOT.search(after)
            or _forgot_later(low, segments, seg_index)
        ):
            m.mode = "neg"
        elif learn:
            m.mode = "learn"
        elif POST_NEG.match(after):
            m.mode = "neg"
        elif (
            POST_KNOW.match(after)
            or POST_KNOW_LIST.match(after)
            or KNOW_CUE.search(low, max(seg.start, m.start - 200), min(seg.end, m.end + 200))
            or _I_USE_IN.search(orig[max(seg.start, m.start - 60) : m.start])
        ):
            m.mode = "know"
        elif (
            previous is not None
            and previous.mode in {"neg", "learn", "ask", "know"}
            and not seg.contrast
            and segments
            and segments[previous.segment].sentence == seg.sentence
            and previous.segment >= seg_index - 1
            and _LIST_JOIN.fullmatch(low[max(previous.end, seg.start) : m.start])
            and not re.search(r"\b(?:more|rather|instead|actually|prefer|only|just)\b", low[previous.end : m.start])
        ):
            # "I don't know statistics, linear algebra or calculus": a list continues the negation.
            m.mode = previous.mode
        elif (
            previous is not None and previous.mode == "neg" and segments
            and segments[previous.segment].sentence == seg.sentence
            and re.search(r"^[\s,]*(?:but\s+|and\s+)?(?:only|just)\s+(?:\w+\s+){0,2}$",
                          low[max(previous.end, seg.start) : m.start])
        ):
            m.mode = "know"  # "never used kubernetes, only docker compose": what is left is known
        elif bare.setdefault(seg_index, _bare_list(low, seg, mentions)):
            m.mode = "list"
        if m.mode in {"know", "list"}:
            window = low[max(seg.start, m.start - 60) : m.start]
            if previous is not None and previous.depth and previous.segment == seg_index and _LIST_JOIN.fullmatch(
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
                for earlier in reversed(mentions[: mentions.index(m)]):
                    if earlier.segment < seg_index - 3 or earlier.mode not in {"know", "list"} or earlier.depth:
                        break
                    earlier.depth = m.depth
        previous = m


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
                         r"|(?P<basic>a\s+(?:little|bit)(?:\s+bit)?|little\s+bit|so-so|only\s+basics?)(?=\s*(?:[,.;!)]|$|and\b))"
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


# ---------------------------------------------------------------- current job

_CURRENT_RE = re.compile(
    r"\b(?:i'm|i am|im|i'm currently|currently,?\s+i'm|currently,?\s+i\s+am|currently|presently|right now i'm|now i'm"
    r"|working|work|employed|job is|job title is|position is|role is|title is|occupation is|profession is"
    r"|(?<!target )(?<!goal )(?<!dream )(?<!desired )(?<!future )(?:job|role|position):"
    r"|occupation:|title:|current job:|current role:|current:|now:|years as|experience as"
    r"|experience(?=\s+like\s)|exp as|yoe as|worked as|work as"
    r"|background:"
    r"|yrs as|year as|been|from being|from"
    # "fifteen years in banking as a credit risk analyst", "18 months as", "over a decade as", "most of it as"
    r"|(?<!in )(?<!within )(?:\d+(?:\.\d+)?\s*\+?\s*|[a-z]+\s+)(?:years?|yrs?|months?|decades?)"
    r"(?:\s+(?:in|at|of)\s+[a-z]+(?:\s+[a-z]+)?)?(?=\s+(?:as|an?)\s)|(?:most|all|part)\s+of\s+(?:it|that|them)"
    # "was a line cook, now a warehouse supervisor"
    r"|(?:^|(?<=[,;.(])|(?<=[,;.(]\s)|(?<=\band\s)|(?<=\bbut\s))now(?=\s))"
    r"\s*:?\s+(?:currently\s+|now\s+|still\s+|working\s+in\s+|(?:working|freelancing|contracting|consulting)\s+"
    r"|employed\s+|already\s+)?(?:as\s+|like\s+)?"
    r"(?:an?\s+|the\s+)?"
    r"(?P<r>[a-z0-9][a-z0-9+#./'-]*(?:\s+[a-z0-9+#./'-]+){0,4})"
)


_PRESENT_LEAD = re.compile(r"\b(?:now|currently|presently|right\s+now|these\s+days)\b")
_PAST_LEAD = re.compile(r"\b(?:worked|was|were|years?|yrs?|months?|decades?|exp|experience|yoe|from|been)\b")
_STRICT_PAST_LEAD = re.compile(r"\b(?:worked|was|were|from)\b")


def _current_role(low: str, matcher: Matcher) -> tuple[str | None, tuple[int, int] | None]:
    """The current job as written ('backend developer') and its span, or None.

    A job said with "now" or "currently" wins over one said earlier as a past or a span of years ("worked as a lab
    technician for 4 years, now a QA specialist").
    """
    first: tuple[str, tuple[int, int], str] | None = None
    for title, span, lead in _current_role_leads(low, matcher):
        if first is None:
            if not _PAST_LEAD.search(lead) or _PRESENT_LEAD.search(lead):
                return title, span
            first = (title, span, lead)
        elif _PRESENT_LEAD.search(lead) or (_STRICT_PAST_LEAD.search(first[2]) and re.search(r"\bbeen\b", lead)):
            return title, span  # "worked as a lab technician, then ... I've been a QA specialist since 2022"
    if first is not None:
        return first[0], first[1]
    return _current_role_other(low, matcher)


def _current_role_leads(low: str, matcher: Matcher) -> Iterator[tuple[str, tuple[int, int], str]]:
    """Jobs introduced by a lead ("I'm a", "working as", "5 years as"), with the lead, in text order."""
    for m in list(_CURRENT_RE.finditer(low))[:40]:
        lead = low[m.start() : m.start("r")]
        if lead.startswith(("work", "working", "employed")) and not re.search(r"\s(?:as|like)\s", f" {lead} "):
            continue
        if lead.startswith("from") and not re.search(r"\s(?:to|into)\s", low[m.end("r") - 1 : m.end("r") + 30] +
                                                     " " + low[m.start("r") : m.end("r")]):
            continue
        base = m.start("r")
        if re.match(r"(?:not|no\s+longer|never|certified)\b", m.group("r")):
            continue  # "I'm not a developer", "I'm a certified Kubernetes administrator" (a certificate)
        phrase: list[str] = []
        span_end = base
        found: str | None = None
        words = list(re.finditer(r"\S+", m.group("r")))
        for i, w in enumerate(words):
            word = w.group(0).strip(".,'")
            if word in _ROLE_STOP:
                break
            if found is not None and not is_job_noun(word) and not (
                # "qa automation engineer": one plain word between two job nouns stays in the title
                i + 1 < len(words) and not words[i - 1].group(0).endswith((",", ".", ";", ":"))
                and not w.group(0).endswith((",", ".", ";", ":")) and word not in _ROLE_STOP
                and is_job_noun(words[i + 1].group(0).strip(".,'"))
            ):
                break
            phrase.append(word)
            span_end = base + w.end()
            if is_job_noun(word):
                # Keep going through compound job titles: "qa engineer", "support engineer".
                found = " ".join(phrase)
            if w.group(0).endswith((".", ",", "!", "?", ";", ":")):
                break  # a job title never runs across a sentence or a list: "I'm Laura. Marketing manager"
        if found is None:
            # A catalog role name counts as a job even without a job noun ("I'm a data scientist").
            for n in range(len(phrase), 0, -1):
                if any(t.kind == "role" for t in matcher.phrases.get(_norm_tokens(" ".join(phrase[:n])), ())):
                    found = " ".join(phrase[:n])
                    span_end = base + len(found)
                    break
        if found is None or all(w in SENIORITY for w in found.split()):
            continue
        if re.match(r"\s*(?:certified|cert|certification|certificate|exam)\b", low[span_end : span_end + 20]):
            continue  # "I'm Databricks ML associate certified" is a certificate, not a job
        if re.search(r"\b(?:quit|left|lost|laid\s+off\s+from|former|ex|used\s+to\s+be|retired\s+from)\b[^.;,]{0,12}$",
                     low[max(0, m.start() - 25) : m.start("r")]):
            continue  # "I quit my job as a pharmacist" is a past job
        # "I'm an aspiring data scientist", "a CV engineer wannabe" name the goal, not the job.
        if ROLE_ADJ_TARGET.search(lead) or ROLE_ADJ_TARGET.search(low[base:span_end]) or ROLE_POSTFIX_TARGET.match(
            low, span_end
        ):
            continue
        yield clean_job(found), (base, span_end), lead


def _current_role_other(low: str, matcher: Matcher) -> tuple[str | None, tuple[int, int] | None]:
    """The current job from the weaker shapes: "I teach X", "X -> Y", "work at a bank as", a job title first."""
    paren = _PAREN_JOB_RE.search(low[:300])
    if paren and is_job_noun(paren.group("r").split()[-1]) and not ROLE_ADJ_TARGET.search(
        low[max(0, paren.start() - 60) : paren.start()]
    ):
        return clean_job(paren.group("r")), (paren.start("r"), paren.end("r"))
    bare = _BARE_JOB_RE.match(low[:300])  # a title opening the message is in its first words
    if bare and _bare_job_ok(low, bare, matcher):
        return clean_job(bare.group("r")), (bare.start("r"), bare.end("r"))
    teach = re.search(r"\b(?:i\s+(?:currently\s+)?teach|(?:currently|now|i'm|i\s+am)\s+teaching)\s+"
                      r"(?P<r>(?:[a-z]+\s+){0,2}?[a-z]+?)\s*(?:[,.;]|\bat\b"
                      r"|\bin\b|\bfor\b|\babroad\b|\bonline\b|\bpart[- ]time\b|\bfull[- ]time\b|\bto\b|$)", low)
    if teach and not re.match(r"(?:my|myself|the|kids|children|people|students)\b", teach.group("r")):
        return clean_job(teach.group("r") + " teacher"), (teach.start("r"), teach.end("r"))
    arrow = re.match(r"^\s*(?:from\s+)?(?:an?\s+)?(?P<r>[a-z][a-z +#./]{1,40}?)\s*(?:->|=>|→|>)\s*[a-z]", low)
    if arrow:
        return clean_job(arrow.group("r")), (arrow.start("r"), arrow.end("r"))
    work_as = _WORK_AS_RE.search(low[:600])
    if work_as and re.search(r"\b(?:quit|left|lost|former|used\s+to|retired\s+from)\b",
                             low[max(0, work_as.start() - 20) : work_as.start("r")]):
        work_as = None  # "I quit my job as a pharmacist": a past job
    if work_as:
        words = work_as.group("r").split()
        for n in range(len(words), 0, -1):
            if is_job_noun(words[n - 1]):
                title = " ".join(words[:n])
                if not ROLE_ADJ_TARGET.search(title):
                    start = work_as.start("r")
                    return clean_job(title), (start, start + len(title))
                break
    for clause in _JOB_FOR_YEARS_RE.finditer(low[:600]) if re.search(r"\d", low[:600]) else ():
        words = clause.group("r").split()
        while words and words[-1] in {"for", "about", "almost", "over", "nearly"}:
            words.pop()
        cut = max((i + 1 for i, w in enumerate(words) if w in _NOT_IN_JOB), default=0)
        if any(w in {"was", "were", "former", "ex", "used"} for w in words[:cut]):
            continue  # "was a cashier for 3 years" is a past job
        words = words[cut:]
        title = " ".join(words)
        explicit = bool(re.search(r"\b(?:for|with)\s+(?:\w+\s+)?\d", clause.group(0))) or bool(
            re.match(r"\s*(?:exp|experience|of\s+experience)\b", low[clause.end() : clause.end() + 20])
        )
        if words and is_job_noun(words[-1]) and (explicit or not any(
            t.kind == "role" for t in matcher.phrases.get(_norm_tokens(clean_job(title)), ())
        )) and not ROLE_ADJ_TARGET.search(title):
            start = clause.start("r") + clause.group("r").find(title)
            return clean_job(title), (start, start + len(title))
    return None, None


def _bare_job_ok(low: str, bare: re.Match[str], matcher: Matcher) -> bool:
    """A message that opens with a job title: the title ends in a job noun and is no goal.

    A catalog role's name ("data analyst") opening a message is usually the goal, so it counts as the job only
    when a workplace or years of work follow ("data analyst @ a bank", "business analyst in insurance, 4 yrs").
    """
    words = [w for w in bare.group("r").split() if not re.fullmatch(_LEVEL, w)]
    if not words or not is_job_noun(words[-1]) or ROLE_ADJ_TARGET.search(bare.group("r")):
        return False
    if re.match(r"(?:not|no|never|anything|nothing|neither)\b", bare.group("r")):
        return False  # "not ML engineer", "I'm no longer a teacher"
    if bare.group("tail").strip() == "," and len(low) < 25:
        return False  # "analyst, 10h" is too little to tell a job from a goal
    is_role = any(t.kind == "role" for t in matcher.phrases.get(_norm_tokens(clean_job(bare.group("r"))), ()))
    here = bare.group("tail").strip() == "here"  # "Jr. Data Analyst here": who is writing
    return not is_role or here or bool(_BARE_WORK_TAIL.match(low, bare.end("r")))


# "I work at a bank as a risk analyst": the job after "as", in a clause about work.
_WORK_AS_RE = re.compile(r"\b(?:i\s+work|i'm\s+working|i\s+am\s+working|working|employed|job)\b[^.;!?]{0,30}?\bas\s+"
                         r"(?:an?\s+|the\s+)?(?P<r>(?:[a-z+#./-]+\s+){0,3}[a-z+#./-]+)")
# "..., backend developer for 4 years, ..." anywhere at a clause start.
_JOB_FOR_YEARS_RE = re.compile(r"(?:^|[,.;(]\s*|\band\s+|\bi'?m\s+(?:an?\s+)?)(?P<r>(?:[a-z+#/-]+\s+){0,2}[a-z]+)\s+"
                               r"(?:(?:in\s+[a-z]+\s+)?with\s+|for\s+(?:about\s+|almost\s+|over\s+|nearly\s+)?)?"
                               r"\d{1,2}(?:\.\d)?\s*\+?\s*"
                               r"(?:years?|yrs?)\b(?!\s+old)")
_NOT_IN_JOB = frozenset({"was", "were", "been", "am", "is", "are", "i", "my", "me", "as", "a", "an", "the",
                         "self-taught", "also", "now", "currently", "still", "then", "worked", "working", "spent",
                         "did", "have", "had", "with", "and", "but", "so", "being"})
SENIORITY = frozenset({"senior", "junior", "sr", "jr", "sr.", "jr.", "principal", "staff", "mid-level", "mid",
                       "entry-level", "entry", "level", "chief", "trainee", "graduate", "retired", "former", "ex"})
_LEVEL = r"(?:i{1,3}|iv|[1-4]|l[3-8])"  # "SWE II", "SDE 2", "L5": a grade after the title
_BARE_JOB_RE = re.compile(r"^\s*(?:(?:i'm|i am|im)\s+)?(?:an?\s+|the\s+)?(?P<r>(?:[a-z0-9+#./-]+\s+){0,3}?[a-z]+"
                          r"(?:\s+" + _LEVEL + r")?)"
                          r"(?P<tail>\s+(?:at|in|for|with)\s+(?:an?\s+|the\s+)?[a-z]|\s*@|\s*,?\s*(?:for\s+)?\d{1,2}"
                          r"(?:\.\d)?\s*\+?\s*(?:years?|yrs?|y|yoe)\b|\s*:|\s+here\b|\s*\(|\s*,)")
# A job title first, then where or how long: "data engineer @ a logistics co", "business analyst in insurance, 4 yrs".
_BARE_WORK_TAIL = re.compile(r"\s*(?:@|at\s)|\s+(?:in|at)\s+[a-z][^.;!?]{0,40}?(?<!in\s)(?<!within\s)\b\d{1,2}(?:\.\d)?"
                             r"\s*\+?\s*(?:years?|yrs?|yoe)\b(?!\s+old)")
# "i do payroll at a hospital (payroll specialist)": a job title alone in brackets.
_PAREN_JOB_RE = re.compile(r"\((?P<r>(?:[a-z+#./-]+\s+){0,3}[a-z]+)\)")


def clean_job(title: str) -> str:
    """A job title as the profile keeps it: lower case, without articles or seniority words."""
    title = re.sub(r"\b(?:\d(?:st|nd|rd|th)|first|second|third|fourth|final|last)[- ]year\b", " ", title.lower())
    words = [w for w in title.split() if w not in {"a", "an", "the", "self-taught", "self", "taught", "freelance"}]
    # a grade after the title ("swe ii", "sde 2") is seniority too
    words = [w for i, w in enumerate(words) if not (i and re.fullmatch(_LEVEL, w) and is_job_noun(words[i - 1]))]
    kept = [w for w in words if w not in SENIORITY]
    return " ".join(kept or words)


# ---------------------------------------------------------------- numbers

_NUM = r"(\d+(?:\.\d+)?)"
_RANGE = _NUM + r"(?:\s*(?:-|to|or|and|/)\s*(?:\d+(?:\.\d+)?))?"
_HOURS_RE = re.compile(
    r"(?<![\d.$€£])(\d{1,4}(?:\.\d+)?)(?:\s*(?:-|to|or|/|(?<=between\s\d)\s*and|(?<=between\s\d\d)\s*and)\s*"
    r"(\d{1,4}(?:\.\d+)?))?\s*\+?\s*(?:hours?|hrs?|hr|h)\b"
    r"(?=(?P<post>.{0,40}))"
)
_PART_NUM = (r"(?<![\d.$€£])(?P<n>\d{1,3}(?:\.\d+)?)(?:\s*(?:-|to)\s*(?P<m>\d{1,3}(?:\.\d+)?))?\s*\+?\s*"
             r"(?:hours?|hrs?|hr|h)?")
# "2h a day on weekdays", "2 hrs daily weekdays" (after "daily" the "on" may go), "2 on weekdays"
_WEEKDAY_PART = re.compile(_PART_NUM + r"\s*(?:(?P<daily>a\s+day|per\s+day|each\s+day|daily|an?\s+evening|every\s+"
                           r"evening)\s+(?:(?:on|during|every|each|per|in\s+the)\s+)?|(?:on|during|every|each|per"
                           r"|in\s+the)\s+)(?:the\s+)?(?:weekdays?|workdays?|"
                           r"week\s*days|weeknights?|weekday\s+evenings?|work\s+days?)\b")
_WEEKEND_PART = re.compile(_PART_NUM + r"\s*(?:(?P<each>(?:a|per|each)\s+day\s+(?:on|at|over)\s+(?:the\s+)?weekends?|"
                           r"(?:each|every|per)\s+weekend\s+day|on\s+(?:both\s+)?saturdays?\s+and\s+sundays?|on\s+"
                           r"(?:both\s+)?weekend\s+days|each\s+(?:day\s+)?of\s+the\s+weekend)|(?:on|at|over|during|"
                           r"per|each|every|a|on\s+the)\s+(?:the\s+)?weekends?)\b")
_WEEK = re.compile(r"^\s*(?:of\s+\w+(?:\s+\w+)?\s+)?(?:/|per|a|an|each|every|p|in\s+a|each|1)?\s*"
                   r"(?:week|wk|w)\b|^\s*(?:of\s+\w+\s+)?weekly|^\s*pw\b")
_DAY = re.compile(r"^\s*(?:of\s+\w+(?:\s+\w+)?\s+)?(?:/|per|a|an|each|every|1)?\s*"
                  r"(?:day|d|night|evening|weekday|workday|weeknight|working\s+day)s?\b"
                  r"|^\s*(?:of\s+\w+\s+)?(?:daily|nightly|every\s+(?:day|night|evening)|in\s+the\s+evenings?)")
_WEEKDAYS = re.compile(r"\b(?:weekdays?|workdays?|work\s+days?|monday\s+to\s+friday|mon-fri)\b")
_MONTH = re.compile(r"^\s*(?:/|per|a|an|each|every|1)?\s*(?:month|mo)\b|^\s*monthly")
_WEEKEND = re.compile(r"^\s*(?:(?:on|each|every|per|a|at|over\s+the|on\s+the)\s+)?(?:weekends?|saturdays?|sundays?)")
_WORK_CONTEXT = re.compile(r"\b(?:work|working|job|shift|employed|commute|sleep)\w*\b(?P<gap>[^.;]{0,45})$")
# After these the number is about study again: "a full time job, so maybe 4-6 hours weekly".
_WORK_PIVOT = re.compile(r"\b(?:so|but|can|could|maybe|leaves?|leaving|left|study|free|spare|learn\w*|i\s+have)\b")
_STUDY_CONTEXT = re.compile(r"\b(?:study|studying|learn|learning|spend|dedicate|devote|commit|put in|free"
                            r"|available|have|can do|can give|invest|time|budget|focus)\w*\b")
_NOT_STUDY_AFTER = re.compile(r"^\s*(?:ago|old|course|long|of (?:video|content|lectures?|material)|commute|shift)")


def _split_hours(num: str) -> float | None:
    """Weekday and weekend parts added up: "2 on weekdays and 5 on weekends" -> 15 ("N on weekdays" is 5N)."""
    if not re.search(r"\b(?:h|hours?|hrs?)\b|\d\s*h\b", num) and len(num) > 80:
        return None
    total, parts = 0.0, 0
    for m in _WEEKDAY_PART.finditer(num):
        value = _mid(m.group("n"), m.group("m"))
        total += value * 5
        parts += 1
        break
    for m in _WEEKEND_PART.finditer(num):
        value = _mid(m.group("n"), m.group("m"))
        total += value * 2 if m.group("each") else value
        parts += 1
        break
    return total if parts and 0 < total <= 112 else None


def _added_parts(num: str, spans: list[tuple[int, int, int, float]]) -> float | None:
    """Parts joined by "plus"/"and" add up: "an hour a day, plus Saturday mornings (3h)" -> 10."""
    usable = [s for s in spans if s[2] >= 2][:4]
    for first, second in itertools.pairwise(usable):
        gap = num[first[1] : second[0]]
        if len(gap) <= 45 and re.search(r"\b(?:plus|also|as\s+well\s+as|on\s+top)\b|\+|\band\b", gap) and not re.search(
            r"\b(?:or|maybe|instead|but|more|less|during|in\s+(?:the\s+)?(?:summer|winter|holidays?)|when|if)\b", gap
        ):
            total = first[3] + second[3]
            return total if total <= 112 else None
    return None


def _mid(low: str, high: str | None) -> float:
    """A number, or the midpoint of a range."""
    return (float(low) + float(high)) / 2 if high else float(low)


def _hours(num: str) -> tuple[float | None, Clarification | None, bool]:
    """(study hours per week, question, came from a range) from the normalised text."""
    candidates: list[tuple[int, float, bool]] = []  # (confidence, value, midpoint of a range)
    spans: list[tuple[int, int, int, float]] = []  # (start, end, confidence, weekly hours) of each rate said
    split = _split_hours(num)
    if split is not None:
        return split, None, False
    for m in _HOURS_RE.finditer(num):
        value = _mid(m.group(1), m.group(2))
        ranged = m.group(2) is not None
        pre, post = num[max(0, m.start() - 40) : m.start()], m.group("post")
        if _NOT_STUDY_AFTER.match(post):
            continue
        work = _WORK_CONTEXT.search(pre)
        worky = bool(work) and not _WORK_PIVOT.search(work.group("gap") if work else "") and not _STUDY_CONTEXT.search(
            pre[-15:]
        ) and not re.match(
            r"\s*(?:a\s+week\s+|per\s+week\s+)?(?:for|of|to)\s+(?:study|studying|learning|learn)\b", post)
        if _WEEK.match(post):
            hours, conf = value, 3
        elif _DAY.match(post):
            window = post + " " + pre
            hours, conf = value * (5 if _WEEKDAYS.search(window) else 7), 3
        elif _MONTH.match(post):
            hours, conf = round(value * 12 / 52, 1), 3
        elif _WEEKEND.match(post):
            hours, conf = value, 3
        else:
            compact = bool(re.match(r"\d+(?:\.\d+)?\s*h\b", num[m.start(1) : m.end()].split("-")[-1].strip()))
            study_after = re.match(r"\s*(?:for|of|to)\s+(?:study|studying|learning|learn|this|it|courses)\b", post)
            hours, conf = value, 2 if (_STUDY_CONTEXT.search(pre) or compact or study_after or len(num) < 50) else 1
        if worky:
            conf = 0
        if 0 <= hours <= 112:
            candidates.append((conf, hours, ranged))
            spans.append((m.start(), m.end(), conf, hours))
        if len(candidates) > 20:
            break
    for m in re.finditer(r"(?:hours?|hrs?|time)\s*(?:per|a|/)\s*week\s*(?:[:=-]|is|of)?\s*(?:about\s+|~)?" + _RANGE,
                         num):
        candidates.append((3, float(m.group(1)), False))
        break
    for m in re.finditer(r"\b(?:hours?|hrs?|time|availability)\s*(?:[:=]|to|is|are|of)\s*(?:about\s+|~)?" + _RANGE
                         + r"(?!\s*(?:am|pm|months?|years?|weeks?|days?|\$|usd|dollars?|%))", num):
        candidates.append((3, float(m.group(1)), False))
        break
    for m in re.finditer(r"(?<![\d.])" + _NUM + r"\s*(?:minutes?|mins?)\s*(?:a|per|each|every|/)\s*day|(?<![\d.])"
                         + _NUM + r"\s*(?:minutes?|mins?)\s*daily", num):
        value = float(m.group(1) or m.group(2))
        candidates.append((3, round(value * 7 / 60, 1), False))
        break
    added = _added_parts(num, spans)
    if added is not None:
        return added, None, False
    if candidates:
        best = max(candidates, key=lambda c: c[0])
        if best[0] >= 2:
            return best[1], None, best[2]
    if re.search(r"\b(?:study|studying|learn|learning|go|dedicate|commit|focus|available)\s+(?:\w+\s+){0,2}"
                 r"full[- ]?time"
                 r"|\bfull[- ]?time\s+(?:study|student|learner|learning|studying)", num):
        return 40.0, None, False
    if re.search(r"\b(?:only\s+(?:on\s+)?(?:the\s+)?weekends?|weekends?\s+only|just\s+(?:on\s+)?weekends?)\b", num):
        return 8.0, Clarification(field="hours_per_week", value="8",
                                  prompt=texts.UNDERSTAND_WEEKENDS_ONLY), False
    return None, None, False


_AFTER_NOT_DEADLINE = re.compile(
    r"^\s*(?:of\s+(?:experience|exp|work)|experience|ago|old|as\b|in\s+(?:the\s+)?(?:industry|field))"
)
_REL_RE = re.compile(
    r"\b(?P<lead>in|within|over|inside|under|less\s+than|by|next|before|after|about|around|roughly|approximately"
    r"|maybe|deadline\s*(?:is|:)?|timeline\s*(?:is|:)?"
    r"|timeframe\s*(?:is|:)?|horizon\s*(?:is|:)?|goal\s*(?:is|:)?)\s+(?:the\s+)?(?:next\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|maybe\s+|~\s*)?(?P<a1>\d{1,4}(?:\.\d+)?)"
    r"(?:\s*(?:-|to|or)\s*(?P<b1>\d{1,4}(?:\.\d+)?))?\s*(?P<unit>days?|weeks?|wks?|months?|mos?|years?|yrs?|y)\b"
    r"|\b(?P<a2>\d+(?:\.\d+)?)\s*(?P<unit2>days?|weeks?|months?|years?|yrs?)\s+from\s+now\b"
    r"|\b(?P<a3>\d+(?:\.\d+)?)[- ](?P<unit3>month|week|year)s?\s+(?:timeline|deadline|timeframe|plan|horizon|goal)\b"
)


def _shift(today: date, amount: float, unit: str) -> date:
    """today plus an amount of days, weeks, months or years."""
    if unit.startswith("d"):
        return today + timedelta(days=round(amount))
    if unit.startswith("w"):
        return today + timedelta(days=round(amount * 7))
    if unit.startswith("m"):
        return add_months(today, round(amount))
    return add_months(today, round(amount * 12))


_SHORT_MONTHS = frozenset({"mar", "jan", "jun", "aug", "oct", "sep", "dec", "nov", "feb", "apr", "jul"})
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"((?:19|20|21|[3-9]\d)\d\d)"
_DAY_DATE_RE = re.compile(
    r"\b(?:(?:" + _MONTH_NAMES + r")(?:(?<=\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))\.|(?<=sept)\.)?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?(?!\s*(?:years?|yrs?|months?|hours?|h\b|weeks?))(?:,?\s+20\d\d)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTH_NAMES + r")\.?(?:,?\s+20\d\d)?"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:20)?\d\d)\b"
)
_ISO_RE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_MONTH_YEAR_RE = re.compile(
    r"\b(?P<lead>by|before|until|till|in|around|for|end\s+of|start\s+of|beginning\s+of|mid|early|late|next|this"
    r"|to|deadline\s*:?|target\s*:?)?\s*"
    r"(?:(?:the\s+)?(?:end|start|beginning)\s+of\s+)?(?P<month>" + _MONTH_NAMES + r")\.?(?:\s+(?:of\s+)?"
    + _YEAR + r"|\s*/\s*" + _YEAR + r")?\b"
)
_SEASON_RE = re.compile(r"\b(?:(?P<which>next|this|coming)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
                        r"(?:\s+(?:of\s+)?" + _YEAR + r")?\b")
_QUARTER_RE = re.compile(r"\bq(?P<q>[1-4])(?:\s*(?:of\s+)?(?:')?(?P<y>20\d\d))?\b")
_YEAR_RE = re.compile(r"\b(?P<lead>by|before|until|till|in|during|end\s+of|start\s+of|early|mid|late|year)\s+"
                      r"(?:the\s+)?(?:end\s+of\s+)?" + _YEAR + r"\b")
_NAMED_YEAR_RE = re.compile(r"\b(?P<lead>by|before|until|till|in|during|end\s+of|within)?\s*(?:the\s+)?"
                            r"(?P<end>end\s+of\s+(?:the\s+)?)?(?P<which>next|this|the)\s+year\b")


def _month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def _season_end(today: date, season: str, year: int | None, which: str | None) -> date:
    """The last day of a season: spring May 31, summer Aug 31, autumn Nov 30, winter the end of February after."""
    month = SEASON_END[season]
    if year is not None:
        return _month_end(year + 1, 2) if season == "winter" else _month_end(year, month)
    # Without a year: the coming season (still running counts, except after "next").
    for candidate_year in (today.year - 1, today.year, today.year + 1, today.year + 2):
        end = _month_end(candidate_year + 1, 2) if season == "winter" else _month_end(candidate_year, month)
        start = add_months(end.replace(day=1), -2)
        if (which == "this" and end >= today) or (which != "this" and start > today):
            return end
    return _month_end(today.year + 1, month)


_STRONG_DEADLINE = re.compile(r"\b(?:by|before|until|till|within|deadline|target|end\s+of|in\s+\d|in\s+(?:a|the\s+next|"
                              r"about\s+a)\s+(?:year|month|week)|ready|done|hired)\b")
_NO_DEADLINE = re.compile(r"\b(?:no\s+(?:real\s+|hard\s+|fixed\s+|specific\s+)?deadline|(?:don'?t"
                          r"|do\s+not)\s+have\s+(?:a|any)"
                          r"\s+deadline|no\s+rush|no\s+hurry|whenever|no\s+time\s+limit)\b")
_GOAL_TIME = re.compile(r"\b(?:finish\w*|done|ready|job|switch\w*|hired|deadline|goal|want\w*|aim\w*|target|land\w*|"
                        r"working|employed|transition\w*|move|career|plan)\b")
_PAST_SPAN = re.compile(r"\b(?:haven'?t|hasn'?t|have\s+not|not|never|didn'?t|first\s+time)\b[^.,;]{0,30}$")
_STORY_PAST = re.compile(r"\b(?:graduat\w*|finish\w*|start\w*|since|born|joined|left|moved|got|did|was|were|"
                         r"worked|studied|ago)\b")


@dataclass
class _Dates:
    """Deadline candidates: (position, date) and (position, problem, words) of dates that cannot be deadlines."""

    found: list[tuple[int, date]] = field(default_factory=list)
    bad: list[tuple[int, str, str]] = field(default_factory=list)

    def near(self, pos: int, distance: int) -> bool:
        return any(abs(s - pos) < distance for s, _ in self.found) or any(
            abs(s - pos) < distance for s, _, _ in self.bad
        )


def _safe_date(year: int, month: int, day: int) -> date | None:
    with contextlib.suppress(ValueError):
        return date(year, month, day)
    return None


# "finished my masters in june", "quit in august": a past event in the same clause, not a deadline.
_PAST_EVENT = re.compile(r"\b(?:finished|graduated|quit|left|started|joined|moved|passed|completed|lost|laid\s+off"
                         r"|got\s+(?:laid|fired|my)|was|were|did)\b[^.,;!?]{0,30}$")
# "a bit over 7 years", "roughly four years in data": a span of work, not a deadline.
_REL_EXPERIENCE_LEADS = frozenset({"over", "about", "around", "roughly", "approximately", "maybe"})


def _deadline(num: str, today: date) -> tuple[date | None, str | None, str | None]:
    """(deadline, problem, the words of a bad date) from the normalised text; the first future date wins."""
    d = _Dates()
    horizon = today.year + MAX_DEADLINE_YEARS
    for m in _REL_RE.finditer(num):
        lead = (m.group("lead") or "").strip()
        amount = float(m.group("a1") or m.group("a2") or m.group("a3"))
        if m.group("b1"):
            amount = (amount + float(m.group("b1"))) / 2
        unit = m.group("unit") or m.group("unit2") or m.group("unit3")
        if _AFTER_NOT_DEADLINE.match(num[m.end() : m.end() + 30]) or lead == "after" or amount <= 0:
            continue
        if re.search(r"\b(?:coming|due|born|arriv\w*|moving|wedding|baby|vacation|holiday|leave|surgery|ends?|ending)\b"
                     r"[^.,;]{0,12}$", num[max(0, m.start() - 25) : m.start()]):
            continue  # "a baby coming in 2 months" is another event
        if lead == "in" and _PAST_SPAN.search(num[max(0, m.start() - 40) : m.start()]):
            continue  # "I haven't touched code in 10 years" is a span in the past
        if lead in {"about", "around", "roughly", "approximately", "maybe"} and re.search(
            r"\b(?:for|of|been|spent|experience|ago)\b[^.,;]{0,12}$", num[max(0, m.start() - 20) : m.start()]
        ):
            continue
        if lead in _REL_EXPERIENCE_LEADS and unit.startswith("y") and (
            (_YEARS_POST.match(num[m.end() : m.end() + 40]) and not GOAL_CUE.search(num, max(0, m.start() - 40),
                                                                                    m.start()))
            or (re.match(r"\s*(?:[.,;!)]|$)", num[m.end() : m.end() + 3]) and any(
                is_job_noun(w) for w in re.findall(r"[a-z]+", num[max(0, m.start() - 40) : m.start()])))
        ):
            continue  # "operations manager in logistics, a bit over 7 years"
        if (unit.startswith("y") and amount > 20) or (unit.startswith("d") and amount > 3650):
            d.bad.append((m.start(), "too-far", m.group(0).strip()))
            continue
        d.found.append((m.start(), _shift(today, amount, unit)))
    for m in re.finditer(r"\b(?:give\s+(?:myself|me|it)|i\s+have|i've\s+got|i\s+got)\s+(?:about\s+|around\s+|maybe\s+)?"
                         r"(\d{1,2}(?:\.\d+)?)\s*(months?|years?|weeks?)\b(?!\s*(?:of|ago|old|experience|in\b))"
                         r"|(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*(months?|years?)\s+(?:max|maximum|tops|at\s+most)\b", num):
        amount = float(m.group(1) or m.group(3))
        if not d.near(m.start(), 30):
            d.found.append((m.start(), _shift(today, amount, m.group(2) or m.group(4))))
    for m in re.finditer(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(months?|weeks?|mos?|mths?)\b", num):
        pre = num[max(0, m.start() - 25) : m.start()]
        # "for 3 months", "3 months of python", "3 months ago" are durations, not deadlines.
        if (
            re.search(r"\b(?:for|of|last|past|ago|since|every|each|per|a|the)\s*$|\d\s*(?:-|to|or)\s*$", pre)
            or _AFTER_NOT_DEADLINE.match(num[m.end() : m.end() + 30])
            or re.match(r"\s*(?:ago|old|of|in\b|into)", num[m.end() : m.end() + 10])
        ):
            continue
        if re.search(r"\b(?:coming|due|born|arriv\w*|moving|wedding|baby|vacation|holiday|leave|surgery|ends?|ending)\b"
                     r"[^.,;]{0,12}$", num[max(0, m.start() - 25) : m.start()]):
            continue
        if not d.near(m.start(), 30):
            d.found.append((m.start(), _shift(today, float(m.group(1)), m.group(2))))
    for m in re.finditer(r"\b(?:in|within|by|before|about|around|roughly|under|less\s+than)\s+(?:the\s+next\s+"
                         r"|a\s+|an?\s+"
                         r"extra\s+)(year|month|week)\b(?!\s*(?:ago|old|of\b))", num):
        if not d.near(m.start(), 10):
            d.found.append((m.start(), _shift(today, 1, m.group(1))))
    for m in _ISO_RE.finditer(num):
        got = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if got is None:
            d.bad.append((m.start(), "impossible", m.group(0)))
        else:
            d.found.append((m.start(), got))
    for m in list(_DAY_DATE_RE.finditer(num))[:5]:  # a few candidates at most: nobody names more dates
        if d.near(m.start(), 3):
            continue
        parsed = _parse_day_date(m.group(0), today)
        if parsed:
            d.found.append((m.start(), parsed))
        elif re.search(r"[a-z]", m.group(0)):
            d.bad.append((m.start(), "impossible", m.group(0).strip()))
    for m in _QUARTER_RE.finditer(num):
        quarter = int(m.group("q"))
        year = int(m.group("y")) if m.group("y") else None
        if year is None:
            year = today.year if _month_end(today.year, quarter * 3) >= today else today.year + 1
        d.found.append((m.start(), _month_end(year, quarter * 3)))
    for m in _MONTH_YEAR_RE.finditer(num):
        month_word = m.group("month")
        year_text = m.group(3) or m.group(4)
        lead = (m.group("lead") or "").strip()
        if month_word == "may" and not (year_text or lead):
            continue  # "may" is mostly a verb
        if month_word in _SHORT_MONTHS and not year_text:
            continue  # bare abbreviations are too ambiguous without a year
        if not (year_text or lead):
            continue
        if not year_text and _PAST_EVENT.search(num[max(0, m.start() - 40) : m.start()]):
            continue  # "finished my masters in june"
        if lead == "in" and not year_text and (
            not _GOAL_TIME.search(num[max(0, m.start() - 40) : m.start()])
            or re.search(r"\b(?:ends?|ending|finish\w*|starts?|starting|begins?)\s+in\s*$",
                         num[max(0, m.start() - 20) : m.start() + 3])
        ):
            continue  # "the bootcamp ends in March" is about something else
        if d.near(m.start("month"), 20):
            continue
        month = MONTHS[month_word]
        year = int(year_text) if year_text else (today.year if month > today.month else today.year + 1)
        if year > horizon:
            d.bad.append((m.start(), "too-far", m.group(0).strip()))
            continue
        d.found.append((m.start(), _month_end(year, month)))
    for m in _SEASON_RE.finditer(num):
        year = int(m.group(3)) if m.group(3) else None
        if year is None:
            lead = num[max(0, m.start() - 12) : m.start()]
            if not (m.group("which") or re.search(r"\b(?:by|before|until|till|in|for)\s+(?:the\s+)?$", lead)):
                continue
            if re.search(r"\b(?:finish\w*|graduat\w*|start\w*|defend\w*|end\w*|moving|move)\s+(?:\w+\s+)?(?:in|by)\s+"
                         r"(?:the\s+)?$", num[max(0, m.start() - 30) : m.start()]):
                continue  # "finishing (my PhD) in spring" is about something else
            in_lead = re.search(r"\bin\s+(?:the\s+)?$", lead)
            if in_lead and not _GOAL_TIME.search(num[max(0, m.start() - 40) : m.start()]):
                continue  # "more in summer" is no deadline
        if d.near(m.start(), 10):
            continue
        d.found.append((m.start(), _season_end(today, m.group("season"), year, m.group("which"))))
    for m in _YEAR_RE.finditer(num):
        year = int(m.group(2))
        if d.near(m.start(), 15):
            continue
        if year > horizon:
            d.bad.append((m.start(), "too-far", m.group(0).strip()))
            continue
        # "by mid 2027" is the middle of the year; every other year deadline is its end.
        d.found.append((m.start(), date(year, 6, 30) if m.group("lead") == "mid" else date(year, 12, 31)))
    for m in _NAMED_YEAR_RE.finditer(num):
        which = m.group("which")
        if which == "the" and not m.group("end"):
            continue
        lead = (m.group("lead") or "").strip()
        if which == "this" and not (m.group("end") or lead):
            continue
        if d.near(m.start(), 10):
            continue
        year = today.year + (1 if which == "next" else 0)
        d.found.append((m.start(), date(year, 12, 31)))
    if re.search(r"\bby\s+christmas\b", num):
        xmas = date(today.year, 12, 25)
        d.found.append((num.index("christmas"), xmas if xmas > today else date(today.year + 1, 12, 25)))
    future = [(pos, day) for pos, day in d.found if day > today]
    # "by Q2 2027" beats "hiring next year"; "no deadline" leaves only such explicit dates.
    strong = [(pos, day) for pos, day in future if _STRONG_DEADLINE.search(num[max(0, pos - 25) : pos + 14])]
    if strong:
        return min(strong)[1], None, None
    if future and _NO_DEADLINE.search(num):
        return None, None, None
    if future:
        return min(future)[1], None, None
    # A past date is a mistake only where it was meant as a deadline ("by March 2020"), not in a life story.
    past = [
        (pos, day)
        for pos, day in d.found
        if day <= today
        and (
            (len(num) < 40 and not _STORY_PAST.search(num))
            or re.search(r"\b(?:by|before|until|till|deadline|goal|target)\b", num[max(0, pos - 15) : pos + 4])
        )
    ]
    problems = [(pos, problem, words) for pos, problem, words in d.bad]
    problems += [(pos, "past", day.isoformat()) for pos, day in past]
    if problems:
        _, problem, words = min(problems)
        return None, problem, words
    return None, None, None


def _parse_day_date(phrase: str, today: date) -> date | None:
    """A day-precise date ("March 15th 2027", "15 of march", "15/03/2027"); None when it is no calendar date.

    Without a year it is the next such day after today; numeric dates read day first unless that cannot be.
    """
    phrase = phrase.strip().lower().replace(",", " ")
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", phrase)
    if numeric:
        first, second, year = int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3))
        year += 2000 if year < 100 else 0
        day, month = (second, first) if second > 12 >= first else (first, second)
        return _safe_date(year, month, day)
    words = re.findall(r"[a-z]+|\d+", phrase)
    month_of = next((MONTHS[w] for w in words if w in MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    if month_of is None or not numbers:
        return None
    month, day = month_of, numbers[0]
    if len(numbers) < 2:
        candidate = _safe_date(today.year, month, day)
        if candidate is None and not (month == 2 and day == 29):
            return None
        if candidate is None or candidate <= today:
            candidate = _safe_date(today.year + 1, month, day)
        return candidate
    return _safe_date(numbers[1], month, day)


_CURRENCY_BEFORE = r"(?<![a-z])(?P<cur1>\$|€|£|usd|eur|gbp|cad|aud|inr|us\$|c\$|a\$|₹|rs\.?)\s*"
_CURRENCY_AFTER = (r"\s*(?P<cur2>\$|€|£|usd|dollars?|bucks|eur|euros?|gbp|pounds?|quid|cad|aud|inr|rupees?"
                   r"|rs)(?![a-z])")
_AMOUNT = r"(?P<amt>\d{1,7}(?:\.\d+)?)"
_MONEY_RE = re.compile(
    r"(?:(?P<neg1>-\s*)?" + _CURRENCY_BEFORE + r"(?P<neg2>-\s*)?" + _AMOUNT
    + r"(?:\s*(?:-|to)\s*(?:\$|€|£)?(?P<hi>\d{1,7}(?:\.\d+)?))?"
    r"|(?<![\d.])(?P<neg3>-\s*)?(?P<amt2>\d{1,7}(?:\.\d+)?)(?:\s*(?:-|to)\s*(?P<hi2>\d{1,7}(?:\.\d+)?))?"
    + _CURRENCY_AFTER
    + r")"
)
_BUDGET_WORD_RE = re.compile(
    r"\bbudget\s*(?:is|of|:|=|around|about|up\s+to|max|maximum|~|roughly|approx\w*|would\s+be|could\s+be|maybe)*\s*"
    r"(?:about\s+|around\s+)?(?P<amt>\d{1,7}(?:\.\d+)?)(?:\s*(?:-|to)\s*(?P<hi>\d{1,7}(?:\.\d+)?))?"
    r"(?!\s*(?:h|hours?|months?|weeks?|years?|%))\b"
    r"|(?<![\d.])(?P<amt2>\d{1,7}(?:\.\d+)?)\s*(?:(?:total\s+)?budget|max\b|maximum\b|tops\b|at\s+most\b|or\s+less\b"
    r"|for\s+(?:courses|learning|materials|everything))"
    r"|\b(?:up\s+to|max(?:imum)?(?:\s+of)?|at\s+most|no\s+more\s+than|(?:can|could|able\s+to|willing\s+to|happy\s+to)"
    r"\s+(?:spend|pay|invest|afford|put\s+in)(?:\s+(?:about|around|maybe|roughly))?)\s+(?P<amt3>\d{1,7}(?:\.\d+)?)(?![\d.])"
    r"(?!\s*(?:h\b|hours?|hrs?|months?|weeks?|years?|days?|minutes?|mins?|%|\.\d))"
)
_PRICE_CONTEXT = re.compile(r"\b(?:exam|course|certificate|certification|subscription|book|ticket|fee|bootcamp"
                            r"|laptop|gpu)s?"
                            r"\s+(?:is|are|costs?|was|were)\s+(?:about|around|roughly|like|only|just)?\s*\$?\s*$")
_SALARY_CONTEXT = re.compile(r"\b(?:salary|salaries|earn|earning|earns|make|making|makes|income|wage|paid"
                             r"|paying me|spent|"
                             r"cost|costs|costing|priced|charges|rent|loan|debt|owe|saved"
                             r"|pays me|raise|comp|compensation|rent|mortgage|price of)\b[^.]{0,12}$")
_SALARY_AFTER = re.compile(r"^\s*(?:/\s*(?:h|hr|hour|yr|year)|per\s+(?:hour|year|annum)|an?\s+(?:hour|year)|hourly"
                           r"|salary|a\s+year\s+salary)")
_PER_MONTH = re.compile(r"^\s*(?:/\s*mo(?:nth)?|per\s+month|a\s+month|monthly|each\s+month|every\s+month)")
_ZERO_BUDGET = re.compile(
    r"\b(?:free(?:\s+(?:stuff|resources|courses?|materials?|options?|content|things))?\s+only|only\s+free|just\s+free"
    r"|nothing\s+paid|no\s+money|no\s+cash|can'?t\s+(?:pay|afford|spend)|cannot\s+(?:pay|afford|spend)|zero\s+budget"
    r"|budget\s*(?:is|:|of)?\s*(?:zero|0|nothing|none|nil)\b|\b0\s*(?:\$|usd|dollars?)|\$\s*0\b|no\s+budget\b(?!\s*"
    r"(?:limit|cap|constraint|restriction|issue|problem))|(?:i'm|im|i am)\s+broke|not\s+(?:able|willing)\s+to"
    r"\s+(?:pay|spend)|(?:don'?t|do\s+not)\s+want\s+to\s+(?:pay|spend)|won'?t\s+pay|prefer\s+free|(?:only|just)\s+"
    r"(?:use|take|do|want)\s+free|nothing\s+to\s+spend|tight\s+on\s+money|unemployed\s+and\s+broke|free\s+is\s+best"
    r"|must\s+be\s+free|has\s+to\s+be\s+free|needs?\s+to\s+be\s+free|100%\s+free|completely\s+free|no\s+paid)"
)
_NO_LIMIT = re.compile(
    r"\b(?:no\s+(?:budget\s+)?(?:limit|cap|constraint|restriction)s?|(?:budget|money|cost|price)\s+(?:is\s+)?"
    r"(?:no|not\s+an?|isn'?t\s+an?)\s+(?:object|issue|problem|concern)|unlimited(?:\s+budget)?|budget\s+(?:is\s+)?"
    r"(?:doesn'?t\s+matter|flexible|unlimited|open)|(?:any|whatever)\s+(?:it\s+)?(?:costs?|budget|price)"
    r"|(?:my\s+)?(?:employer|company|work|boss|job|manager|team)\s+(?:will\s+)?(?:\w+\s+){0,8}?(?:pays?"
    r"|pay\s+for|covers?"
    r"|reimburses?|sponsors?|funds?)\b"
    r"|don'?t\s+care\s+about\s+(?:the\s+)?(?:cost|price|money)|money\s+(?:doesn'?t|does\s+not)\s+matter"
    r"|happy\s+to\s+pay\s+whatever|no\s+budget\s+(?:issue|problem)s?)"
)


_FEW_HUNDRED = re.compile(r"\b(?:a\s+few|several|couple(?:\s+of)?|a\s+couple(?:\s+of)?|2)\s+(?:hundred"
                          r"|100)\b(?!\s*(?:k|000))")


def _budget_facts(num: str, facts: Facts, unmasked: str | None = None) -> None:
    """Budget facts: a total in USD, a monthly amount, an amount in another currency, free only or no limit."""
    hundred = _FEW_HUNDRED.search(num)
    if (
        hundred
        and not _SALARY_CONTEXT.search(num[max(0, hundred.start() - 40) : hundred.start()])
        and not re.match(r"\s*(?:hours?|h\b|people|students|km|miles)", num[hundred.end() : hundred.end() + 10])
    ):
        amount = 200.0 if re.search(r"couple|^2", hundred.group(0)) else 300.0
        _set_amount(facts, amount, "$", num[hundred.end() : hundred.end() + 25], False)
        return
    if re.search(r"\bbudget\s*(?:is|of|:|=)?\s*-\s*\$?\s*\d", num):
        facts.budget_problem = "negative"
        return
    short = len(num) < 40
    # every amount has a digit: without one, the money patterns need not scan the text (one 4,000-letter word)
    amounts = [*_MONEY_RE.finditer(num), *_BUDGET_WORD_RE.finditer(num)][:50] if re.search(r"\d", num) else []
    for m in amounts:
        pre = num[max(0, m.start() - 40) : m.start()]
        post = num[m.end() : m.end() + 25]
        if _SALARY_CONTEXT.search(pre) or _SALARY_AFTER.match(post) or _PRICE_CONTEXT.search(pre):
            continue
        groups = m.groupdict()
        bare_amount = (groups.get("amt2") or groups.get("amt3")) and not groups.get("cur2")
        if bare_amount and "budget" not in m.group(0) and not short and not re.search(
            r"\b(?:spend|pay|afford|budget|invest|money|cost)\b", pre + " " + m.group(0)
        ):
            continue  # "100 max" is a budget only in a short answer or when money is the subject
        amount = float(groups.get("amt") or groups.get("amt2") or groups.get("amt3") or 0)
        high = groups.get("hi") or groups.get("hi2")
        if high and float(high) > amount:
            amount = (amount + float(high)) / 2
            facts.midpoints.append("budget")
        if groups.get("neg1") or groups.get("neg2") or groups.get("neg3"):
            facts.budget_problem = "negative"
            return
        currency = (groups.get("cur1") or groups.get("cur2") or "$").strip()
        _set_amount(facts, amount, currency, post, bool(high))
        return
    if _ZERO_BUDGET.search(num) or re.search(r"(?:^|[,;.]\s*)(?:free|\$0|0\$)\s*(?:[,;.!]|$)", num):
        facts.budget_usd, facts.budget_known = 0.0, True
    elif _NO_LIMIT.search(num) or (unmasked is not None and _NO_LIMIT.search(unmasked)):
        facts.budget_usd, facts.budget_known = None, True


def _set_amount(facts: Facts, amount: float, currency: str, post: str, ranged: bool) -> None:
    """Store an amount as a total, a monthly amount or a foreign amount."""
    code = _currency_code(currency)
    if code != "USD":
        facts.budget_foreign = ForeignAmount(amount=amount, currency=code)
        return
    if _PER_MONTH.match(post):
        facts.budget_monthly = amount
        return
    facts.budget_usd, facts.budget_known = amount, True


def _currency_code(currency: str) -> str:
    """ISO code of a currency word or sign ("€" -> EUR); USD for dollars and unknown signs."""
    c = currency.lower().rstrip(".")
    if c in {"€", "eur", "euro", "euros"}:
        return "EUR"
    if c in {"£", "gbp", "pound", "pounds", "quid"}:
        return "GBP"
    if c in {"cad", "c$"}:
        return "CAD"
    if c in {"aud", "a$"}:
        return "AUD"
    if c in {"inr", "₹", "rs", "rupee", "rupees"}:
        return "INR"
    return "USD"


def usd_value(amount: ForeignAmount) -> float:
    """An amount converted to USD at the fixed `USD_PER` rates (see `RATES_DATE`)."""
    return round(amount.amount * USD_PER.get(amount.currency.lower(), 1.0), 0)


_YEARS_RE = re.compile(
    r"(?<![\d.])" + _NUM + r"(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*\+?\s*(?:years?|yrs?|y(?=\s+(?:exp|of)|\s*[),;]))"
    r"\b(?=(?P<post>.{0,40}))"
)
_YEARS_POST = re.compile(r"^\s*(?:(?:mostly|mainly|primarily|largely|all|doing|writing|building)\s+[a-z]"
                         r"|of\s+(?:\w+\s+){0,2}(?:experience|exp|work|working|coding|programming|being|"
                         r"industry|professional|teaching|\w+ing)|as\b|in\s+(?:the\s+)?(?:industry|tech|it|software|"
                         r"field|finance|\w+ing|[a-z]+)\b(?!\s+(?:months?|years?))|at\b|experience|exp\b|working|"
                         r"professional|\+?\s*yoe|coding|programming|in\s+my|of\s+[a-z]+\s+(?:experience|work)"
                         # "4 yrs in, mostly Go", "6 yrs total", "9 yrs practicing"
                         r"|in\s*(?:[,.;)!]|$)|(?:in\s+)?total\b|practi[cs]ing\b"
                         r"|(?:[a-z0-9+#.-]+\s+)?in\s+prod(?:uction)?\b)")
_YEARS_PRE_OK = re.compile(r"\b(?:experience|exp|worked|working|been|career|yoe|spent)\b")
_YEARS_PRE_BAD = re.compile(r"\b(?:in|within|next|over\s+the\s+next|by|after|for\s+the\s+next|plan|deadline|"
                            r"timeline|about|around)\s*(?:about|around)?\s*$")
_YEARS_POST_BAD = re.compile(r"^\s*(?:old|ago|from\s+now|to\s+(?:get|land|become|learn|switch)|deadline|timeline|"
                             r"of\s+(?:study|school|college|university|uni|my\s+degree|age)|in\s+(?:school|college|"
                             r"uni|university))")


# "then 2 in edtech", "before that 3 as a dev", "then ... a QA specialist since 2022": more years after a first span.
_YEARS_MORE = re.compile(
    r"\b(?:then|before\s+that|after\s+that|prior\s+to\s+that|afterwards|later)\b(?P<gap>[^.;]{0,100}?)"
    r"(?:(?<![\d.])(?P<n>\d{1,2}(?:\.\d)?)\s*(?:(?:more\s+)?(?:years?|yrs?)\b|(?=\s+(?:in|as|at|doing)\b))"
    r"(?!\s+(?:old|ago|from\s+now))|\bsince\s+(?P<y>(?:19|20)\d\d)\b)"
)
# "working as a teacher since 2010", "joined in 2021", "started working in 2019": years from a start year.
_SINCE_YEAR = re.compile(
    r"\b(?:since|from)\s+(?:early\s+|mid\s+|late\s+)?(?P<y>(?:19|20)\d\d)\b(?!\s*(?:-|to|until|till)\s*\d)"
    r"|\b(?:joined|started\s+(?:working|my\s+career|coding|programming|my\s+first\s+job|out|there|here|at|as))"
    r"(?:\s+[a-z]+){0,4}?\s+in\s+(?P<y2>(?:19|20)\d\d)\b"
)
_SINCE_WORK = re.compile(r"\b(?:work\w*|coding|programming|developing|teaching|been|employed|job|career|joined"
                         r"|started|industry|tech|company|as\s+an?|at\s+an?)\b")
_SINCE_NOT_WORK = re.compile(r"\b(?:graduat\w*|grad|studying|student|degree|school|uni|university|college|married"
                             r"|liv\w*|moved|know[ns]?|known|learn\w*|bootcamp|born)\b")


def _years(num: str, today: date | None = None, job_end: int | None = None) -> float | None:
    """Years of work experience from the normalised text: a first span, plus the spans said after it in turn."""
    found = _years_first(num, job_end)
    if found is not None:
        value, end = found
        for more in list(_YEARS_MORE.finditer(num, end))[:5]:
            if more.group("y") and today is not None:
                value += max(0, today.year - int(more.group("y")))
            elif more.group("n") and not re.search(r"\b(?:in|within|next|by)\s*$", more.group("gap")):
                value += float(more.group("n"))
        return value if value <= 60 else found[0]  # no career is longer: the sum misread something
    if today is not None:
        for m in list(_SINCE_YEAR.finditer(num))[:5]:
            start_year = int(m.group("y") or m.group("y2"))
            window = num[max(0, m.start() - 80) : m.start()].rsplit(".", 1)[-1]
            job = any(is_job_noun(w) for w in re.findall(r"[a-z]+", window))
            work = job or _SINCE_WORK.search(window + " " + m.group(0))
            if work and not _SINCE_NOT_WORK.search(window) and 0 <= today.year - start_year <= 60:
                return float(today.year - start_year)
    return _years_other(num)


def _job_after(post: str) -> bool:
    """'20 years a plumber', '3 years postdoc now': a job title right after the span."""
    words = re.match(r"\s*(?:an?\s+)?((?:[a-z-]+\s+){0,2}?[a-z-]+)\b", post)
    return words is not None and any(is_job_noun(w) for w in words.group(1).split()[-1:])


def _years_first(num: str, job_end: int | None) -> tuple[float, int] | None:
    """The first span of years of work (value, end), from the normalised text."""
    for m in list(_YEARS_RE.finditer(num))[:30]:
        if float(m.group(1)) > 60:
            continue  # "2015 years" is a year misread, not a career
        pre, post = num[max(0, m.start() - 40) : m.start()], m.group("post")
        job_before = any(is_job_noun(w) for w in re.findall(r"[a-z]+", pre[-40:]))
        if job_before and re.search(r"\bfor\s+(?:about|around|almost|nearly|over|roughly|like)?\s*$", pre) and re.match(
            r"\s*(?:now|already|so\s+far|in\s+total|or\s+so)?\s*(?:[.,;)(!-]|$|and\b|after\b|before\b|at\b|with\b|but\b)",
            post,
        ):
            return float(m.group(1)), m.end()
        if re.match(r"\s*\+?\s*yoe\b", post) or re.match(r"\s*yoe\b", num[m.end() - 4 : m.end() + 4]):
            return float(m.group(1)), m.end()
        if re.match(r"\s*(?:of\s+)?(?:work\s+|working\s+|professional\s+|industry\s+|relevant\s+)?(?:experience|exp)\b",
                    post) and not re.search(r"\b(?:in|within|next|after)\s*$", pre):
            return float(m.group(1)), m.end()  # "about 2 years of experience": the "about" is no deadline here
        if _job_after(post) and not _YEARS_PRE_BAD.search(pre) and not _YEARS_POST_BAD.match(post):
            return float(m.group(1)), m.end()  # "20 years a plumber"
        if re.search(r"\b(?:been|doing)\s+(?:doing\s+)?(?:it|this|that)\s+(?:for\s+)?$", pre):
            return float(m.group(1)), m.end()  # "been doing it 6 years"
        if job_end is not None and 0 <= m.start() - job_end <= 120 and not _YEARS_PRE_BAD.search(pre) and re.match(
            r"\s*(?:now\b|already\b|so\s+far\b|(?:in\s+)?total\b|practi[cs]ing\b|exp\b|experience\b)?\s*"
            r"(?:[.,;)(!-]|$|and\b)", post
        ) and not _YEARS_POST_BAD.match(post):
            return float(m.group(1)), m.end()  # "research assistant in a lab, matlab + python, 3 years."
        been_for = re.search(r"\b(?:been|spent|worked|working|coding|programming|developing|teaching)\b[^.;,]{0,30}"
                             r"\bfor\s+(?:about|around|almost|nearly|over|roughly|like)\s*$",
                             pre)
        if been_for and not _YEARS_POST_BAD.match(post):
            return float(m.group(1)), m.end()  # "been doing frontend for about 5 years"
        if re.match(r"\s*in\s*(?:[,.;)!]|$)", post) and not re.search(r"\b(?:in|within|next|by)\s*$", pre):
            return float(m.group(1)), m.end()  # "about 1.5 yrs in."
        if job_before and re.search(r"\bafter\s*$", pre) and re.match(r"\s*(?:[.,;)!]|$)", post):
            return float(m.group(1)), m.end()  # "quit my job as a lawyer in march after 9 years"
        if _YEARS_POST_BAD.match(post) or _YEARS_PRE_BAD.search(pre):
            continue
        if job_before and re.match(r"\s*(?:now\b|already\b|so\s+far\b)?\s*(?:[.,;)!-]|$|now\b)", post):
            return float(m.group(1)), m.end()
        if _YEARS_POST.match(post) or (_YEARS_PRE_OK.search(pre) and re.search(
                r"\bfor\s+(?:like|about|around|roughly|almost|nearly|over|approximately|maybe|just\s+over)?\s*$"
                r"|\bfor\s*$|:\s*$|\b(?:of|with)\s*$", pre)):
            value = float(m.group(1))
            if 0 <= value <= 60:
                return value, m.end()
    return None


def _years_other(num: str) -> float | None:
    """Years of work said without a plain number of years: 'yoe: 3', decades, months, 'only internships'."""
    yoe = re.search(r"(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*\+?\s*yoe\b"
                    r"|\b(?:years?|yrs?)(?:\s+of)?(?:\s+(?:work\s+)?(?:experience|exp))?\s*[:=]\s*(\d{1,2}(?:\.\d+)?)\b",
                    num)
    if yoe:
        return float(yoe.group(1) or yoe.group(2))
    if re.search(r"\b(?:only|just)\s+(?:done\s+|did\s+|had\s+|have\s+had\s+)?(?:an?\s+|some\s+|a\s+few\s+|\d+\s+)?"
                 r"internships?\b|\binternships?\s+only\b|\bnone\b[^.]{0,20}\binternships?\b"
                 r"|\bfresh\s+(?:grad|graduate)\b|\bstraight\s+out\s+of\s+(?:college|uni|university|school)\b", num):
        return 0.0
    decades = re.search(r"(?<![\d.])(\d{1,2})\s+decades?\s+(?:of\s+experience|as\b|in\s+|at\s+)", num)
    if decades:
        return 10.0 * int(decades.group(1))
    if re.search(r"\bdecade\s+(?:of\s+experience|as\b|in\s+)", num):
        return 10.0
    months = re.search(r"(?<![\d.])(?<!in\s)(?<!within\s)(?<!next\s)(\d{1,3})\s*(?:months?|mos?)\s+"
                       r"(?:as\b|of\s+(?:work\s+|professional\s+)?experience|exp\b|at\s"
                       r"|in\s+(?:the\s+)?(?:industry|role|job|tech)\b)", num)
    if months:
        return round(int(months.group(1)) / 12, 1)
    if re.search(r"\b(?:no|zero|0|without)\s+(?:work\s+|professional\s+|prior\s+|industry\s+|real\s+|relevant\s+)?"
                 r"(?:work\s+)?experience\b(?!\s+(?:with|in|using|of)\b)|\bnever\s+(?:had\s+a\s+job"
                 r"|worked)\b(?!\s+(?:in|as|with|on|at|for)\b)", num):
        return 0.0
    return None


# ---------------------------------------------------------------- education

_EDU_PATTERNS: list[tuple[Education, re.Pattern[str]]] = [
    (Education.phd, re.compile(r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b|\bdphil\b")),
    (Education.master, re.compile(
        r"\bm\.?sc\b|\bmasters?'?\s*(?:'s|s)?\s*(?:degree|in|of)\b|\bmaster'?s\b|\bmasters\b|\bmba\b|\bmeng\b"
        r"|\bm\.?s\.?\s+(?:in|degree)\b|\bma\s+(?:in|degree)\b|\bmphil\b|\bgraduate\s+degree\b")),
    (Education.bachelor, re.compile(
        r"\bb\.?sc\b|\(\s*b\.?a\.?\s*\)|\bbachelor'?s?\b|\bba\s+(?:in|degree)\b|\bb\.?s\.?\s+(?:in|degree)\b|\bbs\s+(?:in|cs)\b"
        r"|\bbeng\b|\bb\.?tech\b|\bundergrad(?:uate)?\s+degree\b|\b(?:college|university|uni|cs|computer\s+science"
        r"|engineering|math|maths|physics|economics|4[- ]year)\s+degree\b|\bdegree\s+in\b|\bgraduated\s+(?:from\s+)?"
        r"(?:college|university|uni)\b|\b(?:have|hold|got|with)\s+a\s+degree\b|\b(?:college"
        r"|university|comp\s*sci|cs|computer\s+science|engineering|math|physics|economics)\s+grad(?:uate)?\b")),
    (Education.bootcamp, re.compile(r"\bboot\s?-?camps?\b")),
    (Education.bachelor, re.compile(r"\b(?:university|college|uni|undergrad\w*|engineering|cs|computer\s+science|maths?"
                                    r"|physics|economics|chemistry|biology)(?=\s+student\b)")),
    (Education.high_school, re.compile(
        r"(?<!teach\s)\bhigh\s?school\b(?!\s+(?:teacher|teachers|kids|students|math|maths|physics|chemistry|biology|"
        r"english|history|science|computer|geography|music|art|french|spanish))"
        r"|\bsecondary\s+school\b(?!\s+(?:teacher|teachers|kids|students|math|maths|physics|chemistry|biology|english"
        r"|history|science))|\bged\b"
        r"|\ba[- ]levels?\b|\bno\s+(?:college|university|uni)\b|\bdropped\s+out\s+of\s+(?:college|university|uni)"
        r"|\b(?:college|uni|university)\s+drop\s?-?out\b"
        r"|\bdidn'?t\s+(?:finish|complete)\s+(?:college|university|uni)")),
    (Education.none, re.compile(
        r"\bno\s+(?:formal\s+)?(?:degree|diploma|education|qualifications?)\b(?!\s+in\b)"
        r"|\bwithout\s+(?:a\s+)?(?:degree|diploma)"
        r"\b|\b(?:don'?t|do\s+not)\s+have\s+(?:a\s+|any\s+)?(?:degree|diploma)\b|\bnever\s+went\s+to\s+(?:college|"
        r"university|uni)\b|\bnot\s+(?:a\s+)?(?:college|university)\s+(?:grad|graduate)\b")),
]
_EDU_RANK = [Education.none, Education.high_school, Education.bootcamp, Education.bachelor, Education.master,
             Education.phd]
_EDU_BELOW = {Education.phd: Education.master, Education.master: Education.bachelor,
              Education.bachelor: Education.high_school}
_EDU_GOAL = re.compile(r"\b(?:want|wanna|plan|planning|thinking|think|consider\w*|open\s+to|going\s+to|will|should\s+i"
                       r"|apply|applying|get\s+(?:a|an|my)|start|join|enrol\w*|enroll\w*|maybe|might|looking\s+at|looking"
                       r"\s+for|recommend|worth|instead\s+of|or\s+a|vs)\b[^.,;]{0,30}$")
_EDU_PROGRESS = re.compile(r"\b(?:studying|doing|pursuing|working\s+on|currently\s+in|enrolled\s+in|finishing|"
                           r"in\s+my\s+\w+\s+year\s+of|after\s+my|once\s+i\s+finish\s+my|finishing\s+my"
                           r"|halfway\s+through|(?:1st|2nd|3rd|4th|first|second|third)\s+year)"
                           r"\b[^.,;]{0,20}$")
_EDU_NEG = re.compile(r"\b(?:don'?t|do\s+not|never|didn'?t)\s*$|\b(?:no|not|don'?t\s+have\s+(?:a|an)|without\s+"
                      r"(?:a|an)|never\s+(?:did|got|finished)\s+(?:a|an|my)?|didn'?t\s+(?:do|get|finish)\s+(?:a"
                      r"|an|my)?)\s*$")


_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
_STATES_OWN = re.compile(r"\b(?:i\s+have|i've|ive|i\s+got|i'm|im|i\s+am|i\s+did|i\s+finished|i\s+hold|my)\b")


def _blank_questions(num: str) -> str:
    """The text with its questions blanked ("whats a phd", "do I need a master's?"): they state nothing."""
    if "?" not in num and not _QUESTION_START.match(num):
        return num
    out = []
    for sentence in _SENTENCE.finditer(num):
        piece = sentence.group(0)
        asked = piece.rstrip().endswith("?") or _QUESTION_START.match(piece)
        out.append(" " * len(piece) if asked and not _STATES_OWN.search(piece) else piece)
    return "".join(out) if sum(map(len, out)) == len(num) else num


def _education(num: str) -> Education | None:
    """Highest education reached; degrees in progress count one level lower, wished-for ones not at all."""
    found: list[Education] = []
    for level, pattern in _EDU_PATTERNS:
        for m in pattern.finditer(num):
            pre = num[max(0, m.start() - 45) : m.start()]
            post = num[m.end() : m.end() + 12]
            if level not in {Education.none, Education.high_school} and _EDU_NEG.search(pre):
                continue
            if level is not Education.none and _EDU_GOAL.search(pre) and not re.search(r"\b(?:did|finished|completed|"
                                                                                      r"graduated|have|got)\b", pre):
                continue
            reached: Education | None = level
            later = num[m.end() : m.end() + 30]
            in_progress = re.match(r"\s*(?:student|candidate|senior|junior|sophomore|freshman|pupil)\b", post) or (
                re.match(
                r"[^.;]{0,20}?\b(?:final|1st|2nd|3rd|4th|first|second|third|fourth)[- ]year\b|\s*\(?\s*(?:in\s+progress"
                r"|ongoing|not\s+finished|unfinished)", later))
            if _EDU_PROGRESS.search(pre) or in_progress:
                reached = _EDU_BELOW.get(level)
            if reached is not None:
                found.append(reached)
    if not found:
        return None
    return max(found, key=_EDU_RANK.index)


# ---------------------------------------------------------------- certificates

_CERT = r"(?:cert(?:ificate|ification)?s?|credentials?|certified)"
_CERT_NEG = re.compile(
    r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not|won'?t|never)\s+(?:really\s+)?(?:care|need|want|matter|value|bother)"
    r"\w*\s+(?:\w+\s+){0,3}?" + _CERT + r"|\b" + _CERT + r"\s+(?:are\s+|is\s+)?(?:don'?t|do\s+not|doesn'?t|does\s+not)"
    r"\s+matter|\b" + _CERT + r"\s+(?:are\s+|is\s+)?(?:not\s+(?:needed|necessary|important|required|a\s+priority|worth"
    r"|my\s+priority|for\s+me)|useless|pointless|overrated|irrelevant|unnecessary|meaningless|a\s+waste|optional|"
    r"worthless)|\b(?:no\s+need\s+for|skip(?:ping)?|without|not\s+interested\s+in|not\s+into|no|not\s+after|not"
    r"\s+looking\s+for|forget(?:\s+about)?|not\s+bothered\s+(?:about|with)|(?:don'?t|do\s+not)\s+care\s+(?:about|for))"
    r"\s+(?:the\s+|any\s+)?(?:\w+\s+)?" + _CERT + r"|\b" + _CERT
    + r"\s*[:=?-]?\s*(?:no|nope|not\s+needed|none|meh|nah|not\s+really|don'?t\s+care|whatever)\b"
    # "don't have any certifications and honestly don't care about them"
    r"|\b" + _CERT + r"[^.!?]{0,60}\b(?:don'?t|do\s+not)\s+(?:really\s+)?care\s+(?:about|for)\s+(?:them|those|it)\b"
)
_CERT_POS = re.compile(
    r"\b(?:want|need|would\s+like|'d\s+like|like|get|earn|obtain|prefer|looking\s+for|interested\s+in|value"
    r"|pass|aim\s+for|include|with|love|hoping\s+for|also|plus)\s+(?:to\s+(?:get|have|earn|obtain)\s+)?"
    r"(?:a\s+|an\s+|some\s+|the\s+|to\s+be\s+)?(?:\w+\s+){0,4}?" + _CERT
    + r"|\b" + _CERT + r"\w*\s*[:=-]?\s+(?:are\s+|is\s+|would\s+be\s+|do\s+|could\s+be\s+)?"
    r"(?:really\s+|very\s+)?(?:important|matter|nice|great|good|useful|valuable|a\s+must|required|needed|a\s+plus"
    r"|welcome|helpful|essential|a\s+priority|big|help|would\s+help|count|open\s+doors|cool|a\s+bonus|good\s+to\s+have"
    r"|nice\s+to\s+have)|\bget\s+certified\b"
    r"|\b" + _CERT + r"\s*[:=?-]?\s*(?:yes|yep|sure|please|definitely|absolutely|of\s+course)\b"
    # someone paying for them: "company pays for certs", "my employer covers certifications"
    # "I have no certs and would like one"
    r"|\b" + _CERT + r"[^.!?]{0,40}\b(?:would\s+like|'d\s+like|want|need)\s+(?:one|1|some|them|a\s+few)\b"
    r"|\b(?:employer|company|work|boss|job|manager|team)\s+(?:will\s+|would\s+|can\s+)?(?:pays?|covers?|reimburses?"
    r"|sponsors?|funds?)\s+(?:for\s+)?(?:the\s+|my\s+|any\s+|all\s+)?(?:\w+\s+){0,2}?" + _CERT
)


def _certificates(num: str) -> bool | None:
    """The certificates wish: True, False, or None when not said (negative phrasings win)."""
    neg = _CERT_NEG.search(num)
    if neg and not re.match(r"\s*(?:yet|so\s+far)\b", num[neg.end() : neg.end() + 10]) and not re.search(
        r"\b(?:have|hold|got|own)\s+(?:no|zero|0)\s+$", num[max(0, neg.start() - 12) : neg.start() + 3]
    ):
        return False  # "no certs yet, but I'd like one" is a wish; "I have no certs" says what is held
    if _CERT_POS.search(num):
        return True
    return None


# ---------------------------------------------------------------- whose words

# Someone else is the subject: their skills, job and plans are not the learner's.
_OTHER_SUBJECT = re.compile(
    r"\ba\s+(?:friend|buddy|colleague|coworker|recruiter|mentor|teacher|professor|manager)\s+(?:of\s+mine\s+)?"
    r"(?:told|tells|said|says|thinks|suggested|recommended|who|advised)\b"
    r"|\b(?:my|our|his|her|their)\s+(?:best\s+|older\s+|younger\s+|close\s+|old\s+)?(?:friend|friends|buddy|mate|"
    r"students|pupils|clients|customers|users|children|"
    r"partner|wife|husband|boyfriend|girlfriend|fiance|fiancee|spouse|brother|sister|sibling|colleague|colleagues|"
    r"coworker|coworkers|co-worker|boss|manager|mentor|dad|father|mom|mum|mother|parents?|cousin|uncle|aunt|"
    r"roommate|flatmate|son|daughter|kid|kids|team|teammate|teammates|classmate|classmates|neighbou?r|recruiter|"
    r"recruiters|professor|teacher|tutor|coach|uncle|"
    r"ex|lead|cto|ceo|tech\s+lead)\b"
    r"|\b(?:he|she|they)\s+(?:is|was|are|were|knows?|knew|has|have|had|uses?|used|works?|worked|wants?|said|says|"
    r"told|thinks?|'s|'re|also|already|just|does|did|got|gets|learned|learnt|studied|codes?)\b"
    r"|\b(?:the|this|that|a|one|their)\s+(?:job\s+)?(?:ad|advert|advertisement|posting|post|listing|offer|"
    r"description|jd|spec|vacancy|opening)\b"
    r"|\b(?:the|this|that)\s+(?:course|bootcamp|program|programme|syllabus|curriculum|book)\s+(?:says|covers|teaches|"
    r"requires|asks|lists|includes|promises|mentions|uses|is)\b"
    r"|\b(?:they|it|the\s+role|the\s+job|the\s+position|companies|employers|recruiters|people|everyone|job\s+ads)\s+"
    r"(?:requires?|wants?|asks?\s+for|lists?|needs?|expects?|prefers?|mentions?|say\s+you\s+need)\b"
)
# A first-person clause ends the other person's words: "my friend knows PyTorch but I only know Python".
_FIRST_PERSON = re.compile(r"(?:[,;:]\s*|\b(?:but|and|while|whereas|though|although|so|meanwhile)\s+|^\s*)"
                           r"(?:i|i'm|im|i've|ive|i'd|i'll|me|myself|my\s+own)\b"
                           r"|(?<!told\s)(?<!tells\s)(?<!telling\s)(?<!advised\s)(?<!reminds\s)\bme\b")
_SENTENCE_STOP = re.compile(r"[.!?;\n]")
_QUOTED = re.compile(r"\"[^\"]{15,}\"")


def mask_others(text: str) -> str:
    """The text with other people's words blanked (same length): third parties, quoted ads."""
    low = _lower_aligned(text)
    chars: list[str] | None = None
    masked_to = -1
    for m in [*_QUOTED.finditer(low), *_OTHER_SUBJECT.finditer(low)][:100]:
        start = m.start()
        if start < masked_to:
            continue
        if m.re is _QUOTED:
            end = m.end()
        else:
            stop = _SENTENCE_STOP.search(low, m.end())
            end = stop.start() if stop else len(low)
            first = _FIRST_PERSON.search(low, m.end(), end)
            if first:
                end = first.start()
            # "like my friend" / "same as my dad": a comparison keeps the learner's own sentence.
            if re.search(r"\b(?:like|as|than|with|for|to|from)\s*$", low[max(0, start - 8) : start]):
                continue
        if chars is None:
            chars = list(text)
        chars[start:end] = " " * (end - start)
        masked_to = max(masked_to, end)
    return text if chars is None else "".join(chars)


def _collapse_runs(text: str) -> str:
    """Cut absurd runs (a 4,000-digit number, a word repeated hundreds of times) so every parser stays linear."""
    text = re.sub(r"\d{12,}", lambda m: "0" * 11, text)
    text = re.sub(r"\b(\w+)((?:\W{1,3}\1\b){8,})", lambda m: " ".join([m.group(1)] * 8), text)
    # A phrase or sentence pasted over and over ("I know python and 3 years " x 160) counts three times.
    text = _REPEATED_PHRASE.sub(lambda m: m.group(1) * 3, text)
    seen: dict[str, int] = {}
    kept: list[str] = []
    for piece in re.split(r"(?<=[.!?\n])", text):
        key = piece.strip().lower()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= 3 or not key:
            kept.append(piece)
    return "".join(kept)


# Tried only at word starts, so a 4,000-letter "word" costs one attempt, not one per letter.
_REPEATED_PHRASE = re.compile(r"(?<!\S)((?:\S{1,30}\s+){2,8}?)\1{4,}")


CORRECTION_CUE = re.compile(
    r"\b(?:actually|correction|i\s+meant|i\s+mean|sorry,?\s+(?:i\s+meant|make\s+it|it'?s)|change\s+(?:my|the|it)"
    r"|update\s+(?:my|the)|make\s+it|"
    r"set\s+(?:my|the|it)|switch\s+(?:my|the|it|to)|instead|not\s+\d+(?:\.\d+)?\s*(?:h|hours?|months?|\$|usd|"
    r"dollars?)?\s*(?:,|but|$)|changed\s+my\s+mind|let'?s\s+(?:say|do|make\s+it)|scratch\s+that|oops|(?:^|[.,;!]\s*|\b(?:no|oh|hmm+|ok|okay)\s+)wait\b(?!\s+(?:to|for|until)\b))"
    # a new value said to hold from now on: "5 hours a week now", "now I can only do 4h"
    r"|\w\s+now\s*[.!]*\s*$|^\W*now\s+(?:it'?s|i\s+(?:can|have|only)|only)\b"
)

# Tools outside the catalog's vocabulary that learners name: kept as other experience, never an error.
OTHER_TECH: dict[str, str] = {
    "go": "go", "golang": "go", "terraform": "terraform", "javascript": "javascript", "js": "javascript",
    "typescript": "typescript", "react": "react", "react.js": "react", "reactjs": "react", "angular": "angular",
    "vue": "vue", "node": "node.js", "node.js": "node.js", "nodejs": "node.js", "latex": "latex", "rust": "rust",
    "php": "php", "ruby": "ruby", "rails": "ruby on rails", "swift": "swift", "c#": "c#", ".net": ".net",
    "dotnet": ".net", "matlab": "matlab", "sas": "sas", "spss": "spss", "stata": "stata", "ansible": "ansible",
    "jenkins": "jenkins", "figma": "figma", "unity": "unity", "html": "html", "css": "css", "django": "django",
    "julia": "julia", "perl": "perl", "haskell": "haskell", "elixir": "elixir", "flutter": "flutter",
    "dart": "dart", "android": "android", "ios": "ios", "wordpress": "wordpress", "graphql": "graphql",
    "redis": "redis", "elasticsearch": "elasticsearch", "salesforce": "salesforce", "sap": "sap",
    "photoshop": "photoshop", "autocad": "autocad", "solidworks": "solidworks", "labview": "labview",
    "fortran": "fortran", "cobol": "cobol", "vba": "vba", "c": "c", "spring": "spring", "laravel": "laravel",
    "pulumi": "pulumi", "cloudformation": "cloudformation", "grafana": "grafana", "prometheus": "prometheus",
    "jira": "jira", "selenium": "selenium", "cypress": "cypress", "svelte": "svelte", "next.js": "next.js",
    "illustrator": "illustrator", "indesign": "indesign", "firebase": "firebase", "revit": "revit",
    "arduino": "arduino", "dax": "dax", "alteryx": "alteryx", "qlik": "qlik", "hubspot": "hubspot",
    "sharepoint": "sharepoint", "powershell": "powershell", "blender": "blender", "xamarin": "xamarin",
    "abap": "abap", "kotlin": "kotlin",
}
# Names of two words; the second names the tool kept ("spring boot" is Spring experience).
_OTHER_PHRASES: dict[str, str] = {"power query": "power query", "spring boot": "spring", "react native": "react",
                                  "raspberry pi": "raspberry pi", "power automate": "power automate",
                                  "google analytics": "google analytics", "ruby on rails": "ruby on rails"}
_OTHER_PHRASE_RE = re.compile(
    r"(?<![\w.#+])(?:" + "|".join(p.replace(" ", r"\s+") for p in _OTHER_PHRASES) + r")(?![\w#+])")
# Case-sensitive spellings for the words that are also plain English.
_OTHER_CASED = {"go": {"Go", "GO"}, "c": {"C"}, "node": {"Node"}, "spring": {"Spring"}, "unity": {"Unity"},
                "swift": {"Swift"}, "rust": {"Rust"}, "react": {"React", "REACT"}, "dart": {"Dart"},
                "ruby": {"Ruby"}, "julia": {"Julia"}, "sap": {"SAP"}, "sas": {"SAS"}, "ios": {"iOS", "IOS"},
                "rails": {"Rails"}, "vue": {"Vue"}, "js": {"JS"}, "illustrator": {"Illustrator"},
                "blender": {"Blender"}, "dax": {"DAX", "Dax"}}
_OTHER_TOKEN = re.compile(r"(?<![\w.#+])(?:[a-z][a-z0-9]*(?:\.(?:js|net))?|\.net|c#|next\.js)(?![\w#+$])")


_JOINER_BEFORE = re.compile(r"(?:,|\band|\bor|&|/|\+)\s*$")
_JOINER_AFTER = re.compile(r"^\s*(?:,|and\b|or\b|&|/|\+)\s*")


def _in_tech_list(low: str, token: re.Match[str], covered: list[tuple[int, int]]) -> bool:
    """A plain-English tool name written in lower case ("go") is a tool when listed next to another tool.

    "mostly java and go", "go, rust": the neighbour across a comma or "and" is a catalog skill or another tool.
    """
    ends = {e for _, e in covered}
    starts = {s for s, _ in covered}
    for other in _OTHER_TOKEN.finditer(low, max(0, token.start() - 30), min(len(low), token.end() + 30)):
        if other.start() != token.start() and other.group(0) in OTHER_TECH and other.group(0) not in _OTHER_CASED:
            ends.add(other.end())
            starts.add(other.start())
    before = _JOINER_BEFORE.search(low, max(0, token.start() - 8), token.start())
    if before and low[: before.start()].rstrip() and len(low[: before.start()].rstrip()) in ends:
        return True
    after = _JOINER_AFTER.match(low[token.end() : token.end() + 8])
    return after is not None and token.end() + after.end() in starts


def _other_mentions(text: str, low: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of tools outside the vocabulary, where no catalog phrase already covers the words."""
    covered = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for p in list(_OTHER_PHRASE_RE.finditer(low))[:10]:
        if not any(s < p.end() and e > p.start() for s, e in covered):
            tool = _OTHER_PHRASES[" ".join(p.group(0).split())]
            out.append(Mention(p.start(), p.end(), text[p.start() : p.end()], {Target("other", tool)}, False, False))
            covered.append((p.start(), p.end()))
    for t in _OTHER_TOKEN.finditer(low):
        word = t.group(0)
        name = OTHER_TECH.get(word)
        if name is None:
            continue
        cased = _OTHER_CASED.get(word)
        if cased is not None and text[t.start() : t.end()] not in cased and not _in_tech_list(low, t, covered):
            continue
        if any(s < t.end() and e > t.start() for s, e in covered):
            continue
        out.append(Mention(t.start(), t.end(), text[t.start() : t.end()], {Target("other", name)}, False, False))
        if len(out) >= 30:
            break
    return out


# ---------------------------------------------------------------- main


def understand(text: str, catalog: Catalog, today: date) -> Facts:
    """Extract facts from one free-text message; never raises."""
    try:
        return _understand(text, catalog, today)
    except Exception:  # understanding is best effort: a bug here must not break the conversation
        return Facts()


def _understand(text: str, catalog: Catalog, today: date) -> Facts:
    """The work of `understand`, without the safety net."""
    if not isinstance(text, str) or not text.strip():
        return Facts()
    text = _CONTROL.sub(" ", text[:MAX_CHARS].translate(_TRANSLATE))
    text = _collapse_runs(text)
    text = re.sub(r"\b([Ii]) m\b", r"\1'm", text)  # "i m a student": same length, so offsets stay
    masked = mask_others(text)
    unmasked_num = normalise_numbers(_lower_aligned(text)) if masked is not text else None
    text = masked
    low = _fix_swapped_letters(_lower_aligned(text))
    num = normalise_numbers(low)
    matcher = matcher_for(catalog)
    facts = Facts()
    facts.correction = bool(CORRECTION_CUE.search(low))
    questions: list[Clarification] = []

    current, current_span = _current_role(low, matcher)
    facts.current_role = current
    segments = _segments(low)
    mentions = _find_mentions(text, low, matcher)
    if current_span:
        for m in mentions:
            if m.start < current_span[1] and m.end > current_span[0]:
                m.targets = {t for t in m.targets if t.kind != "role" and not (
                    t.kind == "skill" and m.end >= current_span[1] - 1)}
                m.in_job = True
    mentions = [m for m in mentions if m.targets]
    mentions += _other_mentions(text, low, mentions)
    # Nobody names more than this many skills and roles: the cap bounds the work on adversarial text.
    mentions = sorted(mentions, key=lambda m: m.start)[:MAX_MENTIONS]
    _assign_modes(low, mentions, segments)
    _resolve_entities(facts, mentions, low, segments, matcher, questions)
    _held_certificates(facts, low, catalog, matcher)

    facts.hours_per_week, q, ranged = _hours(num)
    questions += [q] if q else []
    if ranged:
        facts.midpoints.append("hours")
    facts.deadline, facts.deadline_problem, facts.deadline_said = _deadline(num, today)
    _budget_facts(num, facts, unmasked_num)
    facts.years_experience = _years(num, today, current_span[1] if current_span else None)
    facts.education = _education(_blank_questions(num))
    facts.wants_certificates = _certificates(num)
    if facts.wants_certificates is None and facts.certifications and re.search(
        r"\b(?:want|get|take|pass|prepare|aim|earn|need|like|love|hope|plan\w*)\b", num
    ):
        facts.wants_certificates = True
    facts.questions = questions
    return facts


def named_ids(text: str, catalog: Catalog, kind: str) -> list[str]:
    """Ids of `kind` ("role", "skill", ...) that the text names exactly: names, aliases, short forms; no typos."""
    try:
        text = _CONTROL.sub(" ", text[:MAX_CHARS].translate(_TRANSLATE))
        mentions = _find_mentions(text, _lower_aligned(text), matcher_for(catalog))
    except Exception:  # best effort, like understand()
        return []
    return _unique(i for m in mentions if not m.fuzzy for i in m.ids(kind))


_TOOL_NOT_USED_AFTER = re.compile(r"^\s*(?:developers|devs|engineers|jobs|roles|people|folks|positions|is|are|seems?"
                                  r"|looks?|sounds?)\b")


def _used_tool(low: str, m: Mention) -> bool:
    """A tool named without a cue is one used, unless its sentence asks, wishes or speaks of others or of the tool."""
    end = _SENTENCE_STOP.search(low, m.end)
    rest = low[m.end : end.end() if end else len(low)]
    return not (
        re.search(r"\ban?\s+$", low[max(0, m.start - 3) : m.start])  # "I'm an illustrator": a job
        or _TOOL_NOT_USED_AFTER.match(rest)
        or "?" in rest
        or LEARN_CUE.search(rest)
    )


def _resolve_entities(
    facts: Facts,
    mentions: list[Mention],
    low: str,
    segments: list[Segment],
    matcher: Matcher,
    questions: list[Clarification],
) -> None:
    """Decide, for each mention, whether it is the target role, the domain, a skill or a certification."""
    known: list[str] = []
    unknown: list[str] = []
    certs: list[str] = []
    depth: dict[str, str] = {}
    other_tools: list[str] = []
    for m in mentions:
        if "role" in m.kinds() and _role_negated(low, m):
            m.targets = {t for t in m.targets if t.kind != "role"}
            if not m.targets:
                continue
    mentions = [m for m in mentions if m.targets]
    for m in mentions:
        # A tool outside the catalog is named by someone who used it ("php and wordpress for 8 years"), unless the
        # words wish for it, ask about it or deny it.
        if m.kinds() == {"other"} and (m.mode in {"know", "list"} or (m.mode == "neutral" and _used_tool(low, m))):
            other_tools.append(m.ids("other")[0])
    mentions = [m for m in mentions if m.kinds() != {"other"}]
    strong_roles = [m for m in mentions if m.kinds() == {"role"} and m.mode not in {"neg", "cert"}]
    sentence_has_skill = {
        segments[m.segment].sentence
        for m in mentions
        if not m.weak and "skill" in m.kinds() and segments
    }

    def seg_text(m: Mention) -> str:
        if not segments:
            return low
        seg = segments[m.segment]
        return low[seg.start : seg.end]

    def add_skill(m: Mention) -> None:
        ids = m.ids("skill")
        if not ids:
            return
        if m.weak and re.search(r"\b(?:my|our|his|her|their|all\s+my)\s+$", low[max(0, m.start - 12) : m.start]):
            return  # "all my papers" are things, not a skill
        if m.weak and m.mode == "list":
            return
        if m.weak and m.mode not in {"know", "neg"} and (
            not segments or segments[m.segment].sentence not in sentence_has_skill
        ):
            return
        if m.mode == "neg":
            unknown.extend(ids)
        elif m.mode in {"know", "list"}:
            known.extend(ids)
            if m.depth:
                for skill_id in ids:
                    depth[skill_id] = m.depth

    role_candidates: list[Mention] = []
    domain_candidates: list[Mention] = []
    for m in mentions:
        kinds = m.kinds()
        certs.extend(m.ids("cert"))
        if m.mode == "cert" and "role" not in kinds:
            continue  # words of a certification's name ("nvidia genai LLM associate") name no skill or domain
        if "role" in kinds and _STUDY_SUBJECT.search(low, max(0, m.start - 40), m.start):
            m.targets = {t for t in m.targets if t.kind != "role"}  # "a master's in data science" is a subject
            kinds = m.kinds()
            if not kinds:
                continue
        if "role" in kinds and (m.mode == "cert" or (m.mode == "ask" and _asks_about(low, m, segments))):
            continue  # "what's the difference between an ML engineer and a data scientist?" names no goal
        if kinds == {"role"}:
            if m.mode != "neg":
                role_candidates.append(m)
            continue
        skill_context = (m.mode in {"know", "neg"} or (m.mode == "learn" and re.search(
            r"\b(?:learn|learning|study|studying|pick\s+up|master|practi[cs]e)\s+(?:some\s+|more\s+"
            r"|the\s+basics\s+of\s+)?(?:[\w.+#-]+\s*(?:,|and)\s+){0,2}$",
            low[max(0, m.start - 25) : m.start]))) and "skill" in kinds
        if "role" in kinds and not skill_context:
            if strong_roles:
                if "domain" in kinds:
                    domain_candidates.append(m)
                else:
                    add_skill(m)
            elif "domain" in kinds and (
                (not GOAL_CUE.search(low, max(0, m.start - 60), m.start) and _FASCINATION.search(seg_text(m)))
                or re.search(r"\b(?:something|anything|stuff|somewhere)\s+(?:in|with|around|related\s+to)\s+$"
                             r"|\b(?:interested|passionate|curious|excited)\s+(?:in|about|by)\s+$|\bfascinated\s+by\s+$"
                             r"|\b(?:really|very|so|super|totally|big\s+time)\s+into\s+$"
                             r"|\b(?:speciali[sz]\w*|focus\w*)\s+(?:on\s+|in\s+)?$",
                             low[max(0, m.start - 30) : m.start])
            ):
                domain_candidates.append(m)  # "I think computer vision is fascinating": an interest, not a job
            else:
                role_candidates.append(m)
            continue
        if "domain" in kinds and not skill_context:
            if m.mode in {"know", "ask", "cert"} and "skill" not in kinds:
                continue  # "I've built chatbots" is experience, not the specialisation wished for
            workplace = re.search(r"(?:\b(?:at|for|with)|@)\s+(?:an?\s+|the\s+|my\s+)?(?:[\w-]+\s+){0,2}$",
                                  low[max(0, m.start - 30) : m.start])
            if workplace and not GOAL_CUE.search(low, max(0, m.start - 60), m.start):
                continue  # "SWE at a fintech": where the learner works, not the specialisation wished for
            if not m.weak or INTEREST_CUE.search(seg_text(m)):
                domain_candidates.append(m)
            continue
        add_skill(m)

    if role_candidates:
        goal = [m for m in role_candidates if GOAL_CUE.search(low, max(0, m.start - 60), m.start)]
        chosen = (goal or role_candidates)[0]
        facts.target_role = chosen.ids("role")[0]
        if "domain" in chosen.kinds() and not domain_candidates and re.search(
            r"\b(?:work|working|do|doing)\s+(?:in\s+)?$|\blove\s+(?:to\s+)?(?:do\s+|work\s+in\s+)?$"
            r"|\b(?:get|getting|go|going|move|moving|break|breaking)\s+into\s+$",
            low[max(0, chosen.start - 25) : chosen.start],
        ) and not any(
            "domain" in m.kinds() and m is not chosen for m in mentions
        ):
            role = matcher.role_domains.get(facts.target_role, ())
            domain_candidates.extend([chosen] if set(chosen.ids("domain")) & set(role) else [])
        if chosen.fuzzy:
            label = matcher.labels.get(facts.target_role, facts.target_role)
            questions.append(Clarification(field="target_role", value=facts.target_role,
                                           prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label.lower())))
        # A second, different role stays a question: "ML engineer or data scientist?"
        others = [m for m in role_candidates if m.ids("role")[0] != facts.target_role and m is not chosen]
        for other in others[:1]:
            other_id = other.ids("role")[0]
            if "domain" in other.kinds():
                domain_candidates.append(other)
                continue
            label = matcher.labels.get(other_id, other_id)
            questions.append(Clarification(field="target_role", value=other_id,
                                           prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label.lower())))
    else:
        for m in mentions:
            key = " ".join(_norm_tokens(m.text))
            if key in WEAK_ROLE and m.mode in {"learn", "neutral"} and WEAK_ROLE[key] in matcher.labels:
                role_id = WEAK_ROLE[key]
                if GOAL_CUE.search(low, max(0, m.start - 60), m.start) or LEARN_CUE.search(low, max(0, m.start - 60),
                                                                                            m.start):
                    label = matcher.labels[role_id]
                    questions.append(Clarification(field="target_role", value=role_id,
                                                   prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label.lower())))
                    break
    if not domain_candidates:
        for m in mentions:
            if "domain" in m.kinds() or m.mode not in {"learn", "neutral"}:
                continue
            if not re.search(r"\b(?:speciali[sz]\w*|focus\w*|work\s+on|working\s+on|interested\s+in|into)\b",
                             low[max(0, m.start - 40) : m.start]) and not (len(low) < 60 and m.mode == "neutral"):
                continue
            tokens = _norm_tokens(m.text)
            for n in range(len(tokens) - 1, 0, -1):
                hit = [t.id for t in matcher.phrases.get(tokens[:n], ()) if t.kind == "domain"]
                if hit:
                    facts.domain = hit[0]
                    break
            if facts.domain:
                break
    for m in domain_candidates:
        ids = m.ids("domain")
        if ids:
            facts.domain = ids[0]
            if m.fuzzy:
                label = matcher.labels.get(ids[0], ids[0])
                questions.append(Clarification(field="domain", value=ids[0],
                                               prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label)))
            break
    facts.known_skills = _unique(s for s in known if s not in unknown)
    facts.unknown_skills = _unique(unknown)
    facts.certifications = _unique(certs)
    facts.skill_depth = {k: v for k, v in depth.items() if k in facts.known_skills}
    facts.other_experience = _unique(other_tools)


_STUDY_SUBJECT = re.compile(r"\b(?:degree|bachelor'?s?|master'?s?|masters|phd|msc|bsc|ba|ma|major(?:ing)?|minor|diploma"
                            r"|studies|studied|studying|graduated|graduate)\s+(?:\w+\s+)?(?:in|of)\s+$")


def _asks_about(low: str, m: Mention, segments: list[Segment]) -> bool:
    """The role is named inside a wh- or yes/no question that is not "should I become ...?"."""
    if not segments:
        return False
    sentence = segments[m.segment].sentence
    start = min(s.start for s in segments if s.sentence == sentence)
    text = low[start : m.start]
    whole = low[start : segments[m.segment].end + 40]
    return bool(_QUESTION_START.match(text)) and not re.search(
        r"\b(?:should|could|can|would)\s+i\s+(?:become|be|go|aim|switch|pick|choose|do)\b|\b(?:realistic|possible|"
        r"feasible|doable|achievable|a\s+good\s+(?:fit|idea|choice)|right\s+for\s+me)\b", whole
    )


_ROLE_NEG = re.compile(r"\b(?:not|n't|never|no\s+longer|anything\s+but|rather\s+than|instead\s+of|than|nor|neither|no)"
                       r"((?:\s+[a-z']+){0,6})\s*$")
_ROLE_NEG_FILLER = frozenset({"want", "wanna", "to", "be", "become", "a", "an", "the", "going", "interested", "in",
                              "like", "looking", "for", "being", "do", "really", "at", "all", "into", "as", "i", "just",
                              "another", "generic", "plain", "some", "typical", "aiming", "aim", "more", "of", "work",
                              "working", "end", "up", "wish", "planning", "keen", "on", "necessarily", "so", "much",
                              "person", "role", "pure", "purely", "classic", "job"})


def _role_negated(low: str, m: Mention) -> bool:
    """The role is named to be ruled out: "I do NOT want to be a data scientist", "not ML engineer"."""
    window = low[max(0, m.start - 60) : m.start]
    window = re.split(r"[.;!?,]|(?<!anything )\bbut\b", window)[-1]
    neg = _ROLE_NEG.search(window)
    if neg is None:
        return False
    words = neg.group(1).split()
    others = [w for w in words if w not in _ROLE_NEG_FILLER]
    # "not interested in research or data analysis": a list of things ruled out
    return not others or (len(others) <= 2 and any(w in {"or", "nor", "and"} for w in words))


def _unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------- certifications held and named loosely

_CERT_WORD = re.compile(r"\b[a-z]{2,3}-?c?\d{2,3}\b|\b(?:cert|certs|certificate|certificates|certification"
                        r"|certifications|certified|exam|"
                        r"associate|specialty|speciality|practitioner|fundamentals|professional|cka|ckad)\b")
_HELD = re.compile(r"\b(?:i\s+(?:already\s+)?(?:have|hold|got|earned|passed|obtained|completed|cleared|own|did|took)|"
                   r"i've\s+(?:already\s+)?(?:got|earned|passed|obtained|completed|cleared|done|taken)"
                   r"|i'm\s+(?:already\s+)?"
                   r"(?:\w+\s+){0,3}certified|already\s+(?:have|hold|got|passed|certified|earned)|(?:have"
                   r"|hold)\s+(?:the|an?)"
                   r"\s+\w+|passed\s+the|certified\s+since"
                   # the verb alone at a clause start ("passed azure AI fundamentals", "got my CKA last year")
                   r"|(?:^|[,:(]\s*|\band\s+)(?:already\s+)?(?:passed|cleared|completed|earned|obtained|got|hold|have)"
                   r"(?=\s+(?:my|the|an?|both|\w+))|got\s+my|(?:cert(?:ificate|ification)?|credential)\s+holder"
                   r"|holder\s+of|my\s+(?:cert(?:ificate|ification)?s?|credentials?)\s*(?:are|is|:|include)"
                   r"|^\s*(?:cert(?:ificate|ification)?s?|credentials?)\s*(?:held\s*)?:|certified\s*:"
                   r"|^\s*(?:[a-z0-9-]+\s+){1,5}certified\b(?!\s+(?:in|for|by)\b))")
# Words of a certification's name that people leave out when they name it.
_CERT_ISSUER_OPTIONAL = frozenset({"certified", "google", "microsoft", "azure", "aws", "cloud", "team"})
_CERT_LEVELS = frozenset({"associate", "professional", "practitioner", "specialty", "fundamentals", "expert",
                          "developer", "engineer", "administrator", "certificate", "foundational"})
_CERT_STOP = frozenset({"certified", "certification", "certificate", "cert", "the", "and", "of", "for", "in", "on",
                        "microsoft", "cloud", "developer's"})
_TOKEN_MAP = {"machine": "ml", "amazon": "aws", "gcp": "google", "speciality": "specialty", "k8s": "kubernetes",
              "dev": "developer", "eng": "engineer", "llms": "llm", "pro": "professional", "assoc": "associate",
              "fundamental": "fundamentals", "administration": "administrator", "admin": "administrator"}


def _cert_tokens(text: str) -> set[str]:
    """Distinguishing words of a certification name or a sentence (machine learning -> ml)."""
    text = re.sub(r"\bmachine\s+learning\b", "ml", text.lower())
    text = re.sub(r"\bartificial\s+intelligence\b", "ai", text)
    text = re.sub(r"\bgen(?:erative)?[\s-]*ai\b", "genai", text)
    text = re.sub(r"\b([a-z]+)-certified\b", r"\1 certified", text)  # "NVIDIA-Certified Associate"
    words = re.findall(r"[a-z0-9][a-z0-9+-]*", text)
    return {_TOKEN_MAP.get(w, w) for w in words if w not in _CERT_STOP}


_CERT_INDEX: dict[int, tuple[Catalog, list[tuple[str, set[str], set[str], set[str]]]]] = {}


def _cert_index(catalog: Catalog) -> list[tuple[str, set[str], set[str], set[str]]]:
    """(id, name words, issuer words, exam-code words) per certification, cached by catalog identity."""
    cached = _CERT_INDEX.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    index = []
    for cert in catalog.certifications:
        name = re.sub(r"\(([A-Z0-9-]+)\)", r" \1 ", cert.name)
        # "Google (TensorFlow team)": the words in brackets name a team, not the issuer people say
        issuer = _cert_tokens(re.sub(r"\([^)]*\)", " ", cert.issuer)) | (
            {"azure"} if "microsoft" in cert.issuer.lower() else set())
        codes = _cert_tokens(" ".join(re.findall(r"\(([A-Z0-9-]+)\)", cert.name)))
        index.append((cert.id, _cert_tokens(name) | issuer, issuer, codes))
    if len(_CERT_INDEX) > 16:
        _CERT_INDEX.clear()
    _CERT_INDEX[id(catalog)] = (catalog, index)
    return index


def resolve_certification(text: str, catalog: Catalog, held: bool = False) -> str | None:
    """The certification a loose name points to ("AWS ML associate", "the CKA"), or None when unclear.

    When two candidates tie and one replaced the other (AI-900 and AI-901), a certificate already held is the
    older one and a wished-for one the replacement.
    """
    words = _cert_tokens(text)
    scored: list[tuple[tuple[int, int], str]] = []
    for cert_id, tokens, issuer, code_words in _cert_index(catalog):
        shared = words & tokens
        codes = {w for w in shared if any(ch.isdigit() for ch in w) or w == cert_id}
        distinct = shared - issuer - _CERT_LEVELS
        # Without its issuer a name must be said whole ("certified kubernetes administrator": nobody says CNCF).
        whole = bool(distinct) and not (tokens - issuer - code_words - _CERT_ISSUER_OPTIONAL - words)
        if not codes and (len(shared) < 2 or (issuer and not shared & issuer and not whole) or not distinct):
            continue  # "AWS Cloud Practitioner" shares only the issuer and a level with "AWS AI Practitioner"
        if not codes and not shared & _CERT_LEVELS and len(distinct) < 2:
            continue  # "the Google data analytics cert" shares one word with "Google ... Data Engineer", no level
        scored.append(((len(shared) + 2 * len(codes), -len(tokens - words)), cert_id))
    if not scored:
        return None
    best = max(key for key, _ in scored)
    top = [cert_id for key, cert_id in scored if key == best]
    if len(top) == 1:
        return top[0]
    if len(top) == 2:
        by_id = catalog.certification_by_id
        for old, new in (top, top[::-1]):
            if by_id[old].replacement == new:
                return old if held else new
    return None


def _held_certificates(facts: Facts, low: str, catalog: Catalog, matcher: Matcher) -> None:
    """Certifications the learner holds ("I already have the AWS ML associate cert"), and loosely named ones."""
    held: list[str] = []
    previous_cert = False
    for sentence in re.split(r"[.!?;\n]|\bbut\b|(?:\band|,)\s+(?:i\s+|i'd\s+|then\s+)?(?=want|would|plan|hope|need|like"
                             r"|next|aiming|going\s+for)", low)[:40]:
        if not _CERT_WORD.search(sentence) and not (previous_cert and re.search(r"\bone\b", sentence)):
            previous_cert = False
            continue
        previous_cert = True
        found = [c for c in facts.certifications if _names_cert(sentence, c, matcher)]
        is_held = bool(_HELD.search(sentence)) and not re.search(
            r"\b(?:want|plan|planning|going\s+to|hope|will|would|aim|should|studying\s+for|preparing)\b", sentence
        )
        # "CKA and the AWS ML engineer associate": each listed name on its own, else the whole clause.
        items = [resolve_certification(part, catalog, held=is_held)
                 for part in re.split(r",|\band\b|&|\+|\bplus\b", sentence)[:12]]
        loose_ids = [c for c in items if c]
        if not loose_ids:
            whole = resolve_certification(sentence, catalog, held=is_held)
            loose_ids = [whole] if whole else []
        for loose in loose_ids:
            if loose not in found:
                found.append(loose)
        if not found:
            continue
        if is_held:
            held += found
        else:
            facts.certifications = _unique([*facts.certifications, *found])
    facts.held_certifications = _unique(held)
    facts.certifications = [c for c in facts.certifications if c not in facts.held_certifications]


def _names_cert(sentence: str, cert_id: str, matcher: Matcher) -> bool:
    """The sentence names this certification by a catalog phrase."""
    tokens = _norm_tokens(sentence)
    for phrase, targets in matcher.phrases.items():
        if Target("cert", cert_id) in targets:
            n = len(phrase)
            if any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1)):
                return True
    return False
