"""Who holds which role in an agency, who stands in for whom, and whom a run waits for."""

from __future__ import annotations

import functools
from datetime import datetime

from sqlmodel import Session

from bot.domain.sop import Role, step
from bot.domain.workflow import Actor
from storage import agencies, delegations, users
from storage.models import MeasurementCycle, StepRun, User


def load_actor(*, session: Session, user: User, now: datetime | None = None) -> Actor[User]:
    """The user with their roles, plus those of anyone they stand in for at ``now``."""
    assert user.id is not None
    roles = list(users.roles_of(session=session, user_id=user.id))
    own = tuple(roles)
    principals: list[User] = []
    if now is not None:
        for delegation in delegations.in_force(session=session, agency_id=user.agency_id,
                                               now=now):
            if delegation.substitute_user_id == user.id:
                principal = users.get_user(session=session,
                                           user_id=delegation.principal_user_id)
                if principal is not None and principal.active:
                    principals.append(principal)
                    roles += users.roles_of(session=session,
                                            user_id=delegation.principal_user_id)
    return Actor(user=user, roles=tuple(roles), acting_for=tuple(principals), own_roles=own)


def stand_ins(*, session: Session, agency_id: int, now: datetime | None,
              people: list[User]) -> list[User]:
    """``people`` with everyone away replaced by their acting official, each once."""
    if now is None:
        return people
    return Roster(session, agency_id, now).stand_ins(people)


class Roster:
    """Who holds which role in one agency, and who stands in for whom at one moment.

    Each is read once, when first needed, so that the waiting lists of many runs (``/status``)
    read the acting officials once and each division's holders once; with ``many``, the
    holders of a role in every division at once, in one query.
    """

    def __init__(self, session: Session, agency_id: int, now: datetime | None, *,
                 many: bool = False) -> None:
        self._session = session
        self.agency_id = agency_id
        self.now = now
        self._holders_of: dict[tuple[Role, int | None], list[User]] = {}
        self._by_division: dict[Role, dict[int | None, list[User]]] | None = (
            {} if many else None)

    @functools.cached_property
    def _substitutes(self) -> dict[int, int]:
        """Acting official by the user they stand in for, at ``now``."""
        if self.now is None:
            return {}
        return {d.principal_user_id: d.substitute_user_id for d in delegations.in_force(
            session=self._session, agency_id=self.agency_id, now=self.now)}

    def holders(self, role: Role, division_id: int | None = None) -> list[User]:
        """Active holders of ``role`` (in ``division_id`` when given), by user id."""
        key = (role, division_id)
        if key in self._holders_of:
            return self._holders_of[key]
        if self._by_division is None:
            found = users.users_with_role(session=self._session, agency_id=self.agency_id,
                                          role=role, division_id=division_id)
        else:
            if role not in self._by_division:
                self._by_division[role] = users.holders_by_division(
                    session=self._session, agency_id=self.agency_id, role=role)
            by_division = self._by_division[role]
            if division_id is not None:
                found = by_division.get(division_id, [])
            else:
                everyone = {u.id: u for people in by_division.values() for u in people}
                found = [everyone[k] for k in sorted(k for k in everyone if k is not None)]
        self._holders_of[key] = found
        return found

    def with_any_role(self, roles: tuple[Role, ...]) -> list[User]:
        """Active holders of any of ``roles``, each once, by user id."""
        found = {user.id: user for role in roles for user in self.holders(role)}
        return [found[key] for key in sorted(k for k in found if k is not None)]

    def stand_ins(self, people: list[User]) -> list[User]:
        """``people`` with everyone away replaced by their acting official, each once."""
        found: dict[int, User] = {}
        for person in people:
            assert person.id is not None
            stand_in = person
            if person.id in self._substitutes:
                substitute = users.get_user(session=self._session,
                                            user_id=self._substitutes[person.id])
                if substitute is not None and substitute.active:
                    stand_in = substitute
            assert stand_in.id is not None
            found.setdefault(stand_in.id, stand_in)
        return list(found.values())

    def assignees(self, run: StepRun) -> list[User]:
        """The active users ``run`` waits for: its holders, or their acting officials; a task
        the Sekretaris reassigned waits for the one it was given to."""
        reassigned = run.data.get("assignee_user_id")
        if reassigned is not None:
            person = users.get_user(session=self._session, user_id=int(reassigned))
            if person is not None and person.active:
                return self.stand_ins([person])
        return self.stand_ins(self._holders(run))

    def _holders(self, run: StepRun) -> list[User]:
        s = step(run.step)
        if s.per_division and run.division_id is not None:
            division = agencies.get_division(session=self._session, division_id=run.division_id)
            assert division is not None
            if division.is_secretariat:
                return self.holders(Role.SECRETARY)
            return self.holders(Role.DIVISION, division.id)
        return self.with_any_role(s.actors)


def assignees(*, session: Session, cycle: MeasurementCycle, run: StepRun,
              now: datetime | None = None) -> list[User]:
    """The active users ``run`` waits for: its holders, or their acting officials at ``now``;
    a task the Sekretaris reassigned waits for the one it was given to."""
    return Roster(session, cycle.agency_id, now).assignees(run)


def users_with_any_role(
    *, session: Session, agency_id: int, roles: tuple[Role, ...], now: datetime | None = None
) -> list[User]:
    """Active holders of any of ``roles`` (or their acting officials at ``now``), each once."""
    roster = Roster(session, agency_id, now)
    return roster.stand_ins(roster.with_any_role(roles))
