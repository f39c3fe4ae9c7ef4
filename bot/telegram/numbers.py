"""ASCII-only number parsing for commands, callback data and admin forms.

`str.isdigit()` is true for '²' and '٣', and `int()` then fails (or accepts a digit no keyboard meant): every
number the bot reads from a user or a button goes through these patterns instead.
"""

from __future__ import annotations

import re

# At most 9 digits: every number the bot reads (hours, days, indexes, versions, change ids) fits, and nothing
# reaches SQLite that would overflow its 64-bit INTEGER.
_NATURAL = re.compile(r"[0-9]{1,9}", re.ASCII)
_SIGNED = re.compile(r"-?[0-9]{1,9}", re.ASCII)


def ascii_int(text: str, signed: bool = False) -> int | None:
    """The integer written in ASCII digits (optionally with a leading '-'), else None."""
    return int(text) if (_SIGNED if signed else _NATURAL).fullmatch(text) else None
