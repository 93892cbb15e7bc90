"""Who is talking to the bot: members, their roles, and invitations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.domain import errors
from bot.domain.sop import Role
from bot.services.context import ServiceContext
from storage import agencies, audit, users
from storage.models import User


@dataclass(frozen=True)
class Member:
    """A registered official as the chat layer sees them."""

    user_id: int
    agency_id: int
    name: str
    active: bool
    roles: tuple[tuple[str, int | None, str | None], ...]  # (role, division id, division name)

    def holds(self, role: Role) -> bool:
        return any(r == role for r, _, _ in self.roles)


def whoami(ctx: ServiceContext, telegram_id: int) -> Member | None:
    with ctx.transaction() as session:
        user = users.get_user_by_telegram_id(session=session, telegram_id=telegram_id)
        return _member(session, user) if user else None


def redeem_invite(ctx: ServiceContext, telegram_id: int, code: str) -> Member:
    """Bind a Telegram account to the user an invitation was made for."""
    now = ctx.now()
    with ctx.transaction() as session:
        # Codes are typed on phones: case and stray spaces must not matter.
        invite = users.get_invite(session=session, code=code.strip().upper())
        if invite is None:
            raise errors.InvalidInput(reason="invite_unknown")
        user = users.get_user(session=session, user_id=invite.user_id)
        assert user is not None
        if invite.used_at is not None:
            if user.telegram_id == telegram_id:
                return _member(session, user)
            raise errors.InvalidInput(reason="invite_used")
        if invite.expires_at < now:
            raise errors.InvalidInput(reason="invite_expired")
        other = users.get_user_by_telegram_id(
            session=session, telegram_id=telegram_id, agency_id=invite.agency_id
        )
        if other is not None and other.id != user.id:
            raise errors.InvalidInput(reason="already_bound")
        user.telegram_id = telegram_id
        invite.used_at = now
        session.add_all([user, invite])
        audit.record(session=session, agency_id=user.agency_id, action="user.bound", at=now,
                     actor_user_id=user.id, after={"telegram_id": telegram_id})
        return _member(session, user)


def _member(session: Session, user: User) -> Member:
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
                  roles=tuple(roles))
