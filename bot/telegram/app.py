"""The only wiring: build_application(settings) creates the services and registers every handler."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from telegram import Bot, BotCommand, Update
from telegram.constants import ChatType
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import texts
from bot.config import Settings
from bot.domain.catalog import Catalog
from bot.logs import configure_logging, redact_in_logs
from bot.services.base import settle_heap
from bot.services.catalog_admin import CatalogAdminService
from bot.services.conversation import ConversationService
from bot.services.privacy import PrivacyService
from bot.services.progress import ProgressService
from bot.services.reminders import ReminderService
from bot.services.skill_checks import SkillCheckService
from bot.storage.db import (
    CHECKPOINT_EVERY_SECONDS,
    DatabaseBusy,
    checkpoint_wal,
    database_file,
    open_database,
    open_reader,
    wait_for_write_lock,
)
from bot.storage.lock import DatabaseLock
from bot.storage.repositories import Reminder, ReviewSlot
from bot.telegram.callbacks import ADMIN_PREFIX
from bot.telegram.handlers import (
    dialogue,
    fallback,
    jobs,
    privacy,
    progress,
    reminder_jobs,
    reminders,
    router,
    skillchecks,
)
from bot.telegram.handlers.admin import commands, drafts, upload
from bot.telegram.handlers.admin.common import ADMIN_GROUP, DRAFTS_KEY, GATE_GROUP, GATED_COMMANDS, KINDS
from bot.telegram.handlers.admin.common import SERVICE_KEY as ADMIN_SERVICE_KEY
from bot.telegram.handlers.common import COMMANDS, CONTEXT_TYPES, Services, WaypointApp, WaypointContext, send_html
from bot.telegram.html import esc
from bot.telegram.numbers import ascii_int

log = logging.getLogger(__name__)

MAX_CONCURRENT_UPDATES = 256
MAX_PENDING_PER_USER = 32  # a flood from one user beyond this is dropped, so it cannot starve everyone else
# After the admin gate (-9, which audits admin commands tried in a group) and before every learner handler (0).
PRIVATE_ONLY_GROUP = -8
DEEP_LINK_PAYLOAD = "private"  # /start private: the dialogue ignores the argument, so it just opens the chat
_KNOWN_COMMANDS = frozenset(name for name, _ in COMMANDS) | frozenset(GATED_COMMANDS)
# The bot's own connection waits at most LOOP_BUSY_TIMEOUT_MS for another process's write lock, on the event
# loop; beyond it the update waits in a worker thread (other users go on) and is run again, for this long.
WRITE_WAIT_SECONDS = 10.0
# Reminders are not all loaded into the JobQueue at start (that was one scheduler job per learner with a
# reminder: memory and start-up time growing with the learners). A sweep every REMINDER_SWEEP schedules the
# reminders due within REMINDER_AHEAD as one-off jobs; the windows overlap, and a reminder already scheduled
# (by a sweep or by /reminders in this process) is never scheduled twice.
REMINDER_SWEEP = timedelta(minutes=10)
REMINDER_AHEAD = timedelta(minutes=25)
REMINDER_SWEEP_JOB = "reminder-sweep"
CHECKPOINT_JOB = "wal-checkpoint"


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across users, strictly ordered within one user (or chat): two updates never race."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        """Allow `max_concurrent_updates` updates at once, one at a time per user."""
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._pending: dict[int, int] = {}
        self._warned: set[int] = set()

    @staticmethod
    def key(update: object) -> int | None:
        """Whose update this is: the user's id, else the chat's; None for updates with neither."""
        if not isinstance(update, Update):
            return None
        if update.effective_user is not None:
            return update.effective_user.id
        return update.effective_chat.id if update.effective_chat is not None else None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the handlers for `update` after every earlier update of the same user has finished."""
        key = self.key(update)
        if key is None:
            await coroutine
            return
        if self._pending.get(key, 0) >= MAX_PENDING_PER_USER:
            log.warning("dropping update %s: user has %d updates queued",
                        getattr(update, "update_id", None), self._pending[key])
            if asyncio.iscoroutine(coroutine):
                coroutine.close()
            if isinstance(update, Update):
                await self._ask_to_slow_down(key, update)
            return
        self._pending[key] = self._pending.get(key, 0) + 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                await coroutine
        finally:
            self._pending[key] -= 1
            if self._pending[key] == 0:
                del self._pending[key]
                self._locks.pop(key, None)
                self._warned.discard(key)

    async def _ask_to_slow_down(self, key: int, update: Update) -> None:
        """Tell a flooding user once per flood (not once per dropped update) that extra messages are skipped."""
        if key in self._warned or update.effective_chat is None:
            return
        self._warned.add(key)
        try:
            await update.effective_chat.send_message(texts.TG_SLOW_DOWN)
        except TelegramError as exc:
            log.warning("could not ask user %s to slow down: %s", key, exc)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def default_clock() -> date:
    """Today's date (the services' clock in production)."""
    return date.today()


def build_services(
    settings: Settings,
    catalog_source: Callable[[], Catalog] | None = None,
    clock: Callable[[], date] = default_clock,
) -> Services:
    """Open the database and create the services the handlers use."""
    db = open_database(settings.db_path, on_event_loop=True)
    extra: dict[str, Any] = {}
    if catalog_source is None:
        # The catalog every plan uses: the shipped YAML plus the admins' audited changes.
        catalog_admin = CatalogAdminService(db, Catalog.load(settings.content_dir), clock)
        extra[ADMIN_SERVICE_KEY] = catalog_admin
        catalog_source = catalog_admin.effective
    extra["skill_checks"] = SkillCheckService(db, catalog_source, clock)
    return Services(
        settings=settings,
        db=db,
        catalog_source=catalog_source,
        clock=clock,
        conversation=ConversationService(db, catalog_source, clock),
        progress=ProgressService(db, catalog_source, clock),
        reminders=ReminderService(db, catalog_source, clock),
        privacy=PrivacyService(db, catalog_source, clock),
        extra=extra,
    )


def private_chat_link(username: str | None) -> str:
    """The deep link that opens a private chat with the bot."""
    return f"https://t.me/{username or ''}?start={DEEP_LINK_PAYLOAD}"


def _command_for_us(text: str | None, username: str | None) -> bool:
    """Whether a group message is one of our commands, or any command addressed to us by @name."""
    if not text or not text.startswith("/"):
        return False
    name, _, target = text.split(maxsplit=1)[0][1:].partition("@")
    if target:
        return bool(username) and target.lower() == (username or "").lower()
    return name.lower() in _KNOWN_COMMANDS


async def private_only(update: object, context: WaypointContext) -> None:
    """Every learner feature is personal: outside a private chat, point to one and stop the update here.

    One gate for all handlers, so a new command cannot forget the check: a command gets one short reply with a
    deep link, a button press gets a short answer, everything else is dropped silently; nothing personal is read.
    """
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    username = context.bot.username
    if update.callback_query is not None:
        await update.callback_query.answer(texts.TG_GROUP_BUTTON_PRIVATE)
    elif update.message is not None and _command_for_us(update.message.text, username):
        link = private_chat_link(username)
        await send_html(context, chat.id, esc(texts.TG_GROUP_PRIVATE_ONLY.format(link=link)))
    raise ApplicationHandlerStop


BusyCallback = Callable[[Any, Any], Coroutine[Any, Any, Any]]


def retry_when_busy(callback: BusyCallback) -> BusyCallback:
    """`callback`, run again when its write found the database locked by another process.

    The wait for the lock happens in a worker thread, so other users' updates keep flowing; the transaction
    that failed was rolled back, so running the handler again loses and doubles nothing. This user's later
    updates wait (PerUserUpdateProcessor), so their order holds. Past WRITE_WAIT_SECONDS the user is told.
    """

    @functools.wraps(callback)
    async def run(update: Any, context: Any) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WRITE_WAIT_SECONDS
        while True:
            try:
                return await callback(update, context)
            except DatabaseBusy:
                left = deadline - loop.time()
                services = context.application.bot_data.get("services")
                if left <= 0 or not isinstance(services, Services):
                    break
                log.info("update %s: database locked by another process; waiting off the loop",
                         getattr(update, "update_id", None))
                await asyncio.to_thread(wait_for_write_lock, services.settings.db_path, left)
        log.warning("update %s: database still locked after %.0f s; the user was asked to retry",
                    getattr(update, "update_id", None), WRITE_WAIT_SECONDS)
        if isinstance(update, Update) and update.callback_query is not None:
            try:
                await update.callback_query.answer()  # stop the button's spinner; it may be answered already
            except TelegramError as exc:
                log.debug("could not answer the callback of update %s: %s", update.update_id, exc)
        if isinstance(update, Update) and update.effective_chat is not None:
            await send_html(context, update.effective_chat.id, esc(texts.TG_DB_BUSY))
        return None

    return run


def _retry_all_when_busy(application: WaypointApp) -> None:
    """Wrap every registered handler (learner and admin) in retry_when_busy: one place, no handler forgets."""
    for handlers in application.handlers.values():
        for handler in handlers:
            handler.callback = retry_when_busy(handler.callback)


def register_handlers(application: WaypointApp) -> None:
    """Every learner handler, in one place."""
    application.add_handler(TypeHandler(Update, private_only), group=PRIVATE_ONLY_GROUP)
    command = filters.UpdateType.MESSAGE
    for name in dialogue.DIALOGUE_COMMANDS:
        application.add_handler(CommandHandler(name, dialogue.dialogue_command, filters=command))
    application.add_handler(CommandHandler("help", dialogue.help_command, filters=command))
    application.add_handler(CommandHandler("progress", progress.progress_command, filters=command))
    application.add_handler(CommandHandler("done", progress.done_command, filters=command))
    application.add_handler(CommandHandler("undo", progress.undo_command, filters=command))
    application.add_handler(CommandHandler("reminders", reminders.reminders_command, filters=command))
    application.add_handler(CommandHandler("export", privacy.export_command, filters=command))
    application.add_handler(CommandHandler("check", skillchecks.check_command, filters=command))
    application.add_handler(CommandHandler("review", skillchecks.review_command, filters=command))
    application.add_handler(PollAnswerHandler(skillchecks.poll_answer))
    application.add_handler(CommandHandler("delete", privacy.delete_command, filters=command))
    application.add_handler(CommandHandler("job", jobs.job_command, filters=command))
    application.add_handler(CommandHandler("jobs", jobs.jobs_command, filters=command))
    application.add_handler(CallbackQueryHandler(router.button))
    private_text = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.TEXT
    # Unknown commands go to the dialogue too, which answers with its "unknown command" help.
    application.add_handler(MessageHandler(private_text & filters.COMMAND, dialogue.dialogue_command))
    application.add_handler(MessageHandler(private_text & ~filters.COMMAND, dialogue.text_message))
    private_document = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.Document.ALL
    application.add_handler(MessageHandler(private_document, jobs.document_message))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT, fallback.unsupported_message))
    application.add_error_handler(fallback.on_error)


def _schedule_reminders(application: Application, due: Sequence[tuple[Reminder | ReviewSlot, str, datetime]],
                        moment: datetime, reviews: bool = False) -> int:
    """Put each due reminder (or, with `reviews`, each day's review round at the reminder's time) in the
    JobQueue as a one-off job unless it is already there; returns how many."""
    job_queue = application.job_queue
    if job_queue is None:
        return 0
    scheduled = {job.name for job in job_queue.jobs() if not job.removed}
    count = 0
    for reminder, who, at in due:
        chat_id = ascii_int(who)
        name = (reminder_jobs.review_job_name if reviews else reminder_jobs.job_name)(reminder.learner_id)
        if chat_id is None or name in scheduled or at <= moment:
            continue  # only a user id is a private chat (never a group); never twice
        callback = reminder_jobs.send_reviews if reviews else reminder_jobs.send_reminder
        job_queue.run_once(callback, at, name=name, data=reminder.learner_id, chat_id=chat_id)
        scheduled.add(name)
        count += 1
    if count:
        log.info("scheduled %d reminder(s) due within %s", count, REMINDER_AHEAD)
    return count


def schedule_due_reminders(application: Application, now: datetime | None = None,
                           ahead: timedelta = REMINDER_AHEAD) -> int:
    """Schedule, as one-off jobs, the reminders due from `now` until `now + ahead`; returns how many were new.

    The job is the one `/reminders` schedules (`reminder_jobs.send_reminder`, same name and data), so it re-reads
    the row before sending and a reminder set in this process keeps its own weekly job. Reads on the calling
    thread; the sweep uses `sweep_reminders`, which reads in a worker thread.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    services: Services = application.bot_data["services"]
    count = _schedule_reminders(application, services.reminders.reminders_due(moment, moment + ahead), moment)
    checks = services.extra["skill_checks"]
    assert isinstance(checks, SkillCheckService)
    daily = [(slot, slot.external_id, at) for slot, at in checks.reviews_due(moment, moment + ahead)]
    return count + _schedule_reminders(application, daily, moment, reviews=True)


def _due_from_file(path: str, start: datetime, end: datetime,
                   ) -> list[tuple[Reminder | ReviewSlot, str, datetime, bool]]:
    """`reminders_due` on a connection of its own (read-only, WAL: never waits for a writer), for a worker
    thread: the sweep reads every time zone's window without holding the event loop."""
    db = open_reader(path)
    try:
        service = ReminderService(db, _no_catalog, date.today)
        weekly: list[tuple[Reminder | ReviewSlot, str, datetime, bool]] = [
            (r, who, at, False) for r, who, at in service.reminders_due(start, end)]
        # Review rounds come daily at the learner's own review time, else the reminder's (issue 18).
        checks = SkillCheckService(db, _no_catalog, date.today)
        return weekly + [(slot, slot.external_id, at, True) for slot, at in checks.reviews_due(start, end)]
    finally:
        db.close()


def _no_catalog() -> Catalog:
    raise RuntimeError("the reminder sweep needs no catalog")


async def sweep_reminders(application: Application, now: datetime | None = None) -> int:
    """One sweep: read what is due in a worker thread (file databases), then schedule it on the loop."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    services: Services = application.bot_data["services"]
    path = database_file(services.db)
    if path is None:  # an in-memory database has no second connection
        return schedule_due_reminders(application, moment)
    try:
        due = await asyncio.to_thread(_due_from_file, path, moment, moment + REMINDER_AHEAD)
    except sqlite3.Error as exc:  # the overlapping next sweep covers this window too
        log.warning("reminder sweep failed (%s): the next one covers the same window", exc)
        return 0
    count = _schedule_reminders(application, [(r, w, at) for r, w, at, daily in due if not daily], moment)
    return count + _schedule_reminders(application, [(r, w, at) for r, w, at, daily in due if daily], moment,
                                       reviews=True)


async def _sweep_reminders(context: WaypointContext) -> None:
    await sweep_reminders(context.application)


async def _checkpoint_wal(context: WaypointContext) -> None:
    path = database_file(context.application.bot_data["services"].db)
    if path is not None:
        await asyncio.to_thread(checkpoint_wal, path)  # the fsync happens off the loop (see LOOP_AUTOCHECKPOINT)


async def post_init(application: Application) -> None:
    """At start: publish the command menu, start the reminder sweep (the first one runs now) and the WAL
    checkpoints in a worker thread."""
    await application.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
    await sweep_reminders(application)
    if application.job_queue is not None:
        application.job_queue.run_repeating(_sweep_reminders, REMINDER_SWEEP, first=REMINDER_SWEEP,
                                            name=REMINDER_SWEEP_JOB)
        application.job_queue.run_repeating(_checkpoint_wal, CHECKPOINT_EVERY_SECONDS,
                                            first=CHECKPOINT_EVERY_SECONDS, name=CHECKPOINT_JOB)


async def post_shutdown(application: Application) -> None:
    """Close the database after the last update."""
    services = application.bot_data.get("services")
    if isinstance(services, Services):
        services.db.close()


def build_application(
    settings: Settings,
    catalog_source: Callable[[], Catalog] | None = None,
    clock: Callable[[], date] = default_clock,
    request: BaseRequest | None = None,
    rate_limited: bool = True,
) -> WaypointApp:
    """The Telegram application with its services in bot_data and every handler registered.

    `request` replaces the HTTP layer (tests pass a fake that records every call). `rate_limited=False`
    leaves out the AIORateLimiter (Telegram's send limits and RetryAfter retries): for benchmarks, where
    Telegram's own limit is not the bot's cost; a real bot always keeps it.
    """
    if settings.telegram_bot_token is None:
        raise RuntimeError("TELEGRAM_BOT_TOKEN is not set")  # the CLI runs the terminal without one
    redact_in_logs(settings.telegram_bot_token.get_secret_value())
    # Any: the builder's generic parameters change with .rate_limiter(), which is optional here.
    builder: Any = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(PerUserUpdateProcessor())
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if rate_limited:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if settings.bot_api_base_url:
        builder = builder.base_url(_with_bot_path(settings.bot_api_base_url))
    if settings.bot_api_file_url:
        builder = builder.base_file_url(_with_bot_path(settings.bot_api_file_url, file=True))
    application: WaypointApp = builder.build()
    services = build_services(settings, catalog_source, clock)
    application.bot_data["services"] = services
    register_handlers(application)
    register_admin_handlers(application, settings, services)
    _retry_all_when_busy(application)
    return application


def _catalog_admin(services: Any) -> CatalogAdminService:
    """The application's CatalogAdminService; one built over `services.db` when the application made none."""
    extra = getattr(services, "extra", None)
    service = getattr(services, "catalog_admin", None) or (extra or {}).get(ADMIN_SERVICE_KEY)
    if service is None:
        log.warning("no CatalogAdminService in services: building one, but plans will not see admin changes "
                    "unless catalog_source is its effective()")
        service = CatalogAdminService(services.db, services.catalog_source(), getattr(services, "clock", None))
        if isinstance(extra, dict):
            extra[ADMIN_SERVICE_KEY] = service
    assert isinstance(service, CatalogAdminService)
    return service


def register_admin_handlers(application: Application[Any, Any, Any, Any, Any, Any], settings: Settings,
                            services: Any) -> CatalogAdminService:
    """Register every admin handler (admins only, private chats only), the gate for everyone else, and menus.

    Group ADMIN_GROUP (before the learner's handlers): every admin handler, filtered to admins in private chats;
    each stops the update there. Group GATE_GROUP: the same command names for everyone else, audited, then
    falling through to the learner's handlers (which answer them like any unknown command).

    Uses `services.extra["catalog_admin"]` (or `services.catalog_admin`) when the application built one —
    it should, and make `catalog_source` its `effective` — otherwise builds it over `services.db`.
    """
    service = _catalog_admin(services)
    application.bot_data[ADMIN_SERVICE_KEY] = service
    application.bot_data["admin_settings"] = settings
    application.bot_data.setdefault(DRAFTS_KEY, {})
    application.add_handlers(_admin_handlers(settings), group=ADMIN_GROUP)
    application.add_handler(CommandHandler(GATED_COMMANDS, commands.denied_command,
                                           filters=filters.UpdateType.MESSAGE), group=GATE_GROUP)
    _set_admin_menus_after_start(application, settings)
    return service


def _admin_handlers(settings: Settings) -> list[Any]:
    """Every admin handler, each filtered to the admins in private chats."""
    # New messages only: an edited old command must not run a change a second time.
    admin = filters.User(user_id=settings.admin_ids) & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    handlers: list[Any] = [
        CommandHandler("catalog", commands.catalog_cmd, filters=admin),
        CommandHandler("show", commands.show_cmd, filters=admin),
        CommandHandler("retire", commands.retire_cmd, filters=admin),
        CommandHandler("catalog_undo", commands.undo_cmd, filters=admin),
        CommandHandler("catalog_redo", commands.redo_cmd, filters=admin),
        CommandHandler("history", commands.history_cmd, filters=admin),
        CommandHandler("stats", commands.stats_cmd, filters=admin),
        CommandHandler("links", commands.links_cmd, filters=admin),
        CommandHandler("help", commands.help_cmd, filters=admin),
        CommandHandler("export_catalog", commands.export_cmd, filters=admin),
        MessageHandler(admin & filters.Document.ALL, upload.upload),
        MessageHandler(admin & filters.TEXT & ~filters.COMMAND, drafts.draft_text),
        CallbackQueryHandler(commands.callback, pattern=rf"^{ADMIN_PREFIX}\|"),
    ]
    for section, (browse, add, edit) in KINDS.items():
        handlers += [
            CommandHandler(browse, commands.browse_command(section), filters=admin),
            CommandHandler(add, commands.add_command(section), filters=admin),
            CommandHandler(edit, commands.edit_command(section), filters=admin),
        ]
    return handlers


def _set_admin_menus_after_start(application: Application[Any, Any, Any, Any, Any, Any],
                                 settings: Settings) -> None:
    """Chain the admins' command menus onto the application's post_init (after the learner's menu)."""
    previous = application.post_init

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        if previous is not None:
            await previous(app)
        await commands.set_admin_menus(app, settings, commands.learner_commands())

    application.post_init = post_init


def _with_bot_path(url: str, file: bool = False) -> str:
    """Accept 'http://host:8081' as well as 'http://host:8081/bot': PTB appends the token right after."""
    url = url.rstrip("/")
    suffix = "/file/bot" if file else "/bot"
    return url if url.endswith("/bot") else url + suffix


def webhook_secret(settings: Settings) -> str:
    """A stable secret for Telegram's X-Telegram-Bot-Api-Secret-Token header, derived from the bot token."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    return hashlib.sha256(f"waypoint-webhook:{token}".encode()).hexdigest()[:48]


class TokenRejected(Exception):
    """The Bot API refused the token (401: revoked or mistyped; 404: a wrong WAYPOINT_BOT_API_BASE_URL)."""


async def check_token(settings: Settings) -> None:
    """Ask getMe once with a throwaway Bot, so a refused token stops the start with one line, not a traceback.

    Raises TokenRejected (with no token in it); a network failure is left to the application's own retries.
    """
    assert settings.telegram_bot_token is not None
    kwargs: dict[str, Any] = {}
    if settings.bot_api_base_url:
        kwargs["base_url"] = _with_bot_path(settings.bot_api_base_url)
    bot = Bot(settings.telegram_bot_token.get_secret_value(), **kwargs)
    try:
        async with bot:
            pass
    except InvalidToken:
        raise TokenRejected() from None  # PTB's own message repeats the token: drop it and its cause
    except TelegramError as exc:
        log.warning("could not reach the Bot API to check the token (%s); starting anyway", exc)


def run_bot(settings: Settings) -> None:
    """Run until interrupted: webhook when WAYPOINT_WEBHOOK_URL is set, long polling otherwise.

    Raises TokenRejected when the Bot API refuses the token, at start or later, and DatabaseInUse when another
    bot (or a restore) holds the database: two bots on one file would both send every reminder.
    """
    configure_logging(settings.log_level)
    with DatabaseLock(settings.db_path):
        application = build_application(settings)
        settle_heap(application.bot_data["services"].catalog_source)  # no full-heap GC pauses while serving
        asyncio.run(check_token(settings))
        try:
            _run(application, settings)
        except InvalidToken:
            raise TokenRejected() from None


def _run(application: WaypointApp, settings: Settings) -> None:
    """Poll or serve the webhook until interrupted."""
    log.info("Waypoint bot starting (%s)", "webhook" if settings.webhook_url else "polling")
    if settings.webhook_url:
        path = urlparse(settings.webhook_url).path.lstrip("/")
        application.run_webhook(
            listen="0.0.0.0",
            port=settings.webhook_port or 8443,
            url_path=path,
            webhook_url=settings.webhook_url,
            # Telegram echoes this header on every call, so forged POSTs to the public URL are refused.
            secret_token=webhook_secret(settings),
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
