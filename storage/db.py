"""One engine per process, a transactional session scope, and the unit of work of an update.

Everything that changes state goes through ``session_scope()`` so that a state change, its audit
event and the notifications it causes commit together or not at all. While a ``Unit`` is joined
(the bot joins one per update), every ``session_scope`` of the task is a savepoint inside the
unit's one transaction, so that all the update's changes commit together or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

# Each update under way holds a connection from its first query to its commit; the sender,
# the reminders and the persistence need theirs besides (bot.config update_concurrency).
_POOL = {"pool_size": 10, "max_overflow": 40}


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url``; SQLite files get their folder and sane pragmas."""
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False}
        if url in ("sqlite://", "sqlite:///:memory:"):
            engine = create_engine(
                url, echo=echo, connect_args=connect_args, poolclass=StaticPool
            )
        else:
            path = url.split("///", 1)[1] if "///" in url else ""
            if path:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, echo=echo, connect_args=connect_args, **_POOL)
        _enable_sqlite_pragmas(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, **_POOL)


def _enable_sqlite_pragmas(engine: Engine) -> None:
    # Foreign keys are off by default in SQLite; WAL lets the bot and the CLI share the file.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # An update holds the write lock from its first write to its commit; others wait.
        cursor.execute("PRAGMA busy_timeout=15000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def reachable(engine: Engine) -> bool:
    """Whether the database answers now (a server down or restarting does not)."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        return True
    except (OperationalError, InterfaceError):
        return False


class Unit:
    """One transaction that every ``session_scope`` on its engine joins while it is joined.

    ``begin`` runs once, right before the unit's first write, and must itself write (without
    flushing the session): on SQLite that write opens the write transaction, so that no
    savepoint ever opens it (one that did would commit on its own release); and the database
    is locked for writing only from the first write on, not while the update reads, or waits
    for a file to download, before it. Worker threads take turns on the one session.
    """

    def __init__(self, engine: Engine, begin: Callable[[Session], None]) -> None:
        self.engine = engine
        self.session = Session(engine, expire_on_commit=False)
        self._begin = begin
        self._begun = False
        self._beginning = False
        self._lock = threading.RLock()
        self._after_commit: list[Callable[[], None]] = []
        event.listen(self.session, "before_flush", self._before_flush)
        event.listen(self.session, "do_orm_execute", self._before_statement)

    def _before_flush(self, session: Session, *_: object) -> None:
        if session.new or session.dirty or session.deleted:
            self._ensure_begun()

    def _before_statement(self, state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            self._ensure_begun()

    def _ensure_begun(self) -> None:
        if self._begun or self._beginning:
            return
        self._beginning = True
        try:
            self._begin(self.session)
            self._begun = True
        finally:
            self._beginning = False

    @contextmanager
    def savepoint(self) -> Iterator[Session]:
        """The unit's session; what fails inside is undone, the rest of the unit stays."""
        with self._lock:
            if not self._begun:
                # Nothing written yet: undoing this scope is undoing the transaction so far.
                try:
                    yield self.session
                    self.session.flush()
                except BaseException:
                    self.session.rollback()
                    self._begun = False
                    raise
                return
            nested = self.session.begin_nested()
            try:
                yield self.session
            except BaseException:
                if nested.is_active:
                    nested.rollback()
                raise
            if nested.is_active:
                nested.commit()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the unit has committed (never if it rolls back)."""
        self._after_commit.append(callback)

    def commit(self) -> None:
        with self._lock:
            self._ensure_begun()
            self.session.commit()
        for callback in self._after_commit:
            callback()

    def rollback(self) -> None:
        with self._lock:
            self.session.rollback()

    def close(self) -> None:
        with self._lock:
            self.session.close()


_joined: ContextVar[Unit | None] = ContextVar("storage_unit", default=None)


def current_unit() -> Unit | None:
    """The unit this task (or the worker thread it waits on) has joined, if any."""
    return _joined.get()


@contextmanager
def joined(unit: Unit) -> Iterator[Unit]:
    """Make ``session_scope`` in this context (and threads started from it) join ``unit``."""
    token = _joined.set(unit)
    try:
        yield unit
    finally:
        _joined.reset(token)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error (inside a joined unit:
    a savepoint that is released on success and rolled back on any error)."""
    unit = _joined.get()
    if unit is not None and unit.engine is engine:
        with unit.savepoint() as session:
            yield session
        return
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
