"""Notifications that could not be delivered: set aside, reported once, sent again on request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import texts
from bot.domain.sop import Role
from bot.services import notify
from bot.services.context import ServiceContext, resolve_agency
from storage import outbox, users

UNDELIVERABLE_TAG = "outbox.undeliverable"


def set_aside(ctx: ServiceContext, message_id: int, error: str) -> None:
    """Mark the message undeliverable and tell the agency's Sekretaris (or the administrator's
    chat, when the settings name one), once, in the same transaction (a notice about a notice
    that failed is not reported again)."""
    now = ctx.now()
    with ctx.transaction() as session:
        message = outbox.mark_failed(session=session, message_id=message_id, now=now,
                                     error=error, retry_in=None)
        if message is None or message.tag == UNDELIVERABLE_TAG or message.agency_id is None:
            # A reply Telegram refused (an edit of a message edited meanwhile, a press answered
            # too late) is nobody's to chase; nor is a notice about a notice.
            return
        recipient = (users.get_user(session=session, user_id=message.user_id)
                     if message.user_id is not None else None)
        name = recipient.name if recipient is not None else "-"
        notice = texts.undeliverable_notice(name, message.text, message_id)
        if ctx.admin_chat_id is not None:
            outbox.enqueue(session=session, agency_id=message.agency_id, user_id=None,
                           chat_id=ctx.admin_chat_id, now=now, tag=UNDELIVERABLE_TAG,
                           text=notice)
            return
        for secretary in users.users_with_role(session=session, agency_id=message.agency_id,
                                               role=Role.SECRETARY):
            if secretary.id != message.user_id:
                notify.to_official(session=session, agency_id=message.agency_id,
                                   user=secretary, text=notice, now=now, tag=UNDELIVERABLE_TAG)


@dataclass(frozen=True)
class Undeliverable:
    message_id: int
    recipient: str
    created_at: datetime
    attempts: int
    error: str
    text: str


def undeliverable(ctx: ServiceContext, agency_code: str | None = None) -> list[Undeliverable]:
    with ctx.transaction() as session:
        agency_id = resolve_agency(session, agency_code).id
        found = []
        for message in outbox.undeliverable(session=session, agency_id=agency_id):
            assert message.id is not None
            user = users.get_user(session=session, user_id=message.user_id)
            found.append(Undeliverable(message.id, user.name if user else "-", message.created_at,
                                       message.attempts, message.last_error or "",
                                       message.text))
        return found


def retry(ctx: ServiceContext, message_ids: list[int]) -> int:
    """Put the named undeliverable messages back in line; returns how many."""
    with ctx.transaction() as session:
        return outbox.retry(session=session, message_ids=message_ids, now=ctx.now())
