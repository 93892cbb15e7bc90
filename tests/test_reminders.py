"""Reminders, escalation and the morning digest, walked through a Friday afternoon, a weekend,
a holiday and a restart, with the clock in the test's hand."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import texts
from bot.domain.calendar import WorkingCalendar
from bot.domain.clock import JAKARTA
from bot.domain.sop import DocumentKind, Role, StepKey, step
from bot.services import provisioning, reminders, steps
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage import cycles
from storage.documents import FileStore
from storage.models import Lease, OutboxMessage, SentNotice, StepRun

HOLIDAY = date(2024, 4, 8)  # a Monday
CALENDAR = WorkingCalendar(holidays=frozenset({HOLIDAY}))


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 4, day, hour, minute, tzinfo=JAKARTA).astimezone(UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(wib(5, 15, 50))  # Friday, 40 minutes before closing


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path, clock: Clock) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=clock,
                          calendar=CALENDAR)


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, int]:
    return _people(ctx)


def _people(ctx: ServiceContext) -> dict[str, int]:
    provisioning.init_agency(ctx, "Dinas", "d", ["Bina Marga"])
    spec = {"head": Role.HEAD, "secretary": Role.SECRETARY, "team": Role.SAKIP_TEAM}
    return {key: provisioning.add_user(ctx, name=key.title(), roles=[(role, None)],
                                       telegram_id=900 + i).id
            for i, (key, role) in enumerate(spec.items())}


def _inbox(ctx: ServiceContext, user_id: int) -> list[str]:
    with Session(ctx.engine) as session:
        query = select(OutboxMessage).where(OutboxMessage.user_id == user_id)
        return [m.text for m in session.exec(query.order_by(OutboxMessage.id))]


def _at(ctx: ServiceContext, clock: Clock, moment: datetime) -> int:
    clock.now = moment
    return reminders.tick(ctx)


def test_step_1_reminded_escalated_and_digested_in_office_hours_only(
    ctx: ServiceContext, clock: Clock, people: dict[str, int]
) -> None:
    run = steps.start_cycle(ctx, people["head"], 2024, 1)
    assert run.due_at == wib(5, 16, 0), "ten working minutes from 15:50 on a Friday"
    assert _at(ctx, clock, wib(5, 15, 55)) == 0
    assert _at(ctx, clock, wib(5, 15, 58)) == 1
    assert "Pengingat" in _inbox(ctx, people["head"])[-1]
    assert _at(ctx, clock, wib(5, 15, 59)) == 0, "never twice for the same moment"
    assert _at(ctx, clock, wib(5, 16, 0)) == 1
    assert "Batas waktu" in _inbox(ctx, people["head"])[-1]
    assert _at(ctx, clock, wib(5, 16, 2)) == 1
    escalation = _inbox(ctx, people["secretary"])[-1]
    assert "terlambat" in escalation and "Head" in escalation
    # The head is the one being waited for: escalating to the head would tell no one new.
    assert _at(ctx, clock, wib(5, 16, 15)) == 0
    assert _at(ctx, clock, wib(5, 20, 0)) == 0, "nothing after office hours"
    assert _at(ctx, clock, wib(6, 9, 0)) == 0, "nor on a Saturday"
    assert _at(ctx, clock, wib(8, 8, 0)) == 0, "nor on a holiday"
    assert _at(ctx, clock, wib(9, 7, 31)) == 1
    digest = _inbox(ctx, people["secretary"])[-1]
    assert "Ringkasan pagi" in digest and "Langkah 1" in digest and "terlambat" in digest
    restarted = ServiceContext(engine=ctx.engine, store=ctx.store, clock=clock,
                               calendar=CALENDAR)
    assert _at(restarted, clock, wib(9, 7, 45)) == 0, "a restart sends nothing again"
    assert _at(restarted, clock, wib(10, 7, 31)) == 1, "the next working day's digest"


def test_missed_reminders_are_not_sent_late(ctx: ServiceContext, clock: Clock,
                                            people: dict[str, int]) -> None:
    steps.start_cycle(ctx, people["head"], 2024, 2)
    # The bot was down all weekend: on Tuesday only the escalation and the digest make sense.
    assert _at(ctx, clock, wib(9, 7, 31)) == 2
    assert not any("Pengingat" in text for text in _inbox(ctx, people["head"]))
    assert any("terlambat" in text for text in _inbox(ctx, people["secretary"]))


def test_a_task_of_days_is_recalled_on_the_morning_of_its_last_day(
    ctx: ServiceContext, clock: Clock, people: dict[str, int]
) -> None:
    run = steps.start_cycle(ctx, people["head"], 2024, 3)
    with Session(ctx.engine) as session:
        stored = next(iter(cycles.active_runs(session=session)))
        assert stored.id == run.run_id
        stored.started_at = wib(4, 10, 0)  # a Thursday
        stored.due_at = CALENDAR.due(stored.started_at, step(StepKey.FILL_IN).time_standard)
        planned = reminders.plan(stored, step(StepKey.FILL_IN), CALENDAR)
    assert stored.due_at == wib(9, 10, 0), "Thursday + 2 working days over a weekend and holiday"
    assert [(p.kind, p.moment) for p in planned][:2] == [
        (reminders.Kind.BEFORE, wib(9, 7, 30)), (reminders.Kind.DUE, wib(9, 10, 0))]
    assert planned[2].moment == wib(9, 10, 0) + timedelta(minutes=1)


def test_a_reminder_due_at_the_lunch_break_goes_at_reopening_with_the_escalation(
    ctx: ServiceContext, clock: Clock, people: dict[str, int]
) -> None:
    clock.now = wib(9, 11, 50)
    run = steps.start_cycle(ctx, people["head"], 2024, 1)
    assert run.due_at == wib(9, 12, 0), "ten working minutes run out as the break starts"
    assert _at(ctx, clock, wib(9, 11, 58)) == 1
    assert _at(ctx, clock, wib(9, 12, 30)) == 0, "nothing in the lunch break"
    # Held over the break, not overtaken: the head hears of it no later than the Sekretaris.
    assert _at(ctx, clock, wib(9, 13, 0)) == 2
    assert "Batas waktu" in _inbox(ctx, people["head"])[-1]
    assert "terlambat" in _inbox(ctx, people["secretary"])[-1]


def test_a_cycle_opened_after_the_opening_is_in_the_next_morning_digest(
    ctx: ServiceContext, clock: Clock, people: dict[str, int]
) -> None:
    assert _at(ctx, clock, wib(9, 7, 30)) == 0
    clock.now = wib(9, 9, 0)
    steps.start_cycle(ctx, people["head"], 2024, 1)
    assert _at(ctx, clock, wib(9, 9, 5)) == 0, "no 'morning' digest at 09:05"
    assert not _inbox(ctx, people["secretary"])
    assert _at(ctx, clock, wib(10, 7, 30)) == 2, "the escalation and the digest"
    digest = _inbox(ctx, people["secretary"])[-1]
    assert "Ringkasan pagi" in digest and "Langkah 1" in digest


def _secretarys_step_due_at_10(ctx: ServiceContext, clock: Clock,
                               people: dict[str, int]) -> None:
    """Tuesday 08:00: the Nota is issued, and step 2 (2 jam, the Sekretaris's) is due at 10:00."""
    clock.now = wib(2, 8, 0)
    run = steps.start_cycle(ctx, people["head"], 2024, 1)
    steps.attach(ctx, people["head"], run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4 x", "analisa.pdf", "application/pdf"))
    steps.issue_memo(ctx, people["head"], run.run_id)


def test_when_the_secretary_is_late_the_first_escalation_goes_to_the_head(
    ctx: ServiceContext, clock: Clock, people: dict[str, int]
) -> None:
    _secretarys_step_due_at_10(ctx, clock, people)
    head_before = len(_inbox(ctx, people["head"]))
    assert _at(ctx, clock, wib(2, 10, 0)) == 1, "the at-due reminder to the Sekretaris"
    assert _at(ctx, clock, wib(2, 10, 1)) == 1
    escalation = _inbox(ctx, people["head"])[-1]
    assert len(_inbox(ctx, people["head"])) == head_before + 1
    assert "terlambat" in escalation and "Secretary" in escalation
    assert not any("terlambat" in text for text in _inbox(ctx, people["secretary"]))
    for moment in (wib(2, 13, 0), wib(2, 13, 1), wib(2, 15, 0)):
        _at(ctx, clock, moment)
    assert len(_inbox(ctx, people["head"])) == head_before + 1, "the head is told once"


def test_a_sweep_that_finds_both_escalations_of_a_late_secretary_due_tells_the_head_once(
    ctx: ServiceContext, clock: Clock, people: dict[str, int]
) -> None:
    """The bot was down while the Sekretaris's step ran late: its first sweep finds the
    escalation to the Sekretaris (which goes to the head) and the one to the head both due.
    It sends one, and the sweeps go on (they once stopped for good on a notice marked twice)."""
    _secretarys_step_due_at_10(ctx, clock, people)
    head_before = len(_inbox(ctx, people["head"]))
    assert _at(ctx, clock, wib(3, 14, 0)) == 1
    assert len(_inbox(ctx, people["head"])) == head_before + 1
    assert "terlambat" in _inbox(ctx, people["head"])[-1]
    assert _at(ctx, clock, wib(3, 14, 1)) == 0
    assert _at(ctx, clock, wib(4, 7, 31)) == 1, "the next morning's digest still goes"


@pytest.mark.parametrize(("minutes", "said"), [
    (5, "5 menit"), (60, "1 jam"), (125, "2 jam 5 menit"), (450, "1 hari"),
    (450 + 180, "1 hari 3 jam"), (2 * 450 + 61, "2 hari 1 jam 1 menit"),
    (1080, "2 hari 3 jam"), (930, "2 hari 30 menit"),
])
def test_working_time_is_said_in_days_hours_and_minutes(minutes: int, said: str) -> None:
    assert texts.duration(minutes) == said


def test_each_open_run_carries_its_next_notice_and_a_new_calendar_plans_again(
    ctx: ServiceContext, clock: Clock, people: dict[str, int]
) -> None:
    """The minute's sweep reads only runs whose moment has come: each active run keeps the
    moment of its next notice, planned by the sweep, and planned again for a new calendar."""
    view = steps.start_cycle(ctx, people["head"], 2024, 1)

    def row() -> StepRun:
        with Session(ctx.engine) as session:
            found = session.get(StepRun, view.run_id)
            assert found is not None
            return found

    def stored() -> datetime | None:
        return row().next_notice_at

    assert stored() is None, "not planned before the first sweep"
    _at(ctx, clock, wib(5, 15, 51))
    assert stored() == wib(5, 15, 57) + timedelta(seconds=30), "at three quarters of the ten"
    _at(ctx, clock, wib(5, 15, 58))
    assert stored() == wib(5, 16, 0), "then the due moment"
    _at(ctx, clock, wib(5, 16, 0))
    _at(ctx, clock, wib(5, 16, 2))
    after_escalation = stored()
    assert after_escalation is not None and after_escalation > wib(5, 16, 2)

    # Tuesday the 9th becomes a holiday too. A plan made with the old calendar (here made
    # far-fetched on purpose, so that only planning again can change it) is made again.
    with Session(ctx.engine) as session:
        stale = session.get(StepRun, view.run_id)
        assert stale is not None
        stale.next_notice_at = datetime(2030, 1, 1, tzinfo=UTC)
        session.add(stale)
        session.commit()
    _at(ctx, clock, wib(5, 16, 3))
    assert stored() == datetime(2030, 1, 1, tzinfo=UTC), "same calendar: the plan stands"
    tuesday_off = WorkingCalendar(holidays=frozenset({HOLIDAY, date(2024, 4, 9)}))
    replanned = ServiceContext(engine=ctx.engine, store=ctx.store, clock=clock,
                               calendar=tuesday_off)
    _at(replanned, clock, wib(5, 16, 4))
    assert stored() == reminders.next_notice(row(), tuesday_off, wib(5, 16, 4))
    assert stored() == after_escalation


def test_a_province_s_morning_digests_are_spread_over_the_first_minutes(
    ctx: ServiceContext, clock: Clock, people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = provisioning.init_agency(ctx, "Dinas Lain", "lain", ["Cipta Karya"])
    assert other.id is not None
    other_head = provisioning.add_user(ctx, name="Kepala Lain", roles=[(Role.HEAD, None)],
                                       telegram_id=990, agency_code="lain")
    provisioning.add_user(ctx, name="Sekretaris Lain", roles=[(Role.SECRETARY, None)],
                          telegram_id=991, agency_code="lain")
    steps.start_cycle(ctx, people["head"], 2024, 1)
    steps.start_cycle(ctx, other_head.id, 2024, 1)  # type: ignore[arg-type]
    monkeypatch.setattr(reminders, "DIGESTS_AT_ONCE", 1)
    _at(ctx, clock, wib(9, 7, 31))
    with Session(ctx.engine) as session:
        digests = [n.key for n in session.exec(select(SentNotice)) if n.key.startswith("digest")]
    assert len(digests) == 1, "one agency's digest this minute"
    _at(ctx, clock, wib(9, 7, 32))
    with Session(ctx.engine) as session:
        digests = [n.key for n in session.exec(select(SentNotice)) if n.key.startswith("digest")]
    assert len(digests) == 2, "the other's the next minute"


def test_two_processes_sweeping_at_once_send_each_notice_once(
    shared_engine: Engine, tmp_path: Path, clock: Clock
) -> None:
    """Two bot processes on one database tick in the same second: one holds the sweep's lease
    and sends; the other sends nothing and fails nothing. When the holder stops (dies), the
    other takes over once the lease has lapsed."""
    # A database both threads really share: `engine`'s one in-memory connection must not be
    # used by two threads at once (sqlite3 then fails with "not an error").
    ctx = ServiceContext(engine=shared_engine, store=FileStore(tmp_path), clock=clock,
                         calendar=CALENDAR)
    people = _people(ctx)
    _secretarys_step_due_at_10(ctx, clock, people)
    clock.now = wib(2, 10, 0)
    barrier = threading.Barrier(2)

    def sweep(owner: str) -> int:
        barrier.wait()
        return reminders.tick(ctx, owner=owner)

    with ThreadPoolExecutor(2) as pool:
        sent = sorted(pool.map(sweep, ("proses-a", "proses-b")))
    assert sent == [0, 1], "the at-due reminder to the Sekretaris, once"
    with Session(ctx.engine) as session:
        holder = session.get(Lease, reminders.SWEEP_LEASE)
        assert holder is not None and holder.owner in ("proses-a", "proses-b")
    other = "proses-b" if holder.owner == "proses-a" else "proses-a"
    assert _at_as(ctx, clock, wib(2, 10, 1), other) == 0, "the holder's turn, not the other's"
    assert len(_inbox(ctx, people["head"])) == 0
    # The holder is gone: three minutes later the other sweeps, and sends what is due.
    assert _at_as(ctx, clock, wib(2, 10, 1) + reminders.SWEEP_HOLD, other) == 1
    assert "terlambat" in _inbox(ctx, people["head"])[-1]


def _at_as(ctx: ServiceContext, clock: Clock, moment: datetime, owner: str) -> int:
    clock.now = moment
    return reminders.tick(ctx, owner=owner)
