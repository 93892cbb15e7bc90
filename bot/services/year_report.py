"""``/laporan``: the latest report of any quarter, and the year's capaian trend."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlmodel import Session

from bot import texts
from bot.domain import errors
from bot.domain.capaian import average_achievement
from bot.domain.errors import Reason
from bot.domain.master_rules import key_of
from bot.domain.sop import DocumentKind, Role
from bot.domain.workflow import Actor
from bot.formatting import ROMAN, period_label
from bot.services import realization
from bot.services.context import ServiceContext, load_actor
from reports import charts, sheets
from reports.workbooks import MeasurementRow
from storage import cycles, documents
from storage.models import Document

READERS = (Role.HEAD, Role.SECRETARY, Role.SAKIP_TEAM)


@dataclass(frozen=True)
class ReportRow:
    cycle_id: int
    year: int
    quarter: int
    period: str


def _reader(ctx: ServiceContext, session: Session, user_id: int) -> Actor:
    actor = load_actor(session, user_id, ctx.now())
    if not any(actor.holds(role) for role in READERS):
        raise errors.NotAllowed(step="-")
    return actor


def reports(ctx: ServiceContext, user_id: int) -> list[ReportRow]:
    """Every quarter that has a compiled report, newest first."""
    with ctx.transaction() as session:
        actor = _reader(ctx, session, user_id)
        found = []
        for cycle in cycles.list_cycles(session=session, agency_id=actor.user.agency_id):
            assert cycle.id is not None
            if _latest(session, cycle.id) is not None:
                found.append(ReportRow(cycle.id, cycle.year, cycle.quarter,
                                       period_label(cycle.year, cycle.quarter)))
        return found


def report_file(ctx: ServiceContext, user_id: int, cycle_id: int) -> tuple[str, bytes]:
    """The final report when approved, else the latest compiled one."""
    with ctx.transaction() as session:
        actor = _reader(ctx, session, user_id)
        cycle = cycles.get_cycle(session=session, cycle_id=cycle_id)
        if cycle is None or cycle.agency_id != actor.user.agency_id:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_CYCLE)
        document = _latest(session, cycle_id)
        if document is None:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_CYCLE)
        return document.original_name, ctx.store.read(document.path)


def _latest(session: Session, cycle_id: int) -> Document | None:
    for kind in (DocumentKind.FINAL_REPORT, DocumentKind.REPORT):
        found = documents.latest_document(session=session, cycle_id=cycle_id, kind=kind)
        if found is not None:
            return found
    return None


def year_trend(ctx: ServiceContext, user_id: int, year: int) -> tuple[str, bytes, bytes]:
    """A workbook of each indicator's capaian per quarter, and the trend as a picture."""
    with ctx.transaction() as session:
        actor = _reader(ctx, session, user_id)
        by_quarter: dict[int, list[MeasurementRow]] = {}
        for cycle in cycles.list_cycles(session=session, agency_id=actor.user.agency_id):
            if cycle.year == year and cycle.agreement_id is not None:
                by_quarter[cycle.quarter] = list(realization.report_rows(session, cycle)[0])
    if not by_quarter:
        raise errors.InvalidInput(reason=Reason.NO_YEAR_DATA, year=year)
    quarters = [f"TW {ROMAN[q]}" for q in (1, 2, 3, 4)]
    table: dict[str, dict[str, object]] = {}
    for quarter, rows in sorted(by_quarter.items()):
        for row in rows:
            # Codes compared as the import compares them: "a1" in a PK Perubahan is "A1".
            entry = table.setdefault(key_of(row.code), {"Kode": row.code,
                                                        "Indikator": row.indicator,
                                                        "Sasaran Strategis": row.goal,
                                                        "Penanggung Jawab": row.division})
            entry[quarters[quarter - 1]] = (float(row.achievement)
                                            if row.achievement is not None else None)
    frame = pd.DataFrame(list(table.values()),
                         columns=["Kode", "Indikator", "Sasaran Strategis", "Penanggung Jawab",
                                  *quarters])
    # Written cell by cell: a typed name like "=cmd|..." must stay text, as in every workbook.
    book, sheet = sheets.new_workbook("Tren Capaian")
    for column, title in enumerate(frame.columns, start=1):
        sheets.write_text(sheet.cell(row=1, column=column), title)
    texts_until = 4  # Kode, Indikator, Sasaran Strategis, Penanggung Jawab; then the quarters
    for row_number, row in enumerate(frame.itertuples(index=False), start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if column <= texts_until:
                sheets.write_text(cell, value)
            elif not pd.isna(value):
                cell.value = value
    series: list[tuple[str, list[Decimal | None]]] = [(texts.TREND_AGENCY, [
        average_achievement([r.achievement for r in by_quarter.get(q, [])]).value
        for q in (1, 2, 3, 4)])]
    goals = list(dict.fromkeys(r.goal for rows in by_quarter.values() for r in rows))
    for goal in goals:
        series.append((goal, [average_achievement(
            [r.achievement for r in by_quarter.get(q, []) if r.goal == goal]).value
            for q in (1, 2, 3, 4)]))
    picture = charts.trend_chart(series, quarters, texts.trend_title(year))
    return texts.TREND_FILE.format(year=year), sheets.to_bytes(book), picture
