"""The workflow engine on stored cycles: load a cycle's state, apply an action, save the change.

The engine (``bot.domain.workflow``) decides; this module reads what it needs in the caller's
session, locking the cycle first so that two officials acting at once wait for each other, and
writes back what it changed: the runs finished and started, the cycle's status, the audit
entries. Nothing here commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.domain import errors, workflow
from bot.domain.calendar import WorkingCalendar
from bot.domain.errors import Reason
from bot.domain.sop import STEPS, DocumentKind, StepKey
from bot.domain.workflow import DEFAULT_CALENDAR, Actor, CycleState, Part, Run
from storage import agencies, audit, cycles, documents
from storage.models import Division, MeasurementCycle, StepRun


@dataclass
class Result:
    """What one action changed, as stored: runs finished, runs started, whether the cycle
    closed."""

    cycle: MeasurementCycle
    completed: list[StepRun] = field(default_factory=list)
    activated: list[StepRun] = field(default_factory=list)
    closed: bool = False


@dataclass
class Loaded:
    """A cycle's state, with the stored rows it was read from."""

    cycle: MeasurementCycle
    state: CycleState
    rows: dict[int, StepRun]


def part_of(division: Division) -> Part:
    assert division.id is not None
    return Part(id=division.id, name=division.name, is_secretariat=division.is_secretariat,
                active=division.active)


def run_of(row: StepRun) -> Run:
    return Run(id=row.id, step=StepKey(row.step), division_id=row.division_id, round=row.round,
               status=row.status, started_at=row.started_at, due_at=row.due_at,
               done_at=row.done_at, done_by_user_id=row.done_by_user_id, outcome=row.outcome,
               note=row.note, data=dict(row.data))


def load(session: Session, cycle_id: int, *, lock: bool = True) -> Loaded:
    """The cycle's state; with ``lock``, every other change to the cycle waits for this
    transaction."""
    cycle = cycles.get_cycle(session=session, cycle_id=cycle_id, for_update=lock)
    if cycle is None:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_CYCLE)
    rows = cycles.runs_of(session=session, cycle_id=cycle_id)
    state = CycleState(
        id=cycle.id, agency_id=cycle.agency_id, year=cycle.year, quarter=cycle.quarter,
        status=cycle.status, closed_at=cycle.closed_at, runs=tuple(run_of(r) for r in rows),
        documents=documents.kinds_held(session=session, cycle_id=cycle_id),
        divisions=_divisions(session, cycle.agency_id),
    )
    return Loaded(cycle=cycle, state=state, rows={r.id: r for r in rows if r.id is not None})


def save(session: Session, cycle: MeasurementCycle, rows: dict[int, StepRun],
         change: workflow.Change) -> Result:
    """Write ``change`` to the stored cycle and its runs, and record its audit entries."""
    state = change.state
    if (cycle.status, cycle.closed_at) != (state.status, state.closed_at):
        cycle.status, cycle.closed_at = state.status, state.closed_at
        session.add(cycle)
    completed = []
    for run in change.completed:
        assert run.id is not None
        row = rows[run.id]
        row.status, row.done_at, row.done_by_user_id = run.status, run.done_at, run.done_by_user_id
        row.outcome, row.note, row.data = run.outcome, run.note, dict(run.data)
        session.add(row)
        completed.append(row)
    assert cycle.id is not None
    activated = [
        StepRun(cycle_id=cycle.id, step=run.step, division_id=run.division_id, round=run.round,
                status=run.status, started_at=run.started_at, due_at=run.due_at, note=run.note,
                data=dict(run.data))
        for run in change.activated
    ]
    session.add_all(activated)
    session.flush()
    for entry in change.audit:
        audit.record(session=session, agency_id=cycle.agency_id, cycle_id=cycle.id,
                     actor_user_id=entry.actor_user_id, action=entry.action, at=entry.at,
                     before=dict(entry.before or {}), after=dict(entry.after or {}))
    return Result(cycle=cycle, completed=completed, activated=activated, closed=change.closed)


def start_cycle(
    *, session: Session, agency_id: int, actor: Actor, year: int, quarter: int, now: datetime,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Open a cycle for a period; step 1 becomes the head's task."""
    existing = cycles.find_cycle(session=session, agency_id=agency_id, year=year, quarter=quarter)
    change = workflow.start(
        agency_id=agency_id, actor=actor, year=year, quarter=quarter, now=now,
        divisions=_divisions(session, agency_id), calendar=calendar,
        existing_status=existing.status if existing is not None else None)
    cycle = MeasurementCycle(agency_id=agency_id, year=year, quarter=quarter,
                             status=change.state.status, opened_by_user_id=actor.id,
                             created_at=now)
    session.add(cycle)
    session.flush()
    return save(session, cycle, {}, change)


def complete_step(
    *, session: Session, cycle_id: int, key: StepKey, actor: Actor, now: datetime,
    division_id: int | None = None, note: str | None = None,
    data: dict[str, object] | None = None, calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Finish ``key`` (or one division's part of it) and activate what follows."""
    loaded = load(session, cycle_id)
    change = workflow.complete(loaded.state, key=key, actor=actor, now=now,
                               division_id=division_id, note=note, data=data, calendar=calendar)
    return save(session, loaded.cycle, loaded.rows, change)


def decide(
    *, session: Session, cycle_id: int, actor: Actor, approve: bool, now: datetime,
    note: str | None = None, return_division_ids: list[int] | None = None,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Step 7: approve (on to step 8) or return with a note (``workflow.decide``)."""
    loaded = load(session, cycle_id)
    change = workflow.decide(loaded.state, actor=actor, approve=approve, now=now, note=note,
                             return_division_ids=return_division_ids, calendar=calendar)
    return save(session, loaded.cycle, loaded.rows, change)


def return_part(
    *, session: Session, cycle_id: int, actor: Actor, division_id: int, note: str,
    now: datetime, calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Step 5: the Tim SAKIP sends one division's part back (``workflow.return_part``)."""
    loaded = load(session, cycle_id)
    change = workflow.return_part(loaded.state, actor=actor, division_id=division_id,
                                  note=note, now=now, calendar=calendar)
    return save(session, loaded.cycle, loaded.rows, change)


def active_run(*, session: Session, cycle: MeasurementCycle, key: StepKey,
               division_id: int | None = None) -> StepRun | None:
    assert cycle.id is not None
    return next((run for run in cycles.active_runs(session=session, cycle_id=cycle.id)
                 if run.step == key and run.division_id == division_id), None)


def missing_documents(
    *, session: Session, cycle: MeasurementCycle, kinds: tuple[DocumentKind, ...],
    division_id: int | None = None,
) -> list[tuple[DocumentKind, Part | None]]:
    """The (kind, division) pairs of ``kinds`` that the cycle does not hold yet."""
    assert cycle.id is not None
    return workflow.missing_documents(load(session, cycle.id, lock=False).state, kinds,
                                      division_id)


def parts(*, session: Session, cycle: MeasurementCycle) -> list[Division]:
    """The divisions that fill in step 4 (``workflow.parts_among``)."""
    assert cycle.id is not None
    started = {run.division_id for s in STEPS if s.per_division
               for run in cycles.runs_of(session=session, cycle_id=cycle.id, step=s.key)}
    return workflow.parts_among(
        agencies.list_divisions(session=session, agency_id=cycle.agency_id,
                                active_only=not started), started)


def open_parts(*, session: Session, cycle: MeasurementCycle) -> list[StepRun]:
    """Step 4 parts that are still being filled in."""
    assert cycle.id is not None
    latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=workflow.FILL_IN.key)
    return [run for run in latest.values() if run.status == workflow.ACTIVE]


def _divisions(session: Session, agency_id: int) -> tuple[Part, ...]:
    return tuple(part_of(d) for d in agencies.list_divisions(
        session=session, agency_id=agency_id, active_only=False))
