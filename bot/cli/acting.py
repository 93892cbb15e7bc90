"""``plh add|list|end``: acting officials (Plh/Plt)."""

from __future__ import annotations

import argparse
from datetime import timedelta

from bot import texts
from bot.cli.common import (
    Admin,
    Commands,
    Failure,
    command_group,
    format_table,
    has_time,
    parse_id,
    parse_moment,
    subcommand,
)


def add_acting_commands(commands: Commands) -> None:
    h = texts.CLI_HELP
    group = command_group(commands, "plh")
    add = subcommand(group, "plh.add", cmd_plh_add)
    add.add_argument("--for", dest="principal", type=parse_id, required=True, metavar="ID",
                     help=h["plh.for"])
    add.add_argument("--by", dest="substitute", type=parse_id, required=True, metavar="ID",
                     help=h["plh.by"])
    add.add_argument("--from", dest="starts", metavar="TANGGAL", help=h["plh.from"])
    add.add_argument("--until", dest="ends", required=True, metavar="TANGGAL",
                     help=h["plh.until"])
    add.add_argument("--kind", choices=("plh", "plt"), default="plh", help=h["plh.kind"])
    listing = subcommand(group, "plh.list", cmd_plh_list)
    listing.add_argument("--all", action="store_true", help=h["plh.all"])
    end = subcommand(group, "plh.end", cmd_plh_end)
    end.add_argument("delegation_id", type=parse_id, metavar="ID", help=h["plh.id"])


def cmd_plh_add(args: argparse.Namespace) -> int:
    from bot.services import delegation

    admin = Admin.open(args)
    try:
        starts = parse_moment(args.starts) if args.starts else admin.ctx.now()
        ends = parse_moment(args.ends)
    except argparse.ArgumentTypeError as error:
        raise Failure(str(error)) from None
    if not has_time(args.ends):
        # "until 5 December" includes the 5th, to its last minute
        ends += timedelta(days=1, minutes=-1)
    view = delegation.appoint_by_admin(
        admin.ctx, principal_id=args.principal, substitute_id=args.substitute,
        starts_at=starts, ends_at=ends, kind=args.kind, agency_code=admin.agency_code)
    print(texts.cli_delegation_added(view.delegation_id, view.kind, view.principal,
                                     view.substitute, view.starts_at, view.ends_at))
    return 0


def cmd_plh_list(args: argparse.Namespace) -> int:
    from bot.services import delegation

    admin = Admin.open(args)
    rows = delegation.list_delegations(admin.ctx, agency_code=admin.agency_code,
                                       current_only=not args.all)
    if not rows:
        print(texts.CLI_NO_DELEGATIONS)
        return 0
    table = [list(texts.CLI_DELEGATIONS_HEADER)]
    table += [texts.cli_delegation_row(v.delegation_id, v.kind, v.principal, v.substitute,
                                       v.starts_at, v.ends_at, v.status) for v in rows]
    print(format_table(table))
    return 0


def cmd_plh_end(args: argparse.Namespace) -> int:
    from bot.services import delegation

    admin = Admin.open(args)
    view = delegation.revoke(admin.ctx, args.delegation_id, agency_code=admin.agency_code)
    print(texts.cli_delegation_ended(view.delegation_id, view.kind, view.principal,
                                     view.substitute))
    return 0
