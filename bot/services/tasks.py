"""``/tugas`` and ``/status``: what waits for whom, derived from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain import workflow
from bot.domain.sop import STEPS, StepKey, step
from bot.formatting import period_label
from bot.services.context import ServiceContext, load_actor
from storage import agencies, cycles, users


@dataclass(frozen=True)
class Task:
    run_id: int
    step: StepKey
    number: int
    label: str
    period: str
    division: str | None
    due_at: datetime
    overdue: bool


@dataclass(frozen=True)
class StepState:
    number: int
    label: str
    state: str  # done | active | overdue | waiting
    waiting_for: list[str]
    due_at: datetime | None
    done_by: str | None
    done_at: datetime | None
    detail: str | None = None


@dataclass(frozen=True)
class CycleStatus:
    year: int
    quarter: int
    archived: bool
    steps: list[StepState]


def open_tasks(ctx: ServiceContext, user_id: int) -> list[Task]:
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id)
        tasks = []
        for cycle in cycles.list_cycles(session=session, agency_id=actor.user.agency_id,
                                        status=workflow.OPEN):
            assert cycle.id is not None
            for run in cycles.active_runs(session=session, cycle_id=cycle.id):
                division = (agencies.get_division(session=session, division_id=run.division_id)
                            if run.division_id is not None else None)
                s = step(run.step)
                if run.id is None or not actor.may_act(s, division):
                    continue
                tasks.append(Task(run.id, s.key, s.number, s.label,
                                  period_label(cycle.year, cycle.quarter),
                                  division.name if division else None, run.due_at,
                                  run.due_at < now))
        return sorted(tasks, key=lambda t: (t.due_at, t.number))


def cycle_status(ctx: ServiceContext, user_id: int) -> list[CycleStatus]:
    """Every open cycle, or the latest archived one when none is open."""
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id)
        all_cycles = cycles.list_cycles(session=session, agency_id=actor.user.agency_id)
        shown = [c for c in all_cycles if c.status == workflow.OPEN] or all_cycles[:1]
        result = []
        for cycle in shown:
            assert cycle.id is not None
            steps = []
            for s in STEPS:
                latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=s.key)
                active = [r for r in latest.values() if r.status == workflow.ACTIVE]
                if active:
                    names: list[str] = []
                    for run in active:
                        people = workflow.assignees(session=session, cycle=cycle, run=run)
                        label = ", ".join(u.name for u in people) or "-"
                        if run.division_id is not None:
                            division = agencies.get_division(session=session,
                                                             division_id=run.division_id)
                            label = f"{division.name if division else '-'} ({label})"
                        names.append(label)
                    due = min(r.due_at for r in active)
                    done_parts = len(latest) - len(active)
                    detail = f"{done_parts} dari {len(latest)} selesai" if s.per_division else None
                    steps.append(StepState(s.number, s.label,
                                           "overdue" if due < now else "active", names, due,
                                           None, None, detail))
                elif latest:
                    last = max(latest.values(), key=lambda r: r.done_at or r.started_at)
                    who = (users.get_user(session=session, user_id=last.done_by_user_id)
                           if last.done_by_user_id else None)
                    steps.append(StepState(s.number, s.label, "done", [], None,
                                           who.name if who else None, last.done_at))
                else:
                    steps.append(StepState(s.number, s.label, "waiting", [], None, None, None))
            result.append(CycleStatus(cycle.year, cycle.quarter,
                                      cycle.status == workflow.ARCHIVED, steps))
        return result
