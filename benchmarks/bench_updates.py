"""Update throughput and latency of sakip-bot in its own process, next to an echo bot.

Run from the repository root (about 1.5 minutes with the defaults)::

    python -m benchmarks.bench_updates [--users 200] [--seconds 8] [--rate 100]
    python -m benchmarks.bench_updates --profile /tmp/sakip-bot.prof   # + cProfile of the bot

Three kinds of process share the machine, as they would in production on one small server:

* this process: the Bot API stand-in (``standin``, aiohttp on 127.0.0.1) and the simulated
  officials, in one event loop;
* **sakip-bot**: ``python -m bot run``, the production Application, configured by environment
  variables only (``TELEGRAM_BOT_TOKEN``, ``TELEGRAM_API_BASE_URL`` and
  ``TELEGRAM_API_FILE_URL`` of the stand-in, ``DATA_DIR`` of a temporary folder holding the
  SQLite database, ``TELEGRAM_PACING=false``, ``POLL_TIMEOUT``; every other setting at its
  default, ``UPDATE_CONCURRENCY`` included);
* **echo**: ``python -m benchmarks.echo_bot``, a bare python-telegram-bot Application polling
  the same way, which answers every update (text, document, button press) with one message
  and answers button presses as the real bot does.

Each bot gets a fresh stand-in and is stopped with SIGTERM at the end. Its memory (VmRSS and
VmHWM from ``/proc/PID/status``) is read once it is idle before the load and again after it,
and its CPU time (``/proc/PID/stat``) around each phase gives its CPU cost per update.

**The agency** (prepared in this process before sakip-bot starts, not timed): a SQLite file in
the temporary folder, migrated; the Sekretariat plus one Bidang per 4 officials (50 for 200
users); a Kepala Dinas, a Sekretaris and a Tim SAKIP lead; the ``--users`` Bidang officials
(Telegram ids 900001…); a Perjanjian Kinerja of this year with 16 indicators and 10 sub
kegiatan per division, written by ``benchmarks.bench_report.master_bytes`` and imported with
``master_data.import_master``; and this quarter's cycle taken through steps 1-3 with the
services, so that step 4 is open for every division. The bot delivers the hand-offs this queued
(one per official) when it starts; the load begins once they are out.

**The mix.** Each official plays step-4 sessions one action after another, each action waiting
for the bot's real answer before the next, as on a phone:

    /tugas -> press "▶️ Langkah 4 — Bidang NN" -> (menu) press one of its indicators -> type a
    figure -> [kendala -> tindak lanjut, when the bot asks] -> send a 3 KB evidence PDF ->
    /status -> /batal

Every official has 4 indicators of its own, in turn, which no other official types into: two
officials editing one indicator at once would be asked which version to keep, which is not
the path measured here. Two sessions in three type a figure 10 % under the target; the bot then
asks kendala and tindak lanjut if that indicator has none yet (so for the first visit to each
indicator only, as for a real official). The echo bot gets the same sequence (kendala and
tindak lanjut after the first under-target figure of an indicator, presses replayed on its last
message), and any reply counts as the answer.

An action's latency runs from just before the simulated user sends it to the moment the
stand-in records the bot's first message or edit in that chat (a transcript listener resolves
a per-chat future, so no waiting user is woken by other chats). The action is over when its
expected prompt arrives (for a figure: after "💾 Tersimpan", the kendala, tindak lanjut or
evidence question). A reply that is neither that prompt nor one expected on the way (the bot's
"server error" apology, anything else) is counted under ``errors`` with its text and the
official leaves the flow with /batal and starts again. A user whose reply takes more than 30 s
stops for the rest of the run and counts as a timeout.

**Phases**, the same for both bots:

* warm-up (not measured): official *i* plays *i* mod 9 actions, so that afterwards the users
  stand at every point of a session and each phase sees the whole mix;
* saturation (closed loop): every official acts, waits for the answer and acts again, for
  ``--seconds``: the most updates per second the bot handles. With N users always waiting,
  latency here is queueing (Little's law: latency ≈ N / throughput);
* paced: every official acts once every N / ``--rate`` seconds, the users' slots spread evenly,
  for ``--seconds``. These latencies are the ones held against the p99 target. A user whose
  answer is late acts again as soon as it comes, so an overloaded bot shows as a lower rate.

The report gives per bot and phase the replies, updates/s, p50/p90/p99/max, errors, timeouts,
the bot process's CPU per update and this process's (stand-in and users: the load generator's
share of the 2 cores); p50/p99 per kind of action; the ratios to the echo bot (throughput:
echo / sakip-bot at saturation, i.e. cost per update; paced p99: sakip-bot / echo); the issue's
targets (≥ 200 updates/s at saturation, p99 < 50 ms at the paced rate, at most 2× the echo bot's
cost per update) with met / NOT met; memory before and after; the problems each bot logged
(WARNING and worse, from its log file); and the machine and its load average, since other
processes on a 2-core machine move every figure.

``--profile FILE`` runs sakip-bot under ``python -m cProfile -o FILE`` and prints the top
functions: its main thread only (the event loop, PTB, httpx), from start to stop, warm-up
included; the services run in worker threads (``asyncio.to_thread``) and do not show, except
as time the loop spends waiting. ``--keep`` leaves the temporary folder (database, files,
both bots' logs) in place and prints its path.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import math
import os
import platform
import pstats
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import telegram
from sqlmodel import select

from benchmarks.bench_report import master_bytes
from bot import texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain.clock import JAKARTA
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import master_data, provisioning, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from standin import BotApiStandIn, SentMessage, SimulatedUser, TranscriptEvent
from standin.demo_scenario import PDF, answer_for, sample_pdf
from storage import inbox, outbox
from storage.models import Division, Indicator

REPO = Path(__file__).resolve().parents[1]
AGENCY_NAME = "Dinas Uji Beban Pembaruan"
AGENCY_CODE = "bench"
LEADERS = ((Role.HEAD, 700_001, "KEPALA DINAS UJI"), (Role.SECRETARY, 700_002, "SEKRETARIS UJI"),
           (Role.SAKIP_TEAM, 700_003, "KETUA TIM SAKIP UJI"))
FIRST_STAFF_ID = 900_001  # Telegram ids of the load's officials
PER_DIVISION = 4  # officials of one Bidang
INDICATORS_EACH = 4  # indicators only that official types into
POLL_TIMEOUT = 10  # seconds of a long poll, both bots (the production default)
REPLY_TIMEOUT = 30.0  # seconds; a user whose reply takes longer stops (and is counted)
START_TIMEOUT = 120.0  # seconds for a bot to start polling and deliver what it owes at start
STOP_TIMEOUT = 30.0  # seconds a bot may take to stop after SIGTERM before it is killed
STAGGER = 9  # positions the warm-up spreads the users over: the longest session
MAX_ROUNDS = 100_000  # hard bound on a closed-loop user's actions, besides the time limit
EVIDENCE_FILLER = 2_500  # characters of text in each evidence PDF: about 3 KB a file
SHOWN = 5  # distinct unexpected replies / logged problems printed per bot
TARGET_RATE = 200.0  # updates/s at saturation (issue 14)
DEFAULT_RATE = 100.0  # updates/s offered in the paced phase; the p99 target is at this rate
TARGET_P99_MS = 50.0
TARGET_RATIO = 2.0
LATENCY_KINDS = frozenset({"message", "document", "photo", "edit"})
MESSAGE_KINDS = frozenset({"message", "document", "photo"})
ACTIONS = ("/tugas", "press task", "press indicator", "figure", "kendala", "tindak lanjut",
           "evidence", "/status", "/batal")

# What the bot's answers begin with, taken from bot.texts so that a reworded text does not
# silently turn every answer into an "unexpected" one.
TASKS_HEAD = texts.tasks_header(1)  # every official has exactly one task: its division's part
INTRO_HEAD = texts.structured_intro("", "", datetime.now(JAKARTA), None).split(" — ")[0]
VALUE_ASKED = texts.ask_value(1, 1, "", "", "", "", "", "", None, None, "").split(" 1/1")[0]
VALUE_SAVED = texts.value_saved("", "", None).split(":")[0]
EVIDENCE_ASKED = texts.ask_item_evidence("", 0).split("“")[0]
EVIDENCE_SAVED = texts.ITEM_EVIDENCE_SAVED.split("{name}")[0]
TASK_BUTTON = "▶️ Langkah 4"  # conversations.general.my_tasks
KENDALA = "Cuaca hujan menghambat pekerjaan di lapangan."
TINDAK_LANJUT = "Menambah jam kerja dan tenaga lapangan."


# --- the agency, prepared before the bot starts -----------------------------------------------
@dataclass
class Agency:
    ctx: ServiceContext
    year: int
    quarter: int
    indicators: dict[int, list[str]]  # Telegram id -> codes of the official's own indicators


def _division_names(users: int) -> list[str]:
    return [f"Bidang {n:02d}" for n in range(1, math.ceil(users / PER_DIVISION) + 1)]


def _staff_division(index: int, divisions: Sequence[str]) -> str:
    return divisions[index // PER_DIVISION]


def prepare_agency(data_dir: Path, users: int) -> Agency:
    """The database sakip-bot will run on, with step 4 open for every division."""
    ctx = build_context(Settings(data_dir=data_dir, database_url=None), migrate=True)
    divisions = _division_names(users)
    provisioning.init_agency(ctx, AGENCY_NAME, AGENCY_CODE, divisions)
    leaders = {}
    for role, telegram_id, name in LEADERS:
        user = provisioning.add_user(ctx, name=name, roles=[(role, None)],
                                     telegram_id=telegram_id)
        assert user.id is not None
        leaders[role] = user.id
    # Registered before step 4 opens, so that each gets its hand-off, as in a real quarter.
    for i in range(users):
        provisioning.add_user(ctx, name=f"STAF {i + 1:03d}",
                              roles=[(Role.DIVISION, _staff_division(i, divisions))],
                              telegram_id=FIRST_STAFF_ID + i)
    now = datetime.now(JAKARTA)
    year, quarter = now.year, (now.month - 1) // 3 + 1
    # bench_report deals the indicators to the Sekretariat and the Bidang in turn.
    count = PER_DIVISION * INDICATORS_EACH * (len(divisions) + 1)
    master_data.import_master(ctx, master_bytes(count, divisions, year), year=year,
                              source_name="master-bench-updates.xlsx")
    _bring_cycle_to_step_4(ctx, leaders, year, quarter)
    return Agency(ctx, year, quarter, _own_indicators(ctx, users, divisions))


def _open_task(ctx: ServiceContext, user_id: int, key: StepKey) -> int:
    return next(t.run_id for t in tasks.open_tasks(ctx, user_id) if t.step is key)


def _bring_cycle_to_step_4(ctx: ServiceContext, leaders: dict[Role, int], year: int,
                           quarter: int) -> None:
    """Steps 1-3 of the quarter through the services, as the leaders would do them."""
    head, secretary, team = leaders[Role.HEAD], leaders[Role.SECRETARY], leaders[Role.SAKIP_TEAM]
    run = steps.start_cycle(ctx, head, year, quarter)
    steps.attach(ctx, head, run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(sample_pdf("Analisa Data Kinerja"), "Analisa-Data-Kinerja.pdf", PDF))
    steps.issue_memo(ctx, head, run.run_id)
    steps.record_briefing(ctx, secretary, _open_task(ctx, secretary, StepKey.BRIEFING),
                          meeting_date=datetime.now(JAKARTA).date(), attendee_ids=[team],
                          directions="Isi realisasi per indikator.", attachment_id=None)
    steps.confirm(ctx, team, _open_task(ctx, team, StepKey.PREPARE_FORMS))


def _own_indicators(ctx: ServiceContext, users: int,
                    divisions: Sequence[str]) -> dict[int, list[str]]:
    """Each official of a Bidang gets every PER_DIVISION-th of its indicators: disjoint sets."""
    by_division: dict[str, list[str]] = {}
    with ctx.transaction() as session:
        rows = session.exec(select(Division.name, Indicator.code).select_from(Indicator)
                            .join(Division, Division.id == Indicator.division_id)
                            .order_by(Indicator.code))
        for division, code in rows:
            by_division.setdefault(division, []).append(code)
    return {FIRST_STAFF_ID + i: by_division[_staff_division(i, divisions)][
                i % PER_DIVISION::PER_DIVISION][:INDICATORS_EACH]
            for i in range(users)}


def busy_rows(ctx: ServiceContext) -> int:
    """Notifications not yet sent and updates not yet done: the bot still owes work."""
    with ctx.transaction() as session:
        return outbox.pending_count(session=session) + len(inbox.unfinished(session=session))


# --- the simulated officials ------------------------------------------------------------------
class ScriptError(Exception):
    """The official cannot do the next action from what the bot last showed."""


def _never(_message: SentMessage) -> bool:
    return False


def _anything(_message: SentMessage) -> bool:
    return True


@dataclass
class Step:
    """One action: how to do it, the answer that ends it, and answers expected on the way."""

    kind: str
    send: Callable[[], Awaitable[object]]
    done: Callable[[SentMessage], bool]
    on_the_way: Callable[[SentMessage], bool] = _never


class Official:
    """A Bidang official playing step-4 sessions; subclasses say what each action is."""

    def __init__(self, user: SimulatedUser, codes: Sequence[str]) -> None:
        self.user = user
        self.codes = list(codes)
        self.sessions = 0  # sessions finished (with /batal)
        self.kind = ACTIONS[0]
        self.last: SentMessage | None = None  # the answer the next action acts on
        self.gone = False  # timed out: sits out the rest of the run
        self.chosen: str | None = None  # this session's indicator, when not the one in turn

    @property
    def code(self) -> str:
        """This session's indicator: the official's own ones in turn."""
        return self.chosen or self.codes[self.sessions % len(self.codes)]

    @property
    def below(self) -> bool:
        """Two sessions in three type a figure under the target."""
        return self.sessions % 3 != 2

    def step(self) -> Step:
        raise NotImplementedError

    def after(self, reply: SentMessage) -> str:
        """The next kind of action, given the answer to this one."""
        raise NotImplementedError

    def answered(self, reply: SentMessage) -> None:
        self.last = reply
        self.kind = self.after(reply)
        if self.kind == ACTIONS[0]:
            self.sessions += 1
            self.chosen = None

    def failed(self) -> None:
        """After an answer that was not the expected one: leave the flow and start over."""
        self.kind = "/batal"

    def evidence(self) -> tuple[bytes, str]:
        """A small PDF that differs for every send (the bot keeps a file only once)."""
        title = f"Data dukung {self.code} {self.user.id} sesi {self.sessions}"
        filler = " ".join(["laporan kegiatan lapangan"] * (EVIDENCE_FILLER // 26))
        return (sample_pdf(f"{title} {filler}"),
                f"Data-Dukung-{self.code}-{self.user.id}-{self.sessions}.pdf")


def _with_button(message: SentMessage | None, wanted: Callable[[str], bool], what: str) -> str:
    labels = message.button_labels if message is not None else []
    label = next((label for label in labels if wanted(label)), None)
    if message is None or label is None:
        shown = message.content[:80] if message is not None else "nothing"
        raise ScriptError(f"no {what} button on {shown!r}")
    return label


class SakipOfficial(Official):
    """Waits for the prompt sakip-bot should answer with, and reacts to what it asks."""

    def __init__(self, user: SimulatedUser, codes: Sequence[str], status_head: str) -> None:
        super().__init__(user, codes)
        self.status_head = status_head

    def step(self) -> Step:
        user, kind = self.user, self.kind
        asked_next = ("figure", "kendala", "tindak lanjut")
        if kind == "/tugas":
            return Step(kind, lambda: user.send_command("tugas"),
                        lambda m: m.content.startswith(TASKS_HEAD))
        if kind == "press task":
            listing = self.last
            label = _with_button(listing, lambda b: b.startswith(TASK_BUTTON), "task")
            return Step(kind, lambda: user.press(label, listing),
                        lambda m: texts.BTN_NEXT_ITEM in m.button_labels,
                        lambda m: m.content.startswith(INTRO_HEAD))
        if kind == "press indicator":
            menu = self.last
            # The menu opens on the page of the first item still open: this session's
            # indicator may be on another page, and the official takes one of theirs shown.
            shown = {label.split()[1] for label in (menu.button_labels if menu else [])
                     if len(label.split()) > 1}
            self.chosen = next((c for c in [self.code, *self.codes] if c in shown), None)
            code = self.code
            label = _with_button(menu, lambda b: b.split()[1:2] == [code], code)
            return Step(kind, lambda: user.press(label, menu),
                        lambda m: m.content.startswith(VALUE_ASKED))
        if kind in asked_next:
            return Step(kind, self._answer_sender(), _asks_next,
                        lambda m: kind == "figure" and m.content.startswith(VALUE_SAVED))
        if kind == "evidence":
            data, name = self.evidence()
            return Step(kind, lambda: user.send_document(data, name, PDF),
                        lambda m: m.content.startswith(EVIDENCE_SAVED))
        if kind == "/status":
            return Step(kind, lambda: user.send_command("status"),
                        lambda m: m.content.startswith(self.status_head))
        return Step(kind, lambda: user.send_command("batal"),
                    lambda m: m.content in (texts.CANCELLED, texts.NOTHING_TO_CANCEL))

    def _answer_sender(self) -> Callable[[], Awaitable[object]]:
        if self.kind == "kendala":
            text = KENDALA
        elif self.kind == "tindak lanjut":
            text = TINDAK_LANJUT
        else:
            prompt = self.last.content if self.last is not None else ""
            try:
                text = answer_for(prompt, short=self.below)
            except (StopIteration, IndexError, ArithmeticError) as error:
                raise ScriptError(f"no target in {prompt[:80]!r}") from error
        return lambda: self.user.send_text(text)

    def after(self, reply: SentMessage) -> str:
        following = {"/tugas": "press task", "press task": "press indicator",
                     "press indicator": "figure", "evidence": "/status", "/status": "/batal",
                     "/batal": "/tugas"}
        if self.kind in following:
            return following[self.kind]
        if reply.content == texts.ASK_OBSTACLES:
            return "kendala"
        return "tindak lanjut" if reply.content == texts.ASK_FOLLOW_UP else "evidence"


def _asks_next(message: SentMessage) -> bool:
    """After a figure, a kendala or a tindak lanjut: the next question about the indicator."""
    return (message.content in (texts.ASK_OBSTACLES, texts.ASK_FOLLOW_UP)
            or message.content.startswith(EVIDENCE_ASKED))


class EchoOfficial(Official):
    """The same actions against the echo bot; any message answers them."""

    def __init__(self, user: SimulatedUser, codes: Sequence[str]) -> None:
        super().__init__(user, codes)
        self.explained: set[str] = set()  # indicators with a kendala, as sakip-bot would keep

    def step(self) -> Step:
        user, kind = self.user, self.kind
        if kind.startswith("/"):
            return Step(kind, lambda: user.send_command(kind), _anything)
        if kind.startswith("press"):
            if self.last is None:
                raise ScriptError("nothing to press on yet")
            data, message = f"bench:{kind}", self.last
            return Step(kind, lambda: user.press_stale(data, message), _anything)
        if kind == "evidence":
            pdf, name = self.evidence()
            return Step(kind, lambda: user.send_document(pdf, name, PDF), _anything)
        text = {"figure": "71,82", "kendala": KENDALA}.get(kind, TINDAK_LANJUT)
        return Step(kind, lambda: user.send_text(text), _anything)

    def after(self, reply: SentMessage) -> str:
        if self.kind == "figure" and self.below and self.code not in self.explained:
            return "kendala"
        if self.kind == "kendala":
            self.explained.add(self.code)
            return "tindak lanjut"
        if self.kind in ("figure", "tindak lanjut"):
            return "evidence"
        return ACTIONS[(ACTIONS.index(self.kind) + 1) % len(ACTIONS)]


# --- measurement ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    first_at: float  # perf_counter() of the bot's first message or edit after the send
    reply: SentMessage  # the message that ended the wait
    problem: str | None  # None, "server error" or "unexpected"


@dataclass
class _Wait:
    step: Step
    future: asyncio.Future[Outcome]
    first_at: float | None = None


class ReplyWatch:
    """Transcript listener: resolves each waiting official's action when its answer comes."""

    def __init__(self, standin: BotApiStandIn, chat_ids: Sequence[int]) -> None:
        self._state = standin.state
        self._watched = frozenset(chat_ids)
        self._waits: dict[int, _Wait] = {}
        self.stray: Counter[str] = Counter()  # bot messages to a user with no action waiting

    def __call__(self, event: TranscriptEvent) -> None:
        # Called synchronously by the stand-in while it records what the bot sent.
        if event.to_bot or event.kind not in LATENCY_KINDS:
            return
        wait = self._waits.get(event.chat_id)
        if wait is None:
            if event.chat_id in self._watched and event.kind in MESSAGE_KINDS:
                self.stray[_short(event.text)] += 1
            return
        if wait.first_at is None:
            wait.first_at = time.perf_counter()
        if event.kind not in MESSAGE_KINDS or event.message_id is None:
            return  # an edit (buttons taken off a pressed message) only starts the clock
        message = self._state.find_message(event.chat_id, event.message_id)
        if message is None:
            return
        problem = _judge(wait.step, message)
        if problem == "on the way":
            return
        del self._waits[event.chat_id]
        if not wait.future.done():
            wait.future.set_result(Outcome(wait.first_at, message, problem))

    def expect(self, chat_id: int, step: Step) -> asyncio.Future[Outcome]:
        """Register interest in the answer to ``step`` (before sending it)."""
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self._waits[chat_id] = _Wait(step, future)
        return future

    def forget(self, chat_id: int) -> None:
        self._waits.pop(chat_id, None)


def _judge(step: Step, message: SentMessage) -> str | None:
    if message.content == texts.SERVER_ERROR:
        return "server error"
    if step.done(message):
        return None
    return "on the way" if step.on_the_way(message) else "unexpected"


def _short(text: str | None, limit: int = 160) -> str:
    flat = (text or "").replace("\n", " ⏎ ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Problems:
    """Answers that were not the expected ones, grouped with numbers (file names, ids) masked;
    the first text of each group is kept to show."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, text: str, count: int = 1) -> None:
        key = re.sub(r"\d+", "#", text)
        self.counts[key] += count
        self.examples.setdefault(key, text)

    def merge(self, other: Problems) -> None:
        for key, count in other.counts.items():
            self.add(other.examples[key], count)

    def most_common(self, limit: int) -> list[tuple[str, int]]:
        return [(self.examples[key], count) for key, count in self.counts.most_common(limit)]


@dataclass
class Phase:
    """What one bot did in one phase."""

    bot: str
    name: str
    users: int
    offered: float | None = None  # updates/s offered in the paced phase
    sent: int = 0
    timeouts: int = 0
    errors: int = 0  # server errors, unexpected answers, actions the script could not do
    seconds: float = 0.0
    bot_cpu: float = 0.0  # seconds of CPU the bot process used during the phase
    bench_cpu: float = 0.0  # same for this process (stand-in and simulated users)
    latencies_ms: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)

    @property
    def replies(self) -> int:
        return len(self.latencies_ms)

    @property
    def rate(self) -> float:
        """Actions answered per second of the phase."""
        return self.replies / self.seconds if self.seconds else 0.0

    def cpu_ms(self, seconds: float) -> float:
        return seconds * 1000 / self.replies if self.replies else math.nan

    def percentile(self, q: float, kind: str | None = None) -> float:
        """Nearest-rank percentile of the latencies in milliseconds (nan if none)."""
        values = self.latencies_ms if kind is None else self.by_kind.get(kind, [])
        if not values:
            return math.nan
        ordered = sorted(values)
        return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]

    def record(self, kind: str, latency_ms: float, outcome: Outcome) -> None:
        self.latencies_ms.append(latency_ms)
        self.by_kind.setdefault(kind, []).append(latency_ms)
        if outcome.problem is not None:
            self.errors += 1
            self.problems.add(f"{kind}: {outcome.problem}: {_short(outcome.reply.content)}")


async def _act(official: Official, watch: ReplyWatch, phase: Phase) -> None:
    """One action, awaited until its answer; a user whose answer never comes is gone."""
    try:
        step = official.step()
    except ScriptError as error:
        phase.errors += 1
        phase.problems.add(f"{official.kind}: {error}")
        official.failed()
        return
    chat = official.user.id
    reply = watch.expect(chat, step)
    sent = time.perf_counter()
    await step.send()
    phase.sent += 1
    try:
        outcome = await asyncio.wait_for(reply, REPLY_TIMEOUT)
    except TimeoutError:
        watch.forget(chat)
        phase.timeouts += 1
        official.gone = True
        return
    phase.record(step.kind, (outcome.first_at - sent) * 1000, outcome)
    if outcome.problem is None:
        official.answered(outcome.reply)
    else:
        official.failed()


async def _user_loop(
    official: Official, watch: ReplyWatch, phase: Phase, *, first_at: float, stop_at: float,
    period: float | None, rounds: int,
) -> None:
    """Up to ``rounds`` actions, each awaited, stopping at ``stop_at``."""
    for round_ in range(rounds):
        if official.gone:
            return
        if period is not None:  # paced: wait for this user's slot, if it comes before the end
            slot = first_at + round_ * period
            if slot >= stop_at:
                return
            delay = slot - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        if time.perf_counter() >= stop_at:
            return
        await _act(official, watch, phase)


async def _run_phase(
    bot: str, name: str, officials: Sequence[Official], watch: ReplyWatch, pid: int, *,
    seconds: float, rate: float | None = None, rounds: Callable[[int], int] | None = None,
) -> Phase:
    """All officials at once; closed loop unless ``rate`` paces them."""
    phase = Phase(bot, name, len(officials), offered=rate)
    period = len(officials) / rate if rate else None
    cpu_before, bench_before = _cpu_seconds(pid), time.process_time()
    start = time.perf_counter()
    stop_at = start + seconds
    default_rounds = math.ceil(seconds / period) if period else MAX_ROUNDS
    await asyncio.gather(*(
        _user_loop(official, watch, phase,
                   first_at=start + (index * period / len(officials) if period else 0.0),
                   stop_at=stop_at, period=period,
                   rounds=rounds(index) if rounds else default_rounds)
        for index, official in enumerate(officials)
    ))
    phase.seconds = time.perf_counter() - start
    phase.bot_cpu = _cpu_seconds(pid) - cpu_before
    phase.bench_cpu = time.process_time() - bench_before
    return phase


# --- the bot processes ------------------------------------------------------------------------
@dataclass
class BotSpec:
    name: str
    command: list[str]
    env: dict[str, str]
    make_official: Callable[[SimulatedUser], Official]
    owes_nothing: Callable[[], Awaitable[bool]]  # all work queued at start is done
    leaders: bool = False  # the Kepala Dinas, Sekretaris and Tim SAKIP have chats too


@dataclass
class Memory:
    rss_kib: int
    hwm_kib: int


def _memory(pid: int) -> Memory:
    fields = dict(line.split(":", 1) for line in
                  Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return Memory(int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0]))


def _environment(standin: BotApiStandIn, extra: dict[str, str]) -> dict[str, str]:
    """This process's environment without any bot setting, plus the stand-in's and ``extra``."""
    settings = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in settings}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return {**env, "TELEGRAM_BOT_TOKEN": standin.token,
            "TELEGRAM_API_BASE_URL": standin.base_url,
            "TELEGRAM_API_FILE_URL": standin.base_file_url, "POLL_TIMEOUT": str(POLL_TIMEOUT),
            **extra}


async def _start(spec: BotSpec, standin: BotApiStandIn, folder: Path,
                 log: Path) -> asyncio.subprocess.Process:
    # The folder as working directory: no .env of the repository is read by the bot.
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            *spec.command, cwd=folder, env=_environment(standin, spec.env),
            stdin=asyncio.subprocess.DEVNULL, stdout=out, stderr=asyncio.subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while standin.state.poll_generation == 0:  # not polling yet
        if process.returncode is not None or time.monotonic() > deadline:
            await _stop(process)
            raise RuntimeError(f"{spec.name} did not start; see its log:\n{_tail(log)}")
        await asyncio.sleep(0.05)
    return process


async def _settle(spec: BotSpec, standin: BotApiStandIn) -> None:
    """Every update handled and everything the bot owes sent, the bot idle."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        await standin.wait_idle(timeout=START_TIMEOUT, quiet=0.5)
        if await spec.owes_nothing():
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{spec.name} still busy after {START_TIMEOUT:g} s")
        await asyncio.sleep(0.2)


async def _stop(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            process.kill()
    return await process.wait()


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (?P<level>[A-Z]+) (?P<rest>.*)$")


def _logged_problems(log: Path) -> Counter[str]:
    """WARNING and worse records of a bot's log, each with the last line of its traceback."""
    found: Counter[str] = Counter()
    current: str | None = None
    last = ""
    end = "0000-00-00 00:00:00,0 END -"  # a last record, so that the one before it counts
    for line in [*log.read_text(errors="replace").splitlines(), end]:
        record = _RECORD.match(line)
        if record is None:
            last = line.strip() or last
            continue
        if current is not None:
            found[current + (f" | {last}" if last else "")] += 1
        level = record["level"]
        current = (f"{level} {_short(record['rest'], 120)}"
                   if level in ("WARNING", "ERROR", "CRITICAL") else None)
        last = ""
    return found


@dataclass
class BotRun:
    name: str
    warm_up: Phase
    phases: list[Phase]
    before: Memory
    after: Memory
    stray: Counter[str]
    unanswered: int  # button presses of the load's users never answered
    logged: Counter[str]
    returncode: int


async def run_bot(spec: BotSpec, args: argparse.Namespace, folder: Path,
                  indicators: dict[int, list[str]]) -> BotRun:
    """A fresh stand-in, the bot's process, the three phases, and the bot stopped."""
    async with BotApiStandIn(bot_username=f"{spec.name.replace('-', '_')}_bench_bot") as standin:
        if spec.leaders:
            for role, telegram_id, name in LEADERS:
                standin.add_user(telegram_id, name.title(), label=role.value)
        officials = [spec.make_official(standin.add_user(telegram_id, f"Staf{i + 1:03d}"))
                     for i, telegram_id in enumerate(indicators)]
        log = folder / f"{spec.name}.log"
        process = await _start(spec, standin, folder, log)
        try:
            await _settle(spec, standin)
            before = _memory(process.pid)
            warm_up, phases, stray = await _measure(spec, standin, officials, process.pid, args)
            await _settle(spec, standin)
            after = _memory(process.pid)
            unanswered = sum(1 for q in standin.unanswered_callback_queries
                             if q.chat_id in indicators)
        finally:
            returncode = await _stop(process)
    return BotRun(spec.name, warm_up, phases, before, after, stray, unanswered,
                  _logged_problems(log), returncode)


async def _measure(spec: BotSpec, standin: BotApiStandIn, officials: Sequence[Official],
                   pid: int, args: argparse.Namespace) -> tuple[Phase, list[Phase], Counter[str]]:
    """Warm-up, saturation and paced phases; returns them and the stray messages."""
    watch = ReplyWatch(standin, [official.user.id for official in officials])
    remove = standin.add_listener(watch)
    try:
        warm_up = await _run_phase(spec.name, "warm-up", officials, watch, pid,
                                   seconds=math.inf, rounds=lambda index: index % STAGGER)
        await standin.wait_idle(timeout=60, quiet=0.3)
        saturation = await _run_phase(spec.name, "saturation", officials, watch, pid,
                                      seconds=args.seconds)
        await standin.wait_idle(timeout=60, quiet=0.3)
        paced = await _run_phase(spec.name, "paced", officials, watch, pid,
                                 seconds=args.seconds, rate=args.rate)
        await standin.wait_idle(timeout=60, quiet=0.3)
    finally:
        remove()
    return warm_up, [saturation, paced], watch.stray


def echo_spec(agency: Agency) -> BotSpec:
    async def always() -> bool:
        return True

    return BotSpec("echo", [sys.executable, "-m", "benchmarks.echo_bot"], {},
                   lambda user: EchoOfficial(user, agency.indicators[user.id]), always)


def sakip_spec(agency: Agency, data_dir: Path, profile: str | None,
               settings: Sequence[str] = ()) -> BotSpec:
    async def owes_nothing() -> bool:
        return await asyncio.to_thread(busy_rows, agency.ctx) == 0

    profiler = ["-m", "cProfile", "-o", str(Path(profile).resolve())] if profile else []
    status_head = texts.status_header(agency.year, agency.quarter, False)
    return BotSpec(
        "sakip-bot", [sys.executable, *profiler, "-m", "bot", "run"],
        {"DATA_DIR": str(data_dir), "TELEGRAM_PACING": "false",
         **dict(setting.split("=", 1) for setting in settings)},
        lambda user: SakipOfficial(user, agency.indicators[user.id], status_head),
        owes_nothing, leaders=True)


# --- report -----------------------------------------------------------------------------------
def _machine() -> str:
    return (f"nproc={os.cpu_count()}  Python {platform.python_version()}  "
            f"python-telegram-bot {telegram.__version__}  {platform.platform()}")


def _load() -> str:
    """Load average: other processes on a 2-core machine move these figures a lot."""
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def _table(phases: Sequence[Phase]) -> str:
    head = (f"{'bot':<10} {'phase':<10} {'users':>5} {'offered/s':>9} {'replies':>7} "
            f"{'upd/s':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} "
            f"{'errors':>6} {'timeouts':>8} {'bot cpu ms/upd':>14} {'load-gen cpu':>12}")
    lines = [head, "-" * len(head)]
    for p in phases:
        offered = f"{p.offered:.0f}" if p.offered else "max"
        lines.append(
            f"{p.bot:<10} {p.name:<10} {p.users:>5} {offered:>9} {p.replies:>7} "
            f"{p.rate:>7.1f} {p.percentile(50):>8.1f} {p.percentile(90):>8.1f} "
            f"{p.percentile(99):>8.1f} {max(p.latencies_ms, default=math.nan):>8.1f} "
            f"{p.errors:>6} {p.timeouts:>8} {p.cpu_ms(p.bot_cpu):>14.2f} "
            f"{p.cpu_ms(p.bench_cpu):>12.2f}"
        )
    return "\n".join(lines)


def _per_action(phases: Sequence[Phase]) -> str:
    heads = [f"{p.bot} {p.name}" for p in phases]
    lines = ["Latency by action: count, p50 / p99 ms",
             f"{'action':<16}" + "".join(f"{h:>26}" for h in heads)]
    for kind in ACTIONS:
        cells = [f"{len(p.by_kind.get(kind, [])):>6} {p.percentile(50, kind):>8.1f} / "
                 f"{p.percentile(99, kind):>7.1f}" for p in phases]
        lines.append(f"{kind:<16}" + "".join(f"{c:>26}" for c in cells))
    return "\n".join(lines)


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _comparison(echo: Sequence[Phase], sakip: Sequence[Phase]) -> str:
    (echo_sat, echo_paced), (sakip_sat, sakip_paced) = echo, sakip
    throughput_ratio = echo_sat.rate / sakip_sat.rate if sakip_sat.rate else math.inf
    p50_ratio = sakip_paced.percentile(50) / echo_paced.percentile(50)
    p99_ratio = sakip_paced.percentile(99) / echo_paced.percentile(99)
    cpu_ratio = sakip_sat.cpu_ms(sakip_sat.bot_cpu) / echo_sat.cpu_ms(echo_sat.bot_cpu)
    offered = sakip_paced.offered or 0
    kept_up = sakip_paced.rate >= 0.95 * offered
    p99 = sakip_paced.percentile(99)
    return "\n".join([
        "Ratios (sakip-bot against the echo bot, same run):",
        f"  saturation throughput      echo/sakip = {throughput_ratio:.2f}x (cost per update)",
        f"  bot CPU per update (sat.)  sakip/echo = {cpu_ratio:.2f}x",
        f"  paced latency p50          sakip/echo = {p50_ratio:.2f}x",
        f"  paced latency p99          sakip/echo = {p99_ratio:.2f}x",
        "Targets for sakip-bot (issue 14):",
        f"  >= {TARGET_RATE:.0f} updates/s at saturation: {sakip_sat.rate:.1f}/s -> "
        f"{_verdict(sakip_sat.rate >= TARGET_RATE)}",
        f"  p99 < {TARGET_P99_MS:.0f} ms at {offered:.0f}/s offered: {p99:.1f} ms, "
        f"{sakip_paced.rate:.1f}/s achieved -> {_verdict(p99 < TARGET_P99_MS and kept_up)}",
        f"  <= {TARGET_RATIO:.0f}x the echo bot's cost per update: {throughput_ratio:.2f}x -> "
        f"{_verdict(throughput_ratio <= TARGET_RATIO)}",
    ])


def _mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def _details(run: BotRun) -> list[str]:
    """Memory, warm-up, and everything that went wrong, for one bot."""
    w = run.warm_up
    lines = [f"{run.name}: VmRSS {_mib(run.before.rss_kib)} before the load -> "
             f"{_mib(run.after.rss_kib)} after; VmHWM {_mib(run.before.hwm_kib)} -> "
             f"{_mib(run.after.hwm_kib)}; exit code {run.returncode}",
             f"  warm-up: {w.replies} actions, {w.errors} errors, {w.timeouts} timeouts"]
    problems = Problems()
    for phase in [w, *run.phases]:
        problems.merge(phase.problems)
    lines += [f"  {count} x {text}" for text, count in problems.most_common(SHOWN)]
    if len(problems.counts) > SHOWN:
        lines.append(f"  ... and {len(problems.counts) - SHOWN} other kinds of problem")
    if run.stray:
        lines.append(f"  {run.stray.total()} stray messages (no action waiting), e.g.:")
        lines += [f"    {count} x {text}" for text, count in run.stray.most_common(SHOWN)]
    if run.unanswered:
        lines.append(f"  {run.unanswered} button presses never answered")
    for text, count in run.logged.most_common(SHOWN):
        lines.append(f"  logged {count} x {text}")
    if len(run.logged) > SHOWN:
        lines.append(f"  ... and {len(run.logged) - SHOWN} other distinct log records")
    return lines


def _profile_top(path: str, limit: int = 25) -> str:
    buffer = io.StringIO()
    pstats.Stats(path, stream=buffer).sort_stats("tottime").print_stats(limit)
    return buffer.getvalue()


def report(echo: BotRun, sakip: BotRun, args: argparse.Namespace) -> str:
    phases = [*echo.phases, *sakip.phases]
    parts = [_table(phases), _per_action(phases), _comparison(echo.phases, sakip.phases),
             "\n".join(["Bot processes:", *_details(echo), *_details(sakip)])]
    if args.profile:
        parts.append(f"cProfile of sakip-bot's main thread, start to stop -> {args.profile}\n"
                     + _profile_top(args.profile))
    return "\n\n".join(parts)


async def _main(args: argparse.Namespace, folder: Path) -> int:
    print(_machine(), flush=True)
    print(f"before: {_load()}", flush=True)
    divisions = len(_division_names(args.users))
    print(f"users={args.users} ({divisions} Bidang x {PER_DIVISION}, {INDICATORS_EACH} "
          f"indicators each) seconds/phase={args.seconds:g} paced rate={args.rate:g}/s",
          flush=True)
    started = time.perf_counter()
    data_dir = folder / "data"
    agency = await asyncio.to_thread(prepare_agency, data_dir, args.users)
    print(f"agency prepared in {time.perf_counter() - started:.1f} s", flush=True)
    try:
        print("echo bot ...", flush=True)
        echo = await run_bot(echo_spec(agency), args, folder, agency.indicators)
        print("sakip-bot ...", flush=True)
        sakip = await run_bot(sakip_spec(agency, data_dir, args.profile, args.set), args, folder,
                              agency.indicators)
    finally:
        agency.ctx.engine.dispose()
    print(f"after: {_load()}")
    print()
    print(report(echo, sakip, args))
    gone = any(p.timeouts for run in (echo, sakip) for p in [run.warm_up, *run.phases])
    return 1 if gone or sakip.returncode or echo.returncode else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_updates",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="simulated officials (200)")
    parser.add_argument("--seconds", type=float, default=8.0,
                        help="length of the saturation and of the paced phase (8)")
    parser.add_argument("--rate", type=float, default=DEFAULT_RATE,
                        help=f"updates/s offered in the paced phase ({DEFAULT_RATE:g})")
    parser.add_argument("--profile", metavar="FILE",
                        help="run sakip-bot under cProfile, write the stats to FILE")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting of sakip-bot's, e.g. UPDATE_CONCURRENCY=4 (repeatable)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder (database, files, bot logs)")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds <= 0 or args.rate <= 0:
        parser.error("--users, --seconds and --rate must be positive")
    if any("=" not in setting for setting in args.set):
        parser.error("--set takes NAME=VALUE")
    folder = Path(tempfile.mkdtemp(prefix="sakip-bench-"))
    try:
        return asyncio.run(_main(args, folder))
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)


if __name__ == "__main__":
    sys.exit(main())
