"""The link checker against a local HTTP server (tests never reach the internet)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.services.links import check_urls, report_lines


class _Handler(BaseHTTPRequestHandler):
    """/ok 200, /gone 404, /moved 301 -> /ok, /nohead refuses HEAD but answers GET."""

    def _answer(self, head: bool) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/nohead" and head:
            self.send_response(405)
            self.end_headers()
            return
        code = 200 if self.path in ("/ok", "/nohead") else 404
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if not head:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        """Answer a HEAD request."""
        self._answer(head=True)

    def do_GET(self) -> None:
        """Answer a GET request."""
        self._answer(head=False)

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


async def test_broken_redirected_and_head_refusing_links(server: str) -> None:
    urls = {f"{server}/{p}": [f"{p}.url"] for p in ("ok", "gone", "moved", "nohead")}
    urls["http://127.0.0.1:9/closed"] = ["closed.url"]  # nothing listens on the discard port
    results = {r.url.rsplit("/", 1)[1]: r for r in await check_urls(urls, timeout=3, concurrency=2)}
    assert not results["ok"].broken and not results["ok"].redirected
    assert results["gone"].broken and results["gone"].status == 404
    assert results["moved"].redirected and results["moved"].final_url == f"{server}/ok"
    assert not results["nohead"].broken  # a HEAD refusal falls back to GET
    assert results["closed"].broken and results["closed"].error
    lines = report_lines(list(results.values()))
    assert lines[0].startswith("BROKEN") and "gone.url" in "\n".join(lines)
    assert lines[-1] == "5 links checked: 2 broken, 1 redirected, 2 fine"
