"""Runtime settings, read once from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot import texts

SHIPPED_CONTENT = Path(__file__).resolve().parent.parent / "content"


class Settings(BaseSettings):
    """Every setting Waypoint reads; the variable names are a public interface."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(None, alias="TELEGRAM_BOT_TOKEN")
    db_path: Path = Field(Path("./data/waypoint.db"), alias="WAYPOINT_DB_PATH")
    admin_ids: Annotated[list[int], NoDecode] = Field(default=[], alias="WAYPOINT_ADMIN_IDS")
    bot_api_base_url: str | None = Field(None, alias="WAYPOINT_BOT_API_BASE_URL")
    bot_api_file_url: str | None = Field(None, alias="WAYPOINT_BOT_API_FILE_URL")
    content_dir: Path = Field(SHIPPED_CONTENT, alias="WAYPOINT_CONTENT_DIR")
    webhook_url: str | None = Field(None, alias="WAYPOINT_WEBHOOK_URL")
    webhook_port: int | None = Field(None, alias="WAYPOINT_WEBHOOK_PORT", ge=1, le=65535)
    log_level: str = Field("INFO", alias="WAYPOINT_LOG_LEVEL")

    @field_validator("telegram_bot_token", "webhook_port", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("db_path", "content_dir", mode="before")
    @classmethod
    def _blank_path_is_default(cls, value: object, info: ValidationInfo) -> object:
        # "WAYPOINT_DB_PATH=" in a .env means "the default", not the current directory.
        if isinstance(value, str) and not value.strip():
            default = cls.model_fields[info.field_name or ""].default
            return default
        return value

    @field_validator("webhook_url", mode="after")
    @classmethod
    def _webhook_is_https(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError(texts.CONFIG_ERR_WEBHOOK_HTTPS.format(value=value))
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            bad = [p for p in parts if not p.lstrip("-").isdigit()]
            if bad:
                raise ValueError(texts.CONFIG_ERR_ADMIN_IDS.format(ids=", ".join(bad)))
            return [int(p) for p in parts]
        return value

    @field_validator("bot_api_base_url", "bot_api_file_url", "webhook_url", mode="before")
    @classmethod
    def _check_url(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip() or None
        if isinstance(value, str) and not value.startswith(("http://", "https://")):
            raise ValueError(texts.CONFIG_ERR_URL.format(value=value))
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _check_level(cls, value: object) -> object:
        levels = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
        if isinstance(value, str) and value.strip().upper() in levels:
            return value.strip().upper()
        raise ValueError(texts.CONFIG_ERR_LOG_LEVEL.format(levels=", ".join(sorted(levels)), value=value))


class SettingsError(Exception):
    """A setting has a bad value; the message is one line naming the variable."""


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning validation errors into one clear line per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "settings"
            field = Settings.model_fields.get(name)
            variable = field.alias if field and field.alias else name
            lines.append(f"{variable}: {err['msg'].removeprefix('Value error, ')}")
        raise SettingsError("; ".join(lines)) from None
