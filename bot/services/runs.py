"""Views of step runs, and an official acting on one: loaded, and refused before any work
when it is not theirs to act on now."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlmodel import Session

from bot.domain import errors, workflow
from bot.domain.errors import Reason
from bot.domain.sop import StepKey, step
from bot.formatting import period_label
from bot.services.context import RunRef, ServiceContext, load_actor, load_run
from storage import cycles


@dataclass(frozen=True)
class RunView:
    run_id: int
    cycle_id: int
    year: int
    quarter: int
    step: StepKey
    division_id: int | None
    division_name: str | None
    due_at: datetime
    status: str
    note: str | None
    round: int
    started_at: datetime | None = None

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def number(self) -> int:
        return step(self.step).number

    @property
    def active(self) -> bool:
        return self.status == workflow.ACTIVE


def view(ref: RunRef) -> RunView:
    run, cycle = ref.run, ref.cycle
    assert run.id is not None and cycle.id is not None
    return RunView(
        run_id=run.id, cycle_id=cycle.id, year=cycle.year, quarter=cycle.quarter,
        step=StepKey(run.step), division_id=run.division_id, division_name=ref.division_name,
        due_at=run.due_at, status=run.status, note=run.note, round=run.round,
        started_at=run.started_at,
    )


def require_active(ref: RunRef, actor: workflow.Actor) -> workflow.Actor:
    """Refuse early, before any work, when the actor cannot act on this run now; returns the
    actor as they sign for it (a Plh. doing their own role's work signs as themselves)."""
    s = step(ref.run.step)
    if not (actor.may_act(s, ref.division)
            or workflow.is_reassigned_to(ref.run.step, ref.run.data, actor)):
        raise errors.NotAllowed(step=s.number)
    if ref.cycle.status != workflow.OPEN:
        raise errors.CycleClosed(year=ref.cycle.year, quarter=ref.cycle.quarter)
    if ref.run.status != workflow.ACTIVE:
        raise errors.StepNotActive(step=s.number, division=ref.division_name)
    return actor.for_step(s, ref.division)


def load_part(session: Session, run_id: int, actor: workflow.Actor) -> RunRef:
    """A step-4 part the actor may fill in now."""
    ref = load_run(session, run_id, actor)
    if ref.run.step != StepKey.FILL_IN:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_RUN)
    if ref.run.status != workflow.ACTIVE:
        # An older ▶️ Mulai of a part that was returned later: the part's newest round.
        assert ref.cycle.id is not None
        latest = cycles.latest_runs(session=session, cycle_id=ref.cycle.id,
                                    step=StepKey.FILL_IN).get(ref.run.division_id)
        if latest is not None and latest.status == workflow.ACTIVE:
            ref = RunRef(run=latest, cycle=ref.cycle, division=ref.division)
    require_active(ref, actor)
    return ref


class Acting(NamedTuple):
    """An official at work on one run, inside one transaction."""

    session: Session
    ref: RunRef
    actor: workflow.Actor


@contextmanager
def acting_on(ctx: ServiceContext, user_id: int, run_id: int, *, part: bool = False,
              of: StepKey | None = None) -> Iterator[Acting]:
    """This official acting on this run now, in one transaction. Refused before any work when
    the run is not theirs to act on: another agency's, not ``of`` (when given), not their
    role's, closed or done.

    With ``part``, the run is a division's step-4 part (``load_part``: an older ▶️ Mulai is the
    part's newest round) and the actor is the official as loaded; otherwise the actor is the
    official as they sign for the run (``require_active``)."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        if part:
            yield Acting(session, load_part(session, run_id, actor), actor)
            return
        ref = load_run(session, run_id, actor)
        if of is not None and ref.run.step != of:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_RUN)
        yield Acting(session, ref, require_active(ref, actor))
