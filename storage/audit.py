"""The append-only audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.models import AuditEvent


def record(
    *,
    session: Session,
    agency_id: int,
    action: str,
    at: datetime,
    actor_user_id: int | None = None,
    cycle_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        agency_id=agency_id, cycle_id=cycle_id, actor_user_id=actor_user_id, action=action,
        at=at, before=before or {}, after=after or {},
    )
    session.add(event)
    return event


def events(*, session: Session, agency_id: int, cycle_id: int | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.agency_id == agency_id)
    if cycle_id is not None:
        query = query.where(AuditEvent.cycle_id == cycle_id)
    return list(session.exec(query.order_by(col(AuditEvent.id))))
