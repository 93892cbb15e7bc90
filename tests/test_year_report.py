"""``/laporan`` services: reports per quarter and the year's capaian trend."""
# ruff: noqa: F811  (pytest fixtures imported from tests.test_realization are parameters here)

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.engine import Engine

from bot.domain import errors
from bot.domain.sop import StepKey
from bot.services import fill_in, realization, steps, year_report
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from tests.test_realization import Clock, _complete_bina_marga, _task, at_step_4, people  # noqa: F401


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=Clock())


def test_quarter_report_and_year_trend(ctx: ServiceContext, at_step_4: dict[str, int]) -> None:
    p = at_step_4
    with pytest.raises(errors.InvalidInput):
        year_report.year_trend(ctx, p["head"], 2023)  # no cycle that year
    assert year_report.reports(ctx, p["head"]) == []
    fill_in.submit_part(ctx, p["bm"], _complete_bina_marga(ctx, p))
    part = _task(ctx, p["secretary"], StepKey.FILL_IN)
    sk1 = realization.part_sheet(ctx, p["secretary"], part).indicators[0]
    realization.save_value(ctx, p["secretary"], part, sk1.indicator_id, "72")
    realization.save_text(ctx, p["secretary"], part, sk1.indicator_id, "obstacles", "Data")
    realization.save_text(ctx, p["secretary"], part, sk1.indicator_id, "follow_up", "Lembur")
    realization.add_evidence(ctx, p["secretary"], part, sk1.indicator_id,
                             Upload(b"%PDF-1.4 y", "y.pdf", "application/pdf"))
    fill_in.submit_part(ctx, p["secretary"], part)
    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.COMPILE))

    [row] = year_report.reports(ctx, p["head"])
    assert (row.year, row.quarter) == (2024, 1)
    name, data = year_report.report_file(ctx, p["head"], row.cycle_id)
    assert name.endswith(".xlsx") and data.startswith(b"PK")
    name, workbook, picture = year_report.year_trend(ctx, p["head"], 2024)
    assert name == "Tren-Capaian-Kinerja-2024.xlsx" and picture.startswith(b"\x89PNG")
    frame = pd.read_excel(io.BytesIO(workbook)).set_index("Kode")
    assert frame.loc["BM1", "TW I"] == 105 and frame.loc["SK1", "TW I"] == 90
    assert frame["TW II"].isna().all()
    with pytest.raises(errors.NotAllowed):
        year_report.reports(ctx, p["bm"])
