"""The outbox keeps Telegram's limits: about 30 messages a second overall, a short burst then
one a second per chat; paced before sending rather than refused with 429."""

from __future__ import annotations

import pytest

from bot.pacing import Pacer


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _turns(pacer: Pacer, chats: list[int]) -> list[float]:
    """Seconds from the first send to each message's turn, all asked for at once."""
    return [round(pacer.reserve(chat), 3) for chat in chats]


def test_one_chat_gets_a_short_burst_then_one_a_second() -> None:
    pacer = Pacer(clock=_Clock())
    assert _turns(pacer, [7] * 6) == [0, 0, 0, 1, 2, 3]


def test_many_chats_share_thirty_a_second() -> None:
    pacer = Pacer(clock=_Clock())
    turns = _turns(pacer, list(range(90)))
    assert turns[:30] == [0] * 30, "a second's worth goes at once"
    assert turns[30:33] == pytest.approx([1 / 30, 2 / 30, 3 / 30], abs=1e-3)
    assert turns[-1] == pytest.approx(2.0, abs=1e-3)
    per_second = [sum(1 for t in turns if s <= t < s + 1) for s in range(3)]
    assert max(per_second[1:]) <= 30


def test_a_quiet_chat_starts_afresh_and_the_later_of_two_turns_wins() -> None:
    clock = _Clock()
    pacer = Pacer(clock=clock, per_second=2, chat_per_second=1, chat_burst=1)
    assert _turns(pacer, [1, 1]) == [0, 1]
    clock.now += 10
    assert _turns(pacer, [1]) == [0], "ten quiet seconds: no debt left"
    # The overall limit (2 a second, a burst of 2) holds a third chat back although its own
    # turn is now.
    assert _turns(pacer, [2, 3, 4]) == [0, 0.5, 1.0]


async def test_wait_sleeps_until_the_turn() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))

    pacer = Pacer(clock=_Clock(), sleep=sleep, chat_burst=1)
    for _ in range(3):
        await pacer.wait(5)
    assert slept == [1.0, 2.0]
