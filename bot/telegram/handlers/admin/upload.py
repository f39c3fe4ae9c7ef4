"""A catalog upload: a .yaml/.yml document is checked off the event loop, its diff shown, applied on Confirm."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from telegram import InputFile, Update
from telegram.ext import ApplicationHandlerStop

from bot import texts
from bot.domain.admin import FieldProblem
from bot.services.catalog_admin import CheckedImport, ImportPreview, check_import, parse_upload
from bot.telegram.handlers.admin.common import actor, catalog_admin, reply
from bot.telegram.handlers.common import WaypointContext
from bot.telegram.html import esc
from bot.telegram.views.admin import import_keyboard, preview_html, problems_message, problems_text

MAX_UPLOAD_BYTES = 2_000_000


async def upload(update: Update, context: WaypointContext) -> None:
    """An uploaded .yaml/.yml document: validate it, show the diff, and wait for Confirm."""
    message = update.effective_message
    document = message.document if message else None
    if document is None or not (document.file_name or "").lower().endswith((".yaml", ".yml")):
        return  # not ours: let the learner's handlers see it
    if document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        await reply(update, context, esc(texts.ADMIN_UPLOAD_TOO_BIG))
        raise ApplicationHandlerStop
    file = await document.get_file()
    raw = bytes(await file.download_as_bytearray())
    if len(raw) > MAX_UPLOAD_BYTES:  # file_size is optional in an update, and only what the sender claimed
        await reply(update, context, esc(texts.ADMIN_UPLOAD_TOO_BIG))
        raise ApplicationHandlerStop
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        await reply(update, context, esc(texts.ADMIN_UPLOAD_NOT_TEXT))
        raise ApplicationHandlerStop from None
    # Parsing and checking 2 MB take seconds: in a worker thread, so other users' updates keep flowing. Only
    # reading the catalog state (SQLite) and keeping the result for Confirm happen on the event loop.
    service = catalog_admin(context)
    state = service.snapshot()
    checked = await asyncio.to_thread(_parse_and_check, text, state)
    preview = service.register_import(checked, state, actor(update))
    if len(preview.problems) > 1:
        await _send_problems(update, context, preview.problems)
        raise ApplicationHandlerStop
    markup = None
    if preview.token:
        markup = import_keyboard(preview.token)
    await reply(update, context, preview_html(preview), markup)
    raise ApplicationHandlerStop


def _parse_and_check(text: str, state: Any) -> ImportPreview | CheckedImport:
    """parse_upload then check_import: the pure part of an upload, for a worker thread."""
    parsed = parse_upload(text)
    return parsed if isinstance(parsed, ImportPreview) else check_import(parsed, state)


async def _send_problems(update: Update, context: WaypointContext, problems: Sequence[FieldProblem]) -> None:
    """One message with the first problems (as many as fit); with more, every one in an attached text file."""
    html, cut = problems_message(problems)
    await reply(update, context, html)
    if cut:
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_document(chat.id, InputFile(problems_text(problems).encode(), filename="problems.txt"),
                                        caption=texts.ADMIN_UPLOAD_PROBLEMS_CAPTION)
