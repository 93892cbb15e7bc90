"""Files a step stores or produces: uploads kept as documents, generated outputs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.domain import errors, workflow
from bot.domain.errors import Reason
from bot.domain.report_settings import ReportSettings
from bot.domain.sop import DocumentKind
from bot.services.context import RunRef, ServiceContext
from bot.services.uploads import Upload
from reports import letters
from storage import agencies, audit, documents
from storage.models import Agency, Document

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "text/plain"
PDF = "application/pdf"
PNG = "image/png"


@dataclass(frozen=True)
class DocView:
    document_id: int
    name: str
    size: int
    kind: str
    duplicate: bool = False


def doc_view(document: Document, *, duplicate: bool = False) -> DocView:
    assert document.id is not None
    return DocView(document.id, document.original_name, document.size, document.kind, duplicate)


def store_upload(
    ctx: ServiceContext, session: Session, ref: RunRef, actor: workflow.Actor, kind: DocumentKind,
    upload: Upload, *, indicator_id: int | None = None,
) -> DocView:
    assert ref.cycle.id is not None
    document, new = documents.record_document(
        session=session, store=ctx.store, agency_id=ref.cycle.agency_id, kind=kind,
        data=upload.data, original_name=upload.name, mime_type=upload.mime_type, now=ctx.now(),
        cycle_id=ref.cycle.id, step=ref.run.step, division_id=ref.run.division_id,
        created_by_user_id=actor.id, indicator_id=indicator_id,
    )
    return doc_view(document, duplicate=not new)


def remove_upload(
    ctx: ServiceContext, session: Session, ref: RunRef, actor: workflow.Actor, document_id: int,
    *, indicator_id: int | None = None,
) -> DocView:
    """Take back evidence sent by mistake while the part is still open; audited. The bytes
    stay in the store (other records may share them); the archive lists records only."""
    document = documents.get_document(session=session, document_id=document_id)
    if (document is None or document.kind != DocumentKind.EVIDENCE
            or document.cycle_id != ref.cycle.id or document.division_id != ref.run.division_id
            or (indicator_id is not None and document.indicator_id != indicator_id)):
        raise errors.InvalidInput(reason=Reason.UNKNOWN_FILE)
    view = doc_view(document)
    audit.record(session=session, agency_id=ref.cycle.agency_id, action="evidence.removed",
                 at=ctx.now(), actor_user_id=actor.id, cycle_id=ref.cycle.id,
                 before={"document_id": document_id, "name": document.original_name,
                         "sha256": document.sha256, "indicator_id": document.indicator_id,
                         "division_id": document.division_id})
    documents.remove_document(session=session, document=document)
    return view


def generate(
    ctx: ServiceContext, session: Session, ref: RunRef, actor: workflow.Actor,
    kind: DocumentKind, name: str, content: bytes, mime: str, *, division_id: int | None = None,
) -> Document:
    assert ref.cycle.id is not None
    document, _ = documents.record_document(
        session=session, store=ctx.store, agency_id=ref.cycle.agency_id, kind=kind,
        data=content, original_name=name, mime_type=mime, now=ctx.now(), cycle_id=ref.cycle.id,
        step=ref.run.step, division_id=division_id, created_by_user_id=actor.id,
    )
    return document


def letterhead(session: Session, agency_id: int) -> letters.Letterhead:
    profile = agencies.get_profile(session=session, agency_id=agency_id)
    return letters.Letterhead(agency=agency_name(session, agency_id),
                              province=profile.government, address=profile.address,
                              place=profile.place, logo=profile.logo)


def report_settings(session: Session, agency_id: int) -> ReportSettings:
    """How the agency's reports judge: cap, predikat scale, efisiensi thresholds."""
    profile = agencies.get_profile(session=session, agency_id=agency_id)
    return ReportSettings.from_mapping(profile.report_settings)


def agency_name(session: Session, agency_id: int) -> str:
    agency = session.get(Agency, agency_id)
    return agency.name if agency else "-"


def number(prefix: str, year: int, quarter: int) -> str:
    return f"{prefix}/{quarter:02d}/SAKIP/{year}"

