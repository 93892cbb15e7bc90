"""python-telegram-bot persistence kept in our database, so a restart loses no conversation.

Everything is stored as JSON in ``PtbState`` rows of one ``namespace``:

* ``kind="conversation:<name>"``, ``key=json.dumps(list(conversation_key))``
  (e.g. ``"[123, 456]"``), ``data`` = the state;
* ``kind="user_data"`` / ``"chat_data"``, ``key=str(id)``;
* ``kind="bot_data"`` / ``"callback_data"``, ``key=""``.

Values must be JSON-native (str dict keys, lists rather than tuples, no datetimes or Telegram
objects). Anything that would come back different after a restart is refused with ``TypeError``
at write time: silently turning ``{5: ...}`` into ``{"5": ...}`` would only show up as a lost
value after the next restart.

Timing: PTB hands changes to a persistence only from ``Application.update_persistence()``, which
runs every ``update_interval`` seconds while the application is running and once more on
``stop()``. The bot reads and writes each update's own conversations itself, inside its unit of
work (``bot.update_unit``): read with the unit's first look at the database, written in its
commit, so that they commit with the update's effects (and a state that did not change is not
written at all); what this class remembers as written changes only when the unit commits.
Outside a unit every ``update_*`` call commits before it returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from telegram.ext import BasePersistence, PersistenceInput

from storage import ptb_state
from storage.db import current_unit, session_scope

if TYPE_CHECKING:
    # Private PTB module (PTB's own persistences use it too); only needed for annotations.
    from telegram.ext._utils.trackingdict import TrackingDict
    from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

_USER_DATA = "user_data"
_CHAT_DATA = "chat_data"
_BOT_DATA = "bot_data"
_CALLBACK_DATA = "callback_data"
_SINGLE_KEY = ""

_Data = dict[Any, Any]


def _conversation_kind(name: str) -> str:
    """Row kind of one named ConversationHandler."""
    return f"conversation:{name}"


def _encode_conversation_key(key: ConversationKey) -> str:
    """The key as a JSON list; json keeps ints and strs apart, so decoding restores the tuple."""
    return json.dumps(list(key))


def _decode_conversation_key(text: str) -> ConversationKey:
    """Inverse of ``_encode_conversation_key``."""
    return tuple(json.loads(text))


def _to_json(value: Any, what: str) -> tuple[Any, str]:
    """``value`` as plain JSON data plus its text; refuse what would not come back equal."""
    try:
        # NaN is refused because PostgreSQL's JSON types reject it.
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} cannot be stored as JSON: {exc}") from exc
    plain = json.loads(text)
    if plain != value:
        raise TypeError(
            f"{what} would not survive a restart unchanged (JSON turns tuples into lists and "
            f"non-str dict keys into strings): {value!r}"
        )
    return plain, text


@dataclass(frozen=True)
class StateWrite:
    """One row an update's unit writes: ``text`` None removes it."""

    row: tuple[str, str]  # (kind, key)
    data: Any
    text: str | None
    stored: bool = False  # the database holds a value for the row already


class DatabasePersistence(BasePersistence[_Data, _Data, _Data]):
    """A ``BasePersistence`` over the ``PtbState`` table; the schema must already exist.

    ``callback_data`` is not stored by default: it only matters with
    ``ApplicationBuilder().arbitrary_callback_data(True)``, which this bot does not use, and the
    objects people put into buttons are typically tuples or classes, which JSON cannot carry.
    Pass ``store_data=PersistenceInput()`` to store it anyway when the button data is JSON-native.

    One process should own a namespace at a time; like every PTB persistence, this one assumes
    the in-memory data of the running application is the truth, so ``refresh_*`` do nothing.
    """

    __slots__ = ("_engine", "_lock", "_namespace", "_written")

    def __init__(
        self,
        engine: Engine,
        *,
        namespace: str = "default",
        update_interval: float = 1.0,
        store_data: PersistenceInput | None = None,
    ) -> None:
        super().__init__(
            store_data=store_data or PersistenceInput(callback_data=False),
            update_interval=update_interval,
        )
        self._engine = engine
        self._namespace = namespace
        # PTB calls update_bot_data (and update_callback_data) on every interval even when
        # nothing changed; remembering the last JSON text per row saves a write per second.
        # Text rather than objects, because PTB mutates the dicts we return from get_*.
        self._written: dict[tuple[str, str], str] = {}
        # update_persistence() gathers all writes at once; one at a time keeps SQLite from
        # lock contention and a PostgreSQL pool from being drained by executor threads.
        self._lock = asyncio.Lock()

    # --- blocking database work, run in a worker thread ---------------------------------------

    def _load_all_sync(self, kind: str) -> dict[str, Any]:
        """All rows of ``kind`` in this namespace."""
        with session_scope(self._engine) as session:
            return ptb_state.load_all(session=session, namespace=self._namespace, kind=kind)

    def _upsert_once_sync(self, kind: str, key: str, data: Any) -> None:
        """One transaction that stores a row."""
        with session_scope(self._engine) as session:
            ptb_state.upsert(
                session=session, namespace=self._namespace, kind=kind, key=key, data=data
            )

    def _upsert_sync(self, kind: str, key: str, data: Any) -> None:
        """Store a row, surviving a concurrent insert of the same key."""
        try:
            self._upsert_once_sync(kind, key, data)
        except IntegrityError:
            # Someone inserted the key between our select and insert; it exists now, so the
            # second attempt takes the update branch.
            self._upsert_once_sync(kind, key, data)

    def _delete_sync(self, kind: str, key: str) -> None:
        """One transaction that removes a row."""
        with session_scope(self._engine) as session:
            ptb_state.delete(session=session, namespace=self._namespace, kind=kind, key=key)

    # --- async wrappers -----------------------------------------------------------------------

    async def _load_all(self, kind: str) -> dict[str, Any]:
        """Rows of ``kind``, remembered as already written (and nothing else of ``kind``)."""
        async with self._lock:
            rows = await asyncio.to_thread(self._load_all_sync, kind)
        for row in [row for row in self._written if row[0] == kind]:
            del self._written[row]
        for key, data in rows.items():
            self._written[(kind, key)] = json.dumps(data)
        return rows

    async def _store(self, kind: str, key: str, value: Any, what: str) -> None:
        """Write ``value`` under the key unless that exact value is already stored."""
        plain, text = _to_json(value, what)
        async with self._turn():
            if self._written.get((kind, key)) == text:
                return
            await asyncio.to_thread(self._upsert_sync, kind, key, plain)
            self._remember((kind, key), text)

    async def _remove(self, kind: str, key: str) -> None:
        """Write the removal of the key."""
        async with self._turn():
            await asyncio.to_thread(self._delete_sync, kind, key)
            self._remember((kind, key), None)

    def _turn(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """One write at a time, except inside an update's unit: its writes go into its own
        transaction, and waiting here for another update's write, which may itself wait on
        this unit's database lock, would deadlock the two until the lock times out."""
        unit = current_unit()
        if unit is not None and unit.engine is self._engine:
            return contextlib.nullcontext()
        return self._lock

    def _remember(self, row: tuple[str, str], text: str | None) -> None:
        """Note what the database holds, once it does: inside an update's unit, at its commit."""
        unit = current_unit()
        if unit is not None and unit.engine is self._engine:
            self._written.pop(row, None)  # unknown until the unit commits or rolls back
            unit.after_commit(functools.partial(self._note, row, text))
        else:
            self._note(row, text)

    # --- inside an update's unit of work (bot.update_unit) -------------------------------------

    def conversation_row(self, name: str, key: ConversationKey) -> tuple[str, str]:
        return _conversation_kind(name), _encode_conversation_key(key)

    def load_rows(self, session: Session,
                  rows: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
        """The stored values of ``rows`` (absent ones left out); run in a worker thread."""
        found = {}
        for kind, key in rows:
            stored = ptb_state.load_one(session=session, namespace=self._namespace, kind=kind,
                                        key=key)
            if stored is not None:
                found[(kind, key)] = stored
        return found

    def take_loaded(self, name: str, states: TrackingDict[Any, Any], key: ConversationKey,
                    stored: Any | None) -> None:
        """Put one conversation's state as the database holds it (another process may have
        moved it on, or a failed attempt of this update did); nothing is marked to be written."""
        row = self.conversation_row(name, key)
        if stored is None:
            states.data.pop(key, None)
            self._written.pop(row, None)
        else:
            states.data[key] = stored
            self._written[row] = json.dumps(stored)

    def conversation_write(self, name: str, key: ConversationKey,
                           new_state: object | None) -> StateWrite | None:
        """What storing the state changes, or None when the database holds it already. Only
        right after ``take_loaded`` of the same key, which makes what is remembered exact."""
        row = self.conversation_row(name, key)
        if new_state is None:
            return StateWrite(row, None, None) if row in self._written else None
        plain, text = _to_json(new_state, f"state of conversation {name!r}")
        if self._written.get(row) == text:
            return None
        return StateWrite(row, plain, text, stored=row in self._written)

    def write(self, session: Session, writes: list[StateWrite],
              after_commit: Callable[[Callable[[], None]], None]) -> None:
        """Make ``writes`` in the unit's session; remembered once it commits."""
        for change in writes:
            kind, key = change.row
            if change.text is None:
                ptb_state.delete(session=session, namespace=self._namespace, kind=kind, key=key)
            elif not (change.stored and ptb_state.replace(
                    session=session, namespace=self._namespace, kind=kind, key=key,
                    data=change.data)):
                self._upsert_in(session, kind, key, change.data)
            self._written.pop(change.row, None)  # unknown until the unit commits
            after_commit(functools.partial(self._note, change.row, change.text))

    def _upsert_in(self, session: Session, kind: str, key: str, data: Any) -> None:
        """Store a row in the caller's transaction, surviving another process's insert of the
        same key between our look and our insert (a redeploy's two processes)."""
        try:
            with session.begin_nested():
                ptb_state.upsert(session=session, namespace=self._namespace, kind=kind,
                                 key=key, data=data)
        except IntegrityError:
            ptb_state.upsert(session=session, namespace=self._namespace, kind=kind, key=key,
                             data=data)

    def _note(self, row: tuple[str, str], text: str | None) -> None:
        if text is None:
            self._written.pop(row, None)
        else:
            self._written[row] = text

    # --- BasePersistence ----------------------------------------------------------------------

    async def get_user_data(self) -> dict[int, _Data]:
        """All stored user_data, by user id."""
        return {int(key): data for key, data in (await self._load_all(_USER_DATA)).items()}

    async def get_chat_data(self) -> dict[int, _Data]:
        """All stored chat_data, by chat id."""
        return {int(key): data for key, data in (await self._load_all(_CHAT_DATA)).items()}

    async def get_bot_data(self) -> _Data:
        """The stored bot_data, or an empty dict."""
        rows = await self._load_all(_BOT_DATA)
        return rows.get(_SINGLE_KEY) or {}

    async def get_callback_data(self) -> CDCData | None:
        """The stored callback data cache, with the tuples PTB expects restored."""
        rows = await self._load_all(_CALLBACK_DATA)
        stored = rows.get(_SINGLE_KEY)
        if stored is None:
            return None
        buttons, mapping = stored
        return [(uuid, stamp, data) for uuid, stamp, data in buttons], mapping

    async def get_conversations(self, name: str) -> ConversationDict:
        """States of the named conversation, by conversation key tuple."""
        rows = await self._load_all(_conversation_kind(name))
        return {_decode_conversation_key(key): state for key, state in rows.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Commit the state at once; ``None`` means the conversation ended."""
        kind = _conversation_kind(name)
        row_key = _encode_conversation_key(key)
        if new_state is None:
            await self._remove(kind, row_key)
        else:
            await self._store(kind, row_key, new_state, f"state of conversation {name!r}")

    async def update_user_data(self, user_id: int, data: _Data) -> None:
        """Commit one user's data."""
        await self._store(_USER_DATA, str(user_id), data, f"user_data of {user_id}")

    async def update_chat_data(self, chat_id: int, data: _Data) -> None:
        """Commit one chat's data."""
        await self._store(_CHAT_DATA, str(chat_id), data, f"chat_data of {chat_id}")

    async def update_bot_data(self, data: _Data) -> None:
        """Commit bot_data."""
        await self._store(_BOT_DATA, _SINGLE_KEY, data, "bot_data")

    async def update_callback_data(self, data: CDCData) -> None:
        """Commit the callback data cache; the outer tuples become lists on purpose."""
        buttons, mapping = data
        as_lists = [[list(entry) for entry in buttons], mapping]
        await self._store(_CALLBACK_DATA, _SINGLE_KEY, as_lists, "callback_data")

    async def drop_chat_data(self, chat_id: int) -> None:
        """Forget one chat's data."""
        await self._remove(_CHAT_DATA, str(chat_id))

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data."""
        await self._remove(_USER_DATA, str(user_id))

    async def refresh_user_data(self, user_id: int, user_data: _Data) -> None:
        """Nothing to do: the running application's copy is the newest."""

    async def refresh_chat_data(self, chat_id: int, chat_data: _Data) -> None:
        """Nothing to do: the running application's copy is the newest."""

    async def refresh_bot_data(self, bot_data: _Data) -> None:
        """Nothing to do: the running application's copy is the newest."""

    async def flush(self) -> None:
        """Nothing to do: every update_* has committed before it returned.

        The engine is shared with the rest of the bot, so it is not disposed here.
        """
