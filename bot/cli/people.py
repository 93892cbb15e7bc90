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
from bot.services.context import resolve_agency
from storage import agencies, users
from storage.models import User


def cmd_init(args: argparse.Namespace) -> int:
    admin = Admin.open(args, migrate=True)
    name = " ".join(args.name.split())
    code = (args.code or admin.agency_code or "").strip()
    if not name:
        raise Failure(texts.CLI_NAME_EMPTY)
    if not code:
        raise Failure(texts.CLI_CODE_REQUIRED)
    wanted = list(dict.fromkeys(" ".join(d.split()) for d in args.division if d.strip()))
    with admin.ctx.transaction() as session:
        before = agencies.get_agency(session=session, code=code)
        known = ([d.name for d in agencies.list_divisions(session=session, agency_id=before.id,
                                                          active_only=False)]
                 if before is not None and before.id is not None else [])
    agency = provisioning.init_agency(admin.ctx, name=name, code=code, divisions=wanted)
    with admin.ctx.transaction() as session:
        assert agency.id is not None
        divisions = [d.name for d in agencies.list_divisions(session=session,
                                                             agency_id=agency.id)]
    added = [d for d in wanted if d not in known]
    print(texts.cli_agency_ready(name, code, before is None, divisions, added))
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
        with admin.ctx.transaction() as session:
            agency = resolve_agency(session, admin.agency_code)
            existing = users.get_user_by_telegram_id(
                session=session, telegram_id=args.telegram_id, agency_id=agency.id
            ) is not None
    user = _add_user(admin, args, name=name, nip=nip, telegram_id=args.telegram_id)
    assert user.id is not None
    print(texts.cli_user_added(user.id, user.name, _labels(admin, user.id), user.nip, existing))
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
        created = _add_user(admin, args, name=name, nip=checked_nip(args.nip), telegram_id=None)
        assert created.id is not None
        user_id = created.id
    code = provisioning.invite(admin.ctx, user_id, admin.agency_code)
    with admin.ctx.transaction() as session:
        user = users.get_user(session=session, user_id=user_id)
        assert user is not None
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
    with admin.ctx.transaction() as session:
        user = users.get_user(session=session, user_id=args.user_id)
        assert user is not None
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
              telegram_id: int | None) -> User:
    roles = list(dict.fromkeys(args.roles))
    division = " ".join(args.division.split()) if args.division else None
    if division and Role.DIVISION not in roles:
        warn(texts.CLI_DIVISION_IGNORED)
    pairs = [(role, division if role is Role.DIVISION else None) for role in roles]
    try:
        return provisioning.add_user(admin.ctx, name=name, roles=pairs, telegram_id=telegram_id,
                                     nip=nip, rank=args.rank, agency_code=admin.agency_code)
    except errors.InvalidInput as error:
        if error.params.get("reason") == Reason.UNKNOWN_DIVISION:
            raise Failure(texts.cli_error(error, divisions=admin.division_names())) from None
        raise


def _labels(admin: Admin, user_id: int) -> list[str]:
    with admin.ctx.transaction() as session:
        labels = []
        for assignment in users.roles_of(session=session, user_id=user_id):
            division = (agencies.get_division(session=session,
                                              division_id=assignment.division_id)
                        if assignment.division_id else None)
            labels.append(_label(assignment.role, division.name if division else None))
        return labels


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
