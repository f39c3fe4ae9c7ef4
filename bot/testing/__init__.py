"""The test kit, shared by the test suite and the benches: one fake Bot API, raw updates, and a chat client.

- `fake_bot_api.FakeBotAPI`: the Bot API in memory (a python-telegram-bot `BaseRequest`).
- `updates`: raw update dicts (messages, commands, button taps, poll answers, documents).
- `client.BotClient`: the one chat client: one user chatting with a running application (tests), or one scripted
  user among thousands sending through a bench's runner (benches, load tests); `client.running` starts an app.
"""
