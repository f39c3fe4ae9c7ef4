"""End to end: the real bot process (`python -m bot run`) against the Bot API emulator on loopback.

Needs Node.js; the emulator's npm package is installed once into tests/e2e/.node (gitignored) by
setup.sh. Without node these tests are skipped, saying so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.ttapi import BotMessage, ManagedProcess, TelegramTestAPI

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NODE_DIR = HERE / ".node"
USER = 4242
ONE_MESSAGE = (
    "I'm a backend developer with 3 years experience and a BSc. I want to become an ML engineer, "
    "10 hours a week, within a year, budget $500, I know python and SQL, yes to certificates"
)
DEFAULT_TAPS = ("No preference", "Done", "Yes", "Make my plan")
TRANSCRIPT: list[str] = []


def say(line: str) -> None:
    TRANSCRIPT.append(line)
    print(line)


@pytest.fixture(scope="module")
def node_modules() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js (node and npm) is not installed: the Bot API emulator cannot run")
    modules = NODE_DIR / "node_modules"
    if not (modules / "telegram-test-api" / "package.json").exists():
        subprocess.run(["bash", str(HERE / "setup.sh"), str(NODE_DIR)], check=True, timeout=300)
    return modules


@pytest.fixture(scope="module")
def emulator(node_modules: Path) -> Iterator[TelegramTestAPI]:
    with TelegramTestAPI(node_modules) as tg:
        yield tg


class BotProcess:
    """The real bot, started and stopped by PID."""

    def __init__(self, tg: TelegramTestAPI, db_path: Path, log_dir: Path) -> None:
        self.tg, self.db_path, self.log_dir = tg, db_path, log_dir
        self.proc: ManagedProcess | None = None
        self.starts = 0

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WAYPOINT_", "TELEGRAM_"))}
        bot_env = self.tg.bot_env()
        env.update({
            "TELEGRAM_BOT_TOKEN": bot_env["TELEGRAM_BOT_TOKEN"],
            "WAYPOINT_BOT_API_BASE_URL": bot_env["TELEGRAM_BASE_URL"],
            "WAYPOINT_BOT_API_FILE_URL": bot_env["TELEGRAM_BASE_FILE_URL"],
            "WAYPOINT_DB_PATH": str(self.db_path),
            "WAYPOINT_LOG_LEVEL": "INFO",
        })
        self.starts += 1
        self.proc = ManagedProcess([sys.executable, "-m", "bot", "run"], env=env, cwd=str(self.log_dir),
                                   log_path=str(self.log_dir / f"bot-{self.starts}.log"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if "Application started" in self.proc.log_text():
                return
            if not self.proc.is_running():
                raise AssertionError(f"bot exited early:\n{self.proc.log_text()[-3000:]}")
            time.sleep(0.1)
        raise AssertionError(f"bot not started in 30 s:\n{self.proc.log_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.stop()

    def log(self) -> str:
        return self.proc.log_text() if self.proc else ""


@pytest.fixture
def bot(emulator: TelegramTestAPI, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(emulator, tmp_path / "waypoint.db", tmp_path)
    process.start()
    yield process
    process.stop()
    log = process.log()
    assert "Traceback" not in log, log[-3000:]


def user_says(tg: TelegramTestAPI, text: str, user: int = USER, min_count: int = 1) -> list[BotMessage]:
    say(f"USER: {text}")
    tg.send_text(user, user, text)
    return bot_replies(tg, user, min_count)


def user_taps(tg: TelegramTestAPI, message: BotMessage, label: str, user: int = USER,
              min_count: int = 1) -> list[BotMessage]:
    say(f"USER taps [{label}]")
    tg.press_button(user, message, text=label)
    return bot_replies(tg, user, min_count)


def bot_replies(tg: TelegramTestAPI, user: int, min_count: int = 1) -> list[BotMessage]:
    messages = tg.wait_for_bot_messages(user, timeout=15, min_count=min_count, settle=0.6)
    for m in messages:
        shown = (m.text or m.caption or "").replace("\n", " ⏎ ")
        kind = "document" if m.document else "photo" if m.photo else "text"
        say(f"BOT ({kind}): {shown[:160]}{'…' if len(shown) > 160 else ''}"
            + (f"  [{' | '.join(m.button_texts[:6])}{' …' if len(m.button_texts) > 6 else ''}]" if m.buttons else ""))
    return messages


def latest_with_buttons(tg: TelegramTestAPI, user: int = USER) -> BotMessage:
    return [m for m in tg.get_bot_messages(user) if m.buttons][-1]


def label_of(message: BotMessage, start: str) -> str:
    return next(t for t in message.button_texts if t.startswith(start))


def test_onboarding_roadmap_files_progress_and_restart(emulator: TelegramTestAPI, bot: BotProcess) -> None:
    tg = emulator
    commands = {c["command"] for c in tg.get_my_commands()}
    assert {"start", "progress", "done", "reminders", "export", "delete", "help"} <= commands

    replies = user_says(tg, "/start", min_count=2)
    assert any("Which role" in (m.text or "") for m in replies)

    replies = user_says(tg, ONE_MESSAGE)
    for _ in range(10):
        if any("Your roadmap to" in (m.text or "") for m in replies):
            break
        question = latest_with_buttons(tg)
        pick = next((label for label in DEFAULT_TAPS if label in question.button_texts), question.button_texts[0])
        replies = user_taps(tg, question, pick)
    overview = next(m for m in replies if "Your roadmap to" in (m.text or ""))
    stage = next(m for m in replies if "Stage 1/" in (m.text or ""))

    [document] = [m for m in user_taps(tg, overview, "📄 Roadmap") if m.document]
    markdown = tg.get_file_bytes(document.document["file_id"])
    assert markdown.startswith(b"#") and b"Machine learning engineer" in markdown
    say(f"(document {document.document.get('file_name')}: {len(markdown)} bytes)")

    [photo] = [m for m in user_taps(tg, overview, "🖼 Timeline") if m.photo]
    png = tg.get_file_bytes(photo.photo[-1]["file_id"])
    assert png.startswith(b"\x89PNG")
    say(f"(timeline picture: {len(png)} bytes)")

    tick = label_of(stage, "✅")
    edits = tg.get_message(USER, stage.message_id).edit_count
    report = user_taps(tg, stage, tick)
    assert any((m.text or "").startswith("✅ Marked done") for m in report)
    redrawn = tg.wait_for_edit(USER, stage.message_id, after_edit_count=edits)
    assert redrawn is not None and "↩ " + tick.removeprefix("✅ ") in redrawn.button_texts

    progress = user_says(tg, "/progress")
    assert any("Your progress" in (m.text or "") for m in progress)


def test_restart_of_the_bot_process_mid_conversation(emulator: TelegramTestAPI, bot: BotProcess) -> None:
    tg, user = emulator, USER + 1
    user_says(tg, "/start", user=user, min_count=2)
    role_question = latest_with_buttons(tg, user)
    replies = user_taps(tg, role_question, "Data scientist", user=user)
    domain_question = next(m for m in replies if m.buttons)

    say("(bot process stopped and started again)")
    bot.stop()
    bot.start()

    # The question asked before the restart still works: state and version came from SQLite.
    replies = user_taps(tg, domain_question, domain_question.button_texts[0], user=user)
    assert any("education" in (m.text or "").lower() for m in replies)
    replies = user_says(tg, "/summary", user=user)
    assert any("Data scientist" in (m.text or "") for m in replies)
    # A question answered by typing keeps its buttons; tapping one later is out of date.
    user_says(tg, "/start", user=user, min_count=2)
    education_question = latest_with_buttons(tg, user)
    replies = user_says(tg, "I have a master's degree", user=user)
    say("USER taps [PhD] on the education question answered by text")
    cq = tg.press_button(user, education_question, text="PhD")
    answer = tg.wait_for_callback_answer(cq, timeout=10)
    assert answer is not None and "out of date" in (answer.get("text") or "")
    say("BOT (callback answer): " + (answer.get("text") or ""))
    replies = bot_replies(tg, user)
    assert any("out of date" in (m.text or "") for m in replies)
    replies = user_says(tg, "/summary", user=user)
    assert any("Master" in (m.text or "") for m in replies), "the stale tap wrote nothing"


def test_claimed_skill_check_with_native_quiz_polls(emulator: TelegramTestAPI, bot: BotProcess) -> None:
    """Issue 18: /check sends quiz polls; the emulator's poll_answer (no chat) is mapped back by poll id."""
    tg, user = emulator, USER + 2
    user_says(tg, "/start", user=user, min_count=2)
    replies = user_says(tg, ONE_MESSAGE, user=user)
    for _ in range(10):
        if any("Your roadmap to" in (m.text or "") for m in replies):
            break
        question = latest_with_buttons(tg, user)
        pick = next((label for label in DEFAULT_TAPS if label in question.button_texts), question.button_texts[0])
        replies = user_taps(tg, question, pick, user=user)
    replies = user_says(tg, "/check sql", user=user)
    for number in range(3):
        [poll] = [m for m in replies if m.poll]
        assert poll.poll is not None and poll.poll["type"] == "quiz" and not poll.poll["is_anonymous"]
        say(f"BOT (quiz poll): {poll.poll['question']}  [{' | '.join(o['text'] for o in poll.poll['options'])}]")
        right = int(poll.poll["correct_option_ids"][0])
        choice = right if number != 1 else (right + 1) % len(poll.poll["options"])
        say(f"USER votes option {choice + 1}{' (right)' if choice == right else ' (wrong)'}")
        tg.answer_poll(user, poll, [choice])
        replies = bot_replies(tg, user)
    assert any("SQL checked: 2 of 3 right" in (m.text or "") for m in replies)
    # A vote in a poll the bot never sent is refused by the emulator itself; an old poll's vote is ignored.
    progress = user_says(tg, "/progress", user=user)
    assert any("Checked: SQL" in (m.text or "") for m in progress)
