"""Raw Telegram updates as the Bot API delivers them: messages, commands, button taps, poll answers, documents."""

from __future__ import annotations

import itertools
import time
from typing import Any

from bot.testing.fake_bot_api import Sent

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)
_query_ids = itertools.count(1)


def user(user_id: int, first_name: str = "Ada", **extra: Any) -> dict[str, Any]:
    """A Telegram user object."""
    return {"id": user_id, "is_bot": False, "first_name": first_name, "username": f"user{user_id}", **extra}


def private_chat(user_id: int, first_name: str = "Ada") -> dict[str, Any]:
    """A private chat with that user."""
    return {"id": user_id, "type": "private", "first_name": first_name}


def message_update(text: str | None, user_id: int = 1001, chat: dict[str, Any] | None = None,
                   sender: dict[str, Any] | bool | None = None, **fields: Any) -> dict[str, Any]:
    """An update with a message; a leading /command gets its bot_command entity as Telegram adds it;
    `sender=False` leaves out the sender (an anonymous group admin or a channel post)."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat or private_chat(user_id),
        **fields,
    }
    if sender is not False:
        message["from"] = sender if isinstance(sender, dict) else user(user_id)
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": next(_update_ids), "message": message}


def callback_update(message: Sent, data: str, user_id: int = 1001) -> dict[str, Any]:
    """An update with a callback query pressed on one of the bot's messages."""
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_query_ids)),
            "from": user(user_id),
            "chat_instance": f"ci{user_id}",
            "data": data,
            "message": message.as_dict(),
        },
    }


def poll_answer_update(poll_id: str, option_ids: list[int], user_id: int = 1001) -> dict[str, Any]:
    """A user's answer to a non-anonymous poll: Telegram sends only the poll id and the user, no chat."""
    return {"update_id": next(_update_ids),
            "poll_answer": {"poll_id": poll_id, "user": user(user_id), "option_ids": option_ids,
                            "option_persistent_ids": [f"o{i}" for i in option_ids]}}


def document_update(file_name: str, user_id: int = 1001) -> dict[str, Any]:
    """A user uploading a document."""
    return message_update(None, user_id, document={"file_id": "up1", "file_unique_id": "u1", "file_name": file_name})
