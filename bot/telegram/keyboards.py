"""Inline keyboards and their callback data: short, versioned, validated.

Callback data is ``v1|<scope>|<value>``:

- ``v1|<state version>|<option value>``: an answer to a dialogue question (scope is digits);
- ``v1|r<roadmap version>|<action>``: roadmap navigation and marks (``o``, ``s3``, ``m12``, ``u12``,
  ``doc``, ``png``, ``ics``, ``prog``) and the re-plan after a catalog change (``rp``);
- ``v1|x|<action>``: version-free actions that validate themselves (reminders, delete confirmation:
  ``del:yes:<issued>.<mac>`` is signed for one user and expires, see `delete_yes_action`), and job ads
  (``job:a|s|d|x:<ad id>``: aim, save, dismiss, delete; checked against the learner's own rows).

A value that would not fit Telegram's 64 bytes is sent as ``#<option index>``. Anything that does not
parse is "tampered" and the handlers treat it like an out-of-date button.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.domain.dialogue import Option
from bot.domain.progress import human_date
from bot.telegram.numbers import ascii_int

PREFIX = "v1"
MAX_BYTES = 64
MAX_LABEL = 60  # Telegram shows long labels truncated anyway; keep buttons readable

Scope = Literal["dialogue", "roadmap", "misc"]
REPLAN_ACTION = "rp"
# issue 13: take the earliest date reachable at the learner's pace as the new deadline.
EARLIEST_ACTION = "ed"
DELETE_YES = "del:yes"
DELETE_NO = "del:no"
DELETE_TTL = timedelta(minutes=10)  # an unanswered "Yes, erase it all" is out of date after this
_CLOCK_SKEW = timedelta(minutes=1)
_BASE36 = re.compile(r"[0-9a-z]{1,12}", re.ASCII)
_MAC = re.compile(r"[0-9a-f]{12}", re.ASCII)


@dataclass(frozen=True)
class Callback:
    """A parsed callback: which scope, the version it was made for (0 for misc), and its value."""

    scope: Scope
    version: int
    value: str


def _fits(data: str) -> bool:
    return 1 <= len(data.encode("utf-8")) <= MAX_BYTES and "\n" not in data


def dialogue_data(version: int, value: str, index: int) -> str:
    """Callback data for a dialogue option; falls back to its index when the value is too long."""
    data = f"{PREFIX}|{version}|{value}"
    return data if _fits(data) else f"{PREFIX}|{version}|#{index}"


def roadmap_data(version: int, action: str) -> str:
    """Callback data for a roadmap action made for roadmap `version`."""
    data = f"{PREFIX}|r{version}|{action}"
    if not _fits(data):
        raise ValueError(f"callback data too long: {data!r}")
    return data


def misc_data(action: str) -> str:
    """Callback data for a version-free action."""
    data = f"{PREFIX}|x|{action}"
    if not _fits(data):
        raise ValueError(f"callback data too long: {data!r}")
    return data


def parse(data: str | None) -> Callback | None:
    """Parse callback data; None for anything malformed, foreign or from another format version."""
    if not data or not _fits(data):
        return None
    parts = data.split("|", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[2]:
        return None
    scope, value = parts[1], parts[2]
    if scope == "x":
        return Callback("misc", 0, value)
    version = ascii_int(scope[1:]) if scope.startswith("r") else None
    if version is not None:
        return Callback("roadmap", version, value)
    version = ascii_int(scope)
    if version is not None:
        return Callback("dialogue", version, value)
    return None


def label(text: str) -> str:
    """A button label no longer than MAX_LABEL characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def options_keyboard(
    options: Sequence[Option], version: int, per_row: int | None = None
) -> InlineKeyboardMarkup | None:
    """One button per dialogue option (two per row for short labels), or None without options."""
    if not options:
        return None
    if per_row is None:
        per_row = 2 if all(len(o.label) <= 18 for o in options) else 1
    buttons = [
        InlineKeyboardButton(label(o.label), callback_data=dialogue_data(version, o.value, i))
        for i, o in enumerate(options)
    ]
    rows = [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
    return InlineKeyboardMarkup(rows)


def stage_keyboard(
    version: int,
    stage_index: int,
    stage_count: int,
    items: Sequence[tuple[int, str, bool]],
) -> InlineKeyboardMarkup:
    """A stage page: ✅ per item (index, title, done), ◀ ▶ navigation, then the one-tap files."""
    rows: list[list[InlineKeyboardButton]] = []
    for item_index, title, done in items:
        text, action = (f"↩ {title}", f"u{item_index}") if done else (f"✅ {title}", f"m{item_index}")
        rows.append([InlineKeyboardButton(label(text), callback_data=roadmap_data(version, action))])
    nav: list[InlineKeyboardButton] = []
    if stage_index > 0:
        nav.append(InlineKeyboardButton("◀", callback_data=roadmap_data(version, f"s{stage_index - 1}")))
    nav.append(InlineKeyboardButton(f"{stage_index + 1}/{stage_count}", callback_data=roadmap_data(version, "o")))
    if stage_index < stage_count - 1:
        nav.append(InlineKeyboardButton("▶", callback_data=roadmap_data(version, f"s{stage_index + 1}")))
    rows.append(nav)
    rows.extend(files_rows(version))
    return InlineKeyboardMarkup(rows)


def files_rows(version: int) -> list[list[InlineKeyboardButton]]:
    """The one-tap buttons for the full roadmap document, the timeline picture and the calendar."""
    return [
        [
            InlineKeyboardButton(texts.TG_BUTTON_DOCUMENT, callback_data=roadmap_data(version, "doc")),
            InlineKeyboardButton(texts.TG_BUTTON_PICTURE, callback_data=roadmap_data(version, "png")),
            InlineKeyboardButton(texts.TG_BUTTON_CALENDAR, callback_data=roadmap_data(version, "ics")),
        ]
    ]


def overview_keyboard(version: int, stage_count: int, accept_date: date | None = None) -> InlineKeyboardMarkup:
    """Under the overview: take the earliest reachable date as the deadline (when the plan misses its deadline),
    open the first stage, progress, and the files."""
    rows: list[list[InlineKeyboardButton]] = []
    if accept_date is not None:
        use = label(texts.PLANNER_USE_DATE.format(date=human_date(accept_date)))
        rows.append([InlineKeyboardButton(use, callback_data=roadmap_data(version, EARLIEST_ACTION))])
    if stage_count:
        rows.append([InlineKeyboardButton(texts.TG_BUTTON_STAGES, callback_data=roadmap_data(version, "st"))])
    rows.append([InlineKeyboardButton(texts.TG_BUTTON_PROGRESS, callback_data=roadmap_data(version, "prog"))])
    rows.extend(files_rows(version))
    return InlineKeyboardMarkup(rows)


def replan_keyboard(version: int) -> InlineKeyboardMarkup:
    """Under a catalog-change notice: re-plan roadmap `version` on the current catalog."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.TG_BUTTON_REPLAN, callback_data=roadmap_data(version, REPLAN_ACTION))]]
    )


def _delete_mac(secret: bytes, user: str, issued: str) -> str:
    return hmac.new(secret, f"{DELETE_YES}|{user}|{issued}".encode(), hashlib.sha256).hexdigest()[:12]


def delete_yes_action(secret: bytes, user: str, now: datetime) -> str:
    """The "Yes, erase it all" action for `user`, issued at `now`: ``del:yes:<epoch seconds, base 36>.<mac>``.

    The MAC (keyed with a secret only this process holds) ties the button to this user and this moment,
    so it cannot be forged or re-dated; `delete_yes_fresh` accepts it for DELETE_TTL.
    """
    issued = _base36(int(now.timestamp()))
    return f"{DELETE_YES}:{issued}.{_delete_mac(secret, user, issued)}"


def delete_yes_fresh(action: str, secret: bytes, user: str, now: datetime) -> bool:
    """Whether `action` is a genuine "Yes, erase it all" for `user`, issued at most DELETE_TTL before `now`.

    Old token-less buttons, forged or re-dated tokens, other users' buttons and expired ones are all False.
    """
    prefix = DELETE_YES + ":"
    if not action.startswith(prefix):
        return False
    issued, _, mac = action[len(prefix):].partition(".")
    # ASCII only: compare_digest refuses non-ASCII text with a TypeError, and int(..., 36) reads other digits.
    if not _BASE36.fullmatch(issued) or not _MAC.fullmatch(mac) \
            or not hmac.compare_digest(mac, _delete_mac(secret, user, issued)):
        return False
    try:
        when = datetime.fromtimestamp(int(issued, 36), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return False
    return now - DELETE_TTL <= when <= now + _CLOCK_SKEW


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def confirm_keyboard(yes_action: str, no_action: str, yes_label: str, no_label: str) -> InlineKeyboardMarkup:
    """A yes/no pair of version-free actions."""
    return InlineKeyboardMarkup(
        [[
            InlineKeyboardButton(yes_label, callback_data=misc_data(yes_action)),
            InlineKeyboardButton(no_label, callback_data=misc_data(no_action)),
        ]]
    )


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Version-free buttons from (label, action) rows."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label(text), callback_data=misc_data(action)) for text, action in row] for row in rows]
    )
