"""Free-text understanding: turn one learner message into Facts about goals and background.

How it works, in four passes over one message:

1. Normalise: curly quotes and dashes become ASCII, number words become digits ("ten hours" -> "10 hours",
   "a year" -> "1 year"), and the text is cut at `MAX_CHARS` so a 100 KB paste stays fast.
2. Phrase matching against a `Matcher` built once per catalog (cached by catalog identity): every role,
   domain, skill and certification name and alias, plus a few built-in abbreviations for the canonical ids
   ("DS", "CV", "NLP", "LLM engineer"). Matching is by whole tokens, so "r" never matches inside "error";
   typos are caught with rapidfuzz's optimal-string-alignment distance (one edit for 6-8 letters, two for
   longer words, same first letter, never on ordinary English words).
3. Clauses: the message is split into sentences and comma/"but" segments; cue words decide whether a skill
   is known ("I know", "used"), negated ("no SQL yet", "never used docker": `unknown_skills`) or only wished
   for ("want to learn pytorch": neither list). A phrase that is both a role and a domain or skill
   ("NLP", "MLOps") is the target role unless another role was named or the clause is about skills.
4. Regular expressions for numbers and dates on the normalised text: hours, deadline, budget, years,
   education, certificates wish and current job. dateparser reads only day-precise absolute dates
   ("March 15th 2027", "15/03/2027"); relative periods are computed here because dateparser's answers
   for them depend on its settings (with PREFER_DAY_OF_MONTH it turns "in 6 months" into the 1st).

Conventions (documented for the dialogue and the planner):
- Ranges take the lower bound for every number ("5-8h" -> 5, "$200-500" -> 200, "6-9 months" -> 6):
  the conservative reading for hours and budget, the earlier date for a deadline.
- A month or season deadline is its first day ("by June 2027" -> 2027-06-01, "next summer" -> June 1st);
  "by/before YEAR" is YEAR-01-01, while "in YEAR", "during YEAR", "next year" and "end of YEAR" are
  December 31st. A month without a year is its next occurrence after `today`.
- Money in EUR/GBP/... is converted to USD with the fixed `USD_PER` rates (approximate, stated here).
- "2 hours a day" is 14 h/week, "on weekdays" 5 days; "weekends only" is 8 h/week with a question.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.profile import Education


class Clarification(BaseModel):
    """An uncertain match the dialogue should confirm ("Did you mean computer vision engineer?")."""

    field: str = Field(description="Facts field the candidate would fill, e.g. 'target_role'")
    value: str = Field(description="candidate value (a catalog id, or a number as text)")
    prompt: str = Field(description="the question to ask, plain text")


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
    questions: list[Clarification] = []

    def is_empty(self) -> bool:
        """True when the message said nothing we understood (questions included)."""
        return self == Facts()

    def to_cli_json(self) -> dict[str, Any]:
        """The facts for `waypoint understand --json`: issue-5 keys, absent facts omitted."""
        out: dict[str, Any] = {}
        for key in CLI_KEYS:
            value = getattr(self, key)
            if value is None or value == []:
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Education):
                value = value.value
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
)

# Longer messages are cut: nobody types more than this about themselves, and it bounds the time.
MAX_CHARS = 20_000

# Approximate USD value of one unit (fixed on purpose: the domain has no network and no clock).
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
        "support", "qa", "pm", "strategist", "planner", "executive", "associate", "instructor", "trainer"
    ]
)

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
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

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
    low = re.sub(r"\b(?:a|one)\s+(" + _UNITS + r")\s+and\s+a\s+half\b", r"1.5 \1", low)
    low = re.sub(r"\bhalf\s+(?:an?\s+)?(" + _UNITS + r")\b", r"0.5 \1", low)
    low = re.sub(r"\b(?:a\s+)?couple\s+(?:of\s+)?(?=" + _UNITS + r"|\w+\s+" + _UNITS + r")", "2 ", low)
    low = re.sub(r"\ba\s+few\s+(?=" + _UNITS + r")", "3 ", low)
    # "a year" is one year, but "hours a week" keeps its "a": it is a rate, not a count.
    low = re.sub(r"(?<![\w$€£])(\w+\s+)?(?:an?|one)\s+(?=" + _UNITS + r"\b)",
                 lambda m: m.group(0) if m.group(1) and re.match(_UNITS + r"|\d|h\b|usd|dollars?|euros?", m.group(1))
                 else (m.group(1) or "") + "1 ", low)

    def repl(m: re.Match[str]) -> str:
        value = _words_to_number(m.group(0))
        return m.group(0) if value is None else str(value)

    low = _NUM_WORD_RE.sub(repl, low)
    # "1.5k" -> "1500", "2,000" -> "2000" so every amount is one plain number.
    low = re.sub(r"(\d+(?:\.\d+)?)\s?k\b", lambda m: f"{float(m.group(1)) * 1000:g}", low)
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", low)


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

    @classmethod
    def build(cls, catalog: Catalog) -> Matcher:
        """Index every name, alias and id (with hyphens as spaces) of roles, domains, skills and certs."""
        m = cls()
        for role in catalog.roles:
            m.labels[role.id] = role.name
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
    r"|lacking|can't|cannot|unfamiliar|unknown|nothing|nor|neither)\b(?!\s+(?:much|a lot|great|very|that|so|too"
    r"|an expert|expert|super|only|just|sure|bad|limit|budget))"
)
POST_NEG = re.compile(r"^\s*(?:[:=-]\s*)?(?:no|none|nope|not yet|never|0|zero)\b")
LEARN_CUE = re.compile(
    r"\b(?:learn|learning|study|studying|pick up|get better at|improve|master|get into|dive into|explore"
    r"|teach me|wanna|want|wants|would like|i'd like|hope|plan|planning|aim|goal|interested in|curious"
    r"|eager|excited|dream|need to|needs to|should i|practice|practise|course|courses|cert\w*|build)\b"
)
KNOW_CUE = re.compile(
    r"\b(?:know|knows|knew|familiar|experience|experienced|used|use|using|worked|work with|comfortable"
    r"|proficient|fluent|good at|good with|decent|skills?|skilled|background|code in|coding in|written"
    r"|wrote|built|did|done|have|i've|ive|strong|solid|basic|basics|some|bit of|little|expert|exposure"
    r"|stack|tools|daily)\b"
)
INTEREST_CUE = re.compile(
    r"\b(?:interest\w*|focus\w*|speciali[sz]\w*|work on|working on|work in|into|passion\w*|love|like"
    r"|domain|field|area|build\w*|industry|fascinated|curious|want|wanna|would like|dream|goal)\b"
)
GOAL_CUE = re.compile(
    r"\b(?:want|wanna|would like|i'd like|become|becoming|goal|aim|aiming|target|dream|hope|plan"
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
    mode: str = "neutral"  # neutral, know, neg, learn

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
    # Typos: try trigrams, bigrams, then single words among the uncovered tokens.
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            if any(covered[i : i + n]):
                continue
            words = [t[2] for t in tokens[i : i + n]]
            if any(w in COMMON_WORDS or not w.isalpha() for w in words) and n == 1:
                continue
            if n > 1 and (words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS):
                continue
            query = " ".join(words)
            if len(query) < 6:
                continue
            choices = matcher.fuzzy.get(query[0])
            if not choices:
                continue
            limit = 1 if len(query) <= 8 else 2
            best = process.extractOne(query, choices, scorer=OSA.distance, score_cutoff=limit)
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


def _assign_modes(low: str, mentions: list[Mention], segments: list[Segment]) -> None:
    """Set each mention's segment and mode (known, negated, wished for, neutral)."""
    # Cue words inside a catalog phrase do not count ("learning" in "deep learning", "learn" in "scikit-learn").
    chars = list(low)
    for m in mentions:
        chars[m.start : m.end] = " " * (m.end - m.start)
    low = "".join(chars)
    seg_index = 0
    previous: Mention | None = None
    for m in mentions:
        while seg_index < len(segments) - 1 and m.start >= segments[seg_index].end:
            seg_index += 1
        seg = segments[seg_index] if segments else Segment(0, len(low), 0, False)
        m.segment = seg_index
        before = low[seg.start : m.start]
        after = low[m.end : seg.end]
        neg = list(NEG_CUE.finditer(before))
        learn = list(LEARN_CUE.finditer(before))
        if neg and (not learn or learn[-1].start() < neg[-1].start()):
            m.mode = "neg"
        elif learn:
            m.mode = "learn"
        elif POST_NEG.match(after):
            m.mode = "neg"
        elif KNOW_CUE.search(low, seg.start, seg.end):
            m.mode = "know"
        elif (
            previous is not None
            and previous.mode in {"neg", "learn"}
            and not seg.contrast
            and segments
            and segments[previous.segment].sentence == seg.sentence
            and previous.segment >= seg_index - 1
            and _LIST_JOIN.fullmatch(low[max(previous.end, seg.start) : m.start])
        ):
            # "I don't know statistics, linear algebra or calculus": a list continues the negation.
            m.mode = previous.mode
        previous = m


# ---------------------------------------------------------------- current job

_CURRENT_RE = re.compile(
    r"\b(?:i'm|i am|im|i'm currently|currently|presently|right now i'm|now i'm|working|work|employed"
    r"|job is|job title is|job:|role:|occupation:|position:|title:|current job:|current role:|years as|experience as"
    r"|background:"
    r"|yrs as|year as|been|from being|from)"
    r"\s+(?:currently\s+|now\s+|still\s+|working\s+|employed\s+)?(?:as\s+)?(?:an?\s+|the\s+)?"
    r"(?P<r>[a-z][a-z0-9+#./'-]*(?:\s+[a-z0-9+#./'-]+){0,4})"
)


def _current_role(low: str, matcher: Matcher) -> tuple[str | None, tuple[int, int] | None]:
    """The current job as written ('backend developer') and its span, or None."""
    for m in _CURRENT_RE.finditer(low):
        lead = low[m.start() : m.start("r")]
        if lead.startswith(("work", "working", "employed")) and " as " not in f" {lead} ":
            continue
        if lead.startswith("from") and not re.search(r"\s(?:to|into)\s", low[m.end("r") - 1 : m.end("r") + 30] +
                                                     " " + low[m.start("r") : m.end("r")]):
            continue
        base = m.start("r")
        phrase: list[str] = []
        span_end = base
        found: str | None = None
        for w in re.finditer(r"\S+", m.group("r")):
            word = w.group(0).strip(".,'")
            if word in _ROLE_STOP:
                break
            if found is not None and word not in JOB_NOUNS:
                break
            phrase.append(word)
            span_end = base + w.end()
            if word in JOB_NOUNS or word.rstrip("s") in JOB_NOUNS:
                # Keep going through compound job titles: "qa engineer", "support engineer".
                found = " ".join(phrase)
        if found is None:
            # A catalog role name counts as a job even without a job noun ("I'm a data scientist").
            for n in range(len(phrase), 0, -1):
                if any(t.kind == "role" for t in matcher.phrases.get(_norm_tokens(" ".join(phrase[:n])), ())):
                    found = " ".join(phrase[:n])
                    span_end = base + len(found)
                    break
        if found is None:
            continue
        # "I'm an aspiring data scientist", "a CV engineer wannabe" name the goal, not the job.
        if ROLE_ADJ_TARGET.search(lead) or ROLE_ADJ_TARGET.search(low[base:span_end]) or ROLE_POSTFIX_TARGET.match(
            low, span_end
        ):
            continue
        return found, (base, span_end)
    return None, None


# ---------------------------------------------------------------- numbers

_NUM = r"(\d+(?:\.\d+)?)"
_RANGE = _NUM + r"(?:\s*(?:-|to|or|and|/)\s*(?:\d+(?:\.\d+)?))?"
_HOURS_RE = re.compile(
    r"(?<![\d.$€£])" + _RANGE + r"\s*\+?\s*(?:hours?|hrs?|hr|h)\b(?=(?P<post>.{0,40}))"
)
_WEEK = re.compile(r"^\s*(?:of\s+\w+(?:\s+\w+)?\s+)?(?:/|per|a|an|each|every|p|in\s+a|each|1)?\s*"
                   r"(?:week|wk|w)\b|^\s*(?:of\s+\w+\s+)?weekly|^\s*pw\b")
_DAY = re.compile(r"^\s*(?:of\s+\w+(?:\s+\w+)?\s+)?(?:/|per|a|an|each|every|1)?\s*"
                  r"(?:day|d|night|evening|weekday|workday|weeknight|working\s+day)s?\b"
                  r"|^\s*(?:of\s+\w+\s+)?(?:daily|nightly|every\s+(?:day|night|evening)|in\s+the\s+evenings?)")
_WEEKDAYS = re.compile(r"\b(?:weekdays?|workdays?|work\s+days?|monday\s+to\s+friday|mon-fri)\b")
_MONTH = re.compile(r"^\s*(?:/|per|a|an|each|every|1)?\s*(?:month|mo)\b|^\s*monthly")
_WEEKEND = re.compile(r"^\s*(?:(?:on|each|every|per|a|at|over\s+the|on\s+the)\s+)?(?:weekends?|saturdays?|sundays?)")
_WORK_CONTEXT = re.compile(r"\b(?:work|working|job|shift|employed|commute|sleep)\w*\b[^,.]{0,15}$")
_STUDY_CONTEXT = re.compile(r"\b(?:study|studying|learn|learning|spend|dedicate|devote|commit|put in|free"
                            r"|available|have|can do|can give|invest|time|budget|focus)\w*\b")
_NOT_STUDY_AFTER = re.compile(r"^\s*(?:ago|old|course|long|of (?:video|content|lectures?|material)|commute|shift)")


def _hours(num: str) -> tuple[float | None, Clarification | None]:
    """Study hours per week from the normalised text."""
    candidates: list[tuple[int, float]] = []  # (confidence, value)
    for m in _HOURS_RE.finditer(num):
        value = float(m.group(1))
        pre, post = num[max(0, m.start() - 40) : m.start()], m.group("post")
        if _NOT_STUDY_AFTER.match(post):
            continue
        worky = bool(_WORK_CONTEXT.search(pre)) and not _STUDY_CONTEXT.search(pre[-15:])
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
            hours, conf = value, 2 if (_STUDY_CONTEXT.search(pre) or compact) else 1
        if worky:
            conf = 0
        if 0 < hours <= 112:
            candidates.append((conf, hours))
    for m in re.finditer(r"(?:hours?|hrs?|time)\s*(?:per|a|/)\s*week\s*(?:[:=-]|is|of)?\s*(?:about\s+|~)?" + _RANGE,
                         num):
        candidates.append((3, float(m.group(1))))
    for m in re.finditer(r"\b(?:hours?|hrs?|time|availability)\s*[:=]\s*(?:about\s+|~)?" + _RANGE, num):
        candidates.append((3, float(m.group(1))))
    for m in re.finditer(_NUM + r"\s*(?:minutes?|mins?)\s*(?:a|per|each|every|/)\s*day|" + _NUM
                         + r"\s*(?:minutes?|mins?)\s*daily", num):
        value = float(m.group(1) or m.group(2))
        candidates.append((3, round(value * 7 / 60, 1)))
    if candidates:
        best = max(candidates, key=lambda c: c[0])
        if best[0] >= 2:
            return best[1], None
    if re.search(r"\b(?:study|studying|learn|learning|go|dedicate|commit|focus|available)\s+(?:\w+\s+){0,2}"
                 r"full[- ]?time"
                 r"|\bfull[- ]?time\s+(?:study|student|learner|learning|studying)", num):
        return 40.0, None
    if re.search(r"\b(?:only\s+(?:on\s+)?(?:the\s+)?weekends?|weekends?\s+only|just\s+(?:on\s+)?weekends?)\b", num):
        return 8.0, Clarification(field="hours_per_week", value="8",
                                  prompt=texts.UNDERSTAND_WEEKENDS_ONLY)
    return None, None


_AFTER_NOT_DEADLINE = re.compile(
    r"^\s*(?:of\s+(?:experience|exp|work)|experience|ago|old|as\b|in\s+(?:the\s+)?(?:industry|field))"
)
_REL_RE = re.compile(
    r"\b(?P<lead>in|within|over|inside|under|less\s+than|by|next|before|after|deadline\s*(?:is|:)?|timeline\s*(?:is|:)?"
    r"|timeframe\s*(?:is|:)?|horizon\s*(?:is|:)?|goal\s*(?:is|:)?)\s+(?:the\s+)?(?:next\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|maybe\s+|~\s*)?(?P<a1>\d+(?:\.\d+)?)"
    r"(?:\s*(?:-|to|or)\s*\d+(?:\.\d+)?)?\s*(?P<unit>days?|weeks?|wks?|months?|mos?|years?|yrs?|y)\b"
    r"|\b(?P<a2>\d+(?:\.\d+)?)\s*(?P<unit2>days?|weeks?|months?|years?|yrs?)\s+from\s+now\b"
    r"|\b(?P<a3>\d+(?:\.\d+)?)[- ](?P<unit3>month|week|year)s?\s+(?:timeline|deadline|timeframe|plan|horizon|goal)\b"
)


def _add_months(start: date, months: int) -> date:
    """Calendar month arithmetic, clamping the day (Jan 31 + 1 month = Feb 28)."""
    year, month = divmod(start.month - 1 + months, 12)
    target_year, target_month = start.year + year, month + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(target_year, target_month, day)
        except ValueError:
            continue
    return date(target_year, target_month, 28)


def _shift(today: date, amount: float, unit: str) -> date:
    """today plus an amount of days, weeks, months or years."""
    if unit.startswith("d"):
        return today + timedelta(days=round(amount))
    if unit.startswith("w"):
        return today + timedelta(days=round(amount * 7))
    if unit.startswith("m"):
        return _add_months(today, round(amount))
    return _add_months(today, round(amount * 12))


def _next_month(today: date, month: int, year: int | None) -> date:
    """The first day of a month: in the given year, else its next occurrence after today."""
    if year is not None:
        return date(year, month, 1)
    return date(today.year if month > today.month else today.year + 1, month, 1)


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(20\d\d)"
_DAY_DATE_RE = re.compile(
    r"\b(?:(?:" + _MONTH_NAMES + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+20\d\d)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTH_NAMES + r")\.?(?:,?\s+20\d\d)?"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:20)?\d\d)\b"
)
_ISO_RE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_MONTH_YEAR_RE = re.compile(
    r"\b(?P<lead>by|before|until|till|in|around|for|end\s+of|start\s+of|beginning\s+of|mid|early|late)?\s*"
    r"(?:(?:the\s+)?(?:end|start|beginning)\s+of\s+)?(?P<month>" + _MONTH_NAMES + r")\.?(?:\s+(?:of\s+)?"
    + _YEAR + r"|\s*/\s*" + _YEAR + r")?\b"
)
_SEASON_RE = re.compile(r"\b(?:(?P<which>next|this|coming)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
                        r"(?:\s+(?:of\s+)?" + _YEAR + r")?\b")
_YEAR_RE = re.compile(r"\b(?P<lead>by|before|until|till|in|during|end\s+of|start\s+of|early|mid|late)\s+"
                      r"(?:the\s+)?(?:end\s+of\s+)?" + _YEAR + r"\b")
_NAMED_YEAR_RE = re.compile(r"\b(?P<lead>by|before|until|till|in|during|end\s+of|within)?\s*(?:the\s+)?"
                            r"(?P<end>end\s+of\s+(?:the\s+)?)?(?P<which>next|this|the)\s+year\b")


def _deadline(num: str, today: date) -> date | None:
    """The deadline from the normalised text, or None."""
    found: list[tuple[int, date]] = []  # (position, date): the first deadline in the text wins
    for m in _REL_RE.finditer(num):
        lead = (m.group("lead") or "").strip()
        amount = float(m.group("a1") or m.group("a2") or m.group("a3"))
        unit = m.group("unit") or m.group("unit2") or m.group("unit3")
        if _AFTER_NOT_DEADLINE.match(num[m.end() : m.end() + 30]) or lead == "after" or amount <= 0:
            continue
        if lead == "next" and amount > 1 and not unit.startswith(("m", "y", "w", "d")):
            continue
        if (unit.startswith("y") and amount > 20) or (unit.startswith("d") and amount > 3650):
            continue
        found.append((m.start(), _shift(today, amount, unit)))
    for m in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(months?|weeks?)\b", num):
        pre = num[max(0, m.start() - 25) : m.start()]
        # "for 3 months", "3 months of python", "3 months ago" are durations, not deadlines.
        if (
            re.search(r"\b(?:for|of|last|past|ago|since|every|each|per|a|the)\s*$|\d\s*(?:-|to|or)\s*$", pre)
            or _AFTER_NOT_DEADLINE.match(num[m.end() : m.end() + 30])
            or re.match(r"\s*(?:ago|old|of|in\b|into)", num[m.end() :])
        ):
            continue
        if not any(abs(s - m.start()) < 30 for s, _ in found):
            found.append((m.start(), _shift(today, float(m.group(1)), m.group(2))))
    for m in re.finditer(r"\b(?:in|within|by|next|before)\s+(?:the\s+next\s+|a\s+)?(year|month|week)\b"
                         r"(?!\s*(?:ago|old))", num):
        if m.group(0).startswith("next"):
            continue  # "next year" is a named period, handled below
        found.append((m.start(), _shift(today, 1, m.group(1))))
    for m in _ISO_RE.finditer(num):
        with contextlib.suppress(ValueError):  # 2027-02-30 is no date
            found.append((m.start(), date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in _DAY_DATE_RE.finditer(num):
        parsed = _parse_day_date(m.group(0), today)
        if parsed:
            found.append((m.start(), parsed))
    covered = [(s, s + 1) for s, _ in found]
    for m in _MONTH_YEAR_RE.finditer(num):
        month_word = m.group("month")
        if month_word == "may" and not (m.group(3) or m.group(4) or m.group("lead")):
            continue  # "may" is mostly a verb
        if month_word in {"mar", "jan", "jun", "aug", "oct", "sep", "dec", "nov", "feb", "apr", "jul"} and not (
            m.group(3) or m.group(4)
        ):
            continue  # bare abbreviations are too ambiguous without a year
        if not (m.group(3) or m.group(4) or m.group("lead")):
            continue
        if any(abs(s - m.start("month")) < 20 for s, _ in covered):
            continue
        year = int(m.group(3) or m.group(4)) if (m.group(3) or m.group(4)) else None
        first = _next_month(today, MONTHS[month_word], year)
        if m.group(0).strip().startswith(("end", "the end")) or "end of" in m.group(0):
            first = _add_months(first, 1) - timedelta(days=1)
        found.append((m.start(), first))
    for m in _SEASON_RE.finditer(num):
        month = SEASONS[m.group("season")]
        year = int(m.group(3)) if m.group(3) else None
        if year is None:
            lead = num[max(0, m.start() - 12) : m.start()]
            if not (m.group("which") or re.search(r"\b(?:by|before|until|till|in|for)\s+(?:the\s+)?$", lead)):
                continue
        found.append((m.start(), _next_month(today, month, year)))
    for m in _YEAR_RE.finditer(num):
        year, lead = int(m.group(2)), m.group("lead")
        if year < today.year or any(abs(s - m.start()) < 15 for s, _ in found):
            continue
        if "end" in m.group(0) or lead in {"in", "during", "late"}:
            found.append((m.start(), date(year, 12, 31)))
        elif lead == "mid":
            found.append((m.start(), date(year, 7, 1)))
        else:
            found.append((m.start(), date(year, 1, 1)))
    for m in _NAMED_YEAR_RE.finditer(num):
        which = m.group("which")
        if which == "the" and not m.group("end"):
            continue
        year = today.year + (1 if which == "next" else 0)
        if (m.group("lead") or "").strip() in {"by", "before", "until", "till"} and not m.group("end") and \
                which == "next":
            found.append((m.start(), date(year, 1, 1)))
        elif m.group("end") or which == "next" or (m.group("lead") or "").strip() in {"in", "during", "within"}:
            found.append((m.start(), date(year, 12, 31)))
    if re.search(r"\bby\s+christmas\b", num):
        xmas = date(today.year, 12, 25)
        found.append((num.index("christmas"), xmas if xmas > today else date(today.year + 1, 12, 25)))
    future = [(pos, d) for pos, d in found if d > today]
    if not future:
        return None
    return min(future)[1]


_DATEPARSER_SETTINGS: dict[str, Any] | None = None


def _parse_day_date(phrase: str, today: date) -> date | None:
    """A day-precise date via dateparser (only candidate phrases reach it); None when it fails."""
    try:
        import dateparser  # imported lazily: it costs ~0.2 s the first time

        settings: dict[str, Any] = {
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime(today.year, today.month, today.day),
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "DMY",
        }
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # a third-party parser must never break understanding
        return None
    return parsed.date() if parsed else None


_CURRENCY_BEFORE = r"(?<![a-z])(?P<cur1>\$|€|£|usd|eur|gbp|us\$|c\$|a\$|₹|rs\.?)\s*"
_CURRENCY_AFTER = (r"\s*(?P<cur2>\$|€|£|usd|dollars?|bucks|eur|euros?|gbp|pounds?|quid|cad|aud|inr|rupees?"
                   r"|rs)(?![a-z])")
_AMOUNT = r"(?P<amt>\d+(?:\.\d+)?)"
_MONEY_RE = re.compile(
    r"(?:" + _CURRENCY_BEFORE + _AMOUNT + r"(?:\s*(?:-|to)\s*\$?\d+(?:\.\d+)?)?"
    r"|(?P<amt2>\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?" + _CURRENCY_AFTER + r")"
)
_BUDGET_WORD_RE = re.compile(
    r"\bbudget\s*(?:is|of|:|=|around|about|up\s+to|max|maximum|~|roughly|approx\w*)*\s*(?:about\s+|around\s+)?"
    r"(?P<amt>\d+(?:\.\d+)?)(?!\s*(?:h|hours?|months?|weeks?|years?|%))\b"
)
_SALARY_CONTEXT = re.compile(r"\b(?:salary|salaries|earn|earning|earns|make|making|makes|income|wage|paid|paying me"
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
    r"|(?:my\s+)?(?:employer|company|work|boss|job)\s+(?:will\s+)?(?:pays?|covers?|reimburses?|sponsors?|funds?)"
    r"|don'?t\s+care\s+about\s+(?:the\s+)?(?:cost|price|money)|money\s+(?:doesn'?t|does\s+not)\s+matter"
    r"|happy\s+to\s+pay\s+whatever|no\s+budget\s+(?:issue|problem)s?)"
)


def _budget(num: str) -> tuple[float | None, bool, Clarification | None]:
    """(budget in USD, budget stated?, question) from the normalised text."""
    for m in list(_MONEY_RE.finditer(num)) + list(_BUDGET_WORD_RE.finditer(num)):
        pre = num[max(0, m.start() - 40) : m.start()]
        post = num[m.end() : m.end() + 25]
        if _SALARY_CONTEXT.search(pre) or _SALARY_AFTER.match(post):
            continue
        groups = m.groupdict()
        amount = float(groups.get("amt") or groups.get("amt2") or 0)
        currency = (groups.get("cur1") or groups.get("cur2") or "$").strip()
        rate = _rate(currency)
        if amount > 1_000_000:
            continue
        usd = round(amount * rate, 0) if rate != 1.0 else amount
        if _PER_MONTH.match(post):
            prompt = texts.UNDERSTAND_BUDGET_PER_MONTH.format(usd=usd)
            return usd, True, Clarification(field="budget_usd", value=f"{usd:g}", prompt=prompt)
        return usd, True, None
    if _ZERO_BUDGET.search(num):
        return 0.0, True, None
    if _NO_LIMIT.search(num):
        return None, True, None
    return None, False, None


def _rate(currency: str) -> float:
    """USD per unit of a currency word or sign."""
    c = currency.lower().rstrip(".")
    if c in {"€", "eur", "euro", "euros"}:
        return USD_PER["eur"]
    if c in {"£", "gbp", "pound", "pounds", "quid"}:
        return USD_PER["gbp"]
    if c in {"cad", "c$"}:
        return USD_PER["cad"]
    if c in {"aud", "a$"}:
        return USD_PER["aud"]
    if c in {"inr", "₹", "rs", "rupee", "rupees"}:
        return USD_PER["inr"]
    return 1.0


_YEARS_RE = re.compile(
    r"(?<![\d.])" + _NUM + r"(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*\+?\s*(?:years?|yrs?|y(?=\s+(?:exp|of)))"
    r"\b(?=(?P<post>.{0,40}))"
)
_YEARS_POST = re.compile(r"^\s*(?:of\s+(?:\w+\s+){0,2}(?:experience|exp|work|working|coding|programming|being|"
                         r"industry|professional|teaching|\w+ing)|as\b|in\s+(?:the\s+)?(?:industry|tech|it|software|"
                         r"field|finance|\w+ing|[a-z]+)\b(?!\s+(?:months?|years?))|at\b|experience|exp\b|working|"
                         r"professional|\+?\s*yoe|coding|programming|in\s+my|of\s+[a-z]+\s+(?:experience|work))")
_YEARS_PRE_OK = re.compile(r"\b(?:experience|exp|worked|working|been|career|yoe|spent)\b")
_YEARS_PRE_BAD = re.compile(r"\b(?:in|within|next|over\s+the\s+next|by|after|for\s+the\s+next|plan|deadline|"
                            r"timeline|about|around)\s*(?:about|around)?\s*$")
_YEARS_POST_BAD = re.compile(r"^\s*(?:old|ago|from\s+now|to\s+(?:get|land|become|learn|switch)|deadline|timeline|"
                             r"of\s+(?:study|school|college|university|uni|my\s+degree|age)|in\s+(?:school|college|"
                             r"uni|university))")


def _years(num: str) -> float | None:
    """Years of work experience from the normalised text."""
    for m in _YEARS_RE.finditer(num):
        pre, post = num[max(0, m.start() - 40) : m.start()], m.group("post")
        if _YEARS_POST_BAD.match(post) or _YEARS_PRE_BAD.search(pre):
            continue
        job_before = any(w.rstrip("s") in JOB_NOUNS or w in JOB_NOUNS for w in re.findall(r"[a-z]+", pre[-40:]))
        if job_before and re.match(r"\s*(?:[.,;)!-]|$)", post):
            return float(m.group(1))
        if _YEARS_POST.match(post) or (_YEARS_PRE_OK.search(pre) and re.search(r"\bfor\s*$|:\s*$|\b(?:of|with)\s*$",
                                                                                pre)):
            value = float(m.group(1))
            if 0 <= value <= 60:
                return value
    if re.search(r"\bdecade\s+(?:of\s+experience|as\b|in\s+)", num):
        return 10.0
    if re.search(r"\b(?:no|zero|0|without)\s+(?:work\s+|professional\s+|prior\s+|industry\s+|real\s+|relevant\s+)?"
                 r"(?:work\s+)?experience\b(?!\s+(?:with|in|using|of)\b)|\bnever\s+(?:had\s+a\s+job|worked)\b", num):
        return 0.0
    return None


# ---------------------------------------------------------------- education

_EDU_PATTERNS: list[tuple[Education, re.Pattern[str]]] = [
    (Education.phd, re.compile(r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b|\bdphil\b")),
    (Education.master, re.compile(
        r"\bm\.?sc\b|\bmasters?'?\s*(?:'s|s)?\s*(?:degree|in|of)\b|\bmaster'?s\b|\bmasters\b|\bmba\b|\bmeng\b"
        r"|\bm\.?s\.?\s+(?:in|degree)\b|\bma\s+(?:in|degree)\b|\bmphil\b|\bgraduate\s+degree\b")),
    (Education.bachelor, re.compile(
        r"\bb\.?sc\b|\bbachelor'?s?\b|\bba\s+(?:in|degree)\b|\bb\.?s\.?\s+(?:in|degree)\b|\bbs\s+(?:in|cs)\b"
        r"|\bbeng\b|\bb\.?tech\b|\bundergrad(?:uate)?\s+degree\b|\b(?:college|university|uni|cs|computer\s+science"
        r"|engineering|math|maths|physics|economics|4[- ]year)\s+degree\b|\bdegree\s+in\b|\bgraduated\s+(?:from\s+)?"
        r"(?:college|university|uni)\b|\b(?:have|hold|got|with)\s+a\s+degree\b|\b(?:college|university)\s+grad(?:uate)?\b")),
    (Education.bootcamp, re.compile(r"\bboot\s?-?camps?\b")),
    (Education.high_school, re.compile(
        r"\bhigh\s?school\b(?!\s+(?:teacher|teachers|kids|students|math|physics))|\bsecondary\s+school\b|\bged\b"
        r"|\ba[- ]levels?\b|\bno\s+(?:college|university|uni)\b|\bdropped\s+out\s+of\s+(?:college|university|uni)"
        r"|\b(?:college|uni|university)\s+drop\s?-?out\b|\bdidn'?t\s+(?:finish|complete)\s+(?:college|university|uni)")),
    (Education.none, re.compile(
        r"\bno\s+(?:formal\s+)?(?:degree|diploma|education|qualifications?)\b(?!\s+in\b)|\bwithout\s+(?:a\s+)?(?:degree|diploma)"
        r"\b|\b(?:don'?t|do\s+not)\s+have\s+(?:a\s+|any\s+)?(?:degree|diploma)\b|\bnever\s+went\s+to\s+(?:college|"
        r"university|uni)\b|\bnot\s+(?:a\s+)?(?:college|university)\s+(?:grad|graduate)\b")),
]
_EDU_RANK = [Education.none, Education.high_school, Education.bootcamp, Education.bachelor, Education.master,
             Education.phd]
_EDU_BELOW = {Education.phd: Education.master, Education.master: Education.bachelor,
              Education.bachelor: Education.high_school}
_EDU_GOAL = re.compile(r"\b(?:want|wanna|plan|planning|thinking|think|consider\w*|going\s+to|will|should\s+i|apply"
                       r"|applying|get\s+(?:a|an|my)|start|join|enrol\w*|enroll\w*|maybe|might|looking\s+at|looking"
                       r"\s+for|recommend|worth|instead\s+of|or\s+a|vs)\b[^.,;]{0,30}$")
_EDU_PROGRESS = re.compile(r"\b(?:studying|doing|pursuing|working\s+on|currently\s+in|enrolled\s+in|finishing|"
                           r"in\s+my\s+\w+\s+year\s+of|after\s+my|once\s+i\s+finish\s+my|finishing\s+my|halfway\s+through|(?:1st|2nd|3rd|4th|first|second|third)\s+year)"
                           r"\b[^.,;]{0,20}$")
_EDU_NEG = re.compile(r"\b(?:don'?t|do\s+not|never|didn'?t)\s*$|\b(?:no|not|don'?t\s+have\s+(?:a|an)|without\s+"
                      r"(?:a|an)|never\s+(?:did|got|finished)\s+(?:a|an|my)?|didn'?t\s+(?:do|get|finish)\s+(?:a|an|my)?)\s*$")


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
            if _EDU_PROGRESS.search(pre) or re.match(r"\s*(?:student|candidate)\b", post):
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
    r"\s+looking\s+for|forget(?:\s+about)?)\s+(?:the\s+|any\s+)?(?:\w+\s+)?" + _CERT + r"|\b" + _CERT
    + r"\s*[:=-]?\s*(?:no|nope|not\s+needed|none)\b"
)
_CERT_POS = re.compile(
    r"\b(?:want|need|would\s+like|'d\s+like|like|get|earn|obtain|prefer|looking\s+for|interested\s+in|value"
    r"|pass|aim\s+for|include|with|love|hoping\s+for|also|plus)\s+(?:to\s+(?:get|have|earn|obtain)\s+)?"
    r"(?:a\s+|an\s+|some\s+|the\s+|to\s+be\s+)?(?:\w+\s+){0,4}?" + _CERT
    + r"|\b" + _CERT + r"\w*\s*[:=-]?\s+(?:are\s+|is\s+|would\s+be\s+|do\s+)?"
    r"(?:really\s+|very\s+)?(?:important|matter|nice|great|good|useful|valuable|a\s+must|required|needed|a\s+plus"
    r"|welcome|helpful|essential|a\s+priority|big)|\bget\s+certified\b"
    r"|\b" + _CERT + r"\s*[:=-]?\s*(?:yes|yep|sure|please)\b"
)


def _certificates(num: str) -> bool | None:
    """The certificates wish: True, False, or None when not said (negative phrasings win)."""
    if _CERT_NEG.search(num):
        return False
    if _CERT_POS.search(num):
        return True
    return None


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
    low = _lower_aligned(text)
    num = normalise_numbers(low)
    matcher = matcher_for(catalog)
    facts = Facts()
    questions: list[Clarification] = []

    current, current_span = _current_role(low, matcher)
    facts.current_role = current
    segments = _segments(low)
    mentions = _find_mentions(text, low, matcher)
    if current_span:
        for m in mentions:
            if m.start < current_span[1] and m.end > current_span[0]:
                m.targets = {t for t in m.targets if t.kind != "role"}
    mentions = [m for m in mentions if m.targets]
    _assign_modes(low, mentions, segments)
    _resolve_entities(facts, mentions, low, segments, matcher, questions)

    facts.hours_per_week, q = _hours(num)
    questions += [q] if q else []
    facts.deadline = _deadline(num, today)
    facts.budget_usd, facts.budget_known, q = _budget(num)
    questions += [q] if q else []
    facts.years_experience = _years(num)
    facts.education = _education(num)
    facts.wants_certificates = _certificates(num)
    if facts.wants_certificates is None and facts.certifications and re.search(
        r"\b(?:want|get|take|pass|prepare|aim|earn|need)\b", num
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
    strong_roles = [m for m in mentions if m.kinds() == {"role"} and m.mode != "neg"]
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
        if m.weak and m.mode not in {"know", "neg"} and (
            not segments or segments[m.segment].sentence not in sentence_has_skill
        ):
            return
        if m.mode == "neg":
            unknown.extend(ids)
        elif m.mode != "learn":
            known.extend(ids)

    role_candidates: list[Mention] = []
    domain_candidates: list[Mention] = []
    for m in mentions:
        kinds = m.kinds()
        certs.extend(m.ids("cert"))
        if kinds == {"role"}:
            if m.mode != "neg":
                role_candidates.append(m)
            continue
        skill_context = m.mode in {"know", "neg"} and "skill" in kinds
        if "role" in kinds and not skill_context:
            if strong_roles:
                if "domain" in kinds:
                    domain_candidates.append(m)
                else:
                    add_skill(m)
            else:
                role_candidates.append(m)
            continue
        if "domain" in kinds and not skill_context:
            if not m.weak or INTEREST_CUE.search(seg_text(m)):
                domain_candidates.append(m)
            continue
        add_skill(m)

    if role_candidates:
        goal = [m for m in role_candidates if GOAL_CUE.search(low, max(0, m.start - 60), m.start)]
        chosen = (goal or role_candidates)[0]
        facts.target_role = chosen.ids("role")[0]
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


def _unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
