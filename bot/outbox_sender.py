"""Delivers the outbox: each queued notification is sent, then marked sent in the database.

Runs as one background task; a service that queued messages wakes it, and a periodic tick
catches anything queued by another process (the CLI) or left over from before a restart.

Each round claims the oldest due message of every chat (a lease in the database, so that a
second bot process sends none of them) and sends them side by side: a slow or failing chat
holds up no other, and within a chat the order is kept. Transient failures (network, time-out,
5xx, 429) are retried with a capped back-off for as long as it takes; a permanent refusal, or
an error of our own after the last attempt, sets the message aside and tells the Sekretaris.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from datetime import timedelta

from telegram import Bot, InputFile, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.formatting import split_text, telegram_length
from bot.keyboards import inline
from bot.services import delivery
from bot.services.context import ServiceContext
from storage import documents, outbox
from storage.models import OutboxMessage

log = logging.getLogger(__name__)
CAPTION_LIMIT = 1024
MAX_ATTEMPTS = 8  # for errors of our own (a missing file, a bug); Telegram's own are retried
LONGEST_WAIT = timedelta(minutes=5)
LEASE = timedelta(minutes=5)  # longer than any one send with its time-outs
AT_ONCE = 8  # chats sent to side by side


class OutboxSender:
    def __init__(self, bot: Bot, ctx: ServiceContext, *, interval: float = 2.0,
                 longest_wait: timedelta = LONGEST_WAIT) -> None:
        self._bot = bot
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._longest_wait = longest_wait
        self._slots = asyncio.Semaphore(AT_ONCE)
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
        due = await asyncio.to_thread(self._claim)
        outcomes = await asyncio.gather(*(self._deliver(m) for m in due), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                # Recording the outcome failed (the database is away): the lease runs out and
                # the message is tried again then.
                log.error("outbox outcome not recorded", exc_info=outcome)
        return len(due)

    def _claim(self) -> list[OutboxMessage]:
        with self._ctx.transaction() as session:
            return outbox.claim_due(session=session, now=self._ctx.now(), owner=self._owner,
                                    lease=LEASE)

    def _backoff(self, attempts: int) -> timedelta:
        return min(self._longest_wait, timedelta(seconds=2 ** min(attempts, 20)))

    async def _deliver(self, message: OutboxMessage) -> None:
        assert message.id is not None
        try:
            async with self._slots:
                sent = await self._send(message)
        except RetryAfter as error:
            retry = error.retry_after
            seconds = retry.total_seconds() if isinstance(retry, timedelta) else float(retry)
            await self._failed(message, str(error), timedelta(seconds=seconds))
        except (Forbidden, BadRequest) as error:
            # The user blocked the bot or the chat is gone: retrying will not help.
            await self._set_aside(message, str(error))
        except (TimedOut, NetworkError) as error:
            await self._failed(message, str(error), self._backoff(message.attempts))
        except Exception as error:  # ours: one broken message must not stop the others
            log.exception("outbox message %s could not be sent", message.id)
            if message.attempts + 1 >= MAX_ATTEMPTS:
                await self._set_aside(message, repr(error))
            else:
                await self._failed(message, repr(error), self._backoff(message.attempts))
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

    async def _failed(self, message: OutboxMessage, error: str, retry_in: timedelta) -> None:
        log.warning("outbox message %s not delivered, again in %s: %s", message.id, retry_in,
                    error)

        def mark() -> None:
            assert message.id is not None
            with self._ctx.transaction() as session:
                outbox.mark_failed(session=session, message_id=message.id, now=self._ctx.now(),
                                   error=error, retry_in=retry_in)

        await asyncio.to_thread(mark)

    async def _set_aside(self, message: OutboxMessage, error: str) -> None:
        log.warning("outbox message %s set aside as undeliverable: %s", message.id, error)
        assert message.id is not None
        await asyncio.to_thread(delivery.set_aside, self._ctx, message.id, error)
