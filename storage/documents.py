"""Document records and the files behind them, kept under the data folder."""

from __future__ import annotations

import hashlib
import itertools
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from storage.models import Document

_FILTERS = (Document.kind, Document.division_id, Document.indicator_id)


def _documents_of(given: tuple[bool, ...]) -> Any:
    query = select(Document).where(col(Document.cycle_id) == bindparam("cycle_id"))
    for column, is_given in zip(_FILTERS, given, strict=True):
        if is_given:
            query = query.where(col(column) == bindparam(col(column).key))
    return query.order_by(col(Document.id))


# Built once with bound parameters (why: storage/users.py), by which of kind, division and
# indicator are given: an indicator's evidence is read for every figure typed and file sent.
_DOCUMENTS_OF = {given: _documents_of(given) for given in itertools.product((False, True),
                                                                             repeat=3)}
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class FileStore:
    """Content-addressed files: the same bytes are stored once, under their sha256."""

    root: Path

    def save(self, data: bytes, original_name: str) -> tuple[str, str]:
        """Store ``data``; returns (relative path, sha256)."""
        digest = hashlib.sha256(data).hexdigest()
        suffix = Path(_safe_name(original_name)).suffix.lower()[:10]
        relative = Path("files") / digest[:2] / f"{digest}{suffix}"
        target = self.root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # A name of its own: another thread or process may be storing the same bytes now,
            # and a shared one was renamed away under the writer that came second.
            tmp = target.with_name(f"{target.name}.{secrets.token_hex(8)}.part")
            try:
                tmp.write_bytes(data)
                tmp.replace(target)
            finally:
                tmp.unlink(missing_ok=True)
        return relative.as_posix(), digest

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()


def _safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", Path(name).name).strip() or "berkas"
    return cleaned[:120]


def record_document(
    *,
    session: Session,
    store: FileStore,
    agency_id: int,
    kind: str,
    data: bytes,
    original_name: str,
    mime_type: str,
    now: datetime,
    cycle_id: int | None = None,
    step: str | None = None,
    division_id: int | None = None,
    created_by_user_id: int | None = None,
    indicator_id: int | None = None,
) -> tuple[Document, bool]:
    """Store the bytes and record them; the same file for the same slot (cycle, kind,
    division and, for evidence, indicator) is recorded once. The bytes are kept once anyway.
    With the record: whether it is new (False when the slot held the same file already)."""
    path, digest = store.save(data, original_name)
    query = select(Document).where(
        Document.agency_id == agency_id,
        Document.cycle_id == cycle_id,
        Document.kind == kind,
        Document.division_id == division_id,
        Document.indicator_id == indicator_id,
        Document.sha256 == digest,
    )
    existing = session.exec(query).first()
    if existing is not None:
        return existing, False
    document = Document(
        agency_id=agency_id, cycle_id=cycle_id, step=step, kind=kind, division_id=division_id,
        path=path, original_name=_safe_name(original_name), mime_type=mime_type, size=len(data),
        sha256=digest, created_by_user_id=created_by_user_id, created_at=now,
        indicator_id=indicator_id,
    )
    session.add(document)
    session.flush()
    return document, True


def get_document(*, session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def documents_of(
    *,
    session: Session,
    cycle_id: int,
    kind: str | None = None,
    division_id: int | None = None,
    indicator_id: int | None = None,
) -> list[Document]:
    params = {"cycle_id": cycle_id, "kind": kind, "division_id": division_id,
              "indicator_id": indicator_id}
    query = _DOCUMENTS_OF[kind is not None, division_id is not None, indicator_id is not None]
    return list(session.exec(query, params={k: v for k, v in params.items() if v is not None}))


def kinds_held(*, session: Session, cycle_id: int) -> frozenset[tuple[str, int | None]]:
    """The (kind, division) of every document the cycle holds."""
    query = select(Document.kind, Document.division_id).where(
        Document.cycle_id == cycle_id).distinct()
    return frozenset((kind, division_id) for kind, division_id in session.exec(query))


def divisions_with(*, session: Session, cycle_id: int, kind: str) -> set[int | None]:
    """The divisions that have a document of ``kind`` in the cycle."""
    query = select(Document.division_id).where(
        Document.cycle_id == cycle_id, Document.kind == kind).distinct()
    return set(session.exec(query))


def latest_document(*, session: Session, cycle_id: int, kind: str) -> Document | None:
    query = (
        select(Document)
        .where(Document.cycle_id == cycle_id, Document.kind == kind)
        .order_by(col(Document.id).desc())
    )
    return session.exec(query).first()


def remove_document(*, session: Session, document: Document) -> None:
    """Forget a document record; the file stays, since other records may share its bytes."""
    session.delete(document)
