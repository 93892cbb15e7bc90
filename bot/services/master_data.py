"""The master data of a year: Perjanjian Kinerja, Rencana Aksi and DPA budget, from one workbook.

``import_master`` reads the workbook made from ``reports.master_template``, checks every cell
and every rule (``bot.domain.master_rules``) and either refuses it with the complete list of
problems (``MasterDataInvalid``; nothing is written) or stores it as a new version of the year's
``PerformanceAgreement`` in one transaction, with an audit event.

Versions: the first import of a year is *Perjanjian Kinerja* (version 1); each later import with
different content is *PK Perubahan* (version n + 1). Older versions stay, so a cycle keeps the
version it started with. A file whose bytes or content equal the **latest** version creates
nothing and returns that version (``ImportSummary.created`` is False). Going back to an older
version's content is a change too and makes a new version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from bot import texts
from bot.domain import errors, numbers
from bot.domain.capaian import TurunFormula
from bot.domain.errors import Reason
from bot.domain.master_rules import (
    COLUMNS,
    DEFAULT_DECIMALS,
    LEVELS,
    MAX_DECIMALS,
    QUARTERS,
    BudgetLine,
    Column,
    IndicatorFigures,
    cell_integer,
    cell_number,
    check_indicator,
    check_money,
    check_tree,
    is_blank,
    key_of,
    parse_choice,
    parse_flag,
    quarter_field,
    split_codes,
    words,
)
from bot.services.context import ServiceContext, resolve_agency
from reports.master_reading import (
    MasterDataInvalid,
    Problem,
    ProblemReport,
    SheetRow,
    read_workbook,
)
from storage import agencies, audit, performance, users
from storage.models import (
    BudgetItem,
    Division,
    Indicator,
    PerformanceAgreement,
    StrategicGoal,
)

AUDIT_ACTION = "master.import"
_QUANTUM = Decimal("0.0001")  # content comparison: finer than any allowed value


@dataclass(frozen=True)
class DivisionSummary:
    division_id: int
    name: str
    indicators: int
    sub_activities: int
    budget: Decimal  # the pagu of its sub kegiatan


@dataclass(frozen=True)
class ImportSummary:
    agreement_id: int
    year: int
    version: int
    label: str
    created: bool  # False: the file equals the latest version; nothing was written
    source_name: str | None
    sha256: str
    goals: int
    indicators: int
    programs: int
    activities: int
    sub_activities: int
    total_budget: Decimal  # the pagu of the programs
    divisions: tuple[DivisionSummary, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not self.created

    @property
    def budget_items(self) -> int:
        return self.programs + self.activities + self.sub_activities

    @property
    def per_sheet(self) -> dict[str, int]:
        """Rows imported per sheet, by sheet name."""
        names = texts.MASTER_SHEETS
        return {names["goals"]: self.goals, names["indicators"]: self.indicators,
                names["budget"]: self.budget_items}

    def text(self) -> str:
        """The summary in Indonesian (CLI and chat)."""
        return texts.master_imported(
            year=self.year, version=self.version, label=self.label, created=self.created,
            source_name=self.source_name, goals=self.goals, indicators=self.indicators,
            programs=self.programs, activities=self.activities,
            sub_activities=self.sub_activities, total_budget=self.total_budget,
            divisions=[(d.name, d.indicators, d.sub_activities, d.budget)
                       for d in self.divisions],
            warnings=[str(w) for w in self.warnings],
        )


@dataclass(frozen=True)
class DivisionIndicator:
    """An indicator a division reports on, with its goal and the budget lines supporting it."""

    indicator: Indicator
    goal: StrategicGoal
    budget_items: tuple[BudgetItem, ...]


# --- public API --------------------------------------------------------------------------------
def import_master(
    ctx: ServiceContext, data: bytes, *, year: int, agency_code: str | None = None,
    user_id: int | None = None, source_name: str | None = None,
) -> ImportSummary:
    """Validate the whole workbook, then store it as the next version of ``year``'s PK."""
    if not 2000 <= year <= 2100:
        raise errors.InvalidInput(reason=Reason.BAD_YEAR, year=year)
    report = ProblemReport()
    sheets = read_workbook(data, report, ctx.workbook_limits)
    sha256 = hashlib.sha256(data).hexdigest()
    now = ctx.now()
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code)
        if user_id is not None:
            user = users.get_user(session=session, user_id=user_id)
            if user is None or user.agency_id != agency.id:
                raise errors.InvalidInput(reason=Reason.UNKNOWN_USER)
        divisions = agencies.list_divisions(session=session, agency_id=agency.id)
        plan = _Validator(report, divisions).validate(sheets)
        if report.problems:
            raise MasterDataInvalid(report.sorted(report.problems))
        warnings = tuple(report.sorted(report.warnings))

        latest = performance.latest_agreement(session=session, agency_id=agency.id, year=year)
        if latest is not None and latest.id is not None and (
            latest.source_sha256 == sha256
            or _canonical(_stored_plan(session, latest.id)) == _canonical(plan)
        ):
            return _summary(latest, plan, divisions, created=False, warnings=warnings,
                            source_name=source_name, sha256=sha256)

        version = (latest.version + 1) if latest is not None else 1
        label = texts.MASTER_LABEL_FIRST if version == 1 else texts.MASTER_LABEL_REVISION
        agreement = PerformanceAgreement(
            agency_id=agency.id, year=year, version=version, label=label,
            source_name=source_name, source_sha256=sha256, imported_at=now,
            imported_by_user_id=user_id,
        )
        session.add(agreement)
        session.flush()
        assert agreement.id is not None
        _store(session, agreement.id, plan)
        summary = _summary(agreement, plan, divisions, created=True, warnings=warnings,
                           source_name=source_name, sha256=sha256)
        audit.record(
            session=session, agency_id=agency.id, action=AUDIT_ACTION, at=now,
            actor_user_id=user_id,
            before={"version": latest.version if latest else None},
            after={"agreement_id": agreement.id, "year": year, "version": version,
                   "label": label, "source_name": source_name, "sha256": sha256,
                   "goals": summary.goals, "indicators": summary.indicators,
                   "budget_items": summary.budget_items,
                   "warnings": len(warnings)},
        )
        return summary


def latest_agreement(
    ctx: ServiceContext, year: int, agency_code: str | None = None,
) -> PerformanceAgreement | None:
    """The newest version of ``year``'s Perjanjian Kinerja, if any was imported."""
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code)
        assert agency.id is not None
        return performance.latest_agreement(session=session, agency_id=agency.id, year=year)


def list_agreements(
    ctx: ServiceContext, year: int, agency_code: str | None = None,
) -> list[PerformanceAgreement]:
    """Every version of ``year``'s Perjanjian Kinerja, oldest first."""
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code)
        query = (select(PerformanceAgreement)
                 .where(PerformanceAgreement.agency_id == agency.id,
                        PerformanceAgreement.year == year)
                 .order_by(col(PerformanceAgreement.version)))
        return list(session.exec(query))


def division_indicators(
    ctx: ServiceContext, agreement_id: int, division_id: int,
) -> list[DivisionIndicator]:
    """The indicators ``division_id`` answers for in one agreement, in workbook order, each with
    its goal and the budget lines (of any division) that name it."""
    with ctx.transaction() as session:
        indicators = performance.indicators_of(session=session, agreement_id=agreement_id,
                                               division_id=division_id)
        goals = {g.id: g for g in performance.goals_of(session=session,
                                                       agreement_id=agreement_id)}
        items = performance.budget_items_of(session=session, agreement_id=agreement_id)
        supporting: dict[str, list[BudgetItem]] = {}
        for item in items:
            for code in item.indicator_codes:
                supporting.setdefault(key_of(str(code)), []).append(item)
        return [DivisionIndicator(indicator=i, goal=goals[i.goal_id],
                                  budget_items=tuple(supporting.get(key_of(i.code), ())))
                for i in indicators]


def division_budget_items(
    ctx: ServiceContext, agreement_id: int, division_id: int,
) -> list[BudgetItem]:
    """The budget lines assigned to ``division_id`` (mostly sub kegiatan), in workbook order."""
    with ctx.transaction() as session:
        return [item for item in performance.budget_items_of(session=session,
                                                             agreement_id=agreement_id)
                if item.division_id == division_id]


# --- validating ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _GoalPlan:
    code: str
    name: str


@dataclass(frozen=True)
class _IndicatorPlan:
    code: str
    goal_code: str
    name: str
    unit: str
    direction: str
    range_low: Decimal | None
    range_high: Decimal | None
    turun_formula: str
    accumulation: str
    cumulative_targets: bool
    decimals: int
    allow_negative: bool
    annual_target: Decimal | None
    quarters: tuple[Decimal | None, ...]
    division_id: int
    formula_note: str | None


@dataclass(frozen=True)
class _BudgetPlan:
    level: str
    code: str
    parent_code: str | None
    name: str
    division_id: int | None
    budget: Decimal | None
    quarters: tuple[Decimal | None, ...]
    indicator_codes: tuple[str, ...]


@dataclass(frozen=True)
class _Plan:
    goals: tuple[_GoalPlan, ...]
    indicators: tuple[_IndicatorPlan, ...]
    budget: tuple[_BudgetPlan, ...]


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(_QUANTUM)


class _Validator:
    """Reads every cell of the rows into a plan, reporting each problem where it is."""

    def __init__(self, report: ProblemReport, divisions: list[Division]) -> None:
        self.report = report
        self.divisions = divisions
        self.by_name: dict[str, Division] = {}
        for division in divisions:
            self.by_name[key_of(division.name)] = division
        self.sheet = ""
        self.row = 0
        self.failed = False  # a cell of the current row could not be read
        self.goal_codes: dict[str, str] = {}  # every code written, even on a faulty row
        self.indicator_codes: dict[str, str] = {}

    # cells
    def _error(self, column: str, key: str, **params: Any) -> None:
        self.report.add(self.sheet, self.row, column, key, params)
        self.failed = True

    def _number_error(self, column: str, error: numbers.InvalidNumber) -> None:
        # The sentence every number prompt of the bot uses, with an example.
        self.report.add(self.sheet, self.row, column, str(error.reason),
                        message=texts.number_error(error))
        self.failed = True

    def _start(self, sheet: str, row: SheetRow) -> None:
        self.sheet, self.row, self.failed = sheet, row.number, False

    def text(self, row: SheetRow, column: Column) -> str | None:
        value = words(row.cells.get(column.key))
        if not value:
            if column.required:
                self._error(column.key, "required")
            return None
        return value

    def number(self, row: SheetRow, column: Column) -> Decimal | None:
        raw = row.cells.get(column.key)
        if is_blank(raw) or words(raw) == "-":
            if column.required:
                self._error(column.key, "required")
            return None
        try:
            return cell_number(raw, money=column.kind == "money")
        except numbers.InvalidNumber as error:
            self._number_error(column.key, error)
            return None

    def choice(self, row: SheetRow, column: Column) -> str | None:
        assert column.choice is not None
        raw = row.cells.get(column.key)
        if is_blank(raw):
            if column.required:
                self._error(column.key, "required")
            return None
        value = parse_choice(column.choice, raw)
        if value is None:
            self._error(column.key, "unknown_choice", value=words(raw),
                        allowed=list(texts.MASTER_CHOICES[column.choice].values()))
        return value

    def flag(self, row: SheetRow, column: Column, default: bool = False) -> bool:
        raw = row.cells.get(column.key)
        if is_blank(raw):
            return default
        value = parse_flag(raw)
        if value is None:
            self._error(column.key, "unknown_choice", value=words(raw),
                        allowed=list(texts.MASTER_CHOICES["flag"].values()))
            return default
        return value

    def decimals(self, row: SheetRow, column: Column) -> int:
        raw = row.cells.get(column.key)
        if is_blank(raw):
            return DEFAULT_DECIMALS
        try:
            value = cell_integer(raw)
        except numbers.InvalidNumber as error:
            self._number_error(column.key, error)
            return MAX_DECIMALS
        if not 0 <= value <= MAX_DECIMALS:
            self._error(column.key, "decimals_range")
            return MAX_DECIMALS
        return value

    def division(self, row: SheetRow, column: Column) -> Division | None:
        name = self.text(row, column)
        if name is None:
            return None
        found = self.by_name.get(key_of(name))
        if found is None and key_of(name).startswith("bidang "):
            found = self.by_name.get(key_of(name).removeprefix("bidang "))
        if found is None:
            self._error(column.key, "unknown_division", name=name,
                        known=[d.name for d in self.divisions])
        return found

    def code(self, row: SheetRow, column: Column, seen: dict[str, int]) -> str | None:
        code = self.text(row, column)
        if code is None:
            return None
        first = seen.setdefault(key_of(code), row.number)
        if first != row.number:
            self._error(column.key, "duplicate_code", code=code, first_row=first)
            return None
        return code

    # sheets
    def validate(self, sheets: Mapping[str, list[SheetRow]]) -> _Plan:
        goals = self._goals(sheets["goals"])
        indicators = self._indicators(sheets["indicators"], goals)
        budget = self._budget(sheets["budget"])
        with_indicators = {key_of(i.goal_code) for i in indicators.values()}
        for key, (number, goal) in goals.items():
            if key not in with_indicators:
                self.report.add("goals", number, "code", "goal_without_indicators",
                                {"code": goal.code}, warning=True)
        return _Plan(goals=tuple(goal for _, goal in goals.values()),
                     indicators=tuple(indicators.values()), budget=budget)

    def _goals(self, rows: list[SheetRow]) -> dict[str, tuple[int, _GoalPlan]]:
        c = {column.key: column for column in COLUMNS["goals"]}
        if not rows:
            self.report.add("goals", None, None, "empty_sheet",
                            {"sheet": texts.MASTER_SHEETS["goals"]})
        seen: dict[str, int] = {}
        goals: dict[str, tuple[int, _GoalPlan]] = {}
        for row in rows:
            self._start("goals", row)
            code = self.code(row, c["code"], seen)
            name = self.text(row, c["name"])
            if code is not None:
                self.goal_codes[key_of(code)] = code
            if code is not None and name is not None:
                goals[key_of(code)] = (row.number, _GoalPlan(code, name))
        return goals

    def _indicators(self, rows: list[SheetRow],
                    goals: Mapping[str, tuple[int, _GoalPlan]]) -> dict[str, _IndicatorPlan]:
        c = {column.key: column for column in COLUMNS["indicators"]}
        if not rows:
            self.report.add("indicators", None, None, "empty_sheet",
                            {"sheet": texts.MASTER_SHEETS["indicators"]})
        seen: dict[str, int] = {}
        found: dict[str, _IndicatorPlan] = {}
        for row in rows:
            self._start("indicators", row)
            code = self.code(row, c["code"], seen)
            if code is not None:
                self.indicator_codes[key_of(code)] = code
            goal_code = self.text(row, c["goal_code"])
            goal = goals.get(key_of(goal_code)) if goal_code else None
            if goal_code and key_of(goal_code) not in self.goal_codes:
                self._error("goal_code", "unknown_goal", code=goal_code)
            name = self.text(row, c["name"])
            unit = self.text(row, c["unit"])
            direction = self.choice(row, c["direction"])
            low = self.number(row, c["range_low"])
            high = self.number(row, c["range_high"])
            formula = self.choice(row, c["turun_formula"])
            accumulation = self.choice(row, c["accumulation"])
            cumulative = self.flag(row, c["cumulative_targets"])
            decimals = self.decimals(row, c["decimals"])
            allow_negative = self.flag(row, c["allow_negative"])
            annual = self.number(row, c["annual_target"])
            quarters = tuple(self.number(row, c[quarter_field(q)]) for q in QUARTERS)
            division = self.division(row, c["division"])
            note = self.text(row, c["formula_note"])
            if self.failed or direction is None or accumulation is None:
                continue
            figures = IndicatorFigures(
                direction=direction, accumulation=accumulation, cumulative_targets=cumulative,
                decimals=decimals, allow_negative=allow_negative, annual_target=annual,
                quarters=quarters, range_low=low, range_high=high, turun_formula=formula,
            )
            issues = check_indicator(figures)
            for issue in issues:
                self.report.issue("indicators", row.number, issue)
            if any(not issue.warning for issue in issues):
                continue
            if not (code and goal and name and unit and division and division.id):
                continue  # its goal row has a problem of its own
            stable = direction == "stabil"
            found[key_of(code)] = _IndicatorPlan(
                code=code, goal_code=goal[1].code, name=name, unit=unit, direction=direction,
                range_low=low if stable else None, range_high=high if stable else None,
                turun_formula=(formula if direction == "turun" and formula
                               else TurunFormula.DIFFERENCE.value),
                accumulation=accumulation, cumulative_targets=cumulative, decimals=decimals,
                allow_negative=allow_negative, annual_target=annual, quarters=quarters,
                division_id=division.id, formula_note=note,
            )
        return found

    def _budget(self, rows: list[SheetRow]) -> tuple[_BudgetPlan, ...]:
        c = {column.key: column for column in COLUMNS["budget"]}
        if not rows:
            self.report.add("budget", None, None, "no_budget", warning=True)
        seen: dict[str, int] = {}
        lines: list[BudgetLine] = []
        plans: list[_BudgetPlan | None] = []
        for row in rows:
            self._start("budget", row)
            level = self.choice(row, c["level"])
            code = self.code(row, c["code"], seen)
            parent_code = self.text(row, c["parent_code"])
            name = self.text(row, c["name"])
            division_cell = row.cells.get("division")
            division = self.division(row, c["division"])
            budget = self.number(row, c["budget"])
            quarters = tuple(self.number(row, c[quarter_field(q)]) for q in QUARTERS)
            codes = split_codes(row.cells.get("indicator_codes"))
            known_codes = []
            for indicator_code in codes:
                known = self.indicator_codes.get(key_of(indicator_code))
                if known is None:
                    self._error("indicator_codes", "unknown_indicator", code=indicator_code)
                else:
                    known_codes.append(known)
            if code is None:
                continue
            line = BudgetLine(row=row.number, level=level, code=code, parent_code=parent_code,
                              budget=budget, targets=quarters,
                              has_division=not is_blank(division_cell))
            lines.append(line)
            for issue in check_money(line):
                self.report.issue("budget", row.number, issue)
            ok = not self.failed and level is not None and name is not None
            plans.append(_BudgetPlan(
                level=level or "", code=code, parent_code=parent_code, name=name or "",
                division_id=division.id if division else None, budget=budget,
                quarters=quarters, indicator_codes=tuple(dict.fromkeys(known_codes)),
            ) if ok else None)
        for issue in check_tree(lines):
            self.report.issue("budget", issue.row or 0, issue)
        by_code = {key_of(line.code): line.code for line in lines}
        # Parent codes as the parent row spells them, so that "1.03.10" matches "1.03.10 ".
        return tuple(
            replace(plan, parent_code=by_code.get(key_of(plan.parent_code))
                    if plan.parent_code else None)
            for plan in plans if plan is not None
        )


# --- storing and comparing -----------------------------------------------------------------
def _canonical(plan: _Plan) -> tuple[Any, ...]:
    """A plan's content for comparison, values rounded finer than any allowed precision."""
    return (
        tuple((g.code, g.name) for g in plan.goals),
        tuple((i.code, i.goal_code, i.name, i.unit, i.direction, _q(i.range_low),
               _q(i.range_high), i.turun_formula, i.accumulation, i.cumulative_targets, i.decimals,
               i.allow_negative, _q(i.annual_target), tuple(_q(v) for v in i.quarters),
               i.division_id, i.formula_note) for i in plan.indicators),
        tuple((b.level, b.code, b.parent_code, b.name, b.division_id, _q(b.budget),
               tuple(_q(v) for v in b.quarters), b.indicator_codes) for b in plan.budget),
    )


def _stored_plan(session: Session, agreement_id: int) -> _Plan:
    goals = performance.goals_of(session=session, agreement_id=agreement_id)
    goal_codes = {g.id: g.code for g in goals}
    indicators = performance.indicators_of(session=session, agreement_id=agreement_id)
    items = performance.budget_items_of(session=session, agreement_id=agreement_id)
    item_codes = {b.id: b.code for b in items}
    return _Plan(
        goals=tuple(_GoalPlan(g.code, g.name) for g in goals),
        indicators=tuple(
            _IndicatorPlan(
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
            _BudgetPlan(
                level=b.level, code=b.code,
                parent_code=item_codes.get(b.parent_id) if b.parent_id else None,
                name=b.name, division_id=b.division_id, budget=b.budget,
                quarters=(b.target_q1, b.target_q2, b.target_q3, b.target_q4),
                indicator_codes=tuple(str(code) for code in b.indicator_codes),
            ) for b in items),
    )


def _store(session: Session, agreement_id: int, plan: _Plan) -> None:
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


def _summary(agreement: PerformanceAgreement, plan: _Plan, divisions: list[Division], *,
             created: bool, warnings: tuple[Problem, ...], source_name: str | None,
             sha256: str) -> ImportSummary:
    assert agreement.id is not None
    levels = [b.level for b in plan.budget]
    subs = [b for b in plan.budget if b.level == "sub_kegiatan"]
    per_division = []
    for division in divisions:
        assert division.id is not None
        own = [b for b in subs if b.division_id == division.id]
        per_division.append(DivisionSummary(
            division_id=division.id, name=division.name,
            indicators=sum(1 for i in plan.indicators if i.division_id == division.id),
            sub_activities=len(own),
            budget=sum((b.budget or Decimal(0) for b in own), Decimal(0)),
        ))
    return ImportSummary(
        agreement_id=agreement.id, year=agreement.year, version=agreement.version,
        label=agreement.label, created=created,
        source_name=source_name if created else agreement.source_name,
        sha256=sha256, goals=len(plan.goals), indicators=len(plan.indicators),
        programs=levels.count("program"), activities=levels.count("kegiatan"),
        sub_activities=levels.count("sub_kegiatan"),
        total_budget=sum((b.budget or Decimal(0) for b in plan.budget if b.level == "program"),
                         Decimal(0)),
        divisions=tuple(per_division), warnings=warnings,
    )
