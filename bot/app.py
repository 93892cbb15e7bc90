"""Wires the Application once: settings in, handlers, persistence, outbox sender; then polls."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import Any, cast

from sqlalchemy.exc import InterfaceError, OperationalError
from telegram import BotCommand, Update
from telegram.error import BadRequest, InvalidToken
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    Defaults,
    TypeHandler,
)

from bot import texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain.clock import JAKARTA
from bot.log_redaction import redact
from bot.outbox_sender import OutboxSender
from bot.persistence import DatabasePersistence
from bot.recording_request import RecordingRequest
from bot.services import reminders
from bot.services.context import ServiceContext
from bot.telegram_context import BotContext, SakipApplication
from conversations import general
from conversations.common import reply
from conversations.sop import build_sop_conversation
from storage import outbox
from storage.db import reachable

log = logging.getLogger(__name__)
REMINDER_INTERVAL = 60  # seconds
# A server that is down, restarting or out of connections; on SQLite a file locked too long.
DATABASE_ERRORS = (OperationalError, InterfaceError)
OUTAGE_FIRST_WAIT, OUTAGE_LONGEST_WAIT = 0.5, 15.0  # seconds between looks at the database
# What reading the arguments of a button's data raises when they are not ones we wrote.
MALFORMED_BUTTON = (ValueError, IndexError, KeyError, StopIteration)
PERSIST_GROUP = 100  # after every other handler group
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def build_application(settings: Settings, ctx: ServiceContext) -> SakipApplication:
    def record(chat_id: int, method: str, message_id: int | None, text: str | None) -> None:
        with ctx.transaction() as session:
            outbox.log_message(session=session, chat_id=chat_id, method=method, now=ctx.now(),
                               message_id=message_id, text=text)

    builder = (
        ApplicationBuilder()
        .application_class(SakipApplication, kwargs={"services": ctx})
        .token(settings.token())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_url)
        .request(RecordingRequest(record, connection_pool_size=16))
        .get_updates_request(RecordingRequest(record, read_timeout=settings.poll_timeout + 10))
        .defaults(Defaults(tzinfo=JAKARTA))
        .persistence(DatabasePersistence(ctx.engine, update_interval=1.0))
        .context_types(ContextTypes(context=BotContext))
        .post_init(_post_init)
        .post_stop(_post_stop)
    )
    application = cast(SakipApplication, builder.build())
    application.add_handlers(general.guard_handlers(), group=-1)
    application.add_handlers([*general.command_handlers(), build_sop_conversation(),
                              *general.fallback_handlers()])
    application.add_handler(TypeHandler(Update, _persist_now), group=PERSIST_GROUP)
    application.add_error_handler(_on_error)
    return application


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app = cast(SakipApplication, application)
    await app.bot.set_my_commands([BotCommand(name, label) for name, label in texts.COMMANDS])
    app.outbox_sender = OutboxSender(app.bot, app.services)
    app.outbox_sender.start()
    if app.job_queue is not None:
        # Named, so a second start replaces rather than doubles it; state lives in the database.
        app.job_queue.run_repeating(_remind, interval=REMINDER_INTERVAL, first=5,
                                    name="reminders")


async def _post_stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app = cast(SakipApplication, application)
    if app.outbox_sender is not None:
        await app.outbox_sender.stop()


async def _remind(context: BotContext) -> None:
    """Send the reminders, escalations and digest whose time has come."""
    await asyncio.to_thread(reminders.tick, context.services)


async def _persist_now(update: Update, context: BotContext) -> None:
    """Write conversation state right after each update, not on PTB's timer: a crash between
    two ticks would otherwise forget where an official was."""
    await context.application.update_persistence()


async def _on_error(update: object, context: BotContext) -> None:
    if isinstance(update, Update) and await _after_database_outage(update, context):
        # Handled again from the start once the database answered; the groups of the failed
        # pass that did not run yet must not run now.
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


async def _after_database_outage(update: Update, context: BotContext) -> bool:
    """When the database could not be reached, wait until it can and handle ``update`` again.

    A failed service rolled its transaction back and a failed handler did not move its
    conversation on, so handling the update once more is what the official meant. Updates are
    handled one at a time: the ones behind this one wait too and keep their order.
    """
    error = context.error
    if not isinstance(error, DATABASE_ERRORS):
        return False
    engine = context.services.engine
    if await asyncio.to_thread(reachable, engine):
        # A dropped connection that the pool has already replaced: one more try is enough.
        if not getattr(error, "connection_invalidated", False):
            return False
    else:
        log.warning("database unreachable (%s); waiting to handle the update again",
                    type(error).__name__)
        if update.effective_message is not None:
            with contextlib.suppress(Exception):
                await reply(update, texts.DATABASE_WAIT)
        delay = OUTAGE_FIRST_WAIT
        while not await asyncio.to_thread(reachable, engine):
            await asyncio.sleep(delay)
            delay = min(delay * 2, OUTAGE_LONGEST_WAIT)
        log.warning("database reachable again")
    await context.application.process_update(update)
    return True


def run(settings: Settings) -> int:
    """Poll until interrupted."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    redact(settings.secrets())
    # httpx logs every request URL, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    ctx = build_context(settings)
    application = build_application(settings, ctx)
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        application.run_polling(timeout=int(settings.poll_timeout),
                                allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        # Telegram's words name the token; ours do not.
        print(texts.CLI_TOKEN_REJECTED, file=sys.stderr)
        return 1
    return 0
