"""Steps 3, 5, 6, 8 and 9: read the step and its Kelengkapan, maybe attach a file, confirm."""

from __future__ import annotations

from bot import texts
from bot.domain import errors
from bot.domain.sop import STEP_BY_KEY, StepKey
from bot.services import fill_in, tasks
from standin.demo import World
from standin.demo_scenario import PARTS
from standin.files import tiny_png
from standin.models import SentMessage
from tests.clock import YEAR
from tests.conversations.conftest import (
    TIMEOUT,
    begin,
    call,
    fill_part,
    forward,
    next_reply,
    settle,
    uid,
    upload,
    with_text,
)

DIVISIONS = [division for _, division in PARTS]
REPORT = f"Laporan-Hasil-Pengukuran-Kinerja-TW1-{YEAR}.xlsx"
FINAL = f"Realisasi-Rencana-Aksi-TW1-{YEAR}.pdf"  # the file uploaded to ESR


async def open_step(world: World, key: str, step: StepKey) -> SentMessage:
    """Press ▶️ Mulai on the hand-off of ``step``; returns the step's preview."""
    user = world.people[key]
    number = STEP_BY_KEY[step].number
    await begin(user, f"Langkah {number}")
    return await user.wait_for_text(STEP_BY_KEY[step].title, TIMEOUT)


async def confirm(world: World, key: str, step: StepKey, preview: SentMessage) -> None:
    user = world.people[key]
    await user.press(texts.CONFIRM_LABELS[step], preview)
    await user.wait_for_text(texts.STEP_DONE[step], TIMEOUT)


def kelengkapan(*names: str) -> str:
    return "📂 Kelengkapan:\n" + "\n".join(f"• {name}" for name in names)


async def test_step3_lists_the_forms_and_hands_each_part_its_form(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    preview = await open_step(world, "team_lead", StepKey.PREPARE_FORMS)
    assert kelengkapan("Notulen Rapat") in preview.content
    assert "Format yang akan dibuat" in preview.content
    assert all(f"\n• {division}" in preview.content for division in DIVISIONS)
    assert preview.button_labels == [texts.CONFIRM_LABELS[StepKey.PREPARE_FORMS],
                                     texts.BTN_CANCEL]

    await confirm(world, "team_lead", StepKey.PREPARE_FORMS, preview)
    assert preview.buttons == []
    for key, division in PARTS:
        handoff = await world.people[key].wait_for_text("Langkah 4", TIMEOUT)
        assert handoff.file_name == f"Format-Realisasi-TW1-{YEAR}-{division}.xlsx"
        assert f"— {division}" in handoff.content


async def test_pressing_confirm_twice_completes_the_step_once(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    lead = world.people["team_lead"]
    preview = await open_step(world, "team_lead", StepKey.PREPARE_FORMS)
    ok = next(data for label, data in preview.buttons[0]
              if label == texts.CONFIRM_LABELS[StepKey.PREPARE_FORMS])
    assert ok is not None
    await confirm(world, "team_lead", StepKey.PREPARE_FORMS, preview)

    answer = await lead.wait_for_answer(await lead.press_stale(ok, preview))
    assert answer.answer_text == texts.ALREADY_HANDLED
    await settle(world)
    assert len(with_text(world.people["bina_marga"], "Langkah 4")) == 1
    assert len(with_text(lead, texts.STEP_DONE[StepKey.PREPARE_FORMS])) == 1


async def test_second_team_member_pressing_mulai_after_the_first_finished_is_told(
    world: World,
) -> None:
    """Both Tim SAKIP members get the step-3 hand-off; one completes it, the other is late."""
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    preview = await open_step(world, "team_lead", StepKey.PREPARE_FORMS)
    await confirm(world, "team_lead", StepKey.PREPARE_FORMS, preview)

    member = world.people["team_member"]
    await begin(member, "Langkah 3")
    refusal = await next_reply(member)
    assert refusal.content == texts.error_message(errors.StepNotActive(step=3))


async def test_step5_shows_each_part_and_sends_the_report_to_the_secretary(
    world: World,
) -> None:
    await forward(world, YEAR, 1, through=StepKey.PREPARE_FORMS)
    for key, division in PARTS:
        run = await fill_part(world, key, division, submit=False)
        if division == "Bina Marga":
            await call(world, fill_in.add_evidence, await uid(world, key), run,
                       upload("Foto-Jalan.pdf"))
        await call(world, fill_in.submit_part, await uid(world, key), run)

    preview = await open_step(world, "team_lead", StepKey.COMPILE)
    assert kelengkapan("Draf Realisasi Rencana Aksi Akuntabilitas Kinerja",
                       "Lampiran Data Dukung") in preview.content
    for division in DIVISIONS:
        count = 2 if division == "Bina Marga" else 1
        assert texts.completeness_line(division, True, count) in preview.content

    await confirm(world, "team_lead", StepKey.COMPILE, preview)
    handoff = await world.people["secretary"].wait_for_text("Langkah 6", TIMEOUT)
    assert handoff.file_name == REPORT
    # The press was answered at once, before the report was built and the step completed.
    lead = world.people["team_lead"]
    events = [e for e in world.standin.transcript if e.chat_id == lead.id and not e.to_bot]
    working = next(i for i, e in enumerate(events)
                   if e.kind == "answer" and e.text == texts.BUILDING)
    done = next(i for i, e in enumerate(events)
                if e.text and texts.STEP_DONE[StepKey.COMPILE] in e.text)
    assert working < done


async def test_step6_forwards_the_report_to_the_head_for_review(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.COMPILE)
    secretary = world.people["secretary"]
    preview = await open_step(world, "secretary", StepKey.FORWARD)
    assert kelengkapan("Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan") in (
        preview.content)

    # ✖️ Batal leaves the step waiting; /tugas brings it back.
    await secretary.press(texts.BTN_CANCEL, preview)
    await secretary.wait_for_text(texts.CANCELLED, TIMEOUT)
    assert preview.buttons == []
    await secretary.send_command("tugas")
    listing = await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await secretary.press("▶️ Langkah 6", listing)
    again = await secretary.wait_for_text(STEP_BY_KEY[StepKey.FORWARD].title, TIMEOUT)

    await confirm(world, "secretary", StepKey.FORWARD, again)
    review = await world.people["head"].wait_for_text("Setujui untuk dijadikan", TIMEOUT)
    assert review.file_name == REPORT
    assert review.button_labels == [texts.BTN_APPROVE, texts.BTN_RETURN]
    assert texts.review_summary([(d, 1) for d in DIVISIONS]) in review.content


async def test_step8_sends_the_final_report_to_planning_and_the_head(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.REVIEW)
    preview = await open_step(world, "secretary", StepKey.FINAL_REPORT)
    assert kelengkapan("Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan") in (
        preview.content)
    await confirm(world, "secretary", StepKey.FINAL_REPORT, preview)

    handoff = await world.people["planning"].wait_for_text("Langkah 9", TIMEOUT)
    assert handoff.file_name == FINAL
    notice = await world.people["head"].wait_for_text(
        texts.final_report_notice(YEAR, 1, "Dra. RINA MARLINA, M.Si"), TIMEOUT)
    assert notice.file_name == FINAL


async def test_step9_takes_a_screenshot_and_archives_the_cycle(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.FINAL_REPORT)
    planning = world.people["planning"]
    preview = await open_step(world, "planning", StepKey.ESR_UPLOAD)
    assert texts.ESR_CHECKLIST in preview.content
    assert kelengkapan("Realisasi Rencana Aksi Akuntabilitas Kinerja (final)") in preview.content
    assert texts.BTN_ATTACH in preview.button_labels

    # ⬅️ Kembali from the attachment prompt shows the step again, nothing attached.
    await planning.press(texts.BTN_ATTACH, preview)
    ask = await planning.wait_for_text(texts.ASK_ATTACHMENT, TIMEOUT)
    assert ask.button_labels == [texts.BTN_BACK]
    await planning.press(texts.BTN_BACK, ask)
    again = await planning.wait_for_text(STEP_BY_KEY[StepKey.ESR_UPLOAD].title, TIMEOUT)
    assert "📎 Tersimpan" not in again.content

    await planning.press(texts.BTN_ATTACH, again)
    await planning.wait_for_text(texts.ASK_ATTACHMENT, TIMEOUT)
    await planning.send_document(b"MZ", "bukti.exe", "application/x-msdownload")
    assert (await next_reply(planning)).content == texts.FILE_TYPE_REFUSED
    screenshot = tiny_png(rgb=(0, 0, 200))
    await planning.send_photo(screenshot, caption="Bukti unggah ESR")
    shown = await planning.wait_for_text(STEP_BY_KEY[StepKey.ESR_UPLOAD].title, TIMEOUT)
    assert f"({len(screenshot)} B)." in shown.content and "📎 Tersimpan: foto-" in shown.content

    await confirm(world, "planning", StepKey.ESR_UPLOAD, shown)
    notice = texts.archived_notice(YEAR, 1, "YULIA SARI, SE")
    for key in ("head", "secretary", "team_lead", "team_member"):
        await world.people[key].wait_for_text(notice, TIMEOUT)
    status = await call(world, tasks.cycle_status, await uid(world, "head"))
    assert [(c.year, c.quarter, c.archived) for c in status] == [(YEAR, 1, True)]
