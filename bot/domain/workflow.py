"""The workflow engine: enforces the SOP table on a cycle. Knows nothing of Telegram or storage.

The engine is a function of values. It takes a cycle's state (``CycleState``) and one action
of an official (``Actor``), and returns a ``Change``: the new state, the runs it finished and
started, whether the cycle closed, and the audit entries to record. A refusal raises a
``WorkflowError`` that says why, and changes nothing. Loading the state and saving the change
is ``bot.services.engine``'s, in the caller's transaction, so that the change, its audit and
its notifications are one unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

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
    next_step,
    step,
    transitions_from,
)

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
FILL_IN: Step = next(s for s in STEPS if s.per_division)
REVIEW: Step = next(s for s in STEPS if s.decision)


# What the engine needs of the people, their roles and the divisions: whatever holds them
# (the stored rows, or plain values in a test) will do.
class Official(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def agency_id(self) -> int: ...


class Post(Protocol):
    """One role a person holds (in one division for a Bidang)."""

    @property
    def role(self) -> str: ...
    @property
    def division_id(self) -> int | None: ...


class Unit(Protocol):
    """A division: a Bidang or the Sekretariat."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def is_secretariat(self) -> bool: ...
    @property
    def active(self) -> bool: ...


U = TypeVar("U", bound=Official)
D = TypeVar("D", bound=Unit)


@dataclass(frozen=True)
class Actor(Generic[U]):
    """A user with the roles they hold."""

    user: U
    roles: tuple[Post, ...]
    # The officials this user stands in for (Plt/Plh) right now; their roles are in ``roles``.
    acting_for: tuple[U, ...] = ()
    # The user's own roles, without those of the officials they stand in for.
    own_roles: tuple[Post, ...] | None = None

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

    def for_step(self, s: Step, division: Unit | None = None) -> Actor[U]:
        """This actor as they do ``s``: standing in for someone only when their own roles do
        not give them the step, so that a Plh. doing their own work signs with their own
        title, never "Plh." of someone else's."""
        if not self.acting_for or self.own_roles is None:
            return self
        own = Actor(user=self.user, roles=self.own_roles, own_roles=self.own_roles)
        return own if own.may_act(s, division) else self

    def may_act(self, s: Step, division: Unit | None = None) -> bool:
        """Whether this actor may carry out ``s`` (for ``division``'s part of it)."""
        if not self.user.active:
            return False
        if s.per_division and division is not None:
            if division.is_secretariat:
                return Role.SECRETARY in s.actors and self.holds(Role.SECRETARY)
            return Role.DIVISION in s.actors and self.holds(Role.DIVISION, division.id)
        return any(self.holds(role) for role in s.actors if role is not Role.DIVISION)


@dataclass(frozen=True)
class Part:
    """A division as the engine sees it."""

    id: int
    name: str
    is_secretariat: bool = False
    active: bool = True


@dataclass(frozen=True)
class Run:
    """One activation of a step (per division for step 4); a return opens a new round.

    ``id`` is the stored run's; a run this change started has none until it is saved.
    """

    step: StepKey
    division_id: int | None
    round: int
    started_at: datetime
    due_at: datetime
    status: str = ACTIVE
    done_at: datetime | None = None
    done_by_user_id: int | None = None
    outcome: str | None = None
    note: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass(frozen=True)
class CycleState:
    """One cycle as the engine needs it: its runs, the documents it holds and the divisions."""

    agency_id: int
    year: int
    quarter: int
    # Every division of the agency, active or not, the Sekretariat first.
    divisions: tuple[Part, ...]
    id: int | None = None
    status: str = OPEN
    closed_at: datetime | None = None
    runs: tuple[Run, ...] = ()  # oldest first
    # The (kind, division) of every document the cycle holds.
    documents: frozenset[tuple[str, int | None]] = frozenset()

    def latest(self, key: StepKey) -> dict[int | None, Run]:
        """The newest run of ``key`` per division (None for steps that are not per division)."""
        return {run.division_id: run for run in self.runs if run.step == key}

    def active_run(self, key: StepKey, division_id: int | None = None) -> Run | None:
        return next((run for run in self.runs if run.status == ACTIVE and run.step == key
                     and run.division_id == division_id), None)

    def division(self, division_id: int) -> Part | None:
        return next((d for d in self.divisions if d.id == division_id), None)

    @property
    def parts(self) -> list[Part]:
        """The divisions that fill in step 4."""
        return parts_among(self.divisions, {run.division_id for run in self.runs
                                            if step(run.step).per_division})

    @property
    def open_parts(self) -> list[Run]:
        """Step 4 parts that are still being filled in."""
        return [run for run in self.latest(FILL_IN.key).values() if run.status == ACTIVE]


@dataclass(frozen=True)
class AuditEntry:
    actor_user_id: int
    action: str
    at: datetime
    before: Mapping[str, object] | None = None
    after: Mapping[str, object] | None = None


@dataclass(frozen=True)
class Change:
    """What one action did: the new state, runs finished and started, whether the cycle
    closed, and what to write in the audit trail, in order."""

    state: CycleState
    completed: tuple[Run, ...] = ()
    activated: tuple[Run, ...] = ()
    closed: bool = False
    audit: tuple[AuditEntry, ...] = ()


def parts_among(divisions: Iterable[D], started: set[int | None]) -> list[D]:
    """The divisions that fill in step 4: the Sekretariat and every active Bidang.

    Once step 4 has begun (``started`` holds the divisions of its runs), the parts are fixed to
    the divisions it began with, so that a division added mid-cycle joins the next cycle
    instead of blocking this one.
    """
    if started:
        return [d for d in divisions if d.id in started]
    return [d for d in divisions if d.active]


def missing_documents(
    state: CycleState, kinds: Sequence[DocumentKind], division_id: int | None = None,
) -> list[tuple[DocumentKind, Part | None]]:
    """The (kind, division) pairs of ``kinds`` that the cycle does not hold yet."""
    present = state.documents
    present_kinds = {kind for kind, _ in present}
    missing: list[tuple[DocumentKind, Part | None]] = []
    for kind in kinds:
        if division_id is not None:
            # An input made once for the whole agency serves every division's part.
            shared = kind not in PER_DIVISION_KINDS and (kind, None) in present
            if (kind, division_id) not in present and not shared:
                missing.append((kind, state.division(division_id)))
        elif kind in PER_DIVISION_KINDS:
            missing += [(kind, d) for d in state.parts if (kind, d.id) not in present]
        elif kind not in present_kinds:
            missing.append((kind, None))
    return missing


def is_reassigned_to(step_key: str, data: Mapping[str, Any], actor: Actor[Any]) -> bool:
    """Whether the Sekretaris gave this run (of ``step_key``, holding ``data``) to ``actor``
    or to someone they stand in for.

    Never for the head's steps: a reassignment stored before that was refused gives nothing.
    """
    if Role.HEAD in step(StepKey(step_key)).actors:
        return False
    given = data.get("assignee_user_id")
    return given is not None and int(given) in {actor.id, *(p.id for p in actor.acting_for)}


class _Draft:
    """The change being made by one action."""

    def __init__(self, state: CycleState, actor: Actor[Any], now: datetime,
                 calendar: WorkingCalendar) -> None:
        self.state = state
        self.actor = actor
        self.now = now
        self.calendar = calendar
        self.completed: list[Run] = []
        self.activated: list[Run] = []
        self.closed = False
        self.audit: list[AuditEntry] = []

    def change(self) -> Change:
        return Change(state=self.state, completed=tuple(self.completed),
                      activated=tuple(self.activated), closed=self.closed,
                      audit=tuple(self.audit))

    def record(self, action: str, before: dict[str, object] | None = None,
               after: dict[str, object] | None = None) -> None:
        if self.actor.acting_for:
            after = {**(after or {}), "acting_for": [p.name for p in self.actor.acting_for],
                     "acting_as": self.actor.signature}
        self.audit.append(AuditEntry(actor_user_id=self.actor.id, action=action, at=self.now,
                                     before=before, after=after))

    def finish(self, run: Run, outcome: Outcome, note: str | None,
               data: Mapping[str, object] | None) -> Run:
        merged = {**run.data, **(data or {})}
        if self.actor.acting_for:
            # Documents signed from this run say "Plh." with both names, also when read later.
            merged["acting_for"] = [p.name for p in self.actor.acting_for]
        done = replace(run, status=DONE, done_at=self.now, done_by_user_id=self.actor.id,
                       outcome=outcome, note=run.note if note is None else note, data=merged)
        self.state = replace(self.state, runs=tuple(done if r is run else r
                                                    for r in self.state.runs))
        self.completed.append(done)
        return done

    def activate(self, s: Step, division_ids: Sequence[int] | None = None,
                 note: str | None = None) -> None:
        if s.per_division:
            targets: list[int | None] = list(
                division_ids if division_ids is not None else [d.id for d in self.state.parts])
        else:
            targets = [None]
        latest = self.state.latest(s.key)
        started = [
            Run(step=s.key, division_id=division_id,
                round=latest[division_id].round + 1 if division_id in latest else 1,
                started_at=self.now, due_at=self.calendar.due(self.now, s.time_standard),
                note=note)
            for division_id in targets
        ]
        self.state = replace(self.state, runs=(*self.state.runs, *started))
        self.activated += started

    def follow(self, key: StepKey) -> None:
        """Start the step that follows ``key`` when it is done or approved, or close the cycle
        after the last."""
        target = next_step(key)
        if target is None:
            self.state = replace(self.state, status=ARCHIVED, closed_at=self.now)
            self.closed = True
            self.record("cycle.archived", before={"status": OPEN}, after={"status": ARCHIVED})
            return
        if self.state.active_run(target.key) is not None:
            return  # a part returned by the Tim SAKIP came back: step 5 is already waiting
        self.activate(target)


def start(
    *, agency_id: int, actor: Actor[Any], year: int, quarter: int, divisions: Sequence[Part],
    now: datetime, existing_status: str | None = None,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Change:
    """Open a cycle for a period; step 1 becomes the head's task.

    ``existing_status`` is the status of the agency's cycle for that period, if there is one.
    """
    first = STEPS[0]
    if actor.user.agency_id != agency_id or not actor.may_act(first):
        raise errors.NotAllowed(step=first.number)
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise errors.InvalidInput(year=year, quarter=quarter)
    if existing_status is not None:
        raise errors.CycleExists(year=year, quarter=quarter, status=existing_status)
    state = CycleState(agency_id=agency_id, year=year, quarter=quarter,
                       divisions=tuple(divisions))
    draft = _Draft(state, actor, now, calendar)
    draft.activate(first)
    draft.record("cycle.start", after={"year": year, "quarter": quarter})
    return draft.change()


def complete(
    state: CycleState, *, key: StepKey, actor: Actor[Any], now: datetime,
    division_id: int | None = None, note: str | None = None,
    data: Mapping[str, object] | None = None, calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Change:
    """Finish ``key`` (or one division's part of it) and activate what follows."""
    s = step(key)
    if s.decision:
        raise errors.InvalidInput(reason=Reason.DECISION_STEP, step=s.number)
    _check_open(state)
    run, division = _run_for(state, s, actor, division_id)
    draft = _Draft(state, actor.for_step(s, division), now, calendar)
    missing = missing_documents(state, s.inputs + s.outputs, run.division_id)
    if missing:
        raise errors.MissingInputs(step=s.number, missing=missing)
    if not s.per_division and state.open_parts:
        # A part the Tim SAKIP returned must come back before anything after step 4 finishes.
        waiting = {r.division_id for r in state.open_parts}
        raise errors.PartsOpen(step=s.number,
                               divisions=[d.name for d in state.parts if d.id in waiting])
    done = draft.finish(run, Outcome.DONE, note, data)
    draft.record(f"step.{s.key}.done", before={"status": ACTIVE},
                 after={"run": run.id, "division_id": run.division_id, "note": note})
    if s.per_division and any(r.status == ACTIVE
                              for r in draft.state.latest(s.key).values()):
        return draft.change()
    draft.follow(done.step)
    return draft.change()


def decide(
    state: CycleState, *, actor: Actor[Any], approve: bool, now: datetime,
    note: str | None = None, return_division_ids: Iterable[int] | None = None,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Change:
    """Step 7: approve (on to step 8) or return with a note.

    A return names the divisions that must complete their part (step 4 again for them only)
    or, with no divisions named, sends the report back to the Tim SAKIP (step 5).
    """
    _check_open(state)
    run, _ = _run_for(state, REVIEW, actor, None)
    draft = _Draft(state, actor.for_step(REVIEW), now, calendar)
    if approve:
        draft.finish(run, Outcome.APPROVED, note, {})
        draft.record("step.review.approved", after={"note": note})
        draft.follow(REVIEW.key)
        return draft.change()
    if not note or not note.strip():
        raise errors.InvalidInput(reason=Reason.NOTE_REQUIRED)
    division_ids = sorted(set(return_division_ids or []))
    valid = {d.id for d in state.parts}
    if any(d not in valid for d in division_ids):
        raise errors.InvalidInput(reason=Reason.UNKNOWN_DIVISION)
    draft.finish(run, Outcome.RETURNED, note, {"division_ids": division_ids})
    # The SOP table's two returns: to the divisions' parts, or to the whole report.
    back = [step(t.target) for t in transitions_from(REVIEW.key, Outcome.RETURNED) if t.target]
    if division_ids:
        draft.activate(next(s for s in back if s.per_division), division_ids, note)
    else:
        draft.activate(next(s for s in back if not s.per_division), note=note)
    draft.record("step.review.returned", after={"note": note, "division_ids": division_ids})
    return draft.change()


def return_part(
    state: CycleState, *, actor: Actor[Any], division_id: int, note: str, now: datetime,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Change:
    """Step 5: the Tim SAKIP sends one division's part back; only that division fills in again.

    Step 5 stays active and cannot complete until the part is submitted again.
    """
    compile_step = step(StepKey.COMPILE)
    _check_open(state)
    _run_for(state, compile_step, actor, None)
    draft = _Draft(state, actor.for_step(compile_step), now, calendar)
    if not note.strip():
        raise errors.InvalidInput(reason=Reason.NOTE_REQUIRED)
    part = state.latest(FILL_IN.key).get(division_id)
    if part is None:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_DIVISION)
    if part.status == ACTIVE:
        raise errors.StepNotActive(step=FILL_IN.number, division=None)
    draft.activate(FILL_IN, [division_id], note)
    draft.record("step.fill_in.returned", after={"division_id": division_id, "note": note})
    return draft.change()


def _check_open(state: CycleState) -> None:
    if state.status != OPEN:
        raise errors.CycleClosed(year=state.year, quarter=state.quarter)


def _run_for(
    state: CycleState, s: Step, actor: Actor[Any], division_id: int | None
) -> tuple[Run, Part | None]:
    division = None
    if s.per_division:
        if division_id is None:
            raise errors.InvalidInput(reason=Reason.DIVISION_REQUIRED, step=s.number)
        division = state.division(division_id)
        if division is None:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_DIVISION)
    else:
        division_id = None
    run = state.active_run(s.key, division_id)
    if actor.user.agency_id != state.agency_id or not (
            actor.may_act(s, division)
            or (run is not None and is_reassigned_to(run.step, run.data, actor))):
        raise errors.NotAllowed(step=s.number)
    if run is None:
        raise errors.StepNotActive(step=s.number, division=division.name if division else None)
    return run, division
