"""Security: HTML injection escaped, the token never logged, SQL only parameterised, floods contained.

Admin gating is tested by the admin engineer's suite.
"""

from __future__ import annotations

import ast
import asyncio
import logging
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from telegram.error import TimedOut

from bot import texts
from bot.bench.load import QueuedRunner, bench_api
from bot.telegram.app import MAX_PENDING_PER_USER
from bot.testing.client import BotClient, onboard
from bot.testing.fake_bot_api import FakeBotAPI
from tests.conftest import TOKEN

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler",
                "blockquote", "span"}
EVIL = '<b>x</b><a href="javascript:alert(1)">y</a> & <script>alert(1)</script> <i'


class TagCheck(HTMLParser):
    """Collects tags and hrefs of Telegram HTML."""

    def __init__(self) -> None:
        """Nothing seen yet."""
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Remember every tag and link."""
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]


def _check_html(text: str) -> None:
    parser = TagCheck()
    parser.feed(text)
    assert set(parser.tags) <= ALLOWED_TAGS, f"unexpected tags {set(parser.tags) - ALLOWED_TAGS} in {text[:200]!r}"
    assert not any(h.lower().startswith("javascript:") for h in parser.hrefs), text[:200]
    assert "<script" not in text


async def test_user_text_is_escaped_in_every_message(make_app: Callable[..., Any]) -> None:
    async with make_app() as h:
        client = BotClient(h)
        await client.send("/start")
        for label in ("Machine learning engineer", "No preference", "Bachelor's"):
            await client.tap(label)
        await client.send(EVIL)  # "What do you do now?": free text that is repeated back
        await client.send(f"I know {EVIL} and python")
        await onboard(client, "no preference")
        await client.send(f"/done {EVIL}")
        await client.send(f"/nonsense {EVIL}")
        texts = [c.params.get("text") or c.params.get("caption") or "" for c in h.request.calls
                 if c.method in {"sendMessage", "editMessageText", "sendDocument", "sendPhoto"}]
        assert texts
        for text in texts:
            _check_html(str(text))
        assert not any("<b>x</b>" in str(t) for t in texts), "user HTML reached Telegram unescaped"
        assert not h.errors, h.errors


@pytest.mark.parametrize("level", [
    logging.INFO,
    logging.DEBUG,  # python-telegram-bot logs 'Set Bot API URL: .../bot<token>' at DEBUG
], ids=["INFO", "DEBUG"])
async def test_token_never_in_logs_or_errors(make_app: Callable[..., Any], caplog: pytest.LogCaptureFixture,
                                             level: int) -> None:
    caplog.set_level(level)
    secret = TOKEN.split(":", 1)[1]
    fake = FakeBotAPI()
    async with make_app(request=fake) as h:
        client = BotClient(h)
        await client.send("/start")
        fake.raise_on("sendMessage", TimedOut("timed out"))
        await client.tap("Machine learning engineer")
        fake.fail("sendMessage", 400, "Bad Request: chat not found")
        await client.send("/help")
        assert h.errors, "the faults above should have reached the error handler"
        assert secret not in caplog.text
        assert not any(secret in repr(e) or secret in str(e) for e in h.errors)
        assert secret not in repr(h.app.bot_data["services"].settings)


STORAGE = Path(__file__).resolve().parents[2] / "bot" / "storage"
SQL_CALLS = {"execute", "executescript", "executemany", "_rows", "_row", "_scalar", "query"}
CONSTANT_ITERABLES = {"TABLES", "LEARNER_TABLES"}  # fixed tuples of table names, never input


def _vetted(node: ast.expr, parents: dict[ast.AST, ast.AST]) -> bool:
    """An f-string placeholder that cannot carry input: int(CONSTANT), or a loop variable over a constant tuple."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "int" \
            and all(isinstance(a, ast.Name) and a.id.isupper() for a in node.args):
        return True
    if not isinstance(node, ast.Name):
        return False
    current: ast.AST | None = node
    while current is not None:
        loops: list[tuple[ast.expr, ast.expr]] = []
        if isinstance(current, ast.For):
            loops.append((current.target, current.iter))
        if isinstance(current, ast.comprehension):
            loops.append((current.target, current.iter))
        if isinstance(current, ast.DictComp | ast.ListComp | ast.SetComp | ast.GeneratorExp):
            loops += [(g.target, g.iter) for g in current.generators]
        for target, it in loops:
            if isinstance(target, ast.Name) and target.id == node.id:
                return isinstance(it, ast.Name) and it.id in CONSTANT_ITERABLES
        current = parents.get(current)
    return False


def test_sql_is_only_parameterised() -> None:
    problems: list[str] = []
    for path in sorted(STORAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if name not in SQL_CALLS:
                continue
            sql = call.args[1] if name in {"_rows", "_row", "_scalar"} and len(call.args) > 1 else (
                call.args[0] if call.args else None)
            where = f"{path.name}:{call.lineno}"
            if isinstance(sql, ast.BinOp):  # "..." % x or "..." + x
                problems.append(f"{where}: SQL built with an operator")
            elif isinstance(sql, ast.Call) and isinstance(sql.func, ast.Attribute) and sql.func.attr == "format":
                problems.append(f"{where}: SQL built with str.format")
            elif isinstance(sql, ast.JoinedStr):
                for value in sql.values:
                    if isinstance(value, ast.FormattedValue) and not _vetted(value.value, parents):
                        problems.append(f"{where}: f-string SQL interpolates {ast.unparse(value.value)}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
async def test_a_flood_from_one_user_does_not_starve_others(make_rig) -> None:  # type: ignore[no-untyped-def]
    async with make_rig(bench_api(keep_per_chat=400)) as rig:
        runner = QueuedRunner(rig.app)
        await rig.app.start()
        try:
            flooder = BotClient(rig, 1)
            other = BotClient(rig, 2)
            flood = [asyncio.ensure_future(runner(rig.app, flooder.send_payload(f"spam {i}"))) for i in range(300)]
            await asyncio.sleep(0)
            for text in ("/start", "I want to become a data scientist", "/help"):
                await asyncio.wait_for(runner(rig.app, other.send_payload(text)), timeout=10)
            flood_left = sum(1 for f in flood if not f.done())
            done, pending = await asyncio.wait(flood, timeout=8)
            for future in pending:  # dropped updates never finish
                future.cancel()
        finally:
            await rig.app.stop()
        assert not rig.errors, rig.errors[:3]
        assert len(rig.request.chat_messages(2)) >= 3, "the other user got no replies"
        # Not starved: the other learner was served while most of the flood was still waiting.
        assert flood_left > 150, f"the other user waited for {300 - flood_left} flood updates first"
        # Bounded: beyond MAX_PENDING_PER_USER queued updates the flood is dropped, with one polite notice.
        assert len(done) <= MAX_PENDING_PER_USER + 2, f"{len(done)} of 300 flood updates were processed"
        notices = [m for m in rig.request.chat_messages(1) if m.text == texts.TG_SLOW_DOWN]
        assert len(notices) == 1, f"{len(notices)} slow-down notices for one flood"
