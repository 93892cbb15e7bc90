"""DatabasePersistence and the ptb_state repository against a real SQLite file."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session
from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PersistenceInput,
    filters,
)
from telegram.request import BaseRequest, RequestData

from bot.persistence import DatabasePersistence
from storage import ptb_state
from storage.db import make_engine, session_scope
from storage.models import PtbState
from tests import databases

CHAT_ID = -1001234  # a group, so that the conversation key is (chat, user) with distinct ids
USER_ID = 4242
CONV = "x"


class Step(StrEnum):
    NAME = "name"
    NIP = "nip"


class _OfflineRequest(BaseRequest):
    """Answers getMe so that Application.initialize() works without a network."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if url.endswith("/getMe"):
            me = {"id": 123, "is_bot": True, "first_name": "Sakip", "username": "sakip_bot"}
            return 200, json.dumps({"ok": True, "result": me}).encode()
        # Handlers in these tests must not talk to Telegram; fail loudly if one does.
        raise AssertionError(f"unexpected Bot API call: {url}")


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    with databases.migrated_url(tmp_path) as url:
        yield url


@pytest.fixture
def file_engine(db_url: str) -> Iterator[Engine]:
    # Not conftest's in-memory `engine`: a restart must go through a real file.
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _conversation(calls: list[tuple[str, str]]) -> ConversationHandler:
    """/start → NAME → NIP → end; every handler records what it saw in ``calls``."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Step:
        calls.append(("start", update.effective_message.text))
        return Step.NAME

    async def got_name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Step:
        calls.append(("name", update.effective_message.text))
        context.user_data["name"] = update.effective_message.text
        context.chat_data["last_asker"] = update.effective_user.id
        return Step.NIP

    async def got_nip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        calls.append(("nip", update.effective_message.text))
        context.user_data["nip"] = update.effective_message.text
        return ConversationHandler.END

    text = filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[CommandHandler("start", start)],
        states={
            Step.NAME: [MessageHandler(text, got_name)],
            Step.NIP: [MessageHandler(text, got_nip)],
        },
        fallbacks=[],
        name=CONV,
        persistent=True,
    )


@pytest.fixture
async def new_app(db_url: str) -> AsyncIterator[Any]:
    """Builds and initialises an Application with a fresh engine and persistence each call."""
    started: list[Application] = []
    engines: list[Engine] = []

    async def factory(
        *, update_interval: float = 1.0
    ) -> tuple[Application, list[tuple[str, str]]]:
        calls: list[tuple[str, str]] = []
        engine = make_engine(db_url)
        engines.append(engine)
        persistence = DatabasePersistence(engine, update_interval=update_interval)
        app = (
            ApplicationBuilder()
            .token("123:ABC")
            .request(_OfflineRequest())
            .persistence(persistence)
            .updater(None)
            .build()
        )
        app.add_handler(_conversation(calls))
        await app.initialize()
        started.append(app)
        return app, calls

    yield factory
    for app in started:
        if app.running:
            await app.stop()
        await app.shutdown()
    for engine in engines:
        engine.dispose()


def _update(update_id: int, text: str, *, chat_id: int = CHAT_ID, user_id: int = USER_ID) -> Any:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_700_000_000,
        "chat": {"id": chat_id, "type": "group", "title": "Bidang"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Budi"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


async def _send(app: Application, update_id: int, text: str, **ids: int) -> None:
    await app.process_update(Update.de_json(_update(update_id, text, **ids), app.bot))


def _rows(engine: Engine, kind: str, namespace: str = "default") -> dict[str, Any]:
    with session_scope(engine) as session:
        return ptb_state.load_all(session=session, namespace=namespace, kind=kind)


# --- through a real Application ---------------------------------------------------------------


async def test_new_application_resumes_conversation_after_crash(
    new_app: Any, file_engine: Engine
) -> None:
    app1, calls1 = await new_app()
    await _send(app1, 1, "/start")
    assert calls1 == [("start", "/start")]
    # What the periodic task does; app1 is then abandoned without stop()/shutdown(), as in a crash.
    await app1.update_persistence()
    assert _rows(file_engine, f"conversation:{CONV}") == {f"[{CHAT_ID}, {USER_ID}]": "name"}

    app2, calls2 = await new_app()
    await _send(app2, 2, "Budi Santoso")
    assert calls2 == [("name", "Budi Santoso")]

    await _send(app2, 3, "198701012010011001")
    assert calls2[-1] == ("nip", "198701012010011001")
    await app2.update_persistence()
    assert _rows(file_engine, f"conversation:{CONV}") == {}

    # Ended means ended: after another restart a plain text starts nothing.
    app3, calls3 = await new_app()
    await _send(app3, 4, "hello?")
    assert calls3 == []


async def test_periodic_update_persists_conversation_while_running(
    new_app: Any, file_engine: Engine
) -> None:
    app, _ = await new_app(update_interval=0.05)
    await app.start()
    await _send(app, 1, "/start")
    for _ in range(100):
        if _rows(file_engine, f"conversation:{CONV}"):
            break
        await asyncio.sleep(0.02)
    assert app.running
    assert _rows(file_engine, f"conversation:{CONV}") == {f"[{CHAT_ID}, {USER_ID}]": "name"}


async def test_conversations_of_different_users_are_kept_apart(new_app: Any) -> None:
    app1, _ = await new_app()
    await _send(app1, 1, "/start", user_id=1)
    await _send(app1, 2, "/start", user_id=2)
    await _send(app1, 3, "Ani", user_id=2)
    await app1.update_persistence()

    app2, calls2 = await new_app()
    await _send(app2, 4, "Budi", user_id=1)
    await _send(app2, 5, "1234", user_id=2)
    assert calls2 == [("name", "Budi"), ("nip", "1234")]


async def test_user_chat_and_bot_data_survive_shutdown_and_reload(
    new_app: Any, file_engine: Engine
) -> None:
    app1, _ = await new_app()
    await _send(app1, 1, "/start")
    await _send(app1, 2, "Budi")
    app1.bot_data["agency"] = "DINAS-01"
    await app1.shutdown()  # update_persistence() + flush()

    app2, _ = await new_app()
    assert app2.user_data[USER_ID] == {"name": "Budi"}
    assert app2.chat_data[CHAT_ID] == {"last_asker": USER_ID}
    assert app2.bot_data == {"agency": "DINAS-01"}

    app2.drop_user_data(USER_ID)
    await app2.update_persistence()
    assert str(USER_ID) not in _rows(file_engine, "user_data")


async def test_non_json_user_data_is_reported_not_silently_changed(new_app: Any) -> None:
    app, _ = await new_app()
    errors: list[object] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    app.add_error_handler(on_error)
    await _send(app, 1, "/start")
    app.user_data[USER_ID][7] = "int key"
    await app.update_persistence()
    assert len(errors) == 1
    assert isinstance(errors[0], TypeError)
    assert f"user_data of {USER_ID}" in str(errors[0])


# --- DatabasePersistence directly -------------------------------------------------------------


async def test_conversation_keys_round_trip_as_tuples(file_engine: Engine) -> None:
    writer = DatabasePersistence(file_engine)
    await writer.update_conversation(CONV, (CHAT_ID, USER_ID), Step.NIP)
    await writer.update_conversation(CONV, ("inline", 7, -3), "name")
    await writer.update_conversation("other", (CHAT_ID, USER_ID), 2)

    reader = DatabasePersistence(file_engine)
    loaded = await reader.get_conversations(CONV)
    assert loaded == {(CHAT_ID, USER_ID): "nip", ("inline", 7, -3): "name"}
    assert all(type(key) is tuple for key in loaded)
    assert [type(part) for part in next(k for k in loaded if k[0] == "inline")] == [str, int, int]
    assert await reader.get_conversations("other") == {(CHAT_ID, USER_ID): 2}
    assert await reader.get_conversations("missing") == {}


async def test_none_state_deletes_only_that_conversation(file_engine: Engine) -> None:
    persistence = DatabasePersistence(file_engine)
    await persistence.update_conversation(CONV, (1, 2), "name")
    await persistence.update_conversation(CONV, (1, 3), "name")
    await persistence.update_conversation(CONV, (1, 2), None)
    assert await DatabasePersistence(file_engine).get_conversations(CONV) == {(1, 3): "name"}
    # Ending a conversation that was never stored is not an error.
    await persistence.update_conversation(CONV, (9, 9), None)


async def test_namespaces_do_not_see_each_other(file_engine: Engine) -> None:
    await DatabasePersistence(file_engine, namespace="a").update_user_data(1, {"v": "a"})
    await DatabasePersistence(file_engine, namespace="b").update_user_data(1, {"v": "b"})
    assert await DatabasePersistence(file_engine, namespace="a").get_user_data() == {1: {"v": "a"}}
    assert await DatabasePersistence(file_engine, namespace="c").get_user_data() == {}


class _Colour(Enum):
    RED = 1


@pytest.mark.parametrize(
    "value",
    [
        {7: "int keys come back as strings"},
        {"pair": (1, 2)},
        {"when": datetime(2024, 1, 1)},
        {"nan": float("nan")},
        {"colour": _Colour.RED},
    ],
    ids=["int-key", "tuple", "datetime", "nan", "plain-enum"],
)
async def test_values_json_would_change_are_refused(file_engine: Engine, value: dict) -> None:
    persistence = DatabasePersistence(file_engine)
    with pytest.raises(TypeError, match="user_data of 5"):
        await persistence.update_user_data(5, value)
    assert await persistence.get_user_data() == {}


async def test_non_str_enum_state_is_refused(file_engine: Engine) -> None:
    with pytest.raises(TypeError, match="conversation 'x'"):
        await DatabasePersistence(file_engine).update_conversation(CONV, (1, 2), _Colour.RED)


async def test_data_mutated_after_loading_is_written(file_engine: Engine) -> None:
    await DatabasePersistence(file_engine).update_bot_data({"n": 1})
    persistence = DatabasePersistence(file_engine)
    data = await persistence.get_bot_data()
    data["n"] = 2  # PTB mutates the very dict get_bot_data returned
    await persistence.update_bot_data(data)
    assert await DatabasePersistence(file_engine).get_bot_data() == {"n": 2}


async def test_unchanged_data_is_not_rewritten(
    file_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Any] = []
    real = ptb_state.upsert

    def counting(**kwargs: Any) -> None:
        writes.append(kwargs["data"])
        real(**kwargs)

    monkeypatch.setattr(ptb_state, "upsert", counting)
    persistence = DatabasePersistence(file_engine)
    await persistence.update_bot_data({"n": 1})
    await persistence.update_bot_data({"n": 1})
    assert writes == [{"n": 1}]
    await persistence.update_bot_data({"n": 2})
    assert writes == [{"n": 1}, {"n": 2}]

    # A restarted bot writes back what it loaded on the first tick; that is not a change either.
    restarted = DatabasePersistence(file_engine)
    await restarted.update_bot_data(await restarted.get_bot_data())
    assert writes == [{"n": 1}, {"n": 2}]


async def test_database_work_runs_off_the_event_loop_thread(
    file_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: dict[str, int] = {}
    real_upsert, real_load_all, real_delete = (
        ptb_state.upsert,
        ptb_state.load_all,
        ptb_state.delete,
    )

    def upsert(**kwargs: Any) -> None:
        threads["upsert"] = threading.get_ident()
        real_upsert(**kwargs)

    def load_all(**kwargs: Any) -> dict[str, Any]:
        threads["load_all"] = threading.get_ident()
        return real_load_all(**kwargs)

    def delete(**kwargs: Any) -> bool:
        threads["delete"] = threading.get_ident()
        return real_delete(**kwargs)

    monkeypatch.setattr(ptb_state, "upsert", upsert)
    monkeypatch.setattr(ptb_state, "load_all", load_all)
    monkeypatch.setattr(ptb_state, "delete", delete)
    persistence = DatabasePersistence(file_engine)
    await persistence.update_conversation(CONV, (1, 2), "name")
    await persistence.get_conversations(CONV)
    await persistence.update_conversation(CONV, (1, 2), None)
    assert set(threads) == {"upsert", "load_all", "delete"}
    assert threading.get_ident() not in threads.values()


async def test_concurrent_insert_of_same_key_is_retried_as_update(
    file_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_upsert = ptb_state.upsert
    raced: list[bool] = []

    def racing_upsert(*, session: Session, namespace: str, kind: str, key: str, data: Any) -> None:
        if not raced:
            raced.append(True)
            # Losing the race: another process commits the key between our select and insert.
            with session_scope(file_engine) as other:
                other.add(PtbState(namespace=namespace, kind=kind, key=key, data="theirs"))
            session.add(PtbState(namespace=namespace, kind=kind, key=key, data=data))
            session.flush()
            return
        real_upsert(session=session, namespace=namespace, kind=kind, key=key, data=data)

    monkeypatch.setattr(ptb_state, "upsert", racing_upsert)
    await DatabasePersistence(file_engine).update_conversation(CONV, (1, 2), "mine")
    assert raced == [True]
    assert _rows(file_engine, f"conversation:{CONV}") == {"[1, 2]": "mine"}


async def test_callback_data_is_off_by_default_and_round_trips_when_enabled(
    file_engine: Engine,
) -> None:
    assert DatabasePersistence(file_engine).store_data.callback_data is False
    assert await DatabasePersistence(file_engine).get_callback_data() is None

    enabled = DatabasePersistence(file_engine, store_data=PersistenceInput())
    assert enabled.store_data.callback_data is True
    cache = ([("u-1", 1700000000.5, {"b-1": "approve", "b-2": ["reject", 3]})], {"cq-9": "u-1"})
    await enabled.update_callback_data(cache)
    reloaded = DatabasePersistence(file_engine, store_data=PersistenceInput())
    assert await reloaded.get_callback_data() == cache

    with pytest.raises(TypeError, match="callback_data"):
        await enabled.update_callback_data(([("u-2", 1.0, {"b": ("tuple",)})], {}))


async def test_get_methods_on_empty_database(file_engine: Engine) -> None:
    persistence = DatabasePersistence(file_engine)
    assert await persistence.get_user_data() == {}
    assert await persistence.get_chat_data() == {}
    assert await persistence.get_bot_data() == {}
    assert await persistence.get_conversations(CONV) == {}


# --- repository ---------------------------------------------------------------------------------


def test_upsert_inserts_then_updates_one_row(file_engine: Engine) -> None:
    with session_scope(file_engine) as session:
        ptb_state.upsert(session=session, namespace="n", kind="k", key="1", data={"a": 1})
    with session_scope(file_engine) as session:
        ptb_state.upsert(session=session, namespace="n", kind="k", key="1", data={"a": 2})
    with session_scope(file_engine) as session:
        assert ptb_state.load_all(session=session, namespace="n", kind="k") == {"1": {"a": 2}}
        assert len(session.exec(PtbState.__table__.select()).all()) == 1


def test_load_all_filters_by_namespace_and_kind(file_engine: Engine) -> None:
    with session_scope(file_engine) as session:
        for namespace, kind, key in [
            ("n", "k", "1"),
            ("n", "k", "2"),
            ("n", "j", "1"),
            ("m", "k", "1"),
        ]:
            ptb_state.upsert(
                session=session,
                namespace=namespace,
                kind=kind,
                key=key,
                data=f"{namespace}{kind}{key}",
            )
    with session_scope(file_engine) as session:
        assert ptb_state.load_all(session=session, namespace="n", kind="k") == {
            "1": "nk1",
            "2": "nk2",
        }
        assert ptb_state.load_all(session=session, namespace="n", kind="zzz") == {}


def test_delete_removes_only_its_key_and_reports_whether_it_existed(file_engine: Engine) -> None:
    with session_scope(file_engine) as session:
        ptb_state.upsert(session=session, namespace="n", kind="k", key="1", data=1)
        ptb_state.upsert(session=session, namespace="n", kind="k", key="2", data=2)
    with session_scope(file_engine) as session:
        assert ptb_state.delete(session=session, namespace="n", kind="k", key="1") is True
        assert ptb_state.delete(session=session, namespace="n", kind="k", key="1") is False
    with session_scope(file_engine) as session:
        assert ptb_state.load_all(session=session, namespace="n", kind="k") == {"2": 2}


def test_repository_leaves_the_transaction_to_the_caller(file_engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(file_engine) as session:
        ptb_state.upsert(session=session, namespace="n", kind="k", key="1", data=1)
        raise RuntimeError("abort")
    with session_scope(file_engine) as session:
        assert ptb_state.load_all(session=session, namespace="n", kind="k") == {}
