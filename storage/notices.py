"""Which reminders, escalations and digests have gone out."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.models import SentNotice


def sent(*, session: Session, key: str) -> bool:
    return session.exec(select(SentNotice).where(SentNotice.key == key)).first() is not None


def mark(*, session: Session, agency_id: int, key: str, now: datetime) -> None:
    session.add(SentNotice(agency_id=agency_id, key=key, sent_at=now))
    session.flush()
