"""README's first command: the demo plays a whole quarter against the stand-in and archives it.

The demo command runs on the real date on purpose: it plays the quarter a newcomer is in today.
The later quarters are played on the test clock.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot import texts
from standin.demo_scenario import play_quarter
from tests.clock import YEAR, RunningClock
from tests.conversations.conftest import settle
from tests.seeded import seeded_bot


def test_the_demo_command_plays_this_quarter_to_the_archive(tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    # As the README runs it: from the source checkout, where the stand-in lives.
    done = subprocess.run([sys.executable, "-m", "bot", "demo", "--out", str(out)],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert texts.demo_done(str(out)) in done.stdout
    transcript = (out / "transkrip.txt").read_text(encoding="utf-8")
    assert "Diunggah ke ESR" in transcript or "diarsipkan" in transcript
    assert (out / "data" / "sakip.db").exists()


@pytest.mark.parametrize("quarter", [2, 4])
async def test_a_later_quarter_plays_with_the_master_data(
    tmp_path: Path, quarter: int
) -> None:
    """After TW I the prompts show the quarter's own target beside the one up to it."""
    async with seeded_bot(tmp_path / "data", master_year=YEAR, clock=RunningClock()) as world:
        await play_quarter(world.people, YEAR, quarter, structured=True)
        await settle(world)
        assert not world.standin.errors
        for user in world.standin.users:
            assert texts.SERVER_ERROR not in user.texts, user.label
