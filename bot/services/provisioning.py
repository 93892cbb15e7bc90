"""Setting an agency up: divisions, officials, roles and invitations (used by the CLI)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlmodel import Session

from bot.domain import clock, errors, workflow
from bot.domain.calendar_config import CalendarConfigError, agency_calendar
from bot.domain.capaian import DEFAULT_EFFICIENCY, DEFAULT_PREDIKAT_SCALE
from bot.domain.errors import Reason
from bot.domain.report_settings import ReportSettings, parse_cap, parse_scale, parse_thresholds
from bot.domain.sop import Role
from bot.services.context import ServiceContext, resolve_agency
from reports.logo import LogoRefused, logo_size, prepare_logo
from storage import agencies, audit, cycles, users
from storage.models import Agency, AgencyProfile, User

INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed
INVITE_TTL = timedelta(days=7)
# Typed after --agency on every command and shown in lists: short, no spaces.
AGENCY_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")


@dataclass(frozen=True)
class UserRow:
    user_id: int
    name: str
    telegram_id: int | None
    nip: str | None
    active: bool
    roles: list[str]


def init_agency(ctx: ServiceContext, name: str, code: str, divisions: list[str]) -> Agency:
    """Create the agency (or rename it) and make sure every division exists."""
    now = ctx.now()
    with ctx.transaction() as session:
        agency = agencies.get_agency(session=session, code=code)
        if agency is None:
            agency = agencies.create_agency(session=session, name=name, code=code, now=now)
        else:
            agency.name = name
            session.add(agency)
        assert agency.id is not None
        for division in divisions:
            if division.strip():
                agencies.add_division(session=session, agency_id=agency.id, name=division.strip())
        audit.record(session=session, agency_id=agency.id, action="agency.init", at=now,
                     after={"name": name, "divisions": divisions})
        return agency


@dataclass(frozen=True)
class AgencyView:
    code: str
    name: str
    divisions: list[str]


def valid_code(code: str) -> bool:
    return AGENCY_CODE.fullmatch(code) is not None


def add_agency(ctx: ServiceContext, name: str, code: str, divisions: list[str]) -> AgencyView:
    """A new agency beside those already served; refused if the code is taken."""
    with ctx.transaction() as session:
        if agencies.get_agency(session=session, code=code) is not None:
            raise errors.InvalidInput(reason=Reason.AGENCY_EXISTS, code=code)
    agency = init_agency(ctx, name=name, code=code, divisions=divisions)
    with ctx.transaction() as session:
        assert agency.id is not None
        names = [d.name for d in agencies.list_divisions(session=session, agency_id=agency.id)]
    return AgencyView(code, name, names)


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    divisions: int  # active, the Sekretariat included
    officials: int  # active
    cycle_year: int | None  # the newest cycle's period, if any
    cycle_quarter: int | None
    cycle_archived: bool


def list_agencies(ctx: ServiceContext) -> list[AgencyRow]:
    rows = []
    with ctx.transaction() as session:
        for agency in agencies.list_agencies(session=session):
            assert agency.id is not None
            newest = next(iter(cycles.list_cycles(session=session, agency_id=agency.id)), None)
            rows.append(AgencyRow(
                agency.code, agency.name,
                len(agencies.list_divisions(session=session, agency_id=agency.id)),
                sum(1 for u in users.list_users(session=session, agency_id=agency.id) if u.active),
                newest.year if newest else None, newest.quarter if newest else None,
                newest is not None and newest.status == workflow.ARCHIVED))
    return rows


@dataclass(frozen=True)
class ProfileView:
    name: str
    code: str
    government: str
    address: str
    place: str
    timezone: str  # as set: an IANA name, or empty for the deployment's
    calendar: str  # the agency's additions to the deployment's calendar (TOML), or empty
    logo: str = ""  # "PNG 400×300" when the kop has a logo, else empty
    settings: ReportSettings = field(default_factory=ReportSettings)  # cap, scale, efisiensi


# What an admin may type for a zone besides its IANA name.
ZONE_ALIASES = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}


def zone_name(value: str) -> str:
    """``WITA`` or ``Asia/Makassar`` as an IANA name; "" stays "" (the deployment's zone)."""
    value = value.strip()
    name = ZONE_ALIASES.get(value.lower(), value)
    if name:
        try:
            clock.zone(name)
        except ValueError:
            raise errors.InvalidInput(reason=Reason.BAD_TIMEZONE, value=value) from None
    return name


def set_profile(
    ctx: ServiceContext, *, agency_code: str | None = None, name: str | None = None,
    government: str | None = None, address: str | None = None, place: str | None = None,
    timezone: str | None = None, calendar: str | None = None, logo: bytes | None = None,
    cap: str | None = None, predikat: str | None = None, efficiency: str | None = None,
) -> ProfileView:
    """Change what the letterhead prints, the agency's zone or its calendar additions; a field
    left ``None`` keeps its value, ``""`` clears it. A zone or calendar that cannot be used is
    refused before anything changes; plans of reminders follow a change at the next sweep.
    ``logo`` is a picture file for the kop (``b""`` removes it), refused unless it is one.
    ``cap``, ``predikat`` and ``efficiency`` are typed as ``120``, ``91 76 66 51`` and
    ``-5 5`` (bot.domain.report_settings); ``""`` goes back to the default.
    Every change is in the audit log."""
    if logo:
        try:
            logo = prepare_logo(logo)
        except LogoRefused as refused:
            raise errors.InvalidInput(reason=Reason.BAD_LOGO, problem=refused.reason) from None
    now = ctx.now()
    with ctx.transaction() as session:
        agency = _agency(session, agency_code)
        assert agency.id is not None
        profile = agencies.get_profile(session=session, agency_id=agency.id)
        before = _profile_view(agency, profile)
        if name is not None:
            if not " ".join(name.split()):
                raise errors.InvalidInput(reason=Reason.AGENCY_NAME_EMPTY)
            agency.name = " ".join(name.split())
        zone = agency.timezone if timezone is None else zone_name(timezone)
        additions = agency.calendar if calendar is None else calendar
        try:
            agency_calendar(ctx.calendar, zone, additions)
        except CalendarConfigError as error:
            raise errors.InvalidInput(
                reason=Reason.BAD_AGENCY_CALENDAR, problem=str(error.problem),
                field=error.field or "", value=str(error.value)) from None
        agency.timezone, agency.calendar = zone, additions
        session.add(agency)
        for field, value in (("government", government), ("address", address),
                             ("place", place)):
            if value is not None:
                setattr(profile, field, " ".join(value.split()))
        if logo is not None:
            profile.logo = logo or None
        profile.report_settings = _settings(
            ReportSettings.from_mapping(profile.report_settings), cap, predikat,
            efficiency).to_mapping()
        profile.updated_at = now
        agencies.save_profile(session=session, profile=profile)
        after = _profile_view(agency, profile)
        if after != before:
            audit.record(session=session, agency_id=agency.id, action="agency.profile", at=now,
                         before=_audited(before), after=_audited(after))
        return after


def profile(ctx: ServiceContext, *, agency_code: str | None = None) -> ProfileView:
    with ctx.transaction() as session:
        agency = _agency(session, agency_code)
        assert agency.id is not None
        return _profile_view(agency, agencies.get_profile(session=session, agency_id=agency.id))


def _profile_view(agency: Agency, profile: AgencyProfile) -> ProfileView:
    logo = ""
    if profile.logo:
        width, height = logo_size(profile.logo)
        logo = f"PNG {width}×{height}"
    return ProfileView(agency.name, agency.code, profile.government, profile.address,
                       profile.place, agency.timezone, agency.calendar, logo,
                       ReportSettings.from_mapping(profile.report_settings))


def _audited(view: ProfileView) -> dict[str, object]:
    return {**view.__dict__, "settings": view.settings.to_mapping()}


def _settings(current: ReportSettings, cap: str | None, predikat: str | None,
              efficiency: str | None) -> ReportSettings:
    """``current`` with what was typed; each refused with its reason before anything changes."""
    if cap is not None:
        current = replace(current, cap=parse_cap(cap))
    if predikat is not None:
        current = replace(current, scale=(parse_scale(predikat) if predikat.strip()
                                          else DEFAULT_PREDIKAT_SCALE))
    if efficiency is not None:
        current = replace(current, thresholds=(parse_thresholds(efficiency)
                                               if efficiency.strip() else DEFAULT_EFFICIENCY))
    return current


def add_user(
    ctx: ServiceContext, *, name: str, roles: list[tuple[Role, str | None]],
    telegram_id: int | None = None, nip: str | None = None, rank: str | None = None,
    agency_code: str | None = None,
) -> User:
    """Register an official with one or more roles; a Bidang role names its division.
    ``rank`` is the *pangkat/golongan* printed under the name when they sign."""
    now = ctx.now()
    with ctx.transaction() as session:
        agency = _agency(session, agency_code)
        assert agency.id is not None
        user = None
        if telegram_id is not None:
            user = users.get_user_by_telegram_id(session=session, telegram_id=telegram_id,
                                                 agency_id=agency.id)
        if user is None:
            user = users.create_user(session=session, agency_id=agency.id, name=name, now=now,
                                     telegram_id=telegram_id, nip=nip, title=rank or None)
        assert user.id is not None
        for role, division_name in roles:
            division_id = None
            if role is Role.DIVISION:
                if not division_name:
                    raise errors.InvalidInput(reason=Reason.DIVISION_REQUIRED)
                division = agencies.get_division_by_name(session=session, agency_id=agency.id,
                                                         name=division_name)
                if division is None or division.is_secretariat:
                    raise errors.InvalidInput(reason=Reason.UNKNOWN_DIVISION, name=division_name)
                division_id = division.id
            users.add_role(session=session, user_id=user.id, role=role, division_id=division_id)
        audit.record(session=session, agency_id=agency.id, action="user.add", at=now,
                     after={"user_id": user.id, "name": name,
                            "roles": [f"{r}:{d or ''}" for r, d in roles]})
        return user


def invite(ctx: ServiceContext, user_id: int, agency_code: str | None = None) -> str:
    """A one-time code that binds the first Telegram account sending it to ``user_id``."""
    now = ctx.now()
    code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8))
    with ctx.transaction() as session:
        user = _user(session, user_id, agency_code)
        users.create_invite(session=session, agency_id=user.agency_id, user_id=user_id,
                            code=code, now=now, expires_at=now + INVITE_TTL)
        audit.record(session=session, agency_id=user.agency_id, action="user.invite", at=now,
                     after={"user_id": user_id})
    return code


def update_user(
    ctx: ServiceContext, user_id: int, *, name: str | None = None, nip: str | None = None,
    rank: str | None = None, agency_code: str | None = None,
) -> User:
    """Correct an official's name, NIP or rank; ``None`` keeps a field, ``""`` clears NIP or
    rank (a name cannot be cleared). A change that changes nothing is not audited."""
    now = ctx.now()
    with ctx.transaction() as session:
        user = _user(session, user_id, agency_code)
        before = {"name": user.name, "nip": user.nip, "rank": user.title}
        if name is not None:
            if not " ".join(name.split()):
                raise errors.InvalidInput(reason=Reason.NAME_EMPTY)
            user.name = " ".join(name.split())
        if nip is not None:
            user.nip = " ".join(nip.split()) or None
        if rank is not None:
            user.title = " ".join(rank.split()) or None
        after = {"name": user.name, "nip": user.nip, "rank": user.title}
        if after != before:
            session.add(user)
            audit.record(session=session, agency_id=user.agency_id, action="user.update",
                         at=now, before=before, after=after)
        return user


def set_active(ctx: ServiceContext, user_id: int, active: bool,
               agency_code: str | None = None) -> None:
    now = ctx.now()
    with ctx.transaction() as session:
        user = _user(session, user_id, agency_code)
        before = user.active
        user.active = active
        session.add(user)
        audit.record(session=session, agency_id=user.agency_id, action="user.active", at=now,
                     actor_user_id=None, before={"active": before}, after={"active": active})


def list_users(ctx: ServiceContext, agency_code: str | None = None) -> list[UserRow]:
    with ctx.transaction() as session:
        agency = _agency(session, agency_code)
        assert agency.id is not None
        return [_row(session, user) for user in users.list_users(session=session,
                                                                 agency_id=agency.id)]


def user_row(ctx: ServiceContext, user_id: int, agency_code: str | None = None) -> UserRow:
    """One official of the agency, as ``list_users`` shows them."""
    with ctx.transaction() as session:
        return _row(session, _user(session, user_id, agency_code))


def _row(session: Session, user: User) -> UserRow:
    assert user.id is not None
    labels = []
    for assignment in users.roles_of(session=session, user_id=user.id):
        division = (agencies.get_division(session=session, division_id=assignment.division_id)
                    if assignment.division_id else None)
        labels.append(f"{assignment.role}" + (f":{division.name}" if division else ""))
    return UserRow(user.id, user.name, user.telegram_id, user.nip, user.active, labels)


def telegram_id_taken(ctx: ServiceContext, telegram_id: int,
                      agency_code: str | None = None) -> bool:
    """Whether an official of the agency already has this Telegram account."""
    with ctx.transaction() as session:
        agency = _agency(session, agency_code)
        return users.get_user_by_telegram_id(session=session, telegram_id=telegram_id,
                                             agency_id=agency.id) is not None


def division_names(ctx: ServiceContext, agency_code: str | None = None, *,
                   active_only: bool = True) -> list[str] | None:
    """The agency's divisions by name; ``None`` when there is no agency with that code."""
    with ctx.transaction() as session:
        agency = (agencies.get_agency(session=session, code=agency_code)
                  if agency_code is not None else _agency(session, None))
        if agency is None or agency.id is None:
            return None
        return [d.name for d in agencies.list_divisions(session=session, agency_id=agency.id,
                                                         active_only=active_only)]


def _user(session: Session, user_id: int, agency_code: str | None) -> User:
    """A user of the agency the command is for (``AGENCY_CODE``), never of another one."""
    agency = _agency(session, agency_code)
    user = users.get_user(session=session, user_id=user_id)
    if user is None or user.agency_id != agency.id:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_USER)
    return user


def _agency(session: Session, code: str | None) -> Agency:
    return resolve_agency(session, code)
