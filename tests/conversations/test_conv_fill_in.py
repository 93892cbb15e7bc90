"""Step 4: the Sekretariat and each Bidang fill in their part, save as they go, then submit."""

from __future__ import annotations

from bot import texts
from bot.callbacks import Action, data
from bot.domain import errors
from bot.domain.sop import StepKey
from bot.services import fill_in, tasks
from standin.demo import World
from standin.demo_scenario import sample_pdf
from standin.files import tiny_png
from standin.models import SentMessage
from tests.clock import YEAR
from tests.conversations.conftest import (
    PDF,
    TIMEOUT,
    begin,
    call,
    fill_part,
    forward,
    next_reply,
    run_id,
    settle,
    uid,
    with_text,
)

FIGURES = "Realisasi kinerja Bina Marga: 87,5%\nRealisasi keuangan: Rp 1.250.000"
EVIDENCE = "Data-Dukung-Bina-Marga.pdf"


async def open_part(world: World, key: str = "bina_marga") -> SentMessage:
    """A cycle at step 4; the official presses ▶️ Mulai and sees the summary of the part."""
    await forward(world, YEAR, 1, through=StepKey.PREPARE_FORMS)
    official = world.people[key]
    await begin(official, "Langkah 4")
    return await official.wait_for_text("📋 Ringkasan isian", TIMEOUT)


async def submit(world: World, key: str = "bina_marga") -> SentMessage:
    """📤 Serahkan, then ✅ Ya, lanjutkan; returns the bot's answer to the confirmation."""
    official = world.people[key]
    await official.press(texts.BTN_SUBMIT)
    confirm = await official.wait_for_text(texts.CONFIRM_SUBMIT, TIMEOUT)
    await official.press(texts.BTN_CONFIRM, confirm)
    return await next_reply(official)


async def test_division_fills_in_and_submits_its_part(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    summary = await open_part(world)
    assert summary.content == texts.fill_in_summary("Bina Marga", None, [])
    assert summary.button_labels == [texts.BTN_SUBMIT, "📋 Ringkasan", texts.BTN_CANCEL]

    await bina_marga.send_text(FIGURES)
    await bina_marga.wait_for_text(texts.FIGURES_SAVED, TIMEOUT)
    pdf = sample_pdf("Data dukung")
    await bina_marga.send_document(pdf, EVIDENCE, PDF)
    await bina_marga.wait_for_text(texts.EVIDENCE_SAVED.format(name=EVIDENCE), TIMEOUT)

    await bina_marga.press(texts.BTN_SUBMIT)
    confirm = await bina_marga.wait_for_text(texts.CONFIRM_SUBMIT, TIMEOUT)
    assert texts.fill_in_summary("Bina Marga", FIGURES, [(EVIDENCE, len(pdf))]) in confirm.content
    await bina_marga.press(texts.BTN_CONFIRM, confirm)
    await bina_marga.wait_for_text(texts.part_done("Bina Marga"), TIMEOUT)

    notice = texts.part_submitted("Bina Marga", 1, 4, YEAR, 1)
    for key in ("team_lead", "team_member"):
        await world.people[key].wait_for_text(notice, TIMEOUT)
    await bina_marga.send_command("tugas")
    await bina_marga.wait_for_text(texts.NO_TASKS, TIMEOUT)


async def test_progress_notice_counts_the_submitted_parts(world: World) -> None:
    await open_part(world)
    await fill_part(world, "secretary", "Sekretariat")
    lead = world.people["team_lead"]
    await lead.wait_for_text(texts.part_submitted("Sekretariat", 1, 4, YEAR, 1), TIMEOUT)

    bina_marga = world.people["bina_marga"]
    await bina_marga.send_text(FIGURES)
    await bina_marga.wait_for_text(texts.FIGURES_SAVED, TIMEOUT)
    await bina_marga.send_document(sample_pdf("Data dukung"), EVIDENCE, PDF)
    await bina_marga.wait_for_text("Data dukung tersimpan", TIMEOUT)
    assert (await submit(world)).content == texts.part_done("Bina Marga")
    await lead.wait_for_text(texts.part_submitted("Bina Marga", 2, 4, YEAR, 1), TIMEOUT)


async def test_figures_are_saved_at_once_and_survive_cancel(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await open_part(world)
    await bina_marga.send_text("Realisasi: 50%")
    await bina_marga.wait_for_text(texts.FIGURES_SAVED, TIMEOUT)
    await bina_marga.send_text(FIGURES)  # a second text replaces the first
    await bina_marga.wait_for_text(texts.FIGURES_SAVED, TIMEOUT)
    await bina_marga.send_command("batal")
    await bina_marga.wait_for_text(texts.CANCELLED, TIMEOUT)

    await bina_marga.send_command("tugas")
    listing = await bina_marga.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await bina_marga.press("▶️ Langkah 4 — Bina Marga", listing)
    summary = await bina_marga.wait_for_text("📋 Ringkasan isian", TIMEOUT)
    assert summary.content == texts.fill_in_summary("Bina Marga", FIGURES, [])


async def test_evidence_is_saved_and_the_same_file_only_once(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await open_part(world)
    pdf = sample_pdf("Data dukung")
    await bina_marga.send_document(pdf, EVIDENCE, PDF)
    await bina_marga.wait_for_text(texts.EVIDENCE_SAVED.format(name=EVIDENCE), TIMEOUT)
    await bina_marga.send_document(pdf, EVIDENCE, PDF)
    again = await next_reply(bina_marga)
    assert again.content == texts.EVIDENCE_DUPLICATE.format(name=EVIDENCE)

    photo = tiny_png()
    await bina_marga.send_photo(photo, caption="Foto progres jalan")
    saved = await bina_marga.wait_for_text("Data dukung tersimpan: foto-", TIMEOUT)
    photo_name = saved.content.split("tersimpan: ")[1].split(". Kirim")[0]

    await bina_marga.press("📋 Ringkasan")
    summary = await bina_marga.wait_for_text("📋 Ringkasan isian", TIMEOUT)
    expected = [(EVIDENCE, len(pdf)), (photo_name, len(photo))]
    assert summary.content == texts.fill_in_summary("Bina Marga", None, expected)


async def test_a_refused_file_type_is_not_kept(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await open_part(world)
    await bina_marga.send_document(b"MZ\x90\x00", "realisasi.exe", "application/x-msdownload")
    assert (await next_reply(bina_marga)).content == texts.FILE_TYPE_REFUSED
    part = await call(world, fill_in.open_part, await uid(world, "bina_marga"),
                      await run_id(world, "bina_marga", StepKey.FILL_IN))
    assert part.evidence == []


async def test_submitting_without_evidence_is_refused(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await open_part(world)
    await bina_marga.send_text(FIGURES)
    await bina_marga.wait_for_text(texts.FIGURES_SAVED, TIMEOUT)
    refusal = await submit(world)
    assert refusal.content == texts.error_message(
        errors.InvalidInput(reason="evidence_required"))


async def test_an_incomplete_part_stays_open_and_keeps_its_figures(world: World) -> None:
    """What holds despite the refusal bug above: nothing is submitted and nothing is lost."""
    bina_marga = world.people["bina_marga"]
    await open_part(world)
    await bina_marga.send_text(FIGURES)
    await bina_marga.wait_for_text(texts.FIGURES_SAVED, TIMEOUT)
    await submit(world)
    await settle(world)
    assert not with_text(bina_marga, texts.part_done("Bina Marga"))
    assert not with_text(world.people["team_lead"], "telah menyerahkan")
    run = await run_id(world, "bina_marga", StepKey.FILL_IN)  # still an open task
    part = await call(world, fill_in.open_part, await uid(world, "bina_marga"), run)
    assert part.figures == FIGURES


async def test_after_a_refused_submit_the_missing_evidence_can_be_sent(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await open_part(world)
    await bina_marga.send_text(FIGURES)
    await bina_marga.wait_for_text(texts.FIGURES_SAVED, TIMEOUT)
    await submit(world)
    await settle(world)
    await bina_marga.send_document(sample_pdf("Data dukung"), EVIDENCE, PDF)
    reply = await next_reply(bina_marga)
    assert reply.content == texts.EVIDENCE_SAVED.format(name=EVIDENCE)


async def _foreign_begin(world: World) -> None:
    """Bina Marga replays the ▶️ Mulai callback of Cipta Karya's part on its own hand-off."""
    await forward(world, YEAR, 1, through=StepKey.PREPARE_FORMS)
    bina_marga = world.people["bina_marga"]
    own = await bina_marga.wait_for_text("Langkah 4", TIMEOUT)
    foreign = await run_id(world, "cipta_karya", StepKey.FILL_IN, "Cipta Karya")
    await bina_marga.press_stale(data(Action.BEGIN, StepKey.FILL_IN, foreign), own)


async def test_a_division_cannot_open_another_divisions_part(world: World) -> None:
    await _foreign_begin(world)
    refusal = await next_reply(world.people["bina_marga"])
    assert refusal.content == texts.error_message(errors.NotAllowed(step=4))


async def test_another_divisions_part_stays_untouched(world: World) -> None:
    """What holds despite the refusal bug above: the foreign part is neither opened nor changed."""
    await _foreign_begin(world)
    bina_marga = world.people["bina_marga"]
    await next_reply(bina_marga)
    await bina_marga.send_text("Realisasi Cipta Karya: 10%")
    assert (await next_reply(bina_marga)).content == texts.UNKNOWN_INPUT
    cipta_karya = await uid(world, "cipta_karya")
    part = await call(world, fill_in.open_part, cipta_karya,
                      await run_id(world, "cipta_karya", StepKey.FILL_IN))
    assert part.figures is None and part.evidence == []
    assert len(await call(world, tasks.open_tasks, cipta_karya)) == 1
