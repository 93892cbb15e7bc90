"""The province's view: every agency's quarter, step, who it waits for, delay and capaian, as
lines, a picture and a workbook; for provincial officials only; and weekly by itself."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from bot import texts
from bot.domain import errors
from bot.domain.sop import Role
from bot.services import province, provisioning, reminders
from bot.services.context import ServiceContext
from storage.documents import FileStore
from storage.models import OutboxMessage
from tests import databases
from tests.clock import TickingClock
from tests.test_agency_isolation import START, Agency, _prepare

LATER = datetime(2024, 4, 22, 2, 0, tzinfo=UTC)  # Monday 22 April, 09:00 WIB: step 4 is late


class World:
    def __init__(self, ctx: ServiceContext, of: dict[str, Agency], watcher: int) -> None:
        self.ctx, self.of, self.watcher = ctx, of, watcher

    def at(self, moment: datetime) -> ServiceContext:
        return ServiceContext(engine=self.ctx.engine, store=self.ctx.store,
                              clock=lambda: moment)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with databases.migrated_engine() as engine:
        ctx = ServiceContext(engine=engine, store=FileStore(tmp_path_factory.mktemp("prov")),
                             clock=TickingClock(START))
        of = {code: _prepare(ctx, code) for code in ("bmcktr", "pupr")}
        provisioning.add_agency(ctx, name="Badan Perencanaan Pembangunan Daerah",
                                code="bappeda", divisions=[])
        watcher = provisioning.add_user(ctx, name="ANALIS BAPPEDA", telegram_id=880001,
                                        roles=[(Role.PROVINCE, None)], agency_code="bappeda")
        assert watcher.id is not None
        yield World(ctx, of, watcher.id)


def test_every_agency_with_its_step_waiting_delay_and_capaian(world: World) -> None:
    view = province.overview(world.at(LATER), world.watcher)
    by_code = {r.code: r for r in view.rows}
    assert set(by_code) == {"bmcktr", "pupr", "bappeda"}
    assert [r.code for r in view.rows][-1] == "bappeda", "the most late first"
    for code in ("bmcktr", "pupr"):
        row = by_code[code]
        assert (row.year, row.quarter, row.step_number, row.archived) == (2024, 1, 4, False)
        assert row.late and row.late_minutes > 5 * 450, "more than five working days"
        # Step 4 waits for every division of that agency, and only of that agency.
        assert "Ir. BUDI SANTOSO, MT" in row.waiting_for and len(row.waiting_for) >= 4
        assert row.measured == 1 and row.indicators > 1 and row.capaian is not None
    idle = by_code["bappeda"]
    assert (idle.year, idle.step_number, idle.late_minutes, idle.capaian) == (None, None, 0,
                                                                             None)
    # Before any deadline, nobody is late.
    early = province.overview(world.at(START), world.watcher)
    assert not any(r.late for r in early.rows)


def test_the_picture_and_the_workbook(world: World) -> None:
    view = province.overview(world.at(LATER), world.watcher)
    assert view.picture.startswith(b"\x89PNG")
    sheet = load_workbook(io.BytesIO(view.workbook)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0][:3] == list(texts.province_columns()[:3])
    codes = [row[0] for row in rows[1:]]
    assert sorted(codes) == ["bappeda", "bmcktr", "pupr"]
    pupr = next(row for row in rows[1:] if row[0] == "pupr")
    assert pupr[2] == "Triwulan I Tahun 2024" and pupr[3].startswith("Langkah 4")
    assert isinstance(pupr[8], float) and pupr[9] == 1
    assert view.file_name.endswith(".xlsx")


@pytest.mark.parametrize("who", ["head", "secretary", "team_lead", "bina_marga", "planning"])
def test_only_a_provincial_official_may_look(world: World, who: str) -> None:
    with pytest.raises(errors.NotAllowed):
        province.overview(world.ctx, world.of["pupr"].people[who])


def test_the_weekly_digest_goes_once_a_week_to_the_provincial_officials(world: World) -> None:
    def digests() -> list[OutboxMessage]:
        with Session(world.ctx.engine) as session:
            return [m for m in session.exec(select(OutboxMessage))
                    if m.user_id == world.watcher]

    monday = world.at(LATER)
    reminders.tick(monday)
    sent = digests()
    assert len(sent) == 1 and "Ringkasan mingguan" in sent[0].text
    assert "Dinas PUPR" in sent[0].text and "terlambat" in sent[0].text
    reminders.tick(world.at(datetime(2024, 4, 24, 3, 0, tzinfo=UTC)))  # Wednesday
    assert len(digests()) == 1, "once a week"
    reminders.tick(world.at(datetime(2024, 4, 29, 2, 0, tzinfo=UTC)))  # the next Monday
    assert len(digests()) == 2
