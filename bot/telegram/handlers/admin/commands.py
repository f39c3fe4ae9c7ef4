"""The catalog admin's commands and buttons: browse, show, add/edit/retire (one-line forms), undo/redo, history,
stats, links, export, help; the gate that refuses them to everyone else; the admin's command menu.

Admin buttons carry `adm|...` data (the Admin* buttons of `bot.telegram.callbacks`); a non-admin pressing one
(a forged or forwarded button) gets the ordinary out-of-date answer and is audit-logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

from rapidfuzz import process
from telegram import BotCommand, BotCommandScopeChat, InputFile, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop

from bot import texts
from bot.config import Settings
from bot.domain.admin import KIND_NAMES
from bot.domain.catalog import Status
from bot.services import links
from bot.services.catalog_admin import CatalogAdminService
from bot.telegram.callbacks import (
    AdminDraftCancel,
    AdminDraftSave,
    AdminDraftValue,
    AdminImport,
    AdminPage,
    AdminShow,
    AdminUndo,
    AdminUndoAnswer,
    decode,
)
from bot.telegram.handlers.admin.common import (
    ADMIN_COMMANDS,
    KINDS,
    actor,
    admin_settings,
    answer_change,
    args_text,
    catalog_admin,
    drafts,
    drop_admin_keyboard,
    is_admin,
    reply,
)
from bot.telegram.handlers.admin.drafts import draft_answer, draft_save, start_draft
from bot.telegram.handlers.common import WaypointContext
from bot.telegram.html import esc, split_html
from bot.telegram.numbers import ascii_int
from bot.telegram.views import admin as views
from bot.telegram.views.admin import admin_help_html, history_html, listing, show_html, undo_confirm

log = logging.getLogger(__name__)

LINKS_KEY = "admin_link_check"
# An httpx transport for the link check (bot_data); unset in production. Tests route the catalog's https URLs to a
# local server through it, the way the Bot API goes through a fake request layer.
LINKS_TRANSPORT_KEY = "admin_link_transport"
# A report longer than this goes as a text file: dozens of messages would bury the chat.
LINKS_INLINE_MAX = 30


def _log_denied(update: Update, context: WaypointContext, action: str, target: str | None,
                detail: dict[str, Any]) -> None:
    """Audit a refused admin attempt through the service (which limits the rows per user and window)."""
    catalog_admin(context).log_denied(actor(update), action, target, detail)


async def denied_command(update: Update, context: WaypointContext) -> None:
    """A non-admin (or an admin in a group chat) used an admin command: audit it and answer one short line —
    the words any unknown command gets — and nothing else: the dialogue is not stepped, so the question the
    learner was answering is not asked again and its buttons stay current."""
    message = update.effective_message
    command = (message.text or "").split()[0].split("@")[0] if message and message.text else "/?"
    chat = update.effective_chat
    _log_denied(update, context, "admin.denied", command,
                {"chat_type": chat.type if chat else None, "chat_id": chat.id if chat else None})
    if chat is not None and chat.type == ChatType.PRIVATE:
        await context.bot.send_message(chat.id, texts.UNKNOWN_COMMAND.format(command=command))
        raise ApplicationHandlerStop
    # Elsewhere (a group) the private-only gate answers next, once, with the link to a private chat.


# ---------------------------------------------------------------- browse
async def catalog_cmd(update: Update, context: WaypointContext) -> None:
    """Counts per kind and the latest changes."""
    service = catalog_admin(context)
    catalog = service.effective()
    counts = "\n".join(f"  {k.replace('_', ' ')}: {n}" for k, n in catalog.counts().items())
    retired = sum(1 for c in catalog.courses if c.status is not Status.active)
    retired += sum(1 for c in catalog.certifications if c.status is not Status.active)
    text = [f"<b>{esc(texts.ADMIN_CATALOG_HEAD)}</b>", esc(counts),
            esc(texts.ADMIN_CATALOG_RETIRED.format(n=retired))]
    recent = service.history(limit=5)
    text.append(history_html(recent, None) if recent else esc(texts.ADMIN_HISTORY_EMPTY))
    await reply(update, context, "\n".join(text))
    raise ApplicationHandlerStop


def browse_command(section: str) -> Any:
    """The handler of a section's browse command (/courses, /skills, ...)."""
    async def browse(update: Update, context: WaypointContext) -> None:
        query = args_text(update)
        queries = context.user_data.setdefault("admin_queries", {}) if context.user_data is not None else {}
        queries[section] = query
        html, markup = listing(catalog_admin(context).effective(), section, query, 0)
        await reply(update, context, html, markup)
        raise ApplicationHandlerStop

    browse.__doc__ = texts.ADMIN_BROWSE_DOC.format(section=section)
    return browse


async def show_cmd(update: Update, context: WaypointContext) -> None:
    """/show <id>: one entry in full (closest ids when unknown)."""
    entry_id = args_text(update).split()[0] if args_text(update) else ""
    await _show(update, context, entry_id)
    raise ApplicationHandlerStop


async def _show(update: Update, context: WaypointContext, entry_id: str) -> None:
    """One entry in full, or the closest ids when it is unknown."""
    service = catalog_admin(context)
    catalog = service.effective()
    if not entry_id:
        await reply(update, context, esc(texts.ADMIN_SHOW_USAGE))
        return
    if entry_id not in catalog.entries:
        close = [str(m[0]) for m in process.extract(entry_id, list(catalog.entries), limit=5, score_cutoff=50)]
        await reply(update, context, esc(texts.ADMIN_UNKNOWN_ID.format(id=entry_id, close=", ".join(close) or "—")))
        return
    edit = KINDS.get(catalog.entries[entry_id][0], ("", "", ""))[2]
    await reply(update, context, show_html(catalog, entry_id, service.history(entry_id, limit=100), edit))


# ---------------------------------------------------------------- change
def add_command(section: str) -> Any:
    """The handler of a section's add command (/course_add, ...)."""
    async def add(update: Update, context: WaypointContext) -> None:
        form = args_text(update)
        service = catalog_admin(context)
        if form:
            await answer_change(update, context, service.add(section, form, actor(update)))
        else:
            await start_draft(update, context, section)
        raise ApplicationHandlerStop

    add.__doc__ = texts.ADMIN_ADD_DOC.format(section=section)
    return add


def edit_command(section: str) -> Any:
    """The handler of a section's edit command (/course_edit, ...)."""
    async def edit(update: Update, context: WaypointContext) -> None:
        args = args_text(update)
        entry_id, _, form = args.partition(" ")
        service = catalog_admin(context)
        command = KINDS[section][2]
        if not entry_id or not form.strip():
            await reply(update, context, esc(texts.ADMIN_EDIT_USAGE.format(command=command)))
            raise ApplicationHandlerStop
        found = service.effective().entries.get(entry_id)
        if found is not None and found[0] != section:
            right = KINDS.get(found[0], ("", "", ""))[2] or "show"
            await reply(update, context, esc(texts.ADMIN_WRONG_KIND.format(
                id=entry_id, kind=KIND_NAMES[found[0]], command=right)))
            raise ApplicationHandlerStop
        await answer_change(update, context, service.edit(entry_id, form, actor(update)))
        raise ApplicationHandlerStop

    edit.__doc__ = texts.ADMIN_EDIT_DOC.format(section=section)
    return edit


async def retire_cmd(update: Update, context: WaypointContext) -> None:
    """/retire <id> [replacement]."""
    args = args_text(update).split()
    if not args or len(args) > 2:
        await reply(update, context, esc(texts.ADMIN_RETIRE_USAGE))
        raise ApplicationHandlerStop
    result = catalog_admin(context).retire(args[0], args[1] if len(args) > 1 else None, actor=actor(update))
    await answer_change(update, context, result)
    raise ApplicationHandlerStop


async def undo_cmd(update: Update, context: WaypointContext) -> None:
    """/catalog_undo [change-id]: undo a catalog change (the latest by default).

    Not /undo: that is the learner's (their last progress mark), and an admin is often a learner too.
    """
    arg = args_text(update).lstrip("#")
    change_id = ascii_int(arg)
    if arg and change_id is None:
        await reply(update, context, esc(texts.ADMIN_UNDO_USAGE))
        raise ApplicationHandlerStop
    await _undo(update, context, change_id, confirmed=False)
    raise ApplicationHandlerStop


async def redo_cmd(update: Update, context: WaypointContext) -> None:
    """/catalog_redo: redo the change undone most recently."""
    await answer_change(update, context, catalog_admin(context).redo(actor=actor(update)))
    raise ApplicationHandlerStop


async def _undo(update: Update, context: WaypointContext, change_id: int | None, confirmed: bool) -> None:
    """Undo a change (the newest not undone by default); first ask when it takes out of the catalog something
    learners' roadmaps hold."""
    service = catalog_admin(context)
    target, removed, learners = service.undo_preview(change_id)
    if target is not None and removed and learners and not confirmed:
        text, markup = undo_confirm(target.id, removed, learners)
        await reply(update, context, text, markup)
        return
    await answer_change(update, context, service.undo(change_id if target is None else target.id,
                                                       actor=actor(update)))


async def history_cmd(update: Update, context: WaypointContext) -> None:
    """/history [id]."""
    entry_id = args_text(update).split()[0] if args_text(update) else None
    await reply(update, context, history_html(catalog_admin(context).history(entry_id, limit=15), entry_id))
    raise ApplicationHandlerStop


def stats_html(service: CatalogAdminService) -> str:
    """The /stats reply, with what job ads ask for that the catalog lacks (issue 17)."""
    return views.stats_html(service.stats())


async def stats_cmd(update: Update, context: WaypointContext) -> None:
    """/stats."""
    await reply(update, context, stats_html(catalog_admin(context)))
    raise ApplicationHandlerStop


async def links_cmd(update: Update, context: WaypointContext) -> None:
    """/links: check every URL the catalog cites in the background; one message shows progress, then the result."""
    chat = update.effective_chat
    assert chat is not None
    running = context.application.bot_data.get(LINKS_KEY)
    if isinstance(running, asyncio.Task) and not running.done():
        await reply(update, context, esc(texts.ADMIN_LINKS_RUNNING))
        raise ApplicationHandlerStop
    urls = links.catalog_urls(catalog_admin(context).effective())  # the effective catalog: admins' changes included
    if not urls:
        await reply(update, context, esc(texts.ADMIN_LINKS_EMPTY))
        raise ApplicationHandlerStop
    message = await context.bot.send_message(chat.id, texts.ADMIN_LINKS_STARTED.format(total=len(urls)))
    # A check of a few hundred links takes up to a minute: a task, so this admin and everyone else keep going.
    context.application.bot_data[LINKS_KEY] = context.application.create_task(
        _run_link_check(context, chat.id, message.message_id, urls), update=update)
    raise ApplicationHandlerStop


async def _run_link_check(context: WaypointContext, chat_id: int, message_id: int,
                          urls: dict[str, list[str]]) -> None:
    """Run the check, edit the progress message as it goes, then report broken links and redirects."""
    last_done, last_at = 0, time.monotonic()

    async def edit(text: str) -> None:
        try:
            await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
        except TelegramError as exc:  # the admin deleted the message, or an edit came too fast: the check goes on
            log.info("link check progress not shown: %s", exc)

    async def on_progress(done: int, total: int) -> None:
        nonlocal last_done, last_at
        if links.progress_due(done, total, last_done, time.monotonic() - last_at):
            last_done, last_at = done, time.monotonic()
            await edit(texts.ADMIN_LINKS_PROGRESS.format(done=done, total=total))

    try:
        results = await links.check_urls(urls, on_progress=on_progress,
                                         transport=context.application.bot_data.get(LINKS_TRANSPORT_KEY))
    except Exception as exc:  # whatever stopped it, the admin must hear that it stopped
        log.exception("link check failed")
        await edit(texts.ADMIN_LINKS_FAILED.format(error=type(exc).__name__))
        return
    c = links.counts(results)
    await edit(texts.ADMIN_LINKS_DONE.format(total=c.total, broken=c.broken, redirected=c.redirected, fine=c.fine))
    problems = links.problem_lines(results)
    if not problems:
        await context.bot.send_message(chat_id, texts.ADMIN_LINKS_ALL_FINE)
    elif len(problems) <= LINKS_INLINE_MAX:
        html = "\n".join([esc(texts.ADMIN_LINKS_LIST), *(esc(line) for line in problems)])
        for part in split_html(html):
            await context.bot.send_message(chat_id, part, parse_mode=ParseMode.HTML, disable_web_page_preview=True)
    else:
        report = "\n".join(links.report_lines(results)) + "\n"
        await context.bot.send_document(chat_id, InputFile(report.encode("utf-8"), filename="links-report.txt"),
                                        caption=texts.ADMIN_LINKS_FILE.format(n=len(problems)))


async def help_cmd(update: Update, context: WaypointContext) -> None:
    """/help for admins: the learner's help, then the admin commands."""
    await reply(update, context, f"{_learner_help()}\n\n{admin_help_html(ADMIN_COMMANDS)}")
    raise ApplicationHandlerStop


async def export_cmd(update: Update, context: WaypointContext) -> None:
    """/export_catalog: the effective catalog as YAML documents, one per content file."""
    chat = update.effective_chat
    assert chat is not None
    files = catalog_admin(context).export_yaml()
    for name, text in files.items():
        await context.bot.send_document(chat.id, InputFile(text.encode("utf-8"), filename=name))
    await reply(update, context, esc(texts.ADMIN_EXPORTED.format(n=len(files))))
    raise ApplicationHandlerStop


# ---------------------------------------------------------------- buttons
async def callback(update: Update, context: WaypointContext) -> None:
    """Every `adm|...` button: pages, show, guided answers, import confirm/cancel, undo."""
    query = update.callback_query
    assert query is not None
    if not is_admin(update, admin_settings(context)):
        chat = update.effective_chat
        _log_denied(update, context, "admin.denied_callback", query.data, {"chat_type": chat.type if chat else None})
        await query.answer(texts.ADMIN_BUTTON_OUT_OF_DATE)
        raise ApplicationHandlerStop
    await query.answer()
    service = catalog_admin(context)
    user = update.effective_user
    assert user is not None
    match decode(query.data):
        case AdminPage(section, page) if section in KINDS:
            await _page(update, context, service, section, page)
        case AdminShow(entry_id):
            await _show(update, context, entry_id)
        case AdminUndo(change_id):
            await _undo(update, context, change_id, confirmed=False)
        case AdminUndoAnswer(change_id, yes):
            await _undo_answer(update, context, change_id, yes)
        case AdminImport(ok, token):
            await _import_answer(update, context, service, ok, token)
        case AdminDraftValue() | AdminDraftSave() | AdminDraftCancel() as tap:
            await _draft_tap(update, context, tap, user.id)
        case _:
            await reply(update, context, esc(texts.ADMIN_BUTTON_OUT_OF_DATE))
    raise ApplicationHandlerStop


async def _page(update: Update, context: WaypointContext, service: CatalogAdminService, section: str,
                page: int) -> None:
    """Another page of a listing, in place (a new message when the old one cannot be edited)."""
    query = update.callback_query
    assert query is not None
    queries = context.user_data.get("admin_queries", {}) if context.user_data is not None else {}
    html, markup = listing(service.effective(), section, queries.get(section, ""), page)
    try:
        await query.edit_message_text(html, parse_mode=ParseMode.HTML, reply_markup=markup,
                                      disable_web_page_preview=True)
    except TelegramError:
        await reply(update, context, html, markup)


async def _undo_answer(update: Update, context: WaypointContext, change_id: int, yes: bool) -> None:
    """The answer to "undo this change?": undo it, or say it is kept."""
    await drop_admin_keyboard(update)
    if yes:
        await _undo(update, context, change_id, confirmed=True)
    else:
        await reply(update, context, esc(texts.ADMIN_UNDO_KEPT))


async def _import_answer(update: Update, context: WaypointContext, service: CatalogAdminService, ok: bool,
                         token: str) -> None:
    """The answer to an import's preview: apply it, or cancel it."""
    await drop_admin_keyboard(update)
    if ok:
        await answer_change(update, context, service.import_apply(token, actor(update)))
    else:
        service.cancel_import(token)
        await reply(update, context, esc(texts.ADMIN_IMPORT_CANCELLED))


async def _draft_tap(update: Update, context: WaypointContext,
                     tap: AdminDraftValue | AdminDraftSave | AdminDraftCancel, user_id: int) -> None:
    """A button of a guided draft: an answer, save, or cancel."""
    match tap:
        case AdminDraftValue(value):
            draft = drafts(context).get(user_id)
            if draft is None:
                await reply(update, context, esc(texts.ADMIN_DRAFT_GONE))
            else:
                await draft_answer(update, context, draft, value)
        case AdminDraftSave():
            await drop_admin_keyboard(update)
            await draft_save(update, context, user_id)
        case AdminDraftCancel():
            await drop_admin_keyboard(update)
            drafts(context).pop(user_id, None)
            await reply(update, context, esc(texts.ADMIN_DRAFT_CANCELLED))


# ---------------------------------------------------------------- menus
def admin_menu(learner_commands: Sequence[tuple[str, str]] = ()) -> list[BotCommand]:
    """The command menu an admin sees: the learner's commands, then the admin ones (no duplicates)."""
    seen: set[str] = set()
    out: list[BotCommand] = []
    for name, description in [*learner_commands, *ADMIN_COMMANDS]:
        if name not in seen:
            seen.add(name)
            out.append(BotCommand(name, description[:256]))
    return out[:100]


async def set_admin_menus(application: Application[Any, Any, Any, Any, Any, Any], settings: Settings,
                          learner_commands: Sequence[tuple[str, str]] = ()) -> None:
    """Give each admin's private chat its own command menu (BotCommandScopeChat)."""
    commands = admin_menu(learner_commands)
    for admin_id in settings.admin_ids:
        try:
            await application.bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id=admin_id))
        except TelegramError as exc:  # e.g. the admin never opened a chat with the bot
            log.warning("could not set the admin menu for %s: %s", admin_id, exc)


def _learner_help() -> str:
    """The learner's /help text (an admin is often a learner too)."""
    try:
        from bot.telegram.handlers.dialogue import help_text
    except ImportError:  # pragma: no cover - the learner front-end is always there in the product
        return esc(texts.HELP)
    return str(help_text())


def learner_commands() -> list[tuple[str, str]]:
    """The learner's commands, in menu order."""
    try:
        from bot.telegram.handlers.common import COMMANDS
    except ImportError:  # pragma: no cover - the learner front-end is always there in the product
        return []
    return list(COMMANDS)
