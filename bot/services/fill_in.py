"""Step 4: one division's part — figures and evidence saved at once, then submitted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.domain import errors
from bot.domain.clock import to_local
from bot.domain.errors import Reason
from bot.domain.sop import DocumentKind, StepKey, step
from bot.services import completion, realization, runs
from bot.services.context import RunRef, ServiceContext, database_only
from bot.services.outputs import TEXT, XLSX, DocView, doc_view, generate, letterhead, store_upload
from bot.services.runs import RunView
from bot.services.uploads import Upload
from reports import letters
from storage import cycles, documents


@dataclass(frozen=True)
class PartView:
    run: RunView
    figures: str | None
    evidence: list[DocView]


@database_only
def open_part(ctx: ServiceContext, user_id: int, run_id: int) -> PartView:
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, _actor):
        return _view(session, ref)


def save_figures(ctx: ServiceContext, user_id: int, run_id: int, figures: str) -> PartView:
    """Keep the typed realisation on the part itself, shared by the division's staff."""
    figures = figures.strip()
    if not figures:
        raise errors.InvalidInput(reason=Reason.FIGURES_REQUIRED)
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, _actor):
        ref.run.data = {**ref.run.data, "figures": figures}
        session.add(ref.run)
        return _view(session, ref)


def add_evidence(ctx: ServiceContext, user_id: int, run_id: int, upload: Upload) -> DocView:
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        return store_upload(ctx, session, ref, actor, DocumentKind.EVIDENCE, upload)


def submit_part(ctx: ServiceContext, user_id: int, run_id: int) -> RunView:
    """Write the division's Draf Realisasi and hand the part to the Tim SAKIP."""
    now = ctx.now()
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        actor = actor.for_step(step(StepKey.FILL_IN), ref.division)
        cycle = ref.cycle
        division = ref.division_name or "-"
        name = f"Draf-Realisasi-TW{cycle.quarter}-{cycle.year}-{division}-r{ref.run.round}"
        sheet = realization.sheet(session, ref)
        if sheet.structured:
            if not sheet.complete:
                raise errors.InvalidInput(reason=Reason.PART_INCOMPLETE,
                                          missing=realization.missing_labels(sheet))
            assert ref.division is not None
            content = realization.division_form(session, cycle, ref.division)
            generate(ctx, session, ref, actor, DocumentKind.DRAFT, name + ".xlsx", content,
                     XLSX, division_id=ref.run.division_id)
        else:
            part = _view(session, ref)
            if not part.figures:
                raise errors.InvalidInput(reason=Reason.FIGURES_REQUIRED)
            if not part.evidence:
                raise errors.InvalidInput(reason=Reason.EVIDENCE_REQUIRED)
            content = letters.division_draft(
                letterhead=letterhead(session, cycle.agency_id), day=to_local(now).date(),
                year=cycle.year, quarter=cycle.quarter, division=division,
                submitted_by=actor.signature, figures=part.figures,
                evidence=[d.name for d in part.evidence],
            )
            generate(ctx, session, ref, actor, DocumentKind.DRAFT, name + ".txt", content, TEXT,
                     division_id=ref.run.division_id)
        completion.complete(session, ref, actor, now,
                      calendar=ctx.calendar_of(session, ref.cycle.agency_id))
        return runs.view(ref)


def _view(session: Session, ref: RunRef) -> PartView:
    cycle, run = ref.cycle, ref.run
    assert cycle.id is not None
    figures = run.data.get("figures")
    if figures is None and run.round > 1:
        # A returned part starts from what the division submitted last time.
        earlier = [r for r in cycles.runs_of(session=session, cycle_id=cycle.id,
                                             step=StepKey.FILL_IN)
                   if r.division_id == run.division_id and r.id != run.id]
        figures = next((r.data.get("figures") for r in reversed(earlier)
                        if r.data.get("figures")), None)
    evidence = documents.documents_of(session=session, cycle_id=cycle.id,
                                      kind=DocumentKind.EVIDENCE, division_id=run.division_id)
    return PartView(run=runs.view(ref), figures=figures,
                    evidence=[doc_view(d) for d in evidence])
