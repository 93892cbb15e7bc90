"""The outbox: notifications written with the state change, delivered by the sender."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from storage.models import MessageLog, OutboxMessage

# Set on a session that queued a message, so the sender can be woken once it commits.
QUEUED = "outbox_queued"
NOTIFICATIONS = "outbox_notifications"  # what the session queued, in order


def enqueue(
    *,
    session: Session,
    agency_id: int,
    user_id: int | None,
    chat_id: int,
    text: str,
    now: datetime,
    buttons: list[list[dict[str, str]]] | None = None,
    document_id: int | None = None,
    tag: str | None = None,
) -> OutboxMessage:
    message = OutboxMessage(
        agency_id=agency_id, user_id=user_id, chat_id=chat_id, text=text,
        buttons=buttons or [], document_id=document_id, tag=tag, created_at=now,
        next_attempt_at=now,
    )
    session.add(message)
    session.info[QUEUED] = True
    session.info.setdefault(NOTIFICATIONS, []).append(message)
    return message


def take_back(*, session: Session, chat_ids: set[int]) -> list[dict[str, Any]]:
    """Unqueue the notifications this session queued for ``chat_ids``; ``queue_again`` puts
    them back behind what is queued in between (an official's reply goes before the notices
    their own action caused, as it did when replies were sent at once)."""
    queued = session.info.pop(NOTIFICATIONS, [])
    if not any(message.chat_id in chat_ids for message in queued):
        return []
    taken = []
    for message in queued:
        if message.chat_id in chat_ids and message in session:
            taken.append(message.model_dump(exclude={"id"}))
            session.delete(message)
    session.flush()
    return taken


def queue_again(*, session: Session, taken: list[dict[str, Any]]) -> None:
    if not taken:
        return
    session.flush()  # what came in between gets its ids first
    for fields in taken:
        session.add(OutboxMessage(**fields))


def owed_row(
    *, chat_id: int, update_id: int, method: str, params: dict[str, str], summary: str,
    now: datetime, attachment: tuple[str, str | None, bytes, str | None] | None,
) -> dict[str, Any]:
    """The outbox row of a reply owed for an update: the Bot API call to make once the update
    has committed. ``attachment`` is (field, file name, bytes, MIME type) of the one file the
    call uploads."""
    field, name, data, mime = attachment or (None, None, None, None)
    return {"chat_id": chat_id, "text": summary, "created_at": now, "next_attempt_at": now,
            "update_id": update_id, "method": method, "params": params,
            "attachment_field": field, "attachment_name": name, "attachment": data,
            "attachment_mime": mime, "buttons": [], "attempts": 0, "failed": False}


def owe(*, session: Session, **row: Any) -> OutboxMessage:
    """One owed reply (``owed_row``'s arguments), as a row of the session."""
    message = OutboxMessage(**owed_row(**row))
    session.add(message)
    session.info[QUEUED] = True
    return message


def owe_all(*, session: Session, rows: list[dict[str, Any]]) -> None:
    """Write the ``owed_row``s of an update in one statement, in their order (right before
    its commit, where a statement less is less time holding the write lock)."""
    if rows:
        session.execute(insert(OutboxMessage), rows)
        session.info[QUEUED] = True


SCAN = 5_000  # unsent rows one claim looks at; more are left for the claims after it


def claim_due(
    *, session: Session, now: datetime, owner: str, lease: timedelta, limit: int = 50,
) -> tuple[list[OutboxMessage], bool]:
    """The oldest unsent message of each chat whose time has come, claimed for ``owner``, and
    whether more can go right after them (a claimed chat's next message, or chats beyond
    ``limit``): then the sender goes on at once instead of at its next tick.

    One per chat keeps each chat's order: a later message waits while an earlier one backs
    off. A claimed row is left alone by every other process until ``now + lease``, and taken
    over after that if its sender died.
    """
    unsent = (col(OutboxMessage.sent_at).is_(None), OutboxMessage.failed == False)  # noqa: E712
    # One read of the unsent rows (few, but for an outage), chosen from in Python: cheaper
    # than asking the database for each chat's oldest and again whether more wait.
    rows = session.exec(
        select(OutboxMessage.id, OutboxMessage.chat_id, OutboxMessage.next_attempt_at,
               OutboxMessage.claimed_until)
        .where(*unsent).order_by(col(OutboxMessage.id)).limit(SCAN)).all()
    more = len(rows) == SCAN
    seen: set[int] = set()
    ids: list[int] = []
    chats: set[int] = set()  # whose oldest is claimed here
    for message_id, chat_id, next_attempt_at, claimed_until in rows:
        if chat_id in seen:
            more = more or chat_id in chats
            continue
        seen.add(chat_id)
        if next_attempt_at > now or (claimed_until is not None and claimed_until > now):
            continue
        if len(ids) == limit:
            more = True
            continue
        ids.append(message_id)
        chats.add(chat_id)
    if not ids:
        return [], more
    # The rows are read whole before the UPDATE, not after it: on SQLite the file is locked
    # for every other writer from the UPDATE to the commit.
    chosen = {message.id: message for message in session.exec(
        select(OutboxMessage).where(col(OutboxMessage.id).in_(ids))
        .execution_options(populate_existing=True))}
    # Every condition is checked again in the UPDATE: another process may have claimed, sent
    # or failed one of these rows since they were chosen, and its lock makes us see that. A
    # row it takes was not changed since it was read (each change moves one of them).
    until = now + lease
    free = or_(col(OutboxMessage.claimed_until).is_(None), col(OutboxMessage.claimed_until) <= now)
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(ids), *unsent, OutboxMessage.next_attempt_at <= now,
               free)
        .values(claimed_by=owner, claimed_until=until)
        .execution_options(synchronize_session=False))
    claimed = sorted(session.exec(select(OutboxMessage.id).where(
        col(OutboxMessage.id).in_(ids), OutboxMessage.claimed_by == owner,
        OutboxMessage.claimed_until == until)))
    for message_id in claimed:
        set_committed_value(chosen[message_id], "claimed_by", owner)
        set_committed_value(chosen[message_id], "claimed_until", until)
    return [chosen[message_id] for message_id in claimed], more


def claimants(*, session: Session) -> list[str]:
    """The owners of the leases on unsent messages."""
    owners = select(OutboxMessage.claimed_by).where(
        col(OutboxMessage.claimed_by).is_not(None), col(OutboxMessage.sent_at).is_(None)
    ).distinct()
    return [owner for owner in session.exec(owners) if owner is not None]


def release_claims(*, session: Session, owners: list[str]) -> int:
    """End the leases of senders known to be dead; their messages are free at once."""
    if not owners:
        return 0
    result = session.execute(
        update(OutboxMessage).where(col(OutboxMessage.claimed_by).in_(owners))
        .values(claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def mark_all_sent(*, session: Session, sent: list[tuple[int, int | None]], now: datetime,
                  logged: list[tuple[int, str, int | None, str | None]]) -> None:
    """Mark a round of messages sent, (outbox id, Telegram message id) each, and log what went
    out, (chat id, method, message id, text) each: two statements however many there are,
    so that the write lock is held for as short as can be."""
    if sent:
        table = OutboxMessage.__table__  # type: ignore[attr-defined]
        session.execute(
            update(table).where(table.c.id == bindparam("sent_id"))
            .values(sent_at=now, attempts=table.c.attempts + 1,
                    telegram_message_id=bindparam("telegram_id"), claimed_by=None,
                    claimed_until=None, attachment=None),  # the bytes were only kept to send
            [{"sent_id": message_id, "telegram_id": telegram_id}
             for message_id, telegram_id in sent])
    if logged:
        session.execute(insert(MessageLog), [
            {"chat_id": chat_id, "method": method, "message_id": message_id, "text": text,
             "at": now} for chat_id, method, message_id, text in logged])


def mark_failed(
    *, session: Session, message_id: int, now: datetime, error: str, retry_in: timedelta | None,
) -> OutboxMessage | None:
    """Count a failed attempt; without ``retry_in`` the message is set aside as undeliverable."""
    message = session.get(OutboxMessage, message_id)
    if message is None:
        return None
    message.attempts += 1
    message.last_error = error[:500]
    message.claimed_by = message.claimed_until = None
    if retry_in is None:
        message.failed = True
    else:
        message.next_attempt_at = now + retry_in
    session.add(message)
    return message


def undeliverable(*, session: Session, agency_id: int | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.failed == True)  # noqa: E712
    if agency_id is not None:
        query = query.where(OutboxMessage.agency_id == agency_id)
    return list(session.exec(query.order_by(col(OutboxMessage.id))))


def retry(*, session: Session, message_ids: list[int], now: datetime) -> int:
    """Put undeliverable messages back in line, as if new; returns how many."""
    count = 0
    for message_id in message_ids:
        message = session.get(OutboxMessage, message_id)
        if message is None or not message.failed:
            continue
        message.failed = False
        message.attempts = 0
        message.next_attempt_at = now
        session.add(message)
        count += 1
    if count:
        session.info[QUEUED] = True
    return count


def log_message(
    *, session: Session, chat_id: int, method: str, now: datetime,
    message_id: int | None = None, text: str | None = None,
) -> None:
    session.add(
        MessageLog(chat_id=chat_id, method=method, message_id=message_id, text=text, at=now)
    )



def pending_count(*, session: Session) -> int:
    """Messages still to send (not those set aside as undeliverable)."""
    query = (select(func.count()).select_from(OutboxMessage)
             .where(col(OutboxMessage.sent_at).is_(None), OutboxMessage.failed == False))  # noqa: E712
    return int(session.exec(query).one())
