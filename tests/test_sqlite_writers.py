"""SQLite files: this process's writers wait in line for the write lock, and what each commit
promises about the disk (storage.db)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from storage import db
from storage.db import durable_scope, session_scope

WAIT = 10.0  # seconds; generous bounds for a loaded CI machine, never reached when all is well


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("select count(*) from t").scalar_one())


def test_a_second_writer_waits_in_line_and_goes_on_the_moment_the_first_commits(
        file_engine: Engine) -> None:
    first_wrote, second_done = threading.Event(), threading.Event()
    may_commit = threading.Event()
    failures: list[BaseException] = []

    def first() -> None:
        with session_scope(file_engine) as session:
            session.execute(text("insert into t values (1)"))
            first_wrote.set()
            assert may_commit.wait(WAIT)

    def second() -> None:
        try:
            assert first_wrote.wait(WAIT)
            with session_scope(file_engine) as session:
                session.execute(text("insert into t values (2)"))
        except BaseException as error:
            failures.append(error)
        finally:
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert first_wrote.wait(WAIT)
    assert not second_done.wait(0.3), "the second writer went ahead of an uncommitted first"
    may_commit.set()
    assert second_done.wait(WAIT)
    for thread in threads:
        thread.join(WAIT)
    assert failures == []
    assert _count(file_engine) == 2


def test_a_writer_kept_waiting_too_long_fails_as_locked_and_nothing_stays_held(
        file_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "WRITE_WAIT", 0.2)
    holding, release = threading.Event(), threading.Event()

    def holder() -> None:
        with session_scope(file_engine) as session:
            session.execute(text("insert into t values (1)"))
            holding.set()
            assert release.wait(WAIT)

    thread = threading.Thread(target=holder)
    thread.start()
    assert holding.wait(WAIT)
    with pytest.raises(OperationalError, match="locked"), session_scope(file_engine) as session:
        session.execute(text("insert into t values (2)"))
    release.set()
    thread.join(WAIT)
    with session_scope(file_engine) as session:  # the turn came free again
        session.execute(text("insert into t values (3)"))
    assert _count(file_engine) == 2


@pytest.mark.parametrize("ending", ["rollback", "error", "close"])
def test_the_turn_ends_with_the_transaction_however_it_ends(file_engine: Engine,
                                                            ending: str) -> None:
    with file_engine.connect() as connection:
        connection.exec_driver_sql("insert into t values (1)")
        if ending == "rollback":
            connection.rollback()
        elif ending == "error":
            with pytest.raises(OperationalError):
                connection.exec_driver_sql("insert into no_such_table values (1)")
            connection.rollback()
        # "close": the connection goes back to the pool with its transaction open

    done = threading.Event()

    def another_thread_writes() -> None:
        with session_scope(file_engine) as session:
            session.execute(text("insert into t values (2)"))
        done.set()

    threading.Thread(target=another_thread_writes).start()
    assert done.wait(WAIT), f"the write turn was still held after {ending}"
    assert _count(file_engine) == 1


def test_many_threads_writing_at_once_all_commit(file_engine: Engine) -> None:
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(40):
                with session_scope(file_engine) as session:
                    session.execute(text("insert into t values (1)"))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert _count(file_engine) == 8 * 40


def _synchronous(connection: object) -> int:
    return int(connection.exec_driver_sql("PRAGMA synchronous").scalar_one())  # type: ignore[attr-defined]


def test_commits_go_to_the_wal_unflushed_and_a_durable_scope_flushes(
        file_engine: Engine) -> None:
    normal, full = 1, 2
    with file_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert _synchronous(connection) == normal
    with durable_scope(file_engine) as session:
        assert _synchronous(session.connection()) == full
        session.execute(text("insert into t values (1)"))
    with durable_scope(file_engine) as session:
        session.execute(text("insert into t values (2)"))
    # Every pooled connection is back to NORMAL, whichever one the scopes used.
    connections = [file_engine.connect() for _ in range(3)]
    try:
        assert [_synchronous(c) for c in connections] == [normal] * 3
    finally:
        for connection in connections:
            connection.close()
    assert _count(file_engine) == 2


def test_a_durable_scope_that_fails_commits_nothing_and_leaves_normal(
        file_engine: Engine) -> None:
    with pytest.raises(ValueError), durable_scope(file_engine) as session:
        session.execute(text("insert into t values (1)"))
        raise ValueError("refused")
    with file_engine.connect() as connection:
        assert _synchronous(connection) == 1
    assert _count(file_engine) == 0
