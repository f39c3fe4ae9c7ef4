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
  things are no budget. A bare "no budget" is no money or no limit: no budget is stored and a question asks
  which (Yes: free only, No: no limit), unless the message settles it ("no budget, only free stuff").
- A value corrected in the same message wins ("10 hours a week, actually 8 not 10" is 8); a role's name with a
  typo is that role, asked back ("ml enginer": "Did you mean machine learning engineer?").

One module a pass (text, whose, numbers, matcher, mentions, clauses, modes, entities, job, hours, deadline,
budget, years, education, certificates); pipeline.understand runs them in order (docs/ARCHITECTURE.md).
"""

from bot.domain.understanding.budget import RATES_DATE, USD_PER, usd_value
from bot.domain.understanding.certificates import resolve_certification
from bot.domain.understanding.clauses import GOAL_CUE
from bot.domain.understanding.facts import Clarification, Facts, ForeignAmount
from bot.domain.understanding.job import SENIORITY
from bot.domain.understanding.matcher import matcher_for
from bot.domain.understanding.numbers import NUMBER_WORDS, normalise_numbers
from bot.domain.understanding.pipeline import named_ids, understand
from bot.domain.understanding.text import MAX_CHARS

__all__ = [
    "GOAL_CUE",
    "MAX_CHARS",
    "NUMBER_WORDS",
    "RATES_DATE",
    "SENIORITY",
    "USD_PER",
    "Clarification",
    "Facts",
    "ForeignAmount",
    "matcher_for",
    "named_ids",
    "normalise_numbers",
    "resolve_certification",
    "understand",
    "usd_value",
]
