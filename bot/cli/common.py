"""What every command shares: the admin’s context, refusals, reading typed values, the parser
classes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot import texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain import errors
from bot.domain.clock import to_local, to_utc, use_zone, utcnow
from bot.domain.sop import Role
from bot.formatting import format_nip
from bot.services import provisioning
from bot.services.context import ServiceContext, resolve_agency
from storage import schema
from storage.db import make_engine

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


class Failure(Exception):
    """A refusal already worded for the admin."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- parsing values ---------------------------------------------------------------------------
def today() -> date:
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
    if born.year < 1900 or born > today():
        return written, "birth_date"
    appointed = (int(digits[8:12]), int(digits[12:14]))
    if not 1 <= appointed[1] <= 12 or appointed <= (born.year, born.month):
        return written, "appointment"
    if digits[14] not in "12":
        return written, "sex"
    return format_nip(digits), None


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


class Parser(argparse.ArgumentParser):
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


def letterhead_options(parser: argparse.ArgumentParser) -> None:
    h = texts.CLI_HELP
    parser.add_argument("--province", metavar="PEMERINTAH", help=h["agency.province"])
    parser.add_argument("--address", metavar="ALAMAT", help=h["agency.address"])
    parser.add_argument("--place", metavar="KOTA", help=h["agency.place"])
    parser.add_argument("--logo", type=Path, metavar="BERKAS.png", help=h["agency.logo"])
    parser.add_argument("--no-logo", action="store_true", help=h["agency.no_logo"])
    parser.add_argument("--cap", metavar="PERSEN", help=h["agency.cap"])
    parser.add_argument("--predikat", metavar="\"91 76 66 51\"", help=h["agency.predikat"])
    parser.add_argument("--efficiency", metavar="\"-5 5\"", help=h["agency.efficiency"])


def role_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    h = texts.CLI_HELP
    parser.add_argument("--role", dest="roles", action="append", type=parse_role,
                        required=required, default=[], metavar="PERAN", help=h["user.role"])
    parser.add_argument("--division", metavar="BIDANG", help=h["user.division"])


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def umask_setting() -> int:
    try:
        return int(Settings().umask, 8)
    except ValidationError:
        return 0o077  # the command itself reports the bad setting

def read_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        # Only the field names: the values may hold secrets.
        fields = sorted({".".join(str(part) for part in e["loc"]).upper()
                         for e in error.errors()})
        raise Failure(texts.cli_bad_settings(fields)) from None


@dataclass
class Admin:
    settings: Settings
    ctx: ServiceContext
    # --agency, else AGENCY_CODE; with neither, the services take the only agency there is.
    agency_code: str | None

    @classmethod
    def open(cls, args: argparse.Namespace, *, migrate: bool = False) -> Admin:
        settings = read_settings()
        with database_failures():
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
        return provisioning.division_names(self.ctx, self.agency_code) or []


# --- helpers ---------------------------------------------------------------------------------
def checked_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise Failure(texts.CLI_NAME_EMPTY)
    return name


def checked_nip(value: str | None) -> str | None:
    if value is None:
        return None
    nip, problem = normalise_nip(value)
    if problem is not None and nip is not None:
        warn(texts.cli_nip_warning(nip, problem))
    return nip


def format_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             .rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def parse_quarter(value: str) -> int:
    try:
        quarter = int(value.strip())
    except ValueError:
        quarter = 0
    if quarter not in (1, 2, 3, 4):
        raise argparse.ArgumentTypeError(texts.archive_bad_quarter(value))
    return quarter


Commands = argparse._SubParsersAction  # what add_subparsers returns


# --- the database ----------------------------------------------------------------------------
@contextmanager
def database_failures() -> Iterator[None]:
    """A database that cannot be opened, or whose schema does not fit, as a short reason."""
    try:
        yield
    except schema.SchemaOutOfDate as behind:
        raise Failure(texts.cli_schema_behind(behind.current, behind.head, empty=behind.empty,
                                              ahead=behind.ahead)) from None
    except schema.SchemaUnknown as unknown:
        raise Failure(texts.cli_schema_unknown(unknown.missing)) from None
    except schema.DuplicateRows as twins:
        raise Failure(texts.cli_duplicate_cycles(twins.keys)) from None
    except SQLAlchemyError as error:
        raise Failure(texts.cli_database_error(type(error).__name__)) from None


@contextmanager
def open_engine() -> Iterator[Engine]:
    """The configured database without the schema check that every other command makes."""
    settings = read_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    try:
        with database_failures():
            yield engine
    finally:
        engine.dispose()


# --- command groups --------------------------------------------------------------------------
def command_group(commands: Commands, name: str, *, agency: bool = True) -> Commands:
    """``sakip-bot NAME SUBCOMMAND``; ``NAME`` alone prints its help."""
    help_text = texts.CLI_HELP[name]
    parser = commands.add_parser(name, help=help_text, description=help_text, agency=agency)
    parser.set_defaults(help_parser=parser)
    return parser.add_subparsers(title=texts.CLI_COMMANDS, metavar="PERINTAH")


def subcommand(group: Commands, key: str, handler: Callable[[argparse.Namespace], int], *,
               agency: bool = True) -> argparse.ArgumentParser:
    """Subcommand ``key`` (``group.name``) with its help from ``texts.CLI_HELP``."""
    help_text = texts.CLI_HELP[key]
    parser = group.add_parser(key.rsplit(".", 1)[1], help=help_text, description=help_text,
                              agency=agency)
    parser.set_defaults(handler=handler)
    return parser


# --- acting officials -------------------------------------------------------------------------
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


def has_time(value: str) -> bool:
    return ":" in value
