"""Master data: the template, the import with its validation and versions, the sample, the CLI."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot import cli, texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain import errors
from bot.domain.master_rules import COLUMNS, cell_integer, cell_number, parse_choice, parse_flag
from bot.domain.numbers import InvalidNumber
from bot.sample_data.master_sample import (
    GOALS,
    INDICATORS,
    budget_rows,
    expected_counts,
    sample_master,
)
from bot.services import achievement, master_data, provisioning
from bot.services.context import ServiceContext
from reports import master_reading
from reports.master_template import headers, master_template, master_workbook, write_rows
from reports.sheets import to_bytes
from storage import agencies, performance
from storage.documents import FileStore
from storage.models import AuditEvent, BudgetItem, Indicator, PerformanceAgreement, StrategicGoal

NOW = datetime(2026, 1, 12, 2, 0, tzinfo=UTC)
YEAR = 2026
AGENCY = "Dinas Bina Marga, Cipta Karya dan Tata Ruang Provinsi Sumatera Barat"
DIVISIONS = ["Bina Marga", "Cipta Karya", "Tata Ruang"]
Rows = list[dict[str, object]]


@pytest.fixture
def ctx(engine: Engine, store: FileStore) -> ServiceContext:
    context = ServiceContext(engine=engine, store=store, clock=lambda: NOW)
    provisioning.init_agency(context, AGENCY, "bmcktr", DIVISIONS)
    return context


def build(
    goals: Callable[[Rows], None] | None = None,
    indicators: Callable[[Rows], None] | None = None,
    budget: Callable[[Rows], None] | None = None,
) -> bytes:
    """The sample workbook, with each sheet's rows first passed through a mutator."""
    sheets = {"goals": [dict(r) for r in GOALS], "indicators": [dict(r) for r in INDICATORS],
              "budget": budget_rows()}
    for key, change in (("goals", goals), ("indicators", indicators), ("budget", budget)):
        if change is not None:
            change(sheets[key])
    book = master_workbook(year=YEAR, divisions=["Sekretariat", *DIVISIONS])
    for key, rows in sheets.items():
        write_rows(book, key, rows)
    return to_bytes(book)


def counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()
            for model in (PerformanceAgreement, StrategicGoal, Indicator, BudgetItem)
        } | {"audit": session.exec(select(func.count()).select_from(AuditEvent)
                                   .where(AuditEvent.action == master_data.AUDIT_ACTION)).one()}


def versions(ctx: ServiceContext) -> list[PerformanceAgreement]:
    """Every stored version of YEAR's Perjanjian Kinerja, oldest first."""
    with Session(ctx.engine) as session:
        return list(session.exec(select(PerformanceAgreement)
                                 .where(PerformanceAgreement.year == YEAR)
                                 .order_by(PerformanceAgreement.version)))


def refused(ctx: ServiceContext, data: bytes) -> list[master_data.Problem]:
    before = counts(ctx.engine)
    with pytest.raises(master_data.MasterDataInvalid) as caught:
        master_data.import_master(ctx, data, year=YEAR, source_name="salah.xlsx")
    assert counts(ctx.engine) == before, "a refused file must change nothing"
    assert isinstance(caught.value, errors.InvalidInput)
    return caught.value.problems


def where(problems: list[master_data.Problem]) -> set[tuple[str | None, int | None,
                                                           str | None, str]]:
    return {(p.sheet, p.row, p.column, p.key) for p in problems}


def row_of(rows: Rows, code: str) -> dict[str, object]:
    return next(r for r in rows if r["code"] == code)


def sheet_row(rows: Rows, code: str) -> int:
    """The Excel row a data row lands on (header is row 1)."""
    return next(i for i, r in enumerate(rows) if r["code"] == code) + 2


# --- the template -------------------------------------------------------------------------------
def test_the_template_has_the_sheets_headers_lists_and_frozen_headers() -> None:
    book = load_workbook(io.BytesIO(master_template(year=YEAR, divisions=["Sekretariat",
                                                                           "Bina Marga"])))
    assert book.sheetnames == ["Petunjuk", "Sasaran", "Indikator", "Anggaran", "Pilihan"]
    assert book["Pilihan"].sheet_state == "hidden"
    assert [c.value for c in book["Sasaran"][1]] == ["Kode", "Sasaran Strategis"]
    assert [c.value for c in book["Indikator"][1]] == [
        "Kode", "Kode Sasaran", "Indikator Kinerja", "Satuan", "Arah", "Batas Bawah",
        "Batas Atas", "Rumus Turun", "Jenis Akumulasi", "Target Kumulatif", "Desimal",
        "Boleh Negatif", "Target Tahunan", "Target TW I", "Target TW II", "Target TW III",
        "Target TW IV", "Bidang Penanggung Jawab", "Catatan Formula"]
    assert [c.value for c in book["Anggaran"][1]] == headers("budget")
    assert headers("budget")[0] == "Level" and "Kode Indikator Didukung" in headers("budget")
    for name in ("Sasaran", "Indikator", "Anggaran"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.comment is not None for cell in sheet[1])  # each header explained
        assert all(sheet.column_dimensions[c.column_letter].width >= 9 for c in sheet[1])

    def validations(sheet_name: str) -> dict[str, tuple[str, str | None]]:
        found = {}
        for dv in book[sheet_name].data_validations.dataValidation:
            for area in str(dv.sqref).split():
                found[area.split(":")[0]] = (dv.type, dv.formula1)
        return found

    lists = book["Pilihan"]
    def listed(formula: str | None) -> list[str]:
        assert formula is not None
        area = formula.split("!")[1].replace("$", "")
        return [c.value for row in lists[area] for c in row]

    indicator_dv = validations("Indikator")
    assert listed(indicator_dv["E2"][1]) == ["naik", "turun", "stabil"]
    assert listed(indicator_dv["H2"][1]) == ["(2T-R)/T", "T/R"]
    assert listed(indicator_dv["I2"][1]) == ["akumulasi", "nilai akhir", "rata-rata"]
    assert listed(indicator_dv["J2"][1]) == ["ya", "tidak"]
    assert listed(indicator_dv["L2"][1]) == ["ya", "tidak"]
    assert indicator_dv["K2"][0] == "whole"
    assert listed(indicator_dv["R2"][1]) == ["Sekretariat", "Bina Marga"]
    budget_dv = validations("Anggaran")
    assert listed(budget_dv["A2"][1]) == ["program", "kegiatan", "sub kegiatan"]
    assert listed(budget_dv["E2"][1]) == ["Sekretariat", "Bina Marga"]

    guide = " ".join(str(c.value) for row in book["Petunjuk"].iter_rows() for c in row
                     if c.value is not None)
    assert "Tahun 2026" in guide
    for sheet_key in ("goals", "indicators", "budget"):
        for header in headers(sheet_key):
            assert header in guide
    for word in ("naik", "turun", "stabil", "nilai akhir", "rata-rata", "sub kegiatan",
                 "PK Perubahan", "1.250.000,50"):
        assert word in guide


def test_the_template_without_divisions_has_no_division_list() -> None:
    book = load_workbook(io.BytesIO(master_template()))
    validations = book["Indikator"].data_validations.dataValidation
    areas = {str(dv.sqref).split(":")[0] for dv in validations}
    assert "Q2" not in areas


def test_every_choice_the_template_offers_is_understood() -> None:
    for kind in ("direction", "accumulation", "level"):
        for code, label in texts.MASTER_CHOICES[kind].items():
            assert parse_choice(kind, label) == code
            assert parse_choice(kind, label.upper()) == code
    assert parse_flag(texts.MASTER_CHOICES["flag"]["ya"]) is True
    assert parse_flag(texts.MASTER_CHOICES["flag"]["tidak"]) is False
    assert parse_flag(True) is True and parse_flag("mungkin") is None
    for sheet_key, columns in COLUMNS.items():
        assert list(texts.MASTER_COLUMNS[sheet_key]) == [c.key for c in columns]


@pytest.mark.parametrize(("value", "expected"), [
    ("1.234.567,89", "1234567.89"), ("87,5%", "87.5"), ("Rp 1.250.000", "1250000"),
    ("1,25 M", "1250000000"), ("300 jt", "300000000"), ("-2,5", "-2.5"), ("1.250", "1250"),
    (12, "12"), (0.1, "0.1"), (0.1 + 0.2, "0.3"), (82.5, "82.5"), (Decimal("7.80"), "7.8"),
])
def test_cells_are_read_as_numbers_the_indonesian_way(value: object, expected: str) -> None:
    assert cell_number(value) == Decimal(expected)


@pytest.mark.parametrize(("value", "money", "reason"), [
    ("delapan", False, "number_text"), ("1,2,3", False, "number_format"),
    (True, False, "number_text"), (float("nan"), False, "number_text"),
    (datetime(2026, 1, 5), False, "number_text"), ("10%", True, "number_percent"),
    ("-5.000", True, "number_negative"),
])
def test_unreadable_cells_are_refused(value: object, money: bool, reason: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        cell_number(value, money=money)
    assert caught.value.reason == reason
    assert texts.error_message(caught.value).endswith(".")


def test_decimals_must_be_a_whole_number() -> None:
    assert cell_integer(2.0) == 2 and cell_integer("3") == 3
    with pytest.raises(InvalidNumber):
        cell_integer("2,5")


# --- importing the sample -----------------------------------------------------------------------
def test_the_sample_imports_cleanly_as_version_1(ctx: ServiceContext) -> None:
    summary = master_data.import_master(ctx, sample_master(YEAR), year=YEAR,
                                        source_name="master-bmcktr.xlsx")
    expected = expected_counts()
    assert summary.created and not summary.unchanged
    assert (summary.version, summary.label) == (1, "Perjanjian Kinerja")
    assert summary.warnings == ()
    assert (summary.goals, summary.indicators) == (expected["goals"], expected["indicators"])
    assert (summary.programs, summary.activities, summary.sub_activities) == (
        expected["programs"], expected["activities"], expected["sub_activities"])
    assert (summary.goals, summary.indicators, summary.budget_items) == (4, 13, 26)
    assert summary.per_sheet == {"Sasaran": 4, "Indikator": 13, "Anggaran": 26}
    assert summary.total_budget == Decimal("195860000000")
    per_division = {d.name: (d.indicators, d.sub_activities, d.budget)
                    for d in summary.divisions}
    assert per_division == {
        "Sekretariat": (3, 3, Decimal("19485000000")),
        "Bina Marga": (4, 3, Decimal("128450000000")),
        "Cipta Karya": (3, 3, Decimal("43725000000")),
        "Tata Ruang": (3, 3, Decimal("4200000000")),
    }
    assert counts(ctx.engine) == {"PerformanceAgreement": 1, "StrategicGoal": 4,
                                  "Indicator": 13, "BudgetItem": 26, "audit": 1}
    text = summary.text()
    assert "Perjanjian Kinerja (versi 1)" in text and "Rp 195.860.000.000" in text

    agreement = master_data.latest_agreement(ctx, YEAR)
    assert agreement is not None and agreement.id == summary.agreement_id
    assert agreement.source_name == "master-bmcktr.xlsx"
    assert len(agreement.source_sha256 or "") == 64
    assert agreement.imported_at.replace(tzinfo=UTC) == NOW
    assert master_data.latest_agreement(ctx, YEAR + 1) is None

    with Session(ctx.engine) as session:
        indicators = {i.code: i for i in session.exec(select(Indicator))}
        items = {b.code: b for b in session.exec(select(BudgetItem))}
        bina_marga = agencies.get_division_by_name(session=session, agency_id=agreement.agency_id,
                                                  name="Bina Marga")
        event = session.exec(select(AuditEvent)
                             .where(AuditEvent.action == master_data.AUDIT_ACTION)).one()
    stable = indicators["IK3.2"]
    assert (stable.direction, stable.range_low, stable.range_high) == ("stabil", 90, 95)
    roads = indicators["IK1.2"]
    assert (roads.accumulation, roads.cumulative_targets, roads.decimals) == (
        "akumulasi", True, 2)
    assert [roads.target_q1, roads.target_q2, roads.target_q3, roads.target_q4] == [
        0, Decimal("12.5"), Decimal("31.2"), Decimal("48.6")]
    assert indicators["IK1.4"].direction == "turun"
    assert indicators["IK3.3"].accumulation == "rata_rata"
    sakip = indicators["IK4.1"]
    assert (sakip.target_q1, sakip.target_q3, sakip.target_q4) == (None, 75, None)
    sub = items["1.03.10.2.01.0017"]
    assert sub.level == "sub_kegiatan" and sub.indicator_codes == ["IK1.1", "IK1.2", "IK1.4"]
    assert items["1.03.10.2.01"].id == sub.parent_id
    assert items["1.03.10"].id == items["1.03.10.2.01"].parent_id
    assert items["1.03.10"].parent_id is None
    assert sub.division_id == bina_marga.id  # type: ignore[union-attr]
    assert event.after["version"] == 1 and event.after["sha256"] == agreement.source_sha256

    assert bina_marga is not None and bina_marga.id is not None
    with Session(ctx.engine) as session:
        own = performance.indicators_of(session=session, agreement_id=summary.agreement_id,
                                        division_id=bina_marga.id)
        assert [i.code for i in own] == ["IK1.1", "IK1.2", "IK1.3", "IK1.4"]
        goals = performance.goals_of(session=session, agreement_id=summary.agreement_id)
        assert next(g.code for g in goals if g.id == own[0].goal_id) == "SS1"
        budget = performance.budget_items_of(session=session, agreement_id=summary.agreement_id)
    assert [b.code for b in budget if "IK1.1" in b.indicator_codes] == [
        "1.03.10.2.01.0017", "1.03.10.2.01.0024"]
    assert [b.code for b in budget if b.division_id == bina_marga.id] == [
        "1.03.10", "1.03.10.2.01.0017", "1.03.10.2.01.0024", "1.03.10.2.01.0033"]


def test_the_same_file_again_creates_no_new_version(ctx: ServiceContext) -> None:
    data = sample_master(YEAR)
    first = master_data.import_master(ctx, data, year=YEAR, source_name="a.xlsx")
    before = counts(ctx.engine)
    again = master_data.import_master(ctx, data, year=YEAR, source_name="a.xlsx")
    assert again.unchanged and not again.created
    assert (again.agreement_id, again.version) == (first.agreement_id, 1)
    assert "Tidak ada versi baru" in again.text()
    # Saved again (other bytes, same content): still nothing new.
    resaved = master_data.import_master(ctx, sample_master(YEAR), year=YEAR,
                                        source_name="b.xlsx")
    assert resaved.unchanged and resaved.agreement_id == first.agreement_id
    assert counts(ctx.engine) == before


def _raise_ik11(rows: Rows) -> None:
    row = row_of(rows, "IK1.1")
    row["annual_target"] = Decimal("83")
    row["target_q4"] = Decimal("83")


def test_a_changed_file_becomes_pk_perubahan_and_version_1_stays(ctx: ServiceContext) -> None:
    first = master_data.import_master(ctx, sample_master(YEAR), year=YEAR,
                                      source_name="pk.xlsx")
    second = master_data.import_master(ctx, build(indicators=_raise_ik11), year=YEAR,
                                       source_name="pk-perubahan.xlsx")
    assert second.created and (second.version, second.label) == (2, "PK Perubahan")
    assert second.agreement_id != first.agreement_id
    assert [(a.version, a.label) for a in versions(ctx)] == [(1, "Perjanjian Kinerja"),
                                                       (2, "PK Perubahan")]
    latest = master_data.latest_agreement(ctx, YEAR)
    assert latest is not None and latest.id == second.agreement_id
    with Session(ctx.engine) as session:
        targets = {i.agreement_id: i.annual_target
                   for i in session.exec(select(Indicator).where(Indicator.code == "IK1.1"))}
    assert targets == {first.agreement_id: Decimal("82.5"), second.agreement_id: 83}
    assert counts(ctx.engine) == {"PerformanceAgreement": 2, "StrategicGoal": 8,
                                  "Indicator": 26, "BudgetItem": 52, "audit": 2}
    # Another year is a separate agreement, starting again at version 1.
    other = master_data.import_master(ctx, sample_master(YEAR + 1), year=YEAR + 1)
    assert (other.version, other.label, other.created) == (1, "Perjanjian Kinerja", True)


def test_the_importing_user_is_recorded(ctx: ServiceContext) -> None:
    from bot.domain.sop import Role

    user = provisioning.add_user(ctx, name="YULIA SARI, SE", roles=[(Role.PLANNING_UNIT, None)])
    summary = master_data.import_master(ctx, sample_master(YEAR), year=YEAR, user_id=user.id)
    with Session(ctx.engine) as session:
        agreement = session.get(PerformanceAgreement, summary.agreement_id)
        event = session.exec(select(AuditEvent)
                             .where(AuditEvent.action == master_data.AUDIT_ACTION)).one()
    assert agreement is not None and agreement.imported_by_user_id == user.id
    assert event.actor_user_id == user.id
    with pytest.raises(errors.InvalidInput):
        master_data.import_master(ctx, sample_master(YEAR), year=YEAR, user_id=9999)


def test_an_agency_must_exist(engine: Engine, store: FileStore) -> None:
    bare = ServiceContext(engine=engine, store=store, clock=lambda: NOW)
    with pytest.raises(errors.InvalidInput) as caught:
        master_data.import_master(bare, sample_master(YEAR), year=YEAR)
    assert caught.value.params["reason"] == "no_agency"


# --- refusing bad files -------------------------------------------------------------------------
def _set(row_code: str, /, **values: object) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        row_of(rows, row_code).update(values)
    return change


IK = [r["code"] for r in INDICATORS]
BUDGET = [r["code"] for r in budget_rows()]


def _ik_row(code: str) -> int:
    return IK.index(code) + 2


def _budget_row(code: str) -> int:
    return BUDGET.index(code) + 2


SUB = "1.03.10.2.01.0017"  # Rekonstruksi Jalan, pagu 62.400.000.000

BAD_CELLS = [
    pytest.param({"indicators": _set("IK1.2", unit=None)},
                 ("Indikator", _ik_row("IK1.2"), "D", "required"), id="missing-required-cell"),
    pytest.param({"indicators": _set("IK1.1", division="Bina Jalan")},
                 ("Indikator", 2, "R", "unknown_division"), id="unknown-division"),
    pytest.param({"goals": _set("SS2", code="SS1")},
                 ("Sasaran", 3, "A", "duplicate_code"), id="duplicate-goal-code"),
    pytest.param({"indicators": _set("IK2.1", code="IK1.1")},
                 ("Indikator", _ik_row("IK2.1"), "A", "duplicate_code"),
                 id="duplicate-indicator-code"),
    pytest.param({"indicators": _set("IK1.1", direction="naiknya")},
                 ("Indikator", 2, "E", "unknown_choice"), id="bad-direction"),
    pytest.param({"indicators": _set("IK1.1", accumulation="total")},
                 ("Indikator", 2, "I", "unknown_choice"), id="bad-accumulation"),
    pytest.param({"budget": _set(SUB, level="sub-sub kegiatan")},
                 ("Anggaran", _budget_row(SUB), "A", "unknown_choice"), id="bad-level"),
    pytest.param({"indicators": _set("IK1.1", annual_target="delapan puluh")},
                 ("Indikator", 2, "M", "number_text"), id="bad-number-text"),
    pytest.param({"indicators": _set("IK1.1", annual_target="82,5,0")},
                 ("Indikator", 2, "M", "number_format"), id="bad-number-format"),
    pytest.param({"indicators": _set("IK1.1", decimals="dua")},
                 ("Indikator", 2, "K", "number_text"), id="decimals-not-a-number"),
    pytest.param({"indicators": _set("IK1.1", decimals=7)},
                 ("Indikator", 2, "K", "decimals_range"), id="decimals-out-of-range"),
    pytest.param({"indicators": _set("IK1.3", target_q2=Decimal("1.5"))},
                 ("Indikator", _ik_row("IK1.3"), "O", "too_many_decimals"),
                 id="more-decimals-than-allowed"),
    pytest.param({"indicators": _set("IK1.1", target_q1=Decimal("-1"))},
                 ("Indikator", 2, "N", "negative_not_allowed"), id="negative-target"),
    pytest.param({"indicators": _set("IK3.2", range_low=None)},
                 ("Indikator", _ik_row("IK3.2"), "F", "range_required"),
                 id="stabil-without-lower-bound"),
    pytest.param({"indicators": _set("IK3.2", range_low=None, range_high=None)},
                 ("Indikator", _ik_row("IK3.2"), "G", "range_required"),
                 id="stabil-without-bounds"),
    pytest.param({"indicators": _set("IK3.2", range_low=Decimal(96))},
                 ("Indikator", _ik_row("IK3.2"), "G", "range_order"), id="stabil-low-above-high"),
    pytest.param({"indicators": _set("IK1.2", target_q3=Decimal("10"))},
                 ("Indikator", _ik_row("IK1.2"), "P", "cumulative_decreasing"),
                 id="cumulative-target-decreases"),
    pytest.param({"indicators": _set("IK1.2", target_q4=Decimal("50"))},
                 ("Indikator", _ik_row("IK1.2"), "Q", "cumulative_last_not_annual"),
                 id="cumulative-q4-not-annual"),
    pytest.param({"indicators": _set("IK1.3", target_q4=Decimal("4"))},
                 ("Indikator", _ik_row("IK1.3"), "M", "sum_not_annual"),
                 id="per-quarter-sum-not-annual"),
    pytest.param({"indicators": _set("IK1.1", target_q1=None, target_q2="-", target_q3=None,
                                     target_q4=None)},
                 ("Indikator", 2, "N", "quarter_target_required"), id="no-quarter-target"),
    pytest.param({"indicators": _set("IK1.1", annual_target=None)},
                 ("Indikator", 2, "M", "required"), id="annual-target-missing"),
    pytest.param({"indicators": _set("IK1.1", goal_code="SS9")},
                 ("Indikator", 2, "B", "unknown_goal"), id="unknown-goal"),
    pytest.param({"budget": _set(SUB, parent_code="9.99.99")},
                 ("Anggaran", _budget_row(SUB), "C", "unknown_parent"),
                 id="sub-kegiatan-unknown-parent"),
    pytest.param({"budget": _set(SUB, parent_code="1.03.10")},
                 ("Anggaran", _budget_row(SUB), "C", "parent_wrong_level"),
                 id="sub-kegiatan-under-a-program"),
    pytest.param({"budget": _set(SUB, parent_code=None)},
                 ("Anggaran", _budget_row(SUB), "C", "parent_required"),
                 id="sub-kegiatan-without-parent"),
    pytest.param({"budget": _set("1.03.10", parent_code="1.03.01")},
                 ("Anggaran", _budget_row("1.03.10"), "C", "program_has_parent"),
                 id="program-with-parent"),
    pytest.param({"budget": _set(SUB, division=None)},
                 ("Anggaran", _budget_row(SUB), "E", "division_required"),
                 id="sub-kegiatan-without-division"),
    pytest.param({"budget": _set(SUB, target_q4=Decimal("62400000001"))},
                 ("Anggaran", _budget_row(SUB), "J", "target_over_budget"),
                 id="financial-target-over-pagu"),
    pytest.param({"budget": _set(SUB, target_q2=Decimal("1000"))},
                 ("Anggaran", _budget_row(SUB), "H", "financial_decreasing"),
                 id="financial-target-decreases"),
    pytest.param({"budget": _set(SUB, budget=Decimal("-5"))},
                 ("Anggaran", _budget_row(SUB), "F", "negative_amount"), id="negative-pagu"),
    pytest.param({"budget": _set(SUB, budget=Decimal("99400000000"), target_q4=None)},
                 ("Anggaran", _budget_row("1.03.10.2.01"), "F", "children_over_budget"),
                 id="children-exceed-parent-pagu"),
    pytest.param({"budget": _set(SUB, indicator_codes="IK1.1, IK9.9")},
                 ("Anggaran", _budget_row(SUB), "K", "unknown_indicator"),
                 id="unknown-indicator-code"),
    pytest.param({"budget": _set(SUB, budget="enam puluh miliar")},
                 ("Anggaran", _budget_row(SUB), "F", "number_text"), id="bad-pagu-text"),
    pytest.param({"budget": _set(SUB, target_q1="10%")},
                 ("Anggaran", _budget_row(SUB), "G", "number_percent"), id="percent-as-money"),
]


@pytest.mark.parametrize(("changes", "expected"), BAD_CELLS)
def test_a_bad_cell_is_reported_where_it_is_and_nothing_is_imported(
    ctx: ServiceContext, changes: dict[str, Callable[[Rows], None]],
    expected: tuple[str, int, str, str],
) -> None:
    problems = refused(ctx, build(**changes))
    assert expected in where(problems), [str(p) for p in problems]
    problem = next(p for p in problems if (p.sheet, p.row, p.column, p.key) == expected)
    sheet_key = {"Sasaran": "goals", "Indikator": "indicators", "Anggaran": "budget"}[expected[0]]
    header = headers(sheet_key)[ord(expected[2]) - ord("A")]
    assert problem.header == header and problem.message and not problem.warning
    assert str(problem) == (f"• Sheet {expected[0]}, baris {expected[1]}, kolom {expected[2]} "
                            f"({header}): {problem.message}")


def test_every_problem_is_listed_at_once_in_sheet_order(ctx: ServiceContext) -> None:
    def indicators(rows: Rows) -> None:
        row_of(rows, "IK1.1")["direction"] = "naiknya"
        row_of(rows, "IK2.1")["division"] = "Bidang Air"
        row_of(rows, "IK3.2")["range_high"] = None

    problems = refused(ctx, build(goals=_set("SS4", name=None), indicators=indicators,
                                  budget=_set(SUB, parent_code="X")))
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Sasaran", 5, "B"),
        ("Indikator", 2, "E"),
        ("Indikator", _ik_row("IK2.1"), "R"),
        ("Indikator", _ik_row("IK3.2"), "G"),
        ("Anggaran", _budget_row(SUB), "C"),
    ]
    message = texts.master_invalid([str(p) for p in problems], "salah.xlsx")
    assert "Ditemukan 5 masalah" in message and "Tidak ada data yang disimpan" in message
    assert '"Bidang Air" tidak dikenal' in message and "Sekretariat, Bina Marga" in message


def test_division_names_are_matched_loosely(ctx: ServiceContext) -> None:
    def indicators(rows: Rows) -> None:
        row_of(rows, "IK1.1")["division"] = "  bina   MARGA "
        row_of(rows, "IK2.1")["division"] = "Bidang Cipta Karya"
        row_of(rows, "IK4.1")["division"] = "sekretariat"

    summary = master_data.import_master(ctx, build(indicators=indicators), year=YEAR)
    assert summary.created and summary.indicators == 13


def test_doubtful_rows_import_with_warnings(ctx: ServiceContext) -> None:
    def indicators(rows: Rows) -> None:
        row_of(rows, "IK2.1")["target_q4"] = Decimal("90")  # nilai akhir: TW IV ≠ annual
        row_of(rows, "IK1.1")["range_low"] = Decimal("80")  # bounds on a "naik" indicator

    def budget(rows: Rows) -> None:
        row_of(rows, "1.03.11")["budget"] = Decimal("5000000000")  # more than its kegiatan

    summary = master_data.import_master(ctx, build(indicators=indicators, budget=budget),
                                        year=YEAR)
    assert summary.created
    assert where(list(summary.warnings)) == {
        ("Indikator", 2, "F", "range_ignored"),
        ("Indikator", _ik_row("IK2.1"), "Q", "last_not_annual"),
        ("Anggaran", _budget_row("1.03.11"), "F", "children_under_budget"),
    }
    assert all(w.warning for w in summary.warnings)
    assert "Catatan (3)" in summary.text()
    with Session(ctx.engine) as session:
        roads = session.exec(select(Indicator).where(Indicator.code == "IK1.1")).one()
    assert roads.range_low is None  # ignored, not stored


def test_a_turun_indicator_is_measured_with_the_formula_of_its_row(ctx: ServiceContext) -> None:
    """IK1.4 (rusak berat, TW I target 9,20) by T/R; IK2.3 left empty keeps (2T-R)/T; a
    formula on a naik indicator is ignored with a word; an unknown one is refused."""
    def indicators(rows: Rows) -> None:
        row_of(rows, "IK1.4")["turun_formula"] = "T/R"
        row_of(rows, "IK1.1")["turun_formula"] = "(2T-R)/T"

    summary = master_data.import_master(ctx, build(indicators=indicators), year=YEAR)
    assert where(list(summary.warnings)) == {("Indikator", 2, "H", "turun_formula_ignored")}
    with Session(ctx.engine) as session:
        stored = {i.code: i for i in session.exec(select(Indicator))}
    assert stored["IK1.4"].turun_formula == "ratio"
    assert stored["IK2.3"].turun_formula == stored["IK1.1"].turun_formula == "difference"
    # Realisation 11,5 % rusak berat against 9,20 %: T/R = 80 %, (2T-R)/T = 75 %.
    by_ratio, _ = achievement.achievements(stored["IK1.4"], 1, Decimal("11.5"), {})
    assert by_ratio == Decimal("80")
    stored["IK1.4"].turun_formula = "difference"
    by_difference, _ = achievement.achievements(stored["IK1.4"], 1, Decimal("11.5"), {})
    assert by_difference == Decimal("75")

    problems = refused(ctx, build(indicators=_set("IK1.4", turun_formula="kuadrat")))
    assert where(problems) == {("Indikator", _ik_row("IK1.4"), "H", "unknown_choice")}
    assert "(2T-R)/T, T/R" in problems[0].message


@pytest.mark.parametrize("data", [
    pytest.param(b"%PDF-1.7 not a workbook", id="pdf"),
    pytest.param(b"No;Indikator\n1;Jalan mantap\n", id="csv"),
    pytest.param(b"", id="empty"),
    pytest.param(b"PK\x03\x04broken zip", id="broken-zip"),
])
def test_a_file_that_is_not_an_xlsx_is_refused(ctx: ServiceContext, data: bytes) -> None:
    problems = refused(ctx, data)
    assert where(problems) == {(None, None, None, "not_xlsx")}
    assert str(problems[0]).startswith("• Berkas: Berkas ini bukan berkas Excel .xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused(ctx: ServiceContext) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert where(refused(ctx, buffer.getvalue())) == {(None, None, None, "not_xlsx")}


def test_a_too_large_file_is_refused_before_reading(ctx: ServiceContext) -> None:
    ctx.workbook_limits = replace(ctx.workbook_limits, max_bytes=5 * 1024 * 1024)
    problems = refused(ctx, b"PK" + b"\0" * ctx.workbook_limits.max_bytes)
    assert where(problems) == {(None, None, None, "too_large")}
    assert "maksimal 5,0 MB" in problems[0].message


@pytest.mark.parametrize(("limit", "reason", "shown"), [
    ({"max_unpacked": 10_000}, "unpacked_too_large", "lebih dari 9,8 KB setelah dibuka"),
    ({"max_parts": 5}, "too_many_parts", "lebih dari 5)"),
    ({"max_rows": 5}, "sheet_too_long", "lebih dari 5 baris"),
    ({"max_cells": 50}, "too_many_cells", "lebih dari 50)"),
])
def test_a_workbook_past_a_configured_limit_is_refused(
        ctx: ServiceContext, limit: dict[str, int], reason: str, shown: str) -> None:
    ctx.workbook_limits = replace(ctx.workbook_limits, **limit)
    problems = refused(ctx, sample_master(YEAR))
    assert where(problems) == {(None, None, None, reason)}
    assert shown in problems[0].message


def test_too_many_rows_are_refused(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(master_reading, "MAX_ROWS", 5)
    problems = refused(ctx, sample_master(YEAR))
    assert ("Indikator", None, None, "too_many_rows") in where(problems)
    assert ("Anggaran", None, None, "too_many_rows") in where(problems)
    assert "lebih dari 5 baris" in problems[0].message


def test_a_missing_sheet_or_column_is_refused(ctx: ServiceContext) -> None:
    book = load_workbook(io.BytesIO(sample_master(YEAR)))
    del book["Anggaran"]
    book["Indikator"]["E1"] = "Arah Indikator"  # renamed header
    problems = refused(ctx, to_bytes(book))
    assert where(problems) == {("Anggaran", None, None, "missing_sheet"),
                               ("Indikator", 1, None, "missing_column")}
    assert [p.header for p in problems if p.key == "missing_column"] == ["Arah"]


def test_empty_data_sheets_are_refused(ctx: ServiceContext) -> None:
    problems = refused(ctx, master_template(year=YEAR))
    assert where(problems) == {("Sasaran", None, None, "empty_sheet"),
                               ("Indikator", None, None, "empty_sheet")}


def test_a_plain_openpyxl_workbook_with_text_numbers_is_read(ctx: ServiceContext) -> None:
    """Not made from the template: other sheet order, header case, an extra column, numbers
    typed as Indonesian text and a percent-formatted cell."""
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    budget = book.create_sheet("anggaran")
    budget.append(["LEVEL", "Kode", "Kode Induk", "Nama", "Bidang", "Pagu (Rp)",
                   "Target Keuangan TW IV (Rp)", "Kode Indikator Didukung"])
    budget.append(["Program", "1.03.10", None, "Program Penyelenggaraan Jalan", None,
                   "Rp 1,5 M", None, None])
    budget.append(["Kegiatan", "1.03.10.2.01", "1.03.10", "Penyelenggaraan Jalan Provinsi",
                   None, "1.500.000.000", None, None])
    budget.append(["Sub Kegiatan", "1.03.10.2.01.0017", "1.03.10.2.01", "Rekonstruksi Jalan",
                   "bina marga", "1.500.000.000,00", "1.450 jt", "ik-1; IK-2"])
    goals = book.create_sheet("Sasaran")
    goals.append(["Kode", "Sasaran Strategis"])
    goals.append(["S1", "Meningkatnya kemantapan jalan"])
    indicators = book.create_sheet("Indikator")
    indicators.append(["Kode", "Kode Sasaran", "Indikator Kinerja", "Satuan", "Arah",
                       "Jenis Akumulasi", "Target Tahunan", "Target TW I", "Target TW II",
                       "Target TW III", "Target TW IV", "Bidang Penanggung Jawab",
                       "Keterangan Tambahan"])
    indicators.append(["IK-1", "s1", "Jalan mantap", "%", "NAIK", "Nilai Akhir", "82,5%",
                       "79,8", "80,4", "81,5", 0.825, "Bina Marga", "bebas"])
    indicators["K2"].number_format = "0.0%"
    indicators.append(["IK-2", "S1", "Jalan ditingkatkan", "km", "naik", "akumulasi",
                       "1.250,5", "250", "500,5", "250", "250", "Bina Marga", None])
    summary = master_data.import_master(ctx, to_bytes(book), year=YEAR)
    assert (summary.goals, summary.indicators, summary.budget_items) == (1, 2, 3)
    assert where(list(summary.warnings)) == {("Indikator", 1, "M", "unknown_column")}
    with Session(ctx.engine) as session:
        found = {i.code: i for i in session.exec(select(Indicator))}
        items = {b.code: b for b in session.exec(select(BudgetItem))}
    assert found["IK-1"].annual_target == Decimal("82.5")
    assert found["IK-1"].target_q4 == Decimal("82.5")  # 0,825 shown as 82,5 %
    assert found["IK-2"].annual_target == Decimal("1250.5")
    assert (found["IK-1"].decimals, found["IK-1"].cumulative_targets) == (2, False)
    sub = items["1.03.10.2.01.0017"]
    assert sub.budget == Decimal("1500000000") and sub.target_q4 == Decimal("1450000000")
    assert sub.indicator_codes == ["IK-1", "IK-2"]


def test_year_must_be_plausible(ctx: ServiceContext) -> None:
    with pytest.raises(errors.InvalidInput):
        master_data.import_master(ctx, sample_master(YEAR), year=26)


# --- the command line ---------------------------------------------------------------------------
@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str | None) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    for name in ("DATABASE_URL", "AGENCY_CODE", "BOT_USERNAME", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    if database_url is not None:
        monkeypatch.setenv("DATABASE_URL", database_url)
    return tmp_path


@pytest.fixture
def cli_ctx(cli_env: Path) -> Iterator[ServiceContext]:
    context = build_context(Settings(), migrate=True)
    yield context
    context.engine.dispose()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _init(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init", "--name", AGENCY, "--code", "bmcktr",
               *[part for d in DIVISIONS for part in ("--division", d)])[0] == 0


def test_cli_writes_the_template(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "template", "master")
    assert code == 0 and "template-data-master.xlsx" in out
    book = load_workbook(cli_env / "template-data-master.xlsx")
    assert book.sheetnames[:4] == ["Petunjuk", "Sasaran", "Indikator", "Anggaran"]

    _init(capsys)
    code, out, _ = run(capsys, "template", "master", "--out", "pk.xlsx", "--year", "2026")
    assert code == 0 and "pk.xlsx" in out and "Bina Marga" in out
    lists = load_workbook(cli_env / "pk.xlsx")["Pilihan"]
    assert [c.value for c in lists["F"][1:]] == ["Sekretariat", *DIVISIONS]


def test_cli_imports_the_sample_and_reports_problems(
    cli_env: Path, cli_ctx: ServiceContext, capsys: pytest.CaptureFixture[str],
) -> None:
    _init(capsys)
    code, out, _ = run(capsys, "template", "master", "--sample", "--year", "2026")
    assert code == 0 and (cli_env / "contoh-data-master-2026.xlsx").exists()

    code, out, err = run(capsys, "import", "master", "contoh-data-master-2026.xlsx",
                         "--year", "2026")
    assert code == 0, err
    assert "Perjanjian Kinerja (versi 1)" in out and "Indikator kinerja: 13" in out
    assert "Bina Marga: 4 indikator" in out

    code, out, _ = run(capsys, "import", "master", "contoh-data-master-2026.xlsx",
                       "--year", "2026")
    assert code == 0 and "Tidak ada versi baru" in out

    (cli_env / "salah.xlsx").write_bytes(build(indicators=_set("IK1.1", direction="naiknya"),
                                               budget=_set(SUB, parent_code="X")))
    before = counts(cli_ctx.engine)
    code, out, err = run(capsys, "import", "master", "salah.xlsx", "--year", "2026")
    assert code == 1 and out == ""
    assert "Ditemukan 2 masalah" in err
    assert "• Sheet Indikator, baris 2, kolom E (Arah): \"naiknya\" tidak dikenal." in err
    assert f"• Sheet Anggaran, baris {_budget_row(SUB)}, kolom C (Kode Induk)" in err
    assert counts(cli_ctx.engine) == before

    (cli_env / "laporan.pdf").write_bytes(b"%PDF-1.7")
    code, _, err = run(capsys, "import", "master", "laporan.pdf", "--year", "2026")
    assert code == 1 and "bukan berkas Excel .xlsx" in err


def test_cli_import_refusals(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "master", "tidak-ada.xlsx", "--year", "2026")
    assert code == 1 and "tidak-ada.xlsx tidak ditemukan" in err
    (cli_env / "pk.xlsx").write_bytes(sample_master(YEAR))
    code, _, err = run(capsys, "import", "master", "pk.xlsx", "--year", "2026")
    assert code == 1 and "Dinas belum disiapkan" in err
    code, _, err = run(capsys, "import", "master", "pk.xlsx", "--year", "dua ribu")
    assert code == 2 and "tidak valid" in err
    code, _, err = run(capsys, "import", "master", "pk.xlsx")
    assert code == 2 and "--year" in err


def _merged_like_a_pk(data: bytes) -> bytes:
    """The goal code and the division merged over their consecutive rows, as in a signed PK."""
    book = load_workbook(io.BytesIO(data))
    sheet = book["Indikator"]
    headers = [c.value for c in sheet[1]]
    for header in ("Kode Sasaran", "Bidang Penanggung Jawab"):
        column = headers.index(header) + 1
        start = 2
        for row in range(3, sheet.max_row + 2):
            if row <= sheet.max_row and (sheet.cell(row=row, column=column).value
                                         == sheet.cell(row=start, column=column).value):
                continue
            if row - 1 > start:
                for covered in range(start + 1, row):
                    sheet.cell(row=covered, column=column).value = None
                sheet.merge_cells(start_row=start, end_row=row - 1, start_column=column,
                                  end_column=column)
            start = row
    assert sheet.merged_cells.ranges, "the sample has goals with several indicators"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_merged_goal_and_division_cells_read_as_on_screen(ctx: ServiceContext) -> None:
    summary = master_data.import_master(ctx, _merged_like_a_pk(build()), year=YEAR)
    assert summary.created and summary.indicators == 13
    with Session(ctx.engine) as session:
        merged = {i.code: (i.goal_id, i.division_id) for i in session.exec(select(Indicator))}
    plain = master_data.import_master(ctx, build(), year=YEAR + 1)
    assert plain.created
    with Session(ctx.engine) as session:
        goals = {g.id: g.code for g in session.exec(select(StrategicGoal))}
        expected = {i.code: (goals[i.goal_id], i.division_id)
                    for i in session.exec(select(Indicator).join(PerformanceAgreement).where(
                        PerformanceAgreement.year == YEAR + 1))}
    assert {code: (goals[g], d) for code, (g, d) in merged.items()
            if code in expected} == expected


def test_a_financial_target_in_a_percent_cell_is_refused_like_typed_percent(
        ctx: ServiceContext) -> None:
    book = load_workbook(io.BytesIO(build()))
    sheet = book["Anggaran"]
    headers = [c.value for c in sheet[1]]
    column = next(i for i, h in enumerate(headers, 1) if str(h).startswith("Target Keuangan TW I"))
    target = sheet.cell(row=_budget_row("1.03.01.2.01.0001"), column=column)
    target.value, target.number_format = 0.25, "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    problems = refused(ctx, buffer.getvalue())
    [problem] = [p for p in problems if p.sheet == "Anggaran"]
    assert (problem.row, problem.column) == (target.row, target.column_letter)
    assert problem.key == "number_percent" and "bukan persen" in problem.message


def test_formulas_no_spreadsheet_has_computed_are_named_not_dropped(
        ctx: ServiceContext) -> None:
    book = load_workbook(io.BytesIO(build()))
    sheet = book["Indikator"]
    headers = [c.value for c in sheet[1]]
    row = _ik_row("IK1.1")
    annual = sheet.cell(row=row, column=headers.index("Target Tahunan") + 1).coordinate
    first = sheet.cell(row=row, column=headers.index("Target TW I") + 1)
    first.value = f"={annual}/4"  # written by a script: a formula without a stored result
    buffer = io.BytesIO()
    book.save(buffer)
    problems = refused(ctx, buffer.getvalue())
    assert ("Indikator", row, first.column_letter, "formula_not_computed") in where(problems)
    assert any("rumus" in p.message for p in problems)
