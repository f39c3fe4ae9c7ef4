"""Job ads (issue 17): /job, /jobs, a forwarded or pasted ad, a .txt/.md/.pdf document, and their buttons.

The buttons (`callbacks.JobButton`) are validated against the learner's own rows: aim the plan, save, dismiss,
delete a saved ad from /jobs, stop aiming the plan at an ad. A bare /job waits for the ad in SQLite
(JobService.wait_for_ad), so a restart between the command and the ad loses nothing.
"""

from __future__ import annotations

import asyncio
import io
import logging

from telegram import Message, Update

from bot import texts
from bot.domain.jobad import read_job_ad
from bot.domain.jobad_detect import looks_like_job_ad
from bot.services.jobs import AdGone, JobService, NoPlanYet, NotAimed
from bot.telegram.callbacks import JobButton
from bot.telegram.handlers.common import (
    CHANNEL,
    WaypointContext,
    drop_keyboard,
    edit_html,
    edit_or_send,
    external_id,
    send_html,
)
from bot.telegram.html import esc
from bot.telegram.views import jobs as views
from bot.telegram.views.roadmap import overview_keyboard

log = logging.getLogger(__name__)

JOB_SERVICE_KEY = "jobs"
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
    await send_html(context, chat.id, esc(reading.message), views.reading_keyboard(reading))


async def job_command(update: Update, context: WaypointContext) -> None:
    """/job <ad text>, or /job alone: the next message (or document) is the ad; aimed ads get un-aim buttons."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    parts = message.text.split(None, 1)  # "/job text" or "/job" then the ad on the next lines
    rest = parts[1] if len(parts) == 2 else ""
    if rest.strip():
        await reply_with_match(update, context, rest)
        return
    learner_id = _learner(update, context)
    service = job_service(context)
    if learner_id is None or not service.has_plan(learner_id):
        await send_html(context, chat.id, esc(texts.TG_JOB_NO_PLAN))
        return
    service.wait_for_ad(learner_id)
    aimed = service.aimed(learner_id)
    if not aimed:
        await send_html(context, chat.id, esc(texts.TG_JOB_ASK))
        return
    text, markup = views.ask_aimed(aimed)
    await send_html(context, chat.id, text, markup)


def forget_wait(update: Update, context: WaypointContext) -> None:
    """A command came instead of the ad a bare /job waits for: wait no longer."""
    learner_id = _learner(update, context)
    if learner_id is not None:
        job_service(context).cancel_wait(learner_id)


async def maybe_job_ad(update: Update, context: WaypointContext) -> bool:
    """Handle free text as a job ad when it is one: after a bare /job, a forwarded ad, or a pasted ad while
    the dialogue waits for nothing. False when the text is for the dialogue (nothing was sent)."""
    message = update.effective_message
    who = external_id(update)
    if message is None or not message.text or who is None:
        return False
    text = message.text
    learner_id = context.services.progress.learner_id(CHANNEL, who)
    if learner_id is not None and job_service(context).take_wait(learner_id):
        await reply_with_match(update, context, text)
        return True
    forwarded = message.forward_origin is not None
    if not looks_like_job_ad(text, forwarded):
        ad = None
        if len(text) >= 160:  # the skills the reader finds are more evidence (the reader is linear)
            ad = read_job_ad(text, context.services.catalog_source())
        if ad is None or not looks_like_job_ad(text, forwarded, len(ad.required_skills) + len(ad.nice_skills)):
            return False
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
    learner_id = _learner(update, context)
    if learner_id is not None:
        job_service(context).cancel_wait(learner_id)  # the document is the ad (or not one): wait no longer
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


async def jobs_command(update: Update, context: WaypointContext) -> None:
    """/jobs: the saved ads."""
    chat = update.effective_chat
    if chat is None:
        return
    learner_id = _learner(update, context)
    if learner_id is None:
        await send_html(context, chat.id, esc(texts.TG_JOBS_NONE))
        return
    text, markup = views.saved_list(job_service(context).saved(learner_id))
    await send_html(context, chat.id, text, markup)


async def job_button(update: Update, context: WaypointContext, learner_id: int, callback: JobButton) -> None:
    """Aim, save, dismiss, delete or stop aiming; a button of an ad that is gone says so."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    message = query.message if isinstance(query.message, Message) else None
    service = job_service(context)
    kind, ad_id = callback.kind, callback.ad_id
    try:
        if kind == "s":
            service.save(learner_id, ad_id)
            await query.answer(texts.TG_JOB_SAVED)
            if message is not None and message.reply_markup is not None:
                await edit_html(message, views.saved_html(message.text_html or ""),
                                views.without_save(message.reply_markup, ad_id))
            return
        if kind in {"d", "x"}:
            unaimed = service.remove(learner_id, ad_id)
            await query.answer()
            if unaimed is not None:
                await send_html(context, chat.id, esc(unaimed.message),
                                overview_keyboard(unaimed.version, len(unaimed.roadmap.stages)))
            if kind == "d":
                await edit_or_send(context, message, chat.id, esc(texts.TG_JOB_DISMISSED))
            else:
                text, markup = views.saved_list(service.saved(learner_id))
                await edit_or_send(context, message, chat.id, text, markup)
            return
        outcome = service.unaim(learner_id, ad_id) if kind == "u" else service.aim(learner_id, ad_id)
    except NotAimed:
        await query.answer(texts.JOB_UNAIM_NOT_AIMED)
        await drop_keyboard(message)
        return
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
                    overview_keyboard(outcome.version, len(outcome.roadmap.stages)))
