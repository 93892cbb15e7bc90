"""Builds the service context from settings: engine, schema check and file store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.config import Settings
from bot.domain.calendar import WorkingCalendar
from bot.domain.calendar_config import load_calendar
from bot.domain.clock import utcnow
from bot.services.context import ServiceContext
from reports.pool import ReportPool
from storage import schema
from storage.db import make_engine
from storage.documents import FileStore


def build_context(settings: Settings, *, clock: Callable[[], datetime] | None = None,
                  calendar: WorkingCalendar | None = None,
                  migrate: bool = False, pool: bool = False) -> ServiceContext:
    """The services on the configured database and files; ``clock`` and ``calendar`` replace
    the real time and the configured calendar (tests and demos).

    With ``migrate`` the schema is brought up to date first (``init``, the demo); otherwise a
    database behind this program raises ``schema.SchemaOutOfDate`` so that nothing runs on a
    schema the code does not expect. With ``pool`` reports are rendered by ``REPORT_WORKERS``
    worker processes (the running bot); without, in the calling thread (a CLI command, the
    demo).
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    engine = make_engine(settings.db_url)
    try:
        if migrate:
            schema.upgrade(engine)
        else:
            schema.require_current(engine)
    except BaseException:
        engine.dispose()
        raise
    return ServiceContext(engine=engine, store=FileStore(settings.data_dir),
                          clock=clock or utcnow,
                          calendar=calendar or load_calendar(settings.calendar_file),
                          admin_chat_id=settings.admin_chat_id,
                          workbook_limits=settings.workbook_limits(),
                          reports=ReportPool(settings.report_workers if pool else 0))
