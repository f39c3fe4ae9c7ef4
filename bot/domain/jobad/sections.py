"""Lines, headings and sections of an ad, and the sentences of each section."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

_BULLET = re.compile(r"^[\s\-*#>+=~|]*(?:\d{1,2}[.)]\s+)?[*_]*")
# Heading words, by the kind of section they open. A heading is recognised by its words and its shape (see
# `_heading_line`), never by a list of exact strings: "What you'll be doing", "**You might also have**",
# "## Desired Qualifications", "BONUS POINTS", "Nice to haves 🙌" and "Even better if 💡" are all headings.
_HEAD_NICE = re.compile(
    r"nice|bonus|plus(?:es)?\b|prefer|desir|extra credit|extra points|brownie points|stand out|differential"
    r"|great if|would be great|would love|we'd love|even better|good to have|advantage|tech stack|our stack|^stack"
    r"|tools we use|technologies|\bwe use\b|\bwe work with\b|^(?:our )?(?:tech|tools|toolbox)\b|optional"
    r"|\b(?:might|may|could) also\b|\balso (?:have|bring|know|had)\b|\bideally\b"
    r"|helpful|not required|not essential|not necessary|wish ?list|cherry on top|icing on the cake|a plus\b|impress"
)
_HEAD_IGNORE = re.compile(
    r"^about(?!\s+(?:the\s+)?(?:role|job|you|this|position|team|work|opportunity|the\s+role))|who we are|benefit"
    r"|perk|we offer|what we offer|why |compensation|salary|^pay\b|pay range|how to apply|to apply|apply\b"
    r"|equal|eeo|divers|our values|values\b|culture|location|interview|hiring process|life at|the company"
    r"|our company|company|(?<!your )mission\b(?! is to)|our story|what's in it|in return|package|work setup|logistics"
    r"|contract|^where\b|^when\b|how we work|work(?:ing)? model|remote policy|next steps|^the process"
)
_HEAD_REQ = re.compile(
    r"require|\breq(?:s\b|ui|ir)|qualif|must|need|you have|you are|you bring|you'll|you will|responsib|what we"
    r"|looking for|skills"
    r"|profile|experience|about the role|about you|the role|role|job|do\b|doing|duties|tasks|day to day|expect|ask"
    r"|mission|impact|who you are|essential|minimum|basic|core|ideal candidate|you\b|your|background|succeed"
    r"|work on\b|what it takes|what you'll|competenc|expertise|know-how|(?:we're|we are) after"
)
_INLINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z '&/()-]{1,40}?)\s*:\s*(?=\S)")


def _heading_kind(label: str) -> str | None:
    """'nice', 'ignore', 'required' for a heading text, or None when it is not a known heading."""
    label = label.strip().lower().rstrip(":").strip()
    if not label:
        return None
    if _HEAD_NICE.search(label):
        return "nice"
    if _HEAD_IGNORE.search(label):
        return "ignore"
    if _HEAD_REQ.search(label):
        return "required"
    return None


_SENT_SPLIT = re.compile(r"(?<!e\.g\.)(?<!i\.e\.)(?<!etc\.)(?<!\bvs\.)(?<!\bsr\.)(?<!\bjr\.)(?<=[.!?])\s+|;\s*"
                         r"|\s-\s(?=[a-z0-9])(?!(?:preferred|optional|nice|a plus|bonus|ideally|not required|desirable"
                         r"|helpful|good to have)\b)")  # "Tableau or Looker - preferred": one clause


@dataclass
class Sentence:
    """A sentence of an ad: its span and the kind of section it stands in."""

    start: int
    end: int
    kind: str  # required, nice, ignore


_STARTS_ITEM = re.compile(r"^\s*(?:[-*+>#~=|]|\d{1,2}[.)]\s)")


@dataclass
class _Pass:
    """The state of one pass over the lines of an ad."""

    low: str
    original: str  # the ad before lower-casing (same offsets), for ALL-CAPS headings
    starts: list[int]  # sorted offsets of skill mentions
    firsts: list[str]  # each line's first character, to tell symbol bullets from marks
    sentences: list[Sentence] = field(default_factory=list)
    section: str = "intro"
    title_span: tuple[int, int] = (0, 0)
    seen_title: bool = False
    prev_blank: bool = True
    prev_closed: bool = True
    block: list[int] = field(default_factory=list)  # [start, end, ] of the paragraph being gathered
    block_kind: str = "intro"

    def flush(self) -> None:
        """The paragraph gathered so far becomes sentences."""
        if self.block:
            _split_sentences(self.low, self.block[0], self.block[1], self.block_kind, self.sentences)
            self.block.clear()


def layout(low: str, text: str | None = None, mention_starts: list[int] | None = None,
           ) -> tuple[list[Sentence], int, int, str]:
    """Sentences with their section kind, the title line's span and the text of the title line.

    Lines wrapped inside a paragraph (no closing punctuation, next line not a list item) are read as one.
    Before the first heading the section is "intro": read as required, but company-blurb sentences are dropped.
    `text` (the ad before lower-casing, same offsets) lets ALL-CAPS headings be seen; `mention_starts` (sorted
    offsets of skill mentions) keeps a line that names a skill from being taken for a heading.
    """
    original = text if text is not None and len(text) == len(low) else low
    lines = low.split("\n")
    state = _Pass(low, original, mention_starts or [], [ln.strip()[:1] for ln in lines])
    pos = 0
    for number, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        _read_line(state, number, line, start, end)
    state.flush()
    title_start, title_end = state.title_span
    return state.sentences, title_start, title_end, low[title_start:title_end]


def _read_line(state: _Pass, number: int, line: str, start: int, end: int) -> None:
    """One line: a blank, the title, a heading, or text of the current section."""
    if not line.strip():
        state.flush()
        state.prev_blank = True
        return
    # A heading may follow a blank line, or a line that closed (a list item, a sentence, the title) when it
    # starts with a capital; a wrapped paragraph's next line does neither.
    after_blank = state.prev_blank or (state.prev_closed and state.original[start:end].lstrip(" -*#>_")[:1].isupper())
    state.prev_blank = False
    state.prev_closed = bool(_STARTS_ITEM.match(line)) or line.rstrip().endswith((".", "!", "?", ")", ":"))
    if not state.seen_title and _opens_section(line):
        state.seen_title = True  # no title line: the ad starts with a heading or a labelled line
    if not state.seen_title:
        _read_title(state, line, start, end)
        return
    k = bisect_left(state.starts, start)
    names_skill = k < len(state.starts) and state.starts[k] < end
    following = next((f for f in state.firsts[number + 1 : number + 4] if f), "")
    heading = _heading_line(state.original[start:end], line, after_blank,
                            names_skill or _symbol_bullet(state.firsts, number),
                            bullets_follow=following in ("-", "*", "+"))
    if heading is not None:
        state.flush()
        state.section = heading
        state.prev_closed = True
        return
    _read_text_line(state, line, start, end)


def _read_title(state: _Pass, line: str, start: int, end: int) -> None:
    """The first line is the title; a short or closed one is a paragraph of its own."""
    state.seen_title = True
    state.title_span = (start, end)
    state.prev_closed = True
    state.block[:] = [start, end]
    state.block_kind = "intro"
    if line.rstrip().endswith((".", "!", "?", ":", ")")) or len(line.split()) <= 8:
        state.flush()


def _read_text_line(state: _Pass, line: str, start: int, end: int) -> None:
    """A line of text: in its own section after a label ("Preferred: MLflow"), else continuing its paragraph."""
    body = _BULLET.sub("", line)
    offset = len(line) - len(body)
    line_kind = state.section
    inline = _INLINE.match(body)
    if inline:
        kind = _heading_kind(inline.group("label"))
        if kind == "required" and len(inline.group("label").split()) > 3:
            kind = None
        if kind is not None:
            line_kind = kind
            start = start + offset + inline.end()
    block = state.block
    continues = (block and not inline and not _STARTS_ITEM.match(line)
                 and not state.low[block[0] : block[1]].rstrip().endswith((".", "!", "?", ":", ";")))
    if continues:
        block[1] = end
    else:
        state.flush()
        block[:] = [start, end]
        state.block_kind = line_kind


_KNOWN_HEADINGS = re.compile(
    r"^(?:about(?: [\w&' .-]{1,40})?|requirements|qualifications|responsibilities|benefits|perks|nice to have"
    r"|nice-to-haves?|bonus(?: points)?|preferred qualifications|minimum qualifications|basic qualifications"
    r"|required qualifications|what you'll do|what you will do|what we offer|who we are|who you are|the role"
    r"|your profile|profile|your responsibilities|role summary|you have|you are|must have|good to have"
    r"|our stack|tech stack|the team|what you bring|what we're looking for|what you'll need|differentials"
    r"|compensation|salary|how to apply|equal opportunity|skills|pluses|in this role you will|you will)$"
)


_ITEM = re.compile(r"^\s*(?:[-+]|\*(?!\*)|\d{1,2}[.)])\s")  # a list item, not a heading ("**Bold**" is not one)
_EDGE = re.compile(r"^[^\w'(]+|[^\w'):?!]+$")  # marks around a heading: bullets, markdown, emoji, arrows
_SENTENCE_INSIDE = re.compile(r"[.!?;]\s+\S|[.,;]$")


def _symbol_bullet(firsts: list[str], k: int) -> bool:
    """A line starting with a symbol that the nearest non-blank line before or after also starts with ("🔹 ...")
    is a list item, not an emoji-marked heading."""
    first = firsts[k]
    if not first or first.isalnum() or first in "#*_'(>":  # markdown and quote marks start every line alike
        return False
    # Index walks, not slices: a slice copies the rest of the list for every line (quadratic on long ads).
    before = k - 1
    while before >= 0 and not firsts[before]:
        before -= 1
    after = k + 1
    while after < len(firsts) and not firsts[after]:
        after += 1
    return (before >= 0 and firsts[before] == first) or (after < len(firsts) and firsts[after] == first)


def _heading_line(raw: str, low: str, after_blank: bool, names_skill: bool, bullets_follow: bool = False,
                  ) -> str | None:
    """The section kind a line opens when it is a heading ('required' for one of unknown words), else None.

    A heading is short (at most 60 characters and 8 words), is not a sentence, and either ends with a colon,
    or is marked as a heading (markdown '#', wrapped in '**' or '__', emoji or symbols around it, ALL CAPS),
    or stands alone after a blank line in heading words ("You might also have"). Only a colon heading may name
    a skill ("Python skills:") or a figure: a line with either is otherwise a list item without a bullet, as is a
    line whose leading symbol starts its neighbour too ("🔹 Experience mentoring" is a bullet, not a heading).
    """
    stripped = raw.strip()
    if not stripped or len(stripped) > 120:
        return None  # long lines are never headings: checking that first keeps the regexes below on short text
    numbered = re.match(r"^\d{1,2}[.)]\s+", stripped)
    if numbered and bullets_follow and not names_skill:
        # "1. Responsibilities" over "- ..." items: a numbered heading; a numbered line among numbered ones is an item.
        kind = _heading_kind(stripped[numbered.end() :].rstrip(":"))
        return kind if kind is not None and len(stripped.split()) <= 6 else None
    if _ITEM.match(stripped) and not stripped.startswith("**"):
        return None
    if stripped.rstrip("*_ ").endswith((".", ",", ";")):
        return None  # a sentence or a list entry, not a heading
    clean = _EDGE.sub("", low.strip()).strip()
    colon = stripped.rstrip("*_ ").endswith(":") or clean.endswith(":")
    clean = clean.rstrip(":").strip().strip("*_").strip()
    if not clean or len(clean) > 60 or len(clean.split()) > 8 or _SENTENCE_INSIDE.search(clean) or ":" in clean:
        return None  # a colon inside is a labelled line ("Location: Berlin"), read by _INLINE
    kind = _heading_kind(clean)
    if colon:
        return kind or "required"
    if names_skill or re.search(r"\d", clean):
        return None  # "3+ years of experience" is an entry; a heading has no figures
    letters = [c for c in stripped if c.isalpha()]
    caps = len(letters) >= 4 and all(c.isupper() for c in letters)
    marked = (stripped.startswith("#") or bool(re.match(r"^(\*\*|__).+(\*\*|__)$", stripped))
              or bool(re.match(r"^[^\w\s'\-*#>(]", stripped)) or bool(re.search(r"[^\w\s'.,:;!?)*_\-]$", stripped)))
    if marked:
        return kind or "required"
    if (caps or after_blank) and kind is not None:
        return kind
    return None


def _opens_section(line: str) -> bool:
    """True for a heading line or a line that starts with a known label ("Requirements: ...")."""
    body = _BULLET.sub("", line).strip().strip("*_").strip()
    if len(body) <= 120:  # only short lines are headings; _EDGE on a long run of symbols would backtrack
        head = _EDGE.sub("", body).strip().strip("*_").strip()
        if len(head) <= 60 and (head.endswith(":") or _known_heading(head)):
            return True
    inline = _INLINE.match(body)
    return inline is not None and _heading_kind(inline.group("label")) is not None


def _known_heading(line: str) -> bool:
    """A line that is one of the usual heading texts."""
    return bool(_KNOWN_HEADINGS.match(line.rstrip(":").strip()))


def _split_sentences(low: str, start: int, end: int, kind: str, out: list[Sentence]) -> None:
    """Append the sentences of low[start:end], all of one section kind."""
    s = start
    for m in _SENT_SPLIT.finditer(low, start, end):
        if m.start() > s:
            out.append(Sentence(s, m.start(), kind))
        s = m.end()
    if end > s:
        out.append(Sentence(s, end, kind))
