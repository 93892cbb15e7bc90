"""SOP step 9, *mengarsipkannya*: the ZIP of an archived cycle, its manifest, log and check."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import cli, texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain import errors
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import archive, fill_in, provisioning, review, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from reports import archive_bundle
from reports.archive_bundle import AUDIT_LOG, MANIFEST, BundleEntry, build_bundle, verify_bundle
from storage.documents import FileStore
from storage.models import AuditEvent, Document
from tests import databases
from tests.clock import TickingClock

START = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)
PLANNER = '=HYPERLINK("http://contoh.test","klik")'  # a name a spreadsheet must not evaluate


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=TickingClock(START))


def _people(ctx: ServiceContext) -> dict[str, int]:
    provisioning.init_agency(ctx, "Dinas BMCKTR", "bmcktr", ["Bina Marga", "Cipta Karya"])
    spec = {
        "head": ("Head", [(Role.HEAD, None)]),
        "secretary": ("Secretary", [(Role.SECRETARY, None)]),
        "team": ("Team", [(Role.SAKIP_TEAM, None)]),
        "bm": ("Bm", [(Role.DIVISION, "Bina Marga")]),
        "ck": ("Ck", [(Role.DIVISION, "Cipta Karya")]),
        "planner": (PLANNER, [(Role.PLANNING_UNIT, None)]),
    }
    ids = {}
    for i, (key, (name, roles)) in enumerate(spec.items()):
        user = provisioning.add_user(ctx, name=name, roles=roles, telegram_id=100 + i)
        assert user.id is not None
        ids[key] = user.id
    return ids


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, int]:
    return _people(ctx)


def _task(ctx: ServiceContext, user_id: int, key: StepKey) -> int:
    found = [t for t in tasks.open_tasks(ctx, user_id) if t.step is key]
    assert found, f"no {key} task for user {user_id}"
    return found[0].run_id


def _pdf(name: str, content: str | None = None) -> Upload:
    return Upload(f"%PDF-1.4 {content or name}".encode(), name, "application/pdf")


def _play(ctx: ServiceContext, p: dict[str, int], *, year: int = 2024, quarter: int = 1) -> int:
    """A whole quarter through the services, with one return; returns the cycle id."""
    run = steps.start_cycle(ctx, p["head"], year, quarter)
    steps.attach(ctx, p["head"], run.run_id, DocumentKind.ANALYSIS_REPORT, _pdf("analisa.pdf"))
    steps.issue_memo(ctx, p["head"], run.run_id)

    run_id = _task(ctx, p["secretary"], StepKey.BRIEFING)
    photo = steps.attach(ctx, p["secretary"], run_id, DocumentKind.MINUTES_ATTACHMENT,
                         _pdf("foto-rapat.pdf"))
    steps.record_briefing(ctx, p["secretary"], run_id, meeting_date=date(2024, 4, 1),
                          attendee_ids=[p["team"]], directions="Isi tepat waktu",
                          attachment_id=photo.document_id)
    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.PREPARE_FORMS))

    for who in ("secretary", "bm", "ck"):
        part = _task(ctx, p[who], StepKey.FILL_IN)
        fill_in.save_figures(ctx, p[who], part, f"Realisasi {who}: 80%")
        fill_in.add_evidence(ctx, p[who], part, _pdf("bukti.pdf", f"bukti {who}"))
        fill_in.submit_part(ctx, p[who], part)

    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.COMPILE))
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FORWARD))
    review_run = _task(ctx, p["head"], StepKey.REVIEW)
    targets = dict((name, i) for i, name in review.targets(ctx, p["head"], review_run))
    review.decide(ctx, p["head"], review_run, approve=False, note="-Lengkapi foto",
                  division_ids=[targets["Bina Marga"]])
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    # Same name, other content: both are kept, the second as "bukti (2).pdf".
    fill_in.add_evidence(ctx, p["bm"], part, _pdf("bukti.pdf", "bukti bm, foto tambahan"))
    fill_in.submit_part(ctx, p["bm"], part)

    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.COMPILE))
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FORWARD))
    review.decide(ctx, p["head"], _task(ctx, p["head"], StepKey.REVIEW), approve=True)
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FINAL_REPORT))
    esr = _task(ctx, p["planner"], StepKey.ESR_UPLOAD)
    steps.attach(ctx, p["planner"], esr, DocumentKind.ESR_RECEIPT, _pdf("bukti-esr.pdf"))
    steps.confirm(ctx, p["planner"], esr)
    return run.cycle_id


@pytest.fixture
def cycle_id(ctx: ServiceContext, people: dict[str, int]) -> int:
    return _play(ctx, people)


def _cycle_documents(engine: Engine, cycle_id: int) -> list[Document]:
    with Session(engine) as session:
        query = select(Document).where(Document.cycle_id == cycle_id)
        return [d for d in session.exec(query.order_by(Document.id)) if d.kind != "archive"]


def _events(engine: Engine, cycle_id: int) -> list[AuditEvent]:
    with Session(engine) as session:
        query = select(AuditEvent).where(AuditEvent.cycle_id == cycle_id)
        return list(session.exec(query.order_by(AuditEvent.id)))


def _rewrite(data: bytes, change: Callable[[str, bytes], bytes | None] = lambda _n, b: b,
             extra: dict[str, bytes] | None = None) -> bytes:
    """The ZIP written again, each entry through ``change`` (None drops it), plus ``extra``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _manifest(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        return json.loads(bundle.read(MANIFEST))


def _csv_rows(data: bytes) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        raw = bundle.read(AUDIT_LOG)
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# --- the bundle of a played cycle ---------------------------------------------------------------
def test_archive_holds_every_document_with_its_sha256(
    ctx: ServiceContext, cycle_id: int
) -> None:
    view = archive.build_archive(ctx, cycle_id)
    # Completing step 9 already built it; asking again gives the same sealed document.
    assert view.kind == "archive" and view.duplicate
    assert view.name == "Arsip-Pengukuran-Kinerja-TW1-2024.zip"
    name, data = archive.get_archive(ctx, 2024, 1)
    assert name == view.name and len(data) == view.size

    docs = _cycle_documents(ctx.engine, cycle_id)
    # A free-text cycle has no charts; the archive does not contain itself.
    contents = [k for k in DocumentKind if k not in (DocumentKind.ARCHIVE, DocumentKind.CHART)]
    assert {d.kind for d in docs} == {k.value for k in contents}
    manifest = _manifest(data)
    listed = manifest["files"]
    [sheet] = [f for f in listed if f["kind"] == "sop_compliance"]
    assert sheet["path"] == "11-Kepatuhan-SOP/Kepatuhan-SOP-TW1-2024.csv"
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        compliance = bundle.read(sheet["path"]).decode("utf-8-sig").splitlines()
    assert compliance[0].startswith("Langkah,Uraian") and len(compliance) > 9
    listed = [f for f in listed if f is not sheet]
    assert len(listed) == len(docs)
    assert sorted(f["sha256"] for f in listed) == sorted(d.sha256 for d in docs)
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        names = bundle.namelist()
        for item in listed:
            content = bundle.read(item["path"])
            assert hashlib.sha256(content).hexdigest() == item["sha256"]
            assert len(content) == item["size"]
    assert set(names) == {f["path"] for f in listed} | {MANIFEST, AUDIT_LOG, sheet["path"]}

    # Versions replaced later (the draft and the report before the return) are kept apart.
    old = [f["path"] for f in listed if f["superseded"]]
    assert old == [f"{texts.ARCHIVE_SUPERSEDED_FOLDER}/05-Draf-Realisasi/Bina Marga/"
                   "Draf-Realisasi-TW1-2024-Bina Marga-r1.txt"]
    listed = [f for f in listed if not f["superseded"]]
    # One folder per kind, in the order of the SOP; per-division files in a division folder.
    folders = list(dict.fromkeys(f["path"].split("/")[0] for f in listed))
    assert folders == sorted(folders)
    assert folders[1] == "01-Nota-Kepala-Dinas"
    assert folders == [texts.ARCHIVE_FOLDERS[d] for d in contents]
    evidence = [f["path"] for f in listed if f["kind"] == "evidence"]
    assert "06-Data-Dukung/Bina Marga/bukti.pdf" in evidence
    assert "06-Data-Dukung/Bina Marga/bukti (2).pdf" in evidence
    assert "06-Data-Dukung/Sekretariat/bukti.pdf" in evidence


def test_manifest_fields(ctx: ServiceContext, cycle_id: int) -> None:
    archive.build_archive(ctx, cycle_id)
    manifest = _manifest(archive.get_archive(ctx, 2024, 1)[1])
    assert manifest["format"] == archive_bundle.FORMAT
    assert manifest["agency"] == "Dinas BMCKTR" and manifest["agency_code"] == "bmcktr"
    assert manifest["period"] == "Triwulan I Tahun 2024"
    assert (manifest["year"], manifest["quarter"]) == (2024, 1)
    assert manifest["generated_at"].endswith("+07:00")
    assert manifest["generated_at"] >= manifest["closed_at"]
    by_kind = {f["kind"]: f for f in manifest["files"]}
    memo = by_kind["head_memo"]
    assert memo["who"] == "Head" and memo["step"] == "order" and memo["step_number"] == 1
    assert memo["division"] is None
    assert datetime.fromisoformat(memo["when"]).utcoffset() == timedelta(hours=7)
    receipt = by_kind["esr_receipt"]
    assert receipt["who"] == PLANNER and receipt["step_number"] == 9
    form = next(f for f in manifest["files"] if f["kind"] == "form"
                and f["division"] == "Cipta Karya")
    assert form["path"].startswith("04-Format-Realisasi/Cipta Karya/Format-Realisasi-TW1-2024")
    log = manifest["audit_log"]
    assert log["path"] == AUDIT_LOG and len(log["sha256"]) == 64


def test_audit_csv_rows_are_the_audit_events(ctx: ServiceContext, cycle_id: int) -> None:
    archive.build_archive(ctx, cycle_id)
    data = archive.get_archive(ctx, 2024, 1)[1]
    rows = _csv_rows(data)
    assert rows[0] == ["waktu (WIB)", "pengguna", "tindakan", "sebelum", "sesudah"]
    events = [e for e in _events(ctx.engine, cycle_id) if not e.action.startswith("archive.")]
    assert len(rows) - 1 == len(events) == _manifest(data)["audit_log"]["rows"]
    assert [r[2] for r in rows[1:]] == [e.action for e in events]
    assert "cycle.archived" in [r[2] for r in rows[1:]]
    first = events[0].at.replace(tzinfo=UTC) + timedelta(hours=7)
    assert rows[1][0] == first.strftime("%Y-%m-%d %H:%M:%S")
    # The planner's name starts with "=": written so that no spreadsheet evaluates it.
    archived = next(r for r in rows if r[2] == "cycle.archived")
    assert archived[1] == "'" + PLANNER
    assert json.loads(archived[4]) == {"status": "archived"}
    returned = next(r for r in rows if r[2] == "step.review.returned")
    assert "-Lengkapi foto" in returned[4]
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row


def test_building_again_returns_the_same_document(ctx: ServiceContext, cycle_id: int) -> None:
    first = archive.build_archive(ctx, cycle_id)
    again = archive.build_archive(ctx, cycle_id)
    assert again.document_id == first.document_id and again.duplicate
    built = [e for e in _events(ctx.engine, cycle_id) if e.action == "archive.built"]
    assert len(built) == 1 and built[0].after["document_id"] == first.document_id
    with Session(ctx.engine) as session:
        stored = list(session.exec(select(Document).where(Document.kind == "archive")))
    assert len(stored) == 1 and stored[0].step == "esr_upload"


def test_step_9_builds_the_archive_and_list_shows_it(ctx: ServiceContext,
                                                    cycle_id: int) -> None:
    [row] = archive.list_archives(ctx)
    assert (row.year, row.quarter) == (2024, 1) and row.document_id is not None
    assert row.closed_at is not None and row.period == "Triwulan I Tahun 2024"
    name, data = archive.get_archive(ctx, 2024, 1)
    [row] = archive.list_archives(ctx, "bmcktr")
    assert row.name == name and row.size == len(data)
    assert row.sha256 == hashlib.sha256(data).hexdigest()


def test_a_lost_archive_file_is_built_again(ctx: ServiceContext, cycle_id: int) -> None:
    view = archive.build_archive(ctx, cycle_id)
    _, data = archive.get_archive(ctx, 2024, 1)
    with Session(ctx.engine) as session:
        document = session.get(Document, view.document_id)
        assert document is not None
        ctx.store.path(document.path).unlink()
    assert archive.get_archive(ctx, 2024, 1)[1] == data


def test_a_lost_document_file_refuses_the_build(ctx: ServiceContext, cycle_id: int) -> None:
    memo = next(d for d in _cycle_documents(ctx.engine, cycle_id) if d.kind == "head_memo")
    ctx.store.path(memo.path).unlink()
    with pytest.raises(errors.InvalidInput) as refused:
        archive.build_archive(ctx, cycle_id)
    assert refused.value.params == {"reason": "archive_file_missing", "name": memo.original_name}
    assert memo.original_name in texts.archive_error(refused.value)
    ctx.store.path(memo.path).write_bytes(b"something else")
    with pytest.raises(errors.InvalidInput) as refused:
        archive.build_archive(ctx, cycle_id)
    assert refused.value.params["reason"] == "archive_file_corrupt"


# --- verification ---------------------------------------------------------------------------
@pytest.fixture
def stored_bundle(ctx: ServiceContext, cycle_id: int) -> bytes:
    """The ZIP of this test's archived quarter, which ``ctx`` also keeps."""
    archive.build_archive(ctx, cycle_id)
    return archive.get_archive(ctx, 2024, 1)[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The ZIP of an archived quarter, for the tests that only read it: played once, as a
    quarter takes seconds."""
    with databases.migrated_engine() as engine:
        ctx = ServiceContext(engine=engine, store=FileStore(tmp_path_factory.mktemp("archive")),
                             clock=TickingClock(START))
        archive.build_archive(ctx, _play(ctx, _people(ctx)))
        return archive.get_archive(ctx, 2024, 1)[1]


def test_intact_archive_verifies(ctx: ServiceContext, stored_bundle: bytes) -> None:
    assert verify_bundle(stored_bundle) == []
    assert archive.verify_archive(ctx, 2024, 1) == []
    assert verify_bundle(_rewrite(stored_bundle)) == []  # re-zipping alone changes nothing


def test_a_changed_byte_is_reported(ctx: ServiceContext, stored_bundle: bytes) -> None:
    target = "01-Nota-Kepala-Dinas/Nota-Kepala-Dinas-TW1-2024.pdf"

    def flip(name: str, content: bytes) -> bytes:
        if name != target:
            return content
        return content[:10] + bytes([content[10] ^ 1]) + content[11:]

    tampered = _rewrite(stored_bundle, flip)
    assert verify_bundle(tampered) == [texts.archive_changed(target)]
    problems = archive.verify_archive(ctx, 2024, 1, data=tampered)
    assert texts.archive_changed(target) in problems
    assert texts.archive_stored_changed("Arsip-Pengukuran-Kinerja-TW1-2024.zip") in problems


def test_a_changed_audit_log_is_reported(bundle: bytes) -> None:
    tampered = _rewrite(bundle, lambda n, b: b.replace(b"cycle.archived", b"cycle.archivee")
                        if n == AUDIT_LOG else b)
    assert verify_bundle(tampered) == [texts.archive_changed(AUDIT_LOG)]


def test_a_removed_file_is_reported(bundle: bytes) -> None:
    target = "09-Bukti-Unggah-ESR/bukti-esr.pdf"
    tampered = _rewrite(bundle, lambda n, b: None if n == target else b)
    assert verify_bundle(tampered) == [texts.archive_missing(target)]


def test_a_stray_file_is_reported(bundle: bytes) -> None:
    stray = "06-Data-Dukung/Bina Marga/tambahan.pdf"
    tampered = _rewrite(bundle, extra={stray: b"%PDF-1.4 disisipkan"})
    assert verify_bundle(tampered) == [texts.archive_extra(stray)]


def test_a_manifest_that_hides_a_file_leaves_it_extra(bundle: bytes) -> None:
    def drop_receipt(name: str, content: bytes) -> bytes:
        if name != MANIFEST:
            return content
        manifest = json.loads(content)
        manifest["files"] = [f for f in manifest["files"] if f["kind"] != "esr_receipt"]
        return json.dumps(manifest).encode()

    assert verify_bundle(_rewrite(bundle, drop_receipt)) == [
        texts.archive_extra("09-Bukti-Unggah-ESR/bukti-esr.pdf")]


@pytest.mark.parametrize("manifest", [None, b"{not json", b"[]", b'{"format": "other"}',
                                      b"\xff\xfe", b'{"format": "sakip-bot-archive/1"}'])
def test_an_unreadable_manifest_is_reported(bundle: bytes, manifest: bytes | None) -> None:
    tampered = _rewrite(bundle, lambda n, b: manifest if n == MANIFEST else b)
    assert verify_bundle(tampered) == [texts.ARCHIVE_MANIFEST_UNREADABLE]


def test_unsafe_paths_in_the_manifest_are_reported(bundle: bytes) -> None:
    def escape(name: str, content: bytes) -> bytes:
        if name != MANIFEST:
            return content
        manifest = json.loads(content)
        manifest["files"][0]["path"] = "../../etc/passwd"
        return json.dumps(manifest).encode()

    problems = verify_bundle(_rewrite(bundle, escape))
    assert texts.archive_unsafe_path("../../etc/passwd") in problems
    assert texts.archive_missing("../../etc/passwd") in problems


def test_not_a_zip_and_a_corrupt_entry(bundle: bytes) -> None:
    assert verify_bundle(b"PK\x03\x04 not really") == [texts.ARCHIVE_NOT_ZIP]
    assert verify_bundle(b"") == [texts.ARCHIVE_NOT_ZIP]
    # A byte changed inside the compressed data, without rewriting the ZIP: CRC or inflate fail.
    with zipfile.ZipFile(io.BytesIO(bundle)) as source:
        info = source.getinfo("02-Notulen-Rapat/Notulen-Rapat-TW1-2024.pdf")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw = bytearray(bundle)
    raw[start + info.compress_size // 2] ^= 0xFF
    assert verify_bundle(bytes(raw)) == [texts.archive_entry_unreadable(info.filename)]


def test_zip_bombs_are_refused_before_inflating() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("a.bin", b"\0" * (4 * 1024 * 1024))
        for i in range(20):
            bomb.writestr(f"f{i}.txt", b"x")
    data = out.getvalue()
    assert len(data) < 64 * 1024
    assert verify_bundle(data, max_uncompressed=1024 * 1024) == [
        texts.archive_too_large(4 * 1024 * 1024 + 20, 1024 * 1024)]
    assert verify_bundle(data, max_entries=10) == [texts.archive_too_many_entries(21, 10)]


# --- refusals ---------------------------------------------------------------------------------
def test_an_open_cycle_is_refused(ctx: ServiceContext, people: dict[str, int]) -> None:
    run = steps.start_cycle(ctx, people["head"], 2024, 2)
    with pytest.raises(errors.InvalidInput) as refused:
        archive.build_archive(ctx, run.cycle_id)
    assert refused.value.params == {"reason": "cycle_not_archived", "year": 2024, "quarter": 2}
    assert "belum diarsipkan" in texts.archive_error(refused.value)
    with pytest.raises(errors.InvalidInput, match="cycle_not_archived"):
        archive.get_archive(ctx, 2024, 2)
    with pytest.raises(errors.InvalidInput, match="cycle_not_archived"):
        archive.verify_archive(ctx, 2024, 2)
    assert archive.list_archives(ctx) == []
    with Session(ctx.engine) as session:
        assert not list(session.exec(select(Document).where(Document.kind == "archive")))


def test_unknown_period_and_agency(ctx: ServiceContext, people: dict[str, int]) -> None:
    with pytest.raises(errors.InvalidInput) as refused:
        archive.get_archive(ctx, 2023, 4)
    assert refused.value.params["reason"] == "unknown_cycle"
    assert "Triwulan IV Tahun 2023 tidak ditemukan" in texts.archive_error(refused.value)
    with pytest.raises(errors.InvalidInput, match="unknown_agency") as refused:
        archive.list_archives(ctx, "lain")
    assert refused.value.params["known"] == ["bmcktr"]
    with pytest.raises(errors.InvalidInput, match="unknown_cycle"):
        archive.build_archive(ctx, 999)


# --- the pure bundle ------------------------------------------------------------------------
MOMENT = datetime(2024, 3, 31, 20, 30, tzinfo=UTC)  # 1 April 03.30 WIB


def _entry(
    name: str, data: bytes, kind: str = "evidence", division: str | None = None
) -> BundleEntry:
    return BundleEntry(kind=kind, name=name, data=data, created_at=MOMENT, step="fill_in",
                       division=division, created_by="Bm")


def test_build_bundle_is_deterministic_and_safe() -> None:
    entries = [
        _entry("Laporan.PDF", b"1"),
        _entry("laporan.pdf", b"2"),  # same name to Windows: deduplicated regardless of case
        _entry("../../rahasia.txt", b"3"),
        _entry("..", b"4"),
        _entry("catatan.txt", b"5", kind="something_new", division="Bina/Marga"),
    ]
    rows = [
        {"at": MOMENT, "user": "=1+1", "action": "+tambah", "before": {"a": "-1"}, "after": {}},
        {"at": MOMENT, "user": None, "action": "@hapus", "before": None, "after": None},
        {"at": MOMENT, "user": "\tTab", "action": "-kurang", "before": {}, "after": {"b": 1}},
    ]
    meta = {"agency": "Dinas", "period": "Triwulan I Tahun 2024", "generated_at": MOMENT,
            "meeting": date(2024, 4, 1)}
    data = build_bundle(entries, rows, meta)
    assert build_bundle(entries, rows, meta) == data
    assert verify_bundle(data) == []
    manifest = _manifest(data)
    assert [f["path"] for f in manifest["files"]] == [
        "06-Data-Dukung/Laporan.PDF",
        "06-Data-Dukung/laporan (2).pdf",
        "06-Data-Dukung/rahasia.txt",
        "06-Data-Dukung/berkas",
        "99-Lainnya/Bina_Marga/catatan.txt",
    ]
    assert manifest["generated_at"] == "2024-04-01T03:30:00+07:00"
    assert manifest["meeting"] == "2024-04-01"
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        assert opened.getinfo(MANIFEST).date_time == (2024, 4, 1, 3, 30, 0)
    csv_rows = _csv_rows(data)
    assert csv_rows[1] == ["2024-04-01 03:30:00", "'=1+1", "'+tambah", '{"a": "-1"}', ""]
    assert csv_rows[2] == ["2024-04-01 03:30:00", "Sistem", "'@hapus", "", ""]
    assert csv_rows[3][1:3] == ["'\tTab", "'-kurang"]


def test_build_bundle_needs_a_generation_time() -> None:
    with pytest.raises(ValueError):
        build_bundle([], [], {"agency": "Dinas"})


# --- CLI ------------------------------------------------------------------------------------
@pytest.fixture
def file_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             database_url: str | None) -> Iterator[ServiceContext]:
    """The database the CLI opens (DATA_DIR in tmp_path), with a cycle played to the end."""
    monkeypatch.chdir(tmp_path)  # no stray .env; `archive get` writes here by default
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    for name in ("DATABASE_URL", "AGENCY_CODE", "BOT_USERNAME", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    if database_url is not None:
        monkeypatch.setenv("DATABASE_URL", database_url)
    context = build_context(Settings(), migrate=True)
    context.clock = TickingClock(START)
    yield context
    context.engine.dispose()


def test_cli_archive_list_and_get(
    file_ctx: ServiceContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = _people(file_ctx)
    _play(file_ctx, people)
    steps.start_cycle(file_ctx, people["head"], 2024, 2)
    capsys.readouterr()

    assert cli.main(["archive", "list"]) == 0
    out = capsys.readouterr().out
    assert "Triwulan I Tahun 2024" in out and "Arsip-Pengukuran-Kinerja-TW1-2024.zip" in out
    assert "Triwulan II" not in out  # still open

    target = tmp_path / "arsip.zip"
    assert cli.main(["archive", "get", "2024", "1", "--out", str(target)]) == 0
    out = capsys.readouterr().out
    data = target.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert str(target) in out and f"({len(data)} byte)" in out and sha in out
    assert "cocok, semua berkas utuh" in out
    assert verify_bundle(data) == []

    assert cli.main(["archive", "list"]) == 0
    out = capsys.readouterr().out
    assert "Arsip-Pengukuran-Kinerja-TW1-2024.zip" in out and sha in out

    assert cli.main(["archive", "get", "2024", "1"]) == 0  # into the current folder
    assert (tmp_path / "Arsip-Pengukuran-Kinerja-TW1-2024.zip").read_bytes() == data


def test_cli_archive_refusals(
    file_ctx: ServiceContext, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["archive", "list"]) == 1
    assert "Dinas belum disiapkan" in capsys.readouterr().err
    people = _people(file_ctx)
    assert cli.main(["archive", "list"]) == 0
    assert capsys.readouterr().out.strip() == texts.ARCHIVE_CLI_NONE
    steps.start_cycle(file_ctx, people["head"], 2024, 2)
    assert cli.main(["archive", "get", "2024", "2"]) == 1
    assert "Triwulan II Tahun 2024 belum diarsipkan" in capsys.readouterr().err
    assert cli.main(["archive", "get", "2024", "3"]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert cli.main(["archive", "get", "2024", "5"]) == 2
    assert "triwulan \"5\" tidak valid" in capsys.readouterr().err
    assert cli.main(["archive"]) == 2
    assert "list" in capsys.readouterr().err


def test_only_the_newest_version_of_a_document_counts() -> None:
    at = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)

    def doc(number: int, kind: DocumentKind, name: str, division: int | None = None) -> Document:
        return Document(id=number, agency_id=1, cycle_id=1, kind=kind, division_id=division,
                        path=f"p{number}", original_name=name, mime_type="x", size=1,
                        sha256=str(number), created_at=at + timedelta(minutes=number))

    docs = [
        doc(1, DocumentKind.ANALYSIS_REPORT, "salah.pdf"),
        doc(2, DocumentKind.ANALYSIS_REPORT, "Analisa.pdf"),  # sent again at the confirmation
        doc(3, DocumentKind.DRAFT, "Draf-BM-r1.xlsx", division=5),
        doc(4, DocumentKind.DRAFT, "Draf-CK-r1.xlsx", division=6),
        doc(5, DocumentKind.DRAFT, "Draf-BM-r2.xlsx", division=5),  # after a return
        doc(6, DocumentKind.EVIDENCE, "foto.jpg", division=5),
        doc(7, DocumentKind.EVIDENCE, "foto-2.jpg", division=5),
        doc(8, DocumentKind.REPORT, "Laporan.xlsx"),
        doc(9, DocumentKind.REPORT, "Laporan.pdf"),
        doc(10, DocumentKind.REPORT, "Laporan.xlsx"),  # compiled again
    ]
    assert archive.superseded(docs) == {1, 3, 8}
