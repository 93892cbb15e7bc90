"""Three bot processes behind one webhook, sharing only a PostgreSQL database, serve three
agencies through one quarter each, played at the same time.

A round-robin proxy stands where nginx would: each update Telegram pushes goes to the next
process, so consecutive updates of one chat land on different processes. Every chat must get
exactly the messages the same quarter gives with one process and one agency (the reference of
``test_crash_recovery``): nothing lost, nothing twice, nothing out of order within a chat;
every update is handled once, and every process handled some. The counts are printed.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bot.demo_data import AGENCY_CODE
from standin import BotApiStandIn
from standin.demo_scenario import Officials, play_quarter
from tests import databases
from tests.e2e.harness import YEAR, BotProcess, bot_env, provision
from tests.e2e.test_crash_recovery import _DIGITS, _the_reference
from tests.e2e.test_webhook import _free_port

pytestmark = pytest.mark.skipif(not databases.ON_POSTGRES,
                                reason="several processes on one database: PostgreSQL")

WORKERS = 3
AGENCIES = {AGENCY_CODE: 0, "pupr": 100_000, "dinkes": 200_000}  # code: Telegram id offset


class RoundRobinProxy:
    """The reverse proxy: each POST to the next process in turn, answered with its answer."""

    def __init__(self, upstreams: list[str]) -> None:
        self.upstreams = upstreams
        self.sent: Counter[str] = Counter()
        self._turn = itertools.cycle(upstreams)

    @asynccontextmanager
    async def serving(self, port: int) -> AsyncIterator[None]:
        app = web.Application()
        app.router.add_post("/{path:.*}", self._forward)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        async with aiohttp.ClientSession() as self._http:
            try:
                yield
            finally:
                await runner.cleanup()

    async def _forward(self, request: web.Request) -> web.Response:
        upstream = next(self._turn)
        headers = {k: v for k, v in request.headers.items()
                   if k.lower() in ("content-type", "x-telegram-bot-api-secret-token")}
        try:
            async with self._http.post(upstream + request.path, data=await request.read(),
                                       headers=headers) as answer:
                if answer.status == 200:
                    self.sent[upstream] += 1
                return web.Response(status=answer.status, body=await answer.read())
        except aiohttp.ClientError:
            return web.Response(status=502)  # the process is not up yet: Telegram retries


def _counts(db_url: str) -> dict[str, int]:
    engine = create_engine(db_url, poolclass=NullPool)
    queries = {
        "updates": "select count(*) from inboxupdate",
        "updates not done": "select count(*) from inboxupdate where done_at is null",
        "messages not sent": "select count(*) from outboxmessage where sent_at is null",
        "cycles archived": "select count(*) from measurementcycle where status = 'archived'",
    }
    try:
        with engine.connect() as db:
            return {name: int(db.execute(text(query)).scalar_one())
                    for name, query in queries.items()}
    finally:
        engine.dispose()


async def test_three_processes_serve_three_agencies_as_one_serves_one(tmp_path: Path) -> None:
    reference = await _the_reference(tmp_path)
    ports = [_free_port() for _ in range(WORKERS)]
    proxy = RoundRobinProxy([f"http://127.0.0.1:{port}" for port in ports])
    proxy_port = _free_port()
    with databases.empty_url() as url:
        assert url is not None
        async with BotApiStandIn() as standin, proxy.serving(proxy_port):
            env = bot_env(standin.base_url, standin.token, tmp_path / "data")
            databases.set_database(env, url)
            env.pop("AGENCY_CODE", None)
            people = {}
            for code, offset in AGENCIES.items():
                await asyncio.to_thread(provision, env, tmp_path / f"master-{code}.xlsx",
                                        code=code, telegram_offset=offset)
                people[code] = Officials.register(standin, telegram_offset=offset, agency=code)
            bots = [BotProcess({**env, "WEBHOOK_PORT": str(port)}, tmp_path / f"bot-{n}.log",
                               "--webhook", f"http://127.0.0.1:{proxy_port}/telegram/sakip")
                    for n, port in enumerate(ports)]
            for bot in bots:
                bot.start()
            try:
                await standin.wait_until(lambda: standin.state.webhook, 60,
                                         "the processes to set the webhook")
                await asyncio.gather(*(play_quarter(officials, YEAR, 1, structured=True)
                                       for officials in people.values()))
                await asyncio.sleep(3)
                await standin.wait_idle(timeout=60, quiet=1.0)
            finally:
                for bot in bots:
                    await bot.stop()
            assert not standin.errors, standin.errors
            counts = await asyncio.to_thread(_counts, url)

    lost = duplicated = 0
    for code in AGENCIES:
        for label, wanted in reference.messages.items():
            user = next(u for u in standin.users if u.label == f"{code}: {label}")
            got = Counter(_DIGITS.sub("#", m.first_content) for m in user.messages)
            lost += sum((wanted - got).values())
            duplicated += sum((got - wanted).values())
    delivered = sum(len(u.messages) for u in standin.users)
    print(f"\n{WORKERS} processes, {len(AGENCIES)} agencies: {counts['updates']} updates, "
          f"{sorted(proxy.sent.values())} through each process; {delivered} messages "
          f"delivered, lost {lost}, duplicated {duplicated}; {counts}")
    assert (lost, duplicated) == (0, 0)
    assert counts["updates not done"] == 0 and counts["messages not sent"] == 0
    assert counts["cycles archived"] == len(AGENCIES)
    assert len(proxy.sent) == WORKERS and min(proxy.sent.values()) > 0, proxy.sent
