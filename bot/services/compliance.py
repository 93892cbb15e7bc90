"""SOP compliance: each step's actual working time against its *Mutu Baku*.

Measured in the agency's working time, so a step handed over on Friday afternoon and finished
on Monday morning is not charged for the weekend.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot import texts
from bot.domain.calendar import WorkingCalendar
from bot.domain.sop import STEPS, step
from bot.services.context import ServiceContext, load_actor
from reports import charts
from reports.compliance import ComplianceRow
from storage import agencies, cycles, users
from storage.models import MeasurementCycle

# A finished run measured against its standard; the report module owns the shape.
StepTiming = ComplianceRow


@dataclass(frozen=True)
class StepLateness:
    """How one step fared over the cycles of a year."""

    number: int
    label: str
    runs: int
    late: int
    average_late_minutes: int
    worst_late_minutes: int


def timings(session: Session, cycle: MeasurementCycle,
            calendar: WorkingCalendar) -> list[StepTiming]:
    """Every finished run of the cycle, in SOP order."""
    assert cycle.id is not None
    found = []
    for run in cycles.runs_of(session=session, cycle_id=cycle.id):
        if run.done_at is None:
            continue
        s = step(run.step)
        division = (agencies.get_division(session=session, division_id=run.division_id)
                    if run.division_id is not None else None)
        who = (users.get_user(session=session, user_id=run.done_by_user_id)
               if run.done_by_user_id else None)
        standard_minutes = calendar.working_minutes_between(run.started_at, run.due_at)
        found.append(StepTiming(
            number=s.number, label=s.label, division=division.name if division else None,
            round=run.round, standard=s.time_standard.label,
            standard_minutes=standard_minutes,
            actual_minutes=calendar.working_minutes_between(run.started_at, run.done_at),
            on_time=calendar.working_time_between(run.due_at, run.done_at).total_seconds() <= 0,
            done_by=who.name if who else None, started_at=run.started_at, done_at=run.done_at,
        ))
    return sorted(found, key=lambda t: (t.number, t.started_at))


def cycle_timings(ctx: ServiceContext, user_id: int, cycle_id: int) -> list[StepTiming]:
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        cycle = cycles.get_cycle(session=session, cycle_id=cycle_id)
        if cycle is None or cycle.agency_id != actor.user.agency_id:
            return []
        return timings(session, cycle, ctx.calendar_of(session, cycle.agency_id))


def year_picture(ctx: ServiceContext, rows: list[StepLateness], year: int) -> bytes:
    """``year_view`` as a picture: each measured step, the share of its runs that was late."""
    measured = sorted((r for r in rows if r.runs), key=lambda r: r.number)
    return ctx.reports.render(
        charts.lateness_chart, title=texts.compliance_chart_title(year),
        rows=[(texts.compliance_chart_label(r.number, r.label), 100 * r.late / r.runs)
              for r in measured])


def year_view(ctx: ServiceContext, user_id: int, year: int) -> list[StepLateness]:
    """Which steps were late most often in ``year``, and by how much (working minutes)."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        all_timings: list[StepTiming] = []
        for cycle in cycles.list_cycles(session=session, agency_id=actor.user.agency_id):
            if cycle.year == year:
                all_timings += timings(session, cycle, ctx.calendar_of(session, cycle.agency_id))
    rows = []
    for s in STEPS:
        mine = [t for t in all_timings if t.number == s.number]
        late = [t.late_minutes for t in mine if not t.on_time]
        rows.append(StepLateness(
            number=s.number, label=s.label, runs=len(mine), late=len(late),
            average_late_minutes=round(sum(late) / len(late)) if late else 0,
            worst_late_minutes=max(late, default=0)))
    return sorted(rows, key=lambda r: (-r.late, -r.average_late_minutes, r.number))
