"""Wires the Application once: settings in, handlers, persistence, outbox sender; then polls."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

from telegram import BotCommand, Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults, TypeHandler

from bot import texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain.clock import JAKARTA
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

log = logging.getLogger(__name__)
REMINDER_INTERVAL = 60  # seconds
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
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, texts.SERVER_ERROR)
        except Exception:
            log.exception("could not tell the user about the error")


def run(settings: Settings) -> int:
    """Poll until interrupted."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    # httpx logs every request URL, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    ctx = build_context(settings)
    application = build_application(settings, ctx)
    asyncio.set_event_loop(asyncio.new_event_loop())
    application.run_polling(timeout=int(settings.poll_timeout), allowed_updates=Update.ALL_TYPES)
    return 0
