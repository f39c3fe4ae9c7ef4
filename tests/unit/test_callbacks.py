"""The one button codec: every button round-trips, fits 64 bytes, keeps the wire format old messages carry,
reads ASCII digits only, and is the only place in the Telegram package that knows the data's shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram import callbacks as cb

# Data that buttons in learners' chats carry today: each must keep decoding to the same button, and the
# button must keep encoding to exactly these bytes (transcripts stay byte-identical).
WIRE: list[tuple[str, cb.Callback]] = [
    ("v1|3|role:ml-engineer", cb.Answer(3, "role:ml-engineer")),
    ("v1|12|#4", cb.Answer(12, "#4")),
    ("v1|r2|o", cb.Overview(2)),
    ("v1|r2|st", cb.FirstStage(2)),
    ("v1|r2|s0", cb.Stage(2, 0)),
    ("v1|r7|m12", cb.Mark(7, 12, done=True)),
    ("v1|r7|u12", cb.Mark(7, 12, done=False)),
    ("v1|r7|M12", cb.Mark(7, 12, done=True, confirmed=True)),
    ("v1|r1|doc", cb.File(1, "document")),
    ("v1|r1|png", cb.File(1, "picture")),
    ("v1|r1|ics", cb.File(1, "calendar")),
    ("v1|r1|prog", cb.Progress(1)),
    ("v1|r4|rp", cb.Replan(4)),
    ("v1|r4|ed", cb.Earliest(4)),
    ("v1|x|rem:d6", cb.ReminderDay(6)),
    ("v1|x|rem:h2:18", cb.ReminderAt(2, 18)),
    ("v1|x|rem:pause", cb.ReminderSwitch("pause")),
    ("v1|x|rem:resume", cb.ReminderSwitch("resume")),
    ("v1|x|rem:stop", cb.ReminderSwitch("stop")),
    ("v1|x|job:a:15", cb.JobButton("a", 15)),
    ("v1|x|job:u:3", cb.JobButton("u", 3)),
    ("v1|x|chk:go:python", cb.CheckStart("python")),
    ("v1|x|chk:skip", cb.CheckSkip()),
    ("v1|x|chk:keep:9", cb.CheckKeep(9)),
    ("v1|x|chk:ref:9:sql", cb.CheckRefresh(9, "sql")),
    ("v1|x|chk:rf:sql", cb.Refresher("sql")),
    ("v1|x|chk:rt:19", cb.ReviewAt(19)),
    ("v1|x|chk:rt:off", cb.ReviewAt(None)),
    ("v1|x|del:yes:t9x2k1.0123456789ab", cb.DeleteYes("t9x2k1", "0123456789ab")),
    ("v1|x|del:no", cb.DeleteNo()),
    ("adm|pg|courses|2", cb.AdminPage("courses", 2)),
    ("adm|sh|ml-specialization", cb.AdminShow("ml-specialization")),
    ("adm|undo|7", cb.AdminUndo(7)),
    ("adm|undo|7|y", cb.AdminUndoAnswer(7, True)),
    ("adm|undo|7|n", cb.AdminUndoAnswer(7, False)),
    ("adm|imp|ok|a1b2", cb.AdminImport(True, "a1b2")),
    ("adm|imp|no|a1b2", cb.AdminImport(False, "a1b2")),
    ("adm|g|v|beginner", cb.AdminDraftValue("beginner")),
    ("adm|g|save", cb.AdminDraftSave()),
    ("adm|g|cancel", cb.AdminDraftCancel()),
]


@pytest.mark.parametrize(("data", "callback"), WIRE)
def test_the_wire_format_of_old_messages_holds(data: str, callback: cb.Callback) -> None:
    assert cb.decode(data) == callback
    assert cb.encode(callback) == data


# Text for free fields: printable, without the separators of the format (the codec refuses those).
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|:.\n"), min_size=1,
                max_size=30)
_N = st.integers(0, 999_999_999) | st.integers()  # beyond 9 digits or negative: refused, never mis-read
CALLBACKS: st.SearchStrategy[cb.Callback] = st.one_of(
    st.builds(cb.Answer, _N, _TEXT),
    st.builds(cb.Overview, _N), st.builds(cb.FirstStage, _N), st.builds(cb.Stage, _N, _N),
    st.builds(cb.Mark, _N, _N, st.booleans()), st.builds(cb.Mark, _N, _N, st.just(True), st.just(True)),
    st.builds(cb.File, _N, st.sampled_from(["document", "picture", "calendar"])),
    st.builds(cb.Progress, _N), st.builds(cb.Replan, _N), st.builds(cb.Earliest, _N),
    st.builds(cb.ReminderDay, st.integers(0, 6)), st.builds(cb.ReminderAt, st.integers(0, 6), st.integers(0, 23)),
    st.builds(cb.ReminderSwitch, st.sampled_from(["pause", "resume", "stop"])),
    st.builds(cb.JobButton, st.sampled_from(["a", "s", "d", "x", "u"]), _N),
    st.builds(cb.CheckStart, _TEXT), st.just(cb.CheckSkip()), st.builds(cb.CheckKeep, _N),
    st.builds(cb.CheckRefresh, st.none() | _N, _TEXT), st.builds(cb.Refresher, _TEXT),
    st.builds(cb.ReviewAt, st.none() | st.integers(0, 23)),
    st.builds(cb.DeleteYes, st.text("0123456789abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
              st.text("0123456789abcdef", min_size=12, max_size=12)),
    st.just(cb.DeleteNo()),
    st.builds(cb.AdminPage, _TEXT, st.integers()), st.builds(cb.AdminShow, _TEXT), st.builds(cb.AdminUndo, _N),
    st.builds(cb.AdminUndoAnswer, _N, st.booleans()), st.builds(cb.AdminImport, st.booleans(), _TEXT),
    st.builds(cb.AdminDraftValue, _TEXT), st.just(cb.AdminDraftSave()), st.just(cb.AdminDraftCancel()),
)


@given(CALLBACKS)
def test_every_button_round_trips_or_refuses_to_be_built(callback: cb.Callback) -> None:
    try:
        data = cb.encode(callback)
    except cb.DoesNotFit:
        return  # too long for Telegram: the keyboard leaves it out (or sends the option's index)
    assert len(data.encode("utf-8")) <= cb.MAX_BYTES and "\n" not in data
    assert cb.decode(data) == callback


@given(st.text(max_size=80))
def test_any_data_decodes_without_raising_and_what_decodes_re_encodes(data: str) -> None:
    callback = cb.decode(data)
    if callback is None or isinstance(callback, cb.Outdated):
        return
    assert cb.decode(cb.encode(callback)) == callback


_OTHER_DIGITS = st.text(st.sampled_from("²³¹٣٤۵१੩０１９"), min_size=1, max_size=4)
NUMBER_SLOTS = ["v1|{n}|x", "v1|r{n}|o", "v1|r1|m{n}", "v1|r1|s{n}", "v1|x|rem:d{n}", "v1|x|rem:h1:{n}",
                "v1|x|job:a:{n}", "v1|x|chk:keep:{n}", "v1|x|chk:rt:{n}", "adm|undo|{n}", "adm|pg|courses|{n}"]


@given(st.sampled_from(NUMBER_SLOTS), _OTHER_DIGITS | st.text("0123456789", min_size=10, max_size=30))
def test_numbers_are_ascii_digits_of_bounded_size_only(template: str, digits: str) -> None:
    callback = cb.decode(template.format(n=digits))
    assert callback is None or isinstance(callback, cb.Outdated), callback


def test_a_delete_confirmation_of_any_other_shape_is_a_yes_that_never_passes() -> None:
    for data in ("v1|x|del:yes", "v1|x|del:yesterday", "v1|x|del:yes:zzz", "v1|x|del:yes:.", "v1|x|del:yes:²².ab"):
        found = cb.decode(data)
        assert isinstance(found, cb.DeleteYes), data
    assert cb.decode("v1|x|del:maybe") == cb.DeleteNo()


TELEGRAM = Path(__file__).resolve().parents[2] / "bot" / "telegram"
# cb.Callback data shapes: only the codec may spell them.
SHAPES = re.compile(r"""["'](v1\||adm\||rem:|job:[asdxu]|chk:|del:(yes|no))|callback_data\)?\.(split|partition|"""
                    r"""startswith|endswith|removeprefix)|\.data\.(split|partition|startswith)""")


def test_only_the_codec_knows_the_shape_of_callback_data() -> None:
    found = []
    for path in sorted(TELEGRAM.rglob("*.py")):
        if path.name == "callbacks.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SHAPES.search(line):
                found.append(f"{path.relative_to(TELEGRAM)}:{number}: {line.strip()}")
    assert found == [], "build and read button data through bot.telegram.callbacks:\n" + "\n".join(found)
