"""Step 2: the Sekretaris records the briefing with the Tim SAKIP as Notulen Rapat."""

from __future__ import annotations

from datetime import timedelta

from bot import texts
from bot.domain.sop import StepKey
from bot.formatting import date_long
from bot.services import drafts, identity
from standin.demo import World
from standin.demo_scenario import sample_pdf
from standin.files import tiny_png
from standin.models import SentMessage
from tests.clock import YEAR
from tests.conversations.conftest import (
    NAMES,
    PDF,
    TIMEOUT,
    begin,
    forward,
    next_reply,
    settle,
    today,
    with_text,
)
from tests.pdf_reading import pdf_text

LEAD, MEMBER, SECRETARY = NAMES["team_lead"], NAMES["team_member"], NAMES["secretary"]
DIRECTIONS = "1. Isi realisasi per indikator.\n2. Lampirkan data dukung."


async def start_briefing(world: World) -> SentMessage:
    """A cycle at step 2; the Sekretaris presses ▶️ Mulai and is asked the meeting date."""
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    secretary = world.people["secretary"]
    await begin(secretary, "Langkah 2")
    return await secretary.wait_for_text(texts.ASK_MEETING_DATE, TIMEOUT)


async def pick_attendees(world: World, *names: str, note_taker: str | None = None) -> None:
    """Tick ``names``; with more than one, ``note_taker`` (by default the last) minutes it."""
    secretary = world.people["secretary"]
    checklist = await secretary.wait_for_text(texts.ASK_ATTENDEES, TIMEOUT, after=0)
    for name in names:
        await secretary.press(name, checklist)
        await secretary.wait_for_answer()
    await secretary.press(texts.BTN_DONE, checklist)
    if len(names) > 1:
        ask = await secretary.wait_for_text(texts.ASK_NOTE_TAKER, TIMEOUT)
        assert ask.button_labels == [*names, texts.BTN_CANCEL]
        await secretary.press(note_taker or names[-1], ask)
        await secretary.wait_for_text(texts.note_taker_chosen(note_taker or names[-1]), TIMEOUT)
    await secretary.wait_for_text(texts.ASK_DIRECTIONS, TIMEOUT)


async def give_directions(world: World, directions: str) -> None:
    """Type the directions and skip the optional attachment."""
    secretary = world.people["secretary"]
    await secretary.send_text(directions)
    ask_file = await secretary.wait_for_text(texts.ASK_MINUTES_FILE, TIMEOUT)
    await secretary.press(texts.BTN_SKIP, ask_file)


async def test_secretary_records_the_briefing_and_the_team_gets_the_minutes(
    world: World,
) -> None:
    secretary = world.people["secretary"]
    ask_date = await start_briefing(world)
    assert ask_date.button_labels == [texts.BTN_TODAY, texts.BTN_YESTERDAY, texts.BTN_CANCEL]
    await secretary.press(texts.BTN_TODAY, ask_date)
    await pick_attendees(world, LEAD, MEMBER)
    await secretary.send_text(DIRECTIONS)
    ask_file = await secretary.wait_for_text(texts.ASK_MINUTES_FILE, TIMEOUT)
    await secretary.press(texts.BTN_SKIP, ask_file)

    summary = texts.confirm_minutes(date_long(today(world)), [LEAD, MEMBER], MEMBER, DIRECTIONS,
                                    None)
    confirm = await secretary.wait_for_text(summary, TIMEOUT)
    await secretary.press(texts.BTN_CONFIRM, confirm)
    await secretary.wait_for_text(texts.MINUTES_SAVED, TIMEOUT)

    for key in ("team_lead", "team_member"):
        handoff = await world.people[key].wait_for_text("Langkah 3", TIMEOUT)
        assert handoff.file_name == f"Notulen-Rapat-TW1-{YEAR}.pdf"
        minutes = " ".join(pdf_text(handoff.file_bytes or b"").split())
        assert LEAD in minutes and MEMBER in minutes
        # Chaired by the Sekretaris, who recorded it; minuted by the attendee chosen.
        signed = minutes[minutes.index("Pimpinan Rapat,"):]
        assert SECRETARY in signed and "Notulis," in signed and MEMBER in signed
        assert LEAD not in signed
        assert "Lampirkan data dukung." in minutes
        assert texts.BTN_BEGIN in handoff.button_labels


async def test_a_bad_typed_date_is_refused_and_asked_again(world: World) -> None:
    secretary = world.people["secretary"]
    ask_date = await start_briefing(world)
    tomorrow = (today(world) + timedelta(days=1)).strftime("%d-%m-%Y")
    for typed in ("31-02-2024", tomorrow, "kemarin sore"):
        await secretary.send_text(typed)
        assert (await next_reply(secretary)).content == texts.BAD_DATE, typed
    # Still at the date question: its buttons still work.
    await secretary.press(texts.BTN_YESTERDAY, ask_date)
    await pick_attendees(world, LEAD)
    await give_directions(world, DIRECTIONS)
    yesterday = date_long(today(world) - timedelta(days=1))
    await secretary.wait_for_text(f"📅 Tanggal: {yesterday}", TIMEOUT)


async def test_a_typed_date_is_taken(world: World) -> None:
    secretary = world.people["secretary"]
    await start_briefing(world)
    await secretary.send_text(f"2/1/{YEAR - 1}")  # a year too early: asked again
    refusal = await secretary.wait_for_text("terlalu jauh sebelum Nota", TIMEOUT)
    assert f"sejak {date_long(today(world) - timedelta(days=30))}" in refusal.content
    held = today(world) - timedelta(days=2)
    await secretary.send_text(held.strftime("%d/%m/%Y"))
    await pick_attendees(world, MEMBER)
    await give_directions(world, "Arahan singkat.")
    summary = texts.confirm_minutes(date_long(held), [MEMBER], MEMBER, "Arahan singkat.", None)
    await secretary.wait_for_text(summary, TIMEOUT)


async def test_done_without_an_attendee_alerts_and_stays(world: World) -> None:
    secretary = world.people["secretary"]
    ask_date = await start_briefing(world)
    await secretary.press(texts.BTN_TODAY, ask_date)
    checklist = await secretary.wait_for_text(texts.ASK_ATTENDEES, TIMEOUT)
    answer = await secretary.wait_for_answer(await secretary.press(texts.BTN_DONE, checklist))
    assert answer.answer_text == texts.NO_ATTENDEES
    assert answer.show_alert
    await settle(world)
    assert not with_text(secretary, texts.ASK_DIRECTIONS)
    assert texts.BTN_DONE in checklist.button_labels, "the checklist is still usable"
    await pick_attendees(world, LEAD)


async def test_toggling_an_attendee_redraws_the_checklist(world: World) -> None:
    secretary = world.people["secretary"]
    ask_date = await start_briefing(world)
    await secretary.press(texts.BTN_TODAY, ask_date)
    checklist = await secretary.wait_for_text(texts.ASK_ATTENDEES, TIMEOUT)
    assert f"▫️ {LEAD}" in checklist.button_labels
    assert f"▫️ {MEMBER}" in checklist.button_labels

    await secretary.press(LEAD, checklist)
    await secretary.wait_for_edit(checklist, lambda m: f"☑️ {LEAD}" in m.button_labels, TIMEOUT)
    assert f"▫️ {MEMBER}" in checklist.button_labels

    await secretary.press(LEAD, checklist)
    await secretary.wait_for_edit(checklist, lambda m: f"▫️ {LEAD}" in m.button_labels, TIMEOUT)
    answer = await secretary.wait_for_answer(await secretary.press(texts.BTN_DONE, checklist))
    assert answer.answer_text == texts.NO_ATTENDEES, "unticked again means nobody is chosen"


async def test_a_file_instead_of_directions_is_refused(world: World) -> None:
    secretary = world.people["secretary"]
    ask_date = await start_briefing(world)
    await secretary.press(texts.BTN_TODAY, ask_date)
    await pick_attendees(world, LEAD)
    await secretary.send_photo(tiny_png())
    assert (await next_reply(secretary)).content == texts.EXPECT_TEXT
    await secretary.send_text(DIRECTIONS)
    await secretary.wait_for_text(texts.ASK_MINUTES_FILE, TIMEOUT)


async def test_an_optional_attachment_goes_into_the_minutes(world: World) -> None:
    secretary, lead = world.people["secretary"], world.people["team_lead"]
    ask_date = await start_briefing(world)
    await secretary.press(texts.BTN_TODAY, ask_date)
    await pick_attendees(world, LEAD)
    await secretary.send_text(DIRECTIONS)
    await secretary.wait_for_text(texts.ASK_MINUTES_FILE, TIMEOUT)

    await secretary.send_document(b"MZ", "notulen.exe", "application/x-msdownload")
    assert (await next_reply(secretary)).content == texts.FILE_TYPE_REFUSED
    await secretary.send_document(sample_pdf("Daftar hadir"), "Daftar-Hadir.pdf", PDF)
    confirm = await secretary.wait_for_text("📎 Lampiran: Daftar-Hadir.pdf", TIMEOUT)
    await secretary.press(texts.BTN_CONFIRM, confirm)
    await secretary.wait_for_text(texts.MINUTES_SAVED, TIMEOUT)

    handoff = await lead.wait_for_text("Langkah 3", TIMEOUT)
    assert "Daftar-Hadir.pdf" in pdf_text(handoff.file_bytes or b"")


async def test_cancelled_and_resumed_the_minutes_keep_what_was_entered(world: World) -> None:
    secretary = world.people["secretary"]
    await secretary.press(texts.BTN_TODAY, await start_briefing(world))
    await pick_attendees(world, LEAD, MEMBER)
    await secretary.send_text(DIRECTIONS)
    await secretary.wait_for_text(texts.ASK_MINUTES_FILE, TIMEOUT)
    await secretary.send_command("batal")
    await secretary.wait_for_text(texts.CANCELLED, TIMEOUT)
    await secretary.send_command("tugas")
    listing = await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    await secretary.press("▶️ Langkah 2", listing)
    await secretary.wait_for_text(texts.BRIEFING_RESUMED, TIMEOUT)
    ask_file = await secretary.wait_for_message(
        lambda m: texts.ASK_MINUTES_FILE in m.content and texts.BTN_SKIP in m.button_labels,
        TIMEOUT, after=len(secretary.messages) - 1)
    await secretary.press(texts.BTN_SKIP, ask_file)
    summary = texts.confirm_minutes(date_long(today(world)), [LEAD, MEMBER], MEMBER, DIRECTIONS,
                                    None)
    await secretary.wait_for_text(summary, TIMEOUT)


async def test_minutes_saved_before_the_notulis_question_ask_only_for_the_notulis(
        world: World) -> None:
    """A draft kept from the release before the notulis was asked: date, attendees and
    directions are there. Resumed, only the notulis is asked, then the optional file."""
    secretary = world.people["secretary"]
    await secretary.press(texts.BTN_TODAY, await start_briefing(world))
    await pick_attendees(world, LEAD, MEMBER)
    await secretary.send_text(DIRECTIONS)
    await secretary.wait_for_text(texts.ASK_MINUTES_FILE, TIMEOUT)
    await secretary.send_command("batal")
    await secretary.wait_for_text(texts.CANCELLED, TIMEOUT)
    await settle(world)
    member = identity.whoami(world.services, secretary.id)
    assert member is not None
    saved = drafts.load(world.services, member.user_id, "briefing")
    assert saved["directions"] == DIRECTIONS and saved["note_taker"]
    drafts.clear(world.services, member.user_id, "briefing")
    drafts.update(world.services, member.user_id, "briefing",
                  **{k: v for k, v in saved.items() if k != "note_taker"})
    await secretary.send_command("tugas")
    listing = await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    asked = len(secretary.messages)
    await secretary.press("▶️ Langkah 2", listing)
    ask = await secretary.wait_for_text(texts.ASK_NOTE_TAKER, TIMEOUT, after=asked)
    await secretary.press(LEAD, ask)
    ask_file = await secretary.wait_for_message(
        lambda m: texts.ASK_MINUTES_FILE in m.content and texts.BTN_SKIP in m.button_labels,
        TIMEOUT, after=asked)
    assert not [m for m in secretary.messages[asked:] if m.content == texts.ASK_DIRECTIONS]
    await secretary.press(texts.BTN_SKIP, ask_file)
    summary = texts.confirm_minutes(date_long(today(world)), [LEAD, MEMBER], LEAD, DIRECTIONS,
                                    None)
    await secretary.wait_for_text(summary, TIMEOUT)


async def test_a_meeting_on_a_sunday_is_taken_with_a_word(world: World) -> None:
    secretary = world.people["secretary"]
    await start_briefing(world)
    sunday = today(world) - timedelta(days=(today(world).weekday() + 1) % 7)
    await secretary.send_text(sunday.strftime("%d-%m-%Y"))
    note = await secretary.wait_for_text(f"📌 Catatan: Minggu, {date_long(sunday)}", TIMEOUT)
    assert "/batal" in note.content
    await secretary.wait_for_text(texts.ASK_ATTENDEES, TIMEOUT)


async def test_an_emoji_in_the_directions_is_said_to_print_as_a_box(world: World) -> None:
    secretary = world.people["secretary"]
    await secretary.press(texts.BTN_TODAY, await start_briefing(world))
    await pick_attendees(world, LEAD)
    await secretary.send_text("Semangat 💪 dan tepat waktu ✅")
    note = await secretary.wait_for_text(texts.unprintable_note(2), TIMEOUT)
    assert "□" in note.content
    await secretary.wait_for_text(texts.ASK_MINUTES_FILE, TIMEOUT)
