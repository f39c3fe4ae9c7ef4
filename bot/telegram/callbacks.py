"""The one codec for inline-button data: a small frozen dataclass per button, `encode` and `decode`.

The wire format is the one learners' old messages carry, so it never changes shape:

- ``v1|<state version>|<option value>``: an answer to a dialogue question (`Answer`; a value that would not
  fit Telegram's 64 bytes is sent as ``#<option index>``, which the dialogue resolves);
- ``v1|r<roadmap version>|<action>``: roadmap navigation and marks (``o``, ``st``, ``s3``, ``m12``, ``u12``,
  ``M12``, ``doc``, ``png``, ``ics``, ``prog``), the re-plan after a catalog change (``rp``) and the earliest
  reachable date as the new deadline (``ed``);
- ``v1|x|<action>``: version-free actions that validate themselves: reminders (``rem:...``), job ads
  (``job:<a|s|d|x|u>:<ad id>``, checked against the learner's own rows), skill checks (``chk:...``) and the
  delete confirmation (``del:yes:<issued>.<mac>`` is signed for one user and expires, see `issue_delete`);
- ``adm|<kind>|...``: the catalog admin's buttons (pages, show, undo, import, guided add).

`decode` reads numbers in ASCII digits only and returns None for anything foreign or malformed; a button of a
known family whose action is not understood decodes to `Outdated`, so each family answers it as it always has.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.telegram.numbers import ascii_int

PREFIX = "v1"
ADMIN_PREFIX = "adm"
MAX_BYTES = 64
DELETE_TTL = timedelta(minutes=10)  # an unanswered "Yes, erase it all" is out of date after this
_CLOCK_SKEW = timedelta(minutes=1)
_BASE36 = re.compile(r"[0-9a-z]{1,12}", re.ASCII)
_MAC = re.compile(r"[0-9a-f]{12}", re.ASCII)

FileKind = Literal["document", "picture", "calendar"]
JobKind = Literal["a", "s", "d", "x", "u"]
ReminderAction = Literal["pause", "resume", "stop"]
OutdatedScope = Literal["roadmap", "reminder", "job", "check", "review-time", "misc"]


class DoesNotFit(ValueError):
    """The data would not fit a Telegram button (over 64 bytes, empty, a line break or a separator inside).

    Its one argument is the offending field, data or callback: callers always catch it (a button is dropped or
    falls back to an index), so no person ever reads it and it carries no sentence.
    """


# ---------------------------------------------------------------- the dialogue
@dataclass(frozen=True)
class Answer:
    """A dialogue option for state `version`; a value of ``#<n>`` stands for the n-th option."""

    version: int
    value: str


# ---------------------------------------------------------------- the roadmap (each made for one version)
@dataclass(frozen=True)
class Overview:
    """The overview message again."""

    version: int


@dataclass(frozen=True)
class FirstStage:
    """From the overview: the first stage in a message of its own."""

    version: int


@dataclass(frozen=True)
class Stage:
    """Stage page `n` (0-based), drawn in place of the tapped one."""

    version: int
    n: int


@dataclass(frozen=True)
class Mark:
    """✅ (done) or ↩ (not done) on item `index`; `confirmed`: ✅ confirmed on a retired course."""

    version: int
    index: int
    done: bool
    confirmed: bool = False


@dataclass(frozen=True)
class File:
    """One of the one-tap files: the roadmap document, the timeline picture or the calendar."""

    version: int
    kind: FileKind


@dataclass(frozen=True)
class Progress:
    """The progress summary."""

    version: int


@dataclass(frozen=True)
class Replan:
    """Re-plan on the current catalog (under a catalog-change notice)."""

    version: int


@dataclass(frozen=True)
class Earliest:
    """Take the earliest date reachable at the learner's pace as the new deadline (issue 13)."""

    version: int


# ---------------------------------------------------------------- reminders
@dataclass(frozen=True)
class ReminderDay:
    """A weekday (Monday = 0) was picked: ask for the hour."""

    day: int


@dataclass(frozen=True)
class ReminderAt:
    """A weekday and an hour were picked: set the reminder."""

    day: int
    hour: int


@dataclass(frozen=True)
class ReminderSwitch:
    """Pause, resume or stop the reminder."""

    action: ReminderAction


# ---------------------------------------------------------------- job ads (issue 17)
@dataclass(frozen=True)
class JobButton:
    """Aim (a), save (s), dismiss (d), delete (x) or stop aiming (u) at the learner's ad `ad_id`."""

    kind: JobKind
    ad_id: int


# ---------------------------------------------------------------- skill checks and reviews (issue 18)
@dataclass(frozen=True)
class CheckStart:
    """Start a check of `skill`."""

    skill: str


@dataclass(frozen=True)
class CheckSkip:
    """Skip the offer of checks."""


@dataclass(frozen=True)
class CheckKeep:
    """Keep the claimed level after failed check `check_id`."""

    check_id: int


@dataclass(frozen=True)
class CheckRefresh:
    """Add a refresher for `skill` after a failed check (`check_id`, when known)."""

    check_id: int | None
    skill: str


@dataclass(frozen=True)
class Refresher:
    """A refresher for a skill slipping in reviews, in the current stage."""

    skill: str


@dataclass(frozen=True)
class ReviewAt:
    """The review hour (on the hour), or None: back to the reminder's time."""

    hour: int | None


# ---------------------------------------------------------------- privacy
@dataclass(frozen=True)
class DeleteYes:
    """"Yes, erase it all": `issued` (epoch seconds, base 36) and its MAC; empty parts never pass `fresh`."""

    issued: str
    mac: str

    def fresh(self, secret: bytes, user: str, now: datetime) -> bool:
        """Whether this is a genuine "yes" for `user`, issued at most DELETE_TTL before `now`.

        Old token-less buttons, forged or re-dated tokens, other users' buttons and expired ones are all False.
        """
        # ASCII only: compare_digest refuses non-ASCII text with a TypeError, and int(..., 36) reads other digits.
        if not _BASE36.fullmatch(self.issued) or not _MAC.fullmatch(self.mac) \
                or not hmac.compare_digest(self.mac, _delete_mac(secret, user, self.issued)):
            return False
        try:
            when = datetime.fromtimestamp(int(self.issued, 36), tz=UTC)
        except (ValueError, OverflowError, OSError):
            return False
        return now - DELETE_TTL <= when <= now + _CLOCK_SKEW


@dataclass(frozen=True)
class DeleteNo:
    """Keep everything."""


# ---------------------------------------------------------------- the catalog admin
@dataclass(frozen=True)
class AdminPage:
    """Page `page` of a catalog section's listing."""

    section: str
    page: int


@dataclass(frozen=True)
class AdminShow:
    """Show one catalog entry."""

    entry_id: str


@dataclass(frozen=True)
class AdminUndo:
    """Undo catalog change `change_id` (asks first when learners' roadmaps hold it)."""

    change_id: int


@dataclass(frozen=True)
class AdminUndoAnswer:
    """The answer to "undo change `change_id`?"."""

    change_id: int
    yes: bool


@dataclass(frozen=True)
class AdminImport:
    """Apply (ok) or cancel the previewed import `token`."""

    ok: bool
    token: str


@dataclass(frozen=True)
class AdminDraftValue:
    """A choice for the current field of a guided add."""

    value: str


@dataclass(frozen=True)
class AdminDraftSave:
    """Save the guided add."""


@dataclass(frozen=True)
class AdminDraftCancel:
    """Cancel the guided add."""


# ---------------------------------------------------------------- a known family, an action not understood
@dataclass(frozen=True)
class Outdated:
    """A button of a known family whose action this version does not understand (old or forged);
    decode only. `version` is the roadmap version for the roadmap family, else 0."""

    scope: OutdatedScope
    version: int = 0


RoadmapCallback = Overview | FirstStage | Stage | Mark | File | Progress | Replan | Earliest
ReminderCallback = ReminderDay | ReminderAt | ReminderSwitch
CheckCallback = CheckStart | CheckSkip | CheckKeep | CheckRefresh | Refresher | ReviewAt
AdminCallback = (AdminPage | AdminShow | AdminUndo | AdminUndoAnswer | AdminImport | AdminDraftValue
                 | AdminDraftSave | AdminDraftCancel)
Callback = (Answer | RoadmapCallback | ReminderCallback | JobButton | CheckCallback | DeleteYes | DeleteNo
            | AdminCallback | Outdated)

_FILE_ACTIONS: dict[str, FileKind] = {"doc": "document", "png": "picture", "ics": "calendar"}
_FILE_NAMES = {kind: action for action, kind in _FILE_ACTIONS.items()}
_JOB_KINDS: dict[str, JobKind] = {"a": "a", "s": "s", "d": "d", "x": "x", "u": "u"}
_SWITCHES: dict[str, ReminderAction] = {"pause": "pause", "resume": "resume", "stop": "stop"}
_DELETE_YES = "del:yes"


def fits(data: str) -> bool:
    """Whether `data` can travel as a button's callback data."""
    return 1 <= len(data.encode("utf-8")) <= MAX_BYTES and "\n" not in data


def _part(text: str, separators: str = "|:") -> str:
    """A field inside the data: it must not hold a separator, or it would decode as something else."""
    if any(s in text for s in separators):
        raise DoesNotFit(text)
    return text


# ---------------------------------------------------------------- encode
def encode(callback: Callback) -> str:
    """The callback data of a button; DoesNotFit when it would not fit Telegram's 64 bytes, is decode-only, or
    would not decode to this very button (a number beyond 9 digits, a negative index)."""
    data = _encode(callback)
    if not fits(data) or decode(data) != callback:
        raise DoesNotFit(data)
    return data


def _encode(callback: Callback) -> str:
    match callback:
        case Answer(version, value):
            return f"{PREFIX}|{version}|{value}"
        case Overview() | FirstStage() | Stage() | Mark() | File() | Progress() | Replan() | Earliest():
            return f"{PREFIX}|r{callback.version}|{_roadmap_action(callback)}"
        case AdminPage() | AdminShow() | AdminUndo() | AdminUndoAnswer() | AdminImport() | AdminDraftValue() \
                | AdminDraftSave() | AdminDraftCancel():
            return "|".join([ADMIN_PREFIX, *_admin_parts(callback)])
        case Outdated():
            raise DoesNotFit(callback)  # only ever decoded
        case _:
            return f"{PREFIX}|x|{_misc_action(callback)}"


def _roadmap_action(callback: RoadmapCallback) -> str:
    match callback:
        case Overview():
            return "o"
        case FirstStage():
            return "st"
        case Stage(_, n):
            return f"s{n}"
        case Mark(_, index, done, confirmed):
            if confirmed and not done:
                raise DoesNotFit("only a ✅ is confirmed")
            return f"{'M' if confirmed else 'm' if done else 'u'}{index}"
        case File(_, kind):
            return _FILE_NAMES[kind]
        case Progress():
            return "prog"
        case Replan():
            return "rp"
        case Earliest():
            return "ed"


def _misc_action(callback: Callback) -> str:
    match callback:
        case ReminderDay(day):
            return f"rem:d{day}"
        case ReminderAt(day, hour):
            return f"rem:h{day}:{hour}"
        case ReminderSwitch(action):
            return f"rem:{action}"
        case JobButton(kind, ad_id):
            return f"job:{kind}:{ad_id}"
        case CheckStart(skill):
            return f"chk:go:{_part(skill)}"
        case CheckSkip():
            return "chk:skip"
        case CheckKeep(check_id):
            return f"chk:keep:{check_id}"
        case CheckRefresh(check_id, skill):
            return f"chk:ref:{'' if check_id is None else check_id}:{_part(skill)}"
        case Refresher(skill):
            return f"chk:rf:{_part(skill)}"
        case ReviewAt(hour):
            return f"chk:rt:{'off' if hour is None else hour}"
        case DeleteYes(issued, mac):
            return f"{_DELETE_YES}:{_part(issued, '|:.')}.{_part(mac)}" if issued or mac else _DELETE_YES
        case DeleteNo():
            return "del:no"
    raise DoesNotFit(callback)  # no wire form


def _admin_parts(callback: AdminCallback) -> list[str]:
    match callback:
        case AdminPage(section, page):
            return ["pg", _part(section, "|"), str(page)]
        case AdminShow(entry_id):
            return ["sh", _part(entry_id, "|")]
        case AdminUndo(change_id):
            return ["undo", str(change_id)]
        case AdminUndoAnswer(change_id, yes):
            return ["undo", str(change_id), "y" if yes else "n"]
        case AdminImport(ok, token):
            return ["imp", "ok" if ok else "no", _part(token, "|")]
        case AdminDraftValue(value):
            return ["g", "v", _part(value, "|")]
        case AdminDraftSave():
            return ["g", "save"]
        case AdminDraftCancel():
            return ["g", "cancel"]


# ---------------------------------------------------------------- decode
def decode(data: str | None) -> Callback | None:
    """The button behind `data`; None for anything malformed, foreign or from another format version."""
    if not data or not fits(data):
        return None
    if data.startswith(ADMIN_PREFIX + "|"):
        return _decode_admin(data.split("|")[1:])
    parts = data.split("|", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[2]:
        return None
    scope, value = parts[1], parts[2]
    if scope == "x":
        return _decode_misc(value)
    version = ascii_int(scope[1:]) if scope.startswith("r") else None
    if version is not None:
        return _decode_roadmap(version, value)
    version = ascii_int(scope)
    return None if version is None else Answer(version, value)


def _decode_roadmap(version: int, action: str) -> Callback:
    simple: dict[str, RoadmapCallback] = {"o": Overview(version), "st": FirstStage(version),
                                          "prog": Progress(version), "rp": Replan(version), "ed": Earliest(version)}
    if action in simple:
        return simple[action]
    if action in _FILE_ACTIONS:
        return File(version, _FILE_ACTIONS[action])
    number = ascii_int(action[1:])
    if number is not None and action[:1] in {"m", "u", "M"}:
        return Mark(version, number, done=action[0] != "u", confirmed=action[0] == "M")
    if number is not None and action[:1] == "s":
        return Stage(version, number)
    return Outdated("roadmap", version)


def _decode_misc(action: str) -> Callback:
    family, colon, rest = action.partition(":")
    if not colon:
        return Outdated("misc")
    if family == "del":
        return _decode_delete(action)
    if family == "rem":
        return _decode_reminder(rest)
    if family == "job":
        parts = rest.split(":")
        ad_id = ascii_int(parts[1]) if len(parts) == 2 else None
        kind = _JOB_KINDS.get(parts[0])
        return JobButton(kind, ad_id) if kind is not None and ad_id is not None else Outdated("job")
    if family == "chk":
        return _decode_check(rest.split(":"))
    return Outdated("misc")


def _decode_delete(action: str) -> DeleteYes | DeleteNo:
    """Any ``del:yes...`` is a "yes" (erasing only when genuine and fresh); any other ``del:...`` keeps all."""
    if not action.startswith(_DELETE_YES):
        return DeleteNo()
    token = action[len(_DELETE_YES):]
    if not token.startswith(":"):
        return DeleteYes("", "")
    issued, _, mac = token[1:].partition(".")
    return DeleteYes(issued, mac)


def _decode_reminder(what: str) -> Callback:
    if what in _SWITCHES:
        return ReminderSwitch(_SWITCHES[what])
    day = ascii_int(what[1:]) if what[:1] == "d" else None
    if day is not None and day < 7:
        return ReminderDay(day)
    day_text, _, hour_text = what[1:].partition(":")
    day, hour = ascii_int(day_text), ascii_int(hour_text)
    if what[:1] == "h" and day is not None and hour is not None and day < 7 and hour < 24:
        return ReminderAt(day, hour)
    return Outdated("reminder")


def _decode_check(parts: list[str]) -> Callback:
    """``skip``, ``go:SKILL``, ``keep:ID``, ``rt:HOUR|off``, ``rf:SKILL``, ``ref:ID:SKILL`` after ``chk:``."""
    kind, count = parts[0], len(parts)
    if kind == "skip":
        return CheckSkip()
    if kind == "go" and count == 2:
        return CheckStart(parts[1])
    check_id = ascii_int(parts[1]) if count >= 2 else None
    if kind == "keep" and count == 2 and check_id is not None:
        return CheckKeep(check_id)
    if kind == "rt" and count == 2:
        if parts[1] == "off":
            return ReviewAt(None)
        return ReviewAt(check_id) if check_id is not None and check_id <= 23 else Outdated("review-time")
    if kind == "rf" and count == 2:
        return Refresher(parts[1])
    if kind == "ref":
        return CheckRefresh(check_id if count == 3 else None, parts[-1])
    return Outdated("check")


def _decode_admin(parts: list[str]) -> AdminCallback | None:
    kind, count = (parts[0], len(parts)) if parts else ("", 0)
    number = ascii_int(parts[-1], signed=True) if parts else None
    if kind == "pg" and count == 3 and number is not None:
        return AdminPage(parts[1], number)
    if kind == "sh" and count == 2:
        return AdminShow(parts[1])
    if kind == "undo" and count == 2 and number is not None and number > 0:
        return AdminUndo(number)
    if kind == "undo" and count == 3 and (change := ascii_int(parts[1])) and parts[2] in {"y", "n"}:
        return AdminUndoAnswer(change, parts[2] == "y")
    if kind == "imp" and count == 3 and parts[1] in {"ok", "no"}:
        return AdminImport(parts[1] == "ok", parts[2])
    if kind == "g" and parts[1:2] == ["v"] and count == 3:
        return AdminDraftValue(parts[2])
    if kind == "g" and parts[1:2] == ["save"]:
        return AdminDraftSave()
    if kind == "g" and parts[1:2] == ["cancel"]:
        return AdminDraftCancel()
    return None


# ---------------------------------------------------------------- the signed delete confirmation
def _delete_mac(secret: bytes, user: str, issued: str) -> str:
    return hmac.new(secret, f"{_DELETE_YES}|{user}|{issued}".encode(), hashlib.sha256).hexdigest()[:12]


def issue_delete(secret: bytes, user: str, now: datetime) -> DeleteYes:
    """The "Yes, erase it all" button for `user`, issued at `now`.

    The MAC (keyed with a secret only this process holds) ties the button to this user and this moment,
    so it cannot be forged or re-dated; `DeleteYes.fresh` accepts it for DELETE_TTL.
    """
    issued = _base36(int(now.timestamp()))
    return DeleteYes(issued, _delete_mac(secret, user, issued))


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out
