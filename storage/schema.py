"""The database schema, changed only by the Alembic migrations in ``storage/migrations``.

Every caller hands over the engine it already has; the migrations run on one of its
connections in one transaction. A database made by the release before migrations (tables, no
``alembic_version``) is adopted: checked against the first migration and stamped with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema of the last release without migrations (commit 3b58e0d)
# Any fixed number: two processes upgrading one PostgreSQL database take turns on it.
_PG_LOCK = 0x5A_4B_1B


class SchemaError(Exception):
    """The database and this program disagree about the schema."""


class SchemaOutOfDate(SchemaError):
    """The database is behind the code (or ahead of it, after a downgrade of the program)."""

    def __init__(self, current: str | None, head: str, *, empty: bool, ahead: bool) -> None:
        super().__init__(f"schema at {current or 'none'}, program at {head}")
        self.current, self.head, self.empty, self.ahead = current, head, empty, ahead


class SchemaUnknown(SchemaError):
    """Tables without a version that are not those of the first migration: ``missing`` names
    the absent columns (``table.column``), then the absent tables (``tabel name``)."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("missing: " + ", ".join(missing))
        self.missing = missing


class DuplicateRows(SchemaError):
    """A migration adds a unique constraint that rows already in the database break."""

    def __init__(self, table: str, keys: list[tuple[object, ...]]) -> None:
        super().__init__(f"{table}: duplicates {keys}")
        self.table, self.keys = table, keys


@dataclass(frozen=True)
class Revision:
    revision: str
    down_revision: str | None
    title: str


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    found = _scripts().get_current_head()
    assert found is not None
    return found


def history() -> list[Revision]:
    """Every migration, oldest first."""
    revisions = list(_scripts().walk_revisions())
    revisions.reverse()
    return [Revision(r.revision, r.down_revision if isinstance(r.down_revision, str) else None,
                     (r.doc or "").strip().splitlines()[0] if r.doc else "") for r in revisions]


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _is_empty(connection: Connection) -> bool:
    return not inspect(connection).get_table_names()


def require_current(engine: Engine) -> None:
    """Raise ``SchemaOutOfDate`` unless the database is at the newest migration."""
    with engine.connect() as connection:
        found = MigrationContext.configure(connection).get_current_revision()
        empty = found is None and _is_empty(connection)
    newest = head()
    if found != newest:
        known = {r.revision for r in history()}
        raise SchemaOutOfDate(found, newest, empty=empty,
                              ahead=found is not None and found not in known)


def upgrade(engine: Engine, to: str = "head") -> tuple[str | None, str]:
    """Bring the database to the newest migration (or to revision ``to``); returns
    (before, after)."""
    with _migrating(engine) as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        config = _config(connection)
        if before is None and not _is_empty(connection):
            _check_matches_baseline(connection)
            command.stamp(config, BASELINE)
            before = BASELINE
        command.upgrade(config, to)
        after = MigrationContext.configure(connection).get_current_revision()
    assert after is not None
    return before, after


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds tables; SQLite allows that only with foreign keys off, and
            # the pragma cannot change inside a transaction.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise SchemaError(f"foreign keys broken by the migration: {broken[:5]}")
        finally:
            if sqlite:
                connection.rollback()  # nothing is open here unless the migration failed
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _columns(connection: Connection) -> set[str]:
    found = inspect(connection)
    return {f"{table}.{column['name']}" for table in found.get_table_names()
            if table != "alembic_version" for column in found.get_columns(table)}


def _check_matches_baseline(connection: Connection) -> None:
    """Raise ``SchemaUnknown`` unless the tables hold every column of the first migration."""
    scratch = create_engine("sqlite://")
    with scratch.begin() as scratch_connection:
        command.upgrade(_config(scratch_connection), BASELINE)
        expected = _columns(scratch_connection)
    scratch.dispose()
    found = _columns(connection)
    tables = {name.split(".")[0] for name in found}
    # Columns missing from tables that exist say most about which release made the database.
    missing = sorted(c for c in expected - found if c.split(".")[0] in tables)
    missing += sorted({f"tabel {c.split('.')[0]}" for c in expected
                       if c.split(".")[0] not in tables})
    if missing:
        raise SchemaUnknown(missing)
