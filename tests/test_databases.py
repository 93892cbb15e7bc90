"""The tests' own databases (tests/databases.py): migrated copies that do not see each other,
and on PostgreSQL named for this run and dropped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from storage import agencies, schema
from storage.db import make_engine
from tests import databases
from tests.conftest import NOW


def test_each_test_gets_a_copy_at_the_newest_migration(engine: Engine) -> None:
    assert schema.current(engine) == schema.head()
    with Session(engine) as session:
        agencies.create_agency(session=session, name="Dinas", code="dinas", now=NOW)
        session.commit()
    with Session(engine) as session:
        assert agencies.list_agencies(session=session) != []
    with databases.migrated_engine() as other, Session(other) as session:
        assert agencies.list_agencies(session=session) == [], "a copy saw another's rows"


def test_a_migrated_url_can_be_opened_again(tmp_path: Path) -> None:
    with databases.migrated_url(tmp_path) as url:
        for _ in range(2):
            engine = make_engine(url)
            assert schema.current(engine) == schema.head()
            engine.dispose()


def test_an_empty_database_is_left_to_the_program(database_url: str | None) -> None:
    if database_url is None:
        assert not databases.ON_POSTGRES  # the program's own file in DATA_DIR
        return
    engine = make_engine(database_url)
    try:
        assert schema.current(engine) is None
        with engine.connect() as connection:
            tables = connection.execute(text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
            assert tables.scalar_one() == 0
    finally:
        engine.dispose()


@pytest.mark.skipif(not databases.ON_POSTGRES, reason="PostgreSQL only (TEST_DATABASE_URL)")
def test_a_run_names_its_databases_apart_and_drops_them() -> None:
    server = databases.server()
    assert str(os.getpid()) in server.prefix
    url = server.empty()
    name = make_url(url).database
    assert name is not None and name.startswith(server.prefix)

    def exists() -> bool:
        with server._admin.connect() as connection:
            found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                       {"name": name})
            return found.first() is not None

    assert exists()
    server.drop(url)
    assert not exists()
    with pytest.raises(AssertionError, match="not a database of this run"):
        server.drop(server.url_of("postgres"))
