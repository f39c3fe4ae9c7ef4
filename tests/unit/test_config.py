"""Settings are read from the environment, and a bad value is one clear line naming the variable."""

from pathlib import Path

import pytest

from bot.config import SHIPPED_CONTENT, SettingsError, load_settings

VARS = [
    "TELEGRAM_BOT_TOKEN", "WAYPOINT_DB_PATH", "WAYPOINT_ADMIN_IDS", "WAYPOINT_BOT_API_BASE_URL",
    "WAYPOINT_BOT_API_FILE_URL", "WAYPOINT_CONTENT_DIR", "WAYPOINT_WEBHOOK_URL", "WAYPOINT_WEBHOOK_PORT",
    "WAYPOINT_LOG_LEVEL",
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout


def test_defaults_mean_terminal_mode() -> None:
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.db_path == Path("data/waypoint.db")
    assert settings.content_dir == SHIPPED_CONTENT
    assert settings.admin_ids == []
    assert settings.log_level == "INFO"


def test_values_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("WAYPOINT_ADMIN_IDS", "10, 20,30")
    monkeypatch.setenv("WAYPOINT_BOT_API_BASE_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("WAYPOINT_LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:abc"
    assert "123:abc" not in repr(settings)
    assert settings.admin_ids == [10, 20, 30]
    assert settings.bot_api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.log_level == "DEBUG"


def test_env_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("WAYPOINT_ADMIN_IDS=7\nWAYPOINT_DB_PATH=/tmp/x.db\n")
    settings = load_settings()
    assert settings.admin_ids == [7]
    assert settings.db_path == Path("/tmp/x.db")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WAYPOINT_ADMIN_IDS", "abc"),
        ("WAYPOINT_WEBHOOK_PORT", "seventy"),
        ("WAYPOINT_BOT_API_BASE_URL", "ftp://x"),
        ("WAYPOINT_LOG_LEVEL", "LOUD"),
    ],
)
def test_bad_value_is_one_line_naming_the_variable(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(variable)


def test_blank_optional_values_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "WAYPOINT_WEBHOOK_PORT", "WAYPOINT_WEBHOOK_URL", "WAYPOINT_ADMIN_IDS"):
        monkeypatch.setenv(name, "")
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.webhook_port is None
    assert settings.webhook_url is None
    assert settings.admin_ids == []


def test_env_example_loads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    (tmp_path / ".env").write_text(example.read_text())
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.webhook_port == 8443


def test_blank_paths_mean_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOINT_DB_PATH", "")
    monkeypatch.setenv("WAYPOINT_CONTENT_DIR", " ")
    settings = load_settings()
    assert settings.db_path == Path("data/waypoint.db")
    assert settings.content_dir == SHIPPED_CONTENT


def test_a_plain_http_webhook_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOINT_WEBHOOK_URL", "http://bot.example.org/hook")
    with pytest.raises(SettingsError, match=r"^WAYPOINT_WEBHOOK_URL: Telegram only calls https://"):
        load_settings()
