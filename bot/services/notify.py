"""Turns what the engine changed into outbox messages, inside the same transaction.

Whoever must act next gets a hand-off with a button; those who only need to know get a notice.
Nobody gets both for the same change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot import texts
from bot.callbacks import Action, button
from bot.domain import workflow
from bot.domain.sop import DocumentKind, Outcome, Role, StepKey, step
from bot.domain.workflow import PER_DIVISION_KINDS
from bot.services import engine, roster
from bot.services.step_work import work
from storage import agencies, cycles, documents, outbox, users
from storage.models import Document, MeasurementCycle, StepRun, User


def announce(
    *, session: Session, result: engine.Result, actor: workflow.Actor, now: datetime
) -> None:
    cycle = result.cycle
    handed_off: set[int] = set()
    for run in result.activated:
        handed_off |= _handoff(session, cycle, run, now)
    for run in result.completed:
        _completion_notice(session, cycle, run, actor, now, skip=handed_off)
    if result.closed:
        notice = texts.archived_notice(cycle.year, cycle.quarter, actor.signature)
        roles = (Role.HEAD, Role.SECRETARY, Role.SAKIP_TEAM)
        for user in roster.users_with_any_role(
            session=session, agency_id=cycle.agency_id, roles=roles, now=now
        ):
            _send(session, cycle, user, notice, now)


@dataclass(frozen=True)
class _Handoff:
    text: str
    buttons: list[list[dict[str, str]]]
    document_id: int | None
    pictures: list[Document]


def _handoff_message(session: Session, cycle: MeasurementCycle, run: StepRun) -> _Handoff:
    s = step(run.step)
    assert run.id is not None
    division = (
        agencies.get_division(session=session, division_id=run.division_id)
        if run.division_id is not None else None
    )
    if s.decision:
        text = texts.review_request(cycle.year, cycle.quarter, run.due_at,
                                    review_summary(session=session, cycle=cycle))
        buttons = [[button(texts.BTN_APPROVE, Action.APPROVE, run.id),
                    button(texts.BTN_RETURN, Action.RETURN, run.id)]]
    else:
        text = texts.handoff(s, cycle.year, cycle.quarter, run.due_at,
                             division=division.name if division else None, note=run.note,
                             returned=run.round > 1 and bool(run.note))
        buttons = [[button(texts.BTN_BEGIN, Action.BEGIN, s.key, run.id)]]
    pictures = _charts(session, cycle) if work(s.key).charts else []
    return _Handoff(text, buttons, _input_document(session, cycle, run), pictures)


def _handoff(session: Session, cycle: MeasurementCycle, run: StepRun, now: datetime) -> set[int]:
    recipients = roster.assignees(session=session, cycle=cycle, run=run, now=now)
    for user in recipients:
        resend_handoff(session=session, cycle=cycle, run=run, user=user, now=now)
    return {u.id for u in recipients if u.id is not None}


def resend_handoff(*, session: Session, cycle: MeasurementCycle, run: StepRun, user: User,
                   now: datetime) -> None:
    """The step's hand-off (text, the document it needs, charts, buttons) to one official:
    also when the task is opened later from /tugas, e.g. by a Plh named after the hand-off."""
    message = _handoff_message(session, cycle, run)
    _send(session, cycle, user, message.text, now, buttons=message.buttons,
          document_id=message.document_id, tag=f"run:{run.id}")
    for chart in message.pictures:
        _send(session, cycle, user, texts.document_caption(chart.kind, chart.original_name),
              now, document_id=chart.id)


def _completion_notice(
    session: Session, cycle: MeasurementCycle, run: StepRun, actor: workflow.Actor,
    now: datetime, *, skip: set[int],
) -> None:
    s = step(run.step)
    document_id = None
    if s.per_division:
        assert cycle.id is not None
        latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=s.key)
        done = sum(1 for r in latest.values() if r.status == workflow.DONE)
        division = agencies.get_division(session=session, division_id=run.division_id or 0)
        text = texts.part_submitted(division.name if division else "-", done, len(latest),
                                    cycle.year, cycle.quarter)
    elif s.decision:
        targets = [d.name for d in _returned_divisions(session, run)] or (
            [texts.role_label(Role.SAKIP_TEAM)] if run.outcome == Outcome.RETURNED else [])
        text = texts.decision_notice(run.outcome == Outcome.APPROVED, cycle.year, cycle.quarter,
                                     actor.signature, run.note, targets)
    elif s.key is StepKey.FINAL_REPORT:
        assert cycle.id is not None
        text = texts.final_report_notice(cycle.year, cycle.quarter, actor.signature)
        final = documents.latest_document(session=session, cycle_id=cycle.id, kind=s.outputs[0])
        document_id = final.id if final else None
    else:
        return
    for user in roster.users_with_any_role(
        session=session, agency_id=cycle.agency_id, roles=s.participants, now=now
    ):
        if user.id not in skip and user.id != actor.id:
            _send(session, cycle, user, text, now, document_id=document_id)


def _charts(session: Session, cycle: MeasurementCycle) -> list[Document]:
    """The charts of the latest compiled report."""
    assert cycle.id is not None
    found = documents.documents_of(session=session, cycle_id=cycle.id, kind=DocumentKind.CHART)
    return found[-2:]


def review_summary(*, session: Session, cycle: MeasurementCycle) -> str:
    assert cycle.id is not None
    parts = []
    for division in engine.parts(session=session, cycle=cycle):
        evidence = documents.documents_of(session=session, cycle_id=cycle.id,
                                          kind="evidence", division_id=division.id)
        parts.append((division.name, len(evidence)))
    return texts.review_summary(parts)


def _returned_divisions(session: Session, run: StepRun) -> list:  # type: ignore[type-arg]
    ids = run.data.get("division_ids", []) if run.outcome == Outcome.RETURNED else []
    found = [agencies.get_division(session=session, division_id=i) for i in ids]
    return [d for d in found if d is not None]


def _input_document(session: Session, cycle: MeasurementCycle, run: StepRun) -> int | None:
    """The document a hand-off carries: the step's first input, when there is one to send."""
    s = step(run.step)
    if not s.inputs or s.inputs[0] in PER_DIVISION_KINDS:
        return None
    assert cycle.id is not None
    kind = s.inputs[0]
    if s.per_division:
        found = documents.documents_of(session=session, cycle_id=cycle.id, kind=kind,
                                       division_id=run.division_id)
        return found[-1].id if found else None
    latest = documents.latest_document(session=session, cycle_id=cycle.id, kind=kind)
    return latest.id if latest else None


def _send(
    session: Session, cycle: MeasurementCycle, user: User, text: str, now: datetime, *,
    buttons: list[list[dict[str, str]]] | None = None, document_id: int | None = None,
    tag: str | None = None,
) -> None:
    to_official(session=session, agency_id=cycle.agency_id, user=user, text=text, now=now,
                buttons=buttons, document_id=document_id, tag=tag)


def notify_user(
    *, session: Session, agency_id: int, user_id: int, text: str, now: datetime,
    buttons: list[list[dict[str, str]]] | None = None,
) -> None:
    """A one-off message to one user through the outbox."""
    user = users.get_user(session=session, user_id=user_id)
    if user is not None:
        to_official(session=session, agency_id=agency_id, user=user, text=text, now=now,
                    buttons=buttons)


def to_official(
    *, session: Session, agency_id: int, user: User, text: str, now: datetime,
    buttons: list[list[dict[str, str]]] | None = None, document_id: int | None = None,
    tag: str | None = None,
) -> bool:
    """Queue a notice for an official; False if they have no Telegram account yet (invited,
    not bound: /tugas shows their tasks once they join). One who serves several agencies
    reads which agency it is from."""
    if user.telegram_id is None or user.id is None:
        return False
    heading = _agency_heading(session, user.telegram_id, agency_id)
    outbox.enqueue(session=session, agency_id=agency_id, user_id=user.id,
                   chat_id=user.telegram_id, text=heading + text, now=now, buttons=buttons,
                   document_id=document_id, tag=tag)
    return True


def _agency_heading(session: Session, telegram_id: int, agency_id: int) -> str:
    # Asked once per session and recipient: a sweep or a hand-off notifies the same few often.
    known: dict[tuple[int, int], str] = session.info.setdefault("agency_heading", {})
    key = (telegram_id, agency_id)
    if key not in known:
        several = len(users.active_memberships(session=session, telegram_id=telegram_id)) > 1
        known[key] = (texts.agency_heading(
            agencies.get_agency_by_id(session=session, agency_id=agency_id).name)
            if several else "")
    return known[key]
