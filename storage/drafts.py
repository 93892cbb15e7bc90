"""Half-finished input, saved at every answer so that nothing entered is lost.

Within an update (a joined ``Unit``) a draft is read once and written with the update's
commit, not at every answer: see ``Unit.hold``. A crash before that commit loses nothing,
because the update is handled again from the inbox."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, update
from sqlmodel import Session, col, select

from storage.db import unit_of
from storage.models import ConversationDraft

# Built once with bound parameters (why: storage/users.py); on every update's path. A
# bound name in an UPDATE must not be a column's: ``b_`` as SQLAlchemy suggests.
_OF = (col(ConversationDraft.user_id) == bindparam("b_user_id"),
       col(ConversationDraft.flow) == bindparam("b_flow"))
_READ = select(ConversationDraft.data).where(*_OF)
_WRITE = (update(ConversationDraft).where(*_OF)
          .values(data=bindparam("b_data"), updated_at=bindparam("b_now"))
          .execution_options(synchronize_session=False))
_DELETE = delete(ConversationDraft).where(*_OF).execution_options(synchronize_session=False)


def load(*, session: Session, user_id: int, flow: str) -> dict[str, Any]:
    unit = unit_of(session)
    if unit is None:
        return dict(_read(session, user_id, flow) or {})
    data = unit.held(_key(user_id, flow), lambda: _read(session, user_id, flow))
    return dict(data or {})  # a copy: what the caller changes is not the unit's until saved


def save(
    *, session: Session, user_id: int, flow: str, data: dict[str, Any], now: datetime
) -> None:
    write = functools.partial(_write, user_id=user_id, flow=flow, data=dict(data), now=now)
    unit = unit_of(session)
    if unit is None:
        write(session)
    else:
        unit.hold(_key(user_id, flow), dict(data), write)


def clear(*, session: Session, user_id: int, flow: str) -> None:
    remove = functools.partial(_delete, user_id=user_id, flow=flow)
    unit = unit_of(session)
    if unit is None:
        remove(session)
    else:
        unit.hold(_key(user_id, flow), None, remove)


def _key(user_id: int, flow: str) -> tuple[str, int, str]:
    return ("draft", user_id, flow)


def _read(session: Session, user_id: int, flow: str) -> dict[str, Any] | None:
    return session.exec(_READ, params={"b_user_id": user_id, "b_flow": flow}).first()


def _write(session: Session, *, user_id: int, flow: str, data: dict[str, Any],
           now: datetime) -> None:
    changed = session.execute(_WRITE, {"b_user_id": user_id, "b_flow": flow, "b_data": data,
                                       "b_now": now})
    if not changed.rowcount:
        session.execute(insert(ConversationDraft).values(
            user_id=user_id, flow=flow, data=data, updated_at=now))


def _delete(session: Session, *, user_id: int, flow: str) -> None:
    session.execute(_DELETE, {"b_user_id": user_id, "b_flow": flow})
