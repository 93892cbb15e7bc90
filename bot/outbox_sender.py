"""Delivers the outbox: each queued notification is sent, then marked sent in the database.

Runs as one background task; a service that queued messages wakes it, and a periodic tick
catches anything queued by another process (the CLI) or left over from before a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from telegram import Bot, InputFile, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.formatting import split_text, telegram_length
from bot.keyboards import inline
from bot.services.context import ServiceContext
from storage import documents, outbox
from storage.models import OutboxMessage

log = logging.getLogger(__name__)
CAPTION_LIMIT = 1024
MAX_ATTEMPTS = 8


class OutboxSender:
    def __init__(self, bot: Bot, ctx: ServiceContext, *, interval: float = 2.0) -> None:
        self._bot = bot
        self._ctx = ctx
        self._interval = interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._ctx.on_outbox = self.wake
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def wake(self) -> None:
        """Safe from any thread: services call it after committing."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                while await self.deliver_due():
                    pass
            except Exception:  # a broken message must not stop every later one
                log.exception("outbox delivery failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)

    async def deliver_due(self) -> int:
        """Send what is due now; returns how many were attempted."""
        due = await asyncio.to_thread(self._due)
        for message in due:
            await self._deliver(message)
        return len(due)

    def _due(self) -> list[OutboxMessage]:
        with self._ctx.transaction() as session:
            return outbox.due(session=session, now=self._ctx.now())

    async def _deliver(self, message: OutboxMessage) -> None:
        assert message.id is not None
        try:
            sent = await self._send(message)
        except RetryAfter as error:
            retry = error.retry_after
            seconds = retry.total_seconds() if isinstance(retry, timedelta) else float(retry)
            await self._failed(message, str(error), timedelta(seconds=seconds))
        except (Forbidden, BadRequest) as error:
            # The user blocked the bot or the chat is gone: retrying will not help.
            await self._failed(message, str(error), None)
        except (TimedOut, NetworkError) as error:
            backoff = timedelta(seconds=min(300, 2 ** message.attempts))
            give_up = message.attempts + 1 >= MAX_ATTEMPTS
            await self._failed(message, str(error), None if give_up else backoff)
        else:
            await asyncio.to_thread(self._mark_sent, message.id, sent.message_id)

    async def _send(self, message: OutboxMessage) -> Message:
        markup = inline(message.buttons)
        fits_caption = telegram_length(message.text) <= CAPTION_LIMIT
        if message.document_id is not None:
            name, data, mime = await asyncio.to_thread(self._document, message.document_id)
            file = InputFile(data, filename=name)
            if mime.startswith("image/") and fits_caption:
                return await self._bot.send_photo(message.chat_id, file, caption=message.text,
                                                  reply_markup=markup)
            if fits_caption:
                return await self._bot.send_document(message.chat_id, file,
                                                     caption=message.text, reply_markup=markup)
            await self._bot.send_document(message.chat_id, file)
        # Long notes typed by officials can take a hand-off past Telegram's 4,096 units.
        *first, last = split_text(message.text)
        for piece in first:
            await self._bot.send_message(message.chat_id, piece)
        return await self._bot.send_message(message.chat_id, last, reply_markup=markup)

    def _document(self, document_id: int) -> tuple[str, bytes, str]:
        with self._ctx.transaction() as session:
            document = documents.get_document(session=session, document_id=document_id)
            assert document is not None
            return (document.original_name, self._ctx.store.read(document.path),
                    document.mime_type)

    def _mark_sent(self, message_id: int, telegram_message_id: int) -> None:
        with self._ctx.transaction() as session:
            outbox.mark_sent(session=session, message_id=message_id, now=self._ctx.now(),
                             telegram_message_id=telegram_message_id)

    async def _failed(self, message: OutboxMessage, error: str,
                      retry_in: timedelta | None) -> None:
        log.warning("outbox message %s not delivered: %s", message.id, error)

        def mark() -> None:
            assert message.id is not None
            with self._ctx.transaction() as session:
                outbox.mark_failed(session=session, message_id=message.id, now=self._ctx.now(),
                                   error=error, retry_in=retry_in)

        await asyncio.to_thread(mark)
