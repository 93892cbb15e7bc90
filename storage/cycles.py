"""Measurement cycles and the runs of their steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from storage.models import MeasurementCycle, StepRun

# Built once with bound parameters (why: storage/users.py): every service on a run reads it.
_RUN_AND_CYCLE = (select(StepRun, MeasurementCycle)
                  .join(MeasurementCycle, col(MeasurementCycle.id) == col(StepRun.cycle_id))
                  .where(col(StepRun.id) == bindparam("run_id")))


def get_cycle(
    *, session: Session, cycle_id: int, for_update: bool = False
) -> MeasurementCycle | None:
    if not for_update:
        return session.get(MeasurementCycle, cycle_id)  # no query if the session has it
    lock_cycle(session=session, cycle_id=cycle_id)
    # NO KEY UPDATE: rows inserted earlier in this transaction that point at the cycle hold
    # KEY SHARE on it, which a plain FOR UPDATE would wait for: two parts submitted at once
    # then deadlocked. NO KEY UPDATE still makes the second wait for the first. And read
    # again: a copy loaded before the lock may be out of date.
    query = (select(MeasurementCycle).where(MeasurementCycle.id == cycle_id)
             .with_for_update(key_share=True).execution_options(populate_existing=True))
    return session.exec(query).first()


def run_and_cycle(*, session: Session, run_id: int
                  ) -> tuple[StepRun, MeasurementCycle] | None:
    """A run with its cycle, in one statement."""
    found = session.exec(_RUN_AND_CYCLE, params={"run_id": run_id}).first()
    return (found[0], found[1]) if found is not None else None


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


def runs_to_remind(*, session: Session, now: datetime, cycle_status: str, run_status: str,
                   due: int, unplanned: int) -> list[tuple[StepRun, MeasurementCycle]]:
    """At most ``due`` active runs of open cycles whose next notice has come (earliest moment
    first) and at most ``unplanned`` runs not planned yet. The index on ``next_notice_at``
    keeps this one read however many runs are open."""
    open_runs = (StepRun.status == run_status, MeasurementCycle.status == cycle_status)
    joined = select(StepRun, MeasurementCycle).join(
        MeasurementCycle, col(MeasurementCycle.id) == col(StepRun.cycle_id))
    come = joined.where(*open_runs, col(StepRun.next_notice_at) <= now).order_by(
        col(StepRun.next_notice_at), col(StepRun.id)).limit(due)
    fresh = joined.where(*open_runs, col(StepRun.next_notice_at).is_(None)).order_by(
        col(StepRun.id)).limit(unplanned)
    found = [(run, cycle) for run, cycle in session.exec(come)]
    found += [(run, cycle) for run, cycle in session.exec(fresh)]
    return sorted(found, key=lambda pair: pair[0].id or 0)


def agencies_with_active_runs(*, session: Session, cycle_status: str,
                              run_status: str) -> list[int]:
    """The agencies that have an active run in an open cycle, in one query."""
    query = (select(MeasurementCycle.agency_id).distinct()
             .join(StepRun, col(StepRun.cycle_id) == col(MeasurementCycle.id))
             .where(MeasurementCycle.status == cycle_status, StepRun.status == run_status))
    return sorted(session.exec(query))


def forget_notice_plans(*, session: Session, agency_id: int, run_status: str) -> int:
    """Every active run of the agency to be planned again (the calendar changed)."""
    of_agency = select(MeasurementCycle.id).where(MeasurementCycle.agency_id == agency_id)
    result = session.execute(update(StepRun).where(StepRun.status == run_status,
                                                   col(StepRun.cycle_id).in_(of_agency))
                             .values(next_notice_at=None)
                             .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
