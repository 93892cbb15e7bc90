"""``/arsip``: archived cycles for the officials who keep them, read-only."""

from __future__ import annotations

from bot.domain import errors
from bot.domain.sop import Role
from bot.services import archive
from bot.services.archive import ArchiveRow
from bot.services.context import ServiceContext, load_actor
from storage.models import Agency

READERS = (Role.HEAD, Role.SECRETARY, Role.SAKIP_TEAM, Role.PLANNING_UNIT)


def _agency_code(ctx: ServiceContext, user_id: int) -> str:
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        if not any(actor.holds(role) for role in READERS):
            raise errors.NotAllowed(step="-")
        agency = session.get(Agency, actor.user.agency_id)
        assert agency is not None
        return agency.code


def archives_for(ctx: ServiceContext, user_id: int) -> list[ArchiveRow]:
    return archive.list_archives(ctx, _agency_code(ctx, user_id))


def archive_file(ctx: ServiceContext, user_id: int, year: int, quarter: int) -> tuple[str, bytes]:
    return archive.get_archive(ctx, year, quarter, _agency_code(ctx, user_id))
