"""Onboarding through Telegram: by buttons, in one free-text message, and with stale or forged buttons."""

from __future__ import annotations

from bot.testing.client import AppHarness, BotClient, onboard

BUTTON_PATH = [
    "Machine learning engineer", "No preference", "Bachelor's", "Software developer", "3-5",
    "Programming", "Python", "Done", "10 h", "12 months", "Up to $500", "Yes", "Make my plan",
]


async def test_onboarding_by_buttons_edits_each_question_and_delivers_the_roadmap(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    assert "Which role are you aiming for?" in client.last.text
    for label in BUTTON_PATH:
        question = client.find(label)
        await client.click(question, label=label)
        edited = harness.request.messages[question.message_id]
        if label not in {"Programming", "Python"}:  # multi-select lists are redrawn in place instead
            assert f"→ {label}" in (edited.text or ""), edited.text
            assert edited.buttons == [], "an answered question keeps no buttons"
    texts = client.texts
    assert any(t.startswith("<b>Your roadmap to Machine learning engineer</b>") for t in texts)
    assert any("Stage 1/" in t for t in texts)
    stage = client.last
    labels = [label for label, _ in stage.buttons]
    assert "▶" in labels and "📄 Roadmap" in labels and any(label.startswith("✅") for label in labels)
    for _, data in stage.buttons:
        assert len(data.encode()) <= 64 and data.startswith("v1|")


async def test_onboarding_in_one_free_text_message(harness: AppHarness) -> None:
    client = BotClient(harness)
    first = await client.send(
        "I'm a backend developer with 3 years experience and a BSc. I want to become an ML engineer, "
        "10 hours a week, within a year, budget $500, I know python and SQL, yes to certificates"
    )
    assert any("Got it" in (m.text or "") for m in first)
    sent = await onboard(client, "no preference")
    assert any("Your roadmap to Machine learning engineer" in (m.text or "") for m in sent)
    assert harness.request.calls_of("setMyCommands"), "the command menu is published at start"


async def test_stale_button_says_out_of_date_and_repeats_the_current_question(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    role_question = client.find("Data scientist")
    await client.click(role_question, label="Machine learning engineer")
    # The learner scrolls up and taps an old answer again.
    stale = harness.request.messages[role_question.message_id]
    await client.process_stale(stale, "v1|1|role:data-scientist")
    assert client.answers and "out of date" in client.answers[-1]["text"]
    assert "out of date" in client.last.text and "specialisation" in client.last.text.lower()
    state = harness.app.bot_data["services"].conversation.state("telegram", str(client.user_id))
    assert state.profile.target_role == "ml-engineer", "a stale button never writes"


async def test_tampered_callback_data_is_treated_as_out_of_date(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    question = client.find("Data scientist")
    for forged in ("garbage", "v9|1|role:data-scientist", "v1|x|nonsense", "v1|r99|m0", "v1|1|" + "x" * 60):
        await client.process_stale(question, forged)
        assert client.answers and "out of date" in client.answers[-1].get("text", "")
    state = harness.app.bot_data["services"].conversation.state("telegram", str(client.user_id))
    assert state.profile.target_role is None


async def test_html_in_user_text_is_escaped(harness: AppHarness) -> None:
    client = BotClient(harness)
    await client.send("/start")
    await client.tap("MLOps engineer")  # a role without specialisations: education comes next
    await client.tap("Master's")
    # At the job question any text is taken as a job title and echoed back: it must arrive escaped.
    await client.send('<b>evil</b> & "<a href=x>')
    for call in harness.request.calls_of("sendMessage"):
        text = call.params["text"]
        assert "<b>evil</b>" not in text and "<a href=x>" not in text
    assert any("&lt;b&gt;evil&lt;/b&gt; &amp;" in c.params["text"] for c in harness.request.calls_of("sendMessage"))
    assert all(c.params.get("parse_mode") == "HTML" for c in harness.request.calls_of("sendMessage"))
