"""Officials of different divisions at once: every chat answered in its own order, every
figure kept, no update waiting on another's database lock (each wait is bounded by TIMEOUT,
far below SQLite's 15 s lock wait, so a stall between two updates fails the test)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import texts
from bot.domain.sop import StepKey
from bot.services import realization
from standin.demo import World
from tests.clock import YEAR, RunningClock
from tests.conversations.conftest import TIMEOUT, begin, call, forward, run_id, settle, uid
from tests.seeded import seeded_bot

FILLERS = {"bina_marga": "Bina Marga", "cipta_karya": "Cipta Karya",
           "tata_ruang": "Tata Ruang"}


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with seeded_bot(tmp_path / "data", master_year=YEAR, clock=RunningClock()) as w:
        await forward(w, YEAR, 1, through=StepKey.PREPARE_FORMS)
        yield w


async def test_four_divisions_typing_at_once_lose_nothing(world: World) -> None:
    async def fill(key: str) -> list[str]:
        person = world.people[key]
        part = await run_id(world, key, StepKey.FILL_IN, FILLERS[key])
        first = (await call(world, realization.part_sheet, await uid(world, key),
                            part)).indicators[0]
        await begin(person, "Langkah 4")
        await person.wait_for_text("Pilih isian", TIMEOUT)
        await person.press("Isi berikutnya")
        saved = []
        for figure in ("7", "8", "9"):  # the same indicator, typed again: the last one stays
            await person.wait_for_text("Kirim angka realisasi", TIMEOUT)
            await person.send_text(figure)
            saved.append((await person.wait_for_text("Tersimpan", TIMEOUT)).content)
            await person.send_command("batal")
            await person.wait_for_text(texts.CANCELLED, TIMEOUT)
            await person.send_command("tugas")
            tasks = await person.wait_for_text("tugas", TIMEOUT)
            await person.press("Langkah 4", tasks)
            menu = await person.wait_for_text("Pilih isian", TIMEOUT)
            [item] = [label for label in menu.button_labels if f" {first.code} " in label]
            await person.press(item, menu)
        return saved

    others = [world.people[k] for k in ("head", "team_lead", "planning")]

    async def look() -> None:
        for _ in range(3):
            for person in others:
                await person.send_command("status")
            for person in others:
                await person.wait_for_message(timeout=TIMEOUT)

    results = await asyncio.gather(*(fill(k) for k in FILLERS), look())
    await settle(world)
    for key, division in FILLERS.items():
        assert len(results[list(FILLERS).index(key)]) == 3
        part = await run_id(world, key, StepKey.FILL_IN, division)
        sheet = await call(world, realization.part_sheet, await uid(world, key), part)
        assert sheet.indicators[0].value == 9, (key, sheet.indicators[0])
    for person in [*(world.people[k] for k in FILLERS), *others]:
        assert not any(texts.SERVER_ERROR in m.content or texts.DATABASE_WAIT in m.content
                       for m in person.messages)
