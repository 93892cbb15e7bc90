"""The workflow engine: enforces the SOP table on a cycle. Knows nothing of Telegram.

Each function changes state inside the caller's session and appends an audit event; refusals
raise a ``WorkflowError`` that says why. Nothing here commits: the caller's transaction makes
the change, its audit event and its notifications one unit.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.domain import errors
from bot.domain.calendar import WorkingCalendar
from bot.domain.errors import Reason
from bot.domain.sop import (
    STEPS,
    DocumentKind,
    Outcome,
    Role,
    Step,
    StepKey,
    step,
    transitions_from,
)
from storage import agencies, audit, cycles, delegations, documents, users
from storage.models import Division, MeasurementCycle, RoleAssignment, StepRun, User

# Office hours without holidays, for callers that do not pass the agency's own calendar.
DEFAULT_CALENDAR = WorkingCalendar()

OPEN = "open"
ARCHIVED = "archived"
ACTIVE = "active"
DONE = "done"

# Documents produced per division: a step that needs them needs one from every division.
PER_DIVISION_KINDS: frozenset[DocumentKind] = frozenset(
    kind for s in STEPS if s.per_division for kind in s.outputs
)


@dataclass(frozen=True)
class Actor:
    """A user with the roles they hold."""

    user: User
    roles: tuple[RoleAssignment, ...]
    # The officials this user stands in for (Plt/Plh) right now; their roles are in ``roles``.
    acting_for: tuple[User, ...] = ()
    # The user's own roles, without those of the officials they stand in for.
    own_roles: tuple[RoleAssignment, ...] | None = None

    @property
    def id(self) -> int:
        assert self.user.id is not None
        return self.user.id

    @property
    def signature(self) -> str:
        """The name to sign with: ``Plh.`` with both names while standing in for someone."""
        if not self.acting_for:
            return self.user.name
        return f"Plh. {self.user.name} (a.n. {', '.join(p.name for p in self.acting_for)})"

    def holds(self, role: Role, division_id: int | None = None) -> bool:
        return any(
            r.role == role and (division_id is None or r.division_id == division_id)
            for r in self.roles
        )

    def for_step(self, s: Step, division: Division | None = None) -> Actor:
        """This actor as they do ``s``: standing in for someone only when their own roles do
        not give them the step, so that a Plh. doing their own work signs with their own
        title, never "Plh." of someone else's."""
        if not self.acting_for or self.own_roles is None:
            return self
        own = Actor(user=self.user, roles=self.own_roles, own_roles=self.own_roles)
        return own if own.may_act(s, division) else self

    def may_act(self, s: Step, division: Division | None = None) -> bool:
        """Whether this actor may carry out ``s`` (for ``division``'s part of it)."""
        if not self.user.active:
            return False
        if s.per_division and division is not None:
            if division.is_secretariat:
                return Role.SECRETARY in s.actors and self.holds(Role.SECRETARY)
            return Role.DIVISION in s.actors and self.holds(Role.DIVISION, division.id)
        return any(self.holds(role) for role in s.actors if role is not Role.DIVISION)


@dataclass
class Result:
    """What one action changed: runs finished, runs started, whether the cycle closed."""

    cycle: MeasurementCycle
    completed: list[StepRun] = field(default_factory=list)
    activated: list[StepRun] = field(default_factory=list)
    closed: bool = False


def load_actor(*, session: Session, user: User, now: datetime | None = None) -> Actor:
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


def start_cycle(
    *, session: Session, agency_id: int, actor: Actor, year: int, quarter: int, now: datetime,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Open a cycle for a period; step 1 becomes the head's task."""
    first = STEPS[0]
    if actor.user.agency_id != agency_id or not actor.may_act(first):
        raise errors.NotAllowed(step=first.number)
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise errors.InvalidInput(year=year, quarter=quarter)
    existing = cycles.find_cycle(session=session, agency_id=agency_id, year=year, quarter=quarter)
    if existing is not None:
        raise errors.CycleExists(year=year, quarter=quarter, status=existing.status)
    cycle = MeasurementCycle(
        agency_id=agency_id, year=year, quarter=quarter, status=OPEN,
        opened_by_user_id=actor.id, created_at=now,
    )
    session.add(cycle)
    session.flush()
    run = _activate(session=session, cycle=cycle, s=first, now=now, calendar=calendar)
    _audit(session, cycle, actor, "cycle.start", now, after={"year": year, "quarter": quarter})
    return Result(cycle=cycle, activated=run)


def active_run(
    *, session: Session, cycle: MeasurementCycle, key: StepKey, division_id: int | None = None
) -> StepRun | None:
    assert cycle.id is not None
    for run in cycles.active_runs(session=session, cycle_id=cycle.id):
        if run.step == key and run.division_id == division_id:
            return run
    return None


def current_steps(*, session: Session, cycle: MeasurementCycle) -> list[Step]:
    """The steps that have an active run, in SOP order."""
    assert cycle.id is not None
    keys = {run.step for run in cycles.active_runs(session=session, cycle_id=cycle.id)}
    return [s for s in STEPS if s.key in keys]


def missing_documents(
    *,
    session: Session,
    cycle: MeasurementCycle,
    kinds: tuple[DocumentKind, ...],
    division_id: int | None = None,
) -> list[tuple[DocumentKind, Division | None]]:
    """The (kind, division) pairs of ``kinds`` that the cycle does not hold yet."""
    assert cycle.id is not None
    present = {
        (doc.kind, doc.division_id)
        for doc in documents.documents_of(session=session, cycle_id=cycle.id)
    }
    present_kinds = {kind for kind, _ in present}
    missing: list[tuple[DocumentKind, Division | None]] = []
    for kind in kinds:
        if division_id is not None:
            # An input made once for the whole agency serves every division's part.
            shared = kind not in PER_DIVISION_KINDS and (kind, None) in present
            if (kind, division_id) not in present and not shared:
                missing.append((kind, agencies.get_division(session=session,
                                                            division_id=division_id)))
        elif kind in PER_DIVISION_KINDS:
            for division in _parts(session, cycle):
                if (kind, division.id) not in present:
                    missing.append((kind, division))
        elif kind not in present_kinds:
            missing.append((kind, None))
    return missing


def complete_step(
    *,
    session: Session,
    cycle_id: int,
    key: StepKey,
    actor: Actor,
    now: datetime,
    division_id: int | None = None,
    note: str | None = None,
    data: dict[str, object] | None = None,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Finish ``key`` (or one division's part of it) and activate what follows."""
    s = step(key)
    if s.decision:
        raise errors.InvalidInput(reason=Reason.DECISION_STEP, step=s.number)
    cycle = _open_cycle(session, cycle_id)
    run = _run_for(session, cycle, s, actor, division_id)
    actor = actor.for_step(s, _division_of(session, run))
    missing = missing_documents(session=session, cycle=cycle, kinds=s.inputs + s.outputs,
                                division_id=run.division_id)
    if missing:
        raise errors.MissingInputs(step=s.number, missing=missing)
    if not s.per_division and open_parts(session=session, cycle=cycle):
        # A part the Tim SAKIP returned must come back before anything after step 4 finishes.
        names = [d.name for d in _parts(session, cycle)
                 if d.id in {r.division_id for r in open_parts(session=session, cycle=cycle)}]
        raise errors.PartsOpen(step=s.number, divisions=names)
    _finish(run, actor, now, Outcome.DONE, note, data)
    result = Result(cycle=cycle, completed=[run])
    _audit(session, cycle, actor, f"step.{s.key}.done", now, before={"status": ACTIVE},
           after={"run": run.id, "division_id": run.division_id, "note": note})
    if s.per_division and any(
        r.status == ACTIVE for r in cycles.latest_runs(
            session=session, cycle_id=cycle_id, step=s.key).values()
    ):
        return result
    _follow(session, cycle, s.key, Outcome.DONE, now, result, actor, calendar)
    return result


def decide(
    *,
    session: Session,
    cycle_id: int,
    actor: Actor,
    approve: bool,
    now: datetime,
    note: str | None = None,
    return_division_ids: list[int] | None = None,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Step 7: approve (on to step 8) or return with a note.

    A return names the divisions that must complete their part (step 4 again for them only)
    or, with no divisions named, sends the report back to the Tim SAKIP (step 5).
    """
    review = next(s for s in STEPS if s.decision)
    cycle = _open_cycle(session, cycle_id)
    run = _run_for(session, cycle, review, actor, None)
    actor = actor.for_step(review)
    if approve:
        _finish(run, actor, now, Outcome.APPROVED, note, {})
        result = Result(cycle=cycle, completed=[run])
        _audit(session, cycle, actor, "step.review.approved", now, after={"note": note})
        _follow(session, cycle, review.key, Outcome.APPROVED, now, result, actor, calendar)
        return result
    if not note or not note.strip():
        raise errors.InvalidInput(reason=Reason.NOTE_REQUIRED)
    division_ids = sorted(set(return_division_ids or []))
    valid = {d.id for d in _parts(session, cycle)}
    if any(d not in valid for d in division_ids):
        raise errors.InvalidInput(reason=Reason.UNKNOWN_DIVISION)
    _finish(run, actor, now, Outcome.RETURNED, note, {"division_ids": division_ids})
    result = Result(cycle=cycle, completed=[run])
    # The SOP table's two returns: to the divisions' parts, or to the whole report.
    back = [step(t.target) for t in transitions_from(review.key, Outcome.RETURNED) if t.target]
    if division_ids:
        to_parts = next(s for s in back if s.per_division)
        for division_id in division_ids:
            result.activated += _activate(session=session, cycle=cycle, s=to_parts, now=now,
                                          division_ids=[division_id], note=note,
                                          calendar=calendar)
    else:
        to_report = next(s for s in back if not s.per_division)
        result.activated += _activate(session=session, cycle=cycle, s=to_report, now=now,
                                      note=note, calendar=calendar)
    _audit(session, cycle, actor, "step.review.returned", now,
           after={"note": note, "division_ids": division_ids})
    return result


def _follow(
    session: Session, cycle: MeasurementCycle, key: StepKey, outcome: Outcome, now: datetime,
    result: Result, actor: Actor, calendar: WorkingCalendar,
) -> None:
    edges = transitions_from(key, outcome)
    target = edges[0].target if edges else None
    if target is None:
        cycle.status = ARCHIVED
        cycle.closed_at = now
        session.add(cycle)
        result.closed = True
        _audit(session, cycle, actor, "cycle.archived", now, before={"status": OPEN},
               after={"status": ARCHIVED})
        return
    if active_run(session=session, cycle=cycle, key=target) is not None:
        return  # a part returned by the Tim SAKIP came back: step 5 is already waiting
    result.activated += _activate(session=session, cycle=cycle, s=step(target), now=now,
                                  calendar=calendar)


def return_part(
    *, session: Session, cycle_id: int, actor: Actor, division_id: int, note: str,
    now: datetime, calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Result:
    """Step 5: the Tim SAKIP sends one division's part back; only that division fills in again.

    Step 5 stays active and cannot complete until the part is submitted again.
    """
    compile_step = step(StepKey.COMPILE)
    cycle = _open_cycle(session, cycle_id)
    _run_for(session, cycle, compile_step, actor, None)
    actor = actor.for_step(compile_step)
    if not note.strip():
        raise errors.InvalidInput(reason=Reason.NOTE_REQUIRED)
    fill_in = next(s for s in STEPS if s.per_division)
    latest = cycles.latest_runs(session=session, cycle_id=cycle_id, step=fill_in.key)
    part = latest.get(division_id)
    if part is None:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_DIVISION)
    if part.status == ACTIVE:
        raise errors.StepNotActive(step=fill_in.number, division=None)
    runs = _activate(session=session, cycle=cycle, s=fill_in, now=now,
                     division_ids=[division_id], note=note, calendar=calendar)
    _audit(session, cycle, actor, "step.fill_in.returned", now,
           after={"division_id": division_id, "note": note})
    return Result(cycle=cycle, activated=runs)


def open_parts(*, session: Session, cycle: MeasurementCycle) -> list[StepRun]:
    """Step 4 parts that are still being filled in."""
    assert cycle.id is not None
    fill_in = next(s for s in STEPS if s.per_division)
    latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=fill_in.key)
    return [run for run in latest.values() if run.status == ACTIVE]


def _activate(
    *,
    session: Session,
    cycle: MeasurementCycle,
    s: Step,
    now: datetime,
    division_ids: list[int] | None = None,
    note: str | None = None,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> list[StepRun]:
    assert cycle.id is not None
    if s.per_division:
        targets: list[int | None] = list(
            division_ids if division_ids is not None
            else [d.id for d in _parts(session, cycle) if d.id is not None]
        )
    else:
        targets = [None]
    latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=s.key)
    runs = []
    for division_id in targets:
        previous = latest.get(division_id)
        run = StepRun(
            cycle_id=cycle.id, step=s.key, division_id=division_id,
            round=(previous.round + 1) if previous else 1, status=ACTIVE, started_at=now,
            due_at=calendar.due(now, s.time_standard), note=note,
        )
        session.add(run)
        runs.append(run)
    session.flush()
    return runs


def _finish(
    run: StepRun, actor: Actor, now: datetime, outcome: Outcome, note: str | None,
    data: dict[str, object] | None,
) -> None:
    run.status = DONE
    run.done_at = now
    run.done_by_user_id = actor.id
    run.outcome = outcome
    if note is not None:
        run.note = note
    if data:
        run.data = {**run.data, **data}
    if actor.acting_for:
        # Documents signed from this run say "Plh." with both names, also when read later.
        run.data = {**run.data, "acting_for": [p.name for p in actor.acting_for]}


def _open_cycle(session: Session, cycle_id: int) -> MeasurementCycle:
    cycle = cycles.get_cycle(session=session, cycle_id=cycle_id, for_update=True)
    if cycle is None:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_CYCLE)
    if cycle.status != OPEN:
        raise errors.CycleClosed(year=cycle.year, quarter=cycle.quarter)
    return cycle


def _run_for(
    session: Session, cycle: MeasurementCycle, s: Step, actor: Actor, division_id: int | None
) -> StepRun:
    division = None
    if s.per_division:
        if division_id is None:
            raise errors.InvalidInput(reason=Reason.DIVISION_REQUIRED, step=s.number)
        division = agencies.get_division(session=session, division_id=division_id)
        if division is None or division.agency_id != cycle.agency_id:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_DIVISION)
    else:
        division_id = None
    run = active_run(session=session, cycle=cycle, key=s.key, division_id=division_id)
    if actor.user.agency_id != cycle.agency_id or not (
            actor.may_act(s, division) or (run is not None and is_reassigned_to(run, actor))):
        raise errors.NotAllowed(step=s.number)
    if run is None:
        raise errors.StepNotActive(step=s.number, division=division.name if division else None)
    return run


def _division_of(session: Session, run: StepRun) -> Division | None:
    if run.division_id is None:
        return None
    return agencies.get_division(session=session, division_id=run.division_id)


def is_reassigned_to(run: StepRun, actor: Actor) -> bool:
    """Whether the Sekretaris gave this run to ``actor`` (or to someone they stand in for).

    Never for the head's steps: a reassignment stored before that was refused gives nothing.
    """
    if Role.HEAD in step(StepKey(run.step)).actors:
        return False
    given = run.data.get("assignee_user_id")
    return given is not None and int(given) in {actor.id, *(p.id for p in actor.acting_for)}


def _parts(session: Session, cycle: MeasurementCycle) -> list[Division]:
    """The divisions that fill in step 4: the Sekretariat and every active Bidang.

    Once step 4 has begun, the parts are fixed to the divisions it began with, so that a
    division added mid-cycle joins the next cycle instead of blocking this one.
    """
    assert cycle.id is not None
    fill_in = [s for s in STEPS if s.per_division]
    started = {
        run.division_id
        for s in fill_in
        for run in cycles.runs_of(session=session, cycle_id=cycle.id, step=s.key)
    }
    divisions = agencies.list_divisions(session=session, agency_id=cycle.agency_id,
                                        active_only=not started)
    if started:
        divisions = [d for d in divisions if d.id in started]
    return divisions


def _audit(
    session: Session, cycle: MeasurementCycle, actor: Actor, action: str, now: datetime,
    before: dict[str, object] | None = None, after: dict[str, object] | None = None,
) -> None:
    if actor.acting_for:
        after = {**(after or {}), "acting_for": [p.name for p in actor.acting_for],
                 "acting_as": actor.signature}
    audit.record(
        session=session, agency_id=cycle.agency_id, cycle_id=cycle.id, actor_user_id=actor.id,
        action=action, at=now, before=before, after=after,
    )


def parts(*, session: Session, cycle: MeasurementCycle) -> list[Division]:
    """Public view of the step 4 parts."""
    return _parts(session, cycle)


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