"""The working-time calendar: due times, measured working time, and the admin's TOML file.

Hand-computed cases use the default hours (Mon–Thu 07:30–16:00 with 12:00–13:00 break,
Fri 07:30–16:30 with 11:30–13:00; 450 working minutes every weekday) and these 2026 dates:

    Thu 1 Jan   Tahun Baru          Fri 16 Jan  Isra Mikraj
    Mon 16 Feb  cuti bersama Imlek  Tue 17 Feb  Imlek
    Wed 18 Mar  cuti bersama Nyepi  Thu 19 Mar  Nyepi
    Fri 20 Mar  cuti bersama        Sat 21 – Sun 22 Mar  Idul Fitri
    Mon 23 – Tue 24 Mar  cuti bersama Idul Fitri
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.calendar import (
    DEFAULT_BREAKS,
    DEFAULT_OFFICE_HOURS,
    ClockRange,
    WorkingCalendar,
)
from bot.domain.calendar_config import (
    NATIONAL_FIRST_YEAR,
    NATIONAL_YEARS_AHEAD,
    CalendarConfigError,
    ConfigProblem,
    agency_calendar,
    load_calendar,
    national_holidays,
    national_years,
    parse_calendar,
    parse_clock_range,
)
from bot.domain.clock import JAKARTA
from bot.domain.sop import STEPS, TimeStandard, TimeUnit

HOLIDAYS = {
    date(2026, 1, 1): "Tahun Baru 2026 Masehi",
    date(2026, 1, 16): "Isra Mikraj Nabi Muhammad SAW",
    date(2026, 2, 16): "Cuti Bersama Tahun Baru Imlek",
    date(2026, 2, 17): "Tahun Baru Imlek 2577 Kongzili",
    date(2026, 3, 18): "Cuti Bersama Hari Suci Nyepi",
    date(2026, 3, 19): "Hari Suci Nyepi",
    date(2026, 3, 20): "Cuti Bersama Idul Fitri",
    date(2026, 3, 21): "Idul Fitri",
    date(2026, 3, 22): "Idul Fitri",
    date(2026, 3, 23): "Cuti Bersama Idul Fitri",
    date(2026, 3, 24): "Cuti Bersama Idul Fitri",
}
CAL = WorkingCalendar(holidays=frozenset(HOLIDAYS), holiday_names=HOLIDAYS)


def wib(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def minutes(amount: int) -> TimeStandard:
    return TimeStandard(amount, TimeUnit.MINUTES)


def hours(amount: int) -> TimeStandard:
    return TimeStandard(amount, TimeUnit.HOURS)


def days(amount: int) -> TimeStandard:
    return TimeStandard(amount, TimeUnit.WORKING_DAYS)


# -- the calendar itself ----------------------------------------------------------------------


def test_default_calendar_matches_the_dinas_hours() -> None:
    cal = WorkingCalendar()
    assert cal.zone is JAKARTA
    assert [str(h) if h else None for h in cal.office_hours] == [
        "07:30-16:00", "07:30-16:00", "07:30-16:00", "07:30-16:00", "07:30-16:30", None, None,
    ]
    assert [[str(b) for b in day] for day in cal.breaks] == [
        ["12:00-13:00"], ["12:00-13:00"], ["12:00-13:00"], ["12:00-13:00"], ["11:30-13:00"],
        [], [],
    ]
    assert cal.holidays == frozenset()
    without_holidays = replace(CAL, holidays=frozenset(), holiday_names={})
    assert without_holidays == cal and hash(without_holidays) == hash(cal)
    assert replace(CAL, zone=JAKARTA) == CAL


def test_working_periods_are_hours_minus_breaks_in_utc() -> None:
    assert CAL.working_periods(date(2026, 2, 2)) == (
        (wib(2, 2, 7, 30), wib(2, 2, 12)),
        (wib(2, 2, 13), wib(2, 2, 16)),
    )
    friday = CAL.working_periods(date(2026, 2, 6))
    assert friday == ((wib(2, 6, 7, 30), wib(2, 6, 11, 30)), (wib(2, 6, 13), wib(2, 6, 16, 30)))
    assert all(moment.tzinfo is UTC for period in friday for moment in period)
    assert CAL.working_periods(date(2026, 2, 7)) == ()  # Saturday
    assert CAL.working_periods(date(2026, 1, 16)) == ()  # holiday on a Friday


def test_working_days_weekends_and_holidays() -> None:
    assert CAL.is_working_day(date(2026, 1, 15))  # Thursday
    assert not CAL.is_working_day(date(2026, 1, 16))  # Isra Mikraj
    assert not CAL.is_working_day(date(2026, 1, 17))  # Saturday
    assert not CAL.is_working_day(date(2026, 1, 18))  # Sunday
    assert not CAL.is_working_day(date(2026, 2, 16))  # cuti bersama
    assert CAL.is_holiday(date(2026, 3, 21))
    assert CAL.holiday_name(date(2026, 3, 21)) == "Idul Fitri"
    assert CAL.holiday_name(date(2026, 3, 25)) is None
    # A moment is read as its local date: 20:00 UTC on the 15th is already the 16th in WIB.
    assert not CAL.is_working_day(datetime(2026, 1, 15, 20, tzinfo=UTC))


def test_add_and_count_working_days() -> None:
    assert CAL.add_working_days(date(2026, 1, 15), 1) == date(2026, 1, 19)  # Fri holiday, weekend
    assert CAL.add_working_days(date(2026, 1, 15), 2) == date(2026, 1, 20)
    assert CAL.add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert CAL.add_working_days(date(2026, 1, 17), 0) == date(2026, 1, 17)
    assert CAL.add_working_days(date(2026, 1, 19), -1) == date(2026, 1, 15)
    assert CAL.working_days_between(date(2026, 1, 15), date(2026, 1, 20)) == 2
    assert CAL.working_days_between(date(2026, 1, 20), date(2026, 1, 15)) == -2
    assert CAL.working_days_between(date(2026, 3, 17), date(2026, 3, 24)) == 0
    assert CAL.working_days_between(date(2026, 3, 1), date(2026, 3, 31)) == 17  # 22 weekdays − 5
    assert CAL.working_days_between(date(2026, 2, 2), date(2026, 2, 2)) == 0


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (wib(2, 2, 7, 29), False),
        (wib(2, 2, 7, 30), True),
        (wib(2, 2, 11, 59), True),
        (wib(2, 2, 12), False),  # break starts
        (wib(2, 2, 12, 59), False),
        (wib(2, 2, 13), True),
        (wib(2, 2, 15, 59), True),
        (wib(2, 2, 16), False),  # closing is not open
        (wib(2, 6, 11, 30), False),  # Friday's longer break
        (wib(2, 6, 16, 15), True),  # Friday closes later
        (wib(2, 6, 16, 30), False),
        (wib(2, 7, 10), False),  # Saturday
        (wib(1, 16, 10), False),  # holiday
        (datetime(2026, 2, 2, 3, 0, tzinfo=UTC), True),  # 10:00 WIB
    ],
)
def test_is_open(moment: datetime, expected: bool) -> None:
    assert CAL.is_open(moment) is expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (wib(2, 2, 10), wib(2, 2, 10)),  # open: the moment itself
        (wib(2, 2, 6), wib(2, 2, 7, 30)),
        (wib(2, 2, 12), wib(2, 2, 13)),  # lunch
        (wib(2, 6, 11, 45), wib(2, 6, 13)),  # Friday prayer break
        (wib(2, 2, 16), wib(2, 3, 7, 30)),  # closing
        (wib(2, 6, 17), wib(2, 9, 7, 30)),  # Friday evening → Monday
        (wib(2, 7, 10), wib(2, 9, 7, 30)),  # Saturday
        (wib(1, 15, 18), wib(1, 19, 7, 30)),  # Thursday evening, Friday holiday
        (wib(3, 17, 16, 5), wib(3, 25, 7, 30)),  # Nyepi and Idul Fitri
    ],
)
def test_next_opening(moment: datetime, expected: datetime) -> None:
    opening = CAL.next_opening(moment)
    assert opening == expected
    assert opening.tzinfo is UTC


# -- due: minutes and hours -------------------------------------------------------------------

DUE_CASES = [
    # (start, standard, due, why)
    (wib(2, 2, 9), hours(2), wib(2, 2, 11), "plain morning"),
    (wib(2, 2, 11, 30), hours(2), wib(2, 2, 14, 30), "30 min before lunch, 90 after"),
    (wib(2, 6, 10, 30), hours(2), wib(2, 6, 14), "Friday: 60 before 11:30, 60 after 13:00"),
    (wib(2, 2, 11), hours(1), wib(2, 2, 12), "runs out exactly at the break: due at 12:00"),
    (wib(2, 2, 12, 15), minutes(30), wib(2, 2, 13, 30), "given during lunch"),
    (wib(1, 15, 15, 30), hours(2), wib(1, 19, 9), "Thu 30 min, Fri holiday, weekend"),
    (wib(2, 5, 15, 30), hours(2), wib(2, 6, 9), "Thu 30 min + Fri 90 min from 07:30"),
    (wib(2, 5, 15, 55), minutes(10), wib(2, 6, 7, 35), "10 minutes at 15:55"),
    (wib(2, 5, 15, 55), minutes(5), wib(2, 5, 16), "runs out exactly at closing: 16:00"),
    (wib(2, 6, 15, 55), minutes(10), wib(2, 6, 16, 5), "Friday closes at 16:30"),
    (wib(2, 6, 16), hours(1), wib(2, 9, 8), "Fri 30 min, weekend, Mon 30 min"),
    (wib(2, 13, 16), hours(1), wib(2, 18, 8), "weekend + cuti bersama Imlek + Imlek"),
    (wib(3, 17, 15), hours(2), wib(3, 25, 8, 30), "Nyepi, Idul Fitri and cuti bersama"),
    (wib(2, 3, 20), minutes(10), wib(2, 4, 7, 40), "given at night"),
    (wib(2, 3, 5), minutes(10), wib(2, 3, 7, 40), "given before opening"),
    (wib(2, 7, 10), hours(1), wib(2, 9, 8, 30), "given on Saturday"),
    (wib(1, 1, 9), minutes(30), wib(1, 2, 8), "given on New Year's Day"),
    (wib(2, 2, 9), hours(8), wib(2, 3, 9, 30), "more than a day: 450 min Mon + 30 Tue"),
    (wib(2, 2, 9), minutes(0), wib(2, 2, 9), "zero is due at once"),
]


@pytest.mark.parametrize(("start", "standard", "expected", "why"), DUE_CASES,
                         ids=[case[3] for case in DUE_CASES])
def test_due_in_working_time(
    start: datetime, standard: TimeStandard, expected: datetime, why: str
) -> None:
    due = CAL.due(start, standard)
    assert due == expected, why
    assert due.tzinfo is UTC


@pytest.mark.parametrize(("start", "standard", "expected", "why"), DUE_CASES,
                         ids=[case[3] for case in DUE_CASES])
def test_working_minutes_between_measures_the_same_spans(
    start: datetime, standard: TimeStandard, expected: datetime, why: str
) -> None:
    amount = standard.amount * (60 if standard.unit is TimeUnit.HOURS else 1)
    assert CAL.working_minutes_between(start, expected) == amount, why


def test_due_accepts_any_aware_zone() -> None:
    start_utc = datetime(2026, 2, 2, 4, 30, tzinfo=UTC)  # 11:30 WIB
    assert CAL.due(start_utc, hours(2)) == wib(2, 2, 14, 30)
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.due(datetime(2026, 2, 2, 11, 30), hours(2))
    with pytest.raises(ValueError, match="negative"):
        CAL.due(wib(2, 2, 9), hours(-1))


# -- due: working days ------------------------------------------------------------------------

DAY_CASES = [
    (wib(2, 2, 10), days(2), wib(2, 4, 10), "Mon 10:00 → Wed 10:00"),
    (wib(2, 5, 10), days(2), wib(2, 9, 10), "Thu → Mon over the weekend"),
    (wib(1, 15, 10), days(2), wib(1, 20, 10), "Thu → Tue: Fri holiday and weekend"),
    (wib(3, 17, 10), days(2), wib(3, 26, 10), "Tue → Thu after Nyepi and Idul Fitri"),
    (wib(3, 13, 10), days(2), wib(3, 17, 10), "Fri → Tue before the holidays"),
    (wib(2, 6, 16, 15), days(2), wib(2, 10, 16), "Fri 16:15 → Tue, clamped to 16:00"),
    (wib(2, 5, 11, 45), days(1), wib(2, 6, 11, 30), "Fri 11:45 is in the break: its start"),
    (wib(2, 2, 12, 30), days(2), wib(2, 4, 13), "during lunch: counts from 13:00"),
    (wib(2, 7, 10), days(2), wib(2, 10, 16), "Saturday → close of Tue (Mon, Tue)"),
    (wib(2, 5, 19), days(2), wib(2, 9, 16), "Thu evening → close of Mon (Fri, Mon)"),
    (wib(2, 2, 6), days(2), wib(2, 3, 16), "before opening → close of Tue (Mon, Tue)"),
    (wib(2, 2, 7, 30), days(1), wib(2, 2, 16), "at opening, 1 day → close of the same day"),
    (wib(1, 16, 9), days(2), wib(1, 20, 16), "on a holiday → close of Tue (Mon, Tue)"),
    (wib(2, 13, 17), days(2), wib(2, 19, 16), "Fri evening; Mon cuti, Tue Imlek → Wed, Thu"),
]


@pytest.mark.parametrize(("start", "standard", "expected", "why"), DAY_CASES,
                         ids=[case[3] for case in DAY_CASES])
def test_due_in_working_days(
    start: datetime, standard: TimeStandard, expected: datetime, why: str
) -> None:
    due = CAL.due(start, standard)
    assert due == expected, why
    assert due.tzinfo is UTC


def test_working_days_take_a_working_day_of_time_each() -> None:
    # Between starts in office hours and their due times: N × 450 minutes, give or take breaks
    # only when the wall-clock time lands in one.
    assert CAL.working_minutes_between(wib(2, 5, 10), wib(2, 9, 10)) == 900
    assert CAL.working_minutes_between(wib(1, 15, 10), wib(1, 20, 10)) == 900
    assert CAL.working_minutes_between(wib(3, 17, 10), wib(3, 26, 10)) == 900
    assert CAL.working_minutes_between(wib(2, 7, 10), wib(2, 10, 16)) == 900


# -- measuring --------------------------------------------------------------------------------


def test_working_minutes_between_whole_days_and_weeks() -> None:
    assert CAL.working_minutes_between(wib(2, 2), wib(2, 3)) == 450  # Monday
    assert CAL.working_minutes_between(wib(2, 6), wib(2, 7)) == 450  # Friday, longer break
    assert CAL.working_minutes_between(wib(2, 2), wib(2, 9)) == 5 * 450  # a week
    assert CAL.working_minutes_between(wib(1, 12), wib(1, 19)) == 4 * 450  # week with holiday
    assert CAL.working_minutes_between(wib(3, 16), wib(3, 30)) == 5 * 450  # Lebaran fortnight
    assert CAL.working_minutes_between(wib(2, 7), wib(2, 9)) == 0  # weekend
    assert CAL.working_minutes_between(wib(2, 2, 12), wib(2, 2, 13)) == 0  # lunch
    assert CAL.working_minutes_between(wib(2, 2, 9), wib(2, 2, 9)) == 0


def test_working_minutes_between_is_signed_and_drops_seconds() -> None:
    assert CAL.working_minutes_between(wib(2, 6, 9), wib(2, 5, 15, 30)) == -120
    late_by_seconds = wib(2, 2, 9) + timedelta(minutes=10, seconds=59)
    assert CAL.working_minutes_between(wib(2, 2, 9), late_by_seconds) == 10
    assert CAL.working_time_between(wib(2, 2, 9), late_by_seconds) == timedelta(
        minutes=10, seconds=59
    )


def test_is_on_time_ignores_lunch_and_evenings_after_the_due_time() -> None:
    start = wib(2, 2, 11)  # 1 hour → due 12:00
    assert CAL.is_on_time(start, wib(2, 2, 11, 59), hours(1))
    assert CAL.is_on_time(start, wib(2, 2, 12, 45), hours(1))  # during lunch: no time lost
    assert CAL.is_on_time(start, wib(2, 2, 13), hours(1))
    assert not CAL.is_on_time(start, wib(2, 2, 13, 1), hours(1))
    evening = wib(2, 5, 15)  # 1 hour → due Thursday 16:00
    assert CAL.is_on_time(evening, wib(2, 5, 21), hours(1))
    assert not CAL.is_on_time(evening, wib(2, 6, 7, 31), hours(1))


def test_every_sop_step_has_a_due_time() -> None:
    start = wib(2, 2, 9)
    for step in STEPS:
        assert CAL.due(start, step.time_standard) > start


def test_other_time_zones_use_local_office_hours() -> None:
    wita = WorkingCalendar(zone=ZoneInfo("Asia/Makassar"))  # UTC+8
    monday_0730_wita = datetime(2026, 2, 1, 23, 30, tzinfo=UTC)
    assert wita.is_open(monday_0730_wita)
    assert not CAL.is_open(monday_0730_wita)  # 06:30 WIB
    assert wita.due(monday_0730_wita, hours(1)) == datetime(2026, 2, 2, 0, 30, tzinfo=UTC)


def test_invalid_calendars_are_refused() -> None:
    with pytest.raises(ValueError, match="ends before"):
        ClockRange(time(14), time(13))
    outside = tuple((parse_clock_range("17:00-18:00"),) if i == 0 else () for i in range(7))
    with pytest.raises(ValueError, match="outside office hours"):
        WorkingCalendar(breaks=outside)
    with pytest.raises(ValueError, match="at least one weekday"):
        WorkingCalendar(office_hours=(None,) * 7, breaks=((),) * 7)
    with pytest.raises(ValueError, match="not holidays"):
        replace(CAL, holidays=frozenset())
    with pytest.raises(ValueError, match="7 entries"):
        WorkingCalendar(office_hours=DEFAULT_OFFICE_HOURS[:5], breaks=DEFAULT_BREAKS[:5])


# -- configuration ----------------------------------------------------------------------------

GOOD_FILE = """
time_zone = "Asia/Jakarta"
holidays = ["2026-07-01", 2026-07-02]

[office_hours]
Senin = "07.30 - 15.00"
tuesday = "08:00-16:00"
friday = "07:30–11:00"
saturday = "closed"

[breaks]
senin = "12:00-12:30"
tuesday = ["10:00-10:15", "12:00-13:00"]

[[holiday]]
date = "2026-08-17"
name = "Hari Proklamasi Kemerdekaan"

[[holiday]]
date = 2026-08-17
name = "HUT RI"
"""


def test_load_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(GOOD_FILE, encoding="utf-8")
    cal = load_calendar(path)
    assert [str(h) if h else None for h in cal.office_hours] == [
        "07:30-15:00", "08:00-16:00", None, None, "07:30-11:00", None, None,
    ]
    assert [str(b) for b in cal.breaks[1]] == ["10:00-10:15", "12:00-13:00"]
    assert cal.breaks[4] == ()
    listed = {date(2026, 7, 1), date(2026, 7, 2), date(2026, 8, 17)}
    assert cal.holidays == listed | national_holidays(national_years()).keys()
    # The file's own name of a national holiday is the one shown.
    assert cal.holiday_name(date(2026, 8, 17)) == "Hari Proklamasi Kemerdekaan / HUT RI"
    assert cal.holiday_name(date(2026, 7, 1)) == ""
    # Tuesday: 480 minutes of office hours minus 75 of breaks.
    assert cal.working_minutes_between(wib(2, 3), wib(2, 4)) == 405


def test_missing_tables_mean_the_defaults() -> None:
    cal = parse_calendar('holidays = ["2026-01-01"]')
    assert cal.office_hours == DEFAULT_OFFICE_HOURS
    assert cal.breaks == DEFAULT_BREAKS
    assert cal.zone == JAKARTA
    assert parse_calendar("national_holidays = false") == WorkingCalendar()


def test_national_holidays_come_for_every_year_and_the_file_adds_and_removes() -> None:
    cal = parse_calendar(
        'holidays = ["2031-07-01"]\nremoved_holidays = ["2026-12-24", 2030-01-01]\n')
    today = date.today()
    for year in (NATIONAL_FIRST_YEAR, 2026, 2027, 2030, today.year + NATIONAL_YEARS_AHEAD):
        new_year = date(year, 1, 1)
        if new_year != date(2030, 1, 1):
            assert cal.holiday_name(new_year) == "Tahun Baru Masehi", year
    # Idul Fitri moves with the moon; it is found for a year no file listed.
    assert "Idul Fitri" in (cal.holiday_name(date(2027, 3, 10)) or "")
    assert cal.is_holiday(date(2031, 7, 1)) and cal.holiday_name(date(2031, 7, 1)) == ""
    # Removed: the cuti bersama before Christmas 2026 is a working Thursday.
    assert not cal.is_holiday(date(2026, 12, 24)) and cal.is_working_day(date(2026, 12, 24))
    assert cal.is_holiday(date(2026, 12, 25)) and not cal.is_holiday(date(2030, 1, 1))
    assert not parse_calendar("national_holidays = false").is_holiday(date(2026, 12, 25))
    assert _error("national_holidays = 1").problem is ConfigProblem.WRONG_TYPE
    assert _error('removed_holidays = ["24-12-2026"]').field == "removed_holidays[0]"


def test_an_agency_removes_a_national_holiday_for_itself_alone() -> None:
    base = load_calendar(None)
    own = agency_calendar(base, "Asia/Makassar", 'removed_holidays = ["2026-12-24"]')
    assert own.is_working_day(date(2026, 12, 24)) and base.is_holiday(date(2026, 12, 24))
    assert own.holiday_name(date(2026, 12, 25)) == base.holiday_name(date(2026, 12, 25))


def test_the_shipped_default_file() -> None:
    cal = load_calendar(None)
    assert cal.office_hours == DEFAULT_OFFICE_HOURS
    assert cal.breaks == DEFAULT_BREAKS
    assert cal.zone == JAKARTA
    # SKB 3 Menteri: 2025 has 17 holiday dates + 10 cuti bersama + 18 August; 2026 17 + 8.
    assert sum(day.year == 2025 for day in cal.holidays) == 28
    assert sum(day.year == 2026 for day in cal.holidays) == 25
    assert "Cuti Bersama" in (cal.holiday_name(date(2026, 3, 20)) or "")
    assert all(cal.holiday_name(day) for day in cal.holidays)
    for day in HOLIDAYS:
        assert cal.is_holiday(day)


def _error(text: str) -> CalendarConfigError:
    with pytest.raises(CalendarConfigError) as caught:
        parse_calendar(text, source="kalender.toml")
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error).startswith("kalender.toml")
    return error


@pytest.mark.parametrize(
    ("text", "problem", "field"),
    [
        ('[office_hours]\nmonday = "7:30-16"', ConfigProblem.BAD_TIME_RANGE,
         "office_hours.monday"),
        ('[office_hours]\nmonday = "07:30-25:00"', ConfigProblem.BAD_TIME_RANGE,
         "office_hours.monday"),
        ('[office_hours]\nmonday = "16:00-07:30"', ConfigProblem.END_BEFORE_START,
         "office_hours.monday"),
        ('[office_hours]\nmonday = "08:00-08:00"', ConfigProblem.END_BEFORE_START,
         "office_hours.monday"),
        ("[office_hours]\nmonday = 730", ConfigProblem.WRONG_TYPE, "office_hours.monday"),
        ('[office_hours]\nfunday = "07:30-16:00"', ConfigProblem.BAD_WEEKDAY,
         "office_hours.funday"),
        ('[office_hours]\nmonday = "07:30-16:00"\nsenin = "07:30-16:00"',
         ConfigProblem.DUPLICATE_WEEKDAY, "office_hours.senin"),
        ('[breaks]\nmonday = "13:00-12:00"', ConfigProblem.END_BEFORE_START, "breaks.monday"),
        ('[breaks]\nmonday = "15:30-16:30"', ConfigProblem.BREAK_OUTSIDE_HOURS, "breaks.monday"),
        ('[breaks]\nsaturday = "12:00-13:00"', ConfigProblem.BREAK_OUTSIDE_HOURS,
         "breaks.saturday"),
        ('[breaks]\nmonday = ["12:00-13:00", "12:30-13:30"]', ConfigProblem.BREAKS_OVERLAP,
         "breaks.monday"),
        ('[breaks]\nmonday = ["12:00-13:00", "x"]', ConfigProblem.BAD_TIME_RANGE,
         "breaks.monday[1]"),
        ('holidays = ["2026-02-30"]', ConfigProblem.BAD_DATE, "holidays[0]"),
        ('holidays = ["2026-01-01", "17-08-2026"]', ConfigProblem.BAD_DATE, "holidays[1]"),
        ("holidays = [2026-01-01T08:00:00]", ConfigProblem.BAD_DATE, "holidays[0]"),
        ('holidays = "2026-01-01"', ConfigProblem.WRONG_TYPE, "holidays"),
        ('[[holiday]]\ndate = "2026-13-01"\nname = "x"', ConfigProblem.BAD_DATE,
         "holiday[0].date"),
        ('[[holiday]]\nname = "Natal"', ConfigProblem.MISSING_DATE, "holiday[0]"),
        ('[[holiday]]\ndate = 2026-12-25\nnama = "Natal"', ConfigProblem.UNKNOWN_KEY,
         "holiday[0].nama"),
        ('holiday = ["2026-01-01"]', ConfigProblem.WRONG_TYPE, "holiday[0]"),
        ('libur = ["2026-01-01"]', ConfigProblem.UNKNOWN_KEY, "libur"),
        ('time_zone = "Asia/Bandung"', ConfigProblem.BAD_TIME_ZONE, "time_zone"),
        ('[office_hours]\nsaturday = "closed"', ConfigProblem.NO_WORKING_DAY, "office_hours"),
    ],
)
def test_bad_files_name_the_problem_and_the_field(
    text: str, problem: ConfigProblem, field: str
) -> None:
    error = _error(text)
    assert error.problem is problem, str(error)
    assert error.field == field, str(error)
    assert field in str(error)


def test_unparseable_and_missing_files(tmp_path: Path) -> None:
    assert _error("[office_hours\nmonday=").problem is ConfigProblem.SYNTAX
    with pytest.raises(CalendarConfigError) as caught:
        load_calendar(tmp_path / "missing.toml")
    assert caught.value.problem is ConfigProblem.UNREADABLE
    assert "missing.toml" in str(caught.value)


# -- properties -------------------------------------------------------------------------------

starts = st.datetimes(
    min_value=datetime(2025, 12, 20), max_value=datetime(2026, 4, 10), timezones=st.just(UTC)
)
units = st.sampled_from(list(TimeUnit))


def amount_for(unit: TimeUnit) -> st.SearchStrategy[int]:
    return {
        TimeUnit.MINUTES: st.integers(0, 3000),
        TimeUnit.HOURS: st.integers(0, 50),
        TimeUnit.WORKING_DAYS: st.integers(0, 12),
    }[unit]


standards = units.flatmap(
    lambda unit: amount_for(unit).map(lambda amount: TimeStandard(amount, unit))
)


def in_office_or_at_closing(moment: datetime) -> bool:
    periods = CAL.working_periods(CAL.local_date(moment))
    return any(start <= moment <= end for start, end in periods) and (
        CAL.is_open(moment) or any(moment == end for _, end in periods)
    )


@settings(max_examples=300)
@given(start=starts, standard=standards)
def test_due_is_in_office_hours_or_at_a_closing_boundary(
    start: datetime, standard: TimeStandard
) -> None:
    due = CAL.due(start, standard)
    assert due.tzinfo is UTC
    if standard.amount == 0:
        assert due == start
    else:
        assert due > start
        assert in_office_or_at_closing(due), due.astimezone(JAKARTA)


@settings(max_examples=200)
@given(start=starts, unit=units, data=st.data())
def test_due_is_monotonic_in_the_amount(
    start: datetime, unit: TimeUnit, data: st.DataObject
) -> None:
    first = data.draw(amount_for(unit))
    second = data.draw(amount_for(unit))
    low, high = sorted((first, second))
    assert CAL.due(start, TimeStandard(low, unit)) <= CAL.due(start, TimeStandard(high, unit))
    if unit is not TimeUnit.WORKING_DAYS and low < high:
        assert CAL.due(start, TimeStandard(low, unit)) < CAL.due(start, TimeStandard(high, unit))


@settings(max_examples=300)
@given(start=starts, amount=st.integers(0, 3000))
def test_working_time_until_due_is_the_standard(start: datetime, amount: int) -> None:
    due = CAL.due(start, minutes(amount))
    assert CAL.working_minutes_between(start, due) == amount
    assert CAL.working_time_between(start, due) == timedelta(minutes=amount)
    assert CAL.is_on_time(start, due, minutes(amount))


@settings(max_examples=200)
@given(start=starts, amount=st.integers(1, 12))
def test_working_days_land_on_the_nth_working_day(start: datetime, amount: int) -> None:
    counted_from = CAL.local_date(CAL.next_opening(start))
    due = CAL.due(start, days(amount))
    elapsed = CAL.working_days_between(counted_from, CAL.local_date(due))
    if CAL.next_opening(start).astimezone(JAKARTA).time() <= DEFAULT_OFFICE_HOURS[0].start:
        assert elapsed == amount - 1  # arrived before opening: closes the N-th day, counted in
    else:
        assert elapsed == amount
    # N working days are N days' worth of working time (450 minutes each), give or take the
    # difference between Friday's positions in the day and the other days' (at most 30 min).
    worked = CAL.working_minutes_between(start, due)
    assert abs(worked - amount * 450) <= 30


@settings(max_examples=200)
@given(a=starts, b=starts, c=starts)
def test_working_time_adds_up_and_is_antisymmetric(a: datetime, b: datetime, c: datetime) -> None:
    first, middle, last = sorted((a, b, c))
    whole = CAL.working_time_between(first, last)
    assert whole == CAL.working_time_between(first, middle) + CAL.working_time_between(
        middle, last
    )
    assert CAL.working_time_between(last, first) == -whole
    assert whole <= last - first


@settings(max_examples=200)
@given(moment=starts)
def test_next_opening_is_open_and_nothing_is_skipped(moment: datetime) -> None:
    opening = CAL.next_opening(moment)
    assert opening >= moment
    assert CAL.is_open(opening)
    assert CAL.working_time_between(moment, opening) == timedelta(0)
    assert (opening == moment) is CAL.is_open(moment)


@settings(max_examples=200)
@given(day=st.dates(date(2025, 12, 1), date(2026, 4, 30)), count=st.integers(0, 40))
def test_add_working_days_and_working_days_between_agree(day: date, count: int) -> None:
    later = CAL.add_working_days(day, count)
    assert CAL.working_days_between(day, later) == count
    assert count == 0 or CAL.is_working_day(later)


# -- properties on arbitrary calendars --------------------------------------------------------


def _clock(minute_of_day: int) -> time:
    return time(minute_of_day // 60, minute_of_day % 60)


@st.composite
def day_plans(draw: st.DrawFn) -> tuple[ClockRange | None, tuple[ClockRange, ...]]:
    if draw(st.booleans()) and draw(st.booleans()):
        return None, ()
    opening = draw(st.integers(5 * 60, 12 * 60))
    closing = draw(st.integers(opening + 60, 23 * 60 + 59))
    cuts = sorted(draw(st.sets(st.integers(opening + 1, closing - 1), max_size=4)))
    cuts = cuts[: len(cuts) - len(cuts) % 2]
    breaks = tuple(
        ClockRange(_clock(cuts[i]), _clock(cuts[i + 1])) for i in range(0, len(cuts), 2)
    )
    return ClockRange(_clock(opening), _clock(closing)), breaks


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    plans = draw(st.lists(day_plans(), min_size=7, max_size=7))
    if all(hours is None for hours, _ in plans):
        plans[draw(st.integers(0, 6))] = DEFAULT_OFFICE_HOURS[0], DEFAULT_BREAKS[0]
    holidays = draw(st.frozensets(st.dates(date(2026, 1, 1), date(2026, 2, 28)), max_size=20))
    zone = draw(st.sampled_from([JAKARTA, ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")]))
    return WorkingCalendar(
        office_hours=tuple(hours for hours, _ in plans),
        breaks=tuple(breaks for _, breaks in plans),
        holidays=holidays,
        zone=zone,
    )


early_starts = st.datetimes(
    min_value=datetime(2025, 12, 25), max_value=datetime(2026, 2, 20), timezones=st.just(UTC)
)


def test_an_office_open_one_day_a_week_skips_whole_weeks_of_holidays() -> None:
    """Found by the property below: the search for the next working period gave up after
    the number of holidays plus eight closed days, which one open weekday outlasts."""
    tuesdays = (date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20))
    cal = WorkingCalendar(
        office_hours=(None, ClockRange(time(8), time(9)), None, None, None, None, None),
        breaks=((),) * 7, holidays=frozenset(tuesdays), zone=JAKARTA)
    start = datetime(2025, 12, 30, 1, 0, tzinfo=UTC)  # Tuesday 08:00 WIB
    assert cal.due(start, TimeStandard(90, TimeUnit.MINUTES)) == datetime(
        2026, 1, 27, 1, 30, tzinfo=UTC)


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), start=early_starts, standard=standards)
def test_any_calendar_due_is_in_office_hours_or_at_a_closing_boundary(
    cal: WorkingCalendar, start: datetime, standard: TimeStandard
) -> None:
    due = cal.due(start, standard)
    if standard.amount == 0:
        assert due == start
        return
    assert due > start
    periods = cal.working_periods(cal.local_date(due))
    assert cal.is_open(due) or any(due == end for _, end in periods)
    bigger = TimeStandard(standard.amount + 1, standard.unit)
    assert cal.due(start, bigger) >= due


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), start=early_starts, amount=st.integers(0, 3000))
def test_any_calendar_working_time_until_due_is_the_standard(
    cal: WorkingCalendar, start: datetime, amount: int
) -> None:
    due = cal.due(start, minutes(amount))
    assert cal.working_minutes_between(start, due) == amount
    assert cal.working_time_between(start, cal.next_opening(start)) == timedelta(0)
