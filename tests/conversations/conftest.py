"""The real bot polling the Bot API stand-in in this event loop, plus fast-forward helpers.

Every test gets a database of its own holding the demo agency (a copy of one seeded per
session, ``tests/seeded.py``), simulated officials and a clock that starts at the moment of
``tests.clock`` (never the wall clock's date). Helpers call the service layer directly to bring
a cycle to a given step without the chat, so that
each test drives only the step it is about.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot import texts
from bot.demo_data import OFFICIALS
from bot.domain.clock import to_local
from bot.domain.sop import DocumentKind, StepKey
from bot.formatting import period_label
from bot.services import fill_in, identity, review, steps, tasks
from bot.services.uploads import Upload
from standin import SimulatedUser
from standin.demo import World
from standin.demo_scenario import PARTS, sample_pdf
from standin.models import SentMessage
from storage import inbox, outbox
from tests.clock import RunningClock
from tests.seeded import seeded_bot

T = TypeVar("T")
TIMEOUT = 10.0
PDF = "application/pdf"
NAMES = {o.key: o.name for o in OFFICIALS}
ORDER = tuple(StepKey)  # SOP order: ORDER ... ESR_UPLOAD

# conversations/common.py, refusals(): the wrapper answers the callback query again although
# close_buttons() already answered it; Telegram refuses a second answer (400 "query is too old
# ... or query ID is invalid"), the BadRequest escapes, and the official gets SERVER_ERROR
# instead of the refusal.
DOUBLE_ANSWER = ("BUG: refusals() answers a callback query already answered by close_buttons(); "
                 "the official sees 'terjadi gangguan' instead of the refusal")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "tolerate_server_error: the test passes through a known bug (reported in an "
        "xfail test) that shows the official the 'terjadi gangguan' message")


@pytest.fixture
async def world(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[World]:
    async with seeded_bot(tmp_path / "data", clock=RunningClock()) as w:
        yield w
        await _checked(w, request)


async def _checked(w: World, request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("xfail"):
        return  # a known bug: its test shows what goes wrong
    await settle(w, quiet=0.1)
    assert not w.standin.errors, w.standin.errors
    assert not w.standin.unanswered_callback_queries, "a button press was never answered"
    if request.node.get_closest_marker("tolerate_server_error"):
        return
    for user in w.standin.users:
        assert texts.SERVER_ERROR not in user.texts, f"{user.label} saw a server error"


# --- small helpers -------------------------------------------------------------------------------
async def call(world: World, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A (blocking) service function, off the event loop, as the bot itself calls them."""
    return await asyncio.to_thread(fn, world.services, *args, **kwargs)


async def uid(world: World, key: str) -> int:
    """The database user id of an official of the demo agency."""
    member = await call(world, identity.whoami, world.people[key].id)
    assert member is not None
    return member.user_id


async def settle(world: World, quiet: float = 0.2) -> None:
    """Every update handled, every queued notification delivered, the bot idle.

    Safe to assert on absence: a reply is held in the update's transaction until it
    commits, so an idle stand-in alone does not prove the bot has answered; and an update is
    counted from the moment Telegram has it until the bot has finished it.
    """

    def busy() -> int:
        # An update Telegram handed over but the bot has not acknowledged may not be in the
        # inbox yet: a loaded machine can stall between the two for longer than ``quiet``.
        unacknowledged = len(world.standin.state.updates)
        with world.services.transaction() as session:
            return (unacknowledged + outbox.pending_count(session=session)
                    + len(inbox.unfinished(session=session)))

    for _ in range(400):
        await world.standin.wait_idle(timeout=TIMEOUT, quiet=quiet)
        if await asyncio.to_thread(busy) == 0:
            await world.standin.wait_idle(timeout=TIMEOUT, quiet=quiet)
            if await asyncio.to_thread(busy) == 0:
                return
        else:
            await asyncio.sleep(0.05)
    raise AssertionError("the bot did not settle: updates or notifications still pending")


async def run_id(world: World, key: str, step: StepKey, division: str | None = None,
                 period: tuple[int, int] | None = None) -> int:
    """The run of ``step`` waiting for official ``key`` (for ``division``, in ``period``)."""
    found = await call(world, tasks.open_tasks, await uid(world, key))
    label = period_label(*period) if period else None
    for task in found:
        if (task.step is step and division in (None, task.division)
                and label in (None, task.period)):
            return task.run_id
    raise AssertionError(f"{key} has no open task for {step} {division or ''}: {found}")


def upload(name: str, title: str | None = None) -> Upload:
    return Upload(sample_pdf(title or name), name, PDF)


def with_text(user: SimulatedUser, substring: str) -> list[SentMessage]:
    return [m for m in user.messages if substring in m.content]


def today(world: World) -> date:
    """The date in WIB by the bot's clock."""
    return to_local(world.services.now()).date()


async def next_reply(user: SimulatedUser) -> SentMessage:
    """The first bot message after the user's last action."""
    return await user.wait_for_message(timeout=TIMEOUT)


async def begin(user: SimulatedUser, heading: str) -> SentMessage:
    """Press ▶️ Mulai on the (first still unused) message that contains ``heading``."""
    handoff = await user.wait_for_message(
        lambda m: heading in m.content and texts.BTN_BEGIN in m.button_labels, TIMEOUT, after=0)
    await user.press(texts.BTN_BEGIN, handoff)
    return handoff


# --- fast-forward through the service layer ----------------------------------------------------
async def fill_part(world: World, key: str, division: str, *, submit: bool = True,
                    period: tuple[int, int] | None = None) -> int:
    """Step 4 for one part: figures, one evidence file, submitted."""
    user_id = await uid(world, key)
    run = await run_id(world, key, StepKey.FILL_IN, division, period)
    await call(world, fill_in.save_figures, user_id, run, f"Realisasi {division}: 90%")
    await call(world, fill_in.add_evidence, user_id, run, upload(f"Bukti-{division}.pdf"))
    if submit:
        await call(world, fill_in.submit_part, user_id, run)
    return run


async def forward(world: World, year: int, quarter: int, *, through: StepKey) -> None:
    """Open a cycle and complete every step up to and including ``through``."""
    last = ORDER.index(through)
    period = (year, quarter)
    head = await uid(world, "head")
    run = await call(world, steps.start_cycle, head, year, quarter)
    await call(world, steps.attach, head, run.run_id, DocumentKind.ANALYSIS_REPORT,
               upload("Analisa.pdf", f"Analisa {year} {quarter}"))
    await call(world, steps.issue_memo, head, run.run_id)
    if last >= ORDER.index(StepKey.BRIEFING):
        briefing = await run_id(world, "secretary", StepKey.BRIEFING, period=period)
        await call(world, steps.record_briefing, await uid(world, "secretary"), briefing,
                   meeting_date=today(world), attendee_ids=[await uid(world, "team_lead")],
                   directions="Isi realisasi.", attachment_id=None)
    if last >= ORDER.index(StepKey.PREPARE_FORMS):
        await confirm(world, "team_lead", StepKey.PREPARE_FORMS, period)
    if last >= ORDER.index(StepKey.FILL_IN):
        for key, division in PARTS:
            await fill_part(world, key, division, period=period)
    if last >= ORDER.index(StepKey.COMPILE):
        await confirm(world, "team_lead", StepKey.COMPILE, period)
    if last >= ORDER.index(StepKey.FORWARD):
        await confirm(world, "secretary", StepKey.FORWARD, period)
    if last >= ORDER.index(StepKey.REVIEW):
        decision = await run_id(world, "head", StepKey.REVIEW, period=period)
        await call(world, review.decide, head, decision, approve=True)
    if last >= ORDER.index(StepKey.FINAL_REPORT):
        await confirm(world, "secretary", StepKey.FINAL_REPORT, period)
    if last >= ORDER.index(StepKey.ESR_UPLOAD):
        await confirm(world, "planning", StepKey.ESR_UPLOAD, period)


async def confirm(world: World, key: str, step: StepKey,
                  period: tuple[int, int] | None = None) -> None:
    run = await run_id(world, key, step, period=period)
    await call(world, steps.confirm, await uid(world, key), run)
