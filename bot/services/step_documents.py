"""What the confirm-only steps show before they are confirmed and the documents they make:
the forms (step 3), the compiled report and its charts (step 5), the final report (step 8).
``bot.services.step_work`` says which step uses which."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot import texts
from bot.domain import errors, workflow
from bot.domain.clock import to_local
from bot.domain.sop import DocumentKind, StepKey, step
from bot.formatting import datetime_short, period_label
from bot.services import engine, outputs, realization
from bot.services.context import RunRef, ServiceContext
from reports import esr, report_pdf, workbooks
from reports.heading import ReportHeading, SignOff
from reports.report_charts import for_the_pdf, report_charts
from storage import cycles, documents, performance, users
from storage.models import MeasurementCycle, User


# --- shown before confirming ---------------------------------------------------------------------
def forms_preview(session: Session, ref: RunRef) -> list[str]:
    """Step 3: what each division's form will hold."""
    return [texts.forms_ready(_form_contents(session, ref.cycle))]


def esr_preview(session: Session, ref: RunRef) -> list[str]:
    """Step 9: how to upload to ESR."""
    return [texts.ESR_CHECKLIST]


def _form_contents(session: Session, cycle: MeasurementCycle) -> list[tuple[str, int, int]]:
    """Per division: how many indicators and sub-kegiatan its form will hold."""
    rows = []
    for division in engine.parts(session=session, cycle=cycle):
        if cycle.agreement_id is None:
            rows.append((division.name, 0, 0))
            continue
        rows.append((division.name,
                     len(performance.indicators_of(session=session,
                                                   agreement_id=cycle.agreement_id,
                                                   division_id=division.id)),
                     len(performance.sub_activities_of(session=session,
                                                       agreement_id=cycle.agreement_id,
                                                       division_id=division.id))))
    return rows


def completeness(session: Session, ref: RunRef) -> list[str]:
    """One line per division: where its part stands, what it lacks, how much evidence."""
    cycle = ref.cycle
    assert cycle.id is not None
    latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=StepKey.FILL_IN)
    lines = []
    for division in engine.parts(session=session, cycle=cycle):
        run = latest.get(division.id)
        evidence = documents.documents_of(session=session, cycle_id=cycle.id,
                                          kind=DocumentKind.EVIDENCE, division_id=division.id)
        submitted = run is not None and run.status == workflow.DONE
        lines.append(texts.completeness_line(division.name, submitted, len(evidence)))
        if run is not None and cycle.agreement_id is not None:
            part = realization.sheet(session, RunRef(run=run, cycle=cycle, division=division))
            lines += [f"   {line}" for line in realization.missing_labels(part)]
    return lines


# --- made when confirmed -------------------------------------------------------------------------
def make_forms(ctx: ServiceContext, session: Session, ref: RunRef, actor: workflow.Actor) -> None:
    """Step 3: one form per division, from the Perjanjian Kinerja and the Rencana Aksi."""
    _make_forms(ctx, session, ref, actor)


def make_compiled_report(ctx: ServiceContext, session: Session, ref: RunRef,
                         actor: workflow.Actor) -> None:
    """Step 5: every part must be in; the report, its PDF and its charts."""
    _check_parts_ready(session, ref)
    _make_report(ctx, session, ref, actor, final=False)


def make_final_report(ctx: ServiceContext, session: Session, ref: RunRef,
                      actor: workflow.Actor) -> None:
    """Step 8: the file uploaded to ESR, signed by whoever approved at step 7."""
    _make_report(ctx, session, ref, actor, final=True)


def _check_parts_ready(session: Session, ref: RunRef) -> None:
    missing = engine.missing_documents(session=session, cycle=ref.cycle,
                                         kinds=step(StepKey.COMPILE).inputs)
    if missing:
        raise errors.MissingInputs(step=step(StepKey.COMPILE).number, missing=missing)


def _make_forms(ctx: ServiceContext, session: Session, ref: RunRef, actor: workflow.Actor) -> None:
    cycle = ref.cycle
    agency = outputs.agency_name(session, cycle.agency_id)
    for division in engine.parts(session=session, cycle=cycle):
        if cycle.agreement_id is not None:
            content = realization.division_form(session, cycle, division)
        else:
            content = workbooks.division_form(agency=agency, division=division.name,
                                              year=cycle.year, quarter=cycle.quarter)
        name = f"Format-Realisasi-TW{cycle.quarter}-{cycle.year}-{division.name}.xlsx"
        outputs.generate(ctx, session, ref, actor, DocumentKind.FORM, name, content, outputs.XLSX,
                  division_id=division.id)


def _make_report(
    ctx: ServiceContext, session: Session, ref: RunRef, actor: workflow.Actor, *, final: bool
) -> None:
    cycle = ref.cycle
    assert cycle.id is not None
    latest = cycles.latest_runs(session=session, cycle_id=cycle.id, step=StepKey.FILL_IN)
    parts = []
    for division in engine.parts(session=session, cycle=cycle):
        run = latest.get(division.id)
        evidence = documents.documents_of(session=session, cycle_id=cycle.id,
                                          kind=DocumentKind.EVIDENCE, division_id=division.id)
        submitter = (users.get_user(session=session, user_id=run.done_by_user_id)
                     if run and run.done_by_user_id else None)
        parts.append(workbooks.PartSummary(
            division=division.name,
            submitted_by=submitter.name if submitter else "-",
            submitted_at=datetime_short(run.done_at) if run and run.done_at else "-",
            figures=str(run.data.get("figures", "")) if run else "",
            evidence=tuple(d.original_name for d in evidence),
        ))
    signer = _signer(session, cycle) if final else None
    approval = texts.approval_note(signer.signature, signer.decided_at) if signer else None
    measurements, finances = realization.report_rows(session, cycle)
    letterhead = outputs.letterhead(session, cycle.agency_id)
    # The final report is signed by whoever approved it at step 7; the draft by the Tim SAKIP
    # member who compiled it, since nobody has approved it yet.
    if final:
        signed_by = signer.user if signer else None
        title = texts.head_title(acting=bool(signer and signer.acting_for))
    else:
        signed_by, title = actor.user, texts.COMPILED_BY
    sign_off = SignOff(approval_note=approval, title=title) if signed_by is None else SignOff(
        name=signed_by.name, rank=signed_by.title, nip=signed_by.nip, title=title,
        place=letterhead.place, day=to_local(ctx.now()).date(), approval_note=approval)
    # Rendered by the report workers (reports.pool), from these values alone.
    common: dict[str, Any] = {
        "heading": ReportHeading(agency=letterhead.agency, year=cycle.year,
                                 quarter=cycle.quarter, province=letterhead.province,
                                 logo=letterhead.logo),
        "sign_off": sign_off, "measurements": measurements, "finances": finances}
    # The agency's own cap, predikat scale and efisiensi thresholds judge its report.
    settings = outputs.report_settings(session, cycle.agency_id)
    # Drawn once: sent to the chat as pictures, and attached to the report's PDF.
    pictures = (ctx.reports.render(report_charts, measurements=measurements,
                                   finances=finances, scale=settings.scale,
                                   period=period_label(cycle.year, cycle.quarter))
                if measurements else [])
    if final and (measurements or finances):
        # The file uploaded to ESR: the one table of domain.md, signed by the Kepala Dinas.
        content = ctx.reports.render(esr.esr_workbook, **common)
        pdf = ctx.reports.render(esr.esr_pdf, **common, created_at=ctx.now())
    else:
        judged = {"cap": settings.cap, "scale": settings.scale,
                  "thresholds": settings.thresholds}
        content = ctx.reports.render(workbooks.compiled_report, **common, **judged,
                                     parts=parts, final=final)
        attached = for_the_pdf(pictures, measurements, finances) if pictures else None
        pdf = ctx.reports.render(report_pdf.report_pdf, **common, **judged, parts=parts,
                                 final=final, created_at=ctx.now(), chart_images=attached)
    kind = DocumentKind.FINAL_REPORT if final else DocumentKind.REPORT
    prefix = "Realisasi-Rencana-Aksi" if final else "Laporan-Hasil-Pengukuran-Kinerja"
    round_ = ref.run.round
    name = f"{prefix}-TW{cycle.quarter}-{cycle.year}" + (f"-r{round_}" if round_ > 1 else "")
    # The hand-off carries the kind's newest file: the workbook at step 5 (to compute with),
    # the PDF at step 8 (what ESR takes). So the other one is written first.
    if not final:
        outputs.generate(ctx, session, ref, actor, kind, name + ".pdf", pdf, outputs.PDF)
    outputs.generate(ctx, session, ref, actor, kind, name + ".xlsx", content, outputs.XLSX)
    suffix = f"TW{cycle.quarter}-{cycle.year}-r{ref.run.round}"
    for label, png in pictures:
        outputs.generate(ctx, session, ref, actor, DocumentKind.CHART, f"{label}-{suffix}.png",
                         png, outputs.PNG)
    if final:
        outputs.generate(ctx, session, ref, actor, kind, name + ".pdf", pdf, outputs.PDF)


@dataclass(frozen=True)
class _Signer:
    """The Kepala Dinas (or the acting one) who approved the report at step 7."""

    user: User
    acting_for: tuple[str, ...]
    decided_at: datetime

    @property
    def signature(self) -> str:
        if not self.acting_for:
            return self.user.name
        return texts.acting_signature(self.user.name, self.acting_for)


def _signer(session: Session, cycle: MeasurementCycle) -> _Signer | None:
    assert cycle.id is not None
    decided = cycles.latest_runs(session=session, cycle_id=cycle.id, step=StepKey.REVIEW).get(None)
    if decided is None or decided.done_by_user_id is None or decided.done_at is None:
        return None
    user = users.get_user(session=session, user_id=decided.done_by_user_id)
    if user is None:
        return None
    acting = tuple(str(name) for name in decided.data.get("acting_for", ()))
    return _Signer(user, acting, decided.done_at)
