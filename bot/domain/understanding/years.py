"""Years of work experience: a first span, the spans after it, start years, decades, months and 'only internships'."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.understanding.numbers import NUM
from bot.domain.understanding.vocabulary import is_job_noun

_YEARS_RE = re.compile(
    r"(?<![\d.])" + NUM + r"(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*\+?\s*(?:years?|yrs?|y(?=\s+(?:exp|of)|\s*[(),;]))"
    r"\b(?=(?P<post>.{0,40}))"
)
YEARS_POST = re.compile(r"^\s*(?:(?:mostly|mainly|primarily|largely|all|doing|writing|building)\s+[a-z]"
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


def read_years(num: str, today: date | None = None, job_end: int | None = None) -> float | None:
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


# "I work in a call centre, 3 years", "been at a bank (5 years)": a workplace, then its length.
_WORK_PLACE_BEFORE = re.compile(r"\b(?:(?:i|now|currently)\s+(?:currently\s+|still\s+)?work"
                                r"|i'?m\s+(?:currently\s+)?working|i've\s+been"
                                r"(?:\s+working)?)\s+(?:in|at|for)\s+[^.;!?]{1,40}?[,(]\s*(?:for\s+|about\s+"
                                r"|almost\s+|nearly\s+|over\s+)?$")
# Between a job title and its length: "swe 5 yrs", "nurse, for about 7 years", "teacher (10 years)".
_RIGHT_AFTER_JOB = re.compile(r"[\s,:(-]*(?:for\s+|with\s+|w/\s*)?(?:about\s+|around\s+|like\s+|almost\s+|nearly\s+"
                              r"|over\s+)?")


_WISH = re.compile(r"\b(?:want\w*|wanna|would\s+like|'d\s+like|goal|aim\w*|target\w*|dream|hop(?:e|ing)|become"
                   r"|becoming|switch\w*|transition\w*|pivot\w*|move\s+(?:in)?to|get\s+into|break\s+into|land)\b")


def _job_held_before(pre: str) -> bool:
    """A job noun stands just before the span, and it is no goal ("goal ml engineer. 10h/wk. 1 year." is a wish)."""
    for clause in reversed(re.split(r"[.;!?,]", pre[-40:])):
        if any(is_job_noun(w) for w in re.findall(r"[a-z]+", clause)):
            return not _WISH.search(clause)
    return False


# "ex-banker", "former teacher", "used to be an accountant": a past job, whose field's years are still experience
# ("8 year java" after a current job is the skill's years, not the career's).
_PAST_JOB_BEFORE = re.compile(r"\b(?:ex-?|former|formerly|used\s+to\s+be|retired|previously)\b[^.;!?]{0,40}$")


def _years_first(num: str, job_end: int | None) -> tuple[float, int] | None:
    """The first span of years of work (value, end), from the normalised text."""
    for m in list(_YEARS_RE.finditer(num))[:30]:
        if float(m.group(1)) > 60:
            continue  # "2015 years" is a year misread, not a career
        pre, post = num[max(0, m.start() - 40) : m.start()], m.group("post")
        job_before = _job_held_before(pre)
        if job_before and re.search(r"\bfor\s+(?:about|around|almost|nearly|over|roughly|like)?\s*$", pre) and re.match(
            r"\s*(?:now|already|so\s+far|in\s+total|or\s+so)?\s*(?:[.,;)(!-]|$|and\b|after\b|before\b|at\b|with\b|but\b)",
            post,
        ):
            return float(m.group(1)), m.end()
        if job_end is not None and m.start() >= job_end and _RIGHT_AFTER_JOB.fullmatch(num[job_end : m.start()]) \
                and not _YEARS_POST_BAD.match(post):
            return float(m.group(1)), m.end()  # "swe 5 yrs backend java": the span right after the job is its length
        if _WORK_PLACE_BEFORE.search(pre) and re.match(r"\s*(?:now\b|already\b|so\s+far\b)?\s*(?:[.,;)!]|$|and\b)",
                                                      post):
            return float(m.group(1)), m.end()  # "I work in a call centre, 3 years."
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
        ) and not _YEARS_POST_BAD.match(post) and not _WISH.search(num, job_end, m.start()):
            # "research assistant in a lab, matlab + python, 3 years."; after a wish the span is the wish's time
            return float(m.group(1)), m.end()
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
        if job_before and _PAST_JOB_BEFORE.search(pre) and re.match(
                r"\s*(?:of\s+)?(?:[a-z&/-]+\s*){1,3}(?:[.,;)!]|$)", post) and not re.match(
                r"\s*(?:of\s+)?(?:to|for|until|till|deadline|timeline|plan|goal|from|maybe|max|tops)\b", post):
            return float(m.group(1)), m.end()  # "ex-banker, 15 yrs risk mgmt": years in the field, past or not
        if YEARS_POST.match(post) or (_YEARS_PRE_OK.search(pre) and re.search(
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
                 r"|\bfresh\s+(?:grad|graduate)\b|\bfresher\b"
                 r"|\bstraight\s+out\s+of\s+(?:college|uni|university|school)\b", num):
        return 0.0
    decades = re.search(r"(?<![\d.])(\d{1,2})\s+decades?\s+(?:of\s+experience|as\b|in\s+|at\s+)", num)
    if decades and int(decades.group(1)) <= 6:  # no career is longer than six decades ("20 decades" is a slip)
        return 10.0 * int(decades.group(1))
    if re.search(r"\bdecade\s+(?:of\s+experience|as\b|in\s+)", num):
        return 10.0
    months = re.search(r"(?<![\d.])(?<!in\s)(?<!within\s)(?<!next\s)(\d{1,3})\s*(?:months?|mos?)\s+"
                       r"(?:as\b|of\s+(?:work\s+|professional\s+)?experience|exp\b|at\s"
                       r"|in\s+(?:the\s+)?(?:industry|role|job|tech)\b)", num)
    if months:
        return round(int(months.group(1)) / 12, 1)
    if re.search(r"\b(?:no|zero|0|without)\s+(?:work\s+|professional\s+|prior\s+|industry\s+|real\s+|relevant\s+)?"
                 r"(?:work\s+)?(?:experience|exp)\b(?!\s+(?:with|in|using|of)\b)|\bnever\s+(?:had\s+a\s+job"
                 r"|worked)\b(?!\s+(?:in|as|with|on|at|for)\b)", num):
        return 0.0
    return None
