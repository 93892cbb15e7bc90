"""The schema moves by migrations only, and a database of the release before them upgrades.

``tests/data/release-3b58e0d.sql`` is the database that release's demo left after one whole
quarter (TW IV 2026, archived, with master data): its schema and its rows. It is restored as
it was (on PostgreSQL: into the first migration's tables, without a version, as that release's
``create_all`` left it), upgraded with the CLI, and a new quarter is then played on it through
the chat.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables, for the metadata)
from bot import cli, texts
from bot.domain.clock import to_utc
from standin.demo import running_bot
from standin.demo_scenario import play_quarter
from storage import schema
from storage.db import make_engine
from tests import databases
from tests.clock import RunningClock
from tests.conversations.conftest import settle

FIXTURE = Path(__file__).parent / "data" / "release-3b58e0d.sql"
FIXTURE_YEAR = 2026  # the demo's quarter and master data in the fixture
# The next quarter is played in the fixture's year, whatever day the tests run.
PLAYED_AT = to_utc(datetime(2026, 10, 7, 9, 0))


# --- restoring the previous release ----------------------------------------------------------
def _previous_release_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.executescript(FIXTURE.read_text(encoding="utf-8"))


def _copy_rows(source: Engine, target: Engine) -> None:
    """Every row of ``source`` into the same tables of ``target``, parents first.

    Read through the models' column types: SQLite keeps booleans as 0/1 and times as text.
    """
    found = MetaData()
    found.reflect(target)
    with source.connect() as reading, target.begin() as writing:
        for table in found.sorted_tables:
            model = SQLModel.metadata.tables[table.name]
            columns = [model.c[column.name] for column in table.columns]
            rows = [dict(row._mapping) for row in reading.execute(select(*columns))]
            if rows:
                # Into the table as it is then: the model's defaults of columns added since
                # would name columns it does not have yet.
                writing.execute(table.insert(), rows)
            if "id" in table.c:
                # The rows came with their ids; the next new row must not collide with them.
                writing.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, false)"))


@pytest.fixture
def previous_release(tmp_path: Path) -> Iterator[str]:
    """The URL of a database exactly as the release before migrations left it."""
    restored = tmp_path / "release.db"
    _previous_release_sqlite(restored)
    if not databases.ON_POSTGRES:
        yield f"sqlite:///{restored.as_posix()}"
        return
    url = databases.server().empty()
    target = make_engine(url)
    source = create_engine(f"sqlite:///{restored.as_posix()}")
    try:
        schema.upgrade(target, to=schema.BASELINE)
        with target.begin() as connection:
            connection.execute(text("DROP TABLE alembic_version"))
        _copy_rows(source, target)
    finally:
        source.dispose()
        target.dispose()
    yield url
    databases.server().drop(url)


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            names = [n for n in inspect(connection).get_table_names() if n != "alembic_version"]
            return {name: connection.execute(
                select(func.count()).select_from(text(f'"{name}"'))).scalar_one()
                for name in names}
    finally:
        engine.dispose()


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:ABC")
    for name in ("AGENCY_CODE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


# --- the tests --------------------------------------------------------------------------------
def test_the_models_and_the_migrations_agree() -> None:
    with databases.migrated_engine() as engine, engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert context.get_current_revision() == schema.head()


def test_history_runs_from_the_baseline_to_the_head() -> None:
    revisions = schema.history()
    assert revisions[0].revision == schema.BASELINE and revisions[0].down_revision is None
    assert revisions[-1].revision == schema.head()
    for older, newer in itertools.pairwise(revisions):
        assert newer.down_revision == older.revision, "one line of migrations, no branches"
    assert all(r.title for r in revisions), "db history shows a title for each"


async def test_the_previous_release_upgrades_and_plays_a_quarter(
        previous_release: str, env: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", previous_release)
    before = _counts(previous_release)
    assert before["measurementcycle"] == 1 and before["indicator"] > 0

    code, _, err = _cli(capsys, "run")
    assert code == 1 and "sakip-bot db upgrade" in err and "sebelum migrasi" in err
    code, _, err = _cli(capsys, "users")
    assert code == 1 and "sakip-bot db upgrade" in err, "no command works on an old schema"
    code, out, _ = _cli(capsys, "db", "current")
    assert code == 1 and "belum ada" in out

    code, out, err = _cli(capsys, "db", "upgrade")
    assert code == 0, err
    assert out.strip() == texts.cli_db_upgraded(schema.BASELINE, schema.head())
    after = _counts(previous_release)
    assert {name: after[name] for name in before} == before, "every row is still there"
    assert all(after[name] == 0 for name in set(after) - set(before)), "new tables start empty"
    engine = make_engine(previous_release)
    try:
        with engine.connect() as connection:
            zones = connection.execute(text("SELECT timezone, calendar FROM agency")).all()
            formulas = connection.execute(text(
                "SELECT DISTINCT turun_formula FROM indicator")).all()
    finally:
        engine.dispose()
    assert [tuple(z) for z in zones] == [("", "")], "the deployment's zone, nothing added"
    assert [tuple(f) for f in formulas] == [("difference",)], "as their figures were computed"
    code, out, _ = _cli(capsys, "db", "upgrade")
    assert code == 0 and out.strip() == texts.cli_db_upgraded(schema.head(), schema.head())
    code, out, _ = _cli(capsys, "db", "history")
    assert code == 0 and f"{schema.head()}  " in out and "← basis data ini" in out

    data = env / "data"
    async with running_bot(data, database_url=previous_release, seed=False,
                           clock=RunningClock(PLAYED_AT)) as world:
        await play_quarter(world.people, FIXTURE_YEAR, 3, structured=True)
        await settle(world)
        assert not world.standin.errors
        for user in world.standin.users:
            assert texts.SERVER_ERROR not in user.texts, user.label
    after = _counts(previous_release)
    assert after["measurementcycle"] == 2
    engine = make_engine(previous_release)
    try:
        with engine.connect() as connection:
            statuses = connection.execute(text(
                "SELECT year, quarter, status FROM measurementcycle ORDER BY id")).all()
    finally:
        engine.dispose()
    assert [tuple(s) for s in statuses] == [(FIXTURE_YEAR, 4, "archived"),
                                            (FIXTURE_YEAR, 3, "archived")]


def test_a_database_that_is_not_ours_is_refused_and_left_alone(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An early release's cycle table, before cycles kept their Perjanjian Kinerja version.
    path = env / "data" / "sakip.db"
    path.parent.mkdir()
    with sqlite3.connect(path) as connection:
        connection.executescript(
            "CREATE TABLE agency (id INTEGER PRIMARY KEY, name VARCHAR, code VARCHAR, "
            "created_at DATETIME);"
            "CREATE TABLE measurementcycle (id INTEGER PRIMARY KEY, agency_id INTEGER, "
            "year INTEGER, quarter INTEGER, status VARCHAR);")
    code, _, err = _cli(capsys, "db", "upgrade")
    assert code == 1 and "measurementcycle.agreement_id" in err and "Tidak ada yang diubah" in err
    with sqlite3.connect(path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"agency", "measurementcycle"}


def test_twin_cycles_stop_the_upgrade_by_name(
        previous_release: str, env: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """What the race of the release before could leave behind: two cycles of one period."""
    monkeypatch.setenv("DATABASE_URL", previous_release)
    engine = make_engine(previous_release)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO measurementcycle (agency_id, year, quarter, status, "
                "opened_by_user_id, created_at) SELECT agency_id, year, quarter, 'open', "
                "opened_by_user_id, created_at FROM measurementcycle"))
    finally:
        engine.dispose()
    code, _, err = _cli(capsys, "db", "upgrade")
    assert code == 1 and f"Triwulan IV Tahun {FIXTURE_YEAR}" in err and "Tidak ada" in err
    engine = make_engine(previous_release)
    try:
        assert schema.current(engine) is None, "not even the adoption was kept"
    finally:
        engine.dispose()


def test_a_database_of_a_newer_program_is_refused(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys, "init", "--name", "Dinas X", "--code", "x")[0] == 0
    engine = make_engine(f"sqlite:///{(env / 'data' / 'sakip.db').as_posix()}")
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    code, _, err = _cli(capsys, "users")
    assert code == 1 and "versi program yang lebih baru" in err
