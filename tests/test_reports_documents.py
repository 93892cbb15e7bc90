"""The documents: Nota and Notulen PDFs, charts, the report workbook and the report PDF."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from decimal import Decimal as D
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from bot import texts
from bot.domain.capaian import EfficiencyThresholds, average_achievement
from reports import charts, letters, workbooks
from reports import pdf as pdf_module
from reports.heading import ReportHeading, SignOff
from reports.report_charts import for_the_pdf, report_charts
from reports.report_pdf import report_pdf
from reports.workbooks import (
    FinanceRow,
    MeasurementRow,
    PartSummary,
    efficiency_note,
    efficiency_text,
    summarize,
)
from tests.clock import START, TODAY, written, written_with_weekday
from tests.pdf_reading import pdf_pages

CREATED = START  # the documents are dated by the test clock, whatever day the tests run
SIGNED = TODAY
LETTERHEAD = letters.Letterhead("Dinas Bina Marga, Cipta Karya dan Tata Ruang", "Sumatera Barat",
                                "Jl. Taman Siswa No. 1, Padang")
HEAD = "Ir. ERASUKMA MUNAF, ST, MM"
NIP = "197209251998031003"
NIP_TEXT = "NIP. 19720925 199803 1 003"
FORMULA_LIKE = ("=SUM(A1)", "+62 812 000", "-", "@x")

MEASUREMENTS = (
    MeasurementRow("Meningkatnya kemantapan jalan", "BM1", "Persentase jalan mantap", "%",
                   "Bina Marga", D("85"), D("10"), D("10.5"), D("30.25"), D("105"),
                   D("100.8333"), "Cuaca hujan", "Tambah jam kerja", "lke.pdf; foto.jpg",
                   explanation="Sesuai rencana", evidence_files=("lke.pdf", "foto.jpg")),
    MeasurementRow("Meningkatnya kemantapan jalan", "BM2", "Panjang jalan ditingkatkan", "km",
                   "Bina Marga", D("120"), D("30"), D("36"), D("60"), D("120"), D("87.5"), "",
                   "", ""),
    MeasurementRow("Meningkatnya akuntabilitas", "SK1", "Nilai SAKIP", "nilai", "Sekretariat",
                   D("80"), D("80"), D("72"), D("72"), D("90"), D("90"), FORMULA_LIKE[0],
                   FORMULA_LIKE[1], FORMULA_LIKE[2], explanation=FORMULA_LIKE[3]),
    MeasurementRow("Meningkatnya akuntabilitas", "SK2", "Opini BPK", "opini", "Sekretariat",
                   D("1"), D("1"), None, None, None, None, "", "", ""),
)
FINANCES = (
    FinanceRow("1.03.02.2.01.01", "Pemeliharaan rutin jalan", "Bina Marga", D("1000000000"),
               D("250000000"), D("200000000"), D("20"), program="Program Jalan",
               activity="Penyelenggaraan Jalan"),
    FinanceRow("1.03.02.2.01.02", "Rehabilitasi jalan", "Bina Marga", D("500000000"),
               D("100000000"), None, None, program="Program Jalan",
               activity="Penyelenggaraan Jalan"),
    FinanceRow("4.01.01.2.01.01", "Penyusunan dokumen", "Sekretariat", D("150000000.50"),
               D("30000000"), D("45000000"), None),
)
PARTS = [PartSummary("Bina Marga", "Budi", "11 Jul 08.30", "", ("lke.pdf", "foto.jpg", "x.pdf")),
         PartSummary("Sekretariat", "=cmd", "12 Jul 09.00", "=1+1", ())]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- letters ------------------------------------------------------------------------------------
def _memo(head_title: str = "Kepala Dinas") -> bytes:
    return letters.head_memo_pdf(
        letterhead=LETTERHEAD, number="ND/03/SAKIP/2024", day=SIGNED, year=2024,
        quarter=1, signed=SignOff(name=HEAD, rank="Pembina Utama Muda", nip=NIP,
                                  title=head_title, place="Padang"),
        secretary_names=["Dra. Siti Ñurhaliza Çelik"], analysis_name="Analisa-TW4-2023.pdf",
        created_at=CREATED)


def test_the_memo_pdf_has_letterhead_order_and_signature() -> None:
    data = _memo()
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    assert len(pages) == 1
    text = pages[0]
    for expected in ("PEMERINTAH PROVINSI SUMATERA BARAT",
                     "DINAS BINA MARGA, CIPTA KARYA DAN TATA RUANG",
                     "Jl. Taman Siswa No. 1, Padang", "NOTA KEPALA DINAS",
                     "Nomor: ND/03/SAKIP/2024", "Kepada", "Sekretaris (Dra. Siti Ñurhaliza Çelik)",
                     "Dari", "Perihal", "Pelaksanaan Pengukuran Kinerja Triwulan I Tahun 2024",
                     f"Padang, {written(SIGNED)}", "Kepala Dinas,", HEAD,
                     "Pembina Utama Muda", NIP_TEXT, "Analisa-TW4-2023.pdf"):
        assert expected in text, expected
    assert "Halaman" not in text, "a one-page letter carries no page number"
    assert text.index("NOTA KEPALA DINAS") < text.index("Kepada") < text.index(HEAD)
    assert _memo() == data, "the same input and creation date give the same bytes"


def test_an_acting_head_signs_with_his_title() -> None:
    text = pdf_pages(_memo(head_title="Plt. Kepala Dinas"))[0]
    assert "Plt. Kepala Dinas," in text


def test_the_minutes_pdf_runs_over_pages_with_numbers() -> None:
    attendees = [f"Peserta Rapat Nomor {i}" for i in range(1, 46)]
    data = letters.minutes_pdf(
        letterhead=LETTERHEAD, number="NR/03/SAKIP/2024", day=SIGNED, year=2024,
        quarter=1, chair=SignOff(name="Dra. Siti"), attendees=attendees,
        directions="Lengkapi data dukung.\nKirim tepat waktu.", attachment="foto-rapat.jpg",
        note_taker=SignOff(name="Budi Santoso", nip="198001012005011002"), place="Aula Dinas",
        time="09.00 WIB", created_at=CREATED)
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    assert len(pages) >= 2
    text = " ".join(" ".join(pages).split())
    for expected in ("NOTULEN RAPAT", "Nomor: NR/03/SAKIP/2024", written_with_weekday(SIGNED),
                     "Arahan pelaksanaan Pengukuran Kinerja Triwulan I Tahun", "Dra. Siti",
                     "Peserta Rapat Nomor 1", "Peserta Rapat Nomor 45", "Lengkapi data dukung.",
                     "Kirim tepat waktu.", "foto-rapat.jpg", "Aula Dinas", "09.00 WIB",
                     "Notulis,", "Budi Santoso", "NIP. 19800101 200501 1 002",
                     "Pimpinan Rapat,"):
        assert expected in text, expected
    assert f"Halaman 1 dari {len(pages)}" in pages[0]
    assert f"Halaman {len(pages)} dari {len(pages)}" in pages[-1]


def test_the_text_letters_keep_their_parameters_and_take_the_new_ones() -> None:
    memo = letters.head_memo(
        letterhead=letters.Letterhead("Dinas X"), number="ND/1", day=SIGNED,
        year=2024, quarter=1, signed=SignOff(name="A", nip=NIP), secretary_names=[],
        analysis_name="b.pdf").decode()
    assert written(SIGNED) in memo and NIP_TEXT in memo and "Kepada   : Sekretaris" in memo
    notes = letters.minutes(
        letterhead=letters.Letterhead("Dinas X"), number="NR/1", day=SIGNED,
        year=2024, quarter=1, chair=SignOff(name="C"), attendees=["D"], directions="E",
        attachment=None).decode()
    assert written_with_weekday(SIGNED) in notes and "Notulis," in notes


# --- charts -------------------------------------------------------------------------------------
def test_percent_labels_are_indonesian() -> None:
    assert charts.percent_label(87.5) == "87,5%"
    assert charts.percent_label(D("100")) == "100%"
    assert charts.percent_label(D("1234.567")) == "1.234,57%"
    assert charts.percent_label(None) == "-"


def test_charts_are_phone_wide_pngs_sized_to_their_rows() -> None:
    few = charts.achievement_chart([("BM1 Jalan mantap", D("105")), ("SK2 Opini", None),
                                    ("X", -3.5)], "Capaian")
    more = charts.achievement_chart([(f"IK{i}", D(i * 3)) for i in range(20)], "Capaian")
    bounded = charts.achievement_chart([(f"IK{i}", D(i)) for i in range(500)], "Capaian")
    money = charts.absorption_chart([("Bina Marga", D("13.33")), ("Sekretariat", None)],
                                    "Serapan", reference=50)
    sizes = [png_size(png) for png in (few, more, bounded, money)]
    assert all(width == 1000 for width, _ in sizes)
    assert sizes[0][1] < sizes[1][1] < sizes[2][1] < 4000
    assert 150 < sizes[3][1] < sizes[0][1]


# --- the workbook -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def workbook() -> bytes:
    heading = ReportHeading(agency="Dinas Bina Marga", year=2024, quarter=2,
                            province="Sumatera Barat")
    signed = SignOff(name=HEAD, rank="Pembina Utama Muda", nip=NIP, place="Padang", day=SIGNED,
                     approval_note="=Disetujui oleh Kepala Dinas")
    return workbooks.compiled_report(heading, parts=PARTS, final=True, measurements=MEASUREMENTS,
                                     finances=FINANCES, cap=100, sign_off=signed)


def _number(value: D | None) -> float | None:
    return None if value is None else float(value)


def _same(read: object, expected: float | None) -> bool:
    if expected is None:
        return pd.isna(read)  # type: ignore[call-overload, no-any-return]
    return read == pytest.approx(expected, rel=1e-12)


def test_the_measurement_sheet_holds_every_figure(workbook: bytes) -> None:
    frame = pd.read_excel(io.BytesIO(workbook), sheet_name="Kinerja", header=4)
    rows = {r["Kode"]: r for r in frame.to_dict("records")}
    assert list(rows) == [m.code for m in MEASUREMENTS]
    for m in MEASUREMENTS:
        row = rows[m.code]
        for column, value in (("Target Tahunan", m.annual_target), ("Target TW", m.quarter_target),
                              ("Realisasi TW", m.realization),
                              ("Realisasi s.d. TW", m.realization_to_date),
                              ("Capaian TW (%)", m.achievement),
                              ("Capaian s.d. TW (%)", m.achievement_to_date)):
            assert _same(row[column], _number(value)), (m.code, column)
        assert row["Indikator Kinerja"] == m.indicator and row["Penanggung Jawab"] == m.division
    assert rows["BM1"]["Predikat"] == "Sangat Tinggi" and rows["BM2"]["Predikat"] == "Tinggi"
    assert rows["SK2"]["Predikat"] == "-"
    assert rows["BM1"]["Data Dukung"] == "lke.pdf\nfoto.jpg"


def test_the_finance_sheet_holds_every_figure_and_the_total(workbook: bytes) -> None:
    frame = pd.read_excel(io.BytesIO(workbook), sheet_name="Keuangan", header=4)
    records = frame.to_dict("records")
    for f, row in zip(FINANCES, records, strict=False):
        assert row["Kode"] == f.code and row["Sub Kegiatan"] == f.name
        assert _same(row["Pagu Anggaran (Rp)"], _number(f.budget))
        assert _same(row["Target Keuangan TW (Rp)"], _number(f.quarter_target))
        assert _same(row["Realisasi Anggaran (Rp)"], _number(f.realization))
    assert records[0]["Serapan (%)"] == 20 and records[0]["Program"] == "Program Jalan"
    assert _same(records[2]["Serapan (%)"], 45000000 / 150000000.5 * 100)
    total = records[3]
    assert total["Sub Kegiatan"] == "JUMLAH"
    assert _same(total["Pagu Anggaran (Rp)"], 1650000000.5)
    assert _same(total["Realisasi Anggaran (Rp)"], 245000000)


def test_the_summary_averages_per_goal_and_division(workbook: bytes) -> None:
    book = load_workbook(io.BytesIO(workbook))
    sheet = book["Ringkasan"]
    cells = {row[1].value: [c.value for c in row] for row in sheet.iter_rows(min_row=1)
             if row[1].value}
    road = cells["Meningkatnya kemantapan jalan"]
    raw = average_achievement([D("100.8333"), D("87.5")]).value
    assert raw is not None
    assert road[2:6] == [2, 2, pytest.approx(112.5), pytest.approx(float(raw))]
    assert road[6] == pytest.approx((100 + 87.5) / 2), "100,83 counts as 100 in the average"
    assert road[7] == "Sangat Tinggi"
    bina_marga = cells["Bina Marga"]
    assert bina_marga[8:11] == [1500000000, 200000000, pytest.approx(200 / 15)]
    # Efisiensi: capaian kinerja (93,75, capped) − serapan (13,33) = +80,42 points.
    assert bina_marga[11] == "Efisien (+80,42)"
    assert bina_marga[12] == "1 dari 2 sub kegiatan belum dilaporkan"
    capped = cells["Keseluruhan"]
    assert capped[5] == pytest.approx((100.8333 + 87.5 + 90) / 3)
    assert capped[6] == pytest.approx((100 + 87.5 + 90) / 3), "capped at 100 for the average"
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert HEAD in texts and NIP_TEXT in texts and f"Padang, {written(SIGNED)}" in texts


def test_efisiensi_follows_the_agency_thresholds() -> None:
    default = summarize(MEASUREMENTS, FINANCES, cap=100)
    strict = summarize(MEASUREMENTS, FINANCES, cap=100,
                       thresholds=EfficiencyThresholds(upper=D(90), lower=D(-90)))
    [bina_marga] = [d for d in default.divisions if d.name == "Bina Marga"]
    [strict_bm] = [d for d in strict.divisions if d.name == "Bina Marga"]
    assert bina_marga.efficiency is not None and strict_bm.efficiency is not None
    assert bina_marga.efficiency.difference == strict_bm.efficiency.difference
    assert (bina_marga.efficiency.level, strict_bm.efficiency.level) == (
        "efisien", "cukup_efisien")
    assert efficiency_text(strict_bm.efficiency) == "Cukup Efisien (+80,42)"
    assert "di atas +90 efisien, -90 s.d. +90 cukup efisien" in efficiency_note(
        strict.thresholds)
    assert [g.efficiency for g in default.goals] == [None] * len(default.goals), (
        "a goal has no money of its own")


def test_typed_text_is_stored_as_text_never_as_a_formula(workbook: bytes) -> None:
    book = load_workbook(io.BytesIO(workbook))
    sheet = book["Kinerja"]
    sk1 = next(r for r in sheet.iter_rows(min_row=6) if r[1].value == "SK1")
    typed = {13: FORMULA_LIKE[0], 14: FORMULA_LIKE[1], 17: FORMULA_LIKE[2], 15: FORMULA_LIKE[3]}
    for column, text in typed.items():
        cell = sk1[column - 1]
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix, text
    parts = book["Pengukuran"]
    assert parts["C7"].value == "=1+1" and parts["C7"].data_type == "s"
    assert parts["E7"].value == "=cmd" and parts["E7"].quotePrefix
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist()
                         if n.startswith("xl/worksheets/sheet"))
        assert "<f>" not in sheets, "no formula anywhere in the report"
        assert len([n for n in archive.namelist() if n.startswith("xl/charts/chart")]) == 2


def test_the_workbook_prints_on_a4_landscape_and_keeps_its_headers(workbook: bytes) -> None:
    book = load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["Ringkasan", "Grafik", "Kinerja", "Keuangan", "Data Dukung",
                               "Pengukuran"]
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    kinerja = book["Kinerja"]
    assert kinerja.freeze_panes == "D6" and kinerja.print_title_rows == "$5:$5"
    assert kinerja["A1"].value == "DINAS BINA MARGA"
    assert kinerja["B5"].value == "Kode" and kinerja["M5"].value == "Kendala / Hambatan"
    assert book["Keuangan"]["F6"].number_format == '"Rp "#,##0'
    assert kinerja["I6"].number_format == "#,##0.00"
    evidence = pd.read_excel(io.BytesIO(workbook), sheet_name="Data Dukung", header=4)
    assert list(evidence["Nama Berkas"]) == ["lke.pdf", "foto.jpg", "x.pdf"]


def test_a_report_without_master_data_still_lists_the_parts() -> None:
    data = workbooks.compiled_report(ReportHeading(agency="Dinas X", year=2024, quarter=1),
                                     parts=PARTS, sign_off=SignOff(approval_note="Disetujui"))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Pengukuran", "Data Dukung"]
    frame = pd.read_excel(io.BytesIO(data), sheet_name="Pengukuran", header=4)
    assert list(frame["Bagian"].dropna()) == ["Bina Marga", "Sekretariat"]
    assert list(frame["Realisasi (isian)"].dropna()) == ["=1+1"]
    assert "Disetujui" in list(frame["No"])


# --- the report PDF -----------------------------------------------------------------------------
def test_the_report_pdf_holds_the_tables_charts_and_signature() -> None:
    data = report_pdf(ReportHeading(agency="Dinas Bina Marga", year=2024, quarter=2,
                                    province="Sumatera Barat"),
                      measurements=MEASUREMENTS, finances=FINANCES, parts=PARTS, final=True,
                      created_at=CREATED,
                      sign_off=SignOff(name=HEAD, rank="Pembina Utama Muda", nip=NIP,
                                       place="Padang", day=SIGNED,
                                       approval_note="Disetujui oleh Kepala Dinas"))
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[0 0 841\.89 595\.28\]", data), "A4 landscape"
    assert len(re.findall(rb"/Subtype /Image", data)) >= 2, "both charts are embedded"
    pages = pdf_pages(data)
    text = " ".join(" ".join(pages).split())  # cells wrap: compare across line ends
    for expected in ("PEMERINTAH PROVINSI SUMATERA BARAT", "DINAS BINA MARGA",
                     "REALISASI RENCANA AKSI AKUNTABILITAS KINERJA (FINAL)",
                     "TRIWULAN II TAHUN 2024", "Sasaran Strategis: Meningkatnya kemantapan jalan",
                     "Persentase jalan mantap", "10,5", "30,25", "105,00", "100,83", "87,50",
                     "Sangat Tinggi", "Cuaca hujan", "=SUM(A1)", "Rp 1.000.000.000",
                     "Rp 150.000.000,50", "Rp 1.650.000.000,50", "20,00", "JUMLAH",
                     f"Padang, {written(SIGNED)}", "Kepala Dinas,", HEAD, NIP_TEXT,
                     "Lampiran: Grafik", f"Halaman 1 dari {len(pages)}"):
        assert expected in text, expected


def test_an_agency_name_like_a_formula_stays_text() -> None:
    data = workbooks.compiled_report(ReportHeading(agency="=1+1 Dinas", year=2024, quarter=3),
                                     parts=PARTS, measurements=MEASUREMENTS, finances=FINANCES)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in sheet for sheet in sheets)
    book = load_workbook(io.BytesIO(data))
    titles = [book[name]["A1"].value for name in book.sheetnames]
    assert "=1+1 DINAS" in titles


def test_a_division_form_keeps_typed_names_as_text() -> None:
    from reports import forms

    data = forms.division_form(agency="=HYPERLINK(\"x\")", division="+Bidang", year=2024,
                               quarter=2, cycle_id=1, division_id=2, indicators=[],
                               budget_lines=[])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in sheet for sheet in sheets)
    assert forms.read_form(data).cycle_id == 1


def test_the_total_against_target_compares_like_with_like() -> None:
    rows = (FinanceRow("1", "Dengan target", "A", D(1000), D(100), D(110), None),
            FinanceRow("2", "Tanpa target", "A", D(500), None, D(10), None),
            FinanceRow("3", "Belum melapor", "A", D(500), D(50), None, None))
    total = workbooks.finance_total(rows)
    assert total.realization == 120 and total.target == 150
    assert total.against_target == 110, "110 of the 100 planned for the line that has both"
    assert total.absorption == 6  # 120 of a pagu of 2.000


def test_only_our_forms_are_taken_for_a_filled_form() -> None:
    from reports import forms

    ours = forms.division_form(agency="Dinas X", division="Bina Marga", year=2024, quarter=1,
                               cycle_id=3, division_id=4, indicators=[], budget_lines=[])
    plain = Workbook()
    plain.active["A1"] = "Rekap survei jalan"
    other = io.BytesIO()
    plain.save(other)
    assert forms.is_filled_form(ours)
    assert not forms.is_filled_form(other.getvalue()) and not forms.is_filled_form(b"%PDF")


def test_an_indicator_reported_without_a_quarter_target_says_so_in_the_chart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: dict[str, Any] = {}

    def capture(bars: list[Any], title: str, **kwargs: Any) -> bytes:
        drawn.update(bars=bars, legend=[p.get_label() for p in kwargs["legend"]])
        return b""

    monkeypatch.setattr(charts, "_draw", capture)
    charts.achievement_chart([("1.1 Jalan mantap", 95), ("1.2 Jembatan baru", None),
                              ("1.3 Akhir tahun", None)], "Capaian",
                             without_target=["1.3 Akhir tahun"])
    notes = {bar.label: (bar.value, bar.note) for bar in drawn["bars"]}
    assert notes["1.2 Jembatan baru"] == (None, charts.NOT_REPORTED)
    assert notes["1.3 Akhir tahun"] == (None, "tanpa target triwulan ini")
    assert {"Belum dilaporkan", "Tanpa target triwulan ini"} <= set(drawn["legend"])


def test_a_symbol_the_font_lacks_is_printed_as_a_box_not_dropped() -> None:
    typed = "Lengkapi data dukung 👍🏽 ✅ — “segera”, Ñ ❤️"
    assert pdf_module.unprintable(typed) == 2, "the thumb (with its skin tone) and the tick"
    assert pdf_module.unprintable("Arahan biasa, tanpa simbol.") == 0
    data = letters.minutes_pdf(
        letterhead=LETTERHEAD, number="NR/03/SAKIP/2024", day=SIGNED, year=2024, quarter=1,
        chair=SignOff(name="Dra. Siti"), attendees=["Budi"], directions=typed, attachment=None,
        note_taker=SignOff(name="Budi"), place="Aula Dinas", time="09.00 WIB",
        created_at=CREATED)
    text = " ".join(" ".join(pdf_pages(data)).split())
    assert "Lengkapi data dukung □ □ — “segera”, Ñ ❤" in text


def test_the_lateness_chart_marks_the_steps_that_overran(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    drawn: dict[str, Any] = {}
    monkeypatch.setattr(charts, "_draw", lambda bars, title, **_: drawn.update(bars=bars) or b"")
    charts.lateness_chart([("1. Perintah", 0), ("4. Pengisian", D("37.5"))], "Keterlambatan")
    assert [(b.value, b.colour) for b in drawn["bars"]] == [
        (0.0, charts.ON_TIME_COLOUR), (37.5, charts.LATE_COLOUR)]


def test_the_step_time_chart_colours_each_step_by_where_it_stands(
        monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: dict[str, Any] = {}
    monkeypatch.setattr(charts, "_draw", lambda bars, title, **kw: drawn.update(
        bars=bars, reference=kw["reference"]) or b"")
    charts.step_time_chart([("1. Perintah", 40, "done"), ("2. Rapat", D("150"), "late"),
                            ("3. Format", 20, "active"), ("4. Pengisian", 120, "overdue"),
                            ("5. Penyusunan", None, "waiting")], "Waktu")
    assert [(b.value, b.colour) for b in drawn["bars"][:4]] == [
        (40.0, charts.ON_TIME_COLOUR), (150.0, charts.LATE_COLOUR),
        (20.0, charts.RUNNING_COLOUR), (120.0, charts.LATE_COLOUR)]
    waiting = drawn["bars"][4]
    assert waiting.value is None and waiting.note == charts.NOT_STARTED
    assert waiting.colour != "none", "the note is written, not left out"
    assert drawn["reference"] == 100.0


def test_the_compiled_draft_is_signed_by_its_compiler() -> None:
    data = report_pdf(ReportHeading(agency="Dinas Bina Marga", year=2024, quarter=2),
                      measurements=MEASUREMENTS, finances=FINANCES, parts=PARTS, final=False,
                      created_at=CREATED,
                      sign_off=SignOff(name="ANDI PRATAMA, ST", nip="198501012010011001",
                                       title=texts.COMPILED_BY, place="Padang", day=SIGNED))
    text = " ".join(" ".join(pdf_pages(data)).split())
    for expected in ("Disusun oleh Tim SAKIP,", "ANDI PRATAMA, ST", f"Padang, {written(SIGNED)}",
                     "NIP. 19850101 201001 1 001"):
        assert expected in text, expected
    assert "Kepala Dinas," not in text


def test_the_report_charts_say_what_the_report_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """One drawing for the chat and the PDF: serapan is the report's (a division that has not
    reported shows no bar, not 0 %), and the PDF takes only the charts with figures."""
    drawn: dict[str, object] = {}
    absorption_chart = charts.absorption_chart

    def absorption(rows, title, **options):  # type: ignore[no-untyped-def]
        drawn["rows"] = rows
        return absorption_chart(rows, title, **options)

    monkeypatch.setattr(charts, "absorption_chart", absorption)
    silent = FinanceRow("9.9", "Belum melapor", "Tata Ruang", D(800), D(80), None, None)
    pictures = report_charts(MEASUREMENTS, (*FINANCES, silent), period="Triwulan II Tahun 2024")
    assert [name for name, _ in pictures] == [texts.CHART_ACHIEVEMENT, texts.CHART_ABSORPTION]
    assert all(png.startswith(b"\x89PNG") for _, png in pictures)
    shares = dict(drawn["rows"])  # type: ignore[call-overload]
    assert shares["Tata Ruang"] is None
    assert shares["Bina Marga"] is not None and shares["Bina Marga"] > 0
    assert for_the_pdf(pictures, MEASUREMENTS, FINANCES) == [png for _, png in pictures]
    assert for_the_pdf(pictures, MEASUREMENTS, ()) == [pictures[0][1]]
    assert for_the_pdf(pictures, (), FINANCES) == [pictures[1][1]]
