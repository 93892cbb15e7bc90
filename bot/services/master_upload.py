"""The Tim SAKIP imports the year's master data by sending the workbook to the bot."""

from __future__ import annotations

from bot.domain import errors
from bot.domain.sop import Role
from bot.services import master_data
from bot.services.context import ServiceContext, load_actor
from bot.services.master_data import ImportSummary
from reports.master_template import master_template
from storage import agencies
from storage.models import Agency


def import_for(
    ctx: ServiceContext, user_id: int, data: bytes, *, year: int, source_name: str
) -> ImportSummary:
    """Import for the member's own agency; only the Tim SAKIP may."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        if not actor.holds(Role.SAKIP_TEAM):
            raise errors.NotAllowed(step="-")
        agency = session.get(Agency, actor.user.agency_id)
        assert agency is not None
        code = agency.code
    return master_data.import_master(ctx, data, year=year, agency_code=code, user_id=user_id,
                                     source_name=source_name)


def template(ctx: ServiceContext, user_id: int, year: int) -> bytes:
    """The empty workbook, its division list filled with the member's agency's divisions."""
    with ctx.transaction() as session:
        actor = load_actor(session, user_id, ctx.now())
        if not actor.holds(Role.SAKIP_TEAM):
            raise errors.NotAllowed(step="-")
        names = [d.name for d in agencies.list_divisions(session=session,
                                                          agency_id=actor.user.agency_id)]
    return master_template(year=year, divisions=names)
