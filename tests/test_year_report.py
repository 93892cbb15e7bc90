"""``/laporan`` services: reports per quarter and the year's capaian trend."""
# ruff: noqa: F811  (pytest fixtures imported from tests.test_realization are parameters here)

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import texts
from bot.domain import errors
from bot.domain.sop import DocumentKind, StepKey
from bot.services import fill_in, realization, steps, tasks, year_report
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from reports import esr, workbooks
from reports.heading import ReportHeading
from storage.documents import FileStore
from storage.models import (
    Document,
    Indicator,
    MeasurementCycle,
    PerformanceAgreement,
    StrategicGoal,
)
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
    formula = "=cmd|' /C calc'!A0"  # an indicator name typed like a formula stays text
    with Session(ctx.engine) as session:
        bm1 = session.exec(select(Indicator).where(Indicator.code == "BM1")).one()
        bm1.name = formula
        session.add(bm1)
        session.commit()
    name, workbook, picture = year_report.year_trend(ctx, p["head"], 2024)
    assert name == "Tren-Capaian-Kinerja-2024.xlsx" and picture.startswith(b"\x89PNG")
    frame = pd.read_excel(io.BytesIO(workbook)).set_index("Kode")
    assert frame.loc["BM1", "TW I"] == 105 and frame.loc["SK1", "TW I"] == 90
    assert frame["TW II"].isna().all()
    assert frame.loc["BM1", "Indikator"] == formula
    with zipfile.ZipFile(io.BytesIO(workbook)) as book:
        sheet_xml = b"".join(book.read(n) for n in book.namelist() if "worksheets/" in n)
    assert b"<f>" not in sheet_xml
    with pytest.raises(errors.NotAllowed):
        year_report.reports(ctx, p["bm"])


def _second_quarter_to_step_4(ctx: ServiceContext, p: dict[str, int]) -> None:
    """TW II of the same year, through steps 1–3, so that every part is at step 4."""
    run = steps.start_cycle(ctx, p["head"], 2024, 2)
    steps.attach(ctx, p["head"], run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4 a2", "a2.pdf", "application/pdf"))
    steps.issue_memo(ctx, p["head"], run.run_id)
    briefing = [t for t in tasks.open_tasks(ctx, p["secretary"]) if t.step is StepKey.BRIEFING]
    steps.record_briefing(ctx, p["secretary"], briefing[0].run_id, meeting_date=date(2024, 4, 1),
                          attendee_ids=[p["team"]], directions="Isi", attachment_id=None)
    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.PREPARE_FORMS))


def _revise_with_lower_case_codes(ctx: ServiceContext) -> None:
    """A PK Perubahan (version 2) that writes every indicator code in lower case."""
    with Session(ctx.engine) as session:
        first = session.exec(select(PerformanceAgreement)).one()
        revised = PerformanceAgreement(agency_id=first.agency_id, year=first.year, version=2,
                                       imported_at=first.imported_at)
        session.add(revised)
        session.flush()
        goals = {}
        for goal in session.exec(select(StrategicGoal)).all():
            goals[goal.id] = StrategicGoal(agreement_id=revised.id, code=goal.code,
                                           name=goal.name)
            session.add(goals[goal.id])
        session.flush()
        for indicator in session.exec(select(Indicator)).all():
            copy = Indicator.model_validate(indicator.model_dump(exclude={"id"}))
            copy.agreement_id, copy.code = revised.id, indicator.code.lower()
            copy.goal_id = goals[indicator.goal_id].id
            session.add(copy)
        session.commit()


@pytest.mark.parametrize("revised", [False, True], ids=["same PK", "PK Perubahan, codes a1"])
def test_a_later_quarter_adds_up_the_earlier_ones(ctx: ServiceContext,
                                                  at_step_4: dict[str, int],
                                                  revised: bool) -> None:
    """BM1 (akumulasi, cumulative targets 10/20/30/40 km) and BM2 (turun, nilai akhir)."""
    p = at_step_4
    q1 = _task(ctx, p["bm"], StepKey.FILL_IN)
    first = {i.code: i.indicator_id for i in realization.part_sheet(ctx, p["bm"], q1).indicators}
    realization.save_value(ctx, p["bm"], q1, first["BM1"], "10,5")
    realization.save_value(ctx, p["bm"], q1, first["BM2"], "9")
    if revised:
        _revise_with_lower_case_codes(ctx)
    _second_quarter_to_step_4(ctx, p)
    q2 = next(t.run_id for t in tasks.open_tasks(ctx, p["bm"])
              if t.step is StepKey.FILL_IN and t.run_id != q1)
    second = realization.part_sheet(ctx, p["bm"], q2).indicators
    ids = {i.code.upper(): i.indicator_id for i in second}
    realization.save_value(ctx, p["bm"], q2, ids["BM1"], "9")
    realization.save_value(ctx, p["bm"], q2, ids["BM2"], "8")
    with Session(ctx.engine) as session:
        cycle = session.exec(select(MeasurementCycle).where(MeasurementCycle.quarter == 2)).one()
        rows = {r.code.upper(): r for r in realization.report_rows(session, cycle)[0]}
    bm1, bm2 = rows["BM1"], rows["BM2"]
    # BM1: 9 of the quarter's 10 km (20 − 10) = 90 %; 10,5 + 9 = 19,5 of 20 km to date = 97,5 %.
    assert (bm1.quarter_target, bm1.realization, bm1.realization_to_date) == (10, 9, D("19.5"))
    assert (bm1.achievement, bm1.achievement_to_date) == (90, D("97.5"))
    # BM2 (lower is better, the latest value counts): 8 against 10 → (2·10 − 8) / 10 = 120 %.
    assert (bm2.realization_to_date, bm2.achievement_to_date) == (8, 120)
    _, workbook, _ = year_report.year_trend(ctx, p["head"], 2024)
    trend = pd.read_excel(io.BytesIO(workbook))
    assert len(trend) == 3, "one row per indicator, whatever the case of its code"


def test_a_quarter_never_reported_is_named_in_the_reports(ctx: ServiceContext,
                                                          at_step_4: dict[str, int]) -> None:
    """TW I is left empty: TW II's figures up to the quarter cannot include it, and say so."""
    p = at_step_4
    run = steps.start_cycle(ctx, p["head"], 2024, 2)
    with Session(ctx.engine) as session:
        cycle = session.exec(select(MeasurementCycle).where(MeasurementCycle.quarter == 2)).one()
        rows = {r.code: r for r in realization.report_rows(session, cycle)[0]}
    assert rows["BM1"].missing_quarters == (1,)
    notes = workbooks.missing_quarter_notes(list(rows.values()))
    # One note for the one cause, naming every indicator it applies to.
    lacking = [code for code, row in rows.items() if row.missing_quarters == (1,)]
    assert notes == [f"{', '.join(lacking)}: realisasi TW I tidak ada, sehingga Realisasi dan "
                     "Capaian s.d. TW tidak mencakupnya."]
    assert "BM1" in lacking
    heading = ReportHeading(agency="Dinas", year=2024, quarter=2)
    book = load_workbook(io.BytesIO(esr.esr_workbook(heading, measurements=tuple(rows.values()),
                                                     finances=())))
    cells = {c.value for row in book[esr.ESR_SHEET].iter_rows() for c in row}
    assert notes[0] in cells
    assert run.run_id


def test_the_chat_asks_for_the_quarter_s_own_amount_against_its_own_target(
        ctx: ServiceContext, at_step_4: dict[str, int]) -> None:
    """BM1 is akumulasi with cumulative targets 10/20/30/40: in TW II the official reports the
    quarter's own kilometres and they are measured against 20 − 10 = 10."""
    p = at_step_4
    _second_quarter_to_step_4(ctx, p)
    q2 = [t.run_id for t in tasks.open_tasks(ctx, p["bm"]) if t.step is StepKey.FILL_IN][-1]
    bm1 = next(i for i in realization.part_sheet(ctx, p["bm"], q2).indicators if i.code == "BM1")
    assert (bm1.quarter_target, bm1.target_to_date) == (10, 20)
    prompt = texts.ask_value(1, 2, bm1.name, bm1.unit, "Triwulan II 2024", "10", "40",
                             bm1.accumulation, "20", None, "12")
    assert "Target Triwulan II 2024: 10 (s.d. Triwulan II 2024: 20)" in prompt
    assert "bukan jumlah sejak awal tahun" in prompt
    with Session(ctx.engine) as session:
        form = session.exec(select(Document).where(
            Document.kind == "form", Document.original_name.contains("TW2"),
            Document.original_name.contains("Bina"))).one()
    sheet = load_workbook(io.BytesIO(ctx.store.read(form.path)))["Kinerja"]
    assert sheet["B6"].value == "BM1" and sheet["G6"].value == 10, "the form shows it too"
