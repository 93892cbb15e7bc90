"""Half-finished input, saved at every answer so that nothing entered is lost."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from storage.models import ConversationDraft


def load(*, session: Session, user_id: int, flow: str) -> dict[str, Any]:
    draft = _get(session=session, user_id=user_id, flow=flow)
    return dict(draft.data) if draft else {}


def save(
    *, session: Session, user_id: int, flow: str, data: dict[str, Any], now: datetime
) -> None:
    draft = _get(session=session, user_id=user_id, flow=flow)
    if draft is None:
        session.add(ConversationDraft(user_id=user_id, flow=flow, data=data, updated_at=now))
    else:
        # A new dict, so that SQLAlchemy sees the JSON column change.
        draft.data = dict(data)
        draft.updated_at = now
        session.add(draft)
    session.flush()


def clear(*, session: Session, user_id: int, flow: str | None = None) -> None:
    query = select(ConversationDraft).where(ConversationDraft.user_id == user_id)
    if flow is not None:
        query = query.where(ConversationDraft.flow == flow)
    for draft in session.exec(query):
        session.delete(draft)


def _get(*, session: Session, user_id: int, flow: str) -> ConversationDraft | None:
    query = select(ConversationDraft).where(
        ConversationDraft.user_id == user_id, ConversationDraft.flow == flow
    )
    return session.exec(query).first()
