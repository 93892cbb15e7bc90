"""One Telegram account, official of two agencies: asked to choose by button before anything is
done, /instansi to change, each agency's tasks and cycles apart, a flow ended by the change."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot import texts
from bot.demo_data import AGENCY_CODE, AGENCY_NAME
from bot.domain.sop import Role, StepKey
from bot.services import identity, provisioning, tasks
from standin.demo import World
from tests.clock import YEAR
from tests.conversations.conftest import TIMEOUT, call, forward, next_reply, settle, uid

OTHER = "Dinas Pekerjaan Umum dan Penataan Ruang"


async def second_agency(world: World) -> int:
    """PUPR beside the demo agency; the demo's Kepala Dinas also sits on its Tim SAKIP.
    Returns that second membership's user id."""
    await call(world, provisioning.add_agency, name=OTHER, code="pupr",
               divisions=["Sumber Daya Air"])
    user = await call(world, provisioning.add_user, name="IR. KEPALA YANG SAMA",
                      roles=[(Role.SAKIP_TEAM, None)], telegram_id=world.people["head"].id,
                      agency_code="pupr")
    assert user.id is not None
    return user.id


async def test_an_official_of_two_agencies_chooses_first_and_can_change(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    demo_head = await uid(world, "head")
    pupr_head = await second_agency(world)
    head = world.people["head"]

    # Asked before anything is done, whatever is sent; the buttons name both agencies.
    for send in ("/tugas", "/status", "halo pak"):
        await head.send_text(send)
        asked = await next_reply(head)
        assert asked.content == texts.AGENCY_CHOOSE, send
        assert asked.button_labels == [f"🏛 {AGENCY_NAME}", f"🏛 {OTHER}"]
    member = await call(world, identity.whoami, head.id)
    assert member is not None and not member.chosen

    await head.press(f"🏛 {OTHER}", asked)
    assert (await next_reply(head)).content == texts.agency_chosen(OTHER)
    member = await call(world, identity.whoami, head.id)
    assert member is not None and member.chosen and member.user_id == pupr_head
    await head.send_command("tugas")
    assert (await next_reply(head)).content == texts.NO_TASKS
    await head.send_command("status")
    assert (await next_reply(head)).content == texts.NO_OPEN_CYCLE

    # /instansi marks the current one; back to the demo agency, its cycle and tasks are there.
    await head.send_command("instansi")
    offer = await next_reply(head)
    assert offer.content == texts.agency_current(OTHER)
    assert offer.button_labels == [f"🏛 {AGENCY_NAME}", f"✅ {OTHER}"]
    await head.press(f"🏛 {AGENCY_NAME}", offer)
    assert (await next_reply(head)).content == texts.agency_chosen(AGENCY_NAME)
    await head.send_command("status")
    assert texts.status_header(YEAR, 1, False) in (await next_reply(head)).content
    member = await call(world, identity.whoami, head.id)
    assert member is not None and member.user_id == demo_head
    await settle(world)


async def test_changing_agency_ends_the_flow_and_leaves_the_other_agency_alone(
        world: World) -> None:
    await second_agency(world)
    head = world.people["head"]
    await head.send_command("instansi")
    await head.press(f"🏛 {AGENCY_NAME}", await next_reply(head))
    await head.wait_for_text(texts.agency_chosen(AGENCY_NAME), TIMEOUT)

    # In the middle of opening a cycle of the demo agency, they change to PUPR.
    await head.send_command("mulai")
    years = await head.wait_for_text(texts.ASK_YEAR, TIMEOUT)
    await head.send_command("instansi")
    await head.press(f"🏛 {OTHER}", await next_reply(head))
    await head.wait_for_text(texts.agency_chosen(OTHER), TIMEOUT)
    # The old flow's button opens nothing, in neither agency.
    pressed = await head.press(str(YEAR), years)
    answered = await head.wait_for_answer(pressed)
    assert answered.answer_text == texts.ALREADY_HANDLED
    await settle(world)
    assert not [m for m in head.messages if texts.ASK_QUARTER in m.content]
    assert await call(world, tasks.cycle_status, await uid(world, "secretary")) == []


async def test_a_forged_or_stale_choice_is_refused(world: World) -> None:
    pupr_head = await second_agency(world)
    head = world.people["head"]
    await head.send_command("instansi")
    offer = await next_reply(head)
    # A press naming an agency they do not belong to changes nothing.
    query = await head.press_stale("dinas:999", offer)
    assert (await head.wait_for_answer(query)).answer_text == texts.AGENCY_CHOICE_GONE
    member = await call(world, identity.whoami, head.id)
    assert member is not None and not member.chosen

    # Deactivated in PUPR: one agency is left, nothing to choose, the old button is refused.
    await call(world, provisioning.set_active, pupr_head, False, "pupr")
    query = await head.press(f"🏛 {OTHER}", offer)
    assert (await head.wait_for_answer(query)).answer_text == texts.AGENCY_CHOICE_GONE
    await head.send_command("instansi")
    assert (await next_reply(head)).content == texts.AGENCY_ONLY_ONE
    await head.send_command("tugas")
    assert (await next_reply(head)).content in (texts.NO_TASKS, texts.tasks_header(1))
    await settle(world)


async def test_a_notice_names_its_agency_for_an_official_of_several(world: World) -> None:
    await second_agency(world)
    head, secretary = world.people["head"], world.people["secretary"]
    await forward(world, YEAR, 1, through=StepKey.FORWARD)
    await settle(world)
    # Every notice the Kepala Dinas got (the report to approve among them) says whose it is.
    assert any("📑 Laporan Hasil Pengukuran Kinerja" in m.content for m in head.messages)
    assert all(m.content.startswith(f"🏛 {AGENCY_NAME}\n") for m in head.messages)
    # An official of one agency reads no heading.
    assert secretary.messages and not any(m.content.startswith("🏛") for m in secretary.messages)


async def test_provinsi_shows_every_agency_to_a_provincial_official_only(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    await call(world, provisioning.add_agency, name="Bappeda Provinsi", code="bappeda",
               divisions=[])
    await call(world, provisioning.add_user, name="ANALIS BAPPEDA", telegram_id=880001,
               roles=[(Role.PROVINCE, None)], agency_code="bappeda")
    watcher = world.standin.add_user(880001, "Analis", label="Bappeda")
    await watcher.send_command("provinsi")
    summary = await watcher.wait_for_text("🏛 Pemantauan 2 Dinas", TIMEOUT)
    assert f"• {AGENCY_NAME} — Triwulan I Tahun {YEAR}, Langkah 3" in summary.content
    assert "• Bappeda Provinsi: belum ada siklus" in summary.content
    await settle(world)
    photo, document = watcher.messages[-2:]
    assert photo.photo is not None and photo.photo.data.startswith(b"\x89PNG")
    assert document.document is not None and document.document.file_name.endswith(".xlsx")

    head = world.people["head"]
    await head.send_command("provinsi")
    assert (await next_reply(head)).content == "Mohon maaf, perintah ini bukan tugas peran Anda."


async def test_a_notice_button_of_the_other_agency_serves_that_agency(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.FORWARD)
    notice = await world.people["head"].wait_for_message(
        lambda m: texts.BTN_APPROVE in m.button_labels, TIMEOUT, after=0)
    await second_agency(world)
    head = world.people["head"]
    await head.send_command("instansi")
    await head.press(f"🏛 {OTHER}", await next_reply(head))
    await head.wait_for_text(texts.agency_chosen(OTHER), TIMEOUT)

    # Serving PUPR, the Kepala presses "Setujui" on the demo agency's report.
    before = len(head.messages)
    await head.press(texts.BTN_APPROVE, notice)
    await head.wait_for_text(texts.agency_followed(AGENCY_NAME), TIMEOUT)
    await settle(world)
    member = await call(world, identity.whoami, head.id)
    assert member is not None and member.chosen and member.user_id == await uid(world, "head")
    # The press did what it says, in the demo agency: no refusal, no question to choose.
    assert texts.APPROVED in notice.content and not notice.button_labels
    after = head.messages[before:]
    assert not [m for m in after if m.content in (texts.AGENCY_CHOOSE, texts.SERVER_ERROR)]
    assert "bukan tugas peran Anda" not in "\n".join(m.content for m in after)


async def test_an_agency_in_wita_sees_its_times_in_wita(world: World) -> None:
    """The demo agency moves to Makassar: what its officials read in the chat is WITA."""
    await call(world, provisioning.set_profile, agency_code=AGENCY_CODE, timezone="WITA")
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    await settle(world)
    secretary = world.people["secretary"]
    [task] = await call(world, tasks.open_tasks, await uid(world, "secretary"))
    await secretary.send_command("tugas")
    listed = (await next_reply(secretary)).content
    assert listed.startswith(texts.tasks_header(1))
    wita = task.due_at.astimezone(ZoneInfo("Asia/Makassar"))
    assert f"{wita:%H.%M} WITA" in listed and "WIB" not in listed
    await secretary.send_command("status")
    status = (await next_reply(secretary)).content
    assert f"{wita:%H.%M} WITA" in status and "WIB" not in status
    await settle(world)
