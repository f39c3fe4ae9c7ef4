"""The one button codec: every button round-trips, fits 64 bytes, keeps the wire format old messages carry,
reads ASCII digits only, and is the only place in the Telegram package that knows the data's shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.callbacks import (
    MAX_BYTES,
    AdminDraftCancel,
    AdminDraftSave,
    AdminDraftValue,
    AdminImport,
    AdminPage,
    AdminShow,
    AdminUndo,
    AdminUndoAnswer,
    Answer,
    Callback,
    CheckKeep,
    CheckRefresh,
    CheckSkip,
    CheckStart,
    DeleteNo,
    DeleteYes,
    DoesNotFit,
    Earliest,
    File,
    FirstStage,
    JobButton,
    Mark,
    Outdated,
    Overview,
    Progress,
    Refresher,
    ReminderAt,
    ReminderDay,
    ReminderSwitch,
    Replan,
    ReviewAt,
    Stage,
    decode,
    encode,
)

# Data that buttons in learners' chats carry today: each must keep decoding to the same button, and the
# button must keep encoding to exactly these bytes (transcripts stay byte-identical).
WIRE: list[tuple[str, Callback]] = [
    ("v1|3|role:ml-engineer", Answer(3, "role:ml-engineer")),
    ("v1|12|#4", Answer(12, "#4")),
    ("v1|r2|o", Overview(2)),
    ("v1|r2|st", FirstStage(2)),
    ("v1|r2|s0", Stage(2, 0)),
    ("v1|r7|m12", Mark(7, 12, done=True)),
    ("v1|r7|u12", Mark(7, 12, done=False)),
    ("v1|r7|M12", Mark(7, 12, done=True, confirmed=True)),
    ("v1|r1|doc", File(1, "document")),
    ("v1|r1|png", File(1, "picture")),
    ("v1|r1|ics", File(1, "calendar")),
    ("v1|r1|prog", Progress(1)),
    ("v1|r4|rp", Replan(4)),
    ("v1|r4|ed", Earliest(4)),
    ("v1|x|rem:d6", ReminderDay(6)),
    ("v1|x|rem:h2:18", ReminderAt(2, 18)),
    ("v1|x|rem:pause", ReminderSwitch("pause")),
    ("v1|x|rem:resume", ReminderSwitch("resume")),
    ("v1|x|rem:stop", ReminderSwitch("stop")),
    ("v1|x|job:a:15", JobButton("a", 15)),
    ("v1|x|job:u:3", JobButton("u", 3)),
    ("v1|x|chk:go:python", CheckStart("python")),
    ("v1|x|chk:skip", CheckSkip()),
    ("v1|x|chk:keep:9", CheckKeep(9)),
    ("v1|x|chk:ref:9:sql", CheckRefresh(9, "sql")),
    ("v1|x|chk:rf:sql", Refresher("sql")),
    ("v1|x|chk:rt:19", ReviewAt(19)),
    ("v1|x|chk:rt:off", ReviewAt(None)),
    ("v1|x|del:yes:t9x2k1.0123456789ab", DeleteYes("t9x2k1", "0123456789ab")),
    ("v1|x|del:no", DeleteNo()),
    ("adm|pg|courses|2", AdminPage("courses", 2)),
    ("adm|sh|ml-specialization", AdminShow("ml-specialization")),
    ("adm|undo|7", AdminUndo(7)),
    ("adm|undo|7|y", AdminUndoAnswer(7, True)),
    ("adm|undo|7|n", AdminUndoAnswer(7, False)),
    ("adm|imp|ok|a1b2", AdminImport(True, "a1b2")),
    ("adm|imp|no|a1b2", AdminImport(False, "a1b2")),
    ("adm|g|v|beginner", AdminDraftValue("beginner")),
    ("adm|g|save", AdminDraftSave()),
    ("adm|g|cancel", AdminDraftCancel()),
]


@pytest.mark.parametrize(("data", "callback"), WIRE)
def test_the_wire_format_of_old_messages_holds(data: str, callback: Callback) -> None:
    assert decode(data) == callback
    assert encode(callback) == data


# Text for free fields: printable, without the separators of the format (the codec refuses those).
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|:.\n"), min_size=1,
                max_size=30)
_N = st.integers(0, 999_999_999) | st.integers()  # beyond 9 digits or negative: refused, never mis-read
CALLBACKS: st.SearchStrategy[Callback] = st.one_of(
    st.builds(Answer, _N, _TEXT),
    st.builds(Overview, _N), st.builds(FirstStage, _N), st.builds(Stage, _N, _N),
    st.builds(Mark, _N, _N, st.booleans()), st.builds(Mark, _N, _N, st.just(True), st.just(True)),
    st.builds(File, _N, st.sampled_from(["document", "picture", "calendar"])),
    st.builds(Progress, _N), st.builds(Replan, _N), st.builds(Earliest, _N),
    st.builds(ReminderDay, st.integers(0, 6)), st.builds(ReminderAt, st.integers(0, 6), st.integers(0, 23)),
    st.builds(ReminderSwitch, st.sampled_from(["pause", "resume", "stop"])),
    st.builds(JobButton, st.sampled_from(["a", "s", "d", "x", "u"]), _N),
    st.builds(CheckStart, _TEXT), st.just(CheckSkip()), st.builds(CheckKeep, _N),
    st.builds(CheckRefresh, st.none() | _N, _TEXT), st.builds(Refresher, _TEXT),
    st.builds(ReviewAt, st.none() | st.integers(0, 23)),
    st.builds(DeleteYes, st.text("0123456789abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
              st.text("0123456789abcdef", min_size=12, max_size=12)),
    st.just(DeleteNo()),
    st.builds(AdminPage, _TEXT, st.integers()), st.builds(AdminShow, _TEXT), st.builds(AdminUndo, _N),
    st.builds(AdminUndoAnswer, _N, st.booleans()), st.builds(AdminImport, st.booleans(), _TEXT),
    st.builds(AdminDraftValue, _TEXT), st.just(AdminDraftSave()), st.just(AdminDraftCancel()),
)


@given(CALLBACKS)
def test_every_button_round_trips_or_refuses_to_be_built(callback: Callback) -> None:
    try:
        data = encode(callback)
    except DoesNotFit:
        return  # too long for Telegram: the keyboard leaves it out (or sends the option's index)
    assert len(data.encode("utf-8")) <= MAX_BYTES and "\n" not in data
    assert decode(data) == callback


@given(st.text(max_size=80))
def test_any_data_decodes_without_raising_and_what_decodes_re_encodes(data: str) -> None:
    callback = decode(data)
    if callback is None or isinstance(callback, Outdated):
        return
    assert decode(encode(callback)) == callback


_OTHER_DIGITS = st.text(st.sampled_from("²³¹٣٤۵१੩０１９"), min_size=1, max_size=4)
NUMBER_SLOTS = ["v1|{n}|x", "v1|r{n}|o", "v1|r1|m{n}", "v1|r1|s{n}", "v1|x|rem:d{n}", "v1|x|rem:h1:{n}",
                "v1|x|job:a:{n}", "v1|x|chk:keep:{n}", "v1|x|chk:rt:{n}", "adm|undo|{n}", "adm|pg|courses|{n}"]


@given(st.sampled_from(NUMBER_SLOTS), _OTHER_DIGITS | st.text("0123456789", min_size=10, max_size=30))
def test_numbers_are_ascii_digits_of_bounded_size_only(template: str, digits: str) -> None:
    callback = decode(template.format(n=digits))
    assert callback is None or isinstance(callback, Outdated), callback


def test_a_delete_confirmation_of_any_other_shape_is_a_yes_that_never_passes() -> None:
    for data in ("v1|x|del:yes", "v1|x|del:yesterday", "v1|x|del:yes:zzz", "v1|x|del:yes:.", "v1|x|del:yes:²².ab"):
        found = decode(data)
        assert isinstance(found, DeleteYes), data
    assert decode("v1|x|del:maybe") == DeleteNo()


TELEGRAM = Path(__file__).resolve().parents[2] / "bot" / "telegram"
# Callback data shapes: only the codec may spell them. (loadtest.py, a load driver, taps by its own literals.)
SHAPES = re.compile(r"""["'](v1\||adm\||rem:|job:[asdxu]|chk:|del:(yes|no))|callback_data\)?\.(split|partition|"""
                    r"""startswith|endswith|removeprefix)|\.data\.(split|partition|startswith)""")


def test_only_the_codec_knows_the_shape_of_callback_data() -> None:
    found = []
    for path in sorted(TELEGRAM.rglob("*.py")):
        if path.name in {"callbacks.py", "loadtest.py"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SHAPES.search(line):
                found.append(f"{path.relative_to(TELEGRAM)}:{number}: {line.strip()}")
    assert found == [], "build and read button data through bot.telegram.callbacks:\n" + "\n".join(found)
