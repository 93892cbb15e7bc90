"""The demo agency's data, seeded once per session and copied for each test that runs the bot.

Seeding through the services (the agency, its profile, every official, and with a year the
sample Perjanjian Kinerja read from its workbook) costs a few hundred milliseconds, which the chat
tests paid again for every test. The session seeds each variant once, exactly as ``running_bot``
would, and each test starts from a copy of its own: the data folder (the files the import
stored, and on SQLite the database file) and, on PostgreSQL, a database made from the seeded one
as a template. The clock of the seeding is the tests' own starting moment, as before.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from bot.config import Settings
from standin.demo import World, prepare, running_bot
from tests import databases
from tests.clock import RunningClock

_seeded: dict[int | None, databases.DataSnapshot] = {}


def _seed(master_year: int | None) -> databases.DataSnapshot:
    with tempfile.TemporaryDirectory(prefix="sakip-seeding-") as root:
        folder = Path(root) / "data"
        url = databases.server().empty() if databases.ON_POSTGRES else None
        settings = Settings(telegram_bot_token="1:seeding", data_dir=folder, database_url=url)
        services = prepare(settings, master_year=master_year, clock=RunningClock())
        # Closing the last connection folds SQLite's write-ahead log into the file, and a
        # PostgreSQL database must have no connection open while it is copied.
        services.engine.dispose()
        try:
            return databases.data_snapshot(folder, url)
        finally:
            if url is not None:
                databases.server().drop(url)


@contextmanager
def seeded_data(data_dir: Path, *, master_year: int | None = None) -> Iterator[str | None]:
    """Fill ``data_dir`` with a copy of the seeded demo agency (with the sample Perjanjian
    Kinerja of ``master_year``); yields the database URL for ``running_bot(seed=False)``:
    ``None`` on SQLite, whose database is the file in ``data_dir``."""
    if master_year not in _seeded:
        _seeded[master_year] = _seed(master_year)
    seeded = _seeded[master_year]
    seeded.copy_to(data_dir)
    if seeded.url is None:
        yield None
        return
    url = databases.server().copy_of(seeded.url)
    try:
        yield url
    finally:
        databases.server().drop(url)


@asynccontextmanager
async def seeded_bot(data_dir: Path, *, master_year: int | None = None,
                     **options: Any) -> AsyncIterator[World]:
    """``running_bot`` on a copy of the seeded demo agency (``seeded_data``); ``options`` are
    ``running_bot``'s other keywords."""
    with seeded_data(data_dir, master_year=master_year) as url:
        async with running_bot(data_dir, database_url=url, seed=False, **options) as world:
            yield world
