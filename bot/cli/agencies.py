"""``agency add|list|show|set`` and ``provinsi``: several agencies in one deployment, and their
letterhead, zone, calendar and assessment."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot import texts
from bot.cli.common import (
    Admin,
    Commands,
    Failure,
    command_group,
    format_table,
    letterhead_options,
    subcommand,
)
from bot.domain import errors
from bot.domain.calendar_config import agency_calendar
from bot.domain.clock import zone_label
from bot.domain.errors import Reason
from bot.formatting import number
from bot.services import provisioning


def add_agency_commands(commands: Commands) -> None:
    h = texts.CLI_HELP
    group = command_group(commands, "agency")
    add = subcommand(group, "agency.add", cmd_agency_add)
    add.add_argument("--code", required=True, metavar="KODE", help=h["init.code"])
    add.add_argument("--name", required=True, metavar="NAMA", help=h["init.name"])
    add.add_argument("--division", action="append", default=[], metavar="BIDANG",
                     help=h["init.division"])
    letterhead_options(add)
    subcommand(group, "agency.list", cmd_agency_list, agency=False)
    subcommand(group, "agency.show", cmd_agency_show)
    _calendar_options(add)
    change = subcommand(group, "agency.set", cmd_agency_set)
    change.add_argument("--name", metavar="NAMA", help=texts.CLI_HELP["init.name"])
    letterhead_options(change)
    _calendar_options(change)
    change.add_argument("--no-calendar", action="store_true", help=h["agency.no_calendar"])


def _calendar_options(parser: argparse.ArgumentParser) -> None:
    h = texts.CLI_HELP
    parser.add_argument("--timezone", metavar="ZONA", help=h["agency.timezone"])
    parser.add_argument("--calendar", type=Path, metavar="BERKAS.toml", help=h["agency.calendar"])


def assessment_changes(args: argparse.Namespace) -> dict[str, str | None]:
    """How the agency's reports judge, as typed (None: kept)."""
    return {"cap": args.cap, "predikat": args.predikat, "efficiency": args.efficiency}


def logo_bytes(args: argparse.Namespace) -> bytes | None:
    """The logo the options give: a file's bytes, b"" to remove it, or None to keep it."""
    if args.no_logo:
        return b""
    if args.logo is None:
        return None
    try:
        return args.logo.read_bytes()
    except OSError:
        raise Failure(texts.cli_master_file_missing(str(args.logo))) from None


def _calendar_text(args: argparse.Namespace) -> str | None:
    """The agency's calendar additions the options give: a file's text, "" to drop them, or
    None to keep them."""
    if getattr(args, "no_calendar", False):
        return ""
    if args.calendar is None:
        return None
    try:
        return args.calendar.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise Failure(texts.cli_master_file_missing(str(args.calendar))) from None


def cmd_province(args: argparse.Namespace) -> int:
    """Every agency's progress: a table here, and the workbook and picture on request."""
    from bot.services import province

    admin = Admin.open(args)
    view = province.overview_for_admin(admin.ctx)
    if not view.rows:
        raise Failure(texts.cli_error(errors.InvalidInput(reason=Reason.NO_AGENCY)))
    table = [list(texts.province_columns()[:9])]
    for r in view.rows:
        table.append([*texts.province_cells(r.code, r.name, r.year, r.quarter, r.archived,
                                            r.step_number, None, r.waiting_for, r.due_at,
                                            r.late_minutes, r.late_steps),
                      number(r.capaian, 2) if r.capaian is not None else "-"])
    print(format_table(table))
    for path, data in ((args.out, view.workbook), (args.picture, view.picture)):
        if path is not None:
            try:
                path.write_bytes(data)
            except OSError:
                raise Failure(texts.cli_master_cannot_write(str(path))) from None
            print(texts.cli_written(str(path)))
    return 0


def cmd_agency_add(args: argparse.Namespace) -> int:
    """A further agency of the deployment; ``init`` makes or updates one, this only adds."""
    admin = Admin.open(args, migrate=True)
    code, name = args.code.strip(), " ".join(args.name.split())
    if not name:
        raise Failure(texts.CLI_NAME_EMPTY)
    if not provisioning.valid_code(code):
        raise Failure(texts.cli_bad_agency_code(code))
    wanted = list(dict.fromkeys(" ".join(d.split()) for d in args.division if d.strip()))
    agency = provisioning.add_agency(admin.ctx, name=name, code=code, divisions=wanted)
    print(texts.cli_agency_ready(agency.name, agency.code, True, agency.divisions, []))
    calendar, logo = _calendar_text(args), logo_bytes(args)
    if any(v is not None for v in (args.province, args.address, args.place, args.timezone,
                                   calendar, logo, *assessment_changes(args).values())):
        print_profile(admin, apply_profile(admin, agency_code=code, government=args.province,
                                           address=args.address, place=args.place,
                                           timezone=args.timezone, calendar=calendar,
                                           logo=logo, **assessment_changes(args)))
    return 0


def cmd_agency_list(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    rows = provisioning.list_agencies(admin.ctx)
    if not rows:
        raise Failure(texts.cli_error(errors.InvalidInput(reason=Reason.NO_AGENCY)))
    table = [list(texts.CLI_AGENCIES_HEADER)]
    table += [[r.code, r.name, str(r.divisions), str(r.officials), texts.cli_agency_cycle(
        r.cycle_year, r.cycle_quarter, r.cycle_archived)] for r in rows]
    print(format_table(table))
    return 0


def cmd_agency_show(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    print_profile(admin, provisioning.profile(admin.ctx, agency_code=admin.agency_code))
    return 0


def cmd_agency_set(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    calendar, logo = _calendar_text(args), logo_bytes(args)
    if all(v is None for v in (args.name, args.province, args.address, args.place,
                               args.timezone, calendar, logo, *assessment_changes(args).values())):
        raise Failure(texts.CLI_UPDATE_NOTHING)
    print_profile(admin, apply_profile(admin, agency_code=admin.agency_code, name=args.name,
                                       government=args.province, address=args.address,
                                       place=args.place, timezone=args.timezone,
                                       calendar=calendar, logo=logo, **assessment_changes(args)))
    return 0


def apply_profile(admin: Admin, **changes: Any) -> provisioning.ProfileView:
    try:
        view = provisioning.set_profile(admin.ctx, **changes)
    except errors.InvalidInput as error:
        if error.params.get("reason") in (Reason.BAD_TIMEZONE, Reason.BAD_AGENCY_CALENDAR,
                                          Reason.BAD_LOGO):
            raise Failure(texts.cli_agency_calendar_error(error)) from None
        raise
    admin.use_agency_zone()
    return view


def print_profile(admin: Admin, view: provisioning.ProfileView) -> None:
    base = admin.ctx.calendar
    calendar = agency_calendar(base, view.timezone, view.calendar)
    extra = sorted((day, calendar.holiday_names.get(day, ""))
                   for day in calendar.holidays - base.holidays)
    removed = sorted((day, base.holiday_names.get(day, ""))
                     for day in base.holidays - calendar.holidays)
    print(texts.cli_profile(view.name, view.code, view.government, view.address, view.place,
                            str(calendar.zone), zone_label(in_zone=calendar.zone),
                            own_hours=(calendar.office_hours, calendar.breaks)
                            != (base.office_hours, base.breaks), extra_holidays=extra,
                            removed_holidays=removed, logo=view.logo,
                            assessment=texts.assessment_lines(
                                view.settings.cap, [low for low, _ in view.settings.scale.bands],
                                (view.settings.thresholds.lower,
                                 view.settings.thresholds.upper))))
