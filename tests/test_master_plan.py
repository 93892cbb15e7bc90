"""The master-data rules read rows into a plan without a file or a database
(``bot.domain.master_plan``); ``test_master_data`` covers the workbook around them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot import texts
from bot.domain.master_plan import SheetRow, canonical, read_plan
from bot.sample_data.master_sample import (
    DIVISIONS,
    GOALS,
    INDICATORS,
    budget_rows,
    expected_counts,
)
from reports.master_reading import ProblemReport


@dataclass(frozen=True)
class Division:
    id: int
    name: str


AGENCY = [Division(number, name) for number, name in enumerate(DIVISIONS, start=1)]


def sheets(**changes: dict[str, dict[str, object]]) -> dict[str, list[SheetRow]]:
    """The sample's rows as read from the sheets (header on row 1); ``changes`` by sheet key,
    then by code."""
    rows = {"goals": GOALS, "indicators": INDICATORS, "budget": budget_rows()}
    return {key: [SheetRow(number, {**row, **changes.get(key, {}).get(str(row["code"]), {})})
                  for number, row in enumerate(found, start=2)]
            for key, found in rows.items()}


def test_the_sample_rows_make_a_whole_plan_with_nothing_to_say() -> None:
    plan, issues = read_plan(sheets(), AGENCY)
    assert [issue for _, issue in issues if not issue.warning] == []
    counts = expected_counts()
    assert (len(plan.goals), len(plan.indicators)) == (counts["goals"], counts["indicators"])
    by_code = {i.code: i for i in plan.indicators}
    assert by_code["IK1.1"].division_id == 2  # "Bina Marga"
    # The same rows give the same content; one figure more gives another.
    assert canonical(read_plan(sheets(), AGENCY)[0]) == canonical(plan)
    other = sheets(indicators={"IK1.1": {"annual_target": Decimal("83"),
                                         "target_q4": Decimal("83")}})
    assert canonical(read_plan(other, AGENCY)[0]) != canonical(plan)


def test_each_problem_is_found_on_its_row_and_column_and_the_row_is_left_out() -> None:
    bad = sheets(indicators={"IK1.2": {"direction": "ke samping", "decimals": "dua",
                                       "division": "Bidang Perikanan"}})
    plan, issues = read_plan(bad, AGENCY)
    row = next(r.number for r in bad["indicators"] if r.cells["code"] == "IK1.2")
    found = {(sheet, issue.row, issue.column, issue.key) for sheet, issue in issues
             if not issue.warning}
    assert {("indicators", row, "direction", "unknown_choice"),
            ("indicators", row, "division", "unknown_division")} <= found
    assert any(key not in ("unknown_choice", "unknown_division") and column == "decimals"
               for _, _, column, key in found)
    assert "IK1.2" not in {i.code for i in plan.indicators}


def test_the_words_are_the_reports_not_the_rules() -> None:
    """The rules name the choice and keep the number's own error; the report words both in
    Indonesian, as every prompt of the bot does."""
    bad = sheets(indicators={"IK1.2": {"direction": "ke samping", "annual_target": "12,3,4"}})
    _, issues = read_plan(bad, AGENCY)
    report = ProblemReport()
    for sheet, issue in issues:
        report.issue(sheet, issue)
    choice = next(p for p in report.problems if p.key == "unknown_choice")
    assert all(label in choice.message for label in texts.MASTER_CHOICES["direction"].values())
    number = next(i for _, i in issues if i.column == "annual_target")
    assert number.cause is not None
    worded = next(p for p in report.problems if p.header and p.key == number.key)
    assert worded.message == texts.number_error(number.cause)
