"""A whole quarter through a Telegram that fails: seeded faults on every kind of call, and an
outage of several minutes in the middle (every call answered 502, polling included).

The real bot polls the stand-in in this event loop; its HTTP time-out is short so that a hang
costs seconds, not minutes. At the end every notification and every reply has reached its chat
once, in the order the bot meant, except where a hang fell after the stand-in had accepted the
message (Telegram has no idempotency key): those duplicates are counted apart, at most one per
such fault. The figures are printed.

The outage makes this test minutes long, and the database plays no part in it, so it runs on
the default database only; ``SAKIP_OUTAGE_SECONDS`` shortens it for a quick look.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlmodel import select

from standin import FaultPlan, demo_scenario
from standin.demo_scenario import play_quarter
from standin.faults import FaultKind
from storage.models import OutboxMessage
from tests import databases
from tests.clock import YEAR, RunningClock
from tests.conversations.conftest import settle
from tests.delivery_check import compare, intended, leading_pieces
from tests.seeded import seeded_bot

HTTP_TIMEOUT = 1.0  # seconds: the bot's time-out for one Bot API call
OUTAGE = float(os.environ.get("SAKIP_OUTAGE_SECONDS", "180"))
PLAN = FaultPlan(seed=20261206, share=0.15, hang_seconds=HTTP_TIMEOUT + 0.6, retry_after=1,
                 outage_after=25.0, outage_seconds=OUTAGE)

pytestmark = pytest.mark.skipif(databases.ON_POSTGRES,
                                reason="Telegram's faults, not the database's: run once")


async def test_a_quarter_through_faults_and_an_outage_delivers_everything_once_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The officials wait as long as the outage lasts (and the back-off after it).
    monkeypatch.setattr(demo_scenario, "TIMEOUT", OUTAGE + 120)
    async with seeded_bot(tmp_path / "data", clock=RunningClock(), master_year=YEAR,
                          telegram_timeout=HTTP_TIMEOUT) as world:
        standin = world.standin
        standin.set_fault_plan(PLAN)
        await play_quarter(world.people, YEAR, 1, structured=True)
        standin.set_fault_plan(None)
        await settle(world)

        with world.services.transaction() as session:
            rows = list(session.exec(select(OutboxMessage)))
        received = {user.id: [m.first_content for m in user.messages]
                    for user in standin.users}
        faults = standin.fault_summary()
        report = compare(intended(rows), received, allowed_extra=leading_pieces(rows))
        print(f"\nfaults injected: {faults.total} "
              + ", ".join(f"{kind} {count}" for kind, count in sorted(faults.by_kind.items()))
              + f"\ndelivery: {report.line()}"
              + f"\naccepted then hung, by chat: {dict(faults.accepted_by_chat)}")

        assert faults.by_kind[FaultKind.OUTAGE] > 0, "the outage happened"
        assert all(faults.by_kind[kind] > 0 for kind in PLAN.kinds), "every kind was injected"
        assert report.lost == 0 and report.out_of_order == 0, report.line()
        assert not report.unexpected, report.unexpected
        for chat, count in report.duplicated.items():
            assert count <= faults.accepted_by_chat[chat], (
                f"chat {chat}: {count} duplicates, {faults.accepted_by_chat[chat]} hangs after "
                f"acceptance")
        assert not [r for r in rows if r.failed and r.method is None], "a notification given up"
        assert not standin.unanswered_callback_queries, "a press never answered"
        assert not standin.errors, standin.errors
