"""Issue 13: no workbook or CSV the project writes lets a spreadsheet run typed text.

Every writer of an .xlsx or a .csv gets hostile text in every field a person can type (names of
indicators, goals, divisions and officials, the agency's name, notes, kendala, tindak lanjut,
penjelasan, codes, sub kegiatan, audit values, …) and the bytes it produces are checked:

* xlsx: no cell of any sheet is a formula, no sheet part holds an ``<f>`` element, every typed
  text reads back unchanged as a text cell with the quote prefix;
* CSV: every typed text is the text with a leading ``'``, and no field starts with a formula
  character unless it is a number or a date/time we wrote.

``test_every_writer_is_covered`` fails when a new writer appears that this file does not feed.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from bot.domain.sop import Role
from bot.sample_data.master_sample import sample_master
from bot.services import province, year_report
from bot.services.context import ServiceContext
from reports import archive_bundle, compliance, esr, forms, master_template, workbooks
from reports.heading import ReportHeading, SignOff
from reports.sheets import FORMULA_START
from storage import agencies, users
from storage.documents import FileStore
from storage.models import (
    Indicator,
    IndicatorRealization,
    MeasurementCycle,
    PerformanceAgreement,
    StrategicGoal,
)

HOSTILE = (
    "=cmd|' /C calc'!A0",
    "+62 812 3456",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    ' =HYPERLINK("http://x")',
    "＝1+1",  # full-width equals sign
)
ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)
DAY = date(2024, 4, 10)


def h(index: int) -> str:
    """The hostile strings in turn, so that each field gets each of them somewhere."""
    return HOSTILE[index % len(HOSTILE)]


def as_read(text: str) -> str:
    """``text`` as any XML reader (openpyxl, Excel, LibreOffice) reads it back from a cell: XML
    turns a bare carriage return into a line feed. The bytes written hold the text exactly
    (checked on the raw XML)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Output:
    kind: str  # "xlsx" | "csv"
    name: str
    data: bytes


# --- inputs -------------------------------------------------------------------------------------
def measurement_rows() -> tuple[workbooks.MeasurementRow, ...]:
    return tuple(workbooks.MeasurementRow(
        goal=h(i), code=h(i + 1), indicator=h(i + 2), unit=h(i + 3), division=h(i + 4),
        annual_target=D(40), quarter_target=D(10), realization=D("10.5"),
        realization_to_date=D("10.5"), achievement=D(105), achievement_to_date=D(105),
        obstacles=h(i + 5), follow_up=h(i + 6), evidence="", explanation=h(i + 7),
        evidence_files=(h(i), h(i + 3)), decimals=1, annual_progress=D("26.25"),
        missing_quarters=(1,) if i % 2 else ()) for i in range(len(HOSTILE)))


def finance_rows() -> tuple[workbooks.FinanceRow, ...]:
    return tuple(workbooks.FinanceRow(
        code=h(i), name=h(i + 1), division=h(i + 2), budget=D(1_000_000),
        quarter_target=D(250_000), realization=D(200_000), absorption=None,
        program=h(i + 3), activity=h(i + 4), indicator_codes=(h(i + 5),))
        for i in range(len(HOSTILE)))


def part_rows() -> list[workbooks.PartSummary]:
    return [workbooks.PartSummary(division=h(i), submitted_by=h(i + 1), submitted_at=h(i + 2),
                                  figures=h(i + 3), evidence=(h(i + 4), h(i + 5)))
            for i in range(len(HOSTILE))]


def heading(offset: int, year: int, quarter: int) -> ReportHeading:
    """Agency and province: typed by an administrator."""
    return ReportHeading(agency=h(offset), province=h(offset + 1), year=year, quarter=quarter)


def signed(offset: int) -> SignOff:
    """The Kepala Dinas and the place: all typed by an administrator."""
    return SignOff(name=h(offset + 2), rank=h(offset + 3), nip=h(offset + 4),
                   title=h(offset + 5), place=h(offset + 6), day=DAY,
                   approval_note=h(offset + 7))


# --- the writers --------------------------------------------------------------------------------
def compiled_report(_: pytest.FixtureRequest) -> list[Output]:
    """reports/workbooks.py compiled_report: structured (Ringkasan, Grafik, Kinerja, Keuangan,
    Data Dukung, Pengukuran) and with parts only (approval note and signature there)."""
    full = [workbooks.compiled_report(
        heading(offset, 2024, 2), parts=part_rows(), final=final,
        measurements=measurement_rows(), finances=finance_rows(), cap=100,
        sign_off=signed(offset))
        for offset, final in ((0, False), (3, True))]
    parts_only = [workbooks.compiled_report(heading(offset, 2024, 1), parts=part_rows(),
                                            sign_off=signed(offset))
                  for offset in range(len(HOSTILE))]
    return [Output("xlsx", f"compiled-{n}", data) for n, data in enumerate([*full, *parts_only])]


def fallback_form(_: pytest.FixtureRequest) -> list[Output]:
    """reports/workbooks.py division_form: the empty form without master data."""
    return [Output("xlsx", f"fallback-form-{i}",
                   workbooks.division_form(agency=h(i), division=h(i + 1), year=2024,
                                           quarter=1))
            for i in range(len(HOSTILE))]


def esr_workbook(_: pytest.FixtureRequest) -> list[Output]:
    """reports/esr.py esr_workbook, with its evidence index."""
    return [Output("xlsx", f"esr-{offset}", esr.esr_workbook(
        heading(offset, 2024, 2), measurements=measurement_rows(), finances=finance_rows(),
        sign_off=signed(offset)))
        for offset in (0, 5)]


def division_form(_: pytest.FixtureRequest) -> list[Output]:
    """reports/forms.py division_form: the step-3 form with its targets."""
    indicators = [forms.FormIndicator(
        code=h(i), goal=h(i + 1), name=h(i + 2), unit=h(i + 3), annual_target=D(40),
        quarter_target=D(10), decimals=2, allow_negative=bool(i % 2),
        value=D("-1.5") if i % 2 else None, explanation=h(i + 4), obstacles=h(i + 5),
        follow_up=h(i + 6)) for i in range(len(HOSTILE))]
    lines = [forms.FormBudgetLine(code=h(i), name=h(i + 1), budget=D(1_000_000),
                                  quarter_target=D(250_000), amount=D(1000) if i % 2 else None)
             for i in range(len(HOSTILE))]
    return [Output("xlsx", f"form-{i}", forms.division_form(
        agency=h(i), division=h(i + 1), year=2024, quarter=1, cycle_id=7, division_id=3,
        indicators=indicators, budget_lines=lines)) for i in range(len(HOSTILE))]


def master_rows() -> dict[str, list[dict[str, object]]]:
    """A row per hostile string for each data sheet: every text and code column typed, numbers
    and flags as such."""
    numbers = {"range_low", "range_high", "decimals", "annual_target", "budget",
               *(f"target_q{q}" for q in (1, 2, 3, 4))}
    flags = {"cumulative_targets", "allow_negative"}
    rows: dict[str, list[dict[str, object]]] = {}
    for key, columns in master_template.COLUMNS.items():
        rows[key] = [{c.key: (D("12.5") if c.key in numbers else True if c.key in flags
                              else h(i + n)) for n, c in enumerate(columns)}
                     for i in range(len(HOSTILE))]
    return rows


def master_data(_: pytest.FixtureRequest) -> list[Output]:
    """reports/master_template.py: the template (with the agency's divisions in its list) and
    the workbook filled by write_rows (the export of existing rows)."""
    from reports.sheets import to_bytes

    template = master_template.master_template(year=2024, divisions=HOSTILE)
    book = master_template.master_workbook(year=2024, divisions=HOSTILE)
    for key, rows in master_rows().items():
        master_template.write_rows(book, key, rows)
    return [Output("xlsx", "master-template", template),
            Output("xlsx", "master-filled", to_bytes(book))]


def sample_master_data(_: pytest.FixtureRequest) -> list[Output]:
    """bot/sample_data/master_sample.py sample_master: the demo master data, divisions given."""
    return [Output("xlsx", "sample-master", sample_master(2024, divisions=HOSTILE))]


def year_trend(request: pytest.FixtureRequest) -> list[Output]:
    """bot/services/year_report.py year_trend (/laporan): codes, indicators, goals and divisions
    from the database (SQLite, or PostgreSQL with TEST_DATABASE_URL)."""
    engine = request.getfixturevalue("engine")
    tmp_path = request.getfixturevalue("tmp_path")
    with Session(engine) as session:
        agency = agencies.create_agency(session=session, name=h(0), code="esc", now=NOW)
        assert agency.id is not None
        divisions = [agencies.add_division(session=session, agency_id=agency.id, name=name)
                     for name in HOSTILE]
        head = users.create_user(session=session, agency_id=agency.id, name=h(1), now=NOW,
                                 telegram_id=4242)
        assert head.id is not None
        users.add_role(session=session, user_id=head.id, role=Role.HEAD)
        agreement = PerformanceAgreement(agency_id=agency.id, year=2024, imported_at=NOW)
        session.add(agreement)
        session.flush()
        goals = [StrategicGoal(agreement_id=agreement.id, code=f"S{i}", name=name, position=i)
                 for i, name in enumerate(HOSTILE)]
        session.add_all(goals)
        session.flush()
        # "\t=1+1" and "\r=1+1" are one code to the importer (key_of): one of them is a code.
        codes = [c for c in HOSTILE if c != "\r=1+1"]
        indicators = [Indicator(
            agreement_id=agreement.id, goal_id=goals[i].id, division_id=divisions[i].id,
            code=code, name=h(i + 3), unit=h(i + 2), annual_target=D(40), target_q1=D(10),
            target_q2=D(20), target_q3=D(30), target_q4=D(40), position=i)
            for i, code in enumerate(codes)]
        session.add_all(indicators)
        cycle = MeasurementCycle(agency_id=agency.id, year=2024, quarter=1,
                                 opened_by_user_id=head.id, agreement_id=agreement.id,
                                 created_at=NOW)
        session.add(cycle)
        session.flush()
        session.add_all([IndicatorRealization(
            cycle_id=cycle.id, indicator_id=item.id, division_id=item.division_id,
            value=D(9) + i, obstacles=h(i), follow_up=h(i + 1), explanation=h(i + 2),
            updated_at=NOW) for i, item in enumerate(indicators)])
        session.commit()
        head_id = head.id
    ctx = ServiceContext(engine=engine, store=FileStore(tmp_path / "files"), clock=lambda: NOW)
    _, workbook, _ = year_report.year_trend(ctx, head_id, 2024)
    return [Output("xlsx", "year-trend", workbook)]


def province_workbook(_: pytest.FixtureRequest) -> list[Output]:
    """bot/services/province.py workbook (/provinsi): agency codes and names, step labels and
    the names of the officials each agency waits for."""
    rows = [province.AgencyProgress(
        code=h(i), name=h(i + 1), year=2024, quarter=1, archived=False, step_number=4,
        step_label=h(i + 2), waiting_for=(h(i + 3), h(i + 4)), due_at=NOW, late_minutes=90,
        late_steps=1, capaian=D("87.5"), measured=3, indicators=4)
        for i in range(len(HOSTILE))]
    _, data = province.workbook(rows, NOW)
    return [Output("xlsx", "province", data)]


def compliance_csv(_: pytest.FixtureRequest) -> list[Output]:
    """reports/compliance.py compliance_csv: step labels, divisions, standards, who did it."""
    rows = [compliance.ComplianceRow(
        number=i + 1, label=h(i), division=h(i + 1), round=1, standard=h(i + 2),
        standard_minutes=60, actual_minutes=75, on_time=bool(i % 2), done_by=h(i + 3),
        started_at=NOW, done_at=NOW) for i in range(len(HOSTILE))]
    return [Output("csv", "compliance", compliance.compliance_csv(rows))]


def archive_audit_csv(_: pytest.FixtureRequest) -> list[Output]:
    """reports/archive_bundle.py: audit-log.csv (and every other CSV) inside the archive ZIP."""
    entries = [archive_bundle.BundleEntry(
        kind="evidence", name=h(i), data=f"file {i}".encode(), created_at=NOW, step=h(i + 1),
        division=h(i + 2), created_by=h(i + 3)) for i in range(len(HOSTILE))]
    audit: list[dict[str, object]] = [
        {"at": NOW, "user": h(i), "action": h(i + 1), "before": {"value": h(i + 2)},
         "after": h(i + 3)} for i in range(len(HOSTILE))]
    audit += [{"at": h(i), "user": h(i + 4), "action": h(i + 5)} for i in range(len(HOSTILE))]
    bundle = archive_bundle.build_bundle(entries, audit, {"generated_at": NOW, "agency": h(0),
                                                          "period": h(1)})
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        found = [Output("csv", name, archive.read(name)) for name in archive.namelist()
                 if name.lower().endswith(".csv")]
    assert [o.name for o in found] == [archive_bundle.AUDIT_LOG]
    return found


WRITERS: dict[str, Callable[[pytest.FixtureRequest], list[Output]]] = {
    "compiled_report": compiled_report,
    "fallback_division_form": fallback_form,
    "esr_workbook": esr_workbook,
    "division_form": division_form,
    "master_template": master_data,
    "sample_master": sample_master_data,
    "year_trend": year_trend,
    "province_workbook": province_workbook,
    "compliance_csv": compliance_csv,
    "archive_audit_csv": archive_audit_csv,
}

# Every function of the project that writes a workbook or a CSV, and the writer above feeding it.
COVERED = {
    ("reports/workbooks.py", "compiled_report"): "compiled_report",
    ("reports/workbooks.py", "division_form"): "fallback_division_form",
    ("reports/esr.py", "esr_workbook"): "esr_workbook",
    ("reports/forms.py", "division_form"): "division_form",
    ("reports/master_template.py", "master_template"): "master_template",
    ("reports/master_template.py", "master_workbook"): "master_template",
    ("bot/sample_data/master_sample.py", "sample_master"): "sample_master",
    ("bot/services/year_report.py", "year_trend"): "year_trend",
    ("bot/services/province.py", "workbook"): "province_workbook",
    ("reports/compliance.py", "compliance_csv"): "compliance_csv",
    ("reports/archive_bundle.py", "audit_csv"): "archive_audit_csv",
}
# Call sites that are not writers of the project's own files.
NOT_WRITERS = {
    ("reports/sheets.py", "new_workbook"): "the helper itself",
    ("reports/sheets.py", "to_bytes"): "the helper itself",
    # The end-to-end demo plays an official filling the form in Excel: it copies the numeric
    # targets into the realisation cells of the form the bot sent; a person's workbook.
    ("bot/demo_scenario.py", "fill_form"): "a simulated user's edit of a received form",
}


# --- the checks ---------------------------------------------------------------------------------
_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")


def _xml_text(text: str) -> bytes:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .encode("utf-8"))


def check_xlsx(output: Output) -> set[str]:
    """Asserts the workbook holds no formula and every hostile text as a text cell; returns the
    hostile strings found."""
    found: set[str] = set()
    # Titles show the agency's and the division's names in capitals.
    readback = {**{as_read(text).upper(): text for text in HOSTILE},
                **{as_read(text): text for text in HOSTILE}}
    with zipfile.ZipFile(io.BytesIO(output.data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()
                 if name.startswith("xl/") and name.endswith(".xml")}
    sheet_parts = [name for name in parts if name.startswith("xl/worksheets/sheet")]
    assert sheet_parts, output.name
    for name in sheet_parts:
        assert not _FORMULA_ELEMENT.search(parts[name]), f"{output.name}: <f> in {name}"
    text_xml = b"".join(parts[name] for name in parts
                        if name in sheet_parts or name == "xl/sharedStrings.xml")
    book = load_workbook(io.BytesIO(output.data), read_only=False, data_only=False)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                where = f"{output.name}: {sheet.title}!{cell.coordinate} {cell.value!r}"
                assert cell.data_type != "f", where
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", where
                    if cell.value.lstrip(" ").startswith(FORMULA_START):
                        assert cell.quotePrefix, where  # e.g. a typed name in capitals
                if cell.value in readback:
                    assert cell.data_type == "s" and cell.quotePrefix, where
                    found.add(readback[cell.value])
    for text in found:  # written exactly, whatever a reader does with a carriage return
        assert _xml_text(text) in text_xml or _xml_text(text.upper()) in text_xml, (
            f"{output.name}: {text!r} not written as typed")
    return found


def _ours(field: str) -> bool:
    """A number or a date/time: the only fields that may start with a formula character."""
    return bool(_NUMBER.fullmatch(field) or _DATE_TIME.fullmatch(field))


def check_csv(output: Output) -> set[str]:
    """Asserts every hostile text is escaped with ``'`` and nothing else starts with a formula
    character; returns the hostile strings found."""
    found: set[str] = set()
    text = output.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 1, output.name
    for number, row in enumerate(rows, 1):
        for field in row:
            where = f"{output.name}: row {number} {field!r}"
            assert field not in HOSTILE, f"unescaped: {where}"
            if field.startswith("'") and field[1:] in HOSTILE:
                found.add(field[1:])
                continue
            if field.lstrip(" ").startswith(FORMULA_START):
                assert _ours(field), where
    return found


@pytest.mark.parametrize("writer", list(WRITERS))
def test_typed_text_is_never_run(writer: str, request: pytest.FixtureRequest) -> None:
    outputs = WRITERS[writer](request)
    assert outputs
    found: set[str] = set()
    for output in outputs:
        found |= check_xlsx(output) if output.kind == "xlsx" else check_csv(output)
    # Each hostile string reached the file somewhere (a check that found none proves nothing).
    assert sorted(set(HOSTILE) - found) == [], writer


# --- coverage -----------------------------------------------------------------------------------
_WRITING_CALLS = {"csv.writer", "csv.DictWriter", "new_workbook", "sheets.new_workbook",
                  "Workbook", "openpyxl.Workbook", "to_bytes", "sheets.to_bytes"}
_WRITING_METHODS = {"to_excel", "to_csv", "add_worksheet"}


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def writer_functions() -> set[tuple[str, str]]:
    """(file, top-level function) of every call that makes or saves a workbook or a CSV, in
    the project's code (not tests, not benchmarks)."""
    found: set[tuple[str, str]] = set()
    for folder in ("bot", "reports", "conversations", "storage"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            relative = path.relative_to(ROOT).as_posix()
            for top in tree.body:
                if not isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    continue
                calls = {_dotted(node.func) for node in ast.walk(top)
                         if isinstance(node, ast.Call)}
                methods = {name.rsplit(".", 1)[-1] for name in calls}
                reopened = "load_workbook" in methods and "save" in methods  # edited, saved
                if calls & _WRITING_CALLS or methods & _WRITING_METHODS or reopened:
                    found.add((relative, top.name))
    return found


def test_every_writer_is_covered() -> None:
    found = writer_functions()
    unknown = sorted(found - set(COVERED) - set(NOT_WRITERS))
    assert unknown == [], (
        f"a new workbook/CSV writer: feed it hostile text in WRITERS and list it in COVERED "
        f"({unknown})")
    gone = sorted(set(COVERED) - found)
    assert gone == [], f"listed writers that no longer write: {gone}"
    assert set(COVERED.values()) == set(WRITERS)
