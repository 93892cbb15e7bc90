"""Each update in one transaction: handled once, again after a failure, resumed after a crash.

The real bot against the stand-in, with the failure put where a crash or an outage would put it.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select
from telegram import Update

from bot import texts
from bot.domain.sop import StepKey
from bot.webhook import web_app
from standin.demo import World, restart
from storage import inbox
from storage.models import AuditEvent, InboxUpdate, OutboxMessage
from tests.clock import YEAR
from tests.conversations.conftest import TIMEOUT, forward, settle


def _rows(world: World, model: Any, *where: Any) -> list[Any]:
    with world.services.transaction() as session:
        return list(session.exec(select(model).where(*where)))


def _last_update(world: World) -> InboxUpdate:
    rows = _rows(world, InboxUpdate)
    return max(rows, key=lambda row: row.update_id)


@contextmanager
def _failing_once(world: World, statement_start: str,
                  naming: str = "") -> Iterator[threading.Event]:
    """The first statement that starts with ``statement_start`` (and names ``naming``) fails
    as a dropped connection does; the returned event is set once it did."""
    failed = threading.Event()

    def fail(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        text = statement.lstrip().upper()
        if not failed.is_set() and text.startswith(statement_start) and naming in text:
            failed.set()
            raise OperationalError(statement, {}, ConnectionResetError("connection lost"))

    engine = world.services.engine
    event.listen(engine, "before_cursor_execute", fail)
    try:
        yield failed
    finally:
        event.remove(engine, "before_cursor_execute", fail)


async def test_an_update_telegram_sends_again_is_handled_once(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    await settle(world)
    secretary = world.people["secretary"]
    await secretary.send_command("tugas")
    await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await settle(world)
    taken = _last_update(world)
    assert taken.done_at is not None

    again = Update.de_json(taken.payload, world.application.bot)
    assert again is not None
    await world.application.process_update(again)
    await settle(world)
    assert sum(texts.tasks_header(1) in text for text in secretary.texts) == 1


async def test_an_update_sent_again_leaves_the_conversation_where_it_is(world: World) -> None:
    """The update runs again before its claim finds it done; what it did to the conversation
    in memory meanwhile (ending it) must not stay, nor be written when the bot stops."""
    head = world.people["head"]
    await head.send_command("mulai")
    await head.wait_for_text(texts.ASK_YEAR, TIMEOUT)
    await head.send_command("batal")
    await head.wait_for_text(texts.CANCELLED, TIMEOUT)
    await settle(world)
    cancel = _last_update(world)
    seen = len(head.messages)
    await head.send_command("mulai")
    asked = await head.wait_for_text(texts.ASK_YEAR, TIMEOUT, after=seen)
    await settle(world)

    again = Update.de_json(cancel.payload, world.application.bot)
    assert again is not None
    await world.application.process_update(again)
    await settle(world)
    assert sum(texts.CANCELLED in text for text in head.texts) == 1
    await restart(world)
    await head.press(str(YEAR), asked)
    await head.wait_for_text(texts.ASK_QUARTER, TIMEOUT)


async def test_a_failure_at_the_last_moment_undoes_the_whole_update_which_then_runs_once(
        world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    await settle(world)
    lead = world.people["team_lead"]
    handoff = await lead.wait_for_message(
        lambda m: texts.BTN_BEGIN in m.button_labels, TIMEOUT, after=0)
    await lead.press(texts.BTN_BEGIN, handoff)
    confirm = texts.CONFIRM_LABELS[StepKey.PREPARE_FORMS]
    shown = await lead.wait_for_message(lambda m: confirm in m.button_labels, TIMEOUT)
    await settle(world)
    audited, queued = len(_rows(world, AuditEvent)), len(_rows(world, OutboxMessage))
    # The update's last statement before its commit: the replies it owes, into the outbox.
    with _failing_once(world, "INSERT INTO OUTBOXMESSAGE", naming="METHOD") as failed:
        await lead.press(confirm, shown)
        await lead.wait_for_text(texts.STEP_DONE[StepKey.PREPARE_FORMS], TIMEOUT)
        await settle(world)
    assert failed.is_set(), "the failure was injected"
    assert sum(texts.STEP_DONE[StepKey.PREPARE_FORMS] in t for t in lead.texts) == 1
    assert texts.DATABASE_WAIT not in lead.texts, "the database answered: nobody waits"
    events = [(e.action, json.dumps(e.after, sort_keys=True))
              for e in _rows(world, AuditEvent)[audited:]]
    assert events, "the step was done"
    assert len(events) == len(set(events)), f"an effect was applied twice: {events}"
    notices = [(m.chat_id, m.text) for m in _rows(world, OutboxMessage)[queued:]
               if m.method is None]
    assert notices, "the next roles were told"
    assert len(notices) == len(set(notices)), "a notification was queued twice"
    assert _last_update(world).done_at is not None


async def test_an_update_taken_before_a_crash_is_handled_after_the_restart(
        world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    await settle(world)
    secretary = world.people["secretary"]
    # Taken from Telegram (and so acknowledged on the next poll), then the process died.
    payload = {"update_id": 10**9, "message": {
        "message_id": 10**6, "date": 1_700_000_000, "text": "/tugas",
        "chat": {"id": secretary.id, "type": "private"},
        "from": {"id": secretary.id, "is_bot": False, "first_name": "Sekretaris"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
    with world.services.transaction() as session:
        inbox.record(session=session, updates=[payload], now=world.services.now())
    await restart(world)
    await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await settle(world)
    assert _last_update(world).done_at is not None


async def test_a_reply_owed_when_the_process_died_is_sent_once_after_the_restart(
        world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    await settle(world)
    secretary = world.people["secretary"]
    sender = world.application.outbox_sender
    assert sender is not None
    await sender.stop()  # committed, but never sent: the process dies now
    await secretary.send_command("tugas")
    owed: list[OutboxMessage] = []
    for _ in range(100):
        owed = _rows(world, OutboxMessage, col(OutboxMessage.method).is_not(None),
                     col(OutboxMessage.sent_at).is_(None))
        if owed:
            break
        await asyncio.sleep(0.05)
    assert [row.method for row in owed] == ["sendMessage"]
    assert owed[0].update_id == _last_update(world).update_id
    assert _last_update(world).done_at is not None, "the reply committed with the update"
    assert not any(texts.tasks_header(1) in text for text in secretary.texts)

    await restart(world)
    await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await settle(world)
    assert sum(texts.tasks_header(1) in text for text in secretary.texts) == 1


@pytest.mark.tolerate_server_error
async def test_an_update_that_cannot_be_handled_is_refused_and_the_next_ones_go_on(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    await settle(world)
    secretary = world.people["secretary"]
    units = world.application.units
    commit = units._commit
    broken = threading.Event()

    def commit_once_broken(*args: Any) -> None:
        if not broken.is_set():
            broken.set()
            raise ValueError("a fault of ours at the last moment")
        commit(*args)

    monkeypatch.setattr(units, "_commit", commit_once_broken)
    await secretary.send_command("tugas")
    await secretary.wait_for_text(texts.SERVER_ERROR, TIMEOUT)
    assert _last_update(world).done_at is not None, "given up, not taken again at every start"
    await secretary.send_command("tugas")
    await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await settle(world)


def _command(update_id: int, user_id: int, command: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": {
        "message_id": update_id % 10**6, "date": 1_700_000_000, "text": command,
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Pejabat"},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}]}}


async def test_an_older_update_of_the_chat_another_process_took_is_handled_first(
        world: World) -> None:
    """Behind a webhook with several processes, /mulai went to a process that died before it
    finished, and the head's /batal comes here: /mulai is handled first, then /batal ends the
    flow it began; an update of another chat does not wait for it."""
    head, secretary = world.people["head"], world.people["secretary"]
    web_app(world.application, "rahasia", "/hook")  # this process takes pushed updates
    first, second = _command(10**9, head.id, "/mulai"), _command(10**9 + 2, head.id, "/batal")
    with world.services.transaction() as session:
        inbox.record(session=session, updates=[first], now=world.services.now())
    other = Update.de_json(_command(10**9 + 1, secretary.id, "/bantuan"), world.application.bot)
    assert other is not None
    await world.application.process_update(other)
    assert _rows(world, InboxUpdate, col(InboxUpdate.update_id) == 10**9)[0].done_at is None

    cancel = Update.de_json(second, world.application.bot)
    assert cancel is not None
    await world.application.process_update(cancel)
    await head.wait_for_text(texts.CANCELLED, TIMEOUT)
    await settle(world)
    asked = [i for i, text in enumerate(head.texts) if texts.ASK_YEAR in text]
    cancelled = [i for i, text in enumerate(head.texts) if texts.CANCELLED in text]
    assert len(asked) == 1 and len(cancelled) == 1 and asked[0] < cancelled[0]
    rows = sorted(_rows(world, InboxUpdate, col(InboxUpdate.update_id) >= 10**9),
                  key=lambda row: row.update_id)
    assert [(row.update_id, row.chat_id, row.done_at is not None) for row in rows] == [
        (10**9, head.id, True), (10**9 + 1, secretary.id, True), (10**9 + 2, head.id, True)]
