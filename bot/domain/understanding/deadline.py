"""The deadline: relative spans, dates, months, quarters, seasons and years, each ending where its period ends."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.domain.understanding.clauses import GOAL_CUE
from bot.domain.understanding.vocabulary import is_job_noun
from bot.domain.understanding.years import YEARS_POST

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


_AFTER_NOT_DEADLINE = re.compile(
    r"^\s*(?:of\s+(?:experience|exp|work)|experience|ago|old|as\b|in\s+(?:the\s+)?(?:industry|field))"
)
_REL_RE = re.compile(
    r"\b(?P<lead>in|within|over|inside|under|less\s+than|by|next|before|after|about|around|roughly|approximately"
    r"|maybe|deadline\s*(?:is|:)?|timeline\s*(?:is|:)?"
    r"|timeframe\s*(?:is|:)?|horizon\s*(?:is|:)?|goal\s*(?:is|:)?)\s+(?:the\s+)?(?:next\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|maybe\s+|~\s*)?(?P<a1>\d{1,4}(?:\.\d+)?)"
    r"(?:\s*(?:-|to|or)\s*(?P<b1>\d{1,4}(?:\.\d+)?))?\s*(?P<unit>days?|weeks?|wks?|months?|mos?|years?|yrs?|y)\b"
    r"|\b(?:aim(?:ing)?\s+(?:for|at)|shooting\s+for|targeting|hoping\s+for|give\s+it)\s+(?:about\s+|around\s+|roughly"
    r"\s+|maybe\s+|~\s*)?(?P<a4>\d{1,3}(?:\.\d+)?)\s*(?P<unit4>weeks?|months?|years?|yrs?)\b"
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
_YEAR_RE = re.compile(r"\b(?P<lead>by|before|until|till|in|during|end\s+of|start\s+of|beginning\s+of|early|mid|late"
                      r"|year)\s+"
                      r"(?:the\s+)?(?:end\s+of\s+)?" + _YEAR + r"\b")
_NAMED_YEAR_RE = re.compile(r"\b(?P<lead>by|before|until|till|in|during|end\s+of|within)?\s*(?:the\s+)?"
                            r"(?P<end>end\s+of\s+(?:the\s+)?)?(?P<which>next|this|the)\s+year\b")


def _month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return _add_months(date(year, month, 1), 1) - timedelta(days=1)


def _season_end(today: date, season: str, year: int | None, which: str | None) -> date:
    """The last day of a season: spring May 31, summer Aug 31, autumn Nov 30, winter the end of February after."""
    month = SEASON_END[season]
    if year is not None:
        return _month_end(year + 1, 2) if season == "winter" else _month_end(year, month)
    # Without a year: the coming season (still running counts, except after "next").
    for candidate_year in (today.year - 1, today.year, today.year + 1, today.year + 2):
        end = _month_end(candidate_year + 1, 2) if season == "winter" else _month_end(candidate_year, month)
        start = _add_months(end.replace(day=1), -2)
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
        """A candidate already stands within `distance` characters of pos."""
        return any(abs(s - pos) < distance for s, _ in self.found) or any(
            abs(s - pos) < distance for s, _, _ in self.bad
        )


def _safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30)."""
    with contextlib.suppress(ValueError):
        return date(year, month, day)
    return None


# "finished my masters in june", "quit in august": a past event in the same clause, not a deadline.
_PAST_EVENT = re.compile(r"\b(?:finished|graduated|quit|left|started|joined|moved|passed|completed|lost|laid\s+off"
                         r"|got\s+(?:laid|fired|my)|was|were|did)\b[^.,;!?]{0,30}$")
# "a bit over 7 years", "roughly four years in data": a span of work, not a deadline.
_REL_EXPERIENCE_LEADS = frozenset({"over", "about", "around", "roughly", "approximately", "maybe"})


def read_deadline(num: str, today: date) -> tuple[date | None, str | None, str | None]:
    """(deadline, problem, the words of a bad date) from the normalised text; the first future date wins."""
    d = _Dates()
    # The order matters: a date found earlier keeps a later pattern from reading the same words again.
    for collect in (_relative_spans, _spans_given, _bare_spans, _years_after_wish, _one_unit, _iso_dates, _day_dates,
                    _quarters, _months, _seasons, _numbered_years, _named_years):
        collect(num, today, d)
    return _choose(num, today, d)


_OTHER_EVENT = re.compile(r"\b(?:coming|due|born|arriv\w*|moving|wedding|baby|vacation|holiday|leave|surgery|ends?"
                          r"|ending)\b[^.,;]{0,12}$")


def _relative_spans(num: str, today: date, d: _Dates) -> None:
    """"in 6 months", "within 1-2 years", "3 months from now", "a 6-month plan"."""
    for m in _REL_RE.finditer(num):
        lead = (m.group("lead") or "").strip()
        amount = float(m.group("a1") or m.group("a2") or m.group("a3") or m.group("a4"))
        if m.group("b1"):
            amount = (amount + float(m.group("b1"))) / 2
        unit = m.group("unit") or m.group("unit2") or m.group("unit3") or m.group("unit4")
        if _AFTER_NOT_DEADLINE.match(num[m.end() : m.end() + 30]) or lead == "after" or amount <= 0:
            continue
        if _span_not_deadline(num, m, lead, unit):
            continue
        if (unit.startswith("y") and amount > 20) or (unit.startswith("d") and amount > 3650):
            d.bad.append((m.start(), "too-far", m.group(0).strip()))
            continue
        d.found.append((m.start(), _shift(today, amount, unit)))


def _span_not_deadline(num: str, m: re.Match[str], lead: str, unit: str) -> bool:
    """A relative span that is about something else: another event, the past, or years of work."""
    if _OTHER_EVENT.search(num[max(0, m.start() - 25) : m.start()]):
        return True  # "a baby coming in 2 months" is another event
    if lead == "in" and _PAST_SPAN.search(num[max(0, m.start() - 40) : m.start()]):
        return True  # "I haven't touched code in 10 years" is a span in the past
    if lead in {"about", "around", "roughly", "approximately", "maybe"} and re.search(
        r"\b(?:for|of|been|spent|experience|ago)\b[^.,;]{0,12}$", num[max(0, m.start() - 20) : m.start()]
    ):
        return True
    # "operations manager in logistics, a bit over 7 years"
    return lead in _REL_EXPERIENCE_LEADS and unit.startswith("y") and bool(
        (YEARS_POST.match(num[m.end() : m.end() + 40]) and not GOAL_CUE.search(num, max(0, m.start() - 40),
                                                                               m.start()))
        or (re.match(r"\s*(?:[.,;!)]|$)", num[m.end() : m.end() + 3]) and any(
            is_job_noun(w) for w in re.findall(r"[a-z]+", num[max(0, m.start() - 40) : m.start()])))
    )


def _spans_given(num: str, today: date, d: _Dates) -> None:
    """"give myself 8 months", "I have 1 year", "6 months max"."""
    for m in re.finditer(r"\b(?:give\s+(?:myself|me|it)|i\s+have|i've\s+got|i\s+got)\s+(?:about\s+|around\s+|maybe\s+)?"
                         r"(\d{1,2}(?:\.\d+)?)\s*(months?|years?|weeks?)\b(?!\s*(?:of|ago|old|experience|in\b))"
                         r"|(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*(months?|years?)\s+(?:max|maximum|tops|at\s+most)\b", num):
        amount = float(m.group(1) or m.group(3))
        if not d.near(m.start(), 30):
            d.found.append((m.start(), _shift(today, amount, m.group(2) or m.group(4))))


def _bare_spans(num: str, today: date, d: _Dates) -> None:
    """A bare "6 months" or "10 weeks" that is no duration of something else."""
    for m in re.finditer(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(months?|weeks?|mos?|mths?)\b", num):
        pre = num[max(0, m.start() - 25) : m.start()]
        # "for 3 months", "3 months of python", "3 months ago" are durations, not deadlines.
        if (
            re.search(r"\b(?:for|of|last|past|ago|since|every|each|per|a|the)\s*$|\d\s*(?:-|to|or)\s*$", pre)
            or _AFTER_NOT_DEADLINE.match(num[m.end() : m.end() + 30])
            or re.match(r"\s*(?:ago|old|of|in\b|into)", num[m.end() : m.end() + 10])
        ):
            continue
        if _OTHER_EVENT.search(num[max(0, m.start() - 25) : m.start()]):
            continue
        if not d.near(m.start(), 30):
            d.found.append((m.start(), _shift(today, float(m.group(1)), m.group(2))))


# "wanna do computer vision for fish counting, 1 year": a span of years alone in the clause right after a wish
_WISH_CLAUSE = re.compile(r"\b(?:want\w*|wanna|would\s+like|'d\s+like|goal|aim\w*|hop(?:e|ing)|become|switch\w*"
                          r"|transition\w*|move\s+(?:in)?to|get\s+into|break\s+into|land)\b[^.;!?,]*,\s*$")


def _years_after_wish(num: str, today: date, d: _Dates) -> None:
    """A bare "1 year" or "2 yrs" standing alone right after the clause that says the goal: the goal's time."""
    for m in re.finditer(r"(?:(?<=,)|(?<=,\s))(\d{1,2}(?:\.\d+)?)\s*(?:years?|yrs?)\s*(?=[,;.!]|$)", num):
        if _WISH_CLAUSE.search(num, max(0, m.start() - 80), m.start()) and not d.near(m.start(), 30):
            d.found.append((m.start(), _shift(today, float(m.group(1)), "years")))


def _one_unit(num: str, today: date, d: _Dates) -> None:
    """"within a year", "in the next month": one unit on."""
    for m in re.finditer(r"\b(?:in|within|by|before|about|around|roughly|under|less\s+than)\s+(?:the\s+next\s+"
                         r"|a\s+|an?\s+"
                         r"extra\s+)(year|month|week)\b(?!\s*(?:ago|old|of\b))", num):
        if not d.near(m.start(), 10):
            d.found.append((m.start(), _shift(today, 1, m.group(1))))


def _iso_dates(num: str, today: date, d: _Dates) -> None:
    """"2027-06-30", or an impossible date written so."""
    for m in _ISO_RE.finditer(num):
        got = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if got is None:
            d.bad.append((m.start(), "impossible", m.group(0)))
        else:
            d.found.append((m.start(), got))


def _day_dates(num: str, today: date, d: _Dates) -> None:
    """"March 15th 2027", "15 of march", "15/03/2027"."""
    for m in list(_DAY_DATE_RE.finditer(num))[:5]:  # a few candidates at most: nobody names more dates
        if d.near(m.start(), 3):
            continue
        parsed = _parse_day_date(m.group(0), today)
        if parsed:
            d.found.append((m.start(), parsed))
        elif re.search(r"[a-z]", m.group(0)):
            d.bad.append((m.start(), "impossible", m.group(0).strip()))


def _quarters(num: str, today: date, d: _Dates) -> None:
    """"Q3 2027", "by q2": the quarter's last day."""
    for m in _QUARTER_RE.finditer(num):
        quarter = int(m.group("q"))
        year = int(m.group("y")) if m.group("y") else None
        if year is None:
            year = today.year if _month_end(today.year, quarter * 3) >= today else today.year + 1
        d.found.append((m.start(), _month_end(year, quarter * 3)))


def _months(num: str, today: date, d: _Dates) -> None:
    """"by June 2027", "end of march": the month's last day (without a year, the next such month)."""
    horizon = today.year + MAX_DEADLINE_YEARS
    for m in _MONTH_YEAR_RE.finditer(num):
        month_word = m.group("month")
        year_text = m.group(3) or m.group(4)
        lead = (m.group("lead") or "").strip()
        if _month_not_deadline(num, m, month_word, year_text, lead):
            continue
        if d.near(m.start("month"), 20):
            continue
        month = MONTHS[month_word]
        year = int(year_text) if year_text else (today.year if month > today.month else today.year + 1)
        if year > horizon:
            d.bad.append((m.start(), "too-far", m.group(0).strip()))
            continue
        d.found.append((m.start(), _month_end(year, month)))


def _month_not_deadline(num: str, m: re.Match[str], month_word: str, year_text: str | None, lead: str) -> bool:
    """A month named for something else: the verb "may", a bare abbreviation, a past event, another plan's end."""
    if month_word == "may" and not (year_text or lead):
        return True  # "may" is mostly a verb
    if month_word in _SHORT_MONTHS and not year_text and lead not in {"by", "before", "until", "till", "end of"}:
        return True  # bare abbreviations are too ambiguous without a year, unless a deadline word leads ("by dec")
    if not (year_text or lead):
        return True
    if not year_text and _PAST_EVENT.search(num[max(0, m.start() - 40) : m.start()]):
        return True  # "finished my masters in june"
    # "the bootcamp ends in March" is about something else
    return lead == "in" and not year_text and bool(
        not _GOAL_TIME.search(num[max(0, m.start() - 40) : m.start()])
        or re.search(r"\b(?:ends?|ending|finish\w*|starts?|starting|begins?)\s+in\s*$",
                     num[max(0, m.start() - 20) : m.start() + 3])
    )


def _seasons(num: str, today: date, d: _Dates) -> None:
    """"by next summer", "winter 2027": the season's last day."""
    for m in _SEASON_RE.finditer(num):
        year = int(m.group(3)) if m.group(3) else None
        if year is None and _season_not_deadline(num, m):
            continue
        if d.near(m.start(), 10):
            continue
        d.found.append((m.start(), _season_end(today, m.group("season"), year, m.group("which"))))


def _season_not_deadline(num: str, m: re.Match[str]) -> bool:
    """A season without a year that names no deadline ("more in summer", "finishing my PhD in spring")."""
    lead = num[max(0, m.start() - 12) : m.start()]
    if not (m.group("which") or re.search(r"\b(?:by|before|until|till|in|for)\s+(?:the\s+)?$", lead)):
        return True
    if re.search(r"\b(?:finish\w*|graduat\w*|start\w*|defend\w*|end\w*|moving|move)\s+(?:\w+\s+)?(?:in|by)\s+"
                 r"(?:the\s+)?$", num[max(0, m.start() - 30) : m.start()]):
        return True  # "finishing (my PhD) in spring" is about something else
    in_lead = re.search(r"\bin\s+(?:the\s+)?$", lead)
    return bool(in_lead) and not _GOAL_TIME.search(num[max(0, m.start() - 40) : m.start()])


def _numbered_years(num: str, today: date, d: _Dates) -> None:
    """"by 2028", "mid 2027": the year's end (its middle after "mid")."""
    horizon = today.year + MAX_DEADLINE_YEARS
    for m in _YEAR_RE.finditer(num):
        year = int(m.group(2))
        if d.near(m.start(), 15):
            continue
        if year > horizon:
            d.bad.append((m.start(), "too-far", m.group(0).strip()))
            continue
        d.found.append((m.start(), _part_of_year(year, m.group("lead"))))


def _part_of_year(year: int, lead: str | None) -> date:
    """Where the part of a year said ends: "mid 2027" June 30, "early 2028" March 31 (its first quarter), "start
    of 2028" January 31 (its first month); every other year deadline is the year's end."""
    lead = " ".join((lead or "").split())
    if lead == "mid":
        return date(year, 6, 30)
    if lead == "early":
        return date(year, 3, 31)
    if lead in {"start of", "beginning of"}:
        return date(year, 1, 31)
    return date(year, 12, 31)


def _named_years(num: str, today: date, d: _Dates) -> None:
    """"next year", "end of this year", "by Christmas"."""
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


def _choose(num: str, today: date, d: _Dates) -> tuple[date | None, str | None, str | None]:
    """The deadline among the candidates, or the problem of the first date that cannot be one."""
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
