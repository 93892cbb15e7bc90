"""Cell texts and row styles of the report tables in PDF, shared by the report PDF and the ESR
PDF so that both show a figure, a percentage, a sum of money or a missing value the same way.

A PDF cell holds text, not a number with a format code as a workbook does: figures are
written in the Indonesian style (``1.234,5``), a missing value shows ``-``, and typed text is
cut at :data:`CELL_CHARS` characters (the workbook filed with the PDF keeps all of it).
"""

from __future__ import annotations

from decimal import Decimal

from fpdf.fonts import FontFace

from bot.formatting import as_decimal, money, number, shown_decimals
from reports.pdf import clean

CELL_CHARS = 400  # longer typed text is cut in the PDF (the workbook keeps all of it)
HEADINGS_STYLE = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(31, 78, 120),
                          size_pt=6.5)  # the workbooks' header colour, 1F4E78
GROUP_STYLE = FontFace(emphasis="BOLD", fill_color=(221, 235, 247))  # a goal or a group
TOTAL_STYLE = FontFace(emphasis="BOLD", fill_color=(242, 242, 242))  # the JUMLAH row


def cell_text(value: object) -> str:
    """Typed text made printable and cut at :data:`CELL_CHARS` (``…``); empty shows ``-``."""
    text = clean(value).strip() if value is not None else ""
    if len(text) > CELL_CHARS:
        text = text[: CELL_CHARS - 1].rstrip() + "…"
    return text or "-"


def figure_text(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """An indicator figure with ``decimals`` places (``None``: those it has, at most 4)."""
    number_ = as_decimal(value)
    if number_ is None:
        return "-"
    return number(number_, shown_decimals(number_) if decimals is None else decimals)


def percent_text(value: Decimal | float | int | None) -> str:
    """A capaian or serapan in percent points with two decimals: ``87,50``."""
    number_ = as_decimal(value)
    return "-" if number_ is None else number(number_, 2)


def money_text(value: Decimal | float | int | None) -> str:
    """``Rp 1.250.000``, cents only when there are any."""
    number_ = as_decimal(value)
    return "-" if number_ is None else money(number_)
