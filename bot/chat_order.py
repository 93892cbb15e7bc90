"""Updates of different chats at once, each chat's updates strictly in order.

python-telegram-bot handles one update at a time by default, so an official whose workbook
takes two seconds to read makes every other official wait two seconds. Its
``concurrent_updates=True`` would run them all at once, and two presses of one official could
then pass each other inside a ConversationHandler. This processor runs updates of different
chats (or users, for updates without a chat) concurrently and queues each chat's updates
behind one another in the order Telegram gave them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def chat_key(update: object) -> object:
    """What orders ``update``: its chat, else its user; anything else has one queue of its own."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return ("other",)


class ChatOrderedUpdates(BaseUpdateProcessor):
    """At most ``max_concurrent_updates`` at once; one at a time per chat, in arrival order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # The last update of each chat still under way (or waiting): the next one waits for it.
        self._tails: dict[object, asyncio.Future[None]] = {}

    async def process_update(self, update: object,
                             coroutine: Awaitable[Any]) -> None:
        # Each chat's place in line is taken here, before anything can yield, so the order is
        # the order PTB started the updates in (the order Telegram gave them). An update waits
        # for its chat's previous one *before* taking a slot: a slot is never held by an
        # update that waits on one without a slot.
        key = chat_key(update)
        previous = self._tails.get(key)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._tails[key] = done
        try:
            if previous is not None:
                try:
                    await asyncio.shield(previous)
                except asyncio.CancelledError:
                    if asyncio.iscoroutine(coroutine):
                        coroutine.close()  # stopped while in line: it never started
                    raise
            await super().process_update(update, coroutine)
        finally:
            done.set_result(None)
            if self._tails.get(key) is done:
                del self._tails[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down: PTB waits for the updates under way itself."""

    @property
    def waiting(self) -> int:
        """Chats with an update under way or in line (for tests and benchmarks)."""
        return len(self._tails)
