"""``sakip-bot demo``: a whole quarter against the local Bot API stand-in, no token needed.

The real bot (the same Application as in production) polls the stand-in over HTTP on
127.0.0.1; simulated officials tap and type; the transcript is printed as it happens, and the
database and every produced file stay in the output folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from telegram import Update

from bot import texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.demo_data import seed
from bot.domain.calendar import WorkingCalendar
from bot.domain.clock import JAKARTA
from bot.services.context import ServiceContext
from bot.telegram_context import SakipApplication
from standin import BotApiStandIn
from standin.demo_scenario import Officials, play_quarter


@dataclass
class World:
    standin: BotApiStandIn
    application: SakipApplication
    services: ServiceContext
    people: Officials
    settings: Settings


@contextlib.asynccontextmanager
async def running_bot(
    data_dir: Path, *, master_year: int | None = None,
    clock: Callable[[], datetime] | None = None, calendar: WorkingCalendar | None = None,
    database_url: str | None = None, seed: bool = True, telegram_timeout: float = 10.0,
) -> AsyncIterator[World]:
    """The stand-in, a seeded database and the bot polling it, all in this event loop.

    ``clock`` and ``calendar`` replace the real time and the configured working calendar, so
    that a test can walk the bot through days in seconds. The database is ``database_url``
    (empty or at any migration: it is brought up to date), by default ``sakip.db`` in
    ``data_dir``. Without ``seed`` the database must already hold the demo agency.
    ``telegram_timeout`` bounds each Bot API call, as the setting of that name does.
    """
    async with BotApiStandIn(bot_username="sakip_demo_bot") as standin:
        settings = Settings(
            telegram_bot_token=standin.token, telegram_api_base_url=standin.base_url,
            telegram_api_file_url=standin.base_file_url, data_dir=data_dir,
            database_url=database_url, poll_timeout=1.0, telegram_timeout=telegram_timeout,
            telegram_pacing=False,  # the stand-in has no limits to keep
        )
        services = await asyncio.to_thread(
            functools.partial(prepare, settings, master_year=master_year, clock=clock,
                              calendar=calendar, seeded=seed))
        people = Officials.register(standin)
        world = World(standin, await _start(settings, services), services, people, settings)
        try:
            yield world
        finally:
            await _stop(world.application)


async def restart(world: World) -> None:
    """Stop the bot and start a new one on the same database and data folder, as a redeploy
    does: only the stand-in, the clock and the calendar carry over."""
    clock, calendar = world.services.clock, world.services.calendar
    await _stop(world.application)
    world.services = await asyncio.to_thread(build_context, world.settings, clock=clock,
                                             calendar=calendar)
    world.application = await _start(world.settings, world.services)


async def _start(settings: Settings, services: ServiceContext) -> SakipApplication:
    """The production Application, initialised, started and polling."""
    from bot.app import build_application

    application = build_application(settings, services)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1,
                                            allowed_updates=Update.ALL_TYPES)
    return application


async def _stop(application: SakipApplication) -> None:
    assert application.updater is not None
    await application.updater.stop()
    await application.stop()
    if application.post_stop is not None:
        await application.post_stop(application)
    await application.shutdown()
    application.services.engine.dispose()


def prepare(settings: Settings, *, master_year: int | None = None,
            clock: Callable[[], datetime] | None = None,
            calendar: WorkingCalendar | None = None, seeded: bool = True) -> ServiceContext:
    """The services on ``settings``' database, migrated and (with ``seeded``) holding the demo
    agency, with the sample Perjanjian Kinerja of ``master_year`` if one is given."""
    services = build_context(settings, clock=clock, calendar=calendar, migrate=True)
    if seeded:
        seed(services, master_year=master_year)
    return services


async def _play(out_dir: Path) -> None:
    now = datetime.now(JAKARTA)
    year, quarter = now.year, (now.month - 1) // 3 + 1
    async with running_bot(out_dir / "data", master_year=year) as world:
        world.standin.add_listener(lambda event: print(event.format(), flush=True))
        await play_quarter(world.people, year, quarter, structured=True,
                           say=lambda line: print(f"\n=== {line} ===", flush=True))
        transcript = world.standin.format_transcript()
    (out_dir / "transkrip.txt").write_text(transcript + "\n", encoding="utf-8")


def main(out_dir: Path | None = None) -> int:
    out = out_dir or Path("demo-output") / datetime.now(JAKARTA).strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    print(texts.demo_intro(str(out)), flush=True)
    asyncio.run(_play(out))
    print(texts.demo_done(str(out)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
