"""Reports rendered by worker processes: the same bytes as in the calling thread, in the
agency's zone, a worker that dies is replaced, and the workers end with the bot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.clock import zone_of
from bot.formatting import datetime_long
from reports import charts
from reports.pool import ReportPool


@pytest.fixture(scope="module")
def pool() -> Iterator[ReportPool]:
    workers = ReportPool(1)
    yield workers
    workers.shutdown()


def test_a_worker_renders_what_the_calling_thread_would(pool: ReportPool) -> None:
    rows = [("1.1 Panjang jalan mantap", 96.5), ("1.2 Jembatan baik", 101.0)]
    here = ReportPool(0).render(charts.achievement_chart, rows=rows, title="Capaian TW I")
    assert pool.render(charts.achievement_chart, rows=rows, title="Capaian TW I") == here
    assert pool.render(os.getpid) != os.getpid(), "rendered in another process"


def test_the_local_zone_goes_along(pool: ReportPool) -> None:
    moment = datetime(2024, 4, 1, 3, 0, tzinfo=UTC)
    with zone_of("Asia/Jayapura"):
        assert pool.render(datetime_long, moment=moment) == (
            "Senin, 1 April 2024 pukul 12.00 WIT")


def test_a_worker_that_dies_is_replaced(pool: ReportPool) -> None:
    victim = pool.render(os.getpid)
    os.kill(victim, signal.SIGKILL)
    survivor = pool.render(os.getpid)
    assert survivor != victim


# A bot with a pool whose worker has rendered once; it prints the worker's process id and
# waits to be killed.
BOT = """
import os, time
from reports.pool import ReportPool
pool = ReportPool(2)
print(pool.render(os.getpid), flush=True)
time.sleep(120)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` runs; a zombie (ended, not yet reaped by its new parent) does not."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_the_workers_end_when_the_bot_is_killed() -> None:
    bot = subprocess.Popen([sys.executable, "-c", BOT], stdout=subprocess.PIPE, text=True,
                           cwd=Path(__file__).resolve().parents[1])
    try:
        assert bot.stdout is not None
        worker = int(bot.stdout.readline())
        assert _running(worker)
        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=10)
        deadline = time.monotonic() + 15
        while _running(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(worker), "a report worker outlived the bot killed outright"
    finally:
        bot.kill()
