"""Telegram HTML helpers: escaping and splitting under the limit, never inside a tag or a link."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram.html import esc, link, split_html, strip_tags, tg_len

PIECES = st.one_of(
    st.text(min_size=1, max_size=300).map(esc),
    st.text(min_size=1, max_size=40).map(lambda t: f"<b>{esc(t)}</b>"),
    st.text(min_size=1, max_size=40).map(lambda t: link(t, "https://example.com/a?b=1&c=2")),
    st.just("\n"),
    st.just("\n\n"),
    st.text(min_size=1, max_size=30).map(lambda t: f"<i>{esc(t)}\n{esc(t)}</i>"),
)


def balanced(text: str) -> bool:
    stack: list[str] = []
    for match in re.finditer(r"<(/?)([a-z-]+)[^>]*>", text):
        closing, name = match.groups()
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_escape_neutralises_markup() -> None:
    assert esc('<b>"x" & y</b>') == '&lt;b&gt;"x" &amp; y&lt;/b&gt;'
    assert link("a<b", 'https://x.y/?q="1"') == '<a href="https://x.y/?q=&quot;1&quot;">a&lt;b</a>'
    assert link("text", "javascript:alert(1)") == "text"


def test_short_text_is_one_chunk() -> None:
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]
    assert split_html("   ") == []


def test_split_reopens_formatting_and_keeps_links_whole() -> None:
    body = "<b>" + "\n".join(f"line {i} " + link(f"link {i}", f"https://e.com/{i}") for i in range(400)) + "</b>"
    parts = split_html(body, limit=500)
    assert len(parts) > 5
    for part in parts:
        assert tg_len(part) <= 500 and balanced(part)
        assert part.startswith("<b>") and part.endswith("</b>")
        assert part.count("<a ") == part.count("</a>")
    assert strip_tags("".join(parts)).replace("\n", "") == strip_tags(body).replace("\n", "")


def test_a_huge_word_is_cut_but_never_inside_an_entity() -> None:
    word = "&amp;" * 3000
    parts = split_html(word, limit=1000)
    assert all(tg_len(p) <= 1000 for p in parts)
    assert all(not re.search(r"&[a-z]*$", p) for p in parts)
    assert "".join(parts) == word


def test_emoji_count_as_two_units() -> None:
    text = "😀" * 3000  # 6000 UTF-16 units
    parts = split_html(text)
    assert len(parts) == 2 and all(tg_len(p) <= 4096 for p in parts)


@settings(max_examples=60, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=80), st.integers(min_value=120, max_value=900))
def test_any_mix_splits_safely(pieces: list[str], limit: int) -> None:
    text = "".join(pieces)
    parts = split_html(text, limit=limit)
    for part in parts:
        assert tg_len(part) <= limit
        assert balanced(part), part
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - cuts may move whitespace at the edges
    assert squash(strip_tags("".join(parts))) == squash(strip_tags(text))
