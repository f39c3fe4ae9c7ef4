"""The highest education reached; degrees in progress count one level lower, wished-for and asked-about ones not."""

from __future__ import annotations

import re

from bot.domain.profile import Education
from bot.domain.understanding.clauses import QUESTION_START

_EDU_PATTERNS: list[tuple[Education, re.Pattern[str]]] = [
    (Education.phd, re.compile(r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b|\bdphil\b")),
    (Education.master, re.compile(
        r"\bm\.?sc\b|\bmasters?'?\s*(?:'s|s)?\s*(?:degree|in|of)\b|\bmaster'?s\b|\bmasters\b|\bmba\b|\bmeng\b"
        r"|\bm\.?s\.?\s+(?:in|degree)\b|\bma\s+(?:in|degree)\b|\bmphil\b|\bgraduate\s+degree\b")),
    (Education.bachelor, re.compile(
        r"\bb\.?sc\b|\(\s*b\.?a\.?\s*\)|\bbachelor'?s?\b|\bba\s+(?:in|degree)\b|\bb\.?s\.?\s+(?:in|degree)\b|\bbs\s+(?:in|cs)\b"
        r"|\bbeng\b|\bb\.?tech\b|\bundergrad(?:uate)?\s+degree\b|\b(?:college|university|uni|cs|computer\s+science"
        r"|engineering|math|maths|physics|economics|4[- ]year|biochem\w*|biology|bio|chemistry|chem|statistics|stats"
        r"|finance"
        r"|business|law|psychology|psych|neuroscience|history|english|philosophy|geology|accounting|marketing"
        r"|mechanical|electrical|civil|linguistics|sociology|architecture|nursing|pharmacy)\s+degree\b|\bllb\b"
        r"|\bdegree\s+in\b|\bgraduated\s+(?:from\s+)?"
        r"(?:college|university|uni)\b|\b(?:have|hold|got|with)\s+a\s+degree\b|\b(?:college"
        r"|university|comp\s*sci|cs|computer\s+science|engineering|math|physics|economics)\s+grad(?:uate)?\b")),
    (Education.bachelor, re.compile(r"\b(?:ba|bs|b\.a\.|b\.s\.)\s+(?:english|history|economics|econ|math|maths|physics"
                                    r"|biology|bio|chemistry|psychology|philosophy|politics|sociology|linguistics"
                                    r"|finance|business|accounting|statistics|stats|literature|geography|law"
                                    r"|journalism|marketing|music|art|french|spanish|german|japanese|chinese)\b")),
    (Education.bootcamp, re.compile(r"\bboot\s?-?camps?\b")),
    (Education.bachelor, re.compile(r"\b(?:university|college|uni|undergrad\w*|engineering|cs|computer\s+science|maths?"
                                    r"|physics|economics|econ|chemistry|biology|stats|statistics|business|finance"
                                    r"|accounting|psychology|law|history|english|philosophy|biochem\w*|medical|med"
                                    r"|nursing|architecture|linguistics)(?=\s+student\b)")),
    (Education.high_school, re.compile(
        r"(?<!teach\s)\bhigh\s?school\b(?!\s+(?:teacher|teachers|kids|students|math|maths|physics|chemistry|biology|"
        r"english|history|science|computer|geography|music|art|french|spanish))"
        r"|\bsecondary\s+school\b(?!\s+(?:teacher|teachers|kids|students|math|maths|physics|chemistry|biology|english"
        r"|history|science))|\bged\b"
        r"|\ba[- ]levels?\b|\bno\s+(?:college|university|uni)\b|\bdropped\s+out\s+of\s+(?:college|university|uni)"
        r"|\b(?:college|uni|university)\s+drop\s?-?out\b"
        r"|\bdidn'?t\s+(?:finish|complete)\s+(?:college|university|uni)")),
    (Education.none, re.compile(
        r"\bno\s+(?:formal\s+)?(?:degree|diploma|education|qualifications?)\b(?!\s+in\b)"
        r"|\bwithout\s+(?:a\s+)?(?:degree|diploma)"
        r"\b|\b(?:don'?t|do\s+not)\s+have\s+(?:a\s+|any\s+)?(?:degree|diploma)\b|\bnever\s+went\s+to\s+(?:college|"
        r"university|uni)\b|\bnot\s+(?:a\s+)?(?:college|university)\s+(?:grad|graduate)\b")),
]
_EDU_RANK = [Education.none, Education.high_school, Education.bootcamp, Education.bachelor, Education.master,
             Education.phd]
_EDU_BELOW = {Education.phd: Education.master, Education.master: Education.bachelor,
              Education.bachelor: Education.high_school}
_EDU_GOAL = re.compile(r"\b(?:want|wanna|plan|planning|thinking|think|consider\w*|open\s+to|going\s+to|will|should\s+i"
                       r"|apply|applying|get\s+(?:a|an|my)|start|join|enrol\w*|enroll\w*|maybe|might|looking\s+at|looking"
                       r"\s+for|recommend|worth|instead\s+of|or\s+a|vs)\b[^.,;]{0,30}$")
_EDU_PROGRESS = re.compile(r"\b(?:studying|doing|pursuing|working\s+on|currently\s+in|enrolled\s+in|finishing|"
                           r"in\s+my\s+\w+\s+year\s+of|after\s+my|once\s+i\s+finish\s+my|finishing\s+my"
                           r"|halfway\s+through|(?:1st|2nd|3rd|4th|first|second|third)\s+year)"
                           r"\b[^.,;]{0,20}$")
_EDU_NEG = re.compile(r"\b(?:don'?t|do\s+not|never|didn'?t)\s*$|\b(?:no|not|no\s+(?:to|for|on)|nah\s+(?:to|for)"
                      r"|don'?t\s+have\s+(?:a|an)|without\s+"
                      r"(?:a|an)|never\s+(?:did|got|finished)\s+(?:a|an|my)?|didn'?t\s+(?:do|get|finish)\s+(?:a"
                      r"|an|my)?)\s*$")


_WORKPLACE_BEFORE = re.compile(r"\b(?:teach\w*|work\w*|job|employed)\b[^.,;!?]{0,25}?\s(?:at|in|for)\s+(?:an?\s+|the\s+"
                               r"|local\s+)?$|\b(?:teacher|teachers|teaching|counsel+or|principal|staff|tutor)\s+"
                               r"(?:(?:at|in)\s+(?:an?\s+|the\s+|local\s+)?)?$")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
_STATES_OWN = re.compile(r"\b(?:i\s+have|i've|ive|i\s+got|i'm|im|i\s+am|i\s+did|i\s+finished|i\s+hold|my)\b")


def blank_questions(num: str) -> str:
    """The text with its questions blanked ("whats a phd", "do I need a master's?"): they state nothing."""
    if "?" not in num and not QUESTION_START.match(num):
        return num
    out = []
    for sentence in _SENTENCE.finditer(num):
        piece = sentence.group(0)
        asked = piece.rstrip().endswith("?") or QUESTION_START.match(piece)
        out.append(" " * len(piece) if asked and not _STATES_OWN.search(piece) else piece)
    return "".join(out) if sum(map(len, out)) == len(num) else num


def read_education(num: str) -> Education | None:
    """Highest education reached; degrees in progress count one level lower, wished-for ones not at all."""
    found: list[Education] = []
    for level, pattern in _EDU_PATTERNS:
        for m in pattern.finditer(num):
            pre = num[max(0, m.start() - 45) : m.start()]
            post = num[m.end() : m.end() + 12]
            if level not in {Education.none, Education.high_school} and _EDU_NEG.search(pre):
                continue
            if level is Education.high_school and _WORKPLACE_BEFORE.search(pre):
                continue  # "math teacher high school", "I teach at a high school": where the learner works
            if level is not Education.none and _EDU_GOAL.search(pre) and not re.search(r"\b(?:did|finished|completed|"
                                                                                      r"graduated|have|got)\b", pre):
                continue
            reached: Education | None = level
            later = num[m.end() : m.end() + 30]
            in_progress = re.match(r"\s*(?:student|candidate|senior|junior|sophomore|freshman|pupil)\b", post) or (
                re.match(
                r"[^.;]{0,20}?\b(?:final|1st|2nd|3rd|4th|first|second|third|fourth)[- ]year\b|\s*\(?\s*(?:in\s+progress"
                r"|ongoing|not\s+finished|unfinished)", later))
            if _EDU_PROGRESS.search(pre) or in_progress:
                reached = _EDU_BELOW.get(level)
            if reached is not None:
                found.append(reached)
    for m in _UNDERGRAD_NOW.finditer(num):
        if not _UNDERGRAD_PAST.search(num[max(0, m.start() - 30) : m.start()]) and not _EDU_GOAL.search(
                num[max(0, m.start() - 45) : m.start()]):
            found.append(Education.high_school)  # a bachelor's in progress: the level below it is reached
        elif _UNDERGRAD_PAST.search(num[max(0, m.start() - 30) : m.start()]) and "major" in m.group(0):
            found.append(Education.bachelor)  # "I was a math major"
    if not found:
        return None
    return max(found, key=_EDU_RANK.index)


# An undergraduate now: "sophomore", "cs major", "econ undergrad", "junior year of college".
_UNDERGRAD_NOW = re.compile(r"\b(?:sophomore|freshman|(?:junior|senior)\s+year\s+(?:of|at|in)\s+(?:college|uni"
                            r"|university)|[a-z]+\s+major(?!\s+(?:in\s+)?(?:change|problem|issue|reason|concern"
                            r"|company|companies|player|step|part|role|project)s?\b)|majoring\s+in"
                            r"|undergrad(?:uate)?(?!\s+(?:degree|in\s+\d)))\b")
_UNDERGRAD_PAST = re.compile(r"\b(?:was|were|former|ex|used\s+to\s+be|graduated|back\s+in|when\s+i\s+was"
                             r"|during\s+my|finished)\b[^.;,]{0,20}$")


# Subjects people name next to a degree without "in" ("PhD physics", "CS degree", "math major"), and the short
# forms written out. With "in"/"of" ("degree in marine biology") the subject is taken as written.
_FIELD_SHORT = {"stats": "statistics", "stat": "statistics", "cs": "computer science", "compsci": "computer science",
                "comp sci": "computer science", "math": "mathematics", "maths": "mathematics", "econ": "economics",
                "econs": "economics", "bio": "biology", "biochem": "biochemistry", "chem": "chemistry",
                "ee": "electrical engineering",
                "eee": "electrical and electronic engineering", "mech eng": "mechanical engineering",
                "psych": "psychology", "poli sci": "political science", "polisci": "political science",
                "it": "information technology", "cse": "computer science and engineering", "ml": "machine learning",
                "ai": "artificial intelligence", "economy": "economics", "statistic": "statistics",
                "economic": "economics", "mathematic": "mathematics", "english lit": "english literature",
                "lit": "literature"}
_FIELDS = (r"physics|astrophysics|mathematics|applied\s+math(?:ematics|s)?|maths?|statistics|stats?|computer\s+science"
           r"|comp\s*sci|cs|cse|economics|econs?|finance|accounting|biology|bio|biochemistry|bioinformatics"
           r"|neuroscience|criminology|biochem|chemistry|chem|chemical\s+engineering|mechanical\s+engineering|mech\s+eng"
           r"|electrical\s+engineering|civil\s+engineering|engineering|ee|eee|psychology|psych|linguistics"
           r"|philosophy|history|law|medicine|pharmacy|geology|geography|sociology|political\s+science|poli\s*sci"
           r"|business|marketing|management|journalism|english\s+lit(?:erature)?|english|literature|music|architecture|nursing"
           r"|data\s+science|machine\s+learning|ml|ai|information\s+technology|it|information\s+systems"
           r"|economy|criminology|computational\s+biology|operations\s+research|genetics|ecology|astronomy|materials\s+science|anthropology|education"
           r"|environmental\s+science|agriculture|biomedical\s+engineering|aerospace\s+engineering")
_DEGREE = (r"ph\.?\s?d|doctorate|dphil|m\.?sc|m\.?s|m\.?a|mba|meng|mphil|masters?|master'?s|b\.?sc|b\.?s|b\.?a|beng"
           r"|b\.?tech|bachelor'?s?|degree|diploma|major|undergrad(?:uate)?|grad(?:uate)?")
_STOP_FIELD = re.compile(r"\b(?:and|but|from|at|with|while|so|then|now|since|in|for|because|which|who|i|my|also"
                         r"|or|to|graduated|finished|currently|working|want|years?|yrs?|right|last|this|next|today|back|during|\d)\b")
_FIELD_OF = re.compile(r"\b(?:" + _DEGREE + r")\s+(?:degree\s+|student\s+|candidate\s+|program(?:me)?\s+)?"
                       r"(?:in|of)\s+(?P<f>[a-z][a-z&' -]{1,40})")
_FIELD_AFTER = re.compile(r"\b(?:" + _DEGREE + r")\s*(?:,\s*|\(\s*|:\s*|-\s*)?(?P<f>" + _FIELDS + r")\b(?!\s+(?:"
                          + _DEGREE + r")\b)")
_FIELD_STUDIED = re.compile(r"\b(?:studied|majored\s+in|graduated\s+in)\s+(?P<f>" + _FIELDS + r")\b")
_FIELD_BEFORE = re.compile(r"\b(?P<f>" + _FIELDS + r")\s+(?:" + _DEGREE + r")\b")


def _clean_field(said: str) -> str | None:
    """The subject as the profile keeps it: lower case, cut at the first word that ends it, short forms written out."""
    words: list[str] = []
    for word in said.split():
        if _STOP_FIELD.fullmatch(word.strip(",.;:!?()")) or not re.fullmatch(r"[a-z&'-]+[,.;:!?)]*", word):
            break
        words.append(word.strip(",.;:!?()"))
        if word != word.rstrip(",.;:!?)"):
            break  # a subject never runs across a comma or a sentence
    subject = " ".join(words[:4]).strip(" -&'")
    if not subject or subject in {"a", "an", "the", "some", "progress", "science", "it", "this", "that", "something"}:
        return None
    return _FIELD_SHORT.get(re.sub(r"\s+", " ", subject), subject)


def read_field_of_study(num: str) -> str | None:
    """The subject of the highest degree said ("PhD in physics", "MSc stats", "CS degree"); wished-for ones not."""
    found: list[tuple[int, str]] = []
    for pattern in (_FIELD_OF, _FIELD_AFTER, _FIELD_BEFORE, _FIELD_STUDIED):
        for m in pattern.finditer(num):
            if _EDU_GOAL.search(num[max(0, m.start() - 45) : m.start()]) or _EDU_NEG.search(
                    num[max(0, m.start() - 45) : m.start()]):
                continue  # "want a master's in AI", "no degree in anything": no subject studied
            degree = num[m.start() : m.end()]
            level = next((_EDU_RANK.index(lv) for lv, p in _EDU_PATTERNS if p.search(degree)), 3)
            subject = _clean_field(m.group("f"))
            if subject:
                found.append((level, subject))
    if not found:
        return None
    return max(found, key=lambda f: f[0])[1]  # the highest degree's subject; the first said among equals
