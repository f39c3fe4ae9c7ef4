"""/links in the chat: the link check runs in the background, one message shows progress, then the problems.

Every URL of a copy of the shipped catalog is rewritten to https://links.test/<kind>/<n>, and the checker's httpx
transport sends those requests to a local HTTP server, so the test never reaches the internet.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import texts
from bot.config import load_settings
from bot.services import links
from bot.telegram.handlers.admin import commands as admin_commands
from bot.telegram.handlers.admin.common import SERVICE_KEY
from bot.telegram.html import strip_tags
from bot.testing.client import AppHarness, BotClient, running
from bot.testing.fake_bot_api import FakeBotAPI
from tests.conftest import TODAY, TOKEN

# The harness does not call Application.start(), so PTB warns that the check's task is not awaited for it: the tests
# await it themselves.
pytestmark = pytest.mark.filterwarnings("ignore:Tasks created via `Application.create_task`")
ROOT = Path(__file__).resolve().parents[2]
ADMIN_ID = 4242
LEARNER_ID = 1001
URL = re.compile(r"https?://[^\s'\",}\]]+")


class _Handler(BaseHTTPRequestHandler):
    """/ok/* is 200, /slow* answers after a pause (/slow/* 200), /moved/* redirects to /ok/*, the rest is 404."""

    def _answer(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(0.05)
        if self.path.startswith("/moved/"):
            self.send_response(301)
            self.send_header("Location", self.path.replace("/moved/", "/ok/", 1))
            self.end_headers()
            return
        self.send_response(200 if self.path.startswith(("/ok/", "/slow/")) else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        """Answer a HEAD request."""
        self._answer()

    def do_GET(self) -> None:
        """Answer a GET request."""
        self._answer()

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


HOST = "https://links.test"


class ToLocal(httpx.AsyncBaseTransport):
    """Send every request to the local server, keeping its path (https://links.test/ok/1 -> http://127.0.0.1:N/ok/1)."""

    def __init__(self, base: str) -> None:
        self.local = httpx.URL(base)
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url.copy_with(scheme=self.local.scheme, host=self.local.host, port=self.local.port)
        answer = await self.inner.handle_async_request(httpx.Request(request.method, url, headers=request.headers))
        # A new response, so the client reports (and resolves redirects against) the address it asked for.
        return httpx.Response(answer.status_code, headers=answer.headers, stream=answer.stream)


def local_catalog(tmp_path: Path, base: str, kind: str) -> Path:
    """The shipped content with every URL replaced by a distinct https://links.test one under /`kind`/."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    counter = iter(range(1_000_000))
    for path in content.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(URL.sub(lambda _: f"{HOST}/{kind}/{next(counter)}", text), encoding="utf-8")
    return content


def make_harness(tmp_path: Path, content: Path, server: str) -> Any:
    from contextlib import asynccontextmanager

    from bot.telegram.app import build_application

    @asynccontextmanager
    async def factory() -> AsyncIterator[AppHarness]:
        settings = load_settings(TELEGRAM_BOT_TOKEN=TOKEN, WAYPOINT_DB_PATH=str(tmp_path / "w.db"),
                                 WAYPOINT_ADMIN_IDS=str(ADMIN_ID), WAYPOINT_CONTENT_DIR=str(content), _env_file=None)
        fake = FakeBotAPI()
        app = build_application(settings, clock=lambda: TODAY, request=fake)
        errors: list[BaseException] = []
        app.bot_data[admin_commands.LINKS_TRANSPORT_KEY] = ToLocal(server)
        async with running(app, errors):
            yield AppHarness(app, fake, errors)
        assert not errors, f"handler errors: {errors!r}"

    return factory()


async def finished(h: AppHarness) -> None:
    task = h.app.bot_data[admin_commands.LINKS_KEY]
    await asyncio.wait_for(task, timeout=30)


async def test_admin_link_check_reports_broken_and_redirected_links_of_the_effective_catalog(
        tmp_path: Path, server: str) -> None:
    async with make_harness(tmp_path, local_catalog(tmp_path, server, "ok"), server) as h:
        admin = BotClient(h, ADMIN_ID)
        # Admin changes count: the check reads the effective catalog, not only the shipped files.
        await admin.send(f"/course_edit cs50p url={HOST}/gone/cs50p")
        await admin.send(f"/course_edit cs50x url={HOST}/moved/cs50x")
        await admin.send("/links")
        progress = admin.last
        assert "links in the background" in (progress.text or "")
        await finished(h)
        final = h.request.messages[progress.message_id].text or ""
        total = len(links.catalog_urls(h.app.bot_data[SERVICE_KEY].effective()))
        assert final == texts.ADMIN_LINKS_DONE.format(total=total, broken=1, redirected=1, fine=total - 2)
        report = "\n".join(strip_tags(m.text or "") for m in admin.history() if m.message_id > progress.message_id)
        assert f"BROKEN   {HOST}/gone/cs50p" in report and "cs50p.url" in report
        assert f"REDIRECT {HOST}/moved/cs50x -> {HOST}/ok/cs50x" in report


async def test_a_long_problem_list_comes_as_one_file_and_a_second_check_waits_for_the_first(
        tmp_path: Path, server: str) -> None:
    async with make_harness(tmp_path, local_catalog(tmp_path, server, "slow-gone"), server) as h:
        admin = BotClient(h, ADMIN_ID)
        await admin.send("/links")
        await admin.send("/links")  # the first is still running: it is not started twice
        assert admin.texts == [texts.ADMIN_LINKS_RUNNING]
        await finished(h)
        total = len(links.catalog_urls(h.app.bot_data[SERVICE_KEY].effective()))
        assert total > admin_commands.LINKS_INLINE_MAX
        documents = h.request.calls_of("sendDocument")
        assert [d.params.get("caption") for d in documents] == [texts.ADMIN_LINKS_FILE.format(n=total)]
        assert h.request.calls_of("sendMessage")[-1].params["text"] == texts.ADMIN_LINKS_RUNNING


async def test_learners_cannot_run_the_link_check(tmp_path: Path, server: str) -> None:
    async with make_harness(tmp_path, local_catalog(tmp_path, server, "ok"), server) as h:
        learner = BotClient(h, LEARNER_ID)
        await learner.send("/links")
        assert admin_commands.LINKS_KEY not in h.app.bot_data
        assert not any("links in the background" in t for t in learner.texts)


@given(total=st.integers(1, 2_000), pace=st.floats(0, 10))
def test_progress_is_shown_at_most_once_per_tenth_and_never_at_the_end(total: int, pace: float) -> None:
    shown, last, clock, last_at = 0, 0, 0.0, 0.0
    for done in range(1, total + 1):
        clock += pace
        if links.progress_due(done, total, last, clock - last_at):
            assert done < total and clock - last_at >= links.PROGRESS_MIN_SECONDS
            shown, last, last_at = shown + 1, done, clock
    assert shown <= links.PROGRESS_STEPS
