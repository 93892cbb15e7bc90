"""The inbox: updates taken from Telegram, recorded before they are acknowledged.

Telegram forgets an update once the next ``getUpdates`` asks past it, so an update is written
here first; it is done when the transaction carrying its effects commits. After a crash the
ones not done are handled again, and one Telegram sends a second time is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, update
from sqlmodel import Session, col, select

from storage.models import InboxUpdate

# Built once with bound parameters (why: storage/users.py); on every update's path. A
# bound name in an UPDATE must not be a column's: ``b_`` as SQLAlchemy suggests.
_OPEN = (col(InboxUpdate.update_id) == bindparam("b_update_id"),
         col(InboxUpdate.done_at).is_(None))
_TAKE = (update(InboxUpdate).where(*_OPEN).values(done_at=bindparam("b_now"))
         .execution_options(synchronize_session=False))


def chat_of(payload: dict[str, Any]) -> int | None:
    """The chat an update's payload comes from (a message's chat, a pressed button's message's
    chat, else the sender's private chat); None for an update of no chat."""
    for key, part in payload.items():
        if key == "update_id" or not isinstance(part, dict):
            continue
        for holder in (part, part.get("message")):
            if isinstance(holder, dict) and isinstance(holder.get("chat"), dict):
                chat = holder["chat"].get("id")
                if isinstance(chat, int):
                    return chat
        sender = part.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return int(sender["id"])
    return None


def record(*, session: Session, updates: Iterable[dict[str, Any]], now: datetime) -> int:
    """Store the updates not stored yet; returns how many were new."""
    by_id = {int(payload["update_id"]): payload for payload in updates}
    if not by_id:
        return 0
    known = set(session.exec(select(InboxUpdate.update_id)
                             .where(col(InboxUpdate.update_id).in_(by_id))))
    for update_id, payload in by_id.items():
        if update_id not in known:
            session.add(InboxUpdate(update_id=update_id, payload=payload, received_at=now,
                                    chat_id=chat_of(payload)))
    return len(by_id) - len(known)


def claim(*, session: Session, update_id: int,
          payload: dict[str, Any] | Callable[[], dict[str, Any]], now: datetime) -> bool:
    """Take the update for this transaction and mark it done; False if it is done already.

    Done as it is taken: the mark commits with everything else the transaction does, or is
    rolled back with it, and the update is then taken again. The UPDATE is the transaction's
    first write: on PostgreSQL it locks the row, so a second process handling the same update
    waits and then finds it done; on SQLite it opens the write transaction before any
    savepoint does (a savepoint opened first would commit on its own release).
    """
    if session.execute(_TAKE, {"b_update_id": update_id, "b_now": now}).rowcount:  # type: ignore[attr-defined]
        return True
    if session.get(InboxUpdate, update_id) is not None:
        return False
    # Not from getUpdates (a webhook, a test feeding the application): record it now, as a
    # statement rather than a flush (a claim may run while the session flushes).
    # ``payload`` may be a function: turning an update into JSON is only needed here.
    body = payload() if callable(payload) else payload
    session.execute(insert(InboxUpdate).values(update_id=update_id, payload=body,
                                                received_at=now, chat_id=chat_of(body),
                                                done_at=now))
    return True


def unfinished(*, session: Session) -> list[dict[str, Any]]:
    """Payloads of the updates taken but not done, oldest first."""
    rows = session.exec(select(InboxUpdate.payload).where(col(InboxUpdate.done_at).is_(None))
                        .order_by(col(InboxUpdate.update_id)))
    return list(rows)


def older_unfinished(*, session: Session, chat_id: int, update_id: int
                     ) -> list[dict[str, Any]]:
    """Payloads of the chat's updates before ``update_id`` not done yet, oldest first: with
    several processes taking updates, another may hold one of them still (or have died)."""
    rows = session.exec(select(InboxUpdate.payload)
                        .where(col(InboxUpdate.chat_id) == chat_id,
                               col(InboxUpdate.update_id) < update_id,
                               col(InboxUpdate.done_at).is_(None))
                        .order_by(col(InboxUpdate.update_id)))
    return list(rows)


def prune(*, session: Session, done_before: datetime) -> int:
    """Forget updates done long ago: Telegram sends an update again only within a day."""
    result = session.execute(delete(InboxUpdate).where(col(InboxUpdate.done_at) < done_before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
