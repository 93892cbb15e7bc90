"""``sakip-bot``: the admin command line (set the agency up, register officials, run the bot).

Settings are read when ``main()`` runs, never at import. Every message is in ``bot.texts``; a
refused action prints one Indonesian sentence to stderr and exits with 1, without a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot import texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain import errors
from bot.domain.calendar_config import agency_calendar
from bot.domain.clock import to_local, to_utc, use_zone, utcnow, zone_label
from bot.domain.errors import Reason
from bot.domain.sop import Role
from bot.formatting import number
from bot.services import provisioning
from bot.services.context import ServiceContext, resolve_agency
from storage import agencies, schema, users
from storage.db import make_engine
from storage.models import User

PROG = "sakip-bot"

# What an admin may type for --role: the English keys and the Indonesian names, normalised by
# ``_role_key`` (lower case, "-" and spaces read as "_").
ROLE_ALIASES: dict[str, Role] = {
    "head": Role.HEAD,
    "kepala": Role.HEAD,
    "kepala_dinas": Role.HEAD,
    "secretary": Role.SECRETARY,
    "sekretaris": Role.SECRETARY,
    "division": Role.DIVISION,
    "bidang": Role.DIVISION,
    "sakip_team": Role.SAKIP_TEAM,
    "tim_sakip": Role.SAKIP_TEAM,
    "planning_unit": Role.PLANNING_UNIT,
    "perencanaan": Role.PLANNING_UNIT,
    "subbag_perencanaan": Role.PLANNING_UNIT,
    "province": Role.PROVINCE,
    "provinsi": Role.PROVINCE,
}
ROLE_CHOICES = ("kepala", "sekretaris", "bidang", "tim-sakip", "perencanaan", "provinsi",
                "head", "secretary", "division", "sakip_team", "planning_unit", "province")


class _Failure(Exception):
    """A refusal already worded for the admin."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- parsing values ---------------------------------------------------------------------------
def _today() -> date:
    """Today in the agency's zone: the server's own (often UTC) is a day behind early in the
    morning."""
    return to_local(utcnow()).date()


def _role_key(value: str) -> str:
    return "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())


def parse_role(value: str) -> Role:
    """``--role`` value: an English key or an Indonesian alias, any case."""
    role = ROLE_ALIASES.get(_role_key(value))
    if role is None:
        raise argparse.ArgumentTypeError(texts.cli_unknown_role(value, ROLE_CHOICES))
    return role


def parse_id(value: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(texts.cli_bad_id(value))
    return number


def normalise_nip(text: str) -> tuple[str | None, str | None]:
    """The NIP to store and, when it is not a civil servant's NIP, why (for a warning).

    A PNS NIP has 18 digits: birth date YYYYMMDD, appointment YYYYMM, sex 1/2 and a 3-digit
    sequence; it is stored as ``19720925 199803 1 003``. Anything else (PPPK numbers, typos)
    is kept as written, with whitespace collapsed.
    """
    written = " ".join(text.split())
    if not written:
        return None, None
    digits = written.replace(" ", "")
    if len(digits) != 18 or not (digits.isascii() and digits.isdigit()):
        return written, "length"
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return written, "birth_date"
    if born.year < 1900 or born > _today():
        return written, "birth_date"
    appointed = (int(digits[8:12]), int(digits[12:14]))
    if not 1 <= appointed[1] <= 12 or appointed <= (born.year, born.month):
        return written, "appointment"
    if digits[14] not in "12":
        return written, "sex"
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}", None


def parse_year(value: str) -> int:
    try:
        year = int(value.strip())
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(texts.cli_master_bad_year(value))
    return year


# --- the parser ------------------------------------------------------------------------------
class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        # argparse passes prefix="" when it only builds a subcommand's prog name.
        prefix = texts.CLI_USAGE_PREFIX if prefix is None else prefix
        return super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian headings, help option and error messages."""

    def __init__(self, *args, agency: bool = True, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = texts.CLI_POSITIONALS
        self._optionals.title = texts.CLI_OPTIONS
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=texts.CLI_HELP_OPTION)
        if agency:
            # Before or after the command (``sakip-bot --agency pu users`` or ``sakip-bot users
            # --agency pu``): suppressed, so that a subcommand's absent option does not undo
            # what was given before it.
            self.add_argument("--agency", metavar="KODE", default=argparse.SUPPRESS,
                              help=texts.CLI_HELP["agency_option"])

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, texts.cli_usage_error(self.prog, message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    h = texts.CLI_HELP
    parser = _Parser(prog=PROG, description=texts.CLI_DESCRIPTION)
    commands = parser.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")

    init = commands.add_parser("init", help=h["init"], description=h["init"])
    init.add_argument("--name", required=True, metavar="NAMA", help=h["init.name"])
    init.add_argument("--code", metavar="KODE", help=h["init.code"])
    init.add_argument("--division", action="append", default=[], metavar="BIDANG",
                      help=h["init.division"])
    _letterhead_options(init)
    init.set_defaults(handler=cmd_init)

    user = commands.add_parser("user", help=h["user"], description=h["user"])
    user.set_defaults(help_parser=user)
    user_commands = user.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")

    add = user_commands.add_parser("add", help=h["user.add"], description=h["user.add"])
    add.add_argument("--name", required=True, metavar="NAMA", help=h["user.name"])
    _role_options(add, required=True)
    add.add_argument("--telegram-id", type=parse_id, metavar="ID", help=h["user.telegram_id"])
    add.add_argument("--nip", metavar="NIP", help=h["user.nip"])
    add.add_argument("--rank", metavar="PANGKAT", help=h["user.rank"])
    add.set_defaults(handler=cmd_user_add)

    invite = user_commands.add_parser("invite", help=h["user.invite"],
                                      description=h["user.invite"])
    who = invite.add_mutually_exclusive_group(required=True)
    who.add_argument("--user-id", type=parse_id, metavar="ID", help=h["user.user_id"])
    who.add_argument("--name", metavar="NAMA", help=h["user.name"])
    _role_options(invite, required=False)
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
    _db_commands(commands)
    _outbox_commands(commands)
    _archive_commands(commands)
    _agency_commands(commands)
    _acting_commands(commands)
    province = commands.add_parser("provinsi", help=h["provinsi"], description=h["provinsi"],
                                   agency=False)
    province.add_argument("--out", type=Path, metavar="FILE.xlsx", help=h["provinsi.out"])
    province.add_argument("--picture", type=Path, metavar="FILE.png", help=h["provinsi.picture"])
    province.set_defaults(handler=cmd_province)
    return parser


def _letterhead_options(parser: argparse.ArgumentParser) -> None:
    h = texts.CLI_HELP
    parser.add_argument("--province", metavar="PEMERINTAH", help=h["agency.province"])
    parser.add_argument("--address", metavar="ALAMAT", help=h["agency.address"])
    parser.add_argument("--place", metavar="KOTA", help=h["agency.place"])
    parser.add_argument("--logo", type=Path, metavar="BERKAS.png", help=h["agency.logo"])
    parser.add_argument("--no-logo", action="store_true", help=h["agency.no_logo"])
    parser.add_argument("--cap", metavar="PERSEN", help=h["agency.cap"])
    parser.add_argument("--predikat", metavar="\"91 76 66 51\"", help=h["agency.predikat"])
    parser.add_argument("--efficiency", metavar="\"-5 5\"", help=h["agency.efficiency"])


def _role_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    h = texts.CLI_HELP
    parser.add_argument("--role", dest="roles", action="append", type=parse_role,
                        required=required, default=[], metavar="PERAN", help=h["user.role"])
    parser.add_argument("--division", metavar="BIDANG", help=h["user.division"])


# --- entry point -----------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    # The database, the evidence files and the archives are for the bot's user alone: every
    # file the program creates is 0600 and every folder 0700, whatever the shell's umask
    # (UMASK changes it, e.g. 027 for a backup user in the bot's group).
    os.umask(_umask())
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else 2
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        getattr(args, "help_parser", parser).print_help(sys.stderr)
        return 2
    try:
        return handler(args)
    except _Failure as failure:
        _warn(failure.message)
    except errors.WorkflowError as error:
        _warn(texts.cli_error(error, user_id=getattr(args, "user_id", None)))
    return 1


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _umask() -> int:
    try:
        return int(Settings().umask, 8)
    except ValidationError:
        return 0o077  # the command itself reports the bad setting

def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        # Only the field names: the values may hold secrets.
        fields = sorted({".".join(str(part) for part in e["loc"]).upper()
                         for e in error.errors()})
        raise _Failure(texts.cli_bad_settings(fields)) from None


@dataclass
class _Admin:
    settings: Settings
    ctx: ServiceContext
    # --agency, else AGENCY_CODE; with neither, the services take the only agency there is.
    agency_code: str | None

    @classmethod
    def open(cls, args: argparse.Namespace, *, migrate: bool = False) -> _Admin:
        settings = _settings()
        with _database_failures():
            ctx = build_context(settings, migrate=migrate)
        code = getattr(args, "agency", None) or settings.agency_code
        admin = cls(settings, ctx, code.strip() if code else None)
        admin.use_agency_zone()
        return admin

    def use_agency_zone(self) -> None:
        """Dates typed and times printed are the agency's wall clock (WIB, WITA, WIT); before
        any agency exists, or when the code is ambiguous, the deployment's."""
        use_zone(self.ctx.calendar.zone)
        with self.ctx.transaction() as session:
            try:
                agency = resolve_agency(session, self.agency_code)
            except errors.InvalidInput:
                return  # the command itself says what is wrong
            assert agency.id is not None
            use_zone(self.ctx.calendar_of(session, agency.id).zone)

    def division_names(self) -> list[str]:
        with self.ctx.transaction() as session:
            agency = resolve_agency(session, self.agency_code)
            assert agency.id is not None
            return [d.name for d in agencies.list_divisions(session=session,
                                                             agency_id=agency.id)]


# --- commands --------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    admin = _Admin.open(args, migrate=True)
    name = " ".join(args.name.split())
    code = (args.code or admin.agency_code or "").strip()
    if not name:
        raise _Failure(texts.CLI_NAME_EMPTY)
    if not code:
        raise _Failure(texts.CLI_CODE_REQUIRED)
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
    logo = _logo_bytes(args)
    if any(v is not None for v in (args.province, args.address, args.place, logo, args.cap,
                                   args.predikat, args.efficiency)):
        _print_profile(admin, _set_profile(admin, agency_code=code, government=args.province,
                                           address=args.address, place=args.place, logo=logo,
                                           **_assessment(args)))
    if admin.agency_code and admin.agency_code != code:
        _warn(texts.cli_agency_code_mismatch(admin.agency_code, code))
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    admin = _Admin.open(args)
    name = _name(args.name)
    nip = _nip(args.nip)
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
    admin = _Admin.open(args)
    if args.user_id is not None:
        if args.roles or args.division or args.nip or args.rank:
            _warn(texts.CLI_INVITE_ROLES_IGNORED)
        user_id = args.user_id
    else:
        name = _name(args.name)
        if not args.roles:
            raise _Failure(texts.CLI_INVITE_ROLE_REQUIRED)
        same = [row.user_id for row in provisioning.list_users(admin.ctx, admin.agency_code)
                if row.name.casefold() == name.casefold()]
        if same:
            raise _Failure(texts.cli_name_taken(name, same))
        created = _add_user(admin, args, name=name, nip=_nip(args.nip), telegram_id=None)
        assert created.id is not None
        user_id = created.id
    code = provisioning.invite(admin.ctx, user_id, admin.agency_code)
    with admin.ctx.transaction() as session:
        user = users.get_user(session=session, user_id=user_id)
        assert user is not None
    if user.telegram_id is not None:
        _warn(texts.cli_invite_rebind(user.telegram_id))
    if not user.active:
        _warn(texts.CLI_INVITE_INACTIVE)
    username = _bot_username(args.bot_username)
    link = f"https://t.me/{username}?start={code}" if username else None
    print(texts.cli_invite(user.name, user_id, code, provisioning.INVITE_TTL.days, link))
    return 0


def cmd_user_update(args: argparse.Namespace) -> int:
    admin = _Admin.open(args)
    if args.name is None and args.nip is None and args.rank is None:
        raise _Failure(texts.CLI_UPDATE_NOTHING)
    user = provisioning.update_user(
        admin.ctx, args.user_id, agency_code=admin.agency_code,
        name=_name(args.name) if args.name is not None else None,
        nip=(_nip(args.nip) or "") if args.nip is not None else None, rank=args.rank)
    assert user.id is not None
    print(texts.cli_user_updated(user.id, user.name, user.nip, user.title))
    return 0


def cmd_user_active(args: argparse.Namespace) -> int:
    admin = _Admin.open(args)
    provisioning.set_active(admin.ctx, args.user_id, args.active, admin.agency_code)
    with admin.ctx.transaction() as session:
        user = users.get_user(session=session, user_id=args.user_id)
        assert user is not None
    print(texts.cli_active_changed(args.user_id, user.name, args.active))
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    admin = _Admin.open(args)
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
    print(_format_table(table))
    return 0


def cmd_diagram(args: argparse.Namespace) -> int:
    from bot.domain.sop import mermaid

    print(mermaid(), end="")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    if args.webhook:
        if not args.webhook.startswith(("https://", "http://")):
            raise _Failure(texts.cli_bad_webhook(args.webhook))
        settings = settings.model_copy(update={"webhook_url": args.webhook})
    from bot.app import run

    with _database_failures():
        return run(settings)


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import main as demo_main

    return demo_main(args.out)


def cmd_template_master(args: argparse.Namespace) -> int:
    from bot.sample_data.master_sample import DIVISIONS, sample_master
    from reports.master_template import master_template

    if args.sample:
        year = args.year or _today().year
        divisions = list(DIVISIONS)
        data = sample_master(year)
        out = args.out or Path(texts.MASTER_SAMPLE_FILENAME.format(year=year))
    else:
        try:  # the agency's Bidang make a drop-down list; the template works without them
            divisions = _Admin.open(args).division_names()
        except errors.InvalidInput as error:
            if error.params.get("reason") != Reason.NO_AGENCY:
                raise  # several agencies, or a wrong code: the list would be another's
            divisions = []
        except (_Failure, SQLAlchemyError):
            divisions = []
        data = master_template(year=args.year, divisions=divisions)
        out = args.out or Path(texts.MASTER_TEMPLATE_FILENAME)
    try:
        out.write_bytes(data)
    except OSError:
        raise _Failure(texts.cli_master_cannot_write(str(out))) from None
    print(texts.cli_master_template_written(str(out), args.sample, divisions))
    return 0


def cmd_import_master(args: argparse.Namespace) -> int:
    from bot.services import master_data

    try:
        data = args.file.read_bytes()
    except OSError:
        raise _Failure(texts.cli_master_file_missing(str(args.file))) from None
    admin = _Admin.open(args)
    try:
        summary = master_data.import_master(admin.ctx, data, year=args.year,
                                            agency_code=admin.agency_code,
                                            source_name=args.file.name)
    except master_data.MasterDataInvalid as invalid:
        _warn(texts.master_invalid([str(p) for p in invalid.problems], args.file.name))
        return 1
    print(summary.text())
    return 0


# --- helpers ---------------------------------------------------------------------------------
def _name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise _Failure(texts.CLI_NAME_EMPTY)
    return name


def _nip(value: str | None) -> str | None:
    if value is None:
        return None
    nip, problem = normalise_nip(value)
    if problem is not None and nip is not None:
        _warn(texts.cli_nip_warning(nip, problem))
    return nip


def _add_user(admin: _Admin, args: argparse.Namespace, *, name: str, nip: str | None,
              telegram_id: int | None) -> User:
    roles = list(dict.fromkeys(args.roles))
    division = " ".join(args.division.split()) if args.division else None
    if division and Role.DIVISION not in roles:
        _warn(texts.CLI_DIVISION_IGNORED)
    pairs = [(role, division if role is Role.DIVISION else None) for role in roles]
    try:
        return provisioning.add_user(admin.ctx, name=name, roles=pairs, telegram_id=telegram_id,
                                     nip=nip, rank=args.rank, agency_code=admin.agency_code)
    except errors.InvalidInput as error:
        if error.params.get("reason") == Reason.UNKNOWN_DIVISION:
            raise _Failure(texts.cli_error(error, divisions=admin.division_names())) from None
        raise


def _labels(admin: _Admin, user_id: int) -> list[str]:
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


def _format_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             .rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# --- archive (SOP step 9, "mengarsipkannya") ---------------------------------------------------
def parse_quarter(value: str) -> int:
    try:
        quarter = int(value.strip())
    except ValueError:
        quarter = 0
    if quarter not in (1, 2, 3, 4):
        raise argparse.ArgumentTypeError(texts.archive_bad_quarter(value))
    return quarter


def _archive_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _archive_refusal(error: errors.InvalidInput) -> _Failure | errors.InvalidInput:
    """The archive's own refusals worded for the admin; others go to ``main`` as they are."""
    if error.params.get("reason") in texts.AGENCY_REASONS:
        return error
    return _Failure(texts.archive_error(error))


def cmd_archive_list(args: argparse.Namespace) -> int:
    from bot.services import archive

    admin = _Admin.open(args)
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
    print(_format_table(table))
    return 0


def cmd_archive_get(args: argparse.Namespace) -> int:
    import hashlib

    from bot.services import archive

    admin = _Admin.open(args)
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
        raise _Failure(texts.archive_cannot_write(str(out))) from None
    print(texts.archive_written(str(out), len(data), hashlib.sha256(data).hexdigest(), problems))
    return 1 if problems else 0


_Commands = argparse._SubParsersAction  # what add_subparsers returns


# --- the database schema ----------------------------------------------------------------------
@contextmanager
def _database_failures() -> Iterator[None]:
    """A database that cannot be opened, or whose schema does not fit, as a short reason."""
    try:
        yield
    except schema.SchemaOutOfDate as behind:
        raise _Failure(texts.cli_schema_behind(behind.current, behind.head, empty=behind.empty,
                                               ahead=behind.ahead)) from None
    except schema.SchemaUnknown as unknown:
        raise _Failure(texts.cli_schema_unknown(unknown.missing)) from None
    except schema.DuplicateRows as twins:
        raise _Failure(texts.cli_duplicate_cycles(twins.keys)) from None
    except SQLAlchemyError as error:
        raise _Failure(texts.cli_database_error(type(error).__name__)) from None


def _db_commands(commands: _Commands) -> None:
    group = _group(commands, "db", agency=False)
    _command(group, "db.upgrade", cmd_db_upgrade, agency=False)
    _command(group, "db.current", cmd_db_current, agency=False)
    _command(group, "db.history", cmd_db_history, agency=False)


@contextmanager
def _engine() -> Iterator[Engine]:
    """The configured database without the schema check that every other command makes."""
    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    try:
        with _database_failures():
            yield engine
    finally:
        engine.dispose()


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    with _engine() as engine:
        before, after = schema.upgrade(engine)
    print(texts.cli_db_upgraded(before, after))
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    with _engine() as engine:
        found = schema.current(engine)
    print(texts.cli_db_current(found, schema.head()))
    return 0 if found == schema.head() else 1


def cmd_db_history(args: argparse.Namespace) -> int:
    with _engine() as engine:
        found = schema.current(engine)
    print(texts.cli_db_history([(r.revision, r.title) for r in schema.history()], found))
    return 0


# --- notifications that could not be delivered ----------------------------------------------
def _outbox_commands(commands: _Commands) -> None:
    group = _group(commands, "outbox")
    _command(group, "outbox.list", cmd_outbox_list)
    again = _command(group, "outbox.retry", cmd_outbox_retry)
    again.add_argument("ids", nargs="*", type=int, metavar="NOMOR",
                       help=texts.CLI_HELP["outbox.ids"])
    again.add_argument("--all", action="store_true", help=texts.CLI_HELP["outbox.all"])


def cmd_outbox_list(args: argparse.Namespace) -> int:
    from bot.formatting import datetime_short
    from bot.services import delivery

    admin = _Admin.open(args)
    rows = delivery.undeliverable(admin.ctx, admin.agency_code)
    print(texts.cli_outbox_list((r.message_id, datetime_short(r.created_at), r.recipient,
                                 r.attempts, r.error, r.text) for r in rows))
    return 0


def cmd_outbox_retry(args: argparse.Namespace) -> int:
    from bot.services import delivery

    admin = _Admin.open(args)
    if not args.all and not args.ids:
        raise _Failure(texts.CLI_HELP["outbox.retry"])
    # Only this agency's messages (AGENCY_CODE), whatever numbers were typed.
    ours = [r.message_id for r in delivery.undeliverable(admin.ctx, admin.agency_code)]
    ids = ours if args.all else [i for i in args.ids if i in ours]
    print(texts.cli_outbox_retried(delivery.retry(admin.ctx, ids)))
    return 0


# --- the letterhead -------------------------------------------------------------------------


def _group(commands: _Commands, name: str, *, agency: bool = True) -> _Commands:
    """``sakip-bot NAME SUBCOMMAND``; ``NAME`` alone prints its help."""
    help_text = texts.CLI_HELP[name]
    parser = commands.add_parser(name, help=help_text, description=help_text, agency=agency)
    parser.set_defaults(help_parser=parser)
    return parser.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")


def _command(group: _Commands, key: str, handler: Callable[[argparse.Namespace], int], *,
             agency: bool = True) -> argparse.ArgumentParser:
    """Subcommand ``key`` (``group.name``) with its help from ``texts.CLI_HELP``."""
    help_text = texts.CLI_HELP[key]
    parser = group.add_parser(key.rsplit(".", 1)[1], help=help_text, description=help_text,
                              agency=agency)
    parser.set_defaults(handler=handler)
    return parser


def _agency_commands(commands: _Commands) -> None:
    h = texts.CLI_HELP
    group = _group(commands, "agency")
    add = _command(group, "agency.add", cmd_agency_add)
    add.add_argument("--code", required=True, metavar="KODE", help=h["init.code"])
    add.add_argument("--name", required=True, metavar="NAMA", help=h["init.name"])
    add.add_argument("--division", action="append", default=[], metavar="BIDANG",
                     help=h["init.division"])
    _letterhead_options(add)
    _command(group, "agency.list", cmd_agency_list, agency=False)
    _command(group, "agency.show", cmd_agency_show)
    _calendar_options(add)
    change = _command(group, "agency.set", cmd_agency_set)
    change.add_argument("--name", metavar="NAMA", help=texts.CLI_HELP["init.name"])
    _letterhead_options(change)
    _calendar_options(change)
    change.add_argument("--no-calendar", action="store_true", help=h["agency.no_calendar"])


def _calendar_options(parser: argparse.ArgumentParser) -> None:
    h = texts.CLI_HELP
    parser.add_argument("--timezone", metavar="ZONA", help=h["agency.timezone"])
    parser.add_argument("--calendar", type=Path, metavar="BERKAS.toml", help=h["agency.calendar"])


def _assessment(args: argparse.Namespace) -> dict[str, str | None]:
    """How the agency's reports judge, as typed (None: kept)."""
    return {"cap": args.cap, "predikat": args.predikat, "efficiency": args.efficiency}


def _logo_bytes(args: argparse.Namespace) -> bytes | None:
    """The logo the options give: a file's bytes, b"" to remove it, or None to keep it."""
    if args.no_logo:
        return b""
    if args.logo is None:
        return None
    try:
        return args.logo.read_bytes()
    except OSError:
        raise _Failure(texts.cli_master_file_missing(str(args.logo))) from None


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
        raise _Failure(texts.cli_master_file_missing(str(args.calendar))) from None


def cmd_province(args: argparse.Namespace) -> int:
    """Every agency's progress: a table here, and the workbook and picture on request."""
    from bot.services import province

    admin = _Admin.open(args)
    view = province.overview_for_admin(admin.ctx)
    if not view.rows:
        raise _Failure(texts.cli_error(errors.InvalidInput(reason=Reason.NO_AGENCY)))
    table = [list(texts.province_columns()[:9])]
    for r in view.rows:
        table.append([*texts.province_cells(r.code, r.name, r.year, r.quarter, r.archived,
                                            r.step_number, None, r.waiting_for, r.due_at,
                                            r.late_minutes, r.late_steps),
                      number(r.capaian, 2) if r.capaian is not None else "-"])
    print(_format_table(table))
    for path, data in ((args.out, view.workbook), (args.picture, view.picture)):
        if path is not None:
            try:
                path.write_bytes(data)
            except OSError:
                raise _Failure(texts.cli_master_cannot_write(str(path))) from None
            print(texts.cli_written(str(path)))
    return 0


def cmd_agency_add(args: argparse.Namespace) -> int:
    """A further agency of the deployment; ``init`` makes or updates one, this only adds."""
    admin = _Admin.open(args, migrate=True)
    code, name = args.code.strip(), " ".join(args.name.split())
    if not name:
        raise _Failure(texts.CLI_NAME_EMPTY)
    if not provisioning.valid_code(code):
        raise _Failure(texts.cli_bad_agency_code(code))
    wanted = list(dict.fromkeys(" ".join(d.split()) for d in args.division if d.strip()))
    agency = provisioning.add_agency(admin.ctx, name=name, code=code, divisions=wanted)
    print(texts.cli_agency_ready(agency.name, agency.code, True, agency.divisions, []))
    calendar, logo = _calendar_text(args), _logo_bytes(args)
    if any(v is not None for v in (args.province, args.address, args.place, args.timezone,
                                   calendar, logo, *_assessment(args).values())):
        _print_profile(admin, _set_profile(admin, agency_code=code, government=args.province,
                                           address=args.address, place=args.place,
                                           timezone=args.timezone, calendar=calendar,
                                           logo=logo, **_assessment(args)))
    return 0


def cmd_agency_list(args: argparse.Namespace) -> int:
    admin = _Admin.open(args)
    rows = provisioning.list_agencies(admin.ctx)
    if not rows:
        raise _Failure(texts.cli_error(errors.InvalidInput(reason=Reason.NO_AGENCY)))
    table = [list(texts.CLI_AGENCIES_HEADER)]
    table += [[r.code, r.name, str(r.divisions), str(r.officials), texts.cli_agency_cycle(
        r.cycle_year, r.cycle_quarter, r.cycle_archived)] for r in rows]
    print(_format_table(table))
    return 0


def cmd_agency_show(args: argparse.Namespace) -> int:
    admin = _Admin.open(args)
    _print_profile(admin, provisioning.profile(admin.ctx, agency_code=admin.agency_code))
    return 0


def cmd_agency_set(args: argparse.Namespace) -> int:
    admin = _Admin.open(args)
    calendar, logo = _calendar_text(args), _logo_bytes(args)
    if all(v is None for v in (args.name, args.province, args.address, args.place,
                               args.timezone, calendar, logo, *_assessment(args).values())):
        raise _Failure(texts.CLI_UPDATE_NOTHING)
    _print_profile(admin, _set_profile(admin, agency_code=admin.agency_code, name=args.name,
                                       government=args.province, address=args.address,
                                       place=args.place, timezone=args.timezone,
                                       calendar=calendar, logo=logo, **_assessment(args)))
    return 0


def _set_profile(admin: _Admin, **changes: Any) -> provisioning.ProfileView:
    try:
        view = provisioning.set_profile(admin.ctx, **changes)
    except errors.InvalidInput as error:
        if error.params.get("reason") in (Reason.BAD_TIMEZONE, Reason.BAD_AGENCY_CALENDAR,
                                          Reason.BAD_LOGO):
            raise _Failure(texts.cli_agency_calendar_error(error)) from None
        raise
    admin.use_agency_zone()
    return view


def _print_profile(admin: _Admin, view: provisioning.ProfileView) -> None:
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


# --- acting officials (Plh/Plt) ---------------------------------------------------------------
def parse_moment(value: str) -> datetime:
    """A local date, optionally with a time: ``2026-12-01``, ``01-12-2026``, ``1/12/2026 13:00``.
    A date alone means the start of that day (``cmd_plh_add`` reads ``--until`` to its end)."""
    text = " ".join(value.split())
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d", "%d-%m-%Y %H:%M", "%d-%m-%Y",
                    "%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return to_utc(datetime.strptime(text, pattern))
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(texts.cli_bad_moment(value))


def _has_time(value: str) -> bool:
    return ":" in value


def _acting_commands(commands: _Commands) -> None:
    h = texts.CLI_HELP
    group = _group(commands, "plh")
    add = _command(group, "plh.add", cmd_plh_add)
    add.add_argument("--for", dest="principal", type=parse_id, required=True, metavar="ID",
                     help=h["plh.for"])
    add.add_argument("--by", dest="substitute", type=parse_id, required=True, metavar="ID",
                     help=h["plh.by"])
    add.add_argument("--from", dest="starts", metavar="TANGGAL", help=h["plh.from"])
    add.add_argument("--until", dest="ends", required=True, metavar="TANGGAL",
                     help=h["plh.until"])
    add.add_argument("--kind", choices=("plh", "plt"), default="plh", help=h["plh.kind"])
    listing = _command(group, "plh.list", cmd_plh_list)
    listing.add_argument("--all", action="store_true", help=h["plh.all"])
    end = _command(group, "plh.end", cmd_plh_end)
    end.add_argument("delegation_id", type=parse_id, metavar="ID", help=h["plh.id"])


def cmd_plh_add(args: argparse.Namespace) -> int:
    from bot.services import delegation

    admin = _Admin.open(args)
    try:
        starts = parse_moment(args.starts) if args.starts else admin.ctx.now()
        ends = parse_moment(args.ends)
    except argparse.ArgumentTypeError as error:
        raise _Failure(str(error)) from None
    if not _has_time(args.ends):
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

    admin = _Admin.open(args)
    rows = delegation.list_delegations(admin.ctx, agency_code=admin.agency_code,
                                       current_only=not args.all)
    if not rows:
        print(texts.CLI_NO_DELEGATIONS)
        return 0
    table = [list(texts.CLI_DELEGATIONS_HEADER)]
    table += [texts.cli_delegation_row(v.delegation_id, v.kind, v.principal, v.substitute,
                                       v.starts_at, v.ends_at, v.status) for v in rows]
    print(_format_table(table))
    return 0


def cmd_plh_end(args: argparse.Namespace) -> int:
    from bot.services import delegation

    admin = _Admin.open(args)
    view = delegation.revoke(admin.ctx, args.delegation_id, agency_code=admin.agency_code)
    print(texts.cli_delegation_ended(view.delegation_id, view.kind, view.principal,
                                     view.substitute))
    return 0
