"""One turn of the conversation: the mutable working copy of a step call and the step record."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from bot.domain.catalog import Catalog
from bot.domain.dialogue.model import DialogueState, Option, Reply
from bot.domain.planner import Roadmap, implied_domain
from bot.domain.profile import LearnerProfile

MAX_VALUE_BYTES = 40


@dataclass
class _Turn:
    """The mutable working copy of one `step` call."""

    state: DialogueState
    catalog: Catalog
    today: date
    replies: list[Reply] = field(default_factory=list)
    roadmap: Roadmap | None = None
    show_plan: bool = False
    # The question is being asked again right after it was asked: its short form, without long descriptions.
    again: bool = False

    def say(self, text: str, options: list[Option] | None = None, multi_select: bool = False) -> None:
        """Queue a reply."""
        self.replies.append(Reply(text=text, options=options or [], multi_select=multi_select))

    @property
    def profile(self) -> LearnerProfile:
        """The profile being edited."""
        return self.state.profile

    def answer(self, name: str) -> None:
        """Record that a field was answered."""
        if name not in self.state.answered:
            self.state.answered.append(name)
        if name in self.state.skipped:
            self.state.skipped.remove(name)

    def unanswer(self, name: str) -> None:
        """Forget that a field was answered (its value no longer fits)."""
        if name in self.state.answered:
            self.state.answered.remove(name)


# A button handler applies a value (the part after "prefix:") and says where to go:
# NEXT = the first unanswered question, STAY = ask the current step again, a step name, or None = invalid.
NEXT = "<next>"


STAY = "<stay>"


Handler = Callable[[_Turn, str], str | None]


@dataclass(frozen=True)
class Step:
    """One screen of the dialogue: its question, its buttons and how free text maps onto them."""

    name: str
    question: Callable[[_Turn], str]
    options: Callable[[_Turn], list[Option]]
    buttons: Mapping[str, Handler]
    # Strict parse of the whole text into a button value, tried before understanding ("12" at hours).
    parse: Callable[[_Turn, str], str | None] = lambda turn, text: None
    # Last resort when understanding found nothing (any text is a plausible job title).
    fallback: Callable[[_Turn, str], str | None] = lambda turn, text: None
    applies: Callable[[_Turn], bool] = lambda turn: True
    multi_select: Callable[[_Turn], bool] = lambda turn: False


def _short(prefix: str, entry_id: str) -> str:
    """A button value for a catalog id, hashed when the id would not fit Telegram's callback data."""
    value = f"{prefix}:{entry_id}"
    if len(value.encode()) <= MAX_VALUE_BYTES:
        return value
    return f"{prefix}:~{zlib.crc32(entry_id.encode()):08x}"


def _resolve(arg: str, ids: list[str]) -> str | None:
    """The catalog id a button argument names (plain or hashed), or None."""
    if arg in ids:
        return arg
    if arg.startswith("~"):
        return next((i for i in ids if f"~{zlib.crc32(i.encode()):08x}" == arg), None)
    return None


def _first_sentence(text: str, limit: int = 170) -> str:
    """The description's whole first sentence; only an overlong one is cut, at a clause boundary if it can be."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    head = sentence[:limit]
    cut = max(head.rfind(", "), head.rfind(" - "), head.rfind("; "))
    if cut > limit // 2:
        return head[:cut].rstrip() + "…"
    # Otherwise at a word boundary, so the line never ends mid-word.
    return head.rsplit(" ", 1)[0].rstrip(",;:- ") + "…"


def _set_role(turn: _Turn, role_id: str) -> None:
    """Set the target role; a specialisation the new role does not offer is dropped and asked again."""
    profile = turn.profile
    if role_id != profile.target_role:
        role = turn.catalog.role_by_id.get(role_id)
        if profile.domain is not None and role is not None and profile.domain not in role.domains:
            profile.domain = None
            turn.unanswer("domain")
    profile.target_role = role_id
    turn.answer("role")


def _role_domains(turn: _Turn) -> list[str]:
    role = turn.catalog.role_by_id.get(turn.profile.target_role or "")
    return [d for d in role.domains if d in turn.catalog.domain_by_id] if role else []


def _role_implies_domain(turn: _Turn) -> bool:
    role = turn.catalog.role_by_id.get(turn.profile.target_role or "")
    return role is not None and implied_domain(role, turn.catalog) is not None
