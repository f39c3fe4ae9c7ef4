"""The salary or range an ad states, with its currency and period."""

from __future__ import annotations

import re

from bot.domain.jobad.model import PayPeriod, Salary

_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
             "cad": "CAD", "c$": "CAD", "chf": "CHF", "aud": "AUD", "a$": "AUD", "inr": "INR", "₹": "INR"}
_AMOUNT = r"(?<![\d.,])(?:\d{1,3}(?:[,.]\d{3}){1,4}(?:\.\d{1,2})?|\d{1,9}(?:\.\d{1,2})?)(?![\d])"
_CUR = r"(?:us\$|c\$|a\$|\$|€|£|₹|usd|eur|gbp|cad|chf|aud|inr)"
_SALARY = re.compile(
    r"(?P<c1>" + _CUR + r")\s?(?P<a>" + _AMOUNT + r")\s?(?P<ak>k\b)?"
    r"(?:\s*(?:-|to|and)\s*(?P<c2>" + _CUR + r")?\s?(?P<b>" + _AMOUNT + r")\s?(?P<bk>k\b)?)?"
    r"|(?P<a2>" + _AMOUNT + r")\s?(?P<ak2>k\b)?(?:\s*(?:-|to)\s*(?P<b2>" + _AMOUNT + r")\s?(?P<bk2>k\b)?)?\s?"
    r"(?P<c3>usd|eur|gbp|cad|chf|aud|inr|€|£)"
)
_NOT_PAY_AFTER = re.compile(r"^[^.\n]{0,25}\b(?:budget|allowance|credit|bonus|stipend for|grant|funding|raised|"
                            r"revenue|arr|valuation|investment|series)")
_PER_HOUR = re.compile(r"^\s*(?:/\s*(?:h|hr|hour)\b|per hour|an hour|hourly|/hour)")
_PER_MONTH = re.compile(r"^\s*(?:/\s*(?:mo|month)\b|per month|a month|monthly|/month|p\.?m\.)")
_PER_YEAR = re.compile(r"^\s*(?:/\s*(?:yr|year|annum)\b|per year|a year|per annum|annually|p\.?a\.|yearly|/yr)")


def _money(text: str) -> float | None:
    """An amount as written ("70,000", "70.000") as a float; None when it is no number."""
    cleaned = text.replace(",", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # 70.000 as a thousands separator
        cleaned = text.replace(".", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def read_salary(text: str, low: str) -> Salary | None:
    """The first stated salary or range that is pay (not funding, budgets or revenue), else None."""
    for m in _SALARY.finditer(low):
        after = low[m.end() : m.end() + 40]
        before = low[max(0, m.start() - 40) : m.start()]
        if _NOT_PAY_AFTER.match(after) or re.search(r"\b(?:raised|funding|revenue|budget of|valued at)\s*$", before):
            continue
        cur = m.group("c1") or m.group("c2") or m.group("c3")
        a_txt = m.group("a") or m.group("a2")
        b_txt = m.group("b") or m.group("b2")
        if not cur or not a_txt:
            continue
        if m.group("c3") and not (m.group("a2") and (m.group("b2") or len(a_txt) >= 4 or m.group("ak2"))):
            continue
        a = _money(a_txt)
        b = _money(b_txt) if b_txt else None
        if a is None:
            continue
        if m.group("ak") or m.group("ak2"):
            a *= 1000
        if b is not None and (m.group("bk") or m.group("bk2") or ((m.group("ak") or m.group("ak2")) and b < 1000)):
            b *= 1000
        if b is not None and b < a:
            b = None
        if a < 5:
            continue
        context = low[max(0, m.start() - 60) : m.end() + 30]
        if a < 1000 and not re.search(r"hour|/h|hr\b|month|salary|pay|rate|stipend", context):
            continue
        period = _period(after, before, a)
        return Salary(min=a, max=b, currency=_CURRENCY[cur], period=period)
    return None


def _period(after: str, before: str, amount: float) -> PayPeriod:
    """What a figure is paid for: said after or before it, else guessed from its size."""
    if _PER_HOUR.match(after) or "hourly" in before:
        return PayPeriod.hour
    if _PER_MONTH.match(after) or re.search(r"monthly|per month|stipend", before):
        return PayPeriod.month
    if _PER_YEAR.match(after) or re.search(r"annual|yearly|per year|base", before):
        return PayPeriod.year
    if amount < 300:
        return PayPeriod.hour
    if amount < 15000:
        return PayPeriod.month
    return PayPeriod.year
