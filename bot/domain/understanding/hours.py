"""Study hours per week: rates per day, week, month or weekend, weekday and weekend parts, work hours left out."""

from __future__ import annotations

import itertools
import re

from bot import texts
from bot.domain.understanding.facts import Clarification
from bot.domain.understanding.numbers import NUM, RANGE, midpoint
from bot.domain.understanding.vocabulary import is_job_noun

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
_DAY = re.compile(r"^\s*(?:of\s+\w+(?:\s+\w+)?\s+)?(?:/|per|a|an|each|every|most|1)?\s*"
                  r"(?:day|d|night|evening|weekday|workday|weeknight|working\s+day)s?\b"
                  r"|^\s*(?:of\s+\w+\s+)?(?:daily|nightly|every\s+(?:day|night|evening)|in\s+the\s+evenings?)")
_WEEKDAYS = re.compile(r"\b(?:weekdays?|workdays?|work\s+days?|monday\s+to\s+friday|mon-fri)\b")
_MONTH = re.compile(r"^\s*(?:/|per|a|an|each|every|1)?\s*(?:month|mo)\b|^\s*monthly")
_WEEKEND = re.compile(r"^\s*(?:(?:on|each|every|per|a|at|over\s+the|on\s+the)\s+)?(?:weekends?|saturdays?|sundays?)")
_WORK_CONTEXT = re.compile(r"\b(?:work|working|job|shift|employed|commute|sleep)\w*\b(?P<gap>[^.;]{0,45})$")
# After these the number is about study again: "a full time job, so maybe 4-6 hours weekly".
_WORK_PIVOT = re.compile(r"\b(?:so|but|can|could|maybe|leaves?|leaving|left|study|free|spare|learn\w*|i\s+have)\b")
_CLAUSE_BEFORE = re.compile(r"(?:^|[,;:!?(]|\.\s)\s*(?:about|around|maybe|like|roughly|approx\w*|~|max"
                            r"|at\s+least)?\s*$")
_WORK_WORD = re.compile(r"\b(?:work|working|job|shift|employed|commute|sleep)\w*\b")
# The job in a clause like these is the one wished for: "want an ML engineer job", "land a data job", "dream job".
_WANTED_JOB = re.compile(r"\b(?:want\w*|wanna|get|land|find|dream|new|target\w*|aim\w*|hoping|looking\s+for|first)\b"
                         r"(?:\s+[\w-]+){0,4}\s+(?:job|jobs|role|position|work)$")
_STUDY_CONTEXT = re.compile(r"\b(?:study|studying|learn|learning|spend|dedicate|devote|commit|put in|free"
                            r"|available|have|can do|can give|invest|time|budget|focus)\w*\b")
_NOT_STUDY_AFTER = re.compile(r"^\s*(?:ago|old|course|long|of (?:video|content|lectures?|material)|commute|shift)")


def _split_hours(num: str) -> float | None:
    """Weekday and weekend parts added up: "2 on weekdays and 5 on weekends" -> 15 ("N on weekdays" is 5N); a
    single part is returned negative, so the other part may still be found as a rate of its own."""
    if not re.search(r"\b(?:h|hours?|hrs?)\b|\d\s*h\b", num) and len(num) > 80:
        return None
    total, parts = 0.0, 0
    for m in _WEEKDAY_PART.finditer(num):
        value = midpoint(m.group("n"), m.group("m"))
        total += value * 5
        parts += 1
        break
    for m in _WEEKEND_PART.finditer(num):
        value = midpoint(m.group("n"), m.group("m"))
        total += value * 2 if m.group("each") else value
        parts += 1
        break
    return total if parts == 2 and 0 < total <= 112 else -total if parts and 0 < total <= 112 else None


def _added_parts(num: str, spans: list[tuple[int, int, int, float, str | None]]) -> float | None:
    """Parts joined by "plus"/"and" add up: "an hour a day, plus Saturday mornings (3h)" -> 10; so do a weekday
    part and a weekend part, however hedged ("2 hrs most evenings and more at weekends, maybe 4h each day")."""
    usable = [s for s in spans if s[2] >= 2][:4]
    for first, second in itertools.pairwise(usable):
        gap = num[first[1] : second[0]]
        other_days = {first[4], second[4]} == {"weekday", "weekend"}
        if len(gap) <= 45 and other_days and not re.search(r"\b(?:or|instead|when|if)\b", gap):
            total = first[3] + second[3]
            return total if total <= 112 else None
        if len(gap) <= 45 and re.search(r"\b(?:plus|also|as\s+well\s+as|on\s+top)\b|\+|\band\b", gap) and not re.search(
            r"\b(?:or|maybe|instead|but|more|less|during|in\s+(?:the\s+)?(?:summer|winter|holidays?)|when|if)\b", gap
        ):
            total = first[3] + second[3]
            return total if total <= 112 else None
    return None


def read_hours(num: str) -> tuple[float | None, Clarification | None, bool]:
    """(study hours per week, question, came from a range) from the normalised text."""
    candidates: list[tuple[int, float, bool]] = []  # (confidence, value, midpoint of a range)
    # (start, end, confidence, weekly hours, the days it is about) of each rate said
    spans: list[tuple[int, int, int, float, str | None]] = []
    split = _split_hours(num)  # negative: only one of the weekday and weekend parts was found
    if split is not None and split > 0:
        return split, None, False
    _rates(num, candidates, spans)
    _labelled_hours(num, candidates)
    added = _added_parts(num, spans)
    if added is not None:
        return added, None, False
    if split is not None:
        return -split, None, False
    if candidates:
        best = max(candidates, key=lambda c: c[0])
        if best[0] >= 2:
            return best[1], None, best[2]
    return _without_figure(num)


def _rates(num: str, candidates: list[tuple[int, float, bool]],
           spans: list[tuple[int, int, int, float, str | None]]) -> None:
    """Each "N hours" said, as weekly hours with a confidence; hours of work count for nothing."""
    for m in _HOURS_RE.finditer(num):
        value = midpoint(m.group(1), m.group(2))
        ranged = m.group(2) is not None
        pre, post = num[max(0, m.start() - 40) : m.start()], m.group("post")
        if _NOT_STUDY_AFTER.match(post):
            continue
        hours, conf = _weekly(num, m, value, pre, post)
        if _about_work(pre, post):
            conf = 0
        if 0 <= hours <= 112:
            candidates.append((conf, hours, ranged))
            days = _days_of(num, pre, post)
            spans.append((m.start(), m.end(), conf, hours, days))
        if len(candidates) > 20:
            break


def _about_work(pre: str, post: str) -> bool:
    """The hours are of a job, a shift or a commute ("I work 40 hours"), not of study; the job wished for ("want an
    ML engineer job, like 15 hrs a week") is no work."""
    work = _WORK_CONTEXT.search(pre)
    last = [*_WORK_WORD.finditer(pre)][-1:] if work else []
    if last and (_WANTED_JOB.search(re.split(r"[.;!?,]", pre[: last[0].end()])[-1]) or re.match(
            r"\s*(?:(?:by|within|before)\s+(?:the\s+)?(?:end\s+of\s+)?(?:next\s+|this\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul"
            r"|aug|sep|oct|nov|dec|q[1-4]|summer|spring|autumn|fall|winter|year|month|christmas)|in\s+\d|asap)",
            pre[last[0].end() :])):
        return False  # "job by sept 2027, 15 hrs/wk": a job with a deadline is the one wished for
    if last and re.search(r"\b(?:not|no|never|without|between|out\s+of(?:\s+a)?|lost\s+my|no\s+longer|un)\s*$",
                          pre[: last[0].start()]):
        return False  # "not working now, 10h a week", "out of work, 20 hrs": no job, so the hours are study
    return bool(work) and not _WORK_PIVOT.search(work.group("gap") if work else "") and not _STUDY_CONTEXT.search(
        pre[-15:]
    ) and not re.match(
        r"\s*(?:a\s+week\s+|per\s+week\s+)?(?:for|of|to)\s+(?:study|studying|learning|learn)\b", post)


def _weekly(num: str, m: re.Match[str], value: float, pre: str, post: str) -> tuple[float, int]:
    """(weekly hours, confidence) of "N hours" by the period after it; without one, by the study words near it."""
    if _WEEK.match(post):
        return value, 3
    if _DAY.match(post):
        return value * {"weekend": 2, "weekday": 5}.get(_days_meant(num, pre, post) or "", 7), 3
    if _MONTH.match(post):
        return round(value * 12 / 52, 1), 3
    if _WEEKEND.match(post):
        return value, 3
    clause = re.split(r"[.;!?,]", pre)[-1]
    if _PER_EVENING_BEFORE.search(clause):
        # "evenings only ~1-2h", "most nights 2h": a time of day said before the figure is its period
        return value * {"weekend": 2, "weekday": 5}.get(_days_meant(num, pre, post) or "", 7), 3
    if _WEEKEND_BEFORE.search(clause):
        return value, 3  # "weekends 5h": N at the weekend is N
    compact = bool(re.match(r"\d+(?:\.\d+)?\s*h\b", num[m.start(1) : m.end()].split("-")[-1].strip()))
    study_after = re.match(r"\s*(?:for|of|to)\s+(?:study|studying|learning|learn|this|it|courses)\b", post)
    # "..., 10-12 hours, budget 200 euros": hours said as a clause of their own are the answer to "how many hours"
    own_clause = bool(_CLAUSE_BEFORE.search(pre)) and bool(re.match(r"\s*(?:[,;!?)]|\.(?:\s|$)|$)", post))
    return value, 2 if (_STUDY_CONTEXT.search(pre) or compact or study_after or own_clause or len(num) < 50) else 1


_WEEKEND_BEFORE = re.compile(r"\b(?:weekends?|saturdays?|sundays?)\s+(?:only\s+|just\s+|mostly\s+)?"
                             r"(?:about\s+|around\s+|maybe\s+|like\s+|~\s*)?$")
_PER_EVENING_BEFORE = re.compile(r"\b(?:evenings|nights|mornings|(?:every|each|most)\s+(?:evening|night|morning|day)s?)"
                                 r"\s+(?:only\s+|just\s+|mostly\s+)?(?:about\s+|around\s+|maybe\s+|like\s+|~\s*)?$")
_WEEKEND_WORD = re.compile(r"\b(?:weekends?|saturdays?|sundays?|sat|sun)\b")
_WEEKDAY_WORD = re.compile(r"\b(?:weekdays?|workdays?|work\s+days?|weeknights?|monday\s+to\s+friday|mon-fri"
                           r"|most\s+(?:days|evenings|nights)|after\s+work)\b")
_EVENING_WORD = re.compile(r"\b(?:evenings?|nights?|nightly)\b")


def _days_of(num: str, pre: str, post: str) -> str | None:
    """The days a rate said is about, for adding parts: "weekday", "weekend" or None."""
    clause = re.split(r"[.;!?,]", pre)[-1]
    if _DAY.match(post) or _PER_EVENING_BEFORE.search(clause):
        return _days_meant(num, pre, post)
    return "weekend" if _WEEKEND.match(post) or _WEEKEND_BEFORE.search(clause) else None


def _days_meant(num: str, pre: str, post: str) -> str | None:
    """The days a rate per day is about: "weekend" (2), "weekday" (5) or None (every day), by the nearest word.

    "weekends maybe 4h each day" is 8 hours, "2 hrs most evenings" 10; evenings are weekday evenings when the
    message also speaks of the weekend ("2h every evening and 4h each day at the weekend").
    """
    before = re.split(r"[.;!?]", pre)[-1][-35:]
    after = re.split(r"[.;!?,]|\band\b|\bbut\b|\bplus\b", post)[0][:30]
    weekend_said = bool(re.search(r"\bweekends?\b", num))  # "plus Saturday mornings" adds to every evening
    kind = None
    # the rate's own clause after it first ("4h each day at the weekend"), then the words just before it
    for text, near_end in ((after, False), (before, True)):
        # (distance, rank, kind): on a tie the more precise word wins ("most nights" is weekdays, not every night)
        found = [(len(text) - m.end() if near_end else m.start(), rank, word_kind)
                 for rank, (pattern, word_kind) in enumerate(((_WEEKEND_WORD, "weekend"), (_WEEKDAY_WORD, "weekday"),
                                                              (_EVENING_WORD, "evening")))
                 for m in pattern.finditer(text)]
        if found:
            kind = min(found)[2]
            break
    if kind is None:
        return None
    if kind == "evening":
        return "weekday" if weekend_said else None
    return kind


def _labelled_hours(num: str, candidates: list[tuple[int, float, bool]]) -> None:
    """Hours given as a field ("hours per week: 10", "availability is 6") or as minutes a day."""
    for m in re.finditer(r"(?:hours?|hrs?|time)\s*(?:per|a|/)\s*week\s*(?:[:=-]|is|of)?\s*(?:about\s+|~)?" + RANGE,
                         num):
        candidates.append((3, float(m.group(1)), False))
        break
    for m in re.finditer(r"\b(?:hours?|hrs?|time|availability)\s*(?:[:=]|to|is|are|of)\s*(?:about\s+|~)?" + RANGE
                         + r"(?!\s*(?:am|pm|months?|years?|weeks?|days?|\$|usd|dollars?|%))", num):
        candidates.append((3, float(m.group(1)), False))
        break
    for m in re.finditer(r"(?<![\d.])" + NUM + r"\s*(?:minutes?|mins?)\s*(?:a|per|each|every|/)\s*day|(?<![\d.])"
                         + NUM + r"\s*(?:minutes?|mins?)\s*daily", num):
        value = float(m.group(1) or m.group(2))
        candidates.append((3, round(value * 7 / 60, 1), False))
        break


# "full time", "fulltime!", "full-time pls": the whole answer is the study pace (the hours question's answer).
_FULL_TIME_ALONE = re.compile(r"\s*(?:(?:i\s+can\s+)?(?:go|do)\s+)?(?:about\s+|basically\s+|pretty\s+much\s+)?"
                              r"full[- ]?time(?:\s+(?:pl[sz]|please|if\s+possible|ideally|basically))?\s*[.!]*\s*")
# "DS, full time, $0": a clause of its own in a list of answers, when nothing in the message speaks of a job.
_FULL_TIME_CLAUSE = re.compile(r"(?:^|[,;/]|\.\s)\s*full[- ]?time\s*(?:[,;/]|\.(?:\s|$)|$)")


def _full_time_listed(num: str) -> bool:
    """"DS, full time, $0": full time as an answer in a list; "nurse, full time" is the job's hours, not study."""
    clause = _FULL_TIME_CLAUSE.search(num)
    if clause is None or _WORK_WORD.search(num):
        return False
    before = re.split(r"[,;/]|\.\s", num[: clause.start()])[-1]
    return not any(is_job_noun(w) for w in re.findall(r"[a-z]+", before))


def _without_figure(num: str) -> tuple[float | None, Clarification | None, bool]:
    """Hours said without a figure: full time is 40, weekends only 8 (asked back)."""
    if re.search(r"\b(?:study|studying|learn|learning|go|going|dedicate|commit|focus|available|do)\s+(?:\w+\s+){0,2}"
                 r"full[- ]?time(?!\s+(?:job|work|position|role|employ\w*|contract|jobs))"
                 r"|\bfull[- ]?time\s+(?:(?:on\s+)?(?:study|student|learner|learning|studying|upskilling|self[- ]study)"
                 r"|on\s+(?:this|it|ml|learning))", num) or _FULL_TIME_ALONE.fullmatch(num) or _full_time_listed(num):
        return 40.0, None, False
    if re.search(r"\b(?:only\s+(?:on\s+)?(?:the\s+)?weekends?|weekends?\s+only|just\s+(?:on\s+)?weekends?)\b", num):
        return 8.0, Clarification(field="hours_per_week", value="8",
                                  prompt=texts.UNDERSTAND_WEEKENDS_ONLY), False
    return None, None, False
