"""Step 4 with a Perjanjian Kinerja, through the services: per-indicator figures, capaian,
evidence, money, the Excel form both ways, and a part returned by the Tim SAKIP."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import texts
from bot.domain import errors
from bot.domain.numbers import InvalidNumber
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import fill_in, provisioning, realization, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from reports import forms
from storage import agencies
from storage.documents import FileStore
from storage.models import (
    AuditEvent,
    BudgetItem,
    Document,
    Indicator,
    IndicatorRealization,
    MeasurementCycle,
    PerformanceAgreement,
    StrategicGoal,
)

YEAR = 2024
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(YEAR, 4, 1, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=Clock())


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, int]:
    agency = provisioning.init_agency(ctx, "Dinas BMCKTR", "bmcktr", ["Bina Marga"])
    spec = {"head": [(Role.HEAD, None)], "secretary": [(Role.SECRETARY, None)],
            "team": [(Role.SAKIP_TEAM, None)], "bm": [(Role.DIVISION, "Bina Marga")]}
    ids = {key: provisioning.add_user(ctx, name=key.title(), roles=roles,
                                      telegram_id=500 + i).id
           for i, (key, roles) in enumerate(spec.items())}
    with Session(ctx.engine) as session:
        assert agency.id is not None
        bm = agencies.get_division_by_name(session=session, agency_id=agency.id,
                                           name="Bina Marga")
        sekretariat = agencies.secretariat(session=session, agency_id=agency.id)
        pk = PerformanceAgreement(agency_id=agency.id, year=YEAR, imported_at=Clock().now)
        session.add(pk)
        session.flush()
        goal = StrategicGoal(agreement_id=pk.id, code="S1", name="Jalan mantap")
        session.add(goal)
        session.flush()
        session.add_all([
            Indicator(agreement_id=pk.id, goal_id=goal.id, division_id=bm.id, code="BM1",
                      name="Panjang jalan ditingkatkan", unit="km", decimals=2,
                      cumulative_targets=True, annual_target=Decimal(40),
                      target_q1=Decimal(10), target_q2=Decimal(20), target_q3=Decimal(30),
                      target_q4=Decimal(40), position=1),
            Indicator(agreement_id=pk.id, goal_id=goal.id, division_id=bm.id, code="BM2",
                      name="Jalan kondisi rusak", unit="%", direction="turun",
                      accumulation="nilai_akhir", decimals=1, annual_target=Decimal(10),
                      target_q1=Decimal(10), target_q2=Decimal(10), target_q3=Decimal(10),
                      target_q4=Decimal(10), position=2),
            Indicator(agreement_id=pk.id, goal_id=goal.id, division_id=sekretariat.id,
                      code="SK1", name="Nilai SAKIP", unit="nilai", decimals=2,
                      accumulation="nilai_akhir", annual_target=Decimal(80),
                      target_q1=Decimal(80), target_q2=Decimal(80), target_q3=Decimal(80),
                      target_q4=Decimal(80), position=3),
            BudgetItem(agreement_id=pk.id, division_id=bm.id, level="sub_kegiatan",
                       code="1.03.10.2.01", name="Rehabilitasi Jalan",
                       budget=Decimal(1_000_000_000), target_q1=Decimal(250_000_000)),
        ])
        session.commit()
    return ids


def _task(ctx: ServiceContext, user_id: int, key: StepKey) -> int:
    return next(t.run_id for t in tasks.open_tasks(ctx, user_id) if t.step is key)


def _pdf(name: str) -> Upload:
    return Upload(f"%PDF-1.4 {name}".encode(), name, "application/pdf")


@pytest.fixture
def at_step_4(ctx: ServiceContext, people: dict[str, int]) -> dict[str, int]:
    run = steps.start_cycle(ctx, people["head"], YEAR, 1)
    steps.attach(ctx, people["head"], run.run_id, DocumentKind.ANALYSIS_REPORT, _pdf("a.pdf"))
    steps.issue_memo(ctx, people["head"], run.run_id)
    steps.record_briefing(ctx, people["secretary"], _task(ctx, people["secretary"],
                                                          StepKey.BRIEFING),
                          meeting_date=date(YEAR, 4, 1), attendee_ids=[people["team"]],
                          directions="Isi", attachment_id=None)
    steps.confirm(ctx, people["team"], _task(ctx, people["team"], StepKey.PREPARE_FORMS))
    return people


def _complete_bina_marga(ctx: ServiceContext, p: dict[str, int]) -> int:
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    sheet = realization.part_sheet(ctx, p["bm"], part)
    bm1, bm2 = sheet.indicators
    realization.save_value(ctx, p["bm"], part, bm1.indicator_id, "10,5")
    realization.save_value(ctx, p["bm"], part, bm2.indicator_id, "8")
    for item in (bm1, bm2):
        realization.add_evidence(ctx, p["bm"], part, item.indicator_id, _pdf(f"{item.code}.pdf"))
    realization.save_financial(ctx, p["bm"], part, sheet.financials[0].item_id, "Rp 200 jt")
    return part


def test_cycle_keeps_its_agreement_and_forms_carry_the_targets(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    with Session(ctx.engine) as session:
        cycle = session.exec(select(MeasurementCycle)).one()
        assert cycle.agreement_id is not None
        form = session.exec(select(Document).where(Document.kind == "form",
                                                   Document.original_name.contains("Bina"))).one()
    book = load_workbook(io.BytesIO(ctx.store.read(form.path)))
    sheet = book[forms.PERFORMANCE_SHEET]
    rows = list(sheet.iter_rows(min_row=forms.HEADER_ROW + 1, values_only=True))
    assert [r[1] for r in rows] == ["BM1", "BM2"]
    assert rows[0][6] == 10 and rows[0][5] == 40, "quarter and yearly targets are pre-filled"
    assert sheet.protection.sheet and not sheet["H6"].protection.locked
    assert sheet["G6"].protection.locked
    assert book[forms.MONEY_SHEET]["D6"].value == 1_000_000_000


def test_figures_capaian_and_what_is_missing(ctx: ServiceContext,
                                            at_step_4: dict[str, int]) -> None:
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    sheet = realization.part_sheet(ctx, p["bm"], part)
    bm1 = sheet.indicators[0]
    assert sheet.next_item() == bm1 and bm1.missing == ["value", "evidence"]
    item = realization.save_value(ctx, p["bm"], part, bm1.indicator_id, "7,5")
    assert item.value == Decimal("7.5") and item.achievement == Decimal(75)
    assert item.missing == ["obstacles", "follow_up", "evidence"]
    with pytest.raises(InvalidNumber):
        realization.save_value(ctx, p["bm"], part, bm1.indicator_id, "tujuh")
    with pytest.raises(InvalidNumber):
        realization.save_value(ctx, p["bm"], part, bm1.indicator_id, "7,555")
    kept = realization.part_sheet(ctx, p["bm"], part).indicators[0]
    assert kept.value == Decimal("7.5"), "a bad figure keeps the last valid one"
    realization.save_text(ctx, p["bm"], part, bm1.indicator_id, "obstacles", "Hujan")
    item = realization.save_text(ctx, p["bm"], part, bm1.indicator_id, "follow_up", "Lembur")
    first = realization.add_evidence(ctx, p["bm"], part, bm1.indicator_id, _pdf("foto.pdf")).doc
    added = realization.add_evidence(ctx, p["bm"], part, bm1.indicator_id, _pdf("foto.pdf"))
    again = added.doc
    assert not first.duplicate and again.duplicate and again.document_id == first.document_id
    assert [d.document_id for d in added.item.evidence] == [first.document_id]
    bm2 = realization.save_value(ctx, p["bm"], part, sheet.indicators[1].indicator_id, "8")
    assert bm2.achievement == Decimal(120), "turun: (2T − R) / T"
    money = realization.save_financial(ctx, p["bm"], part, sheet.financials[0].item_id,
                                       "Rp 250.000.000")
    assert money.absorption == Decimal(25)


def test_submission_needs_every_item_and_writes_a_filled_draft(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    with pytest.raises(errors.InvalidInput) as refused:
        fill_in.submit_part(ctx, p["bm"], part)
    assert refused.value.params["reason"] == "part_incomplete"
    assert any("BM1" in line for line in refused.value.params["missing"])
    _complete_bina_marga(ctx, p)
    fill_in.submit_part(ctx, p["bm"], part)
    with Session(ctx.engine) as session:
        draft = session.exec(select(Document).where(Document.kind == "draft")).one()
    filled = forms.read_form(ctx.store.read(draft.path))
    assert [(r.code, r.value) for r in filled.rows] == [("BM1", 10.5), ("BM2", 8)]
    assert filled.money[0].amount == 200_000_000


def _bina_marga_form(ctx: ServiceContext) -> Workbook:
    """The step-3 form Bina Marga received, opened for filling in."""
    with Session(ctx.engine) as session:
        form = session.exec(select(Document).where(Document.kind == "form",
                                                   Document.original_name.contains("Bina"))).one()
    return load_workbook(io.BytesIO(ctx.store.read(form.path)))


def test_filled_form_is_imported_whole_or_not_at_all(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    book = _bina_marga_form(ctx)
    sheet = book[forms.PERFORMANCE_SHEET]
    sheet["H6"], sheet["H7"], sheet["J6"] = "9,5", "sepuluh", "Cuaca"
    broken = io.BytesIO()
    book.save(broken)
    with pytest.raises(realization.FormInvalid) as refused:
        realization.import_form(ctx, p["bm"], part, broken.getvalue())
    assert [(s, r, c) for s, r, c, _ in refused.value.params["problems"]] == [
        ("Kinerja", 7, "H")]
    with Session(ctx.engine) as session:
        assert session.exec(select(IndicatorRealization)).all() == []
    sheet["H7"] = 8
    book[forms.MONEY_SHEET]["F6"] = "Rp 300.000.000"
    fixed = io.BytesIO()
    book.save(fixed)
    imported = realization.import_form(ctx, p["bm"], part, fixed.getvalue())
    assert [i.value for i in imported.indicators] == [Decimal("9.5"), Decimal(8)]
    assert imported.indicators[0].obstacles == "Cuaca"
    assert imported.financials[0].amount == Decimal(300_000_000)
    with pytest.raises(realization.FormInvalid) as other:
        realization.import_form(ctx, p["bm"], part, b"not a workbook")
    assert other.value.params["reason"] == "not_xlsx"


def test_an_indicator_listed_twice_in_a_form_keeps_one_realisation_with_its_last_row(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    """An official who copies a row to try another figure: the lower row is the one kept."""
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    book = _bina_marga_form(ctx)
    sheet = book[forms.PERFORMANCE_SHEET]
    sheet["H6"], sheet["J6"], sheet["H7"] = "9,5", "Cuaca", 8
    sheet["B8"], sheet["H8"] = "BM1", "11"
    typed = io.BytesIO()
    book.save(typed)
    imported = realization.import_form(ctx, p["bm"], part, typed.getvalue())
    assert [(i.code, i.value, i.obstacles) for i in imported.indicators] == [
        ("BM1", Decimal(11), "Cuaca"), ("BM2", Decimal(8), None)]
    with Session(ctx.engine) as session:
        assert len(session.exec(select(IndicatorRealization)).all()) == 2


def test_tim_sakip_returns_one_part(ctx: ServiceContext, at_step_4: dict[str, int]) -> None:
    p = at_step_4
    bina_marga_first = _complete_bina_marga(ctx, p)
    fill_in.submit_part(ctx, p["bm"], bina_marga_first)
    secretariat = _task(ctx, p["secretary"], StepKey.FILL_IN)
    sk1 = realization.part_sheet(ctx, p["secretary"], secretariat).indicators[0]
    realization.save_value(ctx, p["secretary"], secretariat, sk1.indicator_id, "82")
    realization.add_evidence(ctx, p["secretary"], secretariat, sk1.indicator_id, _pdf("lke.pdf"))
    fill_in.submit_part(ctx, p["secretary"], secretariat)
    compile_run = _task(ctx, p["team"], StepKey.COMPILE)
    preview = steps.preview(ctx, p["team"], compile_run)
    bina_marga = dict((name, i) for i, name in preview.returnable)["Bina Marga"]
    assert steps.return_part(ctx, p["team"], compile_run, bina_marga, "Foto kurang") == (
        "Bina Marga")
    with pytest.raises(errors.PartsOpen):
        steps.confirm(ctx, p["team"], compile_run)
    reopened = _task(ctx, p["bm"], StepKey.FILL_IN)
    assert realization.part_sheet(ctx, p["bm"], reopened).run.note == "Foto kurang"
    # The first round's ▶️ Mulai, still on the phone, opens the part's newest round.
    first_round = realization.part_sheet(ctx, p["bm"], bina_marga_first).run
    assert (first_round.run_id, first_round.round) == (reopened, 2)
    fill_in.submit_part(ctx, p["bm"], reopened)
    assert [t.step for t in tasks.open_tasks(ctx, p["team"])] == [StepKey.COMPILE]
    steps.confirm(ctx, p["team"], compile_run)


def test_compiled_report_holds_every_figure(ctx: ServiceContext,
                                            at_step_4: dict[str, int]) -> None:
    import pandas as pd

    p = at_step_4
    fill_in.submit_part(ctx, p["bm"], _complete_bina_marga(ctx, p))
    secretariat = _task(ctx, p["secretary"], StepKey.FILL_IN)
    sk1 = realization.part_sheet(ctx, p["secretary"], secretariat).indicators[0]
    realization.save_value(ctx, p["secretary"], secretariat, sk1.indicator_id, "72")
    realization.save_text(ctx, p["secretary"], secretariat, sk1.indicator_id, "obstacles",
                          "=SUM(A1)")
    realization.save_text(ctx, p["secretary"], secretariat, sk1.indicator_id, "follow_up", "+1")
    realization.add_evidence(ctx, p["secretary"], secretariat, sk1.indicator_id, _pdf("lke.pdf"))
    fill_in.submit_part(ctx, p["secretary"], secretariat)
    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.COMPILE))
    with Session(ctx.engine) as session:
        reports = session.exec(select(Document).where(Document.kind == "report")).all()
    assert sorted(r.mime_type for r in reports) == ["application/pdf", XLSX_MIME], (
        "the report as a workbook and as a PDF")
    report = next(r for r in reports if r.mime_type == XLSX_MIME)
    data = io.BytesIO(ctx.store.read(report.path))
    frame = pd.read_excel(data, sheet_name="Kinerja", header=4)
    rows = {r["Kode"]: r for r in frame.to_dict("records")}
    assert rows["BM1"]["Realisasi TW"] == 10.5 and rows["BM1"]["Capaian TW (%)"] == 105
    # Annual progress beside it: 10,5 of the year's 40 km.
    assert rows["BM1"]["Capaian thd Target Tahunan (%)"] == pytest.approx(26.25)
    assert rows["BM2"]["Capaian TW (%)"] == 120
    assert rows["SK1"]["Capaian TW (%)"] == 90 and rows["SK1"]["Data Dukung"] == "lke.pdf"
    money = pd.read_excel(data, sheet_name="Keuangan", header=4).to_dict("records")
    assert money[0]["Realisasi Anggaran (Rp)"] == 200_000_000 and money[0]["Serapan (%)"] == 20
    book = load_workbook(data)
    obstacles = book["Kinerja"].cell(row=8, column=13)
    assert obstacles.data_type == "s" and str(obstacles.value).endswith("=SUM(A1)")


def test_a_percentage_typed_in_a_percent_cell_of_the_form_is_read_as_shown(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    book = _bina_marga_form(ctx)
    sheet = book[forms.PERFORMANCE_SHEET]
    assert sheet["B7"].value == "BM2" and sheet["E7"].value == "%"
    sheet["H6"] = 9.5
    sheet["H7"], sheet["H7"].number_format = 0.085, "0.0%"  # Excel's way of keeping 8,5%
    money = book[forms.MONEY_SHEET]["F6"]
    money.value, money.number_format = 0.2, "0%"  # a share, where rupiah are asked
    typed = io.BytesIO()
    book.save(typed)
    with pytest.raises(realization.FormInvalid) as refused:
        realization.import_form(ctx, p["bm"], part, typed.getvalue())
    assert [(s, r, c) for s, r, c, _ in refused.value.params["problems"]] == [
        ("Keuangan", 6, "F")]
    money.value, money.number_format = 200_000_000, "#,##0"
    typed = io.BytesIO()
    book.save(typed)
    imported = realization.import_form(ctx, p["bm"], part, typed.getvalue())
    assert [i.value for i in imported.indicators] == [Decimal("9.5"), Decimal("8.5")]


def test_one_file_may_back_two_indicators_and_is_kept_once_per_indicator(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    bm1, bm2 = realization.part_sheet(ctx, p["bm"], part).indicators
    survey = _pdf("Survei-Jalan.pdf")
    assert not realization.add_evidence(ctx, p["bm"], part, bm1.indicator_id, survey).doc.duplicate
    assert not realization.add_evidence(ctx, p["bm"], part, bm2.indicator_id, survey).doc.duplicate
    assert realization.add_evidence(ctx, p["bm"], part, bm1.indicator_id, survey).doc.duplicate
    after = realization.part_sheet(ctx, p["bm"], part).indicators
    assert [[d.name for d in i.evidence] for i in after] == [["Survei-Jalan.pdf"]] * 2


def test_a_file_is_checked_against_its_own_indicator_not_every_file_of_the_quarter(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    """Whether a file was sent before is asked of its slot: the quarter's evidence grows with
    every file of every division, and each upload used to read all of it."""
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    bm1, bm2 = realization.part_sheet(ctx, p["bm"], part).indicators
    for n in range(30):
        realization.add_evidence(ctx, p["bm"], part, bm2.indicator_id, _pdf(f"lain-{n}.pdf"))
    loaded: list[object] = []

    def counted(_session: Session, instance: object) -> None:
        loaded.append(instance)

    event.listen(Session, "loaded_as_persistent", counted)
    try:
        first = realization.add_evidence(ctx, p["bm"], part, bm1.indicator_id, _pdf("a.pdf"))
        again = realization.add_evidence(ctx, p["bm"], part, bm1.indicator_id, _pdf("a.pdf"))
    finally:
        event.remove(Session, "loaded_as_persistent", counted)
    assert not first.doc.duplicate and again.doc.duplicate
    assert [d.name for d in again.item.evidence] == ["a.pdf"]
    documents = [o for o in loaded if type(o).__name__ == "Document"]
    assert len(documents) <= 4, f"{len(documents)} documents read for two uploads"


def test_spending_far_above_the_pagu_is_refused_and_the_last_amount_kept(
    ctx: ServiceContext, at_step_4: dict[str, int]
) -> None:
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    item = realization.part_sheet(ctx, p["bm"], part).financials[0]  # pagu Rp 1.000.000.000
    realization.save_financial(ctx, p["bm"], part, item.item_id, "Rp 200 jt")
    with pytest.raises(errors.InvalidInput) as refused:
        realization.save_financial(ctx, p["bm"], part, item.item_id, "20 M")
    assert refused.value.params["reason"] == "money_above_budget"
    kept = realization.part_sheet(ctx, p["bm"], part).financials[0]
    assert kept.amount == 200_000_000
    over = realization.save_financial(ctx, p["bm"], part, item.item_id, "1,1 M")
    assert over.absorption == 110, "a little over the pagu is kept, and the chat warns"
    assert "melebihi pagu" in texts.money_saved("Rp 1.100.000.000", "110,00", True)


def test_every_change_of_a_figure_or_a_text_is_audited_with_who_old_and_new(
        ctx: ServiceContext, at_step_4: dict[str, int]) -> None:
    """Two officials of one division typing the same item are both traceable."""
    p = at_step_4
    second = provisioning.add_user(ctx, name="Staf Bina Marga",
                                   roles=[(Role.DIVISION, "Bina Marga")], telegram_id=599).id
    assert second is not None
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    bm1 = realization.part_sheet(ctx, p["bm"], part).indicators[0]
    realization.save_value(ctx, p["bm"], part, bm1.indicator_id, "2")
    realization.save_value(ctx, second, part, bm1.indicator_id, "3")
    realization.save_value(ctx, second, part, bm1.indicator_id, "3")  # the same: no change
    realization.save_text(ctx, p["bm"], part, bm1.indicator_id, "obstacles", "Hujan")
    money = realization.part_sheet(ctx, p["bm"], part).financials[0]
    realization.save_financial(ctx, second, part, money.item_id, "Rp 1.000.000")
    with Session(ctx.engine) as session:
        changes = [(e.action, e.actor_user_id, e.before, e.after)
                   for e in session.exec(select(AuditEvent)).all() if ".changed" in e.action]
    assert changes == [
        ("realization.changed", p["bm"], {"code": "BM1", "value": None, "by": None},
         {"code": "BM1", "value": "2"}),
        ("realization.changed", second, {"code": "BM1", "value": "2", "by": p["bm"]},
         {"code": "BM1", "value": "3"}),
        ("realization.changed", p["bm"], {"code": "BM1", "obstacles": None, "by": second},
         {"code": "BM1", "obstacles": "Hujan"}),
        ("financial.changed", second, {"code": changes[-1][2]["code"], "amount": None,
                                       "by": None},
         {"code": changes[-1][2]["code"], "amount": "1000000"}),
    ]


def test_a_figure_or_a_text_is_saved_after_everything_its_answer_needs_is_read(
        ctx: ServiceContext, at_step_4: dict[str, int]) -> None:
    """On SQLite the file is locked for every other official from a transaction's first write
    to its commit: a save reads what it answers with first, then writes, then commits."""
    p = at_step_4
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    bm1 = realization.part_sheet(ctx, p["bm"], part).indicators[0]
    realization.add_evidence(ctx, p["bm"], part, bm1.indicator_id, _pdf("foto.pdf"))
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.lstrip().split(None, 1)[0].upper())

    saves: list[list[str]] = []

    def save(service, *args):  # type: ignore[no-untyped-def]
        event.listen(ctx.engine, "before_cursor_execute", seen)
        try:
            return service(ctx, p["bm"], part, bm1.indicator_id, *args)
        finally:
            event.remove(ctx.engine, "before_cursor_execute", seen)
            saves.append(statements[:])
            statements.clear()

    first = save(realization.save_value, "10,5")  # a new row
    again = save(realization.save_value, "12")  # a change
    text = save(realization.save_text, "obstacles", "Hujan")
    for made in saves:
        first_write = next(i for i, s in enumerate(made) if s in ("INSERT", "UPDATE"))
        assert "SELECT" not in made[first_write:], made
    # ... and still answers with the item as saved, achievements and evidence included.
    assert (first.value, first.achievement) == (Decimal("10.5"), Decimal("105"))
    assert (again.value, again.achievement) == (Decimal(12), Decimal(120))
    assert (text.value, text.obstacles) == (Decimal(12), "Hujan")
    assert [d.name for d in text.evidence] == ["foto.pdf"]
    assert realization.part_item(ctx, p["bm"], part, bm1.indicator_id) == text
