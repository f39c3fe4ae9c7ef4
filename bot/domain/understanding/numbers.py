"""Numbers as digits: number words, halves and couples, thousands and lakhs; ranges and midpoints."""

from __future__ import annotations

import re

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000}


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
    low = re.sub(r"\b(?:an?|one)\s+(" + _UNITS + r")\s+and\s+a\s+half\b", r"1.5 \1", low)
    # "one and a half years", "2 and a half hours": the number and its half (before "half a year" is read)
    low = re.sub(r"(?<![\d.])(\d{1,3}|" + "|".join(w for w in NUMBER_WORDS if NUMBER_WORDS[w] < 20) + r")\s+and\s+a"
                 r"\s+half\s+(?=" + _UNITS + r"\b)",
                 lambda m: f"{NUMBER_WORDS.get(m.group(1), m.group(1))}.5 ", low)
    low = re.sub(r"\bhalf\s+(?:an?\s+)?(" + _UNITS + r")\b", r"0.5 \1", low)
    # "a dozen hours", "half a dozen", "a couple (of) dozen": twelves
    low = re.sub(r"\b(?:(?P<half>half\s+a)|(?P<two>a\s+couple(?:\s+of)?|two)|an?|one)\s+dozen\b(?:\s+of\b)?",
                 lambda m: "6" if m.group("half") else "24" if m.group("two") else "12", low)
    low = re.sub(r"\b(?:a\s+)?couple\s+(?:of\s+)?(?=" + _UNITS + r"|\w+\s+" + _UNITS + r")", "2 ", low)
    low = re.sub(r"\ba\s+few\s+(?=" + _UNITS + r")", "3 ", low)
    # "a year" is one year, but "hours a week" keeps its "a": it is a rate, not a count.
    # ("twenty one years" keeps its "one": it is part of the number)
    # ("$50 a month" is a rate too: the amount may carry its currency sign on either side)
    low = re.sub(r"(?<![\w$€£-])([$€£]?\w+[$€£]?\s+)?(?:an?|one)\s+(?=" + _UNITS + r"\b)",
                 lambda m: m.group(0) if m.group(1) and re.match(_UNITS + r"|\d|h\b|usd|dollars?|euros?|bucks"
                                                                          r"|quid|pounds?|eur|gbp|rupees?|twenty|thirty"
                                                                          r"|forty|fourty|fifty|sixty|seventy|eighty"
                                                                          r"|ninety", m.group(1).lstrip("$€£"))
                 else (m.group(1) or "") + "1 ", low)

    def repl(m: re.Match[str]) -> str:
        """The number a run of number words spells, or the words unchanged."""
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


NUM = r"(\d+(?:\.\d+)?)"
RANGE = NUM + r"(?:\s*(?:-|to|or|and|/)\s*(?:\d+(?:\.\d+)?))?"


def midpoint(low: str, high: str | None) -> float:
    """A number, or the midpoint of a range."""
    return (float(low) + float(high)) / 2 if high else float(low)
