"""Issue 13, rule 7 in Telegram: the earliest reachable date is one tap wherever the overview of a plan that misses
its deadline is shown, not only in the message right after planning; and it is offered once per screen."""

from __future__ import annotations

from bot.telegram.html import strip_tags
from bot.testing.client import AppHarness, BotClient, onboard
from bot.testing.fake_bot_api import Sent

TIGHT = "I want to become an ML engineer, 10 hours a week, deadline in 2 months, no budget limit, no certificates"


def use_date_buttons(messages: list[Sent]) -> list[tuple[Sent, str]]:
    return [(m, label) for m in messages for label, _ in m.buttons if label.startswith("Use ") and "deadline" in label]


async def test_the_earliest_date_is_one_tap_from_any_overview(harness: AppHarness) -> None:
    client = BotClient(harness, 5151)
    planned = await onboard(client, TIGHT)
    assert len(use_date_buttons(planned)) == 1  # right after planning: once, not on two messages
    await client.send("/plan")  # later: the stored plan's overview carries it
    offered = use_date_buttons(client.last_messages)
    assert len(offered) == 1
    message, label = offered[0]
    data = message.data_for(label)
    await client.click(message, label=label)
    overview = next(m for m in client.last_messages if "Your roadmap to" in (m.text or ""))
    assert "deadline" in strip_tags(overview.text or "").lower() and not use_date_buttons([overview])
    assert not use_date_buttons(client.last_messages)  # the new plan reaches its deadline: nothing to offer
    assert not use_date_buttons([harness.request.messages[message.message_id]])  # the tapped button is gone
    await client.process_stale(message, data)  # the old button again: the plan changed, nothing happens twice
    assert not any("Your roadmap to" in (m.text or "") for m in client.last_messages)
