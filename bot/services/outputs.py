"""Files a step stores or produces: uploads kept as documents, generated outputs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.domain import workflow
from bot.domain.sop import DocumentKind
from bot.services.context import RunRef, ServiceContext
from bot.services.uploads import Upload
from reports import letters
from storage import agencies, documents
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
    before = {d.id for d in documents.documents_of(session=session, cycle_id=ref.cycle.id)}
    document = documents.add_document(
        session=session, store=ctx.store, agency_id=ref.cycle.agency_id, kind=kind,
        data=upload.data, original_name=upload.name, mime_type=upload.mime_type, now=ctx.now(),
        cycle_id=ref.cycle.id, step=ref.run.step, division_id=ref.run.division_id,
        created_by_user_id=actor.id, indicator_id=indicator_id,
    )
    return doc_view(document, duplicate=document.id in before)


def generate(
    ctx: ServiceContext, session: Session, ref: RunRef, actor: workflow.Actor,
    kind: DocumentKind, name: str, content: bytes, mime: str, *, division_id: int | None = None,
) -> Document:
    assert ref.cycle.id is not None
    return documents.add_document(
        session=session, store=ctx.store, agency_id=ref.cycle.agency_id, kind=kind,
        data=content, original_name=name, mime_type=mime, now=ctx.now(), cycle_id=ref.cycle.id,
        step=ref.run.step, division_id=division_id, created_by_user_id=actor.id,
    )


def letterhead(session: Session, agency_id: int) -> letters.Letterhead:
    profile = agencies.get_profile(session=session, agency_id=agency_id)
    return letters.Letterhead(agency=agency_name(session, agency_id),
                              province=profile.government, address=profile.address,
                              place=profile.place)


def agency_name(session: Session, agency_id: int) -> str:
    agency = session.get(Agency, agency_id)
    return agency.name if agency else "-"


def number(prefix: str, year: int, quarter: int) -> str:
    return f"{prefix}/{quarter:02d}/SAKIP/{year}"

