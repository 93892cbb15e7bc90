"""Updates of different chats run at once; one chat's updates run one by one, in order."""

from __future__ import annotations

import asyncio
import datetime as dt
import warnings

import pytest
from telegram import Chat, Message, Update, User

from bot.chat_order import ChatOrderedUpdates, chat_key


def _update(update_id: int, chat_id: int) -> Update:
    user = User(id=chat_id, first_name="x", is_bot=False)
    message = Message(message_id=update_id, date=dt.datetime.now(dt.UTC),
                      chat=Chat(id=chat_id, type="private"), from_user=user, text="x")
    return Update(update_id=update_id, message=message)


async def _feed(processor: ChatOrderedUpdates, updates: list[tuple[Update, float]],
                log: list[str]) -> None:
    """As PTB does: a task per update, started in the order the updates came."""

    async def handle(update: Update, seconds: float) -> None:
        log.append(f"start {update.update_id}")
        await asyncio.sleep(seconds)
        log.append(f"end {update.update_id}")

    await asyncio.gather(*(asyncio.create_task(processor.process_update(u, handle(u, s)))
                           for u, s in updates))


async def test_a_slow_update_holds_up_its_own_chat_only() -> None:
    log: list[str] = []
    await _feed(ChatOrderedUpdates(8), [(_update(1, 100), 0.3), (_update(2, 100), 0.0),
                                        (_update(3, 200), 0.0)], log)
    assert log.index("end 3") < log.index("end 1"), "another chat is not kept waiting"
    assert log.index("end 1") < log.index("start 2"), "the same chat waits its turn"


async def test_each_chat_keeps_telegram_s_order_under_load() -> None:
    log: list[str] = []
    updates = [(_update(i, 100 + i % 7), 0.001 * ((i * 37) % 5)) for i in range(1, 141)]
    processor = ChatOrderedUpdates(4)
    await _feed(processor, updates, log)
    for chat in range(100, 107):
        ids = [u.update_id for u, _ in updates if u.effective_chat.id == chat]  # type: ignore[union-attr]
        started = [int(e.split()[1]) for e in log if e.startswith("start")
                   and int(e.split()[1]) in ids]
        assert started == ids
    assert processor.waiting == 0, "nothing left in line"


async def test_no_more_than_the_slots_at_once_and_no_deadlock_on_one_busy_chat() -> None:
    running = peak = 0

    async def handle() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    processor = ChatOrderedUpdates(3)
    # Twenty updates of one chat ahead of others: the chat's later ones must not take the
    # slots its earlier ones need.
    updates = [_update(i, 1) for i in range(20)] + [_update(100 + i, 2 + i) for i in range(10)]
    await asyncio.wait_for(asyncio.gather(*(
        asyncio.create_task(processor.process_update(u, handle())) for u in updates)),
        timeout=10)
    assert peak == 3


async def test_an_update_stopped_while_in_line_never_starts() -> None:
    started: list[int] = []

    async def handle(update_id: int, seconds: float) -> None:
        started.append(update_id)
        await asyncio.sleep(seconds)

    processor = ChatOrderedUpdates(2)
    first = asyncio.create_task(processor.process_update(_update(1, 5), handle(1, 0.2)))
    second = asyncio.create_task(processor.process_update(_update(2, 5), handle(2, 0)))
    await asyncio.sleep(0.05)
    second.cancel()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "coroutine was never awaited" would be a warning
        with pytest.raises(asyncio.CancelledError):
            await second
        await first
    assert started == [1]
    third = _update(3, 5)
    await processor.process_update(third, handle(3, 0))
    assert started == [1, 3], "the chat's line goes on after a cancelled update"


def test_updates_without_a_chat_are_ordered_by_their_user() -> None:
    assert chat_key(_update(1, 42)) == ("chat", 42)
    assert chat_key(object()) == ("other",)
