"""The outbox: notifications written with the state change, delivered by the sender."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from storage.models import MessageLog, OutboxMessage

# Set on a session that queued a message, so the sender can be woken once it commits.
QUEUED = "outbox_queued"


def enqueue(
    *,
    session: Session,
    agency_id: int,
    user_id: int,
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
    return message


def due(*, session: Session, now: datetime, limit: int = 50) -> list[OutboxMessage]:
    """Unsent messages whose time has come, oldest first."""
    query = (
        select(OutboxMessage)
        .where(
            col(OutboxMessage.sent_at).is_(None),
            OutboxMessage.failed == False,  # noqa: E712
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    return list(session.exec(query))


def mark_sent(
    *, session: Session, message_id: int, now: datetime, telegram_message_id: int | None
) -> None:
    message = session.get(OutboxMessage, message_id)
    if message is None:
        return
    message.sent_at = now
    message.attempts += 1
    message.telegram_message_id = telegram_message_id
    session.add(message)


def mark_failed(
    *, session: Session, message_id: int, now: datetime, error: str, retry_in: timedelta | None,
) -> None:
    """Count a failed attempt; without ``retry_in`` the message is given up."""
    message = session.get(OutboxMessage, message_id)
    if message is None:
        return
    message.attempts += 1
    message.last_error = error[:500]
    if retry_in is None:
        message.failed = True
    else:
        message.next_attempt_at = now + retry_in
    session.add(message)



def log_message(
    *, session: Session, chat_id: int, method: str, now: datetime,
    message_id: int | None = None, text: str | None = None,
) -> None:
    session.add(
        MessageLog(chat_id=chat_id, method=method, message_id=message_id, text=text, at=now)
    )



def pending_count(*, session: Session) -> int:
    query = select(OutboxMessage).where(col(OutboxMessage.sent_at).is_(None))
    return len(list(session.exec(query)))
