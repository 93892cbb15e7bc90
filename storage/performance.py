"""Queries over the Perjanjian Kinerja, its indicators and budget, and their realisation."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from storage.models import (
    BudgetItem,
    FinancialRealization,
    Indicator,
    IndicatorRealization,
    MeasurementCycle,
    PerformanceAgreement,
    StrategicGoal,
)


def latest_agreement(
    *, session: Session, agency_id: int, year: int
) -> PerformanceAgreement | None:
    query = (
        select(PerformanceAgreement)
        .where(PerformanceAgreement.agency_id == agency_id, PerformanceAgreement.year == year)
        .order_by(col(PerformanceAgreement.version).desc())
    )
    return session.exec(query).first()


def goals_of(*, session: Session, agreement_id: int) -> list[StrategicGoal]:
    query = select(StrategicGoal).where(StrategicGoal.agreement_id == agreement_id)
    return list(session.exec(query.order_by(col(StrategicGoal.position), col(StrategicGoal.id))))


def indicators_of(
    *, session: Session, agreement_id: int, division_id: int | None = None
) -> list[Indicator]:
    query = select(Indicator).where(Indicator.agreement_id == agreement_id)
    if division_id is not None:
        query = query.where(Indicator.division_id == division_id)
    return list(session.exec(query.order_by(col(Indicator.position), col(Indicator.id))))


def sub_activities_of(
    *, session: Session, agreement_id: int, division_id: int | None = None
) -> list[BudgetItem]:
    """The budget lines money is reported on: the sub-kegiatan."""
    query = select(BudgetItem).where(
        BudgetItem.agreement_id == agreement_id, BudgetItem.level == "sub_kegiatan"
    )
    if division_id is not None:
        query = query.where(BudgetItem.division_id == division_id)
    return list(session.exec(query.order_by(col(BudgetItem.position), col(BudgetItem.id))))


def budget_items_of(*, session: Session, agreement_id: int) -> list[BudgetItem]:
    query = select(BudgetItem).where(BudgetItem.agreement_id == agreement_id)
    return list(session.exec(query.order_by(col(BudgetItem.position), col(BudgetItem.id))))


def realizations_of(
    *, session: Session, cycle_id: int, division_id: int | None = None
) -> dict[int, IndicatorRealization]:
    """The cycle's realisations keyed by indicator id."""
    query = select(IndicatorRealization).where(IndicatorRealization.cycle_id == cycle_id)
    if division_id is not None:
        query = query.where(IndicatorRealization.division_id == division_id)
    return {r.indicator_id: r for r in session.exec(query)}


def reporting_divisions(*, session: Session, cycle_id: int) -> set[int]:
    """The divisions that have entered any indicator figure of the cycle."""
    query = select(IndicatorRealization.division_id).where(
        IndicatorRealization.cycle_id == cycle_id).distinct()
    return set(session.exec(query))


def financials_of(
    *, session: Session, cycle_id: int, division_id: int | None = None
) -> dict[int, FinancialRealization]:
    """The cycle's financial realisations keyed by budget item id."""
    query = select(FinancialRealization).where(FinancialRealization.cycle_id == cycle_id)
    if division_id is not None:
        query = query.where(FinancialRealization.division_id == division_id)
    return {r.budget_item_id: r for r in session.exec(query)}


def realization_of(
    *, session: Session, cycle_id: int, indicator_id: int,
) -> IndicatorRealization | None:
    return session.exec(select(IndicatorRealization).where(
        IndicatorRealization.cycle_id == cycle_id,
        IndicatorRealization.indicator_id == indicator_id)).first()


def financial_of(*, session: Session, cycle_id: int, item_id: int) -> FinancialRealization | None:
    return session.exec(select(FinancialRealization).where(
        FinancialRealization.cycle_id == cycle_id,
        FinancialRealization.budget_item_id == item_id)).first()


def save_realization(
    *, session: Session, cycle_id: int, indicator: Indicator, now: datetime,
    user_id: int | None, **fields: Decimal | str | None,
) -> IndicatorRealization:
    """Set the given fields of an indicator's realisation, creating it on first use."""
    assert indicator.id is not None
    record = realization_of(session=session, cycle_id=cycle_id, indicator_id=indicator.id)
    if record is None:
        record = IndicatorRealization(cycle_id=cycle_id, indicator_id=indicator.id,
                                      division_id=indicator.division_id, updated_at=now)
    for name, value in fields.items():
        setattr(record, name, value)
    record.updated_at = now
    record.updated_by_user_id = user_id
    session.add(record)
    session.flush()
    return record


def save_financial(
    *, session: Session, cycle_id: int, item: BudgetItem, amount: Decimal, now: datetime,
    user_id: int | None,
) -> FinancialRealization:
    assert item.id is not None
    record = financial_of(session=session, cycle_id=cycle_id, item_id=item.id)
    if record is None:
        record = FinancialRealization(cycle_id=cycle_id, budget_item_id=item.id,
                                      division_id=item.division_id, updated_at=now)
    record.amount = amount
    record.updated_at = now
    record.updated_by_user_id = user_id
    session.add(record)
    session.flush()
    return record


def earlier_values(
    *, session: Session, agency_id: int, year: int, before_quarter: int,
) -> dict[str, dict[int, Decimal | None]]:
    """Realisations in the year's earlier quarters, by indicator code, then by quarter.

    Keyed by code rather than id, so a revised agreement (*PK Perubahan*) keeps its history.
    One query for every indicator: a report of a thousand indicators needs it once.
    """
    query = (
        select(Indicator.code, MeasurementCycle.quarter, IndicatorRealization.value)
        .join(IndicatorRealization, col(IndicatorRealization.cycle_id) == col(MeasurementCycle.id))
        .join(Indicator, col(Indicator.id) == col(IndicatorRealization.indicator_id))
        .where(
            MeasurementCycle.agency_id == agency_id,
            MeasurementCycle.year == year,
            MeasurementCycle.quarter < before_quarter,
        )
    )
    found: dict[str, dict[int, Decimal | None]] = {}
    for code, quarter, value in session.exec(query):
        found.setdefault(code, {})[quarter] = value
    return found
