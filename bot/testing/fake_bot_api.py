"""One fake Telegram Bot API for tests and benches: python-telegram-bot's own testing style.

`FakeBotAPI` is a `BaseRequest`: the real `Application` and `Bot` run unchanged and only the HTTP transport is
replaced. It answers getMe, records every call with its decoded parameters and uploaded files, keeps every
message the bot sent in its current state (edits applied), checks sendPoll against Telegram's limits, and records
(then fails on) any method it does not know. Faults are injected per method with `fail(method, status, text)`.

Benches run it bounded: `FakeBotAPI(keep_per_chat=6, record_calls=False)` keeps only each chat's newest messages
and no `Call`s (memory stays flat over millions of updates) but still counts calls per method and bytes uploaded;
an edit of a message that scrolled out is answered as if the message were still there.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_ID = 5555
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Waypoint", "username": "waypoint_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}


@dataclass
class Call:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


@dataclass
class Sent:
    """A message the bot sent to a chat, in its current state (edits applied)."""

    message_id: int
    chat_id: int
    kind: str  # text, document, photo
    text: str | None = None
    reply_markup: dict[str, Any] | None = None
    file_name: str | None = None
    data: bytes | None = None
    caption: str | None = None
    edits: int = 0
    poll: dict[str, Any] | None = None  # a quiz poll (sendPoll), as the Bot API returns it

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    def data_for(self, label: str) -> str:
        """Callback data of the first button whose label contains `label`."""
        for text, data in self.buttons:
            if label in text:
                return data
        raise AssertionError(f"no button {label!r} in {self.buttons}")

    def as_dict(self) -> dict[str, Any]:
        """The message as the Bot API returns it."""
        out: dict[str, Any] = {"message_id": self.message_id, "date": int(time.time()),
                               "chat": {"id": self.chat_id, "type": "private" if self.chat_id > 0 else "group"},
                               "from": BOT_USER}
        if self.kind == "text":
            out["text"] = self.text or ""
        elif self.kind == "document":
            out["document"] = {"file_id": f"doc{self.message_id}", "file_unique_id": f"d{self.message_id}",
                               "file_name": self.file_name}
        else:
            out["photo"] = [{"file_id": f"ph{self.message_id}", "file_unique_id": f"p{self.message_id}",
                             "width": 900, "height": 400}]
        if self.poll is not None:
            out.pop("text", None)
            out["poll"] = self.poll
        if self.caption:
            out["caption"] = self.caption
        if self.reply_markup:
            out["reply_markup"] = self.reply_markup
        return out


TRUE_METHODS = {
    "setMyCommands", "deleteMyCommands", "answerCallbackQuery", "sendChatAction", "deleteWebhook",
    "setWebhook", "close", "logOut", "deleteMessage",
}


class FakeBotAPI(BaseRequest):
    """Answers the Bot API in memory and records every call."""

    def __init__(self, keep_per_chat: int | None = None, record_calls: bool = True) -> None:
        """Start with no calls and no messages; keep the newest `keep_per_chat` messages per chat (None: all),
        and record `Call`s and not-modified edits only when `record_calls`."""
        self.keep_per_chat = keep_per_chat
        self.record_calls = record_calls
        self.calls: list[Call] = []
        self.counts: Counter[str] = Counter()  # calls per method, recorded or not
        self.bytes_uploaded = 0
        self.messages: dict[int, Sent] = {}
        self._chats: dict[int, deque[Sent]] = {}  # each chat's messages in order (the newest keep_per_chat)
        self.not_modified: list[str] = []  # edits that would have changed nothing (Telegram answers 400)
        self.unexpected: list[str] = []
        self.failures: dict[str, list[tuple[int, str, dict[str, Any] | None]]] = {}
        self.raises: dict[str, list[BaseException]] = {}
        self.files: dict[str, bytes] = {}  # file_id -> bytes, for getFile and downloads of users' documents
        self._next_id = 100

    @property
    def read_timeout(self) -> float | None:
        """No real network: nothing to wait for."""
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def fail(self, method: str, status: int, description: str, times: int = 1,
             parameters: dict[str, Any] | None = None) -> None:
        """Make the next `times` calls of `method` fail with this HTTP status and description (and response
        parameters, e.g. {"retry_after": 1} with 429)."""
        self.failures.setdefault(method, []).extend([(status, description, parameters)] * times)

    def retry_after(self, method: str, seconds: int = 1) -> None:
        """Answer the next call of `method` with 429 Too Many Requests, retry after `seconds`."""
        self.fail(method, 429, f"Too Many Requests: retry after {seconds}", parameters={"retry_after": seconds})

    def raise_on(self, method: str, error: BaseException, times: int = 1) -> None:
        """Make the next `times` calls of `method` raise `error`, as the HTTP layer would (a network fault)."""
        self.raises.setdefault(method, []).extend([error] * times)

    def upload(self, file_id: str, data: bytes) -> None:
        """Hold a document a user sends, so getFile and its download answer with these bytes."""
        self.files[file_id] = data

    # ---- what tests read
    def methods(self) -> list[str]:
        """Names of every call, in order."""
        return [c.method for c in self.calls]

    def calls_of(self, method: str) -> list[Call]:
        """Every call of one method."""
        return [c for c in self.calls if c.method == method]

    def chat_messages(self, chat_id: int) -> list[Sent]:
        """Every message the bot sent to a chat (still kept), in order, current state."""
        return list(self._chats.get(chat_id, ()))

    @property
    def newest_id(self) -> int:
        """The id of the newest message the bot sent (ids only grow)."""
        return self._next_id

    def sent_after(self, message_id: int) -> list[Sent]:
        """The messages (still kept) sent after the one with `message_id`, oldest first."""
        newer: list[Sent] = []
        for mid, sent in reversed(self.messages.items()):  # kept in the order they were sent
            if mid <= message_id:
                break
            newer.append(sent)
        return newer[::-1]

    def last(self, chat_id: int) -> Sent | None:
        """The newest message in a chat, if any."""
        chat = self._chats.get(chat_id)
        return chat[-1] if chat else None

    def find(self, chat_id: int, label: str) -> tuple[Sent, str] | None:
        """The newest message in the chat with a button whose label contains `label`, and that button's data."""
        for message in reversed(self._chats.get(chat_id, ())):
            for text, data in message.buttons:
                if label in text:
                    return message, data
        return None

    # ---- the fake server
    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Record the call and answer it."""
        # A real HTTP request suspends the handler; yielding here lets concurrent updates interleave.
        await asyncio.sleep(0)
        api = url.rsplit("/", 1)[-1]
        if "/file/bot" in url:  # a download of a file the user sent
            return 200, self.files[api]
        params = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes]] = {}
        if request_data and request_data.contains_files:
            for name, value in request_data.multipart_data.items():
                if isinstance(value, tuple) and len(value) >= 2 and isinstance(value[1], bytes):
                    files[name] = (str(value[0]), value[1])
                    self.bytes_uploaded += len(value[1])
        self.counts[api] += 1
        if self.record_calls:
            self.calls.append(Call(api, params, files))
        if self.raises.get(api):
            raise self.raises[api].pop(0)
        if self.failures.get(api):
            status, description, parameters = self.failures[api].pop(0)
            body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
            if parameters:
                body["parameters"] = parameters
            return status, json.dumps(body).encode()
        try:
            result = self._answer(api, params, files)
        except KeyError as exc:
            return 400, json.dumps({"ok": False, "error_code": 400,
                                    "description": f"Bad Request: {exc}"}).encode()
        if result is _UNEXPECTED:
            self.unexpected.append(api)
            return 404, json.dumps({"ok": False, "error_code": 404, "description": f"Not Found: {api}"}).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _new(self, chat_id: int, kind: str, **kwargs: Any) -> Sent:
        self._next_id += 1
        return self._remember(Sent(self._next_id, chat_id, kind, **kwargs))

    def _remember(self, sent: Sent) -> Sent:
        """Keep a new message; a bounded fake forgets the chat's oldest one beyond `keep_per_chat`."""
        self.messages[sent.message_id] = sent
        chat = self._chats.setdefault(sent.chat_id, deque())
        chat.append(sent)
        if self.keep_per_chat is not None and len(chat) > self.keep_per_chat:
            self.messages.pop(chat.popleft().message_id, None)
        return sent

    def _edited(self, params: dict[str, Any]) -> Sent:
        """The message an edit names; one that scrolled out of a bounded fake answers as if it were still there."""
        message_id = int(params["message_id"])
        if message_id in self.messages or self.keep_per_chat is None or not 0 < message_id <= self._next_id:
            return self.messages[message_id]
        return Sent(message_id, int(params.get("chat_id", 0)), "text", text="")

    def _poll(self, params: dict[str, Any]) -> Sent:
        """A sendPoll checked against Telegram's limits (as the real API refuses them: 400)."""
        question = str(params["question"])
        raw = params["options"]
        options = json.loads(raw) if isinstance(raw, str) else raw
        texts = [o["text"] if isinstance(o, dict) else str(o) for o in options]
        if not 1 <= len(question) <= 300:
            raise KeyError("poll question length must not exceed 300")
        if not 2 <= len(texts) <= 10 or any(not 1 <= len(t) <= 100 for t in texts) or len(set(texts)) != len(texts):
            raise KeyError("poll options are invalid")
        if params.get("type") == "quiz":
            raw_ids = params.get("correct_option_ids")
            ids = json.loads(raw_ids) if isinstance(raw_ids, str) else raw_ids
            correct = int(ids[0]) if ids else int(params["correct_option_id"])
            params = {**params, "correct_option_id": correct}
            if not 0 <= correct < len(texts):
                raise KeyError("wrong correct option id")
            if len(str(params.get("explanation") or "")) > 200:
                raise KeyError("explanation is too long")
        self._next_id += 1
        poll = {"id": f"poll{self._next_id}", "question": question, "type": params.get("type", "regular"),
                "options": [{"text": t, "voter_count": 0, "persistent_id": f"o{i}"} for i, t in enumerate(texts)],
                "total_voter_count": 0,
                "is_closed": False, "is_anonymous": params.get("is_anonymous", True) in (True, "true"),
                "allows_multiple_answers": False, "allows_revoting": False,
                "members_only": False}
        if params.get("type") == "quiz":
            poll["correct_option_ids"] = [int(params["correct_option_id"])]
            if params.get("explanation"):
                poll["explanation"] = params["explanation"]
        return self._remember(Sent(self._next_id, int(params["chat_id"]), "poll", text=question, poll=poll))

    def _markup(self, params: dict[str, Any]) -> dict[str, Any] | None:
        markup = params.get("reply_markup")
        return json.loads(markup) if isinstance(markup, str) else markup

    def _answer(self, api: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]) -> Any:
        if api == "getMe":
            return BOT_USER
        if api in TRUE_METHODS:
            return True
        if api == "getMyCommands":
            return []
        if api == "getUpdates":
            return []
        if api == "getFile":
            file_id = str(params["file_id"])
            return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files[file_id]),
                    "file_path": f"documents/{file_id}"}
        if api == "sendMessage":
            text = str(params["text"])
            if len(text) > 4096:
                raise KeyError("message is too long")
            sent = self._new(int(params["chat_id"]), "text", text=text, reply_markup=self._markup(params))
            return sent.as_dict()
        if api in {"sendDocument", "sendPhoto"}:
            key = "document" if api == "sendDocument" else "photo"
            name, data = next(iter(files.values())) if files else (str(params.get(key)), b"")
            sent = self._new(int(params["chat_id"]), key, file_name=name, data=data,
                             caption=params.get("caption"), reply_markup=self._markup(params))
            return sent.as_dict()
        if api == "sendPoll":
            return self._poll(params).as_dict()
        if api in {"editMessageText", "editMessageReplyMarkup"}:
            message = self._edited(params)
            markup = self._markup(params)
            unchanged = (api == "editMessageText" and message.text == params["text"]
                         and message.reply_markup == markup) or (
                api == "editMessageReplyMarkup" and (message.reply_markup or None) == (markup or None))
            if unchanged and message.message_id in self.messages:  # a scrolled-out message is never "unchanged"
                if self.record_calls:
                    self.not_modified.append(api)
                raise KeyError("message is not modified")
            if api == "editMessageText":
                message.text = str(params["text"])
            message.reply_markup = markup
            message.edits += 1
            return message.as_dict()
        return _UNEXPECTED


_UNEXPECTED = object()
