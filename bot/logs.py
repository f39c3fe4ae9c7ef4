"""Logging set-up that keeps secrets (the bot token) out of every log record, traceback and crash report."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import Any

from bot import texts

REDACTED = "<redacted>"
_secrets: set[str] = set()
_installed = False


def redact(text: str) -> str:
    """`text` with every registered secret replaced by <redacted>."""
    if not _secrets or not any(s in text for s in _secrets):
        return text
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def _redact_value(value: Any) -> Any:
    """A string argument redacted; anything else as it is."""
    return redact(value) if isinstance(value, str) else value


def scrub_exception(exc: BaseException | None) -> None:
    """Redact secrets inside an exception and everything it was raised from, in place.

    Exception texts are rebuilt from `args` (and TelegramError's `message`), so rewriting those makes str(),
    repr() and any later traceback of the exception safe, whoever prints it.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        try:
            exc.args = tuple(_redact_value(a) for a in exc.args)
            message = getattr(exc, "message", None)
            if isinstance(message, str):
                exc.message = redact(message)  # type: ignore[attr-defined]
        except (AttributeError, TypeError):  # a read-only exception type: its traceback is redacted as text
            pass
        notes = getattr(exc, "__notes__", None)
        if isinstance(notes, list):
            notes[:] = [_redact_value(n) for n in notes]
        exc = exc.__cause__ or exc.__context__


def format_exception_redacted(exc: BaseException) -> str:
    """The full traceback of `exc` as text, secrets redacted."""
    scrub_exception(exc)
    return redact("".join(traceback.format_exception(exc)))


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An uncaught exception's report on stderr, secrets redacted."""
    scrub_exception(exc)
    sys.stderr.write(redact("".join(traceback.format_exception(kind, exc, tb))))


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    """An exception that ended a thread, reported on stderr with secrets redacted."""
    if args.exc_value is None:
        return
    scrub_exception(args.exc_value)
    name = args.thread.name if args.thread else "?"
    text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    sys.stderr.write(redact(texts.LOG_THREAD_EXCEPTION.format(name=name, traceback=text)))


def _redact_record(record: logging.LogRecord) -> None:
    """Rewrite a record so no handler can format a secret: message, arguments, exception and stack."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed record is logging's own problem to report, not ours
        return
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and record.exc_info[1] is not None:
        scrub_exception(record.exc_info[1])
        # Handlers format the traceback only when exc_text is empty: pre-formatting it (redacted) means every
        # handler, with any formatter, prints this text rather than re-reading frames that may hold the token.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


def redact_in_logs(secret: str) -> None:
    """From now on every log record and crash report shows `secret` (and a token's part after the colon) redacted."""
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
        _redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    _installed = True


def configure_logging(level: str) -> None:
    """Plain timestamped logs at `level`; httpx's per-request lines (URLs carry the token) only as warnings."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
