"""Each update in one transaction: its effects, its conversation state and its replies.

The inbox row taken for the update, every service's change with its audit event and outbox
rows, the new conversation state and the replies the official is owed commit together, and
the inbox row is marked done in the same commit. A crash before the commit leaves none of it,
and the update is handled again after the restart; a crash after it leaves the replies in the
outbox, where the sender finds them. An update Telegram sends again is skipped.

When the database fails half-way, the attempt is rolled back, the conversations are set back
to what committed, and the update is handled again once the database answers: what the official
did is neither lost nor applied twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session
from telegram import Update

from bot import database_work, texts
from bot.owed_replies import OwedReplies, collecting
from bot.persistence import StateWrite
from bot.services.context import ServiceContext
from storage import inbox, outbox
from storage.db import Unit, WouldWait, durable_scope, joined, reachable, session_scope

if TYPE_CHECKING:
    from bot.telegram_context import Conversation, SakipApplication

log = logging.getLogger(__name__)
# A server that is down, restarting or out of connections; on SQLite a file locked too long.
DATABASE_ERRORS = (OperationalError, InterfaceError)
FIRST_WAIT, LONGEST_WAIT = 0.5, 15.0  # seconds between looks at an unreachable database
TRIES_WHILE_REACHABLE = 3  # a database that answers yet fails the update: give up after these
KEEP_DONE = timedelta(days=2)  # Telegram sends an update again only within a day


class AlreadyHandled(Exception):
    """The update was handled already (by an earlier delivery or another process)."""


@dataclass
class _Attempt:
    unit: Unit
    owed: OwedReplies
    error: BaseException | None = None
    queued: bool = False  # it put messages in the outbox: the sender is woken after the commit


_current: ContextVar[_Attempt | None] = ContextVar("update_attempt", default=None)


def takes_over(error: BaseException | None) -> bool:
    """Whether the attempt under way ends because of ``error`` and is dealt with as a whole
    (rolled back, then retried or dropped); the error handler then stops the update."""
    attempt = _current.get()
    if attempt is None or not isinstance(error, (*DATABASE_ERRORS, AlreadyHandled)):
        return False
    attempt.error = error
    return True


@contextlib.contextmanager
def _attempting(attempt: _Attempt) -> Iterator[None]:
    token = _current.set(attempt)
    try:
        with joined(attempt.unit), collecting(attempt.owed):
            yield
    finally:
        _current.reset(token)


class UpdateUnits:
    """Runs the handlers of each update inside its unit of work."""

    def __init__(self, application: SakipApplication) -> None:
        self._app = application
        self._asked_to_wait: set[int] = set()  # chats told to wait, this outage
        # Whether other processes take updates from the same inbox (behind a webhook). Polling
        # is one process by Telegram's rule (a second getUpdates is refused), and what it left
        # unfinished is queued again at start: looking for older updates would be a query
        # per update for nothing.
        self.shared_inbox = False

    async def take(self, payloads: list[dict[str, Any]]) -> None:
        """Write updates just taken from Telegram to the inbox, before they are acknowledged.

        While the database is away they cannot be written, so they are not acknowledged and
        Telegram keeps them; each chat is told once to wait.
        """
        try:
            await asyncio.to_thread(self._record, payloads)
        except DATABASE_ERRORS:
            await self._ask_to_wait(payloads)
            raise
        self._asked_to_wait.clear()

    def _record(self, payloads: list[dict[str, Any]]) -> None:
        # Durable: once these are acknowledged, Telegram forgets them (storage.db pragmas).
        with durable_scope(self._ctx.engine) as session:
            inbox.record(session=session, updates=payloads, now=self._ctx.now())

    async def _ask_to_wait(self, payloads: list[dict[str, Any]]) -> None:
        for payload in payloads:
            update = Update.de_json(payload, self._app.bot)
            chat = update.effective_chat if update is not None else None
            if chat is None or chat.id in self._asked_to_wait:
                continue
            self._asked_to_wait.add(chat.id)
            with contextlib.suppress(Exception):
                await self._app.bot.send_message(chat.id, texts.DATABASE_WAIT)

    @property
    def _ctx(self) -> ServiceContext:
        return self._app.services

    async def process(self, update: Update, handle: Callable[[Update], Awaitable[None]]) -> None:
        """Handle ``update`` once, after every older update of its chat. Never raises: PTB's
        loop that feeds updates one by one would stop on an exception, and every later update
        with it.

        Within this process a chat's updates come one by one (``ChatOrderedUpdates``). Behind
        a webhook with several processes, the one before may have gone to another process that
        has not finished it, or died: it is handled here first. Its claim settles which
        process's handling counts; the other one's is undone (``AlreadyHandled``)."""
        if self.shared_inbox:
            for older in await self._older_of_chat(update):
                await self._process(older, handle)
        await self._process(update, handle)

    async def _older_of_chat(self, update: Update) -> list[Update]:
        chat = update.effective_chat
        if chat is None:
            return []
        try:
            payloads = await asyncio.to_thread(self._older, chat.id, update.update_id)
        except DATABASE_ERRORS:
            return []  # the update itself waits for the database
        return [older for payload in payloads
                if (older := Update.de_json(payload, self._app.bot)) is not None]

    def _older(self, chat_id: int, update_id: int) -> list[dict[str, Any]]:
        with session_scope(self._ctx.engine) as session:
            return inbox.older_unfinished(session=session, chat_id=chat_id, update_id=update_id)

    async def _process(self, update: Update,
                       handle: Callable[[Update], Awaitable[None]]) -> None:
        failures = 0
        told = False
        while True:
            try:
                conversations = self._app.conversations_of(update)
                # Another process, or this update's failed attempt, may have moved them on.
                # Read when polling too: a second bot started by mistake on the same database
                # may have handled the chat's last update.
                stored = await asyncio.to_thread(self._look, conversations)
                self._take_loaded(conversations, stored)
                await self._attempt(update, handle, conversations)
                return
            except AlreadyHandled:
                # Handled before (delivered again) or meanwhile by another process: what this
                # attempt did to the conversations is set back to what that handling committed.
                log.info("update %s was handled already", update.update_id)
                await self._reload(update)
                return
            except DATABASE_ERRORS as error:
                if await self._reachable():
                    failures += 1
                    if failures >= TRIES_WHILE_REACHABLE:
                        await self._give_up(update, error)
                        return
                    log.warning("update %s failed on the database (%s); handling it again",
                                update.update_id, type(error).__name__)
                    await asyncio.sleep(FIRST_WAIT * failures)
                else:
                    if not told and update.effective_message is not None:
                        told = True
                        with contextlib.suppress(Exception):
                            await update.effective_message.reply_text(texts.DATABASE_WAIT)
                    await self._wait_for_database()
            except Exception as error:
                await self._give_up(update, error)
                return

    async def _reachable(self) -> bool:
        try:
            return await asyncio.to_thread(reachable, self._ctx.engine)
        except Exception:
            return False

    async def _give_up(self, update: Update, error: BaseException) -> None:
        """A fault of ours, or a database that answers yet keeps failing this update: say so,
        and mark it done (its changes rolled back) so that it does not come back at every start."""
        log.error("update %s could not be handled", update.update_id, exc_info=error)
        with contextlib.suppress(Exception):
            await asyncio.to_thread(self._mark_given_up, update)
        await self._reload(update)
        if update.effective_message is not None:
            with contextlib.suppress(Exception):
                await update.effective_message.reply_text(texts.SERVER_ERROR)

    async def _reload(self, update: Update) -> None:
        with contextlib.suppress(Exception):
            conversations = self._app.conversations_of(update)
            stored = await asyncio.to_thread(self._look, conversations)
            self._take_loaded(conversations, stored)

    def _mark_given_up(self, update: Update) -> None:
        with session_scope(self._ctx.engine) as session:
            inbox.claim(session=session, update_id=update.update_id, payload=update.to_dict(),
                        now=self._ctx.now())

    async def _wait_for_database(self) -> None:
        log.warning("database unreachable; waiting to handle the update again")
        delay = FIRST_WAIT
        while not await asyncio.to_thread(reachable, self._ctx.engine):
            await asyncio.sleep(delay)
            delay = min(delay * 2, LONGEST_WAIT)
        log.warning("database reachable again")

    async def _attempt(self, update: Update, handle: Callable[[Update], Awaitable[None]],
                       conversations: list[Conversation]) -> None:
        begin = functools.partial(self._claim, update=update)
        chat = update.effective_chat or update.effective_user
        # Behind a shared webhook another process writes too: its lock is waited for in SQLite.
        attempt = _Attempt(Unit(self._ctx.engine, begin, loop_ok=not self.shared_inbox),
                           OwedReplies(chat.id if chat else 0))
        unit = attempt.unit
        try:
            with _attempting(attempt):
                await handle(update)
                if attempt.error is not None:
                    raise attempt.error
                writes = self._state_writes(conversations)
                # Commit and close in one step: on SQLite the write lock is then held only
                # while this thread writes, not across a trip through the event loop.
                await database_work.run_database(self._commit, attempt, update, writes)
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.to_thread(unit.close)  # rolls back what did not commit
            raise
        if attempt.queued:
            self._ctx.on_outbox()

    def _look(self, conversations: list[Conversation]) -> dict[tuple[str, str], Any]:
        """The conversations' states as committed. Whether the update was handled already
        is not asked here: its claim at the first write finds that out (AlreadyHandled)."""
        store = self._app.state_store
        if store is None or not conversations:
            return {}
        with session_scope(self._ctx.engine) as session:
            return store.load_rows(session, [store.conversation_row(c.name, c.key)
                                             for c in conversations])

    def _take_loaded(self, conversations: list[Conversation],
                     stored: dict[tuple[str, str], Any]) -> None:
        store = self._app.state_store
        if store is None:
            return
        for c in conversations:
            store.take_loaded(c.name, c.states, c.key,
                              stored.get(store.conversation_row(c.name, c.key)))

    def _state_writes(self, conversations: list[Conversation]) -> list[StateWrite]:
        store = self._app.state_store
        if store is None:
            return []
        writes = (store.conversation_write(c.name, c.key, c.states.get(c.key))
                  for c in conversations)
        return [write for write in writes if write is not None]

    def _claim(self, session: Session, *, update: Update) -> None:
        if not inbox.claim(session=session, update_id=update.update_id,
                           payload=update.to_dict, now=self._ctx.now()):
            raise AlreadyHandled(update.update_id)

    def _commit(self, attempt: _Attempt, update: Update, writes: list[StateWrite]) -> None:
        unit, update_id = attempt.unit, update.update_id
        now = self._ctx.now()
        # Made ready before the first write: on SQLite the file is locked from there on.
        owed = [outbox.owed_row(chat_id=call.chat_id, update_id=update_id, method=call.method,
                                params=call.params, summary=call.summary, now=now,
                                attachment=(file.field, file.name, file.data, file.mime)
                                if (file := call.attachment) is not None else None)
                for call in attempt.owed.calls]
        try:
            with unit.closing_writes() as session:
                store = self._app.state_store
                if store is not None:
                    store.write(session, writes, unit.after_commit)
                notices = outbox.take_back(session=session,
                                           chat_ids={c.chat_id for c in attempt.owed.calls})
                outbox.owe_all(session=session, rows=owed)
                outbox.queue_again(session=session, taken=notices)
            attempt.queued = bool(unit.session.info.get(outbox.QUEUED))
            unit.commit()
        except WouldWait:
            raise  # raised by the first write, before anything was written: the unit stays
        except BaseException:
            unit.close()
            raise
        unit.close()

    # --- after a restart ----------------------------------------------------------------------

    def unfinished(self) -> list[Update]:
        """The updates taken from Telegram before a crash and not done: handled first."""
        with session_scope(self._ctx.engine) as session:
            payloads = inbox.unfinished(session=session)
        return [update for payload in payloads
                if (update := Update.de_json(payload, self._app.bot)) is not None]

    def prune(self) -> int:
        with session_scope(self._ctx.engine) as session:
            return inbox.prune(session=session, done_before=self._ctx.now() - KEEP_DONE)
