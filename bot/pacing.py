"""Telegram's published limits, kept before sending rather than learnt from 429s.

Telegram asks bots to stay under about 30 messages a second overall and about one a second
in any one chat; past that it answers 429 and makes the bot wait. A burst of hand-offs (the
Sekretaris forwarding to every Bidang at once, a reminder sweep) is paced instead: each
message waits for its turn. A chat may take a short burst (an official's reply is often two or
three messages), then one a second.

The turns are kept by the generic cell rate algorithm: for the whole bot and for each chat, the
time the next message is due; a message goes at the later of its two turns, and both move on.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

OVERALL_PER_SECOND = 30.0
CHAT_PER_SECOND = 1.0
CHAT_BURST = 3
_FORGET_AFTER = 10_000  # chats remembered before those long quiet are dropped


class Pacer:
    def __init__(self, *, per_second: float = OVERALL_PER_SECOND,
                 chat_per_second: float = CHAT_PER_SECOND, chat_burst: int = CHAT_BURST,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self._interval = 1.0 / per_second
        self._burst = max(1, int(per_second))  # a second's worth at once
        self._chat_interval = 1.0 / chat_per_second
        self._chat_burst = chat_burst
        self._clock = clock
        self._sleep = sleep
        self._due = 0.0
        self._chat_due: dict[int, float] = {}

    def reserve(self, chat_id: int) -> float:
        """Take the next turn for a message to ``chat_id``; seconds from now until it."""
        now = self._clock()
        chat_due = self._chat_due.get(chat_id, now)
        at = max(now, self._due - (self._burst - 1) * self._interval,
                 chat_due - (self._chat_burst - 1) * self._chat_interval)
        self._due = max(self._due, at) + self._interval
        self._chat_due[chat_id] = max(chat_due, at) + self._chat_interval
        if len(self._chat_due) > _FORGET_AFTER:
            self._chat_due = {c: due for c, due in self._chat_due.items() if due > now}
        return at - now

    async def wait(self, chat_id: int) -> float:
        """Wait for the next turn of a message to ``chat_id``; returns the seconds waited."""
        delay = self.reserve(chat_id)
        if delay > 0:
            await self._sleep(delay)
        return delay
