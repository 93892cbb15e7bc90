"""Acting officials (Plh/Plt) and reassignment: who gets the task, who may act, what is kept."""
# ruff: noqa: F811  (pytest fixtures imported from tests.test_realization are parameters here)

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import texts
from bot.domain import errors
from bot.domain.clock import JAKARTA, to_local
from bot.domain.sop import Role, StepKey
from bot.services import (
    delegation,
    fill_in,
    provisioning,
    realization,
    review,
    steps,
    tasks,
)
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from storage.models import AuditEvent, OutboxMessage

# The agency, master data and a cycle at step 4 come from the realisation tests' fixtures.
from tests.test_realization import Clock, _complete_bina_marga, _task, at_step_4, people  # noqa: F401


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=Clock())


def _inbox(ctx: ServiceContext, user_id: int) -> list[OutboxMessage]:
    with Session(ctx.engine) as session:
        query = select(OutboxMessage).where(OutboxMessage.user_id == user_id)
        return list(session.exec(query.order_by(OutboxMessage.id)))


def _to_review(ctx: ServiceContext, p: dict[str, int]) -> None:
    fill_in.submit_part(ctx, p["bm"], _complete_bina_marga(ctx, p))
    part = _task(ctx, p["secretary"], StepKey.FILL_IN)
    sk1 = realization.part_sheet(ctx, p["secretary"], part).indicators[0]
    realization.save_value(ctx, p["secretary"], part, sk1.indicator_id, "80")
    realization.add_evidence(ctx, p["secretary"], part, sk1.indicator_id,
                             Upload(b"%PDF-1.4 x", "x.pdf", "application/pdf"))
    fill_in.submit_part(ctx, p["secretary"], part)
    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.COMPILE))
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FORWARD))


def test_plh_gets_the_decision_and_acts_with_both_names(ctx: ServiceContext,
                                                       at_step_4: dict[str, int]) -> None:
    p = at_step_4
    now = ctx.now()
    delegation.appoint(ctx, p["head"], principal_id=p["head"], substitute_id=p["secretary"],
                       starts_at=now, ends_at=now + timedelta(days=7))
    assert "Plh." in _inbox(ctx, p["secretary"])[-1].text
    _to_review(ctx, p)
    review_request = [m for m in _inbox(ctx, p["secretary"]) if "Setujui" in m.text]
    assert review_request, "the approval buttons went to the Plh"
    assert not [m for m in _inbox(ctx, p["head"]) if "Setujui" in m.text]
    run = _task(ctx, p["secretary"], StepKey.REVIEW)
    review.decide(ctx, p["secretary"], run, approve=True)
    with Session(ctx.engine) as session:
        event = session.exec(select(AuditEvent).where(
            AuditEvent.action == "step.review.approved")).one()
    assert event.actor_user_id == p["secretary"]
    assert event.after["acting_as"] == "Plh. Secretary (a.n. Head)"


def test_after_the_period_the_task_goes_back_to_the_official(ctx: ServiceContext,
                                                            at_step_4: dict[str, int]) -> None:
    p = at_step_4
    now = ctx.now()
    delegation.appoint(ctx, p["head"], principal_id=p["head"], substitute_id=p["secretary"],
                       starts_at=now - timedelta(days=3), ends_at=now + timedelta(hours=1))
    clock = ctx.clock
    assert isinstance(clock, Clock)
    clock.now += timedelta(days=1)
    _to_review(ctx, p)
    assert [m for m in _inbox(ctx, p["head"]) if "Setujui" in m.text]
    with pytest.raises(errors.NotAllowed):
        review.decide(ctx, p["secretary"], _task(ctx, p["head"], StepKey.REVIEW), approve=True)


def test_only_officials_name_their_own_substitute(ctx: ServiceContext,
                                                 at_step_4: dict[str, int]) -> None:
    p = at_step_4
    now = ctx.now()
    with pytest.raises(errors.NotAllowed):
        delegation.appoint(ctx, p["team"], principal_id=p["head"], substitute_id=p["team"],
                           starts_at=now, ends_at=now + timedelta(days=1))
    with pytest.raises(errors.InvalidInput):
        delegation.appoint(ctx, p["head"], principal_id=p["head"], substitute_id=p["team"],
                           starts_at=now, ends_at=now)


def test_the_secretary_reassigns_a_task(ctx: ServiceContext, at_step_4: dict[str, int]) -> None:
    p = at_step_4
    colleague = provisioning.add_user(ctx, name="Staf Bina Marga", telegram_id=777,
                                      roles=[(Role.DIVISION, "Bina Marga")]).id
    assert colleague is not None
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    with pytest.raises(errors.NotAllowed):
        delegation.reassign(ctx, p["team"], part, p["team"])
    # A division's part stays in the division: another division's staff would read and
    # change it.
    with pytest.raises(errors.InvalidInput) as refused:
        delegation.reassign(ctx, p["secretary"], part, p["team"])
    assert refused.value.params["reason"] == "reassign_other_division"
    assert [name for _, name in delegation.assignees(ctx, p["secretary"], part)] == [
        "Bm", "Staf Bina Marga"]
    assert delegation.reassign(ctx, p["secretary"], part, colleague) == "Staf Bina Marga"
    handoff = _inbox(ctx, colleague)[-1]
    assert "Langkah 4" in handoff.text and handoff.buttons
    assert any(t.run_id == part for t in tasks.open_tasks(ctx, colleague))
    with Session(ctx.engine) as session:
        moved = session.exec(select(AuditEvent).where(
            AuditEvent.action == "step.reassigned")).one()
    assert moved.after["assignee_user_id"] == colleague


def test_the_head_s_steps_are_never_reassigned(ctx: ServiceContext,
                                               at_step_4: dict[str, int]) -> None:
    """The order and the approval pass to a Plh./Plt. named with /plh, not by /alihkan: the
    Sekretaris could otherwise approve her own report and sign the Nota Kepala Dinas."""
    p = at_step_4
    _to_review(ctx, p)
    review = _task(ctx, p["head"], StepKey.REVIEW)
    assert review not in [run for run, _ in delegation.open_runs(ctx, p["secretary"])]
    with pytest.raises(errors.InvalidInput) as refused:
        delegation.reassign(ctx, p["secretary"], review, p["secretary"])
    assert refused.value.params == {"reason": "reassign_head_step", "step": 7}
    assert texts.error_message(refused.value).startswith("Langkah 7 adalah tugas Kepala Dinas")


def test_an_appointment_ended_early_gives_the_task_back(ctx: ServiceContext,
                                                        at_step_4: dict[str, int]) -> None:
    p = at_step_4
    now = ctx.now()
    made = delegation.appoint(ctx, p["head"], principal_id=p["head"],
                              substitute_id=p["secretary"], starts_at=now,
                              ends_at=now + timedelta(days=7))
    with pytest.raises(errors.NotAllowed):
        delegation.revoke(ctx, made.delegation_id, by_user_id=p["secretary"])
    ended = delegation.revoke(ctx, made.delegation_id, by_user_id=p["head"])
    assert not ended.in_force and ended.ends_at < now + timedelta(days=1)
    assert "berakhir" in _inbox(ctx, p["secretary"])[-1].text
    _to_review(ctx, p)
    assert [m for m in _inbox(ctx, p["head"]) if "Setujui" in m.text]
    assert not [m for m in _inbox(ctx, p["secretary"]) if "Setujui" in m.text]
    with pytest.raises(errors.InvalidInput):
        delegation.revoke(ctx, made.delegation_id, by_user_id=p["head"])
    with pytest.raises(errors.InvalidInput):
        delegation.appoint(ctx, p["head"], principal_id=p["head"], substitute_id=p["team"],
                           starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1))


@pytest.mark.parametrize("local", ["saturday 10:00", "friday 20:00"])
def test_today_named_out_of_office_hours_means_the_next_working_day(
        ctx: ServiceContext, at_step_4: dict[str, int], local: str) -> None:
    p = at_step_4
    clock = ctx.clock
    assert isinstance(clock, Clock)
    day = to_local(clock.now).date()
    weekday, hour = {"saturday 10:00": (5, 10), "friday 20:00": (4, 20)}[local]
    day += timedelta(days=(weekday - day.weekday()) % 7)
    clock.now = datetime.combine(day, time(hour), tzinfo=JAKARTA).astimezone(UTC)
    view = delegation.appoint_for(ctx, p["head"], p["secretary"], "today")
    ends = to_local(view.ends_at)
    assert ends.date() > day and ctx.calendar.is_working_day(ends.date())
    assert ends.time() in (time(16, 0), time(16, 30)), "to the end of that working day"
    assert all(not ctx.calendar.is_working_day(day + timedelta(days=n))
               for n in range(1, (ends.date() - day).days)), "the first working day after"
