"""The current job as written ('backend developer'), told apart from the goal and from past jobs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.domain.understanding.clauses import GOAL_CUE
from bot.domain.understanding.matcher import Matcher
from bot.domain.understanding.mentions import find_mentions
from bot.domain.understanding.text import norm_tokens
from bot.domain.understanding.vocabulary import OTHER_TECH, is_job_noun

_ROLE_STOP = frozenset({"and", "with", "at", "in", "for", "who", "but", "from", "looking", "wanting", "trying",
                        "that", "to", "of", "on", "by", "since", "currently", "&", "working", "so", "i"})
ROLE_POSTFIX_TARGET = re.compile(r"\W*(?:wannabe|aspirant|hopeful|to be|in training|in the making)\b")
ROLE_ADJ_TARGET = re.compile(r"\b(?:aspiring|wannabe|would-be|future|budding|want|wanna|hope|becom)")


_CURRENT_RE = re.compile(
    r"\b(?:i'm|i am|im|i'm currently|currently,?\s+i'm|currently,?\s+i\s+am|currently|presently|right now i'm|now i'm"
    r"|me\s+is|working|work|employed|job is|job title is|position is|role is|title is|occupation is|profession is"
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


_WISH_BEFORE = re.compile(r"\b(?:want|wanna|would\s+like|'d\s+like|hope|hoping|plan|planning|aim|aiming|dream|looking"
                          r"|trying|try|wish|love\s+to|going\s+to|get|getting|go|going|back)\b[^.;,!?]{0,25}$")
_PRESENT_LEAD = re.compile(r"\b(?:now|currently|presently|right\s+now|these\s+days)\b")
_PAST_LEAD = re.compile(r"\b(?:worked|was|were|years?|yrs?|months?|decades?|exp|experience|yoe|from|been)\b")
_STRICT_PAST_LEAD = re.compile(r"\b(?:worked|was|were|from)\b")


# "unemployed", "between jobs", "out of work", "got laid off": no job now. "was unemployed" is a past state;
# being laid off or fired is said in the past tense and still means no job now.
_NO_JOB_NOW = re.compile(r"\b(?:unemployed|jobless|between\s+jobs|out\s+of\s+(?:a\s+)?work|out\s+of\s+a\s+job"
                         r"|without\s+(?:a\s+)?(?:job|work)|(?:i'?m|im|i\s+am|currently|right\s+now)\s+not\s+working"
                         r"|not\s+working\s+(?:right\s+now|currently|at\s+the\s+moment|now)|no\s+job\s+(?:right\s+)?now"
                         r"|(?P<lost>laid\s+off|got\s+fired|was\s+fired|been\s+fired|lost\s+my\s+job|made\s+redundant))\b")
_NO_JOB_PAST = re.compile(r"\b(?:was|were|used\s+to\s+be|been|after|when\s+i\s+was|not|never|no\s+longer)\s+"
                          r"(?:\w+\s+){0,1}$")


_NO_JOB_FEARED = re.compile(r"\b(?:afraid|scared|worried|fear\w*|risk\w*|might|may|could|will|about\s+to|if"
                            r"|don'?t\s+want|avoid)\s+(?:to\s+|of\s+)?(?:be\s+|being\s+|get\s+|getting\s+|end\s+up\s+)?$")


def read_not_working(low: str) -> bool:
    """Whether the message says the learner has no job now ("unemployed after 10 years in retail", "got laid off")."""
    for m in list(_NO_JOB_NOW.finditer(low[:1000]))[:5]:
        before = low[max(0, m.start() - 25) : m.start()]
        past = not m.group("lost") and _NO_JOB_PAST.search(before)
        if _WISH_BEFORE.search(before) or _NO_JOB_FEARED.search(before) or past:
            continue  # "was unemployed for a year", "I'm not jobless", "afraid to be out of work"
        return True
    return False


def read_current_role(low: str, matcher: Matcher) -> tuple[str | None, tuple[int, int] | None]:
    """The current job as written ('backend developer') and its span, or None.

    A job said with "now" or "currently" wins over one said earlier as a past or a span of years ("worked as a lab
    technician for 4 years, now a QA specialist").
    """
    now = _title_now(low)
    if now is not None:
        return now
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
    other = _current_role_other(low, matcher)
    if other[0] is not None:
        return other
    doctoral = _DOCTORAL_RE.search(low[:600])
    if doctoral and not _STUDENT_PAST.search(low[max(0, doctoral.start() - 30) : doctoral.start()]):
        return doctoral.group(0), (doctoral.start(), doctoral.end())  # "phd candidate neuroscience, ..."
    return _student(low)


_DOCTORAL_RE = re.compile(r"\b(?:phd|ph\.d\.?|doctoral|msc|masters?|master's|grad(?:uate)?)\s+(?:candidate|student)\b")


# "postdoc now", "PhD physics, postdoc now": a job title at a clause start with "now" right after it.
_TITLE_NOW_RE = re.compile(r"(?:^|[,;.(!?]\s*|\band\s+|\bbut\s+)(?:an?\s+)?(?P<r>(?:[a-z+#/-]+\s+){0,3}?[a-z]+)\s+"
                           r"(?:(?:in|at|with)\s+(?:an?\s+|the\s+)?[a-z&-]+(?:\s+[a-z&-]+)?\s+)?(?:right\s+)?now\b(?=\s*(?:[,;.)!?(-]|$|and\b|but\b|at\b|in\b|with\b|for\b))")


def _title_now(low: str) -> tuple[str, tuple[int, int]] | None:
    """A job said with "now" after it ("postdoc now"): the current job, whatever was said before."""
    for m in list(_TITLE_NOW_RE.finditer(low[:600]))[:10]:
        words = m.group("r").split()
        cut = max((i + 1 for i, w in enumerate(words) if w in _NOT_IN_JOB or w in _ROLE_STOP), default=0)
        words = words[cut:]
        wished = re.search(r"\b(?:want|wanna|become|be|aim|goal|target)\b[^.;,]{0,20}$",
                           low[max(0, m.start("r") - 30) : m.start("r")])
        if words and is_job_noun(words[-1]) and not ROLE_ADJ_TARGET.search(" ".join(words)) and not wished:
            title = " ".join(words)
            start = m.start("r") + m.group("r").find(title)
            return clean_job(title), (start, start + len(title))
    return None


# A student by the words of a degree in progress: "sophomore", "junior year", "cs major", "undergrad", "freshman".
_STUDENT_RE = re.compile(r"\b(?:(?:hs|high\s*school)\s+(?:senior|junior)|sophomore|freshman"
                         r"|(?:junior|senior|final|first|second|third|fourth|1st|2nd|3rd"
                         r"|4th)\s+year|(?:[a-z]+\s+){0,2}(?<!\bno\s)major(?!\s+(?:in\s+)?(?:change|problem|issue|"
                         r"reason|concern|company|companies|bank|banks|player|city|cities|step|part|role|project)s?\b)"
                         r"|(?:currently\s+(?:an?\s+)?|i'?m\s+(?:an?\s+)?)?undergrad(?:uate)?(?!\s+degree)|majoring)\b")
_STUDENT_PAST = re.compile(r"\b(?:was|were|former|ex|used\s+to\s+be|graduated|after|back\s+in|in\s+my|when\s+i\s+was"
                           r"|during\s+my)\b[^.;,]{0,20}$")


def _student(low: str) -> tuple[str | None, tuple[int, int] | None]:
    """Any student is "student": a year of study, a major or an undergraduate named as the learner's present."""
    for m in list(_STUDENT_RE.finditer(low[:600]))[:10]:
        if _STUDENT_PAST.search(low[max(0, m.start() - 30) : m.start()]):
            continue  # "I was a math major", "in my final year": the past, or a time, not the job
        if re.search(r"year", m.group(0)) and not re.search(r"\b(?:college|uni|university|undergrad\w*|cs|student"
                                                           r"|degree|bachelor'?s?|bsc|ba|major|studying|study|school)\b",
                                                           low[max(0, m.start() - 40) : m.end() + 40]):
            continue  # "final year" alone may be a project's or a contract's
        if re.search(r"\bhigh\s*school\b", low[max(0, m.start() - 25) : m.end() + 25]):
            return "student", (m.start(), m.end())  # a high-school junior is a student too
        if re.search(r"\bmajor", m.group(0)) and not re.match(r"(?:[a-z]+\s+){0,2}major", m.group(0)):
            continue
        return "student", (m.start(), m.end())
    return None, None


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
        if re.match(r"(?:not|no\s+longer|never|certified|doing)\b", m.group("r")):
            continue  # "I'm not a developer", "I'm a certified Kubernetes administrator" (a certificate), "been doing"
        found, span_end = _job_title(m.group("r"), base, matcher)
        named = re.match(r"[a-z]+,\s+(?:an?\s+)", low[base : base + 40])
        if found is None and named:  # "I'm Sam, a QA tester": the name first, then the job
            base += named.end()
            found, span_end = _job_title(low[base : base + 60], base, matcher)
        if found is None or all(w in SENIORITY for w in found.split()):
            continue
        if re.match(r"\s*(?:certified|cert|certification|certificate|exam)\b", low[span_end : span_end + 20]):
            continue  # "I'm Databricks ML associate certified" is a certificate, not a job
        if re.search(r"\b(?:quit|left|lost|laid\s+off\s+from|former|ex|used\s+to\s+be|retired\s+from)\b[^.;,]{0,12}$",
                     low[max(0, m.start() - 25) : m.start("r")]):
            continue  # "I quit my job as a pharmacist" is a past job
        if lead.startswith(("work", "working")) and _WISH_BEFORE.search(low, max(0, m.start() - 40), m.start()):
            continue  # "want back into work as a data analyst", "hope to work as an ML engineer": the goal
        # "I'm an aspiring data scientist", "a CV engineer wannabe" name the goal, not the job.
        if ROLE_ADJ_TARGET.search(lead) or ROLE_ADJ_TARGET.search(low[base:span_end]) or ROLE_POSTFIX_TARGET.match(
            low, span_end
        ):
            continue
        yield clean_job(found), (base, span_end), lead


def _job_title(after: str, base: int, matcher: Matcher) -> tuple[str | None, int]:
    """The job title at the start of `after` (found at offset `base`) and where it ends, up to its last job noun.

    Without a job noun, a catalog role's name counts ("I'm a data scientist").
    """
    phrase: list[str] = []
    span_end = base
    found: str | None = None
    words = list(re.finditer(r"\S+", after))
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
        for n in range(len(phrase), 0, -1):
            if any(t.kind == "role" for t in matcher.phrases.get(norm_tokens(" ".join(phrase[:n])), ())):
                found = " ".join(phrase[:n])
                span_end = base + len(found)
                break
    return found, span_end


def _current_role_other(low: str, matcher: Matcher) -> tuple[str | None, tuple[int, int] | None]:
    """The current job from the weaker shapes: "I teach X", "X -> Y", "work at a bank as", a job title first."""
    paren = _PAREN_JOB_RE.search(low[:300])
    if paren and is_job_noun(paren.group("r").split()[-1]) and not ROLE_ADJ_TARGET.search(
        low[max(0, paren.start() - 60) : paren.start()]
    ):
        return clean_job(paren.group("r")), (paren.start("r"), paren.end("r"))
    # a title opening the message is in its first words, after any greeting or filler ("ok so quick: ...")
    filler = _OPENING_FILLER.match(low)
    head = low[:300] if filler is None else " " * filler.end() + low[filler.end() : 300]
    bare = _BARE_JOB_RE.match(head)
    if bare and _bare_job_ok(low, bare, matcher):
        return clean_job(bare.group("r")), (bare.start("r"), bare.end("r"))
    kind = _KIND_OF_PERSON.match(head) or _KIND_OF_PERSON_SAID.search(low[:600])
    if kind and kind.group("r").split()[-1] not in _NO_LINE_OF_WORK and not ROLE_ADJ_TARGET.search(
            low[max(0, kind.start() - 30) : kind.end()]):
        return kind.group("r"), (kind.start("r"), kind.end("r"))
    done = _work_done_for_years(low, matcher) or _in_function(low)
    if done is not None:
        return done
    teach = re.search(r"\b(?:i\s+(?:currently\s+)?teach|(?:currently|now|i'm|i\s+am)\s+teaching)\s+"
                      r"(?P<r>(?:[a-z]+\s+){0,2}?[a-z]+?)\s*(?:[,.;]|\bat\b"
                      r"|\bin\b|\bfor\b|\babroad\b|\bonline\b|\bpart[- ]time\b|\bfull[- ]time\b|\bto\b|$)", low)
    if teach and not re.match(r"(?:my|myself|the|kids|children|people|students)\b", teach.group("r")):
        return clean_job(teach.group("r") + " teacher"), (teach.start("r"), teach.end("r"))
    arrow = re.match(r"^\s*(?:from\s+)?(?:an?\s+)?(?P<r>[a-z][a-z +#./]{1,40}?)\s*(?:->|=>|→|>)\s*[a-z]", low)
    if arrow:
        return clean_job(arrow.group("r")), (arrow.start("r"), arrow.end("r"))
    work_as = _WORK_AS_RE.search(low[:600])
    if work_as and re.search(r"\b(?:quit|left|lost|former|used\s+to|retired\s+from|laid\s+off|fired)\b",
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
        if words and (words[0] in {"former", "ex", "retired"} or words[0].startswith("ex-")):
            continue  # "former teacher, 10 years classroom", "ex-banker, 15 yrs": a past job
        title = " ".join(words)
        explicit = bool(re.search(r"\b(?:for|with)\s+(?:\w+\s+)?\d", clause.group(0))) or bool(
            re.match(r"\s*(?:exp|experience|of\s+experience)\b", low[clause.end() : clause.end() + 20])
        )
        if words and is_job_noun(words[-1]) and (explicit or not any(
            t.kind == "role" for t in matcher.phrases.get(norm_tokens(clean_job(title)), ())
        )) and not ROLE_ADJ_TARGET.search(title):
            start = clause.start("r") + clause.group("r").find(title)
            return clean_job(title), (start, start + len(title))
    return None, None


# "i do marketing analytics (sql, excel) for 6 yrs", "I've done payroll for 10 years", "been doing UX research 4 years"
_DO_FOR_YEARS_RE = re.compile(
    r"\b(?:i\s+(?:still\s+|currently\s+|mainly\s+|mostly\s+)?do|i'?ve\s+(?:been\s+)?(?:done|doing)|i\s+have\s+"
    r"(?:been\s+)?(?:done|doing)|been\s+doing|(?<!\bwas\s)(?<!\bwere\s)doing)\s+(?P<r>[a-z][a-z&/+' -]{1,40}?)\s*"
    r"(?:\([^)]{0,100}\)\s*)?,?\s*(?:for\s+)?(?:about\s+|almost\s+|over\s+|nearly\s+|like\s+|~)?"
    r"\d{1,2}(?:\.\d)?\s*\+?\s*(?:years?|yrs?|y)\b(?!\s+(?:old|ago))")
# What is done that is no line of work: "doing it for 6 years", "doing python for 3 years" (a skill), "coding".
_NOT_WORK_DONE = frozenset({"it", "this", "that", "stuff", "things", "nothing", "the same", "same", "coding",
                            "programming", "code", "work", "a job", "my job", "this job", "that job", "so", "well",
                            "ok", "okay", "fine", "great", "good", "math", "maths", "homework", "courses", "a course"})


# "I'm in sales (B2B, 7 years)", "i'm in finance": a line of business the learner says they are in.
_FUNCTIONS = (r"sales|marketing|finance|accounting|hr|human\s+resources|operations|compliance|consulting|recruiting"
              r"|recruitment|procurement|logistics|customer\s+(?:support|service|success)|insurance|banking|retail"
              r"|real\s+estate|audit|auditing|legal|journalism|pr|public\s+relations|advertising|tech\s+support"
              r"|supply\s+chain|hospitality|nursing|healthcare|pharma|education|teaching|research|quality\s+assurance")
# ("working in IT", like "I work in a call centre", names where, not the job: the labels keep no title for it)
_IN_FUNCTION_RE = re.compile(r"\b(?:i'?m|i\s+am)\s+(?:currently\s+|still\s+|now\s+)?in\s+(?P<r>" + _FUNCTIONS + r")\b"
                             r"(?=\s*(?:[,.;(!)]|$|for\s+\d|since\b|\d))")


def _in_function(low: str) -> tuple[str, tuple[int, int]] | None:
    """A line of business the learner works in ("I'm in sales"), as written; a workplace ("a call centre") is none."""
    m = _IN_FUNCTION_RE.search(low[:600])
    if m is None or re.search(r"\b(?:want|wanna|hope|plan|get|move|switch|go|used\s+to)\b[^.;,]{0,15}$",
                              low[max(0, m.start() - 25) : m.start()]):
        return None
    return m.group("r"), (m.start("r"), m.end("r"))


def _work_done_for_years(low: str, matcher: Matcher) -> tuple[str, tuple[int, int]] | None:
    """The line of work said as what the learner does, with years: "I do marketing analytics for 6 yrs"."""
    for m in list(_DO_FOR_YEARS_RE.finditer(low[:600]))[:5]:
        words = m.group("r").split()
        while words and words[0] in {"a", "an", "the", "some", "mostly", "mainly", "freelance", "professional"}:
            words.pop(0)
        title = " ".join(words).strip(" /&-")
        if not title or title in _NOT_WORK_DONE or re.search(r"\b(?:want|learn|study|studying)\b", title):
            continue
        named = matcher.phrases.get(norm_tokens(title), ())
        if any(t.kind in {"skill", "other", "cert"} for t in named) or title in OTHER_TECH:
            continue  # "doing python for 3 years" names a skill used, not the job
        start = m.start("r") + m.group("r").find(title)
        return title, (start, start + len(title))
    return None


def _bare_job_ok(low: str, bare: re.Match[str], matcher: Matcher) -> bool:
    """A message that opens with a job title: the title ends in a job noun and is no goal.

    A catalog role's name ("data analyst") opening a message is usually the goal, so it counts as the job only
    when a workplace or years of work follow ("data analyst @ a bank", "business analyst in insurance, 4 yrs").
    """
    if re.search(r"\b(?!(?:sr|jr|dr|mr|mrs|ms|st)\b)\w+[.!?]\s", bare.group("r")):
        return False  # "I'm Laura. Marketing manager ...": a title never runs across a sentence
    words = [w for w in bare.group("r").split() if not re.fullmatch(_LEVEL, w)]
    if not words or not is_job_noun(words[-1]) or ROLE_ADJ_TARGET.search(bare.group("r")):
        return False
    if re.match(r"(?:not|no|never|anything|nothing|neither|i|former|ex|retired)\b", bare.group("r")):
        return False  # "not ML engineer", "I'm no longer a teacher", "I teach at a school" (a verb, no title)
    if bare.group("tail").strip() == "," and len(low) < 25:
        return False  # "analyst, 10h" is too little to tell a job from a goal
    title = clean_job(bare.group("r"))
    # a role's name with a typo ("machne learning engineer") is a role's name too
    is_role = any(t.kind == "role" for t in matcher.phrases.get(norm_tokens(title), ())) or any(
        m.start == 0 and m.end == len(title) and "role" in m.kinds() for m in find_mentions(title, title, matcher))
    here = bare.group("tail").strip() == "here"  # "Jr. Data Analyst here": who is writing
    if not is_role or here or _BARE_WORK_TAIL.match(low, bare.end("r")):
        return True
    # "data analyst 3 yrs, ..., want a DS role": years right after the opening role make it the job when another
    # role is said as the goal later ("ML engineer, 2 years" alone may be the goal and its deadline).
    return bool(_YEARS_RIGHT_AFTER.match(low, bare.end("r"))) and _goal_role_after(low, bare.end("r"), matcher)


def _goal_role_after(low: str, end: int, matcher: Matcher) -> bool:
    """Whether a role is named as the goal ("want", "become", "switch to" before it) after position `end`."""
    return any("role" in m.kinds() and m.start >= end and GOAL_CUE.search(low, max(end, m.start - 60), m.start)
               for m in find_mentions(low, low, matcher))


# "finance guy here", "I'm a sales guy", "IT guy, 10h": the line of work a person says they are, without "guy".
_PERSON = (r"\s+(?:guy|person|girl|gal|dude|bloke|lady|man|woman)\b(?=\s*(?:here\b|[,.;!:(]|$|and\b|with\b|at\b|in\b"
           r"|for\b|by\b|\d|looking\b|trying\b|wanting\b|hoping\b|who\b|but\b|so\b))")
_KIND_OF_PERSON = re.compile(r"\s*(?:(?:i'?m|im|i\s+am)\s+)?(?:an?\s+|the\s+)?"
                             r"(?P<r>[a-z][a-z&/+-]*(?:\s+[a-z][a-z&/+-]*)?)"
                             + _PERSON)
_KIND_OF_PERSON_SAID = re.compile(r"\b(?:i'?m|im|i\s+am)\s+(?:just\s+|basically\s+|more\s+of\s+)?(?:an?\s+|the\s+)"
                                  r"(?P<r>[a-z][a-z&/+-]*(?:\s+[a-z][a-z&/+-]*)?)" + _PERSON)
# What a person is that is no line of work: "a people person", "a morning person", "a nice guy".
_NO_LINE_OF_WORK = frozenset({"people", "morning", "night", "nice", "good", "great", "regular", "normal", "simple",
                              "lazy", "busy", "old", "young", "random", "curious", "cat", "dog", "visual", "creative",
                              "detail", "picture", "practical", "hands-on", "ideas", "real", "new", "average", "family",
                              "career", "older", "younger", "self-taught", "shy", "single", "smart", "this", "that",
                              "poor", "broke", "tired", "working", "middle-aged", "an", "a", "the", "one", "other"})
# Words that open a message before what it says: "ok so quick:", "hi!", "hey there,", "about me:".
_OPENING_FILLER = re.compile(r"(?:\s*(?:ok(?:ay)?|so|quick(?:ly)?|hi+|hey+|hello+|yo|right|well|basically|anyway"
                             r"|about\s+me|tl;?dr|short\s+version|quick\s+intro|hey\s+there|hi\s+there)\b[\s,:!.-]*)+")
# "I work at a bank as a risk analyst": the job after "as", in a clause about work.
_WORK_AS_RE = re.compile(r"\b(?:i\s+work|i'm\s+working|i\s+am\s+working|i'?m\s+work|i\s+am\s+work|working|employed"
                         r"|job)\b[^.;!?]{0,30}?\bas\s+"
                         r"(?:an?\s+|the\s+)?(?P<r>(?:[a-z+#./-]+\s+){0,3}[a-z+#./-]+)")
# "..., backend developer for 4 years, ..." anywhere at a clause start.
_JOB_FOR_YEARS_RE = re.compile(r"(?:^|[,.;(!?]\s*|\band\s+|\bi'?m\s+(?:an?\s+)?)(?P<r>(?:[a-z+#/-]+\s+){0,2}[a-z]+)\s+"
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
                          r"(?P<tail>\s+(?:at|in|for|with|using|w/|of)\s*(?:an?\s+|the\s+)?[a-z]|\s+(?:with|w/)\s*\d|\s+(?:[a-z]+\s+)?(?:school|hospital|clinic|bank|factory|warehouse|firm|agency|startup|lab)\b"
                          r"|\s*@|\s*,?\s*(?:for\s+)?\d{1,2}"
                          r"(?:\.\d)?\s*\+?\s*(?:years?|yrs?|y|yoe)\b|\s*:|\s+here\b|\s*\(|\s*,)")
# A job title first, then where or how long: "data engineer @ a logistics co", "business analyst in insurance, 4 yrs".
_BARE_WORK_TAIL = re.compile(r"\s*(?:@|at\s)|\s+(?:in|at)\s+[a-z][^.;!?]{0,40}?(?<!in\s)(?<!within\s)\b\d{1,2}(?:\.\d)?"
                             r"\s*\+?\s*(?:years?|yrs?|yoe)\b(?!\s+old)")
_YEARS_RIGHT_AFTER = re.compile(r"\s*,?\s*(?:for\s+)?(?:about\s+|almost\s+|over\s+|nearly\s+|~)?\d{1,2}(?:\.\d)?"
                                r"\s*\+?\s*(?:years?|yrs?|yoe|y)\b(?!\s+old)")
# "i do payroll at a hospital (payroll specialist)": a job title alone in brackets.
_PAREN_JOB_RE = re.compile(r"\((?P<r>(?:[a-z+#./-]+\s+){0,3}[a-z]+)\)")


# How the learner is, not what the job is: "a broke student", "a burnt-out teacher" hold the job "student", "teacher".
_MOODS = frozenset({"broke", "poor", "tired", "exhausted", "busy", "bored", "struggling", "burnt-out", "burned-out",
                    "burnt", "burned", "out", "stressed", "lazy", "frustrated", "unhappy", "miserable", "overworked",
                    "underpaid", "stuck", "jaded", "disillusioned"})


def clean_job(title: str) -> str:
    """A job title as the profile keeps it: lower case, without articles or seniority words."""
    title = re.sub(r"\b(?:\d(?:st|nd|rd|th)|first|second|third|fourth|final|last)[- ]year\b", " ", title.lower())
    words = [w for w in title.split() if w not in {"a", "an", "the", "self-taught", "self", "taught", "freelance",
                                                    "doing"} and w not in _MOODS]
    # a grade after the title ("swe ii", "sde 2") is seniority too
    words = [w for i, w in enumerate(words) if not (i and re.fullmatch(_LEVEL, w) and is_job_noun(words[i - 1]))]
    kept = [w for w in words if w not in SENIORITY]
    return " ".join(kept or words)
