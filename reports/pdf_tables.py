"""Cell texts and row styles of the report tables in PDF, shared by the report PDF and the ESR
PDF so that both show a figure, a percentage, a sum of money or a missing value the same way.

A PDF cell holds text, not a number with a format code as a workbook does: figures are
written in the Indonesian style (``1.234,5``), a missing value shows ``-``, and typed text is
cut at :data:`CELL_CHARS` characters (the workbook filed with the PDF keeps all of it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from fpdf import FPDF
from fpdf.drawing_primitives import DeviceCMYK, DeviceGray, DeviceRGB
from fpdf.fonts import FontFace

from bot.formatting import as_decimal, money, number, shown_decimals
from reports.pdf import clean

CELL_CHARS = 400  # longer typed text is cut in the PDF (the workbook keeps all of it)
HEADINGS_STYLE = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(31, 78, 120),
                          size_pt=6.5)  # the workbooks' header colour, 1F4E78
GROUP_STYLE = FontFace(emphasis="BOLD", fill_color=(221, 235, 247))  # a goal or a group
TOTAL_STYLE = FontFace(emphasis="BOLD", fill_color=(242, 242, 242))  # the JUMLAH row
Color = DeviceRGB | DeviceGray | DeviceCMYK


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



# --- the table renderer -------------------------------------------------------------------------
# fpdf2's ``table()`` breaks every cell character by character, twice (once to size the row,
# once to draw it): some 15 s for a 1,000-indicator report. :func:`draw_table` draws the same
# table by fpdf2's rules (widths scaled to the page, padding on every side, text at the top,
# each row as tall as its tallest cell, spanned rows sized as fpdf2 sizes them and never cut by
# a page break, the header row again on every page) but breaks lines word by word with
# memoised widths, and draws a line with ``text()`` and a cell with ``rect()``.

Face = tuple[str, str, float, Color | None, Color | None]
"""family, emphasis (``""``, ``"B"``, ``"I"``, ``"BI"``), size in points, text and fill colour"""

_SOFT_HYPHEN = "\u00ad"  # fpdf2 breaks there and prints nothing
# Inside a word too wide for its column, a line may end after one of these (file names:
# "Data-Dukung-Bina-Marga-1.pdf", "laporan_tw1.xlsx", a path) rather than mid-word.
_WORD_BREAKS = frozenset("-_/.")
SMALLEST = 0.7  # a cell's font shrinks at most to this share to keep its words whole
_TOLERANCE = 1e-9  # fpdf2's, comparing a line's width with the room
_UNSET = object()


@dataclass(frozen=True)
class TableCell:
    """A cell: its text, ``L``/``C``/``R``, a style laid over the table's, and its spans. As in
    fpdf2, cells fill a row left to right, skipping columns a cell above still spans."""

    text: str
    align: str = "L"
    style: FontFace | None = None
    rows: int = 1
    columns: int = 1
    # A span of rows that may be cut at a page break (a goal over its indicators): drawn to
    # the foot of the page, and again, with its text, from the top of the next.
    breakable: bool = False


@dataclass(frozen=True)
class TableLayout:
    """Column widths (scaled to the width between the margins), the height of a line of text,
    the padding on every side of a cell and the header row's style; sizes in millimetres."""

    widths: Sequence[float]
    line_height: float
    padding: float
    headings_style: FontFace


class LineBreaker:
    """Lines of a cell's text: broken at spaces and line breaks; a word wider than the room
    after a hyphen, an underscore, a slash or a dot; mid-word only when nothing else fits
    (``breaks_words`` tells, so that the cell's font can shrink first). Widths and whole cells
    are memoised per font, so a text met before costs a dictionary look-up."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._widths: dict[tuple[Face, str], float] = {}
        self._cells: dict[tuple[Face, float, str], list[tuple[str, float]]] = {}

    def lines(self, text: str, room: float, face: Face) -> list[tuple[str, float]]:
        """``(line, its width)`` of ``text`` in ``room`` mm; none for empty text."""
        key = (face, room, text)
        found = self._cells.get(key)
        if found is None:
            paragraphs = text.replace("\r", "").replace(_SOFT_HYPHEN, "").split("\n")
            if len(paragraphs) > 1 and not paragraphs[-1]:
                paragraphs.pop()  # a closing line break adds no line
            found = [line for paragraph in paragraphs
                     for line in self._wrap(paragraph, room + _TOLERANCE, face)] if text else []
            self._cells[key] = found
        return found

    def width(self, text: str, face: Face) -> float:
        """The width of ``text`` in mm, its characters' widths added up (as fpdf2 does)."""
        key = (face, text)
        found = self._widths.get(key)
        if found is None:
            if len(text) > 1:
                found = sum(self.width(char, face) for char in text)
            else:
                set_face(self.pdf, face)
                found = self.pdf.get_string_width(text)
            self._widths[key] = found
        return found

    def _wrap(self, paragraph: str, room: float, face: Face) -> list[tuple[str, float]]:
        space = self.width(" ", face)
        lines: list[tuple[str, float]] = []
        line, used, started = "", 0.0, False
        for word in paragraph.split(" "):
            size = self.width(word, face)
            if started:
                if used + space + size <= room:
                    line, used = f"{line} {word}", used + space + size
                    continue
                lines.append((line, used))  # the space where it breaks is dropped
            while size > room and len(word) > 1:  # a word wider than the room
                count = self._at_a_break(word, room, face) or self._fitting(word, room, face)
                lines.append((word[:count], self.width(word[:count], face)))
                word = word[count:]
                size = self.width(word, face)
            line, used, started = word, size, True
        lines.append((line, used))
        return lines

    def breaks_words(self, text: str, room: float, face: Face) -> bool:
        """Whether some word of ``text`` must be cut between two letters in ``room``."""
        for word in text.replace("\n", " ").split(" "):
            while self.width(word, face) > room + _TOLERANCE and len(word) > 1:
                count = self._at_a_break(word, room + _TOLERANCE, face)
                if not count:
                    return True
                word = word[count:]
        return False

    def _at_a_break(self, word: str, room: float, face: Face) -> int:
        """The longest start of ``word`` that fits and ends after a hyphen, an underscore, a
        slash or a dot; 0 if there is none."""
        used, best = 0.0, 0
        for count, char in enumerate(word[:-1], start=1):
            used += self.width(char, face)
            if used > room:
                break
            if char in _WORD_BREAKS:
                best = count
        return best

    def _fitting(self, word: str, room: float, face: Face) -> int:
        """How many of the word's first characters fit the room (at least one)."""
        used = 0.0
        for count, char in enumerate(word):
            used += self.width(char, face)
            if used > room:
                return max(1, count)
        return len(word)


def face_of(pdf: FPDF, style: FontFace | None = None) -> Face:
    """The pdf's current font and colours with ``style`` laid over them."""
    face = FontFace.combine(pdf.font_face(), style) or pdf.font_face()
    emphasis = face.emphasis.style.replace("U", "") if face.emphasis is not None else ""
    return (face.family or pdf.font_family, emphasis, float(face.size_pt or pdf.font_size_pt),
            face.color, face.fill_color)


def set_face(pdf: FPDF, face: Face) -> None:
    """The face's font, unless it is already set."""
    family, emphasis, size = face[:3]
    if (pdf.font_family, pdf.font_style, pdf.font_size_pt) != (family.lower(), emphasis, size):
        pdf.set_font(family, emphasis, size)


@dataclass(frozen=True)
class _Placed:
    """A cell with its column, width, font and lines."""

    cell: TableCell
    left: float
    width: float
    face: Face
    lines: list[tuple[str, float]]


def draw_table(pdf: FPDF, layout: TableLayout, heads: Sequence[TableCell],
               rows: Sequence[Sequence[TableCell]], breaker: LineBreaker | None = None) -> None:
    """The bordered table from the current position down, the header row repeated at the top
    of every further page; ends below the table at the left margin. Rows that others span
    start a page together, unless the span is ``breakable``; a group taller than a page raises
    ``ValueError`` as fpdf2 does."""
    breaker = breaker or LineBreaker(pdf)
    total = sum(layout.widths)
    widths = [w / total * pdf.epw for w in layout.widths]
    lefts = list(accumulate(widths[:-1], initial=pdf.l_margin))  # added up as fpdf2 does
    saved = (pdf.font_family, pdf.font_style, pdf.font_size_pt, pdf.text_color, pdf.fill_color)
    header = face_of(pdf, layout.headings_style)
    body = face_of(pdf)
    placer = _Placer(breaker, layout, lefts, widths)
    grid = [placer.row(heads, header), *(placer.row(row, body) for row in rows)]
    heights = _row_heights(grid, layout)
    blocks = _blocks(grid, heights)
    pen = _Pen(pdf, layout)
    if len(grid) > 1 and pdf.get_y() + blocks[0] + blocks[1] > pdf.page_break_trigger:
        pdf.add_page()  # not the header alone at the foot of a page
    open_spans: list[_OpenSpan] = []  # breakable cells begun, drawn when they end or break
    for index, placed in enumerate(grid):
        if pdf.get_y() + blocks[index] > pdf.page_break_trigger:
            for span in open_spans:
                pen.cell(span.item, span.top, pdf.get_y() - span.top)
            pdf.add_page()
            if pdf.get_y() + blocks[index] > pdf.page_break_trigger:
                raise ValueError(f"The row with index {index} is too high for a page")
            if index:
                pen.row(grid[0], heights, 0)
            for span in open_spans:
                span.top = pdf.get_y()
        kept = [item for item in placed if not _breaks(item)]
        open_spans += [_OpenSpan(item, pdf.get_y(), index + item.cell.rows)
                       for item in placed if _breaks(item)]
        pen.row(kept, heights, index)
        for span in [s for s in open_spans if s.end == index + 1]:
            pen.cell(span.item, span.top, pdf.get_y() - span.top)
            open_spans.remove(span)
    family, style, size, text_colour, fill_colour = saved
    pdf.set_font(family, style, size)
    if text_colour is not None:
        pdf.set_text_color(text_colour)
    if fill_colour is not None:
        pdf.set_fill_color(fill_colour)
    pdf.set_x(pdf.l_margin)


@dataclass
class _OpenSpan:
    item: _Placed
    top: float  # where it began on the current page
    end: int  # the row after its last


def _breaks(item: _Placed) -> bool:
    return item.cell.breakable and item.cell.rows > 1


class _Placer:
    """Cells into columns, skipping those a cell above spans, with their lines."""

    def __init__(self, breaker: LineBreaker, layout: TableLayout, lefts: list[float],
                 widths: list[float]) -> None:
        self.breaker, self.layout, self.lefts, self.widths = breaker, layout, lefts, widths
        self.spanned: dict[int, int] = {}  # column: rows below still covered by a cell

    def row(self, cells: Sequence[TableCell], base: Face) -> list[_Placed]:
        covered = {column for column, rows in self.spanned.items() if rows > 0}
        placed, column, spanning = [], 0, {}
        for cell in cells:
            while column in covered:
                column += 1
            width = sum(self.widths[column:column + cell.columns])
            face = self._face(base, cell.style)
            room = width - 2 * self.layout.padding
            face = self._whole_words(cell.text, room, face)
            placed.append(_Placed(cell, self.lefts[column], width, face,
                                  self.breaker.lines(cell.text, room, face)))
            if cell.rows > 1:
                spanning.update(dict.fromkeys(range(column, column + cell.columns),
                                              cell.rows - 1))
            column += cell.columns
        for spanned in covered:
            self.spanned[spanned] -= 1
        self.spanned.update(spanning)
        return placed

    def _whole_words(self, text: str, room: float, face: Face) -> Face:
        """The cell's font, made smaller (down to ``SMALLEST``) while one of its words would
        otherwise be cut between two letters ("dokume n")."""
        family, emphasis, size, colour, fill = face
        scale = 1.0
        while scale > SMALLEST and self.breaker.breaks_words(text, room, face):
            scale = round(scale - 0.05, 2)
            face = (family, emphasis, size * scale, colour, fill)
        return face

    def _face(self, base: Face, style: FontFace | None) -> Face:
        if style is None:
            return base
        family, emphasis, size, colour, fill = base
        over = style.emphasis.style.replace("U", "") if style.emphasis is not None else emphasis
        return (style.family or family, over, float(style.size_pt or size),
                style.color if style.color is not None else colour,
                style.fill_color if style.fill_color is not None else fill)


def _row_heights(grid: list[list[_Placed]], layout: TableLayout) -> list[float]:
    """Each row's height, as fpdf2 computes it: the tallest cell of one row (a line when all
    are empty), then spanned cells' extra height shared out over the rows they span."""
    pad, line = layout.padding, layout.line_height
    least: list[float] = []
    spans: list[tuple[int, int, float]] = []  # (first row, rows, height)
    for index, placed in enumerate(grid):
        tallest = 0.0
        for item in placed:
            height = len(item.lines) * line + 2 * pad if item.lines else 0.0
            if item.cell.rows > 1:
                spans.append((index, item.cell.rows, height))
            else:
                tallest = max(tallest, height)
        least.append(tallest or line)
    extra = [0.0] * len(grid)
    for first, count, height in sorted(spans, key=lambda span: span[1]):
        covered = range(first, first + count)
        assigned = sum(least[i] for i in covered)
        added = sum(extra[i] for i in covered)
        most = max(extra[i] for i in covered)
        if assigned + added < height:
            if height > assigned + count * most:
                for i in covered:
                    extra[i] = (height - assigned) / count
            else:
                for i in covered:
                    extra[i] += (height - assigned - added) / count
    return [a + b for a, b in zip(least, extra, strict=True)]


def _blocks(grid: list[list[_Placed]], heights: list[float]) -> list[float]:
    """From each row, the height down to the end of the spans that cross it: what must fit on
    the page before that row is drawn."""
    reach = [index + max((item.cell.rows for item in placed if not _breaks(item)), default=1)
             for index, placed in enumerate(grid)]
    blocks = []
    for index in range(len(grid)):
        end, height, row = reach[index], heights[index], index + 1
        while row < end:
            end = max(end, reach[row])
            height += heights[row]
            row += 1
        blocks.append(height)
    return blocks


class _Pen:
    """Draws rows: a cell's fill and border as one rectangle, then its lines of text."""

    def __init__(self, pdf: FPDF, layout: TableLayout) -> None:
        self.pdf, self.layout = pdf, layout
        self.colour: object = _UNSET  # the text colour set last

    def row(self, placed: list[_Placed], heights: list[float], index: int) -> None:
        top = self.pdf.get_y()
        for item in placed:
            self.cell(item, top, sum(heights[index:index + item.cell.rows]))
        self.pdf.set_xy(self.pdf.l_margin, top + heights[index])

    def cell(self, item: _Placed, top: float, height: float) -> None:
        """The cell's fill and border, and as many of its lines as its height holds."""
        pdf, pad, line = self.pdf, self.layout.padding, self.layout.line_height
        y = pdf.get_y()
        fill = item.face[4]
        if fill is not None:
            pdf.set_fill_color(fill)
        pdf.rect(item.left, top, item.width, height, style="DF" if fill is not None else "D")
        if item.lines:
            set_face(pdf, item.face)
            colour = item.face[3]
            if colour != self.colour:
                pdf.set_text_color(colour if colour is not None else 0)
                self.colour = colour
            baseline = top + pad + 0.5 * line + 0.3 * item.face[2] / pdf.k
            room = item.width - 2 * pad
            align = item.cell.align
            shown = max(1, int((height - 2 * pad) / line + 1e-6))
            for text, width in item.lines[:shown]:
                if text:
                    shift = (room - width if align == "R" else
                             (room - width) / 2 if align == "C" else 0.0)
                    pdf.text(item.left + pad + shift, baseline, text)
                baseline += line
        pdf.set_y(y)
