"""Catalog phrases found in a message (exact, short forms, typos) and tools outside the catalog."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.domain.understanding.matcher import Matcher, Target
from bot.domain.understanding.text import TOKEN
from bot.domain.understanding.vocabulary import (
    COMMON_WORDS,
    FUNCTION_WORDS,
    OTHER_CASED,
    OTHER_PHRASES,
    OTHER_TECH,
    SHORT_LOWER_OK,
)


@dataclass
class Mention:
    """A catalog phrase found in the text."""

    start: int
    end: int
    text: str  # as written
    targets: set[Target]
    fuzzy: bool
    weak: bool
    segment: int = 0
    mode: str = "neutral"  # neutral, know, list, neg, learn, ask, cert
    depth: str | None = None
    in_job: bool = False  # inside the current job title ("Java dev"): the learner works with it

    def kinds(self) -> set[str]:
        """Kinds of entry the phrase may name."""
        return {t.kind for t in self.targets}

    def ids(self, kind: str) -> list[str]:
        """Ids of one kind the phrase names, sorted for determinism."""
        return sorted(t.id for t in self.targets if t.kind == kind)


def find_mentions(text: str, low: str, matcher: Matcher) -> list[Mention]:
    """Longest exact phrase at each token, then fuzzy matches for the tokens left over."""
    tokens = [(t.start(), t.end(), t.group(0)) for t in TOKEN.finditer(low)]
    mentions: list[Mention] = []
    covered = [False] * len(tokens)
    corrected, fixed = _role_word_typos(tokens, matcher)
    _exact_mentions(text, low, corrected, matcher, mentions, covered, fixed)
    _fuzzy_mentions(text, tokens, matcher, mentions, covered)
    mentions.sort(key=lambda m: m.start)
    return mentions


# Words a letter or two off a role word that are words of their own ("engine", "analyse", "developed").
_NEAR_ROLE_WORDS = frozenset({"engine", "engines", "analyse", "analyze", "analysis", "analyses", "science",
                              "sciences", "research", "searcher", "develop", "develops", "machines", "learned",
                              "learner", "learners", "leaning", "earning", "yearning", "scientists", "engineers",
                              "analysts", "researchers", "developers", "engineered", "visions", "divisions"})


def _role_word_typos(tokens: list[tuple[int, int, str]],
                     matcher: Matcher) -> tuple[list[tuple[int, int, str]], set[int]]:
    """The tokens with typos of role words corrected ("enginer" -> "engineer"), and the indexes corrected.

    Only a word no catalog phrase uses, of six letters or more, with the role word's first letter, one letter off
    (two from nine letters on) and without another word's ending ("developed" is no "developer") is corrected;
    the correction counts only where it completes a role's name (see `_exact_mentions`).
    """
    out, fixed = list(tokens), set()
    seen: dict[str, str | None] = {}
    for i, (start, end, word) in enumerate(tokens[:400]):
        if len(word) < 6 or not word.isalpha() or word in matcher.words or word in COMMON_WORDS \
                or word in _NEAR_ROLE_WORDS:
            continue
        if word not in seen:
            choices = matcher.role_words.get(word[0], [])
            limit = 1 if len(word) <= 8 else 2
            best = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=limit) if choices else None
            seen[word] = best[0] if best and not _other_ending(word, best[0]) else None
        if seen[word]:
            out[i] = (start, end, seen[word] or word)
            fixed.add(i)
    return out, fixed


def _other_ending(word: str, role_word: str) -> bool:
    """The word ends like an inflection the role word does not have ("developed" vs "developer")."""
    return any(word.endswith(e) and not role_word.endswith(e) for e in ("ed", "ing", "ly", "al", "ive", "ment"))


def _exact_mentions(text: str, low: str, tokens: list[tuple[int, int, str]], matcher: Matcher,
                    mentions: list[Mention], covered: list[bool], fixed: set[int] | None = None) -> None:
    """The longest catalog phrase at each token, left to right; its tokens are covered.

    A phrase read through a corrected typo (`fixed`) counts only when it names a role in two words or more, and
    is a guess (fuzzy: asked back).
    """
    fixed = fixed or set()
    i = 0
    while i < len(tokens):
        found = None
        for n in matcher.lengths.get(tokens[i][2], ()):
            if i + n > len(tokens):
                continue
            key = tuple(t[2] for t in tokens[i : i + n])
            targets = matcher.phrases.get(key)
            original = text[tokens[i][0] : tokens[i + n - 1][1]]
            typo = any(k in fixed for k in range(i, i + n))
            if typo and (n < 2 or not targets or not any(t.kind == "role" for t in targets)):
                continue
            if targets and _short_ok(key, original, low, tokens[i][0], matcher.short_forms):
                found = (n, targets, typo)
                break
        if found:
            n, targets, typo = found
            start, end = tokens[i][0], tokens[i + n - 1][1]
            weak = n == 1 and tokens[i][2] in COMMON_WORDS
            mentions.append(Mention(start, end, text[start:end], set(targets), typo, weak))
            for k in range(i, i + n):
                covered[k] = True
            i += n
        else:
            i += 1


def _fuzzy_mentions(text: str, tokens: list[tuple[int, int, str]], matcher: Matcher,
                    mentions: list[Mention], covered: list[bool]) -> None:
    """Typos: trigrams, bigrams, then single words among the uncovered tokens (each distinct query once)."""
    seen: dict[str, Any] = {}
    plain = [t[2] for t in tokens]
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            # Cheap tests first: most n-grams start or end with a function word.
            if n > 1 and (plain[i] in FUNCTION_WORDS or plain[i + n - 1] in FUNCTION_WORDS):
                continue
            if n == 1 and (plain[i] in COMMON_WORDS or not plain[i].isalpha()):
                continue
            if covered[i] or covered[i + n - 1] or (n == 3 and covered[i + 1]):
                continue
            phrase = _fuzzy_phrase(" ".join(plain[i : i + n]), n, matcher, seen)
            if phrase is None:
                continue
            start, end = tokens[i][0], tokens[i + n - 1][1]
            mentions.append(Mention(start, end, text[start:end], set(matcher.phrases[phrase]), True, False))
            for k in range(i, i + n):
                covered[k] = True


def _fuzzy_phrase(query: str, n: int, matcher: Matcher, seen: dict[str, Any]) -> tuple[str, ...] | None:
    """The catalog phrase of `n` words a few letters off the query (not equal to it), or None."""
    if len(query) < 6:
        return None
    choices = matcher.fuzzy.get(query[0])
    if not choices:
        return None
    # About one slip per word: "machin lerning enginer" is three letters off a three-word name.
    limit = 1 if len(query) <= 8 else 3 if n == 3 and len(query) >= 18 else 2
    if query in seen:
        best = seen[query]
    else:
        best = seen[query] = process.extractOne(query, choices, scorer=OSA.distance, score_cutoff=limit)
    if best is None or best[1] == 0:
        return None
    phrase: tuple[str, ...] = matcher.by_joined[best[0]]
    if len(phrase) != n or abs(len(best[0]) - len(query)) > limit:
        return None
    for said, meant in zip(query.split(), phrase, strict=False):
        if said != meant and (said in _NEAR_ROLE_WORDS or _other_ending(said, meant)):
            return None  # "an AI developed by ...": a word of its own, not a typo of "developer"
    return phrase


def _short_ok(key: tuple[str, ...], original: str, low: str, start: int, short_forms: set[str]) -> bool:
    """Aliases of one or two letters need upper case or the catalog's spelling ("R", "Go") unless safe ("ml")."""
    if len(key) != 1 or len(key[0]) > 2:
        return True
    word = key[0]
    if word == "cv":
        # "my CV", "CV writing" is a résumé, not computer vision.
        before = low[max(0, start - 8) : start]
        after = low[start + 2 : start + 20]
        if re.search(r"\b(?:my|your|a|the|our)\s+$", before) or re.match(
            r"\s+(?:writing|review|and cover|and resume|template|update)", after
        ):
            return False
    if word in SHORT_LOWER_OK:
        return True
    if low[start + len(word) : start + len(word) + 1] in {"&", "'"}:
        return False
    return original.isupper() or original in short_forms
_OTHER_PHRASE_RE = re.compile(
    r"(?<![\w.#+])(?:" + "|".join(p.replace(" ", r"\s+") for p in OTHER_PHRASES) + r")(?![\w#+])")
_OTHER_TOKEN = re.compile(r"(?<![\w.#+])(?:[a-z][a-z0-9]*(?:\.(?:js|net))?|\.net|c#|next\.js)(?![\w#+$])")


_JOINER_BEFORE = re.compile(r"(?:,|\band|\bor|&|/|\+)\s*$")
_JOINER_AFTER = re.compile(r"^\s*(?:,|and\b|or\b|&|/|\+)\s*")


def _in_tech_list(low: str, token: re.Match[str], covered: list[tuple[int, int]]) -> bool:
    """A plain-English tool name written in lower case ("go") is a tool when listed next to another tool.

    "mostly java and go", "go, rust": the neighbour across a comma or "and" is a catalog skill or another tool.
    """
    ends = {e for _, e in covered}
    starts = {s for s, _ in covered}
    for other in _OTHER_TOKEN.finditer(low, max(0, token.start() - 30), min(len(low), token.end() + 30)):
        if other.start() != token.start() and other.group(0) in OTHER_TECH and other.group(0) not in OTHER_CASED:
            ends.add(other.end())
            starts.add(other.start())
    before = _JOINER_BEFORE.search(low, max(0, token.start() - 8), token.start())
    if before and low[: before.start()].rstrip() and len(low[: before.start()].rstrip()) in ends:
        return True
    after = _JOINER_AFTER.match(low[token.end() : token.end() + 8])
    return after is not None and token.end() + after.end() in starts


def other_mentions(text: str, low: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of tools outside the vocabulary, where no catalog phrase already covers the words."""
    covered = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for p in list(_OTHER_PHRASE_RE.finditer(low))[:10]:
        if not any(s < p.end() and e > p.start() for s, e in covered):
            tool = OTHER_PHRASES[" ".join(p.group(0).split())]
            out.append(Mention(p.start(), p.end(), text[p.start() : p.end()], {Target("other", tool)}, False, False))
            covered.append((p.start(), p.end()))
    for t in _OTHER_TOKEN.finditer(low):
        word = t.group(0)
        name = OTHER_TECH.get(word)
        if name is None:
            continue
        cased = OTHER_CASED.get(word)
        if cased is not None and text[t.start() : t.end()] not in cased and not _in_tech_list(low, t, covered):
            continue
        if any(s < t.end() and e > t.start() for s, e in covered):
            continue
        out.append(Mention(t.start(), t.end(), text[t.start() : t.end()], {Target("other", name)}, False, False))
        if len(out) >= 30:
            break
    return out
