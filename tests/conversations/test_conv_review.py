"""Step 7: the Kepala Dinas approves the report or returns it with a note, by button."""

from __future__ import annotations

import pytest

from bot import texts
from bot.domain import errors
from bot.domain.sop import StepKey
from bot.formatting import telegram_length
from standin.demo import World
from standin.files import tiny_png
from standin.models import SentMessage
from tests.clock import YEAR
from tests.conversations.conftest import (
    NAMES,
    TIMEOUT,
    begin,
    forward,
    next_reply,
    settle,
    with_text,
)

NOTE = "Foto progres jalan belum dilampirkan."
HEAD = NAMES["head"]
REPORT = f"Laporan-Hasil-Pengukuran-Kinerja-TW1-{YEAR}.xlsx"
RETURNED = "↩️ Dikembalikan untuk dilengkapi"


async def review_request(world: World) -> SentMessage:
    """A cycle at step 7: the review request the head received, with the report."""
    await forward(world, YEAR, 1, through=StepKey.FORWARD)
    return await world.people["head"].wait_for_text("Setujui untuk dijadikan", TIMEOUT)


async def return_to(world: World, *targets: str, note: str = NOTE) -> None:
    """↩️ Kembalikan, tick ``targets``, ✔️ Selesai, type the note."""
    head = world.people["head"]
    await head.press(texts.BTN_RETURN, await review_request(world))
    checklist = await head.wait_for_text(texts.ASK_RETURN_TARGETS, TIMEOUT)
    for target in targets:
        await head.press(target, checklist)
        await head.wait_for_answer()
    await head.press(texts.BTN_DONE, checklist)
    await head.wait_for_text(texts.ASK_RETURN_NOTE, TIMEOUT)
    await head.send_text(note)


async def test_approve_removes_the_buttons_and_starts_step8(world: World) -> None:
    head, secretary = world.people["head"], world.people["secretary"]
    review = await review_request(world)
    assert review.file_name == REPORT
    await head.press(texts.BTN_APPROVE, review)
    await head.wait_for_edit(review, lambda m: texts.APPROVED in m.content, TIMEOUT)
    assert review.buttons == []

    handoff = await secretary.wait_for_text("Langkah 8", TIMEOUT)
    assert handoff.file_name == REPORT
    notice = texts.decision_notice(True, YEAR, 1, HEAD, None, [])
    for key in ("team_lead", "team_member"):
        await world.people[key].wait_for_text(notice, TIMEOUT)


async def test_old_decision_buttons_change_nothing_after_approval(world: World) -> None:
    head, secretary = world.people["head"], world.people["secretary"]
    review = await review_request(world)
    stale = dict(review.buttons[0])
    await head.press(texts.BTN_APPROVE, review)
    await secretary.wait_for_text("Langkah 8", TIMEOUT)

    refusal = texts.error_message(errors.StepNotActive(step=7))
    for button in (texts.BTN_APPROVE, texts.BTN_RETURN):
        data = stale[button]
        assert data is not None
        refused_before = len(with_text(head, refusal))
        answer = await head.wait_for_answer(await head.press_stale(data, review))
        await settle(world)
        told = answer.answer_text == texts.ALREADY_HANDLED
        assert told or len(with_text(head, refusal)) == refused_before + 1, button
    assert len(with_text(secretary, "Langkah 8")) == 1, "no second step-8 hand-off"
    assert not with_text(head, texts.ASK_RETURN_TARGETS)
    assert len(with_text(head, texts.APPROVED)) == 1


async def test_return_without_a_target_alerts_and_stays(world: World) -> None:
    head = world.people["head"]
    await head.press(texts.BTN_RETURN, await review_request(world))
    checklist = await head.wait_for_text(texts.ASK_RETURN_TARGETS, TIMEOUT)
    assert checklist.button_labels == [
        "▫️ Sekretariat", "▫️ Bina Marga", "▫️ Cipta Karya", "▫️ Tata Ruang", "▫️ Tim SAKIP",
        texts.BTN_DONE, texts.BTN_CANCEL]
    answer = await head.wait_for_answer(await head.press(texts.BTN_DONE, checklist))
    assert answer.answer_text == texts.NO_RETURN_TARGET and answer.show_alert
    await settle(world)
    assert not with_text(head, texts.ASK_RETURN_NOTE)

    await head.press("Bina Marga", checklist)
    await head.wait_for_edit(checklist, lambda m: "☑️ Bina Marga" in m.button_labels, TIMEOUT)
    await head.press(texts.BTN_DONE, checklist)
    await head.wait_for_text(texts.ASK_RETURN_NOTE, TIMEOUT)


async def test_a_blank_note_is_refused_and_asked_again(world: World) -> None:
    head = world.people["head"]
    await return_to(world, "Bina Marga", note="   ")
    refusal = await next_reply(head)
    assert refusal.content == texts.error_message(errors.InvalidInput(reason="note_required"))
    await head.send_text(NOTE)
    await head.wait_for_text(texts.returned(["Bina Marga"]), TIMEOUT)


async def test_a_photo_instead_of_the_note_asks_for_text(world: World) -> None:
    head = world.people["head"]
    await head.press(texts.BTN_RETURN, await review_request(world))
    checklist = await head.wait_for_text(texts.ASK_RETURN_TARGETS, TIMEOUT)
    await head.press("Bina Marga", checklist)
    await head.wait_for_answer()
    await head.press(texts.BTN_DONE, checklist)
    await head.wait_for_text(texts.ASK_RETURN_NOTE, TIMEOUT)
    await head.send_photo(tiny_png())
    assert (await next_reply(head)).content == texts.EXPECT_TEXT


async def test_return_to_the_team_reopens_step5_with_the_note(world: World) -> None:
    team = [world.people["team_lead"], world.people["team_member"]]
    await return_to(world, "Tim SAKIP")
    await world.people["head"].wait_for_text(texts.returned(["Tim SAKIP"]), TIMEOUT)

    for member in team:
        handoff = await member.wait_for_text(RETURNED, TIMEOUT)
        assert "Langkah 5" in handoff.content and f"📝 Catatan: {NOTE}" in handoff.content
    notice = texts.decision_notice(False, YEAR, 1, HEAD, NOTE, ["Tim SAKIP"])
    await world.people["secretary"].wait_for_text(notice, TIMEOUT)
    await settle(world)
    for key in ("bina_marga", "cipta_karya", "tata_ruang"):
        assert not with_text(world.people[key], RETURNED), key

    lead = team[0]
    await begin(lead, RETURNED)
    preview = await lead.wait_for_text("Kelengkapan", TIMEOUT)
    await lead.press(texts.CONFIRM_LABELS[StepKey.COMPILE], preview)
    await lead.wait_for_text(texts.STEP_DONE[StepKey.COMPILE], TIMEOUT)
    secretary = world.people["secretary"]
    await world.standin.wait_until(lambda: len(with_text(secretary, "Langkah 6")) == 2,
                                   TIMEOUT, "a second step-6 hand-off")
    again = with_text(secretary, "Langkah 6")[-1]
    assert (again.file_name or "").startswith(f"Laporan-Hasil-Pengukuran-Kinerja-TW1-{YEAR}")


async def test_return_to_two_divisions_reaches_only_them(world: World) -> None:
    await return_to(world, "Bina Marga", "Cipta Karya")
    await world.people["head"].wait_for_text(texts.returned(["Bina Marga", "Cipta Karya"]),
                                             TIMEOUT)
    for key, division in (("bina_marga", "Bina Marga"), ("cipta_karya", "Cipta Karya")):
        handoff = await world.people[key].wait_for_text(RETURNED, TIMEOUT)
        assert f"Langkah 4: Pengisian realisasi dan data dukung — {division}" in handoff.content
        assert f"📝 Catatan: {NOTE}" in handoff.content
        assert handoff.file_name == f"Format-Realisasi-TW1-{YEAR}-{division}.xlsx"
    notice = texts.decision_notice(False, YEAR, 1, HEAD, NOTE, ["Bina Marga", "Cipta Karya"])
    await world.people["team_lead"].wait_for_text(notice, TIMEOUT)
    await settle(world)
    for key in ("tata_ruang", "secretary", "team_lead"):
        assert not with_text(world.people[key], RETURNED), key

    # The returned part opens with the note and what was submitted the first time.
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, RETURNED)
    await bina_marga.wait_for_text(f"↩️ Catatan pengembalian: {NOTE}", TIMEOUT)
    summary = await bina_marga.wait_for_text("📋 Ringkasan isian", TIMEOUT)
    assert "Realisasi Bina Marga: 90%" in summary.content


@pytest.mark.parametrize("note", [
    "Mohon lengkapi foto progres fisik ruas Padang-Solok beserta berita acara. " * 54,
    "📷 " * 30 + "Lengkapi foto. " * 40,  # under 1.024 characters, over 1.024 UTF-16 units
], ids=["long", "emoji"])
async def test_a_long_note_still_reaches_everyone(world: World, note: str) -> None:
    assert telegram_length(note) <= 4096, "a note the head can send in one message"
    bina_marga = world.people["bina_marga"]
    await return_to(world, "Bina Marga", note=note)
    first = await bina_marga.wait_for_text(RETURNED, TIMEOUT)
    before = next(i for i, m in enumerate(bina_marga.messages)
                  if m.message_id == first.message_id)
    last = await bina_marga.wait_for_message(
        lambda m: texts.BTN_BEGIN in m.button_labels, TIMEOUT, after=before)
    received = "\n".join(m.content for m in bina_marga.messages[before:])
    assert RETURNED in received and note.strip()[:200] in received
    form = bina_marga.messages[before - 1]  # the file goes first when the text is too long
    assert form.file_name == f"Format-Realisasi-TW1-{YEAR}-Bina Marga.xlsx"
    assert last.button_labels == [texts.BTN_BEGIN] or texts.BTN_BEGIN in last.button_labels
    notice_to = world.people["team_lead"]
    await notice_to.wait_for_text(note.strip()[:100], TIMEOUT)
    await settle(world)


async def test_opened_from_tugas_the_request_comes_with_the_report(world: World) -> None:
    first = await review_request(world)
    head = world.people["head"]
    before = len(head.messages)
    await head.send_command("tugas")
    listing = await head.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await head.press("▶️ Langkah 7", listing)
    again = await head.wait_for_message(
        lambda m: "Setujui untuk dijadikan" in m.content, TIMEOUT, after=before)
    assert again.file_name == first.file_name == REPORT
    assert again.button_labels == [texts.BTN_APPROVE, texts.BTN_RETURN]
    await head.press(texts.BTN_APPROVE, again)
    await head.wait_for_edit(again, lambda m: texts.APPROVED in m.content, TIMEOUT)
    await world.people["secretary"].wait_for_text("Langkah 8", TIMEOUT)
