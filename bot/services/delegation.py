"""Acting officials (*Plt*/*Plh*) and task reassignment by the Sekretaris."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import texts
from bot.domain import errors, workflow
from bot.domain.sop import Role, step
from bot.services import notify
from bot.services.context import ServiceContext, load_actor, load_run
from storage import agencies, audit, cycles, delegations, users
from storage.models import Delegation

KINDS = ("plh", "plt")
# Who may name a substitute for themselves: the head of the agency and the heads of divisions.
MAY_DELEGATE = (Role.HEAD, Role.DIVISION, Role.SECRETARY)


@dataclass(frozen=True)
class DelegationView:
    delegation_id: int
    kind: str
    principal: str
    substitute: str
    starts_at: datetime
    ends_at: datetime


def candidates(ctx: ServiceContext, user_id: int) -> list[tuple[int, str]]:
    """Colleagues who could stand in for the user."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id)
        return [(u.id, u.name) for u in users.list_users(session=session,
                                                         agency_id=actor.user.agency_id)
                if u.id is not None and u.id != user_id and u.active]


def appoint(
    ctx: ServiceContext, by_user_id: int, *, principal_id: int, substitute_id: int,
    starts_at: datetime, ends_at: datetime, kind: str = "plh",
) -> DelegationView:
    """Name ``substitute_id`` to act for ``principal_id`` in ``[starts_at, ends_at)``.

    From the chat, officials name their own substitute; the CLI (``by_user_id`` the principal)
    may name one for anybody.
    """
    if kind not in KINDS:
        raise errors.InvalidInput(reason="delegation_kind")
    if ends_at <= starts_at:
        raise errors.InvalidInput(reason="delegation_period")
    if principal_id == substitute_id:
        raise errors.InvalidInput(reason="delegation_self")
    now = ctx.now()
    with ctx.transaction() as session:
        by = load_actor(session, by_user_id)
        principal = users.get_user(session=session, user_id=principal_id)
        substitute = users.get_user(session=session, user_id=substitute_id)
        if principal is None or substitute is None or not substitute.active or (
                {principal.agency_id, substitute.agency_id} != {by.user.agency_id}):
            raise errors.InvalidInput(reason="unknown_user")
        if by.id != principal_id or not any(by.holds(r) for r in MAY_DELEGATE):
            raise errors.NotAllowed(step="-")
        delegation = delegations.create(session=session, delegation=Delegation(
            agency_id=principal.agency_id, principal_user_id=principal_id,
            substitute_user_id=substitute_id, kind=kind, starts_at=starts_at, ends_at=ends_at,
            created_by_user_id=by.id, created_at=now))
        audit.record(session=session, agency_id=principal.agency_id, action="delegation.add",
                     at=now, actor_user_id=by.id,
                     after={"principal": principal.name, "substitute": substitute.name,
                            "kind": kind, "from": starts_at.isoformat(),
                            "to": ends_at.isoformat()})
        assert substitute.id is not None and delegation.id is not None
        notify.notify_user(session=session, agency_id=principal.agency_id,
                           user_id=substitute.id, now=now,
                           text=texts.appointed(kind, principal.name, starts_at, ends_at))
        return DelegationView(delegation.id, kind, principal.name, substitute.name, starts_at,
                              ends_at)


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
            raise errors.InvalidInput(reason="unknown_user")
        before = ref.run.data.get("assignee_user_id")
        ref.run.data = {**ref.run.data, "assignee_user_id": to_user_id}
        session.add(ref.run)
        audit.record(session=session, agency_id=ref.cycle.agency_id, action="step.reassigned",
                     at=now, actor_user_id=actor.id, cycle_id=ref.cycle.id,
                     before={"assignee_user_id": before},
                     after={"run": run_id, "assignee_user_id": to_user_id})
        notify.announce(session=session, now=now, actor=actor,
                        result=workflow.Result(cycle=ref.cycle, activated=[ref.run]))
        return person.name


PERIODS = {"today": 0, "3d": 3, "1w": 5, "2w": 10}  # working days after today


def appoint_for(
    ctx: ServiceContext, user_id: int, substitute_id: int, period: str
) -> DelegationView:
    """From the chat: the official names a stand-in from now to the end of a working day."""
    if period not in PERIODS:
        raise errors.InvalidInput(reason="delegation_period")
    now = ctx.now()
    last_day = ctx.calendar.add_working_days(ctx.calendar.local_date(now), PERIODS[period])
    ends_at = max(period_end for _, period_end in ctx.calendar.working_periods(last_day))
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
                division = (agencies.get_division(session=session, division_id=run.division_id)
                            if run.division_id is not None else None)
                assert run.id is not None
                found.append((run.id, texts.task_button(
                    step(run.step).number, division.name if division else None,
                    cycle.quarter)))
        return found
