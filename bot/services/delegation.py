"""Acting officials (*Plt*/*Plh*) and task reassignment by the Sekretaris."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot import texts
from bot.domain import errors, workflow
from bot.domain.clock import as_utc
from bot.domain.errors import Reason
from bot.domain.sop import Role, step
from bot.services import engine, notify, roster
from bot.services.context import RunRef, ServiceContext, load_actor, load_run, resolve_agency
from storage import agencies, audit, cycles, delegations, users
from storage.models import Delegation, User

KINDS = ("plh", "plt")
# Who may name a substitute for themselves: the officials of the SOP's Pelaksana (Kepala Dinas,
# Sekretaris, Kepala Bidang, Kepala Subbag Perencanaan). Not the Tim SAKIP: a team appointed by
# decree, whose other members carry an absent member's share.
MAY_DELEGATE = (Role.HEAD, Role.DIVISION, Role.SECRETARY, Role.PLANNING_UNIT)


ACTIVE, UPCOMING, ENDED, CANCELLED = "active", "upcoming", "ended", "cancelled"


@dataclass(frozen=True)
class DelegationView:
    delegation_id: int
    kind: str
    principal: str
    substitute: str
    starts_at: datetime
    ends_at: datetime  # or when it was ended early
    status: str = ACTIVE  # ACTIVE, UPCOMING, ENDED or CANCELLED (ended before it began)

    @property
    def in_force(self) -> bool:
        return self.status == ACTIVE


def candidates(ctx: ServiceContext, user_id: int) -> list[tuple[int, str]]:
    """Colleagues who could stand in for the user."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id)
        return [(u.id, u.name) for u in users.list_users(session=session,
                                                         agency_id=actor.user.agency_id)
                if u.id is not None and u.id != user_id and u.active
                and u.telegram_id is not None]  # a stand-in must be able to receive the tasks


def assignees(ctx: ServiceContext, user_id: int, run_id: int) -> list[tuple[int, str]]:
    """Who may be given this task: those who may hold its role (for a division's part, that
    division's officials), or act for one who does."""
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id)
        ref = load_run(session, run_id, actor)
        people = [u for u in users.list_users(session=session, agency_id=actor.user.agency_id)
                  if u.id is not None and u.active and u.telegram_id is not None]
        s = step(ref.run.step)
        people = [u for u in people if roster.load_actor(session=session, user=u, now=now)
                  .may_act(s, ref.division)]
        return [(u.id, u.name) for u in people if u.id is not None]


def appoint(
    ctx: ServiceContext, by_user_id: int, *, principal_id: int, substitute_id: int,
    starts_at: datetime, ends_at: datetime, kind: str = "plh",
) -> DelegationView:
    """The official ``by_user_id`` names ``substitute_id`` to act for themselves
    (``principal_id``) in ``[starts_at, ends_at)``."""
    with ctx.transaction() as session:
        by = load_actor(session, by_user_id)
        if by.id != principal_id:
            raise errors.NotAllowed(step="-")
        return _appoint(ctx, session, by.user.agency_id, by.id, principal_id=principal_id,
                        substitute_id=substitute_id, starts_at=starts_at, ends_at=ends_at,
                        kind=kind)


def appoint_by_admin(
    ctx: ServiceContext, *, principal_id: int, substitute_id: int, starts_at: datetime,
    ends_at: datetime, kind: str = "plh", agency_code: str | None = None,
) -> DelegationView:
    """The administrator (CLI) names a substitute for an official who cannot do it
    themselves, e.g. the Kepala Dinas on leave without a phone."""
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code)
        assert agency.id is not None
        return _appoint(ctx, session, agency.id, None, principal_id=principal_id,
                        substitute_id=substitute_id, starts_at=starts_at, ends_at=ends_at,
                        kind=kind)


def _appoint(
    ctx: ServiceContext, session: Session, agency_id: int, by_user_id: int | None, *,
    principal_id: int, substitute_id: int, starts_at: datetime, ends_at: datetime, kind: str,
) -> DelegationView:
    if kind not in KINDS:
        raise errors.InvalidInput(reason=Reason.DELEGATION_KIND)
    if ends_at <= starts_at:
        raise errors.InvalidInput(reason=Reason.DELEGATION_PERIOD)
    if principal_id == substitute_id:
        raise errors.InvalidInput(reason=Reason.DELEGATION_SELF)
    now = ctx.now()
    if ends_at <= now:
        raise errors.InvalidInput(reason=Reason.DELEGATION_PAST)
    principal = users.get_user(session=session, user_id=principal_id)
    substitute = users.get_user(session=session, user_id=substitute_id)
    if principal is None or substitute is None or not substitute.active or (
            {principal.agency_id, substitute.agency_id} != {agency_id}):
        raise errors.InvalidInput(reason=Reason.UNKNOWN_USER)
    if not principal.active:
        raise errors.InvalidInput(reason=Reason.PRINCIPAL_INACTIVE, name=principal.name)
    if substitute.telegram_id is None:
        raise errors.InvalidInput(reason=Reason.SUBSTITUTE_UNREACHABLE, name=substitute.name)
    if not any(load_actor(session, principal_id).holds(r) for r in MAY_DELEGATE):
        raise errors.InvalidInput(reason=Reason.MAY_NOT_DELEGATE)
    _refuse_overlaps(session, agency_id, principal, substitute, starts_at, ends_at)
    delegation = delegations.create(session=session, delegation=Delegation(
        agency_id=agency_id, principal_user_id=principal_id, substitute_user_id=substitute_id,
        kind=kind, starts_at=starts_at, ends_at=ends_at, created_by_user_id=by_user_id,
        created_at=now))
    audit.record(session=session, agency_id=agency_id, action="delegation.add", at=now,
                 actor_user_id=by_user_id,
                 after={"principal": principal.name, "substitute": substitute.name,
                        "kind": kind, "from": starts_at.isoformat(), "to": ends_at.isoformat()})
    assert substitute.id is not None
    notify.notify_user(session=session, agency_id=agency_id, user_id=substitute.id, now=now,
                       text=texts.appointed(kind, principal.name, starts_at, ends_at))
    return _view(delegation, principal.name, substitute.name, now)


def _refuse_overlaps(session: Session, agency_id: int, principal: User, substitute: User,
                     starts_at: datetime, ends_at: datetime) -> None:
    """One stand-in per official at a time, and no chains: a stand-in who is away, or an
    official who is standing in for someone else, would leave tasks with nobody."""
    for other in delegations.overlapping(session=session, agency_id=agency_id,
                                         starts_at=starts_at, ends_at=ends_at):
        if other.principal_user_id == principal.id:
            raise errors.InvalidInput(reason=Reason.DELEGATION_OVERLAP, name=principal.name)
        if other.principal_user_id == substitute.id:
            raise errors.InvalidInput(reason=Reason.SUBSTITUTE_AWAY, name=substitute.name)
        if other.substitute_user_id == principal.id:
            raise errors.InvalidInput(reason=Reason.PRINCIPAL_ACTING, name=principal.name)


def list_delegations(ctx: ServiceContext, *, agency_code: str | None = None,
                     current_only: bool = False) -> list[DelegationView]:
    """The agency's acting officials, newest first; ``current_only``: those not yet ended."""
    now = ctx.now()
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code)
        assert agency.id is not None
        names = {u.id: u.name for u in users.list_users(session=session, agency_id=agency.id)}
        return [_view(d, names.get(d.principal_user_id, "-"), names.get(d.substitute_user_id, "-"),
                      now)
                for d in delegations.of_agency(session=session, agency_id=agency.id)
                if not current_only or (d.revoked_at is None and as_utc(d.ends_at) > now)]


def mine(ctx: ServiceContext, user_id: int) -> list[DelegationView]:
    """The user's own substitutes that are in force or still to come; refused at once for
    an official who may not name one (before they pick a person and a period)."""
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id)
        if not any(actor.holds(r) for r in MAY_DELEGATE):
            raise errors.InvalidInput(reason=Reason.MAY_NOT_DELEGATE)
        names = {u.id: u.name for u in users.list_users(session=session,
                                                        agency_id=actor.user.agency_id)}
        return [_view(d, actor.user.name, names.get(d.substitute_user_id, "-"), now)
                for d in delegations.of_agency(session=session, agency_id=actor.user.agency_id)
                if d.principal_user_id == actor.id and d.revoked_at is None
                and as_utc(d.ends_at) > now]


def revoke(ctx: ServiceContext, delegation_id: int, *, by_user_id: int | None = None,
           agency_code: str | None = None) -> DelegationView:
    """End an acting appointment now (the principal is back early). From the chat only the
    principal may; the CLI (``by_user_id=None``) may end any of the agency's."""
    now = ctx.now()
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code) if by_user_id is None else None
        delegation = delegations.get(session=session, delegation_id=delegation_id)
        if delegation is None or (agency is not None and delegation.agency_id != agency.id):
            raise errors.InvalidInput(reason=Reason.UNKNOWN_DELEGATION)
        if by_user_id is not None and load_actor(session, by_user_id).id != (
                delegation.principal_user_id):
            raise errors.NotAllowed(step="-")
        if delegation.revoked_at is not None or as_utc(delegation.ends_at) <= now:
            raise errors.InvalidInput(reason=Reason.DELEGATION_ENDED)
        delegation.revoked_at = now
        session.add(delegation)
        principal = users.get_user(session=session, user_id=delegation.principal_user_id)
        substitute = users.get_user(session=session, user_id=delegation.substitute_user_id)
        assert principal is not None and substitute is not None and substitute.id is not None
        audit.record(session=session, agency_id=delegation.agency_id, action="delegation.end",
                     at=now, actor_user_id=by_user_id,
                     after={"principal": principal.name, "substitute": substitute.name})
        notify.notify_user(session=session, agency_id=delegation.agency_id,
                           user_id=substitute.id, now=now,
                           text=texts.appointment_ended(delegation.kind, principal.name))
        if by_user_id is None and principal.id is not None:
            # Ended by the administrator: the official learns that the tasks are back.
            notify.notify_user(session=session, agency_id=delegation.agency_id,
                               user_id=principal.id, now=now,
                               text=texts.substitute_ended(delegation.kind, substitute.name))
        return _view(delegation, principal.name, substitute.name, now)


def _view(delegation: Delegation, principal: str, substitute: str,
          now: datetime) -> DelegationView:
    assert delegation.id is not None
    starts, ends = as_utc(delegation.starts_at), as_utc(delegation.ends_at)
    revoked = as_utc(delegation.revoked_at) if delegation.revoked_at is not None else None
    if revoked is not None and revoked <= starts:
        status = CANCELLED
    elif (revoked is not None and revoked <= now) or ends <= now:
        status, ends = ENDED, min(ends, revoked or ends)
    else:
        status = UPCOMING if starts > now else ACTIVE
    return DelegationView(delegation.id, delegation.kind, principal, substitute, starts, ends,
                          status)


def reassign(ctx: ServiceContext, user_id: int, run_id: int, to_user_id: int) -> str:
    """The Sekretaris gives an open task to someone else; returns their name."""
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, now)
        if not actor.holds(Role.SECRETARY):
            raise errors.NotAllowed(step="-")
        ref = load_run(session, run_id, actor)
        if ref.run.status != workflow.ACTIVE:
            raise errors.StepNotActive(step="-", division=ref.division_name)
        person = users.get_user(session=session, user_id=to_user_id)
        if person is None or not person.active or person.agency_id != actor.user.agency_id:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_USER)
        if person.telegram_id is None:
            raise errors.InvalidInput(reason=Reason.SUBSTITUTE_UNREACHABLE, name=person.name)
        _refuse_outside_the_sop(session, ref, person, now)
        before = ref.run.data.get("assignee_user_id")
        ref.run.data = {**ref.run.data, "assignee_user_id": to_user_id}
        session.add(ref.run)
        audit.record(session=session, agency_id=ref.cycle.agency_id, action="step.reassigned",
                     at=now, actor_user_id=actor.id, cycle_id=ref.cycle.id,
                     before={"assignee_user_id": before},
                     after={"run": run_id, "assignee_user_id": to_user_id})
        notify.announce(session=session, now=now, actor=actor,
                        result=engine.Result(cycle=ref.cycle, activated=[ref.run]))
        return person.name


def _refuse_outside_the_sop(session: Session, ref: RunRef, person: User,
                            now: datetime) -> None:
    """What the SOP gives the Kepala Dinas (the order, the approval) is not passed on by
    /alihkan: only a Plh./Plt. named with /plh acts for the head, and signs as such. Any other
    task goes only to someone who may hold its role — a division's part to an official of that
    division, a Tim SAKIP step to a member of the team — or to the Plh./Plt. of one: the SOP
    names who does each step, and the documents it produces carry that role."""
    s = step(ref.run.step)
    if Role.HEAD in s.actors:
        raise errors.InvalidInput(reason=Reason.REASSIGN_HEAD_STEP, step=s.number)
    if roster.load_actor(session=session, user=person, now=now).may_act(s, ref.division):
        return
    if s.per_division:
        raise errors.InvalidInput(reason=Reason.REASSIGN_OTHER_DIVISION, name=person.name,
                                  division=ref.division_name)
    raise errors.InvalidInput(reason=Reason.REASSIGN_OTHER_ROLE, name=person.name, step=s.number,
                              role=" / ".join(texts.role_label(r) for r in s.actors))


PERIODS = {"today": 0, "3d": 3, "1w": 5, "2w": 10}  # working days after today


def appoint_for(
    ctx: ServiceContext, user_id: int, substitute_id: int, period: str
) -> DelegationView:
    """From the chat: the official names a stand-in from now to the end of a working day."""
    if period not in PERIODS:
        raise errors.InvalidInput(reason=Reason.DELEGATION_PERIOD)
    now = ctx.now()
    with ctx.transaction() as session:
        calendar = ctx.calendar_of(session, load_actor(session, user_id, now).user.agency_id)
    first_day = calendar.local_date(now)
    today = calendar.working_periods(first_day)
    if not today or today[-1][1] <= now:
        # Named in the evening, at the weekend or on a holiday: "today" is the next working day.
        first_day = calendar.add_working_days(first_day, 1)
    last_day = calendar.add_working_days(first_day, PERIODS[period])
    ends_at = calendar.working_periods(last_day)[-1][1]
    return appoint(ctx, user_id, principal_id=user_id, substitute_id=substitute_id,
                   starts_at=now, ends_at=ends_at)


def open_runs(ctx: ServiceContext, user_id: int) -> list[tuple[int, str]]:
    """Open tasks the Sekretaris may reassign, labelled for buttons."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id)
        if not actor.holds(Role.SECRETARY):
            raise errors.NotAllowed(step="-")
        found = []
        for cycle in cycles.list_cycles(session=session, agency_id=actor.user.agency_id,
                                        status=workflow.OPEN):
            assert cycle.id is not None
            for run in cycles.active_runs(session=session, cycle_id=cycle.id):
                if Role.HEAD in step(run.step).actors:
                    continue  # the head's steps pass to a Plh./Plt. only (/plh)
                division = (agencies.get_division(session=session, division_id=run.division_id)
                            if run.division_id is not None else None)
                assert run.id is not None
                found.append((run.id, texts.task_button(
                    step(run.step).number, division.name if division else None,
                    cycle.quarter)))
        return found
