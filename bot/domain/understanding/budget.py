"""The budget: a total in US dollars, a monthly or foreign amount, free only or no limit; salaries are not budgets."""

from __future__ import annotations

import re

from bot import texts
from bot.domain.understanding.facts import Clarification, Facts, ForeignAmount

# Approximate USD value of one unit (fixed on purpose: the domain has no network and no clock).
RATES_DATE = "2026-11-02"
USD_PER: dict[str, float] = {"usd": 1.0, "eur": 1.08, "gbp": 1.27, "cad": 0.73, "aud": 0.66, "inr": 0.012}


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
    r"|budget\s*(?:is|:|of)?\s*(?:zero|0|nothing|nil)\b|\b0\s*(?:\$|usd|dollars?)|\$\s*0\b"
    # "no $", "no $$", "zero bucks", "budget: nada", "nada $": no money at all, however slangy
    r"|\bno\s*\$+(?!\s*\d)|\b(?:zero|no)\s+(?:dollars?|bucks|usd)\b|\b(?:nada|zilch|zip)\s*(?:\$|usd\b|dollars?\b|bucks\b"
    r"|budget\b|money\b|to\s+spend\b|for\s+(?:the\s+)?budget\b)|\b(?:budget|money|cash|spend|spending)\s*(?:is|:|of|=|-)?"
    r"\s*(?:nada|zilch|zip|nil|no\s*\$+)(?!\w)"
    r"|(?:i'm|im|i am)\s+broke|not\s+(?:able|willing)\s+to"
    r"\s+(?:pay|spend)|(?:don'?t|do\s+not)\s+want\s+to\s+(?:pay|spend)|won'?t\s+pay|prefer\s+free|(?:only|just)\s+"
    r"(?:use|take|do|want)\s+free|nothing\s+to\s+spend|tight\s+on\s+money|unemployed\s+and\s+broke|free\s+is\s+best"
    r"|must\s+be\s+free|has\s+to\s+be\s+free|needs?\s+to\s+be\s+free|100%\s+free|completely\s+free|no\s+paid"
    # free as the wish, hedged or not: "ideally free stuff", "free resources pls", "free if possible"
    r"|(?:ideally|preferably|mostly|mainly|stick\s+(?:to|with)|sticking\s+(?:to|with))\s+(?:to\s+)?(?:the\s+)?free\b"
    r"|free\s+(?:stuff|resources|courses?|materials?|options?|content|things|ones)\s*(?:pl[sz]|please|preferably|ideally"
    r"|if\s+possible|for\s+now)\b|\bfree\s+if\s+(?:possible|i\s+can)\b"
    # "..., free courses, ...": a clause that is only the free things wanted
    r"|(?:^|[,;.]\s*)free\s+(?:stuff|resources|courses?|materials?|options?|content|things|ones)\s*(?:[,;.!]|$)"
    r"|not\s+(?:a|one)\s+(?:penny|cent|dime|rupee)|not\s+(?:paying|spending)\s+(?:for\s+)?(?:anything|a\s+thing|money)"
    # "broke" as a state, not the verb ("I broke into tech", "the build broke")
    r"|(?:i'?m|im|i\s+am|am|being|currently|pretty|totally|completely|super|very|so|quite|kinda|kind\s+of|dead|flat|a"
    r"|as)\s+(?:\w+\s+)?broke\b(?!\s+(?:into|up|down|out|through|my|the|it|in|off|even)\b)"
    r"|\bbroke\s+(?:af|student|grad\w*|parent|mum|mom|dad|person|guy|girl|uni|college|rn|atm|right\s+now"
    r"|at\s+the\s+moment|lol|tbh)\b|(?:^|[,;.(]\s*)broke\s*(?:[,;.!)]|lol|$))"
)
# "no budget" is either no money or no limit: asked back unless another phrase of the message settles it.
_NO_BUDGET = re.compile(
    r"\bno\s+(?:real\s+|set\s+|fixed\s+|particular\s+)?budget\b(?!\s*(?:limit|cap|constraint|restriction|issue"
    r"|problem|concern)s?)|\bbudget\s*(?:is|:|=|-)?\s*(?:none|no|n/?a)\b(?!\s*(?:of\b|limit|cap|constraint|restriction"
    r"|issue|problem|concern))|(?:don'?t|do\s+not)\s+(?:really\s+)?have\s+(?:a|any)\s+(?:real\s+|set\s+)?budget\b"
)
_NO_LIMIT = re.compile(
    r"\b(?:no\s+(?:budget\s+)?(?:limit|cap|constraint|restriction)s?|(?:budget|money|cost|price)\s+(?:is\s+)?"
    r"(?:no|not\s+an?|isn'?t\s+an?)\s+(?:object|issue|problem|concern)|unlimited(?:\s+budget)?|budget\s+(?:is\s+)?"
    r"(?:doesn'?t\s+matter|flexible|unlimited|open)|(?:any|whatever)\s+(?:it\s+)?(?:costs?|budget|price)"
    r"|(?:my\s+)?(?:employer|company|work|boss|job|manager|team|uni|university|school|lab|department|dept"
    r"|government|scholarship|sponsor)\s+(?:will\s+)?(?:\w+\s+){0,8}?(?:pays?"
    r"|pay\s+for|covers?"
    r"|reimburses?|sponsors?|funds?)\b"
    r"|don'?t\s+care\s+about\s+(?:the\s+)?(?:cost|price|money)|money\s+(?:doesn'?t|does\s+not)\s+matter"
    r"|happy\s+to\s+pay\s+whatever|no\s+budget\s+(?:issue|problem)s?)"
)


_FEW_HUNDRED = re.compile(r"\b(?:a\s+few|several|couple(?:\s+of)?|a\s+couple(?:\s+of)?|2)\s+(?:hundred"
                          r"|100)\b(?!\s*(?:k|000))")


def read_budget(num: str, facts: Facts, unmasked: str | None = None) -> None:
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
    elif _NO_BUDGET.search(num):
        facts.questions.append(Clarification(field="budget_usd", value="0", alternative="none",
                                             prompt=texts.UNDERSTAND_NO_BUDGET))


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
