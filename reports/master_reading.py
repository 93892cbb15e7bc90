"""Reading the master-data workbook: every data row of its three sheets, the merged cells
and formulas the read-only reader does not give, and each problem with its sheet, row and
column (``ProblemReport``). What the rows mean is checked by ``bot.services.master_data``."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn
from xml.etree import ElementTree

from openpyxl.utils import get_column_letter, range_boundaries

from bot import texts
from bot.domain import errors
from bot.domain.errors import Reason
from bot.domain.master_plan import SheetRow
from bot.domain.master_rules import (
    COLUMNS,
    SHEETS,
    Issue,
    cell_number,
    is_blank,
    key_of,
    words,
)
from reports.safe_workbook import WorkbookLimits, WorkbookRefused, open_workbook

MAX_ROWS = 5000  # data rows per sheet
STRUCTURAL = frozenset({"not_xlsx", "too_large", "unpacked_too_large", "too_many_rows",
                         "too_many_parts", "too_many_cells", "text_too_long", "sheet_too_long",
                         "missing_sheet", "missing_column", "duplicate_column"})


# --- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One problem found in the workbook; ``sheet``/``row``/``column`` are ``None`` when the
    problem concerns the whole file, sheet or row."""

    sheet: str | None
    row: int | None
    column: str | None  # column letter
    header: str | None
    key: str
    message: str
    warning: bool = False

    @property
    def location(self) -> str:
        return texts.master_location(self.sheet, self.row, self.column, self.header)

    def __str__(self) -> str:
        return texts.master_problem_line(self.location, self.message)


class MasterDataInvalid(errors.InvalidInput):
    """The workbook cannot be imported; ``problems`` lists every reason, in sheet order."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(reason=Reason.MASTER_DATA_INVALID, count=len(problems))
        self.problems = problems


# --- reading the workbook ----------------------------------------------------------------------
class ProblemReport:
    """Collects problems and warnings with their sheet, row and column letter."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.letters: dict[str, dict[str, str]] = {}

    def add(self, sheet_key: str | None, row: int | None, column_key: str | None, key: str,
            params: Mapping[str, Any] | None = None, *, warning: bool = False,
            letter: str | None = None, header: str | None = None,
            message: str | None = None) -> None:
        sheet = texts.MASTER_SHEETS[sheet_key] if sheet_key else None
        if sheet_key and column_key:
            letter = letter or self.letters.get(sheet_key, {}).get(column_key)
            header = header or texts.MASTER_COLUMNS[sheet_key][column_key][0]
        problem = Problem(sheet=sheet, row=row, column=letter, header=header, key=key,
                          message=message or texts.master_message(key, dict(params or {})),
                          warning=warning)
        (self.warnings if warning else self.problems).append(problem)

    def issue(self, sheet_key: str, issue: Issue) -> None:
        message = texts.number_error(issue.cause) if issue.cause is not None else None
        self.add(sheet_key, issue.row, issue.column, issue.key, issue.params,
                 warning=issue.warning, message=message)

    def refuse(self) -> NoReturn:
        raise MasterDataInvalid(self.sorted(self.problems))

    @staticmethod
    def sorted(problems: list[Problem]) -> list[Problem]:
        order = {texts.MASTER_SHEETS[key]: index for index, key in enumerate(SHEETS)}

        def position(problem: Problem) -> tuple[int, int, int]:
            column = 0
            if problem.column:
                column = sum((ord(c) - 64) * 26 ** i
                             for i, c in enumerate(reversed(problem.column)))
            return (order.get(problem.sheet or "", -1), problem.row or 0, column)

        return sorted(problems, key=position)


def read_workbook(data: bytes, report: ProblemReport,
                   limits: WorkbookLimits) -> dict[str, list[SheetRow]]:
    """Every data row of the three sheets, or ``MasterDataInvalid`` for a file we cannot use."""
    try:
        with open_workbook(data, limits) as book:
            titles = {key_of(title): title for title in book.sheetnames}
            sheets: dict[str, list[SheetRow]] = {}
            for sheet_key in SHEETS:
                name = texts.MASTER_SHEETS[sheet_key]
                title = titles.get(key_of(name))
                if title is None:
                    report.add(sheet_key, None, None, "missing_sheet", {"sheet": name})
                    continue
                sheet = book[title]
                sheet.reset_dimensions()  # some writers store a wrong size
                extras = sheet_xml(data, getattr(sheet, "_worksheet_path", ""))
                sheets[sheet_key] = read_sheet(sheet.iter_rows(), sheet_key, report, extras)
    except WorkbookRefused as refused:
        size = refused.reason in ("too_large", "unpacked_too_large")
        params = {} if refused.limit is None else {"max" if size else "count": refused.limit}
        if refused.reason == "too_large":
            params["size"] = len(data)
        report.add(None, None, None, refused.reason, params)
        report.refuse()
    except (KeyError, ValueError, TypeError, AttributeError, OSError, SyntaxError,
            zipfile.BadZipFile):
        # a damaged sheet, or a chart sheet by that name (XML parse errors are SyntaxErrors)
        report.add(None, None, None, "not_xlsx")
        report.refuse()
    if any(p.key in STRUCTURAL for p in report.problems):
        report.refuse()
    return sheets


def header_key(text: str) -> str:
    return key_of(text.replace("*", ""))


@dataclass(frozen=True)
class SheetXml:
    """What the read-only reader does not give: merged ranges (first column, first row, last
    column, last row) and the cells whose formula has no stored result."""

    merged: tuple[tuple[int, int, int, int], ...] = ()
    uncomputed: frozenset[tuple[int, int]] = frozenset()  # (column, row)


def sheet_xml(data: bytes, path: str) -> SheetXml:
    """Read from the sheet's XML, streaming: a SAKIP team merges a goal's code over its
    indicators, as in the PK itself, and a file written by a script may hold formulas that no
    spreadsheet has computed yet (read as empty, they would vanish without a word)."""
    if not path:
        return SheetXml()
    merged, uncomputed = [], set()
    rows: ElementTree.Element | None = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path) as stream:
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                tag = element.tag.rsplit("}", 1)[-1]
                if event == "start":
                    if tag == "sheetData":
                        rows = element
                    continue
                if tag == "row" and rows is not None:
                    # A read row is dropped from the tree, or the whole sheet stays in memory.
                    rows.remove(element)
                elif tag == "mergeCell" and element.get("ref"):
                    merged.append(range_boundaries(str(element.get("ref"))))
                elif tag == "c":
                    children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                    value = children.get("v")
                    if "f" in children and (value is None or not (value.text or "").strip()):
                        column, row, _, _ = range_boundaries(str(element.get("r")))
                        uncomputed.add((column, row))
                if tag != "f" and tag != "v":
                    element.clear()
    except (KeyError, ValueError, TypeError, OSError, ElementTree.ParseError):
        return SheetXml()
    return SheetXml(tuple((int(a), int(b), int(c), int(d)) for a, b, c, d in merged
                           if None not in (a, b, c, d)),
                     frozenset((int(c), int(r)) for c, r in uncomputed))


def read_sheet(rows: Iterator[tuple[Any, ...]], sheet_key: str, report: ProblemReport,
                extras: SheetXml = SheetXml()) -> list[SheetRow]:
    columns = {c.key: c for c in COLUMNS[sheet_key]}
    known = {header_key(texts.MASTER_COLUMNS[sheet_key][key][0]): key for key in columns}
    positions: dict[str, int] = {}
    for index, cell in enumerate(next(rows, ())):
        header = words(cell.value)
        if not header:
            continue
        key = known.get(header_key(header))
        letter = get_column_letter(index + 1)
        if key is None:
            report.add(sheet_key, 1, None, "unknown_column", {"header": header},
                       warning=True, letter=letter, header=header)
        elif key in positions:
            report.add(sheet_key, 1, None, "duplicate_column", {"header": header},
                       letter=letter, header=header)
        else:
            positions[key] = index
    report.letters[sheet_key] = {k: get_column_letter(i + 1) for k, i in positions.items()}
    for key, column in columns.items():
        if column.required and key not in positions:
            header = texts.MASTER_COLUMNS[sheet_key][key][0]
            report.add(sheet_key, 1, None, "missing_column", {"header": header},
                       header=header)

    # Cells covered by a merged range show its first cell's value.
    covered = {(column, row): (first_column, first_row)
               for first_column, first_row, last_column, last_row in extras.merged
               if (last_row - first_row + 1) * (last_column - first_column + 1) <= MAX_ROWS
               for column in range(first_column, last_column + 1)
               for row in range(first_row, last_row + 1)
               if (column, row) != (first_column, first_row)}
    firsts = set(covered.values())
    seen: dict[tuple[int, int], object] = {}
    found: list[SheetRow] = []
    for number, cells in enumerate(rows, start=2):
        values: dict[str, object] = {}
        for key, index in positions.items():
            cell = cells[index] if index < len(cells) else None
            value = cell.value if cell is not None else None
            if (index + 1, number) in firsts:
                seen[(index + 1, number)] = value
            elif (index + 1, number) in covered and is_blank(value):
                value = seen.get(covered[(index + 1, number)])
            if is_blank(value) and (index + 1, number) in extras.uncomputed:
                report.add(sheet_key, number, key, "formula_not_computed")
            # A number typed as 87,5% in a percent-formatted cell is stored as 0.875.
            if (isinstance(value, int | float) and not isinstance(value, bool)
                    and str(getattr(cell, "number_format", "") or "").endswith("%")):
                if columns[key].kind == "number":
                    value = cell_number(value) * 100
                elif columns[key].kind == "money":
                    # Read as typed, so that it is refused like "25%" typed as text: a
                    # financial target is an amount in rupiah, not a share of the pagu.
                    value = f"{(cell_number(value) * 100).normalize():f}%"
            values[key] = value
        if all(is_blank(v) for v in values.values()):
            continue
        if len(found) >= MAX_ROWS:
            report.add(sheet_key, None, None, "too_many_rows",
                       {"sheet": texts.MASTER_SHEETS[sheet_key], "max": MAX_ROWS})
            break
        found.append(SheetRow(number, values))
    return found
