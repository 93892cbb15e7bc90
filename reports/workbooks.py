"""Excel outputs: the per-division form (step 3) and the compiled report (steps 5 and 8).

The compiled report is laid out as a government report: a title block on every sheet, a
*Ringkasan* (averages per strategic goal and per division, with predikat and serapan), the
*Kinerja* and *Keuangan* tables (header in row 5, data from row 6), an index of the evidence,
the divisions' submissions, and native Excel charts. Cells are written and styled by
:mod:`reports.sheets` (numbers as numbers with format codes, typed text never evaluated), so
this workbook looks like the ESR file that is filed with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.capaian import (
    DEFAULT_EFFICIENCY,
    DEFAULT_PREDIKAT_SCALE,
    Efficiency,
    EfficiencyThresholds,
    PredikatScale,
    absorption,
    average_achievement,
    efficiency,
    financial,
)
from bot.formatting import (
    ROMAN,
    as_decimal,
    number,
    period_label,
    quarter_label,
    shown_decimals,
)
from bot.texts import efficiency_label
from reports.charts import (
    MISSING_COLOUR,
    OTHER_COLOUR,
    PREDIKAT_COLOURS,
    predikat_label,
    predikat_of,
)
from reports.heading import UNSIGNED, ReportHeading, SignOff
from reports.pdf import government_line
from reports.sheets import (
    BORDER,
    FMT_DEC,
    FMT_INT,
    TOTAL_FILL,
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

FORM_COLUMNS = (
    "No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target Tahunan", "Target TW",
    "Realisasi TW", "Capaian (%)", "Kendala / Hambatan", "Tindak Lanjut / Upaya",
    "Pagu Anggaran (Rp)", "Realisasi Anggaran (Rp)", "Data Dukung",
)
HEADER_ROW = 5  # the Kinerja and Keuangan tables: header in row 5, data from row 6
Basis = Literal["quarter", "to_date"]


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
    """One indicator in the compiled report.

    Optional: ``explanation`` (*penjelasan*), ``predikat`` (else computed from the capaian of
    the report's basis with the report's scale), ``evidence_files`` (else ``evidence`` is
    split at ``"; "``), ``decimals`` (else each figure shows the decimals it has)."""

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
    explanation: str = ""
    predikat: str | None = None
    evidence_files: tuple[str, ...] = ()
    decimals: int | None = None
    annual_progress: Decimal | None = None  # realisation to date against the yearly target, %
    # Earlier quarters of the year with no realisation: "s.d. TW" figures leave them out.
    missing_quarters: tuple[int, ...] = ()

    def files(self) -> tuple[str, ...]:
        if self.evidence_files:
            return self.evidence_files
        return tuple(name for name in self.evidence.split("; ") if name.strip() not in ("", "-"))

    def basis_value(self, basis: Basis) -> Decimal | None:
        return as_decimal(self.achievement if basis == "quarter" else self.achievement_to_date)


@dataclass(frozen=True)
class FinanceRow:
    """One sub-kegiatan; ``program``, ``activity`` (kegiatan) and ``indicator_codes`` are
    optional."""

    code: str
    name: str
    division: str
    budget: Decimal | None
    quarter_target: Decimal | None
    realization: Decimal | None
    absorption: Decimal | None
    program: str = ""
    activity: str = ""
    indicator_codes: tuple[str, ...] = ()  # the indicators this sub-kegiatan supports

    def absorption_value(self) -> Decimal | None:
        given = as_decimal(self.absorption)
        return given if given is not None else absorption(as_decimal(self.realization),
                                                          as_decimal(self.budget))

    def against_target(self) -> Decimal | None:
        """Realisation against the quarter's financial target, in percent."""
        return financial(budget=as_decimal(self.budget), realization=as_decimal(self.realization),
                         target=as_decimal(self.quarter_target)).against_target


@dataclass(frozen=True)
class FinanceTotal:
    """The sums over some sub-kegiatan, computed once for the *JUMLAH* rows of the workbook and
    the PDF and for the summary: pagu and target of all of them, realisasi of those that
    reported (``None`` when none did), and serapan and realisation against target from
    those."""

    budget: Decimal | None  # None when no sub-kegiatan has a pagu: shown "-", not Rp 0
    target: Decimal | None
    realization: Decimal | None
    reported: int  # sub-kegiatan with a realisasi
    absorption: Decimal | None
    against_target: Decimal | None


def finance_total(rows: Sequence[FinanceRow]) -> FinanceTotal:
    budget = _sum_known(as_decimal(f.budget) for f in rows)
    target = _sum_known(as_decimal(f.quarter_target) for f in rows)
    reported = [r for r in (as_decimal(f.realization) for f in rows) if r is not None]
    spent = _sum(reported) if reported else None
    # Against target like for like: only the lines that have both a target and a realisation.
    paired = [(as_decimal(f.realization), as_decimal(f.quarter_target)) for f in rows
              if f.realization is not None and f.quarter_target is not None]
    against = (None if not paired else financial(
        budget=budget, realization=_sum(r for r, _ in paired),
        target=_sum(t for _, t in paired)).against_target)
    return FinanceTotal(budget=budget, target=target, realization=spent, reported=len(reported),
                        absorption=absorption(spent, budget), against_target=against)


# --- the summary (shared with the PDF report) ---------------------------------------------------
@dataclass(frozen=True)
class SummaryRow:
    """Averages of one strategic goal, one division, or the whole agency."""

    name: str
    indicators: int = 0
    measured: int = 0  # indicators with a capaian on the report's basis
    average_quarter: Decimal | None = None  # raw mean of Capaian TW
    average_to_date: Decimal | None = None  # raw mean of Capaian s.d. TW
    average_capped: Decimal | None = None  # mean on the basis, each value first capped
    predikat: str | None = None  # of the capped mean when a cap is set, else of the raw one
    budget: Decimal | None = None
    realization: Decimal | None = None  # over the sub-kegiatan that reported
    absorption: Decimal | None = None  # realization / budget × 100
    lines: int = 0
    unreported_lines: int = 0
    # Capaian kinerja (the averaged one) against serapan; None without both.
    efficiency: Efficiency | None = None


@dataclass(frozen=True)
class Summary:
    goals: tuple[SummaryRow, ...]
    divisions: tuple[SummaryRow, ...]
    total: SummaryRow
    basis: Basis
    cap: Decimal | None
    predikats: tuple[str | None, ...] = field(default=())  # per measurement row, in order
    thresholds: EfficiencyThresholds = DEFAULT_EFFICIENCY


def summarize(
    measurements: Sequence[MeasurementRow], finances: Sequence[FinanceRow] = (), *,
    cap: Decimal | int | None = None, basis: Basis = "to_date",
    scale: PredikatScale = DEFAULT_PREDIKAT_SCALE,
    thresholds: EfficiencyThresholds = DEFAULT_EFFICIENCY,
) -> Summary:
    """Average capaian and predikat per goal, per division and overall; serapan and efisiensi
    (capaian against serapan, by ``thresholds``) per division.

    The cap (e.g. 100 or 120) applies only to the averaged copies (see
    :func:`bot.domain.capaian.average_achievement`); indicators without a capaian are left out
    of the averages and counted. Serapan of a division = Σ realisation reported / Σ pagu ×
    100, ``None`` when no sub-kegiatan reported; ``unreported_lines`` says how many did not.
    """
    limit = as_decimal(cap)
    predikats = tuple(m.predikat or predikat_of(m.basis_value(basis), scale)
                      for m in measurements)

    def row(name: str, items: Sequence[MeasurementRow], money: Sequence[FinanceRow]) -> SummaryRow:
        values = [m.basis_value(basis) for m in items]
        raw = average_achievement(values)
        capped = average_achievement(values, cap=limit) if limit is not None else None
        shown = capped.value if capped is not None else raw.value
        total = finance_total(money)
        return SummaryRow(
            name=name, indicators=len(items), measured=raw.count,
            average_quarter=average_achievement(
                as_decimal(m.achievement) for m in items).value,
            average_to_date=average_achievement(
                as_decimal(m.achievement_to_date) for m in items).value,
            average_capped=None if capped is None else capped.value,
            predikat=predikat_of(shown, scale),
            budget=total.budget if money else None, realization=total.realization,
            absorption=total.absorption if money else None,
            lines=len(money), unreported_lines=len(money) - total.reported,
            efficiency=efficiency(shown, total.absorption, thresholds=thresholds)
            if money else None)

    goals = _ordered(m.goal for m in measurements)
    divisions = _ordered([*(m.division for m in measurements), *(f.division for f in finances)])
    return Summary(
        goals=tuple(row(g, [m for m in measurements if m.goal == g], []) for g in goals),
        divisions=tuple(row(d, [m for m in measurements if m.division == d],
                            [f for f in finances if f.division == d]) for d in divisions),
        total=row("Keseluruhan", list(measurements), list(finances)),
        basis=basis, cap=limit, predikats=predikats, thresholds=thresholds)


def _ordered(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    total = Decimal(0)
    for value in values:
        if value is not None:
            total += value
    return total


def _sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values given, ``None`` when there are none."""
    known = [value for value in values if value is not None]
    return _sum(known) if known else None


def missing_quarter_notes(rows: Sequence[MeasurementRow]) -> list[str]:
    """One note per set of missing earlier quarters, naming the indicators it applies to, so
    that nobody reads a low Capaian s.d. TW as a result (a missing realisation is not zero)."""
    by_cause: dict[tuple[int, ...], list[str]] = {}
    for m in rows:
        if m.missing_quarters:
            by_cause.setdefault(m.missing_quarters, []).append(m.code)
    return [f"{', '.join(codes)}: realisasi {', '.join(f'TW {ROMAN[q]}' for q in quarters)} "
            "tidak ada, sehingga Realisasi dan Capaian s.d. TW tidak mencakupnya."
            for quarters, codes in sorted(by_cause.items())]


def basis_label(basis: Basis, quarter: int) -> str:
    tw = quarter_label(quarter).replace("Triwulan", "TW")
    return f"Capaian {tw}" if basis == "quarter" else f"Capaian s.d. {tw}"


def efficiency_text(found: Efficiency | None) -> str:
    """``Efisien (+12,50)``: the level and the difference in points, as the note explains."""
    if found is None:
        return "-"
    sign = "+" if found.difference > 0 else ""
    return f"{efficiency_label(found.level)} ({sign}{number(found.difference, 2)})"


def efficiency_note(thresholds: EfficiencyThresholds) -> str:
    def points(value: Decimal) -> str:
        return ("+" if value > 0 else "") + number(value, shown_decimals(value))
    upper, lower = points(thresholds.upper), points(thresholds.lower)
    return (f"Efisiensi = rata-rata capaian kinerja − serapan (poin): di atas {upper} efisien, "
            f"{lower} s.d. {upper} cukup efisien, di bawah {lower} tidak efisien.")


def scale_note(scale: PredikatScale = DEFAULT_PREDIKAT_SCALE) -> str:
    """``≥ 91 Sangat Tinggi; 76 – < 91 Tinggi; …; < 51 Sangat Rendah``."""
    parts, upper = [], None
    for low, key in scale.bands:
        span = f"≥ {number(low, 0)}" if upper is None else f"{number(low, 0)} – < {upper}"
        parts.append(f"{span} {predikat_label(key)}")
        upper = number(low, 0)
    if scale.bands:
        parts.append(f"< {upper} {predikat_label(scale.lowest)}")
    return "; ".join(parts)


# --- columns ------------------------------------------------------------------------------------
_MEASUREMENT = (
    ColumnSpec("Sasaran Strategis", 28), ColumnSpec("Kode", 9),
    ColumnSpec("Indikator Kinerja", 38), ColumnSpec("Satuan", 10),
    ColumnSpec("Target Tahunan", 12, "value"), ColumnSpec("Target TW", 12, "value"),
    ColumnSpec("Realisasi TW", 12, "value"), ColumnSpec("Realisasi s.d. TW", 12, "value"),
    ColumnSpec("Capaian TW (%)", 11, "percent"), ColumnSpec("Capaian s.d. TW (%)", 11, "percent"),
    ColumnSpec("Capaian thd Target Tahunan (%)", 12, "percent"),
    ColumnSpec("Predikat", 13, "label"), ColumnSpec("Kendala / Hambatan", 30),
    ColumnSpec("Tindak Lanjut / Upaya", 30), ColumnSpec("Penjelasan", 30),
    ColumnSpec("Penanggung Jawab", 18), ColumnSpec("Data Dukung", 28),
)
_FINANCE = (
    ColumnSpec("Kode", 16), ColumnSpec("Program", 28), ColumnSpec("Kegiatan", 28),
    ColumnSpec("Sub Kegiatan", 36), ColumnSpec("Penanggung Jawab", 18),
    ColumnSpec("Pagu Anggaran (Rp)", 18, "money"),
    ColumnSpec("Target Keuangan TW (Rp)", 18, "money"),
    ColumnSpec("Realisasi Anggaran (Rp)", 18, "money"), ColumnSpec("Serapan (%)", 11, "percent"),
    ColumnSpec("Realisasi thd Target TW (%)", 13, "percent"),
)
_PARTS = (ColumnSpec("No", 5, "int"), ColumnSpec("Bagian", 22),
          ColumnSpec("Realisasi (isian)", 60), ColumnSpec("Data Dukung", 36),
          ColumnSpec("Diserahkan oleh", 24), ColumnSpec("Waktu", 16))
_EVIDENCE = (ColumnSpec("No", 5, "int"), ColumnSpec("Kode", 10),
             ColumnSpec("Indikator Kinerja", 44), ColumnSpec("Penanggung Jawab", 22),
             ColumnSpec("Nama Berkas", 48))


# --- the per-division form (fallback without master data) ---------------------------------------
def division_form(*, agency: str, division: str, year: int, quarter: int) -> bytes:
    """The empty *Format Realisasi Rencana Aksi* for one division."""
    book, sheet = new_workbook("Format Realisasi")
    write_title(sheet, [
        agency.upper(),
        "FORMAT REALISASI RENCANA AKSI AKUNTABILITAS KINERJA",
        f"{period_label(year, quarter).upper()} — {division}",
    ], len(FORM_COLUMNS))
    write_header(sheet, HEADER_ROW, FORM_COLUMNS)
    for column in range(1, len(FORM_COLUMNS) + 1):
        for row in range(HEADER_ROW + 1, HEADER_ROW + 21):
            sheet.cell(row=row, column=column).border = BORDER
    sheet.freeze_panes = "A6"
    set_print_layout(sheet, HEADER_ROW)
    return to_bytes(book)


# --- the compiled report ------------------------------------------------------------------------
def compiled_report(
    heading: ReportHeading, *, parts: list[PartSummary], final: bool = False,
    measurements: tuple[MeasurementRow, ...] = (), finances: tuple[FinanceRow, ...] = (),
    sign_off: SignOff = UNSIGNED, cap: Decimal | int | None = None, basis: Basis = "to_date",
    scale: PredikatScale = DEFAULT_PREDIKAT_SCALE, charts: bool = True,
    thresholds: EfficiencyThresholds = DEFAULT_EFFICIENCY,
) -> bytes:
    """The Laporan Hasil Pengukuran Kinerja (``final``: the Realisasi Rencana Aksi) compiled
    from every division's part.

    Sheets: *Ringkasan* (when there are measurements or finances), *Grafik* (native charts,
    unless ``charts=False``), *Kinerja*, *Keuangan*, *Data Dukung*, *Pengukuran* (the
    divisions' submissions). ``basis`` chooses which capaian the predikat, the averages and
    the charts use (``to_date``: Capaian s.d. TW, the default; ``quarter``: Capaian TW).
    ``cap`` limits each capaian to that value when averaging (the raw values stay in
    *Kinerja*). When ``sign_off`` names someone, the *Ringkasan* ends with their signature
    block. The heading's logo stands over the first sheet's title."""
    title = report_title(final)
    period = period_label(heading.year, heading.quarter).upper()
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    summary = summarize(measurements, finances, cap=cap, basis=basis, scale=scale,
                        thresholds=thresholds)
    title_lines = [heading.agency.upper(), title, period]
    if measurements or finances:
        _summary_sheet(book.create_sheet("Ringkasan"),
                       [government_line(heading.province), *title_lines], summary,
                       heading.quarter, scale, sign_off)
        if charts:
            _chart_sheet(book.create_sheet("Grafik"), title_lines, measurements, summary,
                         heading.quarter)
    if measurements:
        _measurement_sheet(book.create_sheet("Kinerja"), title_lines, measurements, summary)
    if finances:
        _finance_sheet(book.create_sheet("Keuangan"), title_lines, finances)
    structured = bool(measurements or finances)
    _parts_sheet(book.create_sheet("Pengukuran"), title_lines, parts,
                 UNSIGNED if structured else sign_off)
    if measurements or any(p.evidence for p in parts):
        # After the parts when they are the report's content, else before them.
        evidence_sheet(book.create_sheet("Data Dukung", len(book.sheetnames) - structured),
                        title_lines, measurements, parts)
    place_logo(book.worksheets[0], heading.logo)
    return to_bytes(book)


def report_title(final: bool) -> str:
    if final:
        return "REALISASI RENCANA AKSI AKUNTABILITAS KINERJA (FINAL)"
    return "LAPORAN HASIL PENGUKURAN KINERJA DAN REALISASI KEUANGAN"


def _summary_sheet(sheet: Worksheet, heading: list[str], summary: Summary, quarter: int,
                   scale: PredikatScale, sign_off: SignOff) -> None:
    basis = basis_label(summary.basis, quarter)
    capped = summary.cap is not None
    def columns(name: str) -> list[ColumnSpec]:
        cols = [ColumnSpec("No", 5, "int"), ColumnSpec(name, 44),
                ColumnSpec("Jumlah Indikator", 11, "int"),
                ColumnSpec("Indikator Terukur", 11, "int"),
                ColumnSpec("Rata-rata Capaian TW (%)", 13, "percent"),
                ColumnSpec("Rata-rata Capaian s.d. TW (%)", 13, "percent")]
        if capped:
            cap_text = number(summary.cap or 0, 0)
            cols.append(ColumnSpec(f"Rata-rata {basis} maks. {cap_text}% (%)", 14, "percent"))
        return [*cols, ColumnSpec("Predikat", 14, "label")]

    goal_cols = columns("Sasaran Strategis")
    money_cols = [ColumnSpec("Pagu Anggaran (Rp)", 18, "money"),
                  ColumnSpec("Realisasi Anggaran (Rp)", 18, "money"),
                  ColumnSpec("Serapan (%)", 11, "percent"), ColumnSpec("Efisiensi", 22),
                  ColumnSpec("Keterangan", 26)]
    width = len(goal_cols) + len(money_cols)
    heading = [line for line in heading if line]
    write_title(sheet, heading, width)
    row = len(heading) + 2

    def values(item: SummaryRow, index: int | None, money: bool) -> list[object]:
        cells: list[object] = [index, item.name, item.indicators, item.measured,
                               item.average_quarter, item.average_to_date]
        if capped:
            cells.append(item.average_capped)
        cells.append(predikat_label(item.predikat) if item.predikat else "-")
        if money:
            note = (f"{item.unreported_lines} dari {item.lines} sub kegiatan belum dilaporkan"
                    if item.unreported_lines else "")
            cells += [item.budget, item.realization, item.absorption,
                      efficiency_text(item.efficiency), note]
        return cells

    _caption(sheet, row, f"A. Capaian Kinerja per Sasaran Strategis ({basis})")
    row = _table(sheet, row + 1, goal_cols,
                 [values(g, i, False) for i, g in enumerate(summary.goals, 1)])
    row += 2
    _caption(sheet, row, "B. Capaian Kinerja dan Serapan Anggaran per Bidang")
    rows = [values(d, i, True) for i, d in enumerate(summary.divisions, 1)]
    rows.append(values(summary.total, None, True))
    end = _table(sheet, row + 1, [*columns("Bidang"), *money_cols], rows, total_last=True)
    row = end + 2
    notes = [f"Predikat berdasarkan rata-rata {basis}; skala: {scale_note(scale)}.",
             "Indikator yang belum dilaporkan atau tidak dapat diukur tidak dihitung dalam "
             "rata-rata."]
    if capped:
        cap_text = number(summary.cap or 0, 0)
        notes.append(f"Untuk rata-rata, capaian di atas {cap_text}% dihitung {cap_text}%; "
                     "capaian asli tetap tercantum di lembar Kinerja.")
    notes.append("Serapan = realisasi anggaran yang dilaporkan / pagu anggaran × 100.")
    notes.append(efficiency_note(summary.thresholds))
    for note in notes:
        cell = sheet.cell(row=row, column=1, value=f"Catatan: {note}" if note == notes[0]
                          else note)
        cell.font = Font(italic=True, size=9)
        row += 1
    if sign_off.approval_note:
        row += 1
        write_text(sheet.cell(row=row, column=1), sign_off.approval_note)
        sheet.cell(row=row, column=1).font = Font(bold=True)
        row += 1
    write_signature(sheet, row + 1, width - 3, sign_off)
    sheet.freeze_panes = None
    set_print_layout(sheet, None)


def _measurement_sheet(sheet: Worksheet, heading: list[str], rows: Sequence[MeasurementRow],
                       summary: Summary) -> None:
    data = []
    for m, key in zip(rows, summary.predikats, strict=True):
        data.append([m.goal, m.code, m.indicator, m.unit, Figure(m.annual_target, m.decimals),
                     Figure(m.quarter_target, m.decimals), Figure(m.realization, m.decimals),
                     Figure(m.realization_to_date, m.decimals), m.achievement,
                     m.achievement_to_date, m.annual_progress,
                     predikat_label(key) if key else "-", m.obstacles,
                     m.follow_up, m.explanation, m.division, "\n".join(m.files())
                     if m.evidence_files else m.evidence])
    end = _table_sheet(sheet, heading, "Pengukuran Kinerja per Indikator", _MEASUREMENT, data,
                       freeze="D6")
    for offset, note in enumerate(missing_quarter_notes(rows), 2):
        _caption(sheet, end + offset, note)


def _finance_sheet(sheet: Worksheet, heading: list[str], rows: Sequence[FinanceRow]) -> None:
    columns = [c for c in _FINANCE
               if (c.title != "Program" or any(f.program for f in rows))
               and (c.title != "Kegiatan" or any(f.activity for f in rows))]
    by_title = {
        "Kode": lambda f: f.code, "Program": lambda f: f.program,
        "Kegiatan": lambda f: f.activity, "Sub Kegiatan": lambda f: f.name,
        "Penanggung Jawab": lambda f: f.division,
        "Pagu Anggaran (Rp)": lambda f: f.budget,
        "Target Keuangan TW (Rp)": lambda f: f.quarter_target,
        "Realisasi Anggaran (Rp)": lambda f: f.realization,
        "Serapan (%)": lambda f: f.absorption_value(),
        "Realisasi thd Target TW (%)": lambda f: f.against_target(),
    }
    data = [[by_title[c.title](f) for c in columns] for f in rows]
    sums = finance_total(rows)
    total = {"Sub Kegiatan": "JUMLAH", "Pagu Anggaran (Rp)": sums.budget,
             "Target Keuangan TW (Rp)": (
                 sums.target if any(f.quarter_target is not None for f in rows) else None),
             "Realisasi Anggaran (Rp)": sums.realization, "Serapan (%)": sums.absorption,
             "Realisasi thd Target TW (%)": sums.against_target}
    data.append([total.get(c.title) for c in columns])
    _table_sheet(sheet, heading, "Realisasi Keuangan per Sub Kegiatan", columns, data,
                 total_last=True)


def evidence_sheet(sheet: Worksheet, heading: list[str], rows: Sequence[MeasurementRow],
                   parts: Sequence[PartSummary]) -> None:
    """*Daftar Data Dukung*: every evidence file with the indicator it supports, then the files a
    division sent with no indicator. The ESR file carries the same index, so an auditor finds
    a file the same way in both workbooks."""
    data: list[list[object]] = []
    listed: set[tuple[str, str]] = set()
    for m in rows:
        for name in m.files():
            data.append([len(data) + 1, m.code, m.indicator, m.division, name])
            listed.add((m.division, name))
    for part in parts:
        for name in part.evidence:
            if (part.division, name) not in listed:
                data.append([len(data) + 1, "-", "(data dukung bidang)", part.division, name])
                listed.add((part.division, name))
    if not data:
        data.append([None, "-", "Belum ada data dukung", "-", "-"])
    _table_sheet(sheet, heading, "Daftar Data Dukung", _EVIDENCE, data)


def _parts_sheet(sheet: Worksheet, heading: list[str], parts: Sequence[PartSummary],
                 sign_off: SignOff) -> None:
    """The parts as they were submitted; signed here when they are the report's whole content
    (``UNSIGNED`` when the summary sheet carries the signature)."""
    data = [[i, p.division, p.figures, "\n".join(p.evidence), p.submitted_by, p.submitted_at]
            for i, p in enumerate(parts, 1)]
    row = _table_sheet(sheet, heading, "Penyampaian Realisasi per Bidang", _PARTS, data)
    if sign_off.approval_note is not None:
        row += 2
        write_text(sheet.cell(row=row, column=1), sign_off.approval_note)
        sheet.cell(row=row, column=1).font = Font(bold=True)
    write_signature(sheet, row + 2, 5, sign_off)


def _chart_sheet(sheet: Worksheet, heading: list[str], rows: Sequence[MeasurementRow],
                 summary: Summary, quarter: int) -> None:
    """Native bar charts, fed by two small tables on the same sheet."""
    basis = basis_label(summary.basis, quarter)
    write_title(sheet, heading, 12)
    cols = (ColumnSpec("Indikator", 46), ColumnSpec(f"{basis} (%)", 14, "percent"))
    _caption(sheet, HEADER_ROW - 1, f"Data grafik: {basis} per indikator")
    data = [[f"{m.code} {_short(m.indicator)}", m.basis_value(summary.basis)] for m in rows]
    end = _table(sheet, HEADER_ROW, cols, data)
    anchor_row = HEADER_ROW
    if rows:
        chart = _bar_chart(f"{basis} per Indikator (%)", sheet, HEADER_ROW, end, len(rows))
        for index, key in enumerate(summary.predikats):
            colour = (MISSING_COLOUR if key is None else PREDIKAT_COLOURS.get(key, OTHER_COLOUR))
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = colour.lstrip("#")
            point.graphicalProperties.line.solidFill = colour.lstrip("#")
            chart.series[0].dPt.append(point)
        sheet.add_chart(chart, f"D{anchor_row}")
        anchor_row += int(chart.height / 0.5) + 2
    divisions = [d for d in summary.divisions if d.lines]
    if divisions:
        start = max(end + 3, anchor_row)
        _caption(sheet, start - 1, "Data grafik: serapan anggaran per bidang")
        money_end = _table(sheet, start, (ColumnSpec("Bidang", 46),
                                          ColumnSpec("Serapan (%)", 14, "percent")),
                           [[d.name, d.absorption] for d in divisions])
        chart = _bar_chart("Serapan Anggaran per Bidang (%)", sheet, start, money_end,
                           len(divisions))
        sheet.add_chart(chart, f"D{start}")
    set_print_layout(sheet, None)


def _bar_chart(title: str, sheet: Worksheet, header: int, end: int, count: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = title
    chart.legend = None
    chart.y_axis.title = "%"
    chart.y_axis.numFmt = FMT_INT
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
    chart.y_axis.crosses = "max"  # with the categories reversed, keeps the % axis below
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.add_data(Reference(sheet, min_col=2, min_row=header, max_row=end), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=end))
    chart.series[0].graphicalProperties.solidFill = "1F4E78"
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.numFmt = FMT_DEC
    chart.gapWidth = 60
    chart.width = 24
    chart.height = max(7.0, min(0.75 * count + 3, 60.0))
    return chart


def _short(text: str, limit: int = 45) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table_sheet(sheet: Worksheet, heading: list[str], caption: str,
                 columns: Sequence[ColumnSpec], rows: Sequence[Sequence[object]], *,
                 total_last: bool = False, freeze: str = "A6") -> int:
    """A sheet that is one table: the title block, ``caption`` above the header in row 5, the
    rows, panes frozen below the header, the A4 layout. Returns the last row written."""
    write_title(sheet, heading, len(columns))
    _caption(sheet, HEADER_ROW - 1, caption)
    end = _table(sheet, HEADER_ROW, columns, rows, total_last=total_last)
    sheet.freeze_panes = freeze
    set_print_layout(sheet, HEADER_ROW)
    return end


def _table(sheet: Worksheet, header: int, columns: Sequence[ColumnSpec],
           rows: Sequence[Sequence[object]], *, total_last: bool = False) -> int:
    """Header at row ``header``, the rows below; returns the last row written."""
    write_header(sheet, header, tuple(c.title for c in columns), [c.width for c in columns])
    row = header
    for row_index, values in enumerate(rows):
        row = header + 1 + row_index
        for column, (spec, value) in enumerate(zip(columns, values, strict=True), 1):
            cell = sheet.cell(row=row, column=column)
            write_cell(cell, value, spec.kind)
            if total_last and row_index == len(rows) - 1:
                cell.font = Font(bold=True)
                cell.fill = TOTAL_FILL
    return row


def _caption(sheet: Worksheet, row: int, text: str) -> None:
    cell = sheet.cell(row=row, column=1)
    write_text(cell, text)
    cell.font = Font(bold=True, italic=True)
