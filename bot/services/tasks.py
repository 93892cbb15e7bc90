"""``/tugas`` and ``/status``: what waits for whom, derived from the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session

from bot import texts
from bot.domain import workflow
from bot.domain.calendar import WorkingCalendar
from bot.domain.sop import STEPS, DocumentKind, Step, StepKey, step
from bot.formatting import names_list, period_label
from bot.services.context import ServiceContext, database_only, load_actor
from bot.services.roster import Roster
from reports import charts
from storage import agencies, cycles, documents, performance, users
from storage.models import MeasurementCycle, StepRun

ZERO = timedelta(0)


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
    actual_minutes: int | None = None  # working time the step took
    standard: str | None = None
    on_time: bool | None = None
    parts: list[tuple[str, str]] = field(default_factory=list)  # (division, PartState)
    used_percent: float | None = None  # working time used so far, in % of the Mutu Baku

    @property
    def chart_state(self) -> str:
        """done | late | active | overdue | waiting: how the step is drawn."""
        return "late" if self.state == "done" and self.on_time is False else self.state


class PartState:
    SUBMITTED = "submitted"
    DRAFT = "draft"
    NOT_STARTED = "not_started"


@dataclass(frozen=True)
class CycleStatus:
    cycle_id: int
    year: int
    quarter: int
    archived: bool
    steps: list[StepState]

    @property
    def laggards(self) -> int:
        """Step-4 parts not yet submitted."""
        return sum(1 for s in self.steps for _, state in s.parts
                   if state != PartState.SUBMITTED)


@database_only
def open_tasks(ctx: ServiceContext, user_id: int) -> list[Task]:
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        divisions = {d.id: d for d in agencies.list_divisions(
            session=session, agency_id=actor.user.agency_id, active_only=False)}
        tasks = []
        for cycle in cycles.list_cycles(session=session, agency_id=actor.user.agency_id,
                                        status=workflow.OPEN):
            assert cycle.id is not None
            for run in cycles.active_runs(session=session, cycle_id=cycle.id):
                division = divisions.get(run.division_id)
                s = step(run.step)
                if run.id is None or not (actor.may_act(s, division)
                                          or workflow.is_reassigned_to(run.step, run.data, actor)):
                    continue
                tasks.append(Task(run.id, s.key, s.number, s.label,
                                  period_label(cycle.year, cycle.quarter),
                                  division.name if division else None, run.due_at,
                                  run.due_at < now))
        return sorted(tasks, key=lambda t: (t.due_at, t.number))


@database_only
def cycle_status(ctx: ServiceContext, user_id: int) -> list[CycleStatus]:
    """Every open cycle, or the latest archived one when none is open."""
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        all_cycles = cycles.list_cycles(session=session, agency_id=actor.user.agency_id)
        shown = [c for c in all_cycles if c.status == workflow.OPEN] or all_cycles[:1]
        # Held for the call: the session's identity map keeps only objects still referenced,
        # and every run's label looks up its division again.
        divisions = agencies.list_divisions(session=session, agency_id=actor.user.agency_id,
                                            active_only=False)
        roster = Roster(session, actor.user.agency_id, now, many=True)
        calendar = ctx.calendar_of(session, actor.user.agency_id)
        statuses = []
        for c in shown:
            assert c.id is not None
            latest = _latest_by_step(cycles.runs_of(session=session, cycle_id=c.id))
            statuses.append(CycleStatus(
                c.id, c.year, c.quarter, c.status == workflow.ARCHIVED,
                [_step_state(session, roster, calendar, c, s, latest.get(s.key, {}))
                 for s in STEPS]))
        del divisions
        return statuses


def status_picture(ctx: ServiceContext, user_id: int, cycle_id: int
                   ) -> tuple[str, bytes] | None:
    """``(title, PNG)`` of a cycle shown by :func:`cycle_status`: each step's working time
    against its Mutu Baku; ``None`` when the cycle is no longer shown there."""
    shown = next((c for c in cycle_status(ctx, user_id) if c.cycle_id == cycle_id), None)
    if shown is None:
        return None
    title = texts.status_chart_title(shown.year, shown.quarter)
    rows = [(texts.compliance_chart_label(s.number, s.label), s.used_percent, s.chart_state)
            for s in shown.steps]
    return title, ctx.reports.render(charts.step_time_chart, rows=rows, title=title)


def _latest_by_step(runs: list[StepRun]) -> dict[StepKey, dict[int | None, StepRun]]:
    """The newest run of each step per division (None for steps not per division), from
    every run of a cycle, oldest first (as ``cycles.latest_runs`` gives one step's)."""
    latest: dict[StepKey, dict[int | None, StepRun]] = {}
    for run in runs:
        latest.setdefault(StepKey(run.step), {})[run.division_id] = run
    return latest


def _step_state(session: Session, roster: Roster, calendar: WorkingCalendar,
                cycle: MeasurementCycle, s: Step, latest: dict[int | None, StepRun]) -> StepState:
    assert cycle.id is not None and roster.now is not None
    now = roster.now
    active = [r for r in latest.values() if r.status == workflow.ACTIVE]
    used = _used_percent(calendar, list(latest.values()), now)
    if active:
        due = min(r.due_at for r in active)
        detail = (f"{len(latest) - len(active)} dari {len(latest)} selesai"
                  if s.per_division else None)
        parts = _parts(session, cycle, latest) if s.per_division else []
        return StepState(s.number, s.label, "overdue" if due < now else "active",
                         [_waiting_label(session, roster, r) for r in active], due, None, None,
                         detail, parts=parts, used_percent=used)
    if not latest:
        return StepState(s.number, s.label, "waiting", [], None, None, None)
    last = max(latest.values(), key=lambda r: r.done_at or r.started_at)
    first = min(latest.values(), key=lambda r: r.started_at)
    who = (users.get_user(session=session, user_id=last.done_by_user_id)
           if last.done_by_user_id else None)
    done_at = last.done_at or now
    return StepState(
        s.number, s.label, "done", [], None, who.name if who else None, last.done_at,
        actual_minutes=calendar.working_minutes_between(first.started_at, done_at),
        standard=s.time_standard.label,
        on_time=all(calendar.working_time_between(r.due_at, r.done_at or now) <= ZERO
                    for r in latest.values()),
        used_percent=used)


def _used_percent(calendar: WorkingCalendar, runs: list[StepRun], now: datetime
                  ) -> float | None:
    """Working time from the step's first start to its end (or now), against the time its
    Mutu Baku allowed from that start; ``None`` before it starts."""
    if not runs:
        return None
    first = min(runs, key=lambda r: r.started_at)
    end = now if any(r.done_at is None for r in runs) else max(
        r.done_at or now for r in runs)
    allowed = calendar.working_minutes_between(first.started_at, first.due_at)
    used = calendar.working_minutes_between(first.started_at, end)
    return 100.0 * used / allowed if allowed else (0.0 if not used else None)


def _waiting_label(session: Session, roster: Roster, run: StepRun) -> str:
    waiting = roster.assignees(run)
    people = names_list([u.name for u in waiting])
    if run.division_id is None:
        return people or "-"
    division = agencies.get_division(session=session, division_id=run.division_id)
    return f"{division.name if division else '-'} ({people or '-'})"


def _parts(session: Session, cycle: MeasurementCycle,
           latest: dict[int | None, StepRun]) -> list[tuple[str, str]]:
    """Each division's part: submitted, being filled in, or not yet begun."""
    assert cycle.id is not None
    started = performance.reporting_divisions(session=session, cycle_id=cycle.id) | (
        documents.divisions_with(session=session, cycle_id=cycle.id,
                                 kind=DocumentKind.EVIDENCE))
    found = []
    for division_id, run in latest.items():
        division = agencies.get_division(session=session, division_id=division_id or 0)
        if run.status == workflow.DONE:
            state = PartState.SUBMITTED
        elif division_id in started or run.data.get("figures") or run.round > 1:
            state = PartState.DRAFT
        else:
            state = PartState.NOT_STARTED
        found.append((division.name if division else "-", state))
    return found
