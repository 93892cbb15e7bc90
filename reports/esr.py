"""The file uploaded to ESR: *Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulan N Tahun
YYYY*, as a workbook and as a PDF (A4 landscape).

One table in the layout of the domain notes: No · Sasaran Strategis · Indikator Kinerja ·
Satuan · Target Tahunan · Target TW N · Realisasi TW N · Realisasi s.d. TW N · Capaian TW N (%)
· Capaian s.d. TW N (%) · Program / Kegiatan / Sub Kegiatan · Pagu Anggaran (Rp) · Realisasi
Anggaran (Rp) · Serapan (%) · Kendala / Hambatan · Tindak Lanjut / Upaya · Penanggung Jawab ·
Data Dukung.

Each indicator lists the sub-kegiatan that support it (those naming its code) as sub-rows; its
own cells span them, and in the workbook the goal's cell spans its indicators. Sub-kegiatan
that name no indicator of the table close the table in their own group, and the total counts
every sub-kegiatan once, however many indicators it supports. A missing figure shows ``-``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from fpdf.enums import XPos, YPos
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.master_rules import key_of
from bot.formatting import ROMAN, period_label
from reports.heading import UNSIGNED, ReportHeading, SignOff
from reports.pdf import (
    FONT,
    REPORT_MARGIN,
    OfficialPDF,
    Signature,
    clean,
    government_line,
    signature_of,
)
from reports.pdf_tables import (
    CELL_CHARS,
    GROUP_STYLE,
    HEADINGS_STYLE,
    TOTAL_STYLE,
    LineBreaker,
    TableCell,
    TableLayout,
    cell_text,
    draw_table,
    face_of,
    figure_text,
    money_text,
    percent_text,
)
from reports.sheets import (
    BORDER,
    GROUP_FILL,
    TOTAL_FILL,
    CellKind,
    ColumnSpec,
    Figure,
    new_workbook,
    place_logo,
    set_print_layout,
    to_bytes,
    write_cell,
    write_header,
    write_signature,
    write_text,
    write_title,
)
from reports.workbooks import (
    FinanceRow,
    MeasurementRow,
    SummaryRow,
    evidence_sheet,
    missing_quarter_notes,
    summarize,
)

ESR_TITLE = "REALISASI RENCANA AKSI AKUNTABILITAS KINERJA"
ESR_SHEET = "Realisasi Rencana Aksi"
EVIDENCE_SHEET = "Indeks Data Dukung"
ESR_HEADER_ROW = 6  # the table's header; the title block above it, the data below
UNLINKED = "Sub kegiatan tanpa indikator terkait"
TOTAL_LABEL = "JUMLAH"
NOTES = (
    "Tanda - : belum dilaporkan, tidak ada target, tidak ada sub kegiatan terkait, atau tidak "
    "dapat diukur.",
    "Jumlah pagu dan realisasi anggaran menghitung setiap sub kegiatan satu kali, walaupun "
    "sub kegiatan itu mendukung lebih dari satu indikator.",
    "Serapan = realisasi anggaran / pagu anggaran × 100.",
)
CUT_NOTE = ("Teks yang panjang dipotong (…); teks lengkap ada pada berkas Excel laporan "
            "ini.")
PROGRAM_COLUMN = 11  # the first of the sub-kegiatan's columns (11 to 14)
_INDICATOR_COLUMNS = (1, 3, 4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 18)
_LINE_COLUMNS = tuple(range(PROGRAM_COLUMN, PROGRAM_COLUMN + 4))
_PDF_SIZE = 6.0
# Millimetres, 277 in all: each heading's longest word fits its column in 6 pt bold.
_PDF_WIDTHS = (5, 17, 22, 13, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 23, 22, 22, 12, 17, 17, 17, 15)
_PDF_LINE = 2.9  # mm, a line of 6 pt text in a cell
_PDF_PADDING = 0.8
_PDF_HEADER_ROOM = 20.0  # mm kept for the repeated header row
_PDF_MAX_LINES = 30  # lines of a cell in the PDF (about 9 cm); cell_text cuts at CELL_CHARS
_SIGNATURE_WIDTH = 95.0
_PDF_SIDE_MARGIN = 10.0  # left and right; top and bottom keep REPORT_MARGIN for page numbers
_PDF_HEADINGS = replace(HEADINGS_STYLE, size_pt=_PDF_SIZE)
_PDF_TABLE = TableLayout(_PDF_WIDTHS, _PDF_LINE, _PDF_PADDING, _PDF_HEADINGS)
_PDF_TOTAL = replace(TOTAL_STYLE, size_pt=5.5)  # bold sums up to hundreds of billions fit a line
_LINE_POINTS = 15.0  # height of a line of 11 pt text in a row


def esr_title(year: int, quarter: int) -> str:
    """``Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulan III Tahun 2024``."""
    return f"{ESR_TITLE.title()} {period_label(year, quarter)}"


def esr_columns(quarter: int) -> tuple[str, ...]:
    """The 18 column titles, ``TW N`` with the quarter in roman numerals."""
    return tuple(c.title for c in _columns(quarter))


def _columns(quarter: int) -> tuple[ColumnSpec, ...]:
    tw = f"TW {ROMAN[quarter]}"
    return (
        ColumnSpec("No", 5, "int"), ColumnSpec("Sasaran Strategis", 24),
        ColumnSpec("Indikator Kinerja", 30), ColumnSpec("Satuan", 9, "label"),
        ColumnSpec("Target Tahunan", 11, "value"), ColumnSpec(f"Target {tw}", 11, "value"),
        ColumnSpec(f"Realisasi {tw}", 11, "value"),
        ColumnSpec(f"Realisasi s.d. {tw}", 12, "value"),
        ColumnSpec(f"Capaian {tw} (%)", 11, "percent"),
        ColumnSpec(f"Capaian s.d. {tw} (%)", 11, "percent"),
        ColumnSpec("Program / Kegiatan / Sub Kegiatan", 40),
        ColumnSpec("Pagu Anggaran (Rp)", 19, "money"),
        ColumnSpec("Realisasi Anggaran (Rp)", 19, "money"),
        ColumnSpec("Serapan (%)", 9, "percent"), ColumnSpec("Kendala / Hambatan", 26),
        ColumnSpec("Tindak Lanjut / Upaya", 26), ColumnSpec("Penanggung Jawab", 16),
        ColumnSpec("Data Dukung", 26),
    )


# --- the layout, shared by both files -----------------------------------------------------------
@dataclass(frozen=True)
class IndicatorBlock:
    """One indicator, numbered, with the sub-kegiatan that support it."""

    number: int
    row: MeasurementRow
    lines: tuple[FinanceRow, ...]


@dataclass(frozen=True)
class GoalGroup:
    goal: str
    blocks: tuple[IndicatorBlock, ...]


@dataclass(frozen=True)
class EsrLayout:
    goals: tuple[GoalGroup, ...]
    unlinked: tuple[FinanceRow, ...]  # sub-kegiatan naming no indicator of the table
    total: SummaryRow  # every sub-kegiatan once: pagu, realisasi reported, serapan


def esr_layout(measurements: Sequence[MeasurementRow],
               finances: Sequence[FinanceRow]) -> EsrLayout:
    """Indicators grouped by goal (in the order goals first appear), numbered in that order;
    codes are compared as the master data compares them (case-free)."""
    by_goal: dict[str, list[MeasurementRow]] = {}
    for m in measurements:
        by_goal.setdefault(m.goal, []).append(m)
    supports = [{key_of(code) for code in f.indicator_codes} - {""} for f in finances]
    goals, number = [], 0
    for goal, rows in by_goal.items():
        blocks = []
        for m in rows:
            number += 1
            lines = tuple(f for f, keys in zip(finances, supports, strict=True)
                          if key_of(m.code) in keys)
            blocks.append(IndicatorBlock(number, m, lines))
        goals.append(GoalGroup(goal, tuple(blocks)))
    known = {key_of(m.code) for m in measurements}
    unlinked = tuple(f for f, keys in zip(finances, supports, strict=True)
                     if not keys & known)
    return EsrLayout(tuple(goals), unlinked, summarize((), finances).total)


def program_path(line: FinanceRow) -> str:
    """``Program › Kegiatan › 1.03.02.2.01.01 Sub Kegiatan``, leaving out what is empty."""
    name = " ".join(part.strip() for part in (line.code, line.name) if part.strip())
    return " › ".join(part.strip() for part in (line.program, line.activity, name)
                      if part.strip()) or "-"


@dataclass(frozen=True)
class _Cell:
    """A cell of the table: ``None`` shows ``-``, ``""`` stays empty."""

    column: int  # 1-based
    value: object
    rows: int = 1
    columns: int = 1
    breakable: bool = False  # in the PDF, a span that may go on over a page break


_Row = tuple[str, list[_Cell]]  # (kind: data | group | total, cells)


_Split = Callable[[tuple[FinanceRow, ...]], list[tuple[FinanceRow, ...]]]


def _grid(layout: EsrLayout, *, split: _Split | None = None) -> list[_Row]:
    """The table's rows. Each goal spans its indicators, and a sub-kegiatan shared by the
    indicators of consecutive rows spans those rows. With ``split`` (the PDF, where an
    indicator's cells cannot cross a page) an indicator's sub-kegiatan come in the parts
    ``split`` cuts them into, each part on one page, and the goal's and the shared
    sub-kegiatan's spans are breakable: cut at a page break, written again on the next."""
    for_pdf = split is not None
    rows: list[_Row] = []
    for group in layout.goals:
        first = len(rows)
        for block in group.blocks:
            chunks = split(block.lines) if split and block.lines else [block.lines]
            for index, chunk in enumerate(chunks):
                span = max(1, len(chunk))
                own = _indicator_values(block) if index == 0 else {
                    **dict.fromkeys(_INDICATOR_COLUMNS, ""),
                    3: f"{block.row.indicator} (lanjutan)"}
                for offset, line in enumerate(chunk or (None,)):
                    cells = [_Cell(c, v) for c, v in _line_values(line).items()]
                    if offset == 0:
                        cells += [_Cell(c, v, rows=span) for c, v in own.items()]
                    rows.append(("data", sorted(cells, key=lambda cell: cell.column)))
        if len(rows) > first:
            _merge_repeated_lines(rows, first, [line for block in group.blocks
                                                for line in block.lines or (None,)],
                                  breakable=for_pdf)
            rows[first][1].insert(1, _Cell(2, group.goal, rows=len(rows) - first,
                                           breakable=for_pdf))
    if layout.unlinked:
        rows.append(("group", [_Cell(1, UNLINKED, columns=18)]))
        for line in layout.unlinked:
            values = {**dict.fromkeys(range(1, 19), ""), **_line_values(line),
                      17: line.division or None}
            rows.append(("data", [_Cell(c, v) for c, v in values.items()]))
    total = layout.total
    rows.append(("total", [_Cell(1, TOTAL_LABEL, columns=PROGRAM_COLUMN),
                           _Cell(12, total.budget), _Cell(13, total.realization),
                           _Cell(14, total.absorption), _Cell(15, "", columns=4)]))
    return rows


def _merge_repeated_lines(rows: list[_Row], first: int, lines: list[FinanceRow | None], *,
                          breakable: bool = False) -> None:
    """A sub-kegiatan that supports the indicators of consecutive rows is written once, its
    cells merged down over those rows, as a signed RRA shows it (``lines``: the sub-kegiatan
    of each row from ``first``)."""
    owner = first
    for index in range(first + 1, len(rows)):
        if lines[index - first] is not None and lines[index - first] == lines[owner - first]:
            kept = rows[owner][1]
            rows[owner] = (rows[owner][0], [
                replace(c, rows=c.rows + 1, breakable=breakable) if c.column in _LINE_COLUMNS
                else c for c in kept])
            rows[index] = (rows[index][0],
                           [c for c in rows[index][1] if c.column not in _LINE_COLUMNS])
        else:
            owner = index


def _indicator_values(block: IndicatorBlock) -> dict[int, object]:
    m, decimals = block.row, block.row.decimals
    return {1: block.number, 3: _typed(m.indicator), 4: _typed(m.unit),
            5: Figure(m.annual_target, decimals), 6: Figure(m.quarter_target, decimals),
            7: Figure(m.realization, decimals), 8: Figure(m.realization_to_date, decimals),
            9: m.achievement, 10: m.achievement_to_date, 15: _typed(m.obstacles),
            16: _typed(m.follow_up), 17: _typed(m.division), 18: _typed("\n".join(m.files()))}


def _line_values(line: FinanceRow | None) -> dict[int, object]:
    if line is None:
        return dict.fromkeys(range(PROGRAM_COLUMN, PROGRAM_COLUMN + 4))
    return {11: program_path(line), 12: line.budget, 13: line.realization,
            14: line.absorption_value()}


def _typed(text: str) -> str | None:
    """Typed text as it is; empty text is a missing value."""
    return text if text.strip() else None


def _heading(heading: ReportHeading) -> list[str]:
    lines = [government_line(heading.province), heading.agency.upper(), ESR_TITLE,
             period_label(heading.year, heading.quarter).upper()]
    return [line for line in lines if line]


# --- the workbook -------------------------------------------------------------------------------
def esr_workbook(
    heading: ReportHeading, *, measurements: Sequence[MeasurementRow],
    finances: Sequence[FinanceRow], sign_off: SignOff = UNSIGNED, evidence_index: bool = True,
) -> bytes:
    """The ESR table as xlsx bytes: sheet *Realisasi Rencana Aksi* (title block, header in row
    6, the table, its notes, the sign-off's approval note and, when it names someone, the
    signature block) and, unless ``evidence_index=False``, *Indeks Data Dukung*."""
    columns = _columns(heading.quarter)
    book, sheet = new_workbook(ESR_SHEET)
    title_lines = _heading(heading)
    write_title(sheet, title_lines, len(columns))
    place_logo(sheet, heading.logo)
    write_header(sheet, ESR_HEADER_ROW, tuple(c.title for c in columns),
                [c.width for c in columns])
    end = _write_grid(sheet, columns, _grid(esr_layout(measurements, finances)))
    closing = [(note, Font(italic=True, size=9))
               for note in (*NOTES, *missing_quarter_notes(measurements))]
    if sign_off.approval_note:  # after a blank line, in bold
        closing += [("", Font()), (sign_off.approval_note, Font(bold=True))]
    for row, (text, font) in enumerate(closing, end + 2):
        if text:
            write_text(sheet.cell(row=row, column=1), text)
            sheet.cell(row=row, column=1).font = font
    write_signature(sheet, end + len(closing) + 3, 15, sign_off)
    sheet.freeze_panes = f"D{ESR_HEADER_ROW + 1}"
    set_print_layout(sheet, ESR_HEADER_ROW)
    if evidence_index and measurements:
        index = book.create_sheet(EVIDENCE_SHEET)
        evidence_sheet(index, title_lines[-3:], measurements, ())
    return to_bytes(book)


def _write_grid(sheet: Worksheet, columns: Sequence[ColumnSpec], grid: list[_Row]) -> int:
    """The rows below the header, merged as the grid spans them; returns the last row."""
    heights = _Heights()
    row = ESR_HEADER_ROW
    for row, (kind, cells) in enumerate(grid, ESR_HEADER_ROW + 1):
        for cell_spec in cells:
            cell = sheet.cell(row=row, column=cell_spec.column)
            _show(cell, cell_spec.value, columns[cell_spec.column - 1].kind)
            if kind != "data":
                cell.font = Font(bold=True)
                cell.fill = GROUP_FILL if kind == "group" else TOTAL_FILL
            if kind == "group":
                cell.alignment = Alignment(horizontal="left", vertical="center")
            elif cell_spec.value == TOTAL_LABEL:
                cell.alignment = Alignment(horizontal="center", vertical="center")
            width = sum(c.width for c in columns[cell_spec.column - 1:
                                                 cell_spec.column - 1 + cell_spec.columns])
            if isinstance(cell.value, str):
                heights.add(row, cell_spec.rows, cell.value, width)
            if cell_spec.rows > 1 or cell_spec.columns > 1:
                sheet.merge_cells(start_row=row, start_column=cell_spec.column,
                                  end_row=row + cell_spec.rows - 1,
                                  end_column=cell_spec.column + cell_spec.columns - 1)
    heights.apply(sheet)
    return row


def _show(cell: Cell, value: object, kind: CellKind) -> None:
    """A figure with its format, typed text as text, ``-`` for a missing value."""
    if value == "":
        cell.border = BORDER
    elif value is None or (isinstance(value, Figure) and value.value is None):
        write_cell(cell, "-", "label")
    else:
        write_cell(cell, value, kind)


class _Heights:
    """Row heights for wrapped text: neither Excel nor LibreOffice sizes a merged cell."""

    def __init__(self) -> None:
        self.lines: dict[int, int] = {}
        self.spans: list[tuple[int, int, int]] = []

    def add(self, row: int, rows: int, text: str, width: float) -> None:
        per_line = max(4, int(width * 1.1) - 2)
        lines = sum(len(textwrap.wrap(part, per_line)) or 1 for part in text.split("\n"))
        if rows == 1:
            self.lines[row] = max(self.lines.get(row, 1), lines)
        else:
            self.spans.append((row, rows, lines))

    def apply(self, sheet: Worksheet) -> None:
        for top, rows, lines in sorted(self.spans, key=lambda span: span[1]):
            have = sum(self.lines.get(r, 1) for r in range(top, top + rows))
            if have < lines:
                last = top + rows - 1
                self.lines[last] = self.lines.get(last, 1) + lines - have
        for row, lines in self.lines.items():
            if lines > 1:
                sheet.row_dimensions[row].height = min(409.0, lines * _LINE_POINTS + 3)


# --- the PDF ------------------------------------------------------------------------------------
def esr_pdf(
    heading: ReportHeading, *, measurements: Sequence[MeasurementRow],
    finances: Sequence[FinanceRow], sign_off: SignOff = UNSIGNED,
    created_at: datetime | None = None,
) -> bytes:
    """The ESR table as A4 landscape PDF bytes, the header repeated on every page; parameters
    as for :func:`esr_workbook`, ``created_at`` fixes the file's date (reproducible output)."""
    pdf = OfficialPDF(orientation="L", margin=REPORT_MARGIN,
                      title=esr_title(heading.year, heading.quarter), author=heading.agency,
                      created_at=created_at)
    pdf.set_left_margin(_PDF_SIDE_MARGIN)
    pdf.set_right_margin(_PDF_SIDE_MARGIN)
    pdf.add_page()
    pdf.report_heading(_heading(heading), logo=heading.logo)
    cells = _PdfCells(pdf, _columns(heading.quarter))
    grid = _grid(esr_layout(measurements, finances), split=cells.split)
    pdf.set_font(FONT, "", _PDF_SIZE)
    rows = []
    for kind, row_cells in grid:
        style = {"group": GROUP_STYLE, "total": _PDF_TOTAL}.get(kind)
        row = []
        for cell in row_cells:
            text = cells.text(cell)
            row.append(TableCell(text, cells.align(cell, text), style, cell.rows, cell.columns,
                                 cell.breakable))
        rows.append(row)
    draw_table(pdf, _PDF_TABLE, [TableCell(spec.title, "C") for spec in cells.columns], rows,
               cells.breaker)
    pdf.ln(2)
    notes = [*NOTES, *missing_quarter_notes(measurements), *([CUT_NOTE] if cells.cut else [])]
    _pdf_closing(pdf, notes, sign_off.approval_note, signature_of(sign_off))
    return pdf.to_bytes()


class _PdfCells:
    """The PDF's cell texts, each cut to :data:`_PDF_MAX_LINES` lines of its column, and the
    cutting of long blocks into parts that fit a page below the header: a page never breaks
    inside spanned cells, so a taller block could not be drawn."""

    def __init__(self, pdf: OfficialPDF, columns: Sequence[ColumnSpec]) -> None:
        self.pdf = pdf
        self.columns = columns
        self.room = pdf.page_break_trigger - pdf.t_margin - _PDF_HEADER_ROOM
        self.cut = False  # some text was cut
        self.breaker = LineBreaker(pdf)  # shared with draw_table: widths measured once
        pdf.set_font(FONT, "", _PDF_SIZE)
        self.face = face_of(pdf)
        # Measured in a room narrower by fpdf2's cell margin on each side, as these texts have
        # always been measured (the same cuts and parts as before); heights err on the safe side.
        scale = pdf.epw / sum(_PDF_WIDTHS)
        self.rooms = [width * scale - 2 * (_PDF_PADDING + pdf.c_margin) for width in _PDF_WIDTHS]

    def _lines(self, column: int, text: str) -> list[str]:
        """The lines of ``text`` in the column, broken as :func:`draw_table` breaks them."""
        return [line for line, _ in self.breaker.lines(text, self.rooms[column - 1], self.face)]

    def text(self, cell: _Cell) -> str:
        text = _pdf_text(cell.value, self.columns[cell.column - 1].kind)
        if isinstance(cell.value, str) and len(clean(cell.value).strip()) > CELL_CHARS:
            self.cut = True  # cell_text cut it
        if cell.columns > 1 or len(text) <= _PDF_MAX_LINES:
            return text  # a label, or too short for that many lines
        lines = self._lines(cell.column, text)
        if len(lines) <= _PDF_MAX_LINES:
            return text
        self.cut = True
        return "\n".join([*lines[:_PDF_MAX_LINES - 1], "…"])

    def align(self, cell: _Cell, text: str) -> str:
        kind = self.columns[cell.column - 1].kind
        if cell.columns > 1:
            return "L" if cell.value == UNLINKED else "C"
        if text == "-" or kind in ("int", "label"):
            return "C"
        return "R" if kind in ("value", "percent", "money") else "L"

    def height(self, line: FinanceRow) -> float:
        lines = max(len(self._lines(c, self.text(_Cell(c, v))))
                    for c, v in _line_values(line).items())
        return max(1, lines) * _PDF_LINE + 2 * _PDF_PADDING

    def split(self, lines: tuple[FinanceRow, ...]) -> list[tuple[FinanceRow, ...]]:
        parts: list[tuple[FinanceRow, ...]] = []
        part: list[FinanceRow] = []
        used = 0.0
        for line in lines:
            size = self.height(line)
            if part and used + size > self.room:
                parts.append(tuple(part))
                part, used = [], 0.0
            part.append(line)
            used += size
        return [*parts, tuple(part)]


def _pdf_closing(pdf: OfficialPDF, notes: Sequence[str], approval_note: str | None,
                 signature: Signature | None) -> None:
    """The notes and the approval at the left, the signature block beside them at the right
    (below them when the notes end on a new page)."""
    top, page = pdf.get_y(), pdf.page
    width = pdf.epw - (_SIGNATURE_WIDTH + 5 if signature else 0)
    pdf.set_font(FONT, "I", 7)
    for note in notes:
        pdf.multi_cell(width, 3.5, note, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if approval_note:
        pdf.ln(3)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(width, 5, clean(approval_note), align="L", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
    if signature is None:
        return
    bottom = pdf.get_y()
    if pdf.page == page:
        pdf.set_y(top)
    pdf.signatures([signature], width=_SIGNATURE_WIDTH)
    pdf.set_y(max(pdf.get_y(), bottom) if pdf.page == page else pdf.get_y())


def _pdf_text(value: object, kind: CellKind) -> str:
    if value == "":
        return ""
    if isinstance(value, Figure):
        return figure_text(value.value, value.decimals)
    if value is None or isinstance(value, str):
        return cell_text(value)
    number_ = value if isinstance(value, Decimal | int | float) else None
    if kind == "percent":
        return percent_text(number_)
    if kind == "money":
        # The heading already says "(Rp)": without it, sums of hundreds of billions fit a line.
        return money_text(number_).removeprefix("Rp ")
    return str(value) if kind == "int" else figure_text(number_)
