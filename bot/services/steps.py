"""Steps 1 and 2, and the confirm-only steps (3, 5, 6, 8, 9) as `step_work` describes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot import texts
from bot.domain import errors, workflow
from bot.domain.clock import to_local
from bot.domain.errors import Reason
from bot.domain.sop import DocumentKind, Role, StepKey, step
from bot.services import archive, completion, engine, notify, outputs, runs
from bot.services.context import RunRef, ServiceContext, database_only, load_actor, load_run
from bot.services.runs import RunView
from bot.services.step_work import How, work
from bot.services.uploads import Upload
from reports import letters
from reports.heading import SignOff
from reports.pdf import unprintable
from storage import agencies, cycles, documents, performance, users
from storage.models import User


# --- step 1 -------------------------------------------------------------------------------------
def start_cycle(ctx: ServiceContext, user_id: int, year: int, quarter: int) -> RunView:
    try:
        return _start_cycle(ctx, user_id, year, quarter)
    except IntegrityError:
        # Someone opened the same period between our check and our insert; the unique
        # constraint stopped the twin, and the official gets the same refusal as a moment later.
        with ctx.transaction() as session:
            agency_id = load_actor(session, user_id, ctx.now()).user.agency_id
            existing = cycles.find_cycle(session=session, agency_id=agency_id, year=year,
                                         quarter=quarter)
        if existing is None:
            raise
        raise errors.CycleExists(year=year, quarter=quarter, status=existing.status) from None


def _start_cycle(ctx: ServiceContext, user_id: int, year: int, quarter: int) -> RunView:
    now = ctx.now()
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        result = engine.start_cycle(session=session, agency_id=actor.user.agency_id,
                                      actor=actor, year=year, quarter=quarter, now=now,
                                      calendar=ctx.calendar_of(session, actor.user.agency_id))
        agreement = performance.latest_agreement(session=session,
                                                 agency_id=actor.user.agency_id, year=year)
        if agreement is not None:
            # The cycle keeps this version even if a PK Perubahan is imported later.
            result.cycle.agreement_id = agreement.id
            session.add(result.cycle)
        run = result.activated[0]
        assert run.id is not None
        return runs.view(load_run(session, run.id, actor))


def check_may_order(ctx: ServiceContext, user_id: int) -> None:
    """Refuse early anyone who may not open a cycle (the head, or the head's Plh, may)."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        if not actor.may_act(step(StepKey.ORDER)):
            raise errors.NotAllowed(step=step(StepKey.ORDER).number)


def open_order_run(ctx: ServiceContext, user_id: int) -> RunView | None:
    """The head's unfinished step 1, if a cycle was opened but the memo not yet issued."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        for cycle in cycles.list_cycles(session=session, agency_id=actor.user.agency_id,
                                        status=workflow.OPEN):
            run = engine.active_run(session=session, cycle=cycle, key=StepKey.ORDER)
            if run is not None and run.id is not None:
                return runs.view(load_run(session, run.id, actor))
    return None


@database_only
def get_run(ctx: ServiceContext, user_id: int, run_id: int, *, for_action: bool = True) -> RunView:
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        ref = load_run(session, run_id, actor)
        if for_action:
            runs.require_active(ref, actor)
        return runs.view(ref)


def previous_analysis(ctx: ServiceContext, user_id: int, run_id: int) -> outputs.DocView | None:
    """The latest report of an earlier cycle that can serve as this cycle's analysis."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        ref = load_run(session, run_id, actor)
        return _previous_report(session, ref)


def _previous_report(session: Session, ref: RunRef) -> outputs.DocView | None:
    earlier = [
        c for c in cycles.list_cycles(session=session, agency_id=ref.cycle.agency_id)
        if (c.year, c.quarter) < (ref.cycle.year, ref.cycle.quarter) and c.id is not None
    ]
    for cycle in earlier:
        assert cycle.id is not None
        for kind in (DocumentKind.FINAL_REPORT, DocumentKind.REPORT):
            found = documents.latest_document(session=session, cycle_id=cycle.id, kind=kind)
            if found is not None:
                return outputs.doc_view(found)
    return None


def attach(
    ctx: ServiceContext, user_id: int, run_id: int, kind: DocumentKind, upload: Upload
) -> outputs.DocView:
    """Store a file an official sent for this run."""
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, actor):
        return outputs.store_upload(ctx, session, ref, actor, kind, upload)


def reuse_previous_analysis(ctx: ServiceContext, user_id: int, run_id: int) -> outputs.DocView:
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, actor):
        previous = _previous_report(session, ref)
        if previous is None:
            raise errors.MissingInputs(step=1, missing=[(DocumentKind.ANALYSIS_REPORT, None)])
        source = documents.get_document(session=session, document_id=previous.document_id)
        assert source is not None
        upload = Upload(ctx.store.read(source.path), source.original_name, source.mime_type)
        return outputs.store_upload(ctx, session, ref, actor, DocumentKind.ANALYSIS_REPORT, upload)


def analysis_of(ctx: ServiceContext, user_id: int, run_id: int) -> outputs.DocView | None:
    """The analysis report already attached to the run's cycle, if any."""
    with ctx.transaction() as session:
        ref = load_run(session, run_id, load_actor(session, user_id, ctx.now()))
        assert ref.cycle.id is not None
        found = documents.latest_document(session=session, cycle_id=ref.cycle.id,
                                          kind=DocumentKind.ANALYSIS_REPORT)
        return outputs.doc_view(found) if found else None


def issue_memo(ctx: ServiceContext, user_id: int, run_id: int) -> RunView:
    """Step 1: write the Nota Kepala Dinas and hand the cycle to the Sekretaris."""
    now = ctx.now()
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, actor):
        cycle = ref.cycle
        assert cycle.id is not None
        analysis = documents.latest_document(session=session, cycle_id=cycle.id,
                                             kind=DocumentKind.ANALYSIS_REPORT)
        if analysis is None:
            raise errors.MissingInputs(step=1, missing=[(DocumentKind.ANALYSIS_REPORT, None)])
        secretaries = users.users_with_role(session=session, agency_id=cycle.agency_id,
                                            role=Role.SECRETARY)
        letterhead = outputs.letterhead(session, cycle.agency_id)
        content = letters.head_memo_pdf(
            letterhead=letterhead, number=outputs.number("ND", cycle.year, cycle.quarter),
            day=to_local(now).date(), year=cycle.year, quarter=cycle.quarter,
            signed=SignOff(name=actor.user.name, rank=actor.user.title, nip=actor.user.nip,
                           title=texts.head_title(acting=bool(actor.acting_for)),
                           place=letterhead.place or None),
            secretary_names=[u.name for u in secretaries], analysis_name=analysis.original_name,
            on_behalf_of=", ".join(p.name for p in actor.acting_for) or None, created_at=now,
        )
        outputs.generate(ctx, session, ref, actor, DocumentKind.HEAD_MEMO,
                         f"Nota-Kepala-Dinas-TW{cycle.quarter}-{cycle.year}.pdf", content,
                         outputs.PDF)
        completion.complete(session, ref, actor, now,
                      calendar=ctx.calendar_of(session, ref.cycle.agency_id))
        return runs.view(ref)


# --- step 2 -------------------------------------------------------------------------------------
def sakip_team(ctx: ServiceContext, user_id: int) -> list[tuple[int, str]]:
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        members = users.users_with_role(session=session, agency_id=actor.user.agency_id,
                                        role=Role.SAKIP_TEAM)
        return [(u.id, u.name) for u in members if u.id is not None]


def day_off(ctx: ServiceContext, user_id: int, day: date) -> str | None:
    """Why ``day`` is not a working day of the official's agency (a holiday's name, or "" for
    a weekend or a day without office hours); None on a working day."""
    with ctx.transaction() as session:
        calendar = ctx.calendar_of(session, load_actor(session, user_id).user.agency_id)
    if calendar.working_periods(day):
        return None
    return calendar.holiday_names.get(day, "")


MEETING_BEFORE_ORDER = timedelta(days=30)


def earliest_meeting(ordered: date) -> date:
    """The meeting follows the Nota Kepala Dinas; a few weeks' leeway for a Nota entered in
    the bot after the paper one, but not a date of another year typed by mistake."""
    return ordered - MEETING_BEFORE_ORDER


def unprintable_in_minutes(directions: str) -> int:
    """How many characters of typed directions the Notulen's font cannot print (an emoji):
    the Sekretaris is told before the document is made."""
    return unprintable(directions)


def record_briefing(
    ctx: ServiceContext, user_id: int, run_id: int, *, meeting_date: date,
    attendee_ids: list[int], directions: str, attachment_id: int | None,
    note_taker_id: int | None = None,
) -> RunView:
    """Step 2: the Notulen Rapat, handed to the Tim SAKIP. The one recording it chairs the
    meeting; one of the attendees minutes it (``note_taker_id``, by default the first)."""
    now = ctx.now()
    if not attendee_ids:
        raise errors.InvalidInput(reason=Reason.ATTENDEES_REQUIRED)
    if note_taker_id is None:
        note_taker_id = attendee_ids[0]
    if note_taker_id not in attendee_ids:
        raise errors.InvalidInput(reason=Reason.NOTE_TAKER)
    if not directions.strip():
        raise errors.InvalidInput(reason=Reason.DIRECTIONS_REQUIRED)
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, actor):
        cycle = ref.cycle
        earliest = earliest_meeting(to_local(ref.run.started_at).date())
        if not earliest <= meeting_date <= to_local(now).date():
            raise errors.InvalidInput(reason=Reason.MEETING_DATE, earliest=earliest.isoformat())
        attendees: dict[int, User] = {}
        for attendee_id in attendee_ids:
            attendee = users.get_user(session=session, user_id=attendee_id)
            if attendee is None or attendee.agency_id != cycle.agency_id:
                raise errors.InvalidInput(reason=Reason.UNKNOWN_ATTENDEE)
            attendees[attendee_id] = attendee
        note_taker = attendees[note_taker_id]
        attachment = (documents.get_document(session=session, document_id=attachment_id)
                      if attachment_id else None)
        content = letters.minutes_pdf(
            letterhead=outputs.letterhead(session, cycle.agency_id),
            number=outputs.number("NR", cycle.year, cycle.quarter), day=meeting_date,
            year=cycle.year, quarter=cycle.quarter,
            chair=SignOff(name=actor.signature, rank=actor.user.title, nip=actor.user.nip),
            attendees=[a.name for a in attendees.values()], directions=directions.strip(),
            attachment=attachment.original_name if attachment else None,
            note_taker=SignOff(name=note_taker.name, rank=note_taker.title, nip=note_taker.nip),
            created_at=now,
        )
        outputs.generate(ctx, session, ref, actor, DocumentKind.MINUTES,
                         f"Notulen-Rapat-TW{cycle.quarter}-{cycle.year}.pdf", content,
                         outputs.PDF)
        data = {"meeting_date": meeting_date.isoformat(), "attendee_ids": attendee_ids,
                "note_taker_id": note_taker_id, "directions": directions.strip()}
        completion.complete(session, ref, actor, now,
                      calendar=ctx.calendar_of(session, ref.cycle.agency_id), data=data)
        return runs.view(ref)


# --- confirm-only steps -------------------------------------------------------------------------
@dataclass(frozen=True)
class Preview:
    run: RunView
    extra: list[str]
    inputs: list[str]
    attachments: list[outputs.DocView]
    document_id: int | None
    returnable: list[tuple[int, str]]


def preview(ctx: ServiceContext, user_id: int, run_id: int) -> Preview:
    """What the official sees before confirming a confirm-only step."""
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, _actor):
        cycle = ref.cycle
        assert cycle.id is not None
        s, todo = step(ref.run.step), work(ref.run.step)
        extra = todo.shows(session, ref) if todo.shows is not None else []
        inputs = [texts.doc_label(kind) for kind in dict.fromkeys(s.inputs)]
        document_id = None
        for kind in (DocumentKind.FINAL_REPORT, DocumentKind.REPORT):
            found = documents.latest_document(session=session, cycle_id=cycle.id, kind=kind)
            if found is not None and kind in s.inputs:
                document_id = found.id
        attachments = [
            outputs.doc_view(d) for d in documents.documents_of(session=session, cycle_id=cycle.id)
            if d.kind == todo.attaches
        ]
        returnable = returnable_parts(session, ref) if todo.returns_parts else []
        return Preview(runs.view(ref), extra, inputs, attachments, document_id, returnable)


def returnable_parts(session: Session, ref: RunRef) -> list[tuple[int, str]]:
    """Divisions whose submitted part the Tim SAKIP may send back at step 5."""
    cycle = ref.cycle
    assert cycle.id is not None
    latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=StepKey.FILL_IN)
    return [(d.id, d.name) for d in engine.parts(session=session, cycle=cycle)
            if d.id is not None and d.id in latest and latest[d.id].status == workflow.DONE]


def return_part(
    ctx: ServiceContext, user_id: int, run_id: int, division_id: int, note: str
) -> str:
    """Step 5: send one division's part back with a note; returns the division's name."""
    now = ctx.now()
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, actor):
        if ref.run.step != StepKey.COMPILE:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_RUN)
        assert ref.cycle.id is not None
        result = engine.return_part(session=session, cycle_id=ref.cycle.id, actor=actor,
                                      division_id=division_id, note=note, now=now,
                                      calendar=ctx.calendar_of(session, ref.cycle.agency_id))
        notify.announce(session=session, result=result, actor=actor, now=now)
        division = agencies.get_division(session=session, division_id=division_id)
        return division.name if division else "-"


def confirm(ctx: ServiceContext, user_id: int, run_id: int, note: str | None = None) -> RunView:
    """Complete a confirm-only step, producing its output first."""
    now = ctx.now()
    with runs.acting_on(ctx, user_id, run_id) as (session, ref, actor):
        todo = work(ref.run.step)
        if todo.how is not How.CONFIRM:
            raise errors.InvalidInput(reason=Reason.NOT_CONFIRM_STEP)
        if todo.makes is not None:
            todo.makes(ctx, session, ref, actor)
        result = completion.complete(session, ref, actor, now, note=note,
                               calendar=ctx.calendar_of(session, ref.cycle.agency_id))
        view = runs.view(ref)
    if result.closed:
        # The cycle is archived: keep its documents together, sealed by their checksums.
        archive.build_archive(ctx, view.cycle_id, actor_user_id=user_id)
    return view
