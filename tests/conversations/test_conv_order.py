"""Step 1: the Kepala Dinas opens a cycle with /mulai and issues the Nota Kepala Dinas."""

from __future__ import annotations

from bot import texts
from bot.domain import errors
from bot.domain.sop import StepKey
from bot.services import tasks
from standin.demo import World
from standin.demo_scenario import sample_pdf
from tests.clock import YEAR
from tests.conversations.conftest import (
    PDF,
    TIMEOUT,
    call,
    forward,
    next_reply,
    settle,
    uid,
    with_text,
)
from tests.pdf_reading import pdf_text

ANALYSIS = "Analisa-Data-Kinerja.pdf"


async def open_cycle(world: World, quarter_button: str = "TW II") -> None:
    """/mulai, this year, the given quarter: the head is asked for the analysis report."""
    head = world.people["head"]
    await head.send_command("mulai")
    await head.wait_for_text(texts.ASK_YEAR, TIMEOUT)
    await head.press(str(YEAR))
    await head.wait_for_text(texts.ASK_QUARTER, TIMEOUT)
    await head.press(quarter_button)


async def test_only_the_head_may_start_a_cycle(world: World) -> None:
    refusal = texts.error_message(errors.NotAllowed(step=1))
    for key in ("secretary", "team_lead", "bina_marga", "planning"):
        official = world.people[key]
        await official.send_command("mulai")
        reply = await next_reply(official)
        assert (reply.content, reply.buttons) == (refusal, []), key
    assert await call(world, tasks.cycle_status, await uid(world, "head")) == []


async def test_head_opens_a_cycle_and_issues_the_memo(world: World) -> None:
    head, secretary = world.people["head"], world.people["secretary"]
    await head.send_command("mulai")
    ask_year = await head.wait_for_text(texts.ASK_YEAR, TIMEOUT)
    assert ask_year.button_labels == [str(YEAR - 1), str(YEAR), texts.BTN_CANCEL]

    await head.press(str(YEAR), ask_year)
    ask_quarter = await head.wait_for_text(texts.ASK_QUARTER, TIMEOUT)
    assert ask_year.buttons == [], "a used choice cannot be pressed again"
    assert ask_quarter.button_labels == ["TW I", "TW II", "TW III", "TW IV", texts.BTN_CANCEL]

    await head.press("TW II", ask_quarter)
    await head.wait_for_text(texts.cycle_started(YEAR, 2), TIMEOUT)
    ask_file = await head.wait_for_text(texts.ASK_ANALYSIS, TIMEOUT)
    assert texts.BTN_REUSE_PREVIOUS not in ask_file.button_labels, "there is no earlier cycle"

    data = sample_pdf("Analisa Data Kinerja")
    await head.send_document(data, ANALYSIS, PDF)
    await head.wait_for_text(texts.attachment_saved(ANALYSIS, len(data)), TIMEOUT)
    confirm = await head.wait_for_text(texts.confirm_memo(YEAR, 2, ANALYSIS), TIMEOUT)
    await head.press(texts.BTN_CONFIRM, confirm)
    await head.wait_for_text(texts.memo_issued(YEAR, 2), TIMEOUT)

    handoff = await secretary.wait_for_text("Langkah 2", TIMEOUT)
    assert handoff.file_name == f"Nota-Kepala-Dinas-TW2-{YEAR}.pdf"
    assert ANALYSIS in pdf_text(handoff.file_bytes or b"")
    assert texts.BTN_BEGIN in handoff.button_labels


async def test_a_second_cycle_for_the_same_period_is_refused(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ESR_UPLOAD)
    await forward(world, YEAR, 2, through=StepKey.ORDER)
    await settle(world)
    head = world.people["head"]
    for quarter, button, status in ((2, "TW II", "open"), (1, "TW I", "archived")):
        await open_cycle(world, button)
        refusal = await next_reply(head)
        assert refusal.content == texts.error_message(
            errors.CycleExists(year=YEAR, quarter=quarter, status=status))
    cycles = await call(world, tasks.cycle_status, await uid(world, "head"))
    assert [(c.year, c.quarter) for c in cycles] == [(YEAR, 2)], "no other cycle was opened"


async def test_after_a_refused_period_the_head_can_pick_another_quarter(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    head = world.people["head"]
    await open_cycle(world, "TW I")
    await next_reply(head)
    await settle(world)
    await head.press("TW II")  # ButtonNotFound: no quarter button is left on screen
    await head.wait_for_text(texts.cycle_started(YEAR, 2), TIMEOUT)


async def test_wrong_input_for_the_analysis_report_is_refused_and_asked_again(
    world: World,
) -> None:
    head = world.people["head"]
    await open_cycle(world)
    await head.wait_for_text(texts.ASK_ANALYSIS, TIMEOUT)
    await head.send_text("laporannya menyusul ya")
    assert (await next_reply(head)).content == texts.EXPECT_FILE
    await head.send_document(b"MZ\x90\x00not really a program", "laporan.exe",
                             "application/x-msdownload")
    assert (await next_reply(head)).content == texts.FILE_TYPE_REFUSED

    # The flow is still waiting for the file: a proper one is taken.
    await head.send_document(sample_pdf("Analisa"), ANALYSIS, PDF)
    await head.wait_for_text(texts.confirm_memo(YEAR, 2, ANALYSIS), TIMEOUT)


async def test_previous_quarter_report_can_be_reused(world: World) -> None:
    await forward(world, YEAR - 1, 4, through=StepKey.COMPILE)
    head, secretary = world.people["head"], world.people["secretary"]
    await open_cycle(world, "TW I")
    ask = await head.wait_for_text(texts.ASK_ANALYSIS_OR_PREVIOUS, TIMEOUT)
    await head.press(texts.BTN_REUSE_PREVIOUS, ask)

    previous = f"Laporan-Hasil-Pengukuran-Kinerja-TW4-{YEAR - 1}.xlsx"
    confirm = await head.wait_for_text(texts.confirm_memo(YEAR, 1, previous), TIMEOUT)
    assert ask.buttons == []
    await head.press(texts.BTN_CONFIRM, confirm)
    await head.wait_for_text(texts.memo_issued(YEAR, 1), TIMEOUT)
    handoff = await secretary.wait_for_text(f"Triwulan I Tahun {YEAR}", TIMEOUT)
    assert "Langkah 2" in handoff.content
    assert previous in pdf_text(handoff.file_bytes or b"")


async def test_cancelled_order_is_listed_in_tugas_and_resumes(world: World) -> None:
    head = world.people["head"]
    await open_cycle(world)
    await head.wait_for_text(texts.ASK_ANALYSIS, TIMEOUT)
    await head.send_command("batal")
    await head.wait_for_text(texts.CANCELLED, TIMEOUT)

    await head.send_command("tugas")
    listing = await head.wait_for_text(texts.tasks_header(1), TIMEOUT)
    assert f"Triwulan II Tahun {YEAR}: Langkah 1. Perintah pengukuran kinerja" in listing.content
    await head.press("▶️ Langkah 1", listing)
    await head.wait_for_text(texts.ASK_ANALYSIS, TIMEOUT)
    await head.send_document(sample_pdf("Analisa"), ANALYSIS, PDF)
    confirm = await head.wait_for_text(texts.confirm_memo(YEAR, 2, ANALYSIS), TIMEOUT)
    await head.press(texts.BTN_CONFIRM, confirm)
    await head.wait_for_text(texts.memo_issued(YEAR, 2), TIMEOUT)
    await head.send_command("tugas")
    await head.wait_for_text(texts.NO_TASKS, TIMEOUT)


async def test_uploaded_report_is_kept_across_cancel_and_mulai(world: World) -> None:
    head = world.people["head"]
    await open_cycle(world)
    await head.wait_for_text(texts.ASK_ANALYSIS, TIMEOUT)
    await head.send_document(sample_pdf("Analisa"), ANALYSIS, PDF)
    await head.wait_for_text(texts.confirm_memo(YEAR, 2, ANALYSIS), TIMEOUT)
    await head.send_command("batal")
    await head.wait_for_text(texts.CANCELLED, TIMEOUT)

    # /mulai resumes the unfinished cycle instead of asking the year again.
    await head.send_command("mulai")
    confirm = await head.wait_for_text(texts.confirm_memo(YEAR, 2, ANALYSIS), TIMEOUT)
    assert not with_text(head, texts.ASK_YEAR)[1:], "the year was not asked a second time"
    await head.press(texts.BTN_CONFIRM, confirm)
    await head.wait_for_text(texts.memo_issued(YEAR, 2), TIMEOUT)


async def test_a_wrong_analysis_report_is_replaced_by_sending_another(world: World) -> None:
    head, secretary = world.people["head"], world.people["secretary"]
    await open_cycle(world)
    await head.wait_for_text(texts.ASK_ANALYSIS, TIMEOUT)
    await head.send_document(sample_pdf("Salah"), "Laporan-Keliru.pdf", PDF)
    first = await head.wait_for_text(texts.confirm_memo(YEAR, 2, "Laporan-Keliru.pdf"), TIMEOUT)
    await head.send_document(sample_pdf("Benar"), ANALYSIS, PDF)
    confirm = await head.wait_for_text(texts.confirm_memo(YEAR, 2, ANALYSIS), TIMEOUT)
    assert confirm.message_id != first.message_id
    await head.press(texts.BTN_CONFIRM, confirm)
    handoff = await secretary.wait_for_text("Langkah 2", TIMEOUT)
    memo = pdf_text(handoff.file_bytes or b"")
    assert ANALYSIS in memo and "Laporan-Keliru" not in memo
