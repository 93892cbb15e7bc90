"""The working calendar from the TOML file the admin edits.

Format (every part optional; see ``bot/calendar_default.toml``, the default)::

    time_zone = "Asia/Jakarta"            # an IANA zone: Asia/Makassar (WITA), Asia/Jayapura (WIT)
    national_holidays = true              # Indonesia's holidays and cuti bersama (default: true)
    holidays = ["2026-01-01", 2026-01-16] # more dates without names (strings or TOML dates)
    removed_holidays = ["2026-12-24"]     # dates the office works after all

    [office_hours]                        # present: days not listed are closed
    monday = "07:30-16:00"                # also "07.30 - 16.00"; "" or "closed" = closed
    friday = "07:30-16:30"

    [breaks]                              # present: days not listed have no break
    monday = "12:00-13:00"
    friday = ["11:30-13:00"]              # a list for several breaks

    [[holiday]]                           # one table per named holiday
    date = "2026-03-20"
    name = "Cuti Bersama Hari Raya Idul Fitri 1447 H"

National holidays and *cuti bersama* come from the maintained ``holidays`` package, for every
year from :data:`NATIONAL_FIRST_YEAR` to :data:`NATIONAL_YEARS_AHEAD` years after the one the
file is read in; ``[[holiday]]`` and ``holidays`` add regional ones, ``removed_holidays`` takes
dates out (a cuti bersama the Gubernur revoked, a holiday the government moved).

Weekdays are written in English (``monday``) or Indonesian (``senin`` … ``minggu``), in any case.
A missing ``[office_hours]`` or ``[breaks]`` table means the defaults (Monday–Thursday
07:30–16:00 with a 12:00–13:00 break, Friday 07:30–16:30 with 11:30–13:00). Times are ``HH:MM``
(or ``HH.MM``), 00:00–23:59, start before end.

Every problem raises :class:`CalendarConfigError` (a ``ValueError``) naming the file, the field
(``office_hours.monday``, ``holiday[3].date``) and the offending value, with a machine-readable
:class:`ConfigProblem` for translation.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, time
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.calendar import (
    DEFAULT_BREAKS,
    DEFAULT_OFFICE_HOURS,
    WEEKDAYS,
    ClockRange,
    WorkingCalendar,
)

DEFAULT_CALENDAR_FILE = "calendar_default.toml"
"""The default configuration's name inside the ``bot`` package."""

WEEKDAY_ALIASES: dict[str, int] = {
    **{name: index for index, name in enumerate(WEEKDAYS)},
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
"""Accepted weekday keys (lower case), English and Indonesian, to weekday index."""

CLOSED_WORDS = frozenset({"", "closed", "tutup", "libur"})
TOP_LEVEL_KEYS = frozenset({"time_zone", "office_hours", "breaks", "holidays", "holiday",
                            "national_holidays", "removed_holidays"})
NATIONAL_FIRST_YEAR = 2000
NATIONAL_YEARS_AHEAD = 10
HOLIDAY_KEYS = frozenset({"date", "name"})

_CLOCK = r"(\d{1,2})[:.](\d{2})"
_RANGE = re.compile(rf"^\s*{_CLOCK}\s*[-–—]\s*{_CLOCK}\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ConfigProblem(StrEnum):
    UNREADABLE = "unreadable"
    SYNTAX = "syntax"
    UNKNOWN_KEY = "unknown_key"
    WRONG_TYPE = "wrong_type"
    BAD_WEEKDAY = "bad_weekday"
    DUPLICATE_WEEKDAY = "duplicate_weekday"
    BAD_TIME_RANGE = "bad_time_range"
    END_BEFORE_START = "end_before_start"
    BREAK_OUTSIDE_HOURS = "break_outside_hours"
    BREAKS_OVERLAP = "breaks_overlap"
    BAD_DATE = "bad_date"
    MISSING_DATE = "missing_date"
    BAD_TIME_ZONE = "bad_time_zone"
    NO_WORKING_DAY = "no_working_day"


class CalendarConfigError(ValueError):
    """A calendar file that cannot be used. ``str()`` is a complete English sentence."""

    def __init__(
        self,
        problem: ConfigProblem,
        message: str,
        *,
        field: str | None = None,
        value: Any = None,
        source: str | None = None,
    ) -> None:
        self.problem = problem
        self.field = field
        self.value = value
        self.source = source
        self.message = message
        where = ": ".join(part for part in (source, field) if part)
        super().__init__(f"{where}: {message}" if where else message)


def load_calendar(path: Path | None = None) -> WorkingCalendar:
    """The calendar in the TOML file at ``path``, or the packaged default when ``None``."""
    if path is None:
        resource = resources.files("bot").joinpath(DEFAULT_CALENDAR_FILE)
        return parse_calendar(resource.read_text(encoding="utf-8"), source=DEFAULT_CALENDAR_FILE)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarConfigError(
            ConfigProblem.UNREADABLE, f"cannot read the file ({exc})", source=str(path)
        ) from exc
    return parse_calendar(text, source=str(path))


def parse_calendar(text: str, *, source: str = "<text>") -> WorkingCalendar:
    """The calendar described by TOML ``text``; ``source`` names it in errors."""
    return calendar_from_mapping(_toml(text, source), source=source)


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CalendarConfigError(
            ConfigProblem.SYNTAX, f"not valid TOML ({exc})", source=source
        ) from exc


def calendar_from_mapping(data: Mapping[str, Any], *, source: str = "<data>") -> WorkingCalendar:
    """The calendar described by already-parsed TOML ``data``."""
    reader = _Reader(source)
    return reader.calendar(data)


def national_holidays(years: Iterable[int]) -> dict[date, str]:
    """Indonesia's national holidays and *cuti bersama* in ``years``, named in Indonesian.

    From the ``holidays`` package, which follows each year's SKB 3 Menteri; a newer release of
    it (``pip install -U holidays``) brings a later amendment."""
    import holidays  # here: the package takes a tenth of a second to import

    found = holidays.country_holidays("ID", years=list(years), language="id",
                                      categories=("public", "government"))
    return {day: str(name) for day, name in found.items()}


def national_years(today: date | None = None) -> range:
    """The years whose national holidays a calendar read ``today`` holds."""
    year = (today or date.today()).year
    return range(NATIONAL_FIRST_YEAR, year + NATIONAL_YEARS_AHEAD + 1)


AGENCY_SOURCE = "kalender Dinas"


def agency_calendar(base: WorkingCalendar, zone_name: str, additions: str, *,
                    source: str = AGENCY_SOURCE) -> WorkingCalendar:
    """The deployment's calendar as one agency keeps it: in the agency's zone (``zone_name``;
    empty for the deployment's), with the agency's ``additions`` (TOML, as in the calendar
    file): its holidays are added to the deployment's (a regional holiday, a Gubernur's leave
    day), and its ``[office_hours]`` and ``[breaks]``, where given, replace the deployment's.
    The zone is the agency's setting alone, so ``time_zone`` is refused in the additions."""
    zone = base.zone if not zone_name else _Reader(source).zone(zone_name)
    if not additions.strip():
        return replace(base, zone=zone)
    data = _toml(additions, source)
    if "time_zone" in data:
        raise CalendarConfigError(
            ConfigProblem.UNKNOWN_KEY, "the agency's time zone is its own setting (--timezone)",
            field="time_zone", value=data["time_zone"], source=source)
    reader = _Reader(source)
    own = reader.calendar({**data, "national_holidays": False})
    office_hours = own.office_hours if "office_hours" in data else base.office_hours
    breaks = own.breaks if "breaks" in data else base.breaks
    reader.check_breaks(office_hours, breaks)
    holidays = (base.holidays | own.holidays) - reader.removed
    names = {day: name for day, name in {**base.holiday_names, **own.holiday_names}.items()
             if day in holidays}
    try:
        return WorkingCalendar(
            office_hours=office_hours, breaks=breaks, holidays=holidays,
            holiday_names=names, zone=zone)
    except ValueError as exc:
        raise CalendarConfigError(ConfigProblem.NO_WORKING_DAY, str(exc), source=source) from exc


def parse_clock_range(text: str) -> ClockRange:
    """``"07:30-16:00"`` (or ``"07.30 - 16.00"``) as a :class:`ClockRange`.

    Raises :class:`CalendarConfigError` with ``BAD_TIME_RANGE`` or ``END_BEFORE_START``.
    """
    match = _RANGE.match(text)
    if match is None:
        raise CalendarConfigError(
            ConfigProblem.BAD_TIME_RANGE,
            f"{text!r} is not a time range like '07:30-16:00'",
            value=text,
        )
    hour_a, minute_a, hour_b, minute_b = (int(part) for part in match.groups())
    if not (hour_a < 24 and hour_b < 24 and minute_a < 60 and minute_b < 60):
        raise CalendarConfigError(
            ConfigProblem.BAD_TIME_RANGE,
            f"{text!r} has a time outside 00:00-23:59",
            value=text,
        )
    start, end = time(hour_a, minute_a), time(hour_b, minute_b)
    if start >= end:
        raise CalendarConfigError(
            ConfigProblem.END_BEFORE_START,
            f"{text!r} ends before (or when) it starts",
            value=text,
        )
    return ClockRange(start, end)


class _Reader:
    """Reads one parsed file, raising errors that name the file and field."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.removed: frozenset[date] = frozenset()  # removed_holidays, once read

    def fail(
        self, problem: ConfigProblem, message: str, field: str, value: Any = None
    ) -> NoReturn:
        raise CalendarConfigError(
            problem, message, field=field, value=value, source=self.source
        )

    def calendar(self, data: Mapping[str, Any]) -> WorkingCalendar:
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.fail(
                    ConfigProblem.UNKNOWN_KEY,
                    f"unknown setting {key!r}; expected one of {sorted(TOP_LEVEL_KEYS)}",
                    key,
                    key,
                )
        zone = self.zone(data.get("time_zone", "Asia/Jakarta"))
        office_hours: tuple[ClockRange | None, ...] = DEFAULT_OFFICE_HOURS
        if "office_hours" in data:
            office_hours = self.office_hours(data["office_hours"])
        breaks: tuple[tuple[ClockRange, ...], ...] = DEFAULT_BREAKS
        if "breaks" in data:
            breaks = self.breaks(data["breaks"])
        if not any(hours is not None for hours in office_hours):
            self.fail(
                ConfigProblem.NO_WORKING_DAY, "no weekday has office hours", "office_hours"
            )
        self.check_breaks(office_hours, breaks)
        holidays, names = self.holidays(data.get("holidays", []), data.get("holiday", []))
        national = data.get("national_holidays", True)
        if not isinstance(national, bool):
            self.fail(ConfigProblem.WRONG_TYPE, "must be true or false", "national_holidays",
                      national)
        if national:
            names = {**national_holidays(national_years()), **names}
            holidays |= names.keys()
        self.removed = frozenset(self.dates(data.get("removed_holidays", []),
                                            "removed_holidays"))
        holidays -= self.removed
        names = {day: name for day, name in names.items() if day in holidays}
        try:
            return WorkingCalendar(
                office_hours=office_hours,
                breaks=breaks,
                holidays=frozenset(holidays),
                holiday_names=names,
                zone=zone,
            )
        except ValueError as exc:  # a rule not checked above: keep the message
            raise CalendarConfigError(
                ConfigProblem.NO_WORKING_DAY, str(exc), source=self.source
            ) from exc

    def zone(self, value: Any) -> ZoneInfo:
        if not isinstance(value, str):
            self.fail(ConfigProblem.WRONG_TYPE, "must be a text like 'Asia/Jakarta'",
                      "time_zone", value)
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(ConfigProblem.BAD_TIME_ZONE, f"unknown time zone {value!r}",
                      "time_zone", value)

    def weekday_table(self, table: Any, name: str) -> dict[int, tuple[str, Any]]:
        """Weekday index → (the key as written, its value)."""
        if not isinstance(table, Mapping):
            self.fail(ConfigProblem.WRONG_TYPE, "must be a table of weekdays", name, table)
        found: dict[int, tuple[str, Any]] = {}
        for key, value in table.items():
            index = WEEKDAY_ALIASES.get(str(key).strip().lower())
            if index is None:
                self.fail(
                    ConfigProblem.BAD_WEEKDAY,
                    f"{key!r} is not a weekday (monday … sunday, or senin … minggu)",
                    f"{name}.{key}",
                    key,
                )
            if index in found:
                self.fail(
                    ConfigProblem.DUPLICATE_WEEKDAY,
                    f"{WEEKDAYS[index]} is given twice ({found[index][0]!r} and {key!r})",
                    f"{name}.{key}",
                    key,
                )
            found[index] = (str(key), value)
        return found

    def clock_range(self, value: Any, field: str) -> ClockRange:
        if not isinstance(value, str):
            self.fail(ConfigProblem.WRONG_TYPE, "must be a text like '07:30-16:00'", field, value)
        try:
            return parse_clock_range(value)
        except CalendarConfigError as exc:
            raise CalendarConfigError(
                exc.problem, exc.message, field=field, value=value, source=self.source
            ) from None

    def office_hours(self, table: Any) -> tuple[ClockRange | None, ...]:
        hours: list[ClockRange | None] = [None] * 7
        for index, (key, value) in self.weekday_table(table, "office_hours").items():
            field = f"office_hours.{key}"
            if isinstance(value, str) and value.strip().lower() in CLOSED_WORDS:
                continue
            hours[index] = self.clock_range(value, field)
        return tuple(hours)

    def breaks(self, table: Any) -> tuple[tuple[ClockRange, ...], ...]:
        breaks: list[tuple[ClockRange, ...]] = [()] * 7
        for index, (key, value) in self.weekday_table(table, "breaks").items():
            field = f"breaks.{key}"
            if isinstance(value, str):
                if not value.strip():
                    continue
                breaks[index] = (self.clock_range(value, field),)
            elif isinstance(value, list):
                breaks[index] = tuple(
                    self.clock_range(item, f"{field}[{position}]")
                    for position, item in enumerate(value)
                )
            else:
                self.fail(
                    ConfigProblem.WRONG_TYPE,
                    "must be a time range like '12:00-13:00' or a list of them",
                    field,
                    value,
                )
        return tuple(breaks)

    def check_breaks(
        self,
        office_hours: tuple[ClockRange | None, ...],
        breaks: tuple[tuple[ClockRange, ...], ...],
    ) -> None:
        for index, (hours, day_breaks) in enumerate(zip(office_hours, breaks, strict=True)):
            field = f"breaks.{WEEKDAYS[index]}"
            previous: ClockRange | None = None
            for pause in sorted(day_breaks):
                if hours is None or not hours.covers(pause):
                    where = f"within office hours {hours}" if hours else "on a closed day"
                    self.fail(
                        ConfigProblem.BREAK_OUTSIDE_HOURS,
                        f"break {pause} is not {where}",
                        field,
                        str(pause),
                    )
                if previous is not None and pause.start < previous.end:
                    self.fail(
                        ConfigProblem.BREAKS_OVERLAP,
                        f"breaks {previous} and {pause} overlap",
                        field,
                        str(pause),
                    )
                previous = pause

    def parse_date(self, value: Any, field: str) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str) and _DATE.match(value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(
            ConfigProblem.BAD_DATE,
            f"{value!r} is not a date written YYYY-MM-DD (e.g. 2026-01-01)",
            field,
            value,
        )

    def dates(self, plain: Any, field: str) -> set[date]:
        if not isinstance(plain, list):
            self.fail(ConfigProblem.WRONG_TYPE, "must be a list of dates", field, plain)
        return {self.parse_date(value, f"{field}[{index}]") for index, value in enumerate(plain)}

    def holidays(self, plain: Any, named: Any) -> tuple[set[date], dict[date, str]]:
        dates = self.dates(plain, "holidays")
        if not isinstance(named, list):
            self.fail(
                ConfigProblem.WRONG_TYPE,
                "must be written as [[holiday]] tables with date and name",
                "holiday",
                named,
            )
        names: dict[date, str] = {}
        for index, entry in enumerate(named):
            field = f"holiday[{index}]"
            if not isinstance(entry, Mapping):
                self.fail(ConfigProblem.WRONG_TYPE, "must be a table with date and name",
                          field, entry)
            for key in entry:
                if key not in HOLIDAY_KEYS:
                    self.fail(
                        ConfigProblem.UNKNOWN_KEY,
                        f"unknown key {key!r}; a holiday has only 'date' and 'name'",
                        f"{field}.{key}",
                        key,
                    )
            if "date" not in entry:
                self.fail(ConfigProblem.MISSING_DATE, "has no date", field)
            day = self.parse_date(entry["date"], f"{field}.date")
            name = entry.get("name", "")
            if not isinstance(name, str):
                self.fail(ConfigProblem.WRONG_TYPE, "must be a text", f"{field}.name", name)
            name = name.strip()
            if name and names.get(day) and name not in names[day].split(" / "):
                names[day] = f"{names[day]} / {name}"
            elif name:
                names[day] = name
            dates.add(day)
        return dates, names
