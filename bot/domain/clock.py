"""Time: stored as aware UTC, shown in the agency's own zone (WIB, WITA or WIT).

Functions take ``now`` as an argument so that tests and the scheduler can move time freely.

The zone times are shown in is the agency's, and one process serves agencies in all three of
Indonesia's zones. It is set once where the agency becomes known (the guard of each update, the
reminder sweep for each agency, the CLI after ``--agency``) and read by everything below that
renders or parses a wall-clock time, the way Django's ``timezone.activate`` works: a context
variable, so that concurrent updates, worker threads (``asyncio.to_thread`` copies it) and
tasks each see their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

JAKARTA = ZoneInfo("Asia/Jakarta")

# Indonesia's three zones by their offset; Asia/Pontianak is WIB too.
_LABELS = {timedelta(hours=7): "WIB", timedelta(hours=8): "WITA", timedelta(hours=9): "WIT"}

_local_zone: ContextVar[tzinfo] = ContextVar("local_zone", default=JAKARTA)


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; ``ValueError`` when there is none such."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error


def local_zone() -> tzinfo:
    """The zone wall-clock times are shown and read in, here and now."""
    return _local_zone.get()


def use_zone(name_or_zone: str | tzinfo) -> None:
    """Show and read times in this zone for the rest of the current context (an update's
    task; the CLI's one command)."""
    _local_zone.set(zone(name_or_zone) if isinstance(name_or_zone, str) else name_or_zone)


@contextmanager
def zone_of(name_or_zone: str | tzinfo) -> Iterator[tzinfo]:
    """Show and read times in this zone inside the block (one agency of a sweep)."""
    chosen = zone(name_or_zone) if isinstance(name_or_zone, str) else name_or_zone
    token = _local_zone.set(chosen)
    try:
        yield chosen
    finally:
        _local_zone.reset(token)


def zone_label(moment: datetime | None = None, in_zone: tzinfo | None = None) -> str:
    """``WIB``, ``WITA`` or ``WIT``; ``UTC+5:30`` style outside Indonesia."""
    chosen = in_zone or local_zone()
    offset = (moment or utcnow()).astimezone(chosen).utcoffset() or timedelta(0)
    if offset in _LABELS:
        return _LABELS[offset]
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def utcnow() -> datetime:
    """The current time, aware, in UTC: the form the database stores."""
    return datetime.now(UTC)


def to_local(moment: datetime) -> datetime:
    """A time in the local zone; a naive time is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(local_zone())


def as_utc(moment: datetime) -> datetime:
    """A stored time as aware UTC; a naive one (from a driver that drops the zone) is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def to_utc(moment: datetime) -> datetime:
    """A time in UTC; a naive time is taken to be local wall time, as officials type it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_zone())
    return moment.astimezone(UTC)
