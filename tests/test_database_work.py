"""An update's database work on SQLite runs on the event loop unless it would wait for the
write lock, then in a worker thread (bot.database_work, storage.db.runs_on_loop)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import column, insert, table, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot import database_work
from bot.services.context import database_only
from storage.db import Unit, WouldWait, joined, make_engine, on_loop, runs_on_loop, session_scope

WAIT = 10.0  # seconds; never reached when all is well


T = table("t", column("x"))


def _insert(session: Session, value: int) -> None:
    session.execute(insert(T).values(x=value))


def _first_write(session: Session) -> None:
    _insert(session, 0)


def _unit(engine: Engine) -> Unit:
    return Unit(engine, _first_write, loop_ok=True)


def _rows(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return [r[0] for r in connection.exec_driver_sql("select x from t order by x")]


@pytest.fixture
def other_writer(file_engine: Engine) -> Iterator[threading.Event]:
    """Another transaction that holds the write lock until the event is set."""
    wrote, release = threading.Event(), threading.Event()

    def write() -> None:
        with session_scope(file_engine) as session:
            _insert(session, 100)
            wrote.set()
            assert release.wait(WAIT)

    thread = threading.Thread(target=write)
    thread.start()
    assert wrote.wait(WAIT)
    yield release
    release.set()
    thread.join(WAIT)


def test_work_is_tried_on_the_loop_only_for_a_unit_on_a_sqlite_file_no_other_process_writes(
        file_engine: Engine) -> None:
    assert runs_on_loop(_unit(file_engine))
    assert not runs_on_loop(None)
    assert not runs_on_loop(Unit(file_engine, _first_write))  # behind a shared webhook
    # No writer queue: one connection for everything.
    assert not runs_on_loop(_unit(make_engine("sqlite://")))


def test_a_first_write_on_the_loop_that_would_wait_writes_nothing_and_the_unit_goes_on(
        file_engine: Engine, other_writer: threading.Event) -> None:
    unit = _unit(file_engine)
    with (joined(unit), on_loop(), pytest.raises(WouldWait),
          session_scope(file_engine) as session):
        assert session.execute(text("select count(*) from t")).scalar_one() == 0
        _insert(session, 1)
    assert not unit.begun
    other_writer.set()
    with joined(unit), session_scope(file_engine) as session:  # in a thread: it may wait
        _insert(session, 2)
    unit.commit()
    unit.close()
    assert _rows(file_engine) == [0, 2, 100]


@database_only
def _record(engine: Engine, value: int) -> int:
    with session_scope(engine) as session:
        _insert(session, value)
    return threading.get_ident()


@database_only
def _read(engine: Engine) -> int:
    with session_scope(engine) as session:
        session.execute(text("select count(*) from t")).scalar_one()
    return threading.get_ident()


def _unmarked(engine: Engine, value: int) -> int:
    return int(_record(engine, value))


async def test_database_only_work_runs_on_the_loop_and_goes_to_a_thread_when_it_would_wait(
        file_engine: Engine, other_writer: threading.Event) -> None:
    loop_thread = threading.get_ident()
    unit = _unit(file_engine)
    with joined(unit):
        assert await database_work.run(_read, file_engine) == loop_thread  # reads never wait
        asyncio.get_running_loop().call_later(0.2, other_writer.set)
        # The lock is another's: the write waits for it in a thread, the loop goes on.
        assert await database_work.run(_record, file_engine, 1) != loop_thread
        # Now the unit holds the lock: on the loop; work not marked stays in a thread.
        assert await database_work.run(_record, file_engine, 2) == loop_thread
        assert await database_work.run(_unmarked, file_engine, 3) != loop_thread
    await asyncio.to_thread(unit.commit)
    unit.close()
    assert _rows(file_engine) == [0, 1, 2, 3, 100]
