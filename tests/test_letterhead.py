"""The agency's letterhead (kop surat) and the signer's rank reach every document it prints."""
# ruff: noqa: F811  (pytest fixtures imported from other test modules are parameters here)

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.domain import errors
from bot.domain.clock import to_local
from bot.domain.sop import DocumentKind, StepKey
from bot.formatting import date_long
from bot.services import delegation, provisioning, review, steps
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from reports import esr
from storage import documents
from storage.documents import FileStore
from storage.models import AuditEvent, MeasurementCycle
from tests.pdf_reading import pdf_text
from tests.test_delegation import _to_review
from tests.test_logo import picture
from tests.test_realization import Clock, _task, at_step_4, people  # noqa: F401

GOVERNMENT = "PEMERINTAH PROVINSI SUMATERA BARAT"
ADDRESS = "Jl. Taman Siswa No. 1, Padang 25000, Telp. (0751) 000000"
RANK = "Pembina Utama Muda (IV/c)"


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=Clock())


@pytest.fixture
def letterhead(ctx: ServiceContext, people: dict[str, int]) -> dict[str, int]:
    provisioning.set_profile(ctx, government="Sumatera Barat", address=ADDRESS, place="Padang")
    provisioning.update_user(ctx, people["head"], rank=RANK, nip="19720925 199803 1 003")
    return people


def _latest(ctx: ServiceContext, kind: DocumentKind, suffix: str) -> bytes:
    with Session(ctx.engine) as session:
        cycle = session.exec(select(MeasurementCycle)).one()
        assert cycle.id is not None
        found = [d for d in documents.documents_of(session=session, cycle_id=cycle.id, kind=kind)
                 if d.original_name.endswith(suffix)]
        assert found, f"no {kind} {suffix}"
        return ctx.store.read(max(found, key=lambda d: d.id or 0).path)


def _text(pdf: bytes) -> str:
    return pdf_text(pdf)


def test_the_profile_keeps_what_is_not_named_and_clears_what_is_empty(
        ctx: ServiceContext, people: dict[str, int]) -> None:
    first = provisioning.set_profile(ctx, government="Sumatera Barat", address=ADDRESS,
                                     place="  Padang ")
    assert (first.government, first.address, first.place) == ("Sumatera Barat", ADDRESS, "Padang")
    second = provisioning.set_profile(ctx, address="")
    assert (second.government, second.address, second.place) == ("Sumatera Barat", "", "Padang")
    assert provisioning.profile(ctx) == second
    with pytest.raises(errors.InvalidInput):
        provisioning.set_profile(ctx, name="   ")
    unchanged = provisioning.set_profile(ctx, place="Padang")
    with Session(ctx.engine) as session:
        changes = session.exec(select(AuditEvent).where(
            AuditEvent.action == "agency.profile")).all()
    assert unchanged == second
    assert len(changes) == 2, "a change that changes nothing is not audited"
    assert changes[1].before["address"] == ADDRESS and changes[1].after["address"] == ""


def test_the_memo_and_the_minutes_carry_the_letterhead_and_the_rank(
        ctx: ServiceContext, letterhead: dict[str, int], at_step_4: dict[str, int]) -> None:
    memo = _text(_latest(ctx, DocumentKind.HEAD_MEMO, ".pdf"))
    today = to_local(ctx.now()).date()
    assert GOVERNMENT in memo and ADDRESS in memo
    assert f"Padang, {date_long(today)}" in memo
    assert RANK in memo and "NIP. 19720925 199803 1 003" in memo
    minutes = _text(_latest(ctx, DocumentKind.MINUTES, ".pdf"))
    assert GOVERNMENT in minutes and ADDRESS in minutes


def test_the_minutes_are_chaired_by_the_secretary_and_minuted_by_an_attendee(
        ctx: ServiceContext, letterhead: dict[str, int], people: dict[str, int]) -> None:
    p = letterhead
    provisioning.update_user(ctx, p["team"], rank="Penata (III/c)")
    provisioning.update_user(ctx, p["secretary"], rank="Pembina (IV/a)")
    run = steps.start_cycle(ctx, p["head"], 2024, 1)
    steps.attach(ctx, p["head"], run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4 x", "a.pdf", "application/pdf"))
    steps.issue_memo(ctx, p["head"], run.run_id)
    task = _task(ctx, p["secretary"], StepKey.BRIEFING)
    today = to_local(ctx.now()).date()
    with pytest.raises(errors.InvalidInput) as refused:
        steps.record_briefing(ctx, p["secretary"], task, meeting_date=today,
                              attendee_ids=[p["team"]], directions="Isi",
                              attachment_id=None, note_taker_id=p["bm"])
    assert refused.value.params["reason"] == "note_taker"
    steps.record_briefing(ctx, p["secretary"], task, meeting_date=today,
                          attendee_ids=[p["bm"], p["team"]], directions="Isi",
                          attachment_id=None, note_taker_id=p["team"])
    minutes = " ".join(_text(_latest(ctx, DocumentKind.MINUTES, ".pdf")).split())
    signed = minutes[minutes.index("Pimpinan Rapat,"):]
    # The chair at the left with rank and NIP, the notulis at the right: two people.
    assert signed.index("Secretary") < signed.index("Notulis,") < signed.index("Team")
    assert "Pembina (IV/a)" in signed and "Penata (III/c)" in signed


def test_the_agency_logo_stands_in_the_kop_of_the_memo_the_minutes_and_the_reports(
        ctx: ServiceContext, letterhead: dict[str, int]) -> None:
    p = letterhead
    with pytest.raises(errors.InvalidInput) as refused:
        provisioning.set_profile(ctx, logo=b"GIF89a bukan gambar")
    assert refused.value.params == {"reason": "bad_logo", "problem": "not_image"}
    assert provisioning.profile(ctx).logo == "", "a refused logo changes nothing"
    provisioning.set_profile(ctx, logo=picture(800, 800))
    assert provisioning.profile(ctx).logo == "PNG 400×400"
    run = steps.start_cycle(ctx, p["head"], 2024, 1)
    steps.attach(ctx, p["head"], run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4 x", "a.pdf", "application/pdf"))
    steps.issue_memo(ctx, p["head"], run.run_id)
    steps.record_briefing(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.BRIEFING),
                          meeting_date=to_local(ctx.now()).date(), attendee_ids=[p["team"]],
                          directions="Isi", attachment_id=None)
    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.PREPARE_FORMS))
    _to_review(ctx, p)
    for kind in (DocumentKind.HEAD_MEMO, DocumentKind.MINUTES, DocumentKind.REPORT):
        first_page = PdfReader(io.BytesIO(_latest(ctx, kind, ".pdf"))).pages[0]
        logos = [i for i in first_page.images if (i.image.width, i.image.height) == (400, 400)]
        assert len(logos) == 1, kind
    book = load_workbook(io.BytesIO(_latest(ctx, DocumentKind.REPORT, ".xlsx")))
    assert len(book.worksheets[0]._images) == 1, "over the workbook's title too"
    assert all(not sheet._images for sheet in book.worksheets[1:])
    provisioning.set_profile(ctx, logo=b"")
    assert provisioning.profile(ctx).logo == ""


def test_the_final_report_is_signed_by_the_approver_with_rank_place_and_acting_title(
        ctx: ServiceContext, letterhead: dict[str, int], at_step_4: dict[str, int]) -> None:
    p = at_step_4
    provisioning.update_user(ctx, p["secretary"], rank="Pembina (IV/a)")
    provisioning.update_user(ctx, p["team"], rank="Penata (III/c)")
    now = ctx.now()
    delegation.appoint(ctx, p["head"], principal_id=p["head"], substitute_id=p["secretary"],
                       starts_at=now, ends_at=now + timedelta(days=7))
    _to_review(ctx, p)
    review.decide(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.REVIEW), approve=True)
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FINAL_REPORT))
    final = _text(_latest(ctx, DocumentKind.FINAL_REPORT, ".pdf"))
    assert GOVERNMENT in final
    assert "Plh. Kepala Dinas" in final and "Pembina (IV/a)" in final
    assert f"Padang, {date_long(to_local(now).date())}" in final
    assert "Disetujui oleh Plh. Secretary (a.n. Head)" in final
    book = load_workbook(io.BytesIO(_latest(ctx, DocumentKind.FINAL_REPORT, ".xlsx")))
    cells = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value}
    assert GOVERNMENT in cells and "Plh. Kepala Dinas," in cells and "Pembina (IV/a)" in cells
    # The final report is the file for ESR: the one table of domain.md, every indicator in it.
    table = book[esr.ESR_SHEET]
    header = [c.value for c in table[esr.ESR_HEADER_ROW]]
    assert tuple(header[:len(esr.esr_columns(1))]) == esr.esr_columns(1)
    codes = {str(c.value) for c in table["C"] if c.value}
    assert any("Panjang jalan ditingkatkan" in code for code in codes)
    assert "Laporan Hasil" not in " ".join(book.sheetnames)
    # The report of step 5 is signed by the Tim SAKIP member who compiled it: nobody had
    # approved it yet, so neither the Kepala Dinas nor the acting one signs it.
    compiled = " ".join(_text(_latest(ctx, DocumentKind.REPORT, ".pdf")).split())
    assert GOVERNMENT in compiled and "Pembina (IV/a)" not in compiled
    assert "Disusun oleh Tim SAKIP," in compiled and "Plh. Kepala Dinas" not in compiled
    assert "Team" in compiled and "Penata (III/c)" in compiled
    draft = load_workbook(io.BytesIO(_latest(ctx, DocumentKind.REPORT, ".xlsx")))
    cells = {str(c.value) for sheet in draft for row in sheet.iter_rows() for c in row if c.value}
    assert "Disusun oleh Tim SAKIP," in cells and "Pembina (IV/a)" not in cells


def test_without_a_profile_the_documents_print_the_agency_alone(
        ctx: ServiceContext, at_step_4: dict[str, int]) -> None:
    memo = _text(_latest(ctx, DocumentKind.HEAD_MEMO, ".pdf"))
    assert "DINAS BMCKTR" in memo and "PEMERINTAH" not in memo


def test_a_memo_by_the_acting_head_carries_both_names(
        ctx: ServiceContext, letterhead: dict[str, int]) -> None:
    p = letterhead
    now = ctx.now()
    delegation.appoint(ctx, p["head"], principal_id=p["head"], substitute_id=p["secretary"],
                       starts_at=now, ends_at=now + timedelta(days=7))
    run = steps.start_cycle(ctx, p["secretary"], 2024, 1)
    steps.attach(ctx, p["secretary"], run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4 x", "analisa.pdf", "application/pdf"))
    steps.issue_memo(ctx, p["secretary"], run.run_id)
    memo = _text(_latest(ctx, DocumentKind.HEAD_MEMO, ".pdf"))
    assert "Plh. Kepala Dinas (a.n. Head)" in memo
    assert "Plh. Kepala Dinas," in memo and "Secretary" in memo
