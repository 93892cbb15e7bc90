"""The databases the tests run on: SQLite, or PostgreSQL when ``TEST_DATABASE_URL`` is set.

``TEST_DATABASE_URL`` names a database on a server where its user may create databases (the
``postgres`` database of the throwaway cluster in ``.ci/run``). Each test then gets databases of
its own there, named with this run's prefix so that two runs on one server never meet; each is
dropped after its test and whatever is left (a run cut short) when the session ends.

The schema comes from the migrations, as in production. Migrating costs tens of milliseconds,
so the session migrates one template and every test gets a copy of it: SQLite's backup API into
the test's in-memory database, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL.
"""

from __future__ import annotations

import atexit
import itertools
import os
import secrets
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from bot.config import Settings
from storage import schema
from storage.db import make_engine

ENV = "TEST_DATABASE_URL"
TEST_DATABASE_URL = Settings(database_url=os.environ.get(ENV) or None).database_url
ON_POSTGRES = TEST_DATABASE_URL is not None


class PostgresServer:
    """Creates and drops this run's databases on the server of ``TEST_DATABASE_URL``."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        if self.url.get_backend_name() != "postgresql":
            raise RuntimeError(f"{ENV} must name a PostgreSQL server, not {self.url.drivername}")
        # The process id keeps two runs apart; the random part, a later run with a reused id.
        self.prefix = f"sakip_test_{os.getpid()}_{secrets.token_hex(3)}_"
        # CREATE and DROP DATABASE refuse to run inside a transaction.
        self._admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self._numbers = itertools.count(1)
        self._template: str | None = None

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _create(self, template: str | None = None) -> str:
        name = f"{self.prefix}{next(self._numbers)}"
        like = f' TEMPLATE "{template}"' if template else ""
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"{like}')
        return name

    def empty(self) -> str:
        """The URL of a new database without tables."""
        return self.url_of(self._create())

    def migrated(self) -> str:
        """The URL of a new database at the newest migration."""
        if self._template is None:
            name = self._create()
            engine = make_engine(self.url_of(name))
            schema.upgrade(engine)
            # A template must have no connection open while it is copied.
            engine.dispose()
            self._template = name
        return self.url_of(self._create(template=self._template))

    def copy_of(self, url: str) -> str:
        """The URL of a new database holding what the database at ``url`` holds now; nothing
        may be connected to ``url`` meanwhile (dispose its engine first)."""
        source = make_url(url).database
        assert source and source.startswith(self.prefix), f"not a database of this run: {source}"
        return self.url_of(self._create(template=source))

    def refill(self, url: str, source_url: str) -> None:
        """Make the database at ``url`` (a database of this run that nothing is connected to)
        a copy of the one at ``source_url``, under the same name."""
        name, source = make_url(url).database, make_url(source_url).database
        assert name and name.startswith(self.prefix), f"not a database of this run: {name}"
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}"')
            connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')

    def drop(self, url: str) -> None:
        name = make_url(url).database
        assert name and name.startswith(self.prefix), f"not a database of this run: {name}"
        # FORCE: a bot process or a thread of the test may still hold a connection.
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_all(self) -> None:
        with self._admin.connect() as connection:
            names = connection.execute(
                text("SELECT datname FROM pg_database WHERE starts_with(datname, :prefix)"),
                {"prefix": self.prefix}).scalars().all()
        for name in names:
            self.drop(self.url_of(name))
        self._template = None
        self._admin.dispose()


_server: PostgresServer | None = None
_sqlite_template: sqlite3.Connection | None = None


def server() -> PostgresServer:
    global _server
    assert TEST_DATABASE_URL is not None, f"{ENV} is not set"
    if _server is None:
        _server = PostgresServer(TEST_DATABASE_URL)
    return _server


def _migrated_sqlite() -> sqlite3.Connection:
    """The session's migrated SQLite database, in memory, to copy from."""
    global _sqlite_template
    if _sqlite_template is None:
        engine = make_engine("sqlite://")
        schema.upgrade(engine)
        raw = engine.raw_connection()
        try:
            _sqlite_template = sqlite3.connect(":memory:", check_same_thread=False)
            raw.driver_connection.backup(_sqlite_template)  # type: ignore[union-attr]
        finally:
            raw.close()
            engine.dispose()
    return _sqlite_template


def _copy_migrated_sqlite(engine: Engine) -> None:
    raw = engine.raw_connection()
    try:
        _migrated_sqlite().backup(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()


@contextmanager
def migrated_engine() -> Iterator[Engine]:
    """An engine on a database of its own at the newest migration (SQLite: in memory)."""
    if ON_POSTGRES:
        url = server().migrated()
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()
            server().drop(url)
        return
    engine = make_engine("sqlite://")  # StaticPool: every session sees the one copy
    try:
        _copy_migrated_sqlite(engine)
        yield engine
    finally:
        engine.dispose()


@contextmanager
def migrated_url(folder: Path) -> Iterator[str]:
    """The URL of a database at the newest migration that several engines can open in turn
    (SQLite: a file in ``folder``)."""
    if ON_POSTGRES:
        url = server().migrated()
        try:
            yield url
        finally:
            server().drop(url)
        return
    url = f"sqlite:///{(folder / 'migrated.db').as_posix()}"
    engine = make_engine(url)
    try:
        _copy_migrated_sqlite(engine)
    finally:
        engine.dispose()
    yield url


@contextmanager
def empty_url() -> Iterator[str | None]:
    """A new database without tables for a program to set up, or ``None`` on SQLite: then the
    program's default, the file ``sakip.db`` in its ``DATA_DIR``."""
    if not ON_POSTGRES:
        yield None
        return
    url = server().empty()
    try:
        yield url
    finally:
        server().drop(url)


@dataclass(frozen=True)
class Snapshot:
    """A database with its data, frozen to start several tests from (a prepared cycle):
    an in-memory SQLite copy, or a PostgreSQL database used as a template."""

    sqlite: sqlite3.Connection | None = None
    url: str | None = None


def snapshot(engine: Engine) -> Snapshot:
    """Freeze what ``engine``'s database holds now; ``engine`` stays usable afterwards."""
    if ON_POSTGRES:
        url = engine.url.render_as_string(hide_password=False)
        engine.dispose()  # a template must have no connection open while it is copied
        return Snapshot(url=server().copy_of(url))
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    raw = engine.raw_connection()
    try:
        raw.driver_connection.backup(copy)  # type: ignore[union-attr]
    finally:
        raw.close()
    return Snapshot(sqlite=copy)


@contextmanager
def engine_from(frozen: Snapshot) -> Iterator[Engine]:
    """An engine on a database of its own that starts as ``frozen`` (SQLite: in memory)."""
    if frozen.url is not None:
        url = server().copy_of(frozen.url)
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()
            server().drop(url)
        return
    assert frozen.sqlite is not None
    engine = make_engine("sqlite://")
    raw = engine.raw_connection()
    try:
        frozen.sqlite.backup(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()
    try:
        yield engine
    finally:
        engine.dispose()


@dataclass(frozen=True)
class DataSnapshot:
    """A bot's data folder with its database, frozen to start several tests from: a copy of
    the folder (on SQLite, with the database file in it), removed when the run ends, and on
    PostgreSQL a copy of the database, used as a template."""

    folder: Path
    url: str | None

    def copy_to(self, folder: Path) -> None:
        """Give ``folder`` (which must not exist) the snapshot's files; the database is the
        caller's to take: ``copy_of(url)`` as a new one, or ``refill`` of one by name."""
        shutil.copytree(self.folder, folder)


def data_snapshot(folder: Path, url: str | None) -> DataSnapshot:
    """Freeze ``folder`` and the PostgreSQL database ``url`` (``None`` on SQLite) as they are;
    nothing may be connected to the database meanwhile."""
    copy = Path(tempfile.mkdtemp(prefix="sakip-data-")) / "data"
    atexit.register(shutil.rmtree, copy.parent, ignore_errors=True)
    shutil.copytree(folder, copy)
    return DataSnapshot(copy, server().copy_of(url) if url else None)


def set_database(env: MutableMapping[str, str], url: str | None) -> None:
    """Point the environment of a program (``os.environ`` or a child's) at ``url``: with
    ``None`` the program takes its default."""
    if url is None:
        env.pop("DATABASE_URL", None)
    else:
        env["DATABASE_URL"] = url


def drop_all() -> None:
    """Remove every database this run made (those of tests cut short included)."""
    if _server is not None:
        _server.drop_all()
