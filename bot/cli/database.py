"""``db upgrade|current|history`` and ``outbox list|retry``: the schema, and notifications not
delivered."""

from __future__ import annotations

import argparse

from bot import texts
from bot.cli.common import Admin, Commands, Failure, command_group, open_engine, subcommand
from storage import schema


def add_db_commands(commands: Commands) -> None:
    group = command_group(commands, "db", agency=False)
    subcommand(group, "db.upgrade", cmd_db_upgrade, agency=False)
    subcommand(group, "db.current", cmd_db_current, agency=False)
    subcommand(group, "db.history", cmd_db_history, agency=False)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    with open_engine() as engine:
        before, after = schema.upgrade(engine)
    print(texts.cli_db_upgraded(before, after))
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    with open_engine() as engine:
        found = schema.current(engine)
    print(texts.cli_db_current(found, schema.head()))
    return 0 if found == schema.head() else 1


def cmd_db_history(args: argparse.Namespace) -> int:
    with open_engine() as engine:
        found = schema.current(engine)
    print(texts.cli_db_history([(r.revision, r.title) for r in schema.history()], found))
    return 0


# --- notifications that could not be delivered ----------------------------------------------
def add_outbox_commands(commands: Commands) -> None:
    group = command_group(commands, "outbox")
    subcommand(group, "outbox.list", cmd_outbox_list)
    again = subcommand(group, "outbox.retry", cmd_outbox_retry)
    again.add_argument("ids", nargs="*", type=int, metavar="NOMOR",
                       help=texts.CLI_HELP["outbox.ids"])
    again.add_argument("--all", action="store_true", help=texts.CLI_HELP["outbox.all"])


def cmd_outbox_list(args: argparse.Namespace) -> int:
    from bot.formatting import datetime_short
    from bot.services import delivery

    admin = Admin.open(args)
    rows = delivery.undeliverable(admin.ctx, admin.agency_code)
    print(texts.cli_outbox_list((r.message_id, datetime_short(r.created_at), r.recipient,
                                 r.attempts, r.error, r.text) for r in rows))
    return 0


def cmd_outbox_retry(args: argparse.Namespace) -> int:
    from bot.services import delivery

    admin = Admin.open(args)
    if not args.all and not args.ids:
        raise Failure(texts.CLI_HELP["outbox.retry"])
    # Only this agency's messages (AGENCY_CODE), whatever numbers were typed.
    ours = [r.message_id for r in delivery.undeliverable(admin.ctx, admin.agency_code)]
    ids = ours if args.all else [i for i in args.ids if i in ours]
    print(texts.cli_outbox_retried(delivery.retry(admin.ctx, ids)))
    return 0
