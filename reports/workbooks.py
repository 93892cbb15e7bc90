"""Excel outputs: the per-division form (step 3) and the compiled report (steps 5 and 8)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.formatting import period_label

FORM_COLUMNS = (
    "No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target Tahunan", "Target TW",
    "Realisasi TW", "Capaian (%)", "Kendala / Hambatan", "Tindak Lanjut / Upaya",
    "Pagu Anggaran (Rp)", "Realisasi Anggaran (Rp)", "Data Dukung",
)
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")

# Typed text that starts like a formula must stay text in Excel and LibreOffice.
_FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


@dataclass(frozen=True)
class PartSummary:
    """One division's submitted part, as the compiled report shows it."""

    division: str
    submitted_by: str
    submitted_at: str
    figures: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class MeasurementRow:
    """One indicator in the compiled report."""

    goal: str
    code: str
    indicator: str
    unit: str
    division: str
    annual_target: Decimal | None
    quarter_target: Decimal | None
    realization: Decimal | None
    realization_to_date: Decimal | None
    achievement: Decimal | None
    achievement_to_date: Decimal | None
    obstacles: str
    follow_up: str
    evidence: str


@dataclass(frozen=True)
class FinanceRow:
    code: str
    name: str
    division: str
    budget: Decimal | None
    quarter_target: Decimal | None
    realization: Decimal | None
    absorption: Decimal | None


MEASUREMENT_COLUMNS = (
    "Sasaran Strategis", "Kode", "Indikator Kinerja", "Satuan", "Penanggung Jawab",
    "Target Tahunan", "Target TW", "Realisasi TW", "Realisasi s.d. TW", "Capaian TW (%)",
    "Capaian s.d. TW (%)", "Kendala / Hambatan", "Tindak Lanjut / Upaya", "Data Dukung",
)
FINANCE_COLUMNS = ("Kode", "Sub Kegiatan", "Penanggung Jawab", "Pagu Anggaran (Rp)",
                   "Target Keuangan TW (Rp)", "Realisasi Anggaran (Rp)", "Serapan (%)")


def division_form(*, agency: str, division: str, year: int, quarter: int) -> bytes:
    """The empty *Format Realisasi Rencana Aksi* for one division."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Format Realisasi"
    _title(sheet, [
        agency.upper(),
        "FORMAT REALISASI RENCANA AKSI AKUNTABILITAS KINERJA",
        f"{period_label(year, quarter).upper()} — {division}",
    ])
    _header_row(sheet, 5, FORM_COLUMNS)
    sheet.freeze_panes = "A6"
    return _save(book)


def compiled_report(
    *, agency: str, year: int, quarter: int, parts: list[PartSummary], final: bool = False,
    approval_note: str | None = None, measurements: tuple[MeasurementRow, ...] = (),
    finances: tuple[FinanceRow, ...] = (),
) -> bytes:
    """The Laporan Hasil Pengukuran Kinerja compiled from every division's part."""
    frame = pd.DataFrame(
        [
            {
                "No": i,
                "Bagian": p.division,
                "Realisasi (isian)": safe_text(p.figures),
                "Data Dukung": safe_text("; ".join(p.evidence)),
                "Diserahkan oleh": safe_text(p.submitted_by),
                "Waktu": p.submitted_at,
            }
            for i, p in enumerate(parts, 1)
        ],
        columns=["No", "Bagian", "Realisasi (isian)", "Data Dukung", "Diserahkan oleh", "Waktu"],
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Pengukuran", index=False, startrow=4)
        sheet = writer.sheets["Pengukuran"]
        title = "LAPORAN HASIL PENGUKURAN KINERJA DAN REALISASI KEUANGAN"
        if final:
            title = "REALISASI RENCANA AKSI AKUNTABILITAS KINERJA (FINAL)"
        _title(sheet, [agency.upper(), title, period_label(year, quarter).upper()])
        _header_row(sheet, 5, tuple(frame.columns))
        for row in sheet.iter_rows(min_row=6):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if approval_note is not None:
            sheet.cell(row=sheet.max_row + 2, column=1, value=safe_text(approval_note))
        sheet.freeze_panes = "A6"
        if measurements:
            _table(writer, "Kinerja", MEASUREMENT_COLUMNS, [
                (m.goal, m.code, m.indicator, m.unit, m.division, _num(m.annual_target),
                 _num(m.quarter_target), _num(m.realization), _num(m.realization_to_date),
                 _num(m.achievement), _num(m.achievement_to_date), safe_text(m.obstacles),
                 safe_text(m.follow_up), safe_text(m.evidence)) for m in measurements])
        if finances:
            _table(writer, "Keuangan", FINANCE_COLUMNS, [
                (f.code, f.name, f.division, _num(f.budget), _num(f.quarter_target),
                 _num(f.realization), _num(f.absorption)) for f in finances])
    return buffer.getvalue()


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _table(writer: pd.ExcelWriter, name: str, columns: tuple[str, ...],
           rows: list[tuple[object, ...]]) -> None:
    frame = pd.DataFrame(rows, columns=list(columns))
    frame.to_excel(writer, sheet_name=name, index=False, startrow=4)
    sheet = writer.sheets[name]
    _header_row(sheet, 5, columns)
    for row in sheet.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A6"


def _title(sheet: Worksheet, lines: list[str]) -> None:
    for row, text in enumerate(lines, 1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(bold=True, size=12 if row > 1 else 13)


def _header_row(sheet: Worksheet, row: int, columns: tuple[str, ...]) -> None:
    for index, name in enumerate(columns, 1):
        cell = sheet.cell(row=row, column=index, value=name)
        cell.fill = _HEADER_FILL
        cell.font = _HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(name) + 4))


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
