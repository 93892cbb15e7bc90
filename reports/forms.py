"""The per-division *Format Realisasi Rencana Aksi* (step 3) and reading it back (step 4).

Targets are pre-filled and locked; only the realisation columns are open, with data
validation. A hidden sheet names the cycle and division so that a form sent back to the bot
can be matched to the right part.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bot.formatting import ROMAN, period_label
from reports.safe_workbook import WorkbookLimits, WorkbookRefused, open_workbook, zip_members
from reports.sheets import (
    FMT_INT,
    HEADER_ALIGNMENT,
    HEADER_FILL,
    HEADER_FONT,
    figure_format,
    new_workbook,
    put,
    to_bytes,
    write_text,
)

META_SHEET = "_meta"
PERFORMANCE_SHEET = "Kinerja"
MONEY_SHEET = "Keuangan"
HEADER_ROW = 5
MAX_ROWS = 2000
# Ours is a few hundred bytes; a larger one is some other workbook, never read as a form.
_WORKBOOK_XML_MAX = 256 * 1024

_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class FormIndicator:
    code: str
    goal: str
    name: str
    unit: str
    annual_target: Decimal | None
    quarter_target: Decimal | None
    decimals: int
    allow_negative: bool
    value: Decimal | None = None
    explanation: str | None = None
    obstacles: str | None = None
    follow_up: str | None = None


@dataclass(frozen=True)
class FormBudgetLine:
    code: str
    name: str
    budget: Decimal | None
    quarter_target: Decimal | None
    amount: Decimal | None = None


@dataclass(frozen=True)
class FilledRow:
    """One row as typed: raw values, parsed later with the indicator's rules."""

    row: int
    code: str
    value: object
    explanation: str | None
    obstacles: str | None
    follow_up: str | None


@dataclass(frozen=True)
class FilledMoney:
    row: int
    code: str
    amount: object


@dataclass(frozen=True)
class FilledForm:
    cycle_id: int | None
    division_id: int | None
    rows: list[FilledRow]
    money: list[FilledMoney]


class FormUnreadable(ValueError):
    """Not one of our forms: not xlsx, past a limit, or the sheets are missing."""

    def __init__(self, reason: str, limit: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.limit = limit


def performance_columns(quarter: int) -> tuple[str, ...]:
    tw = f"TW {ROMAN[quarter]}"
    return ("No", "Kode", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target Tahunan",
            f"Target {tw}", f"Realisasi {tw}", "Penjelasan", "Kendala / Hambatan",
            "Tindak Lanjut / Upaya")


def money_columns(quarter: int) -> tuple[str, ...]:
    tw = f"TW {ROMAN[quarter]}"
    return ("No", "Kode", "Sub Kegiatan", "Pagu Anggaran (Rp)", f"Target Keuangan {tw} (Rp)",
            f"Realisasi Keuangan s.d. {tw} (Rp)")


def division_form(
    *, agency: str, division: str, year: int, quarter: int, cycle_id: int, division_id: int,
    indicators: list[FormIndicator], budget_lines: list[FormBudgetLine],
) -> bytes:
    book, sheet = new_workbook(PERFORMANCE_SHEET)
    title = [agency.upper(), "FORMAT REALISASI RENCANA AKSI AKUNTABILITAS KINERJA",
             f"{period_label(year, quarter).upper()} — {division.upper()}"]
    _title(sheet, title)
    _header(sheet, performance_columns(quarter))
    for i, item in enumerate(indicators, 1):
        row = HEADER_ROW + i
        values: list[object] = [i, item.code, item.goal, item.name, item.unit,
                                item.annual_target, item.quarter_target, item.value,
                                item.explanation, item.obstacles, item.follow_up]
        for column, value in enumerate(values, 1):
            _cell(sheet, row, column, value, editable=column >= 8)
        number_format = figure_format(item.decimals)
        for column in (6, 7, 8):
            sheet.cell(row=row, column=column).number_format = number_format
    if indicators:
        _decimal_validation(sheet, f"H{HEADER_ROW + 1}:H{HEADER_ROW + len(indicators)}",
                            allow_negative=any(i.allow_negative for i in indicators))
    _widths(sheet, (5, 10, 30, 40, 10, 14, 14, 14, 30, 30, 30))

    money = book.create_sheet(MONEY_SHEET)
    _title(money, [*title[:1], "REALISASI KEUANGAN", title[2]])
    _header(money, money_columns(quarter))
    for i, line in enumerate(budget_lines, 1):
        row = HEADER_ROW + i
        for column, value in enumerate(
                [i, line.code, line.name, line.budget, line.quarter_target, line.amount], 1):
            _cell(money, row, column, value, editable=column == 6)
            if column >= 4:
                money.cell(row=row, column=column).number_format = FMT_INT
    if budget_lines:
        _decimal_validation(money, f"F{HEADER_ROW + 1}:F{HEADER_ROW + len(budget_lines)}",
                            allow_negative=False)
    _widths(money, (5, 18, 50, 20, 20, 22))

    meta = book.create_sheet(META_SHEET)
    meta.append(["cycle_id", cycle_id])
    meta.append(["division_id", division_id])
    meta.sheet_state = "hidden"
    for protected in (sheet, money):
        # Protection without a password: it guards against slips, not against people.
        protected.protection.sheet = True
        protected.protection.formatColumns = False
        protected.freeze_panes = f"A{HEADER_ROW + 1}"
        protected.page_setup.orientation = "landscape"
        protected.page_setup.paperSize = protected.PAPERSIZE_A4
    return to_bytes(book)


def read_form(data: bytes, limits: WorkbookLimits | None = None) -> FilledForm:
    """The typed values of a filled form; the caller validates them."""
    limits = limits or WorkbookLimits()
    _peek(data, limits)
    try:
        with open_workbook(data, limits) as book:
            if PERFORMANCE_SHEET not in book.sheetnames or MONEY_SHEET not in book.sheetnames:
                raise FormUnreadable("not_our_form")
            meta: dict[str, object] = {}
            if META_SHEET in book.sheetnames:
                for key, value, *_ in book[META_SHEET].iter_rows(max_row=10, values_only=True):
                    meta[str(key)] = value
            rows = [
                FilledRow(index, str(r[1]).strip(), r[7], _text(r[8]), _text(r[9]),
                          _text(r[10]))
                for index, r in _data_rows(book[PERFORMANCE_SHEET], 11)
            ]
            money = [FilledMoney(index, str(r[1]).strip(), r[5])
                     for index, r in _data_rows(book[MONEY_SHEET], 6)]
    except FormUnreadable:
        raise
    except WorkbookRefused as refused:
        raise FormUnreadable(refused.reason, refused.limit) from None
    except (KeyError, ValueError, TypeError, AttributeError, OSError, SyntaxError,
            zipfile.BadZipFile) as error:
        # a damaged sheet, or a chart sheet by one of our names
        raise FormUnreadable("not_xlsx") from error
    return FilledForm(_int(meta.get("cycle_id")), _int(meta.get("division_id")), rows, money)


def _peek(data: bytes, limits: WorkbookLimits) -> None:
    """Refuse, from the zip's directory and its small workbook.xml alone, a workbook without
    our two sheets: a photo album in Excel sent as evidence is never scanned as a form."""
    if len(data) > limits.max_bytes:
        raise FormUnreadable("too_large", limits.max_bytes)
    try:
        members = {m.filename: m for m in zip_members(data, limits.max_parts)}
        entry = members.get("xl/workbook.xml")
        if entry is None:
            raise FormUnreadable("not_xlsx")
        if entry.file_size > _WORKBOOK_XML_MAX:
            raise FormUnreadable("not_our_form")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = archive.read(entry)
    except WorkbookRefused as refused:
        raise FormUnreadable(refused.reason, refused.limit) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError,
            NotImplementedError):
        raise FormUnreadable("not_xlsx") from None
    if not all(f'name="{escape(name)}"'.encode() in workbook
               for name in (PERFORMANCE_SHEET, MONEY_SHEET)):
        raise FormUnreadable("not_our_form")


def is_filled_form(data: bytes, limits: WorkbookLimits | None = None) -> bool:
    """Whether ``data`` is one of our step-3 forms (it names its cycle), whatever it holds."""
    try:
        return read_form(data, limits).cycle_id is not None
    except FormUnreadable:
        return False


def _data_rows(sheet: Worksheet, width: int) -> list[tuple[int, tuple[object, ...]]]:
    found = []
    for index, cells in enumerate(
            sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=width), HEADER_ROW + 1):
        if index > HEADER_ROW + MAX_ROWS:
            raise FormUnreadable("too_many_rows", MAX_ROWS)
        row = tuple(_shown(cell) for cell in cells)
        padded = row + (None,) * (width - len(row))
        if padded[1] not in (None, ""):
            found.append((index, padded))
    return found


def _shown(cell: object) -> object:
    """A cell's value as the official sees it: 80% typed in a cell Excel formats as a
    percentage is stored as 0.8, and is read back as the text "80%" for the parser."""
    value = getattr(cell, "value", None)
    if (isinstance(value, int | float) and not isinstance(value, bool)
            and str(getattr(cell, "number_format", "") or "").endswith("%")):
        shown = (Decimal(repr(value)) * 100).normalize()
        return f"{format(shown, 'f').replace('.', ',')}%"
    return value


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _cell(sheet: Worksheet, row: int, column: int, value: object, *, editable: bool) -> None:
    cell = sheet.cell(row=row, column=column)
    put(cell, value)
    cell.border = _BORDER
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if editable:
        cell.protection = Protection(locked=False)
        cell.fill = _INPUT_FILL


def _decimal_validation(sheet: Worksheet, ref: str, *, allow_negative: bool) -> None:
    rule = DataValidation(type="decimal", operator="greaterThanOrEqual",
                          formula1="-1E+15" if allow_negative else "0", allow_blank=True)
    rule.error = "Isi dengan angka" + ("" if allow_negative else " (tidak boleh negatif)") + "."
    rule.errorTitle = "Angka tidak valid"
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(ref)


def _title(sheet: Worksheet, lines: list[str]) -> None:
    for row, text in enumerate(lines, 1):
        cell = sheet.cell(row=row, column=1)
        write_text(cell, text)  # the agency's and the division's names are typed by people
        cell.font = Font(bold=True, size=12)


def _header(sheet: Worksheet, columns: tuple[str, ...]) -> None:
    for index, name in enumerate(columns, 1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=name)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = HEADER_ALIGNMENT
        cell.border = _BORDER  # lighter than the reports' border: the form is filled in


def _widths(sheet: Worksheet, widths: tuple[int, ...]) -> None:
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
