"""Builds the service context from settings: engine, schema and file store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.config import Settings
from bot.domain.calendar import WorkingCalendar
from bot.domain.calendar_config import load_calendar
from bot.domain.clock import utcnow
from bot.services.context import ServiceContext
from storage.db import create_schema, make_engine
from storage.documents import FileStore


def build_context(settings: Settings, *, clock: Callable[[], datetime] | None = None,
                  calendar: WorkingCalendar | None = None) -> ServiceContext:
    """The services on the configured database and files; ``clock`` and ``calendar`` replace
    the real time and the configured calendar (tests and demos)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    create_schema(engine)
    return ServiceContext(engine=engine, store=FileStore(settings.data_dir),
                          clock=clock or utcnow,
                          calendar=calendar or load_calendar(settings.calendar_file))
