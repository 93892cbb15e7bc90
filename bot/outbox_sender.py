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
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram import Bot, InputFile, Message
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.request import RequestData

from bot import recording_request
from bot.formatting import split_text, telegram_length
from bot.keyboards import inline
from bot.pacing import Pacer
from bot.recording_request import SentRecord
from bot.services import delivery
from bot.services.context import ServiceContext
from storage import documents, outbox
from storage.models import OutboxMessage

log = logging.getLogger(__name__)
CAPTION_LIMIT = 1024
MAX_ATTEMPTS = 8  # for errors of our own (a missing file, a bug); Telegram's own are retried
# Transient failures are retried after 1, 2, 4 ... seconds, never more than a minute apart:
# after an outage every chat is caught up within a minute of Telegram answering again.
FIRST_WAIT = timedelta(seconds=1)
LONGEST_WAIT = timedelta(minutes=1)
LEASE = timedelta(minutes=1)  # longer than any one send with its time-outs
AT_ONCE = 8  # chats sent to side by side
# Not a message in the chat: Telegram does not count it against the chat's limit.
UNPACED = frozenset({"answerCallbackQuery"})


@dataclass(frozen=True)
class _Sent:
    """A message Telegram took, to be marked sent with the round."""

    id: int
    telegram_message_id: int | None
    records: list[SentRecord]  # what was sent, for the message log


class StoredRequestData(RequestData):
    """Request data kept in the outbox: parameters as JSON texts and the files to upload."""

    def __init__(self, json_parameters: dict[str, str],
                 files: dict[str, tuple[str | None, bytes, str | None]]) -> None:
        super().__init__([])
        self._json = json_parameters
        self._files = files
        self.contains_files = bool(files)

    @property
    def parameters(self) -> dict[str, Any]:
        return dict(self._json)  # only the texts are kept; nothing reads the values

    @property
    def json_parameters(self) -> dict[str, str]:
        return dict(self._json)

    @property
    def multipart_data(self) -> Any:
        return dict(self._files)


class OutboxSender:
    def __init__(self, bot: Bot, ctx: ServiceContext, *, interval: float = 2.0,
                 longest_wait: timedelta = LONGEST_WAIT, pacer: Pacer | None = None) -> None:
        self._bot = bot
        self._pacer = pacer
        self._owner = f"{_this_machine()}:{os.getpid()}:{secrets.token_hex(4)}"
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
        with contextlib.suppress(Exception):  # the database may be away; leases then run out
            await asyncio.to_thread(self._release_dead_claims)
        while True:
            try:
                while await self.deliver_due():
                    pass  # more were waiting behind this round
            except Exception:  # a broken message must not stop every later one
                log.exception("outbox delivery failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)

    async def deliver_due(self) -> bool:
        """Send what is due now; whether more may be due at once."""
        self._wake.clear()  # a wake from here on is for messages this claim may not see
        due, more = await asyncio.to_thread(self._claim)
        outcomes = await asyncio.gather(*(self._deliver(m) for m in due), return_exceptions=True)
        sent = [outcome for outcome in outcomes if isinstance(outcome, _Sent)]
        failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
        if sent:
            # One commit for the round (a group commit), not one per message.
            try:
                await asyncio.to_thread(self._mark_sent, sent)
            except Exception as error:
                failures.append(error)
        for failure in failures:
            # Recording the outcome failed (the database is away): the lease runs out and
            # the message is tried again then.
            log.error("outbox outcome not recorded", exc_info=failure)
        # Messages committed during the round woke the sender: another round finds them.
        return more or self._wake.is_set()

    def _release_dead_claims(self) -> None:
        """Free at once the messages a sender on this machine held when it died (killed, or
        this very process before a restart): the message a chat waits on would otherwise hold
        up that chat until the lease ran out. Senders elsewhere are left to their leases."""
        with self._ctx.transaction() as session:
            dead = [owner for owner in outbox.claimants(session=session)
                    if owner != self._owner and _died_here(owner)]
            if outbox.release_claims(session=session, owners=dead):
                log.warning("took over the outbox messages of stopped senders %s", dead)

    def _claim(self) -> tuple[list[OutboxMessage], bool]:
        with self._ctx.transaction() as session:
            return outbox.claim_due(session=session, now=self._ctx.now(), owner=self._owner,
                                    lease=LEASE)

    def _backoff(self, attempts: int) -> timedelta:
        return min(self._longest_wait, FIRST_WAIT * 2 ** min(attempts, 20))

    async def _deliver(self, message: OutboxMessage) -> _Sent | None:
        """Send one message; a failure is recorded here, a success by the round."""
        assert message.id is not None
        try:
            async with self._slots:
                if self._pacer is not None and message.method not in UNPACED:
                    await self._pacer.wait(message.chat_id)
                with recording_request.collected() as records:
                    sent = await self._send(message)
        except RetryAfter as error:
            retry = error.retry_after
            seconds = retry.total_seconds() if isinstance(retry, timedelta) else float(retry)
            await self._failed(message, str(error), timedelta(seconds=seconds))
        except (Forbidden, BadRequest) as error:
            # The user blocked the bot, the chat is gone, or the request cannot succeed (an
            # edit of a message already edited): retrying will not help.
            await self._set_aside(message, str(error))
        except TelegramError as error:
            # Network, time-out, 5xx, an answer that is not the Bot API's: Telegram's side.
            await self._failed(message, str(error), self._backoff(message.attempts))
        except Exception as error:  # ours: one broken message must not stop the others
            log.exception("outbox message %s could not be sent", message.id)
            if message.attempts + 1 >= MAX_ATTEMPTS:
                await self._set_aside(message, repr(error))
            else:
                await self._failed(message, repr(error), self._backoff(message.attempts))
        else:
            return _Sent(message.id, sent, records)
        return None

    async def _send(self, message: OutboxMessage) -> int | None:
        """Deliver the row; the id of the message Telegram made, if it made one."""
        if message.method is not None:
            return await self._replay(message)
        return (await self._notify(message)).message_id

    async def _replay(self, message: OutboxMessage) -> int | None:
        """Make an owed reply's call exactly as the handler made it."""
        assert message.method is not None
        files = {}
        if message.attachment is not None and message.attachment_field is not None:
            files[message.attachment_field] = (message.attachment_name, message.attachment,
                                               message.attachment_mime)
        request = StoredRequestData(message.params or {}, files)
        result = await self._bot.request.post(f"{self._bot.base_url}/{message.method}",
                                              request_data=request)
        return result.get("message_id") if isinstance(result, dict) else None

    async def _notify(self, message: OutboxMessage) -> Message:
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

    def _mark_sent(self, sent: list[_Sent]) -> None:
        with self._ctx.transaction() as session:
            outbox.mark_all_sent(
                session=session, now=self._ctx.now(),
                sent=[(message.id, message.telegram_message_id) for message in sent],
                logged=[record for message in sent for record in message.records])

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


def _this_machine() -> str:
    """Where process ids mean the same processes: this host, this boot and this pid namespace
    (containers sharing a host name do not share it)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return f"{socket.gethostname()}/?"
    return f"{socket.gethostname()}/{boot}/{namespace}"


def _died_here(owner: str) -> bool:
    """Whether the sender ``owner`` (machine:pid:token) ran where this one runs and is gone."""
    machine, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if machine != _this_machine() or machine.endswith("/?") or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # our own pid in our namespace, another token: a predecessor, gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False
