"""Unicode digits ('²'.isdigit() is true, int('²') fails) and oversized numbers never crash a handler."""

from __future__ import annotations

import pytest

from bot import texts
from bot.telegram.callbacks import decode
from bot.telegram.handlers.reminders import parse_day, parse_hour
from bot.telegram.numbers import ascii_int
from bot.testing.client import AppHarness, BotClient, onboard
from tests.integration.test_admin_telegram import ADMIN_ID, admin_harness  # noqa: F401 - the fixture

HUGE = "9" * 30  # beyond SQLite's 64-bit INTEGER
FORGED = [
    "v1|²|x", "v1|٣|x", f"v1|{HUGE}|x", "v1|r²|o", "v1|r1|m²", "v1|r1|u٣", "v1|r1|s²", f"v1|r1|m{HUGE}",
    f"v1|r{HUGE}|m1", "v1|1|#²", "v1|1|#٣", "v1|x|rem:d²", "v1|x|rem:d٣", "v1|x|rem:h²:18", "v1|x|rem:h1:²",
    f"v1|x|rem:h1:{HUGE}", "v1|x|del:yes:abc.²²²²²²²²²²²²", "v1|x|del:yes:²².0123456789ab", "v1|x|del:yes:.",
]


def test_ascii_int_reads_only_ascii_digits() -> None:
    assert ascii_int("18") == 18 and ascii_int("-3", signed=True) == -3
    for text in ("²", "٣", "１８", "1²", "", "-3", " 1", HUGE, "1_000"):
        assert ascii_int(text) is None, text
    assert parse_day("²") is None and parse_day("٣") is None and parse_day("3") == 2
    assert parse_hour("²") is None and parse_hour("18:²") is None and parse_hour("١٨") is None
    assert decode("v1|²|x") is None and decode("v1|r٣|o") is None


async def test_reminders_with_unicode_digits_get_the_usage_line(harness: AppHarness) -> None:
    client = BotClient(harness)
    await onboard(client)
    for command in ("/reminders ² 18", "/reminders sun ²", "/reminders ٣ 18", "/reminders sun 18:²",
                    f"/reminders {HUGE} 18", f"/reminders sun {HUGE}"):
        await client.send(command)
        assert client.texts == [texts.TG_REMINDER_USAGE], command
    assert not harness.errors


@pytest.mark.parametrize("data", FORGED)
async def test_forged_callbacks_with_odd_digits_are_just_out_of_date(harness: AppHarness, data: str) -> None:
    client = BotClient(harness)
    await onboard(client)
    message = client.find("")
    await client.process_stale(message, data)
    assert not harness.errors, f"{data}: {harness.errors!r}"
    assert texts.TG_ERROR not in client.texts


async def test_admin_numbers_are_ascii_only(admin_harness: AppHarness) -> None:  # noqa: F811 - the fixture
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send("/catalog_undo ²")
    assert texts.ADMIN_UNDO_USAGE in "\n".join(admin.texts)
    await admin.send(f"/catalog_undo {HUGE}")
    assert texts.ADMIN_UNDO_USAGE in "\n".join(admin.texts)
    await admin.send("/courses")
    listing = admin.last
    for data in ("adm|pg|courses|²", f"adm|pg|courses|{HUGE}", "adm|undo|²", "adm|undo|٣", f"adm|undo|{HUGE}"):
        await admin.process_stale(listing, data)
        assert texts.TG_ERROR not in admin.texts, data
    assert not admin_harness.errors


def test_admin_forms_take_ascii_numbers_only() -> None:
    from bot.domain.admin import FormError, parse_form

    assert parse_form("courses", "price_usd=49", "x") == {"price_usd": 49.0}
    assert parse_form("courses", "cost_usd=49", "x")["price_usd"] == 49.0
    for form in ("cost_usd=٤٩", "hours=²", "hours=１２"):
        with pytest.raises(FormError):
            parse_form("courses", form, "x")
