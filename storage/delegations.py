"""Acting officials (*Plt*/*Plh*) in force at a moment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from storage.models import Delegation

# Built once with bound parameters (why: storage/users.py); on every update's path.
_IN_FORCE = (select(Delegation)
             .where(col(Delegation.agency_id) == bindparam("agency_id"),
                    col(Delegation.starts_at) <= bindparam("now"),
                    col(Delegation.ends_at) > bindparam("now"),
                    col(Delegation.revoked_at).is_(None))
             .order_by(col(Delegation.id)))


def create(*, session: Session, delegation: Delegation) -> Delegation:
    session.add(delegation)
    session.flush()
    return delegation


def get(*, session: Session, delegation_id: int) -> Delegation | None:
    return session.get(Delegation, delegation_id)


def in_force(*, session: Session, agency_id: int, now: datetime) -> list[Delegation]:
    return list(session.exec(_IN_FORCE, params={"agency_id": agency_id, "now": now}))


def overlapping(*, session: Session, agency_id: int, starts_at: datetime,
                ends_at: datetime) -> list[Delegation]:
    """Delegations not ended early that share part of ``[starts_at, ends_at)``."""
    query = select(Delegation).where(
        Delegation.agency_id == agency_id,
        Delegation.starts_at < ends_at,
        Delegation.ends_at > starts_at,
        col(Delegation.revoked_at).is_(None),
    )
    return list(session.exec(query.order_by(col(Delegation.id))))


def of_agency(*, session: Session, agency_id: int) -> list[Delegation]:
    query = select(Delegation).where(Delegation.agency_id == agency_id)
    return list(session.exec(query.order_by(col(Delegation.id).desc())))
