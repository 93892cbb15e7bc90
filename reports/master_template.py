"""The master-data workbook: Petunjuk, Sasaran, Indikator and Anggaran (and a hidden Pilihan).

``master_template()`` is the empty template an admin fills in; ``master_workbook()`` and
``write_rows()`` let the sample data and the tests fill the same template from plain rows.
The sheets, columns and choices come from ``bot.domain.master_rules``; every word shown comes
from ``bot.texts``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bot import texts
from bot.domain.master_rules import COLUMNS, Column
from reports.sheets import HEADER_ALIGNMENT, HEADER_FILL, HEADER_FONT, new_workbook, put, to_bytes

HEADER_ROW = 1
FIRST_DATA_ROW = 2
# Drop-down lists and formats reach this far; the importer refuses more rows anyway.
LAST_TEMPLATE_ROW = 5001

_REQUIRED_FILL = HEADER_FILL  # a required column wears the reports' header colour
_OPTIONAL_FILL = PatternFill("solid", fgColor="5B9BD5")
_TITLE_FONT = Font(bold=True, size=14, color="1F4E78")
_HEADING_FONT = Font(bold=True, size=12, color="1F4E78")
_BOLD = Font(bold=True)
_GUIDE_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="BFBFBF")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")

_MONEY_FORMAT = "#,##0"
_TEXT_FORMAT = "@"

# Column widths (characters) by column key; the rest get a width from the kind.
_WIDTHS: dict[str, dict[str, float]] = {
    "goals": {"code": 10, "name": 70},
    "indicators": {"code": 10, "goal_code": 12, "name": 55, "unit": 11, "direction": 10,
                   "range_low": 12, "range_high": 12, "turun_formula": 13, "accumulation": 16,
                   "cumulative_targets": 12, "decimals": 9, "allow_negative": 11,
                   "annual_target": 14, "division": 24, "formula_note": 45},
    "budget": {"level": 14, "code": 22, "parent_code": 18, "name": 60, "division": 20,
               "budget": 20, "indicator_codes": 24},
}
_KIND_WIDTH = {"number": 12, "money": 20, "code": 14, "text": 30}

# The hidden "Pilihan" sheet: one column per drop-down list.
_LISTS = ("direction", "turun_formula", "accumulation", "flag", "level", "division")


def master_template(*, year: int | None = None, divisions: Sequence[str] = ()) -> bytes:
    """The empty template; ``divisions`` (the agency's Bidang) feed a drop-down list."""
    return to_bytes(master_workbook(year=year, divisions=divisions))


def master_workbook(*, year: int | None = None, divisions: Sequence[str] = ()) -> Workbook:
    book, guide = new_workbook(texts.MASTER_SHEETS["guide"])
    _guide(guide, year)
    lists = _lists(book, divisions)
    for sheet_key in COLUMNS:
        _data_sheet(book, sheet_key, lists, len(divisions))
    book.move_sheet(lists, offset=len(book.sheetnames))  # keep the hidden list last
    return book


def headers(sheet_key: str) -> list[str]:
    """The header row of a data sheet, in order."""
    return [texts.MASTER_COLUMNS[sheet_key][c.key][0] for c in COLUMNS[sheet_key]]


def write_rows(book: Workbook, sheet_key: str, rows: Iterable[Mapping[str, object]]) -> None:
    """Append rows (column key → value) to a data sheet; missing keys stay empty."""
    sheet = book[texts.MASTER_SHEETS[sheet_key]]
    columns = COLUMNS[sheet_key]
    row_number = _next_row(sheet)
    for row in rows:
        for index, column in enumerate(columns, 1):
            value = row.get(column.key)
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=index)
            put(cell, value)
            if column.kind == "money":
                cell.number_format = _MONEY_FORMAT
            elif column.kind in ("code", "codes"):
                cell.number_format = _TEXT_FORMAT
        row_number += 1


# --- building ---------------------------------------------------------------------------------
def _next_row(sheet: Worksheet) -> int:
    row = FIRST_DATA_ROW
    while any(cell.value is not None for cell in sheet[row]):
        row += 1
    return row


def _guide(sheet: Worksheet, year: int | None) -> None:
    widths = (30, 24, 80, 40)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    line_chars = sum(widths)

    row = 1
    sheet.cell(row=row, column=1, value=texts.MASTER_GUIDE_TITLE).font = _TITLE_FONT
    row += 1
    if year is not None:
        sheet.cell(row=row, column=1, value=texts.MASTER_YEAR_TITLE.format(year=year)).font = (
            _HEADING_FONT)
        row += 1
    row += 1
    for paragraph in texts.MASTER_GUIDE_GENERAL:
        _paragraph(sheet, row, paragraph, line_chars)
        row += 1
    for sheet_key in COLUMNS:
        row += 1
        sheet.cell(row=row, column=1, value=f"Sheet {texts.MASTER_SHEETS[sheet_key]}").font = (
            _HEADING_FONT)
        row += 1
        _paragraph(sheet, row, texts.MASTER_GUIDE_SHEETS[sheet_key], line_chars)
        row += 1
        for index, title in enumerate(texts.MASTER_GUIDE_TABLE_HEADER, 1):
            cell = sheet.cell(row=row, column=index, value=title)
            cell.font, cell.fill, cell.border = _BOLD, _GUIDE_HEADER_FILL, _BOX
        row += 1
        for column in COLUMNS[sheet_key]:
            values = texts.MASTER_COLUMNS[sheet_key][column.key]
            for index, value in enumerate(values, 1):
                cell = sheet.cell(row=row, column=index, value=value)
                cell.alignment, cell.border = _WRAP, _BOX
            lines = max(math.ceil(len(v) / max(w - 2, 1)) for v, w in zip(values, widths,
                                                                          strict=True))
            sheet.row_dimensions[row].height = 15 * max(lines, 1)
            row += 1
    sheet.sheet_view.showGridLines = False


def _paragraph(sheet: Worksheet, row: int, text: str, line_chars: int) -> None:
    cell = sheet.cell(row=row, column=1, value=text)
    cell.alignment = _WRAP
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(text) / (line_chars - 10)))


def _lists(book: Workbook, divisions: Sequence[str]) -> Worksheet:
    sheet = book.create_sheet(texts.MASTER_SHEETS["lists"])
    values: dict[str, Sequence[str]] = {
        key: list(texts.MASTER_CHOICES[key].values()) for key in _LISTS if key != "division"
    }
    values["division"] = list(divisions)
    for index, key in enumerate(_LISTS, 1):
        sheet.cell(row=1, column=index, value=key)
        for row, value in enumerate(values[key], 2):
            put(sheet.cell(row=row, column=index), value)
    sheet.sheet_state = "hidden"
    return sheet


def _list_formula(lists: Worksheet, key: str, count: int) -> str:
    letter = get_column_letter(_LISTS.index(key) + 1)
    return f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${count + 1}"


def _data_sheet(book: Workbook, sheet_key: str, lists: Worksheet, divisions: int) -> None:
    sheet = book.create_sheet(texts.MASTER_SHEETS[sheet_key])
    columns = COLUMNS[sheet_key]
    for index, column in enumerate(columns, 1):
        header, required, explanation, example = texts.MASTER_COLUMNS[sheet_key][column.key]
        cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
        cell.font, cell.alignment, cell.border = HEADER_FONT, HEADER_ALIGNMENT, _BOX
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        note = f"{explanation}\n\n{texts.MASTER_GUIDE_TABLE_HEADER[1]}: {required}\n" \
               f"{texts.MASTER_GUIDE_TABLE_HEADER[3]}: {example}"
        comment = Comment(note, "sakip-bot")
        comment.width, comment.height = 320, 160
        cell.comment = comment
        letter = get_column_letter(index)
        width = _WIDTHS[sheet_key].get(column.key) or _KIND_WIDTH.get(column.kind, 14)
        sheet.column_dimensions[letter].width = width
        if column.kind == "money":
            sheet.column_dimensions[letter].number_format = _MONEY_FORMAT
        elif column.kind in ("code", "codes"):
            sheet.column_dimensions[letter].number_format = _TEXT_FORMAT
        _validation(sheet, column, letter, lists, divisions)
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{HEADER_ROW}"


def _validation(sheet: Worksheet, column: Column, letter: str, lists: Worksheet,
                divisions: int) -> None:
    area = f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_TEMPLATE_ROW}"
    validation: DataValidation | None = None
    if column.kind == "choice" and column.choice is not None:
        count = len(texts.MASTER_CHOICES[column.choice])
        validation = DataValidation(type="list", allow_blank=True,
                                    formula1=_list_formula(lists, column.choice, count))
    elif column.kind == "flag":
        validation = DataValidation(type="list", allow_blank=True,
                                    formula1=_list_formula(lists, "flag", 2))
    elif column.key == "division" and divisions:
        # Names are matched case-free and may carry "Bidang": a warning, not a refusal.
        validation = DataValidation(type="list", allow_blank=True, errorStyle="warning",
                                    formula1=_list_formula(lists, "division", divisions))
    elif column.kind == "integer":
        validation = DataValidation(type="whole", operator="between", formula1="0",
                                    formula2="4", allow_blank=True)
        validation.error = texts.MASTER_DECIMALS_ERROR
    if validation is None:
        return
    validation.showErrorMessage = True
    validation.errorTitle = texts.MASTER_LIST_ERROR_TITLE
    if validation.error is None:
        validation.error = texts.MASTER_LIST_ERROR
    validation.add(area)
    sheet.add_data_validation(validation)
