"""One engine per process, a transactional session scope, and the unit of work of an update.

Everything that changes state goes through ``session_scope()`` so that a state change, its audit
event and the notifications it causes commit together or not at all. While a ``Unit`` is joined
(the bot joins one per update), every ``session_scope`` of the task is a savepoint inside the
unit's one transaction, so that all the update's changes commit together or not at all.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar, cast

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

T = TypeVar("T")

# Each update under way holds a connection from its first query to its commit; the sender,
# the reminders and the persistence need theirs besides (bot.config update_concurrency).
_POOL = {"pool_size": 10, "max_overflow": 40}


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url``; SQLite files get their folder, their writer queue and
    the pragmas below."""
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
            _queues[engine] = _writer_for(path)
            _queue_writers(engine, _queues[engine])
        _enable_sqlite_pragmas(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, **_POOL)


def _enable_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        # Off by default in SQLite.
        cursor.execute("PRAGMA foreign_keys=ON")
        # Writers of this process wait in the queue below; this covers other processes (the
        # CLI, a second bot) and a writer of ours that waits on a lock it holds itself.
        cursor.execute(f"PRAGMA busy_timeout={int(WRITE_WAIT * 1000)}")
        if engine.url.database not in (None, "", ":memory:"):
            # WAL: readers never wait for the writer, and the bot and the CLI share the file.
            cursor.execute("PRAGMA journal_mode=WAL")
            # NORMAL: a commit is written to the WAL but not flushed to the disk; the WAL is
            # flushed at each checkpoint and by every `durable` commit. A killed process loses
            # nothing (the OS has the pages); a power cut or kernel crash can undo the commits
            # since the last flush, leaving the database consistent. That is acceptable because
            # the one commit the outside world relies on is durable: the inbox rows written
            # before Telegram is told the updates arrived (bot.update_unit). Every update undone
            # by a power cut is still in the inbox, not done, and is handled again on restart;
            # a reply whose "sent" mark was undone is sent twice, never lost. FULL would flush
            # at every update's commit: a disk flush per update, 1-10 ms each.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


# --- SQLite: one writer at a time, in line ------------------------------------------------------
WRITE_WAIT = 15.0  # seconds a writer waits for the write lock before it fails as "locked"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")  # what makes sqlite3 open a transaction


class _WriterQueue:
    """The write lock of one SQLite file, as a lock this process's threads queue on.

    SQLite lets one connection write at a time; the others wait in its busy handler, which
    sleeps and polls (1, 2, 5 ... 100 ms), so with a dozen updates under way most of the time
    went to sleeping past the moment the lock came free. Here a connection takes this lock
    right before its transaction's first write and gives it back when that transaction
    ends: the next writer starts the moment the previous one commits, in arrival order.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holder: int | None = None  # id() of the DBAPI connection holding it

    def enter(self, dbapi_connection: object) -> None:
        dbapi_connection = _raw(dbapi_connection)
        if self._holder == id(dbapi_connection):
            return
        if _on_loop.get():
            if not self._lock.acquire(blocking=False):
                raise WouldWait
        elif not self._lock.acquire(timeout=WRITE_WAIT):
            raise sqlite3.OperationalError("database is locked (waited for this process's "
                                           "other writers)")
        self._holder = id(dbapi_connection)

    def leave(self, dbapi_connection: object) -> None:
        dbapi_connection = _raw(dbapi_connection)
        if self._holder == id(dbapi_connection):
            self._holder = None
            self._lock.release()


class WouldWait(Exception):
    """Work running on the event loop was about to wait for the write lock."""


# Set while a unit's work runs on the event loop (``on_loop``): there a writer must not wait.
_on_loop: ContextVar[bool] = ContextVar("storage_on_loop", default=False)
_queues: weakref.WeakKeyDictionary[Engine, _WriterQueue] = weakref.WeakKeyDictionary()


@contextmanager
def on_loop() -> Iterator[None]:
    """Run what follows on the event loop's thread: a first write that would wait for the
    write lock raises ``WouldWait`` instead, before anything is written."""
    token = _on_loop.set(True)
    try:
        yield
    finally:
        _on_loop.reset(token)


def runs_on_loop(unit: Unit | None) -> bool:
    """Whether ``unit``'s next database work may be tried on the event loop (``on_loop``).

    Only on a SQLite file, where this process's writers queue (``_WriterQueue``) and the unit
    says no other process takes updates (``unit.loop_ok``; a bot behind a shared webhook does
    not set it, as another process's write lock is waited for inside SQLite). SQLite is a
    library, not a server: a query is CPU work under the GIL, which a worker thread runs no
    sooner; it only adds thread switches, which took a third of the bot's CPU under load
    (BENCHMARKS.md, 8 December). Reading never waits in WAL mode. The one wait, for the write
    lock another update holds (from its first write to its commit, across its awaits), is
    never waited for on the loop: the first write raises ``WouldWait`` before writing, and the
    work goes to a worker thread.
    """
    return unit is not None and unit.loop_ok and unit.engine in _queues


def _raw(connection: object) -> object:
    """The sqlite3 connection itself, also when the pool hands over its proxy of it."""
    return getattr(connection, "dbapi_connection", connection)


_writers: dict[str, _WriterQueue] = {}
_writers_lock = threading.Lock()


def _writer_for(path: str) -> _WriterQueue:
    """Engines on the same file share one queue (tests and the CLI make several)."""
    key = str(Path(path).resolve()) if path else ""
    with _writers_lock:
        return _writers.setdefault(key, _WriterQueue())


def _queue_writers(engine: Engine, writers: _WriterQueue) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        if statement.lstrip()[:7].upper().startswith(_WRITES):
            writers.enter(conn.connection.dbapi_connection)

    dialect = engine.dialect
    ends = {"do_commit": dialect.do_commit, "do_rollback": dialect.do_rollback,
            "do_close": dialect.do_close}

    def ending(name: str) -> Callable[[object], None]:
        end = ends[name]

        def _end(dbapi_connection: object) -> None:
            try:
                end(dbapi_connection)
            finally:
                writers.leave(dbapi_connection)
        return _end

    for name in ends:
        setattr(dialect, name, ending(name))


@contextmanager
def durable_scope(engine: Engine) -> Iterator[Session]:
    """``session_scope`` whose commit has reached the disk when it returns, and every commit
    before it (on a SQLite file, where commits are otherwise flushed only at checkpoints: see
    the pragmas above)."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        with session_scope(engine) as session:
            yield session
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA synchronous=FULL")
        connection.commit()
        try:
            with Session(bind=connection, expire_on_commit=False) as session:
                yield session
                session.commit()
        finally:
            connection.rollback()
            connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
            connection.commit()


def reachable(engine: Engine) -> bool:
    """Whether the database answers now (a server down or restarting does not)."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        return True
    except (OperationalError, InterfaceError):
        return False


class _UnitSession(Session):
    """A unit's session. Its events are listened to once, for the class (see below): two
    listeners added to every update's session cost a tenth of a millisecond each time."""

    unit: Unit


class Unit:
    """One transaction that every ``session_scope`` on its engine joins while it is joined.

    ``begin`` runs once, right before the unit's first write, and must itself write (without
    flushing the session): on SQLite that write opens the write transaction, so that no
    savepoint ever opens it (one that did would commit on its own release); and the database
    is locked for writing only from the first write on, not while the update reads, or waits
    for a file to download, before it. Worker threads take turns on the one session.
    """

    def __init__(self, engine: Engine, begin: Callable[[Session], None], *,
                 loop_ok: bool = False) -> None:
        self.engine = engine
        self.session = _UnitSession(engine, expire_on_commit=False)
        self.session.unit = self
        self._begin = begin
        self.loop_ok = loop_ok  # see runs_on_loop
        self._begun = False
        self._beginning = False
        self._lock = threading.RLock()
        self._after_commit: list[Callable[[], None]] = []
        self._remembered: dict[Hashable, tuple[object, tuple[type, ...]]] = {}
        self._held: dict[Hashable, object] = {}
        self._unwritten: dict[Hashable, Callable[[Session], None]] = {}
        # Every row the unit loads or writes, held for as long as the unit: the session's
        # identity map holds rows only while something else does, and services that keep
        # what they need of a row (a name, an id) left it to be read again by the next
        # service of the same update (the official's division twice in each update).
        self.rows: list[object] = []

    def _before_flush(self, session: Session, *_: object) -> None:
        if session.new or session.dirty or session.deleted:
            self._ensure_begun()
            written = {type(o) for o in (*session.new, *session.dirty, *session.deleted)}
            self._forget(lambda depends_on: any(issubclass(t, depends_on) for t in written))

    def _before_statement(self, state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            self._ensure_begun()
            mapper = state.bind_mapper
            # A statement on a table not mapped here: forget everything, to be safe.
            self._forget(lambda depends_on: mapper is None
                         or issubclass(mapper.class_, depends_on))

    def remembered(self, key: Hashable, compute: Callable[[], T], *,
                   depends_on: tuple[type, ...]) -> T:
        """``compute()`` once for the unit: an update is one moment, and each of its services
        asks again who the official is. Forgotten as soon as the unit writes a row of
        ``depends_on`` (or undoes a write)."""
        if key not in self._remembered:
            self._remembered[key] = (compute(), depends_on)
        return cast(T, self._remembered[key][0])

    def held(self, key: Hashable, read: Callable[[], T]) -> T:
        """``read()`` once for the unit; after that, the value the unit last ``hold``-ed."""
        if key not in self._held:
            self._held[key] = read()
        return cast(T, self._held[key])

    def hold(self, key: Hashable, value: object, write: Callable[[Session], None]) -> None:
        """Make ``value`` the unit's ``key`` now and ``write`` it only right before the commit.

        On SQLite the first write locks the file for every other writer until the commit, so
        scratch rows that an update rewrites as it goes (the official's draft) are kept here:
        written in the middle of a handler they would hold the lock through the rest of it.
        Undone with the savepoint it was held in."""
        self._held[key] = value
        self._unwritten[key] = write

    def _forget(self, stale: Callable[[tuple[type, ...]], bool]) -> None:
        for key in [k for k, (_, depends_on) in self._remembered.items() if stale(depends_on)]:
            del self._remembered[key]

    @property
    def begun(self) -> bool:
        return self._begun

    def begin(self, first: Callable[[Session], None] | None = None) -> None:
        """Start writing now (a savepoint must never be the first thing written), with
        ``first`` in place of the unit's own first write if given and nothing is written yet."""
        with self._lock:
            if first is not None and not self._begun:
                self._begin = first
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
            held, unwritten = dict(self._held), dict(self._unwritten)
            if not self._begun:
                # Nothing written yet: undoing this scope is undoing the transaction so far.
                try:
                    yield self.session
                    self.session.flush()
                except BaseException:
                    self.session.rollback()
                    self._remembered.clear()
                    self._held, self._unwritten = held, unwritten
                    self._begun = False
                    raise
                return
            nested = self.session.begin_nested()
            try:
                yield self.session
            except BaseException:
                self._held, self._unwritten = held, unwritten
                if nested.is_active:
                    nested.rollback()
                    self._remembered.clear()
                raise
            if nested.is_active:
                nested.commit()

    @contextmanager
    def closing_writes(self) -> Iterator[Session]:
        """The unit's session for its last writes, right before ``commit``: no savepoint of
        their own (two statements less in the write lock), as a failure there fails the whole
        unit, which is then rolled back."""
        with self._lock:
            self._ensure_begun()
            yield self.session

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the unit has committed (never if it rolls back)."""
        self._after_commit.append(callback)

    def commit(self) -> None:
        with self._lock:
            self._ensure_begun()
            for write in self._unwritten.values():
                write(self.session)
            self._unwritten.clear()
            self.session.commit()
        for callback in self._after_commit:
            callback()

    def rollback(self) -> None:
        with self._lock:
            self.session.rollback()
            self._remembered.clear()
            self._held.clear()
            self._unwritten.clear()

    def close(self) -> None:
        with self._lock:
            self.session.close()
            # Let the rows go now: the unit and its session refer to each other, and only a
            # collection of the cycle would free them (with them) otherwise.
            self.rows.clear()


@event.listens_for(_UnitSession, "before_flush")
def _unit_flushes(session: _UnitSession, *_: object) -> None:
    session.unit._before_flush(session)


@event.listens_for(_UnitSession, "do_orm_execute")
def _unit_executes(state: ORMExecuteState) -> None:
    cast(_UnitSession, state.session).unit._before_statement(state)


@event.listens_for(_UnitSession, "loaded_as_persistent")
@event.listens_for(_UnitSession, "pending_to_persistent")
def _unit_holds(session: _UnitSession, instance: object) -> None:
    session.unit.rows.append(instance)


_joined: ContextVar[Unit | None] = ContextVar("storage_unit", default=None)


def current_unit() -> Unit | None:
    """The unit this task (or the worker thread it waits on) has joined, if any."""
    return _joined.get()


def unit_of(session: Session) -> Unit | None:
    """The joined unit if ``session`` is its session."""
    unit = _joined.get()
    return unit if unit is not None and unit.session is session else None


def remembered_in(session: Session, key: Hashable, compute: Callable[[], T], *,
                  depends_on: tuple[type, ...]) -> T:
    """``compute()``, once per update when ``session`` is a unit's (see ``Unit.remembered``)."""
    unit = unit_of(session)
    return compute() if unit is None else unit.remembered(key, compute, depends_on=depends_on)


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
