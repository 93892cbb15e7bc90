"""The master-data workbook read into a plan: the goals, indicators and budget lines to store.

``read_plan`` takes the rows of the three sheets (``reports.master_reading`` reads them from the
file) and the agency's divisions, and returns the plan with every problem found, each on its
sheet, row and column. The rules themselves are ``master_rules``'. Nothing here touches the
database, a file or the wording: ``reports.master_reading.ProblemReport`` turns the issues into
Indonesian, ``storage.performance`` stores the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Protocol

from bot.domain import numbers
from bot.domain.capaian import TurunFormula
from bot.domain.master_rules import (
    COLUMNS,
    DEFAULT_DECIMALS,
    MAX_DECIMALS,
    QUARTERS,
    BudgetLine,
    Column,
    IndicatorFigures,
    Issue,
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

_QUANTUM = Decimal("0.0001")  # content comparison: finer than any allowed value


class Named(Protocol):
    """A division as the plan needs it."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...


@dataclass(frozen=True)
class SheetRow:
    number: int
    cells: Mapping[str, object]  # column key → cell value


def read_plan(sheets: Mapping[str, Sequence[SheetRow]],
              divisions: Sequence[Named]) -> tuple[Plan, list[tuple[str, Issue]]]:
    """The plan in ``sheets`` (by sheet key), and every issue found with its sheet key.

    A row with an error is left out of the plan; the caller refuses the file when any issue is
    not a warning.
    """
    reader = _Reader(divisions)
    plan = reader.read(sheets)
    return plan, reader.found


def _on_row(issue: Issue, row: int) -> Issue:
    return issue if issue.row is not None else replace(issue, row=row)


@dataclass(frozen=True)
class GoalPlan:
    code: str
    name: str


@dataclass(frozen=True)
class IndicatorPlan:
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
class BudgetPlan:
    level: str
    code: str
    parent_code: str | None
    name: str
    division_id: int | None
    budget: Decimal | None
    quarters: tuple[Decimal | None, ...]
    indicator_codes: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    goals: tuple[GoalPlan, ...]
    indicators: tuple[IndicatorPlan, ...]
    budget: tuple[BudgetPlan, ...]


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(_QUANTUM)


class _Reader:
    """Reads every cell of the rows into a plan, reporting each problem where it is."""

    def __init__(self, divisions: Sequence[Named]) -> None:
        self.found: list[tuple[str, Issue]] = []
        self.divisions = divisions
        self.by_name: dict[str, Named] = {}
        for division in divisions:
            self.by_name[key_of(division.name)] = division
        self.sheet = ""
        self.row = 0
        self.failed = False  # a cell of the current row could not be read
        self.goal_codes: dict[str, str] = {}  # every code written, even on a faulty row
        self.indicator_codes: dict[str, str] = {}

    # cells
    def _error(self, column: str, key: str, **params: Any) -> None:
        self.add(self.sheet, Issue(key, column, self.row, params))
        self.failed = True

    def _number_error(self, column: str, error: numbers.InvalidNumber) -> None:
        # The sentence every number prompt of the bot uses, with an example.
        self.add(self.sheet, Issue(str(error.reason), column, self.row, cause=error))
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
                        choice=column.choice)
        return value

    def flag(self, row: SheetRow, column: Column, default: bool = False) -> bool:
        raw = row.cells.get(column.key)
        if is_blank(raw):
            return default
        value = parse_flag(raw)
        if value is None:
            self._error(column.key, "unknown_choice", value=words(raw),
                        choice="flag")
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

    def division(self, row: SheetRow, column: Column) -> Named | None:
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

    def add(self, sheet: str, issue: Issue) -> None:
        self.found.append((sheet, issue))

    # sheets
    def read(self, sheets: Mapping[str, Sequence[SheetRow]]) -> Plan:
        goals = self._goals(sheets["goals"])
        indicators = self._indicators(sheets["indicators"], goals)
        budget = self._budget(sheets["budget"])
        with_indicators = {key_of(i.goal_code) for i in indicators.values()}
        for key, (number, goal) in goals.items():
            if key not in with_indicators:
                self.add("goals", Issue("goal_without_indicators", "code", number,
                                        {"code": goal.code}, warning=True))
        return Plan(goals=tuple(goal for _, goal in goals.values()),
                     indicators=tuple(indicators.values()), budget=budget)

    def _goals(self, rows: Sequence[SheetRow]) -> dict[str, tuple[int, GoalPlan]]:
        c = {column.key: column for column in COLUMNS["goals"]}
        if not rows:
            self.add("goals", Issue("empty_sheet"))
        seen: dict[str, int] = {}
        goals: dict[str, tuple[int, GoalPlan]] = {}
        for row in rows:
            self._start("goals", row)
            code = self.code(row, c["code"], seen)
            name = self.text(row, c["name"])
            if code is not None:
                self.goal_codes[key_of(code)] = code
            if code is not None and name is not None:
                goals[key_of(code)] = (row.number, GoalPlan(code, name))
        return goals

    def _indicators(self, rows: Sequence[SheetRow],
                    goals: Mapping[str, tuple[int, GoalPlan]]) -> dict[str, IndicatorPlan]:
        c = {column.key: column for column in COLUMNS["indicators"]}
        if not rows:
            self.add("indicators", Issue("empty_sheet"))
        seen: dict[str, int] = {}
        found: dict[str, IndicatorPlan] = {}
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
                self.add("indicators", _on_row(issue, row.number))
            if any(not issue.warning for issue in issues):
                continue
            if not (code and goal and name and unit and division and division.id):
                continue  # its goal row has a problem of its own
            stable = direction == "stabil"
            found[key_of(code)] = IndicatorPlan(
                code=code, goal_code=goal[1].code, name=name, unit=unit, direction=direction,
                range_low=low if stable else None, range_high=high if stable else None,
                turun_formula=(formula if direction == "turun" and formula
                               else TurunFormula.DIFFERENCE.value),
                accumulation=accumulation, cumulative_targets=cumulative, decimals=decimals,
                allow_negative=allow_negative, annual_target=annual, quarters=quarters,
                division_id=division.id, formula_note=note,
            )
        return found

    def _budget(self, rows: Sequence[SheetRow]) -> tuple[BudgetPlan, ...]:
        c = {column.key: column for column in COLUMNS["budget"]}
        if not rows:
            self.add("budget", Issue("no_budget", warning=True))
        seen: dict[str, int] = {}
        lines: list[BudgetLine] = []
        plans: list[BudgetPlan | None] = []
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
                self.add("budget", _on_row(issue, row.number))
            ok = not self.failed and level is not None and name is not None
            plans.append(BudgetPlan(
                level=level or "", code=code, parent_code=parent_code, name=name or "",
                division_id=division.id if division else None, budget=budget,
                quarters=quarters, indicator_codes=tuple(dict.fromkeys(known_codes)),
            ) if ok else None)
        for issue in check_tree(lines):
            self.add("budget", _on_row(issue, 0))
        by_code = {key_of(line.code): line.code for line in lines}
        # Parent codes as the parent row spells them, so that "1.03.10" matches "1.03.10 ".
        return tuple(
            replace(plan, parent_code=by_code.get(key_of(plan.parent_code))
                    if plan.parent_code else None)
            for plan in plans if plan is not None
        )


def canonical(plan: Plan) -> tuple[Any, ...]:
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


