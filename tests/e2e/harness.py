"""The installed bot as a child process, and the agency it serves provisioned with the CLI."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from bot.demo_data import (
    ADDRESS,
    AGENCY_CODE,
    AGENCY_NAME,
    DIVISIONS,
    GOVERNMENT,
    OFFICIALS,
    PLACE,
)
from bot.domain.clock import JAKARTA
from bot.sample_data.master_sample import sample_master
from tests import databases

YEAR = datetime.now(JAKARTA).year  # the head is offered this year and the one before
ROLE_FLAGS = {"head": "head", "secretary": "secretary", "division": "division",
              "sakip_team": "sakip_team", "planning_unit": "planning_unit"}


def cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def provision(env: dict[str, str], master: Path | None = None, *, code: str = AGENCY_CODE,
              telegram_offset: int = 0) -> None:
    """The demo agency, through the CLI; another ``code`` and ``telegram_offset`` (added to
    every Telegram id) make one more of the same shape beside it.

    The CLI's ten commands cost about twenty seconds of interpreter starts. The demo agency
    itself (the first ``provision`` of a test, into an empty data folder and database) is made
    through them once per session, with and once without ``master``; later tests get a copy of
    what they left, the data folder and the database.
    """
    if master is not None:
        master.parent.mkdir(parents=True, exist_ok=True)
        master.write_bytes(sample_master(YEAR))
    data_dir = Path(env["DATA_DIR"])
    first = code == AGENCY_CODE and telegram_offset == 0 and not data_dir.exists()
    made = _provisioned.get(master is not None) if first else None
    if made is not None:
        made.copy_to(data_dir)
        if made.url is not None:
            databases.server().refill(env["DATABASE_URL"], made.url)
        return
    _provision_with_cli(env, master, code, telegram_offset)
    if first:
        _provisioned[master is not None] = databases.data_snapshot(data_dir,
                                                                   env.get("DATABASE_URL"))


_provisioned: dict[bool, databases.DataSnapshot] = {}


def _provision_with_cli(env: dict[str, str], master: Path | None, code: str,
                        telegram_offset: int = 0) -> None:
    division_args = [a for d in DIVISIONS for a in ("--division", d)]
    command = ("init",) if code == AGENCY_CODE else ("agency", "add")
    cli(env, *command, "--name", AGENCY_NAME, "--code", code, *division_args,
         "--province", GOVERNMENT, "--address", ADDRESS, "--place", PLACE)
    env = {**env, "AGENCY_CODE": code}
    if master is not None:
        cli(env, "import", "master", str(master), "--year", str(YEAR))
    for official in OFFICIALS:
        args = ["user", "add", "--name", official.name, "--telegram-id",
                str(official.telegram_id + telegram_offset)]
        for role, division in official.roles:
            args += ["--role", ROLE_FLAGS[role]]
            if division:
                args += ["--division", division]
        for option, value in (("--rank", official.rank), ("--nip", official.nip)):
            args += [option, value] if value else []
        cli(env, *args)


class BotProcess:
    """``python -m bot run`` as a child process, restartable and killable."""

    def __init__(self, env: dict[str, str], log: Path, *options: str) -> None:
        self.env = env
        self.log = log
        self.options = options  # of ``run``, e.g. ("--webhook", URL)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "bot", "run", *self.options],
                                            env=self.env, stdout=out, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    async def stop(self) -> None:
        """Ctrl+C, and wait for the bot to finish. The wait leaves the event loop free: the
        stand-in in it must answer the bot's last calls, or the bot waits out their time-out."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                await asyncio.to_thread(self.process.wait, timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def bot_env(base_url: str, token: str, data_dir: Path) -> dict[str, str]:
    """The environment of a bot process polling the stand-in at ``base_url``."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": base_url,
        "DATA_DIR": str(data_dir),
        "POLL_TIMEOUT": "1",
        "TELEGRAM_PACING": "false",  # the stand-in has no limits to keep
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),  # this checkout's code
    }
