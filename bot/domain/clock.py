"""Time: stored as aware UTC, shown in Asia/Jakarta (WIB).

Functions take ``now`` as an argument so that tests and the scheduler can move time freely.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def utcnow() -> datetime:
    """The current time, aware, in UTC: the form the database stores."""
    return datetime.now(UTC)


def to_local(moment: datetime) -> datetime:
    """A time in WIB; a naive time is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(JAKARTA)


def as_utc(moment: datetime) -> datetime:
    """A stored time as aware UTC; a naive one (from a driver that drops the zone) is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def to_utc(moment: datetime) -> datetime:
    """A time in UTC; a naive time is taken to be WIB wall time, as officials type it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JAKARTA)
    return moment.astimezone(UTC)
