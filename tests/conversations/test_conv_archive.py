"""``/arsip``: an archived quarter comes back as its sealed zip; only its keepers may ask."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

from bot import texts
from bot.domain.sop import StepKey
from reports.archive_bundle import MANIFEST, verify_bundle
from standin.demo import World
from tests.clock import YEAR
from tests.conversations.conftest import TIMEOUT, forward, settle


async def test_the_secretary_gets_the_archive_of_a_finished_quarter(world: World) -> None:
    secretary = world.people["secretary"]
    await secretary.send_command("arsip")
    await secretary.wait_for_text(texts.NO_ARCHIVES, TIMEOUT)
    await forward(world, YEAR, 1, through=StepKey.ESR_UPLOAD)
    await settle(world)
    await secretary.send_command("arsip")
    listing = await secretary.wait_for_text(texts.ARCHIVES_HEADER, TIMEOUT)
    await secretary.press(f"Triwulan I Tahun {YEAR}", listing)
    sent = await secretary.wait_for_message(lambda m: m.file_name is not None, TIMEOUT)
    assert sent.file_name == f"Arsip-Pengukuran-Kinerja-TW1-{YEAR}.zip"
    data = sent.file_bytes or b""
    assert verify_bundle(data) == []
    with zipfile.ZipFile(BytesIO(data)) as bundle:
        manifest = json.loads(bundle.read(MANIFEST))
    assert any(f["kind"] == "head_memo" for f in manifest["files"])


async def test_a_bidang_may_not_fetch_archives(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await bina_marga.send_command("arsip")
    refusal = await bina_marga.wait_for_message(timeout=TIMEOUT)
    assert "bukan tugas peran Anda" in refusal.content


async def test_kepatuhan_shows_each_step_against_its_standard(world: World) -> None:
    head = world.people["head"]
    await head.send_command("kepatuhan")
    await head.wait_for_text(texts.no_compliance(YEAR), TIMEOUT)
    await head.send_command("kepatuhan", "2019")
    await head.wait_for_text(texts.no_compliance(2019), TIMEOUT)
    await forward(world, YEAR, 1, through=StepKey.ESR_UPLOAD)
    await settle(world)
    await head.send_command("kepatuhan", str(YEAR))
    view = await head.wait_for_text(texts.compliance_header(YEAR), TIMEOUT)
    lines = view.content.splitlines()[2:]
    assert len(lines) == 9, "every SOP step is measured"
    assert all("tepat waktu" in line for line in lines), "a quarter played in minutes is on time"
    # And as a picture, for deciding from a phone.
    picture = await head.wait_for_message(lambda m: m.photo is not None, TIMEOUT)
    assert picture.content == texts.compliance_chart_title(YEAR)
    assert picture.photo is not None and picture.photo.data.startswith(b"\x89PNG")


async def test_laporan_sends_the_quarter_report(world: World) -> None:
    head = world.people["head"]
    await head.send_command("laporan")
    await head.wait_for_text(texts.NO_REPORTS, TIMEOUT)
    await forward(world, YEAR, 1, through=StepKey.ESR_UPLOAD)
    await settle(world)
    await head.send_command("laporan")
    listing = await head.wait_for_text(texts.REPORTS_HEADER, TIMEOUT)
    await head.press(f"Triwulan I Tahun {YEAR}", listing)
    sent = await head.wait_for_message(lambda m: m.file_name is not None, TIMEOUT)
    assert sent.file_name == f"Realisasi-Rencana-Aksi-TW1-{YEAR}.pdf"
