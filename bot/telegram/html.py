"""Telegram HTML: escaping, and splitting long texts under the 4,096-character limit safely."""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

# A whole link is one unbreakable atom; any other tag is an atom of its own; text runs between them.
_TOKEN = re.compile(r"(<a\s[^>]*>.*?</a>)|(<[^>]+>)|([^<]+)", re.DOTALL)
_OPEN = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>")
_CLOSE = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")


def esc(value: object) -> str:
    """Escape any user or catalog text for Telegram's HTML parse mode."""
    return html.escape(str(value), quote=False)


def bold(value: object) -> str:
    """Escaped text in bold."""
    return f"<b>{esc(value)}</b>"


def italic(value: object) -> str:
    """Escaped text in italics."""
    return f"<i>{esc(value)}</i>"


def link(label: object, url: str) -> str:
    """An escaped link; only http(s) URLs become links, anything else stays plain text."""
    if not url.startswith(("https://", "http://")):
        return esc(label)
    return f'<a href="{html.escape(url, quote=True)}">{esc(label)}</a>'


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def strip_tags(text: str) -> str:
    """The visible text of an HTML message (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _atoms(text: str) -> list[tuple[str, str]]:
    """(kind, piece) with kind 'link' | 'tag' | 'text'; text runs are cut after every newline."""
    out: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        linked, tag, run = match.groups()
        if linked is not None:
            out.append(("link", linked))
        elif tag is not None:
            out.append(("tag", tag))
        else:
            out.extend(("text", line) for line in re.split(r"(?<=\n)", run) if line)
    return out


def _cut_text(run: str, room: int) -> tuple[str, str]:
    """Cut a text run to at most `room` units, preferring a space and never inside an entity."""
    head = run[:room]
    while tg_len(head) > room:
        head = head[:-1]
    space = head.rfind(" ")
    if space > room // 2:
        head = head[: space + 1]
    # Do not leave a half entity (&am|p;) at the cut.
    amp = head.rfind("&")
    if amp != -1 and ";" not in head[amp:] and _ENTITY.match(run, amp):
        head = head[:amp]
    if not head:  # room too small for anything sensible: take one character (or entity)
        entity = _ENTITY.match(run)
        head = entity.group(0) if entity else run[0]
    return head, run[len(head):]


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split Telegram HTML into chunks of at most `limit` units, at line breaks where possible.

    Formatting tags open at a cut are closed at the end of the chunk and re-opened at the start of the
    next one, so every chunk is well-formed; a link is never cut.
    """
    if tg_len(text) <= limit:
        return [text] if text.strip() else []
    chunks: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag) of the formatting open right now
    current = ""

    def opening() -> str:
        return "".join(tag for _, tag in stack)

    def closing() -> str:
        return "".join(f"</{name}>" for name, _ in reversed(stack))

    def flush() -> None:
        nonlocal current
        body = current + closing()
        if strip_tags(body).strip():
            chunks.append(body.strip("\n"))
        current = opening()

    pending = _atoms(text)
    pending.reverse()
    while pending:
        kind, piece = pending.pop()
        closing_after = closing()
        if kind == "tag":
            close = _CLOSE.fullmatch(piece)
            opened = _OPEN.fullmatch(piece)
            projected = closing_after if close else closing_after + (f"</{opened.group(1)}>" if opened else "")
            if tg_len(current + piece + projected) > limit and strip_tags(current).strip():
                flush()
            current += piece
            if close and stack and stack[-1][0] == close.group(1).lower():
                stack.pop()
            elif opened and not piece.endswith("/>"):
                stack.append((opened.group(1).lower(), piece))
            continue
        if tg_len(current + piece + closing_after) <= limit:
            current += piece
            continue
        if strip_tags(current).strip():
            flush()
            pending.append((kind, piece))
            continue
        # The piece alone does not fit in an empty chunk.
        room = limit - tg_len(current + closing_after)
        if kind == "link":  # too long to keep as a link: keep its text, drop the link
            label = re.sub(r"<[^>]+>", "", piece)
            pending.append(("text", label))
            continue
        head, rest = _cut_text(piece, max(room, 1))
        current += head
        flush()
        if rest:
            pending.append(("text", rest))
    if strip_tags(current).strip():
        chunks.append((current + closing()).strip("\n"))
    return chunks
