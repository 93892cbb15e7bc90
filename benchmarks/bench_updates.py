"""Update throughput and latency of sakip-bot against the Bot API stand-in, next to an echo bot.

Run from the repository root::

    python -m benchmarks.bench_updates [--users 200] [--seconds 8] [--rate 200]

Everything runs in this process and one event loop, exactly as ``sakip-bot demo`` does: the
stand-in (aiohttp on 127.0.0.1), the simulated officials and the bot polling over loopback.

1. **Echo baseline.** A fresh stand-in and a bare python-telegram-bot ``Application`` whose one
   ``MessageHandler`` replies with the text it got, with the same N simulated users.
2. **sakip-bot.** ``bot.demo.running_bot``: a stand-in, the seeded demo agency in a SQLite file
   in a temporary folder and the real Application. Before the load, this quarter's cycle is
   brought to step 4 through the services (so ``/tugas`` lists a task and ``/status`` shows a
   live cycle), and N extra Bidang officials are registered in the database and the stand-in.

Each bot then gets the same phases; every user alternates ``/tugas`` and ``/status``:

* warm-up: every user sends each command once (not measured);
* saturation (closed loop): every user sends, waits for the reply and sends again, until
  ``--seconds`` have passed: the most updates per second the bot handles. With N users always
  waiting, latency here is queueing (Little's law: latency ≈ N / throughput);
* paced: every user sends once every N / ``--rate`` seconds, the users' sends spread evenly over
  that period, for ``--seconds``: the ROADMAP's offered load (200 updates/s by default). These
  latencies are the ones to hold against the p99 target. A user whose reply is late sends its
  next command when the reply comes, so an overloaded bot shows as a lower achieved rate.

Throughput counts replies received. Latency runs from just before the simulated user's send to
the moment the stand-in records the bot's reply (a transcript listener resolves a per-chat
future, so no waiting user is woken by other users' events). A reply that is the bot's
"server error" apology counts as a reply and in the ``errors`` column; the exceptions the bot
logs are tallied instead of printed (with 200 Bidang officials, ``/status`` is longer than
Telegram's 4,096 characters and every one fails).

``--profile FILE`` also writes cProfile statistics of sakip-bot's saturation phase (event-loop
thread only) and prints the top functions. After the load, the blocking service calls behind one
update are called directly, one at a time while the bot is idle, to show where a handler's time
goes before thread hops and contention.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import logging
import math
import os
import platform
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import telegram
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot import texts
from bot.demo import running_bot
from bot.demo_data import DIVISIONS, OFFICIALS
from bot.demo_scenario import PDF, sample_pdf
from bot.domain.clock import JAKARTA
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import identity, provisioning, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from bot.standin import BotApiStandIn, SimulatedUser, TranscriptEvent
from storage import outbox

COMMANDS = ("/tugas", "/status")
FIRST_STAFF_ID = 900_001  # Telegram ids of the extra officials; clear of the demo's 7100xx
REPLY_TIMEOUT = 30.0  # seconds; a user whose reply takes longer stops (and is counted)
MAX_ROUNDS = 100_000  # hard bound on a closed-loop user's sends, besides the time limit
BOT_MESSAGE_KINDS = frozenset({"message", "document", "photo"})
TARGET_RATE = 200.0  # updates/s (ROADMAP)
TARGET_P99_MS = 50.0
TARGET_RATIO = 2.0
SERVICE_SAMPLES = 50  # calls per blocking service in the breakdown


# --- measurement ------------------------------------------------------------------------------
@dataclass
class Phase:
    """What one bot did in one phase."""

    bot: str
    name: str
    users: int
    offered: float | None = None  # updates/s offered in the paced phase
    sent: int = 0
    timeouts: int = 0
    errors: int = 0  # replies that were the bot's "server error" apology
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    by_command: dict[str, list[float]] = field(default_factory=dict)

    @property
    def replies(self) -> int:
        return len(self.latencies_ms)

    @property
    def rate(self) -> float:
        """Replies received per second of the phase."""
        return self.replies / self.seconds if self.seconds else 0.0

    def percentile(self, q: float, command: str | None = None) -> float:
        """Nearest-rank percentile of the latencies in milliseconds (nan if none)."""
        values = self.latencies_ms if command is None else self.by_command.get(command, [])
        if not values:
            return math.nan
        ordered = sorted(values)
        rank = max(1, math.ceil(q / 100 * len(ordered)))
        return ordered[rank - 1]


class ReplyWatch:
    """Transcript listener: the arrival time of the bot's next message, per watched chat."""

    def __init__(self, chat_ids: Sequence[int], error_text: str | None = None) -> None:
        self._watched = frozenset(chat_ids)
        self._error_text = error_text
        self._pending: dict[int, asyncio.Future[tuple[float, bool]]] = {}
        self.unexpected = 0  # bot messages to a watched chat with no command outstanding

    def __call__(self, event: TranscriptEvent) -> None:
        # Called synchronously by the stand-in while it records the bot's sendMessage.
        if event.to_bot or event.kind not in BOT_MESSAGE_KINDS:
            return
        future = self._pending.pop(event.chat_id, None)
        if future is None:
            if event.chat_id in self._watched:
                self.unexpected += 1
            return
        if not future.done():
            failed = self._error_text is not None and event.text == self._error_text
            future.set_result((time.perf_counter(), failed))

    def expect(self, chat_id: int) -> asyncio.Future[tuple[float, bool]]:
        """Register interest in the next bot message to ``chat_id`` (before sending)."""
        future: asyncio.Future[tuple[float, bool]] = asyncio.get_running_loop().create_future()
        self._pending[chat_id] = future
        return future

    def forget(self, chat_id: int) -> None:
        self._pending.pop(chat_id, None)


async def _user_loop(
    user: SimulatedUser, index: int, watch: ReplyWatch, phase: Phase, *,
    first_at: float, stop_at: float, period: float | None, rounds: int,
) -> None:
    """One official: up to ``rounds`` commands, each awaited, stopping at ``stop_at``."""
    for round_ in range(rounds):
        if period is not None:  # paced: wait for this user's slot, if it comes before the end
            slot = first_at + round_ * period
            if slot >= stop_at:
                return
            delay = slot - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        if time.perf_counter() >= stop_at:
            return
        command = COMMANDS[(index + round_) % len(COMMANDS)]
        reply = watch.expect(user.id)
        sent = time.perf_counter()
        await user.send_command(command)
        phase.sent += 1
        try:
            arrived, failed = await asyncio.wait_for(reply, REPLY_TIMEOUT)
        except TimeoutError:
            watch.forget(user.id)
            phase.timeouts += 1
            return
        latency = (arrived - sent) * 1000
        phase.latencies_ms.append(latency)
        phase.by_command.setdefault(command, []).append(latency)
        phase.errors += failed


async def _run_phase(
    bot: str, name: str, users: Sequence[SimulatedUser], watch: ReplyWatch, *,
    seconds: float, rate: float | None = None, rounds: int | None = None,
) -> Phase:
    """All users at once; closed loop unless ``rate`` paces them."""
    phase = Phase(bot, name, len(users), offered=rate)
    period = len(users) / rate if rate else None
    if rounds is None:
        rounds = math.ceil(seconds / period) if period else MAX_ROUNDS
    start = time.perf_counter()
    stop_at = start + seconds
    await asyncio.gather(*(
        _user_loop(user, index, watch, phase,
                   first_at=start + (index * period / len(users) if period else 0.0),
                   stop_at=stop_at, period=period, rounds=rounds)
        for index, user in enumerate(users)
    ))
    phase.seconds = time.perf_counter() - start
    return phase


async def _measure(
    bot: str, standin: BotApiStandIn, users: Sequence[SimulatedUser], args: argparse.Namespace,
    profile: cProfile.Profile | None = None, error_text: str | None = None,
) -> tuple[list[Phase], int]:
    """Warm-up, saturation and paced phases against one bot; returns them and stray messages."""
    watch = ReplyWatch([user.id for user in users], error_text)
    remove = standin.add_listener(watch)
    try:
        await _run_phase(bot, "warm-up", users, watch, seconds=math.inf, rounds=len(COMMANDS))
        await standin.wait_idle(timeout=60, quiet=0.3)
        if profile is not None:
            profile.enable()
        saturation = await _run_phase(bot, "saturation", users, watch, seconds=args.seconds)
        if profile is not None:
            profile.disable()
        await standin.wait_idle(timeout=60, quiet=0.3)
        paced = await _run_phase(bot, "paced", users, watch, seconds=args.seconds,
                                 rate=args.rate)
        await standin.wait_idle(timeout=60, quiet=0.3)
    finally:
        remove()
    return [saturation, paced], watch.unexpected


# --- the bare echo bot ------------------------------------------------------------------------
async def _echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


@contextlib.asynccontextmanager
async def _echo_bot() -> AsyncIterator[BotApiStandIn]:
    """A fresh stand-in and a bare PTB Application polling it like ``running_bot`` does."""
    async with BotApiStandIn(bot_username="echo_bench_bot") as standin:
        application: Application = (  # type: ignore[type-arg]
            ApplicationBuilder().token(standin.token).base_url(standin.base_url)
            .base_file_url(standin.base_file_url).build()
        )
        application.add_handler(MessageHandler(filters.TEXT, _echo))
        await application.initialize()
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1,
                                                allowed_updates=Update.ALL_TYPES)
        try:
            yield standin
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()


def _add_users(standin: BotApiStandIn, count: int) -> list[SimulatedUser]:
    """The load's officials on a stand-in, Bidang by Bidang in turn."""
    return [
        standin.add_user(FIRST_STAFF_ID + i, f"Staf{i + 1:03d}",
                         label=f"Staf {DIVISIONS[i % len(DIVISIONS)]} {i + 1:03d}")
        for i in range(count)
    ]


# --- sakip-bot --------------------------------------------------------------------------------
def _open_task(ctx: ServiceContext, user_id: int, key: StepKey) -> int:
    return next(t.run_id for t in tasks.open_tasks(ctx, user_id) if t.step is key)


def _bring_cycle_to_step_4(ctx: ServiceContext, year: int, quarter: int) -> None:
    """Steps 1-3 of this quarter through the services, as the demo officials would do them."""
    ids = {}
    for official in OFFICIALS:
        member = identity.whoami(ctx, official.telegram_id)
        assert member is not None
        ids[official.key] = member.user_id
    head, secretary, team = ids["head"], ids["secretary"], ids["team_lead"]
    run = steps.start_cycle(ctx, head, year, quarter)
    steps.attach(ctx, head, run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(sample_pdf("Analisa Data Kinerja"), "Analisa-Data-Kinerja.pdf", PDF))
    steps.issue_memo(ctx, head, run.run_id)
    steps.record_briefing(ctx, secretary, _open_task(ctx, secretary, StepKey.BRIEFING),
                          meeting_date=datetime.now(JAKARTA).date(), attendee_ids=[team],
                          directions="Isi realisasi per indikator.", attachment_id=None)
    steps.confirm(ctx, team, _open_task(ctx, team, StepKey.PREPARE_FORMS))


def _register_staff(ctx: ServiceContext, count: int) -> None:
    """``count`` Bidang officials with Telegram ids, spread over the demo's Bidang."""
    for i in range(count):
        division = DIVISIONS[i % len(DIVISIONS)]
        provisioning.add_user(ctx, name=f"STAF {division.upper()} {i + 1:03d}",
                              roles=[(Role.DIVISION, division)],
                              telegram_id=FIRST_STAFF_ID + i)


def _service_costs(ctx: ServiceContext) -> list[tuple[str, float]]:
    """Mean milliseconds of each blocking call behind one update, run here one at a time."""
    member = identity.whoami(ctx, FIRST_STAFF_ID)
    assert member is not None
    user_id = member.user_id

    def log_reply() -> None:  # what RecordingRequest does after every sendMessage
        with ctx.transaction() as session:
            outbox.log_message(session=session, chat_id=FIRST_STAFF_ID, method="sendmessage",
                               now=ctx.now(), message_id=1, text="benchmark")

    calls: list[tuple[str, Callable[[], object]]] = [
        ("identity.whoami (guard, every update)", lambda: identity.whoami(ctx, FIRST_STAFF_ID)),
        ("tasks.open_tasks (/tugas)", lambda: tasks.open_tasks(ctx, user_id)),
        ("tasks.cycle_status (/status)", lambda: tasks.cycle_status(ctx, user_id)),
        ("outbox.log_message (every reply)", log_reply),
    ]
    costs = []
    for label, call in calls:
        call()  # warm
        start = time.perf_counter()
        for _ in range(SERVICE_SAMPLES):
            call()
        costs.append((label, (time.perf_counter() - start) * 1000 / SERVICE_SAMPLES))
    return costs


class _ErrorTally(logging.Handler):
    """Counts the exceptions the bot's error handler logs, instead of printing each traceback."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        self.counts[f"{type(error).__name__}: {error}" if error else record.getMessage()] += 1


@contextlib.contextmanager
def _tally_errors(logger_name: str) -> Iterator[_ErrorTally]:
    logger = logging.getLogger(logger_name)
    tally = _ErrorTally()
    logger.addHandler(tally)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield tally
    finally:
        logger.removeHandler(tally)
        logger.propagate = propagate


@dataclass
class SakipRun:
    phases: list[Phase]
    unexpected: int
    costs: list[tuple[str, float]]
    profile: cProfile.Profile | None
    errors: Counter[str]


async def _measure_sakip(args: argparse.Namespace, data_dir: Path) -> SakipRun:
    now = datetime.now(JAKARTA)
    year, quarter = now.year, (now.month - 1) // 3 + 1
    profile = cProfile.Profile() if args.profile else None
    # The bot logs each failed update with a traceback (bot.app._on_error); count them instead.
    with _tally_errors("bot.app") as tally:
        async with running_bot(data_dir, master_year=year) as world:
            ctx = world.services
            await asyncio.to_thread(_bring_cycle_to_step_4, ctx, year, quarter)
            await world.standin.wait_idle(timeout=60, quiet=0.5)  # hand-offs delivered first
            await asyncio.to_thread(_register_staff, ctx, args.users)
            users = _add_users(world.standin, args.users)
            phases, unexpected = await _measure("sakip-bot", world.standin, users, args,
                                                profile, error_text=texts.SERVER_ERROR)
            costs = await asyncio.to_thread(_service_costs, ctx)
    return SakipRun(phases, unexpected, costs, profile, tally.counts)


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
            f"{'errors':>6} {'timeouts':>8}")
    lines = [head, "-" * len(head)]
    for p in phases:
        offered = f"{p.offered:.0f}" if p.offered else "max"
        lines.append(
            f"{p.bot:<10} {p.name:<10} {p.users:>5} {offered:>9} {p.replies:>7} "
            f"{p.rate:>7.1f} {p.percentile(50):>8.1f} {p.percentile(90):>8.1f} "
            f"{p.percentile(99):>8.1f} {max(p.latencies_ms, default=math.nan):>8.1f} "
            f"{p.errors:>6} {p.timeouts:>8}"
        )
    return "\n".join(lines)


def _per_command(phases: Sequence[Phase]) -> str:
    lines = ["Latency by command, p50 / p99 ms:"]
    for p in phases:
        cells = [f"{c} {p.percentile(50, c):.1f} / {p.percentile(99, c):.1f}" for c in COMMANDS]
        lines.append(f"  {p.bot:<10} {p.name:<10} " + "   ".join(cells))
    return "\n".join(lines)


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _comparison(echo: Sequence[Phase], sakip: Sequence[Phase]) -> str:
    (echo_sat, echo_paced), (sakip_sat, sakip_paced) = echo, sakip
    throughput_ratio = echo_sat.rate / sakip_sat.rate if sakip_sat.rate else math.inf
    p50_ratio = sakip_paced.percentile(50) / echo_paced.percentile(50)
    p99_ratio = sakip_paced.percentile(99) / echo_paced.percentile(99)
    paced_ok = sakip_paced.rate >= 0.95 * (sakip_paced.offered or 0)
    return "\n".join([
        "Ratios (sakip-bot against the echo bot, same run):",
        f"  saturation throughput  echo/sakip = {throughput_ratio:.2f}x",
        f"  paced latency p50      sakip/echo = {p50_ratio:.2f}x",
        f"  paced latency p99      sakip/echo = {p99_ratio:.2f}x",
        "ROADMAP targets for sakip-bot:",
        f"  >= {TARGET_RATE:.0f} updates/s (saturation): {sakip_sat.rate:.1f}/s -> "
        f"{_verdict(sakip_sat.rate >= TARGET_RATE)}",
        f"  keeps up with {sakip_paced.offered or 0:.0f}/s offered (paced): "
        f"{sakip_paced.rate:.1f}/s -> {_verdict(paced_ok)}",
        f"  p99 < {TARGET_P99_MS:.0f} ms (paced): {sakip_paced.percentile(99):.1f} ms -> "
        f"{_verdict(sakip_paced.percentile(99) < TARGET_P99_MS)}",
        f"  <= {TARGET_RATIO:.0f}x echo (throughput and paced p99): "
        f"{throughput_ratio:.2f}x / {p99_ratio:.2f}x -> "
        f"{_verdict(throughput_ratio <= TARGET_RATIO and p99_ratio <= TARGET_RATIO)}",
    ])


def _profile_top(profile: cProfile.Profile, path: Path, limit: int = 25) -> str:
    profile.dump_stats(path)
    buffer = io.StringIO()
    stats = pstats.Stats(profile, stream=buffer)
    stats.sort_stats("tottime").print_stats(limit)
    return buffer.getvalue()


async def _main(args: argparse.Namespace) -> int:
    print(_machine(), flush=True)
    print(f"before: {_load()}", flush=True)
    print(f"users={args.users} seconds/phase={args.seconds:g} paced rate={args.rate:g}/s "
          f"commands={' '.join(COMMANDS)}", flush=True)

    print("echo bot ...", flush=True)
    async with _echo_bot() as standin:
        echo, echo_unexpected = await _measure("echo", standin, _add_users(standin, args.users),
                                               args)

    print("sakip-bot ...", flush=True)
    with tempfile.TemporaryDirectory(prefix="sakip-bench-") as folder:
        sakip = await _measure_sakip(args, Path(folder) / "data")

    print(f"after: {_load()}")
    print()
    print(_table([*echo, *sakip.phases]))
    print()
    print(_per_command([*echo, *sakip.phases]))
    print()
    print(_comparison(echo, sakip.phases))
    for error, count in sakip.errors.most_common():
        print(f"sakip-bot logged {count} x {error}")
    if echo_unexpected or sakip.unexpected:
        print(f"(stray bot messages to load users: echo {echo_unexpected}, "
              f"sakip-bot {sakip.unexpected}; they may have ended a wait early)")
    print()
    print(f"Blocking service calls behind one update (mean of {SERVICE_SAMPLES} direct calls, "
          "one at a time, bot idle):")
    for label, ms in sakip.costs:
        print(f"  {label:<40} {ms:7.2f} ms")
    if sakip.profile is not None:
        print()
        print(f"cProfile of sakip-bot's saturation phase (event-loop thread) -> {args.profile}")
        print(_profile_top(sakip.profile, Path(args.profile)))
    failed = any(p.timeouts for p in [*echo, *sakip.phases])
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_updates",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="simulated officials (200)")
    parser.add_argument("--seconds", type=float, default=8.0,
                        help="length of the saturation and of the paced phase (8)")
    parser.add_argument("--rate", type=float, default=TARGET_RATE,
                        help="updates/s offered in the paced phase (200)")
    parser.add_argument("--profile", metavar="FILE",
                        help="write cProfile stats of sakip-bot's saturation phase to FILE")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds <= 0 or args.rate <= 0:
        parser.error("--users, --seconds and --rate must be positive")
    return asyncio.run(_main(args))


if __name__ == "__main__":
    sys.exit(main())
