"""Queries over the Perjanjian Kinerja, its indicators and budget, and their realisation."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from bot.domain.master_plan import BudgetPlan, GoalPlan, IndicatorPlan, Plan
from bot.domain.master_rules import LEVELS, key_of
from storage.models import (
    BudgetItem,
    FinancialRealization,
    Indicator,
    IndicatorRealization,
    MeasurementCycle,
    PerformanceAgreement,
    StrategicGoal,
)


# Built once with bound parameters (why: storage/users.py): every figure an official types
# reads the sheet it belongs to. A ``division_id`` filter is optional: (every division's, one's).
def _all_and_one_division(query: Any, division_id: Any) -> tuple[Any, Any]:
    return query, query.where(division_id == bindparam("division_id"))


_INDICATORS = _all_and_one_division(
    select(Indicator).where(col(Indicator.agreement_id) == bindparam("agreement_id"))
    .order_by(col(Indicator.position), col(Indicator.id)), col(Indicator.division_id))
_SUB_ACTIVITIES = _all_and_one_division(
    select(BudgetItem).where(col(BudgetItem.agreement_id) == bindparam("agreement_id"),
                             col(BudgetItem.level) == "sub_kegiatan")
    .order_by(col(BudgetItem.position), col(BudgetItem.id)), col(BudgetItem.division_id))
_REALIZATIONS = _all_and_one_division(
    select(IndicatorRealization)
    .where(col(IndicatorRealization.cycle_id) == bindparam("cycle_id")),
    col(IndicatorRealization.division_id))
_FINANCIALS = _all_and_one_division(
    select(FinancialRealization)
    .where(col(FinancialRealization.cycle_id) == bindparam("cycle_id")),
    col(FinancialRealization.division_id))
_GOALS = (select(StrategicGoal).where(col(StrategicGoal.agreement_id) == bindparam("agreement_id"))
          .order_by(col(StrategicGoal.position), col(StrategicGoal.id)))
_REALIZATION = _REALIZATIONS[0].where(
    col(IndicatorRealization.indicator_id) == bindparam("item_id"))
_FINANCIAL = _FINANCIALS[0].where(col(FinancialRealization.budget_item_id) == bindparam("item_id"))
_EARLIER = (select(Indicator.code, MeasurementCycle.quarter, IndicatorRealization.value)
            .join(IndicatorRealization,
                  col(IndicatorRealization.cycle_id) == col(MeasurementCycle.id))
            .join(Indicator, col(Indicator.id) == col(IndicatorRealization.indicator_id))
            .where(col(MeasurementCycle.agency_id) == bindparam("agency_id"),
                   col(MeasurementCycle.year) == bindparam("year"),
                   col(MeasurementCycle.quarter) < bindparam("before_quarter")))


def _in_division(queries: tuple[Any, Any], params: dict[str, Any], division_id: int | None
                 ) -> tuple[Any, dict[str, Any]]:
    """The query of ``queries`` for every division, or for ``division_id`` if given."""
    if division_id is None:
        return queries[0], params
    return queries[1], {**params, "division_id": division_id}


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
    return list(session.exec(_GOALS, params={"agreement_id": agreement_id}))


def indicators_of(
    *, session: Session, agreement_id: int, division_id: int | None = None
) -> list[Indicator]:
    query, params = _in_division(_INDICATORS, {"agreement_id": agreement_id}, division_id)
    return list(session.exec(query, params=params))


def sub_activities_of(
    *, session: Session, agreement_id: int, division_id: int | None = None
) -> list[BudgetItem]:
    """The budget lines money is reported on: the sub-kegiatan."""
    query, params = _in_division(_SUB_ACTIVITIES, {"agreement_id": agreement_id}, division_id)
    return list(session.exec(query, params=params))


def budget_items_of(*, session: Session, agreement_id: int) -> list[BudgetItem]:
    query = select(BudgetItem).where(BudgetItem.agreement_id == agreement_id)
    return list(session.exec(query.order_by(col(BudgetItem.position), col(BudgetItem.id))))


def realizations_of(
    *, session: Session, cycle_id: int, division_id: int | None = None
) -> dict[int, IndicatorRealization]:
    """The cycle's realisations keyed by indicator id."""
    query, params = _in_division(_REALIZATIONS, {"cycle_id": cycle_id}, division_id)
    return {r.indicator_id: r for r in session.exec(query, params=params)}


def reporting_divisions(*, session: Session, cycle_id: int) -> set[int]:
    """The divisions that have entered any indicator figure of the cycle."""
    query = select(IndicatorRealization.division_id).where(
        IndicatorRealization.cycle_id == cycle_id).distinct()
    return set(session.exec(query))


def financials_of(
    *, session: Session, cycle_id: int, division_id: int | None = None
) -> dict[int, FinancialRealization]:
    """The cycle's financial realisations keyed by budget item id."""
    query, params = _in_division(_FINANCIALS, {"cycle_id": cycle_id}, division_id)
    return {r.budget_item_id: r for r in session.exec(query, params=params)}


def realization_of(
    *, session: Session, cycle_id: int, indicator_id: int,
) -> IndicatorRealization | None:
    return session.exec(_REALIZATION,
                        params={"cycle_id": cycle_id, "item_id": indicator_id}).first()


def financial_of(*, session: Session, cycle_id: int, item_id: int) -> FinancialRealization | None:
    return session.exec(_FINANCIAL, params={"cycle_id": cycle_id, "item_id": item_id}).first()


def save_realization(
    *, session: Session, cycle_id: int, indicator: Indicator, record: IndicatorRealization | None,
    now: datetime, user_id: int | None, **fields: Decimal | str | None,
) -> IndicatorRealization:
    """Set the given fields of an indicator's realisation ``record`` as the caller read it
    (``realization_of``), creating it on first use (``None``)."""
    assert indicator.id is not None
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
    found: dict[str, dict[int, Decimal | None]] = {}
    params = {"agency_id": agency_id, "year": year, "before_quarter": before_quarter}
    for code, quarter, value in session.exec(_EARLIER, params=params):
        found.setdefault(code, {})[quarter] = value
    return found


def stored_plan(*, session: Session, agreement_id: int) -> Plan:
    """An imported agreement read back as the plan it was stored from."""
    goals = goals_of(session=session, agreement_id=agreement_id)
    goal_codes = {g.id: g.code for g in goals}
    indicators = indicators_of(session=session, agreement_id=agreement_id)
    items = budget_items_of(session=session, agreement_id=agreement_id)
    item_codes = {b.id: b.code for b in items}
    return Plan(
        goals=tuple(GoalPlan(g.code, g.name) for g in goals),
        indicators=tuple(
            IndicatorPlan(
                code=i.code, goal_code=goal_codes[i.goal_id], name=i.name, unit=i.unit,
                direction=i.direction, range_low=i.range_low, range_high=i.range_high,
                turun_formula=i.turun_formula,
                accumulation=i.accumulation, cumulative_targets=i.cumulative_targets,
                decimals=i.decimals, allow_negative=i.allow_negative,
                annual_target=i.annual_target,
                quarters=(i.target_q1, i.target_q2, i.target_q3, i.target_q4),
                division_id=i.division_id, formula_note=i.formula_note,
            ) for i in indicators),
        budget=tuple(
            BudgetPlan(
                level=b.level, code=b.code,
                parent_code=item_codes.get(b.parent_id) if b.parent_id else None,
                name=b.name, division_id=b.division_id, budget=b.budget,
                quarters=(b.target_q1, b.target_q2, b.target_q3, b.target_q4),
                indicator_codes=tuple(str(code) for code in b.indicator_codes),
            ) for b in items),
    )


def store_plan(*, session: Session, agreement_id: int, plan: Plan) -> None:
    """Store ``plan`` as the content of ``agreement_id``: goals, indicators, budget tree."""
    goal_ids: dict[str, int] = {}
    for position, goal in enumerate(plan.goals):
        row = StrategicGoal(agreement_id=agreement_id, code=goal.code, name=goal.name,
                            position=position)
        session.add(row)
        session.flush()
        assert row.id is not None
        goal_ids[key_of(goal.code)] = row.id
    for position, i in enumerate(plan.indicators):
        q1, q2, q3, q4 = i.quarters
        session.add(Indicator(
            agreement_id=agreement_id, goal_id=goal_ids[key_of(i.goal_code)],
            division_id=i.division_id, code=i.code, name=i.name, unit=i.unit,
            direction=i.direction, range_low=i.range_low, range_high=i.range_high,
            turun_formula=i.turun_formula,
            accumulation=i.accumulation, cumulative_targets=i.cumulative_targets,
            decimals=i.decimals, allow_negative=i.allow_negative,
            annual_target=i.annual_target, target_q1=q1, target_q2=q2, target_q3=q3,
            target_q4=q4, formula_note=i.formula_note, position=position,
        ))
    item_ids: dict[str, int] = {}
    ordered = sorted(enumerate(plan.budget), key=lambda pair: LEVELS.index(pair[1].level))
    for position, b in ordered:  # parents before children; position keeps the sheet order
        q1, q2, q3, q4 = b.quarters
        item = BudgetItem(
            agreement_id=agreement_id,
            parent_id=item_ids[key_of(b.parent_code)] if b.parent_code else None,
            division_id=b.division_id, level=b.level, code=b.code, name=b.name,
            budget=b.budget, target_q1=q1, target_q2=q2, target_q3=q3, target_q4=q4,
            indicator_codes=list(b.indicator_codes), position=position,
        )
        session.add(item)
        session.flush()
        assert item.id is not None
        item_ids[key_of(b.code)] = item.id
