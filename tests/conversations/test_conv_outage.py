"""The database goes away for a while: what officials send meanwhile is handled when it is back.

The outage is made inside SQLAlchemy (every statement fails as a server that refuses
connections does), so it is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot import texts
from bot.domain.sop import StepKey
from standin.demo import World
from tests.clock import YEAR
from tests.conversations.conftest import TIMEOUT, forward, settle

OUTAGE = 1.5  # seconds


@contextmanager
def database_down(world: World) -> Iterator[threading.Event]:
    """Every statement fails until the returned event is cleared."""
    down = threading.Event()
    down.set()

    def refuse(*_: object) -> None:
        if down.is_set():
            raise OperationalError("SELECT", {}, ConnectionRefusedError("database is down"))

    engine = world.services.engine
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield down
    finally:
        down.clear()
        event.remove(engine, "before_cursor_execute", refuse)


async def test_a_command_sent_during_an_outage_is_answered_when_the_database_is_back(
        world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    await settle(world)
    secretary = world.people["secretary"]
    with database_down(world) as down:
        await secretary.send_command("tugas")
        await secretary.wait_for_text(texts.DATABASE_WAIT, TIMEOUT)
        await secretary.send_text("halo")  # queued behind the first, in order
        await asyncio.sleep(OUTAGE)
        assert not [m for m in secretary.messages if texts.tasks_header(1) in m.content]
        down.clear()
        listing = await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    assert "Rapat arahan" in listing.content
    assert [m.content for m in secretary.messages].count(texts.DATABASE_WAIT) == 1
    await settle(world)


async def test_a_button_pressed_during_an_outage_takes_effect_once(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    await settle(world)
    lead = world.people["team_lead"]
    handoff = await lead.wait_for_message(
        lambda m: texts.BTN_BEGIN in m.button_labels, TIMEOUT, after=0)
    with database_down(world) as down:
        await lead.press(texts.BTN_BEGIN, handoff)
        await lead.wait_for_text(texts.DATABASE_WAIT, TIMEOUT)
        await asyncio.sleep(OUTAGE)
        down.clear()
        opened = await lead.wait_for_message(
            lambda m: texts.CONFIRM_LABELS[StepKey.PREPARE_FORMS] in m.button_labels, TIMEOUT)
    await settle(world)
    assert texts.DATABASE_WAIT not in opened.content
    assert sum(texts.CONFIRM_LABELS[StepKey.PREPARE_FORMS] in m.button_labels
               for m in lead.messages) == 1, "the press took effect once"
