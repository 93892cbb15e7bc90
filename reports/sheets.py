"""How the agency's workbooks look and how a value lands in a cell, defined once.

The compiled report, the ESR file and the division form are printed side by side and filed
together, so they share one header colour, one border, one A4 print layout and one signature
block. Writing a value goes through :func:`write_cell`: numbers stay numbers with a format code
(Excel and LibreOffice show them in the reader's locale: ``1.234,50`` in Indonesian), and text
an official typed goes through :func:`write_text`, so ``=SUM(A1)``, ``+62…``, ``-`` or ``@x``
are never evaluated and the text itself is stored unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.drawing.image import Image as XlImage
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.formatting import as_decimal, format_nip, place_date, shown_decimals
from reports.heading import SignOff

FMT_INT = "#,##0"
FMT_DEC = "#,##0.00"
FMT_PERCENT = "#,##0.00"  # percent points: 87.5 shows 87,50 in an Indonesian Excel
FMT_RUPIAH = '"Rp "#,##0'
FMT_RUPIAH_CENTS = '"Rp "#,##0.00'

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP = Alignment(wrap_text=True, vertical="top")
_MAX_CELL = 32_000  # Excel holds 32 767 characters in a cell

# What a column holds, and so how write_cell formats it: typed text; an indicator figure; a
# percentage; rupiah; a whole number (centred, like a row number); a short centred label.
CellKind = Literal["text", "value", "percent", "money", "int", "label"]


@dataclass(frozen=True)
class ColumnSpec:
    """A table column: its header, its width in characters and what its cells hold."""

    title: str
    width: float
    kind: CellKind = "text"


@dataclass(frozen=True)
class Figure:
    """An indicator figure with the decimals its indicator shows (``None``: those it has)."""

    value: Decimal | None
    decimals: int | None


def new_workbook(first_sheet: str) -> tuple[Workbook, Worksheet]:
    """A workbook whose first sheet is named ``first_sheet``, and that sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = first_sheet
    return book, sheet


def to_bytes(book: Workbook) -> bytes:
    """The workbook as xlsx bytes, to send or to store."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# A spreadsheet runs a cell that starts with one of these (full-width forms included).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_text(value: object) -> str:
    """``value`` as a CSV field that spreadsheets show as written: a leading quote stops a
    formula (a CSV cell has no type to say "text")."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def put(cell: Cell, value: object) -> None:
    """``value`` into ``cell`` with no styling: a number, date or flag as itself, anything
    else as text (:func:`write_text`). Every workbook writer puts values through this or
    :func:`write_cell`, never ``cell.value = …``: openpyxl makes any text starting with ``=``
    a formula."""
    if value is None:
        return
    if isinstance(value, Decimal):
        cell.value = float(value) if value != value.to_integral_value() else int(value)
    elif isinstance(value, bool | int | float | date):
        cell.value = value
    else:
        write_text(cell, value)


def write_text(cell: Cell, value: object) -> None:
    """``value`` as a text cell Excel never evaluates: type ``s`` and the quote prefix on.

    Characters a workbook cannot hold (control characters) are dropped and the text is cut
    at 32 000 characters; nothing is added to it."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:_MAX_CELL]
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = True


def figure_format(decimals: int) -> str:
    """``#,##0.00`` for 2: the format code of a figure shown with ``decimals`` places."""
    return FMT_INT + ("." + "0" * decimals if decimals > 0 else "")


def write_cell(cell: Cell, value: object, kind: CellKind) -> None:
    """One bordered table cell: numbers as numbers with the format code of ``kind``, any other
    value as text (:func:`write_text`); ``None`` leaves the cell empty."""
    cell.border = BORDER
    cell.alignment = _TOP
    decimals: int | None = None
    if isinstance(value, Figure):
        decimals = value.decimals
        value = value.value
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        write_text(cell, value)
        if kind in ("label", "int"):
            cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        return
    number_ = as_decimal(value)
    if number_ is None:
        return
    cell.value = float(number_) if number_ != number_.to_integral_value() else int(number_)
    if kind == "money":
        cents = number_ != number_.to_integral_value()
        cell.number_format = FMT_RUPIAH_CENTS if cents else FMT_RUPIAH
    elif kind == "percent":
        cell.number_format = FMT_PERCENT
    elif kind == "int":
        cell.number_format = FMT_INT
        cell.alignment = Alignment(horizontal="center", vertical="top")
    else:
        cell.number_format = figure_format(
            shown_decimals(number_) if decimals is None else decimals)


def write_title(sheet: Worksheet, lines: list[str], width: int) -> None:
    """The title block from row 1: bold centred lines, each merged across ``width`` columns.
    Written as text: the agency's name is typed by an administrator."""
    for row, text in enumerate(lines, 1):
        cell = sheet.cell(row=row, column=1)
        write_text(cell, text)
        cell.font = Font(bold=True, size=13 if row == 1 else 12)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


LOGO_PIXELS = 72  # height of the logo over a sheet's title block (about four rows)


def place_logo(sheet: Worksheet, logo: bytes | None) -> None:
    """The agency's logo (reports.logo) over the top left of the title block, as in the kop
    of its PDFs; the title is centred across the table, clear of it."""
    if not logo:
        return
    image = XlImage(io.BytesIO(logo))
    image.width, image.height = round(image.width * LOGO_PIXELS / image.height), LOGO_PIXELS
    image.anchor = "A1"
    sheet.add_image(image)


def write_header(sheet: Worksheet, row: int, titles: tuple[str, ...],
                 widths: Sequence[float] | None = None) -> None:
    """A table's header cells in row ``row``; column widths grow to ``widths`` (default: from
    the titles) and never shrink, so two tables can share a sheet."""
    for index, name in enumerate(titles, 1):
        cell = sheet.cell(row=row, column=index, value=name)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = HEADER_ALIGNMENT
        cell.border = BORDER
        letter = get_column_letter(index)
        wanted = widths[index - 1] if widths else max(12, min(40, len(name) + 4))
        if letter in sheet.column_dimensions:  # an earlier table on the sheet set it
            wanted = max(wanted, sheet.column_dimensions[letter].width or 0)
        sheet.column_dimensions[letter].width = wanted
    sheet.row_dimensions[row].height = 45


def signature_lines(signed: SignOff) -> list[tuple[str, bool]]:
    """(text, is the name) lines, with blank lines for the signature; none without a name."""
    if not signed.name:
        return []
    lines: list[tuple[str, bool]] = []
    dated = place_date(signed.place, signed.day)
    if dated is not None:
        lines.append((dated, False))
    lines += [(f"{signed.title.rstrip(',')},", False), ("", False), ("", False), ("", False),
              (signed.name, True)]
    if signed.rank:
        lines.append((signed.rank, False))
    if signed.nip:
        lines.append((f"NIP. {format_nip(signed.nip)}", False))
    return lines


def write_signature(sheet: Worksheet, row: int, column: int, signed: SignOff) -> None:
    """The signature block from ``row`` down in ``column``, the name bold and underlined."""
    for offset, (text, is_name) in enumerate(signature_lines(signed)):
        if not text:
            continue
        cell = sheet.cell(row=row + offset, column=max(column, 1))
        write_text(cell, text)
        cell.alignment = Alignment(horizontal="left")
        if is_name:
            cell.font = Font(bold=True, underline="single")


def set_print_layout(sheet: Worksheet, header: int | None) -> None:
    """A4 landscape, fitted to the page width, row ``header`` repeated on every page, pages
    numbered: a wide table prints readably without anyone setting up the page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if header is not None:
        sheet.print_title_rows = f"{header}:{header}"
    sheet.oddFooter.center.text = "Halaman &P dari &N"
    sheet.oddFooter.center.size = 8
