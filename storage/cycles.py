"""Measurement cycles and the runs of their steps."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.models import MeasurementCycle, StepRun


def get_cycle(
    *, session: Session, cycle_id: int, for_update: bool = False
) -> MeasurementCycle | None:
    query = select(MeasurementCycle).where(MeasurementCycle.id == cycle_id)
    if for_update:
        lock_cycle(session=session, cycle_id=cycle_id)
        # NO KEY UPDATE: rows inserted earlier in this transaction that point at the cycle
        # hold KEY SHARE on it, which a plain FOR UPDATE would wait for: two parts submitted
        # at once then deadlocked. NO KEY UPDATE still makes the second wait for the first.
        query = query.with_for_update(key_share=True)
    return session.exec(query).first()


def lock_cycle(*, session: Session, cycle_id: int) -> None:
    """Make every other change to this cycle wait until this transaction ends.

    PostgreSQL locks the row (``get_cycle(for_update=True)``). SQLite has no row locks and
    begins a transaction only at its first write, so what was read before that could be stale:
    a write that changes nothing takes the database's write lock here, before the reads that
    decide what to change.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(MeasurementCycle).where(MeasurementCycle.id == cycle_id)
                        .values(status=MeasurementCycle.status))


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
