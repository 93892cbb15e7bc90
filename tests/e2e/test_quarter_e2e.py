"""End to end: the real bot in its own process, the Bot API stand-in here, HTTP on 127.0.0.1.

The agency is provisioned with the CLI, the bot is started as ``python -m bot run`` pointed at
the stand-in by ``TELEGRAM_API_BASE_URL``, and simulated officials play a whole quarter.

These tests check "today" on purpose: the bot is the installed program with nothing injected,
so it runs on the wall clock and its documents carry the real date.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from bot import texts
from bot.demo_data import (
    ADDRESS,
    OFFICIALS,
    PLACE,
)
from standin import BotApiStandIn
from standin.demo_scenario import TIMEOUT, Officials, play_quarter
from tests import databases
from tests.e2e.harness import YEAR, BotProcess, bot_env
from tests.e2e.harness import cli as _cli
from tests.e2e.harness import provision as _provision
from tests.pdf_reading import pdf_text


@pytest.fixture(params=["free_text", "master_data"])
async def world(
    request: pytest.FixtureRequest, tmp_path: Path, database_url: str | None
) -> AsyncIterator[tuple[BotApiStandIn, Officials, BotProcess]]:
    """The bot in its own process; with or without an imported Perjanjian Kinerja."""
    master = tmp_path / "master.xlsx" if request.param == "master_data" else None
    async with BotApiStandIn() as standin:
        env = bot_env(standin.base_url, standin.token, tmp_path / "data")
        databases.set_database(env, database_url)
        await asyncio.to_thread(_provision, env, master)
        people = Officials.register(standin)
        bot = BotProcess(env, tmp_path / "bot.log")
        bot.start()
        try:
            yield standin, people, bot
        finally:
            await bot.stop()
        assert not standin.errors, standin.errors


@pytest.fixture
def db_url(tmp_path: Path, database_url: str | None) -> str:
    """The database the bot process uses: the CLI's default in DATA_DIR unless one is given."""
    return database_url or f"sqlite:///{(tmp_path / 'data' / 'sakip.db').as_posix()}"


@contextmanager
def _db(db_url: str) -> Iterator[Connection]:
    """A look at the bot's database from outside, as another process sees it."""
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


async def _outbox_drained(db_url: str) -> None:
    """Every queued notification is marked sent (the last ones may still be in flight)."""
    for _ in range(100):
        with _db(db_url) as db:
            unsent = db.execute(text("select count(*) from outboxmessage where sent_at is null"))
            if unsent.fetchone() == (0,):
                return
        await asyncio.sleep(0.1)
    raise AssertionError("the outbox was not drained")


async def _logged(db_url: str, expected: int) -> int:
    """Messages in the bot's log; the last ones are written just after Telegram answers."""
    logged = -1
    for _ in range(100):
        with _db(db_url) as db:
            logged = db.execute(text("select count(*) from messagelog where method='sendmessage' "
                                     "or method='senddocument'")).scalar_one()
        if logged >= expected:
            return logged
        await asyncio.sleep(0.05)
    return logged


async def _state_saved(db_url: str, state: str) -> None:
    """Wait until the conversation state is in the database (written right after the update)."""
    for _ in range(100):
        with _db(db_url) as db:
            rows = db.execute(text("select data from ptbstate where kind like 'conversation%'"))
            if any(state in str(data) for (data,) in rows):
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"conversation state {state} was never persisted")


async def test_whole_quarter_with_a_return(world, tmp_path: Path, db_url: str) -> None:  # type: ignore[no-untyped-def]
    standin, people, _bot = world
    structured = (tmp_path / "master.xlsx").exists()
    await play_quarter(people, YEAR, 1, structured=structured)

    head = people["head"]
    review = [m for m in head.messages if "Setujui untuk dijadikan" in m.content]
    assert len(review) == 2, "the head reviews the report twice: before and after the return"
    assert all(m.file_name and m.file_name.endswith(".xlsx") for m in review)
    assert review[0].buttons == [], "used decision buttons are removed"
    assert "disetujui" in review[1].content
    if structured:
        # The figures as pictures, each saying which chart it is.
        captions = [m.content for m in head.messages if m.photo is not None]
        assert set(captions) == set(texts.CHART_CAPTIONS.values())

    bina_marga = people["bina_marga"]
    returned = [m for m in bina_marga.messages if "Dikembalikan untuk dilengkapi" in m.content]
    assert len(returned) == 1 and "Foto progres jalan belum dilampirkan." in returned[0].content
    for key in ("cipta_karya", "tata_ruang"):
        handoffs = [m for m in people[key].messages if "Tugas baru" in m.content]
        assert len(handoffs) == 1, f"{key} was not asked to fill in again"
        assert handoffs[0].file_name and handoffs[0].file_name.endswith(".xlsx")

    secretary = people["secretary"]
    memo = next(m for m in secretary.messages if "Langkah 2" in m.content)
    assert memo.file_name == f"Nota-Kepala-Dinas-TW1-{YEAR}.pdf"
    memo_text = pdf_text(memo.file_bytes or b"")
    assert f"Triwulan I Tahun {YEAR}" in memo_text
    assert "PEMERINTAH PROVINSI SUMATERA BARAT" in memo_text and ADDRESS in memo_text
    head = OFFICIALS[0]
    assert head.rank and head.rank in memo_text and f"{PLACE}, " in memo_text
    planning = people["planning"]
    esr = next(m for m in planning.messages if "Langkah 9" in m.content)
    assert esr.file_name == f"Realisasi-Rencana-Aksi-TW1-{YEAR}.pdf", "ESR takes PDF only"
    esr_text = pdf_text(esr.file_bytes or b"")
    assert "PEMERINTAH PROVINSI SUMATERA BARAT" in esr_text and head.name in esr_text

    for person in people.by_key.values():
        assert not [m for m in person.messages if "gangguan" in m.content], person.label
    assert not standin.unanswered_callback_queries

    await _outbox_drained(db_url)
    with _db(db_url) as db:
        status = db.execute(text("select status from measurementcycle")).fetchall()
        assert status == [("archived",)]
        review_runs = db.execute(
            text("select outcome from steprun where step='review' order by id")).fetchall()
        assert review_runs == [("returned",), ("approved",)]
        actions = {a for (a,) in db.execute(text("select action from auditevent"))}
    sent = len(standin.calls_to("sendMessage")) + len(standin.calls_to("sendDocument"))
    assert await _logged(db_url, sent) == sent, "every message the bot sent is recorded"
    assert {"cycle.start", "step.review.returned", "step.review.approved",
            "cycle.archived"} <= actions


async def test_sigkill_mid_conversation_loses_nothing(world, db_url: str) -> None:  # type: ignore[no-untyped-def]
    _standin, people, bot = world
    head = people["head"]
    await head.send_command("mulai")
    await head.wait_for_text("tahun berapa", TIMEOUT)
    await head.press(str(YEAR))
    await head.wait_for_text("Triwulan yang mana", TIMEOUT)
    await _state_saved(db_url, "order.quarter")
    bot.kill()
    bot.start()
    await head.press("TW II")
    await head.wait_for_text("Laporan Hasil Analisa Data Kinerja", TIMEOUT)
    with _db(db_url) as db:
        cycles = db.execute(text("select year, quarter from measurementcycle")).fetchall()
        assert cycles == [(YEAR, 2)]


async def test_strangers_and_deactivated_users_are_refused(  # type: ignore[no-untyped-def]
    world, tmp_path: Path, database_url: str | None
) -> None:
    standin, people, _bot = world
    stranger = standin.add_user(999001, "Orang Lain")
    await stranger.send_command("tugas")
    refusal = await stranger.wait_for_text("belum terdaftar", TIMEOUT)
    assert "kode undangan" in refusal.content
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data")}
    databases.set_database(env, database_url)
    users = await asyncio.to_thread(_cli, env, "users")
    planning_id = next(line.split()[0] for line in users.splitlines() if "YULIA" in line)
    await asyncio.to_thread(_cli, env, "user", "deactivate", planning_id)
    planning = people["planning"]
    await planning.send_command("tugas")
    await planning.wait_for_text("dinonaktifkan", TIMEOUT)
