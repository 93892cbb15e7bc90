"""Working time: office hours, breaks, weekends and holidays, and the SOP's *Waktu* on them.

A :class:`WorkingCalendar` knows, for each weekday, when the office is open and when it breaks,
and which dates are holidays (national holidays and *cuti bersama*, listed by the admin). It
answers "when is this step due?" and "how much working time did this step take?".

Conventions
-----------
* Every ``datetime`` argument must be **aware** (any zone); a naive one raises ``ValueError``.
  Every ``datetime`` returned is aware **UTC**, the form storage keeps. Dates (``date``) are
  local dates in the calendar's zone; a ``datetime`` given where a date is expected is first
  converted to its local date.
* A day's *working periods* are its office hours minus its breaks, e.g. Monday
  07:30–12:00 and 13:00–16:00. A period is half-open: the office **is open** from its start
  up to, not including, its end, so :meth:`WorkingCalendar.is_open` is true at 07:30 and 13:00
  and false at 12:00 and 16:00. A period's end (a break's start or the day's closing) is a
  *closing boundary*.
* Weekends (days without office hours) and holidays have no working periods.

Minutes and hours
-----------------
``due(start, N minutes)`` is the **earliest** moment at which N minutes of working time have
passed since ``start``: counting starts at ``start`` if the office is open, else at the next
opening, and stops outside working periods. When the time runs out exactly at a closing
boundary the due time is that boundary (16:00, or 12:00 before lunch), not the next opening.
So a due time is always either inside a working period or exactly at a closing boundary, and
``working_minutes_between(start, due(start, N minutes)) == N``. Hours are 60 minutes each.

Working days (the SOP's "2 Hari")
---------------------------------
``due(start, N working days)``, for N ≥ 1:

1. Counting starts at ``p = next_opening(start)`` (``start`` itself when the office is open;
   work handed over in the evening, on a weekend, on a holiday or during a break counts from
   the next opening).
2. The target day is the N-th working day after ``p``'s date (weekends and holidays skipped).
3. The due time is ``p``'s wall-clock time on the target day, moved into that day's office
   hours: after closing → the closing; inside a break → the break's start.
4. If that time is at or before the target day's opening (which is the case when counting
   started at an opening, i.e. the work arrived before office hours, on a day off or exactly
   at opening), the due time is instead the **closing of the previous working day**: the
   work is due at the end of the N-th working day, counting the day it arrived on.

Examples (default hours): handed over Thursday 10:00 → due Monday 10:00 (Friday, Monday);
Friday 16:15 → Tuesday 16:00 (16:15 is after Tuesday's closing); Saturday, or Thursday 19:00
→ the close of the second working day (Tuesday 16:00, or Monday 16:00); Thursday 11:45, one
working day → Friday 11:30 (Friday's break starts then).

Step 4 gives the same working time as "the opening of the day after", but shows the official a
deadline they recognise ("by the end of Tuesday"). Steps 3 and 4 keep the rule of the minutes:
the due time is inside a working period or at a closing boundary, never in a break or at night.

Measuring
---------
:meth:`WorkingCalendar.working_time_between` is the working time in ``[start, end)``: what the
SOP's *Waktu* is compared with. Because the due time is the *earliest* moment the time is used
up, a step finished after it but before any more working time passed (during the lunch break,
in the evening) has not overrun: use :meth:`WorkingCalendar.is_on_time`, not ``finished <= due``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from types import MappingProxyType

from bot.domain.clock import JAKARTA
from bot.domain.sop import TimeStandard, TimeUnit

WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
"""Weekday names, indexed like ``date.weekday()`` (Monday = 0)."""


@dataclass(frozen=True, order=True)
class ClockRange:
    """A span of wall-clock time within one day, ``start`` < ``end`` (both naive times)."""

    start: time
    end: time

    def __post_init__(self) -> None:
        for value in (self.start, self.end):
            if not isinstance(value, time) or value.tzinfo is not None:
                raise ValueError(f"clock range bounds must be naive times, not {value!r}")
        if self.start >= self.end:
            raise ValueError(f"clock range {self} ends before it starts")

    def covers(self, other: ClockRange) -> bool:
        """Whether ``other`` lies within this range (sharing bounds is allowed)."""
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _range(start: str, end: str) -> ClockRange:
    return ClockRange(time.fromisoformat(start), time.fromisoformat(end))


DEFAULT_OFFICE_HOURS: tuple[ClockRange | None, ...] = (
    *(_range("07:30", "16:00"),) * 4,
    _range("07:30", "16:30"),
    None,
    None,
)
"""Monday–Thursday 07:30–16:00, Friday 07:30–16:30, Saturday and Sunday closed."""

DEFAULT_BREAKS: tuple[tuple[ClockRange, ...], ...] = (
    *((_range("12:00", "13:00"),),) * 4,
    (_range("11:30", "13:00"),),
    (),
    (),
)
"""Monday–Thursday 12:00–13:00, Friday 11:30–13:00 (Friday prayer)."""

Period = tuple[datetime, datetime]
"""A working period: aware UTC start (open) and end (a closing boundary)."""


def _aware(moment: datetime, name: str = "moment") -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {moment.isoformat()}")
    return moment


@dataclass(frozen=True)
class WorkingCalendar:
    """Office hours and breaks per weekday, holidays, and a time zone. Immutable.

    ``office_hours[i]`` and ``breaks[i]`` belong to weekday ``i`` (Monday = 0); ``None`` office
    hours means closed all day. Breaks must lie within the day's office hours and not overlap;
    they are kept sorted. ``holidays`` are local dates on which the office is closed whatever
    the weekday (national holidays and *cuti bersama*); ``holiday_names`` optionally names some
    of them (naming a date that is not in ``holidays`` is an error). At least one weekday must
    have a working period. Construction raises ``ValueError`` when any of this does not hold;
    ``dataclasses.replace`` makes a changed copy.
    """

    office_hours: tuple[ClockRange | None, ...] = DEFAULT_OFFICE_HOURS
    breaks: tuple[tuple[ClockRange, ...], ...] = DEFAULT_BREAKS
    holidays: frozenset[date] = frozenset()
    holiday_names: Mapping[date, str] = field(default_factory=dict, hash=False)
    zone: tzinfo = JAKARTA
    _segments: tuple[tuple[ClockRange, ...], ...] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        hours = tuple(self.office_hours)
        breaks = tuple(tuple(sorted(day)) for day in self.breaks)
        if len(hours) != 7 or len(breaks) != 7:
            raise ValueError("office_hours and breaks need exactly 7 entries, Monday first")
        segments = tuple(
            _split(WEEKDAYS[weekday], opening, day_breaks)
            for weekday, (opening, day_breaks) in enumerate(zip(hours, breaks, strict=True))
        )
        if not any(segments):
            raise ValueError("the office must be open on at least one weekday")
        names = {_plain_date(day): str(name) for day, name in dict(self.holiday_names).items()}
        holidays = frozenset(_plain_date(day) for day in self.holidays)
        if unlisted := sorted(names.keys() - holidays):
            raise ValueError(f"holiday_names names dates that are not holidays: {unlisted}")
        if not isinstance(self.zone, tzinfo):
            raise ValueError(f"zone must be a tzinfo, not {self.zone!r}")
        object.__setattr__(self, "office_hours", hours)
        object.__setattr__(self, "breaks", breaks)
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "holiday_names", MappingProxyType(names))
        object.__setattr__(self, "_segments", segments)

    # -- days ---------------------------------------------------------------------------------

    def local_date(self, moment: datetime) -> date:
        """The calendar-zone date of an aware moment."""
        return _aware(moment).astimezone(self.zone).date()

    def _day(self, day: date) -> date:
        return self.local_date(day) if isinstance(day, datetime) else day

    def is_holiday(self, day: date) -> bool:
        """Whether ``day`` is listed as a holiday (whatever its weekday)."""
        return self._day(day) in self.holidays

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name, ``""`` for an unnamed holiday, ``None`` if not a holiday."""
        day = self._day(day)
        if day not in self.holidays:
            return None
        return self.holiday_names.get(day, "")

    def is_working_day(self, day: date) -> bool:
        """Whether the office opens on ``day``: a weekday with office hours, not a holiday."""
        day = self._day(day)
        return bool(self._segments[day.weekday()]) and day not in self.holidays

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (before it when negative).

        ``day`` itself need not be a working day and is never counted; ``count`` 0 returns
        ``day`` unchanged.
        """
        day = self._day(day)
        step = timedelta(days=1 if count >= 0 else -1)
        remaining = abs(count)
        while remaining:
            day += step
            remaining -= self.is_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days ``d`` with ``start < d <= end``; negative if ``end`` is
        before ``start`` (minus the count with ``end < d <= start``).

        ``working_days_between(d, add_working_days(d, n)) == n`` for every ``n`` ≥ 0.
        """
        start, end = self._day(start), self._day(end)
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            self.is_working_day(start + timedelta(days=offset))
            for offset in range(1, (end - start).days + 1)
        )

    def working_periods(self, day: date) -> tuple[Period, ...]:
        """The day's working periods (office hours minus breaks) as aware UTC pairs, in order;
        empty on weekends and holidays."""
        day = self._day(day)
        if day in self.holidays:
            return ()
        return tuple(
            (self._at(day, segment.start), self._at(day, segment.end))
            for segment in self._segments[day.weekday()]
        )

    def _at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone).astimezone(UTC)

    def _days_from(self, day: date) -> Iterator[date]:
        for offset in itertools.count():
            yield day + timedelta(days=offset)

    def _periods_from(self, moment: datetime) -> Iterator[Period]:
        """Working periods ending after ``moment`` (UTC), in order, without end."""
        # Every week has an open weekday, and a holiday closes at most one open day: a run of
        # closed days is shorter than a week for each holiday and one more (an office open on
        # Tuesdays only, with a holiday on a Tuesday, waits thirteen days).
        limit = 7 * (len(self.holidays) + 1)
        idle = 0
        for day in self._days_from(moment.astimezone(self.zone).date()):
            found = False
            for period in self.working_periods(day):
                if period[1] > moment:
                    found = True
                    yield period
            idle = 0 if found else idle + 1
            if idle > limit:  # pragma: no cover - impossible by construction
                raise RuntimeError("no working period found")

    # -- moments ------------------------------------------------------------------------------

    def is_open(self, moment: datetime) -> bool:
        """Whether ``moment`` lies inside a working period (opening included, closing not)."""
        moment = _aware(moment).astimezone(UTC)
        return any(
            start <= moment < end for start, end in self.working_periods(self.local_date(moment))
        )

    def next_opening(self, moment: datetime) -> datetime:
        """The earliest moment at or after ``moment`` at which the office is open (UTC).

        ``moment`` itself when it is open; otherwise the next opening of office hours or the
        end of a break.
        """
        moment = _aware(moment).astimezone(UTC)
        start, _ = next(self._periods_from(moment))
        return max(start, moment)

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest moment by which ``amount`` of working time has passed since ``start``.

        Counting starts at ``start`` or, when closed, the next opening; running out exactly at
        a closing boundary returns the boundary. ``amount`` 0 returns ``start``.
        """
        start = _aware(start, "start").astimezone(UTC)
        if amount < timedelta(0):
            raise ValueError(f"working time cannot be negative: {amount}")
        if not amount:
            return start
        remaining = amount
        for period_start, period_end in self._periods_from(start):
            begin = max(period_start, start)
            if remaining <= period_end - begin:
                return begin + remaining
            remaining -= period_end - begin
        raise AssertionError("unreachable")  # pragma: no cover

    def due(self, start: datetime, standard: TimeStandard) -> datetime:
        """When a step begun at ``start`` with time standard ``standard`` is due (aware UTC).

        Minutes and hours count working time only; working days follow the rule in the module
        documentation. An amount of 0 is due at ``start``; a negative amount is refused.
        """
        start = _aware(start, "start").astimezone(UTC)
        if standard.amount < 0:
            raise ValueError(f"a time standard cannot be negative: {standard}")
        if standard.amount == 0:
            return start
        if standard.unit is TimeUnit.MINUTES:
            return self.add_working_time(start, timedelta(minutes=standard.amount))
        if standard.unit is TimeUnit.HOURS:
            return self.add_working_time(start, timedelta(hours=standard.amount))
        if standard.unit is TimeUnit.WORKING_DAYS:
            return self._due_in_working_days(start, standard.amount)
        raise ValueError(f"unknown time unit {standard.unit!r}")  # pragma: no cover

    def _due_in_working_days(self, start: datetime, count: int) -> datetime:
        counted_from = self.next_opening(start).astimezone(self.zone)
        target = self.add_working_days(counted_from.date(), count)
        periods = self.working_periods(target)
        wanted = self._at(target, counted_from.time())
        if wanted <= periods[0][0]:
            return self.working_periods(self.add_working_days(target, -1))[-1][1]
        due = periods[0][1]
        for period_start, period_end in periods:
            if wanted < period_start:
                break
            due = min(wanted, period_end)
        return due

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The working time inside ``[start, end)``; negative (minus ``[end, start)``) when
        ``end`` is before ``start``."""
        start = _aware(start, "start").astimezone(UTC)
        end = _aware(end, "end").astimezone(UTC)
        if end < start:
            return -self.working_time_between(end, start)
        total = timedelta(0)
        for period_start, period_end in self._periods_from(start):
            if period_start >= end:
                break
            total += min(period_end, end) - max(period_start, start)
        return total

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """:meth:`working_time_between` in whole minutes, seconds dropped (towards zero)."""
        elapsed = self.working_time_between(start, end)
        minutes = abs(elapsed) // timedelta(minutes=1)
        return minutes if elapsed >= timedelta(0) else -minutes

    def is_on_time(self, start: datetime, finished: datetime, standard: TimeStandard) -> bool:
        """Whether a step begun at ``start`` and finished at ``finished`` kept its standard:
        no working time passed between its due time and ``finished``."""
        due = self.due(start, standard)
        return self.working_time_between(due, finished) <= timedelta(0)


def _plain_date(day: date) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise ValueError(f"holidays must be dates, not {day!r}")
    return day


def _split(
    weekday: str, opening: ClockRange | None, breaks: tuple[ClockRange, ...]
) -> tuple[ClockRange, ...]:
    """Office hours minus breaks, checking that the breaks fit."""
    if opening is None:
        if breaks:
            raise ValueError(f"{weekday} has breaks but no office hours")
        return ()
    segments: list[ClockRange] = []
    cursor = opening.start
    for pause in breaks:
        if not opening.covers(pause):
            raise ValueError(f"{weekday}: break {pause} is outside office hours {opening}")
        if pause.start < cursor:
            raise ValueError(f"{weekday}: break {pause} overlaps the break before it")
        if pause.start > cursor:
            segments.append(ClockRange(cursor, pause.start))
        cursor = pause.end
    if cursor < opening.end:
        segments.append(ClockRange(cursor, opening.end))
    return tuple(segments)
