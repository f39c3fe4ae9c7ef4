"""A refused bot token (401 revoked/mistyped, 404 wrong API URL) never reaches stderr, logs or exception text."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import texts
from bot.config import load_settings
from bot.logs import REDACTED, format_exception_redacted, redact_in_logs
from tests.reliability.loopback_api import loopback_api

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "424242:REJECTED-secret-Token-value"
SECRET = TOKEN.split(":", 1)[1]


@pytest.fixture(params=[401, 404], ids=["revoked-token-401", "wrong-api-url-404"])
def rejecting_api(request: pytest.FixtureRequest) -> Iterator[str]:
    """The base URL of a Bot API that refuses the token."""
    with loopback_api(request.param) as url:
        yield url


@pytest.mark.slow
@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_waypoint_run_with_a_rejected_token_prints_one_line_and_exits_1(rejecting_api: str, tmp_path: Path,
                                                                        level: str) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "WAYPOINT_BOT_API_BASE_URL": rejecting_api,
           "WAYPOINT_DB_PATH": str(tmp_path / "w.db"), "WAYPOINT_LOG_LEVEL": level, "PYTHONUNBUFFERED": "1"}
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, capture_output=True,
                          timeout=60)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert SECRET not in out and SECRET not in err, err
    assert done.returncode == 1
    assert "Traceback" not in err
    if level == "INFO":
        assert err.strip() == texts.CLI_TOKEN_REJECTED
    else:  # DEBUG also shows PTB's own lines (redacted); the verdict is still the last, single line
        assert err.strip().splitlines()[-1] == texts.CLI_TOKEN_REJECTED


def test_a_token_refused_inside_the_application_is_redacted_everywhere(
        rejecting_api: str, tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the start-up check (a token revoked a moment later): PTB's own traceback logging must not leak it."""
    from bot.telegram import app as app_module

    async def accepted(settings: object) -> None:
        return None

    monkeypatch.setattr(app_module, "check_token", accepted)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    caplog.set_level(logging.DEBUG)
    settings = load_settings(TELEGRAM_BOT_TOKEN=TOKEN, WAYPOINT_BOT_API_BASE_URL=rejecting_api,
                             WAYPOINT_DB_PATH=str(tmp_path / "w.db"), _env_file=None)
    try:
        with pytest.raises(app_module.TokenRejected) as raised:
            app_module.run_bot(settings)
    finally:
        logging.getLogger().removeHandler(handler)
    captured = capsys.readouterr()
    assert "Invalid token" in stream.getvalue() or "InvalidToken" in stream.getvalue(), "PTB logged nothing"
    for text in (stream.getvalue(), caplog.text, captured.err, captured.out, format_exception_redacted(raised.value)):
        assert SECRET not in text
    assert SECRET not in str(raised.value) and SECRET not in repr(raised.value)


def test_redaction_reaches_arguments_exception_text_and_tracebacks() -> None:
    redact_in_logs(TOKEN)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            try:
                raise ValueError(f"inner {TOKEN}")
            except ValueError as inner:
                raise RuntimeError(f"the token `{TOKEN}` was rejected") from inner
        except RuntimeError:
            logger.exception("failed for %s", f"https://api.example/bot{TOKEN}/getMe", stack_info=True)
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert SECRET not in text and REDACTED in text and "RuntimeError" in text and "ValueError" in text
