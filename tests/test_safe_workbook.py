"""Every uploaded workbook is measured before it is read: crafted files are refused, on every
path (master data, the filled form at step 4 and by /impor, Excel sent as evidence), for the
limit they pass; ordinary files are read as before. What refusing costs is printed by
``benchmarks/bench_hostile_files.py``."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy.engine import Engine

from benchmarks.hostile_workbooks import HOSTILE, _workbook
from bot import texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain import errors
from bot.sample_data.master_sample import sample_master
from bot.services import master_data, provisioning, uploads
from bot.services.context import ServiceContext
from reports import forms
from reports.safe_workbook import WorkbookLimits, WorkbookRefused, check_workbook, open_workbook
from storage.documents import FileStore

NOW = datetime(2026, 1, 12, 2, 0, tzinfo=UTC)
YEAR = 2026
CASES = sorted(HOSTILE)


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    return {name: build() for name, (build, _) in HOSTILE.items()}


@pytest.fixture
def ctx(engine: Engine, store: FileStore) -> ServiceContext:
    context = ServiceContext(engine=engine, store=store, clock=lambda: NOW)
    provisioning.init_agency(context, "Dinas X", "x", ["Bina Marga", "Cipta Karya", "Tata Ruang"])
    return context


def _form() -> bytes:
    return forms.division_form(agency="Dinas X", division="Bina Marga", year=YEAR, quarter=1,
                               cycle_id=3, division_id=4, indicators=[], budget_lines=[])


@pytest.mark.parametrize("name", CASES)
def test_a_crafted_workbook_is_refused_for_the_limit_it_passes(
        hostile: dict[str, bytes], name: str) -> None:
    with pytest.raises(WorkbookRefused) as refused:
        check_workbook(hostile[name], WorkbookLimits())
    assert refused.value.reason == HOSTILE[name][1]


@pytest.mark.parametrize("name", CASES)
def test_the_master_import_refuses_it_and_says_why(
        ctx: ServiceContext, hostile: dict[str, bytes], name: str) -> None:
    with pytest.raises(master_data.MasterDataInvalid) as refused:
        master_data.import_master(ctx, hostile[name], year=YEAR, source_name=f"{name}.xlsx")
    [problem] = refused.value.problems
    assert problem.key == HOSTILE[name][1]
    assert problem.message and problem.message != "Data tidak dapat dipakai."
    assert master_data.latest_agreement(ctx, YEAR) is None, "nothing stored"


@pytest.mark.parametrize("name", CASES)
def test_the_form_path_refuses_it_and_evidence_is_not_taken_for_a_form(
        hostile: dict[str, bytes], name: str) -> None:
    with pytest.raises(forms.FormUnreadable) as refused:
        forms.read_form(hostile[name])
    assert refused.value.reason == HOSTILE[name][1]
    message = texts.form_unreadable(refused.value.reason, refused.value.limit)
    assert message != texts.FILE_TYPE_REFUSED and "-" not in message.split("(")[-1]
    assert not forms.is_filled_form(hostile[name])


def test_a_zip_of_too_many_entries_is_refused_as_evidence_from_its_end_record(
        hostile: dict[str, bytes]) -> None:
    upload = uploads.Upload(name="rekap.zip", data=hostile["many_parts"],
                            mime_type="application/zip")
    with pytest.raises(errors.InvalidInput) as refused:
        uploads.inspect(upload)
    assert refused.value.params["reason"] == "zip_too_big"
    as_xlsx = uploads.Upload(name="rekap.xlsx", data=hostile["many_parts"], mime_type="")
    with pytest.raises(errors.InvalidInput):
        uploads.inspect(as_xlsx)


def test_a_zip_that_lies_about_its_sizes_is_refused() -> None:
    """The directory says 100 bytes; inflating stops there and the checksum gives it away."""
    data = bytearray(_workbook(strings=b"<sst>" + b"a" * 1_000_000 + b"</sst>"))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/sharedStrings.xml")
    central = data.find(b"PK\x01\x02" + data[info.header_offset + 4: info.header_offset + 6])
    while central >= 0:
        length = struct.unpack("<H", data[central + 28: central + 30])[0]
        if data[central + 46: central + 46 + length] == b"xl/sharedStrings.xml":
            break
        central = data.find(b"PK\x01\x02", central + 4)
    data[central + 24: central + 28] = struct.pack("<I", 100)
    data[info.header_offset + 22: info.header_offset + 26] = struct.pack("<I", 100)
    with pytest.raises(WorkbookRefused) as refused:
        check_workbook(bytes(data), WorkbookLimits())
    assert refused.value.reason == "not_xlsx"


def test_ordinary_workbooks_are_read_as_before(ctx: ServiceContext) -> None:
    summary = master_data.import_master(ctx, sample_master(YEAR), year=YEAR)
    assert summary.indicators > 0
    assert forms.read_form(_form()).cycle_id == 3
    plain = Workbook()  # an ordinary workbook sent as evidence is not taken for a form
    plain.active["A1"] = "Rekap survei jalan"
    album = io.BytesIO()
    plain.save(album)
    with pytest.raises(forms.FormUnreadable) as other:
        forms.read_form(album.getvalue())
    assert other.value.reason == "not_our_form"
    with open_workbook(album.getvalue(), WorkbookLimits()) as book:
        assert book.active["A1"].value == "Rekap survei jalan"


def test_a_cell_of_excel_s_own_maximum_is_read() -> None:
    book = Workbook()
    book.active["A1"] = "x" * 32_767
    out = io.BytesIO()
    book.save(out)
    with open_workbook(out.getvalue(), WorkbookLimits()) as opened:
        assert len(opened.active["A1"].value) == 32_767


@pytest.mark.parametrize(("variable", "value", "reason"), [
    ("WORKBOOK_MAX_BYTES", "1000", "too_large"),
    ("WORKBOOK_MAX_UNPACKED", "1000", "unpacked_too_large"),
    ("WORKBOOK_MAX_PARTS", "3", "too_many_parts"),
    ("WORKBOOK_MAX_ROWS", "3", "sheet_too_long"),
    ("WORKBOOK_MAX_CELLS", "20", "too_many_cells"),
])
def test_the_limits_are_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 variable: str, value: str, reason: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    ctx = build_context(Settings(), migrate=True)
    try:
        provisioning.init_agency(ctx, "Dinas X", "x", ["Bina Marga", "Cipta Karya", "Tata Ruang"])
        with pytest.raises(master_data.MasterDataInvalid) as refused:
            master_data.import_master(ctx, sample_master(YEAR), year=YEAR)
        assert [p.key for p in refused.value.problems] == [reason]
        ctx.workbook_limits = replace(ctx.workbook_limits, **{
            variable.removeprefix("WORKBOOK_").lower(): WorkbookLimits().__dict__[
                variable.removeprefix("WORKBOOK_").lower()]})
        assert master_data.import_master(ctx, sample_master(YEAR), year=YEAR).indicators > 0
    finally:
        ctx.engine.dispose()
