"""Users, their roles and invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from storage.db import remembered_in
from storage.models import Agency, AgencyChoice, Division, Invite, RoleAssignment, User

# Built once, with bound parameters: building a statement and its criteria on every call cost
# as much again as running it (148 against 74 µs for one official on SQLite), and an update
# asks who its official is and what they hold every time.
_BY_TELEGRAM_ID = (select(User).where(col(User.telegram_id) == bindparam("telegram_id"))
                   .order_by(col(User.id)))
_BY_TELEGRAM_ID_IN_AGENCY = _BY_TELEGRAM_ID.where(col(User.agency_id) == bindparam("agency_id"))
# Each with the rows the update reads next: the official's agency (its time zone) and the
# divisions of their roles. In a unit they are then in the session (``Unit.rows``), and the
# ``session.get`` of each costs no query.
_MEMBERSHIPS = (select(User, Agency).join(Agency, col(Agency.id) == col(User.agency_id))
                .where(col(User.telegram_id) == bindparam("telegram_id")).order_by(col(User.id)))
_ROLES_OF = (select(RoleAssignment, Division)
             .outerjoin(Division, col(Division.id) == col(RoleAssignment.division_id))
             .where(col(RoleAssignment.user_id) == bindparam("user_id"))
             .order_by(col(RoleAssignment.id)))


def create_user(
    *,
    session: Session,
    agency_id: int,
    name: str,
    now: datetime,
    telegram_id: int | None = None,
    nip: str | None = None,
    title: str | None = None,
) -> User:
    user = User(
        agency_id=agency_id, name=name, telegram_id=telegram_id, nip=nip, title=title,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def get_user(*, session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_user_by_telegram_id(
    *, session: Session, telegram_id: int, agency_id: int | None = None
) -> User | None:
    if agency_id is None:
        query, params = _BY_TELEGRAM_ID, {"telegram_id": telegram_id}
    else:
        query = _BY_TELEGRAM_ID_IN_AGENCY
        params = {"telegram_id": telegram_id, "agency_id": agency_id}
    # Remembered for the update, the user stays in the session: a later ``get_user`` of the
    # same official reads nothing.
    return remembered_in(session, ("user_by_telegram_id", telegram_id, agency_id),
                         lambda: session.exec(query, params=params).first(),
                         depends_on=(User,))


def memberships(*, session: Session, telegram_id: int) -> list[User]:
    """Every official this Telegram account is, one per agency, oldest first."""
    return remembered_in(session, ("memberships", telegram_id),
                         lambda: [user for user, _agency in session.exec(
                             _MEMBERSHIPS, params={"telegram_id": telegram_id})],
                         depends_on=(User,))


def active_memberships(*, session: Session, telegram_id: int) -> list[User]:
    """The memberships of an official still serving: the agencies the account works for."""
    return [user for user in memberships(session=session, telegram_id=telegram_id)
            if user.active]


def chosen_agency(*, session: Session, telegram_id: int) -> int | None:
    choice = session.get(AgencyChoice, telegram_id)
    return choice.agency_id if choice is not None else None


def choose_agency(*, session: Session, telegram_id: int, agency_id: int, now: datetime) -> None:
    session.merge(AgencyChoice(telegram_id=telegram_id, agency_id=agency_id, chosen_at=now))
    session.flush()


def list_users(*, session: Session, agency_id: int) -> list[User]:
    return list(session.exec(select(User).where(User.agency_id == agency_id).order_by(User.id)))


def add_role(
    *, session: Session, user_id: int, role: str, division_id: int | None = None
) -> RoleAssignment:
    query = select(RoleAssignment).where(
        RoleAssignment.user_id == user_id,
        RoleAssignment.role == role,
        RoleAssignment.division_id == division_id,
    )
    existing = session.exec(query).first()
    if existing is not None:
        return existing
    assignment = RoleAssignment(user_id=user_id, role=role, division_id=division_id)
    session.add(assignment)
    session.flush()
    return assignment


def roles_of(*, session: Session, user_id: int) -> list[RoleAssignment]:
    # Asked by the chat's guard and again by the service the update calls.
    return list(remembered_in(
        session, ("roles_of", user_id),
        lambda: [role for role, _division in session.exec(_ROLES_OF,
                                                          params={"user_id": user_id})],
        depends_on=(RoleAssignment,)))


def users_with_role(
    *, session: Session, agency_id: int, role: str, division_id: int | None = None
) -> list[User]:
    """Active users holding ``role`` (in ``division_id`` when given)."""
    query = _holding(select(User), agency_id, role)
    if division_id is not None:
        query = query.where(RoleAssignment.division_id == division_id)
    return list(session.exec(query.order_by(User.id)).unique())


def users_with_role_anywhere(*, session: Session, role: str) -> list[User]:
    """Active holders of ``role`` in any agency (the province's officials)."""
    query = (select(User).join(RoleAssignment, col(RoleAssignment.user_id) == col(User.id))
             .where(User.active == True, RoleAssignment.role == role)  # noqa: E712
             .order_by(User.id))
    return list(session.exec(query).unique())


def holders_by_division(*, session: Session, agency_id: int, role: str
                        ) -> dict[int | None, list[User]]:
    """Active users holding ``role``, by the division they hold it in (``None``: the agency),
    each list by user id: one query for what ``users_with_role`` would ask per division."""
    query = _holding(select(User, RoleAssignment.division_id), agency_id, role)
    found: dict[int | None, list[User]] = {}
    for user, division_id in session.exec(query.order_by(User.id)):
        found.setdefault(division_id, []).append(user)
    return found


def _holding(query: Any, agency_id: int, role: str) -> Any:
    """``query`` over the active users of the agency who hold ``role``."""
    return (query.join(RoleAssignment, col(RoleAssignment.user_id) == col(User.id))
            .where(User.agency_id == agency_id, User.active == True,  # noqa: E712
                   RoleAssignment.role == role))


def create_invite(
    *, session: Session, agency_id: int, user_id: int, code: str, now: datetime,
    expires_at: datetime,
) -> Invite:
    invite = Invite(
        agency_id=agency_id, user_id=user_id, code=code, created_at=now, expires_at=expires_at
    )
    session.add(invite)
    session.flush()
    return invite


def get_invite(*, session: Session, code: str) -> Invite | None:
    return session.exec(select(Invite).where(Invite.code == code)).first()
