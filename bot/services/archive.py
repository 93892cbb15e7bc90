"""SOP step 9, *mengarsipkannya*: one ZIP per archived cycle with its documents and audit log.

The archive is stored as a document of the cycle (kind ``"archive"``) and is reproducible: the
bundle is dated by the newest thing it holds, not by when it is built, so building it again for
an unchanged cycle gives the same bytes and ``storage.documents.record_document`` returns the same
record. The cycle's own ``archive.*`` audit events are therefore left out of the bundled log.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot import texts
from bot.domain import errors, workflow
from bot.domain.clock import as_utc
from bot.domain.errors import Reason
from bot.domain.sop import DocumentKind, StepKey
from bot.formatting import period_label
from bot.services import compliance, outputs
from bot.services.context import ServiceContext, resolve_agency
from reports import archive_bundle
from reports.compliance import compliance_csv
from storage import agencies, audit, cycles, documents, users
from storage.models import Agency, Document, MeasurementCycle

# TODO: DocumentKind.ARCHIVE once bot/domain/sop.py has it (and a DOCUMENT_LABELS entry).
ARCHIVE_KIND = DocumentKind.ARCHIVE
COMPLIANCE_KIND = "sop_compliance"  # generated into the bundle, not a stored document
ARCHIVE_MIME = "application/zip"
ARCHIVE_STEP = StepKey.ESR_UPLOAD
BUILT = "archive.built"
OWN_ACTIONS = "archive."  # audit actions of this module: not part of the bundled log


@dataclass(frozen=True)
class ArchiveRow:
    """An archived cycle and its latest archive (``document_id`` to ``built_at`` None if none)."""

    cycle_id: int
    year: int
    quarter: int
    period: str
    closed_at: datetime | None
    document_id: int | None
    name: str | None
    size: int | None
    sha256: str | None
    built_at: datetime | None


def build_archive(
    ctx: ServiceContext, cycle_id: int, *, actor_user_id: int | None = None
) -> outputs.DocView:
    """Bundle the archived cycle ``cycle_id``; ``duplicate`` is True when it already existed."""
    with ctx.transaction() as session:
        cycle = cycles.get_cycle(session=session, cycle_id=cycle_id)
        if cycle is None:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_CYCLE)
        document, existed = _build(ctx, session, cycle, actor_user_id)
        return outputs.doc_view(document, duplicate=existed)


def list_archives(ctx: ServiceContext, agency_code: str | None = None) -> list[ArchiveRow]:
    """Every archived cycle of the agency, newest period first."""
    with ctx.transaction() as session:
        agency = _agency(session, agency_code)
        assert agency.id is not None
        rows = []
        for cycle in cycles.list_cycles(session=session, agency_id=agency.id,
                                        status=workflow.ARCHIVED):
            assert cycle.id is not None
            found = documents.latest_document(session=session, cycle_id=cycle.id,
                                              kind=ARCHIVE_KIND)
            rows.append(ArchiveRow(
                cycle_id=cycle.id, year=cycle.year, quarter=cycle.quarter,
                period=period_label(cycle.year, cycle.quarter), closed_at=cycle.closed_at,
                document_id=found.id if found else None,
                name=found.original_name if found else None,
                size=found.size if found else None,
                sha256=found.sha256 if found else None,
                built_at=found.created_at if found else None,
            ))
        return rows


def get_archive(
    ctx: ServiceContext, year: int, quarter: int, agency_code: str | None = None
) -> tuple[str, bytes]:
    """File name and bytes of the period's archive, built now if there is none yet."""
    with ctx.transaction() as session:
        cycle = _find(session, agency_code, year, quarter)
        document, data = _fetch(ctx, session, cycle)
        return document.original_name, data


def verify_archive(
    ctx: ServiceContext, year: int, quarter: int, agency_code: str | None = None, *,
    data: bytes | None = None,
) -> list[str]:
    """Every discrepancy of the period's archive; empty when it is intact.

    Checks the ZIP against its manifest, the bytes against the stored record's sha256, and that
    every document of the cycle is in it. ``data`` checks a copy (e.g. one handed to an auditor)
    instead of the stored file.
    """
    with ctx.transaction() as session:
        cycle = _find(session, agency_code, year, quarter)
        document, stored = _fetch(ctx, session, cycle)
        data = stored if data is None else data
        problems = []
        if hashlib.sha256(data).hexdigest() != document.sha256:
            problems.append(texts.archive_stored_changed(document.original_name))
        problems += archive_bundle.verify_bundle(data)
        manifest = archive_bundle.read_manifest(data)
        if manifest is not None:
            assert cycle.id is not None
            bundled = Counter(str(item["sha256"]) for item in manifest["files"])
            for doc in _documents(session, cycle.id):
                if bundled[doc.sha256] > 0:
                    bundled[doc.sha256] -= 1
                else:
                    problems.append(texts.archive_document_absent(doc.original_name))
        return problems


# --- internals -----------------------------------------------------------------------------------
def _compliance_entry(
    ctx: ServiceContext, session: Session, cycle: MeasurementCycle
) -> archive_bundle.BundleEntry:
    """The SOP compliance sheet: every step's working time against its standard."""
    rows = compliance.timings(session, cycle, ctx.calendar_of(session, cycle.agency_id))
    assert cycle.closed_at is not None
    return archive_bundle.BundleEntry(
        kind=COMPLIANCE_KIND,
        name=texts.COMPLIANCE_FILE.format(quarter=cycle.quarter, year=cycle.year),
        data=compliance_csv(rows), created_at=cycle.closed_at)
def _build(
    ctx: ServiceContext, session: Session, cycle: MeasurementCycle, actor_user_id: int | None
) -> tuple[Document, bool]:
    _require_archived(cycle)
    assert cycle.id is not None
    agency = session.get(Agency, cycle.agency_id)
    assert agency is not None
    names = _Names(session)
    docs = _documents(session, cycle.id)
    replaced = superseded(docs)
    entries = [
        archive_bundle.BundleEntry(
            kind=doc.kind, name=doc.original_name, data=_read(ctx, doc),
            created_at=doc.created_at, step=doc.step, division=names.division(doc.division_id),
            created_by=names.user(doc.created_by_user_id), superseded=doc.id in replaced,
        )
        for doc in docs
    ]
    entries.append(_compliance_entry(ctx, session, cycle))
    events = [e for e in audit.events(session=session, agency_id=cycle.agency_id,
                                      cycle_id=cycle.id)
              if not e.action.startswith(OWN_ACTIONS)]
    rows = [{"at": e.at, "user": names.user(e.actor_user_id), "action": e.action,
             "before": e.before, "after": e.after} for e in events]
    moments = [cycle.closed_at, cycle.created_at, *(d.created_at for d in docs),
               *(e.at for e in events)]
    meta = {
        "agency": agency.name,
        "agency_code": agency.code,
        "year": cycle.year,
        "quarter": cycle.quarter,
        "period": period_label(cycle.year, cycle.quarter),
        "closed_at": cycle.closed_at,
        # The newest thing bundled, so that the same cycle always gives the same bytes.
        "generated_at": max(as_utc(m) for m in moments if m is not None),
    }
    data = archive_bundle.build_bundle(entries, rows, meta)
    now = ctx.now()
    document, new = documents.record_document(
        session=session, store=ctx.store, agency_id=cycle.agency_id, kind=ARCHIVE_KIND, data=data,
        original_name=texts.ARCHIVE_FILENAME.format(year=cycle.year, quarter=cycle.quarter),
        mime_type=ARCHIVE_MIME, now=now, cycle_id=cycle.id, step=ARCHIVE_STEP,
        created_by_user_id=actor_user_id,
    )
    if not new:
        return document, True
    audit.record(
        session=session, agency_id=cycle.agency_id, cycle_id=cycle.id,
        actor_user_id=actor_user_id, action=BUILT, at=now,
        after={"document_id": document.id, "name": document.original_name,
               "size": document.size, "sha256": document.sha256, "files": len(entries),
               "audit_rows": len(rows)},
    )
    return document, False


def _fetch(
    ctx: ServiceContext, session: Session, cycle: MeasurementCycle
) -> tuple[Document, bytes]:
    """The latest stored archive of the cycle, built (or its lost file rebuilt) when needed."""
    _require_archived(cycle)
    assert cycle.id is not None
    found = documents.latest_document(session=session, cycle_id=cycle.id, kind=ARCHIVE_KIND)
    if found is not None:
        try:
            return found, ctx.store.read(found.path)
        except OSError:
            pass  # the file is gone: the same bytes are built again below
    document, _ = _build(ctx, session, cycle, None)
    return document, ctx.store.read(document.path)


# One document of these counts per division: a newer one replaces it (a second analysis report
# sent at the confirmation, the draft of a later round after a return).
_ONE_PER_DIVISION = frozenset({DocumentKind.ANALYSIS_REPORT, DocumentKind.HEAD_MEMO,
                               DocumentKind.MINUTES, DocumentKind.DRAFT,
                               DocumentKind.ESR_RECEIPT})
# Every one of these counts (each file of evidence is its own).
_ALL_COUNT = frozenset({DocumentKind.EVIDENCE, DocumentKind.MINUTES_ATTACHMENT})


def superseded(docs: list[Document]) -> set[int]:
    """The ids of documents a newer one of the same slot replaced; other kinds (reports,
    charts, forms) are replaced by a newer file of the same name."""
    newest: dict[tuple[object, ...], Document] = {}
    for doc in sorted(docs, key=lambda d: (as_utc(d.created_at), d.id or 0)):
        if doc.kind in _ALL_COUNT:
            continue
        name = None if doc.kind in _ONE_PER_DIVISION else doc.original_name
        newest[(doc.kind, doc.division_id, name)] = doc
    kept = {doc.id for doc in newest.values()}
    return {doc.id for doc in docs if doc.kind not in _ALL_COUNT and doc.id not in kept
            and doc.id is not None}


def _documents(session: Session, cycle_id: int) -> list[Document]:
    return [d for d in documents.documents_of(session=session, cycle_id=cycle_id)
            if d.kind != ARCHIVE_KIND]


def _read(ctx: ServiceContext, doc: Document) -> bytes:
    try:
        data = ctx.store.read(doc.path)
    except OSError:
        raise errors.InvalidInput(reason=Reason.ARCHIVE_FILE_MISSING,
                                  name=doc.original_name) from None
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        raise errors.InvalidInput(reason=Reason.ARCHIVE_FILE_CORRUPT, name=doc.original_name)
    return data


def _require_archived(cycle: MeasurementCycle) -> None:
    if cycle.status != workflow.ARCHIVED:
        raise errors.InvalidInput(reason=Reason.CYCLE_NOT_ARCHIVED, year=cycle.year,
                                  quarter=cycle.quarter)


def _agency(session: Session, code: str | None) -> Agency:
    return resolve_agency(session, code)


def _find(session: Session, code: str | None, year: int, quarter: int) -> MeasurementCycle:
    agency = _agency(session, code)
    assert agency.id is not None
    cycle = cycles.find_cycle(session=session, agency_id=agency.id, year=year, quarter=quarter)
    if cycle is None:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_CYCLE, year=year, quarter=quarter)
    return cycle


class _Names:
    """User and division names, looked up once each."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._users: dict[int, str | None] = {}
        self._divisions: dict[int, str | None] = {}

    def user(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        if user_id not in self._users:
            user = users.get_user(session=self._session, user_id=user_id)
            self._users[user_id] = user.name if user else None
        return self._users[user_id]

    def division(self, division_id: int | None) -> str | None:
        if division_id is None:
            return None
        if division_id not in self._divisions:
            division = agencies.get_division(session=self._session, division_id=division_id)
            self._divisions[division_id] = division.name if division else None
        return self._divisions[division_id]
