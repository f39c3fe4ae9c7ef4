"""Logging set-up that keeps secrets (the bot token) out of every log record, whatever library writes it."""

from __future__ import annotations

import logging
from typing import Any

REDACTED = "<redacted>"
_secrets: set[str] = set()
_installed = False


def redact_in_logs(secret: str) -> None:
    """From now on, every log record shows `secret` (and the part after a token's colon) as <redacted>."""
    global _installed
    if not secret:
        return
    _secrets.add(secret)
    if ":" in secret:
        _secrets.add(secret.split(":", 1)[1])  # the secret half of a bot token is what matters
    if _installed:
        return
    # A record factory, not a handler filter: python-telegram-bot and httpx log through many child loggers,
    # and a factory reaches every record before any handler (ours, pytest's, a deployment's) sees it.
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logging's own problem to report, not ours
            return record
        if any(s in message for s in _secrets):
            for s in sorted(_secrets, key=len, reverse=True):
                message = message.replace(s, REDACTED)
            record.msg, record.args = message, None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def configure_logging(level: str) -> None:
    """Plain timestamped logs at `level`; httpx's per-request lines (URLs carry the token) only as warnings."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
