"""``archive list|get``: the archive of a closed cycle (SOP step 9, "mengarsipkannya")."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot import texts
from bot.cli.common import Admin, Failure, format_table, parse_quarter, parse_year
from bot.domain import errors


def add_archive_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ah = texts.ARCHIVE_CLI_HELP
    archive = commands.add_parser("archive", help=ah["archive"], description=ah["archive"])
    archive.set_defaults(help_parser=archive)
    archive_commands = archive.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")
    listing = archive_commands.add_parser("list", help=ah["archive.list"],
                                          description=ah["archive.list"])
    listing.set_defaults(handler=cmd_archive_list)
    get = archive_commands.add_parser("get", help=ah["archive.get"],
                                      description=ah["archive.get"])
    get.add_argument("year", type=parse_year, metavar="TAHUN", help=ah["archive.year"])
    get.add_argument("quarter", type=parse_quarter, metavar="TRIWULAN",
                     help=ah["archive.quarter"])
    get.add_argument("--out", type=Path, metavar="FILE", help=ah["archive.out"])
    get.set_defaults(handler=cmd_archive_get)


def _archive_refusal(error: errors.InvalidInput) -> Failure | errors.InvalidInput:
    """The archive's own refusals worded for the admin; others go to ``main`` as they are."""
    if error.params.get("reason") in texts.AGENCY_REASONS:
        return error
    return Failure(texts.archive_error(error))


def cmd_archive_list(args: argparse.Namespace) -> int:
    from bot.services import archive

    admin = Admin.open(args)
    try:
        rows = archive.list_archives(admin.ctx, admin.agency_code)
    except errors.InvalidInput as error:
        raise _archive_refusal(error) from None
    if not rows:
        print(texts.ARCHIVE_CLI_NONE)
        return 0
    table = [list(texts.ARCHIVE_CLI_HEADER)]
    table += [texts.archive_list_row(row.year, row.quarter, row.closed_at, row.name, row.size,
                                     row.sha256) for row in rows]
    print(format_table(table))
    return 0


def cmd_archive_get(args: argparse.Namespace) -> int:
    import hashlib

    from bot.services import archive

    admin = Admin.open(args)
    try:
        name, data = archive.get_archive(admin.ctx, args.year, args.quarter, admin.agency_code)
        problems = archive.verify_archive(admin.ctx, args.year, args.quarter,
                                          admin.agency_code, data=data)
    except errors.InvalidInput as error:
        raise _archive_refusal(error) from None
    out: Path = args.out or Path(name)
    if out.is_dir():
        out = out / name
    try:
        out.write_bytes(data)
    except OSError:
        raise Failure(texts.archive_cannot_write(str(out))) from None
    print(texts.archive_written(str(out), len(data), hashlib.sha256(data).hexdigest(), problems))
    return 1 if problems else 0
