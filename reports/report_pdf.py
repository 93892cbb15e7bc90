"""The compiled report of step 5 as a PDF (A4 landscape); the ESR file is :mod:`reports.esr`.

The same content as :func:`reports.workbooks.compiled_report`: title block, summary per
strategic goal and per division, the measurement table (grouped by goal, text wrapped), the
financial table with its total, who submitted what, the Kepala Dinas's signature block, and
the two charts as an attachment.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import numpy as np
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from PIL import Image

from bot.domain.capaian import (
    DEFAULT_EFFICIENCY,
    DEFAULT_PREDIKAT_SCALE,
    EfficiencyThresholds,
    PredikatScale,
)
from bot.formatting import number, period_label
from reports.charts import PREDIKAT_COLOURS, predikat_label
from reports.heading import UNSIGNED, ReportHeading, SignOff
from reports.pdf import FONT, REPORT_MARGIN, OfficialPDF, clean, government_line, signature_of
from reports.pdf_tables import (
    CELL_CHARS,
    GROUP_STYLE,
    HEADINGS_STYLE,
    TOTAL_STYLE,
    TableCell,
    TableLayout,
    cell_text,
    draw_table,
    figure_text,
    money_text,
    percent_text,
)
from reports.report_charts import for_the_pdf, report_charts
from reports.workbooks import (
    Basis,
    FinanceRow,
    MeasurementRow,
    PartSummary,
    Summary,
    SummaryRow,
    basis_label,
    efficiency_note,
    efficiency_text,
    finance_total,
    report_title,
    scale_note,
    summarize,
)

_TABLE_SIZE = 7.0


def report_pdf(
    heading: ReportHeading, *, measurements: Sequence[MeasurementRow] = (),
    finances: Sequence[FinanceRow] = (), parts: Sequence[PartSummary] = (),
    final: bool = False, sign_off: SignOff = UNSIGNED, cap: Decimal | int | None = None,
    basis: Basis = "to_date", scale: PredikatScale = DEFAULT_PREDIKAT_SCALE,
    charts: bool = True, created_at: datetime | None = None,
    thresholds: EfficiencyThresholds = DEFAULT_EFFICIENCY,
    chart_images: Sequence[bytes] | None = None,
) -> bytes:
    """The report as A4 landscape PDF bytes. Parameters as for
    :func:`reports.workbooks.compiled_report`; the sign-off's day dates the signature (no
    date line without it), ``created_at`` fixes the file's creation date (reproducible
    output). ``chart_images``: the charts as drawn already for the chat
    (``reports.report_charts``), attached as they are; without them they are drawn here."""
    title = report_title(final)
    period = period_label(heading.year, heading.quarter)
    pdf = OfficialPDF(orientation="L", margin=REPORT_MARGIN, title=f"{title.title()} {period}",
                      author=heading.agency, created_at=created_at)
    pdf.add_page()
    pdf.report_heading([government_line(heading.province), heading.agency.upper(), title,
                        period.upper()], logo=heading.logo)
    summary = summarize(measurements, finances, cap=cap, basis=basis, scale=scale,
                        thresholds=thresholds)
    section = _Sections()
    if measurements or finances:
        _summary(pdf, section, summary, heading.quarter, scale)
    if measurements:
        _measurements(pdf, section, measurements, summary)
    if finances:
        _finances(pdf, section, finances)
    if parts:
        _parts(pdf, section, parts, full=not (measurements or finances))
    if sign_off.approval_note:
        pdf.ln(3)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 5, clean(sign_off.approval_note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    signature = signature_of(sign_off)
    if signature is not None:
        pdf.signatures([signature], width=95)
    if charts and chart_images is None:
        drawn = report_charts(measurements, finances, period=period, scale=scale)
        chart_images = for_the_pdf(drawn, measurements, finances)
    if charts and chart_images:
        _chart_pages(pdf, chart_images)
    return pdf.to_bytes()


class _Sections:
    """A, B, C … in the order the sections appear."""

    def __init__(self) -> None:
        self.count = 0

    def next(self, pdf: OfficialPDF, text: str) -> None:
        letter = chr(ord("A") + self.count)
        self.count += 1
        if pdf.get_y() > pdf.page_break_trigger - 30:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 6, f"{letter}. {text}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)


def _tint(key: str | None) -> FontFace | None:
    """A light fill of the predikat's colour."""
    if key is None:
        return None
    colour = PREDIKAT_COLOURS.get(key)
    if colour is None:
        return None
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return FontFace(fill_color=tuple(round(c + (255 - c) * 0.6) for c in rgb))


# --- sections -----------------------------------------------------------------------------------
def _summary(pdf: OfficialPDF, section: _Sections, summary: Summary, quarter: int,
             scale: PredikatScale) -> None:
    basis = basis_label(summary.basis, quarter)
    capped = summary.cap is not None
    cap_text = number(summary.cap or 0, 0)
    heads = ["No", "", "Jumlah Indikator", "Indikator Terukur", "Rata-rata Capaian TW (%)",
             "Rata-rata Capaian s.d. TW (%)"]
    widths = [8, 44, 15, 15, 19, 19]  # millimetres, scaled to the page width
    if capped:
        heads.append(f"Rata-rata {basis} maks. {cap_text}% (%)")
        widths.append(21)
    heads.append("Predikat")
    widths.append(22)

    def cells(item: SummaryRow, index: int | None) -> list[str]:
        values = [str(index) if index else "", cell_text(item.name), str(item.indicators),
                  str(item.measured), percent_text(item.average_quarter),
                  percent_text(item.average_to_date)]
        if capped:
            values.append(percent_text(item.average_capped))
        return [*values, predikat_label(item.predikat)]

    if summary.goals:
        section.next(pdf, f"Capaian Kinerja per Sasaran Strategis ({basis})")
        _table(pdf, [heads[0], "Sasaran Strategis", *heads[2:]], widths,
               [(cells(g, i), g.predikat, None) for i, g in enumerate(summary.goals, 1)],
               numeric_from=2)
    section.next(pdf, "Capaian Kinerja dan Serapan Anggaran per Bidang")
    money_heads = ["Pagu Anggaran (Rp)", "Realisasi Anggaran (Rp)", "Serapan (%)", "Efisiensi",
                   "Keterangan"]
    rows: list[tuple[list[str], str | None, FontFace | None]] = []
    for index, item in [*enumerate(summary.divisions, 1), (None, summary.total)]:
        note = (f"{item.unreported_lines} dari {item.lines} sub kegiatan belum dilaporkan"
                if item.unreported_lines else "")
        values = [*cells(item, index), money_text(item.budget), money_text(item.realization),
                  percent_text(item.absorption), efficiency_text(item.efficiency), note]
        rows.append((values, item.predikat, TOTAL_STYLE if index is None else None))
    _table(pdf, [heads[0], "Bidang", *heads[2:], *money_heads], [*widths, 33, 33, 15, 24, 30],
           rows,
           numeric_from=2, numeric_to=len(heads) + 2)
    notes = [f"Predikat berdasarkan rata-rata {basis}; skala: {scale_note(scale)}.",
             "Indikator yang belum dilaporkan atau tidak dapat diukur tidak dihitung dalam "
             "rata-rata. Serapan = realisasi anggaran yang dilaporkan / pagu × 100.",
             efficiency_note(summary.thresholds)]
    if capped:
        notes.append(f"Untuk rata-rata, capaian di atas {cap_text}% dihitung {cap_text}%; "
                     "capaian asli tercantum pada tabel pengukuran.")
    pdf.set_font(FONT, "I", 8)
    for note in notes:
        pdf.multi_cell(0, 4, note, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _measurements(pdf: OfficialPDF, section: _Sections, rows: Sequence[MeasurementRow],
                  summary: Summary) -> None:
    section.next(pdf, "Pengukuran Kinerja per Indikator")
    explain = any(m.explanation.strip() for m in rows)
    heads = ["No", "Kode", "Indikator Kinerja", "Satuan", "Target Tahunan", "Target TW",
             "Realisasi TW", "Realisasi s.d. TW", "Capaian TW (%)", "Capaian s.d. TW (%)",
             "Predikat", "Kendala / Hambatan", "Tindak Lanjut / Upaya"]
    widths = [7, 12, 34, 13, 15, 14, 15, 15, 15, 15, 16, 26, 26]  # mm, scaled to the page
    if explain:
        heads.append("Penjelasan")
        widths.append(24)
    heads += ["Penanggung Jawab", "Data Dukung"]
    widths += [21, 22]
    table_rows: list[tuple[list[str], str | None, FontFace | None]] = []
    goal = None
    for index, (m, key) in enumerate(zip(rows, summary.predikats, strict=True), 1):
        if m.goal != goal:
            goal = m.goal
            table_rows.append(([f"Sasaran Strategis: {cell_text(goal)}"], None, GROUP_STYLE))
        values = [str(index), cell_text(m.code), cell_text(m.indicator), cell_text(m.unit),
                  figure_text(m.annual_target, m.decimals),
                  figure_text(m.quarter_target, m.decimals),
                  figure_text(m.realization, m.decimals),
                  figure_text(m.realization_to_date, m.decimals), percent_text(m.achievement),
                  percent_text(m.achievement_to_date), predikat_label(key),
                  cell_text(m.obstacles), cell_text(m.follow_up)]
        if explain:
            values.append(cell_text(m.explanation))
        values += [cell_text(m.division), cell_text("; ".join(m.files()))]
        table_rows.append((values, key, None))
    _table(pdf, heads, widths, table_rows, numeric_from=4, numeric_to=10)
    pdf.set_font(FONT, "I", 8)
    note = "Tanda - : belum dilaporkan, tidak ada target, atau tidak dapat diukur."
    if any(len(clean(text).strip()) > CELL_CHARS for m in rows
           for text in (m.obstacles, m.follow_up, m.explanation, m.indicator)):
        note += (" Teks yang panjang dipotong (…); teks lengkap ada pada lembar Kinerja "
                 "berkas Excel.")
    pdf.multi_cell(0, 4, note, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _finances(pdf: OfficialPDF, section: _Sections, rows: Sequence[FinanceRow]) -> None:
    section.next(pdf, "Realisasi Keuangan")
    heads = ["No", "Kode", "Program / Kegiatan / Sub Kegiatan", "Penanggung Jawab",
             "Pagu Anggaran (Rp)", "Target Keuangan TW (Rp)", "Realisasi Anggaran (Rp)",
             "Serapan (%)", "Realisasi thd Target TW (%)"]
    widths = [7, 24, 70, 22, 30, 30, 30, 16, 18]
    table_rows: list[tuple[list[str], str | None, FontFace | None]] = []
    for index, f in enumerate(rows, 1):
        name = "\n".join(cell_text(part) for part in (f.program, f.activity, f.name)
                         if part.strip())
        table_rows.append(([str(index), cell_text(f.code), name or "-", cell_text(f.division),
                            money_text(f.budget), money_text(f.quarter_target),
                            money_text(f.realization), percent_text(f.absorption_value()),
                            percent_text(f.against_target())], None, None))
    total = finance_total(rows)
    table_rows.append((["", "", "JUMLAH", "", money_text(total.budget), money_text(total.target),
                        money_text(total.realization), percent_text(total.absorption),
                        percent_text(total.against_target)], None, TOTAL_STYLE))
    _table(pdf, heads, widths, table_rows, numeric_from=4)


def _parts(pdf: OfficialPDF, section: _Sections, parts: Sequence[PartSummary], *,
           full: bool) -> None:
    section.next(pdf, "Penyampaian Realisasi per Bidang")
    if full:
        heads = ["No", "Bagian", "Realisasi (isian)", "Data Dukung", "Diserahkan oleh", "Waktu"]
        widths = [7, 30, 100, 50, 30, 22]
        rows = [([str(i), cell_text(p.division), cell_text(p.figures),
                  cell_text("; ".join(p.evidence)), cell_text(p.submitted_by),
                  cell_text(p.submitted_at)], None, None)
                for i, p in enumerate(parts, 1)]
    else:
        heads = ["No", "Bagian", "Diserahkan oleh", "Waktu", "Jumlah Data Dukung"]
        widths = [7, 70, 70, 40, 30]
        rows = [([str(i), cell_text(p.division), cell_text(p.submitted_by),
                  cell_text(p.submitted_at), str(len(p.evidence))], None, None)
                for i, p in enumerate(parts, 1)]
    _table(pdf, heads, widths, rows)


def _chart_pages(pdf: OfficialPDF, images: Sequence[bytes]) -> None:
    for index, png in enumerate(images):
        pdf.add_page()
        if index == 0:
            pdf.set_font(FONT, "B", 11)
            pdf.cell(0, 6, "Lampiran: Grafik", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        _image(pdf, png)


SHRINK_TO_FIT = 0.5  # a chart is made this much narrower at most to stay on one page


def _image(pdf: OfficialPDF, png: bytes, *, max_width: float = 235.0) -> None:
    """The PNG centred at up to ``max_width`` mm, on one page: narrower (down to half) when it
    is taller than the room left. Only a chart too tall even then continues on further pages,
    cut on a blank line between bars where there is one."""
    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("RGB")
    width_mm = min(pdf.epw, max_width)
    room_mm = pdf.page_break_trigger - pdf.get_y() - 3
    height_mm = image.height * width_mm / image.width
    if height_mm > room_mm and room_mm / height_mm >= SHRINK_TO_FIT:
        width_mm *= room_mm / height_mm
    px_per_mm = image.width / width_mm
    top = 0
    while top < image.height:
        room = int((pdf.page_break_trigger - pdf.get_y() - 2) * px_per_mm)
        if room < 150 and top < image.height:
            pdf.add_page()
            continue
        bottom = image.height if image.height - top <= room else _cut(image, top + room, room)
        piece = image.crop((0, top, image.width, bottom))  # given as pixels: no PNG round trip
        height_mm = piece.height / px_per_mm
        pdf.image(piece, x=pdf.l_margin + (pdf.epw - width_mm) / 2, y=pdf.get_y() + 1,
                  w=width_mm, h=height_mm)
        pdf.set_y(pdf.get_y() + height_mm + 2)
        top = bottom
        if top < image.height:
            pdf.add_page()


def _cut(image: Image.Image, limit: int, room: int) -> int:
    """The lowest row at or above ``limit`` that crosses no bar and no label: its label part is
    blank and only thin lines (axis, grid, the 100 % line) cross the rest."""
    grey = np.asarray(image.crop((0, max(0, limit - room // 3), image.width, limit)).convert("L"))
    label_part = int(image.width * 0.38)
    for offset in range(grey.shape[0] - 1, -1, -1):
        row = grey[offset]
        if row[:label_part].min() >= 245 and int((row < 235).sum()) <= image.width * 0.03:
            return limit - (grey.shape[0] - 1 - offset)
    return limit


# --- the table ----------------------------------------------------------------------------------
def _table(pdf: OfficialPDF, heads: Sequence[str], widths: Sequence[float],
           rows: Sequence[tuple[list[str], str | None, FontFace | None]], *,
           numeric_from: int | None = None, numeric_to: int | None = None) -> None:
    """A bordered table in 7 pt, headings repeated on every page (:func:`draw_table`). Each
    row is (cells, predikat key to tint the Predikat cell, a style for the whole row); a row
    with one cell spans the table."""
    last = len(heads) - 1 if numeric_to is None else numeric_to
    align = ["R" if numeric_from is not None and numeric_from <= i <= last else "L"
             for i in range(len(heads))]
    align[0] = "C"
    predikat_column = heads.index("Predikat") if "Predikat" in heads else None
    pdf.set_font(FONT, "", _TABLE_SIZE)
    table_rows: list[list[TableCell]] = []
    for cells, key, style in rows:
        if len(cells) == 1:
            table_rows.append([TableCell(cells[0], "L", style, columns=len(heads))])
            continue
        table_rows.append([
            TableCell(text, "C" if index == predikat_column else align[index],
                      _tint(key) if index == predikat_column and style is None else style)
            for index, text in enumerate(cells)])
    draw_table(pdf, TableLayout(widths, 3.4, 1, HEADINGS_STYLE),
               [TableCell(head, "C") for head in heads], table_rows)
    pdf.ln(2)
