"""The installed bot killed at random moments of a quarter, and two of it on one database.

A quarter is first played once undisturbed, for reference. Then it is played again while the
bot process is killed with SIGKILL 20–50 ms after an official's action, at 20 seeded points, and
started again each time; and once more with two bot processes polling and sending side by side
(an overlapping redeploy). The officials never repeat themselves: each run must reach the same
figures in the database and the same messages in every chat as the reference. A kill may leave
one duplicate, where it fell between Telegram accepting a message and the bot recording that;
two processes may leave none. The figures are printed.

Like the other end-to-end tests, these run on the wall clock; message texts are compared with
their digits masked, since deadlines move on between runs.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from standin import BotApiStandIn, TranscriptEvent
from standin.demo_scenario import Officials, play_quarter
from tests import databases
from tests.e2e.harness import YEAR, BotProcess, bot_env, provision

KILLS = 20
SEED = 20261206
KILL_AFTER = (0.020, 0.050)  # seconds after an official's action
_DIGITS = re.compile(r"\d")


@dataclass
class Run:
    """What one played quarter left: figures in the database, messages in each chat."""

    figures: list[tuple[object, ...]]
    messages: dict[str, Counter[str]]
    actions: int
    kills: int = 0


@dataclass
class Killer:
    """Kills the bot shortly after chosen actions of the officials and starts it again."""

    bots: list[BotProcess]
    at: set[int]
    actions: int = 0
    kills: int = 0
    pending: list[asyncio.TimerHandle] = field(default_factory=list)

    def on_event(self, event: TranscriptEvent) -> None:
        if not event.to_bot:
            return
        self.actions += 1
        if self.actions in self.at:
            delay = random.Random(SEED + self.actions).uniform(*KILL_AFTER)
            self.pending.append(asyncio.get_running_loop().call_later(delay, self._kill))

    def _kill(self) -> None:
        bot = self.bots[0]
        bot.kill()
        self.kills += 1
        bot.start()


def _figures(db_url: str) -> list[tuple[object, ...]]:
    engine = create_engine(db_url, poolclass=NullPool)
    queries = (
        "select indicator_id, division_id, value, explanation, obstacles, follow_up "
        "from indicatorrealization order by indicator_id",
        "select budget_item_id, division_id, amount from financialrealization "
        "order by budget_item_id",
        "select step, division_id, round, status, outcome from steprun order by id",
        # Not the bytes: generated documents carry the moment they were made.
        "select kind, division_id, original_name from document order by id",
    )
    try:
        with engine.connect() as db:
            return [tuple(str(value) for value in row)
                    for query in queries for row in db.execute(text(query))]
    finally:
        engine.dispose()


def _messages(standin: BotApiStandIn) -> dict[str, Counter[str]]:
    return {user.label: Counter(_DIGITS.sub("#", m.first_content) for m in user.messages)
            for user in standin.users}


@asynccontextmanager
async def _quarter(tmp_path: Path, name: str, processes: int = 1) -> AsyncIterator[
        tuple[BotApiStandIn, Officials, list[BotProcess], str]]:
    folder = tmp_path / name
    with databases.empty_url() as url:
        async with BotApiStandIn() as standin:
            env = bot_env(standin.base_url, standin.token, folder / "data")
            databases.set_database(env, url)
            await asyncio.to_thread(provision, env, folder / "master.xlsx")
            people = Officials.register(standin)
            bots = [BotProcess(env, folder / f"bot-{n}.log") for n in range(processes)]
            for bot in bots:
                bot.start()
            try:
                yield standin, people, bots, (
                    url or f"sqlite:///{(folder / 'data' / 'sakip.db').as_posix()}")
            finally:
                for bot in bots:
                    await bot.stop()
            assert not standin.errors, standin.errors


async def _play(tmp_path: Path, name: str, processes: int = 1,
                killing: Callable[[list[BotProcess]], Killer] | None = None) -> Run:
    async with _quarter(tmp_path, name, processes) as (standin, people, bots, db_url):
        killer = killing(bots) if killing else None
        if killer is not None:
            standin.add_listener(killer.on_event)
        await play_quarter(people, YEAR, 1, structured=True)
        await asyncio.sleep(3)  # the last notifications, after a possible last restart
        await standin.wait_idle(timeout=30, quiet=1.0)
        actions = sum(event.to_bot for event in standin.transcript)
        return Run(await asyncio.to_thread(_figures, db_url), _messages(standin), actions,
                   killer.kills if killer else 0)


def _difference(reference: Run, run: Run) -> tuple[int, int]:
    """Messages lost and duplicated, over all chats."""
    lost = duplicated = 0
    for chat, wanted in reference.messages.items():
        got = run.messages.get(chat, Counter())
        lost += sum((wanted - got).values())
        duplicated += sum((got - wanted).values())
    return lost, duplicated


_reference: dict[bool, Run] = {}


async def _the_reference(tmp_path: Path) -> Run:
    """The quarter undisturbed, once per database kind."""
    if databases.ON_POSTGRES not in _reference:
        _reference[databases.ON_POSTGRES] = await _play(tmp_path, "reference")
    return _reference[databases.ON_POSTGRES]


async def test_twenty_kills_lose_nothing(tmp_path: Path) -> None:
    reference = await _the_reference(tmp_path)
    points = set(random.Random(SEED).sample(range(3, reference.actions - 1), KILLS))
    run = await _play(tmp_path, "killed", killing=lambda bots: Killer(bots, points))
    lost, duplicated = _difference(reference, run)
    print(f"\n{run.kills} kills in {reference.actions} actions: messages lost {lost}, "
          f"duplicated {duplicated}; figures equal: {run.figures == reference.figures}")
    assert run.kills == KILLS
    assert run.figures == reference.figures, "a figure or a step came out different"
    assert lost == 0, "a message an official should have had never came"
    assert duplicated <= run.kills


async def test_two_processes_on_one_database_send_nothing_twice(tmp_path: Path) -> None:
    reference = await _the_reference(tmp_path)
    run = await _play(tmp_path, "two", processes=2)
    lost, duplicated = _difference(reference, run)
    print(f"\ntwo processes: messages lost {lost}, duplicated {duplicated}; "
          f"figures equal: {run.figures == reference.figures}")
    assert run.figures == reference.figures
    assert (lost, duplicated) == (0, 0)
