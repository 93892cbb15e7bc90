"""Step 4 for a division with 150 indicators: the menu comes in pages that Telegram accepts,
turned in place, and the official lands on the page where work remains."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from benchmarks.bench_report import master_bytes
from bot import texts
from bot.demo_data import AGENCY_CODE
from bot.domain.sop import StepKey
from bot.services import master_data
from conversations.realization import MENU_PAGE
from standin.demo import World
from tests.clock import YEAR, RunningClock
from tests.conversations.conftest import TIMEOUT, begin, call, forward, settle
from tests.seeded import seeded_bot

INDICATORS = 150


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with seeded_bot(tmp_path / "data", clock=RunningClock()) as w:
        # Every second indicator is the Sekretariat's: 150 of 300 are Bina Marga's.
        await call(w, master_data.import_master, master_bytes(2 * INDICATORS, ["Bina Marga"],
                                                              YEAR),
                   year=YEAR, agency_code=AGENCY_CODE, source_name="pk-besar.xlsx")
        await forward(w, YEAR, 1, through=StepKey.PREPARE_FORMS)
        await settle(w)
        yield w
        await settle(w, quiet=0.1)
        assert not w.standin.errors, w.standin.errors
        for user in w.standin.users:
            assert texts.SERVER_ERROR not in user.texts, user.label


async def test_a_hundred_and_fifty_indicators_come_in_pages(world: World) -> None:
    bina_marga = world.people["bina_marga"]
    await begin(bina_marga, "Langkah 4")
    menu = await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
    items = int(re.search(r"0 dari (\d+) isian", menu.content).group(1))
    assert items > INDICATORS  # the sub kegiatan's money too
    pages = -(-items // MENU_PAGE)

    def shown() -> list[str]:
        return [label for label in menu.button_labels if label.startswith("▫️")]

    first_page = shown()
    assert len(first_page) == MENU_PAGE and "IK0002" in first_page[0]
    assert f"Hlm. 1/{pages}" in menu.button_labels
    assert texts.BTN_PAGE_NEXT in menu.button_labels
    assert texts.BTN_PAGE_BACK not in menu.button_labels

    # Turned in place: the same message, the next ten; on to the last page, every one a
    # keyboard Telegram takes (the stand-in refuses more than 100 buttons, as Telegram does).
    await bina_marga.press(texts.BTN_PAGE_NEXT, menu)
    await settle(world, quiet=0.05)
    assert len(shown()) == MENU_PAGE and not set(shown()) & set(first_page)
    assert texts.BTN_PAGE_BACK in menu.button_labels
    seen = set(first_page)
    for page in range(2, pages + 1):
        assert f"Hlm. {page}/{pages}" in menu.button_labels
        seen |= set(shown())
        if page < pages:
            await bina_marga.press(texts.BTN_PAGE_NEXT, menu)
            await settle(world, quiet=0.05)
    assert texts.BTN_PAGE_NEXT not in menu.button_labels
    assert len(seen) == items, "every item on some page, none twice"

    # An item of the last page (a sub kegiatan's money) is asked for like any other.
    await bina_marga.press(shown()[0], menu)
    asked = await bina_marga.wait_for_text("Keuangan", TIMEOUT)
    assert asked.button_labels == [texts.BTN_ITEMS]
    await bina_marga.send_command("batal")
    await settle(world)
