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


class _Chunks:
    """One split in progress: the chunks so far, the formatting open right now and the chunk being filled."""

    def __init__(self, limit: int) -> None:
        """Start with no chunks and nothing open."""
        self.limit = limit
        self.chunks: list[str] = []
        self.stack: list[tuple[str, str]] = []  # (name, opening tag) of the formatting open right now
        self.current = ""

    def opening(self) -> str:
        """The opening tags of the formatting open now (to re-open it in the next chunk)."""
        return "".join(tag for _, tag in self.stack)

    def closing(self) -> str:
        """The closing tags of the formatting open now (to close it at the end of this chunk)."""
        return "".join(f"</{name}>" for name, _ in reversed(self.stack))

    def flush(self) -> None:
        """End the current chunk (dropped if it shows nothing) and start the next with the open formatting."""
        body = self.current + self.closing()
        if strip_tags(body).strip():
            self.chunks.append(body.strip("\n"))
        self.current = self.opening()

    def add_tag(self, piece: str) -> None:
        """Add a formatting tag, first ending the chunk when the tag (and its closing) would not fit."""
        closing_after = self.closing()
        close = _CLOSE.fullmatch(piece)
        opened = _OPEN.fullmatch(piece)
        projected = closing_after if close else closing_after + (f"</{opened.group(1)}>" if opened else "")
        if tg_len(self.current + piece + projected) > self.limit and strip_tags(self.current).strip():
            self.flush()
        self.current += piece
        if close and self.stack and self.stack[-1][0] == close.group(1).lower():
            self.stack.pop()
        elif opened and not piece.endswith("/>"):
            self.stack.append((opened.group(1).lower(), piece))

    def add_text(self, kind: str, piece: str) -> list[tuple[str, str]]:
        """Add a text run or a link; return what is left of it to add next (a cut run's rest, a link's text)."""
        closing_after = self.closing()
        if tg_len(self.current + piece + closing_after) <= self.limit:
            self.current += piece
            return []
        if strip_tags(self.current).strip():
            self.flush()
            return [(kind, piece)]
        # The piece alone does not fit in an empty chunk.
        room = self.limit - tg_len(self.current + closing_after)
        if kind == "link":  # too long to keep as a link: keep its text, drop the link
            return [("text", re.sub(r"<[^>]+>", "", piece))]
        head, rest = _cut_text(piece, max(room, 1))
        self.current += head
        self.flush()
        return [("text", rest)] if rest else []

    def finish(self) -> list[str]:
        """Every chunk, the last one closed."""
        if strip_tags(self.current).strip():
            self.chunks.append((self.current + self.closing()).strip("\n"))
        return self.chunks


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split Telegram HTML into chunks of at most `limit` units, at line breaks where possible.

    Formatting tags open at a cut are closed at the end of the chunk and re-opened at the start of the
    next one, so every chunk is well-formed; a link is never cut.
    """
    if tg_len(text) <= limit:
        return [text] if text.strip() else []
    chunks = _Chunks(limit)
    pending = _atoms(text)
    pending.reverse()
    while pending:
        kind, piece = pending.pop()
        if kind == "tag":
            chunks.add_tag(piece)
        else:
            pending.extend(chunks.add_text(kind, piece))
    return chunks.finish()
