"""Which outbox rows a claim takes, and whether it says more can go at once (storage.outbox)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine

from bot.domain.clock import utcnow
from storage import outbox
from storage.db import session_scope

LEASE = timedelta(minutes=1)


def _owe(engine: Engine, chat_id: int, text: str, *, wait: timedelta = timedelta(0)) -> int:
    now = utcnow()
    with session_scope(engine) as session:
        message = outbox.owe(session=session, chat_id=chat_id, update_id=1, method="sendMessage",
                             params={"text": text}, summary=text, now=now, attachment=None)
        message.next_attempt_at = now + wait
        session.flush()
        assert message.id is not None
        return message.id


def _claim(engine: Engine, limit: int = 50, owner: str = "a") -> tuple[list[str], bool]:
    with session_scope(engine) as session:
        claimed, more = outbox.claim_due(session=session, now=utcnow(), owner=owner,
                                         lease=LEASE, limit=limit)
        return [m.text for m in claimed], more


def _sent(engine: Engine, *ids: int) -> None:
    with session_scope(engine) as session:
        outbox.mark_all_sent(session=session, sent=[(i, None) for i in ids], now=utcnow(),
                             logged=[])


def test_one_per_chat_in_order_and_more_when_a_chat_has_a_next(engine: Engine) -> None:
    first = _owe(engine, 1, "ani 1")
    _owe(engine, 1, "ani 2")
    budi = _owe(engine, 2, "budi 1")
    assert _claim(engine) == (["ani 1", "budi 1"], True)
    assert _claim(engine, owner="b") == ([], False), "claimed rows and their chats wait"
    _sent(engine, first, budi)
    assert _claim(engine) == (["ani 2"], False)


def test_a_chat_backing_off_holds_its_later_messages_and_asks_for_no_hurry(
        engine: Engine) -> None:
    _owe(engine, 1, "ani 1", wait=timedelta(minutes=5))
    _owe(engine, 1, "ani 2")
    _owe(engine, 2, "budi 1")
    assert _claim(engine) == (["budi 1"], False)


def test_more_chats_than_the_limit_are_taken_in_the_next_round(engine: Engine) -> None:
    for chat in range(5):
        _owe(engine, chat, f"chat {chat}")
    assert _claim(engine, limit=3) == (["chat 0", "chat 1", "chat 2"], True)
    assert _claim(engine, limit=3) == (["chat 3", "chat 4"], False)
