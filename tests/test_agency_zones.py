"""Agencies in WIB, WITA and WIT on one deployment, one with a regional holiday: each step's
due time on its own office's clock, reminders sent when its own office is open and written in
its own zone, and the settings refused when they cannot be used."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import texts
from bot.domain import errors
from bot.domain.calendar import WorkingCalendar
from bot.domain.calendar_config import CalendarConfigError, ConfigProblem, agency_calendar
from bot.domain.clock import JAKARTA, to_local, zone_label, zone_of
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.formatting import datetime_long
from bot.services import provisioning, reminders, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from storage.models import StepRun
from tests.test_reminders import Clock, _at, _inbox

MAKASSAR, JAYAPURA = ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
JAYAPURA_DAY = """
[[holiday]]
date = "2024-04-02"
name = "Hari Jadi Kota Jayapura"
"""


def at(zone: ZoneInfo, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 4, day, hour, minute, tzinfo=zone).astimezone(UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(at(JAKARTA, 1, 14))  # Monday 14:00 WIB = 15:00 WITA = 16:00 WIT


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path, clock: Clock) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=clock,
                          calendar=WorkingCalendar())


@pytest.fixture
def offices(ctx: ServiceContext) -> dict[str, dict[str, int]]:
    """Three agencies: Jakarta (the deployment's zone), Makassar (WITA) and Jayapura (WIT,
    with its city's anniversary as a holiday on Tuesday 2 April)."""
    found = {}
    for number, (code, zone, additions) in enumerate(
            (("jkt", None, None), ("mks", "WITA", None), ("jpr", "Asia/Jayapura", JAYAPURA_DAY))):
        provisioning.init_agency(ctx, f"Dinas {code}", code, ["Bina Marga"])
        if zone or additions:
            provisioning.set_profile(ctx, agency_code=code, timezone=zone, calendar=additions)
        found[code] = {
            key: provisioning.add_user(ctx, name=f"{key} {code}", roles=[(role, None)],
                                       telegram_id=1000 * (number + 1) + i,
                                       agency_code=code).id
            for i, (key, role) in enumerate((("head", Role.HEAD),
                                             ("secretary", Role.SECRETARY)))}
    return found


ZONES = {"jkt": JAKARTA, "mks": MAKASSAR, "jpr": JAYAPURA}


def _memo_issued(ctx: ServiceContext, code: str, head: int) -> StepRun:
    """The head opens the quarter and issues the Nota now: step 2 (2 jam) is the
    Sekretaris's. In the agency's zone, as the chat's guard sets it for the head's update."""
    with zone_of(ZONES[code]):
        run = steps.start_cycle(ctx, head, 2024, 1)
        steps.attach(ctx, head, run.run_id, DocumentKind.ANALYSIS_REPORT,
                     Upload(b"%PDF-1.4 x", "analisa.pdf", "application/pdf"))
        steps.issue_memo(ctx, head, run.run_id)
    with Session(ctx.engine) as session:
        return session.exec(select(StepRun).where(StepRun.cycle_id == run.cycle_id,
                                                  StepRun.step == StepKey.BRIEFING)).one()


def test_each_office_counts_the_same_handover_on_its_own_clock(
        ctx: ServiceContext, offices: dict[str, dict[str, int]]) -> None:
    due = {code: _memo_issued(ctx, code, people["head"]).due_at
           for code, people in offices.items()}
    # 14:00 WIB: two working hours left before Jakarta's 16:00 closing.
    assert due["jkt"] == at(JAKARTA, 1, 16)
    # 15:00 WITA: one hour today, one from Tuesday's 07:30 opening.
    assert due["mks"] == at(MAKASSAR, 2, 8, 30)
    # 16:00 WIT is closing time, Tuesday is Jayapura's holiday: two hours from Wednesday 07:30.
    assert due["jpr"] == at(JAYAPURA, 3, 9, 30)


def test_reminders_go_when_each_office_is_open_and_name_its_zone(
        ctx: ServiceContext, clock: Clock, offices: dict[str, dict[str, int]]) -> None:
    for code, people in offices.items():
        _memo_issued(ctx, code, people["head"])
    secretary = {code: people["secretary"] for code, people in offices.items()}

    def reminders_to(code: str) -> list[str]:
        return [t for t in _inbox(ctx, secretary[code]) if "Batas waktu tugas" in t]

    # Due at Jakarta's closing, its reminder waits for the opening; Tuesday 07:30 WIB is
    # 08:30 WITA, when Makassar's step is due: one sweep, each reminder in its own zone.
    _at(ctx, clock, at(JAKARTA, 1, 16, 30))
    assert reminders_to("jkt") == []
    _at(ctx, clock, at(JAKARTA, 2, 7, 30))
    assert len(reminders_to("jkt")) == 1
    assert "Senin, 1 April 2024 pukul 16.00 WIB" in reminders_to("jkt")[0]
    assert len(reminders_to("mks")) == 1
    assert "Selasa, 2 April 2024 pukul 08.30 WITA" in reminders_to("mks")[0]
    # Jayapura is on holiday all Tuesday: nothing for it, not even its morning digest.
    for moment in (at(JAYAPURA, 2, 8), at(JAYAPURA, 2, 11), at(JAYAPURA, 2, 15)):
        _at(ctx, clock, moment)
    assert not [t for t in _inbox(ctx, secretary["jpr"]) if "Ringkasan pagi" in t]
    assert reminders_to("jpr") == []

    # Wednesday 09:30 WIT is 07:30 WIB, when the deployment's own office just opens.
    _at(ctx, clock, at(JAYAPURA, 3, 9, 30))
    assert len(reminders_to("jpr")) == 1
    assert "Rabu, 3 April 2024 pukul 09.30 WIT" in reminders_to("jpr")[0]


def test_a_sweep_before_the_deployments_office_opens_serves_the_eastern_offices(
        ctx: ServiceContext, clock: Clock, offices: dict[str, dict[str, int]]) -> None:
    """Jayapura opens at 07:30 WIT, 05:30 WIB: its notices must not wait for Jakarta."""
    _memo_issued(ctx, "jpr", offices["jpr"]["head"])
    clock.now = at(JAYAPURA, 3, 7, 40)  # 05:40 WIB
    assert not ctx.calendar.is_open(clock.now)
    reminders.tick(ctx)
    digest = [t for t in _inbox(ctx, offices["jpr"]["secretary"]) if "Ringkasan pagi" in t]
    assert len(digest) == 1, "Jayapura's morning digest at its own opening"
    assert "batas 3 Apr 09.30 WIT" in digest[0] and "Rabu, 3 April 2024" in digest[0]


def test_an_officials_tasks_are_shown_in_their_agencys_zone(
        ctx: ServiceContext, offices: dict[str, dict[str, int]]) -> None:
    run = _memo_issued(ctx, "mks", offices["mks"]["head"])
    secretary = offices["mks"]["secretary"]
    with zone_of(MAKASSAR):
        [task] = tasks.open_tasks(ctx, secretary)
        line = texts.task_line(task.number, task.label, task.period, task.division,
                               task.due_at, task.overdue)
    assert task.due_at == run.due_at
    assert "Batas 2 Apr 08.30 WITA" in line


def test_a_change_of_zone_counts_from_the_next_sweep(
        ctx: ServiceContext, clock: Clock, offices: dict[str, dict[str, int]]) -> None:
    """Set to WIT by mistake and put right: the step keeps the due time counted at the
    handover (Tuesday 09:30 WIT); its reminders are planned and written in WITA from then on."""
    provisioning.set_profile(ctx, agency_code="mks", timezone="WIT")
    run = _memo_issued(ctx, "mks", offices["mks"]["head"])
    assert run.due_at == at(JAYAPURA, 2, 9, 30)
    _at(ctx, clock, at(MAKASSAR, 1, 15, 5))
    provisioning.set_profile(ctx, agency_code="mks", timezone="Asia/Makassar")
    inbox = offices["mks"]["secretary"]
    _at(ctx, clock, at(MAKASSAR, 2, 8, 29))
    assert not [t for t in _inbox(ctx, inbox) if "Batas waktu tugas" in t]
    assert any("Ringkasan pagi" in t and "WITA" in t for t in _inbox(ctx, inbox))
    _at(ctx, clock, at(MAKASSAR, 2, 8, 30))
    sent = [t for t in _inbox(ctx, inbox) if "Batas waktu tugas" in t]
    assert len(sent) == 1 and "Selasa, 2 April 2024 pukul 08.30 WITA" in sent[0]


def test_settings_that_cannot_be_used_are_refused_and_change_nothing(
        ctx: ServiceContext, offices: dict[str, dict[str, int]]) -> None:
    before = provisioning.profile(ctx, agency_code="jpr")
    for changes in ({"timezone": "Asia/Atlantis"}, {"timezone": "WITB"},
                    {"calendar": "[office_hours]\nmonday = '16:00-07:30'"},
                    {"calendar": "time_zone = 'Asia/Makassar'"},
                    {"calendar": "holidays = ['2024-02-30']"},
                    {"calendar": "this is not toml"}):
        with pytest.raises(errors.InvalidInput) as refused:
            provisioning.set_profile(ctx, agency_code="jpr", **changes)
        assert refused.value.params["reason"] in ("bad_timezone", "bad_agency_calendar")
        assert texts.cli_agency_calendar_error(refused.value).endswith(
            ("tidak dikenal. Tulis WIB, WITA, WIT atau nama IANA seperti Asia/Makassar.",
             "Tidak ada yang diubah.", "--timezone."))
        assert provisioning.profile(ctx, agency_code="jpr") == before


def test_an_agency_calendar_adds_holidays_and_may_replace_hours() -> None:
    base = WorkingCalendar(holidays=frozenset({date(2024, 4, 10)}),
                           holiday_names={date(2024, 4, 10): "Idul Fitri"})
    own = agency_calendar(base, "Asia/Makassar", JAYAPURA_DAY + """
[office_hours]
monday = "08:00-15:00"
[breaks]
monday = "12:00-12:30"
""")
    assert own.zone == MAKASSAR
    assert own.holidays == {date(2024, 4, 10), date(2024, 4, 2)}
    assert own.holiday_names[date(2024, 4, 2)] == "Hari Jadi Kota Jayapura"
    assert own.holiday_names[date(2024, 4, 10)] == "Idul Fitri"
    monday = own.working_periods(date(2024, 4, 1))
    assert [(to_local_in(s, MAKASSAR), to_local_in(e, MAKASSAR)) for s, e in monday] == [
        ("08:00", "12:00"), ("12:30", "15:00")]
    # As in the calendar file, an [office_hours] table is the whole week.
    assert own.office_hours[1] is None
    # Nothing added: the deployment's calendar in the deployment's zone.
    assert agency_calendar(base, "", "") == base
    # Office hours that leave the deployment's lunch break outside them are refused.
    with pytest.raises(CalendarConfigError) as clash:
        agency_calendar(base, "", '[office_hours]\nmonday = "07:00-11:00"')
    assert clash.value.problem is ConfigProblem.BREAK_OUTSIDE_HOURS


def to_local_in(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%H:%M}"


@pytest.mark.parametrize(("zone", "label"), [
    ("Asia/Jakarta", "WIB"), ("Asia/Pontianak", "WIB"), ("Asia/Makassar", "WITA"),
    ("Asia/Jayapura", "WIT"), ("Asia/Kolkata", "UTC+5:30"), ("UTC", "UTC+0"),
    ("America/Sao_Paulo", "UTC-3")])
def test_zone_labels(zone: str, label: str) -> None:
    moment = at(JAKARTA, 1, 10)
    assert zone_label(moment, ZoneInfo(zone)) == label
    with zone_of(zone):
        assert datetime_long(moment).endswith(f" {label}")
        assert to_local(moment).tzinfo == ZoneInfo(zone)
    assert datetime_long(moment) == "Senin, 1 April 2024 pukul 10.00 WIB"
