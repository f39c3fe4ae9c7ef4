"""Offset-keeping text preparation of an ad: punctuation, styled letters, lower case, tokens and light stems."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.domain.reading import lower_aligned

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "−": "-",
                            "\u00a0": " ", "•": "-", "·": "-", "▪": "-", "●": "-", "\t": " ", "\r": "\n"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"[^\W_]+(?:[.'&][^\W_]+)*(?:\+\+|#)?|[&/]")


def spaced(pattern: str) -> str:
    """The pattern with every space matching any run of white space (ads wrap lines anywhere)."""
    return pattern.replace(" ", r"\s+")


# "𝗡𝗶𝗰𝗲 𝘁𝗼 𝗵𝗮𝘃𝗲" (mathematical bold, as social-media posts style headings) and fullwidth "Ｐｙｔｈｏｎ": each such
# character is one plain letter or digit under NFKC, so replacing them keeps every offset.
_FANCY = re.compile("[\U0001D400-\U0001D7FF\uFF01-\uFF5E]")


def _plain_char(m: re.Match[str]) -> str:
    """A styled letter ("𝗡", "Ｐ") as its plain letter, when that is one character."""
    plain = unicodedata.normalize("NFKC", m.group(0))
    return plain if len(plain) == 1 else m.group(0)


def prepare(text: str) -> str:
    """Normalise punctuation without changing lengths (offsets into the result stay valid for the lower case)."""
    return _CONTROL.sub(" ", _FANCY.sub(_plain_char, text).translate(_TRANSLATE))


def stem(token: str) -> str:
    """Light plural stripping, applied alike to phrases and text ("LLMs" -> "llm", "pipelines" -> "pipeline")."""
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "'s")):
        return token[:-3] + "y" if token.endswith("ies") and len(token) > 4 else token[:-1]
    return token


def tokens(phrase: str) -> tuple[str, ...]:
    """The stemmed token tuple of a phrase, without the "&" and "/" separators."""
    low = lower_aligned(prepare(phrase))
    return tuple(stem(t.group(0)) for t in _TOKEN.finditer(low) if t.group(0) not in {"&", "/"})


@dataclass
class Tok:
    """A token of an ad: its span and its stemmed lower-case word."""

    start: int
    end: int
    word: str  # stemmed lower case; "&" and "/" kept as separators


def scan(text: str, low: str) -> list[Tok]:
    """The tokens of the lower-cased ad, separators included."""
    return [Tok(m.start(), m.end(), stem(m.group(0))) for m in _TOKEN.finditer(low)]
