"""Hostile admin uploads: alias bombs, missing or false sizes, long parses and long problem lists."""

from __future__ import annotations

import asyncio
import threading
import tracemalloc
from typing import Any

import pytest
import yaml

from bot import texts
from bot.services.catalog_admin import ImportPreview, parse_upload
from bot.telegram.handlers.admin import upload as tg_upload
from bot.testing.client import AppHarness, BotClient
from bot.testing.updates import message_update
from tests.integration.test_admin_telegram import ADMIN_ID, LEARNER_ID, admin_harness, uploads  # noqa: F401

# Nine levels of ten aliases each: 10**9 strings once expanded, from a text of about half a kilobyte.
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    + ["courses: [*i]"]
)


def _upload(admin: BotClient, file_id: str, data: bytes, name: str = "courses.yaml",
            size: int | None = None) -> dict[str, Any]:
    uploads(admin.harness).upload(file_id, data)
    document: dict[str, Any] = {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_name": name}
    if size is not None:
        document["file_size"] = size
    return message_update(None, ADMIN_ID, document=document)


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    assert len(ALIAS_BOMB.encode()) < 600
    tracemalloc.start()
    try:
        parsed = parse_upload(ALIAS_BOMB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(parsed, ImportPreview)
    assert [p.message for p in parsed.problems] == [texts.ADMIN_ERR_ALIAS]
    assert peak < 5_000_000, f"{peak} bytes used: the aliases were expanded"


async def test_an_alias_bomb_upload_gets_one_clear_refusal(admin_harness: AppHarness) -> None:  # noqa: F811
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.process(_upload(admin, "bomb", ALIAS_BOMB.encode()))
    assert len(admin.last_messages) == 1
    assert texts.ADMIN_ERR_ALIAS in (admin.last.text or "")
    assert not admin.last.buttons


@pytest.mark.parametrize("claimed", [None, 100], ids=["no-file-size", "false-file-size"])
async def test_the_size_limit_holds_on_the_downloaded_bytes(admin_harness: AppHarness,  # noqa: F811
                                                            claimed: int | None) -> None:
    admin = BotClient(admin_harness, ADMIN_ID)
    big = b"courses:\n" + b"# padding\n" * (tg_upload.MAX_UPLOAD_BYTES // 10 + 1)
    await admin.process(_upload(admin, "big", big, size=claimed))
    assert admin.texts == [texts.ADMIN_UPLOAD_TOO_BIG]


async def test_parsing_runs_off_the_event_loop(admin_harness: AppHarness,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """While an upload is being parsed, another user's /help is answered (no clock involved)."""
    release = threading.Event()
    threads: list[int] = []

    def slow_parse(text: str) -> Any:
        threads.append(threading.get_ident())
        assert release.wait(timeout=30), "never released"
        return parse_upload(text)

    checked_in: list[int] = []
    real_check = tg_upload.check_import

    def check(documents: Any, state: Any) -> Any:
        checked_in.append(threading.get_ident())
        return real_check(documents, state)

    monkeypatch.setattr(tg_upload, "parse_upload", slow_parse)
    monkeypatch.setattr(tg_upload, "check_import", check)
    admin = BotClient(admin_harness, ADMIN_ID)
    learner = BotClient(admin_harness, LEARNER_ID)
    upload = asyncio.ensure_future(admin.process(_upload(admin, "ok", b"courses:\n  - id: cs50p\n    hours: 81\n")))
    while not threads:
        await asyncio.sleep(0)
    await learner.send("/help")
    answered_while_parsing = not upload.done() and bool(admin_harness.request.chat_messages(LEARNER_ID))
    release.set()
    await upload
    assert threads[0] != threading.get_ident(), "parsed on the event loop's thread"
    assert checked_in and checked_in[0] != threading.get_ident(), "checked on the event loop's thread"
    assert answered_while_parsing, "the other user waited for the parse"


async def test_a_long_problem_list_is_one_message_and_a_file(admin_harness: AppHarness) -> None:  # noqa: F811
    admin = BotClient(admin_harness, ADMIN_ID)
    bad = "courses:\n" + "".join(f"  - id: bad-{i}\n    title: X\n    url: www.example.com\n" for i in range(300))
    await admin.process(_upload(admin, "bad", bad.encode()))
    kinds = [m.kind for m in admin.last_messages]
    assert kinds == ["text", "document"], kinds
    summary, attached = admin.last_messages
    assert texts.ADMIN_IMPORT_INVALID in (summary.text or "") and "problems in all" in (summary.text or "")
    listed = (attached.data or b"").decode()
    assert all(f"bad-{i} ·" in listed for i in range(300))
    assert attached.file_name == "problems.txt"


def test_an_export_never_uses_aliases_so_it_uploads_again() -> None:
    from bot.services.catalog_admin import _NoAliasDumper

    shared = ["python", "sql"]
    text = yaml.dump({"courses": [{"id": "a", "skills": shared}, {"id": "b", "skills": shared}]},
                     Dumper=_NoAliasDumper)
    assert "&" not in text and "*" not in text
    assert not isinstance(parse_upload(text), ImportPreview)
