"""Wires the Application once: settings in, handlers, persistence, outbox sender; then polls."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

from sqlalchemy.pool import StaticPool
from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    Defaults,
    PersistenceInput,
)

from bot import heap, texts, update_unit, webhook
from bot.bootstrap import build_context
from bot.chat_order import ChatOrderedUpdates
from bot.config import Settings
from bot.domain.clock import JAKARTA
from bot.log_redaction import redact
from bot.outbox_sender import OutboxSender
from bot.pacing import Pacer
from bot.persistence import DatabasePersistence
from bot.recording_request import RecordingRequest
from bot.services import reminders
from bot.services.context import ServiceContext
from bot.telegram_context import BotContext, SakipApplication
from conversations import command_menu, general
from conversations.common import reply
from conversations.sop import build_sop_conversation
from storage import outbox

log = logging.getLogger(__name__)
REMINDER_INTERVAL = 60  # seconds
# What reading the arguments of a button's data raises when they are not ones we wrote.
MALFORMED_BUTTON = (ValueError, IndexError, KeyError, StopIteration)
PERSISTENCE_TIMER = 24 * 3600.0  # seconds; only a fallback (see build_application)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
START_WAIT, LONGEST_START_WAIT = 1.0, 60.0  # seconds between attempts to reach Telegram

logger = logging.getLogger(__name__)


def build_application(settings: Settings, ctx: ServiceContext) -> SakipApplication:
    def record(chat_id: int, method: str, message_id: int | None, text: str | None) -> None:
        with ctx.transaction() as session:
            outbox.log_message(session=session, chat_id=chat_id, method=method, now=ctx.now(),
                               message_id=message_id, text=text)

    async def take(updates: list[dict[str, Any]]) -> None:
        await application.units.take(updates)  # bound below; called only once polling

    builder = (
        ApplicationBuilder()
        .application_class(SakipApplication, kwargs={"services": ctx})
        .token(settings.token())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_url)
        .request(RecordingRequest(record, connection_pool_size=16,
                                  connect_timeout=settings.telegram_timeout,
                                  read_timeout=settings.telegram_timeout,
                                  write_timeout=settings.telegram_timeout,
                                  media_write_timeout=settings.telegram_timeout * 2))
        .get_updates_request(RecordingRequest(record, inbox=take,
                                              read_timeout=settings.poll_timeout + 10))
        .defaults(Defaults(tzinfo=JAKARTA))
        # Each update writes its conversation state in its own unit of work (bot.update_unit);
        # PTB's timer would write the state of an update still under way.
        # Only conversation states: user_data, chat_data and bot_data are not used.
        .persistence(DatabasePersistence(
            ctx.engine, update_interval=PERSISTENCE_TIMER,
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=False,
                                        callback_data=False)))
        .concurrent_updates(ChatOrderedUpdates(update_concurrency(settings, ctx)))
        .context_types(ContextTypes(context=BotContext))
        .post_init(_post_init)
        .post_stop(_post_stop)
    )
    application = cast(SakipApplication, builder.build())
    application.pacer = Pacer() if settings.telegram_pacing else None
    application.add_handlers(general.guard_handlers(), group=-1)
    application.add_handlers([*general.command_handlers(), build_sop_conversation(),
                              *general.fallback_handlers()])
    application.add_error_handler(_on_error)
    return application


def update_concurrency(settings: Settings, ctx: ServiceContext) -> int:
    """How many chats' updates run at once: one on an in-memory database, whose single
    shared connection cannot hold two transactions."""
    return 1 if isinstance(ctx.engine.pool, StaticPool) else settings.update_concurrency


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app = cast(SakipApplication, application)
    # Database and file work runs in worker threads. On SQLite an update holding the write
    # lock must always find a free thread for its next step, even when every other update
    # under way waits on that lock in a thread of its own: so more threads than updates.
    slots = app.update_processor.max_concurrent_updates
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=2 * slots + 8, thread_name_prefix="sakip"))
    await command_menu.set_default(app.bot)
    app.outbox_sender = OutboxSender(app.bot, app.services, pacer=app.pacer)
    app.outbox_sender.start()
    # Taken from Telegram before a crash and never done: first in line, before new ones.
    for update in await asyncio.to_thread(app.units.unfinished):
        await app.update_queue.put(update)
    if app.job_queue is not None:
        # Named, so a second start replaces rather than doubles it; state lives in the database.
        app.job_queue.run_repeating(_remind, interval=REMINDER_INTERVAL, first=5,
                                    name="reminders")


async def _post_stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app = cast(SakipApplication, application)
    if app.outbox_sender is not None:
        await app.outbox_sender.stop()
    await asyncio.to_thread(app.services.reports.shutdown)


async def _remind(context: BotContext) -> None:
    """Send the reminders, escalations and digest whose time has come; forget old updates."""
    await asyncio.to_thread(reminders.tick, context.services)
    await asyncio.to_thread(cast(SakipApplication, context.application).units.prune)


async def _on_error(update: object, context: BotContext) -> None:
    if update_unit.takes_over(context.error):
        # The update's unit rolls back and handles it again (or drops it, if it was handled
        # elsewhere); the groups of this pass that did not run yet must not run now. (Writing
        # the conversation state reports its errors here too, without the update.)
        raise ApplicationHandlerStop
    if (isinstance(update, Update) and update.callback_query is not None
            and isinstance(context.error, MALFORMED_BUTTON)):
        # Callback data no button of ours carries (forged, or from a much older release).
        log.warning("malformed callback data %r: %r", update.callback_query.data, context.error)
        try:
            await update.callback_query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
        except BadRequest:  # the handler answered the press before it read the data
            with contextlib.suppress(Exception):
                await reply(update, texts.UNKNOWN_BUTTON)
        return
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, texts.SERVER_ERROR)
        except Exception:
            log.exception("could not tell the user about the error")


def run(settings: Settings) -> int:
    """Poll (or, with ``WEBHOOK_URL``, be pushed to) until interrupted."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    redact(settings.secrets())
    # httpx logs every request URL, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    ctx = build_context(settings, pool=True)
    wait = START_WAIT
    while True:
        # A failed start leaves the Application and its loop spent: each attempt is new.
        application = build_application(settings, ctx)
        asyncio.set_event_loop(asyncio.new_event_loop())
        heap.settle()
        try:
            if settings.webhook_url:
                loop = asyncio.get_event_loop()
                try:
                    loop.run_until_complete(webhook.serve(application, settings))
                finally:
                    loop.close()
            else:
                application.run_polling(timeout=int(settings.poll_timeout),
                                        allowed_updates=Update.ALL_TYPES)
        except InvalidToken:
            # Telegram's words name the token; ours do not.
            print(texts.CLI_TOKEN_REJECTED, file=sys.stderr)
            return 1
        except NetworkError as error:
            # Only starting can end here (once polling, PTB retries by itself): a server that
            # boots before its network, or Telegram away, is waited for, not a crash.
            logger.warning(texts.TELEGRAM_UNREACHABLE_AT_START, type(error).__name__,
                           wait)
            try:
                time.sleep(wait)
            except KeyboardInterrupt:
                return 0
            wait = min(wait * 2, LONGEST_START_WAIT)
            continue
        return 0
