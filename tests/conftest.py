"""Shared fixtures: a migrated database (SQLite in memory, or PostgreSQL with
``TEST_DATABASE_URL``; see ``tests/databases.py``), a file store and factories for the domain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain.sop import Role
from storage import agencies, users
from storage.db import make_engine
from storage.documents import FileStore
from storage.models import Agency, Division, User
from tests import databases

NOW = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)  # 08:00 WIB on a Monday


@pytest.fixture(scope="session", autouse=True)
def _databases_dropped() -> Iterator[None]:
    yield
    databases.drop_all()


@pytest.fixture
def engine() -> Iterator[Engine]:
    """A database of this test's own at the newest migration."""
    with databases.migrated_engine() as engine:
        yield engine


@pytest.fixture
def shared_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated database that several connections and threads really share (a file, or
    PostgreSQL), unlike ``engine``'s single in-memory connection."""
    with databases.migrated_url(tmp_path) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def database_url() -> Iterator[str | None]:
    """A new empty database for a program under test to migrate; ``None`` on SQLite, where the
    program takes its default file in ``DATA_DIR``."""
    with databases.empty_url() as url:
        yield url


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "data")


class Factory:
    """Builds an agency with divisions and officials in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._telegram_id = 1000

    def agency(self, divisions: tuple[str, ...] = ("Bina Marga", "Cipta Karya")) -> Agency:
        agency = agencies.create_agency(
            session=self.session, name="Dinas BMCKTR", code="bmcktr", now=NOW
        )
        assert agency.id is not None
        for name in divisions:
            agencies.add_division(session=self.session, agency_id=agency.id, name=name)
        return agency

    def division(self, agency: Agency, name: str) -> Division:
        assert agency.id is not None
        found = agencies.get_division_by_name(session=self.session, agency_id=agency.id, name=name)
        assert found is not None
        return found

    def user(
        self, agency: Agency, name: str, *roles: Role | tuple[Role, Division]
    ) -> User:
        assert agency.id is not None
        self._telegram_id += 1
        user = users.create_user(
            session=self.session, agency_id=agency.id, name=name, now=NOW,
            telegram_id=self._telegram_id,
        )
        assert user.id is not None
        for role in roles:
            if isinstance(role, tuple):
                users.add_role(session=self.session, user_id=user.id, role=role[0],
                               division_id=role[1].id)
            else:
                users.add_role(session=self.session, user_id=user.id, role=role)
        return user


@pytest.fixture
def factory(session: Session) -> Factory:
    return Factory(session)


@pytest.fixture
def file_engine(tmp_path: Path) -> Iterator[Engine]:
    """A SQLite file with one table ``t (x integer)``: its writer queue, its pragmas."""
    engine = make_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("create table t (x integer)")
    yield engine
    engine.dispose()
