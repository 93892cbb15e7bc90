"""Reports rendered by worker processes: the same bytes as in the calling thread, in the
agency's zone, and a worker that dies is replaced."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import UTC, datetime

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
