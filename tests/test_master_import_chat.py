"""``/impor`` over the stand-in: the Tim SAKIP sends the master workbook to the bot."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from benchmarks.bench_hostile_files import at_the_limit
from bot import texts
from bot.sample_data.master_sample import sample_master
from standin.demo import World
from storage.models import Indicator, PerformanceAgreement
from tests.clock import YEAR, RunningClock
from tests.seeded import seeded_bot

TIMEOUT = 10.0
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with seeded_bot(tmp_path / "data", clock=RunningClock()) as world:
        yield world


async def _open_import(world: World) -> None:
    team = world.people["team_lead"]
    await team.send_command("impor")
    await team.wait_for_text(texts.ASK_MASTER_YEAR, TIMEOUT)
    await team.press(str(YEAR))
    template = await team.wait_for_text("Template data master", TIMEOUT)
    book = load_workbook(io.BytesIO(await team.download(template)))
    assert {"Sasaran", "Indikator", "Anggaran"} <= set(book.sheetnames)


async def test_team_imports_the_sample_by_chat(world: World) -> None:
    team = world.people["team_lead"]
    await _open_import(world)
    await team.send_document(sample_master(YEAR), f"pk-{YEAR}.xlsx", XLSX)
    summary = await team.wait_for_text(str(YEAR), TIMEOUT)
    assert "Perjanjian Kinerja" in summary.content
    with Session(world.services.engine) as session:
        agreements = session.exec(select(PerformanceAgreement)).all()
        assert [(a.year, a.version) for a in agreements] == [(YEAR, 1)]
        assert session.exec(select(Indicator)).all()


async def test_a_wrong_workbook_is_refused_with_where_and_why(world: World) -> None:
    team = world.people["team_lead"]
    await _open_import(world)
    book = load_workbook(io.BytesIO(sample_master(YEAR)))
    sheet = book["Indikator"]
    sheet.cell(row=sheet.max_row, column=5).value = "naik-turun"
    broken = io.BytesIO()
    book.save(broken)
    await team.send_document(broken.getvalue(), "salah.xlsx", XLSX)
    refusal = await team.wait_for_text("Indikator", TIMEOUT)
    assert str(sheet.max_row) in refusal.content
    with Session(world.services.engine) as session:
        assert session.exec(select(PerformanceAgreement)).all() == []
    await team.send_document(sample_master(YEAR), "benar.xlsx", XLSX)
    await team.wait_for_text("benar.xlsx", TIMEOUT)
    with Session(world.services.engine) as session:
        assert len(session.exec(select(PerformanceAgreement)).all()) == 1


async def test_only_the_tim_sakip_may_import(world: World) -> None:
    bidang = world.people["bina_marga"]
    await bidang.send_command("impor")
    refusal = await bidang.wait_for_message(timeout=TIMEOUT)
    assert "bukan tugas peran Anda" in refusal.content


async def test_a_workbook_being_read_keeps_no_other_official_waiting(world: World) -> None:
    """Reading a large workbook (here one at the cell limit, about two seconds) runs while
    other officials' updates are handled: a Bidang's /tugas is answered before it ends."""
    team, bidang = world.people["team_lead"], world.people["bina_marga"]
    await _open_import(world)
    await team.send_document(at_the_limit(), "besar.xlsx", XLSX)
    await bidang.send_command("tugas")
    answer = await bidang.wait_for_message(timeout=TIMEOUT)
    verdict = await team.wait_for_text("Sasaran", TIMEOUT)  # refused: no "Sasaran" sheet
    assert answer.seq < verdict.seq, (answer.content, verdict.content)
