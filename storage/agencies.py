"""Agencies and their divisions."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.models import Agency, AgencyProfile, Division

SECRETARIAT_NAME = "Sekretariat"


def create_agency(*, session: Session, name: str, code: str, now: datetime) -> Agency:
    agency = Agency(name=name, code=code, created_at=now)
    session.add(agency)
    session.flush()
    session.add(Division(agency_id=agency.id, name=SECRETARIAT_NAME, is_secretariat=True))
    session.flush()
    return agency


def get_agency(*, session: Session, code: str) -> Agency | None:
    return session.exec(select(Agency).where(Agency.code == code)).first()


def get_agency_by_id(*, session: Session, agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise LookupError(f"no agency {agency_id}")
    return agency


def list_agencies(*, session: Session) -> list[Agency]:
    """Every agency of the deployment, by code."""
    return list(session.exec(select(Agency).order_by(Agency.code)))


def add_division(*, session: Session, agency_id: int, name: str) -> Division:
    existing = get_division_by_name(session=session, agency_id=agency_id, name=name)
    if existing is not None:
        existing.active = True
        return existing
    division = Division(agency_id=agency_id, name=name)
    session.add(division)
    session.flush()
    return division


def get_division(*, session: Session, division_id: int) -> Division | None:
    return session.get(Division, division_id)


def get_division_by_name(*, session: Session, agency_id: int, name: str) -> Division | None:
    query = select(Division).where(Division.agency_id == agency_id, Division.name == name)
    return session.exec(query).first()


def list_divisions(
    *, session: Session, agency_id: int, active_only: bool = True
) -> list[Division]:
    """Every division, the Sekretariat first."""
    query = select(Division).where(Division.agency_id == agency_id)
    if active_only:
        query = query.where(Division.active == True)  # noqa: E712
    divisions = session.exec(query.order_by(Division.id)).all()
    return sorted(divisions, key=lambda d: (not d.is_secretariat, d.id or 0))


def secretariat(*, session: Session, agency_id: int) -> Division:
    query = select(Division).where(Division.agency_id == agency_id, Division.is_secretariat)
    division = session.exec(query).first()
    if division is None:
        raise LookupError(f"agency {agency_id} has no Sekretariat")
    return division


def get_profile(*, session: Session, agency_id: int) -> AgencyProfile:
    """The agency's letterhead; an empty one (not stored) when none was ever set."""
    profile = session.get(AgencyProfile, agency_id)
    if profile is None:
        return AgencyProfile(agency_id=agency_id)
    return profile


def save_profile(*, session: Session, profile: AgencyProfile) -> AgencyProfile:
    session.merge(profile)
    session.flush()
    return profile
