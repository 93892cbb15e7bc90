"""Step 7: the Kepala Dinas approves the report or returns it with a note."""

from __future__ import annotations

from bot import texts
from bot.domain.sop import Role, StepKey
from bot.services import engine, notify, runs
from bot.services.context import ServiceContext
from bot.services.runs import RunView

TEAM = 0  # the return target that means "back to the Tim SAKIP" rather than a division


def send_request_again(ctx: ServiceContext, user_id: int, run_id: int) -> None:
    """Step 7 opened from /tugas: the request comes again with the report, the charts and the
    decision buttons, so that nobody decides without the report in front of them."""
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, actor):
        notify.resend_handoff(session=session, cycle=ref.cycle, run=ref.run, user=actor.user,
                              now=ctx.now())


def targets(ctx: ServiceContext, user_id: int, run_id: int) -> list[tuple[int, str]]:
    """What a return can name: every division, and the Tim SAKIP (as ``TEAM``)."""
    with runs.acting_on(ctx, user_id, run_id, of=StepKey.REVIEW) as (session, ref, _actor):
        divisions = [(d.id, d.name) for d in engine.parts(session=session, cycle=ref.cycle)
                     if d.id is not None]
        return [*divisions, (TEAM, texts.role_label(Role.SAKIP_TEAM))]


def decide(
    ctx: ServiceContext, user_id: int, run_id: int, *, approve: bool, note: str | None = None,
    division_ids: list[int] | None = None,
) -> RunView:
    """Approve, or return to the named divisions (or the Tim SAKIP when none is named)."""
    now = ctx.now()
    with runs.acting_on(ctx, user_id, run_id, of=StepKey.REVIEW) as (session, ref, actor):
        assert ref.cycle.id is not None
        result = engine.decide(
            session=session, cycle_id=ref.cycle.id, actor=actor, approve=approve, now=now,
            calendar=ctx.calendar_of(session, ref.cycle.agency_id),
            note=note, return_division_ids=[d for d in division_ids or [] if d != TEAM],
        )
        notify.announce(session=session, result=result, actor=actor, now=now)
        return runs.view(ref)
