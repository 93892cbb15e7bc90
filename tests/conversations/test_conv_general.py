"""What every member (and every stranger) meets: the access guard, /start with an invitation,
/tugas, /status, /bantuan, /batal and messages the bot does not understand."""

from __future__ import annotations

import json
from datetime import timedelta

from bot import texts
from bot.domain.sop import Role, StepKey
from bot.services import identity, provisioning, tasks
from standin import SimulatedUser
from standin.demo import World
from standin.demo_scenario import sample_pdf
from tests.clock import YEAR, RunningClock
from tests.conversations.conftest import (
    NAMES,
    PDF,
    TIMEOUT,
    begin,
    call,
    fill_part,
    forward,
    next_reply,
    settle,
    uid,
    with_text,
)

NEWCOMER = "DEWI LESTARI, ST"


async def invite_newcomer(world: World) -> str:
    """A Tata Ruang official registered without Telegram; returns their invitation code."""
    user = await call(world, provisioning.add_user, name=NEWCOMER,
                      roles=[(Role.DIVISION, "Tata Ruang")], telegram_id=None)
    assert user.id is not None
    return await call(world, provisioning.invite, user.id)


def stranger(world: World, telegram_id: int = 720001) -> SimulatedUser:
    return world.standin.add_user(telegram_id, "Dewi", label=f"Orang {telegram_id}")


async def test_a_stranger_is_refused_whatever_they_send(world: World) -> None:
    someone = stranger(world)
    for send in ("halo pak", "/tugas", "/mulai", "/status", "/start", "photo"):
        if send == "photo":
            await someone.send_document(sample_pdf("x"), "laporan.pdf", PDF)
        else:
            await someone.send_text(send)
        assert (await next_reply(someone)).content == texts.STRANGER, send
    assert await call(world, identity.whoami, someone.id) is None


async def test_an_invitation_binds_the_account_and_welcomes_with_the_role(
    world: World,
) -> None:
    await forward(world, YEAR, 1, through=StepKey.PREPARE_FORMS)
    code = await invite_newcomer(world)
    newcomer = stranger(world)
    await newcomer.send_command("start", code)
    welcome = await next_reply(newcomer)
    assert welcome.content == texts.welcome(NEWCOMER, ["Bidang Tata Ruang"])

    # Bound: the part waiting for Tata Ruang is now also theirs, and they can begin it.
    await newcomer.send_command("tugas")
    listing = await newcomer.wait_for_text(texts.tasks_header(1), TIMEOUT)
    assert "Langkah 4. Pengisian realisasi dan data dukung — Tata Ruang" in listing.content
    await newcomer.press("▶️ Langkah 4 — Tata Ruang", listing)
    await newcomer.wait_for_text("📋 Ringkasan isian Tata Ruang", TIMEOUT)


async def test_a_used_unknown_or_misdirected_code_is_refused(world: World) -> None:
    code = await invite_newcomer(world)
    first = stranger(world, 720001)
    await first.send_command("start", code)
    await first.wait_for_text(texts.welcome(NEWCOMER, ["Bidang Tata Ruang"]), TIMEOUT)

    second = stranger(world, 720002)
    await second.send_command("start", code)
    assert (await next_reply(second)).content == texts.invite_error("invite_used")
    await second.send_command("start", "ZZZZ9999")
    assert (await next_reply(second)).content == texts.invite_error("invite_unknown")
    await second.send_command("tugas")
    assert (await next_reply(second)).content == texts.STRANGER

    # An official who is already registered cannot take over someone else's invitation.
    head = world.people["head"]
    await head.send_command("start", await invite_newcomer(world))
    assert (await next_reply(head)).content == texts.invite_error("already_bound")


async def test_an_invitation_code_typed_in_lower_case_is_accepted(world: World) -> None:
    code = await invite_newcomer(world)
    newcomer = stranger(world)
    await newcomer.send_command("start", code.lower())
    reply = await next_reply(newcomer)
    assert reply.content == texts.welcome(NEWCOMER, ["Bidang Tata Ruang"])


async def test_a_deactivated_official_is_refused_and_gets_no_handoff(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    tata_ruang = world.people["tata_ruang"]
    tata_ruang_id = await uid(world, "tata_ruang")
    await call(world, provisioning.set_active, tata_ruang_id, False)

    lead = world.people["team_lead"]
    await begin(lead, "Langkah 3")
    preview = await lead.wait_for_text("Kelengkapan", TIMEOUT)
    await lead.press(texts.CONFIRM_LABELS[StepKey.PREPARE_FORMS], preview)
    await world.people["cipta_karya"].wait_for_text("Langkah 4", TIMEOUT)
    await settle(world)
    assert tata_ruang.messages == [], "no hand-off for a deactivated official"

    await tata_ruang.send_command("tugas")
    assert (await next_reply(tata_ruang)).content == texts.DEACTIVATED
    await tata_ruang.send_text("halo")
    assert (await next_reply(tata_ruang)).content == texts.DEACTIVATED

    # Active again: the part waits in /tugas, nothing was lost.
    await call(world, provisioning.set_active, tata_ruang_id, True)
    await tata_ruang.send_command("tugas")
    listing = await tata_ruang.wait_for_text(texts.tasks_header(1), TIMEOUT)
    assert listing.button_labels == ["▶️ Langkah 4 — Tata Ruang"]


async def test_a_deactivated_official_cannot_use_an_old_button(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.PREPARE_FORMS)
    tata_ruang = world.people["tata_ruang"]
    handoff = await tata_ruang.wait_for_text("Langkah 4", TIMEOUT)
    await call(world, provisioning.set_active, await uid(world, "tata_ruang"), False)
    query = await tata_ruang.press(texts.BTN_BEGIN, handoff)
    assert (await next_reply(tata_ruang)).content == texts.DEACTIVATED
    await tata_ruang.wait_for_answer(query)
    await settle(world)
    assert not with_text(tata_ruang, "📋 Ringkasan isian")


async def test_tugas_lists_every_task_with_its_deadline_and_button(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.PREPARE_FORMS)
    await forward(world, YEAR, 2, through=StepKey.ORDER)
    secretary = world.people["secretary"]
    await secretary.send_command("tugas")
    listing = await secretary.wait_for_text(texts.tasks_header(2), TIMEOUT)

    found = await call(world, tasks.open_tasks, await uid(world, "secretary"))
    assert [(t.number, t.period) for t in found] == [
        (2, f"Triwulan II Tahun {YEAR}"), (4, f"Triwulan I Tahun {YEAR}")]
    for task in found:
        line = texts.task_line(task.number, task.label, task.period, task.division,
                               task.due_at, task.overdue)
        assert line in listing.content
    assert "Batas " in listing.content and "terlambat" not in listing.content
    assert listing.button_labels == ["▶️ Langkah 2", "▶️ Langkah 4 — Sekretariat"]

    await secretary.press("▶️ Langkah 2", listing)
    await secretary.wait_for_text(texts.ASK_MEETING_DATE, TIMEOUT)


async def test_tugas_without_tasks(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    bina_marga = world.people["bina_marga"]
    await bina_marga.send_command("tugas")
    assert (await next_reply(bina_marga)).content == texts.NO_TASKS


async def test_status_shows_who_each_open_step_waits_for(world: World) -> None:
    lead = world.people["team_lead"]
    await lead.send_command("status")
    assert (await next_reply(lead)).content == texts.NO_OPEN_CYCLE

    await forward(world, YEAR, 1, through=StepKey.PREPARE_FORMS)
    await fill_part(world, "secretary", "Sekretariat")
    await lead.send_command("status")
    status = await lead.wait_for_text(texts.status_header(YEAR, 1, False), TIMEOUT)
    assert f"✅ 1. Perintah pengukuran kinerja — {NAMES['head']}, " in status.content
    assert f"✅ 3. Penyiapan dan distribusi format — {NAMES['team_lead']}, " in status.content
    waiting = (f"⏳ 4. Pengisian realisasi dan data dukung — 1 dari 4 selesai; menunggu "
               f"Bina Marga ({NAMES['bina_marga']}), Cipta Karya ({NAMES['cipta_karya']}), "
               f"Tata Ruang ({NAMES['tata_ruang']}), batas ")
    assert waiting in status.content
    assert "▫️ 5. Penyusunan laporan hasil pengukuran" in status.content

    # The same as a picture, on request: a phone shows it better than nine lines.
    await lead.press(texts.BTN_STATUS_CHART, status)
    picture = await lead.wait_for_message(lambda m: m.photo is not None, TIMEOUT)
    assert picture.content == texts.status_chart_title(YEAR, 1)
    assert picture.photo is not None and picture.photo.data.startswith(b"\x89PNG")


async def test_status_and_tugas_flag_overdue_steps(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    # Step 2 allows two working hours; a week later it is overdue whatever the hour now.
    week_later = RunningClock(world.services.now() + timedelta(days=7))
    world.services.clock = week_later
    secretary = world.people["secretary"]
    await secretary.send_command("status")
    status = await secretary.wait_for_text(texts.status_header(YEAR, 1, False), TIMEOUT)
    assert f"⚠️ 2. Rapat arahan dengan Tim SAKIP — menunggu {NAMES['secretary']}" in (
        status.content)
    assert "(terlambat)" in status.content
    [cycle] = await call(world, tasks.cycle_status, await uid(world, "secretary"))
    drawn = {s.number: (s.chart_state, s.used_percent) for s in cycle.steps}
    assert drawn[1][0] == "done" and drawn[1][1] is not None and drawn[1][1] <= 100
    assert drawn[2][0] == "overdue" and drawn[2][1] is not None and drawn[2][1] > 100
    assert drawn[3] == ("waiting", None)
    await secretary.send_command("tugas")
    listing = await secretary.wait_for_text(texts.tasks_header(1), TIMEOUT)
    assert "⚠️ terlambat" in listing.content


async def test_bantuan_is_tailored_to_the_role(world: World) -> None:
    head, bina_marga = world.people["head"], world.people["bina_marga"]
    await head.send_command("bantuan")
    assert (await next_reply(head)).content == texts.help_text([Role.HEAD])
    assert "/mulai" in head.last_message.content  # type: ignore[union-attr]
    await bina_marga.send_command("bantuan")
    reply = await next_reply(bina_marga)
    assert reply.content == texts.help_text([Role.DIVISION])
    assert "/mulai" not in reply.content


async def test_unknown_input_outside_any_flow(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await bina_marga.send_text("selamat pagi pak")
    assert (await next_reply(bina_marga)).content == texts.UNKNOWN_INPUT
    await bina_marga.send_document(sample_pdf("x"), "laporan.pdf", PDF)
    assert (await next_reply(bina_marga)).content == texts.UNKNOWN_INPUT
    await bina_marga.send_command("batal")
    assert (await next_reply(bina_marga)).content == texts.NOTHING_TO_CANCEL


def _menu(world: World, chat_id: int | None = None) -> list[str]:
    scope = {"type": "default"} if chat_id is None else {"type": "chat", "chat_id": chat_id}
    stored = world.standin.state.commands.get(json.dumps(scope, sort_keys=True) + "|", [])
    return [c["command"] for c in stored]


async def test_each_official_gets_the_menu_of_their_own_roles(world: World) -> None:
    """The menu and /bantuan come from one table: the common commands for everyone, and each
    role's own only for those who hold it."""
    head, bina_marga = world.people["head"], world.people["bina_marga"]
    everyone = _menu(world)
    assert "tugas" in everyone and "batal" in everyone
    assert not {"mulai", "impor", "alihkan", "provinsi", "instansi"} & set(everyone)
    for user, role, own in ((head, Role.HEAD, "mulai"), (bina_marga, Role.DIVISION, None)):
        await user.send_command("bantuan")
        shown = (await next_reply(user)).content
        menu = _menu(world, user.id)
        assert menu == [c.name for c in texts.commands_for([role])]
        assert [line.split(" — ")[0][1:] for line in shown.splitlines()
                if line.startswith("/")] == menu, "/bantuan lists what the menu holds"
        assert (own in menu) if own else (menu == everyone)
    # Set once per process: the next update does not set it again; a new process does.
    key = json.dumps({"type": "chat", "chat_id": head.id}, sort_keys=True) + "|"
    del world.standin.state.commands[key]
    await head.send_command("tugas")
    await next_reply(head)
    assert _menu(world, head.id) == []
    world.application.menus.clear()
    await head.send_command("tugas")
    await next_reply(head)
    assert "mulai" in _menu(world, head.id)
