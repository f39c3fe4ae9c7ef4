"""A Bot API on loopback for tests that run `waypoint run` as a real process: it accepts or refuses the token."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bot.testing.fake_bot_api import BOT_USER


@contextmanager
def loopback_api(status: int = 200) -> Iterator[str]:
    """Serve until the block ends; yields the base URL. 200 answers what a starting bot asks; else that status."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            """Answer one Bot API call."""
            method = self.path.rsplit("/", 1)[-1]
            if status != 200:
                body = {"ok": False, "error_code": status,
                        "description": "Unauthorized" if status == 401 else "Not Found"}
            elif method == "getMe":
                body = {"ok": True, "result": BOT_USER}
            elif method == "getUpdates":
                time.sleep(0.2)  # a short long-poll
                body = {"ok": True, "result": []}
            else:
                body = {"ok": True, "result": True}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
