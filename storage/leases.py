"""Leases: a job that one process at a time may run, among processes sharing the database.

A row per job names its holder and until when. Taking it is one conditional UPDATE (or the
first INSERT): on PostgreSQL a second process's UPDATE waits for the first's commit and then
finds the lease held; on SQLite the write lock orders them the same way. A holder renews its
lease each time it runs; a holder that died lets it lapse, and the next process takes over.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from storage.models import Lease

# This process, as a lease holder: unique even across hosts and restarts with a reused pid.
THIS_PROCESS = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def take(*, session: Session, name: str, owner: str, now: datetime, hold: timedelta) -> bool:
    """Hold ``name`` for ``owner`` until ``now + hold`` if it is free, lapsed or already
    ``owner``'s; False if another holder's lease still runs."""
    renewed = session.execute(
        update(Lease).where(col(Lease.name) == name,
                            (col(Lease.owner) == owner) | (col(Lease.until) <= now))
        .values(owner=owner, until=now + hold)
        .execution_options(synchronize_session=False))
    if renewed.rowcount:  # type: ignore[attr-defined]
        return True
    if session.get(Lease, name) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(Lease(name=name, owner=owner, until=now + hold))
    except IntegrityError:
        return False  # another process inserted it first
    return True
