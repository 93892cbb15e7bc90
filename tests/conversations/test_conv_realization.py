"""Step 4 with the sample Perjanjian Kinerja: indicator by indicator, bad figures, resume,
jumping to an item, and a filled form with a wrong cell."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot import texts
from bot.domain import errors
from bot.domain.sop import Role, StepKey
from bot.services import provisioning, realization
from standin.demo import World
from standin.demo_scenario import sample_pdf
from storage.models import AuditEvent
from tests.clock import YEAR, RunningClock
from tests.conversations.conftest import (
    PDF,
    TIMEOUT,
    begin,
    call,
    forward,
    run_id,
    settle,
    uid,
)
from tests.seeded import seeded_bot

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with seeded_bot(tmp_path / "data", master_year=YEAR, clock=RunningClock()) as w:
        await forward(w, YEAR, 1, through=StepKey.PREPARE_FORMS)
        await settle(w)
        yield w
        await settle(w, quiet=0.1)
        assert not w.standin.errors and not w.standin.unanswered_callback_queries
        for user in w.standin.users:
            assert texts.SERVER_ERROR not in user.texts, user.label


async def _sheet(world: World) -> realization.PartSheet:
    part = await run_id(world, "bina_marga", StepKey.FILL_IN)
    return await call(world, realization.part_sheet, await uid(world, "bina_marga"), part)


async def test_a_bad_figure_is_explained_and_the_last_good_one_kept(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
    await bina_marga.press("Isi berikutnya")
    prompt = await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    assert "Target Triwulan I" in prompt.content and "Satuan" in prompt.content
    await bina_marga.send_text("delapan puluh")
    refusal = await bina_marga.wait_for_text("Contoh", TIMEOUT)
    assert "belum terbaca sebagai angka" in refusal.content
    assert (await _sheet(world)).indicators[0].value is None
    await bina_marga.send_text("-5")
    await bina_marga.wait_for_text("tidak boleh negatif", TIMEOUT)
    await bina_marga.send_text("1.000.000,5")
    await bina_marga.wait_for_text("Contoh", TIMEOUT)
    first = (await _sheet(world)).indicators[0]
    typed = "10" if first.decimals == 0 else "10,5"
    await bina_marga.send_text(typed)
    saved = await bina_marga.wait_for_text("Tersimpan", TIMEOUT)
    assert "Capaian" in saved.content
    assert (await _sheet(world)).indicators[0].value is not None
    await bina_marga.send_text("abc")
    await settle(world)
    assert (await _sheet(world)).indicators[0].value is not None, "the good figure stays"


async def test_stop_and_resume_then_jump_to_an_item(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
    await bina_marga.press("Isi berikutnya")
    await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    await bina_marga.send_text("100")
    await bina_marga.wait_for_text("Tersimpan", TIMEOUT)
    await bina_marga.send_command("batal")
    await bina_marga.wait_for_text(texts.CANCELLED, TIMEOUT)
    await bina_marga.send_command("tugas")
    tasks = await bina_marga.wait_for_text("tugas", TIMEOUT)
    await bina_marga.press("Langkah 4", tasks)
    menu = await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
    sheet = await _sheet(world)
    assert sheet.indicators[0].value == 100, "what was entered before /batal is still there"
    last = sheet.indicators[-1]
    await bina_marga.press(texts.item_button(False, last.code, last.name), menu)
    prompt = await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    assert last.name in prompt.content


async def test_a_filled_form_with_a_wrong_cell_says_where(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    handoff = await bina_marga.wait_for_text("Langkah 4", TIMEOUT)
    book = load_workbook(io.BytesIO(await bina_marga.download(handoff)))
    book["Kinerja"]["H6"] = "banyak"
    book["Keuangan"]["F6"] = "87,5%"
    data = io.BytesIO()
    book.save(data)
    await bina_marga.press("Mulai", handoff)
    await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
    await bina_marga.send_document(data.getvalue(), "format.xlsx", XLSX)
    refusal = await bina_marga.wait_for_text("Format belum dapat disimpan", TIMEOUT)
    assert "Kinerja baris 6, kolom H" in refusal.content
    assert "Keuangan baris 6, kolom F" in refusal.content
    assert all(i.value is None for i in (await _sheet(world)).indicators)
    await bina_marga.send_document(b"%PDF-1.4", "bukan-format.pdf", PDF)
    await settle(world)


async def test_an_edited_earlier_message_is_not_taken_as_the_next_answer(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    await bina_marga.press("Isi berikutnya", await bina_marga.wait_for_text("Pilih isian",
                                                                             TIMEOUT))
    await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    typed = await bina_marga.send_text("70")  # below the target of 79,80: kendala is asked
    await bina_marga.wait_for_text("di bawah target", TIMEOUT)
    await bina_marga.edit_text(typed, "80")
    notice = await bina_marga.wait_for_text("tidak dibaca", TIMEOUT)
    assert notice.content == texts.EDIT_IGNORED
    await settle(world)
    first = (await _sheet(world)).indicators[0]
    assert first.value == 70 and first.obstacles is None, "nothing changed by the edit"
    await bina_marga.send_text("Hujan deras")
    await bina_marga.wait_for_text("tindak lanjut", TIMEOUT)
    assert (await _sheet(world)).indicators[0].obstacles == "Hujan deras"


async def test_the_filled_form_sent_at_the_evidence_prompt_is_read_as_the_form(
        world: World) -> None:
    bina_marga = world.people["bina_marga"]
    handoff = await bina_marga.wait_for_text("Langkah 4", TIMEOUT)
    book = load_workbook(io.BytesIO(await bina_marga.download(handoff)))
    book["Kinerja"]["H6"] = 80
    filled = io.BytesIO()
    book.save(filled)
    await bina_marga.press("Mulai", handoff)
    await bina_marga.press("Isi berikutnya", await bina_marga.wait_for_text("Pilih isian",
                                                                             TIMEOUT))
    await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    await bina_marga.send_text("80")
    await bina_marga.wait_for_text("data dukung", TIMEOUT)
    await bina_marga.send_document(filled.getvalue(), "Format-Bina-Marga.xlsx", XLSX)
    await bina_marga.wait_for_text(texts.FORM_IMPORTED, TIMEOUT)
    await settle(world)
    first = (await _sheet(world)).indicators[0]
    assert first.value == 80 and first.evidence == [], "read as the form, not kept as evidence"


async def test_a_file_sent_by_mistake_is_taken_back_before_submitting(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    await bina_marga.press("Isi berikutnya", await bina_marga.wait_for_text("Pilih isian",
                                                                             TIMEOUT))
    await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    await bina_marga.send_text("80")
    await bina_marga.wait_for_text("data dukung", TIMEOUT)
    await bina_marga.send_document(sample_pdf("Salah kirim"), "Foto-Keluarga.pdf", PDF)
    saved = await bina_marga.wait_for_text("Foto-Keluarga.pdf", TIMEOUT)
    await bina_marga.send_document(sample_pdf("Berita acara"), "BA-Jalan.pdf", PDF)
    saved = await bina_marga.wait_for_text("BA-Jalan.pdf", TIMEOUT)
    assert texts.remove_file_label("Foto-Keluarga.pdf") in saved.button_labels
    [remove] = [d for row in saved.buttons for label, d in row
                if label == texts.remove_file_label("Foto-Keluarga.pdf")]

    await bina_marga.press(texts.remove_file_label("Foto-Keluarga.pdf"), saved)
    await bina_marga.wait_for_text(texts.file_removed("Foto-Keluarga.pdf"), TIMEOUT)
    prompt = await bina_marga.wait_for_text("Kirim data dukung", TIMEOUT)
    assert prompt.button_labels[0] == texts.remove_file_label("BA-Jalan.pdf")
    assert texts.remove_file_label("Foto-Keluarga.pdf") not in prompt.button_labels
    await settle(world)
    first = (await _sheet(world)).indicators[0]
    assert [d.name for d in first.evidence] == ["BA-Jalan.pdf"]
    with world.services.transaction() as session:
        removed = [e for e in session.exec(select(AuditEvent)).all()
                   if e.action == "evidence.removed"]
    assert [e.before["name"] for e in removed] == ["Foto-Keluarga.pdf"]

    # An old 🗑️ pressed again finds nothing to remove and says so.
    await bina_marga.press_stale(remove or "", saved)
    await bina_marga.wait_for_text(texts.error_message(
        errors.InvalidInput(reason="unknown_file")), TIMEOUT)


async def _colleague_saves(world: World, figure: str) -> int:
    """Another Bina Marga official saves the first indicator through the service."""
    colleague = await call(world, provisioning.add_user, name="Staf Bina Marga",
                           roles=[(Role.DIVISION, "Bina Marga")])
    assert colleague.id is not None
    part = await run_id(world, "bina_marga", StepKey.FILL_IN)
    first = (await _sheet(world)).indicators[0]
    await call(world, realization.save_value, colleague.id, part, first.indicator_id, figure)
    return colleague.id


@pytest.mark.parametrize("choice", ["mine", "theirs"])
async def test_a_figure_changed_by_a_colleague_meanwhile_is_not_overwritten_unasked(
        world: World, choice: str) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    await bina_marga.press("Isi berikutnya", await bina_marga.wait_for_text("Pilih isian",
                                                                             TIMEOUT))
    await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    colleague = await _colleague_saves(world, "3")

    await bina_marga.send_text("2")
    question = await bina_marga.wait_for_text("baru saja mengisi", TIMEOUT)
    assert "Staf Bina Marga" in question.content
    assert (await _sheet(world)).indicators[0].value == 3, "nothing saved before the choice"
    mine, theirs = question.button_labels
    assert mine.startswith("💾 Pakai isian saya (2") and theirs.startswith("↩️ Tetap 3")

    data = {label: data for row in question.buttons for label, data in row}
    await bina_marga.press(mine if choice == "mine" else theirs, question)
    await bina_marga.wait_for_text("Tersimpan" if choice == "mine" else texts.KEPT_THEIRS,
                                   TIMEOUT)
    await settle(world)
    # The same choice pressed again (a double tap) changes nothing and says so.
    await bina_marga.press_stale(str(data[mine]), question)
    await bina_marga.wait_for_edit(question, lambda m: texts.ALREADY_HANDLED in m.content,
                                   TIMEOUT)
    await settle(world)
    first = (await _sheet(world)).indicators[0]
    assert first.value == (2 if choice == "mine" else 3)
    with world.services.transaction() as session:
        changes = [(e.actor_user_id, e.after.get("value")) for e in
                   session.exec(select(AuditEvent)).all() if e.action == "realization.changed"]
    me = await uid(world, "bina_marga")
    assert changes == [(colleague, "3")] + ([(me, "2")] if choice == "mine" else [])


async def test_a_kendala_written_by_a_colleague_meanwhile_is_kept_if_chosen(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    await bina_marga.press("Isi berikutnya", await bina_marga.wait_for_text("Pilih isian",
                                                                             TIMEOUT))
    await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    await bina_marga.send_text("0,5")  # below every target: the kendala is asked
    await bina_marga.wait_for_text(texts.ASK_OBSTACLES, TIMEOUT)
    colleague = await _colleague_saves(world, "0,5")
    part = await run_id(world, "bina_marga", StepKey.FILL_IN)
    first = (await _sheet(world)).indicators[0]
    await call(world, realization.save_text, colleague, part, first.indicator_id, "obstacles",
               "Lahan belum dibebaskan.")

    await bina_marga.send_text("Hujan deras sepanjang bulan.")
    question = await bina_marga.wait_for_text("baru saja mengisi kendala", TIMEOUT)
    assert "“Lahan belum dibebaskan.”" in question.content
    assert "“Hujan deras sepanjang bulan.”" in question.content
    mine, theirs = question.button_labels
    assert mine.startswith("💾 Pakai isian saya") and "Staf Bina Marga" in theirs
    await bina_marga.press(theirs, question)
    await bina_marga.wait_for_text(texts.KEPT_THEIRS, TIMEOUT)
    await bina_marga.wait_for_text(texts.ASK_FOLLOW_UP, TIMEOUT)
    assert (await _sheet(world)).indicators[0].obstacles == "Lahan belum dibebaskan."


async def test_money_saved_by_a_colleague_meanwhile_is_not_overwritten_unasked(
        world: World) -> None:
    colleague = await _colleague_saves(world, "3")
    part = await run_id(world, "bina_marga", StepKey.FILL_IN)
    item = (await _sheet(world)).financials[0]
    await call(world, realization.save_financial, colleague, part, item.item_id, "2 jt")
    me = await uid(world, "bina_marga")
    with pytest.raises(errors.ChangedMeanwhile) as raised:
        await call(world, realization.save_financial, me, part, item.item_id, "3 jt",
                   shown=None)  # the official saw no amount yet
    assert texts.keep_theirs_label(raised.value) == "↩️ Tetap Rp 2.000.000 (Staf Bina Marga)"
    assert (await _sheet(world)).financials[0].amount == 2_000_000, "nothing saved unasked"
    # Shown the colleague's amount, the official may change it without being asked again.
    await call(world, realization.save_financial, me, part, item.item_id, "3 jt",
               shown="2000000")
    assert (await _sheet(world)).financials[0].amount == 3_000_000


async def test_a_file_where_a_figure_is_asked_or_words_where_a_file_is_say_what_is_awaited(
        world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
    await bina_marga.press("Isi berikutnya")
    await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
    await bina_marga.send_document(sample_pdf("foto"), "foto.pdf", PDF)
    await bina_marga.wait_for_text(texts.EXPECTED_INPUT["realization.value"], TIMEOUT)
    assert (await _sheet(world)).indicators[0].value is None
    first = (await _sheet(world)).indicators[0]
    await bina_marga.send_text("10" if first.decimals == 0 else "10,5")
    await bina_marga.wait_for_text(texts.ASK_OBSTACLES, TIMEOUT)  # far under the target
    await bina_marga.send_document(sample_pdf("foto"), "foto.pdf", PDF)
    await bina_marga.wait_for_text(texts.EXPECTED_INPUT["realization.obstacles"], TIMEOUT)
    await bina_marga.send_text("Cuaca")
    await bina_marga.wait_for_text(texts.ASK_FOLLOW_UP, TIMEOUT)
    await bina_marga.send_text("Lembur")
    await bina_marga.wait_for_text("data dukung", TIMEOUT)
    await bina_marga.send_text("sudah saya kirim lewat WA pak")
    await bina_marga.wait_for_text(texts.EXPECTED_INPUT["realization.evidence"], TIMEOUT)
    await settle(world)
