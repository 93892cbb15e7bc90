"""Rows of python-telegram-bot persistence: one JSON value per (namespace, kind, key).

The functions run inside a caller's session and never commit, so the caller decides the
transaction. Only portable statements are used (no SQLite ``INSERT OR REPLACE`` and no
PostgreSQL ``ON CONFLICT``) so that the same code serves both databases.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlmodel import Session, col, select

from storage.models import PtbState

# Built once with bound parameters (why: storage/users.py); on every update's path. A
# bound name in an UPDATE must not be a column's: ``b_`` as SQLAlchemy suggests.
_KEYED = (col(PtbState.namespace) == bindparam("b_namespace"),
          col(PtbState.kind) == bindparam("b_kind"), col(PtbState.key) == bindparam("b_key"))
_DATA = select(PtbState.data).where(*_KEYED)
_ROW = select(PtbState).where(*_KEYED)
_REPLACE = (sa_update(PtbState).where(*_KEYED).values(data=bindparam("b_data"))
            .execution_options(synchronize_session=False))


def _keyed(namespace: str, kind: str, key: str) -> dict[str, str]:
    return {"b_namespace": namespace, "b_kind": kind, "b_key": key}


def load_all(*, session: Session, namespace: str, kind: str) -> dict[str, Any]:
    """Every stored value of ``kind`` in ``namespace``, keyed by the row key."""
    rows = session.exec(
        select(PtbState).where(PtbState.namespace == namespace, PtbState.kind == kind)
    ).all()
    return {row.key: row.data for row in rows}


def load_one(*, session: Session, namespace: str, kind: str, key: str) -> Any | None:
    """The value stored under the key, or None."""
    return session.exec(_DATA, params=_keyed(namespace, kind, key)).one_or_none()


def upsert(*, session: Session, namespace: str, kind: str, key: str, data: Any) -> None:
    """Store ``data`` under the key, replacing what was there.

    A concurrent writer can insert the same key between our select and our insert; the unique
    constraint then fails the flush with ``IntegrityError`` and the caller may retry the whole
    transaction, which will take the update branch.
    """
    row = session.exec(_ROW, params=_keyed(namespace, kind, key)).one_or_none()
    if row is None:
        session.add(PtbState(namespace=namespace, kind=kind, key=key, data=data))
    else:
        # The JSON column does not track in-place mutation, so a new value must be assigned.
        row.data = data
        session.add(row)
    # Flushing here surfaces a unique-constraint race inside the caller's retry scope.
    session.flush()


def replace(*, session: Session, namespace: str, kind: str, key: str, data: Any) -> bool:
    """Store ``data`` over the row of the key in one statement; False if there is none."""
    result = session.execute(_REPLACE, {**_keyed(namespace, kind, key), "b_data": data})
    return bool(result.rowcount)  # type: ignore[attr-defined]


def delete(*, session: Session, namespace: str, kind: str, key: str) -> bool:
    """Remove the key; True if a row was there."""
    # Built here, not with bound values: the session then drops a loaded row it deletes.
    result = session.exec(
        sa_delete(PtbState).where(
            PtbState.namespace == namespace, PtbState.kind == kind, PtbState.key == key
        )
    )
    return bool(result.rowcount)
