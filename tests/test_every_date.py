"""The document and chat tests pass whatever day it is.

They are run again here, each time in a pytest of its own with the test clock pinned by
``SAKIP_TEST_NOW`` to one of the moments of ``tests.clock.DATES`` (month ends, a leap day,
31 December, a Friday afternoon, holidays, the hours when the WIB and UTC dates differ). The
suite itself runs on ``tests.clock.DEFAULT``. Three runs go at a time: the chat tests spend most
of their time waiting on the loopback, so they share two cores well.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from bot.domain.calendar_config import load_calendar
from bot.domain.clock import to_local
from tests import databases
from tests.clock import DATES, DEFAULT, ENV, parse

ROOT = Path(__file__).resolve().parent.parent
DATED_TESTS = (
    "tests/conversations",
    "tests/test_master_import_chat.py",
    "tests/test_reports_documents.py",
    "tests/test_esr_report.py",
)
# What these test is how the bot stands up to faults, hostile input and load, not what day it is;
# the suite runs them once, and on each date they would only double this test's time.
NOT_DATED = (
    "tests/conversations/test_conv_fuzz.py",
    "tests/conversations/test_conv_outage.py",
    "tests/conversations/test_conv_concurrent.py",
    "tests/conversations/test_conv_commits.py",
    "tests/conversations/test_conv_update_unit.py",
    "tests/conversations/test_conv_forged.py",
)
AT_ONCE = 3
TIMEOUT = 900


def _run_pinned(moment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENV: moment}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *DATED_TESTS,
         *(f"--ignore={path}" for path in NOT_DATED),
         # LibreOffice opening a file tells nothing about its dates and costs a core for seconds.
         "-k", "not libreoffice"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def test_the_tests_left_out_of_the_dated_runs_exist() -> None:
    # A renamed file would otherwise slip back into every dated run unnoticed.
    assert all((ROOT / path).is_file() for path in NOT_DATED)
    assert all(any(path.startswith(dated) for dated in DATED_TESTS) for path in NOT_DATED)


def test_the_dates_are_spread_over_a_year_and_the_awkward_hours() -> None:
    moments = [parse(m) for m in (*DATES, DEFAULT)]
    assert len(set(moments)) == len(moments)
    local = [to_local(m) for m in moments]
    assert {m.month for m in local} >= {1, 2, 3, 8, 9}
    assert any(m.month == 2 and m.day == 29 for m in local), "a leap day"
    assert any(m.month == 1 and m.day == 1 and m.astimezone(UTC).year == m.year - 1
               for m in local), "the turn of the year, a new year in WIB and not yet in UTC"
    holidays = load_calendar().holidays
    assert any(m.date() + timedelta(days=2) in holidays and m.weekday() == 5
               for m in local), "a weekend before a holiday"
    assert any(m.weekday() == 4 and m.hour >= 16 for m in local), "a Friday afternoon"
    assert any(m.weekday() >= 5 for m in local), "a weekend"
    # The bot keeps UTC and shows WIB: moments whose UTC date is the day before.
    assert sum(m.date() != m.astimezone(UTC).date() for m in local) >= 2


@pytest.mark.skipif(databases.ON_POSTGRES, reason="the dates do not depend on the database; "
                    "the SQLite run of the suite covers them")
def test_the_document_and_chat_tests_pass_on_every_date() -> None:
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        results = dict(zip(DATES, pool.map(_run_pinned, DATES), strict=True))
    failed = {moment: result for moment, result in results.items() if result.returncode != 0}
    summary = {moment: result.stdout.strip().splitlines()[-1:] for moment, result in
               results.items()}
    print(f"\n{len(DATES)} dates:", *(f"{m} {s}" for m, s in summary.items()), sep="\n  ")
    assert not failed, "\n\n".join(
        f"{ENV}={moment} ({DATES[moment]}):\n{result.stdout[-4000:]}{result.stderr[-2000:]}"
        for moment, result in failed.items())
