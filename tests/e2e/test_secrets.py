"""Secrets stay out of the log: the installed program, a token Telegram rejects."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.log_redaction import MASK, RedactingFilter
from bot.standin import BotApiStandIn
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
