"""Job ads (issue 17): /job, /jobs, a forwarded or pasted ad, a .txt/.md/.pdf document, and their buttons.

Callback data (version-free, validated against the learner's own rows): ``v1|x|job:a:<id>`` aim the plan,
``job:s:<id>`` save, ``job:d:<id>`` dismiss, ``job:x:<id>`` delete a saved ad from /jobs.
"""

from __future__ import annotations

import asyncio
import io
import logging

from telegram import Message, Update

from bot import texts
from bot.domain.jobad import read_job_ad
from bot.domain.jobad_detect import looks_like_job_ad
from bot.domain.progress import human_date
from bot.services.jobs import AdGone, JobReading, JobService, NoPlanYet
from bot.telegram import keyboards
from bot.telegram.handlers.common import (
    CHANNEL,
    WaypointContext,
    drop_keyboard,
    edit_html,
    external_id,
    send_html,
    take_user_flag,
)
from bot.telegram.html import esc
from bot.telegram.numbers import ascii_int

log = logging.getLogger(__name__)

JOB_SERVICE_KEY = "jobs"
AWAITING_KEY = "awaiting_job_ad"  # user_data flag: the next text message is the ad (after a bare /job)
DOCUMENT_SUFFIXES = (".txt", ".md", ".pdf")
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_PDF_PAGES = 20


def job_service(context: WaypointContext) -> JobService:
    """The JobService of this application (made once, on the same database and catalog as the others)."""
    services = context.services
    service = services.extra.get(JOB_SERVICE_KEY)
    if not isinstance(service, JobService):
        service = services.extra[JOB_SERVICE_KEY] = JobService(services.db, services.catalog_source,
                                                               services.clock)
    return service


def _learner(update: Update, context: WaypointContext) -> int | None:
    who = external_id(update)
    return None if who is None else context.services.progress.learner_id(CHANNEL, who)


def _markup(reading: JobReading) -> keyboards.InlineKeyboardMarkup:
    rows: list[list[tuple[str, str]]] = []
    if reading.can_aim:
        rows.append([(texts.TG_JOB_AIM, f"job:a:{reading.ad_id}")])
    rows.append([(texts.TG_JOB_SAVE, f"job:s:{reading.ad_id}"), (texts.TG_JOB_DISMISS, f"job:d:{reading.ad_id}")])
    return keyboards.keyboard(rows)


async def reply_with_match(update: Update, context: WaypointContext, text: str) -> None:
    """Read `text` as a job ad for the learner and answer with the match in one message, with its buttons."""
    chat = update.effective_chat
    if chat is None:
        return
    learner_id = _learner(update, context)
    if not text.strip():
        await send_html(context, chat.id, esc(texts.TG_JOB_EMPTY))
        return
    try:
        if learner_id is None:
            raise NoPlanYet()
        reading = job_service(context).read(learner_id, text)
    except NoPlanYet:
        await send_html(context, chat.id, esc(texts.TG_JOB_NO_PLAN))
        return
    await send_html(context, chat.id, esc(reading.message), _markup(reading))


async def job_command(update: Update, context: WaypointContext) -> None:
    """/job <ad text>, or /job alone: the next message (or document) is the ad."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    parts = message.text.split(None, 1)  # "/job text" or "/job" then the ad on the next lines
    rest = parts[1] if len(parts) == 2 else ""
    if rest.strip():
        await reply_with_match(update, context, rest)
        return
    if context.user_data is not None:
        context.user_data[AWAITING_KEY] = True
    await send_html(context, chat.id, esc(texts.TG_JOB_ASK))


async def maybe_job_ad(update: Update, context: WaypointContext) -> bool:
    """Handle free text as a job ad when it is one: after a bare /job, a forwarded ad, or a pasted ad while
    the dialogue waits for nothing. False when the text is for the dialogue (nothing was sent)."""
    message = update.effective_message
    who = external_id(update)
    if message is None or not message.text or who is None:
        return False
    text = message.text
    if take_user_flag(update, context, AWAITING_KEY):
        await reply_with_match(update, context, text)
        return True
    forwarded = message.forward_origin is not None
    if not looks_like_job_ad(text, forwarded):
        ad = None
        if len(text) >= 160:  # the skills the reader finds are more evidence (the reader is linear)
            ad = read_job_ad(text, context.services.catalog_source())
        if ad is None or not looks_like_job_ad(text, forwarded, len(ad.required_skills) + len(ad.nice_skills)):
            return False
    learner_id = context.services.progress.learner_id(CHANNEL, who)
    if learner_id is None or not job_service(context).has_plan(learner_id):
        return False
    if not forwarded:
        state = context.services.conversation.state(CHANNEL, who)
        if state is None or state.step != "done" or state.pending:
            return False  # the dialogue is asking something: this is the answer
    await reply_with_match(update, context, text)
    return True


def pdf_text(data: bytes) -> str:
    """The text of a PDF (at most MAX_PDF_PAGES pages); blocking, so callers run it in a worker thread."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = reader.pages[:MAX_PDF_PAGES]
    return "\n".join(page.extract_text() or "" for page in pages)


async def document_message(update: Update, context: WaypointContext) -> None:
    """A .txt/.md/.pdf document: read as a job ad (size-capped; PDF text extracted off the event loop)."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.document is None:
        return
    document = message.document
    name = (document.file_name or "").lower()
    take_user_flag(update, context, AWAITING_KEY)
    learner_id = _learner(update, context)
    if learner_id is None or not job_service(context).has_plan(learner_id):
        await send_html(context, chat.id, esc(texts.TG_UNSUPPORTED))  # before onboarding a file is nothing to us
        return
    if not name.endswith(DOCUMENT_SUFFIXES):
        await send_html(context, chat.id, esc(texts.TG_JOB_FILE_TYPES))
        return
    if document.file_size and document.file_size > MAX_DOCUMENT_BYTES:
        await send_html(context, chat.id, esc(texts.TG_JOB_TOO_BIG.format(mb=MAX_DOCUMENT_BYTES // (1024 * 1024))))
        return
    file = await document.get_file()
    data = bytes(await file.download_as_bytearray())
    if len(data) > MAX_DOCUMENT_BYTES:
        await send_html(context, chat.id, esc(texts.TG_JOB_TOO_BIG.format(mb=MAX_DOCUMENT_BYTES // (1024 * 1024))))
        return
    try:
        if name.endswith(".pdf"):
            text = await asyncio.to_thread(pdf_text, data)
        else:
            text = data.decode("utf-8", errors="replace")
    except Exception as exc:  # a damaged PDF: pypdf raises many kinds of errors
        log.info("could not read document %s: %s", document.file_unique_id, type(exc).__name__)
        await send_html(context, chat.id, esc(texts.TG_JOB_UNREADABLE))
        return
    await reply_with_match(update, context, text)


def saved_list(context: WaypointContext, learner_id: int) -> tuple[str, keyboards.InlineKeyboardMarkup | None]:
    """/jobs: each saved ad with its match now and projected ready-by date, and a delete button each."""
    ads = job_service(context).saved(learner_id)
    if not ads:
        return esc(texts.TG_JOBS_NONE), None
    lines = [esc(texts.TG_JOBS_HEADER)]
    buttons: list[list[tuple[str, str]]] = []
    for number, ad in enumerate(ads, 1):
        percent = "?" if ad.percent is None else str(ad.percent)
        ready = human_date(ad.ready_by) if ad.ready_by else texts.TG_JOBS_NOT_PLANNED
        lines.append(esc(texts.TG_JOBS_LINE.format(n=number, title=ad.title, percent=percent, ready=ready)))
        buttons.append([(texts.TG_JOBS_DELETE.format(n=number, title=ad.title), f"job:x:{ad.id}")])
    return "\n".join(lines), keyboards.keyboard(buttons)


async def jobs_command(update: Update, context: WaypointContext) -> None:
    """/jobs: the saved ads."""
    chat = update.effective_chat
    if chat is None:
        return
    learner_id = _learner(update, context)
    if learner_id is None:
        await send_html(context, chat.id, esc(texts.TG_JOBS_NONE))
        return
    text, markup = saved_list(context, learner_id)
    await send_html(context, chat.id, text, markup)


async def job_button(update: Update, context: WaypointContext, learner_id: int, action: str) -> None:
    """Aim, save, dismiss or delete; a button of an ad that is gone says so."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    parts = action.split(":")
    ad_id = ascii_int(parts[2]) if len(parts) == 3 else None
    message = query.message if isinstance(query.message, Message) else None
    service = job_service(context)
    if ad_id is None or parts[1] not in {"a", "s", "d", "x"}:
        await query.answer(texts.TG_STALE_BUTTON)
        return
    kind = parts[1]
    try:
        if kind == "s":
            service.save(learner_id, ad_id)
            await query.answer(texts.TG_JOB_SAVED)
            if message is not None and message.reply_markup is not None:
                keep = [[(b.text, str(b.callback_data).split("|", 2)[2]) for b in row
                         if not str(b.callback_data).endswith(f"job:s:{ad_id}")]
                        for row in message.reply_markup.inline_keyboard]
                await edit_html(message, (message.text_html or "") + "\n\n" + esc(texts.TG_JOB_SAVED),
                                keyboards.keyboard([row for row in keep if row]))
            return
        if kind in {"d", "x"}:
            if not service.delete(learner_id, ad_id):
                raise AdGone()
            await query.answer()
            if kind == "d":
                if not await edit_html(message, esc(texts.TG_JOB_DISMISSED)):
                    await send_html(context, chat.id, esc(texts.TG_JOB_DISMISSED))
            else:
                text, markup = saved_list(context, learner_id)
                if not await edit_html(message, text, markup):
                    await send_html(context, chat.id, text, markup)
            return
        outcome = service.aim(learner_id, ad_id)
    except AdGone:
        await query.answer(texts.TG_JOB_GONE)
        await drop_keyboard(message)
        return
    except NoPlanYet:
        await query.answer()
        await send_html(context, chat.id, esc(texts.TG_JOB_NO_PLAN))
        return
    await query.answer()
    await drop_keyboard(message)
    await send_html(context, chat.id, esc(outcome.message),
                    keyboards.overview_keyboard(outcome.version, len(outcome.roadmap.stages)))
