"""The one way services complete a step: the engine's change, then its announcement."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain import workflow
from bot.domain.calendar import WorkingCalendar
from bot.domain.sop import StepKey
from bot.services import engine, notify
from bot.services.context import RunRef


def complete(
    session: Session, ref: RunRef, actor: workflow.Actor, now: datetime, *,
    calendar: WorkingCalendar, note: str | None = None, data: dict[str, object] | None = None,
) -> engine.Result:
    assert ref.cycle.id is not None
    result = engine.complete_step(
        session=session, cycle_id=ref.cycle.id, key=StepKey(ref.run.step), actor=actor, now=now,
        division_id=ref.run.division_id, note=note, data=data, calendar=calendar,
    )
    notify.announce(session=session, result=result, actor=actor, now=now)
    return result
