"""Which reminders, escalations and digests have gone out."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import SentNotice


def sent(*, session: Session, key: str) -> bool:
    return session.exec(select(SentNotice).where(SentNotice.key == key)).first() is not None


def mark(*, session: Session, agency_id: int, key: str, now: datetime) -> None:
    session.add(SentNotice(agency_id=agency_id, key=key, sent_at=now))
    session.flush()


def sent_among(*, session: Session, keys: list[str]) -> set[str]:
    """Which of ``keys`` have gone out, in one query per thousand keys."""
    found: set[str] = set()
    for start in range(0, len(keys), 1000):
        chunk = keys[start:start + 1000]
        found.update(session.exec(select(SentNotice.key).where(col(SentNotice.key).in_(chunk))))
    return found
