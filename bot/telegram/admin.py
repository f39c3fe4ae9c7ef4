"""Admin commands: browse and curate the catalog from a private chat, with history, undo, import and export.

Wiring (`register_admin_handlers`):
- group ADMIN_GROUP (-10, before the learner's handlers): every admin handler, filtered with
  `filters.User(user_id=settings.admin_ids) & filters.ChatType.PRIVATE`; each stops the update there.
- group GATE_GROUP (-9): the same command names for everyone else (non-admins, or admins in a group
  chat): the attempt goes to the audit log and the update falls through to the learner's handlers,
  which answer it like any unknown command (in private chats; group chats get no reply, as usual).
- admin buttons carry `adm|...` callback data (`bot.telegram.callbacks`, the Admin* buttons); a non-admin
  pressing one (a forged or forwarded button) gets the ordinary out-of-date answer and is audit-logged.

The one-line forms (`/course_add id=... title='...'`, `/course_edit ml-spec cost_usd=49`) are the primary
way to change entries. The guided dialogue (`/course_add` alone) keeps its draft in
`application.bot_data["admin_drafts"][admin id]`: a draft is small, private to one admin and cheap to
redo, so it is not persisted; a restart simply drops unfinished drafts (nothing is changed until Save).

Catalog undo is `/catalog_undo [change-id]`, never `/undo`: `/undo` stays the learner's (their last
progress mark) for everyone, admins included, so one command has one meaning.
"""

from __future__ import annotations

import asyncio
import logging
import re
import shlex
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from rapidfuzz import process
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import texts
from bot.config import Settings
from bot.domain.admin import (
    KIND_NAMES,
    ChangeRecord,
    FieldProblem,
    FormError,
    describe_change,
    entry_title,
    enum_choices,
    field_example,
    parse_form,
    required_fields,
    search_entries,
    short_value,
    to_json_values,
)
from bot.domain.catalog import Catalog, Status
from bot.services import links
from bot.services.catalog_admin import (
    CatalogAdminService,
    ChangeResult,
    CheckedImport,
    ImportPreview,
    check_import,
    parse_upload,
)
from bot.storage.db import write_transaction
from bot.telegram.callbacks import (
    ADMIN_PREFIX,
    AdminCallback,
    AdminDraftCancel,
    AdminDraftSave,
    AdminDraftValue,
    AdminImport,
    AdminPage,
    AdminShow,
    AdminUndo,
    AdminUndoAnswer,
    DoesNotFit,
    decode,
    encode,
)
from bot.telegram.html import esc, split_html
from bot.telegram.numbers import ascii_int

log = logging.getLogger(__name__)

ADMIN_GROUP = -10
GATE_GROUP = -9
PAGE_SIZE = 10
MAX_UPLOAD_BYTES = 2_000_000
SERVICE_KEY = "catalog_admin"
DRAFTS_KEY = "admin_drafts"
LINKS_KEY = "admin_link_check"
# An httpx transport for the link check (bot_data); unset in production. Tests route the catalog's https URLs to a
# local server through it, the way the Bot API goes through a fake request layer.
LINKS_TRANSPORT_KEY = "admin_link_transport"
# A report longer than this goes as a text file: dozens of messages would bury the chat.
LINKS_INLINE_MAX = 30

# section -> (browse command, add command, edit command)
KINDS: dict[str, tuple[str, str, str]] = {
    "courses": ("courses", "course_add", "course_edit"),
    "certifications": ("certs", "cert_add", "cert_edit"),
    "skills": ("skills", "skill_add", "skill_edit"),
    "roles": ("roles", "role_add", "role_edit"),
    "projects": ("projects", "project_add", "project_edit"),
    "quizzes": ("quizzes", "quiz_add", "quiz_edit"),
}

# The admin menu, in order; /help for admins and the per-admin command menu both come from this list.
ADMIN_COMMANDS: list[tuple[str, str]] = [
    ("catalog", texts.ADMIN_CMD_CATALOG),
    ("courses", texts.ADMIN_CMD_COURSES),
    ("certs", texts.ADMIN_CMD_CERTS),
    ("skills", texts.ADMIN_CMD_SKILLS),
    ("roles", texts.ADMIN_CMD_ROLES),
    ("projects", texts.ADMIN_CMD_PROJECTS),
    ("quizzes", texts.ADMIN_CMD_QUIZZES),
    ("show", texts.ADMIN_CMD_SHOW),
    ("course_add", texts.ADMIN_CMD_COURSE_ADD),
    ("course_edit", texts.ADMIN_CMD_COURSE_EDIT),
    ("cert_add", texts.ADMIN_CMD_CERT_ADD),
    ("cert_edit", texts.ADMIN_CMD_CERT_EDIT),
    ("skill_add", texts.ADMIN_CMD_SKILL_ADD),
    ("skill_edit", texts.ADMIN_CMD_SKILL_EDIT),
    ("role_add", texts.ADMIN_CMD_ROLE_ADD),
    ("role_edit", texts.ADMIN_CMD_ROLE_EDIT),
    ("project_add", texts.ADMIN_CMD_PROJECT_ADD),
    ("project_edit", texts.ADMIN_CMD_PROJECT_EDIT),
    ("quiz_add", texts.ADMIN_CMD_QUIZ_ADD),
    ("quiz_edit", texts.ADMIN_CMD_QUIZ_EDIT),
    ("retire", texts.ADMIN_CMD_RETIRE),
    ("export_catalog", texts.ADMIN_CMD_EXPORT),
    ("history", texts.ADMIN_CMD_HISTORY),
    ("catalog_undo", texts.ADMIN_CMD_UNDO),
    ("catalog_redo", texts.ADMIN_CMD_REDO),
    ("stats", texts.ADMIN_CMD_STATS),
    ("links", texts.ADMIN_CMD_LINKS),
    ("help", texts.ADMIN_CMD_HELP),
]
# Commands learners also have: for non-admins these fall through to the learner's handlers untouched.
SHARED_COMMANDS = frozenset({"help"})
GATED_COMMANDS = [name for name, _ in ADMIN_COMMANDS if name not in SHARED_COMMANDS]


@dataclass
class Draft:
    """A guided add in progress: which kind, the answers so far, and the field being asked."""

    section: str
    data: dict[str, Any]
    fields: list[str]
    index: int = 0

    @property
    def field(self) -> str | None:
        """The field being asked, or None when every field is answered."""
        return self.fields[self.index] if self.index < len(self.fields) else None


# ---------------------------------------------------------------- helpers
def _service(context: ContextTypes.DEFAULT_TYPE) -> CatalogAdminService:
    service = context.application.bot_data[SERVICE_KEY]
    assert isinstance(service, CatalogAdminService)
    return service


def _settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    settings = context.application.bot_data["admin_settings"]
    assert isinstance(settings, Settings)
    return settings


def _actor(update: Update) -> str:
    user = update.effective_user
    return f"telegram:{user.id}" if user else "telegram:?"


def _args_text(update: Update) -> str:
    """Everything after the command word, as typed (quotes kept for the one-line form)."""
    text = update.effective_message.text if update.effective_message and update.effective_message.text else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _drafts(context: ContextTypes.DEFAULT_TYPE) -> dict[int, Draft]:
    drafts = context.application.bot_data.setdefault(DRAFTS_KEY, {})
    assert isinstance(drafts, dict)
    return drafts


async def _reply(update: Update, context: ContextTypes.DEFAULT_TYPE, html: str,
                 markup: InlineKeyboardMarkup | None = None) -> None:
    """Send HTML split under Telegram's limit; the keyboard goes under the last part."""
    chat = update.effective_chat
    assert chat is not None
    parts = split_html(html) or [esc(texts.ADMIN_EMPTY)]
    for number, part in enumerate(parts):
        await context.bot.send_message(chat.id, part, parse_mode=ParseMode.HTML,
                                       reply_markup=markup if number == len(parts) - 1 else None,
                                       disable_web_page_preview=True)


def _button(label: str, callback: AdminCallback) -> InlineKeyboardButton | None:
    """A button, or None when its data would not fit Telegram's 64 bytes (a very long entry id or choice)."""
    try:
        return InlineKeyboardButton(label, callback_data=encode(callback))
    except DoesNotFit:
        return None


def _rows(buttons: Sequence[InlineKeyboardButton | None], per_row: int = 3) -> list[list[InlineKeyboardButton]]:
    kept = [b for b in buttons if b is not None]
    return [kept[i : i + per_row] for i in range(0, len(kept), per_row)]


def _telegram_example(example: str) -> str:
    """A service example as a Telegram admin types it: the catalog's undo is /catalog_undo here
    (/undo is the learner's), e.g. "/undo 12" -> "/catalog_undo 12"."""
    return re.sub(r"(?<![\w/])/undo\b", "/catalog_undo", example)


def problems_html(problems: Sequence[FieldProblem]) -> str:
    """Each problem on its own line: entry, field, what is wrong, and what a good value looks like."""
    lines = []
    for p in problems:
        where = f"{esc(p.entry)} · " if p.entry and p.entry != "-" else ""
        example = (f"\n   {esc(texts.ADMIN_GOOD_VALUE.format(example=_telegram_example(p.example)))}"
                   if p.example else "")
        lines.append(f"• {where}<b>{esc(p.field)}</b>: {esc(p.message)}{example}")
    return "\n".join(lines)


def result_html(result: ChangeResult, catalog: Catalog) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply to a change: what changed (with an undo button), or every problem."""
    if not result.ok:
        head = texts.ADMIN_REJECTED.format(action=result.action, entry=result.entry_id or "-")
        return f"{esc(head)}\n{problems_html(result.problems)}", None
    if result.action == "import":
        head = texts.ADMIN_IMPORTED.format(n=result.entries, id=result.change_id)
        lines = []
    else:
        entry = catalog.get(result.entry_id)
        title = entry_title(entry or result.after or result.before, result.entry_id)
        key = {"add": texts.ADMIN_ADDED, "edit": texts.ADMIN_EDITED, "retire": texts.ADMIN_RETIRED,
               "undo": texts.ADMIN_UNDONE}[result.action]
        head = key.format(title=title, id=result.entry_id, change=result.change_id)
        if result.entries > 1:
            head += " " + texts.ADMIN_CLI_ENTRIES.format(n=result.entries)
        lines = stored_record(result.section, entry) if result.action == "add" else describe_change(
            result.before, result.after)
    body = "\n".join(f"  {esc(line)}" for line in lines[:15])
    tail = []
    if result.affected_learners:
        tail.append(esc(texts.ADMIN_AFFECTED.format(n=result.affected_learners)))
    tail.append(esc(texts.ADMIN_UNDO_HINT.format(change=result.change_id)))
    undo = None if result.change_id is None else _button(texts.ADMIN_BUTTON_UNDO, AdminUndo(result.change_id))
    markup = InlineKeyboardMarkup(_rows([undo]))
    return "\n".join(x for x in [f"✅ {esc(head)}", body, *tail] if x), markup


def stored_record(section: str, entry: Any) -> list[str]:
    """The stored entry as learners will see it: id, title, provider, cost, hours, skills with depth, URL."""
    if entry is None:
        return []
    data = entry.model_dump(mode="json")
    lines = [f"id: {data['id']}"]
    if section == "courses":
        lines += [f"title: {data['title']}", f"provider: {data['provider']}", f"cost: {course_cost(entry)}",
                  f"hours: {short_value(data['hours'])}",
                  "skills: " + ", ".join(f"{skill} ({depth})" for skill, depth in data["teaches"].items()),
                  f"url: {data['url']}"]
    else:
        for name in ("name", "title", "issuer", "provider", "cost_usd", "hours", "prep_hours", "skills", "url"):
            if name in data and data[name] not in (None, "", []):
                value = ", ".join(map(str, data[name])) if isinstance(data[name], list) else short_value(data[name])
                lines.append(f"{name}: {value}")
    return lines


def course_cost(course: Any) -> str:
    """A course's cost model in words: free, $49 once, $49/month, free to audit with a $49 certificate."""
    model = str(getattr(course.cost_model, "value", course.cost_model))
    if model == "free":
        return "free"
    if model == "one_off":
        return f"${short_value(course.price_usd)} once"
    if model == "subscription":
        return f"${short_value(course.monthly_usd)}/month (about ${short_value(course.cost_usd)} in all)"
    if model == "free_audit_paid_certificate":
        return f"free to audit, certificate ${short_value(course.certificate_usd)}"
    return f"{model} (${short_value(course.cost_usd)})"


def entry_line(section: str, entry: Any) -> str:
    """One listing line: title, id and the key facts."""
    data = entry.model_dump(mode="json")
    facts = []
    if section == "courses":
        facts = [data["provider"], "free" if not entry.cost_usd else f"${short_value(entry.cost_usd)}",
                 f"{short_value(data['hours'])} h", data["level"]]
    elif section == "certifications":
        facts = [data["issuer"], f"${short_value(data['cost_usd'])}", f"{short_value(data['prep_hours'])} h prep"]
    elif section == "skills":
        facts = [data["category"], f"{short_value(data['hours'])} h"]
    elif section == "projects":
        facts = [data["difficulty"], f"{short_value(data['hours'])} h"]
    elif section == "roles":
        facts = [f"{len(data['required_skills'])} skills"]
    status = data.get("status")
    if status and status != Status.active.value:
        facts.append(status.upper())
    return f"• <b>{esc(entry_title(entry))}</b> <code>{esc(entry.id)}</code> — {esc(', '.join(facts))}"


def listing(catalog: Catalog, section: str, query: str, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page of a section, optionally fuzzy-filtered, with ◀ ▶ buttons."""
    items = search_entries(catalog, section, query)
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    head = texts.ADMIN_LIST_HEAD.format(kind=section.replace("_", " "), n=len(items), page=page + 1, pages=pages)
    if query:
        head += " " + texts.ADMIN_LIST_QUERY.format(query=query)
    if not items:
        return esc(texts.ADMIN_LIST_EMPTY.format(kind=section, query=query)), None
    lines = [f"<b>{esc(head)}</b>", *(entry_line(section, e) for e in shown), esc(texts.ADMIN_LIST_HINT)]
    nav = [
        _button("◀", AdminPage(section, page - 1)) if page > 0 else None,
        _button(f"{page + 1}/{pages}", AdminPage(section, page)),
        _button("▶", AdminPage(section, page + 1)) if page < pages - 1 else None,
    ]
    rows = _rows([_button(entry_title(e)[:30], AdminShow(e.id)) for e in shown], per_row=2)
    rows += _rows(nav)
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def show_html(catalog: Catalog, entry_id: str, history: Sequence[ChangeRecord]) -> str:
    """One entry in full."""
    section, entry = catalog.entries[entry_id]
    lines = [f"<b>{esc(entry_title(entry))}</b> ({esc(KIND_NAMES[section])} <code>{esc(entry_id)}</code>)"]
    for name, value in entry.model_dump(mode="json").items():
        if name == "id" or value in (None, [], ""):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict) and "label" in value[0]:
            shown = "; ".join(
                f"{v['label']}: {short_value(v.get('median_usd') or v.get('low_usd'))} ({v.get('year')})"
                for v in value
            )
        else:
            shown = short_value(value, limit=300)
        lines.append(f"<b>{esc(name)}</b>: {esc(shown)}")
    if history:
        lines.append(esc(texts.ADMIN_SHOW_HISTORY.format(n=len(history), id=entry_id)))
    edit = KINDS.get(section, ("", "", ""))[2]
    if edit:
        lines.append(esc(texts.ADMIN_SHOW_EDIT_HINT.format(command=edit, id=entry_id)))
    return "\n".join(lines)


def history_html(records: Sequence[ChangeRecord], entry_id: str | None) -> str:
    """Who, when, what changed, before → after; newest first."""
    if not records:
        return esc(texts.ADMIN_HISTORY_EMPTY)
    head = texts.ADMIN_HISTORY_HEAD_ENTRY.format(id=entry_id) if entry_id else texts.ADMIN_HISTORY_HEAD
    lines = [f"<b>{esc(head)}</b>"]
    for r in records:
        at = r.at.strftime("%Y-%m-%d %H:%M") if isinstance(r.at, datetime) else str(r.at or "")[:16]
        undoes = f" (undoes #{r.undoes})" if r.undoes else ""
        lines.append(f"<b>#{r.id}</b> {esc(at)} · {esc(r.actor)} · {esc(r.action)}{esc(undoes)} "
                     f"<code>{esc(r.entry_id)}</code>")
        for change in describe_change(r.before, r.after)[:8]:
            lines.append(f"   {esc(change)}")
    lines.append(esc(texts.ADMIN_HISTORY_HINT))
    return "\n".join(lines)


def preview_html(preview: ImportPreview) -> str:
    """The import diff: added / changed / retired, or the problems."""
    if preview.problems:
        return f"{esc(texts.ADMIN_IMPORT_INVALID)}\n{problems_html(preview.problems)}"
    diff = preview.diff
    if diff.is_empty():
        return esc(texts.ADMIN_IMPORT_NOTHING.format(unchanged=diff.unchanged))
    lines = [f"<b>{esc(texts.ADMIN_IMPORT_HEAD)}</b>"]
    for label, group in ((texts.ADMIN_DIFF_ADDED, diff.added), (texts.ADMIN_DIFF_CHANGED, diff.changed),
                         (texts.ADMIN_DIFF_RETIRED, diff.retired)):
        if not group:
            continue
        lines.append(f"<b>{esc(label.format(n=len(group)))}</b>")
        for d in group[:30]:
            lines.append(f"• <code>{esc(d.entry_id)}</code> ({esc(KIND_NAMES.get(d.section, d.section))})")
            if d.before is not None and d.after is not None:
                lines.extend(f"   {esc(c)}" for c in describe_change(d.before, d.after)[:6])
        if len(group) > 30:
            lines.append(esc(texts.ADMIN_DIFF_MORE.format(n=len(group) - 30)))
    lines.append(esc(texts.ADMIN_IMPORT_UNCHANGED.format(n=diff.unchanged)))
    lines.append(esc(texts.ADMIN_IMPORT_CONFIRM))
    return "\n".join(lines)


def stats_html(service: CatalogAdminService) -> str:
    """The /stats reply."""
    s = service.stats()
    lines = [f"<b>{esc(texts.ADMIN_STATS_HEAD)}</b>",
             esc(texts.ADMIN_STATS_LEARNERS.format(n=s.learners, d7=s.active_7, d30=s.active_30)),
             esc(texts.ADMIN_STATS_ROADMAPS.format(n=s.roadmaps, learners=s.learners_with_roadmap))]
    if s.top_roles:
        lines.append(esc(texts.ADMIN_STATS_ROLES.format(
            roles=", ".join(f"{r} ({n})" for r, n in s.top_roles))))
    if s.stage_completion:
        lines.append(esc(texts.ADMIN_STATS_STAGES))
        lines.extend(esc(f"  {sid}: {frac:.0%} ({n})") for sid, frac, n in s.stage_completion)
    if s.top_done:
        lines.append(esc(texts.ADMIN_STATS_DONE.format(items=", ".join(f"{k} ({n})" for k, n in s.top_done))))
    unknown = service.repos.job_ads.unknown_counts()  # issue 17: what job ads ask for that the catalog lacks
    if unknown:
        lines.append(esc(texts.ADMIN_STATS_JOB_UNKNOWN.format(items=", ".join(f"{k} ({n})" for k, n in unknown))))
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in s.catalog_counts.items() if n)
    lines.append(esc(texts.ADMIN_STATS_CATALOG.format(counts=counts, changes=s.changes)))
    return "\n".join(lines)


def admin_help_html() -> str:
    """The admin section of /help."""
    lines = [f"<b>{esc(texts.ADMIN_HELP_HEAD)}</b>"]
    lines += [f"/{name} – {esc(description)}" for name, description in ADMIN_COMMANDS]
    lines.append(esc(texts.ADMIN_HELP_FORMS))
    return "\n".join(lines)


# ---------------------------------------------------------------- gate for everyone else
DENIED_AUDIT_LIMIT = 5  # audit rows per user and window for refused admin attempts; a flood adds no more
DENIED_AUDIT_WINDOW = timedelta(hours=1)
DENIED_KEY = "admin_denied_counts"


def _audit_denied(update: Update, context: ContextTypes.DEFAULT_TYPE, service: CatalogAdminService) -> bool:
    """Whether this refused attempt still gets an audit row: at most DENIED_AUDIT_LIMIT per user per window.

    Kept in memory: the limit only protects the audit log from growing with a spammer's message count, and a
    restart (which forgets the counts) is no help to one.
    """
    counts: dict[str, tuple[datetime, int]] = context.bot_data.setdefault(DENIED_KEY, {})
    actor, now = _actor(update), service.now()
    start, n = counts.get(actor, (now, 0))
    if now - start >= DENIED_AUDIT_WINDOW:
        start, n = now, 0
    counts[actor] = (start, n + 1)
    if len(counts) > 10_000:  # bounded: forget windows that are over
        for key in [k for k, (s, _) in counts.items() if now - s >= DENIED_AUDIT_WINDOW]:
            del counts[key]
    return n < DENIED_AUDIT_LIMIT


async def denied_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A non-admin (or an admin in a group chat) used an admin command: audit it and answer one short line —
    the words any unknown command gets — and nothing else: the dialogue is not stepped, so the question the
    learner was answering is not asked again and its buttons stay current."""
    message = update.effective_message
    command = (message.text or "").split()[0].split("@")[0] if message and message.text else "/?"
    chat = update.effective_chat
    service = _service(context)
    if _audit_denied(update, context, service):
        with write_transaction(service.db):
            service.repos.audit.log(_actor(update), "admin.denied", command,
                                    {"chat_type": chat.type if chat else None, "chat_id": chat.id if chat else None},
                                    service.now())
    if chat is not None and chat.type == ChatType.PRIVATE:
        await context.bot.send_message(chat.id, texts.UNKNOWN_COMMAND.format(command=command))
        raise ApplicationHandlerStop
    # Elsewhere (a group) the private-only gate answers next, once, with the link to a private chat.


def _is_admin(update: Update, settings: Settings) -> bool:
    user, chat = update.effective_user, update.effective_chat
    return bool(user and chat and user.id in settings.admin_ids and chat.type == ChatType.PRIVATE)


# ---------------------------------------------------------------- browse
async def catalog_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Counts per kind and the latest changes."""
    service = _service(context)
    catalog = service.effective()
    counts = "\n".join(f"  {k.replace('_', ' ')}: {n}" for k, n in catalog.counts().items())
    retired = sum(1 for c in catalog.courses if c.status is not Status.active)
    retired += sum(1 for c in catalog.certifications if c.status is not Status.active)
    text = [f"<b>{esc(texts.ADMIN_CATALOG_HEAD)}</b>", esc(counts),
            esc(texts.ADMIN_CATALOG_RETIRED.format(n=retired))]
    recent = service.history(limit=5)
    text.append(history_html(recent, None) if recent else esc(texts.ADMIN_HISTORY_EMPTY))
    await _reply(update, context, "\n".join(text))
    raise ApplicationHandlerStop


def _browse(section: str) -> Any:
    async def browse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = _args_text(update)
        queries = context.user_data.setdefault("admin_queries", {}) if context.user_data is not None else {}
        queries[section] = query
        html, markup = listing(_service(context).effective(), section, query, 0)
        await _reply(update, context, html, markup)
        raise ApplicationHandlerStop

    browse.__doc__ = f"List {section}, optionally fuzzy-filtered, paginated."
    return browse


async def show_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/show <id>: one entry in full (closest ids when unknown)."""
    entry_id = _args_text(update).split()[0] if _args_text(update) else ""
    await _show(update, context, entry_id)
    raise ApplicationHandlerStop


async def _show(update: Update, context: ContextTypes.DEFAULT_TYPE, entry_id: str) -> None:
    service = _service(context)
    catalog = service.effective()
    if not entry_id:
        await _reply(update, context, esc(texts.ADMIN_SHOW_USAGE))
        return
    if entry_id not in catalog.entries:
        close = [str(m[0]) for m in process.extract(entry_id, list(catalog.entries), limit=5, score_cutoff=50)]
        await _reply(update, context, esc(texts.ADMIN_UNKNOWN_ID.format(id=entry_id, close=", ".join(close) or "—")))
        return
    await _reply(update, context, show_html(catalog, entry_id, service.history(entry_id, limit=100)))


# ---------------------------------------------------------------- change
async def _answer_change(update: Update, context: ContextTypes.DEFAULT_TYPE, result: ChangeResult) -> None:
    html, markup = result_html(result, _service(context).effective())
    await _reply(update, context, html, markup)


def _add(section: str) -> Any:
    async def add(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        form = _args_text(update)
        service = _service(context)
        if form:
            await _answer_change(update, context, service.add(section, form, _actor(update)))
        else:
            await _start_draft(update, context, section)
        raise ApplicationHandlerStop

    add.__doc__ = f"Add to {section}: a one-line form, or a guided dialogue without arguments."
    return add


def _edit(section: str) -> Any:
    async def edit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        args = _args_text(update)
        entry_id, _, form = args.partition(" ")
        service = _service(context)
        command = KINDS[section][2]
        if not entry_id or not form.strip():
            await _reply(update, context, esc(texts.ADMIN_EDIT_USAGE.format(command=command)))
            raise ApplicationHandlerStop
        found = service.effective().entries.get(entry_id)
        if found is not None and found[0] != section:
            right = KINDS.get(found[0], ("", "", ""))[2] or "show"
            await _reply(update, context, esc(texts.ADMIN_WRONG_KIND.format(
                id=entry_id, kind=KIND_NAMES[found[0]], command=right)))
            raise ApplicationHandlerStop
        await _answer_change(update, context, service.edit(entry_id, form, _actor(update)))
        raise ApplicationHandlerStop

    edit.__doc__ = f"Edit one entry of {section} with a one-line form."
    return edit


async def retire_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/retire <id> [replacement]."""
    args = _args_text(update).split()
    if not args or len(args) > 2:
        await _reply(update, context, esc(texts.ADMIN_RETIRE_USAGE))
        raise ApplicationHandlerStop
    result = _service(context).retire(args[0], args[1] if len(args) > 1 else None, actor=_actor(update))
    await _answer_change(update, context, result)
    raise ApplicationHandlerStop


async def undo_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/catalog_undo [change-id]: undo a catalog change (the latest by default).

    Not /undo: that is the learner's (their last progress mark), and an admin is often a learner too.
    """
    arg = _args_text(update).lstrip("#")
    change_id = ascii_int(arg)
    if arg and change_id is None:
        await _reply(update, context, esc(texts.ADMIN_UNDO_USAGE))
        raise ApplicationHandlerStop
    await _undo(update, context, change_id, confirmed=False)
    raise ApplicationHandlerStop


async def redo_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/catalog_redo: redo the change undone most recently."""
    await _answer_change(update, context, _service(context).redo(actor=_actor(update)))
    raise ApplicationHandlerStop


async def _undo(update: Update, context: ContextTypes.DEFAULT_TYPE, change_id: int | None, confirmed: bool) -> None:
    """Undo a change (the newest not undone by default); first ask when it takes out of the catalog something
    learners' roadmaps hold."""
    service = _service(context)
    target, removed, learners = service.undo_preview(change_id)
    if target is not None and removed and learners and not confirmed:
        text = texts.ADMIN_UNDO_CONFIRM.format(id=target.id, entries=", ".join(removed), learners=learners)
        markup = InlineKeyboardMarkup(_rows([_button(texts.ADMIN_UNDO_CONFIRM_YES, AdminUndoAnswer(target.id, True)),
                                             _button(texts.ADMIN_UNDO_CONFIRM_NO, AdminUndoAnswer(target.id, False))]))
        await _reply(update, context, esc(text), markup)
        return
    await _answer_change(update, context, service.undo(change_id if target is None else target.id,
                                                       actor=_actor(update)))


async def history_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/history [id]."""
    entry_id = _args_text(update).split()[0] if _args_text(update) else None
    await _reply(update, context, history_html(_service(context).history(entry_id, limit=15), entry_id))
    raise ApplicationHandlerStop


async def stats_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats."""
    await _reply(update, context, stats_html(_service(context)))
    raise ApplicationHandlerStop


async def links_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/links: check every URL the catalog cites in the background; one message shows progress, then the result."""
    chat = update.effective_chat
    assert chat is not None
    running = context.application.bot_data.get(LINKS_KEY)
    if isinstance(running, asyncio.Task) and not running.done():
        await _reply(update, context, esc(texts.ADMIN_LINKS_RUNNING))
        raise ApplicationHandlerStop
    urls = links.catalog_urls(_service(context).effective())  # the effective catalog: admins' changes included
    if not urls:
        await _reply(update, context, esc(texts.ADMIN_LINKS_EMPTY))
        raise ApplicationHandlerStop
    message = await context.bot.send_message(chat.id, texts.ADMIN_LINKS_STARTED.format(total=len(urls)))
    # A check of a few hundred links takes up to a minute: a task, so this admin and everyone else keep going.
    context.application.bot_data[LINKS_KEY] = context.application.create_task(
        _run_link_check(context, chat.id, message.message_id, urls), update=update)
    raise ApplicationHandlerStop


async def _run_link_check(context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int,
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


async def help_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help for admins: the learner's help, then the admin commands."""
    await _reply(update, context, f"{_learner_help()}\n\n{admin_help_html()}")
    raise ApplicationHandlerStop


async def export_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export_catalog: the effective catalog as YAML documents, one per content file."""
    chat = update.effective_chat
    assert chat is not None
    files = _service(context).export_yaml()
    for name, text in files.items():
        await context.bot.send_document(chat.id, InputFile(text.encode("utf-8"), filename=name))
    await _reply(update, context, esc(texts.ADMIN_EXPORTED.format(n=len(files))))
    raise ApplicationHandlerStop


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An uploaded .yaml/.yml document: validate it, show the diff, and wait for Confirm."""
    message = update.effective_message
    document = message.document if message else None
    if document is None or not (document.file_name or "").lower().endswith((".yaml", ".yml")):
        return  # not ours: let the learner's handlers see it
    if document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        await _reply(update, context, esc(texts.ADMIN_UPLOAD_TOO_BIG))
        raise ApplicationHandlerStop
    file = await document.get_file()
    raw = bytes(await file.download_as_bytearray())
    if len(raw) > MAX_UPLOAD_BYTES:  # file_size is optional in an update, and only what the sender claimed
        await _reply(update, context, esc(texts.ADMIN_UPLOAD_TOO_BIG))
        raise ApplicationHandlerStop
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        await _reply(update, context, esc(texts.ADMIN_UPLOAD_NOT_TEXT))
        raise ApplicationHandlerStop from None
    # Parsing and checking 2 MB take seconds: in a worker thread, so other users' updates keep flowing. Only
    # reading the catalog state (SQLite) and keeping the result for Confirm happen on the event loop.
    service = _service(context)
    state = service.snapshot()
    checked = await asyncio.to_thread(_parse_and_check, text, state)
    preview = service.register_import(checked, state, _actor(update))
    if len(preview.problems) > 1:
        await _send_problems(update, context, preview.problems)
        raise ApplicationHandlerStop
    markup = None
    if preview.token:
        markup = InlineKeyboardMarkup(_rows([_button(texts.ADMIN_BUTTON_CONFIRM, AdminImport(True, preview.token)),
                                             _button(texts.ADMIN_BUTTON_CANCEL, AdminImport(False, preview.token))]))
    await _reply(update, context, preview_html(preview), markup)
    raise ApplicationHandlerStop


def _parse_and_check(text: str, state: Any) -> ImportPreview | CheckedImport:
    """parse_upload then check_import: the pure part of an upload, for a worker thread."""
    parsed = parse_upload(text)
    return parsed if isinstance(parsed, ImportPreview) else check_import(parsed, state)


MAX_LISTED_PROBLEMS = 10  # beyond this an upload's problems go to an attached file, not hundreds of messages


def problems_text(problems: Sequence[FieldProblem]) -> str:
    """Every problem as plain text, one per line (the attached file of a long problem list)."""
    lines = []
    for p in problems:
        where = f"{p.entry} · " if p.entry and p.entry != "-" else ""
        example = f" ({texts.ADMIN_GOOD_VALUE.format(example=p.example)})" if p.example else ""
        lines.append(f"{where}{p.field}: {p.message}{example}")
    return "\n".join(lines) + "\n"


async def _send_problems(update: Update, context: ContextTypes.DEFAULT_TYPE, problems: Sequence[FieldProblem]) -> None:
    """One message with the first problems (as many as fit); with more, every one in an attached text file."""
    shown = list(problems[:MAX_LISTED_PROBLEMS])
    while True:
        html = f"{esc(texts.ADMIN_IMPORT_INVALID)}\n{problems_html(shown)}"
        if len(shown) < len(problems):
            html += "\n" + esc(texts.ADMIN_UPLOAD_PROBLEMS_SUMMARY.format(n=len(problems), shown=len(shown)))
        if len(split_html(html)) <= 1 or len(shown) <= 1:
            break
        shown.pop()
    await _reply(update, context, html)
    if len(shown) < len(problems):
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_document(chat.id, InputFile(problems_text(problems).encode(), filename="problems.txt"),
                                        caption=texts.ADMIN_UPLOAD_PROBLEMS_CAPTION)


# ---------------------------------------------------------------- guided add
def _draft_fields(section: str) -> list[str]:
    """The fields the guided add asks for: the required ones (the rest via the edit command)."""
    return required_fields(section)


def _draft_prompt(draft: Draft, catalog: Catalog) -> tuple[str, InlineKeyboardMarkup]:
    field = draft.field
    assert field is not None
    kind = KIND_NAMES[draft.section]
    head = texts.ADMIN_DRAFT_ASK.format(kind=kind, n=draft.index + 1, total=len(draft.fields), field=field)
    example = field_example(draft.section, field)
    choices = enum_choices(draft.section, field)
    buttons: list[InlineKeyboardButton | None] = [_button(c, AdminDraftValue(c)) for c in choices]
    rows = _rows(buttons)
    rows += _rows([_button(texts.ADMIN_BUTTON_CANCEL, AdminDraftCancel())])
    text = f"<b>{esc(head)}</b>"
    if example:
        text += "\n" + esc(texts.ADMIN_GOOD_VALUE.format(example=example))
    return text, InlineKeyboardMarkup(rows)


def _draft_summary(draft: Draft) -> tuple[str, InlineKeyboardMarkup]:
    lines = [f"<b>{esc(texts.ADMIN_DRAFT_READY.format(kind=KIND_NAMES[draft.section]))}</b>"]
    lines += [f"<b>{esc(k)}</b>: {esc(short_value(v, 200))}" for k, v in draft.data.items()]
    lines.append(esc(texts.ADMIN_DRAFT_OPTIONAL))
    markup = InlineKeyboardMarkup(_rows([_button(texts.ADMIN_BUTTON_SAVE, AdminDraftSave()),
                                         _button(texts.ADMIN_BUTTON_CANCEL, AdminDraftCancel())]))
    return "\n".join(lines), markup


async def _start_draft(update: Update, context: ContextTypes.DEFAULT_TYPE, section: str) -> None:
    user = update.effective_user
    assert user is not None
    draft = Draft(section=section, data={}, fields=_draft_fields(section))
    _drafts(context)[user.id] = draft
    await _reply(update, context, esc(texts.ADMIN_DRAFT_START.format(kind=KIND_NAMES[section],
                                                                     command=KINDS[section][1])))
    html, markup = _draft_prompt(draft, _service(context).effective())
    await _reply(update, context, html, markup)


async def _draft_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: Draft, value: str) -> None:
    """Check one answer (type and references), store it, and ask the next field or show the summary."""
    field = draft.field
    if field is None:
        html, markup = _draft_summary(draft)
        await _reply(update, context, html, markup)
        return
    catalog = _service(context).effective()
    try:
        parsed = parse_form(draft.section, f"{field}={shlex.quote(value)}")
        problems: list[FieldProblem] = []
    except FormError as exc:
        parsed, problems = {}, exc.problems
    if not problems and field in {"skills", "prerequisites", "optional_skills"}:
        unknown = [s for s in parsed[field] if s not in catalog.skill_by_id]
        for s in unknown:
            close = process.extractOne(s, list(catalog.skill_by_id), score_cutoff=60)
            problems.append(FieldProblem(entry="-", field=field,
                                         message=texts.ADMIN_DRAFT_UNKNOWN_SKILL.format(skill=s),
                                         example=str(close[0]) if close else texts.ADMIN_DRAFT_SKILL_EXAMPLE))
    if not problems and field == "id" and parsed["id"] in catalog.entries:
        problems.append(FieldProblem(entry="-", field="id", message=texts.ADMIN_DRAFT_ID_TAKEN,
                                     example=texts.ADMIN_DRAFT_ID_EXAMPLE.format(id=parsed["id"])))
    if problems:
        await _reply(update, context, f"{esc(texts.ADMIN_DRAFT_RETRY)}\n{problems_html(problems)}")
        return
    draft.data.update(to_json_values(parsed))
    draft.index += 1
    while draft.field is not None and draft.field in draft.data:  # a correction: the others stay as given
        draft.index += 1
    if draft.field is None:
        html, markup = _draft_summary(draft)
    else:
        html, markup = _draft_prompt(draft, catalog)
    await _reply(update, context, html, markup)


async def draft_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text from an admin with a guided add in progress answers the current field."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    draft = _drafts(context).get(user.id)
    if draft is None:
        return  # no draft: the learner's dialogue handles it
    await _draft_answer(update, context, draft, message.text.strip())
    raise ApplicationHandlerStop


async def _draft_save(update: Update, context: ContextTypes.DEFAULT_TYPE, user_id: int) -> None:
    draft = _drafts(context).get(user_id)
    if draft is None:
        await _reply(update, context, esc(texts.ADMIN_DRAFT_GONE))
        return
    result = _service(context).add(draft.section, draft.data, _actor(update))
    if result.ok:
        _drafts(context).pop(user_id, None)
        await _answer_change(update, context, result)
        return
    # Ask again for the first field the whole-catalog check refused (or show the problems when it is none).
    bad = next((p.field.split(".")[0] for p in result.problems if p.field.split(".")[0] in draft.fields), None)
    await _answer_change(update, context, result)
    if bad is not None:
        # Ask again for that field only: every other answer is kept.
        draft.data.pop(bad, None)
        draft.index = draft.fields.index(bad)
        html, markup = _draft_prompt(draft, _service(context).effective())
        await _reply(update, context, html, markup)


# ---------------------------------------------------------------- buttons
async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every `adm|...` button: pages, show, guided answers, import confirm/cancel, undo."""
    query = update.callback_query
    assert query is not None
    if not _is_admin(update, _settings(context)):
        service = _service(context)
        if _audit_denied(update, context, service):
            with write_transaction(service.db):
                service.repos.audit.log(_actor(update), "admin.denied_callback", query.data,
                                        {"chat_type": update.effective_chat.type if update.effective_chat else None},
                                        service.now())
        await query.answer(texts.ADMIN_BUTTON_OUT_OF_DATE)
        raise ApplicationHandlerStop
    await query.answer()
    service = _service(context)
    user = update.effective_user
    assert user is not None
    match decode(query.data):
        case AdminPage(section, page) if section in KINDS:
            queries = context.user_data.get("admin_queries", {}) if context.user_data is not None else {}
            html, markup = listing(service.effective(), section, queries.get(section, ""), page)
            try:
                await query.edit_message_text(html, parse_mode=ParseMode.HTML, reply_markup=markup,
                                              disable_web_page_preview=True)
            except TelegramError:
                await _reply(update, context, html, markup)
        case AdminShow(entry_id):
            await _show(update, context, entry_id)
        case AdminUndo(change_id):
            await _undo(update, context, change_id, confirmed=False)
        case AdminUndoAnswer(change_id, yes):
            await _drop_keyboard(update)
            if yes:
                await _undo(update, context, change_id, confirmed=True)
            else:
                await _reply(update, context, esc(texts.ADMIN_UNDO_KEPT))
        case AdminImport(ok, token):
            await _drop_keyboard(update)
            if ok:
                await _answer_change(update, context, service.import_apply(token, _actor(update)))
            else:
                service.cancel_import(token)
                await _reply(update, context, esc(texts.ADMIN_IMPORT_CANCELLED))
        case AdminDraftValue(value):
            draft = _drafts(context).get(user.id)
            if draft is None:
                await _reply(update, context, esc(texts.ADMIN_DRAFT_GONE))
            else:
                await _draft_answer(update, context, draft, value)
        case AdminDraftSave():
            await _drop_keyboard(update)
            await _draft_save(update, context, user.id)
        case AdminDraftCancel():
            await _drop_keyboard(update)
            _drafts(context).pop(user.id, None)
            await _reply(update, context, esc(texts.ADMIN_DRAFT_CANCELLED))
        case _:
            await _reply(update, context, esc(texts.ADMIN_BUTTON_OUT_OF_DATE))
    raise ApplicationHandlerStop


async def _drop_keyboard(update: Update) -> None:
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError as exc:
        log.debug("could not drop the admin keyboard: %s", exc)


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
    try:
        from bot.telegram.handlers.dialogue import help_text
    except ImportError:  # pragma: no cover - the learner front-end is always there in the product
        return esc(texts.HELP)
    return str(help_text())


def _learner_commands() -> list[tuple[str, str]]:
    try:
        from bot.telegram.handlers.common import COMMANDS
    except ImportError:  # pragma: no cover - the learner front-end is always there in the product
        return []
    return list(COMMANDS)


# ---------------------------------------------------------------- wiring
def register_admin_handlers(application: Application[Any, Any, Any, Any, Any, Any], settings: Settings,
                            services: Any) -> CatalogAdminService:
    """Register every admin handler (admins only, private chats only), the gate for everyone else, and menus.

    Uses `services.extra["catalog_admin"]` (or `services.catalog_admin`) when the application built one —
    it should, and make `catalog_source` its `effective` — otherwise builds it over `services.db`.
    """
    extra = getattr(services, "extra", None)
    service = getattr(services, "catalog_admin", None) or (extra or {}).get(SERVICE_KEY)
    if service is None:
        log.warning("no CatalogAdminService in services: building one, but plans will not see admin changes "
                    "unless catalog_source is its effective()")
        service = CatalogAdminService(services.db, services.catalog_source(), getattr(services, "clock", None))
        if isinstance(extra, dict):
            extra[SERVICE_KEY] = service
    application.bot_data[SERVICE_KEY] = service
    application.bot_data["admin_settings"] = settings
    application.bot_data.setdefault(DRAFTS_KEY, {})

    # New messages only: an edited old command must not run a change a second time.
    admin = filters.User(user_id=settings.admin_ids) & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    handlers: list[Any] = [
        CommandHandler("catalog", catalog_cmd, filters=admin),
        CommandHandler("show", show_cmd, filters=admin),
        CommandHandler("retire", retire_cmd, filters=admin),
        CommandHandler("catalog_undo", undo_cmd, filters=admin),
        CommandHandler("catalog_redo", redo_cmd, filters=admin),
        CommandHandler("history", history_cmd, filters=admin),
        CommandHandler("stats", stats_cmd, filters=admin),
        CommandHandler("links", links_cmd, filters=admin),
        CommandHandler("help", help_cmd, filters=admin),
        CommandHandler("export_catalog", export_cmd, filters=admin),
        MessageHandler(admin & filters.Document.ALL, upload),
        MessageHandler(admin & filters.TEXT & ~filters.COMMAND, draft_text),
        CallbackQueryHandler(callback, pattern=rf"^{ADMIN_PREFIX}\|"),
    ]
    for section, (browse, add, edit) in KINDS.items():
        handlers += [
            CommandHandler(browse, _browse(section), filters=admin),
            CommandHandler(add, _add(section), filters=admin),
            CommandHandler(edit, _edit(section), filters=admin),
        ]
    application.add_handlers(handlers, group=ADMIN_GROUP)
    application.add_handler(CommandHandler(GATED_COMMANDS, denied_command, filters=filters.UpdateType.MESSAGE),
                            group=GATE_GROUP)

    previous = application.post_init

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        if previous is not None:
            await previous(app)
        await set_admin_menus(app, settings, _learner_commands())

    application.post_init = post_init
    return service
