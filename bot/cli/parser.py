"""The whole command line, put together from each group’s commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot import texts
from bot.cli.acting import add_acting_commands
from bot.cli.agencies import add_agency_commands, cmd_province
from bot.cli.archive import add_archive_commands
from bot.cli.common import PROG, Parser, letterhead_options, parse_id, parse_year, role_options
from bot.cli.database import add_db_commands, add_outbox_commands
from bot.cli.people import (
    cmd_init,
    cmd_user_active,
    cmd_user_add,
    cmd_user_invite,
    cmd_user_update,
    cmd_users,
)
from bot.cli.running import cmd_demo, cmd_diagram, cmd_import_master, cmd_run, cmd_template_master


def build_parser() -> argparse.ArgumentParser:
    h = texts.CLI_HELP
    parser = Parser(prog=PROG, description=texts.CLI_DESCRIPTION)
    commands = parser.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")

    init = commands.add_parser("init", help=h["init"], description=h["init"])
    init.add_argument("--name", required=True, metavar="NAMA", help=h["init.name"])
    init.add_argument("--code", metavar="KODE", help=h["init.code"])
    init.add_argument("--division", action="append", default=[], metavar="BIDANG",
                      help=h["init.division"])
    letterhead_options(init)
    init.set_defaults(handler=cmd_init)

    user = commands.add_parser("user", help=h["user"], description=h["user"])
    user.set_defaults(help_parser=user)
    user_commands = user.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")

    add = user_commands.add_parser("add", help=h["user.add"], description=h["user.add"])
    add.add_argument("--name", required=True, metavar="NAMA", help=h["user.name"])
    role_options(add, required=True)
    add.add_argument("--telegram-id", type=parse_id, metavar="ID", help=h["user.telegram_id"])
    add.add_argument("--nip", metavar="NIP", help=h["user.nip"])
    add.add_argument("--rank", metavar="PANGKAT", help=h["user.rank"])
    add.set_defaults(handler=cmd_user_add)

    invite = user_commands.add_parser("invite", help=h["user.invite"],
                                      description=h["user.invite"])
    who = invite.add_mutually_exclusive_group(required=True)
    who.add_argument("--user-id", type=parse_id, metavar="ID", help=h["user.user_id"])
    who.add_argument("--name", metavar="NAMA", help=h["user.name"])
    role_options(invite, required=False)
    invite.add_argument("--nip", metavar="NIP", help=h["user.nip"])
    invite.add_argument("--rank", metavar="PANGKAT", help=h["user.rank"])
    invite.add_argument("--bot-username", metavar="USERNAME", help=h["user.bot_username"])
    invite.set_defaults(handler=cmd_user_invite)

    for name, active in (("deactivate", False), ("activate", True)):
        toggle = user_commands.add_parser(name, help=h[f"user.{name}"],
                                          description=h[f"user.{name}"])
        toggle.add_argument("user_id", type=parse_id, metavar="ID", help=h["user.user_id"])
        toggle.set_defaults(handler=cmd_user_active, active=active)

    update = user_commands.add_parser("update", help=h["user.update"],
                                      description=h["user.update"])
    update.add_argument("user_id", type=parse_id, metavar="ID", help=h["user.user_id"])
    update.add_argument("--name", metavar="NAMA", help=h["user.name"])
    update.add_argument("--nip", metavar="NIP", help=h["user.nip"])
    update.add_argument("--rank", metavar="PANGKAT", help=h["user.rank"])
    update.set_defaults(handler=cmd_user_update)

    listing = commands.add_parser("users", help=h["users"], description=h["users"])
    listing.set_defaults(handler=cmd_users)

    diagram = commands.add_parser("diagram", help=h["diagram"], description=h["diagram"],
                                  agency=False)
    diagram.set_defaults(handler=cmd_diagram)

    # The bot serves every agency of the database; the demo makes its own.
    run = commands.add_parser("run", help=h["run"], description=h["run"], agency=False)
    run.add_argument("--webhook", metavar="URL", help=h["run.webhook"])
    run.set_defaults(handler=cmd_run)

    demo = commands.add_parser("demo", help=h["demo"], description=h["demo"], agency=False)
    demo.add_argument("--out", type=Path, metavar="FOLDER", help=h["demo.out"])
    demo.set_defaults(handler=cmd_demo)

    mh = texts.MASTER_CLI_HELP
    template = commands.add_parser("template", help=mh["template"], description=mh["template"])
    template.set_defaults(help_parser=template)
    template_commands = template.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")
    template_master = template_commands.add_parser("master", help=mh["template.master"],
                                                   description=mh["template.master"])
    template_master.add_argument("--out", type=Path, metavar="FILE", help=mh["template.out"])
    template_master.add_argument("--sample", action="store_true", help=mh["template.sample"])
    template_master.add_argument("--year", type=parse_year, metavar="TAHUN",
                                 help=mh["template.year"])
    template_master.set_defaults(handler=cmd_template_master)

    importing = commands.add_parser("import", help=mh["import"], description=mh["import"])
    importing.set_defaults(help_parser=importing)
    import_commands = importing.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")
    import_master = import_commands.add_parser("master", help=mh["import.master"],
                                               description=mh["import.master"])
    import_master.add_argument("file", type=Path, metavar="FILE.xlsx", help=mh["import.file"])
    import_master.add_argument("--year", type=parse_year, required=True, metavar="TAHUN",
                               help=mh["import.year"])
    import_master.set_defaults(handler=cmd_import_master)
    add_db_commands(commands)
    add_outbox_commands(commands)
    add_archive_commands(commands)
    add_agency_commands(commands)
    add_acting_commands(commands)
    province = commands.add_parser("provinsi", help=h["provinsi"], description=h["provinsi"],
                                   agency=False)
    province.add_argument("--out", type=Path, metavar="FILE.xlsx", help=h["provinsi.out"])
    province.add_argument("--picture", type=Path, metavar="FILE.png", help=h["provinsi.picture"])
    province.set_defaults(handler=cmd_province)
    return parser
