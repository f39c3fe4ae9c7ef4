"""Reading a job ad (issue 17): role, seniority, required and nice-to-have skills, years, degree, place and pay.

Pure: no Telegram, no SQLite, no clock. `read_job_ad(text, catalog) -> JobAd`; `match(ad, ...) -> JobMatch`.

How an ad is read, in one pass over at most `MAX_CHARS` characters:

1. Lines and sections. The first non-empty line is the title. A heading is told by its shape and its words
   (`sections._heading_line`): short, not a sentence, no figure, and either ending with a colon, marked as a heading
   (markdown '#', '**bold**', emoji or symbols around it, ALL CAPS) or standing alone after a blank line or a
   closed line in heading words; a line naming a skill, or starting with the same symbol as its neighbour (an
   emoji bullet), is an entry. Its words give the section: required (the default: requirements,
   responsibilities, "What you'll be doing"), nice-to-have ("Bonus points", "Desired Qualifications", "You
   might also have", "Our stack") or ignored (company blurb, benefits, pay, how to apply, equal-opportunity
   text). A line that starts with such a label ("Preferred: MLflow") is read in that section on its own.
2. Skills. Phrases are matched by whole tokens, longest first, against the catalog's skill names, ids and
   aliases plus `AD_ALIASES` (words ads use that the catalog lacks: "Hugging Face", "Airflow", "vLLM"...), minus
   `AD_IGNORED` (catalog aliases that mean something else in an ad: "CV" is a résumé, "attention" to detail).
   Tokens are lower-cased and lightly de-pluralised on both sides, so "LLMs", "PyTorch/TensorFlow",
   "MLflow or similar", "A/B testing" and "Spark" all match. A skill followed by a job noun ("ML engineer",
   "NLP team") names a job, not a skill.
3. Each skill mention is then placed by its sentence: dropped in ignored sections, company-blurb sentences
   (about "we"/"our" with nothing asked of the reader), benefit and equal-opportunity sentences, after a
   negation in its clause ("no Kubernetes needed") and in the subject of a degree ("BSc in statistics"); nice to
   have in a nice section, after a leading cue ("Bonus: ...", "Ideally ...", "..., preferably with pandas", up to
   a contrast: "bonus if Airflow, but SQL is a must"), or before a trailing cue in the same clause ("Spark is a
   plus", "(GCP preferred)"); required otherwise. A skill both required and nice
   is required.
4. Regular expressions for years ("3-5 years of experience": the largest minimum asked for, with its upper
   bound), degree (the lowest level asked; preferred when the sentence says so or allows "equivalent
   experience"), work mode, location and salary. Seniority comes from the title, else from the years
   (0-1 junior, 2-4 mid, 5-7 senior, 8+ staff).

Every step is linear in the text: cue regexes run once per sentence and each mention looks at most
`WINDOW` characters around itself.

One module a step: sections (1), skills and index (2), placing (3), requirements, workplace, salary and title (4);
reader.read_job_ad runs them in order; matching and message compare an ad with a learner (docs/ARCHITECTURE.md).
"""

from bot.domain.jobad.matching import JobMatch, SkillMatch, match
from bot.domain.jobad.message import match_message
from bot.domain.jobad.model import MAX_CHARS, DegreeLevel, JobAd, PayPeriod, Salary, Seniority, WorkMode
from bot.domain.jobad.reader import read_job_ad

__all__ = [
    "MAX_CHARS",
    "DegreeLevel",
    "JobAd",
    "JobMatch",
    "PayPeriod",
    "Salary",
    "Seniority",
    "SkillMatch",
    "WorkMode",
    "match",
    "match_message",
    "read_job_ad",
]
