"""The application as a whole: command menu vs /help, odd updates, errors, per-user ordering."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler

from bot.telegram.app import PerUserUpdateProcessor
from bot.telegram.handlers.common import COMMANDS
from bot.testing.client import AppHarness, BotClient
from bot.testing.updates import message_update, user


def _registered_commands(harness: AppHarness) -> set[str]:
    """Commands of the learner's handlers (group 0); admin commands have their own scope, menu and help."""
    return {
        command
        for handler in harness.app.handlers.get(0, [])
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }


async def test_every_command_is_in_help_and_in_the_menu(harness: AppHarness) -> None:
    [menu_call] = harness.request.calls_of("setMyCommands")[:1]
    menu = {c["command"] for c in menu_call.params["commands"]}
    client = BotClient(harness)
    await client.send("/help")
    help_text = client.last.text
    registered = _registered_commands(harness)
    assert registered, "handlers are registered"
    for command in registered:
        assert command in menu, f"/{command} is not in the command menu"
        assert f"/{command} " in help_text, f"/{command} is not in /help"
    assert menu == {name for name, _ in COMMANDS}


async def test_odd_updates_never_raise(harness: AppHarness) -> None:
    app, bot = harness.app, harness.app.bot
    payloads: list[dict[str, Any]] = [
        message_update(None, sticker={"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1,
                                      "height": 1, "is_animated": False, "is_video": False}),
        message_update(None, photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]),
        message_update(None, voice={"file_id": "v", "file_unique_id": "v", "duration": 1}),
        message_update("hello", sender=False),  # no from_user (anonymous)
        message_update("hello in a group", chat={"id": -100, "type": "group", "title": "g"}),
        {"update_id": 900001, "edited_message": message_update("edited")["message"]},
        {"update_id": 900002, "channel_post": {"message_id": 5, "date": 0, "text": "post",
                                               "chat": {"id": -1001, "type": "channel", "title": "c"}}},
        message_update("x" * 4096),
        message_update("مرحبا 👋 שלום"),
    ]
    for payload in payloads:
        await app.process_update(Update.de_json(payload, bot))
    texts = [c.params["text"] for c in harness.request.calls_of("sendMessage")]
    assert any("only read text" in t for t in texts), "a sticker gets a friendly reply"


async def test_error_handler_logs_and_reassures_the_user(harness: AppHarness, monkeypatch: Any) -> None:
    services = harness.app.bot_data["services"]

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(services.conversation, "handle", broken)
    client = BotClient(harness)
    await client.send("hi")
    assert "Nothing you told me was lost" in client.last.text
    assert [type(e) for e in harness.errors] == [RuntimeError]
    harness.errors.clear()


async def test_per_user_processor_orders_one_users_updates_but_not_others() -> None:
    processor = PerUserUpdateProcessor(16)
    log: list[str] = []

    async def work(name: str, delay: float) -> None:
        log.append(f"start {name}")
        await asyncio.sleep(delay)
        log.append(f"end {name}")

    def update(user_id: int, update_id: int) -> Update:
        return Update.de_json(message_update("x", user_id) | {"update_id": update_id}, None)

    async with processor:
        await asyncio.gather(
            processor.process_update(update(1, 1), work("a1", 0.05)),
            processor.process_update(update(1, 2), work("a2", 0.0)),
            processor.process_update(update(2, 3), work("b1", 0.0)),
        )
    assert log.index("end a1") < log.index("start a2"), "one user's updates never overlap"
    assert log.index("end b1") < log.index("end a1"), "another user is not held up"
    assert user(1)["id"] == 1


def _capture_run(monkeypatch: Any) -> dict[str, Any]:
    """Replace Application.run_polling/run_webhook with recorders (no network here)."""
    from telegram.ext import Application

    seen: dict[str, Any] = {}

    def run_polling(self: Application, **kwargs: Any) -> None:  # type: ignore[type-arg]
        seen["mode"], seen["kwargs"], seen["app"] = "polling", kwargs, self

    def run_webhook(self: Application, **kwargs: Any) -> None:  # type: ignore[type-arg]
        seen["mode"], seen["kwargs"], seen["app"] = "webhook", kwargs, self

    monkeypatch.setattr(Application, "run_polling", run_polling)
    monkeypatch.setattr(Application, "run_webhook", run_webhook)
    return seen


def test_run_bot_polls_by_default_and_honours_a_custom_bot_api(settings: Any, monkeypatch: Any) -> None:
    from bot.telegram.app import run_bot

    seen = _capture_run(monkeypatch)
    custom = settings.model_copy(update={"bot_api_base_url": "http://127.0.0.1:8081/bot",
                                         "bot_api_file_url": "http://127.0.0.1:8081/file/bot"})
    run_bot(custom)
    assert seen["mode"] == "polling"
    assert seen["app"].bot.base_url.startswith("http://127.0.0.1:8081/bot")
    assert seen["app"].bot.base_file_url.startswith("http://127.0.0.1:8081/file/bot")


def test_run_bot_uses_a_webhook_with_a_secret_when_a_url_is_set(settings: Any, monkeypatch: Any) -> None:
    from bot.telegram.app import run_bot, webhook_secret

    seen = _capture_run(monkeypatch)
    hooked = settings.model_copy(update={"webhook_url": "https://bot.example.org/waypoint/hook", "webhook_port": 8443})
    run_bot(hooked)
    assert seen["mode"] == "webhook"
    kwargs = seen["kwargs"]
    assert kwargs["webhook_url"] == "https://bot.example.org/waypoint/hook"
    assert kwargs["url_path"] == "waypoint/hook"
    assert kwargs["port"] == 8443
    secret = kwargs["secret_token"]
    assert secret == webhook_secret(hooked) and len(secret) >= 32
    assert settings.telegram_bot_token.get_secret_value() not in secret
