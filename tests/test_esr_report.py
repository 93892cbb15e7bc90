"""The ESR file (*Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulan N Tahun YYYY*): the
workbook read back cell by cell, the PDF's text, both opened by LibreOffice, and the rows the
service feeds it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session

from bot.services import realization
from reports import esr
from reports.heading import ReportHeading, SignOff
from reports.sheets import FMT_PERCENT, FMT_RUPIAH, FMT_RUPIAH_CENTS
from reports.workbooks import FinanceRow, MeasurementRow
from storage import performance
from storage.models import (
    BudgetItem,
    Indicator,
    MeasurementCycle,
    PerformanceAgreement,
    StrategicGoal,
)
from tests.clock import START, TODAY, written
from tests.conftest import Factory
from tests.test_reports_office import needs_office, needs_pdftotext

CREATED = START  # the documents are dated by the test clock, whatever day the tests run
SIGNED = written(TODAY)
HEAD = "Ir. ERASUKMA MUNAF, ST, MM"
NIP = "197209251998031003"
ROAD, ACCOUNTABILITY = "Meningkatnya kemantapan jalan", "Meningkatnya akuntabilitas"

MEASUREMENTS = (
    MeasurementRow(ROAD, "BM1", "Persentase jalan mantap", "%", "Bina Marga", D("85"), D("10"),
                   D("10.5"), D("30.25"), D("105"), D("100.8333"), "Cuaca hujan",
                   "Tambah jam kerja", "", evidence_files=("lke.pdf", "foto.jpg"), decimals=2),
    MeasurementRow(ROAD, "BM2", "Panjang jalan ditingkatkan", "km", "Bina Marga", D("120"),
                   D("30"), D("36"), D("60"), D("120"), D("87.5"), "", "", "", decimals=1),
    MeasurementRow(ACCOUNTABILITY, "SK1", "Nilai SAKIP", "nilai", "Sekretariat", D("80"),
                   D("80"), D("72"), D("72"), D("90"), D("90"), "=SUM(A1)", "+62 812", "",
                   evidence_files=("@lampiran.pdf",)),
    MeasurementRow(ACCOUNTABILITY, "SK2", "Opini BPK", "opini", "Sekretariat", D("1"), D("1"),
                   None, None, None, None, "", "", ""),
)
MAINTENANCE = FinanceRow(
    "1.03.02.2.01.01", "Pemeliharaan rutin jalan", "Bina Marga", D("1000000000"),
    D("250000000"), D("200000000"), D("20"), program="Program Jalan",
    activity="Penyelenggaraan Jalan", indicator_codes=("BM1",))
REHABILITATION = FinanceRow(  # supports two indicators; codes compared case-free
    "1.03.02.2.01.02", "Rehabilitasi jalan", "Bina Marga", D("500000000"), D("100000000"),
    None, None, program="Program Jalan", activity="Penyelenggaraan Jalan",
    indicator_codes=("bm1", "BM2"))
DOCUMENTS = FinanceRow(  # names a code the table does not hold
    "4.01.01.2.01.01", "Penyusunan dokumen", "Sekretariat", D("150000000.50"), D("30000000"),
    D("45000000"), None, program="=Program Penunjang", indicator_codes=("XX9",))
MEETINGS = FinanceRow("4.01.01.2.01.02", "-Rapat koordinasi", "Sekretariat", D("20000000"),
                      None, D("5000000"), None)
FINANCES = (MAINTENANCE, REHABILITATION, DOCUMENTS, MEETINGS)
HEADING = ReportHeading(agency="Dinas Bina Marga", province="Sumatera Barat", year=2024,
                        quarter=3)
ARGS = dict(measurements=MEASUREMENTS, finances=FINANCES, sign_off=SignOff(
    name=HEAD, rank="Pembina Utama Muda", nip=NIP, place="Padang", day=TODAY,
    approval_note=f"Disetujui oleh Kepala Dinas pada {SIGNED}"))
# Rows of the table: header in 6; BM1 with its two sub-kegiatan in 7-8; BM2 in 9; SK1, SK2 in
# 10-11; the closing group's caption in 12, its two sub-kegiatan in 13-14; the total in 15.
FIRST, CAPTION, TOTAL = 7, 12, 15


@pytest.fixture(scope="module")
def workbook() -> bytes:
    return esr.esr_workbook(HEADING, **ARGS)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sheet(workbook: bytes) -> Worksheet:
    return load_workbook(io.BytesIO(workbook))[esr.ESR_SHEET]


def _approx(value: D) -> object:
    return pytest.approx(float(value), rel=1e-12)


def _texts(sheet: Worksheet) -> list[str]:
    return [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]


# --- the layout ---------------------------------------------------------------------------------
def test_the_headers_name_the_quarter_in_roman_numerals(sheet: Worksheet) -> None:
    columns = esr.esr_columns(3)
    assert len(columns) == 18
    assert columns[5:10] == ("Target TW III", "Realisasi TW III", "Realisasi s.d. TW III",
                             "Capaian TW III (%)", "Capaian s.d. TW III (%)")
    assert [c.value for c in sheet[esr.ESR_HEADER_ROW]] == list(columns)
    assert esr.esr_columns(1)[5] == "Target TW I" and esr.esr_columns(4)[9] == (
        "Capaian s.d. TW IV (%)")
    assert [sheet.cell(row=r, column=1).value for r in range(1, 5)] == [
        "PEMERINTAH PROVINSI SUMATERA BARAT", "DINAS BINA MARGA",
        "REALISASI RENCANA AKSI AKUNTABILITAS KINERJA", "TRIWULAN III TAHUN 2024"]
    assert esr.esr_title(2024, 3) == (
        "Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulan III Tahun 2024")


def test_indicators_are_grouped_by_goal_and_linked_by_code() -> None:
    interleaved = (MEASUREMENTS[0], MEASUREMENTS[2], MEASUREMENTS[1])
    layout = esr.esr_layout(interleaved, FINANCES)
    assert [g.goal for g in layout.goals] == [ROAD, ACCOUNTABILITY]
    blocks = [b for g in layout.goals for b in g.blocks]
    assert [(b.number, b.row.code) for b in blocks] == [(1, "BM1"), (2, "BM2"), (3, "SK1")]
    assert [b.lines for b in blocks] == [(MAINTENANCE, REHABILITATION), (REHABILITATION,), ()]
    assert layout.unlinked == (DOCUMENTS, MEETINGS)
    assert esr.program_path(MAINTENANCE) == (
        "Program Jalan › Penyelenggaraan Jalan › 1.03.02.2.01.01 Pemeliharaan rutin jalan")
    assert esr.program_path(MEETINGS) == "4.01.01.2.01.02 -Rapat koordinasi"


# --- the workbook -------------------------------------------------------------------------------
def test_every_indicator_figure_is_in_the_workbook(sheet: Worksheet) -> None:
    rows = {sheet.cell(row=r, column=3).value: r for r in range(FIRST, CAPTION)}
    assert list(rows) == ["Persentase jalan mantap", None, "Panjang jalan ditingkatkan",
                          "Nilai SAKIP", "Opini BPK"], "a sub-row's indicator cell is merged"
    for number, m in enumerate(MEASUREMENTS, 1):
        row = rows[m.indicator]
        cells = {c.column: c for c in sheet[row]}
        assert cells[1].value == number and cells[4].value == m.unit
        figures = (m.annual_target, m.quarter_target, m.realization, m.realization_to_date,
                   m.achievement, m.achievement_to_date)
        for column, value in enumerate(figures, 5):
            if value is None:
                assert cells[column].value == "-", (m.code, column)
            else:
                assert cells[column].value == _approx(value), (m.code, column)
        assert cells[15].value == (m.obstacles or "-")
        assert cells[16].value == (m.follow_up or "-")
        assert cells[17].value == m.division
        assert cells[18].value == ("\n".join(m.files()) or "-")
    bm1, bm2 = sheet[rows["Persentase jalan mantap"]], sheet[rows["Panjang jalan ditingkatkan"]]
    assert bm1[4].number_format == "#,##0.00" and bm1[6].number_format == "#,##0.00"
    assert bm2[4].number_format == "#,##0.0", "each figure shows its indicator's decimals"
    assert bm1[8].number_format == FMT_PERCENT == "#,##0.00"
    assert sheet.cell(row=rows["Nilai SAKIP"], column=2).value == ACCOUNTABILITY


def test_each_indicator_lists_its_sub_kegiatan_with_the_money(sheet: Worksheet) -> None:
    def money(row: int) -> list[object]:
        return [sheet.cell(row=row, column=c).value for c in range(11, 15)]

    assert money(7) == [esr.program_path(MAINTENANCE), 1_000_000_000, 200_000_000, 20]
    assert money(8) == [esr.program_path(REHABILITATION), 500_000_000, "-", "-"]
    # It supports BM2 too, on the next row: written once and merged down, as a signed RRA.
    assert money(9) == [None, None, None, None]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"K8:K9", "L8:L9", "M8:M9", "N8:N9"} <= merged
    assert money(10) == money(11) == ["-", "-", "-", "-"], "no sub-kegiatan: - in the money"
    assert sheet.cell(row=7, column=12).number_format == FMT_RUPIAH == '"Rp "#,##0'
    assert sheet.cell(row=7, column=14).number_format == FMT_PERCENT


def test_the_indicator_and_goal_cells_are_merged_over_their_rows(sheet: Worksheet) -> None:
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for letter in "ACDEFGHIJOPQR":
        assert f"{letter}7:{letter}8" in merged, letter
    assert not any(r.startswith(("K7", "L7", "M7", "N7")) for r in merged), "sub-rows stay apart"
    assert {"B7:B9", "B10:B11"} <= merged, "the goal spans its indicators"
    assert sheet["B7"].value == ROAD and sheet["B10"].value == ACCOUNTABILITY
    assert {f"A{CAPTION}:R{CAPTION}", f"A{TOTAL}:K{TOTAL}", f"O{TOTAL}:R{TOTAL}"} <= merged
    for top in ("A1", "A2", "A3", "A4"):
        assert f"{top}:R{top[1:]}" in merged
    assert sheet.row_dimensions[7].height or sheet.row_dimensions[8].height, (
        "rows under a merged, wrapped cell are given room")


def test_sub_kegiatan_without_an_indicator_close_the_table(sheet: Worksheet) -> None:
    assert sheet.cell(row=CAPTION, column=1).value == esr.UNLINKED
    kept = [[sheet.cell(row=r, column=c).value for c in (11, 12, 13, 14, 17)]
            for r in (CAPTION + 1, CAPTION + 2)]
    assert kept[0][0] == "=Program Penunjang › 4.01.01.2.01.01 Penyusunan dokumen"
    assert kept[0][1:] == [_approx(D("150000000.5")), 45_000_000,
                           _approx(D(45_000_000) / D("150000000.5") * 100), "Sekretariat"]
    assert kept[1] == ["4.01.01.2.01.02 -Rapat koordinasi", 20_000_000, 5_000_000, 25,
                       "Sekretariat"]
    assert sheet.cell(row=CAPTION + 1, column=12).number_format == FMT_RUPIAH_CENTS
    assert all(sheet.cell(row=CAPTION + 1, column=c).value is None for c in range(1, 11))


def test_the_total_counts_each_sub_kegiatan_once(sheet: Worksheet) -> None:
    listed = [sheet.cell(row=r, column=12).value for r in range(FIRST, TOTAL)]
    budgets = [v for v in listed if isinstance(v, int | float)]
    # The shared sub-kegiatan stands once, merged over the rows of both its indicators.
    assert len(budgets) == 4
    budget = sum((f.budget or D(0) for f in FINANCES), D(0))
    spent = sum((f.realization or D(0) for f in FINANCES), D(0))
    assert budget == D("1670000000.50") and spent == D(250_000_000)
    assert sum(budgets) == budget
    total = [sheet.cell(row=TOTAL, column=c).value for c in (1, 12, 13, 14)]
    assert total == [esr.TOTAL_LABEL, _approx(budget), _approx(spent),
                     _approx(spent / budget * 100)]
    assert sheet.cell(row=TOTAL, column=12).font.bold
    assert sheet.max_row > TOTAL, "notes and signature follow the table"


def test_typed_text_stays_text_never_a_formula(workbook: bytes, sheet: Worksheet) -> None:
    typed = {(10, 15): "=SUM(A1)", (10, 16): "+62 812", (10, 18): "@lampiran.pdf",
             (CAPTION + 2, 11): "4.01.01.2.01.02 -Rapat koordinasi",
             (CAPTION + 1, 11): "=Program Penunjang › 4.01.01.2.01.01 Penyusunan dokumen"}
    for (row, column), text in typed.items():
        cell = sheet.cell(row=row, column=column)
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix, text
    dash = sheet.cell(row=11, column=7)
    assert dash.value == "-" and dash.data_type == "s", "a missing figure is the text -"
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist()
                         if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets, "no formula anywhere in the file"


def test_the_sheet_prints_as_a_government_report(workbook: bytes, sheet: Worksheet) -> None:
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$6:$6" and sheet.freeze_panes == "D7"
    header = sheet.cell(row=esr.ESR_HEADER_ROW, column=1)
    assert header.font.bold and header.fill.fgColor.rgb.endswith("1F4E78")
    assert sheet.cell(row=7, column=15).alignment.wrap_text
    assert sheet.cell(row=7, column=15).border.left.style == "thin"
    assert (sheet.column_dimensions["K"].width or 0) >= 30
    texts = _texts(sheet)
    for expected in (f"Padang, {SIGNED}", "Kepala Dinas,", HEAD, "Pembina Utama Muda",
                     "NIP. 19720925 199803 1 003",
                     f"Disetujui oleh Kepala Dinas pada {SIGNED}", *esr.NOTES):
        assert expected in texts, expected
    index = pd.read_excel(io.BytesIO(workbook), sheet_name=esr.EVIDENCE_SHEET, header=4)
    assert list(index["Nama Berkas"]) == ["lke.pdf", "foto.jpg", "@lampiran.pdf"]
    assert list(index["Kode"]) == ["BM1", "BM1", "SK1"]


def test_an_empty_quarter_still_gives_a_table_and_no_signature_without_a_head() -> None:
    data = esr.esr_workbook(ReportHeading(agency="Dinas X", year=2024, quarter=1), measurements=(),
                            finances=(MEETINGS,))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [esr.ESR_SHEET]
    sheet = book[esr.ESR_SHEET]
    assert sheet["A1"].value == "DINAS X" and sheet["A3"].value == "TRIWULAN I TAHUN 2024"
    assert sheet["A7"].value == esr.UNLINKED and sheet["K8"].value == esr.program_path(MEETINGS)
    assert sheet["A9"].value == esr.TOTAL_LABEL and sheet["L9"].value == 20_000_000
    assert "Kepala Dinas," not in _texts(sheet)


# --- the PDF ------------------------------------------------------------------------------------
def _pdftotext(path: Path) -> list[str]:
    """The text of each page in the order it was written, whitespace collapsed: a wrapped
    cell reads as one line."""
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f") if page.strip()]


@needs_pdftotext
def test_the_pdf_holds_the_figures_in_indonesian_format_and_the_signer(tmp_path: Path) -> None:
    path = tmp_path / "esr.pdf"
    data = esr.esr_pdf(HEADING, **ARGS, created_at=CREATED)  # type: ignore[arg-type]
    path.write_bytes(data)
    assert re.search(rb"/MediaBox \[0 0 841\.89 595\.28\]", data), "A4 landscape"
    text = " ".join(_pdftotext(path))
    for expected in ("PEMERINTAH PROVINSI SUMATERA BARAT", "DINAS BINA MARGA",
                     "REALISASI RENCANA AKSI AKUNTABILITAS KINERJA", "TRIWULAN III TAHUN 2024",
                     "Target TW III", "Capaian s.d. TW III (%)", "Persentase jalan mantap",
                     "85,00", "10,50", "30,25", "105,00", "100,83", "87,50", "120,0", "36,0",
                     "Pagu Anggaran (Rp)", "1.000.000.000", "200.000.000", "150.000.000,50",
                     "30,00", "1.670.000.000,50", "250.000.000", "14,97", "JUMLAH", "=SUM(A1)",
                     "+62 812", esr.UNLINKED, "Rehabilitasi jalan",
                     f"Disetujui oleh Kepala Dinas pada {SIGNED}",
                     f"Padang, {SIGNED}", "Kepala Dinas,", HEAD, "Pembina Utama Muda",
                     "NIP. 19720925 199803 1 003"):
        assert expected in text, expected
    assert "1.670.000.000,5 " not in text and "100,8333" not in text
    # As a signed RRA: each goal written once over its indicators, and the sub-kegiatan that
    # supports BM1 and BM2 once over their two rows.
    assert text.count(ROAD) == 1 and text.count(ACCOUNTABILITY) == 1
    assert text.count("Rehabilitasi jalan") == 1 and text.count("500.000.000") == 1
    assert "@lampiran.pdf" in text.replace(" ", ""), "a file name may break inside its cell"
    assert esr.esr_pdf(HEADING, **ARGS, created_at=CREATED) == data, "same input, same bytes"  # type: ignore[arg-type]


@needs_pdftotext
def test_a_long_pdf_repeats_the_header_and_keeps_every_sub_kegiatan(tmp_path: Path) -> None:
    many = tuple(MeasurementRow(ROAD, f"IK{i}", f"Indikator nomor {i}", "%", "Bina Marga",
                                D(100), D(25), D(i), D(i), D(i * 4), D(i), "", "", "")
                 for i in range(1, 31))
    lines = tuple(FinanceRow(f"9.99.{i:02d}", f"Sub kegiatan {i}", "Bina Marga", D(1000), None,
                             D(10), None, indicator_codes=("IK1",)) for i in range(1, 61))
    path = tmp_path / "long.pdf"
    path.write_bytes(esr.esr_pdf(ReportHeading(agency="Dinas X", year=2024, quarter=2),
                                 measurements=many, finances=lines, sign_off=SignOff(name=HEAD)))
    pages = _pdftotext(path)
    assert len(pages) >= 4
    for number, page in enumerate(pages, 1):
        assert f"Halaman {number} dari {len(pages)}" in page
        if "Indikator nomor" in page or "JUMLAH" in page:  # the table runs on this page
            assert "Indikator Kinerja" in page and "Realisasi s.d. TW II" in page, number
    text = " ".join(pages)
    assert all(f"9.99.{i:02d} Sub kegiatan {i} 1.000 10 1,00" in text
               for i in range(1, 61))
    assert "Indikator nomor 1 (lanjutan)" in text, "a long block is cut into page-sized parts"
    # The goal spans all thirty indicators: cut at each page break, written again on the next.
    table_pages = [page for page in pages if "Indikator nomor" in page]
    assert [page.count(ROAD) for page in table_pages] == [1] * len(table_pages)
    assert "Indikator nomor 30" in text and "60.000 600 1,00" in text
    assert HEAD in pages[-1]
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    bottoms = [float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', bbox)]
    footer, limit = 595.28 - 28, 595.28 - 42.52  # the page number's line; the bottom margin
    assert bottoms and all(y <= limit + 1 or y > footer for y in bottoms), (
        "no cell runs into the bottom margin")


@needs_pdftotext
def test_text_too_tall_for_a_page_is_cut_in_the_pdf_and_kept_in_the_workbook(
    tmp_path: Path,
) -> None:
    listing = "\n".join(f"r{i:03d}" for i in range(1, 151))  # 150 short lines
    files = tuple(f"f{i}.pdf" for i in range(1, 81))
    row = MeasurementRow(ROAD, "BM1", "Jalan", "km", "Bina Marga", D(1), D(1), D(1), D(1),
                         D(100), D(100), listing, "", "", evidence_files=files)
    path = tmp_path / "cut.pdf"
    path.write_bytes(esr.esr_pdf(ReportHeading(agency="Dinas X", year=2024, quarter=1),
                                 measurements=(row,), finances=()))
    text = " ".join(_pdftotext(path))
    assert "r001 r002" in text and "r029" in text and "r031" not in text
    assert esr.CUT_NOTE in text
    heading = ReportHeading(agency="Dinas X", year=2024, quarter=1)
    sheet = load_workbook(io.BytesIO(esr.esr_workbook(heading, measurements=(row,),
                                                      finances=())))[esr.ESR_SHEET]
    assert sheet["O7"].value == listing and sheet["R7"].value == "\n".join(files)
    assert sheet.row_dimensions[7].height == 409, "as tall as a row may be"


# --- LibreOffice --------------------------------------------------------------------------------
def _soffice(tmp_path: Path, source: Path, target: str) -> Path:
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", target, "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "out" / f"{source.stem}.{target}"
    assert converted.exists(), result.stdout
    return converted


@needs_office
def test_the_workbook_converts_in_libreoffice(tmp_path: Path, workbook: bytes) -> None:
    source = tmp_path / "esr.xlsx"
    source.write_bytes(workbook)
    converted = _soffice(tmp_path, source, "pdf")
    assert converted.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = " ".join(_pdftotext(converted))
        for expected in ("=SUM(A1)", "Target TW III", esr.UNLINKED, HEAD):
            assert expected in text, expected


@needs_office
def test_the_pdf_opens_in_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "esr.pdf"
    source.write_bytes(esr.esr_pdf(HEADING, **ARGS))  # type: ignore[arg-type]
    assert _soffice(tmp_path, source, "png").read_bytes().startswith(b"\x89PNG")


# --- the rows from the database -----------------------------------------------------------------
def test_report_rows_carry_the_indicator_codes_of_each_sub_kegiatan(
    session: Session, factory: Factory
) -> None:
    agency = factory.agency(("Bina Marga",))
    division = factory.division(agency, "Bina Marga")
    head = factory.user(agency, "Kepala")
    assert agency.id is not None and division.id is not None and head.id is not None
    pk = PerformanceAgreement(agency_id=agency.id, year=2024, imported_at=CREATED)
    session.add(pk)
    session.flush()
    assert pk.id is not None
    goal = StrategicGoal(agreement_id=pk.id, code="S1", name=ROAD)
    session.add(goal)
    session.flush()
    assert goal.id is not None
    session.add_all([
        Indicator(agreement_id=pk.id, goal_id=goal.id, division_id=division.id, code=code,
                  name=name, unit="km", annual_target=D(40), target_q3=D(30), position=i)
        for i, (code, name) in enumerate([("BM1", "Panjang jalan"), ("BM2", "Jembatan")])])
    program = BudgetItem(agreement_id=pk.id, level="program", code="1.03", name="Program Jalan")
    session.add(program)
    session.flush()
    activity = BudgetItem(agreement_id=pk.id, parent_id=program.id, level="kegiatan",
                          code="1.03.02", name="Penyelenggaraan Jalan")
    session.add(activity)
    session.flush()
    shared = BudgetItem(agreement_id=pk.id, parent_id=activity.id, division_id=division.id,
                        level="sub_kegiatan", code="1.03.02.01", name="Rehabilitasi Jalan",
                        budget=D(1_000_000), indicator_codes=["BM1", "BM2"], position=1)
    alone = BudgetItem(agreement_id=pk.id, parent_id=activity.id, division_id=division.id,
                       level="sub_kegiatan", code="1.03.02.02", name="Survei", budget=D(500),
                       position=2)
    session.add_all([shared, alone])
    cycle = MeasurementCycle(agency_id=agency.id, year=2024, quarter=3,
                             opened_by_user_id=head.id, agreement_id=pk.id, created_at=CREATED)
    session.add(cycle)
    session.flush()
    assert cycle.id is not None
    performance.save_financial(session=session, cycle_id=cycle.id, item=shared,
                               amount=D(250_000), now=CREATED, user_id=head.id)
    measurements, finances = realization.report_rows(session, cycle)
    assert [(f.code, f.indicator_codes) for f in finances] == [
        ("1.03.02.01", ("BM1", "BM2")), ("1.03.02.02", ())]
    layout = esr.esr_layout(measurements, finances)
    assert [[line.code for line in b.lines] for b in layout.goals[0].blocks] == [
        ["1.03.02.01"], ["1.03.02.01"]]
    assert [f.code for f in layout.unlinked] == ["1.03.02.02"]
    assert layout.total.budget == D(1_000_500) and layout.total.realization == D(250_000)
    heading = ReportHeading(agency="Dinas BMCKTR", year=2024, quarter=3)
    book = load_workbook(io.BytesIO(esr.esr_workbook(heading, measurements=measurements,
                                                     finances=finances)))
    assert book[esr.ESR_SHEET]["K7"].value == (
        "Program Jalan › Penyelenggaraan Jalan › 1.03.02.01 Rehabilitasi Jalan")


def test_a_total_without_any_pagu_is_a_dash_not_zero() -> None:
    lines = (FinanceRow("9.01", "Tanpa pagu", "Bina Marga", None, None, D(5), None),)
    layout = esr.esr_layout((), lines)
    assert layout.total.budget is None and layout.total.realization == D(5)
    assert layout.total.absorption is None
    heading = ReportHeading(agency="Dinas X", year=2024, quarter=1)
    book = load_workbook(io.BytesIO(esr.esr_workbook(heading, measurements=(), finances=lines)))
    table = book[esr.ESR_SHEET]
    total = next(r for r in range(1, table.max_row + 1)
                 if table.cell(row=r, column=1).value == esr.TOTAL_LABEL)
    assert table.cell(row=total, column=12).value in (None, "-")
    assert table.cell(row=total, column=13).value == 5
