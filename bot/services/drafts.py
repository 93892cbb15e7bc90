"""Half-finished answers of one official in one flow, kept in the database."""

from __future__ import annotations

from typing import Any

from bot.services.context import ServiceContext, database_only
from storage import drafts


@database_only
def load(ctx: ServiceContext, user_id: int, flow: str) -> dict[str, Any]:
    with ctx.transaction() as session:
        return drafts.load(session=session, user_id=user_id, flow=flow)


@database_only
def update(ctx: ServiceContext, user_id: int, flow: str, **values: Any) -> dict[str, Any]:
    """Merge ``values`` into the draft and return the whole of it."""
    with ctx.transaction() as session:
        data = drafts.load(session=session, user_id=user_id, flow=flow)
        data.update(values)
        drafts.save(session=session, user_id=user_id, flow=flow, data=data, now=ctx.now())
        return data


@database_only
def clear(ctx: ServiceContext, user_id: int, flow: str) -> None:
    with ctx.transaction() as session:
        drafts.clear(session=session, user_id=user_id, flow=flow)
