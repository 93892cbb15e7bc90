"""The province's view (Bappeda, the Biro Organisasi): every agency's current quarter, the
step it stands at, whom it waits for, how late against the Mutu Baku, and capaian so far.

Read-only, for holders of ``Role.PROVINCE`` in any agency of the deployment, and for the
administrator's command line; as a list, a picture and a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from bot import texts
from bot.domain import errors, workflow
from bot.domain.sop import Role, step
from bot.services import realization
from bot.services.context import ServiceContext, load_actor
from bot.services.roster import Roster
from reports import charts, sheets, workbooks
from storage import agencies, cycles
from storage.models import Agency


@dataclass(frozen=True)
class AgencyProgress:
    code: str
    name: str
    year: int | None  # the newest cycle's period; None before the first
    quarter: int | None
    archived: bool
    step_number: int | None  # the earliest step still open
    step_label: str | None
    waiting_for: tuple[str, ...]  # who that step waits for
    due_at: datetime | None
    late_minutes: int  # working minutes past the earliest due moment of an open step
    late_steps: int  # steps of this cycle finished after their Mutu Baku
    capaian: Decimal | None  # average capaian s.d. TW of the indicators reported so far
    measured: int
    indicators: int

    @property
    def late(self) -> bool:
        return self.late_minutes > 0


@dataclass(frozen=True)
class ProvinceView:
    rows: list[AgencyProgress]  # most late first
    picture: bytes  # PNG
    file_name: str
    workbook: bytes  # xlsx


def overview(ctx: ServiceContext, user_id: int) -> ProvinceView:
    """Every agency's progress; only for a provincial official."""
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, now)
        if not actor.holds(Role.PROVINCE):
            raise errors.NotAllowed(step="-")
        rows = progress(ctx, session, now)
    return _view(rows, now)


def overview_for_admin(ctx: ServiceContext) -> ProvinceView:
    now = ctx.now()
    with ctx.transaction() as session:
        rows = progress(ctx, session, now)
    return _view(rows, now)


def summary_lines(rows: list[AgencyProgress]) -> list[str]:
    """One line per agency, for the chat and the weekly digest."""
    return [texts.province_line(r.name, r.year, r.quarter, r.archived, r.step_number,
                                r.waiting_for, r.late_minutes, r.capaian) for r in rows]


def late_count(rows: list[AgencyProgress]) -> int:
    return sum(r.late for r in rows)


def _view(rows: list[AgencyProgress], now: datetime) -> ProvinceView:
    name, data = workbook(rows, now)
    return ProvinceView(rows, picture(rows, now), name, data)


def progress(ctx: ServiceContext, session: Session, now: datetime) -> list[AgencyProgress]:
    """Every agency's progress at ``now``, most late first; lateness on each one's calendar."""
    found = [_of_agency(session, ctx, agency, now)
             for agency in agencies.list_agencies(session=session)]
    return sorted(found, key=lambda p: (-p.late_minutes, -p.late_steps, p.name))


def _of_agency(session: Session, ctx: ServiceContext, agency: Agency,
               now: datetime) -> AgencyProgress:
    assert agency.id is not None
    calendar = ctx.calendar_of(session, agency.id)
    cycle = next(iter(cycles.list_cycles(session=session, agency_id=agency.id)), None)
    if cycle is None or cycle.id is None:
        return AgencyProgress(agency.code, agency.name, None, None, False, None, None, (), None,
                              0, 0, None, 0, 0)
    runs = cycles.runs_of(session=session, cycle_id=cycle.id)
    active = [r for r in runs if r.status == workflow.ACTIVE]
    current = min(active, key=lambda r: (step(r.step).number, r.due_at), default=None)
    waiting: list[str] = []
    roster = Roster(session, agency.id, now)
    if current is not None:
        for run in active:
            if run.step == current.step:
                waiting += [u.name for u in roster.assignees(run) if u.name not in waiting]
    due = min((r.due_at for r in active), default=None)
    late = calendar.working_minutes_between(due, now) if due is not None and due < now else 0
    late_steps = len({r.step for r in runs if r.done_at is not None
                      and calendar.working_time_between(r.due_at, r.done_at).total_seconds() > 0})
    total = workbooks.summarize(*realization.report_rows(session, cycle)).total
    return AgencyProgress(
        agency.code, agency.name, cycle.year, cycle.quarter,
        cycle.status == workflow.ARCHIVED,
        step(current.step).number if current else None,
        step(current.step).label if current else None,
        tuple(waiting), due, late, late_steps, total.average_to_date, total.measured,
        total.indicators)


def picture(rows: list[AgencyProgress], now: datetime) -> bytes:
    """Capaian so far per agency, coloured by predikat; each label says the step and delay."""
    return charts.achievement_chart(
        [(texts.province_bar(r.name, r.step_number, r.archived, r.late_minutes), r.capaian)
         for r in rows], texts.province_title(now), max_bars=charts.MAX_BARS)


def workbook(rows: list[AgencyProgress], now: datetime) -> tuple[str, bytes]:
    book, sheet = sheets.new_workbook("Pemantauan")
    sheets.write_title(sheet, [texts.province_title(now)], len(texts.province_columns()))
    header = 3
    for column, title in enumerate(texts.province_columns(), start=1):
        sheets.write_text(sheet.cell(row=header, column=column), title)
    for row_number, r in enumerate(rows, start=header + 1):
        values = texts.province_cells(r.code, r.name, r.year, r.quarter, r.archived,
                                      r.step_number, r.step_label, r.waiting_for, r.due_at,
                                      r.late_minutes, r.late_steps)
        for column, value in enumerate(values, start=1):
            sheets.write_text(sheet.cell(row=row_number, column=column), value)
        capaian = sheet.cell(row=row_number, column=len(values) + 1)
        capaian.value = float(r.capaian) if r.capaian is not None else None
        capaian.number_format = sheets.figure_format(2)
        sheet.cell(row=row_number, column=len(values) + 2).value = r.measured
        sheet.cell(row=row_number, column=len(values) + 3).value = r.indicators
    return texts.province_file(now), sheets.to_bytes(book)
