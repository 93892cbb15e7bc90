"""``/plh`` and ``/alihkan`` by button, through the stand-in."""

from __future__ import annotations

from bot.domain.sop import StepKey
from standin.demo import World
from tests.clock import YEAR
from tests.conversations.conftest import NAMES, TIMEOUT, forward, settle


async def test_the_head_names_a_plh_who_then_gets_the_head_s_tasks(world: World) -> None:
    head, secretary = world.people["head"], world.people["secretary"]
    await head.send_command("plh")
    await head.wait_for_text("Siapa yang ditunjuk", TIMEOUT)
    await head.press(NAMES["secretary"])
    await head.wait_for_text("Sampai kapan", TIMEOUT)
    await head.press("1 minggu")
    await head.wait_for_text("ditunjuk sebagai Plh.", TIMEOUT)
    await secretary.wait_for_text("Anda ditunjuk sebagai Plh.", TIMEOUT)
    await secretary.send_command("mulai")
    await secretary.wait_for_text("tahun berapa", TIMEOUT)


async def test_the_secretary_moves_a_task_to_a_colleague(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.BRIEFING)
    await settle(world)
    secretary, member = world.people["secretary"], world.people["team_member"]
    await secretary.send_command("alihkan")
    await secretary.wait_for_text("Tugas mana", TIMEOUT)
    await secretary.press("Langkah 3")
    await secretary.wait_for_text("Dialihkan kepada siapa", TIMEOUT)
    await secretary.press(NAMES["team_member"])
    await secretary.wait_for_text("Tugas dialihkan", TIMEOUT)
    handoff = await member.wait_for_text("Langkah 3", TIMEOUT)
    assert handoff.buttons


async def test_a_bidang_staff_member_cannot_move_tasks(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await bina_marga.send_command("alihkan")
    refusal = await bina_marga.wait_for_message(timeout=TIMEOUT)
    assert "bukan tugas peran Anda" in refusal.content


async def test_the_head_ends_the_plh_when_back(world: World) -> None:
    head, secretary = world.people["head"], world.people["secretary"]
    await head.send_command("plh")
    await head.press(NAMES["secretary"], await head.wait_for_text("Siapa yang ditunjuk", TIMEOUT))
    await head.press("Hari ini", await head.wait_for_text("Sampai kapan", TIMEOUT))
    await head.wait_for_text("ditunjuk sebagai Plh.", TIMEOUT)
    await head.send_command("plh")
    current = await head.wait_for_text("berlaku atau akan berlaku", TIMEOUT)
    assert NAMES["secretary"] in current.content and "Siapa yang ditunjuk" in current.content
    # A "✔️ Selesai" left on an older message changes nothing here.
    await head.press_stale("done", current)
    await settle(world)
    assert not [m for m in head.messages if "gangguan" in m.content]
    await head.press(f"⏹️ Akhiri Plh. {NAMES['secretary']}", current)
    await head.wait_for_text("diakhiri", TIMEOUT)
    await secretary.wait_for_text("telah berakhir", TIMEOUT)
    await forward(world, YEAR, 1, through=StepKey.FILL_IN)
    await settle(world)
    assert not [m for m in secretary.messages if "Setujui" in m.content]
    await head.send_command("plh")
    again = await head.wait_for_text("Siapa yang ditunjuk", TIMEOUT)
    assert "akan berlaku" not in again.content, "nothing left to end"


async def test_officials_who_cannot_name_a_plh_are_told_at_once(world: World) -> None:
    # The Tim SAKIP is a team: an absent member's share is the rest of the team's. (The Kepala
    # Subbag Perencanaan, an official of the SOP, may: tests/test_authorisation_matrix.py.)
    for key in ("team_lead", "team_member"):
        official = world.people[key]
        await official.send_command("plh")
        refusal = await official.wait_for_text("hanya dapat ditunjuk", TIMEOUT)
        assert refusal.buttons == [], key
