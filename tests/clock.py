"""The moment the tests take as "now".

Nothing a test checks comes from the wall clock. The bot, the services and the documents get
a ``RunningClock``: it starts at ``START`` and moves on with real time, so that waits, retries
and the order of events behave as in production while the date is the test's choice.

``START`` is a fixed Wednesday morning unless ``SAKIP_TEST_NOW`` names another moment (ISO 8601,
a naive time is WIB); ``tests/test_every_date.py`` runs the document and chat tests once for each
moment in ``DATES``. To reproduce one:
``SAKIP_TEST_NOW=2028-02-29T08:00 pytest tests/conversations``.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta

from bot.domain.clock import to_local, to_utc

ENV = "SAKIP_TEST_NOW"
DEFAULT = "2026-04-15T09:00:00+07:00"  # Wednesday, office open, early in TW II

# Moments that have broken date code before, or could: each is WIB wall time.
# Six, run three at a time: two rounds of the dated chat tests (the suite's longest test).
DATES = {
    "2026-01-30T16:25:00+07:00": "Friday afternoon, 5 minutes before closing, end of January",
    "2028-02-29T08:00:00+07:00": "leap day (a Tuesday), the office just opened",
    "2026-03-31T15:55:00+07:00": "last day of TW I, 5 minutes before closing",
    "2026-08-15T10:00:00+07:00": "a Saturday before Hari Kemerdekaan (Monday 17 August): the "
                                 "next working day is the Tuesday",
    "2026-09-30T00:30:00+07:00": "just after midnight WIB: still 29 September in UTC",
    "2027-01-01T05:00:00+07:00": "New Year's Day in WIB while UTC is still in the old year",
}


def parse(text: str) -> datetime:
    """An ISO moment as aware UTC; a naive one is WIB wall time."""
    return to_utc(datetime.fromisoformat(text))


START = parse(os.environ.get(ENV) or DEFAULT)
YEAR = to_local(START).year
"""The year the bot takes as this year when the tests start (``/mulai`` offers it)."""


class RunningClock:
    """``start``, then moving with real time (monotonic, so a wall-clock step changes nothing)."""

    def __init__(self, start: datetime = START) -> None:
        self.start = start
        self._origin = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._origin)

    def today(self) -> date:
        """The date in WIB now, as officials read it."""
        return to_local(self()).date()


class TickingClock:
    """``start`` plus one minute at every reading: each recorded moment differs, and a test
    that prepares a cycle through the services runs the same on every machine."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


TODAY = to_local(START).date()
"""The WIB date of ``START``: the day a document built in a test is dated."""

# Written out here, not taken from bot.formatting, so that a document test checks the product's
# dates against an independent spelling.
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def written(day: date) -> str:
    """``15 Januari 2024``, as a letter is dated."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def written_with_weekday(day: date) -> str:
    """``Senin, 15 Januari 2024``, as the minutes name the meeting day."""
    return f"{_WEEKDAYS[day.weekday()]}, {written(day)}"
