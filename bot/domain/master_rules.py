"""Pure rules for the master-data workbook: Perjanjian Kinerja, Rencana Aksi and the DPA budget.

Nothing here touches the database or a file; the import service reads the workbook, hands the
cells to these functions and turns the ``Issue`` values they return into Indonesian messages
(``bot.texts``, keyed by ``Issue.key``).

Decisions, so that every importer and every form agrees:

* **Quarterly indicator targets** may be left empty (or ``-``) for a quarter without a target,
  but at least one quarter needs one.
* **akumulasi** (quarterly realisations add up): with cumulative targets (TW n = what should be
  reached by the end of quarter n) a target may not fall below the one before it, and TW IV must
  equal the annual target; with per-quarter targets they must add up to the annual target.
  Both are errors: such a Rencana Aksi cannot be measured consistently.
* **nilai akhir** (the latest value is the year's value): the last quarter's target should equal
  the annual target; **rata-rata**: the quarters' average should equal it. Both are only
  warnings, because agencies sometimes set an ambitious final quarter on purpose.
* **stabil** needs both bounds, lower ≤ upper; bounds on another direction are ignored (warning).
* A value may not carry more decimals than the indicator allows (0–4); negatives only when the
  indicator allows them.
* **Financial targets** are cumulative rupiah (target s.d. TW n), like the financial realisation
  the divisions report: each ≤ pagu, never decreasing.
* **Budget tree**: program (no parent) → kegiatan (parent is a program) → sub kegiatan (parent is
  a kegiatan, division required). The children's pagu may not exceed the parent's (error); less
  is only a warning (a partial DPA).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bot.domain import numbers

DIRECTIONS = ("naik", "turun", "stabil")
LEVELS = ("program", "kegiatan", "sub_kegiatan")
PARENT_LEVEL: dict[str, str | None] = {
    "program": None, "kegiatan": "program", "sub_kegiatan": "kegiatan",
}
QUARTERS = (1, 2, 3, 4)
MAX_DECIMALS = 4
DEFAULT_DECIMALS = 2
MONEY_DECIMALS = 2

SHEETS = ("goals", "indicators", "budget")


@dataclass(frozen=True)
class Column:
    """One column of a data sheet; ``kind`` says how its cells are read."""

    key: str
    kind: str  # code | text | choice | flag | integer | number | money | codes
    required: bool = False
    choice: str | None = None  # kind "choice": direction | turun_formula | accumulation | level


GOAL_COLUMNS: tuple[Column, ...] = (
    Column("code", "code", required=True),
    Column("name", "text", required=True),
)
INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("code", "code", required=True),
    Column("goal_code", "code", required=True),
    Column("name", "text", required=True),
    Column("unit", "text", required=True),
    Column("direction", "choice", required=True, choice="direction"),
    Column("range_low", "number"),
    Column("range_high", "number"),
    Column("turun_formula", "choice", choice="turun_formula"),
    Column("accumulation", "choice", required=True, choice="accumulation"),
    Column("cumulative_targets", "flag"),
    Column("decimals", "integer"),
    Column("allow_negative", "flag"),
    Column("annual_target", "number", required=True),
    Column("target_q1", "number"),
    Column("target_q2", "number"),
    Column("target_q3", "number"),
    Column("target_q4", "number"),
    Column("division", "text", required=True),
    Column("formula_note", "text"),
)
BUDGET_COLUMNS: tuple[Column, ...] = (
    Column("level", "choice", required=True, choice="level"),
    Column("code", "code", required=True),
    Column("parent_code", "code"),
    Column("name", "text", required=True),
    Column("division", "text"),
    Column("budget", "money", required=True),
    Column("target_q1", "money"),
    Column("target_q2", "money"),
    Column("target_q3", "money"),
    Column("target_q4", "money"),
    Column("indicator_codes", "codes"),
)
COLUMNS: dict[str, tuple[Column, ...]] = {
    "goals": GOAL_COLUMNS, "indicators": INDICATOR_COLUMNS, "budget": BUDGET_COLUMNS,
}


@dataclass(frozen=True)
class Issue:
    """One thing wrong (or, with ``warning``, doubtful) about a row; ``column`` is a column key."""

    key: str
    column: str | None = None
    row: int | None = None
    params: dict[str, Any] = field(default_factory=dict)
    warning: bool = False
    # A number that could not be read: worded as every number prompt of the bot words it.
    cause: numbers.InvalidNumber | None = None


# --- reading cells ---------------------------------------------------------------------------
def words(value: object) -> str:
    """Text with whitespace collapsed (``None`` → ``""``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def is_blank(value: object) -> bool:
    return words(value) == ""


def key_of(text: str) -> str:
    """How names and choices are compared: case-free, ``-``/``_`` read as spaces."""
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


_CHOICES: dict[str, dict[str, str]] = {
    "direction": {
        "naik": "naik", "turun": "turun", "stabil": "stabil", "rentang": "stabil",
        "range": "stabil",
    },
    # key_of() reads "-" as a space: "(2T-R)/T" arrives as "(2t r)/t".
    "turun_formula": {
        "(2t r)/t": "difference", "2t r/t": "difference", "(2t r)/t x 100%": "difference",
        "selisih": "difference", "difference": "difference",
        "t/r": "ratio", "t/r x 100%": "ratio", "rasio": "ratio", "ratio": "ratio",
    },
    "accumulation": {
        "akumulasi": "akumulasi", "nilai akhir": "nilai_akhir", "rata rata": "rata_rata",
        "ratarata": "rata_rata", "rata2": "rata_rata",
    },
    "level": {
        "program": "program", "kegiatan": "kegiatan", "sub kegiatan": "sub_kegiatan",
        "subkegiatan": "sub_kegiatan",
    },
}
_FLAGS = {"ya": True, "y": True, "yes": True, "true": True, "tidak": False, "t": False,
          "no": False, "false": False}


def parse_choice(kind: str, value: object) -> str | None:
    """The stored code for a typed choice (``"Nilai Akhir"`` → ``nilai_akhir``), else ``None``."""
    return _CHOICES[kind].get(key_of(words(value)))


def parse_flag(value: object) -> bool | None:
    """``ya``/``tidak`` (and a real Excel TRUE/FALSE) as a bool, else ``None``."""
    if isinstance(value, bool):
        return value
    return _FLAGS.get(key_of(words(value)))


def cell_number(value: object, *, money: bool = False) -> Decimal:
    """A number from a cell: a real number as it is, text through ``bot.domain.numbers``.

    Text is read the Indonesian way (``1.234.567,89``, ``87,5%``, ``Rp 1.250.000``,
    ``1,25 M``, ``300 jt``); with ``money`` it is an amount in rupiah (no ``%``, not negative,
    at most two decimals). Anything else raises ``numbers.InvalidNumber``.
    """
    if isinstance(value, str):
        return numbers.parse_money(value) if money else numbers.parse_number(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, float) and math.isfinite(value):
        # Excel stores binary floats; 9 places drop the noise of sums like 0,1 + 0,2.
        return Decimal(repr(round(value, 9)))
    expected = numbers.Expected.MONEY if money else numbers.Expected.NUMBER
    raise numbers.InvalidNumber(reason=numbers.NumberProblem.TEXT, text=str(value),
                                expected=expected)


def cell_integer(value: object) -> int:
    number = cell_number(value)
    if number != number.to_integral_value():
        raise numbers.InvalidNumber(reason=numbers.NumberProblem.DECIMALS, text=words(value),
                                    decimals=0)
    return int(number)


def split_codes(value: object) -> list[str]:
    """``IK1.1, IK1.2; IK2.1`` → the codes, in order, without blanks."""
    return [words(part) for part in re.split(r"[,;\n]", words(value)) if words(part)]


def decimals_of(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


# --- indicators --------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorFigures:
    """What the rules need of one indicator row (already parsed; ``None`` = empty cell)."""

    direction: str
    accumulation: str
    cumulative_targets: bool
    decimals: int
    allow_negative: bool
    annual_target: Decimal | None
    quarters: Sequence[Decimal | None]  # TW I..IV
    range_low: Decimal | None = None
    range_high: Decimal | None = None
    turun_formula: str | None = None  # None: the cell was empty


def quarter_field(quarter: int) -> str:
    return f"target_q{quarter}"


def check_indicator(f: IndicatorFigures) -> list[Issue]:
    """Errors and warnings about one indicator's targets and properties."""
    issues: list[Issue] = []
    values: list[tuple[str, Decimal | None]] = [
        ("annual_target", f.annual_target),
        *((quarter_field(q), v) for q, v in zip(QUARTERS, f.quarters, strict=True)),
        ("range_low", f.range_low), ("range_high", f.range_high),
    ]
    for name, value in values:
        if value is None:
            continue
        if value < 0 and not f.allow_negative:
            issues.append(Issue("negative_not_allowed", name))
        elif decimals_of(value) > f.decimals:
            issues.append(Issue("too_many_decimals", name, params={"decimals": f.decimals}))

    if f.direction == "stabil":
        if f.range_low is None:
            issues.append(Issue("range_required", "range_low"))
        if f.range_high is None:
            issues.append(Issue("range_required", "range_high"))
        if f.range_low is not None and f.range_high is not None:
            if f.range_low > f.range_high:
                issues.append(Issue("range_order", "range_high",
                                    params={"low": f.range_low, "high": f.range_high}))
            elif f.annual_target is not None and not (
                f.range_low <= f.annual_target <= f.range_high
            ):
                issues.append(Issue("annual_outside_range", "annual_target", warning=True,
                                    params={"low": f.range_low, "high": f.range_high}))
    else:
        for name, value in (("range_low", f.range_low), ("range_high", f.range_high)):
            if value is not None:
                issues.append(Issue("range_ignored", name, warning=True))
    if f.direction != "turun" and f.turun_formula is not None:
        issues.append(Issue("turun_formula_ignored", "turun_formula", warning=True))

    present = [(q, v) for q, v in zip(QUARTERS, f.quarters, strict=True) if v is not None]
    if not present:
        issues.append(Issue("quarter_target_required", quarter_field(1)))
        return issues
    annual = f.annual_target
    if f.accumulation == "akumulasi":
        if f.cumulative_targets:
            for (_, before), (q, value) in itertools.pairwise(present):
                if value < before:
                    issues.append(Issue("cumulative_decreasing", quarter_field(q),
                                        params={"quarter": q, "value": value,
                                                "previous": before}))
            last_q, last = present[-1]
            if annual is not None and last_q == 4 and last != annual:
                issues.append(Issue("cumulative_last_not_annual", quarter_field(4),
                                    params={"value": last, "annual": annual}))
            if last_q != 4:
                issues.append(Issue("cumulative_q4_required", quarter_field(4)))
        elif annual is not None:
            total = sum((v for _, v in present), Decimal(0))
            if total != annual:
                issues.append(Issue("sum_not_annual", "annual_target",
                                    params={"total": total, "annual": annual}))
    elif annual is not None and f.accumulation == "nilai_akhir":
        last_q, last = present[-1]
        if last != annual:
            issues.append(Issue("last_not_annual", quarter_field(last_q), warning=True,
                                params={"quarter": last_q, "value": last, "annual": annual}))
    elif annual is not None and f.accumulation == "rata_rata":
        average = sum((v for _, v in present), Decimal(0)) / len(present)
        if abs(average - annual) > Decimal(1).scaleb(-f.decimals) / 2:
            issues.append(Issue("average_not_annual", "annual_target", warning=True,
                                params={"average": average, "annual": annual}))
    return issues


# --- budget ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BudgetLine:
    """One parsed row of the Anggaran sheet (``None`` = empty or unreadable cell)."""

    row: int
    level: str | None
    code: str
    parent_code: str | None
    budget: Decimal | None
    targets: Sequence[Decimal | None]  # cumulative rupiah, TW I..IV
    has_division: bool = True


def check_money(line: BudgetLine) -> list[Issue]:
    """Pagu and the cumulative financial targets of one line."""
    issues: list[Issue] = []
    amounts = [("budget", line.budget),
               *((quarter_field(q), v) for q, v in zip(QUARTERS, line.targets, strict=True))]
    for name, value in amounts:
        if value is None:
            continue
        if value < 0:
            issues.append(Issue("negative_amount", name, line.row))
        elif decimals_of(value) > MONEY_DECIMALS:
            issues.append(Issue("too_many_decimals", name, line.row,
                                params={"decimals": MONEY_DECIMALS}))
    previous: tuple[int, Decimal] | None = None
    for q, value in zip(QUARTERS, line.targets, strict=True):
        if value is None:
            continue
        if line.budget is not None and value > line.budget:
            issues.append(Issue("target_over_budget", quarter_field(q), line.row,
                                params={"quarter": q, "value": value, "budget": line.budget}))
        if previous is not None and value < previous[1]:
            issues.append(Issue("financial_decreasing", quarter_field(q), line.row,
                                params={"quarter": q, "value": value,
                                        "previous": previous[1]}))
        previous = (q, value)
    return issues


def check_tree(lines: Iterable[BudgetLine]) -> list[Issue]:
    """The hierarchy: parents exist and sit one level up; children's pagu fit the parent's.

    Codes are compared case-free; duplicates are the caller's business (the first row wins).
    """
    lines = list(lines)
    by_code: dict[str, BudgetLine] = {}
    for line in lines:
        by_code.setdefault(key_of(line.code), line)
    issues: list[Issue] = []
    children: dict[str, list[BudgetLine]] = {}
    for line in lines:
        if line.level is None:
            continue
        expected = PARENT_LEVEL[line.level]
        if expected is None:
            if line.parent_code:
                issues.append(Issue("program_has_parent", "parent_code", line.row))
            continue
        if line.level == "sub_kegiatan" and not line.has_division:
            issues.append(Issue("division_required", "division", line.row))
        if not line.parent_code:
            issues.append(Issue("parent_required", "parent_code", line.row,
                                params={"expected": expected}))
            continue
        parent = by_code.get(key_of(line.parent_code))
        if parent is None:
            issues.append(Issue("unknown_parent", "parent_code", line.row,
                                params={"code": line.parent_code}))
        elif parent.level is not None and parent.level != expected:
            issues.append(Issue("parent_wrong_level", "parent_code", line.row,
                                params={"code": line.parent_code, "level": parent.level,
                                        "expected": expected}))
        else:
            children.setdefault(key_of(parent.code), []).append(line)
    for code, kids in children.items():
        parent = by_code[code]
        amounts = [kid.budget for kid in kids]
        if parent.budget is None or any(a is None for a in amounts):
            continue
        total = sum((a for a in amounts if a is not None), Decimal(0))
        if total > parent.budget:
            issues.append(Issue("children_over_budget", "budget", parent.row,
                                params={"total": total, "budget": parent.budget}))
        elif total < parent.budget:
            issues.append(Issue("children_under_budget", "budget", parent.row, warning=True,
                                params={"total": total, "budget": parent.budget}))
    return issues

