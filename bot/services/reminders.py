"""Reminders, escalation and the Sekretaris's morning digest, derived from the database.

A tick (every minute, from the job queue) looks at every open step and sends what is due and
not yet sent. Each notice has a key recorded in the same transaction as its outbox messages,
so nothing is sent twice, and a restart only means the next tick catches up. Nothing goes out
outside office hours: a moment that falls outside them waits for the next opening.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from sqlmodel import Session

from bot import texts
from bot.callbacks import Action, button
from bot.domain import errors, workflow
from bot.domain.calendar import WorkingCalendar
from bot.domain.clock import to_local, zone_of
from bot.domain.errors import Reason
from bot.domain.sop import Role, Step, TimeUnit, step
from bot.services import engine, notify, province, roster
from bot.services.context import ServiceContext, load_actor
from storage import agencies, cycles, leases, notices, users
from storage.models import MeasurementCycle, StepRun, User

GRACE = timedelta(minutes=1)  # overdue means past the due time, not at it
# Runs handled in one tick: after a weekend every moment that fell outside office hours comes
# at Monday's opening; the rest wait for the next minutes rather than hold the database.
DUE_AT_ONCE = 2000
PLAN_AT_ONCE = 2000  # runs planned for the first time in one tick (after an upgrade)
# Morning digests written in one tick: a province's agencies get theirs over the first minutes
# after opening instead of in one tick that holds the database for a minute.
DIGESTS_AT_ONCE = 20
# Which process sweeps, when several share the database: the holder keeps the lease by
# sweeping each minute; if it dies, another takes over within this long.
SWEEP_LEASE, SWEEP_HOLD = "reminders", timedelta(minutes=3)
NOTHING_MORE = datetime(9999, 12, 31, tzinfo=UTC)  # a run whose last notice has gone
DIGEST_UNTIL = time(12, 0)  # a morning digest that could not go out by noon is skipped


class Kind(StrEnum):
    BEFORE = "before"
    DUE = "due"
    SECRETARY = "secretary"
    HEAD = "head"


@dataclass(frozen=True)
class Planned:
    kind: Kind
    moment: datetime


def plan(run: StepRun, s: Step, calendar: WorkingCalendar) -> list[Planned]:
    """When each notice of a step run is due, inside office hours, in order."""
    start, due = run.started_at, run.due_at
    if s.time_standard.unit is TimeUnit.WORKING_DAYS:
        # A task of days is recalled on the morning of its last day.
        local_due = to_local(due)
        before = calendar.next_opening(
            datetime.combine(local_due.date(), time(0), tzinfo=local_due.tzinfo))
    else:
        allowed = calendar.working_time_between(start, due)
        before = calendar.add_working_time(start, allowed * 3 / 4)
    moments = [
        Planned(Kind.BEFORE, before),
        Planned(Kind.DUE, due),
        Planned(Kind.SECRETARY, due + GRACE),
        Planned(Kind.HEAD, calendar.due(due, s.time_standard) + GRACE),
    ]
    shifted = [Planned(p.kind, calendar.next_opening(p.moment)) for p in moments]
    return [p for p in shifted if p.kind is not Kind.BEFORE or p.moment < due]


def tick(ctx: ServiceContext, owner: str = leases.THIS_PROCESS) -> int:
    """Send every reminder, escalation and digest whose moment has come; returns how many.

    Each active run carries its next notice moment (``next_notice_at``), so a tick reads only
    the runs whose moment has come, however many are open; a run not planned yet (new, or
    after the calendar changed) is planned here, at most ``PLAN_AT_ONCE`` in one tick.
    Several bot processes on one database sweep in turn: the one holding the lease does it.
    Each agency is swept on its own calendar and zone (WIB, WITA, WIT): what is due in an
    office that is closed now waits for its opening.
    """
    now = ctx.now()
    sent = 0
    with ctx.transaction() as session:
        if not leases.take(session=session, name=SWEEP_LEASE, owner=owner, now=now,
                           hold=SWEEP_HOLD):
            return 0
        agencies = cycles.agencies_with_active_runs(session=session, cycle_status=workflow.OPEN,
                                                    run_status=workflow.ACTIVE)
        calendars = {agency_id: ctx.calendar_of(session, agency_id) for agency_id in agencies}
        _replan_if_calendars_changed(session, calendars, now)
        for run, cycle in cycles.runs_to_remind(session=session, now=now,
                                                cycle_status=workflow.OPEN,
                                                run_status=workflow.ACTIVE,
                                                due=DUE_AT_ONCE, unplanned=PLAN_AT_ONCE):
            calendar = calendars.get(cycle.agency_id) or ctx.calendar_of(session, cycle.agency_id)
            if not calendar.is_open(now):
                continue
            with zone_of(calendar.zone):
                sent += _remind(session, calendar, cycle, run, now)
            run.next_notice_at = next_notice(run, calendar, now)
            session.add(run)
        sent += _digests(session, calendars, now)
        if ctx.calendar.is_open(now):
            with zone_of(ctx.calendar.zone):
                sent += _province_digest(ctx, session, now)
    return sent


def next_notice(run: StepRun, calendar: WorkingCalendar, now: datetime) -> datetime:
    """The first planned moment of ``run`` still to come; ``NOTHING_MORE`` after the last."""
    return min((p.moment for p in plan(run, step(run.step), calendar) if p.moment > now),
               default=NOTHING_MORE)


def _replan_if_calendars_changed(session: Session, calendars: dict[int, WorkingCalendar],
                                 now: datetime) -> None:
    """Plans made with another calendar (holidays added, hours or zone changed) are made
    again. The calendar an agency's plans were made with is noted like a sent notice, so that
    every process and every restart agrees on it; all agencies' in one query."""
    keys = {agency_id: f"calendar:{calendar_fingerprint(calendar)}:{agency_id}"
            for agency_id, calendar in calendars.items()}
    known = notices.sent_among(session=session, keys=list(keys.values()))
    for agency_id, key in keys.items():
        if key not in known:
            cycles.forget_notice_plans(session=session, agency_id=agency_id,
                                       run_status=workflow.ACTIVE)
            notices.mark(session=session, agency_id=agency_id, key=key, now=now)


@functools.lru_cache(maxsize=256)
def calendar_fingerprint(calendar: WorkingCalendar) -> str:
    """Which calendar this is; kept per calendar, whose holidays run to hundreds of dates."""
    described = repr((calendar.office_hours, calendar.breaks, sorted(calendar.holidays),
                      str(calendar.zone)))
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def _remind(session: Session, calendar: WorkingCalendar, cycle: MeasurementCycle,
            run: StepRun, now: datetime) -> int:
    s = step(run.step)
    due_now = [p for p in plan(run, s, calendar) if p.moment <= now]
    if not due_now:
        return 0
    done = notices.sent_among(session=session, keys=[_key(run, p.kind) for p in due_now])
    sent = 0
    for planned in due_now:
        key = _key(run, planned.kind)
        if key in done:
            continue
        assert cycle.id is not None
        notices.mark(session=session, agency_id=cycle.agency_id, key=key, now=now)
        if planned.kind in (Kind.BEFORE, Kind.DUE) and planned.moment < due_now[-1].moment:
            # Overtaken: a later notice's moment has come too, so the bot was not running at
            # this one's. A reminder only held over a closed office goes with the escalation.
            continue
        sent += _send(session, cycle, run, s, planned.kind, now, done)
    return sent


def _key(run: StepRun, kind: Kind) -> str:
    return f"run:{run.id}:{kind}"


def _send(session: Session, cycle: MeasurementCycle, run: StepRun, s: Step, kind: Kind,
          now: datetime, done: set[str]) -> int:
    """Send one planned notice; ``done`` gets the keys of notices it stands for besides its
    own, so that they are not sent (nor marked twice) later in the same sweep."""
    assignees = roster.assignees(session=session, cycle=cycle, run=run, now=now)
    division = (agencies.get_division(session=session, division_id=run.division_id)
                if run.division_id is not None else None)
    name = division.name if division else None
    assert run.id is not None
    if kind in (Kind.BEFORE, Kind.DUE):
        text = texts.reminder(s, cycle.year, cycle.quarter, run.due_at, name,
                              at_due=kind is Kind.DUE)
        buttons = [[button(texts.BTN_BEGIN, Action.BEGIN, s.key, run.id)]]
        return _deliver(session, cycle, assignees, text, now, buttons)
    # When the Sekretaris is the one late, the first escalation goes straight to the head,
    # and is then the only one the head gets about this run.
    roles = (Role.SECRETARY, Role.HEAD) if kind is Kind.SECRETARY else (Role.HEAD,)
    waiting_on = {u.id for u in assignees}
    recipients: list[User] = []
    for role in roles:
        recipients = [u for u in roster.users_with_any_role(
            session=session, agency_id=cycle.agency_id, roles=(role,), now=now)
            if u.id not in waiting_on]
        if recipients:
            if role is Role.HEAD and kind is Kind.SECRETARY:
                notices.mark(session=session, agency_id=cycle.agency_id,
                             key=_key(run, Kind.HEAD), now=now)
                done.add(_key(run, Kind.HEAD))
            break
    text = texts.escalation(s, cycle.year, cycle.quarter, run.due_at, name,
                            [u.name for u in assignees])
    return _deliver(session, cycle, recipients, text, now, None)


def _deliver(session: Session, cycle: MeasurementCycle, recipients: list[User], text: str,
             now: datetime, buttons: list[list[dict[str, str]]] | None) -> int:
    count = 0
    for user in recipients:
        count += notify.to_official(session=session, agency_id=cycle.agency_id, user=user,
                                    text=text, now=now, buttons=buttons)
    return count


def _digests(session: Session, calendars: dict[int, WorkingCalendar], now: datetime) -> int:
    keys = {agency_id: _digest_key(agency_id, calendar.local_date(now).isoformat())
            for agency_id, calendar in calendars.items() if calendar.is_open(now)}
    done = notices.sent_among(session=session, keys=list(keys.values()))
    waiting = [agency_id for agency_id, key in keys.items() if key not in done]
    sent = 0
    for agency_id in waiting[:DIGESTS_AT_ONCE]:
        with zone_of(calendars[agency_id].zone):
            sent += _digest(session, calendars[agency_id], agency_id, now)
    return sent


def _digest_key(agency_id: int, day: str) -> str:
    return f"digest:{agency_id}:{day}"


def _digest(session: Session, calendar: WorkingCalendar, agency_id: int, now: datetime) -> int:
    """Once a working day, at the first tick after opening: open steps, for the Sekretaris.

    Only about what was already open when the office opened: a cycle begun at 09:00 is in the
    next morning's digest, not in one sent at 09:01.
    """
    local = to_local(now)
    key = _digest_key(agency_id, local.date().isoformat())
    if local.time() >= DIGEST_UNTIL or notices.sent(session=session, key=key):
        return 0
    notices.mark(session=session, agency_id=agency_id, key=key, now=now)
    open_cycles = cycles.list_cycles(session=session, agency_id=agency_id, status=workflow.OPEN)
    opening = calendar.working_periods(local.date())[0][0]
    if not any(cycle.created_at < opening for cycle in open_cycles):
        return 0
    lines = []
    for cycle in open_cycles:
        assert cycle.id is not None
        if cycle.created_at >= opening:
            continue  # begun today: tomorrow's digest
        for run in cycles.active_runs(session=session, cycle_id=cycle.id):
            division = (agencies.get_division(session=session, division_id=run.division_id)
                        if run.division_id is not None else None)
            people = roster.assignees(session=session, cycle=cycle, run=run, now=now)
            lines.append(texts.digest_line(step(run.step), cycle.year, cycle.quarter,
                                           division.name if division else None,
                                           [u.name for u in people], run.due_at,
                                           run.due_at < now))
    secretaries = roster.users_with_any_role(session=session, agency_id=agency_id,
                                               roles=(Role.SECRETARY,), now=now)
    if not lines or not secretaries:
        return 0
    return _deliver(session, open_cycles[0], secretaries, texts.digest(now, lines), now, None)


def _province_digest(ctx: ServiceContext, session: Session, now: datetime) -> int:
    """Once a week, at the first sweep of its working days: every agency's progress, to each
    provincial official (of any agency)."""
    holders = [u for u in users.users_with_role_anywhere(session=session, role=Role.PROVINCE)
               if u.telegram_id is not None and u.id is not None]
    year, week, _ = to_local(now).isocalendar()
    keys = {u.id: f"province:{year}-W{week:02d}:{u.id}" for u in holders}
    done = notices.sent_among(session=session, keys=list(keys.values()))
    waiting = [u for u in holders if keys[u.id] not in done]
    if not waiting:
        return 0
    rows = province.progress(ctx, session, now)
    text = texts.province_digest(province.summary_lines(rows), province.late_count(rows))
    for user in waiting:
        notices.mark(session=session, agency_id=user.agency_id, key=keys[user.id], now=now)
        notify.to_official(session=session, agency_id=user.agency_id, user=user, text=text,
                           now=now)
    return len(waiting)


NUDGE_EVERY = timedelta(hours=1)


def nudge(ctx: ServiceContext, user_id: int, cycle_id: int) -> int:
    """Step 4: a polite reminder to every division whose part is still open; once an hour."""
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        if not (actor.holds(Role.SAKIP_TEAM) or actor.holds(Role.SECRETARY)):
            raise errors.NotAllowed(step="-")
        cycle = cycles.get_cycle(session=session, cycle_id=cycle_id)
        if cycle is None or cycle.agency_id != actor.user.agency_id:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_CYCLE)
        if cycle.status != workflow.OPEN:
            raise errors.CycleClosed(year=cycle.year, quarter=cycle.quarter)
        hour = int(now.timestamp() // NUDGE_EVERY.total_seconds())
        sent = 0
        for run in engine.open_parts(session=session, cycle=cycle):
            key = f"nudge:{run.id}:{hour}"
            if notices.sent(session=session, key=key):
                continue
            notices.mark(session=session, agency_id=cycle.agency_id, key=key, now=now)
            division = agencies.get_division(session=session, division_id=run.division_id or 0)
            text = texts.nudge(step(run.step), cycle.year, cycle.quarter, run.due_at,
                               division.name if division else None, actor.signature)
            assert run.id is not None
            sent += _deliver(session, cycle, roster.assignees(session=session, cycle=cycle,
                                                                run=run), text, now,
                             [[button(texts.BTN_BEGIN, Action.BEGIN, run.step, run.id)]])
        return sent
