"""Whose words: other people's clauses and quoted adverts are blanked before anything is read."""

from __future__ import annotations

import re

from bot.domain.reading import lower_aligned

# Someone else is the subject: their skills, job and plans are not the learner's.
_OTHER_SUBJECT = re.compile(
    r"\ba\s+(?:friend|buddy|colleague|coworker|recruiter|mentor|teacher|professor|manager)\s+(?:of\s+mine\s+)?"
    r"(?:told|tells|said|says|thinks|suggested|recommended|who|advised)\b"
    r"|\b(?:my|our|his|her|their)\s+(?:best\s+|older\s+|younger\s+|close\s+|old\s+)?(?:friend|friends|buddy|mate|"
    r"students|pupils|clients|customers|users|children|"
    r"partner|wife|husband|boyfriend|girlfriend|fiance|fiancee|spouse|brother|sister|sibling|colleague|colleagues|"
    r"coworker|coworkers|co-worker|boss|manager|mentor|dad|father|mom|mum|mother|parents?|cousin|uncle|aunt|"
    r"roommate|flatmate|son|daughter|kid|kids|team|teammate|teammates|classmate|classmates|neighbou?r|recruiter|"
    r"recruiters|professor|teacher|tutor|coach|uncle|"
    r"ex|lead|cto|ceo|tech\s+lead)\b"
    r"|\b(?:he|she|they)\s+(?:is|was|are|were|knows?|knew|has|have|had|uses?|used|works?|worked|wants?|said|says|"
    r"told|thinks?|'s|'re|also|already|just|does|did|got|gets|learned|learnt|studied|codes?)\b"
    r"|\b(?:the|this|that|a|one|their)\s+(?:job\s+)?(?:ad|advert|advertisement|posting|post|listing|offer|"
    r"description|jd|spec|vacancy|opening)\b"
    r"|\b(?:the|this|that)\s+(?:course|bootcamp|program|programme|syllabus|curriculum|book)\s+(?:says|covers|teaches|"
    r"requires|asks|lists|includes|promises|mentions|uses|is)\b"
    r"|\b(?:they|it|the\s+role|the\s+job|the\s+position|companies|employers|recruiters|people|everyone|job\s+ads)\s+"
    r"(?:requires?|wants?|asks?\s+for|lists?|needs?|expects?|prefers?|mentions?|say\s+you\s+need)\b"
)
# A first-person clause ends the other person's words: "my friend knows PyTorch but I only know Python".
_FIRST_PERSON = re.compile(r"(?:[,;:]\s*|\b(?:but|and|while|whereas|though|although|so|meanwhile)\s+|^\s*)"
                           r"(?:i|i'm|im|i've|ive|i'd|i'll|me|myself|my\s+own)\b"
                           r"|(?<!told\s)(?<!tells\s)(?<!telling\s)(?<!advised\s)(?<!reminds\s)\bme\b")
SENTENCE_STOP = re.compile(r"[.!?;\n]")
_QUOTED = re.compile(r"\"[^\"]{15,}\"")


def mask_others(text: str) -> str:
    """The text with other people's words blanked (same length): third parties, quoted ads."""
    low = lower_aligned(text)
    chars: list[str] | None = None
    masked_to = -1
    for m in [*_QUOTED.finditer(low), *_OTHER_SUBJECT.finditer(low)][:100]:
        start = m.start()
        if start < masked_to:
            continue
        if m.re is _QUOTED:
            end = m.end()
        else:
            stop = SENTENCE_STOP.search(low, m.end())
            end = stop.start() if stop else len(low)
            first = _FIRST_PERSON.search(low, m.end(), end)
            if first:
                end = first.start()
            # "like my friend" / "same as my dad": a comparison keeps the learner's own sentence.
            if re.search(r"\b(?:like|as|than|with|for|to|from)\s*$", low[max(0, start - 8) : start]):
                continue
        if chars is None:
            chars = list(text)
        chars[start:end] = " " * (end - start)
        masked_to = max(masked_to, end)
    return text if chars is None else "".join(chars)
