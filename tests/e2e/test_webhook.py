"""``sakip-bot run --webhook URL``: the installed bot, as a child process, pushed to by the
stand-in as Telegram pushes to a webhook. A whole quarter is played that way; calls without the
secret token are refused unread; what is sent while the bot is down arrives after its restart;
the secret is never logged."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest

from bot import texts
from bot.webhook import SECRET_HEADER
from standin import BotApiStandIn
from standin.demo_scenario import Officials, play_quarter
from standin.webhook import Webhook
from tests import databases
from tests.e2e.harness import YEAR, BotProcess, bot_env, provision

START_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _registered(standin: BotApiStandIn) -> Webhook:
    return await standin.wait_until(lambda: standin.state.webhook, START_TIMEOUT,
                                    "the bot to set its webhook")


@pytest.mark.skipif(databases.ON_POSTGRES, reason="how updates arrive does not depend on the "
                    "database; the inbox they are written to is tested on both")
async def test_a_quarter_over_a_webhook_with_refusals_and_a_restart(tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram/sakip"
    with databases.empty_url() as database:
        async with BotApiStandIn() as standin:
            env = bot_env(standin.base_url, standin.token, tmp_path / "data")
            databases.set_database(env, database)
            env["WEBHOOK_PORT"] = str(port)
            await asyncio.to_thread(provision, env, tmp_path / "master.xlsx")
            people = Officials.register(standin)
            log = tmp_path / "bot.log"
            bot = BotProcess(env, log, "--webhook", url)
            bot.start()
            try:
                webhook = await _registered(standin)
                assert webhook.url == url and webhook.secret
                head = people["head"]

                # Without the secret, with a wrong one, or not an update: refused, unread.
                probe = {"update_id": 999_999, "message": {
                    "message_id": 1, "date": 0, "text": "/tugas",
                    "chat": {"id": head.id, "type": "private"},
                    "from": {"id": head.id, "is_bot": False, "first_name": "X"}}}
                async with aiohttp.ClientSession() as http:
                    for headers, body, status in (
                            ({}, probe, 403), ({SECRET_HEADER: "salah"}, probe, 403),
                            ({SECRET_HEADER: webhook.secret}, "bukan json", 400),
                            ({SECRET_HEADER: webhook.secret}, "[1, 2]", 400),
                            ({SECRET_HEADER: webhook.secret}, '{"update_id": "x"}', 400)):
                        kwargs = {"json": body} if isinstance(body, dict) else {"data": body}
                        async with http.post(url, headers=headers, **kwargs) as answer:
                            assert answer.status == status, (headers, body)
                    async with http.get(url, headers={SECRET_HEADER: webhook.secret}) as answer:
                        assert answer.status == 405

                await play_quarter(people, YEAR, 1, structured=True)
                await standin.wait_idle(timeout=30, quiet=1.0)
                assert head.messages and not any(
                    "999999" in m.content for m in head.messages)
                assert webhook.delivered == sum(event.to_bot for event in standin.transcript)

                # Down: Telegram keeps the update and tries again; up: it is answered.
                await bot.stop()
                assert bot.process is not None and bot.process.returncode == 0
                assert standin.state.webhook is webhook, "the webhook stays registered"
                before = len(head.messages)
                await head.send_command("status")
                await standin.wait_until(lambda: webhook.last_error, 10, "a failed delivery")
                bot.start()
                answer = await head.wait_for_message(timeout=START_TIMEOUT)
                assert len(head.messages) > before
                assert texts.status_header(YEAR, 1, True) in answer.content
            finally:
                await bot.stop()
            assert not standin.errors, standin.errors
    logged = log.read_text()
    assert "webhook set" in logged
    assert webhook.secret not in logged and standin.token not in logged
