"""A whole measurement cycle through the real bot, nine days in seconds, the clock in our hand.

The production Application polls the Bot API stand-in over HTTP on 127.0.0.1 (as in
``standin.demo.running_bot``); the services read a settable clock. TW I 2026 is measured from
Wednesday 1 April to Wednesday 8 April 2026: Friday 3 April is a national holiday of the
deployment calendar (Wafat Yesus Kristus), then comes a weekend, and step 4 runs across both.
At chosen moments the reminders job registered in ``bot.app`` is run as its scheduler runs it;
after each run every official's new messages are compared, whole, with what the bot's text
functions give: reminders before and at due to whoever the step waits for, escalation to the
Sekretaris when overdue and to the Kepala Dinas one time standard later, the Sekretaris's
digest at 07:30, and nothing at night, in the lunch break, on the holiday or at the weekend,
and nothing twice. On Monday morning the bot is restarted on the same database and folder.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Job

from bot import texts
from bot.domain.clock import JAKARTA
from bot.domain.sop import STEP_BY_KEY, STEPS, DocumentKind, StepKey
from bot.services import archive, review, steps, tasks
from bot.telegram_context import BotContext
from standin.demo import World, restart, running_bot
from tests.conversations.conftest import (
    NAMES,
    TIMEOUT,
    call,
    confirm,
    fill_part,
    run_id,
    settle,
    uid,
    upload,
)
from tests.test_reminders import Clock

YEAR, QUARTER = 2026, 1
HOLIDAY = date(2026, 4, 3)  # a Friday, Wafat Yesus Kristus (national, the holidays package)
ORDER, BRIEFING, FORMS = StepKey.ORDER, StepKey.BRIEFING, StepKey.PREPARE_FORMS
FILL_IN, REVIEW, ESR = StepKey.FILL_IN, StepKey.REVIEW, StepKey.ESR_UPLOAD
PARTS = {"secretary": "Sekretariat", "bina_marga": "Bina Marga", "cipta_karya": "Cipta Karya",
         "tata_ruang": "Tata Ruang"}
Expected = tuple[str, str, tuple[str, ...]]  # official, text, labels of its buttons


def wib(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A moment of April 2026, given in WIB, as the database keeps it (UTC)."""
    return datetime(YEAR, 4, day, hour, minute, second, tzinfo=JAKARTA).astimezone(UTC)


# --- what the officials should receive, in the bot's own words ----------------------------------
def reminder(key: str, step: StepKey, due: datetime, division: str | None = None, *,
             at_due: bool = False) -> Expected:
    text = texts.reminder(STEP_BY_KEY[step], YEAR, QUARTER, due, division, at_due=at_due)
    return key, text, (texts.BTN_BEGIN,)


def escalation(key: str, step: StepKey, due: datetime, waiting: tuple[str, ...],
               division: str | None = None) -> Expected:
    names = [NAMES[k] for k in waiting]
    return key, texts.escalation(STEP_BY_KEY[step], YEAR, QUARTER, due, division, names), ()


def digest(at: datetime, *lines: str) -> Expected:
    return "secretary", texts.digest(at, list(lines)), ()


def line(step: StepKey, due: datetime, waiting: str, division: str | None = None, *,
         overdue: bool = False) -> str:
    return texts.digest_line(STEP_BY_KEY[step], YEAR, QUARTER, division, [NAMES[waiting]], due,
                             overdue)


# --- the bot, its job and the clock -------------------------------------------------------------
class Walk:
    """The running bot, the services' "now" and the reminders job, run by hand."""

    def __init__(self, world: World, clock: Clock) -> None:
        self.world = world
        self.clock = clock
        self.failures: list[object] = []

    @property
    def now(self) -> datetime:
        return self.clock.now

    @now.setter
    def now(self, moment: datetime) -> None:
        self.clock.now = moment

    @property
    def job(self) -> Job[Any]:
        """The job ``bot.app`` registers in ``post_init``."""
        assert self.world.application.job_queue is not None
        [job] = self.world.application.job_queue.get_jobs_by_name("reminders")
        return job

    def take_over(self) -> None:
        """The scheduler no longer runs the job on the wall clock; the test runs it instead."""
        self.job.enabled = False

        async def record(update: object, context: BotContext) -> None:
            self.failures.append(context.error)

        self.world.application.add_error_handler(record)

    async def restart(self) -> None:
        await restart(self.world)
        self.take_over()

    async def tick(self, moment: datetime, *expected: Expected) -> None:
        """At ``moment``, run the job once; each official receives exactly ``expected``."""
        people = self.world.people
        await settle(self.world, quiet=0.05)
        seen = {key: len(people[key].messages) for key in NAMES}
        self.now = moment
        await self.job.run(self.world.application)
        await settle(self.world, quiet=0.05)
        received = {key: [(m.content, tuple(m.button_labels))
                          for m in people[key].messages[seen[key]:]] for key in NAMES}
        wanted = {key: [(text, buttons) for k, text, buttons in expected if k == key]
                  for key in NAMES}
        assert received == wanted, f"at {moment.astimezone(JAKARTA):%a %d %b %H:%M:%S} WIB"

    async def due_of(self, key: str, step: StepKey, division: str | None = None) -> datetime:
        """The due time of the open task of ``step`` waiting for ``key``."""
        found = await call(self.world, tasks.open_tasks, await uid(self.world, key))
        [task] = [t for t in found if t.step is step and t.division == division]
        return task.due_at


@pytest.fixture
async def walk(tmp_path: Path, database_url: str | None) -> AsyncIterator[Walk]:
    clock = Clock(wib(1, 7, 0))
    async with running_bot(tmp_path / "data", clock=clock, database_url=database_url) as world:
        walk = Walk(world, clock)
        assert HOLIDAY in world.services.calendar.holidays
        walk.take_over()
        yield walk
        await settle(world)
        assert not walk.failures
        assert not world.standin.errors, world.standin.errors
        assert not world.standin.unanswered_callback_queries
        for user in world.standin.users:
            assert texts.SERVER_ERROR not in user.texts, f"{user.label} saw a server error"


# --- the walk ------------------------------------------------------------------------------------
async def test_a_cycle_walked_through_a_holiday_a_weekend_and_a_restart(walk: Walk) -> None:
    await _wednesday_steps_1_to_3(walk)
    await _step_4_over_the_holiday_the_weekend_and_a_restart(walk)
    await _steps_5_to_9(walk)
    for key in NAMES:  # never the same notice twice, to anyone
        notices = [t for t in walk.world.people[key].texts if t.startswith(("⏰", "⚠️", "🌅"))]
        assert len(notices) == len(set(notices)), key
    await _time_against_standard(walk)


async def _wednesday_steps_1_to_3(walk: Walk) -> None:
    world = walk.world
    head = await uid(world, "head")
    # Nothing is open at the opening: no digest then, nor later in the day.
    await walk.tick(wib(1, 7, 30))
    walk.now = wib(1, 9, 0)
    run = await call(world, steps.start_cycle, head, YEAR, QUARTER)
    order_due = wib(1, 9, 10)
    assert run.due_at == order_due
    await walk.tick(wib(1, 9, 5))
    await walk.tick(wib(1, 9, 8), reminder("head", ORDER, order_due))
    await walk.tick(wib(1, 9, 9))
    await walk.tick(wib(1, 9, 10), reminder("head", ORDER, order_due, at_due=True))
    await walk.tick(wib(1, 9, 11), escalation("secretary", ORDER, order_due, ("head",)))
    await walk.tick(wib(1, 9, 21))  # the Kepala Dinas's turn, but he is the one waited for

    walk.now = wib(1, 9, 25)
    await call(world, steps.attach, head, run.run_id, DocumentKind.ANALYSIS_REPORT,
               upload("Analisa.pdf"))
    await call(world, steps.issue_memo, head, run.run_id)
    briefing_due = wib(1, 11, 25)
    assert await walk.due_of("secretary", BRIEFING) == briefing_due
    await walk.tick(wib(1, 10, 55), reminder("secretary", BRIEFING, briefing_due))
    walk.now = wib(1, 11, 0)
    await call(world, steps.record_briefing, await uid(world, "secretary"),
               await run_id(world, "secretary", BRIEFING), meeting_date=date(YEAR, 4, 1),
               attendee_ids=[await uid(world, "team_lead")], directions="Isi realisasi.",
               attachment_id=None)

    # Step 3 runs out at 12:00, as the lunch break starts: it is said at 13:00, on reopening.
    forms_due, team = wib(1, 12, 0), ("team_lead", "team_member")
    assert await walk.due_of("team_lead", FORMS) == forms_due
    await walk.tick(wib(1, 11, 45), *(reminder(key, FORMS, forms_due) for key in team))
    await walk.tick(wib(1, 12, 0))
    await walk.tick(wib(1, 12, 30))
    await walk.tick(wib(1, 13, 0), *(reminder(key, FORMS, forms_due, at_due=True) for key in team),
                    escalation("secretary", FORMS, forms_due, team))
    await walk.tick(wib(1, 14, 0))
    await walk.tick(wib(1, 14, 1), escalation("head", FORMS, forms_due, team))
    walk.now = wib(1, 14, 30)
    await confirm(world, "team_lead", FORMS)


async def _step_4_over_the_holiday_the_weekend_and_a_restart(walk: Walk) -> None:
    world = walk.world
    # Two working days from Wednesday 14:30 are Thursday and Monday.
    fill_due = wib(6, 14, 30)
    for key, division in PARTS.items():
        assert await walk.due_of(key, FILL_IN, division) == fill_due
    for moment in (wib(1, 15, 59), wib(1, 16, 0), wib(1, 22, 0)):
        await walk.tick(moment)

    # Thursday 2 April: the first digest; two parts are handed in.
    every_part = [line(FILL_IN, fill_due, key, division) for key, division in PARTS.items()]
    await walk.tick(wib(2, 7, 30), digest(wib(2, 7, 30), *every_part))
    await walk.tick(wib(2, 7, 31))
    walk.now = wib(2, 10, 0)
    for key in ("secretary", "bina_marga"):
        await fill_part(world, key, PARTS[key])

    # The holiday and the weekend: the office is closed, nothing goes out.
    for moment in (wib(3, 7, 30), wib(3, 10, 0), wib(4, 7, 30), wib(4, 9, 0), wib(5, 7, 30)):
        await walk.tick(moment)

    # Monday 6 April, the last day: the morning reminder to the two late parts, the digest.
    await walk.tick(wib(6, 7, 30),
                    reminder("cipta_karya", FILL_IN, fill_due, "Cipta Karya"),
                    reminder("tata_ruang", FILL_IN, fill_due, "Tata Ruang"),
                    digest(wib(6, 7, 30), line(FILL_IN, fill_due, "cipta_karya", "Cipta Karya"),
                           line(FILL_IN, fill_due, "tata_ruang", "Tata Ruang")))

    # A new Application and new services on the same database and folder: nothing again.
    walk.now = wib(6, 7, 31)
    before = world.application, world.services
    await walk.restart()
    assert (world.application, world.services) != before
    await walk.tick(wib(6, 7, 45))
    await walk.tick(wib(6, 9, 0))
    walk.now = wib(6, 10, 0)
    await fill_part(world, "cipta_karya", "Cipta Karya")
    await walk.tick(wib(6, 14, 30),
                    reminder("tata_ruang", FILL_IN, fill_due, "Tata Ruang", at_due=True))
    await walk.tick(wib(6, 14, 31),
                    escalation("secretary", FILL_IN, fill_due, ("tata_ruang",), "Tata Ruang"))
    await walk.tick(wib(6, 15, 0))

    # Tuesday 7 April: Tata Ruang hands in late.
    await walk.tick(wib(7, 7, 30), digest(
        wib(7, 7, 30), line(FILL_IN, fill_due, "tata_ruang", "Tata Ruang", overdue=True)))
    walk.now = wib(7, 9, 0)
    await fill_part(world, "tata_ruang", "Tata Ruang")


async def _steps_5_to_9(walk: Walk) -> None:
    world = walk.world
    # Tuesday 7 April: steps 5 and 6 in time; step 7 waits for the head past its due time.
    assert await walk.due_of("team_lead", StepKey.COMPILE) == wib(9, 9, 0)
    walk.now = wib(7, 10, 0)
    await confirm(world, "team_lead", StepKey.COMPILE)
    assert await walk.due_of("secretary", StepKey.FORWARD) == wib(7, 10, 30)
    await walk.tick(wib(7, 10, 15))
    walk.now = wib(7, 10, 20)
    await confirm(world, "secretary", StepKey.FORWARD)
    review_due = wib(7, 13, 20)  # two working hours around the lunch break
    assert await walk.due_of("head", REVIEW) == review_due
    await walk.tick(wib(7, 11, 50), reminder("head", REVIEW, review_due))
    await walk.tick(wib(7, 13, 20), reminder("head", REVIEW, review_due, at_due=True))
    await walk.tick(wib(7, 13, 21), escalation("secretary", REVIEW, review_due, ("head",)))
    await walk.tick(wib(7, 15, 21))

    # Wednesday 8 April: approved after the digest; step 8 in time, step 9 late.
    await walk.tick(wib(8, 7, 30),
                    digest(wib(8, 7, 30), line(REVIEW, review_due, "head", overdue=True)))
    walk.now = wib(8, 8, 0)
    await call(world, review.decide, await uid(world, "head"),
               await run_id(world, "head", REVIEW), approve=True)
    walk.now = wib(8, 8, 10)
    await confirm(world, "secretary", StepKey.FINAL_REPORT)
    esr_due = wib(8, 8, 12)
    assert await walk.due_of("planning", ESR) == esr_due
    await walk.tick(wib(8, 8, 11, 30), reminder("planning", ESR, esr_due))
    await walk.tick(wib(8, 8, 12), reminder("planning", ESR, esr_due, at_due=True))
    await walk.tick(wib(8, 8, 13), escalation("secretary", ESR, esr_due, ("planning",)))
    await walk.tick(wib(8, 8, 15), escalation("head", ESR, esr_due, ("planning",)))

    # The Subbag Perencanaan starts from the reminder's ▶️ Mulai and confirms in the chat.
    walk.now = wib(8, 8, 20)
    planning = world.people["planning"]
    _, text, _ = reminder("planning", ESR, esr_due)
    await planning.press(texts.BTN_BEGIN, next(m for m in planning.messages if m.content == text))
    preview = await planning.wait_for_text(STEP_BY_KEY[ESR].title, TIMEOUT)
    await planning.press(texts.CONFIRM_LABELS[ESR], preview)
    await planning.wait_for_text(texts.STEP_DONE[ESR], TIMEOUT)

    # Archived: step 4's escalation to the head (Wednesday 14:31) never comes, nor a digest.
    await walk.tick(wib(8, 14, 31))
    await walk.tick(wib(9, 7, 30))


# (step, part): (working minutes taken, the standard in working minutes); late when over.
RUNS = {
    (1, None): (25, 10), (2, None): (95, 120), (3, None): (150, 60),
    (4, "Sekretariat"): (240, 900), (4, "Bina Marga"): (240, 900),
    (4, "Cipta Karya"): (690, 900), (4, "Tata Ruang"): (1080, 900),
    (5, None): (60, 900), (6, None): (20, 30), (7, None): (310, 120), (8, None): (10, 30),
    (9, None): (10, 2),
}
LATE = {(1, None), (3, None), (4, "Tata Ruang"), (7, None), (9, None)}


async def _time_against_standard(walk: Walk) -> None:
    """/status shows each step's working time against its standard; the archive's compliance
    sheet has every run, the late ones marked."""
    assert {run for run, (taken, standard) in RUNS.items() if taken > standard} == LATE
    head = walk.world.people["head"]
    walk.now = wib(9, 8, 0)
    await head.send_command("status")
    status = await head.wait_for_text(texts.status_header(YEAR, QUARTER, True), TIMEOUT)
    for s in STEPS:
        runs = {run: times for run, times in RUNS.items() if run[0] == s.number}
        taken = max(minutes for minutes, _ in runs.values())  # the parts start together
        on_time = not LATE & runs.keys()
        assert texts.status_line(s.number, s.label, "done", "") in status.content
        assert texts.step_timing(taken, s.time_standard.label, on_time) in status.content

    _, data = await call(walk.world, archive.get_archive, YEAR, QUARTER)
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        name = texts.COMPLIANCE_FILE.format(quarter=QUARTER, year=YEAR)
        [path] = [p for p in bundle.namelist() if p.endswith(name)]
        rows = list(csv.reader(io.StringIO(bundle.read(path).decode("utf-8-sig"))))
    assert tuple(rows[0]) == texts.compliance_columns()
    assert all(r[2] == "-" for r in rows[1:] if r[0] != "4"), "no division: a plain dash"
    sheet = {(int(r[0]), r[2] if r[0] == "4" else None): (int(r[6]), int(r[5]), r[7])
             for r in rows[1:]}
    assert sheet == {run: (taken, standard, texts.NO if run in LATE else texts.YES)
                     for run, (taken, standard) in RUNS.items()}
