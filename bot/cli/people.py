"""``init``, ``user add|invite|update|activate|deactivate`` and ``users``: the agency and its
officials."""

from __future__ import annotations

import argparse
import os

from bot import texts
from bot.cli.agencies import apply_profile, assessment_changes, logo_bytes, print_profile
from bot.cli.common import Admin, Failure, checked_name, checked_nip, format_table, warn
from bot.domain import errors
from bot.domain.errors import Reason
from bot.domain.sop import Role
from bot.services import provisioning


def cmd_init(args: argparse.Namespace) -> int:
    admin = Admin.open(args, migrate=True)
    name = " ".join(args.name.split())
    code = (args.code or admin.agency_code or "").strip()
    if not name:
        raise Failure(texts.CLI_NAME_EMPTY)
    if not code:
        raise Failure(texts.CLI_CODE_REQUIRED)
    wanted = list(dict.fromkeys(" ".join(d.split()) for d in args.division if d.strip()))
    known = provisioning.division_names(admin.ctx, code, active_only=False)
    provisioning.init_agency(admin.ctx, name=name, code=code, divisions=wanted)
    divisions = provisioning.division_names(admin.ctx, code) or []
    added = [d for d in wanted if d not in (known or [])]
    print(texts.cli_agency_ready(name, code, known is None, divisions, added))
    logo = logo_bytes(args)
    if any(v is not None for v in (args.province, args.address, args.place, logo, args.cap,
                                   args.predikat, args.efficiency)):
        print_profile(admin, apply_profile(admin, agency_code=code, government=args.province,
                                           address=args.address, place=args.place, logo=logo,
                                           **assessment_changes(args)))
    if admin.agency_code and admin.agency_code != code:
        warn(texts.cli_agency_code_mismatch(admin.agency_code, code))
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    name = checked_name(args.name)
    nip = checked_nip(args.nip)
    existing = False
    if args.telegram_id is not None:
        existing = provisioning.telegram_id_taken(admin.ctx, args.telegram_id, admin.agency_code)
    user_id = _add_user(admin, args, name=name, nip=nip, telegram_id=args.telegram_id)
    row = provisioning.user_row(admin.ctx, user_id, admin.agency_code)
    print(texts.cli_user_added(row.user_id, row.name, [_label(r) for r in row.roles], row.nip,
                               existing))
    return 0


def cmd_user_invite(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    if args.user_id is not None:
        if args.roles or args.division or args.nip or args.rank:
            warn(texts.CLI_INVITE_ROLES_IGNORED)
        user_id = args.user_id
    else:
        name = checked_name(args.name)
        if not args.roles:
            raise Failure(texts.CLI_INVITE_ROLE_REQUIRED)
        same = [row.user_id for row in provisioning.list_users(admin.ctx, admin.agency_code)
                if row.name.casefold() == name.casefold()]
        if same:
            raise Failure(texts.cli_name_taken(name, same))
        user_id = _add_user(admin, args, name=name, nip=checked_nip(args.nip), telegram_id=None)
    code = provisioning.invite(admin.ctx, user_id, admin.agency_code)
    user = provisioning.user_row(admin.ctx, user_id, admin.agency_code)
    if user.telegram_id is not None:
        warn(texts.cli_invite_rebind(user.telegram_id))
    if not user.active:
        warn(texts.CLI_INVITE_INACTIVE)
    username = _bot_username(args.bot_username)
    link = f"https://t.me/{username}?start={code}" if username else None
    print(texts.cli_invite(user.name, user_id, code, provisioning.INVITE_TTL.days, link))
    return 0


def cmd_user_update(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    if args.name is None and args.nip is None and args.rank is None:
        raise Failure(texts.CLI_UPDATE_NOTHING)
    user = provisioning.update_user(
        admin.ctx, args.user_id, agency_code=admin.agency_code,
        name=checked_name(args.name) if args.name is not None else None,
        nip=(checked_nip(args.nip) or "") if args.nip is not None else None, rank=args.rank)
    assert user.id is not None
    print(texts.cli_user_updated(user.id, user.name, user.nip, user.title))
    return 0


def cmd_user_active(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    provisioning.set_active(admin.ctx, args.user_id, args.active, admin.agency_code)
    user = provisioning.user_row(admin.ctx, args.user_id, admin.agency_code)
    print(texts.cli_active_changed(args.user_id, user.name, args.active))
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    admin = Admin.open(args)
    rows = provisioning.list_users(admin.ctx, admin.agency_code)
    if not rows:
        print(texts.CLI_NO_USERS)
        return 0
    table = [list(texts.CLI_USERS_HEADER)]
    for row in rows:
        table.append([
            str(row.user_id),
            row.name,
            str(row.telegram_id) if row.telegram_id is not None else texts.CLI_EMPTY,
            row.nip or texts.CLI_EMPTY,
            texts.CLI_YES if row.active else texts.CLI_NO,
            ", ".join(_label(assignment) for assignment in row.roles) or texts.CLI_EMPTY,
        ])
    print(format_table(table))
    return 0


def _add_user(admin: Admin, args: argparse.Namespace, *, name: str, nip: str | None,
              telegram_id: int | None) -> int:
    """The new official's user id."""
    roles = list(dict.fromkeys(args.roles))
    division = " ".join(args.division.split()) if args.division else None
    if division and Role.DIVISION not in roles:
        warn(texts.CLI_DIVISION_IGNORED)
    pairs = [(role, division if role is Role.DIVISION else None) for role in roles]
    try:
        user = provisioning.add_user(admin.ctx, name=name, roles=pairs, telegram_id=telegram_id,
                                     nip=nip, rank=args.rank, agency_code=admin.agency_code)
    except errors.InvalidInput as error:
        if error.params.get("reason") == Reason.UNKNOWN_DIVISION:
            raise Failure(texts.cli_error(error, divisions=admin.division_names())) from None
        raise
    assert user.id is not None
    return user.id


def _label(role: str, division: str | None = None) -> str:
    """``division:Bina Marga`` (as ``provisioning.list_users`` writes it) as ``Bidang Bina Marga``.

    ``role`` may also be a bare role key with ``division`` given apart.
    """
    if division is None:
        role, _, rest = role.partition(":")
        division = rest or None
    try:
        return texts.role_label(role, division)
    except ValueError:  # a role this version does not know
        return role + (f" {division}" if division else "")


def _bot_username(option: str | None) -> str | None:
    value = option or os.environ.get("BOT_USERNAME") or ""
    value = value.strip().removeprefix("https://").removeprefix("t.me/").lstrip("@").strip("/")
    return value or None
