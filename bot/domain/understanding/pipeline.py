"""`understand()`: the passes over one message, in order, and `named_ids()` for exact names."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.catalog import Catalog
from bot.domain.reading import lower_aligned
from bot.domain.understanding.budget import read_budget
from bot.domain.understanding.certificates import held_certificates, read_certificate_wish
from bot.domain.understanding.clauses import CORRECTION_CUE, split_segments
from bot.domain.understanding.deadline import read_deadline
from bot.domain.understanding.education import blank_questions, read_education, read_field_of_study
from bot.domain.understanding.entities import resolve_entities
from bot.domain.understanding.facts import Clarification, Facts
from bot.domain.understanding.hours import read_hours
from bot.domain.understanding.job import read_current_role, read_not_working
from bot.domain.understanding.matcher import Matcher, matcher_for
from bot.domain.understanding.mentions import Mention, find_mentions, other_mentions
from bot.domain.understanding.modes import assign_modes
from bot.domain.understanding.numbers import normalise_numbers
from bot.domain.understanding.text import (
    CONTROL,
    MAX_CHARS,
    MAX_MENTIONS,
    TRANSLATE,
    collapse_runs,
    fix_swapped_letters,
    unique,
)
from bot.domain.understanding.whose import mask_others
from bot.domain.understanding.years import read_years


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
    text = CONTROL.sub(" ", text[:MAX_CHARS].translate(TRANSLATE))
    text = collapse_runs(text)
    text = re.sub(r"\b([Ii]) m\b", r"\1'm", text)  # "i m a student": same length, so offsets stay
    masked = mask_others(text)
    unmasked_num = normalise_numbers(lower_aligned(text)) if masked is not text else None
    text = masked
    low = fix_swapped_letters(lower_aligned(text))
    num = normalise_numbers(low)
    matcher = matcher_for(catalog)
    facts = Facts()
    facts.correction = bool(CORRECTION_CUE.search(low))
    questions: list[Clarification] = []

    current, current_span = read_current_role(low, matcher)
    facts.not_working = read_not_working(low)
    near = low[max(0, current_span[0] - 30) : current_span[1] + 12] if current_span else ""
    if facts.not_working and current_span and not re.search(
            r"\b(?:now|currently|presently|still|these\s+days)\b", near):
        current = None  # "got laid off, 7 yrs as a QA tester before that": no job now outranks a job not said as now
    facts.not_working = facts.not_working and current is None
    facts.current_role = current
    segments = split_segments(low)
    mentions = _mentions(text, low, matcher, current_span)
    assign_modes(low, mentions, segments)
    resolve_entities(facts, mentions, low, segments, matcher, questions)
    held_certificates(facts, low, catalog, matcher)

    facts.hours_per_week, q, ranged = read_hours(num)
    questions += [q] if q else []
    if ranged:
        facts.midpoints.append("hours")
    facts.deadline, facts.deadline_problem, facts.deadline_said = read_deadline(num, today)
    read_budget(num, facts, unmasked_num)
    facts.years_experience = read_years(num, today, current_span[1] if current_span else None)
    facts.education = read_education(blank_questions(num))
    facts.field_of_study = read_field_of_study(blank_questions(num))
    facts.wants_certificates = read_certificate_wish(num)
    if facts.wants_certificates is None and facts.certifications and re.search(
        r"\b(?:want|get|take|pass|prepare|aim|earn|need|like|love|hope|plan\w*)\b", num
    ):
        facts.wants_certificates = True
    facts.questions = [*questions, *facts.questions]  # the budget reader asks its own
    if facts.correction:
        _corrected_in_message(num, facts, today)
    return facts


# "not 10" in "8 hours not 10": the value taken back, never the one meant
_TAKEN_BACK = re.compile(r"\bnot\s+\$?\d+(?:\.\d+)?\s*(?:h\b|hrs?\b|hours?\b|months?\b|years?\b|yrs?\b|\$|usd\b"
                         r"|dollars?\b|bucks\b)?(?:\s*(?:a|per|/)\s*(?:week|wk|w)\b)?")
_BARE_NUMBER = re.compile(r"\W*(?:\w+\W+){0,4}?(?P<n>\d+(?:\.\d+)?)\s*[.!]*\s*$")
# The unit a bare corrected number takes: that of the value said last before the correction.
_UNIT_SAID = re.compile(r"\d\s*(?P<hours>h\b|hrs?\b|hours?\b)|(?P<money>\$|usd\b|dollars?\b|bucks\b|budget\b)"
                        r"|\d\s*(?P<years>years?\b|yrs?\b|yoe\b)|\d\s*(?P<months>months?\b)")
_UNIT_WORDS = {"hours": " hours a week", "money": " dollars", "years": " years of experience", "months": " months"}


def _corrected_in_message(num: str, facts: Facts, today: date) -> None:
    """A value corrected in the same message wins over the one said before it.

    "10 hours/week. actually 8 hours not 10" is 8 hours, "budget 500, sorry I mean 300" is $300 and "by june,
    actually make it september 2027" is September: whatever the message says after its first correction cue,
    without the values it takes back ("not 10"), replaces what it said before. A bare number after the cue takes
    the unit of the value said last before it.
    """
    cue = CORRECTION_CUE.search(num)
    if cue is None or not num[: cue.start()].strip():
        return  # the whole message is the correction: nothing earlier in it to replace
    tail = _TAKEN_BACK.sub(lambda m: " " * len(m.group(0)), num[cue.start() :])
    first = re.search(r"\d", tail)  # the clause of the first number after the cue
    clause = tail if first is None else tail[: first.start()] + re.split(
        r"[.;!?\n](?:\s|$)|,\s*(?=[a-z])", tail[first.start() :], maxsplit=1)[0]
    bare = _BARE_NUMBER.match(clause)
    units = [k for m in _UNIT_SAID.finditer(num, 0, cue.start()) for k, v in m.groupdict().items() if v]
    if bare and units and not _UNIT_SAID.search(clause):
        # "7 hours a week. Actually 9. Deadline June": the bare 9 corrects the hours, the rest is read as said
        tail = clause[: bare.end("n")] + _UNIT_WORDS[units[-1]]
        if units[-1] == "months":
            tail = "in " + tail[bare.start("n") :]
    hours, _, _ = read_hours(tail)
    if hours is not None:
        facts.hours_per_week = hours
    deadline, _, _ = read_deadline(tail, today)
    if deadline is not None:
        facts.deadline = deadline
    money = Facts()
    read_budget(tail, money)
    if money.budget_known or money.budget_monthly is not None or money.budget_foreign is not None:
        facts.budget_usd, facts.budget_known = money.budget_usd, money.budget_known
        facts.budget_monthly, facts.budget_foreign = money.budget_monthly, money.budget_foreign
    years = read_years(tail, today)
    said = re.search(r"(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*(?:years?|yrs?)\b(?!\s+(?:old|ago))", tail)
    if years is None and said and facts.years_experience is not None and facts.deadline is None:
        years = float(said.group(1))  # "3 years, oops 4 years": the years said before, corrected
    if years is not None:
        facts.years_experience = years


def _mentions(text: str, low: str, matcher: Matcher, current_span: tuple[int, int] | None) -> list[Mention]:
    """Catalog phrases and other tools named, in text order; inside the current job title none names a role."""
    mentions = find_mentions(text, low, matcher)
    if current_span:
        for m in mentions:
            if m.start < current_span[1] and m.end > current_span[0]:
                m.targets = {t for t in m.targets if t.kind != "role" and not (
                    t.kind == "skill" and m.end >= current_span[1] - 1)}
                m.in_job = True
    mentions = [m for m in mentions if m.targets]
    mentions += other_mentions(text, low, mentions)
    # Nobody names more than this many skills and roles: the cap bounds the work on adversarial text.
    return sorted(mentions, key=lambda m: m.start)[:MAX_MENTIONS]


def named_ids(text: str, catalog: Catalog, kind: str) -> list[str]:
    """Ids of `kind` ("role", "skill", ...) that the text names exactly: names, aliases, short forms; no typos."""
    try:
        text = CONTROL.sub(" ", text[:MAX_CHARS].translate(TRANSLATE))
        mentions = find_mentions(text, lower_aligned(text), matcher_for(catalog))
    except Exception:  # best effort, like understand()
        return []
    return unique(i for m in mentions if not m.fuzzy for i in m.ids(kind))
