"""Who is talking to the bot: members, their roles, and invitations."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import tzinfo

from sqlmodel import Session

from bot.domain import errors
from bot.domain.clock import JAKARTA
from bot.domain.errors import Reason
from bot.domain.sop import Role
from bot.services.context import ServiceContext, database_only
from storage import agencies, audit, cycles, users
from storage.models import StepRun, User


@dataclass(frozen=True)
class Member:
    """A registered official as the chat layer sees them."""

    user_id: int
    agency_id: int
    name: str
    active: bool
    roles: tuple[tuple[str, int | None, str | None], ...]  # (role, division id, division name)
    # For an official of several agencies: (agency id, agency name) of each active one, and
    # whether this one was chosen; empty for the usual official of one agency.
    agencies: tuple[tuple[int, str], ...] = ()
    chosen: bool = True
    zone: tzinfo = JAKARTA  # the agency's: its times are shown in it

    def holds(self, role: Role) -> bool:
        return any(r == role for r, _, _ in self.roles)

    @property
    def agency_name(self) -> str | None:
        """Named only where the official could mistake one agency for another."""
        return dict(self.agencies).get(self.agency_id)


@database_only
def whoami(ctx: ServiceContext, telegram_id: int) -> Member | None:
    """The official behind ``telegram_id``: of the agency they chose, if they are one in
    several; ``chosen`` is False until they have."""
    with ctx.transaction() as session:
        found = users.memberships(session=session, telegram_id=telegram_id)
        active = [user for user in found if user.active]
        if len(active) < 2:
            return _member(ctx, session, active[0] if active else found[0]) if found else None
        return _of_several(ctx, session, active, users.chosen_agency(session=session,
                                                               telegram_id=telegram_id))


def choose_agency(ctx: ServiceContext, telegram_id: int, agency_id: int) -> Member:
    """Work in ``agency_id`` from now on; refused unless the account is an active official
    there."""
    with ctx.transaction() as session:
        active = users.active_memberships(session=session, telegram_id=telegram_id)
        if not any(user.agency_id == agency_id for user in active):
            raise errors.InvalidInput(reason=Reason.NOT_A_MEMBER)
        users.choose_agency(session=session, telegram_id=telegram_id, agency_id=agency_id,
                            now=ctx.now())
        return _of_several(ctx, session, active, agency_id)


def follow_notice(ctx: ServiceContext, telegram_id: int, run_id: int) -> Member | None:
    """An official of several agencies pressed a notice's button about ``run_id``: if the run
    is of another of their agencies, they serve that one from now on (the Member then);
    None when nothing changes."""
    with ctx.transaction() as session:
        run = session.get(StepRun, run_id)
        cycle = cycles.get_cycle(session=session, cycle_id=run.cycle_id) if run else None
        if cycle is None:
            return None
        active = users.active_memberships(session=session, telegram_id=telegram_id)
        if len(active) < 2 or not any(u.agency_id == cycle.agency_id for u in active):
            return None
        if users.chosen_agency(session=session, telegram_id=telegram_id) == cycle.agency_id:
            return None
        users.choose_agency(session=session, telegram_id=telegram_id,
                            agency_id=cycle.agency_id, now=ctx.now())
        return _of_several(ctx, session, active, cycle.agency_id)


def _of_several(ctx: ServiceContext, session: Session, active: list[User],
                chosen: int | None) -> Member:
    names = {user.agency_id: agencies.get_agency_by_id(session=session,
                                                        agency_id=user.agency_id).name
             for user in active}
    choice = next((user for user in active if user.agency_id == chosen), None)
    member = _member(ctx, session, choice or active[0])
    return replace(member, agencies=tuple(sorted(names.items(), key=lambda item: item[1])),
                   chosen=choice is not None)


def redeem_invite(ctx: ServiceContext, telegram_id: int, code: str) -> Member:
    """Bind a Telegram account to the user an invitation was made for."""
    now = ctx.now()
    with ctx.transaction() as session:
        # Codes are typed on phones: case and stray spaces must not matter.
        invite = users.get_invite(session=session, code=code.strip().upper())
        if invite is None:
            raise errors.InvalidInput(reason=Reason.INVITE_UNKNOWN)
        user = users.get_user(session=session, user_id=invite.user_id)
        assert user is not None
        if invite.used_at is not None:
            if user.telegram_id == telegram_id:
                return _member(ctx, session, user)
            raise errors.InvalidInput(reason=Reason.INVITE_USED)
        if invite.expires_at < now:
            raise errors.InvalidInput(reason=Reason.INVITE_EXPIRED)
        other = users.get_user_by_telegram_id(
            session=session, telegram_id=telegram_id, agency_id=invite.agency_id
        )
        if other is not None and other.id != user.id:
            raise errors.InvalidInput(reason=Reason.ALREADY_BOUND)
        user.telegram_id = telegram_id
        invite.used_at = now
        session.add_all([user, invite])
        audit.record(session=session, agency_id=user.agency_id, action="user.bound", at=now,
                     actor_user_id=user.id, after={"telegram_id": telegram_id})
        return _member(ctx, session, user)


def _member(ctx: ServiceContext, session: Session, user: User) -> Member:
    assert user.id is not None
    roles = []
    for assignment in users.roles_of(session=session, user_id=user.id):
        division = (
            agencies.get_division(session=session, division_id=assignment.division_id)
            if assignment.division_id else None
        )
        name = division.name if division else None
        roles.append((assignment.role, assignment.division_id, name))
    return Member(user_id=user.id, agency_id=user.agency_id, name=user.name, active=user.active,
                  roles=tuple(roles), zone=ctx.calendar_of(session, user.agency_id).zone)
