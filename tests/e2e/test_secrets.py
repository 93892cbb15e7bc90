"""Secrets stay out of the log: the installed program, a token Telegram rejects."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.log_redaction import MASK, RedactingFilter
from standin import BotApiStandIn
from tests import databases

REJECTED = "987654:THIS-TOKEN-MUST-NOT-BE-LOGGED"


@pytest.mark.parametrize("wrong", ["token", "path"])
async def test_a_rejected_token_is_reported_without_the_token(
        tmp_path: Path, database_url: str | None, wrong: str) -> None:
    async with BotApiStandIn(token=REJECTED if wrong == "path" else "123:KNOWN") as standin:
        # A token the server does not know, or the right one under a wrong path.
        base = standin.base_url if wrong == "token" else standin.base_url + "/salah"
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
               "TELEGRAM_BOT_TOKEN": REJECTED, "TELEGRAM_API_BASE_URL": base,
               "DATA_DIR": str(tmp_path / "data")}
        databases.set_database(env, database_url)
        init = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "init", "--name", "Dinas X", "--code", "x", env=env)
        assert await init.wait() == 0
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(bot.communicate(), timeout=60)
    written = out.decode() + err.decode()
    assert bot.returncode == 1, written[-2000:]
    assert texts.CLI_TOKEN_REJECTED in written
    assert REJECTED not in written and REJECTED.split(":")[1] not in written


async def test_telegram_away_at_start_is_waited_for_without_the_token(
        tmp_path: Path, database_url: str | None) -> None:
    """Nothing listens at the API address when the bot starts: it waits, says so in the log
    (never the token), and polls once the server is there."""
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
           "TELEGRAM_BOT_TOKEN": REJECTED, "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{port}/bot",
           "DATA_DIR": str(tmp_path / "data"), "POLL_TIMEOUT": "1"}
    databases.set_database(env, database_url)
    init = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "init", "--name", "Dinas X", "--code", "x", env=env)
    assert await init.wait() == 0
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    assert bot.stdout is not None
    written: list[str] = []

    async def read_until(text: str) -> None:
        while text not in "".join(written):
            line = await bot.stdout.readline()  # type: ignore[union-attr]
            assert line, "".join(written)[-2000:]
            written.append(line.decode())

    waiting = texts.TELEGRAM_UNREACHABLE_AT_START.split("(")[0]
    await asyncio.wait_for(read_until(waiting), timeout=60)
    async with BotApiStandIn(token=REJECTED, port=port) as standin:
        deadline = asyncio.get_running_loop().time() + 60
        while standin.state.poll_generation == 0:  # each getUpdates counts one
            assert asyncio.get_running_loop().time() < deadline, "".join(written)[-2000:]
            await asyncio.sleep(0.1)
        bot.send_signal(signal.SIGINT)
        rest, _ = await asyncio.wait_for(bot.communicate(), timeout=60)
    output = "".join(written) + rest.decode()
    assert bot.returncode == 0, output[-2000:]
    assert REJECTED not in output and REJECTED.split(":")[1] not in output


def test_the_filter_blanks_messages_arguments_and_tracebacks() -> None:
    secret = "s3cret-database-password"
    guard = RedactingFilter([secret, "short"])
    try:
        raise RuntimeError(f"cannot connect with {secret}")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", (f"pg://{secret}@h",),
                                   sys.exc_info())
    assert guard.filter(record)
    text = logging.Formatter().format(record)
    assert secret not in text and f"pg://{MASK}@h" in text and MASK in (record.exc_text or "")
