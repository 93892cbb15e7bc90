"""Measurement cycles and the runs of their steps."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import MeasurementCycle, StepRun


def get_cycle(
    *, session: Session, cycle_id: int, for_update: bool = False
) -> MeasurementCycle | None:
    query = select(MeasurementCycle).where(MeasurementCycle.id == cycle_id)
    if for_update:
        # Serialises concurrent submissions of one cycle on servers that lock rows.
        query = query.with_for_update()
    return session.exec(query).first()


def find_cycle(
    *, session: Session, agency_id: int, year: int, quarter: int
) -> MeasurementCycle | None:
    query = select(MeasurementCycle).where(
        MeasurementCycle.agency_id == agency_id,
        MeasurementCycle.year == year,
        MeasurementCycle.quarter == quarter,
    )
    return session.exec(query).first()


def list_cycles(
    *, session: Session, agency_id: int, status: str | None = None
) -> list[MeasurementCycle]:
    query = select(MeasurementCycle).where(MeasurementCycle.agency_id == agency_id)
    if status is not None:
        query = query.where(MeasurementCycle.status == status)
    order = (col(MeasurementCycle.year).desc(), col(MeasurementCycle.quarter).desc())
    return list(session.exec(query.order_by(*order)))


def runs_of(*, session: Session, cycle_id: int, step: str | None = None) -> list[StepRun]:
    """Every run of the cycle (of one step when given), oldest first."""
    query = select(StepRun).where(StepRun.cycle_id == cycle_id)
    if step is not None:
        query = query.where(StepRun.step == step)
    return list(session.exec(query.order_by(col(StepRun.id))))


def active_runs(*, session: Session, cycle_id: int | None = None) -> list[StepRun]:
    query = select(StepRun).where(StepRun.status == "active")
    if cycle_id is not None:
        query = query.where(StepRun.cycle_id == cycle_id)
    return list(session.exec(query.order_by(col(StepRun.id))))


def latest_runs(*, session: Session, cycle_id: int, step: str) -> dict[int | None, StepRun]:
    """The newest run of ``step`` per division (None for steps that are not per division)."""
    latest: dict[int | None, StepRun] = {}
    for run in runs_of(session=session, cycle_id=cycle_id, step=step):
        latest[run.division_id] = run
    return latest
