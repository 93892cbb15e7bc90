"""The unit of work an update runs in, and the inbox, on the storage layer alone.

The bot's side (redelivery, a failure at the last moment, a restart) is in
``tests/conversations/test_conv_update_unit.py``.
"""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage import drafts, inbox, outbox, schema
from storage.db import Unit, joined, make_engine, session_scope
from storage.models import Division, InboxUpdate, MessageLog
from tests.conftest import Factory


def _take(update_id: int) -> Any:
    def begin(session: Session) -> None:
        assert inbox.claim(session=session, update_id=update_id,
                           payload={"update_id": update_id}, now=_now())
    return begin


def _now() -> Any:
    from bot.domain.clock import utcnow
    return utcnow()


def _updates(engine: Engine) -> dict[int, InboxUpdate]:
    with session_scope(engine) as session:
        return {row.update_id: row for row in session.exec(select(InboxUpdate))}


def test_a_unit_that_rolls_back_leaves_nothing_although_its_savepoints_were_released(
        engine: Engine) -> None:
    unit = Unit(engine, _take(1))
    with joined(unit):
        with session_scope(engine) as session:  # a service's transaction, released
            inbox.record(session=session, updates=[{"update_id": 2}], now=_now())
        with session_scope(engine) as session:
            assert set(_ids(session)) == {1, 2}, "the unit sees its own writes"
    unit.rollback()
    unit.close()
    assert _updates(engine) == {}, "a released savepoint must not have committed on its own"


def test_a_failing_service_is_undone_and_the_rest_of_the_update_commits(engine: Engine) -> None:
    unit = Unit(engine, _take(1))
    with joined(unit):
        with session_scope(engine) as session:
            inbox.record(session=session, updates=[{"update_id": 2}], now=_now())
        with pytest.raises(ValueError), session_scope(engine) as session:
            inbox.record(session=session, updates=[{"update_id": 3}], now=_now())
            session.flush()
            raise ValueError("the service refused")
    unit.commit()
    unit.close()
    assert set(_updates(engine)) == {1, 2}


def test_outside_a_unit_each_scope_commits_on_its_own(engine: Engine) -> None:
    with session_scope(engine) as session:
        inbox.record(session=session, updates=[{"update_id": 7}], now=_now())
    assert set(_updates(engine)) == {7}


def test_an_update_is_claimed_once_and_not_again_when_done(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert inbox.record(session=session, updates=[{"update_id": 5}, {"update_id": 5}],
                            now=_now()) == 1
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        assert inbox.claim(session=session, update_id=5, payload={}, now=_now())
        raise RuntimeError("the update failed after its claim")
    with session_scope(engine) as session:
        assert [p["update_id"] for p in inbox.unfinished(session=session)] == [5]
        assert inbox.claim(session=session, update_id=5, payload={}, now=_now())
    with session_scope(engine) as session:
        assert not inbox.claim(session=session, update_id=5, payload={}, now=_now())
        assert inbox.record(session=session, updates=[{"update_id": 5}], now=_now()) == 0
        assert inbox.unfinished(session=session) == []


def _ids(session: Session) -> list[int]:
    return list(session.exec(select(InboxUpdate.update_id)))


def test_a_unit_locks_an_sqlite_file_for_writing_only_from_its_first_write(
        tmp_path: Path) -> None:
    """Reading, or waiting for a download, must not keep the sender and the poller waiting."""
    engine = make_engine(f"sqlite:///{tmp_path / 'unit.db'}")
    schema.upgrade(engine)
    other = sqlite3.connect(tmp_path / "unit.db", timeout=0.1)

    def another_process_writes(update_id: int) -> None:
        with other:
            other.execute("insert into inboxupdate (update_id, payload, received_at) "
                          "values (?, '{}', '2026-01-01 00:00:00')", (update_id,))

    unit = Unit(engine, _take(1))
    try:
        with joined(unit):
            with session_scope(engine) as session:
                assert _ids(session) == []
            another_process_writes(100)  # a read took no lock
            with session_scope(engine) as session:
                inbox.record(session=session, updates=[{"update_id": 2}], now=_now())
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                another_process_writes(101)
        unit.commit()
    finally:
        unit.close()
        other.close()
        engine.dispose()
    assert set(_updates_of(tmp_path / "unit.db")) == {1, 2, 100}


def _updates_of(path: Path) -> list[int]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("select update_id from inboxupdate")]


def test_what_a_unit_remembers_is_forgotten_when_it_writes_what_it_depends_on(
        engine: Engine) -> None:
    computed: list[int] = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    def ask() -> int:
        return unit.remembered("k", compute, depends_on=(MessageLog,))

    def log(session: Session) -> None:
        outbox.log_message(session=session, chat_id=1, method="sendmessage", now=_now())

    unit = Unit(engine, _take(1))
    try:
        with joined(unit):
            assert (ask(), ask()) == (1, 1), "computed once"
            with session_scope(engine) as session:  # another table: still good
                inbox.record(session=session, updates=[{"update_id": 2}], now=_now())
            assert ask() == 1
            with session_scope(engine) as session:  # a row it depends on
                log(session)
            assert ask() == 2
            with session_scope(engine) as session:  # a table statement: anything may change
                session.execute(update(InboxUpdate.__table__).values(payload={}))
            assert ask() == 3
            with pytest.raises(ValueError), session_scope(engine) as session:
                log(session)
                session.flush()
                assert ask() == 4  # computed inside the savepoint that is undone
                raise ValueError("refused")
            assert ask() == 5, "what was computed in an undone savepoint is forgotten"
        unit.commit()
    finally:
        unit.close()


def test_a_unit_reads_a_row_by_its_key_once_although_nothing_kept_it_between(
        engine: Engine) -> None:
    """Two services of one update each ask for the official's division by its id, and the
    first keeps only its name: the second gets it without a query."""
    with Session(engine, expire_on_commit=False) as session:
        factory = Factory(session)
        division_id = factory.division(factory.agency(), "Bina Marga").id
        session.commit()
    reads: list[str] = []

    def read(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "FROM division" in statement:
            reads.append(statement)

    def name() -> str:
        with session_scope(engine) as session:
            division = session.get(Division, division_id)
            assert division is not None
            return division.name

    unit = Unit(engine, _take(1))
    event.listen(engine, "before_cursor_execute", read)
    try:
        with joined(unit):
            first = name()
            gc.collect()  # whatever only the session's identity map held is gone now
            assert name() == first
        assert len(reads) == 1, reads
        assert unit.rows, "the unit holds what it read"
    finally:
        event.remove(engine, "before_cursor_execute", read)
        unit.close()
    assert unit.rows == [], "and lets it go when it closes"


def test_a_draft_saved_in_an_update_is_written_with_its_commit_and_undone_with_its_savepoint(
        shared_engine: Engine) -> None:
    engine = shared_engine
    with Session(engine, expire_on_commit=False) as session:
        factory = Factory(session)
        user_id = factory.user(factory.agency(), "Budi").id
        session.commit()

    def stored() -> dict[str, Any]:
        with Session(engine) as session:  # not the unit's: what the database holds
            return {flow: drafts.load(session=session, user_id=user_id, flow=flow)
                    for flow in ("a", "b")}

    def save(flow: str, **data: Any) -> None:
        with session_scope(engine) as session:
            saved = drafts.load(session=session, user_id=user_id, flow=flow)
            drafts.save(session=session, user_id=user_id, flow=flow, data={**saved, **data},
                        now=_now())

    def written(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)

    with session_scope(engine) as session:
        drafts.save(session=session, user_id=user_id, flow="b", data={"old": 1}, now=_now())
    unit = Unit(engine, _take(1))
    writes: list[str] = []
    event.listen(engine, "before_cursor_execute", written)
    try:
        with joined(unit):
            save("a", x=1)
            save("a", y=2)
            with pytest.raises(ValueError), session_scope(engine) as session:
                drafts.save(session=session, user_id=user_id, flow="a", data={"z": 3},
                            now=_now())
                raise ValueError("refused")
            with session_scope(engine) as session:
                assert drafts.load(session=session, user_id=user_id, flow="a") == {
                    "x": 1, "y": 2}, "the unit reads what it saved, not what it undid"
                drafts.clear(session=session, user_id=user_id, flow="b")
                assert drafts.load(session=session, user_id=user_id, flow="b") == {}
            assert not unit.begun and not writes, "nothing written: no lock on the database"
            assert stored() == {"a": {}, "b": {"old": 1}}
        unit.commit()
    finally:
        event.remove(engine, "before_cursor_execute", written)
        unit.close()
    assert stored() == {"a": {"x": 1, "y": 2}, "b": {}}
    assert set(_updates(engine)) == {1}, "written in the update's own transaction"
