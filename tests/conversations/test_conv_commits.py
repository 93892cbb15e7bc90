"""What an update costs the database: one write transaction, which carries its effects, its
conversation state (only when it changed), its replies and its inbox mark; besides it only the
durable record of each getUpdates batch (bot.update_unit)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from standin.demo import World
from storage.models import InboxUpdate
from tests.conversations.conftest import TIMEOUT, settle

TABLES = ("inboxupdate", "outboxmessage", "ptbstate", "messagelog")


@contextmanager
def write_transactions(engine: Engine) -> Iterator[list[list[str]]]:
    """The statements of every write transaction committed meanwhile, one list each."""
    committed: list[list[str]] = []

    def before(conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            conn.info.setdefault("writes", []).append(statement.lower())

    def commit(conn):  # type: ignore[no-untyped-def]
        writes = conn.info.pop("writes", None)
        if writes:
            committed.append(writes)

    def rollback(conn):  # type: ignore[no-untyped-def]
        conn.info.pop("writes", None)

    listeners = [("before_cursor_execute", before), ("commit", commit),
                 ("rollback", rollback)]
    for name, fn in listeners:
        event.listen(engine, name, fn)
    try:
        yield committed
    finally:
        for name, fn in listeners:
            event.remove(engine, name, fn)


def _tables(statements: list[str]) -> set[str]:
    return {table for table in TABLES if any(table in s for s in statements)}


async def _handled(world: World, count: int) -> None:
    def done() -> int:
        with world.services.transaction() as session:
            return int(session.exec(select(func.count()).select_from(InboxUpdate)
                                    .where(col(InboxUpdate.done_at).is_not(None))).one())

    for _ in range(int(TIMEOUT / 0.05)):
        if await asyncio.to_thread(done) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{count} updates were not handled")


async def test_a_command_costs_one_commit_with_its_conversation_state(world: World) -> None:
    await settle(world)
    sender = world.application.outbox_sender
    assert sender is not None
    await sender.stop()  # its claims and marks are the sender's, not the update's
    sekretaris, head = world.people["secretary"], world.people["head"]
    try:
        with write_transactions(world.services.engine) as committed:
            await sekretaris.send_command("tugas")
            await _handled(world, 1)
        ours = [_tables(t) for t in committed if _tables(t)]
        assert ours == [{"inboxupdate"}, {"inboxupdate", "outboxmessage"}], committed
        # Not in a conversation before or after: no conversation state is read back as written.
        assert not any("ptbstate" in s for t in committed for s in t)

        for command, handled in (("mulai", 2), ("batal", 3)):  # into a conversation, and out
            with write_transactions(world.services.engine) as committed:
                await head.send_command(command)
                await _handled(world, handled)
            ours = [_tables(t) for t in committed if _tables(t)]
            assert ours == [{"inboxupdate"}, {"inboxupdate", "outboxmessage", "ptbstate"}], (
                command, committed)
    finally:
        sender.start()
    await sekretaris.wait_for_text("tugas", TIMEOUT)
    await head.wait_for_text("dibatalkan", TIMEOUT)
